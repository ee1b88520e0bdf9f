// The evaluator's output: a table for people, JSON for machines, and the
// examples (wrong applications, missed payments) for debugging the matcher.
#ifndef CASHMATCH_TOOLS_EVAL_REPORT_H_
#define CASHMATCH_TOOLS_EVAL_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "run.h"
#include "score.h"

namespace cashmatch::eval {

// The goals on the default mix; the thresholds a caller checks.
struct Goals {
  double min_precision = 0.999;  // of auto-applied payments
  double min_auto = 0.95;        // auto-applied of the payments with an answer
  double min_recall = 0.99;      // top-3 recall of those left unapplied
};

// The headline ratios of a score.
struct Headline {
  double precision = 0;       // payments applied correctly / applied
  double row_precision = 0;   // application rows correct / rows
  double auto_rate = 0;       // has_answer applied / has_answer
  double correct_rate = 0;    // has_answer applied correctly / has_answer
  double recall = 0;          // top-3 recall of has_answer left unapplied
};
Headline Headlines(const Score& score);

// Which goals the score misses, in words ("precision 99.81 % < 99.90 %");
// empty when every goal is met.
std::vector<std::string> MissedGoals(const Score& score, const Goals& goals);

// A description of the run (sizes, seeds, times), for the report's head.
struct RunInfo {
  std::string source;  // "generated: ..." or the day's folder
  const RunResult* run = nullptr;
};

std::string FormatTable(const Score& score, const RunInfo& info, const Goals& goals);
std::string FormatJson(const Score& score, const RunInfo& info, const Goals& goals);

// Up to `n` examples, each a few lines: the payment, the truth, what was
// done (applications with evidence, or reason and suggestions).
std::string FormatExamples(const std::vector<Example>& examples, size_t n, const std::string& title);

}  // namespace cashmatch::eval

#endif  // CASHMATCH_TOOLS_EVAL_REPORT_H_
