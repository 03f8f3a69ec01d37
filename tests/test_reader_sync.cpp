// The reader's sync: a stick appearing under a (fake) mount root is offered, syncing it shows a
// summary and reloads the lists, cancelling keeps the library as it was, a refusal is shown in
// plain words.
#include "test_support.h"

#include "app/reader/app.h"
#include "app/reader/headless.h"
#include "core/library_store.h"
#include "core/minisign.h"
#include "core/trust.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace tidings;
using namespace tidings::test;

namespace {

namespace fs = std::filesystem;

std::string q(const std::string& s) { return shell_quote(s); }

// A channel folder "gen" with one published day, its key, and a library trusting that key.
struct World {
    TempDir dir;
    std::string folder = dir.file("stick/NEWS-0311/gen");
    std::string lib_path = dir.file("library.db");
    World(int articles = 300) {
        auto k = run_command(q(bundle_cli()) + " keygen --unencrypted -o " + q(dir.file("gen")));
        REQUIRE(k.exit_code == 0);
        auto g = run_command(q(bundle_cli()) + " gen-corpus --quiet --channel gen --photos 10 --articles " +
                             std::to_string(articles) + " --seed 1 -o " + q(dir.file("day1.tidings")));
        REQUIRE(g.exit_code == 0);
        fs::create_directories(dir.file("stage"));
        auto p = run_command(q(bundle_cli()) + " publish --key " + q(dir.file("gen.key")) + " " +
                             q(dir.file("day1.tidings")) + " " + q(dir.file("stage/gen")));
        INFO(p.output);
        REQUIRE(p.exit_code == 0);
        auto lib = Library::open(lib_path);
        REQUIRE(lib.ok());
        auto key = parse_public_key(read_file(dir.file("gen.pub")));
        REQUIRE(key.ok());
        REQUIRE(trust_channel_key(*lib, "gen", *key).ok());
        // The library already has the sample, so the app starts without a first-run setup.
        auto sk = parse_public_key(read_file(sample_key()));
        REQUIRE(trust_channel_key(*lib, "sample", *sk).ok());
        SignedApplyOptions o;
        REQUIRE(apply_signed_bundle(*lib, sample_bundle(), o).ok());
    }
    // "Plugs in" the stick: the volume appears under the mount root.
    void plug_in() {
        fs::create_directories(fs::path(folder).parent_path());
        fs::copy(dir.file("stage/gen"), folder, fs::copy_options::recursive);
    }
};

void wait_sync(reader::App& app) {
    for (int i = 0; i < 6000 && app.sync_running(); ++i) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE_FALSE(app.sync_running());
    reader::settle(app);
}

} // namespace

TEST_CASE("a plugged-in stick is offered, and syncing it shows what came", "[reader][sync]") {
    World world;
    reader::HeadlessDisplay display;
    REQUIRE(display.open(900, 700).empty());
    reader::ReaderOptions o;
    o.library = world.lib_path;
    o.ui_lang = "en";
    o.volume_roots = {world.dir.file("stick")};
    reader::App app(o, display.window(), display.renderer());
    REQUIRE(app.start().ok());
    reader::settle(app);
    CHECK_FALSE(app.usb_offer().open);
    const int64_t before = app.home().article_count;

    world.plug_in();
    for (int i = 0; i < 400 && !app.usb_offer().open; ++i) { // the watcher looks every 2 s
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(app.usb_offer().open);
    CHECK(app.usb_offer().label == "USB stick NEWS-0311");
    CHECK(app.usb_offer().path == world.folder);

    app.sync_now(app.usb_offer().path, app.usb_offer().label);
    CHECK_FALSE(app.usb_offer().open);
    wait_sync(app);
    const auto& s = app.sync_state();
    INFO(s.error);
    CHECK(s.error.empty());
    CHECK(s.open);
    CHECK(s.summary.find("new, 0 updated, 0 withdrawn") != std::string::npos);
    CHECK(s.summary.find("USB stick NEWS-0311") != std::string::npos);
    CHECK(app.home().article_count > before); // the lists were reloaded
}

TEST_CASE("a cancelled sync leaves the library as it was, and a refusal is shown", "[reader][sync]") {
    World world(1500);
    world.plug_in();
    reader::HeadlessDisplay display;
    REQUIRE(display.open(900, 700).empty());
    reader::ReaderOptions o;
    o.library = world.lib_path;
    o.ui_lang = "en";
    reader::App app(o, display.window(), display.renderer());
    REQUIRE(app.start().ok());
    reader::settle(app);
    const std::string before = content_digest(world.lib_path);

    app.sync_now(world.folder, "USB stick NEWS-0311");
    // Cancel as soon as it is under way (the bulk worker may still be copying or applying).
    const_cast<reader::SyncUiState&>(app.sync_state()).cancel->store(true);
    wait_sync(app);
    CHECK(app.sync_state().cancelled);
    CHECK(app.sync_state().open);
    CHECK(content_digest(world.lib_path) == before);

    // A folder whose index was edited: refused, in plain words, library unchanged.
    std::string index = read_file(world.folder + "/channel.index");
    index.replace(index.find("latest: 1"), 9, "latest: 9");
    write_file(world.folder + "/channel.index", index);
    app.sync_now(world.folder, "USB stick NEWS-0311");
    wait_sync(app);
    INFO(app.sync_state().error);
    CHECK(app.sync_state().error.find("signature does not match") != std::string::npos);
    CHECK_FALSE(app.sync_state().cancelled);
    CHECK(content_digest(world.lib_path) == before);
}
