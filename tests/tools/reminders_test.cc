// Collections reminders end to end against a real SMTP server on loopback
// (Debian's python3-aiosmtpd, STARTTLS with a certificate made here by
// openssl, AUTH): what is delivered, to whom, the once-per-step rule across
// runs, and the exclusions (paid, in dispute, payment waiting, no e-mail).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_test_util.h"
#include "command_line.h"
#include "service.h"
#include "smtp.h"

namespace cashmatch::tools {
namespace {

using cashmatch::testing::TempDir;

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The interpreter that has aiosmtpd: Debian's python3-aiosmtpd installs it
// for /usr/bin/python3, which another python3 first on PATH (pyenv, a
// virtualenv) does not see. Empty when none has it.
std::string PythonWithAiosmtpd() {
  for (const char* python : {"/usr/bin/python3", "python3"}) {
    const std::string cmd = std::string(python) + " -c 'import aiosmtpd' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return python;
  }
  return "";
}

// The loopback server, started by the test and killed by it.
class SmtpServer {
 public:
  // Empty error: running on port().
  std::string Start(const std::string& python, const std::string& dir) {
    outdir_ = dir + "/mail";
    std::filesystem::create_directories(outdir_);
    cert_ = dir + "/cert.pem";
    const std::string key = dir + "/key.pem";
    const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                            "-addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert_ +
                            " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) return "openssl could not make a certificate";
    int fds[2];
    if (::pipe(fds) != 0) return "pipe failed";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      // Its log (a refused handshake prints a traceback) goes beside the mail.
      const int log = ::open((dir + "/server.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (log >= 0) ::dup2(log, 2);
      ::close(fds[0]);
      ::close(fds[1]);
      ::execlp(python.c_str(), python.c_str(), CASHMATCH_SMTP_SERVER_PY, outdir_.c_str(), cert_.c_str(), key.c_str(),
               "ar", "s3cret", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    // Wait for "READY <port>\n": a condition, with a generous limit.
    std::string line;
    pollfd p{fds[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos) {
      if (::poll(&p, 1, 60'000) <= 0) break;
      char buf[256];
      const ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    ::close(fds[0]);
    if (line.rfind("READY ", 0) != 0) return "the SMTP server did not start: '" + line + "'";
    port_ = static_cast<uint16_t>(std::stoi(line.substr(6)));
    return "";
  }
  ~SmtpServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  uint16_t port() const { return port_; }
  const std::string& cert() const { return cert_; }
  // The delivered messages, in order.
  std::vector<std::string> Messages() const {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(outdir_)) {
      if (e.path().extension() == ".eml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& f : files) out.push_back(Slurp(f));
    return out;
  }

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string outdir_, cert_;
};

class RemindersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string python = PythonWithAiosmtpd();
    if (python.empty()) {
      GTEST_SKIP() << "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): "
                      "no SMTP server to test reminders against";
    }
    const std::string error = server_.Start(python, dir_.path());
    ASSERT_EQ(error, "");
    config_ = DefaultConfig(dir_.path() + "/data");
    config_.sync_writes = false;
    SmtpSettings& smtp = config_.collections.smtp;
    smtp.host = "127.0.0.1";
    smtp.port = server_.port();
    smtp.from = "ar@seller.example";
    smtp.username = "ar";
    smtp.password_file = dir_.Write("password", "s3cret\n");
    smtp.ca_file = server_.cert();
    smtp.starttls = SmtpSettings::StartTls::kRequired;
    config_.collections.dunning.steps = {
        {"friendly", -3, "Coming up: {invoice_count} invoice(s)", "Dear {customer_name},\n{invoice_lines}Total {total}\n"},
        {"reminder 7", 7, "Reminder for {customer_id}", "Dear {customer_name},\n{invoice_lines}Total {total}\n"},
        {"reminder 21", 21, "Second reminder ({step})", "Dear {customer_name},\n{invoice_lines}Total {total}\n"},
        {"final notice", 45, "Final notice", "Dear {customer_name},\n{invoice_lines}Total {total}\n"},
    };
    auto s = Service::Open(config_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(*s);
    Load("customers.csv",
         "customer_id,name,email\n"
         "C1,Acme Corporation,ar@acme.example|boss@acme.example\n"
         "C2,Beta Industries,pay@beta.example\n"
         "C3,Gamma Ltd,\n"
         "C4,Delta SA,d@delta.example\n");
    Load("invoices.csv",
         "invoice_id,customer_id,currency,amount,open_amount,invoice_date,due_date\n"
         "INV-1,C1,USD,100.00,100.00,2026-11-20,2026-12-20\n"
         "INV-2,C1,USD,40.00,40.00,2026-12-01,2027-01-02\n"
         "INV-3,C1,USD,70.00,0.00,2026-10-01,2026-11-01\n"
         "INV-4,C1,USD,500.00,500.00,2026-10-01,2026-11-01\n"
         "CM-1,C1,USD,-30.00,-30.00,2026-10-01,2026-11-01\n"
         "INV-5,C2,USD,250.00,250.00,2026-11-01,2026-12-01\n"
         "INV-6,C3,USD,80.00,80.00,2026-11-01,2026-12-01\n"
         "INV-7,C4,EUR,1234.50,1234.50,2026-11-25,2026-12-25\n");
    // INV-4 is in dispute: a short pay left a deduction open on it.
    const uint64_t short_pay = StorePayment(40000, {});
    ASSERT_TRUE(service_->ApplyManually(short_pay, {{"", "INV-4", 40000}}).ok());
    // A payment identified as C2's waits in the work queue.
    WorkItem beta;
    beta.customer_id = "C2";
    StorePayment(25000, beta);
  }
  void Load(const std::string& name, const std::string& content) {
    auto r = service_->LoadOpenItems(dir_.Write(name, content), false);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  uint64_t StorePayment(int64_t minor, WorkItem item) {
    Payment p;
    p.payment_id = service_->store().AllocatePaymentIds(1);
    p.source_file = "feed.csv";
    p.format = "csv";
    p.source_ref = "R" + std::to_string(p.payment_id);
    p.amount = Money{minor, *Currency::FromCode("USD")};
    p.value_date = Date::FromCivil(2026, 12, 1);
    WriteSet set;
    set.PutPayment(p);
    item.payment_id = p.payment_id;
    set.MarkUnapplied(item);
    EXPECT_TRUE(service_->store().Commit(std::move(set)).ok());
    return p.payment_id;
  }
  std::pair<int, std::string> Remind(std::vector<std::string> args) {
    args.insert(args.begin(), "remind");
    CommandEnv env;
    env.service = service_.get();
    env.cwd = dir_.path();
    const int code = RunCommand(args, env);
    return {code, env.out + env.err};
  }

  TempDir dir_;
  SmtpServer server_;
  Config config_;
  std::unique_ptr<Service> service_;
};

TEST_F(RemindersTest, DryRunShowsAndSendsNothing) {
  auto [code, out] = Remind({"--dry-run", "--as-of", "2026-12-31"});
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("would send C1 to ar@acme.example, boss@acme.example (reminder 7)"), std::string::npos) << out;
  EXPECT_NE(out.find("would send C4 to d@delta.example (friendly)"), std::string::npos) << out;
  EXPECT_NE(out.find("not reminded: C1 INV-4: in dispute"), std::string::npos) << out;
  EXPECT_NE(out.find("not reminded: C2: a payment identified"), std::string::npos) << out;
  EXPECT_NE(out.find("not reminded: C3: no e-mail address"), std::string::npos) << out;
  EXPECT_EQ(out.find("INV-3"), std::string::npos) << out;  // paid
  EXPECT_EQ(out.find("CM-1"), std::string::npos) << out;   // a credit memo
  EXPECT_TRUE(server_.Messages().empty());
  // Nothing recorded: the same run again would send the same.
  EXPECT_EQ(Remind({"--dry-run", "--as-of", "2026-12-31"}).second, out);
}

TEST_F(RemindersTest, SendsOncePerStepOverTlsWithAuth) {
  auto [code, out] = Remind({"--as-of", "2026-12-31"});
  ASSERT_EQ(code, 0) << out;
  std::vector<std::string> mail = server_.Messages();
  ASSERT_EQ(mail.size(), 2u) << out;
  const std::string& c1 = mail[0];
  EXPECT_NE(c1.find("X-Test-Rcpt: ar@acme.example,boss@acme.example\r\n"), std::string::npos) << c1;
  EXPECT_NE(c1.find("X-Test-Tls: yes\r\n"), std::string::npos);
  EXPECT_NE(c1.find("X-Test-Auth: ar\r\n"), std::string::npos);
  EXPECT_NE(c1.find("Subject: Reminder for C1\r\n"), std::string::npos) << c1;
  EXPECT_NE(c1.find("From: ar@seller.example\r\n"), std::string::npos);
  EXPECT_NE(c1.find("Dear Acme Corporation,\r\n"), std::string::npos) << c1;
  EXPECT_NE(c1.find("  INV-1  due 2026-12-20  USD 100.00  (11 days past due)\r\n"), std::string::npos) << c1;
  EXPECT_NE(c1.find("  INV-2  due 2027-01-02  USD 40.00  (due in 2 days)\r\n"), std::string::npos) << c1;
  EXPECT_NE(c1.find("Total USD 140.00\r\n"), std::string::npos) << c1;
  EXPECT_EQ(c1.find("INV-3"), std::string::npos);
  EXPECT_EQ(c1.find("INV-4"), std::string::npos);
  const std::string& c4 = mail[1];
  EXPECT_NE(c4.find("X-Test-Rcpt: d@delta.example\r\n"), std::string::npos) << c4;
  EXPECT_NE(c4.find("Subject: Coming up: 1 invoice(s)\r\n"), std::string::npos) << c4;
  EXPECT_NE(c4.find("Total EUR 1,234.50"), std::string::npos) << c4;

  // The same day again: every step already sent, nothing goes out.
  auto [code2, out2] = Remind({"--as-of", "2026-12-31"});
  ASSERT_EQ(code2, 0) << out2;
  EXPECT_EQ(server_.Messages().size(), 2u) << out2;
  EXPECT_NE(out2.find("0 e-mails sent"), std::string::npos) << out2;
  EXPECT_NE(out2.find("3 already sent before"), std::string::npos) << out2;

  // Three weeks later each invoice has reached its next step: one e-mail
  // each again, with both of C1's invoices in one.
  auto [code3, out3] = Remind({"--as-of", "2027-01-21", "--json"});
  ASSERT_EQ(code3, 0) << out3;
  mail = server_.Messages();
  ASSERT_EQ(mail.size(), 4u) << out3;
  EXPECT_NE(mail[2].find("Subject: Second reminder (reminder 21)\r\n"), std::string::npos) << mail[2];
  EXPECT_NE(mail[2].find("  INV-1  due 2026-12-20  USD 100.00  (32 days past due)\r\n"), std::string::npos);
  EXPECT_NE(mail[2].find("  INV-2  due 2027-01-02  USD 40.00  (19 days past due)\r\n"), std::string::npos);
  EXPECT_NE(mail[3].find("Subject: Second reminder (reminder 21)\r\n"), std::string::npos) << mail[3];
  EXPECT_NE(out3.find("\"sent\":true"), std::string::npos) << out3;

  // What was recorded: one record per invoice and step.
  std::vector<std::string> sent;
  ASSERT_TRUE(service_->store().ForEachSentReminder([&](const SentReminder& r) {
    sent.push_back(r.invoice_id + ":" + r.step);
    return true;
  }).ok());
  EXPECT_EQ(sent, (std::vector<std::string>{"INV-1:reminder 21", "INV-1:reminder 7", "INV-2:friendly",
                                            "INV-2:reminder 7", "INV-7:friendly", "INV-7:reminder 21"}));
}

TEST_F(RemindersTest, RefusesAnUntrustedServerOrWrongPasswordAndRecordsNothing) {
  SmtpSettings bad = config_.collections.smtp;
  bad.ca_file.clear();  // the self-signed certificate is not trusted then
  Status untrusted = SendMail(bad, {"x@y.example"}, "Subject: t\r\n\r\nhi\r\n");

  EXPECT_EQ(untrusted.code(), StatusCode::kIoError) << untrusted.ToString();
  bad = config_.collections.smtp;
  bad.password_file = dir_.Write("wrong", "nope\n");
  Status refused = SendMail(bad, {"x@y.example"}, "Subject: t\r\n\r\nhi\r\n");
  EXPECT_EQ(refused.code(), StatusCode::kIoError) << refused.ToString();
  EXPECT_TRUE(server_.Messages().empty());
  // The right settings deliver.
  ASSERT_TRUE(SendMail(config_.collections.smtp, {"x@y.example"}, "Subject: t\r\n\r\nhi\r\n").ok());
  EXPECT_EQ(server_.Messages().size(), 1u);
}

}  // namespace
}  // namespace cashmatch::tools
