// Random payments -> WriteMt940 / WriteMt942 -> ReadBankFile -> the same
// payments, over many seeds so that every writer style (envelope, :86:
// dialect, mid-word or word cuts, trimmed decimals, pages) is read back.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "bank_test_util.h"
#include "bank_writers.h"
#include "cashmatch/bank_file.h"
#include "mt94x_fields.h"

namespace cashmatch {
namespace {

using testing::Cur;

constexpr std::string_view kWords[] = {
    "Invoice", "Rechnung", "Factuur", "payment", "for", "order", "Zahlung", "betaling", "März",
    "Überweisung", "of", "the", "goods", "services", "Q3", "2026", "thank", "you", "Kunden-Nr.",
    "ref", "contract", "12/2026", "a", "deposit", "partial", "final", "Müller", "crédit"};
constexpr std::string_view kNames[] = {
    "Acme Logistics GmbH", "Northwind Foods B.V.", "Müller & Söhne KG", "J. Jansen",
    "Globex Corporation International Holdings Limited Partnership", "Initech",
    "Société Générale de Services S.A.", "Wayne Enterprises"};

std::string RandomToken(std::mt19937_64& rng, size_t min, size_t max, std::string_view alphabet) {
  std::string s;
  const size_t n = min + rng() % (max - min + 1);
  for (size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
  return s;
}

// A valid IBAN: the check digits computed for a random German BBAN.
std::string RandomIban(std::mt19937_64& rng) {
  const std::string bban = RandomToken(rng, 18, 18, "0123456789");
  for (int check = 2; check < 99; ++check) {
    std::string iban = "DE" + std::string(check < 10 ? "0" : "") + std::to_string(check) + bban;
    if (ingest::mt94x::Mod97IsOne(iban)) return iban;
  }
  return "DE00" + bban;
}

// A valid ISO 11649 creditor reference.
std::string RandomRf(std::mt19937_64& rng) {
  const std::string body = RandomToken(rng, 6, 15, "0123456789ABCDEFGHJKLMNPQSTUVWXYZ");
  for (int check = 2; check < 99; ++check) {
    std::string rf = "RF" + std::string(check < 10 ? "0" : "") + std::to_string(check) + body;
    if (ingest::mt94x::Mod97IsOne(rf)) return rf;
  }
  return {};
}

Payment RandomPayment(std::mt19937_64& rng, Currency currency) {
  Payment p;
  p.direction = rng() % 4 == 0 ? Direction::kDebit : Direction::kCredit;
  p.amount = Money{static_cast<int64_t>(1 + rng() % 50'000'000), currency};
  p.value_date = Date::FromCivil(2020 + static_cast<int>(rng() % 8), 1 + rng() % 12, 1 + rng() % 28);
  if (rng() % 10 != 0) p.source_ref = RandomToken(rng, 6, 16, "0123456789ABCDEFGHIJKLMNOPQSTUVWXYZ");
  if (rng() % 3 != 0) p.trace_number = "E2E-" + RandomToken(rng, 6, 20, "0123456789ABCDEFGH");
  if (rng() % 8 != 0) p.payer_name = kNames[rng() % std::size(kNames)];
  switch (rng() % 4) {
    case 0: break;
    case 1: p.payer_account = "121000248:" + RandomToken(rng, 6, 12, "0123456789"); break;
    default: p.payer_account = RandomIban(rng); break;
  }
  const size_t words = rng() % 4 == 0 ? 0 : 1 + rng() % 60;
  for (size_t i = 0; i < words; ++i) {
    if (!p.remittance_text.empty()) p.remittance_text += ' ';
    p.remittance_text += rng() % 6 == 0 ? "INV-" + RandomToken(rng, 4, 8, "0123456789")
                                        : std::string(kWords[rng() % std::size(kWords)]);
  }
  if (rng() % 5 == 0) {
    RemittanceLine line;
    line.reference = RandomRf(rng);
    p.remittance.push_back(line);
  }
  p.is_return = rng() % 25 == 0;
  return p;
}

std::string NoBlanks(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t') out += c;
  }
  return out;
}

std::vector<std::string> References(const Payment& p) {
  std::vector<std::string> refs;
  for (const RemittanceLine& l : p.remittance) refs.push_back(l.reference);
  std::sort(refs.begin(), refs.end());
  return refs;
}

void ExpectSamePayment(const Payment& want, const Payment& got) {
  EXPECT_EQ(got.amount, want.amount);
  EXPECT_EQ(got.direction, want.direction);
  EXPECT_EQ(got.value_date, want.value_date);
  EXPECT_EQ(got.source_ref, want.source_ref);
  EXPECT_EQ(got.payer_name, want.payer_name);
  EXPECT_EQ(got.payer_account, want.payer_account);
  EXPECT_EQ(got.is_return, want.is_return);
  EXPECT_EQ(References(got), References(want));
  // Text comes back with the rest of the :86: around it and possibly
  // re-wrapped; never with characters lost.
  EXPECT_NE(NoBlanks(got.remittance_text).find(NoBlanks(want.remittance_text)), std::string::npos)
      << "want: " << want.remittance_text << "\ngot:  " << got.remittance_text;
  if (!want.source_ref.empty() && !want.trace_number.empty()) {
    EXPECT_EQ(got.trace_number, want.trace_number);
  }
}

std::string DialectOf(std::string_view bytes) {
  if (bytes.find("?20") != std::string_view::npos || bytes.find("?32") != std::string_view::npos)
    return "dk";
  if (bytes.find("/CNTP/") != std::string_view::npos) return "ing";
  if (bytes.find("/TRTP/") != std::string_view::npos) return "abn";
  return "none";
}

TEST(Mt94xRoundTrip, RandomPaymentsComeBackUnchanged) {
  std::set<std::string> dialects, envelopes, line_ends;
  for (uint64_t seed = 1; seed <= 24; ++seed) {
    for (const bool mt942 : {false, true}) {
      SCOPED_TRACE("seed " + std::to_string(seed) + (mt942 ? " MT942" : " MT940"));
      std::mt19937_64 rng(seed * 1000 + mt942);
      gen::BankWriteOptions options;
      options.seed = seed;
      options.currency = seed % 5 == 0 ? Cur("JPY") : seed % 3 == 0 ? Cur("USD") : Cur("EUR");
      options.account = seed % 2 ? "DE89370400440532013000" : "987654321";
      options.bank_id = "COBADEFFXXX";
      std::vector<Payment> payments;
      for (int i = 0; i < 300; ++i) payments.push_back(RandomPayment(rng, options.currency));
      const std::string bytes = mt942 ? gen::WriteMt942(payments, options)
                                      : gen::WriteMt940(payments, options);
      dialects.insert(DialectOf(bytes));
      envelopes.insert(bytes.starts_with("{1:") ? "fin" : bytes.find("\n940") != std::string::npos ? "abn" : "none");
      line_ends.insert(bytes.find("\r\n") != std::string::npos ? "crlf" : "lf");

      // Sniffing must recognise what the writer wrote.
      Result<BankFormat> sniffed = DetectBankFormat(bytes);
      ASSERT_TRUE(sniffed.ok()) << sniffed.status().ToString();
      EXPECT_EQ(*sniffed, mt942 ? BankFormat::kMt942 : BankFormat::kMt940);

      BankFile file = testing::ReadBankOk(bytes, "gen.sta");
      ASSERT_EQ(file.payments.size(), payments.size());
      testing::ExpectWellFormed(file, "gen.sta");
      EXPECT_FALSE(file.statements.empty());
      for (size_t i = 0; i < payments.size(); ++i) {
        SCOPED_TRACE("payment " + std::to_string(i));
        ExpectSamePayment(payments[i], file.payments[i]);
        EXPECT_EQ(file.payments[i].account, options.account);
        EXPECT_EQ(file.payments[i].format, mt942 ? "mt942" : "mt940");
        if (::testing::Test::HasFailure()) return;
      }
    }
  }
  // The seeds must have reached every style the writer has.
  EXPECT_EQ(dialects, (std::set<std::string>{"abn", "dk", "ing"}));
  EXPECT_EQ(envelopes, (std::set<std::string>{"abn", "fin", "none"}));
  EXPECT_EQ(line_ends, (std::set<std::string>{"crlf", "lf"}));
}

// Payments that do not fit a dialect's limits: the writer must fall back
// (DK -> slash tags, ING -> ABN layout) rather than lose anything.
TEST(Mt94xRoundTrip, PaymentsBeyondADialectsLimits) {
  std::vector<Payment> payments;
  const auto add = [&](std::string name, std::string account, std::string text) {
    Payment p;
    p.amount = testing::M(12345, "EUR");
    p.value_date = testing::D(2026, 11, 20);
    p.source_ref = "REF" + std::to_string(payments.size());
    p.trace_number = "E2E-" + std::to_string(payments.size());
    p.payer_name = std::move(name);
    p.payer_account = std::move(account);
    p.remittance_text = std::move(text);
    payments.push_back(std::move(p));
  };
  add("A Name Longer Than Fifty-Four Characters In Two DK Sub-Fields", "DE89370400440532013000", "short");
  add("Slash/Name B.V.", "DE89370400440532013000", "text with / slashes /INV/ 12");
  add("Question GmbH", "DE89370400440532013000", "text that says ?21 like a sub-field ?2");
  add("Long Text AG", "", std::string(40, 'x') + " " + std::string(500, 'y'));
  add("Zo\xC3\xAB \xC3\x9C" "berweisung", "121000248:12345", "Gr\xC3\xBC\xC3\x9F" " aus M\xC3\xBCnchen");
  add("", "", "");
  Payment none;  // no source_ref: its end-to-end id must not become one
  none.amount = testing::M(1, "EUR");
  none.value_date = testing::D(2026, 11, 20);
  none.trace_number = "E2E-HIDDEN";
  none.direction = Direction::kDebit;
  none.is_return = true;
  payments.push_back(none);
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    gen::BankWriteOptions options;
    options.seed = seed;
    options.currency = testing::Cur("EUR");
    BankFile file = testing::ReadBankOk(gen::WriteMt940(payments, options), "tricky.sta");
    ASSERT_EQ(file.payments.size(), payments.size());
    for (size_t i = 0; i < payments.size(); ++i) {
      SCOPED_TRACE(i);
      ExpectSamePayment(payments[i], file.payments[i]);
    }
    EXPECT_EQ(file.payments.back().source_ref, "");
  }
}

TEST(Mt94xRoundTrip, CurrenciesGetStatementsOfTheirOwn) {
  std::mt19937_64 rng(99);
  std::vector<Payment> payments;
  for (int i = 0; i < 60; ++i) {
    payments.push_back(RandomPayment(rng, i % 3 == 0 ? Cur("USD") : Cur("EUR")));
  }
  gen::BankWriteOptions options;
  options.currency = Cur("EUR");
  const std::string bytes = gen::WriteMt940(payments, options);
  BankFile file = testing::ReadBankOk(bytes, "multi.sta");
  ASSERT_EQ(file.payments.size(), payments.size());
  // USD statement first (payment 0 is USD), then EUR, each in file order.
  std::vector<const Payment*> want;
  for (const Currency c : {Cur("USD"), Cur("EUR")}) {
    for (const Payment& p : payments) {
      if (p.amount.currency == c) want.push_back(&p);
    }
  }
  for (size_t i = 0; i < want.size(); ++i) ExpectSamePayment(*want[i], file.payments[i]);
  std::set<std::string> currencies;
  for (const StatementSummary& s : file.statements) currencies.insert(std::string(s.currency.code()));
  EXPECT_EQ(currencies, (std::set<std::string>{"EUR", "USD"}));
}

TEST(Mt94xRoundTrip, SameSeedSameBytes) {
  std::mt19937_64 rng(5);
  std::vector<Payment> payments;
  for (int i = 0; i < 20; ++i) payments.push_back(RandomPayment(rng, Cur("EUR")));
  gen::BankWriteOptions options;
  options.currency = Cur("EUR");
  EXPECT_EQ(gen::WriteMt940(payments, options), gen::WriteMt940(payments, options));
  options.seed = 2;
  const std::string other = gen::WriteMt940(payments, options);
  options.seed = 3;
  EXPECT_NE(gen::WriteMt940(payments, options), other);
}

TEST(Mt94xRoundTrip, EmptyInputIsAValidStatement) {
  gen::BankWriteOptions options;
  options.currency = Cur("EUR");
  BankFile file = testing::ReadBankOk(gen::WriteMt940({}, options), "empty.sta");
  EXPECT_TRUE(file.payments.empty());
  ASSERT_EQ(file.statements.size(), 1u);
  EXPECT_EQ(file.statements[0].opening, file.statements[0].closing);
}

}  // namespace
}  // namespace cashmatch
