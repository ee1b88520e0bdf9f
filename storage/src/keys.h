// The column families and the key of every entry in them. docs/storage.md
// is the reference for these layouts; keep the two in step.
//
// Integers in keys are big-endian so they sort numerically; strings are
// ordered strings (coding.h) so they sort bytewise and never run into the
// next component. Every index key ends with the primary key of the record
// it points at, in that record's own key format, so a scan strips a known
// prefix and has the primary key without decoding anything.
#ifndef CASHMATCH_STORAGE_KEYS_H_
#define CASHMATCH_STORAGE_KEYS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/store.h"

namespace cashmatch::storage {

// Column families in a fixed order; the value is an index into the open
// handles, never persisted.
enum Cf : uint8_t {
  kMeta = 0,
  kCustomers,
  kInvoices,
  kPayments,
  kApplications,
  kBatches,
  kFiles,
  kUnapplied,
  kInvoicesByCustomer,
  kApplicationsByInvoice,
  kApplicationsByPayment,
  kApplicationsByCustomer,
  kPaymentsByRef,
  kAdvices,         // schema 2
  kPendingAdvices,  // schema 2
  kBatchWork,       // schema 3
  kPendingResults,  // schema 3
  kDeductions,              // schema 4
  kDeductionsByInvoice,     // schema 4
  kBatchDeductions,         // schema 4
  kReminders,               // schema 4
  kCfCount,
};

// The names the column families have on disk.
extern const std::array<const char*, kCfCount> kCfNames;

// The schema version that added `cf` (1 for the first release's).
uint32_t SchemaVersionOf(Cf cf);

// Whether records in `cf` have secondary index entries to maintain.
inline bool HasIndexes(Cf cf) { return cf == kInvoices || cf == kPayments || cf == kApplications; }

// Meta keys. Values: schema version as 4 bytes big-endian, the id
// high-water marks (next id to hand out) as 8 bytes big-endian.
inline constexpr std::string_view kSchemaVersionKey = "schema_version";
inline constexpr std::string_view kNextBatchIdKey = "next_batch_id";
inline constexpr std::string_view kNextPaymentIdKey = "next_payment_id";

// Primary keys.
std::string CustomerKey(std::string_view customer_id);
std::string InvoiceKey(std::string_view company, std::string_view invoice_id);
std::string PaymentKey(uint64_t payment_id);  // also the unapplied set's key
std::string ApplicationKey(uint64_t batch_id, uint32_t seq);
std::string BatchKey(uint64_t batch_id);
std::string FileKey(std::string_view content_hash);
std::string AdviceKey(uint64_t advice_id);  // also the pending set's key
// A batch's work item: be64(batch_id) be64(payment_id); the batch's items
// share the prefix BatchKey(batch_id). The pending-results set is keyed by
// BatchKey.
std::string BatchWorkKey(uint64_t batch_id, uint64_t payment_id);
// A deduction: be64(batch_id) be32(seq) of the application that left it
// (the ApplicationKey layout). Its entry in idx_deductions_by_invoice is
// ostr(company) ostr(invoice_id) + that key; a batch's snapshot of a
// deduction it created or changed is be64(batch) + that key.
std::string DeductionKey(uint64_t batch_id, uint32_t seq);
std::string DeductionsOfInvoicePrefix(std::string_view company, std::string_view invoice_id);
std::string BatchDeductionKey(uint64_t batch, uint64_t deduction_batch, uint32_t seq);
// A sent reminder: ostr(customer_id) ostr(company) ostr(invoice_id) ostr(step).
std::string ReminderKey(std::string_view customer_id, std::string_view company,
                        std::string_view invoice_id, std::string_view step);

constexpr size_t kPaymentKeySize = 8;
constexpr size_t kApplicationKeySize = 12;
constexpr size_t kBatchKeySize = 8;

// The id at the front of a payment, application or batch key; nullopt if
// the key is too short.
std::optional<uint64_t> LeadingId(std::string_view key);

// Scan prefixes: all keys of the scan start with the prefix, and everything
// after it is the primary key of the record found.
std::string InvoicesOfCustomerPrefix(std::string_view customer_id);
std::string ApplicationsOfBatchPrefix(uint64_t batch_id);  // in kApplications
std::string ApplicationsOfInvoicePrefix(std::string_view company, std::string_view invoice_id);
std::string ApplicationsOfPaymentPrefix(uint64_t payment_id);
std::string ApplicationsOfCustomerPrefix(std::string_view customer_id);
std::string PaymentsByRefPrefix(PaymentRefKind kind, std::string_view ref);

// One secondary index entry: its column family and key (values are empty).
struct IndexEntry {
  Cf cf;
  std::string key;
  friend bool operator==(const IndexEntry&, const IndexEntry&) = default;
};

// The index entries a record has, appended to *out.
void AppendIndexEntries(const Invoice& invoice, std::vector<IndexEntry>* out);
void AppendIndexEntries(const Payment& payment, std::vector<IndexEntry>* out);
void AppendIndexEntries(const Application& application, std::vector<IndexEntry>* out);

// The smallest key greater than every key starting with `prefix`, for an
// iterator's upper bound; nullopt when there is none (all bytes 0xFF).
std::optional<std::string> PrefixSuccessor(std::string_view prefix);

}  // namespace cashmatch::storage

#endif  // CASHMATCH_STORAGE_KEYS_H_
