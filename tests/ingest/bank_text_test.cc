#include "bank_text.h"

#include <gtest/gtest.h>

namespace cashmatch::ingest {
namespace {

TEST(BankText, ValidUtf8PassesThrough) {
  EXPECT_TRUE(IsValidUtf8("Zürich €5"));
  EXPECT_EQ(ToUtf8("Zürich €5"), "Zürich €5");
}

TEST(BankText, RejectsMalformedUtf8) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\x80"));
}

TEST(BankText, Windows1252IsTranscoded) {
  // "Müller" and "€" and "ł"-less Latin-1 text as an older bank sends it.
  EXPECT_EQ(ToUtf8("M\xFCller \x80"), "Müller €");
  EXPECT_EQ(ToUtf8("caf\xE9"), "café");
}

TEST(BankText, ControlsBecomeSpaces) {
  EXPECT_EQ(ToUtf8(std::string_view("a\0b\x1b" "c\td", 7)), "a b c\td");
  EXPECT_EQ(ToUtf8("x\x81y\xE9"), "x y\xC3\xA9");  // undefined 1252 byte blanked
}

TEST(BankText, EncodingIsDecidedOncePerFile) {
  // A Latin-1 file whose bytes happen to include a valid UTF-8 pair must
  // still be read as Latin-1 throughout.
  std::string_view file = "Gr\xFC\xDF \xC3\xA9";
  ASSERT_EQ(DetectEncoding(file), TextEncoding::kWindows1252);
  std::string out;
  AppendText("\xC3\xA9", DetectEncoding(file), &out);
  EXPECT_EQ(out, "Ã©");
}

TEST(BankText, TrimBlanks) {
  EXPECT_EQ(TrimBlanks(" \tab c\t "), "ab c");
  EXPECT_EQ(TrimBlanks("   "), "");
}

TEST(BankText, BankErrorCarriesTheLocation) {
  Status s = BankError("day.bai", 12, "16/amount", "not a number");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.where().file, "day.bai");
  EXPECT_EQ(s.where().line, 12u);
  EXPECT_EQ(s.where().field, "16/amount");
  EXPECT_EQ(s.reason(), "not a number");
}

}  // namespace
}  // namespace cashmatch::ingest
