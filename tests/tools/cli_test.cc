// Runs the real `cashmatch` binary against temporary data directories.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "admin_server.h"
#include "cashmatch/store.h"
#include "cli_test_util.h"
#include "service.h"

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
  RunResult Cli(std::vector<std::string> args, const std::string& cwd = "") {
    args.insert(args.begin(), {CASHMATCH_CLI_PATH, "--data-dir", dir_.path() + "/data"});
    return RunProgram(args, dir_.path(), cwd);
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

constexpr char kFeed[] =
    "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n"
    "R1,2026-11-01,1.50,USD,Acme Corp,021000021:12345,INV-1\n"
    "R2,2026-11-02,77.77,USD,Nobody Known,,thanks\n"
    "R3,2026-11-03,7.50,USD,Globex Inc,,\n";

// What a killed daemon leaves: a socket file nobody answers on.
void LeaveStaleSocket(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::close(fd);
}

TEST_F(CliTest, ThroughTheDaemonsSocketEveryReadCommandAnswersTheSame) {
  ASSERT_EQ(Cli({"load", dir_.Write("customers.csv", kCustomers), dir_.Write("inv.csv", Invoices(6))}).exit_code, 0);
  RunResult ingested = Cli({"ingest", dir_.Write("feed.csv", kFeed)});
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  RunResult waiting = Cli({"unapplied", "--json", "--sort", "payment"});
  const size_t at = waiting.out.find("\"payment_id\":");
  ASSERT_NE(at, std::string::npos) << waiting.out;
  const std::string payment = waiting.out.substr(at + 13, waiting.out.find(',', at) - at - 13);
  ASSERT_EQ(Cli({"apply", payment, "INV-5:2.00"}).exit_code, 0);
  LeaveStaleSocket(dir_.path() + "/data/cashmatchd.sock");  // a dead daemon's: ignored

  std::vector<std::vector<std::string>> reads = {
      {"unapplied"}, {"unapplied", "--sort", "amount", "--limit", "1"}, {"unapplied", "--min", "7.5"},
      {"payment", "show", payment}, {"payment", "show", "1"}, {"invoice", "show", "INV-5"},
      {"customer", "show", "C1"}, {"alias", "list"}, {"files"}, {"payment", "show", "999"},
      {"invoice", "show", "NOPE"}, {"unapplied", "--currency", "USD", "--min", "1.001"},
      {"report", "aging"}, {"report", "aging", "--as-of", "2026-10-15", "--csv"},
      {"report", "dso", "--months", "3"}, {"report", "behaviour", "--customer", "C1"},
      {"report", "performance"}, {"report", "aging", "--customer", "NOPE"}};
  const size_t text_reads = reads.size();
  for (size_t i = 0; i < text_reads; ++i) {
    reads.push_back(reads[i]);
    reads.back().push_back("--json");
  }
  std::vector<RunResult> direct;
  for (const auto& args : reads) direct.push_back(Cli(args));

  auto config = tools::DefaultConfig(dir_.path() + "/data");
  auto service = tools::Service::Open(config);
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  auto server = tools::AdminServer::Start(**service, config.socket_path);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  for (size_t i = 0; i < reads.size(); ++i) {
    RunResult via = Cli(reads[i]);
    EXPECT_EQ(via.exit_code, direct[i].exit_code) << reads[i][0] << " " << via.err;
    EXPECT_EQ(via.out, direct[i].out) << reads[i][0];
    EXPECT_EQ(via.err, direct[i].err) << reads[i][0];
  }
  EXPECT_EQ(direct[9].exit_code, 1) << "payment 999 refused";
  EXPECT_EQ(direct[11].exit_code, 1) << "too many decimals for USD";

  RunResult status = Cli({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("\"daemon_running\":true"), std::string::npos) << status.out;
  EXPECT_EQ(Cli({"frobnicate"}).exit_code, 2);
  // A file named relative to the operator's directory, whatever the daemon's.
  dir_.Write("more.csv", "customer_id,name\nC7,Gamma Ltd\n");
  RunResult loaded = Cli({"load", "more.csv"}, dir_.path());
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  EXPECT_EQ(Cli({"customer", "show", "C7"}).exit_code, 0);
  RunResult missing = Cli({"load", "more.csv"}, "/");
  EXPECT_EQ(missing.exit_code, 2);
  // Changes through the socket are the daemon's: unapply, then the queue.
  RunResult unapplied = Cli({"unapply", payment, "--json"});
  ASSERT_EQ(unapplied.exit_code, 0) << unapplied.err;
  EXPECT_NE(unapplied.out.find("\"reopened\":[\"INV-5\"]"), std::string::npos) << unapplied.out;
}

TEST_F(CliTest, StoreHeldAndSocketSilentExitsThreeSayingSo) {
  ASSERT_EQ(Cli({"status"}).exit_code, 0);
  LeaveStaleSocket(dir_.path() + "/data/cashmatchd.sock");
  auto held = Store::Open(dir_.path() + "/data/db", StoreOptions{});
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  RunResult r = Cli({"unapplied"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("does not answer"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cashmatchd.sock"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

}  // namespace
}  // namespace cashmatch
