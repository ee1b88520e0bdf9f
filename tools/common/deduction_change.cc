// Service::ChangeDeduction: an operator settles a deduction. The change is
// a batch like every other manual action, so the ERP sees it in the outbox.
#include <mutex>

#include "elapsed.h"
#include "service.h"

namespace cashmatch::tools {

Result<std::pair<uint64_t, Deduction>> Service::ChangeDeduction(
    uint64_t batch_id, uint32_t seq, std::optional<DeductionStatus> status, const std::string& note) {
  const auto start = std::chrono::steady_clock::now();
  if (!status && note.empty()) return Status::InvalidInput("give a new status or a note");
  if (status == DeductionStatus::kVoid) {
    return Status::InvalidInput("a deduction becomes void only when its application is reversed");
  }
  // Serialized with ingests, whose commits may change deductions too.
  std::lock_guard lock(ingest_mutex_);
  Result<Deduction> found = store_->GetDeduction(batch_id, seq);
  if (!found.ok()) return found.status();
  Deduction d = std::move(*found);
  if (d.status == DeductionStatus::kVoid) {
    return Status::Conflict("deduction " + d.id() + " is void: its application was reversed");
  }
  if (status && *status == d.status && note.empty()) {
    return Status::Conflict("deduction " + d.id() + " is already " +
                            std::string(DeductionStatusName(d.status)));
  }
  const Timestamp now = Timestamp::Now();
  Batch batch;
  batch.batch_id = store_->AllocateBatchId();
  batch.kind = BatchKind::kManual;
  batch.created = now;
  std::string text;
  if (status && *status != d.status) {
    text = std::string(DeductionStatusName(d.status)) + " -> " + std::string(DeductionStatusName(*status));
    d.status = *status;
  }
  if (!note.empty()) text += text.empty() ? note : ": " + note;
  d.notes.push_back({now, text});
  d.updated = now;
  d.updated_batch = batch.batch_id;
  WriteSet set;
  set.PutDeduction(d);
  set.PutBatchDeduction(batch.batch_id, d);
  batch.micros = MicrosSince(start);
  set.PutBatch(batch);
  set.MarkResultsPending(batch.batch_id);
  CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(set)));
  CASHMATCH_RETURN_IF_ERROR(WritePendingResults());
  return std::make_pair(batch.batch_id, std::move(d));
}

}  // namespace cashmatch::tools
