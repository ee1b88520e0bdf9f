// Reference tokens in remittance text. Internal to the matcher.
//
// Payers write invoice numbers every way there is ("INV-004512", "inv
// 4512", "#4512", "Invoice No. 4512", "RE 4512/4513"), and banks break long
// text over continuation records, sometimes in the middle of a number. A
// token is a run of letters, digits and the joiners '-', '.', '#', '_' that
// holds at least one digit; a prefix word (INV, INVOICE, NO, REF, ...)
// standing alone before it is taken into it, as NormalizeReference would
// drop it anyway. Adjacent tokens are also offered joined, flagged, to find
// a number broken by a continuation record.
#ifndef CASHMATCH_ENGINE_MATCH_TOKENS_H_
#define CASHMATCH_ENGINE_MATCH_TOKENS_H_

#include <string>
#include <string_view>
#include <vector>

namespace cashmatch::internal {

struct RefToken {
  std::string raw;         // as written (prefix word included), for evidence
  std::string normalized;  // NormalizeReference(raw); never empty
  // How much the token looks like a document reference rather than any
  // number (a year, an amount, a count): a prefix word, leading zeros, or
  // length. 0 weak .. 3 strong.
  int strength = 0;
  bool joined = false;  // two adjacent tokens taken as one
};

// Bank identifiers (BICs such as "CASHUS33") are never tokens.
// The distinct tokens of `text` (by normalized form, first occurrence
// kept), in order of appearance; at most `max_tokens`.
std::vector<RefToken> ExtractRefTokens(std::string_view text, size_t max_tokens = 64);

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_MATCH_TOKENS_H_
