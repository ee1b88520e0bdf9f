#include "customer_record.h"

#include <cstring>
#include <string>
#include <vector>

namespace cashmatch::internal {
namespace {

constexpr size_t kFixedBytes = 2 + 1 + 8 + 2;

template <typename T>
char* PutFixed(char* p, T v) {
  std::memcpy(p, &v, sizeof(v));
  return p + sizeof(v);
}

template <typename T>
T GetFixed(const char** p) {
  T v;
  std::memcpy(&v, *p, sizeof(v));
  *p += sizeof(v);
  return v;
}

size_t ListSize(const std::vector<std::string>& list) {
  size_t n = VarintSize(list.size());
  for (const std::string& s : list) n += StringSize(s);
  return n;
}

char* PutList(char* p, const std::vector<std::string>& list) {
  p = PutVarint(p, list.size());
  for (const std::string& s : list) p = PutString(p, s);
  return p;
}

}  // namespace

Currency CurrencyFromIndex(uint16_t index) {
  const std::optional<Currency> c = Currency::FromIndex(index);
  return c ? *c : Currency();
}

uint64_t WriteCustomer(const Customer& c, Arena* arena) {
  const size_t size = StringSize(c.customer_id) + StringSize(c.name) + StringSize(c.parent_id) +
                      StringSize(c.company) + kFixedBytes + ListSize(c.aliases) +
                      ListSize(c.bank_accounts) + ListSize(c.emails);
  uint64_t offset;
  char* p = arena->Allocate(size, &offset);
  p = PutString(p, c.customer_id);
  p = PutString(p, c.name);
  p = PutString(p, c.parent_id);
  p = PutString(p, c.company);
  p = PutFixed<uint16_t>(p, c.currency.index());
  p = PutFixed<uint8_t>(p, c.credit_limit.has_value() ? 1 : 0);
  p = PutFixed<int64_t>(p, c.credit_limit ? c.credit_limit->minor : 0);
  p = PutFixed<uint16_t>(p, c.credit_limit ? c.credit_limit->currency.index() : 0);
  p = PutList(p, c.aliases);
  p = PutList(p, c.bank_accounts);
  PutList(p, c.emails);
  return offset;
}

CustomerFields::CustomerFields(const char* record) {
  const char* p = record;
  id = GetString(&p);
  name = GetString(&p);
  parent_id = GetString(&p);
  company = GetString(&p);
  currency = CurrencyFromIndex(GetFixed<uint16_t>(&p));
  const auto has_credit = GetFixed<uint8_t>(&p);
  const auto credit_minor = GetFixed<int64_t>(&p);
  const auto credit_currency = GetFixed<uint16_t>(&p);
  if (has_credit != 0) credit_limit = Money{credit_minor, CurrencyFromIndex(credit_currency)};
  lists = p;
}

Customer CustomerFields::ToCustomer() const {
  Customer c;
  c.customer_id = std::string(id);
  c.name = std::string(name);
  c.parent_id = std::string(parent_id);
  c.company = std::string(company);
  c.currency = currency;
  c.credit_limit = credit_limit;
  ForEach(kAliases, [&](std::string_view s) { c.aliases.emplace_back(s); });
  ForEach(kAccounts, [&](std::string_view s) { c.bank_accounts.emplace_back(s); });
  ForEach(kEmails, [&](std::string_view s) { c.emails.emplace_back(s); });
  return c;
}

}  // namespace cashmatch::internal
