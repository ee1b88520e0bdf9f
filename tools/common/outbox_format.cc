#include "outbox_format.h"

#include "cashmatch/money.h"
#include "json_writer.h"

namespace cashmatch::tools {

bool IsPlainNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  const size_t int_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == int_start) return false;
  if (i == text.size()) return true;
  if (text[i] != '.') return false;
  const size_t frac_start = ++i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return i > frac_start && i == text.size();
}

std::string CsvCell(std::string_view text) {
  std::string cell;
  // The guard goes inside the quotes: a spreadsheet looks at the value.
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@') &&
      !IsPlainNumber(text)) {
    cell.push_back('\'');
  }
  cell.append(text);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

std::string RenderCsv(const ResultTable& table) {
  std::string out;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(table.columns[i]);  // our own names: nothing to quote
  }
  out.push_back('\n');
  for (const std::vector<Cell>& row : table.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out.push_back(',');
      out.append(CsvCell(row[i].text));
    }
    out.push_back('\n');
  }
  return out;
}

std::string RenderJsonl(const ResultTable& table) {
  std::string out;
  for (const std::vector<Cell>& row : table.rows) {
    JsonWriter w;
    w.BeginObject();
    for (size_t i = 0; i < row.size() && i < table.columns.size(); ++i) {
      w.Key(table.columns[i]);
      const Cell& c = row[i];
      switch (c.type) {
        case CellType::kInteger:
        case CellType::kNumber:
        case CellType::kBool:
          w.Raw(c.text);
          break;
        case CellType::kText:
        case CellType::kDecimal:
          w.String(c.text);
          break;
      }
    }
    w.EndObject();
    out.append(w.str());
    out.push_back('\n');
  }
  return out;
}

std::string FormatConfidence(uint32_t basis_points) {
  std::string s = FormatMinorUnits(basis_points, 4);
  while (s.back() == '0' && s.find('.') != std::string::npos) s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace cashmatch::tools
