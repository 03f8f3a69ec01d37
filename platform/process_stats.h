// What this process costs: CPU time and resident memory, for the reader's benchmark.
#pragma once

#include <cstdint>

namespace tidings::platform {

// User + system CPU seconds used by this process so far.
double process_cpu_seconds();

// Peak resident set size in bytes since the process started (0 when unknown).
int64_t peak_rss_bytes();

// Current resident set size in bytes (0 when unknown).
int64_t current_rss_bytes();

} // namespace tidings::platform
