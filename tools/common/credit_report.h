// Credit exposure per customer and currency (`cashmatch report credit`,
// docs/credit.md): what the customer owes net of credits and of the cash
// cashmatch holds for it, against its credit limit, with risk flags.
#ifndef CASHMATCH_TOOLS_CREDIT_REPORT_H_
#define CASHMATCH_TOOLS_CREDIT_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cashmatch/ledger.h"
#include "cashmatch/store.h"
#include "collections_config.h"

namespace cashmatch::tools {

// One customer in one currency; amounts in minor units of `currency`.
struct CreditLine {
  std::string customer_id;
  std::string name;
  Currency currency;
  int64_t open_invoices = 0;  // open amounts of open invoices (positive)
  int64_t open_credits = 0;   // open credit memos (negative or 0)
  int64_t on_account = 0;     // cash put on the customer's account, net of reversals
  int64_t unapplied = 0;      // what is left of work-queue payments identified as the customer's
  // open_invoices + open_credits - on_account - unapplied
  int64_t exposure = 0;
  std::optional<Money> limit;         // Customer::credit_limit, when set
  bool limit_other_currency = false;  // the limit is in another currency: not compared
  bool over_limit = false;            // exposure > limit (same currency only)
  int32_t oldest_days_past_due = 0;   // of the open invoices, as of the report date; 0 if none
  int32_t avg_days_late = 0;          // mean max(0, value date - due date) over paid invoices
  uint32_t payments_measured = 0;     // applications that mean went over
  uint32_t returns = 0;               // the customer's payments that came back
  bool high_risk = false;
  std::vector<std::string> risk_reasons;  // why high_risk, in words
};

// Every customer with something open, held or limited, ordered by
// (customer_id, currency code). `as_of` dates the days past due. Reads the
// ledger (the caller holds its lock shared) and the store.
// kCorruption/kIoError when the store cannot be read.
Result<std::vector<CreditLine>> BuildCreditReport(const Store& store, const Ledger& ledger,
                                                  const CreditSettings& settings, Date as_of);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CREDIT_REPORT_H_
