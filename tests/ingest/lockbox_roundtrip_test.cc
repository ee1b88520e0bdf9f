// Random checks through WriteLockbox and back, in the spec's layout and in
// others: amounts, MICR, check numbers, remitter names, invoices come back;
// batch, lockbox and transmission splits keep every control consistent.
#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "bank_writers.h"
#include "ingest/lockbox_test_util.h"
#include "names.h"

namespace cashmatch {
namespace {

using testing::Cur;

std::string Digits(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng() % 10));
  return s;
}

// A check that fits the spec layout's fields.
Payment RandomCheck(std::mt19937_64& rng, Date date, bool with_name) {
  const Currency usd = Cur("USD");
  Payment p;
  p.amount = Money{static_cast<int64_t>(1 + rng() % 500000000), usd};
  p.value_date = date;
  if (rng() % 10) p.payer_account = "0" + Digits(rng, 8) + ":" + Digits(rng, 4 + static_cast<int>(rng() % 7));
  if (rng() % 10) p.trace_number = Digits(rng, 4 + static_cast<int>(rng() % 7));
  if (with_name && rng() % 10) {
    auto names = gen::NameWords();
    p.payer_name = std::string(names[rng() % names.size()]) + " CO";
  }
  const int lines = static_cast<int>(rng() % 6);
  for (int i = 0; i < lines; ++i) {
    RemittanceLine l;
    l.reference = "INV-" + Digits(rng, 1 + static_cast<int>(rng() % 11));
    if (rng() % 8) l.paid = Money{static_cast<int64_t>(rng() % 100000000), usd};
    if (rng() % 3 == 0) l.discount = Money{static_cast<int64_t>(rng() % 100000), usd};
    p.remittance.push_back(std::move(l));
  }
  return p;
}

void RoundTrip(const LockboxLayout& layout, bool with_name, uint64_t seed, size_t n,
               const std::string& lockbox) {
  SCOPED_TRACE(seed);
  std::mt19937_64 rng(seed);
  gen::BankWriteOptions o;
  o.seed = seed;
  o.account = lockbox;
  std::vector<Payment> want;
  for (size_t i = 0; i < n; ++i) want.push_back(RandomCheck(rng, o.date, with_name));
  const std::string bytes = gen::WriteLockbox(want, o, layout);
  Result<BankFile> r = ReadBankFile(bytes, "rt.lbx", testing::LockboxOptions(layout));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  testing::ExpectWellFormed(*r, "rt.lbx");
  ASSERT_EQ(r->payments.size(), want.size());
  const std::regex ref("[0-9]{3}-[0-9]{3}");
  std::set<std::string> refs;
  for (size_t i = 0; i < want.size(); ++i) {
    const Payment& w = want[i];
    const Payment& g = r->payments[i];
    SCOPED_TRACE(i);
    EXPECT_EQ(g.amount, w.amount);
    EXPECT_EQ(g.direction, Direction::kCredit);
    EXPECT_EQ(g.value_date, o.date);
    EXPECT_EQ(g.payer_account, w.payer_account);
    EXPECT_EQ(g.trace_number, w.trace_number);
    EXPECT_EQ(g.payer_name, w.payer_name);
    EXPECT_EQ(g.remittance, w.remittance);
    EXPECT_EQ(g.account, lockbox);
    EXPECT_EQ(g.transaction_code, "check");
    EXPECT_TRUE(std::regex_match(g.source_ref, ref)) << g.source_ref;
    refs.insert(g.source_ref);
  }
  // Batch-item references are unique within one transmission of this size.
  if (n <= 999) {
    EXPECT_EQ(refs.size(), n);
  }
}

TEST(LockboxRoundTrip, SpecLayout) {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    RoundTrip(LockboxLayout::Default(), false, seed, 300, "0012345");
  }
}

TEST(LockboxRoundTrip, FundersClubLayout) {
  LockboxLayout l = testing::FundersClubLayout();
  ASSERT_TRUE(SetLockboxField(&l, "overflow_amount", {28, 10}).ok());
  ASSERT_TRUE(SetLockboxField(&l, "overflow_discount", {38, 10}).ok());
  for (uint64_t seed = 10; seed <= 12; ++seed) RoundTrip(l, true, seed, 300, "0022222");
}

// A wider bank layout, dates MMDDYY, and fields so narrow that the writer
// must split batches (9 checks), lockboxes (99) and transmissions (999
// records) to keep every control in range.
TEST(LockboxRoundTrip, NarrowControlsSplitTheFile) {
  LockboxLayout l = LockboxLayout::Default();
  l.record_length = 120;
  l.date_order = LockboxLayout::DateOrder::kMmddyy;
  ASSERT_TRUE(SetLockboxField(&l, "check_remitter", {81, 30}).ok());
  ASSERT_TRUE(SetLockboxField(&l, "batch_total_items", {21, 1}).ok());
  ASSERT_TRUE(SetLockboxField(&l, "lockbox_total_items", {21, 2}).ok());
  ASSERT_TRUE(SetLockboxField(&l, "file_record_count", {2, 3}).ok());
  RoundTrip(l, true, 99, 2000, "7654321");
  gen::BankWriteOptions o;
  const std::string bytes = gen::WriteLockbox({}, o, l);
  Result<BankFile> empty = ReadBankFile(bytes, "e.lbx", testing::LockboxOptions(l));
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->payments.empty());
}

TEST(LockboxRoundTrip, DebitsAreNotChecks) {
  std::mt19937_64 rng(3);
  gen::BankWriteOptions o;
  std::vector<Payment> p = {RandomCheck(rng, o.date, false), RandomCheck(rng, o.date, false)};
  p[0].direction = Direction::kDebit;
  Result<BankFile> r = ReadBankFile(gen::WriteLockbox(p, o), "d.lbx", testing::LockboxOptions());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->payments.size(), 1u);
  EXPECT_EQ(r->payments[0].amount, p[1].amount);
}

}  // namespace
}  // namespace cashmatch
