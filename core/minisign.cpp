// Minisign key, signature and secret-key formats over libsodium (Ed25519, BLAKE2b, scrypt).
//
// Index
//   [SECTION] Helpers: sodium init, wiping, base64, lines, comments
//   [SECTION] Public keys
//   [SECTION] Secret keys
//   [SECTION] Signatures
//   [SECTION] Verifying
//   [SECTION] Signing
//
// Layouts (all integers little-endian), from the minisign format description:
//   public key  "Ed" keyid[8] pk[32]                                         42 bytes
//   secret key  "Ed" kdf[2] "B2" salt[32] opslimit[8] memlimit[8]
//               (keyid[8] sk[64] checksum[32]) XOR scrypt stream[104]        158 bytes
//               kdf is "Sc" (scrypt) or two zero bytes (unencrypted, `-W`);
//               checksum = BLAKE2b-256("Ed" || keyid || sk)
//   signature   "ED"|"Ed" keyid[8] sig[64]                                   74 bytes
//   global sig  Ed25519 over sig[64] || trusted comment text                 64 bytes
#include "core/minisign.h"

#include <sodium.h>

#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace tidings {

// [SECTION] Helpers: sodium init, wiping, base64, lines, comments

namespace {

constexpr std::string_view kUntrustedPrefix = "untrusted comment: ";
constexpr std::string_view kTrustedPrefix = "trusted comment: ";
constexpr std::string_view kDefaultSecretKeyComment = "minisign encrypted secret key";

constexpr size_t kPublicKeyBytes = 2 + 8 + 32;
constexpr size_t kSignatureLineBytes = 2 + 8 + 64;
constexpr size_t kKeyBlockBytes = 8 + 64 + 32; // keyid, sk, checksum: the encrypted part
constexpr size_t kSaltBytes = crypto_pwhash_scryptsalsa208sha256_SALTBYTES;
constexpr size_t kSecretKeyBytes = 2 + 2 + 2 + kSaltBytes + 8 + 8 + kKeyBlockBytes;
constexpr size_t kMaxKeyFileBytes = 4096; // a key file is two short lines
constexpr size_t kChunkBytes = 64 * 1024; // read size when streaming a file

static_assert(kSaltBytes == 32, "minisign uses a 32-byte scrypt salt");
static_assert(kSecretKeyBytes == 158, "minisign secret key layout");
static_assert(crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_PUBLICKEYBYTES == 32 &&
                  crypto_sign_BYTES == 64,
              "Ed25519 sizes");

// sodium_init() once per process; true when libsodium is usable.
bool sodium_ready() {
    static const int status = sodium_init();
    return status >= 0;
}

Error sodium_unavailable() {
    return make_error(ErrorCode::Internal, "libsodium could not be initialised");
}

// Wipes a buffer when it goes out of scope, on every return path.
class WipeOnExit {
  public:
    WipeOnExit(void* data, size_t size) : data_(data), size_(size) {}
    ~WipeOnExit() { sodium_memzero(data_, size_); }
    WipeOnExit(const WipeOnExit&) = delete;
    WipeOnExit& operator=(const WipeOnExit&) = delete;

  private:
    void* data_;  // buffer to wipe
    size_t size_; // its size in bytes
};

std::string to_base64(const uint8_t* data, size_t size) {
    const size_t cap = sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL);
    std::string out(cap, '\0');
    sodium_bin2base64(out.data(), cap, data, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(cap - 1); // drop the terminating NUL
    return out;
}

bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

// Outcome of decode_base64 besides a byte count.
enum class Base64 { Ok, NotBase64, WrongSize };

// Decodes padded standard base64 TEXT into exactly EXPECTED bytes at OUT.
Base64 decode_base64(std::string_view text, uint8_t* out, size_t expected) {
    if (text.empty() || text.size() % 4 != 0) return Base64::NotBase64;
    size_t pad = 0;
    while (pad < 2 && text[text.size() - 1 - pad] == '=')
        ++pad;
    for (size_t i = 0; i + pad < text.size(); ++i)
        if (!is_base64_char(text[i])) return Base64::NotBase64;
    if (text.size() / 4 * 3 - pad != expected) return Base64::WrongSize;
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out, expected, text.data(), text.size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size() || len != expected)
        return Base64::NotBase64;
    return Base64::Ok;
}

// TEXT split at '\n', with one '\r' before each '\n' dropped; a final '\n' ends the last line.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return lines;
}

// LINES without the blank lines at the end.
void drop_trailing_blank_lines(std::vector<std::string_view>& lines) {
    while (!lines.empty() && lines.back().find_first_not_of(" \t") == std::string_view::npos)
        lines.pop_back();
}

std::string_view trim(std::string_view s) {
    size_t b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    size_t e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// The base64 line of a key file: line 2 after an "untrusted comment:" line, or a single line.
// Empty when the text has neither shape; WHY then says which.
std::string_view key_payload_line(std::string_view text, std::string& why) {
    std::vector<std::string_view> lines = split_lines(text);
    drop_trailing_blank_lines(lines);
    if (lines.empty()) {
        why = "it is empty";
        return {};
    }
    if (starts_with(lines[0], "untrusted comment:")) {
        if (lines.size() < 2) {
            why = "it has a comment line but no key line";
            return {};
        }
        if (lines.size() > 2) {
            why = "it has text after line 2";
            return {};
        }
        return trim(lines[1]);
    }
    if (lines.size() > 1) {
        why = "line 1 is not an \"untrusted comment:\" line";
        return {};
    }
    return trim(lines[0]);
}

// Empty when COMMENT can go on one line of a .minisig file, else what is wrong with it.
std::string comment_problem(std::string_view comment, size_t max, std::string_view what) {
    if (comment.size() > max)
        return "the " + std::string(what) + " is " + std::to_string(comment.size()) +
               " bytes long; the limit is " + std::to_string(max);
    for (char c : comment)
        if (c == '\n' || c == '\r' || c == '\0')
            return "the " + std::string(what) + " must be one line (it holds a line break or NUL)";
    return {};
}

uint64_t load_le64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

void store_le64(uint8_t* p, uint64_t v) {
    for (int i = 0; i < 8; ++i)
        p[i] = static_cast<uint8_t>(v >> (8 * i));
}

// Closes a FILE* on scope exit.
using FilePtr = std::unique_ptr<FILE, int (*)(FILE*)>;

FilePtr open_for_reading(const std::string& path) {
    return FilePtr(std::fopen(path.c_str(), "rb"), &std::fclose);
}

Error read_error(const std::string& path, int err) {
    return make_error(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                      path + ": cannot read: " + std::strerror(err));
}

// BLAKE2b-512 of the file at PATH, read in chunks.
Result<std::array<uint8_t, 64>> blake2b512_file(const std::string& path) {
    FilePtr f = open_for_reading(path);
    if (!f) return read_error(path, errno);
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 64);
    std::vector<uint8_t> buf(kChunkBytes);
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0)
        crypto_generichash_update(&state, buf.data(), n);
    if (std::ferror(f.get())) return make_error(ErrorCode::Io, path + ": read error while hashing");
    std::array<uint8_t, 64> digest{};
    crypto_generichash_final(&state, digest.data(), digest.size());
    return digest;
}

std::array<uint8_t, 64> blake2b512(std::span<const uint8_t> data) {
    std::array<uint8_t, 64> digest{};
    crypto_generichash(digest.data(), digest.size(), data.data(), data.size(), nullptr, 0);
    return digest;
}

} // namespace

// [SECTION] Public keys

std::string key_id_hex(const MinisignKeyId& key_id) {
    static const char* digits = "0123456789ABCDEF";
    uint64_t v = load_le64(key_id.data());
    std::string out;
    do {
        out.insert(out.begin(), digits[v & 15]);
        v >>= 4;
    } while (v != 0);
    return out;
}

Result<PublicKey> parse_public_key(std::string_view text, std::string_view source) {
    const std::string name(source);
    auto bad = [&](const std::string& why) {
        return make_error(ErrorCode::Corrupt, name + " is not a minisign public key (" + why + ")");
    };
    if (text.size() > kMaxKeyFileBytes)
        return bad("it is " + std::to_string(text.size()) + " bytes long");
    std::string why;
    std::string_view line = key_payload_line(text, why);
    if (line.empty()) return bad(why);
    std::array<uint8_t, kPublicKeyBytes> raw{};
    switch (decode_base64(line, raw.data(), raw.size())) {
    case Base64::NotBase64:
        return bad("the key line is not base64");
    case Base64::WrongSize:
        return bad("the key line does not hold 42 bytes");
    case Base64::Ok:
        break;
    }
    if (raw[0] != 'E' || raw[1] != 'd') return bad("the key is not an Ed25519 key");
    PublicKey key;
    std::memcpy(key.key_id.data(), raw.data() + 2, 8);
    std::memcpy(key.key.data(), raw.data() + 10, 32);
    return key;
}

std::string public_key_base64(const PublicKey& key) {
    std::array<uint8_t, kPublicKeyBytes> raw{};
    raw[0] = 'E';
    raw[1] = 'd';
    std::memcpy(raw.data() + 2, key.key_id.data(), 8);
    std::memcpy(raw.data() + 10, key.key.data(), 32);
    return to_base64(raw.data(), raw.size());
}

std::string format_public_key(const PublicKey& key, std::string_view comment) {
    std::string text =
        comment.empty() ? "minisign public key " + key_id_hex(key.key_id) : std::string(comment);
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    return std::string(kUntrustedPrefix) + text + "\n" + public_key_base64(key) + "\n";
}

// [SECTION] Secret keys

SecretKey::~SecretKey() {
    sodium_memzero(secret.data(), secret.size());
    sodium_memzero(key_id.data(), key_id.size());
}

SecretKey::SecretKey(SecretKey&& other) noexcept : key_id(other.key_id), secret(other.secret) {
    sodium_memzero(other.secret.data(), other.secret.size());
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        key_id = other.key_id;
        secret = other.secret;
        sodium_memzero(other.secret.data(), other.secret.size());
    }
    return *this;
}

PublicKey SecretKey::public_key() const {
    PublicKey pk;
    pk.key_id = key_id;
    std::memcpy(pk.key.data(), secret.data() + 32, 32); // Ed25519 sk = seed || pk
    return pk;
}

namespace {

// BLAKE2b-256 over "Ed" || key id || secret key: the checksum stored in a secret key file.
std::array<uint8_t, 32> secret_key_checksum(const uint8_t* key_id, const uint8_t* sk) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 32);
    const uint8_t alg[2] = {'E', 'd'};
    crypto_generichash_update(&state, alg, 2);
    crypto_generichash_update(&state, key_id, 8);
    crypto_generichash_update(&state, sk, 64);
    std::array<uint8_t, 32> sum{};
    crypto_generichash_final(&state, sum.data(), sum.size());
    return sum;
}

// XORs the key block with the scrypt stream derived from PASSWORD; false when scrypt fails.
bool apply_kdf_stream(uint8_t* block, std::string_view password, const uint8_t* salt,
                      uint64_t opslimit, uint64_t memlimit) {
    std::array<uint8_t, kKeyBlockBytes> stream{};
    WipeOnExit wipe_stream(stream.data(), stream.size());
    if (crypto_pwhash_scryptsalsa208sha256(stream.data(), stream.size(), password.data(),
                                           password.size(), salt, opslimit,
                                           static_cast<size_t>(memlimit)) != 0)
        return false;
    for (size_t i = 0; i < stream.size(); ++i)
        block[i] ^= stream[i];
    return true;
}

// Empty when COST is usable for scrypt and within kMinisignKdfMax, else why not.
std::string kdf_cost_problem(uint64_t opslimit, uint64_t memlimit) {
    if (opslimit < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
        opslimit > kMinisignKdfMax.opslimit)
        return "its scrypt operations limit " + std::to_string(opslimit) + " is out of range";
    if (memlimit < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN ||
        memlimit > kMinisignKdfMax.memlimit)
        return "its scrypt memory limit " + std::to_string(memlimit) +
               " is out of range (at most 1 GiB)";
    return {};
}

} // namespace

Result<SecretKey> parse_secret_key(std::string_view text, std::string_view password,
                                   std::string_view source) {
    if (!sodium_ready()) return sodium_unavailable();
    const std::string name(source);
    auto bad = [&](const std::string& why) {
        return make_error(ErrorCode::Corrupt, name + " is not a minisign secret key (" + why + ")");
    };
    if (text.size() > kMaxKeyFileBytes)
        return bad("it is " + std::to_string(text.size()) + " bytes long");
    std::string why;
    std::string_view line = key_payload_line(text, why);
    if (line.empty()) return bad(why);

    std::array<uint8_t, kSecretKeyBytes> raw{};
    WipeOnExit wipe_raw(raw.data(), raw.size());
    switch (decode_base64(line, raw.data(), raw.size())) {
    case Base64::NotBase64:
        return bad("the key line is not base64");
    case Base64::WrongSize:
        return bad("the key line does not hold 158 bytes");
    case Base64::Ok:
        break;
    }
    if (raw[0] != 'E' || raw[1] != 'd') return bad("the key is not an Ed25519 key");
    if (raw[4] != 'B' || raw[5] != '2') return bad("unknown checksum algorithm");
    const bool encrypted = raw[2] == 'S' && raw[3] == 'c';
    const bool plain = raw[2] == 0 && raw[3] == 0;
    if (!encrypted && !plain) return bad("unknown key derivation algorithm");

    const uint8_t* salt = raw.data() + 6;
    const uint64_t opslimit = load_le64(raw.data() + 6 + kSaltBytes);
    const uint64_t memlimit = load_le64(raw.data() + 6 + kSaltBytes + 8);
    uint8_t* block = raw.data() + 6 + kSaltBytes + 16;
    uint8_t* key_id = block;
    uint8_t* sk = block + 8;
    const uint8_t* stored_sum = block + 8 + 64;

    if (encrypted) {
        if (password.empty())
            return make_error(ErrorCode::Refused,
                              name + " is protected by a password: enter the password");
        if (password.size() > kMinisignMaxPassword)
            return make_error(ErrorCode::Invalid,
                              "the password for " + name + " is longer than 1024 bytes");
        std::string cost = kdf_cost_problem(opslimit, memlimit);
        if (!cost.empty()) return make_error(ErrorCode::Invalid, name + ": " + cost);
        if (!apply_kdf_stream(block, password, salt, opslimit, memlimit))
            return make_error(ErrorCode::Internal,
                              name +
                                  ": could not derive the key from the password (out of memory?)");
    }

    std::array<uint8_t, 32> sum = secret_key_checksum(key_id, sk);
    WipeOnExit wipe_sum(sum.data(), sum.size());
    if (sodium_memcmp(sum.data(), stored_sum, sum.size()) != 0) {
        if (encrypted)
            return make_error(ErrorCode::Refused,
                              "wrong password for " + name + " (the key checksum does not match)");
        // `minisign -G -W` leaves the checksum of an unencrypted key all zero.
        if (!sodium_is_zero(stored_sum, 32))
            return bad("the key checksum does not match: the file is damaged");
    }

    // The public half of the Ed25519 secret key must follow from its seed.
    std::array<uint8_t, 32> derived_pk{};
    std::array<uint8_t, 64> derived_sk{};
    WipeOnExit wipe_derived(derived_sk.data(), derived_sk.size());
    crypto_sign_seed_keypair(derived_pk.data(), derived_sk.data(), sk);
    if (std::memcmp(derived_pk.data(), sk + 32, 32) != 0)
        return bad("its public half does not match its seed: the file is damaged");

    SecretKey key;
    std::memcpy(key.key_id.data(), key_id, 8);
    std::memcpy(key.secret.data(), sk, 64);
    return key;
}

SecretKey generate_secret_key() {
    [[maybe_unused]] bool ready = sodium_ready();
    assert(ready);
    SecretKey key;
    std::array<uint8_t, 32> pk{};
    crypto_sign_keypair(pk.data(), key.secret.data());
    randombytes_buf(key.key_id.data(), key.key_id.size());
    return key;
}

Result<std::string> format_secret_key(const SecretKey& key, std::string_view password,
                                      MinisignKdfCost cost) {
    if (!sodium_ready()) return sodium_unavailable();
    const bool encrypt = !password.empty();
    if (password.size() > kMinisignMaxPassword)
        return make_error(ErrorCode::Invalid, "the password is longer than 1024 bytes");
    if (encrypt) {
        std::string problem = kdf_cost_problem(cost.opslimit, cost.memlimit);
        if (!problem.empty())
            return make_error(ErrorCode::Invalid, "cannot protect the secret key: " + problem);
    }

    std::array<uint8_t, kSecretKeyBytes> raw{};
    WipeOnExit wipe_raw(raw.data(), raw.size());
    raw[0] = 'E';
    raw[1] = 'd';
    raw[2] = encrypt ? 'S' : 0;
    raw[3] = encrypt ? 'c' : 0;
    raw[4] = 'B';
    raw[5] = '2';
    uint8_t* salt = raw.data() + 6;
    uint8_t* block = raw.data() + 6 + kSaltBytes + 16;
    if (encrypt) {
        randombytes_buf(salt, kSaltBytes);
        store_le64(raw.data() + 6 + kSaltBytes, cost.opslimit);
        store_le64(raw.data() + 6 + kSaltBytes + 8, cost.memlimit);
    }
    std::memcpy(block, key.key_id.data(), 8);
    std::memcpy(block + 8, key.secret.data(), 64);
    std::array<uint8_t, 32> sum = secret_key_checksum(block, block + 8);
    std::memcpy(block + 72, sum.data(), sum.size());
    if (encrypt && !apply_kdf_stream(block, password, salt, cost.opslimit, cost.memlimit))
        return make_error(ErrorCode::Internal,
                          "could not derive a key from the password (out of memory?)");
    return std::string(kUntrustedPrefix) + std::string(kDefaultSecretKeyComment) + "\n" +
           to_base64(raw.data(), raw.size()) + "\n";
}

Result<MinisignKeyFiles> generate_keypair(std::string_view password, MinisignKdfCost cost) {
    if (!sodium_ready()) return sodium_unavailable();
    SecretKey key = generate_secret_key();
    Result<std::string> secret_text = format_secret_key(key, password, cost);
    if (!secret_text) return secret_text.error();
    MinisignKeyFiles files;
    files.public_key = format_public_key(key.public_key());
    files.secret_key = std::move(secret_text).value();
    return files;
}

// [SECTION] Signatures

Result<Signature> parse_signature(std::string_view text, std::string_view source) {
    const std::string name(source);
    auto bad = [&](const std::string& why) {
        return make_error(ErrorCode::Corrupt, name + " is not a minisign signature (" + why + ")");
    };
    if (text.size() > kMinisignMaxSignatureFile)
        return bad("it is " + std::to_string(text.size()) + " bytes long; a signature is at most " +
                   std::to_string(kMinisignMaxSignatureFile));
    std::vector<std::string_view> lines = split_lines(text);
    drop_trailing_blank_lines(lines);
    if (!lines.empty() && !starts_with(lines[0], kUntrustedPrefix))
        return bad("line 1 does not start with \"untrusted comment: \"");
    if (lines.size() < 4) return bad("it has " + std::to_string(lines.size()) + " lines, not 4");
    if (lines.size() > 4) return bad("it has text after line 4");

    Signature sig;
    std::string_view untrusted = lines[0].substr(kUntrustedPrefix.size());
    if (untrusted.size() > kMinisignParseMaxUntrustedComment) return bad("line 1 is too long");
    if (untrusted.find('\0') != std::string_view::npos) return bad("line 1 holds a NUL byte");
    sig.untrusted_comment = std::string(untrusted);

    std::array<uint8_t, kSignatureLineBytes> raw{};
    switch (decode_base64(lines[1], raw.data(), raw.size())) {
    case Base64::NotBase64:
        return bad("line 2 is not base64");
    case Base64::WrongSize:
        return bad("line 2 does not hold 74 bytes");
    case Base64::Ok:
        break;
    }
    if (raw[0] == 'E' && raw[1] == 'D')
        sig.algorithm = SignatureAlgorithm::Prehashed;
    else if (raw[0] == 'E' && raw[1] == 'd')
        sig.algorithm = SignatureAlgorithm::Legacy;
    else
        return bad("line 2 names an unknown signature algorithm");
    std::memcpy(sig.key_id.data(), raw.data() + 2, 8);
    std::memcpy(sig.sig.data(), raw.data() + 10, 64);

    if (!starts_with(lines[2], kTrustedPrefix))
        return bad("line 3 does not start with \"trusted comment: \"");
    std::string_view trusted = lines[2].substr(kTrustedPrefix.size());
    if (trusted.size() > kMinisignParseMaxTrustedComment) return bad("line 3 is too long");
    if (trusted.find('\0') != std::string_view::npos) return bad("line 3 holds a NUL byte");
    sig.trusted_comment = std::string(trusted);

    switch (decode_base64(lines[3], sig.global_sig.data(), sig.global_sig.size())) {
    case Base64::NotBase64:
        return bad("line 4 is not base64");
    case Base64::WrongSize:
        return bad("line 4 does not hold 64 bytes");
    case Base64::Ok:
        break;
    }
    return sig;
}

Result<Signature> read_signature_file(const std::string& sig_path) {
    FilePtr f = open_for_reading(sig_path);
    if (!f) {
        int err = errno;
        if (err == ENOENT)
            return make_error(ErrorCode::NotFound,
                              sig_path + " is missing: the bundle is not signed");
        return make_error(ErrorCode::Io, sig_path + ": cannot read: " + std::strerror(err));
    }
    std::string text(kMinisignMaxSignatureFile + 1, '\0');
    size_t n = std::fread(text.data(), 1, text.size(), f.get());
    if (std::ferror(f.get())) return make_error(ErrorCode::Io, sig_path + ": read error");
    if (n > kMinisignMaxSignatureFile)
        return make_error(ErrorCode::Corrupt,
                          sig_path + " is not a minisign signature (it is over " +
                              std::to_string(kMinisignMaxSignatureFile) + " bytes long)");
    text.resize(n);
    return parse_signature(text, sig_path);
}

std::string format_signature(const Signature& signature) {
    std::array<uint8_t, kSignatureLineBytes> raw{};
    raw[0] = 'E';
    raw[1] = signature.algorithm == SignatureAlgorithm::Prehashed ? 'D' : 'd';
    std::memcpy(raw.data() + 2, signature.key_id.data(), 8);
    std::memcpy(raw.data() + 10, signature.sig.data(), 64);
    std::string out;
    out += kUntrustedPrefix;
    out += signature.untrusted_comment;
    out += '\n';
    out += to_base64(raw.data(), raw.size());
    out += '\n';
    out += kTrustedPrefix;
    out += signature.trusted_comment;
    out += '\n';
    out += to_base64(signature.global_sig.data(), signature.global_sig.size());
    out += '\n';
    return out;
}

// [SECTION] Verifying

namespace {

Status check_key_id(const Signature& signature, const PublicKey& key, std::string_view name) {
    if (signature.key_id == key.key_id) return {};
    return make_error(ErrorCode::Refused,
                      std::string(name) + " is signed by key " + key_id_hex(signature.key_id) +
                          ", but this channel trusts key " + key_id_hex(key.key_id));
}

// Checks SIGNED_MESSAGE (the prehash, or the whole content for legacy) and the trusted comment.
Status check_signatures(std::span<const uint8_t> signed_message, const Signature& signature,
                        const PublicKey& key, std::string_view name) {
    if (crypto_sign_verify_detached(signature.sig.data(), signed_message.data(),
                                    signed_message.size(), key.key.data()) != 0)
        return make_error(ErrorCode::Corrupt,
                          std::string(name) +
                              ": signature does not match: the file was changed after signing");
    std::vector<uint8_t> global(signature.sig.begin(), signature.sig.end());
    global.insert(global.end(), signature.trusted_comment.begin(), signature.trusted_comment.end());
    if (crypto_sign_verify_detached(signature.global_sig.data(), global.data(), global.size(),
                                    key.key.data()) != 0)
        return make_error(ErrorCode::Corrupt,
                          std::string(name) + ": the trusted comment was changed after signing");
    return {};
}

// The whole file at PATH, refused when it is over kMinisignMaxLegacyBytes.
Result<std::vector<uint8_t>> read_for_legacy(const std::string& path) {
    FilePtr f = open_for_reading(path);
    if (!f) return read_error(path, errno);
    std::vector<uint8_t> data;
    std::vector<uint8_t> buf(kChunkBytes);
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
        if (data.size() + n > kMinisignMaxLegacyBytes)
            return make_error(
                ErrorCode::Refused,
                path + " has a legacy (not prehashed) minisign signature and is over 64 MiB; "
                       "sign it again with a current minisign, which prehashes");
        data.insert(data.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
    }
    if (std::ferror(f.get())) return make_error(ErrorCode::Io, path + ": read error");
    return data;
}

} // namespace

Status verify_bytes(std::span<const uint8_t> data, const Signature& signature, const PublicKey& key,
                    std::string_view name) {
    if (!sodium_ready()) return sodium_unavailable();
    TIDINGS_TRY(check_key_id(signature, key, name));
    if (signature.algorithm == SignatureAlgorithm::Legacy)
        return check_signatures(data, signature, key, name);
    std::array<uint8_t, 64> digest = blake2b512(data);
    return check_signatures(digest, signature, key, name);
}

Status verify_file(const std::string& path, const Signature& signature, const PublicKey& key) {
    if (!sodium_ready()) return sodium_unavailable();
    TIDINGS_TRY(check_key_id(signature, key, path));
    if (signature.algorithm == SignatureAlgorithm::Legacy) {
        Result<std::vector<uint8_t>> data = read_for_legacy(path);
        if (!data) return data.error();
        return check_signatures(*data, signature, key, path);
    }
    Result<std::array<uint8_t, 64>> digest = blake2b512_file(path);
    if (!digest) return digest.error();
    return check_signatures(*digest, signature, key, path);
}

Status verify_prehash(const std::array<uint8_t, 64>& digest, const Signature& signature,
                      const PublicKey& key, std::string_view name) {
    if (!sodium_ready()) return sodium_unavailable();
    TIDINGS_TRY(check_key_id(signature, key, name));
    if (signature.algorithm == SignatureAlgorithm::Legacy)
        return make_error(ErrorCode::Refused, std::string(name) +
                                                  " has a legacy (not prehashed) signature, which needs the "
                                                  "whole file: verify it with verify_bytes");
    return check_signatures(digest, signature, key, name);
}

Result<Signature> verify_signed_file(const std::string& path, const PublicKey& key) {
    Result<Signature> signature = read_signature_file(path + ".minisig");
    if (!signature) return signature.error();
    TIDINGS_TRY(verify_file(path, *signature, key));
    return signature;
}

// [SECTION] Signing

std::string default_trusted_comment(std::string_view file_name, int64_t unix_time) {
    return "timestamp:" + std::to_string(unix_time) + "\tfile:" + std::string(file_name) +
           "\thashed";
}

namespace {

Result<std::string> sign_prehash(const std::array<uint8_t, 64>& digest, const SecretKey& key,
                                 std::string_view trusted_comment,
                                 std::string_view untrusted_comment) {
    Signature sig;
    sig.algorithm = SignatureAlgorithm::Prehashed;
    sig.key_id = key.key_id;
    sig.trusted_comment = std::string(trusted_comment);
    sig.untrusted_comment = std::string(untrusted_comment);
    crypto_sign_detached(sig.sig.data(), nullptr, digest.data(), digest.size(), key.secret.data());
    std::vector<uint8_t> global(sig.sig.begin(), sig.sig.end());
    global.insert(global.end(), trusted_comment.begin(), trusted_comment.end());
    crypto_sign_detached(sig.global_sig.data(), nullptr, global.data(), global.size(),
                         key.secret.data());
    return format_signature(sig);
}

Status check_comments(std::string_view trusted_comment, std::string_view untrusted_comment) {
    std::string problem =
        comment_problem(trusted_comment, kMinisignMaxTrustedComment, "trusted comment");
    if (problem.empty())
        problem =
            comment_problem(untrusted_comment, kMinisignMaxUntrustedComment, "untrusted comment");
    if (!problem.empty()) return make_error(ErrorCode::Invalid, "cannot sign: " + problem);
    return {};
}

} // namespace

Result<std::string> sign_bytes(std::span<const uint8_t> data, const SecretKey& key,
                               std::string_view trusted_comment,
                               std::string_view untrusted_comment) {
    if (!sodium_ready()) return sodium_unavailable();
    TIDINGS_TRY(check_comments(trusted_comment, untrusted_comment));
    return sign_prehash(blake2b512(data), key, trusted_comment, untrusted_comment);
}

Result<std::string> sign_file(const std::string& path, const SecretKey& key,
                              std::string_view trusted_comment,
                              std::string_view untrusted_comment) {
    if (!sodium_ready()) return sodium_unavailable();
    TIDINGS_TRY(check_comments(trusted_comment, untrusted_comment));
    Result<std::array<uint8_t, 64>> digest = blake2b512_file(path);
    if (!digest) return digest.error();
    return sign_prehash(*digest, key, trusted_comment, untrusted_comment);
}

} // namespace tidings
