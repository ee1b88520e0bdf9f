// `report aging` and `report dso`.
#include <algorithm>
#include <tuple>

#include "format.h"
#include "report_output.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

constexpr std::string_view kBucketKeys[kAgingBuckets] = {"current", "days_1_30", "days_31_60", "days_61_90",
                                                         "days_over_90"};

std::string Amount(int64_t minor, Currency c) { return FormatMinorUnits(minor, c.exponent()); }

void AgingJson(const AgingLine& l, JsonWriter* w) {
  w->Key("currency").String(l.key.currency.code()).Key("items").Uint(l.items);
  for (int b = 0; b < kAgingBuckets; ++b) w->Key(kBucketKeys[b]).Raw(Amount(l.buckets[b], l.key.currency));
  w->Key("total").Raw(Amount(l.total, l.key.currency));
}

std::vector<std::string> AgingCells(const AgingLine& l, bool human) {
  std::vector<std::string> cells{std::string(l.key.currency.code()), std::to_string(l.items)};
  for (int b = 0; b <= kAgingBuckets; ++b) {
    const int64_t v = b < kAgingBuckets ? l.buckets[b] : l.total;
    cells.push_back(human ? HumanNumber(v, l.key.currency.exponent()) : Amount(v, l.key.currency));
  }
  return cells;
}

int64_t PastDue(const AgingLine& l) { return l.total - l.buckets[0]; }

}  // namespace

int RunReportAging(CommandEnv& env, const ReportOptions& o, const std::string& customer, const std::string* company,
                   const std::string& currency) {
  AgingQuery q;
  if (!ParseAsOf(env, o.as_of, &q.as_of)) return kExitUsage;
  q.customer_id = customer;
  q.company_set = company != nullptr;
  if (company) q.company = *company;
  q.currency = currency;
  Result<AgingReport> r = BuildAgingReport(*env.service, q);
  if (!r.ok()) return ReportFailure(env, r.status());
  std::vector<const AgingRow*> rows;
  for (const AgingRow& row : r->rows) rows.push_back(&row);
  if (o.format == OutputFormat::kText) {
    // People look for the largest past-due balances first.
    std::stable_sort(rows.begin(), rows.end(), [](const AgingRow* a, const AgingRow* b) {
      return PastDue(a->line) > PastDue(b->line);
    });
  }
  rows.resize(RowsToShow(o, rows.size(), 25));

  if (o.format == OutputFormat::kJson) {
    JsonWriter w;
    w.BeginObject().Key("as_of").String(FormatDate(r->as_of));
    w.Key("applications_undone").Uint(r->applications_undone).Key("totals").BeginArray();
    for (const AgingLine& t : r->totals) {
      w.BeginObject();
      AgingJson(t, &w);
      w.EndObject();
    }
    w.EndArray().Key("customers").Uint(r->rows.size()).Key("rows").BeginArray();
    for (const AgingRow* row : rows) {
      w.BeginObject().Key("customer_id").String(row->customer_id).Key("name").String(row->name);
      w.Key("company").String(row->company);
      AgingJson(row->line, &w);
      w.EndObject();
    }
    w.EndArray().EndObject();
    Appendf(&env.out, "%s\n", w.str().c_str());
    return kExitOk;
  }
  if (o.format == OutputFormat::kCsv) {
    env.out += CsvLine({"row", "customer_id", "name", "company", "currency", "items", "current", "days_1_30",
                        "days_31_60", "days_61_90", "days_over_90", "total"});
    for (const AgingRow* row : rows) {
      std::vector<std::string> cells{"customer", row->customer_id, row->name, row->company};
      for (std::string& c : AgingCells(row->line, false)) cells.push_back(std::move(c));
      env.out += CsvLine(cells);
    }
    for (const AgingLine& t : r->totals) {
      std::vector<std::string> cells{"total", "", "", ""};
      for (std::string& c : AgingCells(t, false)) cells.push_back(std::move(c));
      env.out += CsvLine(cells);
    }
    return kExitOk;
  }
  Appendf(&env.out, "Aging as of %s: days past due (as of minus due date)\n", FormatDate(r->as_of).c_str());
  if (r->applications_undone) {
    Appendf(&env.out, "  open amounts rebuilt for that day: %s later applications added back\n",
            GroupDigits(r->applications_undone).c_str());
  }
  const std::vector<std::string> buckets{"current", "1-30", "31-60", "61-90", "90+", "total"};
  std::vector<std::string> head{"currency", "items"};
  head.insert(head.end(), buckets.begin(), buckets.end());
  Table totals(head, {false, true, true, true, true, true, true, true});
  for (const AgingLine& t : r->totals) totals.AddRow(AgingCells(t, true));
  Appendf(&env.out, "\n  totals\n%s", r->totals.empty() ? "    nothing open\n" : Indent(totals.Render(), 4).c_str());
  if (rows.empty()) return kExitOk;
  std::vector<std::string> chead{"customer", "name", "company"};
  chead.insert(chead.end(), head.begin(), head.end());
  Table t(chead, {false, false, false, false, true, true, true, true, true, true, true});
  for (const AgingRow* row : rows) {
    std::vector<std::string> cells{row->customer_id, row->name, row->company.empty() ? "-" : row->company};
    for (std::string& c : AgingCells(row->line, true)) cells.push_back(std::move(c));
    t.AddRow(std::move(cells));
  }
  Appendf(&env.out, "\n  customers, largest past due first (%s of %s)\n%s", GroupDigits(rows.size()).c_str(),
          GroupDigits(r->rows.size()).c_str(), Indent(t.Render(), 4).c_str());
  return kExitOk;
}

namespace {

std::string DsoText(const std::optional<int64_t>& tenths, bool lower_bound = false) {
  if (!tenths) return "-";
  return (lower_bound ? ">" : "") + Tenths(*tenths);
}

std::string MonthName(const Period& p) { return FormatDate(p.first).substr(0, 7); }

void DsoJson(const Dso& d, JsonWriter* w) {
  w->Key("dso_countback");
  d.countback_tenths ? w->Raw(Tenths(*d.countback_tenths)) : w->Null();
  w->Key("countback_exhausted").Bool(d.countback_exhausted).Key("dso_simple");
  d.simple_tenths ? w->Raw(Tenths(*d.simple_tenths)) : w->Null();
}

std::vector<const CustomerBehaviour*> SlowestPayers(const std::vector<CustomerBehaviour>& all, const ReportOptions& o) {
  std::vector<const CustomerBehaviour*> rows;
  for (const CustomerBehaviour& c : all) {
    if (c.behaviour.items) rows.push_back(&c);
  }
  if (o.format == OutputFormat::kText) {
    std::stable_sort(rows.begin(), rows.end(), [](const CustomerBehaviour* a, const CustomerBehaviour* b) {
      return a->behaviour.days_beyond_terms_tenths > b->behaviour.days_beyond_terms_tenths;
    });
  }
  rows.resize(RowsToShow(o, rows.size(), 15));
  return rows;
}

}  // namespace

int RunReportDso(CommandEnv& env, const ReportOptions& o, int months, const std::string& method) {
  Date as_of;
  if (!ParseAsOf(env, o.as_of, &as_of)) return kExitUsage;
  Result<DsoReport> r = BuildDsoReport(*env.service, as_of, months);
  if (!r.ok()) return ReportFailure(env, r.status());
  const bool countback = method != "simple", simple = method != "countback";
  const std::vector<const CustomerBehaviour*> customers = SlowestPayers(r->customers, o);

  if (o.format == OutputFormat::kJson) {
    JsonWriter w;
    w.BeginObject().Key("as_of").String(FormatDate(r->as_of)).Key("months").Int(months);
    w.Key("simple_months").Int(std::min(months, kSimpleDsoMonths)).Key("currencies").BeginArray();
    for (const CurrencyDso& c : r->currencies) {
      w.BeginObject().Key("currency").String(c.currency.code());
      w.Key("receivables").Raw(Amount(c.trend.back().ar_end, c.currency));
      DsoJson(c.trend.back().dso, &w);
      w.Key("trend").BeginArray();
      for (const DsoPoint& p : c.trend) {
        w.BeginObject().Key("month").String(MonthName(p.period)).Key("first").String(FormatDate(p.period.first));
        w.Key("last").String(FormatDate(p.period.last)).Key("sales").Raw(Amount(p.sales, c.currency));
        w.Key("receivables_at_end").Raw(Amount(p.ar_end, c.currency));
        DsoJson(p.dso, &w);
        w.EndObject();
      }
      w.EndArray().EndObject();
    }
    w.EndArray().Key("customers").BeginArray();
    for (const CustomerBehaviour* c : customers) {
      w.BeginObject().Key("customer_id").String(c->customer_id).Key("name").String(c->name);
      w.Key("invoices_paid").Uint(c->behaviour.items);
      w.Key("average_days_to_pay").Raw(Tenths(c->behaviour.days_to_pay_tenths));
      w.Key("average_days_beyond_terms").Raw(Tenths(c->behaviour.days_beyond_terms_tenths)).EndObject();
    }
    w.EndArray().EndObject();
    Appendf(&env.out, "%s\n", w.str().c_str());
    return kExitOk;
  }
  const auto opt = [](const std::optional<int64_t>& t) { return t ? Tenths(*t) : std::string(); };
  if (o.format == OutputFormat::kCsv) {
    env.out += CsvLine({"row", "currency", "month", "first", "last", "sales", "receivables_at_end", "dso_countback",
                        "dso_simple", "customer_id", "name", "invoices_paid", "average_days_to_pay",
                        "average_days_beyond_terms"});
    for (const CurrencyDso& c : r->currencies) {
      for (const DsoPoint& p : c.trend) {
        env.out += CsvLine({"month", std::string(c.currency.code()), MonthName(p.period), FormatDate(p.period.first),
                            FormatDate(p.period.last), Amount(p.sales, c.currency), Amount(p.ar_end, c.currency),
                            countback ? opt(p.dso.countback_tenths) : "", simple ? opt(p.dso.simple_tenths) : "",
                            "", "", "", "", ""});
      }
    }
    for (const CustomerBehaviour* c : customers) {
      env.out += CsvLine({"customer", "", "", "", "", "", "", "", "", c->customer_id, c->name,
                          std::to_string(c->behaviour.items), Tenths(c->behaviour.days_to_pay_tenths),
                          Tenths(c->behaviour.days_beyond_terms_tenths)});
    }
    return kExitOk;
  }
  Appendf(&env.out, "DSO as of %s, per currency\n", FormatDate(r->as_of).c_str());
  if (countback) {
    Appendf(&env.out, "  count-back: walk back month by month from as_of, taking each month's sales off the "
                      "receivables, counting its days, until they are used up\n");
  }
  if (simple) {
    Appendf(&env.out, "  simple: receivables at the end / sales of the last %d months x their days\n",
            std::min(months, kSimpleDsoMonths));
  }
  if (r->currencies.empty()) Appendf(&env.out, "\n  no receivables\n");
  for (const CurrencyDso& c : r->currencies) {
    std::vector<std::string> head{"month", "sales", "receivables at end"};
    if (countback) head.push_back("DSO count-back");
    if (simple) head.push_back("DSO simple");
    Table t(head, {false, true, true, true, true});
    for (const DsoPoint& p : c.trend) {
      std::vector<std::string> cells{MonthName(p.period) + (p.period.last == r->as_of ? " (to date)" : ""),
                                     HumanNumber(p.sales, c.currency.exponent()),
                                     HumanNumber(p.ar_end, c.currency.exponent())};
      if (countback) cells.push_back(DsoText(p.dso.countback_tenths, p.dso.countback_exhausted));
      if (simple) cells.push_back(DsoText(p.dso.simple_tenths));
      t.AddRow(std::move(cells));
    }
    const Dso& now = c.trend.back().dso;
    Appendf(&env.out, "\n  %s: receivables %s", std::string(c.currency.code()).c_str(),
            HumanAmount(c.trend.back().ar_end, c.currency).c_str());
    if (countback) Appendf(&env.out, "; DSO count-back %s days", DsoText(now.countback_tenths, now.countback_exhausted).c_str());
    if (simple) Appendf(&env.out, "; DSO simple %s days", DsoText(now.simple_tenths).c_str());
    Appendf(&env.out, "\n%s", Indent(t.Render(), 4).c_str());
  }
  if (!customers.empty()) {
    Table t({"customer", "name", "invoices paid", "days to pay", "days beyond terms"}, {false, false, true, true, true});
    for (const CustomerBehaviour* c : customers) {
      t.AddRow({c->customer_id, c->name, GroupDigits(c->behaviour.items), Tenths(c->behaviour.days_to_pay_tenths),
                Tenths(c->behaviour.days_beyond_terms_tenths)});
    }
    Appendf(&env.out, "\n  customers paying furthest beyond terms (payments dated %s to %s)\n%s",
            FormatDate(r->periods.front().first).c_str(), FormatDate(r->as_of).c_str(), Indent(t.Render(), 4).c_str());
  }
  return kExitOk;
}

}  // namespace cashmatch::tools
