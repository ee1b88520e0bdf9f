// One Stmt (camt.053), Ntfctn (camt.054) or Rpt (camt.052): the account,
// the balances and the transaction summary, checked against the entries.
#include <optional>
#include <string>
#include <vector>

#include "bank_text.h"
#include "camt_entry.h"
#include "camt_reader.h"
#include "camt_values.h"
#include "camt_xml.h"

namespace cashmatch::ingest::camt {
namespace {

struct Balance {
  pugi::xml_node node;
  std::string_view type;  // OPBD, PRCD, CLBD, ...
  Money amount;           // signed: a DBIT balance is negative
  std::optional<Date> date;
};

std::string Show(int64_t minor, Currency c) { return FormatMinorUnits(minor, c.exponent()); }

std::string_view BalanceName(std::string_view type) {
  if (type == "OPBD") return "opening booked balance (OPBD)";
  if (type == "PRCD") return "previously closed booked balance (PRCD)";
  if (type == "CLBD") return "closing booked balance (CLBD)";
  return type;
}

Status ReadAccount(DocContext& ctx, pugi::xml_node acct, StatementState* st) {
  pugi::xml_node id = Child(acct, "Id");
  std::string_view account = ctx.Text(id, "IBAN");
  if (account.empty()) account = ctx.Text(Path(id, "Othr", "Id"));
  st->account.clear();
  AppendText(account, TextEncoding::kUtf8, &st->account);
  pugi::xml_node ccy = Child(acct, "Ccy");
  if (ccy) {
    std::string_view code = ctx.Text(ccy);
    auto c = Currency::FromCode(code);
    if (!c)
      return ctx.Fail(ccy, "account currency '" + std::string(code) + "' is not an ISO 4217 code");
    st->account_currency = *c;
  }
  return Status::Ok();
}

Status ReadBalance(DocContext& ctx, const StatementState& st, pugi::xml_node bal, Balance* b) {
  b->node = bal;
  pugi::xml_node cd_or_prtry = Path(bal, "Tp", "CdOrPrtry");
  b->type = ctx.Text(cd_or_prtry, "Cd");
  if (b->type.empty()) b->type = ctx.Text(cd_or_prtry, "Prtry");
  pugi::xml_node amt = Child(bal, "Amt");
  if (!amt) return ctx.Fail(bal, "balance has no Amt");
  std::string_view code = Attr(amt, "Ccy");
  auto currency = Currency::FromCode(TrimXml(code));
  if (!currency) {
    return ctx.Fail(amt, code.empty()
                             ? std::string("balance amount has no Ccy attribute")
                             : "currency '" + std::string(code) + "' is not an ISO 4217 code");
  }
  if (st.account_currency.valid() && *currency != st.account_currency) {
    return ctx.Fail(amt, "the " + std::string(BalanceName(b->type)) + " is in " +
                             std::string(currency->code()) +
                             ", but the account's currency (Acct/Ccy) is " +
                             std::string(st.account_currency.code()));
  }
  int64_t minor = 0;
  std::string_view text = ctx.Text(amt);
  AmountError err = ParseAmount(text, currency->exponent(), &minor);
  if (err != AmountError::kOk)
    return ctx.Fail(amt, "balance amount " + AmountErrorText(err, text, currency->code()));
  pugi::xml_node ind = Child(bal, "CdtDbtInd");
  std::string_view sign = ctx.Text(ind);
  if (sign == "DBIT") {
    minor = -minor;
  } else if (sign != "CRDT") {
    return ctx.Fail(ind ? ind : bal,
                    "balance CdtDbtInd '" + std::string(sign) + "' is neither CRDT nor DBIT");
  }
  b->amount = Money{minor, *currency};
  pugi::xml_node dt = Child(bal, "Dt");
  if (pugi::xml_node d = Child(dt, "Dt")) {
    b->date = ParseIsoDate(ctx.Text(d));
    if (!b->date)
      return ctx.Fail(d, "balance date '" + std::string(ctx.Text(d)) + "' is not a date");
  } else if (pugi::xml_node dtm = Child(dt, "DtTm")) {
    b->date = ParseIsoDateTimeDay(ctx.Text(dtm));
    if (!b->date) {
      return ctx.Fail(dtm,
                      "balance date-time '" + std::string(ctx.Text(dtm)) + "' is not a date-time");
    }
  }
  return Status::Ok();
}

// The booked balances of one currency, the first of each type, found in
// one pass so that a statement of many balances costs no more than reading
// them.
struct BookedBalances {
  Currency currency;
  const Balance* opbd = nullptr;
  const Balance* prcd = nullptr;
  const Balance* clbd = nullptr;
  const Balance* opening() const { return opbd ? opbd : prcd; }
};

std::vector<BookedBalances> Tabulate(const std::vector<Balance>& balances) {
  std::vector<BookedBalances> table;
  for (const Balance& b : balances) {
    if (b.type != "OPBD" && b.type != "PRCD" && b.type != "CLBD") continue;
    BookedBalances* row = nullptr;
    for (BookedBalances& r : table) {
      if (r.currency == b.amount.currency) row = &r;
    }
    if (row == nullptr) row = &table.emplace_back(BookedBalances{b.amount.currency});
    const Balance*& slot = b.type == "OPBD" ? row->opbd : b.type == "PRCD" ? row->prcd : row->clbd;
    if (slot == nullptr) slot = &b;
  }
  return table;
}

// Opening + booked credits - booked debits must give the closing balance,
// for every currency that has both.
Status CheckBalances(DocContext& ctx, const StatementState& st,
                     const std::vector<BookedBalances>& table) {
  for (const BookedBalances& row : table) {
    const Balance* opening = row.opening();
    const Balance* closing = row.clbd;
    if (opening == nullptr || closing == nullptr) continue;
    const Currency c = row.currency;
    MovementTotals totals{c};
    for (const MovementTotals& t : st.totals) {
      if (t.currency == c) totals = t;
    }
    auto moved = CheckedSub(totals.booked_credit_sum, totals.booked_debit_sum);
    auto expected = moved ? CheckedAdd(opening->amount.minor, *moved) : std::nullopt;
    if (!expected) return ctx.Fail(closing->node, "the statement's amounts overflow");
    if (*expected == closing->amount.minor) continue;
    return ctx.Fail(closing->node,
                    "balances do not add up: " + std::string(BalanceName(opening->type)) + " " +
                        Show(opening->amount.minor, c) + " + booked credits " +
                        Show(totals.booked_credit_sum, c) + " - booked debits " +
                        Show(totals.booked_debit_sum, c) + " = " + Show(*expected, c) + " " +
                        std::string(c.code()) + ", but the " + std::string(BalanceName("CLBD")) +
                        " is " + Show(closing->amount.minor, c));
  }
  return Status::Ok();
}

// A figure of TxsSummry must match the entries, counted either over all of
// them or over the booked ones only: banks differ in what an intraday report's
// summary covers, and either reading is consistent.
Status CheckCountFigure(DocContext& ctx, pugi::xml_node parent, std::string_view what, uint32_t all,
                        uint32_t booked) {
  pugi::xml_node nb = Child(parent, "NbOfNtries");
  if (!nb) return Status::Ok();
  std::string_view text = ctx.Text(nb);
  auto n = ParseCount(text);
  if (!n) return ctx.Fail(nb, "NbOfNtries '" + std::string(text) + "' is not a count");
  if (*n == all || *n == booked) return Status::Ok();
  return ctx.Fail(nb, "the transaction summary counts " + std::to_string(*n) + " " +
                          std::string(what) + ", but the statement has " + std::to_string(all));
}

Status CheckSumFigure(DocContext& ctx, pugi::xml_node figure, std::string_view what, Currency c,
                      int64_t all, int64_t booked) {
  if (!figure) return Status::Ok();
  std::string_view text = ctx.Text(figure);
  int64_t sum = 0;
  AmountError err = ParseAmount(text, c.exponent(), &sum);
  if (err != AmountError::kOk)
    return ctx.Fail(figure, "summary " + std::string(LocalName(figure)) + " " +
                                AmountErrorText(err, text, c.code()));
  if (sum == all || sum == booked) return Status::Ok();
  return ctx.Fail(figure, "the transaction summary gives " + std::string(what) + " as " +
                              Show(sum, c) + ", but the entries add up to " + Show(all, c) + " " +
                              std::string(c.code()));
}

Status CheckSummary(DocContext& ctx, const StatementState& st, pugi::xml_node summary) {
  MovementTotals t;
  for (const MovementTotals& m : st.totals) {
    t.all_credits += m.all_credits;
    t.all_debits += m.all_debits;
    t.booked_credits += m.booked_credits;
    t.booked_debits += m.booked_debits;
  }
  pugi::xml_node total = Child(summary, "TtlNtries");
  pugi::xml_node credits = Child(summary, "TtlCdtNtries");
  pugi::xml_node debits = Child(summary, "TtlDbtNtries");
  CASHMATCH_RETURN_IF_ERROR(CheckCountFigure(ctx, total, "entries", t.all_credits + t.all_debits,
                                             t.booked_credits + t.booked_debits));
  CASHMATCH_RETURN_IF_ERROR(
      CheckCountFigure(ctx, credits, "credit entries", t.all_credits, t.booked_credits));
  CASHMATCH_RETURN_IF_ERROR(
      CheckCountFigure(ctx, debits, "debit entries", t.all_debits, t.booked_debits));
  // Sums carry no currency: they can be checked only when one is in use.
  if (st.totals.size() != 1) return Status::Ok();
  const MovementTotals& m = st.totals.front();
  const Currency c = m.currency;
  auto all_sum = CheckedAdd(m.all_credit_sum, m.all_debit_sum);
  auto booked_sum = CheckedAdd(m.booked_credit_sum, m.booked_debit_sum);
  if (!all_sum || !booked_sum) return ctx.Fail(summary, "the statement's amounts overflow");
  CASHMATCH_RETURN_IF_ERROR(
      CheckSumFigure(ctx, Child(total, "Sum"), "the sum of all entries", c, *all_sum, *booked_sum));
  CASHMATCH_RETURN_IF_ERROR(CheckSumFigure(ctx, Child(credits, "Sum"), "the sum of credit entries",
                                           c, m.all_credit_sum, m.booked_credit_sum));
  CASHMATCH_RETURN_IF_ERROR(CheckSumFigure(ctx, Child(debits, "Sum"), "the sum of debit entries", c,
                                           m.all_debit_sum, m.booked_debit_sum));
  // Net: TtlNetNtry/Amt + CdtDbtInd (v3 on) or TtlNetNtryAmt + CdtDbtInd (v2).
  pugi::xml_node net = Child(total, "TtlNetNtry");
  pugi::xml_node net_amount = net ? Child(net, "Amt") : Child(total, "TtlNetNtryAmt");
  if (!net_amount) return Status::Ok();
  pugi::xml_node net_sign = Child(net ? net : total, "CdtDbtInd");
  std::string_view text = ctx.Text(net_amount);
  int64_t value = 0;
  AmountError err = ParseAmount(text, c.exponent(), &value);
  if (err != AmountError::kOk)
    return ctx.Fail(net_amount, "summary net amount " + AmountErrorText(err, text, c.code()));
  std::string_view sign = ctx.Text(net_sign);
  if (sign == "DBIT") {
    value = -value;
  } else if (sign != "CRDT") {
    return ctx.Fail(net_sign ? net_sign : net_amount,
                    "summary CdtDbtInd '" + std::string(sign) + "' is neither CRDT nor DBIT");
  }
  auto all_net = CheckedSub(m.all_credit_sum, m.all_debit_sum);
  auto booked_net = CheckedSub(m.booked_credit_sum, m.booked_debit_sum);
  if (!all_net || !booked_net) return ctx.Fail(summary, "the statement's amounts overflow");
  if (value == *all_net || value == *booked_net) return Status::Ok();
  return ctx.Fail(net_amount, "the transaction summary gives the net of all entries as " +
                                  Show(value, c) + ", but the entries net to " + Show(*all_net, c) +
                                  " " + std::string(c.code()));
}

// One summary per currency the statement uses, its main currency first.
void Summarize(const StatementState& st, const std::vector<Balance>& balances,
               const std::vector<BookedBalances>& table, std::optional<Date> period_end,
               std::optional<Date> fallback, BankFile* out) {
  std::vector<Currency> currencies;
  auto add = [&](Currency c) {
    if (!c.valid()) return;
    for (Currency have : currencies) {
      if (have == c) return;
    }
    currencies.push_back(c);
  };
  add(st.account_currency);
  for (const BookedBalances& row : table) add(row.currency);
  for (const MovementTotals& t : st.totals) add(t.currency);
  if (currencies.empty() && !balances.empty()) add(balances.front().amount.currency);
  if (currencies.empty()) currencies.push_back(Currency());
  for (Currency c : currencies) {
    StatementSummary s;
    s.account = st.account;
    s.currency = c;
    const BookedBalances* row = nullptr;
    for (const BookedBalances& r : table) {
      if (r.currency == c) row = &r;
    }
    const Balance* opening = row ? row->opening() : nullptr;
    const Balance* closing = row ? row->clbd : nullptr;
    if (opening) s.opening = opening->amount;
    if (closing) s.closing = closing->amount;
    std::optional<Date> date = closing && closing->date ? closing->date : period_end;
    if (!date) date = st.date ? st.date : fallback;
    if (date) s.date = *date;
    for (const MovementTotals& t : st.totals) {
      if (t.currency != c) continue;
      s.credits = t.booked_credits;
      s.debits = t.booked_debits;
      s.credit_total = t.booked_credit_sum;
      s.debit_total = t.booked_debit_sum;
    }
    out->statements.push_back(std::move(s));
  }
}

}  // namespace

Status ParseStatement(DocContext& ctx, EntryReader& entries, pugi::xml_node statement,
                      uint32_t ordinal, BankFile* out) {
  StatementState st;
  st.node = statement;
  st.ordinal = ordinal;
  std::vector<Balance> balances;
  pugi::xml_node summary;
  std::optional<Date> period_end;
  for (pugi::xml_node c = statement.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    if (name == "Ntry") {
      ++st.entries;
      CASHMATCH_RETURN_IF_ERROR(entries.Read(st, c, out));
    } else if (name == "Bal") {
      Balance b;
      CASHMATCH_RETURN_IF_ERROR(ReadBalance(ctx, st, c, &b));
      balances.push_back(b);
    } else if (name == "Acct") {
      CASHMATCH_RETURN_IF_ERROR(ReadAccount(ctx, c, &st));
    } else if (name == "Id") {
      st.statement_id = ctx.Text(c);
    } else if (name == "CreDtTm") {
      st.date = ParseIsoDateTimeDay(ctx.Text(c));
    } else if (name == "FrToDt") {
      period_end = ParseIsoDateTimeDay(ctx.Text(c, "ToDtTm"));
    } else if (name == "TxsSummry") {
      summary = c;
    }
  }
  CASHMATCH_RETURN_IF_ERROR(ctx.deferred());
  const std::vector<BookedBalances> table = Tabulate(balances);
  CASHMATCH_RETURN_IF_ERROR(CheckBalances(ctx, st, table));
  if (summary) CASHMATCH_RETURN_IF_ERROR(CheckSummary(ctx, st, summary));
  CASHMATCH_RETURN_IF_ERROR(ctx.deferred());
  Summarize(st, balances, table, period_end, ctx.message_date, out);
  return Status::Ok();
}

}  // namespace cashmatch::ingest::camt
