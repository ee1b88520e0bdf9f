#include "report_facts.h"

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <tuple>

namespace cashmatch::tools {

Timestamp EndOfDay(Date d) { return Timestamp{(int64_t{d.days} + 1) * 86'400'000'000 - 1}; }

Result<PaymentTable> ScanPayments(const Store& store) {
  PaymentTable table;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachPayment([&](const Payment& p) {
    if (p.payment_id >= table.by_id.size()) table.by_id.resize(std::max<size_t>(p.payment_id + 1, table.by_id.size() * 2));
    PaymentFact& f = table.by_id[p.payment_id];
    f.present = true;
    f.value_date = p.value_date;
    f.amount = p.amount.minor;
    f.currency = p.amount.currency;
    f.counted = p.direction == Direction::kCredit && !p.is_return && p.superseded_by.empty();
    f.channel = ChannelOf(p.format, p.transaction_code);
    auto it = std::find(table.formats.begin(), table.formats.end(), p.format);
    if (it == table.formats.end()) it = table.formats.insert(table.formats.end(), p.format);
    f.format = static_cast<uint16_t>(it - table.formats.begin());
    return true;
  }));
  return table;
}

Result<std::vector<AppFact>> ScanApplications(const Store& store, const Ledger& ledger,
                                              std::optional<Timestamp> after) {
  std::vector<uint64_t> batches;
  size_t expected = 0;
  CASHMATCH_RETURN_IF_ERROR(store.ForEachBatch([&](const Batch& b) {
    // Batch ids grow with time: newest first, so stop at the first not after.
    if (after && b.created <= *after) return false;
    if (b.kind != BatchKind::kLoad) batches.push_back(b.batch_id);
    expected += b.applications;
    return true;
  }));
  std::reverse(batches.begin(), batches.end());
  std::vector<AppFact> apps;
  // The invoice and customer names, resolved in the ledger afterwards, in
  // parallel: the lookups cost more than the scan.
  struct Names {
    std::string company, invoice_id, customer_id;
  };
  std::vector<Names> names;
  apps.reserve(expected);  // a hint: the batches' own counts
  names.reserve(expected);
  for (uint64_t id : batches) {
    CASHMATCH_RETURN_IF_ERROR(store.ForEachApplicationOfBatch(id, [&](const Application& a) {
      if (after && a.at <= *after) return true;
      AppFact f;
      f.payment_id = a.payment_id;
      f.batch_id = a.batch_id;
      f.seq = a.seq;
      f.applied = a.applied.minor;
      f.discount = a.discount.minor;
      f.writeoff = a.writeoff.minor;
      f.on = a.at.date();
      f.method = a.method;
      f.currency = a.applied.currency;
      apps.push_back(f);
      names.push_back(Names{a.company, a.invoice_id, a.customer_id});
      return true;
    }));
  }
  tbb::parallel_for(size_t{0}, apps.size(), [&](size_t i) {
    AppFact& f = apps[i];
    const Names& n = names[i];
    if (!n.invoice_id.empty()) {
      if (auto no = ledger.FindInvoice(n.company, n.invoice_id)) f.invoice = *no;
    }
    if (f.invoice != kNone) {
      f.customer = ledger.invoice(f.invoice).customer;
    } else if (auto c = ledger.FindCustomer(n.customer_id)) {
      f.customer = *c;
    }
  });
  return apps;
}

Status ScanActivity(const Store& store, const Ledger& ledger, PaymentTable* payments,
                    std::vector<AppFact>* apps) {
  Status ps, as;
  tbb::parallel_invoke(
      [&] {
        Result<PaymentTable> r = ScanPayments(store);
        if (r.ok()) *payments = std::move(*r); else ps = r.status();
      },
      [&] {
        Result<std::vector<AppFact>> r = ScanApplications(store, ledger, std::nullopt);
        if (r.ok()) *apps = std::move(*r); else as = r.status();
      });
  return ps.ok() ? as : ps;
}

std::vector<NetItem> NetItems(const std::vector<AppFact>& apps) {
  // apps are in (batch, seq) order; the index breaks ties, so each group's
  // applications stay in the order they were made, whatever the sort.
  struct Key {
    uint64_t payment_id;
    uint32_t invoice, customer, index;
  };
  std::vector<Key> keys(apps.size());
  for (uint32_t i = 0; i < keys.size(); ++i) keys[i] = Key{apps[i].payment_id, apps[i].invoice, apps[i].customer, i};
  tbb::parallel_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.payment_id, a.invoice, a.customer, a.index) < std::tie(b.payment_id, b.invoice, b.customer, b.index);
  });
  std::vector<NetItem> out;
  for (const Key& k : keys) {
    const AppFact& a = apps[k.index];
    if (out.empty() || out.back().payment_id != a.payment_id || out.back().invoice != a.invoice ||
        out.back().customer != a.customer) {
      NetItem n;
      n.payment_id = a.payment_id;
      n.invoice = a.invoice;
      n.customer = a.customer;
      n.first_on = a.on;
      n.first_method = a.method;
      out.push_back(n);
    }
    NetItem& n = out.back();
    n.applied += a.applied;
    n.discount += a.discount;
    n.writeoff += a.writeoff;
    if (a.method == MatchMethod::kManual && a.applied > 0) n.manual = true;
  }
  return out;
}

}  // namespace cashmatch::tools
