// Wall and monotonic clocks over std::chrono.
#include "platform/clock.h"

#include <chrono>

namespace tidings::platform {

int64_t unix_now() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

double monotonic_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

} // namespace tidings::platform
