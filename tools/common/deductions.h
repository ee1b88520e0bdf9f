// Deductions: the short pays a batch leaves open on invoices, kept as
// records a person settles (docs/deductions.md). Staged in the same
// WriteSet as the batch whose applications leave them, so a deduction
// exists exactly when its batch does.
#ifndef CASHMATCH_TOOLS_DEDUCTIONS_H_
#define CASHMATCH_TOOLS_DEDUCTIONS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cashmatch/collections.h"
#include "cashmatch/domain.h"
#include "cashmatch/ledger.h"
#include "cashmatch/status.h"
#include "cashmatch/store.h"

namespace cashmatch::tools {

// An invoice's open amount and original amount, in minor units, as the
// ledger has them before the batch.
struct OpenBefore {
  int64_t open = 0;
  int64_t amount = 0;
};
using OpenLookup = std::function<std::optional<OpenBefore>(const std::string&, const std::string&)>;

// Deductions staged but not yet committed, by (batch_id, seq): when one
// commit holds two batches (a file's reversals and its matches), the
// second sees what the first changed.
using StagedDeductions = std::map<std::pair<uint64_t, uint32_t>, Deduction>;

// What one batch did to deductions.
struct DeductionOutcome {
  uint64_t created = 0;
  uint64_t resolved = 0;  // paid in full later: resolved invalid
  uint64_t voided = 0;    // the application that left them was reversed
  uint64_t reopened = 0;  // the payment that resolved them was reversed
};

// Stages the deduction changes of batch `batch_id`, whose application rows
// are `rows` (applications, or reversals with negated amounts), dated `at`:
//  - an invoice the batch pays down but leaves open gets a deduction of
//    what is still open beyond its disputed deductions (open, under
//    review), keyed by the batch's last row on it; its reason is the
//    adjustment reason of the payer's remittance line for the invoice;
//  - an invoice the batch closes resolves its disputed deductions as
//    invalid (the payer paid them after all);
//  - an invoice a reversal reopens voids the disputed deductions the
//    reversed payment left, and reopens those its payment had resolved.
// `open_before(company, invoice_id)` is the invoice's open and original
// amount before the batch (nullopt when the ledger no longer has it:
// nothing happens). An invoice the batch pays in full from its original
// amount cannot have deductions yet, so the store is not read for it: the
// common case costs nothing.
// `payments` are consulted for remittance before the store. Every record
// changed is put with its batch snapshot (PutBatchDeduction) and in `staged`.
// kCorruption/kIoError when the store cannot be read.
Result<DeductionOutcome> StageDeductions(
    const Store& store, std::span<const Application> rows, const OpenLookup& open_before,
    std::span<const Payment> payments, uint64_t batch_id, Timestamp at, StagedDeductions* staged,
    WriteSet* set);

// open_before for StageDeductions: the invoice's open amount in `ledger`
// when called (the caller holds the ledger still and updates it after).
OpenLookup OpenAmountIn(const Ledger& ledger);

// The reason a payment's remittance gives for the short pay on
// `invoice_id`: the adjustment reason of the line naming it, else of the
// only line carrying an adjustment; "unknown" when none is given.
std::string DeductionReason(const Payment& payment, const std::string& invoice_id);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_DEDUCTIONS_H_
