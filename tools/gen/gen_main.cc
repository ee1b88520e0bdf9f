// cashmatch-gen: writes generated data sets as real files.
//
//   cashmatch-gen open-items --out DIR [--customers N] [--invoices N]
//                            [--companies N] [--seed S] [--format csv|jsonl]
//
// Writes DIR/customers.<ext> and DIR/invoices.<ext>. Output is a pure
// function of the options, whatever the thread count.
#include <CLI/CLI.hpp>
#include <tbb/parallel_for.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

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

  CLI11_PARSE(app, argc, argv);

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "cashmatch-gen: cannot create %s: %s\n", out_dir.c_str(), ec.message().c_str());
    return 1;
  }
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
