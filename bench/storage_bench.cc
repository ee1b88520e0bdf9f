// Storage benchmarks: how fast commits land (WAL synced, as in production)
// and how fast the full scans that rebuild the in-memory ledger run.
//
//   storage_bench --benchmark_filter=Commit         # a few seconds
//   storage_bench --benchmark_filter='Scan.*/1000000$'  # quick scan run
//   storage_bench                                   # everything: builds a
//                                                   # 10M-invoice store once
//
// Stores live under /tmp/cashmatch-storage-bench-*, are reused within a run
// and removed at exit unless CASHMATCH_BENCH_KEEP is set (then a later run
// reuses a complete store instead of generating it again).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "cashmatch/store.h"

namespace cashmatch {
namespace {

namespace fs = std::filesystem;

const Currency kUsd = *Currency::FromCode("USD");
const Currency kEur = *Currency::FromCode("EUR");

std::vector<std::string> g_created_dirs;

std::string BenchDir(const std::string& name) {
  std::string dir = "/tmp/cashmatch-storage-bench-" + name;
  return dir;
}

void RemoveOnExit(const std::string& dir) { g_created_dirs.push_back(dir); }

std::string Padded(const char* prefix, uint64_t n, int width) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%0*llu", prefix, width, static_cast<unsigned long long>(n));
  return buf;
}

// An invoice as an ERP sends them: a handful of companies, ten invoices per
// customer on average, about half with a PO number.
Invoice MakeInvoice(uint64_t n, uint64_t customers, std::mt19937_64& rng) {
  Invoice v;
  v.company = n % 5 == 0 ? "DE01" : "US01";
  v.invoice_id = Padded("INV-", n, 10);
  v.customer_id = Padded("CUST-", rng() % customers, 8);
  const Currency c = v.company == "DE01" ? kEur : kUsd;
  v.amount = Money{static_cast<int64_t>(rng() % 10'000'000) + 100, c};
  v.open_amount = n % 3 == 0 ? Money{0, c} : v.amount;
  v.invoice_date = Date{19'700 + static_cast<int32_t>(rng() % 400)};
  v.due_date = Date{v.invoice_date.days + 30};
  if (n % 2 == 0) v.po_number = Padded("PO", rng() % 1'000'000, 7);
  if (n % 4 == 0) {
    v.discount_bp = 200;
    v.discount_days = 10;
  }
  return v;
}

Customer MakeCustomer(uint64_t n) {
  Customer c;
  c.customer_id = Padded("CUST-", n, 8);
  c.name = "Customer " + std::to_string(n) + " Holdings Inc";
  c.aliases = {"CUSTOMER " + std::to_string(n)};
  c.bank_accounts = {"021000021:" + Padded("", n, 9)};
  c.company = "US01";
  c.currency = kUsd;
  return c;
}

std::unique_ptr<Store> OpenOrDie(const std::string& dir, StoreOptions options) {
  Result<std::unique_ptr<Store>> r = Store::Open(dir, options);
  if (!r.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", dir.c_str(), r.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

void CommitOrDie(Store& store, WriteSet&& set) {
  Status st = store.Commit(std::move(set));
  if (!st.ok()) {
    std::fprintf(stderr, "commit failed: %s\n", st.ToString().c_str());
    std::exit(1);
  }
}

// ---- Commit throughput ----

// New invoices committed in sets of range(0), WAL synced on every commit.
// Only Commit is timed: index maintenance (one batched read of the keys'
// previous versions), the write and the fsync.
void BM_CommitInvoices(benchmark::State& state) {
  const uint64_t batch = static_cast<uint64_t>(state.range(0));
  const std::string dir = BenchDir("commit-" + std::to_string(getpid()));
  fs::remove_all(dir);
  RemoveOnExit(dir);
  auto store = OpenOrDie(dir, StoreOptions{});  // sync = true
  std::mt19937_64 rng(1);
  uint64_t next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    WriteSet set;
    for (uint64_t i = 0; i < batch; ++i) set.PutInvoice(MakeInvoice(next++, 100'000, rng));
    state.ResumeTiming();
    CommitOrDie(*store, std::move(set));
  }
  state.SetItemsProcessed(static_cast<int64_t>(next));
  store.reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_CommitInvoices)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same, but every invoice replaces a stored one (a daily open-items
// reload): the previous versions are found, decoded and diffed.
void BM_CommitInvoiceUpdates(benchmark::State& state) {
  const uint64_t batch = static_cast<uint64_t>(state.range(0));
  constexpr uint64_t kStored = 200'000;
  const std::string dir = BenchDir("update-" + std::to_string(getpid()));
  fs::remove_all(dir);
  RemoveOnExit(dir);
  StoreOptions fast;
  fast.sync = false;
  std::mt19937_64 rng(2);
  {
    auto store = OpenOrDie(dir, fast);
    WriteSet set;
    for (uint64_t n = 0; n < kStored; ++n) set.PutInvoice(MakeInvoice(n, 20'000, rng));
    CommitOrDie(*store, std::move(set));
  }
  auto store = OpenOrDie(dir, StoreOptions{});
  uint64_t done = 0;
  for (auto _ : state) {
    state.PauseTiming();
    WriteSet set;
    for (uint64_t i = 0; i < batch; ++i) set.PutInvoice(MakeInvoice(rng() % kStored, 20'000, rng));
    state.ResumeTiming();
    CommitOrDie(*store, std::move(set));
    done += batch;
  }
  state.SetItemsProcessed(static_cast<int64_t>(done));
  store.reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_CommitInvoiceUpdates)->Arg(10'000)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- Full scans ----

// A store with `invoices` invoices and a tenth as many customers, generated
// once (sync off, sets of 100k), compacted, and reused.
const std::string& ScanStore(uint64_t invoices) {
  static std::map<uint64_t, std::string> stores;
  auto it = stores.find(invoices);
  if (it != stores.end()) return it->second;
  const std::string dir = BenchDir("scan-" + std::to_string(invoices));
  const std::string marker = dir + "/BENCH_COMPLETE";
  if (!fs::exists(marker)) {
    fs::remove_all(dir);
    const auto start = std::chrono::steady_clock::now();
    StoreOptions fast;
    fast.sync = false;
    auto store = OpenOrDie(dir, fast);
    const uint64_t customers = std::max<uint64_t>(invoices / 10, 1);
    std::mt19937_64 rng(3);
    constexpr uint64_t kSet = 100'000;
    for (uint64_t n = 0; n < customers; n += kSet) {
      WriteSet set;
      for (uint64_t i = n; i < std::min(customers, n + kSet); ++i) set.PutCustomer(MakeCustomer(i));
      CommitOrDie(*store, std::move(set));
    }
    for (uint64_t n = 0; n < invoices; n += kSet) {
      WriteSet set;
      for (uint64_t i = n; i < std::min(invoices, n + kSet); ++i) {
        set.PutInvoice(MakeInvoice(i, customers, rng));
      }
      CommitOrDie(*store, std::move(set));
    }
    // A store that has lived a while is compacted; a freshly loaded one
    // still has overlapping L0 files and compactions running under the scan.
    Status compacted = store->Compact();
    if (!compacted.ok()) std::fprintf(stderr, "%s\n", compacted.ToString().c_str());
    store.reset();
    std::ofstream(marker) << invoices << "\n";
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "generated %s: %llu invoices, %llu customers in %.1f s\n", dir.c_str(),
                 static_cast<unsigned long long>(invoices),
                 static_cast<unsigned long long>(customers), secs);
  }
  if (std::getenv("CASHMATCH_BENCH_KEEP") == nullptr) RemoveOnExit(dir);
  return stores.emplace(invoices, dir).first->second;
}

// ForEachInvoice over the whole store, each row decoded into an Invoice.
void BM_ScanInvoices(benchmark::State& state) {
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  const std::string& dir = ScanStore(n);
  auto store = OpenOrDie(dir, StoreOptions{});
  uint64_t rows = 0;
  int64_t bytes = 0;
  for (auto _ : state) {
    Status st = store->ForEachInvoice([&](const Invoice& v) {
      ++rows;
      bytes += static_cast<int64_t>(v.invoice_id.size() + v.customer_id.size());
      return true;
    });
    if (!st.ok() || rows % n != 0) state.SkipWithError("scan failed or short");
  }
  benchmark::DoNotOptimize(bytes);
  state.SetItemsProcessed(static_cast<int64_t>(rows));
  state.counters["rows"] = static_cast<double>(n);
}
BENCHMARK(BM_ScanInvoices)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

// What a rebuild reads: every customer, then every invoice.
void BM_ScanCustomersAndInvoices(benchmark::State& state) {
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  const std::string& dir = ScanStore(n);
  uint64_t rows = 0;
  for (auto _ : state) {
    auto store = OpenOrDie(dir, StoreOptions{});  // opening is part of a rebuild
    Status st = store->ForEachCustomer([&](const Customer&) { return ++rows, true; });
    if (st.ok()) st = store->ForEachInvoice([&](const Invoice&) { return ++rows, true; });
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
  state.SetItemsProcessed(static_cast<int64_t>(rows));
}
BENCHMARK(BM_ScanCustomersAndInvoices)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

}  // namespace
}  // namespace cashmatch

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  for (const std::string& dir : cashmatch::g_created_dirs) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  return 0;
}
