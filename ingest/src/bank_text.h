// Text helpers shared by the bank-format parsers. Internal to ingest.
#ifndef CASHMATCH_INGEST_BANK_TEXT_H_
#define CASHMATCH_INGEST_BANK_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "cashmatch/status.h"

namespace cashmatch::ingest {

bool IsValidUtf8(std::string_view text);

// Appends `raw` to `out` as UTF-8: unchanged when it is valid UTF-8,
// otherwise byte by byte as Windows-1252 (Latin-1 where 1252 leaves a byte
// undefined), which is what older banks send. Control characters other than
// tab become spaces, so that a stray byte cannot break an output line.
void AppendUtf8(std::string_view raw, std::string* out);
std::string ToUtf8(std::string_view raw);

// Like AppendUtf8, but decides between UTF-8 and Windows-1252 once for the
// whole file: a file is either one or the other, and deciding per field
// would read a Windows-1252 file's one accidental UTF-8-looking pair of
// bytes differently from the rest.
enum class TextEncoding : uint8_t { kUtf8, kWindows1252 };
TextEncoding DetectEncoding(std::string_view whole_file);
// In UTF-8 mode `raw` is a slice of valid UTF-8 text; a character the
// slice's ends cut in two (a fixed-width field, a record wrapped at a byte
// count) is dropped, so the output is always valid UTF-8.
void AppendText(std::string_view raw, TextEncoding encoding, std::string* out);

// `slice` of valid UTF-8 text without the halves of characters its ends cut.
std::string_view WholeUtf8Characters(std::string_view slice);

// Trims ASCII spaces and tabs at both ends.
std::string_view TrimBlanks(std::string_view s);

// kInvalidInput naming the file, the 1-based line and the field (or XML
// element path); `reason` says what is wrong.
Status BankError(std::string_view file, uint64_t line, std::string_view field,
                 std::string reason);

}  // namespace cashmatch::ingest

#endif  // CASHMATCH_INGEST_BANK_TEXT_H_
