#include "settings_diff.h"

#include <utility>

namespace cashmatch::tools {
namespace {

using Values = std::vector<std::pair<std::string, std::string>>;

std::string Bp(uint32_t bp) {
  std::string s = std::to_string(bp / 10000) + "." + std::to_string(10000 + bp % 10000).substr(1);
  while (s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

Values ValuesOf(const Config& c) {
  const MatchOptions& m = c.match;
  return {
      {"paths.data_dir", c.data_dir},
      {"paths.db_dir", c.db_dir},
      {"paths.inbox", c.inbox_dir},
      {"paths.outbox", c.outbox_dir},
      {"paths.archive", c.archive_dir},
      {"paths.quarantine", c.quarantine_dir},
      {"paths.socket", c.socket_path},
      {"engine.threads", std::to_string(c.threads)},
      {"storage.sync_writes", c.sync_writes ? "true" : "false"},
      {"ingest.advice_window_days", std::to_string(c.advice_window_days)},
      {"ingest.max_file_bytes", std::to_string(c.max_file_bytes)},
      {"ingest.lockbox", c.lockbox_layout == LockboxLayout::Default() ? "default" : "custom"},
      {"matching.auto_apply", Bp(m.auto_apply_bp)},
      {"matching.suggest", Bp(m.suggest_bp)},
      {"matching.ambiguity_margin", Bp(m.ambiguity_margin_bp)},
      {"matching.writeoff_max", std::to_string(m.writeoff_max_minor) + " minor units"},
      {"matching.writeoff_max_pct", Bp(m.writeoff_max_bp * 100)},
      {"matching.combination_max_items", std::to_string(m.combination_max_items)},
      {"matching.combination_max_candidates", std::to_string(m.combination_max_candidates)},
      {"matching.combination_max_steps", std::to_string(m.combination_max_steps)},
      {"daemon.settle_ms", std::to_string(c.daemon.settle_ms)},
      {"daemon.rescan_ms", std::to_string(c.daemon.rescan_ms)},
      {"daemon.group_files", std::to_string(c.daemon.group_files)},
      {"daemon.group_bytes", std::to_string(c.daemon.group_bytes)},
  };
}

}  // namespace

std::vector<SettingChange> DiffSettings(const Config& before, const Config& after) {
  const Values a = ValuesOf(before), b = ValuesOf(after);
  std::vector<SettingChange> changes;
  bool lockbox_changed = !(before.lockbox_layout == after.lockbox_layout);
  for (size_t i = 0; i < a.size(); ++i) {
    const bool differs =
        a[i].second != b[i].second || (a[i].first == "ingest.lockbox" && lockbox_changed);
    if (!differs) continue;
    changes.push_back({a[i].first, a[i].second, b[i].second, a[i].first.starts_with("daemon.")});
  }
  return changes;
}

}  // namespace cashmatch::tools
