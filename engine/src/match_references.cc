// Strategy 2: references in the free text (BAI2 88 text, :86:, Ustrd, CCD+
// addenda), and the structured lines' references read as text. Exact hits
// on the reference and PO indexes (and OCR letters read back as digits)
// are fitted to the amount; then typos, one or two edits away, taken only
// when the amount agrees.
#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "match_combination.h"
#include "match_context.h"

namespace cashmatch::internal {
namespace {

// Confidence of an exact reference hit by how reference-like the token is.
constexpr uint16_t kTokenBp[4] = {6500, 8000, 9300, 9700};
constexpr uint16_t kCorroborated = 200;  // the invoice's customer is the payer
// The amount agreeing with what the named invoices leave open is strong
// evidence in itself: a chance agreement to the cent is rare.
constexpr uint16_t kAmountAgrees = 1200;
// A hit this strong came from a token written like a document reference
// (a prefix word, leading zeros, letters with the digits, or long).
constexpr uint16_t kStrongHit = 9000;
// Hints a fuzzy query may leave per payment: on dense numbering one typo is
// near dozens of invoices, and a person needs the few that matter.
constexpr size_t kMaxFuzzyHints = 8;

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

// How well one group of hits (one entity's invoices) explains the amount;
// one proposal per way that fits.
void ProposeFromGroup(Context& ctx, const std::map<InvoiceNo, Hit>& hits, std::vector<InvoiceNo> all) {
  // The strongest hits first when there are too many to combine; equals
  // by invoice key, so the applications and their evidence do not depend on
  // the ledger's load order.
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
  // The payer listed more invoices than it paid, or one token reads as
  // several invoices: a unique subset that adds up.
  if (all.size() >= 2) {
    std::vector<int64_t> values;
    for (InvoiceNo n : all) values.push_back(ctx.inv(n).open_amount.minor);
    SubsetSearch search(values, amount, ctx.options.combination_max_steps);
    const std::vector<std::vector<size_t>> found = search.Find(all.size(), 2);
    std::set<int> tokens;
    for (InvoiceNo n : all) tokens.insert(hits.at(n).token);
    for (const std::vector<size_t>& subset : found) {
      std::vector<InvoiceNo> chosen;
      std::set<int> covered;
      for (size_t i : subset) {
        chosen.push_back(all[i]);
        covered.insert(hits.at(all[i]).token);
      }
      // Every reference written is paid, each read one way: the others
      // were other readings of the same references, not unpaid invoices.
      const bool every_reference = covered == tokens && !tokens.contains(-1);
      Proposal p;
      p.allocations = Full(ctx, chosen);
      p.confidence_bp = Clamp(base(chosen) + kAmountAgrees - (every_reference ? 100 : 600));
      p.evidence = evidence(chosen) + "; these add up to the amount " + Amount(amount, cur) +
                   (every_reference ? " (the other invoices the references could mean do not)"
                                    : " (the text also names " + std::to_string(all.size() - chosen.size()) +
                                          " other invoices)");
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
  // a deduction for collections. Far short, the reference more likely names
  // the wrong invoice.
  if (all.size() == 1 && amount < total) {
    const bool plausible = PlausiblePartial(amount, total, cur);
    Proposal p;
    p.allocations = {{all[0], amount, 0, 0}};
    p.partial = true;
    p.confidence_bp = Clamp(base(all) - (plausible ? 300 : 3000));
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
    const bool plausible = PlausiblePartial(amount, total, cur);
    Proposal p;
    p.allocations = Full(ctx, all);
    p.on_account = amount - total;
    p.customer = *owners.begin();
    p.partial = true;
    p.confidence_bp = Clamp(base(all) - (plausible ? 300 : 3000));
    p.evidence = evidence(all) + "; overpaid by " + Amount(amount - total, cur) + ": on account";
    AddProposal(ctx, std::move(p));
  }
}

}  // namespace

std::vector<std::string> OcrReadings(std::string_view normalized) {
  // Split the token into a prefix word and its number at every place up to
  // eight characters in ("INVSI" of "INV SI-2026-..." included); the prefix reads digits as the letters they look
  // like ("1NV" is INV), the number letters as digits ("2026O235140").
  static constexpr char kAsLetter[10] = {'O', 'I', 0, 0, 0, 'S', 0, 0, 'B', 0};
  std::vector<std::string> out;
  bool any_letter = false;
  for (char c : normalized) any_letter |= c >= 'A' && c <= 'Z';
  if (!any_letter) return out;
  for (size_t k = 0; k <= std::min<size_t>(8, normalized.size()); ++k) {
    std::string s(normalized);
    bool changed = false;
    for (size_t i = 0; i < k; ++i) {
      if (s[i] >= '0' && s[i] <= '9' && kAsLetter[s[i] - '0'] != 0) {
        s[i] = kAsLetter[s[i] - '0'];
        changed = true;
      }
    }
    bool digits = false;
    for (size_t i = k; i < s.size(); ++i) {
      switch (s[i]) {
        case 'O': s[i] = '0'; changed = true; break;
        case 'I': case 'L': s[i] = '1'; changed = true; break;
        case 'S': s[i] = '5'; changed = true; break;
        case 'B': s[i] = '8'; changed = true; break;
        case 'Z': s[i] = '2'; changed = true; break;
        case 'G': s[i] = '6'; changed = true; break;
        default: break;
      }
      digits |= s[i] >= '0' && s[i] <= '9';
    }
    if (!changed || !digits) continue;
    std::string reading = NormalizeReference(s);
    if (reading.empty() || reading == normalized) continue;
    if (std::find(out.begin(), out.end(), reading) == out.end()) out.push_back(std::move(reading));
  }
  return out;
}

void CollectHits(const Context& ctx, std::map<InvoiceNo, Hit>* open_hits,
                 std::map<InvoiceNo, Hit>* closed_hits, std::vector<RefToken>* tokens) {
  *tokens = ExtractRefTokens(ctx.payment.remittance_text);
  // Statements repeat the payer's name and account in the text: a number
  // in the name ("ACME #254") or the account is not a reference.
  std::string payer = ctx.payment.payer_name + " " + ctx.payment.payer_account;
  std::replace(payer.begin(), payer.end(), ':', ' ');
  if (payer.size() > 1) {
    // Written the same way, not merely normalizing alike: "INV-0004512"
    // stays a reference even when the payer's account ends in 4512.
    const std::vector<RefToken> own = ExtractRefTokens(payer);
    std::erase_if(*tokens, [&](const RefToken& t) {
      return std::any_of(own.begin(), own.end(), [&](const RefToken& n) {
        return n.normalized == t.normalized && Squeezed(n.raw) == Squeezed(t.raw);
      });
    });
  }
  for (const RemittanceLine& line : ctx.payment.remittance) {
    RefToken t;
    t.raw = line.reference;
    t.normalized = NormalizeReference(line.reference);
    t.strength = 3;
    if (!t.normalized.empty()) tokens->push_back(std::move(t));
  }
  auto note = [&](InvoiceNo n, uint16_t bp, std::string evidence, int token) {
    const InvoiceView v = ctx.inv(n);
    auto& target = v.open_amount.minor != 0 ? *open_hits : *closed_hits;
    auto it = target.find(n);
    // An application names the invoice's customer: its record loads while
    // the plan is made.
    if (it == target.end() && v.open_amount.minor != 0) ctx.ledger.PrefetchCustomer(v.customer);
    if (it == target.end() || it->second.confidence_bp < bp) target[n] = Hit{n, bp, std::move(evidence), token};
  };
  std::vector<InvoiceNo> found, po_found;
  auto eligible = [&](std::vector<InvoiceNo>* list) {
    std::erase_if(*list, [&](InvoiceNo n) { return !ctx.Eligible(n); });
  };
  for (size_t ti = 0; ti < tokens->size(); ++ti) {
    const RefToken& t = (*tokens)[ti];
    const int token = static_cast<int>(ti);
    found.clear();
    ctx.ledger.FindByReference(t.normalized, &found);
    // The PO lookup is independent of the hits' records: it runs while
    // they load.
    for (InvoiceNo n : found) ctx.ledger.PrefetchInvoice(n);
    po_found.clear();
    ctx.ledger.FindByPo(t.normalized, &po_found);
    eligible(&found);
    const uint16_t bp = static_cast<uint16_t>(kTokenBp[t.strength] - (t.joined ? 300 : 0));
    // A token that names the same number in several companies is weaker
    // for each of them, unless the payer tells them apart or the token is
    // one invoice's id verbatim ("INV-00001234" against "INV0001234").
    const std::string squeezed = Squeezed(t.raw);
    bool names_an_invoice = false;  // the token is some invoice's id verbatim
    for (InvoiceNo n : found) {
      const bool verbatim = Squeezed(ctx.inv(n).invoice_id) == squeezed;
      names_an_invoice |= verbatim;
      const uint16_t shared = found.size() > 1 && !verbatim && !ctx.Corroborates(n) ? 1500 : 0;
      note(n, static_cast<uint16_t>(bp - shared),
           "text '" + t.raw + "' = invoice " + ctx.Id(n) + (t.joined ? " (joined across a line break)" : ""),
           token);
    }
    eligible(&po_found);
    // A token written exactly as an invoice's id is that invoice's number;
    // the same digits as another invoice's PO are a coincidence.
    const int po_bp = (po_found.size() == 1 ? 9000 : 7000) - (names_an_invoice ? 2000 : 0);
    for (InvoiceNo n : po_found) {
      note(n, static_cast<uint16_t>(po_bp),
           "text '" + t.raw + "' = PO " + std::string(ctx.ledger.invoice(n).po_number) + " of invoice " + ctx.Id(n), token);
    }
    for (const std::string& ocr : OcrReadings(t.normalized)) {
      found.clear();
      ctx.ledger.FindByReference(ocr, &found);
      eligible(&found);
      for (InvoiceNo n : found) {
        note(n, static_cast<uint16_t>(found.size() == 1 ? 9000 : 7000),
             "text '" + t.raw + "' read as '" + ocr + "' (OCR: letters and digits confused) = invoice " + ctx.Id(n),
             token);
      }
    }
  }
}

void ProposeFromHits(Context& ctx, const std::map<InvoiceNo, Hit>& hits) {
  // A payment settles one legal entity's invoices: the hits of each entity
  // are fitted to the amount on their own, as rival explanations.
  // In company order; a payment's hits name one or a few companies.
  std::vector<std::pair<std::string_view, std::vector<InvoiceNo>>> groups;
  for (const auto& [n, h] : hits) {
    const std::string_view company = ctx.inv(n).company;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == company; });
    if (it == groups.end()) it = groups.insert(groups.end(), {company, {}});
    it->second.push_back(n);
  }
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [company, invoices] : groups) {
    const size_t before = ctx.plan.proposals.size();
    ProposeFromGroup(ctx, hits, invoices);
    if (ctx.plan.proposals.size() > before) continue;
    // Nothing fits all of them: statements carry stray numbers (a
    // transaction code, a date, an entity code "E03") that hit invoices
    // too. The references written like references, alone.
    std::vector<InvoiceNo> strong;
    for (InvoiceNo n : invoices) {
      if (hits.at(n).confidence_bp >= kStrongHit) strong.push_back(n);
    }
    if (!strong.empty() && strong.size() < invoices.size()) ProposeFromGroup(ctx, hits, std::move(strong));
  }
}

void ProposeFuzzy(Context& ctx, const std::vector<RefToken>& tokens) {
  std::map<InvoiceNo, Hit> fits;
  std::vector<FuzzyHit> found;
  // A candidate that does not fit the amount, with its key.
  struct Unfit {
    uint8_t distance;
    std::string_view company, id;
    InvoiceNo invoice;
    int64_t open;
  };
  std::vector<Unfit> unfit;
  size_t hints = 0;
  for (const RefToken& t : tokens) {
    // Short numbers are a typo away from too many others to mean anything,
    // unless written like a document number ("INV-0004521"); even then a
    // key under four characters only ever gives a suggestion.
    if (t.normalized.size() < (t.strength >= 2 ? 2u : 5u)) continue;
    const int short_key = t.normalized.size() < 4 ? 3000 : 0;
    found.clear();
    ctx.ledger.FindByReferenceFuzzy(t.normalized, &found);
    // Each candidate's record read once: those whose amount fits become
    // proposals (in any order: `fits` is keyed by invoice), the rest hints.
    unfit.clear();
    // Candidates are scattered over the ledger (sequential numbers a typo
    // apart): keep their reads overlapping.
    constexpr size_t kAhead = 12;
    for (size_t i = 0; i < std::min(kAhead, found.size()); ++i) ctx.ledger.PrefetchInvoice(found[i].invoice);
    for (size_t i = 0; i < found.size(); ++i) {
      if (i + kAhead < found.size()) ctx.ledger.PrefetchInvoice(found[i + kAhead].invoice);
      const FuzzyHit& f = found[i];
      if (f.distance == 0) continue;
      const InvoiceView v = ctx.inv(f.invoice);
      if (v.open_amount.currency != ctx.currency() || (ctx.company && v.company != *ctx.company)) continue;
      if (v.open_amount.minor == 0) continue;
      const int64_t earned = EarnedDiscount(v, ctx.payment.value_date);
      const bool exact = v.open_amount.minor == ctx.amount();
      const bool net = earned > 0 && v.open_amount.minor - earned == ctx.amount();
      if (!exact && !net) {
        unfit.push_back({f.distance, v.company, v.invoice_id, f.invoice, v.open_amount.minor});
        continue;
      }
      int bp = (f.distance == 1 ? 9200 : 8500) - short_key;
      if (ctx.Corroborates(f.invoice)) bp += 400;
      fits[f.invoice] = Hit{f.invoice, Clamp(bp),
                            "text '" + t.raw + "' is " + std::to_string(f.distance) + " edit(s) from invoice " +
                                std::string(v.invoice_id) +
                                (net ? ", amount = open less discount" : ", amount = open amount"),
                            -1};
    }
    // Not enough on their own; worth showing a person: the nearest, then by
    // invoice key, since which are kept must not depend on InvoiceNo (the
    // ledger's load order). Keys are unique, so the order is total.
    const size_t room = std::min(unfit.size(), kMaxFuzzyHints - hints);
    std::partial_sort(unfit.begin(), unfit.begin() + static_cast<std::ptrdiff_t>(room), unfit.end(),
                      [](const Unfit& a, const Unfit& b) {
                        return std::tie(a.distance, a.company, a.id) < std::tie(b.distance, b.company, b.id);
                      });
    for (size_t i = 0; i < room; ++i) {
      ctx.plan.hints.push_back({unfit[i].invoice, std::min(ctx.amount(), unfit[i].open),
                                static_cast<uint16_t>(unfit[i].distance == 1 ? 4000 : 2500)});
    }
    hints += room;
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

}  // namespace cashmatch::internal
