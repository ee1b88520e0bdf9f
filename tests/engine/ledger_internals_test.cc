// The ledger's building blocks, checked against plain implementations: the
// tag multimap under random inserts and erases, the bounded OSA distance,
// deletion neighbourhoods, and the string arena.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "arena.h"
#include "deletion_variants.h"
#include "osa_distance.h"
#include "tag_multimap.h"

namespace cashmatch::internal {
namespace {

TEST(TagMultiMap, MatchesAMultisetUnderInsertAndErase) {
  std::mt19937_64 rng(5);
  TagMultiMap t;
  std::multiset<std::pair<uint64_t, uint32_t>> model;
  // Few distinct hashes, so runs are long and backward shifts are exercised;
  // hashes that differ only in the low half share a tag, and so a slot.
  std::vector<uint64_t> hashes;
  for (int i = 0; i < 300; ++i) hashes.push_back(rng());
  for (int i = 0; i < 40; ++i) hashes.push_back((hashes[i] & ~0xffffffffULL) | i);
  for (int step = 0; step < 200000; ++step) {
    const uint64_t h = hashes[rng() % hashes.size()];
    const auto v = static_cast<uint32_t>(rng() % 8);
    if (rng() % 3 != 0) {
      t.Insert(h, v);
      model.emplace(h >> 32, v);
    } else {
      const auto it = model.find({h >> 32, v});
      ASSERT_EQ(t.Erase(h, v), it != model.end());
      if (it != model.end()) model.erase(it);
    }
    if (step % 997 == 0) {
      ASSERT_EQ(t.size(), model.size());
      for (const uint64_t q : hashes) {
        std::multiset<uint32_t> got, want;
        t.ForEach(q, [&](uint32_t value) {
          got.insert(value);
          return true;
        });
        for (auto it = model.lower_bound({q >> 32, 0}); it != model.end() && it->first == q >> 32;
             ++it) {
          want.insert(it->second);
        }
        ASSERT_EQ(got, want);
      }
    }
  }
}

TEST(TagMultiMap, ForEachStopsWhenAsked) {
  TagMultiMap t;
  for (uint32_t v = 0; v < 10; ++v) t.Insert(42ULL << 32, v);
  int calls = 0;
  t.ForEach(42ULL << 32, [&](uint32_t) { return ++calls < 3; });
  EXPECT_EQ(calls, 3);
}

TEST(BoundedOsaDistance, AgreesWithTheTextbookProgram) {
  std::mt19937_64 rng(9);
  for (int i = 0; i < 200000; ++i) {
    const std::string_view alphabet = i % 2 ? "ab" : "abcd";
    std::string a(rng() % 9, ' '), b(rng() % 9, ' ');
    for (char& c : a) c = alphabet[rng() % alphabet.size()];
    for (char& c : b) c = alphabet[rng() % alphabet.size()];
    const int full = OsaDistance(a, b);
    for (int max = 0; max <= 3; ++max) {
      ASSERT_EQ(BoundedOsaDistance(a, b, max), std::min(full, max + 1))
          << a << " " << b << " " << max;
    }
  }
  EXPECT_EQ(OsaDistance("ca", "abc"), 3);  // OSA, not unrestricted Damerau
  EXPECT_EQ(BoundedOsaDistance("ca", "abc", 3), 3);
  EXPECT_EQ(BoundedOsaDistance("4512", "4521", 1), 1);
  EXPECT_EQ(BoundedOsaDistance(std::string(100, 'x'), std::string(99, 'x') + "y", 2), 1);
}

std::set<std::string> BruteDeletions(const std::string& s, int depth) {
  std::set<std::string> level = {s};
  for (int d = 0; d < depth; ++d) {
    std::set<std::string> next;
    for (const std::string& t : level) {
      for (size_t i = 0; i < t.size(); ++i) next.insert(t.substr(0, i) + t.substr(i + 1));
    }
    level = next;
  }
  return level;
}

TEST(DeletionVariants, AreExactlyTheDistinctDeletions) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 5000; ++i) {
    std::string s(rng() % (DeletionVariants::kMaxSource + 1), ' ');
    for (char& c : s) c = "aab1"[rng() % 4];
    for (int max_depth = 0; max_depth <= 2; ++max_depth) {
      const DeletionVariants v(s, max_depth);
      std::map<int, std::vector<std::string>> got;
      for (size_t k = 0; k < v.count(); ++k) got[v.depth(k)].emplace_back(v.text(k));
      for (int d = 0; d <= max_depth; ++d) {
        if (static_cast<size_t>(d) > s.size()) continue;
        std::vector<std::string>& g = got[d];
        std::sort(g.begin(), g.end());
        ASSERT_TRUE(std::adjacent_find(g.begin(), g.end()) == g.end()) << s << " has repeats";
        const std::set<std::string> want = BruteDeletions(s, d);
        ASSERT_EQ(std::set<std::string>(g.begin(), g.end()), want) << s << " depth " << d;
      }
    }
  }
}

TEST(Arena, RecordsStayPutAndStringsRoundTrip) {
  Arena arena;
  std::vector<std::pair<uint64_t, std::string>> written;
  std::mt19937_64 rng(1);
  for (int i = 0; i < 5000; ++i) {
    // Mostly short strings, some far larger than a block.
    const size_t n = i % 1000 == 999 ? (size_t{20} << 20) + rng() % 100 : rng() % 300;
    std::string s(n, static_cast<char>('a' + i % 26));
    uint64_t offset;
    char* p = arena.Allocate(StringSize(s), &offset);
    ASSERT_EQ(PutString(p, s), p + StringSize(s));
    written.emplace_back(offset, std::move(s));
  }
  for (const auto& [offset, s] : written) {
    const char* p = arena.At(offset);
    ASSERT_EQ(GetString(&p), s);
  }
  EXPECT_GE(arena.MemoryUsage(), arena.used());
}

}  // namespace
}  // namespace cashmatch::internal
