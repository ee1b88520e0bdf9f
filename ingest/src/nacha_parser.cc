// NACHA ACH files: record order, headers and control totals. What an entry
// becomes is nacha_entry.cc's business; docs/formats/nacha.md has the
// decisions.
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "bank_parsers.h"
#include "bank_text.h"
#include "huge_pages.h"
#include "nacha_entry.h"
#include "nacha_records.h"
#include "x12_reader.h"
#include "x12_remittance.h"

namespace cashmatch::ingest {
namespace nacha {
namespace {

constexpr uint64_t kHashModulus = 10'000'000'000ULL;  // entry hash keeps 10 digits
// Dollar totals are 12 digits of cents; a file past ten billion dollars
// can only state the low digits, as with the hash.
constexpr int64_t kTotalModulus = 1'000'000'000'000LL;

std::string Dollars(int64_t cents) { return FormatMinorUnits(cents, 2); }

// Standard entry class codes of the NACHA Operating Rules (CBR and PBR:
// the cross-border codes IAT replaced, still in old files).
bool IsSecCode(std::string_view sec) {
  static constexpr std::string_view kCodes[] = {
      "CCD", "CTX", "PPD", "WEB", "ACK", "ADV", "ARC", "ATX", "BOC", "CBR", "CIE", "COR", "DNE",
      "ENR", "IAT", "MTE", "PBR", "POP", "POS", "RCK", "SHR", "TEL", "TRC", "TRX", "XCK"};
  const uint32_t code = x12::SegmentCode(sec);
  for (std::string_view c : kCodes)
    if (x12::SegmentCode(c) == code) return true;
  return false;
}

// Two-character codes (addenda types) as one number, to switch on.
constexpr uint32_t Code2(std::string_view s) {
  return s.size() == 2 ? (static_cast<uint32_t>(static_cast<unsigned char>(s[0])) << 8) |
                             static_cast<unsigned char>(s[1])
                       : 0;
}

// Some Windows tools put a UTF-8 byte-order mark before the file header.
std::string_view WithoutBom(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  return bytes;
}

// Entry (6) records present in the file, counted at the start of each
// record: what the payments vector is sized from, rather than from any
// count the file states. Quick for the usual 94-byte lines; a line of
// another length is stepped over by its line break, or by 94s when it
// holds records back to back.
size_t CountEntryRecords(std::string_view bytes) {
  const char* d = bytes.data();
  const size_t n = bytes.size();
  size_t count = 0;
  size_t pos = 0;
  while (pos < n) {
    if (pos + kRecordSize < n && d[pos + kRecordSize] == '\n') {
      count += d[pos] == '6';
      pos += kRecordSize + 1;
    } else if (pos + kRecordSize + 1 < n && d[pos + kRecordSize] == '\r' &&
               d[pos + kRecordSize + 1] == '\n') {
      count += d[pos] == '6';
      pos += kRecordSize + 2;
    } else {
      // An entry record is never short (its trace number ends it), so only
      // whole records are counted: the estimate stays below input / 94.
      const void* nl = std::memchr(d + pos, '\n', n - pos);
      const size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - d) : n;
      for (size_t p = pos; p + kRecordSize <= end; p += kRecordSize) count += d[p] == '6';
      pos = end + 1;
    }
  }
  return count;
}

class Parser {
 public:
  Parser(std::string_view bytes, const ParseContext& ctx)
      : ctx_(ctx),
        splitter_(WithoutBom(bytes), ctx.file_name, ctx.options.max_record_bytes) {
    out_.payments.reserve(CountEntryRecords(bytes));
    AdviseHugePages(out_.payments.data(), out_.payments.capacity() * sizeof(Payment));
    file_.file_name = ctx.file_name;
    file_.encoding = x12::DetectEncodingFast(bytes);
    file_.max_segment_bytes = ctx.options.max_record_bytes;
    file_.usd = *Currency::FromCode("USD");
  }

  Result<BankFile> Run();

 private:
  enum class State : uint8_t { kStart, kFile, kBatch, kDone };

  Status Error(const Record& r, std::string_view field, std::string reason) const;
  Status FileHeader(const Record& r);
  Status BatchHeader(const Record& r);
  Status Entry(const Record& r);
  Status Addenda(const Record& r);
  Status BatchControl(const Record& r);
  Status FileControl(const Record& r);
  Status CloseEntry();
  Status CheckBlockCount(uint64_t records_in_file) const;
  Status Amount(const Record& r, size_t first, size_t last, std::string_view field,
                std::string_view what, uint64_t* out) const;

  const ParseContext& ctx_;
  RecordSplitter splitter_;
  FileContext file_;
  BankFile out_;
  State state_ = State::kStart;

  // The file being read (a transmission may hold several, back to back).
  uint64_t file_line_ = 0;
  std::string creation_raw_;
  uint64_t file_records_start_ = 0;  // splitter count before its header
  uint64_t records_to_control_ = 0;  // its records up to its file control
  uint64_t block_count_ = 0;         // as its file control states it
  uint64_t control_line_ = 0;
  uint32_t control_column_ = 1;
  uint64_t batches_ = 0;
  uint64_t entry_addenda_ = 0;
  uint64_t hash_ = 0;
  int64_t debit_ = 0;
  int64_t credit_ = 0;

  BatchState batch_;
  EntryState entry_;
  bool entry_open_ = false;
  EntryScratch scratch_;
};

Status Parser::Error(const Record& r, std::string_view field, std::string reason) const {
  SourceLocation where;
  where.file = std::string(ctx_.file_name);
  where.line = r.line;
  if (r.column > 1) where.column = r.column;
  where.field = std::string(field);
  return Status::InvalidInput(std::move(reason), std::move(where));
}

Status Parser::Amount(const Record& r, size_t first, size_t last, std::string_view field,
                      std::string_view what, uint64_t* out) const {
  if (ParseDigits(r.Field(first, last), out)) return Status::Ok();
  return Error(r, field, std::string(what) + " '" + std::string(r.Field(first, last)) +
                             "' is not a number (positions " + std::to_string(first) + "-" +
                             std::to_string(last) + ", digits only)");
}

Result<BankFile> Parser::Run() {
  out_.format = BankFormat::kNacha;
  out_.file_name = std::string(ctx_.file_name);
  Record r;
  Status error;
  uint64_t last_line = 1;
  for (;;) {
    const RecordSplitter::Step step = splitter_.Next(&r, &error);
    if (step == RecordSplitter::Step::kError) return error;
    if (step == RecordSplitter::Step::kEnd) break;
    last_line = r.line;
    if (state_ == State::kStart && r.Type() != '1') {
      return Error(r, "record_type",
                   "the first record is of type '" + std::string(1, r.Type()) +
                       "', not a file header (1): this is not a NACHA file");
    }
    switch (r.Type()) {
      case '1': CASHMATCH_RETURN_IF_ERROR(FileHeader(r)); break;
      case '5': CASHMATCH_RETURN_IF_ERROR(BatchHeader(r)); break;
      case '6': CASHMATCH_RETURN_IF_ERROR(Entry(r)); break;
      case '7': CASHMATCH_RETURN_IF_ERROR(Addenda(r)); break;
      case '8': CASHMATCH_RETURN_IF_ERROR(BatchControl(r)); break;
      case '9':
        if (IsFiller(r.data)) {
          if (state_ != State::kDone) {
            return Error(r, "record_type", "a filler record (all nines) before the file control");
          }
          break;
        }
        CASHMATCH_RETURN_IF_ERROR(FileControl(r));
        break;
      default: {
        std::string reason = "record type '" + std::string(1, r.Type()) +
                             "' is not a NACHA record (1, 5, 6, 7, 8 or 9)";
        if (r.column > 1) {
          reason += "; the line holds records back to back, so a record before this one is "
                    "probably not 94 characters long";
        }
        return Error(r, "record_type", std::move(reason));
      }
    }
  }
  if (state_ == State::kStart) {
    SourceLocation where;
    where.file = std::string(ctx_.file_name);
    return Status::InvalidInput("the file holds no NACHA records", std::move(where));
  }
  if (state_ != State::kDone) {
    return BankError(ctx_.file_name, last_line, "",
                     "the file ends without a file control (9) record: it is truncated");
  }
  CASHMATCH_RETURN_IF_ERROR(CheckBlockCount(splitter_.records() - file_records_start_));
  return std::move(out_);
}

Status Parser::FileHeader(const Record& r) {
  if (state_ == State::kFile || state_ == State::kBatch) {
    return Error(r, "record_type", "a file header inside the file that starts at line " +
                                       std::to_string(file_line_));
  }
  if (state_ == State::kDone) {
    CASHMATCH_RETURN_IF_ERROR(CheckBlockCount(splitter_.records() - 1 - file_records_start_));
  }
  // Record size, blocking factor and format code ("094101") sit at
  // positions 35-40. Finding them elsewhere means a field before them is
  // short or long, and every field after them is misplaced.
  if (r.Field(35, 37) != "094") {
    const size_t found = r.data.substr(24, 26).find("094101");
    if (found != std::string_view::npos) {
      const int at = static_cast<int>(found) + 25;
      const int shift = 35 - at;
      return Error(r, "record_size",
                   "file header is shifted: its record size '094' is at position " +
                       std::to_string(at) + ", not 35, so a field before it (immediate "
                       "destination, immediate origin, creation date or time) is " +
                       std::to_string(shift > 0 ? shift : -shift) + " character" +
                       (shift == 1 || shift == -1 ? "" : "s") + (shift > 0 ? " short" : " long") +
                       " (the line has " + std::to_string(r.length) + " characters)");
    }
    return Error(r, "record_size",
                 "file header: record size '" + std::string(r.Field(35, 37)) + "' is not 094");
  }
  Result<Date> created = ParseYymmdd(r.Field(24, 29));
  file_.creation_date.reset();
  if (created.ok()) file_.creation_date = *created;
  creation_raw_.assign(r.Field(24, 29));
  file_.creation_raw = creation_raw_;
  file_line_ = r.line;
  file_records_start_ = splitter_.records() - 1;
  batches_ = entry_addenda_ = hash_ = 0;
  debit_ = credit_ = 0;
  state_ = State::kFile;
  return Status::Ok();
}

Status Parser::BatchHeader(const Record& r) {
  if (state_ == State::kBatch) {
    return Error(r, "record_type", "batch header while the batch that starts at line " +
                                       std::to_string(batch_.header.line) +
                                       " has no batch control (8) record");
  }
  if (state_ == State::kDone) {
    return Error(r, "record_type", "batch header after the file control (9) record");
  }
  CASHMATCH_RETURN_IF_ERROR(CloseEntry());
  BatchState& b = batch_;
  b.header.Save(r);
  b.sec = b.header.Field(51, 53);
  uint64_t service = 0;
  if (!ParseDigits(r.Field(2, 4), &service)) {
    return Error(r, "service_class_code",
                 "batch header: service class code '" + std::string(r.Field(2, 4)) +
                     "' is not a number");
  }
  if (!IsSecCode(b.sec)) {
    // A known code a column or two away means the header is shifted, and
    // every field around it (company id, dates) is misplaced too.
    for (size_t at : {49u, 50u, 52u, 53u}) {
      const std::string_view near = r.Field(at, at + 2);
      if (IsSecCode(near)) {
        return Error(r, "standard_entry_class_code",
                     "batch header is shifted: its standard entry class code '" +
                         std::string(near) + "' is at positions " + std::to_string(at) + "-" +
                         std::to_string(at + 2) + ", not 51-53, so the fields around it are "
                         "misplaced");
      }
    }
    return Error(r, "standard_entry_class_code",
                 "batch header: standard entry class code '" + std::string(b.sec) +
                     "' (positions 51-53) is not a NACHA SEC code");
  }
  b.iat = b.sec == "IAT";
  b.cor = b.sec == "COR";
  b.ctx = b.sec == "CTX";
  b.company_name.clear();
  // IAT batch headers have no company name; the originator is in addenda 11.
  if (!b.iat) x12::AppendField(Trim(r.Field(5, 20)), file_.encoding, &b.company_name);
  const std::string_view effective = r.Field(70, 75);
  // Blank, zeros or not a date: FinishEntry falls back (see ValueDate).
  b.effective.reset();
  if (Result<Date> d = ParseYymmdd(effective); d.ok()) b.effective = *d;
  // Settlement date: a day of the year (Julian), put in by the ACH
  // operator; its year is the one that puts it nearest the effective date.
  b.settlement.reset();
  uint64_t julian = 0;
  const std::optional<Date> near = b.effective ? b.effective : file_.creation_date;
  if (near && ParseDigits(r.Field(76, 78), &julian) && julian >= 1 && julian <= 366) {
    int year;
    unsigned month, day;
    near->ToCivil(&year, &month, &day);
    int best = -1;
    for (int y = year - 1; y <= year + 1; ++y) {
      const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      if (julian == 366 && !leap) continue;
      const Date d{Date::FromCivil(y, 1, 1).days + static_cast<int32_t>(julian) - 1};
      const int distance = std::abs(d.days - near->days);
      if (best < 0 || distance < best) {
        best = distance;
        b.settlement = d;
      }
    }
  }
  b.entry_addenda = b.hash = 0;
  b.debit = b.credit = 0;
  state_ = State::kBatch;
  return Status::Ok();
}

Status Parser::Entry(const Record& r) {
  if (state_ != State::kBatch) {
    return Error(r, "record_type", "entry detail (6) record outside a batch: no batch header "
                                   "before it");
  }
  CASHMATCH_RETURN_IF_ERROR(CloseEntry());
  EntryState& e = entry_;
  e.Reset();
  uint64_t code = 0;
  if (!ParseDigits(r.Field(2, 3), &code) || !(e.info_code = ClassifyTransactionCode(
                                                   static_cast<int>(code))).valid) {
    return Error(r, "transaction_code", "entry: transaction code '" + std::string(r.Field(2, 3)) +
                                            "' is not one NACHA defines");
  }
  e.code = static_cast<int>(code);
  uint64_t rdfi = 0;
  if (!ParseDigits(r.Field(4, 11), &rdfi)) {
    return Error(r, "receiving_dfi", "entry: receiving DFI identification '" +
                                         std::string(r.Field(4, 11)) + "' is not 8 digits");
  }
  uint64_t amount = 0;
  CASHMATCH_RETURN_IF_ERROR(Amount(r, 30, 39, "amount", "entry: amount", &amount));
  uint64_t trace = 0;
  if (!ParseDigits(r.Field(80, 94), &trace)) {
    return Error(r, "trace_number", "entry: trace number '" + std::string(r.Field(80, 94)) +
                                        "' is not 15 digits");
  }
  const char indicator = r.Field(79, 79)[0];
  if (indicator != '0' && indicator != '1') {
    return Error(r, "addenda_record_indicator",
                 "entry: addenda record indicator '" + std::string(1, indicator) +
                     "' is neither 0 nor 1");
  }
  e.rec.Save(r);
  e.trace = e.rec.Field(80, 94);
  e.amount = static_cast<int64_t>(amount);
  BatchState& b = batch_;
  ++b.entry_addenda;
  b.hash = (b.hash + rdfi) % kHashModulus;
  (e.info_code.credit_side ? b.credit : b.debit) += e.amount;
  entry_open_ = true;
  return Status::Ok();
}

Status Parser::Addenda(const Record& r) {
  if (!entry_open_) {
    return Error(r, "record_type", "addenda (7) record without an entry detail record before it");
  }
  EntryState& e = entry_;
  ++batch_.entry_addenda;
  ++e.addenda;
  if (e.rec.Field(79, 79)[0] == '0') {
    return Error(r, "addenda_record_indicator",
                 "an addenda record follows the entry with trace " + std::string(e.trace) +
                     " (line " + std::to_string(e.rec.line) +
                     "), whose addenda record indicator is 0");
  }
  const std::string_view type = r.Field(2, 3);
  const uint32_t code = Code2(type);
  switch (code) {
    case Code2("05"):
    case Code2("17"): {
      if ((code == Code2("05")) == batch_.iat) {
        return Error(r, "addenda_type", "addenda type " + std::string(type) + " in " +
                                            std::string(batch_.sec) + " batch" +
                                            (batch_.iat ? " (IAT entries use types 10 to 18)"
                                                        : " (type 17 belongs to IAT entries)"));
      }
      uint64_t sequence = 0;
      if (!ParseDigits(r.Field(84, 87), &sequence)) {
        return Error(r, "addenda_sequence_number", "addenda sequence number '" +
                                                       std::string(r.Field(84, 87)) +
                                                       "' is not a number");
      }
      e.a05.push_back(Addenda05{static_cast<uint32_t>(sequence),
                                static_cast<uint32_t>(e.info.size()), r.line});
      e.info.append(r.Field(4, 83));
      if (code == Code2("17")) ++e.iat_addenda;
      break;
    }
    case Code2("10"): case Code2("11"): case Code2("12"): case Code2("13"):
    case Code2("14"): case Code2("15"): case Code2("16"): case Code2("18"):
      if (!batch_.iat) {
        return Error(r, "addenda_type", "IAT addenda (type " + std::string(type) + ") in " +
                                            std::string(batch_.sec) + " batch");
      }
      ++e.iat_addenda;
      if (code == Code2("11")) e.iat_originator.assign(r.Field(4, 38));
      break;
    case Code2("99"):
      if (e.has99) {
        return Error(r, "addenda_type", "a second return addenda (99) for the entry with trace " +
                                            std::string(e.trace));
      }
      e.has99 = true;
      e.r99.Save(r);
      break;
    case Code2("98"):
      e.has98 = true;
      break;
    case Code2("02"):
      break;
    default:
      return Error(r, "addenda_type", "addenda type '" + std::string(type) +
                                          "' is not one NACHA defines (02, 05, 10-18, 98, 99)");
  }
  return Status::Ok();
}

Status Parser::CloseEntry() {
  if (!entry_open_) return Status::Ok();
  entry_open_ = false;
  return FinishEntry(file_, batch_, entry_, scratch_, &out_);
}

Status Parser::BatchControl(const Record& r) {
  if (state_ != State::kBatch) {
    return Error(r, "record_type", "batch control (8) record without a batch header");
  }
  CASHMATCH_RETURN_IF_ERROR(CloseEntry());
  const BatchState& b = batch_;
  const auto start = [&b] { return " (batch from line " + std::to_string(b.header.line) + ")"; };
  if (r.Field(2, 4) != b.header.Field(2, 4)) {
    return Error(r, "service_class_code", "batch control: service class code " +
                                              std::string(r.Field(2, 4)) + " differs from the "
                                              "batch header's " + std::string(b.header.Field(2, 4)) +
                                              start());
  }
  uint64_t count = 0, hash = 0, debit = 0, credit = 0;
  CASHMATCH_RETURN_IF_ERROR(Amount(r, 5, 10, "entry_addenda_count",
                                   "batch control: entry/addenda count", &count));
  CASHMATCH_RETURN_IF_ERROR(Amount(r, 11, 20, "entry_hash", "batch control: entry hash", &hash));
  CASHMATCH_RETURN_IF_ERROR(Amount(r, 21, 32, "total_debit", "batch control: total debit", &debit));
  CASHMATCH_RETURN_IF_ERROR(
      Amount(r, 33, 44, "total_credit", "batch control: total credit", &credit));
  if (count != b.entry_addenda) {
    return Error(r, "entry_addenda_count",
                 "batch control: entry/addenda count " + std::to_string(count) + " but the batch has " +
                     std::to_string(b.entry_addenda) + " entry and addenda records" + start());
  }
  if (hash != b.hash) {
    return Error(r, "entry_hash", "batch control: entry hash " + std::string(r.Field(11, 20)) +
                                      " but the entries' receiving DFI numbers sum to " +
                                      std::to_string(b.hash) + start());
  }
  if (static_cast<int64_t>(debit) != b.debit % kTotalModulus) {
    return Error(r, "total_debit", "batch control: total debit " + Dollars(static_cast<int64_t>(debit)) +
                                       " but the debit entries sum to " + Dollars(b.debit) + start());
  }
  if (static_cast<int64_t>(credit) != b.credit % kTotalModulus) {
    return Error(r, "total_credit", "batch control: total credit " +
                                        Dollars(static_cast<int64_t>(credit)) +
                                        " but the credit entries sum to " + Dollars(b.credit) +
                                        start());
  }
  if (Trim(r.Field(45, 54)) != Trim(b.header.Field(41, 50))) {
    return Error(r, "company_identification",
                 "batch control: company identification '" + std::string(Trim(r.Field(45, 54))) +
                     "' differs from the batch header's '" +
                     std::string(Trim(b.header.Field(41, 50))) + "'" + start());
  }
  if (Trim(r.Field(88, 94)) != Trim(b.header.Field(88, 94))) {
    return Error(r, "batch_number", "batch control: batch number " + std::string(r.Field(88, 94)) +
                                        " differs from the batch header's " +
                                        std::string(b.header.Field(88, 94)));
  }
  ++batches_;
  entry_addenda_ += b.entry_addenda;
  hash_ = (hash_ + b.hash) % kHashModulus;
  debit_ += b.debit;
  credit_ += b.credit;
  state_ = State::kFile;
  return Status::Ok();
}

Status Parser::FileControl(const Record& r) {
  if (state_ == State::kBatch) {
    return Error(r, "record_type", "file control (9) while the batch that starts at line " +
                                       std::to_string(batch_.header.line) +
                                       " has no batch control (8) record");
  }
  if (state_ == State::kDone) {
    return Error(r, "record_type", "a second file control (9) record");
  }
  uint64_t batches = 0, blocks = 0, count = 0, hash = 0, debit = 0, credit = 0;
  CASHMATCH_RETURN_IF_ERROR(Amount(r, 2, 7, "batch_count", "file control: batch count", &batches));
  CASHMATCH_RETURN_IF_ERROR(Amount(r, 8, 13, "block_count", "file control: block count", &blocks));
  CASHMATCH_RETURN_IF_ERROR(
      Amount(r, 14, 21, "entry_addenda_count", "file control: entry/addenda count", &count));
  CASHMATCH_RETURN_IF_ERROR(Amount(r, 22, 31, "entry_hash", "file control: entry hash", &hash));
  CASHMATCH_RETURN_IF_ERROR(Amount(r, 32, 43, "total_debit", "file control: total debit", &debit));
  CASHMATCH_RETURN_IF_ERROR(
      Amount(r, 44, 55, "total_credit", "file control: total credit", &credit));
  if (batches != batches_) {
    return Error(r, "batch_count", "file control: batch count " + std::to_string(batches) +
                                       " but the file has " + std::to_string(batches_) + " batches");
  }
  if (count != entry_addenda_) {
    return Error(r, "entry_addenda_count",
                 "file control: entry/addenda count " + std::to_string(count) + " but the file has " +
                     std::to_string(entry_addenda_) + " entry and addenda records");
  }
  if (hash != hash_) {
    return Error(r, "entry_hash", "file control: entry hash " + std::string(r.Field(22, 31)) +
                                      " but the batches' entry hashes sum to " +
                                      std::to_string(hash_));
  }
  if (static_cast<int64_t>(debit) != debit_ % kTotalModulus) {
    return Error(r, "total_debit", "file control: total debit " + Dollars(static_cast<int64_t>(debit)) +
                                       " but the batches' debits sum to " + Dollars(debit_));
  }
  if (static_cast<int64_t>(credit) != credit_ % kTotalModulus) {
    return Error(r, "total_credit", "file control: total credit " +
                                        Dollars(static_cast<int64_t>(credit)) +
                                        " but the batches' credits sum to " + Dollars(credit_));
  }
  records_to_control_ = splitter_.records() - file_records_start_;
  block_count_ = blocks;
  control_line_ = r.line;
  control_column_ = r.column;
  state_ = State::kDone;
  return Status::Ok();
}

// Blocks are ten records, the last padded with filler; files that leave
// the filler out are common, so the count up to the file control is
// accepted as well as the count with the filler.
Status Parser::CheckBlockCount(uint64_t records_in_file) const {
  const auto blocks = [](uint64_t records) { return (records + 9) / 10; };
  if (block_count_ == blocks(records_to_control_) || block_count_ == blocks(records_in_file)) {
    return Status::Ok();
  }
  SourceLocation where;
  where.file = std::string(ctx_.file_name);
  where.line = control_line_;
  if (control_column_ > 1) where.column = control_column_;
  where.field = "block_count";
  return Status::InvalidInput("file control: block count " + std::to_string(block_count_) +
                                  " but the file has " + std::to_string(records_in_file) +
                                  " records, which make " +
                                  std::to_string(blocks(records_in_file)) + " blocks of ten",
                              std::move(where));
}

}  // namespace
}  // namespace nacha

Result<BankFile> ParseNacha(std::string_view bytes, const ParseContext& ctx) {
  try {
    nacha::Parser parser(bytes, ctx);
    Result<BankFile> r = parser.Run();
    if (!r.ok()) return x12::Utf8Reason(r.status());
    return r;
  } catch (const std::bad_alloc&) {
    SourceLocation where;
    where.file = std::string(ctx.file_name);
    return Status::ResourceExhausted("out of memory while reading the NACHA file",
                                     std::move(where));
  } catch (const std::exception& e) {
    SourceLocation where;
    where.file = std::string(ctx.file_name);
    return Status::InvalidInput(std::string("the NACHA file could not be read: ") + e.what(),
                                std::move(where));
  }
}

}  // namespace cashmatch::ingest
