#include "cashmatch/open_items_reader.h"

#include <algorithm>
#include <cstring>

#include "open_items_formats.h"

namespace cashmatch {

OpenItemsFormat DetectOpenItemsFormat(std::string_view bytes) {
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) bytes.remove_prefix(3);
  for (char c : bytes) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' ? OpenItemsFormat::kJsonLines : OpenItemsFormat::kCsv;
  }
  return OpenItemsFormat::kCsv;
}

Result<OpenItems> ReadOpenItems(std::string_view bytes, std::string_view file_name,
                                const OpenItemsReadOptions& options) {
  if (DetectOpenItemsFormat(bytes) == OpenItemsFormat::kJsonLines) {
    return ReadOpenItemsJsonLines(bytes, file_name, options);
  }
  return ReadOpenItemsCsv(bytes, file_name, options);
}

size_t EstimateRows(std::string_view bytes) {
  constexpr size_t kSample = 64 * 1024;
  constexpr size_t kMinRowBytes = 32;
  const std::string_view sample = bytes.substr(0, kSample);
  const size_t lines = static_cast<size_t>(std::count(sample.begin(), sample.end(), '\n')) + 1;
  const size_t average = std::max<size_t>(1, sample.size() / lines);
  const size_t guess = sample.size() == bytes.size() ? lines : bytes.size() / average * 21 / 20;
  return std::min(guess, bytes.size() / kMinRowBytes + 1);
}

}  // namespace cashmatch
