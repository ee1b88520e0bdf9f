#include "osa_distance.h"

#include <algorithm>
#include <vector>

namespace cashmatch::internal {
namespace {

// Three rolling rows of the dynamic program over b, with early exit once a
// whole row exceeds `max`. Only the band |i - j| <= max is computed (a cell
// outside it is past max), and cells left just outside it hold max + 1 for
// the next rows to read: 2 max + 1 cells a row instead of |b|. Rows live on
// the stack for strings of common size.
int Dp(std::string_view a, std::string_view b, int max) {
  const size_t m = b.size();
  const int past = max + 1;
  const auto band = static_cast<size_t>(max);
  constexpr size_t kStack = 64;
  int stack_rows[3][kStack + 2];
  std::vector<int> heap_rows;
  int* rows[3];
  if (m + 2 <= kStack + 2) {
    for (int r = 0; r < 3; ++r) rows[r] = stack_rows[r];
  } else {
    heap_rows.resize(3 * (m + 2));
    for (int r = 0; r < 3; ++r) rows[r] = heap_rows.data() + r * (m + 2);
  }
  int* two_up = rows[0];
  int* up = rows[1];
  int* cur = rows[2];
  for (size_t j = 0; j <= m + 1; ++j) up[j] = j <= band ? static_cast<int>(j) : past;
  for (size_t j = 0; j <= m + 1; ++j) two_up[j] = past;
  for (size_t i = 1; i <= a.size(); ++i) {
    const size_t lo = i > band ? i - band : 1;
    const size_t hi = std::min(m, i + band);
    cur[lo - 1] = lo == 1 && i <= band ? static_cast<int>(i) : past;
    int row_min = cur[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int d = std::min({up[j] + 1, cur[j - 1] + 1, up[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, two_up[j - 2] + 1);
      }
      cur[j] = std::min(d, past);
      row_min = std::min(row_min, cur[j]);
    }
    if (hi < m) cur[hi + 1] = past;  // the next row reads it as up[j]
    if (row_min > max) return past;
    int* t = two_up;
    two_up = up;
    up = cur;
    cur = t;
  }
  return std::min(up[m], past);
}

}  // namespace

int BoundedOsaDistance(std::string_view a, std::string_view b, int max) {
  size_t p = 0;
  while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
  a.remove_prefix(p);
  b.remove_prefix(p);
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.size() > b.size()) std::swap(a, b);
  const size_t diff = b.size() - a.size();
  if (diff > static_cast<size_t>(max)) return max + 1;
  if (a.empty()) return static_cast<int>(diff);
  // One differing character each: a substitution. Two swapped: a transposition.
  if (b.size() == 1) return 1;
  if (a.size() == 2 && b.size() == 2 && a[0] == b[1] && a[1] == b[0]) return 1;
  // What is left differs in its first and in its last character and is no
  // single edit, so the distance is 2 or more: the common case of a
  // distance-1 search needs no table.
  if (max <= 1) return max + 1;
  return Dp(a, b, max);
}

int OsaDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace cashmatch::internal
