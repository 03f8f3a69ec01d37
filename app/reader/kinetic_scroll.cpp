// KineticScroll: drag threshold, release velocity from recent samples, exponential glide.
#include "app/reader/kinetic_scroll.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

void KineticScroll::press(float y, double t) {
    pressed_ = true;
    dragging_ = false;
    press_y_ = last_y_ = y;
    velocity_ = 0;
    sample_count_ = 0;
    samples_[0] = {t, y};
    sample_count_ = 1;
}

float KineticScroll::move(float y, double t) {
    if (!pressed_) return 0;
    samples_[sample_count_ % samples_.size()] = {t, y};
    ++sample_count_;
    if (!dragging_) {
        if (std::fabs(y - press_y_) < params_.drag_threshold) return 0;
        dragging_ = true;
        // Start from the threshold crossing so the content does not jump.
        last_y_ = press_y_ + (y > press_y_ ? params_.drag_threshold : -params_.drag_threshold);
    }
    float delta = last_y_ - y; // finger up => content scrolls towards the end
    last_y_ = y;
    return delta;
}

void KineticScroll::release(double t) {
    if (!pressed_) return;
    pressed_ = false;
    velocity_ = 0;
    if (!dragging_ || sample_count_ < 2) return;
    // Oldest sample still inside the window before the release.
    size_t n = std::min(sample_count_, samples_.size());
    const Sample& newest = samples_[(sample_count_ - 1) % samples_.size()];
    if (t - newest.t > params_.sample_window) return; // the finger rested before lifting
    const Sample* oldest = &newest;
    for (size_t k = 1; k < n; ++k) {
        const Sample& s = samples_[(sample_count_ - 1 - k) % samples_.size()];
        if (t - s.t > params_.sample_window) break;
        oldest = &s;
    }
    double dt = newest.t - oldest->t;
    if (dt <= 1e-4) return;
    float v = static_cast<float>((oldest->y - newest.y) / dt);
    v = std::clamp(v, -params_.max_velocity, params_.max_velocity);
    if (std::fabs(v) >= params_.stop_velocity) velocity_ = v;
}

float KineticScroll::step(double dt) {
    if (velocity_ == 0 || dt <= 0) return 0;
    double k = params_.decay_per_s;
    double decay = std::exp(-k * dt);
    // Exact integral of v0 * exp(-k t) over the step, so frame rate does not change the glide.
    float delta = static_cast<float>(velocity_ * (1.0 - decay) / k);
    velocity_ = static_cast<float>(velocity_ * decay);
    if (std::fabs(velocity_) < params_.stop_velocity) velocity_ = 0;
    return delta;
}

void KineticScroll::stop() { velocity_ = 0; }

} // namespace tidings::reader
