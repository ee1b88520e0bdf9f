// Matcher: decides which open invoices each payment pays.
//
// A cascade of strategies, cheapest and surest first; a later strategy sees
// only payments the earlier ones could not settle:
//   1. structured remittance (lockbox invoice fields, camt RfrdDocInf, 820
//      RMR): the amounts the payer stated, with discounts and adjustments;
//   2. references in the free text: exact hits of tokens on the reference
//      and PO indexes, then fuzzy hits corroborated by amount or customer;
//   3. the customer, when no reference is usable: payer bank account,
//      aliases, name, and the parent/child hierarchy;
//   4. amounts within that customer: one open invoice of the amount, net of
//      an early-payment discount, short pay within tolerance, overpayment;
//   5. combinations: the amount as the sum of several open items (bounded
//      subset-sum, oldest first, refused when more than one fits);
//   6. refusal on ambiguity, with suggestions for a person.
// Every decision carries a confidence in [0, 1] (basis points) and its
// evidence. A wrong application costs more than an unapplied payment, so a
// decision is applied only when its confidence reaches the auto-apply
// threshold and no rival comes close.
//
// Parallel and deterministic: MatchBatch works out each payment's proposals
// in parallel (read-only on the ledger), then settles claims on open amounts
// in the order of the payments given, so two payments never consume the same
// open amount and the result is the same for any number of threads.
//
// Thread safety: a Matcher is immutable after construction; MatchBatch may
// run on several threads at once (each call settles its own batch). The
// ledger must not change during a call.
#ifndef CASHMATCH_MATCHER_H_
#define CASHMATCH_MATCHER_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/ledger.h"

namespace cashmatch {

struct MatchOptions {
  // Confidence (basis points of 1) at which a decision is applied without a
  // person. Default 0.90.
  uint16_t auto_apply_bp = 9000;
  // Least confidence for a candidate to be offered as a suggestion.
  // Default 0.20.
  uint16_t suggest_bp = 2000;
  // The best decision must beat the runner-up by this much, or the payment
  // is left with both as suggestions. Default 0.10.
  uint16_t ambiguity_margin_bp = 1000;
  // Short pays written off without a person: at most this many minor units
  // of a two-decimal currency (scaled to the payment's currency exponent)
  // AND at most this share of the invoice; the lower limit wins.
  // Defaults 5.00 and 1 %.
  int64_t writeoff_max_minor = 500;
  uint32_t writeoff_max_bp = 100;
  // Combination search bounds: at most this many items in a combination,
  // over at most this many of the customer's open items (the oldest), and
  // at most this many search steps per payment. Defaults 6, 40, 200000.
  uint32_t combination_max_items = 6;
  uint32_t combination_max_candidates = 40;
  uint32_t combination_max_steps = 200'000;
  // Our receiving accounts and the legal entity (company code; "" is the
  // default entity) each belongs to, as the bank files name them: an
  // account number, "ROUTING:ACCOUNT", an IBAN, a lockbox number. A payment
  // that reached a listed account settles only that entity's invoices
  // (entities may number their invoices alike). Default: none, every
  // entity's invoices are candidates.
  std::map<std::string, std::string> account_companies;
  // Suggestions kept for a payment left to a person. Default 3.
  uint32_t max_suggestions = 3;
  // Threads for MatchBatch; 0 = TBB's default (one per core).
  uint32_t threads = 0;
};

enum class DecisionKind : uint8_t {
  kApplied,    // applications (and perhaps an on-account remainder) made
  kUnapplied,  // left for a person: reason and suggestions say why
  kDuplicate,  // pays an invoice already paid: flagged, nothing applied
  kNotMatched, // not for matching: a debit, a return, a superseded batch sum
};
std::string_view DecisionKindName(DecisionKind kind);

// What the matcher decided for one payment.
struct Decision {
  DecisionKind kind = DecisionKind::kUnapplied;
  // kApplied: one per invoice, in the order decided, then at most one with
  // an empty invoice_id for the remainder put on account. payment_id,
  // company, invoice_id, customer_id, amounts, method, confidence and
  // evidence are filled; batch_id, seq and `at` are the caller's.
  std::vector<Application> applications;
  // The customer identified, when one was (also for kUnapplied).
  std::string customer_id;
  // kUnapplied, kDuplicate, kNotMatched: why, in words for the operator.
  std::string reason;
  // kUnapplied and kDuplicate: candidate invoices, best first.
  std::vector<Suggestion> suggestions;
  uint16_t confidence_bp = 0;  // of the decision as a whole
  friend bool operator==(const Decision&, const Decision&) = default;
};

class Matcher {
 public:
  Matcher(const Ledger& ledger, const MatchOptions& options);

  // Decides every payment, in the order given (which is the order claims on
  // open amounts are settled in: give payments in payment_id order). The
  // result has one Decision per payment, at the same index. Invoice open
  // amounts are read from the ledger and not changed: the caller commits
  // the applications and then updates the ledger.
  std::vector<Decision> MatchBatch(std::span<const Payment> payments) const;

  const MatchOptions& options() const { return options_; }

 private:
  const Ledger& ledger_;
  MatchOptions options_;
};

}  // namespace cashmatch

#endif  // CASHMATCH_MATCHER_H_
