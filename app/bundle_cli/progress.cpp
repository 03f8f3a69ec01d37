// Terminal progress line for long commands.
#include "progress.h"

#include <chrono>
#include <cstdio>
#include <unistd.h>

namespace tidings::cli {

static int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

ProgressLine::ProgressLine(bool quiet) : enabled_(!quiet && isatty(STDERR_FILENO)) {}

void ProgressLine::update(const std::string& phase, int64_t done, int64_t total, const std::string& detail) {
    if (!enabled_) return;
    int64_t t = now_ms();
    if (drawn_ && t - last_ms_ < 100 && done != total) return;
    last_ms_ = t;
    drawn_ = true;
    if (total > 0) {
        const int width = 30;
        int filled = static_cast<int>(width * done / total);
        std::string bar(static_cast<size_t>(filled), '#');
        bar.append(static_cast<size_t>(width - filled), '.');
        const std::string figures =
            detail.empty() ? std::to_string(done) + "/" + std::to_string(total) : detail;
        std::fprintf(stderr, "\r%-10s %s [%s] %3d%%  ", phase.c_str(), figures.c_str(), bar.c_str(),
                     static_cast<int>(100 * done / total));
    } else {
        std::fprintf(stderr, "\r%-10s %lld  ", phase.c_str(), static_cast<long long>(done));
    }
    std::fflush(stderr);
}

void ProgressLine::finish() {
    if (enabled_ && drawn_) std::fprintf(stderr, "\r%100s\r", "");
    drawn_ = false;
}

} // namespace tidings::cli
