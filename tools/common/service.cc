#include "service.h"

#include <chrono>
#include <filesystem>
#include <mutex>

#include "cashmatch/open_items.h"
#include "cashmatch/open_items_reader.h"
#include "content_hash.h"
#include "elapsed.h"
#include "file_io.h"

namespace cashmatch::tools {
namespace {

Status MakeFolders(const Config& c) {
  for (const std::string* dir :
       {&c.data_dir, &c.inbox_dir, &c.outbox_dir, &c.archive_dir, &c.quarantine_dir}) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) return Status::IoError("cannot create " + *dir + ": " + ec.message());
  }
  return Status::Ok();
}

std::string BaseName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace

Service::Service(Config config, std::unique_ptr<Store> store)
    : config_(std::move(config)), store_(std::move(store)) {}

Result<std::unique_ptr<Service>> Service::Open(const Config& config) {
  const auto start = std::chrono::steady_clock::now();
  CASHMATCH_RETURN_IF_ERROR(MakeFolders(config));
  StoreOptions options;
  options.sync = config.sync_writes;
  auto store = Store::Open(config.db_dir, options);
  if (!store.ok()) return store.status();
  std::unique_ptr<Service> service(new Service(config, std::move(*store)));
  CASHMATCH_RETURN_IF_ERROR(service->RebuildLedger());
  // Holding the store, no writer of ours can be mid-file in the outbox: any
  // temp file there was left by a crash. Then what the crash left pending.
  CASHMATCH_RETURN_IF_ERROR(RemoveStaleTempFiles(config.outbox_dir));
  CASHMATCH_RETURN_IF_ERROR(service->WritePendingResults());
  service->open_micros_ = MicrosSince(start);
  return service;
}

Status Service::RebuildLedger() {
  std::unique_lock lock(ledger_mutex_);
  // The bulk path: records are appended as the store is scanned and the
  // indexes are built once at the end, on all cores.
  ledger_.BeginBulkLoad();
  Status scanned = store_->ForEachCustomer([&](const Customer& c) {
    ledger_.BulkAddCustomer(c);
    return true;
  });
  if (scanned.ok()) {
    scanned = store_->ForEachInvoice([&](const Invoice& inv) {
      ledger_.BulkAddInvoice(inv);
      return true;
    });
  }
  // Always ended, so the ledger is consistent whatever failed.
  const Status indexed = ledger_.EndBulkLoad();
  CASHMATCH_RETURN_IF_ERROR(std::move(scanned));
  if (!indexed.ok()) {
    return Status::Corruption("a stored invoice cannot be indexed: " +
                              std::string(indexed.reason()));
  }
  return Status::Ok();
}

Result<std::vector<Application>> Service::ApplicationsAfter(Timestamp since) const {
  // Applications carry their batch's creation time and batch ids grow with
  // time, so the newest-first walk stops at the first batch not after it.
  std::vector<uint64_t> batches;
  CASHMATCH_RETURN_IF_ERROR(store_->ForEachBatch([&](const Batch& b) {
    if (b.created <= since) return false;
    batches.push_back(b.batch_id);
    return true;
  }));
  std::vector<Application> apps;
  for (uint64_t id : batches) {
    CASHMATCH_RETURN_IF_ERROR(store_->ForEachApplicationOfBatch(id, [&](const Application& a) {
      if (a.at > since) apps.push_back(a);
      return true;
    }));
  }
  return apps;
}

Result<LoadReport> Service::LoadOpenItems(const std::string& path, bool force_snapshot,
                                          const std::function<void(std::string_view, uint64_t)>& progress) {
  const auto tell = [&progress](std::string_view phase, uint64_t rows) {
    if (progress) progress(phase, rows);
  };
  const auto start = std::chrono::steady_clock::now();
  auto lap = start;
  // Microseconds since the previous lap.
  const auto next_lap = [&lap] {
    const int64_t us = MicrosSince(lap);
    lap = std::chrono::steady_clock::now();
    return us;
  };
  LoadReport report;
  report.file = BaseName(path);
  // Mapped, not read: copying a file of gigabytes into fresh memory costs
  // more than parsing it (every new page is a fault, slow in a VM).
  auto file_map = MappedFile::Open(path);
  if (!file_map.ok()) return file_map.status();
  const std::string_view bytes = file_map->view();
  report.content_hash = ContentHash(bytes);
  report.format = DetectOpenItemsFormat(bytes) == OpenItemsFormat::kCsv ? "csv" : "jsonl";
  report.snapshot = force_snapshot || report.file.find("snapshot") != std::string::npos;
  report.phases.read = next_lap();

  if (auto seen = store_->GetIngestedFile(report.content_hash);
      seen.ok() && seen->outcome == FileOutcome::kIngested) {
    report.duplicate = true;
    report.batch_id = seen->batch_id;
    report.micros = MicrosSince(start);
    return report;
  }

  tell("parse", 0);
  auto items = ReadOpenItems(bytes, report.file);
  if (!items.ok()) return items.status();
  report.phases.parse = next_lap();
  report.customer_rows = items->customers.size();
  report.invoice_rows = items->invoices.size();
  std::optional<Timestamp> earliest_as_of;
  for (const InvoiceRow& row : items->invoices) {
    if (row.as_of && (!earliest_as_of || *row.as_of < *earliest_as_of)) earliest_as_of = row.as_of;
  }
  std::vector<Application> applied_since;
  if (earliest_as_of) {
    auto apps = ApplicationsAfter(*earliest_as_of);
    if (!apps.ok()) return apps.status();
    applied_since = std::move(*apps);
  }

  tell("plan", report.customer_rows + report.invoice_rows);
  // Planning reads the ledger; the exclusive lock spans plan, commit and
  // ledger update, so no other change slips in between.
  std::unique_lock lock(ledger_mutex_);
  auto plan = PlanOpenItems(*items, ledger_, applied_since, PlanOptions{report.snapshot});
  if (!plan.ok()) return plan.status();
  report.phases.plan = next_lap();

  tell("commit", report.customer_rows + report.invoice_rows);
  const Timestamp now = Timestamp::Now();
  Batch batch;
  batch.batch_id = store_->AllocateBatchId();
  batch.kind = BatchKind::kLoad;
  batch.source_file = report.file;
  batch.created = now;
  IngestedFile file;
  file.content_hash = report.content_hash;
  file.name = report.file;
  file.size = bytes.size();
  file.format = "open_items_" + report.format;
  file.outcome = FileOutcome::kIngested;
  file.batch_id = batch.batch_id;
  file.at = now;

  WriteSet set;
  // About 150 bytes per record with its index keys; over-reserving costs
  // address space only, pages are touched as the set fills.
  set.Reserve((plan->customers.size() + plan->invoices.size() + plan->closed.size()) * 192);
  for (const Customer& c : plan->customers) set.PutCustomer(c);
  for (const Invoice& inv : plan->invoices) set.PutInvoice(inv);
  for (const Invoice& inv : plan->closed) set.PutInvoice(inv);
  set.PutBatch(batch);
  set.PutIngestedFile(file);
  CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(set)));
  report.phases.commit = next_lap();

  tell("index", report.customer_rows + report.invoice_rows);
  // The commit is durable; the ledger follows it, through the bulk path:
  // indexes built from sorted keys when it holds no invoices (a first load,
  // customers loaded or not), merged into when the file changes a sizeable
  // share of what it holds, kept up record by record otherwise. Customers
  // first, so every invoice finds its customer.
  ledger_.BeginBulkLoad();
  for (const Customer& c : plan->customers) ledger_.BulkAddCustomer(c);
  for (const Invoice& inv : plan->invoices) ledger_.BulkAddInvoice(inv);
  for (const Invoice& inv : plan->closed) ledger_.BulkAddInvoice(inv);
  // Planning checked every customer, so a refusal here is a bug.
  CASHMATCH_RETURN_IF_ERROR(ledger_.EndBulkLoad());
  report.phases.index = next_lap();
  report.customers_written = plan->customers.size();
  report.invoices_written = plan->invoices.size();
  report.invoices_closed = plan->closed.size();
  report.unchanged = plan->unchanged;
  report.warnings = std::move(plan->warnings);
  report.batch_id = batch.batch_id;
  report.micros = MicrosSince(start);
  return report;
}

Status Service::RecordFile(const IngestedFile& file) {
  WriteSet set;
  set.PutIngestedFile(file);
  return store_->Commit(std::move(set));
}

Result<StatusReport> Service::GetStatus() const {
  StatusReport r;
  r.data_dir = config_.data_dir;
  r.open_micros = open_micros_;
  {
    std::shared_lock lock(ledger_mutex_);
    r.customers = ledger_.customer_count();
    r.invoices = ledger_.invoice_count();
    r.open_invoices = ledger_.open_invoice_count();
    r.ledger_bytes = ledger_.MemoryUsage();
    for (InvoiceNo no = 0; no < r.invoices; ++no) {
      const InvoiceView v = ledger_.invoice(no);
      if (v.open_amount.minor != 0) r.open_by_currency[std::string(v.open_amount.currency.code())] += v.open_amount.minor;
    }
  }
  CASHMATCH_RETURN_IF_ERROR(store_->ForEachUnappliedPayment([&](const Payment&) {
    ++r.unapplied_payments;
    return true;
  }));
  CASHMATCH_RETURN_IF_ERROR(store_->ForEachBatch([&](const Batch& b) {
    r.last_batch = b;
    return false;
  }));
  CASHMATCH_RETURN_IF_ERROR(store_->ForEachIngestedFile([&](const IngestedFile& f) {
    (f.outcome == FileOutcome::kRejected ? r.files_rejected : r.files_ingested)++;
    return true;
  }));
  return r;
}

}  // namespace cashmatch::tools
