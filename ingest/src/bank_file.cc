// Format names, content sniffing and dispatch to the per-format parsers.
#include "cashmatch/bank_file.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "bank_parsers.h"

namespace cashmatch {
namespace {

constexpr std::array<std::pair<BankFormat, std::string_view>, 11> kNames = {{
    {BankFormat::kBai2, "bai2"},
    {BankFormat::kLockbox, "lockbox"},
    {BankFormat::kCamt052, "camt052"},
    {BankFormat::kCamt053, "camt053"},
    {BankFormat::kCamt054, "camt054"},
    {BankFormat::kMt940, "mt940"},
    {BankFormat::kMt942, "mt942"},
    {BankFormat::kNacha, "nacha"},
    {BankFormat::kX12_820, "x12_820"},
    {BankFormat::kPaymentsCsv, "csv"},
    {BankFormat::kPaymentsJsonl, "jsonl"},
}};

// Sniffing looks only at the head of the file: every format announces
// itself in its first records, and a multi-gigabyte file must not be
// scanned twice.
constexpr size_t kSniffBytes = 64 * 1024;

std::string_view SkipBomAndBlanks(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
  return s.substr(i);
}

std::string_view FirstLine(std::string_view s) {
  size_t end = s.find_first_of("\r\n");
  return s.substr(0, end);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// camt message element names, namespace prefix or not.
std::optional<BankFormat> SniffXml(std::string_view head) {
  if (Contains(head, "BkToCstmrDbtCdtNtfctn")) return BankFormat::kCamt054;
  if (Contains(head, "BkToCstmrStmt")) return BankFormat::kCamt053;
  if (Contains(head, "BkToCstmrAcctRpt")) return BankFormat::kCamt052;
  return std::nullopt;
}

// NACHA's file header: record type 1, priority code, then at positions
// 35-40 record size "094", blocking factor "10" and format code "1". Some
// originators shift the header by a column or two; the parser then names
// the exact fault, so sniffing looks a little either side.
bool LooksLikeNacha(std::string_view head) {
  if (head.size() < 40 || head[0] != '1') return false;
  std::string_view near = head.substr(30, 14);
  return near.find("094101") != std::string_view::npos;
}

// Lockbox: type-1 header, and the records that follow start with the
// lockbox record types.
bool LooksLikeLockbox(std::string_view head) {
  if (head.empty() || head[0] != '1') return false;
  std::string_view rest = head;
  int records = 0;
  while (!rest.empty() && records < 4) {
    std::string_view line = FirstLine(rest);
    rest.remove_prefix(std::min(rest.size(), line.size()));
    while (!rest.empty() && (rest.front() == '\r' || rest.front() == '\n')) rest.remove_prefix(1);
    if (line.empty()) continue;
    if (std::string_view("1245678 9").find(line[0]) == std::string_view::npos) return false;
    // Records after the headers start with a numeric batch or count field.
    const bool header = line[0] == '1' || line[0] == '2';
    if (!header && !AllDigits(line.substr(1, std::min<size_t>(3, line.size() - 1)))) return false;
    ++records;
  }
  return records >= 2;
}

std::optional<BankFormat> SniffSwift(std::string_view head) {
  bool has_tags = Contains(head, ":20:") && Contains(head, ":25:");
  if (!has_tags) return std::nullopt;
  if (Contains(head, "{2:O942") || Contains(head, "{2:I942")) return BankFormat::kMt942;
  if (Contains(head, "{2:O940") || Contains(head, "{2:I940")) return BankFormat::kMt940;
  if (Contains(head, ":60F:") || Contains(head, ":60M:")) return BankFormat::kMt940;
  if (Contains(head, ":34F:") || Contains(head, ":13D:") || Contains(head, ":13:"))
    return BankFormat::kMt942;
  return std::nullopt;
}

// A header row naming the feed's columns; case and order do not matter.
bool LooksLikePaymentsCsv(std::string_view first_line) {
  std::string lower(first_line);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return Contains(lower, "source_ref") && Contains(lower, "amount") &&
         Contains(lower, "currency");
}

}  // namespace

std::string_view BankFormatName(BankFormat format) {
  for (const auto& [f, name] : kNames) {
    if (f == format) return name;
  }
  return "unknown";
}

std::optional<BankFormat> ParseBankFormatName(std::string_view name) {
  for (const auto& [f, n] : kNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

std::vector<BankFormat> AllBankFormats() {
  std::vector<BankFormat> all;
  for (const auto& entry : kNames) all.push_back(entry.first);
  return all;
}

Result<BankFormat> DetectBankFormat(std::string_view bytes) {
  std::string_view head = SkipBomAndBlanks(bytes.substr(0, kSniffBytes));
  if (head.empty()) return Status::Unsupported("the file is empty");
  // Compressed deliveries are common; say so rather than "not a bank file".
  if (bytes.starts_with("PK\x03\x04")) {
    return Status::Unsupported("a ZIP archive: unpack it and drop the files it holds");
  }
  if (bytes.starts_with("\x1F\x8B")) {
    return Status::Unsupported("a gzip-compressed file: decompress it and drop the result");
  }
  if (head.starts_with("01,")) return BankFormat::kBai2;
  if (head.front() == '<') {
    if (auto f = SniffXml(head)) return *f;
    return Status::Unsupported(
        "an XML document, but not an ISO 20022 camt.052, camt.053 or camt.054 message");
  }
  if (head.front() == '{') {
    // A SWIFT FIN envelope "{1:F01..." or a JSON object.
    if (head.starts_with("{1:")) {
      if (auto f = SniffSwift(head)) return *f;
      return Status::Unsupported("a SWIFT message, but not an MT940 or MT942");
    }
    return BankFormat::kPaymentsJsonl;
  }
  if (head.starts_with("ISA")) return BankFormat::kX12_820;
  if (LooksLikeNacha(head)) return BankFormat::kNacha;
  if (LooksLikeLockbox(head)) return BankFormat::kLockbox;
  if (auto f = SniffSwift(head)) return *f;
  if (LooksLikePaymentsCsv(FirstLine(head))) return BankFormat::kPaymentsCsv;
  return Status::Unsupported(
      "not a bank file cashmatch reads (BAI2, lockbox, camt.052/053/054, MT940/942, "
      "NACHA, X12 820, payments CSV or JSON Lines)");
}

Result<BankFile> ReadBankFile(std::string_view bytes, std::string_view file_name,
                              const BankReadOptions& options) {
  if (bytes.size() > options.max_file_bytes) {
    SourceLocation where;
    where.file = std::string(file_name);
    return Status::ResourceExhausted("the file is " + std::to_string(bytes.size()) +
                                         " bytes, over the limit of " +
                                         std::to_string(options.max_file_bytes),
                                     std::move(where));
  }
  BankFormat format;
  if (options.format) {
    format = *options.format;
  } else {
    Result<BankFormat> sniffed = DetectBankFormat(bytes);
    if (!sniffed.ok()) {
      SourceLocation where;
      where.file = std::string(file_name);
      return sniffed.status().WithContext(where);
    }
    format = *sniffed;
  }
  ingest::ParseContext ctx{file_name, options};
  switch (format) {
    case BankFormat::kBai2: return ingest::ParseBai2(bytes, ctx);
    case BankFormat::kLockbox: return ingest::ParseLockbox(bytes, ctx);
    case BankFormat::kCamt052:
    case BankFormat::kCamt053:
    case BankFormat::kCamt054: return ingest::ParseCamt(bytes, format, ctx);
    case BankFormat::kMt940:
    case BankFormat::kMt942: return ingest::ParseMt94x(bytes, format, ctx);
    case BankFormat::kNacha: return ingest::ParseNacha(bytes, ctx);
    case BankFormat::kX12_820: return ingest::ParseX12_820(bytes, ctx);
    case BankFormat::kPaymentsCsv: return ingest::ParsePaymentsCsv(bytes, ctx);
    case BankFormat::kPaymentsJsonl: return ingest::ParsePaymentsJsonl(bytes, ctx);
  }
  return Status::Unsupported("unknown format");
}

}  // namespace cashmatch
