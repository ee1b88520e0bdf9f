// Any bytes into the open-items reader and into the daemon's test for "is
// this open items?": they must return a value or an error, never crash,
// hang or read out of bounds. When the reader accepts a file, every amount
// it produced must be in the row's currency; when the test recognises a
// format, it is the one the reader would read the file as.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cashmatch/open_items_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto detected = cashmatch::DetectOpenItems(bytes);
      detected && *detected != cashmatch::DetectOpenItemsFormat(bytes)) {
    __builtin_trap();
  }
  cashmatch::OpenItemsReadOptions options;
  options.max_record_bytes = 4096;  // exercise the limit path too
  auto result = cashmatch::ReadOpenItems(bytes, "fuzz.csv", options);
  if (result.ok()) {
    for (const auto& row : result->invoices) {
      if (row.invoice.amount.currency != row.invoice.open_amount.currency) __builtin_trap();
      if (row.invoice.invoice_id.empty()) __builtin_trap();
    }
    for (const auto& row : result->customers) {
      if (row.customer.customer_id.empty()) __builtin_trap();
    }
  } else if (result.status().reason().empty()) {
    __builtin_trap();  // every refusal says why
  }
  return 0;
}
