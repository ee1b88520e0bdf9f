// Calendar dates and UTC timestamps as plain integers.
//
// Date counts days since 1970-01-01 (proleptic Gregorian); Timestamp counts
// microseconds since the Unix epoch in UTC. Both are trivially copyable
// values, safe to share between threads.
#ifndef CASHMATCH_DATE_H_
#define CASHMATCH_DATE_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "cashmatch/status.h"

namespace cashmatch {

struct Date {
  int32_t days = 0;  // days since 1970-01-01

  static Date FromCivil(int year, unsigned month, unsigned day);
  void ToCivil(int* year, unsigned* month, unsigned* day) const;

  friend auto operator<=>(Date, Date) = default;
  friend bool operator==(Date, Date) = default;
};

struct Timestamp {
  int64_t micros = 0;  // microseconds since 1970-01-01T00:00:00Z

  static Timestamp Now();
  Date date() const;  // the UTC calendar day

  friend auto operator<=>(Timestamp, Timestamp) = default;
  friend bool operator==(Timestamp, Timestamp) = default;
};

// Strict "YYYY-MM-DD" with a real calendar day (no 2025-02-29).
Result<Date> ParseDate(std::string_view text);
// YYMMDD as banks write it (BAI2, lockbox, NACHA); years 00-69 are 20xx,
// 70-99 are 19xx.
Result<Date> ParseYymmdd(std::string_view text);
std::string FormatDate(Date d);  // "YYYY-MM-DD"

// ISO 8601: a date alone (midnight UTC), or "YYYY-MM-DDTHH:MM[:SS[.f+]]"
// (a space may stand for T) followed by Z, +HH:MM, -HH:MM, +HHMM, or nothing
// (taken as UTC).
Result<Timestamp> ParseTimestamp(std::string_view text);
std::string FormatTimestamp(Timestamp t);  // "YYYY-MM-DDTHH:MM:SS.ffffffZ"

}  // namespace cashmatch

#endif  // CASHMATCH_DATE_H_
