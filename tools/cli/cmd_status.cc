// `cashmatch status`: the data directory at a glance.
#include <filesystem>

#include "commands.h"
#include "format.h"
#include "json_writer.h"

namespace cashmatch::tools {
namespace {

// Files in the inbox that the daemon has yet to take (writers' hidden temp
// files are not counted).
uint64_t InboxWaiting(const std::string& inbox) {
  uint64_t n = 0;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(inbox, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] != '.' && it->is_regular_file(ec)) ++n;
  }
  return n;
}

// What the bank-file batches of the last day did: the throughput an
// operator wants to see, from the batch records alone.
struct Recent {
  uint64_t files = 0, payments = 0, unapplied = 0;
};

Result<Recent> LastDay(const Store& store) {
  Recent r;
  const int64_t since = Timestamp::Now().micros - int64_t{86'400'000'000};
  CASHMATCH_RETURN_IF_ERROR(store.ForEachBatch([&](const Batch& b) {
    if (b.created.micros < since) return false;  // newest first
    if (b.kind == BatchKind::kFile) {
      ++r.files;
      r.payments += b.payments;
      r.unapplied += b.unapplied;
    }
    return true;
  }));
  return r;
}

}  // namespace

int RunStatus(CommandEnv& env, bool json) {
  Service& service = *env.service;
  Result<StatusReport> report = service.GetStatus();
  if (!report.ok()) return ReportFailure(env, report.status());
  StatusReport& r = *report;
  r.daemon_running = env.via_daemon;
  const uint64_t waiting = InboxWaiting(service.config().inbox_dir);
  Result<Recent> recent = LastDay(service.store());
  if (!recent.ok()) return ReportFailure(env, recent.status());
  const uint64_t auto_applied = recent->payments - std::min(recent->payments, recent->unapplied);
  if (json) {
    JsonWriter w;
    w.BeginObject().Key("daemon_running").Bool(r.daemon_running);
    w.Key("data_dir").String(r.data_dir).Key("inbox_waiting").Uint(waiting);
    w.Key("customers").Uint(r.customers).Key("invoices").Uint(r.invoices);
    w.Key("open_invoices").Uint(r.open_invoices);
    w.Key("open_amounts").BeginObject();
    for (const auto& [code, minor] : r.open_by_currency) {
      w.Key(code).Raw(FormatMinorUnits(minor, Currency::FromCode(code)->exponent()));
    }
    w.EndObject();
    w.Key("unapplied_payments").Uint(r.unapplied_payments);
    w.Key("last_batch");
    if (r.last_batch) {
      w.BeginObject().Key("batch_id").Uint(r.last_batch->batch_id);
      w.Key("kind").String(BatchKindName(r.last_batch->kind));
      w.Key("source_file").String(r.last_batch->source_file);
      w.Key("created").String(FormatTimestamp(r.last_batch->created)).EndObject();
    } else {
      w.Null();
    }
    w.Key("last_24h").BeginObject().Key("files").Uint(recent->files).Key("payments").Uint(recent->payments);
    w.Key("auto_applied").Uint(auto_applied).EndObject();
    w.Key("files_ingested").Uint(r.files_ingested).Key("files_rejected").Uint(r.files_rejected);
    w.Key("ledger_bytes").Uint(r.ledger_bytes).Key("open_micros").Int(r.open_micros);
    w.EndObject();
    Appendf(&env.out, "%s\n", w.str().c_str());
    return kExitOk;
  }
  std::string& o = env.out;
  Appendf(&o, "cashmatch status — %s\n", r.data_dir.c_str());
  Appendf(&o, "  daemon          %s\n", r.daemon_running ? "running (answered through its socket)" : "not running");
  Appendf(&o, "  inbox           %s files waiting\n", GroupDigits(waiting).c_str());
  Appendf(&o, "  customers       %s\n", GroupDigits(r.customers).c_str());
  Appendf(&o, "  invoices        %s (%s open)\n", GroupDigits(r.invoices).c_str(),
          GroupDigits(r.open_invoices).c_str());
  const char* label = "  open amounts    ";
  for (const auto& [code, minor] : r.open_by_currency) {
    Appendf(&o, "%s%s\n", label, HumanAmount(minor, *Currency::FromCode(code)).c_str());
    label = "                  ";
  }
  Appendf(&o, "  unapplied       %s payments\n", GroupDigits(r.unapplied_payments).c_str());
  if (r.last_batch) {
    Appendf(&o, "  last batch      #%llu %s%s%s at %s\n", static_cast<unsigned long long>(r.last_batch->batch_id),
            std::string(BatchKindName(r.last_batch->kind)).c_str(), r.last_batch->source_file.empty() ? "" : " ",
            r.last_batch->source_file.c_str(), HumanTimestamp(r.last_batch->created).c_str());
  } else {
    Appendf(&o, "  last batch      none\n");
  }
  Appendf(&o, "  files           %s ingested, %s rejected\n", GroupDigits(r.files_ingested).c_str(),
          GroupDigits(r.files_rejected).c_str());
  if (recent->payments == 0) {
    Appendf(&o, "  last 24 hours   no payments received\n");
  } else {
    // Whole percent, rounded down: integer arithmetic, like every figure here.
    Appendf(&o, "  last 24 hours   %s payments in %s files, %s%% applied automatically\n",
            GroupDigits(recent->payments).c_str(), GroupDigits(recent->files).c_str(),
            std::to_string(auto_applied * 100 / recent->payments).c_str());
  }
  Appendf(&o, "  ledger memory   %s\n", HumanBytes(r.ledger_bytes).c_str());
  Appendf(&o, "  opened in       %s\n", HumanMicros(r.open_micros).c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
