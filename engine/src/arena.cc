#include "arena.h"

#include <cstring>

#include "large_alloc.h"

namespace cashmatch::internal {
namespace {

constexpr size_t kFirstBlock = size_t{64} << 10;
constexpr size_t kMaxBlock = size_t{1} << Arena::kPosBits;

}  // namespace

Arena::~Arena() {
  for (const Block& b : blocks_) Free(b.data, b.granted);
}

char* Arena::Allocate(size_t n, uint64_t* offset) {
  if (n == 0) n = 1;  // keeps every position of a full big block out of reach
  if (blocks_.empty() || blocks_.back().size - pos_ < n) {
    size_t size = blocks_.empty() ? kFirstBlock : blocks_.back().size * 2;
    if (size > kMaxBlock) size = kMaxBlock;
    if (size < n) size = n;  // a block of its own; it is full at once
    Block b;
    b.data = static_cast<char*>(AllocateZeroed(size, &b.granted));
    b.size = size;
    blocks_.push_back(b);
    reserved_ += b.granted;
    pos_ = 0;
  }
  *offset = (uint64_t{blocks_.size() - 1} << kPosBits) | pos_;
  char* p = blocks_.back().data + pos_;
  pos_ += n;
  used_ += n;
  return p;
}

size_t VarintSize(uint64_t v) {
  size_t n = 1;
  for (; v >= 0x80; v >>= 7) ++n;
  return n;
}

char* PutVarint(char* p, uint64_t v) {
  for (; v >= 0x80; v >>= 7) *p++ = static_cast<char>((v & 0x7f) | 0x80);
  *p++ = static_cast<char>(v);
  return p;
}

uint64_t GetVarint(const char** p) {
  const auto* q = reinterpret_cast<const unsigned char*>(*p);
  uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    const unsigned char b = *q++;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) break;
  }
  *p = reinterpret_cast<const char*>(q);
  return v;
}

size_t StringSize(std::string_view s) { return VarintSize(s.size()) + s.size(); }

char* PutString(char* p, std::string_view s) {
  p = PutVarint(p, s.size());
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

std::string_view GetString(const char** p) {
  const size_t len = GetVarint(p);
  const std::string_view s(*p, len);
  *p += len;
  return s;
}

}  // namespace cashmatch::internal
