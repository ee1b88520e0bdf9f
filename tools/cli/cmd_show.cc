#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <shared_mutex>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
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

}  // namespace

int RunCustomerShow(Service& service, const CliContext& ctx, const std::string& customer_id) {
  std::shared_lock lock(service.ledger_mutex());
  const Ledger& ledger = service.ledger();
  const auto no = ledger.FindCustomer(customer_id);
  if (!no) return ReportFailure(Status::NotFound("no customer '" + customer_id + "'"));
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

  if (ctx.json) {
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
    w.EndArray().EndObject();
    std::printf("%s\n", w.str().c_str());
    return kExitOk;
  }
  std::printf("%s  %s\n", c.customer_id.c_str(), c.name.c_str());
  std::printf("  aliases        %s\n", Joined(c.aliases).c_str());
  std::printf("  bank accounts  %s\n", Joined(c.bank_accounts).c_str());
  std::printf("  parent         %s\n", c.parent_id.empty() ? "-" : c.parent_id.c_str());
  std::vector<std::string> child_ids;
  for (CustomerNo ch : children) child_ids.emplace_back(ledger.customer(ch).customer_id);
  std::printf("  subsidiaries   %s\n", Joined(child_ids).c_str());
  if (c.credit_limit) std::printf("  credit limit   %s\n", HumanAmount(c.credit_limit->minor, c.credit_limit->currency).c_str());
  std::printf("  invoices       %s (%s open)\n", GroupDigits(nos.size()).c_str(), GroupDigits(open.size()).c_str());
  for (const auto& [code, minor] : open_by_currency) {
    std::printf("  open           %s\n", HumanAmount(minor, *Currency::FromCode(code)).c_str());
  }
  if (!open.empty()) {
    Table t({"invoice", "company", "invoice date", "due date", "amount", "open", "PO"},
            {false, false, false, false, true, true, false});
    for (const Invoice& inv : open) {
      t.AddRow({inv.invoice_id, inv.company.empty() ? "-" : inv.company, FormatDate(inv.invoice_date),
                FormatDate(inv.due_date), HumanAmount(inv.amount.minor, inv.amount.currency),
                HumanAmount(inv.open_amount.minor, inv.open_amount.currency),
                inv.po_number.empty() ? "-" : inv.po_number});
    }
    std::printf("\n%s", t.Render().c_str());
  }
  return kExitOk;
}

int RunInvoiceShow(Service& service, const CliContext& ctx, const std::string& invoice_id,
                   const std::string* company) {
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
        return ReportFailure(Status::Conflict("invoice '" + invoice_id + "' exists in companies " +
                                              companies + "; name one with --company"));
      }
      if (exact.size() == 1) no = exact[0];
    }
    if (!no) return ReportFailure(Status::NotFound("no invoice '" + invoice_id + "'"));
    inv = ledger.GetInvoice(*no);
  }
  std::vector<Application> apps;
  const Status st = service.store().ForEachApplicationOfInvoice(inv.company, inv.invoice_id,
                                                                [&](const Application& a) {
                                                                  apps.push_back(a);
                                                                  return true;
                                                                });
  if (!st.ok()) return ReportFailure(st);
  if (ctx.json) {
    JsonWriter w;
    w.BeginObject().Key("invoice");
    AppendInvoiceJson(inv, &w);
    w.Key("applications").BeginArray();
    for (const Application& a : apps) AppendApplicationJson(a, &w);
    w.EndArray().EndObject();
    std::printf("%s\n", w.str().c_str());
    return kExitOk;
  }
  std::printf("%s%s  %s\n", inv.invoice_id.c_str(), inv.company.empty() ? "" : (" (" + inv.company + ")").c_str(),
              inv.is_credit_memo() ? "credit memo" : "invoice");
  std::printf("  customer       %s\n", inv.customer_id.c_str());
  std::printf("  amount         %s\n", HumanAmount(inv.amount.minor, inv.amount.currency).c_str());
  std::printf("  open           %s%s\n", HumanAmount(inv.open_amount.minor, inv.open_amount.currency).c_str(),
              inv.is_open() ? "" : "  (closed)");
  std::printf("  dated          %s, due %s\n", FormatDate(inv.invoice_date).c_str(), FormatDate(inv.due_date).c_str());
  if (!inv.po_number.empty()) std::printf("  PO             %s\n", inv.po_number.c_str());
  if (inv.discount_bp) {
    std::printf("  terms          %s %% if paid within %u days\n", FormatMinorUnits(inv.discount_bp, 2).c_str(),
                static_cast<unsigned>(inv.discount_days));
  }
  if (apps.empty()) {
    std::printf("  applications   none\n");
    return kExitOk;
  }
  Table t({"batch", "payment", "applied", "discount", "write-off", "method", "confidence", "at"},
          {true, true, true, true, true, false, true, false});
  for (const Application& a : apps) {
    t.AddRow({std::to_string(a.batch_id), std::to_string(a.payment_id),
              HumanAmount(a.applied.minor, a.applied.currency), HumanAmount(a.discount.minor, a.discount.currency),
              HumanAmount(a.writeoff.minor, a.writeoff.currency), std::string(MatchMethodName(a.method)),
              FormatMinorUnits(a.confidence_bp, 4), FormatTimestamp(a.at)});
  }
  std::printf("\n%s", t.Render().c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
