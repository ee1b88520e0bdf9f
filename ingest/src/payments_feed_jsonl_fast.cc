#include "payments_feed_jsonl_fast.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "bank_text.h"
#include "json_text.h"

namespace cashmatch::ingest {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

// Whether any byte of `v` is zero / below `n` (n <= 0x80): the classic
// bit tricks, exact as a yes or no.
constexpr uint64_t AnyZero(uint64_t v) { return (v - kOnes) & ~v & kHighs; }
constexpr uint64_t AnyBelow(uint64_t v, uint8_t n) { return (v - kOnes * n) & ~v & kHighs; }

// Eight bytes of which none ends or complicates a string: no '"', no '\',
// no control character, nothing above 0x7F.
bool PlainChunk(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return (AnyZero(v ^ (kOnes * '"')) | AnyZero(v ^ (kOnes * '\\')) | AnyBelow(v, 0x20) |
          (v & kHighs)) == 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

enum class Kind { kString, kNumber, kTrue, kFalse, kNull };

// One pass over one line. Every method returns false to decline.
class Scanner {
 public:
  Scanner(const char* p, const char* end, bool ascii_only)
      : p_(p), end_(end), ascii_only_(ascii_only) {}

  const char* pos() const { return p_; }

  // JSON white space but the line feed, which ends the line.
  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r')) ++p_;
  }

  bool Consume(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  bool Peek(char c) const { return p_ < end_ && *p_ == c; }

  // A string without escapes, at its opening quote.
  bool String(std::string_view* out) {
    if (!Consume('"')) return false;
    const char* const begin = p_;
    bool high = false;
    for (;;) {
      SkipPlain();
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c == '\\' || c < 0x20) return false;
      if (c >= 0x80) {
        if (ascii_only_) return false;
        high = true;
      }
      ++p_;
    }
    *out = std::string_view(begin, static_cast<size_t>(p_ - begin));
    ++p_;
    return !high || IsValidUtf8(*out);
  }

  // A scalar; arrays and objects decline.
  bool Scalar(std::string_view* text, Kind* kind) {
    if (p_ == end_) return false;
    const char c = *p_;
    if (c == '"') {
      *kind = Kind::kString;
      return String(text);
    }
    if (c == '-' || IsDigit(c)) {
      const char* const begin = p_;
      while (p_ < end_ && (IsDigit(*p_) || *p_ == '.' || *p_ == '-' || *p_ == '+' ||
                           *p_ == 'e' || *p_ == 'E')) {
        ++p_;
      }
      *text = std::string_view(begin, static_cast<size_t>(p_ - begin));
      *kind = Kind::kNumber;
      return IsJsonNumber(*text);
    }
    if (Literal("true")) {
      *kind = Kind::kTrue;
      return true;
    }
    if (Literal("false")) {
      *kind = Kind::kFalse;
      return true;
    }
    if (Literal("null")) {
      *kind = Kind::kNull;
      return true;
    }
    return false;
  }

 private:
  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  // Moves to the next byte that ends or complicates a string.
  void SkipPlain() {
#if defined(__SSE2__)
    // 16 bytes at a time: '"', '\\', and (as signed bytes) everything below
    // 0x20, which takes in the bytes above 0x7F too.
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (end_ - p_ >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_));
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                       _mm_cmplt_epi8(v, space));
      const int mask = _mm_movemask_epi8(hit);
      if (mask != 0) {
        p_ += __builtin_ctz(static_cast<unsigned>(mask));
        return;
      }
      p_ += 16;
    }
#endif
    while (end_ - p_ >= 8 && PlainChunk(p_)) p_ += 8;
    while (p_ < end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return;
      ++p_;
    }
  }

  const char* p_;
  const char* const end_;
  const bool ascii_only_;
};

// After a value: ',' (more follow) or `close`. Sets *more.
bool Separator(Scanner& s, char close, bool* more) {
  s.SkipSpace();
  if (s.Consume(',')) {
    s.SkipSpace();
    *more = true;
    return true;
  }
  *more = false;
  return s.Consume(close);
}

// `lines` as an array of flat objects, at its '['.
bool Lines(Scanner& s, FeedRow* row) {
  s.Consume('[');
  row->given |= Bit(FeedField::kLines);
  row->structured_lines = true;
  s.SkipSpace();
  if (s.Consume(']')) return true;
  for (bool more = true; more;) {
    if (!s.Consume('{')) return false;
    RawLine& line = row->raw_lines.emplace_back();
    s.SkipSpace();
    if (!s.Consume('}')) {
      for (bool more_fields = true; more_fields;) {
        std::string_view key, text;
        Kind kind;
        if (!s.String(&key)) return false;
        s.SkipSpace();
        if (!s.Consume(':')) return false;
        s.SkipSpace();
        if (!s.Scalar(&text, &kind)) return false;
        if (const std::optional<LineField> f = LineFieldFromName(key)) {
          if (line.given & Bit(*f)) return false;
          if (kind == Kind::kTrue || kind == Kind::kFalse) return false;
          if (kind != Kind::kNull) {
            line.given |= Bit(*f);
            line.text[static_cast<size_t>(*f)] = text;
          }
        }
        if (!Separator(s, '}', &more_fields)) return false;
      }
    }
    if (!Separator(s, ']', &more)) return false;
  }
  return true;
}

bool Object(Scanner& s, FeedRow* row) {
  s.SkipSpace();
  if (!s.Consume('{')) return false;
  s.SkipSpace();
  if (s.Consume('}')) return true;
  FeedMask seen = 0;
  for (bool more = true; more;) {
    std::string_view key, text;
    Kind kind;
    if (!s.String(&key)) return false;
    s.SkipSpace();
    if (!s.Consume(':')) return false;
    s.SkipSpace();
    const std::optional<FeedField> f = FeedFieldFromName(key);
    if (f && (seen & Bit(*f))) return false;
    if (f) seen |= Bit(*f);
    if (f == FeedField::kLines && s.Peek('[')) {
      if (!Lines(s, row)) return false;
    } else {
      if (!s.Scalar(&text, &kind)) return false;
      if (f) {
        switch (kind) {
          case Kind::kNull:
            break;
          case Kind::kTrue:
          case Kind::kFalse:
            if (*f != FeedField::kIsReturn) return false;
            row->Set(*f, kind == Kind::kTrue ? "true" : "false");
            break;
          case Kind::kNumber:
            if (*f == FeedField::kLines) return false;
            row->Set(*f, text);
            break;
          case Kind::kString:
            row->Set(*f, text);
            break;
        }
      }
    }
    if (!Separator(s, '}', &more)) return false;
  }
  return true;
}

}  // namespace

bool FastParseFeedLine(const char* p, const char* end, bool ascii_only, FeedRow* row,
                       const char** newline) {
  row->Clear();
  Scanner s(p, end, ascii_only);
  if (!Object(s, row)) return false;
  s.SkipSpace();
  if (s.pos() != end && *s.pos() != '\n') return false;
  *newline = s.pos();
  return true;
}

}  // namespace cashmatch::ingest
