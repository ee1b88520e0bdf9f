// What the NACHA parser makes of well-formed files: line ends, record
// lengths, transaction codes, addenda, dates, encodings.
#include <gtest/gtest.h>

#include <string>

#include "bank_test_util.h"
#include "nacha_test_util.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::M;
using namespace testing::nacha;

AchBatch OneCredit(int64_t amount = 12345) {
  AchBatch b;
  AchEntry e;
  e.amount = amount;
  e.trace = "091000010000042";
  b.entries.push_back(e);
  return b;
}

TEST(NachaRules, ACcdCredit) {
  BankFile f = ReadOk(BuildFile({OneCredit()}));
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = First(f);
  EXPECT_EQ(p.source_file, "t.ach");
  EXPECT_EQ(p.source_line, 3u);
  EXPECT_EQ(p.format, "nacha");
  EXPECT_EQ(p.source_ref, "091000010000042");
  EXPECT_EQ(p.trace_number, "091000010000042");
  EXPECT_EQ(p.direction, Direction::kCredit);
  EXPECT_EQ(p.amount, M(12345, "USD"));
  EXPECT_EQ(p.value_date, D(2026, 11, 20));
  EXPECT_EQ(p.payer_name, "ACME CORP");
  EXPECT_TRUE(p.payer_account.empty());
  EXPECT_EQ(p.account, "121000248:987654321");
  EXPECT_EQ(p.transaction_code, "CCD/22");
  EXPECT_FALSE(p.is_return);
  EXPECT_TRUE(p.remittance_text.empty());
}

TEST(NachaRules, LineEndsAndMissingLineBreaksReadTheSame) {
  const std::string lf = BuildFile({OneCredit()});
  BankFile a = ReadOk(lf);
  for (std::string eol : {"\r\n", "\r", ""}) {
    FileOptions o;
    o.eol = eol;
    BankFile b = ReadOk(BuildFile({OneCredit()}, o));
    ASSERT_EQ(b.payments.size(), 1u) << eol.size();
    Payment x = a.payments[0], y = b.payments[0];
    if (eol.empty()) {
      EXPECT_EQ(y.source_line, 1u);  // one physical line
      y.source_line = x.source_line;
    }
    EXPECT_EQ(x, y);
  }
}

TEST(NachaRules, ShortLinesAreReadAsPaddedAndTrailingBlanksIgnored) {
  std::string file = BuildFile({OneCredit()});
  std::string stripped, padded;
  size_t at = 0;
  while (at < file.size()) {
    const size_t end = file.find('\n', at);
    std::string line = file.substr(at, end - at);
    padded += line + "   \n";
    while (!line.empty() && line.back() == ' ') line.pop_back();
    stripped += line + "\n";
    at = end + 1;
  }
  EXPECT_EQ(ReadOk(stripped).payments, ReadOk(file).payments);
  EXPECT_EQ(ReadOk(padded).payments, ReadOk(file).payments);
}

TEST(NachaRules, BlankLinesAndEndOfFileMarkAreIgnored) {
  std::string file = BuildFile({OneCredit()});
  BankFile f = ReadOk("\n" + file + "\n\n\x1A");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(First(f).source_line, 4u);  // physical lines count the blank one
}

TEST(NachaRules, ByteOrderMarkIsSkipped) {
  BankFile f = testing::ReadBankOk("\xEF\xBB\xBF" + BuildFile({OneCredit()}), "t.ach");
  EXPECT_EQ(f.format, BankFormat::kNacha);
  EXPECT_EQ(f.payments.size(), 1u);
}

TEST(NachaRules, FillerIsOptional) {
  FileOptions o;
  o.filler = false;
  EXPECT_EQ(ReadOk(BuildFile({OneCredit()}, o)).payments.size(), 1u);
}

TEST(NachaRules, TransactionCodesDecideDirectionAndWhatIsAPayment) {
  AchBatch b;
  for (int code : {22, 32, 42, 52, 27, 37, 47, 55}) {
    AchEntry e;
    e.code = code;
    e.amount = code;
    b.entries.push_back(e);
  }
  for (int code : {23, 28, 33, 38, 43, 48, 53}) {  // prenotes: no money, skipped
    AchEntry e;
    e.code = code;
    e.amount = 0;
    b.entries.push_back(e);
  }
  BankFile f = ReadOk(BuildFile({b}));
  ASSERT_EQ(f.payments.size(), 8u);
  for (const Payment& p : f.payments) {
    const int code = static_cast<int>(p.amount.minor);
    const bool credit = code == 22 || code == 32 || code == 42 || code == 52;
    EXPECT_EQ(p.direction, credit ? Direction::kCredit : Direction::kDebit) << code;
    EXPECT_EQ(p.transaction_code, "CCD/" + std::to_string(code));
  }
}

TEST(NachaRules, ReturnsOfDebitsAndCredits) {
  AchBatch b;
  b.sec = "PPD";
  AchEntry debit_return;
  debit_return.code = 26;
  debit_return.amount = 5000;
  debit_return.name = "JANE DOE";
  debit_return.trace = "121000240000001";
  debit_return.raw_addenda = {ReturnAddenda("R01", "091000019999999", "121000240000001", "NSF")};
  AchEntry credit_return;
  credit_return.code = 21;
  credit_return.amount = 700;
  credit_return.trace = "121000240000002";
  credit_return.raw_addenda = {ReturnAddenda("R03", "091000018888888", "121000240000002")};
  b.entries = {debit_return, credit_return};
  BankFile f = ReadOk(BuildFile({b}));
  ASSERT_EQ(f.payments.size(), 2u);
  const Payment& r1 = First(f);
  EXPECT_TRUE(r1.is_return);
  EXPECT_EQ(r1.direction, Direction::kDebit);
  EXPECT_EQ(r1.return_reason, "R01");
  EXPECT_EQ(r1.original_ref, "091000019999999");
  EXPECT_EQ(r1.remittance_text, "NSF");
  EXPECT_EQ(r1.payer_name, "JANE DOE");
  EXPECT_EQ(r1.payer_account, "121000248:987654321");
  EXPECT_TRUE(r1.account.empty());
  EXPECT_EQ(f.payments[1].direction, Direction::kCredit);
  EXPECT_EQ(f.payments[1].return_reason, "R03");
}

TEST(NachaRules, ReturnedPrenoteMovesNoMoney) {
  AchBatch b;
  AchEntry e;
  e.code = 21;
  e.amount = 0;
  e.trace = "121000240000001";
  e.raw_addenda = {ReturnAddenda("R03", "091000019999999", "121000240000001")};
  b.entries = {e};
  EXPECT_TRUE(ReadOk(BuildFile({b})).payments.empty());
}

TEST(NachaRules, NotificationOfChangeIsSkipped) {
  AchBatch b;
  b.sec = "COR";
  AchEntry e;
  e.code = 21;
  e.amount = 0;
  e.raw_addenda = {"798C01091000010000001      12100024" + Pad("1234567", 29) + Pad("", 15) +
                   "091000010000001"};
  b.entries = {e};
  BankFile f = ReadOk(BuildFile({b}));
  EXPECT_TRUE(f.payments.empty());
  EXPECT_TRUE(f.advices.empty());
}

TEST(NachaRules, CcdPlusTextJoinsContinuationPieces) {
  AchBatch b = OneCredit();
  // A full piece was cut mid-word: the next follows directly. A piece that
  // ends in blanks was cut at a word: one blank separates them.
  b.entries[0].info = {std::string(76, 'A') + "INV1", "2345 PAID", "THANK YOU"};
  BankFile f = ReadOk(BuildFile({b}));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(First(f).remittance_text, std::string(76, 'A') + "INV12345 PAID THANK YOU");
}

TEST(NachaRules, CcdPlusRmrFragmentGivesARemittanceLine) {
  AchBatch b = OneCredit();
  b.entries[0].info = {"RMR*IV*INV-778**150.00*155.00*5.00\\"};
  BankFile f = ReadOk(BuildFile({b}));
  const Payment& p = First(f);
  EXPECT_EQ(p.remittance_text, "RMR*IV*INV-778**150.00*155.00*5.00\\");
  ASSERT_EQ(p.remittance.size(), 1u);
  EXPECT_EQ(p.remittance[0].reference, "INV-778");
  EXPECT_EQ(p.remittance[0].paid, M(15000, "USD"));
  EXPECT_EQ(p.remittance[0].invoice_amount, M(15500, "USD"));
  EXPECT_EQ(p.remittance[0].discount, M(500, "USD"));
}

TEST(NachaRules, CcdPlusFreeTextThatMerelyStartsLikeX12StaysText) {
  AchBatch b = OneCredit();
  b.entries[0].info = {"REF*INVOICES 1001 AND 1002 | THANK YOU"};
  BankFile f = ReadOk(BuildFile({b}));
  EXPECT_EQ(First(f).remittance_text, "REF*INVOICES 1001 AND 1002 | THANK YOU");
  EXPECT_TRUE(First(f).remittance.empty());
}

// An 820 cut over 80-character pieces, as CTX carries it.
std::vector<std::string> Cut80(std::string_view x12) {
  std::vector<std::string> out;
  for (size_t at = 0; at < x12.size(); at += 80) out.emplace_back(x12.substr(at, 80));
  return out;
}

AchBatch CtxBatch(std::string_view x12) {
  AchBatch b;
  b.sec = "CTX";
  b.company = "ORIGINATOR INC";
  AchEntry e;
  e.amount = 150000;
  e.trace = "091000010000001";
  e.name = "CASHMATCH DEMO";
  e.info = Cut80(x12);
  b.entries = {e};
  return b;
}

constexpr std::string_view kCtx820 =
    "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PAYEE          *261120*0800*U*00401*"
    "000000007*0*P*>~GS*RA*PAYER*PAYEE*20261120*0800*7*X*004010~ST*820*0001~"
    "BPR*C*1500.00*C*ACH*CTX*01*026009593*DA*8765117001*1234567890**01*121000248*DA*987654321*"
    "20261120~TRN*1*091000010000001~N1*PR*NORTHWIND TRADERS LLC~N1*PE*CASHMATCH DEMO CO~"
    "ENT*1~RMR*IV*INV-1001**1000.00*1000.00~RMR*IV*INV-1002**520.00*540.00*20.00~"
    "ADX*-20.00*01~NTE*ZZZ*SHORT PAID FREIGHT~SE*11*0001~GE*1*7~IEA*1*000000007~";

TEST(NachaRules, CtxWithAn820) {
  BankFile f = ReadOk(BuildFile({CtxBatch(kCtx820)}));
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = First(f);
  EXPECT_EQ(p.transaction_code, "CTX/22");
  EXPECT_EQ(p.payer_name, "NORTHWIND TRADERS LLC");  // N1*PR over the batch's name
  EXPECT_EQ(p.payer_account, "026009593:8765117001");
  EXPECT_EQ(p.remittance_text, "SHORT PAID FREIGHT");
  ASSERT_EQ(p.remittance.size(), 2u);
  EXPECT_EQ(p.remittance[0].reference, "INV-1001");
  EXPECT_EQ(p.remittance[0].paid, M(100000, "USD"));
  EXPECT_FALSE(p.remittance[0].adjustment.has_value());
  EXPECT_EQ(p.remittance[1].adjustment, M(-2000, "USD"));
  EXPECT_EQ(p.remittance[1].adjustment_reason, "01");
  EXPECT_EQ(p.remittance[1].discount, M(2000, "USD"));
}

TEST(NachaRules, CtxAddendaOutOfOrderAreReadInSequence) {
  std::string file = BuildFile({CtxBatch(kCtx820)});
  // Swap the first two addenda records (lines 4 and 5), sequence numbers and all.
  const std::string a = LineOf(file, 4), b = LineOf(file, 5);
  Patch(&file, 4, 1, b);
  Patch(&file, 5, 1, a);
  BankFile f = ReadOk(file);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(First(f).remittance.size(), 2u);
}

TEST(NachaRules, CtxFragmentWithoutEnvelopes) {
  BankFile f = ReadOk(BuildFile({CtxBatch(
      "BPR*C*10.00*C*ACH*CTX*01*026009593*DA*111\\RMR*IV*A-1**10.00\\RMR*CR*CM-9**-2.50\\")}));
  const Payment& p = First(f);
  EXPECT_EQ(p.payer_name, "ORIGINATOR INC");  // no N1*PR: the batch's company
  EXPECT_EQ(p.payer_account, "026009593:111");
  ASSERT_EQ(p.remittance.size(), 2u);
  EXPECT_EQ(p.remittance[1].paid, M(-250, "USD"));
}

TEST(NachaRules, CtxFreeTextAddenda) {
  BankFile f = ReadOk(BuildFile({CtxBatch("PAYMENT FOR INVOICES 1001 1002")}));
  EXPECT_EQ(First(f).remittance_text, "PAYMENT FOR INVOICES 1001 1002");
  EXPECT_TRUE(First(f).remittance.empty());
}

TEST(NachaRules, ZeroDollarCtxIsARemittanceAdvice) {
  AchBatch b = CtxBatch(kCtx820);
  b.entries[0].code = 24;
  b.entries[0].amount = 0;
  BankFile f = ReadOk(BuildFile({b}));
  EXPECT_TRUE(f.payments.empty());
  ASSERT_EQ(f.advices.size(), 1u);
  const RemittanceAdvice& a = f.advices[0];
  EXPECT_EQ(a.format, "nacha");
  EXPECT_EQ(a.source_ref, "091000010000001");
  EXPECT_EQ(a.trace_number, "091000010000001");  // TRN02
  EXPECT_EQ(a.amount, M(150000, "USD"));          // what the 820 says was paid
  EXPECT_EQ(a.payment_date, D(2026, 11, 20));
  EXPECT_EQ(a.payer_name, "NORTHWIND TRADERS LLC");
  EXPECT_EQ(a.remittance.size(), 2u);
}

TEST(NachaRules, EffectiveDateFallsBackToSettlementThenCreationDate) {
  AchBatch b = OneCredit();
  b.effective = "      ";
  b.settlement = "326";  // 2026-11-22
  EXPECT_EQ(First(ReadOk(BuildFile({b}))).value_date, D(2026, 11, 22));
  EXPECT_EQ(First(ReadOk(BuildFile({b}))).booking_date, D(2026, 11, 22));
  b.settlement = "   ";
  b.effective = "000000";
  EXPECT_EQ(First(ReadOk(BuildFile({b}))).value_date, D(2026, 11, 19));  // file date
  b.effective = "261340";  // no such day: as good as none
  EXPECT_EQ(First(ReadOk(BuildFile({b}))).value_date, D(2026, 11, 19));
}

TEST(NachaRules, SettlementDateTakesTheYearNearestTheEffectiveDate) {
  AchBatch b = OneCredit();
  b.effective = "261231";
  b.settlement = "002";
  BankFile f = ReadOk(BuildFile({b}));
  EXPECT_EQ(First(f).value_date, D(2026, 12, 31));
  EXPECT_EQ(First(f).booking_date, D(2027, 1, 2));
}

TEST(NachaRules, IatEntry) {
  AchBatch b;
  b.sec = "IAT";
  b.company = "";  // IAT indicator, FX fields
  b.service = "220";
  AchEntry e;
  e.amount = 250000;
  e.trace = "091000010000001";
  const std::string seq = "0000001";
  e.raw_addenda = {
      "710ANN" + Num(250000, 18) + Pad("", 22) + Pad("CASHMATCH DEMO CO", 35) + Pad("", 6) + seq,
      "711" + Pad("MUELLER MASCHINEN GMBH", 35) + Pad("HAUPTSTRASSE 1", 35) + Pad("", 14) + seq,
      "712" + Pad("MUENCHEN*BY\\", 35) + Pad("DE*80331\\", 35) + Pad("", 14) + seq,
      "713" + Pad("DEUTSCHE BANK", 35) + "02" + Pad("DEUTDEFF", 34) + "DE " + Pad("", 10) + seq,
      "714" + Pad("CASHMATCH TEST BANK", 35) + "01" + Pad("121000248", 34) + "US " + Pad("", 10) + seq,
      "715" + Pad("CUST-42", 15) + Pad("1 MAIN ST", 35) + Pad("", 34) + seq,
      "716" + Pad("SPRINGFIELD*IL\\", 35) + Pad("US*62701\\", 35) + Pad("", 14) + seq,
      "717" + Pad("RE INVOICE 2026-118 AND 2026-119", 80) + "0001" + seq,
  };
  b.entries = {e};
  std::string file = BuildFile({b});
  // IAT entries carry the number of addenda at 13-16 and the account at 40-74.
  Patch(&file, 3, 13, "0008" + Pad("", 13) + Num(250000, 10) + Pad("DE89370400440532013000", 35));
  BankFile f = ReadOk(file);
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = First(f);
  EXPECT_EQ(p.transaction_code, "IAT/22");
  EXPECT_EQ(p.payer_name, "MUELLER MASCHINEN GMBH");
  EXPECT_EQ(p.account, "121000248:DE89370400440532013000");
  EXPECT_EQ(p.remittance_text, "RE INVOICE 2026-118 AND 2026-119");
}

TEST(NachaRules, Windows1252NamesBecomeUtf8) {
  AchBatch b = OneCredit();
  b.company = "CAF\xC9 NOIR";  // É in Windows-1252
  BankFile f = ReadOk(BuildFile({b}));
  EXPECT_EQ(First(f).payer_name, "CAF\xC3\x89 NOIR");
}

TEST(NachaRules, Utf8NamesStayUtf8) {
  AchBatch b = OneCredit();
  b.company = "CAF\xC3\x89 NOIR";  // É in UTF-8: two bytes of the 16
  BankFile f = ReadOk(BuildFile({b}));
  EXPECT_EQ(First(f).payer_name, "CAF\xC3\x89 NOIR");
}

// A UTF-8 character cut in two by a field's edge: the half is dropped,
// never copied as invalid UTF-8 (the file as a whole is valid UTF-8).
TEST(NachaRules, CharacterCutByAFieldEdge) {
  std::string file = BuildFile({OneCredit()});
  Patch(&file, 2, 5, "ABCDEFGHIJKLMNO\xC3\x89");
  EXPECT_EQ(First(ReadOk(file)).payer_name, "ABCDEFGHIJKLMNO");
}

// Fields a return's text is made of are transcoded like any other.
TEST(NachaRules, ReturnTextIsTranscoded) {
  AchBatch b;
  AchEntry e;
  e.code = 26;
  e.trace = "121000240000001";
  std::string contested = ReturnAddenda("R72", "271111110000301", "121000240000001");
  contested.replace(38, 15, "34513093\xFF\xFF\xFF" "0001");  // return trace, Latin-1 bytes
  e.raw_addenda = {contested};
  b.entries = {e};
  const BankFile f = ReadOk(BuildFile({b}));
  const Payment& p = First(f);
  EXPECT_EQ(p.return_reason, "R72");
  EXPECT_NE(p.remittance_text.find("34513093\xC3\xBF\xC3\xBF\xC3\xBF" "0001"), std::string::npos)
      << p.remittance_text;
}

TEST(NachaRules, TwoFilesBackToBack) {
  const std::string one = BuildFile({OneCredit(100)});
  const std::string two = BuildFile({OneCredit(200)});
  BankFile f = ReadOk(one + two);
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[1].amount, M(200, "USD"));
  EXPECT_EQ(f.payments[1].source_line, 13u);
}

TEST(NachaRules, SniffedWithoutForcingTheFormat) {
  BankFile f = testing::ReadBankOk(BuildFile({OneCredit()}), "t.ach");
  EXPECT_EQ(f.format, BankFormat::kNacha);
  EXPECT_EQ(f.payments.size(), 1u);
}

TEST(NachaRules, ConsecutiveBatchesAndManyEntries) {
  std::vector<AchBatch> batches;
  int64_t total = 0;
  for (int i = 0; i < 30; ++i) {
    AchBatch b;
    b.company = "PAYER " + std::to_string(i);
    for (int j = 0; j < 40; ++j) {
      AchEntry e;
      e.amount = 1 + i * 1000 + j;
      total += e.amount;
      e.routing = std::to_string(10000000 + i * 37 + j) + "0";
      b.entries.push_back(e);
    }
    batches.push_back(b);
  }
  BankFile f = ReadOk(BuildFile(batches));
  ASSERT_EQ(f.payments.size(), 1200u);
  EXPECT_EQ(testing::CreditTotal(f), total);
  EXPECT_EQ(f.payments[1199].payer_name, "PAYER 29");
}

}  // namespace
}  // namespace cashmatch
