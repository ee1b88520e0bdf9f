// Large generated files, and arbitrary bytes.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "cashmatch/open_items_reader.h"
#include "ingest/open_items_test_util.h"

namespace cashmatch {
namespace {

constexpr int kRows = 200000;

std::string InvoiceId(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "INV-%010d", i);
  return buf;
}

// Row i of a generated invoice file, CSV or JSON.
std::string CsvRow(int i, std::string_view currency = "USD") {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s,C%07d,%.*s,%d.%02d,%d.%02d,2026-%02d-%02d,2026-12-31,%s\n",
                InvoiceId(i).c_str(), i % 5000, static_cast<int>(currency.size()),
                currency.data(), 100 + i % 9000, i % 100, 50 + i % 50, i % 100, 1 + i % 12,
                1 + i % 28, i % 3 == 0 ? "PO-123456" : "");
  return buf;
}

std::string JsonRow(int i, std::string_view currency = "USD") {
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "{\"invoice_id\":\"%s\",\"customer_id\":\"C%07d\",\"currency\":\"%.*s\","
                "\"amount\":\"%d.%02d\",\"open_amount\":%d.%02d,\"invoice_date\":\"2026-%02d-%02d\","
                "\"due_date\":\"2026-12-31\"}\n",
                InvoiceId(i).c_str(), i % 5000, static_cast<int>(currency.size()),
                currency.data(), 100 + i % 9000, i % 100, 50 + i % 50, i % 100, 1 + i % 12,
                1 + i % 28);
  return buf;
}

std::string Generate(bool json, int bad_row) {
  std::string out;
  out.reserve(static_cast<size_t>(kRows) * 160);
  if (!json) out += "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date,po_number\n";
  for (int i = 0; i < kRows; ++i) {
    const std::string_view currency = i == bad_row ? "XYZ" : "USD";
    out += json ? JsonRow(i, currency) : CsvRow(i, currency);
  }
  return out;
}

TEST(OpenItemsLarge, ReadsEveryRowInFileOrder) {
  for (bool json : {false, true}) {
    SCOPED_TRACE(json ? "jsonl" : "csv");
    const std::string text = Generate(json, -1);
    Result<OpenItems> r = ReadOpenItems(text, json ? "big.jsonl" : "big.csv");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->invoices.size(), static_cast<size_t>(kRows));
    for (int i : {0, 1, kRows / 2, kRows - 1}) {
      const InvoiceRow& row = r->invoices[static_cast<size_t>(i)];
      EXPECT_EQ(row.invoice.invoice_id, InvoiceId(i));
      EXPECT_EQ(row.line, static_cast<uint64_t>(i + (json ? 1 : 2)));
      EXPECT_EQ(row.invoice.amount.minor, (100 + i % 9000) * 100 + i % 100);
      EXPECT_EQ(row.invoice.po_number, !json && i % 3 == 0 ? "PO-123456" : "");
    }
  }
}

TEST(OpenItemsLarge, OneBadRowInTheMiddleRefusesTheFile) {
  const int bad = kRows / 2 + 17;
  for (bool json : {false, true}) {
    SCOPED_TRACE(json ? "jsonl" : "csv");
    const std::string text = Generate(json, bad);
    const uint64_t line = static_cast<uint64_t>(bad + (json ? 1 : 2));
    testing::ExpectRefused(text,
                           {StatusCode::kInvalidInput, line, json ? 0u : 3u, "currency",
                            "unknown currency 'XYZ'"},
                           json ? "big.jsonl" : "big.csv");
  }
}

TEST(OpenItemsLarge, DuplicateFarApartIsFound) {
  std::string text = Generate(false, -1);
  text += CsvRow(12345);
  testing::ExpectRefused(text, {StatusCode::kInvalidInput, static_cast<uint64_t>(kRows + 2), 1,
                                "invoice_id", "also on line 12347"});
}

// Mutates valid files at random: whatever the bytes, the reader returns a
// value (under the sanitizers: without touching memory it should not).
TEST(OpenItemsReader, SurvivesMutatedInput) {
  const std::string seeds[] = {
      "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date,aliases\n" +
          CsvRow(1) + "\"Q,\"\"x\"\"\",C1,JPY,5,5,2026-01-01,2026-01-02,a|b\n",
      "customer_id,name,aliases,currency,credit_limit\nC1,\"A, B\",x|y,USD,10\nC2,B,,,\n",
      JsonRow(1) + "{\"customer_id\":\"C\",\"name\":\"A\\u00e9\",\"aliases\":[\"x\",1,null]}\n" +
          JsonRow(2),
  };
  const char bytes[] = {'{', '}', '[', ']', '"', ',', ':', '\\', '\n', '\r', ' ', '0', '.', '-',
                        'e', '|', '\xC3', '\xFF', '\0', 'n'};
  std::mt19937_64 rng(11);
  int accepted = 0;
  for (int round = 0; round < 6000; ++round) {
    std::string text = seeds[static_cast<size_t>(round) % std::size(seeds)];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text[at] = bytes[rng() % sizeof bytes]; break;
        case 1: text.erase(at, 1 + rng() % 3); break;
        case 2: text.insert(at, 1, bytes[rng() % sizeof bytes]); break;
      }
    }
    Result<OpenItems> r = ReadOpenItems(text, "fuzz");
    if (r.ok()) {
      ++accepted;
    } else {
      EXPECT_FALSE(r.status().reason().empty());
      EXPECT_EQ(r.status().where().file, "fuzz");
    }
  }
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace cashmatch
