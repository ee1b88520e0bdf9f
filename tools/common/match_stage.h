// Running the matcher over payments and staging what it decided in a
// WriteSet: applications, the invoices' new open amounts, and work items for
// what is left to a person. Shared by ingest and rematch.
#ifndef CASHMATCH_TOOLS_MATCH_STAGE_H_
#define CASHMATCH_TOOLS_MATCH_STAGE_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cashmatch/ledger.h"
#include "cashmatch/matcher.h"
#include "cashmatch/store.h"

namespace cashmatch::tools {

struct MatchOutcome {
  uint64_t applied = 0;      // payments applied (wholly or with a remainder on account)
  uint64_t applications = 0; // application rows written
  uint64_t unapplied = 0;    // payments left to a person
  uint64_t duplicates = 0;   // of those, flagged as paying an already-paid invoice
  std::map<MatchMethod, uint64_t> by_method;           // payments applied, by the first row's method
  std::map<std::string, int64_t> applied_totals;       // currency code -> minor units applied
  std::vector<std::pair<InvoiceNo, int64_t>> new_open;  // ledger updates once committed
  std::vector<uint64_t> applied_payment_ids;
  std::vector<Application> rows;  // the application rows staged, in seq order
  int64_t micros = 0;
};

// Matches `payments` (ids assigned, in payment_id order) and stages the
// results in `set` under `batch_id`, rows numbered from `first_seq`, dated
// `at`. The caller holds the ledger still (exclusively) until it has
// committed `set` and applied `new_open` to the ledger.
MatchOutcome StageMatches(const Ledger& ledger, const MatchOptions& options,
                          std::span<const Payment> payments, uint64_t batch_id, uint32_t first_seq,
                          Timestamp at, WriteSet* set);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_MATCH_STAGE_H_
