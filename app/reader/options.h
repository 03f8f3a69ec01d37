// The reader's command line: library path, headless screenshots, benchmark.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tidings::reader {

// Which screen a headless screenshot shows.
enum class ScreenName {
    Home, Article, Search, Settings, Photo, Bookmarks, History, Sync, Attract, Keyboard, Pin, Admin
};

// Everything the command line can say.
struct ReaderOptions {
    std::string library;           // --library PATH; empty = the XDG default
    std::string screenshot;        // --screenshot OUT.png; empty = interactive
    ScreenName screen = ScreenName::Home; // --screen
    std::string article;           // --article ID (article id, or a number for a row id)
    std::string query;             // --query TEXT
    std::string scroll;            // --scroll PIXELS|end: scroll the screen before the shot
    int width = 1280;              // --size WxH
    int height = 800;
    std::string ui_lang;           // --ui-lang en|hy|az|ka|ru (overrides the saved setting)
    std::string theme;             // --theme day|night (overrides the saved setting)
    float text_scale = 0;          // --text-size 0.85..1.5 (0 = the saved setting)
    float dpi = 0;                 // --dpi N: pretend the display has this density (0 = ask SDL)
    bool fullscreen = false;       // --fullscreen
    bool kiosk = false;            // --kiosk: kiosk mode (also when the library's setting says so)
    int kiosk_idle = 0;            // --kiosk-idle SECONDS: idle reset (0 = the saved setting, else 120)
    bool kiosk_pin_set = false;    // --kiosk-pin-set: ask for the staff PIN on the terminal, store its hash, exit
    std::optional<std::string> kiosk_name; // --kiosk-name TEXT: the kiosk's name in usage files, stored, exit
    std::string keyboard;          // --keyboard latin|cyrillic|armenian|georgian|symbols (screenshots)
    bool bench = false;            // --bench: print performance figures and exit
    int bench_articles = 100000;   // --bench-articles N
    std::string bench_probe;       // --bench-probe startup|run|kiosk: the benchmark's child processes
    std::vector<std::string> volume_roots; // --volume-root DIR (repeatable): where sticks mount
                                   // (default: /media/$USER, /run/media/$USER, /media, /mnt)
    std::string sync_source;       // --sync FOLDER|URL: sync from it once started (scripting)
    std::string sync_label;        // --sync-label NAME: what the sync sheet calls that source
    bool help = false;             // --help
    bool version = false;          // --version
};

// Parsed options, or a message saying what is wrong with ARGS (without the program name).
struct ParsedOptions {
    ReaderOptions options;
    std::string error; // empty when ARGS were fine
};
ParsedOptions parse_options(const std::vector<std::string>& args);

// The --help text.
std::string usage_text();

// "home", "article", ... for messages; parse_screen_name returns nullopt for unknown names.
const char* screen_name(ScreenName s);
std::optional<ScreenName> parse_screen_name(const std::string& name);

} // namespace tidings::reader
