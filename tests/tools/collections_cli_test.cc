// The collections commands run in-process: `deductions` and its filters,
// `deduction show|set`, `report credit`.
#include <simdjson.h>

#include <map>

#include "cli_fixture.h"

namespace cashmatch::testing {
namespace {

class CollectionsCliTest : public CliFixture {
 protected:
  // Applies `minor` of a new payment to `invoice` by hand: a short pay
  // when less than is open. Returns the deduction id it leaves.
  std::string ShortPay(const std::string& invoice, int64_t minor) {
    const uint64_t id = StorePayment(minor);
    auto r = service_->ApplyManually(id, {{"", invoice, minor}});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::to_string(r->batch_id) + "-0";
  }
};

TEST_F(CollectionsCliTest, ListsAndFiltersDeductions) {
  const std::string d1 = ShortPay("INV-100", 6000);   // 40.00 left, C1
  const std::string d2 = ShortPay("INV-200", 15000);  // 100.00 left, C2
  CommandResult all = Run({"deductions"});
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_NE(all.out.find(d1), std::string::npos) << all.out;
  EXPECT_NE(all.out.find(d2), std::string::npos);
  EXPECT_NE(all.out.find("2 deductions, USD 140.00"), std::string::npos) << all.out;

  CommandResult c2 = Run({"deductions", "--customer", "C2", "--json"});
  ASSERT_EQ(c2.code, 0);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(c2.out);
  ASSERT_EQ(doc.get_array().size(), 1u);
  EXPECT_EQ(std::string_view(doc.at(0)["deduction_id"].get_string().value()), d2);
  EXPECT_EQ(std::string_view(doc.at(0)["status"].get_string().value()), "open");
  EXPECT_EQ(std::string_view(doc.at(0)["reason"].get_string().value()), "unknown");
  EXPECT_EQ(doc.at(0)["amount"].get_double().value(), 100.0);

  // Amount bounds are exact: 40.00 is at least 40 and at most 40.00.
  CommandResult min = Run({"deductions", "--min", "40", "--max", "40.00", "--json"});
  ASSERT_EQ(min.code, 0);
  EXPECT_EQ(parser.parse(min.out).get_array().size(), 1u);
  EXPECT_NE(min.out.find(d1), std::string::npos);
  CommandResult none = Run({"deductions", "--reason", "DAMAGED"});
  EXPECT_EQ(none.code, 0);
  EXPECT_NE(none.out.find("no deductions that fit"), std::string::npos);

  EXPECT_EQ(Run({"deductions", "--status", "closed"}).code, 1);
  EXPECT_EQ(Run({"deductions", "--min", "abc"}).code, 1);
  EXPECT_EQ(Run({"deductions", "--currency", "XXY"}).code, 1);
}

TEST_F(CollectionsCliTest, ShowAndSetADeduction) {
  const std::string id = ShortPay("INV-100", 6000);
  CommandResult set = Run({"deduction", "set", id, "--status", "under-review", "--note", "asked for proof"});
  ASSERT_EQ(set.code, 0) << set.err;
  EXPECT_NE(set.out.find("is under_review"), std::string::npos) << set.out;
  CommandResult show = Run({"deduction", "show", id});
  ASSERT_EQ(show.code, 0);
  EXPECT_NE(show.out.find("under_review"), std::string::npos);
  EXPECT_NE(show.out.find("open -> under_review: asked for proof"), std::string::npos) << show.out;
  CommandResult js = Run({"deduction", "show", id, "--json"});
  ASSERT_EQ(js.code, 0);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(js.out);
  EXPECT_EQ(doc["notes"].get_array().size(), 1u);
  EXPECT_EQ(Run({"deductions", "--status", "under_review", "--json"}).out.find(id) != std::string::npos, true);

  // Refusals: exit 1 with a reason; usage errors exit 2.
  CommandResult same = Run({"deduction", "set", id, "--status", "under_review"});
  EXPECT_EQ(same.code, 1);
  EXPECT_NE(same.err.find("already under_review"), std::string::npos) << same.err;
  EXPECT_EQ(Run({"deduction", "set", id}).code, 1);
  EXPECT_EQ(Run({"deduction", "set", id, "--status", "void"}).code, 1);
  EXPECT_EQ(Run({"deduction", "show", "12"}).code, 1);
  EXPECT_EQ(Run({"deduction", "show", "999-0"}).code, 1);
  EXPECT_EQ(Run({"deduction", "show"}).code, 2);
  EXPECT_EQ(Run({"deduction", "--help"}).code, 0);
}

TEST_F(CollectionsCliTest, CreditExposureAgainstLimitsPerCurrency) {
  Load("more_customers.csv",
       "customer_id,name,currency,credit_limit\n"
       "C3,Gamma Ltd,USD,500.00\n"
       "C4,Delta SA,EUR,100.00\n"
       "C5,Epsilon Inc,USD,100.00\n");
  Load("more_invoices.csv",
       "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
       "INV-400,C3,USD,600.00,600.00,2026-09-01,2026-10-01\n"
       "CM-1,C3,USD,-50.00,-50.00,2026-09-05,2026-10-05\n"
       "INV-500,C4,USD,200.00,200.00,2026-12-01,2026-12-30\n"
       "INV-600,C5,USD,300.00,300.00,2026-11-20,2026-12-20\n");
  // 100.00 waiting in the work queue, identified as C3's.
  WorkItem item;
  item.customer_id = "C3";
  StorePayment(10000, "USD", 0, item);
  // 25.00 on C5's account.
  {
    WriteSet set;
    Application a;
    a.batch_id = 9000;
    a.payment_id = 8000;
    a.customer_id = "C5";
    a.applied = Money{2500, *Currency::FromCode("USD")};
    a.discount = a.writeoff = Money{0, a.applied.currency};
    set.PutApplication(a);
    ASSERT_TRUE(service_->store().Commit(std::move(set)).ok());
  }
  CommandResult r = Run({"report", "credit", "--as-of", "2026-12-31", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(r.out);
  std::map<std::string, simdjson::dom::element> by_customer;
  for (simdjson::dom::element c : doc["customers"].get_array()) {
    by_customer[std::string(c["customer_id"].get_string().value())] = c;
  }
  ASSERT_TRUE(by_customer.contains("C3"));
  simdjson::dom::element c3 = by_customer["C3"];
  EXPECT_EQ(c3["exposure"].get_double().value(), 450.0);  // 600 - 50 - 100
  EXPECT_EQ(c3["unapplied"].get_double().value(), 100.0);
  EXPECT_EQ(c3["open_credits"].get_double().value(), -50.0);
  EXPECT_FALSE(c3["over_limit"].get_bool().value());
  EXPECT_EQ(c3["oldest_days_past_due"].get_int64().value(), 91);
  EXPECT_TRUE(c3["high_risk"].get_bool().value());
  simdjson::dom::element c4 = by_customer["C4"];
  EXPECT_TRUE(c4["limit_other_currency"].get_bool().value());
  EXPECT_FALSE(c4["over_limit"].get_bool().value());
  EXPECT_EQ(std::string_view(c4["limit"]["currency"].get_string().value()), "EUR");
  simdjson::dom::element c5 = by_customer["C5"];
  EXPECT_EQ(c5["on_account"].get_double().value(), 25.0);
  EXPECT_EQ(c5["exposure"].get_double().value(), 275.0);
  EXPECT_TRUE(c5["over_limit"].get_bool().value());
  EXPECT_FALSE(c5["high_risk"].get_bool().value());

  CommandResult over = Run({"report", "credit", "--as-of", "2026-12-31", "--over-limit", "--csv"});
  ASSERT_EQ(over.code, 0) << over.err;
  EXPECT_EQ(over.out.rfind("customer_id,name,currency,", 0), 0u) << over.out;
  EXPECT_NE(over.out.find("\nC5,Epsilon Inc,USD,300.00,0.00,25.00,0.00,275.00,USD,100.00,true,11,"),
            std::string::npos)
      << over.out;
  EXPECT_EQ(over.out.find("C3,"), std::string::npos);
  CommandResult table = Run({"report", "credit", "--as-of", "2026-12-31"});
  ASSERT_EQ(table.code, 0);
  EXPECT_NE(table.out.find("OVER"), std::string::npos) << table.out;
  EXPECT_EQ(Run({"report", "credit", "--as-of", "2026-13-01"}).code, 1);
}

TEST_F(CollectionsCliTest, EveryCollectionsCommandHasHelpAndJson) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"deductions"}, {"deduction", "show"}, {"deduction", "set"}, {"report", "credit"}, {"remind"}}) {
    args.push_back("--help");
    CommandResult r = Run(args);
    EXPECT_EQ(r.code, 0) << args[0];
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << args[0] << ": " << r.out;
  }
  simdjson::dom::parser parser;
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"deductions"}, {"report", "credit"}}) {
    args.push_back("--json");
    CommandResult r = Run(args);
    ASSERT_EQ(r.code, 0) << args[0] << ": " << r.err;
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << args[0] << ": " << r.out;
  }
  // Without a dunning policy, remind says what to configure.
  CommandResult remind = Run({"remind", "--dry-run"});
  EXPECT_EQ(remind.code, 1);
  EXPECT_NE(remind.err.find("dunning"), std::string::npos) << remind.err;
}

}  // namespace
}  // namespace cashmatch::testing
