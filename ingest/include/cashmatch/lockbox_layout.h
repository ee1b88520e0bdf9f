// Where a bank puts each field of its lockbox transmission records.
//
// BAI lockbox files are fixed-width, but banks differ in the positions of
// the check (6) and overflow (4) records. LockboxLayout::Default() is the
// layout in spec §2.2; an operator describes another bank's layout in the
// config file by field name (see docs/ingest.md), without code.
#ifndef CASHMATCH_LOCKBOX_LAYOUT_H_
#define CASHMATCH_LOCKBOX_LAYOUT_H_

#include <cstdint>
#include <functional>
#include <string_view>

#include "cashmatch/status.h"

namespace cashmatch {

// A field of a fixed-width record: 1-based first position and length in
// bytes. length 0: this bank's layout does not carry the field.
struct FixedField {
  uint16_t start = 0;
  uint16_t length = 0;

  bool present() const { return length != 0; }
  friend bool operator==(const FixedField&, const FixedField&) = default;
};

struct LockboxLayout {
  // Physical record length; shorter lines are read as if padded with
  // spaces (many banks strip trailing blanks). 0: records are lines of any
  // length.
  uint16_t record_length = 80;
  // How the layout's six-digit dates are written: most banks use YYMMDD,
  // some MMDDYY.
  enum class DateOrder : uint8_t { kYymmdd, kMmddyy };
  DateOrder date_order = DateOrder::kYymmdd;

  // 1: transmission header.
  FixedField header_date;  // six-digit date in date_order
  // 5: batch (lockbox) header.
  FixedField batch_number;
  FixedField batch_lockbox;
  FixedField batch_deposit_date;
  // 6: one check.
  FixedField check_batch;
  FixedField check_item;
  FixedField check_amount;  // minor units, digits only
  FixedField check_routing;
  FixedField check_account;
  FixedField check_number;
  FixedField check_date;
  FixedField check_invoice;
  FixedField check_invoice_amount;
  FixedField check_remitter;  // payer name, where the bank writes one
  // 4: invoice overflow for the check before it.
  FixedField overflow_batch;
  FixedField overflow_item;
  FixedField overflow_type;
  FixedField overflow_sequence;
  FixedField overflow_last;  // '9' on the item's last overflow record
  FixedField overflow_invoice;
  FixedField overflow_amount;
  FixedField overflow_discount;
  // 7: batch trailer.
  FixedField batch_total_batch;
  FixedField batch_total_items;
  FixedField batch_total_amount;
  // 8: lockbox trailer.
  FixedField lockbox_total_items;
  FixedField lockbox_total_amount;
  // 9: transmission trailer.
  FixedField file_record_count;

  // The layout of spec §2.2.
  static LockboxLayout Default();

  friend bool operator==(const LockboxLayout&, const LockboxLayout&) = default;
};

// Sets the field called `name` (the member names above: "check_amount",
// "overflow_invoice", ...). kInvalidInput for an unknown name, a start of 0
// with a non-zero length, or a field that ends past record_length when that
// is non-zero.
Status SetLockboxField(LockboxLayout* layout, std::string_view name, FixedField field);

// Calls `fn` with each field's name and value, in declaration order.
void ForEachLockboxField(const LockboxLayout& layout,
                         const std::function<void(std::string_view, FixedField)>& fn);

}  // namespace cashmatch

#endif  // CASHMATCH_LOCKBOX_LAYOUT_H_
