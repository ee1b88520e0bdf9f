// Helpers for the lockbox tests: fixed-width records built by position, a
// small valid transmission in the spec's layout, and the FundersClub bank's
// layout as an operator would describe it in the config file.
#ifndef CASHMATCH_TESTS_INGEST_LOCKBOX_TEST_UTIL_H_
#define CASHMATCH_TESTS_INGEST_LOCKBOX_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "cashmatch/lockbox_layout.h"
#include "ingest/bai2_test_util.h"

namespace cashmatch::testing {

// An 80-byte record: `type` in column 1, each value at its 1-based column.
inline std::string Rec(char type, std::initializer_list<std::pair<int, std::string_view>> fields,
                       size_t width = 80) {
  std::string r(width, ' ');
  r[0] = type;
  for (const auto& [col, value] : fields) r.replace(static_cast<size_t>(col - 1), value.size(), value);
  return r;
}

// The spec layout: lockbox 0012345 deposited 2026-11-20, batch 001 with
// two checks (123.45 with invoices INV-1 and INV-2 on a 4 record; 50.00
// with none), so batch and lockbox total 17345 over 2 items, 9 records.
// Line 4 is the first check, 5 its overflow, 6 the second check.
inline std::string SmallLockbox() {
  const std::string lines[] = {
      Rec('1', {{2, "00"}, {4, "CASHMATCH "}, {14, "0099999991"}, {24, "261120"}, {30, "0600"}}),
      Rec('2', {{2, "CASHMATCH "}, {12, "0099999991"}, {22, "0000000000"}, {32, "400080008001"}}),
      Rec('5', {{2, "001"}, {5, "000"}, {8, "0012345"}, {15, "261120"}}),
      Rec('6', {{2, "001"}, {5, "001"}, {8, "0000012345"}, {18, "021000021"}, {27, "0000123456"},
                {37, "0000001001"}, {47, "261118"}, {53, "INV-1"}, {69, "0000010000"}}),
      Rec('4', {{2, "001"}, {5, "001"}, {8, "4"}, {9, "01"}, {11, "9"}, {12, "INV-2"},
                {28, "0000002000"}, {38, "0000000345"}}),
      Rec('6', {{2, "001"}, {5, "002"}, {8, "0000005000"}, {18, "111000025"}, {27, "9876543210"},
                {37, "0000001002"}, {47, "261119"}}),
      Rec('7', {{2, "001"}, {5, "002"}, {8, "0012345"}, {15, "261120"}, {21, "002"},
                {24, "0000017345"}}),
      Rec('8', {{2, "000000"}, {8, "0012345"}, {15, "261120"}, {21, "0002"}, {25, "0000017345"}}),
      Rec('9', {{2, "000009"}}),
  };
  std::string s;
  for (const std::string& l : lines) s += l + "\n";
  return s;
}

// Replaces line `n` (1-based) of `file`.
inline std::string WithLine(std::string_view file, int n, std::string_view line) {
  std::string out;
  int i = 0;
  size_t at = 0;
  while (at < file.size()) {
    size_t nl = file.find('\n', at);
    if (nl == std::string_view::npos) nl = file.size();
    ++i;
    out += i == n ? std::string(line) : std::string(file.substr(at, nl - at));
    out += '\n';
    at = nl + 1;
  }
  return out;
}

// FundersClub's bank: variable-length records (trailing blanks dropped,
// payee name past column 80), the remitter's name at 53-82 instead of an
// invoice, the check date written MMDDYY while the headers are YYMMDD (one
// date order per layout, and cashmatch does not use the check date, so the
// layout leaves it out), overflow records of type 6 carrying the invoice
// at 12-27 with no amount.
inline LockboxLayout FundersClubLayout() {
  LockboxLayout l = LockboxLayout::Default();
  l.record_length = 0;
  auto set = [&](std::string_view name, FixedField f) {
    Status st = SetLockboxField(&l, name, f);
    EXPECT_TRUE(st.ok()) << st.ToString();
  };
  set("check_remitter", {53, 30});
  set("check_invoice", {0, 0});
  set("check_invoice_amount", {0, 0});
  set("check_date", {0, 0});
  set("overflow_invoice", {12, 16});
  set("overflow_amount", {0, 0});
  set("overflow_discount", {0, 0});
  return l;
}

inline BankReadOptions LockboxOptions(const LockboxLayout& layout = LockboxLayout::Default()) {
  BankReadOptions o;
  o.format = BankFormat::kLockbox;
  o.lockbox_layout = layout;
  return o;
}

inline BankFile ReadLockbox(std::string_view bytes,
                            const LockboxLayout& layout = LockboxLayout::Default()) {
  BankFile f = ReadBankOk(bytes, "lb.txt", LockboxOptions(layout));
  ExpectWellFormed(f, "lb.txt");
  return f;
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_INGEST_LOCKBOX_TEST_UTIL_H_
