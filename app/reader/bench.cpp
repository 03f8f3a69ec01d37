// `tidings --bench`: start-up, scrolling, idling and memory at many articles, with the software
// renderer under the dummy video driver. Measured in child processes so numbers are the
// reader's own (cold start, peak memory without the corpus generation).
#include "app/reader/app.h"
#include "app/reader/bench_corpus.h"
#include "app/reader/headless.h"
#include "platform/clock.h"
#include "platform/process_stats.h"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace tidings::reader {

namespace {

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// Frame times of N frames while CALL moves things each frame.
template <class F> std::vector<double> time_frames(App& app, int n, F&& call) {
    std::vector<double> ms;
    ms.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        call(i);
        double t0 = platform::monotonic_seconds();
        SDL_Event e;
        while (SDL_PollEvent(&e)) app.handle_event(e);
        app.frame();
        ms.push_back((platform::monotonic_seconds() - t0) * 1000.0);
    }
    return ms;
}

void print_frames(const char* what, const std::vector<double>& ms) {
    std::printf("%-44s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%zu frames)\n", what, percentile(ms, 0.5),
                percentile(ms, 0.99), percentile(ms, 1.0), ms.size());
}

Uint32 push_quit(Uint32, void* app) {
    SDL_Event e{};
    e.type = SDL_QUIT;
    SDL_PushEvent(&e);
    static_cast<App*>(app)->wake();
    return 0;
}
// Opens DISPLAY at WIDTH x HEIGHT and starts a reader on it with O; says why on stderr and
// returns null when either fails.
std::unique_ptr<App> start_headless(HeadlessDisplay& display, const ReaderOptions& o, int width, int height) {
    if (std::string err = display.open(width, height); !err.empty()) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return nullptr;
    }
    auto app = std::make_unique<App>(o, display.window(), display.renderer());
    if (auto st = app->start(); !st) {
        std::fprintf(stderr, "%s\n", st.error().message.c_str());
        return nullptr;
    }
    return app;
}


int probe_startup(const ReaderOptions& o) {
    HeadlessDisplay display;
    auto started = start_headless(display, o, 1280, 800);
    if (!started) return 1;
    App& app = *started;
    app.frame();
    std::printf("frame\n");
    std::fflush(stdout);
    double until = platform::monotonic_seconds() + 30;
    while (platform::monotonic_seconds() < until) {
        // Like the real loop: draw only when something changed, otherwise sleep.
        SDL_Event e;
        while (SDL_PollEvent(&e)) app.handle_event(e);
        if (app.wants_frame()) app.frame();
        else SDL_Delay(1);
        if (!app.home().list.pages.empty() && app.home().editors_loaded && !app.wants_frame()) break;
    }
    std::printf("content\n");
    std::fflush(stdout);
    settle(app);
    std::printf("settled\n");
    std::fflush(stdout);
    return 0;
}

int probe_run(const ReaderOptions& o) {
    HeadlessDisplay display;
    auto started = start_headless(display, o, 1280, 800);
    if (!started) return 1;
    App& app = *started;
    settle(app);

    // Scrolling home at a steady 40 px a frame (2400 px/s at 60 frames a second).
    auto home = time_frames(app, 600, [&](int) { app.scroll_by(40); });
    print_frames("scroll home, 40 px/frame", home);
    // Flinging far into the list: each frame lands somewhere new (rows load on the worker).
    std::mt19937 rng(7);
    auto jumps = time_frames(app, 200, [&](int) {
        app.set_scroll(static_cast<float>(rng() % 1000000) / 1e6f * app.scroll_max());
    });
    print_frames("jump anywhere in the home list", jumps);
    settle(app);

    // An article with a photo: open, settle, scroll to the end.
    int64_t rowid = 0;
    for (const ArticleCard& c : app.home().editors)
        if (!c.photo.empty()) {
            rowid = c.rowid;
            break;
        }
    if (rowid == 0 && !app.home().editors.empty()) rowid = app.home().editors.front().rowid;
    if (rowid != 0) {
        app.open_article(rowid);
        settle(app);
        auto article = time_frames(app, 300, [&](int i) { app.scroll_by(i < 150 ? 25.0f : -25.0f); });
        print_frames("scroll article, 25 px/frame", article);
        settle(app);
        // Photos on screen: the hero in the full-screen viewer.
        if (const ArticleData* a = app.current_article(); a && !a->view.card.photo.empty()) {
            app.open_viewer(a->view.card.photo, a->view.photo_caption, a->view.photo_credit);
            settle(app);
        }
    }

    // Idle: the real loop for 10 seconds with no input.
    settle(app);
    for (int i = 0; i < 10; ++i) { // nothing left over: no queued events, no frames owed
        SDL_Event e;
        while (SDL_PollEvent(&e)) app.handle_event(e);
        while (app.wants_frame()) app.frame();
        SDL_Delay(20);
    }
    SDL_InitSubSystem(SDL_INIT_TIMER);
    uint64_t frames0 = app.frames();
    double cpu0 = platform::process_cpu_seconds();
    double t0 = platform::monotonic_seconds();
    SDL_AddTimer(10000, push_quit, &app);
    app.run();
    double wall = platform::monotonic_seconds() - t0;
    double cpu = platform::process_cpu_seconds() - cpu0;
    std::printf("%-44s %llu frames, CPU %.3f s of %.1f s (%.2f%%)\n", "idle 10 s", 
                static_cast<unsigned long long>(app.frames() - frames0), cpu, wall, cpu / wall * 100.0);
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    int glyphs = 0;
    for (const ImFont* f : atlas->Fonts) glyphs += f->Glyphs.Size;
    std::printf("%-44s %dx%d px, %d glyphs in %d fonts\n", "font atlas (characters of the library)", atlas->TexWidth,
                atlas->TexHeight, glyphs, atlas->Fonts.Size);
    std::printf("%-44s %.1f MB (now %.1f MB; photo textures %.1f MB in %zu)\n", "peak RSS with photos on screen",
                static_cast<double>(platform::peak_rss_bytes()) / 1048576.0,
                static_cast<double>(platform::current_rss_bytes()) / 1048576.0,
                static_cast<double>(app.photos().bytes()) / 1048576.0, app.photos().textures());
    return 0;
}

// Kiosk mode with the software renderer at the probe's --size: frames per second while an
// article scrolls up and down at 25 px a frame (a finger's steady drag), as a GPU-less kiosk
// draws it. The dummy driver's present copies nothing: a real screen adds one frame copy.
int probe_kiosk(const ReaderOptions& given) {
    ReaderOptions o = given;
    o.kiosk = true;
    HeadlessDisplay display;
    auto started = start_headless(display, o, o.width, o.height);
    if (!started) return 1;
    App& app = *started;
    settle(app);
    app.kiosk_close_overlay();
    // The longest of the editor's choice articles with a photo (the most to draw).
    int64_t rowid = 0;
    float longest = 0;
    for (const ArticleCard& c : app.home().editors) {
        app.open_article(c.rowid);
        settle(app);
        if (app.scroll_max() > longest && (!c.photo.empty() || rowid == 0)) {
            longest = app.scroll_max();
            rowid = c.rowid;
        }
    }
    if (rowid == 0) {
        std::fprintf(stderr, "no article to scroll\n");
        return 1;
    }
    app.open_article(rowid);
    settle(app);
    float dir = 25.0f;
    auto ms = time_frames(app, 600, [&](int) {
        if (app.scroll_y() >= app.scroll_max() - 1) dir = -25.0f;
        if (app.scroll_y() <= 0) dir = 25.0f;
        app.scroll_by(dir);
    });
    double sum = 0;
    for (double v : ms) sum += v;
    double mean = sum / static_cast<double>(ms.size());
    char what[96];
    std::snprintf(what, sizeof what, "kiosk %dx%d, software, scroll article", o.width, o.height);
    std::printf("%-44s %5.1f fps (mean %5.2f ms, p50 %5.2f ms, p99 %5.2f ms = %4.1f fps; %zu frames, article %.0f px)\n",
                what, 1000.0 / mean, mean, percentile(ms, 0.5), percentile(ms, 0.99), 1000.0 / percentile(ms, 0.99),
                ms.size(), static_cast<double>(app.scroll_max()));
    return 0;
}

} // namespace

int run_bench_probe(const ReaderOptions& options) {
    if (options.bench_probe == "kiosk") return probe_kiosk(options);
    return options.bench_probe == "startup" ? probe_startup(options) : probe_run(options);
}

int run_bench(const ReaderOptions& options, const char* argv0) {
    std::string library = options.library;
    if (library.empty())
        library = (std::filesystem::temp_directory_path() / ("tidings-bench-" + std::to_string(options.bench_articles) + ".db")).string();
    std::printf("tidings benchmark: %d articles in %s\n", options.bench_articles, library.c_str());
    double g0 = platform::monotonic_seconds();
    auto n = generate_corpus(library, options.bench_articles, [](const std::string& s) {
        std::printf("  %s\n", s.c_str());
        std::fflush(stdout);
    });
    if (!n) {
        std::fprintf(stderr, "tidings: %s\n", n.error().message.c_str());
        return 1;
    }
    double gen = platform::monotonic_seconds() - g0;
    if (gen > 1) std::printf("  library ready in %.1f s\n", gen);
    std::printf("library: %lld articles, %.1f MB\n", static_cast<long long>(n.value()),
                static_cast<double>(std::filesystem::file_size(library)) / 1048576.0);
    std::fflush(stdout);

    std::string self = std::filesystem::absolute(argv0).string();
    if (std::filesystem::exists("/proc/self/exe")) self = std::filesystem::read_symlink("/proc/self/exe").string();
    std::string common = " --library " + shell_quote(library) + " --ui-lang en 2>&1";

    // Cold start: a fresh process, timed from spawn to its first frame and to home's content.
    std::vector<double> first, content, settled;
    for (int run = 0; run < 5; ++run) {
        double t0 = platform::monotonic_seconds();
        FILE* p = popen((shell_quote(self) + " --bench-probe startup" + common).c_str(), "r");
        if (!p) break;
        char line[512];
        while (std::fgets(line, sizeof line, p)) {
            double ms = (platform::monotonic_seconds() - t0) * 1000.0;
            std::string s = line;
            if (s == "frame\n") first.push_back(ms);
            else if (s == "content\n") content.push_back(ms);
            else if (s == "settled\n") settled.push_back(ms);
            else std::fputs(line, stdout);
        }
        pclose(p);
    }
    std::printf("%-44s median %6.1f ms   (runs: %zu)\n", "cold start to first frame", percentile(first, 0.5), first.size());
    std::printf("%-44s median %6.1f ms\n", "cold start to home with articles", percentile(content, 0.5));
    std::printf("%-44s median %6.1f ms\n", "cold start to all thumbnails shown", percentile(settled, 0.5));
    std::fflush(stdout);

    // Scrolling, idling and memory in another fresh process, then the kiosk's frame rate with the
    // software renderer, landscape and portrait, each in its own process.
    int failed = 0;
    for (const char* probe : {" --bench-probe run", " --bench-probe kiosk --size 1920x1080",
                              " --bench-probe kiosk --size 1080x1920"}) {
        FILE* p = popen((shell_quote(self) + probe + common).c_str(), "r");
        if (!p) return 1;
        char line[512];
        while (std::fgets(line, sizeof line, p)) std::fputs(line, stdout);
        std::fflush(stdout);
        if (pclose(p) != 0) ++failed;
    }
    return failed == 0 ? 0 : 1;
}

} // namespace tidings::reader
