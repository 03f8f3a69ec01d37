// Where the reader keeps its files: XDG base directories on Linux, overridable for tests.
#pragma once

#include <string>

namespace tidings::platform {

// The folder for the user's library and downloads: $XDG_DATA_HOME/tidings, else
// ~/.local/share/tidings. Created if missing; an empty string if it cannot be made.
std::string data_dir();

// The default library file inside data_dir().
std::string default_library_path();

// The folder of the running program (ends without a slash); empty when it cannot be found.
std::string executable_dir();

// A file shipped beside the program, found by its path RELATIVE to the shared data folder:
// $TIDINGS_SHARE_DIR/RELATIVE, then <exe>/../share/tidings/RELATIVE (installed), then
// <exe>/../share/RELATIVE (build tree). Empty when none exists.
std::string find_resource(const std::string& relative);

} // namespace tidings::platform
