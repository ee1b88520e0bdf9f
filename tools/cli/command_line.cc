#include "command_line.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <sstream>

#include "report_output.h"

namespace cashmatch::tools {
namespace {

// Every value the command line can carry, filled in by CLI11.
struct Values {
  std::string config_path, data_dir;
  bool json = false;
  std::vector<std::string> files;
  bool snapshot = false;
  std::string format;
  UnappliedQuery unapplied;
  std::string sort = "age";
  bool ascending = false, descending = false;
  uint64_t payment_id = 0;
  std::vector<std::string> targets;
  std::optional<uint64_t> batch;
  bool all = false;
  std::string customer, name, account, id, company;
  uint64_t export_batch = 0;
  std::string export_dir;
  ReportOptions report;
  bool csv = false;
  int months = 12, days = 30;
  std::string method = "both";
  DeductionQuery deductions;
  std::string deduction_id, deduction_status, deduction_note;
  bool over_limit = false, dry_run = false;  // csv: shared with the reports
  std::string as_of;
};

}  // namespace

struct CommandLine::Impl {
  std::string cwd;
  CLI::App app{"cashmatch: cash application for treasury teams (admin CLI)", "cashmatch"};
  Values v;
  // The commands; the one parsed is run.
  CLI::App *status, *load, *ingest, *unapplied, *payment_show, *rematch, *apply, *unapply;
  CLI::App *alias_add, *alias_remove, *alias_list, *customer_show, *invoice_show, *files, *export_cmd;
  CLI::App *report_aging, *report_dso, *report_behaviour, *report_performance;
  CLI::Option* company_opt = nullptr;
  CLI::Option* report_company_opt = nullptr;
  void BuildReports();
  CLI::App *deductions = nullptr, *deduction_show = nullptr, *deduction_set = nullptr;
  CLI::App *report_credit = nullptr, *remind = nullptr;
  void BuildCollections();

  std::string Absolute(const std::string& path) const {
    std::filesystem::path p(path);
    if (p.is_absolute() || path.empty()) return path;
    return (std::filesystem::path(cwd) / p).lexically_normal().string();
  }
  // A file argument: made absolute against the requester's directory, then
  // checked, so the daemon sees the operator's file whatever its own cwd.
  void FileArg(CLI::Option* o) {
    o->transform([this](std::string s) { return Absolute(s); }, "", "absolute")->check(CLI::ExistingFile);
  }
  void Build();
};

void CommandLine::Impl::Build() {
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the command: `status --json`
  FileArg(app.add_option("--config", v.config_path, "TOML configuration file"));
  app.add_option("--data-dir", v.data_dir, "data directory (default: ./cashmatch-data)")
      ->transform([this](std::string s) { return Absolute(s); }, "", "absolute");
  app.add_flag("--json", v.json, "machine-readable output on stdout");

  status = app.add_subcommand("status", "daemon up or not, inbox queue, open invoices, unapplied payments, "
                                        "last batch, throughput");

  load = app.add_subcommand("load", "load open items (customers, invoices) from CSV or JSON Lines");
  FileArg(load->add_option("files", v.files, "open-items files")->required());
  load->add_flag("--snapshot", v.snapshot, "the files are a full picture: close unlisted open invoices");

  ingest = app.add_subcommand("ingest", "ingest bank and remittance files now, as the daemon would");
  FileArg(ingest->add_option("files", v.files,
                             "bank files (BAI2, lockbox, camt, MT940/942, NACHA, X12 820, CSV, JSON Lines)")
              ->required());
  ingest->add_option("--format", v.format,
                     "read as this format instead of recognising it: bai2, lockbox, camt052, camt053, "
                     "camt054, mt940, mt942, nacha, x12_820, csv, jsonl");

  UnappliedQuery& q = v.unapplied;
  unapplied = app.add_subcommand("unapplied", "the work queue: payments left for a person, why, and the "
                                              "best suggestions");
  unapplied->add_option("--customer", q.customer_id, "only payments identified as this customer's");
  unapplied->add_option("--currency", q.currency, "only payments in this currency (ISO 4217)");
  unapplied->add_option("--min", q.min_amount, "only payments of at least this amount (e.g. 100.00)");
  unapplied->add_option("--max", q.max_amount, "only payments of at most this amount");
  unapplied->add_option("--older-than", q.older_than_days, "only payments with a value date at least DAYS ago")
      ->check(CLI::NonNegativeNumber);
  unapplied->add_option("--sort", v.sort, "order: age (default), amount or payment (id)")
      ->check(CLI::IsMember({"age", "amount", "payment"}));
  auto* asc = unapplied->add_flag("--asc", v.ascending, "youngest, smallest or lowest id first");
  unapplied->add_flag("--desc", v.descending, "oldest, largest or highest id first (default for age, amount)")
      ->excludes(asc);
  unapplied->add_option("--limit", q.limit, "show at most N payments");

  auto* payment = app.add_subcommand("payment", "payments");
  payment->require_subcommand(1);
  payment_show = payment->add_subcommand("show", "a payment, its remittance, what it was applied to and why");
  payment_show->add_option("id", v.payment_id, "payment id")->required();

  rematch = app.add_subcommand("rematch", "match the payments in the work queue again");

  apply = app.add_subcommand("apply", "apply a payment by hand; its payer is learned for next time");
  apply->add_option("payment", v.payment_id, "payment id")->required();
  apply->add_option("invoices", v.targets, "[COMPANY/]INVOICE[:AMOUNT]..., amounts in the payment's currency")
      ->required();
  unapply = app.add_subcommand("unapply", "reverse one batch's applications of a payment; the invoices reopen");
  unapply->add_option("payment", v.payment_id, "payment id")->required();
  auto* batch = unapply->add_option("--batch", v.batch, "the batch to reverse (default: the latest one still applied)");
  unapply->add_flag("--all", v.all, "reverse every application of the payment")->excludes(batch);

  auto* alias = app.add_subcommand("alias", "payer names and bank accounts that identify a customer");
  alias->require_subcommand(1);
  alias_add = alias->add_subcommand("add", "add a payer name or bank account to a customer");
  alias_add->add_option("customer", v.customer, "customer_id")->required();
  alias_add->add_option("--name", v.name, "payer name");
  alias_add->add_option("--account", v.account, "bank account: ROUTING:ACCOUNT or IBAN");
  alias_remove = alias->add_subcommand("remove", "remove a payer name or bank account");
  alias_remove->add_option("customer", v.customer, "customer_id")->required();
  alias_remove->add_option("--name", v.name, "payer name");
  alias_remove->add_option("--account", v.account, "bank account");
  alias_list = alias->add_subcommand("list", "aliases and accounts (of one customer, or all)");
  alias_list->add_option("customer", v.customer, "customer_id");

  auto* customer = app.add_subcommand("customer", "customer accounts");
  customer->require_subcommand(1);
  customer_show = customer->add_subcommand("show", "an account at a glance: open invoices, recent payments, "
                                                   "payment behaviour");
  customer_show->add_option("id", v.id, "customer_id")->required();

  auto* invoice = app.add_subcommand("invoice", "invoices and credit memos");
  invoice->require_subcommand(1);
  invoice_show = invoice->add_subcommand("show", "an invoice, its open amount and every application to it");
  invoice_show->add_option("id", v.id, "invoice_id")->required();
  company_opt = invoice_show->add_option("--company", v.company, "legal entity, when the id is in several");

  files = app.add_subcommand("files", "ingested files, their hashes, outcomes and quarantine reasons");

  export_cmd = app.add_subcommand("export", "write a batch's result files again, byte for byte as the first time");
  export_cmd->add_option("batch", v.export_batch, "batch id")->required();
  export_cmd->add_option("--out", v.export_dir, "folder to write into (default: the outbox)")
      ->transform([this](std::string s) { return Absolute(s); }, "", "absolute");
  BuildReports();
  BuildCollections();
  // New commands: add the subcommand here and its dispatch in Run().
}

void CommandLine::Impl::BuildReports() {
  auto* report = app.add_subcommand("report", "receivables reports: aging, DSO, payment behaviour, cash-application "
                                              "performance (docs/reports.md), credit exposure (docs/credit.md)");
  report->require_subcommand(1);
  const auto common = [this](CLI::App* r) {
    r->add_option("--as-of", v.report.as_of, "the day to report as of, YYYY-MM-DD (default: today, UTC)");
    r->add_option("--limit", v.report.limit, "at most N rows in the long lists (default: all; 25 on screen)");
    r->add_flag("--csv", v.csv, "CSV on stdout");
  };
  report_aging = report->add_subcommand("aging", "open receivables by customer in buckets of days past due");
  common(report_aging);
  report_aging->add_option("--customer", v.customer, "one customer");
  report_company_opt = report_aging->add_option("--company", v.company, "one legal entity");
  report_aging->add_option("--currency", v.unapplied.currency, "one currency (ISO 4217)");
  report_dso = report->add_subcommand("dso", "days sales outstanding by month, days to pay per customer");
  common(report_dso);
  report_dso->add_option("--months", v.months, "months of trend, ending with as-of's (default 12)")
      ->check(CLI::Range(1, 120));
  report_dso->add_option("--method", v.method, "countback, simple or both (default)")
      ->check(CLI::IsMember({"countback", "simple", "both"}));
  report_behaviour = report->add_subcommand("behaviour", "how each customer pays: on time, delay, short pays, "
                                                         "late discounts, channel");
  common(report_behaviour);
  report_behaviour->add_option("--months", v.months, "payments of the last N months (default 12)")
      ->check(CLI::Range(1, 120));
  report_behaviour->add_option("--customer", v.customer, "one customer");
  report_performance = report->add_subcommand("performance", "auto-match rate by day, method, format and customer; "
                                                             "unapplied cash by age");
  common(report_performance);
  report_performance->add_option("--days", v.days, "payments with a value date in the last N days (default 30)")
      ->check(CLI::Range(1, 3660));
}


void CommandLine::Impl::BuildCollections() {
  DeductionQuery& q = v.deductions;
  deductions = app.add_subcommand("deductions", "short pays left open on invoices (deductions), filtered");
  deductions->add_option("--status", q.status,
                         "only this status: open, under_review, resolved_valid, resolved_invalid, "
                         "written_off, void");
  deductions->add_option("--customer", q.customer_id, "only this customer's");
  deductions->add_option("--reason", q.reason, "only this reason code (as recorded; 'unknown' when none)");
  deductions->add_option("--currency", q.currency, "only in this currency (ISO 4217)");
  deductions->add_option("--min", q.min_amount, "only of at least this amount (e.g. 100.00)");
  deductions->add_option("--max", q.max_amount, "only of at most this amount");
  auto* deduction = app.add_subcommand("deduction", "one deduction: show it, settle it");
  deduction->require_subcommand(1);
  deduction_show = deduction->add_subcommand("show", "a deduction with its notes");
  deduction_show->add_option("id", v.deduction_id, "deduction id, BATCH-SEQ (e.g. 12-3)")->required();
  deduction_set = deduction->add_subcommand("set", "change a deduction's status and/or add a note "
                                                   "(a batch: the ERP gets it in the outbox)");
  deduction_set->add_option("id", v.deduction_id, "deduction id, BATCH-SEQ (e.g. 12-3)")->required();
  deduction_set->add_option("--status", v.deduction_status,
                            "open, under_review, resolved_valid, resolved_invalid or written_off");
  deduction_set->add_option("--note", v.deduction_note, "a note to append");

  // The `report` group is shared with the analytics reports: whoever
  // registers first creates it.
  CLI::App* report = nullptr;
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == "report") report = sub;
  }
  if (report == nullptr) {
    report = app.add_subcommand("report", "reports over the receivables");
    report->require_subcommand(1);
  }
  report_credit = report->add_subcommand("credit", "credit exposure per customer and currency against its "
                                                   "credit limit, with risk flags");
  report_credit->add_flag("--over-limit", v.over_limit, "only customers over their credit limit");
  report_credit->add_flag("--csv", v.csv, "CSV on stdout instead of a table");
  report_credit->add_option("--as-of", v.as_of, "date the days past due are counted to (default: today)");

  remind = app.add_subcommand("remind", "e-mail collections reminders per the dunning policy, each step once "
                                        "per invoice");
  remind->add_flag("--dry-run", v.dry_run, "show what would be sent; send and record nothing");
  remind->add_option("--as-of", v.as_of, "date the reminders are due as of (default: today)");
}

CommandLine::CommandLine(std::string cwd) : impl_(std::make_unique<Impl>()) {
  impl_->cwd = std::move(cwd);
  impl_->Build();
}

CommandLine::~CommandLine() = default;

std::optional<int> CommandLine::Parse(const std::vector<std::string>& args, std::string* out,
                                      std::string* err) {
  std::vector<const char*> argv{"cashmatch"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  try {
    impl_->app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    std::ostringstream o, r;
    const int code = impl_->app.exit(e, o, r);
    *out += o.str();
    *err += r.str();
    return code == 0 ? kExitOk : kExitUsage;
  }
  return std::nullopt;
}

const std::string& CommandLine::config_path() const { return impl_->v.config_path; }
const std::string& CommandLine::data_dir() const { return impl_->v.data_dir; }
bool CommandLine::json() const { return impl_->v.json; }

int CommandLine::Run(CommandEnv& env) {
  Impl& m = *impl_;
  Values& v = m.v;
  const bool json = v.json;
  if (json) env.progress = nullptr;  // progress is for a person watching, never mixed with JSON
  if (m.status->parsed()) return RunStatus(env, json);
  if (m.load->parsed()) return RunLoad(env, json, v.files, v.snapshot);
  if (m.ingest->parsed()) return RunIngest(env, json, v.files, v.format);
  if (m.unapplied->parsed()) {
    v.unapplied.sort = v.sort == "amount"   ? UnappliedQuery::Sort::kAmount
                       : v.sort == "payment" ? UnappliedQuery::Sort::kPayment
                                             : UnappliedQuery::Sort::kAge;
    // Age and amount read best largest first; ids in the order they came.
    v.unapplied.descending = v.descending || (!v.ascending && v.sort != "payment");
    return RunUnapplied(env, json, v.unapplied);
  }
  if (m.payment_show->parsed()) return RunPaymentShow(env, json, v.payment_id);
  if (m.rematch->parsed()) return RunRematch(env, json);
  if (m.apply->parsed()) return RunApply(env, json, v.payment_id, v.targets);
  if (m.unapply->parsed()) return RunUnapply(env, json, v.payment_id, v.batch, v.all);
  if (m.alias_add->parsed()) return RunAlias(env, json, "add", v.customer, v.name, v.account);
  if (m.alias_remove->parsed()) return RunAlias(env, json, "remove", v.customer, v.name, v.account);
  if (m.alias_list->parsed()) return RunAlias(env, json, "list", v.customer, "", "");
  if (m.customer_show->parsed()) return RunCustomerShow(env, json, v.id);
  if (m.invoice_show->parsed()) return RunInvoiceShow(env, json, v.id, m.company_opt->count() ? &v.company : nullptr);
  if (m.files->parsed()) return RunFiles(env, json);
  if (m.export_cmd->parsed()) return RunExport(env, json, v.export_batch, v.export_dir);
  v.report.format = v.csv ? OutputFormat::kCsv : json ? OutputFormat::kJson : OutputFormat::kText;
  if (v.csv && json) {
    Refuse(env, "--csv and --json: choose one");
    return kExitUsage;
  }
  if (m.report_aging->parsed()) {
    return RunReportAging(env, v.report, v.customer, m.report_company_opt->count() ? &v.company : nullptr,
                          v.unapplied.currency);
  }
  if (m.report_dso->parsed()) return RunReportDso(env, v.report, v.months, v.method);
  if (m.report_behaviour->parsed()) return RunReportBehaviour(env, v.report, v.months, v.customer);
  if (m.report_performance->parsed()) return RunReportPerformance(env, v.report, v.days);
  if (m.deductions->parsed()) return RunDeductions(env, json, v.deductions);
  if (m.deduction_show->parsed()) return RunDeductionShow(env, json, v.deduction_id);
  if (m.deduction_set->parsed()) {
    return RunDeductionSet(env, json, v.deduction_id, v.deduction_status, v.deduction_note);
  }
  if (m.report_credit->parsed()) return RunReportCredit(env, json, v.csv, v.over_limit, v.as_of);
  if (m.remind->parsed()) return RunRemind(env, json, v.dry_run, v.as_of);
  env.err += "cashmatch: no command\n";
  return kExitUsage;
}

int RunCommand(const std::vector<std::string>& args, CommandEnv& env) {
  CommandLine line(env.cwd);
  if (std::optional<int> code = line.Parse(args, &env.out, &env.err)) return *code;
  return line.Run(env);
}

}  // namespace cashmatch::tools
