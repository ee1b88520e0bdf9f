// Ledger: every customer and invoice in memory, compactly, with the indexes
// the matcher queries millions of times a second.
//
// The ledger is rebuilt from the store when cashmatch opens and kept in step
// with every committed change. It holds closed invoices as well as open ones
// (a payment of a closed invoice is a duplicate to flag), so lookups by
// reference return both; the amount indexes hold open items only.
//
// Customers and invoices are numbered densely from 0 in the order they were
// first inserted (CustomerNo, InvoiceNo); a number never changes or is
// reused while the ledger lives.
//
// Thread safety: const methods may be called from many threads at once.
// Mutations need exclusive access: the owner keeps readers out (typically
// with a std::shared_mutex held shared for a whole batch of lookups).
// Views returned by the accessors point into the ledger and stay valid until
// the next mutation.
#ifndef CASHMATCH_LEDGER_H_
#define CASHMATCH_LEDGER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/money.h"
#include "cashmatch/status.h"

namespace cashmatch {

using CustomerNo = uint32_t;
using InvoiceNo = uint32_t;

// Cheap read-only view of one invoice; strings point into the ledger.
struct InvoiceView {
  InvoiceNo no;
  CustomerNo customer;
  std::string_view company;
  std::string_view invoice_id;
  std::string_view po_number;
  Money amount;
  Money open_amount;
  Date invoice_date;
  Date due_date;
  uint32_t discount_bp;
  uint16_t discount_days;
};

// Cheap read-only view of one customer; strings point into the ledger.
struct CustomerView {
  CustomerNo no;
  std::string_view customer_id;
  std::string_view name;
  std::optional<CustomerNo> parent;  // resolved parent_id, if known
};

struct FuzzyHit {
  InvoiceNo invoice;
  uint8_t distance;  // Damerau-Levenshtein (optimal string alignment) distance

  friend bool operator==(const FuzzyHit&, const FuzzyHit&) = default;
};

// Normalization shared by the indexes and their callers (the matcher uses
// the same functions on remittance tokens, so both sides meet).
//
// References: upper-case ASCII letters and digits only; a leading word such
// as INV, INVOICE, NO, NR, REF, # is dropped when digits follow it; leading
// zeros of the digits are dropped. "INV-004512", "inv 4512", "#4512" and
// "4512" all normalize to "4512". Returns "" when nothing is left.
// Precisely: every other byte (separators, non-ASCII) is ignored; if what is
// left is letters followed only by digits ("SO12345"), the letters go, and
// digits alone lose their leading zeros ("0000" -> "0"); anything else
// ("A12B34", "4512A", "ACME") is kept as it is.
// An empty normalized reference (or PO) matches nothing.
std::string NormalizeReference(std::string_view text);
// Customer names: upper-case words, punctuation dropped, legal-form words
// (INC, LLC, LTD, GMBH, SA, CORP, CO, THE, ... and AND) dropped, words
// sorted, so "The Acme Corp." and "ACME, Inc" meet as "ACME". Apostrophes,
// periods and non-ASCII bytes join ("S.A." is SA); a name of legal-form
// words only keeps them.
std::string NormalizeCustomerName(std::string_view name);
// Bank accounts: upper-case letters and digits only, leading zeros of each
// ROUTING and ACCOUNT part dropped; IBANs keep their letters. The ':'
// between parts is kept ("21000021:123"), so "12:345" and "1:2345" differ.
std::string NormalizeBankAccount(std::string_view account);

class Ledger {
 public:
  Ledger();
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // ---- Mutations (exclusive access) ----

  // Pre-sizes storage for a bulk load; optional.
  void Reserve(size_t customers, size_t invoices);

  // Inserts a customer, or replaces the one with the same customer_id
  // (names, aliases and accounts are re-indexed). A parent_id that names no
  // customer yet is kept and resolved when that customer arrives.
  CustomerNo UpsertCustomer(const Customer& customer);

  // Inserts an invoice, or replaces the one with the same (company,
  // invoice_id). kNotFound if its customer is unknown; kInvalidInput if
  // amount and open_amount differ in currency; kResourceExhausted past
  // 2^31 invoices.
  Result<InvoiceNo> UpsertInvoice(const Invoice& invoice);

  // Sets the open amount (minor units of the invoice's currency).
  void SetOpenAmount(InvoiceNo invoice, int64_t open_minor);

  // ---- Bulk load (exclusive access from BeginBulkLoad to EndBulkLoad) ----
  //
  // Loading many records at once, as on open and by `load`: BulkAddInvoice
  // only appends the record, and EndBulkLoad settles and indexes all of
  // them together, on all cores (TBB), instead of maintaining each index
  // per insert. Into a ledger that holds no invoice (customers or not)
  // every index is built from sorted keys; into one that does, the new keys
  // are merged into its indexes when the load changes about one invoice in
  // 16 of those held or more, and the indexes are kept up record by record
  // otherwise. BulkAddCustomer likewise only appends when the ledger holds
  // no customer, and upserts at once otherwise (customers are few).
  // The result is exactly what UpsertCustomer and UpsertInvoice of the same
  // records in the same order would give: the same numbers, the same answer
  // from every lookup. A repeated customer_id or (company, invoice_id)
  // replaces the one before it; an invoice that UpsertInvoice would refuse
  // (its customer not added before it, mixed currencies, ...) is left out,
  // as it would be. Between the two calls only Reserve, BulkAddCustomer and
  // BulkAddInvoice may be called.
  // Thread safety: the whole load is one mutation (exclusive access from
  // BeginBulkLoad to EndBulkLoad). Inside, it uses TBB worker threads: to
  // fault in memory in the background while records are added, and to
  // build the indexes in EndBulkLoad, whose result does not depend on
  // scheduling.
  void BeginBulkLoad();
  void BulkAddCustomer(const Customer& customer);
  void BulkAddInvoice(const Invoice& invoice);
  // Returns the Status UpsertInvoice gave the first refused invoice (in the
  // order added), or Ok.
  Status EndBulkLoad();

  // ---- Counts ----
  size_t customer_count() const;
  size_t invoice_count() const;
  size_t open_invoice_count() const;
  // Bytes held by the ledger and all its indexes (an estimate from
  // capacities, for the memory figure in `status` and the benchmarks).
  size_t MemoryUsage() const;

  // ---- Point reads ----
  std::optional<CustomerNo> FindCustomer(std::string_view customer_id) const;
  std::optional<InvoiceNo> FindInvoice(std::string_view company,
                                       std::string_view invoice_id) const;
  CustomerView customer(CustomerNo no) const;
  InvoiceView invoice(InvoiceNo no) const;
  // invoice(no) without the PO number (po_number is empty): reads the
  // invoice's record alone, not the string arena POs live in, for readers
  // that check many candidates (the matcher).
  InvoiceView invoice_core(InvoiceNo no) const;
  // Starts loading invoice `no`'s record into the cache and returns: a
  // caller about to read many scattered invoices keeps a window of these
  // running ahead, so their memory latencies overlap.
  void PrefetchInvoice(InvoiceNo no) const;
  // The same for customer `no`'s record (read by customer()).
  void PrefetchCustomer(CustomerNo no) const;
  // Materialized copies with every field.
  Customer GetCustomer(CustomerNo no) const;
  Invoice GetInvoice(InvoiceNo no) const;

  // ---- Index lookups ----
  // Each appends to *out (which it does not clear) in ascending number order.

  // Invoices whose id normalizes as `reference` does (any company).
  void FindByReference(std::string_view reference, std::vector<InvoiceNo>* out) const;
  // FindByReference of many references at once, faster per reference: the
  // table slots of a batch (all a reference of up to 12 characters needs)
  // are fetched from memory together rather than one after another, as the
  // matcher can when it looks up all the tokens of many payments. Appends
  // the hits of references[i] to *out (ascending) and sets (*ends)[i] to
  // out->size() after them: they are [(*ends)[i-1] or the old size,
  // (*ends)[i]).
  void FindByReferences(std::span<const std::string_view> references,
                        std::vector<InvoiceNo>* out, std::vector<size_t>* ends) const;
  // Every invoice whose normalized id is within Damerau-Levenshtein distance
  // 1 of the normalized `reference` (2 when the normalized reference has at
  // least kLongReference characters), exact hits included at distance 0,
  // without scanning the ledger. Sorted by (distance, invoice).
  //
  // Why 12: distance 2 is indexed by deleting two characters of every long
  // reference (45 to 55 variants for 10 to 11 characters, against 10 for
  // one deletion), and on dense sequential numbering two edits reach
  // hundreds of invoices, too many to tell a payment anything. On the
  // project's generator data (half the references are the 10- and 11-digit
  // "9000000001" and "20260000001"), 1 million invoices, bulk-built:
  //   threshold  bytes/invoice  build   short query       long query
  //   10         296            1.61 s  11.5 us, 101 hits  333 us, 482 hits
  //   12         185            0.33 s   9.3 us,  71 hits   70 us, 132 hits
  //   14         185            0.33 s   8.0 us,  67 hits   (no such query)
  // 12 is the smallest threshold that leaves 10- and 11-digit sequential
  // numbers at distance 1 and so meets the memory goal (200 bytes an
  // invoice); references of 12 characters and more are sparse enough in
  // real numbering schemes that two typos still point at few invoices, and
  // 14 saves nothing more here.
  static constexpr size_t kLongReference = 12;
  void FindByReferenceFuzzy(std::string_view reference, std::vector<FuzzyHit>* out) const;
  // Invoices whose PO number normalizes as `po` does.
  void FindByPo(std::string_view po, std::vector<InvoiceNo>* out) const;
  // Every invoice of the customer, open or closed.
  void InvoicesOfCustomer(CustomerNo customer, std::vector<InvoiceNo>* out) const;
  // The customer's open invoices (credit memos included), sorted by
  // (currency, open amount, invoice number): the (customer, open amount)
  // index the amount and combination strategies walk.
  std::span<const InvoiceNo> OpenInvoicesOfCustomer(CustomerNo customer) const;
  // The customer's open invoices whose open amount is exactly `open`.
  void FindOpenByAmount(CustomerNo customer, Money open, std::vector<InvoiceNo>* out) const;

  // Customers whose normalized name (respectively alias, bank account)
  // equals the normalized argument.
  void FindCustomersByName(std::string_view name, std::vector<CustomerNo>* out) const;
  void FindCustomersByAlias(std::string_view alias, std::vector<CustomerNo>* out) const;
  void FindCustomersByAccount(std::string_view account, std::vector<CustomerNo>* out) const;
  // Customers whose parent is `parent`.
  void ChildrenOf(CustomerNo parent, std::vector<CustomerNo>* out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cashmatch

#endif  // CASHMATCH_LEDGER_H_
