// Payment behaviour per customer, and the channel a payment came by.
#include <algorithm>
#include <cctype>

#include "cashmatch/receivables.h"

namespace cashmatch {
namespace {

bool Contains(std::string_view text, std::string_view word) {
  // Case-insensitive: feeds write their codes in any case.
  if (word.size() > text.size()) return false;
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    size_t k = 0;
    while (k < word.size() && std::toupper(static_cast<unsigned char>(text[i + k])) == word[k]) ++k;
    if (k == word.size()) return true;
  }
  return false;
}

// BAI2 detail type codes (credits) by channel.
Channel Bai2Channel(std::string_view code) {
  static constexpr std::string_view kAch[] = {"142", "143", "145", "165", "166", "168", "169", "171"};
  static constexpr std::string_view kWire[] = {"191", "195", "196", "198", "206", "208"};
  static constexpr std::string_view kCheck[] = {"175", "301", "181", "182", "186"};
  static constexpr std::string_view kLockbox[] = {"115", "116", "118", "121", "122"};
  for (auto c : kAch) if (code == c) return Channel::kAch;
  for (auto c : kWire) if (code == c) return Channel::kWire;
  for (auto c : kCheck) if (code == c) return Channel::kCheck;
  for (auto c : kLockbox) if (code == c) return Channel::kLockbox;
  return Channel::kOther;
}

}  // namespace

std::string_view ChannelName(Channel c) {
  static constexpr std::string_view kNames[kChannels] = {"ach", "wire", "check", "lockbox", "other"};
  return kNames[static_cast<int>(c)];
}

Channel ChannelOf(std::string_view format, std::string_view code) {
  if (format == "lockbox") return Channel::kLockbox;
  if (format == "nacha") return Channel::kAch;
  if (format == "bai2") return Bai2Channel(code);
  if (format.starts_with("camt")) {
    // ISO 20022 bank transaction codes, DOMAIN/FAMILY/SUBFAMILY.
    if (Contains(code, "/LBOX/")) return Channel::kLockbox;
    if (Contains(code, "/RCHQ/") || Contains(code, "/CCHQ/")) return Channel::kCheck;
    if (Contains(code, "/RCDT/")) {
      if (Contains(code, "/ACDT") || Contains(code, "/ESCT") || Contains(code, "/DMCT")) return Channel::kAch;
      return Channel::kWire;
    }
    return Channel::kOther;
  }
  if (format.starts_with("mt94")) {
    // SWIFT :61: transaction types: Sxxx came by a SWIFT message.
    if (code.size() == 4 && code[0] == 'S') return Channel::kWire;
    if (code.ends_with("CHK")) return Channel::kCheck;
    if (code.ends_with("TRF")) return Channel::kWire;
    return Channel::kOther;
  }
  // Payment feeds (CSV, JSON Lines) and anything else: words in the code.
  if (Contains(code, "LOCKBOX")) return Channel::kLockbox;
  if (Contains(code, "ACH")) return Channel::kAch;
  if (Contains(code, "WIRE") || Contains(code, "SWIFT") || Contains(code, "FEDWIRE")) return Channel::kWire;
  if (Contains(code, "CHECK") || Contains(code, "CHEQUE") || Contains(code, "CHK")) return Channel::kCheck;
  return Channel::kOther;
}

void BehaviourBuilder::Reserve(size_t customers) {
  if (customers <= sums_.size()) return;
  sums_.resize(customers);
  seen_.resize(customers);
}

BehaviourBuilder::Sums& BehaviourBuilder::For(uint32_t customer) {
  if (customer >= sums_.size()) {
    const size_t n = std::max<size_t>(customer + 1, sums_.size() * 2);
    sums_.resize(n);
    seen_.resize(n);
  }
  seen_[customer] = 1;
  return sums_[customer];
}

void BehaviourBuilder::AddItem(const PaidItem& item) {
  Sums& s = For(item.customer);
  const int32_t delay = item.paid_on.days - item.due_date.days;
  ++s.items;
  if (delay <= 0) ++s.on_time;
  s.days_to_pay += item.paid_on.days - item.invoice_date.days;
  s.days_beyond += std::max(delay, 0);
  if (item.writeoff > 0 || item.applied + item.discount + item.writeoff < item.invoice_amount) ++s.short_pays;
  if (item.discount > 0) {
    ++s.discounts_taken;
    if (item.paid_on.days > item.invoice_date.days + item.discount_days) ++s.discounts_late;
  }
  // Biased so that the unsigned order is the signed order.
  delays_.push_back(uint64_t{item.customer} << 32 | (static_cast<uint32_t>(delay) ^ 0x80000000u));
}

void BehaviourBuilder::AddPayment(uint32_t customer, Channel channel) {
  ++For(customer).channels[static_cast<int>(channel)];
}

void BehaviourBuilder::Merge(const BehaviourBuilder& other) {
  for (size_t c = 0; c < other.sums_.size(); ++c) {
    if (!other.seen_[c]) continue;
    Sums& s = For(static_cast<uint32_t>(c));
    const Sums& o = other.sums_[c];
    s.items += o.items;
    s.on_time += o.on_time;
    s.short_pays += o.short_pays;
    s.discounts_taken += o.discounts_taken;
    s.discounts_late += o.discounts_late;
    s.days_to_pay += o.days_to_pay;
    s.days_beyond += o.days_beyond;
    for (int k = 0; k < kChannels; ++k) s.channels[k] += o.channels[k];
  }
  delays_.insert(delays_.end(), other.delays_.begin(), other.delays_.end());
}

std::vector<PaymentBehaviour> BehaviourBuilder::Finish() const {
  std::vector<uint64_t> delays = delays_;
  std::sort(delays.begin(), delays.end());
  std::vector<PaymentBehaviour> out;
  size_t d = 0;
  for (size_t c = 0; c < sums_.size(); ++c) {
    if (!seen_[c]) continue;
    const Sums& s = sums_[c];
    PaymentBehaviour b;
    b.customer = static_cast<uint32_t>(c);
    b.items = s.items;
    b.on_time = s.on_time;
    b.short_pays = s.short_pays;
    b.discounts_taken = s.discounts_taken;
    b.discounts_late = s.discounts_late;
    b.by_channel = s.channels;
    for (int k = 0; k < kChannels; ++k) {
      b.payments += s.channels[k];
      if (s.channels[k] > b.by_channel[static_cast<int>(b.preferred)] ||
          (s.channels[k] > 0 && b.by_channel[static_cast<int>(b.preferred)] == s.channels[k] &&
           k < static_cast<int>(b.preferred))) {
        b.preferred = static_cast<Channel>(k);
      }
    }
    if (s.items > 0) {
      const int64_t n = static_cast<int64_t>(s.items);
      b.days_to_pay_tenths = TenthsOf(s.days_to_pay, n);
      b.days_beyond_terms_tenths = TenthsOf(s.days_beyond, n);
      while (d < delays.size() && (delays[d] >> 32) < c) ++d;  // every entry's customer was seen
      const uint64_t median = delays[d + (s.items - 1) / 2];
      b.median_delay = static_cast<int32_t>(static_cast<uint32_t>(median) ^ 0x80000000u);
      d += s.items;
    }
    out.push_back(b);
  }
  return out;
}

Date PredictPaymentDate(const PaymentBehaviour* behaviour, Date due, Date today) {
  Date predicted = due;
  if (behaviour && behaviour->items >= kMinHistoryForPrediction) predicted.days += behaviour->median_delay;
  return std::max(predicted, today);
}

}  // namespace cashmatch
