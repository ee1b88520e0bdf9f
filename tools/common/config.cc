#include "config.h"

// Header-only and without exceptions: parse errors come back as values, and
// the TU does not depend on how the packaged library was built.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <set>

namespace cashmatch::tools {
namespace {

void FillFolders(Config* c) {
  const std::string& d = c->data_dir;
  if (c->db_dir.empty()) c->db_dir = d + "/db";
  if (c->inbox_dir.empty()) c->inbox_dir = d + "/inbox";
  if (c->outbox_dir.empty()) c->outbox_dir = d + "/outbox";
  if (c->archive_dir.empty()) c->archive_dir = d + "/archive";
  if (c->quarantine_dir.empty()) c->quarantine_dir = d + "/quarantine";
  if (c->socket_path.empty()) c->socket_path = d + "/cashmatchd.sock";
}

Status UnknownKeys(const toml::table& table, std::string_view section,
                   const std::set<std::string_view>& known, const std::string& path) {
  for (const auto& [key, value] : table) {
    if (!known.contains(key.str())) {
      return Status::InvalidInput("unknown setting '" + std::string(section) +
                                      (section.empty() ? "" : ".") + std::string(key.str()) + "'",
                                  {path, key.source().begin.line, key.source().begin.column, ""});
    }
  }
  return Status::Ok();
}

}  // namespace

Config DefaultConfig(const std::string& data_dir) {
  Config c;
  if (!data_dir.empty()) c.data_dir = data_dir;
  FillFolders(&c);
  return c;
}

Result<Config> LoadConfig(const std::string& path, const std::string& data_dir_override) {
  Config c;
  if (!path.empty()) {
    toml::parse_result parsed = toml::parse_file(path);
    if (!parsed) {
      const auto& err = parsed.error();
      return Status::InvalidInput(std::string(err.description()),
                                  {path, err.source().begin.line, err.source().begin.column, ""});
    }
    const toml::table& root = parsed.table();
    CASHMATCH_RETURN_IF_ERROR(UnknownKeys(root, "", {"paths", "engine", "storage"}, path));
    if (const auto* paths = root["paths"].as_table()) {
      CASHMATCH_RETURN_IF_ERROR(UnknownKeys(*paths, "paths",
                                            {"data_dir", "db_dir", "inbox", "outbox", "archive",
                                             "quarantine", "socket"},
                                            path));
      c.data_dir = (*paths)["data_dir"].value_or(c.data_dir);
      c.db_dir = (*paths)["db_dir"].value_or(std::string());
      c.inbox_dir = (*paths)["inbox"].value_or(std::string());
      c.outbox_dir = (*paths)["outbox"].value_or(std::string());
      c.archive_dir = (*paths)["archive"].value_or(std::string());
      c.quarantine_dir = (*paths)["quarantine"].value_or(std::string());
      c.socket_path = (*paths)["socket"].value_or(std::string());
    }
    if (const auto* engine = root["engine"].as_table()) {
      CASHMATCH_RETURN_IF_ERROR(UnknownKeys(*engine, "engine", {"threads"}, path));
      const int64_t threads = (*engine)["threads"].value_or(int64_t{0});
      if (threads < 0 || threads > 1024) {
        return Status::InvalidInput("engine.threads must be 0..1024", {path, 0, 0, "engine.threads"});
      }
      c.threads = static_cast<uint32_t>(threads);
    }
    if (const auto* storage = root["storage"].as_table()) {
      CASHMATCH_RETURN_IF_ERROR(UnknownKeys(*storage, "storage", {"sync_writes"}, path));
      c.sync_writes = (*storage)["sync_writes"].value_or(true);
    }
  }
  if (!data_dir_override.empty()) {
    // Folders the file derived from its own data_dir follow the override.
    c.data_dir = data_dir_override;
  }
  FillFolders(&c);
  return c;
}

}  // namespace cashmatch::tools
