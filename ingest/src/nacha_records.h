// NACHA physical records: splitting the input into 94-character records
// and reading fixed-position fields. Internal to ingest.
//
// Files arrive with LF, CRLF or CR line ends, or with no line breaks at all
// (records back to back); lines shorter than 94 are read as if padded with
// blanks (some banks strip trailing blanks), and a line holding several
// whole records is split. Anything else is refused with its line.
#ifndef CASHMATCH_INGEST_NACHA_RECORDS_H_
#define CASHMATCH_INGEST_NACHA_RECORDS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cashmatch/status.h"

namespace cashmatch::ingest::nacha {

inline constexpr size_t kRecordSize = 94;

// One 94-character record. `data` points into the input, or into the
// splitter's padding buffer for a short line: valid until the next call.
struct Record {
  std::string_view data;
  uint64_t line = 0;    // 1-based physical line
  uint32_t column = 1;  // 1-based byte column where the record starts
  uint32_t length = 0;  // bytes the file had for it (less than 94 if padded)

  // Positions are 1-based and inclusive, as the NACHA rules number them.
  std::string_view Field(size_t first, size_t last) const {
    return data.substr(first - 1, last - first + 1);
  }
  char Type() const { return data[0]; }
};

// Fixed-width numeric field: digits only (no blanks, no sign).
inline bool ParseDigits(std::string_view field, uint64_t* out) {
  if (field.empty()) return false;
  uint64_t v = 0;
  for (char c : field) {
    const unsigned d = static_cast<unsigned char>(c) - static_cast<unsigned>('0');
    if (d > 9) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}
// Trims blanks at both ends.
std::string_view Trim(std::string_view s);
bool IsBlank(std::string_view s);
// A filler record: all nines (blocking the file to a multiple of ten).
bool IsFiller(std::string_view data);

class RecordSplitter {
 public:
  RecordSplitter(std::string_view bytes, std::string_view file_name, size_t max_record_bytes);

  enum class Step : uint8_t { kRecord, kEnd, kError };
  // The next record, kEnd after the last, or kError with *error set.
  Step Next(Record* rec, Status* error);
  // Records returned so far (fillers included): the block count's basis.
  uint64_t records() const { return records_; }

 private:
  Step Emit(std::string_view bytes, uint64_t line, uint32_t column, Record* rec, Status* error);
  bool RestIsBlank(size_t from) const;

  std::string_view bytes_;
  std::string_view file_name_;
  size_t max_record_bytes_;
  char eol_ = '\n';  // '\r' for a file that ends lines with CR alone
  size_t pos_ = 0;
  uint64_t line_ = 0;
  uint64_t records_ = 0;
  // A line holding several records back to back, being split.
  size_t run_pos_ = 0;
  size_t run_end_ = 0;
  size_t run_line_start_ = 0;
  uint64_t run_line_ = 0;
  std::array<char, kRecordSize> pad_;
};

}  // namespace cashmatch::ingest::nacha

#endif  // CASHMATCH_INGEST_NACHA_RECORDS_H_
