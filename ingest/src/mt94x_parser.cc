// SWIFT MT940 customer statements and MT942 interim transaction reports.
//
// One pass over the physical lines: envelopes ({1:..}{2:O940..}{4: .. -}),
// bank header lines and blank lines are stepped over; each message runs from
// ":20:" to its terminator ("-", "-}") or to the next ":20:". A tag's field
// runs until the next tag; ":61:" opens an entry that its ":86:" lines (one
// or more fields) complete. Each message is checked when it ends: opening
// balance + credits - debits = closing balance (MT940), ":90D:/:90C:"
// counts and sums (MT942). Field syntax is in mt94x_fields.cc, the ":86:"
// dialects in mt94x_info.cc; docs/formats/mt940.md gives the decisions.
#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "bank_parsers.h"
#include "bank_text.h"
#include "huge_pages.h"
#include "mt94x_fields.h"
#include "mt94x_info.h"
#include "mt94x_lines.h"
#include "simdjson.h"

namespace cashmatch::ingest {
namespace {

using mt94x::Balance;
using mt94x::EqualsNoCase;
using mt94x::FieldLine;
using mt94x::IsDigit;
using mt94x::IsHeaderLine;
using mt94x::IsUpper;
using mt94x::LineReader;
using mt94x::MatchTag;
using mt94x::Quote;
using mt94x::Tag;
using mt94x::TrimControls;

// "1234,56" / "-1234,56" as the file writes amounts, for messages.
std::string FormatSwift(int64_t minor, Currency currency) {
  std::string s = FormatMinorUnits(minor, currency.exponent());
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// Bank references that say there is none.
bool IsNoBankRef(std::string_view s) {
  return s.empty() || EqualsNoCase(s, "NONREF") || EqualsNoCase(s, "NOTPROVIDED");
}

// Account-owner references that say there is none, or point into the :86:
// (ING and Rabobank write "EREF" when the end-to-end id is there).
bool IsNoOwnerRef(std::string_view s) {
  return IsNoBankRef(s) || EqualsNoCase(s, "NONE") || EqualsNoCase(s, "EREF") ||
         EqualsNoCase(s, "PREF") || EqualsNoCase(s, "KREF") || EqualsNoCase(s, "KREF+");
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return IsDigit(c); });
}

// One message (statement or interim report) being read.
struct Message {
  uint64_t line = 0;  // of its :20:
  std::string account;
  bool has_account = false;
  Currency currency;
  bool has_opening = false, has_closing = false, has_floor = false;
  Balance opening, closing;
  uint64_t closing_line = 0;
  Date report_date;
  bool has_report_date = false;
  // Every :61: line, zero amounts included, as the control figures count.
  uint32_t credits = 0, debits = 0;
  int64_t credit_total = 0, debit_total = 0;
  bool has_debit_totals = false, has_credit_totals = false;
  mt94x::EntryTotals debit_totals, credit_totals;
  uint64_t debit_totals_line = 0, credit_totals_line = 0;
  Date last_value_date;
};

class Parser {
 public:
  Parser(std::string_view bytes, BankFormat format, const ParseContext& ctx)
      : bytes_(bytes), ctx_(ctx), reader_(bytes) {
    mt942_ = format == BankFormat::kMt942;
    format_name_ = std::string(BankFormatName(format));
    file_.format = format;
    file_.file_name = std::string(ctx.file_name);
    file_.payments.reserve(mt94x::EstimateEntries(bytes));
    AdviseHugePages(file_.payments.data(), file_.payments.capacity() * sizeof(Payment));
    field_lines_.reserve(16);
    info_lines_.reserve(16);
    supplementary_.reserve(4);
  }

  Result<BankFile> Run();

 private:
  Status Error(uint64_t line, std::string_view field, std::string reason) const {
    return BankError(ctx_.file_name, line, field, std::move(reason));
  }
  Status Locate(const Status& s, uint64_t line, std::string_view field) const {
    return s.WithContext(SourceLocation{std::string(ctx_.file_name), line, 0, std::string(field)});
  }

  Status HandleLine(std::string_view line);
  Status HandleEnvelope(std::string_view line);
  bool DashIsText();
  Status StartField(std::string_view name, Tag tag, std::string_view content);
  Status FlushField();
  Status BeginMessage();
  Status EndMessage(uint64_t end_line);
  Status OnBalance(bool closing);
  Status OnStatementLine();
  void OnInformation();
  void CloseEntry();
  Status CheckMt942Field(std::string_view name) const;

  std::string_view bytes_;
  const ParseContext& ctx_;
  LineReader reader_;
  bool mt942_ = false;
  std::string format_name_;
  TextEncoding encoding_ = TextEncoding::kUtf8;
  BankFile file_;

  bool in_message_ = false;
  bool seen_message_ = false;
  uint64_t last_end_line_ = 0;  // where the previous message ended
  Message msg_;
  std::string envelope_type_;  // "940" from the last {2:} block, until used

  // The field being collected: its tag and lines (the first without tag).
  bool in_field_ = false;
  Tag tag_ = Tag::kText;
  std::string_view tag_name_;
  uint64_t tag_line_ = 0;
  std::vector<FieldLine> field_lines_;
  bool blank_pending_ = false;

  // The :61: entry waiting for its :86:.
  bool entry_open_ = false;
  bool entry_has_payment_ = false;
  std::string_view owner_ref_, bank_ref_;
  std::string bank_ref_joined_;
  std::vector<FieldLine> info_lines_;
  std::vector<FieldLine> supplementary_;
  std::string supplementary_joined_;
  mt94x::InfoScratch scratch_;
  mt94x::InfoExtras extras_;
};

Result<BankFile> Parser::Run() {
  // One decision for the whole file (bank_text.h), with simdjson's SIMD
  // validator: the same answer as DetectEncoding, several times faster.
  encoding_ = simdjson::validate_utf8(bytes_.data(), bytes_.size()) ? TextEncoding::kUtf8
                                                                      : TextEncoding::kWindows1252;
  std::string_view line;
  while (reader_.Next(&line)) {
    if (line.size() > ctx_.options.max_record_bytes) {
      return Status::ResourceExhausted(
          "line is " + std::to_string(line.size()) + " bytes, over the limit of " +
              std::to_string(ctx_.options.max_record_bytes),
          SourceLocation{std::string(ctx_.file_name), reader_.number(), 0, ""});
    }
    CASHMATCH_RETURN_IF_ERROR(HandleLine(line));
  }
  if (in_message_) CASHMATCH_RETURN_IF_ERROR(EndMessage(reader_.number()));
  if (!seen_message_) {
    return Error(1, "", std::string("no ") + (mt942_ ? "MT942 report" : "MT940 statement") +
                            " found: a message starts with ':20:' and holds ':25:' and " +
                            (mt942_ ? "':34F:'" : "':60F:'"));
  }
  return std::move(file_);
}

Status Parser::HandleLine(std::string_view line) {
  std::string_view name;
  Tag tag;
  if (MatchTag(line, &name, &tag)) return StartField(name, tag, line.substr(name.size()));

  const std::string_view t = TrimControls(line);
  if (t.empty()) {
    blank_pending_ = true;
    return Status::Ok();
  }
  if (t[0] == '{' || t[0] == '}') return HandleEnvelope(t);
  if (t[0] == '-' && t.size() > 1 && t[1] == '}' && !in_message_) return HandleEnvelope(t.substr(1));
  if (t[0] == '-' && (t.size() == 1 || t[1] == '}') && in_message_) {
    // A lone "-" ends the message, unless it sits inside :86: text and
    // text follows (ING writes mandate ids such as "MND-EV01" cut there).
    if (t.size() > 1 || !DashIsText()) {
      CASHMATCH_RETURN_IF_ERROR(EndMessage(reader_.number()));
      if (t.size() > 1) return HandleEnvelope(t.substr(1));
      return Status::Ok();
    }
  }
  if (in_message_ && in_field_) {
    if (tag_ == Tag::kOpening || tag_ == Tag::kClosing || tag_ == Tag::kBalance ||
        tag_ == Tag::kFloor || tag_ == Tag::kDateTime || tag_ == Tag::kTotals) {
      return Error(reader_.number(), tag_name_,
                   "unexpected text after " + std::string(tag_name_) + " (line " +
                       std::to_string(tag_line_) + "): " + Quote(t) +
                       "; only :61: and :86: continue on further lines");
    }
    field_lines_.push_back(FieldLine{line, blank_pending_, false});
    blank_pending_ = false;
    return Status::Ok();
  }
  // Between messages: bank headers ("ABNANL2A" / "940") and the like.
  if (!seen_message_ || IsHeaderLine(t) || t == "-") return Status::Ok();
  return Error(reader_.number(), "",
               "text after the end of the " + std::string(mt942_ ? "report" : "statement") +
                   " on line " + std::to_string(last_end_line_) + ": " + Quote(t) +
                   "; a new message starts with ':20:'");
}

// The next non-blank line decides whether a lone "-" is text: only a line
// that continues the field makes it so.
bool Parser::DashIsText() {
  if (tag_ != Tag::kInfo && tag_ != Tag::kLine) return false;
  const LineReader::Mark mark = reader_.mark();
  std::string_view next;
  bool text = false;
  while (reader_.Next(&next)) {
    std::string_view name;
    Tag tag;
    const std::string_view t = TrimControls(next);
    if (t.empty()) continue;
    text = !MatchTag(next, &name, &tag) && t[0] != '{' && t[0] != '}' && t[0] != '-' &&
           !IsHeaderLine(t);
    break;
  }
  reader_.Reset(mark);
  return text;
}

Status Parser::HandleEnvelope(std::string_view t) {
  // "{1:F01...}{2:O940...}{3:{108:..}}{4:" opens a message; "}" or
  // "{5:...}" closes one. Block 4 may carry its first line after "{4:".
  if (in_message_) CASHMATCH_RETURN_IF_ERROR(EndMessage(reader_.number()));
  if (const size_t b2 = t.find("{2:"); b2 != std::string_view::npos) {
    std::string_view type = t.substr(b2 + 3);
    if (!type.empty() && (type[0] == 'O' || type[0] == 'I')) type.remove_prefix(1);
    type = type.substr(0, 3);
    const std::string_view want = mt942_ ? "942" : "940";
    if (type != want) {
      const bool other_mt94x = type == "940" || type == "942";
      return Error(reader_.number(), "{2:}",
                   "the SWIFT envelope says message type " + Quote(type) + ", but the file was " +
                       "read as MT" + std::string(want) +
                       (other_mt94x ? "; read it as mt" + std::string(type)
                                    : "; cashmatch reads MT940 and MT942"));
    }
  }
  const size_t b4 = t.find("{4:");
  if (b4 != std::string_view::npos) {
    // Only a tag line after "{4:" is read; anything else there (another
    // block, a terminator) would recurse without end on a crafted line.
    const std::string_view rest = t.substr(b4 + 3);
    std::string_view name;
    Tag tag;
    if (MatchTag(rest, &name, &tag)) return StartField(name, tag, rest.substr(name.size()));
  }
  return Status::Ok();
}

Status Parser::StartField(std::string_view name, Tag tag, std::string_view content) {
  CASHMATCH_RETURN_IF_ERROR(FlushField());
  if (tag != Tag::kInfo) CloseEntry();
  blank_pending_ = false;
  if (tag == Tag::kReference) {
    if (in_message_) CASHMATCH_RETURN_IF_ERROR(EndMessage(reader_.number()));
    CASHMATCH_RETURN_IF_ERROR(BeginMessage());
  } else if (!in_message_) {
    std::string reason = Quote(name) + " outside a statement: a message starts with ':20:'";
    if (last_end_line_ != 0) {
      reason += " (the one before ended on line " + std::to_string(last_end_line_) + ")";
    }
    return Error(reader_.number(), name, std::move(reason));
  }
  in_field_ = true;
  tag_ = tag;
  tag_name_ = name;
  tag_line_ = reader_.number();
  field_lines_.clear();
  field_lines_.push_back(FieldLine{content, false, false});
  return Status::Ok();
}

Status Parser::BeginMessage() {
  msg_ = Message();
  msg_.line = reader_.number();
  in_message_ = true;
  seen_message_ = true;
  return Status::Ok();
}

Status Parser::CheckMt942Field(std::string_view name) const {
  if (mt942_) return Status::Ok();
  return Error(tag_line_, name,
               std::string(name) + " belongs to MT942 interim reports, but the file was read as "
                                   "MT940; read it as mt942");
}

Status Parser::FlushField() {
  if (!in_field_) return Status::Ok();
  in_field_ = false;
  const std::string_view first = field_lines_.front().text;
  switch (tag_) {
    case Tag::kReference:
    case Tag::kText:
      return Status::Ok();
    case Tag::kAccount:
      if (msg_.has_account) {
        return Error(tag_line_, tag_name_, "a second :25: account in the same message (line " +
                                               std::to_string(msg_.line) + ")");
      }
      scratch_.text.clear();
      AppendText(first, encoding_, &scratch_.text);
      msg_.account = mt94x::NormalizeAccount(scratch_.text);
      msg_.has_account = true;
      return Status::Ok();
    case Tag::kOpening:
      return OnBalance(/*closing=*/false);
    case Tag::kClosing:
      return OnBalance(/*closing=*/true);
    case Tag::kBalance: {
      Balance b;
      return Locate(mt94x::ParseBalance(first, tag_name_, &b), tag_line_, tag_name_);
    }
    case Tag::kLine:
      return OnStatementLine();
    case Tag::kInfo:
      OnInformation();
      return Status::Ok();
    case Tag::kFloor: {
      CASHMATCH_RETURN_IF_ERROR(CheckMt942Field(tag_name_));
      Currency c;
      CASHMATCH_RETURN_IF_ERROR(
          Locate(mt94x::ParseFloorLimit(first, &c), tag_line_, tag_name_));
      if (msg_.has_floor && c != msg_.currency) {
        return Error(tag_line_, tag_name_,
                     "the two :34F: floor limits name different currencies (" +
                         std::string(msg_.currency.code()) + " and " + std::string(c.code()) + ")");
      }
      if (msg_.credits + msg_.debits != 0) {
        return Error(tag_line_, tag_name_, ":34F: after the first :61: line");
      }
      msg_.has_floor = true;
      msg_.currency = c;
      return Status::Ok();
    }
    case Tag::kDateTime: {
      CASHMATCH_RETURN_IF_ERROR(CheckMt942Field(tag_name_));
      CASHMATCH_RETURN_IF_ERROR(Locate(mt94x::ParseDateTime(first, tag_name_, &msg_.report_date),
                                       tag_line_, tag_name_));
      msg_.has_report_date = true;
      return Status::Ok();
    }
    case Tag::kTotals: {
      CASHMATCH_RETURN_IF_ERROR(CheckMt942Field(tag_name_));
      const bool debit = tag_name_[3] == 'D';
      mt94x::EntryTotals totals;
      CASHMATCH_RETURN_IF_ERROR(
          Locate(mt94x::ParseEntryTotals(first, tag_name_, &totals), tag_line_, tag_name_));
      if ((debit ? msg_.has_debit_totals : msg_.has_credit_totals)) {
        return Error(tag_line_, tag_name_, "a second " + std::string(tag_name_) + " in the report");
      }
      (debit ? msg_.has_debit_totals : msg_.has_credit_totals) = true;
      (debit ? msg_.debit_totals : msg_.credit_totals) = totals;
      (debit ? msg_.debit_totals_line : msg_.credit_totals_line) = tag_line_;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status Parser::OnBalance(bool closing) {
  Balance b;
  CASHMATCH_RETURN_IF_ERROR(
      Locate(mt94x::ParseBalance(field_lines_.front().text, tag_name_, &b), tag_line_, tag_name_));
  if (!closing) {
    if (msg_.credits + msg_.debits != 0) {
      return Error(tag_line_, tag_name_, "opening balance after the first :61: line");
    }
    if (msg_.has_opening) {
      return Error(tag_line_, tag_name_, "a second opening balance in the same statement");
    }
    if (msg_.has_floor && b.currency != msg_.currency) {
      return Error(tag_line_, tag_name_,
                   "opening balance in " + std::string(b.currency.code()) +
                       " but the :34F: floor limit is in " + std::string(msg_.currency.code()));
    }
    msg_.has_opening = true;
    msg_.opening = b;
    msg_.currency = b.currency;
    return Status::Ok();
  }
  if (msg_.has_closing) {
    return Error(tag_line_, tag_name_, "a second closing balance in the same statement");
  }
  if (!msg_.has_opening) {
    return Error(tag_line_, tag_name_, "closing balance without an opening balance (:60F:/:60M:)");
  }
  if (b.currency != msg_.currency) {
    return Error(tag_line_, tag_name_,
                 "closing balance in " + std::string(b.currency.code()) +
                     " but the opening balance is in " + std::string(msg_.currency.code()));
  }
  msg_.has_closing = true;
  msg_.closing = b;
  msg_.closing_line = tag_line_;
  return Status::Ok();
}

Status Parser::OnStatementLine() {
  if (!msg_.has_account) {
    return Error(tag_line_, tag_name_, ":61: before the account (:25:)");
  }
  if (msg_.has_closing) {
    return Error(tag_line_, tag_name_,
                 ":61: after the closing balance (line " + std::to_string(msg_.closing_line) + ")");
  }
  if (!msg_.has_opening && !msg_.has_floor) {
    return Error(tag_line_, tag_name_,
                 mt942_ ? ":61: before the :34F: floor limit, which gives the currency"
                        : ":61: before the opening balance (:60F:/:60M:), which gives the currency");
  }
  mt94x::StatementLine sl;
  CASHMATCH_RETURN_IF_ERROR(Locate(
      mt94x::ParseStatementLine(field_lines_.front().text, msg_.currency, &sl), tag_line_, tag_name_));

  std::span<const FieldLine> rest(field_lines_.data() + 1, field_lines_.size() - 1);
  bank_ref_ = sl.bank_ref;
  owner_ref_ = sl.owner_ref;
  // ING cuts the 16-character bank reference onto the next line
  // ("//00000000001" + "005"); a digits-only line that completes a
  // digits-only reference to at most 16 characters is taken as its rest.
  if (!rest.empty() && AllDigits(sl.bank_ref) && sl.bank_ref.size() < 16) {
    const std::string_view more = TrimControls(rest.front().text);
    if (AllDigits(more) && sl.bank_ref.size() + more.size() <= 16) {
      bank_ref_joined_.assign(sl.bank_ref).append(more);
      bank_ref_ = bank_ref_joined_;
      rest = rest.subspan(1);
    }
  }

  if (sl.debit) {
    ++msg_.debits;
    std::optional<int64_t> sum = CheckedAdd(msg_.debit_total, sl.minor);
    if (!sum) return Error(tag_line_, tag_name_, "the debits of the statement overflow");
    msg_.debit_total = *sum;
  } else {
    ++msg_.credits;
    std::optional<int64_t> sum = CheckedAdd(msg_.credit_total, sl.minor);
    if (!sum) return Error(tag_line_, tag_name_, "the credits of the statement overflow");
    msg_.credit_total = *sum;
  }
  msg_.last_value_date = sl.value_date;

  entry_open_ = true;
  info_lines_.clear();
  supplementary_.assign(rest.begin(), rest.end());
  // A zero amount moves no money (Citi reports balances that way): the line
  // is counted for the control figures but is no payment.
  entry_has_payment_ = sl.minor != 0;
  if (!entry_has_payment_) return Status::Ok();

  Payment& p = file_.payments.emplace_back();
  p.source_file = ctx_.file_name;
  p.source_line = tag_line_;
  p.format = format_name_;
  p.direction = sl.debit ? Direction::kDebit : Direction::kCredit;
  p.amount = Money{sl.minor, msg_.currency};
  p.value_date = sl.value_date;
  if (sl.has_entry_date) p.booking_date = sl.entry_date;
  p.account = msg_.account;
  p.transaction_code = sl.type;
  // RC / RD reverse an earlier entry; "RTI" is SWIFT's returned item.
  p.is_return = sl.reversal || (sl.type.size() == 4 && sl.type.substr(1) == "RTI");
  return Status::Ok();
}

void Parser::OnInformation() {
  if (!entry_open_) return;  // statement-level :86: (after :62F: or before any :61:)
  const size_t first = info_lines_.size();
  info_lines_.insert(info_lines_.end(), field_lines_.begin(), field_lines_.end());
  // Btrl writes two :86: fields for one entry.
  if (first != 0) info_lines_[first].new_field = true;
}

void Parser::CloseEntry() {
  if (!entry_open_) return;
  entry_open_ = false;
  if (!entry_has_payment_) return;
  Payment& p = file_.payments.back();
  extras_.end_to_end.clear();
  std::string& joined = supplementary_joined_;
  joined.clear();
  if (!supplementary_.empty()) mt94x::JoinSupplementary(supplementary_, &joined);
  if (!info_lines_.empty()) {
    mt94x::ParseInformation(info_lines_, encoding_, &scratch_, &p, &extras_);
  } else if (!supplementary_.empty()) {
    // Without :86:, the supplementary details are all the text there is.
    mt94x::AppendCollapsed(joined, encoding_, &p.remittance_text);
    mt94x::AddCreditorReferences(p.remittance_text, &p.remittance);
  }
  // Rabobank puts the counterparty IBAN in the supplementary details.
  if (p.payer_account.empty() && !supplementary_.empty()) {
    const std::string_view candidate = mt94x::Trim(joined);
    if (mt94x::IsValidIban(candidate)) p.payer_account = candidate;
  }
  // Triodos repeats our own account where the counterparty's belongs.
  if (p.payer_account == p.account) p.payer_account.clear();
  if (!IsNoBankRef(bank_ref_)) {
    mt94x::AppendCollapsed(bank_ref_, encoding_, &p.source_ref);
  } else if (!IsNoOwnerRef(owner_ref_)) {
    mt94x::AppendCollapsed(owner_ref_, encoding_, &p.source_ref);
  } else {
    p.source_ref = extras_.end_to_end;
  }
  p.trace_number = extras_.end_to_end;
  if (p.is_return) p.original_ref = extras_.end_to_end;
}

Status Parser::EndMessage(uint64_t end_line) {
  CASHMATCH_RETURN_IF_ERROR(FlushField());
  CloseEntry();
  in_message_ = false;
  last_end_line_ = end_line;
  const std::string what = mt942_ ? "report" : "statement";
  const std::string started = " (the " + what + " starting on line " + std::to_string(msg_.line) + ")";
  if (!msg_.has_account) {
    return Error(msg_.line, ":25:", "the " + what + " has no account (:25:)" + started);
  }
  StatementSummary summary;
  summary.account = msg_.account;
  summary.credits = msg_.credits;
  summary.debits = msg_.debits;
  summary.credit_total = msg_.credit_total;
  summary.debit_total = msg_.debit_total;
  if (!mt942_) {
    if (!msg_.has_opening) {
      return Error(msg_.line, ":60F:", "the statement has no opening balance (:60F:/:60M:)" + started);
    }
    if (!msg_.has_closing) {
      return Error(end_line, ":62F:",
                   "the statement ends without a closing balance (:62F:/:62M:)" + started);
    }
  } else if (!msg_.has_floor) {
    if (msg_.has_opening) {
      return Error(msg_.line, ":34F:",
                   "an MT940 statement (it has an opening balance and no :34F: floor limit), "
                   "but the file was read as MT942; read it as mt940");
    }
    return Error(msg_.line, ":34F:", "the report has no :34F: floor limit" + started);
  }
  if (msg_.has_opening && msg_.has_closing) {
    const Currency c = msg_.currency;
    std::optional<int64_t> expected = CheckedAdd(msg_.opening.Signed(), msg_.credit_total);
    if (expected) expected = CheckedSub(*expected, msg_.debit_total);
    if (!expected || *expected != msg_.closing.Signed()) {
      return Error(
          msg_.closing_line, ":62F:",
          "balances do not add up: opening " + FormatSwift(msg_.opening.Signed(), c) + " + " +
              std::to_string(msg_.credits) + " credits " + FormatSwift(msg_.credit_total, c) +
              " - " + std::to_string(msg_.debits) + " debits " + FormatSwift(msg_.debit_total, c) +
              " = " + (expected ? FormatSwift(*expected, c) : std::string("(overflow)")) +
              ", but the closing balance is " + FormatSwift(msg_.closing.Signed(), c) + " " +
              std::string(c.code()));
    }
    summary.opening = Money{msg_.opening.Signed(), c};
    summary.closing = Money{msg_.closing.Signed(), c};
  }
  for (const bool debit : {true, false}) {
    if (!(debit ? msg_.has_debit_totals : msg_.has_credit_totals)) continue;
    const mt94x::EntryTotals& t = debit ? msg_.debit_totals : msg_.credit_totals;
    const uint32_t count = debit ? msg_.debits : msg_.credits;
    const int64_t sum = debit ? msg_.debit_total : msg_.credit_total;
    const std::string_view tag = debit ? ":90D:" : ":90C:";
    if (t.currency != msg_.currency) {
      return Error(debit ? msg_.debit_totals_line : msg_.credit_totals_line, tag,
                   std::string(tag) + " is in " + std::string(t.currency.code()) +
                       " but the report is in " + std::string(msg_.currency.code()));
    }
    if (t.count != count || t.minor != sum) {
      const std::string kind = debit ? "debit" : "credit";
      return Error(debit ? msg_.debit_totals_line : msg_.credit_totals_line, tag,
                   std::string(tag) + " says " + std::to_string(t.count) + " " + kind +
                       " entries totalling " + FormatSwift(t.minor, t.currency) + ", but the " +
                       "report has " + std::to_string(count) + " totalling " +
                       FormatSwift(sum, msg_.currency) + " " + std::string(msg_.currency.code()));
    }
  }
  summary.currency = msg_.currency;
  summary.date = msg_.has_closing        ? msg_.closing.date
                 : msg_.has_report_date  ? msg_.report_date
                                         : msg_.last_value_date;
  file_.statements.push_back(std::move(summary));
  return Status::Ok();
}

}  // namespace

Result<BankFile> ParseMt94x(std::string_view bytes, BankFormat format, const ParseContext& ctx) {
  if (format != BankFormat::kMt940 && format != BankFormat::kMt942) {
    return Status::InvalidInput("the MT94x reader reads only MT940 and MT942");
  }
  // Nothing here throws but allocation; a file too big for memory is an
  // error value like any other.
  try {
    Parser parser(bytes, format, ctx);
    return parser.Run();
  } catch (const std::bad_alloc&) {
  } catch (const std::length_error&) {
  }
  return Status::ResourceExhausted("out of memory reading the file",
                                   SourceLocation{std::string(ctx.file_name), 0, 0, ""});
}

}  // namespace cashmatch::ingest
