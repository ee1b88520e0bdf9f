// The byte formats of the result files (spec §3, docs/outbox.md): rows of
// typed cells rendered as CSV (RFC 4180, with the spreadsheet formula guard)
// and as JSON Lines (raw values, typed). Pure functions of their input, so
// the same rows always give the same bytes.
#ifndef CASHMATCH_TOOLS_OUTBOX_FORMAT_H_
#define CASHMATCH_TOOLS_OUTBOX_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cashmatch::tools {

// How a cell is written in JSON; CSV writes every cell as its text.
enum class CellType : uint8_t {
  kText,     // a JSON string
  kInteger,  // an id or count: a JSON number, the text as it is
  kDecimal,  // an amount ("1234.50"): a JSON string, never a float
  kNumber,   // a decimal written as a JSON number (confidence "0.97")
  kBool,     // "true" / "false"
};

struct Cell {
  std::string text;
  CellType type = CellType::kText;
};

// One result file's rows: column names in order, and rows of exactly that
// many cells.
struct ResultTable {
  std::vector<std::string_view> columns;  // static names
  std::vector<std::vector<Cell>> rows;
};

// Whether `text` is a plain decimal number: an optional sign, digits, and
// optionally a dot and more digits ("-12.50", "+3", "42").
bool IsPlainNumber(std::string_view text);

// A cell as CSV writes it: with a leading ' when it begins with = + - or @
// and is not a number (so a spreadsheet does not run it as a formula), then
// quoted as RFC 4180 says when it holds a comma, a quote, CR or LF (quotes
// doubled).
std::string CsvCell(std::string_view text);

// The header row, then one line per row; every line ends with "\n".
std::string RenderCsv(const ResultTable& table);
// One JSON object per row, keys the column names in order, one per line
// ending with "\n"; values raw (no formula guard), typed by CellType.
std::string RenderJsonl(const ResultTable& table);

// Basis points 0..10000 as a decimal in [0, 1] without trailing zeros:
// 9700 -> "0.97", 10000 -> "1", 0 -> "0", 9755 -> "0.9755".
std::string FormatConfidence(uint32_t basis_points);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_OUTBOX_FORMAT_H_
