// Building X12 820 text for the generators: the standalone 820 writer and
// the NACHA writer's CTX addenda share it. Internal to tools/gen.
#ifndef CASHMATCH_TOOLS_GEN_X12_820_TEXT_H_
#define CASHMATCH_TOOLS_GEN_X12_820_TEXT_H_

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/date.h"
#include "cashmatch/domain.h"
#include "cashmatch/money.h"

namespace cashmatch::gen::x12text {

// splitmix64: small, fast and the same everywhere, so a seed always gives
// the same bytes.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  bool Percent(uint64_t p) { return Below(100) < p; }

 private:
  uint64_t s_;
};

// How a sender lays its X12 out; the cosmetic choices real files differ in.
struct Style {
  char element = '*';
  char segment = '~';
  char component = '>';
  bool line_ends = false;     // CRLF alone ends each segment (no terminator byte)
  std::string_view after;     // after each terminator: "", "\n" or "\r\n"
  bool indent = false;        // pretty-printed, loops indented
  bool drop_zero_cents = false;  // "10000" rather than "10000.00"
};

Style PickStyle(Rng& rng, bool standalone);

// Appends segments in a Style, counting those of the open transaction set.
class Writer {
 public:
  explicit Writer(Style style) : style_(style) {}

  // One segment: its id and elements; trailing empty elements are left out
  // as X12 does. Separator characters inside values become blanks.
  void Seg(std::string_view id, std::initializer_list<std::string_view> elements, int depth = 0);
  // The ISA, with its fixed-width fields padded as the standard says.
  void Isa(std::string_view sender, std::string_view receiver, Date date, uint64_t control);
  void BeginSet() { in_set_ = 0; }
  uint64_t SetSegments() const { return in_set_; }
  std::string Amount(int64_t minor, int exponent) const;
  std::string& text() { return out_; }
  const Style& style() const { return style_; }

 private:
  void Terminate();

  Style style_;
  std::string out_;
  uint64_t in_set_ = 0;
};

// What one 820 transaction set says.
struct Remittance {
  Money amount;  // negative: BPR03 D
  Date date;     // {} for none
  bool date_in_dtm = false;  // DTM*007 instead of BPR16
  bool cur = false;          // write CUR even for USD
  std::string_view trace;
  std::string_view payer_name;
  std::string_view payer_account;  // "ROUTING:ACCOUNT" or ""
  std::string_view payee_name;
  std::string_view our_routing;
  std::string_view our_account;
  std::string_view company_id;  // BPR10
  std::span<const RemittanceLine> lines;
  std::string_view text;        // NTE
  bool text_mid_word = false;   // NTE pieces cut mid-word (80 wide) or at words
};

// ST .. SE for `r`, with control number `control`.
void WriteSet(Writer& w, const Remittance& r, uint64_t control);

// Cuts text into pieces of at most `width` bytes: mid-word (pieces exactly
// `width` long, so a reader joins them without a blank) or at word
// boundaries (pieces of at most width - 1, so a reader joins them with
// one). A UTF-8 sequence is never cut.
std::vector<std::string_view> SplitText(std::string_view text, size_t width, bool mid_word);

// Cuts `s` to at most `bytes` bytes without splitting a UTF-8 sequence.
std::string_view Utf8Prefix(std::string_view s, size_t bytes);

}  // namespace cashmatch::gen::x12text

#endif  // CASHMATCH_TOOLS_GEN_X12_820_TEXT_H_
