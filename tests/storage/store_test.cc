// Store: round trips, atomic commits, index maintenance, scan order, id
// sequences, schema version, the directory lock and sticky write errors.
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
#include "store_testing.h"

extern char** environ;

namespace cashmatch {
namespace {

using storage::StoreTesting;
using testing::SampleApplication;
using testing::SampleBatch;
using testing::SampleCustomer;
using testing::SampleFile;
using testing::SampleInvoice;
using testing::SamplePayment;
using testing::TempDir;

// Tests need no durability against power loss; unsynced commits keep them
// fast. The sync path is exercised by the benchmark and by StoreOptions'
// default in SyncedStoreRoundTrips.
StoreOptions Fast() {
  StoreOptions o;
  o.sync = false;
  return o;
}

std::unique_ptr<Store> MustOpen(const std::string& dir, StoreOptions options = Fast()) {
  Result<std::unique_ptr<Store>> r = Store::Open(dir, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : nullptr;
}

void MustCommit(Store& store, WriteSet&& set) {
  Status st = store.Commit(std::move(set));
  ASSERT_TRUE(st.ok()) << st.ToString();
}

std::vector<std::string> InvoiceIdsOf(const Store& store, std::string_view customer) {
  std::vector<std::string> ids;
  Status st = store.ForEachInvoiceOfCustomer(customer, [&](const Invoice& v) {
    ids.push_back(v.invoice_id);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return ids;
}

using AppKey = std::pair<uint64_t, uint32_t>;

std::vector<AppKey> Keys(Status st, const std::vector<AppKey>& keys) {
  EXPECT_TRUE(st.ok()) << st.ToString();
  return keys;
}

std::vector<AppKey> AppsOfInvoice(const Store& s, std::string_view company, std::string_view id) {
  std::vector<AppKey> k;
  Status st = s.ForEachApplicationOfInvoice(company, id, [&](const Application& a) {
    k.emplace_back(a.batch_id, a.seq);
    return true;
  });
  return Keys(std::move(st), k);
}

std::vector<AppKey> AppsOfPayment(const Store& s, uint64_t payment) {
  std::vector<AppKey> k;
  Status st = s.ForEachApplicationOfPayment(payment, [&](const Application& a) {
    k.emplace_back(a.batch_id, a.seq);
    return true;
  });
  return Keys(std::move(st), k);
}

std::vector<AppKey> AppsOfCustomer(const Store& s, std::string_view customer) {
  std::vector<AppKey> k;
  Status st = s.ForEachApplicationOfCustomer(customer, [&](const Application& a) {
    k.emplace_back(a.batch_id, a.seq);
    return true;
  });
  return Keys(std::move(st), k);
}

std::vector<AppKey> AppsOfBatch(const Store& s, uint64_t batch) {
  std::vector<AppKey> k;
  Status st = s.ForEachApplicationOfBatch(batch, [&](const Application& a) {
    k.emplace_back(a.batch_id, a.seq);
    return true;
  });
  return Keys(std::move(st), k);
}

std::vector<uint64_t> PaymentsWithRef(const Store& s, PaymentRefKind kind, std::string_view ref) {
  std::vector<uint64_t> ids;
  Status st = s.ForEachPaymentWithRef(kind, ref, [&](const Payment& p) {
    ids.push_back(p.payment_id);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return ids;
}

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

// ---- Secondary indexes ----

TEST(Store, InvoiceMovedToAnotherCustomerMovesItsIndexEntry) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet first;
  first.PutInvoice(SampleInvoice("INV-1", "C1"));
  first.PutInvoice(SampleInvoice("INV-2", "C1"));
  MustCommit(*store, std::move(first));
  EXPECT_EQ(InvoiceIdsOf(*store, "C1"), (std::vector<std::string>{"INV-1", "INV-2"}));

  WriteSet move;
  move.PutInvoice(SampleInvoice("INV-1", "C2"));
  MustCommit(*store, std::move(move));
  EXPECT_EQ(InvoiceIdsOf(*store, "C1"), (std::vector<std::string>{"INV-2"}));
  EXPECT_EQ(InvoiceIdsOf(*store, "C2"), (std::vector<std::string>{"INV-1"}));

  // Several moves in one set: only the last customer keeps it.
  WriteSet hops;
  hops.PutInvoice(SampleInvoice("INV-2", "C3"));
  hops.PutInvoice(SampleInvoice("INV-2", "C4"));
  hops.PutInvoice(SampleInvoice("INV-1", "C1"));
  hops.PutInvoice(SampleInvoice("INV-1", "C2"));  // back where it was
  MustCommit(*store, std::move(hops));
  EXPECT_TRUE(InvoiceIdsOf(*store, "C1").empty());
  EXPECT_EQ(InvoiceIdsOf(*store, "C2"), (std::vector<std::string>{"INV-1"}));
  EXPECT_TRUE(InvoiceIdsOf(*store, "C3").empty());
  EXPECT_EQ(InvoiceIdsOf(*store, "C4"), (std::vector<std::string>{"INV-2"}));

  // Rewriting with the same customer keeps the entry.
  WriteSet same;
  Invoice paid = SampleInvoice("INV-2", "C4");
  paid.open_amount.minor = 0;
  same.PutInvoice(paid);
  MustCommit(*store, std::move(same));
  EXPECT_EQ(InvoiceIdsOf(*store, "C4"), (std::vector<std::string>{"INV-2"}));

  WriteSet del;
  del.DeleteInvoice("US01", "INV-2");
  del.DeleteInvoice("US01", "never-existed");
  MustCommit(*store, std::move(del));
  EXPECT_TRUE(InvoiceIdsOf(*store, "C4").empty());

  // Put then delete in one set leaves no entry either.
  WriteSet flicker;
  flicker.PutInvoice(SampleInvoice("INV-9", "C9"));
  flicker.DeleteInvoice("US01", "INV-9");
  MustCommit(*store, std::move(flicker));
  EXPECT_TRUE(InvoiceIdsOf(*store, "C9").empty());
}

TEST(Store, InvoicesOfACustomerSpanCompaniesWithoutPrefixConfusion) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  set.PutInvoice(SampleInvoice("X", "AB", "US01"));
  set.PutInvoice(SampleInvoice("Y", "AB", "DE01"));
  set.PutInvoice(SampleInvoice("Z", "ABC", "US01"));
  set.PutInvoice(SampleInvoice("W", "A", "US01"));
  set.PutInvoice(SampleInvoice("V", std::string("AB\0", 3), "US01"));
  MustCommit(*store, std::move(set));
  EXPECT_EQ(InvoiceIdsOf(*store, "AB"), (std::vector<std::string>{"Y", "X"}));  // DE01 < US01
  EXPECT_EQ(InvoiceIdsOf(*store, "A"), (std::vector<std::string>{"W"}));
}

TEST(Store, ApplicationIndexesFollowUpdatesAndDeletes) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  set.PutApplication(SampleApplication(2, 10, 5, "INV-1", "C1"));
  set.PutApplication(SampleApplication(2, 2, 5, "INV-1", "C1"));
  set.PutApplication(SampleApplication(1, 0, 6, "INV-1", "C1"));
  set.PutApplication(SampleApplication(2, 11, 5, "", "C1"));  // on account
  set.PutApplication(SampleApplication(3, 0, 6, "INV-2", "C2"));
  MustCommit(*store, std::move(set));

  EXPECT_EQ(AppsOfInvoice(*store, "US01", "INV-1"), (std::vector<AppKey>{{1, 0}, {2, 2}, {2, 10}}));
  EXPECT_EQ(AppsOfInvoice(*store, "US01", ""), std::vector<AppKey>{});
  EXPECT_EQ(AppsOfPayment(*store, 5), (std::vector<AppKey>{{2, 2}, {2, 10}, {2, 11}}));
  EXPECT_EQ(AppsOfPayment(*store, 6), (std::vector<AppKey>{{1, 0}, {3, 0}}));
  EXPECT_EQ(AppsOfCustomer(*store, "C1"), (std::vector<AppKey>{{1, 0}, {2, 2}, {2, 10}, {2, 11}}));
  EXPECT_EQ(AppsOfBatch(*store, 2), (std::vector<AppKey>{{2, 2}, {2, 10}, {2, 11}}));

  WriteSet change;
  change.PutApplication(SampleApplication(2, 10, 6, "INV-2", "C2"));  // new payment and invoice
  change.DeleteApplication(1, 0);
  MustCommit(*store, std::move(change));
  EXPECT_EQ(AppsOfInvoice(*store, "US01", "INV-1"), (std::vector<AppKey>{{2, 2}}));
  EXPECT_EQ(AppsOfInvoice(*store, "US01", "INV-2"), (std::vector<AppKey>{{2, 10}, {3, 0}}));
  EXPECT_EQ(AppsOfPayment(*store, 5), (std::vector<AppKey>{{2, 2}, {2, 11}}));
  EXPECT_EQ(AppsOfPayment(*store, 6), (std::vector<AppKey>{{2, 10}, {3, 0}}));
  EXPECT_EQ(AppsOfCustomer(*store, "C1"), (std::vector<AppKey>{{2, 2}, {2, 11}}));
  EXPECT_EQ(AppsOfCustomer(*store, "C2"), (std::vector<AppKey>{{2, 10}, {3, 0}}));
  EXPECT_EQ(store->GetApplication(1, 0).status().code(), StatusCode::kNotFound);
}

TEST(Store, PaymentsAreFoundByReference) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  Payment a = SamplePayment(1);
  a.source_ref = "R-1";
  a.trace_number = "T-1";
  Payment b = SamplePayment(2);
  b.source_ref = "R-1";  // banks reuse references
  b.trace_number = "";
  Payment c = SamplePayment(3);
  c.source_ref = "R-10";
  c.trace_number = "R-1";  // same text, other kind
  WriteSet set;
  set.PutPayment(b);
  set.PutPayment(a);
  set.PutPayment(c);
  MustCommit(*store, std::move(set));
  EXPECT_EQ(PaymentsWithRef(*store, PaymentRefKind::kSourceRef, "R-1"),
            (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(PaymentsWithRef(*store, PaymentRefKind::kTraceNumber, "R-1"),
            (std::vector<uint64_t>{3}));
  EXPECT_EQ(PaymentsWithRef(*store, PaymentRefKind::kTraceNumber, "T-1"),
            (std::vector<uint64_t>{1}));
  EXPECT_TRUE(PaymentsWithRef(*store, PaymentRefKind::kTraceNumber, "").empty());

  WriteSet fix;
  a.source_ref = "R-2";
  fix.PutPayment(a);
  fix.DeletePayment(3);
  MustCommit(*store, std::move(fix));
  EXPECT_EQ(PaymentsWithRef(*store, PaymentRefKind::kSourceRef, "R-1"), (std::vector<uint64_t>{2}));
  EXPECT_EQ(PaymentsWithRef(*store, PaymentRefKind::kSourceRef, "R-2"), (std::vector<uint64_t>{1}));
  EXPECT_TRUE(PaymentsWithRef(*store, PaymentRefKind::kTraceNumber, "R-1").empty());
}

TEST(Store, UnappliedSetListsMarkedPayments) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  for (uint64_t id : {300u, 2u, 10u}) {
    set.PutPayment(SamplePayment(id));
    set.MarkUnapplied(id);
  }
  MustCommit(*store, std::move(set));
  WriteSet applied;
  applied.ClearUnapplied(10);
  MustCommit(*store, std::move(applied));
  std::vector<uint64_t> ids;
  ASSERT_TRUE(store
                  ->ForEachUnappliedPayment([&](const Payment& p) {
                    ids.push_back(p.payment_id);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(ids, (std::vector<uint64_t>{2, 300}));
}

// ---- Scan order ----

TEST(Store, FullScansRunInKeyOrderAndStopOnFalse) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  for (const char* id : {"B", "AB", "A", "\xC3\x9C"}) set.PutCustomer(SampleCustomer(id));
  set.PutCustomer(SampleCustomer(std::string("A\0", 2)));
  set.PutInvoice(SampleInvoice("Z", "C", "A"));
  set.PutInvoice(SampleInvoice("A", "C", "AB"));
  set.PutInvoice(SampleInvoice("B", "C", "A"));
  for (uint64_t id : {256u, 1u, 2u}) set.PutPayment(SamplePayment(id));
  set.PutIngestedFile(SampleFile("bb"));
  set.PutIngestedFile(SampleFile("aa"));
  MustCommit(*store, std::move(set));

  std::vector<std::string> customers;
  ASSERT_TRUE(store
                  ->ForEachCustomer([&](const Customer& c) {
                    customers.push_back(c.customer_id);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(customers,
            (std::vector<std::string>{"A", std::string("A\0", 2), "AB", "B", "\xC3\x9C"}));

  std::vector<std::string> invoices;
  ASSERT_TRUE(store
                  ->ForEachInvoice([&](const Invoice& v) {
                    invoices.push_back(v.company + "/" + v.invoice_id);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(invoices, (std::vector<std::string>{"A/B", "A/Z", "AB/A"}));

  std::vector<uint64_t> payments;
  ASSERT_TRUE(store
                  ->ForEachPayment([&](const Payment& p) {
                    payments.push_back(p.payment_id);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(payments, (std::vector<uint64_t>{1, 2, 256}));

  std::vector<std::string> files;
  ASSERT_TRUE(store
                  ->ForEachIngestedFile([&](const IngestedFile& f) {
                    files.push_back(f.content_hash);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(files, (std::vector<std::string>{"aa", "bb"}));

  int calls = 0;
  ASSERT_TRUE(store->ForEachCustomer([&](const Customer&) { return ++calls < 2; }).ok());
  EXPECT_EQ(calls, 2);
}

TEST(Store, BatchesRunNewestFirstSoCallersCanStopAtATime) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  for (uint64_t id : {1u, 2u, 255u, 256u, 1000u}) {
    set.PutBatch(SampleBatch(id, static_cast<int64_t>(id) * 1'000'000));
  }
  MustCommit(*store, std::move(set));
  std::vector<uint64_t> ids;
  ASSERT_TRUE(store
                  ->ForEachBatch([&](const Batch& b) {
                    ids.push_back(b.batch_id);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(ids, (std::vector<uint64_t>{1000, 256, 255, 2, 1}));
  // Every batch created after t = 200 s.
  ids.clear();
  ASSERT_TRUE(store
                  ->ForEachBatch([&](const Batch& b) {
                    if (b.created.micros <= 200'000'000) return false;
                    ids.push_back(b.batch_id);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(ids, (std::vector<uint64_t>{1000, 256, 255}));
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

// ---- Schema version ----

TEST(Store, NewerSchemaVersionIsRefused) {
  TempDir dir;
  { ASSERT_NE(MustOpen(dir.path()), nullptr); }
  ASSERT_TRUE(StoreTesting::SetSchemaVersion(dir.path(), Store::kSchemaVersion + 1).ok());
  Result<std::unique_ptr<Store>> r = Store::Open(dir.path(), Fast());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().reason().find("newer"), std::string_view::npos) << r.status().ToString();
}

TEST(Store, OlderSchemaVersionIsRefused) {
  TempDir dir;
  { ASSERT_NE(MustOpen(dir.path()), nullptr); }
  ASSERT_TRUE(StoreTesting::SetSchemaVersion(dir.path(), 0).ok());
  Result<std::unique_ptr<Store>> r = Store::Open(dir.path(), Fast());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
}

// A newer build that added a column family: the schema check still speaks,
// rather than RocksDB's "you have to open all column families".
TEST(Store, NewerStoreWithExtraColumnFamilyIsExplained) {
  TempDir dir;
  { ASSERT_NE(MustOpen(dir.path()), nullptr); }
  {
    rocksdb::DBOptions o;
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(o, dir.path(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(o, dir.path(), cfs, &handles, &db).ok());
    rocksdb::ColumnFamilyHandle* extra = nullptr;
    ASSERT_TRUE(db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), "idx_future", &extra).ok());
    handles.push_back(extra);
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
    delete db;
  }
  // Same version and an extra family: opens (the family is left alone).
  ASSERT_NE(MustOpen(dir.path()), nullptr);
  ASSERT_TRUE(StoreTesting::SetSchemaVersion(dir.path(), Store::kSchemaVersion + 1).ok());
  EXPECT_EQ(Store::Open(dir.path(), Fast()).status().code(), StatusCode::kUnsupported);
}

TEST(Store, ForeignRocksDbIsNotAdopted) {
  TempDir dir;
  {
    rocksdb::Options o;
    o.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(o, dir.path(), &db).ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "k", "v").ok());
    delete db;
  }
  Result<std::unique_ptr<Store>> r = Store::Open(dir.path(), Fast());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().reason().find("not a cashmatch store"), std::string_view::npos)
      << r.status().ToString();
}

// ---- The directory lock ----

TEST(Store, SecondOpenInTheSameProcessIsBusy) {
  TempDir dir;
  auto first = MustOpen(dir.path());
  ASSERT_NE(first, nullptr);
  Result<std::unique_ptr<Store>> second = Store::Open(dir.path(), Fast());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
  EXPECT_NE(second.status().reason().find(dir.path()), std::string_view::npos);
}

constexpr char kHoldDirEnv[] = "CASHMATCH_TEST_HOLD_STORE_DIR";
constexpr char kReadyFdEnv[] = "CASHMATCH_TEST_HOLD_READY_FD";
constexpr char kReleaseFdEnv[] = "CASHMATCH_TEST_HOLD_RELEASE_FD";

// The child half of SecondProcessIsBusy: run in a fresh process (the test
// binary again, filtered to this test), it opens the store, reports on one
// pipe and holds the store until the other pipe closes. Skipped when run
// any other way.
TEST(StoreLockChild, HoldsStoreOpenForParent) {
  const char* dir = std::getenv(kHoldDirEnv);
  if (dir == nullptr) GTEST_SKIP() << "helper process of Store.SecondProcessIsBusy";
  const int ready = std::atoi(std::getenv(kReadyFdEnv));
  const int release = std::atoi(std::getenv(kReleaseFdEnv));
  Result<std::unique_ptr<Store>> store = Store::Open(dir, Fast());
  const char answer = store.ok() ? 'Y' : 'N';
  ASSERT_EQ(write(ready, &answer, 1), 1);
  char c;
  while (read(release, &c, 1) > 0) {
  }
  ASSERT_TRUE(store.ok()) << store.status().ToString();
}

TEST(Store, SecondProcessIsBusy) {
  TempDir dir;
  { ASSERT_NE(MustOpen(dir.path()), nullptr); }
  int ready[2];
  int release[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(release), 0);
  // Everything the child needs is prepared before fork: it only dup2s and
  // execs, which is safe in the child of a threaded process.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  env_strings.push_back(std::string(kHoldDirEnv) + "=" + dir.path());
  env_strings.push_back(std::string(kReadyFdEnv) + "=" + std::to_string(ready[1]));
  env_strings.push_back(std::string(kReleaseFdEnv) + "=" + std::to_string(release[0]));
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string self = "/proc/self/exe";
  std::string filter = "--gtest_filter=StoreLockChild.HoldsStoreOpenForParent";
  char* argv[] = {self.data(), filter.data(), nullptr};
  const int devnull = open("/dev/null", O_WRONLY);
  ASSERT_GE(devnull, 0);

  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(ready[0]);
    close(release[1]);
    dup2(devnull, STDOUT_FILENO);
    execve(argv[0], argv, envp.data());
    _exit(127);
  }
  close(devnull);
  close(ready[1]);
  close(release[0]);
  pollfd pfd{ready[0], POLLIN, 0};
  char answer = 0;
  const bool got = poll(&pfd, 1, 60'000) == 1 && read(ready[0], &answer, 1) == 1;
  close(ready[0]);
  if (got && answer == 'Y') {
    Result<std::unique_ptr<Store>> second = Store::Open(dir.path(), Fast());
    EXPECT_EQ(second.status().code(), StatusCode::kBusy) << second.status().ToString();
    EXPECT_NE(second.status().reason().find("in use by another process"), std::string_view::npos)
        << second.status().ToString();
  } else {
    ADD_FAILURE() << "the child process did not open the store";
  }
  close(release[1]);  // lets the child close the store and exit
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  EXPECT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) << wstatus;
  // Once the child is gone the store opens again.
  EXPECT_NE(MustOpen(dir.path()), nullptr);
}

// ---- Sticky write errors ----

// File permissions cannot provoke a failed write when the tests run as root
// (they do here), so the failure is injected in RocksDB's file system layer.
TEST(Store, FailedWriteIsStickyUntilReopen) {
  TempDir dir;
  testing::FaultFs* fs = nullptr;
  auto fs_owner = std::make_shared<testing::FaultFs>();
  fs = fs_owner.get();
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs_owner);
  {
    Result<std::unique_ptr<Store>> opened =
        StoreTesting::OpenWithEnv(dir.path(), StoreOptions{}, env.get());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Store& store = **opened;
    WriteSet good;
    good.PutCustomer(SampleCustomer("BEFORE"));
    MustCommit(store, std::move(good));

    fs->fail_writes = true;
    WriteSet doomed;
    doomed.PutCustomer(SampleCustomer("DOOMED"));
    doomed.PutInvoice(SampleInvoice("INV-D", "DOOMED"));
    Status failed = store.Commit(std::move(doomed));
    EXPECT_EQ(failed.code(), StatusCode::kIoError) << failed.ToString();

    fs->fail_writes = false;  // the disk is fine again, but the store is not trusted
    WriteSet after;
    after.PutCustomer(SampleCustomer("AFTER"));
    Status refused = store.Commit(std::move(after));
    EXPECT_EQ(refused.code(), StatusCode::kIoError);
    EXPECT_EQ(refused.reason(), failed.reason());
    EXPECT_NE(refused.reason().find("refusing writes"), std::string_view::npos)
        << refused.ToString();
    // Reads still work.
    EXPECT_TRUE(store.GetCustomer("BEFORE").ok());
    EXPECT_EQ(store.GetCustomer("AFTER").status().code(), StatusCode::kNotFound);
  }
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->GetCustomer("BEFORE").ok());
  EXPECT_EQ(store->GetCustomer("DOOMED").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetInvoice("US01", "INV-D").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(InvoiceIdsOf(*store, "DOOMED").empty());
  WriteSet again;
  again.PutCustomer(SampleCustomer("AFTER"));
  MustCommit(*store, std::move(again));
  EXPECT_TRUE(store->GetCustomer("AFTER").ok());
}

// RocksDB stops taking writes after a WAL failure by itself; this shows the
// store's own rule: a failed write that left RocksDB healthy still makes the
// store refuse writes until reopened.
TEST(Store, StickinessIsTheStoresOwnRule) {
  TempDir dir;
  {
    auto store = MustOpen(dir.path());
    ASSERT_NE(store, nullptr);
    StoreTesting::FailNextWrite(*store);
    WriteSet doomed;
    doomed.PutCustomer(SampleCustomer("DOOMED"));
    EXPECT_EQ(store->Commit(std::move(doomed)).code(), StatusCode::kIoError);
    WriteSet after;
    after.PutCustomer(SampleCustomer("AFTER"));
    EXPECT_EQ(store->Commit(std::move(after)).code(), StatusCode::kIoError);
    EXPECT_EQ(store->GetCustomer("AFTER").status().code(), StatusCode::kNotFound);
  }
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet after;
  after.PutCustomer(SampleCustomer("AFTER"));
  MustCommit(*store, std::move(after));
  EXPECT_EQ(store->GetCustomer("DOOMED").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace cashmatch
