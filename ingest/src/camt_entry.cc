// One Ntry: its amount, status and dates, its transaction details and
// batches, the checks that they add up to the entry, and the payments.
#include "camt_entry.h"

#include <algorithm>
#include <span>
#include <string>

#include "bank_text.h"
#include "camt_values.h"
#include "camt_xml.h"

namespace cashmatch::ingest::camt {
namespace {

constexpr std::string_view kNotProvided = "NOTPROVIDED";

std::string_view Provided(std::string_view ref) {
  return ref == kNotProvided ? std::string_view() : ref;
}

int64_t Signed(int64_t amount, Direction d) { return d == Direction::kCredit ? amount : -amount; }

std::string ShowSigned(int64_t value, Currency c) {
  return FormatMinorUnits(value < 0 ? -value : value, c.exponent()) +
         (value < 0 ? " DBIT" : " CRDT");
}

// Bank transaction sub-families that undo an earlier payment: a returned
// credit transfer, a reversal on a cancellation request, an unpaid direct
// debit.
bool IsReturnSubFamily(std::string_view code) {
  return code == "RRTN" || code == "RPCR" || code == "UPDD";
}

struct BankTxCode {
  std::string_view domain, family, sub_family, proprietary;
};

BankTxCode ReadBankTxCode(DocContext& ctx, pugi::xml_node n) {
  BankTxCode code;
  if (!n) return code;
  pugi::xml_node domain = Child(n, "Domn");
  code.domain = ctx.Text(domain, "Cd");
  pugi::xml_node family = Child(domain, "Fmly");
  code.family = ctx.Text(family, "Cd");
  code.sub_family = ctx.Text(family, "SubFmlyCd");
  code.proprietary = ctx.Text(Child(n, "Prtry"), "Cd");
  return code;
}

void AppendBankTxCode(const BankTxCode& code, std::string* out) {
  if (!code.domain.empty()) {
    AppendUtf8Text(code.domain, out);
    for (std::string_view part : {code.family, code.sub_family}) {
      if (part.empty()) break;
      out->push_back('/');
      AppendUtf8Text(part, out);
    }
  } else {
    AppendUtf8Text(code.proprietary, out);
  }
}

// Reads an amount element with its Ccy attribute.
Status ReadAmount(DocContext& ctx, pugi::xml_node amt, std::string_view what, Currency* currency,
                  int64_t* minor) {
  std::string_view code = TrimXml(Attr(amt, "Ccy"));
  if (code.empty()) return ctx.Fail(amt, std::string(what) + " has no Ccy attribute");
  auto c = Currency::FromCode(code);
  if (!c) return ctx.Fail(amt, "currency '" + std::string(code) + "' is not an ISO 4217 code");
  std::string_view text = ctx.Text(amt);
  AmountError err = ParseAmount(text, c->exponent(), minor);
  if (err != AmountError::kOk) {
    return ctx.Fail(amt, std::string(what) + " " + AmountErrorText(err, text, c->code()));
  }
  *currency = *c;
  return Status::Ok();
}

Status ReadDirection(DocContext& ctx, pugi::xml_node ind, std::optional<Direction>* out) {
  std::string_view text = ctx.Text(ind);
  if (text == "CRDT") {
    *out = Direction::kCredit;
  } else if (text == "DBIT") {
    *out = Direction::kDebit;
  } else {
    return ctx.Fail(ind, "CdtDbtInd '" + std::string(text) + "' is neither CRDT nor DBIT");
  }
  return Status::Ok();
}

// BookgDt / ValDt: a choice of Dt or DtTm.
Status ReadDateChoice(DocContext& ctx, pugi::xml_node n, std::optional<Date>* out) {
  if (pugi::xml_node d = Child(n, "Dt")) {
    *out = ParseIsoDate(ctx.Text(d));
    if (!*out) return ctx.Fail(d, "'" + std::string(ctx.Text(d)) + "' is not a date (YYYY-MM-DD)");
    return Status::Ok();
  }
  if (pugi::xml_node d = Child(n, "DtTm")) {
    *out = ParseIsoDateTimeDay(ctx.Text(d));
    if (!*out) return ctx.Fail(d, "'" + std::string(ctx.Text(d)) + "' is not a date-time");
    return Status::Ok();
  }
  return ctx.Fail(n, "<" + std::string(LocalName(n)) + "> has neither Dt nor DtTm");
}

}  // namespace

Status EntryReader::Read(StatementState& statement, pugi::xml_node entry, BankFile* out) {
  EntryView e;
  e.node = entry;
  e.ordinal = statement.entries;
  CASHMATCH_RETURN_IF_ERROR(ReadEntry(statement, &e));
  CASHMATCH_RETURN_IF_ERROR(ReadDetails(e));
  CASHMATCH_RETURN_IF_ERROR(CheckSums(e));
  MovementTotals& t = statement.TotalsFor(e.currency);
  const bool credit = e.direction == Direction::kCredit;
  const bool booked = e.status == EntryStatus::kBooked;
  bool ok = true;
  auto add = [&ok](int64_t* sum, int64_t v) {
    auto r = CheckedAdd(*sum, v);
    ok &= r.has_value();
    if (r) *sum = *r;
  };
  (credit ? t.all_credits : t.all_debits) += 1;
  add(credit ? &t.all_credit_sum : &t.all_debit_sum, e.amount);
  if (booked) {
    (credit ? t.booked_credits : t.booked_debits) += 1;
    add(credit ? &t.booked_credit_sum : &t.booked_debit_sum, e.amount);
  }
  if (!ok) return ctx_.Fail(e.amount_node, "the statement's amounts overflow");
  CASHMATCH_RETURN_IF_ERROR(ctx_.deferred());
  if (booked) CASHMATCH_RETURN_IF_ERROR(Emit(statement, e, out));
  return ctx_.deferred();
}

Status EntryReader::ReadEntry(StatementState& statement, EntryView* e) {
  pugi::xml_node direction_node, status_node;
  for (pugi::xml_node c = e->node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    if (name == "Amt") {
      e->amount_node = c;
    } else if (name == "CdtDbtInd") {
      direction_node = c;
    } else if (name == "Sts") {
      status_node = c;
    } else if (name == "BookgDt") {
      CASHMATCH_RETURN_IF_ERROR(ReadDateChoice(ctx_, c, &e->booking_date));
    } else if (name == "ValDt") {
      CASHMATCH_RETURN_IF_ERROR(ReadDateChoice(ctx_, c, &e->value_date));
    } else if (name == "NtryDtls") {
      if (!e->first_details) e->first_details = c;
    } else if (name == "AcctSvcrRef") {
      e->acct_svcr_ref = ctx_.Text(c);
    } else if (name == "NtryRef") {
      e->entry_ref = ctx_.Text(c);
    } else if (name == "BkTxCd") {
      e->bank_tx_code = c;
    } else if (name == "RvslInd") {
      auto v = ParseBool(ctx_.Text(c));
      if (!v)
        return ctx_.Fail(c, "RvslInd '" + std::string(ctx_.Text(c)) + "' is not true or false");
      e->reversal = *v;
    } else if (name == "AddtlNtryInf") {
      e->addtl_info = ctx_.Text(c);
    }
  }
  if (!e->amount_node) return ctx_.Fail(e->node, "the entry has no Amt");
  CASHMATCH_RETURN_IF_ERROR(
      ReadAmount(ctx_, e->amount_node, "entry amount", &e->currency, &e->amount));
  if (statement.account_currency.valid() && e->currency != statement.account_currency) {
    return ctx_.Fail(e->amount_node, "the entry amount is in " + std::string(e->currency.code()) +
                                         ", but the account's currency (Acct/Ccy) is " +
                                         std::string(statement.account_currency.code()));
  }
  if (!direction_node) return ctx_.Fail(e->node, "the entry has no CdtDbtInd (CRDT or DBIT)");
  std::optional<Direction> d;
  CASHMATCH_RETURN_IF_ERROR(ReadDirection(ctx_, direction_node, &d));
  e->direction = *d;
  // Sts is text up to version 6 and a Cd/Prtry choice from version 7; a
  // statement entry without one is booked by definition.
  if (status_node) {
    std::string_view s = ctx_.Text(status_node);
    if (s.empty()) s = ctx_.Text(status_node, "Cd");
    if (s.empty()) s = ctx_.Text(status_node, "Prtry");
    if (s == "BOOK") {
      e->status = EntryStatus::kBooked;
    } else if (s == "PDNG") {
      e->status = EntryStatus::kPending;
    } else if (s == "INFO") {
      e->status = EntryStatus::kInfo;
    } else if (s == "FUTR") {
      e->status = EntryStatus::kFuture;
    } else {
      return ctx_.Fail(status_node, "entry status '" + std::string(s) +
                                        "' is not BOOK, PDNG, INFO or FUTR: cannot tell whether "
                                        "the money was booked");
    }
  }
  return Status::Ok();
}

Status EntryReader::ReadDetails(const EntryView& e) {
  txs_.clear();
  batches_.clear();
  uint32_t index = 0;
  for (pugi::xml_node d = e.first_details; d; d = d.next_sibling()) {
    if (d.type() != pugi::node_element || LocalName(d) != "NtryDtls") continue;
    for (pugi::xml_node c = d.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = LocalName(c);
      if (name == "TxDtls") {
        TxView& t = txs_.emplace_back();
        t.details_index = index;
        t.ordinal = static_cast<uint32_t>(txs_.size());
        CASHMATCH_RETURN_IF_ERROR(ReadTx(e, c, &t));
      } else if (name == "Btch") {
        BatchView& b = batches_.emplace_back();
        b.details_index = index;
        CASHMATCH_RETURN_IF_ERROR(ReadBatch(e, c, &b));
      }
    }
    ++index;
  }
  return Status::Ok();
}

Status EntryReader::ReadTx(const EntryView& e, pugi::xml_node tx, TxView* t) {
  t->node = tx;
  pugi::xml_node amount_details;
  for (pugi::xml_node c = tx.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    if (name == "Refs") {
      for (pugi::xml_node r = c.first_child(); r; r = r.next_sibling()) {
        if (r.type() != pugi::node_element) continue;
        std::string_view rn = LocalName(r);
        if (rn == "AcctSvcrRef") {
          t->acct_svcr_ref = ctx_.Text(r);
        } else if (rn == "EndToEndId") {
          t->end_to_end_id = ctx_.Text(r);
        } else if (rn == "TxId") {
          t->tx_id = ctx_.Text(r);
        } else if (rn == "InstrId") {
          t->instr_id = ctx_.Text(r);
        } else if (rn == "Prtry") {
          t->proprietary_ref = ctx_.Text(r, "Ref");
        }
      }
    } else if (name == "Amt") {
      t->amount_node = c;
    } else if (name == "CdtDbtInd") {
      CASHMATCH_RETURN_IF_ERROR(ReadDirection(ctx_, c, &t->direction));
    } else if (name == "AmtDtls") {
      amount_details = c;
    } else if (name == "RltdPties") {
      t->parties = c;
    } else if (name == "RltdAgts") {
      t->agents = c;
    } else if (name == "RmtInf") {
      t->remittance = c;
    } else if (name == "BkTxCd") {
      t->bank_tx_code = c;
    } else if (name == "RtrInf") {
      t->return_info = c;
    } else if (name == "AddtlTxInf") {
      t->addtl_info = ctx_.Text(c);
    }
  }
  // The transaction's booked amount: TxDtls/Amt (version 3 on), else the
  // transaction amount of AmtDtls; the instructed amount only when it is in
  // the account's currency (otherwise it is the payer's side of an FX deal).
  if (!t->amount_node) t->amount_node = Path(amount_details, "TxAmt", "Amt");
  if (t->amount_node) {
    Currency c;
    CASHMATCH_RETURN_IF_ERROR(
        ReadAmount(ctx_, t->amount_node, "transaction amount", &c, &t->amount));
    if (c != e.currency) {
      return ctx_.Fail(t->amount_node, "the transaction amount is in " + std::string(c.code()) +
                                           ", but its entry is in " +
                                           std::string(e.currency.code()));
    }
  } else if (pugi::xml_node instructed = Path(amount_details, "InstdAmt", "Amt")) {
    Currency c;
    int64_t minor = 0;
    CASHMATCH_RETURN_IF_ERROR(ReadAmount(ctx_, instructed, "instructed amount", &c, &minor));
    if (c == e.currency) {
      t->amount_node = instructed;
      t->amount = minor;
    }
  }
  return Status::Ok();
}

Status EntryReader::ReadBatch(const EntryView& e, pugi::xml_node batch, BatchView* b) {
  b->node = batch;
  for (pugi::xml_node c = batch.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    if (name == "NbOfTxs") {
      b->count = ParseCount(ctx_.Text(c));
      if (!b->count)
        return ctx_.Fail(c, "NbOfTxs '" + std::string(ctx_.Text(c)) + "' is not a count");
    } else if (name == "TtlAmt") {
      Currency currency;
      CASHMATCH_RETURN_IF_ERROR(ReadAmount(ctx_, c, "batch total", &currency, &b->total));
      if (currency != e.currency) {
        return ctx_.Fail(c, "the batch total is in " + std::string(currency.code()) +
                                ", but its entry is in " + std::string(e.currency.code()));
      }
      b->total_node = c;
    } else if (name == "CdtDbtInd") {
      CASHMATCH_RETURN_IF_ERROR(ReadDirection(ctx_, c, &b->direction));
    } else if (name == "PmtInfId") {
      b->payment_info_id = ctx_.Text(c);
    } else if (name == "MsgId") {
      b->message_id = ctx_.Text(c);
    }
  }
  return Status::Ok();
}

Status EntryReader::CheckSums(const EntryView& e) {
  const int64_t entry_signed = Signed(e.amount, e.direction);
  size_t with_amount = 0;
  for (const TxView& t : txs_) with_amount += t.amount_node ? 1 : 0;
  if (with_amount == 0) return CheckBatchTotals(e, entry_signed);
  if (with_amount < txs_.size()) {
    for (const TxView& t : txs_) {
      if (t.amount_node) continue;
      return ctx_.Fail(t.node,
                       "this transaction has no amount (Amt or AmtDtls/TxAmt) while "
                       "others of its entry have one: the entry cannot be divided");
    }
  }
  // Every transaction has its amount: they must net to the entry, and each
  // batch to its total and count.
  int64_t net = 0;
  for (const TxView& t : txs_) {
    auto r = CheckedAdd(net, Signed(t.amount, t.direction.value_or(e.direction)));
    if (!r) return ctx_.Fail(t.amount_node, "the transaction amounts overflow");
    net = *r;
  }
  if (net != entry_signed) {
    return ctx_.Fail(e.amount_node, "the entry amount is " + ShowSigned(entry_signed, e.currency) +
                                        " " + std::string(e.currency.code()) + ", but its " +
                                        std::to_string(txs_.size()) + " TxDtls amounts net to " +
                                        ShowSigned(net, e.currency));
  }
  // Per NtryDtls in one pass (transactions come in NtryDtls order), so that
  // many batches in one entry cost no more than many transactions.
  size_t next = 0;
  for (const BatchView& b : batches_) {
    while (next < txs_.size() && txs_[next].details_index < b.details_index) ++next;
    int64_t batch_net = 0;
    uint32_t count = 0;
    for (size_t k = next; k < txs_.size() && txs_[k].details_index == b.details_index; ++k) {
      ++count;
      auto r =
          CheckedAdd(batch_net, Signed(txs_[k].amount, txs_[k].direction.value_or(e.direction)));
      if (!r) return ctx_.Fail(b.node, "the batch's transaction amounts overflow");
      batch_net = *r;
    }
    if (b.count && *b.count != count) {
      return ctx_.Fail(b.node, "the batch says NbOfTxs " + std::to_string(*b.count) + ", but " +
                                   std::to_string(count) + " TxDtls follow it");
    }
    if (b.total_node) {
      const int64_t total = Signed(b.total, b.direction.value_or(e.direction));
      if (total != batch_net) {
        return ctx_.Fail(b.total_node, "the batch total is " + ShowSigned(total, e.currency) +
                                           ", but its TxDtls amounts net to " +
                                           ShowSigned(batch_net, e.currency));
      }
    }
  }
  return Status::Ok();
}

// Without transaction amounts, the batch totals (when every batch has one)
// must make up the entry.
Status EntryReader::CheckBatchTotals(const EntryView& e, int64_t entry_signed) {
  if (batches_.empty()) return Status::Ok();
  int64_t sum = 0;
  for (const BatchView& b : batches_) {
    if (!b.total_node) return Status::Ok();
    auto r = CheckedAdd(sum, Signed(b.total, b.direction.value_or(e.direction)));
    if (!r) return ctx_.Fail(b.total_node, "the batch totals overflow");
    sum = *r;
  }
  if (sum == entry_signed) return Status::Ok();
  return ctx_.Fail(batches_.front().total_node,
                   "the entry amount is " + ShowSigned(entry_signed, e.currency) + " " +
                       std::string(e.currency.code()) + ", but its batch total (TtlAmt) is " +
                       ShowSigned(sum, e.currency));
}

Status EntryReader::Emit(const StatementState& statement, const EntryView& e, BankFile* out) {
  uint32_t claimed = 0;  // NbOfTxs over the entry's batches
  for (const BatchView& b : batches_) claimed += b.count.value_or(0);
  const bool split = !txs_.empty() && txs_.front().amount_node;  // CheckSums: all or none
  if (split) {
    for (const TxView& t : txs_) {
      if (t.amount == 0) continue;  // moves no money: nothing to match
      Payment& p = out->payments.emplace_back();
      CASHMATCH_RETURN_IF_ERROR(Fill(statement, e, std::span<const TxView>(&t, 1), t.amount,
                                     t.direction.value_or(e.direction), &p));
    }
    return Status::Ok();
  }
  if (e.amount == 0) return Status::Ok();
  // One payment of the entry amount: a batch booked as one sum, an entry
  // whose one TxDtls describes it, or several TxDtls without amounts (their
  // references all belong to the one sum).
  Payment& p = out->payments.emplace_back();
  const Direction d = txs_.size() == 1 ? txs_.front().direction.value_or(e.direction) : e.direction;
  CASHMATCH_RETURN_IF_ERROR(Fill(statement, e, txs_, e.amount, d, &p));
  const uint32_t count = std::max<uint32_t>(claimed, static_cast<uint32_t>(txs_.size()));
  p.batch_count = count > 1 ? count : 0;
  return Status::Ok();
}

Status EntryReader::Fill(const StatementState& statement, const EntryView& e,
                         std::span<const TxView> txs, int64_t amount, Direction direction,
                         Payment* p) {
  const TxView* single = txs.size() == 1 ? &txs.front() : nullptr;
  p->source_file = std::string(ctx_.file_name());
  p->source_line = ctx_.Line(single ? single->node : e.node);
  p->format = std::string(ctx_.format_name());
  p->direction = direction;
  p->amount = Money{amount, e.currency};
  p->account = statement.account;

  // source_ref (spec 2.2): TxDtls AcctSvcrRef, else EndToEndId unless
  // NOTPROVIDED, else the entry's AcctSvcrRef, else NtryRef. Past the spec,
  // so that no payment is left without a reference: TxId, InstrId, the
  // proprietary reference, the batch's ids, then the statement id with the
  // entry's (and transaction's) position.
  std::string_view ref;
  if (single)
    ref = single->acct_svcr_ref.empty() ? Provided(single->end_to_end_id) : single->acct_svcr_ref;
  if (ref.empty()) ref = e.acct_svcr_ref;
  if (ref.empty()) ref = e.entry_ref;
  for (const TxView& t : txs) {
    if (!ref.empty()) break;
    for (std::string_view r : {t.acct_svcr_ref, Provided(t.end_to_end_id), Provided(t.tx_id),
                               Provided(t.instr_id), t.proprietary_ref}) {
      if (ref.empty()) ref = r;
    }
  }
  for (const BatchView& b : batches_) {
    if (ref.empty()) ref = b.payment_info_id;
    if (ref.empty()) ref = b.message_id;
  }
  if (!ref.empty()) {
    AppendUtf8Text(ref, &p->source_ref);
  } else {
    AppendUtf8Text(statement.statement_id, &p->source_ref);
    p->source_ref += "/" + std::to_string(e.ordinal);
    if (single) p->source_ref += "/" + std::to_string(single->ordinal);
  }
  AppendUtf8Text(e.acct_svcr_ref, &p->bank_entry_ref);

  if (single) {
    std::string_view trace = Provided(single->end_to_end_id);
    if (trace.empty()) trace = Provided(single->tx_id);
    AppendUtf8Text(trace, &p->trace_number);
  }

  std::optional<Date> value = e.value_date ? e.value_date : e.booking_date;
  if (!value) value = statement.date ? statement.date : ctx_.message_date;
  if (!value) {
    return ctx_.Fail(e.node,
                     "the entry has neither ValDt nor BookgDt, and no creation date "
                     "(CreDtTm) of its statement or message can stand in");
  }
  p->value_date = *value;
  if (e.booking_date) p->booking_date = *e.booking_date;

  BankTxCode code =
      ReadBankTxCode(ctx_, single && single->bank_tx_code ? single->bank_tx_code : e.bank_tx_code);
  if (code.domain.empty() && code.proprietary.empty() && single)
    code = ReadBankTxCode(ctx_, e.bank_tx_code);
  AppendBankTxCode(code, &p->transaction_code);

  p->is_return = e.reversal || IsReturnSubFamily(code.sub_family);
  TextJoiner text(&p->remittance_text);
  for (const TxView& t : txs) {
    if (p->payer_name.empty() && p->payer_account.empty()) ReadPayer(ctx_, t.parties, t.agents, p);
    if (t.remittance) CASHMATCH_RETURN_IF_ERROR(ReadRemittance(ctx_, t.remittance, p, &text));
    if (t.return_info) {
      p->is_return = true;
      pugi::xml_node reason = Child(t.return_info, "Rsn");
      std::string_view why = ctx_.Text(reason, "Cd");
      if (why.empty()) why = ctx_.Text(reason, "Prtry");
      if (why.empty()) why = ctx_.Text(t.return_info, "AddtlInf");
      if (p->return_reason.empty()) AppendUtf8Text(why, &p->return_reason);
    }
  }
  // Banks that put everything in the additional information: used only when
  // the transaction carries no remittance of its own.
  if (text.empty() && p->remittance.empty()) {
    for (const TxView& t : txs) text.Add(t.addtl_info);
    if (text.empty()) text.Add(e.addtl_info);
  }
  text.Finish();
  if (p->is_return && single) {
    std::string_view original = Provided(single->end_to_end_id);
    if (original.empty()) original = single->acct_svcr_ref;
    AppendUtf8Text(original, &p->original_ref);
  }
  return Status::Ok();
}

}  // namespace cashmatch::ingest::camt
