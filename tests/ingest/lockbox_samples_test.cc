// The real lockbox files in samples/lockbox (PROVENANCE.md): both from
// FundersClub's bank, whose layout differs from the spec's.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "ingest/lockbox_test_util.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::M;
using testing::ReadSample;

constexpr std::string_view kCheck = "FundersClub-bai-lockbox__test_lockbox.bai";
constexpr std::string_view kEmpty = "FundersClub-bai-lockbox__test_empty_lockbox.bai";

std::string Sample(std::string_view name) { return ReadSample("lockbox/" + std::string(name)); }

// One check of 7000.00 from BOB E SMITH, memo CE554 on a type-6 overflow.
TEST(LockboxSamples, OneCheckInTheBanksLayout) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = testing::ReadBankOk(Sample(kCheck), kCheck,
                                   testing::LockboxOptions(testing::FundersClubLayout()));
  testing::ExpectWellFormed(f, kCheck);
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.source_line, 4u);
  EXPECT_EQ(p.source_ref, "001-001");
  EXPECT_EQ(p.amount, M(700000, "USD"));
  EXPECT_EQ(p.direction, Direction::kCredit);
  EXPECT_EQ(p.transaction_code, "check");
  EXPECT_EQ(p.trace_number, "0000000180");
  EXPECT_EQ(p.payer_account, "055002707:0012345555");
  EXPECT_EQ(p.payer_name, "BOB E SMITH");
  EXPECT_EQ(p.value_date, D(2016, 5, 23));
  EXPECT_EQ(p.account, "0022222");
  ASSERT_EQ(p.remittance.size(), 1u);
  EXPECT_EQ(p.remittance[0].reference, "CE554");
  EXPECT_FALSE(p.remittance[0].paid.has_value());
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].credit_total, 700000);
}

// In the spec's layout the same file is refused: its 6 record runs past
// column 80 (the payee name at 83-101).
TEST(LockboxSamples, OneCheckInTheDefaultLayoutRefused) {
  CASHMATCH_REQUIRE_SAMPLES();
  Status st = testing::ReadBankError(Sample(kCheck), kCheck);  // sniffed, default layout
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(st.where().line, 4u);
  EXPECT_NE(st.reason().find("6 record is 101 bytes, longer than the layout's record length 80"),
            std::string_view::npos)
      << st.ToString();
}

// No checks: header, batch header, zero trailers.
TEST(LockboxSamples, EmptyDeposit) {
  CASHMATCH_REQUIRE_SAMPLES();
  for (const LockboxLayout& layout : {LockboxLayout::Default(), testing::FundersClubLayout()}) {
    BankFile f = testing::ReadBankOk(Sample(kEmpty), kEmpty, testing::LockboxOptions(layout));
    EXPECT_EQ(f.format, BankFormat::kLockbox);
    EXPECT_TRUE(f.payments.empty());
    ASSERT_EQ(f.statements.size(), 1u);
    EXPECT_EQ(f.statements[0].account, "0022222");
    EXPECT_EQ(f.statements[0].date, D(2016, 5, 27));
    EXPECT_EQ(f.statements[0].credits, 0u);
  }
  // Sniffed as lockbox too.
  EXPECT_EQ(testing::ReadBankOk(Sample(kEmpty), kEmpty).format, BankFormat::kLockbox);
}

TEST(LockboxSamples, EveryFileIsKnown) {
  CASHMATCH_REQUIRE_SAMPLES();
  const std::set<std::string> known = {std::string(kCheck), std::string(kEmpty)};
  size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*testing::SamplesDir() / "lockbox")) {
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    ++seen;
    EXPECT_TRUE(known.count(name)) << "new sample file: add a test for it";
    Result<BankFile> r = ReadBankFile(Sample(name), name,
                                      testing::LockboxOptions(testing::FundersClubLayout()));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
  }
  EXPECT_EQ(seen, known.size());
}

}  // namespace
}  // namespace cashmatch
