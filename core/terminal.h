// Asking a person at a terminal for a secret (a key's password, the kiosk's staff PIN).
#pragma once

#include <optional>
#include <string>

namespace tidings {

// Prints PROMPT on stderr and reads one line from stdin without echoing it. nullopt when stdin
// is not a terminal (scripts pass secrets through the environment instead).
std::optional<std::string> ask_secret(const char* prompt);

} // namespace tidings
