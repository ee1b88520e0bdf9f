// Matcher throughput against generated ledgers of 1 and 10 million open
// invoices (tools/gen, the same data as the ledger benchmark), with 1 and 2
// threads, on three payment mixes:
//   clean:  the invoice number as the ERP wrote it and the open amount;
//   mixed:  60 % clean, 10 % one typo, 10 % another style ("inv 4512"),
//           10 % no reference from a payer whose account is on file,
//           10 % unrelated noise;
//   combination: no reference, a payer on file, the amount the sum of three
//           of its open items; BM_Combination grows the payer's open items
//           from 10 to 10,000 to show the capped search does not blow up.
// Payments are built outside the timed part; a batch is 100,000 payments.
//
//   bench/matcher_bench --benchmark_filter='/1000000/'   one ledger size
//
// CASHMATCH_MATCH_DUMP=FILE appends every decision of each benchmark's
// first batch to FILE, one line each: two builds' files compare a change
// of the matcher for identical decisions.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cashmatch/ledger.h"
#include "cashmatch/matcher.h"
#include "open_items_gen.h"

namespace cashmatch {
namespace {

constexpr size_t kBatch = 100'000;

struct World {
  std::unique_ptr<Ledger> ledger;
  std::vector<InvoiceNo> open;  // open, positive invoices
  std::map<std::string, std::vector<Payment>> mixes;
};

std::unique_ptr<Ledger> BuildLedger(size_t n, std::vector<InvoiceNo>* open) {
  gen::OpenItemsOptions o;
  o.customers = n / 10;
  o.invoices = n;
  o.companies = 4;
  const gen::OpenItemsGenerator g(o);
  auto ledger = std::make_unique<Ledger>();
  ledger->Reserve(o.customers, n);
  ledger->BeginBulkLoad();
  std::vector<Customer> cs(o.customers);
  tbb::parallel_for(size_t{0}, cs.size(), [&](size_t i) { cs[i] = g.MakeCustomer(i); });
  for (const Customer& c : cs) ledger->BulkAddCustomer(c);
  cs.clear();
  constexpr size_t kChunk = 1 << 18;
  std::vector<Invoice> chunk;
  for (size_t b = 0; b < n; b += kChunk) {
    chunk.resize(std::min(kChunk, n - b));
    tbb::parallel_for(size_t{0}, chunk.size(), [&](size_t i) { chunk[i] = g.MakeInvoice(b + i); });
    for (const Invoice& inv : chunk) ledger->BulkAddInvoice(inv);
  }
  if (!ledger->EndBulkLoad().ok()) std::abort();
  for (InvoiceNo i = 0; i < ledger->invoice_count(); ++i) {
    if (ledger->invoice(i).open_amount.minor > 0) open->push_back(i);
  }
  return ledger;
}

Payment Base(uint64_t id, const InvoiceView& v) {
  Payment p;
  p.payment_id = id;
  p.format = "bench";
  p.amount = v.open_amount;
  p.value_date = Date::FromCivil(2026, 11, 20);
  return p;
}

std::string OneTypo(std::string s, std::mt19937_64& rng) {
  const size_t at = s.size() - 1 - rng() % 3;  // in the number, not the prefix
  s[at] = s[at] == '9' ? '0' : static_cast<char>(s[at] + 1);
  return s;
}

std::vector<Payment> Make(const Ledger& l, const std::vector<InvoiceNo>& open, const std::string& mix,
                          uint64_t seed) {
  std::mt19937_64 rng(seed);
  // Each payment pays a different invoice: drawn without replacement, so
  // no payment is a duplicate of another.
  std::vector<InvoiceNo> order = open;
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<Payment> out;
  out.reserve(kBatch);
  for (uint64_t k = 0; out.size() < kBatch && k < order.size(); ++k) {
    const InvoiceView v = l.invoice(order[k]);
    Payment p = Base(k + 1, v);
    const uint64_t roll = mix == "clean" ? 0 : rng() % 10;
    if (roll < 6) {
      p.remittance_text = "REMI: " + std::string(v.invoice_id) + " THANK YOU";
    } else if (roll == 6) {
      p.remittance_text = OneTypo(std::string(v.invoice_id), rng);
    } else if (roll == 7) {
      const std::string id(v.invoice_id);
      p.remittance_text = "inv " + id.substr(id.find_first_of("123456789"));
    } else if (roll == 8) {
      const Customer c = l.GetCustomer(v.customer);
      if (c.bank_accounts.empty()) continue;  // pick a payer who has one
      p.payer_account = c.bank_accounts[0];
    } else {
      p.amount.minor = 1 + static_cast<int64_t>(rng() % 1'000'000);
      p.remittance_text = "PAYMENT " + std::to_string(rng() % 100000);
      p.payer_name = "Nobody Known " + std::to_string(rng() % 1000);
    }
    out.push_back(std::move(p));
  }
  return out;
}

// Appends `decisions` to the file CASHMATCH_MATCH_DUMP names, if set.
void Dump(const std::string& name, const std::vector<Decision>& decisions) {
  const char* path = std::getenv("CASHMATCH_MATCH_DUMP");
  if (path == nullptr) return;
  std::ofstream out(path, std::ios::app);
  for (size_t i = 0; i < decisions.size(); ++i) {
    const Decision& d = decisions[i];
    out << name << ' ' << i << ' ' << DecisionKindName(d.kind) << ' ' << d.confidence_bp << " cust="
        << d.customer_id << " reason=" << d.reason << '\n';
    for (const Application& a : d.applications) {
      out << "  app " << a.payment_id << ' ' << a.company << '/' << a.invoice_id << ' ' << a.customer_id << ' '
          << a.applied.minor << ' ' << a.discount.minor << ' ' << a.writeoff.minor << ' '
          << static_cast<int>(a.method) << ' ' << a.confidence_bp << ' ' << a.evidence << '\n';
    }
    for (const Suggestion& s : d.suggestions) {
      out << "  sug " << s.company << '/' << s.invoice_id << ' ' << s.amount.minor << ' ' << s.confidence_bp << '\n';
    }
  }
}

// CPU seconds of the whole process (every thread), user and system.
double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

World& Get(size_t n) {
  static std::map<size_t, std::unique_ptr<World>> worlds;
  if (!worlds.contains(n)) worlds.clear();  // one large ledger in memory at a time
  auto& w = worlds[n];
  if (!w) {
    w = std::make_unique<World>();
    w->ledger = BuildLedger(n, &w->open);
    w->mixes["clean"] = Make(*w->ledger, w->open, "clean", 1);
    w->mixes["mixed"] = Make(*w->ledger, w->open, "mixed", 2);
  }
  return *w;
}

void Run(benchmark::State& state, const std::string& mix) {
  World& w = Get(static_cast<size_t>(state.range(0)));
  MatchOptions options;
  options.threads = static_cast<uint32_t>(state.range(1));
  const Matcher m(*w.ledger, options);
  const std::vector<Payment>& payments = w.mixes[mix];
  size_t applied = 0;
  const std::string name = mix + "/" + std::to_string(state.range(0)) + "/" + std::to_string(state.range(1));
  bool dumped = false;
  const double cpu_before = ProcessCpuSeconds();
  for (auto _ : state) {
    std::vector<Decision> d = m.MatchBatch(payments);
    if (!dumped) {
      state.PauseTiming();
      Dump(name, d);
      dumped = true;
      state.ResumeTiming();
    }
    applied = 0;
    for (const Decision& x : d) applied += x.kind == DecisionKind::kApplied;
    benchmark::DoNotOptimize(d.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * payments.size()));
  // Every thread's CPU time (the benchmark's own CPU column counts the
  // calling thread only): what a payment costs whatever the load.
  state.counters["cpu_us_per_payment"] =
      1e6 * (ProcessCpuSeconds() - cpu_before) / static_cast<double>(state.iterations() * payments.size());
  state.counters["applied_pct"] = 100.0 * static_cast<double>(applied) / static_cast<double>(payments.size());
}

void BM_MatchClean(benchmark::State& state) { Run(state, "clean"); }
void BM_MatchMixed(benchmark::State& state) { Run(state, "mixed"); }
BENCHMARK(BM_MatchClean)->ArgsProduct({{1'000'000, 10'000'000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MatchMixed)->ArgsProduct({{1'000'000, 10'000'000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

// One payer with `range(0)` open items; each payment is the sum of three of
// them, no reference.
void BM_Combination(benchmark::State& state) {
  const size_t items = static_cast<size_t>(state.range(0));
  Ledger l;
  Customer c;
  c.customer_id = "BIG";
  c.name = "Big Buyer";
  c.bank_accounts = {"021000021:42"};
  l.UpsertCustomer(c);
  std::mt19937_64 rng(7);
  std::vector<int64_t> amounts;
  for (size_t i = 0; i < items; ++i) {
    Invoice inv;
    inv.invoice_id = "B" + std::to_string(i);
    inv.customer_id = "BIG";
    const int64_t a = 1000 + static_cast<int64_t>(rng() % 500000);
    inv.amount = inv.open_amount = Money{a, *Currency::FromCode("USD")};
    inv.invoice_date = Date{20000 + static_cast<int32_t>(i % 300)};
    if (!l.UpsertInvoice(inv).ok()) std::abort();
    amounts.push_back(a);
  }
  std::vector<Payment> payments;
  for (uint64_t k = 0; k < 200; ++k) {
    Payment p;
    p.payment_id = k + 1;
    p.format = "bench";
    p.payer_account = "021000021:42";
    p.value_date = Date{20400};
    p.amount = Money{amounts[rng() % items] + amounts[rng() % items] + amounts[rng() % items],
                     *Currency::FromCode("USD")};
    payments.push_back(p);
  }
  MatchOptions options;
  options.threads = 1;
  const Matcher m(l, options);
  const std::string name = "combination/" + std::to_string(items);
  bool dumped = false;
  for (auto _ : state) {
    std::vector<Decision> d = m.MatchBatch(payments);
    if (!dumped) {
      state.PauseTiming();
      Dump(name, d);
      dumped = true;
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(d.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * payments.size()));
}
BENCHMARK(BM_Combination)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
