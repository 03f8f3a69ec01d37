// tidings-bundle usage: sums kiosk usage files for the editor (or writes one from a library).
#include "cli.h"

#include "core/library_store.h"
#include "core/time_util.h"
#include "core/usage_file.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <string_view>

namespace tidings::cli {

namespace {

constexpr const char* kUsage =
    "usage: tidings-bundle usage FILE_OR_FOLDER... [--top N]\n"
    "       tidings-bundle usage --library LIBRARY.db --device ID [--name TEXT] -o FOLDER\n";

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Files named by ARGS: files as given, folders as their tidings-usage-*.txt files (sorted).
std::vector<std::string> expand(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    for (const std::string& a : args) {
        std::error_code ec;
        if (!std::filesystem::is_directory(a, ec)) {
            files.push_back(a);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& e : std::filesystem::directory_iterator(a, ec)) {
            std::string name = e.path().filename().string();
            if (starts_with(name, "tidings-usage-") && name.size() > 4 &&
                name.substr(name.size() - 4) == ".txt")
                found.push_back(e.path().string());
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

std::string percent(int64_t part, int64_t whole) {
    if (whole <= 0) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, " (%.0f%%)",
                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

int write_from_library(const Args& args) {
    auto library = args.option("library");
    auto device = args.option("device");
    auto out = args.option("o");
    if (!library || !device || !out || !args.positional.empty()) return fail_usage(kUsage);
    std::error_code ec;
    if (!std::filesystem::exists(*library, ec))
        return fail(make_error(ErrorCode::NotFound, *library + ": no such library"));
    auto lib = open_library(*library);
    if (!lib) return fail(lib.error());
    auto report = usage_report_from_library(lib.value(), *device, args.option("name").value_or(""),
                                            static_cast<int64_t>(std::time(nullptr)));
    if (!report) return fail(report.error());
    auto path = write_usage_file(*out, report.value());
    if (!path) return fail(path.error());
    std::printf("wrote %s (%zu counters)\n", path->c_str(), report->counters.size());
    return 0;
}

} // namespace

int cmd_usage(const std::vector<std::string>& argv) {
    auto args = parse_args(argv, {"library", "device", "name", "o", "top"}, {});
    if (!args) return fail_usage(args.error().message);
    if (args->option("library") || args->option("o")) return write_from_library(args.value());
    if (args->positional.empty()) return fail_usage(kUsage);
    int top = 10;
    if (auto t = args->option("top")) {
        top = std::atoi(t->c_str());
        if (top < 0 || top > 100000)
            return fail_usage("--top takes a number of articles to list (0 for none)");
    }

    // The newest file of each device counts; an older copy of the same kiosk's file is skipped.
    std::map<std::string, std::pair<UsageReport, std::string>> by_device;
    int bad = 0;
    for (const std::string& path : expand(args->positional)) {
        auto r = read_usage_file(path);
        if (!r) {
            std::fprintf(stderr, "tidings-bundle: %s\n", r.error().message.c_str());
            ++bad;
            continue;
        }
        const std::string device = r->device;
        auto it = by_device.find(device);
        if (it == by_device.end()) {
            by_device.emplace(device, std::make_pair(std::move(r.value()), path));
        } else {
            bool newer = r->written > it->second.first.written;
            std::printf("note: %s and %s are both from kiosk %s; counting the newer one, %s\n",
                        it->second.second.c_str(), path.c_str(), device.c_str(),
                        newer ? path.c_str() : it->second.second.c_str());
            if (newer) it->second = std::make_pair(std::move(r.value()), path);
        }
    }
    if (by_device.empty()) {
        if (bad == 0)
            std::fprintf(stderr, "tidings-bundle: no usage files (tidings-usage-*.txt) found\n");
        return 1;
    }

    std::map<std::string, int64_t> total;
    std::printf("%zu kiosk%s\n", by_device.size(), by_device.size() == 1 ? "" : "s");
    for (const auto& [device, entry] : by_device) {
        const UsageReport& r = entry.first;
        int64_t opened = 0, visits = 0;
        for (const auto& [name, count] : r.counters) {
            total[name] += count;
            if (name == usage::kArticlesOpened) opened = count;
            if (name == usage::kVisits) visits = count;
        }
        std::printf("  %-24s %-20s written %s   visits %lld   articles opened %lld\n",
                    device.c_str(), r.name.empty() ? "" : ("\"" + r.name + "\"").c_str(),
                    format_iso8601(r.written).c_str(), static_cast<long long>(visits),
                    static_cast<long long>(opened));
    }
    auto get = [&](const char* name) {
        auto it = total.find(name);
        return it == total.end() ? int64_t{0} : it->second;
    };
    int64_t searches = get(usage::kSearches), empty = get(usage::kSearchesEmpty);
    std::printf("\ntotals\n");
    std::printf("  %-28s %lld\n", "visits", static_cast<long long>(get(usage::kVisits)));
    std::printf("  %-28s %lld\n", "articles opened",
                static_cast<long long>(get(usage::kArticlesOpened)));
    std::printf("  %-28s %lld\n", "searches", static_cast<long long>(searches));
    std::printf("  %-28s %lld%s\n", "searches that found nothing", static_cast<long long>(empty),
                percent(empty, searches).c_str());

    // Languages chosen, most chosen first.
    std::vector<std::pair<int64_t, std::string>> langs, articles;
    std::vector<std::pair<std::string, int64_t>> others;
    for (const auto& [name, count] : total) {
        if (starts_with(name, usage::kUiLanguagePrefix))
            langs.emplace_back(count,
                               name.substr(std::string_view(usage::kUiLanguagePrefix).size()));
        else if (starts_with(name, usage::kArticlePrefix))
            articles.emplace_back(count,
                                  name.substr(std::string_view(usage::kArticlePrefix).size()));
        else if (name != usage::kVisits && name != usage::kArticlesOpened &&
                 name != usage::kSearches && name != usage::kSearchesEmpty)
            others.emplace_back(name, count);
    }
    auto by_count = [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    std::sort(langs.begin(), langs.end(), by_count);
    std::sort(articles.begin(), articles.end(), by_count);
    if (!langs.empty()) {
        int64_t chosen = 0;
        for (const auto& l : langs)
            chosen += l.first;
        std::printf("\nlanguages chosen by visitors\n");
        for (const auto& [count, code] : langs)
            std::printf("  %-28s %lld%s\n", code.c_str(), static_cast<long long>(count),
                        percent(count, chosen).c_str());
    }
    if (!articles.empty() && top > 0) {
        std::printf("\nmost opened articles (channel/id)\n");
        for (size_t i = 0; i < articles.size() && i < static_cast<size_t>(top); ++i)
            std::printf("  %6lld  %s\n", static_cast<long long>(articles[i].first),
                        articles[i].second.c_str());
    }
    if (!others.empty()) {
        std::printf("\nother counters\n");
        for (const auto& [name, count] : others)
            std::printf("  %-28s %lld\n", name.c_str(), static_cast<long long>(count));
    }
    return bad > 0 ? 1 : 0;
}

} // namespace tidings::cli
