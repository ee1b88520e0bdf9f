#include "cashmatch/status.h"

#include <gtest/gtest.h>

namespace cashmatch {
namespace {

TEST(Status, OkIsCheapAndPrintsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_TRUE(s.reason().empty());
  EXPECT_EQ(sizeof(Status), sizeof(void*));
}

TEST(Status, CarriesLocationAndReason) {
  Status s = Status::InvalidInput("unknown currency 'XYZ'", {"inv.csv", 12, 4, "currency"});
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.ToString(), "inv.csv:12:4: currency: unknown currency 'XYZ'");
  Status copy = s;
  EXPECT_EQ(copy.ToString(), s.ToString());
}

TEST(Status, WithContextFillsOnlyWhatIsMissing) {
  Status inner = Status::InvalidInput("bad date", {"", 0, 0, "due_date"});
  Status outer = inner.WithContext({"a.csv", 7, 0, "ignored"});
  EXPECT_EQ(outer.ToString(), "a.csv:7: due_date: bad date");
  EXPECT_TRUE(Status().WithContext({"x", 1, 1, "y"}).ok());
  EXPECT_EQ(Status::NotFound("no such invoice").ToString(), "no such invoice");
}

TEST(Result, HoldsValueOrError) {
  Result<int> good = 5;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 5);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad = Status::NotFound("gone");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace cashmatch
