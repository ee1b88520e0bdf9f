// Reading valid open-items files: CSV of each kind, and format detection.
#include "cashmatch/open_items_reader.h"

#include <gtest/gtest.h>

#include "ingest/open_items_test_util.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::M;
using testing::ReadOk;

TEST(DetectOpenItemsFormat, LooksAtTheFirstMeaningfulByte) {
  EXPECT_EQ(DetectOpenItemsFormat("{\"a\":1}"), OpenItemsFormat::kJsonLines);
  EXPECT_EQ(DetectOpenItemsFormat("\xEF\xBB\xBF\r\n  \n\t{\"a\":1}"), OpenItemsFormat::kJsonLines);
  EXPECT_EQ(DetectOpenItemsFormat("invoice_id,amount\n"), OpenItemsFormat::kCsv);
  EXPECT_EQ(DetectOpenItemsFormat("\xEF\xBB\xBF\"{\",x"), OpenItemsFormat::kCsv);
  EXPECT_EQ(DetectOpenItemsFormat(""), OpenItemsFormat::kCsv);
}

TEST(OpenItemsCsv, ReadsInvoicesWithEveryField) {
  const OpenItems items = ReadOk(
      "invoice_id,customer_id,company,currency,amount,open_amount,invoice_date,due_date,"
      "po_number,discount_pct,discount_days,as_of\n"
      "INV-0001234567,C0000001,,USD,1234.50,1000,2026-10-01,2026-10-31,\"PO 7, rev \"\"B\"\"\","
      "2,10,2026-11-20T08:30:00Z\n"
      "CM-17,C0000002,ACME-DE,EUR,-20,-20.00,2026-10-02,2026-10-02,,,,\n");
  EXPECT_EQ(items.source, "items.csv");
  EXPECT_TRUE(items.customers.empty());
  ASSERT_EQ(items.invoices.size(), 2u);

  const InvoiceRow& a = items.invoices[0];
  EXPECT_EQ(a.line, 2u);
  EXPECT_EQ(a.invoice.invoice_id, "INV-0001234567");
  EXPECT_EQ(a.invoice.customer_id, "C0000001");
  EXPECT_EQ(a.invoice.company, "");
  EXPECT_EQ(a.invoice.amount, M(123450, "USD"));
  EXPECT_EQ(a.invoice.open_amount, M(100000, "USD"));
  EXPECT_EQ(a.invoice.invoice_date, D(2026, 10, 1));
  EXPECT_EQ(a.invoice.due_date, D(2026, 10, 31));
  EXPECT_EQ(a.invoice.po_number, "PO 7, rev \"B\"");
  EXPECT_EQ(a.invoice.discount_bp, 200u);
  EXPECT_EQ(a.invoice.discount_days, 10u);
  ASSERT_TRUE(a.as_of.has_value());
  EXPECT_EQ(*a.as_of, *ParseTimestamp("2026-11-20T08:30:00Z"));

  const InvoiceRow& b = items.invoices[1];
  EXPECT_EQ(b.line, 3u);
  EXPECT_EQ(b.invoice.company, "ACME-DE");
  EXPECT_TRUE(b.invoice.is_credit_memo());
  EXPECT_EQ(b.invoice.amount, M(-2000, "EUR"));
  EXPECT_EQ(b.invoice.open_amount, M(-2000, "EUR"));
  EXPECT_EQ(b.invoice.po_number, "");
  EXPECT_EQ(b.invoice.discount_bp, 0u);
  EXPECT_EQ(b.invoice.discount_days, 0u);
  EXPECT_FALSE(b.as_of.has_value());
}

TEST(OpenItemsCsv, ColumnsInAnyOrderNamesInAnyCaseUnknownColumnsIgnored) {
  const OpenItems items = ReadOk(
      "\xEF\xBB\xBF Due_Date ,ERP_NOTE,AMOUNT,Open_Amount,currency,Customer_ID,invoice_date,"
      "Invoice_ID\r\n"
      "2026-12-01,\"anything, at all\",10.00,0,USD,C1,2026-11-01,INV-9\r\n"
      "\r\n"
      "\r\n");
  ASSERT_EQ(items.invoices.size(), 1u);
  const Invoice& inv = items.invoices[0].invoice;
  EXPECT_EQ(inv.invoice_id, "INV-9");
  EXPECT_EQ(inv.customer_id, "C1");
  EXPECT_EQ(inv.amount, M(1000, "USD"));
  EXPECT_EQ(inv.open_amount, M(0, "USD"));
  EXPECT_FALSE(inv.is_open());
  EXPECT_EQ(inv.due_date, D(2026, 12, 1));
}

TEST(OpenItemsCsv, ReadsCustomersWithListsAndCreditLimit) {
  const OpenItems items = ReadOk(
      "customer_id,name,aliases,bank_accounts,parent_id,company,email,currency,credit_limit,"
      "region\n"
      "C0000001,\"Northwind Foods, Inc\",NORTHWIND FOODS| NW Foods ,"
      "021000021:123456789|DE89370400440532013000,,,ap@northwind.example,USD,250000.00,west\n"
      "C0000002,Contoso GmbH,,,C0000001,ACME-DE,,,,\n"
      "C0000003,Tanaka KK,,,,,a@x.example||b@x.example|,JPY,1500000,\n");
  EXPECT_TRUE(items.invoices.empty());
  ASSERT_EQ(items.customers.size(), 3u);

  const Customer& a = items.customers[0].customer;
  EXPECT_EQ(items.customers[0].line, 2u);
  EXPECT_EQ(a.customer_id, "C0000001");
  EXPECT_EQ(a.name, "Northwind Foods, Inc");
  EXPECT_EQ(a.aliases, (std::vector<std::string>{"NORTHWIND FOODS", "NW Foods"}));
  EXPECT_EQ(a.bank_accounts,
            (std::vector<std::string>{"021000021:123456789", "DE89370400440532013000"}));
  EXPECT_EQ(a.emails, (std::vector<std::string>{"ap@northwind.example"}));
  EXPECT_EQ(a.currency, testing::Cur("USD"));
  ASSERT_TRUE(a.credit_limit.has_value());
  EXPECT_EQ(*a.credit_limit, M(25000000, "USD"));

  const Customer& b = items.customers[1].customer;
  EXPECT_EQ(b.parent_id, "C0000001");
  EXPECT_EQ(b.company, "ACME-DE");
  EXPECT_TRUE(b.aliases.empty());
  EXPECT_FALSE(b.currency.valid());
  EXPECT_FALSE(b.credit_limit.has_value());

  const Customer& c = items.customers[2].customer;
  EXPECT_EQ(c.emails, (std::vector<std::string>{"a@x.example", "b@x.example"}));
  EXPECT_EQ(*c.credit_limit, M(1500000, "JPY"));
}

TEST(OpenItemsCsv, UsesEachCurrencysExponent) {
  const OpenItems items = ReadOk(
      "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
      "J1,C1,JPY,150000,150000,2026-01-01,2026-01-31\n"
      "K1,C1,KWD,1.250,0.005,2026-01-01,2026-01-31\n"
      "K2,C1,KWD,7,7,2026-01-01,2026-01-31\n"
      "U1,C1, USD ,.5,+0.50,2026-01-01,2026-01-31\n");
  ASSERT_EQ(items.invoices.size(), 4u);
  EXPECT_EQ(items.invoices[0].invoice.amount, M(150000, "JPY"));
  EXPECT_EQ(items.invoices[1].invoice.amount, M(1250, "KWD"));
  EXPECT_EQ(items.invoices[1].invoice.open_amount, M(5, "KWD"));
  EXPECT_EQ(items.invoices[2].invoice.amount, M(7000, "KWD"));
  EXPECT_EQ(items.invoices[3].invoice.amount, M(50, "USD"));
}

TEST(OpenItemsCsv, LineNumbersCountPhysicalLines) {
  const OpenItems items = ReadOk(
      "customer_id,name\n"
      "C1,\"Two\r\nLines Ltd\"\n"
      "C2,\"Three\nLine\nCorp\"\n"
      "C3,Plain\n");
  ASSERT_EQ(items.customers.size(), 3u);
  EXPECT_EQ(items.customers[0].line, 2u);
  EXPECT_EQ(items.customers[0].customer.name, "Two\r\nLines Ltd");
  EXPECT_EQ(items.customers[1].line, 4u);
  EXPECT_EQ(items.customers[2].line, 7u);
}

TEST(OpenItemsCsv, PerRowAsOf) {
  const OpenItems items = ReadOk(
      "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date,as_of\n"
      "A,C1,USD,10,10,2026-01-01,2026-01-31,2026-02-01T10:00:00+02:00\n"
      "B,C1,USD,10,10,2026-01-01,2026-01-31,\n"
      "C,C1,USD,10,10,2026-01-01,2026-01-31,2026-02-03\n");
  ASSERT_EQ(items.invoices.size(), 3u);
  EXPECT_EQ(*items.invoices[0].as_of, *ParseTimestamp("2026-02-01T08:00:00Z"));
  EXPECT_FALSE(items.invoices[1].as_of.has_value());
  EXPECT_EQ(*items.invoices[2].as_of, *ParseTimestamp("2026-02-03T00:00:00Z"));
}

TEST(OpenItemsCsv, HeaderOnlyFileHasNoRows) {
  const OpenItems items = ReadOk("customer_id,name\r\n");
  EXPECT_TRUE(items.customers.empty());
  EXPECT_TRUE(items.invoices.empty());
}

TEST(OpenItemsCsv, SameInvoiceNumberInTwoCompaniesIsTwoInvoices) {
  const OpenItems items = ReadOk(
      "invoice_id,customer_id,company,currency,amount,open_amount,invoice_date,due_date\n"
      "INV-1,C1,,USD,10,10,2026-01-01,2026-01-31\n"
      "INV-1,C1,DE01,EUR,10,10,2026-01-01,2026-01-31\n"
      "INV-2,C1,DE01,EUR,10,10,2026-01-01,2026-01-31\n");
  EXPECT_EQ(items.invoices.size(), 3u);
}

TEST(OpenItemsCsv, ZeroAmountInvoiceWithZeroOpen) {
  const OpenItems items = ReadOk(
      "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
      "Z,C1,USD,0,0.00,2026-01-01,2026-01-01\n");
  ASSERT_EQ(items.invoices.size(), 1u);
  EXPECT_EQ(items.invoices[0].invoice.amount, M(0, "USD"));
}

}  // namespace
}  // namespace cashmatch
