// Open items as CSV: the header decides the record kind and which column
// feeds which field; every row then goes through the shared conversion.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "csv_reader.h"
#include "open_items_fields.h"
#include "open_items_formats.h"

namespace cashmatch {
namespace {

constexpr int kIgnored = -1;

// What the header says: the kind of every row and each column's field.
struct Header {
  RowKind kind = RowKind::kUnknown;
  uint64_t line = 0;
  std::vector<int> field_of_column;  // Field as int, or kIgnored
  FieldMask given = 0;
  std::array<uint32_t, kFieldCount> column{};  // 1-based; 0 = no such column
};

Status ReadHeader(const CsvRecord& record, std::string_view file, Header* header) {
  header->line = record.line();
  header->field_of_column.assign(record.size(), kIgnored);
  for (size_t i = 0; i < record.size(); ++i) {
    const std::optional<Field> f = FieldFromName(record[i]);
    if (!f) continue;
    const size_t k = static_cast<size_t>(*f);
    const uint32_t column = static_cast<uint32_t>(i + 1);
    if (header->given & Bit(*f)) {
      return Status::InvalidInput(
          "column '" + std::string(FieldName(*f)) + "' appears twice in the header (columns " +
              std::to_string(header->column[k]) + " and " + std::to_string(column) + ")",
          SourceLocation{std::string(file), record.line(), column, std::string(FieldName(*f))});
    }
    header->given |= Bit(*f);
    header->column[k] = column;
    header->field_of_column[i] = static_cast<int>(k);
  }
  header->kind = KindOf(header->given);
  if (header->kind == RowKind::kUnknown) {
    return Status::InvalidInput(
        "the header has no 'invoice_id' column (for invoices) nor 'customer_id' and 'name' "
        "columns (for customers)",
        SourceLocation{std::string(file), record.line(), 0, ""});
  }
  const FieldMask missing = RequiredFields(header->kind) & ~header->given;
  for (size_t k = 0; k < kFieldCount; ++k) {
    if (missing & Bit(static_cast<Field>(k))) {
      const std::string name(FieldName(static_cast<Field>(k)));
      return Status::InvalidInput(
          "missing required column '" + name + "' in the header of an " +
              (header->kind == RowKind::kInvoice ? "invoice" : "customer") + " file",
          SourceLocation{std::string(file), record.line(), 0, name});
    }
  }
  return Status::Ok();
}

}  // namespace

Result<OpenItems> ReadOpenItemsCsv(std::string_view bytes, std::string_view file_name,
                                   const OpenItemsReadOptions& options) {
  const SourceLocation in_file{std::string(file_name), 0, 0, ""};
  CsvOptions csv_options;
  csv_options.max_record_bytes = options.max_record_bytes;
  CsvReader reader(bytes, csv_options);
  CsvRecord record;

  // The header is the first line with anything on it.
  bool have_header = false;
  while (!have_header && reader.Next(&record)) have_header = !record.blank();
  if (!reader.status().ok()) return reader.status().WithContext(in_file);
  if (!have_header) {
    return Status::InvalidInput("the file is empty: expected a CSV header row or JSON Lines",
                                SourceLocation{std::string(file_name), 1, 0, ""});
  }
  Header header;
  CASHMATCH_RETURN_IF_ERROR(ReadHeader(record, file_name, &header));

  OpenItemsBuilder builder(file_name, EstimateRows(bytes));
  RawRow row;
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
      return Status::InvalidInput(
          "blank line between rows (the next row is on line " + std::to_string(record.line()) +
              "); remove it, or the rows after it",
          SourceLocation{std::string(file_name), blank_line, 0, ""});
    }
    if (record.size() != columns) {
      return Status::InvalidInput(
          "row has " + std::to_string(record.size()) + " fields but the header has " +
              std::to_string(columns),
          SourceLocation{std::string(file_name), record.line(),
                         static_cast<uint32_t>(std::min(record.size(), columns) + 1), ""});
    }
    for (size_t i = 0; i < columns; ++i) {
      const int f = header.field_of_column[i];
      if (f != kIgnored) row.text[static_cast<size_t>(f)] = record[i];
    }
    Status st = header.kind == RowKind::kInvoice ? builder.AddInvoice(row, record.line())
                                                 : builder.AddCustomer(row, record.line());
    if (!st.ok()) return st;
  }
  if (!reader.status().ok()) return reader.status().WithContext(in_file);
  return std::move(builder).Finish();
}

}  // namespace cashmatch
