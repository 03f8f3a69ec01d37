// The Tidings bundle format v1: an SQLite file. Constants, records, validation and content hashes.
// The format is documented for people in core/BUNDLE_FORMAT.md; keep the two in step.
#pragma once

#include "core/hash.h"
#include "core/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tidings {

// SQLite application_id of a bundle ("TDNB") and of a library ("TDNL").
constexpr int32_t kBundleApplicationId = 0x54444E42;
constexpr int32_t kLibraryApplicationId = 0x54444E4C;
// The bundle format version this program writes and reads (PRAGMA user_version).
constexpr int kBundleFormatVersion = 1;

// Caps on what a bundle may declare; a bundle over any of them is refused before applying.
struct BundleLimits {
    uint64_t max_file_bytes = 8ull << 30;     // whole bundle file
    int64_t max_articles = 1'000'000;         // articles in one bundle
    int64_t max_photos = 1'000'000;           // photos in one bundle
    size_t max_title_bytes = 1'000;           // article title
    size_t max_summary_bytes = 10'000;        // article summary
    size_t max_body_bytes = 2'000'000;        // article body (Markdown)
    size_t max_field_bytes = 2'000;           // any other short text field
    size_t max_photo_bytes = 16u << 20;       // one encoded photo (display or thumbnail)
    int64_t max_related_per_article = 100;    // entries in one article's publisher lists
    int64_t max_withdrawn = 1'000'000;        // withdrawn ids
};

enum class BundleKind { Full, Delta };

// The one row of the `bundle` table: what the bundle is and where it belongs.
struct BundleHeader {
    int format = kBundleFormatVersion;  // format version (also PRAGMA user_version)
    std::string channel;                // channel id: [a-z0-9][a-z0-9.-]{0,63}
    std::string channel_title;          // channel name people read
    int64_t sequence = 0;               // grows with every bundle of the channel, >= 1
    BundleKind kind = BundleKind::Full; // full state or a change from base_sequence
    int64_t base_sequence = 0;          // delta: the sequence it applies on; full: 0
    std::string created;                // ISO 8601 UTC, when the publisher built it
    std::string expires;                // ISO 8601 UTC after which it brings no news; may be empty
    std::string state_digest;           // sha256 hex of the channel state after applying
    std::string generator;              // program that wrote it, e.g. "tidings-bundle 0.1.0"
};

// Bit flags of an article.
enum ArticleFlags : int64_t {
    ArticleEditorsChoice = 1 << 0, // shown first on home
    ArticlePopular = 1 << 1,       // in the popular list
};

// One article as a bundle carries it (body Markdown with photo refs "photo:<sha256>").
struct BundleArticle {
    std::string id;            // stable id within the channel: [a-z0-9][a-z0-9-]{0,79}
    std::string title;         // required, one line
    std::string language;      // en, hy, az, ka, ru, ... (2-3 lowercase letters)
    std::string section;       // may be empty
    std::string kind;          // News, Interview, Opinion, ...; may be empty
    std::string published;     // ISO 8601 or empty
    std::string updated;       // ISO 8601 or empty
    std::string authors;       // "; "-separated, byline order
    std::string source_name;   // e.g. commonspace.eu
    std::string source_url;    // http(s) URL or empty
    std::string summary;       // one paragraph
    std::string body;          // Markdown subset (text_model.h)
    std::string photo;         // hero photo sha256 hex, or empty
    std::string photo_caption; // hero photo caption
    std::string photo_credit;  // hero photo credit
    int64_t flags = 0;         // ArticleFlags bits
};

// One entry of an article's publisher-given related lists.
struct BundleRelated {
    std::string article_id; // the article whose page shows this entry
    std::string list;       // related, editors_choice, popular
    int64_t position = 0;   // order within the list, from 0
    std::string target_id;  // article id in the channel, or empty for a card only
    std::string kind;       // card kind (News, Interview...)
    std::string title;      // card title (required when target_id is empty)
    std::string summary;    // card summary
};

// One photo: a display JPEG named by its sha256, and its thumbnail.
struct BundlePhoto {
    std::string hash;              // sha256 hex of `data`
    int64_t width = 0;             // display size in pixels
    int64_t height = 0;
    std::vector<uint8_t> data;     // display JPEG
    int64_t thumb_width = 0;       // thumbnail size in pixels
    int64_t thumb_height = 0;
    std::vector<uint8_t> thumb;    // thumbnail JPEG
    std::string caption;           // default caption, may be empty
    std::string credit;            // default credit, may be empty
};

// The SQL that creates an empty v1 bundle.
std::string_view bundle_schema_sql();

// Validators: true when the text is acceptable for that field.
bool is_valid_channel_id(std::string_view id);
bool is_valid_article_id(std::string_view id);
bool is_valid_language(std::string_view lang);
bool is_valid_related_list(std::string_view list);

// The content hash of an article with its publisher related entries: any change to what a
// reader shows changes it. RELATED must be the article's entries in list/position order.
std::string article_content_hash(const BundleArticle& article,
                                 const std::vector<BundleRelated>& related);

// The state digest of a channel: sha256 over its articles' (id, content hash) pairs sorted by
// id. PAIRS must be sorted by id.
std::string channel_state_digest(const std::vector<std::pair<std::string, std::string>>& pairs);

// The same digest built one pair at a time, so a channel of any size is digested in constant
// memory. Pairs must come sorted by id.
class ChannelStateDigest {
  public:
    ChannelStateDigest();
    // Adds one article's id and content hash.
    void add(std::string_view id, std::string_view content_hash);
    // The digest as 64 hex digits; call once.
    std::string finish_hex() { return sha_.finish_hex(); }

  private:
    Sha256 sha_; // running hash
};

// Checks one article's fields against LIMITS and the format's rules. ORIGIN names the bundle.
Status validate_article(const BundleArticle& article, const BundleLimits& limits,
                        std::string_view origin);

const char* bundle_kind_name(BundleKind kind);

} // namespace tidings
