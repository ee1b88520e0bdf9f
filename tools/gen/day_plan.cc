#include "day_plan.h"

#include <algorithm>

#include "cashmatch/ledger.h"
#include "day_refs.h"

namespace cashmatch::gen::day {
namespace {

// How many candidate invoices one payment may turn down before its scenario
// counts as exhausted (and the payment falls back to a clean reference).
constexpr int kMaxCandidates = 4000;
// Same-day duplicates pick their original among this many recent payments.
constexpr size_t kRecentPayments = 4096;
// bundle_no_refs only from payers with at most this many open items (their
// own and their subsidiaries'), so that uniqueness is computed exactly.
constexpr size_t kMaxNoRefsPool = 32;

const Currency kUsd = *Currency::FromCode("USD");
const Currency kEur = *Currency::FromCode("EUR");
const Currency kGbp = *Currency::FromCode("GBP");
const Currency kJpy = *Currency::FromCode("JPY");

std::string UpperAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

}  // namespace

Planner::Planner(const OpenItemsGenerator& gen, const DayLedgerIndex& index, const DayOptions& options,
                 Date value_date, bool usd_only)
    : gen_(gen), ix_(index), options_(options), value_date_(value_date), usd_only_(usd_only) {
  used_.assign((ix_.invoice_count() + 63) / 64, 0);
  for (size_t s = 0; s < kScenarioCount; ++s) {
    cursors_[s].order = Permutation(ix_.invoice_count(), Mix64(options_.seed) ^ (s + 1) * 0x9E3779B97F4A7C15ULL);
  }
}

template <typename Pred>
std::optional<uint32_t> Planner::Draw(Scenario s, Pred pred) {
  Cursor& c = cursors_[static_cast<size_t>(s)];
  while (c.next < c.order.size()) {
    const auto i = static_cast<uint32_t>(c.order(c.next++));
    if (used(i)) continue;
    if (usd_only_ && ix_.currency(ix_.customer(i)) != kUsd) continue;
    if (pred(i)) return i;
  }
  return std::nullopt;
}

bool Planner::OpenPositive(uint32_t i) const { return !ix_.is_credit_memo(i) && ix_.open(i) > 0; }

int64_t Planner::MajorUnit(Currency c) const {
  int64_t unit = 1;
  for (int e = 0; e < c.exponent(); ++e) unit *= 10;
  return unit;
}

PlanLine Planner::LineFor(uint32_t invoice) const {
  PlanLine l;
  l.invoice = invoice;
  l.inv = gen_.MakeInvoice(invoice);
  l.written = l.inv.invoice_id;
  l.kind = l.inv.is_credit_memo() ? 'C' : 'I';
  l.paid = l.inv.open_amount.minor;
  l.applied = l.inv.open_amount.minor;
  return l;
}

Plan Planner::Base(Scenario s, uint32_t invoice) const {
  Plan p;
  p.scenario = s;
  p.customer = ix_.customer(invoice);
  p.currency = ix_.currency(p.customer);
  p.company = CompanyOf(invoice);
  p.lines.push_back(LineFor(invoice));
  p.amount = p.lines.back().paid;
  return p;
}

Ident Planner::Identify(uint32_t customer, Rng& rng) const {
  const uint8_t f = ix_.customer_flags(customer);
  const bool account = f & DayLedgerIndex::kHasAccount;
  const bool alias = (f & DayLedgerIndex::kHasAlias) && (f & DayLedgerIndex::kAliasUnique);
  const bool name = f & DayLedgerIndex::kNameUnique;
  if (account && (rng.Percent(70) || (!alias && !name))) return Ident::kAccount;
  if (alias && (!name || rng.Percent(50))) return Ident::kAlias;
  if (name) return Ident::kName;
  return Ident::kNone;
}

void Planner::SetPayer(Plan* plan, uint32_t customer, Ident ident, Rng& rng) const {
  const Customer c = gen_.MakeCustomer(customer);
  plan->payer = customer;
  plan->ident = ident;
  // Banks mostly print names in capitals; a payer that goes by an alias
  // often pays under it.
  const bool use_alias = ident == Ident::kAlias ||
                         (ident == Ident::kNone && !c.aliases.empty() && rng.Percent(20));
  plan->payer_name = use_alias ? c.aliases.front() : c.name;
  if (rng.Percent(60)) plan->payer_name = UpperAscii(plan->payer_name);
  const bool with_account = ident == Ident::kAccount || (ident == Ident::kNone && rng.Percent(85));
  if (with_account && !c.bank_accounts.empty()) {
    plan->payer_account = c.bank_accounts[rng.Below(c.bank_accounts.size())];
  }
}

void Planner::SetUnknownPayer(Plan* plan, Rng& rng) const {
  plan->payer = kNoCustomer;
  for (int i = 0; i < 8; ++i) {
    plan->payer_name = UnknownPayerName(rng);
    if (ix_.NameHits(NormalizeCustomerName(plan->payer_name)) == 0) break;
  }
  plan->payer_account = plan->currency == kEur   ? RandomIban(rng, "DE")
                        : plan->currency == kGbp ? RandomIban(rng, "GB")
                                                 : RandomUsAccount(rng);
}

std::vector<uint32_t> Planner::MoreInvoices(uint32_t customer, uint32_t not_this, size_t count,
                                            Rng& rng) const {
  std::vector<uint32_t> out;
  const auto list = ix_.InvoicesOf(customer);
  if (list.empty() || count == 0) return out;
  const size_t start = rng.Below(list.size());
  for (size_t k = 0; k < list.size() && out.size() < count; ++k) {
    const uint32_t i = list[(start + k) % list.size()];
    if (i != not_this && !used(i) && OpenPositive(i) && CompanyOf(i) == CompanyOf(not_this)) out.push_back(i);
  }
  return out;
}

std::vector<int64_t> Planner::OpenItemsOfFamily(uint32_t customer) const {
  std::vector<int64_t> out;
  auto add = [&](uint32_t c) {
    for (uint32_t i : ix_.InvoicesOf(c)) {
      if (ix_.open(i) != 0) out.push_back(ix_.open(i));
    }
  };
  add(customer);
  for (uint32_t child : ix_.ChildrenOf(customer)) add(child);
  return out;
}

size_t Planner::FamilyOpenCount(uint32_t customer, size_t limit) const {
  size_t n = 0;
  auto add = [&](uint32_t c) {
    for (uint32_t i : ix_.InvoicesOf(c)) {
      if (ix_.open(i) != 0 && ++n > limit) return false;
    }
    return true;
  };
  if (!add(customer)) return n;
  for (uint32_t child : ix_.ChildrenOf(customer)) {
    if (!add(child)) break;
  }
  return n;
}

std::optional<Plan> Planner::Make(Scenario s, Rng& rng) {
  switch (s) {
    case Scenario::kCleanReference:
    case Scenario::kTypo:
    case Scenario::kOcr:
    case Scenario::kOtherStyle:
    case Scenario::kPoReference:
    case Scenario::kUnknownPayer:
      return Single(s, rng);
    case Scenario::kNoReference: return NoReference(rng);
    case Scenario::kBundle:
    case Scenario::kBundleNoRefs:
      return Bundle(s, rng);
    case Scenario::kDiscount: return Discount(rng);
    case Scenario::kShortPaySmall:
    case Scenario::kShortPayDeduction:
      return ShortPay(s, rng);
    case Scenario::kOverPay: return OverPay(rng);
    case Scenario::kParentPays: return ParentPays(rng);
    case Scenario::kCreditMemoNetting: return CreditMemoNetting(rng);
    case Scenario::kDuplicate: return Duplicate(rng);
    case Scenario::kNoise: return Noise(rng);
  }
  return std::nullopt;
}

std::optional<Plan> Planner::Single(Scenario s, Rng& rng) {
  const bool po = s == Scenario::kPoReference;
  for (int attempt = 0; attempt < kMaxCandidates; ++attempt) {
    const auto t = Draw(s, [&](uint32_t i) {
      return OpenPositive(i) && (!po || (ix_.flags(i) & DayLedgerIndex::kPoUnique));
    });
    if (!t) return std::nullopt;
    Plan p = Base(s, *t);
    PlanLine& l = p.lines.front();
    switch (s) {
      case Scenario::kTypo: {
        TypoKind kind;
        l.written = MakeTypo(l.inv.invoice_id, rng, &kind);
        p.variant = std::string(TypoKindName(kind));
        p.original_reference = l.inv.invoice_id;
        break;
      }
      case Scenario::kOcr: {
        int count = 0;
        l.written = MakeOcr(l.inv.invoice_id, rng, &count);
        if (l.written.empty()) continue;
        p.variant = "ocr:" + std::to_string(count);
        p.original_reference = l.inv.invoice_id;
        p.prefer_lockbox = true;
        break;
      }
      case Scenario::kOtherStyle:
        p.style_pending = true;
        p.original_reference = l.inv.invoice_id;
        break;
      case Scenario::kPoReference:
        l.written = l.inv.po_number;
        l.kind = 'P';
        break;
      default:
        break;
    }
    if (s == Scenario::kUnknownPayer) {
      SetUnknownPayer(&p, rng);
    } else {
      SetPayer(&p, p.customer, Ident::kNone, rng);
    }
    Use(*t);
    return p;
  }
  return std::nullopt;
}

std::optional<Plan> Planner::NoReference(Rng& rng) {
  for (int attempt = 0; attempt < kMaxCandidates; ++attempt) {
    const auto t = Draw(Scenario::kNoReference, [&](uint32_t i) { return OpenPositive(i); });
    if (!t) return std::nullopt;
    const uint32_t c = ix_.customer(*t);
    const Ident ident = Identify(c, rng);
    if (ident == Ident::kNone) continue;
    Plan p = Base(Scenario::kNoReference, *t);
    p.send_references = false;
    p.lines.front().written.clear();
    p.text = std::string(NoReferenceText(rng));
    SetPayer(&p, c, ident, rng);
    const std::vector<int64_t> family = OpenItemsOfFamily(c);
    const auto same = std::count(family.begin(), family.end(), p.amount);
    p.has_answer = same == 1;
    if (!p.has_answer) p.note = "no unique answer";
    Use(*t);
    return p;
  }
  return std::nullopt;
}

std::optional<Plan> Planner::Bundle(Scenario s, Rng& rng) {
  const bool refs = s == Scenario::kBundle;
  // Remittance lists of two to six invoices with references; without
  // references payers rarely bundle more than four.
  static constexpr uint32_t kSizesWithRefs[] = {40, 25, 15, 12, 8};  // 2..6
  static constexpr uint32_t kSizesNoRefs[] = {55, 30, 15};           // 2..4
  for (int attempt = 0; attempt < kMaxCandidates; ++attempt) {
    const auto t = Draw(s, [&](uint32_t i) { return OpenPositive(i); });
    if (!t) return std::nullopt;
    const uint32_t c = ix_.customer(*t);
    Ident ident = Ident::kNone;
    std::vector<int64_t> family;
    if (!refs) {
      ident = Identify(c, rng);
      if (ident == Ident::kNone) continue;
      // Counted first: the large customers this turns down hold thousands.
      if (FamilyOpenCount(c, kMaxNoRefsPool) > kMaxNoRefsPool) continue;
      family = OpenItemsOfFamily(c);
    }
    const size_t want = 2 + (refs ? rng.Weighted(std::span<const uint32_t>(kSizesWithRefs))
                                  : rng.Weighted(std::span<const uint32_t>(kSizesNoRefs)));
    const std::vector<uint32_t> more = MoreInvoices(c, *t, want - 1, rng);
    if (more.empty()) continue;
    Plan p = Base(s, *t);
    for (uint32_t i : more) {
      p.lines.push_back(LineFor(i));
      p.amount += p.lines.back().paid;
    }
    SetPayer(&p, c, ident, rng);
    if (!refs) {
      p.send_references = false;
      for (PlanLine& l : p.lines) l.written.clear();
      p.text = std::string(NoReferenceText(rng));
      const uint32_t fits = CountSubsetsWithSum(family, p.amount, static_cast<uint32_t>(p.lines.size()), 2);
      p.has_answer = fits == 1;
      if (!p.has_answer) p.note = "ambiguous";
    }
    Use(*t);
    for (uint32_t i : more) Use(i);
    return p;
  }
  return std::nullopt;
}

std::optional<Plan> Planner::Discount(Rng& rng) {
  constexpr uint8_t kWant = DayLedgerIndex::kDiscountNow | DayLedgerIndex::kFullyOpen;
  for (int attempt = 0; attempt < kMaxCandidates; ++attempt) {
    const auto t = Draw(Scenario::kDiscount,
                        [&](uint32_t i) { return OpenPositive(i) && (ix_.flags(i) & kWant) == kWant; });
    if (!t) return std::nullopt;
    Plan p = Base(Scenario::kDiscount, *t);
    PlanLine& l = p.lines.front();
    const int64_t discount = ApplyBasisPoints(l.inv.amount.minor, l.inv.discount_bp);
    if (discount <= 0 || discount >= l.inv.open_amount.minor) continue;
    l.paid = l.inv.open_amount.minor - discount;
    l.invoice_amount = l.inv.amount.minor;
    l.discount = discount;
    l.applied = l.paid;
    l.expected_discount = discount;
    p.amount = l.paid;
    if (rng.Percent(40)) p.text = "LESS DISCOUNT";
    SetPayer(&p, p.customer, Ident::kNone, rng);
    Use(*t);
    return p;
  }
  return std::nullopt;
}

std::optional<Plan> Planner::ShortPay(Scenario s, Rng& rng) {
  const bool small = s == Scenario::kShortPaySmall;
  for (int attempt = 0; attempt < kMaxCandidates; ++attempt) {
    const auto t = Draw(s, [&](uint32_t i) { return OpenPositive(i); });
    if (!t) return std::nullopt;
    Plan p = Base(s, *t);
    PlanLine& l = p.lines.front();
    const int64_t open = l.inv.open_amount.minor;
    // The write-off tolerance: 5.00 in the currency and 1 % of the open
    // amount, the lower of the two.
    const int64_t tolerance = std::min(5 * MajorUnit(p.currency), open / 100);
    int64_t short_by;
    if (small) {
      if (tolerance < 1) continue;
      short_by = rng.Between(1, tolerance);
      l.writeoff = short_by;
    } else {
      const int64_t lo = std::max(tolerance + 1, open * 2 / 100);
      const int64_t hi = open * 30 / 100;
      if (lo > hi) continue;
      short_by = rng.Between(lo, hi);
      const DeductionReason& reason = PickDeductionReason(rng);
      l.invoice_amount = open;
      l.adjustment = short_by;
      l.adjustment_reason = std::string(reason.code);
      l.deduction = short_by;
      p.text = "DEDUCTION " + std::string(reason.words);
    }
    l.paid = open - short_by;
    l.applied = l.paid;
    p.amount = l.paid;
    SetPayer(&p, p.customer, Ident::kNone, rng);
    Use(*t);
    return p;
  }
  return std::nullopt;
}

std::optional<Plan> Planner::OverPay(Rng& rng) {
  const auto t = Draw(Scenario::kOverPay, [&](uint32_t i) { return OpenPositive(i); });
  if (!t) return std::nullopt;
  Plan p = Base(Scenario::kOverPay, *t);
  PlanLine& l = p.lines.front();
  const int64_t open = l.inv.open_amount.minor;
  int64_t extra;
  if (rng.Percent(30)) {
    // Rounded up to the next hundred, as people pay a bill they round.
    const int64_t unit = 100 * MajorUnit(p.currency);
    extra = (open / unit + 1) * unit - open;
  } else {
    extra = rng.Between(std::max<int64_t>(1, open / 100), std::max<int64_t>(1, open / 5));
  }
  l.paid = open + extra;  // the payer says it pays the invoice with all of it
  p.amount = open + extra;
  p.on_account = extra;
  SetPayer(&p, p.customer, Ident::kNone, rng);
  Use(*t);
  return p;
}

std::optional<Plan> Planner::ParentPays(Rng& rng) {
  const auto t = Draw(Scenario::kParentPays, [&](uint32_t i) {
    return OpenPositive(i) && ix_.parent(ix_.customer(i)) != DayLedgerIndex::kNone;
  });
  if (!t) return std::nullopt;
  Plan p = Base(Scenario::kParentPays, *t);
  SetPayer(&p, ix_.parent(p.customer), Ident::kNone, rng);
  Use(*t);
  return p;
}

std::optional<Plan> Planner::CreditMemoNetting(Rng& rng) {
  for (int attempt = 0; attempt < kMaxCandidates; ++attempt) {
    const auto m = Draw(Scenario::kCreditMemoNetting,
                        [&](uint32_t i) { return ix_.is_credit_memo(i) && ix_.open(i) < 0; });
    if (!m) return std::nullopt;
    const uint32_t c = ix_.customer(*m);
    const int64_t credit = -ix_.open(*m);
    const auto list = ix_.InvoicesOf(c);
    const size_t start = rng.Below(list.size());
    std::optional<uint32_t> t;
    for (size_t k = 0; k < list.size() && !t; ++k) {
      const uint32_t i = list[(start + k) % list.size()];
      if (!used(i) && OpenPositive(i) && ix_.open(i) > credit && CompanyOf(i) == CompanyOf(*m)) t = i;
    }
    if (!t) continue;
    Plan p = Base(Scenario::kCreditMemoNetting, *t);
    p.lines.push_back(LineFor(*m));
    p.amount += p.lines.back().paid;
    p.negative_line = true;
    SetPayer(&p, c, Ident::kNone, rng);
    Use(*t);
    Use(*m);
    return p;
  }
  return std::nullopt;
}

std::optional<Plan> Planner::Duplicate(Rng& rng) {
  if (!recent_.empty() && rng.Percent(50)) {
    const size_t k = rng.Below(recent_.size());
    Remembered r = std::move(recent_[k]);
    recent_[k] = std::move(recent_.back());
    recent_.pop_back();
    Plan p = std::move(r.plan);
    p.scenario = Scenario::kDuplicate;
    p.dup_company = p.lines.front().inv.company;
    p.dup_invoice = p.lines.front().inv.invoice_id;
    p.dup_file = r.file;
    p.dup_ref = r.source_ref;
    p.forced_format = r.category;
    p.has_answer = false;
    p.note = "duplicate";
    for (PlanLine& l : p.lines) l.applied = 0;
    return p;
  }
  const auto d = Draw(Scenario::kDuplicate,
                      [&](uint32_t i) { return !ix_.is_credit_memo(i) && ix_.open(i) == 0; });
  if (!d) return std::nullopt;
  Plan p = Base(Scenario::kDuplicate, *d);
  PlanLine& l = p.lines.front();
  l.paid = l.inv.amount.minor;  // what the payer paid the first time
  l.applied = 0;
  p.amount = l.paid;
  p.dup_company = l.inv.company;
  p.dup_invoice = l.inv.invoice_id;
  p.has_answer = false;
  p.note = "duplicate";
  SetPayer(&p, p.customer, Ident::kNone, rng);
  Use(*d);
  return p;
}

Plan Planner::Noise(Rng& rng) const {
  Plan p;
  p.scenario = Scenario::kNoise;
  const uint64_t r = rng.Below(100);
  p.currency = usd_only_ || r < 80 ? kUsd : r < 92 ? kEur : r < 97 ? kGbp : kJpy;
  static constexpr uint32_t kDecades[] = {5, 15, 30, 30, 15, 5};  // 1e2..1e7 minor units
  int64_t lo = 100;
  for (size_t d = rng.Weighted(std::span<const uint32_t>(kDecades)); d > 0; --d) lo *= 10;
  p.amount = rng.Between(lo, lo * 10 - 1);
  p.company = static_cast<uint32_t>(rng.Below(gen_.options().companies));
  if (p.currency == kJpy) p.amount = p.amount * 3 / 2;
  p.send_references = false;
  p.text = std::string(NoiseText(rng));
  p.has_answer = false;
  p.note = "noise";
  SetUnknownPayer(&p, rng);
  return p;
}

void Planner::RememberPaid(const Plan& plan, BankFormat category, const std::string& file,
                           const std::string& source_ref, Rng& rng) {
  Remembered r{plan, category, file, source_ref};
  if (recent_.size() < kRecentPayments) {
    recent_.push_back(std::move(r));
  } else {
    recent_[rng.Below(recent_.size())] = std::move(r);
  }
}

}  // namespace cashmatch::gen::day
