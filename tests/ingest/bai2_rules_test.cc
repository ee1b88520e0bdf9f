// How the BAI2 parser reads what banks vary: line ends, packing, record
// continuation, text joining, funds types, type codes, currencies, the
// payer keywords of each bank's text, RMR addenda, encodings.
#include <gtest/gtest.h>

#include <string>

#include "ingest/bai2_test_util.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::Edit;
using testing::kSmallBai2;
using testing::M;
using testing::ReadBai2;

// One account 123456789 around `body`, trailers with blank totals and
// counts (allowed, and then not checked), so a test can focus on the 16s.
std::string File(std::string_view body, std::string_view header_width = "",
                 std::string_view currency = "USD") {
  return "01,BANK,CUST,261120,0800,1," + std::string(header_width) + ",,2/\n" +
         "02,CUST,BANK,1,261120,," + std::string(currency) + ",2/\n" + "03,123456789,,/\n" +
         std::string(body) + "49,,/\n98,,,/\n99,,,/\n";
}

Payment One(std::string_view body, std::string_view width = "") {
  BankFile f = ReadBai2(File(body, width));
  EXPECT_EQ(f.payments.size(), 1u);
  return f.payments.empty() ? Payment{} : f.payments[0];
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

void ExpectSmall(const BankFile& f, uint64_t line = 4) {
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.amount, M(50000, "USD"));
  EXPECT_EQ(p.source_ref, "WIRE001");
  EXPECT_EQ(p.payer_name, "ACME CORP");
  EXPECT_EQ(p.remittance_text, "B/O: ACME CORP OBI: INV 1001");
  EXPECT_EQ(p.source_line, line);
  EXPECT_EQ(p.account, "123456789");
  EXPECT_EQ(p.format, "bai2");
}

TEST(Bai2Rules, LineEnds) {
  ExpectSmall(ReadBai2(kSmallBai2));
  ExpectSmall(ReadBai2(Replace(std::string(kSmallBai2), "\n", "\r\n")));
  ExpectSmall(ReadBai2(Replace(std::string(kSmallBai2), "\n", "\r")));
  ExpectSmall(ReadBai2("\xEF\xBB\xBF" + std::string(kSmallBai2)));
  ExpectSmall(ReadBai2(std::string(kSmallBai2) + "\n  \n" + std::string("\0\x1A", 2)));
  std::string no_slash = Replace(std::string(kSmallBai2), "/\n", "\n");
  ExpectSmall(ReadBai2(no_slash));
  std::string no_final_eol(kSmallBai2);
  no_final_eol.pop_back();
  ExpectSmall(ReadBai2(no_final_eol));
}

// Mainframe transfers: 80-byte blocks back to back, no line ends; the 01
// record declares the length. The 16's text runs to the end of its block.
TEST(Bai2Rules, FixedBlocksWithoutLineEnds) {
  std::string blocks;
  std::string_view s = kSmallBai2;
  while (!s.empty()) {
    std::string line(s.substr(0, s.find('\n')));
    s.remove_prefix(line.size() + 1);
    line.resize(80, ' ');
    blocks += line;
  }
  ExpectSmall(ReadBai2(blocks));
  // Text filling its block to the last column continues mid-word.
  std::string text_line = "16,195,50000,0,WIRE001,CUST001,";
  text_line += std::string(80 - text_line.size() - 4, 'A') + "BCDE";
  std::string with_text = "01,BANK,CUST,261120,0800,1,80,1,2/";
  with_text.resize(80, ' ');
  std::string body = text_line + "88,FGH INV 7";
  body.resize(body.size() + (80 - body.size() % 80) % 80, ' ');
  with_text += std::string("02,CUST,BANK,1,261120,,USD,2/").append(51, ' ') +
               std::string("03,123456789,,/").append(65, ' ') + body;
  for (std::string_view t : {"49,,/", "98,,,/", "99,,,/"}) {
    with_text += std::string(t).append(80 - t.size(), ' ');
  }
  BankFile f = ReadBai2(with_text);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].remittance_text,
            std::string(80 - 31 - 4, 'A') + "BCDEFGH INV 7");
}

TEST(Bai2Rules, PackedRecordsOnOneLine) {
  std::string packed = Replace(std::string(kSmallBai2), "/\n", "/  ");
  BankFile f = ReadBai2(packed);
  ExpectSmall(f, 1);
  // A '/' in text followed by something other than a record start is text.
  Payment p = One("16,195,100,0,R1,,PAID 10/ 16 INVOICES/ 88 DAYS/  49 WAYS/\n");
  EXPECT_EQ(p.remittance_text, "PAID 10/ 16 INVOICES/ 88 DAYS/  49 WAYS");
  // ...and without a blank after the '/', it is text too.
  p = One("16,195,100,0,R1,,DATE 10/16,2026/\n");
  EXPECT_EQ(p.remittance_text, "DATE 10/16,2026");
  BankFile two = ReadBai2(File("16,195,100,0,R1,,FIRST/ 16,451,200,0,R2,,SECOND/\n"));
  ASSERT_EQ(two.payments.size(), 2u);
  EXPECT_EQ(two.payments[0].remittance_text, "FIRST");
  EXPECT_EQ(two.payments[1].remittance_text, "SECOND");
  EXPECT_EQ(two.payments[1].direction, Direction::kDebit);
  EXPECT_EQ(two.payments[1].source_line, 4u);
}

// An 88 continues the fields of the record before it, wherever it stopped.
TEST(Bai2Rules, ContinuedFields) {
  Payment p = One("16,165,1000,V/\n88,261118,,BANKREF/\n88,CUSTREF,TEXT, WITH COMMAS\n");
  EXPECT_EQ(p.value_date, D(2026, 11, 18));
  EXPECT_EQ(p.source_ref, "BANKREF");
  EXPECT_EQ(p.remittance_text, "TEXT, WITH COMMAS");
  // 03 summaries split between a type code and its amount.
  const std::string s =
      "01,BANK,CUST,261120,0800,1,,,2/\n02,CUST,BANK,1,261120,,USD,2/\n"
      "03,9,,010,500,,,100/\n88,700,2,,400/\n88,300,1,/\n"
      "49,1500,4/\n98,1500,1,6/\n99,1500,1,8/\n";
  BankFile f = ReadBai2(s);
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].opening, M(500, "USD"));
  // ...and a 49 whose record count is on an 88.
  std::string counted_on_88 = Edit(s, "49,1500,4/", "49,1500/\n88,5/");
  counted_on_88 = Edit(counted_on_88, "98,1500,1,6/", "98,1500,1,7/");
  ReadBai2(Edit(counted_on_88, "99,1500,1,8/", "99,1500,1,9/"));
}

TEST(Bai2Rules, CustomerReferenceWhenNoBankReference) {
  EXPECT_EQ(One("16,195,100,0,,CUST9,X/\n").source_ref, "CUST9");
  EXPECT_EQ(One("16,195,100,0,BANK9,CUST9,X/\n").source_ref, "BANK9");
  EXPECT_EQ(One("16,195,100,0, BANK9 ,CUST9,X/\n").source_ref, "BANK9");
  EXPECT_EQ(One("16,195,100/\n").source_ref, "");
}

TEST(Bai2Rules, TextJoining) {
  // Lines shorter than the width were broken at a word: a space between.
  EXPECT_EQ(One("16,195,100,0,R,,PAYMENT FOR\n88,INVOICE 12\n88,   AND 13   /\n").remittance_text,
            "PAYMENT FOR INVOICE 12 AND 13");
  // A line of exactly 80 bytes ending in a letter was broken mid-word.
  std::string first = "16,195,100,0,R,,INV ";
  first += std::string(80 - first.size() - 3, 'X') + "123";
  ASSERT_EQ(first.size(), 80u);
  Payment p = One(first + "\n88,456 PAID\n");
  EXPECT_TRUE(p.remittance_text.ends_with("XXX123456 PAID")) << p.remittance_text;
  // ...unless the continuation starts with a blank: then it was a word end.
  p = One(first + "\n88, 456 PAID\n");
  EXPECT_TRUE(p.remittance_text.ends_with("XXX123 456 PAID")) << p.remittance_text;
  // ...or the line ends with '/', which a broken word does not.
  p = One(first.substr(0, 79) + "/\n88,456 PAID\n");
  EXPECT_TRUE(p.remittance_text.ends_with("XXX12 456 PAID")) << p.remittance_text;
  // The width the 01 record declares counts, not 80.
  std::string short_line = "16,195,100,0,R,,ABCDEFGHIJ";
  short_line += std::string(40 - short_line.size(), 'K');
  p = One(short_line + "\n88,LMN\n", "40");
  EXPECT_TRUE(p.remittance_text.ends_with("KKKLMN")) << p.remittance_text;
  p = One(short_line + "\n88,LMN\n");  // width 80: the 40-byte line was not full
  EXPECT_TRUE(p.remittance_text.ends_with("KKK LMN")) << p.remittance_text;
}

// Some banks break long text with a bare line end; the line that follows
// has no record code and is not counted as a record.
TEST(Bai2Rules, BareContinuationLine) {
  const std::string s =
      "01,BANK,CUST,261120,0800,1,,,2/\n02,CUST,BANK,1,261120,,USD,2/\n03,9,,/\n"
      "16,142,100,Z,,,ACH SETTLEMENT 1111\n22223333 /\n49,100,3/\n98,100,1,5/\n99,100,1,7/\n";
  BankFile f = ReadBai2(s);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].remittance_text, "ACH SETTLEMENT 1111 22223333");
  // After text that ended with '/', such a line is an error.
  testing::ExpectRefused(Edit(s, "ACH SETTLEMENT 1111\n", "ACH SETTLEMENT 1111/\n"),
                         BankFormat::kBai2, 5, "does not start with a BAI2 record code");
}

TEST(Bai2Rules, FundsTypes) {
  Payment v = One("16,195,100,V,261117,1200,R,,X/\n");
  EXPECT_EQ(v.value_date, D(2026, 11, 17));
  EXPECT_EQ(v.booking_date, D(2026, 11, 20));
  EXPECT_EQ(v.source_ref, "R");
  Payment v_no_time = One("16,195,100,V,261117/\n88,,R,,X/\n");
  EXPECT_EQ(v_no_time.value_date, D(2026, 11, 17));
  EXPECT_EQ(v_no_time.source_ref, "R");
  Payment s = One("16,195,100,S,50,,50,R,,X/\n");
  EXPECT_EQ(s.source_ref, "R");
  EXPECT_EQ(s.value_date, D(2026, 11, 20));
  Payment d = One("16,195,100,D,2,0,60,1,40,R,,X/\n");
  EXPECT_EQ(d.source_ref, "R");
  EXPECT_EQ(d.remittance_text, "X");
  for (std::string_view f : {"0", "1", "2", "Z", ""}) {
    EXPECT_EQ(One("16,195,100," + std::string(f) + ",R,,X/\n").source_ref, "R") << f;
  }
}

TEST(Bai2Rules, TypeCodes) {
  struct Case {
    std::string code;
    Direction direction;
    bool is_return;
  };
  for (const Case& c : {Case{"142", Direction::kCredit, false}, Case{"399", Direction::kCredit, false},
                        Case{"451", Direction::kDebit, false}, Case{"699", Direction::kDebit, false},
                        Case{"722", Direction::kCredit, false}, Case{"760", Direction::kDebit, false},
                        Case{"925", Direction::kCredit, false}, Case{"975", Direction::kDebit, false},
                        Case{"257", Direction::kCredit, true}, Case{"266", Direction::kCredit, true},
                        Case{"555", Direction::kDebit, true}, Case{"557", Direction::kDebit, true},
                        Case{"195", Direction::kCredit, false}}) {
    Payment p = One("16," + c.code + ",100,0,R,,X/\n");
    EXPECT_EQ(p.direction, c.direction) << c.code;
    EXPECT_EQ(p.is_return, c.is_return) << c.code;
    EXPECT_EQ(p.transaction_code, c.code);
  }
  // 890 carries information only: no payment, but its amount is in the
  // control total like any other.
  const std::string s =
      "01,BANK,CUST,261120,0800,1,,,2/\n02,CUST,BANK,1,261120,,USD,2/\n03,9,,/\n"
      "16,890,0,,,,BALANCE NOTE/\n16,890,25,,,,NOTE/\n16,195,100,0,R,,X/\n"
      "49,125,5/\n98,125,1,7/\n99,125,1,9/\n";
  BankFile f = ReadBai2(s);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_ref, "R");
  EXPECT_EQ(f.payments[0].source_line, 6u);
}

TEST(Bai2Rules, Currencies) {
  // Group currency; the 03 may override it; USD when neither says.
  std::string eur = File("16,195,12345,0,R,,X/\n", "", "EUR");
  EXPECT_EQ(ReadBai2(eur).payments[0].amount, M(12345, "EUR"));
  EXPECT_EQ(ReadBai2(Edit(eur, "03,123456789,,/", "03,123456789,JPY/")).payments[0].amount,
            M(12345, "JPY"));
  EXPECT_EQ(ReadBai2(Edit(eur, "03,123456789,,/", "03,123456789,KWD/")).payments[0].amount,
            M(12345, "KWD"));
  EXPECT_EQ(ReadBai2(File("16,195,12345,0,R,,X/\n", "", "")).payments[0].amount, M(12345, "USD"));
}

TEST(Bai2Rules, AchPayer) {
  Payment p = One(
      "16,165,100,0,REF1,,ORIG CO NAME:ACME FOODS INC ORIG ID:1234567890 DESC DATE:261120 CO "
      "ENTRY DESCR:PAYMENT SEC:CCD TRACE#:021000021234567 EED:261120 IND NAME:CASHMATCH DEMO/\n");
  EXPECT_EQ(p.payer_name, "ACME FOODS INC");
  EXPECT_EQ(p.payer_account, "1234567890");
  EXPECT_EQ(p.trace_number, "021000021234567");
  // Fixed columns with runs of blanks end a value too.
  p = One("16,165,100,0,R,,ORIG CO NAME:GLOBEX         ORIG ID:99 DESC DATE:261120/\n");
  EXPECT_EQ(p.payer_name, "GLOBEX");
}

TEST(Bai2Rules, WirePayers) {
  EXPECT_EQ(One("16,195,100,0,R,,ORIGINATOR: STARK INDUSTRIES BNF: US/\n").payer_name,
            "STARK INDUSTRIES");
  Payment org = One("16,195,100,0,R,,ORG:/987654321 WAYNE ENTERPRISES OGB:CHASUS33/\n");
  EXPECT_EQ(org.payer_name, "WAYNE ENTERPRISES");
  EXPECT_EQ(org.payer_account, "987654321");
  EXPECT_EQ(One("16,195,100,0,R,,BY ORDER OF: TYRELL CORP REF: X/\n").payer_name, "TYRELL CORP");
  Payment bofa = One("16,195,100,0,R,,ORIG:HOOLI INC ID:123 SND BK:BANK ID:0002/\n");
  EXPECT_EQ(bofa.payer_name, "HOOLI INC");
  EXPECT_EQ(bofa.payer_account, "123");  // the ID after the name, not the bank's
  EXPECT_EQ(One("16,195,100,0,R,,B/O: /DE89370400440532013000 KRUPP AG OBI: INV 1/\n").payer_account,
            "DE89370400440532013000");
}

TEST(Bai2Rules, TaggedPayers) {
  // Goldman Sachs: "From:" is the counterparty; DBNM/DACT/DABA the debtor.
  Payment gs = One(
      "16,195,100,,GI1,C1,Incoming Wire,From: INITECH LLC, Remittance Info: \"INV 9\", GS ID: "
      "GI1\n88,REMI: INV 9\n88,DBNM: INITECH LLC\n88,DACT: 55501\n88,DABA: 026015079\n");
  EXPECT_EQ(gs.payer_name, "INITECH LLC");
  EXPECT_EQ(gs.payer_account, "026015079:55501");
  Payment no_from = One("16,195,100,,GI1,,Incoming Wire,From: -, GS ID: GI1\n88,DBNM: SOYLENT CO\n");
  EXPECT_EQ(no_from.payer_name, "SOYLENT CO");
  // Citi UK: BO1: name, BO: account, OB: sort code.
  Payment citi = One("16,191,100,V,261120,,R,,\n88,OB:402020 BANK OB3:BANK\n88,BO:44445555 BO1:A N OTHER\n");
  EXPECT_EQ(citi.payer_name, "A N OTHER");
  EXPECT_EQ(citi.payer_account, "402020:44445555");
  // The ACH originator outranks a tag further on.
  EXPECT_EQ(One("16,165,100,0,R,,DBNM: SECOND ORIG CO NAME:FIRST ORIG ID:1/\n").payer_name, "FIRST");
  // Our own account (the 03's) is never the payer's.
  EXPECT_EQ(One("16,195,100,,R,,X\n88,DACT: 123456789\n").payer_account, "");
  // Keys inside words are not keys.
  EXPECT_EQ(One("16,195,100,0,R,,SPORG:NOT A NAME/\n").payer_name, "");
}

TEST(Bai2Rules, RmrAddenda) {
  Payment p = One(
      "16,165,100000,0,R,,ORIG CO NAME:ACME ADDENDA:RMR*IV*INV-1**600.00*650.00*50.00\\RMR*IV*"
      "INV-2**400.00\\\n88,RMR*IV*INV-3**4.005\\ THANKS\n");
  ASSERT_EQ(p.remittance.size(), 2u);  // INV-3 has three decimals: left as text
  EXPECT_EQ(p.remittance[0].reference, "INV-1");
  EXPECT_EQ(p.remittance[0].paid, M(60000, "USD"));
  EXPECT_EQ(p.remittance[0].invoice_amount, M(65000, "USD"));
  EXPECT_EQ(p.remittance[0].discount, M(5000, "USD"));
  EXPECT_EQ(p.remittance[1].reference, "INV-2");
  EXPECT_EQ(p.remittance[1].paid, M(40000, "USD"));
  EXPECT_FALSE(p.remittance[1].discount.has_value());
  EXPECT_NE(p.remittance_text.find("RMR*IV*INV-3**4.005"), std::string::npos);
}

TEST(Bai2Rules, ReturnsCarryReasonAndOriginal) {
  Payment p = One(
      "16,257,100,,SB1,C1,ACH Debit Payment Return,Return From: Company1, Reason: \"R02\", Return "
      "of GS ID: GI77, GS ID: SB1/\n");
  EXPECT_TRUE(p.is_return);
  EXPECT_EQ(p.return_reason, "R02");
  EXPECT_EQ(p.original_ref, "GI77");
  EXPECT_EQ(p.payer_name, "Company1");
  // The same words on an ordinary credit are not a return.
  Payment q = One("16,195,100,,SB1,C1,Wire,Reason: \"R02\"/\n");
  EXPECT_FALSE(q.is_return);
  EXPECT_EQ(q.return_reason, "");
}

TEST(Bai2Rules, Windows1252Text) {
  Payment p = One("16,195,100,0,R,,B/O: CAF\xC9 M\xDCLLER \x80 PAID/\n");
  EXPECT_EQ(p.payer_name, "CAF\xC3\x89 M\xC3\x9CLLER \xE2\x82\xAC PAID");
  // UTF-8 stays as it is.
  EXPECT_EQ(One("16,195,100,0,R,,B/O: CAF\xC3\x89/\n").payer_name, "CAF\xC3\x89");
}

TEST(Bai2Rules, ConcatenatedFiles) {
  BankFile f = ReadBai2(std::string(kSmallBai2) + std::string(kSmallBai2));
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[1].source_line, 11u);
}

TEST(Bai2Rules, NetTotalConvention) {
  // Trailers that total the 16s as credits less debits, all of them.
  const std::string s =
      "01,BANK,CUST,261120,0800,1,,,2/\n02,CUST,BANK,1,261120,,USD,2/\n"
      "03,1,USD,010,100000,,/\n16,195,500,0,A,,/\n16,495,200,0,B,,/\n49,300,4/\n"
      "03,2,USD,010,100,,/\n16,195,50,0,C,,/\n49,50,3/\n98,350,2,9/\n99,350,1,11/\n";
  BankFile f = ReadBai2(s);
  EXPECT_EQ(f.payments.size(), 3u);
}

TEST(Bai2Rules, SniffedWithoutFormat) {
  BankFile f = testing::ReadBankOk(kSmallBai2, "t.txt");
  EXPECT_EQ(f.format, BankFormat::kBai2);
  ExpectSmall(f);
}

TEST(Bai2Rules, StatementSummary) {
  BankFile f = ReadBai2(kSmallBai2);
  ASSERT_EQ(f.statements.size(), 1u);
  const StatementSummary& s = f.statements[0];
  EXPECT_EQ(s.account, "123456789");
  EXPECT_EQ(s.currency, testing::Cur("USD"));
  EXPECT_EQ(s.date, D(2026, 11, 20));
  EXPECT_EQ(s.opening, M(100000, "USD"));
  EXPECT_EQ(s.closing, M(150000, "USD"));
  EXPECT_EQ(s.credits, 1u);
  EXPECT_EQ(s.credit_total, 50000);
  EXPECT_EQ(s.debits, 0u);
}

}  // namespace
}  // namespace cashmatch
