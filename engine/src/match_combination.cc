#include "match_combination.h"

#include <utility>

namespace cashmatch::internal {

SubsetSearch::SubsetSearch(std::vector<int64_t> values, int64_t target, uint64_t max_steps)
    : values_(std::move(values)), target_(target), max_steps_(max_steps) {
  const size_t n = values_.size();
  pos_suffix_.assign(n + 1, 0);
  neg_suffix_.assign(n + 1, 0);
  for (size_t i = n; i-- > 0;) {
    pos_suffix_[i] = pos_suffix_[i + 1] + (values_[i] > 0 ? values_[i] : 0);
    neg_suffix_[i] = neg_suffix_[i + 1] + (values_[i] < 0 ? values_[i] : 0);
  }
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
    found_.push_back(chosen_);
    // Adding more items could reach the target again only through items
    // that sum to zero; such a superset is not a different way to pay.
    return;
  }
  if (i == values_.size() || chosen_.size() == max_items_) return;
  // Out of reach even with every remaining item of the helpful sign.
  if (sum + pos_suffix_[i] < target_ || sum + neg_suffix_[i] > target_) return;
  chosen_.push_back(i);
  Search(i + 1, sum + values_[i]);
  chosen_.pop_back();
  Search(i + 1, sum);
}

}  // namespace cashmatch::internal
