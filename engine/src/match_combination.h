// Bounded subset-sum: which few open items add up to a payment. Internal to
// the matcher.
//
// Depth-first over the items in the order given (the caller passes the
// oldest first, so the first combination found prefers old items), with two
// bounds that make it fast on real ledgers: the sum so far plus every
// positive item left must reach the target, and plus every negative item
// left (credit memos) must not overshoot it. A step budget caps the work
// per payment; exhausted() says whether the whole space was searched, so a
// caller can tell "exactly one fits" from "one was found before the limit".
#ifndef CASHMATCH_ENGINE_MATCH_COMBINATION_H_
#define CASHMATCH_ENGINE_MATCH_COMBINATION_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cashmatch::internal {

class SubsetSearch {
 public:
  SubsetSearch(std::vector<int64_t> values, int64_t target, uint64_t max_steps);

  // Up to `max_solutions` subsets (index lists, ascending) of at most
  // `max_items` items whose values add up to the target, in search order.
  std::vector<std::vector<size_t>> Find(size_t max_items, size_t max_solutions);

  // Whether the last Find explored every subset it was allowed to (and so
  // its answer is complete up to max_solutions).
  bool exhausted() const { return exhausted_; }
  uint64_t steps() const { return steps_; }

 private:
  void Search(size_t i, int64_t sum);

  std::vector<int64_t> values_;
  std::vector<int64_t> pos_suffix_;  // sum of positive values from i on
  std::vector<int64_t> neg_suffix_;  // sum of negative values from i on
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
