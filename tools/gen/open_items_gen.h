// Generates realistic ERP open items (customers, invoices, credit memos) for
// demos, benchmarks and the quality harness.
//
// Every record is a pure function of (seed, index), so any slice can be
// generated on its own and the same options always give the same data.
// An OpenItemsGenerator is immutable after construction and safe to share
// between threads.
#ifndef CASHMATCH_TOOLS_GEN_OPEN_ITEMS_GEN_H_
#define CASHMATCH_TOOLS_GEN_OPEN_ITEMS_GEN_H_

#include <cstdint>
#include <string>

#include "cashmatch/date.h"
#include "cashmatch/domain.h"

namespace cashmatch::gen {

struct OpenItemsOptions {
  uint64_t seed = 42;          // same seed, same data
  uint64_t customers = 1000;   // customer count
  uint64_t invoices = 10000;   // invoice and credit-memo count
  uint32_t companies = 1;      // legal entities; company 0 is the default ("")
  Date today = Date::FromCivil(2026, 11, 20);  // invoices date back from here
};

enum class FileFormat { kCsv, kJsonl };

class OpenItemsGenerator {
 public:
  explicit OpenItemsGenerator(const OpenItemsOptions& options);

  const OpenItemsOptions& options() const { return options_; }

  Customer MakeCustomer(uint64_t index) const;
  Invoice MakeInvoice(uint64_t index) const;
  // The customer an invoice belongs to: skewed, so a few customers hold
  // many invoices and most hold a handful, as in a real ledger.
  uint64_t CustomerOfInvoice(uint64_t index) const;
  std::string CustomerId(uint64_t index) const;

  // Appends rows [begin, end) in the format, with a header row first when
  // `header` is true (CSV only).
  void AppendCustomers(FileFormat format, uint64_t begin, uint64_t end, bool header,
                       std::string* out) const;
  void AppendInvoices(FileFormat format, uint64_t begin, uint64_t end, bool header,
                      std::string* out) const;

 private:
  OpenItemsOptions options_;
};

}  // namespace cashmatch::gen

#endif  // CASHMATCH_TOOLS_GEN_OPEN_ITEMS_GEN_H_
