#include "x12_reader.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif


namespace cashmatch::ingest::x12 {
namespace {

bool IsBlankOrBreak(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsUpper(c) || IsDigit(c) || (c >= 'a' && c <= 'z'); }

// A separator must be punctuation (or a byte above ASCII, such as Latin-1
// 0xA6): a letter, digit or blank would be read as data.
bool UsableSeparator(char c) {
  return !IsAlnum(c) && !IsBlankOrBreak(c) && c != '\0';
}

// Length of the segment id at the start of `s` (2 or 3), or 0.
size_t SegmentIdLength(std::string_view s) {
  if (s.empty() || !IsUpper(s[0])) return 0;
  size_t i = 1;
  while (i < s.size() && i < 3 && (IsUpper(s[i]) || IsDigit(s[i]))) ++i;
  return i >= 2 ? i : 0;
}

// Whether a segment id followed by `element` starts at `s` (after blanks),
// or only blanks remain.
bool SegmentOrEndFollows(std::string_view s, char element) {
  size_t i = 0;
  while (i < s.size() && IsBlankOrBreak(s[i])) ++i;
  if (i == s.size()) return true;
  s.remove_prefix(i);
  const size_t len = SegmentIdLength(s);
  return len != 0 && len < s.size() && s[len] == element;
}

}  // namespace

SegmentReader::SegmentReader(std::string_view text, Delimiters d) : text_(text), d_(d) {
  class_[static_cast<unsigned char>(d.element)] = 1;
  if (d.line_ends) {
    class_['\r'] = class_['\n'] = 2;
  } else if (!d.single_segment) {
    class_[static_cast<unsigned char>(d.segment)] = 2;
  }
}

bool SegmentReader::Next(Segment* seg) {
  const char* data = text_.data();
  const size_t n = text_.size();
  const bool empty_segments = !d_.line_ends && !d_.single_segment;
  for (;;) {
    while (pos_ < n && IsBlankOrBreak(data[pos_])) ++pos_;
    if (pos_ >= n) return false;
    if (empty_segments && data[pos_] == d_.segment) {
      ++pos_;  // an empty segment
      continue;
    }
    break;
  }
  // One pass over the segment, byte classes from a table, splits the
  // elements and finds the end: segments are short, so this beats a
  // memchr for each element.
  const uint8_t* cls = class_.data();
  const size_t start = pos_;
  seg->offset = start;
  uint32_t count = 0;
  size_t from = start;  // start of the current element (or of the id)
  size_t i = start;
  bool id_done = false;
#if defined(__SSE2__)
  const __m128i v_element = _mm_set1_epi8(d_.element);
  const char end1 = d_.line_ends ? '\r' : d_.single_segment ? d_.element : d_.segment;
  const char end2 = d_.line_ends ? '\n' : end1;
  const __m128i v_end1 = _mm_set1_epi8(end1);
  const __m128i v_end2 = _mm_set1_epi8(end2);
#endif
  for (;;) {
#if defined(__SSE2__)
    // Sixteen bytes at a time to the next separator or terminator.
    while (i + 16 <= n) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
      const __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, v_element),
                                       _mm_or_si128(_mm_cmpeq_epi8(x, v_end1),
                                                    _mm_cmpeq_epi8(x, v_end2)));
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
      if (mask != 0) {
        i += static_cast<size_t>(__builtin_ctz(mask));
        break;
      }
      i += 16;
    }
#endif
    while (i < n && cls[static_cast<unsigned char>(data[i])] == 0) ++i;
    const std::string_view piece = TrimX12(std::string_view(data + from, i - from));
    if (!id_done) {
      seg->id = piece;
      seg->code = SegmentCode(piece);
      id_done = true;
    } else {
      if (count < kMaxElements) seg->elements[count] = piece;
      ++count;
    }
    if (i >= n || cls[static_cast<unsigned char>(data[i])] == 2) break;
    from = ++i;
  }
  seg->count = count;
  seg->length = i - start;
  pos_ = i < n ? i + 1 : n;
  return true;
}

Result<Delimiters> DelimitersFromIsa(std::string_view text) {
  if (!text.starts_with("ISA") || text.size() < 4) {
    return Status::InvalidInput("the interchange does not start with an ISA segment");
  }
  Delimiters d;
  d.element = text[3];
  if (!UsableSeparator(d.element)) {
    return Status::InvalidInput("ISA: the element separator after 'ISA' is '" +
                                std::string(1, d.element) +
                                "', a letter, digit or blank, which cannot separate elements");
  }
  // The ISA is 106 bytes when padded as the standard says; unpadded ones
  // are shorter. Looking further would wander into the next segments.
  const size_t limit = std::min<size_t>(text.size(), 512);
  size_t seps = 0;
  size_t last = 0;
  for (size_t i = 3; i < limit && seps < 16; ++i) {
    if (text[i] == d.element) {
      ++seps;
      last = i;
    }
  }
  if (seps < 16) {
    return Status::InvalidInput("ISA segment is incomplete: " + std::to_string(seps) +
                                " of its 16 element separators found");
  }
  if (last + 1 >= text.size()) {
    return Status::InvalidInput("ISA segment ends before ISA16 (the component separator)");
  }
  d.component = text[last + 1];
  size_t t = last + 2;
  while (t < text.size() && (text[t] == ' ' || text[t] == '\t')) ++t;
  if (t >= text.size()) {
    return Status::InvalidInput("ISA segment has no segment terminator after ISA16");
  }
  const char term = text[t];
  if (term == '\r' || term == '\n') {
    d.line_ends = true;
  } else if (!UsableSeparator(term) || term == d.element) {
    return Status::InvalidInput("ISA: the byte after ISA16 ('" + std::string(1, term) +
                                "') is not a usable segment terminator");
  } else {
    d.segment = term;
  }
  return d;
}

FragmentGuess GuessFragmentDelimiters(std::string_view text) {
  FragmentGuess g;
  size_t i = 0;
  while (i < text.size() && IsBlankOrBreak(text[i])) ++i;
  const std::string_view s = text.substr(i);
  const size_t len = SegmentIdLength(s);
  if (len == 0 || len >= s.size() || !UsableSeparator(s[len])) return g;
  g.ok = true;
  g.delimiters.element = s[len];
  // Count, for each candidate, how often it is followed by another
  // segment id (or the end): one pass over the text for all of them.
  constexpr char kCandidates[] = {'~', '\\', '\'', '\n'};
  size_t counts[4] = {0, 0, 0, 0};
  // Three confirmations settle it; most texts need no more than their
  // first few segments looked at.
  for (size_t p = 0; p < s.size(); ++p) {
    const char c = s[p];
    if (c != '~' && c != '\\' && c != '\'' && c != '\n') continue;
    if (c == g.delimiters.element) continue;
    if (!SegmentOrEndFollows(s.substr(p + 1), g.delimiters.element)) continue;
    bool settled = false;
    for (size_t k = 0; k < 4; ++k) {
      if (kCandidates[k] == c) settled = ++counts[k] >= 3;
    }
    if (settled) break;
  }
  size_t best = 0;
  char best_char = 0;
  for (size_t k = 0; k < 4; ++k) {
    if (counts[k] > best) {
      best = counts[k];
      best_char = kCandidates[k];
    }
  }
  if (best == 0) {
    g.delimiters.single_segment = true;
  } else if (best_char == '\n') {
    g.delimiters.line_ends = true;
  } else {
    g.delimiters.segment = best_char;
  }
  return g;
}

bool IsSegmentId(std::string_view id) {
  return (id.size() == 2 || id.size() == 3) && SegmentIdLength(id) == id.size();
}

bool SameControlNumber(std::string_view a, std::string_view b) {
  a = TrimX12(a);
  b = TrimX12(b);
  if (a == b) return true;
  auto all_digits = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
      if (!IsDigit(c)) return false;
    return true;
  };
  if (!all_digits(a) || !all_digits(b)) return false;
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  return a == b;
}

bool IsX12Decimal(std::string_view text) {
  const std::string_view t = TrimX12(text);
  size_t dots = 0;
  size_t digits = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (IsDigit(c)) {
      ++digits;
    } else if (c == '.') {
      ++dots;
    } else if (!(i == 0 && (c == '-' || c == '+'))) {
      return false;
    }
  }
  return dots <= 1 && digits > 0;
}

Result<int64_t> ParseX12Amount(std::string_view text, int exponent) {
  std::string_view t = TrimX12(text);
  if (t.empty()) return Status::InvalidInput("the amount is empty");
  if (!IsX12Decimal(t)) return Status::InvalidInput("'" + std::string(text) + "' is not a number");
  bool negative = false;
  if (t.front() == '-' || t.front() == '+') {
    negative = t.front() == '-';
    t.remove_prefix(1);
  }
  const size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : t.substr(dot + 1);
  // Zeros past the currency's decimals add nothing; anything else would
  // have to be rounded, which cashmatch refuses.
  while (frac.size() > static_cast<size_t>(exponent) && frac.back() == '0') frac.remove_suffix(1);
  if (frac.size() > static_cast<size_t>(exponent)) {
    return Status::InvalidInput("'" + std::string(text) + "' has " + std::to_string(frac.size()) +
                                " decimals; the currency has " + std::to_string(exponent));
  }
  int64_t v = 0;
  bool overflow = false;
  auto add_digit = [&](char c) {
    overflow |= __builtin_mul_overflow(v, 10, &v);
    overflow |= __builtin_add_overflow(v, c - '0', &v);
  };
  for (char c : whole) add_digit(c);
  for (char c : frac) add_digit(c);
  for (size_t k = frac.size(); k < static_cast<size_t>(exponent); ++k) add_digit('0');
  if (overflow) return Status::InvalidInput("'" + std::string(text) + "' is out of range");
  return negative ? -v : v;
}

}  // namespace cashmatch::ingest::x12
