// The real BAI2 files in samples/bai2 (PROVENANCE.md describes each): every
// one either parses with the payments asserted here or is refused for the
// reason a person reading it would give.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "ingest/bai2_test_util.h"

namespace cashmatch {
namespace {

using testing::CreditCount;
using testing::CreditTotal;
using testing::D;
using testing::M;
using testing::ReadSample;

BankFile ReadSampleOk(std::string_view name) {
  const std::string path = "bai2/" + std::string(name);
  BankFile f = testing::ReadBankOk(ReadSample(path), name);  // sniffed, not forced
  testing::ExpectWellFormed(f, name);
  EXPECT_EQ(f.format, BankFormat::kBai2);
  return f;
}

Status ReadSampleError(std::string_view name) {
  return testing::ReadBankError(ReadSample("bai2/" + std::string(name)), name);
}

const Payment* FindRef(const BankFile& f, std::string_view ref) {
  for (const Payment& p : f.payments) {
    if (p.source_ref == ref) return &p;
  }
  ADD_FAILURE() << "no payment with source_ref " << ref;
  return nullptr;
}

// Citi UK: one Faster Payments credit of 0.01 GBP whose payer is in the
// BO1: (name), BO: (account) and OB: (sort code) continuations.
TEST(Bai2Samples, CitiFasterPayment) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadSampleOk("ministryofjustice-bai2__citi_example.bai2");
  ASSERT_EQ(f.payments.size(), 1u);
  const Payment& p = f.payments[0];
  EXPECT_EQ(p.source_line, 4u);
  EXPECT_EQ(p.source_ref, "1234567890");  // bank reference, not RP123...
  EXPECT_EQ(p.amount, M(1, "GBP"));
  EXPECT_EQ(p.direction, Direction::kCredit);
  EXPECT_EQ(p.transaction_code, "191");
  EXPECT_EQ(p.value_date, D(2015, 7, 15));
  EXPECT_EQ(p.booking_date, D(2015, 7, 15));
  EXPECT_EQ(p.payer_name, "DOE JO");
  EXPECT_EQ(p.payer_account, "111111:11111111");
  EXPECT_EQ(p.account, "77777777");
  // PY: is the payer's own reference: kept in the text for the matcher.
  EXPECT_NE(p.remittance_text.find("PY:RP1231231231231200"), std::string::npos);
  EXPECT_NE(p.remittance_text.find("A1234BC 22/03/66"), std::string::npos);
  EXPECT_TRUE(p.remittance_text.starts_with("FR:FP SIP INCOMING ENDT:20150715"));
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].opening, M(10000, "GBP"));
  EXPECT_EQ(f.statements[0].closing, M(10000, "GBP"));
}

// NatWest: blank 02 currency (03 says GBP), a header time with colons, 16
// records with neither bank nor customer reference (source_ref stays
// empty), and a text broken mid-word at column 80 ("CLIE" + "NT").
TEST(Bai2Samples, NatWest) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadSampleOk("ministryofjustice-bai2__nwb_example.bai2");
  ASSERT_EQ(f.payments.size(), 5u);
  EXPECT_EQ(CreditCount(f), 1u);
  EXPECT_EQ(CreditTotal(f), 89);
  EXPECT_EQ(f.payments[0].direction, Direction::kDebit);
  EXPECT_EQ(f.payments[0].amount, M(971, "GBP"));
  EXPECT_EQ(f.payments[0].source_ref, "");
  EXPECT_EQ(f.payments[0].account, "88888888 600004");
  const Payment& credit = f.payments[4];
  EXPECT_EQ(credit.source_line, 13u);
  EXPECT_EQ(credit.transaction_code, "399");
  EXPECT_EQ(credit.value_date, D(2009, 12, 16));
  EXPECT_EQ(credit.remittance_text,
            "TFR XBANKGO24007680SJ CAT JPY 2 GBPXBANKGO24007680BGC INTERNATIONAL-5373 CLIENT "
            "SECCY AC TFR");
}

// Silicon Valley Bank: two groups (two days) for one account, 03 summaries
// continued over 88s (one with a stray trailing comma), 99 without '/'.
TEST(Bai2Samples, SiliconValleyBank) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadSampleOk("ministryofjustice-bai2__svb_us_example.bai2");
  ASSERT_EQ(f.payments.size(), 2u);
  EXPECT_EQ(CreditTotal(f), 490196 + 905800);
  EXPECT_EQ(f.payments[0].source_ref, "172629");
  EXPECT_EQ(f.payments[0].value_date, D(2022, 2, 1));
  EXPECT_EQ(f.payments[1].source_ref, "150675");
  EXPECT_EQ(f.payments[1].source_line, 16u);
  EXPECT_EQ(f.payments[1].value_date, D(2022, 2, 2));
  EXPECT_EQ(f.payments[1].remittance_text, "SOME PAYMENT ACH OFFSET");
  EXPECT_EQ(f.payments[1].transaction_code, "142");
  ASSERT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(f.statements[1].closing, M(36122975, "USD"));
}

// Two accounts and no transactions; the 49 totals are blank (allowed).
TEST(Bai2Samples, BlankAccountTrailerAmount) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadSampleOk("ministryofjustice-bai2__account_trailer_amount_blank_example.bai2");
  EXPECT_TRUE(f.payments.empty());
  ASSERT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(f.statements[1].account, "54321");
}

// Canadian bank: '+' signed zero-padded amounts, CAD, funds type V with a
// value date a day before the as-of date, fixed 20-character text.
TEST(Bai2Samples, CanadianFixedText) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadSampleOk("moov-io-bai2__sample1.txt");
  ASSERT_EQ(f.payments.size(), 17u);
  EXPECT_EQ(CreditCount(f), 5u);
  EXPECT_EQ(CreditTotal(f), 203500 + 2500 + 2500 + 11500 + 100000);
  const Payment& first = f.payments[0];
  EXPECT_EQ(first.amount, M(2500, "CAD"));
  EXPECT_EQ(first.direction, Direction::kDebit);
  EXPECT_EQ(first.remittance_text, "RETURNED CHEQUE");
  EXPECT_EQ(first.value_date, D(2006, 3, 16));
  EXPECT_EQ(first.booking_date, D(2006, 3, 17));
  EXPECT_EQ(f.payments[3].remittance_text, "TFR 1020 0345678");
  EXPECT_EQ(f.payments[16].value_date, D(2006, 3, 17));
}

// The BAI specification's own example: three groups, funds types S and D,
// an 03 type code split from its amount by an 88, a 16 with value date.
TEST(Bai2Samples, SpecificationExample) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadSampleOk("moov-io-bai2__sample2.txt");
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(CreditTotal(f), 450000 + 500000 + 20000000 + 10000000);
  EXPECT_EQ(f.payments[1].remittance_text, "LOCK BOX NO.68751");
  EXPECT_EQ(f.payments[1].transaction_code, "115");
  const Payment* loc = FindRef(f, "SP4738");
  ASSERT_NE(loc, nullptr);
  EXPECT_EQ(loc->value_date, D(2004, 6, 22));
  EXPECT_EQ(loc->booking_date, D(2004, 6, 20));
  EXPECT_EQ(loc->remittance_text, "PROCEEDS OF LETTER OF CREDIT FROM THE ARAMCO OIL CO");
  // No bank reference: the customer reference would stand in; here both
  // are blank.
  EXPECT_EQ(f.payments[3].source_ref, "");
  EXPECT_EQ(f.statements.size(), 5u);
}

// Several records packed on one line with '/' and blanks, text containing
// runs of blanks, one 16 whose text runs on to a bare line, 15 accounts.
TEST(Bai2Samples, PackedRecords) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadSampleOk("moov-io-bai2__sample3.txt");
  ASSERT_EQ(f.payments.size(), 26u);
  EXPECT_EQ(CreditCount(f), 13u);
  EXPECT_EQ(f.statements.size(), 15u);
  // Two 16 records on line 3.
  EXPECT_EQ(f.payments[0].source_line, 3u);
  EXPECT_EQ(f.payments[1].source_line, 3u);
  EXPECT_EQ(f.payments[0].remittance_text, "TRANSFER   PAYPAL             PPD");
  EXPECT_EQ(f.payments[1].amount, M(500, "USD"));
  // The 16 on line 18 continues on line 19, which has no record code.
  const Payment& broken = f.payments[8];
  EXPECT_EQ(broken.source_line, 18u);
  EXPECT_EQ(broken.remittance_text,
            "111111     ACH_SETL           1111111111 111111111111111 1111111111");
  const Payment& wire = f.payments[18];
  EXPECT_EQ(wire.transaction_code, "195");
  EXPECT_NE(wire.remittance_text.find("900 METRO CENTER BLVD FOSTER CITY"), std::string::npos);
}

// Goldman Sachs, EUR: long comma-containing 16 text with tagged 88s. Its
// trailers use the net of the 16 records (credits less debits: 6835), not
// the BAI2 sum; that convention is accepted when every trailer keeps it.
TEST(Bai2Samples, GoldmanSachsEuro) {
  CASHMATCH_REQUIRE_SAMPLES();
  BankFile f = ReadSampleOk("sh-vardhantallapalli-bai2-reader__sample_3.bai");
  ASSERT_EQ(f.payments.size(), 4u);
  EXPECT_EQ(CreditCount(f), 1u);
  EXPECT_EQ(CreditTotal(f), 20000);
  const Payment& credit = f.payments[3];
  EXPECT_EQ(credit.source_line, 29u);
  EXPECT_EQ(credit.source_ref, "SI4O6Q9BLNQCB8UC");
  EXPECT_EQ(credit.amount, M(20000, "EUR"));
  EXPECT_EQ(credit.payer_name, "REGTRFY");  // "From:", the counterparty
  EXPECT_EQ(credit.value_date, D(2025, 7, 1));
  EXPECT_NE(credit.remittance_text.find("EREF: AGIPayVirChCrNrr"), std::string::npos);
  // Our own account in DACT is never taken for the payer's.
  EXPECT_EQ(f.payments[0].payer_account, "");
  EXPECT_NE(f.payments[1].remittance_text.find("REMI: NKVPO MESAOYKTJK QNMI XGX3648"),
            std::string::npos);
}

// Goldman Sachs, GBP: two 01 headers, no 49 or 98 for the first file's
// account: the file is cut and pasted together.
TEST(Bai2Samples, GoldmanSachsTwoHeadersRefused) {
  CASHMATCH_REQUIRE_SAMPLES();
  Status st = ReadSampleError("sh-vardhantallapalli-bai2-reader__sample_2.bai");
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(st.where().line, 38u);
  EXPECT_NE(st.reason().find("01 file header inside account 10001193"), std::string_view::npos)
      << st.ToString();
}

// Goldman Sachs sample assembled by moov-io: the second account's trailer
// says -1260161341762 over 26 records; its records sum to 7999960 over 18.
TEST(Bai2Samples, AssembledGoldmanSachsRefused) {
  CASHMATCH_REQUIRE_SAMPLES();
  Status st = ReadSampleError("moov-io-bai2__sample4-continuations-newline-delimited.txt");
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(st.where().line, 22u);
  EXPECT_NE(st.reason().find("control total -1260161341762 but the account's 03 and 16 "
                             "amounts sum to 7999960"),
            std::string_view::npos)
      << st.ToString();
}

// The same file with its trailers recomputed, to read Goldman Sachs' 88
// tags on real text: payer from "From:" (or DBNM:), account from DABA:
// and DACT:, returns with their reason and original reference.
TEST(Bai2Samples, AssembledGoldmanSachsWithFixedTrailers) {
  CASHMATCH_REQUIRE_SAMPLES();
  std::string s = ReadSample("bai2/moov-io-bai2__sample4-continuations-newline-delimited.txt");
  s = testing::Edit(s, "49,-1260161341762,26/", "49,7999960,18/");
  s = testing::Edit(s, "49,6869722,8/", "49,666917818,88/");
  s = testing::Edit(s, "98,13060195162,4,16/", "98,13728243218,5,114/");  // 5 accounts, not 4
  s = testing::Edit(s, "99,13060195162,1,18/", "99,13728243218,1,116/");
  BankFile f = testing::ReadBankOk(s, "gs.txt");
  ASSERT_EQ(f.payments.size(), 17u);
  EXPECT_EQ(CreditCount(f), 9u);
  const Payment* rtp = FindRef(f, "GI2228400005800");
  ASSERT_NE(rtp, nullptr);
  EXPECT_EQ(rtp->payer_name, "SAMPLE INC");
  EXPECT_EQ(rtp->payer_account, "000000010:02122056789012205");
  EXPECT_NE(rtp->remittance_text.find("REMI: Test Remittance"), std::string::npos);
  const Payment* wire = FindRef(f, "GI2229300000187");  // no name given ("-")
  ASSERT_NE(wire, nullptr);
  EXPECT_EQ(wire->payer_name, "");
  EXPECT_EQ(wire->payer_account, "8348572423");
  const Payment* ret = FindRef(f, "SB2322600000214");
  ASSERT_NE(ret, nullptr);
  EXPECT_EQ(ret->direction, Direction::kDebit);
  EXPECT_TRUE(ret->is_return);
  EXPECT_EQ(ret->return_reason, "R02");
  EXPECT_EQ(ret->original_ref, "021000080000030");
  const Payment* check_return = FindRef(f, "SC2134800001999");
  ASSERT_NE(check_return, nullptr);
  EXPECT_TRUE(check_return->is_return);
  EXPECT_EQ(check_return->return_reason, "Payee does not exist");
  EXPECT_EQ(check_return->payer_name, "Test2 Customer");
  const Payment* reject = FindRef(f, "SB2322600000404");
  ASSERT_NE(reject, nullptr);
  EXPECT_EQ(reject->transaction_code, "261");
  EXPECT_TRUE(reject->is_return);
  EXPECT_EQ(reject->payer_name, "TEST INC");  // From:, not DBNM (that is us)
}

// BTRS v3 golden file: the 03 summaries split over two 88s add up to
// 399666664, but the 49 says 299000000.
TEST(Bai2Samples, Btrs3SplitSummaryRefused) {
  CASHMATCH_REQUIRE_SAMPLES();
  Status st = ReadSampleError("moov-io-bai2__bai3-x9-03-split-summary.txt");
  EXPECT_EQ(st.where().line, 6u);
  EXPECT_NE(st.reason().find("control total 299000000 but the account's 03 and 16 amounts sum to "
                             "399666664"),
            std::string_view::npos)
      << st.ToString();
}

// BTRS v3 golden file: a 16 continued by two 88s (bank and customer
// reference, then text) in an account of five records whose 49 counts
// four; the totals do add up.
TEST(Bai2Samples, Btrs3ContinuationRefused) {
  CASHMATCH_REQUIRE_SAMPLES();
  const std::string name = "moov-io-bai2__bai3-x9-continuation-16.txt";
  Status st = ReadSampleError(name);
  EXPECT_EQ(st.where().line, 7u);
  EXPECT_EQ(st.where().field, "record count");
  EXPECT_NE(st.reason().find("record count is 4 but there are 5"), std::string_view::npos)
      << st.ToString();
  // With the count put right, the references come from the 88 that
  // continues the 16's fields, and the text from the next.
  std::string s = ReadSample("bai2/" + name);
  s = testing::Edit(s, "49,246000000000,4/", "49,246000000000,5/");
  s = testing::Edit(s, "98,246000000000,1,6/", "98,246000000000,1,7/");
  s = testing::Edit(s, "99,246000000000,1,8/", "99,246000000000,1,9/");
  BankFile f = testing::ReadBankOk(s, name);
  ASSERT_EQ(f.payments.size(), 1u);
  EXPECT_EQ(f.payments[0].source_ref, "TRACE12345678900");
  EXPECT_EQ(f.payments[0].remittance_text, "THIS IS THE TEXT HERE");
  EXPECT_EQ(f.payments[0].amount, M(123000000000, "USD"));
}

// Every file in the folder is covered: parsed by a test above, or refused.
TEST(Bai2Samples, EveryFileIsKnown) {
  CASHMATCH_REQUIRE_SAMPLES();
  const std::set<std::string> parsed = {
      "ministryofjustice-bai2__account_trailer_amount_blank_example.bai2",
      "ministryofjustice-bai2__citi_example.bai2",
      "ministryofjustice-bai2__nwb_example.bai2",
      "ministryofjustice-bai2__svb_us_example.bai2",
      "moov-io-bai2__sample1.txt",
      "moov-io-bai2__sample2.txt",
      "moov-io-bai2__sample3.txt",
      "sh-vardhantallapalli-bai2-reader__sample_3.bai",
  };
  const std::set<std::string> refused = {
      "moov-io-bai2__bai3-x9-03-split-summary.txt",
      "moov-io-bai2__bai3-x9-continuation-16.txt",
      "moov-io-bai2__sample4-continuations-newline-delimited.txt",
      "sh-vardhantallapalli-bai2-reader__sample_2.bai",
  };
  size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*testing::SamplesDir() / "bai2")) {
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    ++seen;
    const std::string bytes = ReadSample("bai2/" + name);
    Result<BankFile> r = ReadBankFile(bytes, name);
    if (parsed.count(name)) {
      EXPECT_TRUE(r.ok()) << r.status().ToString();
    } else if (refused.count(name)) {
      EXPECT_FALSE(r.ok());
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
      }
    } else {
      ADD_FAILURE() << "new sample file: add a test for it";
    }
  }
  EXPECT_EQ(seen, parsed.size() + refused.size());
}

}  // namespace
}  // namespace cashmatch
