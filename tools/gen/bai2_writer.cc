// BAI2 files as US and UK banks write them. The seed varies what banks
// vary: how the text of a 16 record is worded (ACH "ORIG CO NAME:" style,
// wire "B/O:" style, Goldman Sachs tagged 88 records), where long text is
// broken over 88 records (at a word, or mid-word at the 80th column),
// whether the 01 record declares its record length, '/' after text, LF or
// CRLF, and the funds type of 16 records. One group; one account per
// currency, in order of first appearance. Control totals follow the BAI2
// rule (every 03 and 16 amount). See docs/formats/bai2.md.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bank_writers.h"

namespace cashmatch::gen {
namespace {

constexpr size_t kWidth = 80;

// splitmix64: small, fast and the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
  bool Percent(uint64_t p) { return Below(100) < p; }

 private:
  uint64_t s_;
};

std::string Yymmdd(Date d) {
  int y;
  unsigned m, day;
  d.ToCivil(&y, &m, &day);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d%02u%02u", y % 100, m, day);
  return buf;
}

// BAI2 fields cannot hold the delimiters; text cannot hold line breaks.
std::string FieldSafe(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == ',' || c == '/' || static_cast<unsigned char>(c) < 0x20 ? '-' : c);
  return out;
}
std::string TextSafe(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c);
  return out;
}

bool IsBai2Code(std::string_view code, bool credit) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  const int v = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  return credit ? (v >= 100 && v <= 399) : (v >= 400 && v <= 699);
}

std::string TypeCode(const Payment& p, Rng& rng) {
  const bool credit = p.direction == Direction::kCredit;
  if (IsBai2Code(p.transaction_code, credit)) return p.transaction_code;
  if (p.is_return) return credit ? "257" : "555";
  static constexpr const char* kCredits[] = {"142", "165", "195", "175", "115", "206"};
  static constexpr const char* kDebits[] = {"451", "495", "475", "455"};
  return credit ? kCredits[rng.Below(6)] : kDebits[rng.Below(4)];
}

class Writer {
 public:
  Writer(const BankWriteOptions& o) : o_(o), rng_(o.seed) {
    crlf_ = rng_.Percent(30);
    declare_width_ = rng_.Percent(50);
    mid_word_ = rng_.Percent(50);
    slash_after_text_ = rng_.Percent(50);
  }

  std::string Write(std::span<const Payment> payments);

 private:
  void Line(std::string_view s) {
    out_.append(s);
    out_.append(crlf_ ? "\r\n" : "\n");
  }
  // Writes `text` as the end of `first` (a 16 line up to and including the
  // comma before its text) and as many 88 lines as it needs, each at most
  // kWidth bytes. Returns the number of 88 lines.
  uint64_t Wrapped(std::string first, std::string_view text, bool slash);
  uint64_t Detail(const Payment& p, Currency currency);

  const BankWriteOptions& o_;
  Rng rng_;
  bool crlf_;
  bool declare_width_;
  bool mid_word_;
  bool slash_after_text_;
  std::string out_;
};

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool EndsInSlash(std::string_view s) {
  const size_t last = s.find_last_not_of(' ');
  return last != std::string_view::npos && s[last] == '/';
}

uint64_t Writer::Wrapped(std::string line, std::string_view text, bool slash) {
  uint64_t continuations = 0;
  while (true) {
    // Text that ends in '/' gets the terminating '/' after it, or the
    // reader would take its own for the terminator.
    const std::string_view trimmed = text.substr(0, text.find_last_not_of(' ') + 1);
    if (!trimmed.empty() && trimmed.back() == '/') slash = true;
    // The last line stays short of the full width, so that the reader does
    // not take its end for a mid-word break.
    if (line.size() + text.size() + (slash ? 1 : 0) < kWidth) {
      line.append(text);
      if (slash) line.push_back('/');
      Line(line);
      return continuations;
    }
    // Here the text (with its '/') does not fit short of the full width.
    const size_t room =
        std::min(text.size(), line.size() < kWidth ? kWidth - line.size() : size_t{0});
    size_t cut = 0;
    size_t resume = 0;
    if (room >= 2) {
      // At a word, the line stays below the full width (the reader adds
      // the space back); mid-word, or for a word longer than a line, it
      // fills the width exactly (the reader joins without a space).
      // A character is never split: where the full width falls inside one,
      // the line breaks at a word after all.
      // Nor may a line end in a '/' of the text: the reader would drop it
      // as the record's terminator.
      const bool whole_char = room == text.size() || !IsUtf8Continuation(text[room]);
      const bool mid_word = mid_word_ && whole_char && text[room - 1] != '/';
      size_t blank = mid_word ? std::string_view::npos : text.find_last_of(' ', room - 1);
      while (blank != std::string_view::npos && blank > 0 && EndsInSlash(text.substr(0, blank))) {
        blank = text.find_last_of(' ', blank - 1);
      }
      if (blank != std::string_view::npos && blank > 0) {
        cut = blank;
        resume = blank + 1;
      } else {
        cut = room;
        while (cut > 0 && cut < text.size() && IsUtf8Continuation(text[cut])) --cut;
        resume = cut;
      }
    }
    // With no room (long fixed fields) the line ends here, text to follow.
    line.append(text.substr(0, cut));
    Line(line);
    text.remove_prefix(resume);
    line = "88,";
    ++continuations;
  }
}

uint64_t Writer::Detail(const Payment& p, Currency currency) {
  const bool credit = p.direction == Direction::kCredit;
  const std::string type = TypeCode(p, rng_);
  std::string line = "16," + type + "," + std::to_string(p.amount.minor) + ",";
  const Date as_of = o_.date;
  if (p.value_date != as_of && p.value_date.days != 0) {
    line += "V," + Yymmdd(p.value_date) + ",,";
  } else {
    switch (rng_.Below(5)) {
      case 0: line += "0,"; break;
      case 1: line += "Z,"; break;
      case 2: line += "S," + std::to_string(p.amount.minor) + ",0,0,"; break;
      default: line += ","; break;
    }
  }
  const std::string ref = FieldSafe(p.source_ref);
  const std::string customer_ref = FieldSafe(p.trace_number);
  line += ref + "," + customer_ref + ",";

  const std::string name = TextSafe(p.payer_name);
  std::string routing;
  std::string account = TextSafe(p.payer_account);
  if (const size_t colon = account.find(':'); colon != std::string::npos) {
    routing = account.substr(0, colon);
    account = account.substr(colon + 1);
  }
  const std::string text = TextSafe(p.remittance_text);
  std::vector<std::string> segments;  // each starts a new 88
  std::string head;
  const uint64_t dialect = rng_.Below(3);
  if (dialect == 0) {
    // ACH, as most US banks word it.
    if (!name.empty()) head += "ORIG CO NAME:" + name + " ";
    if (!p.payer_account.empty()) head += "ORIG ID:" + TextSafe(p.payer_account) + " ";
    head += "DESC DATE:" + Yymmdd(as_of) + " CO ENTRY DESCR:PAYMENT SEC:CCD ";
    if (!p.trace_number.empty()) head += "TRACE#:" + TextSafe(p.trace_number) + " ";
    head += "EED:" + Yymmdd(as_of) + " IND NAME:" + TextSafe(o_.company_name);
    if (!text.empty()) head += " ADDENDA:" + text;
  } else if (dialect == 1) {
    // A wire: by order of, then the originator-to-beneficiary text.
    head = credit ? "WIRE TRANSFER CREDIT" : "WIRE TRANSFER DEBIT";
    if (!name.empty() || !p.payer_account.empty()) {
      head += " B/O:";
      if (!p.payer_account.empty()) head += " /" + TextSafe(p.payer_account);
      if (!name.empty()) head += " " + name;
    }
    if (!text.empty()) head += " OBI:" + text;
    if (!p.trace_number.empty()) segments.push_back("TRACE#:" + TextSafe(p.trace_number));
  } else {
    // Goldman Sachs: a summary in the 16, tagged details in 88 records.
    head = credit ? "Incoming Payment" : "Outgoing Payment";
    head += ",From: " + (name.empty() || name.find(',') != std::string::npos ? "-" : name);
    head += ", Client Ref ID: " + (customer_ref.empty() ? std::string("-") : customer_ref);
    head += ", GS ID: " + ref;
    if (!text.empty()) segments.push_back("REMI: " + text);
    if (!ref.empty()) segments.push_back("EREF: " + ref);
    if (!name.empty()) segments.push_back("DBNM: " + name);
    if (!account.empty()) segments.push_back("DACT: " + account);
    if (!routing.empty()) segments.push_back("DABA: " + routing);
    if (!p.trace_number.empty()) segments.push_back("TRACE#:" + TextSafe(p.trace_number));
  }
  if (p.is_return && !p.return_reason.empty()) {
    segments.push_back("Reason: \"" + TextSafe(p.return_reason) + "\"");
  }
  for (const RemittanceLine& rl : p.remittance) {
    const int e = currency.exponent();
    std::string rmr = "RMR*IV*" + TextSafe(rl.reference) + "**";
    if (rl.paid) rmr += FormatMinorUnits(rl.paid->minor, e);
    rmr += "*";
    if (rl.invoice_amount) rmr += FormatMinorUnits(rl.invoice_amount->minor, e);
    rmr += "*";
    if (rl.discount) rmr += FormatMinorUnits(rl.discount->minor, e);
    rmr += "\\";
    segments.push_back(std::move(rmr));
  }
  uint64_t records = 1;
  const bool slash = slash_after_text_;
  records += Wrapped(std::move(line), head, slash && segments.empty());
  for (size_t i = 0; i < segments.size(); ++i) {
    records += 1 + Wrapped("88,", segments[i], slash && i + 1 == segments.size());
  }
  return records;
}

std::string Writer::Write(std::span<const Payment> payments) {
  // One account per currency, in order of first appearance.
  std::vector<Currency> currencies;
  for (const Payment& p : payments) {
    Currency c = p.amount.currency.valid() ? p.amount.currency : o_.currency;
    bool seen = false;
    for (Currency k : currencies) seen = seen || k == c;
    if (!seen) currencies.push_back(c);
  }
  if (currencies.empty()) currencies.push_back(o_.currency);

  out_.reserve(payments.size() * 400 + 1024);
  const std::string bank = FieldSafe(o_.bank_id);
  const std::string account = FieldSafe(o_.account);
  Line("01," + bank + ",CASHMATCH," + Yymmdd(o_.date) + ",0600," + std::to_string(o_.seed % 1000) +
       "," + (declare_width_ ? "80" : "") + ",,2/");
  Line("02,CASHMATCH," + bank + ",1," + Yymmdd(o_.date) + ",2400," +
       std::string(o_.currency.code()) + ",2/");
  uint64_t group_records = 2;  // 02 and 98
  int64_t group_total = 0;
  for (Currency c : currencies) {
    int64_t credits = 0, debits = 0;
    uint64_t n_credits = 0, n_debits = 0;
    for (const Payment& p : payments) {
      Currency pc = p.amount.currency.valid() ? p.amount.currency : o_.currency;
      if (pc != c) continue;
      if (p.direction == Direction::kCredit) {
        credits += p.amount.minor;
        ++n_credits;
      } else {
        debits += p.amount.minor;
        ++n_debits;
      }
    }
    const int64_t opening = static_cast<int64_t>(rng_.Below(100000000));
    const int64_t closing = opening + credits - debits;
    Line("03," + account + "," + std::string(c.code()) + ",010," + std::to_string(opening) +
         ",,,015," + std::to_string(closing) + ",,,100," + std::to_string(credits) + "," +
         std::to_string(n_credits) + ",,400," + std::to_string(debits) + "," +
         std::to_string(n_debits) + ",/");
    int64_t total = opening + closing + credits + debits;
    uint64_t records = 2;  // 03 and 49
    for (const Payment& p : payments) {
      Currency pc = p.amount.currency.valid() ? p.amount.currency : o_.currency;
      if (pc != c) continue;
      records += Detail(p, c);
      total += p.amount.minor;
    }
    Line("49," + std::to_string(total) + "," + std::to_string(records) + "/");
    group_records += records;
    group_total += total;
  }
  Line("98," + std::to_string(group_total) + "," + std::to_string(currencies.size()) + "," +
       std::to_string(group_records) + "/");
  Line("99," + std::to_string(group_total) + ",1," + std::to_string(group_records + 2) + "/");
  return std::move(out_);
}

}  // namespace

std::string WriteBai2(std::span<const Payment> payments, const BankWriteOptions& options) {
  Writer w(options);
  return w.Write(payments);
}

}  // namespace cashmatch::gen
