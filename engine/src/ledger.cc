// Ledger: invoices, their reference, PO, customer and open-amount indexes,
// and the parts of the public API that read them. Reference and PO lookups
// are in ledger_lookups.cc, customers in ledger_customers.cc, the bulk load
// in ledger_bulk.cc; the layout is described in ledger_impl.h.
#include "cashmatch/ledger.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <string>
#include <tuple>

#include "hashing.h"
#include "ledger_impl.h"

namespace cashmatch {

using internal::GetString;
using internal::InvoiceRec;
using internal::kNone;
using internal::RefNormalizer;

namespace {

// Offsets are kept in 40 bits, and a top byte of 0xff means "no PO".
constexpr uint64_t kMaxStringsOffset = uint64_t{InvoiceRec::kNoPo} << 32;

// The open-amount index order.
std::tuple<uint16_t, int64_t, InvoiceNo> OpenKey(const InvoiceRec& rec, InvoiceNo no) {
  return {rec.currency, rec.open, no};
}

}  // namespace

// ---- Impl: invoices ----

std::string_view Ledger::Impl::InvoiceId(const InvoiceRec& rec) const {
  if (rec.id_len != InvoiceRec::kIdInArena) return std::string_view(rec.id, rec.id_len);
  uint64_t offset = 0;
  std::memcpy(&offset, rec.id, 5);
  const char* p = invoice_strings.At(offset);
  return GetString(&p);
}

std::string_view Ledger::Impl::PoNumber(const InvoiceRec& rec) const {
  if (rec.po_hi == InvoiceRec::kNoPo) return {};
  const char* p = invoice_strings.At(uint64_t{rec.po_hi} << 32 | rec.po_lo);
  return GetString(&p);
}

bool Ledger::Impl::WriteString(std::string_view s, uint64_t* offset) {
  internal::PutString(invoice_strings.Allocate(internal::StringSize(s), offset), s);
  return *offset < kMaxStringsOffset;
}

bool Ledger::Impl::SetId(InvoiceRec* rec, std::string_view id) {
  if (id.size() <= InvoiceRec::kInlineId) {
    rec->id_len = static_cast<uint8_t>(id.size());
    std::copy(id.begin(), id.end(), rec->id);
    return true;
  }
  uint64_t offset;
  if (!WriteString(id, &offset)) return false;
  rec->id_len = InvoiceRec::kIdInArena;
  std::memcpy(rec->id, &offset, 5);  // little-endian: the low 40 bits
  return true;
}

bool Ledger::Impl::SetPo(InvoiceRec* rec, std::string_view po) {
  if (po.empty()) {
    rec->po_hi = InvoiceRec::kNoPo;
    return true;
  }
  uint64_t offset;
  if (!WriteString(po, &offset)) return false;
  rec->po_lo = static_cast<uint32_t>(offset);
  rec->po_hi = static_cast<uint8_t>(offset >> 32);
  return true;
}

std::string_view Ledger::Impl::Reference(uint32_t no, RefNormalizer* scratch) const {
  return (*scratch)(InvoiceId(invoices[no]));
}

std::optional<uint32_t> Ledger::Impl::FindCompany(std::string_view company) const {
  const auto it = company_numbers.find(company);
  if (it == company_numbers.end()) return std::nullopt;
  return it->second;
}

uint32_t Ledger::Impl::InternCompany(std::string_view company) {
  if (const std::optional<uint32_t> c = FindCompany(company)) return *c;
  uint64_t offset;
  char* p = company_strings.Allocate(company.size(), &offset);
  std::copy(company.begin(), company.end(), p);
  const std::string_view stored(p, company.size());
  const auto number = static_cast<uint32_t>(company_names.size());
  company_names.push_back(stored);
  company_numbers.emplace(stored, number);
  return number;
}

std::optional<InvoiceNo> Ledger::Impl::FindInvoiceNo(uint32_t company, std::string_view id,
                                                     std::string_view normalized) const {
  std::optional<InvoiceNo> found;
  // The key's check leaves only invoices with this normalized id.
  const internal::ReferenceKey key = internal::KeyOfInvoiceId(id, normalized);
  auto wanted = [&key](uint32_t value, uint32_t check) { return key.Wanted(value, check); };
  ForEachCandidate(references, key.hash, wanted, [&](uint32_t no) {
    const InvoiceRec& rec = invoices[no];
    if (rec.company == company && InvoiceId(rec) == id) {
      found = no;
      return false;
    }
    return true;
  });
  return found;
}

void Ledger::Impl::IndexPo(InvoiceNo no, std::string_view po, bool insert) {
  RefNormalizer normalize;
  const std::string_view key = normalize(po);
  if (key.empty()) return;
  const uint64_t hash = internal::HashKey(key);
  if (insert) {
    pos.Insert(hash, no);
  } else {
    [[maybe_unused]] const bool erased = pos.Erase(hash, no);
    assert(erased);
  }
}

void Ledger::Impl::LinkToCustomer(InvoiceNo no, CustomerNo customer) {
  next_of_customer[no] = customers[customer].last_invoice;
  customers[customer].last_invoice = no;
}

void Ledger::Impl::UnlinkFromCustomer(InvoiceNo no, CustomerNo customer) {
  uint32_t* link = &customers[customer].last_invoice;
  while (*link != no) {
    assert(*link != kNone);
    link = &next_of_customer[*link];
  }
  *link = next_of_customer[no];
  next_of_customer[no] = kNone;
}

void Ledger::Impl::OpenInsert(InvoiceNo no) {
  const InvoiceRec& rec = invoices[no];
  std::vector<InvoiceNo>& v = open_by_customer[rec.customer];
  const auto key = OpenKey(rec, no);
  const auto at = std::lower_bound(v.begin(), v.end(), key, [&](InvoiceNo a, const auto& k) {
    return OpenKey(invoices[a], a) < k;
  });
  v.insert(at, no);
}

void Ledger::Impl::OpenErase(InvoiceNo no) {
  const InvoiceRec& rec = invoices[no];
  std::vector<InvoiceNo>& v = open_by_customer[rec.customer];
  const auto key = OpenKey(rec, no);
  const auto at = std::lower_bound(v.begin(), v.end(), key, [&](InvoiceNo a, const auto& k) {
    return OpenKey(invoices[a], a) < k;
  });
  assert(at != v.end() && *at == no);
  v.erase(at);
}

Status Ledger::Impl::MakeRecord(const Invoice& inv, CustomerNo customer, InvoiceRec* rec) {
  *rec = InvoiceRec{};
  if (!SetId(rec, inv.invoice_id) || !SetPo(rec, inv.po_number)) {
    return Status::ResourceExhausted("ledger string storage is full");
  }
  rec->amount = inv.amount.minor;
  rec->open = inv.open_amount.minor;
  rec->customer = customer;
  rec->company = InternCompany(inv.company);
  rec->invoice_date = inv.invoice_date.days;
  rec->due_date = inv.due_date.days;
  rec->discount_bp = inv.discount_bp;
  rec->discount_days = inv.discount_days;
  rec->currency = inv.amount.currency.index();
  return Status::Ok();
}

Result<InvoiceNo> Ledger::Impl::Upsert(const Invoice& inv, CustomerNo customer) {
  RefNormalizer normalize;
  const std::string_view normalized = normalize(inv.invoice_id);
  if (const std::optional<uint32_t> company = FindCompany(inv.company)) {
    if (const auto no = FindInvoiceNo(*company, inv.invoice_id, normalized)) {
      CASHMATCH_RETURN_IF_ERROR(ReplaceInvoice(*no, inv, customer));
      return *no;
    }
  }
  return InsertInvoice(inv, customer, normalized);
}

Result<InvoiceNo> Ledger::Impl::InsertInvoice(const Invoice& inv, CustomerNo customer,
                                              std::string_view normalized) {
  if (invoices.size() > internal::PostingTable::kMaxValue) {
    return Status::ResourceExhausted("ledger holds the most invoices it can number");
  }
  InvoiceRec rec;
  CASHMATCH_RETURN_IF_ERROR(MakeRecord(inv, customer, &rec));
  const auto no = static_cast<InvoiceNo>(invoices.size());
  invoices.push_back(rec);
  next_of_customer.push_back(kNone);
  IndexNewInvoice(no, inv.invoice_id, normalized);
  return no;
}

void Ledger::Impl::IndexNewInvoice(InvoiceNo no, std::string_view id, std::string_view normalized) {
  const InvoiceRec& rec = invoices[no];
  const internal::ReferenceKey key = internal::KeyOfInvoiceId(id, normalized);
  references.Insert(key.hash, key.Value(no), key.check);
  if (!normalized.empty()) fuzzy.Add(normalized, no);
  IndexPo(no, PoNumber(rec), true);
  LinkToCustomer(no, rec.customer);
  if (rec.open != 0) {
    OpenInsert(no);
    ++open_count;
  }
}

Status Ledger::Impl::ReplaceInvoice(InvoiceNo no, const Invoice& inv, CustomerNo customer) {
  InvoiceRec next = invoices[no];
  // The only step that can fail goes first, so a failure changes nothing.
  if (PoNumber(next) != inv.po_number && !SetPo(&next, inv.po_number)) {
    return Status::ResourceExhausted("ledger string storage is full");
  }
  next.customer = customer;
  next.amount = inv.amount.minor;
  next.open = inv.open_amount.minor;
  next.invoice_date = inv.invoice_date.days;
  next.due_date = inv.due_date.days;
  next.discount_bp = inv.discount_bp;
  next.discount_days = inv.discount_days;
  next.currency = inv.amount.currency.index();
  UpdateInvoice(no, next, true);
  return Status::Ok();
}

void Ledger::Impl::UpdateInvoice(InvoiceNo no, const InvoiceRec& next, bool customer_indexes) {
  InvoiceRec& rec = invoices[no];
  if (customer_indexes && rec.open != 0) {
    OpenErase(no);
    --open_count;
  }
  // Arena bytes never move, so the old PO's view outlives the change.
  if (const std::string_view old_po = PoNumber(rec); old_po != PoNumber(next)) {
    IndexPo(no, old_po, false);
    IndexPo(no, PoNumber(next), true);
    rec.po_lo = next.po_lo;
    rec.po_hi = next.po_hi;
  }
  if (customer_indexes && rec.customer != next.customer) {
    UnlinkFromCustomer(no, rec.customer);
    LinkToCustomer(no, next.customer);
  }
  rec.customer = next.customer;
  rec.amount = next.amount;
  rec.open = next.open;
  rec.invoice_date = next.invoice_date;
  rec.due_date = next.due_date;
  rec.discount_bp = next.discount_bp;
  rec.discount_days = next.discount_days;
  rec.currency = next.currency;
  if (customer_indexes && rec.open != 0) {
    OpenInsert(no);
    ++open_count;
  }
}

// ---- Ledger: invoices ----

Ledger::Ledger() : impl_(std::make_unique<Impl>()) {}
Ledger::~Ledger() = default;

void Ledger::Reserve(size_t customers, size_t invoices) {
  Impl& m = *impl_;
  m.invoices.reserve(invoices);
  m.next_of_customer.reserve(invoices);
  m.references.Reserve(invoices);
  m.customers.reserve(customers);
  m.open_by_customer.reserve(customers);
  m.customer_ids.Reserve(customers);
  m.names.Reserve(customers);
}

Result<InvoiceNo> Ledger::UpsertInvoice(const Invoice& invoice) {
  Impl& m = *impl_;
  if (invoice.amount.currency != invoice.open_amount.currency) {
    return Status::InvalidInput("invoice " + invoice.invoice_id +
                                ": amount and open amount differ in currency");
  }
  const std::optional<CustomerNo> customer = FindCustomer(invoice.customer_id);
  if (!customer) {
    return Status::NotFound("invoice " + invoice.invoice_id + ": unknown customer " +
                            invoice.customer_id);
  }
  return m.Upsert(invoice, *customer);
}

void Ledger::SetOpenAmount(InvoiceNo invoice, int64_t open_minor) {
  Impl& m = *impl_;
  assert(invoice < m.invoices.size());
  if (invoice >= m.invoices.size()) return;
  InvoiceRec& rec = m.invoices[invoice];
  if (rec.open == open_minor) return;
  if (rec.open != 0) {
    m.OpenErase(invoice);
    --m.open_count;
  }
  rec.open = open_minor;
  if (rec.open != 0) {
    m.OpenInsert(invoice);
    ++m.open_count;
  }
}

size_t Ledger::customer_count() const { return impl_->customers.size(); }
size_t Ledger::invoice_count() const { return impl_->invoices.size(); }
size_t Ledger::open_invoice_count() const { return impl_->open_count; }

size_t Ledger::MemoryUsage() const {
  const Impl& m = *impl_;
  size_t bytes = sizeof(Impl);
  bytes += m.invoices.MemoryUsage() + m.next_of_customer.MemoryUsage();
  bytes += m.invoice_strings.MemoryUsage() + m.references.MemoryUsage() + m.pos.MemoryUsage();
  bytes += m.fuzzy.MemoryUsage();
  bytes += m.company_strings.MemoryUsage() + m.company_names.capacity() * sizeof(std::string_view);
  // An unordered_map node holds the pair and a next pointer, plus malloc's header.
  bytes += m.company_numbers.bucket_count() * sizeof(void*) + m.company_numbers.size() * 48;
  bytes += m.customers.MemoryUsage() + m.customer_records.MemoryUsage();
  bytes += m.open_by_customer.capacity() * sizeof(std::vector<InvoiceNo>);
  for (const std::vector<InvoiceNo>& v : m.open_by_customer) {
    // glibc malloc: 8 bytes of header, 16-byte granules, 32 bytes at least.
    if (v.capacity() != 0) bytes += std::max<size_t>(32, (v.capacity() * 4 + 8 + 15) / 16 * 16);
  }
  bytes += m.customer_ids.MemoryUsage() + m.names.MemoryUsage() + m.aliases.MemoryUsage();
  bytes += m.accounts.MemoryUsage() + m.parents.MemoryUsage();
  return bytes;
}

std::optional<InvoiceNo> Ledger::FindInvoice(std::string_view company,
                                             std::string_view invoice_id) const {
  const Impl& m = *impl_;
  const std::optional<uint32_t> c = m.FindCompany(company);
  if (!c) return std::nullopt;
  RefNormalizer normalize;
  return m.FindInvoiceNo(*c, invoice_id, normalize(invoice_id));
}

InvoiceView Ledger::invoice(InvoiceNo no) const {
  InvoiceView v = invoice_core(no);
  v.po_number = impl_->PoNumber(impl_->invoices[no]);
  return v;
}

InvoiceView Ledger::invoice_core(InvoiceNo no) const {
  const Impl& m = *impl_;
  assert(no < m.invoices.size());
  const InvoiceRec& rec = m.invoices[no];
  const Currency currency = internal::CurrencyFromIndex(rec.currency);
  return InvoiceView{no,
                     rec.customer,
                     m.company_names[rec.company],
                     m.InvoiceId(rec),
                     {},
                     Money{rec.amount, currency},
                     Money{rec.open, currency},
                     Date{rec.invoice_date},
                     Date{rec.due_date},
                     rec.discount_bp,
                     rec.discount_days};
}

void Ledger::PrefetchInvoice(InvoiceNo no) const {
  if (no < impl_->invoices.size()) __builtin_prefetch(&impl_->invoices[no]);
}

Invoice Ledger::GetInvoice(InvoiceNo no) const {
  const InvoiceView v = invoice(no);
  Invoice inv;
  inv.company = std::string(v.company);
  inv.invoice_id = std::string(v.invoice_id);
  inv.customer_id = std::string(impl_->Fields(v.customer).id);
  inv.amount = v.amount;
  inv.open_amount = v.open_amount;
  inv.invoice_date = v.invoice_date;
  inv.due_date = v.due_date;
  inv.po_number = std::string(v.po_number);
  inv.discount_bp = v.discount_bp;
  inv.discount_days = v.discount_days;
  return inv;
}

void Ledger::InvoicesOfCustomer(CustomerNo customer, std::vector<InvoiceNo>* out) const {
  const Impl& m = *impl_;
  assert(customer < m.customers.size());
  const size_t from = out->size();
  for (uint32_t no = m.customers[customer].last_invoice; no != kNone;
       no = m.next_of_customer[no]) {
    out->push_back(no);
  }
  // The chain is newest first, except where an invoice moved customers.
  internal::SortTail(out, from);
}

std::span<const InvoiceNo> Ledger::OpenInvoicesOfCustomer(CustomerNo customer) const {
  assert(customer < impl_->customers.size());
  return impl_->open_by_customer[customer];
}

void Ledger::FindOpenByAmount(CustomerNo customer, Money open, std::vector<InvoiceNo>* out) const {
  const Impl& m = *impl_;
  const std::span<const InvoiceNo> v = OpenInvoicesOfCustomer(customer);
  const std::pair<uint16_t, int64_t> key{open.currency.index(), open.minor};
  auto key_of = [&](InvoiceNo no) {
    return std::pair<uint16_t, int64_t>{m.invoices[no].currency, m.invoices[no].open};
  };
  const auto lo = std::lower_bound(v.begin(), v.end(), key,
                                   [&](InvoiceNo a, const auto& k) { return key_of(a) < k; });
  for (auto it = lo; it != v.end() && key_of(*it) == key; ++it) out->push_back(*it);
}

}  // namespace cashmatch
