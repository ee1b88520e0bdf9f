// How the CLI shows numbers to people: grouped digits, amounts with their
// currency, sizes and durations.
#ifndef CASHMATCH_TOOLS_CLI_FORMAT_H_
#define CASHMATCH_TOOLS_CLI_FORMAT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cashmatch/date.h"
#include "cashmatch/domain.h"
#include "cashmatch/money.h"

namespace cashmatch::tools {

std::string GroupDigits(uint64_t n);              // 1234567 -> "1,234,567"
std::string HumanAmount(int64_t minor, Currency c);  // "USD 1,234.50"
std::string HumanNumber(int64_t minor, int exponent);  // "1,234.50", no currency
std::string Confidence2(uint16_t basis_points);        // 8350 -> "0.84" (rounded half up)
// The outbox's form of suggestions: INVOICE_ID:AMOUNT:CONFIDENCE separated by '|'.
std::string SuggestionList(const std::vector<Suggestion>& suggestions);
// Every line of `text` prefixed with `spaces` blanks.
std::string Indent(const std::string& text, int spaces);
// Compares a / 10^ea with b / 10^eb exactly: -1, 0 or 1.
int CompareDecimal(int64_t a, int ea, int64_t b, int eb);
std::string HumanTimestamp(Timestamp t);         // "2026-11-22 16:05:48 UTC"
std::string HumanBytes(uint64_t bytes);           // "12.3 MiB"
std::string HumanMicros(int64_t micros);          // "412 ms", "3.2 s"

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_FORMAT_H_
