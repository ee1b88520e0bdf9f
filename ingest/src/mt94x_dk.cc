// German DFÜ (DK) :86: sub-fields: "166?00GUTSCHRIFT?10...?20EREF+...
// ?21...?30BIC?31IBAN?32NAME", and Triodos' '>' variant.
#include <array>
#include <cstdint>
#include <cstring>

#include "mt94x_dialects.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cashmatch::ingest::mt94x {
namespace {

// DK sub-fields hold 27 characters; a Verwendungszweck or name longer than
// that continues in the next sub-field, often in the middle of a word.
constexpr size_t kDkPieceWidth = 27;
// DK lines: 65 characters, the first 61 after ":86:" at most banks.
constexpr size_t kDkLineChars = 65;
constexpr size_t kDkFirstLineChars = 61;

// No initializers: an array of 64 is declared per statement line, and
// only the filled part is read.
struct DkPiece {
  int code;
  size_t begin, size;
};

bool IsPurpose(int code) { return (code >= 20 && code <= 29) || (code >= 60 && code <= 63); }
bool IsName(int code) { return code == 32 || code == 33; }

// Characters banks put before DK sub-field numbers: '?' by the standard,
// '>' at Triodos.
bool IsSubfieldSeparator(char c) { return c == '?' || c == '>'; }


// SEPA keywords (DK), and Deutsche Bank's "MTLG:" (message), each of which
// starts a new sub-field.
constexpr std::array<std::string_view, 16> kSepaKeywords = {
    "EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+",
    "IBAN+", "BIC+",  "COAM+", "OAMT+", "SQTP+", "PURP+", "RTRN+", "MTLG:"};

constexpr uint32_t Pack4(std::string_view k) {
  return static_cast<uint32_t>(static_cast<unsigned char>(k[0])) |
         static_cast<uint32_t>(static_cast<unsigned char>(k[1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(k[2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(k[3])) << 24;
}

// The length of the keyword starting at s[i] ("EREF+" 5, "BIC+" 4), or 0.
// Runs at every word start of every Verwendungszweck: compares packed
// words, not strings.
size_t KeywordAt(std::string_view s, size_t i) {
  if (s.size() - i < 4) return 0;
  const char* p = s.data() + i;
  if (!IsUpper(p[0]) || !IsUpper(p[1]) || !IsUpper(p[2])) return 0;
  if (p[3] == '+') return p[0] == 'B' && p[1] == 'I' && p[2] == 'C' ? 4 : 0;
  if (s.size() - i < 5 || (p[4] != '+' && p[4] != ':')) return 0;
  const uint32_t word = Pack4(std::string_view(p, 4));
  for (std::string_view k : kSepaKeywords) {
    if (k.size() == 5 && k[4] == p[4] && Pack4(k) == word) return 5;
  }
  return 0;
}

// The value of SEPA keyword `key` ("EREF+") in the Verwendungszweck: up to
// the next keyword that starts a word.
std::string_view KeywordValue(std::string_view purpose, std::string_view key) {
  for (size_t i = purpose.find(key); i != std::string_view::npos; i = purpose.find(key, i + 1)) {
    if (i != 0 && purpose[i - 1] != ' ') continue;
    const size_t start = i + key.size();
    size_t end = purpose.size();
    for (size_t e = start; e < purpose.size(); ++e) {
      if (purpose[e - 1] == ' ' && KeywordAt(purpose, e) != 0) {
        end = e;
        break;
      }
    }
    return Trim(purpose.substr(start, end - start));
  }
  return {};
}

bool IsDkReturnCode(std::string_view gv) {
  // 009 Rückbelastung, 109 SEPA-Lastschrift Rückbelastung, 159 SEPA-Überweisung Retoure.
  return gv == "009" || gv == "109" || gv == "159";
}

// Fills `pieces` with the sub-fields of s[body..) (s[body] is a separator
// followed by two digits) and returns how many; past `max`, the rest
// stays in the last.
size_t SplitDk(std::string_view s, char sep, size_t body, DkPiece* pieces, size_t max) {
  size_t count = 0;
  const auto marker = [&](size_t at) {
    if (at + 2 >= s.size() || !IsDigit(s[at + 1]) || !IsDigit(s[at + 2])) return;
    if (count != 0) pieces[count - 1].size = at - pieces[count - 1].begin;
    if (count == max) return;
    pieces[count++] = DkPiece{(s[at + 1] - '0') * 10 + (s[at + 2] - '0'), at + 3, 0};
  };
  size_t i = body;
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(sep);
  for (; i + 16 <= s.size(); i += 16) {
    unsigned hits = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)), needle)));
    while (hits != 0) {
      marker(i + static_cast<size_t>(__builtin_ctz(hits)));
      hits &= hits - 1;
    }
  }
#endif
  for (; i < s.size(); ++i) {
    if (s[i] == sep) marker(i);
  }
  if (count != 0) pieces[count - 1].size = s.size() - pieces[count - 1].begin;
  return count;
}

}  // namespace

bool DetectDk(std::string_view s, std::string_view* gv, char* sep, size_t* body) {
  if (s.size() >= 6 && IsDigit(s[0]) && IsDigit(s[1]) && IsDigit(s[2]) &&
      IsSubfieldSeparator(s[3]) && IsDigit(s[4]) && IsDigit(s[5])) {
    *gv = s.substr(0, 3);
    *sep = s[3];
    *body = 3;
    return true;
  }
  if (s.size() >= 3 && s[0] == '?' && IsDigit(s[1]) && IsDigit(s[2])) {
    *gv = {};
    *sep = '?';
    *body = 0;
    return true;
  }
  return false;
}

void ParseDk(std::string_view s, std::string_view gv, char sep, size_t body, TextEncoding encoding,
             InfoScratch* scratch, Payment* p, InfoExtras* extras) {
  // Split into sub-fields: one pass over the separators.
  DkPiece pieces[64];
  const size_t count = SplitDk(s, sep, body, pieces, std::size(pieces));

  // The Verwendungszweck pieces join without separator (they are cut at 27
  // characters, mid-word); each SEPA keyword starts a new word.
  std::string& purpose = scratch->purpose;
  std::string& name = scratch->name;
  purpose.clear();
  name.clear();
  bool name_glue = false;
  std::string_view account, bank_code, iban38, reason34;
  for (size_t k = 0; k < count; ++k) {
    const DkPiece& piece = pieces[k];
    const std::string_view value = s.substr(piece.begin, piece.size);
    if (IsPurpose(piece.code)) {
      std::string_view v = value;
      if (!purpose.empty() && KeywordAt(Trim(v), 0) != 0 && purpose.back() != ' ') {
        purpose.push_back(' ');
      }
      purpose.append(v);
    } else if (IsName(piece.code)) {
      if (!name.empty() && !name_glue) name.push_back(' ');
      name.append(value);
      name_glue = !value.empty() && !IsBlank(value.back()) &&
                  CharCount(value, encoding) >= kDkPieceWidth;
    } else if (piece.code == 31) {
      account = Trim(value);
    } else if (piece.code == 30) {
      bank_code = Trim(value);
    } else if (piece.code == 38) {
      iban38 = Trim(value);
    } else if (piece.code == 34) {
      reason34 = Trim(value);
    }
  }

  // The text: every sub-field in order, the Verwendungszweck and the name
  // each as one piece where they first appear; blanks collapse once at
  // the end.
  std::string& raw = scratch->raw;
  raw.assign(gv);
  bool purpose_done = false, name_done = false;
  for (size_t k = 0; k < count; ++k) {
    const DkPiece& piece = pieces[k];
    raw.push_back(' ');
    if (IsPurpose(piece.code)) {
      if (!purpose_done) raw.append(purpose);
      purpose_done = true;
    } else if (IsName(piece.code)) {
      if (!name_done) raw.append(name);
      name_done = true;
    } else {
      raw.append(s.substr(piece.begin, piece.size));
    }
  }
  p->remittance_text.clear();
  AppendCollapsed(raw, encoding, &p->remittance_text);

  p->payer_name.clear();
  AppendCollapsed(name, encoding, &p->payer_name);
  if (p->payer_name.empty()) AppendCollapsed(KeywordValue(purpose, "ABWA+"), encoding, &p->payer_name);

  if (LooksLikeIban(account)) {
    SetAccount(account, encoding, &p->payer_account);
  } else if (LooksLikeIban(iban38)) {
    SetAccount(iban38, encoding, &p->payer_account);
  } else if (!account.empty() && !bank_code.empty()) {
    scratch->text.assign(bank_code).append(":").append(account);
    SetAccount(scratch->text, encoding, &p->payer_account);
  } else if (!account.empty()) {
    SetAccount(account, encoding, &p->payer_account);
  } else {
    SetAccount(KeywordValue(purpose, "IBAN+"), encoding, &p->payer_account);
  }

  std::string_view eref = KeywordValue(purpose, "EREF+");
  extras->end_to_end.clear();
  if (!IsNoReference(eref)) AppendCollapsed(eref, encoding, &extras->end_to_end);

  if (IsDkReturnCode(gv)) {
    p->is_return = true;
    if (p->return_reason.empty()) AppendCollapsed(reason34, encoding, &p->return_reason);
  }
}


// DK lines are one stream cut every 65 characters (the first line 65 with
// its tag at most banks, 65 after it at some), so lines join without
// separator. A shorter line that is not the last had blanks at its end
// that the file lost (betterplace, Wirecard: "Verwendungszweck mit" +
// "140 Stellen"), so a space stands in for them, unless the break falls
// at a sub-field boundary.
void JoinDk(std::span<const FieldLine> lines, char sep, TextEncoding encoding, std::string* out) {
  out->clear();
  bool short_line = false;
  for (size_t k = 0; k < lines.size(); ++k) {
    const FieldLine& line = lines[k];
    const std::string_view t = line.text;
    if (!out->empty()) {
      const bool at_subfield = (t.size() >= 3 && t[0] == sep && IsDigit(t[1]) && IsDigit(t[2])) ||
                               out->back() == sep ||
                               (out->size() >= 2 && (*out)[out->size() - 2] == sep && IsDigit(out->back()));
      if (line.new_field || (short_line && !at_subfield)) out->push_back(' ');
    }
    out->append(t);
    const bool first_of_field = k == 0 || line.new_field;
    short_line = CharCount(t, encoding) < (first_of_field ? kDkFirstLineChars : kDkLineChars);
  }
}

}  // namespace cashmatch::ingest::mt94x
