// Open-items loading speed: ReadOpenItems over realistic ERP files, CSV and
// JSON Lines, customers and invoices, generated in memory.
//
//   load_bench --benchmark_filter=BM_ReadInvoices
//
// Counters: bytes_per_second (input), items_per_second (rows).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>

#include "cashmatch/open_items_reader.h"
#include "csv_reader.h"

namespace cashmatch {
namespace {

// splitmix64: a small, fast, deterministic generator.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
  bool Percent(uint64_t p) { return Below(100) < p; }

 private:
  uint64_t s_;
};

constexpr const char* kWords[] = {"Northwind", "Contoso", "Fabrikam", "Tailspin", "Adventure",
                                  "Litware",   "Proseware", "Wingtip", "Alpine",   "Blue Yonder",
                                  "Coho",      "Datum",   "Fourth",   "Humongous", "Lucerne",
                                  "Margie's",  "Trey",    "Wide World", "Woodgrove", "Southridge"};
constexpr const char* kIndustry[] = {"Foods", "Logistics", "Industries", "Trading", "Systems",
                                     "Pharma", "Motors", "Textiles", "Energy", "Holdings"};
constexpr const char* kLegal[] = {"Inc", "LLC", "Ltd", "GmbH", "SA", "Corp", "BV", "KK"};

struct CurrencyPick {
  const char* code;
  int exponent;
};
CurrencyPick PickCurrency(Rng& rng) {
  const uint64_t p = rng.Below(100);
  if (p < 78) return {"USD", 2};
  if (p < 93) return {"EUR", 2};
  if (p < 98) return {"JPY", 0};
  return {"KWD", 3};
}

std::string Amount(int64_t minor, int exponent) {
  char buf[40];
  if (exponent == 0) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(minor));
    return buf;
  }
  int64_t scale = 1;
  for (int i = 0; i < exponent; ++i) scale *= 10;
  const bool neg = minor < 0;
  const int64_t mag = neg ? -minor : minor;
  std::snprintf(buf, sizeof buf, "%s%lld.%0*lld", neg ? "-" : "", static_cast<long long>(mag / scale),
                exponent, static_cast<long long>(mag % scale));
  return buf;
}

// Day 0..364 of 2026 as YYYY-MM-DD.
std::string DayOf2026(int day_of_year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int d = day_of_year % 365;
  int m = 0;
  while (d >= kDays[m]) d -= kDays[m++];
  char buf[32];
  std::snprintf(buf, sizeof buf, "2026-%02d-%02d", m + 1, d + 1);
  return buf;
}

struct InvoiceText {
  std::string id, customer, company, currency, amount, open, issued, due, po, pct, days;
};

InvoiceText MakeInvoice(uint64_t i, Rng& rng) {
  InvoiceText t;
  char buf[32];
  const bool memo = rng.Percent(3);
  std::snprintf(buf, sizeof buf, "%s-%010llu", memo ? "CM" : "INV",
                static_cast<unsigned long long>(1234567 + i));
  t.id = buf;
  std::snprintf(buf, sizeof buf, "C%07llu", static_cast<unsigned long long>(rng.Below(200000)));
  t.customer = buf;
  t.company = rng.Percent(80) ? "" : (rng.Percent(50) ? "US01" : "DE01");
  const CurrencyPick c = PickCurrency(rng);
  t.currency = c.code;
  int64_t minor = 1000 + static_cast<int64_t>(rng.Below(5000000));
  if (c.exponent == 0) minor /= 100;
  if (c.exponent == 3) minor *= 10;
  if (memo) minor = -(minor / 10 + 1);
  int64_t open = minor;
  const uint64_t state = rng.Below(100);
  if (state < 10 && !memo) open = minor - static_cast<int64_t>(rng.Below(static_cast<uint64_t>(minor)));
  if (state >= 95) open = 0;
  t.amount = Amount(minor, c.exponent);
  t.open = Amount(open, c.exponent);
  const int day = static_cast<int>(rng.Below(300));
  t.issued = DayOf2026(day);
  t.due = DayOf2026(day + (rng.Percent(70) ? 30 : 60));
  if (rng.Percent(30)) {
    std::snprintf(buf, sizeof buf, "%s%06llu", rng.Percent(50) ? "PO-" : "4500",
                  static_cast<unsigned long long>(rng.Below(1000000)));
    t.po = buf;
  }
  if (rng.Percent(20)) {
    t.pct = "2";
    t.days = "10";
  }
  return t;
}

struct CustomerText {
  std::string id, name, aliases, accounts, parent, email, currency, limit;
};

CustomerText MakeCustomer(uint64_t i, Rng& rng) {
  CustomerText t;
  char buf[64];
  std::snprintf(buf, sizeof buf, "C%07llu", static_cast<unsigned long long>(i));
  t.id = buf;
  const char* w = kWords[rng.Below(std::size(kWords))];
  const char* ind = kIndustry[rng.Below(std::size(kIndustry))];
  t.name = std::string(w) + " " + ind + (rng.Percent(10) ? ", " : " ") + kLegal[rng.Below(std::size(kLegal))];
  if (rng.Percent(60)) t.name += " #" + std::to_string(i % 997);
  if (rng.Percent(20)) t.aliases = std::string(w) + " " + ind;
  const uint64_t accounts = rng.Percent(70) ? 1 + rng.Below(2) : 0;
  for (uint64_t a = 0; a < accounts; ++a) {
    std::snprintf(buf, sizeof buf, "%09llu:%010llu", static_cast<unsigned long long>(rng.Below(999999999)),
                  static_cast<unsigned long long>(rng.Below(9999999999ULL)));
    if (a) t.accounts += "|";
    t.accounts += buf;
  }
  if (i > 1000 && rng.Percent(5)) {
    std::snprintf(buf, sizeof buf, "C%07llu", static_cast<unsigned long long>(rng.Below(1000)));
    t.parent = buf;
  }
  std::snprintf(buf, sizeof buf, "ap@%.4s%llu.example", w, static_cast<unsigned long long>(i));
  t.email = buf;
  const CurrencyPick c = PickCurrency(rng);
  t.currency = c.code;
  if (rng.Percent(50)) t.limit = Amount(static_cast<int64_t>(10 + rng.Below(500)) * 100000, c.exponent);
  return t;
}

// CSV quoting for a name that may hold a comma.
std::string Csv(const std::string& s) {
  return s.find(',') == std::string::npos ? s : "\"" + s + "\"";
}

void JsonField(std::string* out, const char* name, const std::string& value, bool* first) {
  if (value.empty()) return;
  if (!*first) out->push_back(',');
  *first = false;
  out->push_back('"');
  out->append(name);
  out->append("\":\"");
  out->append(value);  // generated values need no escaping
  out->push_back('"');
}

enum Kind { kInvoices, kCustomers };
enum Format { kCsvFormat, kJsonlFormat };

const std::string& File(Kind kind, Format format, int64_t rows) {
  static std::map<std::tuple<int, int, int64_t>, std::string> cache;
  std::string& out = cache[{kind, format, rows}];
  if (!out.empty()) return out;
  Rng rng(42 + static_cast<uint64_t>(kind));
  out.reserve(static_cast<size_t>(rows) * 230);
  if (kind == kInvoices) {
    if (format == kCsvFormat) {
      out += "invoice_id,customer_id,company,currency,amount,open_amount,invoice_date,due_date,"
             "po_number,discount_pct,discount_days\n";
    }
    for (int64_t i = 0; i < rows; ++i) {
      const InvoiceText t = MakeInvoice(static_cast<uint64_t>(i), rng);
      if (format == kCsvFormat) {
        out += t.id + ',' + t.customer + ',' + t.company + ',' + t.currency + ',' + t.amount + ',' +
               t.open + ',' + t.issued + ',' + t.due + ',' + t.po + ',' + t.pct + ',' + t.days + '\n';
      } else {
        bool first = true;
        out.push_back('{');
        JsonField(&out, "invoice_id", t.id, &first);
        JsonField(&out, "customer_id", t.customer, &first);
        JsonField(&out, "company", t.company, &first);
        JsonField(&out, "currency", t.currency, &first);
        JsonField(&out, "amount", t.amount, &first);
        JsonField(&out, "open_amount", t.open, &first);
        JsonField(&out, "invoice_date", t.issued, &first);
        JsonField(&out, "due_date", t.due, &first);
        JsonField(&out, "po_number", t.po, &first);
        JsonField(&out, "discount_pct", t.pct, &first);
        JsonField(&out, "discount_days", t.days, &first);
        out += "}\n";
      }
    }
  } else {
    if (format == kCsvFormat) {
      out += "customer_id,name,aliases,bank_accounts,parent_id,company,email,currency,credit_limit\n";
    }
    for (int64_t i = 0; i < rows; ++i) {
      const CustomerText t = MakeCustomer(static_cast<uint64_t>(i), rng);
      if (format == kCsvFormat) {
        out += t.id + ',' + Csv(t.name) + ',' + t.aliases + ',' + t.accounts + ',' + t.parent +
               ",," + t.email + ',' + t.currency + ',' + t.limit + '\n';
      } else {
        bool first = true;
        out.push_back('{');
        JsonField(&out, "customer_id", t.id, &first);
        JsonField(&out, "name", t.name, &first);
        JsonField(&out, "aliases", t.aliases, &first);
        JsonField(&out, "bank_accounts", t.accounts, &first);
        JsonField(&out, "parent_id", t.parent, &first);
        JsonField(&out, "email", t.email, &first);
        JsonField(&out, "currency", t.currency, &first);
        JsonField(&out, "credit_limit", t.limit, &first);
        out += "}\n";
      }
    }
  }
  return out;
}

void RunRead(benchmark::State& state, Kind kind, Format format) {
  const int64_t rows = state.range(0);
  const std::string& text = File(kind, format, rows);
  for (auto _ : state) {
    Result<OpenItems> r = ReadOpenItems(text, "bench");
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    const size_t got = kind == kInvoices ? r->invoices.size() : r->customers.size();
    if (got != static_cast<size_t>(rows)) {
      state.SkipWithError("wrong row count");
      return;
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["bytes_per_row"] = static_cast<double>(text.size()) / static_cast<double>(rows);
}

void BM_ReadInvoicesCsv(benchmark::State& state) { RunRead(state, kInvoices, kCsvFormat); }
void BM_ReadInvoicesJsonl(benchmark::State& state) { RunRead(state, kInvoices, kJsonlFormat); }
void BM_ReadCustomersCsv(benchmark::State& state) { RunRead(state, kCustomers, kCsvFormat); }
void BM_ReadCustomersJsonl(benchmark::State& state) { RunRead(state, kCustomers, kJsonlFormat); }

// The CSV tokenizer alone, to show what the field conversion costs on top.
void BM_CsvTokenizeInvoices(benchmark::State& state) {
  const int64_t rows = state.range(0);
  const std::string& text = File(kInvoices, kCsvFormat, rows);
  for (auto _ : state) {
    CsvReader reader(text);
    CsvRecord record;
    size_t fields = 0;
    while (reader.Next(&record)) fields += record.size();
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * rows);
}

#define CASHMATCH_LOAD_BENCH(fn) \
  BENCHMARK(fn)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime()

CASHMATCH_LOAD_BENCH(BM_ReadInvoicesCsv);
CASHMATCH_LOAD_BENCH(BM_ReadInvoicesJsonl);
CASHMATCH_LOAD_BENCH(BM_ReadCustomersCsv);
CASHMATCH_LOAD_BENCH(BM_ReadCustomersJsonl);
CASHMATCH_LOAD_BENCH(BM_CsvTokenizeInvoices);

}  // namespace
}  // namespace cashmatch

BENCHMARK_MAIN();
