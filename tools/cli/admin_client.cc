#include "admin_client.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cashmatch::tools {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

Status SocketError(const std::string& path, const std::string& what) {
  return Status::IoError("the daemon's socket " + path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

Result<std::optional<AdminResponse>> SendAdminRequest(const std::string& socket_path, const AdminRequest& request,
                                                      const std::function<void(std::string_view)>& on_progress) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof addr.sun_path) {
    return Status::InvalidInput("socket path too long for a Unix socket: " + socket_path);
  }
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return SocketError(socket_path, "socket");
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    // Nothing there, or a socket file whose daemon is gone.
    if (errno == ENOENT || errno == ECONNREFUSED || errno == ENOTSOCK) return std::optional<AdminResponse>();
    return SocketError(socket_path, "connect");
  }
  const std::string line = EncodeAdminRequest(request);
  for (size_t sent = 0; sent < line.size();) {
    const ssize_t n = ::send(fd.get(), line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return SocketError(socket_path, "send");
    sent += static_cast<size_t>(n);
  }
  std::string buffer;
  char chunk[65536];
  size_t scanned = 0;
  for (;;) {
    const size_t nl = buffer.find('\n', scanned);
    if (nl != std::string::npos) {
      Result<AdminMessage> m = DecodeAdminMessage(std::string_view(buffer).substr(0, nl));
      if (!m.ok()) return Status::IoError("the daemon's answer on " + socket_path + ": " + std::string(m.status().reason()));
      if (!m->is_progress) return std::optional<AdminResponse>(std::move(m->response));
      if (on_progress) on_progress(m->progress);
      buffer.erase(0, nl + 1);
      scanned = 0;
      continue;
    }
    scanned = buffer.size();
    const ssize_t n = ::recv(fd.get(), chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SocketError(socket_path, "receive");
    if (n == 0) return Status::IoError("the daemon on " + socket_path + " closed the connection without an answer");
    buffer.append(chunk, static_cast<size_t>(n));
  }
}

}  // namespace cashmatch::tools
