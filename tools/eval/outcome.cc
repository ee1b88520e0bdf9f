#include "outcome.h"

#include <unordered_map>

namespace cashmatch::eval {

std::string_view OutcomeKindName(OutcomeKind k) {
  switch (k) {
    case OutcomeKind::kApplied: return "applied";
    case OutcomeKind::kUnapplied: return "unapplied";
    case OutcomeKind::kDuplicate: return "duplicate";
    case OutcomeKind::kNotMatched: return "not_matched";
  }
  return "unknown";
}

namespace {

// Adds one stored row (perhaps a reversal's negation) to the payment's net
// applications.
void Net(const Application& a, std::vector<Application>* net) {
  for (Application& n : *net) {
    if (n.company != a.company || n.invoice_id != a.invoice_id) continue;
    n.applied.minor += a.applied.minor;
    n.discount.minor += a.discount.minor;
    n.writeoff.minor += a.writeoff.minor;
    return;
  }
  net->push_back(a);
}

}  // namespace

Result<OutcomeMap> CollectOutcomes(const Store& store) {
  std::unordered_map<uint64_t, std::vector<Application>> apps;
  std::vector<uint64_t> batches;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachBatch([&](const Batch& b) {
    batches.push_back(b.batch_id);
    return true;
  }));
  // Oldest batch first, so reversals net against what they reverse and the
  // rows keep the order they were made in.
  for (auto it = batches.rbegin(); it != batches.rend(); ++it) {
    CASHMATCH_RETURN_IF_ERROR(store.ForEachApplicationOfBatch(*it, [&](const Application& a) {
      Net(a, &apps[a.payment_id]);
      return true;
    }));
  }
  std::unordered_map<uint64_t, WorkItem> work;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachWorkItem([&](const WorkItem& w) {
    work.emplace(w.payment_id, w);
    return true;
  }));
  OutcomeMap out;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachPayment([&](const Payment& p) {
    PaymentOutcome o;
    o.payment_id = p.payment_id;
    o.file = p.source_file;
    o.source_ref = p.source_ref;
    o.account = p.account;
    o.amount = p.amount;
    o.is_return = p.is_return;
    if (auto it = apps.find(p.payment_id); it != apps.end()) {
      for (Application& a : it->second) {
        if (a.applied.minor != 0 || a.discount.minor != 0 || a.writeoff.minor != 0) {
          o.applications.push_back(std::move(a));
        }
      }
    }
    if (auto it = work.find(p.payment_id); it != work.end()) {
      o.kind = it->second.duplicate ? OutcomeKind::kDuplicate : OutcomeKind::kUnapplied;
      o.reason = it->second.reason;
      o.suggestions = it->second.suggestions;
    } else if (!o.applications.empty()) {
      o.kind = OutcomeKind::kApplied;
    }
    out.try_emplace({o.file, o.source_ref}, std::move(o));
    return true;
  }));
  return out;
}

}  // namespace cashmatch::eval
