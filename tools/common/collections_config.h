// The collections settings of the configuration file: the dunning policy
// ([dunning] with [[dunning.steps]]), the SMTP server reminders go through
// ([smtp]) and the credit report's risk thresholds ([credit]).
// docs/reminders.md and docs/credit.md describe every key.
#ifndef CASHMATCH_TOOLS_COLLECTIONS_CONFIG_H_
#define CASHMATCH_TOOLS_COLLECTIONS_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cashmatch/status.h"

namespace cashmatch::tools {

// One step of the dunning policy: sent for an open invoice once the run's
// date is at least its due date plus offset_days (negative: before due).
struct DunningStep {
  std::string name;     // unique; the record of what was sent names it
  int32_t offset_days = 0;
  std::string subject;  // templates; placeholders in docs/reminders.md
  std::string body;
};

struct DunningPolicy {
  std::vector<DunningStep> steps;  // sorted by offset_days, ascending
};

struct SmtpSettings {
  std::string host;      // required to send
  uint16_t port = 587;   // default 587 (submission)
  std::string from;      // envelope and header sender; required to send
  enum class StartTls { kRequired, kOptional, kOff } starttls = StartTls::kRequired;
  std::string username;  // empty: no AUTH
  std::string password;  // or password_file, read when sending
  std::string password_file;
  std::string ca_file;   // extra trust anchor (a self-signed server)
  uint32_t timeout_seconds = 30;
};

struct CreditSettings {
  // High risk when the oldest open item is at least this many days past due.
  int32_t high_risk_days_past_due = 60;
  // ... or the customer paid, on average, at least this many days late.
  int32_t high_risk_avg_days_late = 30;
  // ... or at least this many of its payments came back (returns).
  uint32_t high_risk_returns = 1;
};

struct CollectionsConfig {
  DunningPolicy dunning;
  SmtpSettings smtp;
  CreditSettings credit;
};

// Reads the [dunning], [smtp] and [credit] tables of the TOML file `path`
// (absent tables keep the defaults). kInvalidInput naming the file, line and
// key for a bad or unknown setting.
Status ReadCollectionsConfig(const std::string& path, CollectionsConfig* out);

// The section names ReadCollectionsConfig owns, for the file's list of
// known top-level tables.
inline constexpr const char* kCollectionsSections[] = {"dunning", "smtp", "credit"};

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_COLLECTIONS_CONFIG_H_
