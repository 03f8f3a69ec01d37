// The reader's UI smoke test: the real program, headless (dummy video driver, software
// renderer), on a first-run library with the sample; every main screen at a landscape and a
// portrait size, in English and Armenian; each PNG must show a real screen, not a blank one.
// The pictures stay in <build>/reader-shots for people to look at.
#include "test_support.h"

#include "core/image.h"
#include "core/library_store.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <unordered_map>

using namespace tidings;
using namespace tidings::test;

namespace {

std::string reader() { return TIDINGS_READER; }

// What a screenshot shows, measured from its pixels.
struct PixelStats {
    int width = 0, height = 0;
    size_t colours = 0;          // distinct colours (5 bits per channel)
    double not_background = 0;   // share of pixels unlike the most common colour
};

PixelStats stats_of(const std::string& png) {
    PixelStats s;
    auto bytes = read_bytes(png);
    auto img = decode_image(bytes);
    REQUIRE(img.ok());
    s.width = img->width;
    s.height = img->height;
    std::unordered_map<uint32_t, size_t> counts;
    size_t n = static_cast<size_t>(img->width) * static_cast<size_t>(img->height);
    for (size_t i = 0; i < n; ++i) {
        const uint8_t* p = &img->pixels[i * static_cast<size_t>(img->channels)];
        uint32_t key = (uint32_t{p[0]} >> 3) << 10 | (uint32_t{p[1]} >> 3) << 5 | (uint32_t{p[2]} >> 3);
        ++counts[key];
    }
    size_t top = 0;
    for (const auto& [k, c] : counts) top = std::max(top, c);
    s.colours = counts.size();
    s.not_background = 1.0 - static_cast<double>(top) / static_cast<double>(n);
    return s;
}

// Runs the reader; returns its output (one line "wrote ...: <what the screen shows>").
std::string shoot(const std::string& library, const std::string& out, const std::string& args) {
    std::string cmd = shell_quote(reader()) + " --library " + shell_quote(library) + " --screenshot " +
                      shell_quote(out) + " " + args + " 2>&1";
    CommandResult r = run_command(cmd);
    INFO(cmd << "\n" << r.output);
    REQUIRE(r.exit_code == 0);
    REQUIRE(std::filesystem::exists(out));
    return r.output;
}

long number_after(const std::string& text, const std::string& key) {
    std::smatch m;
    if (std::regex_search(text, m, std::regex(key + "=(\\d+)"))) return std::stol(m[1]);
    return -1;
}

} // namespace

TEST_CASE("the reader renders every screen on the sample, landscape and portrait, English and Armenian",
          "[reader][ui]") {
    REQUIRE(std::filesystem::exists(sample_bundle()));
    TempDir dir;
    std::string library = dir.file("library.db");
    std::filesystem::path shots = std::filesystem::path(TIDINGS_BINARY_DIR) / "reader-shots";
    std::filesystem::create_directories(shots);

    // First run: the sample is applied before the first screen.
    std::string first = shoot(library, (shots / "first-run-home.png").string(), "--screen home");
    CHECK(number_after(first, "articles") > 0);

    // A word from a title, so search has something to find.
    std::string query;
    {
        auto lib = Library::open(library);
        REQUIRE(lib.ok());
        auto cards = lib->latest(1, 0);
        REQUIRE(cards.ok());
        REQUIRE_FALSE(cards->empty());
        std::smatch m;
        std::string title = cards->front().title;
        REQUIRE(std::regex_search(title, m, std::regex("[A-Za-z]{5,}")));
        query = m[0];
    }

    struct Screen {
        const char* name;  // file name part
        std::string args;  // reader arguments
    };
    const std::vector<Screen> screens = {
        {"home", "--screen home"},
        {"article", "--screen article"},
        {"article-related", "--screen article --scroll end"},
        {"search", "--screen search --query " + shell_quote(query)},
        {"settings", "--screen settings"},
        {"photo", "--screen photo"},
        {"saved", "--screen bookmarks"},
    };
    for (const char* lang : {"en", "hy"}) {
        for (const char* size : {"1280x800", "720x1280"}) {
            for (const Screen& s : screens) {
                std::string file = (shots / (std::string(s.name) + "-" + lang + "-" + size + ".png")).string();
                std::string out = shoot(library, file, s.args + " --ui-lang " + lang + " --size " + size);
                INFO(file << ": " << out);
                PixelStats st = stats_of(file);
                int w = std::stoi(size), h = std::stoi(std::string(size).substr(std::string(size).find('x') + 1));
                CHECK(st.width == w);
                CHECK(st.height == h);
                CHECK(st.colours >= 24);          // text, photos, accents: not a flat picture
                CHECK(st.not_background >= 0.03); // something is drawn on the background
                std::string name = s.name;
                if (name == "home") CHECK(number_after(out, "loaded") > 0);
                if (name.rfind("article", 0) == 0) {
                    CHECK(out.find("photo=shown") != std::string::npos);
                    CHECK(number_after(out, "related") > 0);
                }
                if (name == "search") CHECK(number_after(out, "results") > 0);
                if (name == "photo") CHECK(out.find("viewer photo=shown") != std::string::npos);
            }
        }
    }
}

TEST_CASE("without a display the reader says so in one line and how to get a screenshot", "[reader][ui]") {
    TempDir dir;
    CommandResult r = run_command("env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER " +
                                  shell_quote(reader()) + " --library " + shell_quote(dir.file("l.db")) + " 2>&1");
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("no display") != std::string::npos);
    CHECK(r.output.find("--screenshot") != std::string::npos);
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
}
