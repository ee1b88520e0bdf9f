// The :86: information to the account owner, in the dialects banks fill it
// with, and the :61: supplementary details. Internal to ingest.
//
// Dialects are recognised by content, per statement line:
//   German DFÜ (DK) sub-fields: a 3-digit Geschäftsvorfallcode, then "?NN"
//     sub-fields (?00 posting text, ?20-?29 and ?60-?63 Verwendungszweck,
//     ?30 bank code, ?31 account, ?32-?33 name, ?34 return reason) with SEPA
//     keywords (EREF+ KREF+ MREF+ CRED+ SVWZ+ ABWA+) in the Verwendungszweck.
//     Triodos writes the same with '>' for '?'.
//   Slash tags (ABN AMRO, ING, Rabobank, bunq, Mollie): /EREF/ /REMI/ /NAME/
//     /IBAN/ /CNTP/account/bic/name/city/ /ORDP/ /BENM/ /RTRN/ ...
//   Free text that begins with the counterparty's IBAN and name (ASN, SNS).
//   Any other free text (mBank, PostFinance, Citi, ...).
// docs/formats/mt940.md says how each is read and why.
#ifndef CASHMATCH_INGEST_MT94X_INFO_H_
#define CASHMATCH_INGEST_MT94X_INFO_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bank_text.h"
#include "cashmatch/domain.h"

namespace cashmatch::ingest::mt94x {

// One physical line of a multi-line field, line end removed; for the
// field's first line, the text after the tag.
struct FieldLine {
  std::string_view text;
  bool after_blank = false;  // blank lines came before it (dropped)
  bool new_field = false;    // it starts a second :86: for the same entry
};

// Buffers reused from one statement line to the next, so that reading the
// :86: allocates only the strings the Payment keeps.
struct InfoScratch {
  std::string joined;
  std::string purpose;
  std::string name;
  std::string raw;
  std::string text;
};

// What the :86: says beyond the Payment's own fields.
struct InfoExtras {
  std::string end_to_end;  // EREF+ / /EREF/; empty when absent or NOTPROVIDED
};

// Reads :86: `lines` into payment->remittance_text (the whole text,
// sub-field markers of the DK dialects removed, blanks collapsed),
// payer_name, payer_account, remittance (creditor references), is_return
// and return_reason. Never fails: what is not understood stays text.
void ParseInformation(std::span<const FieldLine> lines, TextEncoding encoding,
                      InfoScratch* scratch, Payment* payment, InfoExtras* extras);

// The :61: supplementary details (the lines after its first), joined
// without separators: banks cut this 34-character field anywhere.
void JoinSupplementary(std::span<const FieldLine> lines, std::string* out);

// Appends `raw` converted to UTF-8 with runs of blanks and control
// characters collapsed to one space and no blank at either end.
void AppendCollapsed(std::string_view raw, TextEncoding encoding, std::string* out);

// Adds a RemittanceLine for every ISO 11649 creditor reference ("RF18
// 5390 0754 7034" or "RF18539007547034", checksum valid) and every Swiss
// ISR reference (27 digits, check digit valid) found in `text`, once each.
void AddCreditorReferences(std::string_view text, std::vector<RemittanceLine>* lines);

}  // namespace cashmatch::ingest::mt94x

#endif  // CASHMATCH_INGEST_MT94X_INFO_H_
