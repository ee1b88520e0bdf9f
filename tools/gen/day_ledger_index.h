// The facts of a generated ledger that the day generator needs to choose
// payments and compute their truth, held compactly so that ten million
// invoices index in seconds and well under 1 GB: per invoice its open
// amount, customer and a few flags; per customer its currency, parent,
// invoices and subsidiaries (CSR arrays); and hashes of every normalized
// invoice number, PO and customer name, to count what a written reference
// or payer name would hit.
//
// Built once from an OpenItemsGenerator (whose records are pure functions
// of their index), in parallel, with a result that does not depend on the
// thread count. Immutable afterwards and safe to share between threads.
#ifndef CASHMATCH_TOOLS_GEN_DAY_LEDGER_INDEX_H_
#define CASHMATCH_TOOLS_GEN_DAY_LEDGER_INDEX_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "cashmatch/date.h"
#include "cashmatch/money.h"
#include "open_items_gen.h"

namespace cashmatch::gen {

class DayLedgerIndex {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFF;

  // Invoice flags.
  static constexpr uint8_t kCreditMemo = 1;
  static constexpr uint8_t kFullyOpen = 2;     // open == original amount, not 0
  static constexpr uint8_t kDiscountNow = 4;   // early-payment terms still run on the value date
  static constexpr uint8_t kHasPo = 8;
  static constexpr uint8_t kPoUnique = 16;     // its normalized PO names no other invoice
  // Customer flags.
  static constexpr uint8_t kHasAccount = 1;    // a bank account on file
  static constexpr uint8_t kNameUnique = 2;    // normalized name shared with no other name or alias
  static constexpr uint8_t kHasAlias = 4;
  static constexpr uint8_t kAliasUnique = 8;

  // Precondition: the generator has at most 2^32 - 1 invoices and customers.
  // threads 0: all cores.
  static std::unique_ptr<DayLedgerIndex> Build(const OpenItemsGenerator& gen, Date value_date,
                                               unsigned threads);

  uint64_t invoice_count() const { return open_.size(); }
  uint64_t customer_count() const { return customer_currency_.size(); }

  int64_t open(uint64_t invoice) const { return open_[invoice]; }
  uint32_t customer(uint64_t invoice) const { return customer_[invoice]; }
  uint8_t flags(uint64_t invoice) const { return flags_[invoice]; }
  bool is_credit_memo(uint64_t invoice) const { return flags_[invoice] & kCreditMemo; }

  Currency currency(uint32_t customer) const { return customer_currency_[customer]; }
  uint32_t parent(uint32_t customer) const { return parent_[customer]; }  // kNone if none
  uint8_t customer_flags(uint32_t customer) const { return customer_flags_[customer]; }
  // Every invoice and credit memo of the customer (open or not), ascending.
  std::span<const uint32_t> InvoicesOf(uint32_t customer) const;
  // The customers whose parent it is, ascending.
  std::span<const uint32_t> ChildrenOf(uint32_t customer) const;

  // How many invoices' normalized invoice numbers / POs equal `normalized`
  // (a NormalizeReference result).
  uint32_t InvoiceNumberHits(std::string_view normalized) const;
  uint32_t PoHits(std::string_view normalized) const;
  // How many customer names and aliases normalize (NormalizeCustomerName) to
  // `normalized`.
  uint32_t NameHits(std::string_view normalized) const;

  // Bytes held, for the generator's figures.
  size_t MemoryUsage() const;

 private:
  DayLedgerIndex() = default;

  std::vector<int64_t> open_;
  std::vector<uint32_t> customer_;
  std::vector<uint8_t> flags_;
  std::vector<Currency> customer_currency_;
  std::vector<uint32_t> parent_;
  std::vector<uint8_t> customer_flags_;
  std::vector<uint64_t> invoice_offsets_;  // CSR: customer c's invoices at [c], [c+1])
  std::vector<uint32_t> invoices_;
  std::vector<uint32_t> child_offsets_;
  std::vector<uint32_t> children_;
  // Sorted hashes (day::KeyHash) of the normalized keys.
  std::vector<uint64_t> invoice_number_hashes_;
  std::vector<uint64_t> po_hashes_;
  std::vector<uint64_t> name_hashes_;
};

// Counts the non-empty subsets of `items` with at most `max_size` members
// whose sum is `target`, stopping at `limit`. Meet in the middle: fine for
// up to ~40 items with max_size up to 6.
uint32_t CountSubsetsWithSum(std::span<const int64_t> items, int64_t target, uint32_t max_size,
                             uint32_t limit);

}  // namespace cashmatch::gen

#endif  // CASHMATCH_TOOLS_GEN_DAY_LEDGER_INDEX_H_
