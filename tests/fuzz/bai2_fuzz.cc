// Any bytes read as BAI2 (the format forced, so every input reaches the
// record parser): a value or an error, never a crash, hang or read out of
// bounds. What it accepts must hold the invariants of every payment, with
// every string valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bank_text.h"
#include "cashmatch/bank_file.h"

namespace {

bool Utf8(std::string_view s) { return cashmatch::ingest::IsValidUtf8(s); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cashmatch::BankReadOptions options;
  options.format = cashmatch::BankFormat::kBai2;
  options.max_record_bytes = 4096;  // exercise the limit path too
  auto result = cashmatch::ReadBankFile(bytes, "fuzz.bai", options);
  if (!result.ok()) {
    if (result.status().reason().empty()) __builtin_trap();  // every refusal says why
    return 0;
  }
  for (const auto& p : result->payments) {
    if (!p.amount.currency.valid() || p.amount.minor < 0) __builtin_trap();
    if (p.source_file != "fuzz.bai" || p.format != "bai2" || p.source_line == 0) __builtin_trap();
    if (p.source_line > size + 1) __builtin_trap();
    if (p.transaction_code.size() != 3) __builtin_trap();
    for (std::string_view s : {std::string_view(p.source_ref), std::string_view(p.payer_name),
                               std::string_view(p.payer_account), std::string_view(p.remittance_text),
                               std::string_view(p.account), std::string_view(p.trace_number),
                               std::string_view(p.return_reason), std::string_view(p.original_ref)}) {
      if (!Utf8(s)) __builtin_trap();
    }
    for (const auto& line : p.remittance) {
      if (line.reference.empty() || !Utf8(line.reference)) __builtin_trap();
      if (line.paid && line.paid->currency != p.amount.currency) __builtin_trap();
    }
  }
  return 0;
}
