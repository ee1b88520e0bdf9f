// Random remittance advices -> WriteX12_820 -> ReadBankFile -> the same
// advices, over several seeds (which vary terminators, line breaks,
// indentation, a byte-order mark, BPR16 or DTM dates, CUR and cut notes).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "bank_test_util.h"
#include "bank_writers.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

constexpr std::string_view kWords[] = {"NORTHWIND", "CONTOSO", "FABRIKAM", "INVOICE", "PAYMENT",
                                       "FREIGHT",   "CREDIT",  "MEMO",     "PO",      "THANKS",
                                       "M\xC3\x9CLLER", "S\xC3\xA3O PAULO"};
constexpr std::string_view kCurrencies[] = {"USD", "USD", "USD", "EUR", "JPY", "KWD", "CAD"};

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  uint64_t Below(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }
  bool Percent(int p) { return Below(100) < static_cast<uint64_t>(p); }
  std::string Digits(size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + Below(10)));
    return s;
  }
  std::string Words(size_t max_words) {
    std::string s;
    const size_t n = 1 + Below(max_words);
    for (size_t i = 0; i < n; ++i) {
      if (!s.empty()) s.push_back(' ');
      s += kWords[Below(std::size(kWords))];
      if (Percent(30)) s += "-" + Digits(1 + Below(6));
    }
    return s;
  }
  Money Amount(Currency c, bool may_be_negative) {
    int64_t v = 1 + static_cast<int64_t>(Below(Percent(90) ? 10'000'000 : 100'000'000'000));
    if (may_be_negative && Percent(10)) v = -v;
    return Money{v, c};
  }

  RemittanceAdvice Make() {
    RemittanceAdvice a;
    const Currency c = *Currency::FromCode(kCurrencies[Below(std::size(kCurrencies))]);
    a.source_ref = a.trace_number = Percent(50) ? Digits(15) : "TRN-" + Digits(6);
    a.amount = Amount(c, true);
    if (Percent(90)) {
      a.payment_date = Date::FromCivil(2024, 1, 1);
      a.payment_date.days += static_cast<int32_t>(Below(1500));
    }
    a.payer_name = Words(4);
    if (Percent(70)) a.payee_name = Words(3);
    if (Percent(60)) a.payer_account = "0" + Digits(8) + ":" + Digits(4 + Below(14));
    const size_t lines = Below(10);
    for (size_t i = 0; i < lines; ++i) {
      RemittanceLine l;
      l.reference = (Percent(50) ? "INV-" : "") + Digits(3 + Below(12));
      if (Percent(90)) l.paid = Amount(c, true);
      if (Percent(50)) l.invoice_amount = Amount(c, false);
      if (Percent(30)) l.discount = Amount(c, false);
      if (Percent(20)) {
        l.adjustment = Amount(c, true);
        l.adjustment_reason = "0" + Digits(1);
      }
      a.remittance.push_back(l);
    }
    if (Percent(40)) a.remittance_text = Words(40);
    return a;
  }

 private:
  std::mt19937_64 rng_;
};

std::string Collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

class X12RoundTrip : public ::testing::TestWithParam<uint64_t> {};

TEST_P(X12RoundTrip, AdvicesSurviveTheWriterAndTheParser) {
  Gen gen(GetParam());
  std::vector<RemittanceAdvice> advices;
  for (int i = 0; i < 300; ++i) advices.push_back(gen.Make());
  gen::BankWriteOptions o;
  o.seed = GetParam();
  const std::string file = gen::WriteX12_820(advices, o);
  BankFile f = testing::ReadBankOk(file, "rt.edi");
  EXPECT_EQ(f.format, BankFormat::kX12_820);
  ASSERT_EQ(f.advices.size(), advices.size());
  for (size_t i = 0; i < advices.size(); ++i) {
    const RemittanceAdvice& want = advices[i];
    const RemittanceAdvice& got = f.advices[i];
    SCOPED_TRACE(want.source_ref);
    EXPECT_EQ(got.source_ref, want.source_ref);
    EXPECT_EQ(got.trace_number, want.trace_number);
    EXPECT_EQ(got.amount, want.amount);
    EXPECT_EQ(got.payment_date, want.payment_date);
    EXPECT_EQ(got.payer_name, want.payer_name);
    EXPECT_EQ(got.payee_name, want.payee_name);
    EXPECT_EQ(got.payer_account, want.payer_account);
    EXPECT_EQ(got.remittance, want.remittance);
    EXPECT_EQ(Collapse(got.remittance_text), Collapse(want.remittance_text));
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, X12RoundTrip, ::testing::Values(1, 2, 3, 4, 5, 6, 11, 42, 2026));

TEST(X12Writer, SeedsVaryTheLayout) {
  Gen gen(3);
  std::vector<RemittanceAdvice> advices;
  for (int i = 0; i < 5; ++i) advices.push_back(gen.Make());
  bool tilde = false, backslash = false, crlf_only = false, indent = false, bom = false;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    gen::BankWriteOptions o;
    o.seed = seed;
    const std::string f = gen::WriteX12_820(advices, o);
    tilde |= f.find("~") != std::string::npos;
    backslash |= f.find("\\") != std::string::npos;
    crlf_only |= f.find('~') == std::string::npos && f.find('\\') == std::string::npos;
    indent |= f.find("\n  BPR") != std::string::npos;
    bom |= f.starts_with("\xEF\xBB\xBF");
  }
  EXPECT_TRUE(tilde && backslash && crlf_only && indent && bom);
}

}  // namespace
}  // namespace cashmatch
