// Renders payments as the plain payments feed (spec §2.2), CSV or JSON
// Lines, the way a lockbox provider or an ERP export would write it: for
// benchmarks, fuzz seeds and round-trip tests of the feed reader.
//
// Both are pure functions of the payments (same payments, same bytes) and
// produce a file ReadBankFile reads back into the same payments: source_ref,
// dates, amount, currency, direction, payer, account, trace number,
// transaction code, return flag, reason and original reference, remittance
// lines and text. The cosmetic choices real feeds differ in (quoting, column
// order, amounts as JSON numbers or strings, signed amounts or a direction
// field, omitted or null optional fields, escaped or raw non-ASCII, the
// compact or the structured form of `lines`) vary with a hash of each
// payment's source_ref, so one file meets them all.
//
// What the feed cannot carry: a return_reason on a payment that is not a
// return (the reader marks it a return), text with line breaks (they come
// back as spaces) or surrounding blanks (trimmed), remittance amounts in a
// currency other than the payment's (written in the payment's), and the
// fields no feed has (payment_id, bank_entry_ref, batch_count).
// Identifiers (source_ref, accounts, references) must hold no control
// characters, or the reader refuses the file.
#ifndef CASHMATCH_TOOLS_GEN_PAYMENTS_FEED_WRITER_H_
#define CASHMATCH_TOOLS_GEN_PAYMENTS_FEED_WRITER_H_

#include <span>
#include <string>

#include "cashmatch/domain.h"

namespace cashmatch::gen {

// A header row, then one row per payment; CR LF line ends as spreadsheets
// write them.
std::string WritePaymentsCsv(std::span<const Payment> payments);
// One JSON object per line, LF line ends.
std::string WritePaymentsJsonl(std::span<const Payment> payments);

}  // namespace cashmatch::gen

#endif  // CASHMATCH_TOOLS_GEN_PAYMENTS_FEED_WRITER_H_
