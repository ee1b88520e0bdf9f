// Deductions: created by the batch whose applications leave a short pay,
// resolved when the invoice is paid in full, voided or reopened by a
// reversal, changed by an operator as a batch of their own, and written to
// the outbox.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <shared_mutex>
#include <sstream>

#include "cli_test_util.h"
#include "credit_report.h"
#include "service.h"

namespace cashmatch::tools {
namespace {

using cashmatch::testing::TempDir;

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class DeductionsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = DefaultConfig(dir_.path() + "/data");
    config_.sync_writes = false;
    auto s = Service::Open(config_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(*s);
    Load("customers.csv", "customer_id,name\nC1,Acme Corporation\nC2,Beta Industries\n");
    Load("invoices.csv",
         "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
         "INV-100,C1,USD,100.00,100.00,2026-10-01,2026-10-31\n"
         "INV-101,C1,USD,40.00,40.00,2026-10-02,2026-11-01\n"
         "INV-200,C2,USD,250.00,250.00,2026-10-03,2026-11-02\n");
  }
  void Load(const std::string& name, const std::string& content) {
    auto r = service_->LoadOpenItems(dir_.Write(name, content), false);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  // Ingests one payments-feed row; returns its batch's report.
  IngestReport Ingest(const std::string& name, const std::string& ref, const std::string& amount,
                      const std::string& lines) {
    const std::string path =
        dir_.Write(name, "source_ref,value_date,amount,currency,payer_name,lines\n" + ref +
                             ",2026-11-20," + amount + ",USD,ACME CORP," + lines + "\n");
    auto r = service_->IngestFiles({path}, {});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->size(), 1u);
    return r->at(0);
  }
  std::vector<Deduction> All() {
    std::vector<Deduction> out;
    EXPECT_TRUE(service_->store().ForEachDeduction([&](const Deduction& d) {
      out.push_back(d);
      return true;
    }).ok());
    return out;
  }

  TempDir dir_;
  Config config_;
  std::unique_ptr<Service> service_;
};

TEST_F(DeductionsServiceTest, ShortPayWithReasonBecomesAnOpenDeductionInItsBatch) {
  const IngestReport r = Ingest("short.csv", "P1", "90.00", "INV-100:90.00:100.00::10.00:DAMAGED");
  ASSERT_EQ(r.applied, 1u);
  std::vector<Deduction> all = All();
  ASSERT_EQ(all.size(), 1u);
  const Deduction& d = all[0];
  EXPECT_EQ(d.batch_id, r.batch_id);
  EXPECT_EQ(d.invoice_id, "INV-100");
  EXPECT_EQ(d.customer_id, "C1");
  EXPECT_EQ(d.payment_id, r.payment_ids.at(0));
  EXPECT_EQ(d.amount.minor, 1000);
  EXPECT_EQ(d.reason, "DAMAGED");
  EXPECT_EQ(d.status, DeductionStatus::kOpen);
  // The batch's outbox carries it, and says so in its summary.
  const std::string base = config_.outbox_dir + "/" + OutboxBatchName(r.batch_id);
  const std::string csv = Slurp(base + ".deductions.csv");
  EXPECT_NE(csv.find("batch_id,deduction_id,status,company,invoice_id"), std::string::npos);
  EXPECT_NE(csv.find("," + d.id() + ",open,,INV-100,C1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",USD,10.00,DAMAGED,"), std::string::npos) << csv;
  EXPECT_NE(Slurp(base + ".summary.json").find("\"deduction_rows\":1"), std::string::npos);
}

TEST_F(DeductionsServiceTest, FullPaymentMakesNoDeductionAndNoFile) {
  const IngestReport r = Ingest("full.csv", "P1", "100.00", "INV-100:100.00");
  ASSERT_EQ(r.applied, 1u);
  EXPECT_TRUE(All().empty());
  EXPECT_FALSE(std::filesystem::exists(config_.outbox_dir + "/" + OutboxBatchName(r.batch_id) +
                                       ".deductions.csv"));
  EXPECT_EQ(Slurp(config_.outbox_dir + "/" + OutboxBatchName(r.batch_id) + ".summary.json")
                .find("deduction"),
            std::string::npos);
}

TEST_F(DeductionsServiceTest, WithinToleranceIsWrittenOffNotADeduction) {
  const IngestReport r = Ingest("tiny.csv", "P1", "99.50", "INV-100:99.50");
  ASSERT_EQ(r.applied, 1u);
  EXPECT_TRUE(All().empty());
}

TEST_F(DeductionsServiceTest, OperatorChangesStatusAsABatchWithNotes) {
  Ingest("short.csv", "P1", "90.00", "INV-100:90.00:100.00::10.00:DAMAGED");
  const Deduction d = All().at(0);
  auto changed = service_->ChangeDeduction(d.batch_id, d.seq, DeductionStatus::kUnderReview, "asked for POD");
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_GT(changed->first, d.batch_id);
  EXPECT_EQ(changed->second.status, DeductionStatus::kUnderReview);
  ASSERT_EQ(changed->second.notes.size(), 1u);
  EXPECT_EQ(changed->second.notes[0].text, "open -> under_review: asked for POD");
  auto note_only = service_->ChangeDeduction(d.batch_id, d.seq, std::nullopt, "POD received");
  ASSERT_TRUE(note_only.ok());
  EXPECT_EQ(note_only->second.notes.size(), 2u);
  EXPECT_EQ(note_only->second.status, DeductionStatus::kUnderReview);
  // Each change is a batch of its own with the deduction in its files.
  const std::string csv =
      Slurp(config_.outbox_dir + "/" + OutboxBatchName(changed->first) + ".deductions.csv");
  EXPECT_NE(csv.find(",under_review,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("open -> under_review: asked for POD"), std::string::npos) << csv;
  Result<Batch> b = service_->store().GetBatch(changed->first);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->kind, BatchKind::kManual);
  // Refusals.
  EXPECT_EQ(service_->ChangeDeduction(d.batch_id, d.seq, DeductionStatus::kUnderReview, "").status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(service_->ChangeDeduction(d.batch_id, d.seq, DeductionStatus::kVoid, "").status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(service_->ChangeDeduction(d.batch_id, d.seq, std::nullopt, "").status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(service_->ChangeDeduction(d.batch_id, d.seq + 7, DeductionStatus::kWrittenOff, "").status().code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(service_->ChangeDeduction(d.batch_id, d.seq, DeductionStatus::kWrittenOff, "").ok());
  EXPECT_EQ(All().at(0).status, DeductionStatus::kWrittenOff);
}

TEST_F(DeductionsServiceTest, UnapplyingTheShortPayVoidsItsDeduction) {
  const IngestReport r = Ingest("short.csv", "P1", "90.00", "INV-100:90.00:100.00::10.00:DAMAGED");
  auto un = service_->Unapply(r.payment_ids.at(0));
  ASSERT_TRUE(un.ok()) << un.status().ToString();
  const Deduction d = All().at(0);
  EXPECT_EQ(d.status, DeductionStatus::kVoid);
  EXPECT_EQ(d.updated_batch, un->batch_id);
  ASSERT_FALSE(d.notes.empty());
  EXPECT_NE(d.notes.back().text.find("reversed"), std::string::npos);
  EXPECT_EQ(service_->ChangeDeduction(d.batch_id, d.seq, DeductionStatus::kOpen, "").status().code(),
            StatusCode::kConflict);
  const std::string csv =
      Slurp(config_.outbox_dir + "/" + OutboxBatchName(un->batch_id) + ".deductions.csv");
  EXPECT_NE(csv.find(",void,"), std::string::npos) << csv;
}

TEST_F(DeductionsServiceTest, PaidInFullLaterResolvesAndItsReversalReopens) {
  Ingest("short.csv", "P1", "90.00", "INV-100:90.00:100.00::10.00:DAMAGED");
  const IngestReport rest = Ingest("rest.csv", "P2", "10.00", "INV-100:10.00");
  ASSERT_EQ(rest.applied, 1u);
  std::vector<Deduction> all = All();
  ASSERT_EQ(all.size(), 1u);  // paying the rest is no new deduction
  EXPECT_EQ(all[0].status, DeductionStatus::kResolvedInvalid);
  auto un = service_->Unapply(rest.payment_ids.at(0));
  ASSERT_TRUE(un.ok()) << un.status().ToString();
  all = All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].status, DeductionStatus::kOpen);
}

TEST_F(DeductionsServiceTest, ManualPartialApplyLeavesADeduction) {
  Payment p;
  p.payment_id = service_->store().AllocatePaymentIds(1);
  p.source_file = "feed.csv";
  p.format = "csv";
  p.source_ref = "M1";
  p.amount = Money{15000, *Currency::FromCode("USD")};
  p.value_date = Date::FromCivil(2026, 11, 20);
  WriteSet set;
  set.PutPayment(p);
  set.MarkUnapplied(p.payment_id);
  ASSERT_TRUE(service_->store().Commit(std::move(set)).ok());
  auto r = service_->ApplyManually(p.payment_id, {{"", "INV-200", 15000}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<Deduction> all = All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].amount.minor, 10000);
  EXPECT_EQ(all[0].reason, "unknown");
  EXPECT_EQ(all[0].batch_id, r->batch_id);
}

// A returned payment reverses its applications through the ingest of the
// return's file: the short pay it left is void, and the credit report
// counts the return against the customer.
TEST_F(DeductionsServiceTest, ReturnedShortPayVoidsItsDeductionAndCountsAsAReturn) {
  Ingest("short.csv", "P1", "90.00", "INV-100:90.00:100.00::10.00:DAMAGED");
  ASSERT_EQ(All().at(0).status, DeductionStatus::kOpen);
  const std::string path = dir_.Write(
      "returns.csv", "source_ref,value_date,amount,currency,payer_name,return_reason,original_ref\n"
                     "RET1,2026-11-25,-90.00,USD,ACME CORP,R01,P1\n");
  auto r = service_->IngestFiles({path}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->at(0).returns_reversed, 1u) << r->at(0).reason;
  const Deduction d = All().at(0);
  EXPECT_EQ(d.status, DeductionStatus::kVoid);
  EXPECT_EQ(d.updated_batch, r->at(0).reversal_batch_id);
  const std::string csv = Slurp(config_.outbox_dir + "/" + OutboxBatchName(r->at(0).reversal_batch_id) +
                                ".deductions.csv");
  EXPECT_NE(csv.find(",void,"), std::string::npos) << csv;

  std::shared_lock lock(service_->ledger_mutex());
  Result<std::vector<CreditLine>> credit = BuildCreditReport(service_->store(), service_->ledger(),
                                                            CreditSettings{}, Date::FromCivil(2026, 11, 30));
  ASSERT_TRUE(credit.ok()) << credit.status().ToString();
  const CreditLine* c1 = nullptr;
  for (const CreditLine& l : *credit) {
    if (l.customer_id == "C1") c1 = &l;
  }
  ASSERT_NE(c1, nullptr);
  EXPECT_EQ(c1->returns, 1u);
  EXPECT_TRUE(c1->high_risk);
  EXPECT_EQ(c1->open_invoices, 14000);  // INV-100 reopened in full, INV-101
  EXPECT_EQ(c1->oldest_days_past_due, 30);
}

}  // namespace
}  // namespace cashmatch::tools
