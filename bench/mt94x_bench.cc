// Reading a generated MT940 of at least 100 MB, single-threaded: bytes and
// payments per second, for each :86: dialect the writer produces (German
// DK ?-sub-fields over several lines; ING / ABN AMRO slash tags).
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "bank_writers.h"
#include "cashmatch/bank_file.h"
#include "names.h"

namespace cashmatch {
namespace {

constexpr size_t kTargetBytes = size_t{100} << 20;

std::string Pick(std::mt19937_64& rng, std::span<const std::string_view> words) {
  return std::string(words[rng() % words.size()]);
}

std::string Digits(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
  return s;
}

// Payments as a bank's customers send them: a company name, an IBAN, the
// bank's reference, an end-to-end id, and remittance text naming one to
// four invoices among ordinary words, 30 to 180 characters.
Payment RealisticPayment(std::mt19937_64& rng, Currency eur) {
  static constexpr std::string_view kFiller[] = {
      "Rechnung", "Invoice", "payment", "for", "order", "Kd-Nr.", "vom", "Teilzahlung",
      "Zahlung", "thank you", "Gutschrift", "Skonto 2%", "Lieferung", "Nov 2026"};
  Payment p;
  p.direction = rng() % 5 == 0 ? Direction::kDebit : Direction::kCredit;
  p.amount = Money{static_cast<int64_t>(100 + rng() % 2'000'000), eur};
  p.value_date = Date::FromCivil(2026, 11, 1 + rng() % 20);
  p.source_ref = "0724" + Digits(rng, 12);
  p.trace_number = "E2E" + Digits(rng, 14);
  p.payer_name = Pick(rng, gen::NameWords()) + " " + Pick(rng, gen::IndustryWords()) + " " +
                 Pick(rng, gen::LegalForms());
  p.payer_account = "DE" + Digits(rng, 20);
  const int invoices = 1 + static_cast<int>(rng() % 4);
  const size_t length = 30 + rng() % 150;
  for (int i = 0; p.remittance_text.size() < length; ++i) {
    if (!p.remittance_text.empty()) p.remittance_text += ' ';
    p.remittance_text += i < invoices && rng() % 2 ? "INV-2026-" + Digits(rng, 6)
                                                   : std::string(kFiller[rng() % std::size(kFiller)]);
  }
  return p;
}

// A file of >= 100 MB in the requested dialect: the writer's seed picks
// the dialect, so seeds are tried on a small sample first.
const std::string& File(bool dk) {
  static std::string files[2];
  std::string& file = files[dk];
  if (!file.empty()) return file;
  const Currency eur = *Currency::FromCode("EUR");
  std::mt19937_64 rng(42);
  std::vector<Payment> sample;
  for (int i = 0; i < 20; ++i) sample.push_back(RealisticPayment(rng, eur));
  gen::BankWriteOptions options;
  options.currency = eur;
  options.account = "DE89370400440532013000";
  options.bank_id = "COBADEFFXXX";
  for (options.seed = 1;; ++options.seed) {
    const std::string probe = gen::WriteMt940(sample, options);
    if ((probe.find("?20") != std::string::npos) == dk) break;
  }
  std::vector<Payment> payments;
  while (file.size() < kTargetBytes) {
    payments.clear();
    for (int i = 0; i < 100'000; ++i) payments.push_back(RealisticPayment(rng, eur));
    file += gen::WriteMt940(payments, options);  // one seed: one dialect throughout
  }
  return file;
}

void BM_ReadMt940(benchmark::State& state) {
  const bool dk = state.range(0) == 0;
  const std::string& bytes = File(dk);
  size_t payments = 0;
  for (auto _ : state) {
    Result<BankFile> r = ReadBankFile(bytes, "bench.sta");
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    payments = r->payments.size();
    benchmark::DoNotOptimize(r->payments.data());
    // Freeing 400,000 payments is the caller's business, not reading.
    state.PauseTiming();
    { BankFile done = std::move(r).value(); }
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * payments));
  state.counters["MB"] = static_cast<double>(bytes.size()) / (1 << 20);
  state.counters["payments"] = static_cast<double>(payments);
  state.SetLabel(dk ? "DK ?-sub-fields" : "slash tags");
}
BENCHMARK(BM_ReadMt940)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
