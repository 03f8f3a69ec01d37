// tidings-bundle sync: brings a library up to date from a channel folder or web server.
#include "cli.h"
#include "progress.h"

#include "core/sync.h"

#include <cstdio>
#include <cstdlib>

namespace tidings::cli {

int cmd_sync(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"library", "label", "stall-seconds", "connect-timeout"}, {"quiet"});
    if (!args) return fail_usage(args.error().message);
    auto library = args->option("library");
    if (!library || args->positional.size() != 1)
        return fail_usage("usage: tidings-bundle sync --library LIBRARY.db (CHANNEL_DIR | http(s)://HOST/PATH) "
                          "[--label NAME] [--connect-timeout S] [--stall-seconds S]");
    SyncOptions options;
    for (const char* name : {"stall-seconds", "connect-timeout"}) {
        auto v = args->option(name);
        if (!v) continue;
        char* end = nullptr;
        const long s = std::strtol(v->c_str(), &end, 10);
        if (!end || *end || s < 1 || s > 3600) return fail_usage(std::string("--") + name + " takes seconds, 1 to 3600");
        (std::string(name) == "stall-seconds" ? options.transfer.low_speed_time_s : options.transfer.connect_timeout_s) = s;
    }
    auto lib = open_library(*library);
    if (!lib) return fail(lib.error());
    const std::string& where = args->positional[0];
    auto source = where.find("://") == std::string::npos && args->option("label")
                      ? Result<std::unique_ptr<SyncSource>>(folder_source(where, *args->option("label")))
                      : open_source(where);
    if (!source) return fail(source.error());
    ProgressLine line(args->flag("quiet"));
    options.progress = [&](const SyncProgress& p) {
        if (p.phase == "download") {
            std::string detail = format_bytes(p.bytes_done) + " of " + format_bytes(p.bytes_total);
            if (p.bytes_moved > 0 && p.seconds > 0.5 && p.bytes_total > p.bytes_done) {
                const double left = double(p.bytes_total - p.bytes_done) / (double(p.bytes_moved) / p.seconds);
                if (left >= 1) detail += ", " + std::to_string(static_cast<long long>(left + 0.5)) + " s left";
            }
            line.update(p.steps > 1 ? "bundle " + std::to_string(p.step) + "/" + std::to_string(p.steps) : "download",
                        p.bytes_done, p.bytes_total, detail);
        } else if (p.phase == "verifying" && p.items_total > 0) { // bytes hashed
            line.update(p.phase, p.items_done, p.items_total,
                        format_bytes(p.items_done) + " of " + format_bytes(p.items_total));
        } else if (p.items_total > 0) {
            line.update(p.phase, p.items_done, p.items_total);
        }
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
