// cashmatchd: the daemon. Opens the data directory (creating its folders),
// rebuilds the ledger, then watches the inbox until SIGTERM or SIGINT
// (docs/daemon.md).
//
// Exit codes: 0 clean stop; 1 the store or the data folders failed while
// running (the file in hand stays in the inbox); 2 bad usage or config;
// 3 the data directory could not be opened (another process holds it).
#include <signal.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "admin_server.h"
#include "config.h"
#include "daemon.h"
#include "service.h"

using namespace cashmatch;
using namespace cashmatch::tools;

namespace {

// Before any thread exists, so every thread inherits the mask and the
// signals are only ever read by the daemon's signalfd, never delivered to a
// handler.
void BlockSignals() {
  sigset_t mask;
  sigemptyset(&mask);
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&mask, sig);
  pthread_sigmask(SIG_BLOCK, &mask, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

bool SetUpLogging(const std::string& log_file) {
  std::shared_ptr<spdlog::logger> logger;
  try {
    logger = log_file.empty() ? spdlog::stderr_logger_mt("cashmatchd")
                              : spdlog::basic_logger_mt("cashmatchd", log_file);
  } catch (const spdlog::spdlog_ex& e) {
    spdlog::error("cannot log to {}: {}", log_file, e.what());
    return false;
  }
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  // One line per event, visible at once to whoever tails the log.
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  BlockSignals();
  CLI::App app{"cashmatchd: the cash-application daemon"};
  std::string config_path, data_dir, log_file;
  bool once = false;
  app.add_option("--config", config_path, "TOML configuration file (reread on SIGHUP)")
      ->check(CLI::ExistingFile);
  app.add_option("--data-dir", data_dir, "data directory (default: ./cashmatch-data)");
  app.add_option("--log-file", log_file, "append the log here instead of stderr");
  app.add_flag("--once", once, "process what the inbox holds, then exit");
  CLI11_PARSE(app, argc, argv);
  if (!SetUpLogging(log_file)) return 2;

  auto config = LoadConfig(config_path, data_dir);
  if (!config.ok()) {
    spdlog::error("config: {}", config.status().ToString());
    return 2;
  }
  auto service = Service::Open(*config);
  if (!service.ok()) {
    spdlog::error("open {}: {}", config->data_dir, service.status().ToString());
    return 3;
  }
  const Result<StatusReport> report = (*service)->GetStatus();
  if (!report.ok()) {
    spdlog::error("read {}: {}", config->data_dir, report.status().ToString());
    return 3;
  }
  const StatusReport& r = *report;
  spdlog::info(
      "started pid={} data_dir={} customers={} invoices={} open_invoices={} unapplied={} "
      "files={} ledger_bytes={} open_ms={}",
      getpid(), r.data_dir, r.customers, r.invoices, r.open_invoices, r.unapplied_payments,
      r.files_ingested, r.ledger_bytes, r.open_micros / 1000);

  // The admin socket serves `cashmatch` while the daemon holds the store;
  // the Service is safe to share with the daemon loop.
  auto admin = AdminServer::Start(**service, config->socket_path);
  if (!admin.ok()) {
    spdlog::error("admin socket {}: {}", config->socket_path, admin.status().ToString());
    return 3;
  }
  spdlog::info("admin socket={}", config->socket_path);

  DaemonOptions options;
  options.once = once;
  options.config_path = config_path;
  options.data_dir_override = data_dir;
  Daemon daemon(**service, options);
  const Status run = daemon.Run();
  (*admin)->Stop();
  if (!run.ok()) {
    spdlog::error("stopping on error: {}", run.ToString());
    return 1;
  }
  return 0;
}
