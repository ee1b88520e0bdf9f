#include <cstdio>

#include "commands.h"
#include "format.h"
#include "json_writer.h"

namespace cashmatch::tools {

int ReportFailure(const Status& status) {
  std::fprintf(stderr, "cashmatch: %s\n", status.ToString().c_str());
  switch (status.code()) {
    case StatusCode::kBusy:
    case StatusCode::kIoError:
    case StatusCode::kCorruption: return kExitUnreachable;
    default: return kExitRefused;
  }
}

int RunStatus(Service& service, const CliContext& ctx) {
  const Result<StatusReport> report = service.GetStatus();
  if (!report.ok()) return ReportFailure(report.status());
  const StatusReport& r = *report;
  if (ctx.json) {
    JsonWriter w;
    w.BeginObject().Key("daemon_running").Bool(r.daemon_running);
    w.Key("data_dir").String(r.data_dir);
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
    w.Key("files_ingested").Uint(r.files_ingested).Key("files_rejected").Uint(r.files_rejected);
    w.Key("ledger_bytes").Uint(r.ledger_bytes).Key("open_micros").Int(r.open_micros);
    w.EndObject();
    std::printf("%s\n", w.str().c_str());
    return kExitOk;
  }
  std::printf("cashmatch status — %s\n", r.data_dir.c_str());
  std::printf("  daemon          %s\n", r.daemon_running ? "running" : "not running");
  std::printf("  customers       %s\n", GroupDigits(r.customers).c_str());
  std::printf("  invoices        %s (%s open)\n", GroupDigits(r.invoices).c_str(),
              GroupDigits(r.open_invoices).c_str());
  const char* label = "  open amounts    ";
  for (const auto& [code, minor] : r.open_by_currency) {
    std::printf("%s%s\n", label, HumanAmount(minor, *Currency::FromCode(code)).c_str());
    label = "                  ";
  }
  std::printf("  unapplied       %s payments\n", GroupDigits(r.unapplied_payments).c_str());
  if (r.last_batch) {
    std::printf("  last batch      #%llu %s %s at %s\n",
                static_cast<unsigned long long>(r.last_batch->batch_id),
                std::string(BatchKindName(r.last_batch->kind)).c_str(),
                r.last_batch->source_file.c_str(), FormatTimestamp(r.last_batch->created).c_str());
  } else {
    std::printf("  last batch      none\n");
  }
  std::printf("  files           %s ingested, %s rejected\n", GroupDigits(r.files_ingested).c_str(),
              GroupDigits(r.files_rejected).c_str());
  std::printf("  throughput      no payments matched yet\n");
  std::printf("  ledger memory   %s\n", HumanBytes(r.ledger_bytes).c_str());
  std::printf("  opened in       %s\n", HumanMicros(r.open_micros).c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
