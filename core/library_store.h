// The reader's library: one SQLite file (WAL) with articles, photos, related lists, search index,
// channels and reading state. Schema changes are ordered migrations.
#pragma once

#include "core/result.h"
#include "core/sqlite_db.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace tidings {

// The newest schema version this program knows (PRAGMA user_version of a library).
int library_schema_version();

// Registers the SQL functions a library's schema uses (tidings_body_text, which the search
// index's content view calls) on DB; Library::open does it. Returns SQLITE_OK or an SQLite error.
int register_library_functions(sqlite3* db);

// An article as lists show it: enough for a card with a thumbnail.
struct ArticleCard {
    int64_t rowid = 0;        // local key, stable while the article stays in the library
    std::string channel;      // channel id
    std::string id;           // article id within the channel
    std::string title;        // headline
    std::string language;     // en, hy, az, ka, ru, ...
    std::string section;      // may be empty
    std::string kind;         // News, Interview, ...
    std::string published;    // ISO 8601 or empty
    std::string summary;      // one paragraph
    std::string photo;        // hero photo hash, or empty
    int64_t flags = 0;        // ArticleFlags
};

// Reads the card columns (rowid, channel, id, title, language, section, kind, published, summary,
// photo, flags) of ST's current row, starting at column FIRST.
void read_card(const Stmt& st, ArticleCard& c, int first = 0);
// Those columns for a SELECT list, of articles named "a".
extern const char* const kCardColumns;

// Everything the article screen shows.
struct ArticleView {
    ArticleCard card;          // the list fields
    std::string updated;       // ISO 8601 or empty
    std::string authors;       // "; "-separated
    std::string source_name;   // e.g. commonspace.eu
    std::string source_url;    // link to the original, may be empty
    std::string body;          // Markdown subset (parse with text_model.h)
    std::string photo_caption; // hero caption
    std::string photo_credit;  // hero credit
    bool may_be_outdated = false; // the channel's newest bundle has expired
};

// One entry of an article's related list, publisher's first, then computed.
struct RelatedEntry {
    std::string source;       // "publisher" or "computed"
    std::string list;         // related, editors_choice, popular (computed: "related")
    int64_t target_rowid = 0; // the article in this library, or 0 for a card only
    std::string kind;         // card kind
    std::string title;        // card title (the target's title when it is in the library)
    std::string summary;      // card summary
    double score = 0;         // computed: similarity; publisher: 0
};

// A channel the library knows.
struct ChannelInfo {
    std::string id;               // channel id
    std::string title;            // channel name
    int64_t applied_sequence = 0; // newest applied bundle, 0 when none
    std::string state_digest;     // state after that bundle
    std::string newest_created;   // newest creation time ever accepted (ISO 8601)
    std::string expires;          // expiry of the applied state, or empty
    std::string public_key;       // trusted minisign public key, or empty
    int64_t article_count = 0;    // articles of this channel in the library
};

// How many articles per value of a field (languages, sections).
struct FacetCount {
    std::string value; // the language or section
    int64_t count = 0; // articles with it
};

// A library connection. Each thread opens its own. Move-only.
class Library {
  public:
    // Opens or creates the library at PATH and brings its schema up to date in one transaction.
    // Errors: not an SQLite file or another program's database (NotOurs), made by a newer Tidings
    // (TooNew), cannot create or read (Io), locked (Busy). Messages name the file. MIGRATING, when
    // set, is called before an existing library's schema is brought up to date (FROM to TO), so a
    // caller can say why opening takes a while: some steps rebuild the search index.
    static Result<Library> open(const std::string& path,
                                const std::function<void(int from, int to)>& migrating = {});
    // A private in-memory library, for tests.
    static Result<Library> open_memory();

    Db& db() { return db_; }
    const std::string& path() const { return db_.path(); }

    // [Home] Paged lists, newest first. LANGUAGE empty means all languages.
    Result<std::vector<ArticleCard>> editors_choice(int limit, int offset, const std::string& language = {});
    Result<std::vector<ArticleCard>> latest(int limit, int offset, const std::string& language = {});
    Result<std::vector<ArticleCard>> in_section(const std::string& section, int limit, int offset,
                                                const std::string& language = {});
    Result<std::vector<FacetCount>> sections(const std::string& language = {});
    Result<std::vector<FacetCount>> languages();
    Result<int64_t> article_count();

    // [Maintenance] Copies the write-ahead log into the library file and empties it. An apply
    // does not (it would hold the caller up for as long as copying its whole change takes):
    // call this afterwards on the same worker thread, so the next small write elsewhere (a
    // bookmark on the UI thread) does not do it instead. Closing the library does it too. A
    // reader still reading leaves the log as it is (not an error); errors: SQLite's.
    Status checkpoint();

    // [Article] NotFound when absent.
    Result<ArticleView> article(int64_t rowid);
    Result<ArticleView> article(const std::string& channel, const std::string& id);
    Result<std::vector<RelatedEntry>> related(int64_t rowid);
    // Photo bytes (JPEG) by hash: the display size, or the thumbnail. NotFound when absent.
    Result<std::vector<uint8_t>> photo(const std::string& hash, bool thumbnail);

    // [Channels]
    Result<std::vector<ChannelInfo>> channels();
    Result<std::optional<ChannelInfo>> channel(const std::string& id);

    // [Reading state] keyed by (channel, id), so it survives updates of the article.
    Status set_bookmark(int64_t rowid, bool on);
    Result<bool> is_bookmarked(int64_t rowid);
    Result<std::vector<ArticleCard>> bookmarks(int limit, int offset);
    Status record_opened(int64_t rowid, int64_t unix_time);
    Result<std::vector<ArticleCard>> history(int limit, int offset);
    Status clear_history();
    Status set_progress(int64_t rowid, double fraction);
    Result<double> progress(int64_t rowid);

    // [Clock] Time for "may be outdated" marks: UNIX seconds, or 0 for the system clock (tests and
    // the kiosk's platform clock set it). The later of it and the channel's newest accepted
    // creation time is used.
    void set_clock(int64_t unix_seconds) { clock_now_ = unix_seconds; }

    // [Settings] string values; NULL when unset.
    Result<std::optional<std::string>> setting(const std::string& key);
    Status set_setting(const std::string& key, const std::string& value);

    // [Counters] kiosk usage counters: counts only, nothing about a person.
    Status bump_counter(const std::string& name, int64_t by = 1);
    Result<std::vector<FacetCount>> counters();

  private:
    Library() = default;
    static Result<Library> finish_open(Db db,
                                       const std::function<void(int from, int to)>& migrating = {});
    Result<std::vector<ArticleCard>> cards(const std::string& where_order, const std::vector<std::string>& text_args,
                                          int limit, int offset);
    Db db_;               // this thread's connection
    int64_t clock_now_ = 0; // see set_clock
};

} // namespace tidings
