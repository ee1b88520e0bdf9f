// BAI2 (Cash Management Balance Reporting v2) and BTRS v3: file, group and
// account structure, control totals, and one Payment per 16 record. The
// record splitting is in bai2_scanner.cc, the text reading in bai2_text.cc;
// docs/formats/bai2.md says what is accepted and why.
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bai2_scanner.h"
#include "bai2_text.h"
#include "bank_parsers.h"
#include "bank_text.h"
#include "huge_pages.h"

namespace cashmatch::ingest {
namespace {

using bai2::Cursor;
using bai2::Field;
using bai2::Scanner;
using bai2::TextPiece;

// Text width assumed when the 01 record does not declare one: the classic
// 80-column record.
constexpr size_t kDefaultWidth = 80;
// Longest amount accepted: 18 digits always fit in int64.
constexpr size_t kMaxAmountDigits = 18;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

uint64_t DigitsValue(std::string_view s) {
  uint64_t v = 0;
  for (char c : s) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// True when `s` has no control byte (below 0x20, or 0x7F), tested eight
// bytes at a time.
bool NoControls(std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    // A byte below 0x20, or equal to 0x7F, sets its high bit here; bytes of
    // 0x80 and above (UTF-8) are masked out by ~w.
    const uint64_t below = (w - kOnes * 0x20) & ~w & kHigh;
    const uint64_t del = ((w ^ (kOnes * 0x7F)) - kOnes) & ~(w ^ (kOnes * 0x7F)) & kHigh;
    if (below | del) return false;
  }
  for (; n > 0; ++p, --n) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

// How the file's text converts to UTF-8, decided once for the whole file.
enum class Text : uint8_t {
  kClean,  // UTF-8 with no control bytes but tab and line ends: copied as is
  kUtf8,   // UTF-8 with other controls somewhere: checked piece by piece
  kWindows1252,
};

// One pass over the file, eight bytes at a time: whether any byte is
// non-ASCII (then the UTF-8 check decides the encoding), whether any control
// byte other than tab and a line end could reach a field or text piece, and
// how many lines start a 16 record (at most one payment each, except where a
// bank packs several on a line), so the result is allocated once.
struct FileScan {
  Text text = Text::kClean;
  size_t details = 0;
};

FileScan ScanFile(std::string_view bytes) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  FileScan scan;
  uint64_t high = 0;
  bool controls = false;
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  auto look = [&](const char* q) {
    const unsigned char c = static_cast<unsigned char>(*q);
    if (c >= 0x20 && c != 0x7F) return;
    if (c == '\n') {
      if (end - q > 3 && q[1] == '1' && q[2] == '6' && q[3] == ',') ++scan.details;
      return;
    }
    if (c == '\t' || (c == '\r' && q + 1 < end && q[1] == '\n')) return;
    controls = true;
  };
  for (; end - p >= 8; p += 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    high |= w;
    const uint64_t x = w ^ (kOnes * 0x7F);
    if (((w - kOnes * 0x20) & ~w & kHigh) | ((x - kOnes) & ~x & kHigh)) {
      for (int i = 0; i < 8; ++i) look(p + i);
    }
  }
  for (; p < end; ++p) {
    high |= static_cast<unsigned char>(*p);
    look(p);
  }
  if ((high & kHigh) != 0 && DetectEncoding(bytes) == TextEncoding::kWindows1252) {
    scan.text = Text::kWindows1252;
  } else {
    scan.text = controls ? Text::kUtf8 : Text::kClean;
  }
  return scan;
}

void AppendClean(std::string_view raw, Text text, std::string* out) {
  if (text == Text::kClean || (text == Text::kUtf8 && NoControls(raw))) {
    out->append(raw);
    return;
  }
  AppendText(raw, text == Text::kWindows1252 ? TextEncoding::kWindows1252 : TextEncoding::kUtf8,
             out);
}

// The physical record length field of the 01 record, read before the
// scanner exists because it decides how the scanner splits a file that has
// no line ends; 0 when absent or unreadable.
size_t DeclaredRecordLength(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  size_t i = 0;
  while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t')) ++i;
  bytes = bytes.substr(i, 256);
  if (!bytes.starts_with("01,")) return 0;
  bytes = bytes.substr(0, bytes.find_first_of("/\r\n"));
  for (int field = 0; field < 6; ++field) {
    const size_t comma = bytes.find(',');
    if (comma == std::string_view::npos) return 0;
    bytes.remove_prefix(comma + 1);
  }
  std::string_view length = TrimBlanks(bytes.substr(0, bytes.find(',')));
  if (!AllDigits(length) || length.size() > 5) return 0;
  return static_cast<size_t>(DigitsValue(length));
}

// Control totals as the two conventions banks follow compute them: the
// BAI2 rule (every amount of the 03 and 16 records, as written) and the
// net of the 16 records (credits less debits) some banks send instead.
struct Sums {
  int64_t all = 0;
  int64_t net = 0;
};

class Parser {
 public:
  Parser(std::string_view bytes, const ParseContext& ctx, size_t fixed_width, size_t text_width)
      : ctx_(ctx),
        scan_(bytes, fixed_width, text_width, ctx.options.max_record_bytes),
        file_scan_(ScanFile(bytes)),
        encoding_(file_scan_.text) {}

  Result<BankFile> Run();

 private:
  enum class State : uint8_t { kStart, kFile, kGroup, kAccount, kEnded };

  Status Error(uint64_t line, std::string_view field, std::string reason) const {
    return BankError(ctx_.file_name, line, field, std::move(reason));
  }
  // The scanner's own error (a line over the limit) wins over whatever
  // a record saw when its line was cut short.
  Status Fail(Status status) const {
    if (!scan_.status().ok()) {
      SourceLocation where;
      where.file = std::string(ctx_.file_name);
      return scan_.status().WithContext(where);
    }
    return status;
  }

  Status Record(int code, uint64_t line);
  Status FileHeader(uint64_t line);
  Status GroupHeader(uint64_t line);
  Status AccountHeader(uint64_t line);
  Status Detail(uint64_t line);
  Status AccountTrailer(uint64_t line);
  Status GroupTrailer(uint64_t line);
  Status FileTrailer(uint64_t line);

  // Parses an amount field into `out`; blank gives nullopt when `blank_ok`.
  Status Amount(const Field& f, std::string_view what, bool signed_ok, bool blank_ok,
                std::optional<int64_t>* out) const;
  // Reads the fields funds type `funds` adds (V: value date and time; S:
  // three amounts; D: a count and that many day/amount pairs).
  Status FundsType(const Field& funds, Cursor* cursor, std::string_view record,
                   std::optional<Date>* value_date) const;
  Status Add(int64_t* sum, int64_t amount, uint64_t line) const;
  Status CheckTotal(const Field& total_field, const Sums& sums, std::string_view what,
                    std::string_view parts, uint64_t line);
  Status CheckCount(const Field& f, uint64_t actual, std::string_view field,
                    std::string_view what) const;

  const ParseContext& ctx_;
  Scanner scan_;
  FileScan file_scan_;
  Text encoding_;
  BankFile out_;
  State state_ = State::kStart;

  // Which total conventions every trailer so far agreed with.
  bool all_ok_ = true;
  bool net_ok_ = true;

  uint64_t file_records_ = 0;
  uint64_t file_groups_ = 0;
  Sums file_sums_;

  Currency group_currency_;
  Date as_of_;
  uint64_t group_line_ = 0;
  uint64_t group_records_ = 0;
  uint64_t group_accounts_ = 0;
  Sums group_sums_;

  std::string account_;
  Currency account_currency_;
  uint64_t account_line_ = 0;
  uint64_t account_records_ = 0;
  Sums account_sums_;
  size_t statement_ = 0;
  std::vector<TextPiece> pieces_;  // reused for every 16, so it allocates once
};

Status Parser::Amount(const Field& f, std::string_view what, bool signed_ok, bool blank_ok,
                      std::optional<int64_t>* out) const {
  std::string_view s = f.text;
  if (s.empty()) {
    if (blank_ok) {
      out->reset();
      return Status::Ok();
    }
    return Error(f.line, what, std::string(what) + " is blank");
  }
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    if (negative && !signed_ok) {
      return Error(f.line, what,
                   std::string(what) + " " + Quoted(s) +
                       " has a minus sign; 16 amounts are unsigned (the type code says credit "
                       "or debit)");
    }
    s.remove_prefix(1);
  }
  if (!AllDigits(s)) {
    std::string reason = std::string(what) + " " + Quoted(f.text) + " is not a number";
    if (s.find('.') != std::string_view::npos) {
      reason += ": BAI2 amounts are digits in minor units, without a decimal point";
    }
    return Error(f.line, what, std::move(reason));
  }
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  if (s.size() > kMaxAmountDigits) {
    return Error(f.line, what, std::string(what) + " " + Quoted(f.text) + " is too large");
  }
  const int64_t v = static_cast<int64_t>(DigitsValue(s));
  *out = negative ? -v : v;
  return Status::Ok();
}

Status Parser::Add(int64_t* sum, int64_t amount, uint64_t line) const {
  std::optional<int64_t> r = CheckedAdd(*sum, amount);
  if (!r) return Error(line, "amount", "amounts overflow the control total");
  *sum = *r;
  return Status::Ok();
}

Status Parser::FundsType(const Field& funds, Cursor* cursor, std::string_view record,
                         std::optional<Date>* value_date) const {
  const std::string_view f = funds.text;
  if (f.empty() || f == "0" || f == "1" || f == "2" || f == "Z") return Status::Ok();
  Field next;
  auto need = [&](std::string_view what) -> Status {
    if (cursor->NextField(&next)) return Status::Ok();
    return Error(cursor->line(), what,
                 std::string(record) + " record: funds type " + std::string(f) +
                     " needs its " + std::string(what) + ", but the record ends");
  };
  if (f == "V") {
    CASHMATCH_RETURN_IF_ERROR(need("value date"));
    Result<Date> d = ParseYymmdd(next.text);
    if (!d.ok()) {
      return Error(next.line, "value date",
                   std::string(record) + " record: value date " + Quoted(next.text) +
                       " is not a date (YYMMDD)");
    }
    *value_date = *d;
    // The value time may be left out at the end of the record.
    cursor->NextField(&next);
    return Status::Ok();
  }
  if (f == "S") {
    constexpr std::string_view kParts[] = {"immediate availability", "one-day availability",
                                           "two-or-more-day availability"};
    for (std::string_view part : kParts) {
      CASHMATCH_RETURN_IF_ERROR(need(part));
      std::optional<int64_t> unused;
      CASHMATCH_RETURN_IF_ERROR(Amount(next, part, true, true, &unused));
    }
    return Status::Ok();
  }
  if (f == "D") {
    CASHMATCH_RETURN_IF_ERROR(need("distribution count"));
    if (!AllDigits(next.text) || next.text.size() > 6) {
      return Error(next.line, "distribution count",
                   std::string(record) + " record: funds type D distribution count " +
                       Quoted(next.text) + " is not a number");
    }
    // The count is only trusted as far as the record has fields for it.
    const uint64_t count = DigitsValue(next.text);
    for (uint64_t i = 0; i < count; ++i) {
      if (!cursor->NextField(&next)) {
        return Error(cursor->line(), "distribution",
                     std::string(record) + " record: funds type D says " +
                         std::to_string(count) + " distributions but the record ends after " +
                         std::to_string(i));
      }
      if (!AllDigits(next.text)) {
        return Error(next.line, "availability days",
                     std::string(record) + " record: availability days " + Quoted(next.text) +
                         " is not a number");
      }
      CASHMATCH_RETURN_IF_ERROR(need("distribution amount"));
      std::optional<int64_t> unused;
      CASHMATCH_RETURN_IF_ERROR(Amount(next, "distribution amount", true, false, &unused));
    }
    return Status::Ok();
  }
  return Error(funds.line, "funds type",
               std::string(record) + " record: funds type " + Quoted(f) +
                   " is not one of 0, 1, 2, V, S, D, Z or blank");
}

Status Parser::CheckTotal(const Field& total_field, const Sums& sums, std::string_view what,
                          std::string_view parts, uint64_t line) {
  std::optional<int64_t> total;
  CASHMATCH_RETURN_IF_ERROR(Amount(total_field, "control total", true, true, &total));
  if (!total) return Status::Ok();  // left blank: nothing to check
  const bool all = *total == sums.all;
  const bool net = *total == sums.net;
  if ((all && all_ok_) || (net && net_ok_)) {
    all_ok_ = all_ok_ && all;
    net_ok_ = net_ok_ && net;
    return Status::Ok();
  }
  std::string reason = std::string(what) + ": control total " + std::to_string(*total) +
                       " but the " + std::string(parts) + " sum to " + std::to_string(sums.all);
  reason += " (16 credits less debits: " + std::to_string(sums.net) + ")";
  if (!all_ok_ || !net_ok_) {
    reason += all_ok_ ? "; earlier trailers of this file use the 03-and-16 sum"
                      : "; earlier trailers of this file use the 16 net";
  }
  return Error(line, "control total", std::move(reason));
}

Status Parser::CheckCount(const Field& f, uint64_t actual, std::string_view field,
                          std::string_view what) const {
  if (f.text.empty()) return Status::Ok();
  if (!AllDigits(f.text) || f.text.size() > 12) {
    return Error(f.line, field, std::string(what) + " " + Quoted(f.text) + " is not a number");
  }
  const uint64_t declared = DigitsValue(f.text);
  if (declared != actual) {
    return Error(f.line, field,
                 std::string(what) + " is " + std::to_string(declared) + " but there are " +
                     std::to_string(actual));
  }
  return Status::Ok();
}

Status Parser::FileHeader(uint64_t line) {
  if (state_ == State::kAccount) {
    return Error(line, "record code",
                 "01 file header inside account " + account_ +
                     ": the 49, 98 and 99 trailers before it are missing");
  }
  if (state_ == State::kGroup) {
    return Error(line, "record code",
                 "01 file header inside a group: the 98 and 99 trailers before it are missing");
  }
  if (state_ == State::kFile) {
    return Error(line, "record code",
                 "01 file header inside a file: the 99 file trailer before it is missing");
  }
  Cursor c(&scan_);
  Field f[8];
  for (Field& field : f) {
    if (!c.NextField(&field)) field = Field{{}, c.line()};
  }
  Result<Date> created = ParseYymmdd(f[2].text);
  if (!created.ok()) {
    return Error(f[2].line, "file creation date",
                 "01 record: file creation date " + Quoted(f[2].text) + " is not a date (YYMMDD)");
  }
  if (!f[5].text.empty() && !AllDigits(f[5].text)) {
    return Error(f[5].line, "physical record length",
                 "01 record: physical record length " + Quoted(f[5].text) + " is not a number");
  }
  if (!f[7].text.empty() && f[7].text != "2" && f[7].text != "3") {
    return Error(f[7].line, "version",
                 "01 record: version " + Quoted(f[7].text) +
                     " is not read; cashmatch reads BAI2 (version 2) and BTRS (version 3)");
  }
  Field extra;
  while (c.NextField(&extra)) {
  }
  state_ = State::kFile;
  file_records_ = 1 + c.continuations();
  file_groups_ = 0;
  file_sums_ = {};
  all_ok_ = net_ok_ = true;
  return Status::Ok();
}

Status Parser::GroupHeader(uint64_t line) {
  if (state_ != State::kFile) {
    return Error(line, "record code",
                 state_ == State::kStart || state_ == State::kEnded
                     ? "02 group header outside a file: the 01 file header is missing"
                     : "02 group header inside a group: the 98 group trailer is missing");
  }
  Cursor c(&scan_);
  Field f[7];
  for (Field& field : f) {
    if (!c.NextField(&field)) field = Field{{}, c.line()};
  }
  const std::string_view status = f[2].text;
  if (status == "2") {
    return Error(f[2].line, "group status",
                 "02 record: group status 2 deletes a group sent before; apply that by hand "
                 "rather than read it as new payments");
  }
  if (status == "4") {
    return Error(f[2].line, "group status",
                 "02 record: group status 4 marks a test-only group; it carries no real "
                 "payments");
  }
  if (!status.empty() && status != "1" && status != "3") {
    return Error(f[2].line, "group status",
                 "02 record: group status " + Quoted(status) + " is not 1, 2, 3 or 4");
  }
  Result<Date> as_of = ParseYymmdd(f[3].text);
  if (!as_of.ok()) {
    return Error(f[3].line, "as-of date",
                 "02 record: as-of date " + Quoted(f[3].text) + " is not a date (YYMMDD)");
  }
  group_currency_ = *Currency::FromCode("USD");  // the BAI default
  if (!f[5].text.empty()) {
    std::optional<Currency> cur = Currency::FromCode(f[5].text);
    if (!cur) {
      return Error(f[5].line, "currency",
                   "02 record: currency " + Quoted(f[5].text) + " is not an ISO 4217 code");
    }
    group_currency_ = *cur;
  }
  Field extra;
  while (c.NextField(&extra)) {
  }
  as_of_ = *as_of;
  state_ = State::kGroup;
  group_line_ = line;
  group_records_ = 1 + c.continuations();
  group_accounts_ = 0;
  group_sums_ = {};
  return Status::Ok();
}

Status Parser::AccountHeader(uint64_t line) {
  if (state_ != State::kGroup) {
    if (state_ == State::kAccount) {
      return Error(line, "record code",
                   "03 account header inside account " + account_ +
                       ": its 49 account trailer is missing");
    }
    return Error(line, "record code", "03 account header outside a group: the 02 group header is missing");
  }
  Cursor c(&scan_);
  Field f;
  if (!c.NextField(&f) || f.text.empty()) {
    return Error(line, "account number", "03 record: the account number is blank");
  }
  account_.clear();
  AppendClean(f.text, encoding_, &account_);
  account_currency_ = group_currency_;
  if (c.NextField(&f) && !f.text.empty()) {
    std::optional<Currency> cur = Currency::FromCode(f.text);
    if (!cur) {
      return Error(f.line, "currency",
                   "03 record: currency " + Quoted(f.text) + " is not an ISO 4217 code");
    }
    account_currency_ = *cur;
  }
  StatementSummary summary;
  summary.account = account_;
  summary.currency = account_currency_;
  summary.date = as_of_;
  account_sums_ = {};
  // Type code, amount, item count and funds type, repeated. Banks leave
  // empty positions between them (",,,,,060,..." or a trailing ",/"); an
  // empty type code position is skipped.
  while (c.NextField(&f)) {
    if (f.text.empty()) continue;
    if (f.text.size() != 3 || !AllDigits(f.text)) {
      return Error(f.line, "type code",
                   "03 record: type code " + Quoted(f.text) + " is not a three-digit BAI code");
    }
    const int type = static_cast<int>(DigitsValue(f.text));
    Field amount_field{{}, f.line};
    c.NextField(&amount_field);
    std::optional<int64_t> amount;
    CASHMATCH_RETURN_IF_ERROR(Amount(amount_field, "amount", true, true, &amount));
    Field count{{}, amount_field.line};
    c.NextField(&count);
    if (!count.text.empty() && !AllDigits(count.text)) {
      return Error(count.line, "item count",
                   "03 record: item count " + Quoted(count.text) + " for type code " +
                       std::string(f.text) + " is not a number");
    }
    Field funds{{}, count.line};
    c.NextField(&funds);
    std::optional<Date> unused;
    CASHMATCH_RETURN_IF_ERROR(FundsType(funds, &c, "03", &unused));
    if (amount) {
      CASHMATCH_RETURN_IF_ERROR(Add(&account_sums_.all, *amount, amount_field.line));
      if (type == 10) summary.opening = Money{*amount, account_currency_};
      if (type == 15) summary.closing = Money{*amount, account_currency_};
    }
  }
  out_.statements.push_back(std::move(summary));
  statement_ = out_.statements.size() - 1;
  state_ = State::kAccount;
  account_line_ = line;
  account_records_ = 1 + c.continuations();
  return Status::Ok();
}

Status Parser::Detail(uint64_t line) {
  if (state_ != State::kAccount) {
    return Error(line, "record code", "16 transaction detail outside an account: the 03 account header is missing");
  }
  Cursor c(&scan_);
  Field type_field{{}, line};
  c.NextField(&type_field);
  if (type_field.text.size() != 3 || !AllDigits(type_field.text)) {
    return Error(type_field.line, "type code",
                 "16 record: type code " + Quoted(type_field.text) + " is not a three-digit BAI code");
  }
  const int type = static_cast<int>(DigitsValue(type_field.text));
  const bai2::TypeClass cls = bai2::ClassifyTypeCode(type);
  if (cls == bai2::TypeClass::kStatus) {
    return Error(type_field.line, "type code",
                 "16 record: type code " + std::string(type_field.text) +
                     " is an account status code, not a transaction (credits are 100-399, "
                     "720-759 and 920-959; debits 400-699, 760-799 and 960-999)");
  }
  if (cls == bai2::TypeClass::kUndefined) {
    return Error(type_field.line, "type code",
                 "16 record: type code " + std::string(type_field.text) + " is not defined by BAI");
  }
  Field amount_field{{}, type_field.line};
  c.NextField(&amount_field);
  std::optional<int64_t> amount;
  CASHMATCH_RETURN_IF_ERROR(Amount(amount_field, "amount", false, false, &amount));
  Field funds{{}, amount_field.line};
  c.NextField(&funds);
  std::optional<Date> value_date;
  CASHMATCH_RETURN_IF_ERROR(FundsType(funds, &c, "16", &value_date));
  Field bank_ref{{}, funds.line};
  Field customer_ref{{}, funds.line};
  c.NextField(&bank_ref);
  c.NextField(&customer_ref);

  // Built in place in the result: a Payment is large, and moving it from
  // the stack costs as much as filling it.
  Payment& p = out_.payments.emplace_back();
  // The pieces are gathered first so the text is allocated once.
  pieces_.clear();
  size_t text_bytes = 0;
  c.ReadText([&](const TextPiece& piece) {
    pieces_.push_back(piece);
    text_bytes += piece.text.size() + 1;
  });
  // Text pieces join with a space, except after a piece that filled the
  // physical record to its last column: there the bank broke a word.
  std::string& text = p.remittance_text;
  if (text_bytes > 0) {
    // Windows-1252 bytes may take up to three bytes each in UTF-8.
    text.reserve(encoding_ == Text::kWindows1252 ? 3 * text_bytes : text_bytes);
  }
  bool previous_full = false;
  for (const TextPiece& piece : pieces_) {
    std::string_view t = piece.text;
    if (!text.empty() && previous_full && !t.empty() && t.front() != ' ' && t.front() != '\t') {
      AppendClean(TrimBlanks(t), encoding_, &text);
    } else {
      t = TrimBlanks(t);
      if (!t.empty()) {
        if (!text.empty()) text.push_back(' ');
        AppendClean(t, encoding_, &text);
      }
    }
    previous_full = piece.full_width;
  }
  account_records_ += 1 + c.continuations();
  CASHMATCH_RETURN_IF_ERROR(Add(&account_sums_.all, *amount, amount_field.line));
  if (cls == bai2::TypeClass::kNonMonetary) {
    out_.payments.pop_back();
    return Status::Ok();
  }

  const bool credit = cls == bai2::TypeClass::kCredit;
  CASHMATCH_RETURN_IF_ERROR(Add(&account_sums_.net, credit ? *amount : -*amount, amount_field.line));
  StatementSummary& summary = out_.statements[statement_];
  if (credit) {
    ++summary.credits;
    CASHMATCH_RETURN_IF_ERROR(Add(&summary.credit_total, *amount, amount_field.line));
  } else {
    ++summary.debits;
    CASHMATCH_RETURN_IF_ERROR(Add(&summary.debit_total, *amount, amount_field.line));
  }

  p.source_file = std::string(ctx_.file_name);
  p.source_line = line;
  p.format = "bai2";
  AppendClean(bank_ref.text.empty() ? customer_ref.text : bank_ref.text, encoding_, &p.source_ref);
  p.direction = credit ? Direction::kCredit : Direction::kDebit;
  p.amount = Money{*amount, account_currency_};
  p.value_date = value_date ? *value_date : as_of_;
  p.booking_date = as_of_;
  p.account = account_;
  p.transaction_code = std::string(type_field.text);
  p.is_return = bai2::IsReturnTypeCode(type);
  if (!text.empty()) {
    bai2::TextFacts facts;
    bai2::ReadTextFacts(text, &facts);
    p.payer_name = std::string(facts.payer_name);
    // The bank sometimes names our own account as the debtor's (returns of
    // our own payments): that is not the payer's.
    if (!facts.payer_account.empty() && facts.payer_account != account_) {
      if (!facts.payer_routing.empty()) {
        p.payer_account.reserve(facts.payer_routing.size() + 1 + facts.payer_account.size());
        p.payer_account.append(facts.payer_routing).push_back(':');
      }
      p.payer_account.append(facts.payer_account);
    }
    p.trace_number = std::string(facts.trace_number);
    if (p.is_return) {
      p.return_reason = std::string(facts.return_reason);
      p.original_ref = std::string(facts.original_ref);
    }
    // RMR segments have '*'; most text has none, and 'R' is everywhere.
    if (std::memchr(text.data(), '*', text.size()) != nullptr) {
      bai2::ReadRmrSegments(text, account_currency_, &p.remittance);
    }
  }
  return Status::Ok();
}

Status Parser::AccountTrailer(uint64_t line) {
  if (state_ != State::kAccount) {
    return Error(line, "record code", "49 account trailer without an 03 account header before it");
  }
  Cursor c(&scan_);
  Field total{{}, line};
  Field count{{}, line};
  c.NextField(&total);
  c.NextField(&count);
  Field extra;
  while (c.NextField(&extra)) {
  }
  account_records_ += 1 + c.continuations();
  CASHMATCH_RETURN_IF_ERROR(CheckTotal(total, account_sums_, "account " + account_ + " trailer (49)",
                                       "account's 03 and 16 amounts", total.line));
  CASHMATCH_RETURN_IF_ERROR(CheckCount(count, account_records_, "record count",
                                       "account " + account_ + " trailer (49): record count"));
  CASHMATCH_RETURN_IF_ERROR(Add(&group_sums_.all, account_sums_.all, line));
  CASHMATCH_RETURN_IF_ERROR(Add(&group_sums_.net, account_sums_.net, line));
  group_records_ += account_records_;
  ++group_accounts_;
  state_ = State::kGroup;
  return Status::Ok();
}

Status Parser::GroupTrailer(uint64_t line) {
  if (state_ != State::kGroup) {
    if (state_ == State::kAccount) {
      return Error(line, "record code",
                   "98 group trailer inside account " + account_ + ": its 49 account trailer is missing");
    }
    return Error(line, "record code", "98 group trailer without an 02 group header before it");
  }
  Cursor c(&scan_);
  Field total{{}, line};
  Field accounts{{}, line};
  Field count{{}, line};
  c.NextField(&total);
  c.NextField(&accounts);
  c.NextField(&count);
  Field extra;
  while (c.NextField(&extra)) {
  }
  group_records_ += 1 + c.continuations();
  CASHMATCH_RETURN_IF_ERROR(
      CheckTotal(total, group_sums_, "group trailer (98)", "group's account totals", total.line));
  CASHMATCH_RETURN_IF_ERROR(CheckCount(accounts, group_accounts_, "number of accounts",
                                       "group trailer (98): number of accounts"));
  CASHMATCH_RETURN_IF_ERROR(
      CheckCount(count, group_records_, "record count", "group trailer (98): record count"));
  CASHMATCH_RETURN_IF_ERROR(Add(&file_sums_.all, group_sums_.all, line));
  CASHMATCH_RETURN_IF_ERROR(Add(&file_sums_.net, group_sums_.net, line));
  file_records_ += group_records_;
  ++file_groups_;
  state_ = State::kFile;
  return Status::Ok();
}

Status Parser::FileTrailer(uint64_t line) {
  if (state_ != State::kFile) {
    if (state_ == State::kAccount) {
      return Error(line, "record code",
                   "99 file trailer inside account " + account_ + ": the 49 and 98 trailers are missing");
    }
    if (state_ == State::kGroup) {
      return Error(line, "record code", "99 file trailer inside a group: the 98 group trailer is missing");
    }
    return Error(line, "record code", "99 file trailer without an 01 file header before it");
  }
  Cursor c(&scan_);
  Field total{{}, line};
  Field groups{{}, line};
  Field count{{}, line};
  c.NextField(&total);
  c.NextField(&groups);
  c.NextField(&count);
  Field extra;
  while (c.NextField(&extra)) {
  }
  file_records_ += 1 + c.continuations();
  CASHMATCH_RETURN_IF_ERROR(
      CheckTotal(total, file_sums_, "file trailer (99)", "file's group totals", total.line));
  CASHMATCH_RETURN_IF_ERROR(CheckCount(groups, file_groups_, "number of groups",
                                       "file trailer (99): number of groups"));
  CASHMATCH_RETURN_IF_ERROR(
      CheckCount(count, file_records_, "record count", "file trailer (99): record count"));
  state_ = State::kEnded;
  return Status::Ok();
}

Status Parser::Record(int code, uint64_t line) {
  if (state_ == State::kStart && code != 1) {
    return Error(line, "record code",
                 "not a BAI2 file: it must start with the 01 file header, not record code " +
                     std::to_string(code));
  }
  if (state_ == State::kEnded && code != 1) {
    return Error(line, "record code",
                 "record " + std::to_string(code) + " after the 99 file trailer");
  }
  switch (code) {
    case 1: return FileHeader(line);
    case 2: return GroupHeader(line);
    case 3: return AccountHeader(line);
    case 16: return Detail(line);
    case 49: return AccountTrailer(line);
    case 98: return GroupTrailer(line);
    case 99: return FileTrailer(line);
    case 88:
      return Error(line, "record code", "88 continuation with no record before it to continue");
    default:
      return Error(line, "record code",
                   "record code " + std::to_string(code) +
                       " is not a BAI2 record (01, 02, 03, 16, 88, 49, 98, 99)");
  }
}

Result<BankFile> Parser::Run() {
  out_.format = BankFormat::kBai2;
  out_.file_name = std::string(ctx_.file_name);
  out_.payments.reserve(file_scan_.details + 1);
  AdviseHugePages(out_.payments.data(), out_.payments.capacity() * sizeof(Payment));
  while (true) {
    int code = 0;
    uint64_t line = 0;
    switch (scan_.NextRecord(&code, &line)) {
      case Scanner::Next::kEnd: {
        if (state_ == State::kEnded) return std::move(out_);
        const uint64_t last = scan_.line();
        if (state_ == State::kStart) return Error(last, "", "the file is empty: no 01 file header");
        std::string where = state_ == State::kAccount ? "inside account " + account_ + " (no 49 trailer)"
                            : state_ == State::kGroup ? "inside a group (no 98 trailer)"
                                                      : "without its 99 file trailer";
        return Error(last, "", "the file ends " + where + ": it is truncated");
      }
      case Scanner::Next::kError:
        return Fail(Status::Ok());
      case Scanner::Next::kNotARecord:
        return Fail(Error(line, "record code",
                          state_ == State::kStart
                              ? "not a BAI2 file: it must start with the 01 file header ('01,')"
                              : "line does not start with a BAI2 record code ('NN,')"));
      case Scanner::Next::kRecord: {
        Status st = Record(code, line);
        if (!st.ok()) return Fail(std::move(st));
        break;
      }
    }
  }
}

}  // namespace

Result<BankFile> ParseBai2(std::string_view bytes, const ParseContext& ctx) {
  const size_t declared = DeclaredRecordLength(bytes);
  size_t fixed_width = 0;
  // A file with no line ends at all is a stream of fixed blocks when the
  // header says how long its records are and the second block starts a
  // record; otherwise it is one long line of records packed with '/'.
  if (declared >= 20 && bytes.size() > declared + 3 &&
      bytes.find_first_of("\r\n") == std::string_view::npos) {
    std::string_view second = bytes.substr(declared + (bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0));
    if (second.size() >= 3 && second[0] >= '0' && second[0] <= '9' && second[1] >= '0' &&
        second[1] <= '9' && second[2] == ',') {
      fixed_width = declared;
    }
  }
  Parser parser(bytes, ctx, fixed_width, declared > 0 ? declared : kDefaultWidth);
  return parser.Run();
}

}  // namespace cashmatch::ingest
