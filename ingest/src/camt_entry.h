// Entries (Ntry) and their transactions (TxDtls) into payments. Internal to
// the camt parser.
#ifndef CASHMATCH_INGEST_CAMT_ENTRY_H_
#define CASHMATCH_INGEST_CAMT_ENTRY_H_

#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "camt_reader.h"
#include "cashmatch/bank_file.h"
#include "cashmatch/status.h"

namespace cashmatch::ingest::camt {

enum class EntryStatus : uint8_t { kBooked, kPending, kInfo, kFuture };

// What one Ntry says, as views into the parsed buffer.
struct EntryView {
  pugi::xml_node node;
  pugi::xml_node amount_node;
  int64_t amount = 0;  // minor units, unsigned
  Currency currency;
  Direction direction = Direction::kCredit;
  bool reversal = false;
  EntryStatus status = EntryStatus::kBooked;
  std::optional<Date> booking_date;
  std::optional<Date> value_date;
  std::string_view entry_ref;      // NtryRef
  std::string_view acct_svcr_ref;  // AcctSvcrRef
  std::string_view addtl_info;     // AddtlNtryInf
  pugi::xml_node bank_tx_code;     // BkTxCd
  pugi::xml_node first_details;    // first NtryDtls
  uint32_t ordinal = 0;            // 1-based among the statement's entries
};

// What one TxDtls says.
struct TxView {
  pugi::xml_node node;
  pugi::xml_node amount_node;  // where the amount was read; empty when none
  int64_t amount = 0;
  std::optional<Direction> direction;
  std::string_view acct_svcr_ref, end_to_end_id, tx_id, instr_id, proprietary_ref;
  pugi::xml_node bank_tx_code, parties, agents, remittance, return_info;
  std::string_view addtl_info;  // AddtlTxInf
  uint32_t details_index = 0;   // which NtryDtls of the entry holds it (0-based)
  uint32_t ordinal = 0;         // 1-based among the entry's TxDtls
};

// A Btch of one NtryDtls.
struct BatchView {
  pugi::xml_node node;
  std::optional<uint32_t> count;  // NbOfTxs
  pugi::xml_node total_node;      // TtlAmt
  int64_t total = 0;
  std::optional<Direction> direction;
  std::string_view payment_info_id, message_id;
  uint32_t details_index = 0;
};

// Reads entries one after another; keeps its scratch vectors between them
// so that a long statement does not allocate per entry.
class EntryReader {
 public:
  explicit EntryReader(DocContext& ctx) : ctx_(ctx) {}

  Status Read(StatementState& statement, pugi::xml_node entry, BankFile* out);

 private:
  Status ReadEntry(StatementState& statement, EntryView* e);
  Status ReadDetails(const EntryView& e);
  Status ReadTx(const EntryView& e, pugi::xml_node tx, TxView* t);
  Status ReadBatch(const EntryView& e, pugi::xml_node batch, BatchView* b);
  Status CheckSums(const EntryView& e);
  Status CheckBatchTotals(const EntryView& e, int64_t entry_signed);
  Status Emit(const StatementState& statement, const EntryView& e, BankFile* out);
  // One payment from the entry and the transactions it stands for (one
  // TxDtls, all of them when they carry no amounts, or none).
  Status Fill(const StatementState& statement, const EntryView& e, std::span<const TxView> txs,
              int64_t amount, Direction direction, Payment* p);

  DocContext& ctx_;
  std::vector<TxView> txs_;
  std::vector<BatchView> batches_;
};

// camt_remittance.cc: parties, agents and remittance of a transaction.

// Payer name and account (spec: RltdPties/Dbtr; DbtrAcct IBAN, or Othr/Id
// with the DbtrAgt clearing-system member id as "MMBID:ID").
void ReadPayer(DocContext& ctx, pugi::xml_node parties, pugi::xml_node agents, Payment* p);

// Joins free-text pieces (Ustrd, AddtlRmtInf) into remittance_text: a piece
// that filled its field's full width (140 characters) was cut by the bank
// wherever the limit fell, so the next piece is glued to it without a
// separator; otherwise pieces are joined with one space.
class TextJoiner {
 public:
  explicit TextJoiner(std::string* out) : out_(out) {}
  void Add(std::string_view raw_piece);
  // Trims what the last full-width piece left at the end.
  void Finish();
  bool empty() const { return out_->empty(); }

 private:
  std::string* out_;
  bool glue_next_ = false;
};

// Structured lines (Strd) and free text (Ustrd, AddtlRmtInf) of one RmtInf.
// Fails on an amount or currency that cannot be read.
Status ReadRemittance(DocContext& ctx, pugi::xml_node rmt_inf, Payment* p, TextJoiner* text);

}  // namespace cashmatch::ingest::camt

#endif  // CASHMATCH_INGEST_CAMT_ENTRY_H_
