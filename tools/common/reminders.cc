#include "reminders.h"

#include <algorithm>
#include <map>
#include <set>

#include "smtp.h"

namespace cashmatch::tools {
namespace {

using InvoiceKey = std::pair<std::string, std::string>;  // company, invoice_id

std::string Replace(std::string text, const std::map<std::string, std::string>& values) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    auto it = values.find(text.substr(open + 1, close - open - 1));
    if (it != values.end()) {
      out += it->second;
    } else {
      out.append(text, open, close - open + 1);  // not ours: left as written
    }
    i = close + 1;
  }
  out.append(text, i);
  return out;
}

// Amount text with the currency code, digits grouped: "USD 1,234.50".
std::string Human(const Money& m) {
  const std::string plain = FormatMoney(m);
  const size_t dot = plain.find('.');
  const size_t int_end = dot == std::string::npos ? plain.size() : dot;
  const size_t start = plain[0] == '-' ? 1 : 0;
  std::string grouped;
  for (size_t i = start; i < int_end; ++i) {
    if (i > start && (int_end - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(plain[i]);
  }
  return std::string(m.currency.code()) + " " + (start ? "-" : "") + grouped + plain.substr(int_end);
}

std::string DueText(int32_t days_past_due) {
  if (days_past_due > 0) return std::to_string(days_past_due) + " days past due";
  if (days_past_due == 0) return "due today";
  return "due in " + std::to_string(-days_past_due) + " days";
}

void Fill(PlannedReminder* r, const DunningStep& step, Date as_of) {
  std::string lines;
  std::map<std::string, Money> totals;
  for (const ReminderInvoice& i : r->invoices) {
    lines += "  " + (i.company.empty() ? "" : i.company + "/") + i.invoice_id + "  due " + FormatDate(i.due) +
             "  " + Human(i.open) + "  (" + DueText(i.days_past_due) + ")\n";
    auto [it, fresh] = totals.try_emplace(std::string(i.open.currency.code()), i.open);
    if (!fresh) it->second.minor += i.open.minor;
  }
  std::string total;
  for (const auto& [code, m] : totals) total += (total.empty() ? "" : ", ") + Human(m);
  const std::map<std::string, std::string> values = {
      {"customer_name", r->customer_name}, {"customer_id", r->customer_id},
      {"invoice_lines", lines},           {"total", total},
      {"invoice_count", std::to_string(r->invoices.size())},
      {"as_of", FormatDate(as_of)},       {"step", step.name}};
  r->step = step.name;
  r->subject = Replace(step.subject, values);
  r->body = Replace(step.body, values);
}

// Header values never carry a line break: a name or address with one
// would add headers of its own.
std::string HeaderSafe(std::string s) {
  for (char& c : s) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return s;
}

std::string RfcDate(Timestamp now) {
  static const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Date d = now.date();
  int y = 0;
  unsigned m = 0, day = 0;
  d.ToCivil(&y, &m, &day);
  const int64_t secs = now.micros / 1'000'000 - int64_t{d.days} * 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[((d.days % 7) + 7) % 7], day,
                kMonths[m - 1], y, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

}  // namespace

Result<ReminderPlan> PlanReminders(const Store& store, const Ledger& ledger, const DunningPolicy& policy,
                                   Date as_of) {
  ReminderPlan plan;
  plan.as_of = as_of;
  if (policy.steps.empty()) return plan;
  std::set<InvoiceKey> disputed;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachDeduction([&](const Deduction& d) {
    if (IsDisputed(d.status)) disputed.insert({d.company, d.invoice_id});
    return true;
  }));
  std::set<std::string> waiting;  // customers with a payment in the work queue
  CASHMATCH_RETURN_IF_ERROR(store.ForEachWorkItem([&](const WorkItem& w) {
    if (!w.customer_id.empty()) waiting.insert(w.customer_id);
    return true;
  }));
  std::vector<CustomerNo> customers(ledger.customer_count());
  for (CustomerNo c = 0; c < customers.size(); ++c) customers[c] = c;
  std::sort(customers.begin(), customers.end(), [&](CustomerNo a, CustomerNo b) {
    return ledger.customer(a).customer_id < ledger.customer(b).customer_id;
  });
  for (CustomerNo c : customers) {
    // Each open invoice's step, before anything is excluded.
    std::vector<std::pair<ReminderInvoice, const DunningStep*>> due;
    for (InvoiceNo n : ledger.OpenInvoicesOfCustomer(c)) {
      const InvoiceView v = ledger.invoice(n);
      if (v.open_amount.minor <= 0) continue;  // credit memos
      const int32_t days = as_of.days - v.due_date.days;
      const DunningStep* step = nullptr;
      for (const DunningStep& s : policy.steps) {
        if (days >= s.offset_days) step = &s;
      }
      if (step == nullptr) continue;
      due.push_back({{std::string(v.company), std::string(v.invoice_id), v.open_amount, v.due_date, days,
                      step->name},
                     step});
    }
    if (due.empty()) continue;
    const CustomerView cv = ledger.customer(c);
    const std::string customer_id(cv.customer_id);
    std::set<std::pair<InvoiceKey, std::string>> sent;
    CASHMATCH_RETURN_IF_ERROR(store.ForEachSentReminderOfCustomer(customer_id, [&](const SentReminder& s) {
      sent.insert({{s.company, s.invoice_id}, s.step});
      return true;
    }));
    PlannedReminder r;
    r.customer_id = customer_id;
    r.customer_name = std::string(cv.name);
    const DunningStep* worst = nullptr;
    for (auto& [inv, step] : due) {
      const InvoiceKey key{inv.company, inv.invoice_id};
      if (sent.contains({key, inv.step})) {
        ++plan.already_sent;
        continue;
      }
      if (disputed.contains(key)) {
        plan.excluded.push_back({customer_id, inv.company, inv.invoice_id, "in dispute (a deduction is open)"});
        continue;
      }
      if (!worst || step->offset_days > worst->offset_days) worst = step;
      r.invoices.push_back(std::move(inv));
    }
    if (r.invoices.empty()) continue;
    if (waiting.contains(customer_id)) {
      plan.excluded.push_back(
          {customer_id, "", "", "a payment identified as this customer's waits in the work queue"});
      continue;
    }
    r.to = ledger.GetCustomer(c).emails;
    if (r.to.empty()) {
      plan.excluded.push_back({customer_id, "", "", "no e-mail address"});
      continue;
    }
    std::sort(r.invoices.begin(), r.invoices.end(), [](const ReminderInvoice& a, const ReminderInvoice& b) {
      return std::tie(a.due, a.company, a.invoice_id) < std::tie(b.due, b.company, b.invoice_id);
    });
    Fill(&r, *worst, as_of);
    plan.reminders.push_back(std::move(r));
  }
  return plan;
}

std::string RenderMessage(const PlannedReminder& r, const std::string& from, Timestamp now) {
  std::string to;
  for (const std::string& a : r.to) to += (to.empty() ? "" : ", ") + HeaderSafe(a);
  std::string msg = "From: " + HeaderSafe(from) + "\r\nTo: " + to + "\r\nSubject: " + HeaderSafe(r.subject) +
                    "\r\nDate: " + RfcDate(now) + "\r\nMessage-ID: <cashmatch." + std::to_string(now.micros) +
                    "." + std::to_string(std::hash<std::string>{}(r.customer_id)) +
                    "@cashmatch.invalid>\r\nMIME-Version: 1.0\r\n"
                    "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
  // Bare LF in the template becomes CRLF, as SMTP requires.
  for (size_t i = 0; i < r.body.size(); ++i) {
    if (r.body[i] == '\n' && (i == 0 || r.body[i - 1] != '\r')) msg.push_back('\r');
    msg.push_back(r.body[i]);
  }
  if (!msg.ends_with("\r\n")) msg += "\r\n";
  return msg;
}

Result<std::vector<ReminderOutcome>> SendReminders(Store& store, const ReminderPlan& plan,
                                                   const SmtpSettings& smtp, Timestamp now) {
  std::vector<ReminderOutcome> out;
  for (const PlannedReminder& r : plan.reminders) {
    Status sent = SendMail(smtp, r.to, RenderMessage(r, smtp.from, now));
    out.push_back({r.customer_id, sent});
    if (!sent.ok()) continue;
    std::string to;
    for (const std::string& a : r.to) to += (to.empty() ? "" : ",") + a;
    WriteSet set;
    for (const ReminderInvoice& i : r.invoices) {
      set.PutSentReminder({r.customer_id, i.company, i.invoice_id, i.step, now, plan.as_of, i.open, to});
    }
    CASHMATCH_RETURN_IF_ERROR(store.Commit(std::move(set)));
  }
  return out;
}

}  // namespace cashmatch::tools
