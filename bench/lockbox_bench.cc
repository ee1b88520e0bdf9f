// Lockbox reading speed: ReadBankFile over a generated transmission file of
// at least 100 MB in the spec's layout, single-threaded, written by
// WriteLockbox from checks with MICR data and one to six invoices each.
//
//   lockbox_bench --benchmark_filter=BM_ReadLockbox
//
// Counters: bytes_per_second (input), items_per_second (checks).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bank_writers.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t s_;
};

std::string Digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng.Below(10)));
  return s;
}

Payment Check(Rng& rng, Date date, Currency usd) {
  Payment p;
  p.amount = Money{static_cast<int64_t>(1000 + rng.Below(20000000)), usd};
  p.value_date = date;
  p.payer_account = Digits(rng, 9) + ":" + Digits(rng, 10);
  p.trace_number = Digits(rng, 6);
  const int lines = 1 + static_cast<int>(rng.Below(6));
  for (int i = 0; i < lines; ++i) {
    RemittanceLine line;
    line.reference = "INV" + Digits(rng, 8);
    line.paid = Money{static_cast<int64_t>(rng.Below(5000000)), usd};
    if (rng.Below(5) == 0) line.discount = Money{static_cast<int64_t>(rng.Below(10000)), usd};
    p.remittance.push_back(std::move(line));
  }
  return p;
}

const std::string& File() {
  static const std::string file = [] {
    gen::BankWriteOptions o;
    o.account = "0012345";
    Rng rng(5);
    std::vector<Payment> checks;
    // ~80 bytes a record, 3.7 records a check: 360000 checks pass 100 MB.
    for (int i = 0; i < 360000; ++i) checks.push_back(Check(rng, o.date, o.currency));
    return gen::WriteLockbox(checks, o);
  }();
  return file;
}

void BM_ReadLockbox(benchmark::State& state) {
  const std::string& bytes = File();
  BankReadOptions options;
  options.format = BankFormat::kLockbox;
  size_t payments = 0;
  for (auto _ : state) {
    Result<BankFile> r = ReadBankFile(bytes, "bench.lbx", options);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    payments = r->payments.size();
    benchmark::DoNotOptimize(r->payments.data());
    // Freeing the result is the caller's business, not reading.
    state.PauseTiming();
    r = Status::Unsupported("freed");
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * payments));
  state.counters["file_MB"] = static_cast<double>(bytes.size()) / (1 << 20);
  state.counters["payments"] = static_cast<double>(payments);
}
BENCHMARK(BM_ReadLockbox)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
