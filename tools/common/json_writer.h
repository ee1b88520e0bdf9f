// A minimal streaming JSON writer for `--json` output and result files.
// Not thread-safe; one writer per output.
#ifndef CASHMATCH_TOOLS_JSON_WRITER_H_
#define CASHMATCH_TOOLS_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cashmatch::tools {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value already in JSON form (e.g. a decimal amount "12.50" written as a
  // number without passing through floating point).
  JsonWriter& Raw(std::string_view json);

  const std::string& str() const { return out_; }

 private:
  void Separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends `s` to `out` as a JSON string literal, escaping as RFC 8259 says.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_JSON_WRITER_H_
