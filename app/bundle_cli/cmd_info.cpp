// tidings-bundle info: what a bundle holds, read without applying it.
#include "cli.h"

#include "core/bundle_reader.h"

#include <cstdio>

namespace tidings::cli {

int cmd_info(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {}, {"articles"});
    if (!args) return fail_usage(args.error().message);
    if (args->positional.size() != 1) return fail_usage("usage: tidings-bundle info BUNDLE.tidings [--articles]");
    auto b = BundleReader::open(args->positional[0]);
    if (!b) return fail(b.error());
    const BundleHeader& h = b->header();
    std::printf("bundle     %s\nchannel    %s (%s)\nsequence   %lld", b->path().c_str(), h.channel.c_str(),
                h.channel_title.c_str(), static_cast<long long>(h.sequence));
    if (h.kind == BundleKind::Delta)
        std::printf(" (delta from %lld)", static_cast<long long>(h.base_sequence));
    else
        std::printf(" (full)");
    std::printf("\ncreated    %s\nexpires    %s\narticles   %lld\nphotos     %lld\nstate      %s\ngenerator  %s\n",
                h.created.c_str(), h.expires.empty() ? "never" : h.expires.c_str(),
                static_cast<long long>(b->article_count()), static_cast<long long>(b->photo_count()),
                h.state_digest.c_str(), h.generator.c_str());
    if (auto w = b->withdrawn_ids(); w && !w->empty()) std::printf("withdrawn  %zu ids\n", w->size());
    if (args->flag("articles")) {
        auto s = b->for_each_article([](const BundleArticle& a) -> Status {
            std::printf("  %-40s %s  %s\n", a.id.c_str(), a.published.empty() ? "----------" : a.published.substr(0, 10).c_str(),
                        a.title.c_str());
            return {};
        });
        if (!s.ok()) return fail(s.error());
    }
    return 0;
}

} // namespace tidings::cli
