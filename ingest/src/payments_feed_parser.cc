// The payments feed as CSV: the header says which column feeds which field;
// every row then goes through the conversion shared with JSON Lines
// (payments_feed_fields.h). The JSON Lines reader is payments_feed_jsonl.cc.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "bank_parsers.h"
#include "bank_text.h"
#include "csv_reader.h"
#include "payments_feed_fields.h"
#include "simdjson.h"

namespace cashmatch::ingest {
namespace {

constexpr int kIgnored = -1;
// "R,2026-01-01,1,USD": the shortest row that could be valid.
constexpr size_t kMinCsvRow = 18;

struct Header {
  std::vector<int> field_of_column;  // FeedField as int, or kIgnored
  FeedMask given = 0;
  std::array<uint32_t, kFeedFieldCount> column{};  // 1-based; 0 = no such column
};

// The delimiter the header line uses most among ',', ';' and tab; ',' on a
// tie. Feeds exported from European spreadsheets use ';', some tab.
char DetectDelimiter(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  size_t start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return ',';
  std::string_view line = bytes.substr(start, bytes.find_first_of("\r\n", start) - start);
  const auto commas = std::count(line.begin(), line.end(), ',');
  const auto semicolons = std::count(line.begin(), line.end(), ';');
  const auto tabs = std::count(line.begin(), line.end(), '\t');
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

// The line of the first '{' when that is the first character of the file
// that is not a byte order mark or white space; 0 otherwise.
uint64_t JsonLinesStart(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  uint64_t line = 1;
  for (char c : bytes) {
    if (c == '{') return line;
    if (c == '\n') {
      ++line;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      return 0;
    }
  }
  return 0;
}

Status ReadHeader(const CsvRecord& record, std::string_view file, Header* header) {
  header->field_of_column.assign(record.size(), kIgnored);
  for (size_t i = 0; i < record.size(); ++i) {
    const std::optional<FeedField> f = FeedFieldFromName(record[i]);
    if (!f) continue;
    const size_t k = static_cast<size_t>(*f);
    const uint32_t column = static_cast<uint32_t>(i + 1);
    if (header->given & Bit(*f)) {
      return Status::InvalidInput(
          "column '" + std::string(FeedFieldName(*f)) + "' appears twice in the header (columns " +
              std::to_string(header->column[k]) + " and " + std::to_string(column) + ")",
          SourceLocation{std::string(file), record.line(), column,
                         std::string(FeedFieldName(*f))});
    }
    header->given |= Bit(*f);
    header->column[k] = column;
    header->field_of_column[i] = static_cast<int>(k);
  }
  const FeedMask missing = kFeedRequired & ~header->given;
  for (size_t k = 0; k < kFeedFieldCount; ++k) {
    const auto f = static_cast<FeedField>(k);
    if (!(missing & Bit(f))) continue;
    const std::string name(FeedFieldName(f));
    return Status::InvalidInput(
        "missing required column '" + name +
            "' in the header (a payments feed needs source_ref, value_date, amount and "
            "currency; names are matched ignoring case)",
        SourceLocation{std::string(file), record.line(), 0, name});
  }
  return Status::Ok();
}

}  // namespace

Result<BankFile> ParsePaymentsCsv(std::string_view bytes, const ParseContext& ctx) {
  const SourceLocation in_file{std::string(ctx.file_name), 0, 0, ""};
  CASHMATCH_RETURN_IF_ERROR(RefuseUtf16(bytes, ctx.file_name));
  // One SIMD pass decides the encoding for every field (the same answer as
  // DetectEncoding, several times faster on a large feed).
  const TextEncoding encoding = simdjson::validate_utf8(bytes.data(), bytes.size())
                                    ? TextEncoding::kUtf8
                                    : TextEncoding::kWindows1252;
  CsvOptions csv_options;
  csv_options.delimiter = DetectDelimiter(bytes);
  csv_options.validate_utf8 = false;  // Windows-1252 is read, not refused
  csv_options.max_record_bytes = ctx.options.max_record_bytes;
  CsvReader reader(bytes, csv_options);
  CsvRecord record;

  // A JSON object where the header should be: say what the file is rather
  // than that its "header" lacks columns.
  if (const uint64_t line = JsonLinesStart(bytes)) {
    return Status::InvalidInput(
        "the file starts with '{': it looks like JSON Lines, not CSV; read it as jsonl",
        SourceLocation{std::string(ctx.file_name), line, 0, ""});
  }
  // The header is the first line with anything on it.
  bool have_header = false;
  while (!have_header && reader.Next(&record)) have_header = !record.blank();
  if (!reader.status().ok()) return reader.status().WithContext(in_file);
  if (!have_header) {
    return Status::InvalidInput(
        "the file is empty: expected a header row naming the columns source_ref, value_date, "
        "amount and currency",
        SourceLocation{std::string(ctx.file_name), 1, 0, ""});
  }
  Header header;
  CASHMATCH_RETURN_IF_ERROR(ReadHeader(record, ctx.file_name, &header));

  FeedBuilder builder(ctx, BankFormat::kPaymentsCsv, encoding,
                      EstimateFeedRows(bytes, kMinCsvRow));
  FeedRow row;
  row.given = header.given;
  row.column = header.column;
  const size_t columns = header.field_of_column.size();
  uint64_t blank_line = 0;  // first blank line not yet followed by a row
  while (reader.Next(&record)) {
    if (record.blank()) {
      if (blank_line == 0) blank_line = record.line();
      continue;
    }
    if (blank_line != 0) {
      return builder.Fail(Status::InvalidInput(
          "blank line between rows (the next row is on line " + std::to_string(record.line()) +
              "); remove it, or the rows after it",
          SourceLocation{std::string(ctx.file_name), blank_line, 0, ""}));
    }
    if (record.size() != columns) {
      return builder.Fail(Status::InvalidInput(
          "row has " + std::to_string(record.size()) + " fields but the header has " +
              std::to_string(columns),
          SourceLocation{std::string(ctx.file_name), record.line(),
                         static_cast<uint32_t>(std::min(record.size(), columns) + 1), ""}));
    }
    for (size_t i = 0; i < columns; ++i) {
      const int f = header.field_of_column[i];
      if (f != kIgnored) row.text[static_cast<size_t>(f)] = record[i];
    }
    CASHMATCH_RETURN_IF_ERROR(builder.Add(row, record.line()));
  }
  if (!reader.status().ok()) return builder.Fail(reader.status().WithContext(in_file));
  return std::move(builder).Finish();
}

}  // namespace cashmatch::ingest
