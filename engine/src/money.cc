#include "cashmatch/money.h"

#include <string>

namespace cashmatch {

std::optional<int64_t> CheckedAdd(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
  return r;
}
std::optional<int64_t> CheckedSub(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) return std::nullopt;
  return r;
}
std::optional<int64_t> CheckedMul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
  return r;
}

Result<int64_t> ParseMinorUnits(std::string_view text, int exponent) {
  if (text.empty()) return Status::InvalidInput("empty amount");
  size_t i = 0;
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  // Accumulate as a negative number so that INT64_MIN itself parses.
  int64_t acc = 0;
  int digits = 0;
  int decimals = 0;
  bool seen_dot = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_dot) return Status::InvalidInput("amount '" + std::string(text) + "' has two decimal points");
      seen_dot = true;
      continue;
    }
    if (c < '0' || c > '9') {
      return Status::InvalidInput("amount '" + std::string(text) + "' is not a decimal number");
    }
    if (seen_dot && ++decimals > exponent) {
      return Status::InvalidInput("amount '" + std::string(text) + "' has more than " +
                                  std::to_string(exponent) + " decimals for its currency");
    }
    ++digits;
    auto m = CheckedMul(acc, 10);
    auto s = m ? CheckedSub(*m, c - '0') : std::nullopt;
    if (!s) return Status::InvalidInput("amount '" + std::string(text) + "' is out of range");
    acc = *s;
  }
  if (digits == 0) return Status::InvalidInput("amount '" + std::string(text) + "' has no digits");
  for (; decimals < exponent; ++decimals) {
    auto m = CheckedMul(acc, 10);
    if (!m) return Status::InvalidInput("amount '" + std::string(text) + "' is out of range");
    acc = *m;
  }
  if (negative) return acc;
  if (acc == INT64_MIN) return Status::InvalidInput("amount '" + std::string(text) + "' is out of range");
  return -acc;
}

Result<Money> ParseMoney(std::string_view text, Currency currency) {
  if (!currency.valid()) return Status::InvalidInput("amount without a valid currency");
  auto minor = ParseMinorUnits(text, currency.exponent());
  if (!minor.ok()) return minor.status();
  return Money{*minor, currency};
}

std::string FormatMinorUnits(int64_t minor, int exponent) {
  // Work on the magnitude as unsigned so INT64_MIN prints correctly.
  const bool negative = minor < 0;
  uint64_t mag = negative ? 0 - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  std::string digits = std::to_string(mag);
  if (exponent > 0) {
    if (digits.size() <= static_cast<size_t>(exponent)) {
      digits.insert(0, static_cast<size_t>(exponent) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(exponent), 1, '.');
  }
  if (negative) digits.insert(0, 1, '-');
  return digits;
}

std::string FormatMoney(const Money& m) { return FormatMinorUnits(m.minor, m.currency.exponent()); }

Result<Money> Add(const Money& a, const Money& b) {
  if (a.currency != b.currency) {
    return Status::InvalidInput("cannot add " + std::string(a.currency.code()) + " and " +
                                std::string(b.currency.code()));
  }
  auto r = CheckedAdd(a.minor, b.minor);
  if (!r) return Status::ResourceExhausted("amount overflow");
  return Money{*r, a.currency};
}

Result<Money> Subtract(const Money& a, const Money& b) {
  if (a.currency != b.currency) {
    return Status::InvalidInput("cannot subtract " + std::string(b.currency.code()) + " from " +
                                std::string(a.currency.code()));
  }
  auto r = CheckedSub(a.minor, b.minor);
  if (!r) return Status::ResourceExhausted("amount overflow");
  return Money{*r, a.currency};
}

int64_t ApplyBasisPoints(int64_t amount, uint32_t basis_points) {
  __extension__ using Int128 = __int128;  // GCC and clang both have it
  const Int128 product = static_cast<Int128>(amount) * basis_points;
  const Int128 half = 5000;
  const Int128 q = product >= 0 ? (product + half) / 10000 : (product - half) / 10000;
  return static_cast<int64_t>(q);
}

Result<uint32_t> ParsePercentBasisPoints(std::string_view text) {
  auto bp = ParseMinorUnits(text, 2);
  if (!bp.ok()) {
    return Status::InvalidInput("percentage '" + std::string(text) +
                                "' is not a number with at most two decimals");
  }
  if (*bp < 0 || *bp > 10000) {
    return Status::InvalidInput("percentage '" + std::string(text) + "' is outside 0..100");
  }
  return static_cast<uint32_t>(*bp);
}

}  // namespace cashmatch
