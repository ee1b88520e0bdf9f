// `report behaviour`, `report dso` and the behaviour `customer show` gives.
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>

#include "report_facts.h"
#include "reports.h"

namespace cashmatch::tools {
namespace {

// Feeds `builder` with the paid items and payments of `nets` (sorted by
// payment) whose payment's value date is in `window` and whose first
// application was made by as_of; `only`: one customer's.
void AddBehaviour(const Ledger& ledger, const PaymentTable& payments, const std::vector<NetItem>& nets,
                  Period window, Date as_of, std::optional<CustomerNo> only, BehaviourBuilder* builder) {
  for (size_t i = 0; i < nets.size();) {
    size_t end = i;
    while (end < nets.size() && nets[end].payment_id == nets[i].payment_id) ++end;
    const PaymentFact* p = payments.Find(nets[i].payment_id);
    if (p && p->counted && p->value_date >= window.first && p->value_date <= window.last) {
      std::optional<CustomerNo> payer;
      for (size_t k = i; k < end; ++k) {
        const NetItem& n = nets[k];
        if (n.applied <= 0 || n.first_on > as_of || n.customer == kNone) continue;
        if (!payer) payer = n.customer;
        if (n.invoice == kNone || (only && n.customer != *only)) continue;
        const InvoiceView v = ledger.invoice(n.invoice);
        if (v.amount.minor < 0) continue;  // a credit memo is not paid
        builder->AddItem(PaidItem{v.customer, v.amount.minor, v.invoice_date, v.due_date, v.discount_days,
                                  p->value_date, n.applied, n.discount, n.writeoff});
      }
      if (payer && (!only || *payer == *only)) builder->AddPayment(*payer, p->channel);
    }
    i = end;
  }
}

std::vector<CustomerBehaviour> Named(const Ledger& ledger, const BehaviourBuilder& builder) {
  const std::vector<PaymentBehaviour> all = builder.Finish();
  // Sorted by customer_id as views, then named.
  std::vector<std::string_view> ids(all.size());
  std::vector<uint32_t> order(all.size());
  tbb::parallel_for(size_t{0}, all.size(), [&](size_t i) {
    ids[i] = ledger.customer(all[i].customer).customer_id;
    order[i] = static_cast<uint32_t>(i);
  });
  tbb::parallel_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return ids[a] < ids[b]; });
  std::vector<CustomerBehaviour> out(all.size());
  tbb::parallel_for(size_t{0}, all.size(), [&](size_t i) {
    const PaymentBehaviour& b = all[order[i]];
    out[i] = CustomerBehaviour{std::string(ids[order[i]]), std::string(ledger.customer(b.customer).name), b};
  });
  return out;
}

}  // namespace

Result<BehaviourReport> BuildBehaviourReport(Service& service, const BehaviourQuery& query) {
  std::shared_lock lock(service.ledger_mutex());
  return BuildBehaviourReport(ReportSources{service.store(), service.ledger()}, query);
}

Result<DsoReport> BuildDsoReport(Service& service, Date as_of, int months) {
  std::shared_lock lock(service.ledger_mutex());
  return BuildDsoReport(ReportSources{service.store(), service.ledger()}, as_of, months);
}

Result<BehaviourReport> BuildBehaviourReport(const ReportSources& sources, const BehaviourQuery& q) {
  BehaviourReport report;
  report.as_of = q.as_of;
  report.window = Period{MonthsEndingOn(q.as_of, q.months).front().first, q.as_of};
  const Ledger& ledger = sources.ledger;
  std::optional<CustomerNo> only;
  if (!q.customer_id.empty()) {
    only = ledger.FindCustomer(q.customer_id);
    if (!only) return Status::NotFound("no customer '" + q.customer_id + "'");
  }
  PaymentTable payments;
  std::vector<AppFact> apps;
  CASHMATCH_RETURN_IF_ERROR(ScanActivity(sources.store, ledger, &payments, &apps));
  BehaviourBuilder builder;
  builder.Reserve(ledger.customer_count());
  AddBehaviour(ledger, payments, NetItems(apps), report.window, q.as_of, only, &builder);
  report.customers = Named(ledger, builder);
  return report;
}

Result<DsoReport> BuildDsoReport(const ReportSources& sources, Date as_of, int months) {
  DsoReport report;
  report.as_of = as_of;
  report.periods = MonthsEndingOn(as_of, months);
  const Ledger& ledger = sources.ledger;
  PaymentTable payments;
  std::vector<AppFact> apps;
  CASHMATCH_RETURN_IF_ERROR(ScanActivity(sources.store, ledger, &payments, &apps));

  // Every invoice, in chunks on all cores, merged in order.
  constexpr InvoiceNo kChunk = 1 << 16;
  const InvoiceNo n = static_cast<InvoiceNo>(ledger.invoice_count());
  std::vector<ReceivablesHistory> chunks((n + kChunk - 1) / kChunk, ReceivablesHistory(report.periods));
  tbb::parallel_for(size_t{0}, chunks.size(), [&](size_t c) {
    const InvoiceNo end = static_cast<InvoiceNo>(std::min<uint64_t>(uint64_t{c + 1} * kChunk, n));
    for (InvoiceNo no = static_cast<InvoiceNo>(c * kChunk); no < end; ++no) {
      const InvoiceView v = ledger.invoice(no);
      chunks[c].AddInvoice(v.amount.currency, v.amount.minor, v.open_amount.minor, v.invoice_date);
    }
  });
  ReceivablesHistory history(report.periods);
  for (const ReceivablesHistory& h : chunks) history.Merge(h);
  for (const AppFact& a : apps) {
    if (a.invoice == kNone) continue;
    const InvoiceView v = ledger.invoice(a.invoice);
    history.AddSettlement(v.amount.currency, a.applied + a.discount + a.writeoff, v.invoice_date, a.on);
  }
  Result<std::vector<ReceivablesSeries>> series = history.Finish();
  if (!series.ok()) return series.status();
  for (const ReceivablesSeries& s : *series) {
    CurrencyDso c{s.currency};
    for (size_t i = 0; i < report.periods.size(); ++i) {
      c.trend.push_back(DsoPoint{report.periods[i], s.sales[i], s.ar_end[i],
                                 ComputeDso(s, report.periods, i + 1, kSimpleDsoMonths)});
    }
    report.currencies.push_back(std::move(c));
  }

  BehaviourBuilder builder;
  builder.Reserve(ledger.customer_count());
  AddBehaviour(ledger, payments, NetItems(apps), Period{report.periods.front().first, as_of}, as_of,
               std::nullopt, &builder);
  report.customers = Named(ledger, builder);
  return report;
}

Result<PaymentBehaviour> CustomerBehaviourOf(Service& service, const std::string& customer_id) {
  std::shared_lock lock(service.ledger_mutex());
  const Ledger& ledger = service.ledger();
  const std::optional<CustomerNo> no = ledger.FindCustomer(customer_id);
  if (!no) return Status::NotFound("no customer '" + customer_id + "'");
  const Store& store = service.store();
  std::vector<AppFact> apps;
  PaymentTable payments;
  Status failed;
  // Payments numbered densely from 1 here, so the table stays small.
  std::map<uint64_t, uint64_t> dense;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachApplicationOfCustomer(customer_id, [&](const Application& a) {
    const auto [slot, added] = dense.emplace(a.payment_id, dense.size() + 1);
    AppFact f;
    f.payment_id = slot->second;
    f.batch_id = a.batch_id;
    f.seq = a.seq;
    if (!a.invoice_id.empty()) {
      if (auto inv = ledger.FindInvoice(a.company, a.invoice_id)) f.invoice = *inv;
    }
    f.customer = *no;
    f.applied = a.applied.minor;
    f.discount = a.discount.minor;
    f.writeoff = a.writeoff.minor;
    f.on = a.at.date();
    f.method = a.method;
    f.currency = a.applied.currency;
    apps.push_back(f);
    if (!added) return true;
    Result<Payment> p = store.GetPayment(a.payment_id);
    if (!p.ok()) {
      failed = p.status();
      return false;
    }
    payments.by_id.resize(slot->second + 1);
    PaymentFact& fact = payments.by_id[slot->second];
    fact.present = true;
    fact.value_date = p->value_date;
    fact.counted = p->direction == Direction::kCredit && !p->is_return && p->superseded_by.empty();
    fact.channel = ChannelOf(p->format, p->transaction_code);
    return true;
  }));
  CASHMATCH_RETURN_IF_ERROR(failed);
  BehaviourBuilder builder;
  const Date today = Timestamp::Now().date();
  AddBehaviour(ledger, payments, NetItems(apps), Period{Date{INT32_MIN / 2}, today}, today, *no, &builder);
  const std::vector<PaymentBehaviour> all = builder.Finish();
  for (const PaymentBehaviour& b : all) {
    if (b.customer == *no) return b;
  }
  PaymentBehaviour none;
  none.customer = *no;
  return none;
}

}  // namespace cashmatch::tools
