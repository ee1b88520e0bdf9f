// DSO: the receivables balance at period ends, rebuilt from today's open
// amounts and the applications since, and the two DSO methods over it.
#include <algorithm>

#include "cashmatch/receivables.h"

namespace cashmatch {

std::vector<Period> MonthsEndingOn(Date as_of, int months) {
  std::vector<Period> out;
  int year;
  unsigned month, day;
  as_of.ToCivil(&year, &month, &day);
  Date last = as_of;
  for (int i = 0; i < std::max(months, 1); ++i) {
    const Date first = Date::FromCivil(year, month, 1);
    out.push_back(Period{first, last});
    last = Date{first.days - 1};
    if (--month == 0) {
      month = 12;
      --year;
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

int64_t TenthsOf(Int128 n, Int128 d) {
  const Int128 t = n * 10;
  const Int128 q = (t * 2 + (t < 0 ? -d : d)) / (2 * d);  // half away from zero
  return static_cast<int64_t>(q);
}

ReceivablesHistory::ReceivablesHistory(std::vector<Period> periods) : periods_(std::move(periods)) {}

ReceivablesHistory::PerCurrency& ReceivablesHistory::For(Currency c) {
  for (PerCurrency& p : currencies_) {
    if (p.currency == c) return p;
  }
  currencies_.push_back(PerCurrency{c, std::vector<Int128>(periods_.size()),
                                    std::vector<Int128>(periods_.size() + 1)});
  return currencies_.back();
}

size_t ReceivablesHistory::FirstEndingOnOrAfter(Date d) const {
  const auto it = std::lower_bound(periods_.begin(), periods_.end(), d,
                                   [](const Period& p, Date day) { return p.last < day; });
  return static_cast<size_t>(it - periods_.begin());
}

void ReceivablesHistory::AddInvoice(Currency currency, int64_t amount, int64_t open_now, Date invoice_date) {
  const size_t i = FirstEndingOnOrAfter(invoice_date);
  if (i == periods_.size()) return;  // dated after the last period: not yet a receivable
  PerCurrency& p = For(currency);
  if (invoice_date >= periods_[i].first) p.sales[i] += amount;
  p.ar_diff[i] += open_now;  // open at every period end from i on, by today's amount
}

void ReceivablesHistory::AddSettlement(Currency currency, int64_t reduced, Date invoice_date, Date on) {
  const size_t from = FirstEndingOnOrAfter(invoice_date);
  const size_t to = FirstEndingOnOrAfter(on);  // period ends from here on saw it done
  if (from >= to) return;
  PerCurrency& p = For(currency);
  // Still open, by what it took, at the ends of periods [from, to).
  p.ar_diff[from] += reduced;
  p.ar_diff[to] -= reduced;
}

void ReceivablesHistory::Merge(const ReceivablesHistory& other) {
  for (const PerCurrency& o : other.currencies_) {
    PerCurrency& p = For(o.currency);
    for (size_t i = 0; i < o.sales.size(); ++i) p.sales[i] += o.sales[i];
    for (size_t i = 0; i < o.ar_diff.size(); ++i) p.ar_diff[i] += o.ar_diff[i];
  }
}

Result<std::vector<ReceivablesSeries>> ReceivablesHistory::Finish() const {
  std::vector<ReceivablesSeries> out;
  const auto fits = [](Int128 v) { return v >= INT64_MIN && v <= INT64_MAX; };
  for (const PerCurrency& p : currencies_) {
    ReceivablesSeries s{p.currency};
    Int128 ar = 0;
    for (size_t i = 0; i < periods_.size(); ++i) {
      ar += p.ar_diff[i];
      if (!fits(ar) || !fits(p.sales[i])) return Status::ResourceExhausted("dso: a sum overflows 64-bit minor units");
      s.sales.push_back(static_cast<int64_t>(p.sales[i]));
      s.ar_end.push_back(static_cast<int64_t>(ar));
    }
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(),
            [](const ReceivablesSeries& a, const ReceivablesSeries& b) { return a.currency < b.currency; });
  return out;
}

Dso ComputeDso(const ReceivablesSeries& series, const std::vector<Period>& periods, size_t end,
               size_t simple_periods) {
  Dso dso;
  if (end == 0 || end > periods.size()) return dso;
  const Int128 ar = series.ar_end[end - 1];
  Int128 sales = 0, days = 0;
  for (size_t i = end - std::min(std::max<size_t>(simple_periods, 1), end); i < end; ++i) {
    sales += series.sales[i];
    days += periods[i].days();
  }
  if (sales > 0) dso.simple_tenths = TenthsOf(ar * days, sales);

  // Count-back, in tenths: whole periods' days, then the fraction of one.
  Int128 left = ar, whole_days = 0;
  if (left <= 0) {
    dso.countback_tenths = 0;
    return dso;
  }
  for (size_t i = end; i-- > 0;) {
    const Int128 s = series.sales[i];
    if (s > 0 && left <= s) {
      dso.countback_tenths = static_cast<int64_t>(whole_days * 10) + TenthsOf(left * periods[i].days(), s);
      return dso;
    }
    whole_days += periods[i].days();
    if (s > 0) left -= s;
  }
  dso.countback_tenths = static_cast<int64_t>(whole_days * 10);
  dso.countback_exhausted = true;
  return dso;
}

}  // namespace cashmatch
