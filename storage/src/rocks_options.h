// RocksDB tuning for cashmatch's workload, in one place: what the store
// asks of RocksDB is point lookups by key (records, and the previous
// version of a record a commit replaces), short prefix scans over the
// index column families, full scans of customers and invoices when the
// ledger is rebuilt, and modest write batches, each synced.
#ifndef CASHMATCH_STORAGE_ROCKS_OPTIONS_H_
#define CASHMATCH_STORAGE_ROCKS_OPTIONS_H_

#include <rocksdb/cache.h>
#include <rocksdb/options.h>

#include <memory>

#include "cashmatch/store.h"
#include "keys.h"

namespace cashmatch::storage {

// Database-wide options; create_if_missing and friends are the caller's.
rocksdb::DBOptions MakeDbOptions(const StoreOptions& options);

// Options of one column family, reading through the shared block cache.
rocksdb::ColumnFamilyOptions MakeCfOptions(Cf cf, const std::shared_ptr<rocksdb::Cache>& cache);

// Options for a column family this build does not know (one a newer build
// added): enough to open it so the schema check can explain the mismatch.
rocksdb::ColumnFamilyOptions MakeForeignCfOptions();

// Scans of a whole column family: big readahead, and no block cache fill so
// a rebuild does not evict the blocks point lookups keep hot.
rocksdb::ReadOptions BulkScanReadOptions();

}  // namespace cashmatch::storage

#endif  // CASHMATCH_STORAGE_ROCKS_OPTIONS_H_
