// Where the reader keeps its files: XDG base directories on Linux, overridable for tests.
#pragma once

#include <string>

namespace tidings::platform {

// The folder for the user's library and downloads: $XDG_DATA_HOME/tidings, else
// ~/.local/share/tidings. Created if missing; an empty string if it cannot be made.
std::string data_dir();

// The default library file inside data_dir().
std::string default_library_path();

} // namespace tidings::platform
