// Any bytes into the camt parser, forced to camt.052, .053 or .054 (the
// message the content names, else one picked by the input's length) so that
// the fuzzer reaches the deep code whatever sniffing would say: it must
// return a value or an error, never crash, hang or read out of bounds.
// What it accepts must keep the invariants every format shares, and every
// string must be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cashmatch/bank_file.h"

namespace {

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80             ? 1
                 : (c & 0xE0) == 0xC0 ? 2
                 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 ? 4
                                      : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr cashmatch::BankFormat kFormats[] = {cashmatch::BankFormat::kCamt053,
                                                       cashmatch::BankFormat::kCamt054,
                                                       cashmatch::BankFormat::kCamt052};
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cashmatch::BankReadOptions options;
  options.format = kFormats[size % 3];
  auto sniffed = cashmatch::DetectBankFormat(bytes);
  if (sniffed.ok() &&
      (*sniffed == cashmatch::BankFormat::kCamt052 || *sniffed == cashmatch::BankFormat::kCamt053 ||
       *sniffed == cashmatch::BankFormat::kCamt054)) {
    options.format = *sniffed;
  }
  options.max_record_bytes = 4096;  // exercise the limit paths too
  options.max_xml_depth = 32;
  auto result = cashmatch::ReadBankFile(bytes, "fuzz.xml", options);
  if (result.ok()) {
    for (const auto& p : result->payments) {
      if (!p.amount.currency.valid() || p.amount.minor < 0) __builtin_trap();
      if (p.source_file != "fuzz.xml" || p.source_line == 0) __builtin_trap();
      if (p.source_ref.empty()) __builtin_trap();
      for (const std::string* s :
           {&p.source_ref, &p.payer_name, &p.payer_account, &p.remittance_text, &p.trace_number,
            &p.account, &p.transaction_code, &p.return_reason, &p.original_ref,
            &p.bank_entry_ref}) {
        if (!ValidUtf8(*s)) __builtin_trap();
      }
      for (const auto& line : p.remittance) {
        if (!ValidUtf8(line.reference) || !ValidUtf8(line.adjustment_reason)) __builtin_trap();
        if (line.paid && line.paid->currency != p.amount.currency) __builtin_trap();
      }
    }
  } else if (result.status().reason().empty()) {
    __builtin_trap();  // every refusal says why
  }
  return 0;
}
