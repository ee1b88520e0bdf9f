
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

void PrintReport(const IngestReport& r, std::string* out) {
  switch (r.outcome) {
    case IngestReport::Outcome::kDuplicate:
      Appendf(out, "%s: already ingested (%s); skipped\n", r.file.c_str(), r.reason.c_str());
      return;
    case IngestReport::Outcome::kRejected:
      Appendf(out, "%s: REJECTED%s%s: %s\n", r.file.c_str(), r.format.empty() ? "" : " as ",
                  r.format.c_str(), r.reason.c_str());
      if (!r.quarantined_as.empty()) {
        Appendf(out, "  quarantined as %s (report beside it)\n", r.quarantined_as.c_str());
      }
      return;
    case IngestReport::Outcome::kIngested:
      break;
  }
  Appendf(out, "%s: %s, batch %llu: %s credits (%s), %s debits, %s returns; %s\n", r.file.c_str(),
              r.format.c_str(), static_cast<unsigned long long>(r.batch_id),
              GroupDigits(r.credits).c_str(), Totals(r.credit_totals).c_str(),
              GroupDigits(r.debits).c_str(), GroupDigits(r.returns).c_str(),
              HumanMicros(r.micros).c_str());
  Appendf(out, "  %s applied (%s), %s left for a person%s\n", GroupDigits(r.applied).c_str(),
              r.applied_totals.empty() ? "nothing" : Totals(r.applied_totals).c_str(),
              GroupDigits(r.unapplied).c_str(),
              r.duplicates ? (" (" + GroupDigits(r.duplicates) + " possible duplicates)").c_str() : "");
  if (r.returns_reversed > 0) {
    Appendf(out, "  %s returns reversed their original's applications (batch %llu)\n",
                GroupDigits(r.returns_reversed).c_str(), static_cast<unsigned long long>(r.reversal_batch_id));
  }
  if (r.returns_unknown > 0) {
    Appendf(out, "  %s returns whose original is not known: left for a person\n",
                GroupDigits(r.returns_unknown).c_str());
  }
  if (r.advices > 0) {
    Appendf(out, "  %s remittance advices\n", GroupDigits(r.advices).c_str());
  }
  if (r.advices_joined > 0) {
    Appendf(out, "  %s advices joined to their payments\n", GroupDigits(r.advices_joined).c_str());
  }
  if (r.already_reported > 0) {
    Appendf(out, "  %s items already reported by an earlier file: not counted again\n",
                GroupDigits(r.already_reported).c_str());
  }
  if (r.batches_broken_down > 0) {
    Appendf(out, "  %s earlier batch entries broken down into their transactions\n",
                GroupDigits(r.batches_broken_down).c_str());
  }
  if (r.batch_entries_detailed_before > 0) {
    Appendf(out, "  %s batch entries already detailed by an earlier file: kept as record only\n",
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

int RunIngest(CommandEnv& env, bool json, const std::vector<std::string>& files, const std::string& format) {
  Service& service = *env.service;
  IngestOptions options;
  if (!format.empty()) {
    options.format = ParseBankFormatName(format);
    if (!options.format) {
      Appendf(&env.err, "cashmatch: unknown format '%s'\n", format.c_str());
      return kExitUsage;
    }
  }
  uint64_t payments = 0;
  if (env.progress) {
    env.progress("ingest: reading and parsing " + GroupDigits(files.size()) + " files...");
    options.progress = [&env, &payments](size_t done, size_t total, const IngestReport& last) {
      payments += last.credits + last.debits + last.returns;
      env.progress("ingest: " + GroupDigits(done) + "/" + GroupDigits(total) + " files, " + GroupDigits(payments) +
                   " payments (last: " + last.file + ")");
    };
  }
  auto reports = service.IngestFiles(files, options);
  if (!reports.ok()) return ReportFailure(env, reports.status());
  std::vector<std::string> rejected_files;
  JsonWriter w;
  w.BeginArray();
  for (const IngestReport& r : *reports) {
    if (r.outcome == IngestReport::Outcome::kRejected) rejected_files.push_back(r.file);
    if (json) {
      AppendJson(r, &w);
    } else {
      PrintReport(r, &env.out);
    }
  }
  if (json) Appendf(&env.out, "%s\n", w.EndArray().str().c_str());
  if (!rejected_files.empty()) {
    std::string names;
    for (const std::string& f : rejected_files) names += (names.empty() ? "" : ", ") + f;
    return Refuse(env, GroupDigits(rejected_files.size()) + " of " + GroupDigits(reports->size()) +
                           " files rejected, nothing of them ingested: " + names);
  }
  return kExitOk;
}

}  // namespace cashmatch::tools
