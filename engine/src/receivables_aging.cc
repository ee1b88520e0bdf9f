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

// Adds into `into`; true on overflow.
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
  if (key.customer >= head_.size()) {
    head_.resize(std::max<size_t>(size_t{key.customer} + 1, head_.size() + head_.size() / 2), UINT32_MAX);
  }
  // A customer has one line per (company, currency) it holds: almost always one.
  uint32_t* link = &head_[key.customer];
  while (*link != UINT32_MAX && !(lines_[*link].key == key)) link = &next_[*link];
  uint32_t line = *link;
  if (line == UINT32_MAX) {
    line = *link = static_cast<uint32_t>(lines_.size());  // before next_ grows: link may point into it
    lines_.push_back(AgingLine{key});
    next_.push_back(UINT32_MAX);
  }
  overflow_ |= AddLineInto(&lines_[line], amounts, total, items);
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
  for (const AgingLine& l : other.lines_) AddLine(l);
}

Result<std::vector<AgingLine>> AgingBuilder::Finish() const {
  if (overflow_) return Status::ResourceExhausted("aging: a sum overflows 64-bit minor units");
  // Customer by customer, each one's few lines sorted: no sort of the whole.
  std::vector<AgingLine> lines;
  lines.reserve(lines_.size());
  for (uint32_t first : head_) {
    const size_t begin = lines.size();
    for (uint32_t i = first; i != UINT32_MAX; i = next_[i]) lines.push_back(lines_[i]);
    if (lines.size() - begin > 1) {
      std::sort(lines.begin() + static_cast<ptrdiff_t>(begin), lines.end(),
                [](const AgingLine& a, const AgingLine& b) { return a.key < b.key; });
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
