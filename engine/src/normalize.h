// Allocation-free forms of the public normalization functions, for the
// ledger's hot paths. The public NormalizeReference in cashmatch/ledger.h is
// defined on top of these and says what the normalization is.
#ifndef CASHMATCH_ENGINE_NORMALIZE_H_
#define CASHMATCH_ENGINE_NORMALIZE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace cashmatch::internal {

// Writes NormalizeReference(text) to `out`, which must have room for
// text.size() bytes (the result is never longer); returns its length.
size_t NormalizeReferenceTo(std::string_view text, char* out);

// Normalizes references into a buffer it owns: on the stack for short ones,
// on the heap (reused across calls) for long ones. Each call invalidates the
// view the previous call returned. One per thread.
class RefNormalizer {
 public:
  RefNormalizer() = default;
  RefNormalizer(const RefNormalizer&) = delete;
  RefNormalizer& operator=(const RefNormalizer&) = delete;

  std::string_view operator()(std::string_view text) {
    char* out = small_;
    if (text.size() > sizeof(small_)) {
      if (big_.size() < text.size()) big_.resize(text.size());
      out = big_.data();
    }
    return std::string_view(out, NormalizeReferenceTo(text, out));
  }

 private:
  char small_[64];
  std::string big_;
};

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_NORMALIZE_H_
