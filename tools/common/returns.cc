#include "returns.h"

#include <map>
#include <optional>
#include <utility>

namespace cashmatch::tools {
namespace {

bool CouldBeOriginal(const Payment& stored, const Payment& ret) {
  return stored.payment_id != ret.payment_id && stored.direction == Direction::kCredit &&
         !stored.is_return && stored.amount == ret.amount;
}

}  // namespace

Application ReversalOf(const Application& a, uint64_t batch_id, uint32_t seq, Timestamp at,
                       std::string evidence) {
  Application rev = a;
  rev.batch_id = batch_id;
  rev.seq = seq;
  rev.at = at;
  rev.applied.minor = -a.applied.minor;
  rev.discount.minor = -a.discount.minor;
  rev.writeoff.minor = -a.writeoff.minor;
  rev.method = MatchMethod::kManual;
  rev.evidence = std::move(evidence);
  return rev;
}

Result<std::vector<Application>> NetApplicationsOf(const Store& store, uint64_t payment_id) {
  std::map<std::pair<std::string, std::string>, Application> net;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachApplicationOfPayment(payment_id, [&](const Application& a) {
    auto [it, fresh] = net.try_emplace({a.company, a.invoice_id}, a);
    if (!fresh) {
      it->second.applied.minor += a.applied.minor;
      it->second.discount.minor += a.discount.minor;
      it->second.writeoff.minor += a.writeoff.minor;
    }
    return true;
  }));
  std::vector<Application> out;
  for (auto& [key, a] : net) {
    if (a.applied.minor != 0 || a.discount.minor != 0 || a.writeoff.minor != 0) out.push_back(std::move(a));
  }
  return out;
}

Result<std::optional<Payment>> FindOriginal(const Store& store, const Payment& ret) {
  std::map<uint64_t, Payment> fits;
  auto collect = [&](const Payment& p) {
    if (CouldBeOriginal(p, ret)) fits.emplace(p.payment_id, p);
    return true;
  };
  if (!ret.original_ref.empty()) {
    CASHMATCH_RETURN_IF_ERROR(store.ForEachPaymentWithRef(PaymentRefKind::kTraceNumber, ret.original_ref, collect));
    CASHMATCH_RETURN_IF_ERROR(store.ForEachPaymentWithRef(PaymentRefKind::kSourceRef, ret.original_ref, collect));
  }
  if (fits.empty() && !ret.payer_account.empty()) {
    // No reference to go by: the same amount from the same account, and
    // only one such credit ever. A full scan, but returns are rare.
    CASHMATCH_RETURN_IF_ERROR(store.ForEachPayment([&](const Payment& p) {
      if (CouldBeOriginal(p, ret) && p.payer_account == ret.payer_account &&
          p.value_date <= ret.value_date) {
        fits.emplace(p.payment_id, p);
      }
      return fits.size() < 2;
    }));
  }
  if (fits.size() != 1) return std::optional<Payment>();
  return std::optional<Payment>(fits.begin()->second);
}

Result<ReturnOutcome> StageReturns(const Store& store, const Ledger& ledger,
                                   std::span<const Payment> returns, uint64_t reversal_batch_id,
                                   uint64_t file_batch_id, Timestamp at, WriteSet* set) {
  ReturnOutcome out;
  std::map<InvoiceNo, int64_t> open;
  uint32_t seq = 0;
  for (const Payment& ret : returns) {
    Result<std::optional<Payment>> original = FindOriginal(store, ret);
    if (!original.ok()) return original.status();
    if (!original->has_value()) {
      WorkItem item;
      item.payment_id = ret.payment_id;
      item.batch_id = file_batch_id;
      item.reason = "a return (" + (ret.return_reason.empty() ? std::string("no reason given") : ret.return_reason) +
                    ") whose original payment is not known for sure" +
                    (ret.original_ref.empty() ? "" : " (original reference " + ret.original_ref + ")");
      set->MarkUnapplied(item);
      set->PutBatchWork({item, ret});
      ++out.unknown;
      continue;
    }
    const Payment& orig = **original;
    // Net of earlier reversals, so a return is never reversed twice.
    Result<std::vector<Application>> net = NetApplicationsOf(store, orig.payment_id);
    if (!net.ok()) return net.status();
    const bool any = !net->empty();
    for (const Application& a : *net) {
      out.rows.push_back(ReversalOf(
          a, reversal_batch_id, seq++, at,
          "payment " + std::to_string(orig.payment_id) + " came back: " +
              (ret.return_reason.empty() ? std::string("returned") : ret.return_reason) + " (return payment " +
              std::to_string(ret.payment_id) + " from " + ret.source_file + ")"));
      set->PutApplication(out.rows.back());
      ++out.applications;
      if (!a.invoice_id.empty()) {
        if (auto no = ledger.FindInvoice(a.company, a.invoice_id)) {
          auto [it, fresh] = open.try_emplace(*no, ledger.invoice(*no).open_amount.minor);
          it->second += a.applied.minor + a.discount.minor + a.writeoff.minor;
        }
      }
    }
    if (any) {
      ++out.reversed;
    } else {
      // Never applied: the money went back before anyone used it.
      set->ClearUnapplied(orig.payment_id);
      ++out.unapplied_originals;
    }
  }
  for (const auto& [n, value] : open) {
    Invoice inv = ledger.GetInvoice(n);
    inv.open_amount.minor = value;
    set->PutInvoice(inv);
    out.new_open.emplace_back(n, value);
  }
  return out;
}

}  // namespace cashmatch::tools
