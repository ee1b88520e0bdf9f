// `cashmatch deductions`, `deduction show ID` and `deduction set ID`: the
// short pays left open on invoices, and an operator settling them.
#include <algorithm>
#include <cctype>
#include <map>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
#include "table.h"

namespace cashmatch::tools {
namespace {

void AppendJson(const Deduction& d, bool with_notes, JsonWriter* w) {
  w->BeginObject().Key("deduction_id").String(d.id());
  w->Key("status").String(DeductionStatusName(d.status));
  w->Key("company").String(d.company).Key("invoice_id").String(d.invoice_id);
  w->Key("customer_id").String(d.customer_id).Key("payment_id").Uint(d.payment_id);
  w->Key("batch_id").Uint(d.batch_id);
  w->Key("currency").String(d.amount.currency.code()).Key("amount").Raw(FormatMoney(d.amount));
  w->Key("reason").String(d.reason);
  w->Key("created").String(FormatTimestamp(d.created)).Key("updated").String(FormatTimestamp(d.updated));
  w->Key("updated_batch_id").Uint(d.updated_batch);
  if (with_notes) {
    w->Key("notes").BeginArray();
    for (const DeductionNote& n : d.notes) {
      w->BeginObject().Key("at").String(FormatTimestamp(n.at)).Key("text").String(n.text).EndObject();
    }
    w->EndArray();
  }
  w->EndObject();
}

Result<std::pair<uint64_t, uint32_t>> IdOf(const std::string& text) {
  auto id = ParseDeductionId(text);
  if (!id) return Status::InvalidInput("'" + text + "' is not a deduction id (BATCH-SEQ, e.g. 12-3)");
  return *id;
}

std::string StatusNames() {
  std::string out;
  for (int s = 0; s <= static_cast<int>(DeductionStatus::kVoid); ++s) {
    if (!out.empty()) out += ", ";
    out += DeductionStatusName(static_cast<DeductionStatus>(s));
  }
  return out;
}

void AppendShow(const Deduction& d, std::string* out) {
  Appendf(out, "deduction %s: %s\n", d.id().c_str(), std::string(DeductionStatusName(d.status)).c_str());
  Appendf(out, "  invoice   %s%s (customer %s)\n", d.company.empty() ? "" : (d.company + "/").c_str(),
          d.invoice_id.c_str(), d.customer_id.c_str());
  Appendf(out, "  amount    %s\n", HumanAmount(d.amount.minor, d.amount.currency).c_str());
  Appendf(out, "  reason    %s\n", d.reason.c_str());
  Appendf(out, "  payment   %llu (batch %llu)\n", static_cast<unsigned long long>(d.payment_id),
          static_cast<unsigned long long>(d.batch_id));
  Appendf(out, "  created   %s\n", HumanTimestamp(d.created).c_str());
  Appendf(out, "  updated   %s (batch %llu)\n", HumanTimestamp(d.updated).c_str(),
          static_cast<unsigned long long>(d.updated_batch));
  if (d.notes.empty()) return;
  Appendf(out, "  notes\n");
  for (const DeductionNote& n : d.notes) {
    Appendf(out, "    %s  %s\n", HumanTimestamp(n.at).c_str(), n.text.c_str());
  }
}

}  // namespace

int RunDeductions(CommandEnv& env, bool json, const DeductionQuery& q) {
  std::optional<DeductionStatus> status;
  if (!q.status.empty()) {
    status = ParseDeductionStatus(q.status);
    if (!status) return Refuse(env, "unknown status '" + q.status + "' (one of " + StatusNames() + ")");
  }
  std::optional<Currency> currency;
  if (!q.currency.empty()) {
    std::string code = q.currency;
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    currency = Currency::FromCode(code);
    if (!currency) return Refuse(env, "unknown currency '" + q.currency + "'");
  }
  // Bounds in the currency's decimals when one is given, else up to 3.
  const int exponent = currency ? currency->exponent() : 3;
  std::optional<int64_t> min, max;
  for (auto [text, bound] : {std::pair{&q.min_amount, &min}, std::pair{&q.max_amount, &max}}) {
    if (text->empty()) continue;
    Result<int64_t> b = ParseMinorUnits(*text, exponent);
    if (!b.ok()) return Refuse(env, "amount '" + *text + "': " + std::string(b.status().reason()));
    *bound = *b;
  }
  std::vector<Deduction> rows;
  Status st = env.service->store().ForEachDeduction([&](const Deduction& d) {
    if (status && d.status != *status) return true;
    if (!q.customer_id.empty() && d.customer_id != q.customer_id) return true;
    if (!q.reason.empty() && d.reason != q.reason) return true;
    if (currency && d.amount.currency != *currency) return true;
    const int e = d.amount.currency.exponent();
    if (min && CompareDecimal(d.amount.minor, e, *min, exponent) < 0) return true;
    if (max && CompareDecimal(d.amount.minor, e, *max, exponent) > 0) return true;
    rows.push_back(d);
    return true;
  });
  if (!st.ok()) return ReportFailure(env, st);
  // Newest first: the store's order (batch, seq) reversed.
  std::reverse(rows.begin(), rows.end());
  if (json) {
    JsonWriter w;
    w.BeginArray();
    for (const Deduction& d : rows) AppendJson(d, false, &w);
    Appendf(&env.out, "%s\n", w.EndArray().str().c_str());
    return kExitOk;
  }
  if (rows.empty()) {
    Appendf(&env.out, "no deductions%s\n",
            status || !q.customer_id.empty() || !q.reason.empty() || currency || min || max
                ? " that fit these filters"
                : "");
    return kExitOk;
  }
  Table t({"id", "status", "invoice", "customer", "amount", "reason", "payment", "created"},
          {false, false, false, false, true, false, true, false});
  std::map<std::string, int64_t> totals;
  for (const Deduction& d : rows) {
    t.AddRow({d.id(), std::string(DeductionStatusName(d.status)),
              d.company.empty() ? d.invoice_id : d.company + "/" + d.invoice_id, d.customer_id,
              HumanAmount(d.amount.minor, d.amount.currency), d.reason, std::to_string(d.payment_id),
              FormatDate(d.created.date())});
    totals[std::string(d.amount.currency.code())] += d.amount.minor;
  }
  Appendf(&env.out, "%s", t.Render().c_str());
  std::string sums;
  for (const auto& [code, minor] : totals) {
    if (!sums.empty()) sums += ", ";
    sums += HumanAmount(minor, *Currency::FromCode(code));
  }
  Appendf(&env.out, "%s deductions, %s\n", GroupDigits(rows.size()).c_str(), sums.c_str());
  return kExitOk;
}

int RunDeductionShow(CommandEnv& env, bool json, const std::string& id_text) {
  Result<std::pair<uint64_t, uint32_t>> id = IdOf(id_text);
  if (!id.ok()) return Refuse(env, std::string(id.status().reason()));
  Result<Deduction> d = env.service->store().GetDeduction(id->first, id->second);
  if (!d.ok()) return ReportFailure(env, d.status());
  if (json) {
    JsonWriter w;
    AppendJson(*d, true, &w);
    Appendf(&env.out, "%s\n", w.str().c_str());
  } else {
    AppendShow(*d, &env.out);
  }
  return kExitOk;
}

int RunDeductionSet(CommandEnv& env, bool json, const std::string& id_text, const std::string& status_text,
                    const std::string& note) {
  Result<std::pair<uint64_t, uint32_t>> id = IdOf(id_text);
  if (!id.ok()) return Refuse(env, std::string(id.status().reason()));
  std::optional<DeductionStatus> status;
  if (!status_text.empty()) {
    status = ParseDeductionStatus(status_text);
    if (!status) return Refuse(env, "unknown status '" + status_text + "' (one of " + StatusNames() + ")");
  }
  auto changed = env.service->ChangeDeduction(id->first, id->second, status, note);
  if (!changed.ok()) return ReportFailure(env, changed.status());
  const auto& [batch_id, d] = *changed;
  if (json) {
    JsonWriter w;
    w.BeginObject().Key("batch_id").Uint(batch_id).Key("deduction");
    AppendJson(d, true, &w);
    Appendf(&env.out, "%s\n", w.EndObject().str().c_str());
  } else {
    Appendf(&env.out, "deduction %s is %s (batch %llu)\n", d.id().c_str(),
            std::string(DeductionStatusName(d.status)).c_str(), static_cast<unsigned long long>(batch_id));
  }
  return kExitOk;
}

}  // namespace cashmatch::tools
