// The ledger's indexes against brute force: random customers and invoices
// (dense numeric references, long ones, small-alphabet interleaved ones,
// junk), random replacements and open-amount changes, then every lookup
// compared with a scan of a plain model. Fixed seeds: failures reproduce.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
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

}  // namespace
}  // namespace cashmatch
