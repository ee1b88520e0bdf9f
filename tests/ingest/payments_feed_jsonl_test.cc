// The payments feed as JSON Lines: what is read, and every way a file is
// refused with the place it names.
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

constexpr BankFormat kJsonl = BankFormat::kPaymentsJsonl;

BankFile Jsonl(std::string_view text, BankReadOptions options = {}) {
  return ReadFeedOk(text, kJsonl, "feed.jsonl", options);
}

constexpr std::string_view kGood =
    R"({"source_ref":"R1","value_date":"2026-11-20","amount":"100.00","currency":"USD"})"
    "\n";

// A good object on line 1, then `line` on line 2.
void Refused(std::string_view line, const testing::Refusal& want,
             BankReadOptions options = {}) {
  ExpectFeedRefused(std::string(kGood) + std::string(line) + "\n", kJsonl, want, options);
}

// An object with the required fields and `extra` members appended.
std::string Obj(std::string_view extra, std::string_view amount = "\"10.00\"",
                std::string_view ref = "R2") {
  std::string s = R"({"source_ref":")" + std::string(ref) +
                  R"(","value_date":"2026-11-20","amount":)" + std::string(amount) +
                  R"(,"currency":"USD")";
  if (!extra.empty()) s += "," + std::string(extra);
  return s + "}";
}

TEST(PaymentsJsonl, ReadsTheSpecFields) {
  const BankFile f = Jsonl(
      R"({"source_ref":"LB-1","value_date":"2026-11-20","amount":1234.50,"currency":"USD",)"
      R"("payer_name":"Acme Foods Inc","payer_account":"021000021:4455","remittance":"INV-1001 INV-1002"})"
      "\n"
      R"({"currency":"JPY","amount":"1500","value_date":"2026-11-21","source_ref":"LB-2"})"
      "\n");
  EXPECT_EQ(f.format, kJsonl);
  ASSERT_EQ(f.payments.size(), 2u);
  testing::ExpectWellFormed(f, "feed.jsonl");
  const Payment& a = f.payments[0];
  EXPECT_EQ(a.source_file, "feed.jsonl");
  EXPECT_EQ(a.source_line, 1u);
  EXPECT_EQ(a.format, "jsonl");
  EXPECT_EQ(a.source_ref, "LB-1");
  EXPECT_EQ(a.direction, Direction::kCredit);
  EXPECT_EQ(a.amount, M(123450, "USD"));
  EXPECT_EQ(a.value_date, D(2026, 11, 20));
  EXPECT_EQ(a.payer_name, "Acme Foods Inc");
  EXPECT_EQ(a.payer_account, "021000021:4455");
  EXPECT_EQ(a.remittance_text, "INV-1001 INV-1002");
  EXPECT_EQ(f.payments[1].source_line, 2u);
  EXPECT_EQ(f.payments[1].amount, M(1500, "JPY"));
  EXPECT_EQ(testing::CreditTotal(f), 123450 + 1500);
}

TEST(PaymentsJsonl, ReadsEveryOptionalField) {
  const BankFile f = Jsonl(Obj(
      R"("payer_name":"Wide World","payer_account":"111000025:77","remittance":"see lines",)"
      R"("direction":"debit","booking_date":"2026-11-19","trace_number":"091000019000123",)"
      R"("account":"121000248:123456789","transaction_code":"ACH CCD","is_return":true,)"
      R"("return_reason":"R01","original_ref":"091000019000001",)"
      R"("lines":[{"reference":"INV-7","paid":"30.00"},)"
      R"({"reference":"INV-8","paid":20,"invoice_amount":25.00,"discount":"1.00",)"
      R"("adjustment":4,"adjustment_reason":"SHORT","note":{"x":[1,2]}}])"));
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.direction, Direction::kDebit);
  EXPECT_EQ(p.amount, M(1000, "USD"));
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
  EXPECT_EQ(p.remittance[1].reference, "INV-8");
  EXPECT_EQ(p.remittance[1].paid, M(2000, "USD"));
  EXPECT_EQ(p.remittance[1].invoice_amount, M(2500, "USD"));
  EXPECT_EQ(p.remittance[1].discount, M(100, "USD"));
  EXPECT_EQ(p.remittance[1].adjustment, M(400, "USD"));
  EXPECT_EQ(p.remittance[1].adjustment_reason, "SHORT");
}

TEST(PaymentsJsonl, KeysIgnoreCaseAndUnknownFieldsAreSkipped) {
  const BankFile f = Jsonl(
      R"({"Source_Ref":"A","VALUE_DATE":"2026-01-02","Amount":7.5,"currency":"USD",)"
      R"("meta":{"batch":[1,{"deep":null}],"ok":true},"n":-1.5e3,"s":"x"})");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_ref, "A");
  EXPECT_EQ(f.payments[0].amount, M(750, "USD"));
  EXPECT_EQ(f.payments[0].value_date, D(2026, 1, 2));
}

TEST(PaymentsJsonl, NullIsAbsent) {
  const BankFile f = Jsonl(Obj(R"("payer_name":null,"lines":null,"direction":null,"is_return":null)"));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].payer_name, "");
  EXPECT_TRUE(f.payments[0].remittance.empty());
  EXPECT_EQ(f.payments[0].direction, Direction::kCredit);
}

TEST(PaymentsJsonl, LineEndsBlankLinesAndByteOrderMark) {
  const std::string a = Obj("", "1", "A"), b = Obj("", "2", "B");
  for (const std::string& text :
       {a + "\n" + b + "\n", a + "\r\n" + b + "\r\n", a + "\n" + b, "\xEF\xBB\xBF" + a + "\n" + b,
        a + "\n   \n\r\n\t\n" + b + "\n\n"}) {
    const BankFile f = Jsonl(text);
    ASSERT_EQ(f.payments.size(), 2u) << text;
    EXPECT_EQ(f.payments[0].source_line, 1u);
    EXPECT_EQ(f.payments[1].amount, M(200, "USD"));
  }
  const BankFile blanks = Jsonl("\n\n" + a + "\n\n\n" + b);
  ASSERT_EQ(blanks.payments.size(), 2u);
  EXPECT_EQ(blanks.payments[0].source_line, 3u);
  EXPECT_EQ(blanks.payments[1].source_line, 6u);
}

TEST(PaymentsJsonl, WhiteSpaceAroundAndInsideTheObject) {
  const BankFile f = Jsonl(
      "  { \"source_ref\" : \"A\" ,\t\"value_date\":\"2026-01-01\", \"amount\" : 12.50 , "
      "\"currency\":\"USD\" }  \r\n");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].amount, M(1250, "USD"));
}

TEST(PaymentsJsonl, NumbersAreReadFromTheirText) {
  // 0.29 and 1.15 are not exact in binary floating point; read as text they are.
  const BankFile f = Jsonl(Obj("", "0.29", "A") + "\n" + Obj("", "1.15", "B") + "\n" +
                           Obj("", "92233720368547758.07", "C") + "\n" + Obj("", "-4", "D") + "\n");
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(f.payments[0].amount, M(29, "USD"));
  EXPECT_EQ(f.payments[1].amount, M(115, "USD"));
  EXPECT_EQ(f.payments[2].amount.minor, 9223372036854775807);
  EXPECT_EQ(f.payments[3].amount, M(400, "USD"));
  EXPECT_EQ(f.payments[3].direction, Direction::kDebit);
}

TEST(PaymentsJsonl, NumbersMayStandForTextFields) {
  const BankFile f = Jsonl(
      R"({"source_ref":123456,"value_date":"2026-01-01","amount":1,"currency":"USD","trace_number":91000019})");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_ref, "123456");
  EXPECT_EQ(f.payments[0].trace_number, "91000019");
}

TEST(PaymentsJsonl, EscapesAndUnicode) {
  const BankFile f = Jsonl(Obj(
      R"("payer_name":"Caf\u00e9 \"M\u00fcller\" \ud83d\ude00 \/","remittance":"INV-1\nINV-2\r\nINV-3\u0007")"));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].payer_name, "Caf\xC3\xA9 \"M\xC3\xBCller\" \xF0\x9F\x98\x80 /");
  // A line break in text is a word boundary; other controls become spaces,
  // trimmed at the ends like blanks.
  EXPECT_EQ(f.payments[0].remittance_text, "INV-1 INV-2 INV-3");
}

TEST(PaymentsJsonl, Utf8IsKept) {
  const BankFile f = Jsonl(Obj("\"payer_name\":\"Caf\xC3\xA9 \xE6\xBC\xA2\""));
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].payer_name, "Caf\xC3\xA9 \xE6\xBC\xA2");
}

TEST(PaymentsJsonl, Windows1252IsDecidedOnceForTheWholeFile) {
  // Line 1 alone is valid UTF-8 ("é" as C3 A9); line 3's lone E9 makes the
  // file Windows-1252, so line 1 reads as the two characters it is there.
  const BankFile f = Jsonl(Obj("\"payer_name\":\"Caf\xC3\xA9\"", "1", "A") + "\n" +
                           Obj("\"payer_name\":\"plain\"", "1", "B") + "\n" +
                           Obj("\"payer_name\":\"Caf\xE9\",\"remittance\":\"\x80 5\"", "1", "C") +
                           "\n");
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(f.payments[0].payer_name, "Caf\xC3\x83\xC2\xA9");  // "CafÃ©"
  EXPECT_EQ(f.payments[1].payer_name, "plain");
  EXPECT_EQ(f.payments[2].payer_name, "Caf\xC3\xA9");          // "Café"
  EXPECT_EQ(f.payments[2].remittance_text, "\xE2\x82\xAC 5");   // "€ 5"
  EXPECT_EQ(f.payments[2].source_line, 3u);
}

TEST(PaymentsJsonl, Windows1252LineMayGrowPastTheLimitWhenTranscoded) {
  // The limit is on the bytes in the file, not on their UTF-8 form.
  BankReadOptions options;
  options.max_record_bytes = 200;
  const std::string line = Obj("\"payer_name\":\"" + std::string(100, '\xE9') + "\"");
  ASSERT_LE(line.size(), 200u);
  const BankFile f = Jsonl(line, options);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].payer_name.size(), 200u);
}

TEST(PaymentsJsonl, DirectionAndReturnFlag) {
  const BankFile f = Jsonl(Obj(R"("direction":"DBIT","is_return":"yes")", "1", "A") + "\n" +
                           Obj(R"("direction":"credit","is_return":false)", "1", "B") + "\n" +
                           Obj(R"("return_reason":"R10")", "-1", "C") + "\n");
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(f.payments[0].direction, Direction::kDebit);
  EXPECT_TRUE(f.payments[0].is_return);
  EXPECT_EQ(f.payments[1].direction, Direction::kCredit);
  EXPECT_FALSE(f.payments[1].is_return);
  EXPECT_EQ(f.payments[2].direction, Direction::kDebit);
  EXPECT_TRUE(f.payments[2].is_return);
}

TEST(PaymentsJsonl, LinesInCompactForm) {
  const BankFile f = Jsonl(Obj(R"("lines":"INV-1:6.00;INV\\:2:4.00:5.00:1.00")"));
  ASSERT_EQ(f.payments.size(), 1u);
  const auto& lines = f.payments[0].remittance;
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].reference, "INV-1");
  EXPECT_EQ(lines[0].paid, M(600, "USD"));
  EXPECT_EQ(lines[1].reference, "INV:2");
  EXPECT_EQ(lines[1].invoice_amount, M(500, "USD"));
  EXPECT_EQ(lines[1].discount, M(100, "USD"));
}

TEST(PaymentsJsonl, LineWithoutReferenceButWithAnAmount) {
  const BankFile f = Jsonl(Obj(R"("lines":[{"adjustment":"-5.00","adjustment_reason":"freight"}])"));
  ASSERT_EQ(f.payments.size(), 1u);
  ASSERT_EQ(f.payments[0].remittance.size(), 1u);
  EXPECT_EQ(f.payments[0].remittance[0].reference, "");
  EXPECT_EQ(f.payments[0].remittance[0].adjustment, M(-500, "USD"));
  EXPECT_EQ(f.payments[0].remittance[0].adjustment_reason, "freight");
}

TEST(PaymentsJsonl, ShortLastLinesAreParsedFromAPaddedCopy) {
  // The last lines have less than simdjson's padding after them; each must
  // still parse exactly, the final one without a line end.
  std::string text;
  for (int i = 0; i < 40; ++i) text += Obj("", "1", "K" + std::to_string(i)) + "\n";
  text += R"({"source_ref":"Z","value_date":"2026-01-01","amount":9,"currency":"JPY"})";
  const BankFile f = Jsonl(text);
  ASSERT_EQ(f.payments.size(), 41u);
  EXPECT_EQ(f.payments.back().amount, M(9, "JPY"));
  EXPECT_EQ(f.payments.back().source_line, 41u);
}

TEST(PaymentsJsonl, SniffedFromItsFirstByte) {
  Result<BankFile> r = ReadBankFile("\n" + Obj(""), "f.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, kJsonl);
  ASSERT_EQ(r->payments.size(), 1u);
  EXPECT_EQ(r->payments[0].format, "jsonl");
  EXPECT_EQ(r->payments[0].source_line, 2u);
}

// ---- refusals ----

TEST(PaymentsJsonlErrors, EmptyFile) {
  for (std::string_view text : {"", "\n", " \r\n\t\n", "\xEF\xBB\xBF"}) {
    ExpectFeedRefused(text, kJsonl, {Code::kInvalidInput, 1, 0, "", "the file is empty"});
  }
}

TEST(PaymentsJsonlErrors, Utf16) {
  ExpectFeedRefused(std::string("\xFF\xFE{\0\"\0", 6), kJsonl,
                    {Code::kInvalidInput, 1, 0, "", "the file is UTF-16"});
}

TEST(PaymentsJsonlErrors, NotJsonLines) {
  ExpectFeedRefused("source_ref,value_date,amount,currency\n", kJsonl,
                    {Code::kInvalidInput, 1, 0, "", "the line is not a JSON object"});
  Refused("[1,2]", {Code::kInvalidInput, 2, 0, "", "the line is not a JSON object"});
  Refused("\"text\"", {Code::kInvalidInput, 2, 0, "", "the line is not a JSON object"});
}

TEST(PaymentsJsonlErrors, Syntax) {
  Refused(R"({"source_ref":"R2","value_date":"2026-11-20",)",
          {Code::kInvalidInput, 2, 0, "", "invalid JSON"});
  Refused(R"({"source_ref":"R2" "value_date":"2026-11-20"})",
          {Code::kInvalidInput, 2, 0, "", "invalid JSON"});
  Refused(Obj("") + " {}", {Code::kInvalidInput, 2, 0, "", "unexpected text after the JSON object"});
  Refused(Obj("") + "x", {Code::kInvalidInput, 2, 0, "", "invalid JSON"});
  // An object broken over two lines is two bad lines.
  Refused(R"({"source_ref":"R2",)" "\n" R"("value_date":"2026-11-20","amount":1,"currency":"USD"})",
          {Code::kInvalidInput, 2, 0, "", "invalid JSON"});
  // Damage inside a field nobody reads still refuses the file.
  Refused(Obj(R"("extra":[1,2,}])"), {Code::kInvalidInput, 2, 0, "", "invalid JSON"});
  Refused(Obj(R"("extra":{"a":tru})"), {Code::kInvalidInput, 2, 0, "", "invalid JSON"});
  Refused(Obj(R"("extra":01)"), {Code::kInvalidInput, 2, 0, "", "is not a number"});
  Refused(Obj(R"("payer_name":"a\qb")"), {Code::kInvalidInput, 2, 0, "payer_name", "invalid JSON"});
  Refused(Obj(R"("payer_name":"\ud800x")"), {Code::kInvalidInput, 2, 0, "payer_name", "invalid JSON"});
  Refused(Obj("\"payer_name\":\"a\tb\""), {Code::kInvalidInput, 2, 0, "", "invalid JSON"});
}

TEST(PaymentsJsonlErrors, NestedTooDeep) {
  Refused(Obj("\"x\":" + std::string(70, '[') + std::string(70, ']')),
          {Code::kInvalidInput, 2, 0, "", "nested more than 64 levels deep"});
}

TEST(PaymentsJsonlErrors, DuplicateKey) {
  Refused(Obj(R"("amount":"5.00")"),
          {Code::kInvalidInput, 2, 0, "amount", "field 'amount' appears twice"});
  Refused(Obj(R"("Payer_Name":"a","payer_name":"b")"),
          {Code::kInvalidInput, 2, 0, "payer_name", "field 'payer_name' appears twice"});
}

TEST(PaymentsJsonlErrors, WrongValueTypes) {
  Refused(Obj("", "true"), {Code::kInvalidInput, 2, 0, "amount", "must be a string or a number"});
  Refused(Obj("", "{\"v\":1}"), {Code::kInvalidInput, 2, 0, "amount", "must be a string or a number"});
  Refused(Obj(R"("payer_name":["a"])"),
          {Code::kInvalidInput, 2, 0, "payer_name", "must be a string or a number"});
  Refused(Obj(R"("is_return":[true])"),
          {Code::kInvalidInput, 2, 0, "is_return", "must be a string or a number"});
  Refused(Obj(R"("lines":5)"),
          {Code::kInvalidInput, 2, 0, "lines", "must be an array of objects"});
  Refused(Obj(R"("lines":{"reference":"A"})"),
          {Code::kInvalidInput, 2, 0, "lines", "must be an array of objects"});
  Refused(Obj(R"("lines":[{"reference":"A"},"B"])"),
          {Code::kInvalidInput, 2, 0, "lines[2]", "lines[2] must be an object"});
  Refused(Obj(R"("lines":[{"reference":"A","paid":[1]}])"),
          {Code::kInvalidInput, 2, 0, "lines[1].paid", "must be a string or a number"});
}

TEST(PaymentsJsonlErrors, MissingOrEmptyRequiredField) {
  Refused(R"({"value_date":"2026-11-20","amount":1,"currency":"USD"})",
          {Code::kInvalidInput, 2, 0, "source_ref", "missing required field 'source_ref'"});
  Refused(R"({"source_ref":"R2","amount":1,"currency":"USD"})",
          {Code::kInvalidInput, 2, 0, "value_date", "missing required field 'value_date'"});
  Refused(Obj("", "null"), {Code::kInvalidInput, 2, 0, "amount", "missing required field 'amount'"});
  Refused(R"({"source_ref":"R2","value_date":"2026-11-20","amount":1})",
          {Code::kInvalidInput, 2, 0, "currency", "missing required field 'currency'"});
  Refused(Obj("", "\"1\"", " "),
          {Code::kInvalidInput, 2, 0, "source_ref", "required field 'source_ref' is empty"});
  Refused("{}", {Code::kInvalidInput, 2, 0, "source_ref", "missing required field"});
}

TEST(PaymentsJsonlErrors, BadValues) {
  Refused(Obj("", "12.345"),
          {Code::kInvalidInput, 2, 0, "amount", "amount '12.345' has more than 2 decimals"});
  Refused(Obj("", "1e3"), {Code::kInvalidInput, 2, 0, "amount", "amount '1e3' is not a decimal number"});
  Refused(Obj("", "0"), {Code::kInvalidInput, 2, 0, "amount", "is zero"});
  Refused(Obj("", "-0.00"), {Code::kInvalidInput, 2, 0, "amount", "is zero"});
  Refused(Obj("", "\"12 USD\""), {Code::kInvalidInput, 2, 0, "amount", "not a decimal number"});
  Refused(Obj("", "123456789012345678901"), {Code::kInvalidInput, 2, 0, "amount", "out of range"});
  Refused(R"({"source_ref":"R2","value_date":"2026-13-01","amount":1,"currency":"USD"})",
          {Code::kInvalidInput, 2, 0, "value_date", "not a calendar date"});
  Refused(R"({"source_ref":"R2","value_date":20261120,"amount":1,"currency":"USD"})",
          {Code::kInvalidInput, 2, 0, "value_date", "not a date as YYYY-MM-DD"});
  Refused(R"({"source_ref":"R2","value_date":"2026-11-20","amount":1,"currency":"EURO"})",
          {Code::kInvalidInput, 2, 0, "currency", "unknown currency 'EURO'"});
  Refused(R"({"source_ref":"R2","value_date":"2026-11-20","amount":1,"currency":"eur"})",
          {Code::kInvalidInput, 2, 0, "currency", "must be written in capitals"});
  Refused(Obj(R"("direction":"sideways")"),
          {Code::kInvalidInput, 2, 0, "direction", "neither 'credit' nor 'debit'"});
  Refused(Obj(R"("direction":"C")", "-1"),
          {Code::kInvalidInput, 2, 0, "amount", "is negative but direction says credit"});
  Refused(Obj(R"("is_return":"perhaps")"),
          {Code::kInvalidInput, 2, 0, "is_return", "neither true nor false"});
  Refused(Obj(R"("is_return":false,"return_reason":"R01")"),
          {Code::kInvalidInput, 2, 0, "is_return", "is_return is false but return_reason"});
  Refused(Obj(R"("booking_date":"yesterday")"),
          {Code::kInvalidInput, 2, 0, "booking_date", "not a date as YYYY-MM-DD"});
  Refused(Obj(R"("account":"12\n34")"),
          {Code::kInvalidInput, 2, 0, "account", "contains a control character"});
  Refused(Obj("", "1", "R\\t2"),
          {Code::kInvalidInput, 2, 0, "source_ref", "contains a control character"});
}

TEST(PaymentsJsonlErrors, BadLines) {
  Refused(Obj(R"("lines":[{"reference":"A","paid":"1.00"},{"reference":"B","paid":"x"}])"),
          {Code::kInvalidInput, 2, 0, "lines[2].paid", "lines[2].paid: amount 'x' is not a decimal"});
  Refused(Obj(R"("lines":[{"reference":"A","discount":0.001}])"),
          {Code::kInvalidInput, 2, 0, "lines[1].discount", "more than 2 decimals"});
  Refused(Obj(R"("lines":[{"reference":"A","reference":"B"}])"),
          {Code::kInvalidInput, 2, 0, "lines[1].reference", "lines[1].reference appears twice"});
  Refused(Obj(R"("lines":[{"note":"nothing"}])"),
          {Code::kInvalidInput, 2, 0, "lines[1]", "has neither a reference nor an amount"});
  Refused(Obj(R"("lines":[{"reference":"A\u0001"}])"),
          {Code::kInvalidInput, 2, 0, "lines[1].reference", "contains a control character"});
  Refused(Obj(R"("lines":"A:1:2:3:4:5:6")"),
          {Code::kInvalidInput, 2, 0, "lines[1]", "more than 6 ':'-separated parts"});
  Refused(Obj(R"("lines":"A:1;B:zz")"),
          {Code::kInvalidInput, 2, 0, "lines[2].paid", "not a decimal number"});
}

TEST(PaymentsJsonlErrors, DuplicateSourceRef) {
  Refused(Obj("", "\"1\"", "R1"),
          {Code::kInvalidInput, 2, 0, "source_ref", "duplicate source_ref 'R1' also on line 1"});
}

TEST(PaymentsJsonlErrors, LineLongerThanTheLimit) {
  BankReadOptions options;
  options.max_record_bytes = 100;
  const std::string at_limit = Obj("\"x\":\"" + std::string(100 - Obj("\"x\":\"\"").size(), 'a') + "\"");
  ASSERT_EQ(at_limit.size(), 100u);
  // Exactly at the limit, with the line end not counted, is accepted.
  EXPECT_EQ(Jsonl(at_limit + "\r\n", options).payments.size(), 1u);
  Refused(Obj("\"x\":\"" + std::string(200, 'a') + "\""),
          {Code::kResourceExhausted, 2, 0, "", "longer than 100 bytes"}, options);
  // In a Windows-1252 file, after the restart, too.
  Refused(Obj("\"x\":\"\xE9" + std::string(200, 'a') + "\""),
          {Code::kResourceExhausted, 2, 0, "", "longer than 100 bytes"}, options);
}

TEST(PaymentsJsonlErrors, FirstErrorInFileOrderWins) {
  ExpectFeedRefused(Obj("", "\"x\"", "A") + "\n" + Obj("", "\"1\"", "A") + "\n", kJsonl,
                    {Code::kInvalidInput, 1, 0, "amount", "not a decimal number"});
  // A repeated reference comes before a later syntax error, over-long line
  // or line that is not UTF-8 (which would otherwise restart the reading).
  const std::string repeat = std::string(kGood) + Obj("", "1", "R1") + "\n";
  ExpectFeedRefused(repeat + "{\"source_ref\":\n", kJsonl,
                    {Code::kInvalidInput, 2, 0, "source_ref", "duplicate source_ref 'R1'"});
  BankReadOptions small;
  small.max_record_bytes = 120;
  ExpectFeedRefused(repeat + Obj("\"x\":\"" + std::string(200, 'a') + "\""), kJsonl,
                    {Code::kInvalidInput, 2, 0, "source_ref", "duplicate source_ref 'R1'"}, small);
  ExpectFeedRefused(repeat + Obj("\"payer_name\":\"\xE9\""), kJsonl,
                    {Code::kInvalidInput, 2, 0, "source_ref", "duplicate source_ref 'R1'"});
  // A syntax error before a repeated reference is the one reported.
  ExpectFeedRefused(std::string(kGood) + "{\n" + Obj("", "1", "R1") + "\n", kJsonl,
                    {Code::kInvalidInput, 2, 0, "", "invalid JSON"});
}

}  // namespace
}  // namespace cashmatch
