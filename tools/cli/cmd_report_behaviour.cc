// `report behaviour`, `report performance`, and the behaviour block of
// `customer show`.
#include <algorithm>

#include "format.h"
#include "report_output.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

std::string Preferred(const PaymentBehaviour& b) {
  return b.payments ? std::string(ChannelName(b.preferred)) : "-";
}

void BehaviourFields(const PaymentBehaviour& b, JsonWriter* w) {
  w->Key("invoices_paid").Uint(b.items).Key("on_time").Uint(b.on_time);
  w->Key("on_time_pct");
  b.items ? w->Raw(PercentOf(b.on_time, b.items)) : w->Null();
  w->Key("median_days_beyond_terms");
  b.items ? w->Int(b.median_delay) : w->Null();
  w->Key("average_days_to_pay").Raw(Tenths(b.days_to_pay_tenths));
  w->Key("average_days_beyond_terms").Raw(Tenths(b.days_beyond_terms_tenths));
  w->Key("short_pays").Uint(b.short_pays).Key("short_pay_pct");
  b.items ? w->Raw(PercentOf(b.short_pays, b.items)) : w->Null();
  w->Key("discounts_taken").Uint(b.discounts_taken).Key("discounts_taken_late").Uint(b.discounts_late);
  w->Key("payments").Uint(b.payments).Key("channels").BeginObject();
  for (int k = 0; k < kChannels; ++k) w->Key(ChannelName(static_cast<Channel>(k))).Uint(b.by_channel[k]);
  w->EndObject().Key("preferred_channel");
  b.payments ? w->String(ChannelName(b.preferred)) : w->Null();
}

std::vector<std::string> BehaviourCells(const PaymentBehaviour& b) {
  return {std::to_string(b.items), PercentOf(b.on_time, b.items), b.items ? std::to_string(b.median_delay) : "-",
          Tenths(b.days_to_pay_tenths), Tenths(b.days_beyond_terms_tenths), PercentOf(b.short_pays, b.items),
          std::to_string(b.discounts_late) + "/" + std::to_string(b.discounts_taken), std::to_string(b.payments),
          Preferred(b)};
}

const std::vector<std::string> kBehaviourColumns = {
    "invoices_paid", "on_time_pct", "median_days_beyond_terms", "average_days_to_pay", "average_days_beyond_terms",
    "short_pay_pct", "discounts_late_of_taken", "payments", "preferred_channel"};

}  // namespace

void AppendBehaviourJson(const PaymentBehaviour& b, JsonWriter* w) {
  w->BeginObject();
  BehaviourFields(b, w);
  w->EndObject();
}

void AppendBehaviourText(const PaymentBehaviour& b, std::string* out) {
  if (b.items == 0) return;
  Appendf(out, "  on time        %s%% of %s invoices paid; typical delay %d days beyond terms (median)\n",
          PercentOf(b.on_time, b.items).c_str(), GroupDigits(b.items).c_str(), b.median_delay);
  Appendf(out, "  short pays     %s%%; discounts taken late %llu of %llu; prefers %s\n",
          PercentOf(b.short_pays, b.items).c_str(), static_cast<unsigned long long>(b.discounts_late),
          static_cast<unsigned long long>(b.discounts_taken), Preferred(b).c_str());
}

int RunReportBehaviour(CommandEnv& env, const ReportOptions& o, int months, const std::string& customer) {
  BehaviourQuery q;
  if (!ParseAsOf(env, o.as_of, &q.as_of)) return kExitUsage;
  q.months = months;
  q.customer_id = customer;
  Result<BehaviourReport> r = BuildBehaviourReport(*env.service, q);
  if (!r.ok()) return ReportFailure(env, r.status());
  std::vector<const CustomerBehaviour*> rows;
  for (const CustomerBehaviour& c : r->customers) rows.push_back(&c);
  if (o.format == OutputFormat::kText) {
    std::stable_sort(rows.begin(), rows.end(), [](const CustomerBehaviour* a, const CustomerBehaviour* b) {
      return a->behaviour.median_delay > b->behaviour.median_delay;
    });
  }
  rows.resize(RowsToShow(o, rows.size(), 25));
  if (o.format == OutputFormat::kJson) {
    JsonWriter w;
    w.BeginObject().Key("as_of").String(FormatDate(r->as_of)).Key("from").String(FormatDate(r->window.first));
    w.Key("customers").Uint(r->customers.size()).Key("rows").BeginArray();
    for (const CustomerBehaviour* c : rows) {
      w.BeginObject().Key("customer_id").String(c->customer_id).Key("name").String(c->name);
      BehaviourFields(c->behaviour, &w);
      w.EndObject();
    }
    w.EndArray().EndObject();
    Appendf(&env.out, "%s\n", w.str().c_str());
    return kExitOk;
  }
  if (o.format == OutputFormat::kCsv) {
    std::vector<std::string> head{"customer_id", "name"};
    head.insert(head.end(), kBehaviourColumns.begin(), kBehaviourColumns.end());
    env.out += CsvLine(head);
    for (const CustomerBehaviour* c : rows) {
      std::vector<std::string> cells{c->customer_id, c->name};
      for (std::string& s : BehaviourCells(c->behaviour)) cells.push_back(std::move(s));
      env.out += CsvLine(cells);
    }
    return kExitOk;
  }
  Appendf(&env.out, "Payment behaviour, payments dated %s to %s (%s customers paid)\n",
          FormatDate(r->window.first).c_str(), FormatDate(r->as_of).c_str(), GroupDigits(r->customers.size()).c_str());
  if (rows.empty()) return kExitOk;
  Table t({"customer", "name", "paid", "on time %", "median delay", "days to pay", "beyond terms", "short %",
           "late disc.", "payments", "channel"},
          {false, false, true, true, true, true, true, true, true, true, false});
  for (const CustomerBehaviour* c : rows) {
    std::vector<std::string> cells{c->customer_id, c->name};
    for (std::string& s : BehaviourCells(c->behaviour)) cells.push_back(std::move(s));
    t.AddRow(std::move(cells));
  }
  Appendf(&env.out, "\n  longest typical delay first (%s of %s)\n%s", GroupDigits(rows.size()).c_str(),
          GroupDigits(r->customers.size()).c_str(), Indent(t.Render(), 4).c_str());
  return kExitOk;
}

namespace {

constexpr std::string_view kAgeNames[4] = {"0-30", "31-60", "61-90", "90+"};

void CountsJson(const MatchCounts& c, JsonWriter* w) {
  w->Key("payments").Uint(c.payments).Key("automatic").Uint(c.automatic).Key("manual").Uint(c.manual);
  w->Key("open").Uint(c.open).Key("auto_match_pct");
  c.payments ? w->Raw(PercentOf(c.automatic, c.payments)) : w->Null();
}

std::vector<std::string> CountCells(const MatchCounts& c) {
  return {std::to_string(c.payments), std::to_string(c.automatic), std::to_string(c.manual), std::to_string(c.open),
          PercentOf(c.automatic, c.payments)};
}

// Customers whose payments most often needed a person (manual or open).
std::vector<std::pair<std::string, MatchCounts>> NeedingPeople(const PerformanceReport& r) {
  std::vector<std::pair<std::string, MatchCounts>> out;
  for (const auto& [id, c] : r.by_customer) {
    if (c.manual + c.open > 0) out.emplace_back(id, c);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second.manual + a.second.open > b.second.manual + b.second.open;
  });
  return out;
}

}  // namespace

int RunReportPerformance(CommandEnv& env, const ReportOptions& o, int days) {
  Date as_of;
  if (!ParseAsOf(env, o.as_of, &as_of)) return kExitUsage;
  Result<PerformanceReport> r = BuildPerformanceReport(*env.service, as_of, days);
  if (!r.ok()) return ReportFailure(env, r.status());
  std::vector<std::pair<std::string, MatchCounts>> people = NeedingPeople(*r);
  people.resize(RowsToShow(o, people.size(), 10));
  const auto group = [&](std::string_view name, const std::map<std::string, MatchCounts>& m, JsonWriter* w) {
    w->Key(name).BeginArray();
    for (const auto& [k, c] : m) {
      w->BeginObject().Key("key").String(k);
      CountsJson(c, w);
      w->EndObject();
    }
    w->EndArray();
  };
  if (o.format == OutputFormat::kJson) {
    JsonWriter w;
    w.BeginObject().Key("as_of").String(FormatDate(r->as_of)).Key("from").String(FormatDate(r->window.first));
    w.Key("all").BeginObject();
    CountsJson(r->all, &w);
    w.EndObject().Key("by_method").BeginObject();
    for (const auto& [m, n] : r->by_method) w.Key(m).Uint(n);
    w.EndObject();
    group("by_day", r->by_day, &w);
    group("by_format", r->by_format, &w);
    w.Key("needing_people").BeginArray();
    for (const auto& [id, c] : people) {
      w.BeginObject().Key("customer_id").String(id);
      CountsJson(c, &w);
      w.EndObject();
    }
    w.EndArray().Key("unapplied_by_age").BeginArray();
    for (const auto& [code, amounts] : r->unapplied_by_age) {
      const Currency c = *Currency::FromCode(code);
      for (int b = 0; b < 4; ++b) {
        w.BeginObject().Key("currency").String(code).Key("age_days").String(kAgeNames[b]);
        w.Key("payments").Uint(r->unapplied_count_by_age.at(code)[b]);
        w.Key("amount").Raw(FormatMinorUnits(amounts[b], c.exponent())).EndObject();
      }
    }
    w.EndArray().EndObject();
    Appendf(&env.out, "%s\n", w.str().c_str());
    return kExitOk;
  }
  if (o.format == OutputFormat::kCsv) {
    env.out += CsvLine({"group", "key", "payments", "automatic", "manual", "open", "auto_match_pct", "currency",
                        "amount"});
    env.out += CsvLine({"all", "", std::to_string(r->all.payments), std::to_string(r->all.automatic),
                        std::to_string(r->all.manual), std::to_string(r->all.open),
                        PercentOf(r->all.automatic, r->all.payments), "", ""});
    for (const auto& [m, n] : r->by_method) {
      env.out += CsvLine({"method", m, std::to_string(n), std::to_string(n), "0", "0", "", "", ""});
    }
    const auto rows = [&](const std::string& g, const auto& list) {
      for (const auto& [k, c] : list) {
        std::vector<std::string> cells{g, k};
        for (std::string& s : CountCells(c)) cells.push_back(std::move(s));
        cells.insert(cells.end(), {"", ""});
        env.out += CsvLine(cells);
      }
    };
    rows("day", r->by_day);
    rows("format", r->by_format);
    rows("needing_people", people);
    for (const auto& [code, amounts] : r->unapplied_by_age) {
      const Currency c = *Currency::FromCode(code);
      for (int b = 0; b < 4; ++b) {
        env.out += CsvLine({"unapplied_age", std::string(kAgeNames[b]),
                            std::to_string(r->unapplied_count_by_age.at(code)[b]), "", "", "", "", code,
                            FormatMinorUnits(amounts[b], c.exponent())});
      }
    }
    return kExitOk;
  }
  Appendf(&env.out, "Cash application, payments dated %s to %s\n", FormatDate(r->window.first).c_str(),
          FormatDate(r->as_of).c_str());
  Appendf(&env.out, "  %s payments: %s automatic (%s%%), %s by a person, %s open\n",
          GroupDigits(r->all.payments).c_str(), GroupDigits(r->all.automatic).c_str(),
          PercentOf(r->all.automatic, r->all.payments).c_str(), GroupDigits(r->all.manual).c_str(),
          GroupDigits(r->all.open).c_str());
  const std::vector<std::string> head{"payments", "automatic", "manual", "open", "auto %"};
  const auto table = [&](const std::string& title, const std::string& key, const auto& list) {
    if (list.empty()) return;
    std::vector<std::string> h{key};
    h.insert(h.end(), head.begin(), head.end());
    Table t(h, {false, true, true, true, true, true});
    for (const auto& [k, c] : list) {
      std::vector<std::string> cells{k.empty() ? "(unidentified)" : k};
      for (std::string& s : CountCells(c)) cells.push_back(std::move(s));
      t.AddRow(std::move(cells));
    }
    Appendf(&env.out, "\n  %s\n%s", title.c_str(), Indent(t.Render(), 4).c_str());
  };
  if (!r->by_method.empty()) {
    Table t({"method", "payments", "share %"}, {false, true, true});
    for (const auto& [m, n] : r->by_method) t.AddRow({m, std::to_string(n), PercentOf(n, r->all.payments)});
    Appendf(&env.out, "\n  automatic, by method\n%s", Indent(t.Render(), 4).c_str());
  }
  table("by bank format", "format", r->by_format);
  table("by day (value date)", "day", r->by_day);
  table("customers whose payments most often need a person", "customer", people);
  if (!r->unapplied_by_age.empty()) {
    Table t({"currency", "age (days)", "payments", "unapplied"}, {false, false, true, true});
    for (const auto& [code, amounts] : r->unapplied_by_age) {
      for (int b = 0; b < 4; ++b) {
        t.AddRow({code, std::string(kAgeNames[b]), GroupDigits(r->unapplied_count_by_age.at(code)[b]),
                  HumanNumber(amounts[b], Currency::FromCode(code)->exponent())});
      }
    }
    Appendf(&env.out, "\n  unapplied cash in the work queue, by age (as of minus value date)\n%s",
            Indent(t.Render(), 4).c_str());
  }
  return kExitOk;
}

}  // namespace cashmatch::tools
