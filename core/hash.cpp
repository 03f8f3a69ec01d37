// SHA-256 through OpenSSL's libcrypto (which uses the CPU's SHA instructions where there are
// any), for photo names, bundle digests and article content hashes.
#include "core/hash.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstring>
#include <memory>

namespace tidings {

namespace {

constexpr size_t kDigestBytes = 32; // SHA-256

// SHA-256 as libcrypto implements it, looked up once.
const EVP_MD* sha256_md() {
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md ? md : EVP_sha256();
}

} // namespace

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
    Sha256 h;
    h.update(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    return h.finish_hex();
}

std::string sha256_hex(std::string_view text) {
    return sha256_hex(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

Result<std::string> sha256_file_hex(const std::string& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) return make_error(ErrorCode::Io, path + ": cannot read: " + std::strerror(errno));
    Sha256 h;
    std::unique_ptr<char[]> buf(new char[1 << 16]);
    size_t n;
    while ((n = std::fread(buf.get(), 1, 1 << 16, f.get())) > 0) h.update(std::string_view(buf.get(), n));
    if (std::ferror(f.get())) return make_error(ErrorCode::Io, path + ": read error");
    return h.finish_hex();
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
    // Out of memory here is out of memory everywhere; a null context hashes nothing and the
    // digest it gives matches nothing, so no check passes by accident.
    if (ctx_ && EVP_DigestInit_ex2(ctx_, sha256_md(), nullptr) != 1) {
        EVP_MD_CTX_free(ctx_);
        ctx_ = nullptr;
    }
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

Sha256::Sha256(Sha256&& other) noexcept : ctx_(other.ctx_) { other.ctx_ = nullptr; }

Sha256& Sha256::operator=(Sha256&& other) noexcept {
    if (this != &other) {
        EVP_MD_CTX_free(ctx_);
        ctx_ = other.ctx_;
        other.ctx_ = nullptr;
    }
    return *this;
}

void Sha256::update(std::string_view data) {
    if (ctx_ && !data.empty()) EVP_DigestUpdate(ctx_, data.data(), data.size());
}

void Sha256::field(std::string_view data) {
    char len[24];
    int n = std::snprintf(len, sizeof len, "%zu:", data.size());
    update(std::string_view(len, static_cast<size_t>(n)));
    update(data);
}

void Sha256::field(int64_t number) { field(std::to_string(number)); }

std::string Sha256::finish_hex() {
    unsigned char digest[kDigestBytes] = {};
    unsigned int n = 0;
    if (!ctx_ || EVP_DigestFinal_ex(ctx_, digest, &n) != 1 || n != kDigestBytes)
        return std::string(2 * kDigestBytes, 'x'); // not hex: equal to no real digest
    return to_hex(digest, sizeof digest);
}

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

} // namespace tidings
