// Service::UnapplyBatch: an operator takes back one batch's applications of
// a payment, leaving what other batches applied in place.
//
// A reversal row does not say by itself which batch it undoes, so the one
// written here names it in its evidence ("reverses batch N"). Reversals that
// name none (a full unapply, a returned payment) undo everything that stood
// at their time, and are credited to the latest batches first.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>

#include "elapsed.h"
#include "deductions.h"
#include "returns.h"
#include "service.h"

namespace cashmatch::tools {
namespace {

constexpr std::string_view kTag = "reverses batch ";

// One batch's rows of one invoice (or of the on-account remainder), and
// what of them still stands.
struct Standing {
  uint64_t batch_id = 0;
  Application rest;  // amounts still applied; the rest of the row as first written
};

using Key = std::pair<std::string, std::string>;  // company, invoice_id

std::optional<uint64_t> TaggedBatch(const std::string& evidence) {
  const size_t at = evidence.find(kTag);
  if (at == std::string::npos) return std::nullopt;
  uint64_t id = 0;
  const char* begin = evidence.data() + at + kTag.size();
  const char* end = evidence.data() + evidence.size();
  if (std::from_chars(begin, end, id).ec != std::errc()) return std::nullopt;
  return id;
}

// Moves `amount` (a component of a reversal, sign flipped) off `held`
// toward zero, never past it; returns what was taken.
int64_t Take(int64_t* held, int64_t amount) {
  if (amount == 0 || *held == 0 || (*held > 0) != (amount > 0)) return 0;
  const int64_t t = amount > 0 ? std::min(*held, amount) : std::max(*held, amount);
  *held -= t;
  return t;
}

void Undo(Standing* s, Application* left) {
  left->applied.minor -= Take(&s->rest.applied.minor, left->applied.minor);
  left->discount.minor -= Take(&s->rest.discount.minor, left->discount.minor);
  left->writeoff.minor -= Take(&s->rest.writeoff.minor, left->writeoff.minor);
}

bool Stands(const Application& a) {
  return a.applied.minor != 0 || a.discount.minor != 0 || a.writeoff.minor != 0;
}

// Every application row of the payment credited to the batch that made
// it, net of the reversals since.
Result<std::map<Key, std::vector<Standing>>> StandingOf(const Store& store, uint64_t payment_id) {
  std::vector<Application> rows;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachApplicationOfPayment(payment_id, [&](const Application& a) {
    rows.push_back(a);
    return true;
  }));
  std::sort(rows.begin(), rows.end(), [](const Application& a, const Application& b) {
    return std::tie(a.batch_id, a.seq) < std::tie(b.batch_id, b.seq);
  });
  std::map<uint64_t, BatchKind> kinds;
  std::map<Key, std::vector<Standing>> by_key;
  for (const Application& a : rows) {
    auto kind = kinds.find(a.batch_id);
    if (kind == kinds.end()) {
      Result<Batch> b = store.GetBatch(a.batch_id);
      if (!b.ok()) return b.status();
      kind = kinds.emplace(a.batch_id, b->kind).first;
    }
    std::vector<Standing>& stack = by_key[{a.company, a.invoice_id}];
    if (kind->second != BatchKind::kReversal) {
      stack.push_back({a.batch_id, a});
      continue;
    }
    Application left = a;  // what this reversal undoes, as positive amounts
    left.applied.minor = -a.applied.minor;
    left.discount.minor = -a.discount.minor;
    left.writeoff.minor = -a.writeoff.minor;
    const std::optional<uint64_t> target = TaggedBatch(a.evidence);
    for (auto it = stack.rbegin(); it != stack.rend() && Stands(left); ++it) {
      if (!target || it->batch_id == *target) Undo(&*it, &left);
    }
  }
  return by_key;
}

}  // namespace

Result<ManualReport> Service::UnapplyBatch(uint64_t payment_id, std::optional<uint64_t> batch_id) {
  const auto start = std::chrono::steady_clock::now();
  std::lock_guard lock(ingest_mutex_);
  Result<Payment> payment = store_->GetPayment(payment_id);
  if (!payment.ok()) return payment.status();
  Result<std::map<Key, std::vector<Standing>>> standing = StandingOf(*store_, payment_id);
  if (!standing.ok()) return standing.status();

  const std::string pid = std::to_string(payment_id);
  bool batch_seen = false;
  std::optional<uint64_t> latest;
  for (const auto& [key, stack] : *standing) {
    for (const Standing& s : stack) {
      if (batch_id && s.batch_id == *batch_id) batch_seen = true;
      if (Stands(s.rest) && (!latest || s.batch_id > *latest)) latest = s.batch_id;
    }
  }
  if (batch_id && !batch_seen) {
    return Status::NotFound("batch " + std::to_string(*batch_id) + " applied nothing of payment " + pid);
  }
  if (!batch_id && !latest) return Status::Conflict("payment " + pid + " has nothing applied to reverse");
  const uint64_t target = batch_id ? *batch_id : *latest;

  std::unique_lock ledger_lock(ledger_mutex_);
  ManualReport report;
  report.batch_id = store_->AllocateBatchId();
  report.reversed_batch_id = target;
  const Timestamp now = Timestamp::Now();
  WriteSet set;
  std::map<InvoiceNo, int64_t> new_open;
  std::vector<Application> rows;  // for the deductions they undo
  int64_t still_applied = 0;
  std::string customer_id;
  uint32_t seq = 0;
  for (const auto& [key, stack] : *standing) {
    for (const Standing& s : stack) {
      if (s.batch_id != target || !Stands(s.rest)) {
        still_applied += s.rest.applied.minor;
        continue;
      }
      const Application& a = s.rest;
      Application rev = ReversalOf(a, report.batch_id, seq++, now,
                                   "unapplied by hand (" + std::string(kTag) + std::to_string(target) + ")");
      rev.confidence_bp = 10000;
      set.PutApplication(rev);
      rows.push_back(rev);
      ++report.applications;
      if (customer_id.empty()) customer_id = a.customer_id;
      if (a.invoice_id.empty()) continue;
      const std::optional<InvoiceNo> no = ledger_.FindInvoice(a.company, a.invoice_id);
      if (!no) continue;  // closed and dropped by the ERP since: nothing to reopen
      auto [it, fresh] = new_open.try_emplace(*no, ledger_.invoice(*no).open_amount.minor);
      it->second += a.applied.minor + a.discount.minor + a.writeoff.minor;
      if (fresh) report.reopened.push_back(a.company.empty() ? a.invoice_id : a.company + "/" + a.invoice_id);
    }
  }
  if (report.applications == 0) {
    return Status::Conflict("batch " + std::to_string(target) + "'s applications of payment " + pid +
                            " were already reversed");
  }
  for (const auto& [no, open] : new_open) {
    Invoice inv = ledger_.GetInvoice(no);
    inv.open_amount.minor = open;
    set.PutInvoice(inv);
  }
  const int64_t left = payment->amount.minor - still_applied;
  if (left > 0) {
    WorkItem item;
    item.payment_id = payment_id;
    item.batch_id = report.batch_id;
    item.customer_id = customer_id;
    item.reason = "unapplied by hand (batch " + std::to_string(target) + " reversed)";
    set.MarkUnapplied(item);
    set.PutBatchWork({item, *payment});  // the batch's unapplied row, as export will write it
  } else {
    set.ClearUnapplied(payment_id);
  }
  StagedDeductions deductions;
  Result<DeductionOutcome> undone = StageDeductions(*store_, rows, OpenAmountIn(ledger_),
                                                    std::span(&*payment, 1), report.batch_id, now,
                                                    &deductions, &set);
  if (!undone.ok()) return undone.status();
  Batch batch;
  batch.batch_id = report.batch_id;
  batch.kind = BatchKind::kReversal;
  batch.created = now;
  batch.payments = 1;
  batch.applications = static_cast<uint32_t>(report.applications);
  batch.unapplied = left > 0 ? 1 : 0;
  batch.micros = MicrosSince(start);
  set.PutBatch(batch);
  set.MarkResultsPending(batch.batch_id);
  CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(set)));
  for (const auto& [no, open] : new_open) ledger_.SetOpenAmount(no, open);
  ledger_lock.unlock();
  report.customer_id = customer_id;
  report.left = Money{std::max<int64_t>(left, 0), payment->amount.currency};
  // The ERP sees the reversal as its own batch of result files.
  CASHMATCH_RETURN_IF_ERROR(WritePendingResults());
  return report;
}

}  // namespace cashmatch::tools
