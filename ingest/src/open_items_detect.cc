// Telling an open-items file from a payments feed: both may be CSV or JSON
// Lines, so the file's field names decide, read from the CSV header row or
// the first JSON object. Only the head of the file is looked at.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "cashmatch/open_items_reader.h"
#include "simdjson.h"

namespace cashmatch {
namespace {

constexpr size_t kSniffBytes = 64 * 1024;

std::string_view SkipBomAndBlanks(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  return s;
}

std::string Normalize(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The header row's names. Quoted names may hold commas and doubled quotes;
// a header never spans lines in practice, so the first line is the row.
std::set<std::string> CsvHeader(std::string_view head) {
  std::set<std::string> names;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    if (quoted) {
      if (c == '"' && i + 1 < head.size() && head[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == ',' || c == '\r' || c == '\n') {
      names.insert(Normalize(cell));
      cell.clear();
      if (c != ',') return names;
    } else {
      cell += c;
    }
  }
  names.insert(Normalize(cell));
  return names;
}

// The first JSON object's keys; empty when it does not parse.
std::set<std::string> JsonKeys(std::string_view head) {
  std::set<std::string> names;
  const std::string_view line = head.substr(0, head.find('\n'));
  simdjson::padded_string padded(line);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) return names;
  simdjson::ondemand::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) return names;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return {};
    names.insert(Normalize(key));
  }
  return names;
}

}  // namespace

std::optional<OpenItemsFormat> DetectOpenItems(std::string_view bytes) {
  const std::string_view head = SkipBomAndBlanks(bytes.substr(0, kSniffBytes));
  if (head.empty()) return std::nullopt;
  const OpenItemsFormat format =
      head.front() == '{' ? OpenItemsFormat::kJsonLines : OpenItemsFormat::kCsv;
  const std::set<std::string> names =
      format == OpenItemsFormat::kJsonLines ? JsonKeys(head) : CsvHeader(head);
  // A payments feed names its bank reference; open items never carry one.
  if (names.contains("source_ref")) return std::nullopt;
  const bool invoices = names.contains("invoice_id") && names.contains("customer_id");
  const bool customers = names.contains("customer_id") && names.contains("name");
  if (!invoices && !customers) return std::nullopt;
  return format;
}

}  // namespace cashmatch
