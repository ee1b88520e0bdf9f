// cashmatch-gen: writes generated data sets as real files.
//
//   cashmatch-gen open-items --out DIR [--customers N] [--invoices N]
//                            [--companies N] [--seed S] [--format csv|jsonl]
//
// Writes DIR/customers.<ext> and DIR/invoices.<ext>.
//
//   cashmatch-gen day --out DIR [--customers N --invoices N --companies N
//                     --seed S] [--payments N] [--day-seed S]
//                     [--mix scenario=weight,...] [--formats fmt[=weight],...]
//                     [--per-file N] [--value-date YYYY-MM-DD] [--threads N]
//
// Writes the open items as `open-items` would (CSV), a bank day paying into
// them as real files in DIR/inbox/, and its ground truth in DIR/truth.jsonl
// (docs/generator.md), then prints what it made.
//
// Output is a pure function of the options, whatever the thread count.
#include <CLI/CLI.hpp>
#include <tbb/parallel_for.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "day_gen.h"
#include "day_ledger_index.h"
#include "day_render.h"
#include "open_items_gen.h"

namespace {

using cashmatch::gen::FileFormat;
using cashmatch::gen::OpenItemsGenerator;

// Generates rows in parallel chunks and writes them in order, so memory
// stays bounded (a few chunks) at ten million rows.
template <typename AppendFn>
bool WriteRows(const std::string& path, uint64_t rows, AppendFn append) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::fprintf(stderr, "cashmatch-gen: cannot write %s\n", path.c_str());
    return false;
  }
  constexpr uint64_t kChunk = 50'000;
  constexpr size_t kInFlight = 16;
  std::vector<std::string> chunks(kInFlight);
  bool ok = true;
  for (uint64_t base = 0; base < rows || base == 0; base += kChunk * kInFlight) {
    tbb::parallel_for(size_t{0}, kInFlight, [&](size_t c) {
      chunks[c].clear();
      const uint64_t begin = base + c * kChunk;
      const uint64_t end = std::min(rows, begin + kChunk);
      if (begin < end || (begin == 0 && rows == 0)) append(begin, end, begin == 0, &chunks[c]);
    });
    for (const auto& chunk : chunks) ok &= std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size();
    if (rows == 0) break;
  }
  ok &= std::fclose(f) == 0;
  if (!ok) std::fprintf(stderr, "cashmatch-gen: write to %s failed\n", path.c_str());
  return ok;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds of the whole process (all threads) so far: on a shared
// machine the wall time alone says little.
double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

void PrintDaySummary(const cashmatch::gen::DayGenerator& gen, const cashmatch::gen::RenderSummary& files) {
  using cashmatch::BankFormat;
  using cashmatch::gen::Scenario;
  const auto& st = gen.stats();
  std::printf("%-22s %10s %10s %9s\n", "scenario", "payments", "answer", "fallback");
  uint64_t total = 0, answerable = 0;
  for (size_t i = 0; i < cashmatch::gen::kScenarioCount; ++i) {
    const auto name = cashmatch::gen::ScenarioName(static_cast<Scenario>(i));
    std::printf("%-22.*s %10llu %10llu %9llu\n", static_cast<int>(name.size()), name.data(),
                static_cast<unsigned long long>(st.by_scenario[i]),
                static_cast<unsigned long long>(st.answerable[i]),
                static_cast<unsigned long long>(st.fallbacks[i]));
    total += st.by_scenario[i];
    answerable += st.answerable[i];
  }
  std::printf("%-22s %10llu %10llu\n\n", "total", static_cast<unsigned long long>(total),
              static_cast<unsigned long long>(answerable));
  std::printf("%-10s %10s %8s %8s\n", "format", "payments", "files", "missing");
  for (size_t f = 0; f < st.by_format.size(); ++f) {
    if (!st.by_format[f] && !files.files_by_format[f] && !files.missing_by_format[f]) continue;
    const auto name = cashmatch::BankFormatName(static_cast<BankFormat>(f));
    std::printf("%-10.*s %10llu %8llu %8llu\n", static_cast<int>(name.size()), name.data(),
                static_cast<unsigned long long>(st.by_format[f]),
                static_cast<unsigned long long>(files.files_by_format[f]),
                static_cast<unsigned long long>(files.missing_by_format[f]));
  }
  std::printf("files: %llu, %.1f MB\n", static_cast<unsigned long long>(files.files),
              static_cast<double>(files.bytes) / 1e6);
  uint64_t missing = 0;
  for (uint64_t m : files.missing_by_format) missing += m;
  if (missing) {
    std::fprintf(stderr,
                 "cashmatch-gen: warning: %llu files not written: their format's writer produced "
                 "nothing (not implemented yet); truth.jsonl still lists their payments\n",
                 static_cast<unsigned long long>(missing));
  }
}

// The `day` subcommand; returns the exit code.
int RunDay(const cashmatch::gen::OpenItemsOptions& ledger, cashmatch::gen::DayOptions day,
           const std::string& out_dir, const std::string& mix, const std::string& formats,
           const std::string& value_date) {
  using namespace cashmatch::gen;
  if (!mix.empty()) {
    auto parsed = ParseScenarioMix(mix);
    if (!parsed.ok()) {
      std::fprintf(stderr, "cashmatch-gen: --mix: %s\n", parsed.status().ToString().c_str());
      return 2;
    }
    day.mix = *parsed;
  }
  if (!formats.empty()) {
    auto parsed = ParseFormatMix(formats);
    if (!parsed.ok()) {
      std::fprintf(stderr, "cashmatch-gen: --formats: %s\n", parsed.status().ToString().c_str());
      return 2;
    }
    day.formats = *parsed;
  }
  if (!value_date.empty()) {
    auto parsed = cashmatch::ParseDate(value_date);
    if (!parsed.ok()) {
      std::fprintf(stderr, "cashmatch-gen: --value-date: %s\n", parsed.status().ToString().c_str());
      return 2;
    }
    day.value_date = *parsed;
  }

  auto start = std::chrono::steady_clock::now();
  double cpu = CpuSeconds();
  const OpenItemsGenerator items(ledger);
  const bool ok =
      WriteRows(out_dir + "/customers.csv", ledger.customers,
                [&](uint64_t b, uint64_t e, bool h, std::string* s) { items.AppendCustomers(FileFormat::kCsv, b, e, h, s); }) &&
      WriteRows(out_dir + "/invoices.csv", ledger.invoices,
                [&](uint64_t b, uint64_t e, bool h, std::string* s) { items.AppendInvoices(FileFormat::kCsv, b, e, h, s); });
  if (!ok) return 1;
  std::printf("open items: %.1f s (cpu %.1f s)\n", SecondsSince(start), CpuSeconds() - cpu);

  start = std::chrono::steady_clock::now();
  cpu = CpuSeconds();
  auto gen = DayGenerator::Create(ledger, day);
  if (!gen.ok()) {
    std::fprintf(stderr, "cashmatch-gen: %s\n", gen.status().ToString().c_str());
    return 1;
  }
  std::printf("ledger index: %.1f s (cpu %.1f s), %.0f MB\n", SecondsSince(start), CpuSeconds() - cpu,
              static_cast<double>((*gen)->index().MemoryUsage()) / 1e6);

  start = std::chrono::steady_clock::now();
  cpu = CpuSeconds();
  auto output = DirectoryDayOutput::Open(out_dir);
  if (!output.ok()) {
    std::fprintf(stderr, "cashmatch-gen: %s\n", output.status().ToString().c_str());
    return 1;
  }
  RenderSummary summary;
  cashmatch::Status st = RenderDay(**gen, **output, day.threads, &summary);
  if (st.ok()) st = (*output)->Close();
  if (!st.ok()) {
    std::fprintf(stderr, "cashmatch-gen: %s\n", st.ToString().c_str());
    return 1;
  }
  {
    // The day's receiving accounts as a cashmatch config: which entity an
    // account belongs to (cashmatch-eval reads it).
    std::ofstream toml(out_dir + "/cashmatch.toml", std::ios::binary | std::ios::trunc);
    toml << "# The generated day's receiving accounts: which legal entity each belongs to.\n"
         << ReceivingAccountsToml(ledger);
    if (!toml) {
      std::fprintf(stderr, "cashmatch-gen: cannot write %s/cashmatch.toml\n", out_dir.c_str());
      return 1;
    }
  }
  std::printf("payments and files: %.1f s (cpu %.1f s)\n\n", SecondsSince(start), CpuSeconds() - cpu);
  PrintDaySummary(**gen, summary);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cashmatch-gen: generate realistic cash-application data"};
  app.require_subcommand(1);

  cashmatch::gen::OpenItemsOptions opt;
  std::string out_dir, format = "csv";
  auto* open_items = app.add_subcommand("open-items", "customers and invoices as the ERP sends them");
  open_items->add_option("--out", out_dir, "output directory")->required();
  open_items->add_option("--customers", opt.customers, "customers")->capture_default_str();
  open_items->add_option("--invoices", opt.invoices, "invoices and credit memos")->capture_default_str();
  open_items->add_option("--companies", opt.companies, "legal entities")->capture_default_str();
  open_items->add_option("--seed", opt.seed, "random seed")->capture_default_str();
  open_items->add_option("--format", format, "csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();

  cashmatch::gen::OpenItemsOptions day_ledger;
  cashmatch::gen::DayOptions day;
  std::string day_out, mix, formats, value_date;
  auto* day_cmd = app.add_subcommand("day", "a bank day paying into generated open items, with its ground truth");
  day_cmd->add_option("--out", day_out, "output directory")->required();
  day_cmd->add_option("--customers", day_ledger.customers, "customers")->capture_default_str();
  day_cmd->add_option("--invoices", day_ledger.invoices, "invoices and credit memos")->capture_default_str();
  day_cmd->add_option("--companies", day_ledger.companies, "legal entities")->capture_default_str();
  day_cmd->add_option("--seed", day_ledger.seed, "open items' random seed")->capture_default_str();
  day_cmd->add_option("--payments", day.payments, "payments in the day")->capture_default_str();
  day_cmd->add_option("--day-seed", day.seed, "the day's random seed")->capture_default_str();
  day_cmd->add_option("--mix", mix,
                      "scenario weights: name=weight,... (only those), or default,name=weight,...");
  day_cmd->add_option("--formats", formats, "formats: name[=weight],... (default: all but camt052, mt942)");
  day_cmd->add_option("--per-file", day.payments_per_file, "payments per bank file")->capture_default_str();
  day_cmd->add_option("--value-date", value_date, "YYYY-MM-DD (default: the open items' today)");
  day_cmd->add_option("--threads", day.threads, "worker threads (0: all cores)")->capture_default_str();

  CLI11_PARSE(app, argc, argv);

  std::error_code ec;
  std::filesystem::create_directories(day_cmd->parsed() ? day_out : out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "cashmatch-gen: cannot create %s: %s\n",
                 (day_cmd->parsed() ? day_out : out_dir).c_str(), ec.message().c_str());
    return 1;
  }
  if (day_cmd->parsed()) return RunDay(day_ledger, day, day_out, mix, formats, value_date);
  const FileFormat ff = format == "csv" ? FileFormat::kCsv : FileFormat::kJsonl;
  const OpenItemsGenerator gen(opt);
  const std::string ext = "." + format;
  const bool ok =
      WriteRows(out_dir + "/customers" + ext, opt.customers,
                [&](uint64_t b, uint64_t e, bool h, std::string* s) { gen.AppendCustomers(ff, b, e, h, s); }) &&
      WriteRows(out_dir + "/invoices" + ext, opt.invoices,
                [&](uint64_t b, uint64_t e, bool h, std::string* s) { gen.AppendInvoices(ff, b, e, h, s); });
  return ok ? 0 : 1;
}
