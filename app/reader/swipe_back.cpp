// Swipe right to go back (see swipe_back.h).
#include "app/reader/swipe_back.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

void SwipeBack::press(float x, float y, double t, float width) {
    state_ = State::Undecided;
    x0_ = x_ = x;
    y0_ = y;
    t0_ = t;
    width_ = std::max(1.0f, width);
}

void SwipeBack::move(float x, float y, double) {
    if (state_ == State::Idle || state_ == State::Other) return;
    x_ = x;
    if (state_ != State::Undecided) return;
    float dx = x - x0_, dy = std::fabs(y - y0_);
    if (dx < params_.slop && dy < params_.slop && -dx < params_.slop) return; // still a tap
    if (dx >= params_.slop && dy <= params_.steepness * dx) {
        state_ = State::Sideways;
    } else {
        state_ = State::Other; // a scroll, or leftwards: not ours for the rest of this touch
    }
}

bool SwipeBack::release(float x, float y, double t) {
    move(x, y, t);
    bool sideways = state_ == State::Sideways;
    state_ = State::Idle;
    if (!sideways) return false;
    float dx = x - x0_;
    if (dx >= params_.far_fraction * width_) return true;
    // A flick: shorter, but fast on average since the finger went down.
    float speed = static_cast<float>(dx / std::max(1e-3, t - t0_));
    return dx >= params_.fling_fraction * width_ && speed >= params_.fling_speed;
}

float SwipeBack::progress() const {
    if (state_ != State::Sideways) return 0.0f;
    return std::clamp((x_ - x0_) / (params_.far_fraction * width_), 0.0f, 1.0f);
}

} // namespace tidings::reader
