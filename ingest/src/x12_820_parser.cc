// Placeholder until the x12_820 parser lands; refuses every file.
#include "bank_parsers.h"

namespace cashmatch::ingest {

Result<BankFile> ParseX12_820(std::string_view, const ParseContext& ctx) {
  return Status::Unsupported("x12_820 files are not read yet: " + std::string(ctx.file_name));
}

}  // namespace cashmatch::ingest
