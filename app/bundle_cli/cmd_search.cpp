// tidings-bundle search: full-text search of a library from the command line.
#include "cli.h"

#include "core/library_search.h"

#include <cstdio>
#include <unistd.h>

namespace tidings::cli {

int cmd_search(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"library", "limit", "language"}, {});
    if (!args) return fail_usage(args.error().message);
    auto library_path = args->option("library");
    if (!library_path || args->positional.empty())
        return fail_usage("usage: tidings-bundle search --library LIBRARY.db \"words\" [--limit N] [--language xx]");
    std::string typed;
    for (const auto& p : args->positional) typed += (typed.empty() ? "" : " ") + p;
    auto lib = open_library(*library_path);
    if (!lib) return fail(lib.error());
    SearchOptions options;
    options.prefix_last = false;
    if (auto l = args->option("limit")) options.limit = std::max(1, std::atoi(l->c_str()));
    if (auto l = args->option("language")) options.language = *l;
    auto results = search(lib.value(), typed, options);
    if (!results) return fail(results.error());
    const bool tty = isatty(STDOUT_FILENO);
    const std::string b = tty ? "\x1b[1m" : "[", e = tty ? "\x1b[0m" : "]";
    if (results->hits.empty()) {
        std::printf("no articles match \"%s\"\n", typed.c_str());
        return 0;
    }
    for (const auto& hit : results->hits) {
        std::printf("%s  (%s, %s%s%s)\n", render_marks(hit.title_marked, b, e).c_str(), hit.card.language.c_str(),
                    hit.card.published.empty() ? "no date" : hit.card.published.substr(0, 10).c_str(),
                    hit.card.channel.empty() ? "" : ", ", hit.card.id.c_str());
        std::printf("    %s\n", render_marks(hit.snippet, b, e).c_str());
    }
    std::printf("%zu shown of %s%lld, %s\n", results->hits.size(), results->total_is_exact ? "" : "more than ",
                static_cast<long long>(results->total_is_exact ? results->estimated_total : results->estimated_total - 1),
                results->order == SearchOrder::Relevance ? "best matches first" : "newest first (very common words)");
    return 0;
}

} // namespace tidings::cli
