// The public normalizations the matcher shares with the ledger's indexes.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "cashmatch/ledger.h"

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
