// tidings: the offline news reader. Parses the command line and opens the window (or renders a
// screenshot, or runs the benchmark, without a display).
#include "app/reader/app.h"
#include "app/reader/headless.h"
#include "app/reader/kiosk.h"
#include "app/reader/options.h"
#include "app/reader/texture.h"

#include <SDL.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace tidings::reader;

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    ParsedOptions parsed = parse_options(args);
    if (!parsed.error.empty()) {
        std::fprintf(stderr, "tidings: %s\n", parsed.error.c_str());
        return 2;
    }
    const ReaderOptions& o = parsed.options;
    if (o.help) {
        std::fputs(usage_text().c_str(), stdout);
        return 0;
    }
    if (o.version) {
        std::printf("tidings %s\n", TIDINGS_VERSION);
        return 0;
    }
    if (o.kiosk_pin_set) return run_kiosk_pin_set(o);
    if (o.kiosk_name) return run_kiosk_name(o);
    if (!o.bench_probe.empty()) return run_bench_probe(o);
    if (o.bench) return run_bench(o, argv[0]);
    if (!o.screenshot.empty()) return run_screenshot(o);

    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    // With no Wayland session, do not probe Wayland (its library prints its own complaints);
    // X11 and the console (KMS/DRM, kiosks without a desktop) are still tried.
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const char* driver = std::getenv("SDL_VIDEODRIVER");
    if ((!wayland || !*wayland) && (!driver || !*driver)) SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11,kmsdrm");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || SDL_GetNumVideoDisplays() < 1) {
        std::fprintf(stderr,
                     "tidings: no display to open a window on (%s); to see a screen without one, render it to a "
                     "PNG: tidings --screenshot home.png --screen home\n",
                     SDL_GetError());
        return 3;
    }
    // A comfortable reading window that fits the screen.
    int w = 1280, h = 800;
    SDL_Rect usable;
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0) {
        w = std::min(w, usable.w - 40);
        h = std::min(h, usable.h - 60);
    }
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o.fullscreen || o.kiosk) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    WindowPtr window(SDL_CreateWindow("Tidings", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags));
    if (!window) {
        std::fprintf(stderr, "tidings: cannot open a window (%s); to see a screen without one, render it to a PNG: "
                             "tidings --screenshot home.png --screen home\n",
                     SDL_GetError());
        SDL_Quit();
        return 3;
    }
    SDL_SetWindowMinimumSize(window.get(), 320, 400);
    RendererPtr renderer(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (!renderer) renderer.reset(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!renderer) {
        std::fprintf(stderr, "tidings: cannot draw in the window: %s\n", SDL_GetError());
        return 1;
    }
    int code = 0;
    {
        App app(o, window.get(), renderer.get());
        if (auto st = app.start(); !st) {
            std::fprintf(stderr, "tidings: %s\n", st.error().message.c_str());
            code = 1;
        } else {
            code = app.run();
        }
    }
    renderer.reset();
    window.reset();
    SDL_Quit();
    return code;
}
