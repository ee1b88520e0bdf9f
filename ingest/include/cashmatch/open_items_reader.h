// Reads an ERP open-items file (spec §2.1) into OpenItems: customers and
// invoices, each row with the line it starts on, in file order.
//
// Two formats, told apart by content: JSON Lines when the first byte that is
// not a UTF-8 byte order mark or white space is '{', CSV otherwise.
//
//   CSV: RFC 4180 with a header row. Header names are matched ignoring case
//     and surrounding spaces; columns may come in any order and unknown
//     columns are ignored. A header with `invoice_id` makes an invoice file;
//     one with `customer_id` and `name` (and no `invoice_id`) a customer
//     file. Quoted fields may hold commas, doubled quotes and line breaks;
//     unquoted fields are trimmed of surrounding spaces and tabs. CR LF and
//     LF line ends, a leading BOM and blank lines at the end are accepted; a
//     blank line between rows is an error.
//   JSON Lines: one object per line, same field names; blank lines are
//     skipped. Each object is an invoice if it has `invoice_id`, a customer
//     if it has `customer_id` and `name`, so one file may mix both. Values
//     are strings or numbers; amounts given as JSON numbers are read from
//     their text, never through binary floating point. `aliases`,
//     `bank_accounts` and `email` may be '|'-separated strings or arrays of
//     strings. null is the same as leaving the field out.
//
// Every value is checked (currency codes, amounts in the currency's minor
// units, dates, the sign and size of open_amount, discount terms, ids, keys
// unique within the file). Any failure refuses the whole file: the result is
// the first error in file order.
//
// Errors:
//   kInvalidInput: malformed syntax or a value that breaks a rule. where()
//     names the file, the line the row starts on, for CSV the 1-based column
//     (the field's position in the row, not a byte offset), and the field
//     name when there is one; reason() says what is wrong.
//   kResourceExhausted: a CSV record or JSON line is longer than
//     `max_record_bytes`, or a CSV record has more than 4096 fields; where()
//     names file and line.
//
// Memory: the result owns all its strings. Besides the result, working
// memory is O(rows) for the duplicate check plus O(max_record_bytes) (CSV
// unescaping; the JSON parser and a padded copy of the file's last lines);
// nothing is sized from a count the file claims.
//
// Thread-safety: ReadOpenItems keeps no state between calls; calls on
// different threads run independently.
#ifndef CASHMATCH_OPEN_ITEMS_READER_H_
#define CASHMATCH_OPEN_ITEMS_READER_H_

#include <cstddef>
#include <optional>
#include <string_view>

#include "cashmatch/open_items.h"
#include "cashmatch/status.h"

namespace cashmatch {

enum class OpenItemsFormat { kCsv, kJsonLines };

struct OpenItemsReadOptions {
  // Longest CSV record or JSON line accepted, in bytes (line end excluded).
  // Default 1 MiB.
  size_t max_record_bytes = size_t{1} << 20;
};

// The format ReadOpenItems will read `bytes` as. Never fails: anything that
// does not look like JSON Lines is read as CSV.
OpenItemsFormat DetectOpenItemsFormat(std::string_view bytes);

// Whether `bytes` (a whole file, or at least its first 64 KiB) hold open
// items rather than a payments feed or a bank file, and in which format: a
// CSV header row, or the first JSON Lines object, that names `invoice_id`
// and `customer_id` (invoices) or `customer_id` and `name` (customers), and
// does not name `source_ref` (the field every payments feed carries). Names
// are matched ignoring case and surrounding blanks. nullopt for anything
// else, including an empty file; this says nothing about whether the file
// is valid (ReadOpenItems decides that).
std::optional<OpenItemsFormat> DetectOpenItems(std::string_view bytes);

// Parses `bytes`, the whole content of the file called `file_name` (used
// only in messages and copied into OpenItems::source). `bytes` is only read
// during the call; the result does not point into it.
Result<OpenItems> ReadOpenItems(std::string_view bytes, std::string_view file_name,
                                const OpenItemsReadOptions& options = {});

}  // namespace cashmatch

#endif  // CASHMATCH_OPEN_ITEMS_READER_H_
