// Ledger: the reference lookups, exact (one at a time and batched), fuzzy
// and by PO. The reference table's slots name short references exactly
// (reference_key.h), so an exact lookup of a reference up to kCodedLength
// characters reads only the table; longer ones, FindInvoice and FindByPo
// check the records.
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/ledger.h"
#include "hashing.h"
#include "ledger_impl.h"

namespace cashmatch {

using internal::RefNormalizer;
using internal::SortTail;

void Ledger::FindByReference(std::string_view reference, std::vector<InvoiceNo>* out) const {
  const Impl& m = *impl_;
  RefNormalizer normalize;
  const std::string_view normalized = normalize(reference);
  if (normalized.empty()) return;
  const size_t from = out->size();
  const internal::ReferenceKey key = internal::KeyOfReference(normalized);
  if (key.coded) {  // the slot settles it
    m.references.ForEachWithPayload(key.hash, [&](uint32_t value, uint32_t check) {
      if (key.Wanted(value, check)) out->push_back(value);
      return true;
    });
  } else {  // read the uncoded entries' records
    auto wanted = [&key](uint32_t value, uint32_t check) { return key.Wanted(value, check); };
    m.ForEachCandidate(m.references, key.hash, wanted, [&](uint32_t no) {
      if (internal::NormalizedEquals(m.InvoiceId(m.invoices[no]), normalized)) out->push_back(no);
      return true;
    });
  }
  SortTail(out, from);
}

void Ledger::FindByReferences(std::span<const std::string_view> references,
                              std::vector<InvoiceNo>* out, std::vector<size_t>* ends) const {
  const Impl& m = *impl_;
  const size_t n = references.size();
  ends->resize(n);
  // A software pipeline: normalize, hash and prefetch the table slot of
  // reference i while collecting the hits of reference i - kAhead, whose
  // slot has arrived by then. The slot's check settles a match; only
  // references too long to code need their candidates' records, fetched
  // the same way one more stage behind. About kAhead misses stay in
  // flight: enough to hide the latency, few enough not to fill the core's
  // miss queue, which would stall or drop prefetches. (4 to 16 measured
  // the same at 10 million invoices: the lookups are bound by how many
  // misses the core keeps in flight, not by the depth.)
  constexpr size_t kAhead = 8;
  constexpr size_t kRing = 2 * kAhead + 1;
  constexpr uint32_t kMaxCandidates = 14;
  struct Pending {
    std::string_view normalized;  // in `small`, or in `big` when longer
    char small[48];
    std::string big;
    internal::ReferenceKey key;
    uint32_t count;  // kMaxCandidates + 1: too many, walk the slot again
    uint32_t candidates[kMaxCandidates];
  };
  Pending ring[kRing];
  auto normalize = [&](size_t i) {
    Pending& p = ring[i % kRing];
    char* to = p.small;
    if (references[i].size() > sizeof(p.small)) {
      p.big.resize(references[i].size());
      to = p.big.data();
    }
    p.normalized = std::string_view(to, internal::NormalizeReferenceTo(references[i], to));
    if (p.normalized.empty()) return;
    p.key = internal::KeyOfReference(p.normalized);
    m.references.Prefetch(p.key.hash);
  };
  // Hits of coded references, candidates of uncoded ones.
  auto collect = [&](size_t i) {
    Pending& p = ring[i % kRing];
    p.count = 0;
    if (p.normalized.empty()) return;
    m.references.ForEachWithPayload(p.key.hash, [&](uint32_t value, uint32_t check) {
      if (!p.key.Wanted(value, check)) return true;
      if (p.count == kMaxCandidates) {
        ++p.count;
        return false;
      }
      const uint32_t no = value & ~internal::kUncoded;
      if (!p.key.coded) __builtin_prefetch(&m.invoices[no]);
      p.candidates[p.count++] = no;
      return true;
    });
  };
  auto finish = [&](size_t i) {
    const Pending& p = ring[i % kRing];
    const size_t from = out->size();
    auto keep = [&](uint32_t no) {
      if (p.key.coded || internal::NormalizedEquals(m.InvoiceId(m.invoices[no]), p.normalized)) {
        out->push_back(no);
      }
    };
    if (p.count > kMaxCandidates) {
      m.references.ForEachWithPayload(p.key.hash, [&](uint32_t value, uint32_t check) {
        if (p.key.Wanted(value, check)) keep(value & ~internal::kUncoded);
        return true;
      });
    } else {
      for (uint32_t c = 0; c < p.count; ++c) keep(p.candidates[c]);
    }
    SortTail(out, from);
    (*ends)[i] = out->size();
  };
  for (size_t i = 0; i < n + 2 * kAhead; ++i) {
    if (i < n) normalize(i);
    if (i >= kAhead && i - kAhead < n) collect(i - kAhead);
    if (i >= 2 * kAhead) finish(i - 2 * kAhead);
  }
}

void Ledger::FindByReferenceFuzzy(std::string_view reference, std::vector<FuzzyHit>* out) const {
  RefNormalizer normalize;
  impl_->fuzzy.Query(normalize(reference), out);
}

void Ledger::FindByPo(std::string_view po, std::vector<InvoiceNo>* out) const {
  const Impl& m = *impl_;
  RefNormalizer normalize;
  const std::string_view key = normalize(po);
  if (key.empty()) return;
  const size_t from = out->size();
  RefNormalizer scratch;
  auto all = [](uint32_t, internal::NoPayload) { return true; };
  m.ForEachCandidate(m.pos, internal::HashKey(key), all, [&](uint32_t no) {
    if (scratch(m.PoNumber(m.invoices[no])) == key) out->push_back(no);
    return true;
  });
  SortTail(out, from);
}

}  // namespace cashmatch
