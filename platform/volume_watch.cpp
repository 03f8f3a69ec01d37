// Removable volumes holding a Tidings channel (see volume_watch.h).
#include "platform/volume_watch.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace tidings::platform {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMountTable = "/proc/self/mountinfo";

bool is_channel_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p / "channel.index", ec);
}

// "\040" -> ' ' and the like, as the kernel escapes mount points.
std::string unescape_octal(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '3' &&
            s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
            out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

bool under(const std::string& path, const std::string& root) {
    std::string r = root;
    while (r.size() > 1 && r.back() == '/') r.pop_back();
    return path.size() > r.size() + 1 && path.compare(0, r.size(), r) == 0 && path[r.size()] == '/';
}

} // namespace

std::vector<std::string> parse_mount_points(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string f[5];
        for (auto& x : f) fields >> x;
        if (!f[4].empty() && f[4][0] == '/') out.push_back(unescape_octal(f[4]));
    }
    return out;
}

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

VolumeWatcher::VolumeWatcher(std::vector<std::string> roots, Mode mode) : roots_(std::move(roots)), mode_(mode) {}

VolumeWatcher::~VolumeWatcher() {
    if (thread_.joinable()) {
        stop_ = true;
        if (stop_fd_ >= 0) {
            const char one = 1;
            [[maybe_unused]] ssize_t n = ::write(stop_fd_, &one, 1);
        }
        thread_.join();
    }
    if (stop_fd_ >= 0) ::close(stop_fd_);
}

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

std::vector<std::string> VolumeWatcher::candidates() const {
    std::vector<std::string> out;
    if (mode_ == Mode::MountTable) {
        std::ifstream f(kMountTable);
        std::stringstream text;
        text << f.rdbuf();
        for (const std::string& mp : parse_mount_points(text.str()))
            for (const std::string& root : roots_)
                if (under(mp, root)) {
                    out.push_back(mp);
                    break;
                }
    } else {
        std::error_code ec;
        for (const std::string& root : roots_) {
            if (!fs::is_directory(root, ec)) continue;
            for (fs::directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
                 !ec && it != end; it.increment(ec))
                if (it->is_directory(ec)) out.push_back(it->path().string());
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<Volume> VolumeWatcher::scan() const {
    std::vector<Volume> out;
    for (const std::string& path : candidates()) {
        Volume v;
        v.path = path;
        v.label = fs::path(path).filename().string();
        v.channel_dirs = find_channel_dirs(v.path);
        if (!v.channel_dirs.empty()) out.push_back(std::move(v));
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

void VolumeWatcher::start(std::function<void(const Volume&)> on_arrival, int rescan_ms) {
    if (thread_.joinable()) return;
    int fds[2];
    if (::pipe(fds) != 0) return; // no watching; the reader still syncs by hand
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    stop_fd_ = fds[1];
    const int wake_fd = fds[0];
    thread_ = std::thread([this, wake_fd, on_arrival = std::move(on_arrival), rescan_ms] {
        run(on_arrival, rescan_ms, wake_fd);
        ::close(wake_fd);
    });
}

void VolumeWatcher::run(const std::function<void(const Volume&)>& on_arrival, int rescan_ms, int wake_fd) {
    // The kernel marks the mount table POLLPRI|POLLERR when a mount comes or goes.
    const int table = mode_ == Mode::MountTable ? ::open(kMountTable, O_RDONLY | O_CLOEXEC) : -1;
    while (!stop_) {
        for (const Volume& v : poll()) {
            if (stop_) break;
            on_arrival(v);
        }
        first_scan_done_ = true;
        pollfd fds[2] = {{wake_fd, POLLIN, 0}, {table, POLLPRI, 0}};
        const int timeout = table >= 0 ? -1 : std::max(50, rescan_ms);
        int n;
        do {
            n = ::poll(fds, table >= 0 ? 2 : 1, timeout);
        } while (n < 0 && errno == EINTR && !stop_);
        if (n < 0) break;
    }
    if (table >= 0) ::close(table);
}

} // namespace tidings::platform
