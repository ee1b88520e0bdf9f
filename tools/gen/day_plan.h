// The day generator's first half: choosing, for one scenario, the invoices a
// payment pays, its amount, its payer and what a perfect engine would do,
// before any bank format is known. Internal to tools/gen.
//
// A Planner walks the ledger in seeded orders (one permutation per
// scenario, so that an invoice one scenario cannot use stays available to
// the others) and marks every invoice it targets as used, so that no two
// payments pay the same open invoice unless one is a duplicate on purpose.
// Not thread-safe: one Planner per generator, called in payment order.
#ifndef CASHMATCH_TOOLS_GEN_DAY_PLAN_H_
#define CASHMATCH_TOOLS_GEN_DAY_PLAN_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cashmatch/bank_file.h"
#include "cashmatch/domain.h"
#include "day_gen.h"
#include "day_ledger_index.h"
#include "day_rng.h"
#include "open_items_gen.h"

namespace cashmatch::gen::day {

inline constexpr uint32_t kNoCustomer = DayLedgerIndex::kNone;

// One document the payment pays (or meant to): what the payer says and what
// the engine should do. Amounts in minor units of the plan's currency.
struct PlanLine {
  uint64_t invoice = 0;
  Invoice inv;          // as the ledger holds it
  std::string written;  // the reference as the payer writes it
  char kind = 'I';      // 'I' invoice, 'C' credit memo, 'P' PO number
  // The payer's statement (structured remittance carries all of it).
  int64_t paid = 0;
  std::optional<int64_t> invoice_amount;
  std::optional<int64_t> discount;
  std::optional<int64_t> adjustment;
  std::string adjustment_reason;
  // The truth.
  int64_t applied = 0;
  int64_t expected_discount = 0;
  int64_t writeoff = 0;
  int64_t deduction = 0;
};

// How the payer of a payment without references is recognised.
enum class Ident : uint8_t { kNone, kAccount, kAlias, kName };

struct Plan {
  Scenario scenario = Scenario::kCleanReference;
  Currency currency;
  int64_t amount = 0;
  uint32_t customer = kNoCustomer;  // whose invoices / who holds the cash
  uint32_t payer = kNoCustomer;     // the customer on file the payer is
  // The legal entity paid (its invoices' company, as OpenItemsGenerator
  // numbers them: index % companies): whose bank account the money reaches.
  uint32_t company = 0;
  std::vector<PlanLine> lines;
  // False when the payer sent no usable reference: structured formats carry
  // no lines, text formats only `text`.
  bool send_references = true;
  // other_style: the style is picked once the format shows whether the
  // reference travels in free text or in a structured field.
  bool style_pending = false;
  std::string text;  // free text after the references (or alone)
  std::string payer_name;
  std::string payer_account;
  Ident ident = Ident::kNone;
  bool has_answer = true;
  std::string note;
  std::string variant;
  std::string original_reference;
  int64_t on_account = 0;
  std::string dup_company, dup_invoice, dup_file, dup_ref;
  // A second payment on the same day travels as the first did, so that
  // ingesting files in name order meets the first one first.
  std::optional<BankFormat> forced_format;
  bool prefer_lockbox = false;   // scanned remittance: OCR errors
  bool negative_line = false;    // a credit memo line (lockbox cannot carry it)
};

class Planner {
 public:
  Planner(const OpenItemsGenerator& gen, const DayLedgerIndex& index, const DayOptions& options,
          Date value_date, bool usd_only);

  // A plan for scenario `s`, or nullopt when the ledger has no suitable
  // invoice left for it.
  std::optional<Plan> Make(Scenario s, Rng& rng);

  // Offers a clean payment, once it has its file and source_ref, as the
  // original of a later same-day duplicate.
  void RememberPaid(const Plan& plan, BankFormat category, const std::string& file,
                    const std::string& source_ref, Rng& rng);

  bool used(uint64_t invoice) const { return (used_[invoice >> 6] >> (invoice & 63)) & 1; }

 private:
  struct Cursor {
    Permutation order;
    uint64_t next = 0;
  };
  struct Remembered {
    Plan plan;
    BankFormat category;
    std::string file, source_ref;
  };

  template <typename Pred>
  std::optional<uint32_t> Draw(Scenario s, Pred pred);
  void Use(uint64_t invoice) { used_[invoice >> 6] |= uint64_t{1} << (invoice & 63); }
  bool OpenPositive(uint32_t i) const;
  PlanLine LineFor(uint32_t invoice) const;
  Plan Base(Scenario s, uint32_t invoice) const;
  void SetPayer(Plan* plan, uint32_t customer, Ident ident, Rng& rng) const;
  void SetUnknownPayer(Plan* plan, Rng& rng) const;
  Ident Identify(uint32_t customer, Rng& rng) const;
  // Up to `count` more unused open invoices of `customer` in the same
  // company as `not_this`, other than it: a payment reaches one legal
  // entity's account.
  std::vector<uint32_t> MoreInvoices(uint32_t customer, uint32_t not_this, size_t count, Rng& rng) const;
  uint32_t CompanyOf(uint64_t invoice) const {
    return static_cast<uint32_t>(invoice % gen_.options().companies);
  }
  // Open amounts (credit memos included) of the customer and its subsidiaries.
  std::vector<int64_t> OpenItemsOfFamily(uint32_t customer) const;
  // Their number, counted no further than past `limit`.
  size_t FamilyOpenCount(uint32_t customer, size_t limit) const;
  int64_t MajorUnit(Currency c) const;

  std::optional<Plan> Single(Scenario s, Rng& rng);
  std::optional<Plan> NoReference(Rng& rng);
  std::optional<Plan> Bundle(Scenario s, Rng& rng);
  std::optional<Plan> Discount(Rng& rng);
  std::optional<Plan> ShortPay(Scenario s, Rng& rng);
  std::optional<Plan> OverPay(Rng& rng);
  std::optional<Plan> ParentPays(Rng& rng);
  std::optional<Plan> CreditMemoNetting(Rng& rng);
  std::optional<Plan> Duplicate(Rng& rng);
  Plan Noise(Rng& rng) const;

  const OpenItemsGenerator& gen_;
  const DayLedgerIndex& ix_;
  const DayOptions& options_;
  Date value_date_;
  bool usd_only_;
  std::vector<uint64_t> used_;
  std::array<Cursor, kScenarioCount> cursors_;
  std::vector<Remembered> recent_;
};

}  // namespace cashmatch::gen::day

#endif  // CASHMATCH_TOOLS_GEN_DAY_PLAN_H_
