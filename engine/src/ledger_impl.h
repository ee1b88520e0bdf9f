// The inside of Ledger, shared by ledger.cc (invoices, references, amounts),
// ledger_lookups.cc (reference and PO lookups), ledger_customers.cc
// (customers and their indexes) and ledger_bulk.cc, ledger_bulk_index.cc
// (the bulk load).
//
// Memory layout, for 10 million invoices in under 200 bytes each:
//  - invoices: one 64-byte InvoiceRec per invoice in a PodVector, indexed by
//    InvoiceNo, holding the id when it is short; long ids and POs live in an
//    arena; a parallel array chains each customer's invoices.
//  - references: one 12-byte slot per invoice (CodedTagMultiMap) keyed by
//    the normalized id, with a check that names it exactly
//    (reference_key.h), so that a reference lookup costs one memory access,
//    not one more per candidate; it is also the identity index, since
//    (company, id) normalizes to the same key: FindInvoice checks company
//    and raw id.
//  - fuzzy: the deletion variants of each normalized id in a posting table,
//    9 bytes a distinct variant, 5 an entry and 16 a block of entries
//    (fuzzy_index.h, posting_table.h).
//  - po: one slot per invoice with a PO.
//  - open amounts: per customer, a vector of its open invoices sorted by
//    (currency, open amount, number).
//  - customers: one arena record each plus a 16-byte CustomerRec; names,
//    aliases, accounts and parent ids in TagMultiMaps, checked against the
//    record on lookup, so no normalized string is stored.
// Every index can be maintained per insert (ledger.cc, ledger_customers.cc)
// or built at once from sorted keys, or merged with them, by a bulk load
// (ledger_bulk.cc, ledger_bulk_index.cc).
#ifndef CASHMATCH_ENGINE_LEDGER_IMPL_H_
#define CASHMATCH_ENGINE_LEDGER_IMPL_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <tbb/task_group.h>

#include "arena.h"
#include "cashmatch/ledger.h"
#include "cashmatch/status.h"
#include "customer_record.h"
#include "fuzzy_index.h"
#include "hashing.h"
#include "normalize.h"
#include "pod_vector.h"
#include "reference_key.h"
#include "tag_multimap.h"

namespace cashmatch {
namespace internal {

inline constexpr uint32_t kNone = UINT32_MAX;
// Bulk loads split their work into chunks of this many invoices, so that
// per-chunk results combine in chunk order whatever thread ran them.
inline constexpr size_t kBulkChunk = size_t{1} << 14;

// One invoice: a 64-byte record, so that checking a candidate (company, id,
// amounts) reads one cache line. Ids up to 18 bytes, nearly all of them,
// live in the record; longer ones and PO numbers in the invoice arena.
struct InvoiceRec {
  static constexpr size_t kInlineId = 18;
  static constexpr uint8_t kIdInArena = 0xff;  // id_len: id[0..4] hold an offset
  static constexpr uint8_t kNoPo = 0xff;       // po_hi: the invoice has no PO

  int64_t amount;
  int64_t open;
  uint32_t customer;
  uint32_t company;
  int32_t invoice_date;
  int32_t due_date;
  uint32_t discount_bp;
  uint32_t po_lo;  // invoice arena offset of the PO, low 32 bits
  uint16_t discount_days;
  uint16_t currency;  // Currency::index() of amount and open amount
  uint8_t po_hi;      // ... and high 8 bits, or kNoPo
  uint8_t id_len;     // length of the inline id, or kIdInArena
  char id[kInlineId];
};
static_assert(sizeof(InvoiceRec) == 64);

struct CustomerRec {
  uint64_t record;        // customer arena offset
  uint32_t parent;        // resolved parent, kNone when none is known
  uint32_t last_invoice;  // newest invoice of the customer's chain, kNone if none
};

// What a bulk load keeps between BeginBulkLoad and EndBulkLoad
// (ledger_bulk.cc). Staged invoices are appended to `invoices` after the
// ones held before (with customer kNone), and nothing indexes them yet.
// Customers are staged the same way when the ledger held none; otherwise
// each is upserted as it comes (customers are few; invoices are not).
struct BulkLoad {
  ~BulkLoad() { populate.wait(); }

  bool stage_customers = false;  // the ledger held no customer
  size_t invoices_before = 0;    // staged invoice j is invoices[invoices_before + j]
  // Each staged invoice's customer_id, in order (PutString); chunk_ids[c]
  // is where the ids of staged invoices from c * kBulkChunk on begin.
  PodVector<char> customer_ids;
  std::vector<size_t> chunk_ids;
  // Faults in staging memory on another core while the caller adds.
  tbb::task_group populate;
  // (first staged invoice, customers known then, numbered as upserting one
  // by one would number them): an invoice may only name a customer
  // upserted before it.
  std::vector<std::pair<uint32_t, uint32_t>> customers_known;
  Status first_error;  // the first refusal noted so far ...
  size_t first_error_staged = SIZE_MAX;  // ... and how many were staged before it

  void NoteError(Status s, size_t staged) {
    if (staged < first_error_staged) {
      first_error = std::move(s);
      first_error_staged = staged;
    }
  }
};

// A reference-table entry of a bulk load: the tag of the invoice's
// ReferenceKey, a hash of (company, raw id) that tells apart entries
// sharing a normalized id without reading their records, and the check the
// table keeps. `value` is a staged index until the invoices are numbered,
// then the value the table keeps (ReferenceKey::Value).
struct BulkRefEntry {
  uint32_t tag;
  uint32_t value;
  uint32_t id_hash;
  uint32_t payload;  // ReferenceKey::check
  bool uncoded;      // !ReferenceKey::coded
};

// Per staged invoice: how many fuzzy postings its reference makes, and
// whether its PO normalizes to a key.
struct BulkCounts {
  uint8_t postings;
  uint8_t po;
};

// Sorts the hits a lookup appended to *out from `from` on. Usually zero to
// three: an insertion sort beats std::sort's set-up.
inline void SortTail(std::vector<uint32_t>* out, size_t from) {
  uint32_t* const first = out->data() + from;
  const size_t n = out->size() - from;
  if (n > 16) {
    std::sort(first, first + n);
    return;
  }
  for (size_t i = 1; i < n; ++i) {
    const uint32_t v = first[i];
    size_t j = i;
    for (; j > 0 && first[j - 1] > v; --j) first[j] = first[j - 1];
    first[j] = v;
  }
}

}  // namespace internal

struct Ledger::Impl final : internal::FuzzyIndex::Source {
  Impl() : fuzzy(*this, references) {}

  // ---- FuzzyIndex::Source ----
  std::string_view Reference(uint32_t no, internal::RefNormalizer* scratch) const override;
  Records RecordsToPrefetch() const override {
    return Records{reinterpret_cast<const char*>(invoices.data()), sizeof(internal::InvoiceRec)};
  }

  // ---- invoices (ledger.cc) ----
  std::string_view InvoiceId(const internal::InvoiceRec& rec) const;
  std::string_view PoNumber(const internal::InvoiceRec& rec) const;
  // Store the id or PO in the record or the arena; false if the arena is full.
  bool SetId(internal::InvoiceRec* rec, std::string_view id);
  bool SetPo(internal::InvoiceRec* rec, std::string_view po);
  std::optional<uint32_t> FindCompany(std::string_view company) const;
  uint32_t InternCompany(std::string_view company);
  std::optional<InvoiceNo> FindInvoiceNo(uint32_t company, std::string_view id,
                                         std::string_view normalized) const;
  // Calls fn(no) for the invoices `table` holds under `hash` whose entry
  // (value, payload) passes `wanted`, while fn returns true, having first
  // started loading all their records, so that checking several candidates
  // costs one memory latency rather than one each. (A reference-table
  // value's kUncoded bit is not part of the number.)
  template <typename Table, typename Wanted, typename Fn>
  void ForEachCandidate(const Table& table, uint64_t hash, Wanted&& wanted, Fn&& fn) const {
    constexpr size_t kMax = 16;
    uint32_t found[kMax];
    size_t count = 0;
    bool more = true;
    auto flush = [&] {
      for (size_t i = 0; i < count && more; ++i) more = fn(found[i]);
      count = 0;
      return more;
    };
    table.ForEachWithPayload(hash, [&](uint32_t value, const auto& payload) {
      if (!wanted(value, payload)) return true;
      const uint32_t no = value & ~internal::kUncoded;
      __builtin_prefetch(&invoices[no]);
      found[count++] = no;
      return count < kMax || flush();
    });
    flush();
  }
  // The record of `inv` (strings stored); ResourceExhausted if the arena is full.
  Status MakeRecord(const Invoice& inv, CustomerNo customer, internal::InvoiceRec* rec);
  // UpsertInvoice once the customer is known.
  Result<InvoiceNo> Upsert(const Invoice& inv, CustomerNo customer);
  Result<InvoiceNo> InsertInvoice(const Invoice& inv, CustomerNo customer,
                                  std::string_view normalized);
  Status ReplaceInvoice(InvoiceNo no, const Invoice& inv, CustomerNo customer);
  bool WriteString(std::string_view s, uint64_t* offset);
  void IndexPo(InvoiceNo no, std::string_view po, bool insert);
  void LinkToCustomer(InvoiceNo no, CustomerNo customer);
  void UnlinkFromCustomer(InvoiceNo no, CustomerNo customer);
  void OpenInsert(InvoiceNo no);
  void OpenErase(InvoiceNo no);

  // Replaces invoice `no`'s record by `next` (same company and id, its
  // strings stored) and keeps the PO index in step; with
  // `customer_indexes`, the customer chains and open amounts too (a bulk
  // load that rebuilds those afterwards passes false).
  void UpdateInvoice(InvoiceNo no, const internal::InvoiceRec& next, bool customer_indexes);
  // Files a new invoice, already in `invoices`, in every index.
  void IndexNewInvoice(InvoiceNo no, std::string_view id, std::string_view normalized);

  // ---- bulk load (ledger_bulk.cc, ledger_bulk_index.cc) ----
  // Builds the customer id, name, alias, account and parent tables and
  // resolves parents; false, having built nothing, if an id repeats.
  bool BuildCustomerTables();
  // Upserts the staged customers one by one instead (an id repeated), and
  // renumbers bulk->customers_known accordingly.
  void ReplayStagedCustomers(internal::BulkLoad* bulk);
  // Sets each staged invoice's customer, kNone where upserting would have
  // refused it (unknown then); returns the first such staged index (the
  // staged count if none).
  size_t ResolveStagedCustomers(const internal::BulkLoad& bulk);
  // Numbers, stores and indexes the staged invoices as upserting them one
  // by one would; notes refusals in *bulk.
  void AddStagedInvoices(internal::BulkLoad* bulk);
  // Indexes invoices [first, size): `refs` are their reference entries
  // sorted by tag, `counts` each one's BulkCounts (indexed by number -
  // first). Built from sorted keys into empty tables, or merged into the
  // tables' entries.
  void IndexNewInvoices(size_t first, const internal::BulkRefEntry* refs,
                        const internal::BulkCounts* counts);
  // Rebuilds every customer's invoice chain and open-amount list, and the
  // open count, from the records.
  void RebuildCustomerIndexes();
  std::string_view CustomerId(CustomerNo no) const {
    const char* p = customer_records.At(customers[no].record);
    return internal::GetString(&p);
  }

  // ---- customers (ledger_customers.cc) ----
  internal::CustomerFields Fields(CustomerNo no) const {
    return internal::CustomerFields(customer_records.At(customers[no].record));
  }
  // Adds (insert) or removes the customer's name, alias, account and parent
  // entries, as its stored record gives them.
  void IndexCustomer(CustomerNo no, bool insert);
  std::optional<CustomerNo> ResolveParent(std::string_view parent_id) const;
  std::optional<CustomerNo> FindCustomerNo(std::string_view customer_id) const;
  CustomerNo UpsertCustomerRecord(const Customer& customer);

  // Invoices.
  internal::PodVector<internal::InvoiceRec> invoices;
  internal::PodVector<uint32_t> next_of_customer;  // older invoice of the same customer
  internal::Arena invoice_strings;
  // Normalized id (raw id when that is empty), with its check (reference_key.h).
  internal::CodedTagMultiMap references;
  internal::TagMultiMap pos;         // normalized PO number
  internal::FuzzyIndex fuzzy;
  size_t open_count = 0;

  // Companies: few, interned to numbers.
  internal::Arena company_strings;
  std::vector<std::string_view> company_names;  // views into company_strings
  std::unordered_map<std::string_view, uint32_t> company_numbers;

  // Customers.
  internal::PodVector<internal::CustomerRec> customers;
  std::vector<std::vector<InvoiceNo>> open_by_customer;  // sorted by OpenKey
  internal::Arena customer_records;
  internal::TagMultiMap customer_ids;
  internal::TagMultiMap names;     // NormalizeCustomerName(name)
  internal::TagMultiMap aliases;   // NormalizeCustomerName(alias)
  internal::TagMultiMap accounts;  // NormalizeBankAccount(account)
  internal::TagMultiMap parents;   // raw parent_id -> child

  std::unique_ptr<internal::BulkLoad> bulk;  // between BeginBulkLoad and EndBulkLoad
};

}  // namespace cashmatch

#endif  // CASHMATCH_ENGINE_LEDGER_IMPL_H_
