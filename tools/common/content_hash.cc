#include "content_hash.h"

#include <xxhash.h>

#include <cstdio>

namespace cashmatch::tools {

std::string ContentHash(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

}  // namespace cashmatch::tools
