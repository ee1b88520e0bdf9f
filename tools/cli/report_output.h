// The `cashmatch report …` commands and what they share: output format,
// figures in tenths, CSV lines. Like every command they append to the
// CommandEnv's buffers and never print.
#ifndef CASHMATCH_TOOLS_CLI_REPORT_OUTPUT_H_
#define CASHMATCH_TOOLS_CLI_REPORT_OUTPUT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/date.h"
#include "commands.h"
#include "json_writer.h"
#include "reports.h"

namespace cashmatch::tools {

enum class OutputFormat { kText, kJson, kCsv };

// What every report takes.
struct ReportOptions {
  OutputFormat format = OutputFormat::kText;
  std::string as_of;              // YYYY-MM-DD; empty: today (UTC)
  std::optional<uint64_t> limit;  // rows of the long lists; default: all (JSON, CSV) or a screenful (text)
};

int RunReportAging(CommandEnv& env, const ReportOptions& options, const std::string& customer,
                   const std::string* company, const std::string& currency);
int RunReportDso(CommandEnv& env, const ReportOptions& options, int months, const std::string& method);
int RunReportBehaviour(CommandEnv& env, const ReportOptions& options, int months, const std::string& customer);
int RunReportPerformance(CommandEnv& env, const ReportOptions& options, int days);

// `customer show`'s behaviour block; `behaviour` may have no items.
void AppendBehaviourText(const PaymentBehaviour& b, std::string* out);
void AppendBehaviourJson(const PaymentBehaviour& b, JsonWriter* w);

// ---- helpers ----
// as_of text, or today; false (and a refusal written) when it is not a date.
bool ParseAsOf(CommandEnv& env, const std::string& text, Date* as_of);
std::string Tenths(int64_t tenths);                  // 123 -> "12.3"
std::string PercentOf(uint64_t part, uint64_t whole);  // "87.5" (no sign); "-" when whole is 0
// How many rows to show: the limit, or all but text's default.
size_t RowsToShow(const ReportOptions& options, size_t available, size_t text_default);
// One CSV line of cells (each through CsvCell), ending with "\n".
std::string CsvLine(const std::vector<std::string>& cells);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_REPORT_OUTPUT_H_
