#include "keys.h"

#include "coding.h"

namespace cashmatch::storage {

const std::array<const char*, kCfCount> kCfNames = {
    "meta",
    "customers",
    "invoices",
    "payments",
    "applications",
    "batches",
    "files",
    "unapplied",
    "idx_invoices_by_customer",
    "idx_applications_by_invoice",
    "idx_applications_by_payment",
    "idx_applications_by_customer",
    "idx_payments_by_ref",
    "advices",
    "pending_advices",
    "batch_work",
    "pending_results",
    "deductions",
    "idx_deductions_by_invoice",
    "batch_deductions",
    "reminders",
};

uint32_t SchemaVersionOf(Cf cf) {
  switch (cf) {
    case kAdvices:
    case kPendingAdvices:
      return 2;
    case kBatchWork:
    case kPendingResults:
      return 3;
    case kDeductions:
    case kDeductionsByInvoice:
    case kBatchDeductions:
    case kReminders:
      return 4;
    default:
      return 1;
  }
}

std::string CustomerKey(std::string_view customer_id) {
  std::string k;
  PutOrderedString(&k, customer_id);
  return k;
}

std::string InvoiceKey(std::string_view company, std::string_view invoice_id) {
  std::string k;
  PutOrderedString(&k, company);
  PutOrderedString(&k, invoice_id);
  return k;
}

std::string AdviceKey(uint64_t advice_id) { return PaymentKey(advice_id); }

std::string DeductionKey(uint64_t batch_id, uint32_t seq) { return ApplicationKey(batch_id, seq); }

std::string DeductionsOfInvoicePrefix(std::string_view company, std::string_view invoice_id) {
  return InvoiceKey(company, invoice_id);
}

std::string BatchDeductionKey(uint64_t batch, uint64_t deduction_batch, uint32_t seq) {
  return BatchKey(batch) + DeductionKey(deduction_batch, seq);
}

std::string ReminderKey(std::string_view customer_id, std::string_view company,
                        std::string_view invoice_id, std::string_view step) {
  std::string k;
  PutOrderedString(&k, customer_id);
  PutOrderedString(&k, company);
  PutOrderedString(&k, invoice_id);
  PutOrderedString(&k, step);
  return k;
}

std::string PaymentKey(uint64_t payment_id) {
  std::string k;
  PutFixed64BE(&k, payment_id);
  return k;
}

std::string ApplicationKey(uint64_t batch_id, uint32_t seq) {
  std::string k;
  PutFixed64BE(&k, batch_id);
  PutFixed32BE(&k, seq);
  return k;
}

std::string BatchKey(uint64_t batch_id) { return PaymentKey(batch_id); }

std::string BatchWorkKey(uint64_t batch_id, uint64_t payment_id) {
  std::string k;
  PutFixed64BE(&k, batch_id);
  PutFixed64BE(&k, payment_id);
  return k;
}

std::string FileKey(std::string_view content_hash) { return CustomerKey(content_hash); }

std::optional<uint64_t> LeadingId(std::string_view key) {
  if (key.size() < 8) return std::nullopt;
  return DecodeFixed64BE(key.data());
}

std::string InvoicesOfCustomerPrefix(std::string_view customer_id) {
  return CustomerKey(customer_id);
}

std::string ApplicationsOfBatchPrefix(uint64_t batch_id) { return BatchKey(batch_id); }

std::string ApplicationsOfInvoicePrefix(std::string_view company, std::string_view invoice_id) {
  return InvoiceKey(company, invoice_id);
}

std::string ApplicationsOfPaymentPrefix(uint64_t payment_id) { return PaymentKey(payment_id); }

std::string ApplicationsOfCustomerPrefix(std::string_view customer_id) {
  return CustomerKey(customer_id);
}

std::string PaymentsByRefPrefix(PaymentRefKind kind, std::string_view ref) {
  std::string k(1, static_cast<char>(kind));
  PutOrderedString(&k, ref);
  return k;
}

void AppendIndexEntries(const Invoice& invoice, std::vector<IndexEntry>* out) {
  std::string key = InvoicesOfCustomerPrefix(invoice.customer_id);
  key += InvoiceKey(invoice.company, invoice.invoice_id);
  out->push_back({kInvoicesByCustomer, std::move(key)});
}

void AppendIndexEntries(const Payment& payment, std::vector<IndexEntry>* out) {
  // Empty references identify nothing; indexing them would pile every
  // payment without one under a single prefix.
  const std::string pk = PaymentKey(payment.payment_id);
  if (!payment.source_ref.empty()) {
    out->push_back(
        {kPaymentsByRef, PaymentsByRefPrefix(PaymentRefKind::kSourceRef, payment.source_ref) + pk});
  }
  if (!payment.trace_number.empty()) {
    out->push_back({kPaymentsByRef,
                    PaymentsByRefPrefix(PaymentRefKind::kTraceNumber, payment.trace_number) + pk});
  }
  if (!payment.bank_entry_ref.empty()) {
    out->push_back({kPaymentsByRef,
                    PaymentsByRefPrefix(PaymentRefKind::kBankEntryRef, payment.bank_entry_ref) + pk});
  }
}

void AppendIndexEntries(const Application& a, std::vector<IndexEntry>* out) {
  const std::string pk = ApplicationKey(a.batch_id, a.seq);
  // On-account rows (no invoice) are reached through their payment and
  // customer; an invoice entry for them would gather under ("", "").
  if (!a.invoice_id.empty()) {
    out->push_back(
        {kApplicationsByInvoice, ApplicationsOfInvoicePrefix(a.company, a.invoice_id) + pk});
  }
  out->push_back({kApplicationsByPayment, ApplicationsOfPaymentPrefix(a.payment_id) + pk});
  if (!a.customer_id.empty()) {
    out->push_back({kApplicationsByCustomer, ApplicationsOfCustomerPrefix(a.customer_id) + pk});
  }
}

std::optional<std::string> PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    if (static_cast<uint8_t>(s.back()) != 0xFF) {
      s.back() = static_cast<char>(static_cast<uint8_t>(s.back()) + 1);
      return s;
    }
    s.pop_back();
  }
  return std::nullopt;
}

}  // namespace cashmatch::storage
