// What the engine did with each payment, read back from the store after an
// ingest: the applications (net of reversals), or the work item with its
// reason and suggestions. The evaluator's view of the engine's output.
#ifndef CASHMATCH_TOOLS_EVAL_OUTCOME_H_
#define CASHMATCH_TOOLS_EVAL_OUTCOME_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/status.h"
#include "cashmatch/store.h"

namespace cashmatch::eval {

enum class OutcomeKind : uint8_t {
  kApplied,     // applications stand (net of reversals)
  kUnapplied,   // in the work queue for a person
  kDuplicate,   // in the work queue, flagged as paying an already-paid invoice
  kNotMatched,  // neither: a debit, a return, a superseded batch sum
};
std::string_view OutcomeKindName(OutcomeKind k);

struct PaymentOutcome {
  uint64_t payment_id = 0;
  std::string file;
  std::string source_ref;
  std::string account;  // ours, that received it
  Money amount;
  bool is_return = false;
  OutcomeKind kind = OutcomeKind::kNotMatched;
  // Net per (company, invoice_id), in the order first applied; the
  // on-account remainder has an empty invoice_id. Rows netting to zero (an
  // application later reversed) are dropped.
  std::vector<Application> applications;
  std::string reason;                   // the work item's
  std::vector<Suggestion> suggestions;  // best first
};

// Outcomes keyed by (source file name, source_ref): truth.jsonl's join key.
using OutcomeMap = std::map<std::pair<std::string, std::string>, PaymentOutcome>;

// Reads every payment, application and work item of `store`. A payment
// whose key is already taken keeps the first (lowest payment id).
// kCorruption or kIoError when the store cannot be read.
Result<OutcomeMap> CollectOutcomes(const Store& store);

}  // namespace cashmatch::eval

#endif  // CASHMATCH_TOOLS_EVAL_OUTCOME_H_
