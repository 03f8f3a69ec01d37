// Removable volumes holding a Tidings channel (see volume_watch.h).
#include "platform/volume_watch.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace tidings::platform {

namespace fs = std::filesystem;

namespace {

bool is_channel_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p / "channel.index", ec);
}

} // namespace

std::vector<std::string> find_channel_dirs(const std::string& path) {
    std::vector<std::string> out;
    std::error_code ec;
    const fs::path root(path);
    if (is_channel_dir(root)) out.push_back(root.string());
    for (const fs::path& base : {root, root / "tidings"}) {
        if (!fs::is_directory(base, ec)) continue;
        for (fs::directory_iterator it(base, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
             it.increment(ec)) {
            if (it->is_directory(ec) && is_channel_dir(it->path())) out.push_back(it->path().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

VolumeWatcher::VolumeWatcher(std::vector<std::string> roots) : roots_(std::move(roots)) {}

std::vector<std::string> VolumeWatcher::default_roots() {
    if (const char* env = std::getenv("TIDINGS_VOLUME_ROOTS"); env && *env) {
        std::vector<std::string> out;
        std::string s(env);
        size_t pos = 0;
        while (pos <= s.size()) {
            size_t next = s.find(':', pos);
            std::string part = s.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
            if (!part.empty()) out.push_back(part);
            if (next == std::string::npos) break;
            pos = next + 1;
        }
        return out;
    }
    std::vector<std::string> out;
    if (const char* user = std::getenv("USER"); user && *user) {
        out.push_back(std::string("/media/") + user);
        out.push_back(std::string("/run/media/") + user);
    }
    out.push_back("/media");
    out.push_back("/mnt");
    return out;
}

std::vector<Volume> VolumeWatcher::scan() const {
    std::vector<Volume> out;
    std::error_code ec;
    for (const std::string& root : roots_) {
        if (!fs::is_directory(root, ec)) continue;
        for (fs::directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
             it.increment(ec)) {
            if (!it->is_directory(ec)) continue;
            Volume v;
            v.path = it->path().string();
            v.label = it->path().filename().string();
            v.channel_dirs = find_channel_dirs(v.path);
            if (!v.channel_dirs.empty()) out.push_back(std::move(v));
        }
    }
    return out;
}

std::vector<Volume> VolumeWatcher::poll() {
    std::vector<Volume> now = scan(), fresh;
    std::set<std::string> present;
    for (Volume& v : now) {
        present.insert(v.path);
        if (!seen_.count(v.path)) fresh.push_back(std::move(v));
    }
    seen_ = std::move(present);
    return fresh;
}

} // namespace tidings::platform
