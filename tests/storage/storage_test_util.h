// Shared helpers for the storage tests: a temporary directory that removes
// itself, and sample records with every field set.
#ifndef CASHMATCH_TESTS_STORAGE_STORAGE_TEST_UTIL_H_
#define CASHMATCH_TESTS_STORAGE_STORAGE_TEST_UTIL_H_

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "cashmatch/domain.h"
#include "cashmatch/money.h"

namespace cashmatch::testing {

// A fresh directory under /tmp (mkdtemp), removed with everything in it when
// the object goes away.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = "/tmp/cashmatch-storage-test-XXXXXX";
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    // Tests may leave it read-only; make it writable again to delete it.
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  // A path inside the directory (not created).
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline Currency Cur(const char* code) { return *Currency::FromCode(code); }
inline Money Usd(int64_t minor) { return Money{minor, Cur("USD")}; }

inline Customer SampleCustomer(std::string id = "C001") {
  Customer c;
  c.customer_id = std::move(id);
  c.name = "Acme Corp";
  c.aliases = {"ACME", "Acme Inc."};
  c.bank_accounts = {"021000021:123456789", "DE89370400440532013000"};
  c.parent_id = "C000";
  c.company = "US01";
  c.emails = {"ar@acme.example"};
  c.currency = Cur("USD");
  c.credit_limit = Usd(5'000'000);
  return c;
}

inline Invoice SampleInvoice(std::string id = "INV-1", std::string customer = "C001",
                             std::string company = "US01") {
  Invoice v;
  v.company = std::move(company);
  v.invoice_id = std::move(id);
  v.customer_id = std::move(customer);
  v.amount = Usd(123'450);
  v.open_amount = Usd(23'450);
  v.invoice_date = Date::FromCivil(2025, 1, 15);
  v.due_date = Date::FromCivil(2025, 2, 14);
  v.po_number = "PO-77";
  v.discount_bp = 200;
  v.discount_days = 10;
  return v;
}

inline Payment SamplePayment(uint64_t id = 1) {
  Payment p;
  p.payment_id = id;
  p.source_file = "bai2_20250301.txt";
  p.source_line = 42;
  p.format = "bai2";
  p.source_ref = "REF" + std::to_string(id);
  p.trace_number = "091000019" + std::to_string(id);
  p.direction = Direction::kCredit;
  p.amount = Usd(100'000);
  p.value_date = Date::FromCivil(2025, 3, 1);
  p.booking_date = Date::FromCivil(2025, 3, 2);
  p.payer_name = "ACME CORP";
  p.payer_account = "021000021:123456789";
  RemittanceLine full;
  full.reference = "INV-1";
  full.paid = Usd(98'000);
  full.invoice_amount = Usd(100'000);
  full.discount = Usd(2'000);
  full.adjustment = Money{-500, Cur("EUR")};
  full.adjustment_reason = "ADX*01";
  RemittanceLine bare;
  bare.reference = "INV-2";
  p.remittance = {full, bare};
  p.remittance_text = "ORIG CO NAME:ACME CORP INV-1 INV-2";
  p.is_return = false;
  return p;
}

inline RemittanceAdvice SampleAdvice(uint64_t id = 1) {
  RemittanceAdvice a;
  a.advice_id = id;
  a.source_file = "remit_20250301.edi";
  a.source_line = 3;
  a.format = "x12_820";
  a.source_ref = "TRN" + std::to_string(id);
  a.trace_number = a.source_ref;
  a.amount = Usd(250'000);
  a.payment_date = Date::FromCivil(2025, 3, 1);
  a.payer_name = "ACME CORP";
  a.payer_account = "021000021:123456789";
  a.payee_name = "CASHMATCH DEMO CO";
  RemittanceLine line;
  line.reference = "INV-7";
  line.paid = Usd(250'000);
  line.invoice_amount = Usd(260'000);
  line.adjustment = Usd(-10'000);
  line.adjustment_reason = "CS";
  a.remittance = {line};
  a.remittance_text = "PAYMENT FOR MARCH";
  return a;
}

inline Application SampleApplication(uint64_t batch = 1, uint32_t seq = 0, uint64_t payment = 1,
                                     std::string invoice = "INV-1", std::string customer = "C001") {
  Application a;
  a.batch_id = batch;
  a.seq = seq;
  a.payment_id = payment;
  a.company = "US01";
  a.invoice_id = std::move(invoice);
  a.customer_id = std::move(customer);
  a.applied = Usd(98'000);
  a.discount = Usd(2'000);
  a.writeoff = Usd(0);
  a.method = MatchMethod::kReference;
  a.confidence_bp = 9'750;
  a.evidence = "remittance INV-1 == invoice INV-1";
  a.at = Timestamp{1'740'787'200'000'000};
  return a;
}

inline Batch SampleBatch(uint64_t id = 1, int64_t created_micros = 1'740'787'200'000'000) {
  Batch b;
  b.batch_id = id;
  b.kind = BatchKind::kFile;
  b.source_file = "bai2_20250301.txt";
  b.created = Timestamp{created_micros};
  b.payments = 10;
  b.applications = 12;
  b.unapplied = 1;
  return b;
}

inline IngestedFile SampleFile(std::string hash = "0123456789abcdef0123456789abcdef") {
  IngestedFile f;
  f.content_hash = std::move(hash);
  f.name = "bai2_20250301.txt";
  f.size = 123'456;
  f.format = "bai2";
  f.outcome = FileOutcome::kIngested;
  f.batch_id = 1;
  f.at = Timestamp{1'740'787'200'000'000};
  return f;
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_STORAGE_STORAGE_TEST_UTIL_H_
