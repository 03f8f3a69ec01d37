// Reading bundles: opens a bundle file read-only with defensive settings and streams its records.
#pragma once

#include "core/bundle_format.h"
#include "core/result.h"
#include "core/sqlite_db.h"

#include <functional>
#include <string>
#include <vector>

namespace tidings {

// A bundle opened for reading. Nothing is trusted: the header is checked on open, and every
// record is checked against LIMITS as it is read. Move-only.
class BundleReader {
  public:
    // Opens PATH, checks that it is a v1 Tidings bundle and reads its header. Errors: missing
    // file (NotFound), not SQLite or truncated (Corrupt), another kind of SQLite file (NotOurs),
    // a newer format (TooNew), a header that breaks the rules (Invalid). Messages name the file.
    static Result<BundleReader> open(const std::string& path, const BundleLimits& limits = {});

    const BundleHeader& header() const { return header_; }
    const std::string& path() const { return path_; }
    int64_t article_count() const { return article_count_; }
    int64_t photo_count() const { return photo_count_; }

    // Streams articles in id order; VISIT returns a Status to stop early with an error.
    // Every article is validated before VISIT sees it.
    Status for_each_article(const std::function<Status(const BundleArticle&)>& visit);
    // Streams articles oldest first (published date, then id).
    Status for_each_article_by_date(const std::function<Status(const BundleArticle&)>& visit);
    // Streams articles in the order an apply writes them: by language, then oldest first, when
    // the bundle has the index for it (articles_by_language); bundles written before it, oldest
    // first. Either way the same file gives the same order.
    Status for_each_article_to_apply(const std::function<Status(const BundleArticle&)>& visit);
    // Streams the article ids in id order (byte order), each a valid article id; nothing else of
    // the articles is read.
    Status for_each_id(const std::function<Status(std::string_view id)>& visit);
    // The related entries of one article, in (list, position) order, validated.
    Result<std::vector<BundleRelated>> related_of(const std::string& article_id);
    // Streams related entries in (article_id, list, position) order.
    Status for_each_related(const std::function<Status(const BundleRelated&)>& visit);
    // Streams photos in hash order, each checked: hash matches the data, sizes within limits.
    Status for_each_photo(const std::function<Status(const BundlePhoto&)>& visit);
    // Hashes of all photos, in order (no image data is read).
    Result<std::vector<std::string>> photo_hashes();
    Result<std::vector<std::string>> withdrawn_ids();
    // Reads one photo by hash; NotFound when the bundle does not hold it.
    Result<BundlePhoto> photo(const std::string& hash);
    // SQLite's own structure check (quick_check); Corrupt with the first problem.
    Status check_integrity();

  private:
    BundleReader() = default;
    Status stream_articles(const char* order_by, const std::function<Status(const BundleArticle&)>& visit);
    Status read_related_row(const Stmt& st, BundleRelated& r);
    // The first column of SQL's rows, each passing VALID (else Invalid: WHAT).
    Result<std::vector<std::string>> checked_strings(const char* sql, bool (*valid)(std::string_view), const char* what);
    Stmt related_of_;            // prepared on first related_of()
    Db db_;                      // read-only, defensive connection
    std::string path_;           // for messages
    BundleLimits limits_;        // caps checked on every record
    BundleHeader header_;        // the bundle row
    int64_t article_count_ = 0;  // rows in articles
    int64_t photo_count_ = 0;    // rows in photos
};

} // namespace tidings
