// Channel folders: the signed index that lists a channel's full and delta bundles, and the
// publisher's side (adding a bundle, writing its delta, pruning). Format: core/CHANNEL_FORMAT.md.
#pragma once

#include "core/bundle_format.h"
#include "core/minisign.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tidings {

// Name of the index file in a channel folder; its signature is kChannelIndexFile + ".minisig".
inline constexpr const char* kChannelIndexFile = "channel.index";
// Largest index a reader accepts (a channel with thousands of deltas stays far below).
inline constexpr size_t kMaxChannelIndexBytes = 1 << 20;

// One bundle in a channel folder.
struct IndexEntry {
    BundleKind kind = BundleKind::Full;
    int64_t sequence = 0;      // the bundle's sequence
    int64_t base_sequence = 0; // delta: the sequence it applies on; full: 0
    int64_t size = 0;          // bytes of the bundle file
    std::string sha256;        // hex SHA-256 of the bundle file
    std::string file;          // file name in the folder: [a-z0-9._-]+.tidings, never a path
};

// The index of a channel folder.
struct ChannelIndex {
    std::string channel;              // channel id
    std::string title;                // channel name
    int64_t latest = 0;               // newest sequence; a full bundle of it is listed
    std::vector<IndexEntry> bundles;  // full and delta bundles, any order
};

// The index text (see CHANNEL_FORMAT.md).
std::string format_channel_index(const ChannelIndex& index);

// Parses index TEXT strictly: header line, fields, entries with safe file names, a full bundle
// of `latest`, sizes > 0, no duplicate files. SOURCE names it in messages. Errors: Corrupt.
Result<ChannelIndex> parse_channel_index(std::string_view text, std::string_view source = "channel.index");

// True for a bundle file name an index may list: 1..128 of [a-z0-9._-], ending ".tidings",
// not starting with '.'.
bool is_safe_bundle_file_name(std::string_view name);

// The cheapest way from APPLIED (0 = nothing) to INDEX.latest: a chain of deltas (each based
// on the previous sequence) or the full bundle, whichever has fewer bytes. Empty when APPLIED
// is already INDEX.latest (or newer).
std::vector<IndexEntry> plan_sync(const ChannelIndex& index, int64_t applied);

// [Publishing]

struct PublishOptions {
    int keep_deltas = 30;   // deltas kept for the newest sequences; older ones are pruned
};

// What publish_bundle did.
struct PublishReport {
    IndexEntry full;                 // the new full bundle
    std::vector<IndexEntry> deltas;  // the delta written (zero or one)
    std::vector<std::string> pruned; // files removed
    ChannelIndex index;              // the new index
};

// Adds the full bundle NEW_BUNDLE to the channel folder DIR (created when missing): copies it
// as <channel>-<seq>.tidings, writes the delta from the previous full bundle, prunes by
// OPTIONS, writes and signs everything with KEY (bundles and index get .minisig files). The
// index is replaced last and atomically, so a reader never sees a half-published folder.
// Errors: another channel, a sequence not above the folder's latest, an index not signed by
// KEY, Io.
Result<PublishReport> publish_bundle(const std::string& new_bundle, const std::string& dir, const SecretKey& key,
                                     const PublishOptions& options = {});

} // namespace tidings
