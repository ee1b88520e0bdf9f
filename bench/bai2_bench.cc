// BAI2 reading speed: ReadBankFile over a generated file of at least
// 100 MB, single-threaded, written by WriteBai2 from payments that look like
// a busy corporate account's (US ACH, wires and Goldman Sachs style text,
// payer names and accounts, a few invoice references, RMR addenda on some).
//
//   bai2_bench --benchmark_filter=BM_ReadBai2
//
// Counters: bytes_per_second (input), items_per_second (payments).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bank_writers.h"
#include "cashmatch/bank_file.h"
#include "names.h"

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

constexpr const char* kPhrases[] = {"PAYMENT FOR INVOICE", "INV",      "PO",        "REMITTANCE",
                                    "NET 30",              "PARTIAL",  "THANK YOU", "SETTLEMENT",
                                    "ACCOUNT",             "CUSTOMER", "REF",       "NOVEMBER"};

Payment RealisticPayment(Rng& rng, Date as_of, Currency usd) {
  Payment p;
  p.direction = rng.Below(100) < 85 ? Direction::kCredit : Direction::kDebit;
  p.amount = Money{static_cast<int64_t>(100 + rng.Below(50000000)), usd};
  p.value_date = rng.Below(4) == 0 ? Date{as_of.days - 1} : as_of;
  p.source_ref = (rng.Below(2) ? "GI" : "SPB") + Digits(rng, 13);
  auto names = gen::NameWords();
  auto industries = gen::IndustryWords();
  auto forms = gen::LegalForms();
  p.payer_name = std::string(names[rng.Below(names.size())]) + " " +
                 std::string(industries[rng.Below(industries.size())]) + " " +
                 std::string(forms[rng.Below(forms.size())]);
  if (rng.Below(100) < 70) p.payer_account = Digits(rng, 9) + ":" + Digits(rng, 10);
  const int words = 3 + static_cast<int>(rng.Below(18));
  for (int i = 0; i < words; ++i) {
    if (i) p.remittance_text += ' ';
    p.remittance_text += rng.Below(3) == 0 ? "INV" + Digits(rng, 7) : kPhrases[rng.Below(12)];
  }
  if (rng.Below(100) < 30) {
    const int n = 1 + static_cast<int>(rng.Below(3));
    for (int i = 0; i < n; ++i) {
      RemittanceLine line;
      line.reference = "INV" + Digits(rng, 7);
      line.paid = Money{static_cast<int64_t>(rng.Below(10000000)), usd};
      p.remittance.push_back(std::move(line));
    }
  }
  if (rng.Below(2)) p.trace_number = Digits(rng, 15);
  return p;
}

const std::string& File() {
  static const std::string file = [] {
    gen::BankWriteOptions o;
    o.seed = 2026;
    Rng rng(11);
    std::vector<Payment> payments;
    std::string out;
    // Write in chunks (one file per chunk, concatenated: BAI2 allows it)
    // until the file passes 100 MB.
    while (out.size() < (size_t{100} << 20)) {
      payments.clear();
      for (int i = 0; i < 20000; ++i) payments.push_back(RealisticPayment(rng, o.date, o.currency));
      out += gen::WriteBai2(payments, o);
      ++o.seed;
    }
    return out;
  }();
  return file;
}

void BM_ReadBai2(benchmark::State& state) {
  const std::string& bytes = File();
  BankReadOptions options;
  options.format = BankFormat::kBai2;
  size_t payments = 0;
  for (auto _ : state) {
    Result<BankFile> r = ReadBankFile(bytes, "bench.bai", options);
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
BENCHMARK(BM_ReadBai2)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
