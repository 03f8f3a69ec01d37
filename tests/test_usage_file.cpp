// Kiosk usage files: format/parse round trip, strict refusals, atomic writing, and the round trip
// from a library's counters through a file to `tidings-bundle usage`.
#include "test_support.h"

#include "core/library_store.h"
#include "core/usage_file.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace tidings;
using namespace tidings::test;

namespace {

CommandResult cli(const std::string& args) {
    return run_command(shell_quote(bundle_cli()) + " " + args + " 2>&1");
}

UsageReport sample_report() {
    UsageReport r;
    r.device = "k-0123456789ab";
    r.name = "Hall 2 — Ереван";
    r.written = 1714557600; // 2024-05-01T10:00:00Z
    r.counters = {{"visits", 40},         {"articles_opened", 120},
                  {"searches", 31},       {"searches_empty", 4},
                  {"ui_language.hy", 12}, {"article.sample/jolig-brussels-2023", 17}};
    return r;
}

std::string valid_text() {
    auto t = format_usage(sample_report());
    REQUIRE(t.ok());
    return t.value();
}

} // namespace

TEST_CASE("a usage report formats sorted and parses back the same", "[usage]") {
    std::string text = valid_text();
    CHECK(text.rfind("tidings-usage 1\ndevice k-0123456789ab\nname Hall 2 — Ереван\nwritten "
                     "2024-05-01T10:00:00Z\n",
                     0) == 0);
    CHECK(text.find("count article.sample/jolig-brussels-2023 17\ncount articles_opened 120\n") !=
          std::string::npos);
    CHECK(text.size() > 4);
    CHECK(text.substr(text.size() - 4) == "end\n");
    auto back = parse_usage(text, "t.txt");
    REQUIRE(back.ok());
    CHECK(back->device == "k-0123456789ab");
    CHECK(back->name == "Hall 2 — Ереван");
    CHECK(back->written == 1714557600);
    REQUIRE(back->counters.size() == 6);
    CHECK(back->counters.front().first == "article.sample/jolig-brussels-2023");
    // Formatting what was parsed gives the same bytes.
    auto again = format_usage(back.value());
    REQUIRE(again.ok());
    CHECK(again.value() == text);
}

TEST_CASE("usage files are parsed strictly, naming the line", "[usage]") {
    const std::string ok = valid_text();
    struct Case {
        const char* what;
        std::string text;
        ErrorCode code;
        const char* says;
    };
    auto replace = [&](const std::string& from, const std::string& to) {
        std::string s = ok;
        auto at = s.find(from);
        REQUIRE(at != std::string::npos);
        s.replace(at, from.size(), to);
        return s;
    };
    const std::vector<Case> cases = {
        {"another file", "hello\n", ErrorCode::NotOurs, "not a Tidings usage file"},
        {"a newer version", replace("tidings-usage 1", "tidings-usage 2"), ErrorCode::TooNew,
         "newer Tidings"},
        {"a bad version", replace("tidings-usage 1", "tidings-usage x"), ErrorCode::Invalid,
         "line 1"},
        {"cut short", ok.substr(0, ok.size() - 4), ErrorCode::Corrupt, "no 'end' line"},
        {"no final line feed", ok.substr(0, ok.size() - 1), ErrorCode::Corrupt, "cut short"},
        {"text after end", ok + "count x 1\n", ErrorCode::Invalid, "after the 'end'"},
        {"a repeated counter", replace("count visits 40\n", "count visits 40\ncount visits 2\n"),
         ErrorCode::Invalid, "listed twice"},
        {"a negative count", replace("count visits 40", "count visits -40"), ErrorCode::Invalid,
         "line"},
        {"a leading zero", replace("count visits 40", "count visits 040"), ErrorCode::Invalid,
         "not a number"},
        {"a huge count", replace("count visits 40", "count visits 99999999999999999999"),
         ErrorCode::Invalid, "not a number"},
        {"an upper-case name", replace("count visits 40", "count Visits 40"), ErrorCode::Invalid,
         "not a counter name"},
        {"an unknown line", replace("end\n", "extra 1\nend\n"), ErrorCode::Invalid,
         "not a known line"},
        {"a carriage return", replace("count visits 40\n", "count visits 40\r\n"),
         ErrorCode::Invalid, "carriage return"},
        {"a bad device", replace("device k-0123456789ab", "device K_1"), ErrorCode::Invalid,
         "device id"},
        {"a second device", replace("name ", "device k-2\nname "), ErrorCode::Invalid,
         "second 'device'"},
        {"no device", replace("device k-0123456789ab\n", ""), ErrorCode::Invalid, "no 'device'"},
        {"a bad time", replace("2024-05-01T10:00:00Z", "2024-05-01"), ErrorCode::Invalid,
         "YYYY-MM-DDTHH:MM:SSZ"},
        {"a control character in the name", replace("Hall 2", "Hall\t2"), ErrorCode::Invalid,
         "name"},
        {"bad UTF-8 in the name", replace("Hall 2", "Hall \xff"), ErrorCode::Invalid, "name"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        auto r = parse_usage(c.text, "stick/tidings-usage-x.txt");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == c.code);
        CHECK(r.error().message.find("stick/tidings-usage-x.txt") != std::string::npos);
        CHECK(r.error().message.find(c.says) != std::string::npos);
    }
    CHECK_FALSE(parse_usage(std::string(kUsageFileMaxBytes + 1, 'x'), "big").ok());
}

TEST_CASE("format_usage refuses what the format cannot hold", "[usage]") {
    UsageReport r = sample_report();
    r.device = "Not Valid";
    CHECK_FALSE(format_usage(r).ok());
    r = sample_report();
    r.counters.push_back({"visits", 1});
    CHECK_FALSE(format_usage(r).ok());
    r = sample_report();
    r.counters.push_back({"bad name", 1});
    CHECK_FALSE(format_usage(r).ok());
    r = sample_report();
    r.counters.push_back({"neg", -1});
    CHECK_FALSE(format_usage(r).ok());
    r = sample_report();
    r.name = "two\nlines";
    CHECK_FALSE(format_usage(r).ok());
}

TEST_CASE("a usage file is written atomically into a folder, replacing the last one", "[usage]") {
    TempDir dir;
    UsageReport r = sample_report();
    auto path = write_usage_file(dir.path().string(), r);
    REQUIRE(path.ok());
    CHECK(std::filesystem::path(path.value()).filename() == "tidings-usage-k-0123456789ab.txt");
    r.counters[0].second = 41;
    REQUIRE(write_usage_file(dir.path().string(), r).ok());
    // One file, no temporary left beside it, holding the new numbers.
    size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        (void)e;
        ++files;
    }
    CHECK(files == 1);
    auto back = read_usage_file(path.value());
    REQUIRE(back.ok());
    CHECK(back->counters.size() == 6);
    bool found = false;
    for (const auto& [n, c] : back->counters)
        if (n == "visits") found = c == 41;
    CHECK(found);
    // A folder that is not there (stick pulled) is an error that names it.
    auto missing = write_usage_file(dir.file("gone"), r);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("gone") != std::string::npos);
}

TEST_CASE("library counters round-trip through a usage file and tidings-bundle usage",
          "[usage][cli]") {
    TempDir dir;
    std::string db = dir.file("kiosk.db");
    std::string device;
    {
        auto lib = Library::open(db);
        REQUIRE(lib.ok());
        REQUIRE(lib->bump_counter(usage::kVisits, 7).ok());
        REQUIRE(lib->bump_counter(usage::kArticlesOpened, 23).ok());
        REQUIRE(lib->bump_counter(usage::kSearches, 10).ok());
        REQUIRE(lib->bump_counter(usage::kSearchesEmpty, 3).ok());
        REQUIRE(lib->bump_counter(std::string(usage::kUiLanguagePrefix) + "hy", 5).ok());
        REQUIRE(lib->bump_counter(std::string(usage::kUiLanguagePrefix) + "ka", 2).ok());
        REQUIRE(
            lib->bump_counter(std::string(usage::kArticlePrefix) + "sample/jolig-brussels-2023", 9)
                .ok());
        REQUIRE(lib->bump_counter(
                       std::string(usage::kArticlePrefix) + "sample/cieip-forum-peace-building", 4)
                    .ok());
        REQUIRE(lib->set_setting(kUsageNameSetting, "Hall 2").ok());
        auto id = usage_device_id(lib.value());
        REQUIRE(id.ok());
        device = id.value();
        CHECK(is_usage_device_id(device));
        auto again = usage_device_id(lib.value()); // made once, then kept
        REQUIRE(again.ok());
        CHECK(again.value() == device);
        auto report = usage_report_from_library(lib.value(), device, "Hall 2", 1714557600);
        REQUIRE(report.ok());
        std::filesystem::create_directories(dir.file("stick"));
        REQUIRE(write_usage_file(dir.file("stick"), report.value()).ok());
    }
    // A second kiosk's file, written by the CLI from its own library.
    std::string db2 = dir.file("kiosk2.db");
    {
        auto lib = Library::open(db2);
        REQUIRE(lib.ok());
        REQUIRE(lib->bump_counter(usage::kVisits, 3).ok());
        REQUIRE(lib->bump_counter(usage::kArticlesOpened, 2).ok());
        REQUIRE(
            lib->bump_counter(std::string(usage::kArticlePrefix) + "sample/jolig-brussels-2023", 2)
                .ok());
        REQUIRE(lib->bump_counter(std::string(usage::kUiLanguagePrefix) + "hy", 1).ok());
    }
    auto w = cli("usage --library " + shell_quote(db2) + " --device k-second -o " +
                 shell_quote(dir.file("stick")));
    INFO(w.output);
    REQUIRE(w.exit_code == 0);
    CHECK(w.output.find("tidings-usage-k-second.txt") != std::string::npos);

    // One kiosk alone: its own numbers come back.
    auto one = cli("usage " + shell_quote(dir.file("stick/" + usage_file_name(device))));
    INFO(one.output);
    REQUIRE(one.exit_code == 0);
    CHECK(one.output.find("1 kiosk\n") != std::string::npos);
    CHECK(one.output.find("\"Hall 2\"") != std::string::npos);
    CHECK(one.output.find("visits                       7") != std::string::npos);
    CHECK(one.output.find("articles opened              23") != std::string::npos);
    CHECK(one.output.find("searches that found nothing  3 (30%)") != std::string::npos);
    CHECK(one.output.find("hy                           5 (71%)") != std::string::npos);
    CHECK(one.output.find("9  sample/jolig-brussels-2023") != std::string::npos);

    // The folder: both kiosks summed.
    auto both = cli("usage " + shell_quote(dir.file("stick")));
    INFO(both.output);
    REQUIRE(both.exit_code == 0);
    CHECK(both.output.find("2 kiosks") != std::string::npos);
    CHECK(both.output.find("visits                       10") != std::string::npos);
    CHECK(both.output.find("articles opened              25") != std::string::npos);
    CHECK(both.output.find("hy                           6") != std::string::npos);
    CHECK(both.output.find("11  sample/jolig-brussels-2023") != std::string::npos);

    // An older copy of the first kiosk's file elsewhere: the newer one counts, once.
    std::filesystem::create_directories(dir.file("old"));
    {
        auto lib = Library::open(db);
        REQUIRE(lib.ok());
        auto report = usage_report_from_library(lib.value(), device, "Hall 2", 1714000000);
        REQUIRE(report.ok());
        report->counters = {{usage::kVisits, 1}};
        REQUIRE(write_usage_file(dir.file("old"), report.value()).ok());
    }
    auto dup = cli("usage " + shell_quote(dir.file("old")) + " " + shell_quote(dir.file("stick")));
    INFO(dup.output);
    REQUIRE(dup.exit_code == 0);
    CHECK(dup.output.find("counting the newer one") != std::string::npos);
    CHECK(dup.output.find("visits                       10") != std::string::npos);

    // A damaged file is reported by name and makes the exit status non-zero; the rest still counts.
    write_file(dir.file("stick/tidings-usage-k-broken.txt"), "tidings-usage 1\ndevice k-broken\n");
    auto broken = cli("usage " + shell_quote(dir.file("stick")));
    INFO(broken.output);
    CHECK(broken.exit_code == 1);
    CHECK(broken.output.find("tidings-usage-k-broken.txt") != std::string::npos);
    CHECK(broken.output.find("visits                       10") != std::string::npos);

    auto none = cli("usage " + shell_quote(dir.file("nothing-here.txt")));
    CHECK(none.exit_code != 0);
    CHECK(none.output.find("nothing-here.txt") != std::string::npos);
}
