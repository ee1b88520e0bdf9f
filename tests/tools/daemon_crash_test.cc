// kill -9 at random moments loses nothing: a generated day goes through the
// real cashmatchd twice, once cleanly and once killed again and again while
// files land in its inbox, and both runs must leave the same store (batches,
// applications, payments, invoices, files, work queue), the same outbox and
// the same archive and quarantine.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <random>

#include "daemon_test_util.h"

namespace cashmatch::testing {
namespace {

struct Drop {
  std::string name;
  std::string bytes;
};

// The day's files in the order they are dropped: open items first, then
// the bank files, a broken file and a re-sent one among them.
std::vector<Drop> MakeDay(const std::string& dir) {
  const std::string day = dir + "/day";
  RunResult gen =
      RunProgram({CASHMATCH_GEN_PATH, "day", "--out", day, "--customers", "800", "--invoices",
                  "8000", "--payments", "3000", "--per-file", "150", "--seed", "11"},
                 dir);
  EXPECT_EQ(gen.exit_code, 0) << gen.err;
  std::vector<Drop> drops = {{"customers.csv", Slurp(day + "/customers.csv")},
                             {"invoices.csv", Slurp(day + "/invoices.csv")}};
  for (const std::string& name : ListDir(day + "/inbox"))
    drops.push_back({name, Slurp(day + "/inbox/" + name)});
  const size_t middle = drops.size() / 2;
  drops.insert(drops.begin() + middle,
               {"zz-broken.bai", "01,BANK,CUST,261120,0800,1,80,,2/\n02,oops\n"});
  drops.push_back({"resent-" + drops[3].name, drops[3].bytes});
  return drops;
}

void DropAt(const std::string& inbox, const std::vector<Drop>& drops, size_t i) {
  // Increasing modification times: a listing after a restart sees the
  // files in the order they were dropped.
  DropByRename(inbox, drops[i].name, drops[i].bytes, 1'700'000'000 + static_cast<int64_t>(i));
}

struct RunResultFiles {
  StoreContents store;
  std::string outbox;
  std::vector<std::string> archive, quarantine;
};

RunResultFiles Collect(const std::string& data) {
  return {StoreContents::Read(data + "/db"), OutboxContents(data + "/outbox"),
          ListDir(data + "/archive"), ListDir(data + "/quarantine")};
}

TEST(DaemonCrash, KillNineAtRandomMomentsLosesNothing) {
  TempDir dir;
  const std::vector<Drop> drops = MakeDay(dir.path());
  ASSERT_GT(drops.size(), 15u);
  const std::string config =
      dir.Write("cashmatch.toml", "[daemon]\nsettle_ms = 0\ngroup_files = 4\n");

  // The clean run.
  const std::string clean = dir.path() + "/clean/data";
  fs::create_directories(clean + "/inbox");
  for (size_t i = 0; i < drops.size(); ++i) DropAt(clean + "/inbox", drops, i);
  const auto start = std::chrono::steady_clock::now();
  {
    DaemonProcess d(clean, {"--once", "--config", config});
    ASSERT_EQ(d.Wait(), 0) << d.Log();
  }
  const auto clean_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
  const RunResultFiles expected = Collect(clean);
  ASSERT_TRUE(ListDir(clean + "/inbox").empty());
  ASSERT_FALSE(expected.store.applications.empty());
  ASSERT_EQ(expected.quarantine,
            (std::vector<std::string>{"zz-broken.bai", "zz-broken.bai.report.txt"}));

  // The run with kills: files keep landing while the daemon is killed at
  // random moments, from right after start to well into the work.
  const std::string crashed = dir.path() + "/crashed/data";
  fs::create_directories(crashed + "/inbox");
  // CASHMATCH_CRASH_SEED explores other kill schedules.
  const char* seed = std::getenv("CASHMATCH_CRASH_SEED");
  std::mt19937 rng(seed != nullptr ? std::strtoul(seed, nullptr, 10) : 20261120);
  constexpr int kKills = 20;
  // Up to the clean run's length (start-up included), so kills land in the
  // start-up, the loads, the ingests and the idle time after.
  const int64_t max_delay = std::clamp<int64_t>(clean_ms, 300, 2500);
  std::uniform_int_distribution<int64_t> delay(0, max_delay);
  size_t dropped = 0;
  for (int k = 0; k < kKills; ++k) {
    const size_t until = drops.size() * (k + 1) / kKills;
    DaemonProcess d(crashed, {"--config", config});
    const auto wait = std::chrono::milliseconds(delay(rng));
    const auto half = wait / 2;
    std::this_thread::sleep_for(half);
    for (; dropped < until; ++dropped) DropAt(crashed + "/inbox", drops, dropped);
    std::this_thread::sleep_for(wait - half);
    d.Signal(SIGKILL);
    ASSERT_EQ(d.Wait(), 128 + SIGKILL) << d.Log();
  }
  ASSERT_EQ(dropped, drops.size());
  {
    DaemonProcess d(crashed, {"--once", "--config", config});
    ASSERT_EQ(d.Wait(), 0) << d.Log();
  }
  EXPECT_TRUE(ListDir(crashed + "/inbox").empty());
  const RunResultFiles got = Collect(crashed);
  EXPECT_EQ(StoreContents::Diff(expected.store, got.store), "");
  EXPECT_EQ(expected.outbox, got.outbox);
  EXPECT_EQ(expected.archive, got.archive);
  EXPECT_EQ(expected.quarantine, got.quarantine);
  // The killed daemons did work (not all of it was left to the last run).
  const std::string log = Slurp(dir.path() + "/crashed/daemon.log");
  EXPECT_GE(CountOf(log, "ingested file="), drops.size() / 2) << log;
  std::cout << "clean run " << clean_ms
            << " ms; restarts that found a committed file still in the inbox: "
            << CountOf(log, "already ingested") + CountOf(log, "already loaded") << "\n";
}

}  // namespace
}  // namespace cashmatch::testing
