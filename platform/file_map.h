// A read-only memory map of a whole file (fonts): pages are shared and loaded only when touched.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace tidings::platform {

// Owns one read-only mapping; unmapped in the destructor. Move-only.
class MappedFile {
  public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    // Maps PATH. Errors: missing or unreadable (Io), empty file (Corrupt). Messages name the file.
    static Result<MappedFile> open(const std::string& path);

    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }

  private:
    uint8_t* data_ = nullptr; // start of the mapping, or null
    size_t size_ = 0;         // bytes mapped
};

} // namespace tidings::platform
