// Store: round trips, atomic commits and id sequences.
#include "cashmatch/store.h"


#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <rocksdb/db.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fault_fs.h"
#include "keys.h"
#include "storage_test_util.h"
#include "store_test_helpers.h"
#include "store_testing.h"

namespace cashmatch {
namespace {

using storage::StoreTesting;

using namespace testing;  // the store test helpers

// ---- Round trips ----

TEST(Store, RoundTripsEveryKindAndSurvivesReopen) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const Customer c = SampleCustomer();
  const Invoice i = SampleInvoice();
  const Payment p = SamplePayment(7);
  const Application a = SampleApplication(3, 0, 7);
  const Batch b = SampleBatch(3);
  const IngestedFile f = SampleFile();
  auto check = [&](const Store& s) {
    EXPECT_EQ(s.GetCustomer(c.customer_id).value(), c);
    EXPECT_EQ(s.GetInvoice(i.company, i.invoice_id).value(), i);
    EXPECT_EQ(s.GetPayment(7).value(), p);
    EXPECT_EQ(s.GetApplication(3, 0).value(), a);
    EXPECT_EQ(s.GetBatch(3).value(), b);
    EXPECT_EQ(s.GetIngestedFile(f.content_hash).value(), f);
  };
  {
    auto store = MustOpen(dir.path());
    ASSERT_NE(store, nullptr);
    WriteSet set;
    set.PutCustomer(c);
    set.PutInvoice(i);
    set.PutPayment(p);
    set.PutApplication(a);
    set.PutBatch(b);
    set.PutIngestedFile(f);
    EXPECT_EQ(set.count(), 6u);
    MustCommit(*store, std::move(set));
    check(*store);
  }
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  check(*store);
}

TEST(Store, SyncedStoreRoundTrips) {
  TempDir dir;
  auto store = MustOpen(dir.path(), StoreOptions{});
  ASSERT_NE(store, nullptr);
  WriteSet set;
  set.PutInvoice(SampleInvoice());
  MustCommit(*store, std::move(set));
  EXPECT_TRUE(store->GetInvoice("US01", "INV-1").ok());
}

TEST(Store, MissingRecordsAreNotFound) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetCustomer("nobody").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetInvoice("US01", "nothing").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetPayment(1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetApplication(1, 0).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetBatch(1).status().code(), StatusCode::kNotFound);
  Result<IngestedFile> f = store->GetIngestedFile("ff");
  EXPECT_EQ(f.status().code(), StatusCode::kNotFound);
  EXPECT_NE(f.status().reason().find("\"ff\""), std::string_view::npos) << f.status().ToString();
}

TEST(Store, OpeningNothingWithoutCreateIsNotFound) {
  TempDir dir;
  StoreOptions no_create = Fast();
  no_create.create_if_missing = false;
  EXPECT_EQ(Store::Open(dir.Sub("store"), no_create).status().code(), StatusCode::kNotFound);
  StoreOptions read_only = Fast();
  read_only.read_only = true;
  EXPECT_EQ(Store::Open(dir.Sub("store"), read_only).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Store::Open(dir.path(), no_create).status().code(), StatusCode::kNotFound);
}

TEST(Store, ReadOnlyStoreReadsButRefusesCommits) {
  TempDir dir;
  auto writer = MustOpen(dir.path());
  ASSERT_NE(writer, nullptr);
  WriteSet set;
  set.PutCustomer(SampleCustomer());
  MustCommit(*writer, std::move(set));
  // Read-only opens take no lock, so they work beside the writer.
  StoreOptions ro = Fast();
  ro.read_only = true;
  auto reader = MustOpen(dir.path(), ro);
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->GetCustomer("C001").ok());
  WriteSet more;
  more.PutCustomer(SampleCustomer("C002"));
  EXPECT_EQ(reader->Commit(std::move(more)).code(), StatusCode::kUnsupported);
}

TEST(Store, CorruptStoredRecordIsReportedNotTrusted) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  set.PutInvoice(SampleInvoice("A"));
  MustCommit(*store, std::move(set));
  ASSERT_TRUE(
      StoreTesting::PutRaw(*store, "invoices", storage::InvoiceKey("US01", "B"), "\x01garbage")
          .ok());
  EXPECT_EQ(store->GetInvoice("US01", "B").status().code(), StatusCode::kCorruption);
  Status scan = store->ForEachInvoice([](const Invoice&) { return true; });
  EXPECT_EQ(scan.code(), StatusCode::kCorruption);
  EXPECT_NE(scan.reason().find("invoices"), std::string_view::npos) << scan.ToString();
  // Replacing it cannot work out its old index entries: refused, not sticky.
  WriteSet replace;
  replace.PutInvoice(SampleInvoice("B"));
  EXPECT_EQ(store->Commit(std::move(replace)).code(), StatusCode::kCorruption);
  WriteSet other;
  other.PutInvoice(SampleInvoice("C"));
  MustCommit(*store, std::move(other));
}

TEST(Store, CompactKeepsEverythingCommitted) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  for (int round = 0; round < 3; ++round) {
    WriteSet set;
    for (int n = 0; n < 1000; ++n) {
      set.PutInvoice(SampleInvoice("INV" + std::to_string(n), "C" + std::to_string(round)));
    }
    set.DeleteInvoice("US01", "INV0");
    MustCommit(*store, std::move(set));
  }
  Status st = store->Compact();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(InvoiceIdsOf(*store, "C2").size(), 999u);
  EXPECT_TRUE(InvoiceIdsOf(*store, "C0").empty());
  StoreOptions ro = Fast();
  ro.read_only = true;
  auto reader = MustOpen(dir.path(), ro);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->Compact().code(), StatusCode::kUnsupported);
}

// ---- Atomicity ----

TEST(Store, NothingIsVisibleBeforeCommitAndEverythingAfter) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  constexpr int kInvoices = 20'000;
  WriteSet set;
  set.PutCustomer(SampleCustomer("C1"));
  for (int n = 0; n < kInvoices; ++n) {
    set.PutInvoice(SampleInvoice("INV" + std::to_string(n), "C1"));
  }
  EXPECT_EQ(set.count(), kInvoices + 1u);
  EXPECT_GT(set.ApproximateBytes(), 0u);
  EXPECT_EQ(store->GetCustomer("C1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetInvoice("US01", "INV0").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(InvoiceIdsOf(*store, "C1").empty());
  MustCommit(*store, std::move(set));
  EXPECT_TRUE(store->GetCustomer("C1").ok());
  size_t scanned = 0;
  ASSERT_TRUE(store->ForEachInvoice([&](const Invoice&) { return ++scanned, true; }).ok());
  EXPECT_EQ(scanned, size_t{kInvoices});
  EXPECT_EQ(InvoiceIdsOf(*store, "C1").size(), size_t{kInvoices});
}

TEST(Store, EmptyAndMovedFromSetsCommitNothing) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet empty;
  EXPECT_TRUE(empty.empty());
  MustCommit(*store, std::move(empty));
  WriteSet set;
  set.PutCustomer(SampleCustomer());
  WriteSet taken = std::move(set);
  MustCommit(*store, std::move(set));  // NOLINT: moved-from is valid and empty
  EXPECT_EQ(store->GetCustomer("C001").status().code(), StatusCode::kNotFound);
  MustCommit(*store, std::move(taken));
  EXPECT_TRUE(store->GetCustomer("C001").ok());
}

TEST(Store, LaterChangesInASetWin) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  Customer c = SampleCustomer();
  set.PutCustomer(c);
  c.name = "Renamed";
  set.PutCustomer(c);
  set.PutCustomer(SampleCustomer("GONE"));
  set.DeleteCustomer("GONE");
  MustCommit(*store, std::move(set));
  EXPECT_EQ(store->GetCustomer("C001")->name, "Renamed");
  EXPECT_EQ(store->GetCustomer("GONE").status().code(), StatusCode::kNotFound);
}


// ---- Id sequences ----

TEST(Store, IdSequencesIncreaseAndSurviveReopen) {
  TempDir dir;
  uint64_t last_batch = 0;
  uint64_t last_payment = 0;
  {
    auto store = MustOpen(dir.path());
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->AllocateBatchId(), 1u);
    const uint64_t b2 = store->AllocateBatchId();
    const uint64_t b3 = store->AllocateBatchId();
    EXPECT_EQ(b2, 2u);
    EXPECT_EQ(b3, 3u);
    const uint64_t first = store->AllocatePaymentIds(100);
    EXPECT_EQ(first, 1u);
    EXPECT_EQ(store->AllocatePaymentIds(1), 101u);
    WriteSet set;
    set.PutBatch(SampleBatch(b2));
    set.PutApplication(SampleApplication(b3, 0, first + 99));
    set.PutPayment(SamplePayment(first + 99));
    MustCommit(*store, std::move(set));
    last_batch = b3;
    last_payment = first + 99;
  }
  {
    auto store = MustOpen(dir.path());
    ASSERT_NE(store, nullptr);
    EXPECT_GT(store->AllocateBatchId(), last_batch);
    EXPECT_GT(store->AllocatePaymentIds(5), last_payment);
    // An id chosen by the caller above the sequence moves the sequence too.
    WriteSet set;
    set.PutPayment(SamplePayment(5'000));
    set.DeletePayment(5'000);  // the mark stays even though the record goes
    MustCommit(*store, std::move(set));
    EXPECT_GT(store->AllocatePaymentIds(1), 5'000u);
  }
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_GT(store->AllocatePaymentIds(1), 5'000u);
}

TEST(Store, ConcurrentAllocationsNeverRepeat) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  std::vector<std::vector<uint64_t>> got(4);
  std::vector<std::thread> threads;
  for (auto& ids : got) {
    threads.emplace_back([&store, &ids] {
      for (int n = 0; n < 10'000; ++n) ids.push_back(store->AllocatePaymentIds(3));
    });
  }
  for (auto& t : threads) t.join();
  std::set<uint64_t> all;
  for (const auto& ids : got) {
    for (uint64_t id : ids) {
      for (uint64_t k = 0; k < 3; ++k) EXPECT_TRUE(all.insert(id + k).second);
    }
  }
}

TEST(Store, CommitsFromManyThreadsAllLand) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      for (int n = 0; n < 50; ++n) {
        WriteSet set;
        // All threads keep moving the same invoice between customers.
        set.PutInvoice(SampleInvoice("SHARED", "T" + std::to_string(t)));
        set.PutInvoice(SampleInvoice("T" + std::to_string(t) + "-" + std::to_string(n), "X"));
        EXPECT_TRUE(store->Commit(std::move(set)).ok());
      }
    });
  }
  // Readers scan while the writers commit.
  size_t seen = 0;
  for (int n = 0; n < 20; ++n) {
    EXPECT_TRUE(store->ForEachInvoice([&](const Invoice&) { return ++seen, true; }).ok());
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(InvoiceIdsOf(*store, "X").size(), 200u);
  const std::string owner = store->GetInvoice("US01", "SHARED")->customer_id;
  for (int t = 0; t < 4; ++t) {
    const std::string c = "T" + std::to_string(t);
    EXPECT_EQ(InvoiceIdsOf(*store, c).size(), c == owner ? 1u : 0u) << c;
  }
}

}  // namespace
}  // namespace cashmatch

namespace cashmatch {
namespace {

// A batch's work items come back in payment order, only that batch's; the
// pending-results set is a plain set of batch ids.
TEST(Store, BatchWorkAndPendingResults) {
  testing::TempDir dir;
  auto store = testing::MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  for (uint64_t batch : {7u, 8u}) {
    for (uint64_t payment : {30u, 4u, 500u}) {
      BatchWorkItem w;
      w.item.batch_id = batch;
      w.item.payment_id = payment;
      w.item.reason = "batch " + std::to_string(batch);
      w.payment = testing::SamplePayment(payment);
      set.PutBatchWork(w);
    }
    set.MarkResultsPending(batch);
  }
  set.MarkResultsPending(300);
  set.ClearResultsPending(8);
  testing::MustCommit(*store, std::move(set));
  std::vector<uint64_t> ids;
  ASSERT_TRUE(store->ForEachBatchWork(7, [&](const BatchWorkItem& w) {
    EXPECT_EQ(w.item.reason, "batch 7");
    ids.push_back(w.payment.payment_id);
    return true;
  }).ok());
  EXPECT_EQ(ids, (std::vector<uint64_t>{4, 30, 500}));
  ids.clear();
  ASSERT_TRUE(store->ForEachResultsPending([&](uint64_t id) { return ids.push_back(id), true; }).ok());
  EXPECT_EQ(ids, (std::vector<uint64_t>{7, 300}));
  int none = 0;
  ASSERT_TRUE(store->ForEachBatchWork(9, [&](const BatchWorkItem&) { return ++none, true; }).ok());
  EXPECT_EQ(none, 0);
}

}  // namespace
}  // namespace cashmatch
