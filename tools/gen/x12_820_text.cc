#include "x12_820_text.h"

#include <cstdio>

namespace cashmatch::gen::x12text {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string Ccyymmdd(Date d) {
  int y;
  unsigned m, day;
  d.ToCivil(&y, &m, &day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", y, m, day);
  return buf;
}

}  // namespace

Style PickStyle(Rng& rng, bool standalone) {
  Style s;
  const uint64_t t = rng.Below(100);
  if (t < 60) {
    s.segment = '~';
  } else if (t < 85 || !standalone) {
    s.segment = '\\';
  } else {
    s.line_ends = true;
  }
  if (standalone && !s.line_ends) {
    const uint64_t a = rng.Below(100);
    s.after = a < 40 ? "\n" : a < 70 ? "\r\n" : "";
  }
  s.indent = standalone && (s.line_ends || !s.after.empty()) && rng.Percent(20);
  s.drop_zero_cents = rng.Percent(30);
  return s;
}

void Writer::Terminate() {
  if (style_.line_ends) {
    out_.append("\r\n");
  } else {
    out_.push_back(style_.segment);
    out_.append(style_.after);
  }
}

void Writer::Seg(std::string_view id, std::initializer_list<std::string_view> elements, int depth) {
  if (style_.indent) out_.append(static_cast<size_t>(depth) * 2, ' ');
  out_.append(id);
  size_t n = elements.size();
  while (n > 0 && elements.begin()[n - 1].empty()) --n;
  for (size_t i = 0; i < n; ++i) {
    out_.push_back(style_.element);
    for (char c : elements.begin()[i]) {
      const bool sep = c == style_.element || c == style_.segment || c == style_.component ||
                       c == '\r' || c == '\n';
      out_.push_back(sep ? ' ' : c);
    }
  }
  Terminate();
  ++in_set_;
}

void Writer::Isa(std::string_view sender, std::string_view receiver, Date date, uint64_t control) {
  auto pad = [](std::string_view s, size_t n) {
    std::string out(Utf8Prefix(s, n));
    out.resize(n, ' ');
    return out;
  };
  const std::string day = Ccyymmdd(date).substr(2);
  char ctl[16];
  std::snprintf(ctl, sizeof ctl, "%09llu", static_cast<unsigned long long>(control % 1000000000));
  const char e = style_.element;
  out_ += "ISA";
  for (std::string_view v :
       {std::string_view("00"), std::string_view("          "), std::string_view("00"),
        std::string_view("          "), std::string_view("ZZ")}) {
    out_.push_back(e);
    out_.append(v);
  }
  out_.push_back(e);
  out_ += pad(sender, 15);
  out_.push_back(e);
  out_ += "ZZ";
  out_.push_back(e);
  out_ += pad(receiver, 15);
  for (std::string_view v : {std::string_view(day), std::string_view("0800"), std::string_view("U"),
                             std::string_view("00401"), std::string_view(ctl),
                             std::string_view("0"), std::string_view("P")}) {
    out_.push_back(e);
    out_.append(v);
  }
  out_.push_back(e);
  out_.push_back(style_.component);
  Terminate();
}

std::string Writer::Amount(int64_t minor, int exponent) const {
  std::string s = FormatMinorUnits(minor, exponent);
  if (style_.drop_zero_cents && exponent > 0) {
    const std::string zeros = "." + std::string(static_cast<size_t>(exponent), '0');
    if (s.size() > zeros.size() && s.ends_with(zeros)) s.resize(s.size() - zeros.size());
  }
  return s;
}

void WriteSet(Writer& w, const Remittance& r, uint64_t control) {
  w.BeginSet();
  char ctl[16];
  std::snprintf(ctl, sizeof ctl, "%04llu", static_cast<unsigned long long>(control % 10000));
  const int exp = r.amount.currency.exponent();
  w.Seg("ST", {"820", ctl});
  const std::string amount = w.Amount(r.amount.minor < 0 ? -r.amount.minor : r.amount.minor, exp);
  std::string_view routing, account;
  if (const size_t colon = r.payer_account.find(':'); colon != std::string_view::npos) {
    routing = r.payer_account.substr(0, colon);
    account = r.payer_account.substr(colon + 1);
  }
  const bool dated = r.date != Date{};
  const std::string date = dated ? Ccyymmdd(r.date) : std::string();
  w.Seg("BPR", {"C", amount, r.amount.minor < 0 ? "D" : "C", "ACH", "CTX",
                routing.empty() ? "" : "01", routing, routing.empty() ? "" : "DA", account,
                r.company_id, "", "01", r.our_routing, "DA", r.our_account,
                r.date_in_dtm ? "" : date}, 1);
  w.Seg("TRN", {"1", r.trace}, 1);
  if (r.cur || r.amount.currency.code() != "USD") w.Seg("CUR", {"PR", r.amount.currency.code()}, 1);
  if (dated && r.date_in_dtm) w.Seg("DTM", {"007", date}, 1);
  if (!r.payer_name.empty()) w.Seg("N1", {"PR", r.payer_name}, 1);
  if (!r.payee_name.empty()) w.Seg("N1", {"PE", r.payee_name}, 1);
  if (!r.lines.empty()) w.Seg("ENT", {"1"}, 1);
  for (const RemittanceLine& line : r.lines) {
    const auto amt = [&](const std::optional<Money>& m) {
      return m ? w.Amount(m->minor, exp) : std::string();
    };
    w.Seg("RMR", {"IV", line.reference, "", amt(line.paid), amt(line.invoice_amount),
                  amt(line.discount)}, 2);
    if (line.adjustment) {
      w.Seg("ADX", {amt(line.adjustment), line.adjustment_reason}, 3);
    }
  }
  for (std::string_view piece : SplitText(r.text, 80, r.text_mid_word)) {
    w.Seg("NTE", {"ZZZ", piece}, 1);
  }
  w.Seg("SE", {std::to_string(w.SetSegments() + 1), ctl});
}

std::string_view Utf8Prefix(std::string_view s, size_t bytes) {
  if (s.size() <= bytes) return s;
  size_t cut = bytes;
  while (cut > 0 && IsContinuation(s[cut])) --cut;
  return s.substr(0, cut);
}

std::vector<std::string_view> SplitText(std::string_view text, size_t width, bool mid_word) {
  std::vector<std::string_view> pieces;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t pos = 0;
  const size_t n = text.size();
  while (pos < n && is_space(text[pos])) ++pos;
  while (pos < n) {
    if (mid_word) {
      size_t len = Utf8Prefix(text.substr(pos), width).size();
      if (len == 0) len = 1;
      // A piece must be full unless a blank follows it: readers join a full
      // piece to the next directly and put a blank after a short one. So a
      // piece that would be followed by a blank (readers trim it away), or
      // cut short to keep a UTF-8 sequence whole, ends at its last word
      // boundary instead.
      if (pos + len < n && (is_space(text[pos + len]) || len < width)) {
        const size_t space = text.substr(pos, len).find_last_of(' ');
        if (space != std::string_view::npos && space > 0) len = space;
      }
      pieces.push_back(text.substr(pos, len));
      pos += len;
    } else {
      size_t end = pos;
      size_t last = std::string_view::npos;
      while (end < n) {
        size_t word_end = end;
        while (word_end < n && !is_space(text[word_end])) ++word_end;
        if (word_end - pos > width - 1) break;
        last = word_end;
        end = word_end;
        while (end < n && is_space(text[end])) ++end;
      }
      if (last == std::string_view::npos) {
        // One word longer than a piece: cut it full width, mid-word.
        size_t len = Utf8Prefix(text.substr(pos), width).size();
        if (len == 0) len = 1;
        pieces.push_back(text.substr(pos, len));
        pos += len;
        continue;
      }
      pieces.push_back(text.substr(pos, last - pos));
      pos = last;
    }
    while (pos < n && is_space(text[pos])) ++pos;
  }
  return pieces;
}

}  // namespace cashmatch::gen::x12text
