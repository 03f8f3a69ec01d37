// Sleeping in the event loop until something happens: SDL's blocking wait where the video driver
// has one (X11, Wayland, ...), a condition variable where it has not (the dummy and offscreen
// drivers, where SDL would poll every millisecond instead).
#pragma once

#include <condition_variable>
#include <mutex>

namespace tidings::platform {

class EventWaiter {
  public:
    // Decides how to wait from the current video driver (call after SDL video is initialised).
    EventWaiter();

    // Blocks until an SDL event is queued, wake() is called, or TIMEOUT_MS pass (-1: no
    // timeout). Leaves events in SDL's queue. Returns false on a timeout with nothing queued.
    bool wait(int timeout_ms);

    // Ends a wait from any thread; call after pushing an SDL event.
    void wake();

    // True when SDL's own wait is used.
    bool native() const { return native_; }

  private:
    bool native_ = true;           // the driver blocks in SDL_WaitEventTimeout
    std::mutex mutex_;             // guards woken_
    std::condition_variable cv_;   // signalled by wake()
    bool woken_ = false;           // wake() was called since the last wait
};

} // namespace tidings::platform
