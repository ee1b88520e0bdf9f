// The real camt samples in ../shared/samples/camt05{2,3,4}: what each one
// parses to, or why it is refused. See PROVENANCE.md there for where each
// file comes from, and docs/formats/camt.md for the decisions.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "bank_test_util.h"
#include "camt_test_util.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

using testing::CreditCount;
using testing::CreditTotal;
using testing::D;
using testing::ExpectWellFormed;
using testing::M;
using testing::ReadSample;

BankFile ReadOk(std::string_view relative) {
  std::string bytes = ReadSample(relative);
  BankFile f = testing::ReadBankOk(bytes, relative);
  ExpectWellFormed(f, relative);
  return f;
}

Status ReadRefused(std::string_view relative) {
  return testing::ReadBankError(ReadSample(relative), relative);
}

void ExpectRefusal(const Status& st, std::string_view reason_part, uint64_t line,
                   std::string_view path) {
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput) << st.ToString();
  EXPECT_NE(st.reason().find(reason_part), std::string_view::npos) << st.ToString();
  EXPECT_EQ(st.where().line, line) << st.ToString();
  EXPECT_EQ(st.where().field, path) << st.ToString();
}

// --- camt.052 ---

TEST(CamtSamples, Camt052BalanceOnlyReport) {
  CASHMATCH_REQUIRE_SAMPLES();
  // Real Lithuanian EMI intraday report, minified on one line: balances only
  // (OPAV, proprietary per-counterparty balances, INFO). None is a booked
  // opening or closing balance, so nothing is checked and nothing is paid.
  BankFile f = ReadOk("camt052/Subite-eu-camt-to-coda__LT8098-CAMT_052-2024-09-24.xml");
  EXPECT_EQ(f.format, BankFormat::kCamt052);
  EXPECT_TRUE(f.payments.empty());
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].account, "LT809872649478701594");
  EXPECT_EQ(f.statements[0].currency, testing::Cur("EUR"));
  EXPECT_EQ(f.statements[0].date, D(2024, 9, 24));
  EXPECT_FALSE(f.statements[0].opening.has_value());
  EXPECT_FALSE(f.statements[0].closing.has_value());
}

TEST(CamtSamples, Camt052V2BatchWithOneDescriptiveTxDtls) {
  CASHMATCH_REQUIRE_SAMPLES();
  // Btch NbOfTxs 20 and one TxDtls without an amount: one payment of the
  // entry amount standing for 20 transactions, described by that TxDtls.
  BankFile f = ReadOk("camt052/genkgo-camt__camt052.v2.xml");
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.direction, Direction::kDebit);
  EXPECT_EQ(p.amount, M(20000000, "SEK"));
  EXPECT_EQ(p.batch_count, 20u);
  EXPECT_EQ(p.source_ref, "AAAASESS-FP-ACCR-01");
  EXPECT_EQ(p.bank_entry_ref, "AAAASESS-FP-ACCR-01");
  EXPECT_EQ(p.payer_name, "NAME NAME");
  EXPECT_EQ(p.payer_account, "NL56AGDH9619008421");
  EXPECT_EQ(p.transaction_code, "XXXX+000+0000+000");  // the TxDtls' own BkTxCd
  EXPECT_EQ(p.remittance_text, "Credit");              // AddtlNtryInf: no RmtInf
  EXPECT_EQ(p.booking_date, D(2007, 10, 18));          // from BookgDt/DtTm
  EXPECT_EQ(p.value_date, D(2007, 10, 18));
  EXPECT_EQ(p.source_line, 88u);
  EXPECT_EQ(p.account, "CH2801234000123456789");
  EXPECT_EQ(p.format, "camt052");
}

TEST(CamtSamples, Camt052V8BatchWithoutDetails) {
  CASHMATCH_REQUIRE_SAMPLES();
  // v8 status as Sts/Cd; a Btch of 20 with no TxDtls: one payment, batch_count 20.
  BankFile f = ReadOk("camt052/genkgo-camt__camt052.v8.xml");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].batch_count, 20u);
  EXPECT_EQ(f.payments[0].transaction_code, "PMNT/ICDT/XBCT");
  EXPECT_EQ(f.payments[0].amount, M(20000000, "SEK"));
  EXPECT_TRUE(f.payments[0].payer_name.empty());
  EXPECT_EQ(f.payments[0].source_line, 58u);  // the Ntry: there is no TxDtls
}

// --- camt.053 ---

TEST(CamtSamples, Camt053RealMonthlyStatement) {
  CASHMATCH_REQUIRE_SAMPLES();
  // 268 entries, one TxDtls each; OPBD 59370.37 + 180000.00 - 151831.25 = CLBD 87539.12.
  BankFile f = ReadOk("camt053/Subite-eu-camt-to-coda__Other-BE68793230773034-202411.xml");
  ASSERT_EQ(f.payments.size(), 268u);
  EXPECT_EQ(CreditCount(f), 4u);
  EXPECT_EQ(CreditTotal(f), 18000000);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.direction, Direction::kCredit);
  EXPECT_EQ(p.amount, M(5000000, "EUR"));
  EXPECT_EQ(p.source_ref, "E2ESEKOZLQO41354223");  // no AcctSvcrRef: the EndToEndId
  EXPECT_EQ(p.trace_number, "E2ESEKOZLQO41354223");
  EXPECT_EQ(p.payer_name, "Stellar Ltd");
  EXPECT_EQ(p.payer_account, "BE91516952884376");
  EXPECT_EQ(p.remittance_text, "Transfer ref HBAVHC9717");
  EXPECT_EQ(p.value_date, D(2024, 11, 29));  // no ValDt: the booking date
  EXPECT_EQ(p.transaction_code, "PMNT/RCDT/ESCT");
  EXPECT_EQ(p.account, "BE68793230773034");
  ASSERT_EQ(f.statements.size(), 1u);
  const StatementSummary& s = f.statements[0];
  EXPECT_EQ(s.opening, M(5937037, "EUR"));
  EXPECT_EQ(s.closing, M(8753912, "EUR"));
  EXPECT_EQ(s.credits, 4u);
  EXPECT_EQ(s.debits, 264u);
  EXPECT_EQ(s.credit_total, 18000000);
  EXPECT_EQ(s.debit_total, 15183125);
  EXPECT_EQ(s.date, D(2024, 11, 30));
}

TEST(CamtSamples, Camt053RealLargeValueStatement) {
  CASHMATCH_REQUIRE_SAMPLES();
  // Ustrd 'NOTPROVIDED' is a placeholder, not remittance.
  BankFile f = ReadOk("camt053/Subite-eu-camt-to-coda__Other-account_statement.xml");
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(CreditCount(f), 1u);
  EXPECT_EQ(CreditTotal(f), 78990440);
  const Payment& credit = f.payments[2];
  EXPECT_EQ(credit.payer_name, "Theta Solutions");
  EXPECT_EQ(credit.source_ref, "E2EAIQSQMYP21018099");
  EXPECT_EQ(credit.remittance_text, "");
  EXPECT_EQ(f.payments[1].amount, M(99, "EUR"));
  EXPECT_EQ(f.payments[1].direction, Direction::kDebit);
}

TEST(CamtSamples, Camt053MultiStatement) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadOk("camt053/genkgo-camt__camt053.v2.multi.statement.xml");
  ASSERT_EQ(f.payments.size(), 2u);
  ASSERT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(f.payments[0].source_ref, "000000001");
  EXPECT_EQ(f.payments[0].remittance_text, "Transaction Description 1");
  EXPECT_EQ(f.payments[0].amount, M(885, "EUR"));
  EXPECT_EQ(f.payments[1].direction, Direction::kDebit);
  EXPECT_EQ(f.payments[1].amount, M(700, "EUR"));
  EXPECT_EQ(f.statements[1].opening, M(2700, "EUR"));
  EXPECT_EQ(f.statements[1].closing, M(2000, "EUR"));
}

TEST(CamtSamples, Camt053WithoutEntries) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadOk("camt053/OCA-bank-statement-import__test-camt053-no-ntry.xml");
  EXPECT_TRUE(f.payments.empty());
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].opening, M(152076, "CHF"));
  EXPECT_EQ(f.statements[0].closing, M(152076, "CHF"));
  EXPECT_EQ(f.statements[0].account, "NL77ABNA0574908765");
}

TEST(CamtSamples, Camt053SalaryDebitWithOpeningBalanceOnly) {
  CASHMATCH_REQUIRE_SAMPLES();
  // No CLBD: no balance check. Ustrd wins over AddtlTxInf.
  BankFile f = ReadOk("camt053/OCA-bank-statement-import__sftp-camt053.xml");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].direction, Direction::kDebit);
  EXPECT_EQ(f.payments[0].amount, M(120000, "EUR"));
  EXPECT_EQ(f.payments[0].source_ref, "1234567890-NEWBNL2X");
  EXPECT_EQ(f.payments[0].remittance_text, "Salary payment for March");
  EXPECT_EQ(f.payments[0].transaction_code, "PMNT/DBIT/SALR");
}

TEST(CamtSamples, Camt053AbnAmroRefusedOnItsBalance) {
  CASHMATCH_REQUIRE_SAMPLES();
  // The test fixture's closing balance does not follow from its entries.
  ExpectRefusal(ReadRefused("camt053/OCA-bank-statement-import__test-camt053.xml"),
                "15568.27 + booked credits 1405.31 - booked debits 1418.30 = 15555.28 EUR, but "
                "the closing booked balance (CLBD) is 15121.12",
                38, "Document/BkToCstmrStmt/Stmt[1]/Bal[2]");
}

TEST(CamtSamples, Camt053AbnAmroContentWhenItsBalanceAddsUp) {
  CASHMATCH_REQUIRE_SAMPLES();
  // The same file with the closing balance its entries give: what the
  // entries themselves hold (a reversed direct-debit batch, an SCT credit
  // whose only text is AddtlTxInf).
  std::string bytes = ReadSample("camt053/OCA-bank-statement-import__test-camt053.xml");
  size_t at = bytes.find("15121.12");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 8, "15555.28");
  BankFile f = testing::ReadBankOk(bytes, "abn.xml");
  ExpectWellFormed(f, "abn.xml");
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(f.payments[0].source_ref, "435005714488-ABNO33052620");
  EXPECT_EQ(f.payments[0].remittance_text, "Insurance policy 857239PERIOD 01.01.2014 - 31.12.2014");
  const Payment& r = f.payments[1];  // the batch splits into its TxDtls
  EXPECT_EQ(r.amount, M(56405, "EUR"));
  EXPECT_TRUE(r.is_return);
  EXPECT_EQ(r.return_reason, "AC06");
  EXPECT_EQ(r.original_ref, "TESTBANK/NL/20141229/01206408");
  EXPECT_EQ(r.transaction_code, "PMNT/IDDT/UPDD");
  EXPECT_EQ(f.payments[2].amount, M(10000, "EUR"));
  const Payment& credit = f.payments[3];
  EXPECT_EQ(credit.direction, Direction::kCredit);
  EXPECT_EQ(credit.amount, M(140531, "EUR"));
  EXPECT_EQ(credit.payer_name, "3rd party Media");
  EXPECT_EQ(credit.payer_account, "NL69ABNA0522123643");
  EXPECT_EQ(credit.source_ref, "115");
  EXPECT_EQ(credit.remittance_text, "#RD PARTY MEDIA CUSNO 90782 4210773");
}

TEST(CamtSamples, Camt053BookingDateTimeRefusedOnItsBalance) {
  CASHMATCH_REQUIRE_SAMPLES();
  ExpectRefusal(ReadRefused("camt053/OCA-bank-statement-import__test-camt053-bookgdt-dttm.xml"),
                "= 14814.02 EUR, but the closing booked balance (CLBD) is 15121.12", 38,
                "Document/BkToCstmrStmt/Stmt[1]/Bal[2]");
  // With a closing balance that adds up: BookgDt/DtTm is read as the day written.
  std::string bytes =
      ReadSample("camt053/OCA-bank-statement-import__test-camt053-bookgdt-dttm.xml");
  bytes.replace(bytes.find("15121.12"), 8, "14814.02");
  BankFile f = testing::ReadBankOk(bytes, "dttm.xml");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].booking_date, D(2014, 1, 4));
  EXPECT_EQ(f.payments[0].value_date, D(2014, 1, 5));
}

TEST(CamtSamples, Camt053FiveDecimalsRefusedOnItsBalance) {
  CASHMATCH_REQUIRE_SAMPLES();
  // Three decimals with a trailing zero are exact and accepted ("18.150" EUR
  // is 1815 cents); the file is refused because 18.150 + 8.850 is not 27.050.
  ExpectRefusal(ReadRefused("camt053/genkgo-camt__camt053.v2.five.decimals.xml"),
                "18.15 + booked credits 8.85 - booked debits 0.00 = 27.00 EUR, but the closing "
                "booked balance (CLBD) is 27.05",
                49, "Document/BkToCstmrStmt/Stmt[1]/Bal[2]");
  std::string bytes = ReadSample("camt053/genkgo-camt__camt053.v2.five.decimals.xml");
  bytes.replace(bytes.find("27.050"), 6, "27.000");
  BankFile f = testing::ReadBankOk(bytes, "five.xml");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].amount, M(885, "EUR"));
  EXPECT_EQ(f.statements[0].opening, M(1815, "EUR"));
}

TEST(CamtSamples, Camt053AllBalanceTypesRefusedOnItsBalance) {
  CASHMATCH_REQUIRE_SAMPLES();
  // Every balance type listed; OPBD 1.01 + 8.85 is not CLBD 4.04.
  ExpectRefusal(ReadRefused("camt053/genkgo-camt__camt053.v2.all-balance-types.xml"),
                "1.01 + booked credits 8.85 - booked debits 0.00 = 9.86 EUR, but the closing "
                "booked balance (CLBD) is 4.04",
                68, "Document/BkToCstmrStmt/Stmt[1]/Bal[4]");
}

TEST(CamtSamples, Camt053ClosingBalanceInAnotherCurrencyIsRefused) {
  CASHMATCH_REQUIRE_SAMPLES();
  // These fixtures give an EUR account (Acct/Ccy) a closing balance in SEK:
  // the statement contradicts itself and no balance can be checked.
  for (std::string_view file : {"camt053/genkgo-camt__camt053.v2.minimal.xml",
                                "camt053/genkgo-camt__camt053.v2.with-party-ids.xml"}) {
    SCOPED_TRACE(file);
    ExpectRefusal(ReadRefused(file),
                  "the closing booked balance (CLBD) is in SEK, but the "
                  "account's currency (Acct/Ccy) is EUR",
                  60, "Document/BkToCstmrStmt/Stmt[1]/Bal[2]/Amt");
  }
  ExpectRefusal(ReadRefused("camt053/genkgo-camt__camt053.v3.xml"), "is in SEK, but the account's",
                80, "Document/BkToCstmrStmt/Stmt[1]/Bal[2]/Amt");
}

TEST(CamtSamples, Camt053V4TransactionInAnotherCurrencyIsRefused) {
  CASHMATCH_REQUIRE_SAMPLES();
  // No Acct/Ccy, so the mixed balances pass unchecked; but the EUR entry's
  // only TxDtls is SEK 0, which cannot be a part of it.
  ExpectRefusal(ReadRefused("camt053/genkgo-camt__camt053.v4.xml"),
                "the transaction amount is in SEK, but its entry is in EUR", 138,
                "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/Amt");
}

TEST(CamtSamples, Camt053ZipIsRefusedAsZip) {
  CASHMATCH_REQUIRE_SAMPLES();
  Status st = ReadRefused("camt053/OCA-bank-statement-import__test-camt053.zip");
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_NE(st.reason().find("ZIP"), std::string_view::npos) << st.ToString();
  // Forced to camt, the parser says the same rather than "malformed XML".
  st = testing::ReadBankError(ReadSample("camt053/OCA-bank-statement-import__test-camt053.zip"),
                              "z.zip", testing::Forced(BankFormat::kCamt053));
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_NE(st.reason().find("ZIP"), std::string_view::npos) << st.ToString();
}

// --- camt.054 ---

TEST(CamtSamples, Camt054CreditWithQrReference) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadOk("camt054/OCA-bank-statement-import__test-camt054.xml");
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.amount, M(500, "EUR"));
  EXPECT_EQ(p.source_ref, "15180015077602405");  // TxDtls/Refs/AcctSvcrRef first
  EXPECT_EQ(p.trace_number, "ENDTOENDID-01");
  EXPECT_EQ(p.bank_entry_ref, "98888208N8");
  EXPECT_EQ(p.payer_name, "Test Customer");
  EXPECT_EQ(p.payer_account, "NL46ABNA0499998748");
  EXPECT_EQ(p.transaction_code, "PMNT/RCDT/ATXN");
  ASSERT_EQ(p.remittance.size(), 1u);
  EXPECT_EQ(p.remittance[0].reference, "000000000000000000000000003");
  EXPECT_EQ(p.remittance_text, "");  // structured remittance: AddtlNtryInf is not used
  EXPECT_EQ(p.source_line, 57u);
}

TEST(CamtSamples, Camt054TxDtlsWithoutAmountsStayOnePayment) {
  CASHMATCH_REQUIRE_SAMPLES();
  // Three TxDtls, none with an amount: the entry cannot be divided, so it is
  // one payment holding all their references.
  BankFile f = ReadOk("camt054/genkgo-camt__camt054.v2.xml");
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.amount, M(20000000, "SEK"));
  EXPECT_EQ(p.batch_count, 3u);
  EXPECT_EQ(p.source_ref, "AAAASESS-FP-ACCR001");
  EXPECT_EQ(p.payer_name, "MUELLER");
  ASSERT_EQ(p.remittance.size(), 4u);
  EXPECT_EQ(p.remittance[0].reference, "ISR ref number V1");
  EXPECT_EQ(p.remittance[3].reference, "Ref number V3 block 2");
  EXPECT_NE(p.remittance_text.find("Unstructured Remittance Information V3 block 1 Unstructured "
                                   "Remittance Information V3 block 2"),
            std::string::npos)
      << p.remittance_text;
  EXPECT_NE(p.remittance_text.find("Additional Remittance Information V2"), std::string::npos);
}

TEST(CamtSamples, Camt054SwissBatchRefusedOnCurrencies) {
  CASHMATCH_REQUIRE_SAMPLES();
  // A SEK entry whose batch total and TxDtls are CHF (and 3 TxDtls for
  // NbOfTxs 2): nothing of it adds up.
  ExpectRefusal(ReadRefused("camt054/genkgo-camt__camt054.v4.xml"),
                "the batch total is in CHF, but its entry is in SEK", 91,
                "Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[1]/NtryDtls[1]/Btch/TtlAmt");
  ExpectRefusal(ReadRefused("camt054/genkgo-camt__camt054.v8.xml"),
                "the batch total is in CHF, but its entry is in SEK", 93,
                "Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[1]/NtryDtls[1]/Btch/TtlAmt");
}

TEST(CamtSamples, Camt054EntryWithoutDatesTakesTheNotificationDate) {
  CASHMATCH_REQUIRE_SAMPLES();
  // BookgDt and ValDt are optional in the schema; the notification's
  // CreDtTm stands in. The creditor is a financial institution (Agt).
  BankFile f = ReadOk("camt054/genkgo-camt__camt054.v8-with-financial-institution.xml");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].value_date, D(2007, 10, 18));
  EXPECT_EQ(f.payments[0].booking_date, Date());
  EXPECT_EQ(f.payments[0].source_ref, "ACSR160617103200001");
  EXPECT_EQ(f.payments[0].transaction_code, "");
}

// Every file in the camt folders is either read or refused on purpose: a
// new sample cannot slip in untested.
TEST(CamtSamples, EveryFileIsAccountedFor) {
  CASHMATCH_REQUIRE_SAMPLES();
  const std::map<std::string, size_t> parses = {
      {"camt052/Subite-eu-camt-to-coda__LT8098-CAMT_052-2024-09-24.xml", 0},
      {"camt052/genkgo-camt__camt052.v2.xml", 1},
      {"camt052/genkgo-camt__camt052.v8.xml", 1},
      {"camt053/OCA-bank-statement-import__sftp-camt053.xml", 1},
      {"camt053/OCA-bank-statement-import__test-camt053-no-ntry.xml", 0},
      {"camt053/Subite-eu-camt-to-coda__Other-BE68793230773034-202411.xml", 268},
      {"camt053/Subite-eu-camt-to-coda__Other-account_statement.xml", 3},
      {"camt053/genkgo-camt__camt053.v2.multi.statement.xml", 2},
      {"camt054/OCA-bank-statement-import__test-camt054.xml", 1},
      {"camt054/genkgo-camt__camt054.v2.xml", 1},
      {"camt054/genkgo-camt__camt054.v8-with-financial-institution.xml", 1},
  };
  // file -> what the refusal must say
  const std::map<std::string, std::string> refused = {
      {"camt053/OCA-bank-statement-import__test-camt053-bookgdt-dttm.xml",
       "balances do not add up"},
      {"camt053/OCA-bank-statement-import__test-camt053.xml", "balances do not add up"},
      {"camt053/OCA-bank-statement-import__test-camt053.zip", "ZIP"},
      {"camt053/genkgo-camt__camt053.v2.all-balance-types.xml", "balances do not add up"},
      {"camt053/genkgo-camt__camt053.v2.five.decimals.xml", "balances do not add up"},
      {"camt053/genkgo-camt__camt053.v2.minimal.xml", "is in SEK"},
      {"camt053/genkgo-camt__camt053.v2.with-party-ids.xml", "is in SEK"},
      {"camt053/genkgo-camt__camt053.v3.xml", "is in SEK"},
      {"camt053/genkgo-camt__camt053.v4.xml", "is in SEK"},
      {"camt054/genkgo-camt__camt054.v4.xml", "is in CHF"},
      {"camt054/genkgo-camt__camt054.v8.xml", "is in CHF"},
  };
  size_t seen = 0;
  for (std::string_view dir : {"camt052", "camt053", "camt054"}) {
    for (const auto& entry : std::filesystem::directory_iterator(*testing::SamplesDir() / dir)) {
      const std::string rel = std::string(dir) + "/" + entry.path().filename().string();
      SCOPED_TRACE(rel);
      ++seen;
      std::string bytes = ReadSample(rel);
      Result<BankFile> r = ReadBankFile(bytes, rel);
      if (auto it = parses.find(rel); it != parses.end()) {
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        EXPECT_EQ(r->payments.size(), it->second);
        ExpectWellFormed(*r, rel);
      } else if (auto it2 = refused.find(rel); it2 != refused.end()) {
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.status().reason().find(it2->second), std::string_view::npos)
            << r.status().ToString();
      } else {
        ADD_FAILURE() << "sample " << rel << " is in neither list: decide what it must give";
      }
    }
  }
  EXPECT_EQ(seen, parses.size() + refused.size());
}

}  // namespace
}  // namespace cashmatch
