// ISO 20022 camt.052 / camt.053 / camt.054: the document level. Decides the
// text encoding, parses the XML with pugixml in place on a private copy,
// refuses what is unsafe or not the expected message, and hands each
// statement to camt_statement.cc. See docs/formats/camt.md.
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <new>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "bank_parsers.h"
#include "bank_text.h"
#include "camt_arena.h"
#include "camt_entry.h"
#include "camt_reader.h"
#include "camt_values.h"
#include "camt_xml.h"

namespace cashmatch::ingest {
namespace camt {
namespace {

struct MessageKind {
  BankFormat format;
  std::string_view element;    // the message element under Document
  std::string_view statement;  // its repeating statement element
  std::string_view what;       // for messages
  int number;                  // 52, 53, 54 as in the namespace
};

constexpr MessageKind kKinds[] = {
    {BankFormat::kCamt053, "BkToCstmrStmt", "Stmt", "camt.053 statement", 53},
    {BankFormat::kCamt054, "BkToCstmrDbtCdtNtfctn", "Ntfctn", "camt.054 debit/credit notification",
     54},
    {BankFormat::kCamt052, "BkToCstmrAcctRpt", "Rpt", "camt.052 account report", 52},
};

const MessageKind* KindByElement(std::string_view element) {
  for (const MessageKind& k : kKinds) {
    if (k.element == element) return &k;
  }
  return nullptr;
}

const MessageKind& KindByFormat(BankFormat format) {
  for (const MessageKind& k : kKinds) {
    if (k.format == format) return k;
  }
  return kKinds[0];
}

Status FileError(std::string_view file, StatusCode code, std::string reason) {
  SourceLocation where;
  where.file = std::string(file);
  if (code == StatusCode::kUnsupported)
    return Status::Unsupported(std::move(reason)).WithContext(where);
  if (code == StatusCode::kResourceExhausted)
    return Status::ResourceExhausted(std::move(reason), where);
  return Status::InvalidInput(std::move(reason), where);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The encoding named in the XML declaration, or "" when there is none.
std::string_view DeclaredEncoding(std::string_view head) {
  if (!head.starts_with("<?xml")) return {};
  size_t end = head.find("?>");
  if (end == std::string_view::npos || end > 1024) return {};
  std::string_view decl = head.substr(0, end);
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  size_t i = at + 8;
  while (i < decl.size() && (decl[i] == ' ' || decl[i] == '=' || decl[i] == '\t')) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return {};
  size_t close = decl.find(decl[i], i + 1);
  if (close == std::string_view::npos) return {};
  return decl.substr(i + 1, close - i - 1);
}

enum class Charset { kUtf8, kWindows1252, kLatin9 };

// ISO-8859-15 differs from Windows-1252 in eight printable bytes; mapping them
// to the 1252 bytes of the same characters lets AppendText do the rest. Its
// 0x80-0x9F are C1 controls, which read as blanks.
void AppendLatin9(std::string_view raw, std::string* out) {
  std::string mapped(raw);
  for (char& c : mapped) {
    switch (static_cast<unsigned char>(c)) {
      case 0xA4:
        c = '\x80';
        break;  // euro sign
      case 0xA6:
        c = '\x8A';
        break;  // S caron
      case 0xA8:
        c = '\x9A';
        break;  // s caron
      case 0xB4:
        c = '\x8E';
        break;  // Z caron
      case 0xB8:
        c = '\x9E';
        break;  // z caron
      case 0xBC:
        c = '\x8C';
        break;  // OE
      case 0xBD:
        c = '\x9C';
        break;  // oe
      case 0xBE:
        c = '\x9F';
        break;  // Y diaeresis
      default:
        if (static_cast<unsigned char>(c) >= 0x80 && static_cast<unsigned char>(c) < 0xA0) c = ' ';
    }
  }
  AppendText(mapped, TextEncoding::kWindows1252, out);
}

// The whole file as UTF-8, line ends kept where they were so that line
// numbers still count physical lines of the input.
std::string TranscodeToUtf8(std::string_view bytes, Charset charset) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  size_t i = 0;
  while (i < bytes.size()) {
    size_t j = bytes.find_first_of("\r\n", i);
    if (j == std::string_view::npos) j = bytes.size();
    std::string_view segment = bytes.substr(i, j - i);
    if (charset == Charset::kLatin9) {
      AppendLatin9(segment, &out);
    } else {
      AppendText(segment, TextEncoding::kWindows1252, &out);
    }
    if (j < bytes.size()) out.push_back(bytes[j]);
    i = j + 1;
  }
  return out;
}

std::string ParseFailureText(const pugi::xml_parse_result& r) {
  std::string what;
  switch (r.status) {
    case pugi::status_end_element_mismatch:
      what =
          "a closing tag does not match the element it closes, or the file ends before every "
          "element is closed (truncated?)";
      break;
    case pugi::status_unrecognized_tag:
      what = "something that is not a tag follows a '<'";
      break;
    case pugi::status_bad_start_element:
      what = "a start tag is malformed";
      break;
    case pugi::status_bad_end_element:
      what = "an end tag is malformed";
      break;
    case pugi::status_bad_attribute:
      what = "an attribute is malformed";
      break;
    case pugi::status_no_document_element:
      what = "there is no XML element in the file";
      break;
    default:
      what = r.description();
      break;
  }
  return "the XML is malformed: " + what;
}

// Finds the first element nested deeper than the limit. pugixml's own
// traversal is iterative, so the check cannot overflow the stack, and it
// costs one call per node.
class DepthWalker : public pugi::xml_tree_walker {
 public:
  explicit DepthWalker(uint32_t limit) : limit_(limit) {}
  bool for_each(pugi::xml_node& node) override {
    // depth() is 0 for the root element: nesting level depth() + 1.
    if (static_cast<uint32_t>(depth()) < limit_ || node.type() != pugi::node_element) return true;
    too_deep = node;
    return false;
  }
  pugi::xml_node too_deep;

 private:
  uint32_t limit_;
};

Status CheckDepth(DocContext& ctx, pugi::xml_document& doc) {
  const uint32_t limit = ctx.options().max_xml_depth;
  DepthWalker walker(limit);
  doc.traverse(walker);
  if (!walker.too_deep) return Status::Ok();
  SourceLocation where;
  where.file = std::string(ctx.file_name());
  where.line = ctx.Line(walker.too_deep);
  where.field = ElementPath(walker.too_deep);
  return Status::ResourceExhausted(
      "XML elements are nested deeper than the limit of " + std::to_string(limit), where);
}

// The Document element: the root, or inside an envelope (a business
// application header wrapper) up to three levels down.
pugi::xml_node FindDocument(pugi::xml_node root) {
  if (LocalName(root) == "Document") return root;
  for (pugi::xml_node a = root.first_child(); a; a = a.next_sibling()) {
    if (a.type() != pugi::node_element) continue;
    if (LocalName(a) == "Document") return a;
    for (pugi::xml_node b = a.first_child(); b; b = b.next_sibling()) {
      if (b.type() == pugi::node_element && LocalName(b) == "Document") return b;
    }
  }
  return {};
}

pugi::xml_node FirstElement(pugi::xml_node n) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) return c;
  }
  return {};
}

// The namespace URI in force for element `n`'s prefix.
std::string_view NamespaceOf(pugi::xml_node n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  std::string attr = colon == std::string_view::npos
                         ? std::string("xmlns")
                         : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node at = n; at && at.type() == pugi::node_element; at = at.parent()) {
    pugi::xml_attribute a = at.attribute(attr.c_str());
    if (a) return a.value();
  }
  return {};
}

// "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" -> checks message type
// and version; other namespaces (none, or a bank's own) are let through.
Status CheckNamespace(DocContext& ctx, pugi::xml_node document, const MessageKind& kind) {
  std::string_view uri = NamespaceOf(document);
  size_t at = uri.find("camt.");
  if (at == std::string_view::npos) return Status::Ok();
  std::string_view id = uri.substr(at + 5);  // "053.001.08"
  if (id.size() < 10) return Status::Ok();
  size_t digits = 8;
  while (digits < id.size() && id[digits] >= '0' && id[digits] <= '9') ++digits;
  id = id.substr(0, digits);
  auto number = ParseCount(id.substr(0, 3));
  auto version = id.size() > 8 ? ParseCount(id.substr(8)) : std::nullopt;
  if (!number || !version || id.substr(3, 5) != ".001.") return Status::Ok();
  if (static_cast<int>(*number) != kind.number) {
    return ctx.Fail(document, "the namespace " + std::string(uri) + " is camt." +
                                  std::string(id.substr(0, 3)) + ", but the message is a " +
                                  std::string(kind.what) + " (" + std::string(kind.element) + ")");
  }
  if (*version < 2) {
    return ctx.Fail(document, "camt." + std::string(id) +
                                  " is not supported: cashmatch reads versions .001.02 and later");
  }
  return Status::Ok();
}

Result<BankFile> ParseDocument(std::string_view bytes, BankFormat format,
                               const ParseContext& pctx) {
  const std::string_view file = pctx.file_name;
  if (bytes.starts_with("PK\x03\x04")) {
    return FileError(file, StatusCode::kUnsupported,
                     "a ZIP archive: unpack it and drop the files it holds");
  }
  if (bytes.starts_with("\x1F\x8B")) {
    return FileError(file, StatusCode::kUnsupported,
                     "a gzip-compressed file: decompress it and drop the result");
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return FileError(file, StatusCode::kInvalidInput,
                     "the file is UTF-16; camt files are read as UTF-8 or ISO-8859-1");
  }
  std::string_view head = bytes.substr(bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return FileError(file, StatusCode::kInvalidInput, "the file is empty");
  }
  if (head[first] != '<') {
    return BankError(file, 1, "", "not an XML document: a camt file starts with '<'");
  }

  // One decision for the whole file: the declared encoding, and for a file
  // declared (or defaulting to) UTF-8 that is not valid UTF-8, Windows-1252,
  // which is what such files really hold.
  Charset charset = Charset::kUtf8;
  std::string declared = Lower(DeclaredEncoding(head.substr(first, 1024)));
  if (declared.empty() || declared == "utf-8" || declared == "utf8" || declared == "us-ascii" ||
      declared == "ascii") {
    if (!simdjson::validate_utf8(bytes.data(), bytes.size())) charset = Charset::kWindows1252;
  } else if (declared == "iso-8859-1" || declared == "iso8859-1" || declared == "latin1" ||
             declared == "latin-1" || declared == "windows-1252" || declared == "cp1252" ||
             declared == "iso_8859-1") {
    charset = Charset::kWindows1252;
  } else if (declared == "iso-8859-15" || declared == "latin-9" || declared == "latin9") {
    charset = Charset::kLatin9;
  } else {
    return BankError(file, 1, "",
                     "the XML declares encoding '" + declared +
                         "'; camt files are read as UTF-8, ISO-8859-1, "
                         "ISO-8859-15 or Windows-1252");
  }

  // pugixml parses in place: on a private copy, so the caller's bytes stay
  // untouched, and the DOM's strings are views into that copy.
  // Parsing in place writes into the buffer (terminators, line-end
  // normalization), so lines are counted in an untouched text with the same
  // offsets: the caller's bytes, or a second copy of the transcoded text.
  // The arena holds the copy and the DOM; it is declared before the
  // document so that the document dies first.
  XmlArena arena(bytes.size() * 3);
  std::string transcoded, pristine;
  char* buffer;
  size_t size;
  std::string_view text_for_lines;
  if (charset == Charset::kUtf8) {
    buffer = static_cast<char*>(arena.Allocate(bytes.size()));
    if (buffer == nullptr) {
      return FileError(file, StatusCode::kResourceExhausted, "not enough memory to read the file");
    }
    std::memcpy(buffer, bytes.data(), bytes.size());
    size = bytes.size();
    text_for_lines = bytes;
  } else {
    transcoded = TranscodeToUtf8(bytes, charset);
    pristine = transcoded;
    buffer = transcoded.data();
    size = transcoded.size();
    text_for_lines = pristine;
  }

  DocContext ctx(file, pctx.options, format, text_for_lines.data(), text_for_lines.size());
  pugi::xml_document doc;
  const unsigned flags = pugi::parse_default | pugi::parse_doctype | pugi::parse_embed_pcdata;
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(buffer, size, flags, pugi::encoding_utf8);
  if (parsed.status == pugi::status_out_of_memory) {
    return FileError(file, StatusCode::kResourceExhausted, "not enough memory to parse the XML");
  }
  if (!parsed) {
    LineIndex lines(text_for_lines.data(), text_for_lines.size());
    return BankError(file, lines.LineOf(parsed.offset), "", ParseFailureText(parsed));
  }

  pugi::xml_node root;
  for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      return ctx.Fail(n,
                      "the document has a DOCTYPE declaration; DTDs and entity definitions "
                      "are refused for safety");
    }
    if (n.type() != pugi::node_element) continue;
    if (root) return ctx.Fail(n, "a second root element: an XML document has exactly one");
    root = n;
  }
  if (!root) return BankError(file, 1, "", "there is no XML element in the file");
  CASHMATCH_RETURN_IF_ERROR(CheckDepth(ctx, doc));

  const MessageKind& wanted = KindByFormat(format);
  pugi::xml_node document = FindDocument(root);
  pugi::xml_node message = document ? FirstElement(document) : root;
  const MessageKind* kind = message ? KindByElement(LocalName(message)) : nullptr;
  if (kind == nullptr) {
    pugi::xml_node at = message ? message : root;
    return ctx.Fail(at, "<" + std::string(LocalName(at)) +
                            "> is not a camt.052, camt.053 or camt.054 message (expected <" +
                            std::string(wanted.element) + "> in an ISO 20022 <Document>)");
  }
  if (kind->format != format) {
    return ctx.Fail(message, "this is a " + std::string(kind->what) + " (" +
                                 std::string(kind->element) + "), not the " +
                                 std::string(wanted.what) + " it was read as");
  }
  CASHMATCH_RETURN_IF_ERROR(CheckNamespace(ctx, document ? document : message, *kind));

  ctx.message_date = ParseIsoDateTimeDay(ctx.Text(Path(message, "GrpHdr", "CreDtTm")));

  BankFile out;
  out.format = format;
  out.file_name = std::string(file);
  // Growing the vector by doubling faults in twice the memory it ends with;
  // a capacity from the input size (a payment takes 1 KB of XML or more)
  // costs only address space where it is not used.
  out.payments.reserve(std::min<size_t>(bytes.size() / 1024, size_t{1} << 20));
  EntryReader entries(ctx);
  uint32_t statements = 0;
  for (pugi::xml_node s = message.first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || LocalName(s) != kind->statement) continue;
    CASHMATCH_RETURN_IF_ERROR(ParseStatement(ctx, entries, s, ++statements, &out));
  }
  CASHMATCH_RETURN_IF_ERROR(ctx.deferred());
  if (statements == 0) {
    return ctx.Fail(message, "<" + std::string(kind->element) + "> holds no <" +
                                 std::string(kind->statement) + ">");
  }
  return out;
}

}  // namespace

DocContext::DocContext(std::string_view file_name, const BankReadOptions& options,
                       BankFormat format, const char* buffer, size_t size)
    : file_name_(file_name),
      options_(options),
      format_(format),
      format_name_(BankFormatName(format)),
      lines_(buffer, size) {}

Status DocContext::Fail(pugi::xml_node at, std::string reason) {
  if (!deferred_.ok()) return deferred_;
  return BankError(file_name_, Line(at), ElementPath(at), std::move(reason));
}

std::string_view DocContext::CheckLength(pugi::xml_node n, std::string_view text) {
  if (text.size() <= options_.max_record_bytes) return text;
  if (deferred_.ok()) {
    SourceLocation where;
    where.file = std::string(file_name_);
    where.line = Line(n);
    where.field = ElementPath(n);
    deferred_ = Status::ResourceExhausted(
        "the text of <" + std::string(LocalName(n)) + "> is " + std::to_string(text.size()) +
            " bytes, over the record limit of " + std::to_string(options_.max_record_bytes),
        where);
  }
  return {};
}

std::string_view DocContext::Text(pugi::xml_node n) { return CheckLength(n, text_.Text(n)); }

std::string_view DocContext::RawText(pugi::xml_node n) { return CheckLength(n, text_.RawText(n)); }

MovementTotals& StatementState::TotalsFor(Currency c) {
  for (MovementTotals& t : totals) {
    if (t.currency == c) return t;
  }
  totals.push_back(MovementTotals{c});
  return totals.back();
}

}  // namespace camt

Result<BankFile> ParseCamt(std::string_view bytes, BankFormat format, const ParseContext& ctx) {
  // pugixml and the containers report exhaustion by exception; none may
  // leave ReadBankFile.
  try {
    return camt::ParseDocument(bytes, format, ctx);
  } catch (const std::bad_alloc&) {
    return camt::FileError(ctx.file_name, StatusCode::kResourceExhausted,
                           "not enough memory to read the file");
  } catch (const std::exception& e) {
    return camt::FileError(ctx.file_name, StatusCode::kInvalidInput,
                           std::string("the file could not be read: ") + e.what());
  }
}

}  // namespace cashmatch::ingest
