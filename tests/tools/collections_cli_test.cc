// The collections commands run in-process: `deductions` and its filters,
// `deduction show|set`, `report credit`.
#include <simdjson.h>

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

}  // namespace
}  // namespace cashmatch::testing
