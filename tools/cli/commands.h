// The `cashmatch` commands. Each returns the process exit code of spec
// section 1: 0 success, 1 refused (one-line reason on stderr), 2 usage,
// 3 daemon or data directory unreachable. Commands never print: they append
// to the CommandEnv's out and err buffers, so the same code serves the CLI
// process (direct mode) and the daemon's admin socket.
#ifndef CASHMATCH_TOOLS_CLI_COMMANDS_H_
#define CASHMATCH_TOOLS_CLI_COMMANDS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service.h"

namespace cashmatch::tools {

enum ExitCode { kExitOk = 0, kExitRefused = 1, kExitUsage = 2, kExitUnreachable = 3 };

// Where a command runs and where its output goes. Not thread-safe: one
// CommandEnv per command being run.
struct CommandEnv {
  Service* service = nullptr;  // the open data directory; required to run a command
  std::string cwd;             // relative file arguments resolve against it; empty: the process's
  bool via_daemon = false;     // answered through the daemon's socket (status says so)
  // Progress lines of long operations (load, ingest, rematch), each a whole
  // line without "\r" or "\n"; empty when nobody watches (stderr is not a
  // terminal, or --json). Called from the thread running the command.
  std::function<void(std::string_view line)> progress;
  std::string out;  // what the command writes to stdout
  std::string err;  // what it writes to stderr
};

// Appends printf-formatted text to `out`.
void Appendf(std::string* out, const char* format, ...) __attribute__((format(printf, 2, 3)));

// Writes "cashmatch: <reason>" (one line) to env.err and returns the exit
// code for it: 3 for a store that cannot be reached or read, else 1.
int ReportFailure(CommandEnv& env, const Status& status);
// Writes "cashmatch: <reason>" to env.err and returns kExitRefused.
int Refuse(CommandEnv& env, const std::string& reason);

int RunStatus(CommandEnv& env, bool json);
int RunLoad(CommandEnv& env, bool json, const std::vector<std::string>& files, bool snapshot);
int RunCustomerShow(CommandEnv& env, bool json, const std::string& customer_id);
int RunInvoiceShow(CommandEnv& env, bool json, const std::string& invoice_id, const std::string* company);
int RunFiles(CommandEnv& env, bool json);
// `export BATCH [--out DIR]`: out_dir empty means the outbox.
int RunExport(CommandEnv& env, bool json, uint64_t batch_id, const std::string& out_dir);

// Filters and order of `cashmatch unapplied`; unset filters let everything
// through.
struct UnappliedQuery {
  std::string customer_id;
  std::string currency;             // ISO code; empty: every currency
  std::string min_amount, max_amount;  // decimal text, compared exactly
  std::optional<int32_t> older_than_days;  // value date at least this many days ago
  enum class Sort { kAge, kAmount, kPayment } sort = Sort::kAge;
  bool descending = true;  // oldest or largest first
  std::optional<uint64_t> limit;
};
int RunUnapplied(CommandEnv& env, bool json, const UnappliedQuery& query);
int RunPaymentShow(CommandEnv& env, bool json, uint64_t payment_id);
int RunRematch(CommandEnv& env, bool json);
// targets: [COMPANY/]INVOICE[:AMOUNT]
int RunApply(CommandEnv& env, bool json, uint64_t payment_id, const std::vector<std::string>& targets);
// batch: the batch whose applications to reverse (default the latest one
// still standing); all: every application of the payment.
int RunUnapply(CommandEnv& env, bool json, uint64_t payment_id, std::optional<uint64_t> batch, bool all);
// action: add, list or remove.
int RunAlias(CommandEnv& env, bool json, const std::string& action, const std::string& customer_id,
             const std::string& name, const std::string& account);
// Filters of `cashmatch deductions`; unset ones let everything through.
struct DeductionQuery {
  std::string status;       // a DeductionStatusName
  std::string customer_id;
  std::string reason;       // exactly as recorded
  std::string currency;     // ISO code
  std::string min_amount, max_amount;  // decimal text, compared exactly
};
int RunDeductions(CommandEnv& env, bool json, const DeductionQuery& query);
// id: BATCH-SEQ.
int RunDeductionShow(CommandEnv& env, bool json, const std::string& id);
// status empty: unchanged (then a note is required).
int RunDeductionSet(CommandEnv& env, bool json, const std::string& id, const std::string& status,
                    const std::string& note);
// `report credit`: csv writes CSV instead of a table (json wins over it);
// as_of: YYYY-MM-DD, empty for today.
int RunReportCredit(CommandEnv& env, bool json, bool csv, bool over_limit_only, const std::string& as_of);
// `remind`: exit 1 when any e-mail could not be sent (the others are).
int RunRemind(CommandEnv& env, bool json, bool dry_run, const std::string& as_of);

// Exit 1 when any file was rejected (the others are still ingested).
int RunIngest(CommandEnv& env, bool json, const std::vector<std::string>& files, const std::string& format);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_COMMANDS_H_
