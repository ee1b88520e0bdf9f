
#include <algorithm>

#include "commands.h"
#include "format.h"
#include "json_writer.h"
#include "table.h"

namespace cashmatch::tools {

int RunFiles(CommandEnv& env, bool json) {
  Service& service = *env.service;
  std::vector<IngestedFile> files;
  const Status st = service.store().ForEachIngestedFile([&](const IngestedFile& f) {
    files.push_back(f);
    return true;
  });
  if (!st.ok()) return ReportFailure(env, st);
  // People read the history in time order; the store keeps it by hash.
  std::stable_sort(files.begin(), files.end(),
                   [](const IngestedFile& a, const IngestedFile& b) { return a.at < b.at; });
  if (json) {
    JsonWriter w;
    w.BeginArray();
    for (const IngestedFile& f : files) {
      w.BeginObject().Key("name").String(f.name).Key("content_hash").String(f.content_hash);
      w.Key("size").Uint(f.size).Key("format").String(f.format);
      w.Key("outcome").String(FileOutcomeName(f.outcome)).Key("batch_id").Uint(f.batch_id);
      w.Key("reason").String(f.reason).Key("at").String(FormatTimestamp(f.at)).EndObject();
    }
    Appendf(&env.out, "%s\n", w.EndArray().str().c_str());
    return kExitOk;
  }
  if (files.empty()) {
    Appendf(&env.out, "no files ingested yet\n");
    return kExitOk;
  }
  Table t({"at", "file", "format", "size", "outcome", "batch", "hash", "reason"},
          {false, false, false, true, false, true, false, false});
  for (const IngestedFile& f : files) {
    t.AddRow({HumanTimestamp(f.at), f.name, f.format, HumanBytes(f.size),
              std::string(FileOutcomeName(f.outcome)), f.batch_id ? std::to_string(f.batch_id) : "-",
              f.content_hash.substr(0, 12), f.reason.empty() ? "-" : f.reason});
  }
  Appendf(&env.out, "%s", t.Render().c_str());
  return kExitOk;
}

}  // namespace cashmatch::tools
