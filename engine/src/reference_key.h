// How the ledger's reference table files an invoice under its normalized
// id, so that a lookup can settle a match from the 12-byte slot alone.
//
// A normalized reference of up to kCodedLength characters has an exact
// code (ReferenceCode). Its hash is a bijection of that code (MixBits), so
// the slot's tag (the hash's top half) and check (its low half) name the
// reference exactly: equal tag and check mean the same normalized id, and
// the invoice need not be read. Longer references (and ids that normalize
// to nothing, filed under their raw id) are hashed with XXH3 and marked
// uncoded in the slot's value (kUncoded); a match among those is settled by
// reading the invoice. So is a coded reference whose hash has a top half of
// 0 or 1, which the tag cannot tell apart (TagOf maps 0 to 1): one in two
// billion.
#ifndef CASHMATCH_ENGINE_REFERENCE_KEY_H_
#define CASHMATCH_ENGINE_REFERENCE_KEY_H_

#include <cstdint>
#include <string_view>

#include "hashing.h"
#include "normalize.h"

namespace cashmatch::internal {

// Set in a reference-table value whose slot does not settle the match.
inline constexpr uint32_t kUncoded = 0x80000000;

struct ReferenceKey {
  uint64_t hash;   // where the table files it
  uint32_t check;  // the slot's payload: the hash's low half when coded, else 0
  bool coded;      // tag and check name the normalized reference exactly

  // The value the table keeps for invoice `no` under this key.
  uint32_t Value(uint32_t no) const { return coded ? no : no | kUncoded; }
  // Whether an entry (value, check) may be an invoice with this key's
  // reference: for a coded key, exactly when it is one; for an uncoded
  // one, the invoice's record decides.
  bool Wanted(uint32_t value, uint32_t entry_check) const {
    return coded ? value < kUncoded && entry_check == check : value >= kUncoded;
  }
};

// The key of a non-empty normalized reference.
inline ReferenceKey KeyOfReference(std::string_view normalized) {
  if (const uint64_t code = ReferenceCode(normalized); code != 0) {
    const uint64_t hash = MixBits(code);
    if ((hash >> 32) > 1) return ReferenceKey{hash, static_cast<uint32_t>(hash), true};
  }
  return ReferenceKey{HashKey(normalized), 0, false};
}

// The key an invoice is filed under: its normalized id's, or, when that is
// empty, its raw id with a seed of its own, so FindInvoice still finds it
// and no reference lookup does (they look up non-empty normalized ids).
inline ReferenceKey KeyOfInvoiceId(std::string_view id, std::string_view normalized) {
  constexpr uint64_t kRawIdSeed = 0x7261772d6964;
  if (normalized.empty()) return ReferenceKey{HashKey(id, kRawIdSeed), 0, false};
  return KeyOfReference(normalized);
}

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_REFERENCE_KEY_H_
