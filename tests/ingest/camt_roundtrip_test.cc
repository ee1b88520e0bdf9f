// Random payments through WriteCamt and back through ReadBankFile: every
// message kind and version, several seeds (so every cosmetic variation of
// the writer is met), the same payments out as in.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "bank_test_util.h"
#include "bank_writers.h"
#include "cashmatch/bank_file.h"
#include "names.h"

namespace cashmatch {
namespace {

using testing::Cur;

template <typename T>
const T& Pick(std::mt19937_64& rng, std::span<const T> items) {
  return items[rng() % items.size()];
}

std::string Digits(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
  return s;
}

std::string PayerName(std::mt19937_64& rng) {
  static constexpr std::string_view kSpecial[] = {"Müller & Söhne", "Société Générale <Paris>",
                                                  "Łódź Sp. z o.o.", "O'Brien \"Fresh\" Foods",
                                                  "Zürich Versicherung"};
  if (rng() % 8 == 0) return std::string(kSpecial[rng() % std::size(kSpecial)]);
  return std::string(Pick(rng, gen::NameWords())) + " " +
         std::string(Pick(rng, gen::IndustryWords())) + " " +
         std::string(Pick(rng, gen::LegalForms()));
}

std::string Text(std::mt19937_64& rng, const std::vector<std::string>& refs) {
  static constexpr std::string_view kWords[] = {
      "Invoice", "payment", "for", "order",    "RE:",         "INV",  "Rechnung",
      "€",       "thanks",  "net", "30",       "days",        "less", "credit",
      "note",    "ref",     "&",   "<urgent>", "Überweisung", "PO"};
  std::string text;
  const size_t words = rng() % 70;
  for (size_t i = 0; i < words; ++i) {
    if (!text.empty()) text += ' ';
    if (!refs.empty() && rng() % 5 == 0) {
      text += refs[rng() % refs.size()];
    } else if (rng() % 17 == 0) {
      text += "INVOICENUMBER" + Digits(rng, 12);  // long tokens that a cut falls into
    } else {
      text += kWords[rng() % std::size(kWords)];
    }
  }
  return text;
}

Payment RandomPayment(std::mt19937_64& rng, Currency c, size_t index) {
  Payment p;
  p.source_ref = "BK" + std::to_string(index) + "-" + Digits(rng, 8);
  switch (rng() % 3) {
    case 0:
      break;
    case 1:
      p.trace_number = p.source_ref;
      break;
    default:
      p.trace_number = "E2E-" + Digits(rng, 14);
      break;
  }
  p.direction = rng() % 5 == 0 ? Direction::kDebit : Direction::kCredit;
  p.amount = Money{static_cast<int64_t>(1 + rng() % 5000000), c};
  p.value_date = Date::FromCivil(2026, 11, 16 + static_cast<unsigned>(rng() % 5));
  p.booking_date = rng() % 2 ? p.value_date : Date{p.value_date.days - 1};
  if (rng() % 10 != 0) p.payer_name = PayerName(rng);
  switch (rng() % 4) {
    case 0:
      p.payer_account = "DE" + Digits(rng, 20);
      break;
    case 1:
      p.payer_account = "021000021:" + Digits(rng, 9);
      break;
    case 2:
      p.payer_account = "ACC" + Digits(rng, 7);
      break;
    default:
      break;
  }
  std::vector<std::string> refs;
  const size_t lines = rng() % 5;
  for (size_t i = 0; i < lines; ++i) {
    RemittanceLine l;
    l.reference = (rng() % 2 ? "INV-" : "90") + Digits(rng, 7);
    refs.push_back(l.reference);
    const bool credit_note = rng() % 8 == 0;
    const int64_t due = static_cast<int64_t>(100 + rng() % 1000000);
    if (credit_note) {
      l.paid = Money{-due, c};
      if (rng() % 2) l.invoice_amount = Money{-due, c};
    } else {
      if (rng() % 4 != 0) l.paid = Money{due - static_cast<int64_t>(rng() % 50), c};
      if (rng() % 2) l.invoice_amount = Money{due, c};
      if (rng() % 4 == 0) l.discount = Money{static_cast<int64_t>(rng() % 500), c};
      if (rng() % 5 == 0) {
        l.adjustment = Money{static_cast<int64_t>(rng() % 2000) - 500, c};
        l.adjustment_reason = rng() % 2 ? "DMGD" : "short shipped, 2 units";
      }
    }
    p.remittance.push_back(std::move(l));
  }
  if (rng() % 4 != 0) p.remittance_text = Text(rng, refs);
  if (rng() % 30 == 0) {
    p.is_return = true;
    if (rng() % 2) p.return_reason = "AC04";
  }
  static constexpr std::string_view kCodes[] = {"", "PMNT/RCDT/ESCT", "PMNT/RCDT/DMCT", "NTRF+166"};
  p.transaction_code = std::string(kCodes[rng() % std::size(kCodes)]);
  return p;
}

std::string Squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void ExpectSame(const Payment& want, const Payment& got) {
  SCOPED_TRACE(want.source_ref);
  EXPECT_EQ(got.amount, want.amount);
  EXPECT_EQ(got.direction, want.direction);
  EXPECT_EQ(got.value_date, want.value_date);
  EXPECT_EQ(got.booking_date, want.booking_date);
  EXPECT_EQ(got.source_ref, want.source_ref);
  EXPECT_EQ(got.trace_number, want.trace_number);
  EXPECT_EQ(got.payer_name, want.payer_name);
  EXPECT_EQ(got.payer_account, want.payer_account);
  EXPECT_EQ(got.remittance, want.remittance);
  EXPECT_EQ(Squeeze(got.remittance_text), Squeeze(want.remittance_text));
  EXPECT_EQ(got.is_return, want.is_return);
  EXPECT_EQ(got.return_reason, want.return_reason);
  EXPECT_EQ(got.batch_count, want.batch_count);
}

std::vector<Payment> RandomPayments(uint64_t seed, size_t n, Currency c) {
  std::mt19937_64 rng(seed);
  std::vector<Payment> payments;
  for (size_t i = 0; i < n; ++i) payments.push_back(RandomPayment(rng, c, i));
  return payments;
}

// The text of 1-based line `line`, for failure messages.
std::string LineAt(std::string_view text, uint64_t line) {
  for (uint64_t i = 1; i < line && !text.empty(); ++i) {
    size_t nl = text.find('\n');
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  return std::string(text.substr(0, std::min<size_t>(text.find('\n'), 300)));
}

void RoundTrip(const std::vector<Payment>& payments, const gen::BankWriteOptions& options, int kind,
               int version) {
  const std::string file = gen::WriteCamt(payments, options, kind, version);
  Result<BankFile> r = ReadBankFile(file, "rt.xml");
  ASSERT_TRUE(r.ok()) << r.status().ToString() << "\n" << LineAt(file, r.status().where().line);
  EXPECT_EQ(r->format, kind == 52   ? BankFormat::kCamt052
                       : kind == 54 ? BankFormat::kCamt054
                                    : BankFormat::kCamt053);
  testing::ExpectWellFormed(*r, "rt.xml");
  ASSERT_EQ(r->payments.size(), payments.size());
  for (size_t i = 0; i < payments.size(); ++i) {
    ExpectSame(payments[i], r->payments[i]);
    EXPECT_EQ(r->payments[i].account, options.account);
  }
  // The writer's balances and summary add up, and the summary says so.
  int64_t credits = 0, debits = 0;
  for (const Payment& p : payments)
    (p.direction == Direction::kCredit ? credits : debits) += p.amount.minor;
  int64_t credit_total = 0, debit_total = 0;
  for (const StatementSummary& s : r->statements) {
    credit_total += s.credit_total;
    debit_total += s.debit_total;
    if (kind != 54) {
      ASSERT_TRUE(s.opening && s.closing);
      EXPECT_EQ(s.closing->minor - s.opening->minor, s.credit_total - s.debit_total);
    }
  }
  EXPECT_EQ(credit_total, credits);
  EXPECT_EQ(debit_total, debits);
}

TEST(CamtRoundTrip, EveryKindVersionAndSeed) {
  for (int kind : {52, 53, 54}) {
    for (int version = 2; version <= 8; ++version) {
      for (uint64_t seed = 1; seed <= 5; ++seed) {
        SCOPED_TRACE("camt." + std::to_string(kind) + " v" + std::to_string(version) + " seed " +
                     std::to_string(seed));
        gen::BankWriteOptions options;
        options.seed = seed * 7919 + static_cast<uint64_t>(kind * 10 + version);
        options.account = seed % 2 ? "DE89370400440532013000" : "123456789";
        options.currency = seed % 3 == 0 ? Cur("JPY") : Cur("EUR");
        RoundTrip(RandomPayments(options.seed, 250, options.currency), options, kind, version);
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST(CamtRoundTrip, SeveralCurrenciesBecomeSeveralStatements) {
  std::vector<Payment> payments = RandomPayments(11, 60, Cur("EUR"));
  std::vector<Payment> usd = RandomPayments(12, 40, Cur("USD"));
  std::vector<Payment> kwd = RandomPayments(13, 30, Cur("KWD"));
  payments.insert(payments.end(), usd.begin(), usd.end());
  payments.insert(payments.end(), kwd.begin(), kwd.end());
  gen::BankWriteOptions options;
  options.seed = 99;
  RoundTrip(payments, options, 53, 8);
  Result<BankFile> r = ReadBankFile(gen::WriteCamt(payments, options, 53, 8), "rt.xml");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->statements.size(), 3u);
  EXPECT_EQ(r->statements[2].currency, Cur("KWD"));
}

TEST(CamtRoundTrip, BatchEntriesKeepTheirCount) {
  std::vector<Payment> payments = RandomPayments(21, 10, Cur("EUR"));
  for (Payment& p : payments) {
    p.batch_count = 12;
    p.payer_name.clear();
    p.payer_account.clear();
    p.remittance.clear();
    p.remittance_text.clear();
    p.trace_number.clear();
    p.is_return = false;
    p.return_reason.clear();
  }
  gen::BankWriteOptions options;
  RoundTrip(payments, options, 53, 4);
}

TEST(CamtRoundTrip, SameInputSameBytes) {
  std::vector<Payment> payments = RandomPayments(5, 50, Cur("EUR"));
  gen::BankWriteOptions options;
  options.seed = 5;
  EXPECT_EQ(gen::WriteCamt(payments, options, 53, 8), gen::WriteCamt(payments, options, 53, 8));
  options.seed = 6;
  EXPECT_NE(gen::WriteCamt(payments, options, 53, 8), gen::WriteCamt(payments, {}, 53, 8));
}

TEST(CamtRoundTrip, EmptyStatementIsAValidFile) {
  for (int kind : {52, 53, 54}) {
    Result<BankFile> r = ReadBankFile(gen::WriteCamt({}, {}, kind, 8), "empty.xml");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(r->payments.empty());
    EXPECT_EQ(r->statements.size(), 1u);
  }
}

}  // namespace
}  // namespace cashmatch
