// Scalar values of ISO 20022 camt messages: amounts, dates, codes.
// Internal to ingest; used by the camt parser.
#ifndef CASHMATCH_INGEST_CAMT_VALUES_H_
#define CASHMATCH_INGEST_CAMT_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cashmatch/date.h"

namespace cashmatch::ingest::camt {

// Trims XML whitespace (space, tab, CR, LF) at both ends.
std::string_view TrimXml(std::string_view s);

// Why an amount was refused; kOk when it was read.
enum class AmountError : uint8_t {
  kOk,
  kEmpty,
  kNotNumber,
  kNegative,
  kTooManyDecimals,  // non-zero digits past the currency's exponent
  kTooLarge,
};

// Reads an xs:decimal amount ("1234.50", "+5", ".5", "18.150") into minor
// units of a currency with `exponent` decimals. Digits past the exponent are
// accepted only when they are zeros, because "18.150" EUR is exactly 1815
// cents; "18.155" is refused, never rounded. A leading '-' is refused: camt
// amounts are unsigned and CdtDbtInd gives the direction.
AmountError ParseAmount(std::string_view text, int exponent, int64_t* minor);

// What is wrong with `text`, to follow the amount's name: "'1.234' has more
// decimals than EUR allows", "is empty".
std::string AmountErrorText(AmountError error, std::string_view text, std::string_view currency);

// ISODate "2024-11-30", also with the time zone xs:date allows
// ("2024-11-30Z", "2024-11-30+01:00").
std::optional<Date> ParseIsoDate(std::string_view text);
// ISODateTime "2024-11-30T10:15:00(.fff)(Z|+01:00)": the calendar day as
// written, not converted to UTC, since that is the bank's business day.
std::optional<Date> ParseIsoDateTimeDay(std::string_view text);

// Max15NumericText and similar counts: digits only, at most 9 of them.
std::optional<uint32_t> ParseCount(std::string_view text);

// True for "true"/"1" and false for "false"/"0" (xs:boolean); nullopt else.
std::optional<bool> ParseBool(std::string_view text);

}  // namespace cashmatch::ingest::camt

#endif  // CASHMATCH_INGEST_CAMT_VALUES_H_
