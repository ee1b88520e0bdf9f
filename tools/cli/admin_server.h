// AdminServer: the daemon's admin socket. Runs `cashmatch` commands sent by
// the CLI (admin_protocol.h) on the daemon's Service, so operators work
// while the daemon holds the data directory.
//
// The socket is a Unix domain socket readable and writable by its owner
// only (mode 0600). One thread per connection, at most kMaxConnections at
// once; a connection beyond that is answered "busy" (exit 3) at once.
// Requests that change state are serialised by the Service itself.
//
// Thread safety: Start and the destructor are called from one thread; the
// server's own threads only read the Service, which is thread-safe.
#ifndef CASHMATCH_TOOLS_CLI_ADMIN_SERVER_H_
#define CASHMATCH_TOOLS_CLI_ADMIN_SERVER_H_

#include <memory>
#include <string>

#include "cashmatch/status.h"
#include "service.h"

namespace cashmatch::tools {

class AdminServer {
 public:
  static constexpr int kMaxConnections = 16;

  // Listens on `socket_path`. A socket file left by a process that is gone
  // (nothing answers on it) is replaced; kBusy when something answers on
  // it; kInvalidInput when the path is too long for a Unix socket or names
  // something that is not a socket; kIoError when it cannot be created.
  // `service` must outlive the server.
  static Result<std::unique_ptr<AdminServer>> Start(Service& service, const std::string& socket_path);

  // Stop().
  ~AdminServer();
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  // Stops accepting, lets the requests in hand finish and answer (a
  // connection that has not sent its whole request is closed unanswered),
  // and removes the socket file if it is still this server's. Idempotent.
  void Stop();

  const std::string& socket_path() const;

 private:
  struct Impl;
  explicit AdminServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_ADMIN_SERVER_H_
