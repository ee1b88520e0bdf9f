// What goes into one batch's result files (spec §3), read from the store:
// the application rows, the unapplied rows and the summary. Everything is
// read from records that never change once their batch is committed (the
// batch, its applications, its work-item snapshots, the payments' bank
// fields), so reading a batch again later gives the same rows.
#ifndef CASHMATCH_TOOLS_OUTBOX_ROWS_H_
#define CASHMATCH_TOOLS_OUTBOX_ROWS_H_

#include <cstdint>
#include <string>

#include "cashmatch/domain.h"
#include "cashmatch/status.h"
#include "cashmatch/store.h"
#include "outbox_format.h"

namespace cashmatch::tools {

struct BatchResults {
  Batch batch;
  ResultTable applications;  // spec columns, then `company`
  ResultTable unapplied;     // spec columns, then `payer_account`, `duplicate`
  // The deductions the batch created or changed, as it left them
  // (docs/deductions.md); no rows for most batches, and then no file.
  ResultTable deductions;
  std::string summary_json;  // one JSON object and "\n"
};

// The rows and summary of batch `batch_id`. kNotFound for an unknown batch;
// kCorruption or kIoError when the store cannot be read.
Result<BatchResults> ReadBatchResults(const Store& store, uint64_t batch_id);

// The `remittance` cell: the remittance text, then each structured line as
// REFERENCE or REFERENCE:PAID, the parts separated by " | ".
std::string FlattenRemittance(const Payment& payment);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_OUTBOX_ROWS_H_
