// Channel folders: index format, sync planning and publishing (see channel_index.h).
#include "core/channel_index.h"

#include "core/bundle_delta.h"
#include "core/bundle_reader.h"
#include "core/file_util.h"
#include "core/hash.h"
#include "core/search_text.h"
#include "core/trust.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <set>

namespace tidings {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader = "tidings channel index 1";

bool parse_i64(std::string_view s, int64_t& out) {
    if (s.empty() || s.size() > 18) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && out >= 0;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    for (;;) {
        size_t next = s.find(sep, pos);
        out.push_back(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    return out;
}

} // namespace

bool is_safe_bundle_file_name(std::string_view name) {
    constexpr std::string_view ext = ".tidings";
    if (name.size() <= ext.size() || name.size() > 128 || name.front() == '.') return false;
    if (name.substr(name.size() - ext.size()) != ext) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) return false;
    return name.find("..") == std::string_view::npos;
}

std::string format_channel_index(const ChannelIndex& index) {
    std::string out(kHeader);
    out += "\nchannel: " + index.channel + "\ntitle: " + index.title + "\nlatest: " + std::to_string(index.latest) + "\n";
    std::vector<IndexEntry> sorted = index.bundles;
    std::sort(sorted.begin(), sorted.end(), [](const IndexEntry& a, const IndexEntry& b) {
        if (a.sequence != b.sequence) return a.sequence > b.sequence;
        return a.kind == BundleKind::Full && b.kind != BundleKind::Full;
    });
    for (const IndexEntry& e : sorted)
        out += "bundle: " + std::string(bundle_kind_name(e.kind)) + " " + std::to_string(e.sequence) + " " +
               std::to_string(e.base_sequence) + " " + std::to_string(e.size) + " " + e.sha256 + " " + e.file + "\n";
    return out;
}

Result<ChannelIndex> parse_channel_index(std::string_view text, std::string_view source) {
    auto bad = [&](size_t line, const std::string& why) {
        return make_error(ErrorCode::Corrupt, std::string(source) + " is not a valid channel index (line " +
                                                  std::to_string(line) + ": " + why + ")");
    };
    if (text.size() > kMaxChannelIndexBytes) return bad(0, "too big");
    std::vector<std::string_view> lines = split(text, '\n');
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    for (auto& l : lines)
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (lines.size() < 4 || lines[0] != kHeader) return bad(1, "it must start with '" + std::string(kHeader) + "'");
    ChannelIndex index;
    auto field = [&](size_t i, std::string_view key, std::string_view& value) {
        if (lines[i].substr(0, key.size() + 2) != std::string(key) + ": ") return false;
        value = lines[i].substr(key.size() + 2);
        return true;
    };
    std::string_view v;
    if (!field(1, "channel", v) || !is_valid_channel_id(v)) return bad(2, "expected 'channel: ID'");
    index.channel = std::string(v);
    if (!field(2, "title", v) || v.size() > 200 || !is_valid_utf8(v)) return bad(3, "expected 'title: NAME'");
    index.title = std::string(v);
    if (!field(3, "latest", v) || !parse_i64(v, index.latest) || index.latest < 1) return bad(4, "expected 'latest: N'");
    std::set<std::string> files;
    bool has_latest_full = false;
    for (size_t i = 4; i < lines.size(); ++i) {
        if (!field(i, "bundle", v)) return bad(i + 1, "expected 'bundle: KIND SEQUENCE BASE SIZE SHA256 FILE'");
        auto parts = split(v, ' ');
        IndexEntry e;
        if (parts.size() != 6) return bad(i + 1, "a bundle line has six fields");
        if (parts[0] == "full") e.kind = BundleKind::Full;
        else if (parts[0] == "delta") e.kind = BundleKind::Delta;
        else return bad(i + 1, "kind must be full or delta");
        if (!parse_i64(parts[1], e.sequence) || !parse_i64(parts[2], e.base_sequence) || !parse_i64(parts[3], e.size) ||
            e.sequence < 1 || e.size < 1)
            return bad(i + 1, "bad number");
        if (e.kind == BundleKind::Full ? e.base_sequence != 0 : e.base_sequence >= e.sequence)
            return bad(i + 1, "bad base sequence");
        if (e.sequence > index.latest) return bad(i + 1, "sequence above latest");
        if (!is_sha256_hex(parts[4])) return bad(i + 1, "bad sha256");
        e.sha256 = std::string(parts[4]);
        if (!is_safe_bundle_file_name(parts[5])) return bad(i + 1, "unsafe file name");
        e.file = std::string(parts[5]);
        if (!files.insert(e.file).second) return bad(i + 1, "file listed twice");
        if (e.kind == BundleKind::Full && e.sequence == index.latest) has_latest_full = true;
        index.bundles.push_back(std::move(e));
    }
    if (!has_latest_full) return bad(lines.size(), "no full bundle of the latest sequence");
    return index;
}

std::vector<IndexEntry> plan_sync(const ChannelIndex& index, int64_t applied) {
    if (applied >= index.latest) return {};
    const IndexEntry* full = nullptr;
    std::map<int64_t, const IndexEntry*> delta_from; // base -> delta
    for (const IndexEntry& e : index.bundles) {
        if (e.kind == BundleKind::Full && e.sequence == index.latest) full = &e;
        if (e.kind == BundleKind::Delta) {
            auto& slot = delta_from[e.base_sequence];
            if (!slot || e.sequence > slot->sequence) slot = &e;
        }
    }
    std::vector<IndexEntry> chain;
    int64_t chain_bytes = 0;
    if (applied > 0) {
        int64_t cur = applied;
        while (cur < index.latest) {
            auto it = delta_from.find(cur);
            if (it == delta_from.end()) {
                chain.clear();
                break;
            }
            chain.push_back(*it->second);
            chain_bytes += it->second->size;
            cur = it->second->sequence;
        }
        if (cur != index.latest) chain.clear();
    }
    if (!chain.empty() && (!full || chain_bytes < full->size)) return chain;
    if (full) return {*full};
    return {};
}

// [Publishing]

namespace {

Result<ChannelIndex> read_own_index(const std::string& dir, const PublicKey& key) {
    const std::string path = (fs::path(dir) / kChannelIndexFile).string();
    auto text = read_small_file(path, kMaxChannelIndexBytes, "channel index");
    if (!text) return text.error();
    auto sig = read_signature_file(path + ".minisig");
    if (!sig) return sig.error();
    std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(text->data()), text->size());
    if (auto st = verify_bytes(bytes, *sig, key, path); !st)
        return make_error(st.error().code, st.error().message + " (is this folder another channel's, or was the index "
                                                                "edited by hand?)");
    return parse_channel_index(*text, path);
}

Result<IndexEntry> entry_for(const std::string& path, BundleKind kind, int64_t sequence, int64_t base) {
    IndexEntry e;
    e.kind = kind;
    e.sequence = sequence;
    e.base_sequence = base;
    std::error_code ec;
    e.size = static_cast<int64_t>(fs::file_size(path, ec));
    if (ec) return make_error(ErrorCode::Io, path + ": " + ec.message());
    auto h = sha256_file_hex(path);
    if (!h) return h.error();
    e.sha256 = *h;
    e.file = fs::path(path).filename().string();
    return e;
}

} // namespace

Result<PublishReport> publish_bundle(const std::string& new_bundle, const std::string& dir, const SecretKey& key,
                                     const PublishOptions& options) {
    auto reader = BundleReader::open(new_bundle);
    if (!reader) return reader.error();
    const BundleHeader h = reader->header();
    if (h.kind != BundleKind::Full)
        return make_error(ErrorCode::Invalid, new_bundle + " is a delta; publish full bundles (the delta is made here)");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return make_error(ErrorCode::Io, dir + ": cannot create: " + ec.message());

    ChannelIndex index;
    const bool existing = fs::exists(fs::path(dir) / kChannelIndexFile, ec);
    if (existing) {
        auto own = read_own_index(dir, key.public_key());
        if (!own) return own.error();
        index = *own;
        if (index.channel != h.channel)
            return make_error(ErrorCode::Refused, dir + " holds channel '" + index.channel + "', not '" + h.channel + "'");
        if (h.sequence <= index.latest)
            return make_error(ErrorCode::Refused, new_bundle + " has sequence " + std::to_string(h.sequence) +
                                                      ", but " + dir + " already has sequence " +
                                                      std::to_string(index.latest) + ": build it with a higher sequence");
    }
    index.channel = h.channel;
    index.title = h.channel_title;

    PublishReport report;
    const std::string full_name = h.channel + "-" + std::to_string(h.sequence) + ".tidings";
    const std::string full_path = (fs::path(dir) / full_name).string();
    {
        const std::string tmp = full_path + ".part";
        fs::copy_file(new_bundle, tmp, fs::copy_options::overwrite_existing, ec);
        if (ec) return make_error(ErrorCode::Io, "cannot copy " + new_bundle + " to " + dir + ": " + ec.message());
        fs::rename(tmp, full_path, ec);
        if (ec) return make_error(ErrorCode::Io, "cannot write " + full_path + ": " + ec.message());
    }
    TIDINGS_TRY(sign_bundle_file(full_path, key));
    auto full = entry_for(full_path, BundleKind::Full, h.sequence, 0);
    if (!full) return full.error();
    report.full = *full;

    // The delta from the previous full bundle, when the folder still has it.
    std::vector<IndexEntry> kept;
    for (const IndexEntry& e : index.bundles) {
        if (e.kind == BundleKind::Full && e.sequence == index.latest && existing) {
            const std::string prev_path = (fs::path(dir) / e.file).string();
            const std::string delta_name =
                h.channel + "-" + std::to_string(e.sequence) + "-" + std::to_string(h.sequence) + ".tidings";
            const std::string delta_path = (fs::path(dir) / delta_name).string();
            if (fs::exists(prev_path, ec)) {
                auto d = make_delta(prev_path, full_path, delta_path);
                if (!d) return d.error();
                TIDINGS_TRY(sign_bundle_file(delta_path, key));
                auto de = entry_for(delta_path, BundleKind::Delta, h.sequence, e.sequence);
                if (!de) return de.error();
                report.deltas.push_back(*de);
            }
        }
        if (e.kind == BundleKind::Delta) kept.push_back(e);
    }
    for (const auto& d : report.deltas) kept.push_back(d);
    std::sort(kept.begin(), kept.end(), [](const IndexEntry& a, const IndexEntry& b) { return a.sequence > b.sequence; });
    std::vector<std::string> remove;
    if (static_cast<int>(kept.size()) > options.keep_deltas) {
        for (size_t i = static_cast<size_t>(std::max(0, options.keep_deltas)); i < kept.size(); ++i)
            remove.push_back(kept[i].file);
        kept.resize(static_cast<size_t>(std::max(0, options.keep_deltas)));
    }
    for (const IndexEntry& e : index.bundles)
        if (e.kind == BundleKind::Full && e.file != full_name) remove.push_back(e.file);

    ChannelIndex next;
    next.channel = h.channel;
    next.title = h.channel_title;
    next.latest = h.sequence;
    next.bundles = kept;
    next.bundles.push_back(report.full);

    // The new index goes in last: signature first, then the index by rename.
    const std::string index_path = (fs::path(dir) / kChannelIndexFile).string();
    const std::string text = format_channel_index(next);
    std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    auto sig = sign_bytes(bytes, key, "tidings index channel=" + next.channel + " latest=" + std::to_string(next.latest),
                          "signature from tidings-bundle secret key");
    if (!sig) return sig.error();
    TIDINGS_TRY(write_file_atomic(index_path + ".minisig", *sig));
    TIDINGS_TRY(write_file_atomic(index_path, text));

    for (const std::string& f : remove) {
        if (!is_safe_bundle_file_name(f)) continue;
        fs::remove(fs::path(dir) / f, ec);
        fs::remove(fs::path(dir) / (f + ".minisig"), ec);
        report.pruned.push_back(f);
    }
    report.index = std::move(next);
    return report;
}

} // namespace tidings
