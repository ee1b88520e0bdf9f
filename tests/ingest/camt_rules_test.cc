// The camt reading rules on small hand-written documents: references,
// payer, remittance, returns, batches, statuses, dates, balances, summaries,
// namespaces, versions and text encodings.
#include <gtest/gtest.h>

#include <string>

#include "bank_test_util.h"
#include "camt_test_util.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

using testing::Bal;
using testing::CamtDoc;
using testing::D;
using testing::ExpectRefused;
using testing::LineOf;
using testing::M;
using testing::Ntry;
using testing::Tx;

BankFile Read(std::string_view bytes, const BankReadOptions& options = {}) {
  BankFile f = testing::ReadBankOk(bytes, "t.xml", options);
  testing::ExpectWellFormed(f, "t.xml");
  return f;
}

// One credit entry of 100.00 EUR with one TxDtls holding `tx`.
Payment One(std::string_view tx, std::string_view entry_extra = {}) {
  BankFile f = Read(CamtDoc(Ntry("100.00", "CRDT", Tx(tx), entry_extra)));
  EXPECT_EQ(f.payments.size(), 1u);
  return f.payments.empty() ? Payment{} : f.payments[0];
}

// --- references ---

TEST(CamtRules, SourceRefFollowsTheSpecOrder) {
  // TxDtls AcctSvcrRef first.
  EXPECT_EQ(One("<Refs>\n<AcctSvcrRef>BANK-1</AcctSvcrRef>\n<EndToEndId>E2E-1</EndToEndId>\n"
                "</Refs>\n")
                .source_ref,
            "BANK-1");
  // Then the EndToEndId.
  EXPECT_EQ(One("<Refs>\n<EndToEndId>E2E-1</EndToEndId>\n</Refs>\n").source_ref, "E2E-1");
  // Not NOTPROVIDED: then the entry's AcctSvcrRef.
  Payment p = One("<Refs>\n<EndToEndId>NOTPROVIDED</EndToEndId>\n<TxId>T9</TxId>\n</Refs>\n");
  EXPECT_EQ(p.source_ref, "ENTRY-1");
  EXPECT_EQ(p.bank_entry_ref, "ENTRY-1");
  EXPECT_EQ(p.trace_number, "T9");  // no usable EndToEndId: the TxId
  // Then NtryRef.
  std::string doc = CamtDoc(
      "<Ntry>\n<NtryRef>NR-7</NtryRef>\n<Amt Ccy=\"EUR\">1.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n"
      "<Sts>BOOK</Sts>\n<ValDt>\n<Dt>2026-11-20</Dt>\n</ValDt>\n</Ntry>\n");
  BankFile f = Read(doc);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_ref, "NR-7");
  EXPECT_EQ(f.payments[0].bank_entry_ref, "");
  EXPECT_EQ(f.payments[0].source_line, LineOf(doc, "<Ntry>"));
}

TEST(CamtRules, SourceRefFallsBackPastTheSpecAndNeverStaysEmpty) {
  std::string entry =
      "<Ntry>\n<Amt Ccy=\"EUR\">1.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n<ValDt>\n<Dt>2026-11-20"
      "</Dt>\n</ValDt>\n<NtryDtls>\n";
  BankFile f =
      Read(CamtDoc(entry + Tx("<Refs>\n<TxId>TX-5</TxId>\n</Refs>\n") + "</NtryDtls>\n</Ntry>\n" +
                   entry + Tx("<Refs>\n<Prtry>\n<Tp>X</Tp>\n<Ref>P-3</Ref>\n</Prtry>\n</Refs>\n") +
                   "</NtryDtls>\n</Ntry>\n" + entry + Tx("") + "</NtryDtls>\n</Ntry>\n"));
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(f.payments[0].source_ref, "TX-5");
  EXPECT_EQ(f.payments[1].source_ref, "P-3");
  EXPECT_EQ(f.payments[2].source_ref, "S1/3/1");  // statement id / entry / transaction
}

TEST(CamtRules, SourceLineIsTheTransactionsLine) {
  std::string doc = CamtDoc(
      Ntry("30.00", "CRDT",
           Tx("<Refs>\n<EndToEndId>A</EndToEndId>\n</Refs>\n<Amt Ccy=\"EUR\">10.00</Amt>\n") +
               Tx("<Refs>\n<EndToEndId>B</EndToEndId>\n</Refs>\n<Amt Ccy=\"EUR\">20.00</Amt>\n")));
  BankFile f = Read(doc);
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].source_line, LineOf(doc, "<TxDtls>", 1));
  EXPECT_EQ(f.payments[1].source_line, LineOf(doc, "<TxDtls>", 2));
  EXPECT_EQ(f.payments[1].amount, M(2000, "EUR"));
  EXPECT_EQ(f.payments[1].source_ref, "B");
  EXPECT_EQ(f.payments[0].bank_entry_ref, "ENTRY-1");
  EXPECT_EQ(f.payments[1].bank_entry_ref, "ENTRY-1");
}

// --- payer ---

TEST(CamtRules, PayerNameInEveryVersionsShape) {
  EXPECT_EQ(One("<RltdPties>\n<Dbtr>\n<Nm>Acme GmbH</Nm>\n</Dbtr>\n</RltdPties>\n").payer_name,
            "Acme GmbH");
  EXPECT_EQ(One("<RltdPties>\n<Dbtr>\n<Pty>\n<Nm>Acme AG</Nm>\n</Pty>\n</Dbtr>\n</RltdPties>\n")
                .payer_name,
            "Acme AG");
  EXPECT_EQ(One("<RltdPties>\n<Dbtr>\n<Agt>\n<FinInstnId>\n<Nm>Some Bank</Nm>\n</FinInstnId>\n"
                "</Agt>\n</Dbtr>\n</RltdPties>\n")
                .payer_name,
            "Some Bank");
  EXPECT_EQ(One("<RltdPties>\n<UltmtDbtr>\n<Nm>Ultimate Ltd</Nm>\n</UltmtDbtr>\n</RltdPties>\n")
                .payer_name,
            "Ultimate Ltd");
  // The creditor is us, never the payer.
  EXPECT_EQ(One("<RltdPties>\n<Cdtr>\n<Nm>Us</Nm>\n</Cdtr>\n</RltdPties>\n").payer_name, "");
}

TEST(CamtRules, PayerAccountIbanOrClearingMemberAndAccount) {
  EXPECT_EQ(One("<RltdPties>\n<DbtrAcct>\n<Id>\n<IBAN>CH9300762011623852957</IBAN>\n</Id>\n"
                "</DbtrAcct>\n</RltdPties>\n")
                .payer_account,
            "CH9300762011623852957");
  EXPECT_EQ(
      One("<RltdPties>\n<DbtrAcct>\n<Id>\n<Othr>\n<Id>123456789</Id>\n</Othr>\n</Id>\n"
          "</DbtrAcct>\n</RltdPties>\n<RltdAgts>\n<DbtrAgt>\n<FinInstnId>\n<ClrSysMmbId>\n"
          "<ClrSysId>\n<Cd>USABA</Cd>\n</ClrSysId>\n<MmbId>021000021</MmbId>\n</ClrSysMmbId>\n"
          "</FinInstnId>\n</DbtrAgt>\n</RltdAgts>\n")
          .payer_account,
      "021000021:123456789");
  EXPECT_EQ(One("<RltdPties>\n<DbtrAcct>\n<Id>\n<Othr>\n<Id>987</Id>\n</Othr>\n</Id>\n"
                "</DbtrAcct>\n</RltdPties>\n")
                .payer_account,
            "987");
}

// --- remittance ---

TEST(CamtRules, StructuredRemittanceWithAllAmounts) {
  Payment p = One(
      "<RmtInf>\n<Strd>\n<RfrdDocInf>\n<Tp>\n<CdOrPrtry>\n<Cd>CINV</Cd>\n</CdOrPrtry>\n</Tp>\n"
      "<Nb>INV-1001</Nb>\n<RltdDt>2026-10-01</RltdDt>\n</RfrdDocInf>\n<RfrdDocAmt>\n"
      "<DuePyblAmt Ccy=\"EUR\">105.00</DuePyblAmt>\n<DscntApldAmt>\n<Tp>\n<Cd>APDS</Cd>\n</Tp>\n"
      "<Amt Ccy=\"EUR\">2.00</Amt>\n</DscntApldAmt>\n<DscntApldAmt>\n<Amt Ccy=\"EUR\">1.00</Amt>\n"
      "</DscntApldAmt>\n<AdjstmntAmtAndRsn>\n<Amt "
      "Ccy=\"EUR\">2.00</Amt>\n<CdtDbtInd>DBIT</CdtDbtInd>\n"
      "<Rsn>DMGD</Rsn>\n</AdjstmntAmtAndRsn>\n<RmtdAmt "
      "Ccy=\"EUR\">100.00</RmtdAmt>\n</RfrdDocAmt>\n"
      "</Strd>\n</RmtInf>\n");
  ASSERT_EQ(p.remittance.size(), 1u);
  const RemittanceLine& l = p.remittance[0];
  EXPECT_EQ(l.reference, "INV-1001");
  EXPECT_EQ(l.paid, M(10000, "EUR"));
  EXPECT_EQ(l.invoice_amount, M(10500, "EUR"));
  EXPECT_EQ(l.discount, M(300, "EUR"));  // two discounts, summed
  EXPECT_EQ(l.adjustment, M(200, "EUR"));
  EXPECT_EQ(l.adjustment_reason, "DMGD");
}

TEST(CamtRules, Version2DiscountIsAPlainAmountAndCreditAdjustmentsAreNegative) {
  Payment p = One(
      "<RmtInf>\n<Strd>\n<RfrdDocInf>\n<Nb>INV-7</Nb>\n</RfrdDocInf>\n<RfrdDocAmt>\n"
      "<DscntApldAmt Ccy=\"EUR\">1.50</DscntApldAmt>\n<AdjstmntAmtAndRsn>\n<Amt Ccy=\"EUR\">3.00"
      "</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n<AddtlInf>late fee added</AddtlInf>\n"
      "</AdjstmntAmtAndRsn>\n</RfrdDocAmt>\n</Strd>\n</RmtInf>\n");
  ASSERT_EQ(p.remittance.size(), 1u);
  EXPECT_EQ(p.remittance[0].discount, M(150, "EUR"));
  EXPECT_EQ(p.remittance[0].adjustment, M(-300, "EUR"));
  EXPECT_EQ(p.remittance[0].adjustment_reason, "late fee added");
  EXPECT_FALSE(p.remittance[0].paid.has_value());
}

TEST(CamtRules, CreditNotesAreNegative) {
  Payment p =
      One("<RmtInf>\n<Strd>\n<RfrdDocInf>\n<Tp>\n<CdOrPrtry>\n<Cd>CREN</Cd>\n</CdOrPrtry>\n</Tp>\n"
          "<Nb>CN-5</Nb>\n</RfrdDocInf>\n<RfrdDocAmt>\n<DuePyblAmt Ccy=\"EUR\">20.00</DuePyblAmt>\n"
          "<RmtdAmt Ccy=\"EUR\">20.00</RmtdAmt>\n</RfrdDocAmt>\n</Strd>\n<Strd>\n<RfrdDocInf>\n"
          "<Tp>\n<CdOrPrtry>\n<Cd>CREN</Cd>\n</CdOrPrtry>\n</Tp>\n<Nb>CN-6</Nb>\n</RfrdDocInf>\n"
          "<RfrdDocAmt>\n<CdtNoteAmt "
          "Ccy=\"EUR\">5.00</CdtNoteAmt>\n</RfrdDocAmt>\n</Strd>\n</RmtInf>\n");
  ASSERT_EQ(p.remittance.size(), 2u);
  EXPECT_EQ(p.remittance[0].paid, M(-2000, "EUR"));
  EXPECT_EQ(p.remittance[0].invoice_amount, M(-2000, "EUR"));
  EXPECT_EQ(p.remittance[1].paid, M(-500, "EUR"));
}

TEST(CamtRules, OneAmountBlockForSeveralDocumentsIsNotGuessedApart) {
  Payment p =
      One("<RmtInf>\n<Strd>\n<RfrdDocInf>\n<Nb>INV-1</Nb>\n</RfrdDocInf>\n<RfrdDocInf>\n<Nb>INV-2</"
          "Nb>\n"
          "</RfrdDocInf>\n<RfrdDocAmt>\n<RmtdAmt Ccy=\"EUR\">100.00</RmtdAmt>\n</RfrdDocAmt>\n"
          "</Strd>\n</RmtInf>\n");
  ASSERT_EQ(p.remittance.size(), 2u);
  EXPECT_EQ(p.remittance[0].reference, "INV-1");
  EXPECT_EQ(p.remittance[1].reference, "INV-2");
  EXPECT_FALSE(p.remittance[0].paid.has_value());
  EXPECT_FALSE(p.remittance[1].paid.has_value());
}

TEST(CamtRules, CreditorReferenceIsALineAndCarriesAmountsWithoutDocuments) {
  Payment p = One(
      "<RmtInf>\n<Strd>\n<RfrdDocAmt>\n<RmtdAmt Ccy=\"EUR\">100.00</RmtdAmt>\n</RfrdDocAmt>\n"
      "<CdtrRefInf>\n<Tp>\n<CdOrPrtry>\n<Cd>SCOR</Cd>\n</CdOrPrtry>\n</Tp>\n"
      "<Ref>RF18539007547034</Ref>\n</CdtrRefInf>\n</Strd>\n<Strd>\n<RfrdDocInf>\n<Nb>INV-9</Nb>\n"
      "</RfrdDocInf>\n<CdtrRefInf>\n<Ref>210000000003139471430009017</Ref>\n</CdtrRefInf>\n"
      "</Strd>\n</RmtInf>\n");
  ASSERT_EQ(p.remittance.size(), 3u);
  EXPECT_EQ(p.remittance[0].reference, "RF18539007547034");
  EXPECT_EQ(p.remittance[0].paid, M(10000, "EUR"));
  EXPECT_EQ(p.remittance[1].reference, "INV-9");
  EXPECT_EQ(p.remittance[2].reference, "210000000003139471430009017");
}

TEST(CamtRules, PaidInAnotherCurrencyIsNotKeptAsPaid) {
  Payment p =
      One("<RmtInf>\n<Strd>\n<RfrdDocInf>\n<Nb>INV-US</Nb>\n</RfrdDocInf>\n<RfrdDocAmt>\n"
          "<DuePyblAmt Ccy=\"USD\">120.00</DuePyblAmt>\n<RmtdAmt Ccy=\"USD\">120.00</RmtdAmt>\n"
          "</RfrdDocAmt>\n</Strd>\n</RmtInf>\n");
  ASSERT_EQ(p.remittance.size(), 1u);
  EXPECT_FALSE(p.remittance[0].paid.has_value());
  EXPECT_EQ(p.remittance[0].invoice_amount, M(12000, "USD"));
}

TEST(CamtRules, UnstructuredPiecesJoinWithASpaceUnlessAPieceFilledItsField) {
  EXPECT_EQ(One("<RmtInf>\n<Ustrd>  INV 1001 </Ustrd>\n<Ustrd>INV 1002</Ustrd>\n</RmtInf>\n")
                .remittance_text,
            "INV 1001 INV 1002");
  // 140 characters: the bank cut where the field ended, here inside
  // "INV-55512"; the pieces are glued back.
  std::string full(131, 'x');
  full += " INV-5551";
  ASSERT_EQ(full.size(), 140u);
  EXPECT_EQ(One("<RmtInf>\n<Ustrd>" + full + "</Ustrd>\n<Ustrd>2 paid</Ustrd>\n</RmtInf>\n")
                .remittance_text,
            full + "2 paid");
  // A full piece ending in a blank keeps it: the break was at a word.
  std::string blank_end(139, 'y');
  blank_end += ' ';
  EXPECT_EQ(One("<RmtInf>\n<Ustrd>" + blank_end + "</Ustrd>\n<Ustrd>INV-6</Ustrd>\n</RmtInf>\n")
                .remittance_text,
            blank_end + "INV-6");
  // Characters, not bytes: 140 umlauts fill the field too.
  std::string umlauts;
  for (int i = 0; i < 140; ++i) umlauts += "\xC3\xBC";
  EXPECT_EQ(One("<RmtInf>\n<Ustrd>" + umlauts + "</Ustrd>\n<Ustrd>ab</Ustrd>\n</RmtInf>\n")
                .remittance_text,
            umlauts + "ab");
}

TEST(CamtRules, AdditionalInformationIsTheTextOnlyWithoutRemittance) {
  // NOTPROVIDED is no remittance; AddtlTxInf stands in.
  EXPECT_EQ(One("<RmtInf>\n<Ustrd>NOTPROVIDED</Ustrd>\n</RmtInf>\n<AddtlTxInf>INVOICE 42 "
                "THANKS</AddtlTxInf>\n")
                .remittance_text,
            "INVOICE 42 THANKS");
  EXPECT_EQ(One("<RmtInf>\n<Ustrd>INV 7</Ustrd>\n</RmtInf>\n<AddtlTxInf>other</AddtlTxInf>\n")
                .remittance_text,
            "INV 7");
  // Nor any AddtlTxInf: the entry's AddtlNtryInf.
  EXPECT_EQ(One("<Refs>\n<EndToEndId>E</EndToEndId>\n</Refs>\n",
                "<AddtlNtryInf>SEPA CREDIT INV 9</AddtlNtryInf>\n")
                .remittance_text,
            "SEPA CREDIT INV 9");
  std::string doc = CamtDoc(
      "<Ntry>\n<Amt Ccy=\"EUR\">1.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n<ValDt>\n<Dt>2026-11-20"
      "</Dt>\n</ValDt>\n<NtryDtls>\n<TxDtls>\n</TxDtls>\n</NtryDtls>\n<AddtlNtryInf>SEPA CREDIT "
      "INV 9</AddtlNtryInf>\n</Ntry>\n");
  BankFile f = Read(doc);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].remittance_text, "SEPA CREDIT INV 9");
  // Structured remittance counts as remittance: no fallback then.
  Payment s =
      One("<RmtInf>\n<Strd>\n<RfrdDocInf>\n<Nb>I-1</Nb>\n</RfrdDocInf>\n<AddtlRmtInf>see "
          "attached</AddtlRmtInf>\n</Strd>\n</RmtInf>\n<AddtlTxInf>noise</AddtlTxInf>\n");
  EXPECT_EQ(s.remittance_text, "see attached");
}

TEST(CamtRules, CdataAndCharacterReferencesInText) {
  Payment p =
      One("<RltdPties>\n<Dbtr>\n<Nm>M&#252;ller &amp; S&#xF6;hne</Nm>\n</Dbtr>\n"
          "</RltdPties>\n<RmtInf>\n<Ustrd><![CDATA[INV <1> & 2]]></Ustrd>\n</RmtInf>\n");
  EXPECT_EQ(p.payer_name, "Müller & Söhne");
  EXPECT_EQ(p.remittance_text, "INV <1> & 2");
  // A reference to a surrogate is not UTF-8: replaced, so output stays valid.
  Payment q = One("<RltdPties>\n<Dbtr>\n<Nm>A&#xD800;B</Nm>\n</Dbtr>\n</RltdPties>\n");
  EXPECT_EQ(q.payer_name,
            "A\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "B");
}

// --- direction, returns, status ---

TEST(CamtRules, DebitsAreRecordedAsDebits) {
  BankFile f =
      Read(CamtDoc(Ntry("12.00", "DBIT", Tx("<Refs>\n<EndToEndId>D1</EndToEndId>\n</Refs>\n"))));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].direction, Direction::kDebit);
  EXPECT_EQ(f.payments[0].amount, M(1200, "EUR"));
  EXPECT_FALSE(f.payments[0].is_return);
}

TEST(CamtRules, ReversalsAndReturns) {
  // RvslInd: a reversed credit shows as a debit.
  std::string reversal =
      Ntry("50.00", "DBIT", Tx("<Refs>\n<EndToEndId>ORIG-E2E</EndToEndId>\n</Refs>\n"), "", "EUR",
           "<RvslInd>true</RvslInd>\n<Sts>BOOK</Sts>\n");
  BankFile f = Read(CamtDoc(reversal));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_TRUE(f.payments[0].is_return);
  EXPECT_EQ(f.payments[0].original_ref, "ORIG-E2E");
  EXPECT_EQ(f.payments[0].direction, Direction::kDebit);
  // RtrInf with a reason code, or a proprietary reason.
  Payment r =
      One("<Refs>\n<AcctSvcrRef>R1</AcctSvcrRef>\n</Refs>\n<RtrInf>\n<Rsn>\n<Cd>AC04</Cd>\n"
          "</Rsn>\n</RtrInf>\n");
  EXPECT_TRUE(r.is_return);
  EXPECT_EQ(r.return_reason, "AC04");
  EXPECT_EQ(r.original_ref, "R1");
  EXPECT_EQ(One("<RtrInf>\n<Rsn>\n<Prtry>X77</Prtry>\n</Rsn>\n</RtrInf>\n").return_reason, "X77");
  // A returned transfer by its bank transaction code.
  Payment c =
      One("<BkTxCd>\n<Domn>\n<Cd>PMNT</Cd>\n<Fmly>\n<Cd>ICDT</Cd>\n<SubFmlyCd>RRTN</SubFmlyCd>\n"
          "</Fmly>\n</Domn>\n</BkTxCd>\n");
  EXPECT_TRUE(c.is_return);
  EXPECT_EQ(c.transaction_code, "PMNT/ICDT/RRTN");
  // RvslInd false is an ordinary entry.
  BankFile g = Read(
      CamtDoc(Ntry("5.00", "CRDT", "", "", "EUR", "<RvslInd>false</RvslInd>\n<Sts>BOOK</Sts>\n")));
  ASSERT_EQ(g.payments.size(), 1u);
  EXPECT_FALSE(g.payments[0].is_return);
}

TEST(CamtRules, TransactionCodeFromDomainOrProprietary) {
  EXPECT_EQ(One("",
                "<BkTxCd>\n<Domn>\n<Cd>PMNT</Cd>\n<Fmly>\n<Cd>RCDT</Cd>\n<SubFmlyCd>ESCT"
                "</SubFmlyCd>\n</Fmly>\n</Domn>\n<Prtry>\n<Cd>NTRF</Cd>\n</Prtry>\n</BkTxCd>\n")
                .transaction_code,
            "PMNT/RCDT/ESCT");
  EXPECT_EQ(One("", "<BkTxCd>\n<Prtry>\n<Cd>NTRF+166</Cd>\n<Issr>DK</Issr>\n</Prtry>\n</BkTxCd>\n")
                .transaction_code,
            "NTRF+166");
  // The transaction's own code wins over the entry's.
  EXPECT_EQ(One("<BkTxCd>\n<Prtry>\n<Cd>TX-CODE</Cd>\n</Prtry>\n</BkTxCd>\n",
                "<BkTxCd>\n<Prtry>\n<Cd>ENTRY-CODE</Cd>\n</Prtry>\n</BkTxCd>\n")
                .transaction_code,
            "TX-CODE");
}

TEST(CamtRules, OnlyBookedEntriesArePaymentsAndCountInTheBalance) {
  std::string entries = Ntry("10.00", "CRDT", "", "", "EUR", "<Sts>\n<Cd>BOOK</Cd>\n</Sts>\n") +
                        Ntry("99.00", "CRDT", "", "", "EUR", "<Sts>PDNG</Sts>\n") +
                        Ntry("98.00", "DBIT", "", "", "EUR", "<Sts>\n<Cd>INFO</Cd>\n</Sts>\n") +
                        Ntry("97.00", "CRDT", "", "", "EUR", "<Sts>FUTR</Sts>\n") +
                        Ntry("1.00", "CRDT", "", "", "EUR", "");  // no Sts: booked
  BankFile f = Read(CamtDoc(Bal("OPBD", "100.00") + Bal("CLBD", "111.00") + entries, 52, 2));
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].amount, M(1000, "EUR"));
  EXPECT_EQ(f.payments[1].amount, M(100, "EUR"));
  // ...so 100 + 10 + 1 must be the closing balance: 110 is refused.
  ExpectRefused(CamtDoc(Bal("OPBD", "100.00") + Bal("CLBD", "110.00") + entries, 52, 2),
                "= 111.00 EUR, but the closing booked balance (CLBD) is 110.00", 0,
                "Rpt[1]/Bal[2]");
}

TEST(CamtRules, ZeroAmountTransactionsMoveNoMoneyAndAreSkipped) {
  BankFile f = Read(
      CamtDoc(Ntry("10.00", "CRDT",
                   Tx("<Amt Ccy=\"EUR\">0.00</Amt>\n") + Tx("<Amt Ccy=\"EUR\">10.00</Amt>\n")) +
              Ntry("0", "CRDT", "")));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].amount, M(1000, "EUR"));
}

// --- batches ---

TEST(CamtRules, BatchWithoutDetailsIsOnePaymentWithItsCount) {
  BankFile f =
      Read(CamtDoc(Ntry("300.00", "CRDT",
                        "<Btch>\n<PmtInfId>PI-1</PmtInfId>\n<NbOfTxs>3</NbOfTxs>\n<TtlAmt "
                        "Ccy=\"EUR\">300.00</TtlAmt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n</Btch>\n")));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].batch_count, 3u);
  EXPECT_EQ(f.payments[0].amount, M(30000, "EUR"));
  EXPECT_EQ(f.payments[0].source_ref, "ENTRY-1");
  EXPECT_EQ(f.payments[0].bank_entry_ref, "ENTRY-1");
}

TEST(CamtRules, BatchWithDetailsSplitsIntoItsTransactions) {
  std::string details =
      "<Btch>\n<NbOfTxs>2</NbOfTxs>\n<TtlAmt Ccy=\"EUR\">30.00</TtlAmt>\n</Btch>\n" +
      Tx("<AmtDtls>\n<TxAmt>\n<Amt Ccy=\"EUR\">10.00</Amt>\n</TxAmt>\n</AmtDtls>\n") +
      Tx("<AmtDtls>\n<InstdAmt>\n<Amt Ccy=\"EUR\">20.00</Amt>\n</InstdAmt>\n</AmtDtls>\n");
  BankFile f = Read(CamtDoc(Ntry("30.00", "CRDT", details)));
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].amount, M(1000, "EUR"));
  EXPECT_EQ(f.payments[1].amount, M(2000, "EUR"));
  EXPECT_EQ(f.payments[0].batch_count, 0u);
}

TEST(CamtRules, InstructedAmountInAnotherCurrencyIsNotTheBookedAmount) {
  // An FX credit: instructed USD, booked EUR; the only TxDtls gets the entry amount.
  Payment p =
      One("<AmtDtls>\n<InstdAmt>\n<Amt Ccy=\"USD\">110.00</Amt>\n</InstdAmt>\n</AmtDtls>\n");
  EXPECT_EQ(p.amount, M(10000, "EUR"));
}

TEST(CamtRules, NettedEntryWithCreditAndDebitTransactions) {
  std::string details = Tx("<Amt Ccy=\"EUR\">100.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n") +
                        Tx("<Amt Ccy=\"EUR\">2.50</Amt>\n<CdtDbtInd>DBIT</CdtDbtInd>\n");
  BankFile f = Read(CamtDoc(Ntry("97.50", "CRDT", details)));
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].direction, Direction::kCredit);
  EXPECT_EQ(f.payments[1].direction, Direction::kDebit);
  EXPECT_EQ(f.payments[1].amount, M(250, "EUR"));
}

TEST(CamtRules, EntryWithSeveralDetailsBlocks) {
  std::string entry =
      "<Ntry>\n<Amt Ccy=\"EUR\">30.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n<ValDt>\n"
      "<Dt>2026-11-20</Dt>\n</ValDt>\n<NtryDtls>\n" +
      Tx("<Amt Ccy=\"EUR\">10.00</Amt>\n") + "</NtryDtls>\n<NtryDtls>\n" +
      Tx("<Amt Ccy=\"EUR\">20.00</Amt>\n") + "</NtryDtls>\n</Ntry>\n";
  BankFile f = Read(CamtDoc(entry));
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[1].amount, M(2000, "EUR"));
}

// --- dates and amounts ---

TEST(CamtRules, DatesFromValueDateBookingDateOrStatement) {
  Payment p = One("", "");
  EXPECT_EQ(p.value_date, D(2026, 11, 20));
  EXPECT_EQ(p.booking_date, D(2026, 11, 19));
  auto entry = [](std::string_view dates) {
    return "<Ntry>\n<Amt Ccy=\"EUR\">1.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n" +
           std::string(dates) + "</Ntry>\n";
  };
  BankFile f =
      Read(CamtDoc(entry("<BookgDt>\n<DtTm>2026-11-18T23:30:00.000+01:00</DtTm>\n</BookgDt>\n") +
                   entry("<ValDt>\n<DtTm>2026-11-17T08:00:00Z</DtTm>\n</ValDt>\n") +
                   entry("<ValDt>\n<Dt>2026-11-16+01:00</Dt>\n</ValDt>\n") + entry("")));
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(f.payments[0].value_date, D(2026, 11, 18));  // the booking day as written
  EXPECT_EQ(f.payments[0].booking_date, D(2026, 11, 18));
  EXPECT_EQ(f.payments[1].value_date, D(2026, 11, 17));
  EXPECT_EQ(f.payments[2].value_date, D(2026, 11, 16));
  EXPECT_EQ(f.payments[3].value_date, D(2026, 11, 19));  // the statement's CreDtTm
  EXPECT_EQ(f.payments[3].booking_date, Date());
}

TEST(CamtRules, AmountsAreExactMinorUnits) {
  auto amount = [](std::string_view text, std::string_view ccy) {
    BankFile f = Read(CamtDoc(Ntry(text, "CRDT", "", "", ccy), 53, 8, ""));
    return f.payments.empty() ? Money{} : f.payments[0].amount;
  };
  EXPECT_EQ(amount("18.150", "EUR"), M(1815, "EUR"));  // a trailing zero is exact
  EXPECT_EQ(amount(" 7.5 ", "EUR"), M(750, "EUR"));
  EXPECT_EQ(amount(".5", "EUR"), M(50, "EUR"));
  EXPECT_EQ(amount("+3", "EUR"), M(300, "EUR"));
  EXPECT_EQ(amount("1500", "JPY"), M(1500, "JPY"));
  EXPECT_EQ(amount("1500.00", "JPY"), M(1500, "JPY"));
  EXPECT_EQ(amount("1.234", "KWD"), M(1234, "KWD"));
  EXPECT_EQ(amount("92233720368547758.07", "EUR"), M(9223372036854775807, "EUR"));
}

// --- balances and summary ---

TEST(CamtRules, BalancesAddUpIncludingDebitBalances) {
  std::string body = Bal("PRCD", "50.00", "DBIT") + Bal("CLBD", "25.00") +
                     Ntry("100.00", "CRDT", "") + Ntry("25.00", "DBIT", "");
  BankFile f = Read(CamtDoc(body));
  ASSERT_EQ(f.statements.size(), 1u);
  const StatementSummary& s = f.statements[0];
  EXPECT_EQ(s.opening, M(-5000, "EUR"));
  EXPECT_EQ(s.closing, M(2500, "EUR"));
  EXPECT_EQ(s.credits, 1u);
  EXPECT_EQ(s.debits, 1u);
  EXPECT_EQ(s.credit_total, 10000);
  EXPECT_EQ(s.debit_total, 2500);
  EXPECT_EQ(s.account, "DE89370400440532013000");
  EXPECT_EQ(s.currency, testing::Cur("EUR"));
  EXPECT_EQ(s.date, D(2026, 11, 19));  // the closing balance's date
  // OPBD is preferred to PRCD.
  ExpectRefused(CamtDoc(Bal("OPBD", "0") + body),
                "opening booked balance (OPBD) 0.00 + booked "
                "credits 100.00 - booked debits 25.00 = 75.00 EUR",
                0, "Stmt[1]/Bal[3]");
}

TEST(CamtRules, MultiCurrencyAccountIsCheckedPerCurrency) {
  std::string body = Bal("OPBD", "10.00", "CRDT", "EUR") + Bal("OPBD", "1000", "CRDT", "JPY") +
                     Bal("CLBD", "15.00", "CRDT", "EUR") + Bal("CLBD", "900", "CRDT", "JPY") +
                     Ntry("5.00", "CRDT", "", "", "EUR") + Ntry("100", "DBIT", "", "", "JPY");
  BankFile f = Read(CamtDoc(body, 53, 8, ""));
  ASSERT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(f.statements[0].currency, testing::Cur("EUR"));
  EXPECT_EQ(f.statements[1].currency, testing::Cur("JPY"));
  EXPECT_EQ(f.statements[1].debit_total, 100);
  std::string bad = body;
  bad.replace(bad.find(">900<"), 5, ">901<");
  ExpectRefused(CamtDoc(bad, 53, 8, ""), "= 900 JPY, but the closing booked balance (CLBD) is 901",
                0, "Bal[4]");
}

std::string Summary(std::string_view count, std::string_view sum, std::string_view net,
                    std::string_view net_sign, std::string_view credits,
                    std::string_view credit_sum) {
  return "<TxsSummry>\n<TtlNtries>\n<NbOfNtries>" + std::string(count) + "</NbOfNtries>\n<Sum>" +
         std::string(sum) + "</Sum>\n<TtlNetNtry>\n<Amt>" + std::string(net) +
         "</Amt>\n<CdtDbtInd>" + std::string(net_sign) +
         "</CdtDbtInd>\n</TtlNetNtry>\n</TtlNtries>\n<TtlCdtNtries>\n"
         "<NbOfNtries>" +
         std::string(credits) + "</NbOfNtries>\n<Sum>" + std::string(credit_sum) +
         "</Sum>\n</TtlCdtNtries>\n</TxsSummry>\n";
}

TEST(CamtRules, TransactionSummaryIsChecked) {
  std::string entries = Ntry("100.00", "CRDT", "") + Ntry("30.00", "DBIT", "") +
                        Ntry("7.00", "CRDT", "", "", "EUR", "<Sts>PDNG</Sts>\n");
  // All entries (3, 137.00, net 77.00) or the booked ones (2, 130.00, net 70.00).
  Read(CamtDoc(Summary("3", "137.00", "77.00", "CRDT", "2", "107.00") + entries));
  Read(CamtDoc(Summary("2", "130", "70", "CRDT", "1", "100") + entries));
  std::string doc = CamtDoc(Summary("4", "137.00", "77.00", "CRDT", "2", "107.00") + entries);
  ExpectRefused(doc, "the transaction summary counts 4 entries, but the statement has 3",
                LineOf(doc, "<NbOfNtries>4"), "TtlNtries/NbOfNtries");
  ExpectRefused(CamtDoc(Summary("3", "138.00", "77.00", "CRDT", "2", "107.00") + entries),
                "gives the sum of all entries as 138.00, but the entries add up to 137.00 EUR", 0,
                "TtlNtries/Sum");
  ExpectRefused(CamtDoc(Summary("3", "137.00", "77.00", "DBIT", "2", "107.00") + entries),
                "net of all entries as -77.00, but the entries net to 77.00", 0, "TtlNetNtry/Amt");
  ExpectRefused(CamtDoc(Summary("3", "137.00", "77.00", "CRDT", "3", "107.00") + entries),
                "counts 3 credit entries, but the statement has 2", 0, "TtlCdtNtries/NbOfNtries");
  // Version 2: TtlNetNtryAmt and CdtDbtInd straight under TtlNtries.
  Read(
      CamtDoc("<TxsSummry>\n<TtlNtries>\n<NbOfNtries>3</NbOfNtries>\n<TtlNetNtryAmt>77.00"
              "</TtlNetNtryAmt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n</TtlNtries>\n</TxsSummry>\n" +
                  entries,
              53, 2));
  ExpectRefused(
      CamtDoc("<TxsSummry>\n<TtlNtries>\n<TtlNetNtryAmt>76.00</TtlNetNtryAmt>\n<CdtDbtInd>"
              "CRDT</CdtDbtInd>\n</TtlNtries>\n</TxsSummry>\n" +
                  entries,
              53, 2),
      "net of all entries as 76.00", 0, "TtlNetNtryAmt");
}

// --- message kinds, versions, namespaces ---

TEST(CamtRules, EveryVersionAndKind) {
  for (int kind : {52, 53, 54}) {
    for (int version : {2, 3, 4, 5, 6, 7, 8, 9, 10, 12}) {
      SCOPED_TRACE(std::to_string(kind) + "." + std::to_string(version));
      BankFile f = Read(CamtDoc(Ntry("1.00", "CRDT", ""), kind, version));
      EXPECT_EQ(f.payments.size(), 1u);
      EXPECT_EQ(f.format, kind == 52   ? BankFormat::kCamt052
                          : kind == 53 ? BankFormat::kCamt053
                                       : BankFormat::kCamt054);
      EXPECT_EQ(f.payments[0].format, BankFormatName(f.format));
    }
  }
}

TEST(CamtRules, NamespacePrefixesNoNamespaceAndEnvelopes) {
  std::string plain =
      CamtDoc(Ntry("2.00", "CRDT", Tx("<Refs>\n<EndToEndId>P1</EndToEndId>\n</Refs>\n")));
  // Every element prefixed.
  std::string prefixed;
  for (size_t i = 0; i < plain.size(); ++i) {
    prefixed += plain[i];
    if (plain[i] == '<' && i + 1 < plain.size() && plain[i + 1] != '?') {
      if (plain[i + 1] == '/') {
        prefixed += '/';
        ++i;
      }
      prefixed += "c:";
    }
  }
  size_t ns = prefixed.find("xmlns=");
  ASSERT_NE(ns, std::string::npos);
  prefixed.replace(ns, 6, "xmlns:c=");
  BankFile f = Read(prefixed);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_ref, "P1");
  // No namespace at all.
  std::string bare = plain;
  bare.replace(bare.find(" xmlns="), bare.find('>', bare.find("<Document")) - bare.find(" xmlns="),
               "");
  EXPECT_EQ(Read(bare).payments.size(), 1u);
  // Inside a business-message envelope with an application header.
  std::string body = plain.substr(plain.find("<Document"));
  std::string wrapped =
      "<?xml version=\"1.0\"?>\n<BizMsg>\n<AppHdr>\n<MsgDefIdr>camt.053.001.08"
      "</MsgDefIdr>\n</AppHdr>\n" +
      body + "</BizMsg>\n";
  BankReadOptions forced = testing::Forced(BankFormat::kCamt053);
  EXPECT_EQ(Read(wrapped, forced).payments.size(), 1u);
}

// --- encodings and line ends ---

TEST(CamtRules, Latin1DeclaredDocumentsAreTranscoded) {
  std::string doc = CamtDoc(Ntry("1.00", "CRDT",
                                 Tx("<RltdPties>\n<Dbtr>\n<Nm>M\xFCller Stra\xDF"
                                    "e</Nm>\n"
                                    "</Dbtr>\n</RltdPties>\n<RmtInf>\n<Ustrd>Rg \x80 12"
                                    "</Ustrd>\n</RmtInf>\n")));
  doc.replace(doc.find("UTF-8"), 5, "ISO-8859-1");
  Payment p = Read(doc).payments.at(0);
  EXPECT_EQ(p.payer_name, "Müller Straße");
  EXPECT_EQ(p.remittance_text, "Rg € 12");  // read as Windows-1252
  // Declared UTF-8 but holding Latin-1 bytes: read as Windows-1252 too.
  doc.replace(doc.find("ISO-8859-1"), 10, "UTF-8");
  EXPECT_EQ(Read(doc).payments.at(0).payer_name, "Müller Straße");
  // ISO-8859-15 has the euro at 0xA4.
  std::string latin9 =
      CamtDoc(Ntry("1.00", "CRDT", Tx("<RmtInf>\n<Ustrd>\xA4 5</Ustrd>\n</RmtInf>\n")));
  latin9.replace(latin9.find("UTF-8"), 5, "ISO-8859-15");
  EXPECT_EQ(Read(latin9).payments.at(0).remittance_text, "€ 5");
  // UTF-8 passes through.
  std::string utf8 = CamtDoc(Ntry("1.00", "CRDT",
                                  Tx("<RltdPties>\n<Dbtr>\n<Nm>Łódź Sp. z o.o.</Nm>\n"
                                     "</Dbtr>\n</RltdPties>\n")));
  EXPECT_EQ(Read("\xEF\xBB\xBF" + utf8).payments.at(0).payer_name, "Łódź Sp. z o.o.");
}

TEST(CamtRules, LineNumbersWithEveryLineEnd) {
  std::string doc =
      CamtDoc(Ntry("1.00", "CRDT", Tx("<Refs>\n<EndToEndId>L</EndToEndId>\n</Refs>\n")));
  const uint64_t line = LineOf(doc, "<TxDtls>");
  std::string crlf, cr;
  for (char c : doc) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  EXPECT_EQ(Read(crlf).payments.at(0).source_line, line);
  EXPECT_EQ(Read(cr).payments.at(0).source_line, line);
  std::string one_line;
  for (char c : doc) {
    if (c != '\n') one_line += c;
  }
  EXPECT_EQ(Read(one_line).payments.at(0).source_line, 1u);
  // Latin-1 transcoding keeps the lines too.
  std::string latin = crlf;
  latin.replace(latin.find("UTF-8"), 5, "ISO-8859-1");
  latin.insert(latin.find("<EndToEndId>L") + 12, "\xE9");
  Payment p = Read(latin).payments.at(0);
  EXPECT_EQ(p.source_line, line);
  EXPECT_EQ(p.source_ref, "\xC3\xA9L");
}

}  // namespace
}  // namespace cashmatch
