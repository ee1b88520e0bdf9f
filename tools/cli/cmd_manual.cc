// Operators' hands-on commands: apply, unapply, alias.
#include <cstdio>
#include <shared_mutex>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

void PrintManual(const ManualReport& r, const CliContext& ctx, const char* what) {
  if (ctx.json) {
    JsonWriter w;
    w.BeginObject().Key("batch_id").Uint(r.batch_id).Key("applications").Uint(r.applications);
    w.Key("customer_id").String(r.customer_id).Key("left").Raw(FormatMoney(r.left));
    w.Key("learned").BeginArray();
    for (const std::string& l : r.learned) w.String(l);
    w.EndArray().EndObject();
    std::printf("%s\n", w.str().c_str());
    return;
  }
  std::printf("%s, batch %llu: %s rows; %s left to apply\n", what,
              static_cast<unsigned long long>(r.batch_id), GroupDigits(r.applications).c_str(),
              HumanAmount(r.left.minor, r.left.currency).c_str());
  for (const std::string& l : r.learned) {
    std::printf("  learned for %s: %s\n", r.customer_id.c_str(), l.c_str());
  }
}

}  // namespace

int RunApply(Service& service, const CliContext& ctx, uint64_t payment_id,
             const std::vector<std::string>& targets) {
  Result<Payment> payment = service.store().GetPayment(payment_id);
  if (!payment.ok()) return ReportFailure(payment.status());
  std::vector<ManualTarget> parsed;
  for (const std::string& t : targets) {
    // [COMPANY/]INVOICE[:AMOUNT]
    ManualTarget m;
    std::string id = t;
    if (const size_t colon = id.rfind(':'); colon != std::string::npos) {
      Result<int64_t> minor = ParseMinorUnits(id.substr(colon + 1), payment->amount.currency.exponent());
      if (!minor.ok() || *minor <= 0) {
        std::fprintf(stderr, "cashmatch: '%s': the amount after ':' must be a positive amount in %s\n",
                     t.c_str(), std::string(payment->amount.currency.code()).c_str());
        return kExitUsage;
      }
      m.amount = *minor;
      id.resize(colon);
    }
    if (const size_t slash = id.find('/'); slash != std::string::npos) {
      m.company = id.substr(0, slash);
      id = id.substr(slash + 1);
    }
    m.invoice_id = id;
    parsed.push_back(std::move(m));
  }
  Result<ManualReport> r = service.ApplyManually(payment_id, parsed);
  if (!r.ok()) return ReportFailure(r.status());
  PrintManual(*r, ctx, "applied");
  return kExitOk;
}

int RunUnapply(Service& service, const CliContext& ctx, uint64_t payment_id) {
  Result<ManualReport> r = service.Unapply(payment_id);
  if (!r.ok()) return ReportFailure(r.status());
  PrintManual(*r, ctx, "reversed");
  return kExitOk;
}

int RunAlias(Service& service, const CliContext& ctx, const std::string& action,
             const std::string& customer_id, const std::string& name, const std::string& account) {
  if (action == "add" || action == "remove") {
    if (customer_id.empty() || name.empty() == account.empty()) {
      std::fprintf(stderr, "cashmatch: alias %s needs CUSTOMER and one of --name or --account\n",
                   action.c_str());
      return kExitUsage;
    }
    const AliasKind kind = name.empty() ? AliasKind::kAccount : AliasKind::kName;
    const std::string& value = name.empty() ? account : name;
    Status s = action == "add" ? service.AddAlias(customer_id, kind, value)
                               : service.RemoveAlias(customer_id, kind, value);
    if (!s.ok()) return ReportFailure(s);
    if (!ctx.json) std::printf("%s %s for %s\n", action == "add" ? "added" : "removed", value.c_str(), customer_id.c_str());
    return kExitOk;
  }
  // list: one customer, or every customer that has any.
  std::shared_lock lock(service.ledger_mutex());
  const Ledger& ledger = service.ledger();
  std::vector<Customer> customers;
  if (!customer_id.empty()) {
    auto no = ledger.FindCustomer(customer_id);
    if (!no) return ReportFailure(Status::NotFound("no customer " + customer_id));
    customers.push_back(ledger.GetCustomer(*no));
  } else {
    for (CustomerNo n = 0; n < ledger.customer_count(); ++n) {
      Customer c = ledger.GetCustomer(n);
      if (!c.aliases.empty() || !c.bank_accounts.empty()) customers.push_back(std::move(c));
    }
  }
  if (ctx.json) {
    JsonWriter w;
    w.BeginArray();
    for (const Customer& c : customers) {
      w.BeginObject().Key("customer_id").String(c.customer_id).Key("aliases").BeginArray();
      for (const auto& a : c.aliases) w.String(a);
      w.EndArray().Key("bank_accounts").BeginArray();
      for (const auto& a : c.bank_accounts) w.String(a);
      w.EndArray().EndObject();
    }
    std::printf("%s\n", w.EndArray().str().c_str());
    return kExitOk;
  }
  Table t({"customer", "kind", "value"});
  for (const Customer& c : customers) {
    for (const auto& a : c.aliases) t.AddRow({c.customer_id, "name", a});
    for (const auto& a : c.bank_accounts) t.AddRow({c.customer_id, "account", a});
  }
  std::printf("%s", t.Render().c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
