// Result<T>: a value or an Error a person can act on. Expected failures travel as values.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tidings {

// What kind of failure; callers branch on this, people read the message.
enum class ErrorCode {
    Io,           // a file could not be read or written (missing, permissions, disk full)
    NotFound,     // the thing asked for does not exist
    Corrupt,      // the input is damaged or not what it claims to be
    NotOurs,      // the file is valid but is not a Tidings bundle or library
    TooNew,       // made by a newer Tidings than this one
    Invalid,      // the input breaks a rule of the format (bad UTF-8, missing field, over a cap)
    Refused,      // a rule forbids it (older sequence, missing delta base, untrusted key)
    Conflict,     // two things claim the same place (same sequence, different content)
    Busy,         // the database is locked by someone else
    Cancelled,    // the user or a stop flag ended the work
    Unavailable,  // a server or network could not be reached or broke off: trying later may work
    Internal,     // a bug or an unexpected library failure
};

// A failure: what went wrong, in words that say what to do.
struct Error {
    ErrorCode code = ErrorCode::Internal; // kind of failure
    std::string message;                  // plain words, names the file and the problem
};

inline Error make_error(ErrorCode code, std::string message) {
    return Error{code, std::move(message)};
}

// A value of type T or an Error. Check ok() before value(); value() on an error asserts.
template <class T> class [[nodiscard]] Result {
  public:
    Result(T value) : data_(std::move(value)) {}
    Result(Error error) : data_(std::move(error)) {}

    bool ok() const { return data_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(data_);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(data_);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(data_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<1>(data_);
    }

  private:
    std::variant<T, Error> data_;
};

// Success or an Error, for operations that return nothing.
class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(Error error) : error_(std::move(error)), failed_(true) {}

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(failed_);
        return error_;
    }

  private:
    Error error_;
    bool failed_ = false;
};

// Propagate a failure from a Status/Result expression to the caller.
#define TIDINGS_TRY_CAT2(a, b) a##b
#define TIDINGS_TRY_CAT(a, b) TIDINGS_TRY_CAT2(a, b)
#define TIDINGS_TRY_IMPL(expr, var)                                                                \
    do {                                                                                           \
        auto&& var = (expr);                                                                       \
        if (!var.ok()) return var.error();                                                         \
    } while (0)
#define TIDINGS_TRY(expr) TIDINGS_TRY_IMPL(expr, TIDINGS_TRY_CAT(tidings_try_, __COUNTER__))

} // namespace tidings
