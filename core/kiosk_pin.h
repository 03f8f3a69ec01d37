// The kiosk's staff PIN: checked for shape, stored only as a salted Argon2id hash (libsodium's
// crypto_pwhash_str) in the library's settings, never as the PIN itself.
#pragma once

#include "core/result.h"

#include <string>
#include <string_view>

namespace tidings {

class Library;

// The library setting that holds the hash ("$argon2id$v=19$m=...,t=...,p=1$salt$hash").
inline constexpr const char* kKioskPinSetting = "kiosk.pin_hash";
// Shortest and longest PIN, in digits.
inline constexpr size_t kKioskPinMinDigits = 4;
inline constexpr size_t kKioskPinMaxDigits = 12;

// Invalid with a plain-words reason when PIN is not 4 to 12 digits 0-9.
Status check_pin_shape(std::string_view pin);

// A salted Argon2id hash of PIN (libsodium's interactive limits: about a tenth of a second and
// 64 MiB). Errors: Invalid (shape), Internal (libsodium failed, e.g. out of memory).
Result<std::string> hash_pin(std::string_view pin);

// True when PIN matches HASH (made by hash_pin). A malformed HASH never matches. Takes as long
// as hash_pin: call it off the UI thread.
bool pin_matches(std::string_view pin, const std::string& hash);

// Stores PIN's hash in LIB's settings (replacing any earlier PIN).
Status set_kiosk_pin(Library& lib, std::string_view pin);

// The stored hash, or an empty string when no PIN is set.
Result<std::string> kiosk_pin_hash(Library& lib);

} // namespace tidings
