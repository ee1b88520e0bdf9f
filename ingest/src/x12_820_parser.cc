// Standalone X12 820 files: every transaction set becomes a
// RemittanceAdvice (money is not moved by the file itself; the lead joins
// each advice to its payment by trace number, or amount and date). The
// 820 reading itself is shared with NACHA CTX, in x12_remittance.cc.
#include <exception>
#include <new>
#include <string>

#include "bank_parsers.h"
#include "x12_remittance.h"

namespace cashmatch::ingest {
namespace {

Result<BankFile> Parse(std::string_view bytes, const ParseContext& ctx) {
  BankFile file;
  file.format = BankFormat::kX12_820;
  file.file_name = std::string(ctx.file_name);
  x12::ReadOptions o;
  o.file_name = ctx.file_name;
  o.encoding = x12::DetectEncodingFast(bytes);
  o.max_segment_bytes = ctx.options.max_record_bytes;
  o.mode = x12::Mode::kInterchange;
  o.default_currency = *Currency::FromCode("USD");
  x12::TextLineMap lines(bytes);
  CASHMATCH_RETURN_IF_ERROR(x12::Read820(bytes, o, lines, &file.advices));
  const std::string_view format = BankFormatName(BankFormat::kX12_820);
  for (RemittanceAdvice& a : file.advices) {
    a.source_file = file.file_name;
    a.format.assign(format);
  }
  return file;
}

}  // namespace

Result<BankFile> ParseX12_820(std::string_view bytes, const ParseContext& ctx) {
  try {
    Result<BankFile> r = Parse(bytes, ctx);
    if (!r.ok()) return x12::Utf8Reason(r.status());
    return r;
  } catch (const std::bad_alloc&) {
    SourceLocation where;
    where.file = std::string(ctx.file_name);
    return Status::ResourceExhausted("out of memory while reading the X12 820 file",
                                     std::move(where));
  } catch (const std::exception& e) {
    SourceLocation where;
    where.file = std::string(ctx.file_name);
    return Status::InvalidInput(std::string("the X12 820 file could not be read: ") + e.what(),
                                std::move(where));
  }
}

}  // namespace cashmatch::ingest
