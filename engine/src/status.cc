#include "cashmatch/status.h"

#include <string>

namespace cashmatch {

Status::Status(StatusCode code, std::string reason, SourceLocation where)
    : rep_(std::make_unique<Rep>(Rep{code, std::move(reason), std::move(where)})) {}

Status::Status(const Status& other)
    : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
  return *this;
}

Status Status::InvalidInput(std::string reason, SourceLocation where) {
  return Status(StatusCode::kInvalidInput, std::move(reason), std::move(where));
}
Status Status::NotFound(std::string reason) {
  return Status(StatusCode::kNotFound, std::move(reason), {});
}
Status Status::Conflict(std::string reason) {
  return Status(StatusCode::kConflict, std::move(reason), {});
}
Status Status::IoError(std::string reason) {
  return Status(StatusCode::kIoError, std::move(reason), {});
}
Status Status::Corruption(std::string reason) {
  return Status(StatusCode::kCorruption, std::move(reason), {});
}
Status Status::Busy(std::string reason) {
  return Status(StatusCode::kBusy, std::move(reason), {});
}
Status Status::ResourceExhausted(std::string reason, SourceLocation where) {
  return Status(StatusCode::kResourceExhausted, std::move(reason), std::move(where));
}
Status Status::Unsupported(std::string reason) {
  return Status(StatusCode::kUnsupported, std::move(reason), {});
}

std::string_view Status::reason() const {
  return rep_ ? std::string_view(rep_->reason) : std::string_view();
}

const SourceLocation& Status::where() const {
  static const SourceLocation kNowhere;
  return rep_ ? rep_->where : kNowhere;
}

Status Status::WithContext(const SourceLocation& outer) const {
  if (ok()) return Status();
  Status copy(*this);
  SourceLocation& w = copy.rep_->where;
  if (w.file.empty()) w.file = outer.file;
  if (w.line == 0) w.line = outer.line;
  if (w.column == 0) w.column = outer.column;
  if (w.field.empty()) w.field = outer.field;
  return copy;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  const SourceLocation& w = rep_->where;
  std::string out;
  if (!w.file.empty()) out += w.file;
  if (w.line != 0) {
    out += (out.empty() ? "line " : ":") + std::to_string(w.line);
    if (w.column != 0) out += ":" + std::to_string(w.column);
  }
  if (!w.field.empty()) {
    if (!out.empty()) out += ": ";
    out += w.field;
  }
  if (!out.empty()) out += ": ";
  out += rep_->reason;
  return out;
}

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidInput: return "invalid input";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kIoError: return "I/O error";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kBusy: return "busy";
    case StatusCode::kResourceExhausted: return "resource exhausted";
    case StatusCode::kUnsupported: return "unsupported";
  }
  return "unknown";
}

}  // namespace cashmatch
