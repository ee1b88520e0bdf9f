// Hand-built NACHA files for the parser tests: batches and entries are
// described as values, and BuildFile writes the records with consistent
// control totals, so that a test changes exactly the one thing it tests
// (with Patch, or by giving a field a bad value).
#ifndef CASHMATCH_TESTS_INGEST_NACHA_TEST_UTIL_H_
#define CASHMATCH_TESTS_INGEST_NACHA_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/bank_file.h"

namespace cashmatch::testing::nacha {

// Left-aligned, blank-padded (or cut) to `n` bytes.
inline std::string Pad(std::string_view s, size_t n) {
  std::string out(s.substr(0, n));
  out.resize(n, ' ');
  return out;
}

// Zero-padded to `n` digits (the low digits if longer).
inline std::string Num(uint64_t v, size_t n) {
  std::string d = std::to_string(v);
  if (d.size() >= n) return d.substr(d.size() - n);
  return std::string(n - d.size(), '0') + d;
}

struct AchEntry {
  int code = 22;
  std::string routing = "121000248";  // receiving DFI (8) and check digit
  std::string account = "987654321";
  int64_t amount = 10000;  // cents
  std::string id;          // identification number (15)
  std::string name = "CASHMATCH DEMO CO";  // individual / receiving company
  std::string trace;       // default: ODFI 09100001 + sequence
  // Payment-related information of 05 addenda, sequence 1..n.
  std::vector<std::string> info;
  // Whole addenda records written after the 05s (returns, NOC, IAT...).
  std::vector<std::string> raw_addenda;
  int ctx_addenda = -1;  // CTX number of addenda; -1: the real count
  char indicator = 0;    // addenda record indicator; 0: as the addenda say
};

struct AchBatch {
  std::string service = "200";
  std::string company = "ACME CORP";
  std::string company_id = "1234567890";
  std::string sec = "CCD";
  std::string description = "PAYMENT";
  std::string effective = "261120";  // YYMMDD
  std::string settlement = "   ";     // Julian day
  std::string batch_number;           // default: 1, 2, ...
  std::vector<AchEntry> entries;
};

struct FileOptions {
  std::string eol = "\n";
  bool filler = true;
  std::string created = "261119";
};

// A 99 return addenda for the entry with `trace`.
inline std::string ReturnAddenda(std::string_view reason, std::string_view original_trace,
                                 std::string_view trace, std::string_view info = "") {
  return "799" + Pad(reason, 3) + Pad(original_trace, 15) + Pad("", 6) + "12100024" +
         Pad(info, 44) + Pad(trace, 15);
}

inline std::string BuildFile(const std::vector<AchBatch>& batches, const FileOptions& o = {}) {
  std::vector<std::string> records;
  records.push_back("101 1210002481091000010" + o.created + "0800A094101" +
                    Pad("CASHMATCH TEST BANK", 23) + Pad("ACME ORIGINATOR", 23) + Pad("", 8));
  uint64_t f_count = 0, f_hash = 0, f_debit = 0, f_credit = 0, trace_seq = 0;
  uint64_t batch_no = 0;
  for (const AchBatch& b : batches) {
    ++batch_no;
    const std::string number = b.batch_number.empty() ? Num(batch_no, 7) : b.batch_number;
    records.push_back("5" + b.service + Pad(b.company, 16) + Pad("", 20) + Pad(b.company_id, 10) +
                      Pad(b.sec, 3) + Pad(b.description, 10) + Pad("", 6) + Pad(b.effective, 6) +
                      Pad(b.settlement, 3) + "1" + "09100001" + number);
    uint64_t count = 0, hash = 0, debit = 0, credit = 0;
    for (const AchEntry& e : b.entries) {
      const std::string trace = e.trace.empty() ? "09100001" + Num(++trace_seq, 7) : e.trace;
      const size_t addenda = e.info.size() + e.raw_addenda.size();
      const char indicator = e.indicator ? e.indicator : (addenda ? '1' : '0');
      std::string rec = Num(static_cast<uint64_t>(e.code), 2) + Pad(e.routing, 9) +
                        Pad(e.account, 17) + Num(static_cast<uint64_t>(e.amount), 10);
      if (b.sec == "CTX") {
        const uint64_t n = e.ctx_addenda >= 0 ? static_cast<uint64_t>(e.ctx_addenda) : e.info.size();
        rec += Pad(e.id, 15) + Num(n, 4) + Pad(e.name, 16) + "    ";
      } else {
        rec += Pad(e.id, 15) + Pad(e.name, 22) + "  ";
      }
      records.push_back("6" + rec + std::string(1, indicator) + trace);
      ++count;
      hash += std::stoull(e.routing.substr(0, 8));
      (e.code % 10 <= 4 ? credit : debit) += static_cast<uint64_t>(e.amount);
      for (size_t i = 0; i < e.info.size(); ++i) {
        records.push_back("705" + Pad(e.info[i], 80) + Num(i + 1, 4) + trace.substr(8));
        ++count;
      }
      for (const std::string& raw : e.raw_addenda) {
        records.push_back(raw);
        ++count;
      }
    }
    records.push_back("8" + b.service + Num(count, 6) + Num(hash, 10) + Num(debit, 12) +
                      Num(credit, 12) + Pad(b.company_id, 10) + Pad("", 25) + "09100001" + number);
    f_count += count;
    f_hash += hash;
    f_debit += debit;
    f_credit += credit;
  }
  const uint64_t blocks = (records.size() + 1 + 9) / 10;
  records.push_back("9" + Num(batches.size(), 6) + Num(blocks, 6) + Num(f_count, 8) +
                    Num(f_hash, 10) + Num(f_debit, 12) + Num(f_credit, 12) + Pad("", 39));
  while (o.filler && records.size() % 10 != 0) records.push_back(std::string(94, '9'));
  std::string out;
  for (const std::string& r : records) {
    EXPECT_EQ(r.size(), 94u) << r;
    out += r;
    out += o.eol;
  }
  return out;
}

// Overwrites 1-based positions first.. of 1-based `line` (LF-separated).
inline void Patch(std::string* file, size_t line, size_t first, std::string_view value) {
  size_t at = 0;
  for (size_t l = 1; l < line; ++l) at = file->find('\n', at) + 1;
  file->replace(at + first - 1, value.size(), value);
}

// The 1-based line `line` of an LF-separated file.
inline std::string LineOf(const std::string& file, size_t line) {
  size_t at = 0;
  for (size_t l = 1; l < line; ++l) at = file.find('\n', at) + 1;
  return file.substr(at, file.find('\n', at) - at);
}

inline BankReadOptions NachaOptions() {
  BankReadOptions o;
  o.format = BankFormat::kNacha;
  return o;
}

// Reads `file` as NACHA and expects a refusal with `code`, at `line`,
// whose reason contains `reason`.
inline void ExpectRefused(const std::string& file, StatusCode code, uint64_t line,
                          std::string_view reason, std::string_view field = "",
                          const BankReadOptions& options = NachaOptions()) {
  Result<BankFile> r = ReadBankFile(file, "t.ach", options);
  ASSERT_FALSE(r.ok()) << "read " << r->payments.size() << " payments";
  EXPECT_EQ(r.status().code(), code) << r.status().ToString();
  EXPECT_EQ(r.status().where().line, line) << r.status().ToString();
  EXPECT_EQ(r.status().where().file, "t.ach");
  EXPECT_NE(r.status().reason().find(reason), std::string_view::npos) << r.status().ToString();
  if (!field.empty()) {
    EXPECT_EQ(r.status().where().field, field) << r.status().ToString();
  }
}

// The first payment, or (with a failure) an empty one: a test goes on to
// its next check instead of reading past the end.
inline const Payment& First(const BankFile& f) {
  static const Payment kNone;
  EXPECT_FALSE(f.payments.empty());
  return f.payments.empty() ? kNone : f.payments[0];
}

inline BankFile ReadOk(const std::string& file, const BankReadOptions& options = NachaOptions()) {
  Result<BankFile> r = ReadBankFile(file, "t.ach", options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : BankFile{};
}

}  // namespace cashmatch::testing::nacha

#endif  // CASHMATCH_TESTS_INGEST_NACHA_TEST_UTIL_H_
