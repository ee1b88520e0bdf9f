// A payment explained (`payment show`), and `rematch`.
#include <algorithm>
#include <tuple>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

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

int RunPaymentShow(CommandEnv& env, bool json, uint64_t payment_id) {
  Service& service = *env.service;
  Result<Payment> p = service.store().GetPayment(payment_id);
  if (!p.ok()) return ReportFailure(env, p.status());
  std::vector<Application> apps;
  Status st = service.store().ForEachApplicationOfPayment(payment_id, [&](const Application& a) {
    apps.push_back(a);
    return true;
  });
  if (!st.ok()) return ReportFailure(env, st);
  std::sort(apps.begin(), apps.end(), [](const Application& a, const Application& b) {
    return std::tie(a.batch_id, a.seq) < std::tie(b.batch_id, b.seq);
  });
  // The batches that touched the payment, oldest first: its history.
  std::vector<Batch> batches;
  for (const Application& a : apps) {
    if (!batches.empty() && batches.back().batch_id == a.batch_id) continue;
    Result<Batch> b = service.store().GetBatch(a.batch_id);
    if (!b.ok()) return ReportFailure(env, b.status());
    batches.push_back(*b);
  }
  int64_t applied_now = 0;
  for (const Application& a : apps) applied_now += a.applied.minor;
  Result<WorkItem> item = service.store().GetWorkItem(payment_id);
  const Currency cur = p->amount.currency;
  if (json) {
    JsonWriter w;
    w.BeginObject().Key("payment");
    AppendPaymentJson(*p, &w);
    w.Key("applied_now").Raw(FormatMinorUnits(applied_now, cur.exponent()));
    w.Key("batches").BeginArray();
    for (const Batch& b : batches) {
      w.BeginObject().Key("batch_id").Uint(b.batch_id).Key("kind").String(BatchKindName(b.kind));
      w.Key("source_file").String(b.source_file).Key("created").String(FormatTimestamp(b.created)).EndObject();
    }
    w.EndArray().Key("applications").BeginArray();
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
    Appendf(&env.out, "%s\n", w.EndObject().str().c_str());
    return kExitOk;
  }
  std::string& o = env.out;
  Appendf(&o, "payment %llu  %s  %s  value %s\n", static_cast<unsigned long long>(p->payment_id),
          p->direction == Direction::kCredit ? "credit" : "debit", HumanAmount(p->amount.minor, cur).c_str(),
          FormatDate(p->value_date).c_str());
  Appendf(&o, "  from           %s line %llu (%s)\n", p->source_file.c_str(),
          static_cast<unsigned long long>(p->source_line), p->format.c_str());
  Appendf(&o, "  bank reference %s\n", p->source_ref.empty() ? "-" : p->source_ref.c_str());
  if (!p->trace_number.empty()) Appendf(&o, "  trace number   %s\n", p->trace_number.c_str());
  Appendf(&o, "  payer          %s\n", p->payer_name.empty() ? "-" : p->payer_name.c_str());
  Appendf(&o, "  payer account  %s\n", p->payer_account.empty() ? "-" : p->payer_account.c_str());
  if (!p->remittance_text.empty()) Appendf(&o, "  remittance     %s\n", p->remittance_text.c_str());
  if (!p->remittance.empty()) {
    Table t({"reference", "paid", "invoice amount", "discount", "adjustment"}, {false, true, true, true, false});
    auto amount = [](const std::optional<Money>& m) { return m ? HumanNumber(m->minor, m->currency.exponent()) : "-"; };
    for (const RemittanceLine& l : p->remittance) {
      t.AddRow({l.reference, amount(l.paid), amount(l.invoice_amount), amount(l.discount),
                l.adjustment ? amount(l.adjustment) + (l.adjustment_reason.empty() ? "" : " " + l.adjustment_reason)
                             : "-"});
    }
    Appendf(&o, "\n  remittance lines\n%s", Indent(t.Render(), 4).c_str());
  }
  if (!p->superseded_by.empty()) Appendf(&o, "  superseded by the breakdown in %s\n", p->superseded_by.c_str());
  if (p->is_return) {
    Appendf(&o, "  a return (%s)%s\n", p->return_reason.empty() ? "no reason given" : p->return_reason.c_str(),
            p->original_ref.empty() ? "" : (" of " + p->original_ref).c_str());
  }
  if (!apps.empty()) {
    Appendf(&o, "  applied now    %s of %s\n", HumanAmount(applied_now, cur).c_str(), HumanAmount(p->amount.minor, cur).c_str());
    Appendf(&o, "\n  history\n");
    size_t next = 0;
    for (const Batch& b : batches) {
      Appendf(&o, "    batch %llu, %s%s%s, %s\n", static_cast<unsigned long long>(b.batch_id),
              std::string(BatchKindName(b.kind)).c_str(), b.source_file.empty() ? "" : " ", b.source_file.c_str(),
              HumanTimestamp(b.created).c_str());
      for (; next < apps.size() && apps[next].batch_id == b.batch_id; ++next) {
        const Application& a = apps[next];
        const bool reversal = a.applied.minor < 0 && b.kind == BatchKind::kReversal;
        const std::string target = a.invoice_id.empty() ? "on account of " + a.customer_id
                                                        : (reversal ? "from " : "to ") + a.invoice_id +
                                                              (a.company.empty() ? "" : " (" + a.company + ")") +
                                                              ", customer " + a.customer_id;
        Appendf(&o, "      %s %s, %s, confidence %s\n", HumanAmount(a.applied.minor, a.applied.currency).c_str(),
                target.c_str(), std::string(MatchMethodName(a.method)).c_str(), Confidence2(a.confidence_bp).c_str());
        if (a.discount.minor) Appendf(&o, "        discount %s\n", HumanAmount(a.discount.minor, a.discount.currency).c_str());
        if (a.writeoff.minor) Appendf(&o, "        written off %s\n", HumanAmount(a.writeoff.minor, a.writeoff.currency).c_str());
        Appendf(&o, "        why: %s\n", a.evidence.empty() ? "-" : a.evidence.c_str());
      }
    }
  }
  if (item.ok()) {
    Appendf(&o, "\n  waiting for a person: %s%s\n", item->duplicate ? "possible DUPLICATE: " : "", item->reason.c_str());
    if (!item->customer_id.empty()) Appendf(&o, "  customer identified: %s\n", item->customer_id.c_str());
    if (!item->suggestions.empty()) {
      Table t({"suggestion", "company", "amount", "confidence"}, {false, false, true, true});
      for (const Suggestion& s : item->suggestions) {
        t.AddRow({s.invoice_id, s.company.empty() ? "-" : s.company, HumanAmount(s.amount.minor, s.amount.currency),
                  Confidence2(s.confidence_bp)});
      }
      Appendf(&o, "%s", Indent(t.Render(), 4).c_str());
    }
  } else if (apps.empty()) {
    Appendf(&o, "  not for matching (%s)\n", p->direction == Direction::kDebit ? "a debit" : "nothing applied, not waiting");
  }
  return kExitOk;
}

int RunRematch(CommandEnv& env, bool json) {
  Service& service = *env.service;
  if (env.progress) env.progress("rematch: matching the work queue again...");
  Result<RematchReport> r = service.Rematch();
  if (!r.ok()) return ReportFailure(env, r.status());
  if (json) {
    JsonWriter w;
    w.BeginObject().Key("batch_id").Uint(r->batch_id).Key("considered").Uint(r->considered);
    w.Key("applied").Uint(r->applied).Key("applications").Uint(r->applications);
    w.Key("still_unapplied").Uint(r->still_unapplied).Key("micros").Int(r->micros).EndObject();
    Appendf(&env.out, "%s\n", w.str().c_str());
    return kExitOk;
  }
  Appendf(&env.out, "rematch, batch %llu: %s payments considered, %s applied, %s still waiting; %s\n",
          static_cast<unsigned long long>(r->batch_id), GroupDigits(r->considered).c_str(),
          GroupDigits(r->applied).c_str(), GroupDigits(r->still_unapplied).c_str(), HumanMicros(r->micros).c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
