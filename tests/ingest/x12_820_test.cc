// The X12 820 reader on hand-written interchanges: delimiters, layouts,
// what each segment becomes, and every refusal.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bank_test_util.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::M;
using Code = StatusCode;

constexpr std::string_view kIsa =
    "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PAYEE          *261120*0800*U*00401*"
    "000000001*0*P*>~";
constexpr std::string_view kBpr =
    "BPR*C*1500.00*C*ACH*CTX*01*026009593*DA*8765117001*1234567890**01*121000248*DA*987654321*"
    "20261120~";

// ST + body + SE with the right count; `body` is '~'-terminated segments.
std::string Set(std::string_view body, std::string_view control = "0001") {
  const size_t segments = static_cast<size_t>(std::count(body.begin(), body.end(), '~')) + 2;
  return "ST*820*" + std::string(control) + "~" + std::string(body) + "SE*" +
         std::to_string(segments) + "*" + std::string(control) + "~";
}

std::string Interchange(const std::vector<std::string>& sets) {
  std::string out(kIsa);
  out += "GS*RA*PAYER*PAYEE*20261120*0800*1*X*004010~";
  for (const std::string& s : sets) out += s;
  out += "GE*" + std::to_string(sets.size()) + "*1~IEA*1*000000001~";
  return out;
}

std::string Simple(std::string_view extra = "") {
  return Interchange({Set(std::string(kBpr) + "TRN*1*TRACE-1~N1*PR*NORTHWIND~N1*PE*CASHMATCH~" +
                          std::string(extra))});
}

BankReadOptions X12() {
  BankReadOptions o;
  o.format = BankFormat::kX12_820;
  return o;
}

// The first advice, or (with a failure) an empty one.
const RemittanceAdvice& First(const BankFile& f) {
  static const RemittanceAdvice kNone;
  EXPECT_FALSE(f.advices.empty());
  return f.advices.empty() ? kNone : f.advices[0];
}

BankFile Ok(const std::string& bytes) {
  Result<BankFile> r = ReadBankFile(bytes, "t.edi", X12());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : BankFile{};
}

void Refused(const std::string& bytes, Code code, uint64_t line, std::string_view reason,
             std::string_view field = "", const BankReadOptions& options = X12()) {
  Result<BankFile> r = ReadBankFile(bytes, "t.edi", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), code) << r.status().ToString();
  EXPECT_EQ(r.status().where().line, line) << r.status().ToString();
  EXPECT_EQ(r.status().where().file, "t.edi");
  EXPECT_NE(r.status().reason().find(reason), std::string_view::npos) << r.status().ToString();
  if (!field.empty()) {
    EXPECT_EQ(r.status().where().field, field);
  }
}

// Replaces every '~' by `terminator` + `after` (and '*' by `element`).
std::string Restyle(std::string s, char element, std::string_view terminator) {
  std::string out;
  for (char c : s) {
    if (c == '~') {
      out += terminator;
    } else {
      out.push_back(c == '*' ? element : c);
    }
  }
  return out;
}

TEST(X12820, AnAdvice) {
  BankFile f = Ok(Simple("ENT*1~RMR*IV*INV-1**1000.00*1020.00*20.00~RMR*IV*INV-2**500~"));
  ASSERT_EQ(f.advices.size(), 1u);
  const RemittanceAdvice& a = f.advices[0];
  EXPECT_EQ(a.source_file, "t.edi");
  EXPECT_EQ(a.source_line, 1u);
  EXPECT_EQ(a.format, "x12_820");
  EXPECT_EQ(a.source_ref, "TRACE-1");
  EXPECT_EQ(a.trace_number, "TRACE-1");
  EXPECT_EQ(a.amount, M(150000, "USD"));
  EXPECT_EQ(a.payment_date, D(2026, 11, 20));
  EXPECT_EQ(a.payer_name, "NORTHWIND");
  EXPECT_EQ(a.payee_name, "CASHMATCH");
  EXPECT_EQ(a.payer_account, "026009593:8765117001");
  ASSERT_EQ(a.remittance.size(), 2u);
  EXPECT_EQ(a.remittance.at(0).reference, "INV-1");
  EXPECT_EQ(a.remittance.at(0).paid, M(100000, "USD"));
  EXPECT_EQ(a.remittance.at(0).invoice_amount, M(102000, "USD"));
  EXPECT_EQ(a.remittance.at(0).discount, M(2000, "USD"));
  EXPECT_EQ(a.remittance[1].paid, M(50000, "USD"));
  EXPECT_FALSE(a.remittance[1].invoice_amount.has_value());
}

TEST(X12820, DelimitersAndLayouts) {
  const std::string base = Simple("RMR*IV*INV-1**10~");
  const BankFile want = Ok(base);
  for (const auto& [element, terminator] : std::vector<std::pair<char, std::string>>{
           {'*', "~\n"}, {'*', "~\r\n"}, {'|', "\\"}, {'*', "\r\n"}, {'*', "\n"},
           {'\xA6', "~"}, {'^', "'\n  "}}) {
    SCOPED_TRACE(terminator);
    BankFile got = Ok(Restyle(base, element, terminator));
    ASSERT_EQ(got.advices.size(), 1u);
    RemittanceAdvice a = got.advices[0];
    a.source_line = want.advices[0].source_line;
    EXPECT_EQ(a, want.advices[0]);
  }
}

TEST(X12820, ByteOrderMarkIndentationAndUnpaddedIsa) {
  std::string text = "\xEF\xBB\xBF  " + Restyle(Simple("RMR*IV*A**1~"), '*', "~\r\n    ");
  text.replace(text.find("*00*          *00*          *"), 29, "*00* *00* *");
  BankFile f = Ok(text);
  ASSERT_EQ(f.advices.size(), 1u);
  EXPECT_EQ(f.advices[0].source_line, 3u);
  EXPECT_EQ(f.advices[0].remittance.at(0).paid, M(100, "USD"));
}

TEST(X12820, SeveralSetsGroupsAndInterchanges) {
  const std::string one = Interchange({Set(std::string(kBpr) + "TRN*1*A~", "0001"),
                                       Set(std::string(kBpr) + "TRN*1*B~", "0002")});
  BankFile f = Ok(one + "\n" + Restyle(Simple(), '|', "\\\n"));
  ASSERT_EQ(f.advices.size(), 3u);
  EXPECT_EQ(f.advices[0].source_ref, "A");
  EXPECT_EQ(f.advices[1].source_ref, "B");
  EXPECT_EQ(f.advices[2].source_ref, "TRACE-1");
  EXPECT_EQ(f.advices[2].source_line, 4u);  // ISA on line 2, its ST on line 4
}

TEST(X12820, AdjustmentsAttachToTheirLine) {
  BankFile f = Ok(Simple(
      "ENT*1~RMR*IV*INV-1**90*100~REF*PO*PO-77~ADX*-5.00*01~ADX*-5*02~"
      "ENT*2~ADX*-12.50*CS*IV*INV-9~"));
  const RemittanceAdvice& a = First(f);
  ASSERT_EQ(a.remittance.size(), 2u);
  EXPECT_EQ(a.remittance.at(0).adjustment, M(-1000, "USD"));
  EXPECT_EQ(a.remittance.at(0).adjustment_reason, "01,02");
  // An ADX outside an RMR loop is a line of its own, named by ADX04.
  EXPECT_EQ(a.remittance[1].reference, "INV-9");
  EXPECT_EQ(a.remittance[1].adjustment, M(-1250, "USD"));
  EXPECT_EQ(a.remittance[1].adjustment_reason, "CS");
  EXPECT_FALSE(a.remittance[1].paid.has_value());
  EXPECT_EQ(a.remittance_text, "PO PO-77");
}

TEST(X12820, DebitFlagMakesTheAmountNegative) {
  std::string text = Simple();
  text.replace(text.find("*1500.00*C*"), 11, "*1500.00*D*");
  EXPECT_EQ(First(Ok(text)).amount, M(-150000, "USD"));
}

TEST(X12820, CurrencyFromCur) {
  BankFile eur = Ok(Simple("CUR*PR*EUR~RMR*IV*A**12.5~"));
  EXPECT_EQ(First(eur).amount, M(150000, "EUR"));
  EXPECT_EQ(First(eur).remittance.at(0).paid, M(1250, "EUR"));
  std::string jpy = Simple("CUR*PR*JPY~RMR*IV*A**1500~");
  jpy.replace(jpy.find("1500.00"), 7, "1500.0");  // a zero past the yen's decimals is harmless
  EXPECT_EQ(First(Ok(jpy)).amount, M(1500, "JPY"));
  BankFile kwd = Ok(Simple("CUR*PR*KWD~RMR*IV*A**1.250~"));
  EXPECT_EQ(First(kwd).remittance.at(0).paid, M(1250, "KWD"));
  Refused(Simple("CUR*PR*JPY~RMR*IV*A**1500.5~"), Code::kInvalidInput, 1,
          "RMR04 amount paid '1500.5' has 1 decimals; the currency has 0", "RMR04");
}

TEST(X12820, TrailingZerosBeyondTheCurrencyAreAccepted) {
  EXPECT_EQ(First(Ok(Simple("RMR*IV*A**1170.000~"))).remittance.at(0).paid, M(117000, "USD"));
}

TEST(X12820, PaymentDateFromDtmWhenBprHasNone) {
  std::string text = Simple();
  text.replace(text.find("*20261120~"), 10, "~DTM*097*20261101~DTM*007*261118~");
  // The SE count must include the two DTMs.
  text.replace(text.find("SE*6*"), 5, "SE*8*");
  EXPECT_EQ(First(Ok(text)).payment_date, D(2026, 11, 18));  // 007 over 097
}

TEST(X12820, RemitterIsThePayerWhenThereIsNoN1Pr) {
  std::string text = Simple();
  text.replace(text.find("N1*PR*NORTHWIND"), 15, "N1*RM*NORTHWIND");
  EXPECT_EQ(First(Ok(text)).payer_name, "NORTHWIND");
}

TEST(X12820, NotesJoinAsTheirWidthSuggests) {
  const std::string full(80, 'N');
  BankFile f = Ok(Simple("NTE*ZZZ*" + full + "~NTE*ZZZ*OTE ONE~NTE*ZZZ*NOTE TWO~REF*ZZ**A REMARK~"));
  EXPECT_EQ(First(f).remittance_text, full + "OTE ONE NOTE TWO A REMARK");
}

TEST(X12820, Windows1252TextBecomesUtf8) {
  std::string text = Simple();
  text.replace(text.find("NORTHWIND"), 9, "M\xDCLLER AG");
  EXPECT_EQ(First(Ok(text)).payer_name, "M\xC3\x9CLLER AG");
}

TEST(X12820, SniffedByItsIsa) {
  BankFile f = testing::ReadBankOk(Simple(), "t.edi");
  EXPECT_EQ(f.format, BankFormat::kX12_820);
}

TEST(X12820Errors, ControlCounts) {
  const std::string good = Simple();
  struct Case {
    std::string from, to, reason, field;
  };
  for (const Case& c : std::vector<Case>{
           {"SE*6*0001", "SE*7*0001", "SE01 says 7 segments but the transaction set from line 1 "
                                      "has 6", "SE01"},
           {"SE*6*0001", "SE*6*0002", "SE02 control number '0002' differs from ST02 '0001'",
            "SE02"},
           {"GE*1*1", "GE*2*1", "GE01 says 2 transaction sets but the group has 1", "GE01"},
           {"GE*1*1", "GE*1*9", "GE02 control number '9' differs from GS06 '1'", "GE02"},
           {"IEA*1*000000001", "IEA*3*000000001", "IEA01 says 3 functional groups", "IEA01"},
           {"IEA*1*000000001", "IEA*1*000000002", "IEA02 control number '000000002' differs",
            "IEA02"},
       }) {
    SCOPED_TRACE(c.reason);
    std::string bad = good;
    bad.replace(bad.find(c.from), c.from.size(), c.to);
    Refused(bad, Code::kInvalidInput, 1, c.reason, c.field);
  }
}

TEST(X12820Errors, MissingEnvelopeSegments) {
  const std::string good = Restyle(Simple(), '*', "~\n");
  auto without = [&](std::string_view seg) {
    std::string s = good;
    const size_t at = s.find("\n" + std::string(seg)) + 1;
    s.erase(at, s.find('\n', at) + 1 - at);
    return s;
  };
  Refused(without("SE*"), Code::kInvalidInput, 8, "GE before the SE of the transaction set at line 3");
  Refused(without("GE*"), Code::kInvalidInput, 9, "IEA before the GE of the group at line 2");
  Refused(without("IEA*"), Code::kInvalidInput, 1, "has no IEA: the 820 is truncated");
  Refused(good.substr(0, good.find("SE*")), Code::kInvalidInput, 3,
          "the transaction set that starts here has no SE");
  Refused(without("ST*"), Code::kInvalidInput, 3, "segment BPR outside a transaction set");
}

TEST(X12820Errors, NotAn820) {
  std::string text = Simple();
  text.replace(text.find("ST*820"), 6, "ST*835");
  Refused(text, Code::kInvalidInput, 1, "transaction set '835' is not an 820", "ST01");
  Refused("hello", Code::kInvalidInput, 1, "does not start with an ISA segment");
  Refused("", Code::kInvalidInput, 1, "the file is empty");
  Refused(Simple() + "garbage", Code::kInvalidInput, 1, "'garbage' after the IEA");
}

TEST(X12820Errors, NoBpr) {
  Refused(Interchange({Set("TRN*1*X~")}), Code::kInvalidInput, 1, "has no BPR segment", "BPR");
}

TEST(X12820Errors, BadMoneyAndDates) {
  std::string amount = Simple();
  amount.replace(amount.find("1500.00"), 7, "15OO.00");
  Refused(amount, Code::kInvalidInput, 1, "BPR02 payment amount '15OO.00' is not a number", "BPR02");
  std::string flag = Simple();
  flag.replace(flag.find("*1500.00*C*"), 11, "*1500.00*X*");
  Refused(flag, Code::kInvalidInput, 1, "BPR03 credit/debit flag 'X' is neither C nor D");
  std::string date = Simple();
  date.replace(date.find("20261120~"), 8, "20261131");
  Refused(date, Code::kInvalidInput, 1, "BPR16 payment date '20261131' is not a date");
  Refused(Simple("RMR*IV*A**12.345~"), Code::kInvalidInput, 1, "'12.345' has 3 decimals");
  Refused(Simple("RMR*IV*A**1,000.00~"), Code::kInvalidInput, 1, "'1,000.00' is not a number");
  Refused(Simple("CUR*PR*XYZ~"), Code::kInvalidInput, 1, "CUR02 'XYZ' is not an ISO 4217");
  Refused(Simple("RMR*IV*A**1~CUR*PR*EUR~"), Code::kInvalidInput, 1,
          "CUR comes after amounts already read in USD");
  Refused(Simple("ADX**01~"), Code::kInvalidInput, 1, "ADX01 adjustment amount is empty");
}

TEST(X12820Errors, BrokenIsa) {
  Refused("ISA*00*  *00~", Code::kInvalidInput, 1, "ISA segment is incomplete: 3 of its 16");
  std::string text = Simple();
  text.replace(text.find(">~GS"), 2, ">G");
  Refused(text, Code::kInvalidInput, 1, "the byte after ISA16 ('G') is not a usable");
  Refused("ISA1", Code::kInvalidInput, 1, "the element separator after 'ISA' is '1'");
}

TEST(X12820Errors, AMissingTerminatorShowsInTheSegmentCount) {
  std::string text = Restyle(Simple(), '*', "~\n");
  text.replace(text.find("~\nN1*PR"), 2, "\n");  // TRN runs on into the N1
  Refused(text, Code::kInvalidInput, 8, "SE01 says 6 segments but the transaction set from line 3 "
                                        "has 5");
}

TEST(X12820Errors, BadSegmentId) {
  std::string text = Restyle(Simple(), '*', "~\n");
  text.replace(text.find("N1*PR"), 2, "n1");
  Refused(text, Code::kInvalidInput, 6, "'n1' is not an X12 segment id");
}

TEST(X12820Errors, OverlongSegment) {
  BankReadOptions o = X12();
  o.max_record_bytes = 500;
  Refused(Restyle(Simple("NTE*ZZZ*" + std::string(600, 'X') + "~"), '*', "~\n"),
          Code::kResourceExhausted, 8, "an X12 segment of 608 bytes, over the limit of 500", "",
          o);
}

}  // namespace
}  // namespace cashmatch
