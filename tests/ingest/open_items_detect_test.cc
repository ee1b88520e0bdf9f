// DetectOpenItems: open items told from payments feeds and bank files.
#include <gtest/gtest.h>

#include "cashmatch/bank_file.h"
#include "cashmatch/open_items_reader.h"

namespace cashmatch {
namespace {

TEST(DetectOpenItems, InvoiceAndCustomerCsvHeaders) {
  EXPECT_EQ(DetectOpenItems("invoice_id,customer_id,currency,amount,open_amount,invoice_date,"
                            "due_date\nINV-1,C1,USD,10,10,2026-01-01,2026-01-31\n"),
            OpenItemsFormat::kCsv);
  EXPECT_EQ(DetectOpenItems("customer_id,name,aliases\r\nC1,Acme,\r\n"), OpenItemsFormat::kCsv);
  // Case, blanks, quotes and a byte order mark do not matter.
  EXPECT_EQ(DetectOpenItems("\xEF\xBB\xBF \"Customer_ID\" , \"NAME\"\nC1,Acme\n"),
            OpenItemsFormat::kCsv);
  // Only the header row counts.
  EXPECT_EQ(DetectOpenItems("customer_id,name"), OpenItemsFormat::kCsv);
}

TEST(DetectOpenItems, JsonLinesByTheFirstObjectsKeys) {
  EXPECT_EQ(DetectOpenItems("{\"customer_id\":\"C1\",\"name\":\"Acme\"}\n{\"x\":1}\n"),
            OpenItemsFormat::kJsonLines);
  EXPECT_EQ(DetectOpenItems("\n\n{\"invoice_id\":\"I\",\"customer_id\":\"C1\",\"amount\":1}"),
            OpenItemsFormat::kJsonLines);
}

TEST(DetectOpenItems, PaymentsFeedsAreNotOpenItems) {
  const char* csv =
      "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n"
      "R1,2026-01-02,10.00,USD,Acme,,INV-1\n";
  EXPECT_FALSE(DetectOpenItems(csv).has_value());
  EXPECT_TRUE(DetectBankFormat(csv).ok());
  // A feed that happens to carry a customer_id column is still a feed.
  EXPECT_FALSE(DetectOpenItems("source_ref,customer_id,name,amount,currency\n").has_value());
  // Field names inside values are not keys.
  EXPECT_FALSE(DetectOpenItems("{\"source_ref\":\"R1\",\"remittance\":\"invoice_id customer_id "
                               "name\",\"amount\":\"1\",\"currency\":\"USD\"}\n")
                   .has_value());
  EXPECT_FALSE(
      DetectOpenItems("{\"amount\":1,\"remittance\":\"\\\"invoice_id\\\":1\"}").has_value());
}

TEST(DetectOpenItems, BankFilesAndJunkAreNot) {
  EXPECT_FALSE(DetectOpenItems("").has_value());
  EXPECT_FALSE(DetectOpenItems(" \n\t").has_value());
  EXPECT_FALSE(DetectOpenItems("01,BANK,CUST,260101,0800,1,80,,2/\n").has_value());
  EXPECT_FALSE(DetectOpenItems("<?xml version=\"1.0\"?><Document/>").has_value());
  EXPECT_FALSE(DetectOpenItems("{1:F01BANK}{2:O940}").has_value());
  EXPECT_FALSE(DetectOpenItems("{not json").has_value());
  // A customer file needs a name; an invoice file its customer.
  EXPECT_FALSE(DetectOpenItems("customer_id,email\nC1,a@b\n").has_value());
  EXPECT_FALSE(DetectOpenItems("invoice_id,amount\nI,1\n").has_value());
}

}  // namespace
}  // namespace cashmatch
