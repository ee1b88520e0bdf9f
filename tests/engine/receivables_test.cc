// Aging, DSO and payment behaviour on hand-made facts with exact figures.
#include <gtest/gtest.h>

#include "cashmatch/receivables.h"

namespace cashmatch {
namespace {

Date D(const char* text) { return *ParseDate(text); }
Currency Usd() { return *Currency::FromCode("USD"); }
Currency Eur() { return *Currency::FromCode("EUR"); }

TEST(AgingTest, BucketEdges) {
  const Date as_of = D("2026-06-30");
  EXPECT_EQ(AgingBucketOf(D("2026-07-15"), as_of), 0) << "not yet due";
  EXPECT_EQ(AgingBucketOf(as_of, as_of), 0) << "due that day: current";
  EXPECT_EQ(AgingBucketOf(D("2026-06-29"), as_of), 1);
  EXPECT_EQ(AgingBucketOf(D("2026-05-31"), as_of), 1) << "exactly 30 days";
  EXPECT_EQ(AgingBucketOf(D("2026-05-30"), as_of), 2) << "31 days";
  EXPECT_EQ(AgingBucketOf(D("2026-05-01"), as_of), 2) << "60 days";
  EXPECT_EQ(AgingBucketOf(D("2026-04-30"), as_of), 3) << "61 days";
  EXPECT_EQ(AgingBucketOf(D("2026-04-01"), as_of), 3) << "90 days";
  EXPECT_EQ(AgingBucketOf(D("2026-03-31"), as_of), 4) << "91 days";
  EXPECT_EQ(AgingBucketName(4), "90+");
}

TEST(AgingTest, LinesPerCustomerCompanyAndCurrencyWithCreditMemos) {
  const Date as_of = D("2026-06-30");
  AgingBuilder b;
  b.Add(AgingKey{3, 0, Usd()}, 10000, D("2026-05-31"), as_of);  // 30 days past due
  b.Add(AgingKey{3, 0, Usd()}, 5000, D("2026-05-30"), as_of);   // 31
  b.Add(AgingKey{3, 0, Usd()}, -2000, D("2026-07-30"), as_of);  // credit memo, current
  b.Add(AgingKey{3, 0, Usd()}, 0, D("2026-01-01"), as_of);      // closed: skipped
  b.Add(AgingKey{3, 1, Usd()}, 700, D("2026-01-01"), as_of);    // another company
  b.Add(AgingKey{3, 0, Eur()}, 900, D("2026-06-01"), as_of);    // another currency
  b.Add(AgingKey{1, 0, Usd()}, 100, D("2026-06-30"), as_of);
  Result<std::vector<AgingLine>> lines = b.Finish();
  ASSERT_TRUE(lines.ok());
  ASSERT_EQ(lines->size(), 4u);
  EXPECT_EQ((*lines)[0].key.customer, 1u) << "sorted by key";
  EXPECT_EQ((*lines)[3].key, (AgingKey{3, 1, Usd()}));
  const AgingLine& usd = Usd() < Eur() ? (*lines)[1] : (*lines)[2];
  EXPECT_EQ(usd.key, (AgingKey{3, 0, Usd()}));
  EXPECT_EQ(usd.buckets, (std::array<int64_t, 5>{-2000, 10000, 5000, 0, 0}));
  EXPECT_EQ(usd.total, 13000);
  EXPECT_EQ(usd.items, 3u);
  Result<std::vector<AgingLine>> totals = AgingTotals(*lines);
  ASSERT_TRUE(totals.ok());
  ASSERT_EQ(totals->size(), 2u) << "one total per currency, never mixed";
  for (const AgingLine& t : *totals) {
    if (t.key.currency == Usd()) {
      EXPECT_EQ(t.buckets, (std::array<int64_t, 5>{-1900, 10000, 5000, 0, 700}));
      EXPECT_EQ(t.total, 13800);
      EXPECT_EQ(t.items, 5u);
    } else {
      EXPECT_EQ(t.buckets, (std::array<int64_t, 5>{0, 900, 0, 0, 0}));
    }
  }
}

TEST(AgingTest, MergeEqualsOneBuilderAndOverflowIsRefused) {
  const Date as_of = D("2026-06-30");
  AgingBuilder one, a, b;
  for (int i = 0; i < 100; ++i) {
    const AgingKey k{static_cast<uint32_t>(i % 7), static_cast<uint32_t>(i % 2), i % 3 ? Usd() : Eur()};
    const Date due{as_of.days - i};
    one.Add(k, i * 101 - 3000, due, as_of);
    (i < 40 ? a : b).Add(k, i * 101 - 3000, due, as_of);
  }
  a.Merge(b);
  auto x = one.Finish(), y = a.Finish();
  ASSERT_TRUE(x.ok() && y.ok());
  ASSERT_EQ(x->size(), y->size());
  for (size_t i = 0; i < x->size(); ++i) {
    EXPECT_EQ((*x)[i].key, (*y)[i].key);
    EXPECT_EQ((*x)[i].buckets, (*y)[i].buckets);
  }
  AgingBuilder big;
  big.Add(AgingKey{0, 0, Usd()}, INT64_MAX / 2 + 1, as_of, as_of);
  big.Add(AgingKey{0, 0, Usd()}, INT64_MAX / 2 + 1, as_of, as_of);
  EXPECT_EQ(big.Finish().status().code(), StatusCode::kResourceExhausted);
}

TEST(DsoTest, MonthsEndOnAsOf) {
  const std::vector<Period> p = MonthsEndingOn(D("2026-03-15"), 3);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].first, D("2026-01-01"));
  EXPECT_EQ(p[0].last, D("2026-01-31"));
  EXPECT_EQ(p[1].days(), 28);
  EXPECT_EQ(p[2].first, D("2026-03-01"));
  EXPECT_EQ(p[2].last, D("2026-03-15"));
  EXPECT_EQ(MonthsEndingOn(D("2026-01-31"), 2)[0].first, D("2025-12-01"));
}

TEST(DsoTest, BalancesRebuiltAndBothMethodsExact) {
  ReceivablesHistory h(MonthsEndingOn(D("2026-03-15"), 3));
  h.AddInvoice(Usd(), 1000, 0, D("2026-01-10"));
  h.AddSettlement(Usd(), 1000, D("2026-01-10"), D("2026-02-20"));
  h.AddInvoice(Usd(), 500, 500, D("2026-02-05"));
  h.AddInvoice(Usd(), -50, -50, D("2026-02-15"));  // credit memo
  h.AddInvoice(Usd(), 300, 200, D("2026-03-10"));
  h.AddSettlement(Usd(), 100, D("2026-03-10"), D("2026-03-12"));
  h.AddInvoice(Usd(), 999, 999, D("2026-03-16"));  // after as_of: not yet
  h.AddInvoice(Eur(), 100, 100, D("2025-11-01"));  // before the periods: open all along
  Result<std::vector<ReceivablesSeries>> r = h.Finish();
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  const ReceivablesSeries& usd = (*r)[0].currency == Usd() ? (*r)[0] : (*r)[1];
  const ReceivablesSeries& eur = (*r)[0].currency == Usd() ? (*r)[1] : (*r)[0];
  EXPECT_EQ(usd.sales, (std::vector<int64_t>{1000, 450, 300}));
  EXPECT_EQ(usd.ar_end, (std::vector<int64_t>{1000, 450, 650}));
  EXPECT_EQ(eur.sales, (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(eur.ar_end, (std::vector<int64_t>{100, 100, 100}));

  const std::vector<Period>& p = h.periods();
  const Dso now = ComputeDso(usd, p, 3, 3);
  EXPECT_EQ(now.simple_tenths, 275);      // 650 / 1750 * 74 = 27.49
  EXPECT_EQ(now.countback_tenths, 368);   // 15 + 350 / 450 * 28 = 36.78
  EXPECT_FALSE(now.countback_exhausted);
  const Dso jan = ComputeDso(usd, p, 1, 3);
  EXPECT_EQ(jan.simple_tenths, 310);
  EXPECT_EQ(jan.countback_tenths, 310);
  const Dso feb = ComputeDso(usd, p, 2, 3);
  EXPECT_EQ(feb.simple_tenths, 183);     // 450 / 1450 * 59 = 18.31
  EXPECT_EQ(feb.countback_tenths, 280);  // Feb's sales cover the balance exactly
  EXPECT_EQ(ComputeDso(usd, p, 3, 1).simple_tenths, 325);  // 650 / 300 * 15
  const Dso none = ComputeDso(eur, p, 3, 3);
  EXPECT_FALSE(none.simple_tenths.has_value()) << "no sales: undefined";
  EXPECT_EQ(none.countback_tenths, 740);
  EXPECT_TRUE(none.countback_exhausted);
}

TEST(DsoTest, TenthsRoundHalfAwayFromZero) {
  EXPECT_EQ(TenthsOf(1, 4), 3);    // 0.25
  EXPECT_EQ(TenthsOf(-1, 4), -3);
  EXPECT_EQ(TenthsOf(1, 3), 3);
  EXPECT_EQ(TenthsOf(2, 3), 7);
}

PaidItem Item(uint32_t customer, const char* due, const char* paid, int64_t applied = 100) {
  PaidItem i;
  i.customer = customer;
  i.invoice_amount = 100;
  i.invoice_date = Date{D(due).days - 30};
  i.due_date = D(due);
  i.paid_on = D(paid);
  i.applied = applied;
  return i;
}

TEST(BehaviourTest, OnTimeMedianShortPaysDiscountsAndChannel) {
  BehaviourBuilder b;
  b.AddItem(Item(7, "2026-01-31", "2026-01-31"));               // on the due date: on time, 0
  b.AddItem(Item(7, "2026-01-31", "2026-02-10", 90));           // 10 late, short
  b.AddItem(Item(2, "2026-01-31", "2026-01-01"));               // another customer, early
  b.AddItem(Item(7, "2026-01-31", "2026-01-21"));               // 10 early
  PaidItem w = Item(7, "2026-01-31", "2026-03-02", 95);         // 30 late, written off
  w.writeoff = 5;
  b.AddItem(w);
  PaidItem d = Item(7, "2026-03-31", "2026-03-15", 98);  // discount taken 14 days after the invoice date
  d.discount = 2;
  d.discount_days = 10;
  b.AddItem(d);
  b.AddPayment(7, Channel::kWire);
  b.AddPayment(7, Channel::kAch);
  b.AddPayment(7, Channel::kWire);
  b.AddPayment(7, Channel::kAch);
  const std::vector<PaymentBehaviour> all = b.Finish();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].customer, 2u);
  EXPECT_EQ(all[0].median_delay, -30);
  const PaymentBehaviour& c = all[1];
  EXPECT_EQ(c.items, 5u);
  EXPECT_EQ(c.on_time, 3u);
  // Delays -16, -10, 0, 10, 30: the median is 0.
  EXPECT_EQ(c.median_delay, 0);
  EXPECT_EQ(c.days_to_pay_tenths, 328);          // (30 + 40 + 20 + 60 + 14) / 5
  EXPECT_EQ(c.days_beyond_terms_tenths, 80);     // (10 + 30) / 5
  EXPECT_EQ(c.short_pays, 2u) << "the 90 of 100 and the write-off; 98 + 2 discount is whole";
  EXPECT_EQ(c.discounts_taken, 1u);
  EXPECT_EQ(c.discounts_late, 1u);
  EXPECT_EQ(c.payments, 4u);
  EXPECT_EQ(c.preferred, Channel::kAch) << "a tie goes to the lower channel";
}

TEST(BehaviourTest, MedianOfEvenCountIsTheLowerOne) {
  BehaviourBuilder b;
  for (const char* paid : {"2026-02-20", "2026-01-11", "2026-02-05", "2026-02-01"}) b.AddItem(Item(0, "2026-01-31", paid));
  EXPECT_EQ(b.Finish()[0].median_delay, 1);  // -20, 1, 5, 20
}

TEST(BehaviourTest, PredictionFromTheMedianWithAFallback) {
  PaymentBehaviour thin;
  thin.items = 2;
  thin.median_delay = 12;
  PaymentBehaviour known;
  known.items = 3;
  known.median_delay = 12;
  const Date today = D("2026-01-01");
  EXPECT_EQ(PredictPaymentDate(nullptr, D("2026-02-01"), today), D("2026-02-01"));
  EXPECT_EQ(PredictPaymentDate(&thin, D("2026-02-01"), today), D("2026-02-01"));
  EXPECT_EQ(PredictPaymentDate(&known, D("2026-02-01"), today), D("2026-02-13"));
  EXPECT_EQ(PredictPaymentDate(&known, D("2025-11-01"), today), today) << "never before today";
}

TEST(ChannelTest, FromFormatAndTransactionCode) {
  EXPECT_EQ(ChannelOf("nacha", "CCD/22"), Channel::kAch);
  EXPECT_EQ(ChannelOf("lockbox", "check"), Channel::kLockbox);
  EXPECT_EQ(ChannelOf("bai2", "142"), Channel::kAch);
  EXPECT_EQ(ChannelOf("bai2", "195"), Channel::kWire);
  EXPECT_EQ(ChannelOf("bai2", "175"), Channel::kCheck);
  EXPECT_EQ(ChannelOf("bai2", "115"), Channel::kLockbox);
  EXPECT_EQ(ChannelOf("bai2", "399"), Channel::kOther);
  EXPECT_EQ(ChannelOf("camt053", "PMNT/RCDT/ESCT"), Channel::kAch);
  EXPECT_EQ(ChannelOf("camt054", "PMNT/RCDT/XBCT"), Channel::kWire);
  EXPECT_EQ(ChannelOf("camt053", "PMNT/RCHQ/CCHQ"), Channel::kCheck);
  EXPECT_EQ(ChannelOf("mt940", "S103"), Channel::kWire);
  EXPECT_EQ(ChannelOf("mt940", "NCHK"), Channel::kCheck);
  EXPECT_EQ(ChannelOf("csv", "Incoming wire"), Channel::kWire);
  EXPECT_EQ(ChannelOf("jsonl", "ach credit"), Channel::kAch);
  EXPECT_EQ(ChannelOf("csv", ""), Channel::kOther);
}

}  // namespace
}  // namespace cashmatch
