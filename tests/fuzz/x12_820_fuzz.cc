// Any bytes read as an X12 820 (format forced): a value or an error, never
// a crash, a hang or an out-of-bounds read; accepted advices hold their
// invariants and valid UTF-8.
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
  options.format = cashmatch::BankFormat::kX12_820;
  options.max_record_bytes = 4096;
  auto result = cashmatch::ReadBankFile(bytes, "fuzz.edi", options);
  if (!result.ok()) {
    if (result.status().reason().empty()) __builtin_trap();
    CheckText(result.status().reason());
    return 0;
  }
  if (!result->payments.empty()) __builtin_trap();  // an 820 moves no money
  for (const auto& a : result->advices) {
    if (!a.amount.currency.valid() || a.source_line == 0 || a.format != "x12_820") __builtin_trap();
    CheckText(a.source_ref);
    CheckText(a.payer_name);
    CheckText(a.payee_name);
    CheckText(a.payer_account);
    CheckText(a.remittance_text);
    for (const auto& l : a.remittance) {
      CheckText(l.reference);
      if (l.paid && l.paid->currency != a.amount.currency) __builtin_trap();
      if (l.adjustment && l.adjustment->currency != a.amount.currency) __builtin_trap();
    }
  }
  return 0;
}
