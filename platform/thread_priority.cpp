// Per-thread nice value on Linux; a no-op elsewhere.
#include "platform/thread_priority.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace tidings::platform {

void lower_this_thread_priority() {
#if defined(__linux__)
    // On Linux a nice value set with a thread id applies to that thread alone.
    auto tid = static_cast<id_t>(syscall(SYS_gettid));
    (void)setpriority(PRIO_PROCESS, tid, 10);
#endif
}

} // namespace tidings::platform
