// Aligned text tables for people at a terminal. Not thread-safe.
#ifndef CASHMATCH_TOOLS_TABLE_H_
#define CASHMATCH_TOOLS_TABLE_H_

#include <string>
#include <vector>

namespace cashmatch::tools {

class Table {
 public:
  // Columns whose name is in `right_aligned` (amounts, counts) align right.
  explicit Table(std::vector<std::string> header, std::vector<bool> right_aligned = {});
  void AddRow(std::vector<std::string> row);
  std::string Render() const;

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_TABLE_H_
