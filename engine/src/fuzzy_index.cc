#include "fuzzy_index.h"

#include <algorithm>
#include <cstddef>

#include "deletion_variants.h"
#include "hashing.h"
#include "osa_distance.h"

namespace cashmatch::internal {
namespace {

static_assert(FuzzyIndex::kMaxIndexed + 2 <= DeletionVariants::kMaxSource);
// The aux byte position * 10 + digit fits, below kNoAux.
static_assert((FuzzyIndex::kMaxIndexed - 1) * 10 + 9 < 0xff);

// A candidate's distance before its record is read.
constexpr uint8_t kUnknown = 0xff;
// An entry's aux byte when its deletion is not recorded.
constexpr uint8_t kNoAux = 0xff;

int MaxDistance(size_t length) { return length >= Ledger::kLongReference ? 2 : 1; }

// Which deletion depths a reference of this length is filed under.
int IndexedDepth(size_t length) { return length >= Ledger::kLongReference ? 2 : 1; }

// The key of a variant made by deleting `depth` characters, and whether it
// names the variant exactly: a variant with a ReferenceCode (< 37^12 <
// 2^63, so code * 2 + depth - 1 fits) hashes through a bijection, so two
// of them share a hash only if they are equal. The tag drops the top half
// 0, so hashes whose top half is 0 or 1 do not count as exact.
struct VariantKey {
  uint64_t hash;
  bool exact;
};
VariantKey KeyOfVariant(std::string_view variant, uint64_t code, int depth) {
  if (code == 0) return VariantKey{HashKey(variant, static_cast<uint64_t>(depth)), false};
  const uint64_t hash = MixBits(code * 2 + static_cast<uint64_t>(depth - 1));
  return VariantKey{hash, (hash >> 32) > 1};
}
VariantKey KeyOfVariant(std::string_view variant, int depth) {
  return KeyOfVariant(variant, ReferenceCode(variant), depth);
}

// The aux byte of a one-deletion entry of reference r: the deletion at r's
// position p (the first of its run), kept when the key is exact and the
// character a digit.
uint8_t DeletionAux(std::string_view r, size_t p, bool exact) {
  const auto digit = static_cast<unsigned>(r[p] - '0');
  return exact && digit < 10 ? static_cast<uint8_t>(p * 10 + digit) : kNoAux;
}

// The distance between q = c with qi inserted at i and r = c with x
// inserted at p: 0, 1 or 2, as both are one insertion from c. Outside
// positions [min(i,p), max(i,p)] the two agree; inside, r is q's window
// shifted by one, so the mismatches are the two ends plus the changes of
// character in c between them (changes[t]: how many t' in [1, t] have
// c[t'-1] != c[t']). One mismatch is a substitution; two at neighbouring
// positions holding each other's characters a transposition.
inline int TwoInsertionsApart(std::string_view c, size_t i, char qi, size_t p, char x,
                              const uint8_t* changes) {
  if (p == i) return x != qi;
  int mismatches;
  if (p < i) {
    mismatches = (x != c[p]) + (changes[i - 1] - changes[p]) + (c[i - 1] != qi);
  } else {
    mismatches = (qi != c[i]) + (changes[p - 1] - changes[i]) + (c[p - 1] != x);
  }
  if (mismatches <= 1) return mismatches;
  return mismatches == 2 && (p + 1 == i || i + 1 == p) && x == qi ? 1 : 2;
}

// Sorts *v, made of ascending runs (a block lists its entries in value
// order, and the filters keep it), by merging neighbouring runs round by
// round: n log(runs) steps rather than n log(n), for a hundred candidates
// in a dozen or two runs.
void SortRuns(std::vector<uint64_t>* v, std::vector<uint64_t>* scratch) {
  const size_t n = v->size();
  constexpr size_t kMaxRuns = 256;
  size_t bounds[kMaxRuns + 1];
  size_t runs = 0;
  bounds[0] = 0;
  for (size_t i = 1; i < n; ++i) {
    if ((*v)[i] >= (*v)[i - 1]) continue;
    if (++runs == kMaxRuns) {
      std::sort(v->begin(), v->end());
      return;
    }
    bounds[runs] = i;
  }
  bounds[++runs] = n;
  if (runs == 1) return;
  std::vector<uint64_t>* const sorted = v;
  scratch->resize(n);
  const uint64_t* from = v->data();
  uint64_t* to = scratch->data();
  while (runs > 1) {
    size_t merged = 0;
    for (size_t r = 0; r < runs; r += 2) {
      const size_t a = bounds[r], mid = bounds[r + 1];
      const size_t b = r + 2 <= runs ? bounds[r + 2] : mid;
      size_t i = a, j = mid, w = a;
      while (i < mid && j < b) to[w++] = from[j] < from[i] ? from[j++] : from[i++];
      while (i < mid) to[w++] = from[i++];
      while (j < b) to[w++] = from[j++];
      bounds[merged++] = a;
    }
    bounds[merged] = n;
    runs = merged;
    std::swap(v, scratch);
    from = v->data();
    to = scratch->data();
  }
  // After an odd number of rounds the result is in the scratch vector:
  // the two trade buffers.
  if (v != sorted) std::swap(*v, *sorted);
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
    const VariantKey key = KeyOfVariant(v.text(i), v.depth(i));
    const uint8_t aux =
        v.depth(i) == 1 ? DeletionAux(normalized, v.run_begin(i), key.exact) : kNoAux;
    table_.Insert(key.hash, value, aux, *this);
  }
}

uint64_t FuzzyIndex::KeyOfSingle(uint32_t value, uint8_t aux) const {
  if (aux == kNoAux) return 0;
  RefNormalizer scratch;
  const std::string_view r = source_.Reference(value, &scratch);
  const size_t p = aux / 10;
  if (p >= r.size() || r[p] != static_cast<char>('0' + aux % 10)) return 0;
  char c[kMaxIndexed];
  std::copy(r.begin(), r.begin() + static_cast<std::ptrdiff_t>(p), c);
  std::copy(r.begin() + static_cast<std::ptrdiff_t>(p) + 1, r.end(), c + p);
  const VariantKey key = KeyOfVariant(std::string_view(c, r.size() - 1), 1);
  return key.exact ? PostingTable::KeyOf(key.hash) : 0;
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
    const VariantKey key = KeyOfVariant(v.text(i), v.depth(i));
    const uint8_t aux =
        v.depth(i) == 1 ? DeletionAux(normalized, v.run_begin(i), key.exact) : kNoAux;
    out[i - 1] = PostingTable::Posting{PostingTable::TagOf(key.hash),
                                       static_cast<uint32_t>(key.hash), value, aux};
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
      ReferenceKey ref;  // exact-table probes: the variant's key there
      uint64_t hash;     // posting probes
      uint16_t variant;  // its index in v
      uint8_t depth;     // characters deleted from q
      uint8_t indexed;   // characters deleted from r: 0 (the exact table), 1 or 2
      bool exact;        // posting probes: the hash names the variant exactly
    };
    Probe probes[DeletionVariants::kMaxCount * 3];
    size_t count = 0;
    for (size_t i = 0; i < v.count(); ++i) {
      const std::string_view c = v.text(i);
      const auto depth = static_cast<uint8_t>(v.depth(i));
      const auto variant = static_cast<uint16_t>(i);
      const uint64_t code = ReferenceCode(c);
      probes[count++] = Probe{KeyOfReference(c), 0, variant, depth, 0, false};
      for (int j = 1; j <= k; ++j) {
        const size_t r_len = c.size() + j;  // r had j more characters than c
        if (r_len > kMaxIndexed || IndexedDepth(r_len) < j) continue;
        const VariantKey key = KeyOfVariant(c, code, j);
        probes[count++] =
            Probe{ReferenceKey{}, key.hash, variant, depth, static_cast<uint8_t>(j), key.exact};
      }
    }
    for (size_t p = 0; p < count; ++p) {
      probes[p].indexed == 0 ? exact_.Prefetch(probes[p].ref.hash)
                             : table_.Prefetch(probes[p].hash);
    }
    // A second round for the blocks the slots point to, so that those
    // misses overlap too rather than come one per probe.
    for (size_t p = 0; p < count; ++p) {
      if (probes[p].indexed != 0) table_.PrefetchEntries(probes[p].hash);
    }
    // The exact table first: its slots have arrived, and meanwhile the
    // posting blocks do.
    for (size_t p = 0; p < count; ++p) {
      const Probe& probe = probes[p];
      if (probe.indexed != 0) continue;
      // For a coded variant a wanted entry is r == c, and then q is `depth`
      // deletions from r: its distance, without reading r. Only references
      // too long to code need reading.
      exact_.ForEachWithPayload(probe.ref.hash, [&](uint32_t value, uint32_t check) {
        if (!probe.ref.Wanted(value, check)) return true;
        add(value & ~kUncoded, probe.ref.coded ? probe.depth : kUnknown);
        return true;
      });
    }
    char r[kMaxIndexed + 1];
    for (size_t p = 0; p < count; ++p) {
      const Probe& probe = probes[p];
      if (probe.indexed == 0) continue;
      if (probe.indexed == 2) {  // two deletions are not recorded
        table_.ForEach(probe.hash, [&](uint32_t value, uint8_t, bool) { add(value, kUnknown); });
        continue;
      }
      // One deletion from r: r is c with the recorded digit inserted.
      const std::string_view c = v.text(probe.variant);
      const size_t i = v.run_begin(probe.variant);  // for depth 1: q is c with q[i] at i
      uint8_t changes[kMaxIndexed + 1];
      if (probe.depth == 1) {
        changes[0] = 0;
        for (size_t t = 1; t < c.size(); ++t) changes[t] = changes[t - 1] + (c[t - 1] != c[t]);
      }
      table_.ForEach(probe.hash, [&](uint32_t value, uint8_t aux, bool same_key) {
        if (aux == kNoAux) {
          add(value, kUnknown);
          return;
        }
        const size_t at = aux / 10;
        const auto x = static_cast<char>('0' + aux % 10);
        // Past the end, the entry is another variant's (a shared tag):
        // that one's own probe finds it if it is near.
        if (at > c.size()) return;
        int d;
        if (probe.depth == 0) {
          d = 1;  // r is q with one character more
        } else if (probe.depth == 1) {
          d = TwoInsertionsApart(c, i, q[i], at, x, changes);
        } else {
          std::copy(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(at), r);
          r[at] = x;
          std::copy(c.begin() + static_cast<std::ptrdiff_t>(at), c.end(), r + at + 1);
          d = BoundedOsaDistance(q, std::string_view(r, c.size() + 1), k);
        }
        // When the entry is not known to be this variant's, d holds only
        // if it is; if it is not, that variant's own probe finds it.
        if (d > k) return;
        add(value, same_key && probe.exact ? static_cast<uint8_t>(d) : kUnknown);
      });
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
  thread_local std::vector<uint64_t> scratch_candidates, scratch_merge;
  std::vector<uint64_t>& candidates = scratch_candidates;
  candidates.clear();
  Candidates(q, k, &candidates);
  SortRuns(&candidates, &scratch_merge);

  // Each candidate once, with its known distance if any (it sorts first);
  // the others' records are read through a window of prefetches running
  // ahead of the check: enough misses in flight to hide the latency, few
  // enough not to stall on a full miss queue.
  const Source::Records records = source_.RecordsToPrefetch();
  constexpr size_t kAhead = 16;
  const size_t end = candidates.size();
  size_t ahead = 0;
  auto prefetch_next = [&] {
    while (ahead < end && (candidates[ahead] & 0xff) != kUnknown) ++ahead;
    if (ahead < end) __builtin_prefetch(records.base + (candidates[ahead++] >> 8) * records.stride);
  };
  for (size_t i = 0; i < kAhead; ++i) prefetch_next();
  // The hits in value order, each candidate's distance in place of its own.
  size_t hits = 0;
  size_t by_distance[3] = {};
  RefNormalizer scratch;
  uint64_t last = UINT64_MAX;
  for (size_t i = 0; i < end; ++i) {
    const uint64_t value = candidates[i] >> 8;
    if (value == last) continue;  // seen, at its least distance
    last = value;
    int d = static_cast<uint8_t>(candidates[i]);
    if (d == kUnknown) {
      prefetch_next();
      const std::string_view r = source_.Reference(static_cast<uint32_t>(value), &scratch);
      // An empty one is filed under its raw id, never a reference hit.
      d = r.empty() ? k + 1 : BoundedOsaDistance(q, r, k);
      if (d > k) continue;
    }
    candidates[hits++] = value << 8 | static_cast<unsigned>(d);
    ++by_distance[d];
  }
  // In value order: a stable split by distance gives (distance, value).
  const size_t base = out->size();
  out->resize(base + hits);
  size_t at[3] = {base, base + by_distance[0], base + by_distance[0] + by_distance[1]};
  for (size_t i = 0; i < hits; ++i) {
    const auto d = static_cast<uint8_t>(candidates[i]);
    (*out)[at[d]++] = FuzzyHit{static_cast<uint32_t>(candidates[i] >> 8), d};
  }
}

size_t FuzzyIndex::MemoryUsage() const {
  return table_.MemoryUsage() + oversize_.capacity() * sizeof(uint32_t);
}

}  // namespace cashmatch::internal
