#include "deletion_variants.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace cashmatch::internal {

void DeletionVariants::Add(const char* begin, size_t len, int depth, size_t run_begin,
                           size_t run_end) {
  std::memcpy(text_[count_], begin, len);
  len_[count_] = static_cast<uint8_t>(len);
  depth_[count_] = static_cast<uint8_t>(depth);
  run_begin_[count_] = static_cast<uint8_t>(run_begin);
  run_end_[count_] = static_cast<uint8_t>(run_end);
  ++count_;
}

DeletionVariants::DeletionVariants(std::string_view s, int max_depth) {
  assert(s.size() <= kMaxSource && max_depth <= 2);
  const size_t n = s.size();
  Add(s.data(), n, 0);
  if (max_depth < 1 || n < 1) return;
  // Depth 1: deleting any character of a run gives the same string, so
  // delete only the first of each run; that yields each string once.
  char buf[kMaxSource];
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && s[i] == s[i - 1]) continue;
    size_t end = i;
    while (end + 1 < n && s[end + 1] == s[i]) ++end;
    std::memcpy(buf, s.data(), i);
    std::memcpy(buf + i, s.data() + i + 1, n - i - 1);
    Add(buf, n - 1, 1, i, end);
  }
  if (max_depth < 2 || n < 2) return;
  // Depth 2: the same rule for the first deletion; for the second, pairs can
  // still meet ("aba" minus 0,1 and minus 1,2), so sort and drop repeats.
  const size_t first2 = count_;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && s[i] == s[i - 1]) continue;
    for (size_t j = i + 1; j < n; ++j) {
      if (j > i + 1 && s[j] == s[j - 1]) continue;
      size_t w = 0;
      for (size_t p = 0; p < n; ++p) {
        if (p != i && p != j) buf[w++] = s[p];
      }
      Add(buf, n - 2, 2);
    }
  }
  const size_t m = n - 2;
  size_t order[kMaxCount];
  const size_t k = count_ - first2;
  for (size_t t = 0; t < k; ++t) order[t] = first2 + t;
  std::sort(order, order + k,
            [&](size_t a, size_t b) { return std::memcmp(text_[a], text_[b], m) < 0; });
  // Compact the distinct rows in sorted order into a scratch copy, then back.
  char sorted[kMaxCount][kMaxSource];
  size_t distinct = 0;
  for (size_t t = 0; t < k; ++t) {
    if (distinct > 0 && std::memcmp(sorted[distinct - 1], text_[order[t]], m) == 0) continue;
    std::memcpy(sorted[distinct++], text_[order[t]], m);
  }
  for (size_t t = 0; t < distinct; ++t) std::memcpy(text_[first2 + t], sorted[t], m);
  count_ = first2 + distinct;
}

}  // namespace cashmatch::internal
