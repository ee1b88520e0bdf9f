#include "progress.h"

namespace cashmatch::tools {

bool ProgressThrottle::Due() {
  const auto now = std::chrono::steady_clock::now();
  if (started_ && now - last_ < every_) return false;
  started_ = true;
  last_ = now;
  return true;
}

void TerminalProgress::Show(std::string_view line) {
  if (!throttle_.Due()) return;
  // Carriage return and erase-line: each line replaces the last.
  std::fprintf(out_, "\r\033[K%.*s", static_cast<int>(line.size()), line.data());
  std::fflush(out_);
  shown_ = true;
}

void TerminalProgress::Clear() {
  if (!shown_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
  shown_ = false;
}

}  // namespace cashmatch::tools
