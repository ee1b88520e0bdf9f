// Point reads and scans.
#include <rocksdb/snapshot.h>

#include <optional>

#include "cashmatch/record_coding.h"
#include "rocks_options.h"
#include "store_impl.h"

namespace cashmatch {

using storage::Cf;
using storage::FromRocks;
using storage::StoreImpl;

namespace {

std::string_view View(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

Status DecodeStored(std::string_view value, Cf cf, auto* record) {
  Status st = DecodeFrom(value, record);
  if (st.ok()) return st;
  return Status::Corruption(std::string(st.reason()) + " (column family " + storage::kCfNames[cf] +
                            ")");
}

template <typename Record>
Result<Record> Get(const StoreImpl& impl, const rocksdb::ReadOptions& ro, Cf cf,
                   std::string_view key, const std::string& what) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s = impl.db->Get(ro, impl.cf(cf), rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return Status::NotFound(what + " not found");
  if (!s.ok()) return FromRocks(s, "cannot read " + what);
  Record record;
  CASHMATCH_RETURN_IF_ERROR(DecodeStored(View(value), cf, &record));
  return record;
}

// Calls fn(key, value) for every key of `cf` that starts with `prefix`
// (everything when empty), ascending or descending; fn returns false to
// stop. Fails with the iterator's error, if any.
template <typename Fn>
Status ScanRaw(const StoreImpl& impl, rocksdb::ReadOptions ro, Cf cf, std::string_view prefix,
               bool descending, Fn&& fn) {
  std::optional<std::string> upper = storage::PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice;
  if (!prefix.empty() && upper) {
    upper_slice = rocksdb::Slice(*upper);
    ro.iterate_upper_bound = &upper_slice;
  }
  std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(ro, impl.cf(cf)));
  if (descending) {
    it->SeekToLast();  // the last key below the upper bound, if one is set
  } else if (prefix.empty()) {
    it->SeekToFirst();
  } else {
    it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
  }
  for (; it->Valid(); descending ? it->Prev() : it->Next()) {
    const std::string_view key = View(it->key());
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!fn(key, View(it->value()))) return Status::Ok();
  }
  if (!it->status().ok()) {
    return FromRocks(it->status(), std::string("cannot scan ") + storage::kCfNames[cf]);
  }
  return Status::Ok();
}

// Decodes every record of `cf` under `prefix` into one reused object.
template <typename Record>
Status ScanRecords(const StoreImpl& impl, const rocksdb::ReadOptions& ro, Cf cf,
                   std::string_view prefix, bool descending, const ScanFn<Record>& fn) {
  Record record;
  Status failure;
  CASHMATCH_RETURN_IF_ERROR(
      ScanRaw(impl, ro, cf, prefix, descending, [&](std::string_view, std::string_view value) {
        failure = DecodeStored(value, cf, &record);
        return failure.ok() && fn(record);
      }));
  return failure;
}

// Walks the index entries under `prefix` in `index_cf` and calls fn with the
// record each one points at in `record_cf`, all read from one snapshot so
// the index and the records agree.
template <typename Record>
Status ScanIndex(const StoreImpl& impl, Cf index_cf, std::string_view prefix, Cf record_cf,
                 const ScanFn<Record>& fn) {
  rocksdb::ManagedSnapshot snapshot(impl.db.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  Record record;
  rocksdb::PinnableSlice value;
  Status failure;
  CASHMATCH_RETURN_IF_ERROR(
      ScanRaw(impl, ro, index_cf, prefix, false, [&](std::string_view key, std::string_view) {
        const std::string_view pk = key.substr(prefix.size());
        value.Reset();
        rocksdb::Status s =
            impl.db->Get(ro, impl.cf(record_cf), rocksdb::Slice(pk.data(), pk.size()), &value);
        if (s.IsNotFound()) {
          failure = Status::Corruption(std::string("index ") + storage::kCfNames[index_cf] +
                                       " points at a missing " + storage::kCfNames[record_cf] +
                                       " record");
        } else if (!s.ok()) {
          failure = FromRocks(s, std::string("cannot read ") + storage::kCfNames[record_cf]);
        } else {
          failure = DecodeStored(View(value), record_cf, &record);
        }
        return failure.ok() && fn(record);
      }));
  return failure;
}

}  // namespace

// ---- Point reads ----

Result<Customer> Store::GetCustomer(std::string_view customer_id) const {
  return Get<Customer>(*impl_, {}, storage::kCustomers, storage::CustomerKey(customer_id),
                       "customer " + Quoted(customer_id));
}

Result<Invoice> Store::GetInvoice(std::string_view company, std::string_view invoice_id) const {
  return Get<Invoice>(*impl_, {}, storage::kInvoices, storage::InvoiceKey(company, invoice_id),
                      "invoice " + Quoted(invoice_id) + " of company " + Quoted(company));
}

Result<Payment> Store::GetPayment(uint64_t payment_id) const {
  return Get<Payment>(*impl_, {}, storage::kPayments, storage::PaymentKey(payment_id),
                      "payment " + std::to_string(payment_id));
}

Result<Application> Store::GetApplication(uint64_t batch_id, uint32_t seq) const {
  return Get<Application>(
      *impl_, {}, storage::kApplications, storage::ApplicationKey(batch_id, seq),
      "application " + std::to_string(seq) + " of batch " + std::to_string(batch_id));
}

Result<RemittanceAdvice> Store::GetAdvice(uint64_t advice_id) const {
  return Get<RemittanceAdvice>(*impl_, {}, storage::kAdvices, storage::AdviceKey(advice_id),
                               "remittance advice " + std::to_string(advice_id));
}

Result<WorkItem> Store::GetWorkItem(uint64_t payment_id) const {
  return Get<WorkItem>(*impl_, {}, storage::kUnapplied, storage::PaymentKey(payment_id),
                       "work item of payment " + std::to_string(payment_id));
}

Result<Batch> Store::GetBatch(uint64_t batch_id) const {
  return Get<Batch>(*impl_, {}, storage::kBatches, storage::BatchKey(batch_id),
                    "batch " + std::to_string(batch_id));
}

Result<IngestedFile> Store::GetIngestedFile(std::string_view content_hash) const {
  return Get<IngestedFile>(*impl_, {}, storage::kFiles, storage::FileKey(content_hash),
                           "ingested file with hash " + Quoted(content_hash));
}

// ---- Scans ----

Status Store::ForEachCustomer(const ScanFn<Customer>& fn) const {
  return ScanRecords(*impl_, storage::BulkScanReadOptions(), storage::kCustomers, "", false, fn);
}

Status Store::ForEachInvoice(const ScanFn<Invoice>& fn) const {
  return ScanRecords(*impl_, storage::BulkScanReadOptions(), storage::kInvoices, "", false, fn);
}

Status Store::ForEachPayment(const ScanFn<Payment>& fn) const {
  return ScanRecords(*impl_, storage::BulkScanReadOptions(), storage::kPayments, "", false, fn);
}

Status Store::ForEachIngestedFile(const ScanFn<IngestedFile>& fn) const {
  return ScanRecords(*impl_, rocksdb::ReadOptions(), storage::kFiles, "", false, fn);
}

Status Store::ForEachBatch(const ScanFn<Batch>& fn) const {
  return ScanRecords(*impl_, rocksdb::ReadOptions(), storage::kBatches, "", true, fn);
}

Status Store::ForEachInvoiceOfCustomer(std::string_view customer_id,
                                       const ScanFn<Invoice>& fn) const {
  return ScanIndex(*impl_, storage::kInvoicesByCustomer,
                   storage::InvoicesOfCustomerPrefix(customer_id), storage::kInvoices, fn);
}

Status Store::ForEachApplicationOfBatch(uint64_t batch_id, const ScanFn<Application>& fn) const {
  return ScanRecords(*impl_, rocksdb::ReadOptions(), storage::kApplications,
                     storage::ApplicationsOfBatchPrefix(batch_id), false, fn);
}

Status Store::ForEachApplicationOfInvoice(std::string_view company, std::string_view invoice_id,
                                          const ScanFn<Application>& fn) const {
  return ScanIndex(*impl_, storage::kApplicationsByInvoice,
                   storage::ApplicationsOfInvoicePrefix(company, invoice_id),
                   storage::kApplications, fn);
}

Status Store::ForEachApplicationOfPayment(uint64_t payment_id,
                                          const ScanFn<Application>& fn) const {
  return ScanIndex(*impl_, storage::kApplicationsByPayment,
                   storage::ApplicationsOfPaymentPrefix(payment_id), storage::kApplications, fn);
}

Status Store::ForEachApplicationOfCustomer(std::string_view customer_id,
                                           const ScanFn<Application>& fn) const {
  return ScanIndex(*impl_, storage::kApplicationsByCustomer,
                   storage::ApplicationsOfCustomerPrefix(customer_id), storage::kApplications, fn);
}

Status Store::ForEachPaymentWithRef(PaymentRefKind kind, std::string_view ref,
                                    const ScanFn<Payment>& fn) const {
  if (ref.empty()) return Status::Ok();
  return ScanIndex(*impl_, storage::kPaymentsByRef, storage::PaymentsByRefPrefix(kind, ref),
                   storage::kPayments, fn);
}

Status Store::ForEachUnappliedPayment(const ScanFn<Payment>& fn) const {
  return ScanIndex(*impl_, storage::kUnapplied, "", storage::kPayments, fn);
}

Status Store::ForEachWorkItem(const ScanFn<WorkItem>& fn) const {
  return ScanRecords(*impl_, rocksdb::ReadOptions(), storage::kUnapplied, "", false, fn);
}

Status Store::ForEachPendingAdvice(const ScanFn<RemittanceAdvice>& fn) const {
  return ScanIndex(*impl_, storage::kPendingAdvices, "", storage::kAdvices, fn);
}

Status Store::ForEachBatchWork(uint64_t batch_id, const ScanFn<BatchWorkItem>& fn) const {
  return ScanRecords(*impl_, rocksdb::ReadOptions(), storage::kBatchWork,
                     storage::BatchKey(batch_id), false, fn);
}

Status Store::ForEachResultsPending(const ScanFn<uint64_t>& fn) const {
  return ScanRaw(*impl_, rocksdb::ReadOptions(), storage::kPendingResults, "", false,
                 [&](std::string_view key, std::string_view) {
                   const std::optional<uint64_t> id = storage::LeadingId(key);
                   return !id || fn(*id);
                 });
}

Result<Deduction> Store::GetDeduction(uint64_t batch_id, uint32_t seq) const {
  return Get<Deduction>(*impl_, rocksdb::ReadOptions(), storage::kDeductions,
                        storage::DeductionKey(batch_id, seq),
                        "deduction " + std::to_string(batch_id) + "-" + std::to_string(seq));
}

Status Store::ForEachDeduction(const ScanFn<Deduction>& fn) const {
  return ScanRecords(*impl_, rocksdb::ReadOptions(), storage::kDeductions, "", false, fn);
}

Status Store::ForEachDeductionOfInvoice(std::string_view company, std::string_view invoice_id,
                                        const ScanFn<Deduction>& fn) const {
  return ScanIndex(*impl_, storage::kDeductionsByInvoice,
                   storage::DeductionsOfInvoicePrefix(company, invoice_id), storage::kDeductions,
                   fn);
}

Status Store::ForEachBatchDeduction(uint64_t batch_id, const ScanFn<Deduction>& fn) const {
  return ScanRecords(*impl_, rocksdb::ReadOptions(), storage::kBatchDeductions,
                     storage::BatchKey(batch_id), false, fn);
}

Status Store::ForEachSentReminder(const ScanFn<SentReminder>& fn) const {
  return ScanRecords(*impl_, rocksdb::ReadOptions(), storage::kReminders, "", false, fn);
}

Status Store::ForEachSentReminderOfCustomer(std::string_view customer_id,
                                            const ScanFn<SentReminder>& fn) const {
  return ScanRecords(*impl_, rocksdb::ReadOptions(), storage::kReminders,
                     storage::CustomerKey(customer_id), false, fn);
}

}  // namespace cashmatch
