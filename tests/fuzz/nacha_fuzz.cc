// Any bytes read as NACHA (the format forced, so the fuzzer reaches the
// batch, entry, addenda and CTX 820 code without having to pass sniffing):
// a value or an error, never a crash, a hang or an out-of-bounds read.
// Whatever is accepted must hold the invariants every payment shares.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bank_text.h"
#include "cashmatch/bank_file.h"

namespace {

void CheckText(std::string_view s) {
  if (!cashmatch::ingest::IsValidUtf8(s)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cashmatch::BankReadOptions options;
  options.format = cashmatch::BankFormat::kNacha;
  options.max_record_bytes = 4096;  // the limit paths too
  auto result = cashmatch::ReadBankFile(bytes, "fuzz.ach", options);
  if (!result.ok()) {
    if (result.status().reason().empty()) __builtin_trap();  // every refusal says why
    CheckText(result.status().reason());
    return 0;
  }
  for (const auto& p : result->payments) {
    if (!p.amount.currency.valid() || p.amount.minor <= 0) __builtin_trap();
    if (p.source_file != "fuzz.ach" || p.source_line == 0 || p.format != "nacha") __builtin_trap();
    if (p.source_ref.size() != 15) __builtin_trap();
    CheckText(p.payer_name);
    CheckText(p.payer_account);
    CheckText(p.account);
    CheckText(p.remittance_text);
    for (const auto& l : p.remittance) {
      CheckText(l.reference);
      CheckText(l.adjustment_reason);
      if (l.paid && l.paid->currency != p.amount.currency) __builtin_trap();
    }
  }
  for (const auto& a : result->advices) {
    if (!a.amount.currency.valid() || a.source_line == 0) __builtin_trap();
    CheckText(a.payer_name);
    CheckText(a.remittance_text);
  }
  return 0;
}
