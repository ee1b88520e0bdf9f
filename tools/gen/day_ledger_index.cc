#include "day_ledger_index.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "cashmatch/ledger.h"
#include "day_rng.h"

namespace cashmatch::gen {
namespace {

// Runs fn(begin, end) over [0, n) in chunks on `threads` threads. Each chunk
// writes only its own slots, so the result is the same for any thread count.
template <typename Fn>
void ParallelChunks(uint64_t n, unsigned threads, Fn fn) {
  constexpr uint64_t kChunk = 1 << 16;
  const uint64_t chunks = (n + kChunk - 1) / kChunk;
  std::atomic<uint64_t> next{0};
  auto work = [&] {
    for (uint64_t c; (c = next.fetch_add(1)) < chunks;) fn(c * kChunk, std::min(n, (c + 1) * kChunk));
  };
  const unsigned extra = static_cast<unsigned>(std::min<uint64_t>(threads, chunks)) - (chunks ? 1 : 0);
  std::vector<std::thread> pool;
  pool.reserve(extra);
  for (unsigned t = 0; t < extra; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

// Sorts in `threads` slices, then merges: std::sort of ten million hashes
// alone is the longest single step of the build.
void ParallelSort(std::vector<uint64_t>* v, unsigned threads) {
  const size_t parts = std::max<size_t>(1, std::min<size_t>(threads, v->size() / 65536 + 1));
  std::vector<size_t> bounds(parts + 1);
  for (size_t p = 0; p <= parts; ++p) bounds[p] = v->size() * p / parts;
  std::vector<std::thread> pool;
  for (size_t p = 1; p < parts; ++p) {
    pool.emplace_back([&, p] { std::sort(v->begin() + bounds[p], v->begin() + bounds[p + 1]); });
  }
  std::sort(v->begin(), v->begin() + bounds[1]);
  for (auto& t : pool) t.join();
  for (size_t p = 1; p < parts; ++p) {
    std::inplace_merge(v->begin(), v->begin() + bounds[p], v->begin() + bounds[p + 1]);
  }
}

uint32_t CountOf(const std::vector<uint64_t>& sorted, uint64_t hash) {
  const auto [lo, hi] = std::equal_range(sorted.begin(), sorted.end(), hash);
  return static_cast<uint32_t>(hi - lo);
}

uint32_t CountOf(const std::vector<uint64_t>& sorted, std::string_view key) {
  return key.empty() ? 0 : CountOf(sorted, day::KeyHash(key));
}

// "C0000123" -> 122, the inverse of OpenItemsGenerator::CustomerId.
uint32_t CustomerIndexOf(std::string_view id) {
  if (id.size() < 2 || id[0] != 'C') return DayLedgerIndex::kNone;
  uint64_t v = 0;
  for (char c : id.substr(1)) {
    if (c < '0' || c > '9') return DayLedgerIndex::kNone;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v == 0 || v > DayLedgerIndex::kNone ? DayLedgerIndex::kNone : static_cast<uint32_t>(v - 1);
}

template <typename T>
size_t Bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

std::unique_ptr<DayLedgerIndex> DayLedgerIndex::Build(const OpenItemsGenerator& gen, Date value_date,
                                                       unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::unique_ptr<DayLedgerIndex> ix(new DayLedgerIndex());
  const uint64_t customers = gen.options().customers;
  const uint64_t invoices = gen.options().invoices;

  // Customers: currency, parent, what identifies them.
  ix->customer_currency_.resize(customers);
  ix->parent_.resize(customers);
  ix->customer_flags_.resize(customers);
  std::vector<uint64_t> name_hash(customers), alias_hash(customers);
  ParallelChunks(customers, threads, [&](uint64_t begin, uint64_t end) {
    for (uint64_t c = begin; c < end; ++c) {
      const Customer cu = gen.MakeCustomer(c);
      ix->customer_currency_[c] = cu.currency;
      ix->parent_[c] = cu.parent_id.empty() ? kNone : CustomerIndexOf(cu.parent_id);
      uint8_t f = cu.bank_accounts.empty() ? 0 : kHasAccount;
      name_hash[c] = day::KeyHash(NormalizeCustomerName(cu.name));
      if (!cu.aliases.empty()) {
        f |= kHasAlias;
        alias_hash[c] = day::KeyHash(NormalizeCustomerName(cu.aliases.front()));
      }
      ix->customer_flags_[c] = f;
    }
  });
  ix->name_hashes_.reserve(customers * 2);
  for (uint64_t c = 0; c < customers; ++c) {
    ix->name_hashes_.push_back(name_hash[c]);
    if (alias_hash[c]) ix->name_hashes_.push_back(alias_hash[c]);
  }
  ParallelSort(&ix->name_hashes_, threads);
  ParallelChunks(customers, threads, [&](uint64_t begin, uint64_t end) {
    for (uint64_t c = begin; c < end; ++c) {
      if (CountOf(ix->name_hashes_, name_hash[c]) == 1) ix->customer_flags_[c] |= kNameUnique;
      if (alias_hash[c] && CountOf(ix->name_hashes_, alias_hash[c]) == 1) {
        ix->customer_flags_[c] |= kAliasUnique;
      }
    }
  });

  // Invoices: open amount, owner, flags, key hashes.
  ix->open_.resize(invoices);
  ix->customer_.resize(invoices);
  ix->flags_.resize(invoices);
  ix->invoice_number_hashes_.resize(invoices);
  std::vector<uint64_t> po_hash(invoices);
  ParallelChunks(invoices, threads, [&](uint64_t begin, uint64_t end) {
    for (uint64_t i = begin; i < end; ++i) {
      const Invoice inv = gen.MakeInvoice(i);
      ix->open_[i] = inv.open_amount.minor;
      ix->customer_[i] = static_cast<uint32_t>(gen.CustomerOfInvoice(i));
      uint8_t f = 0;
      if (inv.is_credit_memo()) f |= kCreditMemo;
      if (inv.open_amount.minor == inv.amount.minor && inv.amount.minor != 0) f |= kFullyOpen;
      const int32_t age = value_date.days - inv.invoice_date.days;
      if (inv.discount_bp > 0 && age >= 0 && age <= inv.discount_days) f |= kDiscountNow;
      ix->invoice_number_hashes_[i] = day::KeyHash(NormalizeReference(inv.invoice_id));
      if (!inv.po_number.empty()) {
        const std::string po = NormalizeReference(inv.po_number);
        if (!po.empty()) {
          f |= kHasPo;
          po_hash[i] = day::KeyHash(po);
        }
      }
      ix->flags_[i] = f;
    }
  });
  ParallelSort(&ix->invoice_number_hashes_, threads);
  ix->po_hashes_.reserve(invoices / 3 + 1);
  for (uint64_t h : po_hash) {
    if (h) ix->po_hashes_.push_back(h);
  }
  ParallelSort(&ix->po_hashes_, threads);
  ParallelChunks(invoices, threads, [&](uint64_t begin, uint64_t end) {
    for (uint64_t i = begin; i < end; ++i) {
      if (po_hash[i] && CountOf(ix->po_hashes_, po_hash[i]) == 1) ix->flags_[i] |= kPoUnique;
    }
  });
  std::vector<uint64_t>().swap(po_hash);

  // Customer -> invoices, in invoice order (a counting sort).
  ix->invoice_offsets_.assign(customers + 1, 0);
  for (uint32_t c : ix->customer_) ++ix->invoice_offsets_[c + 1];
  for (uint64_t c = 0; c < customers; ++c) ix->invoice_offsets_[c + 1] += ix->invoice_offsets_[c];
  ix->invoices_.resize(invoices);
  {
    std::vector<uint64_t> fill(ix->invoice_offsets_.begin(), ix->invoice_offsets_.end() - 1);
    for (uint64_t i = 0; i < invoices; ++i) ix->invoices_[fill[ix->customer_[i]]++] = static_cast<uint32_t>(i);
  }

  // Parent -> subsidiaries.
  ix->child_offsets_.assign(customers + 1, 0);
  for (uint64_t c = 0; c < customers; ++c) {
    if (ix->parent_[c] != kNone && ix->parent_[c] < customers) ++ix->child_offsets_[ix->parent_[c] + 1];
  }
  for (uint64_t c = 0; c < customers; ++c) ix->child_offsets_[c + 1] += ix->child_offsets_[c];
  ix->children_.resize(ix->child_offsets_[customers]);
  {
    std::vector<uint32_t> fill(ix->child_offsets_.begin(), ix->child_offsets_.end() - 1);
    for (uint64_t c = 0; c < customers; ++c) {
      const uint32_t p = ix->parent_[c];
      if (p != kNone && p < customers) ix->children_[fill[p]++] = static_cast<uint32_t>(c);
    }
  }
  return ix;
}

std::span<const uint32_t> DayLedgerIndex::InvoicesOf(uint32_t customer) const {
  const uint64_t b = invoice_offsets_[customer], e = invoice_offsets_[customer + 1];
  return {invoices_.data() + b, e - b};
}

std::span<const uint32_t> DayLedgerIndex::ChildrenOf(uint32_t customer) const {
  const uint32_t b = child_offsets_[customer], e = child_offsets_[customer + 1];
  return {children_.data() + b, e - b};
}

uint32_t DayLedgerIndex::InvoiceNumberHits(std::string_view normalized) const {
  return CountOf(invoice_number_hashes_, normalized);
}

uint32_t DayLedgerIndex::PoHits(std::string_view normalized) const {
  return CountOf(po_hashes_, normalized);
}

uint32_t DayLedgerIndex::NameHits(std::string_view normalized) const {
  return CountOf(name_hashes_, normalized);
}

size_t DayLedgerIndex::MemoryUsage() const {
  return Bytes(open_) + Bytes(customer_) + Bytes(flags_) + Bytes(customer_currency_) +
         Bytes(parent_) + Bytes(customer_flags_) + Bytes(invoice_offsets_) + Bytes(invoices_) +
         Bytes(child_offsets_) + Bytes(children_) + Bytes(invoice_number_hashes_) +
         Bytes(po_hashes_) + Bytes(name_hashes_);
}

namespace {

struct PartialSum {
  int64_t sum;
  uint32_t size;
  friend bool operator<(const PartialSum& a, const PartialSum& b) {
    return a.sum != b.sum ? a.sum < b.sum : a.size < b.size;
  }
};

void Enumerate(std::span<const int64_t> items, size_t from, int64_t sum, uint32_t size,
               uint32_t max_size, std::vector<PartialSum>* out) {
  out->push_back({sum, size});
  if (size == max_size) return;
  for (size_t i = from; i < items.size(); ++i) Enumerate(items, i + 1, sum + items[i], size + 1, max_size, out);
}

}  // namespace

uint32_t CountSubsetsWithSum(std::span<const int64_t> items, int64_t target, uint32_t max_size,
                             uint32_t limit) {
  if (max_size == 0 || limit == 0) return 0;
  const size_t half = items.size() / 2;
  std::vector<PartialSum> left, right;
  Enumerate(items.subspan(0, half), 0, 0, 0, max_size, &left);
  Enumerate(items.subspan(half), 0, 0, 0, max_size, &right);
  std::sort(right.begin(), right.end());
  uint32_t count = 0;
  for (const PartialSum& l : left) {
    // Each side's subsets are distinct, so (left, right) pairs are distinct
    // subsets; the pair of two empty sets is the empty subset, not counted.
    auto it = std::lower_bound(right.begin(), right.end(), PartialSum{target - l.sum, 0});
    for (; it != right.end() && it->sum == target - l.sum && l.size + it->size <= max_size; ++it) {
      if (l.size + it->size == 0) continue;
      if (++count >= limit) return count;
    }
  }
  return count;
}

}  // namespace cashmatch::gen
