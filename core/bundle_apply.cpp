// Applying a bundle: one transaction from the first check to the recorded sequence.
#include "core/bundle_apply.h"

#include "core/bundle_reader.h"
#include "core/hash.h"
#include "core/related.h"
#include "core/search_text.h"
#include "core/text_model.h"
#include "core/time_util.h"

#include <algorithm>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace tidings {

std::string ApplyReport::summary() const {
    if (already_applied) return "already up to date (sequence " + std::to_string(sequence) + "): nothing changed";
    auto plural = [](int64_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    std::string s = plural(added, "new article", "new articles") + ", " + std::to_string(updated) + " updated, " +
                    std::to_string(removed) + " withdrawn";
    if (photos_added) s += ", " + plural(photos_added, "new photo", "new photos");
    return s;
}

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Reading articles ahead on a second thread
// ---------------------------------------------------------------------------------------------

// One article as the reading thread prepared it for the writing thread.
struct Prepared {
    BundleArticle article;              // as the bundle has it, validated
    std::vector<BundleRelated> related; // its publisher lists
    std::string hash;                   // article_content_hash of the two
    int64_t library_rowid = -1;         // the library's copy before the apply: its rowid, 0 when
                                        // there is none, -1 when not looked up
    bool unchanged = false;             // the library's copy has this content already
    std::string body_text;              // plain text of the body (empty when unchanged): what the
                                        // index's view gives for it (tidings_body_text), as FTS5
                                        // reads it back to remove these words later
    std::vector<std::string> photos;    // distinct photo hashes it shows, sorted (when changed)
    TokenizedText words[3];             // words of title, summary and body text (when changed)
    ArticleTermStats terms;             // its terms for the related lists (when changed)
    Status status;                      // a problem found while preparing it: the apply stops here
    bool end = false;                   // the bundle has no more articles; STATUS says how it ended
};

// Prepared articles handed from the reading thread to the writing thread, in bundle order. A
// fixed pool of items circulates, so memory does not grow with the bundle and string capacity
// is reused from one article to the next.
class PreparedQueue {
  public:
    explicit PreparedQueue(size_t items) {
        pool_.resize(items);
        for (auto& p : pool_) {
            p = std::make_unique<Prepared>();
            free_.push_back(p.get());
        }
    }
    // Reading side: an item to fill; null once the writing side gave up.
    Prepared* take_free() {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return cancelled_ || !free_.empty(); });
        if (cancelled_) return nullptr;
        Prepared* p = free_.back();
        free_.pop_back();
        return p;
    }
    // Reading side: hands over a filled item.
    void push(Prepared* p) {
        {
            std::lock_guard lock(mutex_);
            full_.push_back(p);
        }
        ready_.notify_one();
    }
    // Writing side: the next filled item, in order.
    Prepared* pop() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !full_.empty(); });
        Prepared* p = full_.front();
        full_.pop_front();
        return p;
    }
    // Writing side: returns an item once it is written.
    void recycle(Prepared* p) {
        {
            std::lock_guard lock(mutex_);
            free_.push_back(p);
        }
        room_.notify_one();
    }
    // Writing side: the reading thread stops at its next item.
    void cancel() {
        {
            std::lock_guard lock(mutex_);
            cancelled_ = true;
        }
        room_.notify_all();
    }

  private:
    std::vector<std::unique_ptr<Prepared>> pool_; // owns every item
    std::vector<Prepared*> free_;                 // items the reading side may fill
    std::deque<Prepared*> full_;                  // filled items, oldest first
    bool cancelled_ = false;                      // the writing side stopped
    std::mutex mutex_;                            // guards the three above
    std::condition_variable room_, ready_;        // free_ or cancelled_ changed; full_ grew
};

// Prepared articles in flight between the threads (each about 100 KB for a 16 KB body). The
// writing thread stops for 10-20 ms whenever FTS5 writes out its term table; 32 items (about
// 9 ms of reading) left the reading thread idle through those pauses, 96 carry it over them.
constexpr size_t kQueueItems = 96;

// The reading thread: streams the bundle's articles (by language, then date), hashes them,
// looks up the library's copy (in a snapshot taken inside the apply's transaction, so exactly
// what was there before), and for articles that change, parses the body and counts the terms.
// Everything that touches only the bundle and the CPU happens here; everything that writes the
// library happens on the apply's own thread. The bundle is not used by the apply's thread until
// join().
class ArticleReader {
  public:
    ArticleReader(BundleReader& bundle, const std::string& library_path, const std::string& channel,
                  TermVocabulary& vocabulary)
        : bundle_(bundle), channel_(channel), vocabulary_(vocabulary), queue_(kQueueItems) {
        open_snapshot(library_path);
        thread_ = std::thread([this] { run(); });
    }
    ~ArticleReader() { join(); }
    ArticleReader(const ArticleReader&) = delete;
    ArticleReader& operator=(const ArticleReader&) = delete;

    PreparedQueue& queue() { return queue_; }
    // Stops the thread (when still running) and waits for it.
    void join() {
        if (!thread_.joinable()) return;
        queue_.cancel();
        thread_.join();
        snapshot_find_ = Stmt();
        snapshot_ = Db();
    }

  private:
    void open_snapshot(const std::string& path) {
        if (path.empty() || path == ":memory:") return; // a private database: no second connection
        auto db = Db::open(path, OpenMode::ReadOnly);
        if (!db || !db->exec("BEGIN").ok()) return;
        auto st = db->prepare("SELECT rowid, content_hash FROM articles INDEXED BY articles_channel_state "
                              "WHERE channel = ? AND id = ?");
        if (!st) return;
        snapshot_ = std::move(db.value());
        snapshot_find_ = std::move(st.value());
    }

    // Fills P from A; an error is also left in P->status.
    Status prepare(const BundleArticle& a, Prepared& p) {
        p.article = a;
        p.end = false;
        p.status = {};
        p.library_rowid = -1;
        p.unchanged = false;
        p.body_text.clear();
        p.photos.clear();
        auto related = bundle_.related_of(a.id);
        if (!related) return related.error();
        p.related = std::move(related.value());
        p.hash = article_content_hash(a, p.related);
        if (snapshot_find_.is_prepared()) {
            snapshot_find_.reset();
            snapshot_find_.bind(1, channel_).bind(2, a.id);
            auto row = snapshot_find_.step();
            if (!row) return row.error();
            p.library_rowid = row.value() ? snapshot_find_.column_int(0) : 0;
            p.unchanged = row.value() && snapshot_find_.column_text_view(1) == p.hash;
            snapshot_find_.reset();
        }
        if (p.unchanged) return {};
        const TextModel model = parse_markdown(a.body);
        p.body_text = plain_text(model);
        if (!a.photo.empty()) p.photos.push_back(a.photo);
        for (const auto& ref : photo_refs(model)) {
            if (ref.rfind("photo:", 0) != 0 || !is_sha256_hex(std::string_view(ref).substr(6)))
                return make_error(ErrorCode::Invalid, bundle_.path() + ": article '" + a.id + "' names photo '" +
                                                          ref.substr(0, 80) + "', which is not a bundle photo name");
            p.photos.push_back(ref.substr(6));
        }
        std::sort(p.photos.begin(), p.photos.end());
        p.photos.erase(std::unique(p.photos.begin(), p.photos.end()), p.photos.end());
        p.words[0].assign(a.title);
        p.words[1].assign(a.summary);
        p.words[2].assign(p.body_text);
        analyzer_.analyze(p.words[0], p.words[1], p.words[2], vocabulary_, p.terms);
        return {};
    }

    void run() {
        Status streamed = bundle_.for_each_article_to_apply([&](const BundleArticle& a) -> Status {
            Prepared* p = queue_.take_free();
            if (!p) return make_error(ErrorCode::Cancelled, "stopped");
            Status s = prepare(a, *p);
            p->status = s;
            queue_.push(p);
            return s;
        });
        if (Prepared* last = queue_.take_free()) {
            last->end = true;
            last->status = streamed;
            queue_.push(last);
        }
    }

    BundleReader& bundle_;          // the bundle, used by this thread only while it runs
    std::string channel_;           // the bundle's channel
    TermVocabulary& vocabulary_;    // terms numbered for the related lists (this thread adds)
    ArticleAnalyzer analyzer_;      // term counting scratch
    Db snapshot_;                   // read-only connection to the library, in a read transaction
    Stmt snapshot_find_;            // the library's copy of an article, before the apply
    PreparedQueue queue_;           // to the apply's thread
    std::thread thread_;            // runs run()
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Search index settings for large applies
// ---------------------------------------------------------------------------------------------

// At least this many articles in a bundle make an apply large: its search index segments are
// merged once at the end instead of level by level along the way.
constexpr int64_t kBulkArticles = 2000;

// FTS5's in-memory term table during a large apply: 16 MB.
constexpr int64_t kBulkTermTableBytes = 16 << 20;

// FTS5 writes a segment whenever its in-memory term table fills (1 MB by default: with five
// languages' vocabularies that is every 30 or so articles) and merges segments as they pile up
// (automerge), rewriting the same terms again and again during a large apply. During a large
// apply segments are merged only when a level holds 1000 of them (FTS5 allows 2000 in all), and
// at the end the index is merged into one segment when this apply wrote most of it. A larger
// term table writes fewer, larger segments, which are cheaper to sort and to merge, but its
// entries fall out of the CPU caches. Measured with 16,000-byte leaves (schema 3): 4 MB beat 2 MB
// at 10,000 and 100,000 articles (49.7 s instead of 57.6 s at 100k, its 700 or so segments under
// the 1000 that force a merge along the way). Once bundles were read front to back (the reading
// thread no longer the bottleneck), 16 MB against 4 MB at 100,000 articles, runs alternated: the
// final merge 5.5-6.6 s instead of 12.1-13.5 s (about 175 segments instead of 700), filling the
// table 2-4 s slower (its entries fall out of the caches: FTS5's hash writes went from 13% to 23%
// of the apply's CPU), the apply 69.1 and 69.5 s against 74.8 and 69.7 s, its CPU 103 s against
// 106-112 s. At 10,000 articles the merge took 0.55 s instead of 0.8 s. The cost is about 20 MB
// more at the apply's peak, the same at every bundle size.
class BulkIndexing {
  public:
    // Reads the current settings and relaxes them for a large apply. Errors: SQLite's.
    Status begin(Db& db) {
        // Segment pages are the rows past the averages (1) and structure (10) records.
        auto segments = query_int(db, "SELECT EXISTS (SELECT 1 FROM article_fts_data WHERE rowid > 10)");
        if (!segments) return segments.error();
        index_was_empty_ = segments->value_or(1) == 0;
        for (auto& [key, value, bulk] : settings_) {
            auto st = db.prepare("SELECT v FROM article_fts_config WHERE k = ?");
            if (!st) return st.error();
            st->bind(1, key);
            auto row = st->step();
            if (!row) return row.error();
            if (row.value()) value = st->column_int(0);
            TIDINGS_TRY(set(db, key, bulk));
        }
        active_ = true;
        return {};
    }
    // Merges everything into one segment when OPTIMIZE, then restores the settings.
    Status end(Db& db, bool optimize) {
        if (!active_) return {};
        active_ = false;
        if (optimize) TIDINGS_TRY(merge(db));
        for (const auto& [key, value, bulk] : settings_) TIDINGS_TRY(set(db, key, value));
        return {};
    }

  private:
    // SQLite (as Debian builds it) overwrites every page it frees with zeros, so deleted text does
    // not linger in the file. When the index was empty before this apply, the segments the merge
    // frees hold only what this apply wrote and the merged segment holds again: zeroing them
    // protects nothing, and at 100,000 articles it wrote 0.6 GB more. Then, and only then, the
    // merge frees pages without zeroing them (SQLite's "fast" mode, which still zeroes deleted
    // content where that costs no extra write).
    Status merge(Db& db) {
        auto mode = query_int(db, "PRAGMA secure_delete");
        if (!mode) return mode.error();
        const int64_t before = mode->value_or(0);
        const bool relax = index_was_empty_ && before == 1;
        if (relax) TIDINGS_TRY(db.exec("PRAGMA secure_delete=FAST"));
        Status merged = db.exec("INSERT INTO article_fts(article_fts) VALUES('optimize')");
        if (relax) {
            Status restored = db.exec("PRAGMA secure_delete=ON");
            if (merged.ok() && !restored.ok()) return restored;
        }
        return merged;
    }
    static Status set(Db& db, const char* key, int64_t value) {
        auto st = db.prepare("INSERT INTO article_fts(article_fts, rank) VALUES(?, ?)");
        if (!st) return st.error();
        st->bind(1, key).bind(2, value);
        return st->run();
    }
    // One FTS5 setting: its name, its value before the apply (FTS5's default unless set), and
    // its value during a large apply.
    struct Setting {
        const char* key;
        int64_t value;
        int64_t bulk;
    };
    Setting settings_[3] = {{"automerge", 4, 0}, {"crisismerge", 16, 1000}, {"hashsize", 1 << 20, kBulkTermTableBytes}};
    bool active_ = false;          // begin() ran and end() did not
    bool index_was_empty_ = false; // the search index held no segment when begin() ran
};

// The page cache of the library connection during an apply (KiB): large enough for the indexes
// an apply touches at random (ids, photos, signature terms) to stay in memory.
constexpr int64_t kApplyCacheKiB = 8 * 1024;

// Sets the connection's page cache for its lifetime and restores the previous size.
class CacheSize {
  public:
    CacheSize(Db& db, int64_t kib) : db_(db) {
        auto n = query_int(db_, "PRAGMA cache_size");
        previous_ = n && n.value() ? *n.value() : -2000;
        if (previous_ < 0 && -previous_ < kib) (void)db_.exec("PRAGMA cache_size=-" + std::to_string(kib));
    }
    ~CacheSize() { (void)db_.exec("PRAGMA cache_size=" + std::to_string(previous_)); }
    CacheSize(const CacheSize&) = delete;
    CacheSize& operator=(const CacheSize&) = delete;

  private:
    Db& db_;                // the library connection
    int64_t previous_ = 0;  // PRAGMA cache_size before (negative: KiB, positive: pages)
};

// Turns foreign key enforcement off for its lifetime (outside a transaction: SQLite ignores the
// pragma inside one) and restores it. With enforcement on, every DELETE or UPDATE of a table
// with foreign keys runs in a statement savepoint, and FTS5 writes its in-memory term table out
// at every savepoint: a delta's search index became a tiny segment per changed article. The
// apply keeps the references itself: it writes the channel before its articles, and deletes an
// article's photo references and lists with it.
class ForeignKeysOff {
  public:
    explicit ForeignKeysOff(Db& db) : db_(db) {
        auto n = query_int(db_, "PRAGMA foreign_keys");
        was_on_ = n && n.value().value_or(0) != 0;
        if (was_on_) (void)db_.exec("PRAGMA foreign_keys=OFF");
    }
    ~ForeignKeysOff() {
        if (was_on_) (void)db_.exec("PRAGMA foreign_keys=ON");
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

  private:
    Db& db_;             // the library connection
    bool was_on_ = false; // enforcement was on before
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Writing articles
// ---------------------------------------------------------------------------------------------

// Everything one apply needs, so the steps below stay short.
struct Applier {
    Library& lib;                 // target library
    Db& db;                       // its connection
    BundleReader& bundle;         // source, already opened
    const ApplyOptions& opt;      // limits, clock, progress, stop
    ApplyReport report;           // what happened so far
    RelatedBuilder related;       // new and changed articles, for their related lists
    std::unordered_set<std::string> photos_present; // photo hashes known to be in the library

    Stmt find_, old_text_, del_fts_, ins_fts_, insert_, update_, del_refs_, ins_ref_, has_photo_, del_pub_, ins_pub_;

    // Search index writes of changed (and removed) articles, waiting to be made together. FTS5
    // writes its in-memory term table out as a segment whenever a rowid is lower than the one
    // before (and at statement savepoints, which ForeignKeysOff keeps away): a delta's changed
    // articles come by language and date, between new ones with the highest rowids, so written
    // as they came they made about a segment each. Made in batches in rowid order, by single-row
    // statements, they share segments.
    struct PendingIndex {
        int64_t rowid = 0;      // the article
        Prepared* item = nullptr; // its prepared words (held back from the reading thread), or null
                                  // when only its old text is to be removed
        bool had_text = false;  // OLD_* hold text the index has for it, to remove first
        std::string old_title, old_summary, old_body_text; // that text
    };
    std::vector<PendingIndex> pending_index;
    static constexpr size_t kIndexBatch = 64; // articles; below the 96 items in flight

    Applier(Library& l, Db& d, BundleReader& b, const ApplyOptions& o) : lib(l), db(d), bundle(b), opt(o), related(d) {}

    bool stopped() const { return opt.stop && opt.stop->load(std::memory_order_relaxed); }
    void progress(const char* phase, int64_t done, int64_t total) const {
        if (opt.progress) opt.progress(ApplyProgress{phase, done, total});
    }
    Error cancelled() const {
        return make_error(ErrorCode::Cancelled, "cancelled: the library is as it was before");
    }

    Status prepare(Stmt& st, const char* sql) {
        auto p = db.prepare(sql);
        if (!p) return p.error();
        st = std::move(p.value());
        return {};
    }

    Status prepare_all() {
        // The (channel, id, content_hash) index answers alone: the hash is the last column of an
        // article row, stored after the body, which would have to be read through.
        TIDINGS_TRY(prepare(find_, "SELECT rowid, content_hash FROM articles INDEXED BY articles_channel_state "
                                   "WHERE channel = ? AND id = ?"));
        TIDINGS_TRY(prepare(
            old_text_, "SELECT title, summary, body_text FROM article_text WHERE article = ?"));
        TIDINGS_TRY(prepare(del_fts_, "INSERT INTO article_fts(article_fts, rowid, title, summary, body_text) "
                                      "VALUES('delete', ?, ?, ?, ?)"));
        // Indexed row by row within the transaction: FTS5 gathers the terms in memory and writes
        // them out in large segments (at its hash size and at commit), not per statement.
        TIDINGS_TRY(prepare(ins_fts_, "INSERT INTO article_fts(rowid, title, summary, body_text) VALUES(?, ?, ?, ?)"));
        TIDINGS_TRY(prepare(
            insert_,
            "INSERT INTO articles(channel, id, title, language, section, kind, published, updated, "
            "authors, source_name, source_url, summary, body, photo, photo_caption, photo_credit, "
            "flags, sort_date, content_hash) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        TIDINGS_TRY(prepare(
            update_,
            "UPDATE articles SET channel=?, id=?, title=?, language=?, section=?, kind=?, "
            "published=?, updated=?, authors=?, source_name=?, source_url=?, summary=?, body=?, "
            "photo=?, photo_caption=?, photo_credit=?, flags=?, sort_date=?, "
            "content_hash=? WHERE rowid=?"));
        TIDINGS_TRY(prepare(del_refs_, "DELETE FROM article_photos WHERE article = ?"));
        TIDINGS_TRY(prepare(ins_ref_, "INSERT OR IGNORE INTO article_photos(article, hash) VALUES(?, ?)"));
        TIDINGS_TRY(prepare(has_photo_, "SELECT 1 FROM photos WHERE hash = ?"));
        TIDINGS_TRY(prepare(del_pub_, "DELETE FROM related WHERE article = ? AND source = 'publisher'"));
        TIDINGS_TRY(prepare(ins_pub_, "INSERT INTO related(article, source, list, position, target_channel, "
                                      "target_id, kind, title, summary) VALUES(?, 'publisher', ?, ?, ?, ?, ?, ?, ?)"));
        return {};
    }

    Result<bool> library_has_photo(const std::string& hash) {
        if (photos_present.count(hash)) return true;
        has_photo_.reset();
        has_photo_.bind(1, hash);
        auto row = has_photo_.step();
        if (!row) return row.error();
        bool found = row.value();
        has_photo_.reset();
        if (found && photos_present.size() < 100'000) photos_present.insert(hash);
        return found;
    }

    // Photos new to the library, read one at a time (memory stays flat).
    Status apply_photos() {
        auto hashes = bundle.photo_hashes();
        if (!hashes) return hashes.error();
        auto ins = db.prepare("INSERT INTO photos(hash, width, height, thumb_width, thumb_height, caption, credit, "
                              "thumb, data) VALUES(?,?,?,?,?,?,?,?,?)");
        if (!ins) return ins.error();
        int64_t done = 0, total = static_cast<int64_t>(hashes->size());
        progress("photos", 0, total);
        for (const auto& hash : hashes.value()) {
            if (stopped()) return cancelled();
            auto have = library_has_photo(hash);
            if (!have) return have.error();
            if (!have.value()) {
                auto p = bundle.photo(hash);
                if (!p) return p.error();
                ins->reset();
                ins->bind(1, p->hash).bind(2, p->width).bind(3, p->height).bind(4, p->thumb_width);
                ins->bind(5, p->thumb_height).bind(6, p->caption).bind(7, p->credit);
                ins->bind_blob(8, p->thumb).bind_blob(9, p->data);
                TIDINGS_TRY(ins->run());
                ++report.photos_added;
            }
            if (++done % 64 == 0) progress("photos", done, total);
        }
        return {};
    }

    // Writes one prepared article (unless the library has it already as it is).
    Status apply_article(Prepared& p, const std::string& channel) {
        const BundleArticle& a = p.article;
        int64_t rowid = p.library_rowid;
        bool same = p.unchanged;
        if (rowid < 0) {
            find_.reset();
            find_.bind(1, channel).bind(2, a.id);
            auto row = find_.step();
            if (!row) return row.error();
            rowid = row.value() ? find_.column_int(0) : 0;
            same = row.value() && find_.column_text_view(1) == p.hash;
            find_.reset();
        }
        if (same) {
            ++report.unchanged;
            return {};
        }
        for (const auto& h : p.photos) {
            auto have = library_has_photo(h);
            if (!have) return have.error();
            if (!have.value())
                return make_error(ErrorCode::Invalid, bundle.path() + ": article '" + a.id + "' shows photo " +
                                                          h.substr(0, 12) + ", which is neither in the bundle nor in the library");
        }
        const bool replaced = rowid != 0;
        PendingIndex index;
        index.item = &p;
        if (replaced) TIDINGS_TRY(take_old_text(rowid, index));
        // The article's text is bound without copies (the body alone is ~16 KB an article) and
        // unbound right after the statement ran: P goes back to the reading thread afterwards.
        auto run_unbound = [](Stmt& st) {
            Status ran = st.run();
            st.reset();
            return ran;
        };
        Stmt& st = replaced ? update_ : insert_;
        st.reset();
        int i = 1;
        st.bind_static(i++, channel);
        for (const std::string* f : {&a.id, &a.title, &a.language, &a.section, &a.kind, &a.published,
                                     &a.updated, &a.authors, &a.source_name, &a.source_url, &a.summary,
                                     &a.body, &a.photo, &a.photo_caption, &a.photo_credit})
            st.bind_static(i++, *f);
        st.bind(i++, a.flags);
        st.bind_static(i++, a.published.empty() ? a.updated : a.published);
        st.bind_static(i++, p.hash);
        if (replaced) st.bind(i++, rowid);
        TIDINGS_TRY(run_unbound(st));
        if (!replaced) {
            rowid = db.last_insert_rowid();
            ++report.added;
        } else {
            ++report.updated;
        }
        index.rowid = rowid;
        if (!replaced && pending_index.empty()) {
            // A new article with nothing waiting (all of a first install): its rowid is the
            // highest yet, so it is indexed at once and its item goes straight back.
            index.item = nullptr;
            TIDINGS_TRY(write_words(rowid, p));
        } else {
            pending_index.push_back(std::move(index));
        }
        if (replaced) {
            del_refs_.reset();
            del_refs_.bind(1, rowid);
            TIDINGS_TRY(del_refs_.run());
        }
        for (const auto& h : p.photos) {
            ins_ref_.reset();
            ins_ref_.bind(1, rowid).bind(2, h);
            TIDINGS_TRY(ins_ref_.run());
        }
        if (replaced) {
            del_pub_.reset();
            del_pub_.bind(1, rowid);
            TIDINGS_TRY(del_pub_.run());
        }
        for (const auto& r : p.related) {
            ins_pub_.reset();
            ins_pub_.bind(1, rowid).bind(2, r.list).bind(3, r.position);
            ins_pub_.bind(4, r.target_id.empty() ? std::string() : channel).bind(5, r.target_id);
            ins_pub_.bind(6, r.kind).bind(7, r.title).bind(8, r.summary);
            TIDINGS_TRY(ins_pub_.run());
        }
        return related.add(rowid, a.id, a.language, replaced, p.terms);
    }

    // Writes every article the reading thread prepares, in order.
    Status apply_articles(const std::string& channel, TermVocabulary& vocabulary) {
        ArticleReader reader(bundle, db.path(), channel, vocabulary);
        PreparedQueue& queue = reader.queue();
        int64_t done = 0;
        const int64_t total = bundle.article_count();
        progress("articles", 0, total);
        for (;;) {
            Prepared* p = queue.pop();
            if (p->end) {
                Status ended = p->status;
                queue.recycle(p);
                if (!ended.ok()) return ended;
                break;
            }
            if (!p->status.ok()) return p->status;
            if (stopped()) return cancelled();
            Status s = apply_article(*p, channel);
            if (!s.ok()) return s;
            if (pending_index.empty() || pending_index.back().item != p) queue.recycle(p);
            if (pending_index.size() >= kIndexBatch) TIDINGS_TRY(write_index(&queue));
            if (++done % 256 == 0) progress("articles", done, total);
        }
        TIDINGS_TRY(write_index(&queue));
        progress("articles", done, total);
        return {};
    }

    // Reads the text the search index holds for ROWID (its row as it is now) into INDEX.
    Status take_old_text(int64_t rowid, PendingIndex& index) {
        old_text_.reset();
        old_text_.bind(1, rowid);
        auto row = old_text_.step();
        if (!row) return row.error();
        if (row.value()) {
            index.had_text = true;
            index.old_title.assign(old_text_.column_text_view(0));
            index.old_summary.assign(old_text_.column_text_view(1));
            index.old_body_text.assign(old_text_.column_text_view(2));
        }
        old_text_.reset();
        return {};
    }

    // Makes the pending search index writes by rowid (FTS5 writes its term table out whenever a
    // rowid is lower than the one before) and gives their items back to QUEUE.
    Status write_index(PreparedQueue* queue) {
        std::stable_sort(pending_index.begin(), pending_index.end(),
                         [](const PendingIndex& a, const PendingIndex& b) { return a.rowid < b.rowid; });
        for (PendingIndex& pi : pending_index) {
            if (pi.had_text) {
                del_fts_.reset();
                del_fts_.bind(1, pi.rowid).bind_static(2, pi.old_title).bind_static(3, pi.old_summary);
                del_fts_.bind_static(4, pi.old_body_text);
                Status ran = del_fts_.run();
                del_fts_.reset();
                TIDINGS_TRY(ran);
            }
            if (Prepared* p = pi.item) {
                TIDINGS_TRY(write_words(pi.rowid, *p));
                if (queue) queue->recycle(p);
                pi.item = nullptr;
            }
        }
        pending_index.clear();
        return {};
    }

    // Indexes the words of P as article ROWID.
    Status write_words(int64_t rowid, const Prepared& p) {
        const BundleArticle& a = p.article;
        ins_fts_.reset();
        ins_fts_.bind(1, rowid).bind_static(2, a.title).bind_static(3, a.summary).bind_static(4, p.body_text);
        Status ran;
        {
            // The reading thread found the words already: the tokenizer replays them.
            TokenReplay replay({{a.title, &p.words[0]}, {a.summary, &p.words[1]}, {p.body_text, &p.words[2]}});
            ran = ins_fts_.run();
        }
        ins_fts_.reset(); // unbinds the text before P goes back to the reading thread
        return ran;
    }

    Status remove_article(int64_t rowid) {
        PendingIndex index;
        index.rowid = rowid;
        TIDINGS_TRY(take_old_text(rowid, index));
        pending_index.push_back(std::move(index));
        if (pending_index.size() >= kIndexBatch) TIDINGS_TRY(write_index(nullptr));
        for (const char* sql : {"DELETE FROM article_terms WHERE article = ?", "DELETE FROM article_photos WHERE article = ?",
                                "DELETE FROM related WHERE article = ?", "DELETE FROM articles WHERE rowid = ?"}) {
            auto del = db.prepare(sql);
            if (!del) return del.error();
            del->bind(1, rowid);
            TIDINGS_TRY(del->run());
        }
        ++report.removed;
        return {};
    }

    // Rowids of the channel's articles whose ids the (full) bundle does not hold: both id lists
    // are walked in order side by side, so nothing is held but the result.
    Result<std::vector<int64_t>> absent_from_bundle(const std::string& channel) {
        auto lib_ids = db.prepare("SELECT id, rowid FROM articles WHERE channel = ? ORDER BY id");
        if (!lib_ids) return lib_ids.error();
        lib_ids->bind(1, channel);
        std::vector<int64_t> gone;
        std::string current; // the library's id under the cursor
        bool more = true;
        auto advance = [&]() -> Status {
            auto row = lib_ids->step();
            if (!row) return row.error();
            more = row.value();
            if (more) current.assign(lib_ids->column_text_view(0));
            return {};
        };
        TIDINGS_TRY(advance());
        TIDINGS_TRY(bundle.for_each_id([&](std::string_view id) -> Status {
            while (more && std::string_view(current) < id) {
                gone.push_back(lib_ids->column_int(1));
                TIDINGS_TRY(advance());
            }
            if (more && std::string_view(current) == id) TIDINGS_TRY(advance());
            return {};
        }));
        while (more) {
            gone.push_back(lib_ids->column_int(1));
            TIDINGS_TRY(advance());
        }
        return gone;
    }
};

// Turns SQLite's automatic checkpoint off for its lifetime and restores the previous setting.
class AutoCheckpointPause {
  public:
    explicit AutoCheckpointPause(Db& db) : db_(db) {
        auto n = query_int(db_, "PRAGMA wal_autocheckpoint");
        pages_ = n && n.value() ? *n.value() : 1000;
        (void)db_.exec("PRAGMA wal_autocheckpoint=0");
    }
    ~AutoCheckpointPause() { (void)db_.exec("PRAGMA wal_autocheckpoint=" + std::to_string(pages_)); }
    AutoCheckpointPause(const AutoCheckpointPause&) = delete;
    AutoCheckpointPause& operator=(const AutoCheckpointPause&) = delete;

  private:
    Db& db_;             // the library connection
    int64_t pages_ = 0;  // the setting to restore
};

std::string describe_needed(const BundleHeader& h, int64_t applied) {
    std::string name = h.channel;
    if (applied == 0)
        return "this is a delta for channel '" + name + "' (sequence " + std::to_string(h.base_sequence) + " to " +
               std::to_string(h.sequence) + "), but the library has nothing of that channel yet: apply the channel's "
               "full bundle (sequence " + std::to_string(h.sequence) + " or earlier) first";
    return "this delta for channel '" + name + "' updates sequence " + std::to_string(h.base_sequence) + " to " +
           std::to_string(h.sequence) + ", but the library has sequence " + std::to_string(applied) +
           ": apply the delta from " + std::to_string(applied) + " to " + std::to_string(h.base_sequence) +
           " first, or the channel's full bundle";
}

} // namespace

Result<ApplyReport> apply_bundle(Library& library, const std::string& bundle_path, const ApplyOptions& options) {
    auto opened = BundleReader::open(bundle_path, options.limits);
    if (!opened) return opened.error();
    BundleReader& bundle = opened.value();
    const BundleHeader& h = bundle.header();
    Db& db = library.db();

    Applier ap(library, db, bundle, options);
    ap.report.channel = h.channel;
    ap.report.sequence = h.sequence;
    ap.report.kind = h.kind;
    std::error_code ec;
    ap.report.bundle_bytes = static_cast<int64_t>(std::filesystem::file_size(bundle_path, ec));
    ap.progress("checking", 0, 0);
    if (!options.require_channel.empty() && options.require_channel != h.channel)
        return make_error(ErrorCode::Refused, bundle_path + " is a bundle of channel '" + h.channel +
                                                  "', but it is signed with the key of channel '" +
                                                  options.require_channel + "': refused");

    CacheSize cache(db, kApplyCacheKiB);
    ForeignKeysOff references(db);
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();

    // [1] Order and time: the channel's applied sequence decides what this bundle may do.
    auto current = library.channel(h.channel);
    if (!current) return current.error();
    const int64_t applied = current.value() ? current.value()->applied_sequence : 0;
    const std::string applied_digest = current.value() ? current.value()->state_digest : std::string();
    if (h.sequence == applied) {
        if (applied_digest == h.state_digest) {
            ap.report.already_applied = true;
            return ap.report; // the transaction rolls back: nothing to write
        }
        return make_error(ErrorCode::Conflict,
                          bundle_path + ": CONFLICT: channel '" + h.channel + "' sequence " + std::to_string(h.sequence) +
                              " is already applied with different content. Two different bundles carry the same "
                              "sequence: the publisher's key may be compromised; tell the publisher");
    }
    if (h.sequence < applied)
        return make_error(ErrorCode::Refused, bundle_path + " is older than the news you already have for channel '" +
                                                  h.channel + "' (sequence " + std::to_string(h.sequence) + " < " +
                                                  std::to_string(applied) + "): nothing to do");
    if (h.kind == BundleKind::Delta && h.base_sequence != applied)
        return make_error(ErrorCode::Refused, bundle_path + ": " + describe_needed(h, applied));
    int64_t now = options.now_unix ? options.now_unix : static_cast<int64_t>(std::time(nullptr));
    if (current.value() && !current.value()->newest_created.empty())
        if (auto newest = parse_iso8601(current.value()->newest_created); newest && *newest > now) now = *newest;
    if (!h.expires.empty()) {
        auto exp = parse_iso8601(h.expires);
        if (exp && *exp < now)
            return make_error(ErrorCode::Refused, bundle_path + " expired on " + format_day_in_words(*exp) +
                                                      ": it brings no news; get a newer bundle from the publisher");
    }

    // [2] The channel row exists before articles reference it.
    {
        auto st = db.prepare("INSERT INTO channels(id, title) VALUES(?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title");
        if (!st) return st.error();
        st->bind(1, h.channel).bind(2, h.channel_title);
        TIDINGS_TRY(st->run());
    }
    TIDINGS_TRY(ap.prepare_all());

    // [3] Photos, then articles (which check their photos exist), indexed as they are written.
    TIDINGS_TRY(ap.apply_photos());
    TermVocabulary vocabulary;
    BulkIndexing bulk;
    if (bundle.article_count() >= kBulkArticles) TIDINGS_TRY(bulk.begin(db));
    TIDINGS_TRY(ap.apply_articles(h.channel, vocabulary));

    // [4] Removals: withdrawn ids, and for a full bundle whatever it no longer holds.
    auto withdrawn = bundle.withdrawn_ids();
    if (!withdrawn) return withdrawn.error();
    {
        auto find = db.prepare("SELECT rowid FROM articles WHERE channel = ? AND id = ?");
        if (!find) return find.error();
        for (const auto& id : withdrawn.value()) {
            find->reset();
            find->bind(1, h.channel).bind(2, id);
            auto row = find->step();
            if (!row) return row.error();
            if (!row.value()) continue;
            int64_t rowid = find->column_int(0);
            find->reset();
            TIDINGS_TRY(ap.remove_article(rowid));
        }
    }
    if (h.kind == BundleKind::Full) {
        auto gone = ap.absent_from_bundle(h.channel);
        if (!gone) return gone.error();
        for (int64_t r : gone.value()) TIDINGS_TRY(ap.remove_article(r));
    }
    TIDINGS_TRY(ap.write_index(nullptr));

    // [5] The library's copy of the channel must now be exactly the state the bundle describes.
    {
        auto st = db.prepare("SELECT id, content_hash FROM articles INDEXED BY articles_channel_state "
                             "WHERE channel = ? ORDER BY id");
        if (!st) return st.error();
        st->bind(1, h.channel);
        ChannelStateDigest digest;
        for (;;) {
            auto row = st->step();
            if (!row) return row.error();
            if (!row.value()) break;
            digest.add(st->column_text_view(0), st->column_text_view(1));
        }
        if (digest.finish_hex() != h.state_digest) {
            if (h.kind == BundleKind::Delta)
                return make_error(ErrorCode::Refused,
                                  bundle_path + ": after this delta the library's copy of channel '" + h.channel +
                                      "' would not match the publisher's (it was changed or damaged): apply the "
                                      "channel's full bundle instead");
            return make_error(ErrorCode::Corrupt, bundle_path + " is inconsistent: its articles do not match its "
                                                                "declared state digest");
        }
    }

    // [6] Photos nothing uses any more.
    TIDINGS_TRY(db.exec("DELETE FROM photos WHERE NOT EXISTS (SELECT 1 FROM article_photos ap WHERE ap.hash = photos.hash)"));
    ap.report.photos_removed = db.changes();

    // [7] The search index merged, and computed related lists for new and changed articles,
    // across all channels. When the library holds nothing but this apply's articles (a first
    // install), the lists are computed on another thread while this one merges the index, then
    // written; otherwise one after the other.
    ap.progress("indexing", 0, 0);
    {
        auto total = library.article_count();
        if (!total) return total.error();
        const int64_t written = ap.report.added + ap.report.updated;
        const bool optimize = written >= kBulkArticles && 2 * written >= total.value();
        const int64_t count = ap.related.count();
        auto related_progress = [&](int64_t done, int64_t all) {
            ap.progress("related", done * count / std::max<int64_t>(1, all), count);
        };
        if (ap.related.can_compute_offline(vocabulary, total.value())) {
            Status computed;
            std::thread worker([&] {
                try {
                    computed = ap.related.compute_offline(vocabulary, options.stop);
                } catch (const std::bad_alloc&) {
                    computed = make_error(ErrorCode::Io, "out of memory while computing the related lists");
                }
            });
            Status merged = bulk.end(db, optimize);
            worker.join();
            TIDINGS_TRY(merged);
            TIDINGS_TRY(computed);
            ap.progress("related", 0, count);
            TIDINGS_TRY(ap.related.write_computed(vocabulary, h.channel, related_progress, options.stop));
        } else {
            TIDINGS_TRY(bulk.end(db, optimize));
            ap.progress("related", 0, count);
            TIDINGS_TRY(ap.related.finish(vocabulary, h.channel, related_progress, options.stop));
        }
    }

    // [8] Record the channel's new state, then commit.
    ap.progress("finishing", 0, 0);
    {
        std::string newest = h.created;
        if (current.value() && !current.value()->newest_created.empty()) {
            auto a = parse_iso8601(current.value()->newest_created), b = parse_iso8601(h.created);
            if (a && b && *a > *b) newest = current.value()->newest_created;
        }
        auto st = db.prepare("UPDATE channels SET applied_sequence = ?, state_digest = ?, newest_created = ?, "
                             "expires = ?, applied_at = ? WHERE id = ?");
        if (!st) return st.error();
        st->bind(1, h.sequence).bind(2, h.state_digest).bind(3, newest).bind(4, h.expires);
        st->bind(5, format_iso8601(static_cast<int64_t>(std::time(nullptr)))).bind(6, h.channel);
        TIDINGS_TRY(st->run());
    }
    if (ap.stopped()) return ap.cancelled();
    {
        // No checkpoint inside this commit: after a large apply it would copy the whole write-
        // ahead log into the library file before returning. The caller checkpoints when it suits
        // (Library::checkpoint(), or closing the library); readers see the new state either way.
        AutoCheckpointPause pause(db);
        TIDINGS_TRY(tx->commit());
    }
    return ap.report;
}

} // namespace tidings
