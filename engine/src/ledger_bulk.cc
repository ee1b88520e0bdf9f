// Ledger bulk load: customers and invoices are appended as bare records
// while the store is scanned, and EndBulkLoad builds every index from them
// at once (the customer tables are in ledger_customers.cc).
//
// Per-insert upkeep costs a random memory access per index per record (the
// customer lookup, the reference, PO and fuzzy tables, the customer's open
// list), several hundred nanoseconds each on a ledger of gigabytes. Here
// each index is built by one parallel pass that computes its keys, a radix
// sort by tag (tag_sort.h), and one sequential pass that fills the table;
// invoices' customers are resolved in batches whose memory accesses
// overlap. Fresh memory is faulted in on all cores or in the background
// (large_alloc.h): on this kind of virtual machine that costs more than
// the writing.
//
// The result must equal upserting one by one. The fast path covers what a
// store holds: an empty ledger, no customer_id or (company, invoice_id)
// twice, every invoice's customer added before it. Anything else (found
// while building, before an index that would have to be undone is
// touched) replays the staged records through the one-by-one path, which
// is exact by definition.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <iterator>
#include <tuple>
#include <utility>
#include <vector>

#include "cashmatch/ledger.h"
#include "hashing.h"
#include "ledger_impl.h"
#include "tag_sort.h"

namespace cashmatch {

using internal::BulkLoad;
using internal::InvoiceRec;
using internal::kNone;
using internal::PodVector;
using internal::PostingTable;
using internal::RefNormalizer;
using internal::SortedByTag;

namespace {

constexpr size_t kChunk = internal::kBulkChunk;

size_t Chunks(size_t n) { return (n + kChunk - 1) / kChunk; }

template <typename Fn>
void ForEachChunk(size_t n, Fn&& fn) {
  internal::ForEachChunk(n, kChunk, fn);
}

// Exclusive prefix sums in place; returns the total.
size_t PrefixSums(std::vector<size_t>* v) {
  size_t sum = 0;
  for (size_t& x : *v) sum += std::exchange(x, sum);
  return sum;
}

// A reference-table entry, with a hash of (company, raw id) that tells
// apart entries sharing a normalized id without reading their records, and
// the ReferenceCode the table keeps.
struct RefEntry {
  uint32_t tag;
  uint32_t value;
  uint32_t id_hash;
  uint64_t payload;  // ReferenceCode of the normalized id
};

struct PoEntry {
  uint32_t tag;
  uint32_t value;
};

uint32_t IdHash(uint32_t company, std::string_view id) {
  return static_cast<uint32_t>(internal::HashKey(id, company + 1));
}

}  // namespace

// ---- Impl ----

size_t Ledger::Impl::ResolveStagedCustomers(const BulkLoad& bulk) {
  const size_t n = invoices.size();
  std::vector<size_t> first_refused(Chunks(n), n);
  ForEachChunk(n, [&](size_t chunk, size_t begin, size_t end) {
    // Groups of 16 in three rounds (table slot, customer, its record), so
    // the misses of a group overlap instead of following one another.
    constexpr size_t kGroup = 16;
    std::string_view ids[kGroup];
    uint64_t hashes[kGroup];
    uint32_t first[kGroup];
    const char* next_id = bulk.customer_ids.data() + bulk.chunk_ids[chunk];
    auto known = std::upper_bound(bulk.customers_known.begin(), bulk.customers_known.end(),
                                  std::make_pair(static_cast<uint32_t>(begin), kNone));
    for (size_t g = begin; g < end; g += kGroup) {
      const size_t m = std::min(kGroup, end - g);
      for (size_t i = 0; i < m; ++i) {
        ids[i] = internal::GetString(&next_id);
        hashes[i] = internal::HashKey(ids[i]);
        customer_ids.Prefetch(hashes[i]);
      }
      for (size_t i = 0; i < m; ++i) {
        first[i] = kNone;
        customer_ids.ForEach(hashes[i], [&](uint32_t no) {
          first[i] = no;
          return false;
        });
        if (first[i] != kNone) __builtin_prefetch(&customers[first[i]]);
      }
      for (size_t i = 0; i < m; ++i) {
        if (first[i] != kNone) __builtin_prefetch(customer_records.At(customers[first[i]].record));
      }
      for (size_t i = 0; i < m; ++i) {
        const size_t no = g + i;
        while (known != bulk.customers_known.end() && known->first <= no) ++known;
        const uint32_t limit = std::prev(known)->second;
        uint32_t customer = kNone;
        customer_ids.ForEach(hashes[i], [&](uint32_t c) {
          if (CustomerId(c) != ids[i]) return true;
          customer = c;
          return false;
        });
        if (customer >= limit) {
          customer = kNone;
          first_refused[chunk] = std::min(first_refused[chunk], no);
        }
        invoices[no].customer = customer;
      }
    }
  });
  return first_refused.empty() ? n : *std::min_element(first_refused.begin(), first_refused.end());
}

Status Ledger::Impl::ReplayStaged(const BulkLoad& bulk) {
  // Back to empty; the staged records' strings stay in the arenas, which
  // never move, and are read from there.
  const PodVector<InvoiceRec> staged = std::move(invoices);
  const PodVector<internal::CustomerRec> staged_customers = std::move(customers);
  invoices = PodVector<InvoiceRec>();
  next_of_customer = PodVector<uint32_t>();
  customers = PodVector<internal::CustomerRec>();
  open_by_customer.clear();
  references = internal::CodedTagMultiMap();
  for (internal::TagMultiMap* t : {&pos, &customer_ids, &names, &aliases, &accounts, &parents}) {
    *t = internal::TagMultiMap();
  }
  assert(fuzzy.entries() == 0);
  open_count = 0;
  Status first = bulk.first_error;
  size_t first_at = bulk.first_error_staged;
  size_t next_customer = 0;
  auto upsert_customers = [&](size_t until) {
    for (; next_customer < until; ++next_customer) {
      UpsertCustomerRecord(
          internal::CustomerFields(customer_records.At(staged_customers[next_customer].record))
              .ToCustomer());
    }
  };
  const char* p = bulk.customer_ids.data();
  auto known = bulk.customers_known.begin();
  for (size_t j = 0; j < staged.size(); ++j) {
    for (; known != bulk.customers_known.end() && known->first <= j; ++known) {
      upsert_customers(known->second);
    }
    const InvoiceRec& rec = staged[j];
    Invoice inv;
    inv.company = std::string(company_names[rec.company]);
    inv.invoice_id = std::string(InvoiceId(rec));
    inv.customer_id = std::string(internal::GetString(&p));
    const Currency currency = internal::CurrencyFromIndex(rec.currency);
    inv.amount = Money{rec.amount, currency};
    inv.open_amount = Money{rec.open, currency};
    inv.invoice_date = Date{rec.invoice_date};
    inv.due_date = Date{rec.due_date};
    inv.po_number = std::string(PoNumber(rec));
    inv.discount_bp = rec.discount_bp;
    inv.discount_days = rec.discount_days;
    Status s;
    if (const std::optional<CustomerNo> customer = FindCustomerNo(inv.customer_id); !customer) {
      s = Status::NotFound("invoice " + inv.invoice_id + ": unknown customer " + inv.customer_id);
    } else if (Result<InvoiceNo> r = Upsert(inv, *customer); !r.ok()) {
      s = r.status();
    }
    if (!s.ok() && j < first_at) {
      first = std::move(s);
      first_at = j;
    }
  }
  upsert_customers(staged_customers.size());
  return first;
}

bool Ledger::Impl::BuildReferenceIndexes() {
  const size_t n = invoices.size();
  // Keys of every index, and how many postings each chunk will write.
  PodVector<RefEntry> refs;
  refs.resize(n);
  std::vector<size_t> posting_at(Chunks(n)), po_at(Chunks(n));
  ForEachChunk(n, [&](size_t chunk, size_t begin, size_t end) {
    RefNormalizer normalize;
    for (size_t no = begin; no < end; ++no) {
      const InvoiceRec& rec = invoices[no];
      const std::string_view id = InvoiceId(rec);
      const std::string_view key = normalize(id);
      refs[no] = RefEntry{internal::TagMultiMap::TagOf(internal::ReferenceKey(id, key)),
                          static_cast<uint32_t>(no), IdHash(rec.company, id),
                          internal::ReferenceCode(key)};
      if (!key.empty()) posting_at[chunk] += internal::FuzzyIndex::EntryCount(key);
      if (rec.po_hi != InvoiceRec::kNoPo && !normalize(PoNumber(rec)).empty()) ++po_at[chunk];
    }
  });
  refs = SortedByTag(std::move(refs));

  // A repeated (company, id) shares a tag and an id hash with the first;
  // big groups (one normalized id in many companies) are sorted first.
  std::vector<RefEntry> group;
  auto same_invoice = [&](const RefEntry& a, const RefEntry& b) {
    const InvoiceRec& x = invoices[a.value];
    const InvoiceRec& y = invoices[b.value];
    return a.id_hash == b.id_hash && x.company == y.company && InvoiceId(x) == InvoiceId(y);
  };
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && refs[j].tag == refs[i].tag) ++j;
    if (j - i > 16) {
      group.assign(refs.begin() + i, refs.begin() + j);
      std::sort(group.begin(), group.end(),
                [](const RefEntry& a, const RefEntry& b) { return a.id_hash < b.id_hash; });
      for (size_t a = 0; a < group.size(); ++a) {
        for (size_t b = a + 1; b < group.size() && group[b].id_hash == group[a].id_hash; ++b) {
          if (same_invoice(group[a], group[b])) return false;
        }
      }
    } else {
      for (size_t a = i; a < j; ++a) {
        for (size_t b = a + 1; b < j; ++b) {
          if (same_invoice(refs[a], refs[b])) return false;
        }
      }
    }
    i = j;
  }
  references.BuildFromSorted(refs.data(), n);
  refs = PodVector<RefEntry>();

  const size_t postings = PrefixSums(&posting_at);
  const size_t po_count = PrefixSums(&po_at);
  PodVector<PostingTable::Posting> fuzzy_entries;
  fuzzy_entries.resize(postings);
  PodVector<PoEntry> po_entries;
  po_entries.resize(po_count);
  std::vector<std::vector<uint32_t>> oversize(Chunks(n));
  ForEachChunk(n, [&](size_t chunk, size_t begin, size_t end) {
    RefNormalizer normalize;
    size_t at = posting_at[chunk], po = po_at[chunk];
    for (size_t no = begin; no < end; ++no) {
      const InvoiceRec& rec = invoices[no];
      const auto value = static_cast<uint32_t>(no);
      const std::string_view key = normalize(InvoiceId(rec));
      if (key.size() > internal::FuzzyIndex::kMaxIndexed) {
        oversize[chunk].push_back(value);
      } else if (!key.empty()) {
        at += internal::FuzzyIndex::Entries(key, value, fuzzy_entries.data() + at);
      }
      assert(at <= postings);
      if (rec.po_hi == InvoiceRec::kNoPo) continue;
      const std::string_view po_key = normalize(PoNumber(rec));
      if (!po_key.empty()) {
        po_entries[po++] = PoEntry{internal::TagMultiMap::TagOf(internal::HashKey(po_key)), value};
      }
    }
  });
  for (const std::vector<uint32_t>& values : oversize) {
    for (const uint32_t value : values) fuzzy.AddOversize(value);
  }
  po_entries = SortedByTag(std::move(po_entries));
  pos.BuildFromSorted(po_entries.data(), po_entries.size());
  po_entries = PodVector<PoEntry>();
  fuzzy_entries = SortedByTag(std::move(fuzzy_entries));
  fuzzy.BuildFromSorted(fuzzy_entries.data(), fuzzy_entries.size());
  return true;
}

void Ledger::Impl::BuildCustomerIndexes() {
  const size_t n = invoices.size();
  // Chains in number order, as LinkToCustomer would leave them; and each
  // customer's open invoices, gathered customer by customer.
  next_of_customer.reserve(n);
  next_of_customer.PopulateReserved();
  next_of_customer.resize(n);
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
      list.reserve(static_cast<size_t>(last - first));
      for (const Open* o = first; o != last; ++o) list.push_back(o->no);
    }
  });
}

namespace {

// Grows a staging array for `more` elements, by a quarter, and faults in
// the new room on another core while the caller goes on adding; waits for
// the last such task first, since growing may move the array.
template <typename T>
void GrowStaging(BulkLoad* bulk, PodVector<T>* v, size_t more) {
  bulk->populate.wait();
  v->reserve(std::max(v->size() + more, v->size() + v->size() / 4 + 4096));
  T* const room = v->data() + v->size();
  const size_t bytes = (v->capacity() - v->size()) * sizeof(T);
  bulk->populate.run([room, bytes] { internal::PopulateHere(room, bytes); });
}

}  // namespace

// ---- Ledger ----

void Ledger::BeginBulkLoad() {
  Impl& m = *impl_;
  assert(!m.bulk);
  m.bulk = std::make_unique<BulkLoad>();
  m.bulk->direct = !m.invoices.empty() || !m.customers.empty();
  if (!m.bulk->direct) {  // room from Reserve, faulted in while the caller adds
    InvoiceRec* const room = m.invoices.data();
    const size_t bytes = m.invoices.capacity() * sizeof(InvoiceRec);
    m.bulk->populate.run([room, bytes] { internal::PopulateHere(room, bytes); });
  }
}

void Ledger::BulkAddCustomer(const Customer& customer) {
  Impl& m = *impl_;
  assert(m.bulk);
  if (m.bulk->direct) {
    UpsertCustomer(customer);
    return;
  }
  assert(m.customers.size() < kNone);
  m.customers.push_back(
      internal::CustomerRec{internal::WriteCustomer(customer, &m.customer_records), kNone, kNone});
  m.open_by_customer.emplace_back();
}

void Ledger::BulkAddInvoice(const Invoice& invoice) {
  Impl& m = *impl_;
  assert(m.bulk);
  BulkLoad& bulk = *m.bulk;
  const size_t staged = m.invoices.size();
  if (bulk.direct) {
    if (Result<InvoiceNo> r = UpsertInvoice(invoice); !r.ok()) bulk.NoteError(r.status(), staged);
    return;
  }
  // UpsertInvoice's checks in its order; the customer's waits for EndBulkLoad.
  if (invoice.amount.currency != invoice.open_amount.currency) {
    bulk.NoteError(Status::InvalidInput("invoice " + invoice.invoice_id +
                                        ": amount and open amount differ in currency"),
                   staged);
    return;
  }
  // Counts staged records, a bound on the distinct ones UpsertInvoice numbers.
  if (staged > PostingTable::kMaxValue) {
    bulk.NoteError(Status::ResourceExhausted("ledger holds the most invoices it can number"),
                   staged);
    return;
  }
  InvoiceRec rec;
  if (Status s = m.MakeRecord(invoice, kNone, &rec); !s.ok()) {
    bulk.NoteError(std::move(s), staged);
    return;
  }
  const auto known = static_cast<uint32_t>(m.customers.size());
  if (bulk.customers_known.empty() || bulk.customers_known.back().second != known) {
    bulk.customers_known.emplace_back(static_cast<uint32_t>(staged), known);
  }
  if (staged % kChunk == 0) bulk.chunk_ids.push_back(bulk.customer_ids.size());
  const size_t at = bulk.customer_ids.size();
  const size_t bytes = internal::StringSize(invoice.customer_id);
  if (at + bytes > bulk.customer_ids.capacity()) GrowStaging(&bulk, &bulk.customer_ids, bytes);
  bulk.customer_ids.resize(at + bytes);
  internal::PutString(bulk.customer_ids.data() + at, invoice.customer_id);
  if (staged == m.invoices.capacity()) GrowStaging(&bulk, &m.invoices, 1);
  m.invoices.push_back(rec);
}

Status Ledger::EndBulkLoad() {
  Impl& m = *impl_;
  assert(m.bulk);
  const std::unique_ptr<BulkLoad> bulk = std::move(m.bulk);
  bulk->populate.wait();
  // Staging grew by quarters and faulted its room in: give back the rest.
  m.invoices.shrink_to_fit();
  if (bulk->direct) return bulk->first_error;
  if (!m.BuildCustomerTables()) return m.ReplayStaged(*bulk);
  if (m.ResolveStagedCustomers(*bulk) < m.invoices.size()) return m.ReplayStaged(*bulk);
  if (!m.BuildReferenceIndexes()) return m.ReplayStaged(*bulk);
  m.BuildCustomerIndexes();
  return bulk->first_error;
}

}  // namespace cashmatch
