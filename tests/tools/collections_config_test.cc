// Reading the collections settings: [dunning] steps, [smtp], [credit].
#include <gtest/gtest.h>

#include "cli_test_util.h"
#include "config.h"

namespace cashmatch::tools {
namespace {

using cashmatch::testing::TempDir;

class CollectionsConfigTest : public ::testing::Test {
 protected:
  Result<Config> Load(const std::string& toml) { return LoadConfig(dir_.Write("c.toml", toml), ""); }
  TempDir dir_;
};

TEST_F(CollectionsConfigTest, DefaultsAreNoPolicyAndRequiredTls) {
  Result<Config> c = LoadConfig("", dir_.path());
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->collections.dunning.steps.empty());
  EXPECT_EQ(c->collections.smtp.starttls, SmtpSettings::StartTls::kRequired);
  EXPECT_EQ(c->collections.smtp.port, 587);
  EXPECT_EQ(c->collections.credit.high_risk_days_past_due, 60);
}

TEST_F(CollectionsConfigTest, ReadsStepsSortedByOffsetAndSmtpAndCredit) {
  Result<Config> c = Load(R"(
[[dunning.steps]]
name = "final notice"
offset_days = 45
subject = "Final notice"
body = "{invoice_lines}"

[[dunning.steps]]
name = "friendly"
offset_days = -3
subject = "Coming up"
body = """Dear {customer_name},
{invoice_lines}
"""

[smtp]
host = "mail.example.com"
port = 2525
from = "ar@example.com"
starttls = "optional"
username = "ar"
password_file = "/etc/cashmatch/smtp.pass"

[credit]
high_risk_days_past_due = 90
high_risk_returns = 2
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const auto& steps = c->collections.dunning.steps;
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].name, "friendly");
  EXPECT_EQ(steps[0].offset_days, -3);
  EXPECT_EQ(steps[0].body, "Dear {customer_name},\n{invoice_lines}\n");
  EXPECT_EQ(steps[1].name, "final notice");
  const SmtpSettings& s = c->collections.smtp;
  EXPECT_EQ(s.host, "mail.example.com");
  EXPECT_EQ(s.port, 2525);
  EXPECT_EQ(s.starttls, SmtpSettings::StartTls::kOptional);
  EXPECT_EQ(s.password_file, "/etc/cashmatch/smtp.pass");
  EXPECT_EQ(c->collections.credit.high_risk_days_past_due, 90);
  EXPECT_EQ(c->collections.credit.high_risk_avg_days_late, 30);
  EXPECT_EQ(c->collections.credit.high_risk_returns, 2u);
}

TEST_F(CollectionsConfigTest, RefusesBadSettingsNamingThem) {
  const std::pair<const char*, const char*> cases[] = {
      {"[smtp]\nstarttls = \"maybe\"\n", "smtp.starttls"},
      {"[smtp]\nport = 70000\n", "smtp.port"},
      {"[smtp]\nhots = \"x\"\n", "smtp.hots"},
      {"[smtp]\npassword = \"a\"\npassword_file = \"b\"\n", "not both"},
      {"[credit]\nhigh_risk_returns = 0\n", "high_risk_returns"},
      {"[[dunning.steps]]\nname = \"a\"\noffset_days = 1\nsubject = \"s\"\n", "needs name, offset_days"},
      {"[[dunning.steps]]\nname = \"a\"\noffset_days = 1\nsubject = \"s\"\nbody = \"b\"\n"
       "[[dunning.steps]]\nname = \"a\"\noffset_days = 2\nsubject = \"s\"\nbody = \"b\"\n",
       "two dunning steps are named"},
      {"[[dunning.steps]]\nname = \"a\"\noffset_days = 1\nsubject = \"s\"\nbody = \"b\"\n"
       "[[dunning.steps]]\nname = \"b\"\noffset_days = 1\nsubject = \"s\"\nbody = \"b\"\n",
       "offset_days 1"},
      {"[dunning]\npolicy = 1\n", "dunning.policy"},
  };
  for (const auto& [toml, expected] : cases) {
    Result<Config> c = Load(toml);
    ASSERT_FALSE(c.ok()) << toml;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(c.status().ToString().find(expected), std::string::npos) << c.status().ToString();
  }
}

}  // namespace
}  // namespace cashmatch::tools
