// SIGINT and SIGTERM back to their default action (see signals.h).
#include "platform/signals.h"

#include <csignal>

namespace tidings::platform {

void signals_end_program() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

} // namespace tidings::platform
