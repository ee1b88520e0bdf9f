// Every X12 820 sample in ../shared/samples/x12_820: what it holds, or why
// it is refused (docs/formats/x12_820.md has the decisions).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "bank_test_util.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

using testing::D;
using testing::M;
using testing::ReadSample;

BankFile ReadX12Sample(std::string_view name) {
  BankFile f = testing::ReadBankOk(ReadSample("x12_820/" + std::string(name)), name);
  EXPECT_EQ(f.format, BankFormat::kX12_820);
  EXPECT_TRUE(f.payments.empty());  // an 820 moves no money of its own
  for (const RemittanceAdvice& a : f.advices) {
    EXPECT_EQ(a.source_file, name);
    EXPECT_EQ(a.format, "x12_820");
    EXPECT_GT(a.source_line, 0u);
    EXPECT_TRUE(a.amount.currency.valid());
    for (const RemittanceLine& l : a.remittance) {
      if (l.paid) {
        EXPECT_EQ(l.paid->currency, a.amount.currency);
      }
    }
  }
  return f;
}

int64_t PaidSum(const RemittanceAdvice& a) {
  int64_t sum = 0;
  for (const RemittanceLine& l : a.remittance) sum += l.paid ? l.paid->minor : 0;
  return sum;
}

// BOM, CRLF as the only terminator, indented loops, ISA version "00040".
TEST(X12Samples, MortgageBankers) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadX12Sample("Inteligenz-X12Parser__Example1_MortgageBankers.txt");
  ASSERT_EQ(f.advices.size(), 1u);
  const RemittanceAdvice& a = f.advices[0];
  EXPECT_EQ(a.source_line, 3u);
  EXPECT_EQ(a.source_ref, "888999");
  EXPECT_EQ(a.trace_number, "888999");
  EXPECT_EQ(a.amount, M(33767, "USD"));
  EXPECT_EQ(a.payment_date, D(1999, 1, 5));  // BPR16, not the DTM*097
  EXPECT_EQ(a.payer_account, "111111111:900555");
  EXPECT_TRUE(a.payer_name.empty());  // N1*41 and N1*MH: neither payer nor remitter
  ASSERT_EQ(a.remittance.size(), 2u);
  EXPECT_EQ(a.remittance[0].reference, "8889444");
  EXPECT_EQ(a.remittance[0].paid, M(23600, "USD"));
  EXPECT_EQ(a.remittance[1].reference, "66666789");
  EXPECT_EQ(a.remittance[1].paid, M(1016700, "USD"));
  EXPECT_EQ(a.remittance_text, "LD 992222 LD 12345");  // the REFs of the RMR loops
}

// Trailing blanks inside segments, "10000" without decimals, masked bank data.
TEST(X12Samples, ScanaEnergy) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadX12Sample("Inteligenz-X12Parser__Example2_ScanaEnergy.txt");
  ASSERT_EQ(f.advices.size(), 1u);
  const RemittanceAdvice& a = f.advices[0];
  EXPECT_EQ(a.source_ref, "0001");
  EXPECT_EQ(a.amount, M(1000000, "USD"));
  EXPECT_EQ(a.payment_date, D(2003, 1, 1));
  EXPECT_EQ(a.payer_name, "CUSTOMER NAME");
  EXPECT_EQ(a.payee_name, "SCANA");
  EXPECT_EQ(a.payer_account, "xxxx:xxxx");  // as the sender masked it
  ASSERT_EQ(a.remittance.size(), 1u);
  EXPECT_EQ(a.remittance[0].reference, "5189800007544");
  EXPECT_EQ(a.remittance[0].paid, M(500000, "USD"));
}

// The Home Depot implementation-guide template: placeholders, not values.
TEST(X12Samples, HomeDepotTemplateIsRefused) {
  CASHMATCH_REQUIRE_SAMPLES();
  Status s = testing::ReadBankError(
      ReadSample("x12_820/Inteligenz-X12Parser__Example3_HomeDepot.txt"), "hd.txt");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.where().line, 4u);
  EXPECT_EQ(s.where().field, "BPR02");
  EXPECT_NE(s.reason().find("'TOTAL DOLLAR AMT OF CHECK' is not a number"), std::string_view::npos)
      << s.ToString();
}

// '\' terminators with blanks before them. The example leaves out BPR11,
// so its date falls in BPR15: read as no date rather than guessed.
TEST(X12Samples, Wikipedia) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadX12Sample("Inteligenz-X12Parser__Example5_Wikipedia.txt");
  ASSERT_EQ(f.advices.size(), 1u);
  const RemittanceAdvice& a = f.advices[0];
  EXPECT_EQ(a.source_ref, "0310162359");
  EXPECT_EQ(a.amount, M(7777, "USD"));
  EXPECT_EQ(a.payer_name, "WHIZCO OF AMERICA INC");
  EXPECT_EQ(a.payee_name, "YOWZACO");
  EXPECT_EQ(a.payer_account, "234056789:0099109999");
  EXPECT_EQ(a.payment_date, Date{});
  ASSERT_EQ(a.remittance.size(), 3u);
  EXPECT_EQ(a.remittance[2].reference, "4444444444444444");
  EXPECT_EQ(PaidSum(a), 7777);
}

// Version 001010; SE02 "000001203" for ST02 "0001203" (the same number).
TEST(X12Samples, Example6) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadX12Sample("Inteligenz-X12Parser__Example6.txt");
  ASSERT_EQ(f.advices.size(), 1u);
  const RemittanceAdvice& a = f.advices[0];
  EXPECT_EQ(a.amount, M(6655, "USD"));
  EXPECT_EQ(a.payment_date, D(2005, 4, 13));
  EXPECT_EQ(a.payer_name, "VIJSHTA Business Incor");
  ASSERT_EQ(a.remittance.size(), 2u);
  EXPECT_EQ(a.remittance[1].reference, "3151535551301500");
  EXPECT_EQ(a.remittance[1].paid, M(5235, "USD"));
  EXPECT_EQ(a.remittance[1].invoice_amount, M(5235, "USD"));
  EXPECT_EQ(a.remittance[1].discount, M(0, "USD"));
}

// 003010: BPS for BPR, RMT for RMR, unpadded ISA, LF terminators. RMT*IX
// lines itemise the invoice above them (63.947 is a unit price) and are
// not remittance lines. There is no TRN, so no trace.
TEST(X12Samples, Version003010WithBpsAndRmt) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadX12Sample("kputnam-stupidedi__003010-RA820-1.edi");
  ASSERT_EQ(f.advices.size(), 1u);
  const RemittanceAdvice& a = f.advices[0];
  EXPECT_EQ(a.amount, M(1880608, "USD"));
  EXPECT_EQ(a.payment_date, D(1996, 2, 23));  // BPS12
  EXPECT_TRUE(a.source_ref.empty());
  ASSERT_EQ(a.remittance.size(), 2u);
  EXPECT_EQ(a.remittance[0].reference, "0900");
  EXPECT_EQ(a.remittance[0].paid, M(813613, "USD"));
  EXPECT_EQ(a.remittance[0].invoice_amount, M(813613, "USD"));
  EXPECT_EQ(a.remittance[1].reference, "8221");
  EXPECT_EQ(PaidSum(a), 1880608);
  EXPECT_NE(a.remittance_text.find("REMITTANCE ADVICE INV NUM"), std::string::npos);
}

TEST(X12Samples, HipaaListBill) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadX12Sample("kputnam-stupidedi__X218-list-bill-payment.edi");
  ASSERT_EQ(f.advices.size(), 1u);
  const RemittanceAdvice& a = f.advices[0];
  EXPECT_EQ(a.source_ref, "78905");
  EXPECT_EQ(a.amount, M(25500, "USD"));
  EXPECT_EQ(a.payment_date, D(2007, 11, 3));
  EXPECT_EQ(a.payer_name, "ALFA MEDAL CO");
  EXPECT_EQ(a.payee_name, "BATA INSURANCE CO.");
  EXPECT_EQ(a.payer_account, "999999992:12345678");
  ASSERT_EQ(a.remittance.size(), 6u);
  EXPECT_EQ(PaidSum(a), 25500);
}

// Negative lines (user fees); the payer is the N1*RM remitter.
TEST(X12Samples, HealthExchangePayments) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadX12Sample("kputnam-stupidedi__X306-final-hix-820-payments-exceed-charges.edi");
  ASSERT_EQ(f.advices.size(), 1u);
  const RemittanceAdvice& a = f.advices[0];
  EXPECT_EQ(a.source_ref, "123456789123459");
  EXPECT_EQ(a.amount, M(111000, "USD"));
  EXPECT_EQ(a.payer_name, "CMS");
  EXPECT_EQ(a.payee_name, "NATIONAL");
  EXPECT_TRUE(a.payer_account.empty());  // BPR07/BPR09 are empty
  ASSERT_EQ(a.remittance.size(), 6u);
  EXPECT_EQ(a.remittance[2].reference, "UF");
  EXPECT_EQ(a.remittance[2].paid, M(-2500, "USD"));
  EXPECT_EQ(PaidSum(a), 111000);
}

TEST(X12Samples, EveryFileInTheFolderIsCovered) {
  CASHMATCH_REQUIRE_SAMPLES();
  const std::map<std::string, StatusCode> refused = {
      {"Inteligenz-X12Parser__Example3_HomeDepot.txt", StatusCode::kInvalidInput},  // placeholders
  };
  size_t seen = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(*testing::SamplesDir() / "x12_820")) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".md")) continue;
    ++seen;
    SCOPED_TRACE(name);
    Result<BankFile> r = ReadBankFile(ReadSample("x12_820/" + name), name);
    if (auto it = refused.find(name); it != refused.end()) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), it->second);
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->format, BankFormat::kX12_820);
    EXPECT_FALSE(r->advices.empty());
  }
  EXPECT_GE(seen, 8u);
}

}  // namespace
}  // namespace cashmatch
