// Reads X12 820 remittance (payment order / remittance advice) into
// RemittanceAdvice records. Internal to ingest: used for standalone 820
// files and for the 820s that NACHA CTX (and CCD+) addenda carry.
//
// What is taken from each transaction set (docs/formats/x12_820.md):
//   TRN02 -> source_ref and trace_number; BPR02 with BPR03 C/D -> amount
//   (D makes it negative), currency CUR02 else the default; BPR16 (or a
//   header DTM 007/234/009/097) -> payment_date; N1*PR (else N1*RM) ->
//   payer_name; N1*PE -> payee_name; BPR07 ":" BPR09 -> payer_account;
//   RMR (003010: RMT) -> remittance lines, ADX -> adjustment of the RMR
//   line it follows (or a line of its own); NTE, REF descriptions and the
//   REFs of an RMR loop -> remittance_text.
// Checks: SE01 segment count, ST02 = SE02, GE01 and GS06 = GE02, IEA01 and
// ISA13 = IEA02. Amounts follow the currency's decimals (extra trailing
// zeros aside) and are never rounded.
#ifndef CASHMATCH_INGEST_X12_REMITTANCE_H_
#define CASHMATCH_INGEST_X12_REMITTANCE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "bank_text.h"
#include "cashmatch/domain.h"
#include "cashmatch/status.h"

namespace cashmatch::ingest::x12 {

// Maps a byte offset of the X12 text to the 1-based physical line of the
// input file it came from (for messages and source_line).
class LineMap {
 public:
  virtual ~LineMap() = default;
  virtual uint64_t LineOf(size_t offset) = 0;
};

// Counts line breaks forward from the last offset asked about; offsets are
// asked for in increasing order nearly always.
class TextLineMap final : public LineMap {
 public:
  explicit TextLineMap(std::string_view text, uint64_t first_line = 1)
      : text_(text), first_line_(first_line), line_(first_line) {}
  uint64_t LineOf(size_t offset) override;

 private:
  std::string_view text_;
  uint64_t first_line_;
  size_t at_ = 0;
  uint64_t line_;
};

enum class Mode : uint8_t {
  // A standalone file: one or more ISA..IEA interchanges of 820s; every
  // transaction set must have a BPR (or 003010 BPS).
  kInterchange,
  // NACHA addenda: the ISA/GS/ST envelopes are optional; without ST the
  // whole text is one transaction set and there is no count to check.
  kAddenda,
};

struct ReadOptions {
  std::string_view file_name;
  // For NACHA addenda: reasons start "CTX entry with trace 0110...: ".
  std::string_view context_sec;
  std::string_view context_trace;
  TextEncoding encoding = TextEncoding::kUtf8;
  size_t max_segment_bytes = size_t{1} << 20;
  Mode mode = Mode::kInterchange;
  Currency default_currency;
  // Parse the advice's own money fields (BPR02/03, BPR16, DTM). Off for a
  // CTX payment, whose amount and date are the ACH entry's.
  bool money_fields = true;
  // Refuse segments whose id is not an X12 id. Off for CCD+ addenda, which
  // are free text that often merely starts like an X12 fragment.
  bool strict_ids = true;
};

// AppendText for a slice of a file whose encoding was decided as a whole:
// a fixed-width field or an 80-character addenda piece of a UTF-8 file can
// cut a character in two, and the halves are dropped rather than copied as
// invalid UTF-8.
void AppendSlice(std::string_view raw, TextEncoding encoding, std::string* out);

// AppendSlice with a fast path for printable ASCII, what nearly every
// field of a bank file is.
inline void AppendField(std::string_view raw, TextEncoding encoding, std::string* out) {
  for (char c : raw) {
    if (static_cast<unsigned char>(c) - 0x20u > 0x5Eu) {
      AppendSlice(raw, encoding, out);
      return;
    }
  }
  out->append(raw);
}

// `s` with its reason (which quotes the input) made valid UTF-8.
Status Utf8Reason(const Status& s);

// DetectEncoding with a fast path for pure ASCII (the usual bank file),
// which is checked eight bytes at a time.
TextEncoding DetectEncodingFast(std::string_view whole_file);

// Whether `text` (addenda payment information) is an X12 820 or a fragment
// of one: it starts with ISA, GS, ST or an 820 segment id and a separator.
bool LooksLikeX12(std::string_view text);

// Appends one advice per transaction set found in `text` to *out (for a
// fragment without ST, exactly one). Fills source_line, source_ref,
// trace_number, amount, payment_date, payer_name, payer_account,
// payee_name, remittance and remittance_text; the caller sets the rest.
// Errors are kInvalidInput naming the file, the line (through `lines`) and
// the element ("BPR02"), or kResourceExhausted for an over-long segment.
Status Read820(std::string_view text, const ReadOptions& options, LineMap& lines,
               std::vector<RemittanceAdvice>* out);

}  // namespace cashmatch::ingest::x12

#endif  // CASHMATCH_INGEST_X12_REMITTANCE_H_
