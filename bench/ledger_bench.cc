// Ledger benchmarks: build time, memory per invoice, and the lookups the
// matcher makes per remittance token, over ledgers of 100 thousand to 10
// million invoices generated in-process.
//
// The data imitate an ERP: five legal entities, each numbering its invoices
// sequentially in its own style ("INV-0001234567", "40012345",
// "SI0201234", "FA2024-000123", "5100012345"); a fifth of the normalized
// references are 10 characters or more and so get distance-2 indexing.
// Customers hold 10 invoices on average, skewed (a few hold thousands);
// 30% of invoices carry a PO, 20% are open.
//
// Each ledger is built once, by BM_LedgerBuild, and kept for the lookups.
// Fuzzy queries are split: below Ledger::kLongReference characters they ask
// for distance 1, from it on for distance 2, which on dense sequential
// numbers returns hundreds of invoices (the `hits` counter).
//
//   bench/ledger_bench --benchmark_filter='/1000000'   one size only
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cashmatch/ledger.h"

namespace cashmatch {
namespace {

const Currency kUsd = *Currency::FromCode("USD");

size_t ResidentBytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  const int got = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return got == 2 ? resident * static_cast<size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

std::string Padded(uint64_t n, int width) {
  std::string s = std::to_string(n);
  if (static_cast<int>(s.size()) < width) s.insert(0, width - s.size(), '0');
  return s;
}

struct Company {
  const char* name;
  double share;
};
constexpr Company kCompanies[] = {
    {"US01", 0.35}, {"DE01", 0.25}, {"GB01", 0.20}, {"FR01", 0.10}, {"JP01", 0.10}};

// The company's n-th invoice number, in its style.
std::string InvoiceId(int company, uint64_t n) {
  switch (company) {
    case 0:
      return "INV-" + Padded(1'000'000 + n, 10);  // -> 7 digits
    case 1:
      return std::to_string(40'000'000 + n);  // 8 digits
    case 2:
      return "SI" + Padded(200'000 + n, 7);  // -> 6-7 digits
    case 3:
      return "FA" + std::to_string(2019 + n / 300'000) + "-" + Padded(n % 300'000, 6);  // 10
    default:
      return std::to_string(5'100'000'000 + n);  // 10 digits
  }
}

struct Data {
  std::unique_ptr<Ledger> ledger;
  double build_seconds = 0;
  size_t rss_delta = 0;
  std::vector<std::pair<std::string, std::string>> ids;  // (company, id) samples
  std::vector<std::string> references;                   // other spellings
  std::vector<std::string> typos;       // one edit of a real reference, < 10 characters
  std::vector<std::string> long_typos;  // the same, 10+ characters (distance 2 allowed)
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

std::unique_ptr<Data> Build(size_t n) {
  auto d = std::make_unique<Data>();
  const size_t customers = n / 10;
  std::mt19937_64 rng(n);
  std::uniform_real_distribution<double> unit(0, 1);
  static const char* kWords[] = {"Acme",     "Global", "Northern", "Pacific", "United",
                                 "Atlas",    "Summit", "Harbor",   "Pioneer", "Sterling",
                                 "Consolidated", "Industrial", "Supply",  "Foods",  "Logistics"};
  static const char* kForms[] = {"Inc", "LLC", "Ltd", "GmbH", "Corp", "SA"};
  const size_t before = ResidentBytes();
  const auto start = std::chrono::steady_clock::now();
  d->ledger = std::make_unique<Ledger>();
  Ledger& l = *d->ledger;
  l.Reserve(customers, n);
  Customer c;
  for (size_t i = 0; i < customers; ++i) {
    c.customer_id = "C" + Padded(i, 8);
    c.name = std::string(kWords[rng() % 15]) + " " + kWords[rng() % 15] + " " +
             std::to_string(i) + " " + kForms[rng() % 6];
    c.aliases.clear();
    if (rng() % 10 < 3) c.aliases.push_back(c.name + " Holdings");
    c.bank_accounts.clear();
    if (rng() % 10 < 6) {
      c.bank_accounts.push_back(Padded(rng() % 1'000'000'000, 9) + ":" +
                                Padded(rng() % 10'000'000'000ULL, 12));
    }
    c.parent_id = i > 100 && rng() % 20 == 0 ? "C" + Padded(rng() % i, 8) : "";
    l.UpsertCustomer(c);
  }
  uint64_t next[5] = {};
  Invoice inv;
  for (size_t i = 0; i < n; ++i) {
    double u = unit(rng);
    int company = 0;
    while (company < 4 && u >= kCompanies[company].share) u -= kCompanies[company++].share;
    inv.company = kCompanies[company].name;
    inv.invoice_id = InvoiceId(company, next[company]++);
    // Skewed: customer k gets a share proportional to 1/sqrt(k).
    const double v = unit(rng);
    inv.customer_id = "C" + Padded(static_cast<size_t>(v * v * customers), 8);
    const int64_t amount = 10'000 + static_cast<int64_t>(rng() % 5'000'000);
    inv.amount = Money{amount, kUsd};
    inv.open_amount = Money{rng() % 5 == 0 ? amount : 0, kUsd};
    inv.po_number = rng() % 10 < 3 ? "PO-45" + Padded(rng() % 100'000'000, 8) : "";
    inv.invoice_date = Date{19'000 + static_cast<int32_t>(i / 5000)};
    inv.due_date = Date{inv.invoice_date.days + 30};
    const Result<InvoiceNo> r = l.UpsertInvoice(inv);
    if (!r.ok()) std::abort();
  }
  d->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  d->rss_delta = ResidentBytes() - before;

  for (int q = 0; q < 100'000; ++q) {
    const InvoiceView v = l.invoice(static_cast<InvoiceNo>(rng() % n));
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
  if (!d) d = Build(n);
  return *d;
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->Arg(100'000)->Arg(1'000'000)->Arg(10'000'000);
}

void BM_LedgerBuild(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    const Data& d = Get(n);
    state.SetIterationTime(d.build_seconds);
  }
  const Data& d = Get(n);
  state.SetItemsProcessed(static_cast<int64_t>(n));
  state.counters["bytes_per_invoice"] = static_cast<double>(d.ledger->MemoryUsage()) / n;
  state.counters["rss_per_invoice"] = static_cast<double>(d.rss_delta) / n;
  state.counters["open"] = static_cast<double>(d.ledger->open_invoice_count());
}
BENCHMARK(BM_LedgerBuild)->Apply(Sizes)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

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

void Fuzzy(benchmark::State& state, const std::vector<std::string>& queries) {
  const Data& d = Get(static_cast<size_t>(state.range(0)));
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
