#include "match_combination.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace cashmatch::internal {

SubsetSearch::SubsetSearch(std::vector<int64_t> values, int64_t target, uint64_t max_steps)
    : target_(target), max_steps_(max_steps) {
  // Largest first: the items that can still be added are then a contiguous
  // run, and the most (or least) that r more items can add is a prefix (or
  // suffix) sum, which prunes hard when only a few items may be chosen.
  order_.resize(values.size());
  std::iota(order_.begin(), order_.end(), size_t{0});
  std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) { return values[a] > values[b]; });
  values_.reserve(values.size());
  for (size_t i : order_) values_.push_back(values[i]);
  const size_t n = values_.size();
  prefix_.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) prefix_[i + 1] = prefix_[i] + values_[i];
  positives_ = static_cast<size_t>(std::count_if(values_.begin(), values_.end(), [](int64_t v) { return v > 0; }));
  first_negative_ = n - static_cast<size_t>(std::count_if(values_.begin(), values_.end(), [](int64_t v) { return v < 0; }));
}

std::vector<std::vector<size_t>> SubsetSearch::Find(size_t max_items, size_t max_solutions) {
  steps_ = 0;
  exhausted_ = true;
  max_items_ = max_items;
  max_solutions_ = max_solutions;
  chosen_.clear();
  found_.clear();
  if (max_items > 0 && max_solutions > 0) Search(0, 0);
  return std::move(found_);
}

void SubsetSearch::Search(size_t i, int64_t sum) {
  if (found_.size() >= max_solutions_) return;
  if (++steps_ > max_steps_) {
    exhausted_ = false;
    return;
  }
  if (!chosen_.empty() && sum == target_) {
    std::vector<size_t> subset;
    for (size_t k : chosen_) subset.push_back(order_[k]);
    std::sort(subset.begin(), subset.end());
    found_.push_back(std::move(subset));
    // Adding more items could reach the target again only through items
    // that sum to zero; such a superset is not a different way to pay.
    return;
  }
  const size_t n = values_.size();
  if (i == n || chosen_.size() == max_items_) return;
  // Out of reach with the r items still allowed: the r largest positive
  // items left add the most, the r most negative ones the least.
  const size_t r = max_items_ - chosen_.size();
  const size_t pos_end = std::min(i + r, positives_);
  const int64_t most = pos_end > i ? prefix_[pos_end] - prefix_[i] : 0;
  const size_t neg_begin = std::max({i, first_negative_, n > r ? n - r : size_t{0}});
  const int64_t least = neg_begin < n ? prefix_[n] - prefix_[neg_begin] : 0;
  if (sum + most < target_ || sum + least > target_) return;
  chosen_.push_back(i);
  Search(i + 1, sum + values_[i]);
  chosen_.pop_back();
  Search(i + 1, sum);
}

}  // namespace cashmatch::internal
