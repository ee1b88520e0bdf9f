// Settings of cashmatchd and cashmatch, read from a TOML file. Every setting
// has a default, so a data directory alone is a working configuration.
#ifndef CASHMATCH_TOOLS_CONFIG_H_
#define CASHMATCH_TOOLS_CONFIG_H_

#include <cstdint>
#include <string>

#include "cashmatch/lockbox_layout.h"
#include "cashmatch/matcher.h"
#include "cashmatch/status.h"
#include "collections_config.h"

namespace cashmatch::tools {

struct Config {
  // [paths]; every folder defaults to a sub-folder of data_dir.
  std::string data_dir = "cashmatch-data";  // default: ./cashmatch-data
  std::string db_dir;          // default: <data_dir>/db
  std::string inbox_dir;       // default: <data_dir>/inbox
  std::string outbox_dir;      // default: <data_dir>/outbox
  std::string archive_dir;     // default: <data_dir>/archive
  std::string quarantine_dir;  // default: <data_dir>/quarantine
  std::string socket_path;     // default: <data_dir>/cashmatchd.sock

  // [engine]
  uint32_t threads = 0;  // matcher threads; 0 = one per core

  // [matching]: thresholds and tolerances (MatchOptions documents each).
  // auto_apply = 0.90, suggest = 0.20, ambiguity_margin = 0.10 (numbers in
  // [0, 1]); writeoff_max = "5.00" (in a two-decimal currency, scaled to
  // others); writeoff_max_pct = "1" (percent); combination_max_items = 6,
  // combination_max_candidates = 40, combination_max_steps = 200000.
  MatchOptions match;

  // [storage]
  bool sync_writes = true;  // fsync the WAL on every commit; default true

  // [ingest]
  // Days a remittance advice's date may lie from its payment's value date
  // for a join by amount and date. Default 3.
  int32_t advice_window_days = 3;
  // Largest bank file accepted, in bytes. Default 4 GiB.
  uint64_t max_file_bytes = uint64_t{4} << 30;

  // [ingest.lockbox]: the bank's lockbox layout. Default: spec §2.2.
  // Keys: record_length (0 = lines of any length), date_order ("YYMMDD" or
  // "MMDDYY"), and any field of LockboxLayout as [start, length] (1-based;
  // [0, 0] = the bank does not send it), e.g. check_remitter = [53, 30].
  LockboxLayout lockbox_layout = LockboxLayout::Default();

  // [daemon]: how cashmatchd watches its inbox (docs/daemon.md).
  struct Daemon {
    // A file written in place is taken once it has been closed and has not
    // changed for this long. Default 1000 ms; 0..600000.
    uint32_t settle_ms = 1000;
    // The inbox is scanned in full this often, besides watching it, in case
    // a notification was lost. Default 10000 ms; 100..3600000.
    uint32_t rescan_ms = 10000;
    // Most files ingested as one group (parsed in parallel, committed in
    // order). Default 16; 1..1024.
    uint32_t group_files = 16;
    // Most bytes in one group (a single larger file still goes alone).
    // Default 256 MiB.
    uint64_t group_bytes = uint64_t{256} << 20;
  } daemon;

  // [dunning], [smtp], [credit]: collections (collections_config.h).
  CollectionsConfig collections;
};

// Reads `path` (TOML). Unknown keys are refused so a typo is not silently
// ignored. `data_dir_override`, when not empty, wins over the file's
// data_dir (the --data-dir flag). Folder defaults are filled in last.
Result<Config> LoadConfig(const std::string& path, const std::string& data_dir_override);

// The defaults for `data_dir` with every folder filled in.
Config DefaultConfig(const std::string& data_dir);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CONFIG_H_
