// Every way a BAI2 file is refused, with the line and the reason it names.
// Each case edits kSmallBai2 (which itself parses: see the first test).
#include <gtest/gtest.h>

#include <string>

#include "ingest/bai2_test_util.h"

namespace cashmatch {
namespace {

using testing::Edit;
using testing::kSmallBai2;

void Refused(std::string_view bytes, uint64_t line, std::string_view reason) {
  testing::ExpectRefused(bytes, BankFormat::kBai2, line, reason);
}

TEST(Bai2Errors, TheBaseFileParses) {
  BankFile f = testing::ReadBai2(kSmallBai2);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].payer_name, "ACME CORP");
}

TEST(Bai2Errors, NotBai2) {
  Refused("hello world\n", 1, "not a BAI2 file");
  Refused("02,CUST,BANK,1,261120,,USD,2/\n", 1, "must start with the 01 file header");
  Refused("88,TEXT\n", 1, "must start with the 01 file header");
  Refused("", 0, "the file is empty");
  Refused("\n  \n", 2, "the file is empty");
  Refused(Edit(kSmallBai2, "16,195", "17,195"), 4, "record code 17 is not a BAI2 record");
}

TEST(Bai2Errors, FileHeader) {
  Refused(Edit(kSmallBai2, "261120,0800", "261320,0800"), 1,
          "file creation date '261320' is not a date");
  Refused(Edit(kSmallBai2, ",1,80,1,2/", ",1,8O,1,2/"), 1, "physical record length '8O'");
  Refused(Edit(kSmallBai2, ",1,80,1,2/", ",1,80,1,1/"), 1, "version '1' is not read");
  Refused(Edit(kSmallBai2, "03,123456789", "01,BANK,CUST,261120,0800,1,,,2/\n03,123456789"), 3,
          "01 file header inside a group");
  Refused(Edit(kSmallBai2, "49,300000,3/", "01,BANK,CUST,261120,0800,1,,,2/\n49,300000,3/"), 5,
          "01 file header inside account 123456789");
  Refused(Edit(kSmallBai2, "99,300000,1,7/", "01,BANK,CUST,261120,0800,1,,,2/\n99,300000,1,7/"), 7,
          "the 99 file trailer before it is missing");
}

TEST(Bai2Errors, GroupHeader) {
  Refused(Edit(kSmallBai2, "02,CUST,BANK,1,", "02,CUST,BANK,2,"), 2, "group status 2 deletes");
  Refused(Edit(kSmallBai2, "02,CUST,BANK,1,", "02,CUST,BANK,4,"), 2, "test-only group");
  Refused(Edit(kSmallBai2, "02,CUST,BANK,1,", "02,CUST,BANK,7,"), 2, "group status '7'");
  Refused(Edit(kSmallBai2, "1,261120,,USD", "1,2611,,USD"), 2, "as-of date '2611' is not a date");
  Refused(Edit(kSmallBai2, ",,USD,2/", ",,XYZ,2/"), 2, "currency 'XYZ' is not an ISO 4217 code");
  Refused(Edit(kSmallBai2, "03,123456789", "02,CUST,BANK,1,261120,,USD,2/\n03,123456789"), 3,
          "02 group header inside a group");
  Refused(std::string(kSmallBai2) + "02,CUST,BANK,1,261120,,USD,2/\n", 8,
          "record 2 after the 99 file trailer");
}

TEST(Bai2Errors, AccountHeader) {
  Refused(Edit(kSmallBai2, "02,CUST,BANK,1,261120,,USD,2/\n", ""), 2,
          "03 account header outside a group");
  Refused(Edit(kSmallBai2, "03,123456789,USD,", "03,,USD,"), 3, "account number is blank");
  Refused(Edit(kSmallBai2, "03,123456789,USD,", "03,123456789,US,"), 3, "currency 'US'");
  Refused(Edit(kSmallBai2, ",010,100000", ",10,100000"), 3, "type code '10' is not a three-digit");
  Refused(Edit(kSmallBai2, ",010,100000", ",010,1000.00"), 3,
          "amount '1000.00' is not a number: BAI2 amounts are digits in minor units");
  Refused(Edit(kSmallBai2, ",015,150000,,/", ",015,150000,x,/"), 3, "item count 'x'");
  Refused(Edit(kSmallBai2, ",015,150000,,/", ",015,150000,,Q/"), 3, "funds type 'Q'");
  Refused(Edit(kSmallBai2, "49,300000,3/", "03,222,USD/\n49,300000,3/"), 5,
          "03 account header inside account 123456789: its 49 account trailer is missing");
}

TEST(Bai2Errors, DetailFields) {
  Refused(Edit(kSmallBai2, "16,195,", "16,19,"), 4, "type code '19'");
  Refused(Edit(kSmallBai2, "16,195,", "16,010,"), 4, "type code 010 is an account status code");
  Refused(Edit(kSmallBai2, "16,195,", "16,910,"), 4, "is an account status code");
  Refused(Edit(kSmallBai2, "16,195,", "16,850,"), 4, "type code 850 is not defined by BAI");
  Refused(Edit(kSmallBai2, "16,195,50000,", "16,195,,"), 4, "amount is blank");
  Refused(Edit(kSmallBai2, "16,195,50000,", "16,195,-50000,"), 4, "has a minus sign");
  Refused(Edit(kSmallBai2, "16,195,50000,", "16,195,500.00,"), 4, "without a decimal point");
  Refused(Edit(kSmallBai2, "16,195,50000,", "16,195,1234567890123456789,"), 4, "is too large");
  Refused(Edit(kSmallBai2, "16,195,", "16,195/\n"), 4, "amount is blank");
  Refused(Edit(kSmallBai2, "16,195,50000,", "16,\n"), 4, "type code ''");
}

TEST(Bai2Errors, FundsTypes) {
  Refused(Edit(kSmallBai2, "50000,0,WIRE001", "50000,X,WIRE001"), 4, "funds type 'X'");
  Refused(Edit(kSmallBai2, "50000,0,WIRE001", "50000,v,WIRE001"), 4, "funds type 'v'");
  Refused(Edit(kSmallBai2, "50000,0,WIRE001", "50000,V,261131,,WIRE001"), 4,
          "value date '261131' is not a date");
  Refused(Edit(kSmallBai2, "50000,0,WIRE001,CUST001,B/O: ACME CORP OBI: INV 1001/", "50000,V/"),
          4, "funds type V needs its value date, but the record ends");
  Refused(Edit(kSmallBai2, "50000,0,WIRE001,CUST001,B/O: ACME CORP OBI: INV 1001/", "50000,S,1/"),
          4, "needs its one-day availability");
  Refused(Edit(kSmallBai2, "50000,0,WIRE001", "50000,S,1,2,X,WIRE001"), 4,
          "two-or-more-day availability 'X' is not a number");
  Refused(Edit(kSmallBai2, "50000,0,WIRE001", "50000,D,x,WIRE001"), 4,
          "distribution count 'x' is not a number");
  Refused(Edit(kSmallBai2, "50000,0,WIRE001,CUST001,B/O: ACME CORP OBI: INV 1001/",
               "50000,D,999999,0,100/"),
          4, "funds type D says 999999 distributions but the record ends after 1");
  Refused(Edit(kSmallBai2, "50000,0,WIRE001", "50000,D,1,A,100,WIRE001"), 4,
          "availability days 'A'");
  Refused(Edit(kSmallBai2, "50000,0,WIRE001", "50000,D,1,0,,WIRE001"), 4,
          "distribution amount is blank");
}

TEST(Bai2Errors, ErrorsInContinuationsNameTheirLine) {
  // The value date is on the 88 line that continues the 16's fields.
  Refused(Edit(kSmallBai2, "50000,0,WIRE001,", "50000,V/\n88,261199,,WIRE001,"), 5,
          "value date '261199'");
  Refused(Edit(kSmallBai2, ",015,150000,,/", ",015,150000,,/\n88,040,12x/"), 4, "amount '12x'");
}

TEST(Bai2Errors, AccountTrailer) {
  Refused(Edit(kSmallBai2, "49,300000,3/", "49,300001,3/"), 5,
          "account 123456789 trailer (49): control total 300001 but the account's 03 and 16 "
          "amounts sum to 300000 (16 credits less debits: 50000)");
  Refused(Edit(kSmallBai2, "49,300000,3/", "49,300000,4/"), 5,
          "account 123456789 trailer (49): record count is 4 but there are 3");
  Refused(Edit(kSmallBai2, "49,300000,3/", "49,300000,three/"), 5, "record count 'three'");
  Refused(Edit(kSmallBai2, "49,300000,3/", "49,3000.00,3/"), 5, "control total '3000.00'");
  Refused(Edit(kSmallBai2, "03,123456789,USD,010,100000,,,015,150000,,/\n"
                           "16,195,50000,0,WIRE001,CUST001,B/O: ACME CORP OBI: INV 1001/\n", ""),
          3, "49 account trailer without an 03 account header");
}

TEST(Bai2Errors, GroupTrailer) {
  Refused(Edit(kSmallBai2, "98,300000,1,5/", "98,300002,1,5/"), 6,
          "group trailer (98): control total 300002 but the group's account totals sum to 300000");
  Refused(Edit(kSmallBai2, "98,300000,1,5/", "98,300000,2,5/"), 6,
          "number of accounts is 2 but there are 1");
  Refused(Edit(kSmallBai2, "98,300000,1,5/", "98,300000,1,6/"), 6,
          "group trailer (98): record count is 6 but there are 5");
  Refused(Edit(kSmallBai2, "49,300000,3/\n", ""), 5,
          "98 group trailer inside account 123456789: its 49 account trailer is missing");
  Refused(Edit(kSmallBai2, "99,300000,1,7/", "98,0,0,2/\n99,300000,1,7/"), 7,
          "98 group trailer without an 02 group header");
}

TEST(Bai2Errors, FileTrailer) {
  Refused(Edit(kSmallBai2, "99,300000,1,7/", "99,-300000,1,7/"), 7,
          "file trailer (99): control total -300000 but the file's group totals sum to 300000");
  Refused(Edit(kSmallBai2, "99,300000,1,7/", "99,300000,2,7/"), 7,
          "number of groups is 2 but there are 1");
  Refused(Edit(kSmallBai2, "99,300000,1,7/", "99,300000,1,70/"), 7,
          "file trailer (99): record count is 70 but there are 7");
  Refused(Edit(kSmallBai2, "98,300000,1,5/\n", ""), 6,
          "99 file trailer inside a group: the 98 group trailer is missing");
  Refused(Edit(kSmallBai2, "49,300000,3/\n98,300000,1,5/\n", ""), 5,
          "99 file trailer inside account 123456789");
  Refused("01,BANK,CUST,261120,0800,1,80,1,2/\n99,0,0,2/\n99,0,0,2/\n", 3,
          "record 99 after the 99 file trailer");
}

TEST(Bai2Errors, TruncatedFiles) {
  const std::string s(kSmallBai2);
  Refused(s.substr(0, s.find("49,")), 4, "ends inside account 123456789 (no 49 trailer)");
  Refused(s.substr(0, s.find("98,")), 5, "ends inside a group (no 98 trailer)");
  Refused(s.substr(0, s.find("99,")), 6, "ends without its 99 file trailer: it is truncated");
  Refused("01,BANK,CUST,261120,0800,1,80,1,2/", 1, "without its 99 file trailer");
  // Cut in the middle of the 16's text: the 49 is missing.
  Refused(s.substr(0, s.find("OBI:")), 4, "ends inside account");
}

TEST(Bai2Errors, LinesThatAreNotRecords) {
  Refused(Edit(kSmallBai2, "49,300000,3/", "garbage\n49,300000,3/"), 5,
          "line does not start with a BAI2 record code");
  Refused(Edit(kSmallBai2, "49,300000,3/", "49,300000,3/ trailing words"), 5,
          "line does not start with a BAI2 record code");
}

TEST(Bai2Errors, OverflowingTotals) {
  // Ten 18-digit amounts pass the int64 range on the tenth.
  std::string extra;
  for (int i = 0; i < 12; ++i) extra += "16,195,999999999999999999,0,A,,/\n";
  Refused(Edit(kSmallBai2, "16,195,50000", extra + "16,195,50000"), 13,
          "amounts overflow the control total");
}

// Trailers may all follow the BAI2 rule or all the 16 net; a file whose
// first account uses one and second the other is refused.
TEST(Bai2Errors, MixedTotalConventions) {
  const std::string s =
      "01,BANK,CUST,261120,0800,1,,,2/\n"
      "02,CUST,BANK,1,261120,,USD,2/\n"
      "03,1,USD,010,100,,/\n"
      "16,195,50,0,A,,/\n"
      "49,50,3/\n"  // net of the 16s
      "03,2,USD,010,100,,/\n"
      "16,195,50,0,B,,/\n"
      "49,150,3/\n"  // BAI2 sum
      "98,100,2,8/\n"
      "99,100,1,10/\n";
  Refused(s, 8, "earlier trailers of this file use the 16 net");
}

TEST(Bai2Errors, OverLongLine) {
  BankReadOptions o;
  o.max_record_bytes = 40;
  o.format = BankFormat::kBai2;
  Status st = testing::ReadBankError(kSmallBai2, "t.txt", o);
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(st.where().line, 3u);
  EXPECT_EQ(st.where().file, "t.txt");
  EXPECT_NE(st.reason().find("over the limit of 40"), std::string_view::npos) << st.ToString();
  // An over-long 88 met while reading the 16's text is reported as such.
  o.max_record_bytes = 70;
  st = testing::ReadBankError(
      Edit(kSmallBai2, "INV 1001/", "INV 1001\n88," + std::string(80, 'X')), "t.txt", o);
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(st.where().line, 5u);
}

}  // namespace
}  // namespace cashmatch
