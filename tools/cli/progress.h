// Progress lines of long operations, for a person at a terminal: never in
// --json output, never when stderr is not a terminal.
#ifndef CASHMATCH_TOOLS_CLI_PROGRESS_H_
#define CASHMATCH_TOOLS_CLI_PROGRESS_H_

#include <chrono>
#include <cstdio>
#include <string_view>

namespace cashmatch::tools {

// At most one line per interval; the first is always due. Not thread-safe.
class ProgressThrottle {
 public:
  explicit ProgressThrottle(std::chrono::milliseconds every = std::chrono::milliseconds(100)) : every_(every) {}
  bool Due();

 private:
  std::chrono::milliseconds every_;
  std::chrono::steady_clock::time_point last_{};
  bool started_ = false;
};

// Draws each line over the previous one on `out` (a terminal's stderr).
// Clear() wipes the last before the command's own output is written. Not
// thread-safe.
class TerminalProgress {
 public:
  explicit TerminalProgress(std::FILE* out) : out_(out) {}
  ~TerminalProgress() { Clear(); }
  void Show(std::string_view line);
  void Clear();

 private:
  std::FILE* out_;
  ProgressThrottle throttle_;
  bool shown_ = false;
};

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_PROGRESS_H_
