// EncodeTo/DecodeFrom of every record kind: round trips with edge values,
// and garbage (every truncation, trailing bytes, every single-byte
// mutation, random bytes) rejected as kCorruption without crashing.
#include "cashmatch/record_coding.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "storage_test_util.h"

namespace cashmatch {
namespace {

using testing::Cur;
using testing::Usd;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr uint64_t kMaxU = std::numeric_limits<uint64_t>::max();

// Bytes that are not ASCII, and a NUL, inside strings.
const std::string kOdd = std::string("M\xC3\xBCller \xE2\x82\xAC \0 \xFF end", 17);

template <typename T>
std::string Encode(const T& v) {
  std::string s;
  EncodeTo(v, &s);
  return s;
}

template <typename T>
void ExpectRoundTrip(const T& v) {
  const std::string bytes = Encode(v);
  T out;
  Status st = DecodeFrom(bytes, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(out, v);
}

// Every strict prefix, and the whole with a byte appended, is Corruption.
template <typename T>
void ExpectTruncationsCorrupt(const T& v) {
  const std::string bytes = Encode(v);
  for (size_t n = 0; n < bytes.size(); ++n) {
    T out;
    Status st = DecodeFrom(std::string_view(bytes).substr(0, n), &out);
    EXPECT_EQ(st.code(), StatusCode::kCorruption) << "prefix of " << n << " of " << bytes.size();
  }
  T out;
  EXPECT_EQ(DecodeFrom(bytes + '\0', &out).code(), StatusCode::kCorruption);
}

// Every byte replaced by every other value: decoding either succeeds (and
// the record survives another round trip) or says kCorruption. Under ASan this also proves no read
// goes out of bounds.
template <typename T>
void ExpectMutationsSafe(const T& v) {
  const std::string bytes = Encode(v);
  T out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string m = bytes;
    for (int b = 0; b < 256; ++b) {
      m[i] = static_cast<char>(b);
      Status st = DecodeFrom(m, &out);
      ASSERT_TRUE(st.ok() || st.code() == StatusCode::kCorruption) << st.ToString();
      if (!st.ok()) continue;
      // Whatever decodes encodes back to the same record.
      T again;
      ASSERT_TRUE(DecodeFrom(Encode(out), &again).ok());
      ASSERT_EQ(again, out);
    }
  }
}

template <typename T>
void ExpectAll(const std::vector<T>& samples) {
  for (const T& v : samples) {
    ExpectRoundTrip(v);
    ExpectTruncationsCorrupt(v);
  }
}

std::vector<Customer> Customers() {
  Customer edge = testing::SampleCustomer(kOdd);
  edge.name = kOdd;
  edge.aliases = {"", kOdd, ""};
  edge.credit_limit = Money{kMax, Cur("JPY")};  // not the customer's currency
  Customer no_currency_limit;
  no_currency_limit.credit_limit = Money{kMin, Currency()};
  Customer no_limit = testing::SampleCustomer();
  no_limit.credit_limit.reset();
  return {Customer{}, testing::SampleCustomer(), edge, no_currency_limit, no_limit};
}

std::vector<Invoice> Invoices() {
  Invoice memo = testing::SampleInvoice("CM-1");
  memo.amount = Usd(-5'000);
  memo.open_amount = Usd(-5'000);
  Invoice extreme = testing::SampleInvoice(kOdd, kOdd, "");
  extreme.amount = Money{kMax, Cur("KWD")};
  extreme.open_amount = Money{kMin, Cur("EUR")};  // own currency
  extreme.invoice_date = Date{std::numeric_limits<int32_t>::min()};
  extreme.due_date = Date{std::numeric_limits<int32_t>::max()};
  extreme.discount_bp = std::numeric_limits<uint32_t>::max();
  extreme.discount_days = std::numeric_limits<uint16_t>::max();
  Invoice closed = testing::SampleInvoice();
  closed.open_amount = Usd(0);
  return {Invoice{}, testing::SampleInvoice(), memo, extreme, closed};
}

std::vector<Payment> Payments() {
  Payment debit = testing::SamplePayment(kMaxU);
  debit.direction = Direction::kDebit;
  debit.is_return = true;
  debit.return_reason = "R01";
  debit.source_line = kMaxU;
  debit.amount = Money{kMin, Cur("JPY")};
  debit.payer_name = kOdd;
  debit.remittance_text = kOdd;
  Payment lines = testing::SamplePayment();
  for (int mask = 0; mask < 16; ++mask) {
    RemittanceLine l;
    l.reference = mask % 2 ? kOdd : "";
    if (mask & 1) l.paid = Usd(kMax);
    if (mask & 2) l.invoice_amount = Money{kMin, Cur("EUR")};
    if (mask & 4) l.discount = Usd(0);
    if (mask & 8) l.adjustment = Money{-1, Currency()};
    l.adjustment_reason = mask & 8 ? "short pay" : "";
    lines.remittance.push_back(l);
  }
  Payment linked = testing::SamplePayment(7);
  linked.account = "DE89370400440532013000";
  linked.transaction_code = "PMNT/RCDT/ESCT";
  linked.bank_entry_ref = kOdd;
  linked.batch_count = std::numeric_limits<uint32_t>::max();
  linked.original_ref = "091000010000001";
  linked.superseded_by = kOdd;
  return {Payment{}, testing::SamplePayment(), debit, lines, linked};
}

std::vector<WorkItem> WorkItems() {
  WorkItem full;
  full.payment_id = kMaxU;
  full.batch_id = 7;
  full.customer_id = kOdd;
  full.reason = kOdd;
  full.duplicate = true;
  full.suggestions.push_back({"US01", "INV-1", Usd(kMax), 9999});
  full.suggestions.push_back({kOdd, "", Money{kMin, Cur("JPY")}, 0});
  WorkItem bare;
  bare.payment_id = 3;
  return {WorkItem{}, bare, full};
}

std::vector<RemittanceAdvice> Advices() {
  RemittanceAdvice odd = testing::SampleAdvice(kMaxU);
  odd.payment_id = kMaxU;
  odd.amount = Money{kMin, Cur("KWD")};
  odd.payer_name = kOdd;
  odd.remittance_text = kOdd;
  odd.payment_date = Date{std::numeric_limits<int32_t>::min()};
  return {RemittanceAdvice{}, testing::SampleAdvice(), odd};
}

std::vector<Application> Applications() {
  std::vector<Application> v = {Application{}, testing::SampleApplication()};
  for (int m = 0; m <= static_cast<int>(MatchMethod::kManual); ++m) {
    Application a =
        testing::SampleApplication(kMaxU, std::numeric_limits<uint32_t>::max(), kMaxU, kOdd, kOdd);
    a.method = static_cast<MatchMethod>(m);
    a.applied = Usd(kMin);
    a.discount = Money{kMax, Cur("EUR")};
    a.writeoff = Money{-1, Currency()};
    a.confidence_bp = std::numeric_limits<uint16_t>::max();
    a.at = Timestamp{kMin};
    a.evidence = kOdd;
    v.push_back(a);
  }
  Application on_account = testing::SampleApplication(1, 1, 1, "");
  v.push_back(on_account);
  return v;
}

std::vector<Batch> Batches() {
  std::vector<Batch> v = {Batch{}};
  for (int k = 0; k <= static_cast<int>(BatchKind::kLoad); ++k) {
    Batch b = testing::SampleBatch(kMaxU, kMax);
    b.kind = static_cast<BatchKind>(k);
    b.payments = b.applications = b.unapplied = std::numeric_limits<uint32_t>::max();
    b.source_file = kOdd;
    b.micros = k % 2 == 0 ? kMax : kMin;
    if (k > 0) b.received = {Usd(kMax), Money{kMin, Cur("JPY")}, Money{0, Cur("KWD")}};
    v.push_back(b);
  }
  return v;
}

std::vector<BatchWorkItem> BatchWorkItems() {
  std::vector<BatchWorkItem> v = {BatchWorkItem{}};
  for (const WorkItem& item : WorkItems()) {
    BatchWorkItem w;
    w.item = item;
    w.payment = testing::SamplePayment(item.payment_id);
    w.payment.payer_name = kOdd;
    v.push_back(w);
  }
  return v;
}

std::vector<IngestedFile> Files() {
  std::vector<IngestedFile> v = {IngestedFile{}, testing::SampleFile()};
  for (int o = 0; o <= static_cast<int>(FileOutcome::kDuplicate); ++o) {
    IngestedFile f = testing::SampleFile(kOdd);
    f.outcome = static_cast<FileOutcome>(o);
    f.size = kMaxU;
    f.batch_id = kMaxU;
    f.reason = kOdd;
    f.at = Timestamp{kMin};
    v.push_back(f);
  }
  return v;
}

TEST(RecordCoding, CustomerRoundTripsAndRejectsTruncation) { ExpectAll(Customers()); }
TEST(RecordCoding, InvoiceRoundTripsAndRejectsTruncation) { ExpectAll(Invoices()); }
TEST(RecordCoding, PaymentRoundTripsAndRejectsTruncation) { ExpectAll(Payments()); }
TEST(RecordCoding, ApplicationRoundTripsAndRejectsTruncation) { ExpectAll(Applications()); }
TEST(RecordCoding, BatchRoundTripsAndRejectsTruncation) { ExpectAll(Batches()); }
TEST(RecordCoding, IngestedFileRoundTripsAndRejectsTruncation) { ExpectAll(Files()); }
TEST(RecordCoding, AdviceRoundTripsAndRejectsTruncation) { ExpectAll(Advices()); }
TEST(RecordCoding, WorkItemRoundTripsAndRejectsTruncation) { ExpectAll(WorkItems()); }
TEST(RecordCoding, BatchWorkItemRoundTripsAndRejectsTruncation) { ExpectAll(BatchWorkItems()); }

// Batches written before format 2 (no micros, nothing received) still read.
TEST(RecordCoding, BatchFormatOneStillDecodes) {
  Batch b = testing::SampleBatch(9);
  std::string bytes = Encode(b);
  ASSERT_EQ(bytes[0], '\x02');
  // Format 2 appended a zero zigzag and an empty list: one byte each.
  ASSERT_EQ(bytes.substr(bytes.size() - 2), std::string(2, '\0'));
  bytes.resize(bytes.size() - 2);
  bytes[0] = '\x01';
  Batch out = Batches()[2];  // decoding must clear the newer fields
  ASSERT_TRUE(DecodeFrom(bytes, &out).ok());
  EXPECT_EQ(out, b);
  std::string longer = Encode(Batches()[2]);
  longer[0] = '\x01';
  EXPECT_EQ(DecodeFrom(longer, &out).code(), StatusCode::kCorruption);
}

// Payments written before format 2 (no account, transaction code, entry
// reference, batch count, original reference or superseded_by) still read.
TEST(RecordCoding, PaymentFormatOneStillDecodes) {
  Payment p = testing::SamplePayment(3);
  std::string bytes = Encode(p);
  ASSERT_EQ(bytes[0], '\x02');
  // Format 2 appended five empty strings and a zero varint: one byte each.
  ASSERT_EQ(bytes.substr(bytes.size() - 6), std::string(6, '\0'));
  bytes.resize(bytes.size() - 6);
  bytes[0] = '\x01';
  Payment out = Payments()[4];  // decoding must clear the newer fields
  ASSERT_TRUE(DecodeFrom(bytes, &out).ok());
  EXPECT_EQ(out, p);
  // A format-1 record carrying format-2 fields is not format 1.
  std::string longer = Encode(Payments()[4]);
  longer[0] = '\x01';
  EXPECT_EQ(DecodeFrom(longer, &out).code(), StatusCode::kCorruption);
}

TEST(RecordCoding, SingleByteMutationsNeverCrash) {
  ExpectMutationsSafe(testing::SampleCustomer());
  ExpectMutationsSafe(Invoices()[3]);
  ExpectMutationsSafe(Payments()[3]);
  ExpectMutationsSafe(Applications()[2]);
  ExpectMutationsSafe(Batches()[1]);
  ExpectMutationsSafe(Files()[1]);
  ExpectMutationsSafe(Advices()[1]);
  ExpectMutationsSafe(BatchWorkItems()[2]);
}

TEST(RecordCoding, RandomBytesNeverCrash) {
  std::mt19937_64 rng(20250301);
  Customer c;
  Invoice i;
  Payment p;
  Application a;
  Batch b;
  IngestedFile f;
  RemittanceAdvice adv;
  for (int n = 0; n < 20'000; ++n) {
    std::string bytes(rng() % 64, '\0');
    for (char& ch : bytes) ch = static_cast<char>(rng());
    if (!bytes.empty() && n % 2 == 0) bytes[0] = '\x01';  // past the version check
    for (Status st : {DecodeFrom(bytes, &c), DecodeFrom(bytes, &i), DecodeFrom(bytes, &p),
                      DecodeFrom(bytes, &a), DecodeFrom(bytes, &b), DecodeFrom(bytes, &f),
                      DecodeFrom(bytes, &adv)}) {
      ASSERT_TRUE(st.ok() || st.code() == StatusCode::kCorruption) << st.ToString();
    }
  }
}

TEST(RecordCoding, HugeCountsAreRefusedWithoutAllocating) {
  // Version, then empty customer_id and name, then 2^62 aliases.
  std::string bytes("\x01\x00\x00", 3);
  bytes += std::string("\x80\x80\x80\x80\x80\x80\x80\x80\x40", 9);
  Customer c;
  Status st = DecodeFrom(bytes, &c);
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  EXPECT_NE(st.reason().find("count"), std::string_view::npos) << st.ToString();
}

TEST(RecordCoding, UnknownVersionIsCorruption) {
  std::string bytes = Encode(testing::SampleInvoice());
  bytes[0] = '\x02';
  Invoice out;
  Status st = DecodeFrom(bytes, &out);
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  EXPECT_NE(st.reason().find("invoice"), std::string_view::npos) << st.ToString();
  EXPECT_NE(st.reason().find("version"), std::string_view::npos) << st.ToString();
}

TEST(RecordCoding, CurrencyIsStoredByCode) {
  const std::string bytes = Encode(testing::SampleInvoice());
  EXPECT_NE(bytes.find("\x03USD"), std::string::npos);
  // An unknown code is corruption, not a silent "no currency".
  std::string bad = bytes;
  bad.replace(bad.find("USD"), 3, "XQQ");
  Invoice out;
  Status st = DecodeFrom(bad, &out);
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  EXPECT_NE(st.reason().find("currency"), std::string_view::npos) << st.ToString();
}

TEST(RecordCoding, EnumOutOfRangeIsCorruption) {
  Batch b = testing::SampleBatch(5);
  std::string bytes = Encode(b);
  // Version, varint batch id 5, then the kind byte.
  ASSERT_EQ(bytes[2], static_cast<char>(BatchKind::kFile));
  bytes[2] = '\x05';
  Batch out;
  EXPECT_EQ(DecodeFrom(bytes, &out).code(), StatusCode::kCorruption);
}

TEST(RecordCoding, DecodingIntoAUsedObjectLeavesNothingBehind) {
  Payment p;
  ASSERT_TRUE(DecodeFrom(Encode(Payments()[3]), &p).ok());  // 18 remittance lines
  ASSERT_TRUE(DecodeFrom(Encode(Payment{}), &p).ok());
  EXPECT_EQ(p, Payment{});
  Customer c;
  ASSERT_TRUE(DecodeFrom(Encode(testing::SampleCustomer()), &c).ok());
  Customer no_limit = testing::SampleCustomer("C9");
  no_limit.credit_limit.reset();
  no_limit.aliases.clear();
  ASSERT_TRUE(DecodeFrom(Encode(no_limit), &c).ok());
  EXPECT_EQ(c, no_limit);
}

TEST(RecordCoding, InvoiceEncodingIsCompact) {
  // Same-currency open amount costs one tag byte, not another code.
  const std::string bytes = Encode(testing::SampleInvoice());
  EXPECT_LT(bytes.size(), 48u) << bytes.size();
}

}  // namespace
}  // namespace cashmatch
