// Any bytes read as a lockbox transmission (the format forced), in one of
// three layouts picked by the first byte: the spec's, a variable-length
// one with a remitter name (like FundersClub's bank) and a wide MMDDYY one.
// A value or an error, never a crash; what it accepts holds the payment
// invariants with every string valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bank_text.h"
#include "cashmatch/bank_file.h"

namespace {

cashmatch::LockboxLayout PickLayout(uint8_t selector) {
  using cashmatch::FixedField;
  cashmatch::LockboxLayout l = cashmatch::LockboxLayout::Default();
  switch (selector % 3) {
    case 1:
      l.record_length = 0;
      (void)cashmatch::SetLockboxField(&l, "check_remitter", FixedField{53, 30});
      (void)cashmatch::SetLockboxField(&l, "check_invoice", FixedField{0, 0});
      (void)cashmatch::SetLockboxField(&l, "check_invoice_amount", FixedField{0, 0});
      (void)cashmatch::SetLockboxField(&l, "check_date", FixedField{0, 0});
      break;
    case 2:
      l.record_length = 120;
      l.date_order = cashmatch::LockboxLayout::DateOrder::kMmddyy;
      (void)cashmatch::SetLockboxField(&l, "check_remitter", FixedField{81, 40});
      (void)cashmatch::SetLockboxField(&l, "overflow_last", FixedField{0, 0});
      break;
    default:
      break;
  }
  return l;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cashmatch::BankReadOptions options;
  options.format = cashmatch::BankFormat::kLockbox;
  options.max_record_bytes = 4096;
  options.lockbox_layout = PickLayout(size > 0 ? data[0] : 0);
  auto result = cashmatch::ReadBankFile(bytes, "fuzz.lbx", options);
  if (!result.ok()) {
    if (result.status().reason().empty()) __builtin_trap();
    return 0;
  }
  for (const auto& p : result->payments) {
    if (!p.amount.currency.valid() || p.amount.minor < 0) __builtin_trap();
    if (p.source_file != "fuzz.lbx" || p.format != "lockbox" || p.source_line == 0) __builtin_trap();
    if (p.direction != cashmatch::Direction::kCredit || p.source_ref.empty()) __builtin_trap();
    for (std::string_view s : {std::string_view(p.source_ref), std::string_view(p.payer_name),
                               std::string_view(p.payer_account), std::string_view(p.account),
                               std::string_view(p.trace_number)}) {
      if (!cashmatch::ingest::IsValidUtf8(s)) __builtin_trap();
    }
    for (const auto& line : p.remittance) {
      if (line.reference.empty() || !cashmatch::ingest::IsValidUtf8(line.reference)) __builtin_trap();
      if (line.paid && line.paid->minor < 0) __builtin_trap();
    }
  }
  return 0;
}
