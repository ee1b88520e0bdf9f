// cashmatch: the operator's CLI. Talks to a running daemon through its
// admin socket; works directly on the data directory when no daemon holds
// it. See `cashmatch --help` and docs/cli.md.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "admin_client.h"
#include "command_line.h"
#include "config.h"
#include "progress.h"
#include "service.h"

using namespace cashmatch;
using namespace cashmatch::tools;

namespace {

int Finish(int code, const std::string& out, const std::string& err) {
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  std::fwrite(err.data(), 1, err.size(), stderr);
  return code;
}

int Unreachable(const std::string& reason) { return Finish(kExitUnreachable, "", "cashmatch: " + reason + "\n"); }

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::error_code ec;
  const std::string cwd = std::filesystem::current_path(ec).string();
  if (ec) return Unreachable("cannot tell the current directory: " + ec.message());

  CommandLine line(cwd);
  std::string out, err;
  if (std::optional<int> code = line.Parse(args, &out, &err)) return Finish(*code, out, err);
  auto config = LoadConfig(line.config_path(), line.data_dir());
  if (!config.ok()) return Finish(kExitUsage, "", "cashmatch: " + config.status().ToString() + "\n");

  const bool tty = ::isatty(STDERR_FILENO) == 1 && !line.json();
  TerminalProgress terminal(stderr);
  std::function<void(std::string_view)> show;
  if (tty) show = [&terminal](std::string_view l) { terminal.Show(l); };
  const AdminRequest request{args, cwd, tty};

  // A running daemon holds the store: ask it. Otherwise open the store here.
  auto answered = SendAdminRequest(config->socket_path, request, show);
  if (!answered.ok()) return Unreachable(std::string(answered.status().reason()));
  if (!answered->has_value()) {
    auto service = Service::Open(*config);
    if (!service.ok() && service.status().code() == StatusCode::kBusy) {
      // A daemon may have started since the socket was tried.
      answered = SendAdminRequest(config->socket_path, request, show);
      if (!answered.ok()) return Unreachable(std::string(answered.status().reason()));
      if (!answered->has_value()) {
        return Unreachable(config->db_dir + " is in use: cashmatchd (or another cashmatch) holds it, but the socket " +
                           config->socket_path + " does not answer");
      }
    } else if (!service.ok()) {
      return Unreachable(service.status().ToString());
    } else {
      CommandEnv env;
      env.service = service->get();
      env.cwd = cwd;
      env.progress = show;
      const int code = line.Run(env);
      terminal.Clear();
      return Finish(code, env.out, env.err);
    }
  }
  terminal.Clear();
  const AdminResponse& r = **answered;
  return Finish(r.exit_code, r.out, r.err);
}
