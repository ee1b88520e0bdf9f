// Aging: open items by days past due.
#include <algorithm>
#include <functional>
#include <unordered_map>

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

struct AgingBuilder::Extra {
  struct Hash {
    size_t operator()(const AgingKey& k) const {
      return std::hash<uint64_t>()((uint64_t{k.customer} << 32) ^ (uint64_t{k.company} << 16) ^ k.currency.index());
    }
  };
  std::unordered_map<AgingKey, AgingLine, Hash> lines;
};

AgingBuilder::AgingBuilder() : extra_(std::make_unique<Extra>()) {}
AgingBuilder::~AgingBuilder() = default;
AgingBuilder::AgingBuilder(AgingBuilder&&) noexcept = default;
AgingBuilder& AgingBuilder::operator=(AgingBuilder&&) noexcept = default;

void AgingBuilder::Reserve(size_t customers) {
  if (customers > primary_.size()) primary_.resize(customers);
}

void AgingBuilder::AddTo(const AgingKey& key, const std::array<int64_t, kAgingBuckets>& amounts, int64_t total,
                         uint64_t items) {
  if (key.customer >= primary_.size()) {
    primary_.resize(std::max<size_t>(size_t{key.customer} + 1, primary_.size() + primary_.size() / 2));
  }
  AgingLine* line = &primary_[key.customer];
  if (line->items == 0) {
    line->key = key;
  } else if (!(line->key == key)) {
    auto [it, added] = extra_->lines.try_emplace(key, AgingLine{key});
    line = &it->second;
  }
  overflow_ |= AddLineInto(line, amounts, total, items);
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
  Reserve(other.primary_.size());
  for (const AgingLine& l : other.primary_) {
    if (l.items) AddLine(l);
  }
  for (const auto& [key, l] : other.extra_->lines) AddLine(l);
}

Result<std::vector<AgingLine>> AgingBuilder::Finish() const {
  if (overflow_) return Status::ResourceExhausted("aging: a sum overflows 64-bit minor units");
  std::vector<AgingLine> extra;
  extra.reserve(extra_->lines.size());
  for (const auto& [key, l] : extra_->lines) extra.push_back(l);
  std::sort(extra.begin(), extra.end(), [](const AgingLine& a, const AgingLine& b) { return a.key < b.key; });
  // Customer by customer: the primary line and the extra ones in key order.
  std::vector<AgingLine> lines;
  lines.reserve(primary_.size() + extra.size());
  auto e = extra.begin();
  for (uint32_t c = 0; c < primary_.size(); ++c) {
    const AgingLine& p = primary_[c];
    for (; e != extra.end() && e->key.customer == c && (p.items == 0 || e->key < p.key); ++e) lines.push_back(*e);
    if (p.items) lines.push_back(p);
    for (; e != extra.end() && e->key.customer == c; ++e) lines.push_back(*e);
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
