// InboxWatcher: completeness, order, what is ignored; and the SIGHUP diff.
#include "inbox_watcher.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "cli_test_util.h"
#include "settings_diff.h"

namespace cashmatch::tools {
namespace {

using cashmatch::testing::TempDir;
using namespace std::chrono_literals;

std::vector<std::string> Names(const std::vector<InboxFile>& files) {
  std::vector<std::string> out;
  for (const InboxFile& f : files) out.push_back(f.name);
  return out;
}

void SetMtime(const std::string& path, int64_t sec) {
  const timespec times[2] = {{sec, 0}, {sec, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

// Events reach the inotify queue when the system call returns; reading
// them right after is enough, but allow the kernel a moment anyway.
std::vector<InboxFile> ReadAndTake(InboxWatcher& w) {
  for (int i = 0; i < 100; ++i) {
    EXPECT_TRUE(w.ReadEvents().ok());
    std::vector<InboxFile> ready = w.TakeReady();
    if (!ready.empty()) return ready;
    std::this_thread::sleep_for(5ms);
  }
  return {};
}

TEST(InboxWatcher, ARenamedFileIsReadyAtOnceAndInEventOrder) {
  TempDir dir;
  auto w = InboxWatcher::Open(dir.path(), 3'600'000ms);
  ASSERT_TRUE(w.ok());
  for (const char* name : {"b.csv", "a.csv", "c.csv"}) {
    dir.Write(std::string(".") + name, "x");
    std::filesystem::rename(dir.path() + "/." + name, dir.path() + "/" + name);
  }
  std::vector<std::string> got;
  while (got.size() < 3) {
    std::vector<InboxFile> ready = ReadAndTake(**w);
    ASSERT_FALSE(ready.empty());
    for (const std::string& n : Names(ready)) got.push_back(n);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"b.csv", "a.csv", "c.csv"}));
  EXPECT_EQ((*w)->pending(), 0u);
}

TEST(InboxWatcher, AFileWrittenInPlaceWaitsForCloseAndSettle) {
  TempDir dir;
  auto w = InboxWatcher::Open(dir.path(), 200ms);
  ASSERT_TRUE(w.ok());
  const std::string path = dir.path() + "/slow.csv";
  {
    std::ofstream out(path);
    out << "half";
    out.flush();
    ASSERT_TRUE((*w)->ReadEvents().ok());
    EXPECT_TRUE((*w)->TakeReady().empty());
    std::this_thread::sleep_for(400ms);  // longer than settle: still open
    ASSERT_TRUE((*w)->ReadEvents().ok());
    EXPECT_TRUE((*w)->TakeReady().empty());
    EXPECT_EQ((*w)->pending(), 1u);
    out << " and the rest";
  }
  ASSERT_TRUE((*w)->ReadEvents().ok());
  // Closed, but just written: it must first stay unchanged for settle.
  EXPECT_TRUE((*w)->TakeReady().empty());
  ASSERT_TRUE((*w)->NextCheck().has_value());
  std::this_thread::sleep_until(*(*w)->NextCheck() + 5ms);
  const std::vector<InboxFile> ready = (*w)->TakeReady();
  ASSERT_EQ(Names(ready), std::vector<std::string>{"slow.csv"});
  EXPECT_EQ(ready[0].size, std::string("half and the rest").size());
}

TEST(InboxWatcher, AListingTakesOldFilesAtOnceByModificationTimeThenName) {
  TempDir dir;
  for (const char* name : {"z.csv", "y.csv", "x.csv", "w.csv"}) dir.Write(name, "x");
  SetMtime(dir.path() + "/z.csv", 1'700'000'000);
  SetMtime(dir.path() + "/y.csv", 1'700'000'002);
  SetMtime(dir.path() + "/x.csv", 1'700'000'001);
  SetMtime(dir.path() + "/w.csv", 1'700'000'001);
  auto w = InboxWatcher::Open(dir.path(), 1000ms);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Rescan().ok());
  EXPECT_EQ(Names((*w)->TakeReady()),
            (std::vector<std::string>{"z.csv", "w.csv", "x.csv", "y.csv"}));
  // Taken files are the caller's to move away; until then a listing finds
  // them again.
  ASSERT_TRUE((*w)->Rescan().ok());
  EXPECT_EQ((*w)->TakeReady().size(), 4u);
  for (const char* name : {"z.csv", "y.csv", "x.csv", "w.csv"})
    std::filesystem::remove(dir.path() + "/" + name);
  // A file just written is found but waits for settle.
  dir.Write("new.csv", "x");
  ASSERT_TRUE((*w)->Rescan().ok());
  EXPECT_TRUE((*w)->TakeReady().empty());
  EXPECT_EQ((*w)->pending(), 1u);
}

TEST(InboxWatcher, HiddenTemporaryAndNonRegularFilesAreIgnored) {
  for (const char* name :
       {".x.csv", "x.csv.tmp", "x.part", "x.csv~", "x.filepart", "x.crdownload"}) {
    EXPECT_TRUE(InboxWatcher::Ignored(name)) << name;
  }
  EXPECT_FALSE(InboxWatcher::Ignored("x.csv"));
  TempDir dir;
  auto w = InboxWatcher::Open(dir.path(), 0ms);
  ASSERT_TRUE(w.ok());
  dir.Write(".hidden.csv", "x");
  dir.Write("upload.part", "x");
  std::filesystem::create_directories(dir.path() + "/sub");
  dir.Write("real.csv", "x");
  EXPECT_EQ(Names(ReadAndTake(**w)), std::vector<std::string>{"real.csv"});
  std::filesystem::remove(dir.path() + "/real.csv");
  ASSERT_TRUE((*w)->Rescan().ok());
  EXPECT_TRUE((*w)->TakeReady().empty());
  EXPECT_EQ((*w)->pending(), 0u);
}

TEST(InboxWatcher, ASkippedFileComesBackOnlyWhenItChanges) {
  TempDir dir;
  dir.Write("bad.csv", "x");
  SetMtime(dir.path() + "/bad.csv", 1'700'000'000);
  auto w = InboxWatcher::Open(dir.path(), 0ms);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Rescan().ok());
  const std::vector<InboxFile> ready = (*w)->TakeReady();
  ASSERT_EQ(ready.size(), 1u);
  (*w)->Skip(ready[0]);
  ASSERT_TRUE((*w)->Rescan().ok());
  EXPECT_TRUE((*w)->TakeReady().empty());
  SetMtime(dir.path() + "/bad.csv", 1'700'000'005);
  ASSERT_TRUE((*w)->Rescan().ok());
  EXPECT_EQ(Names((*w)->TakeReady()), std::vector<std::string>{"bad.csv"});
}

TEST(InboxWatcher, AVanishedFileIsDropped) {
  TempDir dir;
  auto w = InboxWatcher::Open(dir.path(), 1000ms);
  ASSERT_TRUE(w.ok());
  dir.Write("gone.csv", "x");
  ASSERT_TRUE((*w)->ReadEvents().ok());
  std::filesystem::remove(dir.path() + "/gone.csv");
  EXPECT_TRUE((*w)->TakeReady().empty());
  EXPECT_EQ((*w)->pending(), 0u);
}

TEST(SettingsDiff, DaemonSettingsAreLiveOthersNeedARestart) {
  Config a = DefaultConfig("/d");
  Config b = a;
  EXPECT_TRUE(DiffSettings(a, b).empty());
  b.daemon.settle_ms = 50;
  b.match.auto_apply_bp = 9500;
  b.data_dir = "/elsewhere";
  b.lockbox_layout.record_length = 0;
  const std::vector<SettingChange> d = DiffSettings(a, b);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].key, "paths.data_dir");
  EXPECT_FALSE(d[0].live);
  EXPECT_EQ(d[1].key, "ingest.lockbox");
  EXPECT_EQ(d[1].to, "custom");
  EXPECT_EQ(d[2].key, "matching.auto_apply");
  EXPECT_EQ(d[2].from, "0.9");
  EXPECT_EQ(d[2].to, "0.95");
  EXPECT_EQ(d[3].key, "daemon.settle_ms");
  EXPECT_TRUE(d[3].live);
  EXPECT_EQ(d[3].to, "50");
}

}  // namespace
}  // namespace cashmatch::tools
