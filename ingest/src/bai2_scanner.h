// Splits a BAI2 file into records and fields. Internal to ingest.
//
// A BAI2 logical record starts with a two-digit record code and a comma and
// ends at '/' or at the end of the physical line; 88 records continue
// whatever record precedes them. Banks differ in how records sit on lines:
// one per line (LF or CRLF, with or without the '/'), several packed on one
// line ("49,-1600,11/  03,..."), fixed 80-byte blocks with no line ends at
// all. The 16 record's text is the exception to '/': it runs to the end of
// the physical line (see Cursor::ReadText).
//
// Everything here is a view into the input; nothing allocates.
#ifndef CASHMATCH_INGEST_BAI2_SCANNER_H_
#define CASHMATCH_INGEST_BAI2_SCANNER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cashmatch/status.h"

namespace cashmatch::ingest::bai2 {

// One comma-separated field, blanks trimmed, and the physical line it is on.
struct Field {
  std::string_view text;
  uint64_t line = 0;
};

// A piece of 16 text: the rest of the 16's line after its last fixed field,
// or one continuation line.
struct TextPiece {
  std::string_view text;  // trailing '/' removed; blanks kept
  uint64_t line = 0;
  // The bank filled the physical record to its full width with no blank at
  // the end: a line broken there was broken inside a word, and the next
  // piece joins without a space.
  bool full_width = false;
};

class Scanner {
 public:
  // `fixed_width` > 0: the input has no line ends and every `fixed_width`
  // bytes are one physical line. `text_width`: the physical record length
  // the file declares (80 when it declares none), for TextPiece::full_width.
  Scanner(std::string_view bytes, size_t fixed_width, size_t text_width,
          size_t max_line_bytes);

  enum class Next : uint8_t { kRecord, kEnd, kNotARecord, kError };
  // Moves to the next record, skipping blanks and blank lines; on kRecord
  // `code` is the record code (0-99) and `line` its physical line, and the
  // scanner stands after the code's comma. kNotARecord: `line` holds
  // something that is not a record start. kError: see status().
  Next NextRecord(int* code, uint64_t* line);

  // The first error met (a line over max_line_bytes); sticky.
  const Status& status() const { return status_; }
  uint64_t line() const { return s_.line_no; }

 private:
  friend class Cursor;

  // Where the scanner stands; cheap to copy, so lookahead saves and restores it.
  struct State {
    size_t line_begin = 0;
    size_t line_end = 0;
    size_t next_line = 0;
    size_t pos = 0;
    uint64_t line_no = 0;
  };

  bool LoadNextLine();
  // Skips blanks and blank lines; false at the end of the input.
  bool SkipToContent();
  // The record code at the position, or -1.
  int RecordCodeAt(size_t pos) const;

  const char* data_;
  size_t size_;
  size_t fixed_width_;
  size_t text_width_;
  size_t max_line_bytes_;
  char line_end_char_;  // '\n', or '\r' for files with CR line ends only
  State s_;
  Status status_;
};

// Reads the fields of the record the scanner stands in, following its 88
// continuations; each 88 consumed is counted in continuations().
class Cursor {
 public:
  explicit Cursor(Scanner* scanner) : sc_(scanner) {}

  // The next field; false when the record and its continuations hold no
  // more. A field never spans two physical records.
  bool NextField(Field* field);

  // Reads the rest of the record as free text: what remains of the current
  // piece (when the last field ended with a comma) and every continuation
  // after it, calling on_piece(const TextPiece&) for each. Text runs to the
  // end of the physical line, except where '/', blanks and a 16, 88 or 49
  // record start show that the bank packed the next record onto the line. A
  // line that does not start with a record code, after text that did not
  // end with '/', continues the text (some banks break long text with a bare
  // line end); it is not a record and is not counted.
  template <typename F>
  void ReadText(F&& on_piece) {
    TextPiece piece;
    if (open_) {
      TakeTextPiece(&piece);
      on_piece(piece);
    }
    while (NextTextPiece(&piece)) on_piece(piece);
  }

  uint32_t continuations() const { return continuations_; }
  // The line of the last field or piece read.
  uint64_t line() const { return sc_->s_.line_no; }

 private:
  bool TakeContinuation();
  void TakeTextPiece(TextPiece* piece);
  bool NextTextPiece(TextPiece* piece);

  Scanner* sc_;
  bool open_ = true;           // the current piece has unread content
  bool ended_by_slash_ = false;  // the last piece ended at '/'
  uint32_t continuations_ = 0;
};

}  // namespace cashmatch::ingest::bai2

#endif  // CASHMATCH_INGEST_BAI2_SCANNER_H_
