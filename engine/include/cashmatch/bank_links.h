// Links between records that reach cashmatch in different files at
// different times: a remittance advice and the payment it describes, a
// batch entry and the breakdown of it a later file brings, and the same bank
// item reported twice (intraday, then in the end-of-day statement).
//
// Pure functions over domain records: the service looks the candidates up in
// the store and commits what these decide. All of them are deterministic:
// the result depends only on the inputs and their order.
#ifndef CASHMATCH_BANK_LINKS_H_
#define CASHMATCH_BANK_LINKS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "cashmatch/domain.h"

namespace cashmatch {

// ---- Remittance advices (an X12 820 sent apart from its money) ----

struct AdviceJoinOptions {
  // How far the payment's value date may lie from the advice's payment
  // date for a join by amount and date. Default 3 days: ACH settles on the
  // effective date, but advices are often dated when they were sent.
  int32_t date_window_days = 3;
};

enum class AdviceJoinRule : uint8_t {
  kTraceNumber,    // the payment carries the advice's trace number
  kAmountAndDate,  // the only payment of that amount near that date, and vice versa
};
std::string_view AdviceJoinRuleName(AdviceJoinRule rule);

struct AdviceJoin {
  size_t payment = 0;  // index into the payments given
  size_t advice = 0;   // index into the advices given
  AdviceJoinRule rule = AdviceJoinRule::kTraceNumber;
};

// Whether a payment may take an advice at all: a credit that is not a
// return, not a batch sum, not superseded, not itself from an advice file.
bool CanTakeAdvice(const Payment& payment);

// Pairs payments with advices, each used at most once; ordered by payment.
// First by trace number: the advice's trace_number equals the payment's
// trace_number or source_ref (ignoring case, blanks and leading zeros),
// with the same currency and amount; several payments with the trace take
// the advice only if exactly one also has its amount. Then, among what is
// left, by amount and date: same currency and amount, value date within the
// window of the advice's payment date, and unambiguous both ways (no other
// remaining payment fits that advice, no other remaining advice fits that
// payment). An ambiguous pair is left for later or for a person: a wrong
// join would apply money to the wrong invoices.
std::vector<AdviceJoin> PlanAdviceJoins(std::span<const Payment> payments,
                                        std::span<const RemittanceAdvice> advices,
                                        const AdviceJoinOptions& options = {});

// Gives the payment what the advice knows. Structured lines are taken when
// the payment has none of its own (the bank's copy of a CTX wins over a
// separately sent one); payer name and account fill only empty fields (or
// replace a name the bank cut short: a CCD entry's 16 characters that
// begin the advice's name); the advice's text is appended to
// remittance_text.
void MergeAdvice(const RemittanceAdvice& advice, Payment* payment);

// ---- The same bank item reported twice ----

// Whether `a` and `b` are one bank item reported in two files (camt.052
// intraday then camt.053; BAI2 current-day then prior-day): same direction,
// amount and value date, and the same non-empty source_ref that is a real
// reference (not "NONREF" or "NOTPROVIDED"), on the same account where both
// name one. A payer paying twice makes two bank items with two references,
// which this never merges.
bool SameBankItem(const Payment& a, const Payment& b);

// ---- Batch entries and their breakdown (camt.053 batch, camt.054 detail) ----

// Whether `parts` (transactions carrying the batch's bank_entry_ref, from
// another file) break the batch entry `batch` down completely: batch has
// batch_count > 1 and no superseded_by, every part is a single transaction
// (batch_count <= 1) of the same currency and direction, and their amounts
// add up to the batch's amount exactly.
bool IsBreakdownOf(const Payment& batch, std::span<const Payment> parts);

}  // namespace cashmatch

#endif  // CASHMATCH_BANK_LINKS_H_
