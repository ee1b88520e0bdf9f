// The daemon's admin socket, served in-process: its mode, stale and live
// socket files, malformed and oversized requests, concurrent clients, the
// connection cap, progress lines, and Stop.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <thread>

#include "admin_client.h"
#include "admin_server.h"
#include "cli_fixture.h"

namespace cashmatch::testing {
namespace {

using tools::AdminRequest;
using tools::AdminResponse;
using tools::AdminServer;

// A connected client socket, or -1.
int Connect(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends raw bytes and reads until the server closes.
std::string RawExchange(const std::string& path, const std::string& bytes) {
  const int fd = Connect(path);
  if (fd < 0) return "no connection";
  for (size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading it all
    sent += static_cast<size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return answer;
}

class AdminServerTest : public CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    socket_ = config_.socket_path;
  }
  std::unique_ptr<AdminServer> StartServer() {
    auto server = AdminServer::Start(*service_, socket_);
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    return server.ok() ? std::move(*server) : nullptr;
  }
  AdminResponse Ask(std::vector<std::string> args, bool tty = false,
                    const std::function<void(std::string_view)>& progress = {}) {
    auto r = tools::SendAdminRequest(socket_, AdminRequest{std::move(args), dir_.path(), tty}, progress);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok() || !r->has_value()) return AdminResponse{-1, "", "no answer"};
    return **r;
  }

  std::string socket_;
};

TEST_F(AdminServerTest, SocketIsTheOwnersOnlyAndGoesAwayOnStop) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  struct stat st;
  ASSERT_EQ(::stat(socket_.c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  AdminResponse r = Ask({"status", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"daemon_running\":true"), std::string::npos) << r.out;
  server->Stop();
  EXPECT_NE(::stat(socket_.c_str(), &st), 0) << "socket file removed";
  auto after = tools::SendAdminRequest(socket_, AdminRequest{{"status"}, dir_.path(), false}, {});
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value()) << "nobody answers: the CLI goes direct";
  // Nothing left beside it (the private bind folder is gone too).
  for (const auto& e : std::filesystem::directory_iterator(config_.data_dir)) {
    EXPECT_EQ(e.path().filename().string().rfind(".cashmatchd-sock", 0), std::string::npos) << e.path();
  }
}

TEST_F(AdminServerTest, StaleSocketOfADeadDaemonIsReplaced) {
  {
    // Bound and closed without unlinking: what a killed daemon leaves.
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, socket_.c_str(), sizeof addr.sun_path - 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ::close(fd);
  }
  auto stale = tools::SendAdminRequest(socket_, AdminRequest{{"status"}, dir_.path(), false}, {});
  ASSERT_TRUE(stale.ok()) << stale.status().ToString();
  EXPECT_FALSE(stale->has_value());
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Ask({"files"}).exit_code, 0);
}

TEST_F(AdminServerTest, ASecondServerOnALiveSocketIsRefused) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  auto second = AdminServer::Start(*service_, socket_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
  EXPECT_EQ(Ask({"files"}).exit_code, 0) << "the first one still serves";
  const std::string file = dir_.Write("not-a-socket", "x");
  auto on_file = AdminServer::Start(*service_, file);
  ASSERT_FALSE(on_file.ok());
  EXPECT_EQ(on_file.status().code(), StatusCode::kInvalidInput);
  EXPECT_FALSE(AdminServer::Start(*service_, dir_.path() + "/" + std::string(200, 's')).ok());
}

TEST_F(AdminServerTest, MalformedAndOversizedRequestsAreAnsweredAndTheServerLives) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  for (const std::string& bad : {std::string("not json\n"), std::string("[1,2]\n"), std::string("{\"v\":2}\n"),
                                 std::string("{\"v\":1,\"args\":[1],\"cwd\":\"/\"}\n"),
                                 std::string("{\"v\":1,\"args\":[\"status\"],\"cwd\":\"relative\"}\n"),
                                 std::string("{\"v\":1,\"args\":[\"status\"],\"cwd\":\"/\"}"),  // no newline
                                 std::string("\n")}) {
    const std::string answer = RawExchange(socket_, bad);
    EXPECT_NE(answer.find("\"exit\":2"), std::string::npos) << bad << " -> " << answer;
    EXPECT_EQ(answer.find('\n'), answer.size() - 1) << "one line: " << answer;
  }
  const std::string huge = "{\"v\":1,\"args\":[\"" + std::string(tools::kMaxAdminRequestBytes + 10, 'a') + "\"]}\n";
  const std::string answer = RawExchange(socket_, huge);
  EXPECT_NE(answer.find("\"exit\":2"), std::string::npos) << answer.substr(0, 200);
  EXPECT_NE(answer.find("larger than"), std::string::npos) << answer.substr(0, 200);
  // A usage error inside a well-formed request is the command's own answer.
  AdminResponse usage = Ask({"frobnicate"});
  EXPECT_EQ(usage.exit_code, 2);
  AdminResponse ok = Ask({"status"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("running (answered through its socket)"), std::string::npos) << ok.out;
}

TEST_F(AdminServerTest, ConcurrentClientsGetWholeAnswers) {
  for (int i = 0; i < 20; ++i) StorePayment(1000 + i);
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  const std::string expected = Ask({"unapplied", "--json"}).out;
  ASSERT_EQ(PaymentIds(expected).size(), 20u);
  std::vector<std::thread> clients;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto r = tools::SendAdminRequest(socket_, AdminRequest{{"unapplied", "--json"}, dir_.path(), false}, {});
        if (!r.ok() || !r->has_value() || (*r)->exit_code != 0 || (*r)->out != expected) {
          if (++wrong == 1) {
            ADD_FAILURE() << (r.ok() ? (r->has_value() ? (*r)->err + (*r)->out.substr(0, 100) : "no answer")
                                     : r.status().ToString());
          }
        }
        if (t % 2 == 0) {  // writers in between: an alias added and removed
          // Letters: a payer name's digits do not tell names apart.
          const std::string name = std::string("PAYER ") + static_cast<char>('A' + t) + static_cast<char>('A' + i);
          auto a = tools::SendAdminRequest(socket_, AdminRequest{{"alias", "add", "C1", "--name", name}, "/", false}, {});
          auto b = tools::SendAdminRequest(socket_, AdminRequest{{"alias", "remove", "C1", "--name", name}, "/", false}, {});
          if (!a.ok() || !a->has_value() || (*a)->exit_code != 0 || !b.ok() || !b->has_value() || (*b)->exit_code != 0) {
            if (++wrong == 1) {
              ADD_FAILURE() << (a.ok() ? (a->has_value() ? (*a)->err : "no answer") : a.status().ToString()) << " / "
                            << (b.ok() ? (b->has_value() ? (*b)->err : "no answer") : b.status().ToString());
            }
          }
        }
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(Ask({"alias", "list", "C1", "--json"}).out, "[{\"customer_id\":\"C1\",\"aliases\":[],\"bank_accounts\":[]}]\n");
}

TEST_F(AdminServerTest, ConnectionsBeyondTheCapAreTurnedAwayAndIdleOnesDoNotBlockStop) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  std::vector<int> idle;
  for (int i = 0; i < AdminServer::kMaxConnections; ++i) idle.push_back(Connect(socket_));
  // The server takes them one by one: wait until the cap is reached, which
  // the next connection's answer tells.
  std::string answer;
  for (int attempt = 0; attempt < 500 && answer.find("\"exit\":3") == std::string::npos; ++attempt) {
    answer = RawExchange(socket_, "");
  }
  EXPECT_NE(answer.find("\"exit\":3"), std::string::npos) << answer;
  EXPECT_NE(answer.find("already"), std::string::npos) << answer;
  server->Stop();  // must not wait for the idle clients
  for (int fd : idle) {
    char c;
    EXPECT_EQ(::recv(fd, &c, 1, 0), 0) << "closed unanswered";
    ::close(fd);
  }
}

TEST_F(AdminServerTest, ProgressLinesOnlyForATerminal) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  const std::string feed = dir_.Write("feed.csv",
                                      "source_ref,value_date,amount,currency,payer_name,payer_account,remittance\n"
                                      "R1,2026-11-01,100.00,USD,Acme Corporation,,INV-100\n");
  std::vector<std::string> lines;
  AdminResponse r = Ask({"ingest", "feed.csv"}, /*tty=*/true, [&](std::string_view l) { lines.emplace_back(l); });
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(lines.empty());
  EXPECT_NE(r.out.find("feed.csv: csv"), std::string::npos) << r.out;
  lines.clear();
  const std::string c = dir_.Write("c.csv", "customer_id,name\nC5,Epsilon\n");
  r = Ask({"load", "c.csv"}, /*tty=*/false, [&](std::string_view l) { lines.emplace_back(l); });
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(lines.empty());
}

}  // namespace
}  // namespace cashmatch::testing
