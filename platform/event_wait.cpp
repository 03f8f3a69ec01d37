// EventWaiter: SDL_WaitEventTimeout for real drivers, a condition variable for headless ones.
#include "platform/event_wait.h"

#include <SDL.h>

#include <chrono>
#include <cstring>

namespace tidings::platform {

EventWaiter::EventWaiter() {
    const char* driver = SDL_GetCurrentVideoDriver();
    native_ = !(driver && (std::strcmp(driver, "dummy") == 0 || std::strcmp(driver, "offscreen") == 0));
}

bool EventWaiter::wait(int timeout_ms) {
    if (native_) return timeout_ms < 0 ? SDL_WaitEvent(nullptr) == 1 : SDL_WaitEventTimeout(nullptr, timeout_ms) == 1;
    SDL_PumpEvents();
    if (SDL_PeepEvents(nullptr, 1, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0) return true;
    std::unique_lock lock(mutex_);
    if (timeout_ms < 0) {
        cv_.wait(lock, [this] { return woken_; });
    } else if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return woken_; })) {
        return false;
    }
    woken_ = false;
    return true;
}

void EventWaiter::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_all();
}

} // namespace tidings::platform
