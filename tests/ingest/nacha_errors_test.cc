// Every way a NACHA file is refused, with the line and reason it names.
#include <gtest/gtest.h>

#include <string>

#include "bank_test_util.h"
#include "nacha_test_util.h"

namespace cashmatch {
namespace {

using namespace testing::nacha;
using Code = StatusCode;

// Line 1 file header, 2 batch header, 3 entry, 4 batch control, 5 file
// control, 6-10 filler.
std::string Simple(int64_t amount = 12345) {
  AchBatch b;
  AchEntry e;
  e.amount = amount;
  b.entries = {e};
  return BuildFile({b});
}

TEST(NachaErrors, RecordOfTheWrongLength) {
  std::string file = Simple();
  file.insert(file.find('\n', file.find('\n') + 1), "X");  // line 2 becomes 95 long
  ExpectRefused(file, Code::kInvalidInput, 2, "line 2 is 95 characters long");
}

TEST(NachaErrors, OverlongRecordExhaustsTheLimit) {
  std::string file = Simple();
  file.insert(file.find('\n'), std::string(300, 'X'));
  BankReadOptions o = NachaOptions();
  o.max_record_bytes = 200;
  ExpectRefused(file, Code::kResourceExhausted, 1, "over the limit of 200", "", o);
  o.max_record_bytes = 50;  // below a record's 94 bytes: every record is too long
  ExpectRefused(Simple(), Code::kResourceExhausted, 1, "a record of 94 bytes", "", o);
}

TEST(NachaErrors, NoLineBreaksAndARecordCutShort) {
  FileOptions o;
  o.eol = "";
  std::string file = BuildFile({AchBatch{}}, o);
  file.erase(100, 1);  // the batch header loses a byte: what follows is misaligned
  Result<BankFile> r = ReadBankFile(file, "t.ach", NachaOptions());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().where().line, 1u);
}

TEST(NachaErrors, UnknownRecordType) {
  std::string file = Simple();
  Patch(&file, 3, 1, "4");
  ExpectRefused(file, Code::kInvalidInput, 3, "record type '4' is not a NACHA record",
                "record_type");
}

TEST(NachaErrors, FirstRecordMustBeAFileHeader) {
  std::string file = Simple();
  ExpectRefused(file.substr(file.find('\n') + 1), Code::kInvalidInput, 1,
                "not a file header (1): this is not a NACHA file");
  ExpectRefused("hello world\n", Code::kInvalidInput, 1, "not a file header");
  Result<BankFile> empty = ReadBankFile("", "t.ach", NachaOptions());
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().reason().find("no NACHA records"), std::string_view::npos);
}

TEST(NachaErrors, TruncatedFile) {
  std::string file = Simple();
  const size_t cut = file.find("\n9");  // drop the file control and filler
  ExpectRefused(file.substr(0, cut + 1), Code::kInvalidInput, 4,
                "ends without a file control (9) record");
  // A batch control replaced by the next batch's header.
  AchBatch a, b;
  a.entries = {AchEntry{}};
  b.entries = {AchEntry{}};
  const std::string two = BuildFile({a, b});
  std::string no_control = two;
  Patch(&no_control, 4, 1, LineOf(two, 5));  // batch control replaced by the next header
  ExpectRefused(no_control, Code::kInvalidInput, 4, "has no batch control (8) record");
}

TEST(NachaErrors, RecordsOutOfPlace) {
  std::string file = Simple();
  std::string addenda_first = file;
  Patch(&addenda_first, 3, 1, "705" + Pad("X", 80) + "00010000001");
  ExpectRefused(addenda_first, Code::kInvalidInput, 3, "addenda (7) record without an entry");
  std::string entry_outside = file;
  Patch(&entry_outside, 2, 1, LineOf(file, 3));
  ExpectRefused(entry_outside, Code::kInvalidInput, 2, "outside a batch");
  std::string filler_early = file;
  Patch(&filler_early, 4, 1, std::string(94, '9'));
  ExpectRefused(filler_early, Code::kInvalidInput, 4, "filler record (all nines) before");
  std::string control_twice = file;
  Patch(&control_twice, 6, 1, LineOf(file, 5));
  ExpectRefused(control_twice, Code::kInvalidInput, 6, "a second file control");
}

TEST(NachaErrors, BadEntryFields) {
  std::string amount = Simple();
  Patch(&amount, 3, 30, "00000x1200");
  ExpectRefused(amount, Code::kInvalidInput, 3, "entry: amount '00000x1200' is not a number",
                "amount");
  std::string code = Simple();
  Patch(&code, 3, 2, "99");
  ExpectRefused(code, Code::kInvalidInput, 3, "transaction code '99' is not one NACHA defines");
  std::string rdfi = Simple();
  Patch(&rdfi, 3, 4, "1210X024");
  ExpectRefused(rdfi, Code::kInvalidInput, 3, "receiving DFI identification '1210X024'");
  std::string trace = Simple();
  Patch(&trace, 3, 80, "09100001000000A");
  ExpectRefused(trace, Code::kInvalidInput, 3, "trace number '09100001000000A' is not 15 digits");
  std::string indicator = Simple();
  Patch(&indicator, 3, 79, "X");
  ExpectRefused(indicator, Code::kInvalidInput, 3, "addenda record indicator 'X'");
}

TEST(NachaErrors, ZeroAmountsWhereMoneyMustMoveAndMoneyWhereNoneMay) {
  ExpectRefused(Simple(0), Code::kInvalidInput, 3, "moves no money (amount 0)");
  AchBatch b;
  AchEntry prenote;
  prenote.code = 23;
  prenote.amount = 100;
  b.entries = {prenote};
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 3, "prenote (transaction code 23) with a "
                                                        "non-zero amount 1.00");
}

TEST(NachaErrors, AddendaIndicatorMustMatchTheAddenda) {
  AchBatch b;
  AchEntry e;
  e.info = {"HELLO"};
  e.indicator = '0';
  b.entries = {e};
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 4, "whose addenda record indicator is 0");
  e.info.clear();
  e.indicator = '1';
  b.entries = {e};
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 3,
                "the addenda record indicator is 1 but no addenda record follows");
}

TEST(NachaErrors, AddendaTypes) {
  AchBatch b;
  AchEntry e;
  e.raw_addenda = {"712" + Pad("", 84) + "0000001"};
  b.entries = {e};
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 4, "IAT addenda (type 12) in CCD batch");
  e.raw_addenda = {"733" + Pad("", 84) + "0000001"};
  b.entries = {e};
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 4, "addenda type '33' is not one NACHA");
  e.raw_addenda = {"705" + Pad("X", 80) + "00A10000001"};
  b.entries = {e};
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 4, "addenda sequence number '00A1'");
}

TEST(NachaErrors, ReturnsNeedTheirAddenda) {
  AchBatch b;
  AchEntry e;
  e.code = 26;
  b.entries = {e};
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 3,
                "return transaction code 26 (trace 091000010000001) has no return (99)");
  e.code = 22;
  e.trace = "121000240000001";
  e.raw_addenda = {ReturnAddenda("R01", "091000019999999", "121000240000001"),
                   ReturnAddenda("R01", "091000019999999", "121000240000001")};
  b.entries = {e};
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 5, "a second return addenda (99)");
  e.raw_addenda.pop_back();
  b.entries = {e};
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 4,
                "return addenda (99) on an entry with transaction code 22");
}

TEST(NachaErrors, BatchControlTotals) {
  const std::string file = Simple();
  struct Case {
    size_t pos;
    std::string value;
    std::string reason;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{
           {2, "225", "service class code 225 differs from the batch header's 200",
            "service_class_code"},
           {5, "000002", "entry/addenda count 2 but the batch has 1", "entry_addenda_count"},
           {11, "0012100025", "entry hash 0012100025 but the entries' receiving DFI numbers "
                              "sum to 12100024", "entry_hash"},
           {21, "000000000001", "total debit 0.01 but the debit entries sum to 0.00",
            "total_debit"},
           {33, "000000012346", "total credit 123.46 but the credit entries sum to 123.45",
            "total_credit"},
           {45, "9999999999", "company identification '9999999999' differs", "company_identification"},
           {88, "0000009", "batch number 0000009 differs", "batch_number"},
           {33, "00000001234X", "total credit '00000001234X' is not a number", "total_credit"},
       }) {
    SCOPED_TRACE(c.reason);
    std::string bad = file;
    Patch(&bad, 4, c.pos, c.value);
    ExpectRefused(bad, Code::kInvalidInput, 4, c.reason, c.field);
  }
}

TEST(NachaErrors, FileControlTotals) {
  const std::string file = Simple();
  struct Case {
    size_t pos;
    std::string value;
    std::string reason;
  };
  for (const Case& c : std::vector<Case>{
           {2, "000002", "batch count 2 but the file has 1 batches"},
           {14, "00000002", "entry/addenda count 2 but the file has 1"},
           {22, "0012100023", "entry hash 0012100023 but the batches' entry hashes sum to "
                              "12100024"},
           {32, "000000000100", "total debit 1.00 but the batches' debits sum to 0.00"},
           {44, "000000000000", "total credit 0.00 but the batches' credits sum to 123.45"},
           {8, "000003", "block count 3 but the file has 10 records, which make 1 blocks"},
           // A count no file could hold is reported, never used to size anything.
           {14, "99999999", "entry/addenda count 99999999 but the file has 1"},
       }) {
    SCOPED_TRACE(c.reason);
    std::string bad = file;
    Patch(&bad, 5, c.pos, c.value);
    ExpectRefused(bad, Code::kInvalidInput, 5, c.reason);
  }
}

TEST(NachaErrors, ShiftedHeaders) {
  std::string file = Simple();
  std::string header = LineOf(file, 1);
  header.erase(20, 1);  // the immediate origin loses a character
  header.push_back(' ');
  Patch(&file, 1, 1, header);
  ExpectRefused(file, Code::kInvalidInput, 1,
                "record size '094' is at position 34, not 35", "record_size");
  std::string size = Simple();
  Patch(&size, 1, 35, "080");
  ExpectRefused(size, Code::kInvalidInput, 1, "record size '080' is not 094");
  std::string batch = Simple();
  std::string bh = LineOf(batch, 2);
  bh.insert(30, " ");
  bh.pop_back();
  Patch(&batch, 2, 1, bh);
  ExpectRefused(batch, Code::kInvalidInput, 2, "'CCD' is at positions 52-54, not 51-53");
  std::string sec = Simple();
  Patch(&sec, 2, 51, "XYZ");
  ExpectRefused(sec, Code::kInvalidInput, 2, "standard entry class code 'XYZ'");
}

TEST(NachaErrors, NoDateAnywhere) {
  AchBatch b;
  b.effective = "ABCDEF";
  AchEntry e;
  b.entries = {e};
  FileOptions o;
  o.created = "261399";
  ExpectRefused(BuildFile({b}, o), Code::kInvalidInput, 2,
                "effective entry date 'ABCDEF' is not a date, there is no settlement date");
}

// CTX: the addenda carry an 820 cut in 80-character pieces.
AchBatch Ctx(std::string_view x12) {
  AchBatch b;
  b.sec = "CTX";
  AchEntry e;
  for (size_t at = 0; at < x12.size(); at += 80) e.info.emplace_back(x12.substr(at, 80));
  b.entries = {e};
  return b;
}

TEST(NachaErrors, CtxAddendaCountAndSequence) {
  const std::string three = "RMR*IV*1**1.00~" + std::string(160, ' ') + "RMR*IV*2**2.00~";
  AchBatch b = Ctx(three);
  b.entries[0].ctx_addenda = 2;
  ExpectRefused(BuildFile({b}), Code::kInvalidInput, 3,
                "number of addenda records says 2 but 3 addenda (05) follow",
                "number_of_addenda_records");
  std::string dup = BuildFile({Ctx(three)});
  Patch(&dup, 6, 84, "0002");  // the third addenda says 2 again
  ExpectRefused(dup, Code::kInvalidInput, 6, "sequence number 2 appears twice");
  std::string gap = BuildFile({Ctx(three)});
  Patch(&gap, 6, 84, "0004");
  ExpectRefused(gap, Code::kInvalidInput, 6, "sequence number 3 is missing");
}

TEST(NachaErrors, CtxX12Errors) {
  ExpectRefused(BuildFile({Ctx("RMR*IV*1**58970.088~")}), Code::kInvalidInput, 4,
                "820 RMR04 amount paid '58970.088' has 3 decimals; the currency has 2", "RMR04");
  ExpectRefused(BuildFile({Ctx("ST*820*1~RMR*IV*1**1.00~SE*4*1~")}), Code::kInvalidInput, 4,
                "SE01 says 4 segments but the transaction set from line 4 has 3", "SE01");
  ExpectRefused(BuildFile({Ctx("CUR*PR*EUR~RMR*IV*1**1.00~")}), Code::kInvalidInput, 3,
                "the 820's currency is EUR, but an ACH entry is in USD");
  ExpectRefused(BuildFile({Ctx("RMR*IV*1**1.00~NOT A SEGMENT~")}), Code::kInvalidInput, 4,
                "'NOT A SEGMENT' is not an X12 segment id");
  // The reason names the entry, since the 820 spans several records.
  ExpectRefused(BuildFile({Ctx("ADX**01~")}), Code::kInvalidInput, 4,
                "CTX entry with trace 091000010000001: 820 ADX01 adjustment amount is empty");
}

TEST(NachaErrors, CtxAddendaAreLimitedLikeAnyRecord) {
  std::string x12 = "RMR*IV*" + std::string(2000, 'A') + "~";
  BankReadOptions o = NachaOptions();
  o.max_record_bytes = 1000;  // the segment, not the 94-byte records, is too long
  ExpectRefused(BuildFile({Ctx(x12)}), Code::kResourceExhausted, 4, "an X12 segment of 2007 bytes",
                "", o);
}

}  // namespace
}  // namespace cashmatch
