// Ledger behaviour: inserting, replacing and re-indexing customers and
// invoices, every lookup on small hand-made cases, and concurrent readers.
// ledger_property_test.cc checks the indexes against brute force at scale.
#include "cashmatch/ledger.h"
#include "test_records.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace cashmatch {
namespace {

using testing::kUsd;
using testing::kEur;
using testing::MakeCustomer;
using testing::MakeInvoice;

InvoiceNo Add(Ledger& l, const Invoice& inv) {
  Result<InvoiceNo> r = l.UpsertInvoice(inv);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : 0;
}

std::vector<InvoiceNo> ByRef(const Ledger& l, std::string_view ref) {
  std::vector<InvoiceNo> out;
  l.FindByReference(ref, &out);
  return out;
}
std::vector<InvoiceNo> ByPo(const Ledger& l, std::string_view po) {
  std::vector<InvoiceNo> out;
  l.FindByPo(po, &out);
  return out;
}
std::vector<InvoiceNo> OfCustomer(const Ledger& l, CustomerNo c) {
  std::vector<InvoiceNo> out;
  l.InvoicesOfCustomer(c, &out);
  return out;
}
std::vector<InvoiceNo> Open(const Ledger& l, CustomerNo c) {
  const std::span<const InvoiceNo> s = l.OpenInvoicesOfCustomer(c);
  return std::vector<InvoiceNo>(s.begin(), s.end());
}
std::vector<InvoiceNo> ByAmount(const Ledger& l, CustomerNo c, int64_t minor,
                                Currency cur = kUsd) {
  std::vector<InvoiceNo> out;
  l.FindOpenByAmount(c, Money{minor, cur}, &out);
  return out;
}
std::vector<FuzzyHit> Fuzzy(const Ledger& l, std::string_view ref) {
  std::vector<FuzzyHit> out;
  l.FindByReferenceFuzzy(ref, &out);
  return out;
}
using V = std::vector<InvoiceNo>;

TEST(Ledger, StartsEmpty) {
  Ledger l;
  EXPECT_EQ(l.customer_count(), 0u);
  EXPECT_EQ(l.invoice_count(), 0u);
  EXPECT_EQ(l.open_invoice_count(), 0u);
  EXPECT_FALSE(l.FindCustomer("C1"));
  EXPECT_FALSE(l.FindInvoice("", "1"));
  EXPECT_TRUE(ByRef(l, "1").empty());
  EXPECT_TRUE(Fuzzy(l, "1").empty());
  EXPECT_TRUE(ByPo(l, "1").empty());
  EXPECT_GT(l.MemoryUsage(), 0u);
}

TEST(Ledger, NumbersCustomersAndInvoicesDenselyInInsertionOrder) {
  Ledger l;
  EXPECT_EQ(l.UpsertCustomer(MakeCustomer("C1")), 0u);
  EXPECT_EQ(l.UpsertCustomer(MakeCustomer("C2")), 1u);
  EXPECT_EQ(l.UpsertCustomer(MakeCustomer("C1", "Renamed")), 0u);
  EXPECT_EQ(Add(l, MakeInvoice("", "INV-1", "C1", 100, 100)), 0u);
  EXPECT_EQ(Add(l, MakeInvoice("", "INV-2", "C2", 200, 0)), 1u);
  EXPECT_EQ(Add(l, MakeInvoice("", "INV-1", "C1", 150, 150)), 0u);  // replaced
  EXPECT_EQ(Add(l, MakeInvoice("EU01", "INV-1", "C1", 100, 100)), 2u);  // other company
  EXPECT_EQ(l.customer_count(), 2u);
  EXPECT_EQ(l.invoice_count(), 3u);
  EXPECT_EQ(l.open_invoice_count(), 2u);
  EXPECT_EQ(l.FindInvoice("", "INV-1"), 0u);
  EXPECT_EQ(l.FindInvoice("EU01", "INV-1"), 2u);
  EXPECT_FALSE(l.FindInvoice("EU01", "INV-2"));
  EXPECT_FALSE(l.FindInvoice("XX", "INV-1"));
  // Identity is the exact id: another spelling is another invoice.
  EXPECT_FALSE(l.FindInvoice("", "inv 1"));
  EXPECT_EQ(l.customer(0).name, "Renamed");
}

TEST(Ledger, RefusesUnknownCustomerAndMixedCurrencies) {
  Ledger l;
  l.UpsertCustomer(MakeCustomer("C1"));
  Result<InvoiceNo> r = l.UpsertInvoice(MakeInvoice("", "1", "NOPE", 1, 1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  Invoice mixed = MakeInvoice("", "1", "C1", 1, 1);
  mixed.open_amount.currency = kEur;
  r = l.UpsertInvoice(mixed);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(l.invoice_count(), 0u);
  // A refused replacement leaves the stored invoice as it was.
  const InvoiceNo no = Add(l, MakeInvoice("", "1", "C1", 5, 5, "PO-1"));
  mixed.po_number = "PO-2";
  EXPECT_FALSE(l.UpsertInvoice(mixed).ok());
  EXPECT_EQ(l.GetInvoice(no), MakeInvoice("", "1", "C1", 5, 5, "PO-1"));
}

TEST(Ledger, GetInvoiceAndGetCustomerRoundTripEveryField) {
  Ledger l;
  Customer c = MakeCustomer("C-77", "Acme Corp");
  c.aliases = {"ACME Holdings", "Acme Intl"};
  c.bank_accounts = {"021000021:000123", "DE89 3704 0044 0532 0130 00"};
  c.parent_id = "P-1";
  c.company = "US01";
  c.emails = {"ap@acme.example", "cfo@acme.example"};
  c.currency = kUsd;
  c.credit_limit = Money{5'000'000, kUsd};
  const CustomerNo cn = l.UpsertCustomer(c);
  EXPECT_EQ(l.GetCustomer(cn), c);

  Invoice inv = MakeInvoice("US01", "INV-000123", "C-77", 123456, -50, "PO 9");
  inv.amount.currency = kEur;
  inv.open_amount.currency = kEur;
  inv.discount_bp = 200;
  inv.discount_days = 10;
  inv.invoice_date = *ParseDate("1969-12-31");
  const InvoiceNo no = Add(l, inv);
  EXPECT_EQ(l.GetInvoice(no), inv);
  const InvoiceView v = l.invoice(no);
  EXPECT_EQ(v.no, no);
  EXPECT_EQ(v.customer, cn);
  EXPECT_EQ(v.company, "US01");
  EXPECT_EQ(v.invoice_id, "INV-000123");
  EXPECT_EQ(v.po_number, "PO 9");
  EXPECT_EQ(v.amount, (Money{123456, kEur}));
  EXPECT_EQ(v.open_amount, (Money{-50, kEur}));
  EXPECT_EQ(v.discount_bp, 200u);
  EXPECT_EQ(v.discount_days, 10u);

  // Strings of any length and any bytes come back as they went in.
  Customer odd = MakeCustomer(std::string("\0x\xFF", 3), std::string(100000, 'n'));
  odd.aliases = {""};
  const CustomerNo on = l.UpsertCustomer(odd);
  EXPECT_EQ(l.GetCustomer(on), odd);
  Invoice big = MakeInvoice("", std::string(70000, '9'), odd.customer_id, 1, 1,
                            std::string(300, 'p'));
  const InvoiceNo bn = Add(l, big);
  EXPECT_EQ(l.GetInvoice(bn), big);
  EXPECT_EQ(l.FindInvoice("", big.invoice_id), bn);

  // invoice_core is invoice without the PO, for short and long ids alike.
  for (const InvoiceNo n : {no, bn}) {
    const InvoiceView full = l.invoice(n), core = l.invoice_core(n);
    EXPECT_FALSE(full.po_number.empty());
    EXPECT_TRUE(core.po_number.empty());
    EXPECT_EQ(core.no, full.no);
    EXPECT_EQ(core.customer, full.customer);
    EXPECT_EQ(core.company, full.company);
    EXPECT_EQ(core.invoice_id, full.invoice_id);
    EXPECT_EQ(core.amount, full.amount);
    EXPECT_EQ(core.open_amount, full.open_amount);
    EXPECT_EQ(core.invoice_date, full.invoice_date);
    EXPECT_EQ(core.due_date, full.due_date);
    EXPECT_EQ(core.discount_bp, full.discount_bp);
    EXPECT_EQ(core.discount_days, full.discount_days);
  }
}

TEST(Ledger, ReferencesMeetAcrossSpellingsAndCompanies) {
  Ledger l;
  l.UpsertCustomer(MakeCustomer("C1"));
  const InvoiceNo a = Add(l, MakeInvoice("", "INV-004512", "C1", 1, 1));
  const InvoiceNo b = Add(l, MakeInvoice("EU01", "4512", "C1", 1, 0));  // closed too
  const InvoiceNo c = Add(l, MakeInvoice("", "INV-4513", "C1", 1, 1));
  EXPECT_EQ(ByRef(l, "inv 4512"), (V{a, b}));
  EXPECT_EQ(ByRef(l, "#4512"), (V{a, b}));
  EXPECT_EQ(ByRef(l, "4512"), (V{a, b}));
  EXPECT_EQ(ByRef(l, "0004513"), (V{c}));
  EXPECT_TRUE(ByRef(l, "4514").empty());
  // Appends without clearing.
  V out = {99};
  l.FindByReference("4513", &out);
  EXPECT_EQ(out, (V{99, c}));
}

TEST(Ledger, IdsThatNormalizeToNothingAreFoundByIdButMatchNoReference) {
  Ledger l;
  l.UpsertCustomer(MakeCustomer("C1"));
  const InvoiceNo a = Add(l, MakeInvoice("", "---", "C1", 1, 1));
  const InvoiceNo b = Add(l, MakeInvoice("", "\xC3\xA4", "C1", 1, 1));
  const InvoiceNo e = Add(l, MakeInvoice("", "", "C1", 1, 1));
  EXPECT_EQ(l.FindInvoice("", "---"), a);
  EXPECT_EQ(l.FindInvoice("", "\xC3\xA4"), b);
  EXPECT_EQ(l.FindInvoice("", ""), e);
  EXPECT_FALSE(l.FindInvoice("", "--"));
  EXPECT_TRUE(ByRef(l, "---").empty());
  EXPECT_TRUE(ByRef(l, "").empty());
  EXPECT_TRUE(Fuzzy(l, "").empty());
  const InvoiceNo one = Add(l, MakeInvoice("", "7", "C1", 1, 1));
  // Distance 1 from "5" is every one-character reference, never an empty one.
  EXPECT_EQ(Fuzzy(l, "5"), (std::vector<FuzzyHit>{{one, 1}}));
}

TEST(Ledger, FuzzyFindsEachKindOfTypoSortedByDistance) {
  Ledger l;
  l.UpsertCustomer(MakeCustomer("C1"));
  const InvoiceNo exact = Add(l, MakeInvoice("", "INV-45127", "C1", 1, 1));
  const InvoiceNo sub = Add(l, MakeInvoice("", "45128", "C1", 1, 1));
  const InvoiceNo trans = Add(l, MakeInvoice("", "45172", "C1", 1, 1));
  const InvoiceNo ins = Add(l, MakeInvoice("", "451297", "C1", 1, 1));
  const InvoiceNo del = Add(l, MakeInvoice("", "4517", "C1", 1, 1));
  Add(l, MakeInvoice("", "45721", "C1", 1, 1));  // two transpositions away
  Add(l, MakeInvoice("", "99127", "C1", 1, 1));  // two substitutions away
  const InvoiceNo prefixed = Add(l, MakeInvoice("", "A45127", "C1", 1, 1));  // "45127"
  Add(l, MakeInvoice("", "4512X7", "C1", 1, 1));  // interleaved "4512X7": one insertion
  const std::vector<FuzzyHit> hits = Fuzzy(l, "inv 45127");
  const std::vector<FuzzyHit> want = {{exact, 0}, {prefixed, 0}, {sub, 1}, {trans, 1},
                                      {ins, 1},   {del, 1},      {8, 1}};
  EXPECT_EQ(hits, want);
}

TEST(Ledger, FuzzyAllowsTwoEditsFromLongReferences) {
  static_assert(Ledger::kLongReference == 12, "the cases below sit at the threshold");
  Ledger l;
  l.UpsertCustomer(MakeCustomer("C1"));
  const InvoiceNo a = Add(l, MakeInvoice("", "900001234567", "C1", 1, 1));
  const InvoiceNo b = Add(l, MakeInvoice("", "900001234576", "C1", 1, 1));  // 1 transposition
  const InvoiceNo c = Add(l, MakeInvoice("", "900001235576", "C1", 1, 1));  // + 1 substitution
  Add(l, MakeInvoice("", "900011235576", "C1", 1, 1));  // three edits
  const InvoiceNo d = Add(l, MakeInvoice("", "9000012345", "C1", 1, 1));  // two deletions
  const InvoiceNo e = Add(l, MakeInvoice("", "90000123456789", "C1", 1, 1));  // two insertions
  EXPECT_EQ(Fuzzy(l, "900001234567"),
            (std::vector<FuzzyHit>{{a, 0}, {b, 1}, {c, 2}, {d, 2}, {e, 2}}));
  // Eleven characters allow one edit only.
  const InvoiceNo f = Add(l, MakeInvoice("", "12345678901", "C1", 1, 1));
  const InvoiceNo g = Add(l, MakeInvoice("", "12345678900", "C1", 1, 1));
  Add(l, MakeInvoice("", "12345678000", "C1", 1, 1));
  EXPECT_EQ(Fuzzy(l, "12345678901"), (std::vector<FuzzyHit>{{f, 0}, {g, 1}}));
  // Long references reached from an eleven-character query by one edit.
  EXPECT_EQ(Fuzzy(l, "90000123457"), (std::vector<FuzzyHit>{{a, 1}, {b, 1}, {d, 1}}));
}

TEST(Ledger, FuzzyReachesReferencesTooLongToIndex) {
  Ledger l;
  l.UpsertCustomer(MakeCustomer("C1"));
  const std::string long_id = "1234567890123456789012345";  // 25 characters
  const InvoiceNo a = Add(l, MakeInvoice("", "INV-" + long_id, "C1", 1, 1));
  std::string typo = long_id;
  typo[5] = '0';
  std::swap(typo[10], typo[11]);
  EXPECT_EQ(Fuzzy(l, typo), (std::vector<FuzzyHit>{{a, 2}}));
  EXPECT_EQ(Fuzzy(l, long_id), (std::vector<FuzzyHit>{{a, 0}}));
  EXPECT_TRUE(Fuzzy(l, long_id.substr(0, 20)).empty());
  // 21 characters, one over the indexed length, from 19 by two insertions.
  const std::string id21 = long_id.substr(0, 21);
  const InvoiceNo b = Add(l, MakeInvoice("", id21, "C1", 1, 1));
  EXPECT_EQ(Fuzzy(l, id21.substr(0, 19)), (std::vector<FuzzyHit>{{b, 2}}));
  EXPECT_EQ(Fuzzy(l, id21), (std::vector<FuzzyHit>{{b, 0}}));
}

TEST(Ledger, ReplacingAnInvoiceReindexesPoCustomerAndAmount) {
  Ledger l;
  const CustomerNo c1 = l.UpsertCustomer(MakeCustomer("C1"));
  const CustomerNo c2 = l.UpsertCustomer(MakeCustomer("C2"));
  const InvoiceNo a = Add(l, MakeInvoice("", "A-1", "C1", 500, 500, "PO-77"));
  const InvoiceNo b = Add(l, MakeInvoice("", "A-2", "C1", 700, 700));
  EXPECT_EQ(ByPo(l, "po 77"), (V{a}));
  EXPECT_EQ(OfCustomer(l, c1), (V{a, b}));
  EXPECT_EQ(Open(l, c1), (V{a, b}));
  EXPECT_EQ(ByAmount(l, c1, 500), (V{a}));

  // New PO, new customer, new open amount, all at once.
  Add(l, MakeInvoice("", "A-1", "C2", 500, 300, "PO-78"));
  EXPECT_TRUE(ByPo(l, "PO-77").empty());
  EXPECT_EQ(ByPo(l, "PO-78"), (V{a}));
  EXPECT_EQ(OfCustomer(l, c1), (V{b}));
  EXPECT_EQ(OfCustomer(l, c2), (V{a}));
  EXPECT_EQ(Open(l, c1), (V{b}));
  EXPECT_EQ(Open(l, c2), (V{a}));
  EXPECT_TRUE(ByAmount(l, c1, 500).empty());
  EXPECT_TRUE(ByAmount(l, c2, 500).empty());
  EXPECT_EQ(ByAmount(l, c2, 300), (V{a}));
  EXPECT_EQ(ByRef(l, "A1"), (V{a}));  // "A-1" and "A1" both normalize to "1"
  EXPECT_EQ(l.open_invoice_count(), 2u);

  // PO removed, then closed: leaves PO and amount indexes, stays by reference.
  Add(l, MakeInvoice("", "A-1", "C2", 500, 0));
  EXPECT_TRUE(ByPo(l, "PO-78").empty());
  EXPECT_TRUE(Open(l, c2).empty());
  EXPECT_EQ(ByRef(l, "1"), (V{a}));
  EXPECT_EQ(OfCustomer(l, c2), (V{a}));
  EXPECT_EQ(l.open_invoice_count(), 1u);

  // Same PO spelled differently: still one entry.
  Add(l, MakeInvoice("", "A-2", "C1", 700, 700, "4500-1"));
  Add(l, MakeInvoice("", "A-2", "C1", 700, 700, "PO 45001"));
  EXPECT_EQ(ByPo(l, "45001"), (V{b}));
}

TEST(Ledger, SetOpenAmountMovesTheInvoiceInTheAmountIndex) {
  Ledger l;
  const CustomerNo c = l.UpsertCustomer(MakeCustomer("C1"));
  const InvoiceNo a = Add(l, MakeInvoice("", "1", "C1", 1000, 1000));
  const InvoiceNo b = Add(l, MakeInvoice("", "2", "C1", 400, 400));
  const InvoiceNo cm = Add(l, MakeInvoice("", "CM-3", "C1", -250, -250));
  EXPECT_EQ(Open(l, c), (V{cm, b, a}));  // by open amount, credit memo first
  l.SetOpenAmount(a, 400);
  EXPECT_EQ(Open(l, c), (V{cm, a, b}));  // equal amounts by number
  EXPECT_EQ(ByAmount(l, c, 400), (V{a, b}));
  EXPECT_EQ(ByAmount(l, c, 400, kEur), V{});
  l.SetOpenAmount(a, 0);
  EXPECT_EQ(Open(l, c), (V{cm, b}));
  EXPECT_EQ(l.open_invoice_count(), 2u);
  EXPECT_EQ(l.invoice(a).open_amount.minor, 0);
  EXPECT_EQ(ByRef(l, "1"), (V{a}));
  EXPECT_EQ(OfCustomer(l, c), (V{a, b, cm}));
  l.SetOpenAmount(a, 0);  // no change
  EXPECT_EQ(l.open_invoice_count(), 2u);
  l.SetOpenAmount(a, 1);
  EXPECT_EQ(Open(l, c), (V{cm, a, b}));
  EXPECT_EQ(l.open_invoice_count(), 3u);
  EXPECT_TRUE(ByAmount(l, c, 0).empty());
}

TEST(Ledger, OpenIndexSortsByCurrencyFirst) {
  Ledger l;
  const CustomerNo c = l.UpsertCustomer(MakeCustomer("C1"));
  Invoice e = MakeInvoice("", "E", "C1", 10, 10);
  e.amount.currency = e.open_amount.currency = kEur;
  const InvoiceNo eur = Add(l, e);
  const InvoiceNo usd = Add(l, MakeInvoice("", "U", "C1", 5, 5));
  const bool eur_first = kEur.index() < kUsd.index();
  EXPECT_EQ(Open(l, c), eur_first ? (V{eur, usd}) : (V{usd, eur}));
  EXPECT_EQ(ByAmount(l, c, 10, kEur), (V{eur}));
  EXPECT_TRUE(ByAmount(l, c, 10, kUsd).empty());
}

TEST(Ledger, CustomersByNameAliasAccountAndReplacement) {
  Ledger l;
  Customer acme = MakeCustomer("C1", "The Acme Corp.");
  acme.aliases = {"Acme Holdings", "ACME HOLDINGS LLC", "Roadrunner Traps"};
  acme.bank_accounts = {"021000021:000123456", "DE89 3704 0044 0532 0130 00"};
  const CustomerNo a = l.UpsertCustomer(acme);
  const CustomerNo b = l.UpsertCustomer(MakeCustomer("C2", "ACME, Inc"));
  const CustomerNo g = l.UpsertCustomer(MakeCustomer("C3", "Globex"));
  auto by_name = [&](std::string_view n) {
    std::vector<CustomerNo> out;
    l.FindCustomersByName(n, &out);
    return out;
  };
  auto by_alias = [&](std::string_view n) {
    std::vector<CustomerNo> out;
    l.FindCustomersByAlias(n, &out);
    return out;
  };
  auto by_account = [&](std::string_view n) {
    std::vector<CustomerNo> out;
    l.FindCustomersByAccount(n, &out);
    return out;
  };
  using C = std::vector<CustomerNo>;
  EXPECT_EQ(by_name("acme"), (C{a, b}));
  EXPECT_EQ(by_name("GLOBEX LTD"), (C{g}));
  EXPECT_TRUE(by_name("Initech").empty());
  EXPECT_TRUE(by_name("").empty());
  EXPECT_EQ(by_alias("acme holdings inc"), (C{a}));  // two aliases, one hit
  EXPECT_EQ(by_alias("Traps, Roadrunner"), (C{a}));
  EXPECT_TRUE(by_alias("acme").empty());
  EXPECT_EQ(by_account("21000021:123456"), (C{a}));
  EXPECT_EQ(by_account("de89370400440532013000"), (C{a}));

  acme.name = "Initech";
  acme.aliases = {"Acme Holdings"};
  acme.bank_accounts = {"111:222"};
  EXPECT_EQ(l.UpsertCustomer(acme), a);
  EXPECT_EQ(by_name("acme"), (C{b}));
  EXPECT_EQ(by_name("initech"), (C{a}));
  EXPECT_EQ(by_alias("acme holdings"), (C{a}));
  EXPECT_TRUE(by_alias("roadrunner traps").empty());
  EXPECT_TRUE(by_account("21000021:123456").empty());
  EXPECT_EQ(by_account("0111:0222"), (C{a}));
  EXPECT_EQ(l.customer(a).customer_id, "C1");
  EXPECT_EQ(l.customer(a).name, "Initech");
}

TEST(Ledger, ParentsResolveWhenTheyArriveAndFollowReplacement) {
  Ledger l;
  Customer child1 = MakeCustomer("K1");
  child1.parent_id = "P";
  Customer child2 = MakeCustomer("K2");
  child2.parent_id = "P";
  const CustomerNo k1 = l.UpsertCustomer(child1);
  EXPECT_FALSE(l.customer(k1).parent);
  const CustomerNo p = l.UpsertCustomer(MakeCustomer("P"));
  const CustomerNo k2 = l.UpsertCustomer(child2);
  EXPECT_EQ(l.customer(k1).parent, p);
  EXPECT_EQ(l.customer(k2).parent, p);
  EXPECT_FALSE(l.customer(p).parent);
  std::vector<CustomerNo> kids;
  l.ChildrenOf(p, &kids);
  EXPECT_EQ(kids, (std::vector<CustomerNo>{k1, k2}));

  const CustomerNo q = l.UpsertCustomer(MakeCustomer("Q"));
  child1.parent_id = "Q";
  l.UpsertCustomer(child1);
  EXPECT_EQ(l.customer(k1).parent, q);
  kids.clear();
  l.ChildrenOf(p, &kids);
  EXPECT_EQ(kids, (std::vector<CustomerNo>{k2}));
  kids.clear();
  l.ChildrenOf(q, &kids);
  EXPECT_EQ(kids, (std::vector<CustomerNo>{k1}));
  // Replacing the parent keeps its children.
  l.UpsertCustomer(MakeCustomer("Q", "Q renamed"));
  EXPECT_EQ(l.customer(k1).parent, q);
  child1.parent_id = "";
  l.UpsertCustomer(child1);
  EXPECT_FALSE(l.customer(k1).parent);
  kids.clear();
  l.ChildrenOf(q, &kids);
  EXPECT_TRUE(kids.empty());
}

TEST(Ledger, MemoryUsageGrowsWithContent) {
  Ledger l;
  const size_t empty = l.MemoryUsage();
  l.UpsertCustomer(MakeCustomer("C1"));
  for (int i = 0; i < 20000; ++i) Add(l, MakeInvoice("", "INV-" + std::to_string(i), "C1", 1, 1));
  EXPECT_GT(l.MemoryUsage(), empty + 20000 * 48);
  EXPECT_LT(l.MemoryUsage(), empty + 20000 * 1000);
}

TEST(Ledger, ConcurrentReadersSeeWhatOneReaderSees) {
  Ledger l;
  for (int c = 0; c < 50; ++c) l.UpsertCustomer(MakeCustomer("C" + std::to_string(c)));
  for (int i = 0; i < 20000; ++i) {
    Add(l, MakeInvoice(i % 3 == 0 ? "EU" : "", "INV-" + std::to_string(100000 + i * 7),
                       "C" + std::to_string(i % 50), 100 + i % 17, i % 4 == 0 ? 0 : 100 + i % 17,
                       i % 5 == 0 ? "PO" + std::to_string(i % 300) : ""));
  }
  auto run = [&] {
    std::vector<InvoiceNo> ids;
    std::vector<FuzzyHit> fuzzy;
    for (int q = 0; q < 3000; ++q) {
      const int i = (q * 7919) % 20000;
      const std::string ref = std::to_string(100000 + i * 7 + q % 3);
      l.FindByReference(ref, &ids);
      l.FindByReferenceFuzzy(ref, &fuzzy);
      l.FindByPo("PO" + std::to_string(q % 300), &ids);
      l.FindOpenByAmount(q % 50, Money{100 + q % 17, kUsd}, &ids);
      l.InvoicesOfCustomer(q % 50, &ids);
      if (auto no = l.FindInvoice(i % 3 == 0 ? "EU" : "", "INV-" + std::to_string(100000 + i * 7))) {
        ids.push_back(*no);
      }
    }
    return std::make_pair(ids, fuzzy);
  };
  const auto want = run();
  ASSERT_FALSE(want.second.empty());
  std::vector<std::pair<std::vector<InvoiceNo>, std::vector<FuzzyHit>>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&, t] { got[t] = run(); });
  for (std::thread& t : threads) t.join();
  for (const auto& g : got) {
    EXPECT_EQ(g.first, want.first);
    EXPECT_EQ(g.second, want.second);
  }
}

}  // namespace
}  // namespace cashmatch
