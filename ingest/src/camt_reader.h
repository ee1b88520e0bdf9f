// State shared by the pieces of the camt parser while one document is read:
// where errors point, the statement being read, and the steps each file of
// the parser implements. Internal to ingest.
#ifndef CASHMATCH_INGEST_CAMT_READER_H_
#define CASHMATCH_INGEST_CAMT_READER_H_

#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "camt_xml.h"
#include "cashmatch/bank_file.h"
#include "cashmatch/status.h"

namespace cashmatch::ingest::camt {

// One document being read. Not thread-safe; lives for one ParseCamt call.
class DocContext {
 public:
  DocContext(std::string_view file_name, const BankReadOptions& options, BankFormat format,
             const char* buffer, size_t size);

  std::string_view file_name() const { return file_name_; }
  const BankReadOptions& options() const { return options_; }
  BankFormat format() const { return format_; }
  std::string_view format_name() const { return format_name_; }

  uint64_t Line(pugi::xml_node n) { return lines_.LineOf(n.offset_debug()); }

  // kInvalidInput naming the element's line and path. If a deferred error
  // (an over-long text) was seen earlier in the document, that one is
  // returned instead, so the first fault is always the one reported.
  Status Fail(pugi::xml_node at, std::string reason);
  // The deferred error, or OK.
  const Status& deferred() const { return deferred_; }

  // Trimmed text of `n`. Text longer than max_record_bytes defers a
  // kResourceExhausted error and reads as empty, so callers need not check
  // every field: the entry and statement loops look at deferred().
  std::string_view Text(pugi::xml_node n);
  std::string_view Text(pugi::xml_node n, std::string_view child) { return Text(Child(n, child)); }
  // Untrimmed free text, with the same limit.
  std::string_view RawText(pugi::xml_node n);

  // Date of the group header's CreDtTm, the last resort for an entry that
  // carries no date of its own.
  std::optional<Date> message_date;

 private:
  std::string_view CheckLength(pugi::xml_node n, std::string_view text);

  std::string_view file_name_;
  const BankReadOptions& options_;
  BankFormat format_;
  std::string_view format_name_;
  LineIndex lines_;
  TextReader text_;
  Status deferred_;
};

// Booked and all-status movement of one currency within a statement.
struct MovementTotals {
  Currency currency;
  uint32_t booked_credits = 0;
  uint32_t booked_debits = 0;
  int64_t booked_credit_sum = 0;
  int64_t booked_debit_sum = 0;
  uint32_t all_credits = 0;
  uint32_t all_debits = 0;
  int64_t all_credit_sum = 0;
  int64_t all_debit_sum = 0;
};

// What the entries of one Stmt / Ntfctn / Rpt need from it.
struct StatementState {
  pugi::xml_node node;
  uint32_t ordinal = 0;           // 1-based position among the message's statements
  std::string_view statement_id;  // Stmt/Id
  std::string account;            // Acct/Id/IBAN or Othr/Id, as UTF-8
  Currency account_currency;      // Acct/Ccy; invalid when not given
  std::optional<Date> date;       // the statement's CreDtTm day
  std::vector<MovementTotals> totals;
  uint32_t entries = 0;  // Ntry elements seen so far

  MovementTotals& TotalsFor(Currency c);
};

class EntryReader;

// camt_statement.cc: one Stmt / Ntfctn / Rpt with its balances and summary;
// its entries go through `entries`.
Status ParseStatement(DocContext& ctx, EntryReader& entries, pugi::xml_node statement,
                      uint32_t ordinal, BankFile* out);

}  // namespace cashmatch::ingest::camt

#endif  // CASHMATCH_INGEST_CAMT_READER_H_
