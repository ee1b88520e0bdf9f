#include "format.h"

#include <cstdio>

namespace cashmatch::tools {

std::string GroupDigits(uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), 1, ',');
  return digits;
}

std::string HumanAmount(int64_t minor, Currency c) {
  std::string plain = FormatMinorUnits(minor, c.exponent());
  const bool negative = !plain.empty() && plain[0] == '-';
  if (negative) plain.erase(0, 1);
  const size_t dot = plain.find('.');
  std::string whole = plain.substr(0, dot);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<size_t>(i), 1, ',');
  return std::string(c.code()) + " " + (negative ? "-" : "") + whole +
         (dot == std::string::npos ? "" : plain.substr(dot));
}

// Sizes and durations are shown to people, not computed with: a tenth is
// the precision wanted, so integer tenths keep floating point out.
std::string HumanBytes(uint64_t bytes) {
  static const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  uint64_t tenths = bytes * 10;
  size_t unit = 0;
  while (tenths >= 10240 && unit + 1 < std::size(kUnits)) {
    tenths /= 1024;
    ++unit;
  }
  char buf[32];
  if (unit == 0) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(buf, sizeof buf, "%llu.%llu %s", static_cast<unsigned long long>(tenths / 10),
                  static_cast<unsigned long long>(tenths % 10), kUnits[unit]);
  }
  return buf;
}

std::string HumanMicros(int64_t micros) {
  char buf[32];
  if (micros < 1000) {
    std::snprintf(buf, sizeof buf, "%lld µs", static_cast<long long>(micros));
  } else if (micros < 1'000'000) {
    std::snprintf(buf, sizeof buf, "%lld ms", static_cast<long long>(micros / 1000));
  } else {
    const long long tenths = micros / 100'000;
    std::snprintf(buf, sizeof buf, "%lld.%lld s", tenths / 10, tenths % 10);
  }
  return buf;
}

}  // namespace cashmatch::tools
