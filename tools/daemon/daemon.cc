#include "daemon.h"

#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <utility>

#include "cashmatch/date.h"
#include "cashmatch/open_items_reader.h"
#include "content_hash.h"
#include "file_io.h"
#include "settings_diff.h"

namespace cashmatch::tools {
namespace {

using Clock = std::chrono::steady_clock;

int64_t MillisSince(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

// Open items and payments feeds may both be CSV or JSON Lines: the head of
// the file tells them apart. nullopt when the file cannot be read.
std::optional<bool> IsOpenItems(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return DetectOpenItems(head).has_value();
}

// What, then where: the form of the reports beside quarantined bank files.
std::string Describe(const Status& s) {
  std::string out(s.reason());
  const SourceLocation& w = s.where();
  std::string at;
  if (w.line != 0) at += "line " + std::to_string(w.line);
  if (w.column != 0)
    at += (at.empty() ? "" : ", ") + std::string("column ") + std::to_string(w.column);
  if (!w.field.empty()) at += (at.empty() ? "" : ", ") + w.field;
  if (!at.empty()) out += " (" + at + ")";
  return out;
}

// Extra counts worth a log line's space only when there are any.
std::string Extras(const IngestReport& r) {
  std::string out;
  const auto add = [&](const char* key, uint64_t v) {
    if (v != 0) out += " " + std::string(key) + "=" + std::to_string(v);
  };
  add("debits", r.debits);
  add("returns", r.returns);
  add("returns_reversed", r.returns_reversed);
  add("reversal_batch", r.reversal_batch_id);
  add("advices", r.advices);
  add("advices_joined", r.advices_joined);
  add("already_reported", r.already_reported);
  add("duplicate_payments", r.duplicates);
  return out;
}

}  // namespace

Daemon::Daemon(Service& service, DaemonOptions options)
    : service_(service), options_(std::move(options)), config_(service.config()) {}

Daemon::~Daemon() {
  if (signal_fd_ >= 0) ::close(signal_fd_);
}

void Daemon::PollSignals() {
  signalfd_siginfo info{};
  while (::read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    if (info.ssi_signo == SIGHUP) {
      reload_ = true;
      continue;
    }
    if (stop_) {
      spdlog::info("{} again: still stopping after the file in hand", strsignal(info.ssi_signo));
    } else {
      spdlog::info("{}: stopping after the file in hand", strsignal(info.ssi_signo));
    }
    stop_ = true;
  }
}

Status Daemon::Run() {
  const auto started = Clock::now();
  sigset_t mask;
  sigemptyset(&mask);
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&mask, sig);
  signal_fd_ = ::signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  if (signal_fd_ < 0) return Status::IoError(std::string("signalfd: ") + std::strerror(errno));
  auto watcher =
      InboxWatcher::Open(config_.inbox_dir, std::chrono::milliseconds(config_.daemon.settle_ms));
  if (!watcher.ok()) return watcher.status();
  watcher_ = std::move(*watcher);
  CASHMATCH_RETURN_IF_ERROR(watcher_->Rescan());
  spdlog::info("watching inbox={} settle_ms={} rescan_ms={} group_files={}{}", config_.inbox_dir,
               config_.daemon.settle_ms, config_.daemon.rescan_ms, config_.daemon.group_files,
               options_.once ? " once" : "");

  auto next_rescan = Clock::now() + std::chrono::milliseconds(config_.daemon.rescan_ms);
  for (;;) {
    PollSignals();
    if (stop_) break;
    if (reload_) Reload();
    CASHMATCH_RETURN_IF_ERROR(watcher_->ReadEvents());
    if (Clock::now() >= next_rescan) {
      CASHMATCH_RETURN_IF_ERROR(watcher_->Rescan());
      next_rescan = Clock::now() + std::chrono::milliseconds(config_.daemon.rescan_ms);
    }
    std::vector<InboxFile> ready = watcher_->TakeReady();
    if (!ready.empty()) {
      CASHMATCH_RETURN_IF_ERROR(Process(std::move(ready)));
      continue;
    }
    if (options_.once && watcher_->pending() == 0) break;
    Clock::time_point wake = next_rescan;
    if (auto check = watcher_->NextCheck()) wake = std::min(wake, *check);
    const auto wait =
        std::chrono::duration_cast<std::chrono::milliseconds>(wake - Clock::now()).count();
    pollfd fds[2] = {{signal_fd_, POLLIN, 0}, {watcher_->fd(), POLLIN, 0}};
    // +1: wake just after the deadline, not just before it.
    if (::poll(fds, 2, static_cast<int>(std::clamp<int64_t>(wait + 1, 0, 3'600'000))) < 0 &&
        errno != EINTR) {
      return Status::IoError(std::string("poll: ") + std::strerror(errno));
    }
  }
  const DaemonCounts& c = counts_;
  spdlog::info(
      "stopped files={} ingested={} duplicates={} quarantined={} loads={} rematches={} payments={} "
      "applied={} unapplied={} left_in_inbox={} uptime_s={}",
      c.files, c.ingested, c.duplicates, c.quarantined, c.loads, c.rematches, c.payments, c.applied,
      c.unapplied, watcher_->pending() + left_in_inbox_, MillisSince(started) / 1000);
  return Status::Ok();
}

void Daemon::Reload() {
  reload_ = false;
  if (options_.config_path.empty()) {
    spdlog::info("SIGHUP: started without --config, nothing to reread");
    return;
  }
  Result<Config> fresh = LoadConfig(options_.config_path, options_.data_dir_override);
  if (!fresh.ok()) {
    spdlog::error("SIGHUP: {} refused, keeping the running settings: {}", options_.config_path,
                  fresh.status().ToString());
    return;
  }
  const std::vector<SettingChange> changes = DiffSettings(config_, *fresh);
  if (changes.empty()) spdlog::info("SIGHUP: reread {}, nothing changed", options_.config_path);
  for (const SettingChange& ch : changes) {
    if (ch.live) {
      spdlog::info("config {}: {} -> {}", ch.key, ch.from, ch.to);
    } else {
      spdlog::warn("config {}: {} -> {} needs a restart, ignored", ch.key, ch.from, ch.to);
    }
  }
  config_.daemon = fresh->daemon;
  watcher_->set_settle(std::chrono::milliseconds(config_.daemon.settle_ms));
}

Status Daemon::Process(std::vector<InboxFile> files) {
  std::vector<bool> open_items;
  std::vector<InboxFile> kept;
  for (InboxFile& f : files) {
    const std::optional<bool> kind = IsOpenItems(f.path);
    if (!kind) {
      spdlog::warn("vanished file={}: gone from the inbox before it was read", f.name);
      continue;
    }
    open_items.push_back(*kind);
    kept.push_back(std::move(f));
  }
  size_t i = 0;
  while (i < kept.size() && !stop_) {
    if (open_items[i]) {
      CASHMATCH_RETURN_IF_ERROR(LoadOpenItems(kept[i]));
      ++i;
      PollSignals();
      continue;
    }
    // A run of bank files, as one group; an open-items file ends it, since
    // the files after it must be matched against what it brings.
    std::vector<InboxFile> group;
    uint64_t bytes = 0;
    while (i < kept.size() && !open_items[i] && group.size() < config_.daemon.group_files &&
           (group.empty() || bytes + kept[i].size <= config_.daemon.group_bytes)) {
      bytes += kept[i].size;
      group.push_back(kept[i++]);
    }
    size_t done = 0;
    CASHMATCH_RETURN_IF_ERROR(IngestGroup(group, &done));
    left_in_inbox_ += group.size() - done;
  }
  left_in_inbox_ += kept.size() - i;
  if (left_in_inbox_ > 0) {
    spdlog::info("stopping with {} file(s) taken but not started: left in the inbox",
                 left_in_inbox_);
  }
  return Status::Ok();
}

Status Daemon::IngestGroup(const std::vector<InboxFile>& group, size_t* done) {
  std::map<std::string, const InboxFile*> by_path;
  std::vector<std::string> paths;
  for (const InboxFile& f : group) {
    by_path[f.path] = &f;
    paths.push_back(f.path);
  }
  IngestOptions options;
  options.move_files = true;
  options.stop_requested = [this] {
    PollSignals();
    return stop_;
  };
  options.on_file_done = [&](const IngestReport& r) {
    const InboxFile& f = *by_path.at(r.path);
    ++counts_.files;
    const int64_t ms = r.micros / 1000;
    switch (r.outcome) {
      case IngestReport::Outcome::kIngested:
        ++counts_.ingested;
        counts_.payments += r.payment_ids.size();
        counts_.applied += r.applied;
        counts_.unapplied += r.unapplied;
        spdlog::info(
            "ingested file={} format={} batch={} payments={} applied={} unapplied={}{} ms={} "
            "match_ms={} "
            "latency_ms={}",
            r.file, r.format, r.batch_id, r.payment_ids.size(), r.applied, r.unapplied, Extras(r),
            ms, r.match_micros / 1000, MillisSince(f.seen));
        break;
      case IngestReport::Outcome::kDuplicate:
        ++counts_.duplicates;
        spdlog::info("already ingested file={} batch={} ({}): archived, no new batch ms={}", r.file,
                     r.batch_id, r.reason, ms);
        break;
      case IngestReport::Outcome::kRejected:
        if (r.quarantined_as.empty()) {
          // Unreadable: there are no bytes to quarantine. It stays where it
          // is until it changes.
          spdlog::error("unreadable file={} reason=\"{}\": left in the inbox", r.file, r.reason);
          watcher_->Skip(f);
          break;
        }
        ++counts_.quarantined;
        spdlog::warn("quarantined file={} format={} reason=\"{}\" report={}.report.txt ms={}",
                     r.file, r.format.empty() ? "unknown" : r.format, r.reason, r.quarantined_as,
                     ms);
        break;
    }
  };
  Result<std::vector<IngestReport>> reports = service_.IngestFiles(paths, options);
  if (!reports.ok()) {
    spdlog::error("store failure while ingesting (the file stays in the inbox): {}",
                  reports.status().ToString());
    return reports.status();
  }
  *done = reports->size();
  return Status::Ok();
}

Status Daemon::LoadOpenItems(const InboxFile& file) {
  Result<LoadReport> r = service_.LoadOpenItems(file.path, false);
  if (!r.ok()) {
    const StatusCode code = r.status().code();
    if (code == StatusCode::kNotFound) {
      spdlog::warn("vanished file={}: gone from the inbox before it was read", file.name);
      return Status::Ok();
    }
    if (code == StatusCode::kIoError || code == StatusCode::kCorruption ||
        code == StatusCode::kBusy) {
      spdlog::error("store failure while loading file={} (it stays in the inbox): {}", file.name,
                    r.status().ToString());
      return r.status();
    }
    return Quarantine(file, Describe(r.status()));
  }
  ++counts_.files;
  const std::filesystem::path archived =
      FreeFileName(config_.archive_dir, file.name, r->content_hash);
  if (r->duplicate) {
    // A load committed just before a crash, whose rematch did not follow:
    // the newest batch is still that load's.
    bool resume = false;
    CASHMATCH_RETURN_IF_ERROR(service_.store().ForEachBatch([&](const Batch& b) {
      resume = b.batch_id == r->batch_id && b.kind == BatchKind::kLoad;
      return false;
    }));
    ++counts_.duplicates;
    spdlog::info("already loaded file={} batch={}: archived, no new batch{}", file.name,
                 r->batch_id, resume ? "; its rematch had not run and runs now" : "");
    if (resume) CASHMATCH_RETURN_IF_ERROR(RematchIfQueued());
    return PlaceFile(file.path, archived, true);
  }
  ++counts_.loads;
  spdlog::info(
      "loaded file={} format={} batch={} snapshot={} customers={} invoices={} closed={} "
      "unchanged={} ms={} latency_ms={}",
      file.name, r->format, r->batch_id, r->snapshot, r->customers_written, r->invoices_written,
      r->invoices_closed, r->unchanged, r->micros / 1000, MillisSince(file.seen));
  for (const std::string& w : r->warnings)
    spdlog::warn("loaded file={} warning=\"{}\"", file.name, w);
  // Rematch before the file leaves the inbox, so a crash in between is
  // finished at the next start (above).
  CASHMATCH_RETURN_IF_ERROR(RematchIfQueued());
  return PlaceFile(file.path, archived, true);
}

Status Daemon::RematchIfQueued() {
  bool queued = false;
  CASHMATCH_RETURN_IF_ERROR(service_.store().ForEachUnappliedPayment([&](const Payment&) {
    queued = true;
    return false;
  }));
  if (!queued) return Status::Ok();
  Result<RematchReport> r = service_.Rematch();
  if (!r.ok()) {
    spdlog::error("store failure while rematching: {}", r.status().ToString());
    return r.status();
  }
  ++counts_.rematches;
  counts_.applied += r->applied;
  spdlog::info("rematched batch={} considered={} applied={} still_unapplied={} ms={}", r->batch_id,
               r->considered, r->applied, r->still_unapplied, r->micros / 1000);
  return Status::Ok();
}

Status Daemon::Quarantine(const InboxFile& file, const std::string& reason) {
  Result<MappedFile> bytes = MappedFile::Open(file.path);
  if (!bytes.ok()) return bytes.status();
  const std::string hash = ContentHash(bytes->view());
  // Recorded first, as a refused bank file is, so `cashmatch files` lists it;
  // then the report, then the file: a crash in between refuses it again.
  IngestedFile record;
  record.content_hash = hash;
  record.name = file.name;
  record.size = bytes->view().size();
  record.format = DetectOpenItemsFormat(bytes->view()) == OpenItemsFormat::kCsv
                      ? "open_items_csv"
                      : "open_items_jsonl";
  record.outcome = FileOutcome::kRejected;
  record.reason = reason;
  record.at = Timestamp::Now();
  CASHMATCH_RETURN_IF_ERROR(service_.RecordFile(record));
  const std::filesystem::path target = FreeFileName(config_.quarantine_dir, file.name, hash);
  const std::string text = "file: " + file.name + "\ncontent_hash: " + hash +
                           "\nformat: open items\nrejected: " + FormatTimestamp(record.at) +
                           "\nreason: " + reason + "\n";
  CASHMATCH_RETURN_IF_ERROR(WriteFileAtomically(target.string() + ".report.txt", text));
  CASHMATCH_RETURN_IF_ERROR(PlaceFile(file.path, target, true));
  ++counts_.files;
  ++counts_.quarantined;
  spdlog::warn("quarantined file={} format=open_items reason=\"{}\" report={}.report.txt",
               file.name, reason, target.string());
  return Status::Ok();
}

}  // namespace cashmatch::tools
