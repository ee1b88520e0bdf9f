// What a WriteSet holds: its changes serialized in order into one string,
// close to a RocksDB WriteBatch's own representation, so a large set costs
// little beyond its bytes. The store turns it into a WriteBatch on commit.
//
// Each change is
//   op        1 byte: kPut or kDelete
//   cf        1 byte: storage::Cf
//   key       varint length + bytes
//   value     varint length + bytes (kPut only)
//   indexes   only for column families with HasIndexes(): varint length +
//             bytes holding a varint count, then per entry 1 byte Cf +
//             varint length + key: the index entries the record has after
//             this change (none for a delete)
//
// Not synchronized; owned by its WriteSet.
#ifndef CASHMATCH_STORAGE_WRITE_SET_REP_H_
#define CASHMATCH_STORAGE_WRITE_SET_REP_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "keys.h"

namespace cashmatch::storage {

enum class Op : uint8_t { kPut = 1, kDelete = 2 };

struct WriteSetRep {
  std::string ops;
  size_t count = 0;
};

// One change, viewed in place: the views point into WriteSetRep::ops.
struct WriteOp {
  Op op;
  Cf cf;
  std::string_view key;
  std::string_view value;    // empty for kDelete
  std::string_view indexes;  // the index section's bytes, for ParseIndexEntries
};

// Walks the changes in order. Next() returns false at the end, and also
// (with *malformed set) on bytes no WriteSet writes.
class WriteOpReader {
 public:
  explicit WriteOpReader(std::string_view ops) : in_(ops) {}
  bool Next(WriteOp* op, bool* malformed);

 private:
  std::string_view in_;
};

// An index entry whose key points into bytes owned elsewhere (a WriteSet's
// index section, or a commit's arena).
struct IndexEntryView {
  Cf cf;
  std::string_view key;
  friend bool operator==(const IndexEntryView&, const IndexEntryView&) = default;
};

// Decodes WriteOp::indexes, appending views into `encoded`; false if
// malformed.
bool ParseIndexEntries(std::string_view encoded, std::vector<IndexEntryView>* out);

}  // namespace cashmatch::storage

#endif  // CASHMATCH_STORAGE_WRITE_SET_REP_H_
