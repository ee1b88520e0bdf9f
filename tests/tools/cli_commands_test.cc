// The `cashmatch` commands run in-process: the work queue's filters and
// order, apply refusals, unapply of one batch, --json and --help on every
// command, file arguments relative to the requester's directory, progress.
#include <simdjson.h>

#include "cli_fixture.h"

namespace cashmatch::testing {
namespace {

using cashmatch::Suggestion;
using cashmatch::WorkItem;

const Currency kUsd = *Currency::FromCode("USD");

class CliCommandsTest : public CliFixture {};

TEST_F(CliCommandsTest, AmountFiltersCompareExactlyInEachCurrency) {
  const uint64_t usd100 = StorePayment(10000, "USD");
  const uint64_t usd10001 = StorePayment(10001, "USD");
  const uint64_t jpy100 = StorePayment(100, "JPY");
  const uint64_t kwd = StorePayment(100005, "KWD");  // 100.005
  CommandResult r = Run({"unapplied", "--min", "100.005", "--sort", "payment", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(PaymentIds(r.out), (std::vector<uint64_t>{usd10001, kwd}));
  r = Run({"unapplied", "--max", "100", "--sort", "payment", "--json"});
  EXPECT_EQ(PaymentIds(r.out), (std::vector<uint64_t>{usd100, jpy100}));
  r = Run({"unapplied", "--currency", "usd", "--min", "100.01", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(PaymentIds(r.out), (std::vector<uint64_t>{usd10001}));
  // With a currency, its exponent rules: USD has two decimals.
  r = Run({"unapplied", "--currency", "USD", "--min", "100.001"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("100.001"), std::string::npos) << r.err;
  EXPECT_EQ(Run({"unapplied", "--min", "1.0001"}).code, 1);
  EXPECT_EQ(Run({"unapplied", "--min", "1e3"}).code, 1);
  EXPECT_EQ(Run({"unapplied", "--currency", "XYZ"}).code, 1);
}

TEST_F(CliCommandsTest, SortsByAmountOrAgeBothWaysAndLimits) {
  const uint64_t a = StorePayment(5000, "USD", 3);
  const uint64_t b = StorePayment(9000, "USD", 10);
  const uint64_t c = StorePayment(1000, "USD", 1);
  EXPECT_EQ(PaymentIds(Run({"unapplied", "--json"}).out), (std::vector<uint64_t>{b, a, c})) << "oldest first";
  EXPECT_EQ(PaymentIds(Run({"unapplied", "--sort", "age", "--asc", "--json"}).out), (std::vector<uint64_t>{c, a, b}));
  EXPECT_EQ(PaymentIds(Run({"unapplied", "--sort", "amount", "--json"}).out), (std::vector<uint64_t>{b, a, c}));
  EXPECT_EQ(PaymentIds(Run({"unapplied", "--sort", "amount", "--asc", "--json"}).out),
            (std::vector<uint64_t>{c, a, b}));
  EXPECT_EQ(PaymentIds(Run({"unapplied", "--sort", "amount", "--limit", "2", "--json"}).out),
            (std::vector<uint64_t>{b, a}));
  EXPECT_EQ(PaymentIds(Run({"unapplied", "--older-than", "3", "--json"}).out), (std::vector<uint64_t>{b, a}));
  CommandResult text = Run({"unapplied", "--limit", "1"});
  EXPECT_NE(text.out.find("1 of 3 payments waiting shown"), std::string::npos) << text.out;
  EXPECT_EQ(Run({"unapplied", "--sort", "size"}).code, 2);
  EXPECT_EQ(Run({"unapplied", "--asc", "--desc"}).code, 2);
}

TEST_F(CliCommandsTest, CustomerFilterAndTopSuggestionsInline) {
  WorkItem item;
  item.customer_id = "C2";
  item.reason = "two invoices fit";
  for (const auto& [id, minor, bp] : {std::tuple{"INV-200", 25000, 8350}, std::tuple{"INV-300", 25000, 4000},
                                      std::tuple{"INV-100", 10000, 3000}, std::tuple{"INV-101", 4000, 2000}}) {
    item.suggestions.push_back(Suggestion{"", id, Money{minor, kUsd}, static_cast<uint16_t>(bp)});
  }
  const uint64_t p = StorePayment(25000, "USD", 0, item);
  StorePayment(777, "USD");
  CommandResult r = Run({"unapplied", "--customer", "C2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("INV-200 250.00 (0.84), INV-300 250.00 (0.40), INV-100 100.00 (0.30)"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("INV-101"), std::string::npos) << "top 3 only: " << r.out;
  EXPECT_NE(r.out.find("USD 250.00"), std::string::npos);
  EXPECT_NE(r.out.find("1 payments waiting"), std::string::npos) << r.out;
  EXPECT_EQ(PaymentIds(Run({"unapplied", "--customer", "C2", "--json"}).out), (std::vector<uint64_t>{p}));
  CommandResult none = Run({"unapplied", "--customer", "C9"});
  EXPECT_NE(none.out.find("nothing waiting that fits"), std::string::npos) << none.out;
}

TEST_F(CliCommandsTest, ApplyRefusesOverApplicationInOneLine) {
  const uint64_t p = StorePayment(3000);
  auto one_line = [](const CommandResult& r) {
    return r.code == 1 && !r.err.empty() && r.err.find('\n') == r.err.size() - 1;
  };
  CommandResult r = Run({"apply", std::to_string(p), "INV-100:40.00"});
  EXPECT_TRUE(one_line(r)) << r.code << " " << r.err;
  EXPECT_NE(r.err.find("has only USD 30.00 left to apply"), std::string::npos) << r.err;
  const uint64_t big = StorePayment(100000);
  r = Run({"apply", std::to_string(big), "INV-101:50.00"});
  EXPECT_TRUE(one_line(r)) << r.err;
  EXPECT_NE(r.err.find("invoice INV-101 has only USD 40.00 open"), std::string::npos) << r.err;
  r = Run({"apply", std::to_string(big), "INV-101:1.001"});
  EXPECT_TRUE(one_line(r)) << r.err;
  EXPECT_NE(r.err.find("USD"), std::string::npos) << r.err;
  EXPECT_TRUE(one_line(Run({"apply", std::to_string(big), "INV-999"})));
  EXPECT_TRUE(one_line(Run({"apply", "424242", "INV-100"})));
  EXPECT_EQ(OpenOf("INV-100"), 10000) << "nothing applied by a refusal";
  EXPECT_EQ(OpenOf("INV-101"), 4000);
  // Twice the same invoice in one command counts what the first took.
  r = Run({"apply", std::to_string(big), "INV-101:30.00", "INV-101:20.00"});
  EXPECT_TRUE(one_line(r)) << r.err;
  EXPECT_EQ(OpenOf("INV-101"), 4000);
  r = Run({"apply", std::to_string(big), "INV-101:30.00", "INV-101:10.00", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"left\":960.00"), std::string::npos) << r.out;
  EXPECT_EQ(OpenOf("INV-101"), 0);
}

TEST_F(CliCommandsTest, UnapplyReversesOneBatchAtATime) {
  const uint64_t p = StorePayment(14000);
  const std::string id = std::to_string(p);
  ASSERT_EQ(Run({"apply", id, "INV-100"}).code, 0);
  ASSERT_EQ(Run({"apply", id, "INV-101"}).code, 0);
  EXPECT_EQ(OpenOf("INV-100"), 0);
  EXPECT_EQ(OpenOf("INV-101"), 0);
  EXPECT_FALSE(service_->store().GetWorkItem(p).ok());

  CommandResult r = Run({"unapply", id});  // the latest batch: INV-101
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("reopened INV-101"), std::string::npos) << r.out;
  EXPECT_EQ(OpenOf("INV-100"), 0);
  EXPECT_EQ(OpenOf("INV-101"), 4000);
  Result<WorkItem> waiting = service_->store().GetWorkItem(p);
  ASSERT_TRUE(waiting.ok()) << "back in the queue for the 40.00";

  r = Run({"unapply", id, "--json"});  // then the one before: INV-100
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"left\":140.00"), std::string::npos) << r.out;
  EXPECT_EQ(OpenOf("INV-100"), 10000);
  r = Run({"unapply", id});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("nothing applied"), std::string::npos) << r.err;
}

TEST_F(CliCommandsTest, UnapplyCreditsEachReversalToItsOwnBatch) {
  // Two batches on the same invoice: a second unapply must take the first
  // batch's part, not the second one's again.
  const uint64_t p = StorePayment(10000);
  const std::string id = std::to_string(p);
  ASSERT_EQ(Run({"apply", id, "INV-100:60.00"}).code, 0);
  CommandResult second = Run({"apply", id, "INV-100:40.00", "--json"});
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(OpenOf("INV-100"), 0);
  ASSERT_EQ(Run({"unapply", id}).code, 0);
  EXPECT_EQ(OpenOf("INV-100"), 4000);
  ASSERT_EQ(Run({"unapply", id}).code, 0);
  EXPECT_EQ(OpenOf("INV-100"), 10000);
  EXPECT_EQ(Run({"unapply", id}).code, 1);
}

TEST_F(CliCommandsTest, UnapplyChosenBatchAllAndRefusals) {
  const uint64_t p = StorePayment(14000);
  const std::string id = std::to_string(p);
  CommandResult first = Run({"apply", id, "INV-100", "--json"});
  ASSERT_EQ(first.code, 0) << first.err;
  const std::string batch = first.out.substr(first.out.find("\"batch_id\":") + 11);
  const std::string first_batch = batch.substr(0, batch.find(','));
  ASSERT_EQ(Run({"apply", id, "INV-101"}).code, 0);
  CommandResult r = Run({"unapply", id, "--batch", first_batch});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(OpenOf("INV-100"), 10000);
  EXPECT_EQ(OpenOf("INV-101"), 0) << "the other batch stands";
  r = Run({"unapply", id, "--batch", first_batch});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("already reversed"), std::string::npos) << r.err;
  r = Run({"unapply", id, "--batch", "999999"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("applied nothing"), std::string::npos) << r.err;
  EXPECT_EQ(Run({"unapply", id, "--batch", first_batch, "--all"}).code, 2);
  // Apply again, then everything at once.
  ASSERT_EQ(Run({"apply", id, "INV-100"}).code, 0);
  ASSERT_EQ(Run({"unapply", id, "--all"}).code, 0);
  EXPECT_EQ(OpenOf("INV-100"), 10000);
  EXPECT_EQ(OpenOf("INV-101"), 4000);
  // A full reversal undid every batch: nothing is left for a batch unapply.
  EXPECT_EQ(Run({"unapply", id}).code, 1);
  // The history tells it all.
  CommandResult shown = Run({"payment", "show", id});
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_NE(shown.out.find("reverses batch " + first_batch), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("applied now    USD 0.00 of USD 140.00"), std::string::npos) << shown.out;
}

TEST_F(CliCommandsTest, EveryReadCommandHasJsonAndEveryCommandHelp) {
  const uint64_t p = StorePayment(14000);
  ASSERT_EQ(Run({"apply", std::to_string(p), "INV-100"}).code, 0);
  ASSERT_EQ(Run({"alias", "add", "C1", "--name", "ACME PAYABLES"}).code, 0);
  CommandResult customer = Run({"customer", "show", "C1", "--json"});
  EXPECT_NE(customer.out.find("\"recent_payments\":[{\"payment_id\":" + std::to_string(p)), std::string::npos)
      << customer.out;
  const std::vector<std::vector<std::string>> reads = {
      {"status"}, {"unapplied"}, {"payment", "show", std::to_string(p)}, {"invoice", "show", "INV-100"},
      {"customer", "show", "C1"}, {"alias", "list"}, {"files"}, {"rematch"},
      {"alias", "remove", "C1", "--name", "ACME PAYABLES"}, {"unapply", std::to_string(p)}};
  simdjson::dom::parser parser;
  for (std::vector<std::string> args : reads) {
    args.push_back("--json");
    CommandResult r = Run(args);
    ASSERT_EQ(r.code, 0) << args[0] << ": " << r.err;
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << args[0] << ": " << r.out;
  }
  const std::vector<std::vector<std::string>> commands = {
      {"status"}, {"load"}, {"ingest"}, {"unapplied"}, {"payment"}, {"payment", "show"}, {"rematch"}, {"apply"},
      {"unapply"}, {"alias"}, {"alias", "add"}, {"alias", "list"}, {"alias", "remove"}, {"customer", "show"},
      {"invoice", "show"}, {"files"}};
  for (std::vector<std::string> args : commands) {
    args.push_back("--help");
    CommandResult r = Run(args);
    EXPECT_EQ(r.code, 0) << args[0];
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << args[0] << ": " << r.out;
  }
}

TEST_F(CliCommandsTest, CustomerShowTellsHowTheCustomerPays) {
  const uint64_t p = StorePayment(14000);
  ASSERT_EQ(Run({"apply", std::to_string(p), "INV-100", "INV-101"}).code, 0);
  CommandResult r = Run({"customer", "show", "C1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("recent payments (1 of 1)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("INV-100, INV-101"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("invoices late"), std::string::npos) << r.out;
  EXPECT_EQ(Run({"customer", "show", "C9"}).code, 1);
}

TEST_F(CliCommandsTest, FileArgumentsResolveAgainstTheRequestersDirectory) {
  dir_.Write("more.csv", "customer_id,name\nC7,Gamma Ltd\n");
  CommandResult r = Run({"load", "more.csv"});  // env.cwd is the temp dir
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Run({"customer", "show", "C7"}).code, 0);
  tools::CommandEnv env;
  env.service = service_.get();
  env.cwd = "/";
  EXPECT_EQ(tools::RunCommand({"load", "more.csv"}, env), 2) << "not in /";
  EXPECT_NE(env.err.find("/more.csv"), std::string::npos) << env.err;
}

TEST_F(CliCommandsTest, ProgressOnlyWhenSomeoneWatchesAndNeverWithJson) {
  const std::string feed = dir_.Write("feed.csv",
                                      "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n"
                                      "R1,2026-11-01,100.00,USD,Acme Corporation,,INV-100\n");
  const std::string loaded = dir_.Write("c2.csv", "customer_id,name\nC8,Delta\n");
  for (const bool json : {false, true}) {
    std::vector<std::string> lines;
    tools::CommandEnv env;
    env.service = service_.get();
    env.cwd = dir_.path();
    env.progress = [&](std::string_view l) { lines.emplace_back(l); };
    std::vector<std::string> args = {"ingest", feed};
    if (json) args.push_back("--json");
    ASSERT_EQ(tools::RunCommand(args, env), 0) << env.err;
    if (json) {
      EXPECT_TRUE(lines.empty());
    } else {
      ASSERT_FALSE(lines.empty());
      EXPECT_NE(lines.back().find("1/1 files"), std::string::npos) << lines.back();
    }
    for (const std::string& l : lines) EXPECT_EQ(l.find('\n'), std::string::npos);
  }
  std::vector<std::string> lines;
  tools::CommandEnv env;
  env.service = service_.get();
  env.cwd = dir_.path();
  env.progress = [&](std::string_view l) { lines.emplace_back(l); };
  ASSERT_EQ(tools::RunCommand({"load", loaded}, env), 0) << env.err;
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.back().find("load: file 1/1 c2.csv: index"), std::string::npos) << lines.back();
}

}  // namespace
}  // namespace cashmatch::testing
