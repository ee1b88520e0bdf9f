// The payments feed as CSV: what is read, and every way a file is refused
// with the place it names.
#include <gtest/gtest.h>

#include <string>

#include "cashmatch/bank_file.h"
#include "ingest/bank_test_util.h"
#include "ingest/payments_feed_test_util.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::ExpectFeedRefused;
using testing::M;
using testing::ReadFeedOk;
using Code = StatusCode;

constexpr BankFormat kCsv = BankFormat::kPaymentsCsv;

BankFile Csv(std::string_view text, BankReadOptions options = {}) {
  return ReadFeedOk(text, kCsv, "feed.csv", options);
}

// Header on line 1, a good row on line 2, the row under test on line 3.
// Columns: 1 source_ref, 2 value_date, 3 amount, 4 currency, 5 payer_name,
// 6 payer_account, 7 remittance, 8 direction, 9 booking_date, 10 is_return,
// 11 return_reason, 12 lines
constexpr std::string_view kHeader =
    "source_ref,value_date,amount,currency,payer_name,payer_account,remittance,direction,"
    "booking_date,is_return,return_reason,lines\n";
constexpr std::string_view kGoodRow = "R1,2026-11-20,100.00,USD,Acme,,,,,,,\n";

std::string WithRow(std::string_view row) {
  return std::string(kHeader) + std::string(kGoodRow) + std::string(row) + "\n";
}

void Refused(std::string_view row, const testing::Refusal& want) {
  ExpectFeedRefused(WithRow(row), kCsv, want);
}

TEST(PaymentsCsv, ReadsTheSpecColumns) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n"
      "LB-0001,2026-11-20,1234.50,USD,Acme Foods Inc,021000021:4455667788,INV-1001 INV-1002\n"
      "LB-0002,2026-11-21,99,EUR,Contoso GmbH,DE89370400440532013000,\n");
  EXPECT_EQ(f.format, kCsv);
  EXPECT_EQ(f.file_name, "feed.csv");
  ASSERT_EQ(f.payments.size(), 2u);
  testing::ExpectWellFormed(f, "feed.csv");
  const Payment& a = f.payments[0];
  EXPECT_EQ(a.source_file, "feed.csv");
  EXPECT_EQ(a.source_line, 2u);
  EXPECT_EQ(a.format, "csv");
  EXPECT_EQ(a.source_ref, "LB-0001");
  EXPECT_EQ(a.direction, Direction::kCredit);
  EXPECT_EQ(a.amount, M(123450, "USD"));
  EXPECT_EQ(a.value_date, D(2026, 11, 20));
  EXPECT_EQ(a.booking_date, Date{});
  EXPECT_EQ(a.payer_name, "Acme Foods Inc");
  EXPECT_EQ(a.payer_account, "021000021:4455667788");
  EXPECT_EQ(a.remittance_text, "INV-1001 INV-1002");
  EXPECT_TRUE(a.remittance.empty());
  EXPECT_FALSE(a.is_return);
  EXPECT_TRUE(a.trace_number.empty());
  const Payment& b = f.payments[1];
  EXPECT_EQ(b.source_line, 3u);
  EXPECT_EQ(b.amount, M(9900, "EUR"));
  EXPECT_EQ(b.payer_account, "DE89370400440532013000");
  EXPECT_EQ(b.remittance_text, "");
  EXPECT_EQ(testing::CreditTotal(f), 123450 + 9900);
}

TEST(PaymentsCsv, ReadsEveryOptionalColumn) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,payer_name,payer_account,remittance,direction,"
      "booking_date,trace_number,account,transaction_code,is_return,return_reason,original_ref,"
      "lines\n"
      "R-9,2026-11-20,50.00,USD,Wide World,111000025:77,see lines,debit,2026-11-19,"
      "091000019000123,121000248:123456789,ACH CCD,yes,R01,091000019000001,"
      "INV-7:30.00;INV-8:20.00:25.00:1.00:4.00:SHORT\n");
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.direction, Direction::kDebit);
  EXPECT_EQ(p.amount, M(5000, "USD"));
  EXPECT_EQ(p.booking_date, D(2026, 11, 19));
  EXPECT_EQ(p.trace_number, "091000019000123");
  EXPECT_EQ(p.account, "121000248:123456789");
  EXPECT_EQ(p.transaction_code, "ACH CCD");
  EXPECT_TRUE(p.is_return);
  EXPECT_EQ(p.return_reason, "R01");
  EXPECT_EQ(p.original_ref, "091000019000001");
  ASSERT_EQ(p.remittance.size(), 2u);
  EXPECT_EQ(p.remittance[0].reference, "INV-7");
  EXPECT_EQ(p.remittance[0].paid, M(3000, "USD"));
  EXPECT_FALSE(p.remittance[0].invoice_amount.has_value());
  EXPECT_FALSE(p.remittance[0].discount.has_value());
  EXPECT_EQ(p.remittance[1].reference, "INV-8");
  EXPECT_EQ(p.remittance[1].paid, M(2000, "USD"));
  EXPECT_EQ(p.remittance[1].invoice_amount, M(2500, "USD"));
  EXPECT_EQ(p.remittance[1].discount, M(100, "USD"));
  EXPECT_EQ(p.remittance[1].adjustment, M(400, "USD"));
  EXPECT_EQ(p.remittance[1].adjustment_reason, "SHORT");
  EXPECT_EQ(testing::CreditTotal(f), 0);  // a debit is no payment received
}

TEST(PaymentsCsv, HeaderIgnoresCaseSpacesOrderAndUnknownColumns) {
  const BankFile f = Csv(
      " Currency ,NOTES,Amount,\"Value_Date\",SOURCE_REF,\n"
      "USD,ignore me,7.5,2026-01-02,X1,\n");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_ref, "X1");
  EXPECT_EQ(f.payments[0].amount, M(750, "USD"));
  EXPECT_EQ(f.payments[0].value_date, D(2026, 1, 2));
}

TEST(PaymentsCsv, LineEndsByteOrderMarkAndTrailingBlankLines) {
  const std::string lf = "source_ref,value_date,amount,currency\nA,2026-01-01,1,USD\nB,2026-01-01,2,USD\n";
  const std::string crlf =
      "source_ref,value_date,amount,currency\r\nA,2026-01-01,1,USD\r\nB,2026-01-01,2,USD\r\n";
  const std::string bare = "source_ref,value_date,amount,currency\nA,2026-01-01,1,USD\nB,2026-01-01,2,USD";
  const std::string bom_blank = "\xEF\xBB\xBF" + lf + "\n\r\n  \n";
  for (const std::string& text : {lf, crlf, bare, bom_blank}) {
    const BankFile f = Csv(text);
    ASSERT_EQ(f.payments.size(), 2u) << text;
    EXPECT_EQ(f.payments[0].source_ref, "A");
    EXPECT_EQ(f.payments[1].source_ref, "B");
    EXPECT_EQ(f.payments[1].source_line, 3u);
    EXPECT_EQ(f.payments[1].amount, M(200, "USD"));
  }
}

TEST(PaymentsCsv, BlankLinesBeforeTheHeaderAreSkipped) {
  const BankFile f = Csv("\n\nsource_ref,value_date,amount,currency\nA,2026-01-01,1,USD\n");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_line, 4u);
}

TEST(PaymentsCsv, HeaderOnlyIsAFeedWithNoPayments) {
  const BankFile f = Csv("source_ref,value_date,amount,currency\r\n");
  EXPECT_TRUE(f.payments.empty());
  EXPECT_EQ(f.format, kCsv);
}

TEST(PaymentsCsv, QuotedFieldsAndLineBreaksInText) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,payer_name,remittance\n"
      "A,2026-01-01,1,USD,\"Smith, Jones & \"\"Partners\"\"\",\"INV-1\r\nINV-2\nINV-3\"\n"
      "B,2026-01-01,2,USD,  padded name  ,\"  spaced text  \"\n");
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].payer_name, "Smith, Jones & \"Partners\"");
  // Each line break is a word boundary: one space, CR LF included.
  EXPECT_EQ(f.payments[0].remittance_text, "INV-1 INV-2 INV-3");
  // The second row starts after the two line breaks inside the quotes.
  EXPECT_EQ(f.payments[1].source_line, 5u);
  EXPECT_EQ(f.payments[1].payer_name, "padded name");
  EXPECT_EQ(f.payments[1].remittance_text, "spaced text");
}

TEST(PaymentsCsv, ControlCharactersInTextBecomeSpaces) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,payer_name,remittance\n"
      "A,2026-01-01,1,USD,Acme\x01Inc,\"INV-1\tINV-2\x7FX\"\n");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].payer_name, "Acme Inc");
  EXPECT_EQ(f.payments[0].remittance_text, "INV-1\tINV-2 X");
}

TEST(PaymentsCsv, SemicolonAndTabDelimiters) {
  const BankFile semi = Csv(
      "source_ref;value_date;amount;currency;payer_name\n"
      "A;2026-01-01;12.34;EUR;\"Dupont; Fils, SA\"\n");
  ASSERT_EQ(semi.payments.size(), 1u);
  EXPECT_EQ(semi.payments[0].amount, M(1234, "EUR"));
  EXPECT_EQ(semi.payments[0].payer_name, "Dupont; Fils, SA");
  const BankFile tab = Csv(
      "source_ref\tvalue_date\tamount\tcurrency\tpayer_name\n"
      "A\t2026-01-01\t12.34\tEUR\tSmith, Jones\n");
  ASSERT_EQ(tab.payments.size(), 1u);
  EXPECT_EQ(tab.payments[0].payer_name, "Smith, Jones");
}

TEST(PaymentsCsv, Utf8IsKept) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,payer_name\n"
      "A,2026-01-01,1,EUR,Caf\xC3\xA9 M\xC3\xBCller \xE2\x82\xAC\n");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].payer_name, "Caf\xC3\xA9 M\xC3\xBCller \xE2\x82\xAC");
}

TEST(PaymentsCsv, Windows1252IsDecidedOnceForTheWholeFile) {
  // Row 2 alone would be valid UTF-8 ("é" as C3 A9); row 3's lone E9 makes
  // the file Windows-1252, so row 2 reads as the two characters it is there.
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,payer_name,remittance\n"
      "A,2026-01-01,1,EUR,Caf\xC3\xA9,x\n"
      "B,2026-01-01,1,EUR,Caf\xE9,\x80 5\n");
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].payer_name, "Caf\xC3\x83\xC2\xA9");  // "CafÃ©"
  EXPECT_EQ(f.payments[1].payer_name, "Caf\xC3\xA9");          // "Café"
  EXPECT_EQ(f.payments[1].remittance_text, "\xE2\x82\xAC 5");   // "€ 5"
}

TEST(PaymentsCsv, AmountsFollowTheCurrencyExponent) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency\n"
      "A,2026-01-01,1500,JPY\n"
      "B,2026-01-01,1.234,KWD\n"
      "C,2026-01-01,+3.5,USD\n"
      "D,2026-01-01,.05,USD\n"
      "E,2026-01-01,  42.00  ,CHF\n");
  ASSERT_EQ(f.payments.size(), 5u);
  EXPECT_EQ(f.payments[0].amount, M(1500, "JPY"));
  EXPECT_EQ(f.payments[1].amount, M(1234, "KWD"));
  EXPECT_EQ(f.payments[2].amount, M(350, "USD"));
  EXPECT_EQ(f.payments[3].amount, M(5, "USD"));
  EXPECT_EQ(f.payments[4].amount, M(4200, "CHF"));
}

TEST(PaymentsCsv, NegativeAmountsAndDirection) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,direction\n"
      "A,2026-01-01,-10.00,USD,\n"
      "B,2026-01-01,10.00,USD,DEBIT\n"
      "C,2026-01-01,-10.00,USD,d\n"
      "D,2026-01-01,10.00,USD,CRDT\n"
      "E,2026-01-01,10.00,USD,cr\n"
      "F,2026-01-01,10.00,USD,DBIT\n"
      "G,2026-01-01,10.00,USD,Dr\n"
      "H,2026-01-01,10.00,USD,C\n"
      "I,2026-01-01,10.00,USD,credit\n"
      "J,2026-01-01,-0.01,USD,\n");
  ASSERT_EQ(f.payments.size(), 10u);
  // The smallest debit is a debit too, of one cent.
  EXPECT_EQ(f.payments[9].direction, Direction::kDebit);
  EXPECT_EQ(f.payments[9].amount, M(1, "USD"));
  const Direction want[] = {Direction::kDebit,  Direction::kDebit,  Direction::kDebit,
                            Direction::kCredit, Direction::kCredit, Direction::kDebit,
                            Direction::kDebit,  Direction::kCredit, Direction::kCredit};
  for (size_t i = 0; i < 9; ++i) {
    EXPECT_EQ(f.payments[i].direction, want[i]) << f.payments[i].source_ref;
    EXPECT_EQ(f.payments[i].amount, M(1000, "USD")) << f.payments[i].source_ref;
  }
}

TEST(PaymentsCsv, ReturnFlag) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,is_return,return_reason\n"
      "A,2026-01-01,1,USD,TRUE,\n"
      "B,2026-01-01,1,USD,1,\n"
      "C,2026-01-01,1,USD,,R03\n"
      "D,2026-01-01,1,USD,no,\n"
      "E,2026-01-01,1,USD,0,\n"
      "F,2026-01-01,1,USD,Y,R01\n");
  ASSERT_EQ(f.payments.size(), 6u);
  EXPECT_TRUE(f.payments[0].is_return);
  EXPECT_TRUE(f.payments[1].is_return);
  EXPECT_TRUE(f.payments[2].is_return);  // a reason makes it a return
  EXPECT_EQ(f.payments[2].return_reason, "R03");
  EXPECT_FALSE(f.payments[3].is_return);
  EXPECT_FALSE(f.payments[4].is_return);
  EXPECT_TRUE(f.payments[5].is_return);
  EXPECT_EQ(f.payments[5].return_reason, "R01");
}

TEST(PaymentsCsv, CompactLinesWithEscapesAndOmittedParts) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,lines\n"
      "A,2026-01-01,100,USD,\"INV\\:1:10.00 ; PO\\;7\\\\X ;;  ::5.00;:1.00::::freight;\"\n");
  ASSERT_EQ(f.payments.size(), 1u);
  const auto& lines = f.payments[0].remittance;
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].reference, "INV:1");
  EXPECT_EQ(lines[0].paid, M(1000, "USD"));
  EXPECT_EQ(lines[1].reference, "PO;7\\X");
  EXPECT_FALSE(lines[1].paid.has_value());
  EXPECT_EQ(lines[2].reference, "");
  EXPECT_FALSE(lines[2].paid.has_value());
  EXPECT_EQ(lines[2].invoice_amount, M(500, "USD"));
  EXPECT_EQ(lines[3].reference, "");
  EXPECT_EQ(lines[3].paid, M(100, "USD"));
  EXPECT_EQ(lines[3].adjustment_reason, "freight");
}

TEST(PaymentsCsv, CompactLinesBackslashBeforeOtherCharactersIsLiteral) {
  const BankFile f = Csv(
      "source_ref,value_date,amount,currency,lines\n"
      "A,2026-01-01,100,USD,C\\D\\n:-2.50\n");
  ASSERT_EQ(f.payments.size(), 1u);
  ASSERT_EQ(f.payments[0].remittance.size(), 1u);
  EXPECT_EQ(f.payments[0].remittance[0].reference, "C\\D\\n");
  EXPECT_EQ(f.payments[0].remittance[0].paid, M(-250, "USD"));  // a credit memo taken
}

TEST(PaymentsCsv, RowsMayBeAsLongAsTheLimit) {
  BankReadOptions options;
  options.max_record_bytes = 64;
  const std::string row = "A,2026-01-01,1,USD," + std::string(64 - 19, 'x');
  ASSERT_EQ(row.size(), 64u);
  const BankFile f = Csv("source_ref,value_date,amount,currency,payer_name\r\n" + row + "\r\n", options);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].payer_name, std::string(45, 'x'));
}

TEST(PaymentsCsv, SniffedFromItsHeader) {
  Result<BankFile> r = ReadBankFile("Source_Ref,Value_Date,Amount,Currency\nA,2026-01-01,1,USD\n",
                                    "f.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, kCsv);
  ASSERT_EQ(r->payments.size(), 1u);
  EXPECT_EQ(r->payments[0].format, "csv");
}

// ---- refusals ----

TEST(PaymentsCsvErrors, EmptyFile) {
  for (std::string_view text : {"", "\n\n", "  \r\n", "\xEF\xBB\xBF"}) {
    ExpectFeedRefused(text, kCsv, {Code::kInvalidInput, 1, 0, "", "the file is empty"});
  }
}

TEST(PaymentsCsvErrors, Utf16) {
  const std::string header = "source_ref,value_date,amount,currency\n";
  std::string utf16le = "\xFF\xFE";
  for (char c : header) utf16le += std::string(1, c) + '\0';
  ExpectFeedRefused(utf16le, kCsv, {Code::kInvalidInput, 1, 0, "", "the file is UTF-16"});
  ExpectFeedRefused("\xFE\xFF" + header, kCsv,
                    {Code::kInvalidInput, 1, 0, "", "export the feed as UTF-8"});
}

TEST(PaymentsCsvErrors, MissingRequiredColumn) {
  ExpectFeedRefused("value_date,amount,currency\n", kCsv,
                    {Code::kInvalidInput, 1, 0, "source_ref", "missing required column 'source_ref'"});
  ExpectFeedRefused("\nsource_ref,amount,currency\n", kCsv,
                    {Code::kInvalidInput, 2, 0, "value_date", "missing required column 'value_date'"});
  ExpectFeedRefused("source_ref,value_date,currency,payer_name\n", kCsv,
                    {Code::kInvalidInput, 1, 0, "amount", "missing required column 'amount'"});
  ExpectFeedRefused("source_ref,value_date,amount,ccy\n", kCsv,
                    {Code::kInvalidInput, 1, 0, "currency", "missing required column 'currency'"});
  // A JSON Lines file forced as CSV is told apart, not read as a header.
  ExpectFeedRefused("\n{\"source_ref\":\"A\",\"value_date\":\"2026-01-01\"}\n", kCsv,
                    {Code::kInvalidInput, 2, 0, "", "looks like JSON Lines, not CSV"});
}

TEST(PaymentsCsvErrors, DuplicateColumn) {
  ExpectFeedRefused("source_ref,value_date,amount,currency,Amount\n", kCsv,
                    {Code::kInvalidInput, 1, 5, "amount",
                     "column 'amount' appears twice in the header (columns 3 and 5)"});
}

TEST(PaymentsCsvErrors, RowWidth) {
  Refused("R2,2026-11-20,1.00,USD,Acme,,,,,,",
          {Code::kInvalidInput, 3, 12, "", "row has 11 fields but the header has 12"});
  Refused("R2,2026-11-20,1.00,USD,Acme,,,,,,,,",
          {Code::kInvalidInput, 3, 13, "", "row has 13 fields but the header has 12"});
}

TEST(PaymentsCsvErrors, BlankLineBetweenRows) {
  ExpectFeedRefused(std::string(kHeader) + std::string(kGoodRow) + "\n" +
                        "R2,2026-11-20,1.00,USD,Acme,,,,,,,\n",
                    kCsv, {Code::kInvalidInput, 3, 0, "", "blank line between rows"});
}

TEST(PaymentsCsvErrors, EmptyRequiredValue) {
  Refused(",2026-11-20,1.00,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 1, "source_ref", "required field 'source_ref' is empty"});
  Refused("R2, ,1.00,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 2, "value_date", "required field 'value_date' is empty"});
  Refused("R2,2026-11-20,\"\",USD,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "required field 'amount' is empty"});
  Refused("R2,2026-11-20,1.00,,,,,,,,,",
          {Code::kInvalidInput, 3, 4, "currency", "required field 'currency' is empty"});
}

TEST(PaymentsCsvErrors, BadDates) {
  Refused("R2,2026-02-30,1.00,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 2, "value_date", "'2026-02-30' is not a calendar date"});
  Refused("R2,11/20/2026,1.00,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 2, "value_date", "not a date as YYYY-MM-DD"});
  Refused("R2,2026-11-20T10:00:00,1.00,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 2, "value_date", "not a date as YYYY-MM-DD"});
  Refused("R2,2026-11-20,1.00,USD,,,,,20261120,,,",
          {Code::kInvalidInput, 3, 9, "booking_date", "not a date as YYYY-MM-DD"});
}

TEST(PaymentsCsvErrors, BadAmounts) {
  Refused("R2,2026-11-20,x12,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "amount 'x12' is not a decimal number"});
  Refused("R2,2026-11-20,12.345,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "has more than 2 decimals for its currency"});
  Refused("R2,2026-11-20,1500.5,JPY,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "more than 0 decimals"});
  Refused("R2,2026-11-20,\"1,000.00\",USD,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "not a decimal number"});
  Refused("R2,2026-11-20,$5.00,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "not a decimal number"});
  Refused("R2,2026-11-20,1e3,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "not a decimal number"});
  Refused("R2,2026-11-20,99999999999999999999,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "out of range"});
  // INT64_MIN minor units parse, but have no positive amount.
  Refused("R2,2026-11-20,-92233720368547758.08,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "out of range"});
  Refused("R2,2026-11-20," + std::string(100, '1') + ",USD,,,,,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "...' is not a decimal number"});
}

TEST(PaymentsCsvErrors, ZeroAmount) {
  for (std::string_view zero : {"0", "0.00", "-0", "+0.0"}) {
    Refused("R2,2026-11-20," + std::string(zero) + ",USD,,,,,,,,",
            {Code::kInvalidInput, 3, 3, "amount", "is zero: a payment must move money"});
  }
}

TEST(PaymentsCsvErrors, Currency) {
  Refused("R2,2026-11-20,1.00,USX,,,,,,,,",
          {Code::kInvalidInput, 3, 4, "currency", "unknown currency 'USX'"});
  Refused("R2,2026-11-20,1.00,usd,,,,,,,,",
          {Code::kInvalidInput, 3, 4, "currency", "'usd' must be written in capitals"});
  Refused("R2,2026-11-20,1.00,US Dollar,,,,,,,,",
          {Code::kInvalidInput, 3, 4, "currency", "unknown currency 'US Dollar'"});
}

TEST(PaymentsCsvErrors, Direction) {
  Refused("R2,2026-11-20,1.00,USD,,,,out,,,,",
          {Code::kInvalidInput, 3, 8, "direction", "'out' is neither 'credit' nor 'debit'"});
  Refused("R2,2026-11-20,-1.00,USD,,,,credit,,,,",
          {Code::kInvalidInput, 3, 3, "amount", "is negative but direction says credit"});
}

TEST(PaymentsCsvErrors, ReturnFlag) {
  Refused("R2,2026-11-20,1.00,USD,,,,,,maybe,,",
          {Code::kInvalidInput, 3, 10, "is_return", "'maybe' is neither true nor false"});
  Refused("R2,2026-11-20,1.00,USD,,,,,,false,R01,",
          {Code::kInvalidInput, 3, 10, "is_return", "is_return is false but return_reason 'R01'"});
}

TEST(PaymentsCsvErrors, ControlCharactersInIdentifiers) {
  Refused("\"R\n2\",2026-11-20,1.00,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 1, "source_ref", "contains a control character"});
  Refused("R2,2026-11-20,1.00,USD,,12\t34,,,,,,",
          {Code::kInvalidInput, 3, 6, "payer_account", "contains a control character"});
  // C1 controls: U+0085 in UTF-8; in Windows-1252 a byte it leaves undefined.
  Refused("R2,2026-11-20,1.00,USD,,12\xC2\x85" "34,,,,,,",
          {Code::kInvalidInput, 3, 6, "payer_account", "contains a control character"});
  Refused("\x8DR2,2026-11-20,1.00,USD,,,,,,,,",
          {Code::kInvalidInput, 3, 1, "source_ref", "contains a control character"});
  // Other non-ASCII is fine in an identifier, in either encoding.
  const BankFile f = Csv("source_ref,value_date,amount,currency\nR\xC2\xA0\xC3\x84,2026-01-01,1,USD\n"
                         "S\x9A,2026-01-01,1,USD\n"
                         "\xC3\x84,2026-01-01,1,USD\n");
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(f.payments[1].source_ref, "S\xC5\xA1");  // Windows-1252 0x9A is š
}

TEST(PaymentsCsvErrors, DuplicateSourceRef) {
  Refused("R1,2026-11-21,5.00,USD,Other,,,,,,,",
          {Code::kInvalidInput, 3, 1, "source_ref", "duplicate source_ref 'R1' also on line 2"});
  // Surrounding blanks do not make a reference different.
  Refused("\" R1 \",2026-11-21,5.00,USD,Other,,,,,,,",
          {Code::kInvalidInput, 3, 1, "source_ref", "duplicate source_ref 'R1' also on line 2"});
}

TEST(PaymentsCsvErrors, FirstErrorInFileOrderWins) {
  // A repeated reference before a bad row is reported, not the bad row...
  ExpectFeedRefused(WithRow("R1,2026-11-21,5.00,USD,,,,,,,,\nR3,2026-11-21,x,USD,,,,,,,,"), kCsv,
                    {Code::kInvalidInput, 3, 1, "source_ref", "duplicate source_ref 'R1'"});
  // ...and a bad row before a repeated reference is.
  ExpectFeedRefused(WithRow("R3,2026-11-21,x,USD,,,,,,,,\nR1,2026-11-21,5.00,USD,,,,,,,,"), kCsv,
                    {Code::kInvalidInput, 3, 3, "amount", "not a decimal number"});
  // Also before a later tokenizer error, row of the wrong width or blank line.
  ExpectFeedRefused(WithRow("R1,2026-11-21,5.00,USD,,,,,,,,\nR3,\"x"), kCsv,
                    {Code::kInvalidInput, 3, 1, "source_ref", "duplicate source_ref 'R1'"});
  ExpectFeedRefused(WithRow("R1,2026-11-21,5.00,USD,,,,,,,,\nR3,x"), kCsv,
                    {Code::kInvalidInput, 3, 1, "source_ref", "duplicate source_ref 'R1'"});
  ExpectFeedRefused(WithRow("R1,2026-11-21,5.00,USD,,,,,,,,\n\nR3,2026-11-21,5.00,USD,,,,,,,,"),
                    kCsv, {Code::kInvalidInput, 3, 1, "source_ref", "duplicate source_ref 'R1'"});
  // A row that repeats a reference and has a bad value is refused for the value.
  ExpectFeedRefused(WithRow("R1,2026-11-21,x,USD,,,,,,,,"), kCsv,
                    {Code::kInvalidInput, 3, 3, "amount", "not a decimal number"});
}

TEST(PaymentsCsvErrors, DuplicateFoundAmongManyRows) {
  std::string text = "source_ref,value_date,amount,currency\n";
  for (int i = 0; i < 5000; ++i) text += "REF" + std::to_string(i) + ",2026-01-01,1,USD\n";
  text += "REF4321,2026-01-01,1,USD\n";
  ExpectFeedRefused(text, kCsv,
                    {Code::kInvalidInput, 5002, 1, "source_ref",
                     "duplicate source_ref 'REF4321' also on line 4323"});
}

TEST(PaymentsCsvErrors, CompactLines) {
  Refused("R2,2026-11-20,1.00,USD,,,,,,,,INV-1:1.00;INV-2:abc",
          {Code::kInvalidInput, 3, 12, "lines[2].paid",
           "lines[2].paid: amount 'abc' is not a decimal number"});
  Refused("R2,2026-11-20,1.00,USD,,,,,,,,INV-1:1.00:2.005",
          {Code::kInvalidInput, 3, 12, "lines[1].invoice_amount", "more than 2 decimals"});
  Refused("R2,2026-11-20,1.00,USD,,,,,,,,A:1:2:3:4:why:extra",
          {Code::kInvalidInput, 3, 12, "lines[1]", "more than 6 ':'-separated parts"});
  Refused("R2,2026-11-20,1.00,USD,,,,,,,,A:1;:::::reason only",
          {Code::kInvalidInput, 3, 12, "lines[2]", "has neither a reference nor an amount"});
  Refused("R2,2026-11-20,1.00,USD,,,,,,,,\"A\tB:1\"",
          {Code::kInvalidInput, 3, 12, "lines[1].reference", "contains a control character"});
}

TEST(PaymentsCsvErrors, Tokenizer) {
  Refused("R2,2026-11-20,1.00,USD,\"Acme,,,,,,,",
          {Code::kInvalidInput, 3, 5, "", "quoted field is never closed"});
  Refused("R2,2026-11-20,1.00,USD,Ac\"me,,,,,,,",
          {Code::kInvalidInput, 3, 5, "", "stray '\"' inside an unquoted field"});
  Refused("R2,2026-11-20,1.00,USD,\"Acme\"x,,,,,,,",
          {Code::kInvalidInput, 3, 5, "", "unexpected 'x' after the closing quote"});
  ExpectFeedRefused(std::string(kHeader) + "R2,2026-11-20,1.00,USD,Acme\r,,,,,,,\n", kCsv,
                    {Code::kInvalidInput, 2, 5, "", "carriage return not followed by a line feed"});
}

TEST(PaymentsCsvErrors, RecordLongerThanTheLimit) {
  BankReadOptions options;
  options.max_record_bytes = 64;
  const std::string row = "A,2026-01-01,1,USD," + std::string(46, 'x');
  ASSERT_EQ(row.size(), 65u);
  ExpectFeedRefused("source_ref,value_date,amount,currency,payer_name\nB,2026-01-01,1,USD,b\n" + row +
                        "\n",
                    kCsv, {Code::kResourceExhausted, 3, 0, "", "longer than 64 bytes"}, options);
  // A quoted field running past the limit is caught without reading on.
  ExpectFeedRefused("source_ref,value_date,amount,currency,payer_name\nA,2026-01-01,1,USD,\"" +
                        std::string(10000, 'y'),
                    kCsv, {Code::kResourceExhausted, 2, 0, "", "longer than 64 bytes"}, options);
}

}  // namespace
}  // namespace cashmatch
