// Bounded subset-sum: which few open items add up to a payment. Internal to
// the matcher.
//
// Depth-first over the items from the largest value down, with bounds that
// make it fast on real ledgers: with r more items allowed, the sum so far
// plus the r largest positive items left must reach the target, and plus
// the r most negative ones (credit memos) must not overshoot it. A step
// budget caps the work per payment; exhausted() says whether the whole
// space was searched, so a caller can tell "exactly one fits" from "one was
// found before the limit".
#ifndef CASHMATCH_ENGINE_MATCH_COMBINATION_H_
#define CASHMATCH_ENGINE_MATCH_COMBINATION_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cashmatch::internal {

class SubsetSearch {
 public:
  SubsetSearch(std::vector<int64_t> values, int64_t target, uint64_t max_steps);

  // Up to `max_solutions` subsets (index lists into the values given,
  // ascending) of at most `max_items` items whose values add up to the
  // target, in search order (larger items first).
  std::vector<std::vector<size_t>> Find(size_t max_items, size_t max_solutions);

  // Whether the last Find explored every subset it was allowed to (and so
  // its answer is complete up to max_solutions).
  bool exhausted() const { return exhausted_; }
  uint64_t steps() const { return steps_; }

 private:
  void Search(size_t i, int64_t sum);

  std::vector<size_t> order_;    // the caller's index of each sorted position
  std::vector<int64_t> values_;  // largest first
  std::vector<int64_t> prefix_;  // prefix_[i] = sum of values_[0..i)
  size_t positives_ = 0;         // values_[0..positives_) are > 0
  size_t first_negative_ = 0;    // values_[first_negative_..) are < 0
  int64_t target_;
  uint64_t max_steps_;
  uint64_t steps_ = 0;
  size_t max_items_ = 0;
  size_t max_solutions_ = 0;
  bool exhausted_ = true;
  std::vector<size_t> chosen_;
  std::vector<std::vector<size_t>> found_;
};

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_MATCH_COMBINATION_H_
