// MT940 statements and MT942 interim reports, written the ways banks write
// them. The seed picks, per file: line ends (LF or CRLF); a SWIFT FIN
// envelope, ABN-style header lines or none; the :86: dialect (German DK
// ?-sub-fields, or slash tags in ABN AMRO or ING layout); where long :86:
// text is cut (at 65 characters, mid-word, or after the last blank that
// fits); amounts with all decimals or trimmed ("2,"); funds code letters;
// how many entries a statement page holds (:60M:/:62M: between pages).
//
// What MT940 can carry back to the parser (docs/formats/mt940.md):
// amounts, direction, value date, source_ref (the bank reference after
// "//"), payer name and account, remittance text, is_return (RC/RD marks),
// and remittance lines whose reference is an RF creditor reference or, in
// the slash dialects, a single structured reference with no other text.
// Other remittance-line references are written into the text, where they
// stay findable but come back as text. Payments in other currencies than
// the first go to statements of their own.
#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bank_writers.h"

namespace cashmatch::gen {
namespace {

constexpr size_t kLineChars = 65;  // SWIFT line width for :86: text
constexpr size_t kDkPiece = 27;    // DK sub-field width

enum class Dialect { kDk, kAbn, kIng };

struct Style {
  std::string eol;
  int envelope = 0;  // 0 none, 1 SWIFT FIN, 2 ABN-style header lines
  Dialect dialect = Dialect::kDk;
  bool mid_word = true;
  bool trim_decimals = false;
  bool funds_code = false;
  bool entry_date = false;
  bool supplementary = false;
  size_t page = 1000;  // entries per statement page
};

Style PickStyle(uint64_t seed) {
  std::mt19937_64 rng(seed);
  Style s;
  s.eol = rng() % 2 ? "\r\n" : "\n";
  s.envelope = static_cast<int>(rng() % 3);
  const auto d = rng() % 3;
  s.dialect = d == 0 ? Dialect::kDk : d == 1 ? Dialect::kAbn : Dialect::kIng;
  s.mid_word = rng() % 2;
  s.trim_decimals = rng() % 2;
  s.funds_code = rng() % 4 == 0;
  s.entry_date = rng() % 2;
  s.supplementary = rng() % 3 == 0;
  s.page = 50 + rng() % 400;
  return s;
}

// Code points of UTF-8 text: cuts must not split a character.
size_t CharEnd(std::string_view s, size_t from, size_t chars) {
  size_t i = from;
  while (i < s.size() && chars > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --chars;
  }
  return i;
}

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Line ends inside a value would end the field.
std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

std::string TwoDigits(unsigned v) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02u", v % 100);
  return buf;
}

std::string Yymmdd(Date d) {
  int y;
  unsigned m, day;
  d.ToCivil(&y, &m, &day);
  return TwoDigits(static_cast<unsigned>(y % 100)) + TwoDigits(m) + TwoDigits(day);
}

std::string Mmdd(Date d) {
  int y;
  unsigned m, day;
  d.ToCivil(&y, &m, &day);
  return TwoDigits(m) + TwoDigits(day);
}

std::string Amount(int64_t minor, Currency c, bool trim) {
  const int e = c.exponent();
  std::string digits = std::to_string(minor < 0 ? -minor : minor);
  if (static_cast<int>(digits.size()) <= e) digits.insert(0, static_cast<size_t>(e + 1) - digits.size(), '0');
  std::string out = digits.substr(0, digits.size() - static_cast<size_t>(e)) + ",";
  std::string frac = digits.substr(digits.size() - static_cast<size_t>(e));
  if (trim) {
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
  }
  return out + frac;
}

std::string BalanceField(int64_t signed_minor, Date date, Currency c, bool trim) {
  return std::string(signed_minor < 0 ? "D" : "C") + Yymmdd(date) + std::string(c.code()) +
         Amount(signed_minor, c, trim);
}

bool IsIbanShaped(std::string_view s) {
  if (s.size() < 15 || s.size() > 34) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool upper = c >= 'A' && c <= 'Z', digit = c >= '0' && c <= '9';
    if (i < 2 ? !upper : i < 4 ? !digit : !(upper || digit)) return false;
  }
  return true;
}

bool ValidType(std::string_view t) {
  if (t.size() != 4 || (t[0] != 'N' && t[0] != 'F' && t[0] != 'S')) return false;
  return std::all_of(t.begin() + 1, t.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

// The remittance text with every remittance-line reference it does not
// already hold appended, so that references are never lost.
std::string TextWithReferences(const Payment& p, bool skip_single_structured) {
  std::string text = OneLine(p.remittance_text);
  if (skip_single_structured) return text;
  for (const RemittanceLine& line : p.remittance) {
    const std::string ref = OneLine(line.reference);
    if (ref.empty() || text.find(ref) != std::string::npos) continue;
    if (!text.empty()) text += ' ';
    text += ref;
  }
  return text;
}

// Some character sequence the dialect uses as structure.
bool BreaksDk(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] == '?' && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' && s[i + 2] <= '9')
      return true;
  }
  return !s.empty() && s.back() == '?';
}

class Mt94xWriter {
 public:
  Mt94xWriter(const BankWriteOptions& options, bool mt942)
      : options_(options), style_(PickStyle(options.seed)), rng_(options.seed * 7919 + 17),
        mt942_(mt942) {}

  std::string Write(std::span<const Payment> payments) {
    // One statement (or report) per currency, in order of first appearance.
    std::vector<Currency> currencies;
    for (const Payment& p : payments) {
      const Currency c = p.amount.currency.valid() ? p.amount.currency : options_.currency;
      if (std::find(currencies.begin(), currencies.end(), c) == currencies.end()) currencies.push_back(c);
    }
    if (currencies.empty()) currencies.push_back(options_.currency);
    out_.reserve(payments.size() * 420 + 512);
    if (style_.envelope == 0 && rng_() % 4 == 0) out_ += style_.eol;  // mBank starts with a blank line
    std::vector<const Payment*> group;
    for (const Currency c : currencies) {
      group.clear();
      for (const Payment& p : payments) {
        const Currency pc = p.amount.currency.valid() ? p.amount.currency : options_.currency;
        if (pc == c) group.push_back(&p);
      }
      if (mt942_) {
        WriteReport(group, c);
      } else {
        WriteStatement(group, c);
      }
    }
    return std::move(out_);
  }

 private:
  void Line(std::string_view s) {
    out_ += s;
    out_ += style_.eol;
  }

  std::string Bic() const {
    std::string bic = options_.bank_id;
    const bool letters = bic.size() >= 8 && std::all_of(bic.begin(), bic.begin() + 4, [](char c) {
                           return c >= 'A' && c <= 'Z';
                         });
    return letters ? bic.substr(0, 8) : "CASHUS33";
  }

  void OpenMessage() {
    const std::string bic = Bic();
    const std::string type = mt942_ ? "942" : "940";
    if (style_.envelope == 1) {
      Line("{1:F01" + bic + "AXXX0000000000}{2:O" + type + "1200" + Yymmdd(options_.date) + bic +
           "AXXX00000000002611201200N}{3:{108:CM" + std::to_string(++messages_) + "}}{4:");
    } else if (style_.envelope == 2) {
      Line(bic);
      Line(type);
      Line(bic);
    }
  }

  void CloseMessage() { Line(style_.envelope == 1 ? "-}{5:}" : "-"); }

  void Header(size_t page) {
    Line(":20:CM" + Yymmdd(options_.date) + std::to_string(++statements_));
    std::string account = OneLine(options_.account);
    // bunq and Rabobank write the currency after an IBAN account.
    if (IsIbanShaped(account) && rng_() % 3 == 0) account += " " + std::string(options_.currency.code());
    Line(":25:" + account);
    Line(":28C:" + std::to_string(100 + statements_ % 900) + "/" + std::to_string(page + 1));
  }

  void WriteStatement(const std::vector<const Payment*>& group, Currency c) {
    int64_t balance = static_cast<int64_t>(rng_() % 100000000);
    const size_t pages = group.empty() ? 1 : (group.size() + style_.page - 1) / style_.page;
    for (size_t page = 0; page < pages; ++page) {
      OpenMessage();
      Header(page);
      Line((page == 0 ? ":60F:" : ":60M:") + BalanceField(balance, options_.date, c, style_.trim_decimals));
      const size_t end = std::min(group.size(), (page + 1) * style_.page);
      for (size_t i = page * style_.page; i < end; ++i) {
        const Payment& p = *group[i];
        Entry(p, c);
        balance += p.direction == Direction::kDebit ? -p.amount.minor : p.amount.minor;
      }
      const bool last = page + 1 == pages;
      Line((last ? ":62F:" : ":62M:") + BalanceField(balance, options_.date, c, style_.trim_decimals));
      if (last && rng_() % 2) Line(":64:" + BalanceField(balance, options_.date, c, false));
      CloseMessage();
    }
  }

  void WriteReport(const std::vector<const Payment*>& group, Currency c) {
    OpenMessage();
    Header(0);
    if (rng_() % 2) {
      Line(":34F:" + std::string(c.code()) + "0,");
    } else {
      Line(":34F:" + std::string(c.code()) + "D0,");
      Line(":34F:" + std::string(c.code()) + "C0,");
    }
    Line(":13D:" + Yymmdd(options_.date) + "1200+0100");
    int64_t debits = 0, credits = 0;
    uint32_t ndebits = 0, ncredits = 0;
    for (const Payment* p : group) {
      Entry(*p, c);
      if (p->direction == Direction::kDebit) {
        debits += p->amount.minor;
        ++ndebits;
      } else {
        credits += p->amount.minor;
        ++ncredits;
      }
    }
    Line(":90D:" + std::to_string(ndebits) + std::string(c.code()) + Amount(debits, c, false));
    Line(":90C:" + std::to_string(ncredits) + std::string(c.code()) + Amount(credits, c, false));
    CloseMessage();
  }

  void Entry(const Payment& p, Currency c) {
    const bool debit = p.direction == Direction::kDebit;
    std::string line = ":61:" + Yymmdd(p.value_date);
    if (p.booking_date.days != 0) {
      line += Mmdd(p.booking_date);
    } else if (style_.entry_date) {
      line += Mmdd(p.value_date);
    }
    // RC reverses a credit (a debit now), RD a debit.
    line += p.is_return ? (debit ? "RC" : "RD") : (debit ? "D" : "C");
    if (style_.funds_code) line += c.code().back();
    line += Amount(p.amount.minor, c, style_.trim_decimals);
    line += ValidType(p.transaction_code) ? p.transaction_code : std::string(debit ? "NMSC" : "NTRF");
    const std::string ref = OneLine(p.source_ref);
    line += "NONREF";
    if (!ref.empty()) line += "//" + ref;
    Line(line);
    if (style_.supplementary) Line("/TRCD/" + std::string(debit ? "00200" : "00100") + "/");
    const std::string info = style_.dialect == Dialect::kDk ? Dk(p) : std::string();
    if (!info.empty()) {
      Cut(info, /*mid_word=*/true);
      return;
    }
    const std::string tags = Slash(p, style_.dialect == Dialect::kIng);
    if (!tags.empty()) Cut(tags, style_.mid_word);
  }

  // Writes ":86:" + text over lines of 65 characters, cut anywhere
  // (mid-word) or after the last blank that fits (kept at the line end,
  // which tells the reader the break is between words).
  void Cut(std::string_view text, bool mid_word) {
    size_t i = 0;
    bool first = true;
    while (i < text.size()) {
      size_t end = CharEnd(text, i, kLineChars);
      if (!mid_word && end < text.size()) {
        const size_t blank = text.substr(i, end - i).rfind(' ');
        if (blank != std::string_view::npos && blank > 0) end = i + blank + 1;
      }
      // A line that would start like a tag, a terminator or an envelope
      // is cut later.
      while (end < text.size() &&
             (text[end] == ':' || text[end] == '-' || text[end] == '{' || text[end] == '}')) {
        end = CharEnd(text, end, 1);
      }
      const std::string_view piece = text.substr(i, end - i);
      out_ += first ? ":86:" : "";
      out_ += piece;
      out_ += style_.eol;
      first = false;
      i = end;
    }
  }

  // German DK: GV code, ?00 posting text, ?20-?29 / ?60-?63 SEPA keywords
  // each starting a sub-field, ?30 BIC or bank code, ?31 account, ?32-?33
  // name. Empty when the payment does not fit (the caller then writes
  // slash tags for it).
  std::string Dk(const Payment& p) {
    const std::string name = OneLine(p.payer_name);
    const std::string account = OneLine(p.payer_account);
    const std::string text = TextWithReferences(p, false);
    const std::string trace = p.source_ref.empty() ? std::string() : OneLine(p.trace_number);
    if (CharCount(name) > 2 * kDkPiece || BreaksDk(name) || BreaksDk(account) || BreaksDk(text) ||
        BreaksDk(trace)) {
      return {};
    }
    std::vector<std::string> pieces;
    const auto add = [&pieces](std::string_view s) {
      for (size_t i = 0; i < s.size();) {
        const size_t end = CharEnd(s, i, kDkPiece);
        pieces.emplace_back(s.substr(i, end - i));
        i = end;
      }
    };
    if (!trace.empty()) add("EREF+" + trace);
    if (!text.empty()) add("SVWZ+" + text);
    if (pieces.size() > 14) return {};
    const bool debit = p.direction == Direction::kDebit;
    std::string s = p.is_return ? (debit ? "109" : "159") : (debit ? "116" : "166");
    s += debit ? "?00SEPA-UEBERWEISUNG" : "?00SEPA-GUTSCHRIFT";
    s += "?10" + std::to_string(1000 + rng_() % 9000);
    for (size_t k = 0; k < pieces.size(); ++k) {
      const size_t code = k < 10 ? 20 + k : 60 + (k - 10);
      s += "?" + std::to_string(code) + pieces[k];
    }
    const size_t colon = account.find(':');
    if (IsIbanShaped(account)) {
      s += "?30" + Bic() + "?31" + account;
    } else if (colon != std::string::npos && colon > 0) {
      s += "?30" + account.substr(0, colon) + "?31" + account.substr(colon + 1);
    } else if (!account.empty()) {
      s += "?31" + account;
    }
    if (!name.empty()) {
      const size_t cut = CharEnd(name, 0, kDkPiece);
      s += "?32" + name.substr(0, cut);
      if (cut < name.size()) s += "?33" + name.substr(cut);
    }
    return s;
  }

  // ABN AMRO: /TRTP/../IBAN/../BIC/../NAME/../REMI/../EREF/..
  // ING: /EREF/..//CNTP/account/bic/name/city///REMI/USTD//text/
  std::string Slash(const Payment& p, bool ing) {
    const std::string name = OneLine(p.payer_name);
    const std::string account = OneLine(p.payer_account);
    const std::string trace = p.source_ref.empty() ? std::string() : OneLine(p.trace_number);
    const bool structured = p.remittance.size() == 1 && p.remittance_text.empty() &&
                            !p.remittance.front().reference.empty();
    const std::string text = TextWithReferences(p, structured);
    const std::string ref = structured ? OneLine(p.remittance.front().reference) : std::string();
    if (ing && name.find('/') == std::string::npos && account.find('/') == std::string::npos) {
      std::string s;
      if (!trace.empty()) s += "/EREF/" + trace + "/";
      if (!account.empty() || !name.empty()) s += "/CNTP/" + account + "/" + Bic() + "/" + name + "//";
      if (structured) {
        s += "/REMI/STRD/CUR/" + ref + "/";
      } else if (!text.empty()) {
        s += "/REMI/USTD//" + text + "/";
      }
      return s;
    }
    std::string s = p.direction == Direction::kDebit ? "/TRTP/SEPA OVERBOEKING" : "/TRTP/SEPA CREDIT TRANSFER";
    if (!account.empty()) s += "/IBAN/" + account + "/BIC/" + Bic();
    if (!name.empty()) s += "/NAME/" + name;
    if (structured) {
      s += "/REMI/CDTRREFTP//CD/SCOR/ISSR/CUR/CDTRREF/" + ref + "/";
    } else if (!text.empty()) {
      s += "/REMI/" + text;
    }
    if (!trace.empty()) s += "/EREF/" + trace;
    return s;
  }

  const BankWriteOptions& options_;
  Style style_;
  std::mt19937_64 rng_;
  bool mt942_;
  std::string out_;
  uint64_t messages_ = 0;
  uint64_t statements_ = 0;
};

}  // namespace

std::string WriteMt940(std::span<const Payment> payments, const BankWriteOptions& options) {
  return Mt94xWriter(options, /*mt942=*/false).Write(payments);
}

std::string WriteMt942(std::span<const Payment> payments, const BankWriteOptions& options) {
  return Mt94xWriter(options, /*mt942=*/true).Write(payments);
}

}  // namespace cashmatch::gen
