// XDG data folder lookup for the reader's library.
#include "platform/data_paths.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace tidings::platform {

std::string data_dir() {
    namespace fs = std::filesystem;
    fs::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        base = fs::path(home) / ".local" / "share";
    } else {
        return {};
    }
    fs::path dir = base / "tidings";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return {};
    return dir.string();
}

std::string default_library_path() {
    std::string dir = data_dir();
    return dir.empty() ? std::string() : dir + "/library.db";
}

} // namespace tidings::platform
