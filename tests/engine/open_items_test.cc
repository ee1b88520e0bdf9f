#include "cashmatch/open_items.h"

#include <gtest/gtest.h>

#include "cashmatch/ledger.h"
#include "test_records.h"

namespace cashmatch {
namespace {

using testing::kUsd;
using testing::MakeCustomer;
using testing::MakeInvoice;

Application MakeApplication(std::string company, std::string invoice, int64_t applied,
                            std::string_view at, int64_t discount = 0, int64_t writeoff = 0) {
  Application a;
  a.company = std::move(company);
  a.invoice_id = std::move(invoice);
  a.applied = Money{applied, kUsd};
  a.discount = Money{discount, kUsd};
  a.writeoff = Money{writeoff, kUsd};
  a.at = *ParseTimestamp(at);
  return a;
}

class PlanOpenItemsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ledger_.UpsertCustomer(MakeCustomer("C1"));
    ledger_.UpsertCustomer(MakeCustomer("C2"));
    ASSERT_TRUE(ledger_.UpsertInvoice(MakeInvoice("", "INV-1", "C1", 10000, 10000)).ok());
    ASSERT_TRUE(ledger_.UpsertInvoice(MakeInvoice("", "INV-2", "C1", 5000, 5000)).ok());
    ASSERT_TRUE(ledger_.UpsertInvoice(MakeInvoice("", "INV-3", "C2", 7000, 0)).ok());
    ASSERT_TRUE(ledger_.UpsertInvoice(MakeInvoice("EU", "INV-1", "C2", 9000, 9000)).ok());
  }

  Result<OpenItemsPlan> Plan(const OpenItems& items, bool snapshot = false,
                             const std::vector<Application>& apps = {}) {
    return PlanOpenItems(items, ledger_, apps, PlanOptions{snapshot});
  }

  Ledger ledger_;
};

TEST_F(PlanOpenItemsTest, PlansNewAndChangedRowsAndCountsUnchanged) {
  OpenItems items{"open.csv", {}, {}};
  items.customers.push_back({MakeCustomer("C1"), 2});                 // unchanged
  items.customers.push_back({MakeCustomer("C3", "New Co"), 3});       // new
  items.invoices.push_back({MakeInvoice("", "INV-1", "C1", 10000, 10000), std::nullopt, 2});
  items.invoices.push_back({MakeInvoice("", "INV-2", "C1", 5000, 2500), std::nullopt, 3});
  items.invoices.push_back({MakeInvoice("", "INV-9", "C3", 100, 100), std::nullopt, 4});
  auto plan = Plan(items);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->unchanged, 2u);
  ASSERT_EQ(plan->customers.size(), 1u);
  EXPECT_EQ(plan->customers[0].customer_id, "C3");
  ASSERT_EQ(plan->invoices.size(), 2u);
  EXPECT_EQ(plan->invoices[0].invoice_id, "INV-2");
  EXPECT_EQ(plan->invoices[0].open_amount.minor, 2500);
  EXPECT_EQ(plan->invoices[1].invoice_id, "INV-9");  // customer from the same file
  EXPECT_TRUE(plan->closed.empty());
}

TEST_F(PlanOpenItemsTest, RefusesInvoiceOfUnknownCustomerNamingTheLine) {
  OpenItems items{"open.csv", {}, {}};
  items.invoices.push_back({MakeInvoice("", "INV-1", "C1", 10000, 10000), std::nullopt, 2});
  items.invoices.push_back({MakeInvoice("", "INV-7", "NOPE", 100, 100), std::nullopt, 3});
  auto plan = Plan(items);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(plan.status().where().file, "open.csv");
  EXPECT_EQ(plan.status().where().line, 3u);
  EXPECT_EQ(plan.status().where().field, "customer_id");
  EXPECT_NE(plan.status().reason().find("unknown customer 'NOPE'"), std::string_view::npos);
}

TEST_F(PlanOpenItemsTest, RefusesCustomerThatIsItsOwnParentButAcceptsUnknownParent) {
  OpenItems items{"c.csv", {}, {}};
  Customer orphan = MakeCustomer("C5");
  orphan.parent_id = "LATER";
  items.customers.push_back({orphan, 2});
  EXPECT_TRUE(Plan(items).ok());
  Customer self = MakeCustomer("C6");
  self.parent_id = "C6";
  items.customers.push_back({self, 3});
  auto plan = Plan(items);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().where().line, 3u);
  EXPECT_EQ(plan.status().where().field, "parent_id");
}

TEST_F(PlanOpenItemsTest, AsOfSubtractsOnlyApplicationsMadeAfterIt) {
  OpenItems items{"open.csv", {}, {}};
  // The ERP says INV-1 has 100.00 open as of noon.
  items.invoices.push_back({MakeInvoice("", "INV-1", "C1", 10000, 10000),
                            *ParseTimestamp("2026-11-20T12:00:00Z"), 2});
  // And INV-2 has 50.00 open, no as_of: taken as it is.
  items.invoices.push_back({MakeInvoice("", "INV-2", "C1", 5000, 5000), std::nullopt, 3});
  std::vector<Application> apps = {
      MakeApplication("", "INV-1", 1000, "2026-11-20T11:00:00Z"),        // before: ERP saw it
      MakeApplication("", "INV-1", 2000, "2026-11-20T13:00:00Z", 100, 50),  // after
      MakeApplication("", "INV-1", 3000, "2026-11-20T14:00:00Z"),        // after...
      MakeApplication("", "INV-1", -3000, "2026-11-20T15:00:00Z"),       // ...and reversed
      MakeApplication("EU", "INV-1", 4000, "2026-11-20T13:00:00Z"),      // other company
      MakeApplication("", "INV-2", 1000, "2026-11-20T13:00:00Z"),        // row has no as_of
      MakeApplication("", "", 999, "2026-11-20T13:00:00Z"),              // on account
  };
  auto plan = Plan(items, false, apps);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->invoices.size(), 1u);  // INV-2 equals the ledger: unchanged
  EXPECT_EQ(plan->invoices[0].invoice_id, "INV-1");
  EXPECT_EQ(plan->invoices[0].open_amount.minor, 10000 - 2000 - 100 - 50);
  EXPECT_EQ(plan->unchanged, 1u);
  EXPECT_TRUE(plan->warnings.empty());
}

TEST_F(PlanOpenItemsTest, AsOfHoldsOpenAmountInsideZeroToAmountAndWarns) {
  OpenItems items{"open.csv", {}, {}};
  items.invoices.push_back({MakeInvoice("", "INV-2", "C1", 5000, 1000),
                            *ParseTimestamp("2026-11-20T12:00:00Z"), 7});
  auto plan = Plan(items, false, {MakeApplication("", "INV-2", 3000, "2026-11-20T13:00:00Z")});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->invoices.size(), 1u);
  EXPECT_EQ(plan->invoices[0].open_amount.minor, 0);
  ASSERT_EQ(plan->warnings.size(), 1u);
  EXPECT_NE(plan->warnings[0].find("open.csv:7"), std::string::npos);
}

TEST_F(PlanOpenItemsTest, ReversalAfterAsOfReopensUpToTheInvoiceAmount) {
  OpenItems items{"open.csv", {}, {}};
  // The ERP saw a 60.00 application before noon; cashmatch reversed it after.
  items.invoices.push_back({MakeInvoice("", "INV-8", "C1", 10000, 4000),
                            *ParseTimestamp("2026-11-20T12:00:00Z"), 2});
  // A second reversal would reopen past the invoice amount: held there.
  items.invoices.push_back({MakeInvoice("", "INV-9", "C1", 10000, 9000),
                            *ParseTimestamp("2026-11-20T12:00:00Z"), 3});
  auto plan = Plan(items, false,
                   {MakeApplication("", "INV-8", -6000, "2026-11-20T13:00:00Z"),
                    MakeApplication("", "INV-9", -6000, "2026-11-20T13:00:00Z")});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->invoices.size(), 2u);
  EXPECT_EQ(plan->invoices[0].open_amount.minor, 10000);
  EXPECT_EQ(plan->invoices[1].open_amount.minor, 10000);
  ASSERT_EQ(plan->warnings.size(), 1u);
  EXPECT_NE(plan->warnings[0].find("open.csv:3"), std::string::npos);
}

TEST_F(PlanOpenItemsTest, SnapshotClosesUnlistedOpenInvoicesOfItsCompaniesOnly) {
  OpenItems items{"open_snapshot.csv", {}, {}};
  items.invoices.push_back({MakeInvoice("", "INV-1", "C1", 10000, 10000), std::nullopt, 2});
  auto plan = Plan(items, /*snapshot=*/true);
  ASSERT_TRUE(plan.ok());
  // INV-2 (open, default company, not listed) closes; INV-3 is already
  // closed; EU/INV-1 is another company's.
  ASSERT_EQ(plan->closed.size(), 1u);
  EXPECT_EQ(plan->closed[0].invoice_id, "INV-2");
  EXPECT_EQ(plan->closed[0].company, "");
  EXPECT_EQ(plan->closed[0].open_amount.minor, 0);
  EXPECT_EQ(plan->closed[0].amount.minor, 5000);

  auto not_snapshot = Plan(items, /*snapshot=*/false);
  ASSERT_TRUE(not_snapshot.ok());
  EXPECT_TRUE(not_snapshot->closed.empty());
}

TEST_F(PlanOpenItemsTest, SnapshotOfCustomersOnlyClosesNothing) {
  OpenItems items{"customers_snapshot.csv", {}, {}};
  items.customers.push_back({MakeCustomer("C1"), 2});
  auto plan = Plan(items, /*snapshot=*/true);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->closed.empty());
}

}  // namespace
}  // namespace cashmatch
