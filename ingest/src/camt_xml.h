// XML helpers for the camt parser: namespace-agnostic element access over a
// pugixml DOM, text values as views into the parsed buffer, physical line
// numbers and element paths for error messages. Internal to ingest.
//
// Every string_view returned here points into the buffer the document was
// parsed in place from (or into a Document-owned scratch string) and lives
// as long as that buffer and the Document.
#ifndef CASHMATCH_INGEST_CAMT_XML_H_
#define CASHMATCH_INGEST_CAMT_XML_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace cashmatch::ingest::camt {

// The element's name without any namespace prefix ("ns2:Ntry" -> "Ntry").
// One pass over the name: this runs for every element the parser looks at.
inline std::string_view LocalName(pugi::xml_node n) {
  const char* name = n.name();
  const char* local = name;
  const char* p = name;
  for (; *p != '\0'; ++p) {
    if (*p == ':') local = p + 1;
  }
  return std::string_view(local, static_cast<size_t>(p - local));
}

// First element child with local name `name`; an empty node if none.
pugi::xml_node Child(pugi::xml_node n, std::string_view name);
// Child(Child(n, a), b), and so on.
pugi::xml_node Path(pugi::xml_node n, std::string_view a, std::string_view b);
pugi::xml_node Path(pugi::xml_node n, std::string_view a, std::string_view b, std::string_view c);

// Value of the attribute with local name `name`, or "" if absent.
std::string_view Attr(pugi::xml_node n, std::string_view name);

// "Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt": local names from the
// Document element (or the root) down to `n`. Elements that repeat in camt
// (statements, entries, transactions, balances, remittance pieces) or have
// same-named siblings carry their 1-based position.
std::string ElementPath(pugi::xml_node n);

// Maps byte offsets in the parsed buffer to 1-based physical lines. Lines end
// at LF; a file with CR but no LF at all (old Mac line ends) is counted by CR.
// Lookups are fastest in increasing offset order, as a document walk asks.
class LineIndex {
 public:
  LineIndex(const char* data, size_t size);
  uint64_t LineOf(ptrdiff_t offset);

 private:
  size_t CountBreaks(size_t from, size_t to) const;

  const char* data_;
  size_t size_;
  char break_;
  size_t pos_ = 0;     // offset that line_ was counted up to
  uint64_t line_ = 1;  // line of pos_
};

// Appends `text` (UTF-8, as the parse buffer always is) to `out` with
// controls blanked as AppendText does. A character reference can still
// decode to something that is not UTF-8 (&#xD800;): such bytes become U+FFFD,
// so every output string is valid UTF-8.
void AppendUtf8Text(std::string_view text, std::string* out);

// Text content of elements. Concatenating mixed PCDATA/CDATA children needs
// storage that outlives the call: TextReader keeps it.
class TextReader {
 public:
  // The element's text, trimmed of XML whitespace; "" for an absent node.
  std::string_view Text(pugi::xml_node n);
  // Same, untrimmed: for free text whose trailing blank tells where a
  // bank broke a long sentence.
  std::string_view RawText(pugi::xml_node n);

 private:
  std::deque<std::string> joined_;
};

}  // namespace cashmatch::ingest::camt

#endif  // CASHMATCH_INGEST_CAMT_XML_H_
