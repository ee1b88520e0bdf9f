// Any bytes into the MT940/MT942 reader with the format forced, so that the
// fuzzer reaches the field and :86: code without first passing the sniffer.
// The first byte picks MT940 or MT942. Whatever is accepted must satisfy
// the invariants every bank file shares; every refusal must say why.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cashmatch/bank_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cashmatch::BankReadOptions options;
  options.max_record_bytes = 4096;  // exercise the limit path too
  options.format = cashmatch::BankFormat::kMt940;
  if (!bytes.empty() && (bytes.front() & 1) != 0 && bytes.front() != ':' && bytes.front() != '{') {
    options.format = cashmatch::BankFormat::kMt942;
  }
  auto result = cashmatch::ReadBankFile(bytes, "fuzz.sta", options);
  if (result.ok()) {
    const std::string_view name = cashmatch::BankFormatName(*options.format);
    for (const auto& p : result->payments) {
      if (!p.amount.currency.valid() || p.amount.minor <= 0) __builtin_trap();
      if (p.source_file != "fuzz.sta" || p.format != name || p.source_line == 0) __builtin_trap();
      for (const auto& line : p.remittance) {
        if (line.reference.empty()) __builtin_trap();
      }
    }
    if (result->statements.empty()) __builtin_trap();
  } else if (result.status().reason().empty()) {
    __builtin_trap();
  }
  return 0;
}
