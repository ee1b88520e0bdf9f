// The result files as the Service writes them: one set per batch, after
// its commit, with the spec's columns; written again identically on
// export; written after a crash or a failure from what the store keeps
// pending, exactly once.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "cli_test_util.h"
#include "outbox.h"
#include "outbox_format.h"
#include "outbox_test_util.h"
#include "service.h"

namespace cashmatch::tools {
namespace {

using cashmatch::testing::CsvRows;
using cashmatch::testing::ListDir;
using cashmatch::testing::ParseCsv;
using cashmatch::testing::Slurp;
using cashmatch::testing::TempDir;

constexpr char kApplicationsHeader[] =
    "batch_id,payment_id,source_file,source_ref,value_date,customer_id,invoice_id,currency,"
    "applied_amount,discount_amount,writeoff_amount,method,confidence,company\n";
constexpr char kUnappliedHeader[] =
    "batch_id,payment_id,source_file,source_ref,value_date,currency,amount,payer_name,"
    "customer_id,reason,suggestions,remittance,payer_account,duplicate\n";
const char* const kSuffixes[] = {".applications.csv", ".applications.jsonl", ".unapplied.csv",
                                 ".unapplied.jsonl", ".summary.json"};

// A feed whose payments exercise the files: a reference hit, an overpaid
// one (remainder on account), a yen payment, and one nobody can place
// whose text is hostile to spreadsheets and CSV readers alike.
constexpr char kFeed[] =
    "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n"
    "REF-A,2026-11-20,100.00,USD,Acme Corporation,,INV-100\n"
    "REF-B,2026-11-20,120.00,USD,Acme Corporation,,INV-101\n"
    "REF-Y,2026-11-20,1200,JPY,Acme Corporation,,INV-300\n"
    "-x,2026-11-20,77.77,USD,\"=SUM(A1), \"\"the\"\" payer\nline 2\",@cmd,+1 555 0100\n";

class OutboxServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = DefaultConfig(dir_.path() + "/data");
    config_.sync_writes = false;
    Reopen();
    Load("customers.csv",
         "customer_id,name,parent_id\nC1,Acme Corporation,\nC2,Beta Industries,\n"
         "C3,Acme Subsidiary GmbH,C1\n");
    Load("invoices.csv",
         "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
         "INV-100,C1,USD,100.00,100.00,2026-10-01,2026-10-31\n"
         "INV-101,C1,USD,40.00,40.00,2026-10-02,2026-11-01\n"
         "INV-200,C2,USD,77.70,77.70,2026-10-03,2026-11-02\n"
         "INV-300,C1,JPY,1200,1200,2026-10-03,2026-11-02\n"
         "INV-900,C3,USD,55.00,55.00,2026-10-04,2026-11-03\n");
  }
  void Reopen() {
    service_.reset();
    auto s = Service::Open(config_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(*s);
  }
  void Load(const std::string& name, const std::string& content) {
    auto r = service_->LoadOpenItems(dir_.Write(name, content), false);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  IngestReport IngestFeed(const std::string& name = "feed.csv", const std::string& content = kFeed) {
    auto r = service_->IngestFiles({dir_.Write(name, content)}, {});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && r->size() == 1 ? (*r)[0] : IngestReport{};
  }
  std::string OutPath(uint64_t batch, const char* suffix) const {
    return config_.outbox_dir + "/" + OutboxBatchName(batch) + suffix;
  }
  CsvRows Csv(uint64_t batch, const char* suffix) {
    CsvRows rows;
    EXPECT_TRUE(ParseCsv(Slurp(OutPath(batch, suffix)), &rows)) << OutPath(batch, suffix);
    return rows;
  }
  std::vector<uint64_t> Pending() {
    std::vector<uint64_t> ids;
    EXPECT_TRUE(service_->store().ForEachResultsPending([&](uint64_t id) {
      ids.push_back(id);
      return true;
    }).ok());
    return ids;
  }
  // Every row of `rows` (header first) with column `name` equal to `value`.
  static std::vector<std::vector<std::string>> Where(const CsvRows& rows, const std::string& name,
                                                     const std::string& value) {
    std::vector<std::vector<std::string>> out;
    const auto col = std::find(rows[0].begin(), rows[0].end(), name) - rows[0].begin();
    for (size_t i = 1; i < rows.size(); ++i) {
      if (rows[i][col] == value) out.push_back(rows[i]);
    }
    return out;
  }

  TempDir dir_;
  Config config_;
  std::unique_ptr<Service> service_;
};

TEST_F(OutboxServiceTest, FilesNamedByBatchWithTheSpecColumns) {
  const IngestReport r = IngestFeed();
  ASSERT_EQ(r.outcome, IngestReport::Outcome::kIngested) << r.reason;
  // Loads write nothing: only the ingested file's batch is there.
  std::vector<std::string> expected;
  for (const char* s : kSuffixes) expected.push_back(OutboxBatchName(r.batch_id) + s);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ListDir(config_.outbox_dir), expected);  // no temp files, nothing hidden
  EXPECT_EQ(OutboxBatchName(42), "0000000042");
  const std::string apps = Slurp(OutPath(r.batch_id, ".applications.csv"));
  const std::string unapplied = Slurp(OutPath(r.batch_id, ".unapplied.csv"));
  EXPECT_EQ(apps.substr(0, apps.find('\n') + 1), kApplicationsHeader);
  EXPECT_EQ(unapplied.substr(0, unapplied.find('\n') + 1), kUnappliedHeader);
  // JSON Lines carry the same keys in the same order.
  const std::string jsonl = Slurp(OutPath(r.batch_id, ".applications.jsonl"));
  std::string keys;
  for (size_t at = jsonl.find("\":"); at < jsonl.find('\n'); at = jsonl.find("\":", at + 1)) {
    const size_t open = jsonl.rfind('"', at - 1);
    keys += (keys.empty() ? "" : ",") + jsonl.substr(open + 1, at - open - 1);
  }
  EXPECT_EQ(keys + "\n", kApplicationsHeader);
  EXPECT_TRUE(Pending().empty());
}

TEST_F(OutboxServiceTest, ApplicationRowsOnAccountAndCurrencies) {
  const IngestReport r = IngestFeed();
  const CsvRows rows = Csv(r.batch_id, ".applications.csv");
  const std::string batch = std::to_string(r.batch_id);
  auto a = Where(rows, "source_ref", "REF-A");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0], (std::vector<std::string>{batch, a[0][1], "feed.csv", "REF-A", "2026-11-20", "C1",
                                            "INV-100", "USD", "100.00", "0.00", "0.00", "reference",
                                            a[0][12], ""}));
  EXPECT_NE(a[0][12].find("0."), std::string::npos);  // a decimal in [0, 1]
  // Overpaid: the invoice closes, the rest is on account of its customer.
  auto b = Where(rows, "source_ref", "REF-B");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0][6], "INV-101");
  EXPECT_EQ(b[0][8], "40.00");
  EXPECT_EQ(b[1][6], "");  // on account
  EXPECT_EQ(b[1][5], "C1");
  EXPECT_EQ(b[1][8], "80.00");
  // Yen have no decimals.
  auto y = Where(rows, "source_ref", "REF-Y");
  ASSERT_EQ(y.size(), 1u);
  EXPECT_EQ(y[0][7], "JPY");
  EXPECT_EQ(y[0][8], "1200");
  EXPECT_EQ(y[0][9], "0");
}

TEST_F(OutboxServiceTest, UnappliedRowsAreQuotedAndGuarded) {
  const IngestReport r = IngestFeed();
  const CsvRows rows = Csv(r.batch_id, ".unapplied.csv");
  ASSERT_EQ(rows.size(), 2u);
  const std::vector<std::string>& u = rows[1];
  EXPECT_EQ(u[3], "'-x");                                // source_ref: text, guarded
  EXPECT_EQ(u[5], "USD");
  EXPECT_EQ(u[6], "77.77");
  EXPECT_EQ(u[7], "'=SUM(A1), \"the\" payer line 2");  // quoted, quotes doubled
  EXPECT_FALSE(u[9].empty());                            // the reason
  EXPECT_EQ(u[11], "'+1 555 0100");                      // remittance
  EXPECT_EQ(u[12], "'@cmd");                             // payer_account
  EXPECT_EQ(u[13], "false");
  // JSON Lines keep the raw values: no spreadsheet reads them.
  const std::string jsonl = Slurp(OutPath(r.batch_id, ".unapplied.jsonl"));
  EXPECT_NE(jsonl.find("\"payer_name\":\"=SUM(A1), \\\"the\\\" payer line 2\""), std::string::npos) << jsonl;
  EXPECT_NE(jsonl.find("\"source_ref\":\"-x\""), std::string::npos);
  EXPECT_NE(jsonl.find("\"amount\":\"77.77\""), std::string::npos);
}

TEST_F(OutboxServiceTest, SuggestionsBestFirst) {
  // Acme is recognised and names two invoices, but 60.00 pays neither
  // whole nor both: a person decides, with the invoices offered.
  const IngestReport r = IngestFeed("acme.csv",
                                    "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n"
                                    "A-1,2026-11-20,60.00,USD,Acme Corporation,,INV-100 INV-101\n");
  const CsvRows rows = Csv(r.batch_id, ".unapplied.csv");
  ASSERT_EQ(rows.size(), 2u) << Slurp(OutPath(r.batch_id, ".unapplied.csv"));
  EXPECT_EQ(rows[1][8], "C1");
  const std::string& s = rows[1][10];
  // INVOICE_ID:AMOUNT:CONFIDENCE, separated by |, confidences not rising.
  std::vector<std::string> invoices;
  std::string last_confidence = "1";
  for (size_t start = 0; start < s.size();) {
    const size_t end = std::min(s.find('|', start), s.size());
    const std::string one = s.substr(start, end - start);
    const size_t c1 = one.find(':'), c2 = one.rfind(':');
    ASSERT_LT(c1, c2) << one;
    invoices.push_back(one.substr(0, c1));
    EXPECT_TRUE(IsPlainNumber(one.substr(c1 + 1, c2 - c1 - 1))) << one;
    const std::string confidence = one.substr(c2 + 1);
    EXPECT_TRUE(IsPlainNumber(confidence)) << one;
    EXPECT_LE(confidence, last_confidence) << s;
    last_confidence = confidence;
    start = end + 1;
  }
  ASSERT_GE(invoices.size(), 2u) << s;
  EXPECT_EQ(s.substr(0, s.find('|')), "INV-100:60.00:0.8");
  EXPECT_EQ(invoices[1], "INV-101");
  // The unplaceable feed payment names the invoice its text points at.
  const IngestReport feed = IngestFeed();
  const CsvRows more = Csv(feed.batch_id, ".unapplied.csv");
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[1][10].substr(0, more[1][10].find(':', 8) + 1), "INV-100:77.77:");
}

// Text with line breaks (a payment whose source kept them) is quoted whole:
// a CSV reader gets the line break back inside its cell.
TEST_F(OutboxServiceTest, LineBreaksStayInsideTheirCell) {
  Payment p;
  p.payment_id = service_->store().AllocatePaymentIds(1);
  p.source_file = "odd.txt";
  p.source_ref = "ODD-1";
  p.amount = Money{1234, *Currency::FromCode("USD")};
  p.value_date = Date::FromCivil(2026, 11, 20);
  p.payer_name = "Line one\nLine \"two\", end";
  p.remittance_text = "first\r\nsecond";
  p.remittance.push_back({"PO-7", Money{1000, p.amount.currency}, {}, {}, {}, ""});
  WriteSet set;
  set.PutPayment(p);
  set.MarkUnapplied(p.payment_id);
  ASSERT_TRUE(service_->store().Commit(std::move(set)).ok());
  Result<RematchReport> r = service_->Rematch();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const CsvRows rows = Csv(r->batch_id, ".unapplied.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][2], "odd.txt");
  EXPECT_EQ(rows[1][7], "Line one\nLine \"two\", end");
  EXPECT_EQ(rows[1][11], "first\r\nsecond | PO-7:10.00");
  const std::string summary = Slurp(OutPath(r->batch_id, ".summary.json"));
  EXPECT_NE(summary.find("\"kind\":\"rematch\""), std::string::npos) << summary;
}

// The summary's counts and sums are those of the rows beside it.
TEST_F(OutboxServiceTest, SummaryAddsUpTheRows) {
  const IngestReport r = IngestFeed();
  const std::string summary = Slurp(OutPath(r.batch_id, ".summary.json"));
  ASSERT_FALSE(summary.empty());
  EXPECT_EQ(summary.back(), '\n');
  const CsvRows apps = Csv(r.batch_id, ".applications.csv");
  const CsvRows unapplied = Csv(r.batch_id, ".unapplied.csv");
  auto has = [&](const std::string& fragment) {
    EXPECT_NE(summary.find(fragment), std::string::npos) << fragment << " in " << summary;
  };
  has("\"batch_id\":" + std::to_string(r.batch_id) + ",\"kind\":\"file\",\"source_file\":\"feed.csv\"");
  has("\"payments\":4,\"applied\":3,\"reversals\":0,\"unapplied\":1,\"duplicates\":0");
  has("\"application_rows\":" + std::to_string(apps.size() - 1));
  has("\"unapplied_rows\":" + std::to_string(unapplied.size() - 1));
  // USD: received 297.77 = 140.00 applied + 80.00 on account + 77.77 left.
  has("\"USD\":{\"received\":\"297.77\",\"applied\":\"140.00\",\"discount\":\"0.00\","
      "\"writeoff\":\"0.00\",\"on_account\":\"80.00\",\"unapplied\":\"77.77\"}");
  has("\"JPY\":{\"received\":\"1200\",\"applied\":\"1200\"");
  has("\"methods\":{\"reference\":4,");
  has("\"time_ms\":");
}

// A parent paying its subsidiary's invoice: the row names the subsidiary,
// whose invoice it is.
TEST_F(OutboxServiceTest, ParentPayingASubsidiaryShowsTheSubsidiary) {
  const IngestReport r = IngestFeed("parent.csv",
                                    "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n"
                                    "P-1,2026-11-20,55.00,USD,Acme Corporation,,INV-900\n");
  const CsvRows rows = Csv(r.batch_id, ".applications.csv");
  ASSERT_EQ(rows.size(), 2u) << Slurp(OutPath(r.batch_id, ".unapplied.csv"));
  EXPECT_EQ(rows[1][6], "INV-900");
  EXPECT_EQ(rows[1][5], "C3");
  EXPECT_EQ(rows[1][8], "55.00");
}

// Manual work makes batches of its own; an unapply's rows carry the
// reversed amounts with a minus sign, and the payment waits again.
TEST_F(OutboxServiceTest, ManualApplyAndUnapplyWriteTheirOwnFiles) {
  const IngestReport r = IngestFeed();
  const uint64_t stray = r.payment_ids[3];
  Result<ManualReport> applied = service_->ApplyManually(stray, {{"", "INV-200", 7000}});
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  CsvRows rows = Csv(applied->batch_id, ".applications.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][6], "INV-200");
  EXPECT_EQ(rows[1][8], "70.00");
  EXPECT_EQ(rows[1][11], "manual");
  EXPECT_EQ(rows[1][12], "1");
  // What is left of the payment waits, and the batch says how much.
  rows = Csv(applied->batch_id, ".unapplied.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][6], "7.77");

  Result<ManualReport> undone = service_->Unapply(stray);
  ASSERT_TRUE(undone.ok()) << undone.status().ToString();
  rows = Csv(undone->batch_id, ".applications.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][8], "-70.00");
  EXPECT_EQ(rows[1][6], "INV-200");
  rows = Csv(undone->batch_id, ".unapplied.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][6], "77.77");  // the whole payment waits again
  const std::string summary = Slurp(OutPath(undone->batch_id, ".summary.json"));
  EXPECT_NE(summary.find("\"kind\":\"reversal\""), std::string::npos);
  EXPECT_NE(summary.find("\"applied\":0,\"reversals\":1"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"applied\":\"-70.00\""), std::string::npos) << summary;
}

// `cashmatch unapply` takes back one batch (Service::UnapplyBatch): that
// too is a batch of its own in the outbox, and only the chosen batch's rows
// come back negated.
TEST_F(OutboxServiceTest, UnapplyOfOneBatchWritesItsOwnFiles) {
  const IngestReport r = IngestFeed();
  const uint64_t stray = r.payment_ids[3];
  Result<ManualReport> first = service_->ApplyManually(stray, {{"", "INV-200", 5000}});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Result<ManualReport> second = service_->ApplyManually(stray, {{"", "INV-200", 2000}});
  ASSERT_TRUE(second.ok()) << second.status().ToString();

  Result<ManualReport> undone = service_->UnapplyBatch(stray, first->batch_id);
  ASSERT_TRUE(undone.ok()) << undone.status().ToString();
  CsvRows rows = Csv(undone->batch_id, ".applications.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][6], "INV-200");
  EXPECT_EQ(rows[1][8], "-50.00");
  rows = Csv(undone->batch_id, ".unapplied.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], std::to_string(stray));
  const std::string summary = Slurp(OutPath(undone->batch_id, ".summary.json"));
  EXPECT_NE(summary.find("\"kind\":\"reversal\""), std::string::npos) << summary;
}

// Export writes the same bytes as the first time, summary included, after
// the work queue and the payment's record moved on.
TEST_F(OutboxServiceTest, ExportIsByteIdenticalAfterTheQueueMoved) {
  const IngestReport r = IngestFeed();
  std::map<std::string, std::string> first;
  for (const char* s : kSuffixes) first[s] = Slurp(OutPath(r.batch_id, s));
  ASSERT_TRUE(service_->ApplyManually(r.payment_ids[3], {{"", "INV-200", 7000}}).ok());
  ASSERT_TRUE(service_->Rematch().ok());
  Reopen();
  const std::string out = dir_.path() + "/export";
  Result<OutboxFiles> again = service_->ExportBatch(r.batch_id, out);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->paths.size(), 5u);
  EXPECT_EQ(again->unapplied_rows, 1u);
  for (const char* s : kSuffixes) {
    EXPECT_EQ(Slurp(out + "/" + OutboxBatchName(r.batch_id) + s), first[s]) << s;
  }
  EXPECT_EQ(again->paths.back(), out + "/" + OutboxBatchName(r.batch_id) + ".summary.json");
}

TEST_F(OutboxServiceTest, LoadsHaveNoFilesAndUnknownBatchesAreNotFound) {
  const std::vector<std::string> before = ListDir(config_.outbox_dir);
  EXPECT_TRUE(before.empty());
  Result<Batch> last = service_->store().GetBatch(1);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->kind, BatchKind::kLoad);
  EXPECT_EQ(service_->ExportBatch(1, config_.outbox_dir).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(service_->ExportBatch(999, config_.outbox_dir).status().code(), StatusCode::kNotFound);
}

// Writing the files fails after the batch committed (a full disk, say):
// the operation says so, the batch stays pending, and the next open writes
// its files, once: files the ERP took away are not written again.
TEST_F(OutboxServiceTest, PendingResultsAreWrittenOnceOnReopen) {
  service_->FailResultFilesForTesting(true);
  auto failed = service_->IngestFiles({dir_.Write("feed.csv", kFeed)}, {});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kIoError);
  EXPECT_TRUE(ListDir(config_.outbox_dir).empty());
  const std::vector<uint64_t> pending = Pending();
  ASSERT_EQ(pending.size(), 1u);
  Result<Batch> batch = service_->store().GetBatch(pending[0]);
  ASSERT_TRUE(batch.ok());  // committed all the same
  EXPECT_EQ(batch->kind, BatchKind::kFile);

  Reopen();
  EXPECT_TRUE(Pending().empty());
  EXPECT_EQ(ListDir(config_.outbox_dir).size(), 5u);
  EXPECT_FALSE(Slurp(OutPath(pending[0], ".summary.json")).empty());
  // The ERP takes the files; nothing brings them back.
  for (const std::string& name : ListDir(config_.outbox_dir)) {
    std::filesystem::remove(config_.outbox_dir + "/" + name);
  }
  Reopen();
  EXPECT_TRUE(ListDir(config_.outbox_dir).empty());
}

// A crash after the files were renamed but before the mark was cleared:
// the next open writes them again, the same bytes under the same names.
TEST_F(OutboxServiceTest, RewriteAfterACrashIsTheSameFile) {
  const IngestReport r = IngestFeed();
  std::map<std::string, std::string> first;
  for (const char* s : kSuffixes) first[s] = Slurp(OutPath(r.batch_id, s));
  WriteSet again;
  again.MarkResultsPending(r.batch_id);
  ASSERT_TRUE(service_->store().Commit(std::move(again)).ok());
  // And a temp file a killed writer left behind.
  const std::string stale = "." + OutboxBatchName(r.batch_id) + ".summary.json.123-0.tmp";
  dir_.Write("data/outbox/" + stale, "{\"half");
  dir_.Write("data/outbox/.erp-lock", "");  // not ours: left alone
  Reopen();
  EXPECT_TRUE(Pending().empty());
  for (const char* s : kSuffixes) EXPECT_EQ(Slurp(OutPath(r.batch_id, s)), first[s]) << s;
  const std::vector<std::string> names = ListDir(config_.outbox_dir);
  EXPECT_EQ(names.size(), 6u);
  EXPECT_EQ(std::count(names.begin(), names.end(), stale), 0);
  EXPECT_EQ(std::count(names.begin(), names.end(), ".erp-lock"), 1);
}

// The daemon's way: a file leaves the inbox only once its results are in
// the outbox. When they could not be written the file stays; taken again,
// it is a duplicate, and its batch's files come from the pending mark.
TEST_F(OutboxServiceTest, InputMovesToTheArchiveOnlyAfterItsResults) {
  IngestOptions daemon;
  daemon.move_files = true;
  const std::string inbox_file = config_.inbox_dir + "/feed.csv";
  dir_.Write("data/inbox/feed.csv", kFeed);
  service_->FailResultFilesForTesting(true);
  EXPECT_FALSE(service_->IngestFiles({inbox_file}, daemon).ok());
  EXPECT_TRUE(std::filesystem::exists(inbox_file));
  service_->FailResultFilesForTesting(false);
  auto retried = service_->IngestFiles({inbox_file}, daemon);
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_EQ((*retried)[0].outcome, IngestReport::Outcome::kDuplicate);
  EXPECT_FALSE(std::filesystem::exists(inbox_file));
  EXPECT_TRUE(std::filesystem::exists(config_.archive_dir + "/feed.csv"));
  EXPECT_EQ(ListDir(config_.outbox_dir).size(), 5u);
  EXPECT_TRUE(Pending().empty());

  // And on success the results are there by the time the file is archived.
  dir_.Write("data/inbox/beta.csv",
             "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n"
             "B-9,2026-11-20,77.70,USD,Beta Industries,,INV-200\n");
  auto ok = service_->IngestFiles({config_.inbox_dir + "/beta.csv"}, daemon);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(std::filesystem::exists(config_.archive_dir + "/beta.csv"));
  EXPECT_EQ(ListDir(config_.outbox_dir).size(), 10u);
}

}  // namespace
}  // namespace cashmatch::tools
