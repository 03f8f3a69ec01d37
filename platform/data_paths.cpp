// XDG data folder lookup for the reader's library, and files shipped beside the program.
#include "platform/data_paths.h"

#include <SDL.h>

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

std::string executable_dir() {
    // SDL_GetBasePath works before SDL_Init and knows every platform SDL runs on.
    if (char* base = SDL_GetBasePath()) {
        std::string dir = base;
        SDL_free(base);
        while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
        return dir;
    }
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    return exe.parent_path().string();
}

std::string find_resource(const std::string& relative) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const char* share = std::getenv("TIDINGS_SHARE_DIR"); share && *share) {
        fs::path p = fs::path(share) / relative;
        if (fs::exists(p, ec)) return p.string();
    }
    std::string exe = executable_dir();
    if (exe.empty()) return {};
    for (const char* sub : {"../share/tidings", "../share"}) {
        fs::path p = fs::path(exe) / sub / relative;
        if (fs::exists(p, ec)) return fs::weakly_canonical(p, ec).string();
    }
    return {};
}

} // namespace tidings::platform
