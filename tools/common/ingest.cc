// Service::IngestFiles: bank and remittance files into the store.
//
// Files are read (memory-mapped) and parsed in parallel: parsing is pure and
// is most of the work. Then, one file at a time and in the order given, the
// file's records are linked to what earlier files left in the store (bank
// items reported again, batch entries and their breakdown, remittance
// advices and their payments) and committed as one WriteSet, so a file is in
// the store whole or not at all and the outcome does not depend on timing.
#include <tbb/parallel_for.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <utility>

#include "cashmatch/bank_file.h"
#include "cashmatch/bank_links.h"
#include "content_hash.h"
#include "file_io.h"
#include "deductions.h"
#include "match_stage.h"
#include "returns.h"
#include "elapsed.h"
#include "service.h"

namespace cashmatch::tools {

struct Service::ParsedFile {
  std::string path;
  std::string name;
  std::string content_hash;  // empty when the file could not be read
  std::string sniffed_format;
  uint64_t size = 0;
  Result<BankFile> parsed = Status::IoError("not read");
  int64_t micros = 0;
};

namespace {

// The operator-facing form of a rejection: what, then where.
std::string DescribeRejection(const Status& s) {
  std::string out(s.reason());
  const SourceLocation& w = s.where();
  std::string at;
  if (w.line != 0) at += "line " + std::to_string(w.line);
  if (w.column != 0) at += (at.empty() ? "" : ", ") + std::string("column ") + std::to_string(w.column);
  if (!w.field.empty()) at += (at.empty() ? "" : ", ") + w.field;
  if (!at.empty()) out += " (" + at + ")";
  return out;
}

bool GoesToWorkQueue(const Payment& p) {
  return p.direction == Direction::kCredit && !p.is_return && p.superseded_by.empty();
}

// What linking decided for one file's records.
struct Links {
  std::vector<bool> skip;  // per payment: an earlier file already carried it
  // Per payment: a part of a batch entry an earlier file booked as one sum,
  // so its money was received (and counted) with that file.
  std::vector<bool> counted_before;
  // Pending advices joined to this file's payments: (payment index, advice).
  std::vector<std::pair<size_t, RemittanceAdvice>> advices_for_new;
};

// Bank items an earlier file already carried (intraday, then end of day).
Status FindReported(const Store& store, const std::vector<Payment>& payments, Links* links,
                    IngestReport* report) {
  for (size_t i = 0; i < payments.size(); ++i) {
    const Payment& p = payments[i];
    if (p.source_ref.empty()) continue;
    bool seen = false;
    CASHMATCH_RETURN_IF_ERROR(store.ForEachPaymentWithRef(
        PaymentRefKind::kSourceRef, p.source_ref, [&](const Payment& stored) {
          seen = SameBankItem(stored, p);
          return !seen;
        }));
    if (seen) {
      links->skip[i] = true;
      ++report->already_reported;
    }
  }
  return Status::Ok();
}

// Transactions that break down a batch entry an earlier file booked as one
// sum (camt.054 after camt.053): the batch gives way to its parts, so the
// money is matched per transaction and counted once.
Status SupersedeEarlierBatches(const Store& store, const std::string& file,
                               const std::vector<Payment>& payments, Links* links, WriteSet* set,
                               IngestReport* report) {
  std::map<std::string, std::vector<size_t>> parts_by_entry;
  for (size_t i = 0; i < payments.size(); ++i) {
    const Payment& p = payments[i];
    if (links->skip[i] || p.bank_entry_ref.empty() || p.batch_count > 1) continue;
    parts_by_entry[p.bank_entry_ref].push_back(i);
  }
  for (const auto& [entry_ref, indexes] : parts_by_entry) {
    std::vector<Payment> parts;
    for (size_t i : indexes) parts.push_back(payments[i]);
    std::optional<Payment> batch;
    CASHMATCH_RETURN_IF_ERROR(store.ForEachPaymentWithRef(
        PaymentRefKind::kBankEntryRef, entry_ref, [&](const Payment& stored) {
          if (stored.source_file != file && IsBreakdownOf(stored, parts)) batch = stored;
          return !batch.has_value();
        }));
    if (!batch) continue;
    bool applied = false;
    CASHMATCH_RETURN_IF_ERROR(
        store.ForEachApplicationOfPayment(batch->payment_id, [&](const Application&) {
          applied = true;
          return false;
        }));
    if (applied) {
      // The batch sum was already applied (by hand): its parts are the same
      // money, and applying them too would count it twice.
      for (size_t i : indexes) links->skip[i] = true;
      report->already_reported += indexes.size();
      continue;
    }
    for (size_t i : indexes) links->counted_before[i] = true;
    batch->superseded_by = file;
    set->PutPayment(*batch);
    set->ClearUnapplied(batch->payment_id);
    ++report->batches_broken_down;
  }
  return Status::Ok();
}

// Batch entries of this file whose breakdown an earlier file brought
// (camt.054 before camt.053): kept for the record, never matched.
Status MarkDetailedBefore(const Store& store, const std::string& file,
                          std::vector<Payment>& payments, const Links& links,
                          IngestReport* report) {
  for (size_t i = 0; i < payments.size(); ++i) {
    Payment& p = payments[i];
    if (links.skip[i] || p.batch_count <= 1 || p.bank_entry_ref.empty()) continue;
    std::vector<Payment> parts;
    CASHMATCH_RETURN_IF_ERROR(store.ForEachPaymentWithRef(
        PaymentRefKind::kBankEntryRef, p.bank_entry_ref, [&](const Payment& stored) {
          if (stored.batch_count <= 1 && stored.source_file != file) parts.push_back(stored);
          return true;
        }));
    if (!IsBreakdownOf(p, parts)) continue;
    p.superseded_by = parts.front().source_file;
    ++report->batch_entries_detailed_before;
  }
  return Status::Ok();
}

// Advices that arrived before this file's payments.
Status JoinPendingAdvices(const Store& store, const AdviceJoinOptions& join_options,
                          std::vector<Payment>& payments, Links* links, IngestReport* report) {
  std::vector<RemittanceAdvice> pending;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachPendingAdvice([&](const RemittanceAdvice& a) {
    pending.push_back(a);
    return true;
  }));
  if (pending.empty()) return Status::Ok();
  std::vector<size_t> eligible;
  std::vector<Payment> candidates;
  for (size_t i = 0; i < payments.size(); ++i) {
    if (links->skip[i] || !CanTakeAdvice(payments[i])) continue;
    eligible.push_back(i);
    candidates.push_back(payments[i]);
  }
  for (const AdviceJoin& j : PlanAdviceJoins(candidates, pending, join_options)) {
    MergeAdvice(pending[j.advice], &payments[eligible[j.payment]]);
    links->advices_for_new.emplace_back(eligible[j.payment], pending[j.advice]);
    ++report->advices_joined;
  }
  return Status::Ok();
}

// This file's advices against payments already stored: by trace number
// (any stored payment), or by amount and date (payments still unapplied).
// An advice whose payment has not come yet waits in the pending set.
Status JoinNewAdvices(Store& store, const AdviceJoinOptions& join_options,
                      std::vector<RemittanceAdvice>& advices, WriteSet* set,
                      std::vector<Payment>* enriched, IngestReport* report) {
  report->advices = advices.size();
  if (advices.empty()) return Status::Ok();
  std::map<uint64_t, Payment> candidates;  // by id: ordered, and each once
  auto add = [&](const Payment& p) {
    candidates.emplace(p.payment_id, p);
    return true;
  };
  for (const RemittanceAdvice& a : advices) {
    if (a.trace_number.empty()) continue;
    CASHMATCH_RETURN_IF_ERROR(store.ForEachPaymentWithRef(PaymentRefKind::kTraceNumber, a.trace_number, add));
    CASHMATCH_RETURN_IF_ERROR(store.ForEachPaymentWithRef(PaymentRefKind::kSourceRef, a.trace_number, add));
  }
  std::map<uint64_t, bool> unapplied;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachUnappliedPayment([&](const Payment& p) {
    unapplied[p.payment_id] = true;
    return add(p);
  }));
  std::vector<Payment> list;
  for (auto& [id, p] : candidates) list.push_back(std::move(p));
  std::vector<bool> joined(advices.size(), false);
  for (const AdviceJoin& j : PlanAdviceJoins(list, advices, join_options)) {
    Payment& p = list[j.payment];
    RemittanceAdvice& a = advices[j.advice];
    if (j.rule == AdviceJoinRule::kAmountAndDate && !unapplied.contains(p.payment_id)) continue;
    // An applied payment keeps what it was applied on; the advice still
    // records where it belongs.
    if (unapplied.contains(p.payment_id)) {
      MergeAdvice(a, &p);
      set->PutPayment(p);
      enriched->push_back(p);  // worth matching again, now it says what it pays
    }
    a.payment_id = p.payment_id;
    joined[j.advice] = true;
    ++report->advices_joined;
  }
  const uint64_t first = store.AllocatePaymentIds(advices.size());
  for (size_t i = 0; i < advices.size(); ++i) {
    advices[i].advice_id = first + i;
    set->PutAdvice(advices[i]);
    if (!joined[i]) set->MarkAdvicePending(advices[i].advice_id);
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<IngestReport>> Service::IngestFiles(const std::vector<std::string>& paths,
                                                       const IngestOptions& options) {
  std::vector<ParsedFile> files(paths.size());
  BankReadOptions read_options;
  read_options.format = options.format;
  read_options.lockbox_layout = config_.lockbox_layout;
  read_options.max_file_bytes = config_.max_file_bytes;
  tbb::parallel_for(size_t{0}, paths.size(), [&](size_t i) {
    const auto start = std::chrono::steady_clock::now();
    ParsedFile& f = files[i];
    f.path = paths[i];
    f.name = std::filesystem::path(paths[i]).filename().string();
    Result<MappedFile> mapped = MappedFile::Open(paths[i]);
    if (!mapped.ok()) {
      f.parsed = mapped.status();
    } else {
      f.size = mapped->view().size();
      f.content_hash = ContentHash(mapped->view());
      if (options.format) {
        f.sniffed_format = std::string(BankFormatName(*options.format));
      } else if (Result<BankFormat> sniffed = DetectBankFormat(mapped->view()); sniffed.ok()) {
        f.sniffed_format = std::string(BankFormatName(*sniffed));
      }
      f.parsed = ReadBankFile(mapped->view(), f.name, read_options);
    }
    f.micros = MicrosSince(start);
  });

  std::vector<IngestReport> reports;
  std::lock_guard lock(ingest_mutex_);
  // Results an earlier failure left pending go out first: a file found
  // again in the inbox (a duplicate now) is archived only once they are.
  CASHMATCH_RETURN_IF_ERROR(WritePendingResults());
  for (ParsedFile& f : files) {
    if (options.stop_requested && options.stop_requested()) break;
    const auto start = std::chrono::steady_clock::now();
    IngestReport report;
    report.file = f.name;
    report.path = f.path;
    report.content_hash = f.content_hash;
    report.format = f.sniffed_format;
    CASHMATCH_RETURN_IF_ERROR(CommitBankFile(f, options, &report));
    report.micros = f.micros + MicrosSince(start);
    if (options.on_file_done) options.on_file_done(report);
    reports.push_back(std::move(report));
    if (options.progress) options.progress(reports.size(), files.size(), reports.back());
  }
  return reports;
}

Status Service::CommitBankFile(ParsedFile& f, const IngestOptions& options, IngestReport* report) {
  const auto start = std::chrono::steady_clock::now();
  if (f.content_hash.empty()) {
    // Unreadable: there are no bytes to record or quarantine.
    report->outcome = IngestReport::Outcome::kRejected;
    report->reason = std::string(f.parsed.status().reason());
    return Status::Ok();
  }
  if (auto seen = store_->GetIngestedFile(f.content_hash);
      seen.ok() && seen->outcome == FileOutcome::kIngested) {
    report->outcome = IngestReport::Outcome::kDuplicate;
    report->batch_id = seen->batch_id;
    report->reason = "same content as " + seen->name + ", ingested in batch " +
                     std::to_string(seen->batch_id);
    if (options.move_files) {
      CASHMATCH_RETURN_IF_ERROR(PlaceFile(f.path, FreeFileName(config_.archive_dir, f.name, f.content_hash), true));
    }
    return Status::Ok();
  }

  const Timestamp now = Timestamp::Now();
  IngestedFile record;
  record.content_hash = f.content_hash;
  record.name = f.name;
  record.size = f.size;
  record.format = report->format;
  record.at = now;

  if (!f.parsed.ok()) {
    report->outcome = IngestReport::Outcome::kRejected;
    report->reason = DescribeRejection(f.parsed.status());
    // Recorded first, then the report, then the file itself: a crash at any
    // point leaves the file in the inbox to be rejected again, the same way.
    record.outcome = FileOutcome::kRejected;
    record.reason = report->reason;
    WriteSet set;
    set.PutIngestedFile(record);
    CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(set)));
    const std::filesystem::path target = FreeFileName(config_.quarantine_dir, f.name, f.content_hash);
    const std::string text = "file: " + f.name + "\ncontent_hash: " + f.content_hash +
                             "\nformat: " + (report->format.empty() ? "unknown" : report->format) +
                             "\nrejected: " + FormatTimestamp(now) + "\nreason: " + report->reason +
                             "\n";
    CASHMATCH_RETURN_IF_ERROR(WriteFileAtomically(target.string() + ".report.txt", text));
    CASHMATCH_RETURN_IF_ERROR(PlaceFile(f.path, target, options.move_files));
    report->quarantined_as = target.string();
    return Status::Ok();
  }

  BankFile& bank = *f.parsed;
  report->format = record.format = std::string(BankFormatName(bank.format));
  AdviceJoinOptions join_options;
  join_options.date_window_days = config_.advice_window_days;
  WriteSet set;
  Links links;
  links.skip.assign(bank.payments.size(), false);
  links.counted_before.assign(bank.payments.size(), false);
  CASHMATCH_RETURN_IF_ERROR(FindReported(*store_, bank.payments, &links, report));
  CASHMATCH_RETURN_IF_ERROR(SupersedeEarlierBatches(*store_, f.name, bank.payments, &links, &set, report));
  CASHMATCH_RETURN_IF_ERROR(MarkDetailedBefore(*store_, f.name, bank.payments, links, report));
  CASHMATCH_RETURN_IF_ERROR(JoinPendingAdvices(*store_, join_options, bank.payments, &links, report));
  std::vector<Payment> enriched;
  CASHMATCH_RETURN_IF_ERROR(
      JoinNewAdvices(*store_, join_options, bank.advices, &set, &enriched, report));

  // The reversal batch's id is reserved before the file's own: when no
  // return finds its original, that id is never committed, and an unused id
  // below a committed one is not handed out again after a restart, so batch
  // ids come out the same whether or not the daemon was killed in between.
  bool has_returns = false;
  for (size_t i = 0; i < bank.payments.size(); ++i) {
    has_returns = has_returns || (!links.skip[i] && bank.payments[i].is_return);
  }
  const uint64_t reversal_batch_id = has_returns ? store_->AllocateBatchId() : 0;
  Batch batch;
  batch.batch_id = store_->AllocateBatchId();
  batch.kind = BatchKind::kFile;
  batch.source_file = f.name;
  batch.created = now;
  std::vector<Payment> to_match = std::move(enriched);
  std::vector<Payment> returns;
  size_t kept = 0;
  for (bool s : links.skip) kept += !s;
  uint64_t next_id = kept > 0 ? store_->AllocatePaymentIds(kept) : 0;
  for (size_t i = 0; i < bank.payments.size(); ++i) {
    if (links.skip[i]) continue;
    Payment& p = bank.payments[i];
    p.payment_id = next_id++;
    report->payment_ids.push_back(p.payment_id);
    if (p.is_return) {
      ++report->returns;
    } else if (p.direction == Direction::kCredit) {
      ++report->credits;
      // The same money once across batches: a batch entry's sum and its
      // breakdown count with whichever file came first.
      if (!links.counted_before[i] && p.superseded_by.empty()) {
        report->credit_totals[std::string(p.amount.currency.code())] += p.amount.minor;
      }
    } else {
      ++report->debits;
    }
    set.PutPayment(p);
    if (GoesToWorkQueue(p)) to_match.push_back(p);
    if (p.is_return) returns.push_back(p);
  }
  for (auto& [index, advice] : links.advices_for_new) {
    advice.payment_id = bank.payments[index].payment_id;
    set.PutAdvice(advice);
    set.ClearAdvicePending(advice.advice_id);
  }

  // Matching holds the ledger still from deciding until the ledger follows
  // the commit, so no other change slips in between.
  std::unique_lock ledger_lock(ledger_mutex_);
  // Returns first: the invoices they reopen are open to this file's
  // payments. The ledger takes the reopened amounts now and gives them back
  // if the commit fails.
  std::vector<std::pair<InvoiceNo, int64_t>> undo;
  StagedDeductions deductions;
  if (!returns.empty()) {
    Batch reversal;
    reversal.batch_id = reversal_batch_id;
    reversal.kind = BatchKind::kReversal;
    reversal.source_file = f.name;
    reversal.created = now;
    Result<ReturnOutcome> reversed =
        StageReturns(*store_, ledger_, returns, reversal.batch_id, batch.batch_id, now, &set);
    if (!reversed.ok()) return reversed.status();
    Result<DeductionOutcome> voided = StageDeductions(*store_, reversed->rows, OpenAmountIn(ledger_), {},
                                                      reversal.batch_id, now, &deductions, &set);
    if (!voided.ok()) return voided.status();
    for (const auto& [invoice, open] : reversed->new_open) {
      undo.emplace_back(invoice, ledger_.invoice(invoice).open_amount.minor);
      ledger_.SetOpenAmount(invoice, open);
    }
    report->returns_reversed = reversed->reversed;
    report->returns_unknown = reversed->unknown;
    if (reversed->applications > 0) {
      reversal.payments = static_cast<uint32_t>(reversed->reversed);
      reversal.applications = static_cast<uint32_t>(reversed->applications);
      reversal.micros = MicrosSince(start);
      set.PutBatch(reversal);
      set.MarkResultsPending(reversal.batch_id);
      report->reversal_batch_id = reversal.batch_id;
    }
  }
  MatchOutcome matched =
      StageMatches(ledger_, config_.match, to_match, batch.batch_id, 0, now, &set);
  Result<DeductionOutcome> short_pays = StageDeductions(*store_, matched.rows, OpenAmountIn(ledger_), to_match,
                                                        batch.batch_id, now, &deductions, &set);
  if (!short_pays.ok()) {
    for (const auto& [invoice, open] : undo) ledger_.SetOpenAmount(invoice, open);
    return short_pays.status();
  }
  for (uint64_t id : matched.applied_payment_ids) set.ClearUnapplied(id);
  report->applied = matched.applied;
  report->applications = matched.applications;
  report->unapplied = matched.unapplied;
  report->duplicates = matched.duplicates;
  report->applied_totals = matched.applied_totals;
  report->match_micros = matched.micros;
  batch.payments = static_cast<uint32_t>(report->payment_ids.size());
  batch.applications = static_cast<uint32_t>(matched.applications);
  batch.unapplied = static_cast<uint32_t>(matched.unapplied);
  for (const auto& [code, minor] : report->credit_totals) {
    if (auto currency = Currency::FromCode(code)) batch.received.push_back(Money{minor, *currency});
  }
  batch.micros = f.micros + MicrosSince(start);
  record.outcome = FileOutcome::kIngested;
  record.batch_id = batch.batch_id;
  set.PutBatch(batch);
  set.MarkResultsPending(batch.batch_id);
  set.PutIngestedFile(record);
  if (Status committed = store_->Commit(std::move(set)); !committed.ok()) {
    for (const auto& [invoice, open] : undo) ledger_.SetOpenAmount(invoice, open);
    return committed;
  }
  for (const auto& [invoice, open] : matched.new_open) ledger_.SetOpenAmount(invoice, open);
  ledger_lock.unlock();
  report->outcome = IngestReport::Outcome::kIngested;
  report->batch_id = batch.batch_id;
  // The results reach the outbox before the file leaves the inbox: a crash
  // in between finds the batch pending at the next open, and the file,
  // still in the inbox, a duplicate.
  CASHMATCH_RETURN_IF_ERROR(WritePendingResults());
  if (options.move_files) {
    CASHMATCH_RETURN_IF_ERROR(PlaceFile(f.path, FreeFileName(config_.archive_dir, f.name, f.content_hash), true));
  }
  return Status::Ok();
}

}  // namespace cashmatch::tools
