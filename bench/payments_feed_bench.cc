// Payments feed reading speed: ReadBankFile single-threaded over a ~100 MB
// feed generated in memory with the feed writer, as JSON Lines and as CSV.
// Rows look like a lockbox provider's: a reference, dates, an amount, a
// payer with an account, one to four invoice references in free text, and
// on a third of the rows structured lines.
//
//   payments_feed_bench --benchmark_filter=Jsonl
//
// Counters: bytes_per_second (input), items_per_second (payments).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cashmatch/bank_file.h"
#include "names.h"
#include "payments_feed_writer.h"

namespace cashmatch {
namespace {

// About 230 bytes a row: some 110 MB of JSON Lines, 95 MB of CSV.
constexpr uint64_t kRows = 480000;
// Every payment copies the file name: a realistic one, longer than the
// 15 characters std::string keeps without allocating.
constexpr std::string_view kFileName = "lockbox_feed_20261120.jsonl";

// splitmix64: a small, fast, deterministic generator.
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
  bool Percent(uint64_t p) { return Below(100) < p; }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  uint64_t s_;
};

std::string Digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng.Below(10)));
  return s;
}

Payment MakePayment(Rng& rng, uint64_t index) {
  static const Currency kUsd = *Currency::FromCode("USD");
  static const Currency kEur = *Currency::FromCode("EUR");
  Payment p;
  char ref[32];
  std::snprintf(ref, sizeof ref, "LBX-%08llu", static_cast<unsigned long long>(index));
  p.source_ref = ref;
  p.amount = Money{static_cast<int64_t>(1000 + rng.Below(5'000'000)), rng.Percent(85) ? kUsd : kEur};
  p.direction = rng.Percent(3) ? Direction::kDebit : Direction::kCredit;
  p.value_date = Date::FromCivil(2026, 11, 1 + static_cast<unsigned>(rng.Below(28)));
  p.payer_name = std::string(rng.Pick(gen::NameWords())) + " " +
                 std::string(rng.Pick(gen::IndustryWords())) + " " +
                 std::string(rng.Pick(gen::LegalForms()));
  p.payer_account = p.amount.currency == kUsd ? Digits(rng, 9) + ":" + Digits(rng, 10)
                                               : "DE" + Digits(rng, 20);
  const size_t invoices = 1 + rng.Below(4);
  std::string text = rng.Percent(50) ? "PAYMENT FOR" : "INV";
  for (size_t i = 0; i < invoices; ++i) text += " INV-" + Digits(rng, 6);
  if (rng.Percent(40)) text += " PO " + Digits(rng, 7) + " THANK YOU";
  p.remittance_text = std::move(text);
  if (rng.Percent(30)) {
    for (size_t i = 0; i < invoices; ++i) {
      RemittanceLine l;
      l.reference = "INV-" + Digits(rng, 6);
      l.paid = Money{static_cast<int64_t>(100 + rng.Below(1'000'000)), p.amount.currency};
      if (rng.Percent(20)) l.discount = Money{static_cast<int64_t>(rng.Below(5000)), p.amount.currency};
      p.remittance.push_back(std::move(l));
    }
  }
  return p;
}

// The feed, generated once per format and kept for every run. All rows
// are written in one call: the CSV writer's header depends on them all.
const std::string& Feed(BankFormat format) {
  static std::string csv, jsonl;
  std::string& out = format == BankFormat::kPaymentsCsv ? csv : jsonl;
  if (!out.empty()) return out;
  Rng rng(42);
  std::vector<Payment> payments;
  payments.reserve(kRows);
  for (uint64_t i = 0; i < kRows; ++i) payments.push_back(MakePayment(rng, i));
  out = format == BankFormat::kPaymentsCsv ? gen::WritePaymentsCsv(payments)
                                           : gen::WritePaymentsJsonl(payments);
  return out;
}

void ReadFeed(benchmark::State& state, BankFormat format) {
  const std::string& bytes = Feed(format);
  size_t payments = 0;
  for (auto _ : state) {
    std::optional<Result<BankFile>> r =
        ReadBankFile(bytes, kFileName, BankReadOptions{.format = format});
    if (!r->ok()) {
      state.SkipWithError(r->status().ToString().c_str());
      return;
    }
    payments = (*r)->payments.size();
    benchmark::DoNotOptimize(r);
    // Freeing half a million payments is the caller's business, not reading.
    state.PauseTiming();
    r.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * payments));
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
  state.counters["avg_row_bytes"] = static_cast<double>(bytes.size()) / static_cast<double>(payments);
}

void BM_ReadPaymentsJsonl(benchmark::State& state) { ReadFeed(state, BankFormat::kPaymentsJsonl); }
void BM_ReadPaymentsCsv(benchmark::State& state) { ReadFeed(state, BankFormat::kPaymentsCsv); }

BENCHMARK(BM_ReadPaymentsJsonl)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_ReadPaymentsCsv)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
