// tidings-bundle verify: checks a bundle's signature and contents without applying it.
#include "cli.h"
#include "keys.h"
#include "progress.h"

#include "core/trust.h"

#include <cstdio>

namespace tidings::cli {

int cmd_verify(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"library", "key", "signature"}, {"quiet"});
    if (!args) return fail_usage(args.error().message);
    auto library = args->option("library"), key = args->option("key");
    if (args->positional.size() != 1 || (!library && !key) || (library && key))
        return fail_usage("usage: tidings-bundle verify (--library LIBRARY.db | --key PUBLIC.pub) BUNDLE.tidings "
                          "[--signature FILE.minisig]");
    const std::string& path = args->positional[0];
    const std::string sig = args->option("signature").value_or("");
    Result<VerifiedBundle> v = make_error(ErrorCode::Internal, "not verified");
    if (library) {
        auto lib = open_library(*library);
        if (!lib) return fail(lib.error());
        v = verify_bundle(*lib, path, sig);
    } else {
        auto pub = load_public_key(*key);
        if (!pub) return fail(pub.error());
        v = verify_bundle_with_key(path, *pub, sig);
    }
    if (!v) return fail(v.error());
    ProgressLine line(args->flag("quiet"));
    auto st = check_bundle_contents(path, {}, [&](const ApplyProgress& p) { line.update(p.phase, p.done, p.total); });
    line.finish();
    if (!st) return fail(st.error());
    const BundleHeader& h = v->header;
    std::printf("%s: good signature by key %s (trusted for channel '%s')\n", path.c_str(),
                key_id_hex(v->key.key_id).c_str(), v->channel.c_str());
    std::printf("channel '%s' sequence %lld (%s", h.channel.c_str(), static_cast<long long>(h.sequence),
                bundle_kind_name(h.kind));
    if (h.kind == BundleKind::Delta) std::printf(" from %lld", static_cast<long long>(h.base_sequence));
    std::printf("), created %s, %s; contents checked: nothing was applied\n", h.created.c_str(),
                h.expires.empty() ? "never expires" : ("expires " + h.expires).c_str());
    return 0;
}

} // namespace tidings::cli
