// cashmatch-eval: runs the engine on a generated bank day and scores it
// against the day's ground truth (docs/quality.md).
//
//   cashmatch-eval [DAY_DIR] [--customers N --invoices N --companies N --seed S
//                  --payments N --day-seed S --mix ... --formats ... --per-file N]
//                  [--config FILE] [--threads N] [--work-dir DIR] [--keep] [--no-day-accounts]
//                  [--json] [--show-wrong N] [--show-missed N] [--show-not-recalled N]
//                  [--min-precision PCT] [--min-auto PCT] [--min-recall PCT]
//
// With DAY_DIR (what `cashmatch-gen day --out DAY_DIR` wrote) the day is
// read from there; without, one is generated first from the knobs. Exit
// code 0; 1 when a --min-* threshold given is missed; 2 for bad usage or a
// failed run.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <optional>

#include "cashmatch/date.h"
#include "config.h"
#include "report.h"
#include "run.h"
#include "score.h"

namespace {

using namespace cashmatch;

int Fail(const std::string& what) {
  std::fprintf(stderr, "cashmatch-eval: %s\n", what.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cashmatch-eval: score the matcher on a generated bank day"};
  eval::RunOptions run;
  run.ledger.customers = 10'000;
  run.ledger.invoices = 100'000;
  run.ledger.companies = 4;
  run.day.payments = 10'000;
  std::string config_path, mix, formats;
  std::optional<uint32_t> threads;
  bool json = false;
  size_t show_wrong = 0, show_missed = 0, show_not_recalled = 0;
  std::optional<double> min_precision, min_auto, min_recall;
  app.add_option("day_dir", run.day_dir, "a day cashmatch-gen wrote (default: generate one)");
  app.add_option("--customers", run.ledger.customers, "customers (generating)")->capture_default_str();
  app.add_option("--invoices", run.ledger.invoices, "invoices and credit memos (generating)")->capture_default_str();
  app.add_option("--companies", run.ledger.companies, "legal entities (generating)")->capture_default_str();
  app.add_option("--seed", run.ledger.seed, "open items' seed (generating)")->capture_default_str();
  app.add_option("--payments", run.day.payments, "payments in the day (generating)")->capture_default_str();
  app.add_option("--day-seed", run.day.seed, "the day's seed (generating)")->capture_default_str();
  app.add_option("--mix", mix, "scenario mix, as cashmatch-gen day takes it");
  app.add_option("--formats", formats, "format mix, as cashmatch-gen day takes it");
  app.add_option("--per-file", run.day.payments_per_file, "payments per bank file")->capture_default_str();
  app.add_option("--config", config_path, "cashmatch config (TOML): [matching], [engine] threads");
  app.add_option("--threads", threads, "matcher threads (default: the config's, 0 = one per core)");
  app.add_option("--work-dir", run.work_dir, "where the day and the store go (default: a temporary folder)");
  app.add_flag("--keep", run.keep, "keep the temporary folder");
  bool no_day_accounts = false;
  app.add_flag("--no-day-accounts", no_day_accounts,
               "ignore the day's cashmatch.toml: match without knowing which entity each account is");
  app.add_flag("--json", json, "print the report as JSON");
  app.add_option("--show-wrong", show_wrong, "list the first N wrong applications");
  app.add_option("--show-missed", show_missed, "list the first N payments with an answer left unapplied");
  app.add_option("--show-not-recalled", show_not_recalled,
                 "list the first N left unapplied without the answer in the top 3");
  app.add_option("--min-precision", min_precision, "exit 1 below this precision (percent)");
  app.add_option("--min-auto", min_auto, "exit 1 below this auto-match rate (percent)");
  app.add_option("--min-recall", min_recall, "exit 1 below this top-3 recall (percent)");
  CLI11_PARSE(app, argc, argv);

  if (!mix.empty()) {
    Result<gen::ScenarioMix> parsed = gen::ParseScenarioMix(mix);
    if (!parsed.ok()) return Fail("--mix: " + parsed.status().ToString());
    run.day.mix = *parsed;
  }
  if (!formats.empty()) {
    Result<gen::FormatMix> parsed = gen::ParseFormatMix(formats);
    if (!parsed.ok()) return Fail("--formats: " + parsed.status().ToString());
    run.day.formats = *parsed;
  }
  Result<tools::Config> config = tools::LoadConfig(config_path, "");
  if (!config.ok()) return Fail(config.status().ToString());
  run.config = *config;
  if (threads) {
    run.config.threads = *threads;
    run.config.match.threads = *threads;
  }

  run.use_day_accounts = !no_day_accounts;
  Result<eval::RunResult> result = eval::RunDay(run);
  if (!result.ok()) return Fail(result.status().ToString());
  const eval::Score score = eval::ScoreDay(result->truth, result->outcomes);

  eval::RunInfo info;
  info.run = &*result;
  if (run.day_dir.empty()) {
    info.source = "generated: " + std::to_string(run.day.payments) + " payments, " +
                  std::to_string(run.ledger.invoices) + " invoices, " + std::to_string(run.ledger.customers) +
                  " customers, " + std::to_string(run.ledger.companies) + " companies, seed " +
                  std::to_string(run.ledger.seed) + ", day seed " + std::to_string(run.day.seed) +
                  (mix.empty() ? "" : ", mix " + mix);
  } else {
    info.source = run.day_dir;
  }
  if (no_day_accounts) info.source += "; receiving accounts not mapped to entities";
  if (!result->work_dir.empty()) info.source += " (kept in " + result->work_dir + ")";
  eval::Goals goals;  // the issue's, for the report
  const std::string body = json ? eval::FormatJson(score, info, goals) : eval::FormatTable(score, info, goals);
  std::fputs(body.c_str(), stdout);
  std::string examples = eval::FormatExamples(score.wrong, show_wrong, "wrong applications");
  examples += eval::FormatExamples(score.missed, show_missed, "payments with an answer left unapplied");
  examples += eval::FormatExamples(score.not_recalled, show_not_recalled, "left unapplied, answer not in the top 3");
  if (!examples.empty()) std::fputs(("\n" + examples).c_str(), json ? stderr : stdout);

  // Only the thresholds given decide the exit code.
  eval::Goals asked{min_precision.value_or(0) / 100, min_auto.value_or(0) / 100, min_recall.value_or(0) / 100};
  if (!min_precision && !min_auto && !min_recall) return 0;
  const std::vector<std::string> missed = eval::MissedGoals(score, asked);
  if (missed.empty()) return 0;
  for (const std::string& m : missed) std::fprintf(stderr, "cashmatch-eval: goal missed: %s\n", m.c_str());
  return 1;
}
