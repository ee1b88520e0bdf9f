#include "cashmatch/date.h"

#include <gtest/gtest.h>

namespace cashmatch {
namespace {

TEST(Date, ParsesAndPrintsCalendarDays) {
  EXPECT_EQ(ParseDate("1970-01-01")->days, 0);
  EXPECT_EQ(ParseDate("1970-01-02")->days, 1);
  EXPECT_EQ(ParseDate("1969-12-31")->days, -1);
  EXPECT_EQ(ParseDate("2000-03-01")->days - ParseDate("2000-02-28")->days, 2);  // leap 400
  EXPECT_EQ(ParseDate("1900-03-01")->days - ParseDate("1900-02-28")->days, 1);  // no leap 100
  EXPECT_EQ(FormatDate(*ParseDate("2026-11-22")), "2026-11-22");
  EXPECT_EQ(FormatDate(Date{-1}), "1969-12-31");
}

TEST(Date, RoundTripsEveryDayOverFourCenturies) {
  for (int32_t d = -200000; d < 200000; d += 7) {
    auto back = ParseDate(FormatDate(Date{d}));
    ASSERT_TRUE(back.ok()) << d;
    ASSERT_EQ(back->days, d);
  }
}

TEST(Date, RefusesWhatIsNotACalendarDay) {
  for (const char* bad : {"2025-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-04-31",
                          "2024-1-01", "24-01-01", "2024/01/01", "2024-01-01T", "", "abcd-ef-gh",
                          "0000-01-01"}) {
    EXPECT_FALSE(ParseDate(bad).ok()) << bad;
  }
  EXPECT_TRUE(ParseDate("2024-02-29").ok());
}

TEST(Date, ReadsBankYymmdd) {
  EXPECT_EQ(FormatDate(*ParseYymmdd("261122")), "2026-11-22");
  EXPECT_EQ(FormatDate(*ParseYymmdd("991231")), "1999-12-31");
  EXPECT_FALSE(ParseYymmdd("260230").ok());
  EXPECT_FALSE(ParseYymmdd("2611").ok());
}

TEST(Timestamp, ParsesIsoForms) {
  const int64_t day = ParseDate("2026-11-20")->days * 86'400'000'000LL;
  EXPECT_EQ(ParseTimestamp("2026-11-20")->micros, day);
  EXPECT_EQ(ParseTimestamp("2026-11-20T17:00:00Z")->micros, day + 17 * 3'600'000'000LL);
  EXPECT_EQ(ParseTimestamp("2026-11-20 17:00")->micros, day + 17 * 3'600'000'000LL);
  EXPECT_EQ(ParseTimestamp("2026-11-20T17:00:00+02:00")->micros, day + 15 * 3'600'000'000LL);
  EXPECT_EQ(ParseTimestamp("2026-11-20T17:00:00-0130")->micros,
            day + 18 * 3'600'000'000LL + 30 * 60'000'000LL);
  EXPECT_EQ(ParseTimestamp("2026-11-20T00:00:01.5Z")->micros, day + 1'500'000);
  for (const char* bad : {"2026-11-20T25:00", "2026-11-20T", "2026-11-20X10:00", "2026-11-20T10:00Zx",
                          "2026-11-20T10:00:00.Z", "2026-11-20T10:00+2"}) {
    EXPECT_FALSE(ParseTimestamp(bad).ok()) << bad;
  }
}

TEST(Timestamp, FormatRoundTrips) {
  auto t = ParseTimestamp("2026-11-20T17:05:09.000123Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestamp(*t), "2026-11-20T17:05:09.000123Z");
  EXPECT_EQ(ParseTimestamp(FormatTimestamp(*t))->micros, t->micros);
  EXPECT_EQ(FormatDate(t->date()), "2026-11-20");
  EXPECT_EQ(FormatDate(Timestamp{-1}.date()), "1969-12-31");
}

}  // namespace
}  // namespace cashmatch
