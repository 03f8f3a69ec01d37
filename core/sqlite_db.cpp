// RAII wrappers over SQLite: connection, statement and transaction lifetimes, errors as values.
#include "core/sqlite_db.h"

#include <sqlite3.h>

namespace tidings {

namespace {

// SQLite keeps memory statistics by default, taking one process-wide lock on every allocation:
// with an apply reading the bundle on one thread and writing the library on another, the two
// would queue on it. Nothing here reads the statistics. Set before SQLite starts (at load time;
// ignored if something started SQLite first).
const int g_sqlite_configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }();

} // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Db
// ---------------------------------------------------------------------------------------------

Db::~Db() {
    if (db_) sqlite3_close_v2(db_);
}

Db::Db(Db&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) {
    other.db_ = nullptr;
}

Db& Db::operator=(Db&& other) noexcept {
    if (this != &other) {
        if (db_) sqlite3_close_v2(db_);
        db_ = other.db_;
        path_ = std::move(other.path_);
        other.db_ = nullptr;
    }
    return *this;
}

static void apply_untrusted_settings(sqlite3* db) {
    // Defensive settings for files that came from outside: no schema tricks, no writes, small
    // limits, no memory mapping of a file someone else controls.
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
    sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 100);
    sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 50);
    sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 5);
    sqlite3_limit(db, SQLITE_LIMIT_VDBE_OP, 25000);
    sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 8);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 50);
    sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, 10);
    sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 10);
    sqlite3_exec(db, "PRAGMA cell_size_check=ON; PRAGMA mmap_size=0; PRAGMA trusted_schema=OFF;"
                     "PRAGMA query_only=ON;",
                 nullptr, nullptr, nullptr);
}

Result<Db> Db::open(const std::string& path, OpenMode mode) {
    (void)g_sqlite_configured;
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case OpenMode::ReadWrite: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case OpenMode::ReadOnly:
    case OpenMode::Untrusted: flags |= SQLITE_OPEN_READONLY; break;
    }
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Db db;
    db.db_ = raw;
    db.path_ = path;
    if (rc != SQLITE_OK) {
        std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        ErrorCode code = (rc == SQLITE_CANTOPEN) ? ErrorCode::Io : ErrorCode::Corrupt;
        return make_error(code, path + ": cannot open: " + why);
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);
    if (mode == OpenMode::Untrusted) apply_untrusted_settings(raw);
    return db;
}

Status Db::exec(std::string_view sql) {
    std::string copy(sql);
    char* msg = nullptr;
    int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        std::string text = msg ? msg : sqlite3_errstr(rc);
        sqlite3_free(msg);
        return error_from(rc, text);
    }
    return {};
}

Result<Stmt> Db::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) return error_from(rc, "preparing \"" + std::string(sql.substr(0, 80)) + "\"");
    return Stmt(this, stmt);
}

int64_t Db::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Db::changes() const { return sqlite3_changes(db_); }
std::string Db::last_error() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }

Error Db::error_from(int rc, std::string_view what) const {
    ErrorCode code = ErrorCode::Internal;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = ErrorCode::Busy; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: code = ErrorCode::Corrupt; break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM: code = ErrorCode::Io; break;
    case SQLITE_TOOBIG:
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH: code = ErrorCode::Invalid; break;
    case SQLITE_INTERRUPT: code = ErrorCode::Cancelled; break;
    default: break;
    }
    std::string msg = path_.empty() ? std::string() : path_ + ": ";
    msg += std::string(what);
    const char* detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    if (detail && what.find(detail) == std::string_view::npos) {
        msg += ": ";
        msg += detail;
    }
    if ((rc & 0xff) == SQLITE_FULL) msg += " (the disk is full: free some space and try again)";
    return make_error(code, msg);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Stmt
// ---------------------------------------------------------------------------------------------

Stmt::~Stmt() {
    if (stmt_) sqlite3_finalize(stmt_);
}

Stmt::Stmt(Stmt&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
    if (this != &other) {
        if (stmt_) sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = other.stmt_;
        other.stmt_ = nullptr;
    }
    return *this;
}

Stmt& Stmt::bind(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}
Stmt& Stmt::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}
Stmt& Stmt::bind(int index, std::string_view text) {
    sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}
Stmt& Stmt::bind_static(int index, std::string_view text) {
    sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
    return *this;
}
Stmt& Stmt::bind_blob(int index, std::span<const uint8_t> blob) {
    if (blob.empty())
        sqlite3_bind_zeroblob(stmt_, index, 0);
    else
        sqlite3_bind_blob64(stmt_, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Result<bool> Stmt::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return db_->error_from(rc, "running \"" + std::string(sqlite3_sql(stmt_)).substr(0, 80) + "\"");
}

Status Stmt::run() {
    for (;;) {
        auto r = step();
        if (!r.ok()) {
            sqlite3_reset(stmt_);
            return r.error();
        }
        if (!r.value()) break;
    }
    sqlite3_reset(stmt_);
    return {};
}

void Stmt::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int64_t Stmt::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }
double Stmt::column_double(int index) const { return sqlite3_column_double(stmt_, index); }
std::string Stmt::column_text(int index) const { return std::string(column_text_view(index)); }
std::string_view Stmt::column_text_view(int index) const {
    const auto* p = sqlite3_column_text(stmt_, index);
    int n = sqlite3_column_bytes(stmt_, index);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n))
             : std::string_view();
}
std::vector<uint8_t> Stmt::column_blob(int index) const {
    auto v = column_blob_view(index);
    return std::vector<uint8_t>(v.begin(), v.end());
}
std::span<const uint8_t> Stmt::column_blob_view(int index) const {
    const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, index));
    int n = sqlite3_column_bytes(stmt_, index);
    return p ? std::span<const uint8_t>(p, static_cast<size_t>(n)) : std::span<const uint8_t>();
}
bool Stmt::column_is_null(int index) const {
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}
int Stmt::column_bytes(int index) const { return sqlite3_column_bytes(stmt_, index); }
int Stmt::column_count() const { return sqlite3_column_count(stmt_); }

// ---------------------------------------------------------------------------------------------
// [SECTION] Transaction
// ---------------------------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Db& db) {
    TIDINGS_TRY(db.exec("BEGIN IMMEDIATE"));
    return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

Transaction::~Transaction() {
    if (db_) sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::commit() {
    assert(db_ && "commit() on a finished transaction");
    Status s = db_->exec("COMMIT");
    if (s.ok()) db_ = nullptr;
    return s;
}

Result<std::optional<int64_t>> query_int(Db& db, std::string_view sql) {
    auto stmt = db.prepare(sql);
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<int64_t>();
    return std::optional<int64_t>(stmt->column_int(0));
}

} // namespace tidings
