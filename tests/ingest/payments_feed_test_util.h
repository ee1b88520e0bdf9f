// Helpers shared by the payments feed tests.
#ifndef CASHMATCH_TESTS_INGEST_PAYMENTS_FEED_TEST_UTIL_H_
#define CASHMATCH_TESTS_INGEST_PAYMENTS_FEED_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "cashmatch/bank_file.h"

namespace cashmatch::testing {

inline BankReadOptions Forced(BankFormat format) {
  BankReadOptions options;
  options.format = format;
  return options;
}

// Reads `text` as `format` (forced, so that sniffing is not under test)
// and expects success.
inline BankFile ReadFeedOk(std::string_view text, BankFormat format,
                           std::string_view file = "feed.txt",
                           BankReadOptions options = {}) {
  options.format = format;
  Result<BankFile> r = ReadBankFile(text, file, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString() << "\n" << text.substr(0, 300);
  return r.ok() ? std::move(r).value() : BankFile{};
}

// What a refusal must look like. Empty strings and 0 mean "must be empty /
// unknown" too: every part of the location is checked.
struct Refusal {
  StatusCode code = StatusCode::kInvalidInput;
  uint64_t line = 0;
  uint32_t column = 0;
  std::string field;
  std::string reason_part;  // must occur in reason()
};

inline void ExpectFeedRefused(std::string_view text, BankFormat format, const Refusal& want,
                              BankReadOptions options = {}) {
  SCOPED_TRACE(std::string(text.substr(0, 300)));
  options.format = format;
  Result<BankFile> r = ReadBankFile(text, "feed.txt", options);
  ASSERT_FALSE(r.ok()) << "read " << r->payments.size() << " payments";
  const Status& st = r.status();
  EXPECT_EQ(st.code(), want.code) << st.ToString();
  EXPECT_EQ(st.where().file, "feed.txt") << st.ToString();
  EXPECT_EQ(st.where().line, want.line) << st.ToString();
  EXPECT_EQ(st.where().column, want.column) << st.ToString();
  EXPECT_EQ(st.where().field, want.field) << st.ToString();
  EXPECT_NE(st.reason().find(want.reason_part), std::string_view::npos) << st.ToString();
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_INGEST_PAYMENTS_FEED_TEST_UTIL_H_
