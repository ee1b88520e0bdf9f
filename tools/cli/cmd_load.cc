
#include <filesystem>
#include <functional>

#include "commands.h"
#include "format.h"
#include "json_writer.h"

namespace cashmatch::tools {
namespace {

void PrintReport(const LoadReport& r, std::string* out) {
  if (r.duplicate) {
    Appendf(out, "%s: already loaded (same content as batch %llu); skipped\n", r.file.c_str(),
                static_cast<unsigned long long>(r.batch_id));
    return;
  }
  const uint64_t rows = r.customer_rows + r.invoice_rows;
  const uint64_t per_sec = r.micros > 0 ? rows * 1'000'000 / static_cast<uint64_t>(r.micros) : 0;
  Appendf(out, "%s: %s customers, %s invoices read; %s customers and %s invoices written, "
              "%s unchanged%s; batch %llu; %s (%s rows/s)\n",
              r.file.c_str(), GroupDigits(r.customer_rows).c_str(), GroupDigits(r.invoice_rows).c_str(),
              GroupDigits(r.customers_written).c_str(), GroupDigits(r.invoices_written).c_str(),
              GroupDigits(r.unchanged).c_str(),
              r.snapshot ? (", " + GroupDigits(r.invoices_closed) + " closed by snapshot").c_str() : "",
              static_cast<unsigned long long>(r.batch_id), HumanMicros(r.micros).c_str(),
              GroupDigits(per_sec).c_str());
  Appendf(out, "  time: read %s, parse %s, plan %s, commit %s, index %s\n", HumanMicros(r.phases.read).c_str(),
              HumanMicros(r.phases.parse).c_str(), HumanMicros(r.phases.plan).c_str(),
              HumanMicros(r.phases.commit).c_str(), HumanMicros(r.phases.index).c_str());
  for (const std::string& w : r.warnings) Appendf(out, "  warning: %s\n", w.c_str());
}

void AppendJson(const LoadReport& r, JsonWriter* w) {
  w->BeginObject().Key("file").String(r.file).Key("content_hash").String(r.content_hash);
  w->Key("format").String(r.format).Key("duplicate").Bool(r.duplicate);
  w->Key("snapshot").Bool(r.snapshot).Key("batch_id").Uint(r.batch_id);
  w->Key("customer_rows").Uint(r.customer_rows).Key("invoice_rows").Uint(r.invoice_rows);
  w->Key("customers_written").Uint(r.customers_written);
  w->Key("invoices_written").Uint(r.invoices_written);
  w->Key("invoices_closed").Uint(r.invoices_closed).Key("unchanged").Uint(r.unchanged);
  w->Key("warnings").BeginArray();
  for (const std::string& s : r.warnings) w->String(s);
  w->EndArray().Key("micros").Int(r.micros);
  w->Key("phases_micros").BeginObject().Key("read").Int(r.phases.read).Key("parse").Int(r.phases.parse);
  w->Key("plan").Int(r.phases.plan).Key("commit").Int(r.phases.commit).Key("index").Int(r.phases.index);
  w->EndObject().EndObject();
}

}  // namespace

int RunLoad(CommandEnv& env, bool json, const std::vector<std::string>& files, bool snapshot) {
  Service& service = *env.service;
  // Each file is its own atomic unit: one refused file stops the command,
  // and the files before it stay loaded.
  JsonWriter w;
  w.BeginArray();
  int code = kExitOk;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& path = files[i];
    std::function<void(std::string_view, uint64_t)> progress;
    if (env.progress) {
      const std::string name = std::filesystem::path(path).filename().string();
      progress = [&env, &files, i, name](std::string_view phase, uint64_t rows) {
        std::string line = "load: file " + std::to_string(i + 1) + "/" + std::to_string(files.size()) + " " + name +
                           ": " + std::string(phase);
        if (rows) line += ", " + GroupDigits(rows) + " rows";
        env.progress(line);
      };
      progress("read", 0);
    }
    auto report = service.LoadOpenItems(path, snapshot, progress);
    if (!report.ok()) {
      code = ReportFailure(env, report.status());
      break;
    }
    if (json) {
      AppendJson(*report, &w);
    } else {
      PrintReport(*report, &env.out);
    }
  }
  if (json) Appendf(&env.out, "%s\n", w.EndArray().str().c_str());
  return code;
}

}  // namespace cashmatch::tools
