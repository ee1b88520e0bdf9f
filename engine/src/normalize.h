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

// A number naming a normalized reference of 1 to kCodedLength characters
// exactly (base 37 over 0-9 and A-Z, no zero digit, so every string has one
// number), or 0 for any other string. Equal codes mean equal references,
// so a table that keeps the code settles a match without reading the
// invoice.
inline constexpr size_t kCodedLength = 12;
uint64_t ReferenceCode(std::string_view normalized);

// Whether NormalizeReference(text) == key, without writing the normalized
// form: the check the reference lookups make on every candidate.
bool NormalizedEquals(std::string_view text, std::string_view key);

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
