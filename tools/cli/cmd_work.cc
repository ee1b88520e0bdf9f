// The operator's work queue: `unapplied`, `payment show`, `rematch`.
#include <cstdio>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

std::string SuggestionList(const std::vector<Suggestion>& s) {
  // The outbox's form: INVOICE_ID:AMOUNT:CONFIDENCE separated by '|'.
  std::string out;
  for (const Suggestion& x : s) {
    if (!out.empty()) out += '|';
    out += x.invoice_id + ":" + FormatMoney(x.amount) + ":" + FormatMinorUnits(x.confidence_bp, 4);
  }
  return out;
}

void AppendPaymentJson(const Payment& p, JsonWriter* w) {
  w->BeginObject().Key("payment_id").Uint(p.payment_id).Key("source_file").String(p.source_file);
  w->Key("source_line").Uint(p.source_line).Key("format").String(p.format);
  w->Key("source_ref").String(p.source_ref).Key("trace_number").String(p.trace_number);
  w->Key("direction").String(p.direction == Direction::kCredit ? "credit" : "debit");
  w->Key("currency").String(p.amount.currency.code()).Key("amount").Raw(FormatMoney(p.amount));
  w->Key("value_date").String(FormatDate(p.value_date));
  w->Key("payer_name").String(p.payer_name).Key("payer_account").String(p.payer_account);
  w->Key("account").String(p.account).Key("transaction_code").String(p.transaction_code);
  w->Key("remittance_text").String(p.remittance_text);
  w->Key("remittance").BeginArray();
  for (const RemittanceLine& l : p.remittance) {
    w->BeginObject().Key("reference").String(l.reference);
    if (l.paid) w->Key("paid").Raw(FormatMoney(*l.paid));
    if (l.invoice_amount) w->Key("invoice_amount").Raw(FormatMoney(*l.invoice_amount));
    if (l.discount) w->Key("discount").Raw(FormatMoney(*l.discount));
    if (l.adjustment) w->Key("adjustment").Raw(FormatMoney(*l.adjustment));
    w->Key("adjustment_reason").String(l.adjustment_reason).EndObject();
  }
  w->EndArray().Key("is_return").Bool(p.is_return).Key("return_reason").String(p.return_reason);
  w->Key("superseded_by").String(p.superseded_by).EndObject();
}

}  // namespace

int RunUnapplied(Service& service, const CliContext& ctx, const UnappliedFilter& filter) {
  struct Row {
    Payment payment;
    WorkItem item;
  };
  std::vector<Row> rows;
  const Date today = Timestamp::Now().date();
  Status st = service.store().ForEachWorkItem([&](const WorkItem& item) {
    Result<Payment> p = service.store().GetPayment(item.payment_id);
    if (!p.ok()) return true;  // listed, but its payment is gone: nothing to work
    if (!filter.customer_id.empty() && item.customer_id != filter.customer_id) return true;
    if (filter.min_minor && p->amount.minor < *filter.min_minor) return true;
    if (filter.max_minor && p->amount.minor > *filter.max_minor) return true;
    if (filter.older_than_days && today.days - p->value_date.days < *filter.older_than_days) return true;
    rows.push_back({std::move(*p), item});
    return true;
  });
  if (!st.ok()) return ReportFailure(st);
  if (ctx.json) {
    JsonWriter w;
    w.BeginArray();
    for (const Row& r : rows) {
      w.BeginObject().Key("payment_id").Uint(r.payment.payment_id);
      w.Key("batch_id").Uint(r.item.batch_id).Key("source_file").String(r.payment.source_file);
      w.Key("source_ref").String(r.payment.source_ref);
      w.Key("value_date").String(FormatDate(r.payment.value_date));
      w.Key("currency").String(r.payment.amount.currency.code());
      w.Key("amount").Raw(FormatMoney(r.payment.amount)).Key("payer_name").String(r.payment.payer_name);
      w.Key("customer_id").String(r.item.customer_id).Key("reason").String(r.item.reason);
      w.Key("duplicate").Bool(r.item.duplicate);
      w.Key("suggestions").String(SuggestionList(r.item.suggestions));
      w.Key("remittance").String(r.payment.remittance_text).EndObject();
    }
    std::printf("%s\n", w.EndArray().str().c_str());
    return kExitOk;
  }
  if (rows.empty()) {
    std::printf("nothing waiting: every payment is applied\n");
    return kExitOk;
  }
  Table t({"payment", "value date", "amount", "payer", "customer", "reason", "suggestions"},
          {true, false, true, false, false, false, false});
  for (const Row& r : rows) {
    std::string reason = r.item.reason.size() > 70 ? r.item.reason.substr(0, 67) + "..." : r.item.reason;
    t.AddRow({std::to_string(r.payment.payment_id), FormatDate(r.payment.value_date),
              HumanAmount(r.payment.amount.minor, r.payment.amount.currency),
              r.payment.payer_name.empty() ? "-" : r.payment.payer_name,
              r.item.customer_id.empty() ? "-" : r.item.customer_id, reason,
              r.item.suggestions.empty() ? "-" : SuggestionList(r.item.suggestions)});
  }
  std::printf("%s%s payments waiting\n", t.Render().c_str(), GroupDigits(rows.size()).c_str());
  return kExitOk;
}

int RunPaymentShow(Service& service, const CliContext& ctx, uint64_t payment_id) {
  Result<Payment> p = service.store().GetPayment(payment_id);
  if (!p.ok()) return ReportFailure(p.status());
  std::vector<Application> apps;
  Status st = service.store().ForEachApplicationOfPayment(payment_id, [&](const Application& a) {
    apps.push_back(a);
    return true;
  });
  if (!st.ok()) return ReportFailure(st);
  Result<WorkItem> item = service.store().GetWorkItem(payment_id);
  if (ctx.json) {
    JsonWriter w;
    w.BeginObject().Key("payment");
    AppendPaymentJson(*p, &w);
    w.Key("applications").BeginArray();
    for (const Application& a : apps) {
      w.BeginObject().Key("batch_id").Uint(a.batch_id).Key("company").String(a.company);
      w.Key("invoice_id").String(a.invoice_id).Key("customer_id").String(a.customer_id);
      w.Key("applied_amount").Raw(FormatMoney(a.applied)).Key("discount_amount").Raw(FormatMoney(a.discount));
      w.Key("writeoff_amount").Raw(FormatMoney(a.writeoff)).Key("method").String(MatchMethodName(a.method));
      w.Key("confidence").Raw(FormatMinorUnits(a.confidence_bp, 4)).Key("evidence").String(a.evidence);
      w.Key("at").String(FormatTimestamp(a.at)).EndObject();
    }
    w.EndArray();
    if (item.ok()) {
      w.Key("unapplied").BeginObject().Key("reason").String(item->reason);
      w.Key("customer_id").String(item->customer_id).Key("duplicate").Bool(item->duplicate);
      w.Key("suggestions").String(SuggestionList(item->suggestions)).EndObject();
    }
    std::printf("%s\n", w.EndObject().str().c_str());
    return kExitOk;
  }
  std::printf("payment %llu  %s  %s  value %s\n", static_cast<unsigned long long>(p->payment_id),
              p->direction == Direction::kCredit ? "credit" : "debit",
              HumanAmount(p->amount.minor, p->amount.currency).c_str(), FormatDate(p->value_date).c_str());
  std::printf("  from %s line %llu (%s), bank reference %s\n", p->source_file.c_str(),
              static_cast<unsigned long long>(p->source_line), p->format.c_str(),
              p->source_ref.empty() ? "-" : p->source_ref.c_str());
  std::printf("  payer %s, account %s\n", p->payer_name.empty() ? "-" : p->payer_name.c_str(),
              p->payer_account.empty() ? "-" : p->payer_account.c_str());
  if (!p->remittance_text.empty()) std::printf("  remittance: %s\n", p->remittance_text.c_str());
  for (const RemittanceLine& l : p->remittance) {
    std::printf("  line: %s%s%s\n", l.reference.c_str(),
                l.paid ? (" paid " + FormatMoney(*l.paid)).c_str() : "",
                l.discount ? (" discount " + FormatMoney(*l.discount)).c_str() : "");
  }
  if (!p->superseded_by.empty()) std::printf("  superseded by the breakdown in %s\n", p->superseded_by.c_str());
  if (p->is_return) std::printf("  a return (%s)\n", p->return_reason.c_str());
  for (const Application& a : apps) {
    std::printf("  batch %llu: %s %s %s (%s, confidence %s)\n", static_cast<unsigned long long>(a.batch_id),
                HumanAmount(a.applied.minor, a.applied.currency).c_str(),
                a.invoice_id.empty() ? "on account of" : "to invoice",
                a.invoice_id.empty() ? a.customer_id.c_str() : a.invoice_id.c_str(),
                std::string(MatchMethodName(a.method)).c_str(), FormatMinorUnits(a.confidence_bp, 4).c_str());
    if (a.discount.minor) std::printf("    discount %s\n", FormatMoney(a.discount).c_str());
    if (a.writeoff.minor) std::printf("    written off %s\n", FormatMoney(a.writeoff).c_str());
    std::printf("    why: %s\n", a.evidence.c_str());
  }
  if (item.ok()) {
    std::printf("  waiting for a person: %s\n", item->reason.c_str());
    if (!item->customer_id.empty()) std::printf("  customer identified: %s\n", item->customer_id.c_str());
    for (const Suggestion& s : item->suggestions) {
      std::printf("  suggestion: %s %s (confidence %s)\n", s.invoice_id.c_str(),
                  FormatMoney(s.amount).c_str(), FormatMinorUnits(s.confidence_bp, 4).c_str());
    }
  } else if (apps.empty()) {
    std::printf("  not for matching\n");
  }
  return kExitOk;
}

int RunRematch(Service& service, const CliContext& ctx) {
  Result<RematchReport> r = service.Rematch();
  if (!r.ok()) return ReportFailure(r.status());
  if (ctx.json) {
    JsonWriter w;
    w.BeginObject().Key("batch_id").Uint(r->batch_id).Key("considered").Uint(r->considered);
    w.Key("applied").Uint(r->applied).Key("applications").Uint(r->applications);
    w.Key("still_unapplied").Uint(r->still_unapplied).Key("micros").Int(r->micros).EndObject();
    std::printf("%s\n", w.str().c_str());
    return kExitOk;
  }
  std::printf("rematch, batch %llu: %s payments considered, %s applied, %s still waiting; %s\n",
              static_cast<unsigned long long>(r->batch_id), GroupDigits(r->considered).c_str(),
              GroupDigits(r->applied).c_str(), GroupDigits(r->still_unapplied).c_str(),
              HumanMicros(r->micros).c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
