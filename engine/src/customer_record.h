// How the ledger stores a customer: one arena record holding every field,
//   id, name, parent_id, company   length-prefixed strings
//   currency                       2 bytes, the Currency index
//   credit limit                   1 byte flag, then 8 bytes minor + 2 currency
//   aliases, accounts, emails      each a varint count and that many strings
// so a customer costs its bytes plus a few, and replacing one writes a new
// record (the old one stays as garbage until the ledger is rebuilt).
#ifndef CASHMATCH_ENGINE_CUSTOMER_RECORD_H_
#define CASHMATCH_ENGINE_CUSTOMER_RECORD_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "arena.h"
#include "cashmatch/domain.h"
#include "cashmatch/money.h"

namespace cashmatch::internal {

// Writes `c` to `arena`; returns the record's offset.
uint64_t WriteCustomer(const Customer& c, Arena* arena);

// Views of a stored record's fields; they point into the arena.
struct CustomerFields {
  std::string_view id;
  std::string_view name;
  std::string_view parent_id;
  std::string_view company;
  Currency currency;
  std::optional<Money> credit_limit;
  const char* lists;  // aliases, then accounts, then emails

  explicit CustomerFields(const char* record);

  // Calls fn(string_view) for each element of list 0 (aliases), 1 (bank
  // accounts) or 2 (emails).
  template <typename Fn>
  void ForEach(int list, Fn&& fn) const {
    const char* p = lists;
    for (int l = 0;; ++l) {
      const uint64_t n = GetVarint(&p);
      for (uint64_t i = 0; i < n; ++i) {
        const std::string_view s = GetString(&p);
        if (l == list) fn(s);
      }
      if (l == list) return;
    }
  }

  Customer ToCustomer() const;
};

inline constexpr int kAliases = 0;
inline constexpr int kAccounts = 1;
inline constexpr int kEmails = 2;

// The Currency with this index; the invalid Currency for 0 or an unknown one.
Currency CurrencyFromIndex(uint16_t index);

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_CUSTOMER_RECORD_H_
