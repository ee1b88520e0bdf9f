#include "rocks_options.h"

#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <thread>

namespace cashmatch::storage {
namespace {

constexpr size_t kMiB = size_t{1} << 20;

// LZ4 decompresses at several GB/s, so a full scan of the invoices stays
// CPU-cheap while the files shrink to roughly half. Fall back to Snappy (or
// nothing) if this librocksdb was built without it.
rocksdb::CompressionType PickCompression() {
  const auto supported = rocksdb::GetSupportedCompressions();
  for (auto c : {rocksdb::kLZ4Compression, rocksdb::kSnappyCompression}) {
    if (std::find(supported.begin(), supported.end(), c) != supported.end()) return c;
  }
  return rocksdb::kNoCompression;
}

// Column families that take point lookups: the records themselves (Get*, and
// the previous version of every indexed record a commit replaces, usually a
// miss on new records, which is exactly what a bloom filter answers cheaply)
// and meta. The index column families and the unapplied set are only ever
// prefix-scanned, where a whole-key filter cannot help.
bool TakesPointLookups(Cf cf) {
  switch (cf) {
    case kMeta:
    case kCustomers:
    case kInvoices:
    case kPayments:
    case kApplications:
    case kBatches:
    case kFiles:
    case kAdvices:
    case kDeductions:
      return true;
    default:
      return false;
  }
}

// The column families that grow with the business; the others (meta,
// batches, files, unapplied, the advices and the results bookkeeping) stay
// small and get small memtables.
bool IsLarge(Cf cf) {
  switch (cf) {
    case kMeta:
    case kBatches:
    case kFiles:
    case kUnapplied:
    case kAdvices:
    case kPendingAdvices:
    case kBatchWork:
    case kPendingResults:
    case kDeductions:
    case kDeductionsByInvoice:
    case kBatchDeductions:
    case kReminders:
      return false;
    default:
      return true;
  }
}

}  // namespace

rocksdb::DBOptions MakeDbOptions(const StoreOptions& /*options*/) {
  rocksdb::DBOptions o;
  // One flush and one compaction at a time on small machines, more where
  // there are cores; cashmatch's own threads need the rest.
  const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
  o.max_background_jobs = static_cast<int>(std::min(cores, 4u));
  // Every memtable together stays under this; a bulk load of open items
  // flushes in big pieces without letting 13 column families each hold
  // their own maximum.
  o.db_write_buffer_size = 256 * kMiB;
  // Small column families (meta, batches) rarely fill a memtable; without a
  // cap the WAL would have to be kept for their sake indefinitely.
  o.max_total_wal_size = 512 * kMiB;
  // Smooth write-back of new SST files instead of one large fsync at the end.
  o.bytes_per_sync = 1 * kMiB;
  // RocksDB's own LOG in the data directory: rotated, a few kept.
  o.max_log_file_size = 16 * kMiB;
  o.keep_log_file_num = 5;
  return o;
}

rocksdb::ColumnFamilyOptions MakeCfOptions(Cf cf, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  // Level compaction: reads (point and scan) see few sorted runs, which is
  // what a read-mostly store wants; dynamic level sizes keep space
  // amplification near 1.1 whatever the size.
  o.compaction_style = rocksdb::kCompactionStyleLevel;
  o.level_compaction_dynamic_level_bytes = true;
  // Modest memtables: commits are small, and a large memtable only lengthens
  // recovery. Three per family lets a bulk load keep writing while one
  // flushes.
  o.write_buffer_size = IsLarge(cf) ? 32 * kMiB : 4 * kMiB;
  o.max_write_buffer_number = 3;
  o.target_file_size_base = 64 * kMiB;
  o.compression = PickCompression();

  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  // 16 KiB blocks: better compression and fewer block reads per row for the
  // full scans, at a small cost to point lookups (one block decoded each).
  t.block_size = 16 * 1024;
  if (TakesPointLookups(cf)) {
    // ~1 % false positives at 10 bits per key.
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  }
  // Index and filter blocks stay in the table readers' memory rather than
  // competing with data blocks in the cache: a few tens of MB for 10M rows.
  t.cache_index_and_filter_blocks = false;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

rocksdb::ColumnFamilyOptions MakeForeignCfOptions() { return rocksdb::ColumnFamilyOptions(); }

rocksdb::ReadOptions BulkScanReadOptions() {
  rocksdb::ReadOptions r;
  r.fill_cache = false;
  r.readahead_size = 4 * kMiB;
  return r;
}

}  // namespace cashmatch::storage
