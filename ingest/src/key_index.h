// KeyIndex: finds a repeated key among rows kept in a vector, storing only
// row indexes (8 bytes a slot, load at most one half, no allocation per
// row). The caller owns the rows and says, through a callback, whether a row
// has the key being looked up.
//
// Not thread-safe.
#ifndef CASHMATCH_INGEST_KEY_INDEX_H_
#define CASHMATCH_INGEST_KEY_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "huge_pages.h"

namespace cashmatch {

class KeyIndex {
 public:
  // Makes room for `rows` keys without rehashing.
  void Reserve(size_t rows) {
    size_t want = 16;
    while (want < rows * 2) want *= 2;
    if (want > slots_.size()) Rehash(want);
  }

  // Starts loading the slot where `hash` would be looked up, so that the
  // cache miss overlaps whatever work precedes FindOrInsert(hash, ...).
  void Prefetch(uint64_t hash) const {
    if (slots_.empty()) return;
    const uint32_t tag = static_cast<uint32_t>(hash ^ (hash >> 32));
    const Slot* slot = &slots_[tag & (slots_.size() - 1)];
    __builtin_prefetch(slot);
    // GCC 12 deems a function whose only effect is a prefetch pure and
    // deletes calls to it once inlined; the empty asm keeps the prefetch.
    asm volatile("" : : "r"(slot));
  }

  // If an earlier row has the key, returns its index and records nothing;
  // otherwise records `row` under the key and returns nullopt. `hash` must
  // be a well-mixed hash of the key; `same(i)` must tell whether row i has
  // the key. Precondition: row < UINT32_MAX.
  template <typename Same>
  std::optional<uint32_t> FindOrInsert(uint64_t hash, uint32_t row, Same&& same) {
    if ((used_ + 1) * 2 > slots_.size()) Rehash(slots_.empty() ? 16 : slots_.size() * 2);
    const uint32_t tag = static_cast<uint32_t>(hash ^ (hash >> 32));
    const size_t mask = slots_.size() - 1;
    // Linear probing from the tag's slot; the load factor stays <= 1/2.
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.row_plus_one == 0) {
        s = Slot{tag, row + 1};
        ++used_;
        return std::nullopt;
      }
      if (s.tag == tag && same(s.row_plus_one - 1)) return s.row_plus_one - 1;
    }
  }

 private:
  struct Slot {
    uint32_t tag = 0;           // the hash folded to 32 bits; places the slot
    uint32_t row_plus_one = 0;  // 0 = empty
  };

  void Rehash(size_t size) {
    std::vector<Slot> old;
    old.swap(slots_);
    // Reserve first so the huge-page hint lands before the slots are
    // zeroed: the zeroing is what faults the pages in.
    slots_.reserve(size);
    AdviseHugePages(slots_.data(), size * sizeof(Slot));
    slots_.assign(size, Slot{});
    const size_t mask = size - 1;
    for (const Slot& s : old) {
      if (s.row_plus_one == 0) continue;
      size_t i = s.tag & mask;
      while (slots_[i].row_plus_one != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;  // size is 0 or a power of two
  size_t used_ = 0;
};

}  // namespace cashmatch

#endif  // CASHMATCH_INGEST_KEY_INDEX_H_
