// Writing bundles: a BundleWriter used in numbered steps, and the build from a source folder.
#pragma once

#include "core/bundle_format.h"
#include "core/result.h"
#include "core/sqlite_db.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tidings {

// Writes one bundle file. Steps: 1. create(), 2. add_photo()/add_article()/add_withdrawn() in any
// order, 3. finish(), which compacts the file and moves it into place. Until finish() succeeds
// only PATH.part exists; a writer destroyed before finish() removes it.
class BundleWriter {
  public:
    // Starts PATH.part (replacing any stale one). Error names the file.
    static Result<BundleWriter> create(const std::string& path);
    ~BundleWriter();
    BundleWriter(BundleWriter&&) noexcept;
    BundleWriter& operator=(BundleWriter&&) = delete;
    BundleWriter(const BundleWriter&) = delete;
    BundleWriter& operator=(const BundleWriter&) = delete;

    // Adds a photo; a photo whose hash is already in the bundle is skipped.
    Status add_photo(const BundlePhoto& photo);
    bool has_photo(const std::string& hash);
    // Adds an article with its publisher related entries (positions are renumbered per list in
    // the given order). Refuses a duplicate id.
    Status add_article(const BundleArticle& article, const std::vector<BundleRelated>& related);
    Status add_withdrawn(const std::string& article_id);

    // Writes the header and finishes the file. For a full bundle an empty state_digest is
    // computed from the articles added; a delta must carry its target's digest.
    Status finish(BundleHeader header);

    int64_t article_count() const { return static_cast<int64_t>(state_.size()); }

  private:
    BundleWriter() = default;
    Db db_;                 // the .part file being written
    std::string path_;      // final path
    std::string part_path_; // path + ".part"
    bool finished_ = false; // finish() succeeded
    std::vector<std::pair<std::string, std::string>> state_; // (id, content hash) of articles
    Stmt insert_article_, insert_related_, insert_photo_, has_photo_;
};

// What build_from_source() read and wrote.
struct BuildReport {
    int64_t articles = 0;     // articles written
    int64_t photos = 0;       // distinct photos written
    int64_t source_photo_bytes = 0; // bytes of the original photo files read
    int64_t bundle_bytes = 0; // size of the finished bundle file
    std::vector<std::string> warnings; // things an editor should look at (no date, no summary)
};

// Options of build_from_source(); empty/zero fields come from SRC_DIR/channel.txt.
struct BuildOptions {
    int64_t sequence = 0;  // overrides channel.txt's sequence
    std::string created;   // overrides channel.txt's created (ISO 8601)
    std::string expires;   // overrides channel.txt's expires
    // Called after each article with (done, total); may be empty.
    std::function<void(int64_t done, int64_t total)> progress;
};

// Builds a full bundle from a source folder: SRC_DIR/channel.txt (channel, title, sequence,
// created, expires, withdrawn lines) and every *.md article below SRC_DIR (sorted by path),
// with the photos they name decoded, scaled to a display size and a thumbnail, and re-encoded.
// Deterministic: the same folder gives the same bytes. On error nothing is left at OUT_PATH.
Result<BuildReport> build_from_source(const std::string& src_dir, const std::string& out_path,
                                      const BuildOptions& options = {});

} // namespace tidings
