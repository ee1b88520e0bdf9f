// Ledger benchmarks: build time, memory per invoice, and the lookups the
// matcher makes per remittance token, over ledgers of 100 thousand to 10
// million invoices from the project's own generator (tools/gen), so the
// figures reflect the data the rest of the project uses: four companies
// numbering "INV-00000001", "9000000001", "SI-2026-0000001", "INV0000001",
// 3% credit memos "CM-0000001", 30% POs, one customer per ten invoices.
//
// Each ledger is built once, by BM_LedgerBuild, the way the service loads
// it from the store (the bulk path), and kept for the lookups. The records
// are generated in chunks outside the timed part. BM_LedgerUpsert times the
// one-by-one path at the smaller sizes; BM_LedgerLoadInvoicesAfterCustomers
// and BM_LedgerAppend the bulk path onto a ledger that holds records, as
// `cashmatch load` of separate files and of daily files makes it.
//
// Fuzzy queries are one edit of a real reference; they are split at
// Ledger::kLongReference characters: below, distance 1; from it on,
// distance 2, which on dense sequential numbers returns many invoices (the
// `hits` counter). The generator's references are at most 11 characters,
// so long queries come from an insertion into an 11-character one.
//
//   bench/ledger_bench --benchmark_filter='/1000000'   one size only
#include <benchmark/benchmark.h>
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cashmatch/ledger.h"
#include "open_items_gen.h"

namespace cashmatch {
namespace {

size_t ResidentBytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  const int got = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return got == 2 ? resident * static_cast<size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

gen::OpenItemsOptions GenOptions(size_t n) {
  gen::OpenItemsOptions o;
  o.customers = n / 10;
  o.invoices = n;
  o.companies = 4;
  return o;
}

struct Data {
  std::unique_ptr<Ledger> ledger;
  double build_seconds = 0;
  size_t rss_delta = 0;
  std::vector<std::pair<std::string, std::string>> ids;  // (company, id) samples
  std::vector<std::string> references;                   // other spellings
  std::vector<std::string> typos;       // one edit of a real reference, short
  std::vector<std::string> long_typos;  // the same, kLongReference characters or more
  std::vector<std::pair<CustomerNo, Money>> amounts;     // an open invoice's amount
};

std::string Typo(std::string s, std::mt19937_64& rng) {
  const std::string digits = "0123456789";
  const size_t at = rng() % s.size();
  switch (rng() % 4) {
    case 0:
      s[at] = s[at] == '9' ? '0' : static_cast<char>(s[at] + 1);
      break;
    case 1:
      if (at + 1 < s.size() && s[at] != s[at + 1]) {
        std::swap(s[at], s[at + 1]);
      } else {
        s[at] = s[at] == '9' ? '0' : static_cast<char>(s[at] + 1);
      }
      break;
    case 2:
      s.insert(at, 1, digits[rng() % 10]);
      break;
    default:
      s.erase(at, 1);
  }
  return s;
}

// Loads customers and invoices [0, n) in generator order, generating each
// chunk (on all cores) outside the timed part; returns the seconds spent in
// the ledger. `bulk` selects the path the service uses to load the store.
template <typename Load>
double LoadInChunks(const gen::OpenItemsGenerator& g, size_t n, std::vector<Load>* chunk,
                    Load (gen::OpenItemsGenerator::*make)(uint64_t) const, auto&& add) {
  constexpr size_t kChunk = 1 << 16;
  double seconds = 0;
  for (size_t begin = 0; begin < n; begin += kChunk) {
    const size_t end = std::min(n, begin + kChunk);
    chunk->resize(end - begin);
    tbb::parallel_for(begin, end, [&](size_t i) { (*chunk)[i - begin] = (g.*make)(i); });
    const auto start = std::chrono::steady_clock::now();
    for (const Load& item : *chunk) add(item);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return seconds;
}

std::unique_ptr<Data> Build(size_t n, bool bulk) {
  auto d = std::make_unique<Data>();
  const gen::OpenItemsGenerator g(GenOptions(n));
  std::vector<Customer> customers;
  std::vector<Invoice> invoices;
  customers.reserve(1 << 16);
  invoices.reserve(1 << 16);
  const size_t before = ResidentBytes();
  d->ledger = std::make_unique<Ledger>();
  Ledger& l = *d->ledger;
  auto start = std::chrono::steady_clock::now();
  l.Reserve(n / 10, n);
  if (bulk) l.BeginBulkLoad();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  seconds += LoadInChunks(g, n / 10, &customers, &gen::OpenItemsGenerator::MakeCustomer,
                          [&](const Customer& c) {
                            if (bulk) {
                              l.BulkAddCustomer(c);
                            } else {
                              l.UpsertCustomer(c);
                            }
                          });
  seconds += LoadInChunks(g, n, &invoices, &gen::OpenItemsGenerator::MakeInvoice,
                          [&](const Invoice& inv) {
                            if (bulk) {
                              l.BulkAddInvoice(inv);
                            } else if (!l.UpsertInvoice(inv).ok()) {
                              std::abort();
                            }
                          });
  if (bulk) {
    start = std::chrono::steady_clock::now();
    if (!l.EndBulkLoad().ok()) std::abort();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  d->build_seconds = seconds;
  customers = {};
  invoices = {};
  d->rss_delta = ResidentBytes() - before;

  std::mt19937_64 rng(n);
  for (int q = 0; q < 100'000; ++q) {
    const InvoiceView v = l.invoice(static_cast<InvoiceNo>(rng() % l.invoice_count()));
    d->ids.emplace_back(std::string(v.company), std::string(v.invoice_id));
    const std::string norm = NormalizeReference(v.invoice_id);
    d->references.push_back(q % 2 ? "inv #" + norm : "00" + norm);
    const std::string typo = Typo(norm, rng);
    (typo.size() >= Ledger::kLongReference ? d->long_typos : d->typos).push_back(typo);
    if (v.open_amount.minor != 0) d->amounts.emplace_back(v.customer, v.open_amount);
  }
  return d;
}

Data& Get(size_t n) {
  static std::map<size_t, std::unique_ptr<Data>> cache;
  std::unique_ptr<Data>& d = cache[n];
  if (!d) d = Build(n, true);
  return *d;
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->Arg(100'000)->Arg(1'000'000)->Arg(10'000'000);
}

void BuildCounters(benchmark::State& state, const Data& d, size_t n) {
  state.SetItemsProcessed(static_cast<int64_t>(n));
  state.counters["bytes_per_invoice"] = static_cast<double>(d.ledger->MemoryUsage()) / n;
  state.counters["rss_per_invoice"] = static_cast<double>(d.rss_delta) / n;
  state.counters["open"] = static_cast<double>(d.ledger->open_invoice_count());
}

void BM_LedgerBuild(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  for (auto _ : state) state.SetIterationTime(Get(n).build_seconds);
  BuildCounters(state, Get(n), n);
}
BENCHMARK(BM_LedgerBuild)->Apply(Sizes)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// The one-by-one path, on a ledger of its own that is dropped afterwards.
void BM_LedgerUpsert(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  std::unique_ptr<Data> d;
  for (auto _ : state) {
    d = Build(n, false);
    state.SetIterationTime(d->build_seconds);
  }
  BuildCounters(state, *d, n);
}
BENCHMARK(BM_LedgerUpsert)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);

// The service's load of separate files: customers in one bulk load, then
// invoices in another, which finds the customers held. Timed: the
// invoices' load, on a ledger of its own.
void BM_LedgerLoadInvoicesAfterCustomers(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    const gen::OpenItemsGenerator g(GenOptions(n));
    std::vector<Customer> customers;
    std::vector<Invoice> invoices;
    Ledger l;
    l.BeginBulkLoad();
    LoadInChunks(g, n / 10, &customers, &gen::OpenItemsGenerator::MakeCustomer,
                 [&](const Customer& c) { l.BulkAddCustomer(c); });
    if (!l.EndBulkLoad().ok()) std::abort();
    l.BeginBulkLoad();
    double seconds = LoadInChunks(g, n, &invoices, &gen::OpenItemsGenerator::MakeInvoice,
                                  [&](const Invoice& inv) { l.BulkAddInvoice(inv); });
    const auto start = std::chrono::steady_clock::now();
    if (!l.EndBulkLoad().ok()) std::abort();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(seconds);
    state.counters["bytes_per_invoice"] = static_cast<double>(l.MemoryUsage()) / n;
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_LedgerLoadInvoicesAfterCustomers)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);

// A bulk load onto a ledger holding n invoices (built outside the timed
// part): range(1) percent more, half new invoices and half replacements of
// held ones with another open amount, as a daily file brings. 10 % is
// merged into the indexes, 1 % kept up record by record.
void BM_LedgerAppend(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  const auto extra = n * static_cast<size_t>(state.range(1)) / 100;
  for (auto _ : state) {
    gen::OpenItemsOptions options = GenOptions(n);
    options.invoices = n + extra;
    const gen::OpenItemsGenerator g(options);
    std::vector<Customer> customers;
    std::vector<Invoice> invoices;
    Ledger l;
    l.BeginBulkLoad();
    LoadInChunks(g, n / 10, &customers, &gen::OpenItemsGenerator::MakeCustomer,
                 [&](const Customer& c) { l.BulkAddCustomer(c); });
    LoadInChunks(g, n, &invoices, &gen::OpenItemsGenerator::MakeInvoice,
                 [&](const Invoice& inv) { l.BulkAddInvoice(inv); });
    if (!l.EndBulkLoad().ok()) std::abort();
    std::vector<Invoice> more(extra);
    tbb::parallel_for(size_t{0}, extra, [&](size_t i) {
      if (i % 2 == 0) {
        more[i] = g.MakeInvoice(n + i);
      } else {
        more[i] = g.MakeInvoice(i * 7919 % n);
        more[i].open_amount.minor /= 2;
      }
    });
    const auto start = std::chrono::steady_clock::now();
    l.BeginBulkLoad();
    for (const Invoice& inv : more) l.BulkAddInvoice(inv);
    if (!l.EndBulkLoad().ok()) std::abort();
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  state.SetItemsProcessed(static_cast<int64_t>(extra));
}
BENCHMARK(BM_LedgerAppend)
    ->ArgsProduct({{1'000'000, 10'000'000}, {1, 10}})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);

void BM_FindInvoice(benchmark::State& state) {
  const Data& d = Get(static_cast<size_t>(state.range(0)));
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& [company, id] = d.ids[i++ % d.ids.size()];
    found += d.ledger->FindInvoice(company, id).has_value();
  }
  if (found != static_cast<size_t>(state.iterations())) state.SkipWithError("id not found");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FindInvoice)->Apply(Sizes);

void BM_FindByReference(benchmark::State& state) {
  const Data& d = Get(static_cast<size_t>(state.range(0)));
  std::vector<InvoiceNo> out;
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    out.clear();
    d.ledger->FindByReference(d.references[i++ % d.references.size()], &out);
    hits += out.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hits"] = static_cast<double>(hits) / state.iterations();
}
BENCHMARK(BM_FindByReference)->Apply(Sizes);

// The matcher's way: all the tokens of many payments in one call. Time and
// items are per reference, comparable with BM_FindByReference.
void BM_FindByReferenceBatched(benchmark::State& state) {
  const Data& d = Get(static_cast<size_t>(state.range(0)));
  const auto batch = static_cast<size_t>(state.range(1));
  std::vector<std::string_view> refs(d.references.begin(), d.references.end());
  std::vector<InvoiceNo> out;
  std::vector<size_t> ends;
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    out.clear();
    if (i + batch > refs.size()) i = 0;
    d.ledger->FindByReferences(std::span(refs).subspan(i, batch), &out, &ends);
    i += batch;
    hits += out.size();
  }
  const auto queries = static_cast<int64_t>(state.iterations() * batch);
  state.SetItemsProcessed(queries);
  state.counters["hits"] = static_cast<double>(hits) / static_cast<double>(queries);
  state.counters["ns_per_query"] = benchmark::Counter(
      static_cast<double>(queries), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_FindByReferenceBatched)->ArgsProduct({{100'000, 1'000'000, 10'000'000}, {16, 64}});

void Fuzzy(benchmark::State& state, const std::vector<std::string>& queries) {
  const Data& d = Get(static_cast<size_t>(state.range(0)));
  if (queries.empty()) {
    state.SkipWithError("no queries of this length");
    return;
  }
  std::vector<FuzzyHit> out;
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    out.clear();
    d.ledger->FindByReferenceFuzzy(queries[i++ % queries.size()], &out);
    hits += out.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hits"] = static_cast<double>(hits) / state.iterations();
}

void BM_FindByReferenceFuzzy(benchmark::State& state) {
  Fuzzy(state, Get(static_cast<size_t>(state.range(0))).typos);
}
BENCHMARK(BM_FindByReferenceFuzzy)->Apply(Sizes);

void BM_FindByReferenceFuzzyLong(benchmark::State& state) {
  Fuzzy(state, Get(static_cast<size_t>(state.range(0))).long_typos);
}
BENCHMARK(BM_FindByReferenceFuzzyLong)->Apply(Sizes);

void BM_FindOpenByAmount(benchmark::State& state) {
  const Data& d = Get(static_cast<size_t>(state.range(0)));
  std::vector<InvoiceNo> out;
  size_t i = 0;
  for (auto _ : state) {
    out.clear();
    const auto& [customer, amount] = d.amounts[i++ % d.amounts.size()];
    d.ledger->FindOpenByAmount(customer, amount, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FindOpenByAmount)->Apply(Sizes);

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
