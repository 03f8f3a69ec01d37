// Swipe right to go back (phones and touch kiosks): recognises a finger moving mostly sideways
// to the right, far or fast enough. Pure math (no SDL, no ImGui), tested alone.
#pragma once

namespace tidings::reader {

class SwipeBack {
  public:
    struct Params {
        float slop = 14.0f;          // px the finger moves before the direction is judged
        float steepness = 0.6f;      // sideways only while |dy| <= steepness * dx
        float far_fraction = 0.3f;   // a drag this far (share of the width) goes back
        float fling_fraction = 0.1f; // a flick this far goes back...
        float fling_speed = 800.0f;  // ...when it is this fast (px/s)
    };

    SwipeBack() = default;
    explicit SwipeBack(Params p) : params_(p) {}

    // A finger went down at X, Y at time T (seconds) on a screen WIDTH pixels wide.
    void press(float x, float y, double t, float width);
    // The finger moved to X, Y at T (the direction is judged once it passes the slop).
    void move(float x, float y, double t);
    // The finger lifted at X, Y at T: true when the swipe goes back. Ends the gesture.
    bool release(float x, float y, double t);
    // Forgets the gesture (a second finger, a dialog opened).
    void cancel() { state_ = State::Idle; }

    // True while the finger swipes sideways: it is neither a tap nor a vertical scroll.
    bool claimed() const { return state_ == State::Sideways; }
    // How far the swipe has gone towards going back, 0..1.
    float progress() const;

  private:
    enum class State { Idle, Undecided, Sideways, Other };
    Params params_;
    State state_ = State::Idle;
    float x0_ = 0, y0_ = 0; // where the finger went down
    float x_ = 0;           // where it is now
    double t0_ = 0;         // when it went down
    float width_ = 1;       // screen width
};

} // namespace tidings::reader
