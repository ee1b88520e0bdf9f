#include "open_items_fields.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <utility>

#include "cashmatch/date.h"
#include "huge_pages.h"

namespace cashmatch {
namespace {

constexpr std::string_view kFieldNames[kFieldCount] = {
    "customer_id", "name",        "aliases",      "bank_accounts", "parent_id",    "company",
    "email",       "currency",    "credit_limit", "invoice_id",    "amount",       "open_amount",
    "invoice_date", "due_date",   "po_number",    "discount_pct",  "discount_days", "as_of",
};

constexpr FieldMask kInvoiceRequired = Bit(Field::kInvoiceId) | Bit(Field::kCustomerId) |
                                       Bit(Field::kCurrency) | Bit(Field::kAmount) |
                                       Bit(Field::kOpenAmount) | Bit(Field::kInvoiceDate) |
                                       Bit(Field::kDueDate);
constexpr FieldMask kCustomerRequired = Bit(Field::kCustomerId) | Bit(Field::kName);

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsBlank(s[b])) ++b;
  while (e > b && IsBlank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool HasControl(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

// A value quoted for a message, cut short so that a hostile 1 MiB field
// does not become a 1 MiB message; never cuts a UTF-8 sequence in two.
std::string Quoted(std::string_view s) {
  constexpr size_t kMax = 64;
  if (s.size() <= kMax) return "'" + std::string(s) + "'";
  size_t n = kMax;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return "'" + std::string(s.substr(0, n)) + "...'";
}

size_t ListSlot(Field f) {
  switch (f) {
    case Field::kAliases: return 0;
    case Field::kBankAccounts: return 1;
    case Field::kEmail: return 2;
    default: return 3;
  }
}

uint64_t HashOf(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

std::optional<Field> FieldFromName(std::string_view name) {
  name = Trim(name);
  for (size_t i = 0; i < kFieldCount; ++i) {
    const std::string_view want = kFieldNames[i];
    if (want.size() != name.size()) continue;
    size_t k = 0;
    while (k < want.size() && Lower(name[k]) == want[k]) ++k;
    if (k == want.size()) return static_cast<Field>(i);
  }
  return std::nullopt;
}

std::string_view FieldName(Field f) { return kFieldNames[static_cast<size_t>(f)]; }

RowKind KindOf(FieldMask given) {
  if (given & Bit(Field::kInvoiceId)) return RowKind::kInvoice;
  if ((given & kCustomerRequired) == kCustomerRequired) return RowKind::kCustomer;
  return RowKind::kUnknown;
}

FieldMask RequiredFields(RowKind kind) {
  switch (kind) {
    case RowKind::kInvoice: return kInvoiceRequired;
    case RowKind::kCustomer: return kCustomerRequired;
    case RowKind::kUnknown: break;
  }
  return 0;
}

std::vector<std::string_view>* RawRow::ItemsOf(Field f) {
  const size_t slot = ListSlot(f);
  return slot < items.size() ? &items[slot] : nullptr;
}

const std::vector<std::string_view>* RawRow::ItemsOf(Field f) const {
  const size_t slot = ListSlot(f);
  return slot < items.size() ? &items[slot] : nullptr;
}

void RawRow::Clear() {
  given = 0;
  arrays = 0;
  for (auto& list : items) list.clear();
}

// One row being converted: reads its values and words its errors.
class OpenItemsBuilder::Row {
 public:
  Row(const RawRow& raw, std::string_view file, uint64_t line)
      : raw_(raw), file_(file), line_(line) {}

  SourceLocation Where(Field f) const {
    return SourceLocation{std::string(file_), line_, raw_.column[static_cast<size_t>(f)],
                          std::string(FieldName(f))};
  }
  Status Error(Field f, std::string reason) const {
    return Status::InvalidInput(std::move(reason), Where(f));
  }
  // A failure from a value parser, which knows the value but not the place.
  Status Wrap(Field f, const Status& st) const { return st.WithContext(Where(f)); }

  // The trimmed value; empty when the field is absent.
  std::string_view Get(Field f) const {
    return raw_.has(f) ? Trim(raw_.text[static_cast<size_t>(f)]) : std::string_view();
  }

  Status Required(Field f, std::string_view* out) const {
    if (!raw_.has(f)) {
      return Error(f, "missing required field '" + std::string(FieldName(f)) + "'");
    }
    *out = Get(f);
    if (out->empty()) return Error(f, "required field '" + std::string(FieldName(f)) + "' is empty");
    return Status::Ok();
  }

  // An identifier: one line of printable text.
  Status Id(Field f, std::string_view value) const {
    if (HasControl(value)) {
      return Error(f, std::string(FieldName(f)) + " " + Quoted(value) +
                          " contains a control character (tab, line break or similar)");
    }
    return Status::Ok();
  }

  Status RequiredId(Field f, std::string_view* out) const {
    CASHMATCH_RETURN_IF_ERROR(Required(f, out));
    return Id(f, *out);
  }

  // Items of a list field, from '|'-separated text or from an array;
  // trimmed, empty items dropped.
  void List(Field f, std::vector<std::string>* out) const {
    if (!raw_.has(f)) return;
    const auto add = [out](std::string_view item) {
      item = Trim(item);
      if (!item.empty()) out->emplace_back(item);
    };
    if (raw_.arrays & Bit(f)) {
      const std::vector<std::string_view>& items = *raw_.ItemsOf(f);
      out->reserve(items.size());
      for (std::string_view item : items) add(item);
      return;
    }
    std::string_view text = raw_.text[static_cast<size_t>(f)];
    if (Trim(text).empty()) return;
    // One allocation for the list, not one per doubling.
    out->reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '|')) + 1);
    for (;;) {
      const size_t bar = text.find('|');
      add(text.substr(0, bar));
      if (bar == std::string_view::npos) break;
      text.remove_prefix(bar + 1);
    }
  }

 private:
  const RawRow& raw_;
  std::string_view file_;
  uint64_t line_;
};

OpenItemsBuilder::OpenItemsBuilder(std::string_view file_name, size_t expected_rows)
    : expected_rows_(expected_rows) {
  items_.source = std::string(file_name);
}

Status OpenItemsBuilder::ParseCurrency(const Row& r, Field f, std::string_view code,
                                       Currency* out) {
  if (code.size() == 3 && last_currency_.valid() && std::memcmp(code.data(), last_code_, 3) == 0) {
    *out = last_currency_;
    return Status::Ok();
  }
  const std::optional<Currency> found = Currency::FromCode(code);
  if (!found) {
    std::string upper(code);
    for (char& c : upper) c = Upper(c);
    if (upper != code && Currency::FromCode(upper)) {
      return r.Error(f, "currency " + Quoted(code) + " must be written in capitals as ISO 4217 does: '" +
                            upper + "'");
    }
    return r.Error(f, "unknown currency " + Quoted(code) + " (not an active ISO 4217 code)");
  }
  std::memcpy(last_code_, code.data(), 3);
  last_currency_ = *found;
  *out = *found;
  return Status::Ok();
}

Status OpenItemsBuilder::AddCustomer(const RawRow& raw, uint64_t line) {
  const size_t index = items_.customers.size();
  if (index >= std::numeric_limits<uint32_t>::max() - 1) {
    return Status::ResourceExhausted("too many customers in one file",
                                     SourceLocation{items_.source, line, 0, ""});
  }
  if (!reserved_) {
    reserved_ = true;
    items_.customers.reserve(expected_rows_);
    AdviseHugePages(items_.customers.data(), items_.customers.capacity() * sizeof(CustomerRow));
    customer_keys_.Reserve(expected_rows_);
  }
  const Row r(raw, items_.source, line);
  std::string_view id, name;
  CASHMATCH_RETURN_IF_ERROR(r.RequiredId(Field::kCustomerId, &id));
  // The key's slot is a cache miss in a large file: start loading it now.
  const uint64_t hash = HashOf(id);
  customer_keys_.Prefetch(hash);
  CASHMATCH_RETURN_IF_ERROR(r.Required(Field::kName, &name));
  const std::string_view parent = r.Get(Field::kParentId);
  CASHMATCH_RETURN_IF_ERROR(r.Id(Field::kParentId, parent));
  const std::string_view company = r.Get(Field::kCompany);
  CASHMATCH_RETURN_IF_ERROR(r.Id(Field::kCompany, company));

  CustomerRow& row = items_.customers.emplace_back();
  row.line = line;
  Customer& c = row.customer;
  c.customer_id.assign(id);
  c.name.assign(name);
  c.parent_id.assign(parent);
  c.company.assign(company);
  r.List(Field::kAliases, &c.aliases);
  r.List(Field::kBankAccounts, &c.bank_accounts);
  r.List(Field::kEmail, &c.emails);

  if (const std::string_view code = r.Get(Field::kCurrency); !code.empty()) {
    CASHMATCH_RETURN_IF_ERROR(ParseCurrency(r, Field::kCurrency, code, &c.currency));
  }
  if (const std::string_view limit = r.Get(Field::kCreditLimit); !limit.empty()) {
    if (!c.currency.valid()) {
      return r.Error(Field::kCreditLimit, "credit_limit " + Quoted(limit) +
                                              " needs a currency: give the customer's currency");
    }
    Result<Money> money = ParseMoney(limit, c.currency);
    if (!money.ok()) return r.Wrap(Field::kCreditLimit, money.status());
    if (money->minor < 0) {
      return r.Error(Field::kCreditLimit, "credit_limit " + Quoted(limit) + " is negative");
    }
    c.credit_limit = *money;
  }

  const auto same = [&](uint32_t i) { return items_.customers[i].customer.customer_id == id; };
  if (auto earlier = customer_keys_.FindOrInsert(hash, static_cast<uint32_t>(index), same)) {
    return r.Error(Field::kCustomerId,
                   "duplicate customer " + Quoted(id) + " also on line " +
                       std::to_string(items_.customers[*earlier].line));
  }
  return Status::Ok();
}

Status OpenItemsBuilder::AddInvoice(const RawRow& raw, uint64_t line) {
  const size_t index = items_.invoices.size();
  if (index >= std::numeric_limits<uint32_t>::max() - 1) {
    return Status::ResourceExhausted("too many invoices in one file",
                                     SourceLocation{items_.source, line, 0, ""});
  }
  if (!reserved_) {
    reserved_ = true;
    items_.invoices.reserve(expected_rows_);
    AdviseHugePages(items_.invoices.data(), items_.invoices.capacity() * sizeof(InvoiceRow));
    invoice_keys_.Reserve(expected_rows_);
  }
  const Row r(raw, items_.source, line);
  std::string_view id, customer, code, amount_text, open_text, invoice_date, due_date;
  CASHMATCH_RETURN_IF_ERROR(r.RequiredId(Field::kInvoiceId, &id));
  CASHMATCH_RETURN_IF_ERROR(r.RequiredId(Field::kCustomerId, &customer));
  CASHMATCH_RETURN_IF_ERROR(r.Required(Field::kCurrency, &code));
  CASHMATCH_RETURN_IF_ERROR(r.Required(Field::kAmount, &amount_text));
  CASHMATCH_RETURN_IF_ERROR(r.Required(Field::kOpenAmount, &open_text));
  CASHMATCH_RETURN_IF_ERROR(r.Required(Field::kInvoiceDate, &invoice_date));
  CASHMATCH_RETURN_IF_ERROR(r.Required(Field::kDueDate, &due_date));
  const std::string_view company = r.Get(Field::kCompany);
  CASHMATCH_RETURN_IF_ERROR(r.Id(Field::kCompany, company));
  // The key's slot is a cache miss in a large file: start loading it now.
  const uint64_t hash = HashOf(id) ^ (HashOf(company) * 0x9E3779B97F4A7C15ULL);
  invoice_keys_.Prefetch(hash);
  const std::string_view po = r.Get(Field::kPoNumber);
  CASHMATCH_RETURN_IF_ERROR(r.Id(Field::kPoNumber, po));

  InvoiceRow& row = items_.invoices.emplace_back();
  row.line = line;
  Invoice& inv = row.invoice;

  Currency currency;
  CASHMATCH_RETURN_IF_ERROR(ParseCurrency(r, Field::kCurrency, code, &currency));
  Result<Money> amount = ParseMoney(amount_text, currency);
  if (!amount.ok()) return r.Wrap(Field::kAmount, amount.status());
  Result<Money> open = ParseMoney(open_text, currency);
  if (!open.ok()) return r.Wrap(Field::kOpenAmount, open.status());
  const int64_t a = amount->minor, o = open->minor;
  if (o != 0 && (o < 0) != (a < 0)) {
    return r.Error(Field::kOpenAmount, "open_amount " + Quoted(open_text) + " and amount " +
                                           Quoted(amount_text) + " have opposite signs");
  }
  if (a >= 0 ? o > a : o < a) {
    return r.Error(Field::kOpenAmount, "open_amount " + Quoted(open_text) +
                                           " is larger than the invoice amount " +
                                           Quoted(amount_text));
  }
  inv.amount = *amount;
  inv.open_amount = *open;

  Result<Date> issued = ParseDate(invoice_date);
  if (!issued.ok()) return r.Wrap(Field::kInvoiceDate, issued.status());
  Result<Date> due = ParseDate(due_date);
  if (!due.ok()) return r.Wrap(Field::kDueDate, due.status());
  if (*due < *issued) {
    return r.Error(Field::kDueDate, "due_date " + std::string(due_date) +
                                        " is before invoice_date " + std::string(invoice_date));
  }
  inv.invoice_date = *issued;
  inv.due_date = *due;

  const std::string_view pct = r.Get(Field::kDiscountPct);
  if (!pct.empty()) {
    Result<uint32_t> bp = ParsePercentBasisPoints(pct);
    if (!bp.ok()) return r.Wrap(Field::kDiscountPct, bp.status());
    inv.discount_bp = *bp;
  }
  if (const std::string_view days = r.Get(Field::kDiscountDays); !days.empty()) {
    uint32_t n = 0;
    bool ok = days.size() <= 5;
    for (size_t i = 0; ok && i < days.size(); ++i) {
      ok = days[i] >= '0' && days[i] <= '9';
      n = n * 10 + static_cast<uint32_t>(days[i] - '0');
    }
    if (!ok || n > std::numeric_limits<uint16_t>::max()) {
      return r.Error(Field::kDiscountDays, "discount_days " + Quoted(days) +
                                               " is not a whole number of days from 0 to 65535");
    }
    if (pct.empty()) {
      return r.Error(Field::kDiscountDays,
                     "discount_days is given without discount_pct: give both or neither");
    }
    inv.discount_days = static_cast<uint16_t>(n);
  }
  if (const std::string_view as_of = r.Get(Field::kAsOf); !as_of.empty()) {
    Result<Timestamp> t = ParseTimestamp(as_of);
    if (!t.ok()) return r.Wrap(Field::kAsOf, t.status());
    row.as_of = *t;
  }

  inv.invoice_id.assign(id);
  inv.customer_id.assign(customer);
  inv.company.assign(company);
  inv.po_number.assign(po);

  const auto same = [&](uint32_t i) {
    const Invoice& other = items_.invoices[i].invoice;
    return other.invoice_id == id && other.company == company;
  };
  if (auto earlier = invoice_keys_.FindOrInsert(hash, static_cast<uint32_t>(index), same)) {
    return r.Error(Field::kInvoiceId,
                   "duplicate invoice " + Quoted(id) + " (company " + Quoted(company) +
                       ") also on line " + std::to_string(items_.invoices[*earlier].line));
  }
  return Status::Ok();
}

OpenItems OpenItemsBuilder::Finish() && { return std::move(items_); }

}  // namespace cashmatch
