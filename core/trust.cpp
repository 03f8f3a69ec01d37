// Channel trust: keys, rotation, verified apply (see trust.h).
#include "core/trust.h"

#include "core/bundle_reader.h"
#include "core/file_util.h"
#include "core/time_util.h"

#include <sodium.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace tidings {

namespace fs = std::filesystem;

// [SECTION] Trusted comments

std::string format_bundle_claim(const BundleClaim& c) {
    std::string file = c.file;
    for (char& ch : file)
        if (ch == '\n' || ch == '\r' || ch == '\0') ch = '_';
    return "tidings channel=" + c.channel + " sequence=" + std::to_string(c.sequence) +
           " kind=" + bundle_kind_name(c.kind) + " base=" + std::to_string(c.base_sequence) +
           " timestamp=" + std::to_string(c.timestamp) + " file=" + file;
}

namespace {

bool parse_int(std::string_view s, int64_t& out) {
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

// Takes "KEY=" then the value up to the next space from TEXT.
bool take_field(std::string_view& text, std::string_view key, std::string_view& value) {
    if (text.substr(0, key.size()) != key || text.size() <= key.size() || text[key.size()] != '=') return false;
    text.remove_prefix(key.size() + 1);
    const size_t sp = text.find(' ');
    value = text.substr(0, sp);
    text = sp == std::string_view::npos ? std::string_view() : text.substr(sp + 1);
    return true;
}

} // namespace

std::optional<BundleClaim> parse_bundle_claim(std::string_view text) {
    constexpr std::string_view kPrefix = "tidings ";
    if (text.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
    text.remove_prefix(kPrefix.size());
    BundleClaim c;
    std::string_view v;
    if (!take_field(text, "channel", v) || !is_valid_channel_id(v)) return std::nullopt;
    c.channel = std::string(v);
    if (!take_field(text, "sequence", v) || !parse_int(v, c.sequence)) return std::nullopt;
    if (!take_field(text, "kind", v)) return std::nullopt;
    if (v == "full") c.kind = BundleKind::Full;
    else if (v == "delta") c.kind = BundleKind::Delta;
    else return std::nullopt;
    if (!take_field(text, "base", v) || !parse_int(v, c.base_sequence)) return std::nullopt;
    if (!take_field(text, "timestamp", v) || !parse_int(v, c.timestamp)) return std::nullopt;
    constexpr std::string_view kFile = "file=";
    if (text.substr(0, kFile.size()) != kFile) return std::nullopt;
    c.file = std::string(text.substr(kFile.size()));
    return c;
}

// [SECTION] Channel keys

Result<std::optional<PublicKey>> trusted_key(Library& library, const std::string& channel) {
    auto info = library.channel(channel);
    if (!info) return info.error();
    if (!info.value() || info.value()->public_key.empty()) return std::optional<PublicKey>();
    auto key = parse_public_key(info.value()->public_key, "the key stored for channel '" + channel + "'");
    if (!key) return key.error();
    return std::optional<PublicKey>(*key);
}

namespace {

// Channels whose trusted key has KEY_ID, with their keys.
struct Candidate {
    std::string channel;
    PublicKey key;
};

Result<std::vector<Candidate>> channels_with_key_id(Library& library, const MinisignKeyId& key_id) {
    auto all = library.channels();
    if (!all) return all.error();
    std::vector<Candidate> out;
    for (const ChannelInfo& c : *all) {
        if (c.public_key.empty()) continue;
        auto key = parse_public_key(c.public_key, "the key stored for channel '" + c.id + "'");
        if (!key) continue; // a damaged stored key trusts nothing
        if (key->key_id == key_id) out.push_back({c.id, *key});
    }
    return out;
}

Status store_key(Library& library, const std::string& channel, const PublicKey& key) {
    auto st = library.db().prepare(
        "INSERT INTO channels(id, title, public_key) VALUES(?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET public_key = excluded.public_key");
    if (!st) return st.error();
    st->bind(1, channel).bind(2, channel).bind(3, public_key_base64(key));
    return st->run();
}

} // namespace

Status trust_channel_key(Library& library, const std::string& channel, const PublicKey& key) {
    if (!is_valid_channel_id(channel))
        return make_error(ErrorCode::Invalid, "'" + channel +
                                                  "' is not a channel id (lowercase letters, digits, '.' and '-', "
                                                  "up to 64 characters)");
    auto tx = Transaction::begin(library.db());
    if (!tx) return tx.error();
    auto current = trusted_key(library, channel);
    if (!current) return current.error();
    if (current.value()) {
        if (*current.value() == key) return {};
        return make_error(ErrorCode::Refused,
                          "channel '" + channel + "' already trusts key " + key_id_hex(current.value()->key_id) +
                              "; to move it to key " + key_id_hex(key.key_id) +
                              ", apply a key rotation statement signed by the current key "
                              "(tidings-bundle trust --rotation STATEMENT)");
    }
    TIDINGS_TRY(store_key(library, channel, key));
    return tx->commit();
}

// [SECTION] Key rotation

namespace {

constexpr size_t kMaxStatementBytes = 4096;
constexpr std::string_view kRotationHeader = "tidings key rotation 1";

std::string untrusted_key_message(const std::string& name, const MinisignKeyId& id, std::string_view what) {
    return name + " is signed by key " + key_id_hex(id) + ", which this library does not trust for any channel: " +
           std::string(what);
}

} // namespace

std::string format_key_rotation(const std::string& channel, const PublicKey& new_key) {
    return std::string(kRotationHeader) + "\nchannel: " + channel + "\nnew-key: " + public_key_base64(new_key) + "\n";
}

Result<KeyRotation> apply_key_rotation(Library& library, const std::string& statement_path) {
    auto text = read_small_file(statement_path, kMaxStatementBytes, "key rotation statement");
    if (!text) return text.error();
    auto sig = read_signature_file(statement_path + ".minisig");
    if (!sig) return sig.error();
    auto candidates = channels_with_key_id(library, sig->key_id);
    if (!candidates) return candidates.error();
    if (candidates->empty())
        return make_error(ErrorCode::Refused,
                          untrusted_key_message(statement_path, sig->key_id,
                                                "the key rotation is refused (it is forged, stale, or meant for "
                                                "another library)"));
    std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(text->data()), text->size());
    const Candidate* signer = nullptr;
    Status last;
    for (const Candidate& c : *candidates) {
        last = verify_bytes(bytes, *sig, c.key, statement_path);
        if (last) {
            signer = &c;
            break;
        }
    }
    if (!signer) return last.error();

    // Verified: now the statement may be read.
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos < text->size()) {
        size_t nl = text->find('\n', pos);
        std::string line = text->substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
        pos = nl == std::string::npos ? text->size() : nl + 1;
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    auto bad = [&](const std::string& why) {
        return make_error(ErrorCode::Corrupt, statement_path + " is not a key rotation statement (" + why + ")");
    };
    if (lines.size() != 3 || lines[0] != kRotationHeader) return bad("it must be three lines, the first '" +
                                                                     std::string(kRotationHeader) + "'");
    if (lines[1].rfind("channel: ", 0) != 0) return bad("line 2 must be 'channel: ID'");
    if (lines[2].rfind("new-key: ", 0) != 0) return bad("line 3 must be 'new-key: KEY'");
    const std::string channel = lines[1].substr(9);
    auto new_key = parse_public_key(lines[2].substr(9), statement_path + " (new key)");
    if (!new_key) return new_key.error();

    bool trusted_for_channel = false;
    for (const Candidate& c : *candidates)
        if (c.channel == channel && c.key == signer->key) trusted_for_channel = true;
    if (!trusted_for_channel)
        return make_error(ErrorCode::Refused,
                          statement_path + " names channel '" + channel + "', but it is signed by key " +
                              key_id_hex(signer->key.key_id) +
                              ", which this library does not trust for that channel: the key rotation is refused");
    if (*new_key == signer->key)
        return make_error(ErrorCode::Invalid, statement_path + " rotates channel '" + channel +
                                                  "' to the key it already has: nothing to do");

    auto tx = Transaction::begin(library.db());
    if (!tx) return tx.error();
    auto current = trusted_key(library, channel);
    if (!current) return current.error();
    if (!current.value() || !(*current.value() == signer->key))
        return make_error(ErrorCode::Refused, "channel '" + channel + "' changed its key meanwhile: try again");
    TIDINGS_TRY(store_key(library, channel, *new_key));
    TIDINGS_TRY(tx->commit());
    return KeyRotation{channel, signer->key, *new_key};
}

// [SECTION] Verifying bundles

namespace {

constexpr size_t kCopyChunk = 1 << 20;

// A private file that is removed when this goes away.
class PrivateFile {
  public:
    PrivateFile() = default;
    ~PrivateFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!path_.empty()) ::unlink(path_.c_str());
    }
    PrivateFile(const PrivateFile&) = delete;
    PrivateFile& operator=(const PrivateFile&) = delete;

    Status create(const std::string& dir) {
        path_ = (fs::path(dir) / ".tidings-incoming-XXXXXX").string();
        fd_ = ::mkstemp(path_.data()); // mode 0600
        if (fd_ < 0) {
            const int err = errno;
            path_.clear();
            return make_error(ErrorCode::Io, "cannot create a private copy of the bundle in " + dir + ": " +
                                                 std::strerror(err));
        }
        return {};
    }
    Status write(const uint8_t* data, size_t n) {
        while (n > 0) {
            ssize_t w = ::write(fd_, data, n);
            if (w < 0) {
                if (errno == EINTR) continue;
                return make_error(ErrorCode::Io, "cannot write the private copy of the bundle in " +
                                                     fs::path(path_).parent_path().string() + ": " +
                                                     std::strerror(errno));
            }
            data += w;
            n -= static_cast<size_t>(w);
        }
        return {};
    }
    Status close() {
        if (fd_ >= 0 && ::close(fd_) != 0) {
            fd_ = -1;
            return make_error(ErrorCode::Io, "cannot write the private copy of the bundle: " +
                                                 std::string(std::strerror(errno)));
        }
        fd_ = -1;
        return {};
    }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    int fd_ = -1;
};

// Reads PATH in chunks, hashing with BLAKE2b-512 and writing to COPY when given.
struct Hashed {
    std::array<uint8_t, 64> digest{};
    int64_t bytes = 0;
};

Result<Hashed> hash_file(const std::string& path, uint64_t max_bytes, PrivateFile* copy,
                         const ApplyOptions* options) {
    std::error_code ec;
    const auto declared = fs::file_size(path, ec);
    if (ec) {
        if (ec == std::errc::no_such_file_or_directory)
            return make_error(ErrorCode::NotFound, path + ": no such file");
        return make_error(ErrorCode::Io, path + ": cannot read: " + ec.message());
    }
    if (declared > max_bytes)
        return make_error(ErrorCode::Invalid, path + " is " + std::to_string(declared) +
                                                  " bytes, over the limit of " + std::to_string(max_bytes) +
                                                  " bytes for a bundle: refused");
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return make_error(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                              path + ": cannot read: " + std::strerror(errno));
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 64);
    std::vector<uint8_t> buf(kCopyChunk);
    Hashed out;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
        out.bytes += static_cast<int64_t>(n);
        if (static_cast<uint64_t>(out.bytes) > max_bytes) {
            std::fclose(f);
            return make_error(ErrorCode::Invalid, path + " grew past the limit of " + std::to_string(max_bytes) +
                                                      " bytes while it was read: refused");
        }
        crypto_generichash_update(&state, buf.data(), n);
        if (copy) {
            if (auto st = copy->write(buf.data(), n); !st) {
                std::fclose(f);
                return st.error();
            }
        }
        if (options) {
            if (options->stop && options->stop->load()) {
                std::fclose(f);
                return make_error(ErrorCode::Cancelled, path + ": cancelled; nothing was changed");
            }
            if (options->progress)
                options->progress(ApplyProgress{"verifying", out.bytes, static_cast<int64_t>(declared)});
        }
    }
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed)
        return make_error(ErrorCode::Io, path + " could not be read to the end (was the stick removed?): "
                                                "nothing was changed; try again");
    crypto_generichash_final(&state, out.digest.data(), out.digest.size());
    if (copy) TIDINGS_TRY(copy->close());
    return out;
}

// The bundle's signature, read once the bundle itself is known to be there (so a missing
// bundle is reported as such, not as a missing signature).
Result<Signature> read_bundle_signature(const std::string& bundle_path, const std::string& sig_path) {
    std::error_code ec;
    if (!fs::exists(bundle_path, ec)) return make_error(ErrorCode::NotFound, bundle_path + ": no such file");
    return read_signature_file(sig_path);
}

std::string default_signature_path(const std::string& bundle_path, const std::string& given) {
    return given.empty() ? bundle_path + ".minisig" : given;
}

Status check_signature(const std::string& name, const std::string& content_path, const Hashed& hashed,
                       const Signature& sig, const PublicKey& key) {
    if (sig.algorithm == SignatureAlgorithm::Prehashed) return verify_prehash(hashed.digest, sig, key, name);
    // Legacy ("Ed") signatures cover the raw bytes: read the (private) copy back, capped.
    if (static_cast<uint64_t>(hashed.bytes) > kMinisignMaxLegacyBytes)
        return make_error(ErrorCode::Refused,
                          name + " has a legacy (not prehashed) minisign signature and is over 64 MiB; "
                                 "sign it again with tidings-bundle sign or a current minisign");
    auto data = read_small_file(content_path, kMinisignMaxLegacyBytes, "bundle");
    if (!data) return data.error();
    std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(data->data()), data->size());
    return verify_bytes(bytes, sig, key, name);
}

// Replaces the private copy's path in an error message by the name the user knows.
Error renamed(Error e, const std::string& from, const std::string& to) {
    if (from.empty()) return e;
    size_t pos = 0;
    while ((pos = e.message.find(from, pos)) != std::string::npos) {
        e.message.replace(pos, from.size(), to);
        pos += to.size();
    }
    return e;
}

// Checks the header of a verified bundle against the verifying channel and the signed claim.
Status check_header(const std::string& name, const VerifiedBundle& v, const std::vector<std::string>& channels) {
    const BundleHeader& h = v.header;
    bool ok = false;
    for (const auto& c : channels) ok = ok || c == h.channel;
    if (!ok)
        return make_error(ErrorCode::Refused,
                          name + " is a bundle of channel '" + h.channel + "', but it is signed with the key of channel '" +
                              channels.front() + "': this library does not trust that key for channel '" +
                              h.channel + "'. Refused; nothing was changed");
    if (v.claim) {
        const BundleClaim& c = *v.claim;
        if (c.channel != h.channel || c.sequence != h.sequence || c.kind != h.kind ||
            c.base_sequence != h.base_sequence)
            return make_error(ErrorCode::Refused,
                              name + ": the signature was made for channel '" + c.channel + "' sequence " +
                                  std::to_string(c.sequence) + ", but the file is channel '" + h.channel +
                                  "' sequence " + std::to_string(h.sequence) +
                                  ": the signature belongs to another bundle. Refused");
    }
    return {};
}

// Verifies NAME (hashed, copied or not, to CONTENT_PATH) against the candidates, then reads
// its header. CHANNELS_OUT receives the channels trusting the verifying key.
Result<VerifiedBundle> verify_against(const std::string& name, const std::string& content_path, const Hashed& hashed,
                                      const Signature& sig, const std::vector<Candidate>& candidates,
                                      const BundleLimits& limits) {
    const Candidate* signer = nullptr;
    Status last;
    for (const Candidate& c : candidates) {
        last = check_signature(name, content_path, hashed, sig, c.key);
        if (last) {
            signer = &c;
            break;
        }
    }
    if (!signer) {
        Error e = last.error();
        if (e.code == ErrorCode::Corrupt && e.message.find("signature does not match") != std::string::npos)
            e.message += " (or damaged on the way). Do not use this copy: get the bundle again from the publisher";
        return renamed(e, content_path, name);
    }
    VerifiedBundle v;
    v.key = signer->key;
    v.signature = sig;
    v.claim = parse_bundle_claim(sig.trusted_comment);
    v.bytes = hashed.bytes;
    auto reader = BundleReader::open(content_path, limits);
    if (!reader) return renamed(reader.error(), content_path, name);
    v.header = reader->header();
    std::vector<std::string> channels;
    for (const Candidate& c : candidates)
        if (c.key == signer->key) channels.push_back(c.channel);
    v.channel = channels.front();
    for (const auto& c : channels)
        if (c == v.header.channel) v.channel = c;
    TIDINGS_TRY(check_header(name, v, channels));
    return v;
}

Result<std::vector<Candidate>> candidates_for(Library& library, const std::string& bundle_path, const Signature& sig) {
    auto candidates = channels_with_key_id(library, sig.key_id);
    if (!candidates) return candidates.error();
    if (candidates->empty())
        return make_error(ErrorCode::Refused,
                          untrusted_key_message(bundle_path, sig.key_id,
                                                "refused, nothing was changed. If you trust this publisher, add "
                                                "their public key: tidings-bundle trust --library LIBRARY "
                                                "--channel CHANNEL KEY.pub"));
    return candidates;
}

std::string work_dir_for(Library& library, const std::string& given) {
    if (!given.empty()) return given;
    const std::string& lib = library.path();
    if (!lib.empty() && lib != ":memory:") {
        std::string dir = fs::path(lib).parent_path().string();
        return dir.empty() ? "." : dir;
    }
    return fs::temp_directory_path().string();
}

} // namespace

Result<VerifiedBundle> verify_bundle(Library& library, const std::string& bundle_path,
                                     const std::string& signature_path, const BundleLimits& limits) {
    auto sig = read_bundle_signature(bundle_path, default_signature_path(bundle_path, signature_path));
    if (!sig) return sig.error();
    auto candidates = candidates_for(library, bundle_path, *sig);
    if (!candidates) return candidates.error();
    auto hashed = hash_file(bundle_path, limits.max_file_bytes, nullptr, nullptr);
    if (!hashed) return hashed.error();
    return verify_against(bundle_path, bundle_path, *hashed, *sig, *candidates, limits);
}

Result<VerifiedBundle> verify_bundle_with_key(const std::string& bundle_path, const PublicKey& key,
                                              const std::string& signature_path, const BundleLimits& limits) {
    auto sig = read_bundle_signature(bundle_path, default_signature_path(bundle_path, signature_path));
    if (!sig) return sig.error();
    if (sig->key_id != key.key_id)
        return make_error(ErrorCode::Refused, bundle_path + " is signed by key " + key_id_hex(sig->key_id) +
                                                  ", not by the given key " + key_id_hex(key.key_id));
    auto hashed = hash_file(bundle_path, limits.max_file_bytes, nullptr, nullptr);
    if (!hashed) return hashed.error();
    auto st = check_signature(bundle_path, bundle_path, *hashed, *sig, key);
    if (!st) {
        Error e = st.error();
        if (e.code == ErrorCode::Corrupt && e.message.find("signature does not match") != std::string::npos)
            e.message += " (or damaged on the way). Do not use this copy: get the bundle again from the publisher";
        return e;
    }
    VerifiedBundle v;
    v.key = key;
    v.signature = *sig;
    v.claim = parse_bundle_claim(sig->trusted_comment);
    v.bytes = hashed->bytes;
    auto reader = BundleReader::open(bundle_path, limits);
    if (!reader) return reader.error();
    v.header = reader->header();
    v.channel = v.header.channel;
    TIDINGS_TRY(check_header(bundle_path, v, {v.channel}));
    return v;
}

Status check_bundle_contents(const std::string& path, const BundleLimits& limits,
                             const std::function<void(const ApplyProgress&)>& progress) {
    auto reader = BundleReader::open(path, limits);
    if (!reader) return reader.error();
    BundleReader& b = *reader;
    TIDINGS_TRY(b.check_integrity());
    const int64_t total = b.article_count() + b.photo_count();
    int64_t done = 0;
    auto tick = [&]() {
        ++done;
        if (progress && (done % 256 == 0 || done == total)) progress(ApplyProgress{"checking", done, total});
    };
    TIDINGS_TRY(b.for_each_photo([&](const BundlePhoto&) -> Status {
        tick();
        return {};
    }));
    TIDINGS_TRY(b.for_each_article([&](const BundleArticle&) -> Status {
        tick();
        return {};
    }));
    TIDINGS_TRY(b.for_each_related([](const BundleRelated&) -> Status { return {}; }));
    auto withdrawn = b.withdrawn_ids();
    if (!withdrawn) return withdrawn.error();
    return {};
}

Result<ApplyReport> apply_signed_bundle(Library& library, const std::string& bundle_path,
                                        const SignedApplyOptions& options) {
    auto sig = read_bundle_signature(bundle_path, default_signature_path(bundle_path, options.signature_path));
    if (!sig) return sig.error();
    auto candidates = candidates_for(library, bundle_path, *sig);
    if (!candidates) return candidates.error();

    PrivateFile copy;
    if (!options.already_private) TIDINGS_TRY(copy.create(work_dir_for(library, options.work_dir)));
    const std::string content = options.already_private ? bundle_path : copy.path();
    auto hashed = hash_file(bundle_path, options.apply.limits.max_file_bytes,
                            options.already_private ? nullptr : &copy, &options.apply);
    if (!hashed) return hashed.error();
    auto verified = verify_against(bundle_path, content, *hashed, *sig, *candidates, options.apply.limits);
    if (!verified) return verified.error();

    ApplyOptions apply = options.apply;
    apply.require_channel = verified->channel;
    auto report = apply_bundle(library, content, apply);
    if (!report) {
        Error e = renamed(report.error(), content == bundle_path ? std::string() : content, bundle_path);
        if (e.code == ErrorCode::Conflict) {
            // Loud and lasting: the reader shows this until an admin clears it.
            (void)library.set_setting("alert.conflict." + verified->channel,
                                      format_iso8601(std::time(nullptr)) + " " + e.message);
        }
        return e;
    }
    report->bundle_bytes = hashed->bytes;
    return report;
}

Result<std::vector<std::string>> verify_trusted_bytes(Library& library, std::span<const uint8_t> data,
                                                      const Signature& signature, const std::string& name) {
    auto candidates = channels_with_key_id(library, signature.key_id);
    if (!candidates) return candidates.error();
    if (candidates->empty())
        return make_error(ErrorCode::Refused,
                          untrusted_key_message(name, signature.key_id,
                                                "refused, nothing was changed. If you trust this publisher, add "
                                                "their public key: tidings-bundle trust --library LIBRARY "
                                                "--channel CHANNEL KEY.pub"));
    Status last;
    for (const Candidate& c : *candidates) {
        last = verify_bytes(data, signature, c.key, name);
        if (last) {
            std::vector<std::string> channels;
            for (const Candidate& d : *candidates)
                if (d.key == c.key) channels.push_back(d.channel);
            return channels;
        }
    }
    return last.error();
}

// [SECTION] Signing

Status sign_plain_file(const std::string& path, const SecretKey& key, std::string_view trusted_comment) {
    auto text = sign_file(path, key, trusted_comment, "signature from tidings-bundle secret key");
    if (!text) return text.error();
    return write_file_atomic(path + ".minisig", *text);
}

Status sign_bundle_file(const std::string& path, const SecretKey& key) {
    auto reader = BundleReader::open(path);
    if (!reader) return reader.error();
    const BundleHeader& h = reader->header();
    BundleClaim claim;
    claim.channel = h.channel;
    claim.sequence = h.sequence;
    claim.kind = h.kind;
    claim.base_sequence = h.base_sequence;
    claim.file = fs::path(path).filename().string();
    // The bundle's creation time, so signing the same bundle with the same key gives the same bytes.
    claim.timestamp = parse_iso8601(h.created).value_or(0);
    return sign_plain_file(path, key, format_bundle_claim(claim));
}

} // namespace tidings
