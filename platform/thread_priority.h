// Background threads yield to the UI thread: a lower scheduling priority for workers.
#pragma once

namespace tidings::platform {

// Lowers the calling thread's priority (Linux: nice +10 for this thread only), so decoding and
// queries never take the CPU from drawing on small machines. Failure is ignored.
void lower_this_thread_priority();

} // namespace tidings::platform
