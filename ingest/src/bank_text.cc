#include "bank_text.h"

#include <array>
#include <utility>

namespace cashmatch::ingest {
namespace {

// Windows-1252 0x80..0x9F; bytes 1252 leaves undefined keep their Latin-1
// (C1 control) meaning and are then blanked like other controls.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void AppendCodePoint(char32_t cp, std::string* out) {
  if (cp < 0x20 && cp != '\t') cp = ' ';
  if (cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) cp = ' ';
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void AppendWindows1252(std::string_view raw, std::string* out) {
  for (unsigned char c : raw) {
    char32_t cp = c >= 0x80 && c < 0xA0 ? kCp1252High[c - 0x80] : c;
    AppendCodePoint(cp, out);
  }
}

// Valid UTF-8, with ASCII controls blanked; multi-byte sequences are copied.
void AppendCleanUtf8(std::string_view raw, std::string* out) {
  for (unsigned char c : raw) {
    if (c < 0x20 && c != '\t') c = ' ';
    if (c == 0x7F) c = ' ';
    out->push_back(static_cast<char>(c));
  }
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int len;
    char32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p < len) return false;
    for (int i = 1; i < len; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    p += len;
  }
  return true;
}

TextEncoding DetectEncoding(std::string_view whole_file) {
  return IsValidUtf8(whole_file) ? TextEncoding::kUtf8 : TextEncoding::kWindows1252;
}

std::string_view WholeUtf8Characters(std::string_view slice) {
  const auto byte = [&slice](size_t i) { return static_cast<unsigned char>(slice[i]); };
  const auto continuation = [](unsigned char c) { return (c & 0xC0) == 0x80; };
  size_t begin = 0;
  while (begin < slice.size() && begin < 3 && continuation(byte(begin))) ++begin;
  size_t end = slice.size();
  // The last lead byte, at most three bytes back, and whether its
  // character is whole.
  size_t lead = end;
  while (lead > begin && end - lead < 4 && continuation(byte(lead - 1))) --lead;
  if (lead > begin && end - lead < 4) {
    const unsigned char c = byte(lead - 1);
    const size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (end - (lead - 1) < len) end = lead - 1;
  }
  return slice.substr(begin, end - begin);
}

void AppendText(std::string_view raw, TextEncoding encoding, std::string* out) {
  if (encoding == TextEncoding::kUtf8) {
    AppendCleanUtf8(WholeUtf8Characters(raw), out);
  } else {
    AppendWindows1252(raw, out);
  }
}

void AppendUtf8(std::string_view raw, std::string* out) {
  AppendText(raw, DetectEncoding(raw), out);
}

std::string ToUtf8(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  AppendUtf8(raw, &out);
  return out;
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Status BankError(std::string_view file, uint64_t line, std::string_view field,
                 std::string reason) {
  SourceLocation where;
  where.file = std::string(file);
  where.line = line;
  where.field = std::string(field);
  return Status::InvalidInput(std::move(reason), std::move(where));
}

}  // namespace cashmatch::ingest
