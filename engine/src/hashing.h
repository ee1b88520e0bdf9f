// The one hash function of the ledger's indexes: XXH3-64, inlined because
// the keys are short and hashed on every lookup.
#ifndef CASHMATCH_ENGINE_HASHING_H_
#define CASHMATCH_ENGINE_HASHING_H_

#include <cstdint>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace cashmatch::internal {

inline uint64_t HashKey(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }
inline uint64_t HashKey(std::string_view s, uint64_t seed) {
  return XXH3_64bits_withSeed(s.data(), s.size(), seed);
}

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_HASHING_H_
