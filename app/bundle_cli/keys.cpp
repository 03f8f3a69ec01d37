// tidings-bundle: key files and passwords (see keys.h).
#include "keys.h"

#include "core/file_util.h"
#include "core/terminal.h"

#include <cstdio>
#include <optional>
#include <cstdlib>

namespace tidings::cli {


Result<SecretKey> load_secret_key(const std::string& path) {
    auto text = read_small_file(path, 4096, "minisign secret key");
    if (!text) return text.error();
    auto key = parse_secret_key(*text, "", path);
    if (key || key.error().code != ErrorCode::Refused) return key;
    // Encrypted: the password comes from the environment or the terminal.
    if (const char* env = std::getenv(kPasswordEnv)) return parse_secret_key(*text, env, path);
    auto typed = ask_secret(("Password for " + path + ": ").c_str());
    if (!typed)
        return make_error(ErrorCode::Refused, path + " is protected by a password: set " + std::string(kPasswordEnv) +
                                                  " or run this in a terminal");
    return parse_secret_key(*text, *typed, path);
}

Result<PublicKey> load_public_key(const std::string& path) {
    if (path.rfind("RW", 0) == 0 && path.find('/') == std::string::npos && path.size() == 56)
        return parse_public_key(path, "the key given on the command line");
    auto text = read_small_file(path, 4096, "minisign public key");
    if (!text) return text.error();
    return parse_public_key(*text, path);
}

Result<std::string> new_password() {
    if (const char* env = std::getenv(kPasswordEnv)) return std::string(env);
    auto first = ask_secret("Password for the new key: ");
    if (!first)
        return make_error(ErrorCode::Refused, "a password is needed: set " + std::string(kPasswordEnv) +
                                                  ", run this in a terminal, or pass --unencrypted");
    auto second = ask_secret("Password again: ");
    if (!second || *second != *first) return make_error(ErrorCode::Invalid, "the two passwords differ");
    return *first;
}

} // namespace tidings::cli
