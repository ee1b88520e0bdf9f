// TagMultiMap: a multimap from 64-bit key hashes to uint32 values, 8 bytes a
// slot, for the ledger's exact-key indexes. CodedTagMultiMap adds a 32-bit
// payload to each slot (12 bytes a slot), for the reference table, which
// keeps there a check that settles a match without reading the invoice
// (reference_key.h).
//
// A slot keeps the top 32 bits of the hash (the tag) and the value; the key
// itself is not stored, so a tag match is only a candidate: the caller
// checks the value's real key. The home slot is derived from the tag alone,
// which lets the table grow without the keys, and makes two entries with
// equal tag and value interchangeable, so Erase is exact at that level.
// Open addressing with linear probing, Robin Hood style: each run is kept
// ordered by home slot, so a lookup stops at the first entry whose home is
// past its own instead of at the next empty slot, which at the 0.8 load
// kept here is 3 slots on average rather than 13. Deletion shifts the
// following run back instead of leaving tombstones, so probes stay short
// after churn.
//
// Not thread-safe for mutation; const methods may run concurrently.
#ifndef CASHMATCH_ENGINE_TAG_MULTIMAP_H_
#define CASHMATCH_ENGINE_TAG_MULTIMAP_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "pod_vector.h"

namespace cashmatch::internal {

struct NoPayload {};

template <typename Payload>
class BasicTagMultiMap {
  static constexpr bool kHasPayload = !std::is_same_v<Payload, NoPayload>;

 public:
  BasicTagMultiMap() = default;

  // Sizes the table for `n` entries without growing on the way.
  void Reserve(size_t n);
  // Adds (hash, value, payload); duplicates are kept.
  void Insert(uint64_t hash, uint32_t value, Payload payload = Payload{});
  // Removes one entry with hash's tag and `value`; false if there is none.
  bool Erase(uint64_t hash, uint32_t value);

  // Bulk building: fills an empty table with records that have `tag`
  // (TagOf(hash)), `value` and, with a payload, `payload` fields, sorted by
  // tag, in one sequential pass; the same lookups answer as if each had
  // been inserted.
  template <typename T>
  void BuildFromSorted(const T* records, size_t n) {
    BeginBuild(n);
    for (size_t i = 0; i < n; ++i) {
      Slot s{records[i].tag, records[i].value};
      if constexpr (kHasPayload) s.payload = records[i].payload;
      PlaceSorted(s);
    }
    EndBuild(n);
  }
  // Adds records sorted as for BuildFromSorted to a table that may hold
  // entries already: its entries, sorted by tag, and the records are merged
  // into a new table in one sequential pass, instead of one random probe
  // per record (a bulk load appending to a populated ledger).
  template <typename T>
  void MergeSorted(const T* records, size_t n) {
    if (n == 0) return;
    if (size_ == 0) {
      BuildFromSorted(records, n);
      return;
    }
    const PodVector<Slot> old = TakeSortedSlots();
    BeginBuild(old.size() + n);
    size_t i = 0;
    for (size_t k = 0; k < n; ++k) {  // equal tags: old entries first
      for (; i < old.size() && old[i].tag <= records[k].tag; ++i) PlaceSorted(old[i]);
      Slot s{records[k].tag, records[k].value};
      if constexpr (kHasPayload) s.payload = records[k].payload;
      PlaceSorted(s);
    }
    for (; i < old.size(); ++i) PlaceSorted(old[i]);
    EndBuild(old.size() + n);
  }
  static uint32_t TagOf(uint64_t hash) {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    return tag != 0 ? tag : 1;
  }

  // Calls fn(value) for each entry whose tag is hash's, in table order,
  // while fn returns true.
  template <typename Fn>
  void ForEach(uint64_t hash, Fn&& fn) const {
    ForEachWithPayload(hash, [&](uint32_t value, const Payload&) { return fn(value); });
  }
  // The same, calling fn(value, payload).
  template <typename Fn>
  void ForEachWithPayload(uint64_t hash, Fn&& fn) const {
    if (capacity_ == 0) return;
    const uint32_t tag = TagOf(hash);
    const size_t home = Home(tag);
    for (size_t i = home, distance = 0;; i = Next(i), ++distance) {
      const Slot& s = slots_[i];
      // Runs are ordered by home: an entry nearer its home than we are to
      // ours has a later home, and so has everything after it.
      if (s.tag == 0 || (s.tag != tag && Distance(s.tag, i) < distance)) return;
      if (s.tag == tag && !fn(s.value, s.payload)) return;
    }
  }

  // Starts loading the cache lines a lookup of `hash` reads: its home slot
  // and the two after it, the length of an average walk.
  void Prefetch(uint64_t hash) const {
    if (capacity_ == 0) return;
    const size_t i = Home(TagOf(hash));
    __builtin_prefetch(&slots_[i]);
    __builtin_prefetch(&slots_[i + 2 < capacity_ ? i + 2 : i]);
  }

  size_t size() const { return size_; }
  size_t MemoryUsage() const { return slots_.MemoryUsage(); }

 private:
  struct Slot {
    uint32_t tag;  // 0 = empty
    uint32_t value;
    [[no_unique_address]] Payload payload;
  };
  static constexpr double kMaxLoad = 0.8;

  // Maps the tag onto [0, capacity) by multiplication: no power-of-two
  // capacity needed, so the table can be sized close to its load.
  size_t Home(uint32_t tag) const { return (uint64_t{tag} * capacity_) >> 32; }
  size_t Next(size_t i) const { return i + 1 == capacity_ ? 0 : i + 1; }
  // How far slot i is past the home of `tag`, round the end of the table.
  size_t Distance(uint32_t tag, size_t i) const {
    const size_t home = Home(tag);
    return i >= home ? i - home : i + capacity_ - home;
  }
  void Rehash(size_t capacity);
  void Place(Slot s);
  // Empties the table, returning its entries sorted by tag.
  PodVector<Slot> TakeSortedSlots();
  void BeginBuild(size_t n);
  // Records sorted by tag have non-decreasing homes, so each goes to the
  // first free slot at or after both its home and the previous record:
  // where linear probing would put it. Those past the end wait for EndBuild.
  void PlaceSorted(Slot s) {
    size_t i = Home(s.tag);
    if (i < build_next_) i = build_next_;
    if (i >= capacity_) {
      build_wrapped_.push_back(s);
      return;
    }
    slots_[i] = s;
    build_next_ = i + 1;
  }
  void EndBuild(size_t n);

  PodVector<Slot> slots_;
  size_t capacity_ = 0;
  size_t size_ = 0;
  size_t build_next_ = 0;
  std::vector<Slot> build_wrapped_;
};

using TagMultiMap = BasicTagMultiMap<NoPayload>;
using CodedTagMultiMap = BasicTagMultiMap<uint32_t>;
extern template class BasicTagMultiMap<NoPayload>;
extern template class BasicTagMultiMap<uint32_t>;

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_TAG_MULTIMAP_H_
