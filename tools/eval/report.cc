#include "report.h"

#include <cstdio>

#include "json_writer.h"
#include "table.h"

namespace cashmatch::eval {
namespace {

std::string Pct(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f %%", 100.0 * r);
  return buf;
}

// A ratio as a JSON number with four decimals (0.9991).
std::string JsonRatio(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", r);
  return buf;
}

std::string Seconds(int64_t micros) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(micros) / 1e6);
  return buf;
}

std::string N(uint64_t n) { return std::to_string(n); }

std::string Money_(int64_t minor, Currency c) { return FormatMinorUnits(minor, c.exponent()); }

void CountsJson(const Counts& c, tools::JsonWriter* w) {
  w->BeginObject();
  w->Key("payments").Uint(c.payments);
  w->Key("has_answer").Uint(c.has_answer);
  w->Key("missing").Uint(c.missing);
  w->Key("applied").Uint(c.applied);
  w->Key("applied_correct").Uint(c.applied_correct);
  w->Key("applied_wrong").Uint(c.applied_wrong);
  w->Key("applied_no_answer").Uint(c.applied_no_answer);
  w->Key("answer_applied").Uint(c.answer_applied);
  w->Key("answer_correct").Uint(c.answer_correct);
  w->Key("unapplied").Uint(c.unapplied);
  w->Key("duplicate_flags").Uint(c.duplicate_flags);
  w->Key("not_matched").Uint(c.not_matched);
  w->Key("recall_pool").Uint(c.recall_pool);
  w->Key("recall_hits").Uint(c.recall_hits);
  w->Key("rows").Uint(c.rows);
  w->Key("rows_correct").Uint(c.rows_correct);
  w->Key("precision").Raw(JsonRatio(Ratio(c.applied_correct, c.applied)));
  w->Key("auto_rate").Raw(JsonRatio(Ratio(c.answer_applied, c.has_answer)));
  w->Key("recall").Raw(JsonRatio(Ratio(c.recall_hits, c.recall_pool)));
  w->EndObject();
}

void SliceTable(const std::map<std::string, Counts>& slices, const std::string& name, std::string* out) {
  tools::Table t({name, "payments", "answer", "applied", "right", "wrong", "auto", "unapplied", "dup-flag",
                  "not-matched", "recall"},
                 {false, true, true, true, true, true, true, true, true, true, true});
  for (const auto& [key, c] : slices) {
    t.AddRow({key, N(c.payments), N(c.has_answer), N(c.applied), N(c.applied_correct), N(c.applied_wrong),
              c.has_answer ? Pct(Ratio(c.answer_applied, c.has_answer)) : "-", N(c.unapplied),
              N(c.duplicate_flags), N(c.not_matched + c.missing),
              c.recall_pool ? Pct(Ratio(c.recall_hits, c.recall_pool)) + " of " + N(c.recall_pool) : "-"});
  }
  *out += t.Render();
}

}  // namespace

Headline Headlines(const Score& s) {
  Headline h;
  h.precision = Ratio(s.total.applied_correct, s.total.applied);
  h.row_precision = Ratio(s.total.rows_correct, s.total.rows);
  h.auto_rate = Ratio(s.total.answer_applied, s.total.has_answer);
  h.correct_rate = Ratio(s.total.answer_correct, s.total.has_answer);
  h.recall = Ratio(s.total.recall_hits, s.total.recall_pool);
  return h;
}

std::vector<std::string> MissedGoals(const Score& s, const Goals& g) {
  const Headline h = Headlines(s);
  std::vector<std::string> out;
  // Nothing applied is vacuous precision, not a met goal.
  if (h.precision < g.min_precision || s.total.applied == 0) {
    out.push_back("precision " + Pct(h.precision) + " < " + Pct(g.min_precision));
  }
  if (h.auto_rate < g.min_auto) out.push_back("auto-match " + Pct(h.auto_rate) + " < " + Pct(g.min_auto));
  if (s.total.recall_pool > 0 && h.recall < g.min_recall) {
    out.push_back("top-3 recall " + Pct(h.recall) + " < " + Pct(g.min_recall));
  }
  return out;
}

std::string FormatTable(const Score& s, const RunInfo& info, const Goals& g) {
  const Headline h = Headlines(s);
  const RunResult& r = *info.run;
  std::string out = "cashmatch-eval: " + info.source + "\n";
  out += N(s.total.payments) + " payments (" + N(s.total.has_answer) + " with an answer) against " +
         N(r.invoices) + " invoices of " + N(r.customers) + " customers; " + N(r.files) + " files, " +
         N(r.rejected.size()) + " rejected\n";
  out += "time: generate " + Seconds(r.generate_micros) + ", load " + Seconds(r.load_micros) + ", ingest " +
         Seconds(r.ingest_micros) + " (matcher " + Seconds(r.match_micros) + "), read back " +
         Seconds(r.collect_micros) + "\n\n";
  tools::Table t({"measure", "value", "of", "goal"}, {false, true, true, false});
  auto goal = [](double v, double min) { return (v >= min ? "met (>= " : "MISSED (>= ") + Pct(min) + ")"; };
  t.AddRow({"precision (payments)", Pct(h.precision), N(s.total.applied) + " auto-applied",
            goal(h.precision, g.min_precision)});
  t.AddRow({"precision (applications)", Pct(h.row_precision), N(s.total.rows) + " rows", ""});
  t.AddRow({"auto-match", Pct(h.auto_rate), N(s.total.has_answer) + " with an answer", goal(h.auto_rate, g.min_auto)});
  t.AddRow({"  applied correctly", Pct(h.correct_rate), N(s.total.has_answer) + " with an answer", ""});
  t.AddRow({"top-3 recall", Pct(h.recall), N(s.total.recall_pool) + " left unapplied", goal(h.recall, g.min_recall)});
  t.AddRow({"no answer: right one in top 3", Pct(Ratio(s.no_answer_suggest_hits, s.no_answer_suggest_pool)),
            N(s.no_answer_suggest_pool) + " ambiguous", ""});
  const uint64_t no_answer = s.total.payments - s.total.has_answer;
  t.AddRow({"no answer: left unapplied", Pct(Ratio(no_answer - s.total.applied_no_answer, no_answer)),
            N(no_answer) + " without an answer", ""});
  t.AddRow({"duplicates flagged", Pct(Ratio(s.duplicates_flagged, s.duplicates)), N(s.duplicates) + " duplicates",
            N(s.duplicates_flagged_right_invoice) + " naming the right invoice"});
  t.AddRow({"false duplicate flags", N(s.false_duplicate_flags), "", ""});
  t.AddRow({"returns reversed", N(r.returns_reversed), N(r.returns) + " returns", r.returns ? "" : "(none in the day)"});
  t.AddRow({"payments not in the truth", N(s.unexpected_payments), "", ""});
  t.AddRow({"truth rows not found", N(s.total.missing), "", ""});
  t.AddRow({"receiving account not mapped", N(r.unknown_accounts), "", r.unknown_account_examples.empty() ? "" : "e.g. " + r.unknown_account_examples.front()});
  out += t.Render() + "\n";
  SliceTable(s.by_scenario, "scenario", &out);
  out += "\n";
  SliceTable(s.by_format, "format", &out);
  for (const std::string& rej : r.rejected) out += "rejected: " + rej + "\n";
  return out;
}

std::string FormatJson(const Score& s, const RunInfo& info, const Goals& g) {
  const Headline h = Headlines(s);
  const RunResult& r = *info.run;
  tools::JsonWriter w;
  w.BeginObject();
  w.Key("source").String(info.source);
  w.Key("invoices").Uint(r.invoices);
  w.Key("customers").Uint(r.customers);
  w.Key("files").Uint(r.files);
  w.Key("rejected").BeginArray();
  for (const std::string& rej : r.rejected) w.String(rej);
  w.EndArray();
  w.Key("micros").BeginObject();
  w.Key("generate").Int(r.generate_micros);
  w.Key("load").Int(r.load_micros);
  w.Key("ingest").Int(r.ingest_micros);
  w.Key("match").Int(r.match_micros);
  w.Key("collect").Int(r.collect_micros);
  w.EndObject();
  w.Key("precision").Raw(JsonRatio(h.precision));
  w.Key("application_precision").Raw(JsonRatio(h.row_precision));
  w.Key("auto_rate").Raw(JsonRatio(h.auto_rate));
  w.Key("correct_rate").Raw(JsonRatio(h.correct_rate));
  w.Key("recall_top3").Raw(JsonRatio(h.recall));
  w.Key("no_answer_suggest_pool").Uint(s.no_answer_suggest_pool);
  w.Key("no_answer_suggest_hits").Uint(s.no_answer_suggest_hits);
  w.Key("duplicates").Uint(s.duplicates);
  w.Key("duplicates_flagged").Uint(s.duplicates_flagged);
  w.Key("duplicates_flagged_right_invoice").Uint(s.duplicates_flagged_right_invoice);
  w.Key("false_duplicate_flags").Uint(s.false_duplicate_flags);
  w.Key("returns").Uint(r.returns);
  w.Key("returns_reversed").Uint(r.returns_reversed);
  w.Key("unexpected_payments").Uint(s.unexpected_payments);
  w.Key("unknown_accounts").Uint(r.unknown_accounts);
  w.Key("goals_missed").BeginArray();
  for (const std::string& m : MissedGoals(s, g)) w.String(m);
  w.EndArray();
  w.Key("total");
  CountsJson(s.total, &w);
  w.Key("by_scenario").BeginObject();
  for (const auto& [k, c] : s.by_scenario) {
    w.Key(k);
    CountsJson(c, &w);
  }
  w.EndObject();
  w.Key("by_format").BeginObject();
  for (const auto& [k, c] : s.by_format) {
    w.Key(k);
    CountsJson(c, &w);
  }
  w.EndObject();
  w.EndObject();
  return w.str() + "\n";
}

std::string FormatExamples(const std::vector<Example>& examples, size_t n, const std::string& title) {
  if (n == 0 || examples.empty()) return {};
  std::string out = title + " (" + N(std::min(n, examples.size())) + " of " + N(examples.size()) + "):\n";
  for (size_t i = 0; i < examples.size() && i < n; ++i) {
    const TruthRow& t = *examples[i].truth;
    const PaymentOutcome* o = examples[i].outcome;
    out += "- seq " + N(t.seq) + " " + t.scenario + (t.variant.empty() ? "" : " (" + t.variant + ")") + ", " +
           t.file + " " + t.source_ref + ", " + Money_(t.amount, t.currency) + " " +
           std::string(t.currency.code()) + (o ? ", payment " + N(o->payment_id) : ", NOT FOUND") + "\n";
    out += "    truth: " + std::string(t.has_answer ? "" : "no answer (" + t.note + "); ") + "customer " +
           t.customer_id;
    for (const TruthApplication& a : t.applications) {
      out += "; " + (a.company.empty() ? "" : a.company + "/") + a.invoice_id + " " + Money_(a.applied, t.currency);
      if (a.discount) out += " disc " + Money_(a.discount, t.currency);
      if (a.writeoff) out += " w/o " + Money_(a.writeoff, t.currency);
      if (a.deduction) out += " ded " + Money_(a.deduction, t.currency);
    }
    if (t.on_account) out += "; on account " + Money_(t.on_account, t.currency);
    if (!t.duplicate_invoice.empty()) out += "; duplicate of " + t.duplicate_invoice;
    out += "\n";
    if (o == nullptr) continue;
    out += "    done: " + std::string(OutcomeKindName(o->kind));
    for (const Application& a : o->applications) {
      out += "\n      " + (a.invoice_id.empty() ? "on account " + a.customer_id
                                                 : (a.company.empty() ? "" : a.company + "/") + a.invoice_id) +
             " " + FormatMoney(a.applied);
      if (a.discount.minor) out += " disc " + FormatMoney(a.discount);
      if (a.writeoff.minor) out += " w/o " + FormatMoney(a.writeoff);
      out += " [" + std::string(MatchMethodName(a.method)) + " " + FormatMinorUnits(a.confidence_bp, 4) + "] " +
             a.evidence;
    }
    if (!o->reason.empty()) out += "\n      reason: " + o->reason;
    for (const Suggestion& sg : o->suggestions) {
      out += "\n      suggest " + (sg.company.empty() ? "" : sg.company + "/") + sg.invoice_id + " " +
             FormatMoney(sg.amount) + " (" + FormatMinorUnits(sg.confidence_bp, 4) + ")";
    }
    out += "\n";
  }
  return out;
}

}  // namespace cashmatch::eval
