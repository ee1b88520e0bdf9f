#include "cashmatch/collections.h"

#include <array>
#include <charconv>

namespace cashmatch {
namespace {

constexpr std::array<std::string_view, 6> kStatusNames = {
    "open", "under_review", "resolved_valid", "resolved_invalid", "written_off", "void"};

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

std::string_view DeductionStatusName(DeductionStatus s) {
  const auto i = static_cast<size_t>(s);
  return i < kStatusNames.size() ? kStatusNames[i] : "?";
}

std::optional<DeductionStatus> ParseDeductionStatus(std::string_view name) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<DeductionStatus>(i);
  }
  // Spelled with a dash or a space, as people type them.
  std::string alt(name);
  for (char& c : alt) {
    if (c == '-' || c == ' ') c = '_';
  }
  if (alt != name) return ParseDeductionStatus(alt);
  return std::nullopt;
}

std::optional<std::pair<uint64_t, uint32_t>> ParseDeductionId(std::string_view text) {
  const size_t dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  uint64_t batch = 0;
  uint32_t seq = 0;
  if (!ParseNumber(text.substr(0, dash), &batch) || !ParseNumber(text.substr(dash + 1), &seq)) {
    return std::nullopt;
  }
  return std::make_pair(batch, seq);
}

}  // namespace cashmatch
