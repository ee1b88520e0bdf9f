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

void AgingBuilder::AddTo(const AgingKey& key, const std::array<int64_t, kAgingBuckets>& amounts, int64_t total,
                         uint64_t items) {
  if (key.customer >= head_.size()) head_.resize(std::max<size_t>(key.customer + 1, head_.size() * 2), UINT32_MAX);
  uint32_t* link = &head_[key.customer];
  // A customer has one slot per (company, currency) it holds: almost always one.
  while (*link != UINT32_MAX && !(slots_[*link].line.key == key)) link = &slots_[*link].next;
  if (*link == UINT32_MAX) {
    *link = static_cast<uint32_t>(slots_.size());
    slots_.push_back(Slot{AgingLine{key}});
  }
  AgingLine& line = slots_[*link].line;
  for (int b = 0; b < kAgingBuckets; ++b) overflow_ |= __builtin_add_overflow(line.buckets[b], amounts[b], &line.buckets[b]);
  overflow_ |= __builtin_add_overflow(line.total, total, &line.total);
  line.items += items;
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
  for (const Slot& s : other.slots_) AddTo(s.line.key, s.line.buckets, s.line.total, s.line.items);
}

Result<std::vector<AgingLine>> AgingBuilder::Finish() const {
  if (overflow_) return Status::ResourceExhausted("aging: a sum overflows 64-bit minor units");
  std::vector<AgingLine> lines;
  lines.reserve(slots_.size());
  for (const Slot& s : slots_) lines.push_back(s.line);
  std::sort(lines.begin(), lines.end(), [](const AgingLine& a, const AgingLine& b) { return a.key < b.key; });
  return lines;
}

Result<std::vector<AgingLine>> AgingTotals(const std::vector<AgingLine>& lines) {
  AgingBuilder totals;
  for (const AgingLine& l : lines) {
    totals.AddTo(AgingKey{0, 0, l.key.currency}, l.buckets, l.total, l.items);
  }
  return totals.Finish();
}

}  // namespace cashmatch
