#include "day_refs.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

#include "cashmatch/ledger.h"

namespace cashmatch::gen::day {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Positions in `ref` of the characters NormalizeReference keeps: the last
// |normalized| letters and digits (it only ever drops a leading word and
// leading zeros, both at the front of the alphanumeric run).
std::vector<size_t> KeptPositions(std::string_view ref, size_t kept) {
  std::vector<size_t> alnum;
  for (size_t i = 0; i < ref.size(); ++i) {
    if (IsAlnum(ref[i])) alnum.push_back(i);
  }
  if (kept > alnum.size()) kept = alnum.size();
  return {alnum.end() - static_cast<std::ptrdiff_t>(kept), alnum.end()};
}

char OtherChar(char c, bool digits_only, Rng& rng) {
  static constexpr std::string_view kDigits = "0123456789";
  static constexpr std::string_view kAlnum = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const std::string_view set = digits_only ? kDigits : kAlnum;
  char r;
  do {
    r = set[rng.Below(set.size())];
  } while (r == c);
  return r;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The leading letters of a reference ("INV" of "INV-00004512").
std::string_view LeadingWord(std::string_view ref) {
  size_t n = 0;
  while (n < ref.size() && std::isalpha(static_cast<unsigned char>(ref[n]))) ++n;
  return ref.substr(0, n);
}

std::string Digits(uint64_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

std::string_view TypoKindName(TypoKind kind) {
  switch (kind) {
    case TypoKind::kSubstitution: return "substitution";
    case TypoKind::kTransposition: return "transposition";
    case TypoKind::kDeletion: return "deletion";
    case TypoKind::kInsertion: return "insertion";
  }
  return "";
}

std::string MakeTypo(std::string_view ref, Rng& rng, TypoKind* kind) {
  const std::string norm = NormalizeReference(ref);
  const std::vector<size_t> kept = KeptPositions(ref, norm.size());
  const size_t n = kept.size();
  bool digits_only = true;
  for (char c : norm) digits_only &= IsDigit(c);
  static constexpr uint32_t kKindWeights[] = {35, 25, 20, 20};
  for (int attempt = 0; attempt < 32 && n > 0; ++attempt) {
    const auto k = static_cast<TypoKind>(rng.Weighted(std::span<const uint32_t>(kKindWeights)));
    std::string out(ref), want = norm;
    switch (k) {
      case TypoKind::kSubstitution: {
        const size_t j = rng.Below(n);
        const char c = OtherChar(want[j], digits_only, rng);
        out[kept[j]] = c;
        want[j] = c;
        break;
      }
      case TypoKind::kTransposition: {
        if (n < 2) continue;
        const size_t j = rng.Below(n - 1);
        if (want[j] == want[j + 1]) continue;
        std::swap(out[kept[j]], out[kept[j + 1]]);
        std::swap(want[j], want[j + 1]);
        break;
      }
      case TypoKind::kDeletion: {
        if (n < 2) continue;
        const size_t j = rng.Below(n);
        out.erase(kept[j], 1);
        want.erase(j, 1);
        break;
      }
      case TypoKind::kInsertion: {
        const size_t j = rng.Below(n + 1);
        const char c = OtherChar('\0', digits_only, rng);
        out.insert(j < n ? kept[j] : kept[n - 1] + 1, 1, c);
        want.insert(j, 1, c);
        break;
      }
    }
    // A leading zero that the edit exposed or introduced would vanish in
    // normalization and make the distance 2: try another edit.
    if (NormalizeReference(out) != want) continue;
    *kind = k;
    return out;
  }
  // Always possible: change the last kept character to another non-zero one.
  std::string out(ref);
  if (n == 0) {
    *kind = TypoKind::kInsertion;
    return out + "7";
  }
  out[kept[n - 1]] = norm[n - 1] == '1' ? '2' : '1';
  *kind = TypoKind::kSubstitution;
  return out;
}

std::string MakeOcr(std::string_view ref, Rng& rng, int* count) {
  static constexpr std::array<std::pair<char, char>, 4> kPairs = {
      {{'0', 'O'}, {'1', 'I'}, {'5', 'S'}, {'8', 'B'}}};
  auto confusable = [](char c) {
    for (auto [d, l] : kPairs) {
      if (c == d || c == l) return true;
    }
    return false;
  };
  // Scanners mostly misread digits as letters; letters of a prefix word
  // less often.
  std::vector<size_t> digits, letters;
  for (size_t i = 0; i < ref.size(); ++i) {
    if (!confusable(ref[i])) continue;
    (IsDigit(ref[i]) ? digits : letters).push_back(i);
  }
  if (digits.empty() && letters.empty()) return "";
  std::string out(ref);
  const int want = (digits.size() + letters.size() >= 2 && rng.Percent(30)) ? 2 : 1;
  int done = 0;
  while (done < want) {
    std::vector<size_t>& from = !digits.empty() && (letters.empty() || rng.Percent(85)) ? digits : letters;
    const size_t k = rng.Below(from.size());
    const size_t at = from[k];
    from.erase(from.begin() + static_cast<std::ptrdiff_t>(k));
    for (auto [d, l] : kPairs) {
      if (out[at] == d) {
        out[at] = l;
        break;
      }
      if (out[at] == l) {
        out[at] = d;
        break;
      }
    }
    ++done;
  }
  *count = done;
  return out;
}

std::string_view RefStyleName(RefStyle style) {
  switch (style) {
    case RefStyle::kLowerWord: return "lower_word";
    case RefStyle::kHash: return "hash";
    case RefStyle::kInvoiceNo: return "invoice_no";
    case RefStyle::kNoSeparator: return "no_separator";
    case RefStyle::kNoLeadingZeros: return "no_leading_zeros";
    case RefStyle::kEmbedded: return "embedded";
    case RefStyle::kSplit: return "split";
  }
  return "";
}

std::string MakeStyle(std::string_view ref, RefStyle style, Rng& rng) {
  const std::string norm = NormalizeReference(ref);
  if (norm.empty()) return "";
  const std::string_view word = LeadingWord(ref);
  std::string out;
  switch (style) {
    case RefStyle::kLowerWord:
      out = Lower(word.empty() ? std::string_view("inv") : word) + " " + norm;
      break;
    case RefStyle::kHash:
      out = "#" + norm;
      break;
    case RefStyle::kInvoiceNo:
      out = "Invoice No. " + norm;
      break;
    case RefStyle::kNoSeparator:
      out = std::string(word.empty() ? std::string_view("INV") : word) + norm;
      break;
    case RefStyle::kNoLeadingZeros: {
      size_t at = word.size();
      while (at < ref.size() && !IsAlnum(ref[at])) ++at;
      size_t end = at;
      while (end < ref.size() && ref[end] == '0') ++end;
      if (end == at || end == ref.size()) return "";
      out = std::string(ref.substr(0, at)) + std::string(ref.substr(end));
      break;
    }
    case RefStyle::kEmbedded: {
      static constexpr std::string_view kBefore[] = {"PAYMENT FOR INVOICE ", "YOUR INVOICE ",
                                                     "SETTLEMENT OF ", "INVOICE#", "RE "};
      static constexpr std::string_view kAfter[] = {" THANK YOU", " GOODS RECEIVED", " OCT DELIVERY",
                                                    " AS AGREED", ""};
      out = std::string(kBefore[rng.Below(std::size(kBefore))]) + std::string(ref) +
            std::string(kAfter[rng.Below(std::size(kAfter))]);
      return out;  // normalizes as a sentence, not as one key
    }
    case RefStyle::kSplit: {
      const std::vector<size_t> kept = KeptPositions(ref, norm.size());
      if (kept.size() < 2) return "";
      const size_t j = 1 + rng.Below(kept.size() - 1);
      out = std::string(ref);
      out.insert(kept[j], 1, ' ');
      return out;
    }
  }
  return NormalizeReference(out) == norm ? out : "";
}

std::string RemittanceText(TextChannel channel, std::span<const TextItem> items,
                           std::string_view note, Rng& rng) {
  if (items.empty()) return std::string(note);
  auto qualifier = [](char kind) { return kind == 'C' ? "CM" : kind == 'P' ? "PO" : "IV"; };
  auto joined = [&](std::string_view sep, bool po_word) {
    std::string s;
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) s += sep;
      if (po_word && items[i].kind == 'P') s += "PO ";
      s += items[i].reference;
    }
    return s;
  };
  // X12 RMR segments as ACH CCD+/CTX addenda carry them and banks pass on.
  auto rmr = [&] {
    std::string s;
    for (const TextItem& it : items) {
      s += "RMR*";
      s += qualifier(it.kind);
      s += "*" + it.reference + "**";
      if (it.amount) s += FormatMoney(*it.amount);
      s += "\\";
    }
    return s;
  };
  std::string text;
  bool x12 = false;
  const uint64_t r = rng.Below(100);
  switch (channel) {
    case TextChannel::kBai2:
      // The writer adds the bank's own label (REMI:, OBI:, ADDENDA:).
      x12 = r >= 40 && r < 60;
      text = r < 40 ? joined(" ", true)
             : x12  ? rmr()
             : r < 80 ? joined(",", true)
                      : "INV " + joined(" ", true);
      break;
    case TextChannel::kMt940: {
      static constexpr std::string_view kLead[] = {"", "RE ", "INV ", "RECHNUNG ", "FACTURE "};
      text = std::string(kLead[r % std::size(kLead)]) + joined(r < 50 ? " " : ", ", true);
      break;
    }
    case TextChannel::kCamt:
      text = r < 35 ? joined(" ", true)
             : r < 60 ? "INVOICE " + joined(", ", true)
             : r < 80 ? "/INV/" + joined("/", false)
                      : "RE: " + joined(" ", true);
      break;
    case TextChannel::kAchAddenda:
      x12 = r < 65;
      text = x12 ? rmr() : r < 85 ? joined(" ", true) : "INV " + joined(" ", true);
      break;
    case TextChannel::kFeed:
      text = r < 40 ? joined(", ", true)
             : r < 70 ? "Payment for invoices " + joined(" ", true)
                      : "Inv " + joined("; ", true);
      break;
  }
  if (!note.empty() && x12) {
    // Text after X12 segments would make them malformed; X12 says it in a
    // note segment.
    text += "NTE*PMT*";
    text += note;
    text += '\\';
  } else if (!note.empty()) {
    text += ' ';
    text += note;
  }
  return text;
}

std::string_view NoReferenceText(Rng& rng) {
  static constexpr std::string_view kTexts[] = {
      "", "", "ACH PAYMENT", "PAYMENT", "THANK YOU", "VENDOR PAYMENT", "AP PAYMENT RUN",
      "SUPPLIER PAYMENT", "PAYMENT ON ACCOUNT", "OUTSTANDING BALANCE", "CORPORATE PAYMENT"};
  return kTexts[rng.Below(std::size(kTexts))];
}

std::string_view NoiseText(Rng& rng) {
  static constexpr std::string_view kTexts[] = {
      "INTEREST PAYMENT",      "TAX REFUND",           "INSURANCE CLAIM SETTLEMENT",
      "SECURITY DEPOSIT RETURN", "TRANSFER BETWEEN ACCOUNTS", "VENDOR REBATE",
      "RENT",                  "CHARITY DONATION",     "LEGAL SETTLEMENT",
      "GRANT DISBURSEMENT",    "",                     "MISC CREDIT"};
  return kTexts[rng.Below(std::size(kTexts))];
}

const DeductionReason& PickDeductionReason(Rng& rng) {
  static constexpr DeductionReason kReasons[] = {
      {"01", "PRICING DISPUTE"},  {"04", "ITEMS NOT RECEIVED"}, {"06", "QUANTITY SHORT"},
      {"11", "DAMAGED GOODS"},    {"19", "FREIGHT DEDUCTED"},   {"AX", "PROMO ALLOWANCE"},
  };
  return kReasons[rng.Below(std::size(kReasons))];
}

std::string UnknownPayerName(Rng& rng) {
  static constexpr std::string_view kProcessors[] = {
      "BILL.COM",        "AVIDXCHANGE INC", "PAYMODE-X",        "CORPAY SOLUTIONS",
      "PAYONEER INC",    "WESTERN UNION BUSINESS SOLUTIONS",    "VPAY INC",
      "TIPALTI",         "NVOICEPAY",       "EXPENSIFY INC",    "ADYEN NV"};
  static constexpr std::string_view kFirst[] = {"MARIA", "JOHN", "WEI", "FATIMA", "OLGA", "JAMES",
                                                "PRIYA", "LUCAS", "AMARA", "KENJI"};
  static constexpr std::string_view kLast[] = {"OKAFOR", "LINDQVIST", "HAMMOND", "BRENNAN",
                                               "KAPOOR", "ZIELINSKI", "ABERNATHY", "QUINTERO"};
  if (rng.Percent(60)) return std::string(kProcessors[rng.Below(std::size(kProcessors))]);
  return std::string(kFirst[rng.Below(std::size(kFirst))]) + " " +
         std::string(kLast[rng.Below(std::size(kLast))]);
}

std::string RandomUsAccount(Rng& rng) {
  int d[9];
  d[0] = static_cast<int>(rng.Below(3));
  for (int i = 1; i < 8; ++i) d[i] = static_cast<int>(rng.Below(10));
  static constexpr int kWeights[] = {3, 7, 1, 3, 7, 1, 3, 7};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += d[i] * kWeights[i];
  d[8] = (10 - sum % 10) % 10;
  std::string s;
  for (int v : d) s.push_back(static_cast<char>('0' + v));
  // Random routing and ten-digit account: the odds of meeting one of the
  // ledger's accounts are negligible.
  return s + ":9" + Digits(rng.Below(1000000000), 9);
}

std::string RandomIban(Rng& rng, std::string_view country) {
  // BBAN: bank code and account; for GB the bank code is four letters.
  const std::string bban = country == "GB" ? std::string("ZZBK") + Digits(rng.Below(1000000), 6) +
                                                 Digits(rng.Below(100000000), 8)
                                           : "9" + Digits(rng.Below(10000000), 7) +
                                                 Digits(rng.Below(10000000000ULL), 10);
  return Iban(country, bban);
}

std::string Iban(std::string_view country, std::string_view bban) {
  // ISO 7064 mod 97-10 over BBAN + country + "00", letters as 10..35.
  const std::string rearranged = std::string(bban) + Upper(country) + "00";
  unsigned rem = 0;
  for (char c : rearranged) {
    if (IsDigit(c)) {
      rem = (rem * 10 + static_cast<unsigned>(c - '0')) % 97;
    } else {
      const unsigned v = static_cast<unsigned>(std::toupper(static_cast<unsigned char>(c)) - 'A' + 10);
      rem = (rem * 100 + v) % 97;
    }
  }
  return Upper(country) + Digits(98 - rem, 2) + std::string(bban);
}

}  // namespace cashmatch::gen::day
