// tidings-bundle sync: brings a library up to date from a channel folder or web server.
#include "cli.h"
#include "progress.h"

#include "core/sync.h"

#include <cstdio>
#include <cstdlib>

namespace tidings::cli {

int cmd_sync(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"library", "label", "stall-seconds"}, {"quiet"});
    if (!args) return fail_usage(args.error().message);
    auto library = args->option("library");
    if (!library || args->positional.size() != 1)
        return fail_usage("usage: tidings-bundle sync --library LIBRARY.db (CHANNEL_DIR | http(s)://HOST/PATH) [--label NAME]");
    auto lib = Library::open(*library);
    if (!lib) return fail(lib.error());
    const std::string& where = args->positional[0];
    auto source = where.find("://") == std::string::npos && args->option("label")
                      ? Result<std::unique_ptr<SyncSource>>(folder_source(where, *args->option("label")))
                      : open_source(where);
    if (!source) return fail(source.error());
    SyncOptions options;
    if (auto s = args->option("stall-seconds")) options.transfer.low_speed_time_s = std::max(1L, std::atol(s->c_str()));
    ProgressLine line(args->flag("quiet"));
    options.progress = [&](const SyncProgress& p) {
        if (p.phase == "download") line.update("download " + std::to_string(p.step) + "/" + std::to_string(p.steps),
                                               p.bytes_done, p.bytes_total);
        else line.update(p.phase, p.items_done, p.items_total);
    };
    auto r = sync_channel(*lib, **source, options);
    line.finish();
    if (!r) return fail(r.error());
    if (!args->flag("quiet")) {
        std::printf("channel '%s': %s\n", r->channel.c_str(), r->summary().c_str());
        if (r->bundles > 0)
            std::printf("  sequence %lld -> %lld by %s (%d bundle%s)\n", static_cast<long long>(r->from_sequence),
                        static_cast<long long>(r->to_sequence), r->used_full ? "the full bundle" : "deltas", r->bundles,
                        r->bundles == 1 ? "" : "s");
    }
    return 0;
}

} // namespace tidings::cli
