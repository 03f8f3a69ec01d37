// Kiosk mode, driven headless with the platform fakes (a FakeClock for time, the dummy video
// driver, taps at the places keys were drawn): the blocked exits, the staff PIN typed on the
// screen with its lock-out, the idle reset and the usage counts it leaves in the library.
#include "test_support.h"

#include "app/reader/app.h"
#include "app/reader/headless.h"
#include "app/reader/kiosk.h"
#include "core/bundle_apply.h"
#include "core/kiosk_pin.h"
#include "core/library_store.h"
#include "core/usage_file.h"
#include "platform/clock.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace tidings;
using namespace tidings::test;
using reader::App;

namespace {

// A library with the sample applied and, when PIN is given, that staff PIN set.
struct KioskLibrary {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    explicit KioskLibrary(const char* pin = nullptr) {
        REQUIRE(std::filesystem::exists(sample_bundle()));
        auto lib = Library::open(path);
        REQUIRE(lib.ok());
        REQUIRE(apply_bundle(lib.value(), sample_bundle()).ok());
        if (pin) REQUIRE(set_kiosk_pin(lib.value(), pin).ok());
    }
    int64_t counter(const std::string& name) const {
        auto lib = Library::open(path);
        REQUIRE(lib.ok());
        auto all = lib->counters();
        REQUIRE(all.ok());
        for (const FacetCount& c : all.value())
            if (c.value == name) return c.count;
        return 0;
    }
};

// A headless kiosk on LIBRARY, its time read from CLOCK.
struct Kiosk {
    reader::HeadlessDisplay display;
    std::unique_ptr<App> app;
    Kiosk(const std::string& library, platform::Clock& clock, bool kiosk = true, int idle = 60,
          int w = 1280, int h = 800) {
        REQUIRE(display.open(w, h).empty());
        reader::ReaderOptions o;
        o.library = library;
        o.ui_lang = "en";
        o.kiosk = kiosk;
        o.kiosk_idle = idle;
        app = std::make_unique<App>(o, display.window(), display.renderer());
        app->set_clock(clock);
        REQUIRE(app->start().ok());
        reader::settle(*app);
    }
    // A tap where NAME (a key or a named button) was drawn in the last frame, as SDL delivers a
    // mouse click: the pointer moves there, the button goes down for a frame, then up.
    void tap(const std::string& name) {
        app->frame();
        auto at = app->kiosk_key_center(name);
        INFO("tap " << name << " on " << app->describe());
        REQUIRE(at.has_value());
        tap_at(at->x, at->y);
    }
    void tap_at(float x, float y) {
        SDL_Event move{};
        move.type = SDL_MOUSEMOTION;
        move.motion.x = static_cast<int>(x);
        move.motion.y = static_cast<int>(y);
        CHECK(app->handle_event(move));
        app->frame();
        SDL_Event down{};
        down.type = SDL_MOUSEBUTTONDOWN;
        down.button.button = SDL_BUTTON_LEFT;
        down.button.x = static_cast<int>(x);
        down.button.y = static_cast<int>(y);
        CHECK(app->handle_event(down));
        app->frame();
        SDL_Event up = down;
        up.type = SDL_MOUSEBUTTONUP;
        CHECK(app->handle_event(up));
        app->frame();
        app->frame();
    }
    void type(std::initializer_list<const char*> keys) {
        for (const char* k : keys)
            tap(k);
    }
    std::string shows() { return app->describe(); }
};

SDL_Event key(SDL_Keycode sym, Uint16 mod = KMOD_NONE) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    return e;
}

bool starts(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

} // namespace

TEST_CASE("the kiosk filter blocks quitting, closing and the keyboard, and passes touch",
          "[kiosk]") {
    SDL_Event e{};
    e.type = SDL_QUIT;
    CHECK(reader::kiosk_filter(e) == reader::KioskFilter::Block);
    e = SDL_Event{};
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    CHECK(reader::kiosk_filter(e) == reader::KioskFilter::Block);
    e.window.event = SDL_WINDOWEVENT_RESIZED;
    CHECK(reader::kiosk_filter(e) == reader::KioskFilter::Pass);
    CHECK(reader::kiosk_filter(key(SDLK_F4, KMOD_LALT)) == reader::KioskFilter::Block);
    CHECK(reader::kiosk_filter(key(SDLK_TAB, KMOD_LALT)) == reader::KioskFilter::Block);
    CHECK(reader::kiosk_filter(key(SDLK_ESCAPE)) == reader::KioskFilter::Block);
    CHECK(reader::kiosk_filter(key(SDLK_LGUI)) == reader::KioskFilter::Block);
    e = SDL_Event{};
    e.type = SDL_FINGERDOWN;
    CHECK(reader::kiosk_filter(e) == reader::KioskFilter::Pass);
    CHECK(reader::is_visitor_input(e));
    e.type = SDL_MOUSEBUTTONDOWN;
    CHECK(reader::kiosk_filter(e) == reader::KioskFilter::Pass);
    e.type = SDL_WINDOWEVENT;
    CHECK_FALSE(reader::is_visitor_input(e));
}

TEST_CASE("wrong PINs lock the pad for a minute, then longer, and a right one clears it",
          "[kiosk]") {
    reader::PinGate g;
    for (int i = 0; i < reader::PinGate::kFreeTries - 1; ++i)
        g.failed(100);
    CHECK_FALSE(g.locked(100));
    g.failed(100);
    CHECK(g.locked(100));
    CHECK(g.seconds_left(100) == 60);
    CHECK_FALSE(g.locked(160.5));
    g.failed(200);
    CHECK(g.seconds_left(200) == 120);
    for (int i = 0; i < 10; ++i)
        g.failed(300);
    CHECK(g.seconds_left(300) == 900); // capped at 15 minutes
    g.succeeded();
    CHECK_FALSE(g.locked(300));
    CHECK(g.failures() == 0);
}

TEST_CASE(
    "in kiosk mode quit, window close, Alt+F4, Escape and Alt+Tab do not end or leave the app",
    "[kiosk][reader]") {
    KioskLibrary lib;
    platform::FakeClock clock;
    Kiosk k(lib.path, clock);
    App& app = *k.app;
    REQUIRE(app.kiosk_mode());
    CHECK(starts(k.shows(), "attract")); // a kiosk wakes up to its welcome screen
    app.kiosk_close_overlay();
    auto cards = Library::open(lib.path)->latest(1, 0);
    REQUIRE(cards.ok());
    app.open_article(cards->front().rowid);
    reader::settle(app);
    REQUIRE(starts(k.shows(), "article="));

    SDL_Event quit{};
    quit.type = SDL_QUIT;
    CHECK(app.handle_event(quit));
    SDL_Event close{};
    close.type = SDL_WINDOWEVENT;
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    close.window.windowID = SDL_GetWindowID(k.display.window());
    CHECK(app.handle_event(close));
    CHECK(app.handle_event(key(SDLK_F4, KMOD_LALT)));
    CHECK(app.handle_event(key(SDLK_ESCAPE)));
    CHECK(app.handle_event(key(SDLK_TAB, KMOD_LALT)));
    CHECK(app.handle_event(key(SDLK_BACKSPACE)));
    reader::settle(app);
    CHECK(starts(k.shows(), "article=")); // Escape and Backspace did not even go back
    CHECK(app.kiosk_mode());

    // The same events end a reader that is not a kiosk (so the checks above can fail).
    app.set_kiosk(false);
    CHECK_FALSE(app.handle_event(close));
    CHECK_FALSE(app.handle_event(quit));
}

TEST_CASE("the staff PIN is typed on the screen, wrong ones lock it, the right one opens the staff "
          "screen",
          "[kiosk][reader]") {
    KioskLibrary lib("2468");
    platform::FakeClock clock;
    Kiosk k(lib.path, clock, true, 600);
    App& app = *k.app;
    k.tap_at(20, 400); // anywhere on the welcome screen
    REQUIRE(starts(k.shows(), "home"));
    app.open_settings(); // the visitors' language screen, with the staff button at its end
    k.tap("staff");
    reader::settle(app);
    REQUIRE(starts(k.shows(), "pin digits=0"));

    // A wrong PIN, tapped key by key.
    k.type({"1", "3", "5", "7"});
    CHECK(k.shows() == "pin digits=4");
    k.tap("backspace");
    CHECK(k.shows() == "pin digits=3");
    k.type({"9", "done"});
    reader::settle(app);
    CHECK(starts(k.shows(), "pin digits=0 wrong"));

    // Four more wrong tries lock the pad; taps do nothing while it is locked.
    for (int i = 0; i < 4; ++i) {
        k.type({"1", "1", "1", "1", "done"});
        reader::settle(app);
    }
    CHECK(k.shows().find("locked=60") != std::string::npos);
    k.type({"2", "4"});
    CHECK(starts(k.shows(), "pin digits=0"));
    clock.advance(30);
    app.frame();
    CHECK(k.shows().find("locked=30") != std::string::npos);
    clock.advance(31);
    app.frame();
    CHECK(k.shows().find("locked") == std::string::npos);

    // The right PIN.
    k.type({"2", "4", "6", "8", "done"});
    reader::settle(app);
    REQUIRE(starts(k.shows(), "admin"));
    // Back to the kiosk, then in again and out of kiosk mode: the app may now be closed.
    k.tap("back");
    CHECK(starts(k.shows(), "settings"));
    CHECK(app.kiosk_mode());
    k.tap("staff");
    reader::settle(app);
    k.type({"2", "4", "6", "8", "done"});
    reader::settle(app);
    REQUIRE(starts(k.shows(), "admin"));
    k.tap("leave");
    reader::settle(app);
    CHECK_FALSE(app.kiosk_mode());
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    CHECK_FALSE(app.handle_event(quit));
    auto l = Library::open(lib.path);
    REQUIRE(l.ok());
    auto enabled = l->setting(reader::kKioskEnabledSetting);
    REQUIRE(enabled.ok());
    REQUIRE(enabled.value());
    CHECK(*enabled.value() == "0"); // leaving is remembered
}

TEST_CASE("without a PIN the staff button explains how to set one and lets nobody in",
          "[kiosk][reader]") {
    KioskLibrary lib;
    platform::FakeClock clock;
    Kiosk k(lib.path, clock);
    k.app->kiosk_close_overlay();
    k.app->open_settings();
    k.tap("staff");
    reader::settle(*k.app);
    CHECK(starts(k.shows(), "pin digits=0 no-pin"));
    CHECK_FALSE(k.app->kiosk_key_center("done").has_value()); // no pad at all
    CHECK_FALSE(k.app->kiosk_press("1"));
    CHECK(starts(k.shows(), "pin digits=0 no-pin"));
    k.tap("cancel");
    CHECK(starts(k.shows(), "settings"));
    CHECK(k.app->kiosk_mode());
}

TEST_CASE("kiosk mode starts from the settings only with the PIN, and the library remembers it",
          "[kiosk][reader]") {
    KioskLibrary lib("97531");
    platform::FakeClock clock;
    {
        Kiosk k(lib.path, clock, false, 60, 1280,
                1800); // tall enough for the whole settings screen
        App& app = *k.app;
        REQUIRE_FALSE(app.kiosk_mode());
        app.open_settings();
        reader::settle(app);
        k.tap("start-kiosk");
        reader::settle(app);
        REQUIRE(starts(k.shows(), "pin"));
        k.type({"9", "7", "5", "3", "1", "done"});
        reader::settle(app);
        CHECK(app.kiosk_mode());
    }
    Kiosk again(lib.path, clock, false); // no --kiosk: the library's setting
    CHECK(again.app->kiosk_mode());
}

TEST_CASE("after the idle time the visitor's search, history, dialogs and language are reset, and "
          "counted",
          "[kiosk][reader]") {
    KioskLibrary lib;
    platform::FakeClock clock;
    Kiosk k(lib.path, clock, true, 60);
    App& app = *k.app;
    k.tap_at(20, 400);
    REQUIRE(starts(k.shows(), "home"));

    // A visitor picks Armenian, then searches on the screen's keyboard (Latin for the word).
    app.open_settings();
    app.frame();
    k.tap("lang:hy");
    CHECK(app.ui_lang() == reader::UiLang::Hy);
    app.open_search("");
    reader::settle(app);
    CHECK(k.shows().find("keyboard=ԱԲԳ") != std::string::npos); // the keyboard follows the language
    k.tap("layout:ABC");
    k.type({"p", "e", "a", "c", "e"});
    CHECK(app.search_text() == "peace");
    reader::settle(app);
    CHECK(k.shows().find("results=0") == std::string::npos);
    // Backspace removes whole letters of any script.
    k.tap("layout:ԱԲԳ");
    k.type({"ա", "backspace"});
    CHECK(app.search_text() == "peace");
    // Opening an article counts the search and the article.
    auto cards = Library::open(lib.path)->latest(1, 0);
    REQUIRE(cards.ok());
    app.open_article(cards->front().rowid);
    reader::settle(app);
    app.open_link("https://example.org/elsewhere");
    app.frame();
    app.frame();
    CHECK(app.link_sheet_open());
    CHECK(app.kiosk_key_center("close-link").has_value());
    CHECK_FALSE(app.kiosk_key_center("copy-link").has_value()); // nothing that leaves the app
    CHECK_FALSE(app.kiosk_key_center("open-link").has_value());

    // Idle, but not long enough.
    clock.advance(59);
    reader::settle(app);
    CHECK(starts(k.shows(), "article="));
    CHECK(app.link_sheet_open());
    // Long enough: back to the start.
    clock.advance(2);
    app.frame();
    reader::settle(app);
    CHECK(starts(k.shows(), "attract"));
    CHECK(app.search_text().empty());
    CHECK_FALSE(app.link_sheet_open());
    CHECK(app.ui_lang() == reader::UiLang::En);
    app.kiosk_close_overlay();
    app.frame();
    CHECK(starts(k.shows(), "home"));
    {
        auto l = Library::open(lib.path);
        REQUIRE(l.ok());
        auto history = l->history(10, 0);
        REQUIRE(history.ok());
        CHECK(history->empty()); // the next visitor does not see what this one read
    }
    CHECK(lib.counter(usage::kVisits) == 1);
    CHECK(lib.counter(usage::kArticlesOpened) == 1);
    CHECK(lib.counter(std::string(usage::kArticlePrefix) + cards->front().channel + "/" +
                      cards->front().id) == 1);
    CHECK(lib.counter(usage::kSearches) == 1);
    CHECK(lib.counter(usage::kSearchesEmpty) == 0);
    CHECK(lib.counter(std::string(usage::kUiLanguagePrefix) + "hy") == 1);

    // Nobody there: no more resets, no more visits.
    clock.advance(600);
    app.frame();
    reader::settle(app);
    CHECK(starts(k.shows(), "home"));
    CHECK(lib.counter(usage::kVisits) == 1);

    // A search that finds nothing, finished with Done, then the idle reset.
    app.open_search("");
    reader::settle(app);
    k.tap("layout:ABC");
    k.type({"q", "x", "z", "q", "x"});
    reader::settle(app);
    k.tap("done");
    reader::settle(app);
    CHECK(lib.counter(usage::kSearches) == 2);
    CHECK(lib.counter(usage::kSearchesEmpty) == 1);
    clock.advance(61);
    app.frame();
    reader::settle(app);
    CHECK(starts(k.shows(), "attract"));
    CHECK(lib.counter(usage::kVisits) == 2);
    CHECK(lib.counter(usage::kSearches) == 2); // counted once, not again at the reset
}
