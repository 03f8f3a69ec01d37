// Terminal progress line for long commands: drawn only when stderr is a terminal.
#pragma once

#include <cstdint>
#include <string>

namespace tidings::cli {

// Redraws one line on stderr ("articles  1234/10000 [#####.....] 12%"), at most ~10 times a
// second; does nothing when stderr is not a terminal or QUIET is set. finish() clears the line.
class ProgressLine {
  public:
    explicit ProgressLine(bool quiet);
    // DETAIL, when given, is shown instead of "DONE/TOTAL" (e.g. "0.6/1.4 MB, 6 s left").
    void update(const std::string& phase, int64_t done, int64_t total, const std::string& detail = {});
    void finish();

  private:
    bool enabled_ = false;   // stderr is a terminal and not quiet
    int64_t last_ms_ = 0;    // when the line was last drawn
    bool drawn_ = false;     // a line is on screen
};

} // namespace tidings::cli
