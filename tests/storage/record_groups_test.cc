// GroupByRecord: a commit's changes of each record together and in set
// order, whatever the hashes, collisions between different keys included.
#include "record_groups.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace cashmatch::storage {
namespace {

// Checks that the runs GroupByRecord reports hold exactly one record each,
// in set order, and that every record forms one run.
void ExpectGrouped(std::vector<RecordChange> changes) {
  std::map<std::pair<Cf, std::string>, std::vector<uint32_t>> expected;
  for (const RecordChange& c : changes) expected[{c.cf, std::string(c.key)}].push_back(c.order);
  const std::vector<size_t> firsts = GroupByRecord(&changes);
  ASSERT_EQ(firsts.size(), expected.size());
  for (size_t r = 0; r < firsts.size(); ++r) {
    const size_t end = r + 1 < firsts.size() ? firsts[r + 1] : changes.size();
    const RecordChange& head = changes[firsts[r]];
    std::vector<uint32_t> orders;
    for (size_t i = firsts[r]; i < end; ++i) {
      EXPECT_EQ(changes[i].cf, head.cf);
      EXPECT_EQ(changes[i].key, head.key);
      orders.push_back(changes[i].order);
    }
    EXPECT_EQ(orders, (expected[{head.cf, std::string(head.key)}])) << head.key;
  }
}

TEST(RecordGroups, ChangesOfOneRecordStayTogetherInSetOrder) {
  static const std::string keys[] = {"a", "b", "c", "d"};
  std::vector<RecordChange> changes;
  for (uint32_t i = 0; i < 40; ++i) {
    const std::string& k = keys[(i * 7) % 4];
    changes.push_back({std::hash<std::string>{}(k), i, kInvoices, k, {}});
  }
  ExpectGrouped(changes);
}

TEST(RecordGroups, DifferentKeysSharingAHashStaySeparate) {
  // Every hash the same: the worst collision there can be, interleaved
  // across two column families.
  static const std::string keys[] = {"k1", "k2", "k3"};
  std::mt19937 rng(7);
  std::vector<RecordChange> changes;
  for (uint32_t i = 0; i < 200; ++i) {
    const Cf cf = rng() % 2 ? kInvoices : kPayments;
    changes.push_back({42, i, cf, keys[rng() % 3], {}});
  }
  ExpectGrouped(changes);
}

TEST(RecordGroups, SomeCollisionsAmongManyRecords) {
  std::vector<std::string> keys;
  for (int i = 0; i < 500; ++i) keys.push_back("INV-" + std::to_string(i));
  std::mt19937 rng(11);
  std::vector<RecordChange> changes;
  for (uint32_t i = 0; i < 5000; ++i) {
    const size_t k = rng() % keys.size();
    changes.push_back({k % 37, i, kApplications, keys[k], {}});  // 37 hashes for 500 keys
  }
  ExpectGrouped(changes);
}

TEST(RecordGroups, Empty) {
  std::vector<RecordChange> none;
  EXPECT_TRUE(GroupByRecord(&none).empty());
}

}  // namespace
}  // namespace cashmatch::storage
