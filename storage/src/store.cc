// Opening a store, committing WriteSets, handing out ids.
#include <rocksdb/write_batch.h>
#include <tbb/parallel_sort.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <deque>
#include <filesystem>
#include <limits>

#include "cashmatch/record_coding.h"
#include "coding.h"
#include "record_groups.h"
#include "rocks_options.h"
#include "store_impl.h"

namespace cashmatch::storage {
namespace {

// Bytes [from, from + 8) of `key` as a big-endian number, zero-padded.
uint64_t KeyPrefix(std::string_view key, size_t from) {
  uint64_t p = 0;
  const size_t n = key.size() > from ? std::min<size_t>(key.size() - from, 8) : 0;
  for (size_t i = 0; i < n; ++i) {
    p |= uint64_t{static_cast<unsigned char>(key[from + i])} << (56 - 8 * i);
  }
  return p;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// RocksDB reports a held LOCK file as an I/O error; these are the two
// messages its POSIX file system uses (held by another process, held by
// this one). Anything else about LOCK (say, no permission to create it) is
// a genuine I/O error.
Status OpenError(const rocksdb::Status& s, const std::string& dir) {
  if (s.IsIOError()) {
    const std::string msg = s.ToString();
    if (Contains(msg, "lock hold by current process")) {
      return Status::Busy("data directory " + dir + " is already open in this process");
    }
    if (Contains(msg, "While lock file")) {
      return Status::Busy("data directory " + dir + " is in use by another process");
    }
  }
  return FromRocks(s, "cannot open store in " + dir);
}

std::string Fixed64(uint64_t v) {
  std::string s;
  PutFixed64BE(&s, v);
  return s;
}

std::string Fixed32(uint32_t v) {
  std::string s;
  PutFixed32BE(&s, v);
  return s;
}

uint64_t SaturatingNext(uint64_t id) {
  return id == std::numeric_limits<uint64_t>::max() ? id : id + 1;
}

// The index entries of a stored record, decoded from its value.
Status StoredIndexEntries(Cf cf, std::string_view value, std::vector<IndexEntry>* out) {
  switch (cf) {
    case kInvoices: {
      Invoice v;
      CASHMATCH_RETURN_IF_ERROR(DecodeFrom(value, &v));
      AppendIndexEntries(v, out);
      return Status::Ok();
    }
    case kPayments: {
      Payment p;
      CASHMATCH_RETURN_IF_ERROR(DecodeFrom(value, &p));
      AppendIndexEntries(p, out);
      return Status::Ok();
    }
    case kApplications: {
      Application a;
      CASHMATCH_RETURN_IF_ERROR(DecodeFrom(value, &a));
      AppendIndexEntries(a, out);
      return Status::Ok();
    }
    default:
      return Status::Ok();
  }
}

bool HasEntry(const std::vector<IndexEntryView>& v, const IndexEntryView& e) {
  return std::find(v.begin(), v.end(), e) != v.end();
}

}  // namespace

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  std::string reason = std::string(what) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(std::move(reason));
  if (s.IsCorruption()) return Status::Corruption(std::move(reason));
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return Status::Busy(std::move(reason));
  if (s.IsNotSupported()) return Status::Unsupported(std::move(reason));
  if (s.IsInvalidArgument()) return Status::InvalidInput(std::move(reason));
  return Status::IoError(std::move(reason));
}

void RaiseTo(std::atomic<uint64_t>& a, uint64_t v) {
  uint64_t cur = a.load();
  while (cur < v && !a.compare_exchange_weak(cur, v)) {
  }
}

// ---- Open ----

Status StoreImpl::Open(const std::string& dir, const StoreOptions& options, rocksdb::Env* env,
                       std::unique_ptr<StoreImpl>* out) {
  auto impl = std::make_unique<StoreImpl>();
  impl->dir = dir;
  impl->options = options;
  impl->write_options.sync = options.sync;
  impl->cache = rocksdb::NewLRUCache(options.block_cache_bytes);

  rocksdb::DBOptions db_options = MakeDbOptions(options);
  if (env != nullptr) db_options.env = env;
  const bool exists = db_options.env->FileExists(dir + "/CURRENT").ok();
  if (!exists && (options.read_only || !options.create_if_missing)) {
    return Status::NotFound("no cashmatch store in " + dir);
  }
  // Column families are created only with the store itself: one missing
  // from an existing store means damage, and an empty index created in its
  // place would silently answer wrong.
  db_options.create_if_missing = !exists;
  db_options.create_missing_column_families = !exists;

  std::vector<std::string> existing;
  if (exists) {
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(db_options, dir, &existing);
    if (!s.ok()) return OpenError(s, dir);
  }
  auto existed = [&](std::string_view name) {
    return !exists || std::find(existing.begin(), existing.end(), name) != existing.end();
  };

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  std::vector<int> slots;  // descriptor -> Cf, or -1
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, MakeForeignCfOptions());
  slots.push_back(-1);
  std::vector<std::string> missing;
  for (int c = 0; c < kCfCount; ++c) {
    const char* name = kCfNames[c];
    if (!existed(name)) {
      missing.emplace_back(name);
      continue;
    }
    descriptors.emplace_back(name, MakeCfOptions(static_cast<Cf>(c), impl->cache));
    slots.push_back(c);
  }
  // A newer build may have added column families; RocksDB refuses to open a
  // database without all of them, and we want to reach the schema check.
  for (const std::string& name : existing) {
    bool known = name == rocksdb::kDefaultColumnFamilyName;
    for (const char* ours : kCfNames) known = known || name == ours;
    if (!known) {
      descriptors.emplace_back(name, MakeForeignCfOptions());
      slots.push_back(-1);
    }
  }

  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s =
      options.read_only ? rocksdb::DB::OpenForReadOnly(db_options, dir, descriptors, &handles, &raw)
                        : rocksdb::DB::Open(db_options, dir, descriptors, &handles, &raw);
  if (!s.ok()) return OpenError(s, dir);
  impl->db.reset(raw);
  impl->all_handles = handles;
  for (size_t i = 0; i < handles.size(); ++i) {
    if (slots[i] >= 0) impl->handles[slots[i]] = handles[i];
  }

  CASHMATCH_RETURN_IF_ERROR(impl->CheckSchema(!exists, missing));
  CASHMATCH_RETURN_IF_ERROR(impl->LoadIdMarks());
  if (!options.read_only) {
    // Files of a large commit that a crash interrupted: never ingested.
    std::error_code ignored;
    std::filesystem::remove_all(dir + "/" + std::string(kIngestDir), ignored);
  }
  *out = std::move(impl);
  return Status::Ok();
}

StoreImpl::~StoreImpl() {
  if (!db) return;
  // A clean close leaves nothing in the WAL to replay: after a large load
  // the memtables can hold gigabytes, and replaying them made the next open
  // take tens of seconds. A crash still recovers from the synced WAL.
  if (!options.read_only && sticky_error.ok()) {
    rocksdb::FlushOptions flush;
    flush.wait = true;
    std::vector<rocksdb::ColumnFamilyHandle*> live;
    for (rocksdb::ColumnFamilyHandle* h : handles) {
      if (h != nullptr) live.push_back(h);
    }
    db->Flush(flush, live).PermitUncheckedError();
  }
  for (rocksdb::ColumnFamilyHandle* h : all_handles) {
    db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  // Errors closing cannot be reported from a destructor; everything
  // committed is already in the synced WAL.
  db->Close().PermitUncheckedError();
}

Status StoreImpl::CheckSchema(bool created, const std::vector<std::string>& missing_cfs) {
  std::string value;
  // Without the meta family there is no schema version: creation was cut
  // short before RocksDB made it, or this is not our database (below).
  rocksdb::Status s =
      handles[kMeta] == nullptr
          ? rocksdb::Status::NotFound()
          : db->Get(rocksdb::ReadOptions(), cf(kMeta), std::string(kSchemaVersionKey), &value);
  if (s.ok()) {
    if (value.size() != 4) return Status::Corruption("store in " + dir + ": bad schema version");
    const uint32_t version = DecodeFixed32BE(value.data());
    if (version >= 1 && version < Store::kSchemaVersion && !options.read_only) {
      return UpgradeFrom(version, missing_cfs);
    }
    if (version != Store::kSchemaVersion) {
      const std::string versions = "store in " + dir + " has schema version " +
                                   std::to_string(version) + ", this build reads version " +
                                   std::to_string(Store::kSchemaVersion);
      return Status::Unsupported(version > Store::kSchemaVersion
                                     ? versions + ": it was written by a newer cashmatch"
                                     : versions + ": no upgrade from that version exists");
    }
    if (!missing_cfs.empty()) {
      return Status::Corruption("store in " + dir + " lacks column family " + missing_cfs[0]);
    }
    return Status::Ok();
  }
  if (!s.IsNotFound()) return FromRocks(s, "cannot read schema version in " + dir);

  // No schema version: a store being created, or one whose creation was cut
  // short (RocksDB creates the column families one by one, and a kill can
  // land between them or before the meta record is written). Anything
  // holding data is not ours to adopt; an empty one is finished here.
  if (!created) {
    for (rocksdb::ColumnFamilyHandle* h : all_handles) {
      std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), h));
      it->SeekToFirst();
      if (it->Valid() || !it->status().ok()) {
        return Status::Corruption(dir + " holds data but no schema version: not a cashmatch store");
      }
    }
  }
  if (options.read_only) {
    return Status::NotFound("store in " + dir + " was never initialized");
  }
  if (!missing_cfs.empty()) {
    CASHMATCH_RETURN_IF_ERROR(CreateColumnFamilies(missing_cfs, "cannot finish creating the store in "));
  }
  rocksdb::WriteBatch batch;
  rocksdb::WriteOptions synced;
  synced.sync = true;
  s = batch.Put(cf(kMeta), std::string(kSchemaVersionKey), Fixed32(Store::kSchemaVersion));
  if (s.ok()) s = db->Write(synced, &batch);
  if (!s.ok()) return FromRocks(s, "cannot initialize store in " + dir);
  return Status::Ok();
}

// Versions 2 (remittance advices) and 3 (result files bookkeeping) only
// added column families; every record of an older version still decodes.
// Creating the missing families and then writing the new version number is
// safe to repeat if cut short: a store with the families but still the old
// version comes back here and finds nothing missing. A family missing that
// the stored version already had is damage, not an upgrade.
Status StoreImpl::UpgradeFrom(uint32_t version, const std::vector<std::string>& missing_cfs) {
  for (const std::string& name : missing_cfs) {
    int c = 0;
    while (c < kCfCount && name != kCfNames[c]) ++c;
    if (c == kCfCount || SchemaVersionOf(static_cast<Cf>(c)) <= version) {
      return Status::Corruption("store in " + dir + " lacks column family " + name);
    }
  }
  CASHMATCH_RETURN_IF_ERROR(CreateColumnFamilies(missing_cfs, "cannot upgrade store in "));
  rocksdb::WriteOptions synced;
  synced.sync = true;
  rocksdb::Status s = db->Put(synced, cf(kMeta), std::string(kSchemaVersionKey),
                              Fixed32(Store::kSchemaVersion));
  if (!s.ok()) return FromRocks(s, "cannot upgrade store in " + dir);
  return Status::Ok();
}

Status StoreImpl::CreateColumnFamilies(const std::vector<std::string>& names, const std::string& why) {
  for (const std::string& name : names) {
    int c = 0;
    while (c < kCfCount && name != kCfNames[c]) ++c;
    if (c == kCfCount) return Status::Corruption("store in " + dir + ": unknown column family " + name);
    rocksdb::ColumnFamilyHandle* handle = nullptr;
    rocksdb::Status s =
        db->CreateColumnFamily(MakeCfOptions(static_cast<Cf>(c), cache), name, &handle);
    if (!s.ok()) return FromRocks(s, why + dir);
    handles[c] = handle;
    all_handles.push_back(handle);
  }
  return Status::Ok();
}

// The id sequences continue above the persisted high-water marks, and above
// the largest stored ids as well, so they stay unique even if a mark were
// behind.
Status StoreImpl::LoadIdMarks() {
  auto read_mark = [&](std::string_view key, uint64_t* mark) -> Status {
    std::string value;
    rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf(kMeta), std::string(key), &value);
    if (s.IsNotFound()) return Status::Ok();
    if (!s.ok()) return FromRocks(s, "cannot read id sequence in " + dir);
    if (value.size() != 8)
      return Status::Corruption("store in " + dir + ": bad " + std::string(key));
    *mark = DecodeFixed64BE(value.data());
    return Status::Ok();
  };
  auto last_id = [&](Cf c, uint64_t* next) -> Status {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf(c)));
    it->SeekToLast();
    if (it->Valid()) {
      if (auto id = LeadingId(std::string_view(it->key().data(), it->key().size()))) {
        *next = std::max(*next, SaturatingNext(*id));
      }
    }
    return it->status().ok() ? Status::Ok() : FromRocks(it->status(), "cannot scan " + dir);
  };
  CASHMATCH_RETURN_IF_ERROR(read_mark(kNextBatchIdKey, &persisted_next_batch_id));
  CASHMATCH_RETURN_IF_ERROR(read_mark(kNextPaymentIdKey, &persisted_next_payment_id));
  uint64_t next_batch = std::max<uint64_t>(persisted_next_batch_id, 1);
  uint64_t next_payment = std::max<uint64_t>(persisted_next_payment_id, 1);
  CASHMATCH_RETURN_IF_ERROR(last_id(kBatches, &next_batch));
  CASHMATCH_RETURN_IF_ERROR(last_id(kApplications, &next_batch));
  CASHMATCH_RETURN_IF_ERROR(last_id(kPayments, &next_payment));
  CASHMATCH_RETURN_IF_ERROR(last_id(kAdvices, &next_payment));
  next_batch_id = next_batch;
  next_payment_id = next_payment;
  committed_batch_bound = next_batch;
  committed_payment_bound = next_payment;
  return Status::Ok();
}

// ---- Commit ----

Status StoreImpl::Commit(WriteSetRep& rep) {
  if (options.read_only) return Status::Unsupported("store in " + dir + " is open read-only");
  if (rep.count == 0) return Status::Ok();
  std::lock_guard<std::mutex> lock(commit_mu);
  if (!sticky_error.ok()) return sticky_error;

  std::vector<BatchOp> ops;
  ops.reserve(rep.count * 3);
  uint64_t max_batch_id = 0;
  uint64_t max_payment_id = 0;
  bool has_batch_ids = false;
  bool has_payment_ids = false;
  WriteOpReader reader(rep.ops);
  WriteOp op;
  bool malformed = false;
  while (reader.Next(&op, &malformed)) {
    ops.push_back({op.cf, op.op == Op::kPut, op.key, op.value});
    if (op.op != Op::kPut) continue;
    if (op.cf == kBatches || op.cf == kApplications) {
      max_batch_id = std::max(max_batch_id, LeadingId(op.key).value_or(0));
      has_batch_ids = true;
    } else if (op.cf == kPayments || op.cf == kAdvices) {
      max_payment_id = std::max(max_payment_id, LeadingId(op.key).value_or(0));
      has_payment_ids = true;
    }
  }
  if (malformed) return Status::Corruption("malformed WriteSet");
  std::deque<std::string> arena;
  CASHMATCH_RETURN_IF_ERROR(CollectIndexChanges(rep.ops, &ops, &arena));

  // The id high-water marks go last, so they win over any change of the
  // same key in the set.
  const uint64_t batch_mark = SaturatingNext(max_batch_id);
  const uint64_t payment_mark = SaturatingNext(max_payment_id);
  const bool write_batch_mark = has_batch_ids && batch_mark > persisted_next_batch_id;
  const bool write_payment_mark = has_payment_ids && payment_mark > persisted_next_payment_id;
  if (write_batch_mark) {
    ops.push_back({kMeta, true, kNextBatchIdKey, arena.emplace_back(Fixed64(batch_mark))});
  }
  if (write_payment_mark) {
    ops.push_back({kMeta, true, kNextPaymentIdKey, arena.emplace_back(Fixed64(payment_mark))});
  }

  // RocksDB inserts a batch into its memtables in batch order, and a skip
  // list takes keys in ascending order several times faster than random
  // ones; SST files need them sorted anyway. Only the order of changes to
  // the same key matters: the position breaks ties, which sorts like a
  // stable sort without its buffer and merge passes. A large set is sorted
  // on every core: the sort is most of a first load's commit.
  if (ops.size() > std::numeric_limits<uint32_t>::max()) {
    return Status::ResourceExhausted("a commit of more than 4 billion changes");
  }
  for (size_t i = 0; i < ops.size(); ++i) {
    ops[i].seq = static_cast<uint32_t>(i);
    ops[i].prefix[0] = KeyPrefix(ops[i].key, 0);
    ops[i].prefix[1] = KeyPrefix(ops[i].key, 8);
  }
  tbb::parallel_sort(ops.begin(), ops.end(), [](const BatchOp& a, const BatchOp& b) {
    if (a.cf != b.cf) return a.cf < b.cf;
    if (a.prefix[0] != b.prefix[0]) return a.prefix[0] < b.prefix[0];
    if (a.prefix[1] != b.prefix[1]) return a.prefix[1] < b.prefix[1];
    const int c = a.key.compare(b.key);
    return c != 0 ? c < 0 : a.seq < b.seq;
  });
  if (ops.size() >= options.ingest_min_changes) {
    CASHMATCH_RETURN_IF_ERROR(IngestSorted(ops));
  } else {
    rocksdb::WriteBatch batch(rep.ops.size() + rep.ops.size() / 2);
    for (const BatchOp& o : ops) {
      const rocksdb::Slice key(o.key.data(), o.key.size());
      rocksdb::Status s =
          o.put ? batch.Put(cf(o.cf), key, rocksdb::Slice(o.value.data(), o.value.size()))
                : batch.Delete(cf(o.cf), key);
      if (!s.ok()) return FromRocks(s, "cannot build write batch");
    }
    rocksdb::Status s = fail_next_write.exchange(false)
                            ? rocksdb::Status::IOError("injected by a test")
                            : db->Write(write_options, &batch);
    if (!s.ok()) {
      sticky_error = FromRocks(s, "commit to " + dir + " failed, refusing writes until reopened");
      return sticky_error;
    }
  }
  if (write_batch_mark) persisted_next_batch_id = batch_mark;
  if (write_payment_mark) persisted_next_payment_id = payment_mark;
  if (has_batch_ids) committed_batch_bound = std::max(committed_batch_bound, batch_mark);
  if (has_payment_ids) committed_payment_bound = std::max(committed_payment_bound, payment_mark);
  if (has_batch_ids) RaiseTo(next_batch_id, batch_mark);
  if (has_payment_ids) RaiseTo(next_payment_id, payment_mark);
  return Status::Ok();
}

// Secondary index maintenance. For each record the set touches, the entries
// it had before the commit come from its stored version (read now, under
// commit_mu, so no other commit can change it in between); each change in
// the set then moves the record from its current entries to the ones it
// carries. Changes of one record are replayed in set order; different
// records never share an index key (every key ends with the record's
// primary key), so the records can be handled in any order, which lets the
// stored versions be read with one MultiGet per chunk of records.
// Appends the index puts and deletes to *out, their keys kept in *arena.
Status StoreImpl::CollectIndexChanges(std::string_view ops, std::vector<BatchOp>* out,
                                      std::deque<std::string>* arena) {
  std::vector<RecordChange> changes;
  WriteOpReader reader(ops);
  WriteOp op;
  bool malformed = false;
  while (reader.Next(&op, &malformed)) {
    if (!HasIndexes(op.cf)) continue;
    const uint64_t hash = XXH3_64bits_withSeed(op.key.data(), op.key.size(), op.cf);
    changes.push_back({hash, static_cast<uint32_t>(changes.size()), op.cf, op.key, op.indexes});
  }
  if (changes.empty()) return Status::Ok();
  // First change of each distinct record.
  const std::vector<size_t> firsts = GroupByRecord(&changes);

  // Payments and applications a file brings carry ids never committed:
  // reading them back would find nothing, at a cost that showed in the
  // daemon's profile.
  const auto IsNew = [this](Cf c, std::string_view key) {
    const std::optional<uint64_t> id = LeadingId(key);
    if (!id) return false;
    if (c == kPayments) return *id >= committed_payment_bound;
    if (c == kApplications) return *id >= committed_batch_bound;
    return false;
  };
  // A column family holding nothing yet (the first load of invoices, say)
  // needs no reads: every record in it is new. Commits are serialized, so
  // it cannot fill up before this one writes.
  std::array<bool, kCfCount> empty{};
  for (size_t c = 0; c < kCfCount; ++c) {
    if (!HasIndexes(static_cast<Cf>(c))) continue;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[c]));
    it->SeekToFirst();
    if (!it->status().ok()) return FromRocks(it->status(), "cannot read records to update indexes");
    empty[c] = !it->Valid();
  }

  constexpr size_t kChunk = 1024;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;
  std::vector<rocksdb::Slice> keys;
  std::vector<size_t> asked;  // positions in the chunk of the keys read
  std::vector<rocksdb::PinnableSlice> values(kChunk);
  std::vector<rocksdb::Status> statuses(kChunk);
  std::vector<bool> found(kChunk);
  std::vector<IndexEntry> stored;
  // Views into the set's index sections, or into *arena for entries of
  // stored records; both outlive the commit's WriteBatch or SST files.
  std::vector<IndexEntryView> current;
  std::vector<IndexEntryView> next;
  for (size_t chunk = 0; chunk < firsts.size(); chunk += kChunk) {
    const size_t n = std::min(kChunk, firsts.size() - chunk);
    cfs.clear();
    keys.clear();
    asked.clear();
    for (size_t j = 0; j < n; ++j) {
      const RecordChange& c = changes[firsts[chunk + j]];
      found[j] = false;
      if (empty[c.cf] || IsNew(c.cf, c.key)) continue;
      cfs.push_back(cf(c.cf));
      keys.emplace_back(c.key.data(), c.key.size());
      asked.push_back(j);
    }
    if (!asked.empty()) {
      for (size_t a = 0; a < asked.size(); ++a) values[a].Reset();
      db->MultiGet(rocksdb::ReadOptions(), asked.size(), cfs.data(), keys.data(), values.data(),
                   statuses.data());
    }
    for (size_t a = 0; a < asked.size(); ++a) {
      if (statuses[a].ok()) {
        found[asked[a]] = true;
      } else if (!statuses[a].IsNotFound()) {
        return FromRocks(statuses[a], "cannot read records to update indexes");
      }
    }
    size_t a = 0;  // the next read value
    for (size_t j = 0; j < n; ++j) {
      const size_t first = firsts[chunk + j];
      const size_t end = chunk + j + 1 < firsts.size() ? firsts[chunk + j + 1] : changes.size();
      const Cf record_cf = changes[first].cf;
      current.clear();
      if (a < asked.size() && asked[a] == j) {
        if (found[j]) {
          stored.clear();
          Status st = StoredIndexEntries(
              record_cf, std::string_view(values[a].data(), values[a].size()), &stored);
          if (!st.ok()) {
            return Status::Corruption("cannot update indexes of a stored " +
                                      std::string(kCfNames[record_cf]) +
                                      " record: " + std::string(st.reason()));
          }
          for (IndexEntry& e : stored) current.push_back({e.cf, arena->emplace_back(std::move(e.key))});
        }
        ++a;
      }
      for (size_t i = first; i < end; ++i) {
        next.clear();
        if (!ParseIndexEntries(changes[i].indexes, &next)) {
          return Status::Corruption("malformed WriteSet");
        }
        for (const IndexEntryView& e : current) {
          if (!HasEntry(next, e)) out->push_back({e.cf, false, e.key, {}});
        }
        for (const IndexEntryView& e : next) {
          if (!HasEntry(current, e)) out->push_back({e.cf, true, e.key, {}});
        }
        current.swap(next);
      }
    }
  }
  return Status::Ok();
}

}  // namespace cashmatch::storage

namespace cashmatch {

Store::Store(std::unique_ptr<storage::StoreImpl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const StoreOptions& options) {
  std::unique_ptr<storage::StoreImpl> impl;
  CASHMATCH_RETURN_IF_ERROR(storage::StoreImpl::Open(dir, options, nullptr, &impl));
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Status Store::Commit(WriteSet&& set) {
  if (!set.rep_) return Status::Ok();
  std::unique_ptr<storage::WriteSetRep> rep = std::move(set.rep_);
  return impl_->Commit(*rep);
}

Status Store::Compact() {
  if (impl_->options.read_only) {
    return Status::Unsupported("store in " + impl_->dir + " is open read-only");
  }
  rocksdb::CompactRangeOptions options;
  // Rewrite the last level too, so every family ends as one sorted run.
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  for (rocksdb::ColumnFamilyHandle* h : impl_->handles) {
    rocksdb::Status s = impl_->db->CompactRange(options, h, nullptr, nullptr);
    if (!s.ok()) return storage::FromRocks(s, "cannot compact " + impl_->dir);
  }
  return Status::Ok();
}

uint64_t Store::AllocateBatchId() { return impl_->next_batch_id.fetch_add(1); }

uint64_t Store::AllocatePaymentIds(uint64_t n) {
  return impl_->next_payment_id.fetch_add(std::max<uint64_t>(n, 1));
}

}  // namespace cashmatch
