// The fields of spec §2.1 and the one conversion of a row's values into
// Customer and Invoice records, shared by the CSV and JSON Lines readers so
// that both formats obey the same rules with the same messages.
#ifndef CASHMATCH_INGEST_OPEN_ITEMS_FIELDS_H_
#define CASHMATCH_INGEST_OPEN_ITEMS_FIELDS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/money.h"
#include "cashmatch/open_items.h"
#include "cashmatch/status.h"
#include "key_index.h"

namespace cashmatch {

enum class Field : uint8_t {
  // Customers.
  kCustomerId,
  kName,
  kAliases,
  kBankAccounts,
  kParentId,
  kCompany,
  kEmail,
  kCurrency,
  kCreditLimit,
  // Invoices (with kCustomerId, kCompany, kCurrency).
  kInvoiceId,
  kAmount,
  kOpenAmount,
  kInvoiceDate,
  kDueDate,
  kPoNumber,
  kDiscountPct,
  kDiscountDays,
  kAsOf,
};
inline constexpr size_t kFieldCount = 18;

using FieldMask = uint32_t;
constexpr FieldMask Bit(Field f) { return FieldMask{1} << static_cast<unsigned>(f); }

// The field a CSV header or JSON key names, ignoring ASCII case and
// surrounding spaces and tabs; nullopt for any other name.
std::optional<Field> FieldFromName(std::string_view name);
// The spec's name: "customer_id".
std::string_view FieldName(Field f);

enum class RowKind { kUnknown, kCustomer, kInvoice };
// kInvoice if `invoice_id` is given; else kCustomer if `customer_id` and
// `name` are; else kUnknown.
RowKind KindOf(FieldMask given);
// The fields a row of `kind` must have.
FieldMask RequiredFields(RowKind kind);

// One row's values as the format found them, before any checking. Views
// point into the input or a parser's buffers and must stay valid until the
// row has been added to an OpenItemsBuilder.
struct RawRow {
  FieldMask given = 0;   // the field is there (JSON null counts as absent)
  FieldMask arrays = 0;  // a list field came as items, not as '|'-text
  std::array<std::string_view, kFieldCount> text{};  // when given, unless an array
  std::array<uint32_t, kFieldCount> column{};        // 1-based CSV column; 0 unknown
  // Items of aliases, bank_accounts and email given as arrays.
  std::array<std::vector<std::string_view>, 3> items;

  bool has(Field f) const { return (given & Bit(f)) != 0; }
  void Set(Field f, std::string_view value) {
    given |= Bit(f);
    text[static_cast<size_t>(f)] = value;
  }
  // The item list of a list field, or nullptr for any other field.
  std::vector<std::string_view>* ItemsOf(Field f);
  const std::vector<std::string_view>* ItemsOf(Field f) const;
  // Forgets every value; keeps the item lists' capacity.
  void Clear();
};

// Builds OpenItems from rows in file order, checking every value and that
// keys are unique within the file. Each failure is kInvalidInput whose
// location names the file, the row's line, the field and (CSV) its column.
//
// Not thread-safe: one builder per file.
class OpenItemsBuilder {
 public:
  // `expected_rows` sizes the first row kind's storage; a hint only.
  OpenItemsBuilder(std::string_view file_name, size_t expected_rows);

  OpenItemsBuilder(const OpenItemsBuilder&) = delete;
  OpenItemsBuilder& operator=(const OpenItemsBuilder&) = delete;

  // Convert `row`, which begins on `line`, and append it. On failure the
  // builder must not be used further.
  Status AddCustomer(const RawRow& row, uint64_t line);
  Status AddInvoice(const RawRow& row, uint64_t line);

  OpenItems Finish() &&;

 private:
  class Row;

  Status ParseCurrency(const Row& r, Field f, std::string_view code, Currency* out);

  OpenItems items_;
  size_t expected_rows_;
  bool reserved_ = false;
  KeyIndex customer_keys_;
  KeyIndex invoice_keys_;
  // Most files use one or two currencies: remember the last code looked up.
  char last_code_[3] = {0, 0, 0};
  Currency last_currency_;
};

}  // namespace cashmatch

#endif  // CASHMATCH_INGEST_OPEN_ITEMS_FIELDS_H_
