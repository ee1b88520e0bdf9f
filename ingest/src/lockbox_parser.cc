// Placeholder until the lockbox parser lands; refuses every file.
#include "bank_parsers.h"

namespace cashmatch::ingest {

Result<BankFile> ParseLockbox(std::string_view, const ParseContext& ctx) {
  return Status::Unsupported("lockbox files are not read yet: " + std::string(ctx.file_name));
}

}  // namespace cashmatch::ingest
