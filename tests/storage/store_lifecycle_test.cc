// Store: schema version, the directory lock and sticky write errors.
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

extern char** environ;

namespace cashmatch {
namespace {

using storage::StoreTesting;

using namespace testing;  // the store test helpers

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

// A store written by the first release (schema 1, before remittance
// advices): opening it for writing adds the new column families and moves
// it to schema 2, keeping its records; read-only it is explained, not broken.
TEST(Store, SchemaOneStoreIsUpgradedInPlace) {
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
    for (auto* h : handles) {
      if (h->GetName() == "advices" || h->GetName() == "pending_advices") {
        ASSERT_TRUE(db->DropColumnFamily(h).ok());
      }
      if (h->GetName() == "meta") {
        ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), h, "schema_version",
                            rocksdb::Slice("\0\0\0\x01", 4))
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
    set.PutAdvice(SampleAdvice(9));
    set.MarkAdvicePending(9);
    MustCommit(*store, std::move(set));
  }
  // Upgraded for good: a read-only open now works and sees both.
  auto again = Store::Open(dir.path(), read_only);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE((*again)->GetPayment(4).ok());
  EXPECT_TRUE((*again)->GetAdvice(9).ok());
}

// Rewrites a closed store as an older schema would have left it: drops the
// column families named and sets the schema version.
void MakeOlderStore(const std::string& dir, const std::set<std::string>& drop, uint32_t version) {
  rocksdb::DBOptions o;
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(o, dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(o, dir, cfs, &handles, &db).ok());
  for (auto* h : handles) {
    if (drop.contains(h->GetName())) {
      ASSERT_TRUE(db->DropColumnFamily(h).ok());
    }
    if (h->GetName() == "meta") {
      const char be32[4] = {0, 0, 0, static_cast<char>(version)};
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), h, "schema_version", rocksdb::Slice(be32, 4)).ok());
    }
  }
  for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  delete db;
}

// A store written before the result files (schema 2): opening it for
// writing adds the batches' work items and the pending-results set, keeps
// every record, and the new families work at once.
TEST(Store, SchemaTwoStoreIsUpgradedInPlace) {
  TempDir dir;
  {
    auto store = MustOpen(dir.path());
    ASSERT_NE(store, nullptr);
    WriteSet set;
    set.PutPayment(SamplePayment(4));
    set.PutBatch(SampleBatch(2));
    MustCommit(*store, std::move(set));
  }
  MakeOlderStore(dir.path(), {"batch_work", "pending_results"}, 2);
  StoreOptions read_only = Fast();
  read_only.read_only = true;
  EXPECT_EQ(Store::Open(dir.path(), read_only).status().code(), StatusCode::kUnsupported);
  {
    auto store = MustOpen(dir.path());
    ASSERT_NE(store, nullptr);
    EXPECT_TRUE(store->GetPayment(4).ok());
    EXPECT_TRUE(store->GetBatch(2).ok());
    // Nothing of the old store is pending: its batches predate result files.
    int pending = 0;
    ASSERT_TRUE(store->ForEachResultsPending([&](uint64_t) { return ++pending, true; }).ok());
    EXPECT_EQ(pending, 0);
    WriteSet set;
    BatchWorkItem w;
    w.item.batch_id = 2;
    w.item.payment_id = 4;
    w.payment = SamplePayment(4);
    set.PutBatchWork(w);
    set.MarkResultsPending(2);
    MustCommit(*store, std::move(set));
  }
  auto again = Store::Open(dir.path(), read_only);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  std::vector<uint64_t> pending;
  ASSERT_TRUE((*again)->ForEachResultsPending([&](uint64_t id) { return pending.push_back(id), true; }).ok());
  EXPECT_EQ(pending, std::vector<uint64_t>{2});
  int items = 0;
  ASSERT_TRUE((*again)->ForEachBatchWork(2, [&](const BatchWorkItem& x) {
    EXPECT_EQ(x.payment, SamplePayment(4));
    return ++items, true;
  }).ok());
  EXPECT_EQ(items, 1);
}

// An upgrade only adds what the newer versions added: a schema-2 store
// without its advices is damaged, not old.
TEST(Store, UpgradeRefusesMissingFamiliesOfTheOldVersion) {
  TempDir dir;
  { ASSERT_NE(MustOpen(dir.path()), nullptr); }
  MakeOlderStore(dir.path(), {"advices", "batch_work", "pending_results"}, 2);
  EXPECT_EQ(Store::Open(dir.path(), Fast()).status().code(), StatusCode::kCorruption);
}

// RocksDB creates a new store's column families one by one: a process
// killed in between leaves a database with some of them and nothing in it.
// The next open finishes the creation instead of calling it damaged.
TEST(Store, CreationCutShortIsFinishedAtTheNextOpen) {
  for (const std::vector<std::string>& made : std::vector<std::vector<std::string>>{
           {}, {"meta"}, {"meta", "customers", "invoices"}}) {
    TempDir dir;
    {
      rocksdb::DBOptions o;
      o.create_if_missing = true;
      o.create_missing_column_families = true;
      std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {
          {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()}};
      for (const auto& n : made) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
      std::vector<rocksdb::ColumnFamilyHandle*> handles;
      rocksdb::DB* db = nullptr;
      ASSERT_TRUE(rocksdb::DB::Open(o, dir.path(), cfs, &handles, &db).ok());
      for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
      delete db;
    }
    StoreOptions read_only = Fast();
    read_only.read_only = true;
    EXPECT_EQ(Store::Open(dir.path(), read_only).status().code(), StatusCode::kNotFound);
    {
      auto store = MustOpen(dir.path());
      ASSERT_NE(store, nullptr) << made.size();
      WriteSet set;
      set.PutPayment(SamplePayment(4));
      MustCommit(*store, std::move(set));
    }
    auto again = Store::Open(dir.path(), read_only);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_TRUE((*again)->GetPayment(4).ok());
  }
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
