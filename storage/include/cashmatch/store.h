// Store: cashmatch's domain records persisted in RocksDB.
//
// A store is a data directory holding customers, invoices, payments,
// applications, batches and ingested files, plus the secondary indexes the
// engine and the admin CLI scan. docs/storage.md describes the column
// families, key layouts and value encodings.
//
// Writes go through a WriteSet: accumulate any number of puts and deletes,
// then Commit() applies them as one atomic RocksDB WriteBatch (all or
// nothing, WAL synced by default). The store maintains the secondary indexes
// itself: replacing an invoice whose customer changed moves its index entry.
//
// A failed write is sticky: after Commit() fails with an I/O error, every
// later Commit() returns that error until the store is reopened. Reads keep
// working.
//
// Thread safety: a Store is safe to share between threads. Reads (Get*,
// ForEach*) may run concurrently with each other and with Commit(); each read
// sees a consistent point-in-time view. Commits are serialized internally.
// The Allocate* functions are thread-safe. A WriteSet is a plain value owned
// by one thread at a time.
#ifndef CASHMATCH_STORE_H_
#define CASHMATCH_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cashmatch/collections.h"
#include "cashmatch/domain.h"
#include "cashmatch/status.h"

namespace cashmatch {

namespace storage {
struct WriteSetRep;   // internal
struct StoreImpl;     // internal
struct StoreTesting;  // test hooks
}  // namespace storage

struct StoreOptions {
  // Create the data directory (its parent must exist) and an empty store
  // when none exists. When false, opening a directory without a store
  // returns kNotFound. Default: true.
  bool create_if_missing = true;

  // Sync the write-ahead log before Commit() returns, so a committed
  // WriteSet survives a power loss. Turning it off keeps it safe against a
  // process crash only; meant for benchmarks and tests. Default: true.
  bool sync = true;

  // Open without taking the directory's lock: reads only, Commit() returns
  // kUnsupported. Sees the store as it was when opened, even if another
  // process holds it for writing. Never creates anything. Default: false.
  bool read_only = false;

  // Bytes of the LRU cache of uncompressed data blocks shared by all column
  // families (point lookups; full scans bypass it). Default: 256 MiB.
  size_t block_cache_bytes = size_t{256} << 20;

  // A commit of at least this many key changes (records and their index
  // entries) is written as sorted files handed to the database whole,
  // instead of through the write-ahead log and memtables: a first load of
  // millions of open items then writes its data once. Equally atomic and
  // durable (synced whatever `sync` says). Default: 1M.
  size_t ingest_min_changes = size_t{1} << 20;
};

// Which of a payment's references a lookup goes by.
enum class PaymentRefKind : uint8_t {
  kSourceRef = 1,    // Payment::source_ref
  kTraceNumber = 2,  // Payment::trace_number
  kBankEntryRef = 3,  // Payment::bank_entry_ref
};

// A set of changes to commit atomically. Build it, then pass it to
// Store::Commit(). Changes apply in the order they were added, so a later put
// of the same key wins. Records are copied in (encoded); the caller keeps its
// own. A moved-from WriteSet is empty and usable. Not synchronized: one
// thread at a time.
class WriteSet {
 public:
  WriteSet();
  ~WriteSet();
  WriteSet(WriteSet&&) noexcept;
  WriteSet& operator=(WriteSet&&) noexcept;
  WriteSet(const WriteSet&) = delete;
  WriteSet& operator=(const WriteSet&) = delete;

  // A hint: the set will hold about `bytes` of encoded changes (a record's
  // encoding is about its size in an open-items CSV plus its index keys).
  // Spares a set of millions of records its copies while it grows.
  void Reserve(size_t bytes);

  // Inserts or replaces the record with the same key: customer_id;
  // (company, invoice_id); payment_id; (batch_id, seq); batch_id;
  // content_hash. Payment and batch ids come from Store::Allocate*; the
  // store's id sequences move above any id committed here.
  void PutCustomer(const Customer& customer);
  void PutInvoice(const Invoice& invoice);
  void PutPayment(const Payment& payment);
  void PutApplication(const Application& application);
  void PutBatch(const Batch& batch);
  void PutIngestedFile(const IngestedFile& file);
  // Keyed by advice_id, from Store::AllocateRecordIds.
  void PutAdvice(const RemittanceAdvice& advice);

  // Removes a record and its index entries; deleting a missing key is not an
  // error. Nothing cascades: deleting a customer leaves its invoices.
  void DeleteCustomer(std::string_view customer_id);
  void DeleteInvoice(std::string_view company, std::string_view invoice_id);
  void DeletePayment(uint64_t payment_id);
  void DeleteApplication(uint64_t batch_id, uint32_t seq);

  // The set of payments left for an operator (the `unapplied` work queue):
  // the engine says which ones they are and why, the store keeps the list.
  // The first form records no reason.
  void MarkUnapplied(uint64_t payment_id);
  void MarkUnapplied(const WorkItem& item);
  void ClearUnapplied(uint64_t payment_id);

  // The set of remittance advices still waiting for their payment.
  void MarkAdvicePending(uint64_t advice_id);
  void ClearAdvicePending(uint64_t advice_id);

  // What a batch left for an operator, kept for good under
  // (item.item.batch_id, item.payment.payment_id): the batch's result files
  // are written from it, then and on every later export, whatever becomes
  // of the work queue. Put it in the same set as the batch.
  void PutBatchWork(const BatchWorkItem& item);

  // The set of committed batches whose result files are not written yet:
  // marked in the batch's own commit, cleared once the files are in place,
  // so a crash in between leaves the mark for the next open to find.
  void MarkResultsPending(uint64_t batch_id);
  void ClearResultsPending(uint64_t batch_id);

  // Inserts or replaces a deduction, keyed by (batch_id, seq), with its
  // entry in the by-invoice index. A deduction's invoice never changes, so
  // the entry is written with it and never moved.
  void PutDeduction(const Deduction& deduction);
  // The deduction as batch `batch_id` created or changed it, kept for good:
  // the batch's deduction result rows are written from it (like
  // PutBatchWork). Put it in the same set as the batch.
  void PutBatchDeduction(uint64_t batch_id, const Deduction& deduction);

  // Records a dunning step sent for an invoice (keyed by customer, company,
  // invoice and step), so it is never sent twice.
  void PutSentReminder(const SentReminder& reminder);

  size_t count() const;  // changes added so far
  bool empty() const { return count() == 0; }
  size_t ApproximateBytes() const;

 private:
  friend class Store;
  storage::WriteSetRep& rep();
  std::unique_ptr<storage::WriteSetRep> rep_;  // null after a move
};

// Scan callbacks return true to continue, false to stop early. The record
// passed is valid only during the call (the scan reuses it); copy what you
// keep. A callback may call the store's read functions and Commit().
template <typename T>
using ScanFn = std::function<bool(const T&)>;

class Store {
 public:
  // Opens (or, with create_if_missing, creates) the store in `dir`.
  // kBusy: another process (or another Store in this process) holds `dir`.
  // kNotFound: no store there and create_if_missing is false or read_only.
  // kUnsupported: the store's schema version is not the one this build
  // knows (written by a newer cashmatch, say).
  // kCorruption: `dir` holds something that is not a readable cashmatch
  // store. kIoError: anything else the file system refused.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const StoreOptions& options);

  ~Store();  // closes; uncommitted WriteSets are simply never applied
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version this build writes and accepts.
  // Version 2 added remittance advices, version 3 the batches' work items
  // and the pending result files; an older store is upgraded in place when
  // opened for writing (the empty column families are created).
  // Version 4 added deductions and sent reminders.
  static constexpr uint32_t kSchemaVersion = 4;

  // ---- Writes ----

  // Applies every change of `set` atomically, updating the secondary
  // indexes and the id high-water marks in the same WriteBatch; the set is
  // consumed whatever the outcome. An empty set is a no-op.
  // kUnsupported: read-only. kCorruption: a stored record the set replaces
  // cannot be decoded (nothing written; not sticky). kIoError: the write
  // failed; from then on every Commit returns this error (sticky) until the
  // store is reopened.
  Status Commit(WriteSet&& set);

  // Reserves ids that no committed record has and no earlier call returned,
  // increasing with each call, starting at 1. An id that is never committed
  // is simply skipped; after reopening, ids continue above every committed
  // payment_id (respectively batch_id) but may reuse uncommitted ones.
  uint64_t AllocateBatchId();
  // Returns the first of `n` consecutive payment ids (n >= 1). Remittance
  // advices draw their ids from the same sequence, so a payment id and an
  // advice id never coincide.
  uint64_t AllocatePaymentIds(uint64_t n);

  // Compacts every column family completely, blocking until done: drops
  // overwritten and deleted versions and leaves each family one sorted run,
  // which is what full scans read fastest. RocksDB compacts in the
  // background anyway; this is for maintenance after a bulk load and for
  // benchmarks. kUnsupported when read-only.
  Status Compact();

  // ---- Point reads: kNotFound when absent, kCorruption if undecodable ----
  Result<Customer> GetCustomer(std::string_view customer_id) const;
  Result<Invoice> GetInvoice(std::string_view company, std::string_view invoice_id) const;
  Result<Payment> GetPayment(uint64_t payment_id) const;
  Result<Application> GetApplication(uint64_t batch_id, uint32_t seq) const;
  Result<Batch> GetBatch(uint64_t batch_id) const;
  Result<IngestedFile> GetIngestedFile(std::string_view content_hash) const;
  Result<RemittanceAdvice> GetAdvice(uint64_t advice_id) const;
  // The work-queue entry of a payment marked unapplied.
  Result<WorkItem> GetWorkItem(uint64_t payment_id) const;

  // ---- Scans ----
  // Each returns OK when it ran to the end or the callback stopped it, or
  // the first read or decoding failure (kCorruption, kIoError).

  // Every record of the kind, in key order (customer_id; (company,
  // invoice_id); payment_id; content_hash). Full scans read ahead and
  // bypass the block cache: they are for rebuilding in-memory state.
  Status ForEachCustomer(const ScanFn<Customer>& fn) const;
  Status ForEachInvoice(const ScanFn<Invoice>& fn) const;
  Status ForEachPayment(const ScanFn<Payment>& fn) const;
  Status ForEachIngestedFile(const ScanFn<IngestedFile>& fn) const;

  // Batches newest first (descending batch_id, which increases with time),
  // so a caller can stop at the first batch created before a moment.
  Status ForEachBatch(const ScanFn<Batch>& fn) const;

  // The customer's invoices, every company, ordered by (company, invoice_id).
  Status ForEachInvoiceOfCustomer(std::string_view customer_id, const ScanFn<Invoice>& fn) const;

  // Applications in (batch_id, seq) order: of one batch; made to one
  // invoice; of one payment; held by one customer (the application's
  // customer_id: the invoice's customer, or who holds cash on account).
  // On-account applications (empty invoice_id) have no invoice entry.
  Status ForEachApplicationOfBatch(uint64_t batch_id, const ScanFn<Application>& fn) const;
  Status ForEachApplicationOfInvoice(std::string_view company, std::string_view invoice_id,
                                     const ScanFn<Application>& fn) const;
  Status ForEachApplicationOfPayment(uint64_t payment_id, const ScanFn<Application>& fn) const;
  Status ForEachApplicationOfCustomer(std::string_view customer_id,
                                      const ScanFn<Application>& fn) const;

  // Payments whose source_ref (or trace_number) equals `ref` exactly, in
  // payment_id order: the originals a return refers to. Empty `ref` finds
  // nothing.
  Status ForEachPaymentWithRef(PaymentRefKind kind, std::string_view ref,
                               const ScanFn<Payment>& fn) const;

  // Payments marked unapplied, in payment_id order; and their work-queue
  // entries (reason, suggestions) in the same order.
  Status ForEachUnappliedPayment(const ScanFn<Payment>& fn) const;
  Status ForEachWorkItem(const ScanFn<WorkItem>& fn) const;

  // Remittance advices marked pending, in advice_id order.
  Status ForEachPendingAdvice(const ScanFn<RemittanceAdvice>& fn) const;

  // The work items a batch left (PutBatchWork), in payment_id order.
  Status ForEachBatchWork(uint64_t batch_id, const ScanFn<BatchWorkItem>& fn) const;
  // Batch ids marked results-pending, ascending.
  Status ForEachResultsPending(const ScanFn<uint64_t>& fn) const;

  // Deductions: one by id; all of them in (batch_id, seq) order; those of
  // one invoice in the same order; the snapshots a batch wrote
  // (PutBatchDeduction), in deduction id order.
  Result<Deduction> GetDeduction(uint64_t batch_id, uint32_t seq) const;
  Status ForEachDeduction(const ScanFn<Deduction>& fn) const;
  Status ForEachDeductionOfInvoice(std::string_view company, std::string_view invoice_id,
                                   const ScanFn<Deduction>& fn) const;
  Status ForEachBatchDeduction(uint64_t batch_id, const ScanFn<Deduction>& fn) const;

  // Reminders sent, in (customer_id, company, invoice_id, step) order; of
  // one customer when `customer_id` is given.
  Status ForEachSentReminder(const ScanFn<SentReminder>& fn) const;
  Status ForEachSentReminderOfCustomer(std::string_view customer_id,
                                       const ScanFn<SentReminder>& fn) const;

 private:
  friend struct storage::StoreTesting;
  explicit Store(std::unique_ptr<storage::StoreImpl> impl);
  std::unique_ptr<storage::StoreImpl> impl_;
};

}  // namespace cashmatch

#endif  // CASHMATCH_STORE_H_
