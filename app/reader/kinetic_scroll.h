// Drag-to-scroll with inertia for touch screens: pure math (no SDL, no ImGui), tested alone.
#pragma once

#include <array>
#include <cstddef>

namespace tidings::reader {

// Follows one finger on a scrolling area: while it drags, the content follows it; when it
// lifts, the content glides on with the finger's speed and slows down exponentially.
class KineticScroll {
  public:
    struct Params {
        float decay_per_s = 3.2f;     // velocity *= exp(-decay * dt)
        float stop_velocity = 18.0f;  // px/s under which gliding stops
        float max_velocity = 9000.0f; // px/s cap of a fling
        float drag_threshold = 10.0f; // px the finger moves before it counts as a drag (not a tap)
        double sample_window = 0.1;   // s of recent motion used to measure the release speed
    };

    KineticScroll() = default;
    explicit KineticScroll(Params p) : params_(p) {}

    // A finger went down at Y (pixels) at time T (seconds). Stops any glide.
    void press(float y, double t);
    // The finger moved to Y at T. Returns the change of the scroll offset to apply now
    // (positive scrolls towards the end); 0 until the move passes the drag threshold.
    float move(float y, double t);
    // The finger lifted at T: starts gliding with the measured speed when it was dragging.
    void release(double t);
    // Advances the glide by DT seconds; returns the change of the scroll offset for this step.
    float step(double dt);
    // Stops gliding (e.g. the content hit its end).
    void stop();

    bool pressed() const { return pressed_; }
    // True once the finger moved far enough to be a drag: a tap must then not activate anything.
    bool dragging() const { return dragging_; }
    // True while gliding after a release.
    bool gliding() const { return velocity_ != 0.0f; }
    // Current glide velocity in scroll pixels per second (positive scrolls towards the end).
    float velocity() const { return velocity_; }
    // Total distance a glide starting at velocity V travels before it stops (ignoring the cut-off).
    float glide_distance(float v) const { return v / params_.decay_per_s; }

  private:
    struct Sample {
        double t = 0; // seconds
        float y = 0;  // finger position
    };
    Params params_;
    bool pressed_ = false;   // a finger is down
    bool dragging_ = false;  // passed the threshold since the press
    float press_y_ = 0;      // where the finger went down
    float last_y_ = 0;       // last position applied
    float velocity_ = 0;     // glide velocity, 0 when not gliding
    std::array<Sample, 16> samples_{}; // recent positions, ring buffer
    size_t sample_count_ = 0;          // samples recorded since the press
};

} // namespace tidings::reader
