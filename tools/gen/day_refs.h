// How payers write references and remittance text: the edits of the typo
// and OCR scenarios, the other reference styles, the bank phrasings of
// free-text remittance, and payer names that are on no file. Pure
// functions of their arguments and the random stream. Internal to
// tools/gen (the day generator and its tests).
#ifndef CASHMATCH_TOOLS_GEN_DAY_REFS_H_
#define CASHMATCH_TOOLS_GEN_DAY_REFS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "cashmatch/money.h"
#include "day_rng.h"

namespace cashmatch::gen::day {

enum class TypoKind : uint8_t { kSubstitution, kTransposition, kDeletion, kInsertion };
std::string_view TypoKindName(TypoKind kind);

// `ref` with one keying error among the characters NormalizeReference keeps
// (a change elsewhere, such as in a prefix word or a leading zero, would
// not reach the engine at all), so that the normalized forms are at
// Damerau-Levenshtein (OSA) distance exactly 1. Precondition:
// NormalizeReference(ref) is not empty.
std::string MakeTypo(std::string_view ref, Rng& rng, TypoKind* kind);

// `ref` as an OCR engine misreads a scanned remittance: one or two of the
// characters O/0, I/1, S/5, B/8 swapped for their look-alike. Returns ""
// when `ref` has none of them; *count is the number of swaps.
std::string MakeOcr(std::string_view ref, Rng& rng, int* count);

// Ways payers write an invoice number other than as the ERP did. All but
// kEmbedded and kSplit normalize (NormalizeReference) to the original's
// key; kEmbedded puts the reference in a longer sentence; kSplit breaks it
// with a blank, as text rejoined at a continuation break with a space
// reads (banks break long text over continuation records, mid-word too).
enum class RefStyle : uint8_t {
  kLowerWord,       // "inv 4512"
  kHash,            // "#4512"
  kInvoiceNo,       // "Invoice No. 4512"
  kNoSeparator,     // "INV4512"
  kNoLeadingZeros,  // "INV-4512" for "INV-00004512"
  kEmbedded,        // "PAYMENT FOR INVOICE INV-00004512 THANK YOU"
  kSplit,           // "INV-00004 512"
};
inline constexpr int kRefStyleCount = 7;
std::string_view RefStyleName(RefStyle style);

// `ref` in `style`; "" when the style does not apply to this reference
// (no leading zeros to drop, too short to split).
std::string MakeStyle(std::string_view ref, RefStyle style, Rng& rng);

// Where free text goes, and how each channel's senders phrase it.
enum class TextChannel : uint8_t {
  kBai2,        // 16/88 text after the writer's label: refs, X12 RMR passed through
  kMt940,       // :86: purpose text
  kCamt,        // Ustrd
  kAchAddenda,  // CCD+ 05 addenda: mostly X12 RMR segments
  kFeed,        // payments CSV / JSONL `remittance`
};

// One referenced document in free text.
struct TextItem {
  std::string reference;
  char kind = 'I';              // 'I' invoice, 'C' credit memo, 'P' purchase order
  std::optional<Money> amount;  // what the payer says it pays on it
};

// Free remittance text for `items` in the channel's phrasing; `note` (a
// deduction reason, "LESS DISCOUNT") follows the references.
std::string RemittanceText(TextChannel channel, std::span<const TextItem> items,
                           std::string_view note, Rng& rng);

// Text with no usable reference ("ACH PAYMENT", "THANK YOU", or ""), and
// text of money unrelated to any invoice ("TAX REFUND"): words only, so no
// token can normalize to an invoice number.
std::string_view NoReferenceText(Rng& rng);
std::string_view NoiseText(Rng& rng);

// A deduction reason as a short code (X12 ADX02, camt Rsn) and its words.
struct DeductionReason {
  std::string_view code;
  std::string_view words;
};
const DeductionReason& PickDeductionReason(Rng& rng);

// A payer that is no customer: a payment processor paying for one, or a
// person. Not necessarily absent from the ledger's names: check.
std::string UnknownPayerName(Rng& rng);

// Accounts no customer holds: "ROUTING:ACCOUNT" with a valid ABA check
// digit, or a German IBAN with valid check digits.
std::string RandomUsAccount(Rng& rng);
std::string RandomIban(Rng& rng, std::string_view country = "DE");
// The IBAN of `bban` (letters and digits) in `country`, with its ISO 7064
// mod 97-10 check digits.
std::string Iban(std::string_view country, std::string_view bban);

}  // namespace cashmatch::gen::day

#endif  // CASHMATCH_TOOLS_GEN_DAY_REFS_H_
