// `report aging`: the ledger's open items by days past due, as of a day.
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <tuple>

#include "report_facts.h"
#include "reports.h"

namespace cashmatch::tools {
namespace {

// Company names numbered as they are met, shared by the threads. The
// numbering depends on scheduling; the report orders by name, so what it
// prints does not.
class Companies {
 public:
  uint32_t Number(std::string_view name) {
    std::lock_guard lock(mu_);
    auto it = std::find(names_.begin(), names_.end(), name);
    if (it == names_.end()) it = names_.insert(names_.end(), name);
    return static_cast<uint32_t>(it - names_.begin());
  }
  std::string_view Name(uint32_t number) const { return names_[number]; }

 private:
  std::mutex mu_;
  std::vector<std::string_view> names_;  // views into the ledger
};

// One thread's share of the invoices, and its own cache of company numbers.
struct Part {
  AgingBuilder builder;
  std::vector<std::pair<std::string_view, uint32_t>> companies;
};

}  // namespace

Result<AgingReport> BuildAgingReport(const ReportSources& sources, const AgingQuery& q) {
  AgingReport report;
  report.as_of = q.as_of;
  std::optional<Currency> currency;
  if (!q.currency.empty()) {
    currency = Currency::FromCode(q.currency);
    if (!currency) return Status::InvalidInput("unknown currency '" + q.currency + "'");
  }
  const Ledger& ledger = sources.ledger;
  std::optional<CustomerNo> only;
  if (!q.customer_id.empty()) {
    only = ledger.FindCustomer(q.customer_id);
    if (!only) return Status::NotFound("no customer '" + q.customer_id + "'");
  }
  // What applications made after as_of took off each invoice goes back on,
  // sorted by invoice so that a walk in invoice order meets them in turn.
  Result<std::vector<AppFact>> later = ScanApplications(sources.store, ledger, EndOfDay(q.as_of));
  if (!later.ok()) return later.status();
  std::vector<std::pair<InvoiceNo, int64_t>> undone;
  for (const AppFact& a : *later) {
    if (a.invoice == kNone) continue;
    undone.emplace_back(a.invoice, a.applied + a.discount + a.writeoff);
    ++report.applications_undone;
  }
  std::sort(undone.begin(), undone.end());

  Companies companies;
  // Ages invoice `no`; *u is the first undone entry not below it.
  const auto age = [&](InvoiceNo no, Part* part, size_t* u) {
    int64_t back = 0;
    for (; *u < undone.size() && undone[*u].first == no; ++*u) back += undone[*u].second;
    const InvoiceView v = ledger.invoice(no);
    const int64_t open = v.open_amount.minor + back;
    if (open == 0 || v.invoice_date > q.as_of) return;  // closed, or not yet issued that day
    if (currency && v.open_amount.currency != *currency) return;
    if (q.company_set && v.company != q.company) return;
    uint32_t company = UINT32_MAX;
    for (const auto& [name, number] : part->companies) {
      if (name.data() == v.company.data() || name == v.company) {
        company = number;
        break;
      }
    }
    if (company == UINT32_MAX) {
      company = companies.Number(v.company);
      part->companies.emplace_back(v.company, company);
    }
    part->builder.Add(AgingKey{v.customer, company, v.open_amount.currency}, open, v.due_date, q.as_of);
  };

  std::vector<Part> parts;
  if (only) {
    std::vector<InvoiceNo> nos;
    ledger.InvoicesOfCustomer(*only, &nos);
    std::sort(nos.begin(), nos.end());
    parts.resize(1);
    size_t u = 0;
    for (InvoiceNo no : nos) {
      while (u < undone.size() && undone[u].first < no) ++u;
      age(no, &parts[0], &u);
    }
  } else {
    // Invoices in number order (the ledger's memory order), one contiguous
    // range per thread; sums of integers do not depend on the split.
    const InvoiceNo n = static_cast<InvoiceNo>(ledger.invoice_count());
    parts.resize(static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency())));
    tbb::parallel_for(size_t{0}, parts.size(), [&](size_t p) {
      parts[p].builder.Reserve(ledger.customer_count());
      const InvoiceNo first = static_cast<InvoiceNo>(uint64_t{n} * p / parts.size());
      const InvoiceNo end = static_cast<InvoiceNo>(uint64_t{n} * (p + 1) / parts.size());
      size_t u = static_cast<size_t>(std::lower_bound(undone.begin(), undone.end(), std::pair<InvoiceNo, int64_t>{first, INT64_MIN}) -
                                     undone.begin());
      for (InvoiceNo no = first; no < end; ++no) age(no, &parts[p], &u);
    });
  }
  for (size_t p = 1; p < parts.size(); ++p) parts[0].builder.Merge(parts[p].builder);
  Result<std::vector<AgingLine>> lines = parts[0].builder.Finish();
  if (!lines.ok()) return lines.status();
  Result<std::vector<AgingLine>> totals = AgingTotals(*lines);
  if (!totals.ok()) return totals.status();
  report.totals = std::move(*totals);

  // Rows by (customer_id, company, currency): sorted as views, then named.
  std::vector<std::string_view> ids(lines->size());
  std::vector<uint32_t> order(lines->size());
  tbb::parallel_for(size_t{0}, order.size(), [&](size_t i) {
    order[i] = static_cast<uint32_t>(i);
    ids[i] = ledger.customer((*lines)[i].key.customer).customer_id;
  });
  const auto key = [&](uint32_t i) {
    return std::make_tuple(ids[i], companies.Name((*lines)[i].key.company), (*lines)[i].key.currency);
  };
  tbb::parallel_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  report.rows.resize(order.size());
  tbb::parallel_for(size_t{0}, order.size(), [&](size_t i) {
    const AgingLine& l = (*lines)[order[i]];
    report.rows[i] = AgingRow{std::string(ids[order[i]]), std::string(ledger.customer(l.key.customer).name),
                              std::string(companies.Name(l.key.company)), l};
  });
  return report;
}

Result<AgingReport> BuildAgingReport(Service& service, const AgingQuery& query) {
  std::shared_lock lock(service.ledger_mutex());
  return BuildAgingReport(ReportSources{service.store(), service.ledger()}, query);
}

}  // namespace cashmatch::tools
