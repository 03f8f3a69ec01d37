// Reading bundles: defensive open, header checks, and validated streaming of every record.
#include "core/bundle_reader.h"

#include "core/hash.h"
#include "core/image.h"
#include "core/search_text.h"
#include "core/time_util.h"

#include <cstdio>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace tidings {

namespace {

// The columns each table must have, in this order, for the file to be a v1 bundle.
struct TableShape {
    const char* name;                  // table name
    std::vector<const char*> columns;  // column names in order
};

const std::vector<TableShape>& v1_tables() {
    static const std::vector<TableShape> tables = {
        {"bundle", {"format", "channel", "channel_title", "sequence", "kind", "base_sequence",
                    "created", "expires", "state_digest", "generator"}},
        {"articles", {"id", "title", "language", "section", "kind", "published", "updated",
                      "authors", "source_name", "source_url", "summary", "body", "photo",
                      "photo_caption", "photo_credit", "flags"}},
        {"photos", {"hash", "width", "height", "data", "thumb_width", "thumb_height", "thumb",
                    "caption", "credit"}},
        {"related", {"article_id", "list", "position", "target_id", "kind", "title", "summary"}},
        {"withdrawn", {"article_id"}},
    };
    return tables;
}

bool starts_with_sqlite_magic(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    char magic[16] = {};
    size_t n = std::fread(magic, 1, sizeof magic, f);
    std::fclose(f);
    return n == 16 && std::memcmp(magic, "SQLite format 3", 16) == 0;
}

// Reads a text column, refusing non-text values and invalid UTF-8.
Result<std::string> text_column(const Stmt& st, int col, size_t cap, const std::string& what) {
    if (st.column_bytes(col) < 0 || static_cast<size_t>(st.column_bytes(col)) > cap)
        return make_error(ErrorCode::Invalid, what + " is " + std::to_string(st.column_bytes(col)) +
                                                  " bytes, over the limit of " + std::to_string(cap));
    std::string_view v = st.column_text_view(col);
    if (!is_valid_utf8(v)) return make_error(ErrorCode::Invalid, what + " is not valid UTF-8 text");
    return std::string(v);
}

} // namespace

Result<BundleReader> BundleReader::open(const std::string& path, const BundleLimits& limits) {
    std::error_code ec;
    if (!fs::exists(path, ec))
        return make_error(ErrorCode::NotFound, path + ": no such file");
    if (fs::is_directory(path, ec))
        return make_error(ErrorCode::NotOurs, path + " is a folder, not a bundle file");
    auto size = fs::file_size(path, ec);
    if (ec) return make_error(ErrorCode::Io, path + ": cannot read: " + ec.message());
    if (size > limits.max_file_bytes)
        return make_error(ErrorCode::Invalid, path + " is " + std::to_string(size) +
                                                  " bytes, over the limit for a bundle");
    if (size < 512 || !starts_with_sqlite_magic(path))
        return make_error(ErrorCode::NotOurs, path + " is not a Tidings bundle (not an SQLite file)");
    if (size % 512 != 0)
        return make_error(ErrorCode::Corrupt, path + " is truncated or damaged (its size is not a whole number of pages)");

    auto db = Db::open(path, OpenMode::Untrusted);
    if (!db) return db.error();
    BundleReader r;
    r.db_ = std::move(db.value());
    r.path_ = path;
    r.limits_ = limits;

    auto app_id = query_int(r.db_, "PRAGMA application_id");
    if (!app_id) return make_error(ErrorCode::Corrupt, path + " is damaged: " + app_id.error().message);
    if (app_id.value().value_or(0) != kBundleApplicationId) {
        if (app_id.value().value_or(0) == kLibraryApplicationId)
            return make_error(ErrorCode::NotOurs, path + " is a Tidings library, not a bundle");
        return make_error(ErrorCode::NotOurs, path + " is an SQLite file but not a Tidings bundle");
    }
    auto version = query_int(r.db_, "PRAGMA user_version");
    if (!version) return make_error(ErrorCode::Corrupt, path + " is damaged: " + version.error().message);
    if (version.value().value_or(0) > kBundleFormatVersion)
        return make_error(ErrorCode::TooNew, path + " uses bundle format " +
                                                 std::to_string(version.value().value_or(0)) +
                                                 ", newer than this program reads (" +
                                                 std::to_string(kBundleFormatVersion) +
                                                 "): update Tidings");
    if (version.value().value_or(0) < 1)
        return make_error(ErrorCode::NotOurs, path + " has no bundle format version");

    // The tables and columns must be exactly the v1 shape.
    for (const auto& t : v1_tables()) {
        auto info = r.db_.prepare(std::string("SELECT name FROM pragma_table_info('") + t.name + "')");
        if (!info) return make_error(ErrorCode::Corrupt, path + " is damaged: " + info.error().message);
        size_t i = 0;
        for (;;) {
            auto row = info->step();
            if (!row) return make_error(ErrorCode::Corrupt, path + " is damaged: " + row.error().message);
            if (!row.value()) break;
            if (i >= t.columns.size() || info->column_text_view(0) != t.columns[i])
                return make_error(ErrorCode::Corrupt, path + ": table '" + t.name + "' does not have the v1 columns");
            ++i;
        }
        if (i != t.columns.size())
            return make_error(ErrorCode::Corrupt, path + ": table '" + t.name + "' is missing or incomplete");
    }

    auto st = r.db_.prepare("SELECT format, channel, channel_title, sequence, kind, base_sequence, "
                            "created, expires, state_digest, generator, typeof(sequence) FROM bundle");
    if (!st) return make_error(ErrorCode::Corrupt, path + " is damaged: " + st.error().message);
    auto row = st->step();
    if (!row) return make_error(ErrorCode::Corrupt, path + " is damaged: " + row.error().message);
    if (!row.value()) return make_error(ErrorCode::Invalid, path + " has no header row");
    BundleHeader& h = r.header_;
    const std::string where = path + ": header: ";
    h.format = static_cast<int>(st->column_int(0));
    for (auto [col, field, name] : {std::tuple{1, &h.channel, "channel"}, {2, &h.channel_title, "channel title"},
                                    {6, &h.created, "created"}, {7, &h.expires, "expires"},
                                    {8, &h.state_digest, "state digest"}, {9, &h.generator, "generator"}}) {
        auto v = text_column(st.value(), col, limits.max_field_bytes, where + name);
        if (!v) return v.error();
        *field = std::move(v.value());
    }
    h.sequence = st->column_int(3);
    std::string kind(st->column_text_view(4));
    h.base_sequence = st->column_is_null(5) ? 0 : st->column_int(5);
    if (st->column_text_view(10) != "integer" || h.sequence < 1)
        return make_error(ErrorCode::Invalid, where + "sequence must be a whole number, 1 or more");
    if (h.format != kBundleFormatVersion)
        return make_error(ErrorCode::Invalid, where + "format " + std::to_string(h.format) + " does not match the file version");
    if (!is_valid_channel_id(h.channel))
        return make_error(ErrorCode::Invalid, where + "channel id '" + h.channel.substr(0, 64) + "' is not valid");
    if (kind == "full") {
        h.kind = BundleKind::Full;
        h.base_sequence = 0;
    } else if (kind == "delta") {
        h.kind = BundleKind::Delta;
        if (h.base_sequence < 1 || h.base_sequence >= h.sequence)
            return make_error(ErrorCode::Invalid, where + "a delta's base sequence must be below its sequence");
    } else {
        return make_error(ErrorCode::Invalid, where + "kind '" + kind.substr(0, 20) + "' is neither full nor delta");
    }
    if (!parse_iso8601(h.created))
        return make_error(ErrorCode::Invalid, where + "created '" + h.created + "' is not an ISO 8601 time");
    if (!h.expires.empty() && !parse_iso8601(h.expires))
        return make_error(ErrorCode::Invalid, where + "expires '" + h.expires + "' is not an ISO 8601 time");
    if (!is_sha256_hex(h.state_digest))
        return make_error(ErrorCode::Invalid, where + "state digest is not a sha256");
    row = st->step();
    if (!row || row.value()) return make_error(ErrorCode::Invalid, path + " has more than one header row");
    st = Stmt();

    auto count = [&](const char* sql, int64_t cap, const char* what) -> Result<int64_t> {
        auto n = query_int(r.db_, sql);
        if (!n) return make_error(ErrorCode::Corrupt, path + " is damaged: " + n.error().message);
        int64_t v = n.value().value_or(0);
        if (v > cap)
            return make_error(ErrorCode::Invalid, path + " declares " + std::to_string(v) + " " + what +
                                                      ", over the limit of " + std::to_string(cap));
        return v;
    };
    auto articles = count("SELECT count(*) FROM articles", limits.max_articles, "articles");
    if (!articles) return articles.error();
    auto photos = count("SELECT count(*) FROM photos", limits.max_photos, "photos");
    if (!photos) return photos.error();
    auto withdrawn = count("SELECT count(*) FROM withdrawn", limits.max_withdrawn, "withdrawn ids");
    if (!withdrawn) return withdrawn.error();
    r.article_count_ = articles.value();
    r.photo_count_ = photos.value();
    return r;
}

Status BundleReader::for_each_article(const std::function<Status(const BundleArticle&)>& visit) {
    return stream_articles("id", visit);
}

Status BundleReader::for_each_article_by_date(const std::function<Status(const BundleArticle&)>& visit) {
    return stream_articles("published, id", visit);
}

Status
BundleReader::for_each_article_to_apply(const std::function<Status(const BundleArticle&)>& visit) {
    // The index is used only when SQLite can read the rows in its order as they are: on
    // articles, not partial, exactly (language, published, id), ascending, binary collation.
    // Anything else (a bundle from before the index, or an odd one) is applied oldest first.
    auto st = db_.prepare("SELECT x.name, x.desc, x.coll FROM pragma_index_list('articles') l, "
                          "pragma_index_xinfo(l.name) x WHERE l.name = 'articles_by_language' "
                          "AND l.partial = 0 AND x.key = 1 ORDER BY x.seqno");
    if (!st) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st.error().message);
    std::string columns;
    for (;;) {
        auto row = st->step();
        if (!row)
            return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + row.error().message);
        if (!row.value()) break;
        columns += st->column_text_view(0);
        if (st->column_int(1) != 0 || st->column_text_view(2) != "BINARY") columns += "?";
        columns += ',';
    }
    st = Stmt();
    if (columns != "language,published,id,") return for_each_article_by_date(visit);
    return stream_articles("language, published, id", visit);
}

Status BundleReader::for_each_id(const std::function<Status(std::string_view id)>& visit) {
    auto st = db_.prepare("SELECT id FROM articles ORDER BY id");
    if (!st) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st.error().message);
    for (;;) {
        auto row = st->step();
        if (!row) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + row.error().message);
        if (!row.value()) break;
        const std::string_view id = st->column_text_view(0);
        if (!is_valid_article_id(id))
            return make_error(ErrorCode::Invalid, path_ + ": an article id is not a valid article id");
        TIDINGS_TRY(visit(id));
    }
    return {};
}

Status BundleReader::stream_articles(const char* order_by,
                                     const std::function<Status(const BundleArticle&)>& visit) {
    auto st = db_.prepare(std::string("SELECT id,title,language,section,kind,published,updated,authors,"
                                      "source_name,source_url,summary,body,photo,photo_caption,photo_credit,"
                                      "flags FROM articles ORDER BY ") + order_by);
    if (!st) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st.error().message);
    BundleArticle a;
    for (;;) {
        auto row = st->step();
        if (!row) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + row.error().message);
        if (!row.value()) break;
        int col = 0;
        for (std::string* f : {&a.id, &a.title, &a.language, &a.section, &a.kind, &a.published,
                               &a.updated, &a.authors, &a.source_name, &a.source_url, &a.summary,
                               &a.body, &a.photo, &a.photo_caption, &a.photo_credit}) {
            size_t cap = col == 11 ? limits_.max_body_bytes : col == 10 ? limits_.max_summary_bytes
                                                                        : limits_.max_field_bytes;
            if (static_cast<size_t>(st->column_bytes(col)) > cap)
                return make_error(ErrorCode::Invalid, path_ + ": an article field is " +
                                                          std::to_string(st->column_bytes(col)) +
                                                          " bytes, over the limit of " + std::to_string(cap));
            f->assign(st->column_text_view(col));
            ++col;
        }
        a.flags = st->column_int(15);
        TIDINGS_TRY(validate_article(a, limits_, path_));
        TIDINGS_TRY(visit(a));
    }
    return {};
}

Status BundleReader::read_related_row(const Stmt& st, BundleRelated& r) {
    std::string* fields[] = {&r.article_id, &r.list, nullptr, &r.target_id, &r.kind, &r.title, &r.summary};
    for (int col = 0; col < 7; ++col) {
        if (!fields[col]) continue;
        size_t cap = col == 6 ? limits_.max_summary_bytes : limits_.max_field_bytes;
        auto v = text_column(st, col, cap, path_ + ": related entry");
        if (!v) return v.error();
        *fields[col] = std::move(v.value());
    }
    r.position = st.column_int(2);
    if (!is_valid_article_id(r.article_id) || !is_valid_related_list(r.list) ||
        (!r.target_id.empty() && !is_valid_article_id(r.target_id)) ||
        (r.target_id.empty() && r.title.empty()))
        return make_error(ErrorCode::Invalid, path_ + ": related entry of '" + r.article_id.substr(0, 80) +
                                                  "' breaks the format's rules");
    return {};
}

Status BundleReader::for_each_related(const std::function<Status(const BundleRelated&)>& visit) {
    auto st = db_.prepare("SELECT article_id,list,position,target_id,kind,title,summary FROM related "
                          "ORDER BY article_id, list, position");
    if (!st) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st.error().message);
    BundleRelated r;
    std::string last_article;
    int64_t in_article = 0;
    for (;;) {
        auto row = st->step();
        if (!row) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + row.error().message);
        if (!row.value()) break;
        TIDINGS_TRY(read_related_row(st.value(), r));
        if (r.article_id != last_article) {
            last_article = r.article_id;
            in_article = 0;
        }
        if (++in_article > limits_.max_related_per_article)
            return make_error(ErrorCode::Invalid, path_ + ": article '" + r.article_id + "' has more than " +
                                                      std::to_string(limits_.max_related_per_article) +
                                                      " related entries");
        TIDINGS_TRY(visit(r));
    }
    return {};
}

Result<std::vector<BundleRelated>> BundleReader::related_of(const std::string& article_id) {
    if (!related_of_.is_prepared()) {
        auto st = db_.prepare("SELECT article_id,list,position,target_id,kind,title,summary FROM related "
                              "WHERE article_id = ? ORDER BY list, position");
        if (!st) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st.error().message);
        related_of_ = std::move(st.value());
    }
    related_of_.reset();
    related_of_.bind(1, article_id);
    std::vector<BundleRelated> out;
    for (;;) {
        auto row = related_of_.step();
        if (!row) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + row.error().message);
        if (!row.value()) break;
        BundleRelated r;
        TIDINGS_TRY(read_related_row(related_of_, r));
        out.push_back(std::move(r));
        if (static_cast<int64_t>(out.size()) > limits_.max_related_per_article)
            return make_error(ErrorCode::Invalid, path_ + ": article '" + article_id + "' has more than " +
                                                      std::to_string(limits_.max_related_per_article) +
                                                      " related entries");
    }
    related_of_.reset();
    return out;
}

static Status check_photo(const BundlePhoto& p, const BundleLimits& limits, const std::string& path) {
    const std::string where = path + ": photo " + p.hash.substr(0, 12);
    if (!is_sha256_hex(p.hash)) return make_error(ErrorCode::Invalid, path + ": a photo name is not a sha256");
    if (p.data.size() > limits.max_photo_bytes || p.thumb.size() > limits.max_photo_bytes)
        return make_error(ErrorCode::Invalid, where + " is over the size limit");
    if (sha256_hex(p.data) != p.hash)
        return make_error(ErrorCode::Corrupt, where + " does not match its hash (the photo is damaged)");
    for (auto [bytes, w, h, what] : {std::tuple{&p.data, p.width, p.height, "display photo"},
                                     {&p.thumb, p.thumb_width, p.thumb_height, "thumbnail"}}) {
        auto info = probe_image(*bytes);
        if (!info) return make_error(info.error().code, where + ": " + what + ": " + info.error().message);
        if (info->width != w || info->height != h)
            return make_error(ErrorCode::Invalid, where + ": " + what + " is " + std::to_string(info->width) + "x" +
                                                      std::to_string(info->height) + " but the bundle says " +
                                                      std::to_string(w) + "x" + std::to_string(h));
    }
    return {};
}

Status BundleReader::for_each_photo(const std::function<Status(const BundlePhoto&)>& visit) {
    auto st = db_.prepare("SELECT hash,width,height,data,thumb_width,thumb_height,thumb,caption,credit "
                          "FROM photos ORDER BY hash");
    if (!st) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st.error().message);
    BundlePhoto p;
    for (;;) {
        auto row = st->step();
        if (!row) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + row.error().message);
        if (!row.value()) break;
        p.hash.assign(st->column_text_view(0));
        p.width = st->column_int(1);
        p.height = st->column_int(2);
        if (static_cast<size_t>(st->column_bytes(3)) > limits_.max_photo_bytes ||
            static_cast<size_t>(st->column_bytes(6)) > limits_.max_photo_bytes)
            return make_error(ErrorCode::Invalid, path_ + ": photo " + p.hash.substr(0, 12) + " is over the size limit");
        auto d = st->column_blob_view(3);
        p.data.assign(d.begin(), d.end());
        p.thumb_width = st->column_int(4);
        p.thumb_height = st->column_int(5);
        auto t = st->column_blob_view(6);
        p.thumb.assign(t.begin(), t.end());
        for (auto [col, field] : {std::pair{7, &p.caption}, {8, &p.credit}}) {
            auto v = text_column(st.value(), col, limits_.max_field_bytes, path_ + ": photo caption");
            if (!v) return v.error();
            *field = std::move(v.value());
        }
        TIDINGS_TRY(check_photo(p, limits_, path_));
        TIDINGS_TRY(visit(p));
    }
    return {};
}

Result<BundlePhoto> BundleReader::photo(const std::string& hash) {
    auto st = db_.prepare("SELECT hash,width,height,data,thumb_width,thumb_height,thumb,caption,credit "
                          "FROM photos WHERE hash=?");
    if (!st) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st.error().message);
    st->bind(1, hash);
    auto row = st->step();
    if (!row) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + row.error().message);
    if (!row.value()) return make_error(ErrorCode::NotFound, path_ + " has no photo " + hash.substr(0, 12));
    BundlePhoto p;
    p.hash.assign(st->column_text_view(0));
    p.width = st->column_int(1);
    p.height = st->column_int(2);
    p.data = st->column_blob(3);
    p.thumb_width = st->column_int(4);
    p.thumb_height = st->column_int(5);
    p.thumb = st->column_blob(6);
    p.caption = st->column_text(7);
    p.credit = st->column_text(8);
    TIDINGS_TRY(check_photo(p, limits_, path_));
    return p;
}

Result<std::vector<std::string>> BundleReader::checked_strings(const char* sql, bool (*valid)(std::string_view),
                                                              const char* what) {
    auto st = db_.prepare(sql);
    if (!st) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st.error().message);
    std::vector<std::string> out;
    for (;;) {
        auto row = st->step();
        if (!row) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + row.error().message);
        if (!row.value()) break;
        std::string s(st->column_text_view(0));
        if (!valid(s)) return make_error(ErrorCode::Invalid, path_ + ": " + what);
        out.push_back(std::move(s));
    }
    return out;
}

Result<std::vector<std::string>> BundleReader::photo_hashes() {
    return checked_strings("SELECT hash FROM photos ORDER BY hash", is_sha256_hex, "a photo name is not a sha256");
}

Result<std::vector<std::string>> BundleReader::withdrawn_ids() {
    return checked_strings("SELECT article_id FROM withdrawn ORDER BY article_id", is_valid_article_id,
                           "a withdrawn id is not a valid article id");
}

Status BundleReader::check_integrity() {
    auto st = db_.prepare("PRAGMA quick_check(1)");
    if (!st) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st.error().message);
    auto row = st->step();
    if (!row) return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + row.error().message);
    if (!row.value() || st->column_text_view(0) != "ok")
        return make_error(ErrorCode::Corrupt, path_ + " is damaged: " + st->column_text(0));
    return {};
}

} // namespace tidings
