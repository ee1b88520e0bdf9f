#include "format.h"

#include <cstdio>

namespace cashmatch::tools {

std::string GroupDigits(uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), 1, ',');
  return digits;
}

std::string HumanAmount(int64_t minor, Currency c) { return std::string(c.code()) + " " + HumanNumber(minor, c.exponent()); }

std::string HumanNumber(int64_t minor, int exponent) {
  std::string plain = FormatMinorUnits(minor, exponent);
  const bool negative = !plain.empty() && plain[0] == '-';
  if (negative) plain.erase(0, 1);
  const size_t dot = plain.find('.');
  std::string whole = plain.substr(0, dot);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<size_t>(i), 1, ',');
  return (negative ? "-" : "") + whole + (dot == std::string::npos ? "" : plain.substr(dot));
}

std::string Confidence2(uint16_t basis_points) { return FormatMinorUnits((basis_points + 50) / 100, 2); }

std::string SuggestionList(const std::vector<Suggestion>& suggestions) {
  std::string out;
  for (const Suggestion& x : suggestions) {
    if (!out.empty()) out += '|';
    out += x.invoice_id + ":" + FormatMoney(x.amount) + ":" + FormatMinorUnits(x.confidence_bp, 4);
  }
  return out;
}

std::string Indent(const std::string& text, int spaces) {
  std::string out;
  bool at_start = true;
  for (char c : text) {
    if (at_start && c != '\n') out.append(static_cast<size_t>(spaces), ' ');
    out += c;
    at_start = c == '\n';
  }
  return out;
}

int CompareDecimal(int64_t a, int ea, int64_t b, int eb) {
  // Scaled to the larger exponent in 128 bits: exponents are small (ISO
  // 4217 has at most 4), so nothing overflows and nothing is rounded.
  __extension__ using Wide = __int128;
  Wide x = a, y = b;
  for (int e = ea; e < eb; ++e) x *= 10;
  for (int e = eb; e < ea; ++e) y *= 10;
  return x < y ? -1 : (x > y ? 1 : 0);
}

std::string HumanTimestamp(Timestamp t) {
  // ISO 8601 to the second: people do not read microseconds.
  const std::string iso = FormatTimestamp(t);  // 2026-11-22T16:05:48.776892Z
  if (iso.size() < 19) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 8) + " UTC";
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
