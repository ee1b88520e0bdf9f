// `cashmatch export BATCH [--out DIR]`: a batch's result files written
// again, byte for byte as the first time (docs/outbox.md).
#include "commands.h"
#include "json_writer.h"

namespace cashmatch::tools {

int RunExport(CommandEnv& env, bool json, uint64_t batch_id, const std::string& out_dir) {
  Service& service = *env.service;
  const std::string dir = out_dir.empty() ? service.config().outbox_dir : out_dir;
  Result<OutboxFiles> written = service.ExportBatch(batch_id, dir);
  if (!written.ok()) return ReportFailure(env, written.status());
  if (json) {
    JsonWriter w;
    w.BeginObject().Key("batch_id").Uint(written->batch_id);
    w.Key("application_rows").Uint(written->application_rows);
    w.Key("unapplied_rows").Uint(written->unapplied_rows);
    w.Key("files").BeginArray();
    for (const std::string& p : written->paths) w.String(p);
    w.EndArray().EndObject();
    Appendf(&env.out, "%s\n", w.str().c_str());
    return kExitOk;
  }
  Appendf(&env.out, "batch %llu: %llu application rows, %llu unapplied rows\n",
          static_cast<unsigned long long>(written->batch_id),
          static_cast<unsigned long long>(written->application_rows),
          static_cast<unsigned long long>(written->unapplied_rows));
  for (const std::string& p : written->paths) Appendf(&env.out, "  %s\n", p.c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
