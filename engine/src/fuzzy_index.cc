#include "fuzzy_index.h"

#include <algorithm>

#include "deletion_variants.h"
#include "hashing.h"
#include "osa_distance.h"

namespace cashmatch::internal {
namespace {

static_assert(FuzzyIndex::kMaxIndexed < 32);  // a run start fits in 5 bits
static_assert(FuzzyIndex::kMaxIndexed + 2 <= DeletionVariants::kMaxSource);

// A candidate's distance before its record is read.
constexpr uint8_t kUnknown = 0xff;

int MaxDistance(size_t length) { return length >= Ledger::kLongReference ? 2 : 1; }

// Which deletion depths a reference of this length is filed under.
int IndexedDepth(size_t length) { return length >= Ledger::kLongReference ? 2 : 1; }

// The key of a variant made by deleting `depth` characters.
uint64_t VariantHash(std::string_view variant, int depth) {
  return HashKey(variant, static_cast<uint64_t>(depth));
}

// Where a one-character deletion was: the run of equal characters it fell
// in, as start (5 bits) and length - 1 (3 bits, 7 meaning 8 or more).
uint8_t RunAux(int begin, int end) {
  const int extra = end - begin < 7 ? end - begin : 7;
  return static_cast<uint8_t>(begin | extra << 5);
}

// Whether deletions in runs [qb, qe] of the query and `aux` of a reference
// can be at most one position apart, as a substitution (same position) or a
// transposition (neighbours) needs.
bool RunsMeet(int qb, int qe, uint8_t aux) {
  const int rb = aux & 31;
  const int extra = aux >> 5;
  const int re = extra == 7 ? 1 << 20 : rb + extra;
  return rb <= qe + 1 && re >= qb - 1;
}

}  // namespace

FuzzyIndex::FuzzyIndex(const Source& source, const CodedTagMultiMap& exact)
    : source_(source), exact_(exact) {}

void FuzzyIndex::Add(std::string_view normalized, uint32_t value) {
  if (normalized.size() > kMaxIndexed) {
    oversize_.push_back(value);
    return;
  }
  const DeletionVariants v(normalized, IndexedDepth(normalized.size()));
  for (size_t i = 1; i < v.count(); ++i) {  // 0 is the reference itself
    const uint8_t aux = v.depth(i) == 1 ? RunAux(v.run_begin(i), v.run_end(i)) : 0;
    table_.Insert(VariantHash(v.text(i), v.depth(i)), value, aux);
  }
}

size_t FuzzyIndex::EntryCount(std::string_view normalized) {
  const size_t n = normalized.size();
  if (n > kMaxIndexed) return 0;
  if (IndexedDepth(n) == 2) return DeletionVariants(normalized, 2).count() - 1;
  // Deleting any character of a run gives one variant, and distinct runs
  // give distinct variants: one posting per run.
  size_t runs = 0;
  for (size_t i = 0; i < n; ++i) runs += i == 0 || normalized[i] != normalized[i - 1];
  return runs;
}

size_t FuzzyIndex::Entries(std::string_view normalized, uint32_t value,
                           PostingTable::Posting* out) {
  if (normalized.size() > kMaxIndexed) return 0;
  const DeletionVariants v(normalized, IndexedDepth(normalized.size()));
  for (size_t i = 1; i < v.count(); ++i) {  // as Add files them
    const uint8_t aux = v.depth(i) == 1 ? RunAux(v.run_begin(i), v.run_end(i)) : 0;
    out[i - 1] = PostingTable::Posting{PostingTable::TagOf(VariantHash(v.text(i), v.depth(i))),
                                       value, aux};
  }
  return v.count() - 1;
}

void FuzzyIndex::Candidates(std::string_view q, int k, std::vector<uint64_t>* out) const {
  const size_t n = q.size();
  auto add = [out](uint32_t value, uint8_t distance) {
    out->push_back(uint64_t{value} << 8 | distance);
  };
  if (n <= kMaxIndexed + static_cast<size_t>(k)) {
    const DeletionVariants v(q, k);
    struct Probe {
      uint64_t hash;
      uint64_t code;      // exact probes: ReferenceCode of the variant
      int16_t run_begin;  // >= 0: keep only entries whose deletion run meets
      int16_t run_end;    // this one (a distance-1 query, one deletion each)
      uint8_t depth;      // characters deleted from q
      bool exact;         // probes the exact table: r is the variant itself
    };
    Probe probes[DeletionVariants::kMaxCount * 3];
    size_t count = 0;
    for (size_t i = 0; i < v.count(); ++i) {
      const std::string_view c = v.text(i);
      const auto depth = static_cast<uint8_t>(v.depth(i));
      probes[count++] = Probe{HashReference(c), ReferenceCode(c), -1, -1, depth, true};
      for (int j = 1; j <= k; ++j) {
        const size_t r_len = c.size() + j;  // r had j more characters than c
        if (r_len > kMaxIndexed || IndexedDepth(r_len) < j) continue;
        const bool filter = k == 1 && v.depth(i) == 1;
        probes[count++] = Probe{VariantHash(c, j), 0,
                                static_cast<int16_t>(filter ? v.run_begin(i) : -1),
                                static_cast<int16_t>(v.run_end(i)), depth, false};
      }
    }
    for (size_t p = 0; p < count; ++p) {
      probes[p].exact ? exact_.Prefetch(probes[p].hash) : table_.Prefetch(probes[p].hash);
    }
    // A second round for the blocks the slots point to, so that those
    // misses overlap too rather than come one per probe.
    for (size_t p = 0; p < count; ++p) {
      if (!probes[p].exact) table_.PrefetchEntries(probes[p].hash);
    }
    for (size_t p = 0; p < count; ++p) {
      const Probe& probe = probes[p];
      if (probe.exact) {
        // A coded entry is r == c exactly when the codes agree, and then q
        // is `depth` deletions from r: its distance, without reading r.
        // Only references too long to code need reading.
        exact_.ForEachWithPayload(probe.hash, [&](uint32_t value, uint64_t code) {
          if (code == probe.code) add(value, code != 0 ? probe.depth : kUnknown);
          return true;
        });
      } else if (probe.run_begin < 0) {
        table_.ForEach(probe.hash, [&](uint32_t value, uint8_t) { add(value, kUnknown); });
      } else {
        table_.ForEach(probe.hash, [&](uint32_t value, uint8_t aux) {
          if (RunsMeet(probe.run_begin, probe.run_end, aux)) add(value, kUnknown);
        });
      }
    }
  }
  if (n + k > kMaxIndexed) {
    for (const uint32_t value : oversize_) add(value, kUnknown);
  }
}

void FuzzyIndex::Query(std::string_view q, std::vector<FuzzyHit>* out) const {
  if (q.empty()) return;
  const int k = MaxDistance(q.size());
  // Reused across calls: one per thread, looked up once.
  thread_local std::vector<uint64_t> scratch_candidates;
  std::vector<uint64_t>& candidates = scratch_candidates;
  candidates.clear();
  Candidates(q, k, &candidates);

  // Each candidate once, with its known distance if any (it sorts first);
  // the others' records are read through a window of prefetches running
  // ahead of the check: enough misses in flight to hide the latency, few
  // enough not to stall on a full miss queue.
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end(),
                               [](uint64_t a, uint64_t b) { return a >> 8 == b >> 8; }),
                   candidates.end());
  const Source::Records records = source_.RecordsToPrefetch();
  constexpr size_t kAhead = 16;
  const size_t end = candidates.size();
  size_t ahead = 0;
  auto prefetch_next = [&] {
    while (ahead < end && (candidates[ahead] & 0xff) != kUnknown) ++ahead;
    if (ahead < end) __builtin_prefetch(records.base + (candidates[ahead++] >> 8) * records.stride);
  };
  for (size_t i = 0; i < kAhead; ++i) prefetch_next();
  const size_t base = out->size();
  size_t by_distance[3] = {};
  RefNormalizer scratch;
  for (size_t i = 0; i < end; ++i) {
    const auto value = static_cast<uint32_t>(candidates[i] >> 8);
    int d = static_cast<uint8_t>(candidates[i]);
    if (d == kUnknown) {
      prefetch_next();
      const std::string_view r = source_.Reference(value, &scratch);
      if (r.empty()) continue;  // filed under its raw id, never a reference hit
      d = BoundedOsaDistance(q, r, k);
      if (d > k) continue;
    }
    out->push_back(FuzzyHit{value, static_cast<uint8_t>(d)});
    ++by_distance[d];
  }
  // The hits are in value order: a stable split by distance orders them.
  if ((by_distance[0] > 0) + (by_distance[1] > 0) + (by_distance[2] > 0) <= 1) return;
  thread_local std::vector<FuzzyHit> scratch_hits;
  std::vector<FuzzyHit>& hits = scratch_hits;
  hits.assign(out->begin() + static_cast<std::ptrdiff_t>(base), out->end());
  size_t at[3] = {base, base + by_distance[0], base + by_distance[0] + by_distance[1]};
  for (const FuzzyHit& h : hits) (*out)[at[h.distance]++] = h;
}

size_t FuzzyIndex::MemoryUsage() const {
  return table_.MemoryUsage() + oversize_.capacity() * sizeof(uint32_t);
}

}  // namespace cashmatch::internal
