#include "outbox_rows.h"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "json_writer.h"

namespace cashmatch::tools {
namespace {

constexpr std::array<std::string_view, 14> kApplicationColumns = {
    "batch_id",       "payment_id",      "source_file",     "source_ref", "value_date",
    "customer_id",    "invoice_id",      "currency",        "applied_amount",
    "discount_amount", "writeoff_amount", "method",          "confidence", "company"};

constexpr std::array<std::string_view, 14> kUnappliedColumns = {
    "batch_id",    "payment_id", "source_file", "source_ref",  "value_date",
    "currency",    "amount",     "payer_name",  "customer_id", "reason",
    "suggestions", "remittance", "payer_account", "duplicate"};

// No timestamps, like the applications: the same bank files give the same
// result files on every run (the batch's time is in its summary).
constexpr std::array<std::string_view, 12> kDeductionColumns = {
    "batch_id", "deduction_id", "status", "company", "invoice_id", "customer_id",
    "payment_id", "currency", "amount", "reason", "note", "created_batch_id"};

Cell Text(std::string s) { return {std::move(s), CellType::kText}; }
Cell Integer(uint64_t v) { return {std::to_string(v), CellType::kInteger}; }
Cell Decimal(const Money& m) { return {FormatMoney(m), CellType::kDecimal}; }

// Sums of one currency over the batch, in minor units.
struct Sums {
  Currency currency;
  int64_t received = 0;
  int64_t applied = 0;
  int64_t discount = 0;
  int64_t writeoff = 0;
  int64_t on_account = 0;
  int64_t unapplied = 0;
};

struct Totals {
  std::map<std::string, Sums> by_currency;  // by code: a fixed order
  std::array<uint64_t, 6> by_method{};      // rows, by MatchMethod
  std::set<uint64_t> payments_with_rows;
  uint64_t duplicates = 0;

  Sums& Of(Currency c) {
    Sums& s = by_currency[std::string(c.code())];
    s.currency = c;
    return s;
  }
};

std::string Suggestions(const std::vector<Suggestion>& list) {
  std::string out;
  for (const Suggestion& s : list) {
    if (!out.empty()) out.push_back('|');
    out += s.invoice_id + ":" + FormatMoney(s.amount) + ":" + FormatConfidence(s.confidence_bp);
  }
  return out;
}

// The payments of the rows, read once each; rows of one payment are
// usually adjacent, so a one-entry cache does most of the work.
class PaymentCache {
 public:
  explicit PaymentCache(const Store& store) : store_(store) {}
  Result<const Payment*> Get(uint64_t payment_id) {
    if (!last_ || last_->payment_id != payment_id) {
      Result<Payment> p = store_.GetPayment(payment_id);
      if (p.status().code() == StatusCode::kNotFound) {
        return Status::Corruption("an application refers to payment " +
                                  std::to_string(payment_id) + ", which is not stored");
      }
      if (!p.ok()) return p.status();
      last_ = std::move(*p);
    }
    return &*last_;
  }

 private:
  const Store& store_;
  std::optional<Payment> last_;
};

Status ReadApplications(const Store& store, const Batch& batch, ResultTable* table,
                        Totals* totals) {
  PaymentCache payments(store);
  Status failure;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachApplicationOfBatch(batch.batch_id, [&](const Application& a) {
    Result<const Payment*> p = payments.Get(a.payment_id);
    if (!p.ok()) {
      failure = p.status();
      return false;
    }
    const Payment& pay = **p;
    table->rows.push_back({Integer(a.batch_id), Integer(a.payment_id), Text(pay.source_file),
                           Text(pay.source_ref), Text(FormatDate(pay.value_date)),
                           Text(a.customer_id), Text(a.invoice_id),
                           Text(std::string(a.applied.currency.code())), Decimal(a.applied),
                           Decimal(a.discount), Decimal(a.writeoff),
                           Text(std::string(MatchMethodName(a.method))),
                           {FormatConfidence(a.confidence_bp), CellType::kNumber},
                           Text(a.company)});
    Sums& s = totals->Of(a.applied.currency);
    (a.invoice_id.empty() ? s.on_account : s.applied) += a.applied.minor;
    s.discount += a.discount.minor;
    s.writeoff += a.writeoff.minor;
    totals->by_method[static_cast<size_t>(a.method)]++;
    totals->payments_with_rows.insert(a.payment_id);
    return true;
  }));
  return failure;
}

// What the batch left of a payment: its amount less everything applied to
// it by this batch and the ones before (a partial manual apply leaves a
// remainder). Later batches have higher ids and are not counted, so the
// figure never changes once the batch is committed.
Result<int64_t> LeftAfter(const Store& store, const Payment& p, uint64_t batch_id) {
  int64_t applied = 0;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachApplicationOfPayment(p.payment_id, [&](const Application& a) {
    if (a.batch_id <= batch_id) applied += a.applied.minor;
    return true;
  }));
  return p.amount.minor - applied;
}

Status ReadUnapplied(const Store& store, const Batch& batch, ResultTable* table, Totals* totals) {
  Status failure;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachBatchWork(batch.batch_id, [&](const BatchWorkItem& w) {
    const Payment& p = w.payment;
    Result<int64_t> left = LeftAfter(store, p, batch.batch_id);
    if (!left.ok()) {
      failure = left.status();
      return false;
    }
    const Money amount{*left, p.amount.currency};
    table->rows.push_back({Integer(batch.batch_id), Integer(p.payment_id), Text(p.source_file),
                           Text(p.source_ref), Text(FormatDate(p.value_date)),
                           Text(std::string(p.amount.currency.code())), Decimal(amount),
                           Text(p.payer_name), Text(w.item.customer_id), Text(w.item.reason),
                           Text(Suggestions(w.item.suggestions)), Text(FlattenRemittance(p)),
                           Text(p.payer_account),
                           {w.item.duplicate ? "true" : "false", CellType::kBool}});
    totals->Of(p.amount.currency).unapplied += amount.minor;
    totals->duplicates += w.item.duplicate;
    return true;
  }));
  return failure;
}

Status ReadDeductions(const Store& store, const Batch& batch, ResultTable* table) {
  return store.ForEachBatchDeduction(batch.batch_id, [&](const Deduction& d) {
    // The note this batch added, if any: the snapshot's last one.
    const std::string note =
        d.updated_batch == batch.batch_id && !d.notes.empty() ? d.notes.back().text : "";
    table->rows.push_back({Integer(batch.batch_id), Text(d.id()),
                           Text(std::string(DeductionStatusName(d.status))), Text(d.company),
                           Text(d.invoice_id), Text(d.customer_id), Integer(d.payment_id),
                           Text(std::string(d.amount.currency.code())), Decimal(d.amount),
                           Text(d.reason), Text(note), Integer(d.batch_id)});
    return true;
  });
}

std::string SummaryJson(const Batch& batch, const BatchResults& r, Totals& totals) {
  for (const Money& m : batch.received) totals.Of(m.currency).received += m.minor;
  const bool reversal = batch.kind == BatchKind::kReversal;
  const uint64_t payments_with_rows = totals.payments_with_rows.size();
  JsonWriter w;
  w.BeginObject();
  w.Key("batch_id").Uint(batch.batch_id);
  w.Key("kind").String(BatchKindName(batch.kind));
  w.Key("source_file").String(batch.source_file);
  w.Key("created").String(FormatTimestamp(batch.created));
  w.Key("payments").Uint(batch.payments);
  w.Key("applied").Uint(reversal ? 0 : payments_with_rows);
  w.Key("reversals").Uint(reversal ? payments_with_rows : 0);
  w.Key("unapplied").Uint(r.unapplied.rows.size());
  w.Key("duplicates").Uint(totals.duplicates);
  w.Key("application_rows").Uint(r.applications.rows.size());
  w.Key("unapplied_rows").Uint(r.unapplied.rows.size());
  // Only batches that touched deductions say so, so every other summary
  // stays as it was before deductions existed.
  if (!r.deductions.rows.empty()) w.Key("deduction_rows").Uint(r.deductions.rows.size());
  w.Key("amounts").BeginObject();
  for (const auto& [code, s] : totals.by_currency) {
    const int e = s.currency.exponent();
    w.Key(code).BeginObject();
    w.Key("received").String(FormatMinorUnits(s.received, e));
    w.Key("applied").String(FormatMinorUnits(s.applied, e));
    w.Key("discount").String(FormatMinorUnits(s.discount, e));
    w.Key("writeoff").String(FormatMinorUnits(s.writeoff, e));
    w.Key("on_account").String(FormatMinorUnits(s.on_account, e));
    w.Key("unapplied").String(FormatMinorUnits(s.unapplied, e));
    w.EndObject();
  }
  w.EndObject();
  w.Key("methods").BeginObject();
  for (size_t m = 0; m < totals.by_method.size(); ++m) {
    w.Key(MatchMethodName(static_cast<MatchMethod>(m))).Uint(totals.by_method[m]);
  }
  w.EndObject();
  w.Key("time_ms").Int(batch.micros / 1000);
  w.EndObject();
  return w.str() + "\n";
}

}  // namespace

std::string FlattenRemittance(const Payment& payment) {
  std::string out = payment.remittance_text;
  for (const RemittanceLine& line : payment.remittance) {
    if (!out.empty()) out += " | ";
    out += line.reference;
    if (line.paid) out += ":" + FormatMoney(*line.paid);
  }
  return out;
}

Result<BatchResults> ReadBatchResults(const Store& store, uint64_t batch_id) {
  Result<Batch> batch = store.GetBatch(batch_id);
  if (!batch.ok()) {
    if (batch.status().code() == StatusCode::kNotFound) {
      return Status::NotFound("no batch " + std::to_string(batch_id));
    }
    return batch.status();
  }
  BatchResults r;
  r.batch = std::move(*batch);
  r.applications.columns.assign(kApplicationColumns.begin(), kApplicationColumns.end());
  r.unapplied.columns.assign(kUnappliedColumns.begin(), kUnappliedColumns.end());
  Totals totals;
  CASHMATCH_RETURN_IF_ERROR(ReadApplications(store, r.batch, &r.applications, &totals));
  CASHMATCH_RETURN_IF_ERROR(ReadUnapplied(store, r.batch, &r.unapplied, &totals));
  r.deductions.columns.assign(kDeductionColumns.begin(), kDeductionColumns.end());
  CASHMATCH_RETURN_IF_ERROR(ReadDeductions(store, r.batch, &r.deductions));
  r.summary_json = SummaryJson(r.batch, r, totals);
  return r;
}

}  // namespace cashmatch::tools
