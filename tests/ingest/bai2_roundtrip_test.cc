// Random payments through WriteBai2 and back through ReadBankFile: what the
// writer can say (every field a BAI2 16 record and its text carry) comes
// back the same, whatever the seed chose for wrapping, wording and line ends.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "bank_writers.h"
#include "ingest/bai2_test_util.h"
#include "names.h"

namespace cashmatch {
namespace {

using testing::Cur;
using testing::D;
using testing::Squeeze;

template <typename T>
const T& Pick(std::mt19937_64& rng, std::span<const T> items) {
  return items[rng() % items.size()];
}

std::string Digits(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng() % 10));
  return s;
}

constexpr std::string_view kWords[] = {
    "PAYMENT", "FOR",     "INVOICE", "INV",  "PO",    "THANK", "YOU",   "REMIT", "NOV",
    "ORDER",   "ACCOUNT", "BALANCE", "PART", "FINAL", "Q3",    "FEES",  "NET",   "30",
    "CREDIT",  "MEMO",    "SEE",     "ATTACHED", "Rechnung", "Zahlung", "no.", "&", "#",
    "BATCH",   "REF",     "DUE",     "2026-11-01", "(PARTIAL)", "ÉTÉ", "MÜNCHEN"};

Payment RandomPayment(std::mt19937_64& rng, Date as_of, Currency currency) {
  Payment p;
  p.direction = rng() % 5 == 0 ? Direction::kDebit : Direction::kCredit;
  p.amount = Money{static_cast<int64_t>(1 + rng() % 1000000000), currency};
  p.value_date = rng() % 3 == 0 ? Date{as_of.days - static_cast<int32_t>(1 + rng() % 5)} : as_of;
  p.source_ref = (rng() % 2 ? "GI" : "SB") + Digits(rng, 8 + static_cast<int>(rng() % 8));
  if (rng() % 100 < 85) {
    p.payer_name = std::string(Pick(rng, gen::NameWords())) + " " +
                   std::string(Pick(rng, gen::IndustryWords())) + " " +
                   std::string(Pick(rng, gen::LegalForms()));
  }
  switch (rng() % 4) {
    case 0: break;
    case 1: p.payer_account = "DE" + Digits(rng, 20); break;
    default: p.payer_account = Digits(rng, 9) + ":" + Digits(rng, 6 + static_cast<int>(rng() % 7));
  }
  if (rng() % 100 < 75) {
    const int words = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < words; ++i) {
      if (i) p.remittance_text += rng() % 10 == 0 ? "  " : " ";
      p.remittance_text += rng() % 4 == 0 ? "INV" + Digits(rng, 6) : std::string(Pick(rng, std::span<const std::string_view>(kWords)));
    }
    // Now and then a word longer than a line.
    if (rng() % 20 == 0) p.remittance_text += " " + std::string(100 + rng() % 60, 'W');
  }
  if (rng() % 100 < 40) {
    const int n = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < n; ++i) {
      RemittanceLine line;
      line.reference = "INV-" + Digits(rng, 6);
      line.paid = Money{static_cast<int64_t>(rng() % 10000000), currency};
      if (rng() % 3 == 0) line.discount = Money{static_cast<int64_t>(rng() % 10000), currency};
      if (rng() % 4 == 0) line.invoice_amount = Money{line.paid->minor + 100, currency};
      p.remittance.push_back(std::move(line));
    }
  }
  if (rng() % 2) p.trace_number = Digits(rng, 15);
  if (rng() % 20 == 0) {
    p.is_return = true;
    p.return_reason = "R0" + std::to_string(1 + rng() % 9);
  }
  return p;
}

void ExpectSame(const Payment& want, const Payment& got, Date as_of) {
  SCOPED_TRACE(want.source_ref);
  EXPECT_EQ(got.amount, want.amount);
  EXPECT_EQ(got.direction, want.direction);
  EXPECT_EQ(got.value_date, want.value_date);
  EXPECT_EQ(got.booking_date, as_of);
  EXPECT_EQ(got.source_ref, want.source_ref);
  EXPECT_EQ(got.payer_name, want.payer_name);
  EXPECT_EQ(got.payer_account, want.payer_account);
  EXPECT_EQ(got.remittance, want.remittance);
  EXPECT_EQ(got.trace_number, want.trace_number);
  EXPECT_EQ(got.is_return, want.is_return);
  EXPECT_EQ(got.return_reason, want.return_reason);
  EXPECT_NE(Squeeze(got.remittance_text).find(Squeeze(want.remittance_text)), std::string::npos)
      << "got:  " << got.remittance_text << "\nwant: " << want.remittance_text;
  EXPECT_EQ(got.format, "bai2");
  EXPECT_EQ(got.account, "123456789");
}

TEST(Bai2RoundTrip, RandomPayments) {
  size_t crlf_files = 0;
  size_t full_width_lines = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937_64 rng(seed);
    gen::BankWriteOptions o;
    o.seed = seed;
    std::vector<Payment> want;
    for (int i = 0; i < 300; ++i) want.push_back(RandomPayment(rng, o.date, o.currency));
    const std::string bytes = gen::WriteBai2(want, o);
    crlf_files += bytes.find("\r\n") != std::string::npos;
    for (size_t at = 0, nl; (nl = bytes.find('\n', at)) != std::string::npos; at = nl + 1) {
      const size_t len = nl - at - (nl > at && bytes[nl - 1] == '\r');
      full_width_lines += len == 80 && bytes.compare(nl + 1, 3, "88,") == 0;
    }
    Result<BankFile> r = ReadBankFile(bytes, "rt.bai");  // sniffed
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    testing::ExpectWellFormed(*r, "rt.bai");
    ASSERT_EQ(r->payments.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) ExpectSame(want[i], r->payments[i], o.date);
  }
  // The seeds reached both line ends and both kinds of text breaks.
  EXPECT_GT(crlf_files, 0u);
  EXPECT_LT(crlf_files, 8u);
  EXPECT_GT(full_width_lines, 0u);
}

TEST(Bai2RoundTrip, SeveralCurrencies) {
  std::mt19937_64 rng(42);
  gen::BankWriteOptions o;
  o.seed = 42;
  std::vector<Payment> want;
  const Currency currencies[] = {Cur("USD"), Cur("EUR"), Cur("JPY"), Cur("KWD")};
  for (int i = 0; i < 200; ++i) want.push_back(RandomPayment(rng, o.date, currencies[rng() % 4]));
  Result<BankFile> r = ReadBankFile(gen::WriteBai2(want, o), "rt.bai");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->statements.size(), 4u);
  ASSERT_EQ(r->payments.size(), want.size());
  // One account per currency: compare by reference.
  auto by_ref = [](const Payment& a, const Payment& b) { return a.source_ref < b.source_ref; };
  std::sort(want.begin(), want.end(), by_ref);
  std::vector<Payment> got = r->payments;
  std::sort(got.begin(), got.end(), by_ref);
  for (size_t i = 0; i < want.size(); ++i) ExpectSame(want[i], got[i], o.date);
}

TEST(Bai2RoundTrip, SameSeedSameBytes) {
  std::mt19937_64 rng(7);
  gen::BankWriteOptions o;
  std::vector<Payment> p;
  for (int i = 0; i < 50; ++i) p.push_back(RandomPayment(rng, o.date, o.currency));
  EXPECT_EQ(gen::WriteBai2(p, o), gen::WriteBai2(p, o));
  gen::BankWriteOptions other = o;
  other.seed = 8;
  EXPECT_NE(gen::WriteBai2(p, o), gen::WriteBai2(p, other));
}

TEST(Bai2RoundTrip, EmptyFile) {
  Result<BankFile> r = ReadBankFile(gen::WriteBai2({}, gen::BankWriteOptions{}), "e.bai");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->payments.empty());
}

}  // namespace
}  // namespace cashmatch
