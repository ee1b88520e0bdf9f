// Small camt documents for the camt parser's tests: every element on a line
// of its own, so that tests can name the line an error must point at.
#ifndef CASHMATCH_TESTS_INGEST_CAMT_TEST_UTIL_H_
#define CASHMATCH_TESTS_INGEST_CAMT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "bank_test_util.h"
#include "cashmatch/bank_file.h"

namespace cashmatch::testing {

// A camt.053 (or 052/054) document of one statement for EUR account
// DE89370400440532013000 whose content after <Acct> is `body`.
inline std::string CamtDoc(std::string_view body, int kind = 53, int version = 8,
                           std::string_view account_ccy = "EUR") {
  const std::string message = kind == 54   ? "BkToCstmrDbtCdtNtfctn"
                              : kind == 52 ? "BkToCstmrAcctRpt"
                                           : "BkToCstmrStmt";
  const std::string statement = kind == 54 ? "Ntfctn" : kind == 52 ? "Rpt" : "Stmt";
  std::string ccy = account_ccy.empty() ? "" : "<Ccy>" + std::string(account_ccy) + "</Ccy>\n";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.0" +
         std::to_string(kind) + ".001." + (version < 10 ? "0" : "") + std::to_string(version) +
         "\">\n<" + message +
         ">\n<GrpHdr>\n<MsgId>M1</MsgId>\n<CreDtTm>2026-11-20T10:00:00</CreDtTm>\n</GrpHdr>\n<" +
         statement +
         ">\n<Id>S1</Id>\n<CreDtTm>2026-11-19T18:00:00</CreDtTm>\n<Acct>\n<Id>\n<IBAN>"
         "DE89370400440532013000</IBAN>\n</Id>\n" +
         ccy + "</Acct>\n" + std::string(body) + "</" + statement + ">\n</" + message +
         ">\n</Document>\n";
}

// A balance element.
inline std::string Bal(std::string_view type, std::string_view amount,
                       std::string_view sign = "CRDT", std::string_view ccy = "EUR") {
  return "<Bal>\n<Tp>\n<CdOrPrtry>\n<Cd>" + std::string(type) + "</Cd>\n</CdOrPrtry>\n</Tp>\n" +
         "<Amt Ccy=\"" + std::string(ccy) + "\">" + std::string(amount) + "</Amt>\n<CdtDbtInd>" +
         std::string(sign) + "</CdtDbtInd>\n<Dt>\n<Dt>2026-11-19</Dt>\n</Dt>\n</Bal>\n";
}

// A booked entry; `details` is the content of its NtryDtls (none if empty),
// `extra` goes after AcctSvcrRef (BkTxCd, say).
inline std::string Ntry(std::string_view amount, std::string_view sign, std::string_view details,
                        std::string_view extra = {}, std::string_view ccy = "EUR",
                        std::string_view status = "<Sts>\n<Cd>BOOK</Cd>\n</Sts>\n") {
  std::string s = "<Ntry>\n<Amt Ccy=\"" + std::string(ccy) + "\">" + std::string(amount) +
                  "</Amt>\n<CdtDbtInd>" + std::string(sign) + "</CdtDbtInd>\n" +
                  std::string(status) +
                  "<BookgDt>\n<Dt>2026-11-19</Dt>\n</BookgDt>\n<ValDt>\n<Dt>2026-11-20</Dt>\n"
                  "</ValDt>\n<AcctSvcrRef>ENTRY-1</AcctSvcrRef>\n" +
                  std::string(extra);
  if (!details.empty()) s += "<NtryDtls>\n" + std::string(details) + "</NtryDtls>\n";
  return s + "</Ntry>\n";
}

inline std::string Tx(std::string_view inner) {
  return "<TxDtls>\n" + std::string(inner) + "</TxDtls>\n";
}

// 1-based line of the first occurrence of `needle` in `text`; fails the
// test (and returns 0) when absent.
inline uint64_t LineOf(std::string_view text, std::string_view needle, size_t nth = 1) {
  size_t at = std::string_view::npos;
  size_t from = 0;
  for (size_t i = 0; i < nth; ++i) {
    at = text.find(needle, from);
    if (at == std::string_view::npos) break;
    from = at + 1;
  }
  EXPECT_NE(at, std::string_view::npos) << "no " << needle;
  if (at == std::string_view::npos) return 0;
  uint64_t line = 1;
  for (size_t i = 0; i < at; ++i) line += text[i] == '\n';
  return line;
}

inline BankReadOptions Forced(BankFormat f) {
  BankReadOptions o;
  o.format = f;
  return o;
}

// Expects a kInvalidInput refusal whose reason contains `reason_part` at
// `line` (when non-zero) and whose field (XML path) ends with `path_end`.
inline void ExpectRefused(std::string_view bytes, std::string_view reason_part, uint64_t line,
                          std::string_view path_end = {},
                          StatusCode code = StatusCode::kInvalidInput) {
  Status st = ReadBankError(bytes, "t.xml");
  EXPECT_EQ(st.code(), code) << st.ToString();
  EXPECT_NE(st.reason().find(reason_part), std::string_view::npos) << st.ToString();
  EXPECT_EQ(st.where().file, "t.xml");
  if (line != 0) {
    EXPECT_EQ(st.where().line, line) << st.ToString();
  }
  if (!path_end.empty()) {
    EXPECT_TRUE(std::string_view(st.where().field).ends_with(path_end)) << st.ToString();
  }
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_INGEST_CAMT_TEST_UTIL_H_
