// Placeholder until the payments CSV / JSON Lines feed reader lands.
#include "bank_parsers.h"

namespace cashmatch::ingest {

Result<BankFile> ParsePaymentsCsv(std::string_view, const ParseContext& ctx) {
  return Status::Unsupported("payments CSV is not read yet: " + std::string(ctx.file_name));
}
Result<BankFile> ParsePaymentsJsonl(std::string_view, const ParseContext& ctx) {
  return Status::Unsupported("payments JSON Lines is not read yet: " + std::string(ctx.file_name));
}

}  // namespace cashmatch::ingest
