#include "match_tokens.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "cashmatch/ledger.h"

namespace cashmatch::internal {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsJoiner(char c) { return c == '-' || c == '.' || c == '#' || c == '_'; }

// Words that introduce a reference. Upper case; compared after upper-casing.
constexpr std::array<std::string_view, 14> kPrefixWords = {
    "INV", "INVOICE", "INVOICES", "NO", "NR", "NUM", "NUMBER", "REF", "RE", "BILL", "DOC",
    "FACTURA", "RECHNUNG", "FACTUUR"};

bool IsPrefixWord(std::string_view w) {
  std::string up;
  for (char c : w) {
    if (IsAlnum(c)) up.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return std::find(kPrefixWords.begin(), kPrefixWords.end(), up) != kPrefixWords.end();
}

struct Word {
  std::string_view text;
  bool has_digit = false;
};

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsAlnum(text[i]) && text[i] != '#') ++i;
    const size_t start = i;
    bool digit = false;
    while (i < text.size() && (IsAlnum(text[i]) || IsJoiner(text[i]))) {
      digit |= std::isdigit(static_cast<unsigned char>(text[i])) != 0;
      ++i;
    }
    // A trailing '.' or '-' ends a sentence or a line, not a reference.
    size_t end = i;
    while (end > start && IsJoiner(text[end - 1])) --end;
    if (end > start) words.push_back({text.substr(start, end - start), digit});
    if (i == start) ++i;
  }
  return words;
}

// A bank identifier (BIC): four letters of the bank, two of the country,
// two of the place, perhaps three of the branch ("CASHUS33",
// "DEUTDEFF500"). Statements print them beside the payer; never a reference.
bool IsBic(std::string_view w) {
  if (w.size() != 8 && w.size() != 11) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const bool upper = c >= 'A' && c <= 'Z', digit = c >= '0' && c <= '9';
    if (i < 6 ? !upper : !(upper || digit)) return false;
  }
  return true;
}

int Strength(std::string_view raw, std::string_view normalized, bool prefixed) {
  int s = 0;
  if (prefixed) s += 2;
  // Leading zeros ("004512") or letters with the digits ("SO12345") are an
  // ERP's numbering, not prose.
  const auto first_digit = std::find_if(raw.begin(), raw.end(),
                                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (first_digit != raw.end() && *first_digit == '0') s += 1;
  if (std::any_of(raw.begin(), raw.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) s += 1;
  if (normalized.size() >= 6) s += 2;
  else if (normalized.size() >= 4) s += 1;
  // One or two digits ("E03", "#7") name too little to be a document
  // number by their looks alone: an entity code, an item, a page.
  if (normalized.size() <= 2 && !prefixed) s = std::min(s, 1);
  return std::min(s, 3);
}

}  // namespace

std::vector<RefToken> ExtractRefTokens(std::string_view text, size_t max_tokens) {
  std::vector<Word> words = SplitWords(text);
  std::vector<RefToken> out;
  auto add = [&](std::string raw, bool prefixed, bool joined) {
    if (out.size() >= max_tokens) return;
    std::string norm = NormalizeReference(raw);
    if (norm.empty()) return;
    for (const RefToken& t : out) {
      if (t.normalized == norm) return;
    }
    RefToken t;
    t.strength = Strength(raw, norm, prefixed);
    t.raw = std::move(raw);
    t.normalized = std::move(norm);
    t.joined = joined;
    out.push_back(std::move(t));
  };
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i].has_digit || IsBic(words[i].text)) continue;
    const std::string_view word = words[i].text;
    // "INV 4512" (a prefix word before) or "INV-4512" / "INV4512" (within).
    const bool before = i > 0 && !words[i - 1].has_digit && IsPrefixWord(words[i - 1].text);
    const size_t letters = static_cast<size_t>(
        std::find_if(word.begin(), word.end(),
                     [](char c) { return !std::isalpha(static_cast<unsigned char>(c)); }) -
        word.begin());
    const bool within = word.front() == '#' || (letters > 0 && IsPrefixWord(word.substr(0, letters)));
    std::string raw = before ? std::string(words[i - 1].text) + " " + std::string(word)
                             : std::string(word);
    add(std::move(raw), before || within, false);
    // A number broken across a continuation record: this token and the next
    // as one ("INV-0004" "512").
    if (i + 1 < words.size() && words[i + 1].has_digit && !IsBic(words[i + 1].text)) {
      add(std::string(words[i].text) + std::string(words[i + 1].text), false, true);
    }
  }
  return out;
}

}  // namespace cashmatch::internal
