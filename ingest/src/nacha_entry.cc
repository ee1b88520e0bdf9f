#include "nacha_entry.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "x12_remittance.h"

namespace cashmatch::ingest::nacha {
namespace {

constexpr size_t kInfoWidth = 80;  // payment-related information of a 05 / IAT 17

// Offsets into the X12 text built from 80-character addenda pieces map
// back to the addenda record each piece came from.
class AddendaLineMap final : public x12::LineMap {
 public:
  explicit AddendaLineMap(const std::vector<uint64_t>& lines) : lines_(lines) {}
  uint64_t LineOf(size_t offset) override {
    if (lines_.empty()) return 0;
    return lines_[std::min(offset / kInfoWidth, lines_.size() - 1)];
  }

 private:
  const std::vector<uint64_t>& lines_;
};

Status EntryError(const FileContext& file, const SavedRecord& r, std::string_view field,
                  std::string reason) {
  SourceLocation where;
  where.file = std::string(file.file_name);
  where.line = r.line;
  if (r.column > 1) where.column = r.column;
  where.field = std::string(field);
  return Status::InvalidInput(std::move(reason), std::move(where));
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// Joins addenda pieces into one text. A piece that fills all 80
// characters was most likely cut by the sender in the middle of a word,
// so the next piece follows it directly; a piece that ends in blanks was
// cut at a word boundary, so one blank separates it from the next.
void JoinPieces(const EntryState& e, const std::vector<Addenda05>& order, std::string* out) {
  out->clear();
  bool prev_full = false;
  for (const Addenda05& a : order) {
    const std::string_view piece(e.info.data() + a.offset, kInfoWidth);
    std::string_view t = TrimRight(piece);
    const bool full = t.size() == piece.size();
    if (out->empty() || !prev_full) {
      t = TrimLeft(t);
      if (!out->empty() && !t.empty()) out->push_back(' ');
    }
    out->append(t);
    prev_full = full;
  }
}

// Value date of an entry: the batch's effective entry date. A batch
// without one (blank or zeros, common in returns and in some originators'
// files) or with an invalid one is settled by the ACH operator at its next
// opportunity, so the settlement date it put in stands for it, else the
// file's creation date.
Result<Date> ValueDate(const FileContext& file, const BatchState& batch) {
  if (batch.effective) return *batch.effective;
  if (batch.settlement) return *batch.settlement;
  if (file.creation_date) return *file.creation_date;
  return EntryError(file, batch.header, "effective_entry_date",
                    "batch header: the effective entry date '" +
                        std::string(batch.header.Field(70, 75)) +
                        "' is not a date, there is no settlement date, and the file header's "
                        "creation date '" + std::string(file.creation_raw) +
                        "' is not a date either");
}

void RoutingAccount(std::string_view routing, std::string_view account, TextEncoding enc,
                    std::string* out) {
  x12::AppendField(Trim(routing), enc, out);
  out->push_back(':');
  x12::AppendField(Trim(account), enc, out);
}

// Return (99) addenda: reason, original trace and a readable account of
// the dishonored (R61-R70) and contested (R71-R77) variants' extra fields.
void ReadReturn(const FileContext& file, const SavedRecord& r, Payment* p) {
  const std::string_view reason = Trim(r.Field(4, 6));
  p->is_return = true;
  x12::AppendField(reason, file.encoding, &p->return_reason);
  x12::AppendField(Trim(r.Field(7, 21)), file.encoding, &p->original_ref);
  std::string& text = p->remittance_text;
  const auto add = [&](std::string_view piece) {
    x12::AppendField(piece, file.encoding, &text);
  };
  int n = 0;
  if (reason.size() == 3 && reason[0] == 'R' && reason[1] >= '0' && reason[1] <= '9' &&
      reason[2] >= '0' && reason[2] <= '9') {
    n = (reason[1] - '0') * 10 + (reason[2] - '0');
  }
  std::string_view info;
  if (n >= 61 && n <= 70) {
    add("dishonored return of return trace ");
    add(Trim(r.Field(39, 53)));
    add(" (R");
    add(r.Field(57, 58));
    add(")");
    info = r.Field(59, 79);
  } else if (n >= 71 && n <= 77) {
    add("contested dishonored return: return trace ");
    add(Trim(r.Field(39, 53)));
    add(" (R");
    add(r.Field(57, 58));
    add("), dishonored return trace ");
    add(Trim(r.Field(59, 73)));
    add(" (R");
    add(r.Field(77, 78));
    add(")");
  } else {
    info = r.Field(36, 79);
  }
  info = Trim(info);
  if (!info.empty()) {
    if (!text.empty()) text.push_back(' ');
    add(info);
  }
}

// Orders the 05 addenda by their sequence numbers. For CTX the numbers
// must run 1..n without a gap or a repeat, since the 820 is cut across
// them; other entries take them in sequence order as far as it goes.
Status OrderAddenda(const FileContext& file, const EntryState& e, bool strict,
                    std::vector<Addenda05>* sorted) {
  sorted->assign(e.a05.begin(), e.a05.end());
  bool in_order = true;
  for (size_t i = 0; i < sorted->size(); ++i) in_order &= (*sorted)[i].sequence == i + 1;
  if (in_order) return Status::Ok();
  std::stable_sort(sorted->begin(), sorted->end(),
                   [](const Addenda05& a, const Addenda05& b) { return a.sequence < b.sequence; });
  if (!strict) return Status::Ok();
  for (size_t i = 0; i < sorted->size(); ++i) {
    const Addenda05& a = (*sorted)[i];
    if (a.sequence == i + 1) continue;
    SavedRecord where = e.rec;
    where.line = a.line;
    where.column = 1;
    if (i > 0 && a.sequence == (*sorted)[i - 1].sequence) {
      return EntryError(file, where, "addenda_sequence_number",
                        "CTX addenda sequence number " + std::to_string(a.sequence) +
                            " appears twice for the entry with trace " + std::string(e.trace));
    }
    return EntryError(file, where, "addenda_sequence_number",
                      "CTX addenda sequence number " + std::to_string(i + 1) +
                          " is missing for the entry with trace " + std::string(e.trace) +
                          " (found " + std::to_string(a.sequence) + ")");
  }
  return Status::Ok();
}

}  // namespace

void SavedRecord::Save(const Record& r) {
  std::memcpy(bytes.data(), r.data.data(), kRecordSize);
  line = r.line;
  column = r.column;
}

namespace {

CodeInfo Classify(int code) {
  CodeInfo info;
  const int account = code / 10;  // 2 demand, 3 savings, 4 general ledger, 5 loan
  const int kind = code % 10;
  if (account < 2 || account > 5) return info;
  info.credit_side = kind >= 1 && kind <= 4;
  switch (kind) {
    case 1: info.kind = EntryKind::kReturnCredit; break;
    case 2: info.kind = EntryKind::kCredit; break;
    case 3: info.kind = EntryKind::kPrenote; break;
    case 4: info.kind = EntryKind::kZeroDollar; break;
    case 5:
      // 55 is the loan reversal debit; 25, 35, 45 are not codes.
      if (account != 5) return info;
      info.kind = EntryKind::kDebit;
      break;
    case 6: info.kind = EntryKind::kReturnDebit; break;
    case 7:
      if (account == 5) return info;
      info.kind = EntryKind::kDebit;
      break;
    case 8:
      if (account == 5) return info;
      info.kind = EntryKind::kPrenote;
      break;
    case 9:
      if (account == 5) return info;
      info.kind = EntryKind::kZeroDollar;
      break;
    default: return info;
  }
  info.valid = true;
  return info;
}

struct CodeTable {
  std::array<CodeInfo, 100> codes;
  CodeTable() {
    for (int c = 0; c < 100; ++c) codes[static_cast<size_t>(c)] = Classify(c);
  }
};

}  // namespace

CodeInfo ClassifyTransactionCode(int code) {
  static const CodeTable table;
  return code >= 0 && code < 100 ? table.codes[static_cast<size_t>(code)] : CodeInfo{};
}

Status FinishEntry(const FileContext& file, const BatchState& batch, EntryState& e,
                   EntryScratch& scratch, BankFile* out) {
  const SavedRecord& r = e.rec;
  const bool ctx = batch.ctx;
  if (r.Field(79, 79)[0] == '1' && e.addenda == 0) {
    return EntryError(file, r, "addenda_record_indicator",
                      "entry with trace " + std::string(e.trace) +
                          ": the addenda record indicator is 1 but no addenda record follows");
  }
  if (ctx) {
    uint64_t claimed = 0;
    if (!ParseDigits(r.Field(55, 58), &claimed)) {
      return EntryError(file, r, "number_of_addenda_records",
                        "CTX entry: number of addenda records '" + std::string(r.Field(55, 58)) +
                            "' is not a number");
    }
    if (claimed != e.a05.size()) {
      return EntryError(file, r, "number_of_addenda_records",
                        "CTX entry with trace " + std::string(e.trace) + ": number of addenda "
                        "records says " + std::to_string(claimed) + " but " +
                            std::to_string(e.a05.size()) + " addenda (05) follow");
    }
  } else if (batch.iat && !e.has98 && !e.has99) {
    uint64_t claimed = 0;
    if (!ParseDigits(r.Field(13, 16), &claimed) || claimed != e.iat_addenda) {
      return EntryError(file, r, "number_of_addenda_records",
                        "IAT entry with trace " + std::string(e.trace) + ": number of addenda "
                        "records '" + std::string(r.Field(13, 16)) + "' but " +
                            std::to_string(e.iat_addenda) + " IAT addenda (10-18) follow");
    }
  }

  const EntryKind kind = e.info_code.kind;
  const bool return_code = kind == EntryKind::kReturnCredit || kind == EntryKind::kReturnDebit;
  const std::string code2(r.Field(2, 3));
  // A notification of change moves no money: it is kept out of the
  // payments (it still counts in the control totals, checked elsewhere).
  if (e.has98 || batch.cor) {
    if (e.amount != 0) {
      return EntryError(file, r, "amount", "notification of change (trace " + std::string(e.trace) +
                                               ") with a non-zero amount " +
                                               FormatMinorUnits(e.amount, 2));
    }
    return Status::Ok();
  }
  if (kind == EntryKind::kPrenote) {
    if (e.amount != 0) {
      return EntryError(file, r, "amount", "prenote (transaction code " + code2 +
                                               ") with a non-zero amount " +
                                               FormatMinorUnits(e.amount, 2));
    }
    return Status::Ok();
  }
  if (return_code && !e.has99) {
    return EntryError(file, r, "transaction_code",
                      "entry with return transaction code " + code2 + " (trace " +
                          std::string(e.trace) + ") has no return (99) or change (98) addenda");
  }
  if (e.has99 && !return_code) {
    return EntryError(file, e.r99, "addenda_type",
                      "return addenda (99) on an entry with transaction code " + code2 +
                          ", which is not a return code (21, 26, 31, 36, 41, 46, 51, 56)");
  }
  if (return_code && e.amount == 0) return Status::Ok();  // a returned prenote
  if (kind == EntryKind::kZeroDollar && e.amount != 0) {
    return EntryError(file, r, "amount", "zero-dollar remittance entry (transaction code " + code2 +
                                             ") with a non-zero amount " +
                                             FormatMinorUnits(e.amount, 2));
  }
  if ((kind == EntryKind::kCredit || kind == EntryKind::kDebit) && e.amount == 0) {
    return EntryError(file, r, "amount",
                      "entry with trace " + std::string(e.trace) + " and transaction code " +
                          code2 + " moves no money (amount 0); zero-dollar entries use codes "
                                  "23/28 (prenote) or 24/29 (remittance)");
  }

  Result<Date> value_date = ValueDate(file, batch);
  if (!value_date.ok()) return value_date.status();

  // The payment-related information of the 05 (IAT: 17) addenda.
  CASHMATCH_RETURN_IF_ERROR(OrderAddenda(file, e, ctx, &scratch.sorted));
  scratch.lines.clear();
  scratch.advices.clear();
  std::string& joined = scratch.joined;
  joined.clear();
  bool x12 = false;
  bool free_text = false;
  if (!scratch.sorted.empty()) {
    for (const Addenda05& a : scratch.sorted) {
      joined.append(e.info, a.offset, kInfoWidth);
      scratch.lines.push_back(a.line);
    }
    x12 = x12::LooksLikeX12(joined);
    if (x12) {
      x12::ReadOptions o;
      o.file_name = file.file_name;
      o.context_sec = batch.sec;
      o.context_trace = e.trace;
      o.encoding = file.encoding;
      o.max_segment_bytes = file.max_segment_bytes;
      o.mode = x12::Mode::kAddenda;
      o.default_currency = file.usd;
      o.money_fields = kind == EntryKind::kZeroDollar;
      o.strict_ids = ctx;
      AddendaLineMap lines(scratch.lines);
      CASHMATCH_RETURN_IF_ERROR(x12::Read820(joined, o, lines, &scratch.advices));
      for (const RemittanceAdvice& a : scratch.advices) {
        if (a.amount.currency != file.usd) {
          return EntryError(file, r, "CUR02",
                            std::string(batch.sec) + " entry with trace " +
                                std::string(e.trace) + ": the 820's currency is " +
                                std::string(a.amount.currency.code()) +
                                ", but an ACH entry is in USD");
        }
      }
    }
    // Free text, and CCD+ text even when it reads as an X12 fragment.
    free_text = !x12 || !ctx;
    if (free_text) JoinPieces(e, scratch.sorted, &joined);
  }

  const std::string_view trace = e.trace;
  const bool iat = batch.iat;
  // Receiver name: CTX receiving company (59-74), IAT addenda 10, else
  // the individual name (55-76).
  const std::string_view receiver = ctx ? r.Field(59, 74) : r.Field(55, 76);

  if (kind == EntryKind::kZeroDollar) {
    // Remittance without money of its own: an advice for the lead's join.
    if (scratch.sorted.empty()) return Status::Ok();
    RemittanceAdvice adv;
    if (x12 && !scratch.advices.empty()) adv = std::move(scratch.advices.front());
    adv.source_file.assign(file.file_name);
    adv.source_line = r.line;
    adv.format.assign(BankFormatName(BankFormat::kNacha));
    adv.source_ref.assign(trace);
    if (adv.trace_number.empty()) adv.trace_number.assign(trace);
    if (!adv.amount.currency.valid()) adv.amount = Money{0, file.usd};
    if (adv.payment_date == Date{}) adv.payment_date = *value_date;
    if (adv.payer_name.empty()) adv.payer_name = batch.company_name;
    if (adv.payee_name.empty()) x12::AppendField(Trim(receiver), file.encoding, &adv.payee_name);
    if (free_text) x12::AppendField(joined, file.encoding, &adv.remittance_text);
    out->advices.push_back(std::move(adv));
    return Status::Ok();
  }

  Payment& p = out->payments.emplace_back();
  p.source_file.assign(file.file_name);
  p.source_line = r.line;
  p.format.assign("nacha");
  p.source_ref.assign(trace);
  p.trace_number.assign(trace);
  p.direction = kind == EntryKind::kCredit || kind == EntryKind::kReturnCredit
                    ? Direction::kCredit
                    : Direction::kDebit;
  p.amount = Money{e.amount, file.usd};
  p.value_date = *value_date;
  if (batch.settlement) p.booking_date = *batch.settlement;
  p.transaction_code.reserve(batch.sec.size() + 3);
  p.transaction_code.assign(batch.sec);
  p.transaction_code.push_back('/');
  p.transaction_code.append(code2);
  const std::string_view routing = r.Field(4, 12);
  const std::string_view account = iat ? r.Field(40, 74) : r.Field(13, 29);

  if (return_code) {
    // A return undoes an entry the file's owner originated: the other
    // party is the entry's receiver, and our own account is not in it.
    x12::AppendField(Trim(receiver), file.encoding, &p.payer_name);
    RoutingAccount(routing, account, file.encoding, &p.payer_account);
    ReadReturn(file, e.r99, &p);
    return Status::Ok();
  }

  RoutingAccount(routing, account, file.encoding, &p.account);
  for (RemittanceAdvice& a : scratch.advices) {
    if (ctx && p.payer_name.empty()) p.payer_name = std::move(a.payer_name);  // N1*PR
    if (ctx && p.payer_account.empty()) p.payer_account = std::move(a.payer_account);
    if (p.remittance.empty()) {
      p.remittance = std::move(a.remittance);
    } else {
      for (RemittanceLine& line : a.remittance) p.remittance.push_back(std::move(line));
    }
    if (ctx && !a.remittance_text.empty()) {
      if (!p.remittance_text.empty()) p.remittance_text.push_back(' ');
      p.remittance_text.append(a.remittance_text);
    }
  }
  if (p.payer_name.empty()) {
    if (iat) {
      x12::AppendField(Trim(e.iat_originator), file.encoding, &p.payer_name);
    } else {
      p.payer_name = batch.company_name;
    }
  }
  if (free_text) x12::AppendField(joined, file.encoding, &p.remittance_text);
  return Status::Ok();
}

}  // namespace cashmatch::ingest::nacha
