#include "csv_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace cashmatch {
namespace {

struct Row {
  uint64_t line;
  bool blank;
  std::vector<std::string> fields;
};

// Reads all records; on error returns what was read and sets *status.
std::vector<Row> ReadAll(std::string_view input, Status* status = nullptr,
                         const CsvOptions& options = {}) {
  CsvReader reader(input, options);
  CsvRecord record;
  std::vector<Row> rows;
  while (reader.Next(&record)) {
    Row row{record.line(), record.blank(), {}};
    for (std::string_view f : record.fields()) row.fields.emplace_back(f);
    rows.push_back(std::move(row));
  }
  if (status) *status = reader.status();
  else EXPECT_TRUE(reader.status().ok()) << reader.status().ToString();
  return rows;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, SplitsRecordsAndFields) {
  auto rows = ReadAll("a,b,c\n1,2,3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[1].line, 2u);
}

TEST(CsvReader, LastRecordNeedsNoLineEnd) {
  auto rows = ReadAll("a,b\n1,2");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, KeepsEmptyFields) {
  auto rows = ReadAll(",a,,\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"", "a", "", ""}));
  EXPECT_FALSE(rows[0].blank);
}

TEST(CsvReader, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
  auto rows = ReadAll("x,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\"crlf\r\nkept\"\r\nnext,1,2,3,4\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"x", "b,c", "say \"hi\"", "two\nlines", "crlf\r\nkept"}));
  EXPECT_EQ(rows[0].line, 1u);
  // The record above spans lines 1-3; the next starts on line 4.
  EXPECT_EQ(rows[1].line, 4u);
  EXPECT_EQ(rows[1].fields[0], "next");
}

TEST(CsvReader, ManyEscapedFieldsInOneRecordStayIntact) {
  // Enough unescaped text to make the record's scratch buffer grow several
  // times while views to earlier fields are pending.
  std::string input;
  Fields want;
  for (int i = 0; i < 50; ++i) {
    std::string value(static_cast<size_t>(i * 7), 'a' + static_cast<char>(i % 26));
    value += "\"q\"";
    want.push_back(value);
    if (i) input += ',';
    input += "\"" + std::string(value.begin(), value.end() - 3) + "\"\"q\"\"\"";
  }
  input += "\n";
  auto rows = ReadAll(input);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, want);
}

TEST(CsvReader, AcceptsCrLfAndLfMixed) {
  auto rows = ReadAll("a\r\nb\nc\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].fields, (Fields{"c"}));
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReader, SkipsByteOrderMark) {
  auto rows = ReadAll("\xEF\xBB\xBFid,name\n1,x\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[0], "id");
  EXPECT_TRUE(ReadAll("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(ReadAll("").empty());
}

TEST(CsvReader, TrimsUnquotedFieldsOnly) {
  auto rows = ReadAll("  a  ,\t b\t,  \"  kept  \"  ,\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "  kept  ", ""}));

  CsvOptions raw;
  raw.trim_unquoted = false;
  rows = ReadAll(" a , b\n", nullptr, raw);
  EXPECT_EQ(rows[0].fields, (Fields{" a ", " b"}));
}

TEST(CsvReader, FlagsBlankLines) {
  auto rows = ReadAll("a,b\n1,2\n\n   \r\n\"\"\n");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_FALSE(rows[1].blank);
  EXPECT_TRUE(rows[2].blank);
  EXPECT_EQ(rows[2].line, 3u);
  EXPECT_TRUE(rows[3].blank);
  EXPECT_FALSE(rows[4].blank);  // a quoted empty field is a value
}

TEST(CsvReader, OtherDelimiter) {
  CsvOptions semi;
  semi.delimiter = ';';
  auto rows = ReadAll("a;\"b;c\";d,e\n", nullptr, semi);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b;c", "d,e"}));
}

void ExpectFailure(std::string_view input, StatusCode code, uint64_t line, uint32_t column,
                   std::string_view reason_part, const CsvOptions& options = {}) {
  SCOPED_TRACE(std::string(input.substr(0, 80)));
  Status st;
  ReadAll(input, &st, options);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), code);
  EXPECT_EQ(st.where().line, line);
  EXPECT_EQ(st.where().column, column);
  EXPECT_NE(st.reason().find(reason_part), std::string_view::npos) << st.ToString();
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineTheRecordStartsOn) {
  ExpectFailure("a,b\n1,\"open\nstill open\nand on\n", StatusCode::kInvalidInput, 2, 2,
                "never closed");
}

TEST(CsvReader, StrayQuoteInUnquotedField) {
  ExpectFailure("a,b\n1,ab\"c\n", StatusCode::kInvalidInput, 2, 2, "stray '\"'");
}

TEST(CsvReader, TextAfterClosingQuote) {
  ExpectFailure("a,b\n\"x\"y,2\n", StatusCode::kInvalidInput, 2, 1, "unexpected 'y'");
  ExpectFailure("\"x\"\xC3\xA9\n", StatusCode::kInvalidInput, 1, 1, "byte 0xC3");
}

TEST(CsvReader, BareCarriageReturn) {
  ExpectFailure("a,b\r1,2\n", StatusCode::kInvalidInput, 1, 2, "carriage return");
  // At the very end it simply ends the last line.
  auto rows = ReadAll("a,b\r");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b"}));
}

TEST(CsvReader, InvalidUtf8NamesLineAndColumn) {
  ExpectFailure("a,b,c\nok,caf\xC3\xA9,bad\xFF\n", StatusCode::kInvalidInput, 2, 3,
                "not valid UTF-8");
  ExpectFailure("a\n\"x\ny\xC0\xAF\"\n", StatusCode::kInvalidInput, 2, 1, "not valid UTF-8");
  auto rows = ReadAll("caf\xC3\xA9,\xE2\x82\xAC\n");
  EXPECT_EQ(rows[0].fields, (Fields{"caf\xC3\xA9", "\xE2\x82\xAC"}));
}

TEST(CsvReader, RefusesOverlongRecords) {
  CsvOptions small;
  small.max_record_bytes = 16;
  // Exactly at the limit is fine, with either line end.
  auto rows = ReadAll("0123456789abcdef\r\n0123456789abcdef", nullptr, small);
  EXPECT_EQ(rows.size(), 2u);
  rows = ReadAll("\"123456789abcde\"\n", nullptr, small);
  EXPECT_EQ(rows.size(), 1u);
  ExpectFailure("ok\n0123456789abcdefg\n", StatusCode::kResourceExhausted, 2, 0, "longer than 16",
                small);
  ExpectFailure("ok\n012345678,\"abcdefg\"\n", StatusCode::kResourceExhausted, 2, 0,
                "longer than 16", small);
  ExpectFailure("ok\n\"0123456789\"\"abcdefg\"\n", StatusCode::kResourceExhausted, 2, 0,
                "longer than 16", small);
  ExpectFailure("ok\n\"0123456789\nabcdefg\n", StatusCode::kResourceExhausted, 2, 0,
                "longer than 16", small);
  // A quote that is never closed in a huge file stops at the limit.
  ExpectFailure("\"" + std::string(100, 'x'), StatusCode::kResourceExhausted, 1, 0,
                "longer than 16", small);
}

TEST(CsvReader, RefusesTooManyFields) {
  CsvOptions small;
  small.max_fields = 4;
  EXPECT_EQ(ReadAll("a,b,c,d\n", nullptr, small).size(), 1u);
  ExpectFailure("a,b\n,,,,\n", StatusCode::kResourceExhausted, 2, 0, "more than 4 fields", small);
}

TEST(CsvReader, StopsAfterAnError) {
  CsvReader reader("a\n\"b\nc\n");
  CsvRecord record;
  EXPECT_TRUE(reader.Next(&record));
  EXPECT_FALSE(reader.Next(&record));
  EXPECT_FALSE(reader.status().ok());
  EXPECT_FALSE(reader.Next(&record));
  EXPECT_FALSE(reader.status().ok());
}

TEST(CsvReader, SurvivesRandomBytes) {
  std::mt19937_64 rng(7);
  const char alphabet[] = {'a', ',', '"', '\r', '\n', ' ', '\t', '\xC3', '\xA9', '\xFF', '\0'};
  CsvOptions small;
  small.max_record_bytes = 40;
  small.max_fields = 8;
  for (int round = 0; round < 20000; ++round) {
    std::string input(rng() % 64, ' ');
    for (char& c : input) c = alphabet[rng() % sizeof alphabet];
    CsvReader reader(input, small);
    CsvRecord record;
    size_t total = 0;
    while (reader.Next(&record)) {
      for (std::string_view f : record.fields()) total += f.size();
    }
    EXPECT_LE(total, input.size());
  }
}

}  // namespace
}  // namespace cashmatch
