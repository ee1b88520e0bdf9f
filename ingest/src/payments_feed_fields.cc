#include "payments_feed_fields.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <utility>

#include "cashmatch/date.h"
#include "cashmatch/money.h"
#include "huge_pages.h"

namespace cashmatch::ingest {
namespace {

constexpr std::string_view kFeedFieldNames[kFeedFieldCount] = {
    "source_ref",   "value_date",   "amount",        "currency",         "payer_name",
    "payer_account", "remittance",  "direction",     "booking_date",     "trace_number",
    "account",      "transaction_code", "is_return", "return_reason",    "original_ref",
    "lines",
};
constexpr std::string_view kLineFieldNames[kLineFieldCount] = {
    "reference", "paid", "invoice_amount", "discount", "adjustment", "adjustment_reason",
};

// No real amount is longer; a longer one is refused before ParseMinorUnits
// would copy all of it into its message.
constexpr size_t kMaxAmountChars = 40;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// TrimBlanks, inline: every field of every row passes through it.
inline std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsBlank(s[b])) ++b;
  while (e > b && IsBlank(s[e - 1])) --e;
  return s.substr(b, e - b);
}
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool EqualsIgnoringCase(std::string_view name, std::string_view lower) {
  if (name.size() != lower.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (Lower(name[i]) != lower[i]) return false;
  }
  return true;
}

template <size_t N>
std::optional<size_t> IndexOfName(std::string_view name, const std::string_view (&names)[N]) {
  // Names as the spec writes them first: every row of a JSON feed asks.
  for (size_t i = 0; i < N; ++i) {
    if (name.size() == names[i].size() && std::memcmp(name.data(), names[i].data(), name.size()) == 0) {
      return i;
    }
  }
  name = TrimBlanks(name);
  for (size_t i = 0; i < N; ++i) {
    if (EqualsIgnoringCase(name, names[i])) return i;
  }
  return std::nullopt;
}

// A control character in `s` as read with `encoding`: C0 and DEL, and C1
// (U+0080..U+009F; in Windows-1252 the five bytes it leaves undefined).
// AppendText turns some into spaces, so an identifier holding one would not
// read back as it was written, nor print as it is.
bool HasControl(std::string_view s, TextEncoding encoding) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u < 0x20 || u == 0x7F) return true;
    if (encoding == TextEncoding::kUtf8) {
      if (u == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
        return true;  // a continuation byte is >= 0x80, so this is U+0080..U+009F
      }
    } else if (u == 0x81 || u == 0x8D || u == 0x8F || u == 0x90 || u == 0x9D) {
      return true;
    }
  }
  return false;
}

// Printable ASCII needs no conversion whatever the file's encoding; most
// fields of most feeds are just that, so they skip AppendText's byte loop.
bool IsPlainAscii(std::string_view s) {
  unsigned bad = 0;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    bad |= static_cast<unsigned>(u < 0x20) | static_cast<unsigned>(u >= 0x7F);
  }
  return bad == 0;
}

void AssignText(std::string_view raw, TextEncoding encoding, std::string* out) {
  if (IsPlainAscii(raw)) {
    out->assign(raw);
    return;
  }
  out->clear();
  out->reserve(raw.size());
  AppendText(raw, encoding, out);
}

bool HasLineBreak(std::string_view s) {
  for (char c : s) {
    if (c == '\r' || c == '\n') return true;
  }
  return false;
}

// Free text: converted, then trimmed again, because a control character at
// either end has become a space.
void AssignTrimmedText(std::string_view raw, TextEncoding encoding, std::string* out) {
  AssignText(raw, encoding, out);
  size_t b = 0, e = out->size();
  while (b < e && IsBlank((*out)[b])) ++b;
  while (e > b && IsBlank((*out)[e - 1])) --e;
  if (e != out->size()) out->resize(e);
  if (b != 0) out->erase(0, b);
}

uint64_t HashOf(std::string_view s) {
  // std::hash is not guaranteed to mix well (it does in libstdc++); one
  // extra multiply makes the low bits usable for the table either way.
  return std::hash<std::string_view>{}(s) * 0x9E3779B97F4A7C15ULL;
}

}  // namespace

std::optional<FeedField> FeedFieldFromName(std::string_view name) {
  const std::optional<size_t> i = IndexOfName(name, kFeedFieldNames);
  if (!i) return std::nullopt;
  return static_cast<FeedField>(*i);
}

std::optional<LineField> LineFieldFromName(std::string_view name) {
  const std::optional<size_t> i = IndexOfName(name, kLineFieldNames);
  if (!i) return std::nullopt;
  return static_cast<LineField>(*i);
}

std::string_view FeedFieldName(FeedField f) { return kFeedFieldNames[static_cast<size_t>(f)]; }
std::string_view LineFieldName(LineField f) { return kLineFieldNames[static_cast<size_t>(f)]; }

std::string FeedQuoted(std::string_view s) {
  constexpr size_t kMax = 64;
  bool cut = false;
  if (s.size() > kMax) {
    size_t n = kMax;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s = s.substr(0, n);
    cut = true;
  }
  return "'" + ToUtf8(s) + (cut ? "...'" : "'");
}

Status RefuseUtf16(std::string_view bytes, std::string_view file_name) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return Status::InvalidInput(
        "the file is UTF-16 (it starts with a UTF-16 byte order mark); export the feed as UTF-8",
        SourceLocation{std::string(file_name), 1, 0, ""});
  }
  return Status::Ok();
}

size_t EstimateFeedRows(std::string_view bytes, size_t min_row_bytes) {
  constexpr size_t kSample = 64 * 1024;
  const std::string_view sample = bytes.substr(0, kSample);
  const size_t lines = static_cast<size_t>(std::count(sample.begin(), sample.end(), '\n')) + 1;
  const size_t average = std::max<size_t>(1, sample.size() / lines);
  const size_t guess = sample.size() == bytes.size() ? lines : bytes.size() / average * 21 / 20;
  return std::min(guess, bytes.size() / std::max<size_t>(1, min_row_bytes) + 1);
}

// One row being converted: reads its values and words its errors.
class FeedBuilder::Row {
 public:
  Row(const FeedRow& raw, std::string_view file, uint64_t line, TextEncoding encoding)
      : raw_(raw), file_(file), line_(line), encoding_(encoding) {}

  const FeedRow& raw() const { return raw_; }
  uint64_t line() const { return line_; }

  SourceLocation Where(FeedField f, std::string_view field_override = {}) const {
    return SourceLocation{std::string(file_), line_, raw_.column[static_cast<size_t>(f)],
                          std::string(field_override.empty() ? FeedFieldName(f)
                                                             : field_override)};
  }
  Status Error(FeedField f, std::string reason) const {
    return Status::InvalidInput(std::move(reason), Where(f));
  }
  // A failure from a value parser, which knows the value but not the place.
  Status Wrap(FeedField f, const Status& st) const { return st.WithContext(Where(f)); }

  // The trimmed value; empty when the field is absent.
  std::string_view Get(FeedField f) const {
    return raw_.has(f) ? Trim(raw_.text[static_cast<size_t>(f)]) : std::string_view();
  }

  Status Required(FeedField f, std::string_view* out) const {
    if (!raw_.has(f)) {
      return Error(f, "missing required field '" + std::string(FeedFieldName(f)) + "'");
    }
    *out = Get(f);
    if (out->empty()) {
      return Error(f, "required field '" + std::string(FeedFieldName(f)) + "' is empty");
    }
    return Status::Ok();
  }

  // An identifier: one line of printable text.
  Status Id(FeedField f, std::string_view value) const {
    if (HasControl(value, encoding_)) {
      return Error(f, std::string(FeedFieldName(f)) + " " + FeedQuoted(value) +
                          " contains a control character (tab, line break or similar)");
    }
    return Status::Ok();
  }

  Status OptionalDate(FeedField f, Date* out) const {
    const std::string_view text = Get(f);
    if (text.empty()) return Status::Ok();
    if (text.size() > 10) {  // ParseDate would quote all of it
      return Error(f, FeedQuoted(text) + " is not a date as YYYY-MM-DD");
    }
    Result<Date> d = ParseDate(text);
    if (!d.ok()) return Wrap(f, d.status());
    *out = *d;
    return Status::Ok();
  }

 private:
  const FeedRow& raw_;
  std::string_view file_;
  uint64_t line_;
  TextEncoding encoding_;
};

namespace {

// An amount of `currency`; `what` names it in messages ("amount",
// "lines[2].paid").
Result<int64_t> ParseAmount(std::string_view text, Currency currency, std::string_view what) {
  if (text.size() > kMaxAmountChars) {
    return Status::InvalidInput(std::string(what) + " " + FeedQuoted(text) +
                                " is not a decimal number");
  }
  Result<int64_t> minor = ParseMinorUnits(text, currency.exponent());
  if (!minor.ok()) {
    // ParseMinorUnits words it as "amount '...' ...": prefix other names.
    if (what == "amount") return minor.status();
    return Status::InvalidInput(std::string(what) + ": " + std::string(minor.status().reason()));
  }
  return *minor;
}

// Splits the compact text form of `lines` (see docs/formats/payments_feed.md):
// items separated by ';', the parts of an item by ':', a backslash before
// ';', ':' or '\' taking that character literally. Calls
// `part(item, index, text, escaped)` for every part of every non-empty item;
// `escaped` says the text still holds backslash escapes. Returns the number
// of parts of the last item through `end_item(item, parts)`.
template <typename Part, typename EndItem>
Status SplitCompactLines(std::string_view text, Part&& part, EndItem&& end_item) {
  size_t item = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    // One item: up to an unescaped ';' or the end.
    size_t index = 0;
    bool any = false;
    size_t start = pos;
    bool escaped = false;
    size_t i = pos;
    for (;; ++i) {
      const bool at_end = i == text.size();
      const char c = at_end ? ';' : text[i];
      if (!at_end && c == '\\' && i + 1 < text.size() &&
          (text[i + 1] == ';' || text[i + 1] == ':' || text[i + 1] == '\\')) {
        escaped = true;
        ++i;
        continue;
      }
      if (c == ':' || c == ';') {
        const std::string_view piece = text.substr(start, i - start);
        if (c == ':' || index > 0 || !TrimBlanks(piece).empty()) {
          if (index == 0) ++item;
          any = true;
          CASHMATCH_RETURN_IF_ERROR(part(item, index, piece, escaped));
          ++index;
        }
        start = i + 1;
        escaped = false;
        if (c == ';') break;
      }
    }
    if (any) CASHMATCH_RETURN_IF_ERROR(end_item(item, index));
    pos = i + 1;
  }
  return Status::Ok();
}

void Unescape(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\\' && i + 1 < in.size() &&
        (in[i + 1] == ';' || in[i + 1] == ':' || in[i + 1] == '\\')) {
      ++i;
    }
    out->push_back(in[i]);
  }
}

}  // namespace

FeedBuilder::FeedBuilder(const ParseContext& ctx, BankFormat format, TextEncoding encoding,
                         size_t expected_rows)
    : format_name_(BankFormatName(format)), encoding_(encoding) {
  file_.format = format;
  file_.file_name = std::string(ctx.file_name);
  file_.payments.reserve(expected_rows);
  AdviseHugePages(file_.payments.data(), file_.payments.capacity() * sizeof(Payment));
  ref_hashes_.reserve(expected_rows);
}

Status FeedBuilder::ParseCurrency(const Row& r, std::string_view code, Currency* out) {
  if (code.size() == 3 && last_currency_.valid() && std::memcmp(code.data(), last_code_, 3) == 0) {
    *out = last_currency_;
    return Status::Ok();
  }
  const std::optional<Currency> found = Currency::FromCode(code);
  if (!found) {
    std::string upper(code.substr(0, 8));
    for (char& c : upper) c = Upper(c);
    if (code.size() == 3 && upper != code && Currency::FromCode(upper)) {
      return r.Error(FeedField::kCurrency, "currency " + FeedQuoted(code) +
                                               " must be written in capitals as ISO 4217 does: '" +
                                               upper + "'");
    }
    return r.Error(FeedField::kCurrency,
                   "unknown currency " + FeedQuoted(code) + " (not an active ISO 4217 code)");
  }
  std::memcpy(last_code_, code.data(), 3);
  last_currency_ = *found;
  *out = *found;
  return Status::Ok();
}

Status FeedBuilder::AddRow(const FeedRow& raw, uint64_t line) {
  const size_t index = file_.payments.size();
  if (index >= std::numeric_limits<uint32_t>::max() - 1) {
    return Status::ResourceExhausted("too many payments in one file",
                                     SourceLocation{file_.file_name, line, 0, ""});
  }
  const Row r(raw, file_.file_name, line, encoding_);
  std::string_view ref, value_date, amount_text, code;
  CASHMATCH_RETURN_IF_ERROR(r.Required(FeedField::kSourceRef, &ref));
  CASHMATCH_RETURN_IF_ERROR(r.Id(FeedField::kSourceRef, ref));
  CASHMATCH_RETURN_IF_ERROR(r.Required(FeedField::kValueDate, &value_date));
  CASHMATCH_RETURN_IF_ERROR(r.Required(FeedField::kAmount, &amount_text));
  CASHMATCH_RETURN_IF_ERROR(r.Required(FeedField::kCurrency, &code));

  Payment& p = file_.payments.emplace_back();
  p.source_file = file_.file_name;
  p.source_line = line;
  p.format = format_name_;

  CASHMATCH_RETURN_IF_ERROR(r.OptionalDate(FeedField::kValueDate, &p.value_date));
  CASHMATCH_RETURN_IF_ERROR(ParseCurrency(r, code, &p.amount.currency));
  Result<int64_t> amount = ParseAmount(amount_text, p.amount.currency, "amount");
  if (!amount.ok()) return r.Wrap(FeedField::kAmount, amount.status());
  if (*amount == 0) {
    return r.Error(FeedField::kAmount, "amount " + FeedQuoted(amount_text) +
                                           " is zero: a payment must move money");
  }
  // A negative amount is a debit: the sign is how ledger exports say so.
  // INT64_MIN parses but has no positive counterpart.
  if (*amount == std::numeric_limits<int64_t>::min()) {
    return r.Error(FeedField::kAmount, "amount " + FeedQuoted(amount_text) + " is out of range");
  }
  const bool negative = *amount < 0;
  p.direction = negative ? Direction::kDebit : Direction::kCredit;
  p.amount.minor = negative ? -*amount : *amount;
  if (const std::string_view dir = r.Get(FeedField::kDirection); !dir.empty()) {
    Direction d;
    if (EqualsIgnoringCase(dir, "credit") || EqualsIgnoringCase(dir, "c") ||
        EqualsIgnoringCase(dir, "cr") || EqualsIgnoringCase(dir, "crdt")) {
      d = Direction::kCredit;
    } else if (EqualsIgnoringCase(dir, "debit") || EqualsIgnoringCase(dir, "d") ||
               EqualsIgnoringCase(dir, "dr") || EqualsIgnoringCase(dir, "dbit")) {
      d = Direction::kDebit;
    } else {
      return r.Error(FeedField::kDirection,
                     "direction " + FeedQuoted(dir) + " is neither 'credit' nor 'debit'");
    }
    if (negative && d == Direction::kCredit) {
      return r.Error(FeedField::kAmount, "amount " + FeedQuoted(amount_text) +
                                             " is negative but direction says credit; give a "
                                             "positive amount, or direction 'debit'");
    }
    p.direction = d;
  }
  CASHMATCH_RETURN_IF_ERROR(r.OptionalDate(FeedField::kBookingDate, &p.booking_date));

  // Identifiers: one line each, kept as given.
  static constexpr struct {
    FeedField field;
    std::string Payment::*member;
  } kIds[] = {
      {FeedField::kPayerAccount, &Payment::payer_account},
      {FeedField::kTraceNumber, &Payment::trace_number},
      {FeedField::kAccount, &Payment::account},
      {FeedField::kTransactionCode, &Payment::transaction_code},
      {FeedField::kOriginalRef, &Payment::original_ref},
  };
  for (const auto& id : kIds) {
    const std::string_view v = r.Get(id.field);
    if (v.empty()) continue;
    CASHMATCH_RETURN_IF_ERROR(r.Id(id.field, v));
    AssignText(v, encoding_, &(p.*id.member));
  }
  AssignText(ref, encoding_, &p.source_ref);

  // Free text: a line break inside a quoted CSV field or a JSON "\n" is a
  // word boundary, so it becomes one space; other controls become spaces too
  // (AppendText), so no output string can break a line.
  if (const std::string_view name = r.Get(FeedField::kPayerName); !name.empty()) {
    AssignTrimmedText(name, encoding_, &p.payer_name);
  }
  if (const std::string_view text = r.Get(FeedField::kRemittance); !text.empty()) {
    if (IsPlainAscii(text) || !HasLineBreak(text)) {
      AssignTrimmedText(text, encoding_, &p.remittance_text);
    } else {
      scratch_.clear();
      for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        scratch_.push_back(text[i] == '\r' || text[i] == '\n' ? ' ' : text[i]);
      }
      AssignTrimmedText(scratch_, encoding_, &p.remittance_text);
    }
  }
  if (const std::string_view reason = r.Get(FeedField::kReturnReason); !reason.empty()) {
    AssignTrimmedText(reason, encoding_, &p.return_reason);
  }

  if (const std::string_view ret = r.Get(FeedField::kIsReturn); !ret.empty()) {
    if (EqualsIgnoringCase(ret, "true") || EqualsIgnoringCase(ret, "yes") ||
        EqualsIgnoringCase(ret, "y") || ret == "1") {
      p.is_return = true;
    } else if (EqualsIgnoringCase(ret, "false") || EqualsIgnoringCase(ret, "no") ||
               EqualsIgnoringCase(ret, "n") || ret == "0") {
      if (!p.return_reason.empty()) {
        return r.Error(FeedField::kIsReturn,
                       "is_return is false but return_reason " +
                           FeedQuoted(r.Get(FeedField::kReturnReason)) +
                           " is given; a reason makes the payment a return");
      }
    } else {
      return r.Error(FeedField::kIsReturn,
                     "is_return " + FeedQuoted(ret) + " is neither true nor false");
    }
  } else if (!p.return_reason.empty()) {
    p.is_return = true;  // a return reason says what is_return would
  }

  CASHMATCH_RETURN_IF_ERROR(AddLines(r, &p));

  ref_hashes_.push_back(HashOf(p.source_ref));
  ref_column_ = raw.column[static_cast<size_t>(FeedField::kSourceRef)];
  return Status::Ok();
}

Status FeedBuilder::CheckRepeatedRefs() {
  const size_t n = ref_hashes_.size();
  refs_.Reserve(n);
  constexpr size_t kAhead = 16;  // slots in flight; enough to cover memory latency
  for (size_t i = refs_checked_; i < std::min(n, refs_checked_ + kAhead); ++i) {
    refs_.Prefetch(ref_hashes_[i]);
  }
  for (size_t i = refs_checked_; i < n; ++i) {
    if (i + kAhead < n) refs_.Prefetch(ref_hashes_[i + kAhead]);
    const std::string& ref = file_.payments[i].source_ref;
    const auto same = [&](uint32_t k) { return file_.payments[k].source_ref == ref; };
    if (auto earlier = refs_.FindOrInsert(ref_hashes_[i], static_cast<uint32_t>(i), same)) {
      const Payment& p = file_.payments[i];
      return Status::InvalidInput(
          "duplicate source_ref " + FeedQuoted(ref) + " also on line " +
              std::to_string(file_.payments[*earlier].source_line),
          SourceLocation{file_.file_name, p.source_line, ref_column_,
                         std::string(FeedFieldName(FeedField::kSourceRef))});
    }
  }
  refs_checked_ = n;
  return Status::Ok();
}

// The remittance lines of `r`, from JSON objects or the compact text form.
Status FeedBuilder::AddLines(const Row& r, Payment* p) {
  const FeedRow& raw = r.raw();
  const Currency currency = p->amount.currency;
  const auto where = [&](size_t item, LineField f) {
    return "lines[" + std::to_string(item) + "]." + std::string(LineFieldName(f));
  };
  // Converts one line's field; `item` is 1-based.
  const auto set = [&](RemittanceLine* line, size_t item, LineField f, std::string_view text,
                       uint8_t* given) -> Status {
    text = Trim(text);
    if (text.empty()) return Status::Ok();
    *given |= Bit(f);
    switch (f) {
      case LineField::kReference:
        if (HasControl(text, encoding_)) {
          const std::string field = where(item, f);
          return Status::InvalidInput(field + " " + FeedQuoted(text) +
                                          " contains a control character (tab, line break or "
                                          "similar)",
                                      r.Where(FeedField::kLines, field));
        }
        AssignText(text, encoding_, &line->reference);
        return Status::Ok();
      case LineField::kAdjustmentReason:
        AssignTrimmedText(text, encoding_, &line->adjustment_reason);
        return Status::Ok();
      case LineField::kPaid:
      case LineField::kInvoiceAmount:
      case LineField::kDiscount:
      case LineField::kAdjustment: {
        Result<int64_t> minor = ParseAmount(text, currency, LineFieldName(f));
        if (!minor.ok()) {
          const std::string field = where(item, f);
          return Status::InvalidInput(field + std::string(minor.status().reason().substr(
                                                  LineFieldName(f).size())),
                                      r.Where(FeedField::kLines, field));
        }
        const Money m{*minor, currency};
        if (f == LineField::kPaid) line->paid = m;
        if (f == LineField::kInvoiceAmount) line->invoice_amount = m;
        if (f == LineField::kDiscount) line->discount = m;
        if (f == LineField::kAdjustment) line->adjustment = m;
        return Status::Ok();
      }
    }
    return Status::Ok();
  };
  const auto check_line = [&](size_t item, uint8_t given) -> Status {
    if (given == 0 || given == Bit(LineField::kAdjustmentReason)) {
      const std::string field = "lines[" + std::to_string(item) + "]";
      return Status::InvalidInput(field + " has neither a reference nor an amount",
                                  r.Where(FeedField::kLines, field));
    }
    return Status::Ok();
  };

  if (raw.structured_lines) {
    p->remittance.reserve(raw.raw_lines.size());
    for (size_t i = 0; i < raw.raw_lines.size(); ++i) {
      const RawLine& in = raw.raw_lines[i];
      RemittanceLine& out = p->remittance.emplace_back();
      uint8_t given = 0;
      for (size_t k = 0; k < kLineFieldCount; ++k) {
        if (!(in.given & (1u << k))) continue;
        CASHMATCH_RETURN_IF_ERROR(set(&out, i + 1, static_cast<LineField>(k), in.text[k], &given));
      }
      CASHMATCH_RETURN_IF_ERROR(check_line(i + 1, given));
    }
    return Status::Ok();
  }

  const std::string_view text = r.Get(FeedField::kLines);
  if (text.empty()) return Status::Ok();
  uint8_t given = 0;
  return SplitCompactLines(
      text,
      [&](size_t item, size_t index, std::string_view piece, bool escaped) -> Status {
        if (index == 0) {
          p->remittance.emplace_back();
          given = 0;
        }
        if (index >= kLineFieldCount) {
          const std::string field = "lines[" + std::to_string(item) + "]";
          return Status::InvalidInput(
              field + " has more than " + std::to_string(kLineFieldCount) +
                  " ':'-separated parts (reference:paid:invoice_amount:discount:adjustment:"
                  "adjustment_reason); write a ':' or ';' inside a value as '\\:' or '\\;'",
              r.Where(FeedField::kLines, field));
        }
        if (escaped) {
          Unescape(piece, &scratch_);
          piece = scratch_;
        }
        return set(&p->remittance.back(), item, static_cast<LineField>(index), piece, &given);
      },
      [&](size_t item, size_t) { return check_line(item, given); });
}

Result<BankFile> FeedBuilder::Finish() && {
  CASHMATCH_RETURN_IF_ERROR(CheckRepeatedRefs());
  return std::move(file_);
}

}  // namespace cashmatch::ingest
