#include "inbox_watcher.h"

#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <tuple>
#include <utility>

namespace cashmatch::tools {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::chrono::nanoseconds WallAge(const timespec& mtime) {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return std::chrono::seconds(now.tv_sec - mtime.tv_sec) +
         std::chrono::nanoseconds(now.tv_nsec - mtime.tv_nsec);
}

}  // namespace

bool InboxWatcher::Ignored(const std::string& name) {
  if (name.empty() || name.front() == '.' || name.back() == '~') return true;
  for (std::string_view suffix : {".tmp", ".part", ".partial", ".filepart", ".crdownload"}) {
    if (EndsWith(name, suffix)) return true;
  }
  return false;
}

Result<std::unique_ptr<InboxWatcher>> InboxWatcher::Open(const std::string& dir,
                                                         std::chrono::milliseconds settle) {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Status::IoError(std::string("inotify: ") + std::strerror(errno));
  const int wd = ::inotify_add_watch(
      fd, dir.c_str(),
      IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR);
  if (wd < 0) {
    const int err = errno;
    ::close(fd);
    return Status::IoError("cannot watch " + dir + ": " + std::strerror(err));
  }
  return std::unique_ptr<InboxWatcher>(new InboxWatcher(dir, fd, wd, settle));
}

InboxWatcher::InboxWatcher(std::string dir, int fd, int wd, std::chrono::milliseconds settle)
    : dir_(std::move(dir)), fd_(fd), wd_(wd), settle_(settle) {}

InboxWatcher::~InboxWatcher() { ::close(fd_); }

InboxWatcher::Entry& InboxWatcher::Track(const std::string& name, Clock::time_point now) {
  auto [it, added] = entries_.try_emplace(name);
  if (added) {
    it->second.seq = next_seq_++;
    it->second.seen = now;
    it->second.stable_since = now;
  }
  skipped_.erase(name);
  return it->second;
}

Status InboxWatcher::ReadEvents() {
  // Aligned as inotify_event requires.
  alignas(inotify_event) char buf[64 * 1024];
  bool overflow = false;
  for (;;) {
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) break;
    if (n <= 0)
      return Status::IoError(std::string("reading inotify events: ") + std::strerror(errno));
    const auto now = Clock::now();
    for (ssize_t off = 0; off < n;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(buf + off);
      off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
      if (ev->mask & IN_Q_OVERFLOW) overflow = true;
      if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
        return Status::IoError("the inbox folder " + dir_ + " was removed or moved");
      }
      if (ev->len == 0 || (ev->mask & IN_ISDIR)) continue;
      const std::string name(ev->name);  // NUL-padded to len
      if (Ignored(name)) continue;
      Entry& e = Track(name, now);
      if (ev->mask & IN_MOVED_TO) {
        e.renamed_in = true;
        e.open_for_write = false;
      } else if (ev->mask & IN_CREATE) {
        e.renamed_in = false;
        e.open_for_write = true;
      } else if (ev->mask & IN_CLOSE_WRITE) {
        e.open_for_write = false;
      }
    }
  }
  return overflow ? Rescan() : Status::Ok();
}

std::optional<InboxWatcher::Stamp> InboxWatcher::StampOf(const std::string& name) const {
  struct stat st {};
  if (::stat((dir_ + "/" + name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return Stamp{static_cast<uint64_t>(st.st_size), st.st_mtim};
}

Status InboxWatcher::Rescan() {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir_, ec);
  if (ec) return Status::IoError("cannot list " + dir_ + ": " + ec.message());
  std::vector<std::tuple<int64_t, int64_t, std::string>> found;  // mtime s, ns, name
  std::map<std::string, Stamp> still_skipped;
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (ec) return Status::IoError("cannot list " + dir_ + ": " + ec.message());
    const std::string name = it->path().filename().string();
    if (Ignored(name) || entries_.contains(name)) continue;
    const std::optional<Stamp> stamp = StampOf(name);
    if (!stamp) continue;
    if (auto s = skipped_.find(name); s != skipped_.end() && s->second == *stamp) {
      still_skipped.emplace(name, *stamp);
      continue;
    }
    found.emplace_back(stamp->mtime.tv_sec, stamp->mtime.tv_nsec, name);
  }
  skipped_ = std::move(still_skipped);
  std::sort(found.begin(), found.end());
  const auto now = Clock::now();
  for (const auto& [sec, nsec, name] : found) Track(name, now);
  return Status::Ok();
}

bool InboxWatcher::Ready(Entry& e, const Stamp& stamp, Clock::time_point now) const {
  const bool first = !e.stamped;
  const bool changed = e.stamped && !(stamp == e.stamp);
  if (first || changed) {
    e.stamp = stamp;
    e.stamped = true;
    e.stable_since = now;
  }
  if (e.renamed_in) return true;
  const auto unchanged_for = now - e.stable_since;
  if (e.open_for_write && unchanged_for < kOpenGrace) return false;
  if (changed) return false;
  if (unchanged_for >= settle_) return true;
  // Last written long enough ago: a file that was there before we looked.
  return WallAge(stamp.mtime) >= settle_;
}

std::vector<InboxFile> InboxWatcher::TakeReady() {
  std::vector<std::pair<uint64_t, std::string>> order;
  for (const auto& [name, e] : entries_) order.emplace_back(e.seq, name);
  std::sort(order.begin(), order.end());
  const auto now = Clock::now();
  std::vector<InboxFile> ready;
  for (const auto& [seq, name] : order) {
    auto it = entries_.find(name);
    const std::optional<Stamp> stamp = StampOf(name);
    if (!stamp) {
      entries_.erase(it);
      continue;
    }
    if (!Ready(it->second, *stamp, now)) continue;
    ready.push_back(InboxFile{name, dir_ + "/" + name, stamp->size, it->second.seen});
    entries_.erase(it);
  }
  return ready;
}

std::optional<InboxWatcher::Clock::time_point> InboxWatcher::NextCheck() const {
  std::optional<Clock::time_point> next;
  for (const auto& [name, e] : entries_) {
    const Clock::time_point at = !e.stamped         ? Clock::now()
                                 : e.open_for_write ? e.stable_since + kOpenGrace
                                                    : e.stable_since + settle_;
    if (!next || at < *next) next = at;
  }
  return next;
}

void InboxWatcher::Skip(const InboxFile& file) {
  if (const std::optional<Stamp> stamp = StampOf(file.name)) skipped_[file.name] = *stamp;
}

}  // namespace cashmatch::tools
