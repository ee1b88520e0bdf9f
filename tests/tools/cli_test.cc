// Runs the real `cashmatch` binary against temporary data directories.
#include <gtest/gtest.h>

#include <string>

#include "cashmatch/store.h"
#include "cli_test_util.h"

namespace cashmatch {
namespace {

using testing::RunProgram;
using testing::RunResult;
using testing::TempDir;

constexpr char kCustomers[] =
    "customer_id,name,bank_accounts,parent_id\n"
    "C1,Acme Corp,021000021:12345,\n"
    "C2,\"Globex, Inc\",,C1\n";

std::string Invoices(int n, int bad_row = -1) {
  std::string s = "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n";
  for (int i = 1; i <= n; ++i) {
    const std::string amount = i == bad_row ? "10.001" : std::to_string(i) + ".50";
    s += "INV-" + std::to_string(i) + "," + (i % 2 ? "C1" : "C2") + ",USD," + amount + "," + amount +
         ",2026-10-01,2026-10-31\n";
  }
  return s;
}

class CliTest : public ::testing::Test {
 protected:
  RunResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {CASHMATCH_CLI_PATH, "--data-dir", dir_.path() + "/data"});
    return RunProgram(args, dir_.path());
  }
  std::string StatusJson() { return Cli({"status", "--json"}).out; }

  TempDir dir_;
};

TEST_F(CliTest, LoadsOpenItemsAndStatusCountsThem) {
  const auto c = dir_.Write("customers.csv", kCustomers);
  const auto i = dir_.Write("invoices.csv", Invoices(10));
  RunResult r = Cli({"load", c, i});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("invoices.csv: 0 customers, 10 invoices read"), std::string::npos) << r.out;
  const std::string status = StatusJson();
  EXPECT_NE(status.find("\"customers\":2"), std::string::npos) << status;
  EXPECT_NE(status.find("\"invoices\":10"), std::string::npos) << status;
  EXPECT_NE(status.find("\"open_invoices\":10"), std::string::npos) << status;
  EXPECT_NE(status.find("\"USD\":60.00"), std::string::npos) << status;  // 1.5+2.5+...+10.5
}

TEST_F(CliTest, SameBytesUnderAnotherNameAreRecognisedAndSkipped) {
  ASSERT_EQ(Cli({"load", dir_.Write("customers.csv", kCustomers)}).exit_code, 0);
  ASSERT_EQ(Cli({"load", dir_.Write("a.csv", Invoices(3))}).exit_code, 0);
  RunResult again = Cli({"load", dir_.Write("renamed.csv", Invoices(3))});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("already loaded"), std::string::npos) << again.out;
  RunResult files = Cli({"files", "--json"});
  EXPECT_EQ(files.out.find("renamed.csv"), std::string::npos) << files.out;
}

TEST_F(CliTest, OneBadRowRefusesTheWholeFileAndChangesNothing) {
  ASSERT_EQ(Cli({"load", dir_.Write("customers.csv", kCustomers)}).exit_code, 0);
  const std::string before = StatusJson();
  RunResult r = Cli({"load", dir_.Write("bad.csv", Invoices(500, /*bad_row=*/250))});
  EXPECT_EQ(r.exit_code, 1);
  // Row 250 is on physical line 251 (after the header).
  EXPECT_NE(r.err.find("bad.csv:251"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("amount"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  const std::string after = StatusJson();
  EXPECT_NE(after.find("\"invoices\":0"), std::string::npos) << after;
  EXPECT_NE(after.find("\"files_ingested\":1"), std::string::npos) << after;
}

TEST_F(CliTest, InvoiceOfUnknownCustomerIsRefused) {
  RunResult r = Cli({"load", dir_.Write("inv.csv", Invoices(2))});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("inv.csv:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown customer 'C1'"), std::string::npos) << r.err;
}

TEST_F(CliTest, SnapshotClosesWhatItDoesNotList) {
  ASSERT_EQ(Cli({"load", dir_.Write("customers.csv", kCustomers), dir_.Write("inv.csv", Invoices(4))}).exit_code, 0);
  // A snapshot listing only INV-1 and INV-2 closes INV-3 and INV-4.
  RunResult r = Cli({"load", dir_.Write("open_snapshot.csv", Invoices(2))});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 closed by snapshot"), std::string::npos) << r.out;
  EXPECT_NE(StatusJson().find("\"open_invoices\":2"), std::string::npos);
  RunResult shown = Cli({"invoice", "show", "INV-3", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("\"open_amount\":0.00"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("\"amount\":3.50"), std::string::npos) << shown.out;
}

TEST_F(CliTest, SnapshotFlagDoesTheSameForAnyName) {
  ASSERT_EQ(Cli({"load", dir_.Write("customers.csv", kCustomers), dir_.Write("inv.csv", Invoices(3))}).exit_code, 0);
  ASSERT_EQ(Cli({"load", "--snapshot", dir_.Write("today.csv", Invoices(1))}).exit_code, 0);
  EXPECT_NE(StatusJson().find("\"open_invoices\":1"), std::string::npos);
}

TEST_F(CliTest, ShowCommandsFindAndRefuse) {
  ASSERT_EQ(Cli({"load", dir_.Write("customers.csv", kCustomers), dir_.Write("inv.csv", Invoices(3))}).exit_code, 0);
  RunResult c = Cli({"customer", "show", "C1"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("Acme Corp"), std::string::npos);
  EXPECT_NE(c.out.find("C2"), std::string::npos) << "subsidiary listed: " << c.out;
  EXPECT_NE(c.out.find("INV-3"), std::string::npos);
  EXPECT_EQ(Cli({"customer", "show", "NOPE"}).exit_code, 1);
  EXPECT_EQ(Cli({"invoice", "show", "INV-99"}).exit_code, 1);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Cli({}).exit_code, 2);
  EXPECT_EQ(Cli({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(Cli({"load"}).exit_code, 2);
  EXPECT_EQ(Cli({"load", dir_.path() + "/missing.csv"}).exit_code, 2);
  EXPECT_EQ(Cli({"status", "--help"}).exit_code, 0);
}

TEST_F(CliTest, DataDirectoryHeldByAnotherProcessExitsThree) {
  ASSERT_EQ(Cli({"status"}).exit_code, 0);  // creates the store
  auto held = Store::Open(dir_.path() + "/data/db", StoreOptions{});
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  RunResult r = Cli({"status"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("in use"), std::string::npos) << r.err;
}

TEST_F(CliTest, ConfigFileIsReadAndTyposRefused) {
  const auto cfg = dir_.Write("c.toml", "[paths]\ndata_dir = \"" + dir_.path() + "/other\"\n");
  RunResult r = RunProgram({CASHMATCH_CLI_PATH, "--config", cfg, "status", "--json"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(dir_.path() + "/other"), std::string::npos) << r.out;
  const auto typo = dir_.Write("t.toml", "[paths]\ndata_dri = \"x\"\n");
  RunResult bad = RunProgram({CASHMATCH_CLI_PATH, "--config", typo, "status"}, dir_.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("paths.data_dri"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace cashmatch
