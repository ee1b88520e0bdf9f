// Strategies 3-5: when no reference settles the payment, the identified
// customer's open items (its subsidiaries' included): one item of exactly
// the amount, or of the amount net of an earned discount; else a
// combination of items that adds up to it.
//
// Uniqueness is judged over the whole family's open items in the
// payment's currency, every legal entity included, even when the entity
// paid is known and only its items are proposed: another entity's item of
// the same amount still makes the payer's intent a question.
#include <algorithm>
#include <span>
#include <tuple>

#include "match_combination.h"
#include "match_context.h"

namespace cashmatch::internal {

namespace {

// What the amount strategies need of one open item.
struct OpenItem {
  Date invoice_date;
  InvoiceNo no;
  int64_t open;
  std::string_view company, invoice_id;
};

}  // namespace

void ProposeForCustomers(Context& ctx) {
  const int64_t amount = ctx.amount();
  const Currency cur = ctx.currency();
  for (const CustomerCandidate& cc : ctx.plan.customers) {
    if (cc.confidence_bp < 6000) continue;
    std::vector<CustomerNo> family = {cc.customer};
    ctx.ledger.ChildrenOf(cc.customer, &family);
    // Each open item's record read once (records of one customer lie
    // scattered: reads kept overlapping), into a scratch list each thread
    // reuses: a large family must not cost a fresh allocation per payment.
    // What is proposed is taken in invoice-key order (keys are unique in
    // the ledger), so proposals, the combination pool and their evidence do
    // not depend on InvoiceNo (the ledger's load order).
    thread_local std::vector<OpenItem> scratch;
    std::vector<OpenItem>& open = scratch;
    open.clear();
    // One open invoice of exactly the amount, or of it net of a discount.
    std::vector<InvoiceNo> exact, net;
    for (CustomerNo c : family) {
      const std::span<const InvoiceNo> items = ctx.ledger.OpenInvoicesOfCustomer(c);
      constexpr size_t kAhead = 12;
      for (size_t i = 0; i < std::min(kAhead, items.size()); ++i) ctx.ledger.PrefetchInvoice(items[i]);
      for (size_t i = 0; i < items.size(); ++i) {
        if (i + kAhead < items.size()) ctx.ledger.PrefetchInvoice(items[i + kAhead]);
        const InvoiceView v = ctx.inv(items[i]);
        if (v.open_amount.currency != cur) continue;
        if (v.open_amount.minor == amount) exact.push_back(v.no);
        const int64_t d = EarnedDiscount(v, ctx.payment.value_date);
        if (d > 0 && v.open_amount.minor - d == amount) net.push_back(v.no);
        open.push_back({v.invoice_date, v.no, v.open_amount.minor, v.company, v.invoice_id});
      }
    }
    const std::string who = cc.evidence;
    std::sort(exact.begin(), exact.end(), [&](InvoiceNo a, InvoiceNo b) { return ctx.KeyLess(a, b); });
    std::sort(net.begin(), net.end(), [&](InvoiceNo a, InvoiceNo b) { return ctx.KeyLess(a, b); });
    // The only item of the family the amount fits, to the cent: as sure as
    // the payer's identity. Two items of the same amount: both proposed,
    // and the margin rule leaves it to a person.
    const bool unique = exact.size() + net.size() == 1;
    for (InvoiceNo n : exact) {
      if (!ctx.InCompany(n)) continue;
      Proposal p;
      p.method = MatchMethod::kAmount;
      p.allocations = Full(ctx, {n});
      p.confidence_bp = Clamp(cc.confidence_bp + (unique ? 100 : -300));
      p.evidence = who + "; its open invoice " + ctx.Id(n) + " is exactly " + Amount(amount, cur) +
                   (unique ? " (the only open item of that amount)"
                           : " (as are " + std::to_string(exact.size() + net.size() - 1) + " others)");
      AddProposal(ctx, std::move(p));
    }
    for (InvoiceNo n : net) {
      if (!ctx.InCompany(n)) continue;
      const int64_t d = EarnedDiscount(ctx.inv(n), ctx.payment.value_date);
      Proposal p;
      p.method = MatchMethod::kAmount;
      p.allocations = {{n, amount, d, 0}};
      p.confidence_bp = Clamp(cc.confidence_bp + (unique ? 0 : -500));
      p.evidence = who + "; open invoice " + ctx.Id(n) + " less its early-payment discount " +
                   Amount(d, cur) + " is " + Amount(amount, cur);
      AddProposal(ctx, std::move(p));
    }
    if (!exact.empty() || !net.empty()) continue;
    // Combinations of the oldest open items (credit memos included), equal
    // dates in key order.
    const bool whole_family = open.size() <= ctx.options.combination_max_candidates;
    const size_t pool_size = whole_family ? open.size() : ctx.options.combination_max_candidates;
    std::partial_sort(open.begin(), open.begin() + static_cast<std::ptrdiff_t>(pool_size), open.end(),
                      [](const OpenItem& a, const OpenItem& b) {
                        if (a.invoice_date != b.invoice_date) return a.invoice_date < b.invoice_date;
                        return std::tie(a.company, a.invoice_id) < std::tie(b.company, b.invoice_id);
                      });
    std::vector<InvoiceNo> pool;
    std::vector<int64_t> values;
    for (size_t i = 0; i < pool_size; ++i) {
      pool.push_back(open[i].no);
      values.push_back(open[i].open);
    }
    if (pool.size() < 2) continue;
    // The fewest items that add up: two, then three, ... up to the limit,
    // within one step budget. A payer paying a few invoices is likelier
    // than a coincidence of many; more fits of that size (or of one or two
    // items more), and it is a question for a person.
    std::vector<std::vector<size_t>> found;
    bool exhausted = true;
    size_t items = 2;
    uint64_t budget = ctx.options.combination_max_steps;
    for (; items <= ctx.options.combination_max_items && budget > 0; ++items) {
      SubsetSearch search(values, amount, budget);
      found = search.Find(items, 2);
      exhausted = search.exhausted();
      budget -= std::min(budget, search.steps());
      if (!found.empty() || !exhausted) break;
    }
    // A fit of that size alone is not enough: another with one or two items
    // more may be what was paid. Further out, coincidences abound (a few
    // dozen items make many sums) and say nothing about this payment.
    if (found.size() == 1 && exhausted && budget > 0 && items < ctx.options.combination_max_items) {
      SubsetSearch wider(values, amount, budget);
      std::vector<std::vector<size_t>> more =
          wider.Find(std::min<size_t>(items + 2, ctx.options.combination_max_items), 2);
      exhausted = wider.exhausted();
      if (more.size() > 1) found = std::move(more);
    }
    // One fit, and the search saw every item of the family and every
    // combination of no more items: no other way to pay that way exists.
    const bool proven = whole_family && exhausted && found.size() == 1;
    for (const std::vector<size_t>& subset : found) {
      std::vector<InvoiceNo> chosen;
      bool mine = true;
      for (size_t i : subset) {
        chosen.push_back(pool[i]);
        mine &= ctx.InCompany(pool[i]) && ctx.inv(pool[i]).company == ctx.inv(pool[subset[0]]).company;
      }
      // Another entity's items, or several entities' at once (a payment
      // reaches one entity's account): a rival that makes the fit
      // ambiguous, never proposed itself.
      if (!mine) continue;
      Proposal p;
      p.method = MatchMethod::kCombination;
      p.allocations = Full(ctx, chosen);
      // Each item more, and a large pool, make a coincidental fit likelier.
      const int items_beyond_two = static_cast<int>(chosen.size()) - 2;
      p.confidence_bp = Clamp(proven ? cc.confidence_bp + 100 - 50 * items_beyond_two
                                     : cc.confidence_bp - 300 - 50 * items_beyond_two -
                                           (pool.size() > 20 ? 200 : 0));
      p.evidence = who + "; open items " + IdList(ctx, chosen) + " add up to " + Amount(amount, cur) +
                   (proven ? " (no other " + std::to_string(std::min<size_t>(chosen.size() + 2, ctx.options.combination_max_items)) + " or fewer of its open items do)" : "") +
                   (found.size() > 1 ? " (another combination does too)" : "") +
                   (exhausted ? "" : " (search stopped at its step limit)");
      if (!exhausted && found.size() == 1) {
        // A limit cut the search short: a second fit may exist unseen.
        p.confidence_bp = static_cast<uint16_t>(std::max(0, p.confidence_bp - 1500));
      }
      if (found.size() > 1) p.confidence_bp = static_cast<uint16_t>(std::max(0, p.confidence_bp - 2000));
      AddProposal(ctx, std::move(p));
    }
  }
}

}  // namespace cashmatch::internal
