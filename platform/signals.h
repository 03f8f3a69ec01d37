// What SIGINT and SIGTERM do. SDL turns them into an SDL_QUIT event, which kiosk mode ignores
// (a window manager sends the same event); a kiosk must still stop when its service is stopped.
#pragma once

namespace tidings::platform {

// SIGINT and SIGTERM end the program at once again (their default action), instead of being
// turned into SDL_QUIT. The library stays consistent: every write is its own SQLite transaction.
// Call after SDL_Init.
void signals_end_program();

} // namespace tidings::platform
