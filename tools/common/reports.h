// Receivables reports (`cashmatch report …`, `customer show`): the facts
// gathered from the ledger and the store, handed to the engine's pure
// computations (cashmatch/receivables.h), and the results with names.
//
// Each report holds the ledger lock shared for its whole run, so the store
// and the ledger it reads agree (changes wait until it is done).
// docs/reports.md describes every figure, its formula and its limits.
//
// Thread safety: the functions may run on several threads at once (they only
// read); the results are plain values.
#ifndef CASHMATCH_TOOLS_REPORTS_H_
#define CASHMATCH_TOOLS_REPORTS_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cashmatch/receivables.h"
#include "service.h"

namespace cashmatch::tools {

// What a report reads. The caller keeps the ledger unchanged while the
// report runs (the Service forms hold its lock shared); benchmarks and
// tests may pass a store and a ledger of their own.
struct ReportSources {
  const Store& store;
  const Ledger& ledger;
};

// ---- aging ----
struct AgingQuery {
  Date as_of;
  std::string customer_id;  // empty: every customer
  std::string company;      // filter only when company_set
  bool company_set = false;
  std::string currency;     // ISO code; empty: every currency
};
struct AgingRow {
  std::string customer_id, name, company;
  AgingLine line;
};
struct AgingReport {
  Date as_of;
  // Applications made after as_of whose amounts were added back (a past
  // as_of rebuilds the open amounts that day).
  uint64_t applications_undone = 0;
  std::vector<AgingRow> rows;      // by customer_id, company, currency
  std::vector<AgingLine> totals;   // per currency, of the rows
};
Result<AgingReport> BuildAgingReport(Service& service, const AgingQuery& query);
Result<AgingReport> BuildAgingReport(const ReportSources& sources, const AgingQuery& query);

// ---- DSO and payment behaviour ----
struct CustomerBehaviour {
  std::string customer_id, name;
  PaymentBehaviour behaviour;  // behaviour.customer is the ledger's number
};
struct BehaviourQuery {
  Date as_of;
  int months = 12;          // the window: the months ending on as_of
  std::string customer_id;  // empty: every customer
};
struct BehaviourReport {
  Date as_of;
  Period window;
  std::vector<CustomerBehaviour> customers;  // by customer_id
};
Result<BehaviourReport> BuildBehaviourReport(Service& service, const BehaviourQuery& query);
Result<BehaviourReport> BuildBehaviourReport(const ReportSources& sources, const BehaviourQuery& query);

// Simple DSO takes this many months (fewer when the report has fewer).
inline constexpr int kSimpleDsoMonths = 3;
struct DsoPoint {
  Period period;
  int64_t sales = 0;
  int64_t ar_end = 0;
  Dso dso;  // at the period's end: simple over up to kSimpleDsoMonths, count-back over every month before
};
struct CurrencyDso {
  Currency currency;
  std::vector<DsoPoint> trend;  // oldest first; the last one is as_of
};
struct DsoReport {
  Date as_of;
  std::vector<Period> periods;
  std::vector<CurrencyDso> currencies;       // by currency
  std::vector<CustomerBehaviour> customers;  // days to pay and beyond terms, by customer_id
};
Result<DsoReport> BuildDsoReport(Service& service, Date as_of, int months);
Result<DsoReport> BuildDsoReport(const ReportSources& sources, Date as_of, int months);

// One customer's behaviour over every payment the store has, for `customer
// show`; behaviour.items 0 when none. kNotFound for an unknown customer.
Result<PaymentBehaviour> CustomerBehaviourOf(Service& service, const std::string& customer_id);

// ---- cash-application performance ----
// Payments counted: credits that are not returns and not superseded by a
// breakdown. Each is auto (applied by the matcher, never by a person),
// manual (a person applied some of it) or open (nothing applied: waiting).
struct MatchCounts {
  uint64_t payments = 0, automatic = 0, manual = 0, open = 0;
};
struct PerformanceReport {
  Date as_of;
  Period window;  // payments whose value date falls in it
  MatchCounts all;
  std::map<std::string, MatchCounts> by_day;     // value date "YYYY-MM-DD"
  std::map<std::string, uint64_t> by_method;     // automatic payments by their first application's method
  std::map<std::string, MatchCounts> by_format;  // bank file format
  std::map<std::string, MatchCounts> by_customer;  // customer_id; "" unidentified
  // Unapplied cash in the work queue by age (as_of - value date): 0-30,
  // 31-60, 61-90, 90+ days; per currency code, minor units; and counts.
  std::map<std::string, std::array<int64_t, 4>> unapplied_by_age;
  std::map<std::string, std::array<uint64_t, 4>> unapplied_count_by_age;
};
Result<PerformanceReport> BuildPerformanceReport(Service& service, Date as_of, int days);
Result<PerformanceReport> BuildPerformanceReport(const ReportSources& sources, Date as_of, int days);
int UnappliedAgeBucket(int32_t age_days);  // 0..3

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_REPORTS_H_
