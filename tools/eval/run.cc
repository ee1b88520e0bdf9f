#include "run.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "day_render.h"
#include "open_items_gen.h"
#include "service.h"

namespace cashmatch::eval {
namespace {

namespace fs = std::filesystem;

int64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
      .count();
}

Result<std::string> MakeTempDir() {
  std::string templ = (fs::temp_directory_path() / "cashmatch-eval-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) return Status::IoError("cannot create a temporary directory");
  return templ;
}

// `rows` rows of the generator, written in slices so memory stays small.
template <typename Append>
Status WriteRows(const std::string& path, uint64_t rows, Append append) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError("cannot write " + path);
  constexpr uint64_t kSlice = 100'000;
  std::string buf;
  for (uint64_t b = 0; b < rows || b == 0; b += kSlice) {
    buf.clear();
    append(b, std::min(rows, b + kSlice), b == 0, &buf);
    out << buf;
    if (rows == 0) break;
  }
  out.flush();
  if (!out) return Status::IoError("cannot write " + path);
  return Status::Ok();
}

Status Generate(const RunOptions& options, const std::string& dir) {
  const gen::OpenItemsGenerator items(options.ledger);
  CASHMATCH_RETURN_IF_ERROR(WriteRows(dir + "/customers.csv", options.ledger.customers,
                                      [&](uint64_t b, uint64_t e, bool h, std::string* s) {
                                        items.AppendCustomers(gen::FileFormat::kCsv, b, e, h, s);
                                      }));
  CASHMATCH_RETURN_IF_ERROR(WriteRows(dir + "/invoices.csv", options.ledger.invoices,
                                      [&](uint64_t b, uint64_t e, bool h, std::string* s) {
                                        items.AppendInvoices(gen::FileFormat::kCsv, b, e, h, s);
                                      }));
  Result<std::unique_ptr<gen::DayGenerator>> generator = gen::DayGenerator::Create(options.ledger, options.day);
  if (!generator.ok()) return generator.status();
  Result<std::unique_ptr<gen::DirectoryDayOutput>> output = gen::DirectoryDayOutput::Open(dir);
  if (!output.ok()) return output.status();
  gen::RenderSummary summary;
  CASHMATCH_RETURN_IF_ERROR(gen::RenderDay(**generator, **output, options.day.threads, &summary));
  CASHMATCH_RETURN_IF_ERROR((*output)->Close());
  std::ofstream toml(dir + "/cashmatch.toml", std::ios::binary | std::ios::trunc);
  toml << gen::ReceivingAccountsToml(options.ledger);
  if (!toml) return Status::IoError("cannot write " + dir + "/cashmatch.toml");
  return Status::Ok();
}

Result<std::vector<std::string>> InboxFiles(const std::string& inbox) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(inbox, ec)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  if (ec) return Status::IoError("cannot list " + inbox + ": " + ec.message());
  // File-name order, as a daemon draining the inbox takes them, so a
  // same-day duplicate meets its first payment first.
  std::sort(files.begin(), files.end());
  return files;
}

Status Run(const RunOptions& options, const std::string& work, RunResult* result) {
  std::string day_dir = options.day_dir;
  if (day_dir.empty()) {
    const auto start = std::chrono::steady_clock::now();
    day_dir = work + "/day";
    fs::create_directories(day_dir);
    CASHMATCH_RETURN_IF_ERROR(Generate(options, day_dir));
    result->generate_micros = MicrosSince(start);
  }
  Result<std::vector<TruthRow>> truth = ReadTruthFile(day_dir + "/truth.jsonl");
  if (!truth.ok()) return truth.status();
  result->truth = std::move(*truth);

  tools::Config config = options.config;
  // The day's receiving accounts tell the entity paid, as a deployment's
  // [matching.accounts] would; a config that names its own wins.
  if (options.use_day_accounts && config.match.account_companies.empty() &&
      fs::exists(day_dir + "/cashmatch.toml")) {
    Result<tools::Config> day_config = tools::LoadConfig(day_dir + "/cashmatch.toml", work);
    if (!day_config.ok()) return day_config.status();
    config.match.account_companies = day_config->match.account_companies;
  }
  const tools::Config folders = tools::DefaultConfig(work + "/data");
  config.data_dir = folders.data_dir;
  config.db_dir = folders.db_dir;
  config.inbox_dir = folders.inbox_dir;
  config.outbox_dir = folders.outbox_dir;
  config.archive_dir = folders.archive_dir;
  config.quarantine_dir = folders.quarantine_dir;
  config.socket_path = folders.socket_path;
  config.sync_writes = false;  // a throwaway store: durability buys nothing here
  fs::create_directories(config.data_dir);
  Result<std::unique_ptr<tools::Service>> service = tools::Service::Open(config);
  if (!service.ok()) return service.status();

  auto start = std::chrono::steady_clock::now();
  for (const char* name : {"customers.csv", "invoices.csv"}) {
    Result<tools::LoadReport> loaded = (*service)->LoadOpenItems(day_dir + "/" + name, false);
    if (!loaded.ok()) return loaded.status();
    result->customers += loaded->customer_rows;
    result->invoices += loaded->invoice_rows;
  }
  result->load_micros = MicrosSince(start);

  Result<std::vector<std::string>> files = InboxFiles(day_dir + "/inbox");
  if (!files.ok()) return files.status();
  result->files = files->size();
  start = std::chrono::steady_clock::now();
  const size_t step = std::max<size_t>(1, options.files_per_ingest);
  for (size_t i = 0; i < files->size(); i += step) {
    std::vector<std::string> group(files->begin() + i, files->begin() + std::min(files->size(), i + step));
    Result<std::vector<tools::IngestReport>> reports = (*service)->IngestFiles(group, {});
    if (!reports.ok()) return reports.status();
    for (const tools::IngestReport& r : *reports) {
      if (r.outcome == tools::IngestReport::Outcome::kRejected) result->rejected.push_back(r.file + ": " + r.reason);
      result->match_micros += r.match_micros;
      result->returns += r.returns;
      result->returns_reversed += r.returns_reversed;
    }
  }
  result->ingest_micros = MicrosSince(start);

  start = std::chrono::steady_clock::now();
  Result<OutcomeMap> outcomes = CollectOutcomes((*service)->store());
  if (!outcomes.ok()) return outcomes.status();
  result->outcomes = std::move(*outcomes);
  for (const auto& [key, o] : result->outcomes) {
    const auto& map = config.match.account_companies;
    const size_t colon = o.account.rfind(':');
    const bool known = map.contains(o.account) ||
                       (colon != std::string::npos && map.contains(o.account.substr(colon + 1)));
    if (!known) {
      ++result->unknown_accounts;
      if (result->unknown_account_examples.size() < 5) result->unknown_account_examples.push_back(o.file + ": '" + o.account + "'");
    }
  }
  result->collect_micros = MicrosSince(start);
  return Status::Ok();
}

}  // namespace

Result<RunResult> RunDay(const RunOptions& options) {
  std::string work = options.work_dir;
  const bool temporary = work.empty();
  if (temporary) {
    Result<std::string> made = MakeTempDir();
    if (!made.ok()) return made.status();
    work = *made;
  } else {
    std::error_code ec;
    fs::create_directories(work, ec);
    if (ec) return Status::IoError("cannot create " + work + ": " + ec.message());
    if (fs::exists(work + "/data")) return Status::Conflict(work + "/data exists: the evaluator wants a fresh store");
  }
  RunResult result;
  Status st = Run(options, work, &result);
  if (temporary && !options.keep) {
    std::error_code ec;
    fs::remove_all(work, ec);
  } else {
    result.work_dir = work;
  }
  if (!st.ok()) return st;
  return result;
}

}  // namespace cashmatch::eval
