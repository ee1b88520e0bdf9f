// InboxWatcher: which files in the inbox folder are complete, in the order
// they arrived. It watches the folder with inotify and lists it in full on
// request (at start, periodically, and by itself when the kernel's event
// queue overflowed), and decides when a file is complete:
//
//   - renamed into the folder (IN_MOVED_TO): complete at once;
//   - written in place: once it has been closed (IN_CLOSE_WRITE) and its
//     size and modification time have not changed for `settle`;
//   - found by a listing (present at start, or an event was lost): once its
//     size and modification time have stayed the same for `settle`, or its
//     modification time is already `settle` old. A file created under watch
//     but never reported closed (a hard link, say) counts as closed after
//     kOpenGrace without a change.
//
// Hidden files (".name") and writers' temporary files (names ending in
// ".tmp", ".part", ".partial", ".filepart", ".crdownload" or "~") are
// ignored until renamed, and so are sub-folders and anything that is not a
// regular file.
//
// Arrival order is the order in which the watcher first saw each file: the
// order of events, and for files found by a listing, modification time then
// name. TakeReady hands out complete files in that order and forgets them;
// the caller moves them out of the folder (or calls Skip).
//
// Thread safety: not safe to share; one thread drives it.
#ifndef CASHMATCH_TOOLS_DAEMON_INBOX_WATCHER_H_
#define CASHMATCH_TOOLS_DAEMON_INBOX_WATCHER_H_

#include <chrono>
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cashmatch/status.h"

namespace cashmatch::tools {

struct InboxFile {
  std::string name;  // base name
  std::string path;  // dir/name
  uint64_t size = 0;
  std::chrono::steady_clock::time_point seen;  // when the watcher first saw it
};

class InboxWatcher {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kOpenGrace{60'000};

  // Starts watching `dir` (which must exist). kIoError when inotify refuses.
  static Result<std::unique_ptr<InboxWatcher>> Open(const std::string& dir,
                                                    std::chrono::milliseconds settle);
  ~InboxWatcher();
  InboxWatcher(const InboxWatcher&) = delete;
  InboxWatcher& operator=(const InboxWatcher&) = delete;

  // Readable when events wait: poll it, then call ReadEvents.
  int fd() const { return fd_; }

  // Takes the events that wait, never blocking. Lists the folder when the
  // kernel dropped events. kIoError when the folder itself was removed or
  // moved, or on a read error.
  Status ReadEvents();

  // Lists the folder: files not known yet join, in modification-time order.
  Status Rescan();

  // The complete files, in arrival order; the watcher forgets them. Files
  // that vanished are dropped.
  std::vector<InboxFile> TakeReady();

  // The next moment a file not yet complete may have become so; nullopt
  // when no file waits.
  std::optional<Clock::time_point> NextCheck() const;

  // Files seen and not yet complete.
  size_t pending() const { return entries_.size(); }

  // A taken file that stays in the folder (it could not be read): not
  // offered again until its size or modification time changes.
  void Skip(const InboxFile& file);

  void set_settle(std::chrono::milliseconds settle) { settle_ = settle; }

  // Whether the watcher ignores a file of this name (hidden or temporary).
  static bool Ignored(const std::string& name);

 private:
  struct Stamp {
    uint64_t size = 0;
    timespec mtime{};
    bool operator==(const Stamp& o) const {
      return size == o.size && mtime.tv_sec == o.mtime.tv_sec && mtime.tv_nsec == o.mtime.tv_nsec;
    }
  };
  struct Entry {
    uint64_t seq = 0;
    bool renamed_in = false;      // complete on arrival
    bool open_for_write = false;  // created under watch, no close seen yet
    bool stamped = false;         // `stamp` holds an observation
    Stamp stamp;
    Clock::time_point seen;
    Clock::time_point stable_since;  // when `stamp` was last seen to change
  };

  InboxWatcher(std::string dir, int fd, int wd, std::chrono::milliseconds settle);
  // Adds `name` when not known; returns it.
  Entry& Track(const std::string& name, Clock::time_point now);
  // The file's stamp; nullopt when it is gone or not a regular file.
  std::optional<Stamp> StampOf(const std::string& name) const;
  bool Ready(Entry& e, const Stamp& now_stamp, Clock::time_point now) const;

  const std::string dir_;
  const int fd_;
  const int wd_;
  std::chrono::milliseconds settle_;
  uint64_t next_seq_ = 0;
  std::map<std::string, Entry> entries_;
  std::map<std::string, Stamp> skipped_;
};

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_DAEMON_INBOX_WATCHER_H_
