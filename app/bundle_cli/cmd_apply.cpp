// tidings-bundle apply: verifies each bundle's signature with the key the library trusts for its
// channel, then applies it in one transaction.
#include "cli.h"
#include "progress.h"

#include "core/trust.h"

#include <cstdio>

namespace tidings::cli {

int cmd_apply(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"library", "signature"}, {"quiet"});
    if (!args) return fail_usage(args.error().message);
    auto library_path = args->option("library");
    if (!library_path || args->positional.empty())
        return fail_usage("usage: tidings-bundle apply --library LIBRARY.db BUNDLE.tidings [MORE...] "
                          "[--signature FILE.minisig]");
    auto signature = args->option("signature");
    if (signature && args->positional.size() != 1)
        return fail_usage("--signature names the signature of one bundle: give one bundle with it");
    auto lib = open_library(*library_path);
    if (!lib) return fail(lib.error());
    const bool quiet = args->flag("quiet");
    for (const auto& path : args->positional) {
        ProgressLine line(quiet);
        SignedApplyOptions options;
        options.signature_path = signature.value_or("");
        options.apply.progress = [&](const ApplyProgress& p) { line.update(p.phase, p.done, p.total); };
        auto report = apply_signed_bundle(lib.value(), path, options);
        line.finish();
        if (!report) return fail(report.error());
        if (!quiet)
            std::printf("%s: channel '%s' sequence %lld (%s): %s\n", path.c_str(), report->channel.c_str(),
                        static_cast<long long>(report->sequence), bundle_kind_name(report->kind),
                        report->summary().c_str());
    }
    return 0;
}

} // namespace tidings::cli
