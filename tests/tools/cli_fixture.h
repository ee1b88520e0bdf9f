// A data directory with a few customers, invoices and waiting payments, and
// `cashmatch` commands run on it in-process (RunCommand), as the daemon's
// admin socket runs them.
#ifndef CASHMATCH_TESTS_TOOLS_CLI_FIXTURE_H_
#define CASHMATCH_TESTS_TOOLS_CLI_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "cli_test_util.h"
#include "command_line.h"
#include "service.h"

namespace cashmatch::testing {

struct CommandResult {
  int code = -1;
  std::string out;
  std::string err;
};

class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = tools::DefaultConfig(dir_.path() + "/data");
    config_.sync_writes = false;
    auto s = tools::Service::Open(config_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(*s);
    Load("customers.csv", "customer_id,name\nC1,Acme Corporation\nC2,Beta Industries\n");
    Load("invoices.csv",
         "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
         "INV-100,C1,USD,100.00,100.00,2026-10-01,2026-10-31\n"
         "INV-101,C1,USD,40.00,40.00,2026-10-02,2026-11-01\n"
         "INV-200,C2,USD,250.00,250.00,2026-10-03,2026-11-02\n"
         "INV-300,C2,USD,300.00,300.00,2026-10-03,2026-11-02\n");
  }
  void Load(const std::string& name, const std::string& content) {
    auto r = service_->LoadOpenItems(dir_.Write(name, content), false);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  // A stored credit waiting in the work queue, as ingest would leave it.
  uint64_t StorePayment(int64_t minor, const std::string& currency = "USD", int days_ago = 0,
                        WorkItem item = {}) {
    Payment p;
    p.payment_id = service_->store().AllocatePaymentIds(1);
    p.source_file = "feed.csv";
    p.source_line = 2;
    p.format = "csv";
    p.source_ref = "REF" + std::to_string(p.payment_id);
    p.amount = Money{minor, *Currency::FromCode(currency)};
    p.value_date = Date{Timestamp::Now().date().days - days_ago};
    p.payer_name = "Payer " + std::to_string(p.payment_id);
    WriteSet set;
    set.PutPayment(p);
    item.payment_id = p.payment_id;
    if (item.reason.empty()) item.reason = "no reference found";
    set.MarkUnapplied(item);
    EXPECT_TRUE(service_->store().Commit(std::move(set)).ok());
    return p.payment_id;
  }
  int64_t OpenOf(const std::string& id) {
    std::shared_lock lock(service_->ledger_mutex());
    auto no = service_->ledger().FindInvoice("", id);
    return no ? service_->ledger().invoice(*no).open_amount.minor : -1;
  }
  CommandResult Run(std::vector<std::string> args) {
    tools::CommandEnv env;
    env.service = service_.get();
    env.cwd = dir_.path();
    CommandResult r;
    r.code = tools::RunCommand(args, env);
    r.out = std::move(env.out);
    r.err = std::move(env.err);
    return r;
  }
  // The payment ids of a JSON answer, in order.
  static std::vector<uint64_t> PaymentIds(const std::string& json) {
    std::vector<uint64_t> ids;
    const std::string key = "\"payment_id\":";
    for (size_t at = json.find(key); at != std::string::npos; at = json.find(key, at + 1)) {
      ids.push_back(std::stoull(json.substr(at + key.size())));
    }
    return ids;
  }

  TempDir dir_;
  tools::Config config_;
  std::unique_ptr<tools::Service> service_;
};

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_TOOLS_CLI_FIXTURE_H_
