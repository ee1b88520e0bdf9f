// Daemon: the inbox loop of cashmatchd. It takes complete files from the
// inbox in arrival order and hands them to the Service: runs of bank files
// as one group (parsed in parallel, committed one by one, in order), each
// open-items file alone, followed by a rematch of the work queue. Processed
// files go to the archive, rejected ones to quarantine with a report. It
// logs one line per event (spdlog) and answers signals between files:
// SIGTERM and SIGINT stop it after the file in hand, SIGHUP rereads the
// config file. docs/daemon.md describes the behaviour.
//
// Thread safety: Run is called once, on one thread; the Service it uses
// may serve other threads (the admin socket) meanwhile.
#ifndef CASHMATCH_TOOLS_DAEMON_DAEMON_H_
#define CASHMATCH_TOOLS_DAEMON_DAEMON_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cashmatch/status.h"
#include "config.h"
#include "inbox_watcher.h"
#include "service.h"

namespace cashmatch::tools {

struct DaemonOptions {
  // Process what the inbox holds (waiting for files still being written),
  // then return instead of watching on.
  bool once = false;
  // Reread on SIGHUP; empty: SIGHUP only logs that there is no file.
  std::string config_path;
  // The --data-dir flag, which wins over the file on every reread too.
  std::string data_dir_override;
};

// Counts since start, for the stop line.
struct DaemonCounts {
  uint64_t files = 0;
  uint64_t ingested = 0;
  uint64_t duplicates = 0;
  uint64_t quarantined = 0;
  uint64_t loads = 0;
  uint64_t rematches = 0;
  uint64_t payments = 0;
  uint64_t applied = 0;
  uint64_t unapplied = 0;
};

class Daemon {
 public:
  // `service` must outlive the Daemon. SIGTERM, SIGINT and SIGHUP must be
  // blocked in every thread of the process (main() blocks them before any
  // thread starts), so that they are only ever read here.
  Daemon(Service& service, DaemonOptions options);
  ~Daemon();

  // Runs until a stop signal (or, with `once`, until the inbox is done).
  // OK on a clean stop. An error when the store or the data folders fail:
  // the file in hand stays in the inbox for the next start.
  Status Run();

  const DaemonCounts& counts() const { return counts_; }

 private:
  // Reads pending signals without blocking; sets stop_ and reload_.
  void PollSignals();
  void Reload();
  Status Process(std::vector<InboxFile> files);
  // `done`: how many of the group were finished (fewer when stopped).
  Status IngestGroup(const std::vector<InboxFile>& group, size_t* done);
  Status LoadOpenItems(const InboxFile& file);
  // Matches the work queue again when it holds anything.
  Status RematchIfQueued();
  // A refused open-items file, with a report beside it.
  Status Quarantine(const InboxFile& file, const std::string& reason);

  Service& service_;
  const DaemonOptions options_;
  // The running settings: the service's, with [daemon] as last reread.
  Config config_;
  int signal_fd_ = -1;
  bool stop_ = false;
  bool reload_ = false;
  // Files taken from the watcher but left in the inbox by a stop.
  size_t left_in_inbox_ = 0;
  std::unique_ptr<InboxWatcher> watcher_;
  DaemonCounts counts_;
};

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_DAEMON_DAEMON_H_
