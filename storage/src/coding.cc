#include "coding.h"

namespace cashmatch::storage {

bool GetOrderedString(std::string_view* in, std::string* out) {
  std::string s;
  for (size_t i = 0; i + 1 < in->size(); ++i) {
    const char c = (*in)[i];
    if (c != kEscape) {
      s.push_back(c);
      continue;
    }
    const char next = (*in)[i + 1];
    if (next == kTerminator) {
      *out = std::move(s);
      in->remove_prefix(i + 2);
      return true;
    }
    if (next != kEscapedZero) return false;
    s.push_back('\0');
    ++i;
  }
  return false;
}

std::string Reader::error() const {
  if (error_ == nullptr) return std::string();
  return std::string(error_) + " at byte " + std::to_string(error_offset_);
}

bool Reader::Fail(const char* what) {
  if (error_ == nullptr) {
    error_ = what;
    error_offset_ = offset();
  }
  return false;
}

bool Reader::GetVarint64Slow(uint64_t* v) {
  if (failed()) return false;
  uint64_t result = 0;
  for (size_t i = 0; i < kMaxVarint64Bytes; ++i) {
    if (i == in_.size()) return Fail("truncated varint");
    const uint64_t byte = static_cast<uint8_t>(in_[i]);
    // The tenth byte may carry only the top bit of a 64-bit value.
    if (i == kMaxVarint64Bytes - 1 && byte > 1) return Fail("varint overflows 64 bits");
    result |= (byte & 0x7F) << (7 * i);
    if (byte < 0x80) {
      in_.remove_prefix(i + 1);
      *v = result;
      return true;
    }
  }
  return Fail("varint overflows 64 bits");
}

bool Reader::ExpectEnd() {
  if (failed()) return false;
  if (!in_.empty()) return Fail("trailing bytes");
  return true;
}

}  // namespace cashmatch::storage
