// The CLI's side of the admin socket (admin_protocol.h).
#ifndef CASHMATCH_TOOLS_CLI_ADMIN_CLIENT_H_
#define CASHMATCH_TOOLS_CLI_ADMIN_CLIENT_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "admin_protocol.h"
#include "cashmatch/status.h"

namespace cashmatch::tools {

// Sends `request` to a daemon listening on `socket_path` and waits for its
// answer, passing progress lines to `on_progress` (may be empty) as they
// come. nullopt when no daemon listens there (no socket file, or one left
// by a process that is gone): the caller works on the store itself.
// kIoError when the socket cannot be used, or the daemon accepted the
// request but did not answer in full.
Result<std::optional<AdminResponse>> SendAdminRequest(const std::string& socket_path, const AdminRequest& request,
                                                      const std::function<void(std::string_view)>& on_progress);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_ADMIN_CLIENT_H_
