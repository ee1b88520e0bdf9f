// The ledger's indexes against brute force: random customers and invoices
// (dense numeric references, long ones, small-alphabet interleaved ones,
// junk), random replacements and open-amount changes, then every lookup
// compared with a scan of a plain model. Fixed seeds: failures reproduce.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cashmatch/ledger.h"

namespace cashmatch {
namespace {

const Currency kUsd = *Currency::FromCode("USD");
const Currency kEur = *Currency::FromCode("EUR");

// The textbook optimal string alignment distance, written independently of
// the engine's so the two check each other.
int Osa(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  size_t Below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::string Pick(const std::vector<std::string>& v) { return v[Below(v.size())]; }

  std::string Padded(uint64_t n, int width) {
    std::string s = std::to_string(n);
    return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
  }

  // An invoice id in one of several styles, dense enough that most have
  // neighbours within distance 1 or 2.
  std::string InvoiceId() {
    switch (Below(8)) {
      case 0:
      case 1:
        return "INV-" + Padded(100000 + Below(3000), 10);  // 6 digits, dense
      case 2:
        return Padded(900000000 + Below(2500), 10);  // "900000xxxx": 9 digits
      case 3:
        return "SI" + std::to_string(9000012000 + Below(2000));  // 10 digits, dense
      case 4:
        return std::to_string(100000000000ULL + Below(1500));  // 12 digits
      case 5:
        return Alnum(1 + Below(24), "AB012");  // interleaved, lengths around 10 and 20
      case 6:
        return Alnum(18 + Below(6), "0123456789");  // around the indexed limit
      default:
        switch (Below(5)) {
          case 0:
            return "\xC3\xA4-" + std::to_string(Below(10));
          case 1:
            return "#" + std::string(Below(12), '0') + std::to_string(Below(3));
          case 2:
            return std::string(1 + Below(12), "AB1"[Below(3)]);  // runs
          case 3:
            return "--";
          default:
            return std::to_string(Below(100));
        }
    }
  }

  std::string Alnum(size_t n, std::string_view alphabet) {
    std::string s(n, ' ');
    for (char& c : s) c = alphabet[Below(alphabet.size())];
    return s;
  }

  // One random edit of a normalized reference.
  std::string Mutate(std::string s) {
    const std::string alphabet = "0123456789AB";
    switch (s.empty() ? 2 : Below(4)) {
      case 0:
        s[Below(s.size())] = alphabet[Below(alphabet.size())];
        break;
      case 1:
        if (s.size() >= 2) {
          const size_t i = Below(s.size() - 1);
          std::swap(s[i], s[i + 1]);
        }
        break;
      case 2:
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(Below(s.size() + 1)),
                 alphabet[Below(alphabet.size())]);
        break;
      default:
        s.erase(Below(s.size()), 1);
    }
    return s;
  }

 private:
  std::mt19937_64 rng_;
};

struct Model {
  std::vector<Customer> customers;
  std::vector<Invoice> invoices;
  std::map<std::pair<std::string, std::string>, InvoiceNo> ids;
};

std::vector<FuzzyHit> BruteFuzzy(const Model& m, std::string_view query) {
  const std::string q = NormalizeReference(query);
  std::vector<FuzzyHit> hits;
  if (q.empty()) return hits;
  const int k = q.size() >= Ledger::kLongReference ? 2 : 1;
  for (InvoiceNo no = 0; no < m.invoices.size(); ++no) {
    const std::string r = NormalizeReference(m.invoices[no].invoice_id);
    if (r.empty()) continue;
    const int lengths = static_cast<int>(q.size()) - static_cast<int>(r.size());
    if (lengths > k || -lengths > k) continue;  // distance is at least this
    const int d = Osa(q, r);
    if (d <= k) hits.push_back(FuzzyHit{no, static_cast<uint8_t>(d)});
  }
  std::sort(hits.begin(), hits.end(), [](const FuzzyHit& a, const FuzzyHit& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.invoice < b.invoice;
  });
  return hits;
}

std::vector<InvoiceNo> BruteWhere(const Model& m, auto pred) {
  std::vector<InvoiceNo> out;
  for (InvoiceNo no = 0; no < m.invoices.size(); ++no) {
    if (pred(m.invoices[no])) out.push_back(no);
  }
  return out;
}

// Builds a ledger and its model with `n` invoice upserts (some replacing)
// and `changes` open-amount changes.
void Build(uint64_t seed, int customers, int n, int changes, Ledger* l, Model* m) {
  Gen g(seed);
  for (int c = 0; c < customers; ++c) {
    Customer cu;
    cu.customer_id = "C" + std::to_string(c);
    cu.name = "Customer " + std::to_string(c % 40);
    m->customers.push_back(cu);
    EXPECT_EQ(l->UpsertCustomer(cu), static_cast<CustomerNo>(c));
  }
  const std::vector<std::string> companies = {"", "EU01", "US01"};
  for (int i = 0; i < n; ++i) {
    Invoice inv;
    const bool replace = !m->invoices.empty() && g.Chance(0.15);
    if (replace) {
      inv = m->invoices[g.Below(m->invoices.size())];
    } else {
      inv.company = g.Pick(companies);
      inv.invoice_id = g.InvoiceId();
    }
    inv.customer_id = "C" + std::to_string(g.Below(customers));
    const Currency cur = g.Chance(0.1) ? kEur : kUsd;
    inv.amount = Money{static_cast<int64_t>(g.Below(50)) - 5, cur};
    inv.open_amount = Money{g.Chance(0.3) ? 0 : static_cast<int64_t>(g.Below(20)) - 3, cur};
    inv.po_number = g.Chance(0.3) ? "PO-" + std::to_string(g.Below(200)) : "";
    inv.invoice_date = Date{static_cast<int32_t>(g.Below(1000))};
    Result<InvoiceNo> r = l->UpsertInvoice(inv);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const auto key = std::make_pair(inv.company, inv.invoice_id);
    const auto it = m->ids.find(key);
    if (it == m->ids.end()) {
      ASSERT_EQ(*r, m->invoices.size());
      m->ids.emplace(key, *r);
      m->invoices.push_back(inv);
    } else {
      ASSERT_EQ(*r, it->second);
      m->invoices[*r] = inv;
    }
  }
  for (int i = 0; i < changes; ++i) {
    const InvoiceNo no = static_cast<InvoiceNo>(g.Below(m->invoices.size()));
    const int64_t open = g.Chance(0.4) ? 0 : static_cast<int64_t>(g.Below(20)) - 3;
    l->SetOpenAmount(no, open);
    m->invoices[no].open_amount.minor = open;
  }
}

class LedgerProperty : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ledger_ = new Ledger;
    model_ = new Model;
    Build(20261101, 60, 6000, 3000, ledger_, model_);
  }
  static void TearDownTestSuite() {
    delete ledger_;
    delete model_;
  }
  static Ledger* ledger_;
  static Model* model_;
};
Ledger* LedgerProperty::ledger_ = nullptr;
Model* LedgerProperty::model_ = nullptr;

TEST_F(LedgerProperty, EveryInvoiceReadsBackAsModelled) {
  const Ledger& l = *ledger_;
  const Model& m = *model_;
  ASSERT_EQ(l.invoice_count(), m.invoices.size());
  size_t open = 0;
  for (InvoiceNo no = 0; no < m.invoices.size(); ++no) {
    ASSERT_EQ(l.GetInvoice(no), m.invoices[no]) << no;
    ASSERT_EQ(l.FindInvoice(m.invoices[no].company, m.invoices[no].invoice_id), no);
    open += m.invoices[no].is_open();
  }
  EXPECT_EQ(l.open_invoice_count(), open);
}

TEST_F(LedgerProperty, ReferenceAndPoLookupsEqualAScan) {
  const Ledger& l = *ledger_;
  const Model& m = *model_;
  Gen g(1);
  for (int q = 0; q < 3000; ++q) {
    std::string ref = m.invoices[g.Below(m.invoices.size())].invoice_id;
    if (g.Chance(0.3)) ref = g.InvoiceId();
    if (g.Chance(0.3)) ref = "inv #" + ref;
    const std::string key = NormalizeReference(ref);
    std::vector<InvoiceNo> got;
    l.FindByReference(ref, &got);
    const auto want = BruteWhere(m, [&](const Invoice& inv) {
      return !key.empty() && NormalizeReference(inv.invoice_id) == key;
    });
    ASSERT_EQ(got, want) << ref;
  }
  for (int po = 0; po < 200; ++po) {
    const std::string text = "po " + std::to_string(po);
    std::vector<InvoiceNo> got;
    l.FindByPo(text, &got);
    const auto want = BruteWhere(m, [&](const Invoice& inv) {
      return NormalizeReference(inv.po_number) == NormalizeReference(text);
    });
    ASSERT_EQ(got, want) << text;
  }
}

TEST_F(LedgerProperty, FuzzyLookupEqualsAScan) {
  const Ledger& l = *ledger_;
  const Model& m = *model_;
  Gen g(2);
  size_t total_hits = 0, with_distance_2 = 0;
  for (int q = 0; q < 4000; ++q) {
    const Invoice& target = m.invoices[g.Below(m.invoices.size())];
    std::string query;
    switch (g.Below(6)) {
      case 0:
        query = target.invoice_id;  // real reference as written
        break;
      case 1:
        query = g.InvoiceId();  // fresh, often absent
        break;
      default: {
        query = NormalizeReference(target.invoice_id);
        const size_t edits = 1 + g.Below(3);
        for (size_t e = 0; e < edits; ++e) query = g.Mutate(query);
      }
    }
    std::vector<FuzzyHit> got = {{12345, 9}};  // appended to, not cleared
    l.FindByReferenceFuzzy(query, &got);
    ASSERT_EQ(got.front(), (FuzzyHit{12345, 9}));
    got.erase(got.begin());
    const std::vector<FuzzyHit> want = BruteFuzzy(m, query);
    ASSERT_EQ(got.size(), want.size()) << query;
    for (size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(got[i], want[i]) << query << " hit " << i;
    }
    total_hits += want.size();
    for (const FuzzyHit& h : want) with_distance_2 += h.distance == 2;
  }
  // The data must exercise the index, not pass vacuously.
  EXPECT_GT(total_hits, 50000u);
  EXPECT_GT(with_distance_2, 25000u);
}

TEST_F(LedgerProperty, CustomerAndAmountIndexesEqualAScan) {
  const Ledger& l = *ledger_;
  const Model& m = *model_;
  for (CustomerNo c = 0; c < m.customers.size(); ++c) {
    const std::string& id = m.customers[c].customer_id;
    std::vector<InvoiceNo> got;
    l.InvoicesOfCustomer(c, &got);
    ASSERT_EQ(got, BruteWhere(m, [&](const Invoice& inv) { return inv.customer_id == id; }));

    std::vector<InvoiceNo> open = BruteWhere(
        m, [&](const Invoice& inv) { return inv.customer_id == id && inv.is_open(); });
    std::stable_sort(open.begin(), open.end(), [&](InvoiceNo a, InvoiceNo b) {
      const Money& x = m.invoices[a].open_amount;
      const Money& y = m.invoices[b].open_amount;
      return std::make_pair(x.currency.index(), x.minor) <
             std::make_pair(y.currency.index(), y.minor);
    });
    const std::span<const InvoiceNo> span = l.OpenInvoicesOfCustomer(c);
    ASSERT_EQ(std::vector<InvoiceNo>(span.begin(), span.end()), open);

    for (const Currency cur : {kUsd, kEur}) {
      for (int64_t amount = -4; amount <= 17; ++amount) {
        got.clear();
        l.FindOpenByAmount(c, Money{amount, cur}, &got);
        ASSERT_EQ(got, BruteWhere(m, [&](const Invoice& inv) {
                    return inv.customer_id == id && inv.is_open() &&
                           inv.open_amount == Money{amount, cur};
                  })) << c << " " << amount;
      }
    }
  }
}

TEST(LedgerCustomerProperty, NameAliasAccountAndParentIndexesEqualAScan) {
  Gen g(3);
  Ledger l;
  std::vector<Customer> model;
  const std::vector<std::string> words = {"Acme", "Globex", "Initech", "Umbrella", "Hooli",
                                          "Inc.", "LLC",    "The",     "Corp",     "&"};
  auto name = [&] {
    std::string s;
    for (size_t w = 0, n = 1 + g.Below(3); w < n; ++w) s += g.Pick(words) + " ";
    return s;
  };
  auto account = [&] {
    return std::string(g.Below(3), '0') + std::to_string(g.Below(4)) + ":" +
           std::string(g.Below(2), '0') + std::to_string(g.Below(5));
  };
  for (int i = 0; i < 3000; ++i) {
    Customer c;
    const bool replace = !model.empty() && g.Chance(0.3);
    c.customer_id = replace ? model[g.Below(model.size())].customer_id
                            : "K" + std::to_string(model.size());
    c.name = name();
    for (size_t a = g.Below(3); a > 0; --a) c.aliases.push_back(name());
    for (size_t a = g.Below(3); a > 0; --a) c.bank_accounts.push_back(account());
    if (g.Chance(0.5)) c.parent_id = "K" + std::to_string(g.Below(model.size() + 50));
    const CustomerNo no = l.UpsertCustomer(c);
    if (no == model.size()) {
      model.push_back(c);
    } else {
      ASSERT_LT(no, model.size());
      ASSERT_EQ(model[no].customer_id, c.customer_id);
      model[no] = c;
    }
  }
  ASSERT_EQ(l.customer_count(), model.size());
  auto brute = [&](auto matches) {
    std::vector<CustomerNo> out;
    for (CustomerNo no = 0; no < model.size(); ++no) {
      if (matches(model[no])) out.push_back(no);
    }
    return out;
  };
  for (int q = 0; q < 300; ++q) {
    const std::string n = name();
    const std::string key = NormalizeCustomerName(n);
    std::vector<CustomerNo> got;
    l.FindCustomersByName(n, &got);
    // A name that normalizes to nothing ("&") matches nothing.
    ASSERT_EQ(got, brute([&](const Customer& c) {
                return !key.empty() && NormalizeCustomerName(c.name) == key;
              })) << n;
    got.clear();
    l.FindCustomersByAlias(n, &got);
    ASSERT_EQ(got, brute([&](const Customer& c) {
                return std::any_of(c.aliases.begin(), c.aliases.end(), [&](const std::string& a) {
                  return !key.empty() && NormalizeCustomerName(a) == key;
                });
              })) << n;
    const std::string acct = account();
    got.clear();
    l.FindCustomersByAccount(acct, &got);
    ASSERT_EQ(got, brute([&](const Customer& c) {
                return std::any_of(c.bank_accounts.begin(), c.bank_accounts.end(),
                                   [&](const std::string& a) {
                                     return NormalizeBankAccount(a) == NormalizeBankAccount(acct);
                                   });
              })) << acct;
  }
  for (CustomerNo no = 0; no < model.size(); ++no) {
    ASSERT_EQ(l.GetCustomer(no), model[no]);
    std::vector<CustomerNo> got;
    l.ChildrenOf(no, &got);
    ASSERT_EQ(got, brute([&](const Customer& c) { return c.parent_id == model[no].customer_id; }));
    const auto parent = std::find_if(model.begin(), model.end(), [&](const Customer& c) {
      return !model[no].parent_id.empty() && c.customer_id == model[no].parent_id;
    });
    const std::optional<CustomerNo> want =
        parent == model.end() ? std::nullopt
                              : std::optional<CustomerNo>(static_cast<CustomerNo>(parent - model.begin()));
    ASSERT_EQ(l.customer(no).parent, want) << no;
  }
}

// ---- Bulk load: the same answers as upserting one by one ----

// One record to load, in order: a customer or an invoice.
struct Record {
  std::optional<Customer> customer;
  Invoice invoice;
};

// Mode 0 makes what a store gives (ids unique, customers first, all
// known); mode 1 adds repeated invoices and mixed currencies; mode 2 also
// unknown customers, and customers repeated and arriving late.
std::vector<Record> MakeRecords(uint64_t seed, int mode, int customers, int invoices) {
  const bool clean = mode == 0;
  Gen g(seed);
  std::vector<Record> records;
  const std::vector<std::string> words = {"Acme", "Globex", "Initech", "Umbrella", "Inc.", "LLC"};
  auto customer = [&](int c) {
    Customer cu;
    cu.customer_id = "C" + std::to_string(c);
    cu.name = g.Pick(words) + " " + g.Pick(words) + " " + std::to_string(c % 30);
    if (g.Chance(0.3)) cu.aliases.push_back(g.Pick(words) + " " + std::to_string(c % 7));
    if (g.Chance(0.5)) cu.bank_accounts.push_back("0" + std::to_string(g.Below(40)) + ":12");
    if (g.Chance(0.3)) cu.parent_id = "C" + std::to_string(g.Below(customers + 5));
    records.push_back(Record{cu, {}});
  };
  int next_customer = 0;
  if (mode < 2) {
    for (; next_customer < customers; ++next_customer) customer(next_customer);
  }
  std::set<std::pair<std::string, std::string>> ids;
  const std::vector<std::string> companies = {"", "EU01", "US01"};
  for (int i = 0; i < invoices; ++i) {
    if (mode == 2 && next_customer < customers + 10 && g.Chance(0.05)) customer(next_customer++);
    if (mode == 2 && seed % 2 == 1 && g.Chance(0.02)) {
      customer(static_cast<int>(g.Below(next_customer + 1)));  // again, or early
    }
    Invoice inv;
    inv.company = g.Pick(companies);
    inv.invoice_id = g.InvoiceId();
    if (!ids.insert({inv.company, inv.invoice_id}).second && clean) continue;
    inv.customer_id = "C" + std::to_string(g.Below(mode == 2 ? customers + 3 : customers));
    const Currency cur = g.Chance(0.1) ? kEur : kUsd;
    inv.amount = Money{static_cast<int64_t>(g.Below(50)) - 5, cur};
    inv.open_amount = Money{g.Chance(0.3) ? 0 : static_cast<int64_t>(g.Below(20)) - 3,
                            !clean && g.Chance(0.01) ? kEur : cur};
    inv.po_number = g.Chance(0.3) ? "PO-" + std::to_string(g.Below(200)) : "";
    inv.invoice_date = Date{static_cast<int32_t>(g.Below(1000))};
    records.push_back(Record{std::nullopt, inv});
  }
  return records;
}

// Loads one by one; returns the first refusal.
Status LoadOneByOne(const std::vector<Record>& records, Ledger* l) {
  Status first;
  for (const Record& r : records) {
    if (r.customer) {
      l->UpsertCustomer(*r.customer);
    } else if (Result<InvoiceNo> no = l->UpsertInvoice(r.invoice); !no.ok() && first.ok()) {
      first = no.status();
    }
  }
  return first;
}

Status LoadInBulk(const std::vector<Record>& records, Ledger* l) {
  l->BeginBulkLoad();
  for (const Record& r : records) {
    if (r.customer) {
      l->BulkAddCustomer(*r.customer);
    } else {
      l->BulkAddInvoice(r.invoice);
    }
  }
  return l->EndBulkLoad();
}

// Every lookup of `a` and `b` gives the same answer.
void ExpectSameAnswers(const Ledger& a, const Ledger& b, uint64_t seed) {
  ASSERT_EQ(a.customer_count(), b.customer_count());
  ASSERT_EQ(a.invoice_count(), b.invoice_count());
  ASSERT_EQ(a.open_invoice_count(), b.open_invoice_count());
  for (InvoiceNo no = 0; no < a.invoice_count(); ++no) {
    const Invoice inv = a.GetInvoice(no);
    ASSERT_EQ(inv, b.GetInvoice(no)) << no;
    ASSERT_EQ(b.FindInvoice(inv.company, inv.invoice_id), no);
  }
  for (CustomerNo c = 0; c < a.customer_count(); ++c) {
    const Customer cu = a.GetCustomer(c);
    ASSERT_EQ(cu, b.GetCustomer(c)) << c;
    ASSERT_EQ(b.FindCustomer(cu.customer_id), c);
    ASSERT_EQ(a.customer(c).parent, b.customer(c).parent) << c;
    std::vector<uint32_t> x, y;
    a.ChildrenOf(c, &x);
    b.ChildrenOf(c, &y);
    ASSERT_EQ(x, y) << c;
    a.InvoicesOfCustomer(c, &x);
    b.InvoicesOfCustomer(c, &y);
    ASSERT_EQ(x, y) << c;
    const std::span<const InvoiceNo> open_a = a.OpenInvoicesOfCustomer(c);
    const std::span<const InvoiceNo> open_b = b.OpenInvoicesOfCustomer(c);
    ASSERT_TRUE(std::equal(open_a.begin(), open_a.end(), open_b.begin(), open_b.end())) << c;
    for (const InvoiceNo no : open_a) {
      a.FindOpenByAmount(c, a.invoice(no).open_amount, &x);
      b.FindOpenByAmount(c, a.invoice(no).open_amount, &y);
    }
    ASSERT_EQ(x, y) << c;
    for (const std::string& text : {cu.name, cu.aliases.empty() ? "" : cu.aliases[0],
                                    cu.bank_accounts.empty() ? "" : cu.bank_accounts[0]}) {
      a.FindCustomersByName(text, &x);
      b.FindCustomersByName(text, &y);
      a.FindCustomersByAlias(text, &x);
      b.FindCustomersByAlias(text, &y);
      a.FindCustomersByAccount(text, &x);
      b.FindCustomersByAccount(text, &y);
      ASSERT_EQ(x, y) << text;
    }
  }
  Gen g(seed);
  for (int q = 0; q < 1500 && a.invoice_count() > 0; ++q) {
    const auto no = static_cast<InvoiceNo>(g.Below(a.invoice_count()));
    std::string ref = std::string(a.invoice(no).invoice_id);
    if (g.Chance(0.3)) ref = g.InvoiceId();
    if (g.Chance(0.5)) ref = g.Mutate(NormalizeReference(ref));
    std::vector<InvoiceNo> x, y;
    a.FindByReference(ref, &x);
    b.FindByReference(ref, &y);
    ASSERT_EQ(x, y) << ref;
    std::vector<FuzzyHit> fx, fy;
    a.FindByReferenceFuzzy(ref, &fx);
    b.FindByReferenceFuzzy(ref, &fy);
    ASSERT_EQ(fx, fy) << ref;
    const std::string po = "PO " + std::to_string(g.Below(220));
    a.FindByPo(po, &x);
    b.FindByPo(po, &y);
    ASSERT_EQ(x, y) << po;
  }
}

// Fuzzy lookups of `l` against a scan of its own invoices: the bulk build
// and merge make the fuzzy index's blocks differently from upserting.
void ExpectFuzzyEqualsAScan(const Ledger& l, uint64_t seed) {
  Model m;
  for (InvoiceNo no = 0; no < l.invoice_count(); ++no) m.invoices.push_back(l.GetInvoice(no));
  Gen g(seed);
  for (int q = 0; q < 400 && !m.invoices.empty(); ++q) {
    std::string query = NormalizeReference(m.invoices[g.Below(m.invoices.size())].invoice_id);
    for (size_t e = g.Below(3); e > 0; --e) query = g.Mutate(query);
    std::vector<FuzzyHit> got;
    l.FindByReferenceFuzzy(query, &got);
    ASSERT_EQ(got, BruteFuzzy(m, query)) << query;
  }
}

// Then both take the same changes one by one, and still agree: what the
// bulk load built must accept incremental upkeep.
void ChangeBoth(Ledger* a, Ledger* b, uint64_t seed) {
  Gen g(seed);
  for (int i = 0; i < 2000 && a->invoice_count() > 0 && a->customer_count() > 0; ++i) {
    if (g.Chance(0.5)) {
      const auto no = static_cast<InvoiceNo>(g.Below(a->invoice_count()));
      const int64_t open = g.Chance(0.4) ? 0 : static_cast<int64_t>(g.Below(20)) - 3;
      a->SetOpenAmount(no, open);
      b->SetOpenAmount(no, open);
      continue;
    }
    Invoice inv = g.Chance(0.5) ? a->GetInvoice(static_cast<InvoiceNo>(g.Below(a->invoice_count())))
                                : Invoice{};
    if (inv.invoice_id.empty()) inv.invoice_id = g.InvoiceId();
    const auto customer = static_cast<CustomerNo>(g.Below(a->customer_count()));
    inv.customer_id = a->GetCustomer(customer).customer_id;
    inv.amount = inv.open_amount = Money{static_cast<int64_t>(g.Below(30)), kUsd};
    inv.po_number = g.Chance(0.5) ? "PO-" + std::to_string(g.Below(200)) : "";
    const Result<InvoiceNo> x = a->UpsertInvoice(inv);
    const Result<InvoiceNo> y = b->UpsertInvoice(inv);
    ASSERT_TRUE(x.ok() && y.ok());
    ASSERT_EQ(*x, *y);
  }
}

TEST(LedgerBulkLoad, AnswersAsUpsertingOneByOne) {
  for (const int mode : {0, 1, 2}) {
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      SCOPED_TRACE(testing::Message() << "mode " << mode << " seed " << seed);
      const std::vector<Record> records = MakeRecords(seed, mode, 80, 5000);
      Ledger one, bulk;
      const Status want = LoadOneByOne(records, &one);
      const Status got = LoadInBulk(records, &bulk);
      EXPECT_EQ(got.ToString(), want.ToString());
      EXPECT_EQ(want.ok(), mode == 0) << want.ToString();
      ASSERT_GT(one.invoice_count(), 3000u);
      ExpectSameAnswers(one, bulk, seed);
      ExpectFuzzyEqualsAScan(bulk, seed);
      ChangeBoth(&one, &bulk, seed);
      ExpectSameAnswers(one, bulk, seed + 100);
    }
  }
}

TEST(LedgerBulkLoad, IntoALedgerThatHoldsRecordsAndWhenEmpty) {
  const std::vector<Record> first = MakeRecords(7, 0, 30, 500);
  const std::vector<Record> second = MakeRecords(8, 2, 40, 800);
  Ledger one, bulk;
  ASSERT_TRUE(LoadOneByOne(first, &one).ok());
  ASSERT_TRUE(LoadInBulk(first, &bulk).ok());
  EXPECT_EQ(LoadInBulk(second, &bulk).ToString(), LoadOneByOne(second, &one).ToString());
  ExpectSameAnswers(one, bulk, 9);
  Ledger empty;
  EXPECT_TRUE(LoadInBulk({}, &empty).ok());
  EXPECT_EQ(empty.invoice_count(), 0u);
}

// The usual first load: customers from their own file, then invoices from
// theirs, each file one bulk load; the second finds customers held.
TEST(LedgerBulkLoad, CustomersFirstThenInvoicesAsUpsertingOneByOne) {
  for (const int mode : {0, 1, 2}) {
    for (uint64_t seed = 11; seed <= 12; ++seed) {
      SCOPED_TRACE(testing::Message() << "mode " << mode << " seed " << seed);
      const std::vector<Record> records = MakeRecords(seed, mode, 80, 5000);
      std::vector<Record> customers, invoices;
      for (const Record& r : records) (r.customer ? customers : invoices).push_back(r);
      Ledger one, bulk;
      ASSERT_TRUE(LoadOneByOne(customers, &one).ok());
      ASSERT_TRUE(LoadInBulk(customers, &bulk).ok());
      EXPECT_EQ(LoadInBulk(invoices, &bulk).ToString(), LoadOneByOne(invoices, &one).ToString());
      ASSERT_GT(one.invoice_count(), 3000u);
      ExpectSameAnswers(one, bulk, seed);
      ChangeBoth(&one, &bulk, seed);
      ExpectSameAnswers(one, bulk, seed + 100);
    }
  }
}

// Records that change a ledger loaded from `base`: replacements of its
// invoices (other amounts, POs and customers), invoices repeated within
// the batch, new ones (often near existing references), new customers and
// replaced ones, invoices of customers unknown or arriving later, and
// mixed currencies.
std::vector<Record> MakeChanges(uint64_t seed, const std::vector<Record>& base, int invoices) {
  Gen g(seed);
  std::vector<Invoice> held;
  int customers = 0;
  for (const Record& r : base) {
    if (r.customer) {
      ++customers;
    } else {
      held.push_back(r.invoice);
    }
  }
  std::vector<Record> records;
  std::vector<Invoice> batch;
  int fresh_customers = 0;
  auto customer = [&](std::string id) {
    Customer cu;
    cu.customer_id = std::move(id);
    cu.name = "Changed " + std::to_string(g.Below(20));
    if (g.Chance(0.3)) cu.aliases.push_back("Alias " + std::to_string(g.Below(9)));
    if (g.Chance(0.3)) cu.parent_id = "C" + std::to_string(g.Below(customers + 5));
    records.push_back(Record{cu, {}});
  };
  const std::vector<std::string> companies = {"", "EU01", "US01"};
  for (int i = 0; i < invoices; ++i) {
    if (g.Chance(0.03)) customer("N" + std::to_string(fresh_customers++));
    if (g.Chance(0.01)) customer("C" + std::to_string(g.Below(customers)));
    Invoice inv;
    if (!held.empty() && g.Chance(0.35)) {
      inv = held[g.Below(held.size())];
    } else if (!batch.empty() && g.Chance(0.1)) {
      inv = batch[g.Below(batch.size())];
    } else {
      inv.company = g.Pick(companies);
      inv.invoice_id = g.InvoiceId();
    }
    switch (g.Below(20)) {
      case 0:  // a customer of this batch, perhaps not yet added
        inv.customer_id = "N" + std::to_string(g.Below(fresh_customers + 2));
        break;
      case 1:
        inv.customer_id = "X" + std::to_string(g.Below(5));  // never added
        break;
      default:
        if (inv.customer_id.empty() || g.Chance(0.3)) {
          inv.customer_id = "C" + std::to_string(g.Below(customers));
        }
    }
    const Currency cur = g.Chance(0.1) ? kEur : kUsd;
    inv.amount = Money{static_cast<int64_t>(g.Below(50)) - 5, cur};
    inv.open_amount = Money{g.Chance(0.3) ? 0 : static_cast<int64_t>(g.Below(20)) - 3,
                            g.Chance(0.005) ? kEur : cur};
    if (g.Chance(0.3)) inv.po_number = g.Chance(0.3) ? "" : "PO-" + std::to_string(g.Below(200));
    inv.invoice_date = Date{static_cast<int32_t>(g.Below(1000))};
    batch.push_back(inv);
    records.push_back(Record{std::nullopt, inv});
  }
  return records;
}

// Bulk loads onto a ledger holding invoices: a few changes (kept up record
// by record) and many (merged into the tables), onto a ledger built in bulk
// or one by one, several in a row.
TEST(LedgerBulkLoad, AppendsAsUpsertingOneByOne) {
  for (const int changes : {150, 4000}) {
    for (const bool base_in_bulk : {true, false}) {
      SCOPED_TRACE(testing::Message() << changes << " changes, base in bulk " << base_in_bulk);
      const std::vector<Record> base = MakeRecords(21, 0, 60, 3000);
      Ledger one, bulk;
      ASSERT_TRUE(LoadOneByOne(base, &one).ok());
      ASSERT_TRUE((base_in_bulk ? LoadInBulk(base, &bulk) : LoadOneByOne(base, &bulk)).ok());
      std::vector<Record> all = base;
      for (uint64_t round = 0; round < 3; ++round) {
        SCOPED_TRACE(testing::Message() << "round " << round);
        const std::vector<Record> more = MakeChanges(30 + round, all, changes);
        const Status want = LoadOneByOne(more, &one);
        EXPECT_EQ(LoadInBulk(more, &bulk).ToString(), want.ToString());
        EXPECT_FALSE(want.ok());  // the data exercises refusals
        ExpectSameAnswers(one, bulk, round);
        ExpectFuzzyEqualsAScan(bulk, round);
        all.insert(all.end(), more.begin(), more.end());
      }
      ChangeBoth(&one, &bulk, 5);
      ExpectSameAnswers(one, bulk, 6);
    }
  }
}

TEST_F(LedgerProperty, BatchedReferenceLookupEqualsOneAtATime) {
  const Ledger& l = *ledger_;
  const Model& m = *model_;
  Gen g(4);
  std::vector<std::string> refs;
  for (int q = 0; q < 3000; ++q) {
    std::string ref = m.invoices[g.Below(m.invoices.size())].invoice_id;
    if (g.Chance(0.3)) ref = g.InvoiceId();
    if (g.Chance(0.3)) ref = "inv #" + ref;
    if (g.Chance(0.05)) ref = std::string(100 + g.Below(100), '7');  // past the stack buffers
    refs.push_back(ref);
  }
  for (const size_t batch : {size_t{1}, size_t{7}, size_t{64}, size_t{1000}}) {
    for (size_t from = 0; from < refs.size(); from += batch) {
      const size_t k = std::min(batch, refs.size() - from);
      std::vector<std::string_view> views(refs.begin() + from, refs.begin() + from + k);
      std::vector<InvoiceNo> got = {42};  // appended to
      std::vector<size_t> ends;
      l.FindByReferences(views, &got, &ends);
      ASSERT_EQ(ends.size(), k);
      size_t begin = 1;
      for (size_t i = 0; i < k; ++i) {
        std::vector<InvoiceNo> want;
        l.FindByReference(views[i], &want);
        ASSERT_EQ(std::vector<InvoiceNo>(got.begin() + begin, got.begin() + ends[i]), want)
            << views[i];
        begin = ends[i];
      }
      ASSERT_EQ(begin, got.size());
    }
  }
}

}  // namespace
}  // namespace cashmatch
