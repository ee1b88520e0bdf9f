// The normalizations of references, customer names and bank accounts.
// Every byte outside ASCII letters and digits is either a separator or
// ignored, so any input, valid UTF-8 or not, is safe and the result is
// plain upper-case ASCII.
#include "normalize.h"

#include <algorithm>
#include <iterator>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/ledger.h"

namespace cashmatch {
namespace internal {
namespace {

bool IsDigit(unsigned char c) { return static_cast<unsigned>(c - '0') < 10; }
// Upper-cases an ASCII letter; returns 0 for anything else. Clearing bit 5
// maps a-z onto A-Z and leaves no other byte in A-Z.
char UpperLetter(unsigned char c) {
  const unsigned char u = c & ~0x20;
  return static_cast<unsigned>(u - 'A') < 26 ? static_cast<char>(u) : 0;
}

// Legal forms and filler words of company names, sorted for binary search.
constexpr std::string_view kNameNoise[] = {
    "AB",  "AG",   "AND",  "AS",  "BV",  "CIE",     "CO",   "COMPANY", "CORP",
    "CORPORATION", "GMBH", "INC", "INCORPORATED",   "KG",   "KGAA",    "KK",
    "LIMITED",     "LLC",  "LLLP", "LLP", "LP",     "LTD",  "LTDA",    "MBH",
    "NV",  "OHG",  "OY",   "PC",  "PLC", "PLLC",    "PTE",  "PTY",     "PVT",
    "SA",  "SARL", "SAS",  "SE",  "SPA", "SRL",     "THE"};
static_assert(std::is_sorted(std::begin(kNameNoise), std::end(kNameNoise)));

bool IsNameNoise(std::string_view word) {
  return std::binary_search(std::begin(kNameNoise), std::end(kNameNoise), word);
}

}  // namespace

size_t NormalizeReferenceTo(std::string_view text, char* out) {
  size_t n = 0;
  size_t first_digit = std::string_view::npos;
  bool letter_after_digit = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsDigit(c)) {
      if (first_digit == std::string_view::npos) first_digit = n;
      out[n++] = static_cast<char>(c);
    } else if (const char u = UpperLetter(c)) {
      letter_after_digit |= first_digit != std::string_view::npos;
      out[n++] = u;
    }
  }
  // Purely alphabetic or interleaved ("A12B34"): the letters are part of the
  // number, keep everything.
  if (first_digit == std::string_view::npos || letter_after_digit) return n;
  // Digits, perhaps after a word such as INV: keep the digits without their
  // leading zeros, but keep one zero of an all-zero number.
  size_t start = first_digit;
  while (start + 1 < n && out[start] == '0') ++start;
  if (start != 0) std::memmove(out, out + start, n - start);
  return n - start;
}

uint64_t ReferenceCode(std::string_view normalized) {
  static_assert(kCodedLength <= 12, "37^12 - 1 is the largest code that fits");
  if (normalized.empty() || normalized.size() > kCodedLength) return 0;
  uint64_t code = 0;
  for (const char ch : normalized) {
    const auto c = static_cast<unsigned char>(ch);
    unsigned digit;
    if (IsDigit(c)) {
      digit = c - '0' + 1;
    } else if (c >= 'A' && c <= 'Z') {
      digit = c - 'A' + 11;
    } else {
      return 0;  // not a normalized reference
    }
    code = code * 37 + digit;
  }
  return code;
}

bool NormalizedEquals(std::string_view text, std::string_view key) {
  // First the facts NormalizeReferenceTo decides by: how many letters and
  // digits there are, where the first digit is, and whether a letter
  // follows one.
  size_t n = 0;
  size_t first_digit = std::string_view::npos;
  bool letter_after_digit = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsDigit(c)) {
      if (first_digit == std::string_view::npos) first_digit = n;
      ++n;
    } else if (UpperLetter(c) != 0) {
      letter_after_digit |= first_digit != std::string_view::npos;
      ++n;
    }
  }
  const bool whole = first_digit == std::string_view::npos || letter_after_digit;
  // Then the kept characters, compared as they come: from the first digit
  // on, and past its leading zeros but the last character, in the digit case.
  size_t k = 0, j = 0;
  bool leading = !whole;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const char u = IsDigit(c) ? static_cast<char>(c) : UpperLetter(c);
    if (u == 0) continue;
    const size_t at = k++;
    if (leading) {
      if (at < first_digit || (u == '0' && at + 1 < n)) continue;
      leading = false;
    }
    if (j == key.size() || key[j] != u) return false;
    ++j;
  }
  return j == key.size();
}

}  // namespace internal

std::string NormalizeReference(std::string_view text) {
  std::string out(text.size(), '\0');
  out.resize(internal::NormalizeReferenceTo(text, out.data()));
  return out;
}

std::string NormalizeCustomerName(std::string_view name) {
  // Upper-cased words. Apostrophes, periods and non-ASCII bytes join
  // ("O'Brien" -> OBRIEN, "S.A." -> SA, "Müller" -> MLLER on both sides of
  // a comparison); every other non-alphanumeric byte separates.
  std::string upper;
  upper.reserve(name.size());
  std::vector<std::string_view> words;
  std::vector<std::pair<size_t, size_t>> spans;  // [begin, end) in `upper`
  bool in_word = false;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    char u = internal::IsDigit(c) ? static_cast<char>(c) : internal::UpperLetter(c);
    if (u == 0) {
      if (c != '\'' && c != '.' && c < 0x80) in_word = false;
      continue;
    }
    if (!in_word) spans.emplace_back(upper.size(), upper.size());
    in_word = true;
    upper.push_back(u);
    spans.back().second = upper.size();
  }
  for (const auto& [b, e] : spans) {
    std::string_view w(upper.data() + b, e - b);
    if (!internal::IsNameNoise(w)) words.push_back(w);
  }
  // A name made only of such words ("The Company") keeps them, so that it
  // still means something.
  if (words.empty()) {
    for (const auto& [b, e] : spans) words.emplace_back(upper.data() + b, e - b);
  }
  std::sort(words.begin(), words.end());
  std::string out;
  out.reserve(upper.size() + words.size());
  for (const std::string_view w : words) {
    if (!out.empty()) out.push_back(' ');
    out.append(w);
  }
  return out;
}

std::string NormalizeBankAccount(std::string_view account) {
  std::string out;
  out.reserve(account.size());
  size_t part_begin = 0;
  auto finish_part = [&] {
    // Drop the part's leading zeros, keeping one of an all-zero part; drop
    // an empty part with the separator before it.
    size_t z = part_begin;
    while (z + 1 < out.size() && out[z] == '0') ++z;
    out.erase(part_begin, z - part_begin);
    if (out.size() == part_begin && part_begin != 0) out.pop_back();
  };
  for (const char ch : account) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ':') {
      finish_part();
      if (!out.empty()) out.push_back(':');
      part_begin = out.size();
    } else if (internal::IsDigit(c)) {
      out.push_back(static_cast<char>(c));
    } else if (const char u = internal::UpperLetter(c)) {
      out.push_back(u);
    }
  }
  finish_part();
  return out;
}

}  // namespace cashmatch
