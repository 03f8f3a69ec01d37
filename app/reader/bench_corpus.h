// The benchmark's synthetic library: many articles in five languages, with photos.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <functional>
#include <string>

namespace tidings::reader {

// Makes sure the library at LIBRARY_PATH holds at least COUNT articles, generating and applying
// a bundle when it does not. SAY receives progress lines. Returns the article count.
Result<int64_t> generate_corpus(const std::string& library_path, int count,
                                const std::function<void(const std::string&)>& say);

} // namespace tidings::reader
