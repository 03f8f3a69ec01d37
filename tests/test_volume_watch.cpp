// The USB stick watcher: the mount table parser, and a watcher thread over a folder root that
// reports a "plugged-in" volume with a channel, once, and stops promptly.
#include "test_support.h"

#include "platform/volume_watch.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

using namespace tidings;
using namespace tidings::test;
using tidings::platform::Volume;
using tidings::platform::VolumeWatcher;

namespace fs = std::filesystem;

TEST_CASE("mount points come from the fifth field of the mount table, unescaped", "[platform][usb]") {
    const std::string table =
        "22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw\n"
        "98 22 8:17 / /media/ani/NEWS-0311 rw,nosuid,nodev shared:50 - vfat /dev/sdb1 rw,uid=1000\n"
        "99 22 8:33 / /media/ani/My\\040Stick rw,nosuid shared:51 - exfat /dev/sdc1 rw\n"
        "garbage\n";
    auto points = platform::parse_mount_points(table);
    REQUIRE(points.size() == 3);
    CHECK(points[0] == "/");
    CHECK(points[1] == "/media/ani/NEWS-0311");
    CHECK(points[2] == "/media/ani/My Stick");
}

TEST_CASE("a watcher thread reports a stick with a channel once, and stops at once", "[platform][usb]") {
    TempDir dir;
    fs::create_directories(dir.path() / "EMPTY-STICK");
    std::mutex m;
    std::vector<Volume> seen;
    auto watcher = std::make_unique<VolumeWatcher>(std::vector<std::string>{dir.path().string()});
    watcher->start(
        [&](const Volume& v) {
            std::lock_guard lock(m);
            seen.push_back(v);
        },
        50);
    for (int i = 0; i < 200 && !watcher->first_scan_done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(watcher->first_scan_done());
    {
        std::lock_guard lock(m);
        CHECK(seen.empty()); // a stick without a channel is not news
    }
    fs::create_directories(dir.path() / "NEWS-0311" / "tidings" / "news");
    write_file((dir.path() / "NEWS-0311" / "tidings" / "news" / "channel.index").string(), "x");
    for (int i = 0; i < 200; ++i) {
        {
            std::lock_guard lock(m);
            if (!seen.empty()) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // more rescans: still once
    {
        std::lock_guard lock(m);
        REQUIRE(seen.size() == 1);
        CHECK(seen[0].label == "NEWS-0311");
        CHECK(seen[0].channel_dirs == std::vector<std::string>{(dir.path() / "NEWS-0311" / "tidings" / "news").string()});
    }
    const auto t0 = std::chrono::steady_clock::now();
    watcher.reset();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(500));
}

TEST_CASE("the mount-table watcher looks only at mount points under its roots", "[platform][usb]") {
    // No stick is mounted here: "/" is a mount point but not under a root, so nothing is found,
    // and the thread sleeps on the mount table until it is stopped.
    VolumeWatcher watcher({"/media/nobody-here"}, VolumeWatcher::Mode::MountTable);
    int calls = 0;
    watcher.start([&](const Volume&) { ++calls; });
    for (int i = 0; i < 200 && !watcher.first_scan_done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(watcher.first_scan_done());
    CHECK(calls == 0);
}
