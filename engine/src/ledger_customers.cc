// Ledger: customers and their indexes (id, normalized name, alias, bank
// account, parent). Lookups check each candidate against the stored record,
// so the tables hold only tags and numbers.
#include <algorithm>
#include <cassert>
#include <string>
#include <utility>
#include <vector>

#include "cashmatch/ledger.h"
#include "hashing.h"
#include "ledger_impl.h"
#include "tag_sort.h"

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
  return impl_->UpsertCustomerRecord(customer);
}

CustomerNo Ledger::Impl::UpsertCustomerRecord(const Customer& customer) {
  Impl& m = *this;
  const uint64_t record = internal::WriteCustomer(customer, &m.customer_records);
  if (const std::optional<CustomerNo> existing = FindCustomerNo(customer.customer_id)) {
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
  return impl_->FindCustomerNo(customer_id);
}

std::optional<CustomerNo> Ledger::Impl::FindCustomerNo(std::string_view customer_id) const {
  std::optional<CustomerNo> found;
  customer_ids.ForEach(HashKey(customer_id), [&](uint32_t no) {
    if (CustomerId(no) != customer_id) return true;
    found = no;
    return false;
  });
  return found;
}

// ---- Bulk load: the customer tables from sorted keys (see ledger_bulk.cc) ----

namespace {

struct Key {
  uint32_t tag;
  uint32_t value;
};

// The keys of one table, gathered per chunk and joined in chunk order.
class Keys {
 public:
  explicit Keys(size_t chunks) : chunks_(chunks) {}
  void Add(size_t chunk, uint64_t hash, CustomerNo no) {
    chunks_[chunk].push_back(Key{internal::TagMultiMap::TagOf(hash), no});
  }
  internal::PodVector<Key> Sorted() const {
    internal::PodVector<Key> all;
    size_t n = 0;
    for (const std::vector<Key>& c : chunks_) n += c.size();
    all.reserve(n);
    for (const std::vector<Key>& c : chunks_) {
      for (const Key& k : c) all.push_back(k);
    }
    return internal::SortedByTag(std::move(all));
  }

 private:
  std::vector<std::vector<Key>> chunks_;
};

}  // namespace

bool Ledger::Impl::BuildCustomerTables() {
  const size_t n = customers.size();
  const size_t chunks = (n + internal::kBulkChunk - 1) / internal::kBulkChunk;
  Keys ids(chunks), name_keys(chunks), alias_keys(chunks), account_keys(chunks);
  Keys parent_keys(chunks);
  internal::ForEachChunk(n, internal::kBulkChunk, [&](size_t chunk, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const auto no = static_cast<CustomerNo>(i);
      const CustomerFields f = Fields(no);
      ids.Add(chunk, HashKey(f.id), no);
      // As IndexCustomer files them.
      const std::string name = NormalizeCustomerName(f.name);
      if (!name.empty()) name_keys.Add(chunk, HashKey(name), no);
      for (const std::string& key : DistinctKeys(f, internal::kAliases, NormalizeCustomerName)) {
        alias_keys.Add(chunk, HashKey(key), no);
      }
      for (const std::string& key : DistinctKeys(f, internal::kAccounts, NormalizeBankAccount)) {
        account_keys.Add(chunk, HashKey(key), no);
      }
      if (!f.parent_id.empty()) parent_keys.Add(chunk, HashKey(f.parent_id), no);
    }
  });
  const internal::PodVector<Key> sorted_ids = ids.Sorted();
  // A repeated id shares a tag with the first; distinct ids rarely do.
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && sorted_ids[j].tag == sorted_ids[i].tag) ++j;
    for (size_t a = i; a < j; ++a) {
      for (size_t b = a + 1; b < j; ++b) {
        if (CustomerId(sorted_ids[a].value) == CustomerId(sorted_ids[b].value)) return false;
      }
    }
    i = j;
  }
  customer_ids.BuildFromSorted(sorted_ids.data(), sorted_ids.size());
  const std::pair<internal::TagMultiMap*, const Keys*> tables[] = {
      {&names, &name_keys}, {&aliases, &alias_keys}, {&accounts, &account_keys},
      {&parents, &parent_keys}};
  for (const auto& [table, keys] : tables) {
    const internal::PodVector<Key> sorted = keys->Sorted();
    table->BuildFromSorted(sorted.data(), sorted.size());
  }
  // Each customer's parent is whoever has its parent_id, as upserting in
  // any order leaves it.
  internal::ForEachChunk(n, internal::kBulkChunk, [&](size_t, size_t begin, size_t end) {
    for (size_t no = begin; no < end; ++no) {
      const std::string_view parent_id = Fields(static_cast<CustomerNo>(no)).parent_id;
      customers[no].parent = ResolveParent(parent_id).value_or(kNone);
    }
  });
  return true;
}

void Ledger::PrefetchCustomer(CustomerNo no) const {
  const Impl& m = *impl_;
  if (no < m.customers.size()) __builtin_prefetch(m.customer_records.At(m.customers[no].record));
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
