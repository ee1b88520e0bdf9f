// Small deterministic helpers of the day generator: a seeded random stream,
// a string hash and an index permutation. Internal to tools/gen.
#ifndef CASHMATCH_TOOLS_GEN_DAY_RNG_H_
#define CASHMATCH_TOOLS_GEN_DAY_RNG_H_

#include <cstdint>
#include <numeric>
#include <span>
#include <string_view>

namespace cashmatch::gen::day {

inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// SplitMix64 keyed by (seed, stream, index), so every payment draws from a
// stream of its own and a change in one scenario's draws leaves the others
// alone.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : state_(Mix64(seed * 0x9E3779B97F4A7C15ULL ^ Mix64(stream + 0x632BE59BD9B4E019ULL) ^
                     Mix64(index ^ 0xA0761D6478BD642FULL))) {}
  uint64_t Next() { return Mix64(state_ += 0x9E3779B97F4A7C15ULL); }
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  bool Percent(unsigned p) { return Below(100) < p; }
  template <typename T>
  const T& Pick(std::span<const T> items) { return items[Below(items.size())]; }
  // An index drawn with the given relative weights; weights must not all be 0.
  template <typename W>
  size_t Weighted(std::span<const W> weights) {
    uint64_t total = 0;
    for (W w : weights) total += w;
    uint64_t r = Below(total);
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  uint64_t state_;
};

// 64-bit FNV-1a with a finalizer: the ledger index keeps hashes of
// normalized keys instead of the strings (8 bytes an invoice at 10M). 0 is
// reserved for "none".
inline uint64_t KeyHash(std::string_view s) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ULL;
  h = Mix64(h);
  return h == 0 ? 1 : h;
}

// i -> (a*i + b) mod n with gcd(a, n) = 1: a permutation of [0, n) that
// costs no memory, which is how the generator walks ten million invoices
// in a seeded order.
class Permutation {
 public:
  Permutation() = default;
  Permutation(uint64_t n, uint64_t seed) : n_(n) {
    if (n_ < 2) return;
    Rng rng(seed, 0x9E37, n);
    a_ = 1 + rng.Below(n_ - 1);
    while (std::gcd(a_, n_) != 1) a_ = a_ % (n_ - 1) + 1;
    b_ = rng.Below(n_);
  }
  uint64_t size() const { return n_; }
  uint64_t operator()(uint64_t i) const {
    if (n_ < 2) return 0;
    __extension__ using U128 = unsigned __int128;
    return static_cast<uint64_t>((static_cast<U128>(a_) * (i % n_) + b_) % n_);
  }

 private:
  uint64_t n_ = 0, a_ = 1, b_ = 0;
};

}  // namespace cashmatch::gen::day

#endif  // CASHMATCH_TOOLS_GEN_DAY_RNG_H_
