// Accounts at a glance: `customer show` and `invoice show`.
#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <tuple>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
#include "report_output.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

std::string Joined(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : ", ") + p;
  return s.empty() ? "-" : s;
}

void AppendInvoiceJson(const Invoice& inv, JsonWriter* w) {
  w->BeginObject().Key("company").String(inv.company).Key("invoice_id").String(inv.invoice_id);
  w->Key("customer_id").String(inv.customer_id);
  w->Key("currency").String(inv.amount.currency.code());
  w->Key("amount").Raw(FormatMoney(inv.amount)).Key("open_amount").Raw(FormatMoney(inv.open_amount));
  w->Key("invoice_date").String(FormatDate(inv.invoice_date));
  w->Key("due_date").String(FormatDate(inv.due_date)).Key("po_number").String(inv.po_number);
  w->Key("discount_pct").Raw(FormatMinorUnits(inv.discount_bp, 2));
  w->Key("discount_days").Uint(inv.discount_days).EndObject();
}

void AppendApplicationJson(const Application& a, JsonWriter* w) {
  w->BeginObject().Key("batch_id").Uint(a.batch_id).Key("payment_id").Uint(a.payment_id);
  w->Key("invoice_id").String(a.invoice_id).Key("customer_id").String(a.customer_id);
  w->Key("currency").String(a.applied.currency.code());
  w->Key("applied_amount").Raw(FormatMoney(a.applied));
  w->Key("discount_amount").Raw(FormatMoney(a.discount));
  w->Key("writeoff_amount").Raw(FormatMoney(a.writeoff));
  w->Key("method").String(MatchMethodName(a.method));
  w->Key("confidence").Raw(FormatMinorUnits(a.confidence_bp, 4));
  w->Key("evidence").String(a.evidence).Key("at").String(FormatTimestamp(a.at)).EndObject();
}

// A customer's payments as its applications tell them: cash applied to its
// invoices (or held on its account), per payment.
struct PaidBy {
  Payment payment;
  int64_t applied = 0;  // net, in the payment's currency
  std::vector<std::pair<std::string, std::string>> invoices;  // company, invoice_id, net positive
};
using History = std::vector<PaidBy>;

Result<History> PaymentsOf(const Store& store, const std::string& customer_id) {
  std::map<uint64_t, std::map<std::pair<std::string, std::string>, int64_t>> net;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachApplicationOfCustomer(customer_id, [&](const Application& a) {
    net[a.payment_id][{a.company, a.invoice_id}] += a.applied.minor;
    return true;
  }));
  History out;
  for (const auto& [payment_id, per_invoice] : net) {
    Result<Payment> p = store.GetPayment(payment_id);
    if (!p.ok()) return p.status();
    PaidBy paid{std::move(*p)};
    for (const auto& [key, minor] : per_invoice) {
      paid.applied += minor;
      if (minor > 0 && !key.second.empty()) paid.invoices.push_back(key);
    }
    if (paid.applied != 0) out.push_back(std::move(paid));
  }
  // Most recent first; ids break ties so the order is stable.
  std::sort(out.begin(), out.end(), [](const PaidBy& a, const PaidBy& b) {
    return std::tie(b.payment.value_date, b.payment.payment_id) < std::tie(a.payment.value_date, a.payment.payment_id);
  });
  return out;
}

// How the customer pays: days from invoice date to the payment's value
// date, and how many invoices were paid after their due date.
struct Behaviour {
  uint64_t invoices_paid = 0;
  int64_t total_days = 0;
  uint64_t late = 0;
};

Behaviour BehaviourOf(const History& history, const Ledger& ledger) {
  Behaviour b;
  for (const PaidBy& p : history) {
    for (const auto& [company, invoice_id] : p.invoices) {
      const std::optional<InvoiceNo> no = ledger.FindInvoice(company, invoice_id);
      if (!no) continue;
      const InvoiceView v = ledger.invoice(*no);
      ++b.invoices_paid;
      b.total_days += p.payment.value_date.days - v.invoice_date.days;
      if (p.payment.value_date.days > v.due_date.days) ++b.late;
    }
  }
  return b;
}

constexpr size_t kRecentPayments = 10;

}  // namespace

int RunCustomerShow(CommandEnv& env, bool json, const std::string& customer_id) {
  Service& service = *env.service;
  Result<History> history = PaymentsOf(service.store(), customer_id);
  if (!history.ok()) return ReportFailure(env, history.status());
  Result<PaymentBehaviour> paying = CustomerBehaviourOf(service, customer_id);  // before the lock: it takes it
  if (!paying.ok()) return ReportFailure(env, paying.status());
  std::shared_lock lock(service.ledger_mutex());
  const Ledger& ledger = service.ledger();
  const auto no = ledger.FindCustomer(customer_id);
  if (!no) return ReportFailure(env, Status::NotFound("no customer '" + customer_id + "'"));
  const Customer c = ledger.GetCustomer(*no);
  std::vector<InvoiceNo> nos;
  ledger.InvoicesOfCustomer(*no, &nos);
  std::vector<Invoice> open;
  std::map<std::string, int64_t> open_by_currency;
  for (InvoiceNo n : nos) {
    if (ledger.invoice(n).open_amount.minor == 0) continue;
    open.push_back(ledger.GetInvoice(n));
    open_by_currency[std::string(open.back().open_amount.currency.code())] += open.back().open_amount.minor;
  }
  std::sort(open.begin(), open.end(), [](const Invoice& a, const Invoice& b) {
    return std::tie(a.due_date, a.company, a.invoice_id) < std::tie(b.due_date, b.company, b.invoice_id);
  });
  std::vector<CustomerNo> children;
  ledger.ChildrenOf(*no, &children);
  const Behaviour behaviour = BehaviourOf(*history, ledger);
  const size_t recent = std::min(history->size(), kRecentPayments);
  const Date today = Timestamp::Now().date();

  if (json) {
    JsonWriter w;
    w.BeginObject().Key("customer_id").String(c.customer_id).Key("name").String(c.name);
    w.Key("aliases").BeginArray();
    for (const auto& a : c.aliases) w.String(a);
    w.EndArray().Key("bank_accounts").BeginArray();
    for (const auto& a : c.bank_accounts) w.String(a);
    w.EndArray().Key("parent_id").String(c.parent_id).Key("company").String(c.company);
    w.Key("children").BeginArray();
    for (CustomerNo ch : children) w.String(ledger.customer(ch).customer_id);
    w.EndArray().Key("invoices").Uint(nos.size()).Key("open_invoices").BeginArray();
    for (const Invoice& inv : open) AppendInvoiceJson(inv, &w);
    w.EndArray().Key("predicted_payment_dates").BeginArray();
    for (const Invoice& inv : open) {
      w.BeginObject().Key("company").String(inv.company).Key("invoice_id").String(inv.invoice_id);
      w.Key("date").String(FormatDate(PredictPaymentDate(&*paying, inv.due_date, today))).EndObject();
    }
    w.EndArray().Key("payment_behaviour");
    AppendBehaviourJson(*paying, &w);
    w.Key("recent_payments").BeginArray();
    for (size_t i = 0; i < recent; ++i) {
      const PaidBy& p = (*history)[i];
      w.BeginObject().Key("payment_id").Uint(p.payment.payment_id);
      w.Key("value_date").String(FormatDate(p.payment.value_date));
      w.Key("currency").String(p.payment.amount.currency.code()).Key("amount").Raw(FormatMoney(p.payment.amount));
      w.Key("applied").Raw(FormatMinorUnits(p.applied, p.payment.amount.currency.exponent()));
      w.Key("invoices").BeginArray();
      for (const auto& inv : p.invoices) w.String(inv.second);
      w.EndArray().EndObject();
    }
    w.EndArray().Key("payments").Uint(history->size()).Key("behaviour").BeginObject();
    w.Key("invoices_paid").Uint(behaviour.invoices_paid);
    if (behaviour.invoices_paid) {
      w.Key("average_days_to_pay").Int(behaviour.total_days / static_cast<int64_t>(behaviour.invoices_paid));
      w.Key("paid_late").Uint(behaviour.late);
    }
    w.EndObject().EndObject();
    Appendf(&env.out, "%s\n", w.str().c_str());
    return kExitOk;
  }
  Appendf(&env.out, "%s  %s\n", c.customer_id.c_str(), c.name.c_str());
  Appendf(&env.out, "  aliases        %s\n", Joined(c.aliases).c_str());
  Appendf(&env.out, "  bank accounts  %s\n", Joined(c.bank_accounts).c_str());
  Appendf(&env.out, "  parent         %s\n", c.parent_id.empty() ? "-" : c.parent_id.c_str());
  std::vector<std::string> child_ids;
  for (CustomerNo ch : children) child_ids.emplace_back(ledger.customer(ch).customer_id);
  Appendf(&env.out, "  subsidiaries   %s\n", Joined(child_ids).c_str());
  if (c.credit_limit) Appendf(&env.out, "  credit limit   %s\n", HumanAmount(c.credit_limit->minor, c.credit_limit->currency).c_str());
  Appendf(&env.out, "  invoices       %s (%s open)\n", GroupDigits(nos.size()).c_str(), GroupDigits(open.size()).c_str());
  for (const auto& [code, minor] : open_by_currency) {
    Appendf(&env.out, "  open           %s\n", HumanAmount(minor, *Currency::FromCode(code)).c_str());
  }
  if (behaviour.invoices_paid == 0) {
    Appendf(&env.out, "  pays           no invoice paid through cashmatch yet\n");
  } else {
    const int64_t n = static_cast<int64_t>(behaviour.invoices_paid);
    // Rounded to the nearest whole day and percent, in integers.
    Appendf(&env.out, "  pays           %lld days after the invoice date on average; %llu of %llu invoices late (%llu%%)\n",
            static_cast<long long>((behaviour.total_days * 2 + (behaviour.total_days < 0 ? -n : n)) / (2 * n)),
            static_cast<unsigned long long>(behaviour.late), static_cast<unsigned long long>(n),
            static_cast<unsigned long long>((behaviour.late * 200 + behaviour.invoices_paid) / (2 * behaviour.invoices_paid)));
  }
  AppendBehaviourText(*paying, &env.out);
  if (!open.empty()) {
    Table t({"invoice", "company", "invoice date", "due date", "overdue", "amount", "open", "PO", "expected"},
            {false, false, false, false, true, true, true, false, false});
    for (const Invoice& inv : open) {
      const int32_t overdue = today.days - inv.due_date.days;
      t.AddRow({inv.invoice_id, inv.company.empty() ? "-" : inv.company, FormatDate(inv.invoice_date),
                FormatDate(inv.due_date), overdue > 0 ? std::to_string(overdue) + "d" : "-",
                HumanAmount(inv.amount.minor, inv.amount.currency),
                HumanAmount(inv.open_amount.minor, inv.open_amount.currency),
                inv.po_number.empty() ? "-" : inv.po_number,
                FormatDate(PredictPaymentDate(&*paying, inv.due_date, today))});
    }
    Appendf(&env.out, "\n  open invoices\n%s", Indent(t.Render(), 4).c_str());
  }
  if (recent > 0) {
    Table t({"payment", "value date", "amount", "applied here", "invoices"}, {true, false, true, true, false});
    for (size_t i = 0; i < recent; ++i) {
      const PaidBy& p = (*history)[i];
      std::string invoices;
      for (const auto& inv : p.invoices) invoices += (invoices.empty() ? "" : ", ") + inv.second;
      t.AddRow({std::to_string(p.payment.payment_id), FormatDate(p.payment.value_date),
                HumanAmount(p.payment.amount.minor, p.payment.amount.currency),
                HumanAmount(p.applied, p.payment.amount.currency), invoices.empty() ? "on account" : invoices});
    }
    Appendf(&env.out, "\n  recent payments (%s of %s)\n%s", GroupDigits(recent).c_str(),
            GroupDigits(history->size()).c_str(), Indent(t.Render(), 4).c_str());
  }
  return kExitOk;
}

int RunInvoiceShow(CommandEnv& env, bool json, const std::string& invoice_id, const std::string* company) {
  Service& service = *env.service;
  Invoice inv;
  {
    std::shared_lock lock(service.ledger_mutex());
    const Ledger& ledger = service.ledger();
    std::optional<InvoiceNo> no;
    if (company) {
      no = ledger.FindInvoice(*company, invoice_id);
    } else {
      // Without --company, the id must name one invoice in one company.
      std::vector<InvoiceNo> hits;
      ledger.FindByReference(invoice_id, &hits);
      std::vector<InvoiceNo> exact;
      for (InvoiceNo h : hits) {
        if (ledger.invoice(h).invoice_id == invoice_id) exact.push_back(h);
      }
      if (exact.size() > 1) {
        std::string companies;
        for (InvoiceNo h : exact) companies += (companies.empty() ? "'" : ", '") + std::string(ledger.invoice(h).company) + "'";
        return ReportFailure(env, Status::Conflict("invoice '" + invoice_id + "' exists in companies " +
                                              companies + "; name one with --company"));
      }
      if (exact.size() == 1) no = exact[0];
    }
    if (!no) return ReportFailure(env, Status::NotFound("no invoice '" + invoice_id + "'"));
    inv = ledger.GetInvoice(*no);
  }
  std::vector<Application> apps;
  const Status st = service.store().ForEachApplicationOfInvoice(inv.company, inv.invoice_id,
                                                                [&](const Application& a) {
                                                                  apps.push_back(a);
                                                                  return true;
                                                                });
  if (!st.ok()) return ReportFailure(env, st);
  if (json) {
    JsonWriter w;
    w.BeginObject().Key("invoice");
    AppendInvoiceJson(inv, &w);
    w.Key("applications").BeginArray();
    for (const Application& a : apps) AppendApplicationJson(a, &w);
    w.EndArray().EndObject();
    Appendf(&env.out, "%s\n", w.str().c_str());
    return kExitOk;
  }
  Appendf(&env.out, "%s%s  %s\n", inv.invoice_id.c_str(), inv.company.empty() ? "" : (" (" + inv.company + ")").c_str(),
              inv.is_credit_memo() ? "credit memo" : "invoice");
  Appendf(&env.out, "  customer       %s\n", inv.customer_id.c_str());
  Appendf(&env.out, "  amount         %s\n", HumanAmount(inv.amount.minor, inv.amount.currency).c_str());
  Appendf(&env.out, "  open           %s%s\n", HumanAmount(inv.open_amount.minor, inv.open_amount.currency).c_str(),
              inv.is_open() ? "" : "  (closed)");
  Appendf(&env.out, "  dated          %s, due %s\n", FormatDate(inv.invoice_date).c_str(), FormatDate(inv.due_date).c_str());
  if (!inv.po_number.empty()) Appendf(&env.out, "  PO             %s\n", inv.po_number.c_str());
  if (inv.discount_bp) {
    Appendf(&env.out, "  terms          %s %% if paid within %u days\n", FormatMinorUnits(inv.discount_bp, 2).c_str(),
                static_cast<unsigned>(inv.discount_days));
  }
  if (apps.empty()) {
    Appendf(&env.out, "  applications   none\n");
    return kExitOk;
  }
  Table t({"batch", "payment", "applied", "discount", "write-off", "method", "confidence", "at"},
          {true, true, true, true, true, false, true, false});
  for (const Application& a : apps) {
    t.AddRow({std::to_string(a.batch_id), std::to_string(a.payment_id),
              HumanAmount(a.applied.minor, a.applied.currency), HumanAmount(a.discount.minor, a.discount.currency),
              HumanAmount(a.writeoff.minor, a.writeoff.currency), std::string(MatchMethodName(a.method)),
              Confidence2(a.confidence_bp), HumanTimestamp(a.at)});
  }
  Appendf(&env.out, "\n%s", t.Render().c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
