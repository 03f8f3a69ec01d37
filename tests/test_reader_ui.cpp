// The reader's UI smoke test: the real program, headless (dummy video driver, software
// renderer), on a first-run library with the sample; every main screen at a landscape and a
// portrait size, in English and Armenian; each PNG must show a real screen, not a blank one.
// The pictures stay in <build>/reader-shots for people to look at.
#include "test_support.h"

#include "app/reader/app.h"
#include "app/reader/headless.h"
#include "core/bundle_apply.h"
#include "core/image.h"
#include "core/library_store.h"
#include "platform/display.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <chrono>
#include <regex>
#include <thread>
#include <unordered_map>

using namespace tidings;
using namespace tidings::test;

namespace {

std::string reader_program() { return TIDINGS_READER; }

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
    std::string cmd = shell_quote(reader_program()) + " --library " + shell_quote(library) + " --screenshot " +
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
        {"sync", "--screen sync"},
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
                if (name == "sync") CHECK(out.find("sync=running") != std::string::npos);
            }
        }
    }
}

TEST_CASE("without a display the reader says so in one line and how to get a screenshot", "[reader][ui]") {
    TempDir dir;
    CommandResult r = run_command("env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER " +
                                  shell_quote(reader_program()) + " --library " + shell_quote(dir.file("l.db")) + " 2>&1");
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("no display") != std::string::npos);
    CHECK(r.output.find("--screenshot") != std::string::npos);
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
}

namespace {

// A library with the sample applied, and an article of it whose related list links to another
// article of the library.
struct SampleLibrary {
    TempDir dir;
    std::string path = dir.file("library.db");
    int64_t article = 0; // has a related entry in the library
    int64_t related = 0; // that entry's article
    SampleLibrary() {
        REQUIRE(std::filesystem::exists(sample_bundle()));
        auto lib = Library::open(path);
        REQUIRE(lib.ok());
        REQUIRE(apply_bundle(lib.value(), sample_bundle()).ok());
        auto cards = lib->latest(1000, 0);
        REQUIRE(cards.ok());
        size_t longest = 0;
        for (const ArticleCard& c : cards.value()) {
            auto rel = lib->related(c.rowid);
            auto view = lib->article(c.rowid);
            if (!rel || !view) continue;
            for (const RelatedEntry& e : rel.value())
                if (e.target_rowid != 0 && view->body.size() > longest) {
                    longest = view->body.size();
                    article = c.rowid;
                    related = e.target_rowid;
                }
        }
        REQUIRE(article != 0);
    }
};

void frames_for(reader::App& app, double seconds) {
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(8));
    }
}

SDL_Event finger(Uint32 type, float x, float y) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.x = x;
    e.tfinger.y = y;
    return e;
}

} // namespace

TEST_CASE("a finger drags the article, it glides on, and back returns to the same place", "[reader][ui]") {
    SampleLibrary sample;
    reader::HeadlessDisplay display;
    REQUIRE(display.open(720, 1280).empty());
    reader::ReaderOptions o;
    o.library = sample.path;
    o.ui_lang = "en";
    reader::App app(o, display.window(), display.renderer());
    REQUIRE(app.start().ok());
    reader::settle(app);
    app.open_article(sample.article);
    reader::settle(app);
    REQUIRE(app.scroll_max() > 600);
    CHECK(app.scroll_y() == 0);

    // Drag up 300 px in 10 moves, 8 ms apart: a quick flick.
    app.handle_event(finger(SDL_FINGERDOWN, 0.5f, 0.8f));
    app.frame();
    for (int i = 1; i <= 10; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(8));
        app.handle_event(finger(SDL_FINGERMOTION, 0.5f, 0.8f - 30.0f * static_cast<float>(i) / 1280.0f));
        app.frame();
    }
    app.frame();
    float dragged = app.scroll_y();
    CHECK(dragged > 200);
    app.handle_event(finger(SDL_FINGERUP, 0.5f, 0.8f - 300.0f / 1280.0f));
    CHECK(app.animating()); // gliding
    frames_for(app, 0.3);
    float glided = app.scroll_y();
    CHECK(glided > dragged + 50);
    reader::settle(app);
    CHECK_FALSE(app.animating());
    float resting = app.scroll_y();

    // Into a related article and back: the same scroll position.
    app.open_article(sample.related);
    reader::settle(app);
    app.scroll_by(150);
    reader::settle(app);
    SDL_Event esc{};
    esc.type = SDL_KEYDOWN;
    esc.key.keysym.sym = SDLK_ESCAPE;
    app.handle_event(esc);
    reader::settle(app);
    app.frame();
    CHECK(app.scroll_y() == Approx(resting).margin(1.0));
}

TEST_CASE("touch targets are at least 9 mm at the display's density", "[reader][ui]") {
    SampleLibrary sample;
    for (float dpi : {96.0f, 160.0f, 300.0f, 450.0f}) {
        reader::HeadlessDisplay display;
        REQUIRE(display.open(720, 1280).empty());
        reader::ReaderOptions o;
        o.library = sample.path;
        o.dpi = dpi;
        reader::App app(o, display.window(), display.renderer());
        REQUIRE(app.start().ok());
        app.frame();
        INFO("dpi " << dpi);
        CHECK(app.metrics().hit >= platform::mm_to_px(9.0f, dpi) - 0.5f);
        CHECK(app.metrics().bar >= app.metrics().hit);
        // Text follows the density too.
        CHECK(app.fonts().ui->FontSize >= 17.0f * platform::ui_scale_for_dpi(dpi) - 1.0f);
    }
}

TEST_CASE("on a phone a swipe to the right goes back, and a vertical drag scrolls instead", "[reader][ui][swipe]") {
    SampleLibrary sample;
    reader::HeadlessDisplay display;
    REQUIRE(display.open(720, 1280).empty());
    reader::ReaderOptions o;
    o.library = sample.path;
    o.ui_lang = "en";
    o.dpi = 320; // a phone
    reader::App app(o, display.window(), display.renderer());
    REQUIRE(app.start().ok());
    reader::settle(app);
    app.open_article(sample.article);
    reader::settle(app);
    REQUIRE(app.describe().rfind("article=", 0) == 0);

    auto drag = [&](float x0, float y0, float x1, float y1) {
        app.handle_event(finger(SDL_FINGERDOWN, x0, y0));
        app.frame();
        for (int i = 1; i <= 10; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(8));
            float f = static_cast<float>(i) / 10.0f;
            app.handle_event(finger(SDL_FINGERMOTION, x0 + (x1 - x0) * f, y0 + (y1 - y0) * f));
            app.frame();
        }
        app.handle_event(finger(SDL_FINGERUP, x1, y1));
        reader::settle(app);
    };
    // Up the screen, a little sideways: a scroll, not a swipe.
    drag(0.4f, 0.8f, 0.5f, 0.5f);
    CHECK(app.describe().rfind("article=", 0) == 0);
    CHECK(app.scroll_y() > 100);
    // Leftwards: nothing.
    drag(0.8f, 0.5f, 0.2f, 0.52f);
    CHECK(app.describe().rfind("article=", 0) == 0);
    // Rightwards, half the width: back home.
    drag(0.1f, 0.5f, 0.6f, 0.53f);
    CHECK(app.describe().rfind("home", 0) == 0);
}

TEST_CASE("kiosk screens render: home, welcome, the keyboard in four scripts, PIN pad, staff screen, portrait article",
          "[reader][ui][kiosk]") {
    REQUIRE(std::filesystem::exists(sample_bundle()));
    TempDir dir;
    std::string library = dir.file("library.db");
    std::filesystem::path shots = std::filesystem::path(TIDINGS_BINARY_DIR) / "reader-shots";
    std::filesystem::create_directories(shots);
    shoot(library, (shots / "kiosk-first-run.png").string(), "--screen home");
    {
        auto lib = Library::open(library);
        REQUIRE(lib.ok());
        REQUIRE(lib->set_setting("kiosk.pin_hash", "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                                                   "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g").ok());
    }
    struct Shot {
        const char* name;
        std::string args;
        const char* shows; // the start of what the screen describes
    };
    const std::vector<Shot> list = {
        {"kiosk-home-1920x1080", "--screen home --kiosk --size 1920x1080", "home"},
        {"kiosk-attract-1920x1080", "--screen attract --size 1920x1080", "attract card="},
        {"kiosk-attract-1080x1920", "--screen attract --size 1080x1920 --ui-lang hy", "attract card="},
        {"kiosk-keyboard-latin", "--screen keyboard --keyboard latin --query peace --size 1080x1920 --ui-lang az",
         "search results="},
        {"kiosk-keyboard-cyrillic", "--screen keyboard --keyboard cyrillic --size 1080x1920 --ui-lang ru", "search"},
        {"kiosk-keyboard-armenian", "--screen keyboard --keyboard armenian --size 1080x1920 --ui-lang hy", "search"},
        {"kiosk-keyboard-georgian", "--screen keyboard --keyboard georgian --size 1080x1920 --ui-lang ka", "search"},
        {"kiosk-pin-1920x1080", "--screen pin --size 1920x1080", "pin digits=2"},
        {"kiosk-admin-1920x1080", "--screen admin --size 1920x1080", "admin"},
        {"phone-article-1080x1920", "--screen article --size 1080x1920 --dpi 400 --ui-lang az", "article="},
    };
    for (const Shot& s : list) {
        std::string file = (shots / (std::string(s.name) + ".png")).string();
        std::string out = shoot(library, file, s.args);
        INFO(file << ": " << out);
        CHECK(out.find(std::string(": ") + s.shows) != std::string::npos);
        PixelStats st = stats_of(file);
        CHECK(st.colours >= 24);
        CHECK(st.not_background >= 0.03);
        if (std::string(s.name).rfind("kiosk-keyboard", 0) == 0) CHECK(out.find("keyboard=") != std::string::npos);
    }
}
