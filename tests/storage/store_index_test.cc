// Store: secondary indexes kept right through updates, and scan order.
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

TEST(Store, PaymentsAreFoundByBankEntryReference) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WriteSet set;
  for (uint64_t id : {5u, 6u, 7u}) {
    Payment p = SamplePayment(id);
    p.bank_entry_ref = id == 7 ? "ENTRY-2" : "ENTRY-1";  // one batch entry, two transactions
    set.PutPayment(p);
  }
  MustCommit(*store, std::move(set));
  EXPECT_EQ(PaymentsWithRef(*store, PaymentRefKind::kBankEntryRef, "ENTRY-1"),
            (std::vector<uint64_t>{5, 6}));
  EXPECT_EQ(PaymentsWithRef(*store, PaymentRefKind::kBankEntryRef, "ENTRY-2"),
            (std::vector<uint64_t>{7}));
  EXPECT_TRUE(PaymentsWithRef(*store, PaymentRefKind::kSourceRef, "ENTRY-1").empty());
}

TEST(Store, AdvicesArePutReadAndListedWhilePending) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  const uint64_t first = store->AllocatePaymentIds(3);
  WriteSet set;
  for (uint64_t id = first; id < first + 3; ++id) {
    set.PutAdvice(SampleAdvice(id));
    set.MarkAdvicePending(id);
  }
  MustCommit(*store, std::move(set));
  Result<RemittanceAdvice> got = store->GetAdvice(first + 1);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, SampleAdvice(first + 1));
  EXPECT_EQ(store->GetAdvice(first + 9).status().code(), StatusCode::kNotFound);

  WriteSet joined;
  RemittanceAdvice a = SampleAdvice(first);
  a.payment_id = 77;
  joined.PutAdvice(a);
  joined.ClearAdvicePending(first);
  MustCommit(*store, std::move(joined));
  std::vector<uint64_t> pending;
  ASSERT_TRUE(store
                  ->ForEachPendingAdvice([&](const RemittanceAdvice& adv) {
                    pending.push_back(adv.advice_id);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(pending, (std::vector<uint64_t>{first + 1, first + 2}));
  EXPECT_EQ(store->GetAdvice(first)->payment_id, 77u);
  // Advice ids come from the payment sequence: the next payment id is past them.
  EXPECT_GE(store->AllocatePaymentIds(1), first + 3);
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

TEST(Store, WorkItemsKeepTheReasonAndSuggestions) {
  TempDir dir;
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  WorkItem item;
  item.payment_id = 9;
  item.batch_id = 4;
  item.customer_id = "C001";
  item.reason = "two invoices of the same amount";
  item.suggestions.push_back({"US01", "INV-1", Usd(100), 6000});
  item.suggestions.push_back({"US01", "INV-2", Usd(100), 6000});
  WriteSet set;
  set.PutPayment(SamplePayment(9));
  set.MarkUnapplied(item);
  set.PutPayment(SamplePayment(5));
  set.MarkUnapplied(5);
  MustCommit(*store, std::move(set));
  Result<WorkItem> got = store->GetWorkItem(9);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, item);
  std::vector<WorkItem> all;
  ASSERT_TRUE(store
                  ->ForEachWorkItem([&](const WorkItem& w) {
                    all.push_back(w);
                    return true;
                  })
                  .ok());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].payment_id, 5u);
  EXPECT_TRUE(all[0].reason.empty());
  EXPECT_EQ(all[1], item);
  EXPECT_EQ(store->GetWorkItem(6).status().code(), StatusCode::kNotFound);
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

}  // namespace
}  // namespace cashmatch
