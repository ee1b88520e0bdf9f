#include "bai2_scanner.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace cashmatch::ingest::bai2 {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Bytes that carry nothing between records: blanks, a stray CR, and the NUL
// or Ctrl-Z padding some transfer programs leave at the end of a file.
bool IsFiller(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\0' || c == '\x1A'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(const char* b, const char* e) {
  while (b < e && IsBlank(*b)) ++b;
  while (e > b && IsBlank(e[-1])) --e;
  return std::string_view(b, static_cast<size_t>(e - b));
}

}  // namespace

Scanner::Scanner(std::string_view bytes, size_t fixed_width, size_t text_width,
                 size_t max_line_bytes)
    : data_(bytes.data()),
      size_(bytes.size()),
      fixed_width_(fixed_width),
      text_width_(text_width),
      max_line_bytes_(max_line_bytes),
      line_end_char_('\n') {
  size_t start = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  // Files from old systems may end lines with a bare CR.
  if (fixed_width_ == 0 && std::memchr(data_, '\n', size_) == nullptr &&
      std::memchr(data_, '\r', size_) != nullptr) {
    line_end_char_ = '\r';
  }
  s_.line_begin = s_.line_end = s_.next_line = s_.pos = start;
}

bool Scanner::LoadNextLine() {
  if (s_.next_line >= size_) return false;
  const size_t begin = s_.next_line;
  size_t end;
  if (fixed_width_ > 0) {
    end = std::min(size_, begin + fixed_width_);
    s_.next_line = end;
  } else {
    const void* nl = std::memchr(data_ + begin, line_end_char_, size_ - begin);
    if (nl != nullptr) {
      end = static_cast<size_t>(static_cast<const char*>(nl) - data_);
      s_.next_line = end + 1;
    } else {
      end = size_;
      s_.next_line = size_;
    }
    if (end > begin && data_[end - 1] == '\r') --end;
  }
  ++s_.line_no;
  if (end - begin > max_line_bytes_) {
    if (status_.ok()) {
      SourceLocation where;
      where.line = s_.line_no;
      status_ = Status::ResourceExhausted("line is " + std::to_string(end - begin) +
                                              " bytes, over the limit of " +
                                              std::to_string(max_line_bytes_),
                                          std::move(where));
    }
    s_.next_line = size_;
    return false;
  }
  s_.line_begin = begin;
  s_.line_end = end;
  s_.pos = begin;
  return true;
}

bool Scanner::SkipToContent() {
  while (true) {
    while (s_.pos < s_.line_end && IsFiller(data_[s_.pos])) ++s_.pos;
    if (s_.pos < s_.line_end) return true;
    if (!LoadNextLine()) return false;
  }
}

int Scanner::RecordCodeAt(size_t pos) const {
  if (pos + 2 >= s_.line_end) return -1;
  const char* p = data_ + pos;
  if (!IsDigit(p[0]) || !IsDigit(p[1]) || p[2] != ',') return -1;
  return (p[0] - '0') * 10 + (p[1] - '0');
}

Scanner::Next Scanner::NextRecord(int* code, uint64_t* line) {
  if (!status_.ok()) return Next::kError;
  if (!SkipToContent()) return status_.ok() ? Next::kEnd : Next::kError;
  *line = s_.line_no;
  const int c = RecordCodeAt(s_.pos);
  if (c < 0) return Next::kNotARecord;
  s_.pos += 3;
  *code = c;
  return Next::kRecord;
}

bool Cursor::NextField(Field* field) {
  while (!open_) {
    if (!TakeContinuation()) return false;
  }
  const char* b = sc_->data_ + sc_->s_.pos;
  const char* e = sc_->data_ + sc_->s_.line_end;
  const char* q = b;
  while (q < e && *q != ',' && *q != '/') ++q;
  field->text = Trim(b, q);
  field->line = sc_->s_.line_no;
  if (q == e) {
    sc_->s_.pos = sc_->s_.line_end;
    open_ = false;
    ended_by_slash_ = false;
  } else {
    sc_->s_.pos = static_cast<size_t>(q + 1 - sc_->data_);
    if (*q == '/') {
      open_ = false;
      ended_by_slash_ = true;
    }
  }
  return true;
}

bool Cursor::TakeContinuation() {
  const Scanner::State saved = sc_->s_;
  if (!sc_->SkipToContent() || sc_->RecordCodeAt(sc_->s_.pos) != 88) {
    sc_->s_ = saved;
    return false;
  }
  sc_->s_.pos += 3;
  open_ = true;
  ++continuations_;
  return true;
}

void Cursor::TakeTextPiece(TextPiece* piece) {
  const char* data = sc_->data_;
  const char* b = data + sc_->s_.pos;
  const char* e = data + sc_->s_.line_end;
  const char* cut = e;
  size_t resume = sc_->s_.line_end;
  bool slash = false;
  // A '/' followed by blanks and a 16, 88 or 49 record start is a packed
  // record boundary; any other '/' belongs to the text.
  for (const char* p = b; p < e; ++p) {
    p = static_cast<const char*>(std::memchr(p, '/', static_cast<size_t>(e - p)));
    if (p == nullptr) break;
    const char* q = p + 1;
    if (q >= e || !IsBlank(*q)) continue;
    while (q < e && IsBlank(*q)) ++q;
    if (e - q >= 3 && q[2] == ',' &&
        ((q[0] == '1' && q[1] == '6') || (q[0] == '8' && q[1] == '8') ||
         (q[0] == '4' && q[1] == '9'))) {
      cut = p;
      resume = static_cast<size_t>(q - data);
      slash = true;
      break;
    }
  }
  std::string_view text(b, static_cast<size_t>(cut - b));
  if (!slash) {
    size_t n = text.size();
    while (n > 0 && IsBlank(text[n - 1])) --n;
    if (n > 0 && text[n - 1] == '/') {
      text = text.substr(0, n - 1);
      slash = true;
    }
  }
  const size_t line_length = sc_->s_.line_end - sc_->s_.line_begin;
  piece->text = text;
  piece->line = sc_->s_.line_no;
  // Exactly the width: banks whose lines run longer do not wrap at a width.
  piece->full_width = !slash && line_length == sc_->text_width_ && line_length > 0 &&
                      !IsBlank(data[sc_->s_.line_end - 1]);
  sc_->s_.pos = resume;
  open_ = false;
  ended_by_slash_ = slash;
}

bool Cursor::NextTextPiece(TextPiece* piece) {
  const Scanner::State saved = sc_->s_;
  if (!sc_->SkipToContent()) {
    sc_->s_ = saved;
    return false;
  }
  const int code = sc_->RecordCodeAt(sc_->s_.pos);
  if (code == 88) {
    sc_->s_.pos += 3;
    ++continuations_;
    TakeTextPiece(piece);
    return true;
  }
  if (code < 0 && !ended_by_slash_ && sc_->s_.line_no != saved.line_no) {
    sc_->s_.pos = sc_->s_.line_begin;
    TakeTextPiece(piece);
    return true;
  }
  sc_->s_ = saved;
  return false;
}

}  // namespace cashmatch::ingest::bai2
