// Phase one of matching: one payment's proposals, from the cheapest and
// surest strategy to the most speculative. Pure: reads the ledger only.
#include <algorithm>
#include <tuple>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "match_combination.h"
#include "match_plan.h"
#include "match_tokens.h"

namespace cashmatch::internal {
namespace {

// Confidence of an exact reference hit by how reference-like the token is.
constexpr uint16_t kTokenBp[4] = {6500, 8000, 9300, 9700};
constexpr uint16_t kCorroborated = 200;  // the invoice's customer is the payer
// The amount agreeing with what the named invoices leave open is strong
// evidence in itself: a chance agreement to the cent is rare.
constexpr uint16_t kAmountAgrees = 1200;
constexpr uint16_t kMaxBp = 9900;

uint16_t Clamp(int bp) { return static_cast<uint16_t>(std::clamp(bp, 0, int{kMaxBp})); }

std::string Amount(int64_t minor, Currency c) { return FormatMinorUnits(minor, c.exponent()); }

// Upper-case letters and digits only: "inv-0004512" and "INV0004512" agree.
std::string Squeezed(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

// Hints a fuzzy query may leave per payment: on dense numbering one typo is
// near dozens of invoices, and a person needs the few that matter.
constexpr size_t kMaxFuzzyHints = 8;

struct Context {
  const Ledger& ledger;
  const MatchOptions& options;
  const Payment& payment;
  Plan& plan;
  // The identified customers and everyone they may pay for (children).
  std::map<CustomerNo, uint16_t> payers;

  int64_t amount() const { return payment.amount.minor; }
  Currency currency() const { return payment.amount.currency; }
  InvoiceView inv(InvoiceNo n) const { return ledger.invoice(n); }
  bool SameCurrency(InvoiceNo n) const { return ledger.invoice(n).open_amount.currency == currency(); }
  // Whether the invoice's customer is among the payers (or a child of one).
  bool Corroborates(InvoiceNo n) const { return payers.contains(ledger.invoice(n).customer); }
  std::string Id(InvoiceNo n) const { return std::string(ledger.invoice(n).invoice_id); }
  // Invoice-key order (company, invoice_id): what ties are broken by.
  bool KeyLess(InvoiceNo a, InvoiceNo b) const {
    const InvoiceView va = ledger.invoice(a), vb = ledger.invoice(b);
    return std::tie(va.company, va.invoice_id) < std::tie(vb.company, vb.invoice_id);
  }
};

// A reference hit on an invoice, and how it was made.
struct Hit {
  InvoiceNo invoice = 0;
  uint16_t confidence_bp = 0;
  std::string evidence;
};

void AddProposal(Context& ctx, Proposal p) {
  p.confidence_bp = Clamp(p.confidence_bp);
  ctx.plan.proposals.push_back(std::move(p));
}

// Allocates the whole of each invoice's open amount.
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

// ---- 1. Structured remittance ----

// The invoice a structured line names: exact reference, then PO, then a
// fuzzy hit whose amount agrees with the line.
std::optional<Hit> ResolveLine(const Context& ctx, const RemittanceLine& line) {
  std::vector<InvoiceNo> found;
  ctx.ledger.FindByReference(line.reference, &found);
  std::vector<InvoiceNo> mine;
  for (InvoiceNo n : found) {
    if (ctx.SameCurrency(n)) mine.push_back(n);
  }
  // The same number in two companies: the payer's own invoice wins.
  if (mine.size() > 1) {
    std::vector<InvoiceNo> theirs;
    for (InvoiceNo n : mine) {
      if (ctx.Corroborates(n)) theirs.push_back(n);
    }
    if (theirs.size() == 1) mine = theirs;
  }
  if (mine.size() == 1) {
    return Hit{mine[0], 9800, "remittance line '" + line.reference + "' = invoice " + ctx.Id(mine[0])};
  }
  if (mine.size() > 1) return std::nullopt;
  found.clear();
  ctx.ledger.FindByPo(line.reference, &found);
  if (found.size() == 1 && ctx.SameCurrency(found[0])) {
    return Hit{found[0], 9300, "remittance line '" + line.reference + "' = PO of invoice " + ctx.Id(found[0])};
  }
  if (NormalizeReference(line.reference).size() < 4) return std::nullopt;
  std::vector<FuzzyHit> fuzzy;
  ctx.ledger.FindByReferenceFuzzy(line.reference, &fuzzy);
  std::optional<Hit> only;
  int fits = 0;
  for (const FuzzyHit& f : fuzzy) {
    if (f.distance == 0 || !ctx.SameCurrency(f.invoice)) continue;
    const InvoiceView v = ctx.inv(f.invoice);
    const bool amount_agrees = (line.invoice_amount && line.invoice_amount->minor == v.amount.minor) ||
                               (line.paid && line.paid->minor == v.open_amount.minor);
    if (!amount_agrees) continue;
    ++fits;
    only = Hit{f.invoice, static_cast<uint16_t>(f.distance == 1 ? 9300 : 8800),
               "remittance line '" + line.reference + "' is " + std::to_string(f.distance) +
                   " edit(s) from invoice " + ctx.Id(f.invoice) + ", whose amount agrees"};
  }
  return fits == 1 ? only : std::nullopt;
}

void StructuredProposals(Context& ctx) {
  const Payment& p = ctx.payment;
  Proposal prop;
  prop.method = MatchMethod::kReference;
  uint16_t conf = kMaxBp;
  int64_t stated = 0;
  std::set<InvoiceNo> used;
  for (const RemittanceLine& line : p.remittance) {
    std::optional<Hit> hit = ResolveLine(ctx, line);
    if (!hit || used.contains(hit->invoice)) return;  // a line we cannot place: not this strategy
    used.insert(hit->invoice);
    const InvoiceView v = ctx.inv(hit->invoice);
    const int64_t open = v.open_amount.minor;
    if (open == 0) return;  // a closed invoice: the reference strategy flags duplicates
    Allocation a{hit->invoice, 0, 0, 0};
    a.discount = line.discount ? line.discount->minor : 0;
    a.applied = line.paid ? line.paid->minor : open - a.discount;
    if (a.applied <= 0 && open > 0) return;
    // More than is open: the invoice closes, the rest waits on account.
    if (open > 0 && a.applied + a.discount > open) {
      a.discount = std::min(a.discount, open);
      a.applied = open - a.discount;
    }
    const int64_t shortfall = open - a.Consumed();
    if (open > 0 && shortfall > 0 && shortfall <= WriteoffLimit(ctx.options, ctx.currency(), open) &&
        !line.adjustment) {
      a.writeoff = shortfall;
    }
    stated += line.paid ? line.paid->minor : a.applied;
    conf = std::min(conf, hit->confidence_bp);
    if (!prop.evidence.empty()) prop.evidence += "; ";
    prop.evidence += hit->evidence + ": applied " + Amount(a.applied, ctx.currency());
    if (a.discount) prop.evidence += ", discount " + Amount(a.discount, ctx.currency());
    if (a.writeoff) prop.evidence += ", written off " + Amount(a.writeoff, ctx.currency());
    if (shortfall > 0 && a.writeoff == 0) {
      prop.evidence += ", deduction " + Amount(shortfall, ctx.currency()) +
                       (line.adjustment_reason.empty() ? "" : " (" + line.adjustment_reason + ")");
    }
    prop.allocations.push_back(a);
  }
  if (prop.allocations.empty()) return;
  int64_t applied = 0;
  for (const Allocation& a : prop.allocations) applied += a.applied;
  const int64_t rest = ctx.amount() - applied;
  if (rest < 0) return;  // the lines claim more than was paid: a person decides
  if (rest > 0) {
    // Paid more than the lines say: the rest on account of the invoices'
    // customer.
    prop.on_account = rest;
    prop.customer = ctx.inv(prop.allocations[0].invoice).customer;
    prop.evidence += "; " + Amount(rest, ctx.currency()) + " more than the lines: on account";
    conf = static_cast<uint16_t>(conf - 400);
  }
  (void)stated;
  prop.confidence_bp = conf;
  AddProposal(ctx, std::move(prop));
}

// ---- 2. References in the text ----

// OCR misreads digits as letters: O/0, I/1, L/1, S/5, B/8, Z/2, G/6. The
// number at the end of the token (after any prefix such as INV) is read
// back when it mixes digits with such letters.
bool OcrLetter(char c) {
  return c == 'O' || c == 'I' || c == 'L' || c == 'S' || c == 'B' || c == 'Z' || c == 'G';
}

std::string OcrRepaired(std::string_view normalized) {
  size_t start = normalized.size();
  while (start > 0 && ((normalized[start - 1] >= '0' && normalized[start - 1] <= '9') ||
                       OcrLetter(normalized[start - 1]))) {
    --start;
  }
  std::string s(normalized.substr(start));
  bool digits = false, changed = false;
  for (char c : s) digits |= c >= '0' && c <= '9';
  if (!digits) return {};
  for (char& c : s) {
    switch (c) {
      case 'O': c = '0'; changed = true; break;
      case 'I': case 'L': c = '1'; changed = true; break;
      case 'S': c = '5'; changed = true; break;
      case 'B': c = '8'; changed = true; break;
      case 'Z': c = '2'; changed = true; break;
      case 'G': c = '6'; changed = true; break;
      default: break;
    }
  }
  return changed ? NormalizeReference(s) : std::string();
}

// Every invoice the payment's text (and its structured lines' references)
// points at, each with its strongest hit; and the closed ones apart.
void CollectHits(const Context& ctx, std::map<InvoiceNo, Hit>* open_hits,
                 std::map<InvoiceNo, Hit>* closed_hits, std::vector<RefToken>* tokens) {
  *tokens = ExtractRefTokens(ctx.payment.remittance_text);
  for (const RemittanceLine& line : ctx.payment.remittance) {
    RefToken t;
    t.raw = line.reference;
    t.normalized = NormalizeReference(line.reference);
    t.strength = 3;
    if (!t.normalized.empty()) tokens->push_back(std::move(t));
  }
  auto note = [&](InvoiceNo n, uint16_t bp, std::string evidence) {
    if (!ctx.SameCurrency(n)) return;
    auto& target = ctx.inv(n).open_amount.minor != 0 ? *open_hits : *closed_hits;
    auto it = target.find(n);
    if (it == target.end() || it->second.confidence_bp < bp) target[n] = Hit{n, bp, std::move(evidence)};
  };
  std::vector<InvoiceNo> found;
  for (const RefToken& t : *tokens) {
    found.clear();
    ctx.ledger.FindByReference(t.normalized, &found);
    const uint16_t bp = static_cast<uint16_t>(kTokenBp[t.strength] - (t.joined ? 300 : 0));
    // A token that names the same number in several companies is weaker
    // for each of them, unless the payer tells them apart or the token is
    // one invoice's id verbatim ("INV-00001234" against "INV0001234").
    const std::string squeezed = found.size() > 1 ? Squeezed(t.raw) : std::string();
    for (InvoiceNo n : found) {
      const bool verbatim = found.size() > 1 && Squeezed(ctx.inv(n).invoice_id) == squeezed;
      const uint16_t shared = found.size() > 1 && !verbatim && !ctx.Corroborates(n) ? 1500 : 0;
      note(n, static_cast<uint16_t>(bp - shared),
           "text '" + t.raw + "' = invoice " + ctx.Id(n) + (t.joined ? " (joined across a line break)" : ""));
    }
    found.clear();
    ctx.ledger.FindByPo(t.normalized, &found);
    for (InvoiceNo n : found) {
      note(n, static_cast<uint16_t>(found.size() == 1 ? 9000 : 7000),
           "text '" + t.raw + "' = PO " + std::string(ctx.inv(n).po_number) + " of invoice " + ctx.Id(n));
    }
    if (const std::string ocr = OcrRepaired(t.normalized); !ocr.empty() && ocr != t.normalized) {
      found.clear();
      ctx.ledger.FindByReference(ocr, &found);
      for (InvoiceNo n : found) {
        note(n, static_cast<uint16_t>(found.size() == 1 ? 9000 : 7000),
             "text '" + t.raw + "' read as '" + ocr + "' (letters for digits) = invoice " + ctx.Id(n));
      }
    }
  }
}

// How well the open hits explain the amount; one proposal per way that fits.
void ProposeFromHits(Context& ctx, const std::map<InvoiceNo, Hit>& hits) {
  std::vector<InvoiceNo> all;
  for (const auto& [n, h] : hits) all.push_back(n);
  // The strongest hits first when there are too many to combine; among
  // equals by invoice key, not by InvoiceNo, which depends on the order the
  // ledger took the invoices in (a load, or a rebuild from the store after a
  // restart), so the applications and their evidence come out the same.
  std::sort(all.begin(), all.end(), [&](InvoiceNo a, InvoiceNo b) {
    const uint16_t ca = hits.at(a).confidence_bp, cb = hits.at(b).confidence_bp;
    if (ca != cb) return ca > cb;
    return ctx.KeyLess(a, b);
  });
  if (all.size() > 12) all.resize(12);
  auto base = [&](const std::vector<InvoiceNo>& set) {
    int bp = kMaxBp;
    bool corroborated = true;
    for (InvoiceNo n : set) {
      bp = std::min<int>(bp, hits.at(n).confidence_bp);
      corroborated &= ctx.Corroborates(n);
    }
    return bp + (corroborated && !ctx.payers.empty() ? kCorroborated : 0);
  };
  auto evidence = [&](const std::vector<InvoiceNo>& set) {
    std::string e;
    for (InvoiceNo n : set) e += (e.empty() ? "" : "; ") + hits.at(n).evidence;
    return e;
  };
  const int64_t amount = ctx.amount();
  const Currency cur = ctx.currency();
  const int64_t total = OpenSum(ctx, all);

  // Exactly the open amounts.
  if (total == amount) {
    Proposal p;
    p.allocations = Full(ctx, all);
    p.confidence_bp = Clamp(base(all) + kAmountAgrees);
    p.evidence = evidence(all) + "; amount " + Amount(amount, cur) + " = open amount";
    AddProposal(ctx, std::move(p));
    return;
  }
  // Net of early-payment discounts earned.
  int64_t discounts = 0;
  for (InvoiceNo n : all) discounts += EarnedDiscount(ctx.inv(n), ctx.payment.value_date);
  if (discounts > 0 && total - discounts == amount) {
    Proposal p;
    for (InvoiceNo n : all) {
      const int64_t d = EarnedDiscount(ctx.inv(n), ctx.payment.value_date);
      p.allocations.push_back({n, ctx.inv(n).open_amount.minor - d, d, 0});
    }
    p.confidence_bp = Clamp(base(all) + kAmountAgrees - 200);
    p.evidence = evidence(all) + "; amount = open amount less the early-payment discount (" +
                 Amount(discounts, cur) + ") earned by " + FormatDate(ctx.payment.value_date);
    AddProposal(ctx, std::move(p));
    return;
  }
  // The payer listed more invoices than it paid: a unique subset that adds up.
  if (all.size() >= 2) {
    std::vector<int64_t> values;
    for (InvoiceNo n : all) values.push_back(ctx.inv(n).open_amount.minor);
    SubsetSearch search(values, amount, ctx.options.combination_max_steps);
    const std::vector<std::vector<size_t>> found = search.Find(all.size(), 2);
    for (const std::vector<size_t>& subset : found) {
      std::vector<InvoiceNo> chosen;
      for (size_t i : subset) chosen.push_back(all[i]);
      Proposal p;
      p.allocations = Full(ctx, chosen);
      p.confidence_bp = Clamp(base(chosen) + kAmountAgrees - 600);
      p.evidence = evidence(chosen) + "; these add up to the amount " + Amount(amount, cur) +
                   " (the text also names " + std::to_string(all.size() - chosen.size()) + " other invoices)";
      AddProposal(ctx, std::move(p));
    }
    if (!found.empty()) return;
  }
  // Short by a little: the difference written off.
  if (amount < total && total - amount <= WriteoffLimit(ctx.options, cur, total)) {
    Proposal p;
    p.allocations = Full(ctx, all);
    p.allocations.back().applied -= total - amount;
    p.allocations.back().writeoff = total - amount;
    p.confidence_bp = Clamp(base(all) + kAmountAgrees - 800);
    p.evidence = evidence(all) + "; short by " + Amount(total - amount, cur) +
                 ", within the write-off tolerance";
    AddProposal(ctx, std::move(p));
    return;
  }
  // Short by more, on one invoice: a partial payment; the rest stays open as
  // a deduction for collections.
  if (all.size() == 1 && amount < total) {
    Proposal p;
    p.allocations = {{all[0], amount, 0, 0}};
    p.confidence_bp = Clamp(base(all) - 500);
    p.evidence = evidence(all) + "; short pay: " + Amount(total - amount, cur) +
                 " stays open on the invoice as a deduction";
    AddProposal(ctx, std::move(p));
    return;
  }
  // More than every named invoice: each closes, the rest on account.
  if (amount > total && total > 0) {
    std::set<CustomerNo> owners;
    for (InvoiceNo n : all) owners.insert(ctx.inv(n).customer);
    if (owners.size() != 1) return;
    Proposal p;
    p.allocations = Full(ctx, all);
    p.on_account = amount - total;
    p.customer = *owners.begin();
    p.confidence_bp = Clamp(base(all) - 500);
    p.evidence = evidence(all) + "; overpaid by " + Amount(amount - total, cur) + ": on account";
    AddProposal(ctx, std::move(p));
  }
}

// Typos: tokens long enough to mean something, one or two edits from an
// invoice number, taken only when the amount agrees.
void ProposeFuzzy(Context& ctx, const std::vector<RefToken>& tokens) {
  std::map<InvoiceNo, Hit> fits;
  std::vector<FuzzyHit> found;
  size_t hints = 0;
  for (const RefToken& t : tokens) {
    // Short numbers are a typo away from too many others to mean anything,
    // unless written like a document number ("INV-0004521").
    if (t.normalized.size() < (t.strength >= 2 ? 3u : 5u)) continue;
    found.clear();
    ctx.ledger.FindByReferenceFuzzy(t.normalized, &found);
    // Nearest first, then by invoice key: the hints are capped, and which
    // are kept must not depend on InvoiceNo (the ledger's load order).
    std::sort(found.begin(), found.end(), [&](const FuzzyHit& a, const FuzzyHit& b) {
      if (a.distance != b.distance) return a.distance < b.distance;
      return ctx.KeyLess(a.invoice, b.invoice);
    });
    for (const FuzzyHit& f : found) {
      if (f.distance == 0 || !ctx.SameCurrency(f.invoice)) continue;
      const InvoiceView v = ctx.inv(f.invoice);
      if (v.open_amount.minor == 0) continue;
      const int64_t earned = EarnedDiscount(v, ctx.payment.value_date);
      const bool exact = v.open_amount.minor == ctx.amount();
      const bool net = earned > 0 && v.open_amount.minor - earned == ctx.amount();
      const std::string ev = "text '" + t.raw + "' is " + std::to_string(f.distance) +
                             " edit(s) from invoice " + ctx.Id(f.invoice);
      if (!exact && !net) {
        // Not enough on its own; worth showing a person.
        if (hints < kMaxFuzzyHints) {
          ++hints;
          ctx.plan.hints.push_back({f.invoice, std::min(ctx.amount(), v.open_amount.minor),
                                    static_cast<uint16_t>(f.distance == 1 ? 4000 : 2500)});
        }
        continue;
      }
      int bp = f.distance == 1 ? 9200 : 8500;
      if (ctx.Corroborates(f.invoice)) bp += 400;
      fits[f.invoice] = Hit{f.invoice, Clamp(bp), ev + (net ? ", amount = open less discount" : ", amount = open amount")};
    }
  }
  for (const auto& [n, h] : fits) {
    const InvoiceView v = ctx.inv(n);
    const int64_t earned = v.open_amount.minor == ctx.amount() ? 0 : EarnedDiscount(v, ctx.payment.value_date);
    Proposal p;
    p.method = MatchMethod::kFuzzyReference;
    p.allocations = {{n, v.open_amount.minor - earned, earned, 0}};
    // Several invoices a typo away with the very amount: none is sure.
    p.confidence_bp = static_cast<uint16_t>(h.confidence_bp - (fits.size() > 1 ? 2000 : 0));
    p.evidence = h.evidence;
    AddProposal(ctx, std::move(p));
  }
}

// ---- 3-5. The customer, amounts and combinations ----

void ProposeForCustomers(Context& ctx) {
  const int64_t amount = ctx.amount();
  const Currency cur = ctx.currency();
  for (const CustomerCandidate& cc : ctx.plan.customers) {
    if (cc.confidence_bp < 6000) continue;
    std::vector<CustomerNo> family = {cc.customer};
    ctx.ledger.ChildrenOf(cc.customer, &family);
    std::vector<InvoiceNo> open;
    for (CustomerNo c : family) {
      for (InvoiceNo n : ctx.ledger.OpenInvoicesOfCustomer(c)) {
        if (ctx.SameCurrency(n)) open.push_back(n);
      }
    }
    // In invoice-key order, so proposals, the combination pool and their
    // evidence do not depend on InvoiceNo (the ledger's load order).
    // Keys looked up once each, not once per comparison.
    if (open.size() > 1) {
      std::vector<std::tuple<std::string_view, std::string_view, InvoiceNo>> keyed;
      keyed.reserve(open.size());
      for (InvoiceNo n : open) {
        const InvoiceView v = ctx.inv(n);
        keyed.emplace_back(v.company, v.invoice_id, n);
      }
      std::sort(keyed.begin(), keyed.end());
      for (size_t i = 0; i < keyed.size(); ++i) open[i] = std::get<2>(keyed[i]);
    }
    const std::string who = cc.evidence;
    // One open invoice of exactly the amount, or of it net of a discount.
    std::vector<InvoiceNo> exact, net;
    for (InvoiceNo n : open) {
      const InvoiceView v = ctx.inv(n);
      if (v.open_amount.minor == amount) exact.push_back(n);
      const int64_t d = EarnedDiscount(v, ctx.payment.value_date);
      if (d > 0 && v.open_amount.minor - d == amount) net.push_back(n);
    }
    // Two invoices of the same amount: the payment fits both, so neither is
    // sure; both become proposals and the margin rule leaves it to a person.
    for (InvoiceNo n : exact) {
      Proposal p;
      p.method = MatchMethod::kAmount;
      p.allocations = Full(ctx, {n});
      p.confidence_bp = static_cast<uint16_t>(cc.confidence_bp - 300);
      p.evidence = who + "; its open invoice " + ctx.Id(n) + " is exactly " + Amount(amount, cur) +
                   (exact.size() > 1 ? " (as are " + std::to_string(exact.size() - 1) + " others)" : "");
      AddProposal(ctx, std::move(p));
    }
    for (InvoiceNo n : net) {
      const int64_t d = EarnedDiscount(ctx.inv(n), ctx.payment.value_date);
      Proposal p;
      p.method = MatchMethod::kAmount;
      p.allocations = {{n, amount, d, 0}};
      p.confidence_bp = static_cast<uint16_t>(cc.confidence_bp - 500);
      p.evidence = who + "; open invoice " + ctx.Id(n) + " less its early-payment discount " +
                   Amount(d, cur) + " is " + Amount(amount, cur);
      AddProposal(ctx, std::move(p));
    }
    if (!exact.empty() || !net.empty()) continue;
    // Combinations of the oldest open items (credit memos included).
    std::vector<InvoiceNo> pool = open;
    std::stable_sort(pool.begin(), pool.end(), [&](InvoiceNo a, InvoiceNo b) {
      return ctx.inv(a).invoice_date < ctx.inv(b).invoice_date;
    });
    if (pool.size() > ctx.options.combination_max_candidates) pool.resize(ctx.options.combination_max_candidates);
    if (pool.size() < 2) continue;
    std::vector<int64_t> values;
    for (InvoiceNo n : pool) values.push_back(ctx.inv(n).open_amount.minor);
    SubsetSearch search(values, amount, ctx.options.combination_max_steps);
    const std::vector<std::vector<size_t>> found = search.Find(ctx.options.combination_max_items, 2);
    for (const std::vector<size_t>& subset : found) {
      std::vector<InvoiceNo> chosen;
      for (size_t i : subset) chosen.push_back(pool[i]);
      Proposal p;
      p.method = MatchMethod::kCombination;
      p.allocations = Full(ctx, chosen);
      // Each item more, and a large pool, make a coincidental fit likelier.
      p.confidence_bp = static_cast<uint16_t>(cc.confidence_bp - 300 -
                                              50 * (static_cast<int>(chosen.size()) - 2) -
                                              (pool.size() > 20 ? 200 : 0));
      p.evidence = who + "; open items " + IdList(ctx, chosen) + " add up to " + Amount(amount, cur) +
                   (found.size() > 1 ? " (another combination does too)" : "") +
                   (search.exhausted() ? "" : " (search stopped at its step limit)");
      AddProposal(ctx, std::move(p));
    }
    if (!search.exhausted() && found.size() == 1) {
      // A limit cut the search short: a second fit may exist unseen.
      ctx.plan.proposals.back().confidence_bp = static_cast<uint16_t>(ctx.plan.proposals.back().confidence_bp - 1500);
    }
  }
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
  Context ctx{ledger, options, payment, plan, {}};
  for (const CustomerCandidate& cc : plan.customers) {
    ctx.payers.emplace(cc.customer, cc.confidence_bp);
    std::vector<CustomerNo> children;
    ledger.ChildrenOf(cc.customer, &children);
    for (CustomerNo c : children) ctx.payers.emplace(c, cc.confidence_bp);
  }

  if (!payment.remittance.empty()) StructuredProposals(ctx);
  auto sure = [&] {
    return std::any_of(plan.proposals.begin(), plan.proposals.end(),
                       [&](const Proposal& p) { return p.confidence_bp >= options.auto_apply_bp; });
  };
  std::map<InvoiceNo, Hit> open_hits, closed_hits;
  std::vector<RefToken> tokens;
  if (!sure()) {
    CollectHits(ctx, &open_hits, &closed_hits, &tokens);
    if (!open_hits.empty()) ProposeFromHits(ctx, open_hits);
  }
  if (!sure()) ProposeFuzzy(ctx, tokens);
  if (!sure()) ProposeForCustomers(ctx);
  // A closed invoice named, paid in full before, and nothing open fits.
  if (!sure()) {
    // The first by invoice key, whatever the ledger's load order.
    for (const auto& [n, h] : closed_hits) {
      if (ledger.invoice(n).amount.minor == payment.amount.minor && h.confidence_bp >= 9000 &&
          (!plan.duplicate_of || ctx.KeyLess(n, *plan.duplicate_of))) {
        plan.duplicate_of = n;
      }
    }
  }
  for (const auto& [n, h] : open_hits) {
    plan.hints.push_back({n, std::min(payment.amount.minor, ledger.invoice(n).open_amount.minor),
                          static_cast<uint16_t>(std::min<int>(h.confidence_bp, 8000))});
  }
  // Equals by their invoices' keys: the order proposals were made in can
  // follow InvoiceNo, which depends on the ledger's load order.
  std::stable_sort(plan.proposals.begin(), plan.proposals.end(), [&](const Proposal& a, const Proposal& b) {
    if (a.confidence_bp != b.confidence_bp) return a.confidence_bp > b.confidence_bp;
    return std::lexicographical_compare(
        a.allocations.begin(), a.allocations.end(), b.allocations.begin(), b.allocations.end(),
        [&](const Allocation& x, const Allocation& y) { return ctx.KeyLess(x.invoice, y.invoice); });
  });
  if (plan.proposals.empty() && plan.reason.empty()) {
    plan.reason = plan.customers.empty()
                      ? "no usable reference and the payer is not recognised"
                      : "the payer is recognised but no open item or combination fits the amount";
  }
  return plan;
}

}  // namespace cashmatch::internal
