// Placeholder until the nacha parser lands; refuses every file.
#include "bank_parsers.h"

namespace cashmatch::ingest {

Result<BankFile> ParseNacha(std::string_view, const ParseContext& ctx) {
  return Status::Unsupported("nacha files are not read yet: " + std::string(ctx.file_name));
}

}  // namespace cashmatch::ingest
