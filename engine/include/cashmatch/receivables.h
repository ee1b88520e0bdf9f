// Receivables insight: aging, days sales outstanding and payment behaviour,
// computed from plain facts about invoices, applications and payments.
//
// Pure computations: callers feed facts by iteration (from the ledger, the
// store, or a test's vectors) and read the figures at the end. Nothing here
// knows where the facts come from. Every amount is int64 minor units of one
// currency and amounts of different currencies are never added; sums are
// overflow-checked. Averages of days are given in tenths of a day, computed
// in integers (rounded half away from zero). docs/reports.md states every
// formula.
//
// Customers and companies are opaque numbers here (a ledger's CustomerNo and
// a caller's company numbering): the caller maps them back to names.
//
// Thread safety: the builders are plain values used by one thread at a time;
// several builders may be filled in parallel and merged (Merge) in a fixed
// order, giving the same figures whatever the scheduling.
#ifndef CASHMATCH_RECEIVABLES_H_
#define CASHMATCH_RECEIVABLES_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "cashmatch/date.h"
#include "cashmatch/money.h"
#include "cashmatch/status.h"

namespace cashmatch {

// Sums of many amounts and products of an amount by days, free of overflow.
__extension__ using Int128 = __int128;  // GCC and clang both have it

// ---- Aging ----

// Buckets of days past due (as_of - due_date): current (0 or less: not yet
// due, or due on as_of), 1-30, 31-60, 61-90, over 90.
inline constexpr int kAgingBuckets = 5;
int AgingBucketOf(Date due, Date as_of);
std::string_view AgingBucketName(int bucket);  // "current", "1-30", ..., "90+"

struct AgingKey {
  uint32_t customer = 0;
  uint32_t company = 0;
  Currency currency;
  friend auto operator<=>(const AgingKey&, const AgingKey&) = default;
  friend bool operator==(const AgingKey&, const AgingKey&) = default;
};

// What one (customer, company, currency) holds open, by bucket.
struct AgingLine {
  AgingKey key;
  std::array<int64_t, kAgingBuckets> buckets{};  // minor units of key.currency
  int64_t total = 0;                             // the sum of the buckets
  uint64_t items = 0;                            // open invoices and credit memos counted
};

// Accumulates open items into aging lines. Credit memos (negative open
// amounts) age like invoices, by their due date, and reduce their bucket.
// Items with a zero open amount are skipped. Each customer's first (company,
// currency) has its line in a table indexed by customer number (one memory
// access per item: memory grows with the highest customer number, so dense
// numbers such as a ledger's suit it); the rare others go to a hash map.
class AgingBuilder {
 public:
  AgingBuilder();
  ~AgingBuilder();
  AgingBuilder(AgingBuilder&&) noexcept;
  AgingBuilder& operator=(AgingBuilder&&) noexcept;
  // Sizes the table for customer numbers below `customers`; optional.
  void Reserve(size_t customers);
  void Add(const AgingKey& key, int64_t open_minor, Date due, Date as_of);
  // Adds a line (another builder's, say) into this one.
  void AddLine(const AgingLine& line);
  // Adds another builder's lines into this one.
  void Merge(const AgingBuilder& other);
  // The lines sorted by key; kResourceExhausted when a sum overflows int64.
  Result<std::vector<AgingLine>> Finish() const;

 private:
  struct Extra;
  void AddTo(const AgingKey& key, const std::array<int64_t, kAgingBuckets>& amounts, int64_t total,
             uint64_t items);
  std::vector<AgingLine> primary_;  // by customer number; items 0: unused
  std::unique_ptr<Extra> extra_;    // the other lines, by key
  bool overflow_ = false;
};

// The per-currency totals of `lines` (customer and company 0), by currency.
Result<std::vector<AgingLine>> AgingTotals(const std::vector<AgingLine>& lines);

// ---- DSO ----

// One reporting period: the days [first, last], both included.
struct Period {
  Date first;
  Date last;
  int32_t days() const { return last.days - first.days + 1; }
};
// The `months` calendar months ending with as_of's month, oldest first; the
// last one ends on as_of (month to date). months >= 1.
std::vector<Period> MonthsEndingOn(Date as_of, int months);

// What a currency's receivables were over the periods: sales (invoices and
// credit memos dated in each period, net) and the balance open at the end of
// each period.
struct ReceivablesSeries {
  Currency currency;
  std::vector<int64_t> sales;   // per period
  std::vector<int64_t> ar_end;  // per period: open at the end of its last day
};

// Rebuilds the open balance at each period's end from today's open amounts
// and the applications made since: an invoice dated on or before a day was
// open at that day's end by its open amount today plus what applications
// made after that day took off it.
class ReceivablesHistory {
 public:
  explicit ReceivablesHistory(std::vector<Period> periods);
  // An invoice or credit memo: its original amount and its open amount now.
  void AddInvoice(Currency currency, int64_t amount, int64_t open_now, Date invoice_date);
  // An application made on `on` that took `reduced` (applied + discount +
  // write-off; negative for a reversal) off an invoice dated invoice_date.
  void AddSettlement(Currency currency, int64_t reduced, Date invoice_date, Date on);
  void Merge(const ReceivablesHistory& other);
  // One series per currency, by currency; kResourceExhausted on overflow.
  Result<std::vector<ReceivablesSeries>> Finish() const;
  const std::vector<Period>& periods() const { return periods_; }

 private:
  struct PerCurrency {
    Currency currency;
    std::vector<Int128> sales, ar_diff;  // ar_diff: difference array over periods
  };
  PerCurrency& For(Currency c);
  size_t FirstEndingOnOrAfter(Date d) const;  // periods_.size() when none
  std::vector<Period> periods_;
  std::vector<PerCurrency> currencies_;
};

// DSO in tenths of a day; nullopt where it is undefined (no positive sales).
struct Dso {
  std::optional<int64_t> simple_tenths;
  std::optional<int64_t> countback_tenths;
  // Count-back ran out of history with a balance left: the figure is a
  // lower bound.
  bool countback_exhausted = false;
};
// At the end of period end-1 of `series`.
// Simple: ar_end / (sales of the last `simple_periods` periods before end)
// * (their days).
// Count-back: walk back from period end-1 over every period before it,
// taking each period's sales off the balance and counting its days, until
// the balance is used up; the last period counted gives the fraction of its
// days the rest makes. A period with no positive sales counts all its days
// and takes nothing off.
Dso ComputeDso(const ReceivablesSeries& series, const std::vector<Period>& periods, size_t end,
               size_t simple_periods);

// n / d in tenths, rounded half away from zero (d > 0).
int64_t TenthsOf(Int128 n, Int128 d);

// ---- Payment behaviour ----

enum class Channel : uint8_t { kAch = 0, kWire = 1, kCheck = 2, kLockbox = 3, kOther = 4 };
inline constexpr int kChannels = 5;
std::string_view ChannelName(Channel c);  // "ach", "wire", "check", "lockbox", "other"
// The channel a payment came by, from its file format and the bank's
// transaction code (docs/reports.md has the table).
Channel ChannelOf(std::string_view format, std::string_view transaction_code);

// One payment's standing cash on one invoice (its applications to that
// invoice netted, reversals included; only positive nets are facts).
struct PaidItem {
  uint32_t customer = 0;
  int64_t invoice_amount = 0;  // the invoice's original amount
  Date invoice_date;
  Date due_date;
  uint16_t discount_days = 0;
  Date paid_on;                // the payment's value date
  int64_t applied = 0;
  int64_t discount = 0;
  int64_t writeoff = 0;
};

struct PaymentBehaviour {
  uint32_t customer = 0;
  uint64_t items = 0;        // paid items
  uint64_t on_time = 0;      // paid on or before the due date
  int32_t median_delay = 0;  // days beyond terms (paid_on - due), lower median; negative: early
  int64_t days_to_pay_tenths = 0;      // mean of paid_on - invoice_date
  int64_t days_beyond_terms_tenths = 0;  // mean of max(0, paid_on - due)
  uint64_t short_pays = 0;   // applied + discount + writeoff < invoice amount, or a write-off
  uint64_t discounts_taken = 0;
  uint64_t discounts_late = 0;  // discount taken after invoice_date + discount_days
  uint64_t payments = 0;
  std::array<uint64_t, kChannels> by_channel{};
  Channel preferred = Channel::kOther;  // most payments; ties to the lower channel
};

// Gathers paid items and payments per customer.
class BehaviourBuilder {
 public:
  // Sizes the per-customer table for numbers below `customers`; optional.
  void Reserve(size_t customers);
  void AddItem(const PaidItem& item);
  void AddPayment(uint32_t customer, Channel channel);
  void Merge(const BehaviourBuilder& other);
  // One entry per customer seen, by customer.
  std::vector<PaymentBehaviour> Finish() const;

 private:
  struct Sums {
    uint64_t items = 0, on_time = 0, short_pays = 0, discounts_taken = 0, discounts_late = 0;
    int64_t days_to_pay = 0, days_beyond = 0;
    std::array<uint64_t, kChannels> channels{};
  };
  Sums& For(uint32_t customer);
  std::vector<Sums> sums_;             // by customer number
  std::vector<uint8_t> seen_;          // by customer number
  std::vector<uint64_t> delays_;       // customer << 32 | (delay biased), for medians
};

// Fewer paid items than this and a customer's own history is too thin to
// predict from.
inline constexpr uint64_t kMinHistoryForPrediction = 3;
// When an open invoice is likely paid: its due date plus the customer's
// median delay, or the due date alone when the history is thin (or absent);
// never before `today`.
Date PredictPaymentDate(const PaymentBehaviour* behaviour, Date due, Date today);

}  // namespace cashmatch

#endif  // CASHMATCH_RECEIVABLES_H_
