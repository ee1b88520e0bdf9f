// PostingTable: the fuzzy index's multimap from 64-bit key hashes to
// (value, aux byte) entries, built for keys that repeat a lot.
//
// Invoice numbers are sequential, so a deletion variant such as "123456" is
// shared by dozens of references. Filing each (key, value) pair in its own
// slot would pile same-key entries into long linear-probing runs that every
// probe walks. Here each distinct key has one 8-byte slot: a tag (the top
// 32 bits of its hash) and either its single entry inline (its aux byte in
// a side array, read only on a match) or the offset of a block in a pool
// that holds its entries side by side (count, capacity, key, values, aux
// bytes). The slot is found from the tag alone, so the table grows without
// the keys, and two keys with one tag share a slot; a block also keeps all
// 64 bits of its entries' hash (KeyOf) while they agree, which lets a
// caller whose hashes identify keys exactly trust a block's entries without
// checking each. A block that fills moves to the end of the pool with half
// as much room again; the pool is compacted when a fifth of it is space
// left behind.
//
// Not thread-safe for mutation; const methods may run concurrently.
#ifndef CASHMATCH_ENGINE_POSTING_TABLE_H_
#define CASHMATCH_ENGINE_POSTING_TABLE_H_

#include <cstddef>
#include <cstdint>

#include "pod_vector.h"

namespace cashmatch::internal {

class PostingTable {
 public:
  // Values must not exceed this: the top bit marks a block offset.
  static constexpr uint32_t kMaxValue = 0x7fffffff;

  static uint32_t TagOf(uint64_t hash) {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    return tag != 0 ? tag : 1;
  }
  // What a block keeps of its entries' hash: tag and low half; never 0.
  static uint64_t KeyOf(uint64_t hash) {
    return uint64_t{TagOf(hash)} << 32 | static_cast<uint32_t>(hash);
  }

  // The KeyOf of a single entry's hash, which its slot does not keep, or 0
  // if unknown: asked when another entry joins it in a block.
  class SingleKeys {
   public:
    virtual ~SingleKeys() = default;
    virtual uint64_t KeyOfSingle(uint32_t value, uint8_t aux) const = 0;
  };

  // Adds the entry (value, aux) under `hash`.
  void Insert(uint64_t hash, uint32_t value, uint8_t aux, const SingleKeys& singles);

  // One entry for bulk building: TagOf(hash) and the low half of hash.
  struct Posting {
    uint32_t tag;
    uint32_t low;
    uint32_t value;
    uint8_t aux;
  };
  // Fills an empty table with entries sorted by tag, in one sequential pass
  // with every block sized exactly; lookups answer as if each entry had been
  // inserted in turn.
  void BuildFromSorted(const Posting* entries, size_t n);
  // Adds entries sorted by tag to a table that may hold entries already, by
  // merging them with its keys (sorted by tag) into a new table in one
  // pass: each key's entries end up side by side, the old ones first, as
  // inserting each in turn would leave them.
  void MergeSorted(const Posting* entries, size_t n, const SingleKeys& singles);

  // Calls fn(value, aux, same_key) for the entries of every slot in hash's
  // probe run whose tag is hash's: all entries inserted with `hash`, rarely
  // others. same_key is true for the entries of a block all of whose
  // entries were filed under hashes with hash's KeyOf.
  template <typename Fn>
  void ForEach(uint64_t hash, Fn&& fn) const {
    if (slots_.empty()) return;
    const uint32_t tag = TagOf(hash);
    for (size_t i = Home(tag); slots_[i].tag != 0; i = Next(i)) {
      if (slots_[i].tag != tag) continue;
      const uint32_t head = slots_[i].head;
      if ((head & kBlock) == 0) {
        fn(head, aux_[i], false);
        continue;
      }
      const uint32_t* block = pool_.data() + (head & ~kBlock);
      const uint32_t count = block[0];
      const bool same_key = BlockKey(block) == KeyOf(hash);
      const uint8_t* aux = BlockAux(block);
      for (uint32_t e = 0; e < count; ++e) fn(block[kHeader + e], aux[e], same_key);
    }
  }

  // Starts loading the slot a lookup of `hash` reads first.
  void Prefetch(uint64_t hash) const {
    if (slots_.empty()) return;
    __builtin_prefetch(&slots_[Home(TagOf(hash))]);
  }
  // Starts loading the blocks a ForEach(hash) reads; best once the slot
  // Prefetch(hash) asked for has arrived.
  void PrefetchEntries(uint64_t hash) const {
    if (slots_.empty()) return;
    const uint32_t tag = TagOf(hash);
    for (size_t i = Home(tag); slots_[i].tag != 0; i = Next(i)) {
      if (slots_[i].tag != tag) continue;
      if ((slots_[i].head & kBlock) == 0) {
        __builtin_prefetch(&aux_[i]);
        continue;
      }
      // Its first four lines (its size is in the block itself): the whole
      // of a block of up to 48 entries that starts on a line, header, values
      // and aux bytes, which most are; the hardware prefetcher follows on
      // through longer ones. (Six lines measured no faster.)
      const uint32_t* block = pool_.data() + (slots_[i].head & ~kBlock);
      for (int line = 0; line < 4; ++line) __builtin_prefetch(block + 16 * line);
    }
  }

  // Packs the pool, leaving each block a little room to grow.
  void Compact();

  size_t keys() const { return keys_; }
  size_t entries() const { return entries_; }
  size_t MemoryUsage() const {
    return slots_.MemoryUsage() + aux_.MemoryUsage() + pool_.MemoryUsage();
  }

 private:
  static constexpr uint32_t kBlock = 0x80000000;
  // A block: count, capacity, key (two words), then the values and the aux bytes.
  static constexpr size_t kHeader = 4;

  struct Slot {
    uint32_t tag;   // 0 = empty
    uint32_t head;  // the single value, or kBlock | pool offset
  };

  static constexpr double kMaxLoad = 0.85;
  size_t Home(uint32_t tag) const { return (uint64_t{tag} * slots_.size()) >> 32; }
  size_t Next(size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }
  // Words of a block with room for `cap` entries: header, values, aux bytes.
  static size_t BlockWords(uint32_t cap) { return kHeader + cap + (cap + 3) / 4; }
  static uint64_t BlockKey(const uint32_t* block) { return uint64_t{block[3]} << 32 | block[2]; }
  static void SetBlockKey(uint32_t* block, uint64_t key) {
    block[2] = static_cast<uint32_t>(key);
    block[3] = static_cast<uint32_t>(key >> 32);
  }
  static uint8_t* BlockAux(uint32_t* block) {
    return reinterpret_cast<uint8_t*>(block + kHeader + block[1]);
  }
  static const uint8_t* BlockAux(const uint32_t* block) {
    return reinterpret_cast<const uint8_t*>(block + kHeader + block[1]);
  }
  // Appends an empty block with room for `cap` entries; returns its offset.
  uint32_t NewBlock(uint32_t cap);
  void Rehash(size_t capacity);
  // An existing key while merging: its tag and the slot that holds it.
  struct OldKey {
    uint32_t tag;
    uint32_t slot;
  };
  // Fills this empty table with the keys `old` names in `from` (sorted by
  // tag; none when from is null) merged with `entries` (sorted by tag).
  void Fill(const PostingTable* from, const OldKey* old, size_t old_n, const Posting* entries,
            size_t n, const SingleKeys* singles);

  PodVector<Slot> slots_;
  PodVector<uint8_t> aux_;  // a single value's aux byte
  PodVector<uint32_t> pool_;
  size_t keys_ = 0;
  size_t entries_ = 0;
  size_t garbage_ = 0;  // pool words left behind by blocks that moved
};

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_POSTING_TABLE_H_
