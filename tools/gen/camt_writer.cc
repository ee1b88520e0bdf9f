// ISO 20022 camt.052 / camt.053 / camt.054 writer, pretty-printed the way
// banks send them. The seed varies what banks vary: indentation (spaces,
// tabs or none), line ends, a namespace prefix, amounts with or without
// trailing zeros, where the reference sits (TxDtls AcctSvcrRef, EndToEndId
// or the entry's AcctSvcrRef), batch entries of several TxDtls, remittance
// text broken at words or mid-word at the 140-character field width, text in
// AddtlTxInf instead of Ustrd, DtTm instead of Dt, and whether a transaction
// summary is given. Balances and totals always add up.
#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bank_writers.h"

namespace cashmatch::gen {
namespace {

constexpr size_t kFieldWidth = 140;  // Max140Text

struct Style {
  std::string indent;  // one level; empty: the whole document on one line
  std::string_view eol;
  std::string prefix;  // "ns2:" or ""
  bool trim_zeros = false;
};

class Xml {
 public:
  Xml(std::string* out, const Style& style) : out_(out), style_(style) {}

  void Open(std::string_view name, std::string_view attrs = {}) {
    Indent();
    *out_ += '<';
    Name(name);
    if (!attrs.empty()) {
      *out_ += ' ';
      *out_ += attrs;
    }
    *out_ += '>';
    Eol();
    ++depth_;
  }
  void Close(std::string_view name) {
    --depth_;
    Indent();
    *out_ += "</";
    Name(name);
    *out_ += '>';
    Eol();
  }
  void Leaf(std::string_view name, std::string_view text) {
    Indent();
    *out_ += '<';
    Name(name);
    *out_ += '>';
    Escape(text);
    *out_ += "</";
    Name(name);
    *out_ += '>';
    Eol();
  }
  void Amount(std::string_view name, int64_t minor, Currency c) {
    Indent();
    *out_ += '<';
    Name(name);
    *out_ += " Ccy=\"";
    *out_ += c.code();
    *out_ += "\">";
    *out_ += Decimal(minor < 0 ? -minor : minor, c);
    *out_ += "</";
    Name(name);
    *out_ += '>';
    Eol();
  }
  std::string Decimal(int64_t minor, Currency c) const {
    std::string s = FormatMinorUnits(minor, c.exponent());
    if (style_.trim_zeros && s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    return s;
  }

 private:
  void Indent() {
    for (int i = 0; i < depth_; ++i) *out_ += style_.indent;
  }
  void Eol() {
    if (!style_.indent.empty()) *out_ += style_.eol;
  }
  void Name(std::string_view name) {
    *out_ += style_.prefix;
    *out_ += name;
  }
  void Escape(std::string_view text) {
    for (char c : text) {
      switch (c) {
        case '&':
          *out_ += "&amp;";
          break;
        case '<':
          *out_ += "&lt;";
          break;
        case '>':
          *out_ += "&gt;";
          break;
        default:
          *out_ += c;
      }
    }
  }

  std::string* out_;
  const Style& style_;
  int depth_ = 0;
};

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte length of the first `chars` code points of `s` (all of it if shorter).
size_t BytesOf(std::string_view s, size_t chars) {
  size_t i = 0;
  for (size_t n = 0; i < s.size() && n < chars; ++n) {
    ++i;
    while (i < s.size() && IsContinuation(s[i])) ++i;
  }
  return i;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !IsContinuation(c);
  return n;
}

// Splits text into Ustrd pieces the two ways banks do: at a word, dropping
// the blank (every piece then shorter than the field), or exactly at the
// field width wherever it falls.
std::vector<std::string_view> SplitText(std::string_view text, bool mid_word) {
  std::vector<std::string_view> pieces;
  while (!text.empty()) {
    if (CodePoints(text) <= kFieldWidth - (mid_word ? 0 : 1)) {
      pieces.push_back(text);
      break;
    }
    size_t cut = BytesOf(text, kFieldWidth);
    if (!mid_word) {
      size_t limit = BytesOf(text, kFieldWidth - 1);
      size_t space = text.substr(0, limit + 1).rfind(' ');
      if (space != std::string_view::npos && space > 0) {
        pieces.push_back(text.substr(0, space));
        text.remove_prefix(space + 1);
        continue;
      }
    }
    pieces.push_back(text.substr(0, cut));
    text.remove_prefix(cut);
  }
  return pieces;
}

bool LooksLikeIban(std::string_view s) {
  if (s.size() < 15 || s.size() > 34) return false;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!upper(s[0]) || !upper(s[1]) || !digit(s[2]) || !digit(s[3])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return upper(c) || digit(c); });
}

void WriteAccountId(Xml& x, std::string_view account) {
  x.Open("Id");
  if (LooksLikeIban(account)) {
    x.Leaf("IBAN", account);
  } else {
    x.Open("Othr");
    x.Leaf("Id", account);
    x.Close("Othr");
  }
  x.Close("Id");
}

void WriteBankTxCode(Xml& x, std::string_view code, Direction d) {
  if (code.empty()) code = d == Direction::kCredit ? "PMNT/RCDT/ESCT" : "PMNT/ICDT/ESCT";
  x.Open("BkTxCd");
  size_t a = code.find('/');
  size_t b = a == std::string_view::npos ? a : code.find('/', a + 1);
  if (b != std::string_view::npos && code.find('/', b + 1) == std::string_view::npos) {
    x.Open("Domn");
    x.Leaf("Cd", code.substr(0, a));
    x.Open("Fmly");
    x.Leaf("Cd", code.substr(a + 1, b - a - 1));
    x.Leaf("SubFmlyCd", code.substr(b + 1));
    x.Close("Fmly");
    x.Close("Domn");
  } else {
    x.Open("Prtry");
    x.Leaf("Cd", code);
    x.Close("Prtry");
  }
  x.Close("BkTxCd");
}

void WriteDate(Xml& x, std::string_view name, Date d, bool as_time) {
  x.Open(name);
  if (as_time) {
    x.Leaf("DtTm", FormatDate(d) + "T09:30:00+01:00");
  } else {
    x.Leaf("Dt", FormatDate(d));
  }
  x.Close(name);
}

class CamtWriter {
 public:
  CamtWriter(const BankWriteOptions& options, int kind, int version, std::string* out)
      : options_(options), kind_(kind), version_(version), rng_(options.seed), out_(out) {
    switch (rng_() % 4) {
      case 0:
        style_.indent = "  ";
        break;
      case 1:
        style_.indent = "    ";
        break;
      case 2:
        style_.indent = "\t";
        break;
      default:
        style_.indent = rng_() % 3 == 0 ? "" : "  ";
        break;
    }
    style_.eol = rng_() % 4 == 0 ? "\r\n" : "\n";
    style_.prefix = rng_() % 6 == 0 ? "ns2:" : "";
    style_.trim_zeros = rng_() % 5 == 0;
  }

  void Write(std::span<const Payment> payments) {
    Xml x(out_, style_);
    *out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    *out_ += style_.indent.empty() ? std::string_view() : style_.eol;
    const std::string ns = "urn:iso:std:iso:20022:tech:xsd:camt.0" + std::to_string(kind_) +
                           ".001.0" + std::to_string(version_);
    std::string attrs = (style_.prefix.empty() ? "xmlns=\"" : "xmlns:ns2=\"") + ns +
                        "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    x.Open("Document", attrs);
    const std::string_view message = kind_ == 54   ? "BkToCstmrDbtCdtNtfctn"
                                     : kind_ == 52 ? "BkToCstmrAcctRpt"
                                                   : "BkToCstmrStmt";
    x.Open(message);
    x.Open("GrpHdr");
    x.Leaf("MsgId", "CM" + std::to_string(kind_) + "-" + FormatDate(options_.date) + "-" +
                        std::to_string(options_.seed % 100000));
    x.Leaf("CreDtTm", FormatDate(options_.date) + "T18:00:00");
    x.Close("GrpHdr");
    // One statement per run of payments in one currency, so that the file
    // keeps the payments' order.
    size_t begin = 0;
    int number = 0;
    while (begin < payments.size() || (payments.empty() && number == 0)) {
      size_t end = begin;
      while (end < payments.size() &&
             payments[end].amount.currency == payments[begin].amount.currency) {
        ++end;
      }
      WriteStatement(x, payments.subspan(begin, end - begin), ++number);
      begin = end;
      if (payments.empty()) break;
    }
    x.Close(message);
    x.Close("Document");
  }

 private:
  std::string_view StatementElement() const {
    return kind_ == 54 ? "Ntfctn" : kind_ == 52 ? "Rpt" : "Stmt";
  }

  void WriteStatement(Xml& x, std::span<const Payment> payments, int number) {
    const Currency c = payments.empty() ? options_.currency : payments.front().amount.currency;
    const std::string_view element = StatementElement();
    x.Open(element);
    x.Leaf("Id", "STMT-" + FormatDate(options_.date) + "-" + std::to_string(number));
    x.Leaf("ElctrncSeqNb", std::to_string(number));
    x.Leaf("CreDtTm", FormatDate(options_.date) + "T18:00:00");
    x.Open("Acct");
    WriteAccountId(x, options_.account);
    x.Leaf("Ccy", c.code());
    x.Open("Ownr");
    x.Leaf("Nm", options_.company_name);
    x.Close("Ownr");
    x.Open("Svcr");
    x.Open("FinInstnId");
    x.Leaf(version_ >= 4 ? "BICFI" : "BIC", options_.bank_id);
    x.Close("FinInstnId");
    x.Close("Svcr");
    x.Close("Acct");

    int64_t credits = 0, debits = 0;
    for (const Payment& p : payments) {
      if (p.direction == Direction::kCredit) {
        credits += p.amount.minor;
      } else {
        debits += p.amount.minor;
      }
    }
    entries_ = GroupEntries(payments);
    if (kind_ != 54) {
      const int64_t opening = static_cast<int64_t>(rng_() % 100000000) * (rng_() % 2 ? 1 : -1);
      WriteBalance(x, "OPBD", opening, c, options_.date);
      WriteBalance(x, "CLBD", opening + credits - debits, c, options_.date);
      if (rng_() % 10 < 7) WriteSummary(x, c);
    }
    for (const Group& g : entries_) WriteEntry(x, payments.subspan(g.begin, g.end - g.begin), c);
    x.Close(element);
  }

  void WriteBalance(Xml& x, std::string_view type, int64_t minor, Currency c, Date d) {
    x.Open("Bal");
    x.Open("Tp");
    x.Open("CdOrPrtry");
    x.Leaf("Cd", type);
    x.Close("CdOrPrtry");
    x.Close("Tp");
    x.Amount("Amt", minor, c);
    x.Leaf("CdtDbtInd", minor < 0 ? "DBIT" : "CRDT");
    x.Open("Dt");
    x.Leaf("Dt", FormatDate(d));
    x.Close("Dt");
    x.Close("Bal");
  }

  // Where a transaction's reference is written.
  enum class RefAt { kTx, kEndToEnd, kEntry };

  struct Group {
    size_t begin, end;
    int64_t amount;  // signed
  };

  // Consecutive plain payments of one direction and date may share a batch
  // entry (one Ntry, several TxDtls), as a bank books a collection.
  std::vector<Group> GroupEntries(std::span<const Payment> payments) {
    std::vector<Group> groups;
    auto plain = [](const Payment& p) { return !p.is_return && p.batch_count <= 1; };
    for (size_t i = 0; i < payments.size();) {
      size_t end = i + 1;
      if (plain(payments[i]) && rng_() % 8 == 0) {
        size_t want = 2 + rng_() % 4;
        while (end < payments.size() && end - i < want && plain(payments[end]) &&
               payments[end].direction == payments[i].direction &&
               payments[end].value_date == payments[i].value_date &&
               payments[end].booking_date == payments[i].booking_date) {
          ++end;
        }
      }
      int64_t sum = 0;
      for (size_t k = i; k < end; ++k) sum += payments[k].amount.minor;
      groups.push_back({i, end, payments[i].direction == Direction::kCredit ? sum : -sum});
      i = end;
    }
    return groups;
  }

  void WriteSummary(Xml& x, Currency c) {
    int64_t credit_sum = 0, debit_sum = 0;
    uint32_t credits = 0, debits = 0;
    for (const Group& g : entries_) {
      if (g.amount >= 0) {
        ++credits;
        credit_sum += g.amount;
      } else {
        ++debits;
        debit_sum -= g.amount;
      }
    }
    x.Open("TxsSummry");
    x.Open("TtlNtries");
    x.Leaf("NbOfNtries", std::to_string(credits + debits));
    x.Leaf("Sum", x.Decimal(credit_sum + debit_sum, c));
    const int64_t net = credit_sum - debit_sum;
    if (version_ == 2) {
      x.Leaf("TtlNetNtryAmt", x.Decimal(net < 0 ? -net : net, c));
      x.Leaf("CdtDbtInd", net < 0 ? "DBIT" : "CRDT");
    } else {
      x.Open("TtlNetNtry");
      x.Leaf("Amt", x.Decimal(net < 0 ? -net : net, c));
      x.Leaf("CdtDbtInd", net < 0 ? "DBIT" : "CRDT");
      x.Close("TtlNetNtry");
    }
    x.Close("TtlNtries");
    x.Open("TtlCdtNtries");
    x.Leaf("NbOfNtries", std::to_string(credits));
    x.Leaf("Sum", x.Decimal(credit_sum, c));
    x.Close("TtlCdtNtries");
    x.Open("TtlDbtNtries");
    x.Leaf("NbOfNtries", std::to_string(debits));
    x.Leaf("Sum", x.Decimal(debit_sum, c));
    x.Close("TtlDbtNtries");
    x.Close("TxsSummry");
  }

  void WriteEntry(Xml& x, std::span<const Payment> group, Currency c) {
    const Payment& first = group.front();
    const bool single = group.size() == 1;
    int64_t total = 0;
    for (const Payment& p : group) total += p.amount.minor;
    // Where the reference sits: the TxDtls AcctSvcrRef (most banks), or
    // for a single transaction the EndToEndId or the entry's AcctSvcrRef.
    RefAt ref_at = RefAt::kTx;
    if (single && rng_() % 4 == 0) {
      if (first.trace_number.empty()) ref_at = RefAt::kEntry;
      if (first.trace_number == first.source_ref) ref_at = RefAt::kEndToEnd;
    }
    x.Open("Ntry");
    ++entry_number_;
    if (rng_() % 3 == 0) x.Leaf("NtryRef", std::to_string(entry_number_));
    x.Amount("Amt", total, c);
    x.Leaf("CdtDbtInd", first.direction == Direction::kCredit ? "CRDT" : "DBIT");
    const bool reversal = single && first.is_return && first.return_reason.empty();
    if (reversal || rng_() % 4 == 0) x.Leaf("RvslInd", reversal ? "true" : "false");
    if (version_ >= 8) {
      x.Open("Sts");
      x.Leaf("Cd", "BOOK");
      x.Close("Sts");
    } else {
      x.Leaf("Sts", "BOOK");
    }
    Date booking = first.booking_date.days != 0 ? first.booking_date : first.value_date;
    WriteDate(x, "BookgDt", booking, rng_() % 5 == 0);
    WriteDate(x, "ValDt", first.value_date, false);
    const bool batch = single && first.batch_count > 1;  // booked as one sum, no TxDtls
    std::string entry_ref =
        ref_at == RefAt::kEntry || batch ? first.source_ref
        : !first.bank_entry_ref.empty() && single
            ? first.bank_entry_ref
            : "E" + std::to_string(options_.seed % 1000) + "-" + std::to_string(entry_number_);
    x.Leaf("AcctSvcrRef", entry_ref);
    WriteBankTxCode(x, single ? std::string_view(first.transaction_code) : std::string_view(),
                    first.direction);
    x.Open("NtryDtls");
    if (batch) {
      x.Open("Btch");
      x.Leaf("NbOfTxs", std::to_string(first.batch_count));
      x.Amount("TtlAmt", total, c);
      x.Leaf("CdtDbtInd", first.direction == Direction::kCredit ? "CRDT" : "DBIT");
      x.Close("Btch");
      x.Close("NtryDtls");
      x.Close("Ntry");
      return;
    }
    if (!single) {
      x.Open("Btch");
      x.Leaf("PmtInfId", "PMTINF-" + std::to_string(entry_number_));
      x.Leaf("NbOfTxs", std::to_string(group.size()));
      x.Amount("TtlAmt", total, c);
      x.Leaf("CdtDbtInd", first.direction == Direction::kCredit ? "CRDT" : "DBIT");
      x.Close("Btch");
    }
    for (const Payment& p : group) WriteTx(x, p, ref_at);
    x.Close("NtryDtls");
    x.Close("Ntry");
  }

  void WriteTx(Xml& x, const Payment& p, RefAt ref_at) {
    x.Open("TxDtls");
    x.Open("Refs");
    if (ref_at == RefAt::kTx) x.Leaf("AcctSvcrRef", p.source_ref);
    if (rng_() % 2 == 0) x.Leaf("InstrId", "INSTR-" + std::to_string(rng_() % 1000000));
    x.Leaf("EndToEndId", p.trace_number.empty() ? "NOTPROVIDED" : p.trace_number);
    x.Close("Refs");
    if (version_ >= 3 && rng_() % 4 != 0) {
      x.Amount("Amt", p.amount.minor, p.amount.currency);
      x.Leaf("CdtDbtInd", p.direction == Direction::kCredit ? "CRDT" : "DBIT");
    } else {
      x.Open("AmtDtls");
      if (rng_() % 3 == 0) {
        x.Open("InstdAmt");
        x.Amount("Amt", p.amount.minor, p.amount.currency);
        x.Close("InstdAmt");
      }
      x.Open("TxAmt");
      x.Amount("Amt", p.amount.minor, p.amount.currency);
      x.Close("TxAmt");
      x.Close("AmtDtls");
    }
    WriteParties(x, p);
    WriteRemittance(x, p);
    if (p.is_return && !p.return_reason.empty()) {
      x.Open("RtrInf");
      x.Open("Rsn");
      x.Leaf(p.return_reason.size() <= 4 ? "Cd" : "Prtry", p.return_reason);
      x.Close("Rsn");
      x.Close("RtrInf");
    }
    if (use_addtl_tx_inf_) x.Leaf("AddtlTxInf", p.remittance_text);
    x.Close("TxDtls");
  }

  void WriteParty(Xml& x, std::string_view element, std::string_view name) {
    x.Open(element);
    if (version_ >= 8) x.Open("Pty");
    x.Leaf("Nm", name);
    if (rng_() % 2 == 0) {
      x.Open("PstlAdr");
      x.Leaf("Ctry", "DE");
      x.Leaf("AdrLine", "Hauptstrasse " + std::to_string(1 + rng_() % 200));
      x.Close("PstlAdr");
    }
    if (version_ >= 8) x.Close("Pty");
    x.Close(element);
  }

  void WriteParties(Xml& x, const Payment& p) {
    std::string_view account = p.payer_account;
    std::string_view routing;
    size_t colon = account.find(':');
    if (colon != std::string_view::npos) {
      routing = account.substr(0, colon);
      account.remove_prefix(colon + 1);
    }
    x.Open("RltdPties");
    if (!p.payer_name.empty()) WriteParty(x, "Dbtr", p.payer_name);
    if (!account.empty()) {
      x.Open("DbtrAcct");
      if (routing.empty()) {
        WriteAccountId(x, account);
      } else {
        x.Open("Id");
        x.Open("Othr");
        x.Leaf("Id", account);
        x.Close("Othr");
        x.Close("Id");
      }
      x.Close("DbtrAcct");
    }
    WriteParty(x, "Cdtr", options_.company_name);
    x.Open("CdtrAcct");
    WriteAccountId(x, options_.account);
    x.Close("CdtrAcct");
    x.Close("RltdPties");
    if (!routing.empty() || rng_() % 2 == 0) {
      x.Open("RltdAgts");
      x.Open("DbtrAgt");
      x.Open("FinInstnId");
      if (routing.empty()) {
        x.Leaf(version_ >= 4 ? "BICFI" : "BIC", "DEUTDEFFXXX");
      } else {
        x.Open("ClrSysMmbId");
        x.Leaf("MmbId", routing);
        x.Close("ClrSysMmbId");
      }
      x.Close("FinInstnId");
      x.Close("DbtrAgt");
      x.Close("RltdAgts");
    }
  }

  void WriteRemittance(Xml& x, const Payment& p) {
    use_addtl_tx_inf_ = false;
    bool has_lines = false;
    for (const RemittanceLine& l : p.remittance) has_lines |= !l.reference.empty();
    if (!has_lines && p.remittance_text.empty()) return;
    if (!has_lines && CodePoints(p.remittance_text) <= 500 && rng_() % 5 == 0) {
      use_addtl_tx_inf_ = true;  // a bank that puts everything there
      return;
    }
    x.Open("RmtInf");
    const bool mid_word = rng_() % 2 == 0;
    for (std::string_view piece : SplitText(p.remittance_text, mid_word)) x.Leaf("Ustrd", piece);
    for (const RemittanceLine& l : p.remittance) {
      if (!l.reference.empty()) WriteStructured(x, l);
    }
    x.Close("RmtInf");
  }

  void WriteStructured(Xml& x, const RemittanceLine& l) {
    const bool credit_note = (l.paid && l.paid->minor < 0) ||
                             (!l.paid && l.invoice_amount && l.invoice_amount->minor < 0);
    const bool as_creditor_ref = !credit_note && rng_() % 6 == 0;
    x.Open("Strd");
    if (!as_creditor_ref) {
      x.Open("RfrdDocInf");
      x.Open("Tp");
      x.Open("CdOrPrtry");
      x.Leaf("Cd", credit_note ? "CREN" : "CINV");
      x.Close("CdOrPrtry");
      x.Close("Tp");
      x.Leaf("Nb", l.reference);
      x.Close("RfrdDocInf");
    }
    if (l.paid || l.invoice_amount || l.discount || l.adjustment) {
      x.Open("RfrdDocAmt");
      if (l.invoice_amount)
        x.Amount("DuePyblAmt", l.invoice_amount->minor, l.invoice_amount->currency);
      if (l.discount) {
        if (version_ == 2) {
          x.Amount("DscntApldAmt", l.discount->minor, l.discount->currency);
        } else {
          x.Open("DscntApldAmt");
          x.Open("Tp");
          x.Leaf("Cd", "APDS");
          x.Close("Tp");
          x.Amount("Amt", l.discount->minor, l.discount->currency);
          x.Close("DscntApldAmt");
        }
      }
      if (l.adjustment) {
        x.Open("AdjstmntAmtAndRsn");
        x.Amount("Amt", l.adjustment->minor, l.adjustment->currency);
        x.Leaf("CdtDbtInd", l.adjustment->minor < 0 ? "CRDT" : "DBIT");
        if (!l.adjustment_reason.empty()) {
          x.Leaf(l.adjustment_reason.size() <= 4 ? "Rsn" : "AddtlInf", l.adjustment_reason);
        }
        x.Close("AdjstmntAmtAndRsn");
      }
      if (l.paid) x.Amount("RmtdAmt", l.paid->minor, l.paid->currency);
      x.Close("RfrdDocAmt");
    }
    if (as_creditor_ref) {
      x.Open("CdtrRefInf");
      x.Open("Tp");
      x.Open("CdOrPrtry");
      x.Leaf("Cd", "SCOR");
      x.Close("CdOrPrtry");
      x.Close("Tp");
      x.Leaf("Ref", l.reference);
      x.Close("CdtrRefInf");
    }
    x.Close("Strd");
  }

  const BankWriteOptions& options_;
  int kind_;
  int version_;
  std::mt19937_64 rng_;
  std::string* out_;
  Style style_;
  std::vector<Group> entries_;
  bool use_addtl_tx_inf_ = false;
  uint64_t entry_number_ = 0;
};

}  // namespace

std::string WriteCamt(std::span<const Payment> payments, const BankWriteOptions& options, int kind,
                      int version) {
  if (kind != 52 && kind != 54) kind = 53;
  version = std::clamp(version, 2, 8);
  std::string out;
  out.reserve(payments.size() * 1600 + 2048);
  CamtWriter(options, kind, version, &out).Write(payments);
  return out;
}

}  // namespace cashmatch::gen
