#include "truth.h"

#include <simdjson.h>

#include <fstream>
#include <sstream>

namespace cashmatch::eval {
namespace {

Status Bad(uint64_t line, std::string field, std::string reason) {
  SourceLocation where;
  where.file = "truth.jsonl";
  where.line = line;
  where.field = std::move(field);
  return Status::InvalidInput(std::move(reason), std::move(where));
}

// The string field `key` of `obj`, or "" when absent.
std::string Str(simdjson::dom::object obj, std::string_view key) {
  std::string_view v;
  if (obj[key].get(v) != simdjson::SUCCESS) return {};
  return std::string(v);
}

// A decimal amount of `currency`; absent reads as 0.
Result<int64_t> Amount(simdjson::dom::object obj, std::string_view key, Currency currency,
                       uint64_t line) {
  std::string_view v;
  if (obj[key].get(v) != simdjson::SUCCESS) return int64_t{0};
  Result<int64_t> m = ParseMinorUnits(v, currency.exponent());
  if (!m.ok()) return Bad(line, std::string(key), std::string(m.status().reason()));
  return m;
}

Result<TruthRow> Parse(simdjson::dom::parser& parser, std::string_view text, uint64_t line) {
  simdjson::dom::object obj;
  if (parser.parse(text.data(), text.size()).get(obj) != simdjson::SUCCESS) {
    return Bad(line, "", "not a JSON object");
  }
  TruthRow row;
  uint64_t seq = 0;
  if (obj["seq"].get(seq) != simdjson::SUCCESS) return Bad(line, "seq", "missing");
  row.seq = seq;
  row.format = Str(obj, "format");
  row.file = Str(obj, "file");
  row.source_ref = Str(obj, "source_ref");
  row.scenario = Str(obj, "scenario");
  row.customer_id = Str(obj, "customer_id");
  row.note = Str(obj, "note");
  row.variant = Str(obj, "variant");
  const std::optional<Currency> cur = Currency::FromCode(Str(obj, "currency"));
  if (!cur) return Bad(line, "currency", "not an ISO 4217 code");
  row.currency = *cur;
  Result<int64_t> amount = Amount(obj, "amount", row.currency, line);
  if (!amount.ok()) return amount.status();
  row.amount = *amount;
  Result<int64_t> on_account = Amount(obj, "on_account", row.currency, line);
  if (!on_account.ok()) return on_account.status();
  row.on_account = *on_account;
  bool has_answer = false;
  if (obj["has_answer"].get(has_answer) != simdjson::SUCCESS) return Bad(line, "has_answer", "missing");
  row.has_answer = has_answer;
  simdjson::dom::array apps;
  if (obj["applications"].get(apps) == simdjson::SUCCESS) {
    for (simdjson::dom::element e : apps) {
      simdjson::dom::object a;
      if (e.get(a) != simdjson::SUCCESS) return Bad(line, "applications", "not an object");
      TruthApplication t;
      t.company = Str(a, "company");
      t.invoice_id = Str(a, "invoice_id");
      for (auto [key, out] : {std::pair{"applied", &t.applied}, std::pair{"discount", &t.discount},
                              std::pair{"writeoff", &t.writeoff}, std::pair{"deduction", &t.deduction}}) {
        Result<int64_t> v = Amount(a, key, row.currency, line);
        if (!v.ok()) return v.status();
        *out = *v;
      }
      row.applications.push_back(std::move(t));
    }
  }
  simdjson::dom::object dup;
  if (obj["duplicate_of"].get(dup) == simdjson::SUCCESS) {
    row.duplicate_company = Str(dup, "company");
    row.duplicate_invoice = Str(dup, "invoice_id");
  }
  return row;
}

}  // namespace

Result<TruthRow> ParseTruthLine(std::string_view line) {
  simdjson::dom::parser parser;
  return Parse(parser, line, 1);
}

Result<std::vector<TruthRow>> ReadTruthFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path);
  simdjson::dom::parser parser;
  std::vector<TruthRow> rows;
  std::string line;
  uint64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    Result<TruthRow> row = Parse(parser, line, n);
    if (!row.ok()) return row.status();
    rows.push_back(std::move(*row));
  }
  if (in.bad()) return Status::IoError("cannot read " + path);
  return rows;
}

}  // namespace cashmatch::eval
