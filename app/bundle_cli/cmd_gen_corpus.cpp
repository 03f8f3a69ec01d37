// tidings-bundle gen-corpus: writes a deterministic synthetic channel bundle for tests and benchmarks.
#include "cli.h"
#include "progress.h"

#include "core/corpus_gen.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace tidings::cli {

namespace {

// Parses a whole decimal integer option; nullopt when absent, an error when not a number.
Result<std::optional<int64_t>> integer_option(const Args& args, const std::string& name) {
    auto text = args.option(name);
    if (!text) return std::optional<int64_t>();
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(text->c_str(), &end, 10);
    if (text->empty() || *end != '\0' || errno == ERANGE)
        return make_error(ErrorCode::Invalid, "--" + name + " needs a whole number, not '" + *text + "'");
    return std::optional<int64_t>(v);
}

Result<std::optional<double>> fraction_option(const Args& args, const std::string& name) {
    auto text = args.option(name);
    if (!text) return std::optional<double>();
    char* end = nullptr;
    double v = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0')
        return make_error(ErrorCode::Invalid, "--" + name + " needs a number such as 0.01, not '" + *text + "'");
    return std::optional<double>(v);
}

} // namespace

int cmd_gen_corpus(const std::vector<std::string>& argv) {
    auto args = parse_args(argv,
                           {"o", "output", "articles", "seed", "base-seed", "channel", "title", "sequence",
                            "change-fraction", "photos"},
                           {"quiet"});
    if (!args) return fail_usage(args.error().message);
    auto out = args->option("o") ? args->option("o") : args->option("output");
    if (!args->positional.empty() || !out)
        return fail_usage("usage: tidings-bundle gen-corpus --articles N --seed S -o FILE.tidings");
    CorpusOptions options;
    for (const char* name : {"articles", "seed", "base-seed", "sequence", "photos"}) {
        auto v = integer_option(args.value(), name);
        if (!v) return fail_usage(v.error().message);
        if (!v.value()) continue;
        const int64_t n = *v.value();
        if (std::string_view(name) == "articles") options.articles = n;
        else if (std::string_view(name) == "seed") options.seed = static_cast<uint64_t>(n);
        else if (std::string_view(name) == "base-seed") options.base_seed = static_cast<uint64_t>(n);
        else if (std::string_view(name) == "sequence") options.sequence = n;
        else if (n < 1 || n > 10'000) return fail_usage("--photos must be between 1 and 10000");
        else options.photo_pool = static_cast<int>(n);
    }
    auto fraction = fraction_option(args.value(), "change-fraction");
    if (!fraction) return fail_usage(fraction.error().message);
    if (fraction.value()) options.change_fraction = *fraction.value();
    if (auto c = args->option("channel")) options.channel = *c;
    if (auto t = args->option("title")) options.channel_title = *t;

    const bool quiet = args->flag("quiet");
    ProgressLine line(quiet);
    options.progress = [&](const char* phase, int64_t done, int64_t total) { line.update(phase, done, total); };
    auto report = generate_corpus(*out, options);
    line.finish();
    if (!report) return fail(report.error());
    if (!quiet) {
        std::string languages;
        for (const auto& [code, n] : report->languages)
            languages += (languages.empty() ? "" : ", ") + code + " " + std::to_string(n);
        std::printf("generated %s: channel '%s' sequence %lld: %lld articles (%s), %lld words, %lld photos "
                    "(%lld inline), %lld related entries; %lld edited and %lld added since day 1, %lld withdrawn "
                    "today; %.1f MB\n",
                    out->c_str(), options.channel.c_str(), static_cast<long long>(options.sequence),
                    static_cast<long long>(report->articles), languages.c_str(), static_cast<long long>(report->words),
                    static_cast<long long>(report->photos), static_cast<long long>(report->inline_photos),
                    static_cast<long long>(report->related), static_cast<long long>(report->edited),
                    static_cast<long long>(report->added), static_cast<long long>(report->withdrawn),
                    static_cast<double>(report->bundle_bytes) / (1024.0 * 1024.0));
    }
    return 0;
}

} // namespace tidings::cli
