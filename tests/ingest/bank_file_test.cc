// Format names and content sniffing. Each format's parsing has its own test.
#include "cashmatch/bank_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "bank_test_util.h"

namespace cashmatch {
namespace {

using testing::ReadSample;

TEST(BankFormatNames, RoundTrip) {
  for (BankFormat f : AllBankFormats()) {
    auto back = ParseBankFormatName(BankFormatName(f));
    ASSERT_TRUE(back.has_value()) << BankFormatName(f);
    EXPECT_EQ(*back, f);
  }
  EXPECT_FALSE(ParseBankFormatName("ofx").has_value());
  EXPECT_FALSE(ParseBankFormatName("BAI2").has_value());  // names are lower case
}

BankFormat Sniff(std::string_view bytes) {
  Result<BankFormat> r = DetectBankFormat(bytes);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : BankFormat::kPaymentsCsv;
}

TEST(DetectBankFormat, SmallExamples) {
  EXPECT_EQ(Sniff("01,BANK,CUST,261120,0800,1,80,1,2/\n"), BankFormat::kBai2);
  EXPECT_EQ(Sniff("\xEF\xBB\xBF\r\n01,X,Y,261120,0800,1,,,2/"), BankFormat::kBai2);
  EXPECT_EQ(Sniff("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
                  "camt.053.001.08\"><BkToCstmrStmt>"),
            BankFormat::kCamt053);
  EXPECT_EQ(Sniff("<x:Document xmlns:x=\"whatever\"><x:BkToCstmrDbtCdtNtfctn>"),
            BankFormat::kCamt054);
  EXPECT_EQ(Sniff("<Document><BkToCstmrAcctRpt>"), BankFormat::kCamt052);
  EXPECT_EQ(Sniff("ISA*00*          *00*          *ZZ*A*ZZ*B*261120*0800*U*00401*1*0*P*>~"),
            BankFormat::kX12_820);
  EXPECT_EQ(Sniff(":20:STMT\n:25:123\n:28C:1\n:60F:C261120USD1,00\n"), BankFormat::kMt940);
  EXPECT_EQ(Sniff(":20:RPT\n:25:123\n:28C:1\n:34F:USD0,\n:13D:2611200800+0100\n"),
            BankFormat::kMt942);
  EXPECT_EQ(Sniff("{1:F01BANKBEBBAXXX0000000000}{2:O9401200261120BANKBEBBAXXX00000000002611201200N}"
                  "{4:\n:20:X\n:25:1\n:28C:1\n:60F:C261120EUR1,\n-}"),
            BankFormat::kMt940);
  EXPECT_EQ(Sniff("{\"source_ref\":\"A1\",\"amount\":\"1.00\",\"currency\":\"USD\"}\n"),
            BankFormat::kPaymentsJsonl);
  EXPECT_EQ(Sniff("Source_Ref,value_date,amount,currency,payer_name\nA1,2026-11-20,1.00,USD,X\n"),
            BankFormat::kPaymentsCsv);
  std::string nacha = "101 121000248 1210002482611200800A094101BANK                   COMPANY";
  nacha.resize(94, ' ');
  EXPECT_EQ(Sniff(nacha + "\n"), BankFormat::kNacha);
  EXPECT_EQ(Sniff("100ABCDEFGHIJ00999999911605231800\n2ABCDEFGHIJ0099999991000000000040008000801\n"
                  "50000000022222160523ABCDEFGHIJ0099999991\n"),
            BankFormat::kLockbox);
}

TEST(DetectBankFormat, RefusesWhatItDoesNotRead) {
  for (std::string_view bytes :
       {std::string_view(""), std::string_view("   \n"), std::string_view("hello world\n"),
        std::string_view("<html><body/></html>"),
        std::string_view("OFXHEADER:100\nDATA:OFXSGML\n<OFX>")}) {
    Result<BankFormat> r = DetectBankFormat(bytes);
    EXPECT_FALSE(r.ok()) << bytes;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
      EXPECT_FALSE(r.status().reason().empty());
    }
  }
}

TEST(DetectBankFormat, CompressedFilesAreNamedAsSuch) {
  Result<BankFormat> zip = DetectBankFormat(std::string_view("PK\x03\x04\x14\0\0\0", 8));
  ASSERT_FALSE(zip.ok());
  EXPECT_NE(zip.status().reason().find("ZIP"), std::string_view::npos);
  Result<BankFormat> gz = DetectBankFormat(std::string_view("\x1F\x8B\x08\0", 4));
  ASSERT_FALSE(gz.ok());
  EXPECT_NE(gz.status().reason().find("gzip"), std::string_view::npos);
}

TEST(DetectBankFormat, UnsupportedFileNamesTheFile) {
  Result<BankFile> r = ReadBankFile("just text\n", "notes.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(r.status().where().file, "notes.txt");
}

TEST(ReadBankFile, RefusesFilesOverTheSizeLimit) {
  BankReadOptions options;
  options.max_file_bytes = 8;
  Result<BankFile> r = ReadBankFile("01,A,B,261120,0800,1,,,2/\n", "big.bai", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
}

// Every sample in every folder in scope is recognised as the format of its
// folder, by content alone.
TEST(DetectBankFormat, EverySampleIsRecognisedAsItsFolder) {
  CASHMATCH_REQUIRE_SAMPLES();
  const std::pair<std::string_view, BankFormat> kFolders[] = {
      {"bai2", BankFormat::kBai2},       {"lockbox", BankFormat::kLockbox},
      {"camt052", BankFormat::kCamt052}, {"camt053", BankFormat::kCamt053},
      {"camt054", BankFormat::kCamt054}, {"mt940", BankFormat::kMt940},
      {"mt942", BankFormat::kMt942},     {"nacha", BankFormat::kNacha},
      {"x12_820", BankFormat::kX12_820},
  };
  for (const auto& [folder, format] : kFolders) {
    for (const auto& entry : std::filesystem::directory_iterator(*testing::SamplesDir() / folder)) {
      const std::string name = entry.path().filename().string();
      // Archives are unpacked before sniffing (not a bank format themselves).
      if (name.ends_with(".zip") || name.ends_with(".gz")) continue;
      SCOPED_TRACE(name);
      std::string bytes = ReadSample(std::string(folder) + "/" + name);
      Result<BankFormat> r = DetectBankFormat(bytes);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(BankFormatName(*r), BankFormatName(format));
    }
  }
}

}  // namespace
}  // namespace cashmatch
