#include "x12_remittance.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>

#include "cashmatch/date.h"
#include "x12_reader.h"

namespace cashmatch::ingest::x12 {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// CCYYMMDD as X12 writes dates from 004010 on, or YYMMDD as older
// versions (and some newer senders) do.
Result<Date> ParseX12Date(std::string_view text) {
  if (text.size() == 6 && AllDigits(text)) return ParseYymmdd(text);
  if (text.size() == 8 && AllDigits(text)) {
    const int y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    const unsigned m = static_cast<unsigned>((text[4] - '0') * 10 + (text[5] - '0'));
    const unsigned d = static_cast<unsigned>((text[6] - '0') * 10 + (text[7] - '0'));
    static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] && (m != 2 || d <= 28 || leap)) {
      return Date::FromCivil(y, m, d);
    }
  }
  return Status::InvalidInput("'" + std::string(text) + "' is not a date as CCYYMMDD");
}

// Header DTM qualifiers that date the payment, best first: effective
// date, settlement, process date, transaction creation.
constexpr std::array<std::string_view, 4> kPaymentDateQualifiers = {"007", "234", "009", "097"};

constexpr std::array<std::string_view, 17> kX12StartIds = {
    "ISA", "GS", "ST", "BPR", "BPS", "TRN", "CUR", "REF", "DTM",
    "N1",  "ENT", "NM1", "RMR", "RMT", "ADX", "NTE", "IT1"};

struct Located {
  std::string_view text;
  size_t offset = 0;
  bool present = false;
};

class Reader820 {
 public:
  Reader820(std::string_view text, const ReadOptions& options, LineMap& lines,
            std::vector<RemittanceAdvice>* out)
      : text_(text), o_(options), lines_(lines), out_(out) {}

  Status Run();

 private:
  Status Error(size_t offset, std::string_view field, std::string reason) {
    return BankError(o_.file_name, lines_.LineOf(offset), field, Prefix() + std::move(reason));
  }
  std::string Prefix() const {
    if (o_.context_trace.empty()) return {};
    return std::string(o_.context_sec) + " entry with trace " + std::string(o_.context_trace) + ": ";
  }
  Status RunSegments(size_t base, Delimiters d, bool enveloped, size_t* next);
  Status OnSegment(const x12::Segment& seg, size_t offset);
  void BeginSet(size_t offset);
  Status FinishSet();
  Status Amount(std::string_view value, size_t offset, std::string_view field,
                std::string_view what, std::optional<Money>* out);
  void AddText(std::string_view piece);

  std::string_view text_;
  const ReadOptions& o_;
  LineMap& lines_;
  std::vector<RemittanceAdvice>* out_;

  // The transaction set being read; its advice is out_->back().
  Located bpr02_, bpr03_, bpr16_;
  bool has_bpr_ = false;
  size_t set_at_ = 0;
  bool header_ = true;  // no N1/ENT/NM1/RMR yet: DTMs date the payment
  std::array<Located, kPaymentDateQualifiers.size()> dtm_;
  std::string_view remitter_;  // N1*RM, the payer when there is no N1*PR
  Currency currency_;
  bool amounts_read_ = false;
  long current_line_ = -1;  // index of the RMR whose loop is open
  bool text_full_ = false;  // the last text piece filled its element
};

Status Reader820::Run() {
  size_t pos = 0;
  if (text_.starts_with("\xEF\xBB\xBF")) pos = 3;
  bool first = true;
  for (;;) {
    while (pos < text_.size() &&
           (text_[pos] == ' ' || text_[pos] == '\t' || text_[pos] == '\r' || text_[pos] == '\n')) {
      ++pos;
    }
    if (pos >= text_.size()) break;
    const std::string_view rest = text_.substr(pos);
    size_t next = text_.size();
    if (rest.starts_with("ISA")) {
      Result<Delimiters> d = DelimitersFromIsa(rest);
      if (!d.ok()) return Error(pos, "ISA", std::string(d.status().reason()));
      CASHMATCH_RETURN_IF_ERROR(RunSegments(pos, *d, true, &next));
    } else if (o_.mode == Mode::kInterchange) {
      return Error(pos, "ISA",
                   first ? "not an X12 interchange: the file does not start with an ISA segment"
                         : "'" + std::string(rest.substr(0, std::min<size_t>(rest.size(), 20))) +
                               "' after the IEA: expected another ISA or the end of the file");
    } else {
      FragmentGuess g = GuessFragmentDelimiters(rest);
      if (!g.ok) return Error(pos, "", "the addenda are not X12 segments");
      CASHMATCH_RETURN_IF_ERROR(RunSegments(pos, g.delimiters, false, &next));
    }
    pos = next;
    first = false;
  }
  if (first && o_.mode == Mode::kInterchange) {
    return Error(0, "ISA", "the file is empty: no X12 interchange");
  }
  return Status::Ok();
}

Status Reader820::RunSegments(size_t base, Delimiters d, bool enveloped, size_t* next) {
  SegmentReader reader(text_.substr(base), d);
  x12::Segment seg;
  bool isa_open = false, gs_open = false, st_open = false, implicit = false;
  bool any = false;
  size_t isa_at = 0, gs_at = 0, st_at = 0;
  std::string_view isa13, gs06, st02;
  uint64_t groups = 0, sets = 0, segments = 0;
  while (reader.Next(&seg)) {
    const size_t at = base + seg.offset;
    if (seg.length > o_.max_segment_bytes) {
      SourceLocation where;
      where.file = std::string(o_.file_name);
      where.line = lines_.LineOf(at);
      where.field = std::string(seg.id.substr(0, 3));
      return Status::ResourceExhausted(Prefix() + "an X12 segment of " +
                                           std::to_string(seg.length) +
                                           " bytes, over the limit of " +
                                           std::to_string(o_.max_segment_bytes),
                                       std::move(where));
    }
    if (!IsSegmentId(seg.id)) {
      if (o_.strict_ids) {
        return Error(at, "", "'" + std::string(seg.id.substr(0, 20)) +
                                 "' is not an X12 segment id (a wrong segment terminator, or "
                                 "text where a segment should start)");
      }
      if (st_open) ++segments;
      continue;
    }
    const bool was_first = !any;
    any = true;
    if (seg.Is("ISA")) {
      if (isa_open || !was_first) {
        return Error(at, "ISA", "an ISA inside the interchange that starts at line " +
                                    std::to_string(lines_.LineOf(base)));
      }
      isa_open = true;
      isa_at = at;
      isa13 = seg.e(13);
    } else if (seg.Is("IEA")) {
      if (!isa_open) return Error(at, "IEA", "IEA without an ISA");
      if (st_open) {
        return Error(at, "IEA", "IEA before the SE of the transaction set at line " +
                                    std::to_string(lines_.LineOf(st_at)));
      }
      if (gs_open) {
        return Error(at, "IEA", "IEA before the GE of the group at line " +
                                    std::to_string(lines_.LineOf(gs_at)));
      }
      if (!AllDigits(seg.e(1)) || !SameControlNumber(seg.e(1), std::to_string(groups))) {
        return Error(at, "IEA01", "IEA01 says " + std::string(seg.e(1)) +
                                      " functional groups but the interchange has " +
                                      std::to_string(groups));
      }
      if (!SameControlNumber(seg.e(2), isa13)) {
        return Error(at, "IEA02", "IEA02 control number '" + std::string(seg.e(2)) +
                                      "' differs from ISA13 '" + std::string(isa13) + "'");
      }
      *next = base + reader.position();
      return Status::Ok();
    } else if (seg.Is("GS")) {
      if (st_open) {
        return Error(at, "GS", "GS before the SE of the transaction set at line " +
                                   std::to_string(lines_.LineOf(st_at)));
      }
      if (gs_open) {
        return Error(at, "GS", "GS before the GE of the group at line " +
                                   std::to_string(lines_.LineOf(gs_at)));
      }
      gs_open = true;
      gs_at = at;
      gs06 = seg.e(6);
      sets = 0;
    } else if (seg.Is("GE")) {
      if (!gs_open) return Error(at, "GE", "GE without a GS");
      if (st_open) {
        return Error(at, "GE", "GE before the SE of the transaction set at line " +
                                   std::to_string(lines_.LineOf(st_at)));
      }
      if (!AllDigits(seg.e(1)) || !SameControlNumber(seg.e(1), std::to_string(sets))) {
        return Error(at, "GE01", "GE01 says " + std::string(seg.e(1)) +
                                     " transaction sets but the group has " + std::to_string(sets));
      }
      if (!SameControlNumber(seg.e(2), gs06)) {
        return Error(at, "GE02", "GE02 control number '" + std::string(seg.e(2)) +
                                     "' differs from GS06 '" + std::string(gs06) + "'");
      }
      gs_open = false;
      ++groups;
    } else if (seg.Is("ST")) {
      if (implicit) {
        return Error(at, "ST", "ST after 820 segments that are outside any transaction set");
      }
      if (st_open) {
        return Error(at, "ST", "ST before the SE of the transaction set at line " +
                                   std::to_string(lines_.LineOf(st_at)));
      }
      if ((enveloped || o_.mode == Mode::kInterchange) && !gs_open) {
        return Error(at, "ST", "ST outside a functional group (GS..GE)");
      }
      if (seg.e(1) != "820") {
        return Error(at, "ST01", "transaction set '" + std::string(seg.e(1)) +
                                     "' is not an 820 payment order/remittance advice");
      }
      st_open = true;
      st_at = at;
      st02 = seg.e(2);
      segments = 1;
      BeginSet(at);
    } else if (seg.Is("SE")) {
      if (!st_open || implicit) return Error(at, "SE", "SE without an ST");
      ++segments;
      if (!AllDigits(seg.e(1)) || !SameControlNumber(seg.e(1), std::to_string(segments))) {
        return Error(at, "SE01", "SE01 says " + std::string(seg.e(1)) +
                                     " segments but the transaction set from line " +
                                     std::to_string(lines_.LineOf(st_at)) + " has " +
                                     std::to_string(segments));
      }
      if (!SameControlNumber(seg.e(2), st02)) {
        return Error(at, "SE02", "SE02 control number '" + std::string(seg.e(2)) +
                                     "' differs from ST02 '" + std::string(st02) + "'");
      }
      CASHMATCH_RETURN_IF_ERROR(FinishSet());
      st_open = false;
      ++sets;
    } else {
      if (!st_open) {
        if (o_.mode == Mode::kInterchange || !was_first) {
          return Error(at, std::string(seg.id), "segment " + std::string(seg.id) +
                                                    " outside a transaction set (ST..SE)");
        }
        implicit = st_open = true;
        st_at = at;
        BeginSet(at);
      }
      ++segments;
      CASHMATCH_RETURN_IF_ERROR(OnSegment(seg, at));
    }
  }
  if (implicit) return FinishSet();
  if (st_open) {
    return Error(st_at, "SE", "the transaction set that starts here has no SE: the 820 is truncated");
  }
  if (gs_open) return Error(gs_at, "GE", "the functional group that starts here has no GE");
  if (isa_open) {
    return Error(isa_at, "IEA", "the interchange that starts here has no IEA: the 820 is truncated");
  }
  return Status::Ok();
}

void Reader820::BeginSet(size_t offset) {
  RemittanceAdvice& adv = out_->emplace_back();
  adv.source_line = lines_.LineOf(offset);
  set_at_ = offset;
  bpr02_ = bpr03_ = bpr16_ = Located{};
  dtm_ = {};
  has_bpr_ = false;
  header_ = true;
  remitter_ = {};
  currency_ = o_.default_currency;
  amounts_read_ = false;
  current_line_ = -1;
  text_full_ = false;
}

Status Reader820::Amount(std::string_view value, size_t offset, std::string_view field,
                         std::string_view what, std::optional<Money>* out) {
  if (value.empty()) return Status::Ok();
  Result<int64_t> minor = ParseX12Amount(value, currency_.exponent());
  if (!minor.ok()) {
    return Error(offset, field, "820 " + std::string(field) + " " + std::string(what) + " " +
                                    std::string(minor.status().reason()));
  }
  amounts_read_ = true;
  *out = Money{*minor, currency_};
  return Status::Ok();
}

void Reader820::AddText(std::string_view piece) {
  piece = TrimX12(piece);
  if (piece.empty()) return;
  std::string& text = out_->back().remittance_text;
  // A piece that fills its element (80 characters, NTE02's and REF03's
  // width) was most likely cut mid-word by the sender: join it as is.
  if (!text.empty() && !text_full_) text.push_back(' ');
  AppendField(piece, o_.encoding, &text);
  text_full_ = piece.size() >= 80;
}

Status Reader820::OnSegment(const x12::Segment& seg, size_t at) {
  RemittanceAdvice& adv = out_->back();
  switch (seg.code) {
    case SegmentCode("RMR"):
    case SegmentCode("RMT"): {
      // 003010's RMT is RMR without the payment action code: amount paid
      // and invoice amount sit one element earlier. RMT*IX lines itemise
      // the invoice above them (a unit price, not money paid): skipped.
      const bool rmt = seg.code == SegmentCode("RMT");
      header_ = false;
      if (rmt && SegmentCode(seg.e(1)) == SegmentCode("IX")) {
        current_line_ = -1;
        break;
      }
      if (adv.remittance.empty()) adv.remittance.reserve(4);
      RemittanceLine& line = adv.remittance.emplace_back();
      AppendField(seg.e(2), o_.encoding, &line.reference);
      CASHMATCH_RETURN_IF_ERROR(Amount(seg.e(rmt ? 3 : 4), at, rmt ? "RMT03" : "RMR04",
                                       "amount paid", &line.paid));
      CASHMATCH_RETURN_IF_ERROR(Amount(seg.e(rmt ? 4 : 5), at, rmt ? "RMT04" : "RMR05",
                                       "invoice amount", &line.invoice_amount));
      if (!rmt) {
        CASHMATCH_RETURN_IF_ERROR(Amount(seg.e(6), at, "RMR06", "discount", &line.discount));
      }
      current_line_ = static_cast<long>(adv.remittance.size()) - 1;
      break;
    }
    case SegmentCode("ADX"): {
      std::optional<Money> amount;
      if (seg.e(1).empty()) return Error(at, "ADX01", "820 ADX01 adjustment amount is empty");
      CASHMATCH_RETURN_IF_ERROR(Amount(seg.e(1), at, "ADX01", "adjustment amount", &amount));
      RemittanceLine* line;
      if (current_line_ >= 0) {
        line = &adv.remittance[static_cast<size_t>(current_line_)];
      } else {
        // An adjustment outside an RMR loop concerns the payment as a
        // whole (or the document ADX04 names): a line of its own.
        line = &adv.remittance.emplace_back();
        AppendField(seg.e(4), o_.encoding, &line->reference);
      }
      if (line->adjustment) {
        line->adjustment->minor += amount->minor;
        if (!seg.e(2).empty()) line->adjustment_reason.push_back(',');
      } else {
        line->adjustment = amount;
      }
      AppendField(seg.e(2), o_.encoding, &line->adjustment_reason);
      break;
    }
    case SegmentCode("BPR"):
    case SegmentCode("BPS"): {
      // BPS is 003010's BPR: no credit/debit flag (always a credit), the
      // originating DFI and account in BPS05/06, the effective date in BPS12.
      const bool bps = seg.code == SegmentCode("BPS");
      has_bpr_ = true;
      bpr02_ = {seg.e(2), at, true};
      bpr03_ = {bps ? std::string_view("C") : seg.e(3), at, true};
      bpr16_ = {bps ? seg.e(12) : seg.e(16), at, true};
      if (o_.money_fields) {
        // What does not need the currency (CUR comes later) is checked
        // here, so that errors are reported in file order.
        const std::string_view f2 = bps ? "BPS02" : "BPR02";
        if (bpr02_.text.empty()) {
          return Error(at, f2, "820 " + std::string(f2) + " payment amount is empty");
        }
        if (!IsX12Decimal(bpr02_.text)) {
          return Error(at, f2, "820 " + std::string(f2) + " payment amount '" +
                                   std::string(bpr02_.text) + "' is not a number");
        }
        if (bpr03_.text != "C" && bpr03_.text != "D") {
          return Error(at, "BPR03", "820 BPR03 credit/debit flag '" + std::string(bpr03_.text) +
                                        "' is neither C nor D");
        }
        if (!bpr16_.text.empty()) {
          const std::string_view f16 = bps ? "BPS12" : "BPR16";
          Result<Date> d = ParseX12Date(bpr16_.text);
          if (!d.ok()) {
            return Error(at, f16, "820 " + std::string(f16) + " payment date " +
                                      std::string(d.status().reason()));
          }
        }
      }
      const std::string_view routing = seg.e(bps ? 5 : 7);
      const std::string_view account = seg.e(bps ? 6 : 9);
      if (!routing.empty() && !account.empty() && adv.payer_account.empty()) {
        AppendField(routing, o_.encoding, &adv.payer_account);
        adv.payer_account.push_back(':');
        AppendField(account, o_.encoding, &adv.payer_account);
      }
      break;
    }
    case SegmentCode("TRN"):
      if (adv.trace_number.empty()) {
        AppendField(seg.e(2), o_.encoding, &adv.trace_number);
        adv.source_ref = adv.trace_number;
      }
      break;
    case SegmentCode("CUR"): {
      std::optional<Currency> c = Currency::FromCode(seg.e(2));
      if (!c) {
        return Error(at, "CUR02", "820 CUR02 '" + std::string(seg.e(2)) +
                                      "' is not an ISO 4217 currency code");
      }
      if (amounts_read_ && *c != currency_) {
        return Error(at, "CUR02", "820 CUR comes after amounts already read in " +
                                      std::string(currency_.code()));
      }
      currency_ = *c;
      break;
    }
    case SegmentCode("N1"): {
      header_ = false;
      current_line_ = -1;
      const uint32_t q = SegmentCode(seg.e(1));
      if (q == SegmentCode("PR") && adv.payer_name.empty()) {
        AppendField(seg.e(2), o_.encoding, &adv.payer_name);
      }
      // The payee is ourselves; a CTX payment has no use for the name.
      if (q == SegmentCode("PE") && o_.money_fields && adv.payee_name.empty()) {
        AppendField(seg.e(2), o_.encoding, &adv.payee_name);
      }
      if (q == SegmentCode("RM") && remitter_.empty()) remitter_ = seg.e(2);
      break;
    }
    case SegmentCode("ENT"):
    case SegmentCode("NM1"):
      header_ = false;
      current_line_ = -1;
      break;
    case SegmentCode("NTE"):
      AddText(seg.e(2));
      break;
    case SegmentCode("REF"):
      AddText(seg.e(3));
      if (current_line_ >= 0 && !seg.e(2).empty()) {
        // A document the RMR line relates to (PO, contract, ...), kept so
        // that it can be matched on.
        std::string& text = adv.remittance_text;
        if (!text.empty() && !text_full_) text.push_back(' ');
        AppendField(seg.e(1), o_.encoding, &text);
        text.push_back(' ');
        AppendField(seg.e(2), o_.encoding, &text);
        text_full_ = false;
      }
      break;
    case SegmentCode("DTM"):
      if (!header_) break;
      for (size_t i = 0; i < kPaymentDateQualifiers.size(); ++i) {
        if (seg.e(1) == kPaymentDateQualifiers[i] && !dtm_[i].present && !seg.e(2).empty()) {
          dtm_[i] = {seg.e(2), at, true};
          Result<Date> d = ParseX12Date(seg.e(2));
          if (o_.money_fields && !d.ok()) {
            return Error(at, "DTM02", "820 DTM02 payment date " + std::string(d.status().reason()));
          }
        }
      }
      break;
    default:
      break;
  }
  return Status::Ok();
}

Status Reader820::FinishSet() {
  RemittanceAdvice& adv = out_->back();
  if (adv.payer_name.empty() && !remitter_.empty()) {
    AppendField(remitter_, o_.encoding, &adv.payer_name);
  }
  adv.amount = Money{0, currency_};
  if (!o_.money_fields) return Status::Ok();
  if (!has_bpr_) {
    if (o_.mode == Mode::kInterchange) {
      return Error(set_at_, "BPR",
                   "the 820 transaction set that starts here has no BPR segment: it states no "
                   "payment amount");
    }
  } else {
    std::optional<Money> amount;
    CASHMATCH_RETURN_IF_ERROR(Amount(bpr02_.text, bpr02_.offset, "BPR02", "payment amount", &amount));
    if (bpr03_.text == "D") amount->minor = -amount->minor;
    adv.amount = *amount;
  }
  const Located* date = bpr16_.present && !bpr16_.text.empty() ? &bpr16_ : nullptr;
  std::string_view field = "BPR16";
  for (size_t i = 0; !date && i < dtm_.size(); ++i) {
    if (dtm_[i].present) {
      date = &dtm_[i];
      field = "DTM02";
    }
  }
  if (date) {
    Result<Date> d = ParseX12Date(date->text);
    if (!d.ok()) {
      return Error(date->offset, field, "820 " + std::string(field) + " payment date " +
                                            std::string(d.status().reason()));
    }
    adv.payment_date = *d;
  }
  return Status::Ok();
}

}  // namespace

uint64_t TextLineMap::LineOf(size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < at_) {
    at_ = 0;
    line_ = first_line_;
  }
  line_ += static_cast<uint64_t>(std::count(text_.begin() + static_cast<long>(at_),
                                            text_.begin() + static_cast<long>(offset), '\n'));
  at_ = offset;
  return line_;
}

void AppendSlice(std::string_view raw, TextEncoding encoding, std::string* out) {
  if (encoding != TextEncoding::kUtf8 || IsValidUtf8(raw)) {
    AppendText(raw, encoding, out);
    return;
  }
  size_t i = 0;
  while (i < raw.size()) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    const size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                    : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len != 0 && i + len <= raw.size() && IsValidUtf8(raw.substr(i, len))) {
      AppendText(raw.substr(i, len), encoding, out);
      i += len;
    } else {
      ++i;  // half of a character cut by the field's edge
    }
  }
}

Status Utf8Reason(const Status& s) {
  if (s.ok() || IsValidUtf8(s.reason())) return s;
  std::string reason = ToUtf8(s.reason());
  if (s.code() == StatusCode::kResourceExhausted) {
    return Status::ResourceExhausted(std::move(reason), s.where());
  }
  return Status::InvalidInput(std::move(reason), s.where());
}

TextEncoding DetectEncodingFast(std::string_view whole_file) {
  const char* p = whole_file.data();
  size_t n = whole_file.size();
  uint64_t high = 0;
  for (; n >= 32; p += 32, n -= 32) {
    uint64_t w[4];
    std::memcpy(w, p, sizeof w);
    high |= (w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL;
    if (high) break;
  }
  for (; !high && n > 0; ++p, --n) high |= static_cast<unsigned char>(*p) & 0x80;
  return high ? DetectEncoding(whole_file) : TextEncoding::kUtf8;
}

bool LooksLikeX12(std::string_view text) {
  // Cheap on purpose (every addenda text is asked): a known 820 segment id
  // followed by a byte that can separate elements.
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                             text[i] == '\n')) {
    ++i;
  }
  text.remove_prefix(i);
  for (std::string_view id : kX12StartIds) {
    if (text.size() > id.size() && text.starts_with(id)) {
      const char sep = text[id.size()];
      const bool alnum = (sep >= 'A' && sep <= 'Z') || (sep >= 'a' && sep <= 'z') ||
                         (sep >= '0' && sep <= '9');
      if (!alnum && sep != ' ' && sep != '\t' && sep != '\r' && sep != '\n' && sep != '\0') {
        return true;
      }
    }
  }
  return false;
}

Status Read820(std::string_view text, const ReadOptions& options, LineMap& lines,
               std::vector<RemittanceAdvice>* out) {
  Reader820 reader(text, options, lines, out);
  return reader.Run();
}

}  // namespace cashmatch::ingest::x12
