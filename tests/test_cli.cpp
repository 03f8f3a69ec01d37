// End-to-end tests of tidings-bundle: build the sample, apply, search, info, diff, and bad input.
#include "test_support.h"

#include "core/bundle_reader.h"
#include "core/library_store.h"

#include <catch2/catch.hpp>

using namespace tidings;
using namespace tidings::test;

namespace {

CommandResult cli(const std::string& args) { return run_command(shell_quote(bundle_cli()) + " " + args); }

std::string sample_src() { return source_dir() + "/assets/sample"; }

// Makes LIB trust the sample channel's key, as an admin would.
void trust_sample(const std::string& lib) {
    auto r = cli("trust --library " + shell_quote(lib) + " --channel sample " + shell_quote(sample_key()));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
}

} // namespace

TEST_CASE("the sample builds deterministically and matches the built-in sample bundle", "[cli][sample]") {
    TempDir dir;
    auto a = cli("build " + shell_quote(sample_src()) + " -o " + shell_quote(dir.file("a.tidings")));
    INFO(a.output);
    REQUIRE(a.exit_code == 0);
    CHECK(a.output.find("5 articles") != std::string::npos);
    auto b = cli("build " + shell_quote(sample_src()) + " -o " + shell_quote(dir.file("b.tidings")) + " --quiet");
    REQUIRE(b.exit_code == 0);
    CHECK(b.output.empty());
    CHECK(read_bytes(dir.file("a.tidings")) == read_bytes(dir.file("b.tidings")));
    CHECK(read_bytes(dir.file("a.tidings")) == read_bytes(sample_bundle()));

    auto r = BundleReader::open(dir.file("a.tidings"));
    REQUIRE(r.ok());
    CHECK(r->header().channel == "sample");
    CHECK(r->article_count() == 5);
    CHECK(r->photo_count() >= 5);
    int64_t photo_bytes = 0;
    REQUIRE(r->for_each_photo([&](const BundlePhoto& p) -> Status {
        CHECK(p.width <= 1600);
        CHECK(p.height <= 1600);
        CHECK(p.thumb_width <= 400);
        CHECK(p.thumb_height <= 400);
        photo_bytes += static_cast<int64_t>(p.data.size() + p.thumb.size());
        return {};
    }).ok());
    CHECK(photo_bytes > 0);
}

TEST_CASE("apply, info, search and diff work as the README shows", "[cli]") {
    TempDir dir;
    const std::string lib = dir.file("library.db");
    auto info = cli("info " + shell_quote(sample_bundle()));
    INFO(info.output);
    REQUIRE(info.exit_code == 0);
    CHECK(info.output.find("channel    sample") != std::string::npos);

    auto untrusted = cli("apply --library " + shell_quote(lib) + " " + shell_quote(sample_bundle()));
    CHECK(untrusted.exit_code != 0);
    CHECK(untrusted.output.find("does not trust") != std::string::npos);
    trust_sample(lib);
    auto verify = cli("verify --library " + shell_quote(lib) + " " + shell_quote(sample_bundle()));
    INFO(verify.output);
    CHECK(verify.exit_code == 0);
    CHECK(verify.output.find("good signature") != std::string::npos);
    auto apply = cli("apply --library " + shell_quote(lib) + " " + shell_quote(sample_bundle()));
    INFO(apply.output);
    REQUIRE(apply.exit_code == 0);
    CHECK(apply.output.find("5 new articles") != std::string::npos);
    auto again = cli("apply --library " + shell_quote(lib) + " " + shell_quote(sample_bundle()));
    REQUIRE(again.exit_code == 0);
    CHECK(again.output.find("already up to date") != std::string::npos);

    auto found = cli("search --library " + shell_quote(lib) + " JOLIG");
    INFO(found.output);
    REQUIRE(found.exit_code == 0);
    CHECK(found.output.find("[JOLIG]") != std::string::npos);
    auto none = cli("search --library " + shell_quote(lib) + " " + shell_quote("\"NEAR( * -"));
    CHECK(none.exit_code == 0);
}

TEST_CASE("bad input gives a clear message, a non-zero status and an unchanged library", "[cli][hostile]") {
    TempDir dir;
    const std::string lib = dir.file("library.db");
    trust_sample(lib);
    REQUIRE(cli("apply --quiet --library " + shell_quote(lib) + " " + shell_quote(sample_bundle())).exit_code == 0);
    const std::string before = content_digest(lib);

    write_file(dir.file("notes.txt"), "this is not a bundle\n");
    auto bytes = read_bytes(sample_bundle());
    bytes.resize(bytes.size() / 3);
    write_bytes(dir.file("cut.tidings"), bytes);
    std::filesystem::copy_file(sample_bundle() + ".minisig", dir.file("cut.tidings.minisig"));
    std::filesystem::copy_file(sample_bundle() + ".minisig", dir.file("notes.txt.minisig"));
    std::filesystem::copy_file(sample_bundle(), dir.file("unsigned.tidings"));

    struct Case {
        std::string args;      // command line
        std::string expected;  // part of the message
    };
    const std::vector<Case> cases = {
        {"apply --library " + shell_quote(lib) + " " + shell_quote(dir.file("missing.tidings")), "missing.tidings: no such file"},
        {"apply --library " + shell_quote(lib) + " " + shell_quote(dir.file("notes.txt")), "notes.txt: signature does not match"},
        {"apply --library " + shell_quote(lib) + " " + shell_quote(dir.file("cut.tidings")), "cut.tidings: signature does not match"},
        {"apply --library " + shell_quote(lib) + " " + shell_quote(dir.file("unsigned.tidings")), "unsigned.tidings.minisig is missing"},
        {"verify --key " + shell_quote(sample_key()) + " " + shell_quote(dir.file("cut.tidings")), "cut.tidings: signature does not match"},
        {"trust --library " + shell_quote(lib) + " --channel sample " + shell_quote(dir.file("notes.txt")), "notes.txt"},
        {"apply --library " + shell_quote(dir.file("notes.txt")) + " " + shell_quote(sample_bundle()), "notes.txt is not a Tidings library"},
        {"apply --library " + shell_quote(lib) + " " + shell_quote(lib), "library.db.minisig is missing"},
        {"apply " + shell_quote(sample_bundle()), "usage"},
        {"build " + shell_quote(dir.path().string()) + " -o " + shell_quote(dir.file("x.tidings")), "channel.txt is missing"},
        {"frobnicate", "unknown command 'frobnicate'"},
        {"apply --library " + shell_quote(lib) + " --bogus x", "unknown option --bogus"},
    };
    for (const auto& c : cases) {
        auto r = cli(c.args);
        INFO(c.args << "\n" << r.output);
        CHECK(r.exit_code != 0);
        CHECK(r.output.find(c.expected) != std::string::npos);
        CHECK(r.output.find("tidings-bundle: ") != std::string::npos);
    }
    CHECK(content_digest(lib) == before);
    CHECK(read_file(dir.file("notes.txt")) == "this is not a bundle\n");
    CHECK_FALSE(std::filesystem::exists(dir.file("x.tidings")));
}

TEST_CASE("the sample's JOLIG articles list each other as related", "[related][sample]") {
    TempDir dir;
    auto lib = Library::open(dir.file("lib.db"));
    REQUIRE(lib.ok());
    trust_sample(dir.file("lib.db"));
    REQUIRE(cli("apply --quiet --library " + shell_quote(dir.file("lib.db")) + " " + shell_quote(sample_bundle())).exit_code == 0);
    // Seeds 000 (Brussels, 2023) and 001 (Kachreti workshop, 2021) are the two JOLIG articles.
    auto cards = lib->latest(10, 0);
    REQUIRE(cards.ok());
    int64_t brussels = 0, kachreti = 0;
    for (const auto& c : cards.value()) {
        if (c.title.find("EU officials in Brussels") != std::string::npos) brussels = c.rowid;
        if (c.title.find("Kachreti") != std::string::npos) kachreti = c.rowid;
    }
    REQUIRE(brussels != 0);
    REQUIRE(kachreti != 0);
    auto computed_targets = [&](int64_t rowid) {
        std::vector<int64_t> out;
        auto rel = lib->related(rowid);
        REQUIRE(rel.ok());
        for (const auto& e : rel.value())
            if (e.source == "computed") out.push_back(e.target_rowid);
        return out;
    };
    auto from_brussels = computed_targets(brussels);
    auto from_kachreti = computed_targets(kachreti);
    REQUIRE_FALSE(from_brussels.empty());
    REQUIRE_FALSE(from_kachreti.empty());
    CHECK(from_brussels.front() == kachreti);
    CHECK(from_kachreti.front() == brussels);
}
