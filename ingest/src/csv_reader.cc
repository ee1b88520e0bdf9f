#include "csv_reader.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "simdjson.h"

namespace cashmatch {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// A byte as an operator can read it in a message, even if it is not ASCII.
std::string Describe(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 0xF];
}

}  // namespace

CsvReader::CsvReader(std::string_view input, const CsvOptions& options)
    : pos_(input.data()), end_(input.data() + input.size()), options_(options) {
  if (input.size() >= 3 && std::memcmp(pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
  for (char c : {options_.delimiter, '"', '\r', '\n'}) {
    stops_unquoted_[static_cast<unsigned char>(c)] = true;
  }
  // One SIMD pass over the whole input is far cheaper than checking field by
  // field; only when it fails are fields checked, to name the first bad one.
  if (options_.validate_utf8) {
    input_is_utf8_ = simdjson::validate_utf8(pos_, static_cast<size_t>(end_ - pos_));
  }
}

Status CsvReader::Fail(std::string reason, size_t field) const {
  const size_t column = std::min<size_t>(field + 1, std::numeric_limits<uint32_t>::max());
  return Status::InvalidInput(std::move(reason),
                              SourceLocation{"", record_line_, static_cast<uint32_t>(column), ""});
}

Status CsvReader::TooLong() const {
  return Status::ResourceExhausted(
      "record is longer than " + std::to_string(options_.max_record_bytes) + " bytes",
      SourceLocation{"", record_line_, 0, ""});
}

bool CsvReader::ValidUtf8(const char* begin, const char* end) const {
  return input_is_utf8_ || simdjson::validate_utf8(begin, static_cast<size_t>(end - begin));
}

bool CsvReader::Next(CsvRecord* record) {
  if (!status_.ok() || pos_ == end_) return false;
  record->fields_.clear();
  record->scratch_.clear();
  record->unescaped_.clear();
  record->line_ = line_;
  record->blank_ = false;

  // Scanning never looks past limit_: a record that has not ended by then is
  // too long, and is refused after O(max_record_bytes) work whatever follows.
  record_line_ = line_;
  truncated_ = static_cast<size_t>(end_ - pos_) > options_.max_record_bytes;
  limit_ = truncated_ ? pos_ + options_.max_record_bytes + 1 : end_;

  const char delim = options_.delimiter;
  const bool trim = options_.trim_unquoted;
  const char* p = pos_;
  bool any_quoted = false;
  for (;;) {
    const size_t field = record->fields_.size();
    if (field >= options_.max_fields) {
      status_ = Status::ResourceExhausted(
          "record has more than " + std::to_string(options_.max_fields) + " fields",
          SourceLocation{"", record_line_, 0, ""});
      return false;
    }
    const char* q = p;
    if (trim) {
      while (q < limit_ && IsBlank(*q) && *q != delim) ++q;
    }
    if (q < limit_ && *q == '"') {
      any_quoted = true;
      p = q;
      status_ = ReadQuoted(field, &p, record);
      if (!status_.ok()) return false;
    } else {
      const char* b = p;
      while (p < limit_ && !stops_unquoted_[static_cast<unsigned char>(*p)]) ++p;
      if (p == limit_ && truncated_) {
        status_ = TooLong();
        return false;
      }
      if (p < limit_ && *p == '"') {
        status_ = Fail("stray '\"' inside an unquoted field; quote the whole field and write "
                       "the quote twice",
                       field);
        return false;
      }
      const char* e = p;
      if (trim) {
        while (b < e && IsBlank(*b)) ++b;
        while (e > b && IsBlank(e[-1])) --e;
      }
      if (!ValidUtf8(b, e)) {
        status_ = Fail("field is not valid UTF-8", field);
        return false;
      }
      record->fields_.emplace_back(b, static_cast<size_t>(e - b));
    }
    // p is at a delimiter, CR, LF or the end of input.
    if (p == end_) break;
    if (*p == delim) {
      ++p;
      continue;
    }
    if (*p == '\r') {
      if (p + 1 < end_ && p[1] != '\n') {
        status_ = Fail("carriage return not followed by a line feed", field);
        return false;
      }
      ++p;
    }
    if (p < end_) ++p;  // the LF
    ++line_;
    break;
  }
  pos_ = p;

  for (const CsvRecord::Unescaped& u : record->unescaped_) {
    record->fields_[u.field] = std::string_view(record->scratch_.data() + u.offset, u.size);
  }
  record->blank_ = !any_quoted && record->fields_.size() == 1 && record->fields_[0].empty();
  return true;
}

// Reads the quoted field whose opening quote is at *pos. On success *pos is
// at the delimiter, line end or end of input that follows it.
Status CsvReader::ReadQuoted(size_t field, const char** pos, CsvRecord* record) {
  const char* const content = *pos + 1;
  const char* s = content;
  const char* close = nullptr;
  bool doubled = false;
  while (close == nullptr) {
    const void* hit =
        s < limit_ ? std::memchr(s, '"', static_cast<size_t>(limit_ - s)) : nullptr;
    if (hit == nullptr) {
      if (truncated_) return TooLong();
      return Fail("quoted field is never closed: its opening '\"' has no closing '\"'", field);
    }
    const char* qt = static_cast<const char*>(hit);
    if (qt + 1 < end_ && qt[1] == '"') {
      doubled = true;
      s = qt + 2;
    } else {
      close = qt;
    }
  }
  line_ += static_cast<uint64_t>(std::count(content, close, '\n'));

  const char* p = close + 1;
  while (p < limit_ && IsBlank(*p) && *p != options_.delimiter) ++p;
  if (p == limit_ && truncated_) return TooLong();
  if (p < end_ && *p != options_.delimiter && *p != '\r' && *p != '\n') {
    return Fail("unexpected " + Describe(*p) + " after the closing quote of a quoted field",
                field);
  }
  if (!ValidUtf8(content, close)) return Fail("field is not valid UTF-8", field);

  if (!doubled) {
    record->fields_.emplace_back(content, static_cast<size_t>(close - content));
  } else {
    // The scratch buffer may move while later fields are added, so keep
    // offsets and make the views once the record is complete.
    const size_t offset = record->scratch_.size();
    for (const char* c = content; c < close; ++c) {
      record->scratch_.push_back(*c);
      if (*c == '"') ++c;  // the second quote of a doubled pair
    }
    record->unescaped_.push_back({field, offset, record->scratch_.size() - offset});
    record->fields_.emplace_back();
  }
  *pos = p;
  return Status::Ok();
}

}  // namespace cashmatch
