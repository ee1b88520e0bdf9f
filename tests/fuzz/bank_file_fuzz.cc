// Any bytes into ReadBankFile with format sniffing: it must return a value
// or an error, never crash, hang or read out of bounds. Whatever it accepts
// must satisfy the invariants every format shares.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cashmatch/bank_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cashmatch::BankReadOptions options;
  options.max_record_bytes = 4096;  // exercise the limit paths too
  options.max_xml_depth = 32;
  auto result = cashmatch::ReadBankFile(bytes, "fuzz.bin", options);
  if (result.ok()) {
    for (const auto& p : result->payments) {
      if (!p.amount.currency.valid() || p.amount.minor < 0) __builtin_trap();
      if (p.source_file != "fuzz.bin") __builtin_trap();
    }
  } else if (result.status().reason().empty()) {
    __builtin_trap();  // every refusal says why
  }
  return 0;
}
