// Placeholder until the bai2 parser lands; refuses every file.
#include "bank_parsers.h"

namespace cashmatch::ingest {

Result<BankFile> ParseBai2(std::string_view, const ParseContext& ctx) {
  return Status::Unsupported("bai2 files are not read yet: " + std::string(ctx.file_name));
}

}  // namespace cashmatch::ingest
