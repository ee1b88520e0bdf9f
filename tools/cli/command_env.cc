#include <cstdarg>
#include <cstdio>

#include "commands.h"

namespace cashmatch::tools {

void Appendf(std::string* out, const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list again;
  va_copy(again, args);
  char small[512];
  const int n = std::vsnprintf(small, sizeof small, format, args);
  va_end(args);
  if (n < 0) {
    va_end(again);
    return;
  }
  if (static_cast<size_t>(n) < sizeof small) {
    out->append(small, static_cast<size_t>(n));
  } else {
    const size_t at = out->size();
    out->resize(at + static_cast<size_t>(n) + 1);
    std::vsnprintf(out->data() + at, static_cast<size_t>(n) + 1, format, again);
    out->resize(at + static_cast<size_t>(n));
  }
  va_end(again);
}

int Refuse(CommandEnv& env, const std::string& reason) {
  std::string line = reason;
  // Spec section 1: the reason is one line, whatever the input it quotes.
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  env.err += "cashmatch: " + line + "\n";
  return kExitRefused;
}

int ReportFailure(CommandEnv& env, const Status& status) {
  Refuse(env, status.ToString());
  switch (status.code()) {
    case StatusCode::kBusy:
    case StatusCode::kIoError:
    case StatusCode::kCorruption: return kExitUnreachable;
    default: return kExitRefused;
  }
}

}  // namespace cashmatch::tools
