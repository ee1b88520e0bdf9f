// The payments feed as JSON Lines, parsed with simdjson On-Demand: one
// parser for the whole file, each line parsed where it lies. Values are
// collected as views (into the input or the parser's string buffer, valid
// until the next line is parsed) and converted (payments_feed_fields.h)
// before the next line is read.
//
// Most lines are read by the fast path (payments_feed_jsonl_fast.h); the
// rest, and every line with an error, by simdjson.
//
// Encoding: JSON is UTF-8, but a feed exported by an older system may be
// Windows-1252, and the whole file is then read as such (bank_file.h). The
// file is first read as UTF-8, which simdjson validates as it goes; only
// when a line is not UTF-8 is the file read again from the start, every
// line with bytes above 0x7F transcoded before parsing. A UTF-8 file thus
// costs no separate validation pass.
#include <cstring>
#include <optional>
#include <string>

#include "bank_parsers.h"
#include "bank_text.h"
#include "payments_feed_fields.h"
#include "payments_feed_jsonl_fast.h"
#include "json_text.h"
#include "simdjson.h"

namespace cashmatch::ingest {
namespace {

namespace od = simdjson::ondemand;

// {"source_ref":"R","value_date":"2026-01-01","amount":1,"currency":"USD"}
constexpr size_t kMinJsonRow = 70;
constexpr int kMaxDepth = 64;

// Parses lines into FeedRows. Reuses one simdjson parser: not thread-safe.
class LineParser {
 public:
  LineParser(std::string_view file, size_t max_line) : file_(file), parser_(max_line) {}

  // True once a line failed because it is not valid UTF-8.
  bool saw_invalid_utf8() const { return invalid_utf8_; }

  // Parses the object in [data, data + size); `capacity` bytes from `data`
  // are readable (simdjson needs SIMDJSON_PADDING of them past the end).
  Status Parse(const char* data, size_t size, size_t capacity, uint64_t line, FeedRow* row) {
    line_ = line;
    od::document doc;
    simdjson::error_code err = parser_.iterate(data, size, capacity).get(doc);
    if (err) return Syntax(err, {});
    od::object object;
    err = doc.get_object().get(object);
    if (err == simdjson::INCORRECT_TYPE) return Invalid({}, "the line is not a JSON object");
    if (err) return Syntax(err, {});
    FeedMask seen = 0;
    end_ = data + size;
    for (auto member : object) {
      od::field field;
      if ((err = std::move(member).get(field))) return Syntax(err, {});
      std::string_view key;
      if (!RawKey(field, &key) && (err = field.unescaped_key().get(key))) return Syntax(err, {});
      const std::optional<FeedField> f = FeedFieldFromName(key);
      if (!f) {
        CASHMATCH_RETURN_IF_ERROR(Check(field.value(), 1));
        continue;
      }
      const std::string_view name = FeedFieldName(*f);
      if (seen & Bit(*f)) {
        return Invalid(name, "field '" + std::string(name) + "' appears twice");
      }
      seen |= Bit(*f);
      if (*f == FeedField::kLines) {
        CASHMATCH_RETURN_IF_ERROR(ReadLines(field.value(), row));
        continue;
      }
      std::string_view text;
      bool absent = false;
      CASHMATCH_RETURN_IF_ERROR(Scalar(field.value(), name, *f == FeedField::kIsReturn, &text,
                                       &absent));
      if (!absent) row->Set(*f, text);
    }
    // current_location() fails only when every token has been consumed.
    if (doc.current_location().error() == simdjson::SUCCESS) {
      return Invalid({}, "unexpected text after the JSON object");
    }
    return Status::Ok();
  }

  Status Invalid(std::string_view field, std::string reason) const {
    return Status::InvalidInput(std::move(reason),
                                SourceLocation{std::string(file_), line_, 0, std::string(field)});
  }

 private:
  Status Syntax(simdjson::error_code err, std::string_view field) {
    if (err == simdjson::UTF8_ERROR) invalid_utf8_ = true;
    return Invalid(field, std::string("invalid JSON: ") + simdjson::error_message(err));
  }

  // Reads a value nobody needs, to the end: On-Demand does not check what
  // it skips, and a line of malformed JSON must refuse the file wherever
  // the damage is. `depth` counts the containers around `v`.
  Status Check(od::value& v, int depth) {
    od::json_type type;
    simdjson::error_code err = v.type().get(type);
    if (err) return Syntax(err, {});
    switch (type) {
      case od::json_type::array:
      case od::json_type::object:
        if (depth >= kMaxDepth) {
          return Invalid({}, "JSON nested more than " + std::to_string(kMaxDepth) +
                                 " levels deep");
        }
        if (type == od::json_type::array) {
          od::array array;
          if ((err = v.get_array().get(array))) return Syntax(err, {});
          for (auto element : array) {
            od::value item;
            if ((err = std::move(element).get(item))) return Syntax(err, {});
            CASHMATCH_RETURN_IF_ERROR(Check(item, depth + 1));
          }
        } else {
          od::object object;
          if ((err = v.get_object().get(object))) return Syntax(err, {});
          for (auto member : object) {
            od::field field;
            if ((err = std::move(member).get(field))) return Syntax(err, {});
            std::string_view key;
            if ((err = field.unescaped_key().get(key))) return Syntax(err, {});
            CASHMATCH_RETURN_IF_ERROR(Check(field.value(), depth + 1));
          }
        }
        return Status::Ok();
      case od::json_type::boolean: {
        bool b;
        return (err = v.get_bool().get(b)) ? Syntax(err, {}) : Status::Ok();
      }
      case od::json_type::string:
      case od::json_type::number:
      case od::json_type::null: {
        std::string_view text;
        bool absent;
        return Scalar(v, {}, false, &text, &absent);
      }
    }
    return Status::Ok();
  }

  // A scalar as text: a string's unescaped value or a number's own digits;
  // with `boolean_ok`, true and false as "true" and "false". Sets *absent
  // for null. `field` names the value in messages.
  Status Scalar(od::value& v, std::string_view field, bool boolean_ok, std::string_view* out,
                bool* absent) {
    *absent = false;
    // Most values are strings: try that before asking the type.
    simdjson::error_code err = v.get_string().get(*out);
    if (err == simdjson::SUCCESS) return Status::Ok();
    if (err != simdjson::INCORRECT_TYPE) return Syntax(err, field);
    od::json_type type;
    err = v.type().get(type);
    if (err) return Syntax(err, field);
    switch (type) {
      case od::json_type::string:
        err = v.get_string().get(*out);
        return err ? Syntax(err, field) : Status::Ok();
      case od::json_type::number: {
        std::string_view raw = v.raw_json_token();
        while (!raw.empty() && IsJsonSpace(raw.back())) raw.remove_suffix(1);
        if (!IsJsonNumber(raw)) {
          return Invalid(field, "invalid JSON: " + FeedQuoted(raw) + " is not a number");
        }
        *out = raw;
        return Status::Ok();
      }
      case od::json_type::null: {
        bool is_null = false;
        if ((err = v.is_null().get(is_null)) || !is_null) {
          return Invalid(field, "invalid JSON: expected null");
        }
        *absent = true;
        return Status::Ok();
      }
      case od::json_type::boolean: {
        bool b = false;
        if ((err = v.get_bool().get(b))) return Syntax(err, field);
        if (!boolean_ok) break;
        *out = b ? "true" : "false";
        return Status::Ok();
      }
      case od::json_type::object:
      case od::json_type::array:
        break;
    }
    return Invalid(field, "field '" + std::string(field) + "' must be a string or a number");
  }

  // `lines`: an array of objects, the compact text form, or null.
  Status ReadLines(od::value& v, FeedRow* row) {
    const std::string_view name = FeedFieldName(FeedField::kLines);
    od::json_type type;
    simdjson::error_code err = v.type().get(type);
    if (err) return Syntax(err, name);
    if (type != od::json_type::array) {
      if (type == od::json_type::string || type == od::json_type::null) {
        std::string_view text;
        bool absent = false;
        CASHMATCH_RETURN_IF_ERROR(Scalar(v, name, false, &text, &absent));
        if (!absent) row->Set(FeedField::kLines, text);
        return Status::Ok();
      }
      return Invalid(name, "field 'lines' must be an array of objects (or the compact text "
                           "form 'reference:paid;...')");
    }
    od::array array;
    if ((err = v.get_array().get(array))) return Syntax(err, name);
    row->given |= Bit(FeedField::kLines);
    row->structured_lines = true;
    size_t index = 0;
    // Names like "lines[3].paid" are built only for a message: most lines
    // have none.
    const auto item = [&index] { return "lines[" + std::to_string(index) + "]"; };
    for (auto element : array) {
      ++index;
      od::value value;
      if ((err = std::move(element).get(value))) return Syntax(err, item());
      od::object object;
      err = value.get_object().get(object);
      if (err == simdjson::INCORRECT_TYPE) {
        return Invalid(item(), item() + " must be an object such as {\"reference\": \"INV-1\", "
                                        "\"paid\": \"10.00\"}");
      }
      if (err) return Syntax(err, item());
      RawLine& line = row->raw_lines.emplace_back();
      for (auto member : object) {
        od::field field;
        if ((err = std::move(member).get(field))) return Syntax(err, item());
        std::string_view key;
        if (!RawKey(field, &key) && (err = field.unescaped_key().get(key))) {
          return Syntax(err, item());
        }
        const std::optional<LineField> f = LineFieldFromName(key);
        if (!f) {
          CASHMATCH_RETURN_IF_ERROR(Check(field.value(), 3));
          continue;
        }
        if (line.given & Bit(*f)) {
          const std::string where = item() + "." + std::string(LineFieldName(*f));
          return Invalid(where, where + " appears twice");
        }
        std::string_view text;
        bool absent = false;
        Status st = Scalar(field.value(), LineFieldName(*f), false, &text, &absent);
        if (!st.ok()) {
          // Name the line as well as its field.
          const std::string where = item() + "." + std::string(LineFieldName(*f));
          return Invalid(where, std::string(st.reason()));
        }
        if (absent) continue;
        line.given |= Bit(*f);
        line.text[static_cast<size_t>(*f)] = text;
      }
    }
    return Status::Ok();
  }

  // The key as written, when it holds no escape (nearly always): saves
  // unescaping it into the parser's buffer. False when it must be
  // unescaped. Stage 1 has checked that every string of the line is closed,
  // so the scan ends at its closing quote, and never passes end_.
  bool RawKey(const od::field& field, std::string_view* key) const {
    const char* const begin = field.key().raw();
    const char* p = begin;
    while (p < end_ && *p != '"' && *p != '\\') ++p;
    if (p == end_ || *p != '"') return false;
    *key = std::string_view(begin, static_cast<size_t>(p - begin));
    return true;
  }

  std::string_view file_;
  const char* end_ = nullptr;  // end of the line being parsed
  od::parser parser_;
  uint64_t line_ = 0;
  bool invalid_utf8_ = false;
};

// Appends `raw` to *out with every run of bytes above 0x7F read as
// Windows-1252; ASCII, controls included, is copied unchanged so that the
// JSON keeps its syntax (and the parser its say on raw control characters).
void TranscodeWindows1252(std::string_view raw, std::string* out) {
  size_t i = 0;
  while (i < raw.size()) {
    size_t j = i;
    while (j < raw.size() && static_cast<unsigned char>(raw[j]) < 0x80) ++j;
    out->append(raw.data() + i, j - i);
    i = j;
    while (j < raw.size() && static_cast<unsigned char>(raw[j]) >= 0x80) ++j;
    if (j > i) AppendText(raw.substr(i, j - i), TextEncoding::kWindows1252, out);
    i = j;
  }
}

bool HasHighBytes(const char* p, size_t n) {
  unsigned char any = 0;
  for (size_t i = 0; i < n; ++i) any |= static_cast<unsigned char>(p[i]);
  return (any & 0x80) != 0;
}

Status TooLong(const ParseContext& ctx, uint64_t line, size_t max) {
  return Status::ResourceExhausted("line is longer than " + std::to_string(max) + " bytes",
                                   SourceLocation{std::string(ctx.file_name), line, 0, ""});
}

// Reads the whole file with `encoding`. Sets *not_utf8 (and returns the
// error) when reading as UTF-8 met a line that is not.
Result<BankFile> ReadJsonl(std::string_view bytes, const ParseContext& ctx,
                           TextEncoding encoding, bool fast_path, bool* not_utf8) {
  const char* const base = bytes.data();
  const size_t size = bytes.size();
  const size_t max = ctx.options.max_record_bytes;
  constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;

  // simdjson may read up to kPadding bytes past a document (it ignores
  // them). A line followed by that much of the file is parsed where it
  // lies; from the first line that is not, the rest of the file (less than
  // one line plus kPadding) is copied once into a padded buffer. Copying the
  // whole file instead would take twice its memory and, on a large file, cost
  // more than parsing it.
  simdjson::padded_string tail;
  size_t tail_start = size;
  std::string transcoded;  // a Windows-1252 line as UTF-8, plus padding

  // A transcoded line may be up to three times its original length.
  LineParser parser(ctx.file_name, encoding == TextEncoding::kUtf8 ? max : max * 3 + 3);
  FeedBuilder builder(ctx, BankFormat::kPaymentsJsonl, TextEncoding::kUtf8,
                      EstimateFeedRows(bytes, kMinJsonRow));
  FeedRow row;
  row.raw_lines.reserve(16);
  uint64_t line = 1;
  bool any = false;
  const bool ascii_only = encoding != TextEncoding::kUtf8;
  for (size_t pos = 0; pos < size; ++line) {
    const char* const p = base + pos;
    const char* newline = nullptr;
    if (fast_path && FastParseFeedLine(p, base + size, ascii_only, &row, &newline)) {
      size_t len = static_cast<size_t>(newline - p);
      if (len > 0 && p[len - 1] == '\r') --len;
      if (len > max) return builder.Fail(TooLong(ctx, line, max));
      any = true;
      CASHMATCH_RETURN_IF_ERROR(builder.Add(row, line));
      pos = static_cast<size_t>(newline - base) + (newline < base + size ? 1 : 0);
      continue;
    }
    const void* nl = std::memchr(p, '\n', size - pos);
    size_t len = nl ? static_cast<size_t>(static_cast<const char*>(nl) - p) : size - pos;
    const size_t next = pos + len + (nl ? 1 : 0);
    if (len > 0 && p[len - 1] == '\r') --len;
    if (len > max) return builder.Fail(TooLong(ctx, line, max));
    size_t first = 0;
    while (first < len && IsJsonSpace(p[first])) ++first;
    if (first == len) {  // blank
      pos = next;
      continue;
    }
    any = true;
    const char* doc = p;
    size_t doc_len = len;
    size_t capacity = size - pos;
    if (encoding == TextEncoding::kWindows1252 && HasHighBytes(p, len)) {
      transcoded.clear();
      TranscodeWindows1252(std::string_view(p, len), &transcoded);
      doc_len = transcoded.size();
      transcoded.append(kPadding, ' ');
      doc = transcoded.data();
      capacity = transcoded.size();
    } else if (capacity < len + kPadding) {
      if (tail_start == size) {
        tail = simdjson::padded_string(p, size - pos);
        if (tail.data() == nullptr) {
          return builder.Fail(Status::ResourceExhausted(
              "out of memory", SourceLocation{std::string(ctx.file_name), line, 0, ""}));
        }
        tail_start = pos;
      }
      doc = tail.data() + (pos - tail_start);
      capacity = tail.size() + kPadding - (pos - tail_start);
    }
    row.Clear();
    Status st = parser.Parse(doc, doc_len, capacity, line, &row);
    if (!st.ok()) {
      // An earlier repeated reference is the first error whatever the
      // encoding; else a line that is not UTF-8 makes the file Windows-1252.
      CASHMATCH_RETURN_IF_ERROR(builder.CheckRepeatedRefs());
      *not_utf8 = parser.saw_invalid_utf8() && encoding == TextEncoding::kUtf8;
      return st;
    }
    CASHMATCH_RETURN_IF_ERROR(builder.Add(row, line));
    pos = next;
  }
  if (!any) {
    return Status::InvalidInput("the file is empty: expected one JSON object per line",
                                SourceLocation{std::string(ctx.file_name), 1, 0, ""});
  }
  return std::move(builder).Finish();
}

}  // namespace

Result<BankFile> ParsePaymentsJsonlWith(std::string_view bytes, const ParseContext& ctx,
                                        bool fast_path) {
  CASHMATCH_RETURN_IF_ERROR(RefuseUtf16(bytes, ctx.file_name));
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  bool not_utf8 = false;
  Result<BankFile> utf8 = ReadJsonl(bytes, ctx, TextEncoding::kUtf8, fast_path, &not_utf8);
  if (utf8.ok() || !not_utf8) return utf8;
  bool unused = false;
  return ReadJsonl(bytes, ctx, TextEncoding::kWindows1252, fast_path, &unused);
}

Result<BankFile> ParsePaymentsJsonl(std::string_view bytes, const ParseContext& ctx) {
  return ParsePaymentsJsonlWith(bytes, ctx, /*fast_path=*/true);
}

}  // namespace cashmatch::ingest
