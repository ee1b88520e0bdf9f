// The :86: dialect readers (mt94x_info.h lists the dialects) and the
// helpers they share. Internal to the MT94x reader.
#ifndef CASHMATCH_INGEST_MT94X_DIALECTS_H_
#define CASHMATCH_INGEST_MT94X_DIALECTS_H_

#include <span>
#include <string>
#include <string_view>

#include "bank_text.h"
#include "cashmatch/domain.h"
#include "mt94x_fields.h"
#include "mt94x_info.h"

namespace cashmatch::ingest::mt94x {

inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }

inline std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// Characters in `s` as the file's encoding counts them.
inline size_t CharCount(std::string_view s, TextEncoding encoding) {
  return CountChars(s, encoding == TextEncoding::kUtf8);
}

// Placeholders banks write where a reference would go (NOTPROVIDED, ...).
bool IsNoReference(std::string_view s);

// Sets `out` to an account number as written, without the blanks some
// banks group IBANs with.
void SetAccount(std::string_view raw, TextEncoding encoding, std::string* out);

// ---- German DK sub-fields (mt94x_dk.cc)

// "166?00GUTSCHRIFT?20...": true with the GV code, the separator ('?', or
// Triodos' '>') and where the first sub-field starts.
bool DetectDk(std::string_view s, std::string_view* gv, char* sep, size_t* body);
// The field's lines as one stream (see mt94x_dk.cc for the line rules).
void JoinDk(std::span<const FieldLine> lines, char sep, TextEncoding encoding, std::string* out);
// Reads the joined field `s` (as DetectDk found it) into the payment.
void ParseDk(std::string_view s, std::string_view gv, char sep, size_t body, TextEncoding encoding,
             InfoScratch* scratch, Payment* p, InfoExtras* extras);

// ---- slash tags (mt94x_slash.cc)

// `s` starts with a known tag ("/NAME/", "/EREF/", ...).
bool StartsWithSlashTag(std::string_view s);
// Reads the joined field `s` into the payment.
void ParseSlashTags(std::string_view s, TextEncoding encoding, Payment* p, InfoExtras* extras);

}  // namespace cashmatch::ingest::mt94x

#endif  // CASHMATCH_INGEST_MT94X_DIALECTS_H_
