// Renders payments as the bank files that carry them, written the way banks
// write them: for benchmarks, fuzz seeds, round-trip tests of the parsers and
// the quality harness's generated days.
//
// Every writer is a pure function of its arguments (same payments, same
// options, same bytes) and produces a file its parser reads back into the
// same payments: amounts, dates, references, payer, remittance lines and
// text (the text may come back re-wrapped, never with characters lost).
// Control totals and balances are always consistent.
#ifndef CASHMATCH_TOOLS_GEN_BANK_WRITERS_H_
#define CASHMATCH_TOOLS_GEN_BANK_WRITERS_H_

#include <cstdint>
#include <span>
#include <string>

#include "cashmatch/date.h"
#include "cashmatch/domain.h"
#include "cashmatch/lockbox_layout.h"
#include "cashmatch/money.h"

namespace cashmatch::gen {

struct BankWriteOptions {
  std::string account = "123456789";  // our account (an IBAN for camt/MT940 when given as one)
  std::string bank_id = "121000248";  // our bank: routing number or BIC
  std::string bank_name = "CASHMATCH TEST BANK";
  std::string company_name = "CASHMATCH DEMO CO";  // the account holder
  Currency currency = *Currency::FromCode("USD");
  Date date = Date::FromCivil(2026, 11, 20);  // statement / file / deposit date
  // Varies the cosmetic choices real banks differ in (where long text is
  // broken over continuation lines: at a word or mid-word; optional fields
  // left out), so that parsers meet them all. Same seed, same bytes.
  uint64_t seed = 1;
};

// Credits and debits; the payment's direction picks the type code / sign.
std::string WriteBai2(std::span<const Payment> payments, const BankWriteOptions& options);
// Credits only (checks). Uses `layout` for field positions.
std::string WriteLockbox(std::span<const Payment> payments, const BankWriteOptions& options,
                         const LockboxLayout& layout = LockboxLayout::Default());
// kind: 52, 53 or 54; message version .001.02 to .001.08.
std::string WriteCamt(std::span<const Payment> payments, const BankWriteOptions& options,
                      int kind = 53, int version = 8);
// MT940 (statement) or MT942 (interim report) with German ?-subfield
// or /TAG/ style :86: chosen by the seed.
std::string WriteMt940(std::span<const Payment> payments, const BankWriteOptions& options);
std::string WriteMt942(std::span<const Payment> payments, const BankWriteOptions& options);
// NACHA: payments with structured remittance become CTX entries with an
// X12 820 in their addenda; others CCD (CCD+ when they have text).
std::string WriteNacha(std::span<const Payment> payments, const BankWriteOptions& options);
// A standalone X12 820 file with one transaction set per advice.
std::string WriteX12_820(std::span<const RemittanceAdvice> advices,
                         const BankWriteOptions& options);

}  // namespace cashmatch::gen

#endif  // CASHMATCH_TOOLS_GEN_BANK_WRITERS_H_
