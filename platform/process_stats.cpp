// CPU time from getrusage, memory from getrusage and /proc/self/statm.
#include "platform/process_stats.h"

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

namespace tidings::platform {

double process_cpu_seconds() {
    rusage u{};
    if (getrusage(RUSAGE_SELF, &u) != 0) return 0;
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int64_t peak_rss_bytes() {
    rusage u{};
    if (getrusage(RUSAGE_SELF, &u) != 0) return 0;
    return static_cast<int64_t>(u.ru_maxrss) * 1024; // kilobytes on Linux
}

int64_t current_rss_bytes() {
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    long pages_total = 0, pages_resident = 0;
    int n = std::fscanf(f, "%ld %ld", &pages_total, &pages_resident);
    std::fclose(f);
    if (n != 2) return 0;
    return static_cast<int64_t>(pages_resident) * sysconf(_SC_PAGESIZE);
}

} // namespace tidings::platform
