// The records of collections work that cashmatch keeps besides the cash
// application itself: deductions (short pays a person must settle) and the
// dunning reminders already sent. docs/deductions.md and docs/reminders.md
// describe how they arise and what each field means.
//
// Owning value types, safe to copy and move between threads; none is
// synchronized for concurrent mutation.
#ifndef CASHMATCH_COLLECTIONS_H_
#define CASHMATCH_COLLECTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/date.h"
#include "cashmatch/money.h"

namespace cashmatch {

enum class DeductionStatus : uint8_t {
  kOpen = 0,
  kUnderReview = 1,
  kResolvedValid = 2,    // the payer was right: the ERP issues a credit
  kResolvedInvalid = 3,  // the payer owes it: collections goes after it
  kWrittenOff = 4,
  kVoid = 5,  // the application that left it was reversed
};
// "open", "under_review", "resolved_valid", "resolved_invalid",
// "written_off", "void".
std::string_view DeductionStatusName(DeductionStatus s);
std::optional<DeductionStatus> ParseDeductionStatus(std::string_view name);
// Open and under review: the invoice is in dispute.
inline bool IsDisputed(DeductionStatus s) {
  return s == DeductionStatus::kOpen || s == DeductionStatus::kUnderReview;
}

struct DeductionNote {
  Timestamp at;
  std::string text;
  friend bool operator==(const DeductionNote&, const DeductionNote&) = default;
};

// A short pay left open on an invoice. Identified by the application that
// left it: (batch_id, seq), written "BATCH-SEQ". The invoice, payment and
// amount never change once created; status, notes and updated do.
struct Deduction {
  uint64_t batch_id = 0;  // the batch of the application that left it
  uint32_t seq = 0;       // that application's seq
  std::string company;
  std::string invoice_id;
  std::string customer_id;
  uint64_t payment_id = 0;
  Money amount;        // positive: what the payer did not pay
  std::string reason;  // the remittance's adjustment reason, or "unknown"
  DeductionStatus status = DeductionStatus::kOpen;
  std::vector<DeductionNote> notes;  // append-only, oldest first
  Timestamp created;
  Timestamp updated;
  uint64_t updated_batch = 0;  // the batch of the last change (batch_id at creation)

  std::string id() const { return std::to_string(batch_id) + "-" + std::to_string(seq); }
  friend bool operator==(const Deduction&, const Deduction&) = default;
};

// "12-3" -> {12, 3}; nullopt unless exactly two decimal numbers joined by '-'.
std::optional<std::pair<uint64_t, uint32_t>> ParseDeductionId(std::string_view text);

// One dunning step sent for one invoice: kept so the step is never sent
// twice for it.
struct SentReminder {
  std::string customer_id;
  std::string company;
  std::string invoice_id;
  std::string step;  // the policy step's name
  Timestamp sent;
  Date as_of;           // the date the run reminded as of
  Money open_amount;    // what was open then
  std::string to;       // recipients, comma separated
  friend bool operator==(const SentReminder&, const SentReminder&) = default;
};

}  // namespace cashmatch

#endif  // CASHMATCH_COLLECTIONS_H_
