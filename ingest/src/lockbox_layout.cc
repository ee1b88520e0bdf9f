#include "cashmatch/lockbox_layout.h"

#include <string>

namespace cashmatch {
namespace {

// One table drives SetLockboxField and ForEachLockboxField, so the names the
// config file accepts cannot drift from the struct.
struct FieldName {
  std::string_view name;
  FixedField LockboxLayout::*member;
};

constexpr FieldName kFields[] = {
    {"header_date", &LockboxLayout::header_date},
    {"batch_number", &LockboxLayout::batch_number},
    {"batch_lockbox", &LockboxLayout::batch_lockbox},
    {"batch_deposit_date", &LockboxLayout::batch_deposit_date},
    {"check_batch", &LockboxLayout::check_batch},
    {"check_item", &LockboxLayout::check_item},
    {"check_amount", &LockboxLayout::check_amount},
    {"check_routing", &LockboxLayout::check_routing},
    {"check_account", &LockboxLayout::check_account},
    {"check_number", &LockboxLayout::check_number},
    {"check_date", &LockboxLayout::check_date},
    {"check_invoice", &LockboxLayout::check_invoice},
    {"check_invoice_amount", &LockboxLayout::check_invoice_amount},
    {"check_remitter", &LockboxLayout::check_remitter},
    {"overflow_batch", &LockboxLayout::overflow_batch},
    {"overflow_item", &LockboxLayout::overflow_item},
    {"overflow_type", &LockboxLayout::overflow_type},
    {"overflow_sequence", &LockboxLayout::overflow_sequence},
    {"overflow_last", &LockboxLayout::overflow_last},
    {"overflow_invoice", &LockboxLayout::overflow_invoice},
    {"overflow_amount", &LockboxLayout::overflow_amount},
    {"overflow_discount", &LockboxLayout::overflow_discount},
    {"batch_total_batch", &LockboxLayout::batch_total_batch},
    {"batch_total_items", &LockboxLayout::batch_total_items},
    {"batch_total_amount", &LockboxLayout::batch_total_amount},
    {"lockbox_total_items", &LockboxLayout::lockbox_total_items},
    {"lockbox_total_amount", &LockboxLayout::lockbox_total_amount},
    {"file_record_count", &LockboxLayout::file_record_count},
};

constexpr FixedField At(uint16_t start, uint16_t length) { return FixedField{start, length}; }

}  // namespace

LockboxLayout LockboxLayout::Default() {
  LockboxLayout l;
  l.record_length = 80;
  l.header_date = At(24, 6);
  l.batch_number = At(2, 3);
  l.batch_lockbox = At(8, 7);
  l.batch_deposit_date = At(15, 6);
  l.check_batch = At(2, 3);
  l.check_item = At(5, 3);
  l.check_amount = At(8, 10);
  l.check_routing = At(18, 9);
  l.check_account = At(27, 10);
  l.check_number = At(37, 10);
  l.check_date = At(47, 6);
  l.check_invoice = At(53, 16);
  l.check_invoice_amount = At(69, 10);
  l.overflow_batch = At(2, 3);
  l.overflow_item = At(5, 3);
  l.overflow_type = At(8, 1);
  l.overflow_sequence = At(9, 2);
  l.overflow_last = At(11, 1);
  l.overflow_invoice = At(12, 16);
  l.overflow_amount = At(28, 10);
  l.overflow_discount = At(38, 10);
  l.batch_total_batch = At(2, 3);
  l.batch_total_items = At(21, 3);
  l.batch_total_amount = At(24, 10);
  l.lockbox_total_items = At(21, 4);
  l.lockbox_total_amount = At(25, 10);
  l.file_record_count = At(2, 6);
  return l;
}

Status SetLockboxField(LockboxLayout* layout, std::string_view name, FixedField field) {
  for (const FieldName& f : kFields) {
    if (f.name != name) continue;
    if (field.length != 0 && field.start == 0) {
      return Status::InvalidInput("lockbox field " + std::string(name) +
                                  ": positions are 1-based; start 0 is not a position");
    }
    if (field.length != 0 && layout->record_length != 0 &&
        field.start + field.length - 1 > layout->record_length) {
      return Status::InvalidInput("lockbox field " + std::string(name) + " ends at position " +
                                  std::to_string(field.start + field.length - 1) +
                                  ", past the record length " +
                                  std::to_string(layout->record_length));
    }
    layout->*f.member = field;
    return Status::Ok();
  }
  return Status::InvalidInput("unknown lockbox field '" + std::string(name) + "'");
}

void ForEachLockboxField(const LockboxLayout& layout,
                         const std::function<void(std::string_view, FixedField)>& fn) {
  for (const FieldName& f : kFields) fn(f.name, layout.*f.member);
}

}  // namespace cashmatch
