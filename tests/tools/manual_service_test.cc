// Manual work and its consequences: apply by hand (and what cashmatch
// learns from it), unapply, rematch, aliases, and returns reversing their
// original payment.
#include <gtest/gtest.h>

#include <mutex>
#include <shared_mutex>

#include "cli_test_util.h"
#include "returns.h"
#include "service.h"

namespace cashmatch::tools {
namespace {

using cashmatch::testing::TempDir;

const Currency kUsd = *Currency::FromCode("USD");

class ManualServiceTest : public ::testing::Test {
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
  // A stored credit waiting in the work queue, as ingest would leave it.
  uint64_t StorePayment(int64_t minor, const std::string& payer, const std::string& account,
                        const std::string& text = "") {
    Payment p;
    p.payment_id = service_->store().AllocatePaymentIds(1);
    p.source_file = "feed.csv";
    p.source_line = 2;
    p.format = "csv";
    p.source_ref = "REF" + std::to_string(p.payment_id);
    p.trace_number = "TRACE" + std::to_string(p.payment_id);
    p.amount = Money{minor, kUsd};
    p.value_date = Date::FromCivil(2026, 11, 20);
    p.payer_name = payer;
    p.payer_account = account;
    p.remittance_text = text;
    WriteSet set;
    set.PutPayment(p);
    set.MarkUnapplied(p.payment_id);
    EXPECT_TRUE(service_->store().Commit(std::move(set)).ok());
    return p.payment_id;
  }
  int64_t OpenOf(const std::string& id) {
    std::shared_lock lock(service_->ledger_mutex());
    auto no = service_->ledger().FindInvoice("", id);
    return no ? service_->ledger().invoice(*no).open_amount.minor : -1;
  }
  bool Waiting(uint64_t payment_id) { return service_->store().GetWorkItem(payment_id).ok(); }

  TempDir dir_;
  Config config_;
  std::unique_ptr<Service> service_;
};

TEST_F(ManualServiceTest, ApplyByHandAndLearnThePayer) {
  const uint64_t id = StorePayment(14000, "ACME PAYABLES DEPT", "021000021:99887766");
  Result<ManualReport> r = service_->ApplyManually(id, {{"", "INV-100", {}}, {"", "INV-101", {}}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->applications, 2u);
  EXPECT_EQ(r->left.minor, 0);
  EXPECT_EQ(OpenOf("INV-100"), 0);
  EXPECT_EQ(OpenOf("INV-101"), 0);
  EXPECT_FALSE(Waiting(id));
  EXPECT_EQ(r->learned.size(), 2u);

  // The next payment from that payer, with no reference, is recognised by
  // its account and applied by amount.
  Load("more.csv",
       "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
       "INV-102,C1,USD,75.00,75.00,2026-10-05,2026-11-04\n");
  const uint64_t next = StorePayment(7500, "", "021000021:99887766");
  Result<RematchReport> rm = service_->Rematch();
  ASSERT_TRUE(rm.ok()) << rm.status().ToString();
  EXPECT_EQ(rm->applied, 1u);
  EXPECT_EQ(OpenOf("INV-102"), 0);
  EXPECT_FALSE(Waiting(next));
  bool found = false;
  ASSERT_TRUE(service_->store()
                  .ForEachApplicationOfPayment(next, [&](const Application& a) {
                    found = a.invoice_id == "INV-102" && a.method == MatchMethod::kAmount;
                    return true;
                  })
                  .ok());
  EXPECT_TRUE(found);
}

TEST_F(ManualServiceTest, PartialApplyLeavesTheRestWaiting) {
  const uint64_t id = StorePayment(30000, "Beta", "");
  Result<ManualReport> r = service_->ApplyManually(id, {{"", "INV-200", 20000}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->left.minor, 10000);
  EXPECT_EQ(OpenOf("INV-200"), 5000);
  ASSERT_TRUE(Waiting(id));
  EXPECT_NE(service_->store().GetWorkItem(id)->reason.find("100.00"), std::string::npos);
}

TEST_F(ManualServiceTest, ApplyRefusesWhatDoesNotFit) {
  const uint64_t id = StorePayment(5000, "", "");
  EXPECT_EQ(service_->ApplyManually(id, {{"", "INV-100", 6000}}).status().code(), StatusCode::kConflict);
  EXPECT_EQ(service_->ApplyManually(id, {{"", "INV-999", {}}}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->ApplyManually(999999, {{"", "INV-100", {}}}).status().code(), StatusCode::kNotFound);
  const uint64_t big = StorePayment(50000, "", "");
  EXPECT_EQ(service_->ApplyManually(big, {{"", "INV-101", 5000}}).status().code(), StatusCode::kConflict);
  EXPECT_EQ(OpenOf("INV-100"), 10000);  // nothing happened
  EXPECT_EQ(OpenOf("INV-101"), 4000);
}

TEST_F(ManualServiceTest, UnapplyReopensAndRequeues) {
  const uint64_t id = StorePayment(10000, "", "");
  ASSERT_TRUE(service_->ApplyManually(id, {{"", "INV-100", {}}}).ok());
  ASSERT_EQ(OpenOf("INV-100"), 0);
  Result<ManualReport> r = service_->Unapply(id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(OpenOf("INV-100"), 10000);
  EXPECT_TRUE(Waiting(id));
  EXPECT_EQ(service_->Unapply(id).status().code(), StatusCode::kConflict);  // nothing left to reverse
  Result<Batch> b = service_->store().GetBatch(r->batch_id);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->kind, BatchKind::kReversal);
}

TEST_F(ManualServiceTest, AliasesIdentifyCustomers) {
  ASSERT_TRUE(service_->AddAlias("C2", AliasKind::kName, "BETA IND PAYMENTS").ok());
  EXPECT_EQ(service_->AddAlias("C2", AliasKind::kName, "Beta Ind Payments").code(), StatusCode::kConflict);
  EXPECT_EQ(service_->AddAlias("C9", AliasKind::kName, "X").code(), StatusCode::kNotFound);
  const uint64_t id = StorePayment(25000, "Beta Ind Payments", "");
  ASSERT_TRUE(service_->Rematch().ok());
  EXPECT_EQ(OpenOf("INV-200"), 0);
  EXPECT_FALSE(Waiting(id));
  ASSERT_TRUE(service_->RemoveAlias("C2", AliasKind::kName, "BETA IND PAYMENTS").ok());
  EXPECT_EQ(service_->RemoveAlias("C2", AliasKind::kName, "BETA IND PAYMENTS").code(), StatusCode::kNotFound);
  // Survives a reopen: the alias was stored, not only indexed.
  ASSERT_TRUE(service_->AddAlias("C1", AliasKind::kAccount, "026009593:123").ok());
  service_.reset();
  auto s = Service::Open(config_);
  ASSERT_TRUE(s.ok());
  service_ = std::move(*s);
  std::vector<CustomerNo> found;
  service_->ledger().FindCustomersByAccount("026009593:123", &found);
  EXPECT_EQ(found.size(), 1u);
}

TEST_F(ManualServiceTest, ReturnFindsItsOriginalByTrace) {
  const uint64_t id = StorePayment(10000, "", "", "INV-100");
  ASSERT_TRUE(service_->Rematch().ok());
  ASSERT_EQ(OpenOf("INV-100"), 0);

  Payment ret;
  ret.payment_id = service_->store().AllocatePaymentIds(1);
  ret.direction = Direction::kDebit;
  ret.is_return = true;
  ret.return_reason = "R01";
  ret.original_ref = "TRACE" + std::to_string(id);
  ret.amount = Money{10000, kUsd};
  ret.value_date = Date::FromCivil(2026, 11, 22);
  ret.source_file = "returns.ach";
  Result<std::optional<Payment>> orig = FindOriginal(service_->store(), ret);
  ASSERT_TRUE(orig.ok());
  ASSERT_TRUE(orig->has_value());
  EXPECT_EQ((*orig)->payment_id, id);

  WriteSet set;
  set.PutPayment(ret);
  std::unique_lock lock(service_->ledger_mutex());
  Result<ReturnOutcome> out = StageReturns(service_->store(), service_->ledger(),
                                           std::span<const Payment>(&ret, 1), 900, 899,
                                           Timestamp::Now(), &set);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->reversed, 1u);
  ASSERT_EQ(out->new_open.size(), 1u);
  EXPECT_EQ(out->new_open[0].second, 10000);

  // Unknown original: another amount.
  Payment stray = ret;
  stray.amount = Money{12345, kUsd};
  WriteSet other;
  Result<ReturnOutcome> unknown = StageReturns(service_->store(), service_->ledger(),
                                               std::span<const Payment>(&stray, 1), 901, 899,
                                               Timestamp::Now(), &other);
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->unknown, 1u);
  EXPECT_EQ(unknown->reversed, 0u);
}

}  // namespace
}  // namespace cashmatch::tools
