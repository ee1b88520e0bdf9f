// Large commits as SST files ingested atomically.
//
// A first load of millions of open items is one WriteSet of tens of
// millions of changes. Through a WriteBatch, every change is written to the
// WAL, inserted into a skip list and later flushed again: the disk sees the
// data twice and the memtable insert dominates the commit. Written as one
// sorted SST file per column family instead and handed to
// IngestExternalFiles, the data is written once, in order, and the files of
// all column families become visible in one MANIFEST record: all or nothing,
// as a WriteBatch would be, and durable when the call returns.
#include <rocksdb/sst_file_writer.h>

#include <filesystem>
#include <thread>

#include "store_impl.h"

namespace cashmatch::storage {
namespace {

namespace fs = std::filesystem;

// The changes of one column family, sorted by key; a later change of the
// same key replaces an earlier one, as it would in a WriteBatch.
template <typename Op>
rocksdb::Status WriteSst(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* cf, const Op* begin,
                         const Op* end, const std::string& path, uint64_t* entries) {
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), db.GetOptions(cf), cf);
  rocksdb::Status s = writer.Open(path);
  for (const Op* o = begin; s.ok() && o != end; ++o) {
    if (o + 1 != end && o[1].key == o->key) continue;
    const rocksdb::Slice key(o->key.data(), o->key.size());
    s = o->put ? writer.Put(key, rocksdb::Slice(o->value.data(), o->value.size()))
               : writer.Delete(key);
  }
  if (!s.ok()) return s;
  rocksdb::ExternalSstFileInfo info;
  s = writer.Finish(&info);
  *entries = info.num_entries;
  return s;
}

}  // namespace

Status StoreImpl::IngestSorted(const std::vector<BatchOp>& ops) {
  // Inside the database directory, so that ingestion moves the files by
  // hard link instead of copying them. Left over only by a crash mid-commit,
  // and then removed here or at the next open.
  const std::string tmp = dir + "/" + std::string(kIngestDir);
  std::error_code ec;
  fs::remove_all(tmp, ec);
  if (!fs::create_directory(tmp, ec)) {
    return Status::IoError("cannot create " + tmp + ": " + ec.message());
  }
  struct Part {
    Cf cf;
    const BatchOp* begin;
    const BatchOp* end;
    std::string path;
    rocksdb::Status status;
    uint64_t entries = 0;
  };
  std::vector<Part> parts;
  for (size_t i = 0; i < ops.size();) {
    size_t j = i;
    while (j < ops.size() && ops[j].cf == ops[i].cf) ++j;
    parts.push_back({ops[i].cf, ops.data() + i, ops.data() + j,
                     tmp + "/" + kCfNames[ops[i].cf] + ".sst", {}, 0});
    i = j;
  }
  // Column families are independent files: write them side by side.
  {
    std::vector<std::jthread> writers;
    for (Part& p : parts) {
      writers.emplace_back([&p, this] {
        p.status = WriteSst(*db, cf(p.cf), p.begin, p.end, p.path, &p.entries);
      });
    }
  }
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (const Part& p : parts) {
    if (!p.status.ok()) {
      fs::remove_all(tmp, ec);
      return FromRocks(p.status, "cannot write " + p.path);
    }
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = cf(p.cf);
    arg.external_files = {p.path};
    arg.options.move_files = true;
    // The sequence number lives in the MANIFEST; rewriting it into each
    // file would cost a second write of the file.
    arg.options.write_global_seqno = false;
    args.push_back(std::move(arg));
  }
  rocksdb::Status s = fail_next_write.exchange(false) ? rocksdb::Status::IOError("injected by a test")
                                                      : db->IngestExternalFiles(args);
  fs::remove_all(tmp, ec);
  if (!s.ok()) {
    sticky_error = FromRocks(s, "commit to " + dir + " failed, refusing writes until reopened");
    return sticky_error;
  }
  return Status::Ok();
}

}  // namespace cashmatch::storage
