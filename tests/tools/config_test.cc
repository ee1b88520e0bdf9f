// Reading the TOML settings: the ingest section and lockbox layouts.
#include "config.h"

#include <gtest/gtest.h>

#include "cli_test_util.h"

namespace cashmatch::tools {
namespace {

using cashmatch::testing::TempDir;

class ConfigTest : public ::testing::Test {
 protected:
  Result<Config> Load(const std::string& toml) {
    return LoadConfig(dir_.Write("cashmatch.toml", toml), "");
  }
  TempDir dir_;
};

TEST_F(ConfigTest, DefaultsNeedNoFile) {
  Result<Config> c = LoadConfig("", dir_.path());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->advice_window_days, 3);
  EXPECT_EQ(c->lockbox_layout, LockboxLayout::Default());
  EXPECT_EQ(c->inbox_dir, dir_.path() + "/inbox");
}

TEST_F(ConfigTest, LockboxLayoutIsDescribedByFieldName) {
  Result<Config> c = Load(R"(
[ingest]
advice_window_days = 5

[ingest.lockbox]
record_length = 0
date_order = "MMDDYY"
check_remitter = [53, 30]
check_invoice = [0, 0]
check_invoice_amount = [0, 0]
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->advice_window_days, 5);
  const LockboxLayout& l = c->lockbox_layout;
  EXPECT_EQ(l.record_length, 0);
  EXPECT_EQ(l.date_order, LockboxLayout::DateOrder::kMmddyy);
  EXPECT_EQ(l.check_remitter, (FixedField{53, 30}));
  EXPECT_FALSE(l.check_invoice.present());
  // Fields not named keep the default layout's positions.
  EXPECT_EQ(l.check_amount, LockboxLayout::Default().check_amount);
}

TEST_F(ConfigTest, BadLockboxSettingsNameTheKey) {
  struct Case {
    const char* toml;
    const char* field;
  } cases[] = {
      {"[ingest.lockbox]\ncheck_amont = [8, 10]\n", "ingest.lockbox.check_amont"},
      {"[ingest.lockbox]\ncheck_amount = 8\n", "ingest.lockbox.check_amount"},
      {"[ingest.lockbox]\ncheck_amount = [0, 10]\n", "ingest.lockbox.check_amount"},
      {"[ingest.lockbox]\ncheck_amount = [75, 10]\n", "ingest.lockbox.check_amount"},
      {"[ingest.lockbox]\ndate_order = \"DDMMYY\"\n", "ingest.lockbox.date_order"},
      {"[ingest.lockbox]\nrecord_length = -1\n", "ingest.lockbox.record_length"},
      {"[ingest]\nadvice_window_days = 400\n", "ingest.advice_window_days"},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.toml);
    Result<Config> c = Load(k.toml);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(c.status().where().field, k.field) << c.status().ToString();
    EXPECT_GT(c.status().where().line, 0u);
  }
}

TEST_F(ConfigTest, MatchingThresholdsAndTolerances) {
  Result<Config> c = Load(R"(
[matching]
auto_apply = 0.95
suggest = 0.3
writeoff_max = "2.50"
writeoff_max_pct = "0.5"
combination_max_items = 4
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->match.auto_apply_bp, 9500);
  EXPECT_EQ(c->match.suggest_bp, 3000);
  EXPECT_EQ(c->match.ambiguity_margin_bp, MatchOptions().ambiguity_margin_bp);
  EXPECT_EQ(c->match.writeoff_max_minor, 250);
  EXPECT_EQ(c->match.writeoff_max_bp, 50u);
  EXPECT_EQ(c->match.combination_max_items, 4u);
  for (const char* bad : {"[matching]\nauto_apply = 1.5\n", "[matching]\nwriteoff_max = 5\n",
                          "[matching]\nwriteoff_max = \"5.001\"\n",
                          "[matching]\ncombination_max_items = 0\n", "[matching]\nautoapply = 0.9\n"}) {
    EXPECT_FALSE(Load(bad).ok()) << bad;
  }
}

TEST_F(ConfigTest, ReceivingAccountsNameTheirEntity) {
  Result<Config> c = Load(R"(
[matching.accounts]
"123456789" = ""
"DE89370400440532013000" = "E01"
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->match.account_companies.size(), 2u);
  EXPECT_EQ(c->match.account_companies.at("123456789"), "");
  EXPECT_EQ(c->match.account_companies.at("DE89370400440532013000"), "E01");
  EXPECT_TRUE(Load("[matching]\n").value().match.account_companies.empty());
  for (const char* bad : {"[matching]\naccounts = 3\n", "[matching.accounts]\n\"123\" = 4\n"}) {
    Result<Config> b = Load(bad);
    ASSERT_FALSE(b.ok()) << bad;
    EXPECT_EQ(b.status().where().field, "matching.accounts") << b.status().ToString();
  }
}

TEST_F(ConfigTest, UnknownIngestSettingIsRefused) {
  Result<Config> c = Load("[ingest]\nadvise_window_days = 3\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().reason().find("ingest.advise_window_days"), std::string_view::npos);
}

TEST_F(ConfigTest, DaemonSettings) {
  Result<Config> d = LoadConfig("", dir_.path());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->daemon.settle_ms, 1000u);
  EXPECT_EQ(d->daemon.rescan_ms, 10000u);
  EXPECT_EQ(d->daemon.group_files, 16u);
  EXPECT_EQ(d->daemon.group_bytes, uint64_t{256} << 20);
  Result<Config> c = Load("[daemon]\nsettle_ms = 0\nrescan_ms = 500\ngroup_files = 1\n"
                          "group_bytes = 1048576\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->daemon.settle_ms, 0u);
  EXPECT_EQ(c->daemon.rescan_ms, 500u);
  EXPECT_EQ(c->daemon.group_files, 1u);
  EXPECT_EQ(c->daemon.group_bytes, 1048576u);
  struct Case {
    const char* toml;
    const char* field;
  } cases[] = {
      {"[daemon]\nsettle_ms = -1\n", "daemon.settle_ms"},
      {"[daemon]\nsettle_ms = \"1s\"\n", "daemon.settle_ms"},
      {"[daemon]\nrescan_ms = 10\n", "daemon.rescan_ms"},
      {"[daemon]\ngroup_files = 0\n", "daemon.group_files"},
      {"[daemon]\ngroup_bytes = 0\n", "daemon.group_bytes"},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.toml);
    Result<Config> bad = Load(k.toml);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().where().field, k.field) << bad.status().ToString();
  }
  Result<Config> typo = Load("[daemon]\nsettle = 5\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().reason().find("daemon.settle"), std::string_view::npos);
}

}  // namespace
}  // namespace cashmatch::tools
