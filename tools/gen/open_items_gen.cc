#include "open_items_gen.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "names.h"

namespace cashmatch::gen {
namespace {

// SplitMix64: tiny, fast, and a pure function of its seed, which is what
// makes every record reproducible from (seed, index) alone.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : state_(seed * 0x9E3779B97F4A7C15ULL ^ stream * 0xD1B54A32D192ED03ULL ^ index) {
    Next();
  }
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  bool Percent(unsigned p) { return Below(100) < p; }
  template <typename T>
  const T& Pick(std::span<const T> items) { return items[Below(items.size())]; }

 private:
  uint64_t state_;
};

enum Stream : uint64_t { kCustomerStream = 1, kInvoiceStream = 2, kOwnerStream = 3 };

const Currency kUsd = *Currency::FromCode("USD");
const Currency kEur = *Currency::FromCode("EUR");
const Currency kJpy = *Currency::FromCode("JPY");
const Currency kGbp = *Currency::FromCode("GBP");

std::string Padded(uint64_t value, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(value));
  return buf;
}

// An ABA routing number with a valid check digit: 3*d1 + 7*d2 + d3 + ... ≡ 0 mod 10.
std::string RoutingNumber(Rng& rng) {
  int d[9];
  d[0] = static_cast<int>(rng.Below(3));  // Federal Reserve routing symbols start 0-3
  for (int i = 1; i < 8; ++i) d[i] = static_cast<int>(rng.Below(10));
  static constexpr int kWeights[] = {3, 7, 1, 3, 7, 1, 3, 7};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += d[i] * kWeights[i];
  d[8] = (10 - sum % 10) % 10;
  std::string s;
  for (int v : d) s.push_back(static_cast<char>('0' + v));
  return s;
}

// A German IBAN with correct ISO 7064 mod-97 check digits.
std::string Iban(Rng& rng) {
  const std::string bban = Padded(10000000 + rng.Below(89999999), 8) + Padded(rng.Below(10000000000ULL), 10);
  // Check digits: move "DE00" to the end, letters to numbers (D=13, E=14).
  const std::string rearranged = bban + "1314" + "00";
  unsigned remainder = 0;
  for (char c : rearranged) remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
  return "DE" + Padded(98 - remainder, 2) + bban;
}

Currency CustomerCurrency(uint64_t customer_index, uint64_t seed) {
  Rng rng(seed, kCustomerStream, customer_index);
  rng.Next();  // currency draws come from a fixed position in the stream
  const uint64_t r = rng.Below(100);
  if (r < 80) return kUsd;
  if (r < 92) return kEur;
  if (r < 97) return kGbp;
  return kJpy;
}

std::string CompanyCode(uint32_t k) { return k == 0 ? "" : "E" + Padded(k, 2); }

// Invoice numbering differs by company, as it does between ERPs.
std::string InvoiceNumber(uint32_t company, uint64_t seq, bool credit_memo) {
  if (credit_memo) return "CM-" + Padded(seq, 7);
  switch (company % 4) {
    case 0: return "INV-" + Padded(seq, 8);
    case 1: return "90" + Padded(seq, 8);
    case 2: return "SI-2026-" + Padded(seq, 7);
    default: return "INV" + Padded(seq, 7);
  }
}

// Invoice amounts span cents to millions with most in the hundreds to tens
// of thousands, drawn without floating point: pick a decade, then a value in it.
int64_t DrawAmountCents(Rng& rng) {
  static constexpr uint64_t kDecadeWeights[] = {2, 8, 25, 35, 22, 7, 1};  // 1e2..1e8 cents
  uint64_t r = rng.Below(100), decade = 0;
  while (r >= kDecadeWeights[decade]) r -= kDecadeWeights[decade++];
  uint64_t lo = 100;
  for (uint64_t i = 0; i < decade; ++i) lo *= 10;
  int64_t cents = static_cast<int64_t>(lo + rng.Below(lo * 9));
  if (rng.Percent(30)) cents -= cents % 100;  // round amounts are common
  return cents;
}

void AppendCsvField(std::string* out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(v);
    return;
  }
  out->push_back('"');
  for (char c : v) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendJsonString(std::string* out, std::string_view v) {
  out->push_back('"');
  for (char c : v) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) {
    if (!s.empty()) s.push_back('|');
    s += p;
  }
  return s;
}

// Appends one row of `fields` (name, value) as CSV values or a JSON object.
void AppendRow(FileFormat format, std::span<const std::pair<std::string_view, std::string>> fields,
               std::string* out) {
  if (format == FileFormat::kCsv) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) out->push_back(',');
      AppendCsvField(out, fields[i].second);
    }
    out->push_back('\n');
    return;
  }
  out->push_back('{');
  bool first = true;
  for (const auto& [name, value] : fields) {
    if (value.empty()) continue;  // JSON Lines leave optional fields out
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, name);
    out->push_back(':');
    AppendJsonString(out, value);
  }
  out->append("}\n");
}

void AppendHeader(std::span<const std::pair<std::string_view, std::string>> fields,
                  std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out->push_back(',');
    out->append(fields[i].first);
  }
  out->push_back('\n');
}

}  // namespace

OpenItemsGenerator::OpenItemsGenerator(const OpenItemsOptions& options) : options_(options) {
  if (options_.customers == 0) options_.customers = 1;
  if (options_.companies == 0) options_.companies = 1;
}

std::string OpenItemsGenerator::CustomerId(uint64_t index) const { return "C" + Padded(index + 1, 7); }

Customer OpenItemsGenerator::MakeCustomer(uint64_t index) const {
  Rng rng(options_.seed, kCustomerStream, index);
  Customer c;
  c.customer_id = CustomerId(index);
  c.currency = CustomerCurrency(index, options_.seed);
  rng.Next();  // the draw CustomerCurrency consumed
  const auto& w1 = rng.Pick(NameWords());
  const auto& w2 = rng.Pick(IndustryWords());
  const auto& legal = rng.Pick(LegalForms());
  if (rng.Percent(4)) {
    c.name = std::string(w1) + ", " + std::string(rng.Pick(NameWords())) + " & Co";
  } else {
    c.name = std::string(w1) + " " + std::string(w2) + " " + std::string(legal);
  }
  // Distinct customers may share words; the index suffix on some keeps a
  // believable share of true name collisions without making most ambiguous.
  if (rng.Percent(60)) c.name += " #" + std::to_string(index % 997);
  if (rng.Percent(20)) {
    std::string alias(w1);
    alias += " ";
    alias += w2;
    for (char& ch : alias) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    c.aliases.push_back(alias);
  }
  const uint64_t accounts = rng.Percent(70) ? 1 + rng.Percent(20) : 0;
  for (uint64_t a = 0; a < accounts; ++a) {
    if (c.currency == kEur) {
      c.bank_accounts.push_back(Iban(rng));
    } else {
      c.bank_accounts.push_back(RoutingNumber(rng) + ":" + std::to_string(1000000 + rng.Below(8999999999ULL)));
    }
  }
  // A few large parents pay for their subsidiaries.
  const uint64_t parents = options_.customers / 100;
  if (parents > 0 && index >= parents && rng.Percent(5)) {
    const uint64_t parent = rng.Below(parents);
    if (CustomerCurrency(parent, options_.seed) == c.currency) c.parent_id = CustomerId(parent);
  }
  c.emails.push_back("ap@" + std::string(w1.substr(0, 4)) + std::to_string(index) + ".example");
  if (rng.Percent(50)) {
    c.credit_limit = Money{static_cast<int64_t>(10 + rng.Below(500)) * 100000, c.currency};
    if (c.currency == kJpy) c.credit_limit->minor *= 15;
  }
  return c;
}

uint64_t OpenItemsGenerator::CustomerOfInvoice(uint64_t index) const {
  Rng rng(options_.seed, kOwnerStream, index);
  const uint64_t n = options_.customers;
  // 70 % spread evenly; 30 % on a skewed tail (u^3), so the first customers
  // carry hundreds or thousands of open items.
  if (rng.Percent(70)) return rng.Below(n);
  const uint64_t u = rng.Below(1u << 20);
  __extension__ using U128 = unsigned __int128;
  return static_cast<uint64_t>((static_cast<U128>(u) * u * u * n) >> 60);
}

Invoice OpenItemsGenerator::MakeInvoice(uint64_t index) const {
  Rng rng(options_.seed, kInvoiceStream, index);
  Invoice inv;
  const uint32_t company = static_cast<uint32_t>(index % options_.companies);
  const uint64_t seq = index / options_.companies + 1;
  const bool credit_memo = rng.Percent(3);
  inv.company = CompanyCode(company);
  inv.invoice_id = InvoiceNumber(company, seq, credit_memo);
  const uint64_t customer = CustomerOfInvoice(index);
  inv.customer_id = CustomerId(customer);
  const Currency currency = CustomerCurrency(customer, options_.seed);
  int64_t minor = DrawAmountCents(rng);
  if (currency == kJpy) minor = minor * 3 / 2;  // yen have no minor unit: ~1.5 per cent
  if (credit_memo) minor = -(minor / 10 + 1);
  inv.amount = Money{minor, currency};
  const uint64_t state = rng.Below(100);
  int64_t open = minor;
  if (state < 10 && !credit_memo) open = minor - static_cast<int64_t>(rng.Below(static_cast<uint64_t>(minor)));
  if (state >= 95) open = 0;
  inv.open_amount = Money{open, currency};
  inv.invoice_date = Date{options_.today.days - static_cast<int32_t>(rng.Below(120))};
  static constexpr int32_t kTerms[] = {30, 30, 30, 45, 60, 15};
  inv.due_date = Date{inv.invoice_date.days + kTerms[rng.Below(std::size(kTerms))]};
  if (rng.Percent(30)) {
    inv.po_number = rng.Percent(50) ? "PO-" + Padded(rng.Below(1000000), 6)
                                    : "4500" + Padded(rng.Below(1000000), 6);
  }
  const uint64_t terms = rng.Below(100);
  if (terms < 20) {
    inv.discount_bp = 200;
    inv.discount_days = 10;
  } else if (terms < 25) {
    inv.discount_bp = 100;
    inv.discount_days = 15;
  }
  return inv;
}

void OpenItemsGenerator::AppendCustomers(FileFormat format, uint64_t begin, uint64_t end,
                                         bool header, std::string* out) const {
  for (uint64_t i = begin; i < end; ++i) {
    const Customer c = MakeCustomer(i);
    const std::pair<std::string_view, std::string> fields[] = {
        {"customer_id", c.customer_id},
        {"name", c.name},
        {"aliases", Joined(c.aliases)},
        {"bank_accounts", Joined(c.bank_accounts)},
        {"parent_id", c.parent_id},
        {"company", c.company},
        {"email", Joined(c.emails)},
        {"currency", std::string(c.currency.code())},
        {"credit_limit", c.credit_limit ? FormatMoney(*c.credit_limit) : std::string()},
    };
    if (header && i == begin && format == FileFormat::kCsv) AppendHeader(fields, out);
    AppendRow(format, fields, out);
  }
}

void OpenItemsGenerator::AppendInvoices(FileFormat format, uint64_t begin, uint64_t end,
                                        bool header, std::string* out) const {
  for (uint64_t i = begin; i < end; ++i) {
    const Invoice inv = MakeInvoice(i);
    const std::pair<std::string_view, std::string> fields[] = {
        {"invoice_id", inv.invoice_id},
        {"customer_id", inv.customer_id},
        {"company", inv.company},
        {"currency", std::string(inv.amount.currency.code())},
        {"amount", FormatMoney(inv.amount)},
        {"open_amount", FormatMoney(inv.open_amount)},
        {"invoice_date", FormatDate(inv.invoice_date)},
        {"due_date", FormatDate(inv.due_date)},
        {"po_number", inv.po_number},
        {"discount_pct", inv.discount_bp ? FormatMinorUnits(inv.discount_bp, 2) : std::string()},
        {"discount_days", inv.discount_days ? std::to_string(inv.discount_days) : std::string()},
    };
    if (header && i == begin && format == FileFormat::kCsv) AppendHeader(fields, out);
    AppendRow(format, fields, out);
  }
}

}  // namespace cashmatch::gen
