// Internal to core: the capped allocator that stb_image allocates through (see stb_impl.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tidings::stb_alloc {

// While alive, caps any single allocation that stb_image makes on this thread at MAX_BYTES and
// forgets earlier refusals. Scopes nest; the previous cap comes back on destruction.
class CapScope {
  public:
    explicit CapScope(uint64_t max_bytes);
    ~CapScope();
    CapScope(const CapScope&) = delete;
    CapScope& operator=(const CapScope&) = delete;

  private:
    uint64_t previous_cap_;     // the cap in force before this scope
    uint64_t previous_refused_; // the refusal record before this scope
};

// Size of the largest allocation refused on this thread since the innermost CapScope began;
// 0 when none was refused.
uint64_t largest_refused();

// The allocator behind STBI_MALLOC, STBI_REALLOC and STBI_FREE: malloc, realloc and free, except
// that a request over this thread's cap returns null (leaving a realloc'd block untouched).
void* capped_malloc(size_t size);
void* capped_realloc(void* block, size_t size);
void capped_free(void* block);

} // namespace tidings::stb_alloc
