// Headless screenshots: the dummy video driver, the software renderer, a scripted walk to the
// asked-for screen, frames until everything settled, and a PNG of the last frame.
#include "app/reader/headless.h"

#include "app/reader/app.h"
#include "platform/clock.h"

#include <SDL.h>
#include <stb_image_write.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tidings::reader {

HeadlessDisplay::~HeadlessDisplay() {
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    if (sdl_) SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

std::string HeadlessDisplay::open(int w, int h) {
    // The dummy driver needs no display; the software renderer draws into memory.
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) return std::string("cannot start SDL video: ") + SDL_GetError();
    sdl_ = true;
    window_ = SDL_CreateWindow("Tidings", 0, 0, w, h, SDL_WINDOW_HIDDEN);
    if (!window_) return std::string("cannot create a window: ") + SDL_GetError();
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) return std::string("cannot create the software renderer: ") + SDL_GetError();
    return {};
}

bool settle(App& app, double max_seconds) {
    double until = platform::monotonic_seconds() + max_seconds;
    int calm = 0;
    while (platform::monotonic_seconds() < until) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) app.handle_event(e);
        app.frame();
        if (app.settled()) {
            if (++calm >= 4) return true;
        } else {
            calm = 0;
            SDL_Delay(1); // let the workers run on small machines
        }
    }
    return false;
}

std::string write_png(const std::string& path, const std::vector<uint32_t>& pixels, int w, int h) {
    if (w <= 0 || h <= 0 || pixels.size() < static_cast<size_t>(w) * static_cast<size_t>(h))
        return "no pixels to write";
    std::vector<uint8_t> rgb(static_cast<size_t>(w) * static_cast<size_t>(h) * 3);
    for (size_t i = 0, n = static_cast<size_t>(w) * static_cast<size_t>(h); i < n; ++i) {
        uint32_t px = pixels[i];
        rgb[i * 3 + 0] = static_cast<uint8_t>(px >> 16);
        rgb[i * 3 + 1] = static_cast<uint8_t>(px >> 8);
        rgb[i * 3 + 2] = static_cast<uint8_t>(px);
    }
    // The core compiles stb_image_write without stdio: encode to memory, then write the file.
    std::vector<uint8_t> png;
    auto sink = [](void* ctx, void* data, int size) {
        auto* out = static_cast<std::vector<uint8_t>*>(ctx);
        const auto* bytes = static_cast<const uint8_t*>(data);
        out->insert(out->end(), bytes, bytes + size);
    };
    if (!stbi_write_png_to_func(sink, &png, w, h, 3, rgb.data(), w * 3) || png.empty()) return "cannot encode " + path;
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return "cannot write " + path + ": " + std::strerror(errno);
    bool ok = std::fwrite(png.data(), 1, png.size(), f) == png.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok) return "cannot write " + path + " (disk full?)";
    return {};
}

namespace {

// Finds the article to show: --article as a row id or an article id in any channel, else an
// editor's choice with a photo and related articles, else the newest with a photo.
int64_t resolve_article(Library& lib, const std::string& wanted) {
    if (!wanted.empty()) {
        bool digits = wanted.find_first_not_of("0123456789") == std::string::npos;
        if (digits && wanted.size() < 18)
            if (auto v = lib.article(std::strtoll(wanted.c_str(), nullptr, 10))) return v->card.rowid;
        if (auto ch = lib.channels())
            for (const ChannelInfo& c : ch.value())
                if (auto v = lib.article(c.id, wanted)) return v->card.rowid;
        return -1;
    }
    for (int pass = 0; pass < 2; ++pass) {
        auto cards = pass == 0 ? lib.editors_choice(20, 0) : lib.latest(50, 0);
        if (!cards) continue;
        for (const ArticleCard& c : cards.value()) {
            if (c.photo.empty()) continue;
            auto rel = lib.related(c.rowid);
            if (rel && !rel->empty()) return c.rowid;
        }
        for (const ArticleCard& c : cards.value())
            if (!c.photo.empty()) return c.rowid;
    }
    auto any = lib.latest(1, 0);
    return any && !any->empty() ? any->front().rowid : -1;
}

} // namespace

int run_screenshot(const ReaderOptions& given) {
    ReaderOptions options = given;
    ScreenName screen = options.screen;
    bool kiosk_screen = screen == ScreenName::Attract || screen == ScreenName::Keyboard || screen == ScreenName::Pin ||
                        screen == ScreenName::Admin;
    if (kiosk_screen) options.kiosk = true;
    HeadlessDisplay display;
    if (std::string err = display.open(options.width, options.height); !err.empty()) {
        std::fprintf(stderr, "tidings: %s\n", err.c_str());
        return 1;
    }
    App app(options, display.window(), display.renderer());
    if (Status st = app.start(); !st) {
        std::fprintf(stderr, "tidings: %s\n", st.error().message.c_str());
        return 1;
    }
    if (!settle(app, 120.0)) std::fprintf(stderr, "tidings: warning: the library did not settle in time\n");

    // Walk to the screen. A kiosk starts on its welcome screen: other screens are behind it.
    if (app.kiosk_mode() && screen != ScreenName::Attract) app.kiosk_close_overlay();
    if (screen == ScreenName::Article || screen == ScreenName::Photo) {
        int64_t rowid = -2;
        app.db_worker().post([&, wanted = options.article](Result<Library>& lib, const std::atomic<bool>&) {
            int64_t r = lib ? resolve_article(lib.value(), wanted) : -1;
            app.queue().post([&rowid, r] { rowid = r; });
        });
        while (rowid == -2) {
            app.frame();
            SDL_Delay(1);
        }
        if (rowid < 0) {
            std::fprintf(stderr, "tidings: no article '%s' in %s\n", options.article.c_str(), app.library_path().c_str());
            return 1;
        }
        app.open_article(rowid);
        settle(app);
        if (screen == ScreenName::Photo) {
            const ArticleData* a = app.current_article();
            std::string hash, caption, credit;
            if (a && !a->view.card.photo.empty()) {
                hash = a->view.card.photo;
                caption = a->view.photo_caption;
                credit = a->view.photo_credit;
            } else if (a) {
                for (const Block& b : a->model.blocks)
                    if (b.kind == BlockKind::Photo) {
                        hash = photo_hash_of_ref(b.photo_ref);
                        caption = b.caption;
                        credit = b.credit;
                        break;
                    }
            }
            if (hash.empty()) {
                std::fprintf(stderr, "tidings: the article has no photo to show\n");
                return 1;
            }
            app.open_viewer(hash, caption, credit);
        }
    } else if (screen == ScreenName::Search) {
        app.open_search(options.query);
    } else if (screen == ScreenName::Settings) {
        app.open_settings();
    } else if (screen == ScreenName::Bookmarks) {
        app.open_saved(0);
    } else if (screen == ScreenName::History) {
        app.open_saved(1);
    } else if (screen == ScreenName::Sync) {
        app.open_settings(); // the sheet shows over the settings that lead to it
        if (options.sync_source.empty()) app.preview_sync_progress();
    } else if (screen == ScreenName::Attract) {
        app.kiosk_show_attract();
    } else if (screen == ScreenName::Keyboard) {
        app.open_search(options.query);
        if (!options.keyboard.empty()) {
            const char* names[] = {"latin", "cyrillic", "armenian", "georgian", "symbols"};
            for (int i = 0; i < 5; ++i)
                if (options.keyboard == names[i]) app.kiosk_set_keyboard(static_cast<OskLayoutId>(i));
        }
    } else if (screen == ScreenName::Pin) {
        app.open_settings();
        app.kiosk_open_staff();
        settle(app);
        app.kiosk_press("2"); // two digits typed, shown as dots
        app.kiosk_press("4");
    } else if (screen == ScreenName::Admin) {
        app.kiosk_open_admin_unchecked();
    }
    settle(app);
    if (!options.scroll.empty()) {
        app.set_scroll(options.scroll == "end" ? 1e9f : std::strtof(options.scroll.c_str(), nullptr));
        settle(app);
    }
    std::vector<uint32_t> pixels;
    app.frame(&pixels);
    if (std::string err = write_png(options.screenshot, pixels, options.width, options.height); !err.empty()) {
        std::fprintf(stderr, "tidings: %s\n", err.c_str());
        return 1;
    }
    std::printf("wrote %s (%dx%d, %s): %s\n", options.screenshot.c_str(), options.width, options.height,
                screen_name(screen), app.describe().c_str());
    return 0;
}

} // namespace tidings::reader
