// Small JSON text checks shared by the JSON Lines readers (open items and
// the payments feed). Internal to ingest.
#ifndef CASHMATCH_INGEST_JSON_TEXT_H_
#define CASHMATCH_INGEST_JSON_TEXT_H_

#include <cstddef>
#include <string_view>

namespace cashmatch::ingest {

inline bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// RFC 8259 number grammar. simdjson hands a number's token over unchecked
// when it is not parsed as binary floating point, so the readers check it
// here before reading the digits as money.
bool IsJsonNumber(std::string_view s);

}  // namespace cashmatch::ingest

#endif  // CASHMATCH_INGEST_JSON_TEXT_H_
