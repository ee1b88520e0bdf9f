#include "cashmatch/bank_links.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>

namespace cashmatch {
namespace {

// Trace numbers travel through several systems that pad, case and space
// them differently ("000123 45" in one, "12345" in another).
std::string NormalizedTrace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  size_t zeros = 0;
  while (zeros + 1 < out.size() && out[zeros] == '0') ++zeros;
  out.erase(0, zeros);
  return out;
}

bool SameAmount(const Payment& p, const RemittanceAdvice& a) {
  return p.amount.currency == a.amount.currency && p.amount.minor == a.amount.minor;
}

bool NearInTime(const Payment& p, const RemittanceAdvice& a, int32_t window) {
  if (a.payment_date.days == 0) return false;  // no date: amount alone is too weak
  return std::abs(p.value_date.days - a.payment_date.days) <= window;
}

bool IsPlaceholderRef(std::string_view ref) {
  std::string upper;
  for (char c : ref) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return upper == "NONREF" || upper == "NOTPROVIDED" || upper == "NONE";
}

}  // namespace

std::string_view AdviceJoinRuleName(AdviceJoinRule rule) {
  switch (rule) {
    case AdviceJoinRule::kTraceNumber: return "trace_number";
    case AdviceJoinRule::kAmountAndDate: return "amount_and_date";
  }
  return "unknown";
}

bool CanTakeAdvice(const Payment& p) {
  return p.direction == Direction::kCredit && !p.is_return && p.batch_count <= 1 &&
         p.superseded_by.empty() && p.format != "x12_820";
}

std::vector<AdviceJoin> PlanAdviceJoins(std::span<const Payment> payments,
                                        std::span<const RemittanceAdvice> advices,
                                        const AdviceJoinOptions& options) {
  std::vector<AdviceJoin> joins;
  std::vector<bool> payment_used(payments.size(), false);
  std::vector<bool> advice_used(advices.size(), false);

  // By trace number. An ordered map keeps the pass independent of hashing.
  std::multimap<std::string, size_t> by_trace;
  for (size_t i = 0; i < payments.size(); ++i) {
    if (!CanTakeAdvice(payments[i])) continue;
    std::string t = NormalizedTrace(payments[i].trace_number);
    std::string r = NormalizedTrace(payments[i].source_ref);
    if (!t.empty()) by_trace.emplace(t, i);
    if (!r.empty() && r != t) by_trace.emplace(r, i);
  }
  for (size_t a = 0; a < advices.size(); ++a) {
    const std::string trace = NormalizedTrace(advices[a].trace_number);
    if (trace.empty()) continue;
    size_t found = 0;
    size_t fits = 0;
    auto [lo, hi] = by_trace.equal_range(trace);
    for (auto it = lo; it != hi; ++it) {
      if (payment_used[it->second] || !SameAmount(payments[it->second], advices[a])) continue;
      found = it->second;
      ++fits;
    }
    if (fits != 1) continue;
    payment_used[found] = advice_used[a] = true;
    joins.push_back({found, a, AdviceJoinRule::kTraceNumber});
  }

  // By amount and date, unambiguous both ways.
  std::multimap<std::pair<uint16_t, int64_t>, size_t> by_amount;
  for (size_t i = 0; i < payments.size(); ++i) {
    if (payment_used[i] || !CanTakeAdvice(payments[i])) continue;
    by_amount.emplace(std::pair(payments[i].amount.currency.index(), payments[i].amount.minor), i);
  }
  std::multimap<std::pair<uint16_t, int64_t>, size_t> advices_by_amount;
  for (size_t a = 0; a < advices.size(); ++a) {
    if (advice_used[a]) continue;
    advices_by_amount.emplace(
        std::pair(advices[a].amount.currency.index(), advices[a].amount.minor), a);
  }
  std::vector<AdviceJoin> by_date;
  for (size_t a = 0; a < advices.size(); ++a) {
    if (advice_used[a]) continue;
    const auto key = std::pair(advices[a].amount.currency.index(), advices[a].amount.minor);
    size_t found = 0;
    size_t fits = 0;
    auto [lo, hi] = by_amount.equal_range(key);
    for (auto it = lo; it != hi; ++it) {
      if (!NearInTime(payments[it->second], advices[a], options.date_window_days)) continue;
      found = it->second;
      ++fits;
    }
    if (fits != 1) continue;
    size_t rivals = 0;
    auto [alo, ahi] = advices_by_amount.equal_range(key);
    for (auto it = alo; it != ahi; ++it) {
      rivals += NearInTime(payments[found], advices[it->second], options.date_window_days);
    }
    if (rivals != 1) continue;
    by_date.push_back({found, a, AdviceJoinRule::kAmountAndDate});
  }
  // Decided against the same remaining sets, so no two can share a payment
  // (each payment fits exactly one advice) or an advice.
  joins.insert(joins.end(), by_date.begin(), by_date.end());
  std::sort(joins.begin(), joins.end(),
            [](const AdviceJoin& x, const AdviceJoin& y) { return x.payment < y.payment; });
  return joins;
}

namespace {

// Whether `cut` is the start of `whole`, shorter, ignoring case and blanks
// at the end: a CCD entry carries only the first 16 characters of the
// payer's name, and its advice (N1*PR) the whole name.
bool IsCutShort(std::string_view cut, std::string_view whole) {
  while (!cut.empty() && cut.back() == ' ') cut.remove_suffix(1);
  if (cut.empty() || whole.size() <= cut.size()) return false;
  for (size_t i = 0; i < cut.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(cut[i])) != std::toupper(static_cast<unsigned char>(whole[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

void MergeAdvice(const RemittanceAdvice& advice, Payment* payment) {
  if (payment->remittance.empty()) payment->remittance = advice.remittance;
  if (payment->payer_name.empty() || IsCutShort(payment->payer_name, advice.payer_name)) {
    payment->payer_name = advice.payer_name;
  }
  if (payment->payer_account.empty()) payment->payer_account = advice.payer_account;
  if (!advice.remittance_text.empty()) {
    if (!payment->remittance_text.empty()) payment->remittance_text += ' ';
    payment->remittance_text += advice.remittance_text;
  }
}

bool SameBankItem(const Payment& a, const Payment& b) {
  if (a.source_ref.empty() || a.source_ref != b.source_ref || IsPlaceholderRef(a.source_ref)) {
    return false;
  }
  if (a.direction != b.direction || a.amount != b.amount || a.value_date != b.value_date) {
    return false;
  }
  return a.account.empty() || b.account.empty() || a.account == b.account;
}

bool IsBreakdownOf(const Payment& batch, std::span<const Payment> parts) {
  if (batch.batch_count <= 1 || !batch.superseded_by.empty() || parts.empty()) return false;
  int64_t sum = 0;
  for (const Payment& p : parts) {
    if (p.batch_count > 1 || p.direction != batch.direction ||
        p.amount.currency != batch.amount.currency) {
      return false;
    }
    if (__builtin_add_overflow(sum, p.amount.minor, &sum)) return false;
  }
  return sum == batch.amount.minor;
}

}  // namespace cashmatch
