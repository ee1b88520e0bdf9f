#include "credit_report.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace cashmatch::tools {
namespace {

// What the applications of one customer tell, per currency code.
struct History {
  std::map<std::string, int64_t> on_account;
  int64_t late_days_sum = 0;
  uint32_t measured = 0;
  std::set<uint64_t> returned;  // payment ids reversed by a returned payment
};

// Reads payments and batches once each across the whole report.
class Cache {
 public:
  explicit Cache(const Store& store) : store_(store) {}
  Result<Date> ValueDate(uint64_t payment_id) {
    auto it = value_dates_.find(payment_id);
    if (it != value_dates_.end()) return it->second;
    Result<Payment> p = store_.GetPayment(payment_id);
    if (!p.ok()) return p.status();
    return value_dates_[payment_id] = p->value_date;
  }
  // A returned payment's reversals are in a reversal batch of a bank file;
  // an operator's unapply has no file.
  Result<bool> IsReturnBatch(uint64_t batch_id) {
    auto it = return_batches_.find(batch_id);
    if (it != return_batches_.end()) return it->second;
    Result<Batch> b = store_.GetBatch(batch_id);
    if (!b.ok()) return b.status();
    return return_batches_[batch_id] = b->kind == BatchKind::kReversal && !b->source_file.empty();
  }

 private:
  const Store& store_;
  std::unordered_map<uint64_t, Date> value_dates_;
  std::unordered_map<uint64_t, bool> return_batches_;
};

Result<History> HistoryOf(const Store& store, const Ledger& ledger, std::string_view customer_id,
                          Cache* cache) {
  History h;
  Status failure;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachApplicationOfCustomer(customer_id, [&](const Application& a) {
    if (a.invoice_id.empty()) {
      h.on_account[std::string(a.applied.currency.code())] += a.applied.minor;
      return true;
    }
    if (a.applied.minor < 0) {
      Result<bool> ret = cache->IsReturnBatch(a.batch_id);
      if (!ret.ok()) return (failure = ret.status()), false;
      if (*ret) h.returned.insert(a.payment_id);
      return true;
    }
    const std::optional<InvoiceNo> no = ledger.FindInvoice(a.company, a.invoice_id);
    if (!no || a.applied.minor == 0) return true;
    Result<Date> paid = cache->ValueDate(a.payment_id);
    if (!paid.ok()) {
      if (paid.status().code() == StatusCode::kNotFound) return true;
      return (failure = paid.status()), false;
    }
    h.late_days_sum += std::max(0, paid->days - ledger.invoice(*no).due_date.days);
    ++h.measured;
    return true;
  }));
  if (!failure.ok()) return failure;
  return h;
}

// What is left of each work-queue payment identified as a customer's:
// customer_id -> currency code -> minor units.
Result<std::map<std::string, std::map<std::string, int64_t>>> UnappliedByCustomer(const Store& store) {
  std::map<std::string, std::map<std::string, int64_t>> out;
  Status failure;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachWorkItem([&](const WorkItem& item) {
    if (item.customer_id.empty()) return true;
    Result<Payment> p = store.GetPayment(item.payment_id);
    if (!p.ok()) return true;  // listed, but its payment is gone
    if (p->direction != Direction::kCredit || p->is_return) return true;
    int64_t left = p->amount.minor;
    failure = store.ForEachApplicationOfPayment(item.payment_id, [&](const Application& a) {
      left -= a.applied.minor;
      return true;
    });
    if (!failure.ok()) return false;
    if (left > 0) out[item.customer_id][std::string(p->amount.currency.code())] += left;
    return true;
  }));
  if (!failure.ok()) return failure;
  return out;
}

}  // namespace

Result<std::vector<CreditLine>> BuildCreditReport(const Store& store, const Ledger& ledger,
                                                  const CreditSettings& settings, Date as_of) {
  Result<std::map<std::string, std::map<std::string, int64_t>>> unapplied = UnappliedByCustomer(store);
  if (!unapplied.ok()) return unapplied.status();
  Cache cache(store);
  std::vector<CreditLine> out;
  for (CustomerNo c = 0; c < ledger.customer_count(); ++c) {
    const Customer customer = ledger.GetCustomer(c);
    std::map<std::string, CreditLine> lines;  // by currency code
    auto line = [&](Currency cur) -> CreditLine& {
      CreditLine& l = lines[std::string(cur.code())];
      l.currency = cur;
      return l;
    };
    int32_t oldest = 0;
    for (InvoiceNo n : ledger.OpenInvoicesOfCustomer(c)) {
      const InvoiceView v = ledger.invoice(n);
      CreditLine& l = line(v.open_amount.currency);
      if (v.open_amount.minor > 0) {
        l.open_invoices += v.open_amount.minor;
        l.oldest_days_past_due = std::max(l.oldest_days_past_due, as_of.days - v.due_date.days);
        oldest = std::max(oldest, l.oldest_days_past_due);
      } else {
        l.open_credits += v.open_amount.minor;
      }
    }
    Result<History> h = HistoryOf(store, ledger, customer.customer_id, &cache);
    if (!h.ok()) return h.status();
    for (const auto& [code, minor] : h->on_account) {
      if (minor != 0) line(*Currency::FromCode(code)).on_account += minor;
    }
    if (auto u = unapplied->find(customer.customer_id); u != unapplied->end()) {
      for (const auto& [code, minor] : u->second) line(*Currency::FromCode(code)).unapplied += minor;
    }
    if (customer.credit_limit && lines.empty()) line(customer.credit_limit->currency);
    if (lines.empty()) continue;
    const int32_t avg_late = h->measured ? static_cast<int32_t>(h->late_days_sum / h->measured) : 0;
    const uint32_t returns = static_cast<uint32_t>(h->returned.size());
    // Risk belongs to the customer, whatever the currency.
    std::vector<std::string> reasons;
    if (oldest >= settings.high_risk_days_past_due && oldest > 0) {
      reasons.push_back("oldest open item " + std::to_string(oldest) + " days past due");
    }
    if (h->measured && avg_late >= settings.high_risk_avg_days_late && avg_late > 0) {
      reasons.push_back("pays " + std::to_string(avg_late) + " days late on average");
    }
    if (returns >= settings.high_risk_returns) {
      reasons.push_back(std::to_string(returns) + " payment" + (returns == 1 ? "" : "s") + " returned");
    }
    for (auto& [code, l] : lines) {
      l.customer_id = customer.customer_id;
      l.name = customer.name;
      l.exposure = l.open_invoices + l.open_credits - l.on_account - l.unapplied;
      l.limit = customer.credit_limit;
      if (l.limit) {
        l.limit_other_currency = l.limit->currency != l.currency;
        l.over_limit = !l.limit_other_currency && l.exposure > l.limit->minor;
      }
      l.avg_days_late = avg_late;
      l.payments_measured = h->measured;
      l.returns = returns;
      l.high_risk = !reasons.empty();
      l.risk_reasons = reasons;
      out.push_back(std::move(l));
    }
  }
  std::sort(out.begin(), out.end(), [](const CreditLine& a, const CreditLine& b) {
    if (a.customer_id != b.customer_id) return a.customer_id < b.customer_id;
    return a.currency.code() < b.currency.code();
  });
  return out;
}

}  // namespace cashmatch::tools
