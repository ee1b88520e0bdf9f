// The inside of Ledger, shared by ledger.cc (invoices, references, amounts)
// and ledger_customers.cc (customers and their indexes).
//
// Memory layout, for 10 million invoices in well under 200 bytes each:
//  - invoices: one 64-byte InvoiceRec per invoice in a PodVector, indexed by
//    InvoiceNo, holding the id when it is short; long ids and POs live in an
//    arena; a parallel array chains each customer's invoices.
//  - references: one 8-byte slot per invoice (TagMultiMap) keyed by the
//    normalized id; it is also the identity index, since (company, id)
//    normalizes to the same key: FindInvoice checks company and raw id.
//  - fuzzy: the deletion variants of each normalized id in a posting table,
//    9 bytes a distinct variant plus 5 an entry (fuzzy_index.h).
//  - po: one slot per invoice with a PO.
//  - open amounts: per customer, a vector of its open invoices sorted by
//    (currency, open amount, number).
//  - customers: one arena record each plus a 16-byte CustomerRec; names,
//    aliases, accounts and parent ids in TagMultiMaps, checked against the
//    record on lookup, so no normalized string is stored.
#ifndef CASHMATCH_ENGINE_LEDGER_IMPL_H_
#define CASHMATCH_ENGINE_LEDGER_IMPL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "arena.h"
#include "cashmatch/ledger.h"
#include "customer_record.h"
#include "fuzzy_index.h"
#include "normalize.h"
#include "pod_vector.h"
#include "tag_multimap.h"

namespace cashmatch {
namespace internal {

inline constexpr uint32_t kNone = UINT32_MAX;

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

}  // namespace internal

struct Ledger::Impl final : internal::FuzzyIndex::Source {
  Impl() : fuzzy(*this, references) {}

  // ---- FuzzyIndex::Source ----
  std::string_view Reference(uint32_t no, internal::RefNormalizer* scratch) const override;
  void Prefetch(uint32_t no, int stage) const override;

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
  Result<InvoiceNo> InsertInvoice(const Invoice& inv, CustomerNo customer,
                                  std::string_view normalized);
  Status ReplaceInvoice(InvoiceNo no, const Invoice& inv, CustomerNo customer);
  bool WriteString(std::string_view s, uint64_t* offset);
  void IndexPo(InvoiceNo no, std::string_view po, bool insert);
  void LinkToCustomer(InvoiceNo no, CustomerNo customer);
  void UnlinkFromCustomer(InvoiceNo no, CustomerNo customer);
  void OpenInsert(InvoiceNo no);
  void OpenErase(InvoiceNo no);

  // ---- customers (ledger_customers.cc) ----
  internal::CustomerFields Fields(CustomerNo no) const {
    return internal::CustomerFields(customer_records.At(customers[no].record));
  }
  // Adds (insert) or removes the customer's name, alias, account and parent
  // entries, as its stored record gives them.
  void IndexCustomer(CustomerNo no, bool insert);
  std::optional<CustomerNo> ResolveParent(std::string_view parent_id) const;

  // Invoices.
  internal::PodVector<internal::InvoiceRec> invoices;
  internal::PodVector<uint32_t> next_of_customer;  // older invoice of the same customer
  internal::Arena invoice_strings;
  internal::TagMultiMap references;  // normalized id (raw id when that is empty)
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
};

}  // namespace cashmatch

#endif  // CASHMATCH_ENGINE_LEDGER_IMPL_H_
