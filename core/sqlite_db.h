// RAII wrappers over SQLite: Db (connection), Stmt (prepared statement), Transaction.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tidings {

// How a database file is opened.
enum class OpenMode {
    ReadWrite,   // create if missing, read and write
    ReadOnly,    // existing file, no writes
    Untrusted,   // existing file from outside (a bundle): read-only, defensive settings, low limits
};

class Stmt;

// One SQLite connection. Move-only; closes in its destructor.
class Db {
  public:
    Db() = default;
    ~Db();
    Db(Db&& other) noexcept;
    Db& operator=(Db&& other) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // Opens PATH (":memory:" for an in-memory database). On failure the error names the file.
    static Result<Db> open(const std::string& path, OpenMode mode);

    // Runs one or more statements with no results. Error carries SQLite's message.
    Status exec(std::string_view sql);
    // Prepares one statement. Error carries SQLite's message and the SQL.
    Result<Stmt> prepare(std::string_view sql);

    int64_t last_insert_rowid() const;
    int changes() const;
    bool is_open() const { return db_ != nullptr; }
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_; }
    // The connection's latest error message.
    std::string last_error() const;
    // Turns a failed SQLite return code into an Error with context.
    Error error_from(int rc, std::string_view what) const;

  private:
    sqlite3* db_ = nullptr; // owned connection
    std::string path_;      // for messages
};

// A prepared statement. Move-only; finalized in its destructor.
// bind() indexes start at 1, column() indexes at 0.
class Stmt {
  public:
    Stmt() = default;
    Stmt(Db* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    ~Stmt();
    Stmt(Stmt&& other) noexcept;
    Stmt& operator=(Stmt&& other) noexcept;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int index, int64_t value);
    Stmt& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Stmt& bind(int index, double value);
    Stmt& bind(int index, std::string_view text);
    Stmt& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Stmt& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Stmt& bind_blob(int index, std::span<const uint8_t> blob);
    Stmt& bind_null(int index);
    // Binds TEXT without copying it: TEXT must stay alive and unchanged until reset() (which
    // also drops the binding). For large values bound once and run once.
    Stmt& bind_static(int index, std::string_view text);

    // Advances: true when a row is ready, false when done; an error is returned as Error.
    Result<bool> step();
    // Steps to completion, for statements without results.
    Status run();
    // Ready to run again, with every parameter unbound (NULL).
    void reset();
    bool is_prepared() const { return stmt_ != nullptr; }

    int64_t column_int(int index) const;
    double column_double(int index) const;
    std::string column_text(int index) const;
    std::string_view column_text_view(int index) const; // valid until the next step
    std::vector<uint8_t> column_blob(int index) const;
    std::span<const uint8_t> column_blob_view(int index) const; // valid until the next step
    bool column_is_null(int index) const;
    int column_bytes(int index) const;
    int column_count() const;

  private:
    Db* db_ = nullptr;              // connection for error messages, not owned
    sqlite3_stmt* stmt_ = nullptr;  // owned statement
};

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() succeeded.
// Never throws from its destructor.
class Transaction {
  public:
    static Result<Transaction> begin(Db& db);
    ~Transaction();
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Status commit();

  private:
    explicit Transaction(Db* db) : db_(db) {}
    Db* db_ = nullptr; // null once committed or rolled back
};

// Convenience: first column of the first row as integer, or nullopt when no row.
Result<std::optional<int64_t>> query_int(Db& db, std::string_view sql);

} // namespace tidings
