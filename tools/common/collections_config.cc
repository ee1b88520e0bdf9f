#include "collections_config.h"

// As in config.cc: header-only, no exceptions.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>
#include <set>

namespace cashmatch::tools {
namespace {

SourceLocation At(const std::string& path, const toml::node& node, std::string field) {
  return {path, node.source().begin.line, node.source().begin.column, std::move(field)};
}

Status Unknown(const toml::table& t, const std::string& section, const std::set<std::string_view>& known,
               const std::string& path) {
  for (const auto& [key, value] : t) {
    if (!known.contains(key.str())) {
      return Status::InvalidInput("unknown setting '" + section + "." + std::string(key.str()) + "'",
                                  At(path, value, section + "." + std::string(key.str())));
    }
  }
  return Status::Ok();
}

Status ReadInt(const toml::table& t, std::string_view key, const std::string& section, int64_t min,
               int64_t max, const std::string& path, int64_t* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::Ok();
  const auto v = n->value<int64_t>();
  const std::string field = section + "." + std::string(key);
  if (!v || *v < min || *v > max) {
    return Status::InvalidInput(field + " must be a whole number " + std::to_string(min) + ".." +
                                    std::to_string(max),
                                At(path, *n, field));
  }
  *out = *v;
  return Status::Ok();
}

Status ReadString(const toml::table& t, std::string_view key, const std::string& section,
                  const std::string& path, std::string* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::Ok();
  const auto v = n->value<std::string>();
  const std::string field = section + "." + std::string(key);
  if (!v) return Status::InvalidInput(field + " must be a string", At(path, *n, field));
  *out = *v;
  return Status::Ok();
}

Status ReadDunning(const toml::table& t, const std::string& path, DunningPolicy* policy) {
  CASHMATCH_RETURN_IF_ERROR(Unknown(t, "dunning", {"steps"}, path));
  const toml::node* n = t.get("steps");
  if (n == nullptr) return Status::Ok();
  const toml::array* steps = n->as_array();
  if (steps == nullptr) {
    return Status::InvalidInput("dunning.steps must be an array of tables ([[dunning.steps]])",
                                At(path, *n, "dunning.steps"));
  }
  std::set<std::string> names;
  for (const toml::node& s : *steps) {
    const toml::table* step = s.as_table();
    if (step == nullptr) {
      return Status::InvalidInput("each dunning step must be a table", At(path, s, "dunning.steps"));
    }
    CASHMATCH_RETURN_IF_ERROR(
        Unknown(*step, "dunning.steps", {"name", "offset_days", "subject", "body"}, path));
    DunningStep d;
    CASHMATCH_RETURN_IF_ERROR(ReadString(*step, "name", "dunning.steps", path, &d.name));
    int64_t offset = 0;
    CASHMATCH_RETURN_IF_ERROR(ReadInt(*step, "offset_days", "dunning.steps", -365, 3650, path, &offset));
    d.offset_days = static_cast<int32_t>(offset);
    CASHMATCH_RETURN_IF_ERROR(ReadString(*step, "subject", "dunning.steps", path, &d.subject));
    CASHMATCH_RETURN_IF_ERROR(ReadString(*step, "body", "dunning.steps", path, &d.body));
    if (d.name.empty() || !step->get("offset_days") || d.subject.empty() || d.body.empty()) {
      return Status::InvalidInput("a dunning step needs name, offset_days, subject and body",
                                  At(path, s, "dunning.steps"));
    }
    if (!names.insert(d.name).second) {
      return Status::InvalidInput("two dunning steps are named '" + d.name + "'",
                                  At(path, s, "dunning.steps.name"));
    }
    policy->steps.push_back(std::move(d));
  }
  std::stable_sort(policy->steps.begin(), policy->steps.end(),
                   [](const DunningStep& a, const DunningStep& b) { return a.offset_days < b.offset_days; });
  for (size_t i = 1; i < policy->steps.size(); ++i) {
    if (policy->steps[i].offset_days == policy->steps[i - 1].offset_days) {
      return Status::InvalidInput("two dunning steps have offset_days " +
                                      std::to_string(policy->steps[i].offset_days),
                                  At(path, *n, "dunning.steps.offset_days"));
    }
  }
  return Status::Ok();
}

Status ReadSmtp(const toml::table& t, const std::string& path, SmtpSettings* smtp) {
  CASHMATCH_RETURN_IF_ERROR(Unknown(t, "smtp",
                                    {"host", "port", "from", "starttls", "username", "password",
                                     "password_file", "ca_file", "timeout_seconds"},
                                    path));
  CASHMATCH_RETURN_IF_ERROR(ReadString(t, "host", "smtp", path, &smtp->host));
  int64_t port = smtp->port, timeout = smtp->timeout_seconds;
  CASHMATCH_RETURN_IF_ERROR(ReadInt(t, "port", "smtp", 1, 65535, path, &port));
  CASHMATCH_RETURN_IF_ERROR(ReadInt(t, "timeout_seconds", "smtp", 1, 3600, path, &timeout));
  smtp->port = static_cast<uint16_t>(port);
  smtp->timeout_seconds = static_cast<uint32_t>(timeout);
  CASHMATCH_RETURN_IF_ERROR(ReadString(t, "from", "smtp", path, &smtp->from));
  CASHMATCH_RETURN_IF_ERROR(ReadString(t, "username", "smtp", path, &smtp->username));
  CASHMATCH_RETURN_IF_ERROR(ReadString(t, "password", "smtp", path, &smtp->password));
  CASHMATCH_RETURN_IF_ERROR(ReadString(t, "password_file", "smtp", path, &smtp->password_file));
  CASHMATCH_RETURN_IF_ERROR(ReadString(t, "ca_file", "smtp", path, &smtp->ca_file));
  if (!smtp->password.empty() && !smtp->password_file.empty()) {
    return Status::InvalidInput("give smtp.password or smtp.password_file, not both",
                                {path, 0, 0, "smtp.password_file"});
  }
  std::string starttls;
  CASHMATCH_RETURN_IF_ERROR(ReadString(t, "starttls", "smtp", path, &starttls));
  if (starttls == "required" || starttls.empty()) {
    smtp->starttls = SmtpSettings::StartTls::kRequired;
  } else if (starttls == "optional") {
    smtp->starttls = SmtpSettings::StartTls::kOptional;
  } else if (starttls == "off") {
    smtp->starttls = SmtpSettings::StartTls::kOff;
  } else {
    return Status::InvalidInput("smtp.starttls must be \"required\", \"optional\" or \"off\"",
                                At(path, *t.get("starttls"), "smtp.starttls"));
  }
  return Status::Ok();
}

Status ReadCredit(const toml::table& t, const std::string& path, CreditSettings* credit) {
  CASHMATCH_RETURN_IF_ERROR(Unknown(
      t, "credit", {"high_risk_days_past_due", "high_risk_avg_days_late", "high_risk_returns"}, path));
  int64_t past_due = credit->high_risk_days_past_due, late = credit->high_risk_avg_days_late,
          returns = credit->high_risk_returns;
  CASHMATCH_RETURN_IF_ERROR(ReadInt(t, "high_risk_days_past_due", "credit", 0, 3650, path, &past_due));
  CASHMATCH_RETURN_IF_ERROR(ReadInt(t, "high_risk_avg_days_late", "credit", 0, 3650, path, &late));
  CASHMATCH_RETURN_IF_ERROR(ReadInt(t, "high_risk_returns", "credit", 1, 1'000'000, path, &returns));
  credit->high_risk_days_past_due = static_cast<int32_t>(past_due);
  credit->high_risk_avg_days_late = static_cast<int32_t>(late);
  credit->high_risk_returns = static_cast<uint32_t>(returns);
  return Status::Ok();
}

}  // namespace

Status ReadCollectionsConfig(const std::string& path, CollectionsConfig* out) {
  toml::parse_result parsed = toml::parse_file(path);
  if (!parsed) {
    const auto& err = parsed.error();
    return Status::InvalidInput(std::string(err.description()),
                                {path, err.source().begin.line, err.source().begin.column, ""});
  }
  const toml::table& root = parsed.table();
  for (const char* section : kCollectionsSections) {
    const toml::node* n = root.get(section);
    if (n == nullptr) continue;
    const toml::table* t = n->as_table();
    if (t == nullptr) {
      return Status::InvalidInput(std::string(section) + " must be a table", At(path, *n, section));
    }
    const std::string_view s = section;
    if (s == "dunning") CASHMATCH_RETURN_IF_ERROR(ReadDunning(*t, path, &out->dunning));
    if (s == "smtp") CASHMATCH_RETURN_IF_ERROR(ReadSmtp(*t, path, &out->smtp));
    if (s == "credit") CASHMATCH_RETURN_IF_ERROR(ReadCredit(*t, path, &out->credit));
  }
  return Status::Ok();
}

}  // namespace cashmatch::tools
