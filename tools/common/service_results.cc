// Service: the result files of committed batches, written after each
// commit (and at open, for whatever a crash left pending), and written
// again on request.
#include <filesystem>
#include <mutex>
#include <vector>

#include "outbox.h"
#include "service.h"

namespace cashmatch::tools {

Status Service::WritePendingResults() {
  std::lock_guard lock(outbox_mutex_);
  std::vector<uint64_t> pending;
  CASHMATCH_RETURN_IF_ERROR(store_->ForEachResultsPending([&](uint64_t id) {
    pending.push_back(id);
    return true;
  }));
  if (pending.empty()) return Status::Ok();
  // In batch order, so the ERP meets them in the order they happened; the
  // marks go in one small commit after all the files are in place.
  WriteSet done;
  Status failure;
  for (uint64_t id : pending) {
    if (fail_results_for_testing_) {
      failure = Status::IoError("writing result files is failing (test hook)");
      break;
    }
    Result<OutboxFiles> written = WriteBatchResults(*store_, id, config_.outbox_dir);
    // A mark on a batch that has no files (or no record) can never be
    // honoured: dropping it keeps it from blocking every later batch.
    const StatusCode code = written.status().code();
    if (!written.ok() && code != StatusCode::kInvalidInput && code != StatusCode::kNotFound) {
      failure = written.status();
      break;
    }
    done.ClearResultsPending(id);
  }
  // Batches written before a failure are cleared all the same.
  CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(done)));
  if (!failure.ok()) {
    return Status::IoError("result files not written to " + config_.outbox_dir +
                           " (they stay pending and are written on the next try): " +
                           std::string(failure.reason()));
  }
  return Status::Ok();
}

Result<OutboxFiles> Service::ExportBatch(uint64_t batch_id, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());
  std::lock_guard lock(outbox_mutex_);
  return WriteBatchResults(*store_, batch_id, dir);
}

}  // namespace cashmatch::tools
