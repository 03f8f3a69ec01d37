// Tests for the reader's non-visual machinery: kinetic scrolling, the photo cache's LRU budget
// and decoding with a real software renderer, worker queues.
#include "test_support.h"

#include "app/reader/jobs.h"
#include "app/reader/kinetic_scroll.h"
#include "app/reader/photo_cache.h"
#include "core/bundle_apply.h"

#include <catch2/catch.hpp>

#include <SDL.h>

#include <chrono>
#include <cmath>
#include <thread>

using namespace tidings;
using namespace tidings::reader;
using namespace tidings::test;

TEST_CASE("a tap is not a drag, and a drag follows the finger", "[reader]") {
    KineticScroll k;
    k.press(100, 0.0);
    CHECK(k.move(104, 0.01) == 0); // under the threshold: still a tap
    CHECK_FALSE(k.dragging());
    float d = k.move(80, 0.02);    // finger up by 20 px: content scrolls towards the end
    CHECK(k.dragging());
    CHECK(d == Approx(10.0f));     // measured from where the drag threshold was crossed
    CHECK(k.move(70, 0.03) == Approx(10.0f));
    k.release(0.031);
    CHECK(k.gliding());
    CHECK(k.velocity() > 0);
}

TEST_CASE("a fling glides the same distance at any frame rate and stops", "[reader]") {
    auto glide = [](double dt) {
        KineticScroll k;
        k.press(600, 0.0);
        double t = 0;
        for (int i = 1; i <= 10; ++i) {
            t = i * 0.01;
            k.move(600.0f - 30.0f * static_cast<float>(i), t); // 3000 px/s upwards
        }
        k.release(t + 0.005);
        float v0 = k.velocity();
        float total = 0;
        int steps = 0;
        while (k.gliding() && steps < 100000) {
            total += k.step(dt);
            ++steps;
        }
        return std::make_pair(v0, total);
    };
    auto [v60, d60] = glide(1.0 / 60);
    auto [v120, d120] = glide(1.0 / 120);
    CHECK(v60 == Approx(3000).epsilon(0.05));
    CHECK(d60 == Approx(d120).epsilon(0.01));
    KineticScroll k;
    CHECK(d60 == Approx(k.glide_distance(v60)).epsilon(0.02));
}

TEST_CASE("a finger that rests before lifting does not fling", "[reader]") {
    KineticScroll k;
    k.press(500, 0.0);
    k.move(400, 0.05);
    k.move(399, 0.06);
    k.release(0.5); // held still for almost half a second
    CHECK_FALSE(k.gliding());
}

TEST_CASE("the LRU keeps to its budget but never drops what is on screen", "[reader]") {
    BudgetLru lru(1000);
    lru.insert("a", 400, 1);
    lru.insert("b", 400, 2);
    lru.insert("c", 400, 3);
    CHECK(lru.bytes() == 1200);
    auto gone = lru.evict(3); // "c" is in use this frame
    REQUIRE(gone.size() == 1);
    CHECK(gone[0] == "a");
    CHECK(lru.bytes() == 800);
    lru.touch("b", 4);
    lru.insert("d", 700, 4);
    gone = lru.evict(4); // b and d are both on screen: over budget, but kept
    CHECK(gone.size() == 1);
    CHECK(gone[0] == "c");
    CHECK(lru.bytes() == 1100);
    gone = lru.evict(5);
    CHECK(gone.size() == 1); // the least recently used of b and d
    CHECK(lru.bytes() <= 1000);
    lru.insert("d", 100, 6); // replacing an entry updates its size
    CHECK(lru.size() == 1);
    CHECK(lru.bytes() == 100);
}

namespace {
// A library with photos, applied from a bundle written by the test helpers.
struct PhotoLibrary {
    TempDir dir;
    std::vector<std::string> hashes;
    PhotoLibrary() {
        BundleSpec s;
        s.header = make_header("photos", 1);
        for (int i = 0; i < 6; ++i) {
            BundlePhoto p = make_photo(i + 1);
            hashes.push_back(p.hash);
            std::string n = std::to_string(i); // (operator+ on a literal trips a GCC 12 -Wrestrict false positive)
            BundleArticle a = make_article(std::string("a").append(n), std::string("Article ").append(n));
            a.photo = p.hash;
            s.articles.push_back(a);
            s.photos.push_back(p);
        }
        write_bundle(dir.file("p.tidings"), s);
        auto lib = Library::open(dir.file("lib.db"));
        REQUIRE(lib.ok());
        REQUIRE(apply_bundle(lib.value(), dir.file("p.tidings")).ok());
    }
};

// Frames of the cache until the decoder is idle (or 10 s pass).
void pump(PhotoCache& cache, uint64_t& frame, const std::function<void()>& draw) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    do {
        cache.begin_frame(++frame);
        draw();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    } while (cache.busy() && std::chrono::steady_clock::now() < until);
    cache.begin_frame(++frame);
    draw();
}
} // namespace

TEST_CASE("photos decode on the worker, thumbnail first, within the budget", "[reader]") {
    PhotoLibrary pl;
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    REQUIRE(surface);
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    REQUIRE(renderer);
    {
        std::atomic<int> wakes{0};
        PhotoCache cache(renderer, pl.dir.file("lib.db"), 20 * 1024, [&] { ++wakes; });
        uint64_t frame = 0;
        // The thumbnail size (16x12 in the fixtures) answers a small request.
        PhotoView first;
        pump(cache, frame, [&] { first = cache.get(pl.hashes[0], 100); });
        REQUIRE(first.texture != nullptr);
        CHECK(first.final);
        CHECK(first.width == 16);
        CHECK(cache.aspect(pl.hashes[0]) == Approx(16.0f / 12.0f));
        CHECK(wakes > 0);
        // A large request shows the thumbnail, then the display size (64x48) replaces it.
        PhotoView big = cache.get(pl.hashes[0], 800);
        CHECK(big.texture != nullptr);
        CHECK_FALSE(big.final);
        pump(cache, frame, [&] { big = cache.get(pl.hashes[0], 800); });
        CHECK(big.final);
        CHECK(big.width == 64);
        // Six display photos on screen at once exceed the 20 KB budget: all stay while shown...
        pump(cache, frame, [&] {
            for (const auto& h : pl.hashes) cache.get(h, 800);
        });
        CHECK(cache.bytes() > cache.budget());
        // ...and once only one is shown, the cache shrinks back under budget.
        pump(cache, frame, [&] { cache.get(pl.hashes[5], 800); });
        cache.begin_frame(++frame);
        CHECK(cache.bytes() <= cache.budget());
        CHECK(cache.get(pl.hashes[5], 800).texture != nullptr);
        // A missing photo fails without retrying forever.
        PhotoView missing;
        pump(cache, frame, [&] { missing = cache.get(std::string(64, 'f'), 100); });
        CHECK(missing.failed);
        CHECK_FALSE(cache.busy());
    }
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
}

TEST_CASE("workers run jobs in order with their own connection and report to the UI queue", "[reader]") {
    TempDir dir;
    MainQueue q;
    std::atomic<int> wakes{0};
    q.set_waker([&] { ++wakes; });
    std::vector<int> order;
    {
        Worker w("test", dir.file("lib.db"));
        for (int i = 0; i < 5; ++i)
            w.post([&q, &order, i](Result<Library>& lib, const std::atomic<bool>&) {
                bool ok = lib.ok();
                q.post([&order, i, ok] { order.push_back(ok ? i : -1); });
            });
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (w.outstanding() > 0 && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    CHECK(order.empty()); // nothing runs on the UI side until it drains
    CHECK(q.drain() == 5);
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(wakes == 5);
    CHECK(q.empty());
}
