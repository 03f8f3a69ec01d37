// POSIX mmap of a read-only file.
#include "platform/file_map.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace tidings::platform {

MappedFile::~MappedFile() {
    if (data_) munmap(data_, size_);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        if (data_) munmap(data_, size_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

Result<MappedFile> MappedFile::open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return make_error(ErrorCode::Io, "cannot open " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        int e = errno;
        ::close(fd);
        return make_error(ErrorCode::Io, "cannot read " + path + ": " + std::strerror(e));
    }
    if (st.st_size <= 0) {
        ::close(fd);
        return make_error(ErrorCode::Corrupt, path + " is empty");
    }
    void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    ::close(fd);
    if (p == MAP_FAILED) return make_error(ErrorCode::Io, "cannot map " + path + ": " + std::strerror(e));
    MappedFile f;
    f.data_ = static_cast<uint8_t*>(p);
    f.size_ = static_cast<size_t>(st.st_size);
    return f;
}

} // namespace tidings::platform
