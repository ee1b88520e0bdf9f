// Ledger bulk load, second half: the invoice indexes of the invoices a bulk
// load added, from sorted keys. Into empty tables (a first load, or a
// ledger that holds only customers) each table is built in one sequential
// pass; into tables holding entries already (a large append) the new keys
// are merged with the old ones in one pass each (TagMultiMap::MergeSorted,
// PostingTable::MergeSorted), rather than probing a random slot per key.
// The customer chains and open-amount lists are rebuilt from the records.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cassert>
#include <tuple>
#include <utility>
#include <vector>

#include "cashmatch/ledger.h"
#include "hashing.h"
#include "ledger_impl.h"
#include "tag_sort.h"

namespace cashmatch {

using internal::BulkCounts;
using internal::BulkRefEntry;
using internal::InvoiceRec;
using internal::kNone;
using internal::PodVector;
using internal::PostingTable;
using internal::RefNormalizer;
using internal::SortedByTag;

namespace {

constexpr size_t kChunk = internal::kBulkChunk;

size_t Chunks(size_t n) { return (n + kChunk - 1) / kChunk; }

// Exclusive prefix sums in place; returns the total.
size_t PrefixSums(std::vector<size_t>* v) {
  size_t sum = 0;
  for (size_t& x : *v) sum += std::exchange(x, sum);
  return sum;
}

struct PoEntry {
  uint32_t tag;
  uint32_t value;
};

}  // namespace

void Ledger::Impl::IndexNewInvoices(size_t first, const BulkRefEntry* refs,
                                    const BulkCounts* counts) {
  const size_t n = invoices.size() - first;
  references.MergeSorted(refs, n);

  // Where each chunk writes its postings and PO keys.
  std::vector<size_t> posting_at(Chunks(n)), po_at(Chunks(n));
  internal::ForEachChunk(n, kChunk, [&](size_t chunk, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      posting_at[chunk] += counts[i].postings;
      po_at[chunk] += counts[i].po;
    }
  });
  const size_t postings = PrefixSums(&posting_at);
  const size_t po_count = PrefixSums(&po_at);
  PodVector<PostingTable::Posting> fuzzy_entries;
  fuzzy_entries.resize(postings);
  PodVector<PoEntry> po_entries;
  po_entries.resize(po_count);
  std::vector<std::vector<uint32_t>> oversize(Chunks(n));
  internal::ForEachChunk(n, kChunk, [&](size_t chunk, size_t begin, size_t end) {
    RefNormalizer normalize;
    size_t at = posting_at[chunk], po = po_at[chunk];
    for (size_t i = begin; i < end; ++i) {
      const auto value = static_cast<uint32_t>(first + i);
      const InvoiceRec& rec = invoices[value];
      const std::string_view key = normalize(InvoiceId(rec));
      if (key.size() > internal::FuzzyIndex::kMaxIndexed) {
        oversize[chunk].push_back(value);
      } else if (!key.empty()) {
        at += internal::FuzzyIndex::Entries(key, value, fuzzy_entries.data() + at);
      }
      assert(at <= postings);
      if (!counts[i].po) continue;
      const std::string_view po_key = normalize(PoNumber(rec));
      po_entries[po++] = PoEntry{internal::TagMultiMap::TagOf(internal::HashKey(po_key)), value};
    }
  });
  for (const std::vector<uint32_t>& values : oversize) {
    for (const uint32_t value : values) fuzzy.AddOversize(value);
  }
  po_entries = SortedByTag(std::move(po_entries));
  pos.MergeSorted(po_entries.data(), po_entries.size());
  po_entries = PodVector<PoEntry>();
  fuzzy_entries = SortedByTag(std::move(fuzzy_entries));
  fuzzy.MergeSorted(fuzzy_entries.data(), fuzzy_entries.size());
}

void Ledger::Impl::RebuildCustomerIndexes() {
  const size_t n = invoices.size();
  // Chains in number order, as LinkToCustomer would leave them; and each
  // customer's open invoices, gathered customer by customer.
  next_of_customer.reserve(n);
  next_of_customer.PopulateReserved();
  next_of_customer.resize(n);
  for (internal::CustomerRec& c : customers) c.last_invoice = kNone;
  std::vector<size_t> open_at(customers.size() + 1);
  for (size_t no = 0; no < n; ++no) {
    const InvoiceRec& rec = invoices[no];
    LinkToCustomer(static_cast<InvoiceNo>(no), rec.customer);
    if (rec.open != 0) ++open_at[rec.customer];
  }
  open_count = PrefixSums(&open_at);
  open_at.back() = open_count;
  struct Open {
    uint16_t currency;
    int64_t open;
    InvoiceNo no;
  };
  PodVector<Open> open;
  open.reserve(open_count);
  open.PopulateReserved();
  open.resize(open_count);
  {
    std::vector<size_t> at(open_at.begin(), open_at.end() - 1);
    for (size_t no = 0; no < n; ++no) {
      const InvoiceRec& rec = invoices[no];
      if (rec.open == 0) continue;
      open[at[rec.customer]++] = Open{rec.currency, rec.open, static_cast<InvoiceNo>(no)};
    }
  }
  tbb::parallel_for(size_t{0}, Chunks(customers.size()), [&](size_t chunk) {
    const size_t end = std::min(customers.size(), (chunk + 1) * kChunk);
    for (size_t c = chunk * kChunk; c < end; ++c) {
      Open* const first = open.data() + open_at[c];
      Open* const last = open.data() + open_at[c + 1];
      // The OpenKey order of ledger.cc.
      std::sort(first, last, [](const Open& a, const Open& b) {
        return std::tie(a.currency, a.open, a.no) < std::tie(b.currency, b.open, b.no);
      });
      std::vector<InvoiceNo>& list = open_by_customer[c];
      list.clear();
      list.reserve(static_cast<size_t>(last - first));
      for (const Open* o = first; o != last; ++o) list.push_back(o->no);
    }
  });
}

}  // namespace cashmatch
