// Every way an open-items file is refused, with the exact place it names.
#include <gtest/gtest.h>

#include <string>

#include "cashmatch/open_items_reader.h"
#include "ingest/open_items_test_util.h"

namespace cashmatch {
namespace {

using testing::ExpectRefused;
using Code = StatusCode;

// Invoice CSV: header on line 1; a good row on line 2; the row under test
// (built from overrides) on line 3. Columns:
// 1 invoice_id, 2 customer_id, 3 currency, 4 amount, 5 open_amount,
// 6 invoice_date, 7 due_date, 8 po_number, 9 discount_pct, 10 discount_days,
// 11 as_of, 12 company
constexpr std::string_view kInvoiceHeader =
    "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date,po_number,"
    "discount_pct,discount_days,as_of,company\n";
constexpr std::string_view kGoodInvoice = "INV-1,C1,USD,100.00,100.00,2026-01-01,2026-01-31,,,,,\n";

std::string InvoiceCsv(std::string_view row) {
  return std::string(kInvoiceHeader) + std::string(kGoodInvoice) + std::string(row) + "\n";
}

TEST(OpenItemsErrors, UnknownCurrency) {
  ExpectRefused(InvoiceCsv("INV-2,C1,USX,1,1,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 3, "currency", "unknown currency 'USX'"});
}

TEST(OpenItemsErrors, CurrencyMustBeWrittenAsIsoDoes) {
  ExpectRefused(InvoiceCsv("INV-2,C1,usd,1,1,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 3, "currency", "'usd' must be written in capitals"});
}

TEST(OpenItemsErrors, MoreDecimalsThanTheCurrencyHas) {
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,12.345,1,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 4, "amount",
                 "amount '12.345' has more than 2 decimals for its currency"});
  ExpectRefused(InvoiceCsv("INV-2,C1,JPY,100,100.5,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 5, "open_amount", "more than 0 decimals"});
  ExpectRefused(InvoiceCsv("INV-2,C1,KWD,1.2345,1,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 4, "amount", "more than 3 decimals"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,\"1,000.00\",1,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 4, "amount", "not a decimal number"});
}

TEST(OpenItemsErrors, EmptyRequiredValue) {
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01, ,,,,,"),
                {Code::kInvalidInput, 3, 7, "due_date", "required field 'due_date' is empty"});
  ExpectRefused(InvoiceCsv(",C1,USD,1,1,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 1, "invoice_id", "'invoice_id' is empty"});
}

TEST(OpenItemsErrors, OpenAmountMustFitTheAmount) {
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,100,-5,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 5, "open_amount", "opposite signs"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,-100,5,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 5, "open_amount", "opposite signs"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,100,100.01,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 5, "open_amount",
                 "open_amount '100.01' is larger than the invoice amount '100'"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,-100,-100.01,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 5, "open_amount", "larger than the invoice amount"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,0,0.01,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 5, "open_amount", "larger than the invoice amount"});
}

TEST(OpenItemsErrors, Dates) {
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-02-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 7, "due_date",
                 "due_date 2026-01-31 is before invoice_date 2026-02-01"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-02-30,2026-03-31,,,,,"),
                {Code::kInvalidInput, 3, 6, "invoice_date", "not a calendar date"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01,01/31/2026,,,,,"),
                {Code::kInvalidInput, 3, 7, "due_date", "not a date as YYYY-MM-DD"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01,2026-01-31,,,,yesterday,"),
                {Code::kInvalidInput, 3, 11, "as_of", "not an ISO 8601 timestamp"});
}

TEST(OpenItemsErrors, DiscountTerms) {
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01,2026-01-31,,,10,,"),
                {Code::kInvalidInput, 3, 10, "discount_days", "without discount_pct"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01,2026-01-31,,2,70000,,"),
                {Code::kInvalidInput, 3, 10, "discount_days", "from 0 to 65535"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01,2026-01-31,,2,-1,,"),
                {Code::kInvalidInput, 3, 10, "discount_days", "from 0 to 65535"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01,2026-01-31,,2.555,10,,"),
                {Code::kInvalidInput, 3, 9, "discount_pct", "at most two decimals"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01,2026-01-31,,101,10,,"),
                {Code::kInvalidInput, 3, 9, "discount_pct", "outside 0..100"});
  // The largest discount_days is fine.
  testing::ReadOk(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01,2026-01-31,,2,65535,,"));
}

TEST(OpenItemsErrors, IdsHoldNoControlCharacters) {
  ExpectRefused(InvoiceCsv("\"INV\t2\",C1,USD,1,1,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 1, "invoice_id", "control character"});
  ExpectRefused(InvoiceCsv("INV-2,\"C\n1\",USD,1,1,2026-01-01,2026-01-31,,,,,"),
                {Code::kInvalidInput, 3, 2, "customer_id", "control character"});
  ExpectRefused(InvoiceCsv("INV-2,C1,USD,1,1,2026-01-01,2026-01-31,\"P\x7FO\",,,,"),
                {Code::kInvalidInput, 3, 8, "po_number", "control character"});
  ExpectRefused("{\"customer_id\":\"C\\u0000\",\"name\":\"x\"}\n",
                {Code::kInvalidInput, 1, 0, "customer_id", "control character"}, "c.jsonl");
}

TEST(OpenItemsErrors, DuplicateInvoiceNamesBothLines) {
  ExpectRefused(
      std::string(kInvoiceHeader) + std::string(kGoodInvoice) +
          "INV-1,C1,USD,1,1,2026-01-01,2026-01-31,,,,,DE01\n"
          "INV-3,C1,USD,1,1,2026-01-01,2026-01-31,,,,,\n"
          " INV-1 ,C2,USD,1,1,2026-01-01,2026-01-31,,,,,\n",
      {Code::kInvalidInput, 5, 1, "invoice_id",
       "duplicate invoice 'INV-1' (company '') also on line 2"});
}

TEST(OpenItemsErrors, DuplicateCustomerNamesBothLines) {
  ExpectRefused("customer_id,name\nC1,A\nC2,B\nC1,C\n",
                {Code::kInvalidInput, 4, 1, "customer_id",
                 "duplicate customer 'C1' also on line 2"});
  ExpectRefused("{\"customer_id\":\"C1\",\"name\":\"A\"}\n"
                "{\"invoice_id\":\"C1\",\"customer_id\":\"C1\",\"currency\":\"USD\",\"amount\":1,"
                "\"open_amount\":1,\"invoice_date\":\"2026-01-01\",\"due_date\":\"2026-01-01\"}\n"
                "{\"customer_id\":\"C1\",\"name\":\"B\"}\n",
                {Code::kInvalidInput, 3, 0, "customer_id", "also on line 1"}, "m.jsonl");
}

TEST(OpenItemsErrors, CustomerRules) {
  ExpectRefused("customer_id,name,credit_limit\nC1,A,100\n",
                {Code::kInvalidInput, 2, 3, "credit_limit", "needs a currency"});
  ExpectRefused("customer_id,name,currency,credit_limit\nC1,A,EUR,-1\n",
                {Code::kInvalidInput, 2, 4, "credit_limit", "negative"});
  ExpectRefused("customer_id,name,currency,credit_limit\nC1,A,EUR,1.001\n",
                {Code::kInvalidInput, 2, 4, "credit_limit", "more than 2 decimals"});
  ExpectRefused("customer_id,name,currency\nC1,A,EURO\n",
                {Code::kInvalidInput, 2, 3, "currency", "unknown currency 'EURO'"});
  ExpectRefused("customer_id,name\nC1,\n",
                {Code::kInvalidInput, 2, 2, "name", "required field 'name' is empty"});
  ExpectRefused("name,customer_id,parent_id\nA,C1,\"P\r\n1\"\n",
                {Code::kInvalidInput, 2, 3, "parent_id", "control character"});
}

TEST(OpenItemsErrors, CsvHeaderProblemsAreOnLineOne) {
  ExpectRefused("invoice_id,customer_id,currency,amount,open_amount,invoice_date\nI,C,USD,1,1,"
                "2026-01-01\n",
                {Code::kInvalidInput, 1, 0, "due_date", "missing required column 'due_date'"});
  ExpectRefused("customer_id,customer_name\nC1,A\n",
                {Code::kInvalidInput, 1, 0, "", "no 'invoice_id' column"});
  ExpectRefused("customer_id,name,NAME\nC1,A,B\n",
                {Code::kInvalidInput, 1, 3, "name", "appears twice in the header (columns 2 and 3)"});
  ExpectRefused("", {Code::kInvalidInput, 1, 0, "", "the file is empty"});
  ExpectRefused("\xEF\xBB\xBF\r\n\r\n", {Code::kInvalidInput, 1, 0, "", "the file is empty"});
}

TEST(OpenItemsErrors, CsvRowShape) {
  ExpectRefused("customer_id,name\nC1,A\nC2\n",
                {Code::kInvalidInput, 3, 2, "", "row has 1 fields but the header has 2"});
  ExpectRefused("customer_id,name\nC1,A,extra\n",
                {Code::kInvalidInput, 2, 3, "", "row has 3 fields"});
  ExpectRefused("customer_id,name\nC1,A\n\nC2,B\n\n",
                {Code::kInvalidInput, 3, 0, "", "blank line between rows"});
}

TEST(OpenItemsErrors, CsvSyntax) {
  ExpectRefused("customer_id,name\nC1,A\nC2,\"B\nC3,C\n",
                {Code::kInvalidInput, 3, 2, "", "never closed"});
  ExpectRefused("customer_id,name\nC1,A\nC2,B\"x\n",
                {Code::kInvalidInput, 3, 2, "", "stray '\"'"});
  ExpectRefused("customer_id,name\nC1,A\nC2,\"Caf\xC3\xA9\"\nC3,\xE9t\xE9\n",
                {Code::kInvalidInput, 4, 2, "", "not valid UTF-8"});
}

TEST(OpenItemsErrors, OverlongCsvRecord) {
  std::string text = "customer_id,name\nC1,A\nC2,\"" + std::string((1 << 20) + 10, 'x') + "\"\n";
  ExpectRefused(text, {Code::kResourceExhausted, 3, 0, "", "longer than 1048576 bytes"});
}

// JSON Lines.

std::string GoodInvoiceJson(std::string_view extra_or_override) {
  return "{\"invoice_id\":\"I\",\"customer_id\":\"C\",\"currency\":\"USD\",\"amount\":\"1\","
         "\"open_amount\":\"1\",\"invoice_date\":\"2026-01-01\"" +
         std::string(extra_or_override) + "}\n";
}

TEST(OpenItemsErrors, JsonMissingRequiredField) {
  ExpectRefused("\n" + GoodInvoiceJson(""),
                {Code::kInvalidInput, 2, 0, "due_date", "missing required field 'due_date'"},
                "f.jsonl");
}

TEST(OpenItemsErrors, JsonNumbers) {
  ExpectRefused(GoodInvoiceJson(",\"due_date\":\"2026-01-01\",\"discount_pct\":1e3"),
                {Code::kInvalidInput, 1, 0, "discount_pct", "'1e3'"}, "f.jsonl");
  ExpectRefused("{\"invoice_id\":\"I\",\"customer_id\":\"C\",\"currency\":\"USD\",\"amount\":1e3,"
                "\"open_amount\":1,\"invoice_date\":\"2026-01-01\",\"due_date\":\"2026-01-01\"}",
                {Code::kInvalidInput, 1, 0, "amount", "amount '1e3' is not a decimal number"},
                "f.jsonl");
  ExpectRefused("{\"invoice_id\":\"I\",\"customer_id\":\"C\",\"currency\":\"USD\",\"amount\":12.345,"
                "\"open_amount\":1,\"invoice_date\":\"2026-01-01\",\"due_date\":\"2026-01-01\"}",
                {Code::kInvalidInput, 1, 0, "amount", "more than 2 decimals"}, "f.jsonl");
  ExpectRefused("{\"invoice_id\":\"I\",\"customer_id\":\"C\",\"currency\":\"USD\","
                "\"amount\":99999999999999999999,\"open_amount\":1,"
                "\"invoice_date\":\"2026-01-01\",\"due_date\":\"2026-01-01\"}",
                {Code::kInvalidInput, 1, 0, "amount", "out of range"}, "f.jsonl");
  ExpectRefused("{\"invoice_id\":\"I\",\"customer_id\":\"C\",\"currency\":\"USD\",\"amount\":01,"
                "\"open_amount\":1,\"invoice_date\":\"2026-01-01\",\"due_date\":\"2026-01-01\"}",
                {Code::kInvalidInput, 1, 0, "amount", "'01' is not a number"}, "f.jsonl");
  ExpectRefused("{\"invoice_id\":\"I\",\"customer_id\":\"C\",\"currency\":\"USD\",\"amount\":1.,"
                "\"open_amount\":1,\"invoice_date\":\"2026-01-01\",\"due_date\":\"2026-01-01\"}",
                {Code::kInvalidInput, 1, 0, "amount", "'1.' is not a number"}, "f.jsonl");
}

TEST(OpenItemsErrors, JsonValueTypes) {
  ExpectRefused(GoodInvoiceJson(",\"due_date\":true"),
                {Code::kInvalidInput, 1, 0, "due_date", "must be a string or a number"}, "f.jsonl");
  ExpectRefused(GoodInvoiceJson(",\"due_date\":[\"2026-01-01\"]"),
                {Code::kInvalidInput, 1, 0, "due_date", "must be a string or a number"}, "f.jsonl");
  ExpectRefused("{\"customer_id\":\"C\",\"name\":\"A\",\"aliases\":[\"x\",{\"y\":1}]}",
                {Code::kInvalidInput, 1, 0, "aliases", "items of 'aliases' must be strings"},
                "f.jsonl");
  ExpectRefused("{\"customer_id\":\"C\",\"name\":\"A\",\"email\":{}}",
                {Code::kInvalidInput, 1, 0, "email", "must be a string or a number"}, "f.jsonl");
}

TEST(OpenItemsErrors, JsonStructure) {
  ExpectRefused("{\"customer_id\":\"C\",\"name\":\"A\"}\n[1,2]\n",
                {Code::kInvalidInput, 2, 0, "", "not a JSON object"}, "f.jsonl");
  ExpectRefused("{\"customer_id\":\"C\",\"name\":\"A\"} {\"x\":1}\n",
                {Code::kInvalidInput, 1, 0, "", "unexpected text after the JSON object"},
                "f.jsonl");
  ExpectRefused("{\"customer_id\":\"C\",\"name\":\"A\"}\n{\"customer_id\":\"D\",\"name\":}\n",
                {Code::kInvalidInput, 2, 0, "name", "invalid JSON"}, "f.jsonl");
  ExpectRefused("{\"customer_id\":\"C\",\"name\":\"A\"\n",
                {Code::kInvalidInput, 1, 0, "", "invalid JSON"}, "f.jsonl");
  ExpectRefused("{\"customer_id\":\"C\",\"name\":\"A\",\"Name\":\"B\"}\n",
                {Code::kInvalidInput, 1, 0, "name", "field 'name' appears twice"}, "f.jsonl");
  ExpectRefused("{\"customer_id\":\"C\",\"title\":\"A\"}\n",
                {Code::kInvalidInput, 1, 0, "", "no 'invoice_id'"}, "f.jsonl");
  ExpectRefused("{\"customer_id\":\"C\",\"name\":\"A\xFF\"}\n",
                {Code::kInvalidInput, 1, 0, "", "UTF-8"}, "f.jsonl");
  ExpectRefused("{\"customer_id\":\"C\",\"name\":\"A\"}\n{\"customer_id\":\"D\",\"name\":\"B\nC\"}\n",
                {Code::kInvalidInput, 2, 0, "", "invalid JSON"}, "f.jsonl");
}

TEST(OpenItemsErrors, JsonDamageUnderUnknownKeysIsFound) {
  // simdjson On-Demand does not check values it is not asked for; the
  // reader reads them anyway.
  const std::string head = "{\"customer_id\":\"C\",\"name\":\"A\",\"note\":";
  for (std::string_view junk : {"[1,2 3]", "{\"a\" 1}", "tru", "1.2.3", "\"bad \\x escape\"",
                                "[1,2,]", "{\"a\":[nul]}", "-"}) {
    ExpectRefused(head + std::string(junk) + "}\n", {Code::kInvalidInput, 1, 0, "", "invalid JSON"},
                  "f.jsonl");
  }
  ExpectRefused("{\"junk\":[1,,2],\"customer_id\":\"C\",\"name\":\"A\"}\n",
                {Code::kInvalidInput, 1, 0, "", "invalid JSON"}, "f.jsonl");
  // Nesting is bounded, so hostile input cannot exhaust the stack.
  ExpectRefused(head + std::string(100, '[') + std::string(100, ']') + "}\n",
                {Code::kInvalidInput, 1, 0, "", "nested more than 64 levels"}, "f.jsonl");
  const OpenItems ok = testing::ReadOk(
      head + "{\"a\":[true,false,null,-1.5e3,\"x\",{\"b\":[[[]]]}],\"c\":{}}}\n", "f.jsonl");
  EXPECT_EQ(ok.customers.size(), 1u);
}

TEST(OpenItemsErrors, OverlongJsonLine) {
  std::string text = "{\"customer_id\":\"C\",\"name\":\"A\"}\n{\"customer_id\":\"D\",\"name\":\"" +
                     std::string((1 << 20), 'x') + "\"}\n";
  ExpectRefused(text, {Code::kResourceExhausted, 2, 0, "", "longer than 1048576 bytes"},
                "f.jsonl");
  // Options choose the limit.
  OpenItemsReadOptions small;
  small.max_record_bytes = 20;
  Result<OpenItems> r = ReadOpenItems("{\"customer_id\":\"C\",\"name\":\"A\"}\n", "f", small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
}

TEST(OpenItemsErrors, MessageNamesFileLineColumnAndField) {
  Result<OpenItems> r = ReadOpenItems(InvoiceCsv("INV-2,C1,USX,1,1,2026-01-01,2026-01-31,,,,,"),
                                      "erp/open_items.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(),
            "erp/open_items.csv:3:3: currency: unknown currency 'USX' (not an active ISO 4217 "
            "code)");
}

TEST(OpenItemsErrors, FirstErrorInFileOrderWins) {
  // Line 3 has a bad currency, line 4 invalid UTF-8 (found by the whole-file
  // check first): line 3 must be the one reported.
  ExpectRefused(std::string(kInvoiceHeader) + std::string(kGoodInvoice) +
                    "INV-2,C1,USX,1,1,2026-01-01,2026-01-31,,,,,\n"
                    "INV-3,C1,USD,1,1,2026-01-01,2026-01-31,\xFF,,,,\n",
                {Code::kInvalidInput, 3, 3, "currency", "unknown currency"});
}

}  // namespace
}  // namespace cashmatch
