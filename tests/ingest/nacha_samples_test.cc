// Every NACHA sample in ../shared/samples/nacha: what it holds, or why it is
// refused (see docs/formats/nacha.md for the decisions behind each).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <unistd.h>

#include "bank_test_util.h"
#include "bank_text.h"
#include "cashmatch/bank_file.h"

namespace cashmatch {
namespace {

using testing::CreditCount;
using testing::CreditTotal;
using testing::D;
using testing::ExpectWellFormed;
using testing::M;
using testing::ReadSample;

constexpr std::string_view kDir = "nacha/";

BankFile ReadNachaSample(std::string_view name) {
  const std::string path = std::string(kDir) + std::string(name);
  BankFile f = testing::ReadBankOk(ReadSample(path), name);
  EXPECT_EQ(f.format, BankFormat::kNacha);
  ExpectWellFormed(f, name);
  return f;
}

Status RefuseNachaSample(std::string_view name) {
  return testing::ReadBankError(ReadSample(std::string(kDir) + std::string(name)), name);
}

int64_t DebitTotal(const BankFile& f) {
  int64_t sum = 0;
  for (const Payment& p : f.payments)
    if (p.direction == Direction::kDebit) sum += p.amount.minor;
  return sum;
}

void ExpectAllUtf8(const BankFile& f) {
  for (const Payment& p : f.payments) {
    for (const std::string* s : {&p.payer_name, &p.payer_account, &p.remittance_text, &p.account,
                                 &p.source_ref}) {
      EXPECT_TRUE(ingest::IsValidUtf8(*s)) << *s;
    }
    for (const RemittanceLine& l : p.remittance) EXPECT_TRUE(ingest::IsValidUtf8(l.reference));
  }
}

// Wells Fargo style CCD file: five batches, one debit, two CCD+ entries
// whose addenda are X12 fragments.
TEST(NachaSamples, CcdValid) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("DFDLSchemas-NACHA__ccd_valid_1.txt");
  ASSERT_EQ(f.payments.size(), 9u);
  EXPECT_EQ(CreditCount(f), 8u);
  EXPECT_EQ(CreditTotal(f), 126324213);  // the file control's total credit
  EXPECT_EQ(DebitTotal(f), 542151200);
  const Payment& debit = f.payments[0];
  EXPECT_EQ(debit.direction, Direction::kDebit);
  EXPECT_EQ(debit.transaction_code, "CCD/27");
  EXPECT_EQ(debit.payer_name, "APD TX/FINCL SVC");
  EXPECT_EQ(debit.account, "107005432:00004001191477");
  EXPECT_EQ(f.payments[1].payer_name, "ARAR");
  EXPECT_EQ(f.payments[2].payer_name, "ACME   WORLDWIDE");  // inner blanks are the bank's
  const Payment& rmr = f.payments[4];
  EXPECT_EQ(rmr.source_ref, "021101100001681");
  EXPECT_EQ(rmr.trace_number, "021101100001681");
  EXPECT_EQ(rmr.source_line, 13u);
  EXPECT_EQ(rmr.amount, M(37500, "USD"));
  EXPECT_EQ(rmr.value_date, D(2005, 11, 18));
  EXPECT_EQ(rmr.remittance_text, "RMR*OI*0140611**-1170.49*25*1170.36*");
  ASSERT_EQ(rmr.remittance.size(), 1u);
  EXPECT_EQ(rmr.remittance[0].reference, "0140611");
  EXPECT_EQ(rmr.remittance[0].paid, M(-117049, "USD"));
  EXPECT_EQ(rmr.remittance[0].invoice_amount, M(2500, "USD"));
  EXPECT_EQ(rmr.remittance[0].discount, M(117036, "USD"));
  ASSERT_EQ(f.payments[5].remittance.size(), 1u);
  EXPECT_EQ(f.payments[5].remittance[0].reference, "504058968");
  EXPECT_FALSE(f.payments[5].remittance[0].paid.has_value());
  EXPECT_EQ(f.payments[8].payer_name, "SCISSORS");
  EXPECT_EQ(f.payments[8].amount, M(100813537, "USD"));
  EXPECT_TRUE(f.payments[8].payer_account.empty());  // CCD carries no payer account
}

void ExpectCtxValid(const BankFile& f) {
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(CreditTotal(f), 301192815);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.source_ref, "011000132000001");
  EXPECT_EQ(p.transaction_code, "CTX/22");
  // No N1*PR in this 820: the batch's company name is the payer.
  EXPECT_EQ(p.payer_name, "VIA LICENSING CO");
  EXPECT_EQ(p.payer_account, "011000138:0055158594");  // BPR07:BPR09
  EXPECT_EQ(p.account, "121042882:0290150341");
  // The batch has no effective date: the settlement date (day 333) stands.
  EXPECT_EQ(p.value_date, D(2007, 11, 29));
  ASSERT_EQ(p.remittance.size(), 3u);
  EXPECT_EQ(p.remittance[1].reference, "0140611");
  EXPECT_EQ(p.remittance[1].paid, M(5637697, "USD"));
  EXPECT_EQ(p.remittance[1].invoice_amount, M(5750364, "USD"));
  EXPECT_EQ(p.remittance[1].discount, M(112667, "USD"));
  // "58970.0" ends addenda 6 and "88" starts addenda 7: joined, not spaced.
  EXPECT_EQ(p.remittance[2].reference, "0140845");
  EXPECT_EQ(p.remittance[2].invoice_amount, M(5897088, "USD"));
  EXPECT_EQ(p.remittance[2].discount, M(117942, "USD"));
  const Payment& orange = f.payments[2];
  EXPECT_EQ(orange.payer_name, "ORANGE COMPUTER");  // N1*PR
  EXPECT_EQ(orange.payer_account, "121000358:1233229195");
  EXPECT_EQ(orange.value_date, D(2006, 8, 7));
  EXPECT_EQ(orange.remittance_text, "CORP PYMNT");  // REF*TN's description
  ASSERT_EQ(orange.remittance.size(), 1u);
  EXPECT_EQ(orange.remittance[0].reference, "MP42006Q22000407");
  EXPECT_EQ(orange.remittance[0].paid, M(278593129, "USD"));
}

TEST(NachaSamples, CtxValidWithX12InTheAddenda) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("DFDLSchemas-NACHA__ctx_valid_1.txt");
  ExpectCtxValid(f);
  ASSERT_EQ(f.payments.size(), 3u);
  EXPECT_EQ(f.payments[0].source_line, 3u);
  EXPECT_EQ(f.payments[2].source_line, 23u);
}

// The same file without line breaks: the same payments, all on line 1.
TEST(NachaSamples, CtxValidWithoutLineBreaks) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile lines = ReadNachaSample("DFDLSchemas-NACHA__ctx_valid_1.txt");
  BankFile flat = ReadNachaSample("DFDLSchemas-NACHA__ctx_valid_1_nolines.txt");
  ExpectCtxValid(flat);
  ASSERT_EQ(flat.payments.size(), lines.payments.size());
  for (size_t i = 0; i < flat.payments.size(); ++i) {
    EXPECT_EQ(flat.payments[i].source_line, 1u);
    Payment a = flat.payments[i], b = lines.payments[i];
    a.source_line = b.source_line = 0;
    a.source_file = b.source_file = "";
    EXPECT_EQ(a, b);
  }
}

TEST(NachaSamples, PpdReturn) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("DFDLSchemas-NACHA__ppd_return.txt");
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_TRUE(p.is_return);
  EXPECT_EQ(p.direction, Direction::kDebit);  // 26: a returned debit takes money back
  EXPECT_EQ(p.return_reason, "R01");
  EXPECT_EQ(p.original_ref, "271111110000301");
  EXPECT_EQ(p.source_ref, "345130930000001");
  EXPECT_EQ(p.amount, M(60000, "USD"));
  EXPECT_EQ(p.payer_name, "Beth Connor");
  EXPECT_EQ(p.payer_account, "271111113:31872-76548");
  EXPECT_TRUE(p.account.empty());
  EXPECT_EQ(p.value_date, D(1990, 6, 26));
}

TEST(NachaSamples, DishonoredReturn) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("DFDLSchemas-NACHA__ppd_dishonored_return.txt");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_TRUE(f.payments[0].is_return);
  EXPECT_EQ(f.payments[0].return_reason, "R68");
  EXPECT_EQ(f.payments[0].original_ref, "271111110000301");
  EXPECT_NE(f.payments[0].remittance_text.find("345130930000001 (R01)"), std::string::npos);
}

TEST(NachaSamples, ContestedDishonoredReturn) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("DFDLSchemas-NACHA__ppd_contested_dishonored_return.txt");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].return_reason, "R72");
  EXPECT_EQ(f.payments[0].original_ref, "271111110000301");
  EXPECT_NE(f.payments[0].remittance_text.find("345130930000099 (R68)"), std::string::npos);
}

// A US Bank test file that moov-io keeps as known-invalid. Its first fault
// is the file header: the immediate origin has 9 characters instead of 10
// (the line is 93 long), so "094101" sits at position 34 and every later
// header field is misplaced. Its batch headers are a column off as well,
// which the next test shows once the file header is mended.
TEST(NachaSamples, InvalidUsBankFileIsRefusedForItsShiftedHeader) {
  CASHMATCH_REQUIRE_SAMPLES();
  Status s = RefuseNachaSample("moov-io-ach__20110729A-invalid.ach");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.where().line, 1u);
  EXPECT_EQ(s.where().field, "record_size");
  EXPECT_NE(s.reason().find("record size '094' is at position 34, not 35"), std::string_view::npos)
      << s.ToString();
  EXPECT_NE(s.reason().find("1 character short"), std::string_view::npos);
}

TEST(NachaSamples, InvalidUsBankFileAlsoHasShiftedBatchHeaders) {
  CASHMATCH_REQUIRE_SAMPLES();
  std::string bytes = ReadSample("nacha/moov-io-ach__20110729A-invalid.ach");
  bytes.insert(13, " ");  // the missing blank before the origin's routing number
  Status s = testing::ReadBankError(bytes, "fixed.ach");
  EXPECT_EQ(s.where().line, 2u) << s.ToString();
  EXPECT_EQ(s.where().field, "standard_entry_class_code");
  EXPECT_NE(s.reason().find("'PPD' is at positions 50-52, not 51-53"), std::string_view::npos)
      << s.ToString();
}

TEST(NachaSamples, GzipIsRefusedByTheDispatcher) {
  CASHMATCH_REQUIRE_SAMPLES();
  Status s = RefuseNachaSample("moov-io-ach__CCD+addenda05-200-batches-100000-entries.ach.gz");
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_NE(s.reason().find("gzip"), std::string_view::npos);
}

// 100,000 CCD+ debits in 200 batches, when gzip is there to unpack them.
TEST(NachaSamples, GzipContentParsesWhenDecompressed) {
  CASHMATCH_REQUIRE_SAMPLES();
  if (std::system("command -v gzip > /dev/null 2>&1") != 0) GTEST_SKIP() << "no gzip on PATH";
  const auto src = *testing::SamplesDir() /
                   "nacha/moov-io-ach__CCD+addenda05-200-batches-100000-entries.ach.gz";
  const auto out = std::filesystem::temp_directory_path() /
                   ("nacha_gz_" + std::to_string(::getpid()) + ".ach");
  const std::string cmd = "gzip -dc '" + src.string() + "' > '" + out.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(out, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(out);
  BankFile f = testing::ReadBankOk(bytes, "large.ach");
  ASSERT_EQ(f.payments.size(), 100000u);
  EXPECT_EQ(CreditCount(f), 0u);
  EXPECT_EQ(DebitTotal(f), 123400000);  // the file control's total debit
  // Effective date "000000": the file's creation date stands in.
  EXPECT_EQ(f.payments[0].value_date, D(2026, 7, 11));
  EXPECT_EQ(f.payments[99999].source_ref, "121042880100000");
  EXPECT_EQ(f.payments[99999].remittance_text, "This is an Addenda05");
}

// Fiserv "zero file": header, control and filler only, CRLF, short lines.
TEST(NachaSamples, FiservZeroFile) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("moov-io-ach__FISERV-ZEROFILE-PIMRET825324_032720_110221.ach");
  EXPECT_TRUE(f.payments.empty());
  EXPECT_TRUE(f.advices.empty());
}

TEST(NachaSamples, CcdDebits) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("moov-io-ach__ccd-debit.ach");
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(CreditCount(f), 0u);
  EXPECT_EQ(DebitTotal(f), 500125);
  EXPECT_EQ(f.payments[0].payer_name, "Name on Account");
  EXPECT_EQ(f.payments[0].account, "231380104:744-5678-99");
  EXPECT_EQ(f.payments[0].value_date, D(2018, 11, 27));
  EXPECT_EQ(f.payments[1].source_ref, "031300010000002");
}

// A notification of change moves no money: nothing to apply.
TEST(NachaSamples, NotificationOfChangeIsNotAPayment) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("moov-io-ach__cor-example.ach");
  EXPECT_TRUE(f.payments.empty());
  EXPECT_TRUE(f.advices.empty());
}

// CTX whose addenda are free text, not X12.
TEST(NachaSamples, CtxWithFreeTextAddenda) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("moov-io-ach__ctx-debit.ach");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].direction, Direction::kDebit);
  EXPECT_EQ(f.payments[0].amount, M(100000000, "USD"));
  EXPECT_EQ(f.payments[0].remittance_text, "Debit First Account Debit Second Account");
  EXPECT_TRUE(f.payments[0].remittance.empty());
}

// ISO-8859-1 CTX whose 820 uses 0xA6 as element separator. The file
// control is wrong (entry/addenda count 1 for 13 records, block count 1
// for 20 records), so the file is refused as it is...
TEST(NachaSamples, NonAsciiFileControlIsWrong) {
  CASHMATCH_REQUIRE_SAMPLES();
  Status s = RefuseNachaSample("moov-io-ach__nonascii.ach");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.where().line, 17u);
  EXPECT_EQ(s.where().field, "entry_addenda_count");
  EXPECT_NE(s.reason().find("entry/addenda count 1 but the file has 13"), std::string_view::npos)
      << s.ToString();
}

// ...and read once the control says 13 records and 2 blocks: the 0xA6
// bytes separate elements, and no text comes out garbled.
TEST(NachaSamples, NonAsciiX12WithMendedControl) {
  CASHMATCH_REQUIRE_SAMPLES();
  std::string bytes = ReadSample("nacha/moov-io-ach__nonascii.ach");
  const std::string bad = "9000001000001000000010023138010000100000000000000000000";
  const size_t at = bytes.find(bad);
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, bad.size(), "9000001000002000000130023138010000100000000000000000000");
  BankFile f = testing::ReadBankOk(bytes, "nonascii.ach");
  ASSERT_EQ(f.payments.size(), 1u);
  ExpectAllUtf8(f);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.direction, Direction::kDebit);
  EXPECT_EQ(p.amount, M(100000000, "USD"));
  EXPECT_EQ(p.payer_name, "META PLATFORMS INC");      // N1¦PR
  EXPECT_EQ(p.payer_account, "026009593:8765117001");  // BPR¦...
  ASSERT_EQ(p.remittance.size(), 2u);
  EXPECT_EQ(p.remittance[0].reference, "/PHON 888-888-8888 /CONT JO SM");
  EXPECT_EQ(p.remittance[1].reference, "ANG");
  EXPECT_EQ(p.remittance_text.find("\xC2\xA6"), std::string::npos);  // no '¦' leaked
}

TEST(NachaSamples, PpdWithoutLineBreaks) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("moov-io-ach__ppd-debit-fixedLength.ach");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].amount, M(10500, "USD"));
  EXPECT_EQ(f.payments[0].source_ref, "076401255655291");
  EXPECT_EQ(f.payments[0].source_line, 1u);
  EXPECT_EQ(f.payments[0].value_date, D(2008, 7, 30));
}

TEST(NachaSamples, WebReturns) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("moov-io-ach__return-WEB.ach");
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(f.payments[0].return_reason, "R01");
  EXPECT_EQ(f.payments[0].direction, Direction::kDebit);  // 26
  EXPECT_EQ(f.payments[0].original_ref, "091400600000001");
  EXPECT_EQ(f.payments[0].payer_name, "Paul Jones");
  EXPECT_EQ(f.payments[1].return_reason, "R03");
  EXPECT_EQ(f.payments[1].direction, Direction::kCredit);  // 21: our credit came back
  EXPECT_EQ(f.payments[1].amount, M(4565, "USD"));
  EXPECT_EQ(f.payments[1].transaction_code, "WEB/21");
}

TEST(NachaSamples, MicroDeposits) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("moov-io-ach__two-micro-deposits.ach");
  ASSERT_EQ(f.payments.size(), 6u);
  EXPECT_EQ(CreditCount(f), 4u);
  EXPECT_EQ(CreditTotal(f), 120);
  EXPECT_EQ(DebitTotal(f), 120);
  EXPECT_EQ(f.payments[0].transaction_code, "PPD/32");
  EXPECT_EQ(f.payments[0].remittance_text, "paygate transaction");
}

// TXP tax payment. The batch header puts its effective date two columns
// late ("  2510" / "16    "), so it is no date: the file's creation date
// (251016) stands in, as for a blank one.
TEST(NachaSamples, TaxPaymentWithMisplacedEffectiveDate) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("moov-io-ach__txp-credit.ach");
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].amount, M(12345, "USD"));
  EXPECT_EQ(f.payments[0].payer_name, "ACME CORP");
  EXPECT_EQ(f.payments[0].value_date, D(2025, 10, 16));
  EXPECT_EQ(f.payments[0].remittance_text, "TXP*123456789*941*250901*941*12345*1*1000*2*500***VER\\");
  EXPECT_TRUE(f.payments[0].remittance.empty());  // TXP is not remittance of invoices
}

TEST(NachaSamples, WebAndPpdBatches) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadNachaSample("moov-io-ach__web-debit.ach");
  ASSERT_EQ(f.payments.size(), 6u);
  EXPECT_EQ(CreditTotal(f), 26820);
  EXPECT_EQ(DebitTotal(f), 15000);
  EXPECT_EQ(f.payments[0].account, "081000210:12345678901234567");
  EXPECT_EQ(f.payments[4].value_date, D(2015, 3, 16));
  EXPECT_EQ(f.payments[5].transaction_code, "PPD/27");
}

// A new file in the folder must either parse or be named here with why.
TEST(NachaSamples, EveryFileInTheFolderIsCovered) {
  CASHMATCH_REQUIRE_SAMPLES();
  const std::map<std::string, StatusCode> refused = {
      {"moov-io-ach__20110729A-invalid.ach", StatusCode::kInvalidInput},  // shifted header
      {"moov-io-ach__CCD+addenda05-200-batches-100000-entries.ach.gz",
       StatusCode::kUnsupported},                                         // gzip
      {"moov-io-ach__nonascii.ach", StatusCode::kInvalidInput},           // file control
  };
  size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*testing::SamplesDir() / "nacha")) {
    const std::string name = entry.path().filename().string();
    if (name == "PROVENANCE.md" || name.ends_with(".md")) continue;
    ++seen;
    SCOPED_TRACE(name);
    const std::string bytes = ReadSample(std::string(kDir) + name);
    Result<BankFile> r = ReadBankFile(bytes, name);
    if (auto it = refused.find(name); it != refused.end()) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), it->second);
      EXPECT_FALSE(r.status().reason().empty());
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->format, BankFormat::kNacha);
    ExpectWellFormed(*r, name);
    ExpectAllUtf8(*r);
  }
  EXPECT_GE(seen, 18u);
}

}  // namespace
}  // namespace cashmatch
