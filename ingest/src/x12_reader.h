// X12 tokenizer shared by the standalone 820 parser and the NACHA CTX
// addenda, which carry an 820 inside. Internal to ingest.
//
// Works on raw bytes: delimiters are compared as bytes before any text is
// transcoded, so an interchange whose element separator is a Latin-1 byte
// such as 0xA6 reads the same as one that uses '*'. Segments and elements
// are views into the text given to SegmentReader, valid while it is.
#ifndef CASHMATCH_INGEST_X12_READER_H_
#define CASHMATCH_INGEST_X12_READER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cashmatch/status.h"

namespace cashmatch::ingest::x12 {

struct Delimiters {
  char element = '*';
  char component = ':';
  // The segment terminator. `line_ends` instead: segments end at CR or LF
  // (files that use line breaks as terminators, with CR, LF or CRLF mixed).
  char segment = '~';
  bool line_ends = false;
  // No terminator at all: the whole text is one segment (an X12 fragment
  // such as a CCD+ addenda "RMR*IV*123**10.00").
  bool single_segment = false;
};

// Elements kept per segment; the 820 segments cashmatch reads have at most
// 21 (BPR). More are counted but not stored.
inline constexpr size_t kMaxElements = 24;

// The segment id packed into an integer, for switching on: SegmentCode("BPR").
constexpr uint32_t SegmentCode(std::string_view id) {
  if (id.size() < 2 || id.size() > 3) return 0;
  uint32_t code = 0;
  for (char c : id) code = (code << 8) | static_cast<unsigned char>(c);
  return code;
}

struct Segment {
  std::string_view id;  // "BPR"
  uint32_t code = 0;    // SegmentCode(id)
  size_t offset = 0;    // of the segment's first byte in the reader's text
  size_t length = 0;    // bytes up to, not including, the terminator
  uint32_t count = 0;   // elements after the id
  std::array<std::string_view, kMaxElements> elements;

  // Element `n` (1-based, as X12 numbers them: BPR02 is e(2)) with blanks
  // trimmed; empty when absent.
  std::string_view e(size_t n) const {
    return n >= 1 && n <= count && n <= kMaxElements ? elements[n - 1] : std::string_view();
  }
  bool Is(std::string_view name) const { return code == SegmentCode(name); }
};

// Splits text into segments. Blank characters and line breaks between
// segments (pretty-printed files) are skipped, as are empty segments.
class SegmentReader {
 public:
  SegmentReader(std::string_view text, Delimiters d);

  // Fills `seg` with the next segment; false at the end of the text.
  bool Next(Segment* seg);
  size_t position() const { return pos_; }

 private:
  std::string_view text_;
  Delimiters d_;
  size_t pos_ = 0;
  // What each byte is: 0 data, 1 element separator, 2 segment end.
  std::array<uint8_t, 256> class_{};
};

// `text` starts with "ISA" (after blanks). Reads the delimiters the way
// real files need: the element separator is the byte after "ISA"; ISA16,
// the component separator, follows the 16th element separator whether or
// not the fixed-width fields were padded; the segment terminator is the
// byte after ISA16 (CR or LF there means line breaks end segments).
// kInvalidInput (reason only) when the ISA is incomplete or malformed.
Result<Delimiters> DelimitersFromIsa(std::string_view text);

// Delimiters of an X12 fragment without an ISA (CTX or CCD+ addenda): the
// element separator is the byte after the first segment id; the terminator
// is whichever of '~', '\', '\'' and line breaks is most often followed by
// another segment id. nullopt-like: ok=false when the text does not start
// with a segment id followed by a separator.
struct FragmentGuess {
  bool ok = false;
  Delimiters delimiters;
};
FragmentGuess GuessFragmentDelimiters(std::string_view text);

// True when `id` looks like an X12 segment id: 2 or 3 characters, an
// upper-case letter then upper-case letters or digits.
bool IsSegmentId(std::string_view id);

// Strips blanks (space, tab) and line breaks at both ends.
inline std::string_view TrimX12(std::string_view s) {
  auto gap = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && gap(s.front())) s.remove_prefix(1);
  while (!s.empty() && gap(s.back())) s.remove_suffix(1);
  return s;
}

// Whether two control numbers (ST02/SE02, GS06/GE02, ISA13/IEA02) agree:
// equal after trimming, or the same number when both are all digits
// ("0001203" and "000001203"), as X12 readers in the field accept.
bool SameControlNumber(std::string_view a, std::string_view b);

// Whether `text` is written as an X12 decimal at all (an optional sign,
// digits, at most one point), whatever the currency.
bool IsX12Decimal(std::string_view text);

// Parses an X12 decimal ("337.67", "-1170.49", "10000", "1170.000") into
// minor units of a currency with `exponent` decimals. Trailing zeros beyond
// the currency's decimals are accepted; any other extra decimal is refused,
// never rounded. The error reason quotes the text and says what is wrong.
Result<int64_t> ParseX12Amount(std::string_view text, int exponent);

}  // namespace cashmatch::ingest::x12

#endif  // CASHMATCH_INGEST_X12_READER_H_
