// Open items as the ERP sends them, and the plan that brings the ledger in
// line with them.
//
// ingest parses a file into OpenItems (syntax and values checked, each row
// with its line); PlanOpenItems checks the rows against the ledger and works
// out every record to write, applying the spec's `snapshot` and `as_of`
// rules. Nothing is changed until the caller commits the plan, so a file is
// loaded whole or not at all.
#ifndef CASHMATCH_OPEN_ITEMS_H_
#define CASHMATCH_OPEN_ITEMS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cashmatch/date.h"
#include "cashmatch/domain.h"
#include "cashmatch/status.h"

namespace cashmatch {

class Ledger;

struct CustomerRow {
  Customer customer;
  uint64_t line = 0;  // 1-based line of the row in its file
};

struct InvoiceRow {
  Invoice invoice;
  std::optional<Timestamp> as_of;  // the ERP's amounts are true as of this
  uint64_t line = 0;
};

// One parsed open-items file. Row order is file order.
struct OpenItems {
  std::string source;  // file name, for messages
  std::vector<CustomerRow> customers;
  std::vector<InvoiceRow> invoices;
};

struct OpenItemsPlan {
  std::vector<Customer> customers;  // to upsert, file order
  std::vector<Invoice> invoices;    // to upsert, file order, as_of applied
  std::vector<Invoice> closed;      // open invoices a snapshot closes
  uint64_t unchanged = 0;           // rows equal to what the ledger holds
  // Rows loaded with a remark an operator should see, e.g. an as_of
  // subtraction that would have driven the open amount past zero and was
  // held at zero instead. Each names file and line.
  std::vector<std::string> warnings;
};

struct PlanOptions {
  // The file is a full picture: open invoices of the companies it lists that
  // it does not list are closed.
  bool snapshot = false;
};

// Checks `items` against `ledger` and plans the writes. `applied_since`
// holds every application cashmatch made after the earliest `as_of` in the
// file (the caller reads them from the store); for each row with an as_of,
// those made after it are subtracted from the ERP's open amount.
// Fails, naming file, line and field, when a row breaks a rule that needs
// the ledger: an invoice whose customer is neither known nor in the file, a
// customer that is its own parent. A parent not known yet is accepted (the
// ledger links it when it arrives), so customer files may come in any order.
// `ledger` must not change during the call.
Result<OpenItemsPlan> PlanOpenItems(const OpenItems& items, const Ledger& ledger,
                                    const std::vector<Application>& applied_since,
                                    const PlanOptions& options);

}  // namespace cashmatch

#endif  // CASHMATCH_OPEN_ITEMS_H_
