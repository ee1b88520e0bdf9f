// The admin socket's protocol: one JSON object per line each way.
//
//   request   {"v":1,"args":["unapplied","--json"],"cwd":"/abs/dir","tty":false}
//   progress  {"progress":"ingest: 3/10 files"}          (0 or more, only when "tty")
//   response  {"exit":0,"stdout":"...","stderr":"..."}   (exactly one, last)
//
// One request per connection; the server closes it after the response.
// "args" is the command line without the program name; relative file
// arguments are resolved against "cwd". docs/cli.md describes it for
// scripts that talk to the socket themselves.
#ifndef CASHMATCH_TOOLS_CLI_ADMIN_PROTOCOL_H_
#define CASHMATCH_TOOLS_CLI_ADMIN_PROTOCOL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/status.h"

namespace cashmatch::tools {

inline constexpr int kAdminProtocolVersion = 1;
// A request line longer than this is refused unread.
inline constexpr size_t kMaxAdminRequestBytes = size_t{1} << 20;

struct AdminRequest {
  std::vector<std::string> args;
  std::string cwd;   // absolute
  bool tty = false;  // the requester's stderr is a terminal: send progress
};

struct AdminResponse {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// One line from the server: a progress line, or the response.
struct AdminMessage {
  bool is_progress = false;
  std::string progress;
  AdminResponse response;
};

// Each Encode* returns one line ending in '\n'. Text that is not UTF-8 is
// carried with U+FFFD in place of the bad bytes (JSON has no other way).
std::string EncodeAdminRequest(const AdminRequest& request);
std::string EncodeAdminResponse(const AdminResponse& response);
std::string EncodeAdminProgress(std::string_view line);

// `line` without its '\n'. kInvalidInput with the reason when malformed.
Result<AdminRequest> DecodeAdminRequest(std::string_view line);
Result<AdminMessage> DecodeAdminMessage(std::string_view line);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_ADMIN_PROTOCOL_H_
