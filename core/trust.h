// Channel trust: the minisign key a library trusts for each channel, key rotation, and the
// signed apply that verifies a bundle before anything inside it is read.
//
// Index
//   [SECTION] Trusted comments
//   [SECTION] Channel keys
//   [SECTION] Key rotation
//   [SECTION] Verifying bundles
//   [SECTION] Signing
//
// The rules (see core/BUNDLE_FORMAT.md, "Signatures"): a bundle travels with a detached
// minisign signature, FILE.minisig. The library finds the channel from the signature's key id
// (the only thing read before verification), copies the bundle to a private file while hashing
// it, verifies the hash with that channel's key, and applies the private copy, refusing a bundle
// of any other channel. A stick swapped or pulled after the check cannot change what is applied.
#pragma once

#include "core/bundle_apply.h"
#include "core/bundle_format.h"
#include "core/library_store.h"
#include "core/minisign.h"
#include "core/result.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tidings {

// [SECTION] Trusted comments

// What `tidings-bundle sign` writes into a bundle signature's trusted comment, so the signature
// itself says which bundle it is for: "tidings channel=<c> sequence=<n> kind=<full|delta>
// base=<n> file=<name> timestamp=<unix>". Signatures made by `minisign -S` carry the tool's
// default comment instead; both verify.
struct BundleClaim {
    std::string channel;           // channel id
    int64_t sequence = 0;          // bundle sequence
    BundleKind kind = BundleKind::Full;
    int64_t base_sequence = 0;     // delta base; 0 for a full bundle
    std::string file;              // file name when signed (informative)
    int64_t timestamp = 0;         // when signed (informative)
};

std::string format_bundle_claim(const BundleClaim& claim);
// nullopt when TEXT is not a Tidings bundle comment (e.g. minisign's default comment).
std::optional<BundleClaim> parse_bundle_claim(std::string_view text);

// [SECTION] Channel keys

// The key the library trusts for CHANNEL; nullopt when none.
Result<std::optional<PublicKey>> trusted_key(Library& library, const std::string& channel);

// Trusts KEY for CHANNEL (an admin's decision, e.g. `tidings-bundle trust`). Creates the channel
// when the library does not know it yet. Trusting the key already trusted changes nothing.
// Errors: Invalid (bad channel id), Refused (the channel already trusts another key: a new key
// needs a rotation statement signed by the current key).
Status trust_channel_key(Library& library, const std::string& channel, const PublicKey& key);

// [SECTION] Key rotation
//
// A rotation statement is a small text file signed (STATEMENT.minisig) by the channel's current
// key:
//     tidings key rotation 1
//     channel: <channel id>
//     new-key: <minisign public key, base64>
// Applying it makes the new key the only trusted key of the channel.

// The statement text for CHANNEL moving to NEW_KEY.
std::string format_key_rotation(const std::string& channel, const PublicKey& new_key);

// What an accepted rotation did.
struct KeyRotation {
    std::string channel;  // channel whose key changed
    PublicKey old_key;    // the key that signed the statement
    PublicKey new_key;    // the key trusted from now on
};

// Verifies STATEMENT_PATH (with STATEMENT_PATH.minisig) against the key the library trusts for
// the channel it names, then trusts the new key instead. Refused: signed by a key the library
// does not trust for that channel (a forged rotation), or the channel has no key yet. Corrupt:
// damaged statement or signature. The library is unchanged on any refusal.
Result<KeyRotation> apply_key_rotation(Library& library, const std::string& statement_path);

// [SECTION] Verifying bundles

struct SignedApplyOptions {
    ApplyOptions apply;          // as for apply_bundle (progress, stop, now_unix, limits)
    std::string signature_path;  // default: BUNDLE_PATH + ".minisig"
    std::string work_dir;        // where the private verified copy goes; default: beside the library
    bool already_private = false; // BUNDLE_PATH is a private file only we write (a finished
                                  // download): verify and apply it in place, without a copy
};

// A bundle whose signature verified with a key the library trusts.
struct VerifiedBundle {
    std::string channel;                 // the channel whose key verified it
    PublicKey key;                       // that key
    Signature signature;                 // the verified signature (its trusted comment is authentic)
    std::optional<BundleClaim> claim;    // parsed trusted comment, when signed by tidings-bundle
    BundleHeader header;                 // the bundle's header (read after verification)
    int64_t bytes = 0;                   // size of the file
};

// Verifies BUNDLE_PATH against the key the library trusts for the channel of the signing key,
// then opens it read-only and checks its header matches the channel (and the trusted comment,
// when it names a bundle). Changes nothing. Errors: NotFound (no signature), Refused (unknown
// key, wrong channel, comment naming another bundle), Corrupt (changed after signing).
Result<VerifiedBundle> verify_bundle(Library& library, const std::string& bundle_path,
                                     const std::string& signature_path = {},
                                     const BundleLimits& limits = {});

// Verifies BUNDLE_PATH against KEY alone (no library), e.g. an editor checking a signature.
Result<VerifiedBundle> verify_bundle_with_key(const std::string& bundle_path, const PublicKey& key,
                                              const std::string& signature_path = {},
                                              const BundleLimits& limits = {});

// Reads everything in the bundle at PATH the way an apply would (every article, photo header,
// related entry and withdrawn id, validated against LIMITS) and runs SQLite's structure check,
// without touching any library. PROGRESS, when given, sees phase "checking" with items done.
Status check_bundle_contents(const std::string& path, const BundleLimits& limits = {},
                             const std::function<void(const ApplyProgress&)>& progress = {});

// Copies the bundle to a private file while hashing it (so a stick cannot swap bytes after the
// check), verifies its minisign signature with the key the library trusts for the channel that
// key belongs to, then applies the copy with require_channel set. Refusals name the problem in
// plain words and leave the library unchanged. A conflict (same sequence, other content, under
// a valid signature) is also recorded in the library's settings as "alert.conflict.<channel>"
// so the reader can warn until an admin clears it.
Result<ApplyReport> apply_signed_bundle(Library& library, const std::string& bundle_path,
                                        const SignedApplyOptions& options = {});

// Verifies DATA (a small signed file such as a channel index) with SIGNATURE against the keys
// the library trusts. Returns the channels that trust the verifying key. NAME stands for the
// data in messages. Errors: Refused (unknown key), Corrupt (changed after signing).
Result<std::vector<std::string>> verify_trusted_bytes(Library& library, std::span<const uint8_t> data,
                                                      const Signature& signature, const std::string& name);

// [SECTION] Signing

// Signs the bundle at PATH with KEY (trusted comment: format_bundle_claim of its header) and
// writes PATH.minisig atomically. Errors: the bundle cannot be read, Io.
Status sign_bundle_file(const std::string& path, const SecretKey& key);

// Signs any file (a channel index, a rotation statement) with TRUSTED_COMMENT and writes
// PATH.minisig atomically.
Status sign_plain_file(const std::string& path, const SecretKey& key, std::string_view trusted_comment);

} // namespace tidings
