// How the CLI shows numbers to people: grouped digits, amounts with their
// currency, sizes and durations.
#ifndef CASHMATCH_TOOLS_CLI_FORMAT_H_
#define CASHMATCH_TOOLS_CLI_FORMAT_H_

#include <cstdint>
#include <string>

#include "cashmatch/money.h"

namespace cashmatch::tools {

std::string GroupDigits(uint64_t n);              // 1234567 -> "1,234,567"
std::string HumanAmount(int64_t minor, Currency c);  // "USD 1,234.50"
std::string HumanBytes(uint64_t bytes);           // "12.3 MiB"
std::string HumanMicros(int64_t micros);          // "412 ms", "3.2 s"

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_FORMAT_H_
