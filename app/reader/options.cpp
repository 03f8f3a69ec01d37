// Command-line parsing for the reader.
#include "app/reader/options.h"

#include "app/reader/strings.h"

#include <cstdlib>

namespace tidings::reader {

namespace {
constexpr struct {
    ScreenName screen;
    const char* name;
} kScreens[] = {
    {ScreenName::Home, "home"},         {ScreenName::Article, "article"},
    {ScreenName::Search, "search"},     {ScreenName::Settings, "settings"},
    {ScreenName::Photo, "photo"},       {ScreenName::Bookmarks, "bookmarks"},
    {ScreenName::History, "history"},   {ScreenName::Sync, "sync"},
    {ScreenName::Attract, "attract"},   {ScreenName::Keyboard, "keyboard"},
    {ScreenName::Pin, "pin"},           {ScreenName::Admin, "admin"},
};
constexpr const char* kScreenList = "home, article, search, settings, photo, bookmarks, history, sync, attract, keyboard, pin or admin";

bool parse_int(const std::string& s, int& out) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    out = std::atoi(s.c_str());
    return true;
}
} // namespace

const char* screen_name(ScreenName s) {
    for (const auto& e : kScreens)
        if (e.screen == s) return e.name;
    return "?";
}

std::optional<ScreenName> parse_screen_name(const std::string& name) {
    for (const auto& e : kScreens)
        if (name == e.name) return e.screen;
    return std::nullopt;
}

std::string usage_text() {
    return "Usage: tidings [--library PATH] [--fullscreen] [--volume-root DIR]... [--sync FOLDER|URL [--sync-label NAME]]\n"
           "                      [--kiosk [--kiosk-idle SECONDS]]\n"
           "       tidings --kiosk-pin-set [--library PATH]\n"
           "       tidings --kiosk-name TEXT [--library PATH]\n"
           "       tidings --screenshot OUT.png --screen home|article|search|settings|photo|bookmarks|history|\n"
           "                                             sync|attract|keyboard|pin|admin\n"
           "               [--article ID] [--query TEXT] [--scroll PIXELS|end] [--size 1280x800]\n"
           "               [--ui-lang en|hy|az|ka|ru] [--theme day|night] [--text-size 0.85..1.5]\n"
           "               [--dpi N] [--kiosk] [--keyboard latin|cyrillic|armenian|georgian|symbols]\n"
           "       tidings --bench [--bench-articles N] [--library PATH]\n"
           "\n"
           "Opens the news library (by default in $XDG_DATA_HOME/tidings); on the first run it adds the\n"
           "sample articles. --screenshot draws one screen without a display and writes a PNG.\n"
           "Sticks mounted under /media/$USER, /run/media/$USER, /media or /mnt (or each --volume-root)\n"
           "that hold news for this library are offered for syncing; --sync syncs FOLDER or URL at once.\n"
           "--screen sync shows the sync sheet: the result of --sync, or else a download under way.\n"
           "--bench measures start-up, scrolling, idling and memory at N articles (default 100000).\n"
           "--kiosk: full screen for visitors, reset when idle, staff PIN to leave (see README).\n"
           "--kiosk-pin-set asks for the staff PIN (4-12 digits) on the terminal, or reads it from\n"
           "$TIDINGS_KIOSK_PIN, and stores its salted hash in the library.\n";
}

ParsedOptions parse_options(const std::vector<std::string>& args) {
    ParsedOptions r;
    ReaderOptions& o = r.options;
    auto fail = [&](std::string msg) {
        r.error = std::move(msg);
        return r;
    };
    bool screen_given = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) -> bool {
            if (i + 1 >= args.size()) return false;
            out = args[++i];
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            o.help = true;
        } else if (a == "--version") {
            o.version = true;
        } else if (a == "--volume-root") {
            if (!value(v)) return fail("--volume-root needs a folder");
            o.volume_roots.push_back(v);
        } else if (a == "--sync") {
            if (!value(o.sync_source)) return fail("--sync needs a channel folder or an http(s) address");
        } else if (a == "--sync-label") {
            if (!value(o.sync_label)) return fail("--sync-label needs a name");
        } else if (a == "--fullscreen") {
            o.fullscreen = true;
        } else if (a == "--kiosk") {
            o.kiosk = true;
        } else if (a == "--kiosk-pin-set") {
            o.kiosk_pin_set = true;
        } else if (a == "--kiosk-name") {
            if (!value(v) || v.empty() || v.size() > 100) return fail("--kiosk-name needs the kiosk's name (at most 100 bytes)");
            o.kiosk_name = v;
        } else if (a == "--kiosk-idle") {
            int s = 0;
            if (!value(v) || !parse_int(v, s) || s < 10 || s > 86400)
                return fail("--kiosk-idle needs a number of seconds between 10 and 86400");
            o.kiosk_idle = s;
        } else if (a == "--keyboard") {
            if (!value(o.keyboard) || (o.keyboard != "latin" && o.keyboard != "cyrillic" && o.keyboard != "armenian" &&
                                       o.keyboard != "georgian" && o.keyboard != "symbols"))
                return fail("--keyboard takes latin, cyrillic, armenian, georgian or symbols");
        } else if (a == "--bench") {
            o.bench = true;
        } else if (a == "--bench-probe") {
            if (!value(o.bench_probe) || (o.bench_probe != "startup" && o.bench_probe != "run" && o.bench_probe != "kiosk"))
                return fail("--bench-probe takes startup, run or kiosk");
        } else if (a == "--library") {
            if (!value(o.library) || o.library.empty()) return fail("--library needs a file path");
        } else if (a == "--screenshot") {
            if (!value(o.screenshot) || o.screenshot.empty()) return fail("--screenshot needs an output .png path");
        } else if (a == "--screen") {
            if (!value(v)) return fail(std::string("--screen needs a name: ") + kScreenList);
            auto s = parse_screen_name(v);
            if (!s) return fail("unknown screen '" + v + "': use " + kScreenList);
            o.screen = *s;
            screen_given = true;
        } else if (a == "--article") {
            if (!value(o.article) || o.article.empty()) return fail("--article needs an article id");
        } else if (a == "--query") {
            if (!value(o.query)) return fail("--query needs the text to search for");
        } else if (a == "--scroll") {
            if (!value(o.scroll)) return fail("--scroll needs a number of pixels or 'end'");
            int px = 0;
            if (o.scroll != "end" && !parse_int(o.scroll, px))
                return fail("--scroll takes a number of pixels or 'end', not '" + o.scroll + "'");
        } else if (a == "--size") {
            if (!value(v)) return fail("--size needs WIDTHxHEIGHT, e.g. 1280x800");
            auto x = v.find('x');
            int w = 0, h = 0;
            if (x == std::string::npos || !parse_int(v.substr(0, x), w) || !parse_int(v.substr(x + 1), h) || w < 200 ||
                h < 200 || w > 8192 || h > 8192)
                return fail("--size needs WIDTHxHEIGHT between 200 and 8192, e.g. 1280x800 (got '" + v + "')");
            o.width = w;
            o.height = h;
        } else if (a == "--ui-lang") {
            if (!value(o.ui_lang) || !ui_lang_from_code(o.ui_lang) || o.ui_lang.size() != 2)
                return fail("--ui-lang takes en, hy, az, ka or ru");
        } else if (a == "--theme") {
            if (!value(o.theme) || (o.theme != "day" && o.theme != "night")) return fail("--theme takes day or night");
        } else if (a == "--text-size") {
            if (!value(v)) return fail("--text-size needs a factor between 0.85 and 1.5");
            char* end = nullptr;
            float f = std::strtof(v.c_str(), &end);
            if (!end || *end || f < 0.7f || f > 2.0f) return fail("--text-size needs a factor between 0.85 and 1.5");
            o.text_scale = f;
        } else if (a == "--dpi") {
            int d = 0;
            if (!value(v) || !parse_int(v, d) || d < 50 || d > 1000) return fail("--dpi needs a number between 50 and 1000");
            o.dpi = static_cast<float>(d);
        } else if (a == "--bench-articles") {
            int n = 0;
            if (!value(v) || !parse_int(v, n) || n < 1) return fail("--bench-articles needs a positive number");
            o.bench_articles = n;
        } else {
            return fail("unknown option '" + a + "' (see tidings --help)");
        }
    }
    if (o.screenshot.empty() && screen_given)
        return fail("--screen only works with --screenshot OUT.png");
    return r;
}

} // namespace tidings::reader
