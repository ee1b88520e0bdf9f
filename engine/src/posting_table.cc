#include "posting_table.h"

#include <cassert>
#include <cstring>
#include <utility>

namespace cashmatch::internal {

void PostingTable::Rehash(size_t capacity) {
  PodVector<uint32_t> tags = std::move(tags_);
  PodVector<uint32_t> heads = std::move(heads_);
  PodVector<uint8_t> aux = std::move(aux_);
  tags_ = PodVector<uint32_t>();
  heads_ = PodVector<uint32_t>();
  aux_ = PodVector<uint8_t>();
  tags_.reserve(capacity);
  tags_.resize(tags_.capacity());  // use the allocator's rounding too
  heads_.resize(tags_.size());
  aux_.resize(tags_.size());
  for (size_t j = 0; j < tags.size(); ++j) {
    if (tags[j] == 0) continue;
    size_t i = Home(tags[j]);
    while (tags_[i] != 0) i = Next(i);
    tags_[i] = tags[j];
    heads_[i] = heads[j];
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

void PostingTable::Insert(uint64_t hash, uint32_t value, uint8_t aux) {
  assert(value <= kMaxValue);
  if (static_cast<double>(keys_ + 1) > kMaxLoad * static_cast<double>(tags_.size())) {
    // Growing by 30% keeps the load between 0.65 and 0.85.
    Rehash(tags_.size() < 1024 ? 1024 : tags_.size() + tags_.size() * 3 / 10);
  }
  const uint32_t tag = TagOf(hash);
  size_t i = Home(tag);
  while (tags_[i] != 0 && tags_[i] != tag) i = Next(i);
  ++entries_;
  if (tags_[i] == 0) {
    tags_[i] = tag;
    heads_[i] = value;
    aux_[i] = aux;
    ++keys_;
    return;
  }
  if ((heads_[i] & kBlock) == 0) {
    const uint32_t offset = NewBlock(4);
    uint32_t* block = pool_.data() + offset;
    block[0] = 2;
    block[2] = heads_[i];
    block[3] = value;
    BlockAux(block)[0] = aux_[i];
    BlockAux(block)[1] = aux;
    heads_[i] = kBlock | offset;
    return;
  }
  uint32_t offset = heads_[i] & ~kBlock;
  uint32_t count = pool_[offset];
  const uint32_t cap = pool_[offset + 1];
  if (count == cap) {
    const uint32_t moved = NewBlock(cap + cap / 2);  // may move the pool
    uint32_t* from = pool_.data() + offset;
    uint32_t* to = pool_.data() + moved;
    to[0] = count;
    std::memcpy(to + 2, from + 2, count * sizeof(uint32_t));
    std::memcpy(BlockAux(to), BlockAux(from), count);
    garbage_ += BlockWords(cap);
    offset = moved;
    heads_[i] = kBlock | offset;
  }
  uint32_t* block = pool_.data() + offset;
  block[2 + count] = value;
  BlockAux(block)[count] = aux;
  block[0] = ++count;
  // Compacting once a fifth of the pool is left behind bounds the waste and
  // costs, amortized, a few word copies per insert.
  if (garbage_ > (1u << 20) && garbage_ * 5 > pool_.size()) Compact();
}

void PostingTable::BuildFromSorted(const Posting* entries, size_t n) {
  assert(keys_ == 0 && pool_.empty());
  size_t keys = 0, words = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && entries[j].tag == entries[i].tag) ++j;
    ++keys;
    if (j - i > 1) words += BlockWords(static_cast<uint32_t>(j - i));
    i = j;
  }
  // The load Insert would reach growing by 30% from 0.65, on average.
  Rehash(static_cast<size_t>(static_cast<double>(keys) / 0.75) + 1024);
  pool_.reserve(words);
  for (auto* v : {&tags_, &heads_, &pool_}) v->PopulateReserved();
  aux_.PopulateReserved();
  size_t next = 0;  // sorted tags have non-decreasing homes: place each at
                    // the first free slot, as linear probing would
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && entries[j].tag == entries[i].tag) ++j;
    const uint32_t tag = entries[i].tag;
    size_t at = Home(tag) > next ? Home(tag) : next;
    if (at >= tags_.size()) {  // round the end to the start of the table
      at = Home(tag);
      while (tags_[at] != 0) at = Next(at);
    } else {
      next = at + 1;
    }
    tags_[at] = tag;
    if (j - i == 1) {
      heads_[at] = entries[i].value;
      aux_[at] = entries[i].aux;
    } else {
      const auto count = static_cast<uint32_t>(j - i);
      const uint32_t offset = NewBlock(count);
      uint32_t* block = pool_.data() + offset;
      block[0] = count;
      uint8_t* aux = BlockAux(block);
      for (uint32_t e = 0; e < count; ++e) {
        block[2 + e] = entries[i + e].value;
        aux[e] = entries[i + e].aux;
      }
      heads_[at] = kBlock | offset;
    }
    i = j;
  }
  keys_ = keys;
  entries_ = n;
  garbage_ = 0;
}

void PostingTable::Compact() {
  // The room left in each block (an eighth) spares the next appends from
  // all moving their blocks again.
  auto room = [](uint32_t count) { return count + count / 8 + 1; };
  size_t words = 0;
  for (size_t i = 0; i < tags_.size(); ++i) {
    if (tags_[i] != 0 && (heads_[i] & kBlock) != 0) words += BlockWords(room(pool_[heads_[i] & ~kBlock]));
  }
  PodVector<uint32_t> old = std::move(pool_);
  pool_ = PodVector<uint32_t>();
  pool_.reserve(words);
  for (size_t i = 0; i < tags_.size(); ++i) {
    if (tags_[i] == 0 || (heads_[i] & kBlock) == 0) continue;
    const uint32_t* from = old.data() + (heads_[i] & ~kBlock);
    const uint32_t count = from[0];
    const uint32_t offset = NewBlock(room(count));
    uint32_t* to = pool_.data() + offset;
    to[0] = count;
    std::memcpy(to + 2, from + 2, count * sizeof(uint32_t));
    std::memcpy(BlockAux(to), BlockAux(from), count);
    heads_[i] = kBlock | offset;
  }
  garbage_ = 0;
}

}  // namespace cashmatch::internal
