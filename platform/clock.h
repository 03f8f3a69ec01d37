// Clocks: wall time for reading history, a monotonic clock for animations and measurements.
#pragma once

#include <cstdint>

namespace tidings::platform {

// Seconds since 1970-01-01 UTC.
int64_t unix_now();

// Seconds on a clock that never goes back (for frame timing and animations).
double monotonic_seconds();

} // namespace tidings::platform
