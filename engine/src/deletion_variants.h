// The deletion neighbourhood of a string: the distinct strings made by
// deleting up to two of its characters. Symmetric-deletion fuzzy search
// indexes these for the stored strings and probes them for the query.
#ifndef CASHMATCH_ENGINE_DELETION_VARIANTS_H_
#define CASHMATCH_ENGINE_DELETION_VARIANTS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cashmatch::internal {

class DeletionVariants {
 public:
  static constexpr size_t kMaxSource = 24;
  static constexpr size_t kMaxCount = 1 + kMaxSource + kMaxSource * (kMaxSource - 1) / 2;

  // Fills the set with s itself (depth 0) and, without repeats, every string
  // made by deleting `depth` characters of s for depth 1..max_depth.
  // Requires s.size() <= kMaxSource and max_depth <= 2.
  DeletionVariants(std::string_view s, int max_depth);

  size_t count() const { return count_; }
  std::string_view text(size_t i) const { return std::string_view(text_[i], len_[i]); }
  int depth(size_t i) const { return depth_[i]; }
  // For a depth-1 variant: the run of equal characters of s the deleted one
  // belongs to, [run_begin, run_end]; deleting any of them gives the variant.
  int run_begin(size_t i) const { return run_begin_[i]; }
  int run_end(size_t i) const { return run_end_[i]; }

 private:
  void Add(const char* begin, size_t len, int depth, size_t run_begin = 0, size_t run_end = 0);

  size_t count_ = 0;
  uint8_t len_[kMaxCount];
  uint8_t depth_[kMaxCount];
  uint8_t run_begin_[kMaxCount];
  uint8_t run_end_[kMaxCount];
  char text_[kMaxCount][kMaxSource];
};

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_DELETION_VARIANTS_H_
