// PostingTable: the fuzzy index's multimap from 64-bit key hashes to
// (value, aux byte) entries, built for keys that repeat a lot.
//
// Invoice numbers are sequential, so a deletion variant such as "123456" is
// shared by dozens of references. Filing each (key, value) pair in its own
// slot would pile same-key entries into long linear-probing runs that every
// probe walks. Here each distinct key has one slot: a 16-bit tag and either
// its single entry inline or the offset of a block in a pool that holds its
// entries side by side (count, capacity, values, aux bytes). A key is never
// compared in full: it is its tag, the top 32 bits of its hash, and the slot
// is found from the tag alone, so two keys with one tag share a slot and the
// caller's check drops the stranger's entries; in exchange the table grows
// without the keys. A block that fills moves to the end of the pool with
// half as much room again; the pool is compacted when a fifth of it is
// space left behind.
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

  // Adds the entry (value, aux) under `hash`.
  void Insert(uint64_t hash, uint32_t value, uint8_t aux);

  // One entry for bulk building: tag is TagOf(hash).
  struct Posting {
    uint32_t tag;
    uint32_t value;
    uint8_t aux;
  };
  static uint32_t TagOf(uint64_t hash) {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    return tag != 0 ? tag : 1;
  }
  // Fills an empty table with entries sorted by tag, in one sequential pass
  // with every block sized exactly; lookups answer as if each entry had been
  // inserted in turn.
  void BuildFromSorted(const Posting* entries, size_t n);

  // Calls fn(value, aux) for the entries of every slot in hash's probe run
  // whose tag is hash's: all entries inserted with `hash`, rarely others.
  template <typename Fn>
  void ForEach(uint64_t hash, Fn&& fn) const {
    if (tags_.empty()) return;
    const uint32_t tag = TagOf(hash);
    for (size_t i = Home(tag); tags_[i] != 0; i = Next(i)) {
      if (tags_[i] != tag) continue;
      const uint32_t head = heads_[i];
      if ((head & kBlock) == 0) {
        fn(head, aux_[i]);
        continue;
      }
      const uint32_t* block = pool_.data() + (head & ~kBlock);
      const uint32_t count = block[0];
      const uint8_t* aux = BlockAux(block);
      for (uint32_t e = 0; e < count; ++e) fn(block[2 + e], aux[e]);
    }
  }

  // Starts loading the slot a lookup of `hash` reads first.
  void Prefetch(uint64_t hash) const {
    if (tags_.empty()) return;
    const size_t i = Home(TagOf(hash));
    __builtin_prefetch(&tags_[i]);
    __builtin_prefetch(&heads_[i]);
    __builtin_prefetch(&aux_[i]);
  }
  // Starts loading the blocks a ForEach(hash) reads; best once the slot
  // Prefetch(hash) asked for has arrived.
  void PrefetchEntries(uint64_t hash) const {
    if (tags_.empty()) return;
    const uint32_t tag = TagOf(hash);
    for (size_t i = Home(tag); tags_[i] != 0; i = Next(i)) {
      if (tags_[i] != tag || (heads_[i] & kBlock) == 0) continue;
      // Its first four lines (its size is in the block itself): the whole
      // of a block of up to 48 entries, header, values and aux bytes, which
      // most are; the hardware prefetcher follows on through longer ones.
      const uint32_t* block = pool_.data() + (heads_[i] & ~kBlock);
      for (int line = 0; line < 4; ++line) __builtin_prefetch(block + 16 * line);
    }
  }

  // Packs the pool, leaving each block a quarter of room to grow.
  void Compact();

  size_t keys() const { return keys_; }
  size_t entries() const { return entries_; }
  size_t MemoryUsage() const {
    return tags_.MemoryUsage() + heads_.MemoryUsage() + aux_.MemoryUsage() +
           pool_.MemoryUsage();
  }

 private:
  static constexpr uint32_t kBlock = 0x80000000;

  static constexpr double kMaxLoad = 0.85;
  size_t Home(uint32_t tag) const { return (uint64_t{tag} * tags_.size()) >> 32; }
  size_t Next(size_t i) const { return i + 1 == tags_.size() ? 0 : i + 1; }
  // Words of a block with room for `cap` entries: header, values, aux bytes.
  static size_t BlockWords(uint32_t cap) { return 2 + cap + (cap + 3) / 4; }
  static uint8_t* BlockAux(uint32_t* block) {
    return reinterpret_cast<uint8_t*>(block + 2 + block[1]);
  }
  static const uint8_t* BlockAux(const uint32_t* block) {
    return reinterpret_cast<const uint8_t*>(block + 2 + block[1]);
  }
  // Appends an empty block with room for `cap` entries; returns its offset.
  uint32_t NewBlock(uint32_t cap);
  void Rehash(size_t capacity);

  PodVector<uint32_t> tags_;   // 0 = empty slot
  PodVector<uint32_t> heads_;  // the single value, or kBlock | pool offset
  PodVector<uint8_t> aux_;     // the single value's aux byte
  PodVector<uint32_t> pool_;
  size_t keys_ = 0;
  size_t entries_ = 0;
  size_t garbage_ = 0;  // pool words left behind by blocks that moved
};

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_POSTING_TABLE_H_
