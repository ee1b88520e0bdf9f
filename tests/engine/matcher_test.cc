// The matcher's strategies, one scenario at a time, on a small hand-made
// ledger whose every invoice is known.
#include "cashmatch/matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace cashmatch {
namespace {

const Currency kUsd = *Currency::FromCode("USD");
const Currency kEur = *Currency::FromCode("EUR");
Money Usd(int64_t minor) { return Money{minor, kUsd}; }
const Date kToday = Date::FromCivil(2026, 11, 20);

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddCustomer("C1", "Acme Corporation", {"021000021:5550001"}, {"ACME PAYABLES"});
    AddCustomer("C2", "Beta Industries Inc", {}, {});
    AddCustomer("C3", "Gamma Holdings", {"DE89370400440532013000"}, {});
    AddCustomer("C4", "Gamma Retail", {}, {}, "C3");  // a subsidiary Gamma pays for
    AddCustomer("C5", "Delta LLC", {"026009593:777"}, {});
    AddInvoice("INV-0004512", "C1", 123450);
    AddInvoice("INV-0004513", "C1", 20000);
    AddInvoice("INV-0004514", "C1", 30000);
    AddInvoice("INV-0007001", "C2", 99900, "PO-881234");
    AddInvoice("INV-0007002", "C2", 5000);
    AddInvoice("INV-0008001", "C3", 40000);
    AddInvoice("INV-0008002", "C4", 77700);
    AddInvoice("INV-0009001", "C5", 10000);
    AddInvoice("INV-0009002", "C5", 15000);
    AddInvoice("INV-0009003", "C5", 25000);
    AddInvoice("INV-0009004", "C5", 5000);
    AddInvoice("INV-0006000", "C2", 50000, "", /*open=*/0);  // paid already
    Invoice disc = MakeInvoice("INV-0005000", "C2", 100000);
    disc.discount_bp = 200;
    disc.discount_days = 10;
    disc.invoice_date = Date{kToday.days - 5};
    ASSERT_TRUE(ledger_.UpsertInvoice(disc).ok());
  }

  void AddCustomer(std::string id, std::string name, std::vector<std::string> accounts,
                   std::vector<std::string> aliases, std::string parent = "") {
    Customer c;
    c.customer_id = std::move(id);
    c.name = std::move(name);
    c.bank_accounts = std::move(accounts);
    c.aliases = std::move(aliases);
    c.parent_id = std::move(parent);
    ledger_.UpsertCustomer(c);
  }
  static Invoice MakeInvoice(std::string id, std::string customer, int64_t amount) {
    Invoice inv;
    inv.invoice_id = std::move(id);
    inv.customer_id = std::move(customer);
    inv.amount = Usd(amount);
    inv.open_amount = Usd(amount);
    inv.invoice_date = Date{kToday.days - 40};
    inv.due_date = Date{kToday.days - 10};
    return inv;
  }
  void AddInvoice(std::string id, std::string customer, int64_t amount, std::string po = "",
                  int64_t open = -1) {
    Invoice inv = MakeInvoice(std::move(id), std::move(customer), amount);
    inv.po_number = std::move(po);
    if (open >= 0) inv.open_amount = Usd(open);
    ASSERT_TRUE(ledger_.UpsertInvoice(inv).ok());
  }

  static Payment Pay(int64_t amount, std::string text, std::string payer = "",
                     std::string account = "") {
    static uint64_t next_id = 1;
    Payment p;
    p.payment_id = next_id++;
    p.format = "bai2";
    p.source_ref = "BANK" + std::to_string(p.payment_id);
    p.amount = Usd(amount);
    p.value_date = kToday;
    p.remittance_text = std::move(text);
    p.payer_name = std::move(payer);
    p.payer_account = std::move(account);
    return p;
  }

  Decision One(const Payment& p) {
    Matcher m(ledger_, options_);
    std::vector<Decision> d = m.MatchBatch(std::span<const Payment>(&p, 1));
    return d.at(0);
  }

  static void ExpectApplied(const Decision& d, std::vector<std::pair<std::string, int64_t>> want,
                            MatchMethod method) {
    ASSERT_EQ(d.kind, DecisionKind::kApplied) << d.reason;
    std::vector<std::pair<std::string, int64_t>> got;
    for (const Application& a : d.applications) {
      if (!a.invoice_id.empty()) got.emplace_back(a.invoice_id, a.applied.minor);
    }
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want);
    for (const Application& a : d.applications) {
      EXPECT_EQ(a.method, method) << a.evidence;
      EXPECT_GE(a.confidence_bp, 9000);
      EXPECT_FALSE(a.evidence.empty());
    }
  }

  Ledger ledger_;
  MatchOptions options_;
};

TEST_F(MatcherTest, ExactReferenceInTextWithItsAmount) {
  Decision d = One(Pay(123450, "ORIG CO NAME:SOMEONE REMI: INV-0004512 THANK YOU"));
  ExpectApplied(d, {{"INV-0004512", 123450}}, MatchMethod::kReference);
  EXPECT_EQ(d.customer_id, "C1");
  EXPECT_NE(d.applications[0].evidence.find("INV-0004512"), std::string::npos);
}

TEST_F(MatcherTest, OtherReferenceStylesMeet) {
  for (const char* text : {"inv 4512", "#4512", "Invoice No. 4512 dated 2026-10-11", "INV4512",
                           "payment for invoice 0004512"}) {
    SCOPED_TRACE(text);
    ExpectApplied(One(Pay(123450, text)), {{"INV-0004512", 123450}}, MatchMethod::kReference);
  }
}

TEST_F(MatcherTest, NumberBrokenByAContinuationRecordIsFound) {
  ExpectApplied(One(Pay(99900, "REMI: INV-000 7001 PER STATEMENT")), {{"INV-0007001", 99900}},
                MatchMethod::kReference);
}

TEST_F(MatcherTest, PoNumberResolvesToItsInvoice) {
  ExpectApplied(One(Pay(99900, "PO 881234")), {{"INV-0007001", 99900}}, MatchMethod::kReference);
}

TEST_F(MatcherTest, TypoIsTakenWhenTheAmountAgrees) {
  // 4521 for 4512 (a transposition), amount exactly the open amount.
  ExpectApplied(One(Pay(123450, "INV-0004521")), {{"INV-0004512", 123450}},
                MatchMethod::kFuzzyReference);
}

TEST_F(MatcherTest, TypoWithoutTheAmountIsOnlySuggested) {
  Decision d = One(Pay(100000, "INV-0004521 PART"));
  EXPECT_EQ(d.kind, DecisionKind::kUnapplied);
  ASSERT_FALSE(d.suggestions.empty());
  EXPECT_EQ(d.suggestions[0].invoice_id, "INV-0004512");
}

TEST_F(MatcherTest, OcrLettersForDigits) {
  ExpectApplied(One(Pay(99900, "INV-OOO7OO1")), {{"INV-0007001", 99900}}, MatchMethod::kReference);
}

TEST_F(MatcherTest, StructuredLinesApplyWhatThePayerStated) {
  Payment p = Pay(140000, "");
  RemittanceLine a;
  a.reference = "INV-0004512";
  a.paid = Usd(120000);
  a.adjustment = Usd(-3450);
  a.adjustment_reason = "DAMAGED";
  RemittanceLine b;
  b.reference = "INV-0004513";
  b.paid = Usd(20000);
  p.remittance = {a, b};
  Decision d = One(p);
  ExpectApplied(d, {{"INV-0004512", 120000}, {"INV-0004513", 20000}}, MatchMethod::kReference);
  // A stated deduction stays open for collections; nothing is written off.
  EXPECT_EQ(d.applications[0].writeoff.minor, 0);
  EXPECT_NE(d.applications[0].evidence.find("DAMAGED"), std::string::npos);
}

TEST_F(MatcherTest, StructuredTypoOntoAnotherInvoiceIsReadByTheAmount) {
  // "INV-0004513" exists (200.00), but the line pays 1,234.50: exactly
  // INV-0004512, one edit away. The amounts tell which was meant.
  Payment p = Pay(123450, "");
  RemittanceLine line;
  line.reference = "INV-0004513";
  line.paid = Usd(123450);
  p.remittance = {line};
  ExpectApplied(One(p), {{"INV-0004512", 123450}}, MatchMethod::kReference);
  // Far from any invoice it could mean: only a suggestion.
  line.paid = Usd(9000000);
  p.remittance = {line};
  p.amount = Usd(9000000);
  EXPECT_EQ(One(p).kind, DecisionKind::kUnapplied);
}

TEST_F(MatcherTest, ReceivingAccountSettlesTheEntity) {
  // Another entity numbers its invoices alike: "inv 4512" reads as both.
  Invoice other = MakeInvoice("INV4512", "C2", 123450);
  other.company = "E01";
  ASSERT_TRUE(ledger_.UpsertInvoice(other).ok());
  Payment p = Pay(123450, "inv 4512");
  p.account = "123457789";
  EXPECT_EQ(One(p).kind, DecisionKind::kUnapplied);  // two entities, one amount: a person decides
  options_.account_companies = {{"123456789", ""}, {"123457789", "E01"}};
  Decision d = One(p);
  ExpectApplied(d, {{"INV4512", 123450}}, MatchMethod::kReference);
  EXPECT_EQ(d.applications[0].company, "E01");
  p.account = "121000248:123456789";  // ROUTING:ACCOUNT as NACHA names it
  d = One(p);
  ExpectApplied(d, {{"INV-0004512", 123450}}, MatchMethod::kReference);
  EXPECT_EQ(d.applications[0].company, "");
}

TEST_F(MatcherTest, BundleOfReferencesThatAddUp) {
  ExpectApplied(One(Pay(50000, "INV-0004513 INV-0004514")),
                {{"INV-0004513", 20000}, {"INV-0004514", 30000}}, MatchMethod::kReference);
}

TEST_F(MatcherTest, PayerNamesMoreInvoicesThanItPays) {
  ExpectApplied(One(Pay(30000, "INV-0004513 INV-0004514 INV-0004512")),
                {{"INV-0004514", 30000}}, MatchMethod::kReference);
}

TEST_F(MatcherTest, EarlyPaymentDiscountWithinTerms) {
  Decision d = One(Pay(98000, "INV-0005000"));
  ExpectApplied(d, {{"INV-0005000", 98000}}, MatchMethod::kReference);
  EXPECT_EQ(d.applications[0].discount.minor, 2000);
}

TEST_F(MatcherTest, SmallShortPayIsWrittenOffLargerStaysOpen) {
  Decision small = One(Pay(123000, "INV-0004512"));  // 4.50 short: under 5.00 and 1 %
  ExpectApplied(small, {{"INV-0004512", 123000}}, MatchMethod::kReference);
  EXPECT_EQ(small.applications[0].writeoff.minor, 450);

  Decision big = One(Pay(100000, "INV-0004512 LESS DAMAGES"));
  ASSERT_EQ(big.kind, DecisionKind::kApplied) << big.reason;
  ASSERT_EQ(big.applications.size(), 1u);
  EXPECT_EQ(big.applications[0].applied.minor, 100000);
  EXPECT_EQ(big.applications[0].writeoff.minor, 0);  // a deduction, left open
  EXPECT_NE(big.applications[0].evidence.find("deduction"), std::string::npos);
}

TEST_F(MatcherTest, OverpaymentClosesTheInvoiceAndPutsTheRestOnAccount) {
  Decision d = One(Pay(130000, "INV-0004512"));
  ASSERT_EQ(d.kind, DecisionKind::kApplied) << d.reason;
  ASSERT_EQ(d.applications.size(), 2u);
  EXPECT_EQ(d.applications[0].applied.minor, 123450);
  EXPECT_EQ(d.applications[1].invoice_id, "");
  EXPECT_EQ(d.applications[1].customer_id, "C1");
  EXPECT_EQ(d.applications[1].applied.minor, 6550);
}

TEST_F(MatcherTest, NoReferenceButKnownAccountAndOneInvoiceOfTheAmount) {
  ExpectApplied(One(Pay(20000, "", "", "021000021:5550001")), {{"INV-0004513", 20000}},
                MatchMethod::kAmount);
}

TEST_F(MatcherTest, AmountWithinTheCustomerIdentifiedByAccount) {
  ExpectApplied(One(Pay(10000, "", "", "026009593:777")), {{"INV-0009001", 10000}},
                MatchMethod::kAmount);
}

TEST_F(MatcherTest, CombinationOfOpenItems) {
  // 150 + 250 + 50 = 450 is the only combination of C5's items (100, 150,
  // 250, 50) that adds up.
  ExpectApplied(One(Pay(45000, "", "", "026009593:777")),
                {{"INV-0009002", 15000}, {"INV-0009003", 25000}, {"INV-0009004", 5000}},
                MatchMethod::kCombination);
}

TEST_F(MatcherTest, TwoCombinationsThatFitAreRefused) {
  // 300 = 100 + 150 + 50 = 250 + 50: a person decides.
  Decision d = One(Pay(30000, "", "", "026009593:777"));
  EXPECT_EQ(d.kind, DecisionKind::kUnapplied);
  EXPECT_EQ(d.customer_id, "C5");
  EXPECT_GE(d.suggestions.size(), 2u);
}

TEST_F(MatcherTest, ParentPaysItsSubsidiarysInvoice) {
  Decision d = One(Pay(77700, "", "", "DE89370400440532013000"));
  ExpectApplied(d, {{"INV-0008002", 77700}}, MatchMethod::kAmount);
  EXPECT_EQ(d.applications[0].customer_id, "C4");  // the invoice's customer
}

TEST_F(MatcherTest, TwoInvoicesOfTheSameAmountAreNotGuessed) {
  AddInvoice("INV-0009005", "C5", 10000);
  Decision d = One(Pay(10000, "", "", "026009593:777"));
  EXPECT_EQ(d.kind, DecisionKind::kUnapplied);
  ASSERT_GE(d.suggestions.size(), 2u);
}

TEST_F(MatcherTest, PayingAClosedInvoiceAgainIsADuplicate) {
  Decision d = One(Pay(50000, "INV-0006000"));
  EXPECT_EQ(d.kind, DecisionKind::kDuplicate) << d.reason;
  EXPECT_NE(d.reason.find("INV-0006000"), std::string::npos);
  EXPECT_TRUE(d.applications.empty());
}

TEST_F(MatcherTest, UnknownPayerWithoutReferenceIsLeft) {
  Decision d = One(Pay(12345, "THANK YOU", "Nobody Ltd"));
  EXPECT_EQ(d.kind, DecisionKind::kUnapplied);
  EXPECT_FALSE(d.reason.empty());
}

TEST_F(MatcherTest, NeverAcrossCurrencies) {
  Payment p = Pay(123450, "INV-0004512");
  p.amount = Money{123450, kEur};
  Decision d = One(p);
  EXPECT_NE(d.kind, DecisionKind::kApplied);
}

TEST_F(MatcherTest, DebitsReturnsAndBatchSumsAreNotMatched) {
  Payment debit = Pay(123450, "INV-0004512");
  debit.direction = Direction::kDebit;
  EXPECT_EQ(One(debit).kind, DecisionKind::kNotMatched);
  Payment ret = Pay(123450, "INV-0004512");
  ret.is_return = true;
  EXPECT_EQ(One(ret).kind, DecisionKind::kNotMatched);
  Payment gone = Pay(123450, "INV-0004512");
  gone.superseded_by = "detail.xml";
  EXPECT_EQ(One(gone).kind, DecisionKind::kNotMatched);
  Payment batch = Pay(123450, "INV-0004512");
  batch.batch_count = 3;
  Decision b = One(batch);
  EXPECT_EQ(b.kind, DecisionKind::kUnapplied);
  EXPECT_NE(b.reason.find("breakdown"), std::string::npos);
}

TEST_F(MatcherTest, TwoPaymentsForOneInvoiceTheFirstTakesIt) {
  std::vector<Payment> both = {Pay(123450, "INV-0004512"), Pay(123450, "INV 4512")};
  Matcher m(ledger_, options_);
  std::vector<Decision> d = m.MatchBatch(both);
  EXPECT_EQ(d[0].kind, DecisionKind::kApplied);
  // The same invoice paid in full twice in one batch: the second is flagged
  // as a duplicate (it was left unapplied without the flag before; the
  // flag puts it where an operator looks for money sent twice).
  EXPECT_EQ(d[1].kind, DecisionKind::kDuplicate);
  EXPECT_NE(d[1].reason.find("earlier payment"), std::string::npos) << d[1].reason;
  ASSERT_FALSE(d[1].suggestions.empty());
  EXPECT_EQ(d[1].suggestions[0].invoice_id, "INV-0004512");
  // Part of it taken by another payment first: not the same money twice.
  std::vector<Payment> parts = {Pay(100000, "INV-0004512 LESS DAMAGES"), Pay(123450, "INV 4512")};
  std::vector<Decision> e = m.MatchBatch(parts);
  EXPECT_EQ(e[0].kind, DecisionKind::kApplied);
  EXPECT_EQ(e[1].kind, DecisionKind::kUnapplied);
}

TEST_F(MatcherTest, EveryInvoiceClaimedTwiceInOneBatchIsTakenOnce) {
  // Claims on many invoices at once, each made twice, interleaved: the
  // first payment of each invoice takes it, the second finds it taken,
  // whatever else was claimed in between, for any thread count.
  const std::vector<std::pair<std::string, int64_t>> open = {
      {"INV-0004512", 123450}, {"INV-0004513", 20000}, {"INV-0004514", 30000}, {"INV-0007001", 99900},
      {"INV-0007002", 5000},   {"INV-0008001", 40000}, {"INV-0008002", 77700}, {"INV-0009001", 10000},
      {"INV-0009002", 15000},  {"INV-0009003", 25000}, {"INV-0009004", 5000}};
  std::vector<Payment> batch;
  for (const auto& [id, amount] : open) batch.push_back(Pay(amount, id));
  for (size_t i = 0; i < open.size(); ++i) {
    const auto& [id, amount] = open[(i * 5) % open.size()];
    batch.push_back(Pay(amount, "RE " + id));
  }
  for (uint32_t threads : {1u, 2u}) {
    MatchOptions o = options_;
    o.threads = threads;
    const std::vector<Decision> d = Matcher(ledger_, o).MatchBatch(batch);
    ASSERT_EQ(d.size(), batch.size());
    for (size_t i = 0; i < open.size(); ++i) {
      SCOPED_TRACE(open[i].first);
      ASSERT_EQ(d[i].kind, DecisionKind::kApplied) << d[i].reason;
      ASSERT_EQ(d[i].applications.size(), 1u);
      EXPECT_EQ(d[i].applications[0].invoice_id, open[i].first);
      EXPECT_EQ(d[i].applications[0].applied, Usd(open[i].second));
    }
    for (size_t i = open.size(); i < batch.size(); ++i) {
      SCOPED_TRACE(batch[i].remittance_text);
      EXPECT_EQ(d[i].kind, DecisionKind::kDuplicate) << d[i].reason;
      EXPECT_TRUE(d[i].applications.empty());
    }
  }
}

}  // namespace
}  // namespace cashmatch
