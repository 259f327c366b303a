// Status and Result<T>: errors as values with canonical codes.
//
// Every fallible function in Trailkeep returns Status or Result<T>. Codes are
// the canonical set (as in absl/gRPC); exactly one place, api/status_http.cc,
// maps them to HTTP statuses, and each dialect maps them to its own error body.
//
// Thread safety: values; safe to copy across threads.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace trailkeep {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // bad input from the caller -> 400
  kNotFound,           // -> 404
  kAlreadyExists,      // conflicting duplicate (idempotency key reuse) -> 409
  kUnauthenticated,    // no or bad credentials -> 401
  kPermissionDenied,   // credentials fine, not allowed -> 403
  kResourceExhausted,  // a limit was hit (body size, batch size) -> 413/429
  kFailedPrecondition, // state does not allow it -> 409/422
  kDeadlineExceeded,   // -> 504
  kUnavailable,        // shutting down, store closed -> 503
  kInternal,           // bug or I/O failure -> 500
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "INVALID_ARGUMENT: message"
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
inline Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
inline Status ResourceExhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }
inline Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Result<T>: a T or a non-OK Status. REQUIRES: never constructed from an OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The error; OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  // REQUIRES: ok().
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

}  // namespace trailkeep

// Propagates a non-OK Status out of the calling function.
#define TK_RETURN_IF_ERROR(expr)                \
  do {                                          \
    ::trailkeep::Status tk_status_ = (expr);    \
    if (!tk_status_.ok()) return tk_status_;    \
  } while (0)

#define TK_CONCAT_INNER_(a, b) a##b
#define TK_CONCAT_(a, b) TK_CONCAT_INNER_(a, b)
// TK_ASSIGN_OR_RETURN(auto x, F()): binds x to F()'s value or returns its error.
#define TK_ASSIGN_OR_RETURN(lhs, expr) \
  TK_ASSIGN_OR_RETURN_IMPL_(TK_CONCAT_(tk_result_, __LINE__), lhs, expr)
#define TK_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
