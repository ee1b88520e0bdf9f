// What a BAI2 type code means, and what a 16 record's text says about the
// payer. Internal to ingest; see docs/formats/bai2.md for the tables.
#ifndef CASHMATCH_INGEST_BAI2_TEXT_H_
#define CASHMATCH_INGEST_BAI2_TEXT_H_

#include <string_view>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/money.h"

namespace cashmatch::ingest::bai2 {

enum class TypeClass : uint8_t {
  kStatus,       // 001-099, 700-719, 900-919: balances, never a transaction
  kCredit,       // 100-399, 720-759, 920-959
  kDebit,        // 400-699, 760-799, 960-999
  kNonMonetary,  // 890: information only
  kUndefined,    // 000 and 800-889, 891-899: not assigned by BAI
};
TypeClass ClassifyTypeCode(int code);

// Type codes whose item undoes an earlier one: returned items, rejected
// and reversed entries (both directions).
bool IsReturnTypeCode(int code);

// Facts found in the (UTF-8) text of one 16 record and its continuations.
// Views into that text; empty when not found.
struct TextFacts {
  std::string_view payer_name;
  std::string_view payer_account;
  std::string_view payer_routing;  // routing or sort code of payer_account's bank
  std::string_view trace_number;
  std::string_view return_reason;
  std::string_view original_ref;
};

// Reads the keyword fields banks put in the text: ORIG CO NAME:, ORIG ID:
// (ACH), ORIGINATOR:, ORIG:, ORG:, B/O:, BY ORDER OF: (wires), DBNM:, DACT:,
// DABA:, From: (Goldman Sachs), BO1:, BO:, OB: (Citi UK), TRACE#:, and for
// returns Reason: and "Return of ... ID:".
void ReadTextFacts(std::string_view text, TextFacts* facts);

// Appends a RemittanceLine for every X12 RMR segment in the text (ACH CCD+
// and CTX addenda that banks pass on: "RMR*IV*INV-1**150.00*160.00*10.00\"):
// RMR02 reference, RMR04 paid, RMR05 invoice amount, RMR06 discount, in
// `currency`. A segment whose amounts do not parse is left as text only.
void ReadRmrSegments(std::string_view text, Currency currency, std::vector<RemittanceLine>* out);

}  // namespace cashmatch::ingest::bai2

#endif  // CASHMATCH_INGEST_BAI2_TEXT_H_
