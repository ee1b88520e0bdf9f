// The payer and the remittance of one camt transaction.
#include <optional>
#include <string>

#include "bank_text.h"
#include "camt_entry.h"
#include "camt_values.h"
#include "camt_xml.h"

namespace cashmatch::ingest::camt {
namespace {

// Max140Text: a piece this long filled its field.
constexpr size_t kFieldWidth = 140;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view TrimStart(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  return s;
}

std::string_view TrimEnd(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// A party's name in any version: Nm (v2-v7), Pty/Nm (v8 on), or for a
// financial institution Agt/FinInstnId/Nm.
std::string_view PartyName(DocContext& ctx, pugi::xml_node party) {
  if (!party) return {};
  std::string_view name = ctx.Text(party, "Nm");
  if (name.empty()) name = ctx.Text(Path(party, "Pty", "Nm"));
  if (name.empty()) name = ctx.Text(Path(party, "Agt", "FinInstnId", "Nm"));
  return name;
}

// An amount of the remittance: the element itself, or (version 3 on, for
// discounts and taxes) its Amt child.
Status ReadRemittanceAmount(DocContext& ctx, pugi::xml_node n, Money* out) {
  pugi::xml_node amt = Child(n, "Amt");
  if (!amt) amt = n;
  std::string_view code = TrimXml(Attr(amt, "Ccy"));
  if (code.empty()) return ctx.Fail(amt, "remittance amount has no Ccy attribute");
  auto c = Currency::FromCode(code);
  if (!c) return ctx.Fail(amt, "currency '" + std::string(code) + "' is not an ISO 4217 code");
  std::string_view text = ctx.Text(amt);
  int64_t minor = 0;
  AmountError err = ParseAmount(text, c->exponent(), &minor);
  if (err != AmountError::kOk) {
    return ctx.Fail(amt, "remittance amount " + AmountErrorText(err, text, c->code()));
  }
  *out = Money{minor, *c};
  return Status::Ok();
}

// Adds `add` to `*sum` (empty: starts it). Amounts in another currency than
// the first are refused: one line cannot mix them.
Status Accumulate(DocContext& ctx, pugi::xml_node at, const Money& add, std::optional<Money>* sum) {
  if (!*sum) {
    *sum = add;
    return Status::Ok();
  }
  if ((*sum)->currency != add.currency) {
    return ctx.Fail(at, "remittance amounts of one document are in both " +
                            std::string((*sum)->currency.code()) + " and " +
                            std::string(add.currency.code()));
  }
  auto r = CheckedAdd((*sum)->minor, add.minor);
  if (!r) return ctx.Fail(at, "remittance amounts overflow");
  (*sum)->minor = *r;
  return Status::Ok();
}

struct DocumentAmounts {
  std::optional<Money> paid, due, discount, adjustment, credit_note;
  std::string reason;
};

Status ReadDocumentAmounts(DocContext& ctx, pugi::xml_node amounts, DocumentAmounts* a) {
  for (pugi::xml_node c = amounts.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    Money m;
    if (name == "RmtdAmt") {
      CASHMATCH_RETURN_IF_ERROR(ReadRemittanceAmount(ctx, c, &m));
      CASHMATCH_RETURN_IF_ERROR(Accumulate(ctx, c, m, &a->paid));
    } else if (name == "DuePyblAmt") {
      CASHMATCH_RETURN_IF_ERROR(ReadRemittanceAmount(ctx, c, &m));
      CASHMATCH_RETURN_IF_ERROR(Accumulate(ctx, c, m, &a->due));
    } else if (name == "DscntApldAmt") {
      CASHMATCH_RETURN_IF_ERROR(ReadRemittanceAmount(ctx, c, &m));
      CASHMATCH_RETURN_IF_ERROR(Accumulate(ctx, c, m, &a->discount));
    } else if (name == "CdtNoteAmt") {
      CASHMATCH_RETURN_IF_ERROR(ReadRemittanceAmount(ctx, c, &m));
      CASHMATCH_RETURN_IF_ERROR(Accumulate(ctx, c, m, &a->credit_note));
    } else if (name == "AdjstmntAmtAndRsn") {
      CASHMATCH_RETURN_IF_ERROR(ReadRemittanceAmount(ctx, c, &m));
      // A deduction the payer took is positive; CRDT marks one that adds
      // to what is paid.
      if (ctx.Text(c, "CdtDbtInd") == "CRDT") m.minor = -m.minor;
      CASHMATCH_RETURN_IF_ERROR(Accumulate(ctx, c, m, &a->adjustment));
      std::string_view why = ctx.Text(c, "Rsn");
      if (why.empty()) why = ctx.Text(c, "AddtlInf");
      if (!why.empty()) {
        if (!a->reason.empty()) a->reason += "; ";
        AppendUtf8Text(why, &a->reason);
      }
    }
  }
  return Status::Ok();
}

std::optional<Money> Negated(std::optional<Money> m) {
  if (m) m->minor = -m->minor;
  return m;
}

void Attach(const DocumentAmounts& a, Currency payment_currency, bool credit_note,
            RemittanceLine* line) {
  std::optional<Money> paid = a.paid ? a.paid : (credit_note ? a.credit_note : std::nullopt);
  // `paid` is part of the payment, so it is kept only in the payment's
  // currency; an amount in another currency stays in the text of the bank.
  if (paid && paid->currency != payment_currency) paid.reset();
  line->paid = credit_note ? Negated(paid) : paid;
  line->invoice_amount = credit_note ? Negated(a.due) : a.due;
  line->discount = a.discount;
  line->adjustment = a.adjustment;
  line->adjustment_reason = a.reason;
}

Status ReadStructured(DocContext& ctx, pugi::xml_node strd, Payment* p, TextJoiner* text) {
  DocumentAmounts amounts;
  size_t documents = 0;
  for (pugi::xml_node c = strd.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    if (name == "RfrdDocAmt") {
      CASHMATCH_RETURN_IF_ERROR(ReadDocumentAmounts(ctx, c, &amounts));
    } else if (name == "RfrdDocInf" && !ctx.Text(c, "Nb").empty()) {
      ++documents;
    }
  }
  // One RfrdDocAmt covers all documents of the Strd: it is attached to a
  // document only when there is exactly one, as a line cannot hold a share.
  const size_t first_line = p->remittance.size();
  for (pugi::xml_node c = strd.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    if (name == "RfrdDocInf") {
      std::string_view number = ctx.Text(c, "Nb");
      if (number.empty()) continue;
      RemittanceLine& line = p->remittance.emplace_back();
      AppendUtf8Text(number, &line.reference);
      const bool credit_note = ctx.Text(Path(c, "Tp", "CdOrPrtry"), "Cd") == "CREN";
      if (documents == 1) Attach(amounts, p->amount.currency, credit_note, &line);
    } else if (name == "CdtrRefInf") {
      std::string_view ref = ctx.Text(c, "Ref");
      if (ref.empty()) continue;
      RemittanceLine& line = p->remittance.emplace_back();
      AppendUtf8Text(ref, &line.reference);
      if (documents == 0 && p->remittance.size() == first_line + 1) {
        Attach(amounts, p->amount.currency, false, &line);
      }
    } else if (name == "AddtlRmtInf") {
      text->Add(ctx.RawText(c));
    }
  }
  return Status::Ok();
}

}  // namespace

void ReadPayer(DocContext& ctx, pugi::xml_node parties, pugi::xml_node agents, Payment* p) {
  std::string_view name = PartyName(ctx, Child(parties, "Dbtr"));
  if (name.empty()) name = PartyName(ctx, Child(parties, "UltmtDbtr"));
  AppendUtf8Text(name, &p->payer_name);
  pugi::xml_node id = Path(parties, "DbtrAcct", "Id");
  std::string_view iban = ctx.Text(id, "IBAN");
  if (!iban.empty()) {
    AppendUtf8Text(iban, &p->payer_account);
    return;
  }
  std::string_view other = ctx.Text(Path(id, "Othr", "Id"));
  if (other.empty()) return;
  // A domestic account number means something only with its bank's
  // clearing code: "ROUTING:ACCOUNT" as the other formats write it.
  std::string_view member =
      ctx.Text(Path(Path(agents, "DbtrAgt", "FinInstnId"), "ClrSysMmbId", "MmbId"));
  if (!member.empty()) {
    AppendUtf8Text(member, &p->payer_account);
    p->payer_account.push_back(':');
  }
  AppendUtf8Text(other, &p->payer_account);
}

void TextJoiner::Add(std::string_view raw_piece) {
  const bool full = CodePoints(raw_piece) == kFieldWidth;
  std::string_view piece = raw_piece;
  if (!glue_next_) piece = TrimStart(piece);
  if (!full) piece = TrimEnd(piece);
  if (piece.empty()) return;
  if (!out_->empty() && !glue_next_) out_->push_back(' ');
  AppendUtf8Text(piece, out_);
  glue_next_ = full;
}

void TextJoiner::Finish() {
  while (!out_->empty() && out_->back() == ' ') out_->pop_back();
  glue_next_ = false;
}

Status ReadRemittance(DocContext& ctx, pugi::xml_node rmt_inf, Payment* p, TextJoiner* text) {
  for (pugi::xml_node c = rmt_inf.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    if (name == "Ustrd") {
      std::string_view raw = ctx.RawText(c);
      // A placeholder, not remittance: some banks fill the field with it.
      if (TrimXml(raw) == "NOTPROVIDED") continue;
      text->Add(raw);
    } else if (name == "Strd") {
      CASHMATCH_RETURN_IF_ERROR(ReadStructured(ctx, c, p, text));
    }
  }
  return Status::Ok();
}

}  // namespace cashmatch::ingest::camt
