// What changed between two configurations, setting by setting, for the
// daemon's SIGHUP reread: the [daemon] settings take effect at once, the
// others need a restart.
#ifndef CASHMATCH_TOOLS_DAEMON_SETTINGS_DIFF_H_
#define CASHMATCH_TOOLS_DAEMON_SETTINGS_DIFF_H_

#include <string>
#include <vector>

#include "config.h"

namespace cashmatch::tools {

struct SettingChange {
  std::string key;  // as in the TOML file: "daemon.settle_ms"
  std::string from, to;
  bool live = false;  // takes effect without a restart
};

// Every setting whose value differs, in a fixed order. The lockbox layout
// is one setting ("ingest.lockbox", shown as "default" or "custom").
std::vector<SettingChange> DiffSettings(const Config& before, const Config& after);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_DAEMON_SETTINGS_DIFF_H_
