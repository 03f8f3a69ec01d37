// Clocks: wall time for reading history, a monotonic clock for animations and measurements, and
// the Clock seam through which the reader reads both, so tests can move time by hand.
#pragma once

#include <cstdint>

namespace tidings::platform {

// Seconds since 1970-01-01 UTC.
int64_t unix_now();

// Seconds on a clock that never goes back (for frame timing and animations).
double monotonic_seconds();

// Where time comes from: the system's clocks, or a fake in tests. Not thread-safe: read and
// moved on the UI thread.
class Clock {
  public:
    virtual ~Clock() = default;
    // Seconds on a clock that never goes back.
    virtual double monotonic() const = 0;
    // Seconds since 1970-01-01 UTC.
    virtual int64_t unix_time() const = 0;
};

// The system's clocks (the functions above). Lives as long as the program.
Clock& system_clock();

// A clock that stands still until told to move; starts at monotonic 1000 s, Unix 2024-01-01.
class FakeClock final : public Clock {
  public:
    double monotonic() const override { return monotonic_; }
    int64_t unix_time() const override { return unix_; }
    // Moves both clocks on by SECONDS (>= 0).
    void advance(double seconds) {
        monotonic_ += seconds;
        unix_ += static_cast<int64_t>(seconds);
    }
    // Sets the wall clock (it may go back, as a kiosk's clock sometimes does).
    void set_unix(int64_t t) { unix_ = t; }

  private:
    double monotonic_ = 1000.0; // seconds
    int64_t unix_ = 1704067200; // 2024-01-01T00:00:00Z
};

} // namespace tidings::platform
