// What operators do by hand: apply a payment, reverse an application, and
// teach cashmatch who pays under which name or account. Each is one atomic
// batch the ERP sees exactly once.
#include <algorithm>
#include <chrono>
#include <map>

#include "cashmatch/ledger.h"
#include "deductions.h"
#include "elapsed.h"
#include "returns.h"
#include "service.h"

namespace cashmatch::tools {
namespace {

// Whether `values` already holds `v` as the ledger would compare it.
bool HasNormalized(const std::vector<std::string>& values, const std::string& v,
                   std::string (*normalize)(std::string_view)) {
  const std::string n = normalize(v);
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& x) { return normalize(x) == n; });
}

}  // namespace

Result<ManualReport> Service::ApplyManually(uint64_t payment_id,
                                            const std::vector<ManualTarget>& targets) {
  const auto start = std::chrono::steady_clock::now();
  std::lock_guard lock(ingest_mutex_);
  Result<Payment> payment = store_->GetPayment(payment_id);
  if (!payment.ok()) return payment.status();
  if (payment->direction != Direction::kCredit || payment->is_return) {
    return Status::Conflict("payment " + std::to_string(payment_id) + " is not a credit to apply");
  }
  if (targets.empty()) return Status::InvalidInput("name at least one invoice to apply to");
  // What is already applied: a payment is applied at most once over.
  int64_t already = 0;
  CASHMATCH_RETURN_IF_ERROR(store_->ForEachApplicationOfPayment(payment_id, [&](const Application& a) {
    already += a.applied.minor;
    return true;
  }));
  int64_t left = payment->amount.minor - already;

  std::unique_lock ledger_lock(ledger_mutex_);
  ManualReport report;
  report.batch_id = store_->AllocateBatchId();
  const Timestamp now = Timestamp::Now();
  WriteSet set;
  std::vector<std::pair<InvoiceNo, int64_t>> new_open;
  std::vector<Application> rows;  // for the deductions they leave or undo
  std::string customer_id;
  uint32_t seq = 0;
  for (const ManualTarget& t : targets) {
    std::optional<InvoiceNo> no = ledger_.FindInvoice(t.company, t.invoice_id);
    if (!no && t.company.empty()) {
      // The operator gave the id alone: fine when it is unique.
      std::vector<InvoiceNo> found;
      ledger_.FindByReference(t.invoice_id, &found);
      found.erase(std::remove_if(found.begin(), found.end(),
                                 [&](InvoiceNo n) { return ledger_.invoice(n).invoice_id != t.invoice_id; }),
                  found.end());
      if (found.size() > 1) {
        return Status::Conflict("invoice " + t.invoice_id + " exists in several companies; give COMPANY/ID");
      }
      if (found.size() == 1) no = found[0];
    }
    if (!no) return Status::NotFound("no invoice " + t.invoice_id);
    const InvoiceView v = ledger_.invoice(*no);
    if (v.open_amount.currency != payment->amount.currency) {
      return Status::Conflict("invoice " + t.invoice_id + " is in " + std::string(v.open_amount.currency.code()) +
                              ", the payment in " + std::string(payment->amount.currency.code()));
    }
    int64_t open = v.open_amount.minor;
    for (const auto& [n, o] : new_open) {
      if (n == *no) open = o;
    }
    const int64_t amount = t.amount ? *t.amount : std::min(open, left);
    if (amount <= 0) {
      return Status::Conflict(left <= 0 ? "payment " + std::to_string(payment_id) + " has nothing left to apply"
                                        : "invoice " + t.invoice_id + " has nothing open");
    }
    // Refusals name both amounts in one line: what the operator asked for
    // and what there is.
    const std::string code(payment->amount.currency.code());
    const int exp = payment->amount.currency.exponent();
    if (amount > left) {
      return Status::Conflict("payment " + std::to_string(payment_id) + " has only " + code + " " +
                              FormatMinorUnits(left, exp) + " left to apply, " + FormatMinorUnits(amount, exp) +
                              " asked for " + t.invoice_id);
    }
    if (open >= 0 && amount > open) {
      return Status::Conflict("invoice " + t.invoice_id + " has only " + code + " " + FormatMinorUnits(open, exp) +
                              " open, " + FormatMinorUnits(amount, exp) + " asked");
    }
    Application a;
    a.batch_id = report.batch_id;
    a.seq = seq++;
    a.payment_id = payment_id;
    a.company = std::string(v.company);
    a.invoice_id = std::string(v.invoice_id);
    a.customer_id = std::string(ledger_.customer(v.customer).customer_id);
    a.applied = Money{amount, payment->amount.currency};
    a.discount = Money{0, payment->amount.currency};
    a.writeoff = Money{0, payment->amount.currency};
    a.method = MatchMethod::kManual;
    a.confidence_bp = 10000;
    a.evidence = "applied by hand";
    a.at = now;
    set.PutApplication(a);
    rows.push_back(a);
    left -= amount;
    open -= amount;
    bool replaced = false;
    for (auto& [n, o] : new_open) {
      if (n == *no) o = open, replaced = true;
    }
    if (!replaced) new_open.emplace_back(*no, open);
    if (customer_id.empty()) customer_id = a.customer_id;
    ++report.applications;
  }
  for (const auto& [n, open] : new_open) {
    Invoice inv = ledger_.GetInvoice(n);
    inv.open_amount.minor = open;
    set.PutInvoice(inv);
  }
  if (left == 0) {
    set.ClearUnapplied(payment_id);
  } else {
    WorkItem item;
    item.payment_id = payment_id;
    item.batch_id = report.batch_id;
    item.customer_id = customer_id;
    item.reason = FormatMinorUnits(left, payment->amount.currency.exponent()) + " still to apply";
    set.MarkUnapplied(item);
    set.PutBatchWork({item, *payment});
  }
  // Learning: the payer's name and account now identify this customer.
  std::optional<Customer> learned;
  if (auto c = ledger_.FindCustomer(customer_id)) {
    Customer cust = ledger_.GetCustomer(*c);
    bool changed = false;
    if (!payment->payer_name.empty() && NormalizeCustomerName(payment->payer_name) != NormalizeCustomerName(cust.name) &&
        !HasNormalized(cust.aliases, payment->payer_name, &NormalizeCustomerName)) {
      cust.aliases.push_back(payment->payer_name);
      report.learned.push_back("alias '" + payment->payer_name + "'");
      changed = true;
    }
    if (!payment->payer_account.empty() &&
        !HasNormalized(cust.bank_accounts, payment->payer_account, &NormalizeBankAccount)) {
      cust.bank_accounts.push_back(payment->payer_account);
      report.learned.push_back("bank account " + payment->payer_account);
      changed = true;
    }
    if (changed) {
      set.PutCustomer(cust);
      learned = cust;
    }
  }
  StagedDeductions deductions;
  Result<DeductionOutcome> deducted = StageDeductions(*store_, rows, OpenAmountIn(ledger_),
                                                      std::span(&*payment, 1), report.batch_id, now,
                                                      &deductions, &set);
  if (!deducted.ok()) return deducted.status();
  Batch batch;
  batch.batch_id = report.batch_id;
  batch.kind = BatchKind::kManual;
  batch.created = now;
  batch.payments = 1;
  batch.applications = static_cast<uint32_t>(report.applications);
  batch.unapplied = left == 0 ? 0 : 1;
  batch.micros = MicrosSince(start);
  set.PutBatch(batch);
  set.MarkResultsPending(batch.batch_id);
  CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(set)));
  for (const auto& [n, open] : new_open) ledger_.SetOpenAmount(n, open);
  if (learned) ledger_.UpsertCustomer(*learned);
  ledger_lock.unlock();
  report.customer_id = customer_id;
  report.left = Money{left, payment->amount.currency};
  CASHMATCH_RETURN_IF_ERROR(WritePendingResults());
  return report;
}

Result<ManualReport> Service::Unapply(uint64_t payment_id) {
  const auto start = std::chrono::steady_clock::now();
  std::lock_guard lock(ingest_mutex_);
  Result<Payment> payment = store_->GetPayment(payment_id);
  if (!payment.ok()) return payment.status();
  Result<std::vector<Application>> net = NetApplicationsOf(*store_, payment_id);
  if (!net.ok()) return net.status();
  std::unique_lock ledger_lock(ledger_mutex_);
  ManualReport report;
  report.batch_id = store_->AllocateBatchId();
  const Timestamp now = Timestamp::Now();
  WriteSet set;
  std::vector<std::pair<InvoiceNo, int64_t>> new_open;
  std::vector<Application> rows;  // for the deductions they leave or undo
  uint32_t seq = 0;
  for (const Application& a : *net) {
    Application rev = ReversalOf(a, report.batch_id, seq++, now, "unapplied by hand");
    rev.confidence_bp = 10000;
    set.PutApplication(rev);
    rows.push_back(rev);
    ++report.applications;
    if (!a.invoice_id.empty()) {
      if (auto no = ledger_.FindInvoice(a.company, a.invoice_id)) {
        Invoice inv = ledger_.GetInvoice(*no);
        inv.open_amount.minor += a.applied.minor + a.discount.minor + a.writeoff.minor;
        set.PutInvoice(inv);
        new_open.emplace_back(*no, inv.open_amount.minor);
      }
    }
  }
  if (report.applications == 0) {
    return Status::Conflict("payment " + std::to_string(payment_id) + " has nothing applied to reverse");
  }
  WorkItem item;
  item.payment_id = payment_id;
  item.batch_id = report.batch_id;
  item.reason = "unapplied by hand";
  set.MarkUnapplied(item);
  set.PutBatchWork({item, *payment});
  StagedDeductions deductions;
  Result<DeductionOutcome> deducted = StageDeductions(*store_, rows, OpenAmountIn(ledger_),
                                                      std::span(&*payment, 1), report.batch_id, now,
                                                      &deductions, &set);
  if (!deducted.ok()) return deducted.status();
  Batch batch;
  batch.batch_id = report.batch_id;
  batch.kind = BatchKind::kReversal;
  batch.created = now;
  batch.payments = 1;
  batch.applications = static_cast<uint32_t>(report.applications);
  batch.unapplied = 1;
  batch.micros = MicrosSince(start);
  set.PutBatch(batch);
  set.MarkResultsPending(batch.batch_id);
  CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(set)));
  for (const auto& [n, open] : new_open) ledger_.SetOpenAmount(n, open);
  ledger_lock.unlock();
  report.left = payment->amount;
  CASHMATCH_RETURN_IF_ERROR(WritePendingResults());
  return report;
}

Status Service::AddAlias(const std::string& customer_id, AliasKind kind, const std::string& value) {
  if (value.empty()) return Status::InvalidInput("an alias cannot be empty");
  std::lock_guard lock(ingest_mutex_);
  std::unique_lock ledger_lock(ledger_mutex_);
  auto no = ledger_.FindCustomer(customer_id);
  if (!no) return Status::NotFound("no customer " + customer_id);
  Customer c = ledger_.GetCustomer(*no);
  std::vector<std::string>& list = kind == AliasKind::kName ? c.aliases : c.bank_accounts;
  auto norm = kind == AliasKind::kName ? &NormalizeCustomerName : &NormalizeBankAccount;
  if (norm(value).empty()) return Status::InvalidInput("'" + value + "' has nothing to identify a payer by");
  if (HasNormalized(list, value, norm)) return Status::Conflict(customer_id + " already has '" + value + "'");
  list.push_back(value);
  WriteSet set;
  set.PutCustomer(c);
  CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(set)));
  ledger_.UpsertCustomer(c);
  return Status::Ok();
}

Status Service::RemoveAlias(const std::string& customer_id, AliasKind kind, const std::string& value) {
  std::lock_guard lock(ingest_mutex_);
  std::unique_lock ledger_lock(ledger_mutex_);
  auto no = ledger_.FindCustomer(customer_id);
  if (!no) return Status::NotFound("no customer " + customer_id);
  Customer c = ledger_.GetCustomer(*no);
  std::vector<std::string>& list = kind == AliasKind::kName ? c.aliases : c.bank_accounts;
  auto norm = kind == AliasKind::kName ? &NormalizeCustomerName : &NormalizeBankAccount;
  const std::string n = norm(value);
  const size_t before = list.size();
  list.erase(std::remove_if(list.begin(), list.end(), [&](const std::string& x) { return norm(x) == n; }),
             list.end());
  if (list.size() == before) return Status::NotFound(customer_id + " has no '" + value + "'");
  WriteSet set;
  set.PutCustomer(c);
  CASHMATCH_RETURN_IF_ERROR(store_->Commit(std::move(set)));
  ledger_.UpsertCustomer(c);
  return Status::Ok();
}

}  // namespace cashmatch::tools
