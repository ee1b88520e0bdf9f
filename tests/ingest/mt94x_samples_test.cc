// The real MT940 / MT942 files in samples/mt940 and samples/mt942 (see
// their PROVENANCE.md): each parses with the figures asserted here, or is
// refused with the reason a person would give. The last test walks both
// folders so that a new sample cannot go untested.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "bank_test_util.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

using testing::CreditCount;
using testing::CreditTotal;
using testing::D;
using testing::M;
using testing::ReadSample;

BankFile Parse(std::string_view relative) {
  const std::string bytes = ReadSample(relative);
  BankFile f = testing::ReadBankOk(bytes, relative);
  testing::ExpectWellFormed(f, relative);
  return f;
}

Status Refuse(std::string_view relative) {
  return testing::ReadBankError(ReadSample(relative), relative);
}

const Payment* FindByLine(const BankFile& f, uint64_t line) {
  for (const Payment& p : f.payments) {
    if (p.source_line == line) return &p;
  }
  ADD_FAILURE() << "no payment starts on line " << line;
  return nullptr;
}

bool HasReference(const Payment& p, std::string_view ref) {
  return std::any_of(p.remittance.begin(), p.remittance.end(),
                     [&](const RemittanceLine& l) { return l.reference == ref; });
}

bool TextHas(const Payment& p, std::string_view needle) {
  return p.remittance_text.find(needle) != std::string::npos;
}

// --------------------------------------------------------------- parsed ----

// Mollie on an ABN AMRO IBAN: no reference in :61: at all, so source_ref is
// the /EREF/ end-to-end id; order numbers in /REMI/.
TEST(Mt94xSamples, Mollie) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/OCA-bank-statement-import__mollie-Voorbeeld_MT-940.mt940");
  ASSERT_EQ(f.payments.size(), 21u);
  EXPECT_EQ(CreditCount(f), 19u);
  EXPECT_EQ(CreditTotal(f), 105664);
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].closing, M(-135026, "EUR"));  // D1350,26
  const Payment& first = f.payments[0];
  EXPECT_EQ(first.source_line, 5u);
  EXPECT_EQ(first.source_ref, "tr_XXXXXXXXX");
  EXPECT_EQ(first.payer_name, "V. Oornaam");
  // The (anonymised) payer IBAN equals our own account: not a payer's.
  EXPECT_EQ(first.payer_account, "");
  EXPECT_EQ(f.payments[2].payer_account, "NL80RABO0000000000");
  EXPECT_TRUE(TextHas(first, "/REMI/Order 123/"));
  EXPECT_EQ(first.account, "NL30ABNA000000000000");
  EXPECT_EQ(first.transaction_code, "NMSC");
  const Payment& last = f.payments.back();
  EXPECT_EQ(last.direction, Direction::kDebit);
  EXPECT_EQ(last.payer_name, "Mollie B.V.");  // "M" + "ollie B.V." cut mid-word
  EXPECT_EQ(last.source_ref, "");               // /EREF/NOTPROVIDED is no reference
  EXPECT_TRUE(TextHas(last, "Factuurnummer 2016.00000"));
}

// ING with envelope, ':28C:' split over two lines, the bank reference cut
// onto the next line, '/TRCD/' supplementary lines, a '-' line inside :86:
// ("MND" "-" "EV01"), returns (/RTRN/MS03/) and /REMI/STRD/CUR/ references.
TEST(Mt94xSamples, Ing) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/OCA-bank-statement-import__test-ing.940");
  ASSERT_EQ(f.payments.size(), 8u);
  EXPECT_EQ(CreditCount(f), 4u);
  EXPECT_EQ(CreditTotal(f), 3658);
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].opening, M(66223, "EUR"));
  EXPECT_EQ(f.statements[0].closing, M(56435, "EUR"));
  EXPECT_EQ(f.statements[0].account, "NL77INGB0574908765");  // "EUR" after the IBAN dropped
  const Payment& p0 = f.payments[0];
  EXPECT_EQ(p0.source_ref, "00000000001005");  // "//00000000001" + "005"
  EXPECT_EQ(p0.payer_name, "ING BANK NV INZAKE WEB");
  EXPECT_EQ(p0.payer_account, "NL32INGB0000012345");
  EXPECT_EQ(p0.trace_number, "EV12341REP1231456T1234");
  EXPECT_TRUE(TextHas(p0, "EV10001REP1000000T1000"));
  const Payment& ret = f.payments[2];
  EXPECT_TRUE(ret.is_return);
  EXPECT_EQ(ret.return_reason, "MS03");
  EXPECT_EQ(ret.original_ref, "20120123456789");
  EXPECT_EQ(ret.transaction_code, "NRTI");
  EXPECT_TRUE(TextHas(ret, "Factuurnr 123456 Klantnr 00123"));
  const Payment& mandate = f.payments[3];
  EXPECT_EQ(mandate.source_line, 21u);
  EXPECT_TRUE(TextHas(mandate, "/MARF/MND-EV01/")) << mandate.remittance_text;
  EXPECT_TRUE(TextHas(mandate, "/CSID/NL32ZZZ999999991234/"));
  const Payment& strd = f.payments[6];
  EXPECT_EQ(strd.amount, M(3200, "EUR"));
  ASSERT_EQ(strd.remittance.size(), 1u);
  EXPECT_TRUE(HasReference(strd, "9001123412341234"));
  EXPECT_EQ(strd.payer_name, "J.Janssen");
}

// Rabobank .swi: four statements, two without entries; counterparty IBAN
// in the :61: supplementary line; /ORDP//NAME/ and /BENM//NAME/.
TEST(Mt94xSamples, RabobankSwi) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/OCA-bank-statement-import__test-rabo.swi");
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.statements.size(), 4u);
  EXPECT_EQ(CreditTotal(f), 40000);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.payer_name, "R. SMITH");
  EXPECT_EQ(p.payer_account, "NL66RABO0160878799");
  EXPECT_EQ(p.account, "NL34RABO0142623393");
  EXPECT_EQ(p.source_ref, "");  // NONREF, no bank reference, no /EREF/
  EXPECT_TRUE(TextHas(p, "Sheepcity Nederland NL/REMI/Test money paid by other partner:"));
  EXPECT_EQ(f.payments[1].payer_name, "Kosten");
  EXPECT_EQ(f.payments[1].value_date, D(2014, 1, 1));
}

// ABN AMRO with the 3-line header; /REMI//INV/ invoice text cut mid-word
// over lines of 62 characters.
TEST(Mt94xSamples, AbnAmro) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/fruitl00p-php-mt940__Abn-issue48");
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(CreditTotal(f), 10965);
  EXPECT_EQ(f.payments[0].payer_name, "HR K XXXXXXX EN/OF MW H XXXXXXX");
  EXPECT_EQ(f.payments[0].payer_account, "NL75INGB0001234567");
  EXPECT_EQ(f.payments[0].account, "534334164");
  const Payment& dd = f.payments[1];
  EXPECT_EQ(dd.direction, Direction::kDebit);
  EXPECT_EQ(dd.source_ref, "012345678912361000");  // /EREF/ cut "0123456789123" + "61000"
  EXPECT_TRUE(TextHas(dd, "/REMI//INV/1511682351 1.12.2016/")) << dd.remittance_text;
  EXPECT_EQ(dd.payer_account, "NL37DEUT0123456789");
}

// bunq: 111 entries, amounts like "2," and "0,3", entry date in another
// month than the value date, UTF-8 names.
TEST(Mt94xSamples, Bunq) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/fruitl00p-php-mt940__Bunq-sample");
  ASSERT_EQ(f.payments.size(), 111u);
  EXPECT_EQ(CreditCount(f), 26u);
  EXPECT_EQ(CreditTotal(f), 76166);
  EXPECT_EQ(f.payments[0].amount, M(200, "EUR"));
  EXPECT_EQ(f.payments[1].amount, M(30, "EUR"));
  EXPECT_EQ(f.payments[0].account, "NL10BUNQ2290325473");  // " EUR" dropped
  const Payment* salary = FindByLine(f, 60);
  ASSERT_NE(salary, nullptr);
  EXPECT_EQ(salary->payer_name, "STICHTING VILENTE");
  EXPECT_EQ(salary->payer_account, "NL96INGB0692585567");
  EXPECT_TRUE(TextHas(*salary, "Salaris februari 2019"));
  const Payment* refund = FindByLine(f, 175);  // 1904010502: booked a month later
  ASSERT_NE(refund, nullptr);
  EXPECT_EQ(refund->value_date, D(2019, 4, 1));
  EXPECT_EQ(refund->booking_date, D(2019, 5, 2));
}

// Kontist: DK sub-fields without ?00, UTF-8 umlauts, an invoice number in
// ?20, no line end at the end of the file.
TEST(Mt94xSamples, Kontist) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/fruitl00p-php-mt940__Kontist-sample");
  ASSERT_EQ(f.payments.size(), 6u);
  EXPECT_EQ(CreditCount(f), 4u);
  EXPECT_EQ(CreditTotal(f), 51595);
  EXPECT_EQ(f.payments[0].payer_name, "CHRISTIAN BENDT");
  EXPECT_EQ(f.payments[0].payer_account, "DE59320500000001908722");
  EXPECT_EQ(f.payments[1].payer_name, "Lucien Sch\xC3\xBCnke");
  EXPECT_TRUE(TextHas(f.payments[2], "Rechnung-Nr.: INV-00002 v. 13.02.21"));
  EXPECT_EQ(f.payments[4].payer_name, "WCM UG HAFTUNGSBESCHR\xC3\x84NKT");
  EXPECT_TRUE(TextHas(f.payments[4], "INV-00003"));
}

// Sparkasse: four statements, :62M:/:60M: pages, BLZ/account accounts, an
// entry date before the value date.
TEST(Mt94xSamples, Sparkasse) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/fruitl00p-php-mt940__Spk-sample");
  ASSERT_EQ(f.payments.size(), 10u);
  EXPECT_EQ(f.statements.size(), 4u);
  EXPECT_EQ(CreditCount(f), 9u);
  EXPECT_EQ(CreditTotal(f), 93200);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.account, "20090500:0006853030");
  EXPECT_EQ(p.source_ref, "00001238972230329");
  EXPECT_EQ(p.transaction_code, "N051");
  EXPECT_EQ(p.value_date, D(2010, 2, 17));
  EXPECT_EQ(p.booking_date, D(2010, 2, 4));
  EXPECT_EQ(p.payer_account, "20010020:0012345678");
  EXPECT_TRUE(TextHas(p, "Gutschrift"));
  EXPECT_TRUE(TextHas(p, "SOME DESCRIPTIONMORE DESC"));  // ?20 and ?21 join as written
  EXPECT_EQ(f.payments[5].payer_name, "DEUTSCHE TELEKOM AG");
  EXPECT_EQ(f.payments[5].direction, Direction::kDebit);
  EXPECT_TRUE(TextHas(f.payments[5], "RECH.NR. 1239812312"));
}

// Triodos: '>' instead of '?' between sub-fields; :25: 'TRIODOSBANK/...'.
TEST(Mt94xSamples, Triodos) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/fruitl00p-php-mt940__Triodos-sample");
  ASSERT_EQ(f.payments.size(), 8u);
  EXPECT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(CreditTotal(f), 30000);
  EXPECT_EQ(f.payments[0].account, "0666666666");
  EXPECT_EQ(f.payments[0].transaction_code, "NIT");
  // >20 "...TEGENREKENIN" + >21 "G EN ADRES..." join mid-word.
  EXPECT_TRUE(TextHas(f.payments[0], "TENAAMSTELLING TEGENREKENING EN ADRES TEGENREKENING EN PLAATS"))
      << f.payments[0].remittance_text;
  EXPECT_EQ(f.payments[0].payer_account, "");  // >31 repeats our own account
  EXPECT_EQ(f.payments[4].account, "0999999999");
}

// ASN: 31 enveloped statements, most empty; :86: leads with the
// counterparty IBAN and name, text padded with blank lines.
TEST(Mt94xSamples, Asn) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/wolph-mt940__ASNB-mt940.txt");
  ASSERT_EQ(f.payments.size(), 8u);
  EXPECT_EQ(f.statements.size(), 31u);
  EXPECT_EQ(CreditCount(f), 3u);
  EXPECT_EQ(CreditTotal(f), 282890);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.amount, M(6500, "EUR"));
  EXPECT_EQ(p.payer_account, "NL47INGB9999999999");
  EXPECT_EQ(p.payer_name, "hr gjlm paulissen");
  EXPECT_TRUE(TextHas(p, "Betaling sieraden"));
  EXPECT_EQ(p.source_ref, "NL47INGB9999999999");  // the owner reference, as the spec orders
  // "...Betaling aan I" (65 characters) + "CS 99999999999": cut mid-word.
  EXPECT_TRUE(TextHas(f.payments[2], "Betaling aan ICS 99999999999"));
}

// Deutsche Bank SEPA-era: 26 statements, returns (GV 159, RC marks), SEPA
// keywords in ?20-?29 cut anywhere, lines that lost their trailing blanks.
TEST(Mt94xSamples, BetterplaceSepa) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/wolph-mt940__betterplace-sepa_mt9401.sta");
  ASSERT_EQ(f.payments.size(), 97u);
  EXPECT_EQ(f.statements.size(), 26u);
  EXPECT_EQ(CreditCount(f), 41u);
  EXPECT_EQ(CreditTotal(f), 518847494);
  const Payment& ret = f.payments[0];
  EXPECT_TRUE(ret.is_return);
  EXPECT_EQ(ret.return_reason, "914");
  EXPECT_EQ(ret.source_ref, "0724710345313905");
  EXPECT_EQ(ret.trace_number, "TFNR 40005 00005");
  EXPECT_TRUE(TextHas(ret, "Grund nicht spezifiziert Reject"));
  const Payment* storno = FindByLine(f, 19);  // RC: reversal of a credit
  ASSERT_NE(storno, nullptr);
  EXPECT_EQ(storno->direction, Direction::kDebit);
  EXPECT_TRUE(storno->is_return);
  const Payment* credit = FindByLine(f, 30);
  ASSERT_NE(credit, nullptr);
  EXPECT_EQ(credit->trace_number, "EndToEndIdTFNR2000400001");  // ?20 + ?21 "01"
  EXPECT_EQ(credit->payer_name, "Richter Renate 70 Zeichen Beginn Fuellzeichen xxxxxxxx");
  EXPECT_EQ(credit->payer_account, "DE42100100100043921105");
  const Payment* josef = FindByLine(f, 132);
  ASSERT_NE(josef, nullptr);
  EXPECT_EQ(josef->payer_name, "JOSEF JAEGER");  // "?32JOSEF?33        JAEGER"
  // A 64-character line lost its trailing blank: "mit" + "140 Stellen".
  const Payment* unstructured = FindByLine(f, 137);
  ASSERT_NE(unstructured, nullptr);
  EXPECT_TRUE(TextHas(*unstructured, "Verwendungszweck mit 140 Stellen"))
      << unstructured->remittance_text;
}

// Wirecard: UTF-8 letters in :20:, sub-fields cut mid-word across lines.
TEST(Mt94xSamples, BetterplaceBinaryCharacter) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/wolph-mt940__betterplace-with_binary_character.sta");
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(CreditTotal(f), 1421530);
  EXPECT_EQ(f.payments[0].source_ref, "32-P1-TCS49518");
  EXPECT_EQ(f.payments[0].payer_name, "PAYPAL");
  EXPECT_TRUE(TextHas(f.payments[0], "QQW53T2245ZGY46J ABBUCHUNG"));  // "ABBUCH" + "UNG"
  EXPECT_EQ(f.payments[0].payer_account, "50070010:0175526300");
  EXPECT_EQ(f.payments[3].booking_date, D(2010, 3, 19));
  EXPECT_EQ(f.payments[3].value_date, D(2010, 3, 22));
  EXPECT_TRUE(TextHas(f.payments[3], "\xC3\x9C" "berweisung"));
}

// Citi: entry date as blanks, funds code letters (DD = debit, funds D),
// zero-amount lines carrying BAI codes (no payments), /PT/FT/ free text.
TEST(Mt94xSamples, Citi) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/wolph-mt940__citi-mt940.txt");
  ASSERT_EQ(f.payments.size(), 3u);  // five :61:, two of them 0,00
  EXPECT_EQ(CreditCount(f), 0u);
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].credits, 2u);  // the zero lines count as entries
  EXPECT_EQ(f.statements[0].debits, 3u);
  EXPECT_EQ(f.payments[0].amount, M(21239, "USD"));
  EXPECT_EQ(f.payments[0].value_date, D(2024, 3, 12));
  EXPECT_EQ(f.payments[0].booking_date, Date());
  EXPECT_EQ(f.payments[0].source_ref, "");
  EXPECT_EQ(f.payments[0].remittance_text, "/PT/FT/PY/SOMETHING FOO BAR 112233 123456789");
}

// mBank: leading SOH line and trailing ETX, Polish ';' pseudo-fields kept
// as text. (PROVENANCE says Windows-1250; these copies hold only ASCII.)
TEST(Mt94xSamples, MBank) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt940/wolph-mt940__mBank-mt940.sta");
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(CreditTotal(f), 3);
  EXPECT_EQ(f.payments[0].source_ref, "MB170119012058");
  EXPECT_EQ(f.payments[0].source_line, 6u);
  EXPECT_TRUE(TextHas(f.payments[0], "Z RACH.: 56114010810000267002001001; OD: JAN NOWAK"));
  EXPECT_TRUE(TextHas(f.payments[0], "TNR: 179171073864111.010001"));
  EXPECT_EQ(f.payments[0].account, "PL29114010810000267002001002");
}

// mBank MT942: :34F: without decimal comma, :13D:, :90D:/:90C: that match.
TEST(Mt94xSamples, MBankMt942) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = Parse("mt942/wolph-mt940__mBank-mt942.sta");
  EXPECT_EQ(f.format, BankFormat::kMt942);
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(CreditTotal(f), 3);
  EXPECT_EQ(f.payments[2].source_ref, "MB170119012121");
  EXPECT_EQ(f.payments[2].format, "mt942");
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].date, D(2017, 1, 19));
  EXPECT_EQ(f.statements[0].credit_total, 3);
}

// -------------------------------------------------------------- refused ----

void ExpectRefused(std::string_view file, uint64_t line, std::string_view reason) {
  SCOPED_TRACE(file);
  Status s = Refuse(file);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.where().file, file);
  EXPECT_EQ(s.where().line, line) << s.ToString();
  EXPECT_NE(s.reason().find(reason), std::string_view::npos) << s.ToString();
}

// The third statement ends ('-}{5:}') without any closing balance: a
// truncated or hand-cut file whose movements cannot be checked.
TEST(Mt94xSamples, SnsRefusedForMissingClosingBalance) {
  CASHMATCH_REQUIRE_SAMPLES();
  ExpectRefused("mt940/OCA-bank-statement-import__test-sns.940", 78,
                "ends without a closing balance (:62F:/:62M:) (the statement starting on line 60)");
}

// Opening 0,00 + two credits 1398,79 cannot close at 0,00.
TEST(Mt94xSamples, BtrlRefusedForBalance) {
  CASHMATCH_REQUIRE_SAMPLES();
  ExpectRefused("mt940/fruitl00p-php-mt940__Btrl-sample", 14,
                "opening 0,00 + 2 credits 1398,79 - 0 debits 0,00 = 1398,79, but the closing "
                "balance is 0,00 RON");
}

// Opening 0,00 - 20000,00 debit cannot close at 0,00.
TEST(Mt94xSamples, HsbcRefusedForBalance) {
  CASHMATCH_REQUIRE_SAMPLES();
  ExpectRefused("mt940/fruitl00p-php-mt940__Hsbc-sample", 10,
                "= -20000,00, but the closing balance is 0,00 HKD");
}

// Both statements are off: entries were cut from a real file (the first
// closes at 1190,35 after only its first two lines).
TEST(Mt94xSamples, RaboSample3RefusedForBalance) {
  CASHMATCH_REQUIRE_SAMPLES();
  ExpectRefused("mt940/fruitl00p-php-mt940__Rabo-sample3", 28,
                "opening 1147,95 + 3 credits 515,06 - 1 debits 127,50 = 1535,51, but the closing "
                "balance is 1190,35 EUR");
}

// The second page: 229,20 - 79,90 + 10,10 = 159,40, not 159,60.
TEST(Mt94xSamples, PostFinanceRefusedForBalance) {
  CASHMATCH_REQUIRE_SAMPLES();
  ExpectRefused("mt940/wolph-mt940__jejik-postfinance.sta", 27,
                "= 159,40, but the closing balance is 159,60 CHF");
}

// After the statement's '-' comes a lone ':61:' with no statement around
// it: money that belongs to no balance. The statement itself reads fine.
TEST(Mt94xSamples, MultilineRefusedForEntryOutsideStatement) {
  CASHMATCH_REQUIRE_SAMPLES();
  ExpectRefused("mt940/wolph-mt940__multiline.sta", 38,
                "':61:' outside a statement: a message starts with ':20:' (the one before ended "
                "on line 37)");
  std::string bytes = ReadSample("mt940/wolph-mt940__multiline.sta");
  bytes.resize(bytes.find(":61:2212191220"));
  BankFile f = testing::ReadBankOk(bytes, "multiline.sta");
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.account, "\"NUMERO DE COMPTE IBAN 2\"");  // BIC prefix dropped
  EXPECT_EQ(p.source_ref, "MUL0408041114005");
  // ?32 fills its 27 characters, so ?33 continues it without a blank.
  EXPECT_EQ(p.payer_name, "NOM DU DO / BENEFICIAIRE 11NOM DU DO / BENEFICIAIRE 22");
  EXPECT_TRUE(TextHas(p, "LIGNE111111111111111111111X12345678LIGNE222222222222222222222X12345678"));
  EXPECT_TRUE(TextHas(p, "/CHGS/EUR0,5/"));
  EXPECT_FALSE(TextHas(p, "FREE TEXT"));  // statement-level :86: after :64:
}

// DEM left ISO 4217 with the euro (2002); besides, its closing balances
// carry no currency at all ("C020315105000,00").
TEST(Mt94xSamples, RaphaelmRefusedForDeutscheMark) {
  CASHMATCH_REQUIRE_SAMPLES();
  ExpectRefused("mt940/wolph-mt940__raphaelm.sta", 13,
                ":60F: currency 'DEM' is not an active ISO 4217 currency code");
}

// :90D: claims one debit of 2,30; the one :61: debit is 0,42.
TEST(Mt94xSamples, SelfProvidedMt942RefusedForTotals) {
  CASHMATCH_REQUIRE_SAMPLES();
  ExpectRefused("mt942/wolph-mt940__self-provided-mt942.sta", 11,
                ":90D: says 1 debit entries totalling 2,30, but the report has 1 totalling 0,42 EUR");
}

// ------------------------------------------------------------- the walk ----

// Every file in the two folders is either in kParsed or in kRefused, and
// behaves so: a new sample fails here until someone decides about it.
TEST(Mt94xSamples, EveryFileIsDecided) {
  CASHMATCH_REQUIRE_SAMPLES();
  const std::set<std::string> kParsed = {
      "mt940/OCA-bank-statement-import__mollie-Voorbeeld_MT-940.mt940",
      "mt940/OCA-bank-statement-import__test-ing.940",
      "mt940/OCA-bank-statement-import__test-rabo.swi",
      "mt940/fruitl00p-php-mt940__Abn-issue48",
      "mt940/fruitl00p-php-mt940__Bunq-sample",
      "mt940/fruitl00p-php-mt940__Kontist-sample",
      "mt940/fruitl00p-php-mt940__Spk-sample",
      "mt940/fruitl00p-php-mt940__Triodos-sample",
      "mt940/wolph-mt940__ASNB-mt940.txt",
      "mt940/wolph-mt940__betterplace-sepa_mt9401.sta",
      "mt940/wolph-mt940__betterplace-with_binary_character.sta",
      "mt940/wolph-mt940__citi-mt940.txt",
      "mt940/wolph-mt940__mBank-mt940.sta",
      "mt942/wolph-mt940__mBank-mt942.sta",
  };
  const std::set<std::string> kRefused = {
      "mt940/OCA-bank-statement-import__test-sns.940",
      "mt940/fruitl00p-php-mt940__Btrl-sample",
      "mt940/fruitl00p-php-mt940__Hsbc-sample",
      "mt940/fruitl00p-php-mt940__Rabo-sample3",
      "mt940/wolph-mt940__jejik-postfinance.sta",
      "mt940/wolph-mt940__multiline.sta",
      "mt940/wolph-mt940__raphaelm.sta",
      "mt942/wolph-mt940__self-provided-mt942.sta",
  };
  size_t seen = 0;
  for (const char* folder : {"mt940", "mt942"}) {
    for (const auto& entry : std::filesystem::directory_iterator(*testing::SamplesDir() / folder)) {
      const std::string name = entry.path().filename().string();
      if (name == "PROVENANCE.md") continue;
      const std::string relative = std::string(folder) + "/" + name;
      SCOPED_TRACE(relative);
      ++seen;
      const std::string bytes = ReadSample(relative);
      Result<BankFile> r = ReadBankFile(bytes, relative);
      if (kParsed.count(relative)) {
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        if (r.ok()) {
          EXPECT_FALSE(r->payments.empty());
        }
      } else if (kRefused.count(relative)) {
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
        EXPECT_GT(r.status().where().line, 0u);
      } else {
        ADD_FAILURE() << "undecided sample: add it to kParsed (with a test of its figures) or "
                         "kRefused (with the reason)";
      }
    }
  }
  EXPECT_EQ(seen, kParsed.size() + kRefused.size());
}

}  // namespace
}  // namespace cashmatch
