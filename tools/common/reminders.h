// Collections reminders (`cashmatch remind`, docs/reminders.md): the
// dunning policy's steps applied to each customer's open invoices, one
// e-mail per customer per run, each (invoice, step) sent once.
#ifndef CASHMATCH_TOOLS_REMINDERS_H_
#define CASHMATCH_TOOLS_REMINDERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cashmatch/collections.h"
#include "cashmatch/ledger.h"
#include "cashmatch/store.h"
#include "collections_config.h"

namespace cashmatch::tools {

struct ReminderInvoice {
  std::string company;
  std::string invoice_id;
  Money open;
  Date due;
  int32_t days_past_due = 0;  // negative: not due yet
  std::string step;           // the step this invoice is reminded under
};

// One e-mail to one customer.
struct PlannedReminder {
  std::string customer_id;
  std::string customer_name;
  std::vector<std::string> to;  // the customer's e-mails
  std::string step;             // the most advanced step among its invoices: its templates
  std::string subject;
  std::string body;
  std::vector<ReminderInvoice> invoices;  // by (due date, company, invoice id)
};

// An invoice (or a whole customer, invoice_id empty) due a reminder that
// is not sent, and why.
struct ReminderExclusion {
  std::string customer_id;
  std::string company;
  std::string invoice_id;
  std::string reason;
};

struct ReminderPlan {
  Date as_of;
  std::vector<PlannedReminder> reminders;  // by customer_id
  std::vector<ReminderExclusion> excluded;  // by customer_id, then invoice
  uint64_t already_sent = 0;                // (invoice, step) pairs sent by earlier runs
};

// What each invoice is due under `policy` as of `as_of`: the step with the
// largest offset the invoice has reached (due date + offset <= as_of),
// unless that step was sent for it before. Excluded: invoices with a
// deduction open or under review (in dispute), every invoice of a customer
// with a payment in the work queue identified as theirs, and customers
// without an e-mail address. Paid invoices and credit memos are never
// reminded. Reads the ledger (the caller holds its lock shared) and the
// store. kCorruption/kIoError when the store cannot be read.
Result<ReminderPlan> PlanReminders(const Store& store, const Ledger& ledger, const DunningPolicy& policy,
                                   Date as_of);

struct ReminderOutcome {
  std::string customer_id;
  Status status;  // OK: delivered and recorded
};

// Sends each planned reminder through `smtp` and, once the server has
// accepted it, records its (invoice, step) pairs in the store, one commit
// per e-mail (a crash between the two can send that one e-mail again; it
// never records one not sent). One outcome per reminder, in plan order.
// Fails only when recording fails (kIoError): what was sent before stays
// recorded.
Result<std::vector<ReminderOutcome>> SendReminders(Store& store, const ReminderPlan& plan,
                                                   const SmtpSettings& smtp, Timestamp now);

// The e-mail as it goes over the wire: headers (From, To, Subject, Date,
// Message-ID, MIME) and the body, lines ending in CRLF.
std::string RenderMessage(const PlannedReminder& r, const std::string& from, Timestamp now);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_REMINDERS_H_
