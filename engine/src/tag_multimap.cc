#include "tag_multimap.h"

#include <cassert>
#include <cmath>
#include <utility>

#include "tag_sort.h"

namespace cashmatch::internal {

template <typename P>
void BasicTagMultiMap<P>::Reserve(size_t n) {
  const auto want = static_cast<size_t>(std::ceil(static_cast<double>(n) / kMaxLoad)) + 1;
  if (want > capacity_) Rehash(want);
}

template <typename P>
void BasicTagMultiMap<P>::BeginBuild(size_t n) {
  assert(size_ == 0);
  Reserve(n);
  slots_.PopulateReserved();
  build_next_ = 0;
  build_wrapped_.clear();
}

template <typename P>
void BasicTagMultiMap<P>::EndBuild(size_t n) {
  // They probe from near the end round to the start of the table.
  for (const Slot& s : build_wrapped_) Place(s);
  build_wrapped_ = {};
  size_ = n;
}

template <typename P>
void BasicTagMultiMap<P>::Insert(uint64_t hash, uint32_t value, P payload) {
  // Growth by 1.5 rather than 2 keeps the load, and so the bytes per entry,
  // between 0.53 and 0.8.
  if (static_cast<double>(size_ + 1) > kMaxLoad * static_cast<double>(capacity_)) {
    Rehash(capacity_ < 64 ? 64 : capacity_ + capacity_ / 2);
  }
  Place(Slot{TagOf(hash), value, payload});
  ++size_;
}

template <typename P>
void BasicTagMultiMap<P>::Place(Slot s) {
  // Robin Hood: an entry farther from its home than the resident takes the
  // slot and the resident moves on, which keeps every run ordered by home.
  size_t i = Home(s.tag);
  for (size_t distance = 0; slots_[i].tag != 0; i = Next(i), ++distance) {
    const size_t resident = Distance(slots_[i].tag, i);
    if (resident < distance) {
      std::swap(s, slots_[i]);
      distance = resident;
    }
  }
  slots_[i] = s;
}

template <typename P>
bool BasicTagMultiMap<P>::Erase(uint64_t hash, uint32_t value) {
  if (capacity_ == 0) return false;
  const uint32_t tag = TagOf(hash);
  size_t i = Home(tag);
  for (;; i = Next(i)) {
    if (slots_[i].tag == 0) return false;
    if (slots_[i].tag == tag && slots_[i].value == value) break;
  }
  // Backward-shift deletion: walk the run after the hole and move back each
  // entry whose home does not lie cyclically in (hole, j].
  size_t hole = i;
  for (size_t j = Next(hole); slots_[j].tag != 0; j = Next(j)) {
    const size_t home = Home(slots_[j].tag);
    const bool home_in_range = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
    if (!home_in_range) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = Slot{};
  --size_;
  return true;
}

template <typename P>
void BasicTagMultiMap<P>::Rehash(size_t capacity) {
  PodVector<Slot> old = std::move(slots_);
  slots_ = PodVector<Slot>();
  slots_.reserve(capacity);
  slots_.resize(slots_.capacity());  // use the allocator's rounding too
  capacity_ = slots_.size();
  for (const Slot& s : old) {
    if (s.tag != 0) Place(s);
  }
}

template <typename P>
PodVector<typename BasicTagMultiMap<P>::Slot> BasicTagMultiMap<P>::TakeSortedSlots() {
  PodVector<Slot> entries;
  entries.reserve(size_);
  for (const Slot& s : slots_) {
    if (s.tag != 0) entries.push_back(s);
  }
  // Slots run in home order, which is tag order except within one home and
  // where a run wraps round the end: a stable radix sort settles both.
  entries = SortedByTag(std::move(entries));
  slots_ = PodVector<Slot>();
  capacity_ = 0;
  size_ = 0;
  return entries;
}

template class BasicTagMultiMap<NoPayload>;
template class BasicTagMultiMap<uint32_t>;

}  // namespace cashmatch::internal
