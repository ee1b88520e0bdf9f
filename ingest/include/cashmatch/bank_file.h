// Reads a bank or remittance file (spec §2.2) into normalized payments and
// remittance advices.
//
// One entry point for every format: ReadBankFile sniffs the format from the
// content (never the name) unless the caller forces one, checks the control
// totals the format carries, and returns either the whole file's records or
// the first error. A file is one unit: there are no partial results.
//
// Errors (all carry the file name; reason() says what is wrong in words an
// operator can act on):
//   kInvalidInput: malformed syntax, a value that breaks the format's rules,
//     or a control total or balance that does not add up. where() names the
//     line (1-based, of the physical line the record starts on; for XML the
//     line of the element) and, where there is one, the field or the XML
//     element path ("Document/BkToCstmrStmt/Stmt[2]/Ntry[5]/Amt").
//   kResourceExhausted: a limit in BankReadOptions was passed (a record
//     longer than max_record_bytes, XML nested deeper than max_xml_depth, a
//     file larger than max_file_bytes).
//   kUnsupported: the content is not a format cashmatch reads.
//
// Text: every string in the result is valid UTF-8. Input that is not valid
// UTF-8 is read as Windows-1252 (a superset of Latin-1 in the printable
// range), which is what older banks send; see docs/ingest.md.
//
// Memory: the result owns its strings; working memory besides the result is
// bounded by the input size and the limits below. Nothing is sized from a
// count the file claims.
//
// Thread-safety: no state is kept between calls; calls on different threads
// run independently.
#ifndef CASHMATCH_BANK_FILE_H_
#define CASHMATCH_BANK_FILE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/lockbox_layout.h"
#include "cashmatch/status.h"

namespace cashmatch {

enum class BankFormat : uint8_t {
  kBai2,
  kLockbox,
  kCamt052,
  kCamt053,
  kCamt054,
  kMt940,
  kMt942,
  kNacha,
  kX12_820,
  kPaymentsCsv,
  kPaymentsJsonl,
};

// "bai2", "lockbox", "camt052", "camt053", "camt054", "mt940", "mt942",
// "nacha", "x12_820", "csv", "jsonl": the names `--format` takes and
// Payment::format carries.
std::string_view BankFormatName(BankFormat format);
std::optional<BankFormat> ParseBankFormatName(std::string_view name);
std::vector<BankFormat> AllBankFormats();

// What a statement said about one of our accounts, kept for reporting and
// reconciliation; the balance check itself is done while reading.
struct StatementSummary {
  std::string account;
  Currency currency;
  Date date;
  std::optional<Money> opening;  // opening / prior-day ledger balance
  std::optional<Money> closing;
  uint32_t credits = 0;  // count of credit entries
  uint32_t debits = 0;
  int64_t credit_total = 0;  // minor units of `currency`
  int64_t debit_total = 0;
};

struct BankFile {
  BankFormat format = BankFormat::kBai2;
  std::string file_name;
  // Credits and debits in file order. Debits (direction kDebit) are recorded
  // and reported, never matched.
  std::vector<Payment> payments;
  // Remittance without money of its own (X12 820 files), in file order.
  std::vector<RemittanceAdvice> advices;
  std::vector<StatementSummary> statements;
};

struct BankReadOptions {
  // Read as this format instead of sniffing (`cashmatch ingest --format`).
  std::optional<BankFormat> format;
  // Field positions of lockbox records; the default is the spec's layout.
  LockboxLayout lockbox_layout = LockboxLayout::Default();
  // Longest physical record or line accepted, in bytes (line end excluded).
  size_t max_record_bytes = size_t{1} << 20;
  // Deepest XML element nesting accepted.
  uint32_t max_xml_depth = 64;
  // Largest file accepted, in bytes.
  size_t max_file_bytes = size_t{4} << 30;
};

// The format ReadBankFile would read `bytes` as; kUnsupported with a reason
// when the content matches none.
Result<BankFormat> DetectBankFormat(std::string_view bytes);

// Parses `bytes`, the whole content of the file called `file_name` (used in
// messages and copied into every record's source_file). `bytes` is only read
// during the call; the result does not point into it.
Result<BankFile> ReadBankFile(std::string_view bytes, std::string_view file_name,
                              const BankReadOptions& options = {});

}  // namespace cashmatch

#endif  // CASHMATCH_BANK_FILE_H_
