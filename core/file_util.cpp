// Small file helpers (see file_util.h).
#include "core/file_util.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <unistd.h>

namespace tidings {

Result<std::string> read_small_file(const std::string& path, size_t max_bytes, std::string_view what) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        const int err = errno;
        return make_error(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                          path + ": cannot read: " + std::strerror(err));
    }
    std::string out;
    char buf[16384];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        if (out.size() + n > max_bytes) {
            std::fclose(f);
            return make_error(ErrorCode::Invalid, path + " is over " + std::to_string(max_bytes) +
                                                      " bytes: it is not a " + std::string(what));
        }
        out.append(buf, n);
    }
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return make_error(ErrorCode::Io, path + ": read error");
    return out;
}

Status write_file_atomic(const std::string& path, std::string_view data, unsigned mode) {
    std::string tmp = path + ".part-XXXXXX";
    int fd = ::mkstemp(tmp.data());
    if (fd < 0) return make_error(ErrorCode::Io, path + ": cannot write: " + std::strerror(errno));
    auto fail = [&](const char* what) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        return make_error(ErrorCode::Io, path + ": cannot " + what + ": " + std::strerror(err));
    };
    size_t off = 0;
    while (off < data.size()) {
        ssize_t w = ::write(fd, data.data() + off, data.size() - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            return fail("write");
        }
        off += static_cast<size_t>(w);
    }
    if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) return fail("set permissions");
    if (::fsync(fd) != 0) return fail("flush to disk");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return make_error(ErrorCode::Io, path + ": cannot write: " + std::strerror(err));
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return make_error(ErrorCode::Io, path + ": cannot replace: " + std::strerror(err));
    }
    const std::string parent = std::filesystem::path(path).parent_path().string();
    const std::string dir = parent.empty() ? std::string(".") : parent;
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd); // best effort: some file systems (e.g. FAT on a stick) refuse it
        ::close(dfd);
    }
    return {};
}

} // namespace tidings
