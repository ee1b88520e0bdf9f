// Placeholder until the camt parser lands; refuses every file.
#include "bank_parsers.h"

namespace cashmatch::ingest {

Result<BankFile> ParseCamt(std::string_view, BankFormat, const ParseContext& ctx) {
  return Status::Unsupported("camt files are not read yet: " + std::string(ctx.file_name));
}

}  // namespace cashmatch::ingest
