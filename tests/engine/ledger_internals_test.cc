// The ledger's building blocks, checked against plain implementations: the
// tag multimap under random inserts and erases and merges, the posting
// table built three ways, reference keys, the bounded OSA distance,
// deletion neighbourhoods, and the string arena.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "arena.h"
#include "deletion_variants.h"
#include "osa_distance.h"
#include "posting_table.h"
#include "reference_key.h"
#include "tag_multimap.h"
#include "tag_sort.h"

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

TEST(TagMultiMap, MergeSortedAddsToWhatItHolds) {
  std::mt19937_64 rng(6);
  struct Rec {
    uint32_t tag;
    uint32_t value;
    uint32_t payload;
  };
  CodedTagMultiMap t;
  std::multiset<std::tuple<uint32_t, uint32_t, uint32_t>> model;
  std::vector<uint64_t> hashes;
  for (int i = 0; i < 500; ++i) hashes.push_back(rng());
  for (int round = 0; round < 4; ++round) {
    PodVector<Rec> recs;
    for (int i = 0; i < 3000 * (round + 1); ++i) {
      const uint64_t h = hashes[rng() % hashes.size()];
      const auto v = static_cast<uint32_t>(rng() % 100);
      recs.push_back(Rec{CodedTagMultiMap::TagOf(h), v, v * 7});
      model.emplace(CodedTagMultiMap::TagOf(h), v, v * 7);
    }
    if (round == 2) {  // upkeep in between
      for (int i = 0; i < 500; ++i) {
        const uint64_t h = hashes[rng() % hashes.size()];
        t.Insert(h, 1000 + i, i);
        model.emplace(CodedTagMultiMap::TagOf(h), 1000 + i, i);
      }
    }
    recs = SortedByTag(std::move(recs));
    t.MergeSorted(recs.data(), recs.size());
    ASSERT_EQ(t.size(), model.size());
    for (const uint64_t h : hashes) {
      std::multiset<std::tuple<uint32_t, uint32_t, uint32_t>> got, want;
      const uint32_t tag = CodedTagMultiMap::TagOf(h);
      t.ForEachWithPayload(h, [&](uint32_t value, uint32_t payload) {
        got.emplace(tag, value, payload);
        return true;
      });
      for (auto it = model.lower_bound({tag, 0, 0}); it != model.end() && std::get<0>(*it) == tag;
           ++it) {
        want.insert(*it);
      }
      ASSERT_EQ(got, want);
    }
  }
}

// A posting table filled by inserts, by one bulk build, and by a build then
// merges must hold the same entries; and a block it calls same_key must
// hold only entries filed under hashes with the probe's KeyOf.
TEST(PostingTable, InsertBuildAndMergeAgreeAndKeepBlockKeys) {
  std::mt19937_64 rng(8);
  // Keys that share tags (equal top halves), so slots mix keys.
  std::vector<uint64_t> keys;
  for (int i = 0; i < 400; ++i) keys.push_back(rng());
  for (int i = 0; i < 100; ++i) keys.push_back((keys[i] & ~0xffffffffULL) | (rng() >> 32));
  struct Entry {
    uint64_t hash;
    uint32_t value;
    uint8_t aux;
  };
  std::vector<Entry> entries;
  for (uint32_t value = 0; value < 20000; ++value) {
    entries.push_back(Entry{keys[rng() % keys.size()], value, static_cast<uint8_t>(rng())});
  }
  // Answers KeyOfSingle from the entries themselves, or "unknown" for odd
  // values, as a reader that cannot tell would.
  class Singles : public PostingTable::SingleKeys {
   public:
    explicit Singles(const std::vector<Entry>& e) : e_(e) {}
    uint64_t KeyOfSingle(uint32_t value, uint8_t) const override {
      return value % 2 ? 0 : PostingTable::KeyOf(e_[value].hash);
    }

   private:
    const std::vector<Entry>& e_;
  } singles(entries);
  auto postings = [&](size_t from, size_t to) {
    PodVector<PostingTable::Posting> p;
    for (size_t i = from; i < to; ++i) {
      const Entry& e = entries[i];
      p.push_back(PostingTable::Posting{PostingTable::TagOf(e.hash), static_cast<uint32_t>(e.hash),
                                        e.value, e.aux});
    }
    return SortedByTag(std::move(p));
  };
  PostingTable inserted, built, merged;
  for (const Entry& e : entries) inserted.Insert(e.hash, e.value, e.aux, singles);
  const PodVector<PostingTable::Posting> all = postings(0, entries.size());
  built.BuildFromSorted(all.data(), all.size());
  for (const auto& [from, to] : {std::pair<size_t, size_t>{0, 50}, {50, 9000}, {9000, 20000}}) {
    const PodVector<PostingTable::Posting> part = postings(from, to);
    merged.MergeSorted(part.data(), part.size(), singles);
  }
  // Keys alone on their tag: a bulk build keeps the key of each of their
  // blocks; inserts and merges where a reader told them the single
  // entries' keys (half the time here).
  size_t alone = 0;
  for (const uint64_t key : keys) {
    alone += std::count_if(keys.begin(), keys.end(), [&](uint64_t other) {
               return PostingTable::TagOf(other) == PostingTable::TagOf(key);
             }) == 1;
  }
  for (const PostingTable* t : {&inserted, &built, &merged}) {
    ASSERT_EQ(t->entries(), entries.size());
    size_t same_key_blocks = 0;
    for (const uint64_t key : keys) {
      std::multiset<std::pair<uint32_t, uint8_t>> got, want;
      bool any_same_key = false;
      t->ForEach(key, [&](uint32_t value, uint8_t aux, bool same_key) {
        got.emplace(value, aux);
        if (!same_key) return;
        any_same_key = true;
        EXPECT_EQ(PostingTable::KeyOf(entries[value].hash), PostingTable::KeyOf(key));
      });
      same_key_blocks += any_same_key;
      for (const Entry& e : entries) {
        if (PostingTable::TagOf(e.hash) == PostingTable::TagOf(key)) want.emplace(e.value, e.aux);
      }
      ASSERT_EQ(got, want);
    }
    if (t == &built) {
      EXPECT_EQ(same_key_blocks, alone);
    } else {
      EXPECT_GT(same_key_blocks, alone / 3);
    }
  }
}

TEST(ReferenceKey, CodedKeysNameTheirReferenceExactly) {
  std::mt19937_64 rng(10);
  std::map<std::pair<uint32_t, uint32_t>, std::string> seen;  // (tag, check) -> reference
  for (int i = 0; i < 200000; ++i) {
    std::string r(1 + rng() % 12, ' ');
    for (char& c : r) c = "0123456789AZ"[rng() % 12];
    const ReferenceKey key = KeyOfReference(r);
    ASSERT_TRUE(key.coded) << r;  // all but one in two billion
    const auto [it, fresh] =
        seen.emplace(std::make_pair(CodedTagMultiMap::TagOf(key.hash), key.check), r);
    ASSERT_TRUE(fresh || it->second == r) << r << " and " << it->second;
    EXPECT_TRUE(key.Wanted(key.Value(7), key.check));
    EXPECT_FALSE(key.Wanted(key.Value(7), key.check + 1));
  }
  const ReferenceKey long_one = KeyOfReference("1234567890123");
  EXPECT_FALSE(long_one.coded);
  EXPECT_TRUE(long_one.Wanted(long_one.Value(7), 0));
  EXPECT_EQ(long_one.Value(7) & ~kUncoded, 7u);
  EXPECT_FALSE(long_one.Wanted(7, 0));  // a coded entry is another reference
  EXPECT_FALSE(KeyOfInvoiceId("--", "").coded);
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
