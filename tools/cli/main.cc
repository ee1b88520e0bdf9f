// cashmatch: the operator's CLI. Works directly on a data directory when no
// daemon holds it; see `cashmatch --help`.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"
#include "config.h"
#include "service.h"

using namespace cashmatch;
using namespace cashmatch::tools;

int main(int argc, char** argv) {
  CLI::App app{"cashmatch: cash application for treasury teams (admin CLI)"};
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the command: `status --json`
  std::string config_path, data_dir;
  CliContext ctx;
  app.add_option("--config", config_path, "TOML configuration file")->check(CLI::ExistingFile);
  app.add_option("--data-dir", data_dir, "data directory (default: ./cashmatch-data)");
  app.add_flag("--json", ctx.json, "machine-readable output");

  auto* status = app.add_subcommand("status", "open invoices, unapplied payments, last batch");

  std::vector<std::string> load_files;
  bool snapshot = false;
  auto* load = app.add_subcommand("load", "load open items (customers, invoices) from CSV or JSON Lines");
  load->add_option("files", load_files, "open-items files")->required()->check(CLI::ExistingFile);
  load->add_flag("--snapshot", snapshot, "the files are a full picture: close unlisted open invoices");

  std::vector<std::string> ingest_files;
  std::string ingest_format;
  auto* ingest = app.add_subcommand("ingest", "ingest bank and remittance files now, as the daemon would");
  ingest->add_option("files", ingest_files, "bank files (BAI2, lockbox, camt, MT940/942, NACHA, X12 820, CSV, JSON Lines)")
      ->required()
      ->check(CLI::ExistingFile);
  ingest->add_option("--format", ingest_format,
                     "read as this format instead of recognising it: bai2, lockbox, camt052, camt053, "
                     "camt054, mt940, mt942, nacha, x12_820, csv, jsonl");

  UnappliedFilter unapplied_filter;
  std::string min_amount, max_amount;
  auto* unapplied = app.add_subcommand("unapplied", "the work queue: payments left for a person, and why");
  unapplied->add_option("--customer", unapplied_filter.customer_id, "only this identified customer");
  unapplied->add_option("--min", min_amount, "only payments of at least this amount (e.g. 100.00)");
  unapplied->add_option("--max", max_amount, "only payments of at most this amount");
  auto* older = unapplied->add_option("--older-than", unapplied_filter.older_than_days,
                                      "only payments with a value date at least this many days ago");
  (void)older;

  uint64_t payment_id = 0;
  auto* payment = app.add_subcommand("payment", "payments");
  payment->require_subcommand(1);
  auto* payment_show = payment->add_subcommand("show", "a payment, its remittance, what it was applied to and why");
  payment_show->add_option("id", payment_id, "payment id")->required();

  auto* rematch = app.add_subcommand("rematch", "match the payments in the work queue again");

  std::vector<std::string> apply_targets;
  auto* apply = app.add_subcommand("apply", "apply a payment by hand; its payer is learned for next time");
  apply->add_option("payment", payment_id, "payment id")->required();
  apply->add_option("invoices", apply_targets, "[COMPANY/]INVOICE[:AMOUNT]...")->required();
  auto* unapply = app.add_subcommand("unapply", "reverse what was applied to a payment; the invoices reopen");
  unapply->add_option("payment", payment_id, "payment id")->required();

  std::string alias_customer, alias_name, alias_account;
  auto* alias = app.add_subcommand("alias", "payer names and bank accounts that identify a customer");
  alias->require_subcommand(1);
  auto* alias_add = alias->add_subcommand("add", "add a payer name or bank account to a customer");
  alias_add->add_option("customer", alias_customer, "customer_id")->required();
  alias_add->add_option("--name", alias_name, "payer name");
  alias_add->add_option("--account", alias_account, "bank account: ROUTING:ACCOUNT or IBAN");
  auto* alias_remove = alias->add_subcommand("remove", "remove a payer name or bank account");
  alias_remove->add_option("customer", alias_customer, "customer_id")->required();
  alias_remove->add_option("--name", alias_name, "payer name");
  alias_remove->add_option("--account", alias_account, "bank account");
  auto* alias_list = alias->add_subcommand("list", "aliases and accounts (of one customer, or all)");
  alias_list->add_option("customer", alias_customer, "customer_id");

  std::string show_id, company;
  auto* customer = app.add_subcommand("customer", "customer accounts");
  customer->require_subcommand(1);
  auto* customer_show = customer->add_subcommand("show", "an account at a glance");
  customer_show->add_option("id", show_id, "customer_id")->required();

  auto* invoice = app.add_subcommand("invoice", "invoices and credit memos");
  invoice->require_subcommand(1);
  auto* invoice_show = invoice->add_subcommand("show", "an invoice, its open amount and applications");
  invoice_show->add_option("id", show_id, "invoice_id")->required();
  auto* company_opt = invoice_show->add_option("--company", company, "legal entity, when the id is in several");

  auto* files = app.add_subcommand("files", "ingested files, their hashes and outcomes");

  uint64_t export_batch = 0;
  std::string export_dir;
  auto* export_cmd = app.add_subcommand("export", "write a batch's result files again, as the first time");
  export_cmd->add_option("batch", export_batch, "batch id")->required();
  export_cmd->add_option("--out", export_dir, "folder to write into (default: the outbox)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  auto config = LoadConfig(config_path, data_dir);
  if (!config.ok()) {
    std::fprintf(stderr, "cashmatch: %s\n", config.status().ToString().c_str());
    return kExitUsage;
  }
  auto service = Service::Open(*config);
  if (!service.ok()) {
    std::fprintf(stderr, "cashmatch: %s\n", service.status().ToString().c_str());
    return kExitUnreachable;
  }
  Service& s = **service;
  if (status->parsed()) return RunStatus(s, ctx);
  if (load->parsed()) return RunLoad(s, ctx, load_files, snapshot);
  if (ingest->parsed()) return RunIngest(s, ctx, ingest_files, ingest_format);
  if (unapplied->parsed()) {
    // Amounts are compared in minor units of two-decimal currencies, the
    // common case; exact text, never floating point.
    for (auto [text, target] : {std::pair{&min_amount, &unapplied_filter.min_minor},
                                std::pair{&max_amount, &unapplied_filter.max_minor}}) {
      if (text->empty()) continue;
      Result<int64_t> minor = ParseMinorUnits(*text, 2);
      if (!minor.ok()) {
        std::fprintf(stderr, "cashmatch: amount '%s': %s\n", text->c_str(),
                     std::string(minor.status().reason()).c_str());
        return kExitUsage;
      }
      *target = *minor;
    }
    return RunUnapplied(s, ctx, unapplied_filter);
  }
  if (payment_show->parsed()) return RunPaymentShow(s, ctx, payment_id);
  if (rematch->parsed()) return RunRematch(s, ctx);
  if (apply->parsed()) return RunApply(s, ctx, payment_id, apply_targets);
  if (unapply->parsed()) return RunUnapply(s, ctx, payment_id);
  if (alias_add->parsed()) return RunAlias(s, ctx, "add", alias_customer, alias_name, alias_account);
  if (alias_remove->parsed()) return RunAlias(s, ctx, "remove", alias_customer, alias_name, alias_account);
  if (alias_list->parsed()) return RunAlias(s, ctx, "list", alias_customer, "", "");
  if (customer_show->parsed()) return RunCustomerShow(s, ctx, show_id);
  if (invoice_show->parsed()) return RunInvoiceShow(s, ctx, show_id, company_opt->count() ? &company : nullptr);
  if (files->parsed()) return RunFiles(s, ctx);
  if (export_cmd->parsed()) return RunExport(s, ctx, export_batch, export_dir);
  return kExitUsage;
}
