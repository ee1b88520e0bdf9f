#include "posting_table.h"

#include <cassert>
#include <cstring>
#include <utility>

#include "tag_sort.h"

namespace cashmatch::internal {

void PostingTable::Rehash(size_t capacity) {
  PodVector<Slot> slots = std::move(slots_);
  PodVector<uint8_t> aux = std::move(aux_);
  slots_ = PodVector<Slot>();
  aux_ = PodVector<uint8_t>();
  slots_.reserve(capacity);
  slots_.resize(slots_.capacity());  // use the allocator's rounding too
  aux_.resize(slots_.size());
  for (size_t j = 0; j < slots.size(); ++j) {
    if (slots[j].tag == 0) continue;
    size_t i = Home(slots[j].tag);
    while (slots_[i].tag != 0) i = Next(i);
    slots_[i] = slots[j];
    aux_[i] = aux[j];
  }
}

uint32_t PostingTable::NewBlock(uint32_t cap) {
  const size_t offset = pool_.size();
  assert(offset + BlockWords(cap) < kBlock);
  pool_.resize(offset + BlockWords(cap));
  pool_[offset] = 0;
  pool_[offset + 1] = cap;
  return static_cast<uint32_t>(offset);
}

void PostingTable::Insert(uint64_t hash, uint32_t value, uint8_t aux, const SingleKeys& singles) {
  assert(value <= kMaxValue);
  if (static_cast<double>(keys_ + 1) > kMaxLoad * static_cast<double>(slots_.size())) {
    // Growing by 30% keeps the load between 0.65 and 0.85.
    Rehash(slots_.size() < 1024 ? 1024 : slots_.size() + slots_.size() * 3 / 10);
  }
  const uint32_t tag = TagOf(hash);
  size_t i = Home(tag);
  while (slots_[i].tag != 0 && slots_[i].tag != tag) i = Next(i);
  ++entries_;
  Slot& slot = slots_[i];
  if (slot.tag == 0) {
    slot = Slot{tag, value};
    aux_[i] = aux;
    ++keys_;
    return;
  }
  if ((slot.head & kBlock) == 0) {
    const uint64_t key = singles.KeyOfSingle(slot.head, aux_[i]);
    const uint32_t offset = NewBlock(4);
    uint32_t* block = pool_.data() + offset;
    block[0] = 2;
    SetBlockKey(block, key == KeyOf(hash) ? key : 0);
    block[kHeader] = slot.head;
    block[kHeader + 1] = value;
    BlockAux(block)[0] = aux_[i];
    BlockAux(block)[1] = aux;
    slot.head = kBlock | offset;
    aux_[i] = 0;
    return;
  }
  uint32_t offset = slot.head & ~kBlock;
  uint32_t count = pool_[offset];
  const uint32_t cap = pool_[offset + 1];
  if (count == cap) {
    const uint32_t moved = NewBlock(cap + cap / 2);  // may move the pool
    uint32_t* from = pool_.data() + offset;
    uint32_t* to = pool_.data() + moved;
    to[0] = count;
    SetBlockKey(to, BlockKey(from));
    std::memcpy(to + kHeader, from + kHeader, count * sizeof(uint32_t));
    std::memcpy(BlockAux(to), BlockAux(from), count);
    garbage_ += BlockWords(cap);
    offset = moved;
    slot.head = kBlock | offset;
  }
  uint32_t* block = pool_.data() + offset;
  if (BlockKey(block) != KeyOf(hash)) SetBlockKey(block, 0);
  block[kHeader + count] = value;
  BlockAux(block)[count] = aux;
  block[0] = ++count;
  // Compacting once a fifth of the pool is left behind bounds the waste and
  // costs, amortized, a few word copies per insert.
  if (garbage_ > (1u << 20) && garbage_ * 5 > pool_.size()) Compact();
}

void PostingTable::BuildFromSorted(const Posting* entries, size_t n) {
  assert(keys_ == 0 && pool_.empty());
  Fill(nullptr, nullptr, 0, entries, n, nullptr);
}

void PostingTable::MergeSorted(const Posting* entries, size_t n, const SingleKeys& singles) {
  if (n == 0) return;
  if (keys_ == 0) {
    *this = PostingTable();
    Fill(nullptr, nullptr, 0, entries, n, nullptr);
    return;
  }
  PodVector<OldKey> old;
  old.reserve(keys_);
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].tag != 0) old.push_back(OldKey{slots_[i].tag, static_cast<uint32_t>(i)});
  }
  old = SortedByTag(std::move(old));
  PostingTable merged;
  merged.Fill(this, old.data(), old.size(), entries, n, &singles);
  *this = std::move(merged);
}

void PostingTable::Fill(const PostingTable* from, const OldKey* old, size_t old_n,
                        const Posting* entries, size_t n, const SingleKeys* singles) {
  assert(keys_ == 0 && pool_.empty());
  // Calls fn(tag, old key or null, [begin, end) of entries) for each
  // distinct tag of the two sorted lists, in tag order (a tag names one
  // slot of a table, so at most one old key).
  auto for_each_key = [&](auto&& fn) {
    size_t i = 0, k = 0;
    while (i < old_n || k < n) {
      const uint32_t tag =
          k == n || (i < old_n && old[i].tag <= entries[k].tag) ? old[i].tag : entries[k].tag;
      const OldKey* o = i < old_n && old[i].tag == tag ? &old[i++] : nullptr;
      size_t end = k;
      while (end < n && entries[end].tag == tag) ++end;
      fn(tag, o, k, end);
      k = end;
    }
  };
  // How many entries an old key holds.
  auto old_count = [&](const OldKey* o) -> uint32_t {
    if (o == nullptr) return 0;
    const uint32_t head = from->slots_[o->slot].head;
    return (head & kBlock) == 0 ? 1 : from->pool_[head & ~kBlock];
  };
  size_t keys = 0, words = 0, total = 0;
  for_each_key([&](uint32_t, const OldKey* o, size_t begin, size_t end) {
    const size_t count = old_count(o) + (end - begin);
    ++keys;
    total += count;
    if (count > 1) words += BlockWords(static_cast<uint32_t>(count));
  });
  // The load Insert would reach growing by 30% from 0.65, on average.
  Rehash(static_cast<size_t>(static_cast<double>(keys) / 0.75) + 1024);
  pool_.reserve(words);
  slots_.PopulateReserved();
  aux_.PopulateReserved();
  pool_.PopulateReserved();
  size_t next = 0;  // sorted tags have non-decreasing homes: place each at
                    // the first free slot, as linear probing would
  for_each_key([&](uint32_t tag, const OldKey* o, size_t begin, size_t end) {
    size_t at = Home(tag) > next ? Home(tag) : next;
    if (at >= slots_.size()) {  // round the end to the start of the table
      at = Home(tag);
      while (slots_[at].tag != 0) at = Next(at);
    } else {
      next = at + 1;
    }
    const uint32_t old_entries = old_count(o);
    const auto count = static_cast<uint32_t>(old_entries + (end - begin));
    if (count == 1) {
      if (o != nullptr) {
        slots_[at] = from->slots_[o->slot];
        aux_[at] = from->aux_[o->slot];
      } else {
        slots_[at] = Slot{tag, entries[begin].value};
        aux_[at] = entries[begin].aux;
      }
      return;
    }
    const uint32_t offset = NewBlock(count);
    uint32_t* block = pool_.data() + offset;
    block[0] = count;
    uint8_t* aux = BlockAux(block);
    // The block's key: what its old entries agreed on, if they did, then
    // kept while the new ones agree with it.
    uint64_t key = 0;
    uint32_t e = 0;
    if (old_entries == 1) {
      const Slot& s = from->slots_[o->slot];
      block[kHeader] = s.head;
      aux[0] = from->aux_[o->slot];
      key = singles->KeyOfSingle(s.head, aux[0]);
      e = 1;
    } else if (old_entries > 1) {
      const uint32_t* old_block = from->pool_.data() + (from->slots_[o->slot].head & ~kBlock);
      std::memcpy(block + kHeader, old_block + kHeader, old_entries * sizeof(uint32_t));
      std::memcpy(aux, BlockAux(old_block), old_entries);
      key = BlockKey(old_block);
      e = old_entries;
    } else {
      key = uint64_t{tag} << 32 | entries[begin].low;
    }
    for (size_t k = begin; k < end; ++k, ++e) {
      block[kHeader + e] = entries[k].value;
      aux[e] = entries[k].aux;
      if (key != (uint64_t{tag} << 32 | entries[k].low)) key = 0;
    }
    SetBlockKey(block, key);
    slots_[at] = Slot{tag, kBlock | offset};
  });
  keys_ = keys;
  entries_ = total;
  garbage_ = 0;
}

void PostingTable::Compact() {
  // The room left in each block (an eighth) spares the next appends from
  // all moving their blocks again.
  auto room = [](uint32_t count) { return count + count / 8 + 1; };
  size_t words = 0;
  for (const Slot& s : slots_) {
    if (s.tag != 0 && (s.head & kBlock) != 0) words += BlockWords(room(pool_[s.head & ~kBlock]));
  }
  PodVector<uint32_t> old = std::move(pool_);
  pool_ = PodVector<uint32_t>();
  pool_.reserve(words);
  for (Slot& s : slots_) {
    if (s.tag == 0 || (s.head & kBlock) == 0) continue;
    const uint32_t* from = old.data() + (s.head & ~kBlock);
    const uint32_t count = from[0];
    const uint32_t offset = NewBlock(room(count));
    uint32_t* to = pool_.data() + offset;
    to[0] = count;
    SetBlockKey(to, BlockKey(from));
    std::memcpy(to + kHeader, from + kHeader, count * sizeof(uint32_t));
    std::memcpy(BlockAux(to), BlockAux(from), count);
    s.head = kBlock | offset;
  }
  garbage_ = 0;
}

}  // namespace cashmatch::internal
