// Scoring the engine's outcomes against the generated day's truth.
//
// Definitions (docs/quality.md explains the choices):
// - A payment auto-applied is correct when its applications, netted per
//   invoice, are exactly the truth's: the same set of (company, invoice)
//   with the same applied, discount and write-off amounts, and the same
//   remainder on account. Any application to a payment whose truth has no
//   answer (duplicate, noise, ambiguous, no unique answer) is wrong.
// - An application row is correct when the truth has that invoice with
//   those amounts (per-application precision).
// - Auto-match rate: payments auto-applied among those with an answer
//   (and, separately, those applied correctly).
// - Top-3 recall, for payments with an answer left unapplied: the first
//   three suggestions hold every invoice of the truth, or, when the truth
//   names more than three, three of them. The same is measured for the
//   payments without a unique answer whose truth names the right
//   suggestion (ambiguous, no unique answer).
// Pure functions: no I/O, deterministic.
#ifndef CASHMATCH_TOOLS_EVAL_SCORE_H_
#define CASHMATCH_TOOLS_EVAL_SCORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "outcome.h"
#include "truth.h"

namespace cashmatch::eval {

// Counts for one slice of the day (everything, a scenario, a format).
struct Counts {
  uint64_t payments = 0;
  uint64_t has_answer = 0;
  uint64_t missing = 0;          // truth rows with no stored payment (an ingest failure)
  uint64_t applied = 0;          // auto-applied (any truth)
  uint64_t applied_correct = 0;
  uint64_t applied_wrong = 0;    // applied but not the truth (incl. no-answer payments)
  uint64_t applied_no_answer = 0;  // of the wrong: the truth says apply nothing
  uint64_t answer_applied = 0;   // has_answer and applied (any)
  uint64_t answer_correct = 0;   // has_answer and applied correctly
  uint64_t unapplied = 0;        // left to a person (work queue, duplicates included)
  uint64_t duplicate_flags = 0;  // of those, flagged as duplicates
  uint64_t not_matched = 0;      // neither applied nor in the work queue
  uint64_t recall_pool = 0;      // has_answer, not applied
  uint64_t recall_hits = 0;      // ... with the truth in the top 3 suggestions
  uint64_t rows = 0;             // application rows to invoices, of applied payments
  uint64_t rows_correct = 0;

  void Add(const Counts& o);
};

// One payment the evaluator lists for debugging: a wrong application or a
// payment with an answer left unapplied.
struct Example {
  const TruthRow* truth = nullptr;
  const PaymentOutcome* outcome = nullptr;  // null when missing
};

struct Score {
  Counts total;
  std::map<std::string, Counts> by_scenario;
  std::map<std::string, Counts> by_format;
  // Payments without a unique answer whose truth names the right
  // suggestion (ambiguous, no unique answer): the right one in the top 3.
  uint64_t no_answer_suggest_pool = 0;
  uint64_t no_answer_suggest_hits = 0;
  // The duplicate scenario: payments, flagged as duplicates naming the
  // invoice paid again, and otherwise left unapplied.
  uint64_t duplicates = 0;
  uint64_t duplicates_flagged = 0;
  uint64_t duplicates_flagged_right_invoice = 0;
  // Flags on payments that are not duplicates.
  uint64_t false_duplicate_flags = 0;
  // Stored payments no truth row names (returns, batch sums, noise of the
  // files themselves).
  uint64_t unexpected_payments = 0;
  std::vector<Example> wrong;   // every wrong application, in truth order
  std::vector<Example> missed;  // has_answer, not applied, in truth order
  std::vector<Example> not_recalled;  // of the missed: truth not in the top 3
};

// Scores `outcomes` against `truth`. The Score points into both: keep them
// alive while it is used.
Score ScoreDay(const std::vector<TruthRow>& truth, const OutcomeMap& outcomes);

// Whether the outcome's net applications are exactly the truth's.
bool AppliedCorrectly(const TruthRow& truth, const PaymentOutcome& outcome);

// Whether the first three suggestions hold the truth's invoices (all of
// them, or three when the truth has more).
bool RecalledInTop3(const TruthRow& truth, const PaymentOutcome& outcome);

// Ratios for reports; 0 when the denominator is 0.
double Ratio(uint64_t num, uint64_t den);

}  // namespace cashmatch::eval

#endif  // CASHMATCH_TOOLS_EVAL_SCORE_H_
