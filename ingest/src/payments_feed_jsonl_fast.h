// The fast path of the payments JSON Lines reader: a scanner for the line
// nearly every feed consists of, one flat object of strings, numbers,
// booleans and nulls (plus `lines` as an array of such objects), without
// escapes. It reads such a line in one pass, with views straight into the
// input, several times faster than simdjson On-Demand can for lines this
// short (its setup per document dominates).
//
// It never decides that a line is wrong: anything it is not certain is
// valid JSON of that shape (an escape, a nested value, a duplicate field, a
// control character, invalid UTF-8, a syntax error) makes it decline, and
// the line is then parsed by simdjson, which accepts it or words the error.
// So the fast path changes speed, never results; the fuzz target checks
// that the two agree. Internal to ingest.
#ifndef CASHMATCH_INGEST_PAYMENTS_FEED_JSONL_FAST_H_
#define CASHMATCH_INGEST_PAYMENTS_FEED_JSONL_FAST_H_

#include <cstddef>
#include <string_view>

#include "bank_parsers.h"
#include "cashmatch/status.h"
#include "payments_feed_fields.h"

namespace cashmatch::ingest {

// Reads the line starting at `p` (which must not be past `end`). On success
// fills *row (cleared first; views into [p, end)) and sets *newline to the
// position of the line's '\n', or `end` when it is the last line without
// one. With `ascii_only`, declines strings holding bytes above 0x7F
// (a Windows-1252 file's lines need transcoding); otherwise such strings
// must be valid UTF-8.
bool FastParseFeedLine(const char* p, const char* end, bool ascii_only, FeedRow* row,
                       const char** newline);

// The JSON Lines reader with the fast path on or off; ParsePaymentsJsonl is
// the former. For the fuzz target, which checks that both agree.
Result<BankFile> ParsePaymentsJsonlWith(std::string_view bytes, const ParseContext& ctx,
                                        bool fast_path);

}  // namespace cashmatch::ingest

#endif  // CASHMATCH_INGEST_PAYMENTS_FEED_JSONL_FAST_H_
