// camt reading speed: a generated camt.053 of more than 100 MB, as a bank
// sends it (pretty-printed, entries with TxDtls, structured remittance with
// RfrdDocInf and RfrdDocAmt, Ustrd text, debtors with IBANs), parsed by
// ReadBankFile on one thread. Goal: 150 MB/s per core.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "bank_writers.h"
#include "cashmatch/bank_file.h"
#include "names.h"

namespace cashmatch {
namespace {

std::string Digits(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
  return s;
}

// Payments the way a receivables account sees them: most pay one to four
// invoices with structured remittance, some carry only free text, one in
// ten is a debit.
std::vector<Payment> MakePayments(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const Currency eur = *Currency::FromCode("EUR");
  auto names = gen::NameWords();
  auto industries = gen::IndustryWords();
  auto forms = gen::LegalForms();
  std::vector<Payment> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    Payment p;
    p.source_ref = "2026112" + Digits(rng, 12);
    p.trace_number = "E2E" + Digits(rng, 16);
    p.direction = rng() % 10 == 0 ? Direction::kDebit : Direction::kCredit;
    p.amount = Money{static_cast<int64_t>(1000 + rng() % 2000000), eur};
    p.value_date = Date::FromCivil(2026, 11, 20);
    p.booking_date = p.value_date;
    p.payer_name = std::string(names[rng() % names.size()]) + " " +
                   std::string(industries[rng() % industries.size()]) + " " +
                   std::string(forms[rng() % forms.size()]);
    p.payer_account = "DE" + Digits(rng, 20);
    p.transaction_code = p.direction == Direction::kCredit ? "PMNT/RCDT/ESCT" : "PMNT/ICDT/ESCT";
    const size_t lines = rng() % 5;
    std::string text;
    for (size_t k = 0; k < lines; ++k) {
      RemittanceLine l;
      l.reference = "INV-2026-" + Digits(rng, 6);
      const int64_t due = static_cast<int64_t>(1000 + rng() % 500000);
      l.invoice_amount = Money{due, eur};
      l.paid = Money{due - (rng() % 4 == 0 ? due / 50 : 0), eur};
      if (*l.paid != *l.invoice_amount) l.discount = Money{l.invoice_amount->minor - l.paid->minor, eur};
      text += (text.empty() ? "" : " ") + l.reference;
      p.remittance.push_back(std::move(l));
    }
    if (lines == 0 || rng() % 3 == 0) {
      p.remittance_text = "Payment for " + (text.empty() ? "INV-2026-" + Digits(rng, 6) : text) +
                          " order PO" + Digits(rng, 8) + " thank you for your business";
    }
    out.push_back(std::move(p));
  }
  return out;
}

// A pretty-printed file of at least `min_bytes`: the writer picks the
// layout from the seed, so take the first seed that indents.
std::string MakeFile(size_t min_bytes, bool indented, size_t* payments) {
  const size_t n = min_bytes / (indented ? 2200 : 1500) + 1;
  std::vector<Payment> all = MakePayments(n, 42);
  gen::BankWriteOptions options;
  options.account = "DE89370400440532013000";
  options.currency = *Currency::FromCode("EUR");
  for (uint64_t seed = 1;; ++seed) {
    options.seed = seed;
    std::string probe = gen::WriteCamt(std::span<const Payment>(all.data(), 1), options, 53, 8);
    const bool has_indent = probe.find("\n ") != std::string::npos ||
                            probe.find("\n\t") != std::string::npos;
    if (has_indent == indented && probe.find("ns2:") == std::string::npos) break;
  }
  std::string file = gen::WriteCamt(all, options, 53, 8);
  *payments = all.size();
  return file;
}

void ReadCamt(benchmark::State& state, bool indented) {
  size_t payments = 0;
  const std::string file = MakeFile(size_t{100} << 20, indented, &payments);
  for (auto _ : state) {
    Result<BankFile> r = ReadBankFile(file, "bench.xml");
    if (!r.ok() || r->payments.size() != payments) {
      state.SkipWithError(r.ok() ? "payment count differs" : r.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(r->payments.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * payments));
  state.counters["file_MB"] = static_cast<double>(file.size()) / (1 << 20);
}

void BM_Camt053Pretty(benchmark::State& state) { ReadCamt(state, true); }
void BM_Camt053Minified(benchmark::State& state) { ReadCamt(state, false); }

BENCHMARK(BM_Camt053Pretty)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Camt053Minified)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
