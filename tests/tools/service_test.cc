// The service wiring: as_of against applications in the store, and the
// ledger rebuilt from the store on reopen.
#include "service.h"

#include <gtest/gtest.h>

#include "cli_test_util.h"

namespace cashmatch::tools {
namespace {

using cashmatch::testing::TempDir;

const Currency kUsd = *Currency::FromCode("USD");

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = DefaultConfig(dir_.path() + "/data");
    config_.sync_writes = false;
    Reopen();
    Load("customers.csv", "customer_id,name\nC1,Acme\n");
    Load("invoices.csv",
         "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
         "INV-1,C1,USD,100.00,100.00,2026-10-01,2026-10-31\n");
  }
  void Reopen() {
    service_.reset();
    auto s = Service::Open(config_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(*s);
  }
  LoadReport Load(const std::string& name, const std::string& content) {
    auto r = service_->LoadOpenItems(dir_.Write(name, content), false);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : LoadReport{};
  }
  int64_t OpenOf(const std::string& id) {
    auto no = service_->ledger().FindInvoice("", id);
    return no ? service_->ledger().invoice(*no).open_amount.minor : -1;
  }
  void CommitApplication(int64_t applied, std::string_view at) {
    Batch b;
    b.batch_id = service_->store().AllocateBatchId();
    b.kind = BatchKind::kFile;
    b.created = *ParseTimestamp(at);
    Application a;
    a.batch_id = b.batch_id;
    a.payment_id = 1;
    a.invoice_id = "INV-1";
    a.customer_id = "C1";
    a.applied = Money{applied, kUsd};
    a.discount = Money{0, kUsd};
    a.writeoff = Money{0, kUsd};
    a.at = b.created;
    WriteSet ws;
    ws.PutBatch(b);
    ws.PutApplication(a);
    ASSERT_TRUE(service_->store().Commit(std::move(ws)).ok());
  }

  TempDir dir_;
  Config config_;
  std::unique_ptr<Service> service_;
};

constexpr char kHeader[] = "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date,as_of\n";

TEST_F(ServiceTest, AsOfSubtractsWhatCashmatchAppliedAfterIt) {
  CommitApplication(3000, "2026-11-20T13:00:00Z");
  // The ERP's noon extract has not seen the 13:00 application.
  Load("noon.csv", std::string(kHeader) + "INV-1,C1,USD,100.00,100.00,2026-10-01,2026-10-31,2026-11-20T12:00:00Z\n");
  EXPECT_EQ(OpenOf("INV-1"), 7000);
  // The 14:00 extract has, and says 70.00: nothing more to subtract.
  Load("two.csv", std::string(kHeader) + "INV-1,C1,USD,100.00,70.00,2026-10-01,2026-10-31,2026-11-20T14:00:00Z\n");
  EXPECT_EQ(OpenOf("INV-1"), 7000);
  // Without as_of the ERP's figure is taken as it is.
  Load("plain.csv",
       "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
       "INV-1,C1,USD,100.00,90.00,2026-10-01,2026-10-31\n");
  EXPECT_EQ(OpenOf("INV-1"), 9000);
}

TEST_F(ServiceTest, LedgerIsRebuiltFromTheStoreOnReopen) {
  Load("more.csv",
       "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date,po_number\n"
       "INV-2,C1,USD,5.00,5.00,2026-10-01,2026-10-31,PO-77\n");
  Reopen();
  EXPECT_EQ(service_->ledger().customer_count(), 1u);
  EXPECT_EQ(service_->ledger().invoice_count(), 2u);
  EXPECT_EQ(OpenOf("INV-2"), 500);
  std::vector<InvoiceNo> by_po;
  service_->ledger().FindByPo("PO-77", &by_po);
  ASSERT_EQ(by_po.size(), 1u);
  EXPECT_EQ(service_->ledger().invoice(by_po[0]).invoice_id, "INV-2");
  const Result<StatusReport> report = service_->GetStatus();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const StatusReport& r = *report;
  EXPECT_EQ(r.files_ingested, 3u);
  ASSERT_TRUE(r.last_batch);
  EXPECT_EQ(r.last_batch->kind, BatchKind::kLoad);
  EXPECT_EQ(r.last_batch->source_file, "more.csv");
}

TEST_F(ServiceTest, RefusedFileLeavesStoreAndLedgerAsTheyWere) {
  auto r = service_->LoadOpenItems(
      dir_.Write("bad.jsonl",
                 "{\"invoice_id\":\"INV-5\",\"customer_id\":\"C1\",\"currency\":\"USD\",\"amount\":\"1.00\","
                 "\"open_amount\":\"1.00\",\"invoice_date\":\"2026-10-01\",\"due_date\":\"2026-10-31\"}\n"
                 "{\"invoice_id\":\"INV-6\",\"customer_id\":\"C1\",\"currency\":\"USX\",\"amount\":\"1.00\","
                 "\"open_amount\":\"1.00\",\"invoice_date\":\"2026-10-01\",\"due_date\":\"2026-10-31\"}\n"),
      false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().where().line, 2u);
  EXPECT_EQ(r.status().where().field, "currency");
  EXPECT_EQ(service_->ledger().invoice_count(), 1u);
  Reopen();
  EXPECT_EQ(service_->ledger().invoice_count(), 1u);
  EXPECT_EQ(service_->GetStatus()->files_ingested, 2u);
}

}  // namespace
}  // namespace cashmatch::tools
