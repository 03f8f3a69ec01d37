// The reader's sync: a stick appearing under a (fake) mount root is offered, syncing it shows a
// summary and reloads the lists, cancelling keeps the library as it was, a refusal is shown in
// plain words.
#include "test_support.h"

#include "app/reader/app.h"
#include "app/reader/headless.h"
#include "core/library_store.h"
#include "core/minisign.h"
#include "core/trust.h"
#include "core/usage_file.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
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

// A headless reader in English on WORLD's library, started and settled. WATCH makes the stick
// folder a mount root; KIOSK starts it in kiosk mode (on a larger screen).
struct Reader {
    reader::HeadlessDisplay display;
    std::unique_ptr<reader::App> app;
    Reader(const World& world, bool watch, bool kiosk = false) {
        REQUIRE(display.open(kiosk ? 1280 : 900, kiosk ? 800 : 700).empty());
        reader::ReaderOptions o;
        o.library = world.lib_path;
        o.ui_lang = "en";
        o.kiosk = kiosk;
        if (watch) o.volume_roots = {world.dir.file("stick")};
        app = std::make_unique<reader::App>(o, display.window(), display.renderer());
        REQUIRE(app->start().ok());
        reader::settle(*app);
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
    Reader r(world, true);
    reader::App& app = *r.app;
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
    CHECK(s.summary.find("300 new articles, 0 updated, 0 withdrawn · ") == 0);
    CHECK(s.summary.find(" · from USB stick NEWS-0311") != std::string::npos);
    CHECK(app.home().article_count > before); // the lists were reloaded

    // Pulled and plugged in again: nothing new on it, so nothing is offered.
    fs::remove_all(world.dir.file("stick/NEWS-0311"));
    for (int i = 0; i < 150; ++i) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    world.plug_in();
    for (int i = 0; i < 300; ++i) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    reader::settle(app);
    CHECK_FALSE(app.usb_offer().open);
}

TEST_CASE("a stick the library cannot use says why, and a kiosk syncs a stick by itself", "[reader][sync]") {
    World world;
    {
        // Another publisher's channel on the stick: offered only to say it cannot be used.
        World stranger;
        fs::create_directories(world.dir.file("stick/OTHER"));
        fs::copy(stranger.dir.file("stage/gen"), world.dir.file("stick/OTHER/gen"), fs::copy_options::recursive);
    }
    Reader r(world, true);
    reader::App& app = *r.app;
    REQUIRE(app.usb_offer().open);
    CHECK(app.usb_offer().label == "USB stick OTHER");
    INFO(app.usb_offer().problem);
    CHECK(app.usb_offer().problem.find("does not trust") != std::string::npos);

    // Kiosk: the stick with news is synced without asking.
    const std::string before = content_digest(world.lib_path);
    app.set_auto_sync_sticks(true);
    world.plug_in();
    for (int i = 0; i < 400 && !app.sync_running() && app.sync_state().summary.empty(); ++i) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    wait_sync(app);
    INFO(app.sync_state().error);
    CHECK(app.sync_state().summary.find("300 new articles") == 0);
    CHECK(content_digest(world.lib_path) != before);
}

TEST_CASE("a kiosk takes the news off a trusted stick without asking and leaves its usage counts on it",
          "[reader][sync][kiosk]") {
    World world;
    {
        auto lib = Library::open(world.lib_path);
        REQUIRE(lib.ok());
        REQUIRE(lib->bump_counter(usage::kVisits, 7).ok());
        REQUIRE(lib->bump_counter(usage::kSearchesEmpty, 2).ok());
        REQUIRE(lib->set_setting(kUsageNameSetting, "Hall 2").ok());
    }
    // A stick with another publisher's channel is there from the start: neither synced nor written to.
    {
        World stranger;
        fs::create_directories(world.dir.file("stick/OTHER"));
        fs::copy(stranger.dir.file("stage/gen"), world.dir.file("stick/OTHER/gen"), fs::copy_options::recursive);
    }
    auto articles = [&] {
        auto lib = Library::open(world.lib_path);
        REQUIRE(lib.ok());
        auto n = lib->article_count();
        REQUIRE(n.ok());
        return *n;
    };
    const int64_t before = articles();
    Reader r(world, true, true);
    reader::App& app = *r.app;
    for (int i = 0; i < 100; ++i) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    reader::settle(app);
    CHECK_FALSE(app.usb_offer().open); // visitors are never asked
    CHECK_FALSE(app.sync_running());
    CHECK(app.kiosk().stick_note.empty());
    CHECK(articles() == before);
    for (const auto& e : fs::directory_iterator(world.dir.file("stick/OTHER")))
        CHECK(e.path().filename().string().rfind("tidings-usage-", 0) != 0);

    // Staff plug in the channel's stick: synced at once, and the counts are on it.
    world.plug_in();
    for (int i = 0; i < 1000 && !app.sync_running() && app.sync_state().summary.empty(); ++i) {
        app.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    wait_sync(app);
    INFO(app.sync_state().error);
    CHECK(app.sync_state().summary.find("300 new articles") == 0);
    CHECK(articles() == before + 300);
    CHECK_FALSE(app.usb_offer().open);

    auto lib = Library::open(world.lib_path);
    REQUIRE(lib.ok());
    auto device = lib->setting(kUsageDeviceSetting);
    REQUIRE(device.ok());
    REQUIRE(device->has_value());
    const std::string file = world.dir.file("stick/NEWS-0311/" + usage_file_name(**device));
    REQUIRE(fs::exists(file));
    auto report = read_usage_file(file);
    REQUIRE(report.ok());
    CHECK(report->device == **device);
    CHECK(report->name == "Hall 2");
    auto count = [&](const std::string& name) {
        for (const auto& [n, c] : report->counters)
            if (n == name) return c;
        return int64_t{-1};
    };
    CHECK(count(usage::kVisits) == 7);
    CHECK(count(usage::kSearchesEmpty) == 2);
    CHECK(app.kiosk().stick_note == "USB stick NEWS-0311: usage counts written to it");

    // The editor sums it with the bundle tool.
    auto sum = run_command(q(bundle_cli()) + " usage " + q(world.dir.file("stick/NEWS-0311")));
    INFO(sum.output);
    CHECK(sum.exit_code == 0);
    CHECK(sum.output.find("Hall 2") != std::string::npos);
}

TEST_CASE("the last sync is kept in a setting the reader reads back", "[reader][sync]") {
    SyncReport r;
    r.added = 12;
    r.updated = 3;
    r.removed = 1;
    r.bytes_transferred = 1400000;
    r.bundles = 2;
    r.source = "USB stick NEWS\t0311";
    const std::string text = reader::format_last_sync("2026-11-22T19:15:43Z", r);
    std::string iso;
    SyncReport back;
    REQUIRE(reader::parse_last_sync(text, iso, back));
    CHECK(iso == "2026-11-22T19:15:43Z");
    CHECK(back.added == 12);
    CHECK(back.updated == 3);
    CHECK(back.removed == 1);
    CHECK(back.bytes_transferred == 1400000);
    CHECK(back.bundles == 2);
    CHECK(back.source == "USB stick NEWS 0311"); // a tab would end the field
    for (const std::string bad : {"", "2026-11-22T19:15:43Z 12 new articles", "2026-11-22T19:15:43Z\t1\t2\t3\tx\t1\ts",
                                  "2026-11-22T19:15:43Z\t1\t2\t3\t-4\t1\ts"})
        CHECK_FALSE(reader::parse_last_sync(bad, iso, back));
}

TEST_CASE("a cancelled sync leaves the library as it was, and a refusal is shown", "[reader][sync]") {
    World world(1500);
    world.plug_in();
    Reader r(world, false);
    reader::App& app = *r.app;
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
    CHECK(app.sync_state().error_code == ErrorCode::Corrupt);
    CHECK(app.sync_failure_text().rfind("The update is damaged or is not a Tidings update, so it was not applied. ", 0) == 0);
    CHECK_FALSE(app.sync_state().cancelled);
    CHECK(content_digest(world.lib_path) == before);
}

TEST_CASE("a saved server is tried at its interval, quietly unless there is news", "[reader][sync]") {
    World world;
    world.plug_in();
    {
        auto lib = Library::open(world.lib_path);
        REQUIRE(lib.ok());
        // A server nobody answers at first (a folder works the same way as a server here).
        REQUIRE(lib->set_setting("sync.server", "http://127.0.0.1:1/news").ok());
        REQUIRE(lib->set_setting("sync.interval_h", "6").ok());
    }
    reader::HeadlessDisplay display;
    REQUIRE(display.open(900, 700).empty());
    reader::ReaderOptions o;
    o.library = world.lib_path;
    o.ui_lang = "en";
    {
        reader::App app(o, display.window(), display.renderer());
        REQUIRE(app.start().ok());
        CHECK(app.sync_wait_ms() == 0); // never tried: due now
        app.frame();                    // the frame after the idle wait starts it
        CHECK(app.sync_running());
        wait_sync(app);
        CHECK_FALSE(app.sync_state().error.empty());
        CHECK_FALSE(app.sync_state().open); // unreachable: quiet, tried again later
        const int wait = app.sync_wait_ms();
        CHECK(wait > 6 * 3600 * 1000 - 120 * 1000);
        CHECK(wait <= 6 * 3600 * 1000);
    }
    {
        // Next start, the interval has passed and the server has news: the sheet says so.
        auto lib = Library::open(world.lib_path);
        REQUIRE(lib->set_setting("sync.server", world.folder).ok());
        REQUIRE(lib->set_setting("sync.last_try", "0").ok());
    }
    reader::App app(o, display.window(), display.renderer());
    REQUIRE(app.start().ok());
    app.frame();
    CHECK(app.sync_running());
    wait_sync(app);
    INFO(app.sync_state().error);
    CHECK(app.sync_state().open);
    CHECK(app.sync_state().summary.find("300 new articles") == 0);
}
