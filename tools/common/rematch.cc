// Service::Rematch: the work queue matched again as one batch, after new
// open items arrived, say.
#include <chrono>
#include <mutex>
#include <shared_mutex>

#include "deductions.h"
#include "match_stage.h"
#include "service.h"

namespace cashmatch::tools {

Result<RematchReport> Service::Rematch() {
  const auto start = std::chrono::steady_clock::now();
  std::lock_guard lock(ingest_mutex_);
  RematchReport report;
  std::vector<Payment> queue;
  CASHMATCH_RETURN_IF_ERROR(store_->ForEachUnappliedPayment([&](const Payment& p) {
    queue.push_back(p);
    return true;
  }));
  report.considered = queue.size();
  Batch batch;
  batch.batch_id = store_->AllocateBatchId();
  batch.kind = BatchKind::kRematch;
  batch.created = Timestamp::Now();
  WriteSet set;
  std::unique_lock ledger_lock(ledger_mutex_);
  MatchOutcome matched =
      StageMatches(ledger_, config_.match, queue, batch.batch_id, 0, batch.created, &set);
  for (uint64_t id : matched.applied_payment_ids) set.ClearUnapplied(id);
  StagedDeductions deductions;
  Result<DeductionOutcome> short_pays = StageDeductions(
      *store_, matched.rows, OpenAmountIn(ledger_), queue, batch.batch_id, batch.created, &deductions, &set);
  if (!short_pays.ok()) return short_pays.status();
  batch.payments = static_cast<uint32_t>(queue.size());
  batch.applications = static_cast<uint32_t>(matched.applications);
  batch.unapplied = static_cast<uint32_t>(matched.unapplied);
  batch.micros = std::chrono::duration_cast<std::chrono::microseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count();
  set.PutBatch(batch);
  set.MarkResultsPending(batch.batch_id);
  CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(set)));
  for (const auto& [invoice, open] : matched.new_open) ledger_.SetOpenAmount(invoice, open);
  ledger_lock.unlock();
  CASHMATCH_RETURN_IF_ERROR(WritePendingResults());
  report.batch_id = batch.batch_id;
  report.applied = matched.applied;
  report.applications = matched.applications;
  report.still_unapplied = matched.unapplied;
  report.applied_totals = matched.applied_totals;
  report.micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  return report;
}

}  // namespace cashmatch::tools
