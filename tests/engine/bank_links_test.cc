#include "cashmatch/bank_links.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cashmatch {
namespace {

Money Usd(int64_t minor) { return Money{minor, *Currency::FromCode("USD")}; }
Date Day(unsigned d) { return Date::FromCivil(2026, 11, d); }

Payment Credit(std::string ref, int64_t minor, unsigned day, std::string trace = "") {
  Payment p;
  p.format = "bai2";
  p.source_ref = std::move(ref);
  p.trace_number = std::move(trace);
  p.amount = Usd(minor);
  p.value_date = Day(day);
  return p;
}

RemittanceAdvice Advice(std::string trace, int64_t minor, unsigned day) {
  RemittanceAdvice a;
  a.format = "x12_820";
  a.source_ref = trace;
  a.trace_number = std::move(trace);
  a.amount = Usd(minor);
  a.payment_date = day == 0 ? Date{} : Day(day);
  RemittanceLine line;
  line.reference = "INV-1";
  line.paid = Usd(minor);
  a.remittance = {line};
  a.payer_name = "ACME";
  return a;
}

struct Pair {
  size_t payment, advice;
  AdviceJoinRule rule;
  friend bool operator==(const Pair&, const Pair&) = default;
};

std::vector<Pair> Joins(const std::vector<Payment>& p, const std::vector<RemittanceAdvice>& a) {
  std::vector<Pair> out;
  for (const AdviceJoin& j : PlanAdviceJoins(p, a)) out.push_back({j.payment, j.advice, j.rule});
  return out;
}

constexpr auto kTrace = AdviceJoinRule::kTraceNumber;
constexpr auto kAmount = AdviceJoinRule::kAmountAndDate;

TEST(AdviceJoin, ByTraceNumberIgnoringPaddingAndCase) {
  std::vector<Payment> pays = {Credit("B1", 500, 20, "000091000010000123"),
                               Credit("ab-77", 900, 20)};
  std::vector<RemittanceAdvice> advs = {Advice("AB77", 900, 0), Advice("91000010000123", 500, 1)};
  EXPECT_EQ(Joins(pays, advs), (std::vector<Pair>{{0, 1, kTrace}, {1, 0, kTrace}}));
}

TEST(AdviceJoin, TraceWithAnotherAmountDoesNotJoin) {
  std::vector<Payment> pays = {Credit("B1", 500, 20, "T1")};
  // Neither by trace (amounts differ) nor by amount.
  EXPECT_TRUE(Joins(pays, {Advice("T1", 501, 20)}).empty());
  // Two payments with the trace: the one with the amount takes it.
  pays.push_back(Credit("B2", 501, 20, "T1"));
  EXPECT_EQ(Joins(pays, {Advice("T1", 501, 20)}), (std::vector<Pair>{{1, 0, kTrace}}));
}

TEST(AdviceJoin, ByAmountAndDateWhenUnambiguous) {
  std::vector<Payment> pays = {Credit("B1", 500, 20), Credit("B2", 700, 20)};
  EXPECT_EQ(Joins(pays, {Advice("X", 700, 22)}), (std::vector<Pair>{{1, 0, kAmount}}));
  // Outside the window.
  EXPECT_TRUE(Joins(pays, {Advice("X", 700, 24)}).empty());
  // No date on the advice: amount alone is not enough.
  EXPECT_TRUE(Joins(pays, {Advice("X", 700, 0)}).empty());
  // Another currency.
  RemittanceAdvice eur = Advice("X", 700, 20);
  eur.amount.currency = *Currency::FromCode("EUR");
  EXPECT_TRUE(Joins(pays, {eur}).empty());
}

TEST(AdviceJoin, AmbiguityEitherWayJoinsNothing) {
  // Two payments fit one advice.
  EXPECT_TRUE(Joins({Credit("B1", 700, 20), Credit("B2", 700, 21)}, {Advice("X", 700, 20)}).empty());
  // Two advices fit one payment.
  EXPECT_TRUE(Joins({Credit("B1", 700, 20)}, {Advice("X", 700, 20), Advice("Y", 700, 19)}).empty());
}

TEST(AdviceJoin, TraceJoinsFirstAndFreeTheRest) {
  // The trace join takes payment 0; the other advice of the same amount then
  // fits only payment 1.
  std::vector<Payment> pays = {Credit("B1", 700, 20, "T1"), Credit("B2", 700, 20)};
  std::vector<RemittanceAdvice> advs = {Advice("OTHER", 700, 20), Advice("T1", 700, 20)};
  EXPECT_EQ(Joins(pays, advs), (std::vector<Pair>{{0, 1, kTrace}, {1, 0, kAmount}}));
}

TEST(AdviceJoin, OnlyPlainCreditsTakeAdvices) {
  Payment debit = Credit("B1", 700, 20, "T1");
  debit.direction = Direction::kDebit;
  Payment ret = Credit("B2", 700, 20, "T1");
  ret.is_return = true;
  Payment batch = Credit("B3", 700, 20, "T1");
  batch.batch_count = 3;
  Payment gone = Credit("B4", 700, 20, "T1");
  gone.superseded_by = "day.camt054";
  for (const Payment& p : {debit, ret, batch, gone}) {
    EXPECT_FALSE(CanTakeAdvice(p));
    EXPECT_TRUE(Joins({p}, {Advice("T1", 700, 20)}).empty());
  }
  EXPECT_TRUE(CanTakeAdvice(Credit("B5", 1, 1)));
}

TEST(AdviceJoin, MergeKeepsTheBanksOwnStructuredLines) {
  RemittanceAdvice adv = Advice("T1", 700, 20);
  adv.remittance_text = "REF BY PAYER";
  Payment bare = Credit("B1", 700, 20);
  MergeAdvice(adv, &bare);
  ASSERT_EQ(bare.remittance.size(), 1u);
  EXPECT_EQ(bare.remittance[0].reference, "INV-1");
  EXPECT_EQ(bare.payer_name, "ACME");
  EXPECT_EQ(bare.remittance_text, "REF BY PAYER");

  Payment ctx = Credit("B2", 700, 20);
  RemittanceLine own;
  own.reference = "INV-9";
  ctx.remittance = {own};
  ctx.payer_name = "ACME CORP";
  ctx.remittance_text = "CTX";
  MergeAdvice(adv, &ctx);
  ASSERT_EQ(ctx.remittance.size(), 1u);
  EXPECT_EQ(ctx.remittance[0].reference, "INV-9");
  EXPECT_EQ(ctx.payer_name, "ACME CORP");
  EXPECT_EQ(ctx.remittance_text, "CTX REF BY PAYER");

  // A CCD entry's name is cut at 16 characters; the advice has it whole.
  RemittanceAdvice full = Advice("T1", 700, 20);
  full.payer_name = "Mueller Chemicals GmbH #845";
  Payment ccd = Credit("B3", 700, 20);
  ccd.payer_name = "MUELLER CHEMICAL";
  MergeAdvice(full, &ccd);
  EXPECT_EQ(ccd.payer_name, "Mueller Chemicals GmbH #845");
  Payment other = Credit("B4", 700, 20);
  other.payer_name = "MUELLER TRADING";
  MergeAdvice(full, &other);
  EXPECT_EQ(other.payer_name, "MUELLER TRADING");
}

TEST(SameBankItem, SameReferenceAmountDateAndAccount) {
  Payment a = Credit("BANKREF1", 500, 20);
  a.account = "DE89370400440532013000";
  Payment b = a;
  b.source_file = "eod.xml";
  EXPECT_TRUE(SameBankItem(a, b));
  b.account = "";  // a format that does not say
  EXPECT_TRUE(SameBankItem(a, b));
  Payment other = b;
  other.account = "DE02120300000000202051";
  EXPECT_FALSE(SameBankItem(a, other));
  Payment twice = a;  // the payer paid again: another bank reference
  twice.source_ref = "BANKREF2";
  EXPECT_FALSE(SameBankItem(a, twice));
  Payment later = a;
  later.value_date = Day(21);
  EXPECT_FALSE(SameBankItem(a, later));
  Payment more = a;
  more.amount = Usd(501);
  EXPECT_FALSE(SameBankItem(a, more));
  Payment debit = a;
  debit.direction = Direction::kDebit;
  EXPECT_FALSE(SameBankItem(a, debit));
  for (const char* placeholder : {"", "NONREF", "NOTPROVIDED", "nonref"}) {
    Payment x = Credit(placeholder, 500, 20);
    EXPECT_FALSE(SameBankItem(x, x)) << placeholder;
  }
}

TEST(Breakdown, PartsMustAddUpToTheBatch) {
  Payment batch = Credit("E1", 1'000, 20);
  batch.batch_count = 3;
  std::vector<Payment> parts = {Credit("T1", 200, 20), Credit("T2", 300, 20),
                                Credit("T3", 500, 20)};
  EXPECT_TRUE(IsBreakdownOf(batch, parts));
  parts[2].amount = Usd(499);
  EXPECT_FALSE(IsBreakdownOf(batch, parts));
  parts[2].amount = Usd(500);
  parts[2].direction = Direction::kDebit;
  EXPECT_FALSE(IsBreakdownOf(batch, parts));
  parts[2].direction = Direction::kCredit;
  Payment single = batch;
  single.batch_count = 1;
  EXPECT_FALSE(IsBreakdownOf(single, parts));
  Payment done = batch;
  done.superseded_by = "earlier.xml";
  EXPECT_FALSE(IsBreakdownOf(done, parts));
  EXPECT_FALSE(IsBreakdownOf(batch, {}));
}

}  // namespace
}  // namespace cashmatch
