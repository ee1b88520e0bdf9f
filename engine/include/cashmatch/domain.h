// The domain records of cash application: who owes (customers), what is owed
// (invoices and credit memos), what was received (payments with their
// remittance), and what cashmatch decided (applications, batches), plus the
// record of every file it ingested.
//
// These are owning value types: records that leave ingest carry their own
// strings. They are safe to copy and move between threads; none is
// synchronized for concurrent mutation.
#ifndef CASHMATCH_DOMAIN_H_
#define CASHMATCH_DOMAIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/date.h"
#include "cashmatch/money.h"

namespace cashmatch {

// A customer of the company, keyed by customer_id alone: one customer master
// may hold invoices in several legal entities.
struct Customer {
  std::string customer_id;                 // required
  std::string name;                        // required
  std::vector<std::string> aliases;        // other names the customer pays under
  std::vector<std::string> bank_accounts;  // "ROUTING:ACCOUNT" or an IBAN
  std::string parent_id;                   // may pay this customer's invoices
  std::string company;                     // legal entity; empty = default
  std::vector<std::string> emails;         // collections contacts
  Currency currency;                       // invalid = not given
  std::optional<Money> credit_limit;       // in `currency`

  friend bool operator==(const Customer&, const Customer&) = default;
};

// An invoice, or a credit memo when amount is negative. Identity is
// (company, invoice_id). open_amount 0 means closed; a closed invoice is
// kept so that paying it again is recognised as a duplicate.
struct Invoice {
  std::string company;      // legal entity; empty = default
  std::string invoice_id;   // required
  std::string customer_id;  // required, must name a known customer
  Money amount;             // original amount
  Money open_amount;        // same currency as amount
  Date invoice_date;
  Date due_date;
  std::string po_number;
  uint32_t discount_bp = 0;    // early-payment discount, basis points (2 % = 200)
  uint16_t discount_days = 0;  // ...if paid within this many days of invoice_date

  bool is_credit_memo() const { return amount.minor < 0; }
  bool is_open() const { return open_amount.minor != 0; }
  friend bool operator==(const Invoice&, const Invoice&) = default;
};

// One line of structured remittance: the payer's statement of what a part of
// the payment is for. Amounts are absent when the source did not give them.
struct RemittanceLine {
  std::string reference;  // invoice number, PO or credit memo as the payer wrote it
  std::optional<Money> paid;
  std::optional<Money> invoice_amount;
  std::optional<Money> discount;
  std::optional<Money> adjustment;  // short pay or deduction the payer took
  std::string adjustment_reason;    // the source's code or text, e.g. 820 ADX02

  friend bool operator==(const RemittanceLine&, const RemittanceLine&) = default;
};

enum class Direction : uint8_t { kCredit = 0, kDebit = 1 };

// Money received (or, for debits, recorded but not matched), normalized from
// whatever file it came in.
struct Payment {
  uint64_t payment_id = 0;   // assigned by cashmatch when the payment is stored
  std::string source_file;   // name of the file it arrived in
  uint64_t source_line = 0;  // line (or record) in that file where it starts
  std::string format;        // "bai2", "camt053", "nacha", ...
  std::string source_ref;    // the bank's reference, per the spec's rule
  std::string trace_number;  // ACH trace or equivalent, for joining returns
  Direction direction = Direction::kCredit;
  Money amount;              // positive
  Date value_date;
  Date booking_date;
  std::string payer_name;
  std::string payer_account;  // "ROUTING:ACCOUNT" or IBAN
  std::vector<RemittanceLine> remittance;  // structured remittance
  std::string remittance_text;             // free text, continuations joined
  bool is_return = false;     // a return or reversal of an earlier payment
  std::string return_reason;  // e.g. NACHA R01
  // A return's or reversal's pointer to the payment it undoes, as the source
  // gives it: NACHA original entry trace number, camt original end-to-end id
  // or AcctSvcrRef, the original check number.
  std::string original_ref;
  // Our account the money reached ("ROUTING:ACCOUNT", an IBAN, or the
  // account as the statement names it); tells which legal entity was paid.
  std::string account;
  // The bank's transaction type as the source gives it: BAI2 type code,
  // camt BkTxCd ("PMNT/RCDT/ESCT" or the proprietary code), MT940 ":61:"
  // transaction type, NACHA "SEC/transaction code", lockbox "check".
  std::string transaction_code;
  // camt: the entry's AcctSvcrRef, shared by every transaction of one batch
  // entry, so that a camt.054 breaking the entry down can be linked to it.
  std::string bank_entry_ref;
  // The payment is a batch entry booked as one sum for `batch_count`
  // transactions whose breakdown this file does not carry (camt Btch without
  // TxDtls). 0 or 1: an ordinary single payment.
  uint32_t batch_count = 0;
  // Set when a later file broke this batch entry down into its single
  // transactions (camt.054 for a camt.053 batch): names that file. Such a
  // payment is kept for the record but never matched or counted again.
  std::string superseded_by;

  friend bool operator==(const Payment&, const Payment&) = default;
};

// Remittance that arrived without money of its own (an X12 820 sent apart
// from its ACH credit), kept until it is joined to its payment by trace
// number, or by amount and date.
struct RemittanceAdvice {
  uint64_t advice_id = 0;    // assigned by cashmatch when the advice is stored
  uint64_t payment_id = 0;   // the payment it was joined to; 0 while it waits
  std::string source_file;
  uint64_t source_line = 0;  // line (or segment) where the advice starts
  std::string format;        // "x12_820"
  std::string source_ref;    // TRN02
  std::string trace_number;  // TRN02: the trace the payment will carry
  Money amount;              // BPR02, the total the advice says was paid
  Date payment_date;         // BPR16 (effective entry date); 0 when absent
  std::string payer_name;    // N1*PR
  std::string payer_account; // BPR originating "ROUTING:ACCOUNT"
  std::string payee_name;    // N1*PE
  std::vector<RemittanceLine> remittance;
  std::string remittance_text;  // free text the advice carries (NTE, REF descriptions)

  friend bool operator==(const RemittanceAdvice&, const RemittanceAdvice&) = default;
};

// How an application was decided; names match the `method` column.
enum class MatchMethod : uint8_t {
  kReference = 0,
  kFuzzyReference = 1,
  kAmount = 2,
  kCombination = 3,
  kCustomerOnly = 4,
  kManual = 5,
};
std::string_view MatchMethodName(MatchMethod m);
std::optional<MatchMethod> ParseMatchMethod(std::string_view name);

// A part of a payment applied to an invoice, or put on account when
// invoice_id is empty. Reversals carry negated amounts.
struct Application {
  uint64_t batch_id = 0;
  uint32_t seq = 0;          // position within the batch, for stable order
  uint64_t payment_id = 0;
  std::string company;       // the invoice's company
  std::string invoice_id;    // empty: on-account remainder
  std::string customer_id;   // the invoice's customer, or who holds the cash
  Money applied;
  Money discount;
  Money writeoff;
  MatchMethod method = MatchMethod::kManual;
  uint16_t confidence_bp = 0;  // confidence in [0,1] as basis points 0..10000
  std::string evidence;        // why: which token hit which invoice, which rule
  Timestamp at;                // when cashmatch made it: its batch's `created`

  friend bool operator==(const Application&, const Application&) = default;
};

// A candidate invoice offered to a person for a payment left unapplied.
struct Suggestion {
  std::string company;
  std::string invoice_id;
  Money amount;  // what would be applied to it
  uint16_t confidence_bp = 0;
  friend bool operator==(const Suggestion&, const Suggestion&) = default;
};

// A payment in the operator's work queue, and why it is there.
struct WorkItem {
  uint64_t payment_id = 0;
  uint64_t batch_id = 0;     // the batch whose matching left it
  std::string customer_id;   // the customer identified, if any
  std::string reason;        // in words for the operator
  bool duplicate = false;    // pays an invoice already paid in full
  std::vector<Suggestion> suggestions;  // best first
  friend bool operator==(const WorkItem&, const WorkItem&) = default;
};

enum class BatchKind : uint8_t {
  kFile = 0,      // results of one ingested bank file
  kManual = 1,    // an operator's apply at the CLI
  kReversal = 2,  // unapply, or a returned payment
  kRematch = 3,   // matching run again over unapplied payments
  kLoad = 4,      // open items loaded from the ERP
};
std::string_view BatchKindName(BatchKind k);

// One unit of results the ERP sees exactly once. Ids increase with time.
struct Batch {
  uint64_t batch_id = 0;
  BatchKind kind = BatchKind::kFile;
  std::string source_file;  // ingested file, or empty for manual work
  Timestamp created;
  uint32_t payments = 0;
  uint32_t applications = 0;
  uint32_t unapplied = 0;
  // Wall time the batch's work took up to its commit, for its summary file:
  // kept so that the summary written again later is the same.
  int64_t micros = 0;
  // Money the batch's file brought in (its credits), one entry per
  // currency in code order; empty for batches that received nothing.
  std::vector<Money> received;

  friend bool operator==(const Batch&, const Batch&) = default;
};

// A work item as its batch left it, with the payment as the batch saw it
// (a later remittance advice may still add to a stored payment): what the
// batch's unapplied result rows are written from, then and on any export,
// after the work queue itself has moved on.
struct BatchWorkItem {
  WorkItem item;    // item.batch_id is the batch
  Payment payment;  // payment.payment_id == item.payment_id
  friend bool operator==(const BatchWorkItem&, const BatchWorkItem&) = default;
};

enum class FileOutcome : uint8_t { kIngested = 0, kRejected = 1, kDuplicate = 2 };
std::string_view FileOutcomeName(FileOutcome o);

// A file that reached cashmatch, keyed by its content hash so the same bytes
// under another name are recognised.
struct IngestedFile {
  std::string content_hash;  // 32 hex digits of XXH3-128 over the bytes
  std::string name;
  uint64_t size = 0;
  std::string format;
  FileOutcome outcome = FileOutcome::kIngested;
  uint64_t batch_id = 0;  // 0 when rejected
  std::string reason;     // why it was rejected
  Timestamp at;

  friend bool operator==(const IngestedFile&, const IngestedFile&) = default;
};

}  // namespace cashmatch

#endif  // CASHMATCH_DOMAIN_H_
