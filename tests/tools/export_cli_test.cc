// `cashmatch export` end to end, over a generated bank day: every batch's
// files add up, and export writes them again byte for byte after manual
// work changed the queue.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli_test_util.h"
#include "outbox_test_util.h"

namespace cashmatch {
namespace {

// The first waiting payment (an unapplied row) with an open invoice
// suggested: not one flagged as paying an invoice already paid, whose
// suggestion is that closed invoice. Empty when there is none.
const std::vector<std::string>& Suggestible(const testing::CsvRows& work) {
  static const std::vector<std::string> kNone;
  if (work.empty()) return kNone;
  const auto column = std::find(work[0].begin(), work[0].end(), "duplicate") - work[0].begin();
  for (size_t row = 1; row < work.size(); ++row) {
    if (static_cast<size_t>(column) < work[row].size() && work[row][column] != "true" && !work[row][10].empty()) {
      return work[row];
    }
  }
  return kNone;
}

using testing::CsvRows;
using testing::ListDir;
using testing::ParseCsv;
using testing::RunProgram;
using testing::RunResult;
using testing::Slurp;
using testing::TempDir;

class ExportCliTest : public ::testing::Test {
 protected:
  RunResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {CASHMATCH_CLI_PATH, "--data-dir", data_});
    return RunProgram(args, dir_.path());
  }
  TempDir dir_;
  const std::string data_ = dir_.path() + "/data";
  const std::string outbox_ = data_ + "/outbox";
};

// Sum of one column over the rows (minor units of a two-decimal currency).
int64_t SumCents(const CsvRows& rows, size_t col, size_t currency_col, const std::string& currency) {
  int64_t sum = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i][currency_col] != currency) continue;
    const std::string& v = rows[i][col];
    const size_t dot = v.find('.');
    const bool neg = v[0] == '-';
    const int64_t units = std::stoll(v.substr(neg, dot - neg));
    const int64_t cents = units * 100 + std::stoll(v.substr(dot + 1));
    sum += neg ? -cents : cents;
  }
  return sum;
}

std::string Cents(int64_t c) {
  const std::string sign = c < 0 ? "-" : "";
  c = c < 0 ? -c : c;
  const std::string frac = std::to_string(c % 100);
  return sign + std::to_string(c / 100) + "." + (frac.size() == 1 ? "0" : "") + frac;
}

TEST_F(ExportCliTest, GeneratedDayFilesAddUpAndExportAgainIdentically) {
  const std::string gen = dir_.path() + "/gen";
  RunResult g = RunProgram({CASHMATCH_GEN_PATH, "day", "--out", gen, "--customers", "200",
                            "--invoices", "2000", "--payments", "1000", "--per-file", "250",
                            "--formats", "bai2,lockbox,csv,nacha"},
                           dir_.path());
  ASSERT_EQ(g.exit_code, 0) << g.err;
  ASSERT_EQ(Cli({"load", gen + "/customers.csv", gen + "/invoices.csv"}).exit_code, 0);
  std::vector<std::string> ingest = {"ingest"};
  for (const std::string& f : ListDir(gen + "/inbox")) ingest.push_back(gen + "/inbox/" + f);
  RunResult in = Cli(ingest);
  ASSERT_EQ(in.exit_code, 0) << in.err;

  // Every batch has its five files, and its summary's USD sums are its rows'.
  std::map<std::string, std::string> first;
  std::string a_batch_with_work;
  int checked = 0;
  for (const std::string& name : ListDir(outbox_)) {
    ASSERT_NE(name[0], '.') << name;  // no temp file left
    first[name] = Slurp(outbox_ + "/" + name);
    if (!name.ends_with(".summary.json")) continue;
    const std::string batch = name.substr(0, name.find('.'));
    CsvRows apps, work;
    ASSERT_TRUE(ParseCsv(Slurp(outbox_ + "/" + batch + ".applications.csv"), &apps));
    ASSERT_TRUE(ParseCsv(Slurp(outbox_ + "/" + batch + ".unapplied.csv"), &work));
    if (a_batch_with_work.empty() && !Suggestible(work).empty()) a_batch_with_work = batch;
    const std::string& summary = first[name];
    if (summary.find("\"USD\"") == std::string::npos) continue;
    CsvRows on_invoice = {apps[0]}, on_account = {apps[0]};
    for (size_t i = 1; i < apps.size(); ++i) (apps[i][6].empty() ? on_account : on_invoice).push_back(apps[i]);
    const std::string expected =
        "\"applied\":\"" + Cents(SumCents(on_invoice, 8, 7, "USD")) + "\",\"discount\":\"" +
        Cents(SumCents(apps, 9, 7, "USD")) + "\",\"writeoff\":\"" + Cents(SumCents(apps, 10, 7, "USD")) +
        "\",\"on_account\":\"" + Cents(SumCents(on_account, 8, 7, "USD")) + "\",\"unapplied\":\"" +
        Cents(SumCents(work, 6, 5, "USD")) + "\"";
    EXPECT_NE(summary.find(expected), std::string::npos) << expected << "\n" << summary;
    ++checked;
  }
  EXPECT_GE(checked, 3);
  ASSERT_FALSE(a_batch_with_work.empty());
  EXPECT_EQ(first.size() % 5, 0u);

  // An operator applies one waiting payment; its batch's files stay as they were.
  CsvRows work;
  ASSERT_TRUE(ParseCsv(first[a_batch_with_work + ".unapplied.csv"], &work));
  const std::vector<std::string>& waiting = Suggestible(work);
  const std::string payment = waiting[1];
  const std::string suggestion = waiting[10].substr(0, waiting[10].find(':'));
  ASSERT_FALSE(suggestion.empty()) << waiting[10];
  RunResult applied = Cli({"apply", payment, suggestion});
  EXPECT_EQ(applied.exit_code, 0) << applied.err;
  ASSERT_EQ(Cli({"rematch"}).exit_code, 0);
  const std::string out = dir_.path() + "/again";
  const uint64_t batch_id = std::stoull(a_batch_with_work);
  RunResult ex = Cli({"export", std::to_string(batch_id), "--out", out, "--json"});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_NE(ex.out.find("\"batch_id\":" + std::to_string(batch_id)), std::string::npos) << ex.out;
  EXPECT_NE(ex.out.find(out + "/" + a_batch_with_work + ".summary.json"), std::string::npos);
  for (const char* s : {".applications.csv", ".applications.jsonl", ".unapplied.csv",
                        ".unapplied.jsonl", ".summary.json"}) {
    EXPECT_EQ(Slurp(out + "/" + a_batch_with_work + s), first[a_batch_with_work + s]) << s;
  }
  // Into the outbox by default; loads and unknown batches are refused.
  std::filesystem::remove(outbox_ + "/" + a_batch_with_work + ".summary.json");
  ASSERT_EQ(Cli({"export", std::to_string(batch_id)}).exit_code, 0);
  EXPECT_EQ(Slurp(outbox_ + "/" + a_batch_with_work + ".summary.json"),
            first[a_batch_with_work + ".summary.json"]);
  RunResult load = Cli({"export", "1"});
  EXPECT_EQ(load.exit_code, 1);
  EXPECT_NE(load.err.find("load"), std::string::npos) << load.err;
  EXPECT_EQ(Cli({"export", "999999"}).exit_code, 1);
  EXPECT_EQ(Cli({"export"}).exit_code, 2);
}

}  // namespace
}  // namespace cashmatch
