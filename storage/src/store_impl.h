// StoreImpl: the open RocksDB database behind a Store, shared by
// store.cc (open, commit, ids) and store_read.cc (gets, scans).
#ifndef CASHMATCH_STORAGE_STORE_IMPL_H_
#define CASHMATCH_STORAGE_STORE_IMPL_H_

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cashmatch/store.h"
#include "keys.h"
#include "write_set_rep.h"

namespace cashmatch::storage {

struct StoreImpl {
  // Opens `dir`. `env` is null except in tests that inject file-system
  // faults; it must outlive the StoreImpl.
  static Status Open(const std::string& dir, const StoreOptions& options, rocksdb::Env* env,
                     std::unique_ptr<StoreImpl>* out);
  ~StoreImpl();

  Status Commit(WriteSetRep& rep);

  rocksdb::ColumnFamilyHandle* cf(Cf c) const { return handles[c]; }

  std::string dir;
  StoreOptions options;
  std::shared_ptr<rocksdb::Cache> cache;
  std::unique_ptr<rocksdb::DB> db;
  // Ours, indexed by Cf; set once in Open.
  std::array<rocksdb::ColumnFamilyHandle*, kCfCount> handles{};
  // Every handle opened (ours, "default", any a newer build added), for
  // destruction.
  std::vector<rocksdb::ColumnFamilyHandle*> all_handles;
  rocksdb::WriteOptions write_options;

  // Next ids to hand out; only ever increase.
  std::atomic<uint64_t> next_batch_id{1};
  std::atomic<uint64_t> next_payment_id{1};

  // Serializes commits: index maintenance reads the records a commit
  // replaces, and that read and the write must not interleave with another
  // commit's.
  std::mutex commit_mu;
  // The first failed write, returned by every later commit.
  Status sticky_error;                     // guarded by commit_mu
  uint64_t persisted_next_batch_id = 1;    // guarded by commit_mu
  uint64_t persisted_next_payment_id = 1;  // guarded by commit_mu
  // Every committed payment (and advice) id is below the first, every
  // committed batch id below the second: a record keyed by a larger id is
  // new, and its indexes need no read of a stored version.
  uint64_t committed_payment_bound = 1;  // guarded by commit_mu
  uint64_t committed_batch_bound = 1;    // guarded by commit_mu
  // Set only by StoreTesting::FailNextWrite.
  std::atomic<bool> fail_next_write{false};

 private:
  Status CheckSchema(bool created, const std::vector<std::string>& missing_cfs);
  Status UpgradeFrom(uint32_t version, const std::vector<std::string>& missing_cfs);
  // Creates these of our column families (names from kCfNames).
  Status CreateColumnFamilies(const std::vector<std::string>& names, const std::string& why);
  Status LoadIdMarks();
  // One put or delete bound for the WriteBatch; the views point into the
  // WriteSet or into a commit-local arena.
  struct BatchOp {
    Cf cf;
    bool put;
    std::string_view key;
    std::string_view value;
    uint32_t seq = 0;  // position in the set, set just before sorting
    // The key's first 16 bytes as two big-endian numbers, zero-padded:
    // they order like the key wherever it differs there, so most
    // comparisons skip memcmp (invoice keys share their first 8 bytes:
    // company, then a numbering prefix such as "INV-0000").
    uint64_t prefix[2] = {0, 0};
  };
  Status CollectIndexChanges(std::string_view ops, std::vector<BatchOp>* out,
                             std::deque<std::string>* arena);
  // Commits `ops` (sorted by column family and key, same keys in set order)
  // as SST files ingested atomically; store_ingest.cc says why.
  Status IngestSorted(const std::vector<BatchOp>& ops);
};

// Where IngestSorted writes its files, under the database directory.
inline constexpr std::string_view kIngestDir = "ingest.tmp";

// Converts a RocksDB failure; `what` says what was being done.
Status FromRocks(const rocksdb::Status& s, std::string_view what);

// Raises `a` to at least `v`.
void RaiseTo(std::atomic<uint64_t>& a, uint64_t v);

}  // namespace cashmatch::storage

#endif  // CASHMATCH_STORAGE_STORE_IMPL_H_
