// What every strategy of phase one works with: the payment, the ledger, the
// customers identified and the legal entity paid, and the plan being
// filled. Internal to the matcher.
#ifndef CASHMATCH_ENGINE_MATCH_CONTEXT_H_
#define CASHMATCH_ENGINE_MATCH_CONTEXT_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "match_plan.h"
#include "match_tokens.h"

namespace cashmatch::internal {

inline constexpr uint16_t kMaxBp = 9900;
inline uint16_t Clamp(int bp) { return static_cast<uint16_t>(std::clamp(bp, 0, int{kMaxBp})); }

struct Context {
  const Ledger& ledger;
  const MatchOptions& options;
  const Payment& payment;
  Plan& plan;
  // The identified customers and everyone they may pay for (children).
  std::map<CustomerNo, uint16_t> payers;
  // The legal entity whose account received the payment, when the options
  // map that account; then only that entity's invoices are proposed.
  std::optional<std::string> company;

  int64_t amount() const { return payment.amount.minor; }
  Currency currency() const { return payment.amount.currency; }
  // The invoice without its PO number (Ledger::invoice_core): the PO is
  // read apart, where a strategy needs it.
  InvoiceView inv(InvoiceNo n) const { return ledger.invoice_core(n); }
  bool SameCurrency(InvoiceNo n) const { return inv(n).open_amount.currency == currency(); }
  // Whether the invoice belongs to the entity paid (always, when unknown).
  bool InCompany(InvoiceNo n) const { return !company || inv(n).company == *company; }
  // Same currency and the entity paid: an invoice this payment may settle.
  bool Eligible(InvoiceNo n) const { return SameCurrency(n) && InCompany(n); }
  // Whether the invoice's customer is among the payers (or a child of one).
  bool Corroborates(InvoiceNo n) const { return payers.contains(inv(n).customer); }
  std::string Id(InvoiceNo n) const { return std::string(inv(n).invoice_id); }
  // Invoice-key order (company, invoice_id): what ties are broken by, never
  // InvoiceNo, which follows the order the ledger took the invoices in (a
  // load, or a rebuild from the store after a restart).
  bool KeyLess(InvoiceNo a, InvoiceNo b) const {
    const InvoiceView va = inv(a), vb = inv(b);
    return std::tie(va.company, va.invoice_id) < std::tie(vb.company, vb.invoice_id);
  }
};

// A reference hit on an invoice, and how it was made.
struct Hit {
  InvoiceNo invoice = 0;
  uint16_t confidence_bp = 0;
  std::string evidence;
  int token = -1;  // the token (index) that made the strongest hit; -1: none
};

// ---- helpers (match_plan.cc) ----
std::string Amount(int64_t minor, Currency c);
void AddProposal(Context& ctx, Proposal p);
// Allocates the whole of each invoice's open amount.
std::vector<Allocation> Full(const Context& ctx, const std::vector<InvoiceNo>& invoices);
int64_t OpenSum(const Context& ctx, const std::vector<InvoiceNo>& invoices);
std::string IdList(const Context& ctx, const std::vector<InvoiceNo>& invoices);
// Whether paying `amount` against `open` (> 0) reads as a deliberate short
// or over payment rather than a reference that names the wrong invoice:
// short by at most half, or over by at most a quarter or up to the next
// hundred (in a two-decimal currency, scaled).
bool PlausiblePartial(int64_t amount, int64_t open, Currency currency);

// ---- 1. structured remittance (match_structured.cc) ----
void StructuredProposals(Context& ctx);

// ---- 2. references in the text (match_references.cc) ----
// Every invoice the text and the structured lines' references point at,
// each with its strongest hit; the closed ones apart.
void CollectHits(const Context& ctx, std::map<InvoiceNo, Hit>* open_hits,
                 std::map<InvoiceNo, Hit>* closed_hits, std::vector<RefToken>* tokens);
void ProposeFromHits(Context& ctx, const std::map<InvoiceNo, Hit>& hits);
void ProposeFuzzy(Context& ctx, const std::vector<RefToken>& tokens);
// The ways a scanned reference may have been meant when OCR confused
// letters and digits (O/0, I/1, L/1, S/5, B/8, Z/2, G/6): the number read
// as digits ("INVOO45I2" -> "4512"), the prefix word as letters ("1NV" is
// INV); normalized, each different from `normalized`. Empty when the
// token has no letter to repair.
std::vector<std::string> OcrReadings(std::string_view normalized);

// ---- 3-5. the customer, amounts, combinations (match_amounts.cc) ----
void ProposeForCustomers(Context& ctx);

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_MATCH_CONTEXT_H_
