// Standalone X12 820 files: one interchange, one functional group, one
// transaction set per advice. The seed picks the layout real senders
// differ in: '~' or '\' terminators, or line breaks alone; a line break
// after each segment or none; indentation by loop; a byte-order mark;
// the payment date in BPR16 or a DTM*007; "10000" for "10000.00".
//
// An advice's negative amount is written as BPR03 D; a payment_date of
// {} (1970-01-01) means none. Characters that would act as separators
// inside values are written as blanks.
#include <cstdio>
#include <string>

#include "bank_writers.h"
#include "x12_820_text.h"

namespace cashmatch::gen {

std::string WriteX12_820(std::span<const RemittanceAdvice> advices,
                         const BankWriteOptions& options) {
  x12text::Rng rng(options.seed);
  const x12text::Style style = x12text::PickStyle(rng, true);
  x12text::Writer w(style);
  const bool bom = rng.Percent(20);
  const uint64_t control = 1 + rng.Below(999999);
  w.Isa("CASHMATCHPAYER", options.company_name, options.date, control);
  w.Seg("GS", {"RA", "CASHMATCHPAYER", "CASHMATCH", "20000101", "0800",
               std::to_string(control % 100000), "X", "004010"}, 1);
  uint64_t set = 0;
  for (const RemittanceAdvice& a : advices) {
    x12text::Remittance r;
    r.amount = a.amount.currency.valid() ? a.amount : Money{a.amount.minor, *Currency::FromCode("USD")};
    r.date = a.payment_date;
    r.date_in_dtm = rng.Percent(25);
    r.cur = rng.Percent(30);
    r.trace = a.trace_number.empty() ? std::string_view(a.source_ref)
                                     : std::string_view(a.trace_number);
    r.payer_name = a.payer_name;
    r.payer_account = a.payer_account;
    r.payee_name = a.payee_name;
    r.our_routing = options.bank_id;
    r.our_account = options.account;
    r.company_id = "1234567890";
    r.lines = a.remittance;
    r.text = a.remittance_text;
    r.text_mid_word = rng.Percent(50);
    x12text::WriteSet(w, r, ++set);
  }
  w.Seg("GE", {std::to_string(set), std::to_string(control % 100000)}, 1);
  char ctl[16];
  std::snprintf(ctl, sizeof ctl, "%09llu", static_cast<unsigned long long>(control));
  w.Seg("IEA", {"1", ctl});
  std::string out = bom ? std::string("\xEF\xBB\xBF") : std::string();
  out += w.text();
  return out;
}

}  // namespace cashmatch::gen
