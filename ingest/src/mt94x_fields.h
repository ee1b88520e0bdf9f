// Field-level syntax of SWIFT MT940 / MT942: amounts with a decimal comma,
// YYMMDD dates, balances (:60F: :62F: ...), the :61: statement line, the
// MT942 floor limit (:34F:), date-time (:13D:) and totals (:90D: :90C:),
// and the account (:25:). Internal to ingest.
//
// Every function takes the field's text without its tag, returns OK or
// kInvalidInput with a reason that names the field (callers add file and
// line), and allocates nothing on success. Views in the outputs point into
// the text passed in.
#ifndef CASHMATCH_INGEST_MT94X_FIELDS_H_
#define CASHMATCH_INGEST_MT94X_FIELDS_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "cashmatch/date.h"
#include "cashmatch/money.h"
#include "cashmatch/status.h"

namespace cashmatch::ingest::mt94x {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAlnum(char c) {
  return IsDigit(c) || IsUpper(c) || (c >= 'a' && c <= 'z');
}

// TrimBlanks (bank_text.h), inline: it runs on every field of every line.
inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// `a` equals `upper` ignoring the case of a's ASCII letters.
inline bool EqualsNoCase(std::string_view a, std::string_view upper) {
  if (a.size() != upper.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

// `s` in quotes for an error message, cut after 40 bytes, as UTF-8.
std::string Quote(std::string_view s);

// Per byte of `x`, 0x80 where the byte is zero and 0 elsewhere (exact, no
// carries between bytes).
inline uint64_t ZeroBytes(uint64_t x) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((x & kLow7) + kLow7) | x) & ~kLow7;
}
inline uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// The first `c` in s[from..), or s.size(): sixteen (SSE2) or eight bytes a
// step, which beats a memchr call on the short runs between sub-fields.
inline size_t FindByte(std::string_view s, size_t from, char c) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(c);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const unsigned hit = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, needle)));
    if (hit != 0) return i + static_cast<size_t>(__builtin_ctz(hit));
  }
#endif
  const uint64_t pattern = 0x0101010101010101ULL * static_cast<unsigned char>(c);
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t hit = ZeroBytes(Load8(s.data() + i) ^ pattern);
    if (hit != 0) return i + static_cast<size_t>(__builtin_ctzll(hit) / 8);
  }
  for (; i < s.size(); ++i) {
    if (s[i] == c) return i;
  }
  return s.size();
}

// Characters in `s`: bytes, less UTF-8 continuation bytes when `utf8`.
inline size_t CountChars(std::string_view s, bool utf8) {
  if (!utf8) return s.size();
  size_t continuation = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t x = Load8(s.data() + i);
    // 0x01 per continuation byte (10xxxxxx), summed by the multiply.
    const uint64_t marks = (x & ~(x << 1) & 0x8080808080808080ULL) >> 7;
    continuation += static_cast<size_t>((marks * 0x0101010101010101ULL) >> 56);
  }
  for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return s.size() - continuation;
}

// "1234,56" (digits, an optional decimal comma, digits) in minor units of
// `currency`. Decimals past the currency's exponent are accepted only when
// they are zeros ("12,500" EUR is 1250); anything else is refused, never
// rounded. `what` names the field in the reason (":61: amount").
Status ParseSwiftAmount(std::string_view text, Currency currency, std::string_view what,
                        int64_t* minor);

// YYMMDD with a real calendar day; years 00-69 are 20xx, 70-99 19xx.
bool ParseSwiftDate(std::string_view text, Date* out);

// The MMDD entry date of a :61: line, in the year that puts it nearest to
// `value_date` (a line valued 2019-12-31 and booked "0102" was booked on
// 2020-01-02). False when MMDD is no calendar day in that year.
bool ResolveEntryDate(std::string_view mmdd, Date value_date, Date* out);

// :60F: :60M: :62F: :62M: :64: :65:  "C161214EUR1124,58".
struct Balance {
  bool debit = false;
  Date date;
  Currency currency;
  int64_t minor = 0;  // as written, >= 0; `debit` gives the sign
  int64_t Signed() const { return debit ? -minor : minor; }
};
Status ParseBalance(std::string_view text, std::string_view tag, Balance* out);

// The first line of :61:.
struct StatementLine {
  Date value_date;
  bool has_entry_date = false;
  Date entry_date;
  bool debit = false;     // D or RC
  bool reversal = false;  // RC or RD
  int64_t minor = 0;
  std::string_view type;       // "NTRF", trimmed ("NIT " -> "NIT")
  std::string_view owner_ref;  // before "//", trimmed; may be empty
  std::string_view bank_ref;   // after "//", trimmed; empty when absent
};
Status ParseStatementLine(std::string_view text, Currency currency, StatementLine* out);

// :34F: floor limit "EUR0,", "EURD0,00", "PLN0" (some banks leave out the
// comma): only the currency is kept.
Status ParseFloorLimit(std::string_view text, Currency* currency);

// :13D: "1701191815+0100" or :13: "1701191815": the date part.
Status ParseDateTime(std::string_view text, std::string_view tag, Date* date);

// :90D: / :90C: "3PLN0,03": number of entries and their sum.
struct EntryTotals {
  uint32_t count = 0;
  Currency currency;
  int64_t minor = 0;
};
Status ParseEntryTotals(std::string_view text, std::string_view tag, EntryTotals* out);

// Our account as :25: names it, in the form Payment::account uses:
// "BLZ/account" (German bank code, digits) becomes "BLZ:account", a bank
// name or BIC prefix ("TRIODOSBANK/0666666666") is dropped, and a currency
// code after an IBAN ("NL77INGB0574908765EUR", "... EUR") is dropped.
std::string NormalizeAccount(std::string_view raw);

// IBAN shape: two letters, two check digits, 11 to 30 letters or digits.
bool LooksLikeIban(std::string_view s);
// ISO 7064 mod 97-10 over the rearranged string, as IBAN and ISO 11649
// creditor references (RF) use it.
bool Mod97IsOne(std::string_view s);
inline bool IsValidIban(std::string_view s) { return LooksLikeIban(s) && Mod97IsOne(s); }

}  // namespace cashmatch::ingest::mt94x

#endif  // CASHMATCH_INGEST_MT94X_FIELDS_H_
