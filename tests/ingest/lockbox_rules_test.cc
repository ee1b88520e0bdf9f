// Lockbox transmissions: what the parser accepts and every way it refuses
// one. Cases edit SmallLockbox() (spec layout), which parses as the first
// test shows.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "ingest/lockbox_test_util.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::M;
using testing::Rec;
using testing::SmallLockbox;
using testing::WithLine;

void Refused(std::string_view bytes, uint64_t line, std::string_view reason,
             const LockboxLayout& layout = LockboxLayout::Default()) {
  BankReadOptions o = testing::LockboxOptions(layout);
  testing::ExpectRefused(bytes, BankFormat::kLockbox, line, reason, &o);
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

void ExpectSmall(const BankFile& f) {
  ASSERT_EQ(f.payments.size(), 2u);
  const Payment& a = f.payments[0];
  EXPECT_EQ(a.source_line, 4u);
  EXPECT_EQ(a.source_ref, "001-001");
  EXPECT_EQ(a.amount, M(12345, "USD"));
  EXPECT_EQ(a.payer_account, "021000021:0000123456");
  EXPECT_EQ(a.trace_number, "0000001001");
  EXPECT_EQ(a.value_date, D(2026, 11, 20));
  EXPECT_EQ(a.booking_date, D(2026, 11, 20));
  EXPECT_EQ(a.account, "0012345");
  EXPECT_EQ(a.payer_name, "");
  EXPECT_EQ(a.format, "lockbox");
  ASSERT_EQ(a.remittance.size(), 2u);
  EXPECT_EQ(a.remittance[0].reference, "INV-1");
  EXPECT_EQ(a.remittance[0].paid, M(10000, "USD"));
  EXPECT_FALSE(a.remittance[0].discount.has_value());
  EXPECT_EQ(a.remittance[1].reference, "INV-2");
  EXPECT_EQ(a.remittance[1].paid, M(2000, "USD"));
  EXPECT_EQ(a.remittance[1].discount, M(345, "USD"));
  const Payment& b = f.payments[1];
  EXPECT_EQ(b.source_line, 6u);
  EXPECT_EQ(b.source_ref, "001-002");
  EXPECT_EQ(b.payer_account, "111000025:9876543210");
  EXPECT_TRUE(b.remittance.empty());
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].credits, 2u);
  EXPECT_EQ(f.statements[0].credit_total, 17345);
}

TEST(LockboxRules, TheBaseFileParses) { ExpectSmall(testing::ReadLockbox(SmallLockbox())); }

TEST(LockboxRules, LineEndsAndPadding) {
  const std::string s = SmallLockbox();
  ExpectSmall(testing::ReadLockbox(Replace(s, "\n", "\r\n")));
  ExpectSmall(testing::ReadLockbox(Replace(s, "\n", "\r")));
  ExpectSmall(testing::ReadLockbox(Replace(s, "\n", "")));  // 80-byte blocks, no line ends
  ExpectSmall(testing::ReadLockbox("\xEF\xBB\xBF" + s + "\n\n   \n"));
  // Trailing blanks stripped: missing positions read as blanks.
  std::string stripped;
  for (size_t at = 0, nl; (nl = s.find('\n', at)) != std::string::npos; at = nl + 1) {
    std::string line = s.substr(at, nl - at);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    stripped += line + "\n";
  }
  ExpectSmall(testing::ReadLockbox(stripped));
  // Blanks past column 80 are padding, not data.
  ExpectSmall(testing::ReadLockbox(Replace(s, "\n", "    \n")));
  EXPECT_EQ(testing::ReadBankOk(s, "lb.txt").format, BankFormat::kLockbox);  // sniffed
}

TEST(LockboxRules, UnreadableMicrAndUncapturedDates) {
  std::string s = WithLine(SmallLockbox(), 6,
                           Rec('6', {{2, "001"}, {5, "002"}, {8, "0000005000"}, {18, "000000000"},
                                     {27, "0000000000"}, {37, "0000000000"}, {47, "000000"}}));
  BankFile f = testing::ReadLockbox(s);
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[1].payer_account, "");
  EXPECT_EQ(f.payments[1].trace_number, "");
  // Routing unreadable (zeros or blank), account readable: the account alone.
  s = WithLine(SmallLockbox(), 6,
               Rec('6', {{2, "001"}, {5, "002"}, {8, "0000005000"}, {18, "000000000"},
                         {27, "9876543210"}}));
  EXPECT_EQ(testing::ReadLockbox(s).payments[1].payer_account, "9876543210");
  s = WithLine(SmallLockbox(), 6,
               Rec('6', {{2, "001"}, {5, "002"}, {8, "0000005000"}, {27, "9876543210"}}));
  EXPECT_EQ(testing::ReadLockbox(s).payments[1].payer_account, "9876543210");
}

TEST(LockboxRules, BatchNumbersFromTheChecks) {
  // A 5 record with batch 000 (a lockbox header): the 6 and 7 number it.
  std::string s = WithLine(SmallLockbox(), 3, Rec('5', {{2, "000"}, {8, "0012345"}, {15, "261120"}}));
  ExpectSmall(testing::ReadLockbox(s));
  // A second batch after the 7 with no 5 of its own.
  std::string two = SmallLockbox();
  two = WithLine(two, 8, Rec('6', {{2, "002"}, {5, "001"}, {8, "0000000100"}}) + "\n" +
                             Rec('7', {{2, "002"}, {21, "001"}, {24, "0000000100"}}) + "\n" +
                             Rec('8', {{21, "0003"}, {25, "0000017445"}}));
  two = WithLine(two, 11, Rec('9', {{2, "000011"}}));
  BankFile f = testing::ReadLockbox(two);
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(f.payments[2].source_ref, "002-001");
  EXPECT_EQ(f.payments[2].value_date, D(2026, 11, 20));
}

TEST(LockboxRules, SeveralLockboxesAndTransmissions) {
  const std::string s = SmallLockbox();
  // Two transmissions back to back: each 9 counts its own records.
  BankFile f = testing::ReadLockbox(s + s);
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(f.payments[2].source_line, 13u);
  EXPECT_EQ(f.statements.size(), 2u);
  // Two lockboxes in one transmission.
  std::string two = WithLine(s, 9,
                             Rec('5', {{2, "001"}, {8, "0099999"}, {15, "261121"}}) + "\n" +
                                 Rec('6', {{2, "001"}, {5, "001"}, {8, "0000000700"}}) + "\n" +
                                 Rec('7', {{2, "001"}, {21, "001"}, {24, "0000000700"}}) + "\n" +
                                 Rec('8', {{21, "0001"}, {25, "0000000700"}}) + "\n" +
                                 Rec('9', {{2, "000013"}}));
  f = testing::ReadLockbox(two);
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(f.payments[2].account, "0099999");
  EXPECT_EQ(f.payments[2].value_date, D(2026, 11, 21));
  ASSERT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(f.statements[1].credit_total, 700);
}

TEST(LockboxRules, DateOrderAndFallbackDate) {
  LockboxLayout mmddyy = LockboxLayout::Default();
  mmddyy.date_order = LockboxLayout::DateOrder::kMmddyy;
  std::string s = SmallLockbox();
  s = Replace(s, "261120", "112026");
  s = Replace(s, "261118", "111826");
  s = Replace(s, "261119", "111926");
  BankFile f = testing::ReadLockbox(s, mmddyy);
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].value_date, D(2026, 11, 20));
  // The same file read YYMMDD: 112026 is not a date.
  Refused(s, 1, "header_date '112026' is not a date (YYMMDD, as the layout says)");
  // No deposit date in the 5 record: the header's date.
  std::string no_deposit = WithLine(SmallLockbox(), 3, Rec('5', {{2, "001"}, {8, "0012345"}}));
  no_deposit = Replace(no_deposit, "261120", "261119");  // header, 7, 8 dates
  EXPECT_EQ(testing::ReadLockbox(no_deposit).payments[0].value_date, D(2026, 11, 19));
}

TEST(LockboxRules, RemitterNameInWindows1252) {
  LockboxLayout l = LockboxLayout::Default();
  ASSERT_TRUE(SetLockboxField(&l, "check_remitter", {53, 16}).ok());
  ASSERT_TRUE(SetLockboxField(&l, "check_invoice", {0, 0}).ok());
  std::string s = WithLine(SmallLockbox(), 4,
                           Rec('6', {{2, "001"}, {5, "001"}, {8, "0000012345"}, {53, "M\xDCLLER GMBH"}}));
  BankFile f = testing::ReadLockbox(s, l);
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].payer_name, "M\xC3\x9CLLER GMBH");
  ASSERT_EQ(f.payments[0].remittance.size(), 1u);  // only the overflow's invoice
  EXPECT_EQ(f.payments[0].remittance[0].reference, "INV-2");
}

TEST(LockboxRules, Utf8NameCutByTheFieldLosesOnlyTheCutCharacter) {
  // A 15-byte remitter field over "MÜLLER GMBH AÖ" (UTF-8) ends inside the
  // "Ö" (its second byte falls in the unused column 68): the character is
  // dropped rather than passed on half.
  LockboxLayout l = LockboxLayout::Default();
  ASSERT_TRUE(SetLockboxField(&l, "check_remitter", {53, 15}).ok());
  ASSERT_TRUE(SetLockboxField(&l, "check_invoice", {0, 0}).ok());
  std::string s = WithLine(SmallLockbox(), 4,
                           Rec('6', {{2, "001"}, {5, "001"}, {8, "0000012345"},
                                     {53, "M\xC3\x9CLLER GMBH A\xC3\x96"}}));
  BankFile f = testing::ReadLockbox(s, l);
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].payer_name, "M\xC3\x9CLLER GMBH A");
}

TEST(LockboxErrors, NotALockboxFile) {
  Refused("", 0, "the file is empty");
  Refused(Rec('6', {{2, "001"}}) + "\n", 1, "must start with the 1 header record");
  Refused(WithLine(SmallLockbox(), 2, Rec('3', {})), 2, "record type '3' is not a lockbox record");
  Refused(WithLine(SmallLockbox(), 2, Rec('1', {{24, "261120"}})), 2, "a second 1 header record");
  Refused(WithLine(SmallLockbox(), 5, Rec('2', {})), 5, "2 service record inside a lockbox");
}

TEST(LockboxErrors, RecordLengths) {
  std::string s = WithLine(SmallLockbox(), 6,
                           Rec('6', {{2, "001"}, {5, "002"}, {8, "0000005000"}, {81, "EXTRA"}}, 85));
  Refused(s, 6, "6 record is 85 bytes, longer than the layout's record length 80");
  BankReadOptions o = testing::LockboxOptions();
  o.max_record_bytes = 60;
  Status st = testing::ReadBankError(SmallLockbox(), "lb.txt", o);
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(st.where().line, 1u);
  EXPECT_EQ(st.where().file, "lb.txt");
}

TEST(LockboxErrors, Checks) {
  const std::string s = SmallLockbox();
  Refused(WithLine(s, 3, Rec('6', {{2, "001"}, {5, "001"}, {8, "0000012345"}})), 3,
          "6 check record before any 5 batch header");
  Refused(WithLine(s, 6, Rec('6', {{2, "001"}, {5, "002"}, {8, "00000050.0"}})), 6,
          "check_amount '00000050.0' is not a number");
  Refused(WithLine(s, 6, Rec('6', {{2, "001"}, {5, "002"}})), 6, "check_amount is blank");
  Refused(WithLine(s, 6, Rec('6', {{2, "001"}, {8, "0000005000"}})), 6, "item number is blank");
  Refused(WithLine(s, 6, Rec('6', {{2, "002"}, {5, "002"}, {8, "0000005000"}})), 6,
          "6 record for batch 002 inside batch 001");
  Refused(WithLine(s, 6, Rec('6', {{2, "001"}, {5, "002"}, {8, "0000005000"}, {47, "261131"}})), 6,
          "check_date '261131' is not a date");
  Refused(WithLine(s, 6, Rec('6', {{2, "001"}, {5, "002"}, {8, "0000005000"}, {69, "0000000100"}})),
          6, "an invoice amount (100) but no invoice number");
}

TEST(LockboxErrors, Overflows) {
  const std::string s = SmallLockbox();
  auto overflow = [](std::string_view item, std::string_view type, std::string_view seq,
                     std::string_view last) {
    return Rec('4', {{2, "001"}, {5, item}, {8, type}, {9, seq}, {11, last}, {12, "INV-9"}});
  };
  Refused(WithLine(s, 4, overflow("001", "4", "01", "9")), 4,
          "4 overflow record with no 6 check record before it");
  Refused(WithLine(s, 5, overflow("002", "4", "01", "9")), 5,
          "4 overflow record for item 001-002 follows check 001-001");
  Refused(WithLine(s, 5, overflow("001", "4", "02", "9")), 5,
          "sequence 02 for item 001-001 where 1 was due");
  Refused(WithLine(s, 5, overflow("001", "X", "01", "9")), 5, "overflow type 'X' is not 4 or 6");
  Refused(WithLine(s, 5, overflow("001", "4", "01", "7")), 5, "last-record flag '7'");
  Refused(WithLine(s, 5, overflow("001", "4", "0A", "9")), 5, "sequence '0A' is not a number");
  Refused(WithLine(s, 5, overflow("001", "4", "01", "0")), 6,
          "overflow records of item 001-001 end without the last-record flag 9");
  Refused(WithLine(s, 5, overflow("001", "4", "01", "9") + "\n" + overflow("001", "4", "02", "9")), 6,
          "after item 001-001's last one (flag 9)");
  Refused(WithLine(s, 5, Rec('4', {{2, "001"}, {5, "001"}, {8, "4"}, {9, "01"}, {11, "9"},
                                   {28, "0000000100"}})),
          5, "an amount but no invoice number");
  Refused(WithLine(s, 5, Rec('4', {{2, "001"}, {5, "001"}, {8, "4"}, {9, "01"}, {11, "9"},
                                   {12, "INV-2"}, {38, "12,34"}})),
          5, "overflow_discount '12,34' is not a number");
}

TEST(LockboxErrors, Trailers) {
  const std::string s = SmallLockbox();
  auto batch = [](std::string_view no, std::string_view items, std::string_view total) {
    return Rec('7', {{2, no}, {21, items}, {24, total}});
  };
  Refused(WithLine(s, 7, batch("001", "003", "0000017345")), 7,
          "batch 001 trailer: 3 items but the batch has 2 checks");
  Refused(WithLine(s, 7, batch("001", "002", "0000017346")), 7,
          "batch 001 trailer: total 17346 but its checks sum to 17345");
  Refused(WithLine(s, 7, batch("002", "002", "0000017345")), 7, "7 trailer for batch 002 closes batch 001");
  Refused(WithLine(s, 7, batch("001", "", "0000017345")), 7, "batch_total_items is blank");
  Refused(WithLine(s, 8, Rec('8', {{21, "0001"}, {25, "0000017345"}})), 8,
          "lockbox 0012345 trailer: 1 items but the lockbox has 2 checks");
  Refused(WithLine(s, 8, Rec('8', {{21, "0002"}, {25, "0000017344"}})), 8,
          "lockbox 0012345 trailer: total 17344 but its checks sum to 17345");
  Refused(WithLine(s, 9, Rec('9', {{2, "000010"}})), 9,
          "9 trailer: 10 records but the file has 9");
  Refused(WithLine(s, 8, Rec('9', {{2, "000008"}})), 8,
          "9 file trailer while lockbox 0012345 (from line 3) has had no 8 trailer");
  Refused(WithLine(s, 7, Rec('5', {{2, "002"}, {8, "0099999"}, {15, "261120"}})), 7,
          "5 record for lockbox 0099999 while lockbox 0012345");
  Refused(WithLine(s, 3, batch("001", "000", "0000000000")), 3, "7 batch trailer with no batch open");
  Refused(WithLine(s, 3, Rec('8', {{21, "0000"}, {25, "0000000000"}})), 3,
          "8 lockbox trailer with no 5 batch header");
  Refused(s + Rec('6', {{2, "001"}}) + "\n", 10, "record after the 9 file trailer");
  Refused(s.substr(0, s.find("\n9")), 8, "ends without its 9 trailer record: it is truncated");
}

TEST(LockboxErrors, ControlTotalOverflow) {
  // Checks of 18 digits in a layout wide enough for them overflow the sum.
  LockboxLayout wide = LockboxLayout::Default();
  wide.record_length = 120;
  ASSERT_TRUE(SetLockboxField(&wide, "check_amount", {81, 18}).ok());
  std::string s = SmallLockbox();
  std::string checks;
  for (int i = 1; i <= 11; ++i) {
    char item[4];
    std::snprintf(item, sizeof item, "%03d", i);
    checks += Rec('6', {{2, "001"}, {5, item}, {81, "999999999999999999"}}, 120) + "\n";
  }
  s = WithLine(s, 4, checks + Rec('5', {{2, "001"}, {8, "0012345"}}));
  Refused(s, 13, "amounts overflow the control total", wide);
}

}  // namespace
}  // namespace cashmatch
