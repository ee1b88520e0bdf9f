// The byte formats of the result files: CSV quoting, the formula guard,
// JSON Lines, confidence as a decimal.
#include "outbox_format.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "outbox_test_util.h"

namespace cashmatch::tools {
namespace {

TEST(OutboxFormat, PlainNumbers) {
  for (const char* yes : {"0", "42", "-12.50", "+3", "1200", "-0.05"}) EXPECT_TRUE(IsPlainNumber(yes)) << yes;
  for (const char* no : {"", "-", "+", "1.", ".5", "-x", "+1 555", "1e5", "1,000", "--1", "=1"}) {
    EXPECT_FALSE(IsPlainNumber(no)) << no;
  }
}

TEST(OutboxFormat, FormulaGuard) {
  EXPECT_EQ(CsvCell("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(CsvCell("+1 555"), "'+1 555");
  EXPECT_EQ(CsvCell("-x"), "'-x");
  EXPECT_EQ(CsvCell("@cmd"), "'@cmd");
  EXPECT_EQ(CsvCell("-12.50"), "-12.50");  // an amount stays a number
  EXPECT_EQ(CsvCell("+42"), "+42");
  EXPECT_EQ(CsvCell("a=b"), "a=b");  // only a leading character counts
  EXPECT_EQ(CsvCell(""), "");
}

TEST(OutboxFormat, QuotingAsRfc4180) {
  EXPECT_EQ(CsvCell("plain text"), "plain text");
  EXPECT_EQ(CsvCell("Acme, Inc"), "\"Acme, Inc\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvCell("cr\rhere"), "\"cr\rhere\"");
  // The guard goes inside the quotes, where a spreadsheet sees it.
  EXPECT_EQ(CsvCell("=1,2"), "\"'=1,2\"");
}

TEST(OutboxFormat, ConfidenceIsAnExactDecimal) {
  EXPECT_EQ(FormatConfidence(9700), "0.97");
  EXPECT_EQ(FormatConfidence(10000), "1");
  EXPECT_EQ(FormatConfidence(0), "0");
  EXPECT_EQ(FormatConfidence(9755), "0.9755");
  EXPECT_EQ(FormatConfidence(5), "0.0005");
  EXPECT_EQ(FormatConfidence(8000), "0.8");
}

ResultTable Sample() {
  ResultTable t;
  t.columns = {"id", "name", "amount", "confidence", "flag"};
  t.rows.push_back({{"1", CellType::kInteger},
                    {"=Evil, \"Corp\"\nline 2", CellType::kText},
                    {"-12.50", CellType::kDecimal},
                    {"0.97", CellType::kNumber},
                    {"true", CellType::kBool}});
  t.rows.push_back({{"2", CellType::kInteger},
                    {"", CellType::kText},
                    {"1200", CellType::kDecimal},
                    {"1", CellType::kNumber},
                    {"false", CellType::kBool}});
  return t;
}

TEST(OutboxFormat, CsvReadsBackAsWritten) {
  const std::string csv = RenderCsv(Sample());
  EXPECT_EQ(csv.substr(0, csv.find('\n') + 1), "id,name,amount,confidence,flag\n");
  EXPECT_EQ(csv.find('\r'), std::string::npos);  // "\n" line ends
  testing::CsvRows rows;
  ASSERT_TRUE(testing::ParseCsv(csv, &rows)) << csv;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "'=Evil, \"Corp\"\nline 2", "-12.50", "0.97", "true"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "", "1200", "1", "false"}));
}

TEST(OutboxFormat, JsonLinesAreTypedAndRaw) {
  const std::string jsonl = RenderJsonl(Sample());
  const std::string first = jsonl.substr(0, jsonl.find('\n'));
  EXPECT_EQ(first,
            "{\"id\":1,\"name\":\"=Evil, \\\"Corp\\\"\\nline 2\",\"amount\":\"-12.50\","
            "\"confidence\":0.97,\"flag\":true}");
  simdjson::ondemand::parser parser;
  size_t lines = 0;
  size_t start = 0;
  while (start < jsonl.size()) {
    const size_t end = jsonl.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    simdjson::padded_string line(jsonl.substr(start, end - start));
    simdjson::ondemand::document doc = parser.iterate(line);
    std::string_view name;
    ASSERT_EQ(doc["name"].get_string().get(name), simdjson::SUCCESS);
    start = end + 1;
    ++lines;
  }
  EXPECT_EQ(lines, 2u);
}

}  // namespace
}  // namespace cashmatch::tools
