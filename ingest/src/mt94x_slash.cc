// Slash-tag :86: fields as ABN AMRO, ING, Rabobank, bunq and Mollie write
// them: "/TRTP/.../IBAN/.../NAME/.../REMI/.../EREF/...".
#include <algorithm>
#include <array>

#include "mt94x_dialects.h"

namespace cashmatch::ingest::mt94x {
namespace {

constexpr std::array<std::string_view, 29> kSlashTags = {
    "ACCW", "ADDR", "BENM", "BIC",  "BUSP", "CHGS", "CNTP", "CSID", "EREF", "EXCH",
    "IBAN", "IREF", "ISDT", "KREF", "MARF", "NAME", "OCMT", "ORDP", "OSDR", "PREF",
    "PURP", "REMI", "RTRN", "SUM",  "TRTP", "ULTB", "ULTC", "ULTD", "SVCL"};

bool IsSlashTag(std::string_view s) {
  return std::find(kSlashTags.begin(), kSlashTags.end(), s) != kSlashTags.end();
}

// If a known tag "/TAG/" starts at `i`, its length including both slashes.
size_t SlashTagAt(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && j - i - 1 < 5 && IsUpper(s[j])) ++j;
  const size_t len = j - i - 1;
  if (j >= s.size() || s[j] != '/' || len < 3 || len > 4) return 0;
  return IsSlashTag(s.substr(i + 1, len)) ? len + 2 : 0;
}

std::string_view TrimValue(std::string_view v) {
  v = Trim(v);
  while (!v.empty() && v.back() == '/') v.remove_suffix(1);
  while (!v.empty() && v.front() == '/') v.remove_prefix(1);
  return Trim(v);
}

// The n-th '/'-separated part of `v` (0-based).
std::string_view Part(std::string_view v, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    const size_t slash = v.find('/');
    if (slash == std::string_view::npos) return {};
    v.remove_prefix(slash + 1);
  }
  return Trim(v.substr(0, v.find('/')));
}

}  // namespace

bool StartsWithSlashTag(std::string_view s) { return !s.empty() && s[0] == '/' && SlashTagAt(s, 0) != 0; }

void ParseSlashTags(std::string_view s, TextEncoding encoding, Payment* p, InfoExtras* extras) {
  std::string_view name, iban, cntp, accw, eref, remi, rtrn;
  bool has_rtrn = false;
  size_t i = s.find('/');
  while (i != std::string_view::npos) {
    const size_t tag_len = SlashTagAt(s, i);
    if (tag_len == 0) {
      i = s.find('/', i + 1);
      continue;
    }
    const std::string_view tag = s.substr(i + 1, tag_len - 2);
    const size_t start = i + tag_len;
    size_t next = s.find('/', start);
    // A value may hold slashes (/CNTP/account/bic/name/); it ends where the
    // next known tag starts.
    while (next != std::string_view::npos && SlashTagAt(s, next) == 0) next = s.find('/', next + 1);
    const std::string_view value = s.substr(start, (next == std::string_view::npos ? s.size() : next) - start);
    if (tag == "NAME" && name.empty()) name = TrimValue(value);
    else if (tag == "IBAN" && iban.empty()) iban = TrimValue(value);
    else if (tag == "CNTP") cntp = value;
    else if (tag == "ACCW") accw = TrimValue(value);
    else if (tag == "EREF") eref = TrimValue(value);
    else if (tag == "REMI") remi = TrimValue(value);
    else if (tag == "RTRN") {
      has_rtrn = true;
      rtrn = Part(TrimValue(value), 0);
    }
    i = next;
  }

  p->remittance_text.clear();
  AppendCollapsed(s, encoding, &p->remittance_text);

  p->payer_name.clear();
  AppendCollapsed(name.empty() ? Part(cntp, 2) : name, encoding, &p->payer_name);
  std::string_view account = iban;
  if (account.empty()) account = Part(cntp, 0);
  if (account.empty()) account = Trim(accw.substr(0, accw.find(',')));
  SetAccount(account, encoding, &p->payer_account);

  extras->end_to_end.clear();
  if (!IsNoReference(eref)) AppendCollapsed(eref, encoding, &extras->end_to_end);

  if (has_rtrn) {
    p->is_return = true;
    p->return_reason.clear();
    AppendCollapsed(rtrn, encoding, &p->return_reason);
  }

  // Structured creditor reference: "/REMI/STRD/CUR/ref/" (ING),
  // ".../CDTRREF/ref/" (ABN AMRO).
  std::string_view ref;
  if (remi.starts_with("STRD/")) {
    ref = Part(remi, 2);  // STRD/CUR/ref
  } else if (const size_t at = remi.find("CDTRREF/"); at != std::string_view::npos) {
    ref = Part(remi.substr(at), 1);
  }
  ref = Trim(ref);
  if (!ref.empty()) {
    RemittanceLine line;
    AppendCollapsed(ref, encoding, &line.reference);
    if (!line.reference.empty()) p->remittance.push_back(std::move(line));
  }
}

}  // namespace cashmatch::ingest::mt94x
