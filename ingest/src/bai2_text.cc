#include "bai2_text.h"

#include <array>
#include <cstring>

namespace cashmatch::ingest::bai2 {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Letters, digits, '#' and '/': what key words are made of ("TRACE#",
// "B/O"). A table, because the text of every payment is walked through.
constexpr std::array<bool, 256> kWordChars = [] {
  std::array<bool, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  t['#'] = t['/'] = true;
  return t;
}();
bool IsWordChar(char c) { return kWordChars[static_cast<unsigned char>(c)]; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// `a` equals the literal `b`; the constant length lets the compiler compare
// inline instead of calling memcmp.
template <size_t N>
bool Eq(std::string_view a, const char (&b)[N]) {
  return a.size() == N - 1 && std::memcmp(a.data(), b, N - 1) == 0;
}

bool IsBoundary(char c) {
  return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '"' || c == '(';
}

// Keys of more than one word end in these last words; the words before
// belong to the key, not to the value written before it.
struct MultiWord {
  std::string_view last;
  std::string_view before;
};
constexpr MultiWord kMultiWords[] = {
    {"NAME", "ORIG CO"}, {"NAME", "IND"},   {"ID", "ORIG"},        {"ID", "IND"},
    {"ID", "CO"},        {"ACCT", "ORIG"},  {"BANK", "ORIG"},      {"DESCR", "CO ENTRY"},
    {"DESCR", "ENTRY"},  {"DATE", "DESC"},  {"BK", "SND"},         {"BK", "RCV"},
    {"DET", "PMT"},      {"NO", "TRACE"},   {"NUMBER", "TRACE"},   {"REASON", "RETURN"},
    {"OF", "BY ORDER"},
};

// `words` ends `before` (text up to a key's last word, blanks trimmed) as
// whole words.
bool EndsWithWords(std::string_view before, std::string_view words) {
  if (!before.ends_with(words)) return false;
  const size_t at = before.size() - words.size();
  return at == 0 || IsBlank(before[at - 1]) || IsBoundary(before[at - 1]);
}

// A key in the text: `start` its first word, `word` its last, `colon` the
// ':' after it. A key is a word of two or more characters, starting with a
// capital, right before a ':' ("SEC:", "B/O:", "Reason:").
struct Key {
  size_t start;
  size_t word;
  size_t colon;
};
constexpr size_t kMaxKeys = 64;

enum class Until : uint8_t {
  kNextKey,  // the next key, a double blank or an RMR segment
  kComma,    // also a comma (Goldman Sachs "From: NAME, Remittance Info: ...")
  kToken,    // the first blank or comma: account numbers, traces
};

// The value after a key's colon at `v`, read no further than `limit` (the
// start of the next key).
std::string_view ValueAt(std::string_view text, size_t v, size_t limit, Until until) {
  while (v < limit && IsBlank(text[v])) ++v;
  if (v < text.size() && text[v] == '"') {
    const size_t close = text.find('"', v + 1);
    if (close != std::string_view::npos) return Trim(text.substr(v + 1, close - v - 1));
  }
  size_t end = v;
  if (until == Until::kToken) {
    while (end < limit && !IsBlank(text[end]) && text[end] != ',' && text[end] != ';') ++end;
  } else {
    for (; end < limit; ++end) {
      const char c = text[end];
      if (c == ',' && until == Until::kComma) break;
      if (IsBlank(c) && end + 1 < limit && IsBlank(text[end + 1])) break;
      if (c == '*' && end >= v + 3 && text.compare(end - 3, 3, "RMR") == 0) {
        end -= 3;
        break;
      }
    }
  }
  std::string_view value = Trim(text.substr(v, end - v));
  while (!value.empty() && (value.back() == ',' || value.back() == ';')) {
    value = Trim(value.substr(0, value.size() - 1));
  }
  if (value == "-") return {};
  return value;
}

}  // namespace

TypeClass ClassifyTypeCode(int code) {
  if (code >= 1 && code <= 99) return TypeClass::kStatus;
  if (code >= 100 && code <= 399) return TypeClass::kCredit;
  if (code >= 400 && code <= 699) return TypeClass::kDebit;
  if (code >= 700 && code <= 719) return TypeClass::kStatus;
  if (code >= 720 && code <= 759) return TypeClass::kCredit;
  if (code >= 760 && code <= 799) return TypeClass::kDebit;
  if (code == 890) return TypeClass::kNonMonetary;
  if (code >= 900 && code <= 919) return TypeClass::kStatus;
  if (code >= 920 && code <= 959) return TypeClass::kCredit;
  if (code >= 960 && code <= 999) return TypeClass::kDebit;
  return TypeClass::kUndefined;
}

bool IsReturnTypeCode(int code) {
  switch (code) {
    // Credits: EDIBANX credit return, ACH return or adjustment settlement,
    // debit reversal, check posted and returned, ACH return item, ACH
    // reversal, rejected credit, return item, return item adjustment,
    // check reversal.
    case 123: case 168: case 252: case 255: case 257: case 258: case 261: case 266:
    case 268: case 395:
    // Debits: the same events on the other side, deposited item returned
    // and deposit reversal.
    case 423: case 468: case 552: case 555: case 557: case 558: case 561: case 566:
    case 568: case 694:
      return true;
    default:
      return false;
  }
}

void ReadTextFacts(std::string_view text, TextFacts* facts) {
  *facts = TextFacts{};
  // First every key, so that each value can stop where the next key starts.
  Key keys[kMaxKeys];
  size_t count = 0;
  const char* data = text.data();
  for (const char* c = static_cast<const char*>(std::memchr(data, ':', text.size()));
       c != nullptr && count < kMaxKeys;
       c = static_cast<const char*>(std::memchr(c + 1, ':', text.size() - (c + 1 - data)))) {
    const size_t colon = static_cast<size_t>(c - data);
    size_t ws = colon;
    while (ws > 0 && IsWordChar(data[ws - 1])) --ws;
    if (colon - ws < 2 || data[ws] < 'A' || data[ws] > 'Z') continue;
    if (ws > 0 && !IsBoundary(data[ws - 1])) continue;
    size_t start = ws;
    const std::string_view word = text.substr(ws, colon - ws);
    // Only the last words of multi-word keys need the words before them.
    if (word.size() <= 6 && (word.back() == 'E' || word.back() == 'D' || word.back() == 'T' ||
                             word.back() == 'K' || word.back() == 'O' || word.back() == 'F' ||
                             word.back() == 'R' || word.back() == 'N')) {
      for (const MultiWord& m : kMultiWords) {
        if (word != m.last) continue;
        const std::string_view before = Trim(text.substr(0, ws));
        if (EndsWithWords(before, m.before)) {
          start = before.size() - m.before.size();
          break;
        }
      }
    }
    keys[count++] = Key{start, ws, colon};
  }

  int name_rank = 100;  // lower is better
  int account_rank = 100;
  size_t name_end = std::string_view::npos;  // where the name's value ends
  for (size_t i = 0; i < count; ++i) {
    const Key& key = keys[i];
    const size_t v = key.colon + 1;
    const size_t limit = i + 1 < count ? keys[i + 1].start : text.size();
    const std::string_view w = text.substr(key.word, key.colon - key.word);
    const std::string_view before = Trim(text.substr(0, key.word));
    auto name = [&](int rank, Until until) {
      if (rank >= name_rank) return;
      std::string_view value = ValueAt(text, v, limit, until);
      // "ORG:/123456789 ACME CORP": the account, then the name.
      std::string_view account;
      if (value.starts_with('/')) {
        const size_t blank = value.find(' ');
        account = value.substr(1, blank == std::string_view::npos ? value.size() - 1 : blank - 1);
        value = blank == std::string_view::npos ? std::string_view() : Trim(value.substr(blank));
      }
      if (!account.empty() && rank < account_rank) {
        account_rank = rank;
        facts->payer_account = account;
      }
      if (value.empty()) return;
      name_rank = rank;
      name_end = static_cast<size_t>(value.data() + value.size() - text.data());
      facts->payer_name = value;
    };
    auto account = [&](int rank) {
      if (rank >= account_rank) return;
      std::string_view value = ValueAt(text, v, limit, Until::kToken);
      if (value.empty()) return;
      account_rank = rank;
      facts->payer_account = value;
    };
    switch (w.size()) {
      case 2:
        if (Eq(w, "ID")) {
          if (key.start < key.word) {
            if (EndsWithWords(before, "ORIG")) account(10);
          } else if (name_end <= key.word && Trim(text.substr(name_end, key.word - name_end)).empty()) {
            account(6);  // "ORIG:ACME CORP ID:123456789": the originator's account
          } else if (EndsWithWords(before, "Return of GS")) {
            facts->original_ref = ValueAt(text, v, limit, Until::kToken);
          } else if (EndsWithWords(before, "Return of Client Ref") && facts->original_ref.empty()) {
            facts->original_ref = ValueAt(text, v, limit, Until::kToken);
          }
        } else if (Eq(w, "OF")) {
          if (key.start < key.word) name(5, Until::kNextKey);
        } else if (Eq(w, "BO")) {
          account(3);
        } else if (Eq(w, "OB")) {
          std::string_view sort = ValueAt(text, v, limit, Until::kToken);
          bool digits = !sort.empty();
          for (char ch : sort) digits = digits && ch >= '0' && ch <= '9';
          if (digits && facts->payer_routing.empty()) facts->payer_routing = sort;
        } else if (Eq(w, "NO") && key.start < key.word && facts->trace_number.empty()) {
          facts->trace_number = ValueAt(text, v, limit, Until::kToken);
        }
        break;
      case 3:
        if (Eq(w, "ORG")) {
          name(3, Until::kNextKey);
        } else if (Eq(w, "B/O")) {
          name(4, Until::kNextKey);
        } else if (Eq(w, "BO1")) {
          name(6, Until::kNextKey);
        }
        break;
      case 4:
        if (Eq(w, "NAME")) {
          if (key.start < key.word && EndsWithWords(before, "ORIG CO")) name(0, Until::kNextKey);
        } else if (Eq(w, "ORIG")) {
          name(2, Until::kNextKey);
        } else if (Eq(w, "From")) {
          name(7, Until::kComma);
        } else if (Eq(w, "DBNM")) {
          name(8, Until::kNextKey);
        } else if (Eq(w, "DACT") || Eq(w, "DBAC")) {
          account(2);
        } else if (Eq(w, "DABA")) {
          facts->payer_routing = ValueAt(text, v, limit, Until::kToken);
        } else if (Eq(w, "ACCT")) {
          if (key.start < key.word) account(5);
        }
        break;
      case 5:
      case 6:
        if (Eq(w, "TRACE#") || Eq(w, "TRACE") || (Eq(w, "NUMBER") && key.start < key.word)) {
          if (facts->trace_number.empty()) facts->trace_number = ValueAt(text, v, limit, Until::kToken);
        } else if (Eq(w, "Reason") || Eq(w, "REASON")) {
          if (facts->return_reason.empty()) {
            facts->return_reason = ValueAt(text, v, limit, Until::kComma);
          }
        }
        break;
      case 10:
        if (Eq(w, "ORIGINATOR")) name(1, Until::kNextKey);
        break;
      default:
        break;
    }
  }
}

void ReadRmrSegments(std::string_view text, Currency currency, std::vector<RemittanceLine>* out) {
  for (size_t at = text.find("RMR*"); at != std::string_view::npos; at = text.find("RMR*", at + 4)) {
    if (at > 0 && IsWordChar(text[at - 1])) continue;
    size_t end = at + 4;
    while (end < text.size() && text[end] != '\\' && text[end] != '~' &&
           text.compare(end, 4, "RMR*") != 0) {
      ++end;
    }
    std::string_view segment = text.substr(at + 4, end - at - 4);
    std::string_view elements[6];
    size_t n = 0;
    while (n < 6) {
      const size_t star = segment.find('*');
      elements[n++] = Trim(segment.substr(0, star));
      if (star == std::string_view::npos) break;
      segment.remove_prefix(star + 1);
    }
    // elements: 0 qualifier, 1 reference, 2 action code, 3 paid,
    // 4 invoice amount, 5 discount.
    if (n < 2 || elements[1].empty()) continue;
    bool ok = true;
    auto amount = [&](size_t i) -> std::optional<Money> {
      if (i >= n || elements[i].empty()) return std::nullopt;
      std::string_view a = elements[i].substr(0, elements[i].find(' '));
      Result<int64_t> minor = ParseMinorUnits(a, currency.exponent());
      if (!minor.ok()) {
        ok = false;
        return std::nullopt;
      }
      return Money{*minor, currency};
    };
    RemittanceLine line;
    line.paid = amount(3);
    line.invoice_amount = amount(4);
    line.discount = amount(5);
    if (!ok) continue;
    line.reference = std::string(elements[1]);
    out->push_back(std::move(line));
  }
}

}  // namespace cashmatch::ingest::bai2
