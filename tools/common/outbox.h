// Result files for the ERP (spec §3; docs/outbox.md is the reference for
// integrators): for one committed batch, five (or seven) files in a folder,
//   <batch>.applications.csv   <batch>.applications.jsonl
//   <batch>.unapplied.csv      <batch>.unapplied.jsonl
//   <batch>.deductions.csv     <batch>.deductions.jsonl  (only when the
//                              batch created or changed deductions)
//   <batch>.summary.json       (written last)
// where <batch> is the batch id zero-padded to 10 digits, so a listing
// sorts by time. Each file is published atomically (a hidden temp file in
// the same folder, fsync, rename, fsync of the folder), and the summary
// only after the other four are durable: its presence means the batch's
// files are complete.
//
// Writing the same batch again gives the same bytes (everything comes from
// records that never change once the batch is committed).
#ifndef CASHMATCH_TOOLS_OUTBOX_H_
#define CASHMATCH_TOOLS_OUTBOX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/status.h"
#include "cashmatch/store.h"

namespace cashmatch::tools {

// What writing one batch's results produced.
struct OutboxFiles {
  uint64_t batch_id = 0;
  std::vector<std::string> paths;  // the five or seven files, in the order written
  uint64_t application_rows = 0;
  uint64_t unapplied_rows = 0;
  uint64_t deduction_rows = 0;
};

// "0000000042" for batch 42 (more digits once ids outgrow ten).
std::string OutboxBatchName(uint64_t batch_id);

// Whether batches of `kind` have result files. Open-items loads do not:
// they are the ERP's own data coming in, nothing the ERP needs back.
bool HasResultFiles(BatchKind kind);

// Reads batch `batch_id` from `store` and writes its files into `dir`
// (which must exist), replacing files of the same names. kNotFound for an
// unknown batch, kInvalidInput for a batch without result files (a load),
// kIoError naming the file when writing fails (no partial file is left
// under a final name; a temp file may be, see RemoveStaleTempFiles).
// Safe to call from several threads for different folders; two writers of
// the same batch into the same folder produce the same bytes.
Result<OutboxFiles> WriteBatchResults(const Store& store, uint64_t batch_id, const std::string& dir);

// Removes the temp files a writer killed mid-write left in `dir` (hidden
// names of the form ".<batch>.<what>.<pid>-<n>.tmp"). Call only when no
// writer of ours can be writing there, e.g. while holding the store.
Status RemoveStaleTempFiles(const std::string& dir);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_OUTBOX_H_
