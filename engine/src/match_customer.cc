// Who paid: the payer's bank account, an alias, or the name, each looked up
// exactly after normalization. A bank account on file is the strongest
// sign; a name is weaker, since names collide.
#include <algorithm>
#include <string>

#include "match_plan.h"

namespace cashmatch::internal {
namespace {

void Add(std::vector<CustomerCandidate>* out, CustomerNo c, uint16_t bp, std::string evidence) {
  for (CustomerCandidate& cc : *out) {
    if (cc.customer != c) continue;
    // Two independent signs for the same customer: surer than either.
    cc.confidence_bp = static_cast<uint16_t>(std::min(9900, std::max<int>(cc.confidence_bp, bp) + 200));
    cc.evidence += "; " + evidence;
    return;
  }
  out->push_back({c, bp, std::move(evidence)});
}

// One customer found: `unique` confidence; several share the key: each much
// weaker, since the key does not tell them apart.
void AddAll(const Ledger& ledger, const std::vector<CustomerNo>& found, uint16_t unique,
            uint16_t shared, const std::string& what, std::vector<CustomerCandidate>* out) {
  for (CustomerNo c : found) {
    std::string ev = what + " is on file for " + std::string(ledger.customer(c).customer_id);
    if (found.size() > 1) ev += " (and " + std::to_string(found.size() - 1) + " other customers)";
    Add(out, c, found.size() == 1 ? unique : shared, std::move(ev));
  }
}

}  // namespace

std::vector<CustomerCandidate> IdentifyCustomers(const Ledger& ledger, const Payment& payment) {
  std::vector<CustomerCandidate> out;
  std::vector<CustomerNo> found;
  if (!payment.payer_account.empty()) {
    ledger.FindCustomersByAccount(payment.payer_account, &found);
    AddAll(ledger, found, 9600, 7000, "payer account " + payment.payer_account, &out);
  }
  if (!payment.payer_name.empty()) {
    found.clear();
    ledger.FindCustomersByAlias(payment.payer_name, &found);
    AddAll(ledger, found, 9300, 6500, "payer alias '" + payment.payer_name + "'", &out);
    found.clear();
    ledger.FindCustomersByName(payment.payer_name, &found);
    AddAll(ledger, found, 9000, 6000, "payer name '" + payment.payer_name + "'", &out);
  }
  // Equals by customer_id, not CustomerNo: the numbering depends on the
  // order the ledger took the customers in, which a restart changes.
  std::stable_sort(out.begin(), out.end(), [&](const CustomerCandidate& a, const CustomerCandidate& b) {
    if (a.confidence_bp != b.confidence_bp) return a.confidence_bp > b.confidence_bp;
    return ledger.customer(a.customer).customer_id < ledger.customer(b.customer).customer_id;
  });
  return out;
}

int64_t WriteoffLimit(const MatchOptions& options, Currency currency, int64_t open) {
  // The absolute limit is stated for a two-decimal currency.
  int64_t abs_limit = options.writeoff_max_minor;
  for (int e = currency.exponent(); e < 2; ++e) abs_limit /= 10;
  for (int e = 2; e < currency.exponent(); ++e) abs_limit *= 10;
  const int64_t rel_limit = ApplyBasisPoints(open < 0 ? -open : open, options.writeoff_max_bp);
  return std::min(abs_limit, rel_limit);
}

int64_t EarnedDiscount(const InvoiceView& invoice, Date value_date) {
  if (invoice.discount_bp == 0 || invoice.open_amount.minor <= 0) return 0;
  if (value_date.days > invoice.invoice_date.days + invoice.discount_days) return 0;
  // Terms apply to the invoice's amount; a partly paid invoice earns the
  // discount on what is still open.
  return ApplyBasisPoints(invoice.open_amount.minor, invoice.discount_bp);
}

}  // namespace cashmatch::internal
