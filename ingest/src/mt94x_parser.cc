// Placeholder until the mt94x parser lands; refuses every file.
#include "bank_parsers.h"

namespace cashmatch::ingest {

Result<BankFile> ParseMt94x(std::string_view, BankFormat, const ParseContext& ctx) {
  return Status::Unsupported("mt94x files are not read yet: " + std::string(ctx.file_name));
}

}  // namespace cashmatch::ingest
