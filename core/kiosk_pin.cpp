// The kiosk's staff PIN hash over libsodium's crypto_pwhash_str (see kiosk_pin.h).
#include "core/kiosk_pin.h"

#include "core/library_store.h"

#include <sodium.h>

#include <algorithm>

namespace tidings {

namespace {
bool sodium_ok() {
    static const int status = sodium_init();
    return status >= 0;
}
} // namespace

Status check_pin_shape(std::string_view pin) {
    if (pin.size() < kKioskPinMinDigits || pin.size() > kKioskPinMaxDigits ||
        !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return make_error(ErrorCode::Invalid, "a kiosk PIN is 4 to 12 digits (0-9), nothing else");
    return {};
}

Result<std::string> hash_pin(std::string_view pin) {
    TIDINGS_TRY(check_pin_shape(pin));
    if (!sodium_ok()) return make_error(ErrorCode::Internal, "libsodium could not be initialised");
    char out[crypto_pwhash_STRBYTES] = {};
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return make_error(ErrorCode::Internal,
                          "cannot hash the PIN: out of memory (Argon2id needs 64 MiB)");
    return std::string(out);
}

bool pin_matches(std::string_view pin, const std::string& hash) {
    if (!check_pin_shape(pin) || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES ||
        !sodium_ok())
        return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

Status set_kiosk_pin(Library& lib, std::string_view pin) {
    auto h = hash_pin(pin);
    if (!h) return h.error();
    return lib.set_setting(kKioskPinSetting, h.value());
}

Result<std::string> kiosk_pin_hash(Library& lib) {
    auto v = lib.setting(kKioskPinSetting);
    if (!v) return v.error();
    return v.value() ? *v.value() : std::string();
}

} // namespace tidings
