#include "deductions.h"

#include <cctype>

namespace cashmatch::tools {
namespace {

// Letters and digits only, upper case, leading zeros of the digit run
// dropped: "INV-004512", "inv 4512" and "4512" all meet at "INV4512" or
// "4512"; the comparison below allows the letters to be left out.
std::string Normalize(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::toupper(c)));
  }
  return out;
}

std::string DigitsOnly(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)) && !(out.empty() && c == '0')) out.push_back(c);
  }
  return out;
}

bool NamesInvoice(const std::string& reference, const std::string& invoice_id) {
  const std::string r = Normalize(reference), i = Normalize(invoice_id);
  if (!r.empty() && r == i) return true;
  const std::string rd = DigitsOnly(reference), id = DigitsOnly(invoice_id);
  return !rd.empty() && rd == id;
}

std::string ReasonOf(const RemittanceLine& line) {
  return line.adjustment_reason.empty() ? "unknown" : line.adjustment_reason;
}

struct InvoiceRows {
  std::string company, invoice_id;
  std::vector<const Application*> rows;
};

void Note(Deduction* d, Timestamp at, uint64_t batch_id, std::string text) {
  d->notes.push_back({at, std::move(text)});
  d->updated = at;
  d->updated_batch = batch_id;
}

std::string PaidInFullNote(uint64_t payment_id, uint64_t batch_id) {
  return "paid in full by payment " + std::to_string(payment_id) + " (batch " +
         std::to_string(batch_id) + ")";
}

}  // namespace

OpenLookup OpenAmountIn(const Ledger& ledger) {
  return [&ledger](const std::string& company, const std::string& invoice_id) -> std::optional<OpenBefore> {
    const std::optional<InvoiceNo> no = ledger.FindInvoice(company, invoice_id);
    if (!no) return std::nullopt;
    const InvoiceView v = ledger.invoice(*no);
    return OpenBefore{v.open_amount.minor, v.amount.minor};
  };
}

std::string DeductionReason(const Payment& payment, const std::string& invoice_id) {
  for (const RemittanceLine& line : payment.remittance) {
    if (NamesInvoice(line.reference, invoice_id)) return ReasonOf(line);
  }
  const RemittanceLine* only = nullptr;
  for (const RemittanceLine& line : payment.remittance) {
    if (!line.adjustment && line.adjustment_reason.empty()) continue;
    if (only) return "unknown";
    only = &line;
  }
  return only ? ReasonOf(*only) : "unknown";
}

Result<DeductionOutcome> StageDeductions(
    const Store& store, std::span<const Application> rows, const OpenLookup& open_before,
    std::span<const Payment> payments, uint64_t batch_id, Timestamp at, StagedDeductions* staged,
    WriteSet* set) {
  DeductionOutcome out;
  // Rows per invoice, invoices in the order the batch first touches them.
  std::vector<InvoiceRows> invoices;
  std::map<std::pair<std::string, std::string>, size_t> index;
  for (const Application& a : rows) {
    if (a.invoice_id.empty()) continue;
    auto [it, fresh] = index.try_emplace({a.company, a.invoice_id}, invoices.size());
    if (fresh) invoices.push_back({a.company, a.invoice_id, {}});
    invoices[it->second].rows.push_back(&a);
  }
  auto put = [&](const Deduction& d) {
    set->PutDeduction(d);
    set->PutBatchDeduction(batch_id, d);
    (*staged)[{d.batch_id, d.seq}] = d;
  };
  for (const InvoiceRows& inv : invoices) {
    const std::optional<OpenBefore> found = open_before(inv.company, inv.invoice_id);
    if (!found || found->open < 0) continue;  // gone from the ledger, or a credit memo
    const int64_t* before = &found->open;
    int64_t after = *before;
    for (const Application* a : inv.rows) {
      after -= a->applied.minor + a->discount.minor + a->writeoff.minor;
    }
    if (after == *before) continue;
    // The invoice's deductions as this commit leaves them so far. Paid in
    // full from its original amount, it has none to read.
    std::map<std::pair<uint64_t, uint32_t>, Deduction> existing;
    for (const auto& [key, d] : *staged) {
      if (d.company == inv.company && d.invoice_id == inv.invoice_id) existing[key] = d;
    }
    if (!(after <= 0 && found->open == found->amount && existing.empty())) {
      CASHMATCH_RETURN_IF_ERROR(store.ForEachDeductionOfInvoice(
          inv.company, inv.invoice_id, [&](const Deduction& d) {
            existing.try_emplace({d.batch_id, d.seq}, d);  // a staged version is newer
            return true;
          }));
    }
    const Application& last = *inv.rows.back();
    if (after > *before) {
      // A reversal reopened it: what the reversed payments did is undone.
      for (auto& [key, d] : existing) {
        for (const Application* a : inv.rows) {
          const std::string who = "payment " + std::to_string(a->payment_id);
          if (IsDisputed(d.status) && d.payment_id == a->payment_id) {
            d.status = DeductionStatus::kVoid;
            Note(&d, at, batch_id, "void: the application of " + who + " was reversed in batch " +
                                       std::to_string(batch_id));
            put(d);
            ++out.voided;
            break;
          }
          if (d.status == DeductionStatus::kResolvedInvalid && !d.notes.empty() &&
              d.notes.back().text.starts_with("paid in full by " + who + " ")) {
            d.status = DeductionStatus::kOpen;
            Note(&d, at, batch_id, "open again: " + who + " was reversed in batch " +
                                       std::to_string(batch_id));
            put(d);
            ++out.reopened;
            break;
          }
        }
      }
      continue;
    }
    if (after <= 0) {
      for (auto& [key, d] : existing) {
        if (!IsDisputed(d.status)) continue;
        d.status = DeductionStatus::kResolvedInvalid;
        Note(&d, at, batch_id, PaidInFullNote(last.payment_id, batch_id));
        put(d);
        ++out.resolved;
      }
      continue;
    }
    int64_t disputed = 0;
    for (const auto& [key, d] : existing) {
      if (IsDisputed(d.status)) disputed += d.amount.minor;
    }
    const int64_t amount = after - disputed;
    if (amount <= 0) continue;
    const Payment* payment = nullptr;
    for (const Payment& p : payments) {
      if (p.payment_id == last.payment_id) payment = &p;
    }
    std::optional<Payment> stored;
    if (!payment) {
      Result<Payment> p = store.GetPayment(last.payment_id);
      if (p.ok()) {
        stored = std::move(*p);
        payment = &*stored;
      } else if (p.status().code() != StatusCode::kNotFound) {
        return p.status();
      }
    }
    Deduction d;
    d.batch_id = batch_id;
    d.seq = last.seq;
    d.company = inv.company;
    d.invoice_id = inv.invoice_id;
    d.customer_id = last.customer_id;
    d.payment_id = last.payment_id;
    d.amount = Money{amount, last.applied.currency};
    d.reason = payment ? DeductionReason(*payment, inv.invoice_id) : "unknown";
    d.status = DeductionStatus::kOpen;
    d.created = d.updated = at;
    d.updated_batch = batch_id;
    put(d);
    ++out.created;
  }
  return out;
}

}  // namespace cashmatch::tools
