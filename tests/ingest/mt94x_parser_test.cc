// Hand-written MT940 / MT942 files: every structural rule, every field rule
// and every error path of the reader, with the line each error names.
#include <gtest/gtest.h>

#include <string>

#include "bank_test_util.h"
#include "bank_text.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::M;

BankReadOptions As(BankFormat format) {
  BankReadOptions o;
  o.format = format;
  return o;
}

BankFile Ok(std::string_view bytes, BankFormat format = BankFormat::kMt940) {
  BankFile f = testing::ReadBankOk(bytes, "t.sta", As(format));
  testing::ExpectWellFormed(f, "t.sta");
  return f;
}

Status Err(std::string_view bytes, BankFormat format = BankFormat::kMt940) {
  return testing::ReadBankError(bytes, "t.sta", As(format));
}

// Asserts code kInvalidInput, the line and a piece of the reason.
#define EXPECT_REFUSED(status, want_line, piece)                                      \
  do {                                                                                \
    const Status& s_ = (status);                                                      \
    EXPECT_EQ(s_.code(), StatusCode::kInvalidInput) << s_.ToString();                 \
    EXPECT_EQ(s_.where().file, "t.sta");                                              \
    EXPECT_EQ(s_.where().line, static_cast<uint64_t>(want_line)) << s_.ToString();    \
    EXPECT_NE(s_.reason().find(piece), std::string_view::npos) << s_.ToString();      \
  } while (0)

// One statement: opening 100,00 EUR, `entries`, closing as given.
std::string Statement(std::string_view entries, std::string_view closing = "C261120EUR100,00") {
  return ":20:STMT1\n:25:DE89370400440532013000\n:28C:1/1\n:60F:C261119EUR100,00\n" +
         std::string(entries) + ":62F:" + std::string(closing) + "\n-\n";
}

// ------------------------------------------------------------ structure ----

TEST(Mt94xParser, MinimalStatement) {
  const std::string bytes = Statement(
      ":61:2611201120C25,50NTRFNONREF//BANKREF1\n"
      ":86:/NAME/ACME GMBH/REMI/INV-1001/\n",
      "C261120EUR125,50");
  BankFile f = Ok(bytes);
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.source_file, "t.sta");
  EXPECT_EQ(p.source_line, 5u);
  EXPECT_EQ(p.format, "mt940");
  EXPECT_EQ(p.source_ref, "BANKREF1");
  EXPECT_EQ(p.direction, Direction::kCredit);
  EXPECT_EQ(p.amount, M(2550, "EUR"));
  EXPECT_EQ(p.value_date, D(2026, 11, 20));
  EXPECT_EQ(p.booking_date, D(2026, 11, 20));
  EXPECT_EQ(p.payer_name, "ACME GMBH");
  EXPECT_EQ(p.account, "DE89370400440532013000");
  EXPECT_EQ(p.transaction_code, "NTRF");
  EXPECT_EQ(p.remittance_text, "/NAME/ACME GMBH/REMI/INV-1001/");
  ASSERT_EQ(f.statements.size(), 1u);
  const StatementSummary& s = f.statements[0];
  EXPECT_EQ(s.account, "DE89370400440532013000");
  EXPECT_EQ(s.currency, testing::Cur("EUR"));
  EXPECT_EQ(s.date, D(2026, 11, 20));
  EXPECT_EQ(s.opening, M(10000, "EUR"));
  EXPECT_EQ(s.closing, M(12550, "EUR"));
  EXPECT_EQ(s.credits, 1u);
  EXPECT_EQ(s.credit_total, 2550);
  // Sniffed as MT940 too.
  EXPECT_EQ(testing::ReadBankOk(bytes, "t.sta").payments.size(), 1u);
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

TEST(Mt94xParser, LineEndsLfCrlfCrAndNone) {
  const std::string lf = Statement(
      ":61:261120C1,NTRFNONREF//R1\n:86:PAYMENT FROM\nJOHN\n:61:261120D0,50NMSCNONREF//R2\n",
      "C261120EUR100,50");
  for (const std::string& bytes :
       {lf, Replace(lf, "\n", "\r\n"), Replace(lf, "\n", "\r"), lf.substr(0, lf.size() - 1)}) {
    BankFile f = Ok(bytes);
    ASSERT_EQ(f.payments.size(), 2u);
    EXPECT_EQ(f.payments[0].remittance_text, "PAYMENT FROM JOHN");
    EXPECT_EQ(f.payments[1].source_line, 8u);
    EXPECT_EQ(f.payments[1].direction, Direction::kDebit);
  }
  // A line end missing altogether is a different file: every tag runs into
  // the first, so there is no account.
  EXPECT_REFUSED(Err(Replace(lf, "\n", "")), 1, "no account (:25:)");
}

TEST(Mt94xParser, BomBlankLinesAndControlCharacters) {
  const std::string body = Statement(":61:261120C1,NTRFNONREF//R1\n", "C261120EUR101,");
  BankFile f = Ok("\xEF\xBB\xBF\n\n\x01\n" + body.substr(0, body.size() - 2) + "-\x03\n");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_line, 8u);
}

TEST(Mt94xParser, SwiftEnvelopes) {
  const std::string inner = ":20:A\n:25:123\n:28C:1\n:60F:C261119USD0,\n:61:261120C5,NTRFX//Y\n"
                            ":62F:C261120USD5,\n";
  const std::string fin = "{1:F01BANKUS33AXXX0000000000}{2:O9401200261120BANKUS33AXXX00000000002611201200N}"
                          "{3:{108:MSG1}}{4:\n" + inner + "-}{5:{CHK:123456789ABC}}\n";
  BankFile f = Ok(fin + fin);
  EXPECT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(f.payments[1].source_line, 14u);
  // Blocks on lines of their own, "-" and "}" apart; input direction I940.
  f = Ok("{1:F01BANKUS33AXXX0000000000}\n{2:I940BANKUS33XXXXN}\n{4:\n" + inner + "-\n}\n");
  EXPECT_EQ(f.payments.size(), 1u);
  // Block 4's first line on the envelope line.
  f = Ok("{1:F01BANKUS33AXXX0000000000}{2:O940}{4::20:A\n" + inner.substr(5) + "-}\n");
  EXPECT_EQ(f.payments.size(), 1u);
  // The envelope names another message type.
  const std::string mt103 = "{1:F01BANKUS33AXXX0000000000}{2:O103}{4:\n" + inner + "-}\n";
  EXPECT_REFUSED(Err(mt103), 1, "message type '103'");
  EXPECT_REFUSED(Err(Replace(fin, "O940", "O942")), 1, "read it as mt942");
}

TEST(Mt94xParser, CraftedEnvelopeLinesDoNotRecurse) {
  std::string crafted;
  for (int i = 0; i < 200000; ++i) crafted += i % 2 ? "-}{4:" : "{4:";
  EXPECT_REFUSED(Err(crafted + "\n"), 1, "no MT940 statement found");
  EXPECT_EQ(Ok(Statement("") + crafted + "\n").statements.size(), 1u);  // envelope lines only
}

TEST(Mt94xParser, BankHeaderLinesAndMessagesWithoutTerminator) {
  const std::string one = ":20:A\n:25:NL91ABNA0417164300\n:28:1\n:60F:C261119EUR0,\n"
                          ":61:261120C1,NTRFNONREF\n:62F:C261120EUR1,\n";
  BankFile f = Ok("ABNANL2A\n940\nABNANL2A\n" + one + "-\nABNANL2A\n940\nABNANL2A\n" + one + one);
  EXPECT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(f.statements.size(), 3u);
  EXPECT_EQ(f.payments[2].source_line, 24u);
  f = Ok(":940:\n" + one);  // Rabobank's first line
  EXPECT_EQ(f.payments.size(), 1u);
}

TEST(Mt94xParser, SplitTagsSkippedTagsAndStatementLevelInformation) {
  BankFile f = Ok(
      ":20:A\n:21:NONREF\n:25:123\n:28C:0000\n0\n:NS:22Test GmbH\n23Konto\n:23:ANYTHING\n"
      ":60F:C261119EUR0,\n:86:BEFORE ANY ENTRY\n:61:261120C1,NTRFNONREF\n:86:FIRST PART\n"
      ":86:SECOND PART\n:62F:C261120EUR1,\n:64:C261120EUR1,\n:65:C261121EUR1,\n:86:/SUM/1/\n-\n");
  ASSERT_EQ(f.payments.size(), 1u);
  // Two :86: for one entry (Banca Transilvania) are one text.
  EXPECT_EQ(f.payments[0].remittance_text, "FIRST PART SECOND PART");
}

TEST(Mt94xParser, DashInsideInformation) {
  // "-" followed by more text continues the :86: (ING cuts "MND-EV01" so).
  BankFile f = Ok(Statement(":61:261120C1,NTRFNONREF//R\n:86:/MARF/MND\n-\nEV01//REMI/X/\n",
                            "C261120EUR101,"));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].remittance_text, "/MARF/MND-EV01//REMI/X/");
  // "-" followed by a tag, a header or the end ends the message.
  f = Ok(Statement(":61:261120C1,NTRFNONREF//R\n:86:TEXT\n", "C261120EUR101,") + "ABNANL2A\n");
  EXPECT_EQ(f.payments[0].remittance_text, "TEXT");
}

TEST(Mt94xParser, ZeroAmountLinesAreCountedButNotPayments) {
  BankFile f = Ok(Statement(":61:261120C0,00NMSCNONREF//\n/ABC/DEF/BAI CD 010\n"
                            ":61:261120C1,NTRFNONREF//R\n",
                            "C261120EUR101,"));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_ref, "R");
  EXPECT_EQ(f.statements[0].credits, 2u);
}

// -------------------------------------------------------------- amounts ----

TEST(Mt94xParser, AmountForms) {
  BankFile f = Ok(Statement(":61:261120C2,NTRFNONREF\n:61:261120C0,3NTRFNONREF\n"
                            ":61:261120C000000001147,95NTRFNONREF\n:61:261120C12,500NTRFNONREF\n"
                            ":61:261120C7NTRFNONREF\n",
                            "C261120EUR1269,75"));
  ASSERT_EQ(f.payments.size(), 5u);
  EXPECT_EQ(f.payments[0].amount.minor, 200);
  EXPECT_EQ(f.payments[1].amount.minor, 30);
  EXPECT_EQ(f.payments[2].amount.minor, 114795);
  EXPECT_EQ(f.payments[3].amount.minor, 1250);  // extra decimals that are zeros
  EXPECT_EQ(f.payments[4].amount.minor, 700);   // no decimal comma at all
}

TEST(Mt94xParser, AmountErrors) {
  EXPECT_REFUSED(Err(Statement(":61:261120C12,345NTRFNONREF\n")), 5,
                 ":61: amount '12,345' has more decimals than EUR allows (2)");
  EXPECT_REFUSED(Err(Statement(":61:261120C12.50NTRFNONREF\n")), 5,
                 "'12.50' is not a number (SWIFT amounts use a decimal comma");
  EXPECT_REFUSED(Err(Statement(":61:261120CNTRFNONREF\n")), 5, ":61: amount is missing");
  EXPECT_REFUSED(Err(Statement(":61:261120C,5NTRFNONREF\n")), 5, "has no digit before the decimal comma");
  EXPECT_REFUSED(Err(Statement(":61:261120C1,2,3NTRFNONREF\n")), 5, "is not a number");
  EXPECT_REFUSED(Err(Statement(":61:261120C99999999999999999999,NTRFNONREF\n")), 5, "is too large");
  EXPECT_REFUSED(Err(Statement(":61:261120C5,\n")), 5, "transaction type");
  EXPECT_REFUSED(Err(Statement("", "C261120EUR1x0,00")), 5, ":62F: amount '1x0,00' is not a number");
}

TEST(Mt94xParser, CurrencyExponents) {
  const std::string yen = ":20:A\n:25:1\n:28C:1\n:60F:C261119JPY1000,\n:61:261120C1234,0NTRFNONREF\n"
                          ":62F:C261120JPY2234,\n-\n";
  BankFile f = Ok(yen);
  EXPECT_EQ(f.payments[0].amount, M(1234, "JPY"));
  EXPECT_REFUSED(Err(Replace(yen, "1234,0N", "1234,5N")), 5, "more decimals than JPY allows (0)");
  const std::string dinar = Replace(Replace(Replace(yen, "JPY", "KWD"), "1234,0N", "1,234N"), "2234,", "1001,234");
  EXPECT_EQ(Ok(dinar).payments[0].amount, M(1234, "KWD"));
}

// ------------------------------------------------------- marks and dates ----

TEST(Mt94xParser, MarksFundsCodesAndReversals) {
  BankFile f = Ok(Statement(":61:261120CR10,NTRFNONREF\n:61:261120DR3,NTRFNONREF\n"
                            ":61:261120RCR2,NRTINONREF\n:61:261120RD1,NRTINONREF\n",
                            "C261120EUR106,"));
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(f.payments[0].direction, Direction::kCredit);
  EXPECT_FALSE(f.payments[0].is_return);
  EXPECT_EQ(f.payments[1].direction, Direction::kDebit);
  EXPECT_EQ(f.payments[2].direction, Direction::kDebit);  // RC: a credit reversed
  EXPECT_TRUE(f.payments[2].is_return);
  EXPECT_EQ(f.payments[3].direction, Direction::kCredit);  // RD: a debit reversed
  EXPECT_TRUE(f.payments[3].is_return);
  EXPECT_REFUSED(Err(Statement(":61:261120X1,NTRFNONREF\n")), 5,
                 "debit/credit mark must be C, D, RC or RD, found 'X1'");
  EXPECT_REFUSED(Err(Statement(":61:261120R1,NTRFNONREF\n")), 5, "found 'R1'");
}

TEST(Mt94xParser, EntryDates) {
  BankFile f = Ok(
      ":20:A\n:25:1\n:28C:1\n:60F:C261119EUR0,\n:61:2612310102C1,NTRFNONREF\n"
      ":61:2701021231C1,NTRFNONREF\n:61:270102    C1,NTRFNONREF\n:61:2402280229C1,NTRFNONREF\n"
      ":62F:C270102EUR4,\n-\n");
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(f.payments[0].booking_date, D(2027, 1, 2));  // booked in the new year
  EXPECT_EQ(f.payments[1].booking_date, D(2026, 12, 31));
  EXPECT_EQ(f.payments[2].booking_date, Date());  // blanks: none given
  EXPECT_EQ(f.payments[2].value_date, D(2027, 1, 2));
  EXPECT_EQ(f.payments[3].booking_date, D(2024, 2, 29));
  EXPECT_REFUSED(Err(Statement(":61:2611200230C1,NTRFNONREF\n")), 5, ":61: entry date '0230'");
  EXPECT_REFUSED(Err(Statement(":61:261320C1,NTRFNONREF\n")), 5,
                 ":61: value date '261320' is not a date (YYMMDD)");
  EXPECT_REFUSED(Err(Statement(":61:2611C1,NTRFNONREF\n")), 5, "value date");
  EXPECT_REFUSED(Err(Statement("", "C261131EUR100,00")), 5, ":62F: date '261131' is not a date");
}

// ---------------------------------------------------------- references ----

TEST(Mt94xParser, SourceReferenceOrder) {
  BankFile f = Ok(Statement(
      ":61:261120C1,NTRFOWNER1//BANK1\n"          // bank reference
      ":61:261120C1,NTRFOWNER2//NONREF\n"         // PostFinance: "//NONREF" is none
      ":61:261120C1,NTRFOWNER3\n"                 // owner reference
      ":61:261120C1,NTRFNONREF\n:86:/EREF/E2E-4/REMI/X\n"  // then the end-to-end id
      ":61:261120C1,N102EREF\n:86:/EREF/E2E-5/\n"          // Rabobank's "EREF" placeholder
      ":61:261120C1,NTRFNONREF\n:86:/EREF/NOTPROVIDED/\n"  // nothing at all
      ":61:261120C1,NTRF//00000000001\n005\n/TRCD/00100/\n"  // ING: reference cut
      ":61:261120C1,NTRF//MB1701\n911-TRANSAKCJA\n",  // supplementary, not a reference
      "C261120EUR108,"));
  ASSERT_EQ(f.payments.size(), 8u);
  EXPECT_EQ(f.payments[0].source_ref, "BANK1");
  EXPECT_EQ(f.payments[1].source_ref, "OWNER2");
  EXPECT_EQ(f.payments[2].source_ref, "OWNER3");
  EXPECT_EQ(f.payments[3].source_ref, "E2E-4");
  EXPECT_EQ(f.payments[3].trace_number, "E2E-4");
  EXPECT_EQ(f.payments[4].source_ref, "E2E-5");
  EXPECT_EQ(f.payments[5].source_ref, "");
  EXPECT_EQ(f.payments[6].source_ref, "00000000001005");
  EXPECT_EQ(f.payments[7].source_ref, "MB1701");
  // Without :86:, the supplementary details are the text.
  EXPECT_EQ(f.payments[7].remittance_text, "911-TRANSAKCJA");
}

TEST(Mt94xParser, SupplementaryIbanIsThePayersAccount) {
  BankFile f = Ok(Statement(":61:261120C1,N541NONREF\nNL66RABO0160878799\n:86:/ORDP//NAME/R. SMITH/\n",
                            "C261120EUR101,"));
  EXPECT_EQ(f.payments[0].payer_account, "NL66RABO0160878799");
  EXPECT_EQ(f.payments[0].payer_name, "R. SMITH");
}

// ------------------------------------------------------------ balances ----

TEST(Mt94xParser, BalanceMustAddUp) {
  EXPECT_REFUSED(Err(Statement(":61:261120C1,NTRFNONREF\n:61:261120D2,50NTRFNONREF\n",
                               "C261120EUR100,00")),
                 7,
                 "balances do not add up: opening 100,00 + 1 credits 1,00 - 1 debits 2,50 = 98,50, "
                 "but the closing balance is 100,00 EUR");
  // Debit balances carry their sign.
  BankFile f = Ok(":20:A\n:25:1\n:28C:1\n:60F:D261119EUR10,\n:61:261120D5,NTRFNONREF\n"
                  ":62F:D261120EUR15,\n-\n");
  EXPECT_EQ(f.statements[0].opening, M(-1000, "EUR"));
  EXPECT_EQ(f.statements[0].closing, M(-1500, "EUR"));
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:D261119EUR10,\n:61:261120D5,NTRFNONREF\n"
                     ":62F:C261120EUR15,\n-\n"),
                 6, "opening -10,00 + 0 credits 0,00 - 1 debits 5,00 = -15,00, but the closing balance is 15,00");
}

TEST(Mt94xParser, MissingOrMisplacedRecords) {
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:C261119EUR0,\n:61:261120C1,NTRFNONREF\n-\n"), 6,
                 "the statement ends without a closing balance (:62F:/:62M:) (the statement "
                 "starting on line 1)");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:62F:C261120EUR0,\n-\n"), 4,
                 "closing balance without an opening balance");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n-\n"), 1, "no opening balance (:60F:/:60M:)");
  EXPECT_REFUSED(Err(":20:A\n:28C:1\n:60F:C261119EUR0,\n:62F:C261120EUR0,\n-\n"), 1,
                 "the statement has no account (:25:)");
  EXPECT_REFUSED(Err(":20:A\n:28C:1\n:60F:C261119EUR0,\n:61:261120C1,NTRFNONREF\n"), 4,
                 ":61: before the account (:25:)");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:61:261120C1,NTRFNONREF\n"), 3,
                 ":61: before the opening balance");
  EXPECT_REFUSED(Err(Statement(":61:261120C1,NTRFNONREF\n", "C261120EUR101,") +
                     ":61:261120C1,NTRFNONREF\n"),
                 8, "':61:' outside a statement: a message starts with ':20:' (the one before ended on line 7)");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:C261119EUR0,\n:62F:C261120EUR0,\n:61:261120C1,NTRFNONREF\n"),
                 6, ":61: after the closing balance (line 5)");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:C261119EUR0,\n:60F:C261119EUR0,\n"), 5,
                 "a second opening balance");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:C261119EUR0,\n:62F:C261120EUR0,\n:62F:C261120EUR0,\n"),
                 6, "a second closing balance");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:25:2\n"), 3, "a second :25: account");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:C261119EUR0,\n:61:261120C1,NTRFNONREF\n"
                     ":60M:C261119EUR0,\n"),
                 6, "opening balance after the first :61: line");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:C261119EUR0,\n:62F:C261120USD0,\n-\n"), 5,
                 "closing balance in USD but the opening balance is in EUR");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:C261119XYZ0,\n"), 4,
                 ":60F: currency 'XYZ' is not an active ISO 4217 currency code");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:X261119EUR0,\n"), 4,
                 ":60F: balance must start with C (credit) or D (debit)");
  EXPECT_REFUSED(Err(":20:A\n:25:1\n:28C:1\n:60F:C2611\n"), 4, "is too short");
  EXPECT_REFUSED(Err(Statement("", "C261120EUR100,00\nSTRAY TEXT")), 6,
                 "unexpected text after :62F: (line 5): 'STRAY TEXT'");
  EXPECT_REFUSED(Err(Statement("") + "Paiement\n"), 7,
                 "text after the end of the statement on line 6: 'Paiement'");
  EXPECT_REFUSED(Err(":25:1\n:20:A\n"), 1, "':25:' outside a statement");
  EXPECT_REFUSED(Err(""), 1, "no MT940 statement found");
  EXPECT_REFUSED(Err("hello\nworld\n"), 1, "no MT940 statement found");
}

TEST(Mt94xParser, TruncatedFileIsRefused) {
  const std::string whole = Statement(":61:261120C1,NTRFNONREF//R1\n:86:ONE\n:61:261120C2,NTRFNONREF\n",
                                      "C261120EUR103,");
  ASSERT_EQ(Ok(whole).payments.size(), 2u);
  // Cut anywhere before the closing balance: never a partial result.
  for (size_t cut = 1; cut < whole.find(":62F:"); ++cut) {
    SCOPED_TRACE(cut);
    Result<BankFile> r = ReadBankFile(whole.substr(0, cut), "t.sta", As(BankFormat::kMt940));
    EXPECT_FALSE(r.ok());
  }
}

// ---------------------------------------------------------------- MT942 ----

std::string Report(std::string_view entries, std::string_view totals) {
  return ":20:RPT\n:25:PL29114010810000267002001002\n:28C:1/1\n:34F:PLND0,\n:34F:PLNC0,\n"
         ":13D:2611201815+0100\n" +
         std::string(entries) + std::string(totals) + "-\n";
}

TEST(Mt94xParser, Mt942Report) {
  const std::string entries = ":61:261120C1,50NTRFNONREF//A\n:86:FIRST\n:61:261120D0,50NTRFNONREF//B\n"
                              ":61:261120C2,NTRFNONREF//C\n";
  BankFile f = Ok(Report(entries, ":90D:1PLN0,50\n:90C:2PLN3,50\n"), BankFormat::kMt942);
  EXPECT_EQ(f.format, BankFormat::kMt942);
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(f.payments[0].format, "mt942");
  EXPECT_EQ(f.payments[0].amount, M(150, "PLN"));
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].date, D(2026, 11, 20));
  EXPECT_FALSE(f.statements[0].opening.has_value());
  // Totals are optional.
  EXPECT_EQ(Ok(Report(entries, ""), BankFormat::kMt942).payments.size(), 3u);
  // Sniffed as MT942.
  EXPECT_EQ(testing::ReadBankOk(Report(entries, ""), "t.sta").format, BankFormat::kMt942);

  EXPECT_REFUSED(Err(Report(entries, ":90D:1PLN0,50\n:90C:3PLN3,50\n"), BankFormat::kMt942), 12,
                 ":90C: says 3 credit entries totalling 3,50, but the report has 2 totalling 3,50 PLN");
  EXPECT_REFUSED(Err(Report(entries, ":90D:1PLN0,60\n"), BankFormat::kMt942), 11,
                 ":90D: says 1 debit entries totalling 0,60, but the report has 1 totalling 0,50");
  EXPECT_REFUSED(Err(Report(entries, ":90D:1EUR0,50\n"), BankFormat::kMt942), 11,
                 ":90D: is in EUR but the report is in PLN");
  EXPECT_REFUSED(Err(Report(entries, ":90D:1PLN0,50\n:90D:1PLN0,50\n"), BankFormat::kMt942), 12,
                 "a second :90D:");
  EXPECT_REFUSED(Err(Report(entries, ":90D:PLN0,50\n"), BankFormat::kMt942), 11,
                 "must start with the number of entries");
  EXPECT_REFUSED(Err(Replace(Report(entries, ""), ":13D:2611201815+0100", ":13D:2611201895"),
                     BankFormat::kMt942),
                 6, ":13D: '2611201895' is not a date and time");
  EXPECT_REFUSED(Err(Replace(Report(entries, ""), ":34F:PLNC0,", ":34F:EURC0,"), BankFormat::kMt942), 5,
                 "the two :34F: floor limits name different currencies (PLN and EUR)");
  EXPECT_REFUSED(Err(":20:R\n:25:1\n:28C:1\n:13D:2611201815\n:61:261120C1,NTRFNONREF\n-\n",
                     BankFormat::kMt942),
                 5, ":61: before the :34F: floor limit");
  EXPECT_REFUSED(Err(":20:R\n:25:1\n:28C:1\n:13D:2611201815\n-\n", BankFormat::kMt942), 1,
                 "the report has no :34F: floor limit");
}

TEST(Mt94xParser, WrongMessageTypeForTheFormat) {
  EXPECT_REFUSED(Err(Statement(""), BankFormat::kMt942), 1, "read it as mt940");
  EXPECT_REFUSED(Err(Report("", ""), BankFormat::kMt940), 4,
                 ":34F: belongs to MT942 interim reports, but the file was read as MT940; read it as mt942");
}

// ------------------------------------------------------ limits, encoding ----

TEST(Mt94xParser, OverlongLineIsResourceExhausted) {
  BankReadOptions o = As(BankFormat::kMt940);
  o.max_record_bytes = 64;
  const std::string bytes = Statement(":61:261120C1,NTRFNONREF\n:86:" + std::string(70, 'X') + "\n",
                                      "C261120EUR101,");
  Result<BankFile> r = ReadBankFile(bytes, "t.sta", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(r.status().where().line, 6u);
  EXPECT_EQ(r.status().where().file, "t.sta");
  o.max_record_bytes = 74;
  EXPECT_TRUE(ReadBankFile(bytes, "t.sta", o).ok());
}

TEST(Mt94xParser, Windows125xTextBecomesUtf8) {
  // Not UTF-8, so read as Windows-1252: "M\xFCller" is "Müller". mBank's
  // Windows-1250 "\xB3" (ł) comes out as 1252's "³": wrong letter, no byte lost.
  BankFile f = Ok(Statement(":61:261120C1,NTRFNONREF\n:86:166?20Zahlung M\xFCller?32J\xB3ODZIMIERZ\x01X\n",
                            "C261120EUR101,"));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_TRUE(ingest::IsValidUtf8(f.payments[0].remittance_text));
  EXPECT_NE(f.payments[0].remittance_text.find("Zahlung M\xC3\xBCller"), std::string::npos);
  EXPECT_EQ(f.payments[0].payer_name, "J\xC2\xB3ODZIMIERZ X");  // control byte -> blank
}

TEST(Mt94xParser, InvalidUtf8NeverLeaks) {
  // One stray byte makes the whole file Windows-1252, even the part that
  // looked like UTF-8.
  BankFile f = Ok(Statement(":61:261120C1,NTRFNONREF//R\xFF\n:86:/NAME/Sch\xC3\xBCtz/\n",
                            "C261120EUR101,"));
  const Payment& p = f.payments[0];
  for (const std::string* s : {&p.source_ref, &p.payer_name, &p.remittance_text, &p.account}) {
    EXPECT_TRUE(ingest::IsValidUtf8(*s)) << *s;
  }
  EXPECT_EQ(p.payer_name, "Sch\xC3\x83\xC2\xBCtz");
}

TEST(Mt94xParser, AccountForms) {
  const auto account_of = [](std::string_view raw) {
    BankFile f = Ok(":20:A\n:25:" + std::string(raw) + "\n:28C:1\n:60F:C261119EUR0,\n:62F:C261120EUR0,\n");
    return f.statements.empty() ? std::string() : f.statements[0].account;
  };
  EXPECT_EQ(account_of("20090500/0006853030"), "20090500:0006853030");  // BLZ/account
  EXPECT_EQ(account_of("TRIODOSBANK/0666666666"), "0666666666");
  EXPECT_EQ(account_of("COBADEFFXXX/DE89370400440532013000"), "DE89370400440532013000");
  EXPECT_EQ(account_of("NL34RABO0142623393 EUR"), "NL34RABO0142623393");
  EXPECT_EQ(account_of("DE89370400440532013000EUR"), "DE89370400440532013000");
  // A Mauritian IBAN ends in its currency and stays whole.
  EXPECT_EQ(account_of("MU17BOMM0101101030300200000MUR"), "MU17BOMM0101101030300200000MUR");
  EXPECT_EQ(account_of("  123456789  "), "123456789");
}

}  // namespace
}  // namespace cashmatch
