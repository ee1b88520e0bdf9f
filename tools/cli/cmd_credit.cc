// `cashmatch report credit`: credit exposure per customer and currency
// against the credit limit, with risk flags (docs/credit.md).
#include <shared_mutex>

#include "commands.h"
#include "credit_report.h"
#include "format.h"
#include "json_writer.h"
#include "outbox_format.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

std::string Amount(int64_t minor, Currency c) { return FormatMoney(Money{minor, c}); }

std::string Reasons(const CreditLine& l) {
  std::string out;
  for (const std::string& r : l.risk_reasons) out += (out.empty() ? "" : "; ") + r;
  return out;
}

ResultTable CsvTable(const std::vector<CreditLine>& lines) {
  ResultTable t;
  t.columns = {"customer_id", "name", "currency", "open_invoices", "open_credits", "on_account",
               "unapplied", "exposure", "limit_currency", "limit", "over_limit", "oldest_days_past_due",
               "avg_days_late", "returns", "high_risk", "risk_reasons"};
  for (const CreditLine& l : lines) {
    t.rows.push_back({{l.customer_id}, {l.name}, {std::string(l.currency.code())},
                      {Amount(l.open_invoices, l.currency)}, {Amount(l.open_credits, l.currency)},
                      {Amount(l.on_account, l.currency)}, {Amount(l.unapplied, l.currency)},
                      {Amount(l.exposure, l.currency)},
                      {l.limit ? std::string(l.limit->currency.code()) : ""},
                      {l.limit ? FormatMoney(*l.limit) : ""}, {l.over_limit ? "true" : "false"},
                      {std::to_string(l.oldest_days_past_due)}, {std::to_string(l.avg_days_late)},
                      {std::to_string(l.returns)}, {l.high_risk ? "true" : "false"}, {Reasons(l)}});
  }
  return t;
}

}  // namespace

int RunReportCredit(CommandEnv& env, bool json, bool csv, bool over_limit_only, const std::string& as_of_text) {
  Date as_of = Timestamp::Now().date();
  if (!as_of_text.empty()) {
    Result<Date> d = ParseDate(as_of_text);
    if (!d.ok()) return Refuse(env, "--as-of '" + as_of_text + "': " + std::string(d.status().reason()));
    as_of = *d;
  }
  Service& service = *env.service;
  Result<std::vector<CreditLine>> report = [&] {
    std::shared_lock lock(service.ledger_mutex());
    return BuildCreditReport(service.store(), service.ledger(), service.config().collections.credit, as_of);
  }();
  if (!report.ok()) return ReportFailure(env, report.status());
  std::vector<CreditLine> lines;
  for (CreditLine& l : *report) {
    if (!over_limit_only || l.over_limit) lines.push_back(std::move(l));
  }
  if (csv) {
    env.out += RenderCsv(CsvTable(lines));
    return kExitOk;
  }
  if (json) {
    JsonWriter w;
    w.BeginObject().Key("as_of").String(FormatDate(as_of)).Key("customers").BeginArray();
    for (const CreditLine& l : lines) {
      w.BeginObject().Key("customer_id").String(l.customer_id).Key("name").String(l.name);
      w.Key("currency").String(l.currency.code());
      w.Key("open_invoices").Raw(Amount(l.open_invoices, l.currency));
      w.Key("open_credits").Raw(Amount(l.open_credits, l.currency));
      w.Key("on_account").Raw(Amount(l.on_account, l.currency));
      w.Key("unapplied").Raw(Amount(l.unapplied, l.currency));
      w.Key("exposure").Raw(Amount(l.exposure, l.currency));
      if (l.limit) {
        w.Key("limit").BeginObject().Key("currency").String(l.limit->currency.code());
        w.Key("amount").Raw(FormatMoney(*l.limit)).EndObject();
      } else {
        w.Key("limit").Null();
      }
      w.Key("limit_other_currency").Bool(l.limit_other_currency).Key("over_limit").Bool(l.over_limit);
      w.Key("oldest_days_past_due").Int(l.oldest_days_past_due).Key("avg_days_late").Int(l.avg_days_late);
      w.Key("payments_measured").Uint(l.payments_measured).Key("returns").Uint(l.returns);
      w.Key("high_risk").Bool(l.high_risk).Key("risk_reasons").BeginArray();
      for (const std::string& r : l.risk_reasons) w.String(r);
      w.EndArray().EndObject();
    }
    Appendf(&env.out, "%s\n", w.EndArray().EndObject().str().c_str());
    return kExitOk;
  }
  if (lines.empty()) {
    Appendf(&env.out, "%s\n", over_limit_only ? "no customer is over its credit limit" : "no exposure");
    return kExitOk;
  }
  Table t({"customer", "cur", "open", "credits", "cash held", "exposure", "limit", "over", "past due",
           "avg late", "returns", "risk"},
          {false, false, true, true, true, true, true, false, true, true, true, false});
  for (const CreditLine& l : lines) {
    const int e = l.currency.exponent();
    std::string limit = "-";
    if (l.limit) {
      limit = l.limit_other_currency ? HumanAmount(l.limit->minor, l.limit->currency) + " (not compared)"
                                     : HumanNumber(l.limit->minor, e);
    }
    t.AddRow({l.customer_id, std::string(l.currency.code()), HumanNumber(l.open_invoices, e),
              HumanNumber(l.open_credits, e), HumanNumber(l.on_account + l.unapplied, e),
              HumanNumber(l.exposure, e), limit, l.over_limit ? "OVER" : "",
              std::to_string(l.oldest_days_past_due) + "d", std::to_string(l.avg_days_late) + "d",
              std::to_string(l.returns), l.high_risk ? "HIGH: " + Reasons(l) : ""});
  }
  Appendf(&env.out, "%s", t.Render().c_str());
  Appendf(&env.out, "as of %s; exposure = open invoices + open credit memos - cash on account - unapplied "
                    "payments identified as the customer's\n",
          FormatDate(as_of).c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
