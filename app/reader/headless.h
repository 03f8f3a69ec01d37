// Headless runs: screenshots with SDL's dummy video driver and the software renderer, and the
// benchmark, both without a display.
#pragma once

#include "app/reader/options.h"

#include <cstdint>
#include <string>
#include <vector>

struct SDL_Window;
struct SDL_Renderer;

namespace tidings::reader {

class App;

// SDL video with the dummy driver, a hidden window of W x H and a software renderer; RAII.
class HeadlessDisplay {
  public:
    HeadlessDisplay() = default;
    ~HeadlessDisplay();
    HeadlessDisplay(const HeadlessDisplay&) = delete;
    HeadlessDisplay& operator=(const HeadlessDisplay&) = delete;
    // Initialises SDL video with the dummy driver. Error text in the returned string.
    std::string open(int w, int h);
    SDL_Window* window() const { return window_; }
    SDL_Renderer* renderer() const { return renderer_; }

  private:
    SDL_Window* window_ = nullptr;     // hidden window of the dummy driver
    SDL_Renderer* renderer_ = nullptr; // software renderer
    bool sdl_ = false;                 // SDL video was started here
};

// Draws frames (handling worker wake-ups) until APP has settled for a few frames, or until
// MAX_SECONDS pass. Returns false on timeout.
bool settle(App& app, double max_seconds = 30.0);

// Writes ARGB8888 PIXELS (W x H) as an RGB PNG. Error text, or empty on success.
std::string write_png(const std::string& path, const std::vector<uint32_t>& pixels, int w, int h);

// `tidings --screenshot`: returns the exit code.
int run_screenshot(const ReaderOptions& options);

// `tidings --bench`: returns the exit code.
int run_bench(const ReaderOptions& options, const char* argv0);

// The benchmark's child processes (so start-up is cold and peak memory is the reader's own):
// "startup" prints "frame" after the first frame and "content" once home shows its articles;
// "run" measures scrolling, idling and memory and prints the figures; "kiosk" measures frames per
// second while scrolling an article in kiosk mode at --size.
int run_bench_probe(const ReaderOptions& options);

} // namespace tidings::reader
