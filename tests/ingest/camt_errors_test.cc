// Every way a camt file is refused: the code, the reason an operator reads,
// the line and the element path.
#include <gtest/gtest.h>

#include <string>

#include "bank_test_util.h"
#include "camt_test_util.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

using testing::Bal;
using testing::CamtDoc;
using testing::ExpectRefused;
using testing::LineOf;
using testing::Ntry;
using testing::Tx;

std::string WithAmount(std::string_view amount, std::string_view ccy = "EUR") {
  return CamtDoc(Ntry(amount, "CRDT", "", "", ccy));
}

TEST(CamtErrors, BadAmounts) {
  const char* path = "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt";
  std::string doc = WithAmount("12,50");
  ExpectRefused(doc, "entry amount '12,50' is not a decimal number", LineOf(doc, "<Amt"), path);
  ExpectRefused(WithAmount("x12"), "'x12' is not a decimal number", 0, path);
  ExpectRefused(WithAmount(""), "entry amount is empty", 0, path);
  ExpectRefused(WithAmount("."), "'.' is not a decimal number", 0, path);
  ExpectRefused(WithAmount("1e3"), "'1e3' is not a decimal number", 0, path);
  ExpectRefused(WithAmount("1 000.00"), "'1 000.00' is not a decimal number", 0, path);
  ExpectRefused(WithAmount("-5.00"), "'-5.00' is negative", 0, path);
  ExpectRefused(WithAmount("1.234"), "'1.234' has more decimals than EUR allows", 0, path);
  ExpectRefused(WithAmount("18.1501"), "'18.1501' has more decimals than EUR allows", 0, path);
  ExpectRefused(WithAmount("5.5", "JPY"), "more decimals than JPY allows", 0, path);
  ExpectRefused(WithAmount("92233720368547758.08"), "'92233720368547758.08' is too large", 0, path);
  ExpectRefused(WithAmount("99999999999999999999"), "is too large", 0, path);
}

TEST(CamtErrors, BadCurrencies) {
  std::string doc = WithAmount("1.00", "XYZ");
  ExpectRefused(doc, "currency 'XYZ' is not an ISO 4217 code", LineOf(doc, "<Amt"), "Ntry[1]/Amt");
  std::string no_ccy = CamtDoc(Ntry("1.00", "CRDT", ""));
  no_ccy.replace(no_ccy.find(" Ccy=\"EUR\""), 10, "");
  ExpectRefused(no_ccy, "entry amount has no Ccy attribute", 0, "Ntry[1]/Amt");
  // The account is EUR: an entry in USD contradicts it.
  ExpectRefused(WithAmount("1.00", "USD"),
                "the entry amount is in USD, but the account's currency "
                "(Acct/Ccy) is EUR",
                0, "Ntry[1]/Amt");
  ExpectRefused(CamtDoc(Bal("OPBD", "1.00", "CRDT", "USD")),
                "opening booked balance (OPBD) is in "
                "USD, but the account's currency",
                0, "Bal[1]/Amt");
  ExpectRefused(CamtDoc("", 53, 8, "EURO"), "account currency 'EURO' is not an ISO 4217 code", 0,
                "Acct/Ccy");
  ExpectRefused(CamtDoc(Ntry("10.00", "CRDT", Tx("<Amt Ccy=\"USD\">10.00</Amt>\n"))),
                "the transaction amount is in USD, but its entry is in EUR", 0, "TxDtls[1]/Amt");
}

TEST(CamtErrors, MissingOrBadEntryFields) {
  std::string no_amount = CamtDoc("<Ntry>\n<CdtDbtInd>CRDT</CdtDbtInd>\n</Ntry>\n");
  ExpectRefused(no_amount, "the entry has no Amt", LineOf(no_amount, "<Ntry>"), "Stmt[1]/Ntry[1]");
  std::string no_sign = CamtDoc("<Ntry>\n<Amt Ccy=\"EUR\">1.00</Amt>\n</Ntry>\n");
  ExpectRefused(no_sign, "the entry has no CdtDbtInd (CRDT or DBIT)", LineOf(no_sign, "<Ntry>"),
                "Ntry[1]");
  std::string bad_sign = CamtDoc(Ntry("1.00", "CREDIT", ""));
  ExpectRefused(bad_sign, "CdtDbtInd 'CREDIT' is neither CRDT nor DBIT",
                LineOf(bad_sign, "<CdtDbtInd>"), "Ntry[1]/CdtDbtInd");
  ExpectRefused(CamtDoc(Ntry("1.00", "CRDT", "", "", "EUR", "<RvslInd>yes</RvslInd>\n")),
                "RvslInd 'yes' is not true or false", 0, "Ntry[1]/RvslInd");
  ExpectRefused(
      CamtDoc(Ntry("1.00", "CRDT", "", "", "EUR", "<Sts>\n<Prtry>XBOOKED</Prtry>\n</Sts>\n")),
      "entry status 'XBOOKED' is not BOOK, PDNG, INFO or FUTR", 0, "Ntry[1]/Sts");
  ExpectRefused(CamtDoc(Ntry("1.00", "CRDT", Tx("<CdtDbtInd>IN</CdtDbtInd>\n"))),
                "CdtDbtInd 'IN' is neither CRDT nor DBIT", 0, "TxDtls[1]/CdtDbtInd");
}

TEST(CamtErrors, BadDates) {
  auto entry = [](std::string_view dates) {
    return CamtDoc("<Ntry>\n<Amt Ccy=\"EUR\">1.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n" +
                   std::string(dates) + "</Ntry>\n");
  };
  std::string doc = entry("<ValDt>\n<Dt>2026-02-30</Dt>\n</ValDt>\n");
  ExpectRefused(doc, "'2026-02-30' is not a date (YYYY-MM-DD)", LineOf(doc, "<Dt>2026-02-30"),
                "Ntry[1]/ValDt/Dt");
  ExpectRefused(entry("<ValDt>\n<Dt>20261120</Dt>\n</ValDt>\n"), "'20261120' is not a date", 0,
                "ValDt/Dt");
  ExpectRefused(entry("<BookgDt>\n<DtTm>2026-11-20 10:00</DtTm>\n</BookgDt>\n"),
                "'2026-11-20 10:00' is not a date-time", 0, "BookgDt/DtTm");
  ExpectRefused(entry("<BookgDt>\n<DtTm>2026-11-20T25:00:00</DtTm>\n</BookgDt>\n"),
                "is not a date-time", 0, "BookgDt/DtTm");
  ExpectRefused(entry("<BookgDt>\n</BookgDt>\n"), "<BookgDt> has neither Dt nor DtTm", 0,
                "Ntry[1]/BookgDt");
  ExpectRefused(
      CamtDoc("<Bal>\n<Tp>\n<CdOrPrtry>\n<Cd>OPBD</Cd>\n</CdOrPrtry>\n</Tp>\n<Amt Ccy=\"EUR\">"
              "1.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n<Dt>\n<Dt>2026-13-01</Dt>\n</Dt>\n"
              "</Bal>\n"),
      "balance date '2026-13-01' is not a date", 0, "Bal[1]/Dt/Dt");
  // No date anywhere: neither the entry, the statement nor the message.
  std::string dateless = entry("");
  dateless.erase(dateless.find("<CreDtTm>2026-11-20T10:00:00</CreDtTm>\n"), 39);
  dateless.erase(dateless.find("<CreDtTm>2026-11-19T18:00:00</CreDtTm>\n"), 39);
  ExpectRefused(dateless, "the entry has neither ValDt nor BookgDt", LineOf(dateless, "<Ntry>"),
                "Ntry[1]");
}

TEST(CamtErrors, BalancesThatDoNotAddUp) {
  std::string doc = CamtDoc(Bal("OPBD", "100.00") + Bal("CLBD", "150.00") +
                            Ntry("60.00", "CRDT", "") + Ntry("5.00", "DBIT", ""));
  ExpectRefused(doc,
                "balances do not add up: opening booked balance (OPBD) 100.00 + booked credits "
                "60.00 - booked debits 5.00 = 155.00 EUR, but the closing booked balance (CLBD) "
                "is 150.00",
                LineOf(doc, "<Bal>", 2), "Document/BkToCstmrStmt/Stmt[1]/Bal[2]");
  ExpectRefused(CamtDoc(Bal("OPBD", "1.00", "OWED")), "balance CdtDbtInd 'OWED' is neither", 0,
                "Bal[1]/CdtDbtInd");
  ExpectRefused(CamtDoc(Bal("OPBD", "1,00")), "balance amount '1,00' is not a decimal number", 0,
                "Bal[1]/Amt");
  ExpectRefused(CamtDoc("<Bal>\n<Tp>\n<CdOrPrtry>\n<Cd>OPBD</Cd>\n</CdOrPrtry>\n</Tp>\n</Bal>\n"),
                "balance has no Amt", 0, "Bal[1]");
}

TEST(CamtErrors, TransactionsThatDoNotMakeUpTheirEntry) {
  std::string doc =
      CamtDoc(Ntry("30.00", "CRDT",
                   Tx("<Amt Ccy=\"EUR\">10.00</Amt>\n") + Tx("<Amt Ccy=\"EUR\">19.99</Amt>\n")));
  ExpectRefused(doc,
                "the entry amount is 30.00 CRDT EUR, but its 2 TxDtls amounts net to 29.99 CRDT",
                LineOf(doc, "<Amt Ccy=\"EUR\">30.00"), "Ntry[1]/Amt");
  // Some with an amount, some without.
  std::string mixed = CamtDoc(Ntry("30.00", "CRDT", Tx("<Amt Ccy=\"EUR\">10.00</Amt>\n") + Tx("")));
  ExpectRefused(mixed, "this transaction has no amount (Amt or AmtDtls/TxAmt) while others",
                LineOf(mixed, "<TxDtls>", 2), "NtryDtls[1]/TxDtls[2]");
  // A batch whose count or total disagrees with its transactions.
  std::string count = CamtDoc(Ntry("30.00", "CRDT",
                                   "<Btch>\n<NbOfTxs>3</NbOfTxs>\n</Btch>\n" +
                                       Tx("<Amt Ccy=\"EUR\">10.00</Amt>\n") +
                                       Tx("<Amt Ccy=\"EUR\">20.00</Amt>\n")));
  ExpectRefused(count, "the batch says NbOfTxs 3, but 2 TxDtls follow it", LineOf(count, "<Btch>"),
                "NtryDtls[1]/Btch");
  ExpectRefused(CamtDoc(Ntry("30.00", "CRDT",
                             "<Btch>\n<TtlAmt Ccy=\"EUR\">31.00</TtlAmt>\n</Btch>\n" +
                                 Tx("<Amt Ccy=\"EUR\">10.00</Amt>\n") +
                                 Tx("<Amt Ccy=\"EUR\">20.00</Amt>\n"))),
                "the batch total is 31.00 CRDT, but its TxDtls amounts net to 30.00 CRDT", 0,
                "Btch/TtlAmt");
  ExpectRefused(CamtDoc(Ntry("30.00", "CRDT",
                             "<Btch>\n<NbOfTxs>4</NbOfTxs>\n<TtlAmt Ccy=\"EUR\">"
                             "40.00</TtlAmt>\n</Btch>\n")),
                "the entry amount is 30.00 CRDT EUR, but its batch total (TtlAmt) is 40.00 CRDT", 0,
                "Btch/TtlAmt");
  ExpectRefused(CamtDoc(Ntry("30.00", "CRDT", "<Btch>\n<NbOfTxs>many</NbOfTxs>\n</Btch>\n")),
                "NbOfTxs 'many' is not a count", 0, "Btch/NbOfTxs");
  ExpectRefused(
      CamtDoc(Ntry("30.00", "CRDT", "<Btch>\n<TtlAmt Ccy=\"USD\">30.00</TtlAmt>\n</Btch>\n")),
      "the batch total is in USD, but its entry is in EUR", 0, "Btch/TtlAmt");
}

TEST(CamtErrors, BadRemittanceAmounts) {
  ExpectRefused(CamtDoc(Ntry("1.00", "CRDT",
                             Tx("<RmtInf>\n<Strd>\n<RfrdDocAmt>\n<RmtdAmt Ccy=\"EUR\">"
                                "1.001</RmtdAmt>\n</RfrdDocAmt>\n</Strd>\n</RmtInf>\n"))),
                "remittance amount '1.001' has more decimals than EUR allows", 0,
                "Strd[1]/RfrdDocAmt/RmtdAmt");
  ExpectRefused(CamtDoc(Ntry("1.00", "CRDT",
                             Tx("<RmtInf>\n<Strd>\n<RfrdDocAmt>\n<DuePyblAmt>1.00"
                                "</DuePyblAmt>\n</RfrdDocAmt>\n</Strd>\n</RmtInf>\n"))),
                "remittance amount has no Ccy attribute", 0, "DuePyblAmt");
  ExpectRefused(CamtDoc(Ntry("1.00", "CRDT",
                             Tx("<RmtInf>\n<Strd>\n<RfrdDocAmt>\n<RmtdAmt Ccy=\"EUR\">1"
                                "</RmtdAmt>\n<RmtdAmt Ccy=\"USD\">1</RmtdAmt>\n"
                                "</RfrdDocAmt>\n</Strd>\n</RmtInf>\n"))),
                "remittance amounts of one document are in both EUR and USD", 0, "RmtdAmt[2]");
}

TEST(CamtErrors, WrongMessageForTheFormat) {
  // Sniffed as camt.054 but forced to camt.053 (cashmatch ingest --format camt053).
  std::string ntf = CamtDoc(Ntry("1.00", "CRDT", ""), 54);
  Status st = testing::ReadBankError(ntf, "t.xml", testing::Forced(BankFormat::kCamt053));
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_NE(st.reason().find("this is a camt.054 debit/credit notification "
                             "(BkToCstmrDbtCdtNtfctn), not the camt.053 statement it was read as"),
            std::string_view::npos)
      << st.ToString();
  EXPECT_EQ(st.where().line, 3u);
  EXPECT_EQ(st.where().field, "Document/BkToCstmrDbtCdtNtfctn");
  // Another ISO 20022 message.
  std::string pain =
      "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
      "pain.001.001.03\">\n<CstmrCdtTrfInitn>\n</CstmrCdtTrfInitn>\n</Document>\n";
  st = testing::ReadBankError(pain, "t.xml", testing::Forced(BankFormat::kCamt053));
  EXPECT_NE(st.reason().find("<CstmrCdtTrfInitn> is not a camt.052, camt.053 or camt.054 message"),
            std::string_view::npos)
      << st.ToString();
  // The namespace says one message, the element another.
  std::string doc = CamtDoc(Ntry("1.00", "CRDT", ""));
  doc.replace(doc.find("camt.053.001"), 8, "camt.054");
  ExpectRefused(doc, "is camt.054, but the message is a camt.053 statement", 2, "Document");
  // Version 1 predates NtryDtls.
  std::string v1 = CamtDoc(Ntry("1.00", "CRDT", ""), 53, 1);
  ExpectRefused(v1, "camt.053.001.01 is not supported", 2, "Document");
  // A message with no statement.
  ExpectRefused("<Document>\n<BkToCstmrStmt>\n<GrpHdr>\n</GrpHdr>\n</BkToCstmrStmt>\n</Document>\n",
                "<BkToCstmrStmt> holds no <Stmt>", 2, "Document/BkToCstmrStmt");
}

TEST(CamtErrors, MalformedXml) {
  std::string doc = CamtDoc(Ntry("1.00", "CRDT", ""));
  // Truncated in the middle of an entry.
  std::string truncated = doc.substr(0, doc.find("<ValDt>"));
  Status st = testing::ReadBankError(truncated, "t.xml", testing::Forced(BankFormat::kCamt053));
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_NE(st.reason().find("the XML is malformed"), std::string_view::npos) << st.ToString();
  EXPECT_GT(st.where().line, 10u) << st.ToString();
  // A mismatched closing tag names its line.
  std::string mismatch = doc;
  mismatch.replace(mismatch.find("</CdtDbtInd>"), 12, "</CdtDbtIn>");
  ExpectRefused(mismatch, "a closing tag does not match", LineOf(mismatch, "</CdtDbtIn>"));
  // Garbage, empty, not XML, a second root.
  ExpectRefused(std::string(doc) + "<Document/>\n", "a second root element",
                LineOf(doc, "</Document>") + 1);
  st = testing::ReadBankError("", "t.xml", testing::Forced(BankFormat::kCamt053));
  EXPECT_NE(st.reason().find("the file is empty"), std::string_view::npos) << st.ToString();
  st = testing::ReadBankError("   \n\n", "t.xml", testing::Forced(BankFormat::kCamt053));
  EXPECT_NE(st.reason().find("the file is empty"), std::string_view::npos) << st.ToString();
  st = testing::ReadBankError(":20:MT940\n", "t.xml", testing::Forced(BankFormat::kCamt053));
  EXPECT_NE(st.reason().find("not an XML document"), std::string_view::npos) << st.ToString();
  EXPECT_EQ(st.where().line, 1u);
  st = testing::ReadBankError("<?xml version=\"1.0\"?>\n<!-- nothing -->\n", "t.xml",
                              testing::Forced(BankFormat::kCamt053));
  EXPECT_NE(st.reason().find("no XML element"), std::string_view::npos) << st.ToString();
  // An attribute without quotes.
  std::string attr = doc;
  attr.replace(attr.find("Ccy=\"EUR\">1.00"), 9, "Ccy=EUR");
  ExpectRefused(attr, "the XML is malformed", LineOf(attr, "Ccy=EUR"));
}

TEST(CamtErrors, DoctypeIsRefusedForSafety) {
  std::string doc = CamtDoc(Ntry("1.00", "CRDT", ""));
  std::string lol = doc;
  lol.insert(
      lol.find("<Document"),
      "<!DOCTYPE Document [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;\">\n]>\n");
  lol.replace(lol.find("<Id>S1</Id>"), 11, "<Id>&lol2;</Id>");
  ExpectRefused(lol, "DOCTYPE declaration; DTDs and entity definitions are refused", 2);
  std::string external = doc;
  external.insert(external.find("<Document"),
                  "<!DOCTYPE Document SYSTEM \"file:///etc/passwd\">\n");
  ExpectRefused(external, "DOCTYPE", 2);
}

TEST(CamtErrors, NestingPastTheLimitIsResourceExhausted) {
  std::string deep;
  for (int i = 0; i < 70; ++i) deep += "<X>\n";
  for (int i = 0; i < 70; ++i) deep += "</X>\n";
  std::string doc =
      CamtDoc(Ntry("1.00", "CRDT", Tx("<SplmtryData>\n" + deep + "</SplmtryData>\n")));
  Status st = testing::ReadBankError(doc, "t.xml");
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted) << st.ToString();
  EXPECT_NE(st.reason().find("nested deeper than the limit of 64"), std::string_view::npos);
  EXPECT_EQ(st.where().line, LineOf(doc, "<X>") + 57) << st.ToString();
  EXPECT_TRUE(st.where().field.starts_with("Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls[1]/"))
      << st.where().field;
  // Within the limit it reads; a lower limit refuses.
  BankReadOptions o;
  o.max_xml_depth = 200;
  EXPECT_EQ(testing::ReadBankOk(doc, "t.xml", o).payments.size(), 1u);
  o.max_xml_depth = 5;
  st = testing::ReadBankError(CamtDoc(Ntry("1.00", "CRDT", "")), "t.xml", o);
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted);
  // A deep document is refused without recursion: a million levels.
  std::string huge = "<Document>";
  for (int i = 0; i < 1000000; ++i) huge += "<a>";
  st = testing::ReadBankError(huge, "t.xml", testing::Forced(BankFormat::kCamt053));
  EXPECT_NE(st.code(), StatusCode::kOk);
}

TEST(CamtErrors, OverlongTextIsResourceExhausted) {
  BankReadOptions o;
  o.max_record_bytes = 100;
  std::string doc = CamtDoc(Ntry(
      "1.00", "CRDT", Tx("<RmtInf>\n<Ustrd>" + std::string(101, 'x') + "</Ustrd>\n</RmtInf>\n")));
  Status st = testing::ReadBankError(doc, "t.xml", o);
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted) << st.ToString();
  EXPECT_NE(st.reason().find("the text of <Ustrd> is 101 bytes, over the record limit of 100"),
            std::string_view::npos)
      << st.ToString();
  EXPECT_EQ(st.where().line, LineOf(doc, "<Ustrd>"));
  EXPECT_EQ(st.where().field,
            "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/RmtInf/Ustrd[1]");
  // 100 bytes is within the limit; a long line of markup is not a record.
  std::string ok = CamtDoc(Ntry(
      "1.00", "CRDT", Tx("<RmtInf>\n<Ustrd>" + std::string(100, 'x') + "</Ustrd>\n</RmtInf>\n")));
  std::string one_line;
  for (char c : ok) {
    if (c != '\n') one_line += c;
  }
  EXPECT_EQ(testing::ReadBankOk(one_line, "t.xml", o).payments.size(), 1u);
  // The first fault wins: an over-long name before a bad amount later on.
  std::string both = CamtDoc(Ntry("1.00", "CRDT",
                                  Tx("<RltdPties>\n<Dbtr>\n<Nm>" + std::string(200, 'n') +
                                     "</Nm>\n</Dbtr>\n</RltdPties>\n")) +
                             Ntry("x", "CRDT", ""));
  st = testing::ReadBankError(both, "t.xml", o);
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted) << st.ToString();
}

TEST(CamtErrors, UnsupportedEncodings) {
  std::string doc = CamtDoc(Ntry("1.00", "CRDT", ""));
  std::string ebcdic = doc;
  ebcdic.replace(ebcdic.find("UTF-8"), 5, "EBCDIC-CP-US");
  ExpectRefused(ebcdic, "the XML declares encoding 'ebcdic-cp-us'", 1);
  Status st = testing::ReadBankError(std::string("\xFF\xFE<\0D\0", 6), "t.xml",
                                     testing::Forced(BankFormat::kCamt053));
  EXPECT_NE(st.reason().find("UTF-16"), std::string_view::npos) << st.ToString();
  st = testing::ReadBankError(std::string("\x1F\x8B\x08\0", 4), "t.xml",
                              testing::Forced(BankFormat::kCamt054));
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_NE(st.reason().find("gzip"), std::string_view::npos);
}

}  // namespace
}  // namespace cashmatch
