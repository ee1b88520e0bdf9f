// Open items as JSON Lines, parsed with simdjson On-Demand: one parser for
// the whole file, each line parsed where it lies. Values are collected as
// views (into the input or the parser's string buffer, valid until the next
// line is parsed) and go through the shared conversion before the next line
// is read.
#include <cstring>
#include <string>

#include "open_items_fields.h"
#include "open_items_formats.h"
#include "json_text.h"
#include "simdjson.h"

namespace cashmatch {
namespace {

namespace od = simdjson::ondemand;
using ingest::IsJsonNumber;
using ingest::IsJsonSpace;

// Parses lines into RawRows. Reuses one simdjson parser: not thread-safe.
class LineParser {
 public:
  LineParser(std::string_view file, size_t max_line) : file_(file), parser_(max_line) {}

  // Parses the object in [data, data + size); `capacity` bytes from `data`
  // are readable (simdjson needs SIMDJSON_PADDING of them past the end).
  Status Parse(const char* data, size_t size, size_t capacity, uint64_t line, RawRow* row) {
    line_ = line;
    od::document doc;
    simdjson::error_code err = parser_.iterate(data, size, capacity).get(doc);
    if (err) return Syntax(err, nullptr);
    od::object object;
    err = doc.get_object().get(object);
    if (err == simdjson::INCORRECT_TYPE) return Invalid(nullptr, "the line is not a JSON object");
    if (err) return Syntax(err, nullptr);
    FieldMask seen = 0;
    for (auto member : object) {
      od::field field;
      if ((err = std::move(member).get(field))) return Syntax(err, nullptr);
      std::string_view key;
      if ((err = field.unescaped_key().get(key))) return Syntax(err, nullptr);
      const std::optional<Field> f = FieldFromName(key);
      if (!f) {
        CASHMATCH_RETURN_IF_ERROR(Check(field.value(), 1));
        continue;
      }
      if (seen & Bit(*f)) {
        return Invalid(&*f, "field '" + std::string(FieldName(*f)) + "' appears twice");
      }
      seen |= Bit(*f);
      CASHMATCH_RETURN_IF_ERROR(ReadValue(field.value(), *f, row));
    }
    // current_location() fails only when every token has been consumed.
    if (doc.current_location().error() == simdjson::SUCCESS) {
      return Invalid(nullptr, "unexpected text after the JSON object");
    }
    return Status::Ok();
  }

  Status Invalid(const Field* f, std::string reason) const {
    return Status::InvalidInput(
        std::move(reason),
        SourceLocation{std::string(file_), line_, 0, f ? std::string(FieldName(*f)) : ""});
  }

 private:
  Status Syntax(simdjson::error_code err, const Field* f) const {
    return Invalid(f, std::string("invalid JSON: ") + simdjson::error_message(err));
  }

  // Reads a value nobody needs, to the end: On-Demand does not check what
  // it skips, and a line of malformed JSON must refuse the file wherever
  // the damage is. `depth` counts the containers around `v`.
  Status Check(od::value& v, int depth) {
    constexpr int kMaxDepth = 64;
    od::json_type type;
    simdjson::error_code err = v.type().get(type);
    if (err) return Syntax(err, nullptr);
    switch (type) {
      case od::json_type::array:
      case od::json_type::object:
        if (depth >= kMaxDepth) {
          return Invalid(nullptr, "JSON nested more than " + std::to_string(kMaxDepth) +
                                      " levels deep");
        }
        if (type == od::json_type::array) {
          od::array array;
          if ((err = v.get_array().get(array))) return Syntax(err, nullptr);
          for (auto element : array) {
            od::value item;
            if ((err = std::move(element).get(item))) return Syntax(err, nullptr);
            CASHMATCH_RETURN_IF_ERROR(Check(item, depth + 1));
          }
        } else {
          od::object object;
          if ((err = v.get_object().get(object))) return Syntax(err, nullptr);
          for (auto member : object) {
            od::field field;
            if ((err = std::move(member).get(field))) return Syntax(err, nullptr);
            std::string_view key;
            if ((err = field.unescaped_key().get(key))) return Syntax(err, nullptr);
            CASHMATCH_RETURN_IF_ERROR(Check(field.value(), depth + 1));
          }
        }
        return Status::Ok();
      case od::json_type::boolean: {
        bool b;
        return (err = v.get_bool().get(b)) ? Syntax(err, nullptr) : Status::Ok();
      }
      case od::json_type::string:
      case od::json_type::number:
      case od::json_type::null: {
        std::string_view text;
        bool absent;
        return Scalar(v, nullptr, &text, &absent);
      }
    }
    return Status::Ok();
  }

  // A scalar as text: a string's unescaped value or a number's own digits.
  // Sets *absent for null. `f` names the field in messages; may be null.
  Status Scalar(od::value& v, const Field* f, std::string_view* out, bool* absent) {
    od::json_type type;
    simdjson::error_code err = v.type().get(type);
    if (err) return Syntax(err, f);
    *absent = false;
    switch (type) {
      case od::json_type::string:
        err = v.get_string().get(*out);
        return err ? Syntax(err, f) : Status::Ok();
      case od::json_type::number: {
        std::string_view raw = v.raw_json_token();
        while (!raw.empty() && IsJsonSpace(raw.back())) raw.remove_suffix(1);
        if (!IsJsonNumber(raw)) {
          return Invalid(f, "invalid JSON: '" + std::string(raw.substr(0, 64)) +
                                "' is not a number");
        }
        *out = raw;
        return Status::Ok();
      }
      case od::json_type::null: {
        bool is_null = false;
        if ((err = v.is_null().get(is_null)) || !is_null) {
          return Invalid(f, "invalid JSON: expected null");
        }
        *absent = true;
        return Status::Ok();
      }
      case od::json_type::boolean:
      case od::json_type::object:
      case od::json_type::array:
        break;
    }
    return Invalid(f, "field '" + std::string(f ? FieldName(*f) : "") +
                          "' must be a string or a number");
  }

  Status ReadValue(od::value& v, Field f, RawRow* row) {
    std::vector<std::string_view>* items = row->ItemsOf(f);
    od::json_type type;
    if (simdjson::error_code err = v.type().get(type)) return Syntax(err, &f);
    if (type == od::json_type::array && items != nullptr) {
      od::array array;
      if (simdjson::error_code err = v.get_array().get(array)) return Syntax(err, &f);
      for (auto element : array) {
        od::value item;
        if (simdjson::error_code err = std::move(element).get(item)) return Syntax(err, &f);
        od::json_type item_type;
        if (simdjson::error_code err = item.type().get(item_type)) return Syntax(err, &f);
        if (item_type == od::json_type::array || item_type == od::json_type::object ||
            item_type == od::json_type::boolean) {
          return Invalid(&f, "items of '" + std::string(FieldName(f)) + "' must be strings");
        }
        std::string_view text;
        bool absent = false;
        CASHMATCH_RETURN_IF_ERROR(Scalar(item, &f, &text, &absent));
        if (!absent) items->push_back(text);
      }
      row->given |= Bit(f);
      row->arrays |= Bit(f);
      return Status::Ok();
    }
    std::string_view text;
    bool absent = false;
    CASHMATCH_RETURN_IF_ERROR(Scalar(v, &f, &text, &absent));
    if (!absent) row->Set(f, text);
    return Status::Ok();
  }

  std::string_view file_;
  od::parser parser_;
  uint64_t line_ = 0;
};

}  // namespace

Result<OpenItems> ReadOpenItemsJsonLines(std::string_view bytes, std::string_view file_name,
                                         const OpenItemsReadOptions& options) {
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) bytes.remove_prefix(3);
  const char* const base = bytes.data();
  const size_t size = bytes.size();
  const size_t max = options.max_record_bytes;
  constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;

  // simdjson may read up to kPadding bytes past a document (it ignores
  // them). A line followed by that much of the file is parsed where it
  // lies; from the first line that is not, the rest of the file (less than
  // one line plus kPadding) is copied once into a padded buffer. Copying the
  // whole file instead would double its memory and, on a large file, cost
  // more than parsing it.
  simdjson::padded_string tail;
  size_t tail_start = size;

  LineParser parser(file_name, max);
  OpenItemsBuilder builder(file_name, EstimateRows(bytes));
  RawRow row;
  uint64_t line = 1;
  for (size_t pos = 0; pos < size; ++line) {
    const char* const p = base + pos;
    const void* nl = std::memchr(p, '\n', size - pos);
    size_t len = nl ? static_cast<size_t>(static_cast<const char*>(nl) - p) : size - pos;
    const size_t next = pos + len + (nl ? 1 : 0);
    if (len > 0 && p[len - 1] == '\r') --len;
    if (len > max) {
      return Status::ResourceExhausted("line is longer than " + std::to_string(max) + " bytes",
                                       SourceLocation{std::string(file_name), line, 0, ""});
    }
    size_t first = 0;
    while (first < len && IsJsonSpace(p[first])) ++first;
    if (first == len) {  // blank
      pos = next;
      continue;
    }
    const char* doc = p;
    size_t capacity = size - pos;
    if (capacity < len + kPadding) {
      if (tail_start == size) {
        tail = simdjson::padded_string(p, size - pos);
        if (tail.data() == nullptr) {
          return Status::ResourceExhausted("out of memory",
                                           SourceLocation{std::string(file_name), line, 0, ""});
        }
        tail_start = pos;
      }
      doc = tail.data() + (pos - tail_start);
      capacity = tail.size() + kPadding - (pos - tail_start);
    }
    row.Clear();
    CASHMATCH_RETURN_IF_ERROR(parser.Parse(doc, len, capacity, line, &row));
    switch (KindOf(row.given)) {
      case RowKind::kInvoice:
        CASHMATCH_RETURN_IF_ERROR(builder.AddInvoice(row, line));
        break;
      case RowKind::kCustomer:
        CASHMATCH_RETURN_IF_ERROR(builder.AddCustomer(row, line));
        break;
      case RowKind::kUnknown:
        return parser.Invalid(nullptr,
                              "the object has no 'invoice_id' (for an invoice) nor 'customer_id' "
                              "and 'name' (for a customer)");
    }
    pos = next;
  }
  return std::move(builder).Finish();
}

}  // namespace cashmatch
