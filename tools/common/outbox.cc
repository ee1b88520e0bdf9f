#include "outbox.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "outbox_rows.h"

namespace cashmatch::tools {
namespace {

Status Errno(const std::string& what) {
  return Status::IoError(what + ": " + std::strerror(errno));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now, so a failing close (NFS reports write errors there) is seen.
  bool Close() {
    const int fd = std::exchange(fd_, -1);
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

Status SyncDir(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Errno("cannot open folder " + dir);
  if (::fsync(fd.get()) != 0) return Errno("cannot sync folder " + dir);
  return Status::Ok();
}

// Unique per process and call, so two writers (say, an export and the
// pending-results writer) never share a temp file.
std::string TempName(const std::string& name) {
  static std::atomic<uint64_t> counter{0};
  return "." + name + "." + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp";
}

// Writes `bytes` to dir/name through a hidden temp file: written, fsynced,
// renamed over the final name. The folder is not synced here.
Status PublishFile(const std::string& dir, const std::string& name, std::string_view bytes) {
  const std::string tmp = dir + "/" + TempName(name);
  const std::string final_path = dir + "/" + name;
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) return Errno("cannot create " + tmp);
  auto fail = [&](const std::string& what) {
    Status st = Errno(what);
    ::unlink(tmp.c_str());
    return st;
  };
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write " + tmp);
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail("cannot sync " + tmp);
  if (!fd.Close()) return fail("cannot close " + tmp);
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    return fail("cannot rename " + tmp + " to " + final_path);
  }
  return Status::Ok();
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string OutboxBatchName(uint64_t batch_id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%010llu", static_cast<unsigned long long>(batch_id));
  return buf;
}

bool HasResultFiles(BatchKind kind) { return kind != BatchKind::kLoad; }

Result<OutboxFiles> WriteBatchResults(const Store& store, uint64_t batch_id, const std::string& dir) {
  Result<BatchResults> results = ReadBatchResults(store, batch_id);
  if (!results.ok()) return results.status();
  if (!HasResultFiles(results->batch.kind)) {
    return Status::InvalidInput("batch " + std::to_string(batch_id) +
                                " is an open-items load: it has no result files");
  }
  const std::string base = OutboxBatchName(batch_id);
  std::vector<std::pair<std::string, std::string>> data_files = {
      {base + ".applications.csv", RenderCsv(results->applications)},
      {base + ".applications.jsonl", RenderJsonl(results->applications)},
      {base + ".unapplied.csv", RenderCsv(results->unapplied)},
      {base + ".unapplied.jsonl", RenderJsonl(results->unapplied)},
  };
  // Only a batch that created or changed deductions has these two.
  if (!results->deductions.rows.empty()) {
    data_files.emplace_back(base + ".deductions.csv", RenderCsv(results->deductions));
    data_files.emplace_back(base + ".deductions.jsonl", RenderJsonl(results->deductions));
  }
  OutboxFiles out;
  out.batch_id = batch_id;
  out.application_rows = results->applications.rows.size();
  out.unapplied_rows = results->unapplied.rows.size();
  out.deduction_rows = results->deductions.rows.size();
  for (const auto& [name, bytes] : data_files) {
    CASHMATCH_RETURN_IF_ERROR(PublishFile(dir, name, bytes));
    out.paths.push_back(dir + "/" + name);
  }
  // The data files' renames are durable before the summary can appear: a reader
  // who sees the summary finds the rest complete, even after a power loss.
  CASHMATCH_RETURN_IF_ERROR(SyncDir(dir));
  const std::string summary = base + ".summary.json";
  CASHMATCH_RETURN_IF_ERROR(PublishFile(dir, summary, results->summary_json));
  CASHMATCH_RETURN_IF_ERROR(SyncDir(dir));
  out.paths.push_back(dir + "/" + summary);
  return out;
}

Status RemoveStaleTempFiles(const std::string& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return Status::IoError("cannot list " + dir + ": " + ec.message());
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    // ".<digits>.<what>.<pid>-<n>.tmp": ours, and nothing an ERP writes.
    if (name.size() < 6 || name[0] != '.' || !name.ends_with(".tmp")) continue;
    const size_t dot = name.find('.', 1);
    if (dot == std::string::npos || !AllDigits(std::string_view(name).substr(1, dot - 1))) continue;
    std::error_code rm;
    std::filesystem::remove(it->path(), rm);
    if (rm) return Status::IoError("cannot remove " + it->path().string() + ": " + rm.message());
  }
  if (ec) return Status::IoError("cannot list " + dir + ": " + ec.message());
  return Status::Ok();
}

}  // namespace cashmatch::tools
