// tidings-bundle build: a full bundle from a source folder of articles and photos.
#include "cli.h"
#include "progress.h"

#include "core/bundle_writer.h"

#include <cstdio>

namespace tidings::cli {

int cmd_build(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"o", "output", "sequence", "created", "expires"}, {"quiet"});
    if (!args) return fail_usage(args.error().message);
    auto out = args->option("o") ? args->option("o") : args->option("output");
    if (args->positional.size() != 1 || !out)
        return fail_usage("usage: tidings-bundle build SRC_DIR -o FILE.tidings");
    BuildOptions options;
    if (auto s = args->option("sequence")) {
        try {
            options.sequence = std::stoll(*s);
        } catch (...) {
            return fail_usage("--sequence needs a number");
        }
    }
    if (auto c = args->option("created")) options.created = *c;
    if (auto e = args->option("expires")) options.expires = *e;
    const bool quiet = args->flag("quiet");
    ProgressLine line(quiet);
    options.progress = [&](int64_t done, int64_t total) { line.update("articles", done, total); };
    auto report = build_from_source(args->positional[0], *out, options);
    line.finish();
    if (!report) return fail(report.error());
    if (!quiet)
        for (const auto& w : report->warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (!quiet)
        std::printf("built %s: %lld articles, %lld photos, %.1f KB (photos read: %.1f KB)\n", out->c_str(),
                    static_cast<long long>(report->articles), static_cast<long long>(report->photos),
                    static_cast<double>(report->bundle_bytes) / 1024.0,
                    static_cast<double>(report->source_photo_bytes) / 1024.0);
    return 0;
}

} // namespace tidings::cli
