#include "config.h"

// Header-only and without exceptions: parse errors come back as values, and
// the TU does not depend on how the packaged library was built.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <set>
#include <type_traits>

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

SourceLocation At(const std::string& path, const toml::node& node, std::string field) {
  return {path, node.source().begin.line, node.source().begin.column, std::move(field)};
}

// A lockbox layout described by field name, so that an operator can take a
// new bank's layout from its documentation without a code change.
Status ReadLockbox(const toml::table& table, const std::string& path, LockboxLayout* layout) {
  // record_length first: field checks depend on it.
  if (const toml::node* n = table.get("record_length")) {
    const auto v = n->value<int64_t>();
    if (!v || *v < 0 || *v > 4096) {
      return Status::InvalidInput("record_length must be 0..4096",
                                  At(path, *n, "ingest.lockbox.record_length"));
    }
    layout->record_length = static_cast<uint16_t>(*v);
  }
  for (const auto& [key, node] : table) {
    const std::string field = "ingest.lockbox." + std::string(key.str());
    if (key.str() == "record_length") continue;
    if (key.str() == "date_order") {
      const auto v = node.value<std::string>();
      if (v == "YYMMDD") {
        layout->date_order = LockboxLayout::DateOrder::kYymmdd;
      } else if (v == "MMDDYY") {
        layout->date_order = LockboxLayout::DateOrder::kMmddyy;
      } else {
        return Status::InvalidInput("date_order must be \"YYMMDD\" or \"MMDDYY\"",
                                    At(path, node, field));
      }
      continue;
    }
    const toml::array* pair = node.as_array();
    const auto start = pair && pair->size() == 2 ? (*pair)[0].value<int64_t>() : std::nullopt;
    const auto length = pair && pair->size() == 2 ? (*pair)[1].value<int64_t>() : std::nullopt;
    if (!start || !length || *start < 0 || *length < 0 || *start > 4096 || *length > 4096) {
      return Status::InvalidInput("a lockbox field is [start, length] with 1-based positions",
                                  At(path, node, field));
    }
    Status s = SetLockboxField(layout, key.str(),
                               FixedField{static_cast<uint16_t>(*start), static_cast<uint16_t>(*length)});
    if (!s.ok()) return Status::InvalidInput(std::string(s.reason()), At(path, node, field));
  }
  return Status::Ok();
}

Status ReadIngest(const toml::table& ingest, const std::string& path, Config* c) {
  CASHMATCH_RETURN_IF_ERROR(
      UnknownKeys(ingest, "ingest", {"advice_window_days", "max_file_bytes", "lockbox"}, path));
  if (const toml::node* n = ingest.get("advice_window_days")) {
    const auto v = n->value<int64_t>();
    if (!v || *v < 0 || *v > 60) {
      return Status::InvalidInput("advice_window_days must be 0..60",
                                  At(path, *n, "ingest.advice_window_days"));
    }
    c->advice_window_days = static_cast<int32_t>(*v);
  }
  if (const toml::node* n = ingest.get("max_file_bytes")) {
    const auto v = n->value<int64_t>();
    if (!v || *v <= 0) {
      return Status::InvalidInput("max_file_bytes must be a positive number of bytes",
                                  At(path, *n, "ingest.max_file_bytes"));
    }
    c->max_file_bytes = static_cast<uint64_t>(*v);
  }
  if (const toml::node* n = ingest.get("lockbox")) {
    const toml::table* lockbox = n->as_table();
    if (lockbox == nullptr) {
      return Status::InvalidInput("ingest.lockbox must be a table", At(path, *n, "ingest.lockbox"));
    }
    CASHMATCH_RETURN_IF_ERROR(ReadLockbox(*lockbox, path, &c->lockbox_layout));
  }
  return Status::Ok();
}

// A share in [0, 1] as basis points. Confidence is not money: reading it
// through a double and rounding to a basis point is exact enough.
Status ReadShare(const toml::table& t, std::string_view key, const std::string& path,
                 uint16_t* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::Ok();
  const auto v = n->value<double>();
  if (!v || *v < 0 || *v > 1) {
    return Status::InvalidInput(std::string(key) + " must be a number from 0 to 1",
                                At(path, *n, "matching." + std::string(key)));
  }
  *out = static_cast<uint16_t>(*v * 10000 + 0.5);
  return Status::Ok();
}

Status ReadCount(const toml::table& t, std::string_view key, const std::string& path,
                 int64_t max, uint32_t* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::Ok();
  const auto v = n->value<int64_t>();
  if (!v || *v < 1 || *v > max) {
    return Status::InvalidInput(std::string(key) + " must be 1.." + std::to_string(max),
                                At(path, *n, "matching." + std::string(key)));
  }
  *out = static_cast<uint32_t>(*v);
  return Status::Ok();
}

Status ReadMatching(const toml::table& t, const std::string& path, MatchOptions* m) {
  CASHMATCH_RETURN_IF_ERROR(UnknownKeys(
      t, "matching",
      {"auto_apply", "suggest", "ambiguity_margin", "writeoff_max", "writeoff_max_pct",
       "combination_max_items", "combination_max_candidates", "combination_max_steps", "accounts"},
      path));
  CASHMATCH_RETURN_IF_ERROR(ReadShare(t, "auto_apply", path, &m->auto_apply_bp));
  CASHMATCH_RETURN_IF_ERROR(ReadShare(t, "suggest", path, &m->suggest_bp));
  CASHMATCH_RETURN_IF_ERROR(ReadShare(t, "ambiguity_margin", path, &m->ambiguity_margin_bp));
  // Money-like limits are decimal strings, read exactly.
  if (const toml::node* n = t.get("writeoff_max")) {
    const auto text = n->value<std::string>();
    Result<int64_t> minor = text ? ParseMinorUnits(*text, 2) : Result<int64_t>(Status::InvalidInput(""));
    if (!minor.ok() || *minor < 0) {
      return Status::InvalidInput("writeoff_max must be a decimal string such as \"5.00\"",
                                  At(path, *n, "matching.writeoff_max"));
    }
    m->writeoff_max_minor = *minor;
  }
  if (const toml::node* n = t.get("writeoff_max_pct")) {
    const auto text = n->value<std::string>();
    Result<uint32_t> bp = text ? ParsePercentBasisPoints(*text) : Result<uint32_t>(Status::InvalidInput(""));
    if (!bp.ok() || *bp > 10000) {
      return Status::InvalidInput("writeoff_max_pct must be a percentage string such as \"1\"",
                                  At(path, *n, "matching.writeoff_max_pct"));
    }
    m->writeoff_max_bp = *bp;
  }
  CASHMATCH_RETURN_IF_ERROR(ReadCount(t, "combination_max_items", path, 12, &m->combination_max_items));
  CASHMATCH_RETURN_IF_ERROR(
      ReadCount(t, "combination_max_candidates", path, 200, &m->combination_max_candidates));
  CASHMATCH_RETURN_IF_ERROR(
      ReadCount(t, "combination_max_steps", path, 100'000'000, &m->combination_max_steps));
  // [matching.accounts]: our receiving account = the legal entity it belongs to.
  if (const toml::node* n = t.get("accounts")) {
    const toml::table* accounts = n->as_table();
    if (accounts == nullptr) {
      return Status::InvalidInput("matching.accounts must be a table of account = \"company\"",
                                  At(path, *n, "matching.accounts"));
    }
    for (const auto& [key, value] : *accounts) {
      const auto company = value.value<std::string>();
      if (!company || key.str().empty()) {
        return Status::InvalidInput("matching.accounts." + std::string(key.str()) +
                                        " must be a company code string (\"\" for the default entity)",
                                    At(path, value, "matching.accounts"));
      }
      m->account_companies[std::string(key.str())] = *company;
    }
  }
  return Status::Ok();
}

Status ReadDaemon(const toml::table& t, const std::string& path, Config::Daemon* d) {
  CASHMATCH_RETURN_IF_ERROR(
      UnknownKeys(t, "daemon", {"settle_ms", "rescan_ms", "group_files", "group_bytes"}, path));
  struct Bounded {
    std::string_view key;
    int64_t min, max;
  };
  const auto read = [&](const Bounded& b, auto* out) -> Status {
    const toml::node* n = t.get(b.key);
    if (n == nullptr) return Status::Ok();
    const auto v = n->value<int64_t>();
    if (!v || *v < b.min || *v > b.max) {
      return Status::InvalidInput(std::string(b.key) + " must be " + std::to_string(b.min) + ".." +
                                      std::to_string(b.max),
                                  At(path, *n, "daemon." + std::string(b.key)));
    }
    *out = static_cast<std::remove_pointer_t<decltype(out)>>(*v);
    return Status::Ok();
  };
  CASHMATCH_RETURN_IF_ERROR(read({"settle_ms", 0, 600'000}, &d->settle_ms));
  CASHMATCH_RETURN_IF_ERROR(read({"rescan_ms", 100, 3'600'000}, &d->rescan_ms));
  CASHMATCH_RETURN_IF_ERROR(read({"group_files", 1, 1024}, &d->group_files));
  CASHMATCH_RETURN_IF_ERROR(read({"group_bytes", 1, int64_t{1} << 40}, &d->group_bytes));
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
    std::set<std::string_view> sections = {"paths", "engine", "storage", "ingest", "matching", "daemon"};
    sections.insert(std::begin(kCollectionsSections), std::end(kCollectionsSections));
    CASHMATCH_RETURN_IF_ERROR(UnknownKeys(root, "", sections, path));
    CASHMATCH_RETURN_IF_ERROR(ReadCollectionsConfig(path, &c.collections));
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
    if (const auto* ingest = root["ingest"].as_table()) {
      CASHMATCH_RETURN_IF_ERROR(ReadIngest(*ingest, path, &c));
    }
    if (const auto* matching = root["matching"].as_table()) {
      CASHMATCH_RETURN_IF_ERROR(ReadMatching(*matching, path, &c.match));
    }
    if (const auto* daemon = root["daemon"].as_table()) {
      CASHMATCH_RETURN_IF_ERROR(ReadDaemon(*daemon, path, &c.daemon));
    }
  }
  if (!data_dir_override.empty()) {
    // Folders the file derived from its own data_dir follow the override.
    c.data_dir = data_dir_override;
  }
  FillFolders(&c);
  c.match.threads = c.threads;
  return c;
}

}  // namespace cashmatch::tools
