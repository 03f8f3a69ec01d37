// Delta bundles: compares two full bundles by article content hash and writes the difference.
#include "core/bundle_delta.h"

#include "core/bundle_reader.h"
#include "core/bundle_writer.h"
#include "core/text_model.h"

#include <filesystem>
#include <set>
#include <unordered_map>

namespace tidings {

Result<DeltaReport> make_delta(const std::string& old_path, const std::string& new_path,
                               const std::string& out_path) {
    auto old_b = BundleReader::open(old_path);
    if (!old_b) return old_b.error();
    auto new_b = BundleReader::open(new_path);
    if (!new_b) return new_b.error();
    const BundleHeader& oh = old_b->header();
    const BundleHeader& nh = new_b->header();
    if (oh.kind != BundleKind::Full || nh.kind != BundleKind::Full)
        return make_error(ErrorCode::Invalid, "a delta is made from two full bundles");
    if (oh.channel != nh.channel)
        return make_error(ErrorCode::Invalid, old_path + " is channel '" + oh.channel + "' but " + new_path +
                                                  " is channel '" + nh.channel + "'");
    if (nh.sequence <= oh.sequence)
        return make_error(ErrorCode::Invalid, new_path + " (sequence " + std::to_string(nh.sequence) +
                                                  ") is not newer than " + old_path + " (sequence " +
                                                  std::to_string(oh.sequence) + ")");
    DeltaReport report;
    report.base_sequence = oh.sequence;
    report.sequence = nh.sequence;

    // Old state: id -> content hash, and the photos readers of OLD already have.
    std::unordered_map<std::string, std::string> old_hash;
    TIDINGS_TRY(old_b->for_each_article([&](const BundleArticle& a) -> Status {
        auto rel = old_b->related_of(a.id);
        if (!rel) return rel.error();
        old_hash.emplace(a.id, article_content_hash(a, rel.value()));
        return {};
    }));
    auto old_photos_list = old_b->photo_hashes();
    if (!old_photos_list) return old_photos_list.error();
    std::set<std::string> old_photos(old_photos_list->begin(), old_photos_list->end());

    auto writer = BundleWriter::create(out_path);
    if (!writer) return writer.error();
    std::set<std::string> new_ids;
    TIDINGS_TRY(new_b->for_each_article([&](const BundleArticle& a) -> Status {
        new_ids.insert(a.id);
        auto rel = new_b->related_of(a.id);
        if (!rel) return rel.error();
        auto it = old_hash.find(a.id);
        if (it != old_hash.end() && it->second == article_content_hash(a, rel.value())) return {};
        std::set<std::string> photos;
        if (!a.photo.empty()) photos.insert(a.photo);
        for (const auto& ref : photo_refs(parse_markdown(a.body)))
            if (ref.rfind("photo:", 0) == 0) photos.insert(ref.substr(6));
        for (const auto& h : photos) {
            if (old_photos.count(h) || writer->has_photo(h)) continue;
            auto p = new_b->photo(h);
            if (!p) return p.error();
            TIDINGS_TRY(writer->add_photo(p.value()));
            ++report.photos;
        }
        TIDINGS_TRY(writer->add_article(a, rel.value()));
        ++report.changed;
        return {};
    }));
    for (const auto& [id, hash] : old_hash) {
        if (new_ids.count(id)) continue;
        TIDINGS_TRY(writer->add_withdrawn(id));
        ++report.withdrawn;
    }
    BundleHeader h = nh;
    h.kind = BundleKind::Delta;
    h.base_sequence = oh.sequence;
    h.generator.clear();
    TIDINGS_TRY(writer->finish(h));
    std::error_code ec;
    report.bytes = static_cast<int64_t>(std::filesystem::file_size(out_path, ec));
    return report;
}

} // namespace tidings
