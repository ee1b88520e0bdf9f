// The payments feed's fields (spec §2.2 "payments CSV / JSON Lines") and the
// one conversion of a row's values into a Payment, shared by the CSV and the
// JSON Lines reader so that both obey the same rules with the same messages.
// Internal to ingest; docs/formats/payments_feed.md describes the fields.
#ifndef CASHMATCH_INGEST_PAYMENTS_FEED_FIELDS_H_
#define CASHMATCH_INGEST_PAYMENTS_FEED_FIELDS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank_parsers.h"
#include "bank_text.h"
#include "cashmatch/bank_file.h"
#include "cashmatch/status.h"
#include "key_index.h"

namespace cashmatch::ingest {

enum class FeedField : uint8_t {
  // The spec's seven.
  kSourceRef,
  kValueDate,
  kAmount,
  kCurrency,
  kPayerName,
  kPayerAccount,
  kRemittance,
  // Optional extras a real feed carries.
  kDirection,
  kBookingDate,
  kTraceNumber,
  kAccount,
  kTransactionCode,
  kIsReturn,
  kReturnReason,
  kOriginalRef,
  kLines,
};
inline constexpr size_t kFeedFieldCount = 16;

// The fields of one structured remittance line (JSON `lines` objects).
enum class LineField : uint8_t {
  kReference,
  kPaid,
  kInvoiceAmount,
  kDiscount,
  kAdjustment,
  kAdjustmentReason,
};
inline constexpr size_t kLineFieldCount = 6;

using FeedMask = uint32_t;
constexpr FeedMask Bit(FeedField f) { return FeedMask{1} << static_cast<unsigned>(f); }
constexpr uint8_t Bit(LineField f) { return static_cast<uint8_t>(1u << static_cast<unsigned>(f)); }

// The field a CSV header or JSON key names, ignoring ASCII case and
// surrounding spaces and tabs; nullopt for any other name.
std::optional<FeedField> FeedFieldFromName(std::string_view name);
std::optional<LineField> LineFieldFromName(std::string_view name);
std::string_view FeedFieldName(FeedField f);  // "source_ref"
std::string_view LineFieldName(LineField f);  // "invoice_amount"
// The fields every row must have.
inline constexpr FeedMask kFeedRequired = Bit(FeedField::kSourceRef) |
                                          Bit(FeedField::kValueDate) |
                                          Bit(FeedField::kAmount) | Bit(FeedField::kCurrency);

// One remittance line as the JSON gave it, before checking.
struct RawLine {
  uint8_t given = 0;
  std::array<std::string_view, kLineFieldCount> text{};
};

// One row's values as the format found them, before any checking. Views
// point into the input or a parser's buffers and must stay valid until the
// row has been added to a FeedBuilder.
struct FeedRow {
  FeedMask given = 0;  // the field is there (JSON null counts as absent)
  std::array<std::string_view, kFeedFieldCount> text{};
  std::array<uint32_t, kFeedFieldCount> column{};  // 1-based CSV column; 0 unknown
  // `lines` came as a JSON array of objects (in raw_lines), not as the
  // compact text form in text[kLines].
  bool structured_lines = false;
  std::vector<RawLine> raw_lines;

  bool has(FeedField f) const { return (given & Bit(f)) != 0; }
  void Set(FeedField f, std::string_view value) {
    given |= Bit(f);
    text[static_cast<size_t>(f)] = value;
  }
  // Forgets every value; keeps raw_lines' capacity.
  void Clear() {
    given = 0;
    structured_lines = false;
    raw_lines.clear();
  }
};

// Builds the BankFile from rows in file order, checking every value and that
// source_ref is unique within the file. Each failure is kInvalidInput whose
// location names the file, the row's line, the field and (CSV) its column.
//
// Not thread-safe: one builder per file.
class FeedBuilder {
 public:
  // `encoding` is how text fields are to be read (decided once per file);
  // `expected_rows` sizes storage, a hint only.
  FeedBuilder(const ParseContext& ctx, BankFormat format, TextEncoding encoding,
              size_t expected_rows);

  FeedBuilder(const FeedBuilder&) = delete;
  FeedBuilder& operator=(const FeedBuilder&) = delete;

  // Converts `row`, which begins on `line`, and appends it. On failure the
  // builder must not be used further.
  Status Add(const FeedRow& row, uint64_t line) {
    Status st = AddRow(row, line);
    if (!st.ok()) return Fail(std::move(st));
    return st;
  }

  // What to report when reading stops at `error` (a row, syntax or limit
  // error on some line): a repeated source_ref among the rows added so far
  // is on an earlier line, so it comes first.
  Status Fail(Status error) {
    Status repeat = CheckRepeatedRefs();
    return repeat.ok() ? error : repeat;
  }

  // The first repeated source_ref among the rows added so far, or OK.
  // Repeats are looked for only when the rows are all read, or reading stops
  // at an error: one tight loop over the keys' hashes can prefetch the
  // table's slots ahead, where a lookup per row would wait for memory every
  // time. Each call checks the rows added since the last.
  Status CheckRepeatedRefs();

  // The file, or the first repeated source_ref.
  Result<BankFile> Finish() &&;

 private:
  class Row;

  Status AddRow(const FeedRow& row, uint64_t line);
  Status ParseCurrency(const Row& r, std::string_view code, Currency* out);
  Status AddLines(const Row& r, Payment* p);

  BankFile file_;
  std::string_view format_name_;
  TextEncoding encoding_;
  std::vector<uint64_t> ref_hashes_;  // of each added payment's source_ref
  size_t refs_checked_ = 0;           // rows of ref_hashes_ already in refs_
  uint32_t ref_column_ = 0;           // CSV column of source_ref, for messages
  KeyIndex refs_;
  std::string scratch_;
  // Most feeds use one or two currencies: remember the last code looked up.
  char last_code_[3] = {0, 0, 0};
  Currency last_currency_;
};

// A guess at the number of rows in `bytes` from the line length in its
// first 64 KiB, for reserving memory; never more than one row per
// `min_row_bytes`, the shortest row that could be valid.
size_t EstimateFeedRows(std::string_view bytes, size_t min_row_bytes);

// kInvalidInput on line 1 when `bytes` starts with a UTF-16 byte order mark:
// read byte by byte such a file would only fail later for reasons that hide
// the real one. OK otherwise.
Status RefuseUtf16(std::string_view bytes, std::string_view file_name);

// A value quoted for a message, cut short so that a hostile 1 MiB field does
// not become a 1 MiB message; never cuts a UTF-8 sequence in two.
std::string FeedQuoted(std::string_view s);

}  // namespace cashmatch::ingest

#endif  // CASHMATCH_INGEST_PAYMENTS_FEED_FIELDS_H_
