// Ledger bulk load: customers and invoices are appended as bare records
// while the caller reads its source, and EndBulkLoad settles what
// upserting them one by one would have done, in bulk: which invoices are
// refused, which replace one held before or one staged earlier, what
// number each new one gets. The indexes are then built or merged from
// sorted keys (ledger_bulk_index.cc; the customer tables are in
// ledger_customers.cc).
//
// Per-insert upkeep costs a random memory access per index per record (the
// customer lookup, the reference, PO and fuzzy tables, the customer's open
// list), several hundred nanoseconds each on a ledger of gigabytes. Here
// each step is one parallel pass computing keys, a radix sort by tag
// (tag_sort.h), and sequential passes; lookups into what the ledger held
// before are made in batches whose memory accesses overlap. Fresh memory is
// faulted in on all cores or in the background (large_alloc.h): on this
// kind of virtual machine that costs more than the writing.
//
// The result must equal upserting one by one, whatever was added: ids
// repeated, invoices whose customer is unknown (or arrives later), and a
// ledger that holds customers and invoices already. A ledger that held no
// customer stages its customers too and builds their tables at the end;
// otherwise customers, which are few, are upserted as they come.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <iterator>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "cashmatch/ledger.h"
#include "hashing.h"
#include "ledger_impl.h"
#include "tag_sort.h"

namespace cashmatch {

using internal::BulkCounts;
using internal::BulkLoad;
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

template <typename Fn>
void ForEachChunk(size_t n, Fn&& fn) {
  internal::ForEachChunk(n, kChunk, fn);
}

uint32_t IdHash(uint32_t company, std::string_view id) {
  return static_cast<uint32_t>(internal::HashKey(id, company + 1));
}

// What the reference table keeps for invoice `no` with this entry's key.
uint32_t TableValue(const BulkRefEntry& e, size_t no) {
  return static_cast<uint32_t>(no) | (e.uncoded ? internal::kUncoded : 0);
}

// The customer_id staged with invoice j.
std::string_view StagedCustomerId(const BulkLoad& bulk, size_t j) {
  const char* p = bulk.customer_ids.data() + bulk.chunk_ids[j / kChunk];
  for (size_t skip = j % kChunk; skip > 0; --skip) internal::GetString(&p);
  return internal::GetString(&p);
}

}  // namespace

// ---- Impl ----

void Ledger::Impl::ReplayStagedCustomers(BulkLoad* bulk) {
  const PodVector<internal::CustomerRec> staged = std::move(customers);
  customers = PodVector<internal::CustomerRec>();
  open_by_customer.clear();
  for (internal::TagMultiMap* t : {&customer_ids, &names, &aliases, &accounts, &parents}) {
    *t = internal::TagMultiMap();
  }
  // How many customers upserting the first k staged ones leaves.
  std::vector<uint32_t> count_after(staged.size() + 1);
  for (size_t k = 0; k < staged.size(); ++k) {
    UpsertCustomerRecord(
        internal::CustomerFields(customer_records.At(staged[k].record)).ToCustomer());
    count_after[k + 1] = static_cast<uint32_t>(customers.size());
  }
  for (auto& [first, known] : bulk->customers_known) known = count_after[known];
}

size_t Ledger::Impl::ResolveStagedCustomers(const BulkLoad& bulk) {
  const size_t before = bulk.invoices_before;
  const size_t n = invoices.size() - before;
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
        const size_t j = g + i;
        while (known != bulk.customers_known.end() && known->first <= j) ++known;
        const uint32_t limit = std::prev(known)->second;
        uint32_t customer = kNone;
        customer_ids.ForEach(hashes[i], [&](uint32_t c) {
          if (CustomerId(c) != ids[i]) return true;
          customer = c;
          return false;
        });
        if (customer >= limit) {
          customer = kNone;
          first_refused[chunk] = std::min(first_refused[chunk], j);
        }
        invoices[before + j].customer = customer;
      }
    }
  });
  return first_refused.empty() ? n : *std::min_element(first_refused.begin(), first_refused.end());
}

void Ledger::Impl::AddStagedInvoices(BulkLoad* bulk) {
  const size_t before = bulk->invoices_before;
  const size_t staged = invoices.size() - before;
  if (staged == 0) return;
  auto rec_of = [&](size_t j) -> InvoiceRec& { return invoices[before + j]; };

  // Customers: an invoice whose customer was unknown when it was added is
  // refused (customer kNone from here on), as UpsertInvoice refuses it.
  const size_t refused = ResolveStagedCustomers(*bulk);
  if (refused < staged) {
    bulk->NoteError(
        Status::NotFound("invoice " + std::string(InvoiceId(rec_of(refused))) +
                         ": unknown customer " + std::string(StagedCustomerId(*bulk, refused))),
        refused);
  }

  // Keys, and which invoice held before has the same (company, id): that
  // one is replaced rather than a new one numbered. The lookups go in
  // groups whose table slots are fetched together.
  PodVector<BulkRefEntry> refs;
  refs.resize(staged);
  PodVector<BulkCounts> counts;
  counts.resize(staged);
  PodVector<uint32_t> held;  // per staged invoice: the invoice it replaces, or kNone
  if (before > 0) held.resize(staged);
  std::vector<size_t> matches(Chunks(staged));
  ForEachChunk(staged, [&](size_t chunk, size_t begin, size_t end) {
    constexpr size_t kGroup = 16;
    RefNormalizer normalize[kGroup];
    std::string_view keys[kGroup];
    uint64_t hashes[kGroup];
    for (size_t g = begin; g < end; g += kGroup) {
      const size_t m = std::min(kGroup, end - g);
      for (size_t i = 0; i < m; ++i) {
        const size_t j = g + i;
        const InvoiceRec& rec = rec_of(j);
        const std::string_view id = InvoiceId(rec);
        keys[i] = normalize[i](id);
        const internal::ReferenceKey key = internal::KeyOfInvoiceId(id, keys[i]);
        hashes[i] = key.hash;
        refs[j] = BulkRefEntry{internal::TagMultiMap::TagOf(key.hash), static_cast<uint32_t>(j),
                               IdHash(rec.company, id), key.check, !key.coded};
        counts[j].postings =
            static_cast<uint8_t>(keys[i].empty() ? 0 : internal::FuzzyIndex::EntryCount(keys[i]));
        if (before > 0) references.Prefetch(hashes[i]);
      }
      for (size_t i = 0; i < m; ++i) {
        const size_t j = g + i;
        const InvoiceRec& rec = rec_of(j);
        if (before > 0) {
          held[j] = rec.customer == kNone
                        ? kNone
                        : FindInvoiceNo(rec.company, InvoiceId(rec), keys[i]).value_or(kNone);
          matches[chunk] += held[j] != kNone;
        }
        if (rec.po_hi != InvoiceRec::kNoPo) counts[j].po = !normalize[i](PoNumber(rec)).empty();
      }
    }
  });

  // Repeats among the staged invoices: owner[j] is the first staged
  // invoice with j's (company, id); the array stays empty while there is
  // none, as in a store's records. A repeat shares a tag and an id hash
  // with the first; big groups (one normalized id in many companies) are
  // sorted by id hash first.
  refs = SortedByTag(std::move(refs));
  PodVector<uint32_t> owner;
  auto owner_of = [&](size_t j) { return owner.empty() ? static_cast<uint32_t>(j) : owner[j]; };
  auto same_invoice = [&](const BulkRefEntry& a, const BulkRefEntry& b) {
    const InvoiceRec& x = rec_of(a.value);
    const InvoiceRec& y = rec_of(b.value);
    return a.id_hash == b.id_hash && x.company == y.company && InvoiceId(x) == InvoiceId(y);
  };
  // Entries of one group in ascending staged order, so each owner is
  // settled before it is looked at.
  auto settle = [&](const BulkRefEntry* first, const BulkRefEntry* last) {
    for (const BulkRefEntry* b = first; b != last; ++b) {
      for (const BulkRefEntry* a = first; a != b; ++a) {
        if (!same_invoice(*a, *b)) continue;
        if (owner.empty()) {
          owner.resize(staged);
          for (size_t j = 0; j < staged; ++j) owner[j] = static_cast<uint32_t>(j);
        }
        owner[b->value] = owner[a->value];
        break;
      }
    }
  };
  std::vector<BulkRefEntry> group;
  for (size_t i = 0; i < staged;) {
    size_t j = i + 1;
    while (j < staged && refs[j].tag == refs[i].tag) ++j;
    if (j - i > 16) {
      group.assign(refs.begin() + i, refs.begin() + j);
      std::sort(group.begin(), group.end(), [](const BulkRefEntry& a, const BulkRefEntry& b) {
        return a.id_hash != b.id_hash ? a.id_hash < b.id_hash : a.value < b.value;
      });
      for (size_t a = 0; a < group.size();) {
        size_t b = a + 1;
        while (b < group.size() && group[b].id_hash == group[a].id_hash) ++b;
        settle(group.data() + a, group.data() + b);
        a = b;
      }
    } else if (j - i > 1) {
      settle(refs.data() + i, refs.data() + j);
    }
    i = j;
  }

  // Numbers, in the order upserting gives them: the first accepted staged
  // invoice of a (company, id) not held before gets the next one; later
  // ones replace it. source[t - before] is the staged invoice whose values
  // number t ends with (the last one), first_source[t - before] the one
  // that numbered it. In a store's records (nothing refused, repeated or
  // held) staged invoice j simply becomes number before + j.
  const bool trivial = refused == staged && owner.empty() &&
                       std::accumulate(matches.begin(), matches.end(), size_t{0}) == 0 &&
                       before + staged - 1 <= PostingTable::kMaxValue;
  std::vector<uint32_t> source, first_source;
  std::vector<std::pair<InvoiceNo, uint32_t>> updates;  // (held before, staged), in order
  if (!trivial) {
    // Per owner: its number + 1, 0 while it has none (the owner array is
    // read before its own entry is overwritten: owner[j] <= j).
    PodVector<uint32_t> numbered;
    numbered.resize(staged);
    size_t next = before;
    for (size_t j = 0; j < staged; ++j) {
      if (rec_of(j).customer == kNone) continue;
      if (!held.empty() && held[j] != kNone) {
        updates.emplace_back(held[j], static_cast<uint32_t>(j));
        continue;
      }
      const uint32_t o = owner_of(j);
      if (numbered[o] == 0) {
        if (next > PostingTable::kMaxValue) {
          bulk->NoteError(Status::ResourceExhausted("ledger holds the most invoices it can number"),
                          j);
          rec_of(j).customer = kNone;
          continue;
        }
        numbered[o] = static_cast<uint32_t>(++next);
        first_source.push_back(static_cast<uint32_t>(j));
        source.push_back(static_cast<uint32_t>(j));
      } else {
        source[numbered[o] - 1 - before] = static_cast<uint32_t>(j);
      }
    }
  }
  const size_t added = trivial ? staged : source.size();

  // Rebuilding the customer chains and open lists, and merging the tables,
  // costs a pass over everything held; upkeep per record costs a few
  // random accesses each (and leaves growth room in blocks and lists).
  // Measured on generator data, 1 and 10 million invoices held, the two
  // break even at about one change in 12 to 20.
  constexpr size_t kMergeRatio = 16;
  const bool rebuild = before == 0 || (added + updates.size()) * kMergeRatio >= before;

  // Replacements of invoices held before, from the staged records, which
  // the compaction below overwrites. (Each staged record holds its own
  // strings, so a replacement leaves its old PO behind in the arena, as
  // upserting does when the PO changes.)
  for (const auto& [no, j] : updates) UpdateInvoice(no, rec_of(j), !rebuild);

  if (trivial) {
    for (size_t i = 0; i < staged; ++i) refs[i].value = TableValue(refs[i], before + refs[i].value);
  } else {
    // The new invoices' final records, in number order. Each comes from a
    // staged record at or after its own position, and positions are
    // written in ascending order, so this can run in place.
    PodVector<BulkCounts> kept;
    kept.resize(added);
    PodVector<uint32_t> first_of;  // staged j: the number it gave + 1, or 0
    first_of.resize(staged);
    for (size_t t = 0; t < added; ++t) {
      invoices[before + t] = invoices[before + source[t]];
      // The id, so the postings, are the first's; the PO the last's.
      kept[t] = BulkCounts{counts[first_source[t]].postings, counts[source[t]].po};
      first_of[first_source[t]] = static_cast<uint32_t>(before + t + 1);
    }
    counts = std::move(kept);
    // Only the entries that numbered an invoice enter the reference table,
    // under their numbers; the sort by tag stays.
    size_t w = 0;
    for (size_t i = 0; i < staged; ++i) {
      const uint32_t t = first_of[refs[i].value];
      if (t == 0) continue;
      refs[w] = refs[i];
      refs[w].value = TableValue(refs[i], t - 1);
      ++w;
    }
    assert(w == added);
    invoices.resize(before + added);
  }
  next_of_customer.resize(before + added);

  if (rebuild) {
    IndexNewInvoices(before, refs.data(), counts.data());
    RebuildCustomerIndexes();
    return;
  }
  RefNormalizer normalize;
  for (size_t no = before; no < before + added; ++no) {
    const std::string_view id = InvoiceId(invoices[no]);
    IndexNewInvoice(static_cast<InvoiceNo>(no), id, normalize(id));
  }
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
  m.bulk->stage_customers = m.customers.empty();
  m.bulk->invoices_before = m.invoices.size();
  // Room from Reserve, faulted in while the caller adds.
  InvoiceRec* const room = m.invoices.data() + m.invoices.size();
  const size_t bytes = (m.invoices.capacity() - m.invoices.size()) * sizeof(InvoiceRec);
  m.bulk->populate.run([room, bytes] { internal::PopulateHere(room, bytes); });
}

void Ledger::BulkAddCustomer(const Customer& customer) {
  Impl& m = *impl_;
  assert(m.bulk);
  if (!m.bulk->stage_customers) {
    m.UpsertCustomerRecord(customer);
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
  const size_t staged = m.invoices.size() - bulk.invoices_before;
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
  if (m.invoices.size() == m.invoices.capacity()) GrowStaging(&bulk, &m.invoices, 1);
  m.invoices.push_back(rec);
}

Status Ledger::EndBulkLoad() {
  Impl& m = *impl_;
  assert(m.bulk);
  const std::unique_ptr<BulkLoad> bulk = std::move(m.bulk);
  bulk->populate.wait();
  if (bulk->stage_customers && !m.BuildCustomerTables()) m.ReplayStagedCustomers(bulk.get());
  m.AddStagedInvoices(bulk.get());
  // Staging grew by quarters and faulted its room in: give back the rest.
  m.invoices.shrink_to_fit();
  return bulk->first_error;
}

}  // namespace cashmatch
