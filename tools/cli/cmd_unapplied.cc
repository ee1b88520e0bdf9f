// `cashmatch unapplied`: the operator's work queue, filtered and sorted,
// with the best suggestions inline.
#include <algorithm>
#include <cctype>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

struct Row {
  Payment payment;
  WorkItem item;
  int32_t age_days = 0;
};

// An amount bound of --min/--max: the digits and the decimals they were
// written with, compared exactly against amounts of any exponent.
struct Bound {
  int64_t minor = 0;
  int exponent = 0;
};

Result<Bound> ParseBound(const std::string& text, std::optional<Currency> currency) {
  // With a currency its exponent rules; without one, any amount a currency
  // could carry (up to 3 decimals, KWD and friends) is accepted.
  const int exponent = currency ? currency->exponent() : 3;
  Result<int64_t> minor = ParseMinorUnits(text, exponent);
  if (!minor.ok()) return minor.status();
  return Bound{*minor, exponent};
}

std::string Suggestion3(const WorkItem& item) {
  std::string out;
  for (size_t i = 0; i < item.suggestions.size() && i < 3; ++i) {
    const Suggestion& s = item.suggestions[i];
    if (!out.empty()) out += ", ";
    out += s.invoice_id + " " + HumanNumber(s.amount.minor, s.amount.currency.exponent()) + " (" +
           Confidence2(s.confidence_bp) + ")";
  }
  return out.empty() ? "-" : out;
}

void AppendRowJson(const Row& r, JsonWriter* w) {
  w->BeginObject().Key("payment_id").Uint(r.payment.payment_id);
  w->Key("batch_id").Uint(r.item.batch_id).Key("source_file").String(r.payment.source_file);
  w->Key("source_ref").String(r.payment.source_ref);
  w->Key("value_date").String(FormatDate(r.payment.value_date)).Key("age_days").Int(r.age_days);
  w->Key("currency").String(r.payment.amount.currency.code());
  w->Key("amount").Raw(FormatMoney(r.payment.amount)).Key("payer_name").String(r.payment.payer_name);
  w->Key("customer_id").String(r.item.customer_id).Key("reason").String(r.item.reason);
  w->Key("duplicate").Bool(r.item.duplicate);
  w->Key("suggestions").String(SuggestionList(r.item.suggestions));
  w->Key("suggestion_list").BeginArray();
  for (const Suggestion& s : r.item.suggestions) {
    w->BeginObject().Key("company").String(s.company).Key("invoice_id").String(s.invoice_id);
    w->Key("amount").Raw(FormatMoney(s.amount)).Key("confidence").Raw(FormatMinorUnits(s.confidence_bp, 4));
    w->EndObject();
  }
  w->EndArray().Key("remittance").String(r.payment.remittance_text).EndObject();
}

}  // namespace

int RunUnapplied(CommandEnv& env, bool json, const UnappliedQuery& q) {
  Service& service = *env.service;
  std::optional<Currency> currency;
  if (!q.currency.empty()) {
    std::string code = q.currency;
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    currency = Currency::FromCode(code);
    if (!currency) return Refuse(env, "unknown currency '" + q.currency + "'");
  }
  std::optional<Bound> min, max;
  for (auto [text, bound] : {std::pair{&q.min_amount, &min}, std::pair{&q.max_amount, &max}}) {
    if (text->empty()) continue;
    Result<Bound> b = ParseBound(*text, currency);
    if (!b.ok()) return Refuse(env, "amount '" + *text + "': " + std::string(b.status().reason()));
    *bound = *b;
  }
  std::vector<Row> rows;
  const Date today = Timestamp::Now().date();
  Status st = service.store().ForEachWorkItem([&](const WorkItem& item) {
    if (!q.customer_id.empty() && item.customer_id != q.customer_id) return true;
    Result<Payment> p = service.store().GetPayment(item.payment_id);
    if (!p.ok()) return true;  // listed, but its payment is gone: nothing to work
    const Money& m = p->amount;
    if (currency && m.currency != *currency) return true;
    if (min && CompareDecimal(m.minor, m.currency.exponent(), min->minor, min->exponent) < 0) return true;
    if (max && CompareDecimal(m.minor, m.currency.exponent(), max->minor, max->exponent) > 0) return true;
    const int32_t age = today.days - p->value_date.days;
    if (q.older_than_days && age < *q.older_than_days) return true;
    rows.push_back({std::move(*p), item, age});
    return true;
  });
  if (!st.ok()) return ReportFailure(env, st);

  // Ties fall back on the payment id, so the order never depends on the
  // store's iteration.
  auto key_less = [&](const Row& a, const Row& b) {
    switch (q.sort) {
      case UnappliedQuery::Sort::kAge:
        if (a.age_days != b.age_days) return a.age_days < b.age_days;
        break;
      case UnappliedQuery::Sort::kAmount: {
        const Money &x = a.payment.amount, &y = b.payment.amount;
        if (const int c = CompareDecimal(x.minor, x.currency.exponent(), y.minor, y.currency.exponent()); c != 0) {
          return c < 0;
        }
        if (x.currency != y.currency) return x.currency.code() < y.currency.code();
        break;
      }
      case UnappliedQuery::Sort::kPayment: break;
    }
    return a.payment.payment_id < b.payment.payment_id;
  };
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    return q.descending ? key_less(b, a) : key_less(a, b);
  });
  const size_t total = rows.size();
  if (q.limit && rows.size() > *q.limit) rows.resize(*q.limit);

  if (json) {
    JsonWriter w;
    w.BeginArray();
    for (const Row& r : rows) AppendRowJson(r, &w);
    Appendf(&env.out, "%s\n", w.EndArray().str().c_str());
    return kExitOk;
  }
  if (total == 0) {
    Appendf(&env.out, "nothing waiting%s\n", q.customer_id.empty() && !currency && !min && !max && !q.older_than_days
                                                 ? ": every payment is applied"
                                                 : " that fits these filters");
    return kExitOk;
  }
  Table t({"payment", "value date", "age", "amount", "payer", "customer", "reason", "top suggestions"},
          {true, false, true, true, false, false, false, false});
  for (const Row& r : rows) {
    std::string reason = r.item.reason.size() > 60 ? r.item.reason.substr(0, 57) + "..." : r.item.reason;
    if (r.item.duplicate) reason = "DUPLICATE? " + reason;
    t.AddRow({std::to_string(r.payment.payment_id), FormatDate(r.payment.value_date),
              std::to_string(r.age_days) + "d", HumanAmount(r.payment.amount.minor, r.payment.amount.currency),
              r.payment.payer_name.empty() ? "-" : r.payment.payer_name,
              r.item.customer_id.empty() ? "-" : r.item.customer_id, reason, Suggestion3(r.item)});
  }
  Appendf(&env.out, "%s", t.Render().c_str());
  if (rows.size() < total) {
    Appendf(&env.out, "%s of %s payments waiting shown\n", GroupDigits(rows.size()).c_str(),
            GroupDigits(total).c_str());
  } else {
    Appendf(&env.out, "%s payments waiting\n", GroupDigits(total).c_str());
  }
  return kExitOk;
}

}  // namespace cashmatch::tools
