// Helpers shared by the open-items reader tests.
#ifndef CASHMATCH_TESTS_INGEST_OPEN_ITEMS_TEST_UTIL_H_
#define CASHMATCH_TESTS_INGEST_OPEN_ITEMS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "cashmatch/open_items_reader.h"

namespace cashmatch::testing {

inline Currency Cur(std::string_view code) { return *Currency::FromCode(code); }
inline Money M(int64_t minor, std::string_view code) { return Money{minor, Cur(code)}; }
inline Date D(int y, unsigned m, unsigned d) { return Date::FromCivil(y, m, d); }

// Reads `text` and expects success.
inline OpenItems ReadOk(std::string_view text, std::string_view file = "items.csv") {
  Result<OpenItems> r = ReadOpenItems(text, file);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : OpenItems{};
}

// What a failure must look like. Empty strings and 0 mean "must be empty /
// unknown" too: every part of the location is checked.
struct Expected {
  StatusCode code = StatusCode::kInvalidInput;
  uint64_t line = 0;
  uint32_t column = 0;
  std::string field;
  std::string reason_part;  // must occur in reason()
};

inline void ExpectRefused(std::string_view text, const Expected& want,
                          std::string_view file = "items.csv") {
  SCOPED_TRACE(std::string(text.substr(0, 200)));
  Result<OpenItems> r = ReadOpenItems(text, file);
  ASSERT_FALSE(r.ok()) << "read " << r->invoices.size() << " invoices, " << r->customers.size()
                       << " customers";
  const Status& st = r.status();
  EXPECT_EQ(st.code(), want.code) << st.ToString();
  EXPECT_EQ(st.where().file, file) << st.ToString();
  EXPECT_EQ(st.where().line, want.line) << st.ToString();
  EXPECT_EQ(st.where().column, want.column) << st.ToString();
  EXPECT_EQ(st.where().field, want.field) << st.ToString();
  EXPECT_NE(st.reason().find(want.reason_part), std::string_view::npos) << st.ToString();
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_INGEST_OPEN_ITEMS_TEST_UTIL_H_
