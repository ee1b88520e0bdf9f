// TagMultiMap: a multimap from 64-bit key hashes to uint32 values, 8 bytes a
// slot, for the ledger's exact-key indexes.
//
// A slot keeps the top 32 bits of the hash (the tag) and the value; the key
// itself is not stored, so a tag match is only a candidate: the caller
// checks the value's real key. The home slot is derived from the tag alone,
// which lets the table grow without the keys, and makes two entries with
// equal tag and value interchangeable, so Erase is exact at that level.
// Open addressing with linear probing; deletion shifts the following run
// back instead of leaving tombstones, so probes stay short after churn.
//
// Not thread-safe for mutation; const methods may run concurrently.
#ifndef CASHMATCH_ENGINE_TAG_MULTIMAP_H_
#define CASHMATCH_ENGINE_TAG_MULTIMAP_H_

#include <cstddef>
#include <cstdint>

#include "pod_vector.h"

namespace cashmatch::internal {

class TagMultiMap {
 public:
  TagMultiMap() = default;

  // Sizes the table for `n` entries without growing on the way.
  void Reserve(size_t n);
  // Adds (hash, value); duplicates are kept.
  void Insert(uint64_t hash, uint32_t value);
  // Removes one entry with hash's tag and `value`; false if there is none.
  bool Erase(uint64_t hash, uint32_t value);

  // Calls fn(value) for each entry whose tag is hash's, in table order,
  // while fn returns true.
  template <typename Fn>
  void ForEach(uint64_t hash, Fn&& fn) const {
    if (capacity_ == 0) return;
    const uint32_t tag = TagOf(hash);
    for (size_t i = Home(tag);; i = Next(i)) {
      const Slot& s = slots_[i];
      if (s.tag == 0) return;
      if (s.tag == tag && !fn(s.value)) return;
    }
  }

  // Starts loading the cache line a lookup of `hash` will read first.
  void Prefetch(uint64_t hash) const {
    if (capacity_ != 0) __builtin_prefetch(&slots_[Home(TagOf(hash))]);
  }

  size_t size() const { return size_; }
  size_t MemoryUsage() const { return slots_.MemoryUsage(); }

 private:
  struct Slot {
    uint32_t tag;  // 0 = empty
    uint32_t value;
  };
  static constexpr double kMaxLoad = 0.8;

  static uint32_t TagOf(uint64_t hash) {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    return tag != 0 ? tag : 1;
  }
  // Maps the tag onto [0, capacity) by multiplication: no power-of-two
  // capacity needed, so the table can be sized close to its load.
  size_t Home(uint32_t tag) const { return (uint64_t{tag} * capacity_) >> 32; }
  size_t Next(size_t i) const { return i + 1 == capacity_ ? 0 : i + 1; }
  void Rehash(size_t capacity);
  void Place(Slot s);

  PodVector<Slot> slots_;
  size_t capacity_ = 0;
  size_t size_ = 0;
};

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_TAG_MULTIMAP_H_
