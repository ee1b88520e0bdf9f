// Large commits go in as ingested SST files (store_ingest.cc). The same
// changes must leave exactly the same database as through a WriteBatch:
// every column family, index entries and id marks included.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "cashmatch/store.h"
#include "keys.h"
#include "storage_test_util.h"
#include "store_test_helpers.h"
#include "store_impl.h"
#include "store_testing.h"

namespace cashmatch {
namespace {

using storage::StoreTesting;
using namespace testing;  // the store test helpers

StoreOptions Through(bool ingest) {
  StoreOptions o = Fast();
  o.ingest_min_changes = ingest ? 1 : std::numeric_limits<size_t>::max();
  return o;
}

// Every key and value of every column family, read with RocksDB itself.
using Dump = std::map<std::string, std::map<std::string, std::string>>;
Dump DumpDatabase(const std::string& dir) {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& n : names) descriptors.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir, descriptors, &handles, &raw);
  EXPECT_TRUE(s.ok()) << s.ToString();
  Dump dump;
  if (!s.ok()) return dump;
  for (size_t i = 0; i < handles.size(); ++i) {
    std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions(), handles[i]));
    auto& cf = dump[names[i]];
    for (it->SeekToFirst(); it->Valid(); it->Next()) cf[it->key().ToString()] = it->value().ToString();
    EXPECT_TRUE(it->status().ok());
  }
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
  delete raw;
  return dump;
}

// A random WriteSet touching every kind of record, with records moving
// between customers (index entries deleted and added), deletes of records
// written earlier or in the same set, and the same key changed twice.
WriteSet RandomSet(std::mt19937_64& rng, uint64_t round) {
  WriteSet set;
  auto pick = [&](uint64_t n) { return rng() % n; };
  for (int i = 0; i < 60; ++i) {
    const std::string cust = "C" + std::to_string(pick(12));
    const std::string inv = "INV-" + std::to_string(pick(80));
    switch (pick(9)) {
      case 0: set.PutCustomer(SampleCustomer(cust)); break;
      case 1: set.DeleteCustomer(cust); break;
      case 2:
      case 3: {
        Invoice v = SampleInvoice(inv, cust, pick(2) ? "US01" : "DE01");
        v.open_amount = Usd(static_cast<int64_t>(pick(100'000)));
        set.PutInvoice(v);
        break;
      }
      case 4: set.DeleteInvoice("US01", inv); break;
      case 5: {
        const uint64_t payment = 1 + pick(40);
        set.PutPayment(SamplePayment(payment));
        set.PutApplication(SampleApplication(round, static_cast<uint32_t>(pick(5)), payment, inv, cust));
        break;
      }
      case 6: set.DeleteApplication(1 + pick(round), static_cast<uint32_t>(pick(5))); break;
      case 7: set.PutBatch(SampleBatch(round)); break;
      default: set.DeletePayment(1 + pick(40)); break;
    }
  }
  return set;
}

TEST(StoreIngest, LeavesTheSameDatabaseAsAWriteBatch) {
  TempDir batch_dir, ingest_dir;
  {
    auto by_batch = MustOpen(batch_dir.path(), Through(false));
    auto by_ingest = MustOpen(ingest_dir.path(), Through(true));
    ASSERT_NE(by_batch, nullptr);
    ASSERT_NE(by_ingest, nullptr);
    std::mt19937_64 a(7), b(7);
    for (uint64_t round = 1; round <= 25; ++round) {
      MustCommit(*by_batch, RandomSet(a, round));
      MustCommit(*by_ingest, RandomSet(b, round));
      // Reads see the ingested data at once, indexes included.
      ASSERT_EQ(InvoiceIdsOf(*by_ingest, "C3"), InvoiceIdsOf(*by_batch, "C3")) << round;
      ASSERT_EQ(AppsOfPayment(*by_ingest, 5), AppsOfPayment(*by_batch, 5)) << round;
    }
    EXPECT_EQ(by_ingest->AllocateBatchId(), by_batch->AllocateBatchId());
    EXPECT_EQ(by_ingest->AllocatePaymentIds(1), by_batch->AllocatePaymentIds(1));
  }
  const Dump expected = DumpDatabase(batch_dir.path());
  const Dump got = DumpDatabase(ingest_dir.path());
  ASSERT_FALSE(expected.at("invoices").empty());
  ASSERT_FALSE(expected.at("idx_invoices_by_customer").empty());
  EXPECT_EQ(got, expected);
  EXPECT_FALSE(std::filesystem::exists(ingest_dir.path() + "/" + std::string(storage::kIngestDir)));
}

TEST(StoreIngest, IdMarksOfAnIngestedCommitSurviveReopen) {
  TempDir dir;
  {
    auto store = MustOpen(dir.path(), Through(true));
    ASSERT_NE(store, nullptr);
    WriteSet set;
    set.PutPayment(SamplePayment(9'000));
    set.PutBatch(SampleBatch(700));
    MustCommit(*store, std::move(set));
  }
  auto store = MustOpen(dir.path(), Through(false));
  ASSERT_NE(store, nullptr);
  EXPECT_GT(store->AllocatePaymentIds(1), 9'000u);
  EXPECT_GT(store->AllocateBatchId(), 700u);
  EXPECT_EQ(store->GetPayment(9'000)->source_ref, "REF9000");
}

TEST(StoreIngest, FailedIngestionIsStickyAndLeavesNothing) {
  TempDir dir;
  {
    auto store = MustOpen(dir.path(), Through(true));
    ASSERT_NE(store, nullptr);
    WriteSet good;
    good.PutCustomer(SampleCustomer("BEFORE"));
    MustCommit(*store, std::move(good));
    StoreTesting::FailNextWrite(*store);
    WriteSet doomed;
    doomed.PutCustomer(SampleCustomer("DOOMED"));
    doomed.PutInvoice(SampleInvoice("INV-D", "DOOMED"));
    EXPECT_EQ(store->Commit(std::move(doomed)).code(), StatusCode::kIoError);
    WriteSet after;
    after.PutCustomer(SampleCustomer("AFTER"));
    EXPECT_EQ(store->Commit(std::move(after)).code(), StatusCode::kIoError);
    EXPECT_EQ(store->GetCustomer("DOOMED").status().code(), StatusCode::kNotFound);
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/" + std::string(storage::kIngestDir)));
  auto store = MustOpen(dir.path(), Through(true));
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->GetCustomer("BEFORE").ok());
  EXPECT_EQ(store->GetCustomer("DOOMED").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(InvoiceIdsOf(*store, "DOOMED").empty());
}

TEST(StoreIngest, FilesLeftByACrashAreRemovedOnOpen) {
  TempDir dir;
  { MustOpen(dir.path()); }
  const std::string tmp = dir.path() + "/" + std::string(storage::kIngestDir);
  std::filesystem::create_directory(tmp);
  std::FILE* f = std::fopen((tmp + "/invoices.sst").c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("half written", f);
  std::fclose(f);
  auto store = MustOpen(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(std::filesystem::exists(tmp));
}

}  // namespace
}  // namespace cashmatch
