#include "admin_protocol.h"

#include <simdjson.h>

#include "json_writer.h"

namespace cashmatch::tools {
namespace {

// Valid UTF-8 as it is; each byte of an invalid sequence becomes U+FFFD.
std::string ValidUtf8(std::string_view s) {
  if (simdjson::validate_utf8(s.data(), s.size())) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len != 0 && i + len <= s.size() && simdjson::validate_utf8(s.data() + i, len)) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

Status Malformed(const std::string& why) { return Status::InvalidInput("malformed admin message: " + why); }

}  // namespace

std::string EncodeAdminRequest(const AdminRequest& request) {
  JsonWriter w;
  w.BeginObject().Key("v").Int(kAdminProtocolVersion).Key("args").BeginArray();
  for (const std::string& a : request.args) w.String(ValidUtf8(a));
  w.EndArray().Key("cwd").String(ValidUtf8(request.cwd)).Key("tty").Bool(request.tty).EndObject();
  return w.str() + "\n";
}

std::string EncodeAdminResponse(const AdminResponse& response) {
  JsonWriter w;
  w.BeginObject().Key("exit").Int(response.exit_code).Key("stdout").String(ValidUtf8(response.out));
  w.Key("stderr").String(ValidUtf8(response.err)).EndObject();
  return w.str() + "\n";
}

std::string EncodeAdminProgress(std::string_view line) {
  JsonWriter w;
  w.BeginObject().Key("progress").String(ValidUtf8(line)).EndObject();
  return w.str() + "\n";
}

Result<AdminRequest> DecodeAdminRequest(std::string_view line) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto e = parser.parse(line.data(), line.size()).get(doc); e) return Malformed(simdjson::error_message(e));
  simdjson::dom::object obj;
  if (doc.get(obj)) return Malformed("not a JSON object");
  int64_t v = 0;
  if (obj["v"].get(v) || v != kAdminProtocolVersion) {
    return Malformed("\"v\" must be " + std::to_string(kAdminProtocolVersion));
  }
  AdminRequest r;
  simdjson::dom::array args;
  if (obj["args"].get(args)) return Malformed("\"args\" must be an array of strings");
  for (simdjson::dom::element a : args) {
    std::string_view s;
    if (a.get(s)) return Malformed("\"args\" must be an array of strings");
    r.args.emplace_back(s);
  }
  std::string_view cwd;
  if (obj["cwd"].get(cwd) || cwd.empty() || cwd[0] != '/') return Malformed("\"cwd\" must be an absolute path");
  r.cwd = std::string(cwd);
  if (auto tty = obj["tty"]; tty.error() != simdjson::NO_SUCH_FIELD) {
    if (tty.get(r.tty)) return Malformed("\"tty\" must be true or false");
  }
  return r;
}

Result<AdminMessage> DecodeAdminMessage(std::string_view line) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto e = parser.parse(line.data(), line.size()).get(doc); e) return Malformed(simdjson::error_message(e));
  simdjson::dom::object obj;
  if (doc.get(obj)) return Malformed("not a JSON object");
  AdminMessage m;
  std::string_view text;
  if (!obj["progress"].get(text)) {
    m.is_progress = true;
    m.progress = std::string(text);
    return m;
  }
  int64_t code = 0;
  std::string_view out, err;
  if (obj["exit"].get(code) || obj["stdout"].get(out) || obj["stderr"].get(err)) {
    return Malformed("a response needs \"exit\", \"stdout\" and \"stderr\"");
  }
  m.response.exit_code = static_cast<int>(code);
  m.response.out = std::string(out);
  m.response.err = std::string(err);
  return m;
}

}  // namespace cashmatch::tools
