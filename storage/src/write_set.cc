#include "cashmatch/record_coding.h"
#include "cashmatch/store.h"
#include "coding.h"
#include "keys.h"
#include "write_set_rep.h"

namespace cashmatch {

using storage::Cf;
using storage::IndexEntry;
using storage::Op;
using storage::WriteSetRep;

namespace {

void AppendHeader(WriteSetRep& rep, Op op, Cf cf, std::string_view key) {
  rep.ops.push_back(static_cast<char>(op));
  rep.ops.push_back(static_cast<char>(cf));
  storage::PutLengthPrefixed(&rep.ops, key);
  ++rep.count;
}

void AppendIndexes(WriteSetRep& rep, const std::vector<IndexEntry>& entries) {
  // Scratch buffers reused across calls: a load puts millions of records,
  // and a malloc/free pair per buffer per record showed in its profile.
  thread_local std::string section;
  section.clear();
  storage::PutVarint64(&section, entries.size());
  for (const IndexEntry& e : entries) {
    section.push_back(static_cast<char>(e.cf));
    storage::PutLengthPrefixed(&section, e.key);
  }
  storage::PutLengthPrefixed(&rep.ops, section);
}

template <typename Record>
void Put(WriteSetRep& rep, Cf cf, std::string_view key, const Record& record) {
  AppendHeader(rep, Op::kPut, cf, key);
  thread_local std::string value;
  value.clear();
  EncodeTo(record, &value);
  storage::PutLengthPrefixed(&rep.ops, value);
  if constexpr (requires(std::vector<IndexEntry> * v) { AppendIndexEntries(record, v); }) {
    thread_local std::vector<IndexEntry> entries;
    entries.clear();
    AppendIndexEntries(record, &entries);
    AppendIndexes(rep, entries);
  }
}

void Delete(WriteSetRep& rep, Cf cf, std::string_view key) {
  AppendHeader(rep, Op::kDelete, cf, key);
  if (storage::HasIndexes(cf)) AppendIndexes(rep, {});
}

}  // namespace

WriteSet::WriteSet() = default;
WriteSet::~WriteSet() = default;
WriteSet::WriteSet(WriteSet&&) noexcept = default;
WriteSet& WriteSet::operator=(WriteSet&&) noexcept = default;

WriteSetRep& WriteSet::rep() {
  if (!rep_) rep_ = std::make_unique<WriteSetRep>();
  return *rep_;
}

void WriteSet::Reserve(size_t bytes) { rep().ops.reserve(bytes); }

void WriteSet::PutCustomer(const Customer& c) {
  Put(rep(), storage::kCustomers, storage::CustomerKey(c.customer_id), c);
}
void WriteSet::PutInvoice(const Invoice& v) {
  Put(rep(), storage::kInvoices, storage::InvoiceKey(v.company, v.invoice_id), v);
}
void WriteSet::PutPayment(const Payment& p) {
  Put(rep(), storage::kPayments, storage::PaymentKey(p.payment_id), p);
}
void WriteSet::PutApplication(const Application& a) {
  Put(rep(), storage::kApplications, storage::ApplicationKey(a.batch_id, a.seq), a);
}
void WriteSet::PutBatch(const Batch& b) {
  Put(rep(), storage::kBatches, storage::BatchKey(b.batch_id), b);
}
void WriteSet::PutIngestedFile(const IngestedFile& f) {
  Put(rep(), storage::kFiles, storage::FileKey(f.content_hash), f);
}

void WriteSet::PutAdvice(const RemittanceAdvice& a) {
  Put(rep(), storage::kAdvices, storage::AdviceKey(a.advice_id), a);
}

void WriteSet::DeleteCustomer(std::string_view customer_id) {
  Delete(rep(), storage::kCustomers, storage::CustomerKey(customer_id));
}
void WriteSet::DeleteInvoice(std::string_view company, std::string_view invoice_id) {
  Delete(rep(), storage::kInvoices, storage::InvoiceKey(company, invoice_id));
}
void WriteSet::DeletePayment(uint64_t payment_id) {
  Delete(rep(), storage::kPayments, storage::PaymentKey(payment_id));
}
void WriteSet::DeleteApplication(uint64_t batch_id, uint32_t seq) {
  Delete(rep(), storage::kApplications, storage::ApplicationKey(batch_id, seq));
}

void WriteSet::MarkUnapplied(uint64_t payment_id) {
  WorkItem item;
  item.payment_id = payment_id;
  MarkUnapplied(item);
}
void WriteSet::MarkUnapplied(const WorkItem& item) {
  WriteSetRep& r = rep();
  AppendHeader(r, Op::kPut, storage::kUnapplied, storage::PaymentKey(item.payment_id));
  std::string value;
  EncodeTo(item, &value);
  storage::PutLengthPrefixed(&r.ops, value);
}
void WriteSet::ClearUnapplied(uint64_t payment_id) {
  Delete(rep(), storage::kUnapplied, storage::PaymentKey(payment_id));
}

void WriteSet::MarkAdvicePending(uint64_t advice_id) {
  WriteSetRep& r = rep();
  AppendHeader(r, Op::kPut, storage::kPendingAdvices, storage::AdviceKey(advice_id));
  storage::PutLengthPrefixed(&r.ops, "");
}
void WriteSet::ClearAdvicePending(uint64_t advice_id) {
  Delete(rep(), storage::kPendingAdvices, storage::AdviceKey(advice_id));
}

void WriteSet::PutBatchWork(const BatchWorkItem& w) {
  Put(rep(), storage::kBatchWork, storage::BatchWorkKey(w.item.batch_id, w.payment.payment_id), w);
}

void WriteSet::MarkResultsPending(uint64_t batch_id) {
  WriteSetRep& r = rep();
  AppendHeader(r, Op::kPut, storage::kPendingResults, storage::BatchKey(batch_id));
  storage::PutLengthPrefixed(&r.ops, "");
}
void WriteSet::ClearResultsPending(uint64_t batch_id) {
  Delete(rep(), storage::kPendingResults, storage::BatchKey(batch_id));
}

void WriteSet::PutDeduction(const Deduction& d) {
  const std::string key = storage::DeductionKey(d.batch_id, d.seq);
  Put(rep(), storage::kDeductions, key, d);
  WriteSetRep& r = rep();
  AppendHeader(r, Op::kPut, storage::kDeductionsByInvoice,
               storage::DeductionsOfInvoicePrefix(d.company, d.invoice_id) + key);
  storage::PutLengthPrefixed(&r.ops, "");
}

void WriteSet::PutBatchDeduction(uint64_t batch_id, const Deduction& d) {
  Put(rep(), storage::kBatchDeductions, storage::BatchDeductionKey(batch_id, d.batch_id, d.seq), d);
}

void WriteSet::PutSentReminder(const SentReminder& s) {
  Put(rep(), storage::kReminders,
      storage::ReminderKey(s.customer_id, s.company, s.invoice_id, s.step), s);
}

size_t WriteSet::count() const { return rep_ ? rep_->count : 0; }
size_t WriteSet::ApproximateBytes() const { return rep_ ? rep_->ops.size() : 0; }

namespace storage {

bool WriteOpReader::Next(WriteOp* op, bool* malformed) {
  *malformed = false;
  if (in_.empty()) return false;
  Reader r(in_);
  uint8_t op_byte = 0;
  uint8_t cf_byte = 0;
  r.GetByte(&op_byte);
  r.GetByte(&cf_byte);
  r.GetLengthPrefixed(&op->key);
  op->value = {};
  op->indexes = {};
  const bool put = op_byte == static_cast<uint8_t>(Op::kPut);
  if (put) r.GetLengthPrefixed(&op->value);
  if (cf_byte < kCfCount && HasIndexes(static_cast<Cf>(cf_byte))) {
    r.GetLengthPrefixed(&op->indexes);
  }
  if (r.failed() || cf_byte >= kCfCount || (!put && op_byte != static_cast<uint8_t>(Op::kDelete))) {
    *malformed = true;
    return false;
  }
  op->op = static_cast<Op>(op_byte);
  op->cf = static_cast<Cf>(cf_byte);
  in_.remove_prefix(in_.size() - r.remaining());
  return true;
}

bool ParseIndexEntries(std::string_view encoded, std::vector<IndexEntryView>* out) {
  Reader r(encoded);
  uint64_t n = 0;
  if (!r.GetVarint64(&n) || n > r.remaining()) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint8_t cf = 0;
    std::string_view key;
    if (!r.GetByte(&cf) || !r.GetLengthPrefixed(&key) || cf >= kCfCount) return false;
    out->push_back({static_cast<Cf>(cf), key});
  }
  return r.ExpectEnd();
}

}  // namespace storage
}  // namespace cashmatch
