// Sending one e-mail through an SMTP server with libcurl (STARTTLS, AUTH,
// certificate checks), for the dunning reminders.
#ifndef CASHMATCH_TOOLS_SMTP_H_
#define CASHMATCH_TOOLS_SMTP_H_

#include <string>
#include <vector>

#include "cashmatch/status.h"
#include "collections_config.h"

namespace cashmatch::tools {

// Delivers `message` (a complete RFC 5322 message, CRLF line ends) from
// settings.from to every address of `to` in one SMTP transaction. With
// starttls kRequired the session must upgrade to TLS and the server's
// certificate must verify (system trust, plus settings.ca_file) or nothing
// is sent; kOptional upgrades when offered. AUTH when a username is set
// (the password from settings.password or the first line of
// settings.password_file). kInvalidInput for missing settings, kIoError
// naming the server and what failed otherwise (nothing is known to be
// delivered then). Safe to call from several threads.
Status SendMail(const SmtpSettings& settings, const std::vector<std::string>& to, const std::string& message);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_SMTP_H_
