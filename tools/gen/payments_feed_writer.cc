#include "payments_feed_writer.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "cashmatch/date.h"
#include "cashmatch/money.h"

namespace cashmatch::gen {
namespace {

// The cosmetic choices, as bits of a hash of the payment's source_ref.
enum Choice : uint64_t {
  kAmountAsNumber = 1 << 0,   // JSON: "amount": 12.50 rather than "12.50"
  kQuoteAll = 1 << 1,         // CSV: quote text even where not needed
  kDirectionWord = 1 << 2,    // write direction ("credit"/"debit") ...
  kSignedDebit = 1 << 3,      // ... and/or a debit as a negative amount
  kNullForEmpty = 1 << 4,     // JSON: absent optional fields as null, not left out ...
  kEscapeNonAscii = 1 << 5,   // JSON: non-ASCII as \uXXXX
  kCompactLines = 1 << 6,     // JSON: lines as "ref:paid;..." text
  kReturnAsString = 1 << 7,   // JSON: "is_return": "true" rather than true
  kLineNumbers = 1 << 8,      // JSON: line amounts as numbers
  kUpperKeys = 0xF << 9,      // JSON: all keys in capitals when these 4 bits are 0
  kReversedColumns = 1 << 13, // CSV (first payment's): columns in reverse order
  kDirectionColumn = 1 << 14, // CSV (first payment's): direction column even without debits
  kNullsToo = 3 << 15,        // ... when these two bits are set as well (1 row in 8)
};

uint64_t Choices(const Payment& p) {
  uint64_t h = 0xCBF29CE484222325ULL;  // FNV-1a, then a finalizer
  for (unsigned char c : p.source_ref) h = (h ^ c) * 0x100000001B3ULL;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  return h;
}

std::string Amount(int64_t minor, Currency currency) {
  return FormatMinorUnits(minor, currency.exponent());
}

// The amount as written: a debit may carry a minus sign.
std::string SignedAmount(const Payment& p, uint64_t choices, bool have_direction) {
  const bool minus = p.direction == Direction::kDebit && (!have_direction || (choices & kSignedDebit));
  return (minus ? "-" : "") + Amount(p.amount.minor, p.amount.currency);
}

// The direction field's value, or "" to leave it out.
std::string_view DirectionWord(const Payment& p, uint64_t choices) {
  if (p.direction == Direction::kDebit) {
    return (choices & kDirectionWord) || !(choices & kSignedDebit) ? "debit" : "";
  }
  return (choices & kDirectionWord) ? "credit" : "";
}

std::string DateText(Date d) { return d.days == 0 ? std::string() : FormatDate(d); }

// A part of the compact `lines` form with ';', ':' and '\' escaped.
void AppendCompactPart(std::string_view s, std::string* out) {
  for (char c : s) {
    if (c == ';' || c == ':' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
}

// reference:paid:invoice_amount:discount:adjustment:adjustment_reason, empty
// trailing parts left out, items joined by ';'.
std::string CompactLines(const Payment& p) {
  std::string out;
  const Currency cur = p.amount.currency;
  for (size_t i = 0; i < p.remittance.size(); ++i) {
    const RemittanceLine& l = p.remittance[i];
    if (i > 0) out.push_back(';');
    std::string parts[6];
    parts[0] = l.reference;
    if (l.paid) parts[1] = Amount(l.paid->minor, cur);
    if (l.invoice_amount) parts[2] = Amount(l.invoice_amount->minor, cur);
    if (l.discount) parts[3] = Amount(l.discount->minor, cur);
    if (l.adjustment) parts[4] = Amount(l.adjustment->minor, cur);
    parts[5] = l.adjustment_reason;
    size_t n = 6;
    while (n > 1 && parts[n - 1].empty()) --n;
    for (size_t k = 0; k < n; ++k) {
      if (k > 0) out.push_back(':');
      AppendCompactPart(parts[k], &out);
    }
  }
  return out;
}

// ---- CSV ----

struct Column {
  std::string_view name;
  bool text;  // may need quoting; amounts and dates never do
};

void AppendCsvField(std::string_view v, bool quote_anyway, std::string* out) {
  bool quote = quote_anyway && !v.empty();
  if (!quote && !v.empty()) {
    quote = v.front() == ' ' || v.front() == '\t' || v.back() == ' ' || v.back() == '\t' ||
            v.find_first_of(",\"\r\n") != std::string_view::npos;
  }
  if (!quote) {
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

// ---- JSON ----

void AppendHex4(uint32_t v, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->append("\\u");
  for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(v >> shift) & 0xF]);
}

// Decodes the UTF-8 sequence at s[i]; 0 bytes when it is not one.
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  uint32_t v = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    v = (v << 6) | (d & 0x3F);
  }
  *cp = v;
  return len;
}

void AppendJsonString(std::string_view s, bool escape_non_ascii, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '\t') {
      out->append("\\t");
    } else if (c < 0x20 || c == 0x7F) {
      AppendHex4(c, out);
    } else if (c >= 0x80 && escape_non_ascii) {
      uint32_t cp = 0;
      const size_t len = DecodeUtf8(s, i, &cp);
      if (len == 0) {
        out->push_back(static_cast<char>(c));
        continue;
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        AppendHex4(0xD800 + (cp >> 10), out);
        AppendHex4(0xDC00 + (cp & 0x3FF), out);
      } else {
        AppendHex4(cp, out);
      }
      i += len - 1;
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
  out->push_back('"');
}

// Writes one object's members, choosing key case and how empties look.
class JsonObject {
 public:
  JsonObject(std::string* out, uint64_t choices) : out_(out), choices_(choices) {
    out_->push_back('{');
  }
  void Key(std::string_view key) {
    if (!first_) out_->push_back(',');
    first_ = false;
    out_->push_back('"');
    const bool upper = (choices_ & kUpperKeys) == 0;
    for (char c : key) out_->push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
    out_->append("\":");
  }
  // Text fields; "" is left out or written as null.
  void Text(std::string_view key, std::string_view value) {
    if (value.empty()) {
      if ((choices_ & (kNullForEmpty | kNullsToo)) == (kNullForEmpty | kNullsToo)) {
        Key(key);
        out_->append("null");
      }
      return;
    }
    Key(key);
    AppendJsonString(value, (choices_ & kEscapeNonAscii) != 0, out_);
  }
  // A decimal as a JSON number or a string.
  void Number(std::string_view key, std::string_view value, bool as_number) {
    Key(key);
    if (as_number) {
      out_->append(value);
    } else {
      AppendJsonString(value, false, out_);
    }
  }
  void Close() { out_->push_back('}'); }
  std::string* out() { return out_; }

 private:
  std::string* out_;
  uint64_t choices_;
  bool first_ = true;
};

}  // namespace

std::string WritePaymentsCsv(std::span<const Payment> payments) {
  const uint64_t file_choices = payments.empty() ? 0 : Choices(payments.front());
  bool debits = false, booking = false, trace = false, account = false, code = false;
  bool returns = false, reasons = false, originals = false, lines = false;
  for (const Payment& p : payments) {
    debits |= p.direction == Direction::kDebit;
    booking |= p.booking_date.days != 0;
    trace |= !p.trace_number.empty();
    account |= !p.account.empty();
    code |= !p.transaction_code.empty();
    returns |= p.is_return;
    reasons |= !p.return_reason.empty();
    originals |= !p.original_ref.empty();
    lines |= !p.remittance.empty();
  }
  std::vector<Column> columns = {
      {"source_ref", true},     {"value_date", false}, {"amount", false},
      {"currency", false},      {"payer_name", true},  {"payer_account", true},
      {"remittance", true},
  };
  const bool direction = debits || (file_choices & kDirectionColumn);
  if (direction) columns.push_back({"direction", false});
  if (booking) columns.push_back({"booking_date", false});
  if (trace) columns.push_back({"trace_number", true});
  if (account) columns.push_back({"account", true});
  if (code) columns.push_back({"transaction_code", true});
  if (returns) columns.push_back({"is_return", false});
  if (reasons) columns.push_back({"return_reason", true});
  if (originals) columns.push_back({"original_ref", true});
  if (lines) columns.push_back({"lines", true});
  if (file_choices & kReversedColumns) std::reverse(columns.begin(), columns.end());

  std::string out;
  out.reserve(payments.size() * 200 + 256);
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(columns[i].name);
  }
  out.append("\r\n");
  std::string cell;
  for (const Payment& p : payments) {
    const uint64_t choices = Choices(p);
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out.push_back(',');
      const std::string_view name = columns[i].name;
      std::string_view v;
      cell.clear();
      if (name == "source_ref") v = p.source_ref;
      else if (name == "value_date") v = cell = FormatDate(p.value_date);
      else if (name == "amount") v = cell = SignedAmount(p, choices, direction);
      else if (name == "currency") v = p.amount.currency.code();
      else if (name == "payer_name") v = p.payer_name;
      else if (name == "payer_account") v = p.payer_account;
      else if (name == "remittance") v = p.remittance_text;
      else if (name == "direction") v = DirectionWord(p, choices);
      else if (name == "booking_date") v = cell = DateText(p.booking_date);
      else if (name == "trace_number") v = p.trace_number;
      else if (name == "account") v = p.account;
      else if (name == "transaction_code") v = p.transaction_code;
      else if (name == "is_return") v = p.is_return ? "true" : (choices & kDirectionWord) ? "false" : "";
      else if (name == "return_reason") v = p.return_reason;
      else if (name == "original_ref") v = p.original_ref;
      else if (name == "lines") v = cell = CompactLines(p);
      // A return reason without the return flag would contradict "false".
      if (name == "is_return" && !p.is_return && !p.return_reason.empty()) v = "";
      AppendCsvField(v, columns[i].text && (choices & kQuoteAll), &out);
    }
    out.append("\r\n");
  }
  return out;
}

std::string WritePaymentsJsonl(std::span<const Payment> payments) {
  std::string out;
  out.reserve(payments.size() * 240 + 64);
  for (const Payment& p : payments) {
    const uint64_t choices = Choices(p);
    JsonObject o(&out, choices);
    o.Text("source_ref", p.source_ref);
    o.Text("value_date", FormatDate(p.value_date));
    const std::string_view word = DirectionWord(p, choices);
    o.Number("amount", SignedAmount(p, choices, !word.empty()), (choices & kAmountAsNumber) != 0);
    o.Text("currency", p.amount.currency.code());
    o.Text("direction", word);
    o.Text("booking_date", DateText(p.booking_date));
    o.Text("payer_name", p.payer_name);
    o.Text("payer_account", p.payer_account);
    o.Text("account", p.account);
    o.Text("trace_number", p.trace_number);
    o.Text("transaction_code", p.transaction_code);
    if (p.is_return) {
      o.Key("is_return");
      out.append((choices & kReturnAsString) ? "\"true\"" : "true");
    } else if (p.return_reason.empty() && (choices & kReturnAsString)) {
      o.Key("is_return");
      out.append("false");
    }
    o.Text("return_reason", p.return_reason);
    o.Text("original_ref", p.original_ref);
    o.Text("remittance", p.remittance_text);
    if (!p.remittance.empty()) {
      if (choices & kCompactLines) {
        o.Text("lines", CompactLines(p));
      } else {
        o.Key("lines");
        out.push_back('[');
        const Currency cur = p.amount.currency;
        const bool numbers = (choices & kLineNumbers) != 0;
        for (size_t i = 0; i < p.remittance.size(); ++i) {
          const RemittanceLine& l = p.remittance[i];
          if (i > 0) out.push_back(',');
          JsonObject line(&out, choices);
          line.Text("reference", l.reference);
          if (l.paid) line.Number("paid", Amount(l.paid->minor, cur), numbers);
          if (l.invoice_amount) {
            line.Number("invoice_amount", Amount(l.invoice_amount->minor, cur), numbers);
          }
          if (l.discount) line.Number("discount", Amount(l.discount->minor, cur), numbers);
          if (l.adjustment) line.Number("adjustment", Amount(l.adjustment->minor, cur), numbers);
          line.Text("adjustment_reason", l.adjustment_reason);
          line.Close();
        }
        out.push_back(']');
      }
    }
    o.Close();
    out.push_back('\n');
  }
  return out;
}

}  // namespace cashmatch::gen
