#include <cstdio>

#include "commands.h"
#include "format.h"
#include "json_writer.h"

namespace cashmatch::tools {
namespace {

std::string_view OutcomeName(IngestReport::Outcome o) {
  switch (o) {
    case IngestReport::Outcome::kIngested: return "ingested";
    case IngestReport::Outcome::kDuplicate: return "duplicate";
    case IngestReport::Outcome::kRejected: return "rejected";
  }
  return "unknown";
}

std::string Totals(const std::map<std::string, int64_t>& totals) {
  std::string out;
  for (const auto& [code, minor] : totals) {
    if (!out.empty()) out += ", ";
    auto currency = Currency::FromCode(code);
    out += currency ? HumanAmount(minor, *currency) : code;
  }
  return out;
}

void PrintReport(const IngestReport& r) {
  switch (r.outcome) {
    case IngestReport::Outcome::kDuplicate:
      std::printf("%s: already ingested (%s); skipped\n", r.file.c_str(), r.reason.c_str());
      return;
    case IngestReport::Outcome::kRejected:
      std::printf("%s: REJECTED%s%s: %s\n", r.file.c_str(), r.format.empty() ? "" : " as ",
                  r.format.c_str(), r.reason.c_str());
      if (!r.quarantined_as.empty()) {
        std::printf("  quarantined as %s (report beside it)\n", r.quarantined_as.c_str());
      }
      return;
    case IngestReport::Outcome::kIngested:
      break;
  }
  std::printf("%s: %s, batch %llu: %s credits (%s), %s debits, %s returns; %s\n", r.file.c_str(),
              r.format.c_str(), static_cast<unsigned long long>(r.batch_id),
              GroupDigits(r.credits).c_str(), Totals(r.credit_totals).c_str(),
              GroupDigits(r.debits).c_str(), GroupDigits(r.returns).c_str(),
              HumanMicros(r.micros).c_str());
  std::printf("  %s applied (%s), %s left for a person%s\n", GroupDigits(r.applied).c_str(),
              r.applied_totals.empty() ? "nothing" : Totals(r.applied_totals).c_str(),
              GroupDigits(r.unapplied).c_str(),
              r.duplicates ? (" (" + GroupDigits(r.duplicates) + " possible duplicates)").c_str() : "");
  if (r.returns_reversed > 0) {
    std::printf("  %s returns reversed their original's applications (batch %llu)\n",
                GroupDigits(r.returns_reversed).c_str(), static_cast<unsigned long long>(r.reversal_batch_id));
  }
  if (r.returns_unknown > 0) {
    std::printf("  %s returns whose original is not known: left for a person\n",
                GroupDigits(r.returns_unknown).c_str());
  }
  if (r.advices > 0) {
    std::printf("  %s remittance advices\n", GroupDigits(r.advices).c_str());
  }
  if (r.advices_joined > 0) {
    std::printf("  %s advices joined to their payments\n", GroupDigits(r.advices_joined).c_str());
  }
  if (r.already_reported > 0) {
    std::printf("  %s items already reported by an earlier file: not counted again\n",
                GroupDigits(r.already_reported).c_str());
  }
  if (r.batches_broken_down > 0) {
    std::printf("  %s earlier batch entries broken down into their transactions\n",
                GroupDigits(r.batches_broken_down).c_str());
  }
  if (r.batch_entries_detailed_before > 0) {
    std::printf("  %s batch entries already detailed by an earlier file: kept as record only\n",
                GroupDigits(r.batch_entries_detailed_before).c_str());
  }
}

void AppendJson(const IngestReport& r, JsonWriter* w) {
  w->BeginObject().Key("file").String(r.file).Key("content_hash").String(r.content_hash);
  w->Key("format").String(r.format).Key("outcome").String(OutcomeName(r.outcome));
  w->Key("reason").String(r.reason).Key("quarantined_as").String(r.quarantined_as);
  w->Key("batch_id").Uint(r.batch_id).Key("credits").Uint(r.credits);
  w->Key("debits").Uint(r.debits).Key("returns").Uint(r.returns);
  w->Key("credit_totals").BeginObject();
  for (const auto& [code, minor] : r.credit_totals) {
    auto currency = Currency::FromCode(code);
    w->Key(code).String(currency ? FormatMoney(Money{minor, *currency}) : std::to_string(minor));
  }
  w->EndObject();
  w->Key("applied").Uint(r.applied).Key("applications").Uint(r.applications);
  w->Key("applied_totals").BeginObject();
  for (const auto& [code, minor] : r.applied_totals) {
    auto currency = Currency::FromCode(code);
    w->Key(code).String(currency ? FormatMoney(Money{minor, *currency}) : std::to_string(minor));
  }
  w->EndObject().Key("duplicates").Uint(r.duplicates).Key("match_micros").Int(r.match_micros);
  w->Key("unapplied").Uint(r.unapplied).Key("advices").Uint(r.advices);
  w->Key("advices_joined").Uint(r.advices_joined).Key("already_reported").Uint(r.already_reported);
  w->Key("batches_broken_down").Uint(r.batches_broken_down);
  w->Key("batch_entries_detailed_before").Uint(r.batch_entries_detailed_before);
  w->Key("payment_ids").BeginArray();
  for (uint64_t id : r.payment_ids) w->Uint(id);
  w->EndArray().Key("micros").Int(r.micros).EndObject();
}

}  // namespace

int RunIngest(Service& service, const CliContext& ctx, const std::vector<std::string>& files,
              const std::string& format) {
  IngestOptions options;
  if (!format.empty()) {
    options.format = ParseBankFormatName(format);
    if (!options.format) {
      std::fprintf(stderr, "cashmatch: unknown format '%s'\n", format.c_str());
      return kExitUsage;
    }
  }
  auto reports = service.IngestFiles(files, options);
  if (!reports.ok()) return ReportFailure(reports.status());
  bool rejected = false;
  JsonWriter w;
  w.BeginArray();
  for (const IngestReport& r : *reports) {
    rejected |= r.outcome == IngestReport::Outcome::kRejected;
    if (ctx.json) {
      AppendJson(r, &w);
    } else {
      PrintReport(r);
    }
  }
  if (ctx.json) std::printf("%s\n", w.EndArray().str().c_str());
  if (rejected) {
    std::fprintf(stderr, "cashmatch: a file was rejected; nothing of it was ingested\n");
    return kExitRefused;
  }
  return kExitOk;
}

}  // namespace cashmatch::tools
