// The byte-level building blocks of every key and value the store writes:
// varints, zigzag, length-prefixed strings, big-endian fixed integers and
// order-preserving strings. docs/storage.md describes each format.
//
// Put* functions append to a std::string. Reader consumes a string_view it
// does not own (the bytes must outlive it), never reads past its end, and
// remembers the first failure so a decoder can read every field and check
// once at the end. All pure: safe from any thread.
#ifndef CASHMATCH_STORAGE_CODING_H_
#define CASHMATCH_STORAGE_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cashmatch::storage {

constexpr size_t kMaxVarint64Bytes = 10;

inline void PutVarint64(std::string* dst, uint64_t v) {
  char buf[kMaxVarint64Bytes];
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  dst->append(buf, n);
}

inline uint64_t ZigZagEncode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t ZigZagDecode(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

inline void PutZigZag64(std::string* dst, int64_t v) { PutVarint64(dst, ZigZagEncode(v)); }

inline void PutLengthPrefixed(std::string* dst, std::string_view s) {
  PutVarint64(dst, s.size());
  dst->append(s.data(), s.size());
}

inline void PutFixed32BE(std::string* dst, uint32_t v) {
  const char buf[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  dst->append(buf, 4);
}

inline void PutFixed64BE(std::string* dst, uint64_t v) {
  PutFixed32BE(dst, static_cast<uint32_t>(v >> 32));
  PutFixed32BE(dst, static_cast<uint32_t>(v));
}

// Precondition: p points at 4 (respectively 8) readable bytes.
inline uint32_t DecodeFixed32BE(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}
inline uint64_t DecodeFixed64BE(const char* p) {
  return (uint64_t{DecodeFixed32BE(p)} << 32) | DecodeFixed32BE(p + 4);
}

// Order-preserving, self-delimiting string for keys: every 0x00 byte becomes
// 0x00 0xFF and the string ends with 0x00 0x01. Comparing two encodings
// bytewise compares the strings bytewise, and no encoding is a prefix of
// another, so a key may hold several strings one after the other and a
// prefix scan on one encoded string never matches a longer string.
constexpr char kEscape = '\x00';
constexpr char kEscapedZero = '\xFF';
constexpr char kTerminator = '\x01';

inline void PutOrderedString(std::string* dst, std::string_view s) {
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\0') {
      dst->append(s.data() + start, i - start + 1);  // the 0x00 itself
      dst->push_back(kEscapedZero);
      start = i + 1;
    }
  }
  dst->append(s.data() + start, s.size() - start);
  dst->push_back(kEscape);
  dst->push_back(kTerminator);
}

// Decodes one ordered string from the front of *in and advances past it.
// False (with *in unchanged) when *in does not start with a whole encoding.
bool GetOrderedString(std::string_view* in, std::string* out);

// Sequential, bounds-checked reading of an encoding. After the first
// failure every getter returns false and leaves its output alone; failed()
// and error() tell what went wrong.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in), size_(in.size()) {}

  bool failed() const { return error_ != nullptr; }
  // What failed and where ("truncated varint at byte 7"); empty if nothing.
  std::string error() const;
  size_t remaining() const { return in_.size(); }
  size_t offset() const { return size_ - in_.size(); }

  // The getters are inline with their common case (a one-byte varint)
  // first: full scans decode tens of millions of records through them.
  bool GetByte(uint8_t* v) {
    if (failed()) return false;
    if (in_.empty()) return Fail("truncated");
    *v = static_cast<uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }
  bool GetVarint64(uint64_t* v) {
    if (!failed() && !in_.empty() && static_cast<uint8_t>(in_[0]) < 0x80) {
      *v = static_cast<uint8_t>(in_[0]);
      in_.remove_prefix(1);
      return true;
    }
    return GetVarint64Slow(v);
  }
  bool GetVarint32(uint32_t* v) {  // fails on values above UINT32_MAX
    uint64_t wide = 0;
    if (!GetVarint64(&wide)) return false;
    if (wide > UINT32_MAX) return Fail("value exceeds 32 bits");
    *v = static_cast<uint32_t>(wide);
    return true;
  }
  bool GetZigZag64(int64_t* v) {
    uint64_t u = 0;
    if (!GetVarint64(&u)) return false;
    *v = ZigZagDecode(u);
    return true;
  }
  // A view into the input; fails when the length exceeds what is left.
  bool GetLengthPrefixed(std::string_view* v) {
    uint64_t n = 0;
    if (!GetVarint64(&n)) return false;
    if (n > in_.size()) return Fail("string length exceeds the record");
    *v = in_.substr(0, static_cast<size_t>(n));
    in_.remove_prefix(static_cast<size_t>(n));
    return true;
  }
  bool GetString(std::string* v) {  // assign()s, reusing capacity
    std::string_view s;
    if (!GetLengthPrefixed(&s)) return false;
    v->assign(s.data(), s.size());
    return true;
  }

  // Records a failure found by the caller (an out-of-range value, say);
  // `what` must be a string literal. Always returns false.
  bool Fail(const char* what);
  // Fails unless every byte was consumed.
  bool ExpectEnd();

 private:
  bool GetVarint64Slow(uint64_t* v);

  std::string_view in_;
  size_t size_;
  const char* error_ = nullptr;
  size_t error_offset_ = 0;
};

}  // namespace cashmatch::storage

#endif  // CASHMATCH_STORAGE_CODING_H_
