// Operators' hands-on commands: apply, unapply, alias.
#include <shared_mutex>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

void PrintManual(const ManualReport& r, bool json, const char* what, std::string* out) {
  if (json) {
    JsonWriter w;
    w.BeginObject().Key("batch_id").Uint(r.batch_id).Key("applications").Uint(r.applications);
    w.Key("customer_id").String(r.customer_id).Key("currency").String(r.left.currency.code());
    w.Key("left").Raw(FormatMoney(r.left));
    w.Key("learned").BeginArray();
    for (const std::string& l : r.learned) w.String(l);
    w.EndArray();
    if (r.reversed_batch_id) w.Key("reversed_batch_id").Uint(r.reversed_batch_id);
    w.Key("reopened").BeginArray();
    for (const std::string& i : r.reopened) w.String(i);
    w.EndArray().EndObject();
    Appendf(out, "%s\n", w.str().c_str());
    return;
  }
  Appendf(out, "%s, batch %llu: %s rows; %s left to apply\n", what, static_cast<unsigned long long>(r.batch_id),
          GroupDigits(r.applications).c_str(), HumanAmount(r.left.minor, r.left.currency).c_str());
  if (r.reversed_batch_id) Appendf(out, "  reversed batch %llu\n", static_cast<unsigned long long>(r.reversed_batch_id));
  for (const std::string& i : r.reopened) Appendf(out, "  reopened %s\n", i.c_str());
  for (const std::string& l : r.learned) Appendf(out, "  learned for %s: %s\n", r.customer_id.c_str(), l.c_str());
}

}  // namespace

int RunApply(CommandEnv& env, bool json, uint64_t payment_id, const std::vector<std::string>& targets) {
  Service& service = *env.service;
  Result<Payment> payment = service.store().GetPayment(payment_id);
  if (!payment.ok()) return ReportFailure(env, payment.status());
  const Currency currency = payment->amount.currency;
  std::vector<ManualTarget> parsed;
  for (const std::string& t : targets) {
    // [COMPANY/]INVOICE[:AMOUNT], the amount in the payment's currency.
    ManualTarget m;
    std::string id = t;
    if (const size_t colon = id.rfind(':'); colon != std::string::npos) {
      Result<int64_t> minor = ParseMinorUnits(id.substr(colon + 1), currency.exponent());
      if (!minor.ok() || *minor <= 0) {
        return Refuse(env, "'" + t + "': the amount after ':' must be a positive amount in " +
                               std::string(currency.code()) + " (at most " + std::to_string(currency.exponent()) +
                               " decimals)");
      }
      m.amount = *minor;
      id.resize(colon);
    }
    if (const size_t slash = id.find('/'); slash != std::string::npos) {
      m.company = id.substr(0, slash);
      id = id.substr(slash + 1);
    }
    if (id.empty()) return Refuse(env, "'" + t + "' names no invoice");
    m.invoice_id = id;
    parsed.push_back(std::move(m));
  }
  Result<ManualReport> r = service.ApplyManually(payment_id, parsed);
  if (!r.ok()) return ReportFailure(env, r.status());
  PrintManual(*r, json, "applied", &env.out);
  return kExitOk;
}

int RunUnapply(CommandEnv& env, bool json, uint64_t payment_id, std::optional<uint64_t> batch, bool all) {
  Service& service = *env.service;
  Result<ManualReport> r = all ? service.Unapply(payment_id) : service.UnapplyBatch(payment_id, batch);
  if (!r.ok()) return ReportFailure(env, r.status());
  PrintManual(*r, json, "reversed", &env.out);
  return kExitOk;
}

int RunAlias(CommandEnv& env, bool json, const std::string& action, const std::string& customer_id,
             const std::string& name, const std::string& account) {
  Service& service = *env.service;
  if (action == "add" || action == "remove") {
    if (customer_id.empty() || name.empty() == account.empty()) {
      Appendf(&env.err, "cashmatch: alias %s needs CUSTOMER and one of --name or --account\n", action.c_str());
      return kExitUsage;
    }
    const AliasKind kind = name.empty() ? AliasKind::kAccount : AliasKind::kName;
    const std::string& value = name.empty() ? account : name;
    Status s = action == "add" ? service.AddAlias(customer_id, kind, value)
                               : service.RemoveAlias(customer_id, kind, value);
    if (!s.ok()) return ReportFailure(env, s);
    const char* done = action == "add" ? "added" : "removed";
    if (json) {
      JsonWriter w;
      w.BeginObject().Key("customer_id").String(customer_id).Key("kind").String(name.empty() ? "account" : "name");
      w.Key("value").String(value).Key("action").String(done).EndObject();
      Appendf(&env.out, "%s\n", w.str().c_str());
    } else {
      Appendf(&env.out, "%s %s '%s' for %s\n", done, name.empty() ? "account" : "name", value.c_str(),
              customer_id.c_str());
    }
    return kExitOk;
  }
  // list: one customer, or every customer that has any.
  std::shared_lock lock(service.ledger_mutex());
  const Ledger& ledger = service.ledger();
  std::vector<Customer> customers;
  if (!customer_id.empty()) {
    auto no = ledger.FindCustomer(customer_id);
    if (!no) return ReportFailure(env, Status::NotFound("no customer " + customer_id));
    customers.push_back(ledger.GetCustomer(*no));
  } else {
    for (CustomerNo n = 0; n < ledger.customer_count(); ++n) {
      Customer c = ledger.GetCustomer(n);
      if (!c.aliases.empty() || !c.bank_accounts.empty()) customers.push_back(std::move(c));
    }
  }
  if (json) {
    JsonWriter w;
    w.BeginArray();
    for (const Customer& c : customers) {
      w.BeginObject().Key("customer_id").String(c.customer_id).Key("aliases").BeginArray();
      for (const auto& a : c.aliases) w.String(a);
      w.EndArray().Key("bank_accounts").BeginArray();
      for (const auto& a : c.bank_accounts) w.String(a);
      w.EndArray().EndObject();
    }
    Appendf(&env.out, "%s\n", w.EndArray().str().c_str());
    return kExitOk;
  }
  if (customers.empty()) {
    Appendf(&env.out, "no aliases or bank accounts recorded\n");
    return kExitOk;
  }
  Table t({"customer", "kind", "value"});
  for (const Customer& c : customers) {
    for (const auto& a : c.aliases) t.AddRow({c.customer_id, "name", a});
    for (const auto& a : c.bank_accounts) t.AddRow({c.customer_id, "account", a});
  }
  Appendf(&env.out, "%s", t.Render().c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
