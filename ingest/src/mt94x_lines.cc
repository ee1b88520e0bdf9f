#include "mt94x_lines.h"

#include <algorithm>

#include "mt94x_fields.h"

namespace cashmatch::ingest::mt94x {

std::string_view TrimControls(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

bool IsHeaderLine(std::string_view t) {
  if (t == ":940:" || t == ":942:") return true;
  if (t.empty() || t.size() > 16) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return IsUpper(c) || IsDigit(c); });
}

size_t EstimateEntries(std::string_view bytes) {
  constexpr size_t kSample = 64 * 1024;
  // A guess past one entry per 128 bytes is not reserved: a dense head and
  // a sparse rest would reserve far more than the file holds; denser files
  // grow the vector instead.
  constexpr size_t kMinReservedEntryBytes = 128;
  const std::string_view sample = bytes.substr(0, kSample);
  size_t count = 0;
  for (size_t at = sample.find(":61:"); at != std::string_view::npos; at = sample.find(":61:", at + 4)) {
    ++count;
  }
  const size_t guess = sample.size() == bytes.size()
                           ? count
                           : static_cast<size_t>(static_cast<double>(count) * 1.05 *
                                                 (static_cast<double>(bytes.size()) / sample.size())) + 16;
  return std::min(guess, bytes.size() / kMinReservedEntryBytes + 16);
}

bool MatchTag(std::string_view t, std::string_view* name, Tag* tag) {
  if (t.size() < 4 || t[0] != ':') return false;
  if (t[1] == 'N' && t[2] == 'S' && t[3] == ':') {
    *name = t.substr(0, 4);
    *tag = Tag::kText;
    return true;
  }
  if (!IsDigit(t[1]) || !IsDigit(t[2])) return false;
  char letter = 0;
  if (t[3] == ':') {
    *name = t.substr(0, 4);
  } else if (t.size() >= 5 && IsUpper(t[3]) && t[4] == ':') {
    letter = t[3];
    *name = t.substr(0, 5);
  } else {
    return false;
  }
  const int number = (t[1] - '0') * 10 + (t[2] - '0');
  switch (number) {
    case 20: *tag = Tag::kReference; break;
    case 25: *tag = Tag::kAccount; break;
    case 60: *tag = Tag::kOpening; break;
    case 61: *tag = Tag::kLine; break;
    case 86: *tag = Tag::kInfo; break;
    case 62: *tag = Tag::kClosing; break;
    case 64:
    case 65: *tag = Tag::kBalance; break;
    case 34: *tag = letter == 'F' ? Tag::kFloor : Tag::kText; break;
    case 13: *tag = Tag::kDateTime; break;
    case 90: *tag = letter == 'D' || letter == 'C' ? Tag::kTotals : Tag::kText; break;
    default: *tag = Tag::kText; break;
  }
  return true;
}

LineReader::LineReader(std::string_view bytes) : data_(bytes) {
  if (data_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  // Old Mac exports end lines with a lone CR; the first line end decides.
  const size_t first = data_.find_first_of("\r\n", pos_);
  if (first != std::string_view::npos && data_[first] == '\r' &&
      (first + 1 == data_.size() || data_[first + 1] != '\n')) {
    eol_ = '\r';
  }
}

}  // namespace cashmatch::ingest::mt94x
