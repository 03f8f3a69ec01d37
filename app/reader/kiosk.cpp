// Kiosk mode's event filter and PIN lock-out (see kiosk.h).
#include "app/reader/kiosk.h"

#include "core/kiosk_pin.h"
#include "core/search_text.h"
#include "core/terminal.h"
#include "core/usage_file.h"
#include "platform/data_paths.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace tidings::reader {

KioskFilter kiosk_filter(const SDL_Event& e) {
    switch (e.type) {
    case SDL_QUIT: // window manager, Alt+F4 on some desktops, the last window closing
    case SDL_APP_TERMINATING:
        return KioskFilter::Block;
    case SDL_WINDOWEVENT:
        return e.window.event == SDL_WINDOWEVENT_CLOSE ? KioskFilter::Block : KioskFilter::Pass;
    case SDL_KEYDOWN: // Escape, Alt+F4, Alt+Tab, the Windows key, Android's back key...
    case SDL_KEYUP:
    case SDL_TEXTINPUT:
    case SDL_TEXTEDITING:
        return KioskFilter::Block; // a kiosk is used by touch; its keyboard (if any) does nothing
    default:
        return KioskFilter::Pass;
    }
}

bool is_visitor_input(const SDL_Event& e) {
    switch (e.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION:
    case SDL_MOUSEWHEEL:
    case SDL_MULTIGESTURE:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
        return true;
    default:
        return false;
    }
}

int PinGate::seconds_left(double now) const {
    return locked(now) ? static_cast<int>(std::ceil(locked_until_ - now)) : 0;
}

void PinGate::failed(double now) {
    ++failures_;
    if (failures_ < kFreeTries) return;
    int extra = std::min(failures_ - kFreeTries, 4); // 1, 2, 4, 8, then 15 minutes
    locked_until_ =
        now + std::min(kMaxLockSeconds, kFirstLockSeconds * static_cast<double>(1 << extra));
}

void PinGate::succeeded() {
    failures_ = 0;
    locked_until_ = 0;
}

namespace {
// The library the command line names, created if missing (a kiosk may be set up before its first
// run).
Result<Library> open_library_for(const ReaderOptions& o) {
    std::string path = o.library.empty() ? platform::default_library_path() : o.library;
    if (path.empty())
        return make_error(
            ErrorCode::Io,
            "no place for the library: set HOME or XDG_DATA_HOME, or pass --library PATH");
    if (auto parent = std::filesystem::path(path).parent_path(); !parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
    }
    return Library::open(path);
}
} // namespace

int run_kiosk_pin_set(const ReaderOptions& options) {
    std::string pin;
    if (const char* env = std::getenv("TIDINGS_KIOSK_PIN"); env && *env) {
        pin = env;
    } else {
        auto first = ask_secret("New staff PIN for the kiosk (4 to 12 digits): ");
        if (!first) {
            std::fprintf(
                stderr,
                "tidings: no terminal to ask for the PIN: set TIDINGS_KIOSK_PIN=... for scripts\n");
            return 2;
        }
        auto second = ask_secret("The same PIN again: ");
        if (!second || *second != *first) {
            std::fprintf(stderr, "tidings: the two PINs differ; nothing was changed\n");
            return 2;
        }
        pin = *first;
    }
    if (auto shape = check_pin_shape(pin); !shape) {
        std::fprintf(stderr, "tidings: %s; nothing was changed\n", shape.error().message.c_str());
        return 2;
    }
    auto lib = open_library_for(options);
    if (!lib) {
        std::fprintf(stderr, "tidings: %s\n", lib.error().message.c_str());
        return 1;
    }
    if (auto st = set_kiosk_pin(lib.value(), pin); !st) {
        std::fprintf(stderr, "tidings: %s\n", st.error().message.c_str());
        return 1;
    }
    std::printf("the staff PIN is set (only its salted hash is stored); a running kiosk takes it "
                "the next time "
                "Staff only is tapped\n");
    return 0;
}

int run_kiosk_name(const ReaderOptions& options) {
    const std::string& name = *options.kiosk_name;
    if (!is_valid_utf8(name) || std::any_of(name.begin(), name.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        })) {
        std::fprintf(stderr, "tidings: --kiosk-name takes one line of text\n");
        return 2;
    }
    auto lib = open_library_for(options);
    if (!lib) {
        std::fprintf(stderr, "tidings: %s\n", lib.error().message.c_str());
        return 1;
    }
    if (auto st = lib->set_setting(kUsageNameSetting, name); !st) {
        std::fprintf(stderr, "tidings: %s\n", st.error().message.c_str());
        return 1;
    }
    std::printf("this kiosk is called \"%s\" in its usage files\n", name.c_str());
    return 0;
}

} // namespace tidings::reader
