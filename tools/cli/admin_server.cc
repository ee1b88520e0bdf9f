#include "admin_server.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "admin_protocol.h"
#include "command_line.h"
#include "progress.h"

namespace cashmatch::tools {
namespace {

// A client that sends nothing is dropped after this long, so it cannot
// hold a connection slot for ever.
constexpr int kRequestTimeoutMs = 30'000;
// How long a connection beyond the cap waits for a slot before it is
// turned away.
constexpr std::chrono::milliseconds kSlotWait{2000};

Status Errno(const std::string& what) { return Status::IoError(what + ": " + std::strerror(errno)); }

bool FillAddress(const std::string& path, sockaddr_un* addr) {
  *addr = sockaddr_un{};
  addr->sun_family = AF_UNIX;
  if (path.size() >= sizeof addr->sun_path) return false;
  std::memcpy(addr->sun_path, path.c_str(), path.size() + 1);
  return true;
}

// Whether a process answers on the socket at `path`.
bool Answers(const std::string& path) {
  sockaddr_un addr;
  if (!FillAddress(path, &addr)) return false;
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// Writes all of `data`; false when the peer is gone. MSG_NOSIGNAL: a
// client that hung up must not kill the daemon with SIGPIPE.
bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

AdminResponse Refusal(int code, const std::string& reason) {
  return AdminResponse{code, "", "cashmatch: " + reason + "\n"};
}

}  // namespace

struct AdminServer::Impl {
  Service& service;
  std::string path;
  int listen_fd = -1;
  int stop_fd = -1;  // eventfd: readable once Stop() began
  dev_t dev = 0;     // the socket file this server created, to remove only it
  ino_t ino = 0;
  std::thread acceptor;
  bool stopped = false;

  std::mutex mu;  // guards the connection threads and counts below
  std::condition_variable slot_freed;
  bool stopping = false;
  int active = 0;  // connections not yet answered and closed
  uint64_t next_id = 0;
  std::map<uint64_t, std::thread> connections;
  std::vector<uint64_t> finished;  // ids whose thread is done, to join

  Impl(Service& s, std::string p) : service(s), path(std::move(p)) {}

  void AcceptLoop();
  void Serve(int fd);
  // Reads one request line. nullopt when the connection is to be closed
  // unanswered; a response to send instead when the request is refused.
  std::optional<std::string> ReadRequest(int fd, AdminResponse* refusal);
  void JoinFinishedLocked();
};

void AdminServer::Impl::JoinFinishedLocked() {
  for (uint64_t id : finished) {
    auto it = connections.find(id);
    if (it == connections.end()) continue;
    it->second.join();
    connections.erase(it);
  }
  finished.clear();
}

void AdminServer::Impl::AcceptLoop() {
  for (;;) {
    pollfd fds[2] = {{listen_fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;  // the client gave up, or a transient shortage: keep serving
    std::unique_lock lock(mu);
    JoinFinishedLocked();
    // At the cap, a short wait for a slot: a client that just had its
    // answer may already be back before its connection thread is done.
    slot_freed.wait_for(lock, kSlotWait, [this] { return stopping || active < kMaxConnections; });
    if (stopping || active >= kMaxConnections) {
      SendAll(fd, EncodeAdminResponse(Refusal(3, "the daemon is serving " + std::to_string(kMaxConnections) +
                                                     " admin requests already; try again")));
      ::close(fd);
      continue;
    }
    const uint64_t id = next_id++;
    ++active;
    connections.emplace(id, std::thread([this, fd, id] {
                          Serve(fd);
                          ::close(fd);
                          {
                            std::lock_guard done(mu);
                            --active;
                            finished.push_back(id);
                          }
                          slot_freed.notify_all();
                        }));
  }
}

std::optional<std::string> AdminServer::Impl::ReadRequest(int fd, AdminResponse* refusal) {
  std::string buffer;
  char chunk[16384];
  for (;;) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    const int ready = ::poll(fds, 2, kRequestTimeoutMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0 || fds[1].revents) return std::nullopt;  // timed out, or stopping
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // The client closed its side before a newline: what it sent is all.
      if (n == 0 && !buffer.empty()) {
        *refusal = Refusal(2, "malformed request: no newline at its end");
        return std::string();
      }
      return std::nullopt;
    }
    const size_t before = buffer.size();
    buffer.append(chunk, static_cast<size_t>(n));
    const size_t nl = buffer.find('\n', before);
    if (nl != std::string::npos && nl <= kMaxAdminRequestBytes) {
      buffer.resize(nl);
      return buffer;
    }
    if (buffer.size() > kMaxAdminRequestBytes) {
      *refusal = Refusal(2, "request larger than " + std::to_string(kMaxAdminRequestBytes) + " bytes refused");
      return std::string();
    }
  }
}

void AdminServer::Impl::Serve(int fd) {
  AdminResponse refusal{-1, "", ""};
  const std::optional<std::string> line = ReadRequest(fd, &refusal);
  if (!line) return;
  if (refusal.exit_code >= 0) {
    SendAll(fd, EncodeAdminResponse(refusal));
    return;
  }
  Result<AdminRequest> request = DecodeAdminRequest(*line);
  if (!request.ok()) {
    SendAll(fd, EncodeAdminResponse(Refusal(2, std::string(request.status().reason()))));
    return;
  }
  CommandEnv env;
  env.service = &service;
  env.cwd = request->cwd;
  env.via_daemon = true;
  ProgressThrottle throttle;
  bool peer_gone = false;
  if (request->tty) {
    env.progress = [&](std::string_view progress) {
      if (!peer_gone && throttle.Due()) peer_gone = !SendAll(fd, EncodeAdminProgress(progress));
    };
  }
  AdminResponse response;
  try {
    response.exit_code = RunCommand(request->args, env);
    response.out = std::move(env.out);
    response.err = std::move(env.err);
  } catch (const std::exception& e) {
    // Nothing should throw here; if it does, the daemon answers and lives.
    response = Refusal(1, std::string("internal error: ") + e.what());
  } catch (...) {
    response = Refusal(1, "internal error");
  }
  SendAll(fd, EncodeAdminResponse(response));
}

AdminServer::AdminServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

AdminServer::~AdminServer() { Stop(); }

const std::string& AdminServer::socket_path() const { return impl_->path; }

Result<std::unique_ptr<AdminServer>> AdminServer::Start(Service& service, const std::string& socket_path) {
  sockaddr_un addr;
  if (socket_path.empty() || !FillAddress(socket_path, &addr)) {
    return Status::InvalidInput("socket path empty or too long for a Unix socket: " + socket_path);
  }
  struct stat st;
  if (::lstat(socket_path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) return Status::InvalidInput(socket_path + " exists and is not a socket");
    if (Answers(socket_path)) return Status::Busy("another process answers on " + socket_path);
    // Left by a daemon that is gone: replaced below, by the rename.
  }
  // Bound in a private folder (mkdtemp makes it 0700), narrowed to 0600 and
  // renamed into place: the socket is never reachable with a wider mode, and
  // the process-wide umask is left alone for the daemon's other threads.
  const std::filesystem::path final_path(socket_path);
  std::filesystem::path parent = final_path.parent_path();
  if (parent.empty()) parent = ".";
  std::string tmpl = (parent / ".cashmatchd-sock.XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) return Errno("cannot create a folder beside " + socket_path);
  const std::string temp_path = tmpl + "/s";
  auto impl = std::make_unique<Impl>(service, socket_path);
  Status failed = Status::Ok();
  sockaddr_un temp_addr;
  if (!FillAddress(temp_path, &temp_addr)) {
    failed = Status::InvalidInput("socket path too long for a Unix socket: " + temp_path);
  } else if ((impl->listen_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
    failed = Errno("socket");
  } else if (::bind(impl->listen_fd, reinterpret_cast<const sockaddr*>(&temp_addr), sizeof temp_addr) != 0) {
    failed = Errno("cannot bind " + temp_path);
  } else if (::chmod(temp_path.c_str(), 0600) != 0) {
    failed = Errno("cannot chmod " + temp_path);
  } else if (::listen(impl->listen_fd, 64) != 0) {
    failed = Errno("cannot listen on " + temp_path);
  } else if (::rename(temp_path.c_str(), socket_path.c_str()) != 0) {
    failed = Errno("cannot move the socket to " + socket_path);
  } else if (::stat(socket_path.c_str(), &st) != 0) {
    failed = Errno("cannot stat " + socket_path);
  }
  ::unlink(temp_path.c_str());  // still there only when something failed
  ::rmdir(tmpl.c_str());
  if (!failed.ok()) {
    if (impl->listen_fd >= 0) ::close(impl->listen_fd);
    return failed;
  }
  impl->dev = st.st_dev;
  impl->ino = st.st_ino;
  impl->stop_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (impl->stop_fd < 0) {
    const Status s = Errno("eventfd");
    ::close(impl->listen_fd);
    ::unlink(socket_path.c_str());
    return s;
  }
  Impl* raw = impl.get();
  impl->acceptor = std::thread([raw] { raw->AcceptLoop(); });
  return std::unique_ptr<AdminServer>(new AdminServer(std::move(impl)));
}

void AdminServer::Stop() {
  Impl& m = *impl_;
  if (m.stopped) return;
  m.stopped = true;
  {
    std::lock_guard lock(m.mu);
    m.stopping = true;
  }
  m.slot_freed.notify_all();
  const uint64_t one = 1;
  (void)!::write(m.stop_fd, &one, sizeof one);
  if (m.acceptor.joinable()) m.acceptor.join();
  ::close(m.listen_fd);
  // Only our own socket file: a successor may have replaced it.
  struct stat st;
  if (::stat(m.path.c_str(), &st) == 0 && st.st_dev == m.dev && st.st_ino == m.ino) ::unlink(m.path.c_str());
  std::map<uint64_t, std::thread> running;
  {
    std::lock_guard lock(m.mu);
    running.swap(m.connections);
    m.finished.clear();
  }
  for (auto& [id, thread] : running) thread.join();
  ::close(m.stop_fd);
}

}  // namespace cashmatch::tools
