// Optimal string alignment distance (Damerau-Levenshtein where no substring
// is edited twice): insertions, deletions, substitutions and transpositions
// of adjacent characters each cost 1.
#ifndef CASHMATCH_ENGINE_OSA_DISTANCE_H_
#define CASHMATCH_ENGINE_OSA_DISTANCE_H_

#include <string_view>

namespace cashmatch::internal {

// The distance between a and b when it is at most `max`, else max + 1.
// Cheap when the strings share most of their characters, as the fuzzy
// index's candidates do: common prefix and suffix are skipped first.
int BoundedOsaDistance(std::string_view a, std::string_view b, int max);

// The exact distance by the textbook dynamic program, for tests.
int OsaDistance(std::string_view a, std::string_view b);

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_OSA_DISTANCE_H_
