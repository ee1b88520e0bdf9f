// Generates a realistic bank day against a generated ledger, with the ground
// truth of every payment: the quality harness's input (issue 4).
//
// The ledger is the one OpenItemsGenerator makes from the same
// OpenItemsOptions (so `cashmatch load` of its customers.csv and
// invoices.csv is what the day pays into). A DayGenerator indexes that
// ledger once, then produces the day's payments one by one, in order, each
// with one scenario (a clean reference, a typo, a bundle, a short pay, ...),
// the format and file it travels in, and what a perfect engine would do
// with it.
//
// Determinism: the payments, their files and their truth are a pure
// function of (OpenItemsOptions, DayOptions), whatever the thread count.
// Distinct payments never target the same open invoice, except the
// duplicate scenario, which does so on purpose.
//
// Thread safety: a DayGenerator is not safe to share; Next() mutates it.
#ifndef CASHMATCH_TOOLS_GEN_DAY_GEN_H_
#define CASHMATCH_TOOLS_GEN_DAY_GEN_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bank_writers.h"
#include "cashmatch/bank_file.h"
#include "cashmatch/date.h"
#include "cashmatch/domain.h"
#include "cashmatch/money.h"
#include "cashmatch/status.h"
#include "open_items_gen.h"

namespace cashmatch::gen {

// What happened between the invoice and the bank. docs/generator.md
// describes each and its truth.
enum class Scenario : uint8_t {
  kCleanReference,
  kTypo,
  kOcr,
  kOtherStyle,
  kPoReference,
  kNoReference,
  kBundle,
  kBundleNoRefs,
  kDiscount,
  kShortPaySmall,
  kShortPayDeduction,
  kOverPay,
  kUnknownPayer,
  kParentPays,
  kCreditMemoNetting,
  kDuplicate,
  kNoise,
};
inline constexpr size_t kScenarioCount = 17;

// "clean_reference", "typo", ... as the truth file and --mix write them.
std::string_view ScenarioName(Scenario s);
std::optional<Scenario> ParseScenarioName(std::string_view name);

// Relative weights; a scenario of weight 0 never occurs.
struct ScenarioMix {
  std::array<uint32_t, kScenarioCount> weight{};

  // A receivables day: mostly clean, a long tail of hard cases (weights per
  // mille; docs/generator.md says why).
  static ScenarioMix Default();
};

// "clean_reference=90,typo=10": exactly these scenarios, the rest 0.
// A leading "default" keeps the default weights and changes only those
// named ("default,noise=0"). kInvalidInput names an unknown scenario or a
// bad weight, or a mix whose weights are all 0.
Result<ScenarioMix> ParseScenarioMix(std::string_view text);

// Relative weights of the formats payments travel in, indexed by
// BankFormat. kX12_820 means a standalone 820 advice whose money arrives as
// an ACH credit in a NACHA (or BAI2) file.
struct FormatMix {
  std::array<uint32_t, 11> weight{};

  // bai2, lockbox, camt053, camt054, mt940, nacha, x12_820, csv, jsonl.
  static FormatMix Default();
};

// "bai2,camt053" (equal weights) or "bai2=3,camt053=1"; names as
// BankFormatName writes them. kInvalidInput for an unknown name, a bad
// weight or all weights 0.
Result<FormatMix> ParseFormatMix(std::string_view text);

struct DayOptions {
  uint64_t seed = 1;      // the day's seed: same seed, same day
  uint64_t payments = 1000;
  Date value_date{};      // {} (1970-01-01): the open items' `today`
  ScenarioMix mix = ScenarioMix::Default();
  FormatMix formats = FormatMix::Default();
  // Payments per bank file, as a bank cuts a day's traffic (lockbox files
  // hold at most 99,900: 999 batches of 100 checks).
  uint32_t payments_per_file = 5000;
  // Threads that build the ledger index, and that RenderDay uses (less
  // the generating one) to write files; 0: all cores. The output does not
  // depend on it.
  unsigned threads = 0;
};

// Where one bank item travels: its file, and its place there.
struct FileSlot {
  std::string name;      // file name inside the inbox
  BankFormat format = BankFormat::kBai2;  // how the file is written
  Currency currency;     // the account's currency; invalid for mixed feeds
  uint32_t company = 0;  // the legal entity whose account it is (index)
  uint32_t index = 0;    // 1-based file number within its (format, currency)
  uint32_t position = 0; // 0-based place of the item in the file
  bool last = false;     // the file is complete with this item
};

// What a perfect engine applies to one invoice. Amounts are in the
// payment's currency; a credit memo's applied amount is negative.
struct ExpectedApplication {
  std::string company;
  std::string invoice_id;
  uint64_t invoice_index = 0;  // OpenItemsGenerator index (not in the file)
  Money applied;
  Money discount;
  Money writeoff;
  // A deduction the payer took that the engine must not write off: the
  // invoice stays open by this much (short_pay_deduction).
  Money deduction;
  std::string reference;       // the reference as the payer wrote it, or ""
  // How many ledger keys (invoice numbers and POs, of any customer) the
  // written reference normalizes to exactly: 1 for a clean unique
  // reference, 0 for a typo that hits nothing, 2+ when it is ambiguous.
  uint32_t reference_hits = 0;
};

// The ground truth of one payment; one line of truth.jsonl.
struct PaymentTruth {
  uint64_t seq = 0;  // 0-based position in the day
  // The format mix's category: for kX12_820 the money is in `file`, a
  // NACHA or BAI2 file, and the remittance in `advice_file`.
  BankFormat format = BankFormat::kBai2;
  std::string file;        // inbox file holding the payment (the money)
  // The payment's source_ref there: the join key. For a lockbox check it is
  // provisional in Next()'s result: the lockbox writer numbers checks in
  // batches of its own choosing, and RenderDay writes the truth with the
  // BATCH-ITEM the file holds.
  std::string source_ref;
  std::string advice_file; // kX12_820: the 820 file
  std::string advice_ref;  // kX12_820: its TRN02 (the credit's trace)
  Scenario scenario = Scenario::kCleanReference;
  // Whose invoices are paid, or who holds the cash on account; "" for
  // noise.
  std::string customer_id;
  // The customer on file whose name or account the payment carries ("" when
  // none is: unknown payer, noise). A parent paying for a subsidiary.
  std::string payer_id;
  // no_reference / bundle_no_refs: what identifies the payer ("account",
  // "alias" or "name"); "" otherwise.
  std::string identified_by;
  Money amount;
  // Whether the file and the ledger determine the right applications
  // uniquely. When false, the right outcome is to apply nothing and leave
  // the payment to an operator (with `applications` as the best
  // suggestion, where there is one).
  bool has_answer = false;
  // What the payer meant to pay. Always: sum(applied) + on_account ==
  // amount (the cash), and per invoice applied + discount + writeoff +
  // deduction == the invoice's open amount (what settles it).
  std::vector<ExpectedApplication> applications;
  Money on_account;
  // "" | "ambiguous" (bundle_no_refs with another fitting subset) |
  // "no unique answer" (no_reference with another open item of the amount)
  // | "duplicate" | "noise".
  std::string note;
  // typo/ocr/other_style: how the reference was altered ("substitution",
  // "transposition", "deletion", "insertion"; "ocr:1", "ocr:2"; the other
  // style's name) and the reference as the ERP wrote it.
  std::string variant;
  std::string original_reference;
  // duplicate: the invoice paid again and, for a second payment on the same
  // day, the earlier payment's file and source_ref.
  std::string duplicate_company;
  std::string duplicate_invoice;
  std::string duplicate_of_file;
  std::string duplicate_of_ref;
};

// One line of truth.jsonl (no line end): money as decimal strings in the
// payment's `currency`.
std::string TruthJson(const PaymentTruth& truth);

struct GeneratedPayment {
  // The money. For kX12_820 the ACH credit carrying it (no remittance).
  Payment payment;
  FileSlot slot;
  // kX12_820: the standalone remittance advice and its file.
  std::optional<RemittanceAdvice> advice;
  FileSlot advice_slot;
  PaymentTruth truth;
};

// Counts kept while generating.
struct DayStats {
  std::array<uint64_t, kScenarioCount> by_scenario{};
  std::array<uint64_t, kScenarioCount> answerable{};  // has_answer
  std::array<uint64_t, 11> by_format{};
  // Payments drawn for a scenario the ledger could not serve any more (no
  // suitable invoice left), generated as clean_reference instead.
  std::array<uint64_t, kScenarioCount> fallbacks{};
};

class DayLedgerIndex;

class DayGenerator {
 public:
  // Indexes the ledger (seconds at ten million invoices, under 1 GB).
  // kInvalidInput for options it cannot serve: no payments wanted from an
  // empty ledger, more than 2^32 - 1 invoices, a format mix that cannot
  // carry any payment.
  static Result<std::unique_ptr<DayGenerator>> Create(const OpenItemsOptions& ledger,
                                                      const DayOptions& day);
  ~DayGenerator();
  DayGenerator(const DayGenerator&) = delete;
  DayGenerator& operator=(const DayGenerator&) = delete;

  const DayOptions& options() const;
  const OpenItemsGenerator& open_items() const;
  const DayLedgerIndex& index() const;
  Date value_date() const;  // the options' value date, or the ledger's today
  uint64_t generated() const;
  bool done() const { return generated() >= options().payments; }
  const DayStats& stats() const;

  // The next payment of the day. Precondition: !done().
  GeneratedPayment Next();

 private:
  struct State;
  explicit DayGenerator(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

// Our receiving accounts: every legal entity's account in every currency,
// as the bank files name it, so the engine can tell from a payment's
// receiving account which entity was paid (`[matching.accounts]`). Each
// account appears as written ("123456789", an IBAN) and, for dollars, as
// the lockbox number the lockbox files carry (its last 7 digits).
struct ReceivingAccount {
  std::string account;
  std::string company;  // the entity's code: "" for the default, "E01", ...
};
std::vector<ReceivingAccount> ReceivingAccounts(const OpenItemsOptions& ledger);

// The same as a cashmatch configuration fragment: a `[matching.accounts]`
// table, one `"account" = "company"` line each.
std::string ReceivingAccountsToml(const OpenItemsOptions& ledger);

// The writer options of one file: our account (the legal entity's, in the
// file's currency), the day, and a seed for the writer's cosmetic choices
// derived from the day's seed and the file.
BankWriteOptions FileWriteOptions(const DayOptions& day, Date value_date, const FileSlot& slot);

}  // namespace cashmatch::gen

#endif  // CASHMATCH_TOOLS_GEN_DAY_GEN_H_
