// The :86: reader's entry point: picks the dialect by content, and holds
// what every dialect shares (free-text joining, blank collapsing, creditor
// references). The dialects are mt94x_dk.cc and mt94x_slash.cc.
#include "mt94x_info.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "mt94x_dialects.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cashmatch::ingest::mt94x {
namespace {

// A free-text line at least this long is taken as cut at the bank's line
// width (65 by the standard; ABN AMRO and PostFinance cut at 62-63), so the
// next line continues it without a space. Shorter lines ended at a word.
constexpr size_t kFullLineChars = 60;

// Lines joined as a person would read them: a line that ends in blanks or
// is short ended at a word; a full-width line was cut, maybe mid-word.
void JoinFreeText(std::span<const FieldLine> lines, TextEncoding encoding, std::string* out) {
  out->clear();
  bool glue = false;
  for (const FieldLine& line : lines) {
    const std::string_view trimmed = TrimRight(line.text);
    if (trimmed.empty()) continue;
    if (!out->empty() && (!glue || line.after_blank || line.new_field)) out->push_back(' ');
    out->append(trimmed);
    glue = trimmed.size() == line.text.size() && CharCount(trimmed, encoding) >= kFullLineChars;
  }
}

// Lines joined exactly as cut: structured dialects treat the line breaks as
// meaningless (ING cuts even inside a tag), except that a line ending in
// blanks ended at a word.
void JoinRaw(std::span<const FieldLine> lines, bool keep_trailing_blanks, std::string* out) {
  out->clear();
  bool space = false;
  for (const FieldLine& line : lines) {
    std::string_view t = keep_trailing_blanks ? line.text : TrimRight(line.text);
    if (!out->empty() && (space || line.new_field)) out->push_back(' ');
    out->append(t);
    space = t.size() != line.text.size();
  }
}

// ASN / SNS: "NL47INGB0001234567 J JANSEN" on the first line.
void ParseLeadingParty(std::span<const FieldLine> lines, TextEncoding encoding, Payment* p) {
  for (const FieldLine& line : lines) {
    std::string_view first = Trim(line.text);
    if (first.empty()) continue;
    const size_t blank = first.find(' ');
    const std::string_view token = first.substr(0, blank);
    if (!LooksLikeIban(token)) return;
    SetAccount(token, encoding, &p->payer_account);
    p->payer_name.clear();
    if (blank != std::string_view::npos) AppendCollapsed(first.substr(blank + 1), encoding, &p->payer_name);
    return;
  }
}

bool IsIsrReference(std::string_view digits) {
  static constexpr int kTable[10] = {0, 9, 4, 6, 8, 2, 7, 1, 3, 5};
  int carry = 0;
  for (size_t i = 0; i + 1 < digits.size(); ++i) carry = kTable[(carry + digits[i] - '0') % 10];
  return (10 - carry) % 10 == digits.back() - '0';
}

// The first "RF" in text[from..), or text.size().
size_t FindRf(std::string_view text, size_t from) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i r = _mm_set1_epi8('R'), f = _mm_set1_epi8('F');
  for (; i + 17 <= text.size(); i += 16) {
    const auto* p = reinterpret_cast<const __m128i*>(text.data() + i);
    const auto* q = reinterpret_cast<const __m128i*>(text.data() + i + 1);
    const unsigned hit = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(_mm_loadu_si128(p), r),
                                        _mm_cmpeq_epi8(_mm_loadu_si128(q), f))));
    if (hit != 0) return i + static_cast<size_t>(__builtin_ctz(hit));
  }
#endif
  constexpr uint64_t kR = 0x0101010101010101ULL * 'R', kF = 0x0101010101010101ULL * 'F';
  for (; i + 9 <= text.size(); i += 8) {
    const uint64_t hit = ZeroBytes(Load8(text.data() + i) ^ kR) & ZeroBytes(Load8(text.data() + i + 1) ^ kF);
    if (hit != 0) return i + static_cast<size_t>(__builtin_ctzll(hit) / 8);
  }
  for (; i + 1 < text.size(); ++i) {
    if (text[i] == 'R' && text[i + 1] == 'F') return i;
  }
  return text.size();
}

void AddReference(std::string reference, std::vector<RemittanceLine>* lines) {
  for (const RemittanceLine& l : *lines) {
    if (l.reference == reference) return;
  }
  RemittanceLine line;
  line.reference = std::move(reference);
  lines->push_back(std::move(line));
}

}  // namespace

// Placeholders banks write where a reference would go.
bool IsNoReference(std::string_view s) {
  return s.empty() || EqualsNoCase(s, "NOTPROVIDED") || EqualsNoCase(s, "NONREF") ||
         EqualsNoCase(s, "NONE");
}

// Sets `out` to an account number as written, without the blanks some
// banks group IBANs with.
void SetAccount(std::string_view raw, TextEncoding encoding, std::string* out) {
  out->clear();
  AppendCollapsed(raw, encoding, out);
  if (out->find(' ') == std::string::npos) return;
  std::string packed;
  for (char c : *out) {
    if (c != ' ') packed.push_back(c);
  }
  if (LooksLikeIban(packed)) *out = std::move(packed);
}

void AppendCollapsed(std::string_view raw, TextEncoding encoding, std::string* out) {
  const size_t start = out->size();
  if (encoding == TextEncoding::kUtf8) {
    raw = WholeUtf8Characters(raw);
    // Written in place (at most raw.size() bytes come out); a blank is
    // written only after a non-blank, and a last blank is dropped at the end.
    out->resize(start + raw.size());
    char* const begin = out->data() + start;
    char* w = begin;
    const auto* b = reinterpret_cast<const unsigned char*>(raw.data());
    const auto* end = b + raw.size();
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    while (b < end) {
      // Printable ASCII without two blanks in a row, and no blank where
      // one was just written, is copied as it is, 16 or 8 bytes a step.
#if defined(__SSE2__)
      if (end - b >= 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
        // Signed compare: 0x21..0x7F pass, 0x80..0xFF (negative) do not.
        const unsigned graphic = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x20))) &
            ~_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F))));
        const unsigned spaces =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' '))));
        const bool lead = (spaces & 1) != 0 && (w == begin || w[-1] == ' ');
        if (((graphic | spaces) & 0xFFFF) == 0xFFFF && (spaces & (spaces >> 1)) == 0 && !lead) {
          _mm_storeu_si128(reinterpret_cast<__m128i*>(w), x);
          w += 16;
          b += 16;
          continue;
        }
      }
#endif
      if (end - b >= 8) {
        uint64_t x;
        std::memcpy(&x, b, 8);
        const uint64_t control = (x - kOnes * 0x20) & ~x & kHighs;  // a byte < 0x20
        const uint64_t t = x ^ (kOnes * 0x7F);
        const uint64_t del = (t - kOnes) & ~t & kHighs;              // a byte 0x7F
        if ((control | del | (x & kHighs)) == 0) {
          const uint64_t s = x ^ (kOnes * 0x20);
          const uint64_t blanks = ~(((s & ~kHighs) + ~kHighs) | s) & kHighs;  // exact, per byte
          const bool lead = (blanks & 0x80) != 0 && (w == begin || w[-1] == ' ');
          if ((blanks & (blanks >> 8)) == 0 && !lead) {
            std::memcpy(w, b, 8);
            w += 8;
            b += 8;
            continue;
          }
        }
      }
      const unsigned char c = *b;
      if (c > 0x20 && c < 0x7F) {
        *w++ = static_cast<char>(c);
        ++b;
        continue;
      }
      const bool c1 = c == 0xC2 && end - b >= 2 && b[1] < 0xA0;  // U+0080..U+009F
      if (c <= 0x20 || c == 0x7F || c1) {
        if (w != begin && w[-1] != ' ') *w++ = ' ';
        b += c1 ? 2 : 1;
        continue;
      }
      // A multi-byte character: the file was checked to be valid UTF-8.
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      len = std::min<size_t>(len, static_cast<size_t>(end - b));
      std::memcpy(w, b, len);
      w += len;
      b += len;
    }
    if (w != begin && w[-1] == ' ') --w;
    out->resize(static_cast<size_t>(w - out->data()));
    return;
  }
  // Windows-1252: characters outside ASCII grow to two or three bytes.
  out->reserve(start + raw.size() * 2);
  bool pending = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    const bool blank = c <= 0x20 || c == 0x7F || c == 0x81 || c == 0x8D || c == 0x8F ||
                       c == 0x90 || c == 0x9D;
    if (blank) {
      pending = true;
      continue;
    }
    if (pending && out->size() > start) out->push_back(' ');
    pending = false;
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else {
      AppendText(raw.substr(i, 1), encoding, out);
    }
  }
}

void JoinSupplementary(std::span<const FieldLine> lines, std::string* out) {
  out->clear();
  for (const FieldLine& line : lines) out->append(TrimRight(line.text));
}

void ParseInformation(std::span<const FieldLine> lines, TextEncoding encoding,
                      InfoScratch* scratch, Payment* payment, InfoExtras* extras) {
  std::string& joined = scratch->joined;
  extras->end_to_end.clear();
  // The dialect shows at the start of the first line with text (a first
  // line too short to show it is joined to the next).
  std::string_view head;
  for (const FieldLine& line : lines) {
    head = Trim(line.text);
    if (!head.empty()) break;
  }
  if (head.size() < 6) {
    JoinRaw(lines, /*keep_trailing_blanks=*/false, &joined);
    head = Trim(joined);
  }
  std::string_view gv;
  char sep;
  size_t body;
  if (DetectDk(head, &gv, &sep, &body)) {
    JoinDk(lines, sep, encoding, &joined);
    const std::string_view trimmed = Trim(joined);
    if (DetectDk(trimmed, &gv, &sep, &body)) {
      ParseDk(trimmed, gv, sep, body, encoding, scratch, payment, extras);
    }
  } else if (StartsWithSlashTag(head)) {
    JoinRaw(lines, /*keep_trailing_blanks=*/false, &joined);
    ParseSlashTags(Trim(joined), encoding, payment, extras);
  } else {
    JoinFreeText(lines, encoding, &joined);
    payment->remittance_text.clear();
    AppendCollapsed(joined, encoding, &payment->remittance_text);
    ParseLeadingParty(lines, encoding, payment);
  }
  AddCreditorReferences(payment->remittance_text, &payment->remittance);
}

void AddCreditorReferences(std::string_view text, std::vector<RemittanceLine>* lines) {
  // ISO 11649: "RF", two check digits, up to 21 letters or digits, printed
  // whole or in groups of four; the longest prefix whose checksum holds.
  for (size_t at = FindRf(text, 0); at < text.size(); at = FindRf(text, at + 2)) {
    if (at > 0 && IsAlnum(text[at - 1])) continue;
    if (at + 4 > text.size() || !IsDigit(text[at + 2]) || !IsDigit(text[at + 3])) continue;
    char buf[25];
    size_t n = 0, best = 0, i = at;
    for (;;) {
      size_t group = 0;
      while (i < text.size() && (IsDigit(text[i]) || IsUpper(text[i])) && n < sizeof buf) {
        buf[n++] = text[i++];
        ++group;
      }
      if (i < text.size() && IsAlnum(text[i])) break;  // runs on: not this
      if (n >= 5 && Mod97IsOne(std::string_view(buf, n))) best = n;
      if (group != 4 || i + 1 >= text.size() || text[i] != ' ' ||
          !(IsDigit(text[i + 1]) || IsUpper(text[i + 1]))) {
        break;
      }
      ++i;
    }
    if (best != 0) AddReference(std::string(buf, best), lines);
  }
  // Swiss ISR / QR reference: 27 digits with a mod-10 recursive check digit.
  // A run that long holds a digit at every 27th position: look only there.
  for (size_t probe = 26; probe < text.size(); probe += 27) {
    if (!IsDigit(text[probe])) continue;
    size_t i = probe;
    while (i > 0 && IsDigit(text[i - 1])) --i;
    size_t j = probe + 1;
    while (j < text.size() && IsDigit(text[j])) ++j;
    probe = j;  // the loop's step moves past this run
    const bool bounded = (i == 0 || !IsAlnum(text[i - 1])) && (j == text.size() || !IsAlnum(text[j]));
    if (j - i == 27 && bounded && IsIsrReference(text.substr(i, 27))) {
      AddReference(std::string(text.substr(i, 27)), lines);
    }
  }
}

}  // namespace cashmatch::ingest::mt94x
