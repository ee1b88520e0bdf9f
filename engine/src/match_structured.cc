// Strategy 1: structured remittance (lockbox invoice fields, camt
// RfrdDocInf, 820 RMR, CTX addenda). Each line names an invoice and the
// amount paid on it; the payer's own figures are applied.
//
// A line's reference is read every way it could be meant (exact, as a PO,
// OCR letters read back as digits, one or two edits away) and the reading
// whose invoice agrees with the line's amounts wins: a keying error often
// lands on another existing invoice number, and only the amounts tell.
#include <set>

#include "match_context.h"

namespace cashmatch::internal {
namespace {

// A reading of a line's reference.
struct Reading {
  InvoiceNo invoice = 0;
  uint16_t bp = 0;      // confidence of the reading itself
  int rank = 0;         // 0 exact, 1 PO, 2 OCR, 3 one edit, 4 two edits
  std::string how;      // for the evidence
};

// How the line's amounts fit an invoice: exactly (the amount it states for
// the invoice, or what it pays with its discount and adjustment, or what
// it pays net of an earned discount), within the write-off tolerance, or
// not at all.
enum class Fit { kNone, kTolerance, kExact };

Fit LineFit(const Context& ctx, const RemittanceLine& line, const InvoiceView& v) {
  const int64_t open = v.open_amount.minor;
  if (line.invoice_amount && line.invoice_amount->minor == v.amount.minor) return Fit::kExact;
  if (!line.paid) return Fit::kNone;
  const int64_t paid = line.paid->minor;
  const int64_t disc = line.discount ? line.discount->minor : 0;
  const int64_t adj = line.adjustment ? std::abs(line.adjustment->minor) : 0;
  if (open == 0) return paid == v.amount.minor ? Fit::kExact : Fit::kNone;  // a closed invoice paid again
  if (paid + disc == open || (adj && paid + disc + adj == open)) return Fit::kExact;
  if (open < 0) return Fit::kNone;
  const int64_t earned = EarnedDiscount(v, ctx.payment.value_date);
  if (!line.discount && earned > 0 && paid == open - earned) return Fit::kExact;
  const bool close = paid < open && open - paid <= WriteoffLimit(ctx.options, ctx.currency(), open);
  return close ? Fit::kTolerance : Fit::kNone;
}

void AddReadings(const Context& ctx, const std::vector<InvoiceNo>& found, uint16_t bp, int rank,
                 const std::string& how, std::vector<Reading>* out) {
  for (InvoiceNo n : found) {
    if (!ctx.Eligible(n)) continue;
    out->push_back({n, bp, rank, how});
  }
}

// The invoice a structured line names, if one reading stands out.
std::optional<Hit> ResolveLine(const Context& ctx, const RemittanceLine& line) {
  const std::string quoted = "remittance line '" + line.reference + "'";
  std::vector<Reading> readings;
  std::vector<InvoiceNo> found;
  ctx.ledger.FindByReference(line.reference, &found);
  AddReadings(ctx, found, 9800, 0, " = invoice ", &readings);
  found.clear();
  ctx.ledger.FindByPo(line.reference, &found);
  AddReadings(ctx, found, 9300, 1, " = PO of invoice ", &readings);
  // The payer's own invoice wins over the same number elsewhere.
  auto pick = [&](const std::vector<const Reading*>& set) -> const Reading* {
    if (set.size() == 1) return set[0];
    const Reading* only = nullptr;
    for (const Reading* r : set) {
      if (!ctx.Corroborates(r->invoice)) continue;
      if (only != nullptr) return nullptr;
      only = r;
    }
    return only;
  };
  auto hit = [&](const Reading& r, int minus, const std::string& note) {
    return Hit{r.invoice, static_cast<uint16_t>(std::max(0, r.bp - minus)), quoted + r.how + ctx.Id(r.invoice) + note,
               -1};
  };
  auto fitting = [&](int rank) {
    std::vector<const Reading*> fit;
    for (const Reading& r : readings) {
      if (r.rank == rank && LineFit(ctx, line, ctx.inv(r.invoice)) == Fit::kExact) fit.push_back(&r);
    }
    return fit;
  };
  // The reading as written whose invoice the amounts fit exactly settles
  // it (the common case: nothing more is looked up).
  if (const std::vector<const Reading*> fit = fitting(0); !fit.empty()) {
    const Reading* r = pick(fit);
    if (r == nullptr) return std::nullopt;  // two invoices fit equally: a person decides
    return hit(*r, 0, "");
  }
  const std::string normalized = NormalizeReference(line.reference);
  for (const std::string& ocr : OcrReadings(normalized)) {
    found.clear();
    ctx.ledger.FindByReference(ocr, &found);
    AddReadings(ctx, found, 9300, 2, " read as '" + ocr + "' (OCR: letters and digits confused) = invoice ",
                &readings);
  }
  if (normalized.size() >= 2) {
    // A short number is an edit away from dozens of others: a typo read
    // there is only ever a suggestion.
    const int short_key = normalized.size() < 4 ? 3000 : 0;
    std::vector<FuzzyHit> fuzzy;
    ctx.ledger.FindByReferenceFuzzy(line.reference, &fuzzy);
    for (const FuzzyHit& f : fuzzy) {
      if (f.distance == 0 || !ctx.Eligible(f.invoice)) continue;
      readings.push_back({f.invoice, static_cast<uint16_t>((f.distance == 1 ? 9300 : 8800) - short_key),
                          2 + f.distance, " is " + std::to_string(f.distance) + " edit(s) from invoice "});
    }
  }
  // Then any other reading (PO, OCR, a typo) whose invoice the amounts fit
  // exactly.
  for (int rank = 1; rank <= 4; ++rank) {
    const std::vector<const Reading*> fit = fitting(rank);
    if (fit.empty()) continue;
    const Reading* r = pick(fit);
    if (r == nullptr) return std::nullopt;
    return hit(*r, 0, ", whose amount agrees");
  }
  // Then the reading as written (or as a PO), alone: a write-off, a
  // deliberate short or over payment, or a slip onto another invoice's
  // number when the amounts are far apart.
  std::vector<const Reading*> written;
  for (const Reading& r : readings) {
    if (r.rank <= 1) written.push_back(&r);
  }
  if (!written.empty()) {
    int best_rank = written[0]->rank;
    for (const Reading* r : written) best_rank = std::min(best_rank, r->rank);
    std::erase_if(written, [&](const Reading* r) { return r->rank != best_rank; });
    const Reading* r = pick(written);
    if (r == nullptr) return std::nullopt;
    const InvoiceView v = ctx.inv(r->invoice);
    if (v.open_amount.minor == 0) return hit(*r, 0, "");
    const int64_t paid = line.paid ? line.paid->minor + (line.discount ? line.discount->minor : 0) : 0;
    const bool plausible = LineFit(ctx, line, v) == Fit::kTolerance ||
                           (line.paid && paid > 0 && PlausiblePartial(paid, v.open_amount.minor, ctx.currency()));
    return plausible ? hit(*r, 0, "") : hit(*r, 3000, ", but its amounts are far from the line's");
  }
  // A typo whose invoice is only near the amount: for a person to judge.
  std::vector<const Reading*> near;
  for (const Reading& r : readings) {
    if (LineFit(ctx, line, ctx.inv(r.invoice)) == Fit::kTolerance) near.push_back(&r);
  }
  if (near.size() != 1) return std::nullopt;
  return hit(*near[0], 3000, ", whose amount is near the line's");
}

}  // namespace

void StructuredProposals(Context& ctx) {
  const Payment& p = ctx.payment;
  Proposal prop;
  prop.method = MatchMethod::kReference;
  uint16_t conf = kMaxBp;
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
    if (open < 0 && (a.applied > 0 || a.applied < open)) return;  // a credit memo used for more than it holds
    // More than is open: the invoice closes, the rest waits on account.
    if (open > 0 && a.applied + a.discount > open) {
      a.discount = std::min(a.discount, open);
      a.applied = open - a.discount;
    }
    // Paid net of a discount the terms grant, without saying so.
    const int64_t earned = EarnedDiscount(v, p.value_date);
    if (open > 0 && !line.discount && !line.adjustment && earned > 0 && a.applied == open - earned) {
      a.discount = earned;
    }
    const int64_t shortfall = open - a.Consumed();
    if (open > 0 && shortfall > 0 && shortfall <= WriteoffLimit(ctx.options, ctx.currency(), open) &&
        !line.adjustment) {
      a.writeoff = shortfall;
    }
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
    // customer, when the overpayment looks deliberate.
    prop.on_account = rest;
    prop.customer = ctx.inv(prop.allocations[0].invoice).customer;
    prop.evidence += "; " + Amount(rest, ctx.currency()) + " more than the lines: on account";
    const bool plausible = applied > 0 && PlausiblePartial(ctx.amount(), applied, ctx.currency());
    conf = static_cast<uint16_t>(std::max(0, conf - (plausible ? 400 : 3000)));
  }
  prop.confidence_bp = conf;
  AddProposal(ctx, std::move(prop));
}

}  // namespace cashmatch::internal
