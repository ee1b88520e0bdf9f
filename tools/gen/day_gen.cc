#include "day_gen.h"

#include <cstdio>
#include <map>
#include <tuple>

#include "cashmatch/ledger.h"
#include "day_ledger_index.h"
#include "day_plan.h"
#include "day_refs.h"
#include "day_rng.h"

namespace cashmatch::gen {
namespace {

using day::Ident;
using day::Plan;
using day::PlanLine;
using day::Rng;

constexpr std::string_view kScenarioNames[kScenarioCount] = {
    "clean_reference", "typo",           "ocr",         "other_style",   "po_reference",
    "no_reference",    "bundle",         "bundle_no_refs", "discount",   "short_pay_small",
    "short_pay_deduction", "over_pay",   "unknown_payer", "parent_pays", "credit_memo_netting",
    "duplicate",       "noise"};

// Random streams, so that adding draws to one concern leaves the others'
// sequences alone.
enum Stream : uint64_t { kPaymentStream = 1, kFileStream = 2 };

constexpr int64_t kAchMaxAmount = 9'999'999'999;  // ten digits of cents (NACHA, lockbox)
constexpr uint32_t kLockboxBatch = 100;           // checks per lockbox batch
constexpr uint32_t kLockboxMaxPerFile = 999 * kLockboxBatch;

const Currency kUsd = *Currency::FromCode("USD");
const Currency kEur = *Currency::FromCode("EUR");
const Currency kGbp = *Currency::FromCode("GBP");

size_t FormatIndex(BankFormat f) { return static_cast<size_t>(f); }

bool AnyCurrency(BankFormat f) {
  switch (f) {
    case BankFormat::kCamt052:
    case BankFormat::kCamt053:
    case BankFormat::kCamt054:
    case BankFormat::kMt940:
    case BankFormat::kMt942:
    case BankFormat::kPaymentsCsv:
    case BankFormat::kPaymentsJsonl:
      return true;
    default:
      return false;
  }
}

// The money of these formats is USD checks and ACH entries, ten digits wide.
bool UsdOnly(BankFormat f) {
  return f == BankFormat::kLockbox || f == BankFormat::kNacha || f == BankFormat::kX12_820;
}

std::string Padded(uint64_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(v));
  return buf;
}

std::string Compact(Date d, bool century) {
  int y;
  unsigned m, day;
  d.ToCivil(&y, &m, &day);
  char buf[16];
  if (century) {
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", y, m, day);
  } else {
    std::snprintf(buf, sizeof buf, "%02d%02u%02u", ((y % 100) + 100) % 100, m, day);
  }
  return buf;
}

std::string_view Extension(BankFormat f) {
  switch (f) {
    case BankFormat::kBai2: return "bai";
    case BankFormat::kLockbox: return "lbx";
    case BankFormat::kCamt052:
    case BankFormat::kCamt053:
    case BankFormat::kCamt054: return "xml";
    case BankFormat::kMt940:
    case BankFormat::kMt942: return "sta";
    case BankFormat::kNacha: return "ach";
    case BankFormat::kX12_820: return "edi";
    case BankFormat::kPaymentsCsv: return "csv";
    case BankFormat::kPaymentsJsonl: return "jsonl";
  }
  return "dat";
}

// Our account at the bank, per legal entity and currency: the writers'
// "account" and the payments' receiving account, which tells the engine
// which entity was paid. Company 0's EUR and GBP accounts are the
// well-known example IBANs DE89370400440532013000 and
// GB29NWBK60161331926819.
struct OurAccount {
  std::string account;
  std::string_view bank_id;
};

OurAccount OurAccountFor(uint32_t company, Currency c) {
  if (c == kEur) return {day::Iban("DE", "37040044" + Padded(532013000 + company, 10)), "COBADEFFXXX"};
  if (c == kGbp) return {day::Iban("GB", "NWBK601613" + Padded(31926819 + company, 8)), "NWBKGB2LXXX"};
  if (c.valid() && c != kUsd) return {Padded(12345678 + company, 10), "BOTKJPJTXXX"};
  return {std::to_string(123456789 + 1000 * uint64_t{company}), "121000248"};
}

// "E01" for company 1, as the open items write it; "" for the default.
std::string CompanyCode(uint32_t company) { return company == 0 ? "" : "E" + Padded(company, 2); }

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(ch);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out->append(buf);
    } else {
      out->push_back(ch);
    }
  }
  out->push_back('"');
}

void AppendField(std::string* out, std::string_view name, std::string_view value) {
  if (out->back() != '{') out->push_back(',');
  AppendJsonString(out, name);
  out->push_back(':');
  AppendJsonString(out, value);
}

void AppendRaw(std::string* out, std::string_view name, std::string_view raw) {
  if (out->back() != '{') out->push_back(',');
  AppendJsonString(out, name);
  out->push_back(':');
  out->append(raw);
}

}  // namespace

std::string_view ScenarioName(Scenario s) { return kScenarioNames[static_cast<size_t>(s)]; }

std::optional<Scenario> ParseScenarioName(std::string_view name) {
  for (size_t i = 0; i < kScenarioCount; ++i) {
    if (kScenarioNames[i] == name) return static_cast<Scenario>(i);
  }
  return std::nullopt;
}

ScenarioMix ScenarioMix::Default() {
  // Per mille; docs/generator.md explains the choice.
  ScenarioMix m;
  auto set = [&](Scenario s, uint32_t w) { m.weight[static_cast<size_t>(s)] = w; };
  set(Scenario::kCleanReference, 560);
  set(Scenario::kTypo, 30);
  set(Scenario::kOcr, 15);
  set(Scenario::kOtherStyle, 60);
  set(Scenario::kPoReference, 30);
  set(Scenario::kNoReference, 40);
  set(Scenario::kBundle, 60);
  set(Scenario::kBundleNoRefs, 15);
  set(Scenario::kDiscount, 40);
  set(Scenario::kShortPaySmall, 20);
  set(Scenario::kShortPayDeduction, 20);
  set(Scenario::kOverPay, 10);
  set(Scenario::kUnknownPayer, 25);
  set(Scenario::kParentPays, 15);
  set(Scenario::kCreditMemoNetting, 15);
  set(Scenario::kDuplicate, 10);
  set(Scenario::kNoise, 35);
  return m;
}

FormatMix FormatMix::Default() {
  FormatMix m;
  auto set = [&](BankFormat f, uint32_t w) { m.weight[FormatIndex(f)] = w; };
  set(BankFormat::kBai2, 15);
  set(BankFormat::kLockbox, 15);
  set(BankFormat::kCamt053, 15);
  set(BankFormat::kCamt054, 5);
  set(BankFormat::kMt940, 10);
  set(BankFormat::kNacha, 15);
  set(BankFormat::kX12_820, 5);
  set(BankFormat::kPaymentsCsv, 10);
  set(BankFormat::kPaymentsJsonl, 10);
  return m;
}

namespace {

// Splits "a=1,b,c=3" into (name, weight text) pairs.
template <typename Fn>
Status ForEachWeight(std::string_view text, Fn fn) {
  while (!text.empty()) {
    const size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    std::optional<uint32_t> weight;
    if (eq != std::string_view::npos) {
      const std::string_view w = item.substr(eq + 1);
      uint64_t v = 0;
      if (w.empty() || w.size() > 9) return Status::InvalidInput("bad weight in '" + std::string(item) + "'");
      for (char c : w) {
        if (c < '0' || c > '9') return Status::InvalidInput("bad weight in '" + std::string(item) + "'");
        v = v * 10 + static_cast<uint64_t>(c - '0');
      }
      weight = static_cast<uint32_t>(v);
    }
    CASHMATCH_RETURN_IF_ERROR(fn(item.substr(0, eq), weight));
  }
  return Status::Ok();
}

template <size_t N>
bool AllZero(const std::array<uint32_t, N>& w) {
  for (uint32_t v : w) {
    if (v) return false;
  }
  return true;
}

}  // namespace

Result<ScenarioMix> ParseScenarioMix(std::string_view text) {
  ScenarioMix mix;
  bool first = true;
  Status st = ForEachWeight(text, [&](std::string_view name, std::optional<uint32_t> weight) {
    if (first && name == "default" && !weight) {
      mix = ScenarioMix::Default();
      first = false;
      return Status::Ok();
    }
    first = false;
    const auto s = ParseScenarioName(name);
    if (!s) return Status::InvalidInput("unknown scenario '" + std::string(name) + "'");
    if (!weight) return Status::InvalidInput("scenario '" + std::string(name) + "' needs a weight (name=N)");
    mix.weight[static_cast<size_t>(*s)] = *weight;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (AllZero(mix.weight)) return Status::InvalidInput("the scenario mix has no weight above 0");
  return mix;
}

Result<FormatMix> ParseFormatMix(std::string_view text) {
  FormatMix mix;
  Status st = ForEachWeight(text, [&](std::string_view name, std::optional<uint32_t> weight) {
    const auto f = ParseBankFormatName(name);
    if (!f) return Status::InvalidInput("unknown format '" + std::string(name) + "'");
    mix.weight[FormatIndex(*f)] = weight.value_or(1);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (AllZero(mix.weight)) return Status::InvalidInput("the format mix has no weight above 0");
  return mix;
}

std::string TruthJson(const PaymentTruth& t) {
  const Currency c = t.amount.currency;
  auto money = [&](int64_t minor) { return FormatMinorUnits(minor, c.exponent()); };
  std::string out = "{";
  AppendRaw(&out, "seq", std::to_string(t.seq));
  AppendField(&out, "format", BankFormatName(t.format));
  AppendField(&out, "file", t.file);
  AppendField(&out, "source_ref", t.source_ref);
  if (!t.advice_file.empty()) {
    AppendField(&out, "advice_file", t.advice_file);
    AppendField(&out, "advice_ref", t.advice_ref);
  }
  AppendField(&out, "scenario", ScenarioName(t.scenario));
  AppendField(&out, "customer_id", t.customer_id);
  AppendField(&out, "payer_id", t.payer_id);
  if (!t.identified_by.empty()) AppendField(&out, "identified_by", t.identified_by);
  AppendField(&out, "currency", c.code());
  AppendField(&out, "amount", money(t.amount.minor));
  AppendRaw(&out, "has_answer", t.has_answer ? "true" : "false");
  std::string apps = "[";
  for (const ExpectedApplication& a : t.applications) {
    if (apps.size() > 1) apps.push_back(',');
    apps.push_back('{');
    AppendField(&apps, "company", a.company);
    AppendField(&apps, "invoice_id", a.invoice_id);
    AppendField(&apps, "applied", money(a.applied.minor));
    AppendField(&apps, "discount", money(a.discount.minor));
    AppendField(&apps, "writeoff", money(a.writeoff.minor));
    if (a.deduction.minor) AppendField(&apps, "deduction", money(a.deduction.minor));
    AppendField(&apps, "reference", a.reference);
    AppendRaw(&apps, "reference_hits", std::to_string(a.reference_hits));
    apps.push_back('}');
  }
  apps.push_back(']');
  AppendRaw(&out, "applications", apps);
  AppendField(&out, "on_account", money(t.on_account.minor));
  AppendField(&out, "note", t.note);
  if (!t.variant.empty()) AppendField(&out, "variant", t.variant);
  if (!t.original_reference.empty()) AppendField(&out, "original_reference", t.original_reference);
  if (!t.duplicate_invoice.empty()) {
    std::string dup = "{";
    AppendField(&dup, "company", t.duplicate_company);
    AppendField(&dup, "invoice_id", t.duplicate_invoice);
    if (!t.duplicate_of_file.empty()) {
      AppendField(&dup, "file", t.duplicate_of_file);
      AppendField(&dup, "source_ref", t.duplicate_of_ref);
    }
    dup.push_back('}');
    AppendRaw(&out, "duplicate_of", dup);
  }
  out.push_back('}');
  return out;
}

BankWriteOptions FileWriteOptions(const DayOptions& day, Date value_date, const FileSlot& slot) {
  BankWriteOptions o;
  const OurAccount ours = OurAccountFor(slot.company, slot.currency.valid() ? slot.currency : kUsd);
  o.account = ours.account;
  o.bank_id = std::string(ours.bank_id);
  if (slot.company != 0) o.company_name += " " + CompanyCode(slot.company);
  if (slot.currency.valid()) o.currency = slot.currency;
  o.date = value_date;
  o.seed = day::Mix64(day.seed ^ day::Mix64(FormatIndex(slot.format) * 1000003 + slot.currency.index()) ^
                      day::Mix64(slot.index * 4099 + slot.company));
  return o;
}

// ---------------------------------------------------------------------------

struct DayGenerator::State {
  OpenItemsGenerator gen;
  DayOptions options;
  Date value_date;
  std::unique_ptr<DayLedgerIndex> index;
  std::unique_ptr<day::Planner> planner;
  uint64_t seq = 0;
  DayStats stats;
  // Items routed so far per (file format, company, currency), and per file
  // format for the source_ref counters.
  std::map<std::tuple<size_t, uint32_t, uint16_t>, uint64_t> stream_items;
  std::array<uint64_t, 11> ref_counter{};

  explicit State(const OpenItemsOptions& ledger) : gen(ledger) {}

  BankFormat PickFormat(const Plan& plan, Rng& rng) const;
  FileSlot Route(BankFormat file_format, uint32_t company, Currency currency);
  std::string SourceRef(const FileSlot& slot);
  void Render(Plan* plan, BankFormat category, Rng& rng, GeneratedPayment* out);
};

namespace {

bool Carries(BankFormat f, const Plan& plan) {
  if (plan.currency != kUsd && !AnyCurrency(f) && f != BankFormat::kBai2) return false;
  if (plan.amount > kAchMaxAmount && UsdOnly(f)) return false;
  if (plan.negative_line && f == BankFormat::kLockbox) return false;
  if (plan.ident != Ident::kNone) {
    // The payer must reach the engine: a lockbox check shows only its MICR
    // account; a CCD entry only the first 16 characters of the name.
    if (f == BankFormat::kLockbox && plan.ident != Ident::kAccount) return false;
    if (f == BankFormat::kNacha && (plan.ident == Ident::kAccount || plan.payer_name.size() > 16)) return false;
  }
  return true;
}

}  // namespace

BankFormat DayGenerator::State::PickFormat(const Plan& plan, Rng& rng) const {
  if (plan.forced_format) return *plan.forced_format;
  const auto& w = options.formats.weight;
  if (plan.prefer_lockbox && w[FormatIndex(BankFormat::kLockbox)] && Carries(BankFormat::kLockbox, plan) &&
      rng.Percent(60)) {
    return BankFormat::kLockbox;
  }
  std::array<uint32_t, 11> allowed{};
  for (size_t f = 0; f < allowed.size(); ++f) {
    const auto bf = static_cast<BankFormat>(f);
    // BAI2 carries other currencies, but US banks' BAI2 is mostly dollars:
    // it takes non-USD payments only when no other format is in the mix.
    if (Carries(bf, plan) && (plan.currency == kUsd || bf != BankFormat::kBai2)) allowed[f] = w[f];
  }
  if (AllZero(allowed) && w[FormatIndex(BankFormat::kBai2)] && Carries(BankFormat::kBai2, plan)) {
    return BankFormat::kBai2;
  }
  if (AllZero(allowed)) return BankFormat::kPaymentsCsv;  // carries anything
  return static_cast<BankFormat>(rng.Weighted(std::span<const uint32_t>(allowed)));
}

FileSlot DayGenerator::State::Route(BankFormat file_format, uint32_t company, Currency currency) {
  const bool feed = file_format == BankFormat::kPaymentsCsv || file_format == BankFormat::kPaymentsJsonl;
  if (feed) currency = Currency();
  uint64_t& n = stream_items[{FormatIndex(file_format), company, currency.index()}];
  uint64_t per = std::max<uint32_t>(1, options.payments_per_file);
  if (file_format == BankFormat::kLockbox) per = std::min<uint64_t>(per, kLockboxMaxPerFile);
  FileSlot slot;
  slot.format = file_format;
  slot.currency = currency;
  slot.company = company;
  slot.index = static_cast<uint32_t>(n / per + 1);
  slot.position = static_cast<uint32_t>(n % per);
  slot.last = slot.position + 1 == per;
  ++n;
  slot.name = std::string(feed ? std::string_view("payments") : BankFormatName(file_format)) + "_" +
              Compact(value_date, true) + (company ? "_" + CompanyCode(company) : "") +
              (currency.valid() ? "_" + std::string(currency.code()) : "") + "_" + Padded(slot.index, 4) + "." +
              std::string(Extension(file_format));
  return slot;
}

std::string DayGenerator::State::SourceRef(const FileSlot& slot) {
  // 820 advices take their traces from the NACHA sequence: their credits
  // share the NACHA files, where traces must not repeat.
  const BankFormat counter = slot.format == BankFormat::kX12_820 ? BankFormat::kNacha : slot.format;
  const uint64_t n = ++ref_counter[FormatIndex(counter)];
  switch (slot.format) {
    case BankFormat::kBai2: return Compact(value_date, false) + Padded(n, 7);
    case BankFormat::kLockbox:
      return Padded(slot.position / kLockboxBatch + 1, 3) + "-" + Padded(slot.position % kLockboxBatch + 1, 3);
    case BankFormat::kCamt052:
    case BankFormat::kCamt053:
    case BankFormat::kCamt054: return "ASR" + Compact(value_date, true) + Padded(n, 8);
    case BankFormat::kMt940:
    case BankFormat::kMt942: return "S" + Compact(value_date, false) + Padded(n, 9);
    case BankFormat::kNacha:
    case BankFormat::kX12_820:
      // An ACH trace: the originating bank's routing (8 digits), then a
      // sequence number. The routing is the one the NACHA writer puts in
      // its batch headers, so that traces and headers agree.
      return "09100001" + Padded(n % 10'000'000, 7);
    case BankFormat::kPaymentsCsv:
    case BankFormat::kPaymentsJsonl: return "P" + Compact(value_date, true) + "-" + Padded(n, 7);
  }
  return Padded(n, 10);
}

namespace {

day::TextChannel ChannelOf(BankFormat f) {
  switch (f) {
    case BankFormat::kBai2: return day::TextChannel::kBai2;
    case BankFormat::kMt940:
    case BankFormat::kMt942: return day::TextChannel::kMt940;
    case BankFormat::kCamt052:
    case BankFormat::kCamt053:
    case BankFormat::kCamt054: return day::TextChannel::kCamt;
    case BankFormat::kNacha: return day::TextChannel::kAchAddenda;
    default: return day::TextChannel::kFeed;
  }
}

// Whether this payment's references travel as structured remittance lines
// (lockbox invoice fields, camt Strd, CTX/820 RMR, a feed's `lines`) or as
// free text.
bool Structured(BankFormat f, const Plan& plan, Rng& rng) {
  switch (f) {
    case BankFormat::kLockbox:
    case BankFormat::kX12_820: return true;
    case BankFormat::kCamt052:
    case BankFormat::kCamt053:
    case BankFormat::kCamt054: return rng.Percent(40);
    case BankFormat::kNacha: return plan.send_references && rng.Percent(plan.lines.size() > 1 ? 60 : 30);
    case BankFormat::kPaymentsJsonl: return rng.Percent(25);
    default: return false;
  }
}

// The other reference style, chosen among those the channel can carry.
void ApplyStyle(Plan* plan, bool structured, bool lockbox, Rng& rng) {
  PlanLine& l = plan->lines.front();
  const int styles = structured ? 5 : day::kRefStyleCount;  // the last two need free text
  const auto first = static_cast<int>(rng.Below(static_cast<uint64_t>(styles)));
  for (int k = 0; k < styles; ++k) {
    const auto style = static_cast<day::RefStyle>((first + k) % styles);
    std::string written = day::MakeStyle(l.inv.invoice_id, style, rng);
    if (written.empty() || (lockbox && written.size() > 16)) continue;
    l.written = std::move(written);
    plan->variant = std::string(day::RefStyleName(style));
    return;
  }
  l.written = "#" + NormalizeReference(l.inv.invoice_id);
  plan->variant = std::string(day::RefStyleName(day::RefStyle::kHash));
}

std::vector<RemittanceLine> LinesOf(const Plan& plan) {
  std::vector<RemittanceLine> out;
  if (!plan.send_references) return out;
  for (const PlanLine& l : plan.lines) {
    RemittanceLine r;
    r.reference = l.written;
    // emplace rather than assignment: GCC 12 warns falsely
    // (-Wmaybe-uninitialized) on assigning into a fresh optional<Money>.
    r.paid.emplace(Money{l.paid, plan.currency});
    if (l.invoice_amount) r.invoice_amount.emplace(Money{*l.invoice_amount, plan.currency});
    if (l.discount) r.discount.emplace(Money{*l.discount, plan.currency});
    if (l.adjustment) r.adjustment.emplace(Money{*l.adjustment, plan.currency});
    r.adjustment_reason = l.adjustment_reason;
    out.push_back(std::move(r));
  }
  return out;
}

std::string_view RoutingOf(std::string_view account) {
  const size_t colon = account.find(':');
  return colon == 9 ? account.substr(0, 9) : std::string_view();
}

}  // namespace

void DayGenerator::State::Render(Plan* plan, BankFormat category, Rng& rng, GeneratedPayment* out) {
  const bool structured = Structured(category, *plan, rng);
  if (plan->style_pending) ApplyStyle(plan, structured, category == BankFormat::kLockbox, rng);

  // A lockbox check always shows a MICR line; an unknown one if the payer
  // has none on file.
  if (category == BankFormat::kLockbox && RoutingOf(plan->payer_account).empty()) {
    plan->payer_account = day::RandomUsAccount(rng);
  }

  Payment& p = out->payment;
  p.direction = Direction::kCredit;
  p.amount = Money{plan->amount, plan->currency};
  p.value_date = value_date;
  p.booking_date = value_date;
  p.payer_name = category == BankFormat::kLockbox ? std::string() : plan->payer_name;
  p.payer_account = plan->payer_account;
  if (structured) {
    // The structure carries discounts and deduction reasons; text only
    // when there is nothing structured to say.
    p.remittance = LinesOf(*plan);
    if (!plan->send_references && category != BankFormat::kLockbox) p.remittance_text = plan->text;
  } else {
    std::vector<day::TextItem> items;
    if (plan->send_references) {
      for (const PlanLine& l : plan->lines) {
        items.push_back({l.written, l.kind, Money{l.paid, plan->currency}});
      }
    }
    p.remittance_text = day::RemittanceText(ChannelOf(category), items, plan->text, rng);
  }

  const std::string_view routing = RoutingOf(plan->payer_account);
  if (category == BankFormat::kX12_820) {
    // The advice travels alone; its money arrives as an ACH credit with the
    // same trace, mostly in the NACHA file, sometimes reported in BAI2.
    BankFormat carrier = rng.Percent(80) ? BankFormat::kNacha : BankFormat::kBai2;
    // A same-day duplicate travels as its first payment did, so it reaches
    // the engine after it (the same file, or a later one of the stream).
    if (!plan->dup_file.empty()) {
      carrier = plan->dup_file.starts_with("bai2") ? BankFormat::kBai2 : BankFormat::kNacha;
    }
    out->advice_slot = Route(BankFormat::kX12_820, plan->company, kUsd);
    const std::string trace = SourceRef(out->advice_slot);
    RemittanceAdvice a;
    a.source_file = out->advice_slot.name;
    a.format = std::string(BankFormatName(BankFormat::kX12_820));
    a.source_ref = trace;
    a.trace_number = trace;
    a.amount = p.amount;
    a.payment_date = value_date;
    a.payer_name = plan->payer_name;
    a.payer_account = routing.empty() ? std::string() : plan->payer_account;
    a.payee_name = FileWriteOptions(options, value_date, out->advice_slot).company_name;
    a.remittance = std::move(p.remittance);
    a.remittance_text = std::move(p.remittance_text);
    p.remittance.clear();
    p.remittance_text.clear();
    out->advice = std::move(a);
    out->slot = Route(carrier, plan->company, kUsd);
    p.trace_number = trace;
    p.source_ref = carrier == BankFormat::kNacha ? trace : SourceRef(out->slot);
  } else {
    out->slot = Route(category, plan->company, plan->currency);
    p.source_ref = SourceRef(out->slot);
    if (category == BankFormat::kNacha) p.trace_number = p.source_ref;
  }
  p.source_file = out->slot.name;
  p.format = std::string(BankFormatName(out->slot.format));
  const OurAccount ours = OurAccountFor(plan->company, plan->currency);
  p.account = out->slot.format == BankFormat::kNacha ? std::string(ours.bank_id) + ":" + ours.account
                                                     : ours.account;
}

// ---------------------------------------------------------------------------

DayGenerator::DayGenerator(std::unique_ptr<State> state) : s_(std::move(state)) {}
DayGenerator::~DayGenerator() = default;

Result<std::unique_ptr<DayGenerator>> DayGenerator::Create(const OpenItemsOptions& ledger,
                                                           const DayOptions& day) {
  if (ledger.invoices >= DayLedgerIndex::kNone || ledger.customers >= DayLedgerIndex::kNone) {
    return Status::InvalidInput("the day generator indexes at most 2^32 - 2 invoices and customers");
  }
  if (ledger.invoices == 0 && day.payments > 0 &&
      day.mix.weight[static_cast<size_t>(Scenario::kNoise)] == 0) {
    return Status::InvalidInput("an empty ledger can only receive noise payments");
  }
  if (AllZero(day.mix.weight)) return Status::InvalidInput("the scenario mix has no weight above 0");
  if (AllZero(day.formats.weight)) return Status::InvalidInput("the format mix has no weight above 0");
  auto s = std::make_unique<State>(ledger);
  s->options = day;
  s->value_date = day.value_date.days != 0 ? day.value_date : s->gen.options().today;
  s->index = DayLedgerIndex::Build(s->gen, s->value_date, day.threads);
  bool usd_only = true;
  for (size_t f = 0; f < day.formats.weight.size(); ++f) {
    const auto bf = static_cast<BankFormat>(f);
    if (day.formats.weight[f] && (AnyCurrency(bf) || bf == BankFormat::kBai2)) usd_only = false;
  }
  s->planner = std::make_unique<day::Planner>(s->gen, *s->index, s->options, s->value_date, usd_only);
  return std::unique_ptr<DayGenerator>(new DayGenerator(std::move(s)));
}

const DayOptions& DayGenerator::options() const { return s_->options; }
const OpenItemsGenerator& DayGenerator::open_items() const { return s_->gen; }
const DayLedgerIndex& DayGenerator::index() const { return *s_->index; }
Date DayGenerator::value_date() const { return s_->value_date; }
uint64_t DayGenerator::generated() const { return s_->seq; }
const DayStats& DayGenerator::stats() const { return s_->stats; }

GeneratedPayment DayGenerator::Next() {
  State& s = *s_;
  const uint64_t seq = s.seq++;
  Rng rng(s.options.seed, kPaymentStream, seq);
  const auto want = static_cast<Scenario>(rng.Weighted(std::span<const uint32_t>(s.options.mix.weight)));
  std::optional<Plan> plan = s.planner->Make(want, rng);
  if (!plan) {
    ++s.stats.fallbacks[static_cast<size_t>(want)];
    plan = s.planner->Make(Scenario::kCleanReference, rng);
    if (!plan) plan = s.planner->Make(Scenario::kNoise, rng);
  }
  const BankFormat category = s.PickFormat(*plan, rng);
  GeneratedPayment out;
  s.Render(&*plan, category, rng, &out);

  PaymentTruth& t = out.truth;
  t.seq = seq;
  t.format = category;
  t.file = out.slot.name;
  t.source_ref = out.payment.source_ref;
  if (out.advice) {
    t.advice_file = out.advice_slot.name;
    t.advice_ref = out.advice->source_ref;
  }
  t.scenario = plan->scenario;
  if (plan->customer != day::kNoCustomer) t.customer_id = s.gen.CustomerId(plan->customer);
  if (plan->payer != day::kNoCustomer) t.payer_id = s.gen.CustomerId(plan->payer);
  if (plan->scenario == Scenario::kNoReference || plan->scenario == Scenario::kBundleNoRefs) {
    t.identified_by = plan->ident == Ident::kAccount ? "account" : plan->ident == Ident::kAlias ? "alias" : "name";
  }
  t.amount = out.payment.amount;
  t.has_answer = plan->has_answer;
  const Currency c = plan->currency;
  if (plan->scenario != Scenario::kDuplicate && plan->scenario != Scenario::kNoise) {
    for (const PlanLine& l : plan->lines) {
      ExpectedApplication a;
      a.company = l.inv.company;
      a.invoice_id = l.inv.invoice_id;
      a.invoice_index = l.invoice;
      a.applied = Money{l.applied, c};
      a.discount = Money{l.expected_discount, c};
      a.writeoff = Money{l.writeoff, c};
      a.deduction = Money{l.deduction, c};
      if (plan->send_references) {
        a.reference = l.written;
        const std::string key = NormalizeReference(l.written);
        a.reference_hits = s.index->InvoiceNumberHits(key) + s.index->PoHits(key);
      }
      t.applications.push_back(std::move(a));
    }
  }
  t.on_account = Money{plan->on_account, c};
  t.note = plan->note;
  t.variant = plan->variant;
  t.original_reference = plan->original_reference;
  t.duplicate_company = plan->dup_company;
  t.duplicate_invoice = plan->dup_invoice;
  t.duplicate_of_file = plan->dup_file;
  t.duplicate_of_ref = plan->dup_ref;

  const auto si = static_cast<size_t>(plan->scenario);
  ++s.stats.by_scenario[si];
  if (t.has_answer) ++s.stats.answerable[si];
  ++s.stats.by_format[FormatIndex(category)];
  if (plan->scenario == Scenario::kCleanReference) {
    s.planner->RememberPaid(*plan, category, t.file, t.source_ref, rng);
  }
  return out;
}

}  // namespace cashmatch::gen

namespace cashmatch::gen {

std::vector<ReceivingAccount> ReceivingAccounts(const OpenItemsOptions& ledger) {
  std::vector<ReceivingAccount> out;
  const uint32_t companies = std::max<uint32_t>(1, ledger.companies);
  for (uint32_t k = 0; k < companies; ++k) {
    for (std::string_view code : {"USD", "EUR", "GBP", "JPY"}) {
      const Currency c = *Currency::FromCode(code);
      const std::string account = OurAccountFor(k, c).account;
      out.push_back({account, CompanyCode(k)});
      // Lockbox files name the lockbox: the account's last 7 digits.
      if (c == kUsd && account.size() > 7) out.push_back({account.substr(account.size() - 7), CompanyCode(k)});
    }
  }
  return out;
}

std::string ReceivingAccountsToml(const OpenItemsOptions& ledger) {
  std::string out = "[matching.accounts]\n";
  for (const ReceivingAccount& a : ReceivingAccounts(ledger)) {
    out += "\"" + a.account + "\" = \"" + a.company + "\"\n";
  }
  return out;
}

}  // namespace cashmatch::gen
