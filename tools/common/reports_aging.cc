// `report aging`: the ledger's open items by days past due, as of a day.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "report_facts.h"
#include "reports.h"

namespace cashmatch::tools {
namespace {

// Customers are aged in chunks on all cores, each chunk into its own builder
// with its own company numbering; the chunks are merged in order.
constexpr CustomerNo kChunk = 1 << 14;

struct Chunk {
  AgingBuilder builder;
  std::vector<std::string_view> companies;  // local company number -> name
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
  // What applications made after as_of took off each invoice goes back on.
  Result<std::vector<AppFact>> later = ScanApplications(sources.store, ledger, EndOfDay(q.as_of));
  if (!later.ok()) return later.status();
  std::unordered_map<InvoiceNo, int64_t> undone;
  for (const AppFact& a : *later) {
    if (a.invoice == kNone) continue;
    undone[a.invoice] += a.applied + a.discount + a.writeoff;
    ++report.applications_undone;
  }
  // Invoices closed now but open that day are not in the open index: by customer.
  std::vector<std::pair<CustomerNo, InvoiceNo>> reopened;
  for (const auto& [no, amount] : undone) {
    const InvoiceView v = ledger.invoice(no);
    if (v.open_amount.minor == 0) reopened.emplace_back(v.customer, no);
  }
  std::sort(reopened.begin(), reopened.end());

  const auto age = [&](InvoiceNo no, Chunk* chunk) {
    const InvoiceView v = ledger.invoice(no);
    if (v.invoice_date > q.as_of) return;  // not yet issued that day
    if (currency && v.open_amount.currency != *currency) return;
    if (q.company_set && v.company != q.company) return;
    int64_t open = v.open_amount.minor;
    if (!undone.empty()) {
      if (auto it = undone.find(no); it != undone.end()) open += it->second;
    }
    if (open == 0) return;
    auto& names = chunk->companies;
    auto it = std::find(names.begin(), names.end(), v.company);
    if (it == names.end()) it = names.insert(names.end(), v.company);
    chunk->builder.Add(AgingKey{v.customer, static_cast<uint32_t>(it - names.begin()), v.open_amount.currency},
                       open, v.due_date, q.as_of);
  };
  const auto age_customers = [&](CustomerNo first, CustomerNo end, Chunk* chunk) {
    auto r = std::lower_bound(reopened.begin(), reopened.end(), std::pair<CustomerNo, InvoiceNo>{first, 0});
    for (CustomerNo c = first; c < end; ++c) {
      for (InvoiceNo no : ledger.OpenInvoicesOfCustomer(c)) age(no, chunk);
      for (; r != reopened.end() && r->first == c; ++r) age(r->second, chunk);
    }
  };

  std::vector<Chunk> chunks;
  if (only) {
    chunks.resize(1);
    age_customers(*only, *only + 1, &chunks[0]);
  } else {
    const CustomerNo n = static_cast<CustomerNo>(ledger.customer_count());
    chunks.resize((n + kChunk - 1) / kChunk);
    tbb::parallel_for(size_t{0}, chunks.size(), [&](size_t c) {
      const CustomerNo first = static_cast<CustomerNo>(c * kChunk);
      age_customers(first, static_cast<CustomerNo>(std::min<uint64_t>(uint64_t{first} + kChunk, n)), &chunks[c]);
    });
  }

  // One company numbering for all chunks, then one builder.
  std::vector<std::string_view> companies;
  AgingBuilder all;
  for (const Chunk& chunk : chunks) {
    Result<std::vector<AgingLine>> lines = chunk.builder.Finish();
    if (!lines.ok()) return lines.status();
    for (AgingLine line : *lines) {
      const std::string_view name = chunk.companies[line.key.company];
      auto it = std::find(companies.begin(), companies.end(), name);
      if (it == companies.end()) it = companies.insert(companies.end(), name);
      line.key.company = static_cast<uint32_t>(it - companies.begin());
      all.AddLine(line);
    }
  }
  Result<std::vector<AgingLine>> lines = all.Finish();
  if (!lines.ok()) return lines.status();
  Result<std::vector<AgingLine>> totals = AgingTotals(*lines);
  if (!totals.ok()) return totals.status();
  report.totals = std::move(*totals);
  report.rows.reserve(lines->size());
  for (const AgingLine& line : *lines) {
    const CustomerView c = ledger.customer(line.key.customer);
    report.rows.push_back(AgingRow{std::string(c.customer_id), std::string(c.name),
                                   std::string(companies[line.key.company]), line});
  }
  std::sort(report.rows.begin(), report.rows.end(), [](const AgingRow& a, const AgingRow& b) {
    return std::tie(a.customer_id, a.company, a.line.key.currency) <
           std::tie(b.customer_id, b.company, b.line.key.currency);
  });
  return report;
}

Result<AgingReport> BuildAgingReport(Service& service, const AgingQuery& query) {
  std::shared_lock lock(service.ledger_mutex());
  return BuildAgingReport(ReportSources{service.store(), service.ledger()}, query);
}

}  // namespace cashmatch::tools
