// The reports on a hand-made store with exact expected figures: bucket
// edges, a day before an invoice existed, partial payments, credit memos,
// several currencies, and `customer show`'s behaviour and prediction.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_test_util.h"
#include "command_line.h"
#include "reports.h"
#include "service.h"

namespace cashmatch {
namespace {

Date D(const char* text) { return *ParseDate(text); }
Timestamp Noon(const char* day) { return Timestamp{(int64_t{D(day).days} * 24 + 12) * 3'600'000'000}; }
const Currency kUsd = *Currency::FromCode("USD");
const Currency kEur = *Currency::FromCode("EUR");

Invoice Inv(const char* id, const char* customer, Money amount, int64_t open, const char* date, const char* due) {
  Invoice i;
  i.invoice_id = id;
  i.customer_id = customer;
  i.amount = amount;
  i.open_amount = Money{open, amount.currency};
  i.invoice_date = D(date);
  i.due_date = D(due);
  return i;
}

class ReportCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = tools::DefaultConfig(dir_.path() + "/data");
    std::filesystem::create_directories(dir_.path() + "/data");
    auto store = Store::Open(config_.db_dir, StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    WriteSet set;
    for (const char* c : {"A", "B"}) set.PutCustomer(Customer{c, std::string("Customer ") + c});
    // A: 100.00 due 2026-05-31 paid 40.00 on 2026-06-10 (partial);
    //    50.00 due 2026-05-30; a credit memo of -20.00; EUR 300.00 due 2026-07-15.
    set.PutInvoice(Inv("A1", "A", Money{10000, kUsd}, 6000, "2026-05-01", "2026-05-31"));
    set.PutInvoice(Inv("A2", "A", Money{5000, kUsd}, 5000, "2026-04-30", "2026-05-30"));
    set.PutInvoice(Inv("A3", "A", Money{-2000, kUsd}, -2000, "2026-06-01", "2026-06-01"));
    set.PutInvoice(Inv("A4", "A", Money{30000, kEur}, 30000, "2026-06-15", "2026-07-15"));
    // B: paid in full three times, 5, 10 and 20 days late; one open invoice.
    set.PutInvoice(Inv("B1", "B", Money{1000, kUsd}, 0, "2026-01-01", "2026-01-31"));
    set.PutInvoice(Inv("B2", "B", Money{1000, kUsd}, 0, "2026-02-01", "2026-02-28"));
    set.PutInvoice(Inv("B3", "B", Money{1000, kUsd}, 0, "2026-03-01", "2026-03-31"));
    set.PutInvoice(Inv("B4", "B", Money{1000, kUsd}, 1000, "2026-06-01", "2099-07-01"));
    const struct { uint64_t id; const char* invoice; const char* customer; int64_t minor; const char* on; const char* format; const char* code; }
        paid[] = {{1, "B1", "B", 1000, "2026-02-05", "nacha", "CCD/22"},  // batch ids grow with time
                  {2, "B2", "B", 1000, "2026-03-10", "nacha", "CCD/22"},
                  {3, "B3", "B", 1000, "2026-04-20", "lockbox", "check"},
                  {4, "A1", "A", 4000, "2026-06-10", "bai2", "195"}};
    for (const auto& x : paid) {
      Payment p;
      p.payment_id = x.id;
      p.format = x.format;
      p.transaction_code = x.code;
      p.amount = Money{x.minor, kUsd};
      p.value_date = D(x.on);
      set.PutPayment(p);
      Batch b;
      b.batch_id = x.id;
      b.created = Noon(x.on);
      set.PutBatch(b);
      Application a;
      a.batch_id = x.id;
      a.payment_id = x.id;
      a.invoice_id = x.invoice;
      a.customer_id = x.customer;
      a.applied = Money{x.minor, kUsd};
      a.discount = Money{0, kUsd};
      a.writeoff = Money{0, kUsd};
      a.method = MatchMethod::kReference;
      a.at = b.created;
      set.PutApplication(a);
    }
    ASSERT_TRUE((*store)->Commit(std::move(set)).ok());
    store->reset();
    auto s = tools::Service::Open(config_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(*s);
  }
  std::string Run(std::vector<std::string> args) {
    tools::CommandEnv env;
    env.service = service_.get();
    EXPECT_EQ(tools::RunCommand(args, env), 0) << env.err;
    return env.out;
  }

  testing::TempDir dir_;
  tools::Config config_;
  std::unique_ptr<tools::Service> service_;
};

TEST_F(ReportCasesTest, AgingBucketEdgesPartialPaymentsCreditMemosAndCurrencies) {
  // As of 2026-06-30: A1 is exactly 30 days past due (60.00 left), A2 31
  // days (50.00), the credit memo 29 days (-20.00); EUR not yet due.
  std::string csv = Run({"report", "aging", "--as-of", "2026-06-30", "--csv"});
  EXPECT_NE(csv.find("customer,A,Customer A,,EUR,1,300.00,0.00,0.00,0.00,0.00,300.00\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("customer,A,Customer A,,USD,3,0.00,40.00,50.00,0.00,0.00,90.00\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("total,,,,USD,4,10.00,40.00,50.00,0.00,0.00,100.00\n"), std::string::npos) << csv;
  // As of 2026-06-05: A1's partial payment had not come (100.00 open, 5
  // days late), A2 6 days late, the credit memo 4; A4 did not exist.
  csv = Run({"report", "aging", "--as-of", "2026-06-05", "--csv", "--customer", "A"});
  EXPECT_NE(csv.find("customer,A,Customer A,,USD,3,0.00,130.00,0.00,0.00,0.00,130.00\n"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("EUR"), std::string::npos) << "A4 dated after as-of: " << csv;
  // Before anything existed: nothing open.
  csv = Run({"report", "aging", "--as-of", "2025-12-31", "--csv"});
  EXPECT_EQ(csv.find("\ncustomer,"), std::string::npos) << csv;
  const std::string json = Run({"report", "aging", "--as-of", "2026-06-05", "--json"});
  EXPECT_NE(json.find("\"applications_undone\":1"), std::string::npos) << json;
}

TEST_F(ReportCasesTest, DsoPerCurrencyExact) {
  const std::string json = Run({"report", "dso", "--as-of", "2026-06-30", "--months", "3", "--json"});
  // USD: sales Apr 50.00, May 100.00, Jun -20.00 + 10.00 (B4); receivables at
  // June's end 60 + 50 - 20 + 10 = 100.00. Simple: 100 / 140 * 91 = 65.0.
  // Count-back: June's sales -10 take nothing (30 days), May's 100 cover
  // the 100 in full (31 days): 61.0.
  EXPECT_NE(json.find("{\"currency\":\"USD\",\"receivables\":100.00,\"dso_countback\":61.0,"
                      "\"countback_exhausted\":false,\"dso_simple\":65.0"), std::string::npos) << json;
  EXPECT_NE(json.find("{\"customer_id\":\"B\",\"name\":\"Customer B\",\"invoices_paid\":1,"
                      "\"average_days_to_pay\":50.0,\"average_days_beyond_terms\":20.0}"), std::string::npos) << json;
  const std::string text = Run({"report", "dso", "--as-of", "2026-06-30", "--method", "simple"});
  EXPECT_EQ(text.find("count-back"), std::string::npos) << text;
  EXPECT_NE(text.find("DSO simple 65.0 days"), std::string::npos) << text;
}

TEST_F(ReportCasesTest, CustomerShowGivesBehaviourAndPredictedDates) {
  const std::string json = Run({"customer", "show", "B", "--json"});
  // Delays 5, 10, 20: on time 0 %, median 10; B4 due 2099-07-01 is
  // expected ten days later. Two ACH payments and one lockbox.
  EXPECT_NE(json.find("\"date\":\"2099-07-11\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"invoices_paid\":3,\"on_time\":0,\"on_time_pct\":0.0,\"median_days_beyond_terms\":10"),
            std::string::npos) << json;
  EXPECT_NE(json.find("\"preferred_channel\":\"ach\""), std::string::npos) << json;
  // A has one paid item: too thin, the due date stands (or today).
  const std::string a = Run({"customer", "show", "A", "--json"});
  EXPECT_NE(a.find("\"payment_behaviour\":{\"invoices_paid\":1"), std::string::npos) << a;
  const std::string text = Run({"customer", "show", "B"});
  EXPECT_NE(text.find("typical delay 10 days beyond terms"), std::string::npos) << text;
  EXPECT_NE(text.find("2099-07-11"), std::string::npos) << text;
}

}  // namespace
}  // namespace cashmatch
