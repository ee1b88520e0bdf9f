// Physical lines and tags of an MT940 / MT942 file. Internal to the MT94x
// reader.
#ifndef CASHMATCH_INGEST_MT94X_LINES_H_
#define CASHMATCH_INGEST_MT94X_LINES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mt94x_fields.h"

namespace cashmatch::ingest::mt94x {

// `s` without leading and trailing blanks and control characters.
std::string_view TrimControls(std::string_view s);

// A bank header line around messages: "ABNANL2A", "940", ":940:", "STARTUMS".
bool IsHeaderLine(std::string_view t);

// Statement lines in the file, judged from its first 64 KiB (a guess to
// reserve by, never a count the file claims): one reallocation of a
// vector of 100,000s of payments costs more than the guess.
size_t EstimateEntries(std::string_view bytes);

enum class Tag : uint8_t {
  kReference,  // :20:
  kAccount,    // :25: :25P:
  kOpening,    // :60F: :60M:
  kLine,       // :61:
  kInfo,       // :86:
  kClosing,    // :62F: :62M:
  kBalance,    // :64: :65:
  kFloor,      // :34F:
  kDateTime,   // :13: :13D:
  kTotals,     // :90D: :90C:
  kText,       // :21: :28: :28C: :NS: and tags we do not use
};

// ":20:", ":28C:", ":NS:": the tag's name and its kind; false for anything
// else (a continuation line may start with ':').
bool MatchTag(std::string_view t, std::string_view* name, Tag* tag);

// The physical lines of the file, line ends removed: LF, CRLF, or CR alone
// (decided by the first line end), numbered from 1. A view into the bytes
// given; not thread-safe.
class LineReader {
 public:
  explicit LineReader(std::string_view bytes);

  // The next line, false at the end. A last line needs no line end.
  bool Next(std::string_view* line) {
    if (pos_ >= data_.size()) return false;
    const char* start = data_.data() + pos_;
    // Statement lines are short: an inline scan beats a memchr call.
    const size_t end = FindByte(data_, pos_, eol_);
    const bool hit = end != data_.size();
    size_t len = end - pos_;
    pos_ = hit ? end + 1 : end;
    if (eol_ == '\n' && len > 0 && start[len - 1] == '\r') --len;
    *line = std::string_view(start, len);
    ++number_;
    return true;
  }
  // The number of the line Next returned last.
  uint64_t number() const { return number_; }

  // Where the reader is, to look ahead and come back.
  struct Mark {
    size_t pos;
    uint64_t number;
  };
  Mark mark() const { return {pos_, number_}; }
  void Reset(Mark m) {
    pos_ = m.pos;
    number_ = m.number;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  uint64_t number_ = 0;
  char eol_ = '\n';
};

}  // namespace cashmatch::ingest::mt94x

#endif  // CASHMATCH_INGEST_MT94X_LINES_H_
