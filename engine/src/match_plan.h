// The matcher's working records. Internal to the engine.
//
// Phase one (parallel, read-only) turns a payment into a Plan: ranked
// Proposals, each a complete way to apply the payment with its confidence
// and evidence. Phase two (in payment order) settles the claims the
// proposals make on open amounts.
#ifndef CASHMATCH_ENGINE_MATCH_PLAN_H_
#define CASHMATCH_ENGINE_MATCH_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/ledger.h"
#include "cashmatch/matcher.h"

namespace cashmatch::internal {

// Money taken from one invoice: applied + discount + writeoff leave its open
// amount; a deduction is what the payer short-paid on purpose and stays
// open.
struct Allocation {
  InvoiceNo invoice = 0;
  int64_t applied = 0;
  int64_t discount = 0;
  int64_t writeoff = 0;
  // The invoice's open amount in the ledger, filled for the proposal
  // applied (MatchBatch settles claims against it), 0 until then.
  int64_t open = 0;
  int64_t Consumed() const { return applied + discount + writeoff; }
};

struct Proposal {
  std::vector<Allocation> allocations;
  int64_t on_account = 0;  // remainder held for `customer`
  std::optional<CustomerNo> customer;  // who holds the on-account remainder
  MatchMethod method = MatchMethod::kReference;
  uint16_t confidence_bp = 0;
  std::string evidence;
  // Reads the payment as a short or over payment of the invoices its text
  // names: a typo onto another invoice's number reads the same way, so a
  // rival that fits the amount exactly is still looked for.
  bool partial = false;
};

// A customer the payment may come from, and how sure that is.
struct CustomerCandidate {
  CustomerNo customer = 0;
  uint16_t confidence_bp = 0;
  std::string evidence;  // "payer account 021000021:123 is on file for C0001"
};

struct Plan {
  DecisionKind kind = DecisionKind::kUnapplied;
  std::string reason;                 // when nothing can be proposed
  std::vector<Proposal> proposals;    // best first
  std::vector<CustomerCandidate> customers;  // best first
  // Invoices a person should look at besides the proposals' own (fuzzy
  // hits without corroboration, say), with what would be applied.
  struct Hint {
    InvoiceNo invoice = 0;
    int64_t amount = 0;
    uint16_t confidence_bp = 0;
  };
  std::vector<Hint> hints;
  // A reference names an invoice that is already closed and nothing open
  // fits: the payment is probably a duplicate of one already applied.
  std::optional<InvoiceNo> duplicate_of;
};

// Identifies who paid: bank account, alias, name; best first.
std::vector<CustomerCandidate> IdentifyCustomers(const Ledger& ledger, const Payment& payment);

// Phase one for one payment.
Plan BuildPlan(const Ledger& ledger, const MatchOptions& options, const Payment& payment);

// The write-off limit for an invoice of `open` minor units in `currency`:
// the lower of the absolute and the relative tolerance.
int64_t WriteoffLimit(const MatchOptions& options, Currency currency, int64_t open);

// The early-payment discount an invoice earns when paid on `value_date`,
// or 0 when out of terms.
int64_t EarnedDiscount(const InvoiceView& invoice, Date value_date);

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_MATCH_PLAN_H_
