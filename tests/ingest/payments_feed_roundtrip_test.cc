// Random payments through the feed writer and back through ReadBankFile, in
// both encodings of the feed; and the hand-written files of the fuzz corpus,
// every one of which must read (or be refused for its stated reason).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cashmatch/bank_file.h"
#include "ingest/bank_test_util.h"
#include "ingest/payments_feed_test_util.h"
#include "payments_feed_writer.h"

namespace cashmatch {
namespace {

using testing::Cur;

// Words with the characters that need care: CSV's delimiter and quote, the
// compact lines form's ';', ':' and '\', JSON's '"' and '\', non-ASCII of
// two, three and four bytes.
constexpr std::string_view kWords[] = {
    "Acme",  "Foods",   "Inc",      "Smith, Jones", "\"Best\"", "Caf\xC3\xA9",
    "M\xC3\xBCller", "\xE6\xBC\xA2\xE5\xAD\x97", "\xF0\x9F\x98\x80", "a;b", "c:d",
    "back\\slash", "INV-1001", "PO 7731", "thanks", "/ROC/", "&", "{x}", "[1]", "'q'",
};
constexpr std::string_view kCurrencies[] = {"USD", "EUR", "JPY", "KWD", "GBP", "CHF", "BHD"};

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  size_t Below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool Percent(size_t p) { return Below(100) < p; }

  std::string Words(size_t max_words) {
    std::string s;
    const size_t n = 1 + Below(max_words);
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) s += Percent(10) ? "  " : " ";
      s += kWords[Below(std::size(kWords))];
    }
    return s;
  }
  // An identifier: printable, no surrounding blanks.
  std::string Id(std::string_view prefix) {
    std::string s(prefix);
    const size_t n = 1 + Below(14);
    for (size_t i = 0; i < n; ++i) s += static_cast<char>('0' + Below(10));
    if (Percent(10)) s += " /x";
    if (Percent(5)) s += "\xC3\x84";  // non-ASCII in an identifier
    return s;
  }
  int64_t Minor(int64_t max) {
    return 1 + static_cast<int64_t>(Below(static_cast<size_t>(max)));
  }
  std::optional<Money> MaybeMoney(Currency c, size_t percent, bool signed_ok) {
    if (!Percent(percent)) return std::nullopt;
    int64_t v = Minor(10'000'000);
    if (signed_ok && Percent(15)) v = -v;
    if (Percent(3)) v = 0;
    return Money{v, c};
  }

  Payment Make(size_t index) {
    Payment p;
    p.source_ref = Id("R" + std::to_string(index) + "-");
    const Currency c = Cur(kCurrencies[Below(std::size(kCurrencies))]);
    p.amount = Money{Percent(2) ? int64_t{9'000'000'000'000'000'000} : Minor(100'000'000'00), c};
    p.direction = Percent(15) ? Direction::kDebit : Direction::kCredit;
    p.value_date = Date::FromCivil(2020 + static_cast<int>(Below(10)), 1 + Below(12), 1 + Below(28));
    if (Percent(40)) p.booking_date = Date{p.value_date.days - static_cast<int32_t>(Below(3))};
    if (Percent(85)) p.payer_name = Words(4);
    if (Percent(60)) {
      p.payer_account = Percent(50) ? Id("0210000") + ":" + Id("") : "DE89370400440532013000";
    }
    if (Percent(70)) {
      p.remittance_text = Words(12);
      if (Percent(10)) p.remittance_text += "\ncontinued";
    }
    if (Percent(30)) p.trace_number = Id("0910000");
    if (Percent(30)) p.account = Id("121000248:");
    if (Percent(30)) p.transaction_code = Percent(50) ? "ACH CCD" : "PMNT/RCDT/ESCT";
    if (Percent(8)) {
      p.is_return = true;
      if (Percent(70)) p.return_reason = Percent(50) ? "R01" : "Insufficient funds; see: note";
      if (Percent(70)) p.original_ref = Id("ORIG");
    }
    const size_t lines = Percent(50) ? Below(6) : 0;
    for (size_t i = 0; i < lines; ++i) {
      RemittanceLine l;
      if (Percent(92)) l.reference = Percent(80) ? Id("INV-") : Words(2);
      l.paid = MaybeMoney(c, 85, true);
      l.invoice_amount = MaybeMoney(c, 40, true);
      l.discount = MaybeMoney(c, 20, false);
      l.adjustment = MaybeMoney(c, 15, true);
      if (l.adjustment && Percent(70)) l.adjustment_reason = Words(3);
      // A line must say something: a reference or an amount.
      if (l.reference.empty() && !l.paid && !l.invoice_amount && !l.discount && !l.adjustment) {
        l.paid = Money{1, c};
      }
      p.remittance.push_back(std::move(l));
    }
    return p;
  }

 private:
  std::mt19937_64 rng_;
};

// Text modulo white space: runs of blanks and line breaks are one space.
std::string Squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

void ExpectSamePayment(const Payment& want, const Payment& got) {
  SCOPED_TRACE(want.source_ref);
  EXPECT_EQ(got.source_ref, want.source_ref);
  EXPECT_EQ(got.amount, want.amount);
  EXPECT_EQ(got.direction, want.direction);
  EXPECT_EQ(got.value_date, want.value_date);
  EXPECT_EQ(got.booking_date, want.booking_date);
  EXPECT_EQ(got.payer_name, want.payer_name);
  EXPECT_EQ(got.payer_account, want.payer_account);
  EXPECT_EQ(Squeeze(got.remittance_text), Squeeze(want.remittance_text));
  EXPECT_EQ(got.trace_number, want.trace_number);
  EXPECT_EQ(got.account, want.account);
  EXPECT_EQ(got.transaction_code, want.transaction_code);
  EXPECT_EQ(got.is_return, want.is_return);
  EXPECT_EQ(got.return_reason, want.return_reason);
  EXPECT_EQ(got.original_ref, want.original_ref);
  ASSERT_EQ(got.remittance.size(), want.remittance.size());
  for (size_t i = 0; i < want.remittance.size(); ++i) {
    SCOPED_TRACE(i);
    const RemittanceLine& w = want.remittance[i];
    const RemittanceLine& g = got.remittance[i];
    EXPECT_EQ(g.reference, w.reference);
    EXPECT_EQ(g.paid, w.paid);
    EXPECT_EQ(g.invoice_amount, w.invoice_amount);
    EXPECT_EQ(g.discount, w.discount);
    EXPECT_EQ(g.adjustment, w.adjustment);
    EXPECT_EQ(g.adjustment_reason, w.adjustment_reason);
  }
}

std::vector<Payment> RandomPayments(uint64_t seed, size_t n) {
  Gen gen(seed);
  std::vector<Payment> payments;
  for (size_t i = 0; i < n; ++i) payments.push_back(gen.Make(i));
  return payments;
}

void RoundTrip(const std::vector<Payment>& payments, BankFormat format) {
  const std::string file = format == BankFormat::kPaymentsCsv ? gen::WritePaymentsCsv(payments)
                                                              : gen::WritePaymentsJsonl(payments);
  // Sniffed, not forced: what the writer makes must be recognisable.
  Result<BankFile> r = ReadBankFile(file, "rt.feed");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, format);
  ASSERT_EQ(r->payments.size(), payments.size());
  testing::ExpectWellFormed(*r, "rt.feed");
  uint64_t last_line = 0;
  for (size_t i = 0; i < payments.size(); ++i) {
    ExpectSamePayment(payments[i], r->payments[i]);
    EXPECT_GT(r->payments[i].source_line, last_line);
    last_line = r->payments[i].source_line;
    if (format == BankFormat::kPaymentsJsonl) {
      EXPECT_EQ(r->payments[i].source_line, i + 1);
    }
  }
}

TEST(PaymentsFeedRoundTrip, Csv) {
  for (uint64_t seed : {1, 2, 3, 4, 5, 6}) {
    SCOPED_TRACE(seed);
    RoundTrip(RandomPayments(seed, 300), BankFormat::kPaymentsCsv);
  }
}

TEST(PaymentsFeedRoundTrip, Jsonl) {
  for (uint64_t seed : {1, 2, 3, 4, 5, 6}) {
    SCOPED_TRACE(seed);
    RoundTrip(RandomPayments(seed, 300), BankFormat::kPaymentsJsonl);
  }
}

TEST(PaymentsFeedRoundTrip, EmptyAndSingle) {
  const std::vector<Payment> one = RandomPayments(99, 1);
  RoundTrip(one, BankFormat::kPaymentsCsv);
  RoundTrip(one, BankFormat::kPaymentsJsonl);
  // No payments: a CSV header alone reads as an empty feed.
  Result<BankFile> r = ReadBankFile(gen::WritePaymentsCsv({}), "empty.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->payments.empty());
}

// The writer's variations must all occur, or the round trip tests less than
// it claims.
TEST(PaymentsFeedRoundTrip, WriterVariesItsChoices) {
  const std::vector<Payment> payments = RandomPayments(7, 300);
  const std::string jsonl = gen::WritePaymentsJsonl(payments);
  for (std::string_view want :
       {"\"amount\":\"", "\"amount\":\"-", "\"direction\":\"debit\"",
        "\"direction\":\"credit\"", ":null", "\\u00", "\\ud83d", "\"lines\":\"", "\"lines\":[",
        "\"is_return\":true", "\"is_return\":\"true\"", "\"SOURCE_REF\":", "\"paid\":\"",
        "\\\"", "\\\\", "\\n"}) {
    EXPECT_NE(jsonl.find(want), std::string::npos) << want;
  }
  // Amounts as JSON numbers, positive and negative.
  const auto number_after = [&jsonl](std::string_view key, char first) {
    for (size_t at = jsonl.find(key); at != std::string::npos; at = jsonl.find(key, at + 1)) {
      const char c = jsonl[at + key.size()];
      if (first == '-' ? c == '-' : (c >= '0' && c <= '9')) return true;
    }
    return false;
  };
  EXPECT_TRUE(number_after("\"amount\":", '0'));
  EXPECT_TRUE(number_after("\"amount\":", '-'));
  EXPECT_TRUE(number_after("\"paid\":", '0'));
  EXPECT_EQ(jsonl, gen::WritePaymentsJsonl(payments)) << "the writer must be a pure function";
  const std::string csv = gen::WritePaymentsCsv(payments);
  for (std::string_view want : {",\"", "\"\"", "\\;", "\\:", "\\\\", ",debit,", ",credit,",
                                ",-", "\r\n", "true"}) {
    EXPECT_NE(csv.find(want), std::string::npos) << want;
  }
}

// ---- the fuzz corpus: hand-written feeds ----

struct CorpusRefusal {
  uint64_t line;
  std::string field;
  std::string reason_part;
};

// Files in the corpus that are refused on purpose, and why.
const std::map<std::string, CorpusRefusal>& CorpusRefusals() {
  static const auto* kRefused = new std::map<std::string, CorpusRefusal>{
      // The same lockbox item sent twice: a provider's resend glitch.
      {"duplicate_ref.csv", {4, "source_ref", "duplicate source_ref 'LBX-0002' also on line 3"}},
      // Three decimals for US dollars: refused, never rounded.
      {"bad_decimals.jsonl", {2, "amount", "more than 2 decimals"}},
  };
  return *kRefused;
}

TEST(PaymentsFeedCorpus, EveryFileReadsOrIsRefusedForItsReason) {
  const std::filesystem::path dir = CASHMATCH_FEED_CORPUS_DIR;
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::set<std::string> seen;
  size_t payments = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    seen.insert(name);
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Result<BankFile> r = ReadBankFile(bytes, name);
    const auto refused = CorpusRefusals().find(name);
    if (refused == CorpusRefusals().end()) {
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_FALSE(r->payments.empty());
      testing::ExpectWellFormed(*r, name);
      payments += r->payments.size();
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
      EXPECT_EQ(r.status().where().line, refused->second.line) << r.status().ToString();
      EXPECT_EQ(r.status().where().field, refused->second.field) << r.status().ToString();
      EXPECT_NE(r.status().reason().find(refused->second.reason_part), std::string_view::npos)
          << r.status().ToString();
    }
  }
  for (const auto& [name, why] : CorpusRefusals()) EXPECT_TRUE(seen.count(name)) << name;
  EXPECT_GE(seen.size(), 6u);
  EXPECT_GT(payments, 10u);
}

TEST(PaymentsFeedCorpus, LockboxProviderFeed) {
  std::ifstream in(std::filesystem::path(CASHMATCH_FEED_CORPUS_DIR) / "lockbox_provider.jsonl",
                   std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const BankFile f = testing::ReadBankOk(bytes, "lockbox_provider.jsonl");
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(f.format, BankFormat::kPaymentsJsonl);
  EXPECT_EQ(testing::CreditTotal(f), 1250000 + 48750 + 310000);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.source_ref, "LBX-20261120-0001");
  EXPECT_EQ(p.payer_name, "Northwind Traders");
  EXPECT_EQ(p.payer_account, "021000021:000123456789");
  ASSERT_EQ(p.remittance.size(), 2u);
  EXPECT_EQ(p.remittance[1].reference, "INV-104234");
  EXPECT_EQ(p.remittance[1].discount, testing::M(5000, "USD"));
  EXPECT_EQ(f.payments[3].direction, Direction::kDebit);
  EXPECT_TRUE(f.payments[3].is_return);
}

}  // namespace
}  // namespace cashmatch
