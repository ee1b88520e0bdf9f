// Reading valid open-items files as JSON Lines.
#include <gtest/gtest.h>

#include "cashmatch/open_items_reader.h"
#include "ingest/open_items_test_util.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::M;
using testing::ReadOk;

TEST(OpenItemsJsonl, MixesCustomersAndInvoicesLineByLine) {
  const OpenItems items = ReadOk(
      "{\"customer_id\":\"C1\",\"name\":\"Northwind \\\"NW\\\" Foods\",\"aliases\":[\"NW\",\" "
      "Northwind \"],\"bank_accounts\":\"021000021:1|DE89370400440532013000\","
      "\"email\":[\"ap@nw.example\"],\"currency\":\"USD\",\"credit_limit\":250000.5}\n"
      "\n"
      "   \r\n"
      "{\"invoice_id\":\"INV-0001234567\",\"customer_id\":\"C1\",\"currency\":\"USD\","
      "\"amount\":\"1234.50\",\"open_amount\":1234.5,\"invoice_date\":\"2026-10-01\","
      "\"due_date\":\"2026-10-31\",\"po_number\":\"PO-1\",\"discount_pct\":2.5,"
      "\"discount_days\":10,\"company\":null,\"unknown\":{\"deep\":[1,2,{\"x\":null}]}}\r\n"
      "{\"name\":\"Contoso\",\"customer_id\":\"C2\",\"parent_id\":\"C1\",\"email\":null}",
      "feed.jsonl");
  EXPECT_EQ(items.source, "feed.jsonl");
  ASSERT_EQ(items.customers.size(), 2u);
  ASSERT_EQ(items.invoices.size(), 1u);

  const Customer& c = items.customers[0].customer;
  EXPECT_EQ(items.customers[0].line, 1u);
  EXPECT_EQ(c.name, "Northwind \"NW\" Foods");
  EXPECT_EQ(c.aliases, (std::vector<std::string>{"NW", "Northwind"}));
  EXPECT_EQ(c.bank_accounts,
            (std::vector<std::string>{"021000021:1", "DE89370400440532013000"}));
  EXPECT_EQ(c.emails, (std::vector<std::string>{"ap@nw.example"}));
  EXPECT_EQ(*c.credit_limit, M(25000050, "USD"));

  const InvoiceRow& inv = items.invoices[0];
  EXPECT_EQ(inv.line, 4u);
  EXPECT_EQ(inv.invoice.amount, M(123450, "USD"));
  EXPECT_EQ(inv.invoice.open_amount, M(123450, "USD"));
  EXPECT_EQ(inv.invoice.invoice_date, D(2026, 10, 1));
  EXPECT_EQ(inv.invoice.discount_bp, 250u);
  EXPECT_EQ(inv.invoice.discount_days, 10u);
  EXPECT_EQ(inv.invoice.company, "");

  EXPECT_EQ(items.customers[1].line, 5u);
  EXPECT_EQ(items.customers[1].customer.parent_id, "C1");
  EXPECT_TRUE(items.customers[1].customer.emails.empty());
}

TEST(OpenItemsJsonl, KeysInAnyOrderAndCaseWithByteOrderMark) {
  const OpenItems items = ReadOk(
      "\xEF\xBB\xBF{\"Due_Date\":\"2026-02-01\",\"AMOUNT\":\"5\",\"Invoice_ID\":\"X\","
      "\"open_amount\":\"5\",\"currency\":\"JPY\",\"customer_id\":\"C\","
      "\"invoice_date\":\"2026-01-01\",\"as_of\":\"2026-01-15 12:00Z\"}\n");
  ASSERT_EQ(items.invoices.size(), 1u);
  EXPECT_EQ(items.invoices[0].invoice.amount, M(5, "JPY"));
  EXPECT_EQ(*items.invoices[0].as_of, *ParseTimestamp("2026-01-15T12:00:00Z"));
}

std::string Invoice(std::string_view currency, std::string_view amount_json) {
  return "{\"invoice_id\":\"I\",\"customer_id\":\"C\",\"currency\":\"" + std::string(currency) +
         "\",\"amount\":" + std::string(amount_json) + ",\"open_amount\":" +
         std::string(amount_json) +
         ",\"invoice_date\":\"2026-01-01\",\"due_date\":\"2026-01-31\"}\n";
}

TEST(OpenItemsJsonl, NumbersAreReadFromTheirTextNeverAsBinaryFloatingPoint) {
  struct Case {
    std::string_view currency, json;
    int64_t minor;
  } cases[] = {
      {"USD", "0.1", 10},
      {"USD", "0.29", 29},  // 0.29 is 0.28999... as a double
      {"USD", "1234.50", 123450},
      {"USD", "\"1234.50\"", 123450},
      {"USD", "-0", 0},
      {"USD", "92233720368547758.07", INT64_MAX},  // past double's 53 bits
      {"JPY", "1500000", 1500000},
      {"KWD", "1.234", 1234},
      {"KWD", "\"0.001\"", 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.json));
    const OpenItems items = ReadOk(Invoice(c.currency, c.json), "n.jsonl");
    ASSERT_EQ(items.invoices.size(), 1u);
    EXPECT_EQ(items.invoices[0].invoice.amount, M(c.minor, c.currency));
  }
}

TEST(OpenItemsJsonl, IdsMayBeNumbers) {
  const OpenItems items = ReadOk("{\"customer_id\":100234,\"name\":\"Acme\"}\n");
  ASSERT_EQ(items.customers.size(), 1u);
  EXPECT_EQ(items.customers[0].customer.customer_id, "100234");
}

TEST(OpenItemsJsonl, EscapedStringsAreUnescaped) {
  const OpenItems items = ReadOk(
      "{\"customer_id\":\"C\\u0031\",\"name\":\"M\\u00fcller & S\\u00f6hne \\/ GmbH\"}\n");
  ASSERT_EQ(items.customers.size(), 1u);
  EXPECT_EQ(items.customers[0].customer.customer_id, "C1");
  EXPECT_EQ(items.customers[0].customer.name, "M\xC3\xBCller & S\xC3\xB6hne / GmbH");
}

TEST(OpenItemsJsonl, EveryLineEndsWhereItsLineEnds) {
  // Lines far from the end are parsed in place, with the next lines right
  // after them in memory: a line cut short must not borrow the next line's
  // bytes.
  const std::string filler(200, ' ');
  testing::ExpectRefused(
      "{\"customer_id\":\"C1\",\"name\":\"A\",\"currency\":\"USD\",\"credit_limit\":1\n"
      "23}\n" + filler + "\n",
      {StatusCode::kInvalidInput, 1, 0, "", "invalid JSON"}, "f.jsonl");
  testing::ExpectRefused("{\"customer_id\":\"C1\",\"name\":\"A\n\"}\n" + filler + "\n",
                         {StatusCode::kInvalidInput, 1, 0, "", "invalid JSON"}, "f.jsonl");
  testing::ExpectRefused("{\"customer_id\":\"C1\",\"currency\":\"USD\",\"name\":\"A\","
                         "\"credit_limit\":1}\n23\n" + filler,
                         {StatusCode::kInvalidInput, 2, 0, "", "not a JSON object"}, "f.jsonl");
}

TEST(OpenItemsJsonl, ReadsWhereverTheEndOfTheFileFalls) {
  // Move the end of the file across every offset near the last lines, so
  // each line is parsed in place, from the padded tail, or across the
  // switch from one to the other.
  const std::string lines =
      "{\"customer_id\":\"C1\",\"name\":\"Alpha\",\"credit_limit\":\"10\",\"currency\":\"EUR\"}\n"
      "{\"customer_id\":\"C2\",\"name\":\"Beta\"}\r\n"
      "{\"invoice_id\":\"I\",\"customer_id\":\"C2\",\"currency\":\"USD\",\"amount\":12.5,"
      "\"open_amount\":12.5,\"invoice_date\":\"2026-01-01\",\"due_date\":\"2026-01-31\"}";
  for (size_t pad = 0; pad < 160; ++pad) {
    for (const char* end : {"", "\n", "\r\n"}) {
      const std::string text = lines + std::string(pad, ' ') + end;
      Result<OpenItems> r = ReadOpenItems(text, "f.jsonl");
      ASSERT_TRUE(r.ok()) << pad << ": " << r.status().ToString();
      ASSERT_EQ(r->customers.size(), 2u);
      ASSERT_EQ(r->invoices.size(), 1u);
      EXPECT_EQ(r->customers[1].customer.name, "Beta");
      EXPECT_EQ(r->invoices[0].invoice.amount, M(1250, "USD"));
      EXPECT_EQ(r->invoices[0].line, 3u);
    }
    const std::string bad = lines.substr(0, lines.size() - 1) + std::string(pad, ' ');
    Result<OpenItems> r = ReadOpenItems(bad, "f.jsonl");
    ASSERT_FALSE(r.ok()) << pad;
    EXPECT_EQ(r.status().where().line, 3u);
  }
}

}  // namespace
}  // namespace cashmatch
