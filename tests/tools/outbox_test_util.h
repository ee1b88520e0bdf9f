// Helpers for the result-file tests: an independent RFC 4180 reader (so a
// test checks what a consumer would read, not what our writer meant), and
// listing a folder.
#ifndef CASHMATCH_TESTS_TOOLS_OUTBOX_TEST_UTIL_H_
#define CASHMATCH_TESTS_TOOLS_OUTBOX_TEST_UTIL_H_

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cashmatch::testing {

using CsvRows = std::vector<std::vector<std::string>>;

// Strict: every record ends with "\n", quoted fields may hold anything with
// quotes doubled. Returns false on text that is not RFC 4180.
inline bool ParseCsv(std::string_view text, CsvRows* rows) {
  rows->clear();
  std::vector<std::string> row;
  std::string cell;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return false;
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell.push_back(text[i++]);
      }
      if (i >= text.size() || (text[i] != ',' && text[i] != '\n')) return false;
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\n') {
        if (text[i] == '"' || text[i] == '\r') return false;
        cell.push_back(text[i++]);
      }
      if (i >= text.size()) return false;  // no final newline
    }
    row.push_back(std::move(cell));
    cell.clear();
    if (text[i] == '\n') {
      rows->push_back(std::move(row));
      row.clear();
    }
    ++i;
  }
  return row.empty();
}

// Names in `dir`, hidden ones included, sorted.
inline std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_TOOLS_OUTBOX_TEST_UTIL_H_
