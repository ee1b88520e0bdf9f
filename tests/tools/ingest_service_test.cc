// Service::IngestFiles: files into the store as atomic units, rejected files
// quarantined with a report, and the links between files that arrive at
// different times (advices and their payments, batch entries and their
// breakdown, bank items reported twice).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli_test_util.h"
#include "service.h"

namespace cashmatch::tools {
namespace {

using cashmatch::testing::TempDir;
using Outcome = IngestReport::Outcome;

constexpr char kFeedHeader[] =
    "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n";

// A camt.053 statement with one credit entry booked as a batch of two
// transactions without their details, and balances that add up.
std::string Camt053Batch(const std::string& entry_ref) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
 <BkToCstmrStmt>
  <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-20T18:00:00</CreDtTm></GrpHdr>
  <Stmt>
   <Id>S1</Id><CreDtTm>2026-11-20T18:00:00</CreDtTm>
   <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
   <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>
   <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">400.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>
   <Ntry>
    <Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt>
    <AcctSvcrRef>)" + entry_ref + R"(</AcctSvcrRef>
    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
    <NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch></NtryDtls>
   </Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>
)";
}

// The camt.054 that details that entry: two transactions of 100 and 200.
std::string Camt054Detail(const std::string& entry_ref) {
  auto tx = [](const char* ref, const char* amount, const char* name, const char* inv) {
    return std::string(R"(
     <TxDtls>
      <Refs><AcctSvcrRef>)") + ref + R"(</AcctSvcrRef><EndToEndId>E2E-)" + ref + R"(</EndToEndId></Refs>
      <Amt Ccy="EUR">)" + amount + R"(</Amt><CdtDbtInd>CRDT</CdtDbtInd>
      <RltdPties><Dbtr><Pty><Nm>)" + name + R"(</Nm></Pty></Dbtr></RltdPties>
      <RmtInf><Ustrd>)" + inv + R"(</Ustrd></RmtInf>
     </TxDtls>)";
  };
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
 <BkToCstmrDbtCdtNtfctn>
  <GrpHdr><MsgId>N1</MsgId><CreDtTm>2026-11-20T18:05:00</CreDtTm></GrpHdr>
  <Ntfctn>
   <Id>NT1</Id><CreDtTm>2026-11-20T18:05:00</CreDtTm>
   <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
   <Ntry>
    <Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt>
    <AcctSvcrRef>)" + entry_ref + R"(</AcctSvcrRef>
    <NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>)" +
         tx("TX-1", "100.00", "Acme GmbH", "INV-1") + tx("TX-2", "200.00", "Beta AG", "INV-2") + R"(
    </NtryDtls>
   </Ntry>
  </Ntfctn>
 </BkToCstmrDbtCdtNtfctn>
</Document>
)";
}

// A standalone 820: remittance for 150.00 under trace `trace`, no money.
std::string Advice820(const std::string& trace, const std::string& amount, const std::string& date) {
  std::string st = "ST*820*0001~BPR*I*" + amount +
                   "*C*ACH*CTX*01*011000015*DA*1234567*1234567890**01*121000248*DA*987654*" + date +
                   "~TRN*1*" + trace + "~N1*PR*ACME CORP~N1*PE*CASHMATCH DEMO CO~ENT*1~RMR*IV*INV-1**" +
                   amount + "~SE*8*0001~";
  return "ISA*00*          *00*          *ZZ*ACME           *ZZ*CASHMATCH      *261120*1200*U*00401*"
         "000000001*0*P*>~GS*RA*ACME*CASHMATCH*20261120*1200*1*X*004010~" +
         st + "GE*1*1~IEA*1*000000001~";
}

class IngestServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = DefaultConfig(dir_.path() + "/data");
    config_.sync_writes = false;
    Reopen();
  }
  void Reopen() {
    service_.reset();
    auto s = Service::Open(config_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(*s);
  }
  std::vector<IngestReport> Ingest(const std::vector<std::string>& paths, IngestOptions options = {}) {
    auto r = service_->IngestFiles(paths, options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<IngestReport>{};
  }
  IngestReport IngestOne(const std::string& name, const std::string& content) {
    std::vector<IngestReport> r = Ingest({dir_.Write(name, content)});
    EXPECT_EQ(r.size(), 1u);
    return r.empty() ? IngestReport{} : r[0];
  }
  std::vector<Payment> Unapplied() {
    std::vector<Payment> out;
    EXPECT_TRUE(service_->store()
                    .ForEachUnappliedPayment([&](const Payment& p) {
                      out.push_back(p);
                      return true;
                    })
                    .ok());
    return out;
  }
  std::vector<RemittanceAdvice> Pending() {
    std::vector<RemittanceAdvice> out;
    EXPECT_TRUE(service_->store()
                    .ForEachPendingAdvice([&](const RemittanceAdvice& a) {
                      out.push_back(a);
                      return true;
                    })
                    .ok());
    return out;
  }

  TempDir dir_;
  Config config_;
  std::unique_ptr<Service> service_;
};

TEST_F(IngestServiceTest, FeedIsStoredAndCreditsWaitForMatching) {
  IngestReport r = IngestOne("feed.csv", std::string(kFeedHeader) +
                                             "LBX-1,2026-11-20,100.00,USD,Acme Corp,,INV-1\n"
                                             "LBX-2,2026-11-20,250.50,USD,Beta Inc,,INV-2 INV-3\n");
  ASSERT_EQ(r.outcome, Outcome::kIngested) << r.reason;
  EXPECT_EQ(r.format, "csv");
  EXPECT_EQ(r.credits, 2u);
  EXPECT_EQ(r.credit_totals.at("USD"), 35050);
  EXPECT_EQ(r.unapplied, 2u);
  ASSERT_EQ(r.payment_ids.size(), 2u);
  Result<Payment> p = service_->store().GetPayment(r.payment_ids[1]);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->source_ref, "LBX-2");
  EXPECT_EQ(p->payer_name, "Beta Inc");
  EXPECT_EQ(Unapplied().size(), 2u);
  Result<Batch> batch = service_->store().GetBatch(r.batch_id);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->kind, BatchKind::kFile);
  EXPECT_EQ(batch->payments, 2u);
}

TEST_F(IngestServiceTest, SameBytesAreADuplicateWhateverTheName) {
  const std::string feed = std::string(kFeedHeader) + "LBX-1,2026-11-20,100.00,USD,Acme,,INV-1\n";
  ASSERT_EQ(IngestOne("a.csv", feed).outcome, Outcome::kIngested);
  IngestReport again = IngestOne("b.csv", feed);
  EXPECT_EQ(again.outcome, Outcome::kDuplicate);
  EXPECT_NE(again.reason.find("a.csv"), std::string::npos) << again.reason;
  EXPECT_EQ(Unapplied().size(), 1u);
}

TEST_F(IngestServiceTest, RejectedFileIsQuarantinedWithAReportAndNothingStored) {
  const std::string path = dir_.Write("broken.csv", std::string(kFeedHeader) +
                                                        "LBX-1,2026-11-20,100.00,USD,Acme,,INV-1\n"
                                                        "LBX-2,2026-11-20,12.345,USD,Beta,,INV-2\n");
  std::vector<IngestReport> r = Ingest({path});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].outcome, Outcome::kRejected);
  EXPECT_NE(r[0].reason.find("line 3"), std::string::npos) << r[0].reason;
  EXPECT_TRUE(Unapplied().empty());
  // The CLI's way: the operator's file stays, a copy and its report go to
  // quarantine.
  EXPECT_TRUE(std::filesystem::exists(path));
  ASSERT_FALSE(r[0].quarantined_as.empty());
  EXPECT_TRUE(std::filesystem::exists(r[0].quarantined_as));
  std::ifstream report(r[0].quarantined_as + ".report.txt");
  const std::string text((std::istreambuf_iterator<char>(report)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("line 3"), std::string::npos) << text;
  // Recorded, so `cashmatch files` shows why.
  bool listed = false;
  ASSERT_TRUE(service_->store()
                  .ForEachIngestedFile([&](const IngestedFile& f) {
                    listed = f.name == "broken.csv" && f.outcome == FileOutcome::kRejected &&
                             f.reason == r[0].reason;
                    return !listed;
                  })
                  .ok());
  EXPECT_TRUE(listed);
}

TEST_F(IngestServiceTest, NotABankFileIsRejectedAndMovedWhenTheDaemonAsks) {
  const std::string path = dir_.Write("notes.txt", "hello, this is not a bank file\n");
  IngestOptions daemon;
  daemon.move_files = true;
  std::vector<IngestReport> r = Ingest({path}, daemon);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].outcome, Outcome::kRejected);
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::exists(config_.quarantine_dir + "/notes.txt"));
  EXPECT_TRUE(std::filesystem::exists(config_.quarantine_dir + "/notes.txt.report.txt"));
}

TEST_F(IngestServiceTest, ProcessedFilesMoveToTheArchiveWhenTheDaemonAsks) {
  const std::string path =
      dir_.Write("feed.csv", std::string(kFeedHeader) + "LBX-1,2026-11-20,1.00,USD,Acme,,\n");
  IngestOptions daemon;
  daemon.move_files = true;
  ASSERT_EQ(Ingest({path}, daemon)[0].outcome, Outcome::kIngested);
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::exists(config_.archive_dir + "/feed.csv"));
}

TEST_F(IngestServiceTest, ManyFilesKeepTheirOrderAndEachIsItsOwnUnit) {
  std::vector<std::string> paths;
  for (int i = 0; i < 8; ++i) {
    std::string body = std::string(kFeedHeader) + "R" + std::to_string(i) + ",2026-11-20," +
                       std::to_string(i + 1) + ".00,USD,Payer " + std::to_string(i) + ",,\n";
    if (i == 5) body += "broken line without enough fields\n";
    paths.push_back(dir_.Write("f" + std::to_string(i) + ".csv", body));
  }
  std::vector<IngestReport> r = Ingest(paths);
  ASSERT_EQ(r.size(), 8u);
  uint64_t last_batch = 0;
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(r[i].file, "f" + std::to_string(i) + ".csv");
    if (i == 5) {
      EXPECT_EQ(r[i].outcome, Outcome::kRejected);
      continue;
    }
    ASSERT_EQ(r[i].outcome, Outcome::kIngested) << r[i].reason;
    EXPECT_GT(r[i].batch_id, last_batch);  // committed in the order given
    last_batch = r[i].batch_id;
  }
  EXPECT_EQ(Unapplied().size(), 7u);
}

TEST_F(IngestServiceTest, BankItemReportedAgainIsNotCountedTwice) {
  // The intraday feed, then the end-of-day one with the same item and a new one.
  ASSERT_EQ(IngestOne("intraday.csv", std::string(kFeedHeader) +
                                          "BANK-REF-1,2026-11-20,100.00,USD,Acme,,INV-1\n")
                .outcome,
            Outcome::kIngested);
  IngestReport eod = IngestOne("eod.csv", std::string(kFeedHeader) +
                                              "BANK-REF-1,2026-11-20,100.00,USD,Acme,,INV-1\n"
                                              "BANK-REF-2,2026-11-20,100.00,USD,Acme,,INV-1\n");
  ASSERT_EQ(eod.outcome, Outcome::kIngested) << eod.reason;
  EXPECT_EQ(eod.already_reported, 1u);
  EXPECT_EQ(eod.credits, 1u);
  EXPECT_EQ(Unapplied().size(), 2u);  // the second is the payer paying twice
}

TEST_F(IngestServiceTest, Camt054BreaksDownAnEarlierCamt053Batch) {
  IngestReport stmt = IngestOne("stmt.xml", Camt053Batch("ENTRY-77"));
  ASSERT_EQ(stmt.outcome, Outcome::kIngested) << stmt.reason;
  ASSERT_EQ(Unapplied().size(), 1u);
  EXPECT_EQ(Unapplied()[0].batch_count, 2u);

  IngestReport detail = IngestOne("detail.xml", Camt054Detail("ENTRY-77"));
  ASSERT_EQ(detail.outcome, Outcome::kIngested) << detail.reason;
  EXPECT_EQ(detail.batches_broken_down, 1u);
  // The money came with the statement: the breakdown does not count it again.
  EXPECT_EQ(stmt.credit_totals.at("EUR"), 30000);
  EXPECT_TRUE(detail.credit_totals.empty());
  EXPECT_EQ(detail.credits, 2u);
  std::vector<Payment> queue = Unapplied();
  ASSERT_EQ(queue.size(), 2u);  // the two transactions, not the batch sum
  EXPECT_EQ(queue[0].amount.minor + queue[1].amount.minor, 30000);
  Result<Payment> batch = service_->store().GetPayment(stmt.payment_ids.at(0));
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->superseded_by, "detail.xml");
}

TEST_F(IngestServiceTest, Camt053BatchAfterItsBreakdownIsKeptAsRecordOnly) {
  ASSERT_EQ(IngestOne("detail.xml", Camt054Detail("ENTRY-9")).outcome, Outcome::kIngested);
  IngestReport stmt = IngestOne("stmt.xml", Camt053Batch("ENTRY-9"));
  ASSERT_EQ(stmt.outcome, Outcome::kIngested) << stmt.reason;
  EXPECT_EQ(stmt.batch_entries_detailed_before, 1u);
  EXPECT_EQ(stmt.unapplied, 0u);
  EXPECT_TRUE(stmt.credit_totals.empty());  // counted with the breakdown
  EXPECT_EQ(Unapplied().size(), 2u);
  Result<Payment> batch = service_->store().GetPayment(stmt.payment_ids.at(0));
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->superseded_by, "detail.xml");
}

TEST_F(IngestServiceTest, BreakdownOfAnotherEntryLeavesTheBatchAlone) {
  ASSERT_EQ(IngestOne("stmt.xml", Camt053Batch("ENTRY-1")).outcome, Outcome::kIngested);
  IngestReport detail = IngestOne("detail.xml", Camt054Detail("ENTRY-2"));
  ASSERT_EQ(detail.outcome, Outcome::kIngested) << detail.reason;
  EXPECT_EQ(detail.batches_broken_down, 0u);
  EXPECT_EQ(detail.credit_totals.at("EUR"), 30000);  // other money: counted
  EXPECT_EQ(Unapplied().size(), 3u);
}

TEST_F(IngestServiceTest, AdviceBeforeItsPaymentWaitsThenJoins) {
  IngestReport adv = IngestOne("remit.820", Advice820("TRACE-42", "150.00", "20261120"));
  ASSERT_EQ(adv.outcome, Outcome::kIngested) << adv.reason;
  EXPECT_EQ(adv.advices, 1u);
  EXPECT_EQ(adv.credits, 0u);  // no money of its own
  ASSERT_EQ(Pending().size(), 1u);

  IngestReport pay = IngestOne("feed.csv", std::string(kFeedHeader) +
                                               "TRACE-42,2026-11-21,150.00,USD,,,\n");
  ASSERT_EQ(pay.outcome, Outcome::kIngested) << pay.reason;
  EXPECT_EQ(pay.advices_joined, 1u);
  EXPECT_TRUE(Pending().empty());
  Result<Payment> p = service_->store().GetPayment(pay.payment_ids.at(0));
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->remittance.size(), 1u);
  EXPECT_EQ(p->remittance[0].reference, "INV-1");
  EXPECT_EQ(p->payer_name, "ACME CORP");
}

TEST_F(IngestServiceTest, AdviceAfterItsPaymentJoinsByAmountAndDate) {
  IngestReport pay = IngestOne("feed.csv", std::string(kFeedHeader) +
                                               "BANK-1,2026-11-20,150.00,USD,ACME,,\n"
                                               "BANK-2,2026-11-20,99.00,USD,OTHER,,\n");
  ASSERT_EQ(pay.outcome, Outcome::kIngested) << pay.reason;
  IngestReport adv = IngestOne("remit.820", Advice820("UNKNOWN-TRACE", "150.00", "20261119"));
  ASSERT_EQ(adv.outcome, Outcome::kIngested) << adv.reason;
  EXPECT_EQ(adv.advices_joined, 1u);
  EXPECT_TRUE(Pending().empty());
  Result<Payment> p = service_->store().GetPayment(pay.payment_ids.at(0));
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->remittance.size(), 1u);
  EXPECT_EQ(p->remittance[0].reference, "INV-1");
}

TEST_F(IngestServiceTest, AmbiguousAdviceWaitsForAPerson) {
  ASSERT_EQ(IngestOne("feed.csv", std::string(kFeedHeader) +
                                      "BANK-1,2026-11-20,150.00,USD,ACME,,\n"
                                      "BANK-2,2026-11-20,150.00,USD,OTHER,,\n")
                .outcome,
            Outcome::kIngested);
  IngestReport adv = IngestOne("remit.820", Advice820("UNKNOWN-TRACE", "150.00", "20261120"));
  EXPECT_EQ(adv.advices_joined, 0u);
  EXPECT_EQ(Pending().size(), 1u);
}

TEST_F(IngestServiceTest, ForcedFormatIsUsed) {
  IngestOptions forced;
  forced.format = BankFormat::kBai2;
  std::vector<IngestReport> r = Ingest(
      {dir_.Write("feed.csv", std::string(kFeedHeader) + "R,2026-11-20,1.00,USD,A,,\n")}, forced);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].outcome, Outcome::kRejected);
  EXPECT_EQ(r[0].format, "bai2");
}

}  // namespace
}  // namespace cashmatch::tools
