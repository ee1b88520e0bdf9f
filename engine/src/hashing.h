// The hash functions of the ledger's indexes: XXH3-64, inlined because the
// keys are short and hashed on every lookup, and a bijective mix for keys
// that are numbers.
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

// MurmurHash3's finalizer: a bijection of 64-bit words that mixes well, for
// keys that are numbers already (the exact codes of short references), so
// that equal hashes mean equal keys.
inline uint64_t MixBits(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_HASHING_H_
