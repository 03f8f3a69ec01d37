// Tests for minisign keys and signatures, checked against the real minisign tool both ways.
#include "core/minisign.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace tidings;
using namespace tidings::test;

namespace {

std::span<const uint8_t> as_bytes(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string q(const std::string& s) {
    return shell_quote(s);
}

// Runs the minisign tool with ARGS (already quoted); fails the test when the tool is missing.
CommandResult minisign(const std::string& args) {
    static const bool present =
        run_command("minisign -v").output.find("minisign") != std::string::npos;
    INFO("these tests need the minisign tool (Debian package minisign) on PATH");
    REQUIRE(present);
    return run_command("minisign " + args);
}

// Paths of a key pair made by the minisign tool.
struct ToolKeys {
    std::string pub; // public key file
    std::string sec; // secret key file
};

// An unencrypted key pair made by `minisign -G -W`.
ToolKeys tool_keypair(const TempDir& dir, const std::string& name) {
    ToolKeys keys{dir.file(name + ".pub"), dir.file(name + ".key")};
    CommandResult r = minisign("-G -W -p " + q(keys.pub) + " -s " + q(keys.sec));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return keys;
}

// Signs PATH with the minisign tool (unencrypted key); extra ARGS such as -t or -l.
void tool_sign(const ToolKeys& keys, const std::string& path, const std::string& args = "") {
    CommandResult r = minisign("-S -W -s " + q(keys.sec) + " -m " + q(path) + " " + args);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
}

PublicKey load_public(const std::string& path) {
    Result<PublicKey> key = parse_public_key(read_file(path), path);
    INFO((key.ok() ? std::string() : key.error().message));
    REQUIRE(key.ok());
    return *key;
}

Signature load_signature(const std::string& sig_path) {
    Result<Signature> sig = read_signature_file(sig_path);
    INFO((sig.ok() ? std::string() : sig.error().message));
    REQUIRE(sig.ok());
    return *sig;
}

// Deterministic pseudo-random bytes (xorshift32), so failures reproduce.
std::string random_bytes(size_t size, uint32_t seed) {
    std::string out(size, '\0');
    uint32_t x = seed * 2654435761u + 1;
    for (char& c : out) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = static_cast<char>(x >> 24);
    }
    return out;
}

// Writes SIZE pseudo-random bytes to PATH in 1 MiB chunks.
void write_random_file(const std::string& path, uint64_t size, uint32_t seed) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    REQUIRE(out);
    uint64_t left = size;
    for (uint32_t i = 0; left > 0; ++i) {
        size_t n = static_cast<size_t>(std::min<uint64_t>(left, 1 << 20));
        std::string chunk = random_bytes(n, seed + i);
        out.write(chunk.data(), static_cast<std::streamsize>(n));
        left -= n;
    }
    REQUIRE(out.good());
}

// Inverts one bit of the byte at OFFSET in the file at PATH.
void flip_byte(const std::string& path, uint64_t offset) {
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    REQUIRE(f);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(offset));
    f.put(static_cast<char>(c ^ 0x01));
    REQUIRE(f.good());
}

// The text of line N (1-based) of TEXT.
std::string line_of(const std::string& text, int n) {
    size_t start = 0;
    for (int i = 1; i < n; ++i)
        start = text.find('\n', start) + 1;
    return text.substr(start, text.find('\n', start) - start);
}

// TEXT with line N (1-based) replaced by REPLACEMENT.
std::string replace_line(const std::string& text, int n, const std::string& replacement) {
    size_t start = 0;
    for (int i = 1; i < n; ++i)
        start = text.find('\n', start) + 1;
    size_t end = text.find('\n', start);
    return text.substr(0, start) + replacement + text.substr(end);
}

// Peak resident memory of this process in KiB (Linux VmHWM), or -1 when unknown.
long peak_rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// Resets the peak resident memory counter to the current size (Linux); false when unsupported.
bool reset_peak_rss() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    return clear.good();
}

} // namespace

TEST_CASE("key ids print as the minisign tool prints them", "[minisign]") {
    CHECK(key_id_hex({0xb2, 0xe7, 0xdc, 0x3f, 0x7a, 0x80, 0xb3, 0x00}) == "B3807A3FDCE7B2");
    CHECK(key_id_hex({0x01, 0, 0, 0, 0, 0, 0, 0}) == "1");
    CHECK(key_id_hex({0, 0, 0, 0, 0, 0, 0, 0}) == "0");
    CHECK(key_id_hex({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}) == "FFFFFFFFFFFFFFFF");

    TempDir dir;
    for (int i = 0; i < 3; ++i) {
        const std::string name = std::string("k") + char('0' + i);
        ToolKeys keys = tool_keypair(dir, name);
        const std::string text = read_file(keys.pub);
        PublicKey key = load_public(keys.pub);
        // The tool's own comment line names the key id.
        CHECK(line_of(text, 1) ==
              "untrusted comment: minisign public key " + key_id_hex(key.key_id));
        // Our formatting reproduces the tool's file byte for byte.
        CHECK(format_public_key(key) == text);
        // The bare base64 line parses to the same key (as `minisign -P` takes it).
        CHECK(public_key_base64(key) == line_of(text, 2));
        Result<PublicKey> bare = parse_public_key(line_of(text, 2));
        REQUIRE(bare.ok());
        CHECK(*bare == key);
        Result<PublicKey> padded = parse_public_key("  " + line_of(text, 2) + " \r\n\n");
        REQUIRE(padded.ok());
        CHECK(*padded == key);
    }
}

TEST_CASE("signatures made by the minisign tool verify", "[minisign]") {
    TempDir dir;
    ToolKeys keys = tool_keypair(dir, "publisher");
    const std::string bundle = dir.file("news.tidings");
    write_file(bundle, random_bytes(100000, 1));
    tool_sign(keys, bundle,
              "-t " + q("channel:armenia-news\tsequence:42") + " -c " + q("signed by the desk"));
    PublicKey key = load_public(keys.pub);
    Signature sig = load_signature(bundle + ".minisig");

    CHECK(sig.algorithm == SignatureAlgorithm::Prehashed);
    CHECK(sig.key_id == key.key_id);
    CHECK(sig.trusted_comment == "channel:armenia-news\tsequence:42");
    CHECK(sig.untrusted_comment == "signed by the desk");
    // Parsing and formatting give back the tool's file byte for byte.
    CHECK(format_signature(sig) == read_file(bundle + ".minisig"));

    Status file_ok = verify_file(bundle, sig, key);
    INFO((file_ok.ok() ? std::string() : file_ok.error().message));
    CHECK(file_ok.ok());
    CHECK(verify_bytes(as_bytes(read_file(bundle)), sig, key).ok());

    Result<Signature> checked = verify_signed_file(bundle, key);
    REQUIRE(checked.ok());
    CHECK(checked->trusted_comment == "channel:armenia-news\tsequence:42");

    SECTION("the tool's default trusted comment") {
        const std::string other = dir.file("other.tidings");
        write_file(other, "small");
        tool_sign(keys, other);
        Result<Signature> plain = verify_signed_file(other, key);
        REQUIRE(plain.ok());
        CHECK(plain->trusted_comment.rfind("timestamp:", 0) == 0);
        CHECK(plain->trusted_comment.find("\tfile:other.tidings\thashed") != std::string::npos);
    }
    SECTION("an empty file") {
        const std::string empty = dir.file("empty.tidings");
        write_file(empty, "");
        tool_sign(keys, empty);
        CHECK(verify_signed_file(empty, key).ok());
        CHECK(verify_bytes({}, load_signature(empty + ".minisig"), key).ok());
    }
    SECTION("CR LF line ends") {
        std::string text = read_file(bundle + ".minisig");
        std::string crlf;
        for (char c : text)
            crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        Result<Signature> parsed = parse_signature(crlf);
        REQUIRE(parsed.ok());
        CHECK(verify_file(bundle, *parsed, key).ok());
    }
    SECTION("the untrusted comment may change") {
        std::string text =
            replace_line(read_file(bundle + ".minisig"), 1, "untrusted comment: anything at all");
        Result<Signature> parsed = parse_signature(text);
        REQUIRE(parsed.ok());
        CHECK(verify_file(bundle, *parsed, key).ok());
    }
}

TEST_CASE("signatures we make with a minisign-made key verify in the minisign tool", "[minisign]") {
    TempDir dir;
    ToolKeys keys = tool_keypair(dir, "publisher");
    Result<SecretKey> secret = parse_secret_key(read_file(keys.sec), "", keys.sec);
    INFO((secret.ok() ? std::string() : secret.error().message));
    REQUIRE(secret.ok());
    CHECK(secret->public_key() == load_public(keys.pub));

    const std::string bundle = dir.file("news.tidings");
    write_file(bundle, random_bytes(300000, 2));
    const std::string comment = "channel:georgia\tsequence:7\tən ქართ Русский";
    Result<std::string> text = sign_file(bundle, *secret, comment, "signature from tidings");
    REQUIRE(text.ok());
    write_file(bundle + ".minisig", *text);

    CommandResult r = minisign("-V -p " + q(keys.pub) + " -m " + q(bundle));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("Signature and comment signature verified") != std::string::npos);
    CHECK(r.output.find("Trusted comment: " + comment) != std::string::npos);
    // -H: the tool insists on a prehashed signature, which is what we write.
    CHECK(minisign("-V -H -p " + q(keys.pub) + " -m " + q(bundle)).exit_code == 0);
    // The bare key on the command line works too.
    CHECK(minisign("-V -P " + line_of(read_file(keys.pub), 2) + " -m " + q(bundle)).exit_code == 0);
    CHECK(verify_signed_file(bundle, load_public(keys.pub)).ok());

    // The tool notices a change to what we signed: our signature is not vacuous.
    flip_byte(bundle, 1000);
    CommandResult changed = minisign("-V -p " + q(keys.pub) + " -m " + q(bundle));
    CHECK(changed.exit_code != 0);

    SECTION("signing bytes in memory gives the same kind of file") {
        const std::string index = dir.file("index.json");
        write_file(index, "{\"bundles\":[]}\n");
        Result<std::string> mem = sign_bytes(as_bytes(read_file(index)), *secret, "index", "");
        REQUIRE(mem.ok());
        write_file(index + ".minisig", *mem);
        CHECK(minisign("-V -p " + q(keys.pub) + " -m " + q(index)).exit_code == 0);
    }
    SECTION("comments at our limits are still accepted by the tool") {
        const std::string tc(kMinisignMaxTrustedComment, 't');
        const std::string uc(kMinisignMaxUntrustedComment, 'u');
        write_file(bundle, "content");
        Result<std::string> at_limit = sign_file(bundle, *secret, tc, uc);
        REQUIRE(at_limit.ok());
        write_file(bundle + ".minisig", *at_limit);
        CommandResult ok = minisign("-V -p " + q(keys.pub) + " -m " + q(bundle));
        INFO(ok.output);
        CHECK(ok.exit_code == 0);
        CHECK(verify_signed_file(bundle, load_public(keys.pub)).ok());
    }
}

TEST_CASE("key pairs we generate work in the minisign tool", "[minisign]") {
    TempDir dir;
    const std::string bundle = dir.file("news.tidings");
    write_file(bundle, random_bytes(5000, 3));

    SECTION("unencrypted") {
        Result<MinisignKeyFiles> files = generate_keypair("");
        REQUIRE(files.ok());
        write_file(dir.file("our.pub"), files->public_key);
        write_file(dir.file("our.key"), files->secret_key);
        // The tool signs with our secret key (without -W: it sees that no password is needed).
        CommandResult s =
            minisign("-S -s " + q(dir.file("our.key")) + " -m " + q(bundle) + " -t ours");
        INFO(s.output);
        REQUIRE(s.exit_code == 0);
        CommandResult v = minisign("-V -p " + q(dir.file("our.pub")) + " -m " + q(bundle));
        INFO(v.output);
        CHECK(v.exit_code == 0);
        CHECK(v.output.find("Trusted comment: ours") != std::string::npos);
        PublicKey pub = load_public(dir.file("our.pub"));
        CHECK(verify_signed_file(bundle, pub).ok());
        // The tool derives the same public key file from our secret key.
        CommandResult rec =
            minisign("-R -s " + q(dir.file("our.key")) + " -p " + q(dir.file("re.pub")));
        INFO(rec.output);
        REQUIRE(rec.exit_code == 0);
        CHECK(load_public(dir.file("re.pub")) == pub);
        // And we read our own file back.
        Result<SecretKey> back = parse_secret_key(files->secret_key, "");
        REQUIRE(back.ok());
        CHECK(back->public_key() == pub);
    }
    SECTION("encrypted with a password") {
        Result<MinisignKeyFiles> files = generate_keypair("correct horse", kMinisignKdfInteractive);
        REQUIRE(files.ok());
        write_file(dir.file("our.pub"), files->public_key);
        write_file(dir.file("our.key"), files->secret_key);
        write_file(dir.file("pw"), "correct horse\n");
        CommandResult s = minisign("-S -s " + q(dir.file("our.key")) + " -m " + q(bundle) +
                                   " -t locked < " + q(dir.file("pw")));
        INFO(s.output);
        REQUIRE(s.exit_code == 0);
        CommandResult v = minisign("-V -p " + q(dir.file("our.pub")) + " -m " + q(bundle));
        INFO(v.output);
        CHECK(v.exit_code == 0);
        CHECK(verify_signed_file(bundle, load_public(dir.file("our.pub"))).ok());

        write_file(dir.file("bad"), "battery staple\n");
        CHECK(minisign("-S -s " + q(dir.file("our.key")) + " -m " + q(bundle) + " -x " +
                       q(dir.file("x.sig")) + " < " + q(dir.file("bad")))
                  .exit_code != 0);

        Result<SecretKey> right = parse_secret_key(files->secret_key, "correct horse");
        REQUIRE(right.ok());
        CHECK(right->public_key() == load_public(dir.file("our.pub")));
        Result<SecretKey> wrong = parse_secret_key(files->secret_key, "battery staple", "our.key");
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error().code == ErrorCode::Refused);
        CHECK(wrong.error().message ==
              "wrong password for our.key (the key checksum does not match)");
    }
}

TEST_CASE("an encrypted key made by the minisign tool opens with the right password only",
          "[minisign]") {
    TempDir dir;
    const std::string pub = dir.file("enc.pub"), sec = dir.file("enc.key");
    // Not a terminal: the tool reads the password (twice) from standard input.
    CommandResult g = run_command("printf 'sesame pw\\nsesame pw\\n' | minisign -G -p " + q(pub) +
                                  " -s " + q(sec));
    INFO(g.output);
    REQUIRE(g.exit_code == 0);
    const std::string text = read_file(sec);

    Result<SecretKey> right = parse_secret_key(text, "sesame pw", sec);
    INFO((right.ok() ? std::string() : right.error().message));
    REQUIRE(right.ok());
    CHECK(right->public_key() == load_public(pub));

    Result<SecretKey> wrong = parse_secret_key(text, "sesame", sec);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::Refused);
    CHECK(wrong.error().message.find("wrong password for " + sec) != std::string::npos);

    Result<SecretKey> none = parse_secret_key(text, "", sec);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == ErrorCode::Refused);
    CHECK(none.error().message.find("password") != std::string::npos);

    // What we sign with the decrypted key verifies in the tool.
    const std::string bundle = dir.file("b.tidings");
    write_file(bundle, "encrypted key content");
    Result<std::string> s = sign_file(bundle, *right, "enc", "");
    REQUIRE(s.ok());
    write_file(bundle + ".minisig", *s);
    CommandResult v = minisign("-V -p " + q(pub) + " -m " + q(bundle));
    INFO(v.output);
    CHECK(v.exit_code == 0);
}

TEST_CASE("legacy signatures (minisign -S -l) verify, within the size cap", "[minisign]") {
    TempDir dir;
    ToolKeys keys = tool_keypair(dir, "old");
    PublicKey key = load_public(keys.pub);
    const std::string bundle = dir.file("old.tidings");
    write_file(bundle, random_bytes(200000, 4));
    tool_sign(keys, bundle, "-l -t legacy");
    Signature sig = load_signature(bundle + ".minisig");
    CHECK(sig.algorithm == SignatureAlgorithm::Legacy);
    CHECK(verify_file(bundle, sig, key).ok());
    CHECK(verify_bytes(as_bytes(read_file(bundle)), sig, key).ok());
    CHECK(format_signature(sig) == read_file(bundle + ".minisig"));

    flip_byte(bundle, 100000);
    Status changed = verify_file(bundle, sig, key);
    REQUIRE_FALSE(changed.ok());
    CHECK(changed.error().message.find("signature does not match") != std::string::npos);

    // Over the cap the file is refused before it is read into memory.
    const std::string big = dir.file("big.tidings");
    write_file(big, "");
    std::filesystem::resize_file(big, kMinisignMaxLegacyBytes + 1); // sparse: no disk used
    Status refused = verify_file(big, sig, key);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::Refused);
    CHECK(refused.error().message.find("legacy") != std::string::npos);
    CHECK(refused.error().message.find("64 MiB") != std::string::npos);
}

TEST_CASE("changed files are refused", "[minisign]") {
    TempDir dir;
    ToolKeys keys = tool_keypair(dir, "publisher");
    PublicKey key = load_public(keys.pub);
    const std::string bundle = dir.file("news.tidings");
    const size_t size = 1 << 20;
    const std::string original = random_bytes(size, 5);
    write_file(bundle, original);
    tool_sign(keys, bundle);
    REQUIRE(verify_signed_file(bundle, key).ok());

    auto expect_changed = [&](const char* what) {
        INFO(what);
        Result<Signature> r = verify_signed_file(bundle, key);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Corrupt);
        CHECK(r.error().message ==
              bundle + ": signature does not match: the file was changed after signing");
        write_file(bundle, original);
        REQUIRE(verify_signed_file(bundle, key).ok());
    };
    flip_byte(bundle, 0);
    expect_changed("first byte");
    flip_byte(bundle, size / 2);
    expect_changed("middle byte");
    flip_byte(bundle, size - 1);
    expect_changed("last byte");
    write_file(bundle, original.substr(0, size - 1));
    expect_changed("truncated by one byte");
    write_file(bundle, original.substr(0, size / 3));
    expect_changed("truncated to a third");
    write_file(bundle, original + "x");
    expect_changed("one byte appended");
    write_file(bundle, "");
    expect_changed("emptied");

    std::filesystem::remove(bundle);
    Result<Signature> gone = verify_signed_file(bundle, key);
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.error().code == ErrorCode::NotFound);
    CHECK(gone.error().message.find(bundle) != std::string::npos);
}

TEST_CASE("a changed trusted comment is refused", "[minisign]") {
    TempDir dir;
    ToolKeys keys = tool_keypair(dir, "publisher");
    PublicKey key = load_public(keys.pub);
    const std::string bundle = dir.file("news.tidings");
    write_file(bundle, "the news");
    tool_sign(keys, bundle, "-t " + q("sequence:41"));
    const std::string text = read_file(bundle + ".minisig");

    for (const std::string& forged :
         {std::string("trusted comment: sequence:42"), std::string("trusted comment: sequence:41 "),
          std::string("trusted comment: ")}) {
        write_file(bundle + ".minisig", replace_line(text, 3, forged));
        Result<Signature> r = verify_signed_file(bundle, key);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Corrupt);
        CHECK(r.error().message == bundle + ": the trusted comment was changed after signing");
        // The tool agrees.
        CHECK(minisign("-V -p " + q(keys.pub) + " -m " + q(bundle)).exit_code != 0);
    }

    // A global signature from another signature of the same key does not fit either.
    const std::string other = dir.file("other");
    write_file(other, "other news");
    tool_sign(keys, other, "-t " + q("sequence:41"));
    write_file(bundle + ".minisig",
               replace_line(text, 4, line_of(read_file(other + ".minisig"), 4)));
    Result<Signature> spliced = verify_signed_file(bundle, key);
    REQUIRE_FALSE(spliced.ok());
    CHECK(spliced.error().message.find("trusted comment was changed") != std::string::npos);
}

TEST_CASE("a signature by another key is refused, naming both keys", "[minisign]") {
    TempDir dir;
    ToolKeys signer = tool_keypair(dir, "signer");
    ToolKeys trusted = tool_keypair(dir, "trusted");
    PublicKey signer_key = load_public(signer.pub);
    PublicKey trusted_key = load_public(trusted.pub);
    REQUIRE(signer_key.key_id != trusted_key.key_id);
    const std::string bundle = dir.file("news.tidings");
    write_file(bundle, "news from an impostor");
    tool_sign(signer, bundle);

    Result<Signature> r = verify_signed_file(bundle, trusted_key);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Refused);
    CHECK(r.error().message == bundle + " is signed by key " + key_id_hex(signer_key.key_id) +
                                   ", but this channel trusts key " +
                                   key_id_hex(trusted_key.key_id));

    // A signature that claims the trusted key id but was made with another key.
    PublicKey same_id = trusted_key;
    same_id.key_id = signer_key.key_id;
    Result<Signature> forged = verify_signed_file(bundle, same_id);
    REQUIRE_FALSE(forged.ok());
    CHECK(forged.error().code == ErrorCode::Corrupt);
    CHECK(forged.error().message.find("signature does not match") != std::string::npos);
    CHECK(verify_signed_file(bundle, signer_key).ok());
}

TEST_CASE("damaged and hostile signature files give clean errors", "[minisign]") {
    TempDir dir;
    ToolKeys keys = tool_keypair(dir, "publisher");
    const std::string bundle = dir.file("news.tidings");
    const std::string sig_path = bundle + ".minisig";
    write_file(bundle, "content");
    tool_sign(keys, bundle);
    const std::string good = read_file(sig_path);
    REQUIRE(read_signature_file(sig_path).ok());

    auto expect = [&](const std::string& text, const std::string& why) {
        INFO(why);
        write_file(sig_path, text);
        Result<Signature> r = read_signature_file(sig_path);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Corrupt);
        CHECK(r.error().message == sig_path + " is not a minisign signature (" + why + ")");
    };
    const std::string line2 = line_of(good, 2), line4 = line_of(good, 4);
    expect(replace_line(good, 2, "not base64 at all!"), "line 2 is not base64");
    expect(replace_line(good, 2, line2.substr(0, 50) + "*" + line2.substr(51)),
           "line 2 is not base64");
    expect(replace_line(good, 2, line2.substr(0, 96)), "line 2 does not hold 74 bytes");
    expect(replace_line(good, 2, "AAAA" + line2), "line 2 does not hold 74 bytes");
    expect(replace_line(good, 2, line2 + "AAAA"), "line 2 is not base64"); // '=' inside
    expect(replace_line(good, 2, "RVg" + line2.substr(3)),
           "line 2 names an unknown signature algorithm");
    expect(replace_line(good, 4, line4.substr(0, 84)), "line 4 does not hold 64 bytes");
    expect(replace_line(good, 4, "====" + line4.substr(4)), "line 4 is not base64");
    expect(replace_line(good, 1, "comment: x"),
           "line 1 does not start with \"untrusted comment: \"");
    expect(replace_line(good, 3, "trusted: x"), "line 3 does not start with \"trusted comment: \"");
    expect(
        replace_line(good, 3,
                     "trusted comment: " + std::string(kMinisignParseMaxTrustedComment + 1, 'a')),
        "line 3 is too long");
    expect(replace_line(good, 1, "untrusted comment: " + std::string(2000, 'a')),
           "line 1 is too long");
    expect(replace_line(good, 3, std::string("trusted comment: a\0b", 20)),
           "line 3 holds a NUL byte");
    expect(good + "extra\n", "it has text after line 4");
    expect(line_of(good, 1) + "\n" + line2 + "\n", "it has 2 lines, not 4");
    expect("", "it has 0 lines, not 4");
    expect(random_bytes(3000, 6), "line 1 does not start with \"untrusted comment: \"");
    // Blank lines after the signature are harmless.
    write_file(sig_path, good + "\n\n");
    CHECK(read_signature_file(sig_path).ok());

    // Oversized: refused without reading it all.
    write_file(sig_path, good + std::string(kMinisignMaxSignatureFile, '\n'));
    Result<Signature> big = read_signature_file(sig_path);
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().code == ErrorCode::Corrupt);
    CHECK(big.error().message.find("bytes long") != std::string::npos);
    CHECK_FALSE(parse_signature(std::string(kMinisignMaxSignatureFile + 1, 'a')).ok());

    std::filesystem::remove(sig_path);
    Result<Signature> missing = verify_signed_file(bundle, load_public(keys.pub));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::NotFound);
    CHECK(missing.error().message == sig_path + " is missing: the bundle is not signed");
}

TEST_CASE("damaged and hostile key files give clean errors", "[minisign]") {
    TempDir dir;
    ToolKeys keys = tool_keypair(dir, "publisher");
    const std::string pub = read_file(keys.pub);
    const std::string sec = read_file(keys.sec);

    auto pub_error = [](const std::string& text) {
        Result<PublicKey> r = parse_public_key(text, "trusted.pub");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Corrupt);
        CHECK(r.error().message.rfind("trusted.pub is not a minisign public key (", 0) == 0);
        return r.error().message;
    };
    CHECK(pub_error("") == "trusted.pub is not a minisign public key (it is empty)");
    CHECK(pub_error("hello").find("not base64") != std::string::npos);
    CHECK(pub_error(replace_line(pub, 2, line_of(pub, 2).substr(4))).find("42 bytes") !=
          std::string::npos);
    CHECK(pub_error(pub + "more\n").find("after line 2") != std::string::npos);
    CHECK(pub_error(line_of(pub, 1) + "\n").find("no key line") != std::string::npos);
    // "RU" decodes to "ED", the signature algorithm, not the key algorithm "Ed".
    CHECK(pub_error("RU" + line_of(pub, 2).substr(2)).find("not an Ed25519 key") !=
          std::string::npos);
    CHECK(pub_error(std::string(10000, 'A')).find("bytes long") != std::string::npos);
    // A secret key is not a public key.
    CHECK(pub_error(sec).find("42 bytes") != std::string::npos);

    // Secret keys: edit the decoded bytes and re-encode.
    Result<SecretKey> ok = parse_secret_key(sec, "");
    REQUIRE(ok.ok());
    // TEXT's key line decoded, with the byte at OFFSET XORed with MASK, and encoded again.
    auto edited_text = [](const std::string& text, size_t offset, uint8_t mask) {
        const std::string line = line_of(text, 2);
        std::vector<uint8_t> raw(line.size());
        size_t len = 0;
        REQUIRE(sodium_base642bin(raw.data(), raw.size(), line.data(), line.size(), nullptr, &len,
                                  nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
        REQUIRE(len == 158);
        raw[offset] ^= mask;
        std::string b64(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL), '\0');
        sodium_bin2base64(b64.data(), b64.size(), raw.data(), len, sodium_base64_VARIANT_ORIGINAL);
        b64.resize(b64.size() - 1);
        return line_of(text, 1) + "\n" + b64 + "\n";
    };
    auto edited = [&](size_t offset, uint8_t value) { return edited_text(sec, offset, value); };
    auto sec_error = [](const std::string& text) {
        Result<SecretKey> r = parse_secret_key(text, "pw", "sk");
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    // Checksum (offset 126..157): all zero in `-W` files; anything else must match.
    CHECK(sec_error(edited(130, 7)).message.find("checksum does not match") != std::string::npos);
    // A changed seed (offset 62) no longer gives the stored public half.
    CHECK(sec_error(edited(62, 0x55)).message.find("does not match its seed") != std::string::npos);
    CHECK(sec_error(edited(2, 'X')).message.find("unknown key derivation") != std::string::npos);
    CHECK(sec_error(edited(4, 1)).message.find("unknown checksum") != std::string::npos);
    CHECK(sec_error(edited(1, 'd' ^ 'D')).message.find("not an Ed25519") != std::string::npos);
    CHECK(sec_error("garbage").message.find("not base64") != std::string::npos);
    CHECK(sec_error(pub).message.find("158 bytes") != std::string::npos);

    // Encrypted key asking for more scrypt memory than we allow: refused before any work.
    Result<MinisignKeyFiles> enc = generate_keypair("pw", kMinisignKdfInteractive);
    REQUIRE(enc.ok());
    Error greedy =
        sec_error(edited_text(enc->secret_key, 6 + 32 + 8 + 5, 0x01)); // memlimit byte 5: +1 TiB
    CHECK(greedy.code == ErrorCode::Invalid);
    CHECK(greedy.message.find("memory limit") != std::string::npos);
    CHECK(parse_secret_key(enc->secret_key, "pw").ok());
}

TEST_CASE("signing refuses comments that do not fit one line", "[minisign]") {
    SecretKey key = generate_secret_key();
    const std::string data = "data";
    auto refused = [&](std::string_view tc, std::string_view uc) {
        Result<std::string> r = sign_bytes(as_bytes(data), key, tc, uc);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Invalid);
        return r.error().message;
    };
    CHECK(refused("a\nb", "").find("one line") != std::string::npos);
    CHECK(refused("a\rb", "").find("trusted comment") != std::string::npos);
    CHECK(refused("", "x\ny").find("untrusted comment") != std::string::npos);
    CHECK(refused(std::string(kMinisignMaxTrustedComment + 1, 'a'), "").find("limit") !=
          std::string::npos);
    CHECK(refused("", std::string(kMinisignMaxUntrustedComment + 1, 'a')).find("limit") !=
          std::string::npos);
    CHECK(sign_file("/nonexistent/file", key, "", "").error().code == ErrorCode::NotFound);
}

TEST_CASE("round trip in memory, and secrets are wiped when moved", "[minisign]") {
    SecretKey key = generate_secret_key();
    PublicKey pub = key.public_key();
    const std::string data = random_bytes(4096, 7);
    Result<std::string> text = sign_bytes(as_bytes(data), key, "tc", "uc");
    REQUIRE(text.ok());
    Result<Signature> sig = parse_signature(*text);
    REQUIRE(sig.ok());
    CHECK(format_signature(*sig) == *text);
    CHECK(verify_bytes(as_bytes(data), *sig, pub).ok());
    std::string changed = data;
    changed[4095] ^= 0x40;
    CHECK_FALSE(verify_bytes(as_bytes(changed), *sig, pub).ok());
    Status key_mismatch =
        verify_bytes(as_bytes(data), *sig, generate_secret_key().public_key(), "index");
    REQUIRE_FALSE(key_mismatch.ok());
    CHECK(key_mismatch.error().message.rfind("index is signed by key ", 0) == 0);

    // The secret key files round-trip (unencrypted and encrypted).
    for (const char* password : {"", "pw"}) {
        Result<std::string> file = format_secret_key(key, password, kMinisignKdfInteractive);
        REQUIRE(file.ok());
        Result<SecretKey> back = parse_secret_key(*file, password);
        REQUIRE(back.ok());
        CHECK(back->key_id == key.key_id);
        CHECK(back->secret == key.secret);
    }
    CHECK(format_secret_key(key, "pw", MinisignKdfCost{1, 1}).error().code == ErrorCode::Invalid);

    SecretKey moved = std::move(key);
    CHECK(moved.public_key() == pub);
    CHECK(key.secret ==
          std::array<uint8_t, 64>{}); // NOLINT(bugprone-use-after-move): checks the wipe
}

TEST_CASE("a 50 MB file is verified streaming, in constant memory", "[minisign]") {
    TempDir dir;
    ToolKeys keys = tool_keypair(dir, "publisher");
    PublicKey key = load_public(keys.pub);
    const std::string bundle = dir.file("big.tidings");
    const uint64_t size = 50ull * 1000 * 1000;
    write_random_file(bundle, size, 8);
    tool_sign(keys, bundle, "-t big");

    const bool measured = reset_peak_rss();
    const long before = peak_rss_kib();
    Result<Signature> r = verify_signed_file(bundle, key);
    const long after = peak_rss_kib();
    INFO((r.ok() ? std::string() : r.error().message));
    REQUIRE(r.ok());
    CHECK(r->trusted_comment == "big");
    if (measured && before > 0) {
        INFO("peak resident memory grew by " << (after - before) << " KiB while verifying 50 MB");
        CHECK(after - before < 8 * 1024);
    } else {
        WARN("peak memory not measurable here (/proc/self/clear_refs); skipped the memory check");
    }

    // We sign the same file streaming; the tool verifies.
    Result<SecretKey> secret = parse_secret_key(read_file(keys.sec), "");
    REQUIRE(secret.ok());
    reset_peak_rss();
    const long sign_before = peak_rss_kib();
    Result<std::string> ours = sign_file(bundle, *secret, "big, ours", "");
    const long sign_after = peak_rss_kib();
    REQUIRE(ours.ok());
    if (measured && sign_before > 0) CHECK(sign_after - sign_before < 8 * 1024);
    write_file(bundle + ".minisig", *ours);
    CommandResult v = minisign("-V -p " + q(keys.pub) + " -m " + q(bundle));
    INFO(v.output);
    CHECK(v.exit_code == 0);

    flip_byte(bundle, size - 1);
    CHECK_FALSE(verify_signed_file(bundle, key).ok());
}
