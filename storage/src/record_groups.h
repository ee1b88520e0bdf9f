// Grouping a commit's changes by record, for index maintenance.
#ifndef CASHMATCH_STORAGE_RECORD_GROUPS_H_
#define CASHMATCH_STORAGE_RECORD_GROUPS_H_

#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "keys.h"

namespace cashmatch::storage {

// One change of an indexed record, as the commit reads it from a WriteSet.
struct RecordChange {
  uint64_t hash;   // of (cf, key)
  uint32_t order;  // position among the set's indexed changes
  Cf cf;
  std::string_view key;
  std::string_view indexes;
};

// Puts each record's changes together, in set order, and returns where
// each record's run starts. Records are grouped, not ordered: sorting by
// the hash compares integers, far faster than keys (a load's millions of
// changes made a key sort a tenth of its commit). Different keys sharing
// a hash are then put in key order, so they still form separate runs.
inline std::vector<size_t> GroupByRecord(std::vector<RecordChange>* changes) {
  std::vector<RecordChange>& c = *changes;
  const auto by_hash = [](const RecordChange& a, const RecordChange& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.order < b.order;
  };
  const auto by_key = [](const RecordChange& a, const RecordChange& b) {
    if (a.cf != b.cf) return a.cf < b.cf;
    if (a.key != b.key) return a.key < b.key;
    return a.order < b.order;
  };
  tbb::parallel_sort(c.begin(), c.end(), by_hash);
  for (size_t i = 0; i < c.size();) {
    size_t j = i + 1;
    bool mixed = false;
    while (j < c.size() && c[j].hash == c[i].hash) {
      mixed |= c[j].cf != c[i].cf || c[j].key != c[i].key;
      ++j;
    }
    if (mixed) std::sort(c.begin() + static_cast<ptrdiff_t>(i), c.begin() + static_cast<ptrdiff_t>(j), by_key);
    i = j;
  }
  std::vector<size_t> firsts;
  for (size_t i = 0; i < c.size(); ++i) {
    if (i == 0 || c[i].cf != c[i - 1].cf || c[i].key != c[i - 1].key) firsts.push_back(i);
  }
  return firsts;
}

}  // namespace cashmatch::storage

#endif  // CASHMATCH_STORAGE_RECORD_GROUPS_H_
