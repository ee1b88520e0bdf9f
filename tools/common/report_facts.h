// The facts the receivables reports read from the store, in compact form:
// payments by id, applications with their invoice and customer resolved in
// the ledger. Internal to reports*.cc.
//
// Thread safety: the scans only read; the caller holds the ledger lock
// shared while they run and while it uses the numbers they return.
#ifndef CASHMATCH_TOOLS_REPORT_FACTS_H_
#define CASHMATCH_TOOLS_REPORT_FACTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/ledger.h"
#include "cashmatch/receivables.h"
#include "cashmatch/store.h"

namespace cashmatch::tools {

inline constexpr uint32_t kNone = UINT32_MAX;

struct PaymentFact {
  Date value_date;
  int64_t amount = 0;
  Currency currency;
  uint16_t format = 0;  // index into PaymentTable::formats
  Channel channel = Channel::kOther;
  bool present = false;
  // A credit that is not a return and not superseded by a breakdown: what
  // the reports count as a payment received.
  bool counted = false;
};

struct PaymentTable {
  std::vector<PaymentFact> by_id;  // index: payment_id
  std::vector<std::string> formats;
  const PaymentFact* Find(uint64_t id) const {
    return id < by_id.size() && by_id[id].present ? &by_id[id] : nullptr;
  }
};

struct AppFact {
  uint64_t payment_id = 0;
  uint64_t batch_id = 0;
  uint32_t seq = 0;
  InvoiceNo invoice = kNone;    // kNone: on account, or not in the ledger
  CustomerNo customer = kNone;  // the application's customer; kNone when unknown
  int64_t applied = 0, discount = 0, writeoff = 0;
  Date on;  // the day it was made
  MatchMethod method = MatchMethod::kManual;
  Currency currency;
};

// One payment's applications to one invoice (or on account), netted.
struct NetItem {
  uint64_t payment_id = 0;
  InvoiceNo invoice = kNone;
  CustomerNo customer = kNone;
  int64_t applied = 0, discount = 0, writeoff = 0;
  Date first_on;                       // the day of its first application
  MatchMethod first_method = MatchMethod::kManual;
  bool manual = false;                 // a person applied some of it
};

Result<PaymentTable> ScanPayments(const Store& store);
// Every application in (batch_id, seq) order; with `after`, only those of
// batches created after it (the newest-first walk stops there).
Result<std::vector<AppFact>> ScanApplications(const Store& store, const Ledger& ledger,
                                              std::optional<Timestamp> after);
// Both scans at once (on two threads).
Status ScanActivity(const Store& store, const Ledger& ledger, PaymentTable* payments,
                    std::vector<AppFact>* apps);
// Nets apps per (payment, invoice) and per (payment, customer) on account;
// sorted by (payment_id, invoice, customer).
std::vector<NetItem> NetItems(const std::vector<AppFact>& apps);

// The end of day `d` (UTC): applications at or before it were made by then.
Timestamp EndOfDay(Date d);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_REPORT_FACTS_H_
