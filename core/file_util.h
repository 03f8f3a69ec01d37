// Small file helpers: whole small files read with a cap, and atomic replacement (temp file,
// fsync, rename) so a power cut leaves either the old or the new file, never half of one.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace tidings {

// Reads the file at PATH when it is at most MAX_BYTES long. Errors: NotFound, Io, Invalid (too
// big: "PATH is over N bytes: it is not a WHAT").
Result<std::string> read_small_file(const std::string& path, size_t max_bytes, std::string_view what = "file");

// Replaces PATH with DATA atomically: writes PATH.part-XXXXXX beside it, fsyncs, renames over
// PATH and fsyncs the directory. MODE is the new file's permissions (0600 for secrets). Errors: Io (the message names PATH and the reason).
Status write_file_atomic(const std::string& path, std::string_view data, unsigned mode = 0644);

} // namespace tidings
