// Helpers shared by the BAI2 and lockbox tests.
#ifndef CASHMATCH_TESTS_INGEST_BAI2_TEST_UTIL_H_
#define CASHMATCH_TESTS_INGEST_BAI2_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "cashmatch/bank_file.h"
#include "ingest/bank_test_util.h"

namespace cashmatch::testing {

// A small, valid BAI2 file: one group, one account 123456789 (USD), one
// credit of 500.00 on line 4. 03 amounts 1000.00 + 1500.00, so the 49
// control total is 300000; 3 records in the account, 5 in the group, 7 in
// the file.
inline constexpr std::string_view kSmallBai2 =
    "01,BANK,CUST,261120,0800,1,80,1,2/\n"
    "02,CUST,BANK,1,261120,,USD,2/\n"
    "03,123456789,USD,010,100000,,,015,150000,,/\n"
    "16,195,50000,0,WIRE001,CUST001,B/O: ACME CORP OBI: INV 1001/\n"
    "49,300000,3/\n"
    "98,300000,1,5/\n"
    "99,300000,1,7/\n";

// `base` with the first occurrence of `from` replaced by `to`; fails the
// test when `from` is not there, so a stale edit cannot pass silently.
inline std::string Edit(std::string_view base, std::string_view from, std::string_view to) {
  std::string s(base);
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' not in the test file";
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

inline BankReadOptions Forced(BankFormat format) {
  BankReadOptions o;
  o.format = format;
  return o;
}

// Reads `bytes` as `format` and expects kInvalidInput naming `line` with a
// reason containing `reason`.
inline void ExpectRefused(std::string_view bytes, BankFormat format, uint64_t line,
                          std::string_view reason, const BankReadOptions* options = nullptr) {
  BankReadOptions o = options ? *options : BankReadOptions{};
  o.format = format;
  Status st = ReadBankError(bytes, "t.txt", o);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput) << st.ToString();
  EXPECT_EQ(st.where().file, "t.txt");
  EXPECT_EQ(st.where().line, line) << st.ToString();
  EXPECT_NE(st.reason().find(reason), std::string_view::npos)
      << "reason: " << st.reason() << "\nexpected to contain: " << reason;
}

inline BankFile ReadBai2(std::string_view bytes) {
  BankFile f = ReadBankOk(bytes, "t.txt", Forced(BankFormat::kBai2));
  ExpectWellFormed(f, "t.txt");
  return f;
}

// Collapses runs of whitespace to one space and trims, for comparing text
// that a writer may have re-wrapped.
inline std::string Squeeze(std::string_view s) {
  std::string out;
  bool blank = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      blank = !out.empty();
      continue;
    }
    if (blank) out.push_back(' ');
    blank = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_INGEST_BAI2_TEST_UTIL_H_
