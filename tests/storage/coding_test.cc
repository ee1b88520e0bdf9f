// The byte-level codings (storage/src/coding.h) and key layouts
// (storage/src/keys.h).
#include "coding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "keys.h"

namespace cashmatch::storage {
namespace {

TEST(Coding, VarintRoundTripsBoundaries) {
  const std::vector<uint64_t> values = {0,
                                        1,
                                        127,
                                        128,
                                        16383,
                                        16384,
                                        std::numeric_limits<uint32_t>::max(),
                                        uint64_t{1} << 63,
                                        std::numeric_limits<uint64_t>::max()};
  std::string buf;
  for (uint64_t v : values) PutVarint64(&buf, v);
  Reader r(buf);
  for (uint64_t v : values) {
    uint64_t got = 0;
    ASSERT_TRUE(r.GetVarint64(&got)) << r.error();
    EXPECT_EQ(got, v);
  }
  EXPECT_TRUE(r.ExpectEnd());
}

TEST(Coding, VarintSizes) {
  std::string buf;
  PutVarint64(&buf, 127);
  EXPECT_EQ(buf.size(), 1u);
  buf.clear();
  PutVarint64(&buf, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(buf.size(), kMaxVarint64Bytes);
}

TEST(Coding, VarintRejectsOverflowAndTruncation) {
  // Eleven continuation bytes.
  const std::string eleven(11, '\x80');
  Reader too_long(eleven);
  uint64_t v = 0;
  EXPECT_FALSE(too_long.GetVarint64(&v));
  // Ten bytes whose last carries more than bit 63.
  std::string ten(9, '\xFF');
  ten.push_back('\x02');
  Reader overflow(ten);
  EXPECT_FALSE(overflow.GetVarint64(&v));
  EXPECT_NE(overflow.error().find("overflows"), std::string::npos);
  const std::string two("\x80\x80", 2);
  Reader truncated(two);
  EXPECT_FALSE(truncated.GetVarint64(&v));
  EXPECT_NE(truncated.error().find("truncated"), std::string::npos);
}

TEST(Coding, Varint32RejectsWideValues) {
  std::string buf;
  PutVarint64(&buf, uint64_t{1} << 32);
  Reader r(buf);
  uint32_t v = 0;
  EXPECT_FALSE(r.GetVarint32(&v));
}

TEST(Coding, ZigZagRoundTripsExtremes) {
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{1}, int64_t{-64}, int64_t{63},
                    std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    std::string buf;
    PutZigZag64(&buf, v);
    Reader r(buf);
    int64_t got = 0;
    ASSERT_TRUE(r.GetZigZag64(&got));
    EXPECT_EQ(got, v);
  }
  std::string small;
  PutZigZag64(&small, -1);
  EXPECT_EQ(small.size(), 1u);  // small negatives stay small
}

TEST(Coding, FailureIsStickyAndPositioned) {
  std::string buf;
  PutLengthPrefixed(&buf, "abc");
  buf.pop_back();  // the string is now one byte short
  Reader r(buf);
  std::string s;
  EXPECT_FALSE(r.GetString(&s));
  uint8_t b = 0;
  EXPECT_FALSE(r.GetByte(&b));  // later reads fail too
  EXPECT_TRUE(r.failed());
  EXPECT_NE(r.error().find("at byte 1"), std::string::npos) << r.error();
}

TEST(Coding, ExpectEndRejectsTrailingBytes) {
  const std::string bytes("\x01\x02", 2);
  Reader r(bytes);
  uint8_t b = 0;
  ASSERT_TRUE(r.GetByte(&b));
  EXPECT_FALSE(r.ExpectEnd());
}

TEST(Coding, FixedBigEndianSortsNumerically) {
  std::vector<uint64_t> ids = {
      0, 1, 255, 256, 65535, 1u << 31, uint64_t{1} << 40, std::numeric_limits<uint64_t>::max()};
  std::vector<std::string> keys;
  for (uint64_t id : ids) {
    std::string k;
    PutFixed64BE(&k, id);
    EXPECT_EQ(DecodeFixed64BE(k.data()), id);
    keys.push_back(k);
  }
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  std::string k32;
  PutFixed32BE(&k32, 0xA1B2C3D4);
  EXPECT_EQ(k32, "\xA1\xB2\xC3\xD4");
  EXPECT_EQ(DecodeFixed32BE(k32.data()), 0xA1B2C3D4u);
}

const std::vector<std::string>& AwkwardStrings() {
  static const std::vector<std::string> v = {"",
                                             std::string("\0", 1),
                                             std::string("\0\0", 2),
                                             std::string("\0\x01", 2),
                                             std::string("\0\xFF", 2),
                                             "\x01",
                                             "A",
                                             std::string("A\0", 2),
                                             std::string("A\0B", 3),
                                             "AB",
                                             "ABC",
                                             "B",
                                             "\xFF",
                                             "\xFF\xFF",
                                             "Mu\xCC\x88ller",
                                             "\xE2\x82\xAC"};
  return v;
}

TEST(Coding, OrderedStringRoundTrips) {
  for (const std::string& s : AwkwardStrings()) {
    std::string enc;
    PutOrderedString(&enc, s);
    enc += "tail";
    std::string_view in = enc;
    std::string out;
    ASSERT_TRUE(GetOrderedString(&in, &out));
    EXPECT_EQ(out, s);
    EXPECT_EQ(in, "tail");
  }
}

TEST(Coding, OrderedStringRejectsBadEscapes) {
  std::string out;
  std::string_view unterminated("AB");
  EXPECT_FALSE(GetOrderedString(&unterminated, &out));
  std::string_view bad_escape("A\0\x02", 3);
  EXPECT_FALSE(GetOrderedString(&bad_escape, &out));
  std::string_view lone_zero("A\0", 2);
  EXPECT_FALSE(GetOrderedString(&lone_zero, &out));
}

// Composite keys of ordered strings sort as the tuples do, whatever bytes the
// strings hold: ("A", "Z") before ("AB", "A"), which plain concatenation
// would get wrong.
TEST(Coding, OrderedStringKeysSortAsTuples) {
  std::vector<std::pair<std::string, std::string>> tuples;
  for (const std::string& a : AwkwardStrings()) {
    for (const std::string& b : AwkwardStrings()) tuples.emplace_back(a, b);
  }
  std::vector<std::string> keys;
  for (const auto& [a, b] : tuples) keys.push_back(InvoiceKey(a, b));
  std::vector<size_t> by_key(tuples.size());
  std::vector<size_t> by_tuple(tuples.size());
  for (size_t i = 0; i < tuples.size(); ++i) by_key[i] = by_tuple[i] = i;
  std::sort(by_key.begin(), by_key.end(), [&](size_t x, size_t y) { return keys[x] < keys[y]; });
  std::sort(by_tuple.begin(), by_tuple.end(),
            [&](size_t x, size_t y) { return tuples[x] < tuples[y]; });
  EXPECT_EQ(by_key, by_tuple);
}

TEST(Coding, OrderedStringPrefixMatchesOnlyThatString) {
  const std::string prefix = InvoicesOfCustomerPrefix("AB");
  EXPECT_EQ(InvoiceKey("AB", "x").substr(0, prefix.size()), prefix);
  EXPECT_NE(InvoiceKey("ABC", "x").substr(0, prefix.size()), prefix);
  EXPECT_NE(InvoiceKey(std::string("AB\0", 3), "x").substr(0, prefix.size()), prefix);
  EXPECT_NE(InvoiceKey("A", "B").substr(0, prefix.size()), prefix);
}

TEST(Keys, ApplicationKeysSortByBatchThenSeq) {
  EXPECT_LT(ApplicationKey(1, 10), ApplicationKey(2, 0));
  EXPECT_LT(ApplicationKey(1, 2), ApplicationKey(1, 10));
  EXPECT_EQ(ApplicationKey(7, 3).size(), kApplicationKeySize);
  EXPECT_EQ(LeadingId(ApplicationKey(7, 3)), 7u);
  EXPECT_EQ(LeadingId("short"), std::nullopt);
}

TEST(Keys, IndexKeysEndWithThePrimaryKey) {
  Invoice inv;
  inv.company = "US01";
  inv.invoice_id = "INV-9";
  inv.customer_id = "C7";
  std::vector<IndexEntry> entries;
  AppendIndexEntries(inv, &entries);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].cf, kInvoicesByCustomer);
  EXPECT_EQ(entries[0].key, InvoicesOfCustomerPrefix("C7") + InvoiceKey("US01", "INV-9"));

  Application a;
  a.batch_id = 3;
  a.seq = 4;
  a.payment_id = 5;
  a.customer_id = "C7";  // on account: no invoice
  entries.clear();
  AppendIndexEntries(a, &entries);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].key, ApplicationsOfPaymentPrefix(5) + ApplicationKey(3, 4));
  EXPECT_EQ(entries[1].key, ApplicationsOfCustomerPrefix("C7") + ApplicationKey(3, 4));

  Payment p;
  p.payment_id = 9;
  p.trace_number = "T1";
  entries.clear();
  AppendIndexEntries(p, &entries);
  ASSERT_EQ(entries.size(), 1u);  // empty source_ref is not indexed
  EXPECT_EQ(entries[0].key,
            PaymentsByRefPrefix(PaymentRefKind::kTraceNumber, "T1") + PaymentKey(9));
}

TEST(Keys, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xFF", 2)), "b");
  EXPECT_EQ(PrefixSuccessor("\xFF\xFF"), std::nullopt);
  EXPECT_EQ(PrefixSuccessor(""), std::nullopt);
}

TEST(Keys, ColumnFamilyNamesAreDistinct) {
  std::vector<std::string> names(kCfNames.begin(), kCfNames.end());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  for (const std::string& n : names) EXPECT_NE(n, "default");
}

}  // namespace
}  // namespace cashmatch::storage
