// tidings-bundle diff: writes the delta bundle between two full bundles of a channel.
#include "cli.h"

#include "core/bundle_delta.h"

#include <cstdio>

namespace tidings::cli {

int cmd_diff(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"o", "output"}, {"quiet"});
    if (!args) return fail_usage(args.error().message);
    auto out = args->option("o") ? args->option("o") : args->option("output");
    if (args->positional.size() != 2 || !out)
        return fail_usage("usage: tidings-bundle diff OLD.tidings NEW.tidings -o DELTA.tidings");
    auto report = make_delta(args->positional[0], args->positional[1], *out);
    if (!report) return fail(report.error());
    if (!args->flag("quiet"))
        std::printf("delta %lld -> %lld: %lld changed articles, %lld withdrawn, %lld new photos, %.1f KB\n",
                    static_cast<long long>(report->base_sequence), static_cast<long long>(report->sequence),
                    static_cast<long long>(report->changed), static_cast<long long>(report->withdrawn),
                    static_cast<long long>(report->photos), static_cast<double>(report->bytes) / 1024.0);
    return 0;
}

} // namespace tidings::cli
