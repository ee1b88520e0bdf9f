// The generated day's ground truth (truth.jsonl, docs/generator.md) read
// back for scoring. Only the fields the evaluator needs are kept.
#ifndef CASHMATCH_TOOLS_EVAL_TRUTH_H_
#define CASHMATCH_TOOLS_EVAL_TRUTH_H_

#include <string>
#include <vector>

#include "cashmatch/money.h"
#include "cashmatch/status.h"

namespace cashmatch::eval {

// What a perfect engine applies to one invoice (amounts in minor units of
// the payment's currency; a credit memo's applied amount is negative).
struct TruthApplication {
  std::string company;
  std::string invoice_id;
  int64_t applied = 0;
  int64_t discount = 0;
  int64_t writeoff = 0;
  int64_t deduction = 0;  // stays open on the invoice: never applied
};

// One line of truth.jsonl.
struct TruthRow {
  uint64_t seq = 0;
  std::string format;       // the format mix's category ("x12_820": money in `file`)
  std::string file;         // the join key, with source_ref
  std::string source_ref;
  std::string scenario;
  std::string customer_id;
  Currency currency;
  int64_t amount = 0;
  bool has_answer = false;
  std::vector<TruthApplication> applications;
  int64_t on_account = 0;
  std::string note;         // "", "ambiguous", "no unique answer", "duplicate", "noise"
  std::string variant;
  std::string duplicate_company;
  std::string duplicate_invoice;
};

// Reads every line of `path`. kInvalidInput naming the line and field when
// a line is not a truth object; kIoError when the file cannot be read.
Result<std::vector<TruthRow>> ReadTruthFile(const std::string& path);

// One line's object (for tests and for ReadTruthFile).
Result<TruthRow> ParseTruthLine(std::string_view line);

}  // namespace cashmatch::eval

#endif  // CASHMATCH_TOOLS_EVAL_TRUTH_H_
