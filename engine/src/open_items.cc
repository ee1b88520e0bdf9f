#include "cashmatch/open_items.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "cashmatch/ledger.h"

namespace cashmatch {
namespace {

// (company, invoice_id) as one map key; ids never hold a NUL (ingest
// refuses control characters), so NUL separates them unambiguously.
std::string InvoiceKey(std::string_view company, std::string_view invoice_id) {
  std::string key;
  key.reserve(company.size() + 1 + invoice_id.size());
  key.append(company).push_back('\0');
  key.append(invoice_id);
  return key;
}

struct TimedReduction {
  Timestamp at;
  int64_t minor;  // applied + discount + write-off: what the ERP has not seen
};

// cashmatch's applications after the earliest as_of, per invoice. Reversals
// carry negative amounts, so a reversed application nets to zero.
std::unordered_map<std::string, std::vector<TimedReduction>> IndexApplications(
    const std::vector<Application>& applied_since) {
  std::unordered_map<std::string, std::vector<TimedReduction>> by_invoice;
  for (const Application& a : applied_since) {
    if (a.invoice_id.empty()) continue;  // on account: no invoice moved
    const int64_t minor = a.applied.minor + a.discount.minor + a.writeoff.minor;
    by_invoice[InvoiceKey(a.company, a.invoice_id)].push_back({a.at, minor});
  }
  return by_invoice;
}

// The ERP's open amount less what cashmatch applied after `as_of` (a
// reversal after as_of of an earlier application adds back). The result is
// held between zero and the invoice amount; outside it the ERP and cashmatch
// disagree, and the caller warns.
int64_t OpenAfter(const Invoice& inv, const std::vector<TimedReduction>* reductions,
                  Timestamp as_of, bool* clamped) {
  *clamped = false;
  const int64_t erp_open = inv.open_amount.minor;
  if (reductions == nullptr) return erp_open;
  __extension__ using Int128 = __int128;
  Int128 open = erp_open;
  for (const TimedReduction& r : *reductions) {
    if (r.at > as_of) open -= r.minor;
  }
  const Int128 lo = inv.amount.minor < 0 ? inv.amount.minor : 0;
  const Int128 hi = inv.amount.minor < 0 ? 0 : inv.amount.minor;
  if (open < lo || open > hi) {
    *clamped = true;
    open = open < lo ? lo : hi;
  }
  return static_cast<int64_t>(open);
}

// `inv` with its open amount replaced; only for comparing with a stored
// invoice that already has the same open amount, which is rare enough
// (reloading an unchanged file) that the copy does not matter.
Invoice WithOpen(const Invoice& inv, int64_t open) {
  Invoice copy = inv;
  copy.open_amount.minor = open;
  return copy;
}

}  // namespace

Result<OpenItemsPlan> PlanOpenItems(const OpenItems& items, const Ledger& ledger,
                                    const std::vector<Application>& applied_since,
                                    const PlanOptions& options) {
  OpenItemsPlan plan;
  plan.customers.reserve(items.customers.size());
  plan.invoices.reserve(items.invoices.size());
  std::unordered_set<std::string_view> customers_in_file;
  customers_in_file.reserve(items.customers.size());

  for (const CustomerRow& row : items.customers) {
    const Customer& c = row.customer;
    if (!c.parent_id.empty() && c.parent_id == c.customer_id) {
      return Status::InvalidInput("customer '" + c.customer_id + "' names itself as its parent",
                                  {items.source, row.line, 0, "parent_id"});
    }
    customers_in_file.insert(c.customer_id);
    if (auto no = ledger.FindCustomer(c.customer_id); no && ledger.GetCustomer(*no) == c) {
      ++plan.unchanged;
      continue;
    }
    plan.customers.push_back(c);
  }

  const auto reductions = IndexApplications(applied_since);
  const std::vector<InvoiceRow>& rows = items.invoices;

  // Rows are checked and compared with the ledger in parallel chunks (each
  // a customer lookup and an invoice lookup, cache misses in a large
  // ledger), then copied into the plan in file order, so the plan, its
  // warnings and the error reported (the first in the file) are the same
  // for any thread count.
  struct Chunk {
    std::vector<std::string> warnings;
    std::optional<Status> error;
  };
  constexpr size_t kChunkRows = 16384;
  std::vector<Chunk> chunks((rows.size() + kChunkRows - 1) / kChunkRows);
  std::vector<int64_t> open_after(rows.size());
  std::vector<uint8_t> changed(rows.size());
  tbb::parallel_for(size_t{0}, chunks.size(), [&](size_t c) {
    Chunk& out = chunks[c];
    const size_t end = std::min(rows.size(), (c + 1) * kChunkRows);
    for (size_t i = c * kChunkRows; i < end; ++i) {
      const InvoiceRow& row = rows[i];
      const Invoice& inv = row.invoice;
      if (!customers_in_file.contains(inv.customer_id) && !ledger.FindCustomer(inv.customer_id)) {
        out.error = Status::InvalidInput("invoice '" + inv.invoice_id +
                                             "' is for unknown customer '" + inv.customer_id + "'",
                                         {items.source, row.line, 0, "customer_id"});
        return;
      }
      int64_t open = inv.open_amount.minor;
      if (row.as_of) {
        auto it = reductions.find(InvoiceKey(inv.company, inv.invoice_id));
        bool clamped = false;
        open = OpenAfter(inv, it == reductions.end() ? nullptr : &it->second, *row.as_of, &clamped);
        if (clamped) {
          out.warnings.push_back(items.source + ":" + std::to_string(row.line) + ": invoice '" +
                                 inv.invoice_id +
                                 "': the ERP's open amount less cashmatch's applications after "
                                 "as_of falls outside 0..amount; held at " +
                                 FormatMoney(Money{open, inv.open_amount.currency}));
        }
      }
      open_after[i] = open;
      const auto no = ledger.FindInvoice(inv.company, inv.invoice_id);
      bool same = false;
      if (no) {
        const Invoice stored = ledger.GetInvoice(*no);
        same = stored.open_amount.minor == open && stored == WithOpen(inv, open);
      }
      changed[i] = !same;
    }
  });
  for (Chunk& chunk : chunks) {
    if (chunk.error) return std::move(*chunk.error);
    for (std::string& w : chunk.warnings) plan.warnings.push_back(std::move(w));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!changed[i]) {
      ++plan.unchanged;
      continue;
    }
    Invoice& inv = plan.invoices.emplace_back(rows[i].invoice);
    inv.open_amount.minor = open_after[i];
  }

  std::unordered_set<std::string> listed;  // invoice keys in the file
  std::unordered_set<std::string_view> companies;
  if (options.snapshot) {
    listed.reserve(rows.size());
    for (const InvoiceRow& row : rows) {
      companies.insert(row.invoice.company);
      listed.insert(InvoiceKey(row.invoice.company, row.invoice.invoice_id));
    }
  }

  if (options.snapshot && !companies.empty()) {
    const size_t n = ledger.invoice_count();
    for (InvoiceNo no = 0; no < n; ++no) {
      const InvoiceView v = ledger.invoice(static_cast<InvoiceNo>(no));
      if (v.open_amount.minor == 0 || !companies.contains(v.company)) continue;
      if (listed.contains(InvoiceKey(v.company, v.invoice_id))) continue;
      Invoice closed = ledger.GetInvoice(no);
      closed.open_amount.minor = 0;
      plan.closed.push_back(std::move(closed));
    }
  }
  return plan;
}

}  // namespace cashmatch
