// Ledger: customers and their indexes (id, normalized name, alias, bank
// account, parent). Lookups check each candidate against the stored record,
// so the tables hold only tags and numbers.
#include <algorithm>
#include <cassert>
#include <string>
#include <vector>

#include "cashmatch/ledger.h"
#include "hashing.h"
#include "ledger_impl.h"

namespace cashmatch {

using internal::CustomerFields;
using internal::HashKey;
using internal::kNone;

namespace {

void SortUniqueTail(std::vector<CustomerNo>* out, size_t from) {
  const auto first = out->begin() + static_cast<std::ptrdiff_t>(from);
  std::sort(first, out->end());
  out->erase(std::unique(first, out->end()), out->end());
}

// The distinct non-empty keys of a list of names or accounts: a customer is
// filed once under each, so a lookup finds it once.
template <typename Normalize>
std::vector<std::string> DistinctKeys(const CustomerFields& f, int list, Normalize normalize) {
  std::vector<std::string> keys;
  f.ForEach(list, [&](std::string_view s) {
    std::string key = normalize(s);
    if (!key.empty()) keys.push_back(std::move(key));
  });
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void Apply(internal::TagMultiMap* table, uint64_t hash, CustomerNo no, bool insert) {
  if (insert) {
    table->Insert(hash, no);
  } else {
    [[maybe_unused]] const bool erased = table->Erase(hash, no);
    assert(erased);
  }
}

}  // namespace

void Ledger::Impl::IndexCustomer(CustomerNo no, bool insert) {
  const CustomerFields f = Fields(no);
  const std::string name = NormalizeCustomerName(f.name);
  if (!name.empty()) Apply(&names, HashKey(name), no, insert);
  for (const std::string& key : DistinctKeys(f, internal::kAliases, NormalizeCustomerName)) {
    Apply(&aliases, HashKey(key), no, insert);
  }
  for (const std::string& key : DistinctKeys(f, internal::kAccounts, NormalizeBankAccount)) {
    Apply(&accounts, HashKey(key), no, insert);
  }
  if (!f.parent_id.empty()) Apply(&parents, HashKey(f.parent_id), no, insert);
}

std::optional<CustomerNo> Ledger::Impl::ResolveParent(std::string_view parent_id) const {
  std::optional<CustomerNo> found;
  if (parent_id.empty()) return found;
  customer_ids.ForEach(HashKey(parent_id), [&](uint32_t no) {
    if (Fields(no).id != parent_id) return true;
    found = no;
    return false;
  });
  return found;
}

CustomerNo Ledger::UpsertCustomer(const Customer& customer) {
  Impl& m = *impl_;
  const uint64_t record = internal::WriteCustomer(customer, &m.customer_records);
  if (const std::optional<CustomerNo> existing = FindCustomer(customer.customer_id)) {
    m.IndexCustomer(*existing, false);
    m.customers[*existing].record = record;
    m.IndexCustomer(*existing, true);
    m.customers[*existing].parent = m.ResolveParent(customer.parent_id).value_or(kNone);
    return *existing;
  }
  assert(m.customers.size() < kNone);
  const auto no = static_cast<CustomerNo>(m.customers.size());
  m.customers.push_back(internal::CustomerRec{record, kNone, kNone});
  m.open_by_customer.emplace_back();
  m.customer_ids.Insert(HashKey(customer.customer_id), no);
  m.IndexCustomer(no, true);
  // Resolves its own parent_id, then adopts the customers that named it as
  // parent before it arrived (itself included, if it names itself).
  m.customers[no].parent = m.ResolveParent(customer.parent_id).value_or(kNone);
  m.parents.ForEach(HashKey(customer.customer_id), [&](uint32_t child) {
    if (m.Fields(child).parent_id == customer.customer_id) m.customers[child].parent = no;
    return true;
  });
  return no;
}

std::optional<CustomerNo> Ledger::FindCustomer(std::string_view customer_id) const {
  const Impl& m = *impl_;
  std::optional<CustomerNo> found;
  m.customer_ids.ForEach(HashKey(customer_id), [&](uint32_t no) {
    if (m.Fields(no).id != customer_id) return true;
    found = no;
    return false;
  });
  return found;
}

CustomerView Ledger::customer(CustomerNo no) const {
  const Impl& m = *impl_;
  assert(no < m.customers.size());
  const CustomerFields f = m.Fields(no);
  const uint32_t parent = m.customers[no].parent;
  return CustomerView{no, f.id, f.name,
                      parent == kNone ? std::nullopt : std::optional<CustomerNo>(parent)};
}

Customer Ledger::GetCustomer(CustomerNo no) const {
  assert(no < impl_->customers.size());
  return impl_->Fields(no).ToCustomer();
}

void Ledger::FindCustomersByName(std::string_view name, std::vector<CustomerNo>* out) const {
  const Impl& m = *impl_;
  const std::string key = NormalizeCustomerName(name);
  if (key.empty()) return;
  const size_t from = out->size();
  m.names.ForEach(HashKey(key), [&](uint32_t no) {
    if (NormalizeCustomerName(m.Fields(no).name) == key) out->push_back(no);
    return true;
  });
  SortUniqueTail(out, from);
}

void Ledger::FindCustomersByAlias(std::string_view alias, std::vector<CustomerNo>* out) const {
  const Impl& m = *impl_;
  const std::string key = NormalizeCustomerName(alias);
  if (key.empty()) return;
  const size_t from = out->size();
  m.aliases.ForEach(HashKey(key), [&](uint32_t no) {
    bool match = false;
    m.Fields(no).ForEach(internal::kAliases, [&](std::string_view a) {
      match = match || NormalizeCustomerName(a) == key;
    });
    if (match) out->push_back(no);
    return true;
  });
  SortUniqueTail(out, from);
}

void Ledger::FindCustomersByAccount(std::string_view account,
                                    std::vector<CustomerNo>* out) const {
  const Impl& m = *impl_;
  const std::string key = NormalizeBankAccount(account);
  if (key.empty()) return;
  const size_t from = out->size();
  m.accounts.ForEach(HashKey(key), [&](uint32_t no) {
    bool match = false;
    m.Fields(no).ForEach(internal::kAccounts, [&](std::string_view a) {
      match = match || NormalizeBankAccount(a) == key;
    });
    if (match) out->push_back(no);
    return true;
  });
  SortUniqueTail(out, from);
}

void Ledger::ChildrenOf(CustomerNo parent, std::vector<CustomerNo>* out) const {
  const Impl& m = *impl_;
  assert(parent < m.customers.size());
  const std::string_view id = m.Fields(parent).id;
  const size_t from = out->size();
  m.parents.ForEach(HashKey(id), [&](uint32_t child) {
    if (m.Fields(child).parent_id == id) out->push_back(child);
    return true;
  });
  SortUniqueTail(out, from);
}

}  // namespace cashmatch
