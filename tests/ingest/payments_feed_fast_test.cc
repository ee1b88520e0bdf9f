// The JSON Lines fast path must change speed, never results: every line,
// valid or not, reads the same with it as with simdjson alone.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "bank_parsers.h"
#include "payments_feed_jsonl_fast.h"
#include "payments_feed_writer.h"

namespace cashmatch {
namespace {

using ingest::FastParseFeedLine;
using ingest::FeedRow;
using ingest::ParseContext;
using ingest::ParsePaymentsJsonlWith;

void ExpectSameBothWays(const std::string& text) {
  SCOPED_TRACE(text.substr(0, 300));
  BankReadOptions options;
  options.max_record_bytes = 400;
  const ParseContext ctx{"f.jsonl", options};
  const Result<BankFile> fast = ParsePaymentsJsonlWith(text, ctx, true);
  const Result<BankFile> slow = ParsePaymentsJsonlWith(text, ctx, false);
  ASSERT_EQ(fast.ok(), slow.ok()) << (fast.ok() ? slow : fast).status().ToString();
  if (fast.ok()) {
    ASSERT_EQ(fast->payments.size(), slow->payments.size());
    for (size_t i = 0; i < fast->payments.size(); ++i) {
      EXPECT_TRUE(fast->payments[i] == slow->payments[i]) << i;
    }
  } else {
    EXPECT_EQ(fast.status().ToString(), slow.status().ToString());
  }
}

constexpr std::string_view kHead = R"({"source_ref":"A","value_date":"2026-01-01",)";

TEST(PaymentsJsonlFastPath, AgreesWithSimdjsonOnTrickyLines) {
  const std::vector<std::string> tails = {
      R"("amount":"1.00","currency":"USD"})",
      R"("amount":1.00,"currency":"USD"})",
      R"("amount":-1.5e2,"currency":"USD"})",
      R"("amount":01,"currency":"USD"})",
      R"("amount":1.,"currency":"USD"})",
      R"("amount":-,"currency":"USD"})",
      R"("amount":+1,"currency":"USD"})",
      R"("amount":1,"currency":"USD",})",
      R"("amount":1,"currency":"USD"} )",
      R"("amount":1,"currency":"USD"}x)",
      R"("amount":1,"currency":"USD"}{})",
      R"("amount":1,"currency":"USD")",
      R"("amount":1 "currency":"USD"})",
      R"("amount" 1,"currency":"USD"})",
      R"("amount":1,"currency":"USD","is_return":true})",
      R"("amount":1,"currency":"USD","is_return":tru})",
      R"("amount":1,"currency":"USD","is_return":truex})",
      R"("amount":1,"currency":"USD","payer_name":false})",
      R"("amount":1,"currency":"USD","payer_name":null})",
      R"("amount":1,"currency":"USD","payer_name":nul})",
      R"("amount":1,"currency":"USD","payer_name":"a\"b"})",
      R"("amount":1,"currency":"USD","payer_name":"a\u00e9"})",
      R"("amount":1,"currency":"USD","Payer_Name":"x"})",
      R"("amount":1,"currency":"USD","pay\u0065r_name":"x"})",
      R"("amount":1,"currency":"USD","amount":2})",
      R"("amount":1,"currency":"USD","x":1,"x":2})",
      R"("amount":1,"currency":"USD","x":{"y":[1,2,{"z":null}]}})",
      R"("amount":1,"currency":"USD","x":[1,2,]})",
      R"("amount":1,"currency":"USD","lines":[]})",
      R"("amount":1,"currency":"USD","lines":[{}]})",
      R"("amount":1,"currency":"USD","lines":[{"reference":"I","paid":1}]})",
      R"("amount":1,"currency":"USD","lines":[{"reference":"I","paid":1},]})",
      R"("amount":1,"currency":"USD","lines":[{"reference":"I","paid":true}]})",
      R"("amount":1,"currency":"USD","lines":[{"reference":"I","x":true,"paid":"2"}]})",
      R"("amount":1,"currency":"USD","lines":[{"reference":"I","x":[1]}]})",
      R"("amount":1,"currency":"USD","lines":[{"reference":"I","reference":"J"}]})",
      R"("amount":1,"currency":"USD","lines":[1]})",
      R"("amount":1,"currency":"USD","lines":[{"reference":"I"} {"reference":"J"}]})",
      R"("amount":1,"currency":"USD","lines":"I:1;J:2"})",
      R"("amount":1,"currency":"USD","lines":5})",
      R"("amount":1,"currency":"USD","lines":null})",
      R"("amount":1,"currency":"USD","lines":{}})",
      "\"amount\":1,\"currency\":\"USD\",\"payer_name\":\"a\tb\"}",
      "\"amount\":1,\"currency\":\"USD\",\"payer_name\":\"Caf\xC3\xA9\"}",
      "\"amount\":1,\"currency\":\"USD\",\"payer_name\":\"Caf\xC3\"}",
      "\"amount\":1,\"currency\":\"USD\",\"payer_name\":\"\xED\xA0\x80\"}",
      "\"amount\":1,\"currency\":\"USD\",\"payer_name\":\"\xF0\x9F\x98\x80\"}",
      "\"amount\":1,\"currency\":\"USD\"\xC3\xA9}",
      "\"amount\":1,\"currency\":\"USD\"}\r",
      "\"amount\":1,\"currency\":\"USD\"}\r\r",
      "\"amount\":1,\r\"currency\":\"USD\"}",
      std::string("\"amount\":1,\"currency\":\"USD\"}") + std::string(1, '\0'),
      "\"amount\":1,\"currency\":\"USD\",\"payer_name\":\"" + std::string(500, 'x') + "\"}",
  };
  for (const std::string& tail : tails) {
    for (const char* end : {"", "\n", "\r\n"}) {
      ExpectSameBothWays(std::string(kHead) + tail + end);
      // And as the second line, after a good one.
      ExpectSameBothWays(R"({"source_ref":"Z","value_date":"2026-01-01","amount":1,"currency":"USD"})"
                         "\n" +
                         std::string(kHead) + tail + end);
    }
  }
}

TEST(PaymentsJsonlFastPath, AgreesOnWriterOutput) {
  // Every variation the writer makes, many lines each.
  std::mt19937_64 rng(5);
  std::vector<Payment> payments;
  for (int i = 0; i < 400; ++i) {
    Payment p;
    p.source_ref = "R" + std::to_string(i) + (i % 7 == 0 ? "\xC3\x84" : "");
    p.amount = Money{static_cast<int64_t>(rng() % 100000 + 1), *Currency::FromCode("EUR")};
    p.direction = rng() % 5 == 0 ? Direction::kDebit : Direction::kCredit;
    p.value_date = Date::FromCivil(2026, 1, 1 + rng() % 28);
    p.payer_name = i % 3 == 0 ? "M\xC3\xBCller \"&\" Co" : "Plain Name Inc";
    p.remittance_text = i % 4 == 0 ? "INV-1\\INV-2" : "INV-3 INV-4";
    if (i % 2 == 0) p.remittance.push_back({"INV-" + std::to_string(i), Money{5, p.amount.currency}});
    payments.push_back(p);
  }
  ExpectSameBothWays(gen::WritePaymentsJsonl(payments));
}

TEST(PaymentsJsonlFastPath, TakesThePlainLine) {
  // The fast path must actually read the common line, or it is dead code.
  const std::string line =
      R"( {"source_ref":"A","value_date":"2026-01-01","amount":12.5,"currency":"USD",)"
      R"("is_return":false,"x":null,"lines":[{"reference":"I","paid":"1"}]} )"
      "\r\nnext";
  FeedRow row;
  const char* newline = nullptr;
  ASSERT_TRUE(FastParseFeedLine(line.data(), line.data() + line.size(), false, &row, &newline));
  EXPECT_EQ(*newline, '\n');
  EXPECT_EQ(row.text[static_cast<size_t>(ingest::FeedField::kAmount)], "12.5");
  EXPECT_EQ(row.text[static_cast<size_t>(ingest::FeedField::kIsReturn)], "false");
  ASSERT_EQ(row.raw_lines.size(), 1u);
  EXPECT_TRUE(row.structured_lines);
  // Non-ASCII is taken when the file is UTF-8, declined when it is not.
  const std::string accented = "{\"payer_name\":\"Caf\xC3\xA9\"}";
  const char* end = accented.data() + accented.size();
  EXPECT_TRUE(FastParseFeedLine(accented.data(), end, false, &row, &newline));
  EXPECT_FALSE(FastParseFeedLine(accented.data(), end, true, &row, &newline));
  // Escapes are left to simdjson.
  const std::string escaped = R"({"payer_name":"a\nb"})";
  EXPECT_FALSE(FastParseFeedLine(escaped.data(), escaped.data() + escaped.size(), false, &row,
                                 &newline));
}

}  // namespace
}  // namespace cashmatch
