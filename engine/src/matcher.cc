// Matcher::MatchBatch: proposals in parallel, then claims settled in order.
#include "cashmatch/matcher.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <optional>
#include <tuple>

#include "match_plan.h"

namespace cashmatch {

using internal::Allocation;
using internal::Plan;
using internal::Proposal;

std::string_view DecisionKindName(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::kApplied: return "applied";
    case DecisionKind::kUnapplied: return "unapplied";
    case DecisionKind::kDuplicate: return "duplicate";
    case DecisionKind::kNotMatched: return "not_matched";
  }
  return "unknown";
}

namespace {

// Open amounts as this batch has left them so far: the ledger's figure less
// what earlier payments of the batch took. The taken amounts sit in a flat
// open-addressed table sized once for every claim the batch can make, so
// settling costs no allocation per payment; the ledger's open amount of
// each claimed invoice was read in phase one (Allocation::open).
class OpenAmounts {
 public:
  OpenAmounts(const Ledger& ledger, size_t max_claims) : ledger_(ledger) {
    size_t capacity = 16;
    while (capacity < 2 * max_claims) capacity *= 2;
    slots_.assign(capacity, Slot{kEmpty, 0});
    mask_ = capacity - 1;
  }

  int64_t Get(InvoiceNo n) const { return ledger_.invoice_core(n).open_amount.minor - Taken(n); }
  // Whether every allocation still fits what is open, on the right side of
  // zero (a credit memo's open amount is negative).
  bool Fits(const std::vector<Allocation>& claims) const {
    for (const Allocation& a : claims) {
      const int64_t open = a.open - Taken(a.invoice);
      const int64_t take = a.Consumed();
      if (open >= 0 ? (take < 0 || take > open) : (take > 0 || take < open)) return false;
    }
    return true;
  }
  void Take(const std::vector<Allocation>& claims) {
    for (const Allocation& a : claims) Find(a.invoice).taken += a.Consumed();
  }

 private:
  static constexpr InvoiceNo kEmpty = UINT32_MAX;  // never a number: at most 2^31 invoices
  struct Slot {
    InvoiceNo invoice;
    int64_t taken;
  };
  size_t Home(InvoiceNo n) const { return (uint64_t{n} * 0x9E3779B97F4A7C15ull >> 32) & mask_; }
  int64_t Taken(InvoiceNo n) const {
    for (size_t i = Home(n);; i = (i + 1) & mask_) {
      if (slots_[i].invoice == n) return slots_[i].taken;
      if (slots_[i].invoice == kEmpty) return 0;
    }
  }
  Slot& Find(InvoiceNo n) {
    for (size_t i = Home(n);; i = (i + 1) & mask_) {
      if (slots_[i].invoice == n) return slots_[i];
      if (slots_[i].invoice == kEmpty) {
        slots_[i].invoice = n;
        return slots_[i];
      }
    }
  }

  const Ledger& ledger_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

// Whether the best proposal is sure enough on its own: above the threshold
// and clear of the runner-up that proposes something else.
bool Decisive(const Plan& plan, const MatchOptions& options) {
  if (plan.proposals.empty()) return false;
  const Proposal& best = plan.proposals[0];
  if (best.confidence_bp < options.auto_apply_bp) return false;
  for (size_t i = 1; i < plan.proposals.size(); ++i) {
    const Proposal& other = plan.proposals[i];
    bool same = other.allocations.size() == best.allocations.size() &&
                other.on_account == best.on_account;
    for (size_t k = 0; same && k < best.allocations.size(); ++k) {
      same = other.allocations[k].invoice == best.allocations[k].invoice &&
             other.allocations[k].Consumed() == best.allocations[k].Consumed();
    }
    if (same) continue;
    return best.confidence_bp - other.confidence_bp >= options.ambiguity_margin_bp;
  }
  return true;
}

Application MakeApplication(const Ledger& ledger, const Payment& payment, const Proposal& p,
                            Allocation* allocation) {
  const Allocation& a = *allocation;
  const InvoiceView v = ledger.invoice_core(a.invoice);
  allocation->open = v.open_amount.minor;
  Application app;
  app.payment_id = payment.payment_id;
  app.company = std::string(v.company);
  app.invoice_id = std::string(v.invoice_id);
  app.customer_id = std::string(ledger.customer(v.customer).customer_id);
  app.applied = Money{a.applied, payment.amount.currency};
  app.discount = Money{a.discount, payment.amount.currency};
  app.writeoff = Money{a.writeoff, payment.amount.currency};
  app.method = p.method;
  app.confidence_bp = p.confidence_bp;
  app.evidence = p.evidence;
  return app;
}

void AddSuggestions(const Ledger& ledger, const Plan& plan, const MatchOptions& options,
                    Decision* d) {
  // Ranked without touching strings; only the few kept are spelled out.
  std::vector<Plan::Hint> all;
  for (const Proposal& p : plan.proposals) {
    for (const Allocation& a : p.allocations) all.push_back({a.invoice, a.applied, p.confidence_bp});
  }
  all.insert(all.end(), plan.hints.begin(), plan.hints.end());
  // Equals by invoice key, not InvoiceNo (the ledger's load order).
  std::stable_sort(all.begin(), all.end(), [&](const Plan::Hint& a, const Plan::Hint& b) {
    if (a.confidence_bp != b.confidence_bp) return a.confidence_bp > b.confidence_bp;
    const InvoiceView va = ledger.invoice_core(a.invoice), vb = ledger.invoice_core(b.invoice);
    return std::tie(va.company, va.invoice_id) < std::tie(vb.company, vb.invoice_id);
  });
  std::vector<InvoiceNo> seen;
  for (const Plan::Hint& h : all) {
    if (d->suggestions.size() >= options.max_suggestions) break;
    if (h.confidence_bp < options.suggest_bp) break;
    if (std::find(seen.begin(), seen.end(), h.invoice) != seen.end()) continue;
    seen.push_back(h.invoice);
    const InvoiceView v = ledger.invoice_core(h.invoice);
    d->suggestions.push_back({std::string(v.company), std::string(v.invoice_id),
                              Money{h.amount, v.open_amount.currency}, h.confidence_bp});
  }
}

std::string Why(const Plan& plan, const MatchOptions& options) {
  if (plan.proposals.empty()) return plan.reason;
  const Proposal& best = plan.proposals[0];
  if (best.confidence_bp < options.auto_apply_bp) {
    return "best candidate below the auto-apply threshold (" + FormatMinorUnits(best.confidence_bp, 4) +
           "): " + best.evidence;
  }
  return "ambiguous: more than one way to apply it fits about equally well: " + best.evidence;
}

// Phase one's decision for a payment: final unless it applies the best
// proposal, whose claims phase two still has to check (returns true then).
// Fills each of that proposal's allocations' `open` from the ledger.
bool Decide(const Ledger& ledger, const MatchOptions& options, const Payment& payment, Plan* plan_ptr,
            Decision* decision) {
  Plan& plan = *plan_ptr;
  Decision& d = *decision;
  if (!plan.customers.empty()) {
    d.customer_id = std::string(ledger.customer(plan.customers[0].customer).customer_id);
  }
  if (plan.kind == DecisionKind::kNotMatched) {
    d.kind = DecisionKind::kNotMatched;
    d.reason = plan.reason;
    return false;
  }
  if (Decisive(plan, options)) {
    Proposal& best = plan.proposals[0];
    d.kind = DecisionKind::kApplied;
    d.confidence_bp = best.confidence_bp;
    d.applications.reserve(best.allocations.size() + (best.on_account > 0 && best.customer ? 1 : 0));
    for (Allocation& a : best.allocations) {
      d.applications.push_back(MakeApplication(ledger, payment, best, &a));
    }
    if (best.on_account > 0 && best.customer) {
      Application rest;
      rest.payment_id = payment.payment_id;
      rest.customer_id = std::string(ledger.customer(*best.customer).customer_id);
      rest.applied = Money{best.on_account, payment.amount.currency};
      rest.discount = Money{0, payment.amount.currency};
      rest.writeoff = Money{0, payment.amount.currency};
      rest.method = best.method;
      rest.confidence_bp = best.confidence_bp;
      rest.evidence = "remainder on account: " + best.evidence;
      d.customer_id = rest.customer_id;
      d.applications.push_back(std::move(rest));
    } else if (!d.applications.empty()) {
      d.customer_id = d.applications[0].customer_id;
    }
    return true;
  }
  if (plan.duplicate_of) {
    const InvoiceView v = ledger.invoice_core(*plan.duplicate_of);
    d.kind = DecisionKind::kDuplicate;
    d.reason = "pays invoice " + std::string(v.invoice_id) + ", which is already paid in full";
    d.suggestions.push_back({std::string(v.company), std::string(v.invoice_id),
                             Money{payment.amount.minor, payment.amount.currency}, 0});
    return false;
  }
  d.kind = DecisionKind::kUnapplied;
  d.reason = Why(plan, options);
  d.confidence_bp = plan.proposals.empty() ? 0 : plan.proposals[0].confidence_bp;
  AddSuggestions(ledger, plan, options, &d);
  return false;
}

}  // namespace

Matcher::Matcher(const Ledger& ledger, const MatchOptions& options)
    : ledger_(ledger), options_(options) {}

std::vector<Decision> Matcher::MatchBatch(std::span<const Payment> payments) const {
  // Phase one: each payment on its own, in parallel. Nothing here depends
  // on any other payment, so the plans are the same for any thread count.
  // The decision is written out here too, as it stands if the best
  // proposal's claims fit (they nearly always do), and the plan is dropped
  // at once, on the thread that made it, keeping only those claims: phase
  // two checks the claims in order, and the few decisions whose claims an
  // earlier payment of the batch took are redone afterwards, in parallel,
  // from their plans built again (a plan is a pure function of the payment
  // and the ledger).
  std::vector<Decision> decisions(payments.size());
  std::vector<std::vector<Allocation>> claims(payments.size());
  auto build = [&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, payments.size(), 64),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t i = r.begin(); i < r.end(); ++i) {
                          Plan plan = internal::BuildPlan(ledger_, options_, payments[i]);
                          if (Decide(ledger_, options_, payments[i], &plan, &decisions[i])) {
                            claims[i] = std::move(plan.proposals[0].allocations);
                          }
                        }
                      });
  };
  std::optional<tbb::task_arena> arena;
  if (options_.threads > 0) arena.emplace(static_cast<int>(options_.threads));
  auto run = [&](auto&& fn) {
    if (arena) {
      arena->execute(fn);
    } else {
      fn();
    }
  };
  run(build);

  // Phase two: claims on open amounts in payment order. (A decisive
  // proposal without allocations claims nothing and always fits.)
  size_t max_claims = 0;
  for (const std::vector<Allocation>& c : claims) max_claims += c.size();
  OpenAmounts open(ledger_, max_claims);
  // Refused claims: the payment, and whether it pays in full what earlier
  // payments of this batch paid in full (the same money sent twice).
  std::vector<std::pair<size_t, bool>> refused;
  for (size_t i = 0; i < payments.size(); ++i) {
    if (claims[i].empty()) continue;
    if (open.Fits(claims[i])) {
      open.Take(claims[i]);
      continue;
    }
    bool twice = true;
    for (const Allocation& a : claims[i]) twice &= open.Get(a.invoice) == 0 && a.Consumed() == a.open;
    refused.emplace_back(i, twice);
  }
  // Their decisions redone, in parallel: the plan built again (a pure
  // function of the payment and the ledger), the rest known already.
  run([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, refused.size(), 16), [&](const tbb::blocked_range<size_t>& r) {
      for (size_t k = r.begin(); k < r.end(); ++k) {
        const auto [i, twice] = refused[k];
        const Plan plan = internal::BuildPlan(ledger_, options_, payments[i]);
        const Proposal& best = plan.proposals[0];
        Decision& d = decisions[i];
        d = Decision{};
        if (!plan.customers.empty()) {
          d.customer_id = std::string(ledger_.customer(plan.customers[0].customer).customer_id);
        }
        d.kind = twice ? DecisionKind::kDuplicate : DecisionKind::kUnapplied;
        d.reason = "an earlier payment in this batch took what was open on " +
                   std::string(ledger_.invoice_core(best.allocations[0].invoice).invoice_id) +
                   (twice ? ": it pays the same again, a duplicate. " : "; is this one a duplicate? ") +
                   best.evidence;
        d.confidence_bp = best.confidence_bp;
        AddSuggestions(ledger_, plan, options_, &d);
      }
    });
  });
  // The claims' blocks freed on every thread, not one by one on this one
  // (for a batch large enough to be worth the round trip).
  if (claims.size() < 4096) return decisions;
  run([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, claims.size(), 1024), [&](const tbb::blocked_range<size_t>& r) {
      for (size_t i = r.begin(); i < r.end(); ++i) std::vector<Allocation>().swap(claims[i]);
    });
  });
  return decisions;
}

}  // namespace cashmatch
