// The per-format parsers behind ReadBankFile. Internal to ingest.
//
// Each takes the whole file and returns every record of it, or the first
// error, as bank_file.h describes. They are called only with the format the
// dispatcher chose (sniffed or forced), so each must still refuse content
// that is not its format with a clear reason rather than misread it.
#ifndef CASHMATCH_INGEST_BANK_PARSERS_H_
#define CASHMATCH_INGEST_BANK_PARSERS_H_

#include <string_view>

#include "cashmatch/bank_file.h"
#include "cashmatch/status.h"

namespace cashmatch::ingest {

struct ParseContext {
  std::string_view file_name;
  const BankReadOptions& options;
};

Result<BankFile> ParseBai2(std::string_view bytes, const ParseContext& ctx);
Result<BankFile> ParseLockbox(std::string_view bytes, const ParseContext& ctx);
// camt.052, camt.053 and camt.054; `format` is the one the caller expects,
// and a document of another camt message is refused.
Result<BankFile> ParseCamt(std::string_view bytes, BankFormat format, const ParseContext& ctx);
// MT940 or MT942 as `format` says.
Result<BankFile> ParseMt94x(std::string_view bytes, BankFormat format, const ParseContext& ctx);
Result<BankFile> ParseNacha(std::string_view bytes, const ParseContext& ctx);
Result<BankFile> ParseX12_820(std::string_view bytes, const ParseContext& ctx);
Result<BankFile> ParsePaymentsCsv(std::string_view bytes, const ParseContext& ctx);
Result<BankFile> ParsePaymentsJsonl(std::string_view bytes, const ParseContext& ctx);

}  // namespace cashmatch::ingest

#endif  // CASHMATCH_INGEST_BANK_PARSERS_H_
