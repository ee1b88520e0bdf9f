// SortByTag: a stable, parallel radix sort of records by their 32-bit
// `tag` field, so a bulk load can build the ledger's hash tables in one
// sequential pass (their home slot grows with the tag) instead of probing
// a random slot per insert.
//
// One scatter pass on the top 12 bits spreads the records over 4096
// buckets of cache-sized runs; each bucket is then sorted on its own by
// the remaining 20 bits, two counting passes of 10 bits, in parallel. Every
// pass is stable, so records with equal tags keep their input order and the
// output never depends on scheduling.
#ifndef CASHMATCH_ENGINE_TAG_SORT_H_
#define CASHMATCH_ENGINE_TAG_SORT_H_

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "pod_vector.h"

namespace cashmatch::internal {

// Sorts data[0, n) by T::tag (stable), using scratch[0, n) as room; returns
// the array that holds the sorted records (data or scratch).
template <typename T>
T* SortByTag(T* data, T* scratch, size_t n) {
  constexpr int kLowBits = 10;
  constexpr size_t kBuckets = size_t{1} << 12;
  constexpr size_t kDigits = size_t{1} << kLowBits;
  if (n < 2) return data;
  const size_t parts = std::clamp<size_t>(n >> 16, 1, 64);
  auto part_begin = [&](size_t p) { return n * p / parts; };
  std::vector<size_t> at(parts * kBuckets);  // per part: counts, then write positions
  tbb::parallel_for(size_t{0}, parts, [&](size_t p) {
    size_t* count = &at[p * kBuckets];
    for (size_t i = part_begin(p); i < part_begin(p + 1); ++i) ++count[data[i].tag >> 20];
  });
  // Bucket-major, part-minor positions keep the scatter stable.
  std::vector<size_t> bucket_begin(kBuckets + 1);
  size_t sum = 0;
  for (size_t b = 0; b < kBuckets; ++b) {
    bucket_begin[b] = sum;
    for (size_t p = 0; p < parts; ++p) {
      const size_t c = at[p * kBuckets + b];
      at[p * kBuckets + b] = sum;
      sum += c;
    }
  }
  bucket_begin[kBuckets] = n;
  tbb::parallel_for(size_t{0}, parts, [&](size_t p) {
    size_t* pos = &at[p * kBuckets];
    for (size_t i = part_begin(p); i < part_begin(p + 1); ++i) {
      scratch[pos[data[i].tag >> 20]++] = data[i];
    }
  });
  tbb::parallel_for(tbb::blocked_range<size_t>(0, kBuckets, 16), [&](const auto& range) {
    size_t count[kDigits];
    for (size_t b = range.begin(); b < range.end(); ++b) {
      T* const run = scratch + bucket_begin[b];
      T* const tmp = data + bucket_begin[b];
      const size_t m = bucket_begin[b + 1] - bucket_begin[b];
      if (m < 48) {
        for (size_t i = 1; i < m; ++i) {  // insertion sort: stable
          const T v = run[i];
          size_t j = i;
          for (; j > 0 && run[j - 1].tag > v.tag; --j) run[j] = run[j - 1];
          run[j] = v;
        }
        continue;
      }
      for (int shift : {0, kLowBits}) {
        T* from = shift == 0 ? run : tmp;
        T* to = shift == 0 ? tmp : run;
        std::fill(count, count + kDigits, 0);
        for (size_t i = 0; i < m; ++i) ++count[(from[i].tag >> shift) & (kDigits - 1)];
        size_t s = 0;
        for (size_t d = 0; d < kDigits; ++d) s += std::exchange(count[d], s);
        for (size_t i = 0; i < m; ++i) {
          to[count[(from[i].tag >> shift) & (kDigits - 1)]++] = from[i];
        }
      }
    }
  });
  return scratch;
}

// Sorts a PodVector of records by tag; returns the one holding the result.
template <typename T>
PodVector<T> SortedByTag(PodVector<T> data) {
  PodVector<T> scratch;
  scratch.resize(data.size());
  if (SortByTag(data.data(), scratch.data(), data.size()) == data.data()) return data;
  return scratch;
}

// Runs fn(chunk, begin, end) for the chunks of [0, n) on all cores. Chunks
// have a fixed size, so per-chunk results combine in chunk order whatever
// thread ran them.
template <typename Fn>
void ForEachChunk(size_t n, size_t chunk_size, Fn&& fn) {
  const size_t chunks = (n + chunk_size - 1) / chunk_size;
  tbb::parallel_for(size_t{0}, chunks,
                    [&](size_t c) { fn(c, c * chunk_size, std::min(n, (c + 1) * chunk_size)); });
}

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_TAG_SORT_H_
