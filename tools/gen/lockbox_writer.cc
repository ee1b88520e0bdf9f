// BAI lockbox transmissions in any LockboxLayout. Checks are numbered in
// batches (batch 001, 002, ... with items 001, 002, ...); the first invoice
// goes on the 6 record where the layout has room for it, the rest on 4
// overflow records. Counts and totals are split where the layout's fields
// would overflow: a batch closes at 999 checks, a lockbox (8 trailer) at
// 9999 checks, and a new transmission (1 ... 9) starts before the 9
// record's count would pass 999999 records. The seed picks the batch sizes
// and LF or CRLF. Amounts, numbers and names must fit the layout's fields;
// what does not fit is cut. See docs/formats/lockbox.md.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>

#include "bank_writers.h"

namespace cashmatch::gen {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t s_;
};

// Largest value a field of `length` digits holds.
int64_t Capacity(FixedField f) {
  int64_t v = 0;
  for (int i = 0; i < f.length && i < 18; ++i) v = v * 10 + 9;
  return v;
}

class Writer {
 public:
  Writer(const BankWriteOptions& o, const LockboxLayout& layout)
      : o_(o), layout_(layout), rng_(o.seed), spec_(layout == LockboxLayout::Default()) {
    eol_ = rng_.Below(100) < 30 ? "\r\n" : "\n";
  }

  std::string Write(std::span<const Payment> payments);

 private:
  // A record being built: blanks, the type in column 1.
  std::string Start(char type) {
    std::string r(layout_.record_length > 0 ? layout_.record_length : 1, ' ');
    r[0] = type;
    return r;
  }
  void Put(std::string* r, FixedField f, std::string_view value) {
    if (!f.present()) return;
    const size_t begin = static_cast<size_t>(f.start) - 1;
    if (r->size() < begin + f.length) r->resize(begin + f.length, ' ');
    r->replace(begin, f.length, std::string(value.substr(0, f.length)) +
                                    std::string(f.length - std::min<size_t>(f.length, value.size()), ' '));
  }
  void PutNumber(std::string* r, FixedField f, int64_t v) {
    if (!f.present()) return;
    std::string digits = std::to_string(v < 0 ? 0 : v);
    if (digits.size() > f.length) digits = digits.substr(digits.size() - f.length);
    Put(r, f, std::string(f.length - digits.size(), '0') + digits);
  }
  // The spec layout's fixed positions the LockboxLayout does not name.
  void PutAt(std::string* r, uint16_t start, std::string_view value) {
    if (spec_) Put(r, FixedField{start, static_cast<uint16_t>(value.size())}, value);
  }
  void Emit(std::string r) {
    if (layout_.record_length == 0) {
      while (r.size() > 1 && r.back() == ' ') r.pop_back();
    }
    out_.append(r);
    out_.append(eol_);
    ++records_;
  }
  std::string Date6(Date d) const {
    int y;
    unsigned m, day;
    d.ToCivil(&y, &m, &day);
    char buf[8];
    if (layout_.date_order == LockboxLayout::DateOrder::kMmddyy) {
      std::snprintf(buf, sizeof buf, "%02u%02u%02d", m, day, y % 100);
    } else {
      std::snprintf(buf, sizeof buf, "%02d%02u%02u", y % 100, m, day);
    }
    return buf;
  }
  std::string Lockbox() const {
    std::string lb = o_.account;
    const size_t width = layout_.batch_lockbox.length;
    if (width > 0 && lb.size() > width) lb = lb.substr(lb.size() - width);
    return lb;
  }

  void BeginTransmission();
  void EndTransmission();
  void BeginLockbox();
  void EndLockbox();
  void BeginBatch();
  void EndBatch();
  void Check(const Payment& p);

  const BankWriteOptions& o_;
  const LockboxLayout& layout_;
  Rng rng_;
  bool spec_;
  const char* eol_;
  std::string out_;

  uint64_t records_ = 0;
  bool lockbox_open_ = false;
  uint64_t lockbox_items_ = 0;
  int64_t lockbox_total_ = 0;
  bool batch_open_ = false;
  uint64_t batch_ = 0;
  uint64_t batch_items_ = 0;
  int64_t batch_total_ = 0;
  uint64_t batch_size_ = 0;
};

void Writer::BeginTransmission() {
  records_ = 0;
  std::string r = Start('1');
  PutAt(&r, 2, "00");
  PutAt(&r, 4, "CASHMATCH ");
  PutAt(&r, 14, o_.bank_id.substr(0, 10));
  Put(&r, layout_.header_date, Date6(o_.date));
  PutAt(&r, 30, "0600");
  Emit(std::move(r));
  if (spec_) {
    std::string s = Start('2');
    PutAt(&s, 2, "CASHMATCH ");
    PutAt(&s, 12, o_.bank_id.substr(0, 10));
    PutAt(&s, 22, "0000000000");
    PutAt(&s, 32, "400");
    PutAt(&s, 35, "080");
    PutAt(&s, 38, "0080");
    PutAt(&s, 42, "1");
    Emit(std::move(s));
  }
}

void Writer::EndTransmission() {
  std::string r = Start('9');
  PutNumber(&r, layout_.file_record_count, static_cast<int64_t>(records_ + 1));
  Emit(std::move(r));
}

void Writer::BeginLockbox() {
  lockbox_open_ = true;
  lockbox_items_ = 0;
  lockbox_total_ = 0;
}

void Writer::EndLockbox() {
  if (batch_open_) EndBatch();
  std::string r = Start('8');
  PutAt(&r, 2, "000000");
  PutAt(&r, 8, Lockbox());
  PutAt(&r, 15, Date6(o_.date));
  PutNumber(&r, layout_.lockbox_total_items, static_cast<int64_t>(lockbox_items_));
  PutNumber(&r, layout_.lockbox_total_amount, lockbox_total_);
  Emit(std::move(r));
  lockbox_open_ = false;
}

void Writer::BeginBatch() {
  ++batch_;
  if (batch_ > 999) batch_ = 1;
  batch_open_ = true;
  batch_items_ = 0;
  batch_total_ = 0;
  batch_size_ = 20 + rng_.Below(480);
  std::string r = Start('5');
  PutNumber(&r, layout_.batch_number, static_cast<int64_t>(batch_));
  PutAt(&r, 5, "000");
  Put(&r, layout_.batch_lockbox, Lockbox());
  Put(&r, layout_.batch_deposit_date, Date6(o_.date));
  PutAt(&r, 21, "CASHMATCH ");
  PutAt(&r, 31, o_.bank_id.substr(0, 10));
  Emit(std::move(r));
}

void Writer::EndBatch() {
  std::string r = Start('7');
  PutNumber(&r, layout_.batch_total_batch, static_cast<int64_t>(batch_));
  PutAt(&r, 5, [&] {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03u", static_cast<unsigned>(batch_items_ % 1000));
    return std::string(buf);
  }());
  PutAt(&r, 8, Lockbox());
  PutAt(&r, 15, Date6(o_.date));
  PutNumber(&r, layout_.batch_total_items, static_cast<int64_t>(batch_items_));
  PutNumber(&r, layout_.batch_total_amount, batch_total_);
  Emit(std::move(r));
  batch_open_ = false;
}

void Writer::Check(const Payment& p) {
  const int64_t amount = p.amount.minor;
  // At worst this check brings a 7, 8 and 5 before it, its 6 and
  // overflows, and the transmission still needs a 7, 8 and 9 after it.
  const uint64_t worst = records_ + p.remittance.size() + 8;
  const uint64_t max_records = layout_.file_record_count.present()
                                   ? static_cast<uint64_t>(Capacity(layout_.file_record_count))
                                   : UINT64_MAX;
  if (worst > max_records && lockbox_open_) {
    EndLockbox();
    EndTransmission();
    BeginTransmission();
  }
  const bool items_full = layout_.lockbox_total_items.present() &&
                          lockbox_items_ + 1 > static_cast<uint64_t>(Capacity(layout_.lockbox_total_items));
  const bool total_full = layout_.lockbox_total_amount.present() &&
                          lockbox_total_ + amount > Capacity(layout_.lockbox_total_amount);
  if (lockbox_open_ && (items_full || total_full)) {
    EndLockbox();
  }
  if (!lockbox_open_) BeginLockbox();
  uint64_t batch_limit = batch_size_;
  if (layout_.batch_total_items.present()) {
    batch_limit = std::min<uint64_t>(batch_limit, Capacity(layout_.batch_total_items));
  }
  if (layout_.check_item.present()) {
    batch_limit = std::min<uint64_t>(batch_limit, Capacity(layout_.check_item));
  }
  if (batch_open_ && (batch_items_ + 1 > batch_limit ||
                      (layout_.batch_total_amount.present() &&
                       batch_total_ + amount > Capacity(layout_.batch_total_amount)))) {
    EndBatch();
  }
  if (!batch_open_) BeginBatch();
  ++batch_items_;
  ++lockbox_items_;
  batch_total_ += amount;
  lockbox_total_ += amount;

  std::string r = Start('6');
  PutNumber(&r, layout_.check_batch, static_cast<int64_t>(batch_));
  PutNumber(&r, layout_.check_item, static_cast<int64_t>(batch_items_));
  PutNumber(&r, layout_.check_amount, amount);
  std::string routing;
  std::string account = p.payer_account;
  if (const size_t colon = account.find(':'); colon != std::string::npos) {
    routing = account.substr(0, colon);
    account = account.substr(colon + 1);
  }
  Put(&r, layout_.check_routing, routing);
  Put(&r, layout_.check_account, account);
  Put(&r, layout_.check_number, p.trace_number);
  Put(&r, layout_.check_date, Date6(p.value_date.days != 0 ? p.value_date : o_.date));
  Put(&r, layout_.check_remitter, p.payer_name);
  size_t first_overflow = 0;
  // The 6 record's invoice has no discount field: such a line goes on a 4.
  if (!p.remittance.empty() && layout_.check_invoice.present() && !p.remittance[0].discount &&
      !p.remittance[0].invoice_amount) {
    Put(&r, layout_.check_invoice, p.remittance[0].reference);
    if (p.remittance[0].paid) PutNumber(&r, layout_.check_invoice_amount, p.remittance[0].paid->minor);
    first_overflow = 1;
  }
  Emit(std::move(r));
  const size_t overflows = p.remittance.size() - first_overflow;
  for (size_t i = 0; i < overflows; ++i) {
    const RemittanceLine& line = p.remittance[first_overflow + i];
    std::string o = Start('4');
    PutNumber(&o, layout_.overflow_batch, static_cast<int64_t>(batch_));
    PutNumber(&o, layout_.overflow_item, static_cast<int64_t>(batch_items_));
    Put(&o, layout_.overflow_type, "4");
    PutNumber(&o, layout_.overflow_sequence, static_cast<int64_t>(i + 1));
    Put(&o, layout_.overflow_last, i + 1 == overflows ? "9" : "0");
    Put(&o, layout_.overflow_invoice, line.reference);
    if (line.paid) PutNumber(&o, layout_.overflow_amount, line.paid->minor);
    if (line.discount) PutNumber(&o, layout_.overflow_discount, line.discount->minor);
    Emit(std::move(o));
  }
}

std::string Writer::Write(std::span<const Payment> payments) {
  out_.reserve(payments.size() * 250 + 512);
  BeginTransmission();
  for (const Payment& p : payments) {
    if (p.direction != Direction::kCredit) continue;
    Check(p);
  }
  if (!lockbox_open_) {
    BeginLockbox();
    BeginBatch();
  }
  EndLockbox();
  EndTransmission();
  return std::move(out_);
}

}  // namespace

std::string WriteLockbox(std::span<const Payment> payments, const BankWriteOptions& options,
                         const LockboxLayout& layout) {
  Writer w(options, layout);
  return w.Write(payments);
}

}  // namespace cashmatch::gen
