// Small domain records for engine tests: a customer with a default name, a
// USD invoice dated 2026-10-01, due 2026-10-31.
#ifndef CASHMATCH_TESTS_ENGINE_TEST_RECORDS_H_
#define CASHMATCH_TESTS_ENGINE_TEST_RECORDS_H_

#include <cstdint>
#include <string>

#include "cashmatch/date.h"
#include "cashmatch/domain.h"
#include "cashmatch/money.h"

namespace cashmatch::testing {

inline const Currency kUsd = *Currency::FromCode("USD");
inline const Currency kEur = *Currency::FromCode("EUR");

inline Customer MakeCustomer(std::string id, std::string name = "") {
  Customer c;
  c.customer_id = std::move(id);
  c.name = name.empty() ? "Name of " + c.customer_id : std::move(name);
  return c;
}

inline Invoice MakeInvoice(std::string company, std::string id, std::string customer,
                           int64_t amount, int64_t open, std::string po = "") {
  Invoice inv;
  inv.company = std::move(company);
  inv.invoice_id = std::move(id);
  inv.customer_id = std::move(customer);
  inv.amount = Money{amount, kUsd};
  inv.open_amount = Money{open, kUsd};
  inv.invoice_date = *ParseDate("2026-10-01");
  inv.due_date = *ParseDate("2026-10-31");
  inv.po_number = std::move(po);
  return inv;
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_ENGINE_TEST_RECORDS_H_
