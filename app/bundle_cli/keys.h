// tidings-bundle: reading key files for the signing commands (passwords from the environment
// or the terminal, never from the command line where other users could see them).
#pragma once

#include "core/minisign.h"
#include "core/result.h"

#include <string>

namespace tidings::cli {

// Name of the environment variable that may hold a secret key's password (for scripts).
inline constexpr const char* kPasswordEnv = "TIDINGS_KEY_PASSWORD";

// Reads the minisign secret key at PATH. An encrypted key takes its password from
// $TIDINGS_KEY_PASSWORD, else asks on the terminal; with neither it fails saying so.
Result<SecretKey> load_secret_key(const std::string& path);

// Reads the minisign public key file at PATH (or a bare "RWQ..." key given as PATH).
Result<PublicKey> load_public_key(const std::string& path);

// A new password for a key: $TIDINGS_KEY_PASSWORD, else asked twice on the terminal. Errors
// when neither is available or the two entries differ.
Result<std::string> new_password();

} // namespace tidings::cli
