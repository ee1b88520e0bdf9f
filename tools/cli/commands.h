// The `cashmatch` commands. Each returns the process exit code of spec
// section 1: 0 success, 1 refused (one-line reason on stderr), 2 usage,
// 3 daemon or data directory unreachable.
#ifndef CASHMATCH_TOOLS_CLI_COMMANDS_H_
#define CASHMATCH_TOOLS_CLI_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

#include "service.h"

namespace cashmatch::tools {

enum ExitCode { kExitOk = 0, kExitRefused = 1, kExitUsage = 2, kExitUnreachable = 3 };

struct CliContext {
  bool json = false;  // machine-readable output on stdout
};

// Prints "cashmatch: <reason>" on stderr and returns the exit code for it.
int ReportFailure(const Status& status);

int RunStatus(Service& service, const CliContext& ctx);
int RunLoad(Service& service, const CliContext& ctx, const std::vector<std::string>& files,
            bool snapshot);
int RunCustomerShow(Service& service, const CliContext& ctx, const std::string& customer_id);
int RunInvoiceShow(Service& service, const CliContext& ctx, const std::string& invoice_id,
                   const std::string* company);
int RunFiles(Service& service, const CliContext& ctx);

// Filters of `cashmatch unapplied`; unset ones let everything through.
struct UnappliedFilter {
  std::string customer_id;
  std::optional<int64_t> min_minor, max_minor;  // payment amount, its currency's minor units
  std::optional<int32_t> older_than_days;       // value date at least this many days ago
};
int RunUnapplied(Service& service, const CliContext& ctx, const UnappliedFilter& filter);
int RunPaymentShow(Service& service, const CliContext& ctx, uint64_t payment_id);
int RunRematch(Service& service, const CliContext& ctx);
// targets: [COMPANY/]INVOICE[:AMOUNT]
int RunApply(Service& service, const CliContext& ctx, uint64_t payment_id,
             const std::vector<std::string>& targets);
int RunUnapply(Service& service, const CliContext& ctx, uint64_t payment_id);
// action: add, list or remove.
int RunAlias(Service& service, const CliContext& ctx, const std::string& action,
             const std::string& customer_id, const std::string& name, const std::string& account);
// Exit 1 when any file was rejected (the others are still ingested).
int RunIngest(Service& service, const CliContext& ctx, const std::vector<std::string>& files,
              const std::string& format);
// Writes a batch's result files again into `out_dir` (empty: the outbox).
int RunExport(Service& service, const CliContext& ctx, uint64_t batch_id, const std::string& out_dir);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_CLI_COMMANDS_H_
