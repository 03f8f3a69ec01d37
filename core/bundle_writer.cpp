// Writing bundles: the BundleWriter steps and the deterministic build from a source folder.
#include "core/bundle_writer.h"

#include "core/hash.h"
#include "core/image.h"
#include "core/source_article.h"
#include "core/text_model.h"
#include "core/time_util.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace tidings {

// ---------------------------------------------------------------------------------------------
// [SECTION] BundleWriter
// ---------------------------------------------------------------------------------------------

namespace {

// Rows are added in any order and staged here; finish() copies them into the bundle's tables in
// the order a reader applies them (articles by language, then oldest first; their related
// entries with them; photos by hash), so reading a bundle goes front to back through the file.
// The staging tables are dropped before the file is compacted. The unique indexes refuse a second
// article with the same id and skip a photo already added, as the bundle's own keys would.
constexpr const char* kStagingSql = R"SQL(
CREATE TABLE staged_articles AS SELECT * FROM articles WHERE 0;
CREATE UNIQUE INDEX staged_articles_id ON staged_articles(id);
CREATE INDEX staged_articles_by_language ON staged_articles(language, published, id);
CREATE TABLE staged_photos AS SELECT * FROM photos WHERE 0;
CREATE UNIQUE INDEX staged_photos_hash ON staged_photos(hash);
CREATE TABLE staged_related AS SELECT * FROM related WHERE 0;
CREATE INDEX staged_related_article ON staged_related(article_id, list, position);
)SQL";

// Fills the bundle's tables from the staging tables, in reading order, and drops the staging.
constexpr const char* kUnstageSql = R"SQL(
INSERT INTO articles SELECT * FROM staged_articles INDEXED BY staged_articles_by_language
  ORDER BY language, published, id;
INSERT INTO related SELECT r.* FROM articles a JOIN staged_related r ON r.article_id = a.id
  ORDER BY a.rowid, r.list, r.position;
INSERT INTO photos SELECT * FROM staged_photos INDEXED BY staged_photos_hash ORDER BY hash;
DROP TABLE staged_articles;
DROP TABLE staged_related;
DROP TABLE staged_photos;
)SQL";

} // namespace

Result<BundleWriter> BundleWriter::create(const std::string& path) {
    BundleWriter w;
    w.path_ = path;
    w.part_path_ = path + ".part";
    std::error_code ec;
    fs::remove(w.part_path_, ec);
    auto db = Db::open(w.part_path_, OpenMode::ReadWrite);
    if (!db) return db.error();
    w.db_ = std::move(db.value());
    // secure_delete off: dropping the staging tables would otherwise overwrite every page they
    // held with zeros, and VACUUM leaves no free page in the finished file anyway.
    TIDINGS_TRY(
        w.db_.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA secure_delete=OFF;"
                   " PRAGMA page_size=4096; PRAGMA application_id=" +
                   std::to_string(kBundleApplicationId) +
                   "; PRAGMA user_version=" + std::to_string(kBundleFormatVersion) + ";"));
    TIDINGS_TRY(w.db_.exec(bundle_schema_sql()));
    TIDINGS_TRY(w.db_.exec("BEGIN"));
    TIDINGS_TRY(w.db_.exec(kStagingSql));
    auto ins_a = w.db_.prepare(
        "INSERT INTO staged_articles(id,title,language,section,kind,published,updated,authors,source_name,"
        "source_url,summary,body,photo,photo_caption,photo_credit,flags) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!ins_a) return ins_a.error();
    auto ins_r = w.db_.prepare("INSERT INTO staged_related(article_id,list,position,target_id,kind,title,"
                               "summary) VALUES(?,?,?,?,?,?,?)");
    if (!ins_r) return ins_r.error();
    auto ins_p = w.db_.prepare("INSERT OR IGNORE INTO staged_photos(hash,width,height,data,thumb_width,"
                               "thumb_height,thumb,caption,credit) VALUES(?,?,?,?,?,?,?,?,?)");
    if (!ins_p) return ins_p.error();
    auto has_p = w.db_.prepare("SELECT 1 FROM staged_photos WHERE hash=?");
    if (!has_p) return has_p.error();
    w.insert_article_ = std::move(ins_a.value());
    w.insert_related_ = std::move(ins_r.value());
    w.insert_photo_ = std::move(ins_p.value());
    w.has_photo_ = std::move(has_p.value());
    return w;
}

BundleWriter::BundleWriter(BundleWriter&& o) noexcept
    : db_(std::move(o.db_)), path_(std::move(o.path_)), part_path_(std::move(o.part_path_)),
      finished_(o.finished_), state_(std::move(o.state_)),
      insert_article_(std::move(o.insert_article_)), insert_related_(std::move(o.insert_related_)),
      insert_photo_(std::move(o.insert_photo_)), has_photo_(std::move(o.has_photo_)) {
    o.part_path_.clear();
}

BundleWriter::~BundleWriter() {
    if (!finished_ && !part_path_.empty()) {
        insert_article_ = Stmt();
        insert_related_ = Stmt();
        insert_photo_ = Stmt();
        has_photo_ = Stmt();
        db_ = Db();
        std::error_code ec;
        fs::remove(part_path_, ec);
    }
}

Status BundleWriter::add_photo(const BundlePhoto& p) {
    insert_photo_.reset();
    insert_photo_.bind(1, p.hash).bind(2, p.width).bind(3, p.height).bind_blob(4, p.data);
    insert_photo_.bind(5, p.thumb_width).bind(6, p.thumb_height).bind_blob(7, p.thumb);
    insert_photo_.bind(8, p.caption).bind(9, p.credit);
    return insert_photo_.run();
}

bool BundleWriter::has_photo(const std::string& hash) {
    has_photo_.reset();
    has_photo_.bind(1, hash);
    auto r = has_photo_.step();
    bool found = r.ok() && r.value();
    has_photo_.reset();
    return found;
}

Status BundleWriter::add_article(const BundleArticle& a, const std::vector<BundleRelated>& related) {
    insert_article_.reset();
    int i = 1;
    for (const std::string* f : {&a.id, &a.title, &a.language, &a.section, &a.kind, &a.published,
                                 &a.updated, &a.authors, &a.source_name, &a.source_url,
                                 &a.summary, &a.body, &a.photo, &a.photo_caption, &a.photo_credit})
        insert_article_.bind(i++, *f);
    insert_article_.bind(i, a.flags);
    if (auto s = insert_article_.run(); !s.ok()) {
        if (s.error().code == ErrorCode::Invalid)
            return make_error(ErrorCode::Invalid, "two articles have the id '" + a.id + "'");
        return s;
    }
    std::vector<BundleRelated> numbered = related;
    std::map<std::string, int64_t> next_position;
    for (auto& r : numbered) {
        r.article_id = a.id;
        r.position = next_position[r.list]++;
        insert_related_.reset();
        insert_related_.bind(1, r.article_id).bind(2, r.list).bind(3, r.position);
        insert_related_.bind(4, r.target_id).bind(5, r.kind).bind(6, r.title).bind(7, r.summary);
        TIDINGS_TRY(insert_related_.run());
    }
    std::stable_sort(numbered.begin(), numbered.end(), [](const auto& x, const auto& y) {
        return std::tie(x.list, x.position) < std::tie(y.list, y.position);
    });
    state_.emplace_back(a.id, article_content_hash(a, numbered));
    return {};
}

Status BundleWriter::add_withdrawn(const std::string& article_id) {
    auto st = db_.prepare("INSERT OR IGNORE INTO withdrawn(article_id) VALUES(?)");
    if (!st) return st.error();
    st->bind(1, article_id);
    return st->run();
}

Status BundleWriter::finish(BundleHeader h) {
    if (h.state_digest.empty()) {
        if (h.kind != BundleKind::Full)
            return make_error(ErrorCode::Internal, "a delta bundle needs its target's state digest");
        std::sort(state_.begin(), state_.end());
        h.state_digest = channel_state_digest(state_);
    }
    if (h.generator.empty()) h.generator = std::string("tidings-bundle ") + TIDINGS_VERSION;
    auto st = db_.prepare("INSERT INTO bundle(format,channel,channel_title,sequence,kind,"
                          "base_sequence,created,expires,state_digest,generator) "
                          "VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    st->bind(1, h.format).bind(2, h.channel).bind(3, h.channel_title).bind(4, h.sequence);
    st->bind(5, bundle_kind_name(h.kind));
    if (h.kind == BundleKind::Delta)
        st->bind(6, h.base_sequence);
    else
        st->bind_null(6);
    st->bind(7, h.created);
    if (h.expires.empty())
        st->bind_null(8);
    else
        st->bind(8, h.expires);
    st->bind(9, h.state_digest).bind(10, h.generator);
    TIDINGS_TRY(st->run());
    st = Stmt();
    insert_article_ = Stmt();
    insert_related_ = Stmt();
    insert_photo_ = Stmt();
    has_photo_ = Stmt();
    TIDINGS_TRY(db_.exec(kUnstageSql));
    TIDINGS_TRY(db_.exec("COMMIT"));
    // VACUUM lays pages out in key order, so equal content gives equal bytes.
    TIDINGS_TRY(db_.exec("VACUUM"));
    db_ = Db();
    std::error_code ec;
    fs::rename(part_path_, path_, ec);
    if (ec) return make_error(ErrorCode::Io, path_ + ": cannot move the finished bundle into place: " + ec.message());
    finished_ = true;
    return {};
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Building from a source folder
// ---------------------------------------------------------------------------------------------

namespace {

// What channel.txt says.
struct ChannelFile {
    std::string channel;                // channel id
    std::string title;                  // channel title
    int64_t sequence = 0;               // bundle sequence
    std::string created;                // ISO 8601
    std::string expires;                // ISO 8601 or empty
    std::vector<std::string> withdrawn; // withdrawn article ids
};

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(b, e - b));
}

Result<std::string> read_text_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return make_error(ErrorCode::Io, p.string() + ": cannot read the file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Result<ChannelFile> read_channel_file(const fs::path& p) {
    auto text = read_text_file(p);
    if (!text)
        return make_error(ErrorCode::NotFound,
                          p.string() + " is missing: a source folder needs channel.txt with "
                                       "'channel:', 'title:', 'sequence:' and 'created:' lines");
    ChannelFile c;
    std::istringstream in(text.value());
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        auto colon = t.find(':');
        if (colon == std::string::npos)
            return make_error(ErrorCode::Invalid, p.string() + ":" + std::to_string(n) + ": expected 'key: value'");
        std::string key = trim(std::string_view(t).substr(0, colon));
        std::string value = trim(std::string_view(t).substr(colon + 1));
        if (key == "channel") c.channel = value;
        else if (key == "title") c.title = value;
        else if (key == "created") c.created = value;
        else if (key == "expires") c.expires = value;
        else if (key == "sequence") {
            try {
                c.sequence = std::stoll(value);
            } catch (...) {
                return make_error(ErrorCode::Invalid, p.string() + ":" + std::to_string(n) + ": sequence must be a number");
            }
        } else if (key == "withdrawn") {
            std::stringstream ids(value);
            std::string id;
            while (std::getline(ids, id, ',')) {
                id = trim(id);
                if (!id.empty()) c.withdrawn.push_back(id);
            }
        } else {
            return make_error(ErrorCode::Invalid, p.string() + ":" + std::to_string(n) + ": unknown key '" + key + "'");
        }
    }
    return c;
}

// Derives a summary from the body: the first paragraph, cut at a sentence end near 300 bytes.
std::string derive_summary(const TextModel& model) {
    for (const auto& b : model.blocks) {
        if (b.kind != BlockKind::Paragraph) continue;
        std::string text;
        for (const auto& s : b.spans) text += s.text;
        if (text.size() <= 320) return text;
        size_t cut = std::string::npos;
        for (size_t i = 80; i < 320 && i < text.size(); ++i)
            if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && i + 1 < text.size() && text[i + 1] == ' ')
                cut = i + 1;
        if (cut == std::string::npos) {
            cut = text.rfind(' ', 300);
            if (cut == std::string::npos) cut = 300;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
            return text.substr(0, cut) + "…";
        }
        return text.substr(0, cut - 1 + 1);
    }
    return {};
}

// Resolves a photo reference written in an article file to a path inside the source folder.
Result<fs::path> resolve_photo(const fs::path& src_root, const fs::path& article_dir,
                               const std::string& ref, const std::string& origin) {
    fs::path rel(ref);
    if (ref.empty() || rel.is_absolute() || ref.find("..") != std::string::npos)
        return make_error(ErrorCode::Invalid, origin + ": photo '" + ref +
                                                  "' must be a path inside the source folder");
    fs::path p = article_dir / rel;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec))
        return make_error(ErrorCode::NotFound, origin + ": photo '" + ref + "' is missing (looked for " +
                                                   fs::relative(p, src_root, ec).string() + ")");
    return p;
}

} // namespace

Result<BuildReport> build_from_source(const std::string& src_dir, const std::string& out_path,
                                      const BuildOptions& options) {
    fs::path root(src_dir);
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        return make_error(ErrorCode::NotFound, src_dir + " is not a folder");
    auto channel = read_channel_file(root / "channel.txt");
    if (!channel) return channel.error();
    ChannelFile& ch = channel.value();
    if (options.sequence > 0) ch.sequence = options.sequence;
    if (!options.created.empty()) ch.created = options.created;
    if (!options.expires.empty()) ch.expires = options.expires;
    const std::string chan_origin = (root / "channel.txt").string();
    if (!is_valid_channel_id(ch.channel))
        return make_error(ErrorCode::Invalid, chan_origin + ": channel '" + ch.channel +
                                                  "' is not a valid channel id (a-z, 0-9, '-', '.')");
    if (ch.sequence < 1)
        return make_error(ErrorCode::Invalid, chan_origin + ": sequence must be 1 or more");
    if (!parse_iso8601(ch.created))
        return make_error(ErrorCode::Invalid, chan_origin + ": created '" + ch.created +
                                                  "' is not an ISO 8601 time such as 2026-11-01T00:00:00Z");
    if (!ch.expires.empty() && !parse_iso8601(ch.expires))
        return make_error(ErrorCode::Invalid, chan_origin + ": expires '" + ch.expires + "' is not an ISO 8601 time");
    if (ch.title.empty()) ch.title = ch.channel;

    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".md") files.push_back(it->path());
    }
    if (ec) return make_error(ErrorCode::Io, src_dir + ": cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) return make_error(ErrorCode::Invalid, src_dir + " holds no article (*.md) files");

    auto writer = BundleWriter::create(out_path);
    if (!writer) return writer.error();
    BuildReport report;
    std::map<std::string, std::string> photo_hash_by_path; // source photo path -> display hash
    BundleLimits limits;

    // Decodes, scales and stores one photo file once; returns its display hash.
    auto add_photo_file = [&](const fs::path& p, const std::string& caption,
                              const std::string& credit) -> Result<std::string> {
        std::string key = p.lexically_normal().string();
        if (auto it = photo_hash_by_path.find(key); it != photo_hash_by_path.end()) return it->second;
        auto bytes_text = read_text_file(p);
        if (!bytes_text) return bytes_text.error();
        const std::string& raw = bytes_text.value();
        report.source_photo_bytes += static_cast<int64_t>(raw.size());
        auto prepared = prepare_photo(
            std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(raw.data()), raw.size()),
            p.string());
        if (!prepared) return prepared.error();
        BundlePhoto photo;
        photo.data = std::move(prepared->display);
        photo.hash = sha256_hex(photo.data);
        photo.width = prepared->display_width;
        photo.height = prepared->display_height;
        photo.thumb = std::move(prepared->thumb);
        photo.thumb_width = prepared->thumb_width;
        photo.thumb_height = prepared->thumb_height;
        photo.caption = caption;
        photo.credit = credit;
        if (!writer->has_photo(photo.hash)) {
            TIDINGS_TRY(writer->add_photo(photo));
            ++report.photos;
        }
        photo_hash_by_path[key] = photo.hash;
        return photo.hash;
    };

    int64_t done = 0;
    for (const auto& file : files) {
        const std::string origin = file.string();
        auto text = read_text_file(file);
        if (!text) return text.error();
        auto parsed = parse_source_article(text.value(), origin);
        if (!parsed) return parsed.error();
        SourceArticle& s = parsed.value();
        BundleArticle a;
        a.id = s.id.empty() ? file.stem().string() : s.id;
        a.title = s.title;
        a.language = s.language.empty() ? "en" : s.language;
        a.section = s.section;
        a.kind = s.kind;
        a.published = s.published;
        a.updated = s.updated;
        for (size_t i = 0; i < s.authors.size(); ++i) a.authors += (i ? "; " : "") + s.authors[i];
        a.source_name = s.source_name;
        a.source_url = s.source_url;
        a.photo_caption = s.photo_caption;
        a.photo_credit = s.photo_credit;
        for (const auto& f : s.flags) {
            if (f == "editors_choice") a.flags |= ArticleEditorsChoice;
            else if (f == "popular") a.flags |= ArticlePopular;
            else return make_error(ErrorCode::Invalid, origin + ": unknown flag '" + f + "' (known: editors_choice, popular)");
        }
        const fs::path dir = file.parent_path();
        if (!s.photo.empty()) {
            auto p = resolve_photo(root, dir, s.photo, origin);
            if (!p) return p.error();
            auto h = add_photo_file(p.value(), s.photo_caption, s.photo_credit);
            if (!h) return h.error();
            a.photo = h.value();
        }
        // Inline photos: decode each, then rewrite the Markdown to name them by hash.
        TextModel model = parse_markdown(s.body);
        std::map<std::string, std::string> inline_hash;
        for (const auto& b : model.blocks) {
            if (b.kind != BlockKind::Photo || inline_hash.count(b.photo_ref)) continue;
            auto p = resolve_photo(root, dir, b.photo_ref, origin);
            if (!p) return p.error();
            auto h = add_photo_file(p.value(), b.caption, b.credit);
            if (!h) return h.error();
            inline_hash[b.photo_ref] = h.value();
        }
        a.body = inline_hash.empty() ? s.body
                                     : rewrite_photo_refs(s.body, [&](std::string_view ref) {
                                           auto it = inline_hash.find(std::string(ref));
                                           return it == inline_hash.end() ? std::string(ref)
                                                                          : "photo:" + it->second;
                                       });
        a.summary = s.summary.empty() ? derive_summary(model) : s.summary;
        if (a.published.empty()) report.warnings.push_back(origin + ": no published date");
        TIDINGS_TRY(validate_article(a, limits, origin));
        std::vector<BundleRelated> related;
        for (const auto& card : s.related) {
            BundleRelated r;
            r.list = card.list;
            r.target_id = card.article_id;
            r.kind = card.kind;
            r.title = card.title;
            r.summary = card.summary;
            if (!is_valid_related_list(r.list))
                return make_error(ErrorCode::Invalid, origin + ": related list '" + r.list +
                                                          "' is not one of related, editors_choice, popular");
            if (r.target_id.empty() && r.title.empty())
                return make_error(ErrorCode::Invalid, origin + ": a related card needs a title or an article id");
            related.push_back(std::move(r));
        }
        if (auto st = writer->add_article(a, related); !st.ok())
            return make_error(st.error().code, origin + ": " + st.error().message);
        ++report.articles;
        if (options.progress) options.progress(++done, static_cast<int64_t>(files.size()));
    }
    for (const auto& id : ch.withdrawn) {
        if (!is_valid_article_id(id))
            return make_error(ErrorCode::Invalid, chan_origin + ": withdrawn id '" + id + "' is not a valid article id");
        TIDINGS_TRY(writer->add_withdrawn(id));
    }
    BundleHeader h;
    h.channel = ch.channel;
    h.channel_title = ch.title;
    h.sequence = ch.sequence;
    h.kind = BundleKind::Full;
    h.created = ch.created;
    h.expires = ch.expires;
    TIDINGS_TRY(writer->finish(h));
    report.bundle_bytes = static_cast<int64_t>(fs::file_size(out_path, ec));
    return report;
}

} // namespace tidings
