// Running the engine on a generated day the way the daemon would: a fresh
// data directory, the open items loaded, every bank file of the inbox
// ingested through Service::IngestFiles in file-name order; then the
// outcome read back from the store.
#ifndef CASHMATCH_TOOLS_EVAL_RUN_H_
#define CASHMATCH_TOOLS_EVAL_RUN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cashmatch/status.h"
#include "config.h"
#include "day_gen.h"
#include "outcome.h"
#include "truth.h"

namespace cashmatch::eval {

struct RunOptions {
  // A day `cashmatch-gen day` wrote (customers.csv, invoices.csv, inbox/,
  // truth.jsonl). Empty: generate one from `ledger` and `day` first.
  std::string day_dir;
  gen::OpenItemsOptions ledger;
  gen::DayOptions day;
  // Where the generated day and the data directory go. Empty: a fresh
  // directory under the system's temporary folder, removed at the end
  // unless `keep`.
  std::string work_dir;
  bool keep = false;
  // The engine's settings ([matching], [engine] threads, ...); its folders
  // are replaced by ones under the work directory.
  tools::Config config;
  // Use the day's cashmatch.toml (its receiving accounts) when `config`
  // names no accounts of its own. Default true; false measures the matcher
  // without knowing which entity a payment reached.
  bool use_day_accounts = true;
  // Files handed to one IngestFiles call: bounds the memory of parsed files
  // waiting to be committed. Default 4.
  size_t files_per_ingest = 4;
};

struct RunResult {
  std::vector<TruthRow> truth;
  OutcomeMap outcomes;
  std::string work_dir;  // kept only when asked
  uint64_t customers = 0;
  uint64_t invoices = 0;
  uint64_t files = 0;
  std::vector<std::string> rejected;  // "file: reason" of every file refused
  uint64_t returns = 0;               // return entries in the files
  uint64_t returns_reversed = 0;      // whose original's applications were reversed
  // Payments whose receiving account [matching.accounts] does not list
  // (the entity paid is unknown to the matcher), with a few examples.
  uint64_t unknown_accounts = 0;
  std::vector<std::string> unknown_account_examples;
  // Wall times, microseconds.
  int64_t generate_micros = 0;
  int64_t load_micros = 0;
  int64_t ingest_micros = 0;  // parse, link, match, commit
  int64_t match_micros = 0;   // the matcher's share of it
  int64_t collect_micros = 0;
};

// Runs the day. Errors: the day cannot be generated or read, the store
// cannot be opened or written, an open-items file is refused.
Result<RunResult> RunDay(const RunOptions& options);

}  // namespace cashmatch::eval

#endif  // CASHMATCH_TOOLS_EVAL_RUN_H_
