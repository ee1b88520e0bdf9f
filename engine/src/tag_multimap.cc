#include "tag_multimap.h"

#include <cmath>
#include <utility>

namespace cashmatch::internal {

void TagMultiMap::Reserve(size_t n) {
  const auto want = static_cast<size_t>(std::ceil(static_cast<double>(n) / kMaxLoad)) + 1;
  if (want > capacity_) Rehash(want);
}

void TagMultiMap::Insert(uint64_t hash, uint32_t value) {
  // Growth by 1.5 rather than 2 keeps the load, and so the bytes per entry,
  // between 0.53 and 0.8.
  if (static_cast<double>(size_ + 1) > kMaxLoad * static_cast<double>(capacity_)) {
    Rehash(capacity_ < 64 ? 64 : capacity_ + capacity_ / 2);
  }
  Place(Slot{TagOf(hash), value});
  ++size_;
}

void TagMultiMap::Place(Slot s) {
  size_t i = Home(s.tag);
  while (slots_[i].tag != 0) i = Next(i);
  slots_[i] = s;
}

bool TagMultiMap::Erase(uint64_t hash, uint32_t value) {
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
  slots_[hole] = Slot{0, 0};
  --size_;
  return true;
}

void TagMultiMap::Rehash(size_t capacity) {
  PodVector<Slot> old = std::move(slots_);
  slots_ = PodVector<Slot>();
  slots_.reserve(capacity);
  slots_.resize(slots_.capacity());  // use the allocator's rounding too
  capacity_ = slots_.size();
  for (const Slot& s : old) {
    if (s.tag != 0) Place(s);
  }
}

}  // namespace cashmatch::internal
