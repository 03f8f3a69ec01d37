// Tests for signed bundles and channel trust, with keys and signatures made by the real minisign
// tool: every refusal leaves the library's tables byte-for-byte the same.
#include "test_support.h"

#include "core/bundle_reader.h"
#include "core/file_util.h"
#include "core/hash.h"
#include "core/library_store.h"
#include "core/sqlite_db.h"
#include "core/time_util.h"
#include "core/trust.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace tidings;
using namespace tidings::test;

namespace {

namespace fs = std::filesystem;

std::string q(const std::string& s) { return shell_quote(s); }

// Runs the minisign tool; fails the test when it is missing.
CommandResult minisign(const std::string& args) {
    static const bool present = run_command("minisign -v").output.find("minisign") != std::string::npos;
    INFO("these tests need the minisign tool (Debian package minisign) on PATH");
    REQUIRE(present);
    return run_command("minisign " + args);
}

// A key pair made by `minisign -G -W` (no password) in DIR, named NAME.
struct ToolKey {
    std::string pub, sec;
    PublicKey key;
};
ToolKey tool_key(const TempDir& dir, const std::string& name) {
    ToolKey k{dir.file(name + ".pub"), dir.file(name + ".key"), {}};
    auto r = minisign("-G -W -p " + q(k.pub) + " -s " + q(k.sec));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    auto parsed = parse_public_key(read_file(k.pub), k.pub);
    REQUIRE(parsed.ok());
    k.key = *parsed;
    return k;
}

// Signs PATH with the minisign tool (prehashed, the tool's default trusted comment).
void tool_sign(const ToolKey& key, const std::string& path, const std::string& extra = "") {
    auto r = minisign("-S -W -s " + q(key.sec) + " -m " + q(path) + " " + extra);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
}

SecretKey tool_secret(const ToolKey& key) {
    auto sk = parse_secret_key(read_file(key.sec), "", key.sec);
    REQUIRE(sk.ok());
    return std::move(*sk);
}

// A small bundle of CHANNEL at SEQUENCE with N articles whose text depends on VARIANT.
BundleSpec news(const std::string& channel, int64_t sequence, int n = 3, const std::string& variant = "a") {
    BundleSpec spec;
    spec.header = make_header(channel, sequence);
    spec.photos.push_back(make_photo(7));
    for (int i = 0; i < n; ++i) {
        auto a = make_article("story-" + std::to_string(i), "Story " + std::to_string(i) + " " + variant, "en",
                              "Body of story " + std::to_string(i) + " version " + variant + ".");
        if (i == 0) a.photo = spec.photos[0].hash;
        spec.articles.push_back(a);
    }
    return spec;
}

// Tables of the library at PATH, hashed; EXCEPT names one table left out (e.g. "settings").
std::string digest_except(const std::string& path, const std::string& except) {
    auto db = Db::open(path, OpenMode::ReadOnly);
    REQUIRE(db.ok());
    auto tables = db->prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                              "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name != ? ORDER BY name");
    REQUIRE(tables.ok());
    tables->bind(1, except);
    Sha256 all;
    std::vector<std::string> names;
    while (tables->step().value()) names.push_back(tables->column_text(0));
    for (const auto& name : names) {
        auto rows = db->prepare("SELECT * FROM \"" + name + "\" ORDER BY 1");
        REQUIRE(rows.ok());
        all.field(name);
        while (rows->step().value())
            for (int c = 0; c < rows->column_count(); ++c) {
                auto blob = rows->column_blob_view(c);
                all.field(std::string_view(reinterpret_cast<const char*>(blob.data()), blob.size()));
            }
    }
    return all.finish_hex();
}

// A library in DIR that trusts KEY for channel "news".
struct Fixture {
    TempDir dir;
    ToolKey key = tool_key(dir, "news");
    std::string lib_path = dir.file("library.db");

    Fixture() {
        auto lib = Library::open(lib_path);
        REQUIRE(lib.ok());
        REQUIRE(trust_channel_key(*lib, "news", key.key).ok());
    }
    // Writes SPEC to NAME and signs it with the minisign tool.
    std::string signed_bundle(const std::string& name, const BundleSpec& spec, const ToolKey* with = nullptr) {
        const std::string path = dir.file(name);
        write_bundle(path, spec);
        tool_sign(with ? *with : key, path);
        return path;
    }
    Result<ApplyReport> apply(const std::string& path, int64_t now = 0) {
        auto lib = Library::open(lib_path);
        REQUIRE(lib.ok());
        SignedApplyOptions options;
        options.apply.now_unix = now;
        return apply_signed_bundle(*lib, path, options);
    }
    // Applies PATH expecting a refusal whose message holds EXPECTED; the library is unchanged.
    Error refused(const std::string& path, const std::string& expected, int64_t now = 0) {
        const std::string before = content_digest(lib_path);
        auto r = apply(path, now);
        REQUIRE_FALSE(r.ok());
        INFO(r.error().message);
        CHECK(r.error().message.find(expected) != std::string::npos);
        CHECK(content_digest(lib_path) == before);
        // No private copy is left behind.
        for (const auto& e : fs::directory_iterator(dir.path()))
            CHECK(e.path().filename().string().rfind(".tidings-incoming-", 0) == std::string::npos);
        return r.error();
    }
};

} // namespace

TEST_CASE("a bundle signed by the minisign tool applies, and one we sign verifies in the tool", "[trust]") {
    Fixture f;
    const std::string b1 = f.signed_bundle("day1.tidings", news("news", 1));
    auto r = f.apply(b1);
    INFO((r.ok() ? std::string() : r.error().message));
    REQUIRE(r.ok());
    CHECK(r->added == 3);
    CHECK(r->channel == "news");

    // tidings-bundle's own signature: the tool verifies it and prints our trusted comment.
    const std::string b2 = f.dir.file("day2.tidings");
    write_bundle(b2, news("news", 2, 4, "b"));
    REQUIRE(sign_bundle_file(b2, tool_secret(f.key)).ok());
    auto v = minisign("-V -p " + q(f.key.pub) + " -m " + q(b2));
    INFO(v.output);
    CHECK(v.exit_code == 0);
    CHECK(v.output.find("tidings channel=news sequence=2 kind=full base=0") != std::string::npos);
    auto r2 = f.apply(b2);
    REQUIRE(r2.ok());
    CHECK(r2->added == 1);
    CHECK(r2->updated == 3);

    // A legacy (not prehashed) signature from `minisign -l` verifies too.
    const std::string b3 = f.dir.file("day3.tidings");
    write_bundle(b3, news("news", 3, 4, "c"));
    tool_sign(f.key, b3, "-l");
    auto r3 = f.apply(b3);
    INFO((r3.ok() ? std::string() : r3.error().message));
    CHECK(r3.ok());
}

TEST_CASE("a flipped byte at the start, middle or end, or a truncated file, is refused", "[trust][hostile]") {
    Fixture f;
    const std::string good = f.signed_bundle("good.tidings", news("news", 1));
    const auto bytes = read_bytes(good);
    REQUIRE(bytes.size() > 1000);
    for (size_t at : {size_t(0), size_t(100), bytes.size() / 2, bytes.size() - 1}) {
        auto damaged = bytes;
        damaged[at] ^= 0x01;
        write_bytes(f.dir.file("bad.tidings"), damaged);
        fs::copy_file(good + ".minisig", f.dir.file("bad.tidings.minisig"), fs::copy_options::overwrite_existing);
        INFO("flipped byte at " << at);
        auto e = f.refused(f.dir.file("bad.tidings"), "bad.tidings: signature does not match");
        CHECK(e.code == ErrorCode::Corrupt);
        CHECK(e.message.find("get the bundle again") != std::string::npos);
    }
    auto cut = bytes;
    cut.resize(bytes.size() - 4096);
    write_bytes(f.dir.file("cut.tidings"), cut);
    fs::copy_file(good + ".minisig", f.dir.file("cut.tidings.minisig"));
    f.refused(f.dir.file("cut.tidings"), "signature does not match");
    // A signature whose trusted comment was edited.
    std::string sig = read_file(good + ".minisig");
    const size_t tc = sig.find("\ntrusted comment: ");
    REQUIRE(tc != std::string::npos);
    sig.insert(tc + 18, "x");
    fs::copy_file(good, f.dir.file("comment.tidings"));
    write_file(f.dir.file("comment.tidings.minisig"), sig);
    f.refused(f.dir.file("comment.tidings"), "trusted comment was changed");
    // The good one still applies afterwards.
    CHECK(f.apply(good).ok());
}

TEST_CASE("a missing signature, an unknown key and a wrong channel are refused", "[trust][hostile]") {
    Fixture f;
    const std::string unsigned_path = f.dir.file("unsigned.tidings");
    write_bundle(unsigned_path, news("news", 1));
    auto e = f.refused(unsigned_path, "unsigned.tidings.minisig is missing");
    CHECK(e.code == ErrorCode::NotFound);

    ToolKey stranger = tool_key(f.dir, "stranger");
    const std::string foreign = f.signed_bundle("foreign.tidings", news("news", 1), &stranger);
    e = f.refused(foreign, "which this library does not trust for any channel");
    CHECK(e.code == ErrorCode::Refused);
    CHECK(e.message.find(key_id_hex(stranger.key.key_id)) != std::string::npos);
    CHECK(e.message.find("tidings-bundle trust") != std::string::npos);

    // Signed with the key of channel "news", but the bundle is for channel "other".
    const std::string other = f.signed_bundle("other.tidings", news("other", 1));
    e = f.refused(other, "is a bundle of channel 'other', but it is signed with the key of channel 'news'");
    CHECK(e.message.find("does not trust that key for channel 'other'") != std::string::npos);

    // A signature whose trusted comment names another bundle of the channel (sequence 5).
    const std::string one = f.dir.file("one.tidings");
    write_bundle(one, news("news", 1, 2));
    tool_sign(f.key, one, "-t " + q("tidings channel=news sequence=5 kind=full base=0 timestamp=0 file=five.tidings"));
    f.refused(one, "the signature was made for channel 'news' sequence 5");
}

TEST_CASE("rollback, conflict, expiry and a clock set back", "[trust]") {
    Fixture f;
    auto day2 = news("news", 2);
    day2.header.created = "2026-11-01T00:00:00Z";
    const std::string b2 = f.signed_bundle("day2.tidings", day2);
    REQUIRE(f.apply(b2).ok());

    SECTION("an older sequence is a rollback") {
        const std::string b1 = f.signed_bundle("day1.tidings", news("news", 1));
        auto e = f.refused(b1, "older than the news you already have for channel 'news' (sequence 1 < 2)");
        CHECK(e.code == ErrorCode::Refused);
    }
    SECTION("the same sequence with other content is a loud conflict") {
        const std::string other = f.signed_bundle("day2-other.tidings", news("news", 2, 3, "forged"));
        const std::string before = digest_except(f.lib_path, "settings");
        auto r = f.apply(other);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Conflict);
        CHECK(r.error().message.find("CONFLICT") != std::string::npos);
        CHECK(r.error().message.find("key may be compromised") != std::string::npos);
        CHECK(digest_except(f.lib_path, "settings") == before);
        auto lib = Library::open(f.lib_path);
        auto alert = lib->setting("alert.conflict.news");
        REQUIRE(alert.ok());
        REQUIRE(alert.value());
        CHECK(alert.value()->find("CONFLICT") != std::string::npos);
        // The same bundle again is no conflict: nothing changes.
        auto again = f.apply(b2);
        REQUIRE(again.ok());
        CHECK(again->already_applied);
    }
    SECTION("an expired bundle brings nothing; what is there is marked may be outdated") {
        auto day3 = news("news", 3, 5, "late");
        day3.header.created = "2026-12-01T00:00:00Z";
        day3.header.expires = "2027-03-03T00:00:00Z";
        const std::string b3 = f.signed_bundle("day3.tidings", day3);
        const int64_t after_expiry = *parse_iso8601("2027-04-01T00:00:00Z");
        auto e = f.refused(b3, "expired on 3 March 2027", after_expiry);
        CHECK(e.code == ErrorCode::Refused);
        // Accepted before its expiry; later the articles stay readable, marked "may be outdated".
        REQUIRE(f.apply(b3, *parse_iso8601("2027-01-01T00:00:00Z")).ok());
        auto lib = Library::open(f.lib_path);
        auto view = lib->article("news", "story-0");
        REQUIRE(view.ok());
        lib->set_clock(*parse_iso8601("2027-01-15T00:00:00Z"));
        CHECK_FALSE(lib->article("news", "story-0")->may_be_outdated);
        lib->set_clock(after_expiry);
        CHECK(lib->article("news", "story-0")->may_be_outdated);
    }
    SECTION("a clock set back to 1970 still refuses a bundle expired before the newest accepted one") {
        // Day 2 was created on 1 November 2026. A bundle that expired on 3 March 2026 is stale
        // even though the kiosk's clock says 1970.
        auto stale = news("news", 3, 3, "stale");
        stale.header.created = "2026-03-01T00:00:00Z";
        stale.header.expires = "2026-03-03T00:00:00Z";
        const std::string b3 = f.signed_bundle("stale.tidings", stale);
        f.refused(b3, "expired on 3 March 2026", 86400);
        // Fresh news still applies on that kiosk, and counts as newer than the clock.
        auto fresh = news("news", 3, 4, "fresh");
        fresh.header.created = "2026-11-10T00:00:00Z";
        REQUIRE(f.apply(f.signed_bundle("fresh.tidings", fresh), 86400).ok());
        auto lib = Library::open(f.lib_path);
        auto ch = lib->channel("news");
        REQUIRE(ch.ok());
        CHECK(ch.value()->newest_created == "2026-11-10T00:00:00Z");
    }
}

TEST_CASE("key rotation is accepted only when signed by the current key", "[trust]") {
    Fixture f;
    ToolKey next = tool_key(f.dir, "next");
    ToolKey forger = tool_key(f.dir, "forger");
    REQUIRE(f.apply(f.signed_bundle("day1.tidings", news("news", 1))).ok());

    // Trusting another key directly is refused: it needs a rotation.
    {
        auto lib = Library::open(f.lib_path);
        auto e = trust_channel_key(*lib, "news", next.key);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error().message.find("rotation statement signed by the current key") != std::string::npos);
    }

    const std::string statement = f.dir.file("rotation.txt");
    write_file(statement, format_key_rotation("news", next.key));

    SECTION("a forged rotation is refused and changes nothing") {
        tool_sign(forger, statement);
        const std::string before = content_digest(f.lib_path);
        auto lib = Library::open(f.lib_path);
        auto r = apply_key_rotation(*lib, statement);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("does not trust for any channel") != std::string::npos);
        CHECK(content_digest(f.lib_path) == before);
        // A statement edited after signing by the right key is refused too.
        tool_sign(f.key, statement);
        write_file(statement, format_key_rotation("news", forger.key));
        auto edited = apply_key_rotation(*lib, statement);
        REQUIRE_FALSE(edited.ok());
        CHECK(edited.error().message.find("signature does not match") != std::string::npos);
        CHECK(content_digest(f.lib_path) == before);
        // The old key still works.
        CHECK(f.apply(f.signed_bundle("day2.tidings", news("news", 2), &f.key)).ok());
    }
    SECTION("a statement signed by another channel's key is refused") {
        ToolKey other = tool_key(f.dir, "other");
        {
            auto lib = Library::open(f.lib_path);
            REQUIRE(trust_channel_key(*lib, "other", other.key).ok());
        }
        tool_sign(other, statement);
        const std::string before = content_digest(f.lib_path);
        auto lib = Library::open(f.lib_path);
        auto r = apply_key_rotation(*lib, statement);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("names channel 'news'") != std::string::npos);
        CHECK(content_digest(f.lib_path) == before);
    }
    SECTION("signed by the current key, the new key replaces it") {
        tool_sign(f.key, statement);
        auto lib = Library::open(f.lib_path);
        auto r = apply_key_rotation(*lib, statement);
        INFO((r.ok() ? std::string() : r.error().message));
        REQUIRE(r.ok());
        CHECK(r->new_key == next.key);
        auto trusted = trusted_key(*lib, "news");
        REQUIRE(trusted.ok());
        CHECK(*trusted.value() == next.key);
        // Bundles signed by the new key apply; the old key is no longer trusted.
        CHECK(f.apply(f.signed_bundle("day2.tidings", news("news", 2), &next)).ok());
        f.refused(f.signed_bundle("day3.tidings", news("news", 3), &f.key), "does not trust for any channel");
        // Replaying the statement is refused: its signer is no longer trusted.
        CHECK_FALSE(apply_key_rotation(*lib, statement).ok());
    }
}

TEST_CASE("signed but hostile: oversized declarations and a 100000x100000 photo are refused", "[trust][hostile]") {
    Fixture f;
    REQUIRE(f.apply(f.signed_bundle("day1.tidings", news("news", 1))).ok());

    SECTION("a title over the cap") {
        auto spec = news("news", 2);
        spec.articles[1].title = std::string(5000, 'T');
        auto e = f.refused(f.signed_bundle("long.tidings", spec), "long.tidings");
        CHECK(e.code == ErrorCode::Invalid);
    }
    SECTION("text that is not UTF-8") {
        auto spec = news("news", 2);
        spec.articles[1].summary = "bad \xC3\x28 bytes";
        auto e = f.refused(f.signed_bundle("utf8.tidings", spec), "utf8.tidings");
        CHECK(e.code == ErrorCode::Invalid);
    }
    SECTION("more articles, or a bigger file, than the limits allow") {
        const std::string path = f.signed_bundle("many.tidings", news("news", 2, 6));
        auto lib = Library::open(f.lib_path);
        const std::string before = content_digest(f.lib_path);
        SignedApplyOptions few;
        few.apply.limits.max_articles = 5;
        auto r = apply_signed_bundle(*lib, path, few);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("many.tidings") != std::string::npos);
        CHECK(r.error().message.find("over the limit") != std::string::npos);
        SignedApplyOptions small;
        small.apply.limits.max_file_bytes = 4096;
        auto r2 = apply_signed_bundle(*lib, path, small);
        REQUIRE_FALSE(r2.ok());
        CHECK(r2.error().message.find("over the limit of 4096 bytes") != std::string::npos);
        CHECK(content_digest(f.lib_path) == before);
    }
    SECTION("a photo whose header claims 100000x100000 pixels") {
        auto spec = news("news", 2);
        BundlePhoto huge;
        huge.data = png_claiming(100000, 100000);
        huge.thumb = huge.data;
        huge.hash = sha256_hex(huge.data);
        huge.width = huge.height = huge.thumb_width = huge.thumb_height = 100000;
        spec.photos.push_back(huge);
        spec.articles[2].photo = huge.hash;
        auto e = f.refused(f.signed_bundle("huge.tidings", spec), "100000×100000 pixels is over the limit");
        CHECK(e.message.find("huge.tidings") != std::string::npos);
    }
}

TEST_CASE("verify checks a bundle without applying it, and the CLI says why in plain words", "[trust][cli]") {
    Fixture f;
    const std::string b1 = f.signed_bundle("day1.tidings", news("news", 1));
    const std::string before = content_digest(f.lib_path);
    auto lib = Library::open(f.lib_path);
    auto v = verify_bundle(*lib, b1);
    REQUIRE(v.ok());
    CHECK(v->channel == "news");
    CHECK(v->header.sequence == 1);
    CHECK_FALSE(v->claim); // the tool's default comment
    CHECK(content_digest(f.lib_path) == before);

    auto cli = [&](const std::string& args) { return run_command(q(bundle_cli()) + " " + args); };
    auto ok = cli("verify --library " + q(f.lib_path) + " " + q(b1));
    INFO(ok.output);
    CHECK(ok.exit_code == 0);
    CHECK(ok.output.find("good signature by key " + key_id_hex(f.key.key.key_id)) != std::string::npos);
    auto with_key = cli("verify --key " + q(f.key.pub) + " " + q(b1));
    CHECK(with_key.exit_code == 0);
    CHECK(content_digest(f.lib_path) == before);

    // keygen + sign + rotate-key + trust --rotation through the CLI, checked by the tool.
    auto kg = cli("keygen --unencrypted -o " + q(f.dir.file("cli")));
    INFO(kg.output);
    REQUIRE(kg.exit_code == 0);
    auto again = cli("keygen --unencrypted -o " + q(f.dir.file("cli")));
    CHECK(again.exit_code != 0);
    CHECK(again.output.find("already exists") != std::string::npos);
    const std::string b2 = f.dir.file("day2.tidings");
    write_bundle(b2, news("news", 2));
    auto rot = cli("rotate-key --channel news --key " + q(f.key.sec) + " --new-key " + q(f.dir.file("cli.pub")) +
                   " -o " + q(f.dir.file("rotation.txt")));
    INFO(rot.output);
    REQUIRE(rot.exit_code == 0);
    CHECK(minisign("-V -p " + q(f.key.pub) + " -m " + q(f.dir.file("rotation.txt"))).exit_code == 0);
    auto tr = cli("trust --library " + q(f.lib_path) + " --rotation " + q(f.dir.file("rotation.txt")));
    INFO(tr.output);
    REQUIRE(tr.exit_code == 0);
    auto sg = cli("sign --key " + q(f.dir.file("cli.key")) + " " + q(b2));
    REQUIRE(sg.exit_code == 0);
    CHECK(minisign("-V -p " + q(f.dir.file("cli.pub")) + " -m " + q(b2)).exit_code == 0);
    auto ap = cli("apply --library " + q(f.lib_path) + " " + q(b2));
    INFO(ap.output);
    CHECK(ap.exit_code == 0);
    CHECK(ap.output.find("3 new articles") != std::string::npos);
    auto list = cli("trust --library " + q(f.lib_path));
    CHECK(list.output.find("news") != std::string::npos);
}
