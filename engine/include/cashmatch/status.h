// Status and Result: expected failures as values.
//
// A Status is either OK or carries a code, a reason and, where the failure
// came from input, the place it came from (file, line, column or field).
// OK costs one null pointer: no allocation, nothing to free.
// Result<T> holds either a T or a non-OK Status.
//
// Both are plain values: safe to copy and to move between threads, not to
// mutate from two threads at once.
#ifndef CASHMATCH_STATUS_H_
#define CASHMATCH_STATUS_H_

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace cashmatch {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidInput,  // the input is malformed or breaks a rule
  kNotFound,
  kConflict,      // the operation contradicts the current state
  kIoError,
  kCorruption,    // stored data cannot be decoded
  kBusy,          // another process holds the resource
  kResourceExhausted,
  kUnsupported,
};

// Where in an input a failure was found. Empty fields are unknown.
struct SourceLocation {
  std::string file;
  uint64_t line = 0;    // 1-based; 0 = not known
  uint32_t column = 0;  // 1-based; 0 = not known
  std::string field;    // field name or XML element path
};

class [[nodiscard]] Status {
 public:
  Status() noexcept = default;
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string reason, SourceLocation where = {});
  static Status NotFound(std::string reason);
  static Status Conflict(std::string reason);
  static Status IoError(std::string reason);
  static Status Corruption(std::string reason);
  static Status Busy(std::string reason);
  static Status ResourceExhausted(std::string reason, SourceLocation where = {});
  static Status Unsupported(std::string reason);

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  // The reason alone, without location; empty when OK.
  std::string_view reason() const;
  // Location of the failure; all fields empty when OK or unknown.
  const SourceLocation& where() const;

  // Returns a copy with the location's empty parts filled in from `outer`:
  // a row parser reports the column, its caller adds file and line.
  Status WithContext(const SourceLocation& outer) const;

  // "file:line:column: field: reason", omitting unknown parts; "OK" when OK.
  std::string ToString() const;

 private:
  struct Rep {
    StatusCode code;
    std::string reason;
    SourceLocation where;
  };
  Status(StatusCode code, std::string reason, SourceLocation where);

  std::unique_ptr<Rep> rep_;
};

std::string_view StatusCodeName(StatusCode code);

// Holds a T or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return v_.index() == 0; }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  // Precondition for the accessors below: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace cashmatch

// Returns early from the enclosing function when `expr` is a failed Status.
#define CASHMATCH_RETURN_IF_ERROR(expr)       \
  do {                                        \
    ::cashmatch::Status _st = (expr);         \
    if (!_st.ok()) return _st;                \
  } while (0)

#endif  // CASHMATCH_STATUS_H_
