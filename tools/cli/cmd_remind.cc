// `cashmatch remind`: collections reminders by e-mail, per the dunning
// policy of the configuration (docs/reminders.md); --dry-run shows them.
#include <mutex>
#include <shared_mutex>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
#include "reminders.h"

namespace cashmatch::tools {
namespace {

// Two runs at once in one process (two admin requests) would both find the
// same reminders unsent.
std::mutex remind_mutex;

void AppendPlanJson(const ReminderPlan& plan, const std::vector<ReminderOutcome>* sent, JsonWriter* w) {
  w->BeginObject().Key("as_of").String(FormatDate(plan.as_of)).Key("dry_run").Bool(sent == nullptr);
  w->Key("reminders").BeginArray();
  for (size_t i = 0; i < plan.reminders.size(); ++i) {
    const PlannedReminder& r = plan.reminders[i];
    w->BeginObject().Key("customer_id").String(r.customer_id).Key("to").BeginArray();
    for (const std::string& a : r.to) w->String(a);
    w->EndArray().Key("step").String(r.step).Key("subject").String(r.subject).Key("body").String(r.body);
    w->Key("invoices").BeginArray();
    for (const ReminderInvoice& inv : r.invoices) {
      w->BeginObject().Key("company").String(inv.company).Key("invoice_id").String(inv.invoice_id);
      w->Key("currency").String(inv.open.currency.code()).Key("open_amount").Raw(FormatMoney(inv.open));
      w->Key("due_date").String(FormatDate(inv.due)).Key("days_past_due").Int(inv.days_past_due);
      w->Key("step").String(inv.step).EndObject();
    }
    w->EndArray();
    if (sent) {
      const Status& st = (*sent)[i].status;
      w->Key("sent").Bool(st.ok());
      if (!st.ok()) w->Key("error").String(st.ToString());
    }
    w->EndObject();
  }
  w->EndArray().Key("excluded").BeginArray();
  for (const ReminderExclusion& x : plan.excluded) {
    w->BeginObject().Key("customer_id").String(x.customer_id).Key("company").String(x.company);
    w->Key("invoice_id").String(x.invoice_id).Key("reason").String(x.reason).EndObject();
  }
  w->EndArray().Key("already_sent").Uint(plan.already_sent).EndObject();
}

}  // namespace

int RunRemind(CommandEnv& env, bool json, bool dry_run, const std::string& as_of_text) {
  Date as_of = Timestamp::Now().date();
  if (!as_of_text.empty()) {
    Result<Date> d = ParseDate(as_of_text);
    if (!d.ok()) return Refuse(env, "--as-of '" + as_of_text + "': " + std::string(d.status().reason()));
    as_of = *d;
  }
  Service& service = *env.service;
  const CollectionsConfig& cfg = service.config().collections;
  if (cfg.dunning.steps.empty()) {
    return Refuse(env, "no dunning policy: add [[dunning.steps]] to the configuration (docs/reminders.md)");
  }
  if (!dry_run && (cfg.smtp.host.empty() || cfg.smtp.from.empty())) {
    return Refuse(env, "no SMTP server configured: set [smtp] host and from, or use --dry-run");
  }
  std::lock_guard run_lock(remind_mutex);
  Result<ReminderPlan> plan = [&] {
    std::shared_lock lock(service.ledger_mutex());
    return PlanReminders(service.store(), service.ledger(), cfg.dunning, as_of);
  }();
  if (!plan.ok()) return ReportFailure(env, plan.status());
  std::vector<ReminderOutcome> outcomes;
  if (!dry_run) {
    Result<std::vector<ReminderOutcome>> sent = SendReminders(service.store(), *plan, cfg.smtp, Timestamp::Now());
    if (!sent.ok()) return ReportFailure(env, sent.status());
    outcomes = std::move(*sent);
  }
  size_t failed = 0;
  for (const ReminderOutcome& o : outcomes) failed += !o.status.ok();
  if (json) {
    JsonWriter w;
    AppendPlanJson(*plan, dry_run ? nullptr : &outcomes, &w);
    Appendf(&env.out, "%s\n", w.str().c_str());
  } else {
    for (size_t i = 0; i < plan->reminders.size(); ++i) {
      const PlannedReminder& r = plan->reminders[i];
      std::string to;
      for (const std::string& a : r.to) to += (to.empty() ? "" : ", ") + a;
      const char* verb = dry_run ? "would send" : outcomes[i].status.ok() ? "sent" : "FAILED";
      Appendf(&env.out, "%s %s to %s (%s): %s\n", verb, r.customer_id.c_str(), to.c_str(), r.step.c_str(),
              r.subject.c_str());
      for (const ReminderInvoice& inv : r.invoices) {
        Appendf(&env.out, "    %s%s  due %s  %s  [%s]\n", inv.company.empty() ? "" : (inv.company + "/").c_str(),
                inv.invoice_id.c_str(), FormatDate(inv.due).c_str(),
                HumanAmount(inv.open.minor, inv.open.currency).c_str(), inv.step.c_str());
      }
      if (!dry_run && !outcomes[i].status.ok()) {
        Appendf(&env.err, "cashmatch: reminder to %s not sent: %s\n", r.customer_id.c_str(),
                outcomes[i].status.ToString().c_str());
      }
    }
    for (const ReminderExclusion& x : plan->excluded) {
      Appendf(&env.out, "not reminded: %s%s%s: %s\n", x.customer_id.c_str(), x.invoice_id.empty() ? "" : " ",
              (x.company.empty() ? x.invoice_id : x.company + "/" + x.invoice_id).c_str(), x.reason.c_str());
    }
    Appendf(&env.out, "%s e-mail%s %s as of %s; %s excluded; %llu already sent before\n",
            GroupDigits(plan->reminders.size() - failed).c_str(), plan->reminders.size() == 1 ? "" : "s",
            dry_run ? "would be sent" : "sent", FormatDate(as_of).c_str(), GroupDigits(plan->excluded.size()).c_str(),
            static_cast<unsigned long long>(plan->already_sent));
  }
  return failed ? kExitRefused : kExitOk;
}

}  // namespace cashmatch::tools
