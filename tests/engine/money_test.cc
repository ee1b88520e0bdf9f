#include "cashmatch/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace cashmatch {
namespace {

Currency C(std::string_view code) { return *Currency::FromCode(code); }

TEST(Currency, KnowsExponentsOfActiveCodes) {
  EXPECT_EQ(C("USD").exponent(), 2);
  EXPECT_EQ(C("EUR").exponent(), 2);
  EXPECT_EQ(C("JPY").exponent(), 0);
  EXPECT_EQ(C("KRW").exponent(), 0);
  EXPECT_EQ(C("BHD").exponent(), 3);
  EXPECT_EQ(C("KWD").exponent(), 3);
  EXPECT_EQ(C("TND").exponent(), 3);
  EXPECT_EQ(C("CLF").exponent(), 4);
  EXPECT_EQ(C("USD").numeric(), 840);
  EXPECT_EQ(C("USD").code(), "USD");
  EXPECT_EQ(C("HRK").code(), "HRK");  // withdrawn, still in ERP history
}

TEST(Currency, RefusesUnknownAndMalformedCodes) {
  EXPECT_FALSE(Currency::FromCode("usd"));
  EXPECT_FALSE(Currency::FromCode("US"));
  EXPECT_FALSE(Currency::FromCode("USDX"));
  EXPECT_FALSE(Currency::FromCode("XXX"));
  EXPECT_FALSE(Currency::FromCode("ABC"));
  EXPECT_FALSE(Currency::FromCode(""));
  EXPECT_FALSE(Currency().valid());
}

TEST(Currency, IndexRoundTripsForEveryCode) {
  for (uint16_t i = 1; i <= Currency::Count(); ++i) {
    auto c = Currency::FromIndex(i);
    ASSERT_TRUE(c);
    auto back = Currency::FromCode(c->code());
    ASSERT_TRUE(back) << c->code();
    EXPECT_EQ(*back, *c);
  }
  EXPECT_FALSE(Currency::FromIndex(0));
  EXPECT_FALSE(Currency::FromIndex(static_cast<uint16_t>(Currency::Count() + 1)));
}

TEST(ParseMinorUnits, ParsesPlainDecimals) {
  EXPECT_EQ(*ParseMinorUnits("1234.50", 2), 123450);
  EXPECT_EQ(*ParseMinorUnits("1234.5", 2), 123450);
  EXPECT_EQ(*ParseMinorUnits("-20", 2), -2000);
  EXPECT_EQ(*ParseMinorUnits("+3", 2), 300);
  EXPECT_EQ(*ParseMinorUnits(".05", 2), 5);
  EXPECT_EQ(*ParseMinorUnits("7.", 2), 700);
  EXPECT_EQ(*ParseMinorUnits("0", 0), 0);
  EXPECT_EQ(*ParseMinorUnits("-0.00", 2), 0);
  EXPECT_EQ(*ParseMinorUnits("1000", 0), 1000);
  EXPECT_EQ(*ParseMinorUnits("12.345", 3), 12345);
  EXPECT_EQ(*ParseMinorUnits("007.10", 2), 710);
}

TEST(ParseMinorUnits, RefusesMoreDecimalsThanTheCurrencyHas) {
  EXPECT_FALSE(ParseMinorUnits("1.234", 2).ok());
  EXPECT_FALSE(ParseMinorUnits("1.500", 2).ok());  // the spec: even zeros
  EXPECT_FALSE(ParseMinorUnits("100.0", 0).ok());
  auto r = ParseMinorUnits("1.2345", 3);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().reason().find("more than 3 decimals"), std::string_view::npos);
}

TEST(ParseMinorUnits, RefusesWhatIsNotADecimal) {
  for (const char* bad : {"", "-", "+", ".", "1,234.50", "1 234", " 12", "12 ", "1e5", "1.2.3",
                          "abc", "--1", "0x10", "١٢٣"}) {
    EXPECT_FALSE(ParseMinorUnits(bad, 2).ok()) << bad;
  }
}

TEST(ParseMinorUnits, ChecksOverflowAtTheEdges) {
  EXPECT_EQ(*ParseMinorUnits("9223372036854775807", 0), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(*ParseMinorUnits("-9223372036854775808", 0), std::numeric_limits<int64_t>::min());
  EXPECT_FALSE(ParseMinorUnits("9223372036854775808", 0).ok());
  EXPECT_FALSE(ParseMinorUnits("-9223372036854775809", 0).ok());
  EXPECT_EQ(*ParseMinorUnits("92233720368547758.07", 2), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(ParseMinorUnits("92233720368547758.08", 2).ok());
  // Scaling up by the missing decimals can overflow too.
  EXPECT_FALSE(ParseMinorUnits("922337203685477581", 2).ok());
  EXPECT_FALSE(ParseMinorUnits("99999999999999999999999999", 2).ok());
}

TEST(FormatMinorUnits, PrintsExactlyTheExponentsDecimals) {
  EXPECT_EQ(FormatMinorUnits(123450, 2), "1234.50");
  EXPECT_EQ(FormatMinorUnits(-5, 2), "-0.05");
  EXPECT_EQ(FormatMinorUnits(0, 2), "0.00");
  EXPECT_EQ(FormatMinorUnits(1000, 0), "1000");
  EXPECT_EQ(FormatMinorUnits(1, 3), "0.001");
  EXPECT_EQ(FormatMinorUnits(std::numeric_limits<int64_t>::min(), 2), "-92233720368547758.08");
  EXPECT_EQ(FormatMoney(Money{-2000, C("KWD")}), "-2.000");
}

TEST(FormatMinorUnits, RoundTripsThroughParse) {
  const int64_t values[] = {0, 1, -1, 99, 100, 12345678901, -987654321,
                            std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()};
  for (int exp = 0; exp <= 4; ++exp) {
    for (int64_t v : values) {
      auto back = ParseMinorUnits(FormatMinorUnits(v, exp), exp);
      ASSERT_TRUE(back.ok()) << v << " exp " << exp << ": " << back.status().ToString();
      EXPECT_EQ(*back, v);
    }
  }
}

TEST(MoneyArithmetic, AddsSameCurrencyAndRefusesMixing) {
  const Money a{150, C("USD")}, b{-50, C("USD")}, e{1, C("EUR")};
  EXPECT_EQ(*Add(a, b), (Money{100, C("USD")}));
  EXPECT_EQ(*Subtract(a, b), (Money{200, C("USD")}));
  EXPECT_EQ(Add(a, e).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(Subtract(a, e).status().code(), StatusCode::kInvalidInput);
  const Money big{std::numeric_limits<int64_t>::max(), C("USD")};
  EXPECT_EQ(Add(big, Money{1, C("USD")}).status().code(), StatusCode::kResourceExhausted);
  EXPECT_FALSE(CheckedMul(std::numeric_limits<int64_t>::max(), 2));
  EXPECT_FALSE(CheckedSub(std::numeric_limits<int64_t>::min(), 1));
  EXPECT_EQ(*CheckedAdd(-3, 5), 2);
}

TEST(MoneyArithmetic, BasisPointsRoundHalfAwayFromZero) {
  EXPECT_EQ(ApplyBasisPoints(100000, 200), 2000);  // 2 % of 1000.00
  EXPECT_EQ(ApplyBasisPoints(12345, 200), 247);    // 246.9 -> 247
  EXPECT_EQ(ApplyBasisPoints(125, 200), 3);        // 2.5 -> 3
  EXPECT_EQ(ApplyBasisPoints(-125, 200), -3);
  EXPECT_EQ(ApplyBasisPoints(std::numeric_limits<int64_t>::max(), 10000),
            std::numeric_limits<int64_t>::max());
}

TEST(ParsePercent, ReadsUpToTwoDecimals) {
  EXPECT_EQ(*ParsePercentBasisPoints("2"), 200u);
  EXPECT_EQ(*ParsePercentBasisPoints("2.5"), 250u);
  EXPECT_EQ(*ParsePercentBasisPoints("1.75"), 175u);
  EXPECT_EQ(*ParsePercentBasisPoints("100"), 10000u);
  EXPECT_FALSE(ParsePercentBasisPoints("1.755").ok());
  EXPECT_FALSE(ParsePercentBasisPoints("-1").ok());
  EXPECT_FALSE(ParsePercentBasisPoints("101").ok());
  EXPECT_FALSE(ParsePercentBasisPoints("2%").ok());
}

}  // namespace
}  // namespace cashmatch
