// cashmatchd end to end: the real binary on a temporary data directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "daemon_test_util.h"

namespace cashmatch::testing {
namespace {

constexpr const char* kFeedHeader =
    "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n";

std::string Feed(int from, int count) {
  std::string s = kFeedHeader;
  for (int i = from; i < from + count; ++i) {
    s += "R" + std::to_string(i) + ",2026-11-20,1" + std::to_string(i % 10) +
         "0.00,USD,Acme Corp,,INV-" + std::to_string(i) + "\n";
  }
  return s;
}

class DaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/data";
    inbox_ = data_ + "/inbox";
    fs::create_directories(inbox_);
  }
  // A config file with these [daemon] settings (and any other tables).
  std::string Config(const std::string& body) { return dir_.Write("cashmatch.toml", body); }
  std::vector<std::string> Args(const std::string& daemon_table) {
    return {"--config", Config("[daemon]\n" + daemon_table)};
  }
  std::string Archive() const { return data_ + "/archive"; }
  std::string Quarantine() const { return data_ + "/quarantine"; }
  bool InboxEmpty() const { return ListDir(inbox_).empty(); }
  size_t FileBatches() const {
    size_t n = 0;
    for (const Batch& b : StoreContents::Read(data_ + "/db").batches)
      n += b.kind == BatchKind::kFile;
    return n;
  }

  TempDir dir_;
  std::string data_, inbox_;
};

TEST_F(DaemonTest, EveryFormatOfAGeneratedDayGoesThroughTheInbox) {
  const std::string day = dir_.path() + "/day";
  RunResult gen =
      RunProgram({CASHMATCH_GEN_PATH, "day", "--out", day, "--customers", "300", "--invoices",
                  "3000", "--payments", "1500", "--per-file", "100", "--seed", "7", "--formats",
                  "bai2,lockbox,camt052,camt053,camt054,mt940,mt942,nacha,x12_820,csv,jsonl"},
                 dir_.path());
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  DaemonProcess d(data_, Args("settle_ms = 200\n"));
  // Open items first, by rename as the ERP should drop them; the daemon
  // tells them from payments feeds by their columns.
  DropByRename(inbox_, "customers.csv", Slurp(day + "/customers.csv"));
  DropByRename(inbox_, "invoices.csv", Slurp(day + "/invoices.csv"));
  ASSERT_TRUE(d.WaitForLog("loaded file=invoices.csv")) << d.Log();
  std::set<std::string> formats;
  const std::vector<std::string> bank_files = ListDir(day + "/inbox");
  for (const std::string& name : bank_files)
    DropByRename(inbox_, name, Slurp(day + "/inbox/" + name));
  ASSERT_TRUE(d.WaitForLog("ingested file=", bank_files.size())) << d.Log();
  d.Signal(SIGTERM);
  ASSERT_EQ(d.Wait(), 0) << d.Log();
  const std::string log = d.Log();
  for (const char* f : {"bai2", "lockbox", "camt052", "camt053", "camt054", "mt940", "mt942",
                        "nacha", "x12_820", "csv", "jsonl"}) {
    EXPECT_NE(log.find(std::string("format=") + f + " "), std::string::npos) << f << "\n" << log;
  }
  EXPECT_TRUE(InboxEmpty());
  EXPECT_TRUE(ListDir(Quarantine()).empty()) << log;
  EXPECT_EQ(ListDir(Archive()).size(), bank_files.size() + 2);
  EXPECT_EQ(FileBatches(), bank_files.size());
  EXPECT_NE(log.find("stopped files=" + std::to_string(bank_files.size() + 2)), std::string::npos)
      << log;
}

TEST_F(DaemonTest, SameBytesUnderAnotherNameMakeNoSecondBatch) {
  DaemonProcess d(data_, Args("settle_ms = 100\n"));
  DropByRename(inbox_, "feed-a.csv", Feed(1, 5));
  ASSERT_TRUE(d.WaitForLog("ingested file=feed-a.csv")) << d.Log();
  DropByRename(inbox_, "feed-b.csv", Feed(1, 5));
  ASSERT_TRUE(d.WaitForLog("already ingested file=feed-b.csv")) << d.Log();
  d.Signal(SIGTERM);
  ASSERT_EQ(d.Wait(), 0);
  EXPECT_NE(d.Log().find("same content as feed-a.csv"), std::string::npos) << d.Log();
  EXPECT_EQ(ListDir(Archive()), (std::vector<std::string>{"feed-a.csv", "feed-b.csv"}));
  EXPECT_TRUE(ListDir(Quarantine()).empty());
  EXPECT_EQ(FileBatches(), 1u);
}

TEST_F(DaemonTest, BrokenFilesGoToQuarantineWithAReport) {
  DaemonProcess d(data_, Args("settle_ms = 100\n"));
  DropByRename(inbox_, "broken.bai", "01,BANK,CUST,261120,0800,1,80,,2/\n02,oops\n");
  DropByRename(inbox_, "customers.csv", "customer_id,name\nC1,Acme\nC1,Acme again\n");
  ASSERT_TRUE(d.WaitForLog("quarantined file=broken.bai")) << d.Log();
  ASSERT_TRUE(d.WaitForLog("quarantined file=customers.csv")) << d.Log();
  d.Signal(SIGTERM);
  ASSERT_EQ(d.Wait(), 0);
  EXPECT_EQ(ListDir(Quarantine()),
            (std::vector<std::string>{"broken.bai", "broken.bai.report.txt", "customers.csv",
                                      "customers.csv.report.txt"}));
  EXPECT_NE(Slurp(Quarantine() + "/broken.bai.report.txt").find("reason: "), std::string::npos);
  EXPECT_NE(Slurp(Quarantine() + "/customers.csv.report.txt").find("line 3"), std::string::npos)
      << Slurp(Quarantine() + "/customers.csv.report.txt");
  EXPECT_TRUE(InboxEmpty());
  EXPECT_EQ(FileBatches(), 0u);
  // Both are on record as refused, with the reason the report gives.
  std::vector<std::string> refused;
  for (const IngestedFile& f : StoreContents::Read(data_ + "/db").files) {
    EXPECT_EQ(f.outcome, FileOutcome::kRejected) << f.name;
    EXPECT_FALSE(f.reason.empty()) << f.name;
    refused.push_back(f.name + " " + f.format);
  }
  std::sort(refused.begin(), refused.end());
  EXPECT_EQ(refused, (std::vector<std::string>{"broken.bai bai2", "customers.csv open_items_csv"}));
}

TEST_F(DaemonTest, OpenItemsDroppedInAreLoadedAndTheQueueRematched) {
  DaemonProcess d(data_, Args("settle_ms = 100\n"));
  // Payments before the invoices they pay: nothing to apply them to yet.
  DropByRename(inbox_, "feed.csv", Feed(1, 3));
  ASSERT_TRUE(d.WaitForLog("ingested file=feed.csv")) << d.Log();
  EXPECT_NE(d.Log().find("applied=0 unapplied=3"), std::string::npos) << d.Log();
  DropByRename(inbox_, "customers.jsonl", "{\"customer_id\":\"C1\",\"name\":\"Acme Corp\"}\n");
  std::string invoices =
      "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n";
  for (int i = 1; i <= 3; ++i) {
    invoices += "INV-" + std::to_string(i) + ",C1,USD,1" + std::to_string(i % 10) + "0.00,1" +
                std::to_string(i % 10) + "0.00,2026-10-01,2026-10-31\n";
  }
  DropByRename(inbox_, "invoices.csv", invoices);
  ASSERT_TRUE(d.WaitForLog("loaded file=invoices.csv")) << d.Log();
  ASSERT_TRUE(d.WaitForLog("applied=3 still_unapplied=0")) << d.Log();
  d.Signal(SIGTERM);
  ASSERT_EQ(d.Wait(), 0);
  EXPECT_NE(d.Log().find("loaded file=customers.jsonl format=jsonl"), std::string::npos);
  EXPECT_EQ(ListDir(Archive()),
            (std::vector<std::string>{"customers.jsonl", "feed.csv", "invoices.csv"}));
  EXPECT_TRUE(StoreContents::Read(data_ + "/db").work_items.empty());
}

TEST_F(DaemonTest, AFileRenamedInIsTakenAtOnce) {
  // Settling would take a minute: a renamed file does not wait for it.
  DaemonProcess d(data_, Args("settle_ms = 60000\n"));
  ASSERT_TRUE(d.WaitForLog("watching inbox=")) << d.Log();
  DropByRename(inbox_, "feed.csv", Feed(1, 2));
  ASSERT_TRUE(d.WaitForLog("ingested file=feed.csv", 1, std::chrono::seconds(30))) << d.Log();
  d.Signal(SIGTERM);
  EXPECT_EQ(d.Wait(), 0);
}

TEST_F(DaemonTest, AFileWrittenInPlaceIsTakenOnlyOnceComplete) {
  DaemonProcess d(data_, Args("settle_ms = 300\n"));
  ASSERT_TRUE(d.WaitForLog("watching inbox=")) << d.Log();
  const std::string full = Feed(1, 40);
  const std::string path = inbox_ + "/slow.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << full.substr(0, full.size() / 2);
    out.flush();
    // While the writer holds it open, other files come and go...
    DropByRename(inbox_, "quick.csv", Feed(100, 2));
    ASSERT_TRUE(d.WaitForLog("ingested file=quick.csv")) << d.Log();
    // ...and the half-written one stays, however long the pause.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_TRUE(fs::exists(path));
    EXPECT_EQ(d.Log().find("slow.csv"), std::string::npos) << d.Log();
    out << full.substr(full.size() / 2);
  }
  ASSERT_TRUE(d.WaitForLog("ingested file=slow.csv")) << d.Log();
  EXPECT_NE(d.Log().find("ingested file=slow.csv format=csv batch=2 payments=40 "),
            std::string::npos)
      << d.Log();
  d.Signal(SIGTERM);
  EXPECT_EQ(d.Wait(), 0);
}

TEST_F(DaemonTest, HiddenFilesAndFoldersAreLeftAlone) {
  DaemonProcess d(data_, Args("settle_ms = 0\n"));
  { std::ofstream(inbox_ + "/.upload.csv") << Feed(1, 1); }
  { std::ofstream(inbox_ + "/partial.csv.part") << Feed(2, 1); }
  fs::create_directories(inbox_ + "/sub");
  DropByRename(inbox_, "feed.csv", Feed(3, 1));
  ASSERT_TRUE(d.WaitForLog("ingested file=feed.csv")) << d.Log();
  d.Signal(SIGTERM);
  ASSERT_EQ(d.Wait(), 0);
  EXPECT_EQ(ListDir(inbox_), (std::vector<std::string>{".upload.csv", "partial.csv.part"}));
  EXPECT_TRUE(fs::is_directory(inbox_ + "/sub"));
}

TEST_F(DaemonTest, SigtermDuringABatchFinishesTheFileInHandAndLosesNothing) {
  // Many files, one per group, so the signal lands between or inside them.
  constexpr int kFiles = 30;
  for (int i = 0; i < kFiles; ++i) {
    DropByRename(inbox_, "feed" + std::to_string(100 + i) + ".csv", Feed(i * 1000, 400),
                 1'700'000'000 + i);
  }
  DaemonProcess d(data_, Args("settle_ms = 0\ngroup_files = 4\n"));
  ASSERT_TRUE(d.WaitForLog("ingested file=")) << d.Log();
  d.Signal(SIGTERM);
  d.Signal(SIGTERM);  // a second one is still a clean stop
  ASSERT_EQ(d.Wait(), 0) << d.Log();
  const std::string log = d.Log();
  EXPECT_NE(log.find("stopping after the file in hand"), std::string::npos) << log;
  EXPECT_NE(log.find("stopped files="), std::string::npos) << log;
  // Every file is either archived with its batch, or untouched in the inbox.
  const std::vector<std::string> archived = ListDir(Archive()), left = ListDir(inbox_);
  EXPECT_EQ(archived.size() + left.size(), static_cast<size_t>(kFiles));
  EXPECT_EQ(FileBatches(), archived.size());
  EXPECT_EQ(CountOf(log, "ingested file="), archived.size());
  EXPECT_NE(log.find("left_in_inbox=" + std::to_string(left.size()) + " "), std::string::npos)
      << log;
  // In arrival order: what was taken precedes what was left.
  if (!archived.empty() && !left.empty()) {
    EXPECT_LT(archived.back(), left.front());
  }
  // The next start finishes the rest.
  DaemonProcess again(data_, {"--once", "--config", Config("[daemon]\nsettle_ms = 0\n")});
  ASSERT_EQ(again.Wait(), 0) << again.Log();
  EXPECT_TRUE(InboxEmpty());
  EXPECT_EQ(FileBatches(), static_cast<size_t>(kFiles));
}

TEST_F(DaemonTest, SighupRereadsTheConfig) {
  const std::string config = Config("[daemon]\nsettle_ms = 1000\n");
  DaemonProcess d(data_, {"--config", config});
  ASSERT_TRUE(d.WaitForLog("watching inbox=")) << d.Log();
  {
    std::ofstream(config, std::ios::trunc)
        << "[daemon]\nsettle_ms = 50\n[matching]\nauto_apply = 0.95\n";
  }
  d.Signal(SIGHUP);
  ASSERT_TRUE(d.WaitForLog("config daemon.settle_ms: 1000 -> 50")) << d.Log();
  ASSERT_TRUE(d.WaitForLog("config matching.auto_apply: 0.9 -> 0.95 needs a restart, ignored"))
      << d.Log();
  { std::ofstream(config, std::ios::trunc) << "[daemon]\nsettle = 50\n"; }
  d.Signal(SIGHUP);
  ASSERT_TRUE(d.WaitForLog("keeping the running settings")) << d.Log();
  d.Signal(SIGINT);
  EXPECT_EQ(d.Wait(), 0);
}

TEST_F(DaemonTest, AStoreOrFolderFailureStopsItAndTheFileWaitsForTheNextStart) {
  {
    DaemonProcess d(data_, Args("settle_ms = 0\n"));
    ASSERT_TRUE(d.WaitForLog("watching inbox=")) << d.Log();
    // The archive folder becomes a plain file: the commit succeeds, the
    // move after it cannot.
    fs::remove_all(Archive());
    { std::ofstream(Archive()) << "in the way"; }
    DropByRename(inbox_, "feed.csv", Feed(1, 3));
    EXPECT_EQ(d.Wait(), 1) << d.Log();
    EXPECT_NE(d.Log().find("stopping on error"), std::string::npos) << d.Log();
  }
  EXPECT_EQ(ListDir(inbox_), std::vector<std::string>{"feed.csv"});
  fs::remove(Archive());
  DaemonProcess again(data_, {"--once", "--config", Config("[daemon]\nsettle_ms = 0\n")});
  ASSERT_EQ(again.Wait(), 0) << again.Log();
  EXPECT_NE(again.Log().find("already ingested file=feed.csv"), std::string::npos) << again.Log();
  EXPECT_TRUE(InboxEmpty());
  EXPECT_EQ(FileBatches(), 1u);
}

TEST_F(DaemonTest, GroupingDoesNotChangeTheResults) {
  const std::string day = dir_.path() + "/day";
  RunResult gen =
      RunProgram({CASHMATCH_GEN_PATH, "day", "--out", day, "--customers", "200", "--invoices",
                  "2000", "--payments", "1200", "--per-file", "60", "--seed", "3"},
                 dir_.path());
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::vector<std::string> files = {"customers.csv", "invoices.csv"};
  std::map<std::string, std::string> bytes = {{"customers.csv", Slurp(day + "/customers.csv")},
                                              {"invoices.csv", Slurp(day + "/invoices.csv")}};
  for (const std::string& name : ListDir(day + "/inbox")) {
    files.push_back(name);
    bytes[name] = Slurp(day + "/inbox/" + name);
  }
  std::vector<StoreContents> stores;
  std::vector<std::string> outboxes;
  // One file per group; all in one group; and a restart after the open
  // items, so the ledger the bank files meet is rebuilt from the store (its
  // internal numbering differs from a ledger built by the loads).
  for (const std::string run : {"1", "64", "restart"}) {
    const std::string data = dir_.path() + "/run-" + run;
    fs::create_directories(data + "/inbox");
    const std::string config =
        Config("[daemon]\nsettle_ms = 0\ngroup_files = " + (run == "restart" ? "16" : run) + "\n");
    for (size_t i = 0; i < files.size(); ++i) {
      DropByRename(data + "/inbox", files[i], bytes[files[i]],
                   1'700'000'000 + static_cast<int64_t>(i));
      if (run == "restart" && i == 1) {
        DaemonProcess d(data, {"--once", "--config", config});
        ASSERT_EQ(d.Wait(), 0) << d.Log();
      }
    }
    DaemonProcess d(data, {"--once", "--config", config});
    ASSERT_EQ(d.Wait(), 0) << d.Log();
    ASSERT_TRUE(ListDir(data + "/inbox").empty());
    stores.push_back(StoreContents::Read(data + "/db"));
    outboxes.push_back(OutboxContents(data + "/outbox"));
  }
  EXPECT_FALSE(stores[0].batches.empty());
  EXPECT_FALSE(stores[0].applications.empty());
  EXPECT_EQ(StoreContents::Diff(stores[0], stores[1]), "");
  EXPECT_EQ(StoreContents::Diff(stores[0], stores[2]), "");
  EXPECT_EQ(outboxes[0], outboxes[1]);
  EXPECT_EQ(outboxes[0], outboxes[2]);
}

}  // namespace
}  // namespace cashmatch::testing
