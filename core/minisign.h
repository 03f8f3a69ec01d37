// Minisign-compatible keys and detached signatures: parse, verify (streamed), sign, generate.
//
// Index
//   [SECTION] Limits
//   [SECTION] Public keys
//   [SECTION] Secret keys
//   [SECTION] Signatures
//   [SECTION] Verifying
//   [SECTION] Signing
//
// Formats are those of the standard `minisign` tool (0.11), so publishers sign with it and
// readers verify with libsodium. All functions are thread-safe (no shared state) and report
// expected failures as values whose message names the file and says what is wrong.
#pragma once

#include "core/result.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tidings {

// [SECTION] Limits

// Longest untrusted comment text we write; the minisign tool verifies up to 1003 bytes.
inline constexpr size_t kMinisignMaxUntrustedComment = 1000;
// Longest trusted comment text we write; the minisign tool signs up to 4077 bytes.
inline constexpr size_t kMinisignMaxTrustedComment = 4000;
// Longest untrusted comment text we accept when parsing (the tool's own line buffer).
inline constexpr size_t kMinisignParseMaxUntrustedComment = 1024;
// Longest trusted comment text we accept when parsing (the tool's own line buffer).
inline constexpr size_t kMinisignParseMaxTrustedComment = 8192;
// Largest .minisig file we read; anything bigger is not a minisign signature.
inline constexpr size_t kMinisignMaxSignatureFile = 16 * 1024;
// Largest file we verify against a legacy ("Ed", not prehashed) signature, which needs the
// whole file in memory. Prehashed signatures are streamed and have no limit.
inline constexpr uint64_t kMinisignMaxLegacyBytes = 64ull * 1024 * 1024;
// Longest password minisign accepts.
inline constexpr size_t kMinisignMaxPassword = 1024;

// [SECTION] Public keys

// Random 8-byte key number that ties signatures to keys, in file order (little-endian).
using MinisignKeyId = std::array<uint8_t, 8>;

// A minisign public key: "Ed" || key id || Ed25519 public key, in base64.
struct PublicKey {
    MinisignKeyId key_id{};        // key number, as stored in the file
    std::array<uint8_t, 32> key{}; // Ed25519 public key
    bool operator==(const PublicKey&) const = default;
};

// The key id as the minisign tool prints it: uppercase hex of the little-endian 64-bit
// number, without leading zeros ("B3807A3FDCE7B2").
std::string key_id_hex(const MinisignKeyId& key_id);

// Parses a public key file (an "untrusted comment:" line, then the base64 line) or the bare
// base64 line that `minisign -P` takes. SOURCE names the key in error messages. Errors:
// Corrupt (not base64, wrong size, not an Ed25519 key, extra lines).
Result<PublicKey> parse_public_key(std::string_view text, std::string_view source = "public key");

// The bare base64 line ("RWQ..."), as `minisign -P` takes it.
std::string public_key_base64(const PublicKey& key);

// A public key file as the minisign tool writes it. An empty COMMENT gives the tool's default,
// "minisign public key <ID>". A newline in COMMENT is replaced by a space.
std::string format_public_key(const PublicKey& key, std::string_view comment = {});

// [SECTION] Secret keys

// Cost of the scrypt key derivation that protects a secret key file with a password.
struct MinisignKdfCost {
    uint64_t opslimit = 0; // scrypt operations limit (libsodium scryptsalsa208sha256)
    uint64_t memlimit = 0; // scrypt memory limit in bytes
};
// What the minisign tool uses (1 GiB of memory, a few seconds).
inline constexpr MinisignKdfCost kMinisignKdfSensitive{33554432u, 1073741824u};
// A cheap setting (16 MiB, milliseconds), for tests and low-end devices.
inline constexpr MinisignKdfCost kMinisignKdfInteractive{524288u, 16777216u};
// Largest cost we accept from a key file, so a hostile file cannot ask for unbounded memory.
inline constexpr MinisignKdfCost kMinisignKdfMax{4294967295u, 1073741824u};

// A decrypted minisign secret key. Move-only; the key bytes are wiped on destruction.
struct SecretKey {
    MinisignKeyId key_id{};           // key number shared with the public key
    std::array<uint8_t, 64> secret{}; // Ed25519 secret key: 32-byte seed, then the public key

    SecretKey() = default;
    ~SecretKey();
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;

    // The matching public key.
    PublicKey public_key() const;
};

// Parses a minisign secret key file: unencrypted (`minisign -G -W`) or protected by a
// password with scrypt. PASSWORD is ignored for unencrypted keys. Errors: Refused (wrong
// password: the checksum does not match; or a password is needed), Corrupt (damaged file),
// Invalid (KDF cost over kMinisignKdfMax), Internal (scrypt failed, e.g. out of memory).
Result<SecretKey> parse_secret_key(std::string_view text, std::string_view password,
                                   std::string_view source = "secret key");

// A new random key pair.
SecretKey generate_secret_key();

// A secret key file the minisign tool reads: unencrypted when PASSWORD is empty, else
// encrypted with scrypt at COST. Errors: Invalid (password or cost out of range), Internal.
Result<std::string> format_secret_key(const SecretKey& key, std::string_view password,
                                      MinisignKdfCost cost = kMinisignKdfSensitive);

// The two files of a new key pair, as `minisign -G` writes them.
struct MinisignKeyFiles {
    std::string public_key; // public key file text (comment line + base64 line)
    std::string secret_key; // secret key file text, encrypted unless the password was empty
};

// Generates a key pair and formats both files (see format_secret_key for errors).
Result<MinisignKeyFiles> generate_keypair(std::string_view password,
                                          MinisignKdfCost cost = kMinisignKdfSensitive);

// [SECTION] Signatures

// What the signature covers.
enum class SignatureAlgorithm {
    Prehashed, // "ED": Ed25519 over the BLAKE2b-512 hash of the file (streamable; the default)
    Legacy,    // "Ed": Ed25519 over the raw file (`minisign -S -l`; needs the file in memory)
};

// A parsed .minisig file. Nothing in it is trusted until verified against a public key.
struct Signature {
    SignatureAlgorithm algorithm = SignatureAlgorithm::Prehashed; // what `sig` covers
    MinisignKeyId key_id{};                                       // key that claims to have signed
    std::array<uint8_t, 64> sig{};                                // Ed25519 signature of the file
    std::string trusted_comment;          // text after "trusted comment: " (signed)
    std::array<uint8_t, 64> global_sig{}; // Ed25519 signature of sig || trusted_comment
    std::string untrusted_comment;        // text after "untrusted comment: " (not signed)
};

// Parses .minisig text strictly: four lines (CR LF allowed), the comment prefixes, base64 of
// the exact sizes, a known algorithm, comments within the parse limits, nothing after line 4
// but blank lines. SOURCE names the file in messages ("x.minisig is not a minisign signature
// (line 2 is not base64)"). Errors: Corrupt.
Result<Signature> parse_signature(std::string_view text, std::string_view source = "signature");

// Reads and parses SIG_PATH. Errors: NotFound ("x.minisig is missing: the bundle is not
// signed"), Io, Corrupt (including files over kMinisignMaxSignatureFile).
Result<Signature> read_signature_file(const std::string& sig_path);

// The .minisig text for SIGNATURE, as the minisign tool writes it.
std::string format_signature(const Signature& signature);

// [SECTION] Verifying
//
// Checks, in this order: the key id (Refused: "x is signed by key ABCD, but this channel
// trusts key 1234"), the signature over the content (Corrupt: "signature does not match: the
// file was changed after signing"), the trusted comment (Corrupt: "the trusted comment was
// changed after signing"). On success the signature's trusted_comment is authentic.

// Verifies DATA in memory. NAME stands for the data in messages.
Status verify_bytes(std::span<const uint8_t> data, const Signature& signature, const PublicKey& key,
                    std::string_view name = "data");

// Verifies the file at PATH, streaming it through BLAKE2b-512 in chunks (constant memory).
// Legacy signatures load the file and are refused (Refused) for files over
// kMinisignMaxLegacyBytes. Errors also: Io (cannot read PATH).
Status verify_file(const std::string& path, const Signature& signature, const PublicKey& key);

// Verifies a prehashed ("ED") signature against DIGEST, the BLAKE2b-512 hash of the content,
// computed by the caller (e.g. while copying the file). A legacy signature is refused (Refused:
// the caller must verify the whole content with verify_bytes). NAME stands for the content.
Status verify_prehash(const std::array<uint8_t, 64>& digest, const Signature& signature,
                      const PublicKey& key, std::string_view name);

// Reads PATH.minisig and verifies PATH with it; returns the verified signature (for its
// trusted comment). Errors: those of read_signature_file and verify_file.
Result<Signature> verify_signed_file(const std::string& path, const PublicKey& key);

// [SECTION] Signing

// The trusted comment the minisign tool writes by default for a prehashed signature:
// "timestamp:<UNIX_TIME>\tfile:<FILE_NAME>\thashed".
std::string default_trusted_comment(std::string_view file_name, int64_t unix_time);

// Signs DATA (prehashed "ED") and returns the .minisig text. Errors: Invalid (a comment has a
// line break or NUL, or is over kMinisignMaxTrustedComment / kMinisignMaxUntrustedComment).
Result<std::string> sign_bytes(std::span<const uint8_t> data, const SecretKey& key,
                               std::string_view trusted_comment,
                               std::string_view untrusted_comment);

// Signs the file at PATH (prehashed "ED", streamed) and returns the .minisig text for the
// caller to write beside it. Errors: Io (cannot read PATH) and those of sign_bytes.
Result<std::string> sign_file(const std::string& path, const SecretKey& key,
                              std::string_view trusted_comment, std::string_view untrusted_comment);

} // namespace tidings
