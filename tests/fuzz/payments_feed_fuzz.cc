// Any bytes into the payments feed reader, read both as CSV and as JSON
// Lines (forced, so the fuzzer reaches deep code without sniffing): it must
// return a value or an error, never crash, hang or read out of bounds.
// Whatever it accepts must satisfy the invariants every format shares, and
// must come back the same when written out by the feed writer and read
// again: a disagreement between writer and reader is a bug in one of them.
// And the JSON Lines reader must give the same answer with its fast path
// as with simdjson alone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bank_parsers.h"
#include "cashmatch/bank_file.h"
#include "payments_feed_jsonl_fast.h"
#include "payments_feed_writer.h"

namespace {

using cashmatch::BankFile;
using cashmatch::BankFormat;
using cashmatch::Payment;

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

void CheckPayment(const Payment& p) {
  if (!p.amount.currency.valid() || p.amount.minor <= 0) __builtin_trap();
  if (p.source_file != "fuzz.feed" || p.source_line == 0 || p.source_ref.empty()) __builtin_trap();
  for (const std::string* s : {&p.source_ref, &p.payer_name, &p.payer_account, &p.remittance_text,
                               &p.trace_number, &p.account, &p.transaction_code,
                               &p.return_reason, &p.original_ref}) {
    if (!ValidUtf8(*s)) __builtin_trap();
    for (char c : *s) {
      if (c == '\n' || c == '\r') __builtin_trap();  // no output string breaks a line
    }
  }
  for (const auto& line : p.remittance) {
    if (!ValidUtf8(line.reference) || !ValidUtf8(line.adjustment_reason)) __builtin_trap();
    if (line.paid && line.paid->currency != p.amount.currency) __builtin_trap();
  }
}

bool SamePayment(const Payment& a, const Payment& b) {
  return a.source_ref == b.source_ref && a.amount == b.amount && a.direction == b.direction &&
         a.value_date == b.value_date && a.booking_date == b.booking_date &&
         a.payer_name == b.payer_name && a.payer_account == b.payer_account &&
         a.remittance_text == b.remittance_text && a.trace_number == b.trace_number &&
         a.account == b.account && a.transaction_code == b.transaction_code &&
         a.is_return == b.is_return && a.return_reason == b.return_reason &&
         a.original_ref == b.original_ref && a.remittance == b.remittance;
}

void ReadAs(std::string_view bytes, BankFormat format) {
  cashmatch::BankReadOptions options;
  options.format = format;
  options.max_record_bytes = 4096;  // exercise the limit paths too
  auto result = cashmatch::ReadBankFile(bytes, "fuzz.feed", options);
  if (!result.ok()) {
    if (result.status().reason().empty()) __builtin_trap();  // every refusal says why
    return;
  }
  for (const Payment& p : result->payments) CheckPayment(p);

  const std::string again = format == BankFormat::kPaymentsCsv
                                ? cashmatch::gen::WritePaymentsCsv(result->payments)
                                : cashmatch::gen::WritePaymentsJsonl(result->payments);
  options.max_record_bytes = size_t{1} << 20;  // the writer may quote and escape more
  auto reread = cashmatch::ReadBankFile(again, "fuzz.feed", options);
  if (!reread.ok()) {
    // A header alone is a valid CSV feed; an empty JSON Lines file is not.
    if (result->payments.empty() && format == BankFormat::kPaymentsJsonl) return;
    __builtin_trap();
  }
  if (reread->payments.size() != result->payments.size()) __builtin_trap();
  for (size_t i = 0; i < result->payments.size(); ++i) {
    if (!SamePayment(result->payments[i], reread->payments[i])) __builtin_trap();
  }
}

// The JSON Lines fast path may change speed, never results.
void FastAgreesWithSimdjson(std::string_view bytes) {
  cashmatch::BankReadOptions options;
  options.max_record_bytes = 4096;
  const cashmatch::ingest::ParseContext ctx{"fuzz.feed", options};
  auto fast = cashmatch::ingest::ParsePaymentsJsonlWith(bytes, ctx, true);
  auto slow = cashmatch::ingest::ParsePaymentsJsonlWith(bytes, ctx, false);
  if (fast.ok() != slow.ok()) __builtin_trap();
  if (fast.ok()) {
    if (fast->payments != slow->payments) __builtin_trap();
  } else if (fast.status().ToString() != slow.status().ToString()) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ReadAs(bytes, BankFormat::kPaymentsCsv);
  ReadAs(bytes, BankFormat::kPaymentsJsonl);
  FastAgreesWithSimdjson(bytes);
  return 0;
}
