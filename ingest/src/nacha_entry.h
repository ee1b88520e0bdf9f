// NACHA batches and entries: what the parser keeps of the records it has
// read, and how a finished entry (its 6 record and addenda) becomes a
// Payment, a RemittanceAdvice, or nothing. Internal to ingest.
#ifndef CASHMATCH_INGEST_NACHA_ENTRY_H_
#define CASHMATCH_INGEST_NACHA_ENTRY_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank_text.h"
#include "cashmatch/bank_file.h"
#include "nacha_records.h"

namespace cashmatch::ingest::nacha {

// A record kept past the splitter's next call (which may reuse its buffer).
struct SavedRecord {
  std::array<char, kRecordSize> bytes{};
  uint64_t line = 0;
  uint32_t column = 1;

  void Save(const Record& r);
  std::string_view Field(size_t first, size_t last) const {
    return std::string_view(bytes.data() + first - 1, last - first + 1);
  }
};

// What the transaction code says an entry is (NACHA Operating Rules,
// Appendix Three). Credits are codes x1-x4, debits x5-x9, for the totals.
enum class EntryKind : uint8_t {
  kCredit,        // 22 32 42 52: money received
  kDebit,         // 27 37 47 55
  kPrenote,       // 23 28 33 38 43 48 53: zero-dollar account test
  kZeroDollar,    // 24 29 34 39 44 49 54: remittance without money
  kReturnCredit,  // 21 31 41 51: return or NOC of a credit
  kReturnDebit,   // 26 36 46 56: return or NOC of a debit
};
struct CodeInfo {
  bool valid = false;
  EntryKind kind = EntryKind::kCredit;
  bool credit_side = false;  // which batch total the amount counts in
};
CodeInfo ClassifyTransactionCode(int code);

struct FileContext {
  std::string_view file_name;
  TextEncoding encoding = TextEncoding::kUtf8;
  std::optional<Date> creation_date;  // file header; nullopt if unreadable
  std::string_view creation_raw;
  size_t max_segment_bytes = 0;
  Currency usd;
};

struct BatchState {
  SavedRecord header;
  std::string_view sec;  // into header.bytes
  bool iat = false;
  bool cor = false;
  bool ctx = false;
  std::string company_name;  // UTF-8, trimmed
  std::optional<Date> effective;  // nullopt: blank, zeros or invalid
  std::optional<Date> settlement;
  // Running control values.
  uint64_t entry_addenda = 0;
  uint64_t hash = 0;
  int64_t debit = 0;
  int64_t credit = 0;
};

struct Addenda05 {
  uint32_t sequence = 0;
  uint32_t offset = 0;  // of its 80 characters in EntryState::info
  uint64_t line = 0;
};

struct EntryState {
  SavedRecord rec;
  int code = 0;
  CodeInfo info_code;
  int64_t amount = 0;
  std::string_view trace;  // into rec
  uint32_t addenda = 0;    // every addenda record
  uint32_t iat_addenda = 0;
  std::vector<Addenda05> a05;
  std::string info;  // payment-related information: 05 (or IAT 17) text, 80 each
  bool has98 = false;
  bool has99 = false;
  SavedRecord r99;
  std::string iat_originator;  // IAT addenda 11, raw

  void Reset() {
    addenda = iat_addenda = 0;
    a05.clear();
    info.clear();
    has98 = has99 = false;
    iat_originator.clear();
  }
};

// Reused between entries so that no entry allocates working memory.
struct EntryScratch {
  std::string joined;
  std::vector<Addenda05> sorted;
  std::vector<uint64_t> lines;
  std::vector<RemittanceAdvice> advices;
};

// Turns a finished entry into its record in *out (a payment, an advice for
// a zero-dollar entry carrying remittance, or nothing for prenotes and
// notifications of change). Checks what needs the whole entry: the
// addenda count and sequence of CTX, the return addenda of a return, the
// 820 inside the addenda.
Status FinishEntry(const FileContext& file, const BatchState& batch, EntryState& entry,
                   EntryScratch& scratch, BankFile* out);

}  // namespace cashmatch::ingest::nacha

#endif  // CASHMATCH_INGEST_NACHA_ENTRY_H_
