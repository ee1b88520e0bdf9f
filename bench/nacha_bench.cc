// NACHA and X12 820 parsing speed: ReadBankFile single-threaded over files
// of 100 MB and more generated in memory by the project's writers.
//
//   nacha_bench --benchmark_filter=BM_ReadNacha
//
// BM_ReadNacha/0 is a day's mix (CCD, CCD+ with text, CTX with an 820 of a
// few invoices); /1 plain CCD only; /2 CTX only. BM_ReadX12_820 reads a
// standalone 820 file. Counters: bytes_per_second (input) and
// items_per_second (payments or advices).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
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
  bool Percent(uint64_t p) { return Below(100) < p; }

 private:
  uint64_t s_;
};

std::string Digits(Rng& rng, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng.Below(10)));
  return s;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\'') c = ' ';
  }
  return out;
}

std::string PayerName(Rng& rng) {
  const auto names = gen::NameWords();
  const auto industry = gen::IndustryWords();
  const auto legal = gen::LegalForms();
  return Upper(std::string(names[rng.Below(names.size())]) + " " +
               std::string(industry[rng.Below(industry.size())]) + " " +
               std::string(legal[rng.Below(legal.size())]));
}

Money Usd(Rng& rng, int64_t max) {
  return Money{1 + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(max))),
               *Currency::FromCode("USD")};
}

// mix 0: the day's mix; 1: CCD only; 2: CTX only.
std::vector<Payment> MakePayments(int mix, size_t target_bytes) {
  Rng rng(1234 + static_cast<uint64_t>(mix));
  std::vector<Payment> out;
  size_t bytes = 0;
  std::string payer = PayerName(rng);
  const Date day = Date::FromCivil(2026, 11, 20);
  while (bytes < target_bytes) {
    Payment p;
    p.source_ref = p.trace_number = "0910000" + Digits(rng, 8);
    p.amount = Usd(rng, rng.Percent(90) ? 2'500'000 : 500'000'000);
    p.direction = rng.Percent(92) ? Direction::kCredit : Direction::kDebit;
    p.value_date = day;
    p.account = "121000248:" + Digits(rng, 10);
    // A third of payments come from the originator of the one before, so
    // batches hold a few entries as in an RDFI's incoming file.
    if (!rng.Percent(33)) payer = PayerName(rng);
    const uint64_t kind = mix == 1 ? 0 : mix == 2 ? 99 : rng.Below(100);
    if (kind < 50) {  // CCD
      p.payer_name = payer.substr(0, 16);
      bytes += 94 + 60;
    } else if (kind < 70) {  // CCD+ with a line of text
      p.payer_name = payer.substr(0, 16);
      p.remittance_text = "INV " + Digits(rng, 7) + " " + Digits(rng, 7) + " PO " + Digits(rng, 6);
      bytes += 2 * 94 + 60;
    } else {  // CTX with an 820 of a few invoices
      p.payer_name = payer;
      p.payer_account = "0" + Digits(rng, 8) + ":" + Digits(rng, 10);
      const size_t lines = 1 + rng.Below(rng.Percent(90) ? 5 : 40);
      for (size_t i = 0; i < lines; ++i) {
        RemittanceLine l;
        l.reference = "INV" + Digits(rng, 8);
        l.paid = Usd(rng, 1'000'000);
        if (rng.Percent(40)) l.invoice_amount = Money{l.paid->minor + 100, l.paid->currency};
        if (rng.Percent(20)) l.discount = Usd(rng, 10'000);
        p.remittance.push_back(l);
      }
      bytes += 94 * (3 + lines / 2) + 300;
    }
    out.push_back(std::move(p));
  }
  return out;
}

const std::string& NachaFile(int mix) {
  static std::map<int, std::string> files;
  auto it = files.find(mix);
  if (it == files.end()) {
    gen::BankWriteOptions o;
    o.seed = 3;  // LF line ends, filler blocks
    it = files.emplace(mix, gen::WriteNacha(MakePayments(mix, size_t{110} << 20), o)).first;
  }
  return it->second;
}

void BM_ReadNacha(benchmark::State& state) {
  const std::string& file = NachaFile(static_cast<int>(state.range(0)));
  BankReadOptions options;
  options.format = BankFormat::kNacha;
  size_t payments = 0;
  for (auto _ : state) {
    Result<BankFile> r = ReadBankFile(file, "bench.ach", options);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    payments = r->payments.size();
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * payments));
  state.counters["file_MB"] = static_cast<double>(file.size()) / 1e6;
  state.counters["payments"] = static_cast<double>(payments);
}
BENCHMARK(BM_ReadNacha)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_ReadX12_820(benchmark::State& state) {
  static const std::string file = [] {
    std::vector<RemittanceAdvice> advices;
    Rng rng(77);
    for (const Payment& p : MakePayments(2, size_t{40} << 20)) {
      RemittanceAdvice a;
      a.source_ref = a.trace_number = p.trace_number;
      a.amount = p.amount;
      a.payment_date = p.value_date;
      a.payer_name = p.payer_name;
      a.payer_account = p.payer_account;
      a.payee_name = "CASHMATCH DEMO CO";
      a.remittance = p.remittance;
      advices.push_back(std::move(a));
    }
    gen::BankWriteOptions o;
    o.seed = 1;
    return gen::WriteX12_820(advices, o);
  }();
  BankReadOptions options;
  options.format = BankFormat::kX12_820;
  size_t advices = 0;
  for (auto _ : state) {
    Result<BankFile> r = ReadBankFile(file, "bench.edi", options);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    advices = r->advices.size();
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * advices));
  state.counters["file_MB"] = static_cast<double>(file.size()) / 1e6;
}
BENCHMARK(BM_ReadX12_820)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
