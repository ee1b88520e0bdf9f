// Receivables reports over a large ledger and a year of payments: aging (as
// of today and a month back), DSO with its 12-month trend, payment
// behaviour, cash-application performance.
//
//   reports_bench                              # 10M invoices, 1M customers
//   CASHMATCH_REPORTS_INVOICES=1000000 reports_bench   # a quicker run
//
// The data is built once, through the engine and storage APIs (not the
// daemon): the ledger bulk-loaded in memory, the store holding the year's
// payments, batches and applications (one application per invoice paid, a
// batch per day), compacted as RocksDB leaves a store at rest. The store
// lives under /tmp/cashmatch-reports-bench-* and is removed at exit.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "cashmatch/ledger.h"
#include "cashmatch/store.h"
#include "reports.h"

namespace cashmatch {
namespace {

namespace fs = std::filesystem;

const Currency kUsd = *Currency::FromCode("USD");
const Currency kEur = *Currency::FromCode("EUR");
const Date kToday = Date::FromCivil(2026, 11, 20);

uint64_t Mix(uint64_t x) {  // splitmix64: every figure a pure function of the index
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::string Padded(const char* prefix, uint64_t n, int width) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%0*llu", prefix, width, static_cast<unsigned long long>(n));
  return buf;
}

struct World {
  std::string dir;
  std::unique_ptr<Store> store;
  Ledger ledger;
  uint64_t invoices = 0, customers = 0, payments = 0;
  double build_seconds = 0;
  ~World() {
    store.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// Invoice i: dated over the year before kToday, due 30 days later; one in
// four paid, from 10 days early to 30 late (ten times later for one
// customer in 50), one in 20 paid short, one in 8 with a 2 % discount.
Invoice MakeInvoice(uint64_t i, uint64_t n, uint64_t customers, bool* paid, int32_t* delay) {
  const uint64_t h = Mix(i);
  Invoice v;
  v.invoice_id = Padded("INV-", i, 10);
  const uint64_t customer = h % customers;
  v.customer_id = Padded("CUST-", customer, 8);
  const Currency c = (h >> 8) % 10 == 0 ? kEur : kUsd;
  v.amount = Money{static_cast<int64_t>((h >> 12) % 1'000'000) + 1000, c};
  v.invoice_date = Date{kToday.days - 365 + static_cast<int32_t>(i * 365 / n)};
  v.due_date = Date{v.invoice_date.days + 30};
  if ((h >> 40) % 8 == 0) {
    v.discount_bp = 200;
    v.discount_days = 10;
  }
  *delay = static_cast<int32_t>((h >> 44) % 41) - 10;
  if (customer % 50 == 0) *delay *= 10;
  *paid = (h >> 52) % 4 == 0 && v.due_date.days + *delay < kToday.days;
  v.open_amount = v.amount;
  return v;
}

World* Build() {
  auto w = std::make_unique<World>();
  const char* env = std::getenv("CASHMATCH_REPORTS_INVOICES");
  w->invoices = env ? std::strtoull(env, nullptr, 10) : 10'000'000;
  w->customers = std::max<uint64_t>(w->invoices / 10, 1);
  const auto start = std::chrono::steady_clock::now();
  w->dir = "/tmp/cashmatch-reports-bench-" + std::to_string(::getpid());
  StoreOptions so;
  so.sync = false;
  auto store = Store::Open(w->dir, so);
  if (!store.ok()) {
    std::fprintf(stderr, "store: %s\n", store.status().ToString().c_str());
    std::exit(1);
  }
  w->store = std::move(*store);

  Ledger& ledger = w->ledger;
  ledger.BeginBulkLoad();
  ledger.Reserve(w->customers, w->invoices);
  for (uint64_t c = 0; c < w->customers; ++c) {
    ledger.BulkAddCustomer(Customer{Padded("CUST-", c, 8), "Customer " + std::to_string(c)});
  }
  WriteSet set;
  const char* formats[][2] = {{"bai2", "142"}, {"bai2", "195"}, {"nacha", "CCD/22"}, {"lockbox", "check"},
                              {"camt053", "PMNT/RCDT/ESCT"}};
  std::vector<uint32_t> seq_of_day(600);  // days from kToday - 500
  const auto flush = [&](bool force) {
    if (set.count() < (size_t{1} << 21) && !(force && !set.empty())) return;
    if (Status s = w->store->Commit(std::move(set)); !s.ok()) {
      std::fprintf(stderr, "commit: %s\n", s.ToString().c_str());
      std::exit(1);
    }
    set = WriteSet();
  };
  for (uint64_t i = 0; i < w->invoices; ++i) {
    bool paid;
    int32_t delay;
    Invoice v = MakeInvoice(i, w->invoices, w->customers, &paid, &delay);
    if (paid) {
      const uint64_t h = Mix(i ^ 0x5555);
      Payment p;
      p.payment_id = ++w->payments;
      p.format = formats[h % 5][0];
      p.transaction_code = formats[h % 5][1];
      p.source_file = "day.bai";
      p.value_date = Date{v.due_date.days + delay};
      const int32_t day = p.value_date.days - (kToday.days - 500);
      Application a;
      a.batch_id = static_cast<uint64_t>(day) + 1;  // a batch a day: ids grow with time
      a.seq = seq_of_day[static_cast<size_t>(day)]++;
      a.payment_id = p.payment_id;
      a.invoice_id = v.invoice_id;
      a.customer_id = v.customer_id;
      a.applied = v.amount;
      a.discount = Money{0, v.amount.currency};
      a.writeoff = Money{0, v.amount.currency};
      if (v.discount_bp && h % 3 == 0) {
        a.discount.minor = ApplyBasisPoints(v.amount.minor, v.discount_bp);
        a.applied.minor -= a.discount.minor;
      }
      const bool short_pay = (h >> 8) % 20 == 0;
      if (short_pay) a.applied.minor -= a.applied.minor / 10;
      a.method = static_cast<MatchMethod>((h >> 16) % 4);
      a.at = Timestamp{(int64_t{p.value_date.days} + 1) * 86'400'000'000 + 8 * 3'600'000'000LL};
      p.amount = a.applied;
      v.open_amount.minor -= a.applied.minor + a.discount.minor;
      set.PutPayment(p);
      set.PutApplication(a);
    }
    ledger.BulkAddInvoice(v);
    flush(false);
  }
  for (size_t d = 0; d < seq_of_day.size(); ++d) {
    if (seq_of_day[d] == 0) continue;
    Batch b;
    b.batch_id = d + 1;
    b.created = Timestamp{(int64_t{kToday.days} - 500 + static_cast<int64_t>(d) + 1) * 86'400'000'000 +
                          8 * 3'600'000'000LL};
    b.applications = seq_of_day[d];
    set.PutBatch(b);
  }
  flush(true);
  if (Status s = ledger.EndBulkLoad(); !s.ok()) std::exit(1);
  if (Status s = w->store->Compact(); !s.ok()) std::exit(1);
  w->build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "built: %llu invoices, %llu customers, %llu payments in %.1f s\n",
               static_cast<unsigned long long>(w->invoices), static_cast<unsigned long long>(w->customers),
               static_cast<unsigned long long>(w->payments), w->build_seconds);
  return w.release();
}

World& TheWorld() {
  static std::unique_ptr<World> world(Build());
  return *world;
}

void Counters(benchmark::State& state, const World& w) {
  state.counters["invoices"] = static_cast<double>(w.invoices);
  state.counters["payments"] = static_cast<double>(w.payments);
}

void BM_AgingToday(benchmark::State& state) {
  World& w = TheWorld();
  tools::AgingQuery q;
  q.as_of = kToday;
  for (auto _ : state) {
    auto r = tools::BuildAgingReport(tools::ReportSources{*w.store, w.ledger}, q);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  Counters(state, w);
}
BENCHMARK(BM_AgingToday)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AgingMonthAgo(benchmark::State& state) {
  World& w = TheWorld();
  tools::AgingQuery q;
  q.as_of = Date{kToday.days - 30};
  for (auto _ : state) {
    auto r = tools::BuildAgingReport(tools::ReportSources{*w.store, w.ledger}, q);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    state.counters["undone"] = r.ok() ? static_cast<double>(r->applications_undone) : 0;
    benchmark::DoNotOptimize(r);
  }
  Counters(state, w);
}
BENCHMARK(BM_AgingMonthAgo)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Dso12Months(benchmark::State& state) {
  World& w = TheWorld();
  for (auto _ : state) {
    auto r = tools::BuildDsoReport(tools::ReportSources{*w.store, w.ledger}, kToday, 12);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  Counters(state, w);
}
BENCHMARK(BM_Dso12Months)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Behaviour12Months(benchmark::State& state) {
  World& w = TheWorld();
  tools::BehaviourQuery q;
  q.as_of = kToday;
  for (auto _ : state) {
    auto r = tools::BuildBehaviourReport(tools::ReportSources{*w.store, w.ledger}, q);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  Counters(state, w);
}
BENCHMARK(BM_Behaviour12Months)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Performance30Days(benchmark::State& state) {
  World& w = TheWorld();
  for (auto _ : state) {
    auto r = tools::BuildPerformanceReport(tools::ReportSources{*w.store, w.ledger}, kToday, 30);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    benchmark::DoNotOptimize(r);
  }
  Counters(state, w);
}
BENCHMARK(BM_Performance30Days)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
