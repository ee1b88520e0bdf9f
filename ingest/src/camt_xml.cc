#include "camt_xml.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "bank_text.h"
#include "camt_values.h"

namespace cashmatch::ingest::camt {
namespace {

// Elements that a camt message repeats; their paths always carry a position
// so that "Stmt[1]" reads the same whether or not a second one follows.
constexpr std::array<std::string_view, 14> kRepeating = {"Stmt",
                                                         "Ntfctn",
                                                         "Rpt",
                                                         "Bal",
                                                         "Ntry",
                                                         "NtryDtls",
                                                         "TxDtls",
                                                         "Ustrd",
                                                         "Strd",
                                                         "RfrdDocInf",
                                                         "AdjstmntAmtAndRsn",
                                                         "AddtlRmtInf",
                                                         "DscntApldAmt",
                                                         "TaxAmt"};

bool IsRepeating(std::string_view name) {
  return std::find(kRepeating.begin(), kRepeating.end(), name) != kRepeating.end();
}

}  // namespace

pugi::xml_node Child(pugi::xml_node n, std::string_view name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == name) return c;
  }
  return {};
}

pugi::xml_node Path(pugi::xml_node n, std::string_view a, std::string_view b) {
  return Child(Child(n, a), b);
}

pugi::xml_node Path(pugi::xml_node n, std::string_view a, std::string_view b, std::string_view c) {
  return Child(Child(Child(n, a), b), c);
}

std::string_view Attr(pugi::xml_node n, std::string_view name) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    std::string_view an = a.name();
    size_t colon = an.rfind(':');
    if (colon != std::string_view::npos) an.remove_prefix(colon + 1);
    if (an == name) return a.value();
  }
  return {};
}

std::string ElementPath(pugi::xml_node n) {
  std::vector<std::string> parts;
  for (pugi::xml_node at = n; at && at.type() == pugi::node_element; at = at.parent()) {
    std::string_view name = LocalName(at);
    bool repeated = IsRepeating(name);
    for (pugi::xml_node s = at.parent().first_child(); s && !repeated; s = s.next_sibling()) {
      repeated = s != at && s.type() == pugi::node_element && LocalName(s) == name;
    }
    std::string part(name);
    if (repeated) {
      size_t position = 1;
      for (pugi::xml_node s = at.previous_sibling(); s; s = s.previous_sibling()) {
        if (s.type() == pugi::node_element && LocalName(s) == name) ++position;
      }
      part += "[" + std::to_string(position) + "]";
    }
    parts.push_back(std::move(part));
    if (name == "Document") break;
  }
  std::string path;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!path.empty()) path += '/';
    path += *it;
  }
  return path;
}

LineIndex::LineIndex(const char* data, size_t size) : data_(data), size_(size) {
  const bool has_lf = size > 0 && std::memchr(data, '\n', size) != nullptr;
  const bool has_cr = size > 0 && std::memchr(data, '\r', size) != nullptr;
  break_ = !has_lf && has_cr ? '\r' : '\n';
}

// Eight bytes at a time: pretty-printed XML has a line end every 30 bytes
// or so, too often for memchr to pay off.
size_t LineIndex::CountBreaks(size_t from, size_t to) const {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  const uint64_t pattern = 0x0101010101010101ULL * static_cast<unsigned char>(break_);
  size_t count = 0;
  size_t i = from;
  for (; i + 8 <= to; i += 8) {
    uint64_t word;
    std::memcpy(&word, data_ + i, 8);
    const uint64_t x = word ^ pattern;  // zero bytes where the break is
    // High bit set exactly in the zero bytes of x; the multiply adds the
    // eight 0/1 lanes into the top byte (no popcount instruction needed).
    const uint64_t zero = ~(((x & kLow7) + kLow7) | x | kLow7) >> 7;
    count += static_cast<size_t>((zero * 0x0101010101010101ULL) >> 56);
  }
  for (; i < to; ++i) count += data_[i] == break_;
  return count;
}

uint64_t LineIndex::LineOf(ptrdiff_t offset) {
  if (offset < 0) return 0;
  size_t target = std::min(static_cast<size_t>(offset), size_);
  if (target >= pos_) {
    line_ += CountBreaks(pos_, target);
  } else {
    line_ -= CountBreaks(target, pos_);
  }
  pos_ = target;
  return line_;
}

void AppendUtf8Text(std::string_view text, std::string* out) {
  bool ascii = true;
  for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii || IsValidUtf8(text)) {
    AppendText(text, TextEncoding::kUtf8, out);
    return;
  }
  // Copy valid sequences; each byte that starts none becomes U+FFFD.
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 1;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    std::string_view seq = text.substr(i, len);
    if (seq.size() == len && (c < 0x80 || (c >= 0xC0 && IsValidUtf8(seq)))) {
      AppendText(seq, TextEncoding::kUtf8, out);
      i += len;
    } else {
      out->append("\xEF\xBF\xBD");
      ++i;
    }
  }
}

std::string_view TextReader::Text(pugi::xml_node n) { return TrimXml(RawText(n)); }

std::string_view TextReader::RawText(pugi::xml_node n) {
  if (!n) return {};
  std::string_view own = n.value();  // PCDATA embedded in the element (parse_embed_pcdata)
  pugi::xml_node first = n.first_child();
  if (!first) return own;
  // Mixed content: a CDATA section, or text around a comment. Rare, so the
  // joined copy may allocate.
  const bool single = own.empty() && !first.next_sibling() &&
                      (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata);
  if (single) return first.value();
  std::string joined(own);
  for (pugi::xml_node c = first; c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) joined += c.value();
  }
  joined_.push_back(std::move(joined));
  return joined_.back();
}

}  // namespace cashmatch::ingest::camt
