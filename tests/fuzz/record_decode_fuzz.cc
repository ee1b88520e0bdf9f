// Any bytes into every stored-record decoder: each must return a value or
// kCorruption, never crash. What decodes must encode back to the same bytes
// (an encoding is canonical), so nothing is silently reinterpreted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cashmatch/record_coding.h"

namespace {

template <typename Record>
void RoundTrip(std::string_view bytes) {
  Record r;
  const cashmatch::Status s = cashmatch::DecodeFrom(bytes, &r);
  if (!s.ok()) {
    if (s.code() != cashmatch::StatusCode::kCorruption) __builtin_trap();
    return;
  }
  std::string again;
  cashmatch::EncodeTo(r, &again);
  Record twice;
  if (!cashmatch::DecodeFrom(again, &twice).ok() || !(twice == r)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the record kind, the rest is the encoding.
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 8) {
    case 0: RoundTrip<cashmatch::Customer>(bytes); break;
    case 1: RoundTrip<cashmatch::Invoice>(bytes); break;
    case 2: RoundTrip<cashmatch::Payment>(bytes); break;
    case 3: RoundTrip<cashmatch::Application>(bytes); break;
    case 4: RoundTrip<cashmatch::Batch>(bytes); break;
    case 5: RoundTrip<cashmatch::IngestedFile>(bytes); break;
    case 6: RoundTrip<cashmatch::Deduction>(bytes); break;
    case 7: RoundTrip<cashmatch::SentReminder>(bytes); break;
  }
  return 0;
}
