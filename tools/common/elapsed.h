// Wall time since a steady-clock instant, for the time-taken figures of
// reports, batches and logs.
#ifndef CASHMATCH_TOOLS_ELAPSED_H_
#define CASHMATCH_TOOLS_ELAPSED_H_

#include <chrono>
#include <cstdint>

namespace cashmatch::tools {

inline int64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_ELAPSED_H_
