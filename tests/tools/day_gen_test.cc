// The generated bank day: determinism, the scenario mix, the truth's
// arithmetic and uniqueness claims, the altered references, and the files
// read back by the parsers.
#include "day_gen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cashmatch/bank_file.h"
#include "cashmatch/ledger.h"
#include "day_ledger_index.h"
#include "day_refs.h"
#include "day_render.h"
#include "tools/cli_test_util.h"

namespace cashmatch::gen {
namespace {

OpenItemsOptions Ledger(uint64_t customers = 2000, uint64_t invoices = 40000) {
  OpenItemsOptions o;
  o.seed = 42;
  o.customers = customers;
  o.invoices = invoices;
  o.companies = 2;
  return o;
}

DayOptions Day(uint64_t payments, uint64_t seed = 7) {
  DayOptions d;
  d.seed = seed;
  d.payments = payments;
  d.threads = 2;
  return d;
}

std::unique_ptr<DayGenerator> Make(const OpenItemsOptions& ledger, const DayOptions& day) {
  auto g = DayGenerator::Create(ledger, day);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(*g) : nullptr;
}

std::vector<GeneratedPayment> Generate(const OpenItemsOptions& ledger, const DayOptions& day) {
  auto g = Make(ledger, day);
  std::vector<GeneratedPayment> out;
  while (g && !g->done()) out.push_back(g->Next());
  return out;
}

// Optimal string alignment distance (Damerau-Levenshtein without repeated
// edits of one substring), written out here so the test does not trust the
// generator's own idea of an edit.
size_t Osa(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

int64_t MajorUnit(Currency c) {
  int64_t u = 1;
  for (int e = 0; e < c.exponent(); ++e) u *= 10;
  return u;
}

// ---- Determinism ----

TEST(DayGen, SameOptionsGiveTheSameDayWhateverTheThreads) {
  DayOptions one = Day(3000);
  one.threads = 1;
  DayOptions two = Day(3000);
  two.threads = 3;
  const auto a = Generate(Ledger(), one);
  const auto b = Generate(Ledger(), two);
  ASSERT_EQ(a.size(), 3000u);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(TruthJson(a[i].truth), TruthJson(b[i].truth)) << i;
    ASSERT_TRUE(a[i].payment == b[i].payment) << i;
    ASSERT_EQ(a[i].advice, b[i].advice) << i;
    ASSERT_EQ(a[i].slot.name, b[i].slot.name) << i;
  }
}

TEST(DayGen, AnotherSeedGivesAnotherDay) {
  const auto a = Generate(Ledger(), Day(500, 7));
  const auto b = Generate(Ledger(), Day(500, 8));
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += TruthJson(a[i].truth) == TruthJson(b[i].truth);
  EXPECT_LT(same, 5u);
}

// ---- The mix ----

TEST(DayGen, EveryScenarioAppearsWithRoughlyItsWeight) {
  const uint64_t n = 20000;
  auto g = Make(Ledger(5000, 100000), Day(n));
  ASSERT_TRUE(g);
  std::array<uint64_t, kScenarioCount> seen{};
  std::array<uint64_t, 11> formats{};
  while (!g->done()) {
    const GeneratedPayment p = g->Next();
    ++seen[static_cast<size_t>(p.truth.scenario)];
    ++formats[static_cast<size_t>(p.truth.format)];
  }
  const ScenarioMix mix = ScenarioMix::Default();
  uint64_t total_weight = 0;
  for (uint32_t w : mix.weight) total_weight += w;
  for (size_t s = 0; s < kScenarioCount; ++s) {
    const double expected = static_cast<double>(n) * mix.weight[s] / static_cast<double>(total_weight);
    const double slack = 6 * std::sqrt(expected) + 5;
    EXPECT_GT(seen[s], 0u) << ScenarioName(static_cast<Scenario>(s));
    EXPECT_NEAR(static_cast<double>(seen[s]), expected, slack) << ScenarioName(static_cast<Scenario>(s));
    EXPECT_EQ(g->stats().fallbacks[s], 0u) << ScenarioName(static_cast<Scenario>(s));
  }
  const FormatMix fmix = FormatMix::Default();
  for (size_t f = 0; f < formats.size(); ++f) {
    EXPECT_EQ(formats[f] > 0, fmix.weight[f] > 0) << BankFormatName(static_cast<BankFormat>(f));
  }
}

TEST(DayGen, NarrowMixesAndFormatsAreHonoured) {
  auto mix = ParseScenarioMix("typo=1,noise=1");
  ASSERT_TRUE(mix.ok());
  auto formats = ParseFormatMix("camt054,csv=3");
  ASSERT_TRUE(formats.ok());
  DayOptions d = Day(400);
  d.mix = *mix;
  d.formats = *formats;
  for (const GeneratedPayment& p : Generate(Ledger(), d)) {
    EXPECT_TRUE(p.truth.scenario == Scenario::kTypo || p.truth.scenario == Scenario::kNoise);
    EXPECT_TRUE(p.truth.format == BankFormat::kCamt054 || p.truth.format == BankFormat::kPaymentsCsv);
  }
}

TEST(DayGen, MixAndFormatTextsParse) {
  auto m = ParseScenarioMix("default,noise=0,typo=100");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->weight[static_cast<size_t>(Scenario::kNoise)], 0u);
  EXPECT_EQ(m->weight[static_cast<size_t>(Scenario::kTypo)], 100u);
  EXPECT_EQ(m->weight[static_cast<size_t>(Scenario::kCleanReference)], 560u);
  auto only = ParseScenarioMix("bundle=3");
  ASSERT_TRUE(only.ok());
  EXPECT_EQ(only->weight[static_cast<size_t>(Scenario::kCleanReference)], 0u);
  EXPECT_FALSE(ParseScenarioMix("bundle=x").ok());
  EXPECT_FALSE(ParseScenarioMix("bundles=1").ok());
  EXPECT_FALSE(ParseScenarioMix("noise=0").ok());
  EXPECT_FALSE(ParseScenarioMix("typo").ok());
  auto f = ParseFormatMix("bai2, nacha=4");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->weight[static_cast<size_t>(BankFormat::kBai2)], 1u);
  EXPECT_EQ(f->weight[static_cast<size_t>(BankFormat::kNacha)], 4u);
  EXPECT_FALSE(ParseFormatMix("ofx").ok());
  EXPECT_FALSE(ParseFormatMix("csv=0").ok());
}

TEST(DayGen, UsdOnlyFormatsGetOnlyDollars) {
  auto formats = ParseFormatMix("nacha,lockbox");
  ASSERT_TRUE(formats.ok());
  DayOptions d = Day(800);
  d.formats = *formats;
  for (const GeneratedPayment& p : Generate(Ledger(), d)) {
    EXPECT_EQ(p.payment.amount.currency.code(), "USD") << ScenarioName(p.truth.scenario);
  }
}

// ---- The truth ----

class DayTruthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ledger_ = new OpenItemsOptions(Ledger());
    items_ = new OpenItemsGenerator(*ledger_);
    auto g = Make(*ledger_, Day(6000));
    value_date_ = g->value_date();
    payments_ = new std::vector<GeneratedPayment>();
    while (!g->done()) payments_->push_back(g->Next());
  }
  static void TearDownTestSuite() {
    delete payments_;
    delete items_;
    delete ledger_;
  }
  static const std::vector<GeneratedPayment>& payments() { return *payments_; }
  static const OpenItemsGenerator& items() { return *items_; }

  static OpenItemsOptions* ledger_;
  static OpenItemsGenerator* items_;
  static std::vector<GeneratedPayment>* payments_;
  static Date value_date_;
};
OpenItemsOptions* DayTruthTest::ledger_ = nullptr;
OpenItemsGenerator* DayTruthTest::items_ = nullptr;
std::vector<GeneratedPayment>* DayTruthTest::payments_ = nullptr;
Date DayTruthTest::value_date_;

TEST_F(DayTruthTest, NoTwoPaymentsTargetTheSameInvoiceExceptDuplicates) {
  std::map<uint64_t, const GeneratedPayment*> paid;
  for (const GeneratedPayment& p : payments()) {
    if (p.truth.scenario == Scenario::kDuplicate) continue;
    for (const ExpectedApplication& a : p.truth.applications) {
      EXPECT_TRUE(paid.emplace(a.invoice_index, &p).second)
          << a.invoice_id << " paid by payments " << paid[a.invoice_index]->truth.seq << " and " << p.truth.seq;
    }
  }
  size_t same_day = 0, closed = 0;
  for (const GeneratedPayment& p : payments()) {
    if (p.truth.scenario != Scenario::kDuplicate) continue;
    EXPECT_FALSE(p.truth.has_answer);
    EXPECT_EQ(p.truth.note, "duplicate");
    EXPECT_TRUE(p.truth.applications.empty());
    if (p.truth.duplicate_of_file.empty()) {
      ++closed;
      // The invoice exists and is closed, and the payment is its amount.
      bool found = false;
      for (uint64_t i = 0; i < ledger_->invoices && !found; ++i) {
        const Invoice inv = items().MakeInvoice(i);
        if (inv.invoice_id != p.truth.duplicate_invoice || inv.company != p.truth.duplicate_company) continue;
        found = true;
        EXPECT_EQ(inv.open_amount.minor, 0);
        EXPECT_EQ(inv.amount, p.truth.amount);
      }
      EXPECT_TRUE(found) << p.truth.duplicate_invoice;
    } else {
      ++same_day;
      // The first payment came earlier the same day, in the same format,
      // so in the same file or one that sorts before.
      const GeneratedPayment* first = nullptr;
      for (const GeneratedPayment& q : payments()) {
        if (q.truth.source_ref == p.truth.duplicate_of_ref && q.truth.file == p.truth.duplicate_of_file) first = &q;
      }
      ASSERT_NE(first, nullptr);
      EXPECT_LT(first->truth.seq, p.truth.seq);
      EXPECT_EQ(first->truth.scenario, Scenario::kCleanReference);
      EXPECT_EQ(first->truth.amount, p.truth.amount);
      EXPECT_EQ(first->truth.applications.front().invoice_id, p.truth.duplicate_invoice);
      EXPECT_EQ(first->truth.format, p.truth.format);
      EXPECT_LE(first->truth.file, p.truth.file);
      EXPECT_NE(first->truth.source_ref, p.truth.source_ref);
    }
  }
  EXPECT_GT(same_day, 0u);
  EXPECT_GT(closed, 0u);
}

TEST_F(DayTruthTest, AmountsAddUpAndMatchTheLedger) {
  size_t checked = 0;
  for (const GeneratedPayment& p : payments()) {
    const PaymentTruth& t = p.truth;
    SCOPED_TRACE(TruthJson(t));
    EXPECT_EQ(t.amount, p.payment.amount);
    EXPECT_GT(t.amount.minor, 0);
    EXPECT_EQ(t.on_account.currency, t.amount.currency);
    if (t.scenario == Scenario::kNoise) {
      EXPECT_FALSE(t.has_answer);
      EXPECT_TRUE(t.applications.empty());
      EXPECT_TRUE(t.customer_id.empty());
      continue;
    }
    if (t.scenario == Scenario::kDuplicate) continue;
    ASSERT_FALSE(t.applications.empty());
    int64_t cash = t.on_account.minor;
    for (const ExpectedApplication& a : t.applications) {
      const Invoice inv = items().MakeInvoice(a.invoice_index);
      EXPECT_EQ(a.invoice_id, inv.invoice_id);
      EXPECT_EQ(a.company, inv.company);
      EXPECT_EQ(inv.customer_id, t.customer_id);
      EXPECT_EQ(inv.open_amount.currency, t.amount.currency);
      EXPECT_EQ(a.applied.currency, t.amount.currency);
      EXPECT_EQ(a.discount.currency, t.amount.currency);
      EXPECT_EQ(a.writeoff.currency, t.amount.currency);
      // What settles the invoice is its open amount, and the cash never
      // exceeds it.
      EXPECT_EQ(a.applied.minor + a.discount.minor + a.writeoff.minor + a.deduction.minor,
                inv.open_amount.minor);
      EXPECT_LE(std::abs(a.applied.minor), std::abs(inv.open_amount.minor));
      EXPECT_NE(inv.open_amount.minor, 0);
      cash += a.applied.minor;
    }
    EXPECT_EQ(cash, t.amount.minor);
    ++checked;
  }
  EXPECT_GT(checked, 5000u);
}

TEST_F(DayTruthTest, ScenarioArithmetic) {
  std::array<size_t, kScenarioCount> checked{};
  for (const GeneratedPayment& p : payments()) {
    const PaymentTruth& t = p.truth;
    SCOPED_TRACE(TruthJson(t));
    const Currency c = t.amount.currency;
    auto inv = [&](size_t k) { return items().MakeInvoice(t.applications[k].invoice_index); };
    switch (t.scenario) {
      case Scenario::kBundle:
      case Scenario::kBundleNoRefs: {
        const size_t max = t.scenario == Scenario::kBundle ? 6 : 4;
        EXPECT_GE(t.applications.size(), 2u);
        EXPECT_LE(t.applications.size(), max);
        for (const auto& a : t.applications) {
          EXPECT_EQ(a.discount.minor + a.writeoff.minor + a.deduction.minor, 0);
          EXPECT_EQ(a.reference.empty(), t.scenario == Scenario::kBundleNoRefs);
        }
        break;
      }
      case Scenario::kDiscount: {
        ASSERT_EQ(t.applications.size(), 1u);
        const Invoice i = inv(0);
        EXPECT_EQ(i.open_amount, i.amount);
        EXPECT_EQ(t.applications[0].discount.minor, ApplyBasisPoints(i.amount.minor, i.discount_bp));
        EXPECT_GT(t.applications[0].discount.minor, 0);
        EXPECT_LE(value_date_.days - i.invoice_date.days, i.discount_days);
        EXPECT_GE(value_date_.days - i.invoice_date.days, 0);
        break;
      }
      case Scenario::kShortPaySmall: {
        ASSERT_EQ(t.applications.size(), 1u);
        const int64_t w = t.applications[0].writeoff.minor;
        EXPECT_GT(w, 0);
        EXPECT_LE(w, 5 * MajorUnit(c));
        EXPECT_LE(w * 100, inv(0).open_amount.minor);
        break;
      }
      case Scenario::kShortPayDeduction: {
        ASSERT_EQ(t.applications.size(), 1u);
        const int64_t d = t.applications[0].deduction.minor;
        const int64_t open = inv(0).open_amount.minor;
        EXPECT_GT(d, std::min(5 * MajorUnit(c), open / 100));
        EXPECT_EQ(t.applications[0].writeoff.minor, 0);
        EXPECT_FALSE(t.applications[0].reference.empty());
        break;
      }
      case Scenario::kOverPay:
        ASSERT_EQ(t.applications.size(), 1u);
        EXPECT_GT(t.on_account.minor, 0);
        EXPECT_EQ(t.applications[0].applied, inv(0).open_amount);
        break;
      case Scenario::kCreditMemoNetting: {
        ASSERT_EQ(t.applications.size(), 2u);
        EXPECT_FALSE(inv(0).is_credit_memo());
        EXPECT_TRUE(inv(1).is_credit_memo());
        EXPECT_LT(t.applications[1].applied.minor, 0);
        EXPECT_FALSE(t.applications[1].reference.empty());
        break;
      }
      case Scenario::kParentPays:
        EXPECT_FALSE(t.payer_id.empty());
        EXPECT_NE(t.payer_id, t.customer_id);
        EXPECT_EQ(items().MakeCustomer(std::stoull(t.customer_id.substr(1)) - 1).parent_id, t.payer_id);
        break;
      case Scenario::kUnknownPayer:
        EXPECT_TRUE(t.payer_id.empty());
        EXPECT_FALSE(t.customer_id.empty());
        EXPECT_TRUE(t.has_answer);
        break;
      case Scenario::kPoReference:
        ASSERT_EQ(t.applications.size(), 1u);
        EXPECT_EQ(t.applications[0].reference, inv(0).po_number);
        EXPECT_GE(t.applications[0].reference_hits, 1u);
        break;
      case Scenario::kCleanReference:
        ASSERT_EQ(t.applications.size(), 1u);
        EXPECT_EQ(t.applications[0].reference, inv(0).invoice_id);
        EXPECT_GE(t.applications[0].reference_hits, 1u);
        EXPECT_EQ(t.payer_id, t.customer_id);
        break;
      default:
        continue;
    }
    ++checked[static_cast<size_t>(t.scenario)];
  }
  for (Scenario s : {Scenario::kBundle, Scenario::kBundleNoRefs, Scenario::kDiscount, Scenario::kShortPaySmall,
                     Scenario::kShortPayDeduction, Scenario::kOverPay, Scenario::kCreditMemoNetting,
                     Scenario::kParentPays, Scenario::kUnknownPayer, Scenario::kPoReference}) {
    EXPECT_GT(checked[static_cast<size_t>(s)], 10u) << ScenarioName(s);
  }
}

// Counts subsets of at most `k` of `items` summing to `target`, the slow way.
size_t BruteSubsets(const std::vector<int64_t>& items, int64_t target, size_t k, size_t from = 0,
                    int64_t sum = 0, size_t size = 0) {
  size_t n = size > 0 && sum == target ? 1 : 0;
  if (size == k) return n;
  for (size_t i = from; i < items.size(); ++i) n += BruteSubsets(items, target, k, i + 1, sum + items[i], size + 1);
  return n;
}

TEST_F(DayTruthTest, NoReferenceAndBundleNoRefsUniquenessIsRight) {
  // The ledger from scratch: every customer's open items and subsidiaries.
  std::map<std::string, std::vector<int64_t>> open_of;
  std::map<std::string, std::vector<std::string>> children_of;
  for (uint64_t i = 0; i < ledger_->invoices; ++i) {
    const Invoice inv = items().MakeInvoice(i);
    if (inv.open_amount.minor != 0) open_of[inv.customer_id].push_back(inv.open_amount.minor);
  }
  for (uint64_t c = 0; c < ledger_->customers; ++c) {
    const Customer cu = items().MakeCustomer(c);
    if (!cu.parent_id.empty()) children_of[cu.parent_id].push_back(cu.customer_id);
  }
  auto family = [&](const std::string& id) {
    std::vector<int64_t> v = open_of[id];
    for (const std::string& child : children_of[id]) v.insert(v.end(), open_of[child].begin(), open_of[child].end());
    return v;
  };
  size_t no_ref = 0, no_ref_unique = 0, bundles = 0, bundles_unique = 0;
  for (const GeneratedPayment& p : payments()) {
    const PaymentTruth& t = p.truth;
    SCOPED_TRACE(TruthJson(t));
    if (t.scenario == Scenario::kNoReference) {
      ++no_ref;
      const auto v = family(t.customer_id);
      const auto same = std::count(v.begin(), v.end(), t.amount.minor);
      EXPECT_GE(same, 1);
      EXPECT_EQ(t.has_answer, same == 1);
      EXPECT_EQ(t.note, same == 1 ? "" : "no unique answer");
      no_ref_unique += t.has_answer;
    } else if (t.scenario == Scenario::kBundleNoRefs) {
      ++bundles;
      const auto v = family(t.customer_id);
      const size_t fits = BruteSubsets(v, t.amount.minor, t.applications.size());
      EXPECT_GE(fits, 1u);
      EXPECT_EQ(t.has_answer, fits == 1);
      EXPECT_EQ(t.note, fits == 1 ? "" : "ambiguous");
      bundles_unique += t.has_answer;
    } else {
      continue;
    }
    EXPECT_EQ(t.payer_id, t.customer_id);
    EXPECT_FALSE(t.identified_by.empty());
    // The payer shows what identifies it.
    const Customer cu = items().MakeCustomer(std::stoull(t.customer_id.substr(1)) - 1);
    if (t.identified_by == "account") {
      const std::string& acct = p.advice ? p.advice->payer_account : p.payment.payer_account;
      EXPECT_NE(std::find(cu.bank_accounts.begin(), cu.bank_accounts.end(), acct), cu.bank_accounts.end());
    } else {
      const std::string& name = p.advice ? p.advice->payer_name : p.payment.payer_name;
      EXPECT_EQ(NormalizeCustomerName(name),
                NormalizeCustomerName(t.identified_by == "alias" ? cu.aliases.front() : cu.name));
    }
    for (const ExpectedApplication& a : t.applications) EXPECT_TRUE(a.reference.empty());
    EXPECT_TRUE(p.payment.remittance.empty());
  }
  EXPECT_GT(no_ref, 100u);
  EXPECT_GT(no_ref_unique, no_ref / 2);
  EXPECT_GT(bundles, 30u);
  EXPECT_GT(bundles_unique, bundles / 2);
}

TEST_F(DayTruthTest, SourceRefsAreUniquePerFile) {
  std::map<std::string, std::set<std::string>> refs;
  for (const GeneratedPayment& p : payments()) {
    EXPECT_TRUE(refs[p.truth.file].insert(p.truth.source_ref).second) << p.truth.file << " " << p.truth.source_ref;
    EXPECT_EQ(p.payment.source_file, p.truth.file);
    if (p.advice) {
      EXPECT_TRUE(refs[p.truth.advice_file].insert(p.truth.advice_ref).second);
      EXPECT_EQ(p.advice->trace_number, p.payment.trace_number);
      EXPECT_EQ(p.advice->amount, p.payment.amount);
      EXPECT_TRUE(p.payment.remittance.empty());
    }
  }
}

TEST_F(DayTruthTest, EachPaymentReachesOneLegalEntitysAccount) {
  // (company, currency) -> the receiving accounts seen, and back.
  std::map<std::pair<std::string, std::string>, std::set<std::string>> accounts;
  std::map<std::string, std::set<std::string>> companies_of_account;
  size_t per_company[2] = {0, 0};
  for (const GeneratedPayment& p : payments()) {
    if (p.truth.applications.empty()) continue;
    const std::string company = p.truth.applications.front().company;
    for (const ExpectedApplication& a : p.truth.applications) EXPECT_EQ(a.company, company) << TruthJson(p.truth);
    ++per_company[company.empty() ? 0 : 1];
    std::string account = p.payment.account;
    if (const size_t colon = account.find(':'); colon != std::string::npos) account = account.substr(colon + 1);
    accounts[{company, std::string(p.payment.amount.currency.code())}].insert(account);
    companies_of_account[account].insert(company);
    // Files belong to one entity, and say which.
    EXPECT_EQ(p.truth.file.find("_E01_") != std::string::npos, company == "E01") << p.truth.file;
  }
  for (const auto& [key, set] : accounts) EXPECT_EQ(set.size(), 1u) << key.first << " " << key.second;
  for (const auto& [account, set] : companies_of_account) EXPECT_EQ(set.size(), 1u) << account;
  EXPECT_GT(per_company[0], 1000u);
  EXPECT_GT(per_company[1], 1000u);
}

TEST(DayGen, AlteredReferencesDifferByTheClaimedEdit) {
  auto mix = ParseScenarioMix("typo=1,ocr=1,other_style=1");
  ASSERT_TRUE(mix.ok());
  DayOptions d = Day(3000);
  d.mix = *mix;
  std::map<std::string, size_t> variants;
  const std::set<std::string> kStyles = {"lower_word",       "hash",     "invoice_no", "no_separator",
                                         "no_leading_zeros", "embedded", "split"};
  static const std::map<char, char> kOcr = {{'0', 'O'}, {'O', '0'}, {'1', 'I'}, {'I', '1'},
                                            {'5', 'S'}, {'S', '5'}, {'8', 'B'}, {'B', '8'}};
  for (const GeneratedPayment& p : Generate(Ledger(), d)) {
    const PaymentTruth& t = p.truth;
    SCOPED_TRACE(TruthJson(t));
    ASSERT_EQ(t.applications.size(), 1u);
    const std::string& orig = t.original_reference;
    const std::string& written = t.applications[0].reference;
    ASSERT_EQ(orig, t.applications[0].invoice_id);
    ++variants[std::string(ScenarioName(t.scenario)) + ":" + t.variant];
    const std::string n0 = NormalizeReference(orig), n1 = NormalizeReference(written);
    if (t.scenario == Scenario::kTypo) {
      EXPECT_EQ(Osa(n0, n1), 1u);
      const size_t want = t.variant == "deletion" ? n0.size() - 1 : t.variant == "insertion" ? n0.size() + 1 : n0.size();
      EXPECT_EQ(n1.size(), want);
      EXPECT_TRUE(t.variant == "deletion" || t.variant == "insertion" || t.variant == "substitution" ||
                  t.variant == "transposition");
    } else if (t.scenario == Scenario::kOcr) {
      ASSERT_EQ(written.size(), orig.size());
      int diffs = 0;
      for (size_t i = 0; i < orig.size(); ++i) {
        if (orig[i] == written[i]) continue;
        ++diffs;
        ASSERT_TRUE(kOcr.count(orig[i]));
        EXPECT_EQ(kOcr.at(orig[i]), written[i]);
      }
      EXPECT_EQ("ocr:" + std::to_string(diffs), t.variant);
    } else {
      ASSERT_TRUE(kStyles.count(t.variant)) << t.variant;
      EXPECT_NE(written, orig);
      if (t.variant == "embedded") {
        std::istringstream words(written);
        bool found = false;
        for (std::string w; words >> w;) found |= NormalizeReference(w) == n0;
        EXPECT_TRUE(found);
      } else if (t.variant == "split") {
        const size_t blank = written.find(' ');
        ASSERT_NE(blank, std::string::npos);
        EXPECT_EQ(written.substr(0, blank) + written.substr(blank + 1), orig);
        // Neither piece alone is the reference: a tokenizer must rejoin them.
        EXPECT_NE(NormalizeReference(written.substr(0, blank)), n0);
        EXPECT_NE(NormalizeReference(written.substr(blank + 1)), n0);
      } else {
        EXPECT_EQ(n1, n0);
      }
    }
  }
  for (const char* v : {"typo:substitution", "typo:transposition", "typo:deletion", "typo:insertion", "ocr:ocr:1",
                        "ocr:ocr:2", "other_style:lower_word", "other_style:hash", "other_style:invoice_no",
                        "other_style:no_separator", "other_style:no_leading_zeros", "other_style:embedded",
                        "other_style:split"}) {
    EXPECT_GT(variants[v], 0u) << v;
  }
}

// ---- Building blocks ----

TEST(DayRefs, TyposOfManyReferencesAreOneEditAway) {
  day::Rng rng(1, 2, 3);
  for (std::string_view ref : {"INV-00004512", "9000000007", "SI-2026-0000001", "INV0000010", "CM-0000120",
                               "PO-004500", "4500123456", "INV-00000001"}) {
    for (int i = 0; i < 200; ++i) {
      day::TypoKind kind;
      const std::string typo = day::MakeTypo(ref, rng, &kind);
      EXPECT_EQ(Osa(NormalizeReference(ref), NormalizeReference(typo)), 1u) << ref << " -> " << typo;
    }
  }
}

TEST(DayRefs, IbansHaveValidCheckDigits) {
  day::Rng rng(5, 6, 7);
  EXPECT_EQ(day::Iban("DE", "370400440532013000"), "DE89370400440532013000");
  EXPECT_EQ(day::Iban("GB", "NWBK60161331926819"), "GB29NWBK60161331926819");
  for (std::string_view country : {"DE", "GB"}) {
    for (int i = 0; i < 50; ++i) {
      const std::string iban = day::RandomIban(rng, country);
      const std::string moved = iban.substr(4) + iban.substr(0, 4);
      unsigned rem = 0;
      for (char c : moved) {
        rem = c >= 'A' ? (rem * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97 : (rem * 10 + static_cast<unsigned>(c - '0')) % 97;
      }
      EXPECT_EQ(rem, 1u) << iban;
    }
  }
}

TEST(DayLedgerIndexTest, SubsetCountsMatchBruteForce) {
  day::Rng rng(9, 9, 9);
  for (int round = 0; round < 300; ++round) {
    std::vector<int64_t> items(rng.Below(14));
    for (auto& v : items) v = rng.Between(-20, 60);
    const int64_t target = rng.Between(-10, 120);
    const uint32_t k = static_cast<uint32_t>(1 + rng.Below(5));
    const size_t brute = BruteSubsets(items, target, k);
    EXPECT_EQ(CountSubsetsWithSum(items, target, k, 1000000), brute);
    EXPECT_EQ(CountSubsetsWithSum(items, target, k, 2), std::min<size_t>(brute, 2));
  }
}

TEST(DayLedgerIndexTest, AgreesWithTheGenerator) {
  const OpenItemsOptions o = Ledger(300, 5000);
  const OpenItemsGenerator items(o);
  auto one = DayLedgerIndex::Build(items, o.today, 1);
  auto two = DayLedgerIndex::Build(items, o.today, 4);
  ASSERT_EQ(one->invoice_count(), 5000u);
  size_t listed = 0;
  for (uint32_t c = 0; c < 300; ++c) {
    const auto a = one->InvoicesOf(c), b = two->InvoicesOf(c);
    ASSERT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end()));
    for (uint32_t i : a) EXPECT_EQ(items.CustomerOfInvoice(i), c);
    listed += a.size();
    EXPECT_EQ(one->customer_flags(c), two->customer_flags(c));
  }
  EXPECT_EQ(listed, 5000u);
  for (uint32_t i = 0; i < 5000; ++i) {
    const Invoice inv = items.MakeInvoice(i);
    EXPECT_EQ(one->open(i), inv.open_amount.minor);
    EXPECT_EQ(one->flags(i), two->flags(i));
    EXPECT_EQ(one->is_credit_memo(i), inv.is_credit_memo());
    EXPECT_EQ(one->currency(one->customer(i)), inv.amount.currency);
    EXPECT_GE(one->InvoiceNumberHits(NormalizeReference(inv.invoice_id)), 1u);
    if (!inv.po_number.empty()) {
      EXPECT_GE(one->PoHits(NormalizeReference(inv.po_number)), 1u);
    }
  }
  EXPECT_EQ(one->InvoiceNumberHits("ZZZ999"), 0u);
}

TEST(DayGen, TruthJsonIsOneEscapedLine) {
  PaymentTruth t;
  t.file = "a\"b";
  t.source_ref = "x\\y";
  t.amount = Money{12345, *Currency::FromCode("USD")};
  t.on_account = Money{0, t.amount.currency};
  t.has_answer = true;
  ExpectedApplication a;
  a.invoice_id = "INV-1";
  a.applied = Money{12345, t.amount.currency};
  a.discount = a.writeoff = a.deduction = Money{0, t.amount.currency};
  a.reference = "RE\tINV-1";
  t.applications.push_back(a);
  const std::string j = TruthJson(t);
  EXPECT_EQ(j.find('\n'), std::string::npos);
  EXPECT_NE(j.find("\"file\":\"a\\\"b\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"source_ref\":\"x\\\\y\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"amount\":\"123.45\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"currency\":\"USD\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"has_answer\":true"), std::string::npos) << j;
  EXPECT_NE(j.find("RE\\u0009INV-1"), std::string::npos) << j;
}

// ---- Files ----

// The value of a top-level string field of a truth line ("" if absent).
// Enough JSON for our own lines: the values checked hold no escapes.
std::string JsonField(std::string_view line, std::string_view key) {
  const std::string k = "\"" + std::string(key) + "\":\"";
  const size_t at = line.find(k);
  if (at == std::string_view::npos) return "";
  const size_t begin = at + k.size();
  return std::string(line.substr(begin, line.find('"', begin) - begin));
}

struct Rendered {
  std::vector<MemoryDayOutput::File> files;
  std::string truth;
  std::vector<std::string> lines;
  std::vector<PaymentTruth> truths;  // as Next() gave them
  RenderSummary summary;
};

Rendered Render(const DayOptions& d, unsigned threads) {
  Rendered r;
  auto g = Make(Ledger(), d);
  MemoryDayOutput out;
  auto again = Make(Ledger(), d);
  while (!again->done()) r.truths.push_back(again->Next().truth);
  Status st = RenderDay(*g, out, threads, &r.summary);
  EXPECT_TRUE(st.ok()) << st.ToString();
  r.files = out.TakeFiles();
  r.truth = out.truth();
  std::istringstream in(r.truth);
  for (std::string line; std::getline(in, line);) r.lines.push_back(line);
  return r;
}

TEST(DayRender, FilesAndTruthDoNotDependOnThreads) {
  DayOptions d = Day(1500);
  d.payments_per_file = 200;
  const Rendered a = Render(d, 1), b = Render(d, 3);
  EXPECT_EQ(a.truth, b.truth);
  ASSERT_EQ(a.files.size(), b.files.size());
  for (size_t i = 0; i < a.files.size(); ++i) {
    EXPECT_EQ(a.files[i].name, b.files[i].name);
    EXPECT_TRUE(a.files[i].bytes == b.files[i].bytes) << a.files[i].name;
  }
  ASSERT_EQ(a.lines.size(), 1500u);
  // The truth file says what Next() said, except the check numbers the
  // lockbox writer chose.
  size_t lockbox = 0;
  for (size_t i = 0; i < a.lines.size(); ++i) {
    if (a.truths[i].format == BankFormat::kLockbox || a.truths[i].duplicate_of_file.find("lockbox") == 0) {
      ++lockbox;
      EXPECT_EQ(JsonField(a.lines[i], "file"), a.truths[i].file);
      continue;
    }
    EXPECT_EQ(a.lines[i], TruthJson(a.truths[i]));
  }
  EXPECT_GT(lockbox, 0u);
}

class DayRenderFormat : public ::testing::TestWithParam<BankFormat> {};

TEST_P(DayRenderFormat, EveryFileReadsBackWithItsPayments) {
  const BankFormat format = GetParam();
  DayOptions d = Day(700);
  d.payments_per_file = 250;
  d.formats = FormatMix{};
  d.formats.weight[static_cast<size_t>(format)] = 1;
  const Rendered r = Render(d, 2);
  std::vector<std::string> missing;
  for (size_t f = 0; f < r.summary.missing_by_format.size(); ++f) {
    if (r.summary.missing_by_format[f]) missing.emplace_back(BankFormatName(static_cast<BankFormat>(f)));
  }
  if (!missing.empty()) {
    std::string names;
    for (const auto& m : missing) names += " " + m;
    GTEST_SKIP() << "writer not implemented yet (returned an empty file):" << names;
  }
  // What each file should hold, by the truth file.
  std::map<std::string, std::multiset<std::string>> want;
  for (const std::string& line : r.lines) {
    want[JsonField(line, "file")].insert(JsonField(line, "source_ref"));
    const std::string advice = JsonField(line, "advice_file");
    if (!advice.empty()) want[advice].insert(JsonField(line, "advice_ref"));
  }
  ASSERT_EQ(r.files.size(), want.size());
  ASSERT_EQ(r.lines.size(), r.truths.size());
  size_t payments = 0;
  std::map<std::pair<std::string, std::string>, Payment> read_payments;
  std::map<std::pair<std::string, std::string>, RemittanceAdvice> read_advices;
  for (const MemoryDayOutput::File& f : r.files) {
    SCOPED_TRACE(f.name);
    auto read = ReadBankFile(f.bytes, f.name);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    std::multiset<std::string> got;
    for (const Payment& p : read->payments) {
      got.insert(p.source_ref);
      read_payments[{f.name, p.source_ref}] = p;
    }
    for (const RemittanceAdvice& a : read->advices) {
      got.insert(a.source_ref);
      read_advices[{f.name, a.source_ref}] = a;
    }
    EXPECT_EQ(got, want[f.name]);
    payments += read->payments.size();
  }
  EXPECT_EQ(payments, r.truths.size());

  // What the truth says the engine can see is in the file: the amount, every
  // written reference, and what identifies a payer when that is all there is.
  auto compact = [](std::string_view s) {
    std::string out;
    for (char c : s) {
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') out.push_back(c);
    }
    return out;
  };
  for (size_t i = 0; i < r.truths.size(); ++i) {
    const PaymentTruth& t = r.truths[i];
    SCOPED_TRACE(r.lines[i]);
    const auto p = read_payments.find({JsonField(r.lines[i], "file"), JsonField(r.lines[i], "source_ref")});
    ASSERT_NE(p, read_payments.end());
    EXPECT_EQ(p->second.amount, t.amount);
    EXPECT_EQ(p->second.value_date, OpenItemsOptions{}.today);
    std::vector<RemittanceLine> lines = p->second.remittance;
    std::string text = p->second.remittance_text;
    std::string payer_name = p->second.payer_name, payer_account = p->second.payer_account;
    if (!t.advice_file.empty()) {
      const auto a = read_advices.find({t.advice_file, t.advice_ref});
      ASSERT_NE(a, read_advices.end());
      EXPECT_EQ(a->second.amount, t.amount);
      EXPECT_EQ(p->second.trace_number, t.advice_ref);
      lines = a->second.remittance;
      text = a->second.remittance_text;
      payer_name = a->second.payer_name;
      payer_account = a->second.payer_account;
    }
    for (const ExpectedApplication& app : t.applications) {
      if (app.reference.empty()) continue;
      bool found = compact(text).find(compact(app.reference)) != std::string::npos;
      for (const RemittanceLine& l : lines) found |= l.reference == app.reference;
      EXPECT_TRUE(found) << app.reference;
    }
    if (t.identified_by == "account") {
      const Customer c = OpenItemsGenerator(Ledger()).MakeCustomer(std::stoull(t.customer_id.substr(1)) - 1);
      bool on_file = false;
      for (const std::string& acct : c.bank_accounts) {
        on_file |= NormalizeBankAccount(acct) == NormalizeBankAccount(payer_account);
      }
      EXPECT_TRUE(on_file) << payer_account;
    } else if (!t.identified_by.empty()) {
      const Customer c = OpenItemsGenerator(Ledger()).MakeCustomer(std::stoull(t.customer_id.substr(1)) - 1);
      EXPECT_EQ(NormalizeCustomerName(payer_name),
                NormalizeCustomerName(t.identified_by == "alias" ? c.aliases.front() : c.name));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllFormats, DayRenderFormat,
    ::testing::Values(BankFormat::kBai2, BankFormat::kLockbox, BankFormat::kCamt052, BankFormat::kCamt053,
                      BankFormat::kCamt054, BankFormat::kMt940, BankFormat::kMt942, BankFormat::kNacha,
                      BankFormat::kX12_820, BankFormat::kPaymentsCsv, BankFormat::kPaymentsJsonl),
    [](const ::testing::TestParamInfo<BankFormat>& info) { return std::string(BankFormatName(info.param)); });

TEST(DayRender, DirectoryOutputWritesTheInboxAndTheTruth) {
  cashmatch::testing::TempDir dir;
  auto g = Make(Ledger(200, 3000), Day(300));
  auto out = DirectoryDayOutput::Open(dir.path() + "/day");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  RenderSummary summary;
  ASSERT_TRUE(RenderDay(*g, **out, 2, &summary).ok());
  ASSERT_TRUE((*out)->Close().ok());
  std::ifstream truth(dir.path() + "/day/truth.jsonl");
  size_t lines = 0;
  for (std::string line; std::getline(truth, line);) {
    ++lines;
    EXPECT_EQ(line.front(), '{');
    EXPECT_EQ(line.back(), '}');
  }
  EXPECT_EQ(lines, 300u);
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path() + "/day/inbox")) {
    EXPECT_NE(e.path().filename().string().front(), '.') << "temporary file left behind";
    ++files;
  }
  EXPECT_EQ(files, summary.files);
}

}  // namespace
}  // namespace cashmatch::gen
