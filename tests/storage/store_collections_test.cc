// Deductions and sent reminders in the store (schema 4): round trips, the
// by-invoice index, batch snapshots, and the upgrade of a schema-3 store.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <set>

#include "cashmatch/record_coding.h"
#include "storage_test_util.h"
#include "store_test_helpers.h"

namespace cashmatch {
namespace {
using namespace ::cashmatch::testing;

Deduction SampleDeduction(uint64_t batch, uint32_t seq, std::string invoice = "INV-1") {
  Deduction d;
  d.batch_id = batch;
  d.seq = seq;
  d.company = "ACME";
  d.invoice_id = std::move(invoice);
  d.customer_id = "C001";
  d.payment_id = 7;
  d.amount = Usd(12'345);
  d.reason = "ADX*01";
  d.status = DeductionStatus::kUnderReview;
  d.notes = {{Timestamp{5}, "called the payer"}, {Timestamp{9}, ""}};
  d.created = Timestamp{1};
  d.updated = Timestamp{9};
  d.updated_batch = batch + 3;
  return d;
}

TEST(DeductionCoding, RoundTripsAndRejectsGarbage) {
  const Deduction d = SampleDeduction(4, 2);
  std::string bytes;
  EncodeTo(d, &bytes);
  Deduction back;
  ASSERT_TRUE(DecodeFrom(bytes, &back).ok());
  EXPECT_EQ(back, d);
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DecodeFrom(std::string_view(bytes).substr(0, n), &back).ok()) << n;
  }
  EXPECT_FALSE(DecodeFrom(bytes + "x", &back).ok());
  std::string bad_status = bytes;
  Deduction d6 = d;
  d6.status = static_cast<DeductionStatus>(6);
  bad_status.clear();
  EncodeTo(d6, &bad_status);
  EXPECT_EQ(DecodeFrom(bad_status, &back).code(), StatusCode::kCorruption);
}

TEST(SentReminderCoding, RoundTrips) {
  SentReminder s{"C001", "ACME", "INV-9", "final notice", Timestamp{77}, Date{20000}, Usd(-5),
                 "a@x.example,b@x.example"};
  std::string bytes;
  EncodeTo(s, &bytes);
  SentReminder back;
  ASSERT_TRUE(DecodeFrom(bytes, &back).ok());
  EXPECT_EQ(back, s);
  EXPECT_FALSE(DecodeFrom(bytes.substr(0, bytes.size() - 1), &back).ok());
}

TEST(DeductionId, ParsesBatchDashSeq) {
  EXPECT_EQ(ParseDeductionId("12-3"), std::make_pair(uint64_t{12}, uint32_t{3}));
  EXPECT_EQ(SampleDeduction(12, 3).id(), "12-3");
  for (const char* bad : {"", "12", "12-", "-3", "12-3x", "a-1", "1-99999999999"}) {
    EXPECT_FALSE(ParseDeductionId(bad)) << bad;
  }
  EXPECT_EQ(ParseDeductionStatus("under-review"), DeductionStatus::kUnderReview);
  EXPECT_EQ(ParseDeductionStatus("written_off"), DeductionStatus::kWrittenOff);
  EXPECT_FALSE(ParseDeductionStatus("closed"));
}

TEST(StoreDeductions, PointScanIndexAndBatchSnapshots) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  {
    WriteSet set;
    set.PutDeduction(SampleDeduction(5, 1, "INV-1"));
    set.PutDeduction(SampleDeduction(5, 2, "INV-2"));
    set.PutDeduction(SampleDeduction(3, 0, "INV-1"));
    set.PutBatchDeduction(5, SampleDeduction(5, 1, "INV-1"));
    set.PutBatchDeduction(5, SampleDeduction(5, 2, "INV-2"));
    MustCommit(*store, std::move(set));
  }
  // A later change replaces the record; the index entry stays one.
  Deduction changed = SampleDeduction(5, 1, "INV-1");
  changed.status = DeductionStatus::kResolvedValid;
  {
    WriteSet set;
    set.PutDeduction(changed);
    set.PutBatchDeduction(8, changed);
    MustCommit(*store, std::move(set));
  }
  Result<Deduction> got = store->GetDeduction(5, 1);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, changed);
  EXPECT_EQ(store->GetDeduction(5, 9).status().code(), StatusCode::kNotFound);

  std::vector<std::string> all, of_inv1, of_b5, of_b8;
  ASSERT_TRUE(store->ForEachDeduction([&](const Deduction& d) { return all.push_back(d.id()), true; }).ok());
  ASSERT_TRUE(store->ForEachDeductionOfInvoice("ACME", "INV-1", [&](const Deduction& d) {
    return of_inv1.push_back(d.id()), true;
  }).ok());
  ASSERT_TRUE(store->ForEachBatchDeduction(5, [&](const Deduction& d) {
    EXPECT_EQ(d.status, DeductionStatus::kUnderReview);  // as batch 5 left it
    return of_b5.push_back(d.id()), true;
  }).ok());
  ASSERT_TRUE(store->ForEachBatchDeduction(8, [&](const Deduction& d) {
    return of_b8.push_back(d.id()), true;
  }).ok());
  EXPECT_EQ(all, (std::vector<std::string>{"3-0", "5-1", "5-2"}));
  EXPECT_EQ(of_inv1, (std::vector<std::string>{"3-0", "5-1"}));
  EXPECT_EQ(of_b5, (std::vector<std::string>{"5-1", "5-2"}));
  EXPECT_EQ(of_b8, (std::vector<std::string>{"5-1"}));
}

TEST(StoreReminders, ScansByCustomer) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  for (const char* c : {"C2", "C1", "C10"}) {
    set.PutSentReminder({c, "", "INV-" + std::string(c), "reminder 7", Timestamp{1}, Date{2},
                         Usd(100), "x@y.example"});
  }
  set.PutSentReminder({"C1", "", "INV-C1", "final", Timestamp{1}, Date{2}, Usd(100), ""});
  MustCommit(*store, std::move(set));
  std::vector<std::string> all, c1;
  ASSERT_TRUE(store->ForEachSentReminder([&](const SentReminder& r) {
    return all.push_back(r.customer_id + "/" + r.step), true;
  }).ok());
  ASSERT_TRUE(store->ForEachSentReminderOfCustomer("C1", [&](const SentReminder& r) {
    return c1.push_back(r.step), true;
  }).ok());
  EXPECT_EQ(all, (std::vector<std::string>{"C1/final", "C1/reminder 7", "C10/reminder 7", "C2/reminder 7"}));
  EXPECT_EQ(c1, (std::vector<std::string>{"final", "reminder 7"}));
}

// A schema-3 store (before deductions and reminders) is upgraded in place
// when opened for writing; read-only it is explained until then.
TEST(StoreDeductions, SchemaThreeStoreIsUpgradedInPlace) {
  TempDir dir;
  {
    auto store = MustOpen(dir.path());
    ASSERT_NE(store, nullptr);
    WriteSet set;
    set.PutPayment(SamplePayment(4));
    MustCommit(*store, std::move(set));
  }
  {
    rocksdb::DBOptions o;
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(o, dir.path(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(o, dir.path(), cfs, &handles, &db).ok());
    const std::set<std::string> drop = {"deductions", "idx_deductions_by_invoice",
                                        "batch_deductions", "reminders"};
    for (auto* h : handles) {
      if (drop.contains(h->GetName())) {
        ASSERT_TRUE(db->DropColumnFamily(h).ok());
      }
      if (h->GetName() == "meta") {
        ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), h, "schema_version",
                            rocksdb::Slice("\0\0\0\x03", 4))
                        .ok());
      }
    }
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
    delete db;
  }
  StoreOptions read_only = Fast();
  read_only.read_only = true;
  EXPECT_EQ(Store::Open(dir.path(), read_only).status().code(), StatusCode::kUnsupported);
  {
    auto store = MustOpen(dir.path());
    ASSERT_NE(store, nullptr);
    EXPECT_TRUE(store->GetPayment(4).ok());
    WriteSet set;
    set.PutDeduction(SampleDeduction(2, 0));
    MustCommit(*store, std::move(set));
  }
  auto again = Store::Open(dir.path(), read_only);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE((*again)->GetDeduction(2, 0).ok());
}

}  // namespace
}  // namespace cashmatch
