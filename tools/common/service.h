// Service: one open data directory, wired together. It owns the store and
// the in-memory ledger rebuilt from it, and carries out the operations both
// programs offer (loading open items now; ingesting and matching later), each
// as one atomic commit followed by the matching ledger update.
//
// Thread safety: a Service may be shared between threads. Operations that
// change state take the ledger lock exclusively; readers of ledger() must
// hold ledger_mutex() shared for as long as they use what they read.
#ifndef CASHMATCH_TOOLS_SERVICE_H_
#define CASHMATCH_TOOLS_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/bank_file.h"
#include "cashmatch/collections.h"
#include "cashmatch/domain.h"
#include "cashmatch/ledger.h"
#include "cashmatch/status.h"
#include "cashmatch/store.h"
#include "config.h"
#include "outbox.h"

namespace cashmatch::tools {

// What one open-items file did to the ledger.
struct LoadReport {
  std::string file;
  std::string content_hash;
  std::string format;     // "csv" or "jsonl"
  bool duplicate = false;  // these bytes were loaded before: nothing done
  bool snapshot = false;
  uint64_t customer_rows = 0;
  uint64_t invoice_rows = 0;
  uint64_t customers_written = 0;
  uint64_t invoices_written = 0;
  uint64_t invoices_closed = 0;  // by the snapshot rule
  uint64_t unchanged = 0;
  uint64_t batch_id = 0;
  std::vector<std::string> warnings;
  int64_t micros = 0;  // wall time of the whole load
  // Where that time went, in microseconds.
  struct Phases {
    int64_t read = 0;    // read and hash the bytes
    int64_t parse = 0;   // ReadOpenItems
    int64_t plan = 0;    // PlanOpenItems against the ledger
    int64_t commit = 0;  // build the WriteSet and commit it durably
    int64_t index = 0;   // bring the in-memory ledger in step
  } phases;
};

// What one bank or remittance file did.
struct IngestReport {
  enum class Outcome { kIngested, kDuplicate, kRejected };
  std::string file;  // base name
  std::string path;  // as given
  std::string content_hash;
  std::string format;  // "bai2", ...; empty when not recognised
  Outcome outcome = Outcome::kIngested;
  // kRejected: the reason with its location, as the report beside the
  // quarantined copy says it; kDuplicate: which earlier file had the bytes.
  std::string reason;
  std::string quarantined_as;  // path in the quarantine folder
  uint64_t batch_id = 0;
  uint64_t credits = 0;  // stored credit payments (not returns)
  uint64_t debits = 0;   // stored debits (recorded, never matched)
  uint64_t returns = 0;  // returns and reversals
  uint64_t returns_reversed = 0;  // whose original's applications were reversed
  uint64_t returns_unknown = 0;   // whose original is not known for sure: left for a person
  uint64_t reversal_batch_id = 0; // the batch of the reversals, when there were any
  // Currency code -> minor units of the credits, less money an earlier
  // file already brought (a camt.053 batch entry's sum, its camt.054
  // breakdown: counted with whichever came first).
  std::map<std::string, int64_t> credit_totals;
  uint64_t already_reported = 0;     // bank items an earlier file carried: not stored again
  uint64_t batches_broken_down = 0;  // earlier batch entries this file details
  uint64_t batch_entries_detailed_before = 0;  // batch entries of this file an earlier file detailed
  uint64_t advices = 0;              // remittance advices in the file
  uint64_t advices_joined = 0;       // advices joined to their payment (either side)
  uint64_t applied = 0;              // payments the matcher applied
  uint64_t applications = 0;         // application rows written
  uint64_t unapplied = 0;            // payments put in the work queue
  uint64_t duplicates = 0;           // of those, flagged as paying an already-paid invoice
  std::map<std::string, int64_t> applied_totals;  // currency code -> minor units applied
  int64_t match_micros = 0;
  std::vector<uint64_t> payment_ids;  // stored payments, in file order
  int64_t micros = 0;                 // wall time, this file's share of the parse included
};

// How an ingest treats the files it is given.
struct IngestOptions {
  // Read every file as this format instead of sniffing (`--format`).
  std::optional<BankFormat> format;
  // The daemon's way: processed files move to the archive folder, rejected
  // ones to quarantine. Otherwise (the CLI on a file an operator names) the
  // file stays where it is and a rejected one is copied to quarantine.
  bool move_files = false;
  // Asked before each file's commit (the daemon passes its stop request):
  // when it answers true, IngestFiles returns the reports of the files done
  // so far and leaves the others untouched where they are.
  std::function<bool()> stop_requested;
  // Called on the calling thread as soon as each file is done (committed,
  // and moved when move_files), with its report.
  std::function<void(const IngestReport&)> on_file_done;
  // Told after each file is committed (or skipped), in order, on the calling
  // thread: files done, files given, and the report of the last one. For a
  // progress display; must not call back into the Service.
  std::function<void(size_t done, size_t total, const IngestReport& last)> progress;
};

// One invoice of `cashmatch apply PAYMENT INVOICE[:AMOUNT]`.
struct ManualTarget {
  std::string company;             // empty: found by id when that is unique
  std::string invoice_id;
  std::optional<int64_t> amount;   // minor units; default: what is open, up to what is left
};

struct ManualReport {
  uint64_t batch_id = 0;
  uint64_t applications = 0;
  std::string customer_id;
  Money left;                        // of the payment, still to apply
  std::vector<std::string> learned;  // aliases and accounts learned for the customer
  uint64_t reversed_batch_id = 0;    // UnapplyBatch: the batch whose applications were reversed
  std::vector<std::string> reopened;  // UnapplyBatch: [COMPANY/]INVOICE of the invoices reopened
};

enum class AliasKind { kName, kAccount };

// What matching the work queue again did.
struct RematchReport {
  uint64_t batch_id = 0;
  uint64_t considered = 0;  // payments in the work queue before
  uint64_t applied = 0;
  uint64_t applications = 0;
  uint64_t still_unapplied = 0;
  std::map<std::string, int64_t> applied_totals;
  int64_t micros = 0;
};

struct StatusReport {
  bool daemon_running = false;
  std::string data_dir;
  uint64_t customers = 0;
  uint64_t invoices = 0;
  uint64_t open_invoices = 0;
  std::map<std::string, int64_t> open_by_currency;  // code -> minor units
  uint64_t unapplied_payments = 0;
  std::optional<Batch> last_batch;
  uint64_t files_ingested = 0;
  uint64_t files_rejected = 0;
  size_t ledger_bytes = 0;
  int64_t open_micros = 0;  // time to open the store and rebuild the ledger
};

class Service {
 public:
  // Opens the store in config.db_dir (creating it and the data folders when
  // missing) and rebuilds the ledger. kBusy when another process holds it.
  static Result<std::unique_ptr<Service>> Open(const Config& config);

  // Loads one open-items file (spec 2.1) as one atomic unit. A file whose
  // name contains "snapshot", or `force_snapshot`, is a full picture. The
  // same bytes loaded before are reported as a duplicate and skipped.
  // kInvalidInput naming file, line and field when the file is refused;
  // nothing is written then.
  // `progress`, when set, is told each phase as it begins ("parse", "plan",
  // "commit", "index") with the rows read so far, on the calling thread.
  Result<LoadReport> LoadOpenItems(
      const std::string& path, bool force_snapshot,
      const std::function<void(std::string_view phase, uint64_t rows)>& progress = {});

  // Records a file that reached cashmatch without being ingested (an
  // open-items file the daemon refused), so that `files` lists it.
  Status RecordFile(const IngestedFile& file);

  // Ingests bank and remittance files (spec 2.2), each as one atomic unit,
  // in the order given: the files are read and parsed in parallel, then
  // linked to what the store holds and committed one by one. A rejected or
  // duplicate file is an outcome in its report, not an error; the error is
  // for the store failing (kIoError, kCorruption), and then files before the
  // failing one stay ingested. A file already ingested (same bytes, any
  // name: a re-sent file, or one whose move to the archive a crash cut
  // short) is a kDuplicate and, under move_files, goes to the archive: it
  // makes no second batch. Fewer reports than paths when stop_requested
  // said stop.
  Result<std::vector<IngestReport>> IngestFiles(const std::vector<std::string>& paths,
                                                const IngestOptions& options);

  // Matches every payment in the work queue again (after new open items
  // arrived, say) as one batch of kind kRematch.
  Result<RematchReport> Rematch();

  // Applies a payment by hand as one kManual batch; the payer's name and
  // account become the customer's alias and bank account, so the next
  // payment from them is recognised. kConflict when the amounts do not fit
  // (more than is open or left), kNotFound for an unknown payment or invoice.
  Result<ManualReport> ApplyManually(uint64_t payment_id, const std::vector<ManualTarget>& targets);
  // Reverses everything applied to a payment in one kReversal batch; the
  // invoices reopen and the payment returns to the work queue.
  Result<ManualReport> Unapply(uint64_t payment_id);
  // Reverses one batch's applications of a payment, as far as they still
  // stand (net of earlier reversals), in one kReversal batch; those invoices
  // reopen and the payment returns to the work queue for what is no longer
  // applied. `batch_id`: the batch to reverse; nullopt: the latest batch
  // whose applications of the payment still stand. kNotFound when the
  // payment or the batch's applications of it are unknown, kConflict when
  // nothing of them is left to reverse.
  Result<ManualReport> UnapplyBatch(uint64_t payment_id, std::optional<uint64_t> batch_id);
  // Payer names and bank accounts that identify a customer.
  Status AddAlias(const std::string& customer_id, AliasKind kind, const std::string& value);
  Status RemoveAlias(const std::string& customer_id, AliasKind kind, const std::string& value);

  // Changes a deduction's status and/or appends a note (at least one of
  // the two), as one kManual batch whose result files carry the deduction
  // (docs/deductions.md). Returns the batch id and the deduction as changed.
  // kNotFound for an unknown id; kInvalidInput for setting `void` (only a
  // reversal voids) or nothing to do; kConflict for a void deduction or a
  // status it already has without a note.
  Result<std::pair<uint64_t, Deduction>> ChangeDeduction(uint64_t batch_id, uint32_t seq,
                                                         std::optional<DeductionStatus> status,
                                                         const std::string& note);

  // kCorruption or kIoError when the store cannot be read.
  Result<StatusReport> GetStatus() const;

  // Result files for the ERP (docs/outbox.md). Every batch an operation
  // above commits (except open-items loads) is marked results-pending in its
  // own commit; right after it, the operation writes the files of every
  // pending batch into the outbox and clears the marks. When that fails the
  // operation returns the error although its batch is committed, and the
  // files are written by the next operation or the next Open, which calls
  // this. A batch's files are never decided by what the outbox holds (the
  // ERP takes them away); a crash between the files and the mark's removal
  // writes the same bytes again.
  Status WritePendingResults();

  // Writes batch `batch_id`'s result files again into `dir` (created when
  // missing), byte for byte as the first time. kNotFound for an unknown
  // batch, kInvalidInput for an open-items load, kIoError when writing fails.
  Result<OutboxFiles> ExportBatch(uint64_t batch_id, const std::string& dir);

  // Tests only: while set, writing result files fails (as a full disk
  // would), leaving the batches pending.
  void FailResultFilesForTesting(bool fail) { fail_results_for_testing_ = fail; }

  Store& store() { return *store_; }
  const Ledger& ledger() const { return ledger_; }
  std::shared_mutex& ledger_mutex() const { return ledger_mutex_; }
  const Config& config() const { return config_; }

 private:
  Service(Config config, std::unique_ptr<Store> store);
  Status RebuildLedger();
  struct ParsedFile;
  Status CommitBankFile(ParsedFile& parsed, const IngestOptions& options, IngestReport* report);
  // Every application made after `since`, from the batches newest first.
  Result<std::vector<Application>> ApplicationsAfter(Timestamp since) const;

  const Config config_;
  // One ingest commits at a time: linking reads the store and must see
  // every earlier file's records.
  std::mutex ingest_mutex_;
  std::unique_ptr<Store> store_;
  int64_t open_micros_ = 0;

  // Guards ledger_ (readers shared, writers exclusive).
  mutable std::shared_mutex ledger_mutex_;
  Ledger ledger_;

  // Serializes writing result files, so pending batches are written and
  // cleared once even when operations finish on several threads.
  std::mutex outbox_mutex_;
  std::atomic<bool> fail_results_for_testing_{false};
};

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_SERVICE_H_
