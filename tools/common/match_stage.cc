#include "match_stage.h"

#include <chrono>
#include <unordered_map>

namespace cashmatch::tools {

MatchOutcome StageMatches(const Ledger& ledger, const MatchOptions& options,
                          std::span<const Payment> payments, uint64_t batch_id, uint32_t first_seq,
                          Timestamp at, WriteSet* set) {
  const auto start = std::chrono::steady_clock::now();
  MatchOutcome out;
  const std::vector<Decision> decisions = Matcher(ledger, options).MatchBatch(payments);
  uint32_t seq = first_seq;
  // Open amounts as this batch leaves them, per invoice touched.
  std::unordered_map<InvoiceNo, int64_t> open;
  std::vector<InvoiceNo> touched;
  for (size_t i = 0; i < decisions.size(); ++i) {
    const Decision& d = decisions[i];
    const Payment& p = payments[i];
    switch (d.kind) {
      case DecisionKind::kApplied: {
        ++out.applied;
        out.applied_payment_ids.push_back(p.payment_id);
        out.by_method[d.applications.front().method]++;
        for (Application a : d.applications) {
          a.batch_id = batch_id;
          a.seq = seq++;
          a.at = at;
          out.applied_totals[std::string(a.applied.currency.code())] += a.applied.minor;
          if (!a.invoice_id.empty()) {
            const InvoiceNo n = *ledger.FindInvoice(a.company, a.invoice_id);
            auto [it, fresh] = open.try_emplace(n, ledger.invoice(n).open_amount.minor);
            if (fresh) touched.push_back(n);
            it->second -= a.applied.minor + a.discount.minor + a.writeoff.minor;
          }
          set->PutApplication(a);
          out.rows.push_back(std::move(a));
          ++out.applications;
        }
        break;
      }
      case DecisionKind::kUnapplied:
      case DecisionKind::kDuplicate: {
        WorkItem item;
        item.payment_id = p.payment_id;
        item.batch_id = batch_id;
        item.customer_id = d.customer_id;
        item.reason = d.reason;
        item.duplicate = d.kind == DecisionKind::kDuplicate;
        item.suggestions = d.suggestions;
        set->MarkUnapplied(item);
        set->PutBatchWork({item, p});
        ++out.unapplied;
        out.duplicates += item.duplicate;
        break;
      }
      case DecisionKind::kNotMatched:
        break;
    }
  }
  for (InvoiceNo n : touched) {
    Invoice inv = ledger.GetInvoice(n);
    inv.open_amount.minor = open[n];
    set->PutInvoice(inv);
    out.new_open.emplace_back(n, open[n]);
  }
  out.micros = std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::steady_clock::now() - start)
                   .count();
  return out;
}

}  // namespace cashmatch::tools
