// Running the real cashmatchd on a temporary data directory: start it, drop
// files into its inbox, wait for what its log says, signal it, and compare
// what two runs left in the store and the outbox.
#ifndef CASHMATCH_TESTS_TOOLS_DAEMON_TEST_UTIL_H_
#define CASHMATCH_TESTS_TOOLS_DAEMON_TEST_UTIL_H_

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "cashmatch/store.h"
#include "cli_test_util.h"

namespace cashmatch::testing {

namespace fs = std::filesystem;

// Polls `done` every 20 ms until it holds or `timeout` passes.
inline bool WaitUntil(const std::function<bool()>& done,
                      std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

inline size_t CountOf(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Regular files in `dir`, by name; empty when it does not exist.
inline std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Puts `content` into `inbox` as a writer should: a hidden temporary file,
// then a rename. `mtime_sec`, when set, is given to the file first.
inline void DropByRename(const std::string& inbox, const std::string& name,
                         const std::string& content, int64_t mtime_sec = 0) {
  const std::string tmp = inbox + "/." + name + ".tmp";
  { std::ofstream(tmp, std::ios::binary) << content; }
  if (mtime_sec != 0) {
    const timespec times[2] = {{mtime_sec, 0}, {mtime_sec, 0}};
    ::utimensat(AT_FDCWD, tmp.c_str(), times, 0);
  }
  fs::rename(tmp, inbox + "/" + name);
}

// One cashmatchd process on `data_dir`, its log in data_dir/../daemon.log
// (appended across restarts). Killed with SIGKILL if still running when
// destroyed.
class DaemonProcess {
 public:
  DaemonProcess(const std::string& data_dir, std::vector<std::string> extra_args = {})
      : log_path_(fs::path(data_dir).parent_path().string() + "/daemon.log") {
    std::vector<std::string> argv = {CASHMATCHD_PATH, "--data-dir", data_dir, "--log-file",
                                     log_path_};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      _exit(127);
    }
  }
  ~DaemonProcess() {
    if (running()) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
  }
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running() const { return exit_code_ < 0; }
  void Signal(int sig) const { ::kill(pid_, sig); }

  // The exit code (128 + signal when killed); -1 when still running after
  // `timeout`.
  int Wait(std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    if (!running()) return exit_code_;
    WaitUntil(
        [&] {
          int status = 0;
          if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
          exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
          return true;
        },
        timeout);
    return exit_code_;
  }

  std::string Log() const { return Slurp(log_path_); }
  // Waits until the log holds `needle` at least `count` times.
  bool WaitForLog(const std::string& needle, size_t count = 1,
                  std::chrono::milliseconds timeout = std::chrono::seconds(60)) const {
    return WaitUntil([&] { return CountOf(Log(), needle) >= count || (count == 0); }, timeout);
  }

 private:
  std::string log_path_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

// What a run left in the store, with the times of day taken out (they are
// the only thing two runs of the same files may differ in).
struct StoreContents {
  std::vector<Batch> batches;
  std::vector<Application> applications;
  std::vector<Payment> payments;
  std::vector<Invoice> invoices;
  std::vector<IngestedFile> files;
  std::vector<WorkItem> work_items;

  static StoreContents Read(const std::string& db_dir) {
    StoreContents c;
    StoreOptions options;
    options.read_only = true;
    auto store = Store::Open(db_dir, options);
    if (!store.ok()) return c;
    Store& s = **store;
    (void)s.ForEachBatch([&](const Batch& b) {
      c.batches.push_back(b);
      c.batches.back().created = Timestamp();
      c.batches.back().micros = 0;  // time taken: differs between runs
      return true;
    });
    for (const Batch& b : c.batches) {
      (void)s.ForEachApplicationOfBatch(b.batch_id, [&](const Application& a) {
        c.applications.push_back(a);
        c.applications.back().at = Timestamp();
        return true;
      });
    }
    (void)s.ForEachPayment([&](const Payment& p) {
      c.payments.push_back(p);
      return true;
    });
    (void)s.ForEachInvoice([&](const Invoice& i) {
      c.invoices.push_back(i);
      return true;
    });
    (void)s.ForEachIngestedFile([&](const IngestedFile& f) {
      c.files.push_back(f);
      c.files.back().at = Timestamp();
      return true;
    });
    (void)s.ForEachWorkItem([&](const WorkItem& w) {
      c.work_items.push_back(w);
      return true;
    });
    return c;
  }

  // Empty when equal, else what differs first.
  static std::string Diff(const StoreContents& a, const StoreContents& b) {
    std::string out;
    const auto check = [&](const char* what, const auto& x, const auto& y, auto describe) {
      if (!out.empty()) return;
      if (x.size() != y.size()) {
        out =
            std::string(what) + ": " + std::to_string(x.size()) + " vs " + std::to_string(y.size());
        return;
      }
      for (size_t i = 0; i < x.size(); ++i) {
        if (!(x[i] == y[i])) {
          out = std::string(what) + " #" + std::to_string(i) + " differs: " + describe(x[i]) +
                " vs " + describe(y[i]);
          return;
        }
      }
    };
    check("batches", a.batches, b.batches, [](const Batch& v) {
      return std::to_string(v.batch_id) + "/" + v.source_file + "/" +
             std::to_string(v.applications);
    });
    check("applications", a.applications, b.applications, [](const Application& v) {
      return std::to_string(v.batch_id) + ":" + std::to_string(v.payment_id) + "->" + v.invoice_id;
    });
    check("payments", a.payments, b.payments, [](const Payment& v) {
      return std::to_string(v.payment_id) + "/" + v.source_file + "/" + v.source_ref;
    });
    check("invoices", a.invoices, b.invoices, [](const Invoice& v) {
      return v.invoice_id + " open " + std::to_string(v.open_amount.minor);
    });
    check("files", a.files, b.files, [](const IngestedFile& v) {
      return v.name + "/" + std::to_string(v.batch_id) + "/" +
             std::string(FileOutcomeName(v.outcome));
    });
    check("work items", a.work_items, b.work_items, [](const WorkItem& v) {
      std::string text = std::to_string(v.payment_id) + " " + v.customer_id + " " + v.reason;
      for (const Suggestion& g : v.suggestions) {
        text += " | " + g.invoice_id + ":" + std::to_string(g.amount.minor) + ":" +
                std::to_string(g.confidence_bp);
      }
      return text;
    });
    return out;
  }
};

// Every file of the outbox with its bytes, except the timing fields of the
// summaries ("..._ms", "micros", "seconds", "at"/"created" times), which
// differ between runs by nature.
inline std::string OutboxContents(const std::string& outbox) {
  std::string out;
  for (const std::string& name : ListDir(outbox)) {
    std::string text = Slurp(outbox + "/" + name);
    if (name.ends_with(".json")) {
      std::string kept;
      size_t start = 0;
      // Pretty or compact JSON: drop "key": value pairs whose key names time.
      while (start < text.size()) {
        size_t end = text.find_first_of(",\n}", start);
        if (end == std::string::npos) end = text.size();
        const std::string piece = text.substr(start, end - start);
        const bool timing = piece.find("_ms\"") != std::string::npos ||
                            piece.find("micros\"") != std::string::npos ||
                            piece.find("seconds\"") != std::string::npos ||
                            piece.find("\"created\"") != std::string::npos ||
                            piece.find("\"at\"") != std::string::npos;
        if (!timing) kept += piece;
        if (end < text.size()) kept += text[end];
        start = end + 1;
      }
      text = kept;
    }
    out += "== " + name + "\n" + text + "\n";
  }
  return out;
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_TOOLS_DAEMON_TEST_UTIL_H_
