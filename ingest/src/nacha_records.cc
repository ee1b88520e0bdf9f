#include "nacha_records.h"

#include <algorithm>
#include <cstring>

#include "bank_text.h"

namespace cashmatch::ingest::nacha {
namespace {

bool IsBlankChar(char c) { return c == ' ' || c == '\t'; }

// Whitespace a line may hold instead of a record: blanks, stray line-end
// bytes, and the DOS end-of-file mark some old systems append.
bool IsIgnorable(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\x1A'; }

}  // namespace

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlankChar(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlankChar(s.back())) s.remove_suffix(1);
  return s;
}

bool IsBlank(std::string_view s) { return std::all_of(s.begin(), s.end(), IsBlankChar); }

bool IsFiller(std::string_view data) {
  return std::all_of(data.begin(), data.end(), [](char c) { return c == '9'; });
}

RecordSplitter::RecordSplitter(std::string_view bytes, std::string_view file_name,
                               size_t max_record_bytes)
    : bytes_(bytes), file_name_(file_name), max_record_bytes_(max_record_bytes) {
  // Line ends are decided once: LF (with or without CR before it), or CR
  // alone when the file has no LF at all.
  if (!std::memchr(bytes.data(), '\n', bytes.size()) &&
      std::memchr(bytes.data(), '\r', bytes.size())) {
    eol_ = '\r';
  }
}

bool RecordSplitter::RestIsBlank(size_t from) const {
  return std::all_of(bytes_.begin() + static_cast<long>(from), bytes_.end(), IsIgnorable);
}

RecordSplitter::Step RecordSplitter::Emit(std::string_view bytes, uint64_t line, uint32_t column,
                                          Record* rec, Status* error) {
  if (bytes.size() > max_record_bytes_) {
    SourceLocation where;
    where.file = std::string(file_name_);
    where.line = line;
    where.column = column;
    *error = Status::ResourceExhausted("a record of " + std::to_string(bytes.size()) +
                                          " bytes, over the limit of " +
                                          std::to_string(max_record_bytes_),
                                      std::move(where));
    return Step::kError;
  }
  rec->line = line;
  rec->column = column;
  rec->length = static_cast<uint32_t>(std::min(bytes.size(), kRecordSize));
  if (bytes.size() >= kRecordSize) {
    rec->data = bytes.substr(0, kRecordSize);
  } else {
    std::memcpy(pad_.data(), bytes.data(), bytes.size());
    std::memset(pad_.data() + bytes.size(), ' ', kRecordSize - bytes.size());
    rec->data = std::string_view(pad_.data(), kRecordSize);
  }
  ++records_;
  return Step::kRecord;
}

RecordSplitter::Step RecordSplitter::Next(Record* rec, Status* error) {
  if (run_pos_ < run_end_) {
    const size_t len = std::min(kRecordSize, run_end_ - run_pos_);
    const size_t at = run_pos_;
    run_pos_ += len;
    return Emit(bytes_.substr(at, len), run_line_, static_cast<uint32_t>(at - run_line_start_ + 1),
                rec, error);
  }
  const char* data = bytes_.data();
  const size_t size = bytes_.size();
  while (pos_ < size) {
    const size_t start = pos_;
    const void* hit = std::memchr(data + start, eol_, size - start);
    size_t end = hit ? static_cast<size_t>(static_cast<const char*>(hit) - data) : size;
    pos_ = hit ? end + 1 : size;
    if (eol_ == '\n' && end > start && data[end - 1] == '\r') --end;
    const uint64_t line = ++line_;
    const size_t len = end - start;
    if (len == 0 || IsIgnorable(data[start])) {
      // A record never starts with a blank: this is an empty line, or one
      // of blanks, or garbage the record check below would name anyway.
      if (std::all_of(data + start, data + end, IsIgnorable)) continue;
    }
    const std::string_view text(data + start, len);
    if (len <= kRecordSize) return Emit(text, line, 1, rec, error);
    // Longer than a record: trailing blanks after one record, several
    // records back to back (a file without line breaks), or an error.
    if (IsBlank(text.substr(kRecordSize))) return Emit(text.substr(0, kRecordSize), line, 1, rec, error);
    if (len % kRecordSize == 0 || RestIsBlank(pos_)) {
      run_pos_ = start;
      run_end_ = end;
      run_line_start_ = start;
      run_line_ = line;
      return Next(rec, error);
    }
    if (len > max_record_bytes_) return Emit(text, line, 1, rec, error);
    *error = BankError(file_name_, line, "",
                       "line " + std::to_string(line) + " is " + std::to_string(len) +
                           " characters long: NACHA records are 94 characters, and this is "
                           "neither one record nor a run of whole records");
    return Step::kError;
  }
  return Step::kEnd;
}

}  // namespace cashmatch::ingest::nacha
