// Aging: open items by days past due.
#include <algorithm>

#include "cashmatch/receivables.h"

namespace cashmatch {

int AgingBucketOf(Date due, Date as_of) {
  const int32_t past_due = as_of.days - due.days;
  if (past_due <= 0) return 0;
  if (past_due <= 30) return 1;
  if (past_due <= 60) return 2;
  if (past_due <= 90) return 3;
  return 4;
}

std::string_view AgingBucketName(int bucket) {
  static constexpr std::string_view kNames[kAgingBuckets] = {"current", "1-30", "31-60", "61-90", "90+"};
  return bucket >= 0 && bucket < kAgingBuckets ? kNames[bucket] : std::string_view();
}

namespace {

bool AddLineInto(AgingLine* into, const std::array<int64_t, kAgingBuckets>& amounts, int64_t total, uint64_t items) {
  bool overflow = false;
  for (int b = 0; b < kAgingBuckets; ++b) overflow |= __builtin_add_overflow(into->buckets[b], amounts[b], &into->buckets[b]);
  overflow |= __builtin_add_overflow(into->total, total, &into->total);
  into->items += items;
  return overflow;
}

}  // namespace

void AgingBuilder::AddTo(const AgingKey& key, const std::array<int64_t, kAgingBuckets>& amounts, int64_t total,
                         uint64_t items) {
  if (run_ >= lines_.size() || lines_[run_].key.customer != key.customer) run_ = lines_.size();
  // A customer has one line per (company, currency) it holds: almost always one.
  size_t i = run_;
  while (i < lines_.size() && !(lines_[i].key == key)) ++i;
  if (i == lines_.size()) lines_.push_back(AgingLine{key});
  overflow_ |= AddLineInto(&lines_[i], amounts, total, items);
}

void AgingBuilder::Add(const AgingKey& key, int64_t open_minor, Date due, Date as_of) {
  if (open_minor == 0) return;
  std::array<int64_t, kAgingBuckets> amounts{};
  amounts[AgingBucketOf(due, as_of)] = open_minor;
  AddTo(key, amounts, open_minor, 1);
}

void AgingBuilder::AddLine(const AgingLine& line) { AddTo(line.key, line.buckets, line.total, line.items); }

void AgingBuilder::Merge(const AgingBuilder& other) {
  overflow_ |= other.overflow_;
  lines_.insert(lines_.end(), other.lines_.begin(), other.lines_.end());
  run_ = lines_.size();
}

Result<std::vector<AgingLine>> AgingBuilder::Finish() const {
  if (overflow_) return Status::ResourceExhausted("aging: a sum overflows 64-bit minor units");
  std::vector<AgingLine> sorted = lines_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const AgingLine& a, const AgingLine& b) { return a.key < b.key; });
  // A customer whose items came apart has several lines for a key: one.
  std::vector<AgingLine> lines;
  lines.reserve(sorted.size());
  for (const AgingLine& l : sorted) {
    if (!lines.empty() && lines.back().key == l.key) {
      if (AddLineInto(&lines.back(), l.buckets, l.total, l.items)) {
        return Status::ResourceExhausted("aging: a sum overflows 64-bit minor units");
      }
    } else {
      lines.push_back(l);
    }
  }
  return lines;
}

Result<std::vector<AgingLine>> AgingTotals(const std::vector<AgingLine>& lines) {
  AgingBuilder totals;
  for (AgingLine l : lines) {
    l.key = AgingKey{0, 0, l.key.currency};
    totals.AddLine(l);
  }
  return totals.Finish();
}

}  // namespace cashmatch
