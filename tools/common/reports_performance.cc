// `report performance`: how much of the cash the matcher applied alone.
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "report_facts.h"
#include "reports.h"

namespace cashmatch::tools {

int UnappliedAgeBucket(int32_t age_days) {
  if (age_days <= 30) return 0;
  if (age_days <= 60) return 1;
  if (age_days <= 90) return 2;
  return 3;
}

namespace {

enum class Outcome { kAutomatic, kManual, kOpen };

void Count(MatchCounts* c, Outcome o) {
  ++c->payments;
  if (o == Outcome::kAutomatic) ++c->automatic;
  if (o == Outcome::kManual) ++c->manual;
  if (o == Outcome::kOpen) ++c->open;
}

}  // namespace

Result<PerformanceReport> BuildPerformanceReport(const ReportSources& sources, Date as_of, int days) {
  PerformanceReport report;
  report.as_of = as_of;
  report.window = Period{Date{as_of.days - std::max(days, 1) + 1}, as_of};
  const Ledger& ledger = sources.ledger;
  const Store& store = sources.store;
  PaymentTable payments;
  std::vector<AppFact> apps;
  CASHMATCH_RETURN_IF_ERROR(ScanActivity(store, ledger, &payments, &apps));
  // Who the work queue says an unapplied payment is from.
  std::unordered_map<uint64_t, std::string> queued_customer;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachWorkItem([&](const WorkItem& w) {
    queued_customer[w.payment_id] = w.customer_id;
    return true;
  }));
  const std::vector<NetItem> nets = NetItems(apps);
  std::unordered_map<uint64_t, int64_t> applied_of;  // payment -> net applied
  size_t i = 0;
  for (uint64_t id = 1; id < payments.by_id.size(); ++id) {
    while (i < nets.size() && nets[i].payment_id < id) ++i;
    const size_t begin = i;
    while (i < nets.size() && nets[i].payment_id == id) ++i;
    const PaymentFact& p = payments.by_id[id];
    int64_t applied = 0;
    const NetItem* main = nullptr;  // the one that took the most of it
    bool manual = false;
    for (size_t k = begin; k < i; ++k) {
      applied += nets[k].applied;
      manual |= nets[k].manual;
      if (nets[k].applied > 0 && (!main || nets[k].applied > main->applied)) main = &nets[k];
    }
    if (applied != 0) applied_of[id] = applied;
    if (!p.present || !p.counted || p.value_date < report.window.first || p.value_date > as_of) continue;
    const Outcome o = manual ? Outcome::kManual : main ? Outcome::kAutomatic : Outcome::kOpen;
    std::string customer;
    if (main && main->customer != kNone) {
      customer = ledger.customer(main->customer).customer_id;
    } else if (auto it = queued_customer.find(id); it != queued_customer.end()) {
      customer = it->second;
    }
    Count(&report.all, o);
    Count(&report.by_day[FormatDate(p.value_date)], o);
    Count(&report.by_format[payments.formats[p.format]], o);
    Count(&report.by_customer[customer], o);
    if (o == Outcome::kAutomatic) ++report.by_method[std::string(MatchMethodName(main->first_method))];
  }
  CASHMATCH_RETURN_IF_ERROR(store.ForEachUnappliedPayment([&](const Payment& p) {
    const auto it = applied_of.find(p.payment_id);
    const int64_t left = p.amount.minor - (it == applied_of.end() ? 0 : it->second);
    const int b = UnappliedAgeBucket(as_of.days - p.value_date.days);
    const std::string code(p.amount.currency.code());
    report.unapplied_by_age[code][b] += left;
    ++report.unapplied_count_by_age[code][b];
    return true;
  }));
  return report;
}

Result<PerformanceReport> BuildPerformanceReport(Service& service, Date as_of, int days) {
  std::shared_lock lock(service.ledger_mutex());
  return BuildPerformanceReport(ReportSources{service.store(), service.ledger()}, as_of, days);
}

}  // namespace cashmatch::tools
