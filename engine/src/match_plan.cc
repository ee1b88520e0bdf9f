// Phase one of matching: one payment's proposals, from the cheapest and
// surest strategy to the most speculative (match_structured.cc,
// match_references.cc, match_amounts.cc). Pure: reads the ledger only.
#include <algorithm>
#include <map>
#include <string>

#include "match_context.h"

namespace cashmatch::internal {

std::string Amount(int64_t minor, Currency c) { return FormatMinorUnits(minor, c.exponent()); }

void AddProposal(Context& ctx, Proposal p) {
  p.confidence_bp = Clamp(p.confidence_bp);
  ctx.plan.proposals.push_back(std::move(p));
}

std::vector<Allocation> Full(const Context& ctx, const std::vector<InvoiceNo>& invoices) {
  std::vector<Allocation> out;
  for (InvoiceNo n : invoices) out.push_back({n, ctx.inv(n).open_amount.minor, 0, 0});
  return out;
}

int64_t OpenSum(const Context& ctx, const std::vector<InvoiceNo>& invoices) {
  int64_t s = 0;
  for (InvoiceNo n : invoices) s += ctx.inv(n).open_amount.minor;
  return s;
}

std::string IdList(const Context& ctx, const std::vector<InvoiceNo>& invoices) {
  std::string s;
  for (InvoiceNo n : invoices) s += (s.empty() ? "" : ", ") + ctx.Id(n);
  return s;
}

bool PlausiblePartial(int64_t amount, int64_t open, Currency currency) {
  if (open <= 0 || amount <= 0) return false;
  if (amount <= open) return open - amount <= open / 2;
  // A hundred in a two-decimal currency, scaled to the currency's decimals.
  int64_t hundred = 10000;
  for (int e = currency.exponent(); e < 2; ++e) hundred /= 10;
  for (int e = 2; e < currency.exponent(); ++e) hundred *= 10;
  return amount - open <= std::max(open / 4, hundred);
}

namespace {

// The legal entity whose account the payment reached, by the options' map:
// the account as the file names it, else its part after "ROUTING:".
std::optional<std::string> ReceivingCompany(const MatchOptions& options, const Payment& payment) {
  if (options.account_companies.empty() || payment.account.empty()) return std::nullopt;
  auto it = options.account_companies.find(payment.account);
  if (it == options.account_companies.end()) {
    const size_t colon = payment.account.rfind(':');
    if (colon != std::string::npos) it = options.account_companies.find(payment.account.substr(colon + 1));
  }
  if (it == options.account_companies.end()) return std::nullopt;
  return it->second;
}

}  // namespace

Plan BuildPlan(const Ledger& ledger, const MatchOptions& options, const Payment& payment) {
  Plan plan;
  if (payment.direction == Direction::kDebit) {
    plan.kind = DecisionKind::kNotMatched;
    plan.reason = "a debit: recorded, not matched";
    return plan;
  }
  if (payment.is_return) {
    plan.kind = DecisionKind::kNotMatched;
    plan.reason = "a return or reversal: it undoes its original payment";
    return plan;
  }
  if (!payment.superseded_by.empty()) {
    plan.kind = DecisionKind::kNotMatched;
    plan.reason = "a batch sum detailed transaction by transaction in " + payment.superseded_by;
    return plan;
  }
  if (payment.amount.minor <= 0 || !payment.amount.currency.valid()) {
    plan.kind = DecisionKind::kNotMatched;
    plan.reason = "no amount to apply";
    return plan;
  }
  plan.kind = DecisionKind::kUnapplied;
  if (payment.batch_count > 1) {
    plan.reason = "one sum for " + std::to_string(payment.batch_count) +
                  " transactions; waiting for the bank's breakdown (camt.054)";
    return plan;
  }
  plan.customers = IdentifyCustomers(ledger, payment);
  Context ctx{ledger, options, payment, plan, {}, ReceivingCompany(options, payment)};
  for (const CustomerCandidate& cc : plan.customers) {
    ctx.payers.emplace(cc.customer, cc.confidence_bp);
    std::vector<CustomerNo> children;
    ledger.ChildrenOf(cc.customer, &children);
    for (CustomerNo c : children) ctx.payers.emplace(c, cc.confidence_bp);
  }

  if (!payment.remittance.empty()) StructuredProposals(ctx);
  // Sure enough to stop looking: a proposal at the auto-apply threshold
  // (one that fits the amount, when `fitting`).
  auto sure = [&](bool fitting) {
    return std::any_of(plan.proposals.begin(), plan.proposals.end(), [&](const Proposal& p) {
      return p.confidence_bp >= options.auto_apply_bp && !(fitting && p.partial);
    });
  };
  std::map<InvoiceNo, Hit> open_hits, closed_hits;
  std::vector<RefToken> tokens;
  if (!sure(false)) {
    CollectHits(ctx, &open_hits, &closed_hits, &tokens);
    if (!open_hits.empty()) ProposeFromHits(ctx, open_hits);
  }
  // The text names, exactly, a closed invoice paid in full with this very
  // amount: the money was most likely sent twice, and an open invoice a
  // typo away that happens to have the amount is no better reading.
  // The first by invoice key, whatever the ledger's load order.
  std::optional<InvoiceNo> paid_before;
  for (const auto& [n, h] : closed_hits) {
    if (ledger.invoice_core(n).amount.minor == payment.amount.minor && h.confidence_bp >= 9000 &&
        (!paid_before || ctx.KeyLess(n, *paid_before))) {
      paid_before = n;
    }
  }
  const size_t from_references = plan.proposals.size();
  if (!sure(true)) {
    const size_t before = plan.proposals.size();
    ProposeFuzzy(ctx, tokens);
    // A typo an edit away fits the amount exactly: likelier than the named
    // invoice short or over paid.
    if (plan.proposals.size() > before) {
      for (size_t i = 0; i < before; ++i) {
        Proposal& p = plan.proposals[i];
        if (p.partial) p.confidence_bp = static_cast<uint16_t>(std::max(0, p.confidence_bp - 1000));
      }
    }
  }
  if (!sure(false)) ProposeForCustomers(ctx);
  if (paid_before) {
    for (size_t i = from_references; i < plan.proposals.size(); ++i) {
      Proposal& p = plan.proposals[i];
      p.confidence_bp = static_cast<uint16_t>(std::max(0, p.confidence_bp - 3000));
      p.evidence += "; but the text names " + ctx.Id(*paid_before) + ", paid in full with this amount before";
    }
  }
  // A closed invoice named, paid in full before, and nothing open fits.
  if (!sure(false)) plan.duplicate_of = paid_before;
  // Invoices the text names that nothing above used: worth a look, a
  // number that does not look like a reference ("E03", "166") less so.
  for (const auto& [n, h] : open_hits) {
    const int bp = std::min<int>(h.confidence_bp, 8000) - (h.confidence_bp < 9000 ? 2000 : 0);
    plan.hints.push_back({n, std::min(payment.amount.minor, ledger.invoice_core(n).open_amount.minor),
                          static_cast<uint16_t>(bp)});
  }
  // Equals by their invoices' keys: the order proposals were made in can
  // follow InvoiceNo, which depends on the ledger's load order.
  // (One proposal, the usual case, is sorted already: stable_sort would
  // still allocate its buffer.)
  if (plan.proposals.size() > 1) {
    std::stable_sort(plan.proposals.begin(), plan.proposals.end(), [&](const Proposal& a, const Proposal& b) {
      if (a.confidence_bp != b.confidence_bp) return a.confidence_bp > b.confidence_bp;
      return std::lexicographical_compare(
          a.allocations.begin(), a.allocations.end(), b.allocations.begin(), b.allocations.end(),
          [&](const Allocation& x, const Allocation& y) { return ctx.KeyLess(x.invoice, y.invoice); });
    });
  }
  if (plan.proposals.empty() && plan.reason.empty()) {
    plan.reason = plan.customers.empty()
                      ? "no usable reference and the payer is not recognised"
                      : "the payer is recognised but no open item or combination fits the amount";
  }
  return plan;
}

}  // namespace cashmatch::internal
