#include "cashmatch/domain.h"

#include <array>

namespace cashmatch {
namespace {
constexpr std::array<std::string_view, 6> kMethodNames = {
    "reference", "fuzzy_reference", "amount", "combination", "customer_only", "manual"};
}  // namespace

std::string_view MatchMethodName(MatchMethod m) { return kMethodNames[static_cast<size_t>(m)]; }

std::optional<MatchMethod> ParseMatchMethod(std::string_view name) {
  for (size_t i = 0; i < kMethodNames.size(); ++i) {
    if (kMethodNames[i] == name) return static_cast<MatchMethod>(i);
  }
  return std::nullopt;
}

std::string_view BatchKindName(BatchKind k) {
  switch (k) {
    case BatchKind::kFile: return "file";
    case BatchKind::kManual: return "manual";
    case BatchKind::kReversal: return "reversal";
    case BatchKind::kRematch: return "rematch";
    case BatchKind::kLoad: return "load";
  }
  return "unknown";
}

std::string_view FileOutcomeName(FileOutcome o) {
  switch (o) {
    case FileOutcome::kIngested: return "ingested";
    case FileOutcome::kRejected: return "rejected";
    case FileOutcome::kDuplicate: return "duplicate";
  }
  return "unknown";
}

}  // namespace cashmatch
