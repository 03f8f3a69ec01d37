// SHA-256 through libsodium, for photo names, bundle digests and article content hashes.
#include "core/hash.h"

#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <memory>

namespace tidings {

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256 state buffer too small");

static std::string to_hex(const unsigned char* digest, size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (size_t i = 0; i < n; ++i) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 15];
    }
    return out;
}

std::string sha256_hex(std::span<const uint8_t> bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, bytes.data(), bytes.size());
    return to_hex(digest, sizeof digest);
}

std::string sha256_hex(std::string_view text) {
    return sha256_hex(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

Result<std::string> sha256_file_hex(const std::string& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) return make_error(ErrorCode::Io, path + ": cannot read: " + std::strerror(errno));
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    std::unique_ptr<unsigned char[]> buf(new unsigned char[1 << 16]);
    size_t n;
    while ((n = std::fread(buf.get(), 1, 1 << 16, f.get())) > 0) crypto_hash_sha256_update(&st, buf.get(), n);
    if (std::ferror(f.get())) return make_error(ErrorCode::Io, path + ": read error");
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    return to_hex(digest, sizeof digest);
}

Sha256::Sha256() {
    crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()));
}

void Sha256::update(std::string_view data) {
    crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()),
                              reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

void Sha256::field(std::string_view data) {
    char len[24];
    int n = std::snprintf(len, sizeof len, "%zu:", data.size());
    update(std::string_view(len, static_cast<size_t>(n)));
    update(data);
}

void Sha256::field(int64_t number) { field(std::to_string(number)); }

std::string Sha256::finish_hex() {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()), digest);
    return to_hex(digest, sizeof digest);
}

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

} // namespace tidings
