#include "camt_values.h"

#include <limits>

namespace cashmatch::ingest::camt {
namespace {

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return !s.empty();
}

// "Z", "+hh:mm" or "-hh:mm" (xs:date and xs:dateTime time zones).
bool IsTimeZone(std::string_view s) {
  if (s == "Z") return true;
  return s.size() == 6 && (s[0] == '+' || s[0] == '-') && AllDigits(s.substr(1, 2)) &&
         s[3] == ':' && AllDigits(s.substr(4, 2));
}

}  // namespace

std::string_view TrimXml(std::string_view s) {
  while (!s.empty() && IsXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsXmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

AmountError ParseAmount(std::string_view text, int exponent, int64_t* minor) {
  std::string_view s = TrimXml(text);
  if (s.empty()) return AmountError::kEmpty;
  if (s.front() == '-') return AmountError::kNegative;
  if (s.front() == '+') s.remove_prefix(1);
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t value = 0;
  size_t i = 0;
  bool any_digit = false;
  for (; i < s.size() && IsDigit(s[i]); ++i) {
    const int d = s[i] - '0';
    if (value > (kMax - d) / 10) return AmountError::kTooLarge;
    value = value * 10 + d;
    any_digit = true;
  }
  int decimals = 0;
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && IsDigit(s[i]); ++i) {
      any_digit = true;
      const int d = s[i] - '0';
      if (decimals == exponent) {
        // Past the currency's minor unit: only zeros keep the value exact.
        if (d != 0) return AmountError::kTooManyDecimals;
        continue;
      }
      if (value > (kMax - d) / 10) return AmountError::kTooLarge;
      value = value * 10 + d;
      ++decimals;
    }
  }
  if (i != s.size() || !any_digit) return AmountError::kNotNumber;
  for (; decimals < exponent; ++decimals) {
    if (value > kMax / 10) return AmountError::kTooLarge;
    value *= 10;
  }
  *minor = value;
  return AmountError::kOk;
}

std::string AmountErrorText(AmountError error, std::string_view text, std::string_view currency) {
  std::string quoted = "'" + std::string(TrimXml(text)) + "'";
  switch (error) {
    case AmountError::kOk:
      return {};
    case AmountError::kEmpty:
      return "is empty";
    case AmountError::kNotNumber:
      return quoted + " is not a decimal number";
    case AmountError::kNegative:
      return quoted + " is negative; camt amounts are unsigned and CdtDbtInd gives the direction";
    case AmountError::kTooManyDecimals:
      return quoted + " has more decimals than " + std::string(currency) +
             " allows (only trailing zeros may exceed them)";
    case AmountError::kTooLarge:
      return quoted + " is too large";
  }
  return {};
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  std::string_view s = TrimXml(text);
  if (s.size() < 10) return std::nullopt;
  if (s.size() > 10 && !IsTimeZone(s.substr(10))) return std::nullopt;
  Result<Date> d = ParseDate(s.substr(0, 10));
  if (!d.ok()) return std::nullopt;
  return *d;
}

std::optional<Date> ParseIsoDateTimeDay(std::string_view text) {
  std::string_view s = TrimXml(text);
  if (s.size() < 19 || s[10] != 'T') return std::nullopt;
  // hh:mm:ss, optional fraction, optional zone.
  std::string_view time = s.substr(11);
  if (!(AllDigits(time.substr(0, 2)) && time[2] == ':' && AllDigits(time.substr(3, 2)) &&
        time[5] == ':' && AllDigits(time.substr(6, 2)))) {
    return std::nullopt;
  }
  std::string_view rest = time.substr(8);
  if (!rest.empty() && rest.front() == '.') {
    size_t n = 1;
    while (n < rest.size() && IsDigit(rest[n])) ++n;
    if (n == 1) return std::nullopt;
    rest.remove_prefix(n);
  }
  if (!rest.empty() && !IsTimeZone(rest)) return std::nullopt;
  Result<Timestamp> valid = ParseTimestamp(s);  // checks hour, minute and second ranges
  if (!valid.ok()) return std::nullopt;
  Result<Date> d = ParseDate(s.substr(0, 10));
  if (!d.ok()) return std::nullopt;
  return *d;
}

std::optional<uint32_t> ParseCount(std::string_view text) {
  std::string_view s = TrimXml(text);
  if (!AllDigits(s) || s.size() > 9) return std::nullopt;
  uint32_t n = 0;
  for (char c : s) n = n * 10 + static_cast<uint32_t>(c - '0');
  return n;
}

std::optional<bool> ParseBool(std::string_view text) {
  std::string_view s = TrimXml(text);
  if (s == "true" || s == "1") return true;
  if (s == "false" || s == "0") return false;
  return std::nullopt;
}

}  // namespace cashmatch::ingest::camt
