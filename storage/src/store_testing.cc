#include "store_testing.h"

#include "coding.h"
#include "store_impl.h"

namespace cashmatch::storage {

Result<std::unique_ptr<Store>> StoreTesting::OpenWithEnv(const std::string& dir,
                                                         const StoreOptions& options,
                                                         rocksdb::Env* env) {
  std::unique_ptr<StoreImpl> impl;
  CASHMATCH_RETURN_IF_ERROR(StoreImpl::Open(dir, options, env, &impl));
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Status StoreTesting::SetSchemaVersion(const std::string& dir, uint32_t version) {
  StoreOptions options;
  options.create_if_missing = false;
  Result<std::unique_ptr<Store>> store = Store::Open(dir, options);
  if (!store.ok()) return store.status();
  StoreImpl& impl = *(*store)->impl_;
  std::string value;
  PutFixed32BE(&value, version);
  rocksdb::Status s =
      impl.db->Put(rocksdb::WriteOptions(), impl.cf(kMeta), std::string(kSchemaVersionKey), value);
  return s.ok() ? Status::Ok() : FromRocks(s, "cannot write schema version");
}

void StoreTesting::FailNextWrite(Store& store) { store.impl_->fail_next_write = true; }

Status StoreTesting::PutRaw(Store& store, std::string_view cf_name, std::string_view key,
                            std::string_view value) {
  StoreImpl& impl = *store.impl_;
  for (int c = 0; c < kCfCount; ++c) {
    if (cf_name != kCfNames[c]) continue;
    rocksdb::Status s = impl.db->Put(rocksdb::WriteOptions(), impl.cf(static_cast<Cf>(c)),
                                     rocksdb::Slice(key.data(), key.size()),
                                     rocksdb::Slice(value.data(), value.size()));
    return s.ok() ? Status::Ok() : FromRocks(s, "cannot write raw record");
  }
  return Status::NotFound("no column family " + std::string(cf_name));
}

}  // namespace cashmatch::storage
