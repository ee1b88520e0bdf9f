// The `cashmatch` command line: one CLI11 definition of every command and
// option, used by the CLI process and by the daemon's admin socket alike.
#ifndef CASHMATCH_TOOLS_CLI_COMMAND_LINE_H_
#define CASHMATCH_TOOLS_CLI_COMMAND_LINE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"

namespace cashmatch::tools {

// One parse of one command line. Not thread-safe; cheap to build, so each
// request gets its own.
class CommandLine {
 public:
  // Relative file arguments are made absolute against `cwd` (absolute
  // itself) before they are checked and used.
  explicit CommandLine(std::string cwd);
  ~CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  // Parses `args` (without the program name). nullopt: a command to Run.
  // Otherwise the exit code, with what to show in out (--help: 0) or err
  // (a usage error: 2).
  std::optional<int> Parse(const std::vector<std::string>& args, std::string* out, std::string* err);

  // After a successful Parse: the global options that choose the data
  // directory (made absolute), and whether output is JSON.
  const std::string& config_path() const;
  const std::string& data_dir() const;
  bool json() const;

  // Runs the parsed command on env.service.
  int Run(CommandEnv& env);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parse and Run in one: what the admin socket does with a request.
// env.cwd must be absolute.
int RunCommand(const std::vector<std::string>& args, CommandEnv& env);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_COMMAND_LINE_H_
