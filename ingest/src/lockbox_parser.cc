// BAI lockbox transmissions: fixed-width records 1, 2, 5, 6, 4, 7, 8, 9 at
// the positions the LockboxLayout names (the parser knows only that the
// record type is in column 1). One Payment per 6 (check) record, with the
// invoices of the 6 and of its 4 (overflow) records as remittance lines;
// batch (7), lockbox (8) and file (9) controls are checked. See
// docs/formats/lockbox.md.
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bank_parsers.h"
#include "bank_text.h"
#include "huge_pages.h"

namespace cashmatch::ingest {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool AllZeros(std::string_view s) {
  for (char c : s) {
    if (c != '0') return false;
  }
  return true;
}

uint64_t DigitsValue(std::string_view s) {
  uint64_t v = 0;
  for (char c : s) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// A batch or lockbox number that says nothing: blank or all zeros (some
// banks write 000 in the 5 record and number batches only in the 6 and 7).
bool Unnumbered(std::string_view s) { return s.empty() || AllZeros(s); }

// Plain ASCII, checked eight bytes at a time: then no UTF-8 validation
// pass over the file is needed.
bool IsAscii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; n > 0; ++p, --n) {
    if (static_cast<unsigned char>(*p) >= 0x80) return false;
  }
  return true;
}

// No control byte (below 0x20, or 0x7F) in `s`, eight bytes at a time.
bool NoControls(std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    const uint64_t x = w ^ (kOnes * 0x7F);
    if (((w - kOnes * 0x20) & ~w & kHigh) | ((x - kOnes) & ~x & kHigh)) return false;
  }
  for (; n > 0; ++p, --n) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

// Lockbox files carry no currency; they are a US bank service.
const Currency kUsd = *Currency::FromCode("USD");

class LockboxParser {
 public:
  LockboxParser(std::string_view bytes, const ParseContext& ctx)
      : bytes_(bytes), ctx_(ctx), layout_(ctx.options.lockbox_layout) {
    encoding_ = IsAscii(bytes) ? TextEncoding::kUtf8 : DetectEncoding(bytes);
  }

  Result<BankFile> Run();

 private:
  // The record's field, blanks trimmed; positions past the end of a
  // shortened line read as blanks; empty when the layout lacks the field.
  std::string_view FieldOf(FixedField f) const {
    if (!f.present() || f.start == 0) return {};
    const size_t begin = static_cast<size_t>(f.start) - 1;
    if (begin >= rec_.size()) return {};
    return TrimBlanks(rec_.substr(begin, f.length));
  }
  Status Error(std::string_view field, std::string reason) const {
    return BankError(ctx_.file_name, line_, field, std::move(reason));
  }
  Status Digits(std::string_view name, FixedField f, bool blank_ok,
                std::optional<int64_t>* out) const;
  Status Date6(std::string_view name, FixedField f, std::optional<Date>* out) const;
  void Append(std::string_view raw, std::string* out) const {
    if (encoding_ == TextEncoding::kUtf8 && NoControls(raw)) {
      out->append(WholeUtf8Characters(raw));
    } else {
      AppendText(raw, encoding_, out);
    }
  }
  std::string Text(std::string_view raw) const {
    std::string s;
    Append(raw, &s);
    return s;
  }
  // Overflow records right after the current line: the check's remittance
  // lines are reserved at once.
  size_t FollowingOverflows() const;

  Status Header();
  Status BatchHeader();
  Status Check();
  Status Overflow();
  Status BatchTrailer();
  Status LockboxTrailer();
  Status FileTrailer();
  // Ends the current check's overflow records; an item whose last 4
  // record did not carry the last-record flag lost a record.
  Status CloseItem();
  Status Add(int64_t* sum, int64_t amount) const;

  std::string_view bytes_;
  const ParseContext& ctx_;
  const LockboxLayout& layout_;
  TextEncoding encoding_;
  BankFile out_;

  std::string_view rec_;
  uint64_t line_ = 0;
  std::string_view in_;  // the input after any BOM
  size_t next_ = 0;      // where the line after rec_ starts
  size_t fixed_ = 0;     // record length of a file without line ends
  char eol_ = '\n';
  uint64_t records_ = 0;

  bool header_seen_ = false;
  bool ended_ = false;
  std::optional<Date> header_date_;

  bool lockbox_open_ = false;
  std::string lockbox_;
  std::optional<Date> deposit_date_;
  uint64_t lockbox_items_ = 0;
  int64_t lockbox_total_ = 0;
  uint64_t lockbox_line_ = 0;

  bool batch_open_ = false;
  std::string batch_;  // as the records write it; empty while unnumbered
  uint64_t batch_items_ = 0;
  int64_t batch_total_ = 0;

  // The check the next 4 records belong to.
  bool item_open_ = false;
  std::string item_batch_;
  std::string item_;
  uint64_t next_sequence_ = 1;
  bool item_closed_ = false;  // its last overflow (flag 9) has come
  uint64_t item_overflows_ = 0;
};

Status LockboxParser::Add(int64_t* sum, int64_t amount) const {
  std::optional<int64_t> r = CheckedAdd(*sum, amount);
  if (!r) return Error("amount", "amounts overflow the control total");
  *sum = *r;
  return Status::Ok();
}

Status LockboxParser::Digits(std::string_view name, FixedField f, bool blank_ok,
                             std::optional<int64_t>* out) const {
  std::string_view s = FieldOf(f);
  out->reset();
  if (!f.present()) return Status::Ok();
  if (s.empty()) {
    if (blank_ok) return Status::Ok();
    return Error(name, std::string(1, rec_[0]) + " record: " + std::string(name) + " is blank");
  }
  if (!AllDigits(s)) {
    return Error(name, std::string(1, rec_[0]) + " record: " + std::string(name) + " " +
                           Quoted(s) + " is not a number (digits, amounts in cents)");
  }
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  if (s.size() > 18) {
    return Error(name, std::string(1, rec_[0]) + " record: " + std::string(name) + " " +
                           Quoted(FieldOf(f)) + " is too large");
  }
  *out = static_cast<int64_t>(DigitsValue(s));
  return Status::Ok();
}

Status LockboxParser::Date6(std::string_view name, FixedField f, std::optional<Date>* out) const {
  std::string_view s = FieldOf(f);
  out->reset();
  // Blank or zeros: the bank did not capture the date.
  if (s.empty() || AllZeros(s)) return Status::Ok();
  const bool mmddyy = layout_.date_order == LockboxLayout::DateOrder::kMmddyy;
  Result<Date> d = Status::InvalidInput("not six digits");
  if (s.size() == 6 && AllDigits(s)) {
    std::string yymmdd = mmddyy ? std::string(s.substr(4, 2)) + std::string(s.substr(0, 4))
                                : std::string(s);
    d = ParseYymmdd(yymmdd);
  }
  if (!d.ok()) {
    return Error(name, std::string(1, rec_[0]) + " record: " + std::string(name) + " " +
                           Quoted(s) + " is not a date (" + (mmddyy ? "MMDDYY" : "YYMMDD") +
                           ", as the layout says)");
  }
  *out = *d;
  return Status::Ok();
}

Status LockboxParser::Header() {
  if (header_seen_ && !ended_) {
    return Error("record type", "a second 1 header record before the 9 trailer of the first");
  }
  // After a 9, another transmission follows in the same file; its 9
  // counts its own records.
  header_seen_ = true;
  ended_ = false;
  records_ = 1;
  return Date6("header_date", layout_.header_date, &header_date_);
}

Status LockboxParser::CloseItem() {
  if (item_open_ && item_overflows_ > 0 && !item_closed_ && layout_.overflow_last.present()) {
    return Error("overflow_last",
                 "the 4 overflow records of item " + item_batch_ + "-" + item_ +
                     " end without the last-record flag 9: a 4 record is missing");
  }
  item_open_ = false;
  return Status::Ok();
}

Status LockboxParser::BatchHeader() {
  CASHMATCH_RETURN_IF_ERROR(CloseItem());
  std::string lockbox = Text(FieldOf(layout_.batch_lockbox));
  if (lockbox_open_ && lockbox != lockbox_) {
    return Error("batch_lockbox", "5 record for lockbox " + lockbox + " while lockbox " +
                                      lockbox_ + " (from line " + std::to_string(lockbox_line_) +
                                      ") has had no 8 trailer");
  }
  std::optional<Date> deposit;
  CASHMATCH_RETURN_IF_ERROR(Date6("batch_deposit_date", layout_.batch_deposit_date, &deposit));
  if (!lockbox_open_) {
    lockbox_open_ = true;
    lockbox_ = std::move(lockbox);
    lockbox_items_ = 0;
    lockbox_total_ = 0;
    lockbox_line_ = line_;
  }
  deposit_date_ = deposit;
  // A batch without a 7 trailer closes here; the 8 still checks its sums.
  batch_open_ = true;
  std::string_view number = FieldOf(layout_.batch_number);
  batch_ = Unnumbered(number) ? std::string() : Text(number);
  batch_items_ = 0;
  batch_total_ = 0;
  return Status::Ok();
}

Status LockboxParser::Check() {
  if (!lockbox_open_) {
    return Error("record type", "6 check record before any 5 batch header");
  }
  CASHMATCH_RETURN_IF_ERROR(CloseItem());
  std::string_view batch = FieldOf(layout_.check_batch);
  if (!layout_.check_batch.present()) batch = batch_;
  if (!batch_open_) {  // a new batch after a 7, without its own 5
    batch_open_ = true;
    batch_.clear();
    batch_items_ = 0;
    batch_total_ = 0;
  }
  if (batch_.empty()) {
    batch_ = Text(batch);
  } else if (batch != batch_ && !Unnumbered(batch)) {
    return Error("check_batch", "6 record for batch " + std::string(batch) + " inside batch " + batch_ +
                                    " (no 7 trailer between them)");
  }
  std::string_view item = FieldOf(layout_.check_item);
  if (item.empty()) return Error("check_item", "6 record: the item number is blank");
  std::optional<int64_t> amount;
  CASHMATCH_RETURN_IF_ERROR(Digits("check_amount", layout_.check_amount, false, &amount));
  if (!amount) return Error("check_amount", "the lockbox layout has no check_amount field");
  std::optional<Date> check_date;
  CASHMATCH_RETURN_IF_ERROR(Date6("check_date", layout_.check_date, &check_date));

  // Built in place: moving a Payment costs as much as filling it.
  Payment& p = out_.payments.emplace_back();
  p.source_file = std::string(ctx_.file_name);
  p.source_line = line_;
  p.format = "lockbox";
  p.source_ref.reserve(batch_.size() + 1 + item.size());
  p.source_ref.append(batch_).append("-");
  Append(item, &p.source_ref);
  p.direction = Direction::kCredit;
  p.amount = Money{*amount, kUsd};
  const std::optional<Date> date = deposit_date_ ? deposit_date_ : header_date_;
  if (date) {
    p.value_date = *date;
    p.booking_date = *date;
  }
  p.account = lockbox_;
  p.transaction_code = "check";
  // An all-zero MICR field is one the bank could not read.
  std::string_view routing = FieldOf(layout_.check_routing);
  std::string_view account = FieldOf(layout_.check_account);
  if (AllZeros(routing)) routing = {};
  if (AllZeros(account)) account = {};
  if (!account.empty()) {
    p.payer_account.reserve(routing.size() + 1 + account.size());
    if (!routing.empty()) {
      Append(routing, &p.payer_account);
      p.payer_account.push_back(':');
    }
    Append(account, &p.payer_account);
  }
  std::string_view number = FieldOf(layout_.check_number);
  if (!AllZeros(number)) p.trace_number = Text(number);
  p.payer_name = Text(FieldOf(layout_.check_remitter));
  std::string_view invoice = FieldOf(layout_.check_invoice);
  std::optional<int64_t> paid;
  CASHMATCH_RETURN_IF_ERROR(Digits("check_invoice_amount", layout_.check_invoice_amount, true, &paid));
  if (!invoice.empty()) {
    p.remittance.reserve(1 + FollowingOverflows());
    RemittanceLine& rl = p.remittance.emplace_back();
    rl.reference = Text(invoice);
    if (paid) rl.paid = Money{*paid, kUsd};
  } else if (paid && *paid != 0) {
    return Error("check_invoice_amount",
                 "6 record: an invoice amount (" + std::to_string(*paid) + ") but no invoice number");
  }
  CASHMATCH_RETURN_IF_ERROR(Add(&batch_total_, *amount));
  CASHMATCH_RETURN_IF_ERROR(Add(&lockbox_total_, *amount));
  ++batch_items_;
  ++lockbox_items_;
  item_open_ = true;
  item_batch_ = batch_;
  item_ = std::string(item);
  next_sequence_ = 1;
  item_closed_ = false;
  item_overflows_ = 0;
  return Status::Ok();
}

size_t LockboxParser::FollowingOverflows() const {
  size_t count = 0;
  size_t pos = next_;
  while (pos < in_.size() && in_[pos] == '4') {
    ++count;
    if (fixed_ > 0) {
      pos += fixed_;
    } else {
      const void* nl = std::memchr(in_.data() + pos, eol_, in_.size() - pos);
      if (nl == nullptr) break;
      pos = static_cast<size_t>(static_cast<const char*>(nl) - in_.data()) + 1;
    }
  }
  return count;
}

Status LockboxParser::Overflow() {
  if (!item_open_) return Error("record type", "4 overflow record with no 6 check record before it");
  std::string_view batch = FieldOf(layout_.overflow_batch);
  std::string_view item = FieldOf(layout_.overflow_item);
  if ((layout_.overflow_batch.present() && batch != item_batch_ && !Unnumbered(batch)) ||
      (layout_.overflow_item.present() && item != item_)) {
    return Error("overflow_item", "4 overflow record for item " + std::string(batch) + "-" +
                                      std::string(item) + " follows check " + item_batch_ + "-" +
                                      item_);
  }
  if (item_closed_) {
    return Error("overflow_last", "4 overflow record after item " + item_batch_ + "-" + item_ +
                                      "'s last one (flag 9)");
  }
  if (layout_.overflow_type.present()) {
    std::string_view type = FieldOf(layout_.overflow_type);
    if (type != "4" && type != "6") {
      return Error("overflow_type",
                   "4 record: overflow type " + Quoted(type) + " is not 4 or 6 (invoice data)");
    }
  }
  if (layout_.overflow_sequence.present()) {
    std::string_view seq = FieldOf(layout_.overflow_sequence);
    if (!AllDigits(seq) || seq.size() > 6) {
      return Error("overflow_sequence", "4 record: sequence " + Quoted(seq) + " is not a number");
    }
    if (DigitsValue(seq) != next_sequence_) {
      return Error("overflow_sequence", "4 record: sequence " + std::string(seq) + " for item " +
                                            item_batch_ + "-" + item_ + " where " +
                                            std::to_string(next_sequence_) +
                                            " was due: a 4 record is missing or out of order");
    }
  }
  ++next_sequence_;
  ++item_overflows_;
  if (layout_.overflow_last.present()) {
    std::string_view last = FieldOf(layout_.overflow_last);
    if (last == "9") {
      item_closed_ = true;
    } else if (!last.empty() && last != "0") {
      return Error("overflow_last", "4 record: last-record flag " + Quoted(last) + " is not 0 or 9");
    }
  }
  std::string_view invoice = FieldOf(layout_.overflow_invoice);
  std::optional<int64_t> paid;
  std::optional<int64_t> discount;
  CASHMATCH_RETURN_IF_ERROR(Digits("overflow_amount", layout_.overflow_amount, true, &paid));
  CASHMATCH_RETURN_IF_ERROR(Digits("overflow_discount", layout_.overflow_discount, true, &discount));
  if (invoice.empty()) {
    if ((paid && *paid != 0) || (discount && *discount != 0)) {
      return Error("overflow_invoice", "4 record: an amount but no invoice number");
    }
    return Status::Ok();
  }
  std::vector<RemittanceLine>& lines = out_.payments.back().remittance;
  if (lines.empty()) lines.reserve(FollowingOverflows() + 1);
  RemittanceLine& rl = lines.emplace_back();
  rl.reference = Text(invoice);
  if (paid) rl.paid = Money{*paid, kUsd};
  if (discount) rl.discount = Money{*discount, kUsd};
  return Status::Ok();
}

Status LockboxParser::BatchTrailer() {
  CASHMATCH_RETURN_IF_ERROR(CloseItem());
  if (!lockbox_open_ || !batch_open_) {
    return Error("record type", "7 batch trailer with no batch open (no 5 or 6 record before it)");
  }
  std::string_view batch = FieldOf(layout_.batch_total_batch);
  if (!batch_.empty() && !Unnumbered(batch) && batch != batch_) {
    return Error("batch_total_batch", "7 trailer for batch " + std::string(batch) +
                                          " closes batch " + batch_);
  }
  const std::string name = batch_.empty() ? std::string(batch) : batch_;
  std::optional<int64_t> items;
  std::optional<int64_t> total;
  CASHMATCH_RETURN_IF_ERROR(Digits("batch_total_items", layout_.batch_total_items, false, &items));
  CASHMATCH_RETURN_IF_ERROR(Digits("batch_total_amount", layout_.batch_total_amount, false, &total));
  if (items && static_cast<uint64_t>(*items) != batch_items_) {
    return Error("batch_total_items", "batch " + name + " trailer: " + std::to_string(*items) +
                                          " items but the batch has " +
                                          std::to_string(batch_items_) + " checks");
  }
  if (total && *total != batch_total_) {
    return Error("batch_total_amount", "batch " + name + " trailer: total " +
                                           std::to_string(*total) + " but its checks sum to " +
                                           std::to_string(batch_total_));
  }
  batch_open_ = false;
  return Status::Ok();
}

Status LockboxParser::LockboxTrailer() {
  CASHMATCH_RETURN_IF_ERROR(CloseItem());
  if (!lockbox_open_) return Error("record type", "8 lockbox trailer with no 5 batch header before it");
  std::optional<int64_t> items;
  std::optional<int64_t> total;
  CASHMATCH_RETURN_IF_ERROR(Digits("lockbox_total_items", layout_.lockbox_total_items, false, &items));
  CASHMATCH_RETURN_IF_ERROR(Digits("lockbox_total_amount", layout_.lockbox_total_amount, false, &total));
  if (items && static_cast<uint64_t>(*items) != lockbox_items_) {
    return Error("lockbox_total_items", "lockbox " + lockbox_ + " trailer: " + std::to_string(*items) +
                                            " items but the lockbox has " +
                                            std::to_string(lockbox_items_) + " checks");
  }
  if (total && *total != lockbox_total_) {
    return Error("lockbox_total_amount", "lockbox " + lockbox_ + " trailer: total " +
                                             std::to_string(*total) + " but its checks sum to " +
                                             std::to_string(lockbox_total_));
  }
  StatementSummary summary;
  summary.account = lockbox_;
  summary.currency = kUsd;
  if (deposit_date_) summary.date = *deposit_date_;
  else if (header_date_) summary.date = *header_date_;
  summary.credits = static_cast<uint32_t>(lockbox_items_);
  summary.credit_total = lockbox_total_;
  out_.statements.push_back(std::move(summary));
  lockbox_open_ = false;
  batch_open_ = false;
  return Status::Ok();
}

Status LockboxParser::FileTrailer() {
  CASHMATCH_RETURN_IF_ERROR(CloseItem());
  if (lockbox_open_) {
    return Error("record type", "9 file trailer while lockbox " + lockbox_ + " (from line " +
                                    std::to_string(lockbox_line_) + ") has had no 8 trailer");
  }
  std::optional<int64_t> count;
  CASHMATCH_RETURN_IF_ERROR(Digits("file_record_count", layout_.file_record_count, false, &count));
  if (count && static_cast<uint64_t>(*count) != records_) {
    return Error("file_record_count", "9 trailer: " + std::to_string(*count) +
                                          " records but the file has " + std::to_string(records_));
  }
  ended_ = true;
  return Status::Ok();
}

Result<BankFile> LockboxParser::Run() {
  out_.format = BankFormat::kLockbox;
  out_.file_name = std::string(ctx_.file_name);
  std::string_view in = bytes_;
  if (in.starts_with("\xEF\xBB\xBF")) in.remove_prefix(3);
  in_ = in;
  const size_t width = layout_.record_length;
  char eol = '\n';
  size_t fixed = 0;
  if (std::memchr(in.data(), '\n', in.size()) == nullptr) {
    if (std::memchr(in.data(), '\r', in.size()) != nullptr) {
      eol = '\r';
    } else if (width > 0 && in.size() > width) {
      fixed = width;  // records back to back, no line ends
    }
  }
  eol_ = eol;
  fixed_ = fixed;
  // One payment per line starting with '6': counted, so the result is
  // allocated once (regrowing it would move every payment).
  size_t checks = 1;
  for (size_t at = 0; at < in.size();) {
    checks += in[at] == '6';
    if (fixed > 0) {
      at += fixed;
      continue;
    }
    const void* nl = std::memchr(in.data() + at, eol, in.size() - at);
    if (nl == nullptr) break;
    at = static_cast<size_t>(static_cast<const char*>(nl) - in.data()) + 1;
  }
  out_.payments.reserve(checks);
  AdviseHugePages(out_.payments.data(), out_.payments.capacity() * sizeof(Payment));
  size_t pos = 0;
  while (pos < in.size()) {
    size_t end;
    size_t next;
    if (fixed > 0) {
      end = std::min(in.size(), pos + fixed);
      next = end;
    } else {
      const void* nl = std::memchr(in.data() + pos, eol, in.size() - pos);
      end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - in.data()) : in.size();
      next = nl ? end + 1 : in.size();
    }
    std::string_view rec = in.substr(pos, end - pos);
    pos = next;
    next_ = next;
    ++line_;
    if (!rec.empty() && rec.back() == '\r') rec.remove_suffix(1);
    if (rec.size() > ctx_.options.max_record_bytes) {
      SourceLocation where;
      where.file = std::string(ctx_.file_name);
      where.line = line_;
      return Status::ResourceExhausted("line is " + std::to_string(rec.size()) +
                                           " bytes, over the limit of " +
                                           std::to_string(ctx_.options.max_record_bytes),
                                       std::move(where));
    }
    // Blank lines and end-of-file padding are not records.
    size_t last = rec.size();
    while (last > 0 && (rec[last - 1] == ' ' || rec[last - 1] == '\t' || rec[last - 1] == '\0' ||
                        rec[last - 1] == '\x1A')) {
      --last;
    }
    if (last == 0) continue;
    if (width > 0 && last > width) {
      return BankError(ctx_.file_name, line_, "record_length",
                       std::string(1, rec[0]) + " record is " + std::to_string(last) +
                           " bytes, longer than the layout's record length " +
                           std::to_string(width) + ": the file is not in this layout");
    }
    rec_ = rec.substr(0, last);
    ++records_;
    const char type = rec_[0];
    if (ended_ && type != '1') return Error("record type", "record after the 9 file trailer");
    if (!header_seen_ && type != '1') {
      return Error("record type", "not a lockbox file: it must start with the 1 header record, not " +
                                      Quoted(rec_.substr(0, 1)));
    }
    Status st;
    switch (type) {
      case '1': st = Header(); break;
      case '2':
        if (lockbox_open_) st = Error("record type", "2 service record inside a lockbox");
        break;
      case '5': st = BatchHeader(); break;
      case '6': st = Check(); break;
      case '4': st = Overflow(); break;
      case '7': st = BatchTrailer(); break;
      case '8': st = LockboxTrailer(); break;
      case '9': st = FileTrailer(); break;
      default:
        st = Error("record type", "record type " + Quoted(rec_.substr(0, 1)) +
                                      " is not a lockbox record (1, 2, 5, 6, 4, 7, 8, 9)");
    }
    if (!st.ok()) return st;
  }
  if (!ended_) {
    if (!header_seen_) return BankError(ctx_.file_name, line_, "", "the file is empty: no 1 header record");
    return BankError(ctx_.file_name, line_, "",
                     "the file ends without its 9 trailer record: it is truncated");
  }
  return std::move(out_);
}

}  // namespace

Result<BankFile> ParseLockbox(std::string_view bytes, const ParseContext& ctx) {
  LockboxParser parser(bytes, ctx);
  return parser.Run();
}

}  // namespace cashmatch::ingest
