// Record encodings. The field order here is the format: docs/storage.md
// mirrors it, and changing it means a new format version byte.
#include "cashmatch/record_coding.h"

#include <limits>

#include "coding.h"

namespace cashmatch {

using storage::PutLengthPrefixed;
using storage::PutVarint64;
using storage::PutZigZag64;
using storage::Reader;

namespace {

// Format versions, one per record kind, written as each encoding's first byte.
constexpr uint8_t kCustomerFormat = 1;
constexpr uint8_t kInvoiceFormat = 1;
// Payment 2 added account, transaction_code, bank_entry_ref, batch_count,
// original_ref and superseded_by at the end; format 1 still decodes.
constexpr uint8_t kPaymentFormatV1 = 1;
constexpr uint8_t kPaymentFormat = 2;
constexpr uint8_t kApplicationFormat = 1;
// Batch 2 added micros and received at the end; format 1 still decodes.
constexpr uint8_t kBatchFormatV1 = 1;
constexpr uint8_t kBatchFormat = 2;
constexpr uint8_t kIngestedFileFormat = 1;
constexpr uint8_t kAdviceFormat = 1;
constexpr uint8_t kWorkItemFormat = 1;
constexpr uint8_t kBatchWorkItemFormat = 1;
constexpr uint8_t kDeductionFormat = 1;
constexpr uint8_t kSentReminderFormat = 1;

// Money whose currency usually equals a base currency (an invoice's open
// amount and its amount) is written as a tag byte, 0 = same as base,
// 1 = own currency code follows, then the zigzag minor units.
constexpr uint8_t kSameCurrency = 0;
constexpr uint8_t kOwnCurrency = 1;

// RemittanceLine presence bits, in field order.
constexpr uint8_t kHasPaid = 1 << 0;
constexpr uint8_t kHasInvoiceAmount = 1 << 1;
constexpr uint8_t kHasDiscount = 1 << 2;
constexpr uint8_t kHasAdjustment = 1 << 3;
constexpr uint8_t kRemittanceBits = kHasPaid | kHasInvoiceAmount | kHasDiscount | kHasAdjustment;

void PutByte(std::string* dst, uint8_t b) { dst->push_back(static_cast<char>(b)); }

void PutCurrency(std::string* dst, Currency c) { PutLengthPrefixed(dst, c.code()); }

void PutMoneyBesides(std::string* dst, const Money& m, Currency base) {
  if (m.currency == base) {
    PutByte(dst, kSameCurrency);
  } else {
    PutByte(dst, kOwnCurrency);
    PutCurrency(dst, m.currency);
  }
  PutZigZag64(dst, m.minor);
}

void PutStringList(std::string* dst, const std::vector<std::string>& list) {
  PutVarint64(dst, list.size());
  for (const std::string& s : list) PutLengthPrefixed(dst, s);
}

// Decoding helpers: each returns false after recording the failure in `r`.

bool GetVersion(Reader& r, uint8_t expected) {
  uint8_t v = 0;
  if (!r.GetByte(&v)) return false;
  return v == expected || r.Fail("unknown format version");
}

bool GetBool(Reader& r, bool* out) {
  uint8_t b = 0;
  if (!r.GetByte(&b)) return false;
  if (b > 1) return r.Fail("boolean out of range");
  *out = b == 1;
  return true;
}

template <typename Enum>
bool GetEnum(Reader& r, Enum max, Enum* out) {
  uint8_t b = 0;
  if (!r.GetByte(&b)) return false;
  if (b > static_cast<uint8_t>(max)) return r.Fail("enum value out of range");
  *out = static_cast<Enum>(b);
  return true;
}

bool GetUint16(Reader& r, uint16_t* out) {
  uint32_t v = 0;
  if (!r.GetVarint32(&v)) return false;
  if (v > std::numeric_limits<uint16_t>::max()) return r.Fail("value exceeds 16 bits");
  *out = static_cast<uint16_t>(v);
  return true;
}

bool GetDate(Reader& r, Date* out) {
  int64_t v = 0;
  if (!r.GetZigZag64(&v)) return false;
  if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
    return r.Fail("date out of range");
  }
  out->days = static_cast<int32_t>(v);
  return true;
}

bool GetTimestamp(Reader& r, Timestamp* out) { return r.GetZigZag64(&out->micros); }

bool GetCurrency(Reader& r, Currency* out) {
  std::string_view code;
  if (!r.GetLengthPrefixed(&code)) return false;
  if (code.empty()) {
    *out = Currency();
    return true;
  }
  // A store holds few currencies; remembering the last one saves the table
  // search on almost every record of a scan.
  thread_local Currency last;
  if (last.valid() && last.code() == code) {
    *out = last;
    return true;
  }
  std::optional<Currency> c = Currency::FromCode(code);
  if (!c) return r.Fail("unknown currency code");
  *out = last = *c;
  return true;
}

bool GetMoneyBesides(Reader& r, Currency base, Money* out) {
  uint8_t tag = 0;
  if (!r.GetByte(&tag)) return false;
  if (tag == kSameCurrency) {
    out->currency = base;
  } else if (tag == kOwnCurrency) {
    if (!GetCurrency(r, &out->currency)) return false;
  } else {
    return r.Fail("bad currency tag");
  }
  return r.GetZigZag64(&out->minor);
}

// A list's count is checked against the bytes left (every element takes at
// least one) before anything is allocated, so garbage cannot ask for
// gigabytes.
bool GetCount(Reader& r, size_t* n) {
  uint64_t v = 0;
  if (!r.GetVarint64(&v)) return false;
  if (v > r.remaining()) return r.Fail("list count exceeds the record");
  *n = static_cast<size_t>(v);
  return true;
}

bool GetStringList(Reader& r, std::vector<std::string>* out) {
  size_t n = 0;
  if (!GetCount(r, &n)) return false;
  out->resize(n);
  for (std::string& s : *out) {
    if (!r.GetString(&s)) return false;
  }
  return true;
}

Status Finish(Reader& r, const char* kind) {
  if (r.ExpectEnd()) return Status::Ok();
  return Status::Corruption(std::string("corrupt ") + kind + " record: " + r.error());
}

void EncodeLine(const RemittanceLine& line, Currency base, std::string* dst) {
  PutLengthPrefixed(dst, line.reference);
  const uint8_t bits = (line.paid ? kHasPaid : 0) | (line.invoice_amount ? kHasInvoiceAmount : 0) |
                       (line.discount ? kHasDiscount : 0) | (line.adjustment ? kHasAdjustment : 0);
  PutByte(dst, bits);
  if (line.paid) PutMoneyBesides(dst, *line.paid, base);
  if (line.invoice_amount) PutMoneyBesides(dst, *line.invoice_amount, base);
  if (line.discount) PutMoneyBesides(dst, *line.discount, base);
  if (line.adjustment) PutMoneyBesides(dst, *line.adjustment, base);
  PutLengthPrefixed(dst, line.adjustment_reason);
}

bool GetOptionalMoney(Reader& r, bool present, Currency base, std::optional<Money>* out) {
  if (!present) {
    out->reset();
    return true;
  }
  Money m;
  if (!GetMoneyBesides(r, base, &m)) return false;
  *out = m;
  return true;
}

bool DecodeLine(Reader& r, Currency base, RemittanceLine* line) {
  uint8_t bits = 0;
  if (!r.GetString(&line->reference) || !r.GetByte(&bits)) return false;
  if ((bits & ~kRemittanceBits) != 0) return r.Fail("unknown remittance presence bits");
  return GetOptionalMoney(r, bits & kHasPaid, base, &line->paid) &&
         GetOptionalMoney(r, bits & kHasInvoiceAmount, base, &line->invoice_amount) &&
         GetOptionalMoney(r, bits & kHasDiscount, base, &line->discount) &&
         GetOptionalMoney(r, bits & kHasAdjustment, base, &line->adjustment) &&
         r.GetString(&line->adjustment_reason);
}

// A list of remittance lines, each amount relative to `base`: shared by
// payments and remittance advices.
void PutLines(std::string* dst, const std::vector<RemittanceLine>& lines, Currency base) {
  PutVarint64(dst, lines.size());
  for (const RemittanceLine& line : lines) EncodeLine(line, base, dst);
}

void GetLines(Reader& r, Currency base, std::vector<RemittanceLine>* lines) {
  size_t n = 0;
  if (!GetCount(r, &n)) return;
  lines->resize(n);
  for (RemittanceLine& line : *lines) {
    if (!DecodeLine(r, base, &line)) break;
  }
}

}  // namespace

// ---- Customer ----

void EncodeTo(const Customer& c, std::string* dst) {
  PutByte(dst, kCustomerFormat);
  PutLengthPrefixed(dst, c.customer_id);
  PutLengthPrefixed(dst, c.name);
  PutStringList(dst, c.aliases);
  PutStringList(dst, c.bank_accounts);
  PutLengthPrefixed(dst, c.parent_id);
  PutLengthPrefixed(dst, c.company);
  PutStringList(dst, c.emails);
  PutCurrency(dst, c.currency);
  PutByte(dst, c.credit_limit ? 1 : 0);
  if (c.credit_limit) PutMoneyBesides(dst, *c.credit_limit, c.currency);
}

Status DecodeFrom(std::string_view src, Customer* out) {
  Reader r(src);
  bool has_limit = false;
  GetVersion(r, kCustomerFormat);
  r.GetString(&out->customer_id);
  r.GetString(&out->name);
  GetStringList(r, &out->aliases);
  GetStringList(r, &out->bank_accounts);
  r.GetString(&out->parent_id);
  r.GetString(&out->company);
  GetStringList(r, &out->emails);
  GetCurrency(r, &out->currency);
  GetBool(r, &has_limit);
  GetOptionalMoney(r, has_limit, out->currency, &out->credit_limit);
  return Finish(r, "customer");
}

// ---- Invoice ----

void EncodeTo(const Invoice& v, std::string* dst) {
  PutByte(dst, kInvoiceFormat);
  PutLengthPrefixed(dst, v.company);
  PutLengthPrefixed(dst, v.invoice_id);
  PutLengthPrefixed(dst, v.customer_id);
  PutCurrency(dst, v.amount.currency);
  PutZigZag64(dst, v.amount.minor);
  PutMoneyBesides(dst, v.open_amount, v.amount.currency);
  PutZigZag64(dst, v.invoice_date.days);
  PutZigZag64(dst, v.due_date.days);
  PutLengthPrefixed(dst, v.po_number);
  PutVarint64(dst, v.discount_bp);
  PutVarint64(dst, v.discount_days);
}

Status DecodeFrom(std::string_view src, Invoice* out) {
  Reader r(src);
  GetVersion(r, kInvoiceFormat);
  r.GetString(&out->company);
  r.GetString(&out->invoice_id);
  r.GetString(&out->customer_id);
  GetCurrency(r, &out->amount.currency);
  r.GetZigZag64(&out->amount.minor);
  GetMoneyBesides(r, out->amount.currency, &out->open_amount);
  GetDate(r, &out->invoice_date);
  GetDate(r, &out->due_date);
  r.GetString(&out->po_number);
  r.GetVarint32(&out->discount_bp);
  GetUint16(r, &out->discount_days);
  return Finish(r, "invoice");
}

// ---- Payment ----

void EncodeTo(const Payment& p, std::string* dst) {
  PutByte(dst, kPaymentFormat);
  PutVarint64(dst, p.payment_id);
  PutLengthPrefixed(dst, p.source_file);
  PutVarint64(dst, p.source_line);
  PutLengthPrefixed(dst, p.format);
  PutLengthPrefixed(dst, p.source_ref);
  PutLengthPrefixed(dst, p.trace_number);
  PutByte(dst, static_cast<uint8_t>(p.direction));
  PutCurrency(dst, p.amount.currency);
  PutZigZag64(dst, p.amount.minor);
  PutZigZag64(dst, p.value_date.days);
  PutZigZag64(dst, p.booking_date.days);
  PutLengthPrefixed(dst, p.payer_name);
  PutLengthPrefixed(dst, p.payer_account);
  PutLines(dst, p.remittance, p.amount.currency);
  PutLengthPrefixed(dst, p.remittance_text);
  PutByte(dst, p.is_return ? 1 : 0);
  PutLengthPrefixed(dst, p.return_reason);
  PutLengthPrefixed(dst, p.account);
  PutLengthPrefixed(dst, p.transaction_code);
  PutLengthPrefixed(dst, p.bank_entry_ref);
  PutVarint64(dst, p.batch_count);
  PutLengthPrefixed(dst, p.original_ref);
  PutLengthPrefixed(dst, p.superseded_by);
}

Status DecodeFrom(std::string_view src, Payment* out) {
  Reader r(src);
  uint8_t version = 0;
  r.GetByte(&version);
  if (version != kPaymentFormat && version != kPaymentFormatV1) r.Fail("unknown format version");
  r.GetVarint64(&out->payment_id);
  r.GetString(&out->source_file);
  r.GetVarint64(&out->source_line);
  r.GetString(&out->format);
  r.GetString(&out->source_ref);
  r.GetString(&out->trace_number);
  GetEnum(r, Direction::kDebit, &out->direction);
  GetCurrency(r, &out->amount.currency);
  r.GetZigZag64(&out->amount.minor);
  GetDate(r, &out->value_date);
  GetDate(r, &out->booking_date);
  r.GetString(&out->payer_name);
  r.GetString(&out->payer_account);
  GetLines(r, out->amount.currency, &out->remittance);
  r.GetString(&out->remittance_text);
  GetBool(r, &out->is_return);
  r.GetString(&out->return_reason);
  if (version == kPaymentFormatV1) {
    out->account.clear();
    out->transaction_code.clear();
    out->bank_entry_ref.clear();
    out->batch_count = 0;
    out->original_ref.clear();
    out->superseded_by.clear();
    return Finish(r, "payment");
  }
  r.GetString(&out->account);
  r.GetString(&out->transaction_code);
  r.GetString(&out->bank_entry_ref);
  r.GetVarint32(&out->batch_count);
  r.GetString(&out->original_ref);
  r.GetString(&out->superseded_by);
  return Finish(r, "payment");
}

// ---- WorkItem ----

void EncodeTo(const WorkItem& w, std::string* dst) {
  PutByte(dst, kWorkItemFormat);
  PutVarint64(dst, w.payment_id);
  PutVarint64(dst, w.batch_id);
  PutLengthPrefixed(dst, w.customer_id);
  PutLengthPrefixed(dst, w.reason);
  PutByte(dst, w.duplicate ? 1 : 0);
  PutVarint64(dst, w.suggestions.size());
  for (const Suggestion& s : w.suggestions) {
    PutLengthPrefixed(dst, s.company);
    PutLengthPrefixed(dst, s.invoice_id);
    PutCurrency(dst, s.amount.currency);
    PutZigZag64(dst, s.amount.minor);
    PutVarint64(dst, s.confidence_bp);
  }
}

Status DecodeFrom(std::string_view src, WorkItem* out) {
  Reader r(src);
  GetVersion(r, kWorkItemFormat);
  r.GetVarint64(&out->payment_id);
  r.GetVarint64(&out->batch_id);
  r.GetString(&out->customer_id);
  r.GetString(&out->reason);
  GetBool(r, &out->duplicate);
  size_t n = 0;
  if (GetCount(r, &n)) {
    out->suggestions.resize(n);
    for (Suggestion& s : out->suggestions) {
      r.GetString(&s.company);
      r.GetString(&s.invoice_id);
      GetCurrency(r, &s.amount.currency);
      r.GetZigZag64(&s.amount.minor);
      GetUint16(r, &s.confidence_bp);
      if (r.failed()) break;
    }
  }
  return Finish(r, "work item");
}

// ---- RemittanceAdvice ----

void EncodeTo(const RemittanceAdvice& a, std::string* dst) {
  PutByte(dst, kAdviceFormat);
  PutVarint64(dst, a.advice_id);
  PutVarint64(dst, a.payment_id);
  PutLengthPrefixed(dst, a.source_file);
  PutVarint64(dst, a.source_line);
  PutLengthPrefixed(dst, a.format);
  PutLengthPrefixed(dst, a.source_ref);
  PutLengthPrefixed(dst, a.trace_number);
  PutCurrency(dst, a.amount.currency);
  PutZigZag64(dst, a.amount.minor);
  PutZigZag64(dst, a.payment_date.days);
  PutLengthPrefixed(dst, a.payer_name);
  PutLengthPrefixed(dst, a.payer_account);
  PutLengthPrefixed(dst, a.payee_name);
  PutLines(dst, a.remittance, a.amount.currency);
  PutLengthPrefixed(dst, a.remittance_text);
}

Status DecodeFrom(std::string_view src, RemittanceAdvice* out) {
  Reader r(src);
  GetVersion(r, kAdviceFormat);
  r.GetVarint64(&out->advice_id);
  r.GetVarint64(&out->payment_id);
  r.GetString(&out->source_file);
  r.GetVarint64(&out->source_line);
  r.GetString(&out->format);
  r.GetString(&out->source_ref);
  r.GetString(&out->trace_number);
  GetCurrency(r, &out->amount.currency);
  r.GetZigZag64(&out->amount.minor);
  GetDate(r, &out->payment_date);
  r.GetString(&out->payer_name);
  r.GetString(&out->payer_account);
  r.GetString(&out->payee_name);
  GetLines(r, out->amount.currency, &out->remittance);
  r.GetString(&out->remittance_text);
  return Finish(r, "remittance advice");
}

// ---- Application ----

void EncodeTo(const Application& a, std::string* dst) {
  PutByte(dst, kApplicationFormat);
  PutVarint64(dst, a.batch_id);
  PutVarint64(dst, a.seq);
  PutVarint64(dst, a.payment_id);
  PutLengthPrefixed(dst, a.company);
  PutLengthPrefixed(dst, a.invoice_id);
  PutLengthPrefixed(dst, a.customer_id);
  PutCurrency(dst, a.applied.currency);
  PutZigZag64(dst, a.applied.minor);
  PutMoneyBesides(dst, a.discount, a.applied.currency);
  PutMoneyBesides(dst, a.writeoff, a.applied.currency);
  PutByte(dst, static_cast<uint8_t>(a.method));
  PutVarint64(dst, a.confidence_bp);
  PutLengthPrefixed(dst, a.evidence);
  PutZigZag64(dst, a.at.micros);
}

Status DecodeFrom(std::string_view src, Application* out) {
  Reader r(src);
  GetVersion(r, kApplicationFormat);
  r.GetVarint64(&out->batch_id);
  r.GetVarint32(&out->seq);
  r.GetVarint64(&out->payment_id);
  r.GetString(&out->company);
  r.GetString(&out->invoice_id);
  r.GetString(&out->customer_id);
  GetCurrency(r, &out->applied.currency);
  r.GetZigZag64(&out->applied.minor);
  GetMoneyBesides(r, out->applied.currency, &out->discount);
  GetMoneyBesides(r, out->applied.currency, &out->writeoff);
  GetEnum(r, MatchMethod::kManual, &out->method);
  GetUint16(r, &out->confidence_bp);
  r.GetString(&out->evidence);
  GetTimestamp(r, &out->at);
  return Finish(r, "application");
}

// ---- Batch ----

void EncodeTo(const Batch& b, std::string* dst) {
  PutByte(dst, kBatchFormat);
  PutVarint64(dst, b.batch_id);
  PutByte(dst, static_cast<uint8_t>(b.kind));
  PutLengthPrefixed(dst, b.source_file);
  PutZigZag64(dst, b.created.micros);
  PutVarint64(dst, b.payments);
  PutVarint64(dst, b.applications);
  PutVarint64(dst, b.unapplied);
  PutZigZag64(dst, b.micros);
  PutVarint64(dst, b.received.size());
  for (const Money& m : b.received) {
    PutCurrency(dst, m.currency);
    PutZigZag64(dst, m.minor);
  }
}

Status DecodeFrom(std::string_view src, Batch* out) {
  Reader r(src);
  uint8_t version = 0;
  if (r.GetByte(&version) && version != kBatchFormat && version != kBatchFormatV1) {
    r.Fail("unknown format version");
  }
  r.GetVarint64(&out->batch_id);
  GetEnum(r, BatchKind::kLoad, &out->kind);
  r.GetString(&out->source_file);
  GetTimestamp(r, &out->created);
  r.GetVarint32(&out->payments);
  r.GetVarint32(&out->applications);
  r.GetVarint32(&out->unapplied);
  out->micros = 0;
  out->received.clear();
  if (version == kBatchFormatV1) return Finish(r, "batch");
  r.GetZigZag64(&out->micros);
  size_t n = 0;
  if (GetCount(r, &n)) {
    out->received.resize(n);
    for (Money& m : out->received) {
      if (!GetCurrency(r, &m.currency) || !r.GetZigZag64(&m.minor)) break;
    }
  }
  return Finish(r, "batch");
}

// ---- BatchWorkItem ----
// The two records nested whole, each in its own current encoding, so the
// snapshot follows both formats without a copy of their field lists.

void EncodeTo(const BatchWorkItem& w, std::string* dst) {
  PutByte(dst, kBatchWorkItemFormat);
  std::string nested;
  EncodeTo(w.item, &nested);
  PutLengthPrefixed(dst, nested);
  nested.clear();
  EncodeTo(w.payment, &nested);
  PutLengthPrefixed(dst, nested);
}

Status DecodeFrom(std::string_view src, BatchWorkItem* out) {
  Reader r(src);
  GetVersion(r, kBatchWorkItemFormat);
  std::string_view item, payment;
  r.GetLengthPrefixed(&item);
  r.GetLengthPrefixed(&payment);
  CASHMATCH_RETURN_IF_ERROR(Finish(r, "batch work item"));
  Status st = DecodeFrom(item, &out->item);
  if (st.ok()) st = DecodeFrom(payment, &out->payment);
  if (!st.ok()) return Status::Corruption("corrupt batch work item record: " + std::string(st.reason()));
  return Status::Ok();
}

// ---- IngestedFile ----

void EncodeTo(const IngestedFile& f, std::string* dst) {
  PutByte(dst, kIngestedFileFormat);
  PutLengthPrefixed(dst, f.content_hash);
  PutLengthPrefixed(dst, f.name);
  PutVarint64(dst, f.size);
  PutLengthPrefixed(dst, f.format);
  PutByte(dst, static_cast<uint8_t>(f.outcome));
  PutVarint64(dst, f.batch_id);
  PutLengthPrefixed(dst, f.reason);
  PutZigZag64(dst, f.at.micros);
}

Status DecodeFrom(std::string_view src, IngestedFile* out) {
  Reader r(src);
  GetVersion(r, kIngestedFileFormat);
  r.GetString(&out->content_hash);
  r.GetString(&out->name);
  r.GetVarint64(&out->size);
  r.GetString(&out->format);
  GetEnum(r, FileOutcome::kDuplicate, &out->outcome);
  r.GetVarint64(&out->batch_id);
  r.GetString(&out->reason);
  GetTimestamp(r, &out->at);
  return Finish(r, "ingested file");
}

// ---- Deduction ----

void EncodeTo(const Deduction& d, std::string* dst) {
  PutByte(dst, kDeductionFormat);
  PutVarint64(dst, d.batch_id);
  PutVarint64(dst, d.seq);
  PutLengthPrefixed(dst, d.company);
  PutLengthPrefixed(dst, d.invoice_id);
  PutLengthPrefixed(dst, d.customer_id);
  PutVarint64(dst, d.payment_id);
  PutCurrency(dst, d.amount.currency);
  PutZigZag64(dst, d.amount.minor);
  PutLengthPrefixed(dst, d.reason);
  PutByte(dst, static_cast<uint8_t>(d.status));
  PutVarint64(dst, d.notes.size());
  for (const DeductionNote& n : d.notes) {
    PutZigZag64(dst, n.at.micros);
    PutLengthPrefixed(dst, n.text);
  }
  PutZigZag64(dst, d.created.micros);
  PutZigZag64(dst, d.updated.micros);
  PutVarint64(dst, d.updated_batch);
}

Status DecodeFrom(std::string_view src, Deduction* out) {
  Reader r(src);
  GetVersion(r, kDeductionFormat);
  r.GetVarint64(&out->batch_id);
  r.GetVarint32(&out->seq);
  r.GetString(&out->company);
  r.GetString(&out->invoice_id);
  r.GetString(&out->customer_id);
  r.GetVarint64(&out->payment_id);
  GetCurrency(r, &out->amount.currency);
  r.GetZigZag64(&out->amount.minor);
  r.GetString(&out->reason);
  GetEnum(r, DeductionStatus::kVoid, &out->status);
  size_t n = 0;
  out->notes.clear();
  if (GetCount(r, &n)) {
    out->notes.resize(n);
    for (DeductionNote& note : out->notes) {
      if (!GetTimestamp(r, &note.at) || !r.GetString(&note.text)) break;
    }
  }
  GetTimestamp(r, &out->created);
  GetTimestamp(r, &out->updated);
  r.GetVarint64(&out->updated_batch);
  return Finish(r, "deduction");
}

// ---- SentReminder ----

void EncodeTo(const SentReminder& s, std::string* dst) {
  PutByte(dst, kSentReminderFormat);
  PutLengthPrefixed(dst, s.customer_id);
  PutLengthPrefixed(dst, s.company);
  PutLengthPrefixed(dst, s.invoice_id);
  PutLengthPrefixed(dst, s.step);
  PutZigZag64(dst, s.sent.micros);
  PutZigZag64(dst, s.as_of.days);
  PutCurrency(dst, s.open_amount.currency);
  PutZigZag64(dst, s.open_amount.minor);
  PutLengthPrefixed(dst, s.to);
}

Status DecodeFrom(std::string_view src, SentReminder* out) {
  Reader r(src);
  GetVersion(r, kSentReminderFormat);
  r.GetString(&out->customer_id);
  r.GetString(&out->company);
  r.GetString(&out->invoice_id);
  r.GetString(&out->step);
  GetTimestamp(r, &out->sent);
  GetDate(r, &out->as_of);
  GetCurrency(r, &out->open_amount.currency);
  r.GetZigZag64(&out->open_amount.minor);
  r.GetString(&out->to);
  return Finish(r, "sent reminder");
}

}  // namespace cashmatch
