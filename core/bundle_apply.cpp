// Applying a bundle: one transaction from the first check to the recorded sequence.
#include "core/bundle_apply.h"

#include "core/bundle_reader.h"
#include "core/hash.h"
#include "core/related.h"
#include "core/text_model.h"
#include "core/time_util.h"

#include <ctime>
#include <filesystem>
#include <set>

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

// Everything one apply needs, so the steps below stay short.
struct Applier {
    Library& lib;                 // target library
    Db& db;                       // its connection
    BundleReader& bundle;         // source, already opened
    const ApplyOptions& opt;      // limits, clock, progress, stop
    ApplyReport report;           // what happened so far
    std::vector<int64_t> changed; // rowids of new or updated articles

    Stmt find_, del_fts_, ins_fts_, insert_, update_, del_refs_, ins_ref_, has_photo_, del_pub_, ins_pub_;

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
        TIDINGS_TRY(prepare(find_, "SELECT rowid, content_hash FROM articles WHERE channel = ? AND id = ?"));
        TIDINGS_TRY(prepare(del_fts_, "INSERT INTO article_fts(article_fts, rowid, title, summary, body_text) "
                                      "SELECT 'delete', rowid, title, summary, body_text FROM articles WHERE rowid = ?"));
        TIDINGS_TRY(prepare(ins_fts_, "INSERT INTO apply_changed(rowid) VALUES(?)"));
        TIDINGS_TRY(prepare(insert_,
                            "INSERT INTO articles(channel, id, title, language, section, kind, published, updated, "
                            "authors, source_name, source_url, summary, body, photo, photo_caption, photo_credit, "
                            "flags, body_text, sort_date, content_hash) "
                            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        TIDINGS_TRY(prepare(update_,
                            "UPDATE articles SET channel=?, id=?, title=?, language=?, section=?, kind=?, "
                            "published=?, updated=?, authors=?, source_name=?, source_url=?, summary=?, body=?, "
                            "photo=?, photo_caption=?, photo_credit=?, flags=?, body_text=?, sort_date=?, "
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
        has_photo_.reset();
        has_photo_.bind(1, hash);
        auto row = has_photo_.step();
        if (!row) return row.error();
        bool found = row.value();
        has_photo_.reset();
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

    Status apply_article(const BundleArticle& a, const std::string& channel) {
        auto related = bundle.related_of(a.id);
        if (!related) return related.error();
        const std::string hash = article_content_hash(a, related.value());
        find_.reset();
        find_.bind(1, channel).bind(2, a.id);
        auto row = find_.step();
        if (!row) return row.error();
        int64_t rowid = row.value() ? find_.column_int(0) : 0;
        bool same = row.value() && find_.column_text_view(1) == hash;
        find_.reset();
        if (same) {
            ++report.unchanged;
            return {};
        }
        TextModel model = parse_markdown(a.body);
        std::string body_text = plain_text(model);
        std::vector<std::string> refs = photo_refs(model);
        std::set<std::string> photos;
        if (!a.photo.empty()) photos.insert(a.photo);
        for (const auto& ref : refs) {
            if (ref.rfind("photo:", 0) != 0 || !is_sha256_hex(std::string_view(ref).substr(6)))
                return make_error(ErrorCode::Invalid, bundle.path() + ": article '" + a.id + "' names photo '" +
                                                          ref.substr(0, 80) + "', which is not a bundle photo name");
            photos.insert(ref.substr(6));
        }
        for (const auto& h : photos) {
            auto have = library_has_photo(h);
            if (!have) return have.error();
            if (!have.value())
                return make_error(ErrorCode::Invalid, bundle.path() + ": article '" + a.id + "' shows photo " +
                                                          h.substr(0, 12) + ", which is neither in the bundle nor in the library");
        }
        if (rowid) {
            del_fts_.reset();
            del_fts_.bind(1, rowid);
            TIDINGS_TRY(del_fts_.run());
        }
        Stmt& st = rowid ? update_ : insert_;
        st.reset();
        int i = 1;
        st.bind(i++, channel);
        for (const std::string* f : {&a.id, &a.title, &a.language, &a.section, &a.kind, &a.published,
                                     &a.updated, &a.authors, &a.source_name, &a.source_url, &a.summary,
                                     &a.body, &a.photo, &a.photo_caption, &a.photo_credit})
            st.bind(i++, *f);
        st.bind(i++, a.flags);
        st.bind(i++, body_text);
        st.bind(i++, a.published.empty() ? a.updated : a.published);
        st.bind(i++, hash);
        if (rowid) st.bind(i++, rowid);
        TIDINGS_TRY(st.run());
        if (!rowid) {
            rowid = db.last_insert_rowid();
            ++report.added;
        } else {
            ++report.updated;
        }
        // Indexed in one statement after the loop: FTS5 flushes its pending terms at every
        // statement boundary of a transaction, so per-article inserts would write tiny segments.
        ins_fts_.reset();
        ins_fts_.bind(1, rowid);
        TIDINGS_TRY(ins_fts_.run());
        del_refs_.reset();
        del_refs_.bind(1, rowid);
        TIDINGS_TRY(del_refs_.run());
        for (const auto& h : photos) {
            ins_ref_.reset();
            ins_ref_.bind(1, rowid).bind(2, h);
            TIDINGS_TRY(ins_ref_.run());
        }
        del_pub_.reset();
        del_pub_.bind(1, rowid);
        TIDINGS_TRY(del_pub_.run());
        for (const auto& r : related.value()) {
            ins_pub_.reset();
            ins_pub_.bind(1, rowid).bind(2, r.list).bind(3, r.position);
            ins_pub_.bind(4, r.target_id.empty() ? std::string() : channel).bind(5, r.target_id);
            ins_pub_.bind(6, r.kind).bind(7, r.title).bind(8, r.summary);
            TIDINGS_TRY(ins_pub_.run());
        }
        changed.push_back(rowid);
        return {};
    }

    Status remove_article(int64_t rowid) {
        del_fts_.reset();
        del_fts_.bind(1, rowid);
        TIDINGS_TRY(del_fts_.run());
        auto del = db.prepare("DELETE FROM articles WHERE rowid = ?");
        if (!del) return del.error();
        del->bind(1, rowid);
        TIDINGS_TRY(del->run());
        ++report.removed;
        return {};
    }
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

    Applier ap{library, db, bundle, options, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
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
    TIDINGS_TRY(db.exec("CREATE TEMP TABLE IF NOT EXISTS apply_changed(rowid INTEGER PRIMARY KEY); DELETE FROM apply_changed;"));
    TIDINGS_TRY(ap.prepare_all());

    // [3] Photos, then articles (which check their photos exist).
    TIDINGS_TRY(ap.apply_photos());
    TIDINGS_TRY(db.exec("CREATE TEMP TABLE IF NOT EXISTS apply_seen(id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM apply_seen;"));
    auto seen = db.prepare("INSERT INTO apply_seen(id) VALUES(?)");
    if (!seen) return seen.error();
    int64_t done = 0;
    const int64_t total = bundle.article_count();
    ap.progress("articles", 0, total);
    TIDINGS_TRY(bundle.for_each_article_by_date([&](const BundleArticle& a) -> Status {
        if (ap.stopped()) return ap.cancelled();
        TIDINGS_TRY(ap.apply_article(a, h.channel));
        if (h.kind == BundleKind::Full) {
            seen->reset();
            seen->bind(1, a.id);
            TIDINGS_TRY(seen->run());
        }
        if (++done % 256 == 0) ap.progress("articles", done, total);
        return {};
    }));
    ap.progress("articles", done, total);
    ap.progress("indexing", 0, static_cast<int64_t>(ap.changed.size()));
    TIDINGS_TRY(db.exec("INSERT INTO article_fts(rowid, title, summary, body_text) SELECT a.rowid, a.title, a.summary, "
                        "a.body_text FROM apply_changed c JOIN articles a ON a.rowid = c.rowid ORDER BY c.rowid; "
                        "DELETE FROM apply_changed;"));

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
        auto gone = db.prepare("SELECT rowid FROM articles WHERE channel = ? AND id NOT IN (SELECT id FROM apply_seen)");
        if (!gone) return gone.error();
        gone->bind(1, h.channel);
        std::vector<int64_t> rowids;
        for (;;) {
            auto row = gone->step();
            if (!row) return row.error();
            if (!row.value()) break;
            rowids.push_back(gone->column_int(0));
        }
        gone = Stmt();
        for (int64_t r : rowids) TIDINGS_TRY(ap.remove_article(r));
    }
    TIDINGS_TRY(db.exec("DELETE FROM apply_seen"));

    // [5] The library's copy of the channel must now be exactly the state the bundle describes.
    {
        auto st = db.prepare("SELECT id, content_hash FROM articles WHERE channel = ? ORDER BY id");
        if (!st) return st.error();
        st->bind(1, h.channel);
        std::vector<std::pair<std::string, std::string>> pairs;
        for (;;) {
            auto row = st->step();
            if (!row) return row.error();
            if (!row.value()) break;
            pairs.emplace_back(st->column_text(0), st->column_text(1));
        }
        if (channel_state_digest(pairs) != h.state_digest) {
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

    // [7] Computed related lists for new and changed articles, across all channels.
    {
        RelatedComputer related(db);
        int64_t n = 0, count = static_cast<int64_t>(ap.changed.size());
        ap.progress("related", 0, count);
        if (count >= 2000) TIDINGS_TRY(related.preload_vocabulary());
        for (int64_t rowid : ap.changed) {
            if (ap.stopped()) return ap.cancelled();
            TIDINGS_TRY(related.update_terms(rowid));
            if (++n % 256 == 0) ap.progress("related", n / 2, count);
        }
        n = 0;
        for (int64_t rowid : ap.changed) {
            if (ap.stopped()) return ap.cancelled();
            TIDINGS_TRY(related.compute_list(rowid));
            if (++n % 256 == 0) ap.progress("related", count / 2 + n / 2, count);
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
    TIDINGS_TRY(tx->commit());
    return ap.report;
}

} // namespace tidings
