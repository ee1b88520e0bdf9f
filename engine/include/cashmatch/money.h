// Currency and Money: amounts as integer minor units of an ISO 4217 currency.
//
// There is no floating point anywhere in this header, by design: decimal text
// is parsed straight into minor units, arithmetic is overflow-checked, and a
// value with more decimals than its currency has is refused, never rounded.
//
// Currency and Money are trivially copyable values, safe to share between
// threads.
#ifndef CASHMATCH_MONEY_H_
#define CASHMATCH_MONEY_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cashmatch/status.h"

namespace cashmatch {

// An active ISO 4217 currency. The default value is "no currency" (invalid),
// which a record uses when the source did not say.
class Currency {
 public:
  constexpr Currency() = default;

  // Looks up an alphabetic code ("USD", case-sensitive as ISO writes them);
  // nullopt for anything that is not an active ISO 4217 code.
  static std::optional<Currency> FromCode(std::string_view code);
  // Index into the table, for compact storage; nullopt if out of range.
  static std::optional<Currency> FromIndex(uint16_t index);
  static size_t Count();

  bool valid() const { return index_ != 0; }
  std::string_view code() const;   // "USD"; "" when invalid
  int exponent() const;            // minor-unit digits: JPY 0, USD 2, KWD 3
  uint16_t numeric() const;        // ISO numeric code: USD 840
  uint16_t index() const { return index_; }

  friend bool operator==(Currency a, Currency b) { return a.index_ == b.index_; }
  friend auto operator<=>(Currency a, Currency b) { return a.index_ <=> b.index_; }

 private:
  explicit constexpr Currency(uint16_t index) : index_(index) {}
  uint16_t index_ = 0;  // 0 = invalid; 1..Count() = table entry
};

struct Money {
  int64_t minor = 0;  // minor units: USD 1234.50 is 123450
  Currency currency;

  friend bool operator==(const Money&, const Money&) = default;
};

// Parses "1234.50", "-20", "+3.5", ".50" into minor units for `exponent`
// decimals. Refuses empty text, signs alone, spaces, thousands separators,
// exponents, more decimals than `exponent` (even zeros: "1.500" USD), and
// values outside int64. The reason names what is wrong.
Result<int64_t> ParseMinorUnits(std::string_view text, int exponent);
Result<Money> ParseMoney(std::string_view text, Currency currency);

// Prints minor units with exactly `exponent` decimals: (-5, 2) -> "-0.05".
std::string FormatMinorUnits(int64_t minor, int exponent);
// "1234.50" for USD 123450 (no code; callers add it where people read it).
std::string FormatMoney(const Money& m);

// Overflow-checked int64 arithmetic; nullopt on overflow.
std::optional<int64_t> CheckedAdd(int64_t a, int64_t b);
std::optional<int64_t> CheckedSub(int64_t a, int64_t b);
std::optional<int64_t> CheckedMul(int64_t a, int64_t b);

// Same-currency sum and difference; kInvalidInput on mixed currencies,
// kResourceExhausted on overflow.
Result<Money> Add(const Money& a, const Money& b);
Result<Money> Subtract(const Money& a, const Money& b);

// `amount` * basis_points / 10000 rounded half away from zero, computed in
// 128-bit so no intermediate overflows: the discount of 2 % (200 bp).
int64_t ApplyBasisPoints(int64_t amount, uint32_t basis_points);

// Parses a percentage such as "2", "2.5", "1.75" into basis points (hundredths
// of a percent); refuses more than two decimals and values above 100.
Result<uint32_t> ParsePercentBasisPoints(std::string_view text);

}  // namespace cashmatch

#endif  // CASHMATCH_MONEY_H_
