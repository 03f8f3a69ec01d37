// Wall and monotonic clocks over std::chrono, and the system Clock.
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

namespace {
class SystemClock final : public Clock {
  public:
    double monotonic() const override { return monotonic_seconds(); }
    int64_t unix_time() const override { return unix_now(); }
};
} // namespace

Clock& system_clock() {
    static SystemClock clock;
    return clock;
}

} // namespace tidings::platform
