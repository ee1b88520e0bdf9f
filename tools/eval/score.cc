#include "score.h"

#include <algorithm>

namespace cashmatch::eval {

void Counts::Add(const Counts& o) {
  payments += o.payments;
  has_answer += o.has_answer;
  missing += o.missing;
  applied += o.applied;
  applied_correct += o.applied_correct;
  applied_wrong += o.applied_wrong;
  applied_no_answer += o.applied_no_answer;
  answer_applied += o.answer_applied;
  answer_correct += o.answer_correct;
  unapplied += o.unapplied;
  duplicate_flags += o.duplicate_flags;
  not_matched += o.not_matched;
  recall_pool += o.recall_pool;
  recall_hits += o.recall_hits;
  rows += o.rows;
  rows_correct += o.rows_correct;
}

double Ratio(uint64_t num, uint64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

namespace {

const TruthApplication* FindTruth(const TruthRow& truth, const Application& a) {
  for (const TruthApplication& t : truth.applications) {
    if (t.company == a.company && t.invoice_id == a.invoice_id) return &t;
  }
  return nullptr;
}

bool SameAmounts(const TruthApplication& t, const Application& a) {
  return t.applied == a.applied.minor && t.discount == a.discount.minor &&
         t.writeoff == a.writeoff.minor;
}

bool Suggested(const PaymentOutcome& o, size_t top, const std::string& company,
               const std::string& invoice_id) {
  const size_t n = std::min(top, o.suggestions.size());
  for (size_t i = 0; i < n; ++i) {
    if (o.suggestions[i].company == company && o.suggestions[i].invoice_id == invoice_id) return true;
  }
  return false;
}

}  // namespace

bool AppliedCorrectly(const TruthRow& truth, const PaymentOutcome& outcome) {
  if (!truth.has_answer || outcome.kind != OutcomeKind::kApplied) return false;
  int64_t on_account = 0;
  size_t invoices = 0;
  for (const Application& a : outcome.applications) {
    if (a.applied.currency != truth.currency) return false;
    if (a.invoice_id.empty()) {
      on_account += a.applied.minor;
      continue;
    }
    const TruthApplication* t = FindTruth(truth, a);
    if (t == nullptr || !SameAmounts(*t, a)) return false;
    ++invoices;
  }
  // Net rows are one per invoice, so counting them checks nothing is missing.
  return invoices == truth.applications.size() && on_account == truth.on_account;
}

bool RecalledInTop3(const TruthRow& truth, const PaymentOutcome& outcome) {
  if (truth.applications.empty()) return false;
  size_t hits = 0;
  for (const TruthApplication& t : truth.applications) hits += Suggested(outcome, 3, t.company, t.invoice_id);
  return hits >= std::min<size_t>(truth.applications.size(), 3);
}

Score ScoreDay(const std::vector<TruthRow>& truth, const OutcomeMap& outcomes) {
  Score s;
  uint64_t joined = 0;
  for (const TruthRow& t : truth) {
    Counts c;
    c.payments = 1;
    c.has_answer = t.has_answer;
    auto it = outcomes.find({t.file, t.source_ref});
    const PaymentOutcome* o = it == outcomes.end() ? nullptr : &it->second;
    if (o == nullptr) {
      c.missing = 1;
      if (t.has_answer) {
        c.recall_pool = 1;
        s.missed.push_back({&t, nullptr});
        s.not_recalled.push_back({&t, nullptr});
      }
    } else {
      ++joined;
      switch (o->kind) {
        case OutcomeKind::kApplied: {
          c.applied = 1;
          const bool right = AppliedCorrectly(t, *o);
          c.applied_correct = right;
          c.applied_wrong = !right;
          c.applied_no_answer = !t.has_answer;
          c.answer_applied = t.has_answer;
          c.answer_correct = t.has_answer && right;
          if (!right) s.wrong.push_back({&t, o});
          for (const Application& a : o->applications) {
            if (a.invoice_id.empty()) continue;
            ++c.rows;
            const TruthApplication* ta = t.has_answer ? FindTruth(t, a) : nullptr;
            c.rows_correct += ta != nullptr && SameAmounts(*ta, a);
          }
          break;
        }
        case OutcomeKind::kDuplicate:
          c.duplicate_flags = 1;
          [[fallthrough]];
        case OutcomeKind::kUnapplied:
          c.unapplied = 1;
          break;
        case OutcomeKind::kNotMatched:
          c.not_matched = 1;
          break;
      }
      if (t.has_answer && o->kind != OutcomeKind::kApplied) {
        c.recall_pool = 1;
        c.recall_hits = RecalledInTop3(t, *o);
        s.missed.push_back({&t, o});
        if (!c.recall_hits) s.not_recalled.push_back({&t, o});
      }
      if (!t.has_answer && !t.applications.empty() && o->kind != OutcomeKind::kApplied) {
        ++s.no_answer_suggest_pool;
        s.no_answer_suggest_hits += RecalledInTop3(t, *o);
      }
      if (t.scenario == "duplicate") {
        ++s.duplicates;
        if (o->kind == OutcomeKind::kDuplicate) {
          ++s.duplicates_flagged;
          s.duplicates_flagged_right_invoice +=
              Suggested(*o, 1, t.duplicate_company, t.duplicate_invoice);
        }
      } else if (o->kind == OutcomeKind::kDuplicate) {
        ++s.false_duplicate_flags;
      }
    }
    s.total.Add(c);
    s.by_scenario[t.scenario].Add(c);
    s.by_format[t.format].Add(c);
  }
  s.unexpected_payments = outcomes.size() - joined;
  return s;
}

}  // namespace cashmatch::eval
