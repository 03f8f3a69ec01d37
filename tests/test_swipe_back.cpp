// Swipe right to go back: direction, distance and speed, and what is not a swipe.
#include "app/reader/swipe_back.h"

#include <catch2/catch.hpp>

using tidings::reader::SwipeBack;

TEST_CASE("a long sideways drag to the right goes back, a short slow one does not",
          "[reader][swipe]") {
    SwipeBack s;
    s.press(50, 500, 0.0, 720);
    s.move(60, 502, 0.05);
    CHECK_FALSE(s.claimed()); // within the slop: could still be a tap
    s.move(120, 510, 0.2);
    CHECK(s.claimed());
    CHECK(s.progress() > 0.2f);
    s.move(300, 530, 0.6);
    CHECK(s.progress() == Approx(1.0f));
    CHECK(s.release(300, 530, 0.7)); // 250 px of 720: more than 30 %
    CHECK_FALSE(s.claimed());

    s.press(50, 500, 0.0, 720);
    s.move(100, 505, 0.5);
    CHECK(s.claimed());
    CHECK_FALSE(s.release(130, 505, 1.0)); // 80 px, slowly
}

TEST_CASE("a quick flick to the right goes back", "[reader][swipe]") {
    SwipeBack s;
    s.press(100, 400, 0.0, 1080);
    s.move(150, 405, 0.03);
    CHECK(s.release(230, 410, 0.09)); // 130 px in 90 ms
}

TEST_CASE("vertical scrolls, leftward drags and taps are not swipes", "[reader][swipe]") {
    SwipeBack s;
    s.press(300, 600, 0.0, 720);
    s.move(310, 560, 0.05); // mostly upwards: a scroll
    CHECK_FALSE(s.claimed());
    s.move(600, 560, 0.3); // once a scroll, always a scroll for this touch
    CHECK_FALSE(s.claimed());
    CHECK_FALSE(s.release(600, 560, 0.4));

    s.press(600, 600, 0.0, 720);
    s.move(400, 600, 0.1); // leftwards
    CHECK_FALSE(s.claimed());
    CHECK_FALSE(s.release(300, 600, 0.2));

    s.press(300, 300, 0.0, 720);
    CHECK_FALSE(s.release(304, 302, 0.1)); // a tap
    s.press(300, 300, 0.0, 720);
    s.move(350, 300, 0.1);
    s.cancel();
    CHECK_FALSE(s.claimed());
    CHECK_FALSE(s.release(600, 300, 0.2));
}
