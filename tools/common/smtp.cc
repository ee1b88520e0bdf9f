#include "smtp.h"

#include <curl/curl.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>

namespace cashmatch::tools {
namespace {

// libcurl's global state is set up once, before the first transfer, as its
// documentation asks (curl_global_init is not thread-safe).
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string* bytes;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  Upload* up = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, up->bytes->size() - up->offset);
  std::memcpy(buffer, up->bytes->data() + up->offset, n);
  up->offset += n;
  return n;
}

Result<std::string> Password(const SmtpSettings& s) {
  if (s.password_file.empty()) return s.password;
  std::ifstream in(s.password_file);
  if (!in) return Status::InvalidInput("cannot read smtp.password_file " + s.password_file);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

Status SendMail(const SmtpSettings& s, const std::vector<std::string>& to, const std::string& message) {
  if (s.host.empty() || s.from.empty()) {
    return Status::InvalidInput("no SMTP server configured: set [smtp] host and from");
  }
  if (to.empty()) return Status::InvalidInput("no recipient");
  Result<std::string> password = Password(s);
  if (!password.ok()) return password.status();
  InitCurlOnce();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return Status::IoError("cannot start an SMTP session (libcurl)");
  CURL* c = curl.get();
  const std::string server = s.host + ":" + std::to_string(s.port);
  const std::string url = "smtp://" + server + "/cashmatch";  // the path is the EHLO name
  const std::string from = "<" + s.from + ">";
  curl_slist* rcpt = nullptr;
  for (const std::string& addr : to) rcpt = curl_slist_append(rcpt, ("<" + addr + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_owner(rcpt, &curl_slist_free_all);
  Upload upload{&message};
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp");
  curl_easy_setopt(c, CURLOPT_USE_SSL, s.starttls == SmtpSettings::StartTls::kRequired   ? CURLUSESSL_ALL
                                       : s.starttls == SmtpSettings::StartTls::kOptional ? CURLUSESSL_TRY
                                                                                          : CURLUSESSL_NONE);
  if (!s.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, s.ca_file.c_str());
  if (!s.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password->c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(s.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM in a threaded daemon
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return Status::IoError("SMTP to " + server + " failed: " +
                           (error[0] ? std::string(error) : std::string(curl_easy_strerror(rc))));
  }
  return Status::Ok();
}

}  // namespace cashmatch::tools
