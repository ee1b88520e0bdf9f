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

TEST(BankText, CharactersCutBySliceEndsAreDropped) {
  // "Zürich €5" cut at every byte offset, as a fixed-width field or a record
  // wrapped at a byte count cuts it: the pieces stay valid UTF-8 and lose
  // nothing but the characters cut in two.
  const std::string text = "Z\xC3\xBCrich \xE2\x82\xAC" "5 \xF0\x9F\x92\xB6";
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    std::string left, right;
    AppendText(std::string_view(text).substr(0, cut), TextEncoding::kUtf8, &left);
    AppendText(std::string_view(text).substr(cut), TextEncoding::kUtf8, &right);
    EXPECT_TRUE(IsValidUtf8(left)) << cut;
    EXPECT_TRUE(IsValidUtf8(right)) << cut;
    EXPECT_LE(text.size() - (left.size() + right.size()), 4u) << cut;
    EXPECT_EQ(text.substr(0, left.size()), left) << cut;
    EXPECT_EQ(text.substr(text.size() - right.size()), right) << cut;
  }
  EXPECT_EQ(WholeUtf8Characters("\x82\xAC" "5"), "5");
  EXPECT_EQ(WholeUtf8Characters("Z\xC3"), "Z");
  EXPECT_EQ(WholeUtf8Characters("\xE2\x82\xAC"), "\xE2\x82\xAC");
  EXPECT_EQ(WholeUtf8Characters("ab"), "ab");
  EXPECT_EQ(WholeUtf8Characters(""), "");
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
