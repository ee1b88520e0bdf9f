// The :86: dialects one by one (mt94x_info.h): DK ?-sub-fields and SEPA
// keywords, Triodos '>', slash tags, leading IBAN and name, free text, and
// the creditor references found in any of them.
#include "mt94x_info.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mt94x_fields.h"

namespace cashmatch::ingest::mt94x {
namespace {

struct Parsed {
  Payment p;
  InfoExtras extras;
};

// `lines` are the :86: field's physical lines, the first without its tag;
// "" stands for a blank line.
Parsed Info(std::vector<std::string> lines, TextEncoding encoding = TextEncoding::kUtf8) {
  static std::vector<std::string> keep;  // FieldLine views point into these
  keep = std::move(lines);
  std::vector<FieldLine> field;
  bool blank = false;
  for (const std::string& l : keep) {
    if (l.find_first_not_of(' ') == std::string::npos && !field.empty()) {
      blank = true;
      continue;
    }
    field.push_back(FieldLine{l, blank, false});
    blank = false;
  }
  Parsed out;
  InfoScratch scratch;
  ParseInformation(field, encoding, &scratch, &out.p, &out.extras);
  return out;
}

bool Has(const Payment& p, std::string_view needle) {
  return p.remittance_text.find(needle) != std::string::npos;
}

std::vector<std::string> Refs(const Payment& p) {
  std::vector<std::string> refs;
  for (const RemittanceLine& l : p.remittance) refs.push_back(l.reference);
  return refs;
}

// ------------------------------------------------------------------- DK ----

TEST(Mt94xInfo, DkVerwendungszweckJoinsWithoutSeparator) {
  Parsed r = Info({"166?00GUTSCHRIFT?20INV-12?21345?32ACME"});
  EXPECT_TRUE(Has(r.p, "INV-12345")) << r.p.remittance_text;
  EXPECT_EQ(r.p.remittance_text, "166 GUTSCHRIFT INV-12345 ACME");
  EXPECT_EQ(r.p.payer_name, "ACME");
}

TEST(Mt94xInfo, DkSepaKeywords) {
  Parsed r = Info({"166?00SEPA-GUTSCHRIFT?100399?20EREF+E2E-2026-0001?21KREF+KUNDE 7?22MREF+M-1?23CRED+DE98ZZZ0",
                   "9999999999?24SVWZ+Rechnung 4711 vom 01.?2502.2026?30COBADEFFXXX?31DE8937040044053201",
                   "3000?32Muster GmbH"});
  EXPECT_EQ(r.extras.end_to_end, "E2E-2026-0001");
  EXPECT_TRUE(Has(r.p, "EREF+E2E-2026-0001 KREF+KUNDE 7 MREF+M-1 CRED+DE98ZZZ09999999999 "
                       "SVWZ+Rechnung 4711 vom 01.02.2026"))
      << r.p.remittance_text;
  EXPECT_EQ(r.p.payer_account, "DE89370400440532013000");
  EXPECT_EQ(r.p.payer_name, "Muster GmbH");
  // NOTPROVIDED / NONREF end-to-end ids are none.
  EXPECT_EQ(Info({"166?20EREF+NOTPROVIDED?21SVWZ+X"}).extras.end_to_end, "");
  EXPECT_EQ(Info({"166?20EREF+NONREF"}).extras.end_to_end, "");
}

TEST(Mt94xInfo, DkNameAndAccountFallbacks) {
  // ?32 full (27 characters): ?33 continues it mid-word.
  EXPECT_EQ(Info({"166?32Richter Renate 70 Zeichen B?33eginn"}).p.payer_name,
            "Richter Renate 70 Zeichen Beginn");
  // ?32 shorter: ?33 is a second name part.
  EXPECT_EQ(Info({"166?32JOSEF?33        JAEGER"}).p.payer_name, "JOSEF JAEGER");
  // Width counts characters, not bytes.
  EXPECT_EQ(Info({"166?32M\xC3\xBCller Maschinenbau GmbH un?33d Co KG"}).p.payer_name,
            "M\xC3\xBCller Maschinenbau GmbH und Co KG");
  // No ?32: the ultimate debtor (ABWA+).
  EXPECT_EQ(Info({"166?20SVWZ+X?21ABWA+Tochter AG"}).p.payer_name, "Tochter AG");
  // Bank code and account number; an IBAN grouped in blanks; ?38; IBAN+.
  EXPECT_EQ(Info({"051?3020010020?310012345678"}).p.payer_account, "20010020:0012345678");
  EXPECT_EQ(Info({"051?31DE89 3704 0044 0532 0130 00"}).p.payer_account, "DE89370400440532013000");
  EXPECT_EQ(Info({"051?31NUMERO?38DE89370400440532013000"}).p.payer_account, "DE89370400440532013000");
  EXPECT_EQ(Info({"166?20IBAN+DE89370400440532013000"}).p.payer_account, "DE89370400440532013000");
}

TEST(Mt94xInfo, DkReturns) {
  Parsed r = Info({"109?00SEPA-DD SOLL RUECKBEL.?20EREF+E2E-9?34912"});
  EXPECT_TRUE(r.p.is_return);
  EXPECT_EQ(r.p.return_reason, "912");
  EXPECT_EQ(r.extras.end_to_end, "E2E-9");
  Parsed plain = Info({"166?00GUTSCHRIFT?34912"});
  EXPECT_FALSE(plain.p.is_return);
  EXPECT_EQ(plain.p.return_reason, "");
}

TEST(Mt94xInfo, DkLineBreaks) {
  // Full lines (61 after the tag, then 65) join as cut, even inside a
  // sub-field marker ("?2" + "2MTLG").
  const std::string first = "191?00SEPA-UEBERW?100399?20KREF+TFNr 01005 PayId CTSc-?2101 EBB?2";
  ASSERT_EQ(first.size(), 65u);
  Parsed r = Info({first, "2MTLG:SEPA-Ueberweisungsauftr"});
  EXPECT_TRUE(Has(r.p, "KREF+TFNr 01005 PayId CTSc-01 EBB MTLG:SEPA-Ueberweisungsauftr"))
      << r.p.remittance_text;
  // A shorter line lost its trailing blank.
  r = Info({"116?00SEPA-UEBERW?100399?20EREF+NONREF?21KREF+TFNR 01011 Instruct",
            "ion?22 Id  00001?23SVWZ+Unstrukturierter Verwe?24ndungszweck mit", "140 Stellen"});
  EXPECT_TRUE(Has(r.p, "Verwendungszweck mit 140 Stellen")) << r.p.remittance_text;
  // ...unless the next line starts a sub-field (one sub-field per line).
  r = Info({"020?00VIREMENT", "?20LIGNE1", "?21LIGNE2"});
  EXPECT_TRUE(Has(r.p, "LIGNE1LIGNE2")) << r.p.remittance_text;
}

TEST(Mt94xInfo, TriodosAngleBrackets) {
  Parsed r = Info({"000>100555555555", ">20TENAAMSTELLING TEGENREKENIN>21G EN ADRES", ">310666666666"});
  EXPECT_EQ(r.p.remittance_text, "000 0555555555 TENAAMSTELLING TEGENREKENING EN ADRES 0666666666");
  EXPECT_EQ(r.p.payer_account, "0666666666");
}

// ----------------------------------------------------------- slash tags ----

TEST(Mt94xInfo, SlashTagsAbnAmro) {
  Parsed r = Info({"/TRTP/SEPA OVERBOEKING/IBAN/NL75INGB0001234567/BIC/INGBNL2A/NAME/",
                   "HR K JANSEN EN/OF MW H JANSEN/REMI/RES.NR 00042/EREF/NOTPROV", "IDED"});
  EXPECT_EQ(r.p.payer_name, "HR K JANSEN EN/OF MW H JANSEN");
  EXPECT_EQ(r.p.payer_account, "NL75INGB0001234567");
  EXPECT_EQ(r.extras.end_to_end, "");  // NOTPROV + IDED = NOTPROVIDED
  EXPECT_TRUE(Has(r.p, "/REMI/RES.NR 00042/EREF/NOTPROVIDED"));
  // A value keeps slashes that are not known tags.
  Parsed inv = Info({"/NAME/X B.V./MARF/123/REMI//INV/1511682351 1.12.2016/IBAN/NL37DEUT0123456789"});
  EXPECT_TRUE(Has(inv.p, "/REMI//INV/1511682351 1.12.2016/IBAN/"));
  EXPECT_EQ(inv.p.payer_account, "NL37DEUT0123456789");
  // ABN AMRO's structured creditor reference.
  EXPECT_EQ(Refs(Info({"/TRTP/SEPA/REMI/CDTRREFTP//CD/SCOR/ISSR/CUR/CDTRREF/1234567890123456/"}).p),
            std::vector<std::string>{"1234567890123456"});
}

TEST(Mt94xInfo, SlashTagsIng) {
  Parsed r = Info({"/RTRN/MS03//EREF/20120123456789//CNTP/NL32INGB0000012345/INGB",
                   "NL2A/J.Janssen///REMI/USTD//Factuurnr 123456 Klantnr 00123/"});
  EXPECT_TRUE(r.p.is_return);
  EXPECT_EQ(r.p.return_reason, "MS03");
  EXPECT_EQ(r.extras.end_to_end, "20120123456789");
  EXPECT_EQ(r.p.payer_name, "J.Janssen");
  EXPECT_EQ(r.p.payer_account, "NL32INGB0000012345");
  EXPECT_TRUE(Has(r.p, "Factuurnr 123456 Klantnr 00123"));
  EXPECT_TRUE(r.p.remittance.empty());
  Parsed strd = Info({"/EREF/X//CNTP/NL32INGB0000012345/INGBNL2A/ING BANK NV///REMI/STRD/CUR/1070123412341234/"});
  EXPECT_EQ(Refs(strd.p), std::vector<std::string>{"1070123412341234"});
  EXPECT_TRUE(Info({"/REMI/STRD/CUR/"}).p.remittance.empty());
  // Lines cut inside a tag, and short lines, join as written.
  Parsed cut = Info({"/PREF/M0001/", "/CSID/", "NL32ZZZ999999991234", "/", "/REM", "I/USTD//", "TOTAAL 1 POSTEN/"});
  EXPECT_EQ(cut.p.remittance_text, "/PREF/M0001//CSID/NL32ZZZ999999991234//REMI/USTD//TOTAAL 1 POSTEN/");
}

TEST(Mt94xInfo, SlashTagsRabobank) {
  Parsed r = Info({"/ORDP//NAME/Hr A B Huibers en/of", " Mw S L Huibers/REMI/1000122-P5549161/ISDT/2013-04-04"});
  EXPECT_EQ(r.p.payer_name, "Hr A B Huibers en/of Mw S L Huibers");
  Parsed accw = Info({"/ACCW/NL54INGB0006752576,INGBNL2A/ORDP//NAME/X/REMI/Y"});
  EXPECT_EQ(accw.p.payer_account, "NL54INGB0006752576");
  // A line that ends in blanks ended at a word.
  Parsed words = Info({"/REMI/Order 123 for the   ", "summer season"});
  EXPECT_EQ(words.p.remittance_text, "/REMI/Order 123 for the summer season");
}

// ------------------------------------------------------------ free text ----

TEST(Mt94xInfo, LeadingIbanAndName) {
  Parsed r = Info({"NL47INGB9999999999 hr gjlm paulissen", "", "Betaling sieraden", "", ""});
  EXPECT_EQ(r.p.payer_account, "NL47INGB9999999999");
  EXPECT_EQ(r.p.payer_name, "hr gjlm paulissen");
  EXPECT_EQ(r.p.remittance_text, "NL47INGB9999999999 hr gjlm paulissen Betaling sieraden");
  // A blank first line (SNS ":86: ") means no leading party.
  Parsed none = Info({" ", "", "Jumbo Wijchen B.V.    >WIJCHEN"});
  EXPECT_EQ(none.p.payer_name, "");
  EXPECT_EQ(none.p.remittance_text, "Jumbo Wijchen B.V. >WIJCHEN");
}

TEST(Mt94xInfo, FreeTextLineJoining) {
  const std::string full = "000000000000000000000000000000000 0000000000000000 Betaling aan I";
  ASSERT_EQ(full.size(), 65u);
  EXPECT_EQ(Info({full, "CS 99999999999"}).p.remittance_text,
            "000000000000000000000000000000000 0000000000000000 Betaling aan ICS 99999999999");
  // Padded with blanks to the full width: a word break (SNS).
  const std::string padded = "Factuur 17227/248/20" + std::string(45, ' ');
  EXPECT_EQ(Info({padded, "BETALING"}).p.remittance_text, "Factuur 17227/248/20 BETALING");
  // Short lines ended at a word.
  EXPECT_EQ(Info({"PAYMENT OF INVOICES 204011665", "20401 1687"}).p.remittance_text,
            "PAYMENT OF INVOICES 204011665 20401 1687");
  // Polish pseudo-fields stay text.
  EXPECT_EQ(Info({"911 TRANSAKCJA COLLECT; ID IPH: XX01; Z RACH.: ", "561140; OD: JAN NOWAK  "}).p.remittance_text,
            "911 TRANSAKCJA COLLECT; ID IPH: XX01; Z RACH.: 561140; OD: JAN NOWAK");
}

// ---------------------------------------------------- creditor references ----

TEST(Mt94xInfo, CreditorReferencesInText) {
  std::vector<RemittanceLine> lines;
  AddCreditorReferences("pay RF18 5390 0754 7034 and RF18539007547034 again", &lines);
  ASSERT_EQ(lines.size(), 1u);  // the same reference once
  EXPECT_EQ(lines[0].reference, "RF18539007547034");
  lines.clear();
  AddCreditorReferences("RF19539007547034 xRF18539007547034 RF18539007547034abc", &lines);
  EXPECT_TRUE(lines.empty());  // bad checksum; not at a word start; runs on
  lines.clear();
  AddCreditorReferences("/REMI/RF18539007547034/ ESR 210000000003139471430009017 210000000003139471430009018", &lines);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].reference, "RF18539007547034");
  EXPECT_EQ(lines[1].reference, "210000000003139471430009017");  // check digit 7 holds, 8 does not
  // Found in any dialect, once even when also structured.
  Parsed dk = Info({"166?20SVWZ+RF18 5390 0754 7034"});
  EXPECT_EQ(Refs(dk.p), std::vector<std::string>{"RF18539007547034"});
  Parsed ing = Info({"/REMI/STRD/CUR/RF18539007547034/"});
  EXPECT_EQ(Refs(ing.p), std::vector<std::string>{"RF18539007547034"});
}

TEST(Mt94xInfo, CollapsingAndEncodings) {
  std::string out;
  AppendCollapsed("  a\t\tb \x01 c  ", TextEncoding::kUtf8, &out);
  EXPECT_EQ(out, "a b c");
  out.clear();
  AppendCollapsed("x\xC2\x85y \xC3\xA9", TextEncoding::kUtf8, &out);  // C1 NEL is a blank
  EXPECT_EQ(out, "x y \xC3\xA9");
  out.clear();
  AppendCollapsed("M\xFC\x81ller \x80", TextEncoding::kWindows1252, &out);
  EXPECT_EQ(out, "M\xC3\xBC ller \xE2\x82\xAC");
  std::string joined;
  std::vector<FieldLine> supp = {{"/TRCD/010", false, false}, {"16", false, false}, {"/  ", false, false}};
  JoinSupplementary(supp, &joined);
  EXPECT_EQ(joined, "/TRCD/01016/");
}

// ---------------------------------------------------------------- fields ----

TEST(Mt94xFields, Mod97AndIbanShape) {
  EXPECT_TRUE(IsValidIban("DE89370400440532013000"));
  EXPECT_FALSE(IsValidIban("DE88370400440532013000"));
  EXPECT_TRUE(LooksLikeIban("NL47INGB9999999999"));
  EXPECT_FALSE(LooksLikeIban("nl47INGB9999999999"));
  EXPECT_FALSE(LooksLikeIban("NL47"));
  EXPECT_TRUE(Mod97IsOne("RF18539007547034"));
}

TEST(Mt94xFields, StatementLineParts) {
  StatementLine sl;
  ASSERT_TRUE(ParseStatementLine("0709040904RCR204,88NRTIMSGIDCTSc03MintT//R724710290656678",
                                 *Currency::FromCode("EUR"), &sl)
                  .ok());
  EXPECT_TRUE(sl.debit);
  EXPECT_TRUE(sl.reversal);
  EXPECT_EQ(sl.minor, 20488);
  EXPECT_EQ(sl.type, "NRTI");
  EXPECT_EQ(sl.owner_ref, "MSGIDCTSc03MintT");
  EXPECT_EQ(sl.bank_ref, "R724710290656678");
  ASSERT_TRUE(ParseStatementLine("1203290329DD20000,00NTRF1004688128      //6128522200250001",
                                 *Currency::FromCode("HKD"), &sl)
                  .ok());
  EXPECT_EQ(sl.owner_ref, "1004688128");
  EXPECT_EQ(sl.minor, 2000000);
  EXPECT_FALSE(sl.reversal);
  EXPECT_TRUE(sl.debit);
}

}  // namespace
}  // namespace cashmatch::ingest::mt94x
