#include "report_output.h"

#include "outbox_format.h"

namespace cashmatch::tools {

bool ParseAsOf(CommandEnv& env, const std::string& text, Date* as_of) {
  if (text.empty()) {
    *as_of = Timestamp::Now().date();
    return true;
  }
  Result<Date> d = ParseDate(text);
  if (!d.ok()) {
    Refuse(env, "--as-of '" + text + "': " + d.status().ToString());
    return false;
  }
  *as_of = *d;
  return true;
}

std::string Tenths(int64_t tenths) { return FormatMinorUnits(tenths, 1); }

std::string PercentOf(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  return Tenths(TenthsOf(static_cast<Int128>(part) * 100, whole));
}

size_t RowsToShow(const ReportOptions& options, size_t available, size_t text_default) {
  size_t n = options.limit ? *options.limit : options.format == OutputFormat::kText ? text_default : available;
  return std::min(n, available);
}

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ',';
    line += CsvCell(cells[i]);
  }
  line += '\n';
  return line;
}

}  // namespace cashmatch::tools
