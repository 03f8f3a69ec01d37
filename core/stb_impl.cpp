// The stb image libraries, compiled once: JPEG and PNG decoding through a capped allocator,
// resizing and JPEG writing.
#include "core/stb_impl.h"

#include <cstdlib>
#include <limits>

namespace tidings::stb_alloc {

namespace {
thread_local uint64_t t_cap = std::numeric_limits<uint64_t>::max(); // cap on one allocation
thread_local uint64_t t_refused = 0; // largest refused request since the scope began

// True when SIZE may be allocated under this thread's cap; records the refusal otherwise.
bool allowed(size_t size) {
    if (static_cast<uint64_t>(size) <= t_cap) return true;
    if (static_cast<uint64_t>(size) > t_refused) t_refused = size;
    return false;
}
} // namespace

CapScope::CapScope(uint64_t max_bytes) : previous_cap_(t_cap), previous_refused_(t_refused) {
    t_cap = max_bytes;
    t_refused = 0;
}

CapScope::~CapScope() {
    t_cap = previous_cap_;
    t_refused = previous_refused_;
}

uint64_t largest_refused() {
    return t_refused;
}

void* capped_malloc(size_t size) {
    return allowed(size) ? std::malloc(size) : nullptr;
}

void* capped_realloc(void* block, size_t size) {
    return allowed(size) ? std::realloc(block, size) : nullptr;
}

void capped_free(void* block) {
    std::free(block);
}

} // namespace tidings::stb_alloc

// stb_image: only the two formats we accept, no stdio, no float or HDR paths, every allocation
// through the capped allocator. Its asserts are off in every build: some of them fire on damaged
// input (a Huffman code that does not match its table), and damaged input must come back as an
// error in a debug build just as in a release build, never as an abort.
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_ASSERT(condition) ((void)0)
#define STBI_MALLOC(size) ::tidings::stb_alloc::capped_malloc(size)
#define STBI_REALLOC(block, size) ::tidings::stb_alloc::capped_realloc(block, size)
#define STBI_FREE(block) ::tidings::stb_alloc::capped_free(block)
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image_resize.h>

#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
