// tidings-bundle publish: adds a full bundle to a channel folder, with its delta and a new
// signed index, pruning old deltas.
#include "cli.h"
#include "keys.h"

#include "core/channel_index.h"
#include "core/sync.h"

#include <cstdio>
#include <cstdlib>

namespace tidings::cli {

int cmd_publish(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"key", "keep-deltas"}, {"quiet"});
    if (!args) return fail_usage(args.error().message);
    auto key_path = args->option("key");
    if (!key_path || args->positional.size() != 2)
        return fail_usage("usage: tidings-bundle publish --key SECRET.key NEW.tidings CHANNEL_DIR [--keep-deltas N]");
    PublishOptions options;
    if (auto keep = args->option("keep-deltas")) {
        char* end = nullptr;
        long n = std::strtol(keep->c_str(), &end, 10);
        if (!end || *end || n < 0 || n > 100000) return fail_usage("--keep-deltas takes a number from 0 to 100000");
        options.keep_deltas = static_cast<int>(n);
    }
    auto key = load_secret_key(*key_path);
    if (!key) return fail(key.error());
    auto r = publish_bundle(args->positional[0], args->positional[1], *key, options);
    if (!r) return fail(r.error());
    if (!args->flag("quiet")) {
        std::printf("published channel '%s' sequence %lld in %s: %s (%s)\n", r->index.channel.c_str(),
                    static_cast<long long>(r->full.sequence), args->positional[1].c_str(), r->full.file.c_str(),
                    format_bytes(r->full.size).c_str());
        for (const auto& d : r->deltas)
            std::printf("  delta from %lld: %s (%s)\n", static_cast<long long>(d.base_sequence), d.file.c_str(),
                        format_bytes(d.size).c_str());
        for (const auto& p : r->pruned) std::printf("  pruned %s\n", p.c_str());
    }
    return 0;
}

} // namespace tidings::cli
