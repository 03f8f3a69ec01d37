// The reader's library: migrations, home lists, article and photo lookups, channels, reading state.
#include "core/library_store.h"

#include "core/bundle_format.h"
#include "core/search_text.h"
#include "core/text_model.h"
#include "core/time_util.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace tidings {

// ---------------------------------------------------------------------------------------------
// [SECTION] Migrations: append only; never edit a released step.
// ---------------------------------------------------------------------------------------------

namespace {

const char* const kMigrations[] = {
    // 1: the first schema.
    R"SQL(
CREATE TABLE channels(
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL DEFAULT '',
  public_key TEXT NOT NULL DEFAULT '',
  applied_sequence INTEGER NOT NULL DEFAULT 0,
  state_digest TEXT NOT NULL DEFAULT '',
  newest_created TEXT NOT NULL DEFAULT '',
  expires TEXT NOT NULL DEFAULT '',
  applied_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE articles(
  rowid INTEGER PRIMARY KEY,
  channel TEXT NOT NULL REFERENCES channels(id),
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  section TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL DEFAULT '',
  authors TEXT NOT NULL DEFAULT '',
  source_name TEXT NOT NULL DEFAULT '',
  source_url TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  body_text TEXT NOT NULL DEFAULT '',
  photo TEXT NOT NULL DEFAULT '',
  photo_caption TEXT NOT NULL DEFAULT '',
  photo_credit TEXT NOT NULL DEFAULT '',
  flags INTEGER NOT NULL DEFAULT 0,
  sort_date TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL,
  UNIQUE(channel, id)
);
CREATE INDEX articles_latest ON articles(sort_date DESC, rowid DESC);
CREATE INDEX articles_language ON articles(language, sort_date DESC, rowid DESC);
CREATE INDEX articles_section ON articles(section, sort_date DESC, rowid DESC);
CREATE INDEX articles_editors_choice ON articles(sort_date DESC, rowid DESC) WHERE flags & 1;
CREATE VIRTUAL TABLE article_fts USING fts5(title, summary, body_text, content='articles',
  content_rowid='rowid', tokenize='tidings');
CREATE VIRTUAL TABLE article_vocab USING fts5vocab(article_fts, 'row');
CREATE TABLE photos(
  rowid INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  thumb_width INTEGER NOT NULL,
  thumb_height INTEGER NOT NULL,
  caption TEXT NOT NULL DEFAULT '',
  credit TEXT NOT NULL DEFAULT '',
  thumb BLOB NOT NULL,
  data BLOB NOT NULL
);
CREATE TABLE article_photos(
  article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  hash TEXT NOT NULL,
  PRIMARY KEY(article, hash)
) WITHOUT ROWID;
CREATE INDEX article_photos_hash ON article_photos(hash);
CREATE TABLE related(
  article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK(source IN ('publisher', 'computed')),
  list TEXT NOT NULL,
  position INTEGER NOT NULL,
  target_channel TEXT NOT NULL DEFAULT '',
  target_id TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  score REAL NOT NULL DEFAULT 0,
  PRIMARY KEY(article, source, list, position)
) WITHOUT ROWID;
CREATE TABLE article_terms(
  term TEXT NOT NULL,
  weight REAL NOT NULL,
  article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  PRIMARY KEY(term, weight, article)
) WITHOUT ROWID;
CREATE INDEX article_terms_article ON article_terms(article);
CREATE TABLE bookmarks(
  channel TEXT NOT NULL,
  article_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY(channel, article_id)
) WITHOUT ROWID;
CREATE TABLE history(
  channel TEXT NOT NULL,
  article_id TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  PRIMARY KEY(channel, article_id)
) WITHOUT ROWID;
CREATE INDEX history_recent ON history(opened_at DESC);
CREATE TABLE progress(
  channel TEXT NOT NULL,
  article_id TEXT NOT NULL,
  fraction REAL NOT NULL,
  PRIMARY KEY(channel, article_id)
) WITHOUT ROWID;
CREATE TABLE settings(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE usage_counters(
  name TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) WITHOUT ROWID;
)SQL",
    // 2: the channel state (id, content hash) readable from one index, without the article rows;
    // applying a bundle reads it for every article and for the state digest. Signature terms
    // without a foreign key: an apply writes them in term order, and checking each row's article
    // would visit the articles in random order; the apply deletes them with their article.
    R"SQL(
CREATE INDEX articles_channel_state ON articles(channel, id, content_hash);
CREATE TABLE article_terms_v2(
  term TEXT NOT NULL,
  weight REAL NOT NULL,
  article INTEGER NOT NULL,
  PRIMARY KEY(term, weight, article)
) WITHOUT ROWID;
INSERT INTO article_terms_v2(term, weight, article) SELECT term, weight, article FROM article_terms;
DROP TABLE article_terms;
ALTER TABLE article_terms_v2 RENAME TO article_terms;
CREATE INDEX article_terms_article ON article_terms(article);
)SQL",
    // 3: search index leaves of 16,000 bytes (FTS5 writes 4,050 by default): one leaf fills one
    // 16 KiB page instead of four leaves sharing it, so writing and merging the index handles a
    // quarter of the rows. Measured at 10,000 articles: apply 5-8% less CPU, the index merge
    // 0.9 s instead of 1.0 s, searches as fast (p95 4.4-4.6 ms both ways), library 3% larger.
    // Segments written before keep their leaves; FTS5 reads both.
    R"SQL(
INSERT INTO article_fts(article_fts, rank) VALUES('pgsz', 16000);
)SQL",
    // 4: the search index merges a level once it holds 16 segments (FTS5's default is 4). After
    // a fresh install of 100,000 articles, three day-to-day deltas (1% changed) took 10.6, 7.4 and
    // 9.2 s with 4 and the index grew to 112 segments (its merges of the big segment could not
    // keep up: search p95 over the bench's queries 10.7 ms, p99 29 ms); with 16 they took 8.8,
    // 3.6 and 3.6 s, the index stayed at about 25 segments, search p95 3.8 ms, p99 10.7 ms.
    // Measured again once deltas indexed in batches (bundle_apply.cpp): 3.90, 3.54, 4.08 s with
    // 4 against 3.04, 2.77, 3.29 s with 16; search p95 4.5 and 4.0 ms.
    R"SQL(
INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 16);
)SQL",
    // 5: the body's plain text is no longer stored. The search index reads it through the view
    // article_text, which makes it from the Markdown body (tidings_body_text, registered on every
    // library connection) for the few rows FTS5 needs text for: highlights and snippets of the
    // rows shown, and the words of a changed or removed article. It was a third of a library's
    // bytes: at 10,000 articles 108 MiB of 346, and as much of an apply's writes. The index is
    // rebuilt from the view, so it holds exactly the words the view gives; body_text stays in the
    // table (SQLite would rewrite every row to drop it), empty. At 10,000 articles this step took
    // 3.9 s; the file keeps its size, and later applies reuse the pages it freed.
    R"SQL(
DROP TABLE article_vocab;
DROP TABLE article_fts;
CREATE VIEW article_text(article, title, summary, body_text) AS
  SELECT rowid, title, summary, tidings_body_text(body) FROM articles;
CREATE VIRTUAL TABLE article_fts USING fts5(title, summary, body_text, content='article_text',
  content_rowid='article', tokenize='tidings');
INSERT INTO article_fts(article_fts, rank) VALUES('pgsz', 16000);
INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 16);
INSERT INTO article_fts(article_fts) VALUES('rebuild');
CREATE VIRTUAL TABLE article_vocab USING fts5vocab(article_fts, 'row');
UPDATE articles SET body_text = '' WHERE body_text <> '';
)SQL",
};

constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

// tidings_body_text(BODY): the plain text of a Markdown article body, as the search index holds
// it (what plain_text() makes of parse_markdown()). Like the tokenizer, it is part of the index's
// definition: a change to what it gives for a body needs a migration that rebuilds article_fts,
// or removing an article's words would remove other words than were indexed.
void body_text_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const char* body = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const int size = sqlite3_value_bytes(argv[0]);
    if (body == nullptr || size <= 0) {
        sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    try {
        const std::string text =
            plain_text(parse_markdown(std::string_view(body, static_cast<size_t>(size))));
        sqlite3_result_text64(ctx, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(ctx);
    } catch (...) {
        sqlite3_result_error(ctx, "tidings_body_text: the body could not be read", -1);
    }
}

} // namespace

int register_library_functions(sqlite3* db) {
    // Deterministic and innocuous: the article_text view may call it with trusted_schema off.
    return sqlite3_create_function_v2(db, "tidings_body_text", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      nullptr, body_text_function, nullptr, nullptr, nullptr);
}

const char* const kCardColumns =
    "a.rowid, a.channel, a.id, a.title, a.language, a.section, a.kind, a.published, a.summary, "
    "a.photo, a.flags";

void read_card(const Stmt& st, ArticleCard& c, int first) {
    c.rowid = st.column_int(first + 0);
    c.channel = st.column_text(first + 1);
    c.id = st.column_text(first + 2);
    c.title = st.column_text(first + 3);
    c.language = st.column_text(first + 4);
    c.section = st.column_text(first + 5);
    c.kind = st.column_text(first + 6);
    c.published = st.column_text(first + 7);
    c.summary = st.column_text(first + 8);
    c.photo = st.column_text(first + 9);
    c.flags = st.column_int(first + 10);
}

int library_schema_version() { return kMigrationCount; }

// ---------------------------------------------------------------------------------------------
// [SECTION] Opening
// ---------------------------------------------------------------------------------------------

Result<Library> Library::open(const std::string& path,
                              const std::function<void(int from, int to)>& migrating) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return make_error(ErrorCode::NotOurs, path + " is a folder, not a library file");
    if (std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) > 0) {
        FILE* f = std::fopen(path.c_str(), "rb");
        char magic[16] = {};
        size_t n = f ? std::fread(magic, 1, 16, f) : 0;
        if (f) std::fclose(f);
        if (n < 16 || std::memcmp(magic, "SQLite format 3", 16) != 0)
            return make_error(ErrorCode::NotOurs, path + " is not a Tidings library (not an SQLite file)");
    }
    auto db = Db::open(path, OpenMode::ReadWrite);
    if (!db) return db.error();
    return finish_open(std::move(db.value()), migrating);
}

Result<Library> Library::open_memory() {
    auto db = Db::open(":memory:", OpenMode::ReadWrite);
    if (!db) return db.error();
    return finish_open(std::move(db.value()));
}

Result<Library> Library::finish_open(Db db,
                                     const std::function<void(int from, int to)>& migrating) {
    const std::string& path = db.path();
    if (register_search_tokenizer(db.handle()) != SQLITE_OK ||
        register_library_functions(db.handle()) != SQLITE_OK)
        return make_error(ErrorCode::Internal,
                          path + ": cannot register the search tokenizer and functions");
    auto app_id = query_int(db, "PRAGMA application_id");
    if (!app_id) return make_error(app_id.error().code, path + " cannot be read: " + app_id.error().message);
    auto version = query_int(db, "PRAGMA user_version");
    if (!version) return version.error();
    auto tables = query_int(db, "SELECT count(*) FROM sqlite_schema");
    if (!tables) return tables.error();
    int64_t id = app_id.value().value_or(0);
    int64_t v = version.value().value_or(0);
    if (id != kLibraryApplicationId && (id != 0 || tables.value().value_or(0) > 0)) {
        if (id == kBundleApplicationId)
            return make_error(ErrorCode::NotOurs, path + " is a bundle, not a library: apply it with "
                                                         "'tidings-bundle apply --library LIBRARY " + path + "'");
        return make_error(ErrorCode::NotOurs, path + " is an SQLite database of another program, not a Tidings library");
    }
    if (v > kMigrationCount)
        return make_error(ErrorCode::TooNew, path + " was made by a newer Tidings (schema " + std::to_string(v) +
                                                 ", this program knows up to " + std::to_string(kMigrationCount) +
                                                 "): update Tidings to open it");
    if (path != ":memory:") {
        // A new library gets 16 KiB pages (SQLite's default is 4): an article row spans fewer
        // pages, and the write-ahead log of a large apply holds a quarter of the frames, each
        // looked up at every page read. The page size of an existing file stays as it is.
        if (tables.value().value_or(0) == 0 && v == 0) TIDINGS_TRY(db.exec("PRAGMA page_size=16384"));
        auto mode = db.prepare("PRAGMA journal_mode=WAL");
        if (!mode) return mode.error();
        auto row = mode->step();
        if (!row) return row.error();
    }
    TIDINGS_TRY(db.exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"));
    if (v < kMigrationCount) {
        auto tx = Transaction::begin(db);
        if (!tx) return tx.error();
        // Read again inside the write lock: another process may have migrated meanwhile.
        auto again = query_int(db, "PRAGMA user_version");
        if (!again) return again.error();
        const int64_t from = again.value().value_or(0);
        if (migrating && from > 0 && from < kMigrationCount)
            migrating(static_cast<int>(from), kMigrationCount);
        for (int64_t step = from; step < kMigrationCount; ++step) {
            if (auto s = db.exec(kMigrations[step]); !s.ok())
                return make_error(s.error().code, path + ": schema migration " + std::to_string(step + 1) +
                                                      " failed: " + s.error().message);
        }
        TIDINGS_TRY(db.exec("PRAGMA application_id=" + std::to_string(kLibraryApplicationId) +
                            "; PRAGMA user_version=" + std::to_string(kMigrationCount) + ";"));
        TIDINGS_TRY(tx->commit());
    }
    Library lib;
    lib.db_ = std::move(db);
    return lib;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Home lists
// ---------------------------------------------------------------------------------------------

Result<std::vector<ArticleCard>> Library::cards(const std::string& where_order,
                                                const std::vector<std::string>& text_args, int limit,
                                                int offset) {
    auto st = db_.prepare(std::string("SELECT ") + kCardColumns + " FROM articles a " + where_order +
                          " LIMIT ? OFFSET ?");
    if (!st) return st.error();
    int i = 1;
    for (const auto& t : text_args) st->bind(i++, t);
    st->bind(i, limit);
    st->bind(i + 1, offset);
    std::vector<ArticleCard> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        ArticleCard c;
        read_card(st.value(), c);
        out.push_back(std::move(c));
    }
    return out;
}

Result<std::vector<ArticleCard>> Library::editors_choice(int limit, int offset, const std::string& language) {
    if (language.empty())
        return cards("WHERE a.flags & 1 ORDER BY a.sort_date DESC, a.rowid DESC", {}, limit, offset);
    return cards("WHERE a.flags & 1 AND a.language = ? ORDER BY a.sort_date DESC, a.rowid DESC", {language},
                 limit, offset);
}

Result<std::vector<ArticleCard>> Library::latest(int limit, int offset, const std::string& language) {
    if (language.empty()) return cards("ORDER BY a.sort_date DESC, a.rowid DESC", {}, limit, offset);
    return cards("WHERE a.language = ? ORDER BY a.sort_date DESC, a.rowid DESC", {language}, limit, offset);
}

Result<std::vector<ArticleCard>> Library::in_section(const std::string& section, int limit, int offset,
                                                     const std::string& language) {
    if (language.empty())
        return cards("WHERE a.section = ? ORDER BY a.sort_date DESC, a.rowid DESC", {section}, limit, offset);
    return cards("WHERE a.section = ? AND a.language = ? ORDER BY a.sort_date DESC, a.rowid DESC",
                 {section, language}, limit, offset);
}

static Result<std::vector<FacetCount>> facets(Db& db, const std::string& sql, const std::string& arg) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    if (!arg.empty()) st->bind(1, arg);
    std::vector<FacetCount> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        out.push_back({st->column_text(0), st->column_int(1)});
    }
    return out;
}

Result<std::vector<FacetCount>> Library::sections(const std::string& language) {
    if (language.empty())
        return facets(db_, "SELECT section, count(*) FROM articles WHERE section != '' GROUP BY section "
                           "ORDER BY count(*) DESC, section", {});
    return facets(db_, "SELECT section, count(*) FROM articles WHERE section != '' AND language = ?1 "
                       "GROUP BY section ORDER BY count(*) DESC, section", language);
}

Result<std::vector<FacetCount>> Library::languages() {
    return facets(db_, "SELECT language, count(*) FROM articles GROUP BY language ORDER BY count(*) DESC, language", {});
}

Status Library::checkpoint() {
    if (path() == ":memory:") return {};
    auto st = db_.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error().code == ErrorCode::Busy ? Status{} : Status(row.error());
    return {};
}

Result<int64_t> Library::article_count() {
    auto n = query_int(db_, "SELECT count(*) FROM articles");
    if (!n) return n.error();
    return n.value().value_or(0);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Articles, related lists and photos
// ---------------------------------------------------------------------------------------------

static Result<ArticleView> read_article(Stmt& st, int64_t clock_now) {
    auto row = st.step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::NotFound, "that article is not in the library");
    ArticleView v;
    read_card(st, v.card);
    v.updated = st.column_text(11);
    v.authors = st.column_text(12);
    v.source_name = st.column_text(13);
    v.source_url = st.column_text(14);
    v.body = st.column_text(15);
    v.photo_caption = st.column_text(16);
    v.photo_credit = st.column_text(17);
    // "May be outdated" once the channel's state has expired, by the later of the clock and the
    // newest creation time ever accepted (a clock that fell back to 1970 does not hide it).
    if (auto exp = parse_iso8601(st.column_text(18))) {
        int64_t now = clock_now ? clock_now : static_cast<int64_t>(std::time(nullptr));
        if (auto newest = parse_iso8601(st.column_text(19)); newest && *newest > now) now = *newest;
        v.may_be_outdated = now > *exp;
    }
    return v;
}

static const char* const kArticleSelect =
    "SELECT a.rowid, a.channel, a.id, a.title, a.language, a.section, a.kind, a.published, a.summary, "
    "a.photo, a.flags, a.updated, a.authors, a.source_name, a.source_url, a.body, a.photo_caption, "
    "a.photo_credit, c.expires, c.newest_created FROM articles a JOIN channels c ON c.id = a.channel ";

Result<ArticleView> Library::article(int64_t rowid) {
    auto st = db_.prepare(std::string(kArticleSelect) + "WHERE a.rowid = ?");
    if (!st) return st.error();
    st->bind(1, rowid);
    return read_article(st.value(), clock_now_);
}

Result<ArticleView> Library::article(const std::string& channel, const std::string& id) {
    auto st = db_.prepare(std::string(kArticleSelect) + "WHERE a.channel = ? AND a.id = ?");
    if (!st) return st.error();
    st->bind(1, channel).bind(2, id);
    return read_article(st.value(), clock_now_);
}

Result<std::vector<RelatedEntry>> Library::related(int64_t rowid) {
    // Publisher's lists first (in the page's order), then computed ones by score; targets in the
    // library show their current title and summary, others show the card as given.
    auto st = db_.prepare(
        "SELECT r.source, r.list, t.rowid, coalesce(t.kind, r.kind), coalesce(t.title, r.title), "
        "coalesce(t.summary, r.summary), r.score FROM related r "
        "LEFT JOIN articles t ON r.target_id != '' AND t.channel = r.target_channel AND t.id = r.target_id "
        "WHERE r.article = ? AND (r.source = 'publisher' OR t.rowid IS NOT NULL) "
        "ORDER BY r.source = 'computed', CASE r.list WHEN 'related' THEN 0 WHEN 'editors_choice' THEN 1 "
        "ELSE 2 END, r.position");
    if (!st) return st.error();
    st->bind(1, rowid);
    std::vector<RelatedEntry> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        RelatedEntry e;
        e.source = st->column_text(0);
        e.list = st->column_text(1);
        e.target_rowid = st->column_is_null(2) ? 0 : st->column_int(2);
        e.kind = st->column_text(3);
        e.title = st->column_text(4);
        e.summary = st->column_text(5);
        e.score = st->column_double(6);
        out.push_back(std::move(e));
    }
    return out;
}

Result<std::vector<uint8_t>> Library::photo(const std::string& hash, bool thumbnail) {
    auto st = db_.prepare(thumbnail ? "SELECT thumb FROM photos WHERE hash = ?" : "SELECT data FROM photos WHERE hash = ?");
    if (!st) return st.error();
    st->bind(1, hash);
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::NotFound, "photo " + hash.substr(0, 12) + " is not in the library");
    return st->column_blob(0);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Channels
// ---------------------------------------------------------------------------------------------

Result<std::vector<ChannelInfo>> Library::channels() {
    auto st = db_.prepare("SELECT c.id, c.title, c.applied_sequence, c.state_digest, c.newest_created, "
                          "c.expires, c.public_key, (SELECT count(*) FROM articles a WHERE a.channel = c.id) "
                          "FROM channels c ORDER BY c.id");
    if (!st) return st.error();
    std::vector<ChannelInfo> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        ChannelInfo c;
        c.id = st->column_text(0);
        c.title = st->column_text(1);
        c.applied_sequence = st->column_int(2);
        c.state_digest = st->column_text(3);
        c.newest_created = st->column_text(4);
        c.expires = st->column_text(5);
        c.public_key = st->column_text(6);
        c.article_count = st->column_int(7);
        out.push_back(std::move(c));
    }
    return out;
}

Result<std::optional<ChannelInfo>> Library::channel(const std::string& id) {
    auto all = channels();
    if (!all) return all.error();
    for (auto& c : all.value())
        if (c.id == id) return std::optional<ChannelInfo>(std::move(c));
    return std::optional<ChannelInfo>();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Reading state, settings, counters
// ---------------------------------------------------------------------------------------------

static Result<std::pair<std::string, std::string>> key_of(Db& db, int64_t rowid) {
    auto st = db.prepare("SELECT channel, id FROM articles WHERE rowid = ?");
    if (!st) return st.error();
    st->bind(1, rowid);
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::NotFound, "that article is not in the library");
    return std::pair{st->column_text(0), st->column_text(1)};
}

Status Library::set_bookmark(int64_t rowid, bool on) {
    auto key = key_of(db_, rowid);
    if (!key) return key.error();
    auto st = db_.prepare(on ? "INSERT OR IGNORE INTO bookmarks(channel, article_id, created_at) "
                               "VALUES(?, ?, unixepoch('now'))"
                             : "DELETE FROM bookmarks WHERE channel = ? AND article_id = ?");
    if (!st) return st.error();
    st->bind(1, key->first).bind(2, key->second);
    return st->run();
}

Result<bool> Library::is_bookmarked(int64_t rowid) {
    auto st = db_.prepare("SELECT 1 FROM bookmarks b JOIN articles a ON a.channel = b.channel AND "
                          "a.id = b.article_id WHERE a.rowid = ?");
    if (!st) return st.error();
    st->bind(1, rowid);
    auto row = st->step();
    if (!row) return row.error();
    return row.value();
}

Result<std::vector<ArticleCard>> Library::bookmarks(int limit, int offset) {
    return cards("JOIN bookmarks b ON b.channel = a.channel AND b.article_id = a.id "
                 "ORDER BY b.created_at DESC, a.rowid DESC", {}, limit, offset);
}

Status Library::record_opened(int64_t rowid, int64_t unix_time) {
    auto key = key_of(db_, rowid);
    if (!key) return key.error();
    auto st = db_.prepare("INSERT INTO history(channel, article_id, opened_at) VALUES(?, ?, ?) "
                          "ON CONFLICT(channel, article_id) DO UPDATE SET opened_at = excluded.opened_at");
    if (!st) return st.error();
    st->bind(1, key->first).bind(2, key->second).bind(3, unix_time);
    return st->run();
}

Result<std::vector<ArticleCard>> Library::history(int limit, int offset) {
    return cards("JOIN history h ON h.channel = a.channel AND h.article_id = a.id "
                 "ORDER BY h.opened_at DESC, a.rowid DESC", {}, limit, offset);
}

Status Library::clear_history() { return db_.exec("DELETE FROM history"); }

Status Library::set_progress(int64_t rowid, double fraction) {
    auto key = key_of(db_, rowid);
    if (!key) return key.error();
    if (fraction < 0) fraction = 0;
    if (fraction > 1) fraction = 1;
    auto st = db_.prepare("INSERT INTO progress(channel, article_id, fraction) VALUES(?, ?, ?) "
                          "ON CONFLICT(channel, article_id) DO UPDATE SET fraction = excluded.fraction");
    if (!st) return st.error();
    st->bind(1, key->first).bind(2, key->second).bind(3, fraction);
    return st->run();
}

Result<double> Library::progress(int64_t rowid) {
    auto st = db_.prepare("SELECT p.fraction FROM progress p JOIN articles a ON a.channel = p.channel AND "
                          "a.id = p.article_id WHERE a.rowid = ?");
    if (!st) return st.error();
    st->bind(1, rowid);
    auto row = st->step();
    if (!row) return row.error();
    return row.value() ? st->column_double(0) : 0.0;
}

Result<std::optional<std::string>> Library::setting(const std::string& key) {
    auto st = db_.prepare("SELECT value FROM settings WHERE key = ?");
    if (!st) return st.error();
    st->bind(1, key);
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<std::string>();
    return std::optional<std::string>(st->column_text(0));
}

Status Library::set_setting(const std::string& key, const std::string& value) {
    auto st = db_.prepare("INSERT INTO settings(key, value) VALUES(?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!st) return st.error();
    st->bind(1, key).bind(2, value);
    return st->run();
}

Status Library::bump_counter(const std::string& name, int64_t by) {
    auto st = db_.prepare("INSERT INTO usage_counters(name, count) VALUES(?, ?) "
                          "ON CONFLICT(name) DO UPDATE SET count = count + excluded.count");
    if (!st) return st.error();
    st->bind(1, name).bind(2, by);
    return st->run();
}

Result<std::vector<FacetCount>> Library::counters() {
    return facets(db_, "SELECT name, count FROM usage_counters ORDER BY name", {});
}

} // namespace tidings
