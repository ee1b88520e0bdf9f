// NACHA ACH files as an RDFI delivers the day's incoming entries to its
// customer: one batch per originator (consecutive payments with the same
// payer, kind and dates share one), CCD for payments without structured
// remittance (CCD+ with one or more 05 addenda when they carry text), CTX
// with an X12 820 cut over 80-character 05 addenda for payments with
// remittance lines, and returns (is_return) as entries with return codes
// and a 99 addenda. Control totals, entry hashes and blocking always add up.
//
// What a NACHA file cannot carry, and so does not come back: payer names
// past 16 characters in CCD batches (the batch company name; CTX keeps the
// full name in N1*PR), account numbers past 17 characters, amounts of ten
// billion cents or more (such payments are left out), the payer account of
// a CCD payment, and return text past 44 characters.
#include <algorithm>
#include <cstdio>
#include <string>

#include "bank_writers.h"
#include "x12_820_text.h"

namespace cashmatch::gen {
namespace {

using x12text::Rng;
using x12text::Utf8Prefix;

constexpr int64_t kMaxAmount = 9'999'999'999;  // ten digits of cents

// A fixed-width record assembled field by field.
class Record {
 public:
  explicit Record(char type) { s_.push_back(type); }
  // Left-aligned, blank-padded text; cut at the field width.
  Record& Text(std::string_view v, size_t width) {
    const std::string_view cut = Utf8Prefix(v, width);
    s_.append(cut);
    // Multi-byte characters take more bytes than they show; the record is
    // 94 bytes, so the padding counts bytes.
    s_.append(width - cut.size(), ' ');
    return *this;
  }
  // Right-aligned, zero-padded number; keeps the low digits.
  Record& Num(uint64_t v, size_t width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*llu", static_cast<int>(width),
                  static_cast<unsigned long long>(v));
    std::string_view d(buf);
    s_.append(d.substr(d.size() - width));
    return *this;
  }
  const std::string& str() const { return s_; }

 private:
  std::string s_;
};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Yymmdd(Date d) {
  int y;
  unsigned m, day;
  d.ToCivil(&y, &m, &day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02u%02u", ((y % 100) + 100) % 100, m, day);
  return buf;
}

unsigned DayOfYear(Date d) {
  int y;
  unsigned m, day;
  d.ToCivil(&y, &m, &day);
  return static_cast<unsigned>(d.days - Date::FromCivil(y, 1, 1).days + 1);
}

// "ROUTING:ACCOUNT" split; routing must be nine digits.
bool SplitAccount(std::string_view both, std::string_view* routing, std::string_view* account) {
  const size_t colon = both.find(':');
  if (colon == std::string_view::npos) return false;
  *routing = both.substr(0, colon);
  *account = both.substr(colon + 1);
  return routing->size() == 9 && AllDigits(*routing) && !account->empty();
}

uint64_t NameHash(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

enum class Kind { kCcd, kCtx, kReturn };

Kind KindOf(const Payment& p) {
  if (p.is_return) return Kind::kReturn;
  return p.remittance.empty() ? Kind::kCcd : Kind::kCtx;
}

class NachaWriter {
 public:
  explicit NachaWriter(const BankWriteOptions& o) : o_(o), rng_(o.seed) {
    const uint64_t e = rng_.Below(100);
    eol_ = e < 70 ? "\n" : e < 90 ? "\r\n" : "";
    filler_ = rng_.Percent(80);
  }

  std::string Write(std::span<const Payment> payments);

 private:
  void Put(const std::string& record) {
    out_.append(record);
    out_.append(eol_);
    ++records_;
  }
  void Batch(std::span<const Payment> batch, Kind kind);
  void Entry(const Payment& p, Kind kind, std::string_view trace);
  std::string Trace(const Payment& p);

  const BankWriteOptions& o_;
  Rng rng_;
  std::string eol_;
  bool filler_ = true;
  std::string out_;
  uint64_t records_ = 0;
  uint64_t batch_number_ = 0;
  uint64_t trace_seq_ = 0;
  // Running totals: of the batch being written, then of the file.
  uint64_t b_count_ = 0, b_hash_ = 0, f_count_ = 0, f_hash_ = 0, batches_ = 0;
  int64_t b_debit_ = 0, b_credit_ = 0, f_debit_ = 0, f_credit_ = 0;
  std::string odfi_ = "09100001";
};

std::string NachaWriter::Trace(const Payment& p) {
  if (p.trace_number.size() == 15 && AllDigits(p.trace_number)) return p.trace_number;
  if (p.source_ref.size() == 15 && AllDigits(p.source_ref)) return p.source_ref;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%07llu", odfi_.c_str(),
                static_cast<unsigned long long>(++trace_seq_ % 10000000));
  return buf;
}

void NachaWriter::Entry(const Payment& p, Kind kind, std::string_view trace) {
  std::string_view routing = std::string_view(o_.bank_id).substr(0, 9);
  std::string_view account = o_.account;
  if (kind == Kind::kReturn) {
    SplitAccount(p.payer_account, &routing, &account);
  } else {
    SplitAccount(p.account, &routing, &account);
  }
  if (routing.size() < 9) routing = "121000248";
  const bool credit = p.direction == Direction::kCredit;
  const int code = kind == Kind::kReturn ? (credit ? 21 : 26) : (credit ? 22 : 27);
  uint64_t rdfi = 0;
  for (char c : routing.substr(0, 8)) rdfi = rdfi * 10 + static_cast<uint64_t>(c - '0');

  // The addenda: 05 text pieces, the 820 of a CTX, or the return's 99.
  std::vector<std::string> addenda;
  std::string x12;
  if (kind == Kind::kCtx) {
    x12text::Style style = x12text::PickStyle(rng_, false);
    x12text::Writer w(style);
    const uint64_t envelope = rng_.Below(3);  // full ISA..IEA, ST..SE, or bare segments
    x12text::Remittance r;
    r.amount = p.amount;
    r.trace = trace;
    r.payer_name = p.payer_name;
    r.payer_account = p.payer_account;
    r.payee_name = o_.company_name;
    r.our_routing = routing;
    r.our_account = account;
    const std::string company_id = "1" + std::to_string(NameHash(p.payer_name) % 1000000000);
    r.company_id = company_id;
    r.lines = p.remittance;
    r.text = p.remittance_text;
    r.text_mid_word = rng_.Percent(50);
    r.date = p.value_date;
    if (envelope == 0) {
      w.Isa("SENDER", "RECEIVER", o_.date, batch_number_);
      w.Seg("GS", {"RA", "SENDER", "RECEIVER", "20000101", "0800", "1", "X", "004010"});
    }
    x12text::WriteSet(w, r, 1);
    if (envelope == 0) {
      w.Seg("GE", {"1", "1"});
      w.Seg("IEA", {"1", std::to_string(1000000000 + batch_number_).substr(1)});
    }
    x12 = std::move(w.text());
    if (envelope == 2) {
      // Bare segments: drop ST and SE, as some originators send them.
      const size_t st_end = x12.find(style.segment) + 1;
      const size_t se = x12.rfind("SE" + std::string(1, style.element));
      x12 = x12.substr(st_end, se - st_end);
    }
    for (size_t at = 0; at < x12.size(); at += 80) addenda.push_back(x12.substr(at, 80));
  } else if (kind == Kind::kCcd) {
    for (std::string_view piece : x12text::SplitText(p.remittance_text, 80, rng_.Percent(50))) {
      addenda.emplace_back(piece);
    }
  }
  const std::string_view name = kind == Kind::kReturn ? std::string_view(p.payer_name)
                                                      : std::string_view(o_.company_name);
  Record e('6');
  e.Num(static_cast<uint64_t>(code), 2).Text(routing, 9).Text(account, 17)
      .Num(static_cast<uint64_t>(p.amount.minor), 10);
  const bool has_addenda = kind == Kind::kReturn || !addenda.empty();
  if (kind == Kind::kCtx) {
    e.Text("", 15).Num(addenda.size(), 4).Text(name, 16).Text("", 4);
  } else {
    e.Text(rng_.Percent(30) ? std::string_view(trace).substr(8) : "", 15).Text(name, 22).Text("", 2);
  }
  e.Text(has_addenda ? "1" : "0", 1).Text(trace, 15);
  Put(e.str());
  ++b_count_;
  b_hash_ += rdfi;
  (code % 10 <= 4 ? b_credit_ : b_debit_) += p.amount.minor;
  const std::string_view seq7 = trace.substr(8);
  for (size_t i = 0; i < addenda.size(); ++i) {
    Record a('7');
    a.Text("05", 2).Text(addenda[i], 80).Num(i + 1, 4).Text(seq7, 7);
    Put(a.str());
    ++b_count_;
  }
  if (kind == Kind::kReturn) {
    Record a('7');
    a.Text("99", 2).Text(p.return_reason, 3).Text(p.original_ref, 15).Text("", 6)
        .Text(routing.substr(0, 8), 8).Text(p.remittance_text, 44).Text(trace, 15);
    Put(a.str());
    ++b_count_;
  }
}

void NachaWriter::Batch(std::span<const Payment> batch, Kind kind) {
  const Payment& first = batch.front();
  ++batch_number_;
  b_count_ = b_hash_ = 0;
  b_debit_ = b_credit_ = 0;
  const std::string company_id = "1" + std::to_string(NameHash(first.payer_name) % 1000000000);
  const std::string_view sec = kind == Kind::kCtx ? "CTX" : kind == Kind::kReturn ? "PPD" : "CCD";
  const std::string_view company =
      kind == Kind::kReturn ? std::string_view(o_.company_name) : std::string_view(first.payer_name);
  const bool settled = first.booking_date != Date{};
  Record h('5');
  h.Text("200", 3).Text(company, 16).Text("", 20).Text(company_id, 10).Text(sec, 3)
      .Text(kind == Kind::kReturn ? "RETURN" : "PAYMENT", 10).Text("", 6)
      .Text(Yymmdd(first.value_date), 6);
  if (settled) {
    h.Num(DayOfYear(first.booking_date), 3);
  } else {
    h.Text("", 3);
  }
  h.Text("1", 1).Text(odfi_, 8).Num(batch_number_, 7);
  Put(h.str());
  for (const Payment& p : batch) {
    if (p.amount.minor <= 0 || p.amount.minor > kMaxAmount) continue;
    Entry(p, kind, Trace(p));
  }
  Record c('8');
  c.Text("200", 3).Num(b_count_, 6).Num(b_hash_ % 10000000000ULL, 10)
      .Num(static_cast<uint64_t>(b_debit_), 12).Num(static_cast<uint64_t>(b_credit_), 12)
      .Text(company_id, 10).Text("", 19).Text("", 6).Text(odfi_, 8).Num(batch_number_, 7);
  Put(c.str());
  ++batches_;
  f_count_ += b_count_;
  f_hash_ += b_hash_;
  f_debit_ += b_debit_;
  f_credit_ += b_credit_;
}

std::string NachaWriter::Write(std::span<const Payment> payments) {
  out_.reserve(payments.size() * 300 + 1024);
  Record h('1');
  h.Text("01", 2).Text(" " + o_.bank_id.substr(0, 9), 10).Text("1" + odfi_ + "0", 10)
      .Text(Yymmdd(o_.date), 6).Text("0800", 4).Text("A", 1).Text("094101", 6)
      .Text(o_.bank_name, 23).Text(o_.company_name, 23).Text("", 8);
  Put(h.str());
  // Consecutive payments from the same originator, of the same kind and
  // dates, share a batch (as an RDFI's incoming file groups them).
  size_t i = 0;
  while (i < payments.size()) {
    const Payment& a = payments[i];
    const Kind kind = KindOf(a);
    size_t j = i + 1;
    while (j < payments.size() && j - i < 500) {
      const Payment& b = payments[j];
      if (KindOf(b) != kind || b.value_date != a.value_date || b.booking_date != a.booking_date ||
          (kind != Kind::kReturn && b.payer_name != a.payer_name)) {
        break;
      }
      ++j;
    }
    Batch(payments.subspan(i, j - i), kind);
    i = j;
  }
  const uint64_t with_control = records_ + 1;
  const uint64_t blocks = (with_control + 9) / 10;
  Record c('9');
  c.Num(batches_, 6).Num(blocks, 6).Num(f_count_, 8).Num(f_hash_ % 10000000000ULL, 10)
      .Num(static_cast<uint64_t>(f_debit_), 12).Num(static_cast<uint64_t>(f_credit_), 12)
      .Text("", 39);
  Put(c.str());
  if (filler_) {
    while (records_ % 10 != 0) Put(std::string(94, '9'));
  }
  return std::move(out_);
}

}  // namespace

std::string WriteNacha(std::span<const Payment> payments, const BankWriteOptions& options) {
  NachaWriter writer(options);
  return writer.Write(payments);
}

}  // namespace cashmatch::gen
