// The receivables reports on generated stores, each checked against a
// deliberately naive computation straight from the raw records written
// (forward from the original amounts, where the reports work back from
// today's open amounts), plus the commands' output formats.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

#include "cli_test_util.h"
#include "command_line.h"
#include "reports.h"
#include "service.h"

namespace cashmatch {
namespace {

using testing::TempDir;

Date D(const char* text) { return *ParseDate(text); }
Timestamp At(Date d, int hour) { return Timestamp{(int64_t{d.days} * 24 + hour) * 3'600'000'000}; }

// Everything written, as the test knows it.
struct World {
  std::vector<Customer> customers;
  std::vector<Invoice> invoices;  // open_amount as stored (after every application)
  std::vector<Payment> payments;
  std::vector<Application> apps;
  std::vector<Batch> batches;
  std::map<uint64_t, std::string> queued;  // payment -> work item customer
};

// A year of invoices in three currencies and two companies; payments that
// pay one customer's invoices in full, in part, with discounts and
// write-offs; some reversed, some applied by hand, some left waiting.
World Generate(uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto pick = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
  World w;
  const Currency ccy[] = {*Currency::FromCode("USD"), *Currency::FromCode("EUR"), *Currency::FromCode("JPY")};
  for (int c = 0; c < 40; ++c) {
    Customer cu;
    cu.customer_id = "C" + std::to_string(100 + (c * 7) % 40);  // not in insertion order
    cu.name = "Customer " + std::to_string(c);
    w.customers.push_back(cu);
  }
  const Date start = D("2025-10-01");
  for (int i = 0; i < 800; ++i) {
    Invoice inv;
    inv.company = i % 5 == 0 ? "EU" : "";
    inv.invoice_id = "INV-" + std::to_string(i);
    inv.customer_id = w.customers[static_cast<size_t>(pick(0, 39))].customer_id;
    const Currency cur = ccy[pick(0, 9) < 7 ? 0 : pick(1, 2)];
    inv.amount = Money{pick(1, 9) == 1 ? -pick(100, 5000) : pick(1000, 200000), cur};
    inv.open_amount = inv.amount;
    inv.invoice_date = Date{start.days + static_cast<int32_t>(pick(0, 300))};
    inv.due_date = Date{inv.invoice_date.days + static_cast<int32_t>(pick(0, 2) * 15 + 15)};
    if (pick(0, 3) == 0) {
      inv.discount_bp = 200;
      inv.discount_days = 10;
    }
    w.invoices.push_back(inv);
  }
  // Batches one a day, ids growing with time.
  uint64_t batch_id = 0, payment_id = 0;
  const char* formats[][2] = {{"bai2", "142"}, {"bai2", "195"}, {"nacha", "CCD/22"}, {"lockbox", "check"},
                              {"csv", "wire"}, {"camt053", "PMNT/RCDT/ESCT"}};
  std::vector<size_t> order(w.invoices.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  for (size_t k = 0; k < 500; ++k) {
    Invoice& inv = w.invoices[order[k]];
    if (inv.is_credit_memo()) continue;
    Payment p;
    p.payment_id = ++payment_id;
    const auto& f = formats[pick(0, 5)];
    p.format = f[0];
    p.transaction_code = f[1];
    p.source_file = "f" + std::to_string(k);
    p.amount = Money{0, inv.amount.currency};
    p.value_date = Date{inv.invoice_date.days + static_cast<int32_t>(pick(-5, 80))};
    const int kind = static_cast<int>(pick(0, 9));
    if (kind == 9) {  // left waiting
      p.amount.minor = inv.amount.minor;
      w.queued[p.payment_id] = pick(0, 1) ? inv.customer_id : "";
      w.payments.push_back(p);
      continue;
    }
    Batch b;
    b.batch_id = ++batch_id;
    b.kind = kind == 8 ? BatchKind::kManual : BatchKind::kFile;
    b.created = At(Date{p.value_date.days + static_cast<int32_t>(pick(0, 3))}, static_cast<int>(pick(0, 23)));
    Application a;
    a.batch_id = b.batch_id;
    a.payment_id = p.payment_id;
    a.company = inv.company;
    a.invoice_id = inv.invoice_id;
    a.customer_id = inv.customer_id;
    a.method = kind == 8 ? MatchMethod::kManual : static_cast<MatchMethod>(pick(0, 3));
    a.at = b.created;
    const int64_t owed = inv.open_amount.minor;
    a.applied = Money{kind == 7 ? owed / 2 : owed, inv.amount.currency};
    a.discount = Money{0, inv.amount.currency};
    a.writeoff = Money{0, inv.amount.currency};
    if (kind == 6 && owed > 100) {
      a.discount.minor = owed / 50;
      a.applied.minor -= a.discount.minor;
    }
    if (kind == 5 && owed > 100) {
      a.writeoff.minor = 37;
      a.applied.minor -= 37;
    }
    p.amount.minor = a.applied.minor;
    inv.open_amount.minor -= a.applied.minor + a.discount.minor + a.writeoff.minor;
    w.batches.push_back(b);
    w.apps.push_back(a);
    if (kind == 4) {  // reversed later: the invoice reopens, the payment waits again
      Batch r = b;
      r.batch_id = ++batch_id;
      r.kind = BatchKind::kReversal;
      r.created = Timestamp{b.created.micros + int64_t{86'400'000'000} * pick(1, 40)};
      Application back = a;
      back.batch_id = r.batch_id;
      back.at = r.created;
      back.applied.minor = -a.applied.minor;
      back.discount.minor = -a.discount.minor;
      back.writeoff.minor = -a.writeoff.minor;
      inv.open_amount.minor += a.applied.minor + a.discount.minor + a.writeoff.minor;
      w.batches.push_back(r);
      w.apps.push_back(back);
      w.queued[p.payment_id] = inv.customer_id;
    }
    w.payments.push_back(p);
  }
  // Batch ids must grow with time, as they do in a real store.
  std::vector<Batch*> by_time;
  for (Batch& b : w.batches) by_time.push_back(&b);
  std::stable_sort(by_time.begin(), by_time.end(), [](Batch* a, Batch* b) { return a->created < b->created; });
  std::map<uint64_t, uint64_t> renumber;
  for (size_t i = 0; i < by_time.size(); ++i) renumber[by_time[i]->batch_id] = i + 1;
  for (Batch& b : w.batches) b.batch_id = renumber[b.batch_id];
  for (Application& a : w.apps) a.batch_id = renumber[a.batch_id];
  return w;
}

void Write(const World& w, const std::string& db_dir) {
  auto store = Store::Open(db_dir, StoreOptions{});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  WriteSet set;
  for (const Customer& c : w.customers) set.PutCustomer(c);
  for (const Invoice& i : w.invoices) set.PutInvoice(i);
  for (const Payment& p : w.payments) set.PutPayment(p);
  for (const Batch& b : w.batches) set.PutBatch(b);
  for (const Application& a : w.apps) set.PutApplication(a);
  for (const auto& [id, customer] : w.queued) {
    WorkItem item;
    item.payment_id = id;
    item.customer_id = customer;
    item.reason = "test";
    set.MarkUnapplied(item);
  }
  ASSERT_TRUE((*store)->Commit(std::move(set)).ok());
}

class ReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = Generate(GTEST_FLAG_GET(random_seed) + 7);
    config_ = tools::DefaultConfig(dir_.path() + "/data");
    config_.sync_writes = false;
    ASSERT_TRUE(std::filesystem::create_directories(dir_.path() + "/data"));
    Write(world_, config_.db_dir.empty() ? dir_.path() + "/data/db" : config_.db_dir);
    auto s = tools::Service::Open(config_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(*s);
  }
  const Invoice* FindInvoice(const std::string& company, const std::string& id) const {
    for (const Invoice& i : world_.invoices) {
      if (i.company == company && i.invoice_id == id) return &i;
    }
    return nullptr;
  }
  tools::CommandEnv Env() {
    tools::CommandEnv env;
    env.service = service_.get();
    return env;
  }

  TempDir dir_;
  World world_;
  tools::Config config_;
  std::unique_ptr<tools::Service> service_;
};

// Open as of the end of `day`: the original amount less every application
// made on or before it.
int64_t NaiveOpen(const World& w, const Invoice& inv, Date day) {
  int64_t open = inv.amount.minor;
  for (const Application& a : w.apps) {
    if (a.company == inv.company && a.invoice_id == inv.invoice_id && a.at.date() <= day) {
      open -= a.applied.minor + a.discount.minor + a.writeoff.minor;
    }
  }
  return open;
}

TEST_F(ReportsTest, AgingMatchesTheRawRecordsOnAnyDay) {
  for (const char* day : {"2026-12-31", "2026-05-31", "2026-01-15", "2025-09-30"}) {
    const Date as_of = D(day);
    using Key = std::tuple<std::string, std::string, std::string>;
    std::map<Key, std::array<int64_t, 5>> naive;
    std::map<std::string, int64_t> naive_totals;
    for (const Invoice& inv : world_.invoices) {
      if (inv.invoice_date > as_of) continue;
      const int64_t open = NaiveOpen(world_, inv, as_of);
      if (open == 0) continue;
      const int32_t late = as_of.days - inv.due_date.days;
      const int b = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
      naive[{inv.customer_id, inv.company, std::string(inv.amount.currency.code())}][b] += open;
      naive_totals[std::string(inv.amount.currency.code())] += open;
    }
    tools::AgingQuery q;
    q.as_of = as_of;
    auto r = tools::BuildAgingReport(*service_, q);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    std::map<Key, std::array<int64_t, 5>> got;
    for (const tools::AgingRow& row : r->rows) {
      EXPECT_EQ(row.line.total, row.line.buckets[0] + row.line.buckets[1] + row.line.buckets[2] +
                                    row.line.buckets[3] + row.line.buckets[4]);
      got[{row.customer_id, row.company, std::string(row.line.key.currency.code())}] = row.line.buckets;
    }
    EXPECT_EQ(got, naive) << day;
    std::map<std::string, int64_t> totals;
    for (const AgingLine& t : r->totals) totals[std::string(t.key.currency.code())] = t.total;
    EXPECT_EQ(totals, naive_totals) << day;
  }
}

TEST_F(ReportsTest, AgingFiltersByCustomerCompanyAndCurrency) {
  const std::string customer = world_.invoices[3].customer_id;
  tools::AgingQuery q;
  q.as_of = D("2026-06-30");
  q.customer_id = customer;
  q.company = "EU";
  q.company_set = true;
  q.currency = "USD";
  auto r = tools::BuildAgingReport(*service_, q);
  ASSERT_TRUE(r.ok());
  int64_t naive = 0;
  for (const Invoice& inv : world_.invoices) {
    if (inv.customer_id == customer && inv.company == "EU" && inv.amount.currency.code() == "USD" &&
        inv.invoice_date <= q.as_of) {
      naive += NaiveOpen(world_, inv, q.as_of);
    }
  }
  int64_t got = 0;
  for (const auto& row : r->rows) {
    EXPECT_EQ(row.customer_id, customer);
    got += row.line.total;
  }
  EXPECT_EQ(got, naive);
  q.customer_id = "NOPE";
  EXPECT_EQ(tools::BuildAgingReport(*service_, q).status().code(), StatusCode::kNotFound);
}

TEST_F(ReportsTest, DsoSeriesMatchTheRawRecords) {
  const Date as_of = D("2026-07-20");
  auto r = tools::BuildDsoReport(*service_, as_of, 6);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->periods.size(), 6u);
  for (const tools::CurrencyDso& c : r->currencies) {
    for (size_t i = 0; i < r->periods.size(); ++i) {
      const Period p = r->periods[i];
      int64_t sales = 0, ar = 0;
      for (const Invoice& inv : world_.invoices) {
        if (inv.amount.currency != c.currency) continue;
        if (inv.invoice_date >= p.first && inv.invoice_date <= p.last) sales += inv.amount.minor;
        if (inv.invoice_date <= p.last) ar += NaiveOpen(world_, inv, p.last);
      }
      EXPECT_EQ(c.trend[i].sales, sales) << c.currency.code() << " " << i;
      EXPECT_EQ(c.trend[i].ar_end, ar) << c.currency.code() << " " << i;
      // Simple DSO in floating point, as a check only.
      long double s3 = 0, days = 0;
      for (size_t k = i >= 2 ? i - 2 : 0; k <= i; ++k) {
        s3 += c.trend[k].sales;
        days += r->periods[k].days();
      }
      if (s3 > 0) {
        ASSERT_TRUE(c.trend[i].dso.simple_tenths.has_value());
        EXPECT_NEAR(*c.trend[i].dso.simple_tenths / 10.0L, ar / s3 * days, 0.051L);
      }
    }
  }
}

struct NaiveBehaviour {
  std::vector<int32_t> delays;
  uint64_t on_time = 0, short_pays = 0, discounts = 0, late_discounts = 0, payments = 0;
  int64_t days_to_pay = 0, beyond = 0;
};

TEST_F(ReportsTest, BehaviourMatchesTheRawRecords) {
  const Date as_of = D("2026-08-31");
  tools::BehaviourQuery q;
  q.as_of = as_of;
  q.months = 9;
  auto r = tools::BuildBehaviourReport(*service_, q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::map<std::string, NaiveBehaviour> naive;
  for (const Payment& p : world_.payments) {
    if (p.value_date < r->window.first || p.value_date > as_of) continue;
    // Net per invoice of this payment.
    std::map<std::pair<std::string, std::string>, std::array<int64_t, 3>> net;
    std::map<std::pair<std::string, std::string>, Date> first;
    for (const Application& a : world_.apps) {
      if (a.payment_id != p.payment_id) continue;
      auto& n = net[{a.company, a.invoice_id}];
      n[0] += a.applied.minor;
      n[1] += a.discount.minor;
      n[2] += a.writeoff.minor;
      if (!first.count({a.company, a.invoice_id})) first[{a.company, a.invoice_id}] = a.at.date();
    }
    bool paid = false;
    for (const auto& [key, n] : net) {
      if (n[0] <= 0 || first[key] > as_of) continue;
      const Invoice* inv = FindInvoice(key.first, key.second);
      NaiveBehaviour& b = naive[inv->customer_id];
      paid = true;
      const int32_t delay = p.value_date.days - inv->due_date.days;
      b.delays.push_back(delay);
      if (delay <= 0) ++b.on_time;
      b.days_to_pay += p.value_date.days - inv->invoice_date.days;
      b.beyond += std::max(delay, 0);
      if (n[2] > 0 || n[0] + n[1] + n[2] < inv->amount.minor) ++b.short_pays;
      if (n[1] > 0) {
        ++b.discounts;
        if (p.value_date.days > inv->invoice_date.days + inv->discount_days) ++b.late_discounts;
      }
    }
    if (paid) {
      const Invoice* inv = FindInvoice(net.begin()->first.first, net.begin()->first.second);
      ++naive[inv->customer_id].payments;
    }
  }
  ASSERT_EQ(r->customers.size(), naive.size());
  for (const tools::CustomerBehaviour& c : r->customers) {
    NaiveBehaviour& n = naive[c.customer_id];
    const PaymentBehaviour& b = c.behaviour;
    std::sort(n.delays.begin(), n.delays.end());
    ASSERT_EQ(b.items, n.delays.size()) << c.customer_id;
    EXPECT_EQ(b.median_delay, n.delays[(n.delays.size() - 1) / 2]) << c.customer_id;
    EXPECT_EQ(b.on_time, n.on_time) << c.customer_id;
    EXPECT_EQ(b.short_pays, n.short_pays) << c.customer_id;
    EXPECT_EQ(b.discounts_taken, n.discounts) << c.customer_id;
    EXPECT_EQ(b.discounts_late, n.late_discounts) << c.customer_id;
    EXPECT_EQ(b.payments, n.payments) << c.customer_id;
    EXPECT_NEAR(b.days_to_pay_tenths / 10.0, static_cast<double>(n.days_to_pay) / n.delays.size(), 0.0501);
    EXPECT_NEAR(b.days_beyond_terms_tenths / 10.0, static_cast<double>(n.beyond) / n.delays.size(), 0.0501);
  }
}

TEST_F(ReportsTest, PerformanceCountsEveryPaymentOnce) {
  const Date as_of = D("2027-01-31");
  auto r = tools::BuildPerformanceReport(*service_, as_of, 3660);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  uint64_t automatic = 0, manual = 0, open = 0;
  std::map<std::string, int64_t> waiting;
  for (const Payment& p : world_.payments) {
    int64_t net = 0;
    bool by_hand = false;
    for (const Application& a : world_.apps) {
      if (a.payment_id != p.payment_id) continue;
      net += a.applied.minor;
      by_hand |= a.method == MatchMethod::kManual && a.applied.minor > 0;
    }
    if (by_hand) ++manual; else if (net > 0) ++automatic; else ++open;
    if (world_.queued.count(p.payment_id)) waiting[std::string(p.amount.currency.code())] += p.amount.minor - net;
  }
  EXPECT_EQ(r->all.payments, world_.payments.size());
  EXPECT_EQ(r->all.automatic, automatic);
  EXPECT_EQ(r->all.manual, manual);
  EXPECT_EQ(r->all.open, open);
  uint64_t by_format = 0, by_day = 0, by_method = 0;
  for (const auto& [k, c] : r->by_format) by_format += c.payments;
  for (const auto& [k, c] : r->by_day) by_day += c.payments;
  for (const auto& [k, n] : r->by_method) by_method += n;
  EXPECT_EQ(by_format, r->all.payments);
  EXPECT_EQ(by_day, r->all.payments);
  EXPECT_EQ(by_method, automatic);
  std::map<std::string, int64_t> got;
  for (const auto& [code, a] : r->unapplied_by_age) got[code] = a[0] + a[1] + a[2] + a[3];
  EXPECT_EQ(got, waiting);
}

TEST_F(ReportsTest, EveryReportWritesTextJsonAndCsv) {
  for (const std::vector<std::string>& base : std::vector<std::vector<std::string>>{
           {"report", "aging", "--as-of", "2026-06-30"},
           {"report", "dso", "--as-of", "2026-06-30", "--months", "4"},
           {"report", "behaviour", "--as-of", "2026-06-30"},
           {"report", "performance", "--as-of", "2026-06-30", "--days", "60"}}) {
    for (const char* format : {"", "--json", "--csv"}) {
      std::vector<std::string> args = base;
      if (*format) args.push_back(format);
      tools::CommandEnv env = Env();
      EXPECT_EQ(tools::RunCommand(args, env), 0) << base[1] << format << env.err;
      EXPECT_FALSE(env.out.empty());
      if (std::string(format) == "--json") {
        EXPECT_EQ(env.out.front(), '{');
      } else if (std::string(format) == "--csv") {
        const size_t columns = std::count(env.out.begin(), env.out.begin() + env.out.find('\n'), ',');
        size_t start = 0;
        while (start < env.out.size()) {
          const size_t end = env.out.find('\n', start);
          const std::string line = env.out.substr(start, end - start);
          if (line.find('"') == std::string::npos) {
            EXPECT_EQ(static_cast<size_t>(std::count(line.begin(), line.end(), ',')), columns) << line;
          }
          start = end + 1;
        }
      }
    }
  }
  tools::CommandEnv env = Env();
  EXPECT_EQ(tools::RunCommand({"report", "aging", "--as-of", "2026-02-30"}, env), 2);
  env = Env();
  EXPECT_EQ(tools::RunCommand({"report", "aging", "--json", "--csv"}, env), 2);
  env = Env();
  EXPECT_EQ(tools::RunCommand({"report", "dso", "--method", "median"}, env), 2);
}

}  // namespace
}  // namespace cashmatch
