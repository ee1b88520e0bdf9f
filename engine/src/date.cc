#include "cashmatch/date.h"

#include <chrono>
#include <cstdio>

namespace cashmatch {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for every
// proleptic Gregorian date, no tables, no time zone database.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (*m <= 2));
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `pos`; -1 if any is not a digit.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

Result<Date> MakeDate(std::string_view text, int y, int m, int d) {
  if (y < 1 || m < 1 || m > 12 || d < 1 ||
      static_cast<unsigned>(d) > DaysInMonth(y, static_cast<unsigned>(m))) {
    return Status::InvalidInput("'" + std::string(text) + "' is not a calendar date");
  }
  return Date::FromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace

Date Date::FromCivil(int year, unsigned month, unsigned day) {
  return Date{static_cast<int32_t>(DaysFromCivil(year, month, day))};
}

void Date::ToCivil(int* year, unsigned* month, unsigned* day) const {
  CivilFromDays(days, year, month, day);
}

Timestamp Timestamp::Now() {
  using namespace std::chrono;
  return Timestamp{duration_cast<microseconds>(system_clock::now().time_since_epoch()).count()};
}

Date Timestamp::date() const {
  constexpr int64_t kPerDay = 86'400'000'000;
  int64_t days = micros / kPerDay;
  if (micros % kPerDay < 0) --days;
  return Date{static_cast<int32_t>(days)};
}

Result<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return Status::InvalidInput("'" + std::string(text) + "' is not a date as YYYY-MM-DD");
  }
  const int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) {
    return Status::InvalidInput("'" + std::string(text) + "' is not a date as YYYY-MM-DD");
  }
  return MakeDate(text, y, m, d);
}

Result<Date> ParseYymmdd(std::string_view text) {
  const int yy = text.size() == 6 ? Digits(text, 0, 2) : -1;
  const int m = Digits(text, 2, 2), d = Digits(text, 4, 2);
  if (yy < 0 || m < 0 || d < 0) {
    return Status::InvalidInput("'" + std::string(text) + "' is not a date as YYMMDD");
  }
  return MakeDate(text, yy < 70 ? 2000 + yy : 1900 + yy, m, d);
}

std::string FormatDate(Date d) {
  int y;
  unsigned m, day;
  d.ToCivil(&y, &m, &day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, day);
  return buf;
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  const auto bad = [&] {
    return Status::InvalidInput("'" + std::string(text) + "' is not an ISO 8601 timestamp");
  };
  auto date = ParseDate(text.substr(0, 10));
  if (!date.ok()) return bad();
  constexpr int64_t kSecond = 1'000'000;
  int64_t micros = static_cast<int64_t>(date->days) * 86'400 * kSecond;
  if (text.size() == 10) return Timestamp{micros};
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return bad();
  const int hh = Digits(text, 11, 2), mm = Digits(text, 14, 2);
  if (hh < 0 || mm < 0 || text.size() < 16 || text[13] != ':' || hh > 23 || mm > 59) return bad();
  micros += (hh * 3600 + mm * 60) * kSecond;
  size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    const int ss = Digits(text, pos + 1, 2);
    if (ss < 0 || ss > 60) return bad();  // 60: a leap second, as ISO allows
    micros += ss * kSecond;
    pos += 3;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      int64_t frac = 0, scale = kSecond;
      const size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (scale > 1) {
          scale /= 10;
          frac += (text[pos] - '0') * scale;
        }
        ++pos;
      }
      if (pos == start) return bad();
      micros += frac;
    }
  }
  if (pos == text.size()) return Timestamp{micros};
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) return Timestamp{micros};
  if (text[pos] != '+' && text[pos] != '-') return bad();
  const int sign = text[pos] == '+' ? 1 : -1;
  const int oh = Digits(text, pos + 1, 2);
  int om = -1;
  if (text.size() == pos + 6 && text[pos + 3] == ':') om = Digits(text, pos + 4, 2);
  if (text.size() == pos + 5) om = Digits(text, pos + 3, 2);
  if (text.size() == pos + 3) om = 0;
  if (oh < 0 || om < 0 || oh > 23 || om > 59) return bad();
  // A local time ahead of UTC is later on the clock, so subtract the offset.
  micros -= sign * (oh * 3600 + om * 60) * kSecond;
  return Timestamp{micros};
}

std::string FormatTimestamp(Timestamp t) {
  constexpr int64_t kSecond = 1'000'000;
  const Date d = t.date();
  int64_t rem = t.micros - static_cast<int64_t>(d.days) * 86'400 * kSecond;
  const int64_t secs = rem / kSecond, frac = rem % kSecond;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lld.%06lldZ", FormatDate(d).c_str(),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60), static_cast<long long>(frac));
  return buf;
}

}  // namespace cashmatch
