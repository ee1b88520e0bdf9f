// An RFC 4180 CSV tokenizer over bytes held in memory, for any CSV-based
// format (open items, payments feeds). It knows records and fields, not
// what they mean.
//
// Accepted: a UTF-8 byte order mark at the start (skipped); records ended by
// CR LF, LF, or the end of input (a lone CR there too); quoted fields
// holding the delimiter, doubled quotes ("" for ") and line breaks (kept as
// written). With `trim_unquoted`, unquoted fields lose surrounding spaces and
// tabs, and spaces may stand around a quoted field. An empty line (with
// trimming, also one of only spaces and tabs) is a record of one empty
// field, flagged blank() so callers may skip it.
//
// Refused, with kInvalidInput naming the line the record starts on and the
// 1-based field position as column: a quote that is never closed, a quote
// inside an unquoted field, text after a closing quote, a carriage return
// not followed by a line feed, and (when `validate_utf8`) invalid UTF-8.
// A record longer than `max_record_bytes` or with more than `max_fields`
// fields is refused with kResourceExhausted. Errors carry no file name: the
// caller adds it with Status::WithContext.
//
// Cost: one pass over the input; views point into the input except fields
// with doubled quotes, which are unescaped into the record's own buffer. A
// CsvRecord reused across Next() calls keeps its capacity, so steady-state
// reading does not allocate.
//
// A CsvReader is not safe to use from two threads at once; readers over the
// same input on different threads are independent.
#ifndef CASHMATCH_INGEST_CSV_READER_H_
#define CASHMATCH_INGEST_CSV_READER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/status.h"

namespace cashmatch {

struct CsvOptions {
  char delimiter = ',';          // default ','; must not be '"', CR or LF
  bool trim_unquoted = true;     // default true: trim spaces and tabs
  bool validate_utf8 = true;     // default true
  size_t max_record_bytes = size_t{1} << 20;  // default 1 MiB, line end excluded
  size_t max_fields = 4096;      // default 4096
};

// One record. Its views point into the reader's input or into the record
// itself, and stay valid until the record is passed to Next() again or
// destroyed (and, for views into the input, while the input lives).
class CsvRecord {
 public:
  size_t size() const { return fields_.size(); }
  std::string_view operator[](size_t i) const { return fields_[i]; }
  const std::vector<std::string_view>& fields() const { return fields_; }
  // 1-based physical line on which the record starts.
  uint64_t line() const { return line_; }
  // True for a line holding nothing but spaces: one empty, unquoted field.
  bool blank() const { return blank_; }

 private:
  friend class CsvReader;
  struct Unescaped {
    size_t field;
    size_t offset;  // into scratch_
    size_t size;
  };

  std::vector<std::string_view> fields_;
  std::string scratch_;               // unescaped text of fields with ""
  std::vector<Unescaped> unescaped_;  // which fields point into scratch_
  uint64_t line_ = 0;
  bool blank_ = false;
};

class CsvReader {
 public:
  // `input` must outlive the reader and every record it fills.
  explicit CsvReader(std::string_view input, const CsvOptions& options = {});

  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into *record. Returns false at the end of input
  // or on error; status() tells which. After an error, keeps returning false.
  bool Next(CsvRecord* record);

  // OK unless Next() failed.
  const Status& status() const { return status_; }

  // 1-based line the next record would start on.
  uint64_t line() const { return line_; }

 private:
  Status Fail(std::string reason, size_t field) const;
  Status TooLong() const;
  Status ReadQuoted(size_t field, const char** pos, CsvRecord* record);
  bool ValidUtf8(const char* begin, const char* end) const;

  const char* pos_;  // start of the next record
  const char* end_;
  // For the record being read: where it started, and how far scanning may
  // go (end_, or one byte past the longest record allowed).
  uint64_t record_line_ = 0;
  const char* limit_ = nullptr;
  bool truncated_ = false;  // limit_ is before end_
  CsvOptions options_;
  uint64_t line_ = 1;
  bool input_is_utf8_ = true;  // checked once; false means check each field
  Status status_;
  std::array<bool, 256> stops_unquoted_{};  // delimiter, '"', CR, LF
};

}  // namespace cashmatch

#endif  // CASHMATCH_INGEST_CSV_READER_H_
