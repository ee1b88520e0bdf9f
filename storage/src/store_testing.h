// Hooks for storage tests only: open a store over a fault-injecting Env, and
// rewrite the schema version to test the version check. Not for production
// code (it is on the module's private include path; tests add that path).
#ifndef CASHMATCH_STORAGE_STORE_TESTING_H_
#define CASHMATCH_STORAGE_STORE_TESTING_H_

#include <rocksdb/env.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cashmatch/store.h"

namespace cashmatch::storage {

struct StoreTesting {
  // Store::Open, with RocksDB doing its file I/O through `env`, which must
  // outlive the store.
  static Result<std::unique_ptr<Store>> OpenWithEnv(const std::string& dir,
                                                    const StoreOptions& options, rocksdb::Env* env);
  // Overwrites the schema version in the meta record of the store in `dir`,
  // which must not be open.
  static Status SetSchemaVersion(const std::string& dir, uint32_t version);
  // Writes raw bytes under `key` in the column family named `cf_name`,
  // bypassing the encodings and the indexes.
  // Makes the store's next RocksDB write fail with an I/O error while
  // RocksDB itself stays healthy, so a test can tell the store's sticky
  // error apart from RocksDB's own stop-writes state.
  static void FailNextWrite(Store& store);
  static Status PutRaw(Store& store, std::string_view cf_name, std::string_view key,
                       std::string_view value);
};

}  // namespace cashmatch::storage

#endif  // CASHMATCH_STORAGE_STORE_TESTING_H_
