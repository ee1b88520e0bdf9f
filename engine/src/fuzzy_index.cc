#include "fuzzy_index.h"

#include <algorithm>

#include "deletion_variants.h"
#include "hashing.h"
#include "osa_distance.h"

namespace cashmatch::internal {
namespace {

static_assert(FuzzyIndex::kMaxIndexed < 32);  // a run start fits in 5 bits
static_assert(FuzzyIndex::kMaxIndexed + 2 <= DeletionVariants::kMaxSource);

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

FuzzyIndex::FuzzyIndex(const Source& source, const TagMultiMap& exact)
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

void FuzzyIndex::Query(std::string_view q, std::vector<FuzzyHit>* out) const {
  const size_t n = q.size();
  if (n == 0) return;
  const int k = MaxDistance(n);
  const size_t base = out->size();
  auto collect = [out](uint32_t value) {
    out->push_back(FuzzyHit{value, 0});
    return true;
  };

  // Candidates: every value sharing a deletion variant with q at the right
  // depths, collected in the tail of *out.
  if (n <= kMaxIndexed + static_cast<size_t>(k)) {
    const DeletionVariants v(q, k);
    struct Probe {
      uint64_t hash;
      int16_t run_begin;  // >= 0: keep only entries whose deletion run meets
      int16_t run_end;    // this one (a distance-1 query, one deletion each)
      bool exact;
    };
    Probe probes[DeletionVariants::kMaxCount * 3];
    size_t count = 0;
    for (size_t i = 0; i < v.count(); ++i) {
      const std::string_view c = v.text(i);
      probes[count++] = Probe{HashReference(c), -1, -1, true};  // nothing deleted from r
      for (int j = 1; j <= k; ++j) {
        const size_t r_len = c.size() + j;  // r had j more characters than c
        if (r_len > kMaxIndexed || IndexedDepth(r_len) < j) continue;
        const bool filter = k == 1 && v.depth(i) == 1;
        probes[count++] = Probe{VariantHash(c, j), static_cast<int16_t>(filter ? v.run_begin(i) : -1),
                                static_cast<int16_t>(v.run_end(i)), false};
      }
    }
    for (size_t p = 0; p < count; ++p) {
      probes[p].exact ? exact_.Prefetch(probes[p].hash) : table_.Prefetch(probes[p].hash);
    }
    for (size_t p = 0; p < count; ++p) {
      const Probe& probe = probes[p];
      if (probe.exact) {
        exact_.ForEach(probe.hash, collect);
      } else if (probe.run_begin < 0) {
        table_.ForEach(probe.hash, [&](uint32_t value, uint8_t) { collect(value); });
      } else {
        table_.ForEach(probe.hash, [&](uint32_t value, uint8_t aux) {
          if (RunsMeet(probe.run_begin, probe.run_end, aux)) collect(value);
        });
      }
    }
  }
  if (n + k > kMaxIndexed) {
    for (const uint32_t value : oversize_) collect(value);
  }

  // Each candidate once, then its real distance.
  auto first = out->begin() + static_cast<std::ptrdiff_t>(base);
  std::sort(first, out->end(),
            [](const FuzzyHit& a, const FuzzyHit& b) { return a.invoice < b.invoice; });
  out->erase(std::unique(first, out->end(),
                         [](const FuzzyHit& a, const FuzzyHit& b) { return a.invoice == b.invoice; }),
             out->end());
  for (size_t i = base; i < out->size(); ++i) source_.Prefetch((*out)[i].invoice, 0);
  for (size_t i = base; i < out->size(); ++i) source_.Prefetch((*out)[i].invoice, 1);
  RefNormalizer scratch;
  size_t kept = base;
  for (size_t i = base; i < out->size(); ++i) {
    const uint32_t value = (*out)[i].invoice;
    const std::string_view r = source_.Reference(value, &scratch);
    if (r.empty()) continue;  // filed under its raw id, never a reference hit
    const int d = BoundedOsaDistance(q, r, k);
    if (d <= k) (*out)[kept++] = FuzzyHit{value, static_cast<uint8_t>(d)};
  }
  out->resize(kept);
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(base), out->end(),
            [](const FuzzyHit& a, const FuzzyHit& b) {
              return a.distance != b.distance ? a.distance < b.distance : a.invoice < b.invoice;
            });
}

size_t FuzzyIndex::MemoryUsage() const {
  return table_.MemoryUsage() + oversize_.capacity() * sizeof(uint32_t);
}

}  // namespace cashmatch::internal
