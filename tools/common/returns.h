// Returned payments: a NACHA return, a camt reversal, a BAI2 returned item
// or a returned check undoes a payment cashmatch has seen. The original is
// found by its reference, else by amount and payer; its applications are
// reversed in a batch of their own and the invoices reopen. A return whose
// original cannot be found for sure is left for a person, never guessed.
#ifndef CASHMATCH_TOOLS_RETURNS_H_
#define CASHMATCH_TOOLS_RETURNS_H_

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cashmatch/ledger.h"
#include "cashmatch/store.h"

namespace cashmatch::tools {

struct ReturnOutcome {
  uint64_t reversed = 0;       // returns whose original's applications were reversed
  uint64_t unapplied_originals = 0;  // originals still waiting: simply taken off the queue
  uint64_t unknown = 0;        // returns left for a person
  uint64_t applications = 0;   // reversal rows written
  std::vector<std::pair<InvoiceNo, int64_t>> new_open;  // invoices reopened
  std::vector<Application> rows;  // the reversal rows staged, in seq order
};

// The row that takes application `a` back in batch `batch_id`: the same
// invoice and customer, its amounts negated, method manual, `evidence`
// saying why. The confidence stays the original's.
Application ReversalOf(const Application& a, uint64_t batch_id, uint32_t seq, Timestamp at,
                       std::string evidence);

// What is applied to a payment now: its application rows summed per
// (company, invoice), earlier reversals included; rows that net to nothing
// are left out. What a reversal must undo.
Result<std::vector<Application>> NetApplicationsOf(const Store& store, uint64_t payment_id);

// The payment `ret` undoes, if exactly one stored credit fits: by the
// return's original reference (trace number or bank reference) with the
// same amount and currency; else the only credit of that amount from the
// same payer account. nullopt when none or several fit.
Result<std::optional<Payment>> FindOriginal(const Store& store, const Payment& ret);

// Stages the reversal of every return in `returns` (stored in this commit,
// ids assigned) under `reversal_batch_id`, rows dated `at`; a return without
// a sure original becomes a work item under `file_batch_id`.
Result<ReturnOutcome> StageReturns(const Store& store, const Ledger& ledger,
                                   std::span<const Payment> returns, uint64_t reversal_batch_id,
                                   uint64_t file_batch_id, Timestamp at, WriteSet* set);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_RETURNS_H_
