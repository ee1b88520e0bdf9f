#include "mt94x_fields.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "bank_text.h"

namespace cashmatch::ingest::mt94x {
namespace {

Status Invalid(std::string reason) { return Status::InvalidInput(std::move(reason)); }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int TwoDigits(std::string_view s, size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int y, int m) {
  static constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool MakeDate(int y, int m, int d, Date* out) {
  if (m < 1 || m > 12 || d < 1 || static_cast<unsigned>(d) > DaysInMonth(y, m)) return false;
  *out = Date::FromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

Status ParseCurrency(std::string_view code, std::string_view what, Currency* out) {
  std::optional<Currency> c = Currency::FromCode(code);
  if (!c) {
    return Invalid(std::string(what) + " currency " + Quote(code) +
                   " is not an active ISO 4217 currency code");
  }
  *out = *c;
  return Status::Ok();
}

}  // namespace

// Reasons quote the offending text; a fuzzed megabyte-long field must not
// become a megabyte-long message.
std::string Quote(std::string_view s) {
  constexpr size_t kMax = 40;
  std::string out = "'";
  out += ToUtf8(s.substr(0, kMax));
  out += s.size() > kMax ? "...'" : "'";
  return out;
}

Status ParseSwiftAmount(std::string_view text, Currency currency, std::string_view what,
                        int64_t* minor) {
  if (text.empty()) return Invalid(std::string(what) + " is missing");
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const int exponent = currency.exponent();
  int64_t value = 0;
  bool comma = false;
  int int_digits = 0, frac_digits = 0;
  const auto not_a_number = [&] {
    std::string reason = std::string(what) + " " + Quote(text) + " is not a number";
    if (text.find('.') != std::string_view::npos) {
      reason += " (SWIFT amounts use a decimal comma: 1234,56)";
    } else {
      reason += " (digits with a decimal comma: 1234,56)";
    }
    return Invalid(std::move(reason));
  };
  const auto too_large = [&] {
    return Invalid(std::string(what) + " " + Quote(text) + " is too large");
  };
  for (char c : text) {
    if (c == ',') {
      if (comma) return not_a_number();
      comma = true;
      continue;
    }
    if (!IsDigit(c)) return not_a_number();
    const int d = c - '0';
    if (comma) {
      ++frac_digits;
      if (frac_digits > exponent) {
        if (d != 0) {
          return Invalid(std::string(what) + " " + Quote(text) + " has more decimals than " +
                         std::string(currency.code()) + " allows (" + std::to_string(exponent) +
                         ")");
        }
        continue;
      }
    } else {
      ++int_digits;
    }
    if (value > (kMax - d) / 10) return too_large();
    value = value * 10 + d;
  }
  if (int_digits == 0) {
    return Invalid(std::string(what) + " " + Quote(text) + " has no digit before the decimal comma");
  }
  for (int i = std::min(frac_digits, exponent); i < exponent; ++i) {
    if (value > kMax / 10) return too_large();
    value *= 10;
  }
  *minor = value;
  return Status::Ok();
}

bool ParseSwiftDate(std::string_view text, Date* out) {
  if (text.size() != 6 || !AllDigits(text)) return false;
  const int yy = TwoDigits(text, 0);
  return MakeDate(yy < 70 ? 2000 + yy : 1900 + yy, TwoDigits(text, 2), TwoDigits(text, 4), out);
}

bool ResolveEntryDate(std::string_view mmdd, Date value_date, Date* out) {
  if (mmdd.size() != 4 || !AllDigits(mmdd)) return false;
  const int m = TwoDigits(mmdd, 0), d = TwoDigits(mmdd, 2);
  int year;
  unsigned vm, vd;
  value_date.ToCivil(&year, &vm, &vd);
  bool found = false;
  for (int y = year - 1; y <= year + 1; ++y) {
    Date candidate;
    if (!MakeDate(y, m, d, &candidate)) continue;
    if (!found || std::abs(candidate.days - value_date.days) < std::abs(out->days - value_date.days)) {
      *out = candidate;
      found = true;
    }
  }
  return found;
}

Status ParseBalance(std::string_view text, std::string_view tag, Balance* out) {
  text = Trim(text);
  if (text.empty() || (text[0] != 'C' && text[0] != 'D')) {
    return Invalid(std::string(tag) + " balance must start with C (credit) or D (debit): " +
                   Quote(text));
  }
  out->debit = text[0] == 'D';
  if (text.size() < 11) {
    return Invalid(std::string(tag) + " balance " + Quote(text) +
                   " is too short: expected mark, YYMMDD date, currency and amount");
  }
  if (!ParseSwiftDate(text.substr(1, 6), &out->date)) {
    return Invalid(std::string(tag) + " date " + Quote(text.substr(1, 6)) +
                   " is not a date (YYMMDD)");
  }
  CASHMATCH_RETURN_IF_ERROR(ParseCurrency(text.substr(7, 3), tag, &out->currency));
  return ParseSwiftAmount(text.substr(10), out->currency, std::string(tag) + " amount",
                          &out->minor);
}

Status ParseStatementLine(std::string_view text, Currency currency, StatementLine* out) {
  if (text.size() < 6 || !ParseSwiftDate(text.substr(0, 6), &out->value_date)) {
    return Invalid(":61: value date " + Quote(text.substr(0, 6)) + " is not a date (YYMMDD)");
  }
  size_t i = 6;
  out->has_entry_date = false;
  if (text.size() >= i + 4 && AllDigits(text.substr(i, 4))) {
    if (!ResolveEntryDate(text.substr(i, 4), out->value_date, &out->entry_date)) {
      return Invalid(":61: entry date " + Quote(text.substr(i, 4)) + " is not a date (MMDD)");
    }
    out->has_entry_date = true;
    i += 4;
  } else {
    // Some banks (Citi) leave the optional entry date as blanks.
    while (i < text.size() && text[i] == ' ') ++i;
  }
  out->reversal = i < text.size() && text[i] == 'R';
  if (out->reversal) ++i;
  if (i >= text.size() || (text[i] != 'C' && text[i] != 'D')) {
    return Invalid(":61: debit/credit mark must be C, D, RC or RD, found " +
                   Quote(text.substr(out->reversal ? i - 1 : i, 2)));
  }
  // RC reverses a credit (money leaves), RD a debit (money comes back).
  out->debit = (text[i] == 'D') != out->reversal;
  ++i;
  // Optional funds code: the third letter of the currency code.
  if (i < text.size() && IsUpper(text[i])) ++i;
  size_t end = i;
  while (end < text.size() && (IsDigit(text[end]) || text[end] == ',' || text[end] == '.')) ++end;
  CASHMATCH_RETURN_IF_ERROR(
      ParseSwiftAmount(text.substr(i, end - i), currency, ":61: amount", &out->minor));
  i = end;
  if (text.size() - i < 4 || !IsUpper(text[i])) {
    return Invalid(":61: transaction type (N, F or S and three characters, e.g. NTRF) missing "
                   "after the amount: " +
                   Quote(text.substr(i)));
  }
  out->type = Trim(text.substr(i, 4));
  std::string_view refs = text.substr(i + 4);
  const size_t slashes = refs.find("//");
  if (slashes == std::string_view::npos) {
    out->owner_ref = Trim(refs);
    out->bank_ref = {};
  } else {
    out->owner_ref = Trim(refs.substr(0, slashes));
    out->bank_ref = Trim(refs.substr(slashes + 2));
  }
  return Status::Ok();
}

Status ParseFloorLimit(std::string_view text, Currency* currency) {
  text = Trim(text);
  if (text.size() < 4) {
    return Invalid(":34F: floor limit " + Quote(text) + " is too short: expected currency and amount");
  }
  CASHMATCH_RETURN_IF_ERROR(ParseCurrency(text.substr(0, 3), ":34F:", currency));
  std::string_view amount = text.substr(3);
  if (!amount.empty() && (amount[0] == 'D' || amount[0] == 'C')) amount.remove_prefix(1);
  int64_t ignored;
  return ParseSwiftAmount(amount, *currency, ":34F: amount", &ignored);
}

Status ParseDateTime(std::string_view text, std::string_view tag, Date* date) {
  text = Trim(text);
  if (text.size() < 10 || !AllDigits(text.substr(0, 10)) || !ParseSwiftDate(text.substr(0, 6), date) ||
      TwoDigits(text, 6) > 23 || TwoDigits(text, 8) > 59) {
    return Invalid(std::string(tag) + " " + Quote(text) + " is not a date and time (YYMMDDHHMM)");
  }
  std::string_view zone = text.substr(10);
  if (!zone.empty() && !((zone[0] == '+' || zone[0] == '-') && zone.size() == 5 &&
                         AllDigits(zone.substr(1)))) {
    return Invalid(std::string(tag) + " time zone " + Quote(zone) + " is not +HHMM or -HHMM");
  }
  return Status::Ok();
}

Status ParseEntryTotals(std::string_view text, std::string_view tag, EntryTotals* out) {
  text = Trim(text);
  size_t i = 0;
  while (i < text.size() && IsDigit(text[i])) ++i;
  if (i == 0 || i > 5) {
    return Invalid(std::string(tag) + " " + Quote(text) +
                   " must start with the number of entries (1 to 5 digits)");
  }
  out->count = 0;
  for (size_t k = 0; k < i; ++k) out->count = out->count * 10 + static_cast<uint32_t>(text[k] - '0');
  if (text.size() < i + 4) {
    return Invalid(std::string(tag) + " " + Quote(text) + " has no currency and amount");
  }
  CASHMATCH_RETURN_IF_ERROR(ParseCurrency(text.substr(i, 3), tag, &out->currency));
  return ParseSwiftAmount(text.substr(i + 3), out->currency, std::string(tag) + " amount",
                          &out->minor);
}

std::string NormalizeAccount(std::string_view raw) {
  std::string_view s = Trim(raw);
  const size_t slash = s.find('/');
  if (slash != std::string_view::npos && slash > 0) {
    std::string_view prefix = s.substr(0, slash);
    std::string_view rest = Trim(s.substr(slash + 1));
    if (AllDigits(prefix)) return std::string(prefix) + ":" + std::string(rest);
    bool word = true;
    for (char c : prefix) word = word && (IsUpper(c) || IsDigit(c));
    if (word && !rest.empty()) s = rest;
  }
  if (s.size() > 4) {
    std::string_view code = s.substr(s.size() - 3);
    const bool letters = IsUpper(code[0]) && IsUpper(code[1]) && IsUpper(code[2]);
    if (letters && Currency::FromCode(code)) {
      std::string_view head = s.substr(0, s.size() - 3);
      // Mauritius and Seychelles IBANs end in their currency: strip only
      // when the whole is no valid IBAN and what remains has IBAN shape.
      if (head.back() == ' ') {
        s = Trim(head);
      } else if (!IsValidIban(s) && LooksLikeIban(head)) {
        s = head;
      }
    }
  }
  return std::string(s);
}

bool LooksLikeIban(std::string_view s) {
  if (s.size() < 15 || s.size() > 34) return false;
  if (!IsUpper(s[0]) || !IsUpper(s[1]) || !IsDigit(s[2]) || !IsDigit(s[3])) return false;
  for (size_t i = 4; i < s.size(); ++i) {
    if (!IsUpper(s[i]) && !IsDigit(s[i])) return false;
  }
  return true;
}

bool Mod97IsOne(std::string_view s) {
  if (s.size() < 5) return false;
  unsigned rem = 0;
  const auto feed = [&rem](char c) {
    if (IsDigit(c)) {
      rem = (rem * 10 + static_cast<unsigned>(c - '0')) % 97;
    } else if (IsUpper(c)) {
      rem = (rem * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
    } else {
      return false;
    }
    return true;
  };
  for (size_t i = 4; i < s.size(); ++i) {
    if (!feed(s[i])) return false;
  }
  for (size_t i = 0; i < 4; ++i) {
    if (!feed(s[i])) return false;
  }
  return rem == 1;
}

}  // namespace cashmatch::ingest::mt94x
