// The public normalizations the matcher shares with the ledger's indexes.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "cashmatch/ledger.h"
#include "normalize.h"

namespace cashmatch {
namespace {

TEST(NormalizeReference, InvoiceSpellingsMeet) {
  EXPECT_EQ(NormalizeReference("INV-004512"), "4512");
  EXPECT_EQ(NormalizeReference("inv 4512"), "4512");
  EXPECT_EQ(NormalizeReference("#4512"), "4512");
  EXPECT_EQ(NormalizeReference("4512"), "4512");
  EXPECT_EQ(NormalizeReference("No. 4512"), "4512");
  EXPECT_EQ(NormalizeReference("NR4512"), "4512");
  EXPECT_EQ(NormalizeReference("Ref: 004512"), "4512");
  EXPECT_EQ(NormalizeReference("Invoice No. 4512"), "4512");
  EXPECT_EQ(NormalizeReference("INV#0004512"), "4512");
}

TEST(NormalizeReference, DropsAnyLeadingWordBeforeDigits) {
  EXPECT_EQ(NormalizeReference("SO12345"), "12345");
  EXPECT_EQ(NormalizeReference("INV-0001234567"), "1234567");
  EXPECT_EQ(NormalizeReference("PO-4500012345"), "4500012345");
}

TEST(NormalizeReference, KeepsAlphabeticAndInterleavedTokens) {
  EXPECT_EQ(NormalizeReference("A12B34"), "A12B34");
  EXPECT_EQ(NormalizeReference("a12b34"), "A12B34");
  EXPECT_EQ(NormalizeReference("ACME"), "ACME");
  EXPECT_EQ(NormalizeReference("inv"), "INV");
  EXPECT_EQ(NormalizeReference("4512-A"), "4512A");
  EXPECT_EQ(NormalizeReference("INV-4512-A"), "INV4512A");
  // Leading zeros belong to an interleaved token and stay.
  EXPECT_EQ(NormalizeReference("0A12"), "0A12");
  EXPECT_EQ(NormalizeReference("2024-INV-000123"), "2024INV000123");
}

TEST(NormalizeReference, DropsLeadingZerosButKeepsZero) {
  EXPECT_EQ(NormalizeReference("004512"), "4512");
  EXPECT_EQ(NormalizeReference("0"), "0");
  EXPECT_EQ(NormalizeReference("0000"), "0");
  EXPECT_EQ(NormalizeReference("INV-0000"), "0");
  EXPECT_EQ(NormalizeReference("000100"), "100");
}

TEST(NormalizeReference, IgnoresSeparatorsAndCase) {
  EXPECT_EQ(NormalizeReference("45-12"), "4512");
  EXPECT_EQ(NormalizeReference(" 4 5/1.2_ "), "4512");
  EXPECT_EQ(NormalizeReference("\t4512\r\n"), "4512");
  EXPECT_EQ(NormalizeReference("ab-cd"), "ABCD");
}

TEST(NormalizeReference, IgnoresNonAsciiBytes) {
  EXPECT_EQ(NormalizeReference("INV\xE2\x80\x93" "4512"), "4512");  // en dash
  EXPECT_EQ(NormalizeReference("Rechnung Nr. 4512 \xC3\xA4"), "4512");
  EXPECT_EQ(NormalizeReference("\xFF\xFE\x80"), "");
  // Bytes whose low bits look like letters are not letters.
  EXPECT_EQ(NormalizeReference("\xC1\xE1\xDA"), "");
  EXPECT_EQ(NormalizeReference("@[`{"), "");
}

TEST(NormalizeReference, EmptyWhenNothingIsLeft) {
  EXPECT_EQ(NormalizeReference(""), "");
  EXPECT_EQ(NormalizeReference("#"), "");
  EXPECT_EQ(NormalizeReference("--/ --"), "");
  EXPECT_EQ(NormalizeReference(std::string_view("\0\0", 2)), "");
}

TEST(NormalizeReference, NeverCrashesAndStaysInItsAlphabet) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 40, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    const std::string n = NormalizeReference(s);
    ASSERT_LE(n.size(), s.size());
    for (const char c : n) ASSERT_TRUE((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) << c;
    ASSERT_EQ(NormalizeReference(n), n) << "not idempotent on " << n;
  }
  const std::string huge(1 << 20, '7');
  EXPECT_EQ(NormalizeReference(huge), huge);
}

TEST(NormalizeReference, NormalizedEqualsAgreesWithNormalizing) {
  std::mt19937_64 rng(11);
  const std::string alphabet = "0000123aAbB-# \xC3";
  for (int i = 0; i < 200000; ++i) {
    std::string s(rng() % 12, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    const std::string n = NormalizeReference(s);
    ASSERT_TRUE(internal::NormalizedEquals(s, n)) << s;
    // Near misses: one character changed, dropped or added.
    std::string other = n;
    switch (rng() % 3) {
      case 0:
        if (!other.empty()) other[rng() % other.size()] = "0AB1"[rng() % 4];
        break;
      case 1:
        if (!other.empty()) other.erase(rng() % other.size(), 1);
        break;
      default:
        other.insert(rng() % (other.size() + 1), 1, "0A1"[rng() % 3]);
    }
    ASSERT_EQ(internal::NormalizedEquals(s, other), other == n) << s << " vs " << other;
  }
  EXPECT_TRUE(internal::NormalizedEquals("INV-0000", "0"));
  EXPECT_FALSE(internal::NormalizedEquals("INV-0000", "00"));
  EXPECT_TRUE(internal::NormalizedEquals("--", ""));
  EXPECT_FALSE(internal::NormalizedEquals("0A12", "A12"));
}

TEST(NormalizeReference, CodesNameShortReferencesOneToOne) {
  std::mt19937_64 rng(12);
  std::map<uint64_t, std::string> seen;
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (int i = 0; i < 300000; ++i) {
    // Short strings over a few symbols collide often if the code is wrong.
    std::string s(1 + rng() % (i % 2 ? 12 : 4), ' ');
    for (char& c : s) c = i % 3 ? "0A1Z9"[rng() % 5] : alphabet[rng() % alphabet.size()];
    const uint64_t code = internal::ReferenceCode(s);
    ASSERT_NE(code, 0u) << s;
    const auto [it, inserted] = seen.emplace(code, s);
    ASSERT_EQ(it->second, s) << "same code " << code;
  }
  EXPECT_EQ(internal::ReferenceCode(""), 0u);
  EXPECT_EQ(internal::ReferenceCode("1234567890123"), 0u);  // 13 characters
  EXPECT_NE(internal::ReferenceCode("ZZZZZZZZZZZZ"), 0u);
  EXPECT_EQ(internal::ReferenceCode("ab"), 0u);  // not normalized
}

TEST(NormalizeCustomerName, LegalFormsPunctuationAndOrderDoNotMatter) {
  EXPECT_EQ(NormalizeCustomerName("The Acme Corp."), "ACME");
  EXPECT_EQ(NormalizeCustomerName("ACME, Inc"), "ACME");
  EXPECT_EQ(NormalizeCustomerName("acme"), "ACME");
  EXPECT_EQ(NormalizeCustomerName("Widget Works GmbH"), "WIDGET WORKS");
  EXPECT_EQ(NormalizeCustomerName("Works, Widget"), "WIDGET WORKS");
  EXPECT_EQ(NormalizeCustomerName("Smith & Sons Ltd"), "SMITH SONS");
  EXPECT_EQ(NormalizeCustomerName("Smith and Sons Limited"), "SMITH SONS");
  EXPECT_EQ(NormalizeCustomerName("Globex S.A."), "GLOBEX");
  EXPECT_EQ(NormalizeCustomerName("Globex L.L.C."), "GLOBEX");
  EXPECT_EQ(NormalizeCustomerName("O'Brien Supply Co"), "OBRIEN SUPPLY");
  EXPECT_EQ(NormalizeCustomerName("Coca-Cola Company"), "COCA COLA");
  EXPECT_EQ(NormalizeCustomerName("  Acme   Corp  "), "ACME");
}

TEST(NormalizeCustomerName, KeepsNamesMadeOnlyOfLegalForms) {
  EXPECT_EQ(NormalizeCustomerName("The Company"), "COMPANY THE");
  EXPECT_EQ(NormalizeCustomerName("Inc."), "INC");
}

TEST(NormalizeCustomerName, EmptyAndNonAscii) {
  EXPECT_EQ(NormalizeCustomerName(""), "");
  EXPECT_EQ(NormalizeCustomerName(" ,.;"), "");
  EXPECT_EQ(NormalizeCustomerName("M\xC3\xBCller GmbH"), "MLLER");
  EXPECT_EQ(NormalizeCustomerName("\xE4\xB8\xAD\xE6\x96\x87"), "");
  std::mt19937_64 rng(11);
  for (int i = 0; i < 5000; ++i) {
    std::string s(rng() % 60, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    const std::string n = NormalizeCustomerName(s);
    ASSERT_EQ(NormalizeCustomerName(n), n);
  }
}

TEST(NormalizeBankAccount, RoutingAndAccountLoseLeadingZeros) {
  EXPECT_EQ(NormalizeBankAccount("021000021:000123456789"), "21000021:123456789");
  EXPECT_EQ(NormalizeBankAccount("021000021 : 0001-2345"), "21000021:12345");
  EXPECT_EQ(NormalizeBankAccount("0000:0"), "0:0");
  // The separator stays, so shifting zeros between the parts cannot collide.
  EXPECT_NE(NormalizeBankAccount("12:345"), NormalizeBankAccount("1:2345"));
}

TEST(NormalizeBankAccount, IbansKeepTheirLetters) {
  EXPECT_EQ(NormalizeBankAccount("DE89 3704 0044 0532 0130 00"), "DE89370400440532013000");
  EXPECT_EQ(NormalizeBankAccount("de89370400440532013000"), "DE89370400440532013000");
  EXPECT_EQ(NormalizeBankAccount("GB29-NWBK-6016-1331-9268-19"), "GB29NWBK60161331926819");
}

TEST(NormalizeBankAccount, EmptyPartsAndJunk) {
  EXPECT_EQ(NormalizeBankAccount(""), "");
  EXPECT_EQ(NormalizeBankAccount(":"), "");
  EXPECT_EQ(NormalizeBankAccount(":12345"), "12345");
  EXPECT_EQ(NormalizeBankAccount("12345:"), "12345");
  EXPECT_EQ(NormalizeBankAccount("1::2"), "1:2");
  EXPECT_EQ(NormalizeBankAccount("\xC3\xA4:\xFF"), "");
  std::mt19937_64 rng(13);
  for (int i = 0; i < 5000; ++i) {
    std::string s(rng() % 40, '\0');
    for (char& c : s) c = "0123456789:aZ- \xC3"[rng() % 17];
    const std::string n = NormalizeBankAccount(s);
    ASSERT_EQ(NormalizeBankAccount(n), n) << s;
  }
}

}  // namespace
}  // namespace cashmatch
