// Tests for photo handling: round trips, scaling, determinism, limits, and hostile input.
#include "core/image.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

using namespace tidings;
using tidings::test::make_png;
using tidings::test::png_claiming;

namespace {

// [Fixtures] pictures made in the test, and PNG files written by hand.

// A smooth picture: red across, green down, blue along the diagonal; alpha (if any) across.
Image gradient(int w, int h, int channels = 3) {
    Image img;
    img.width = w;
    img.height = h;
    img.channels = channels;
    img.pixels.resize(size_t(w) * h * channels);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t* p = &img.pixels[(size_t(y) * w + x) * channels];
            p[0] = uint8_t(x * 255 / std::max(1, w - 1));
            p[1] = uint8_t(y * 255 / std::max(1, h - 1));
            p[2] = uint8_t((x + y) * 255 / std::max(1, w + h - 2));
            if (channels == 4) p[3] = uint8_t(40 + x * 200 / std::max(1, w - 1));
        }
    return img;
}

// One colour everywhere.
Image solid(int w, int h, std::vector<uint8_t> colour) {
    Image img;
    img.width = w;
    img.height = h;
    img.channels = int(colour.size());
    for (int i = 0; i < w * h; ++i)
        img.pixels.insert(img.pixels.end(), colour.begin(), colour.end());
    return img;
}

// Pixel (X, Y) of IMG.
std::vector<int> at(const Image& img, int x, int y) {
    const uint8_t* p = &img.pixels[(size_t(y) * img.width + x) * img.channels];
    return std::vector<int>(p, p + img.channels);
}

// Mean and largest absolute difference between two pictures of the same shape.
std::pair<double, int> difference(const Image& a, const Image& b) {
    REQUIRE(a.pixels.size() == b.pixels.size());
    double sum = 0;
    int most = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) {
        const int d = std::abs(int(a.pixels[i]) - int(b.pixels[i]));
        sum += d;
        most = std::max(most, d);
    }
    return {sum / double(a.pixels.size()), most};
}


// Rewrites the size in the first SOF0 frame header of a JPEG.
std::vector<uint8_t> jpeg_claiming(std::vector<uint8_t> jpeg, uint16_t w, uint16_t h) {
    for (size_t i = 2; i + 9 < jpeg.size(); ++i)
        if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {
            jpeg[i + 5] = uint8_t(h >> 8);
            jpeg[i + 6] = uint8_t(h);
            jpeg[i + 7] = uint8_t(w >> 8);
            jpeg[i + 8] = uint8_t(w);
            return jpeg;
        }
    FAIL("no SOF0 in the JPEG");
    return jpeg;
}

// Offset of the first FF <MARKER> pair in JPEG.
size_t find_marker(const std::vector<uint8_t>& jpeg, uint8_t marker) {
    for (size_t i = 2; i + 1 < jpeg.size(); ++i)
        if (jpeg[i] == 0xFF && jpeg[i + 1] == marker) return i;
    FAIL("marker not found");
    return 0;
}

// Inserts an EXIF block (big-endian TIFF, one IFD entry) with ORIENTATION right after SOI.
std::vector<uint8_t> with_exif_orientation(const std::vector<uint8_t>& jpeg, uint16_t orientation) {
    const std::vector<uint8_t> tiff = {'M',
                                       'M',
                                       0,
                                       42,
                                       0,
                                       0,
                                       0,
                                       8, // header, IFD at 8
                                       0,
                                       1, // one entry
                                       0x01,
                                       0x12,
                                       0,
                                       3,
                                       0,
                                       0,
                                       0,
                                       1, // Orientation, SHORT, 1
                                       uint8_t(orientation >> 8),
                                       uint8_t(orientation),
                                       0,
                                       0,
                                       0,
                                       0,
                                       0,
                                       0}; // no next IFD
    std::vector<uint8_t> app1 = {0xFF, 0xE1, 0, 0, 'E', 'x', 'i', 'f', 0, 0};
    app1.insert(app1.end(), tiff.begin(), tiff.end());
    app1[2] = uint8_t((app1.size() - 2) >> 8);
    app1[3] = uint8_t(app1.size() - 2);
    std::vector<uint8_t> out = jpeg;
    out.insert(out.begin() + 2, app1.begin(), app1.end());
    return out;
}

} // namespace

TEST_CASE("a JPEG round trip keeps the size and, closely, the picture", "[image]") {
    const Image original = gradient(200, 120);
    const auto jpeg = encode_jpeg(original, 90);
    REQUIRE(jpeg.size() > 100);

    auto info = probe_image(jpeg);
    REQUIRE(info.ok());
    CHECK(info->format == ImageFormat::Jpeg);
    CHECK(info->width == 200);
    CHECK(info->height == 120);
    CHECK(info->channels == 3);

    auto decoded = decode_image(jpeg);
    REQUIRE(decoded.ok());
    CHECK(decoded->width == 200);
    CHECK(decoded->height == 120);
    REQUIRE(decoded->channels == 3);
    auto [mean, most] = difference(original, decoded.value());
    CHECK(mean < 2.0);
    CHECK(most < 24);

    // Lower quality: smaller file, larger but bounded error.
    const auto rough = encode_jpeg(original, 30);
    CHECK(rough.size() < jpeg.size());
    auto rough_decoded = decode_image(rough);
    REQUIRE(rough_decoded.ok());
    CHECK(difference(original, rough_decoded.value()).first < 6.0);
}

TEST_CASE("PNG decodes losslessly, as RGBA only when something is transparent", "[image]") {
    SECTION("alpha kept") {
        const Image original = gradient(37, 23, 4);
        auto info = probe_image(make_png(original));
        REQUIRE(info.ok());
        CHECK(info->format == ImageFormat::Png);
        CHECK(info->channels == 4);
        auto decoded = decode_image(make_png(original));
        REQUIRE(decoded.ok());
        CHECK(decoded->channels == 4);
        CHECK(decoded->pixels == original.pixels);
    }
    SECTION("an opaque alpha channel is dropped") {
        const Image opaque = solid(9, 5, {10, 200, 30, 255});
        auto decoded = decode_image(make_png(opaque));
        REQUIRE(decoded.ok());
        CHECK(decoded->channels == 3);
        CHECK(at(decoded.value(), 4, 2) == std::vector<int>{10, 200, 30});
    }
    SECTION("RGB stays RGB") {
        const Image original = gradient(16, 16);
        auto decoded = decode_image(make_png(original));
        REQUIRE(decoded.ok());
        CHECK(decoded->channels == 3);
        CHECK(decoded->pixels == original.pixels);
    }
}

TEST_CASE("encode_jpeg composites alpha on white", "[image]") {
    Image img = solid(16, 16, {0, 0, 0, 0}); // transparent black
    for (int x = 8; x < 16; ++x)
        for (int y = 0; y < 16; ++y) {
            uint8_t* p = &img.pixels[(size_t(y) * 16 + x) * 4];
            p[0] = 255, p[1] = 0, p[2] = 0, p[3] = 128; // half-transparent red
        }
    auto decoded = decode_image(encode_jpeg(img, 95));
    REQUIRE(decoded.ok());
    REQUIRE(decoded->channels == 3);
    for (int c : at(decoded.value(), 2, 8))
        CHECK(c >= 245);
    const auto pink = at(decoded.value(), 13, 8);
    CHECK(pink[0] >= 245);
    CHECK(std::abs(pink[1] - 127) <= 12);
    CHECK(std::abs(pink[2] - 127) <= 12);
}

TEST_CASE("encoding, scaling and preparing are deterministic", "[image]") {
    const Image img = gradient(1900, 700, 4);
    CHECK(encode_jpeg(img, 82) == encode_jpeg(img, 82));
    CHECK(fit_within(img, 300, 300).pixels == fit_within(img, 300, 300).pixels);
    const auto png = make_png(img);
    auto a = prepare_photo(png, "a.png");
    auto b = prepare_photo(png, "a.png");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->display == b->display);
    CHECK(a->thumb == b->thumb);
}

TEST_CASE("fit_within keeps the aspect ratio and never scales up", "[image]") {
    auto size = [](const Image& img) { return std::pair{img.width, img.height}; };
    const Image wide = gradient(3000, 2000);
    CHECK(size(fit_within(wide, 1600, 1600)) == std::pair{1600, 1067});
    CHECK(size(fit_within(wide, 400, 400)) == std::pair{400, 267});
    CHECK(size(fit_within(wide, 3000, 100)) == std::pair{150, 100});
    CHECK(size(fit_within(gradient(2000, 3000), 1600, 1600)) == std::pair{1067, 1600});
    CHECK(size(fit_within(gradient(5000, 2), 1600, 1600)) == std::pair{1600, 1});

    const Image small = gradient(120, 80, 4);
    const Image same = fit_within(small, 1600, 1600);
    CHECK(size(same) == std::pair{120, 80});
    CHECK(same.pixels == small.pixels);
    CHECK(fit_within(small, 120, 80).pixels == small.pixels);

    // A flat colour stays that colour (the filter is normalised, in linear light and back).
    const Image grey = fit_within(solid(900, 500, {128, 60, 200}), 100, 100);
    CHECK(size(grey) == std::pair{100, 56});
    for (int c : {0, 1, 2})
        CHECK(std::abs(at(grey, 50, 28)[size_t(c)] - std::vector{128, 60, 200}[size_t(c)]) <= 1);
}

TEST_CASE("prepare_photo makes a display size and a thumbnail", "[image]") {
    auto photo = prepare_photo(encode_jpeg(gradient(2400, 1800), 90), "big.jpg");
    REQUIRE(photo.ok());
    CHECK(photo->display_width == 1600);
    CHECK(photo->display_height == 1200);
    CHECK(photo->thumb_width == 400);
    CHECK(photo->thumb_height == 300);
    auto display = probe_image(photo->display);
    auto thumb = probe_image(photo->thumb);
    REQUIRE(display.ok());
    REQUIRE(thumb.ok());
    CHECK(display->format == ImageFormat::Jpeg);
    CHECK(display->width == 1600);
    CHECK(display->height == 1200);
    CHECK(thumb->width == 400);
    CHECK(thumb->height == 300);
    CHECK(photo->thumb.size() < photo->display.size());

    auto small = prepare_photo(make_png(gradient(300, 200, 4)), "small.png");
    REQUIRE(small.ok());
    CHECK(small->display_width == 300);
    CHECK(small->display_height == 200);
    CHECK(small->thumb_width == 300);
    CHECK(small->thumb_height == 200);
}

TEST_CASE("the EXIF orientation turns a JPEG upright", "[image]") {
    Image img = solid(64, 32, {220, 20, 20}); // left half red
    for (int y = 0; y < 32; ++y)
        for (int x = 32; x < 64; ++x)
            std::fill_n(&img.pixels[(size_t(y) * 64 + x) * 3], 3, 20); // right half dark
    const auto plain = encode_jpeg(img, 90);
    const auto turned = with_exif_orientation(plain, 6); // needs a quarter turn clockwise

    auto info = probe_image(turned);
    REQUIRE(info.ok());
    CHECK(info->width == 32);
    CHECK(info->height == 64);
    auto decoded = decode_image(turned);
    REQUIRE(decoded.ok());
    REQUIRE(decoded->width == 32);
    REQUIRE(decoded->height == 64);
    CHECK(at(decoded.value(), 16, 8)[0] > 180); // the left side is now on top
    CHECK(at(decoded.value(), 16, 56)[0] < 60);

    auto mirrored = decode_image(with_exif_orientation(plain, 2));
    REQUIRE(mirrored.ok());
    CHECK(mirrored->width == 64);
    CHECK(at(mirrored.value(), 8, 16)[0] < 60);
    CHECK(at(mirrored.value(), 56, 16)[0] > 180);
}

TEST_CASE("other formats, empty, random and truncated files are refused with a reason", "[image]") {
    const std::vector<uint8_t> gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, 0x3B};
    std::vector<uint8_t> bmp = {'B', 'M'};
    bmp.resize(64, 0);
    std::vector<uint8_t> random(4096);
    std::mt19937 rng(7);
    for (auto& b : random)
        b = uint8_t(rng());
    random[0] = 0x12; // not a magic number by chance

    struct Case {
        const char* name;          // what the input is
        std::vector<uint8_t> data; // the bytes
        ErrorCode code;            // the expected kind of failure
        const char* says;          // part of the expected message
    };
    const auto jpeg = encode_jpeg(gradient(64, 48), 80);
    const auto png = make_png(gradient(64, 48));
    const std::vector<Case> cases = {
        {"GIF", gif, ErrorCode::Invalid, "this is a GIF image; only JPEG and PNG"},
        {"BMP", bmp, ErrorCode::Invalid, "this is a BMP image"},
        {"random bytes", random, ErrorCode::Invalid, "not a JPEG or PNG"},
        {"empty", {}, ErrorCode::Invalid, "the file is empty"},
        {"JPEG cut in its data",
         {jpeg.begin(), jpeg.begin() + long(jpeg.size() * 3 / 4)},
         ErrorCode::Corrupt,
         "truncated"},
        {"JPEG cut in its header",
         {jpeg.begin(), jpeg.begin() + 100},
         ErrorCode::Corrupt,
         "truncated"},
        {"PNG cut in its data",
         {png.begin(), png.begin() + long(png.size() / 2)},
         ErrorCode::Corrupt,
         "PNG data is damaged"},
        {"PNG cut in its header", {png.begin(), png.begin() + 20}, ErrorCode::Corrupt, "truncated"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        auto decoded = decode_image(c.data);
        REQUIRE_FALSE(decoded.ok());
        CHECK(decoded.error().code == c.code);
        CHECK_THAT(decoded.error().message, Catch::Contains(c.says));
        auto prepared = prepare_photo(c.data, "photo.x");
        REQUIRE_FALSE(prepared.ok());
        CHECK(prepared.error().message == "photo.x: " + decoded.error().message);
    }

    std::vector<uint8_t> bad_crc = make_png(gradient(4, 4));
    bad_crc[20] ^= 1; // a bit of the width, the CRC left as it was
    auto probed = probe_image(bad_crc);
    REQUIRE_FALSE(probed.ok());
    CHECK(probed.error().code == ErrorCode::Corrupt);
    CHECK_THAT(probed.error().message, Catch::Contains("checksum"));

    ImageLimits small_files;
    small_files.max_file_bytes = 1000;
    REQUIRE(png.size() > 1000);
    auto too_big = decode_image(png, small_files);
    REQUIRE_FALSE(too_big.ok());
    CHECK_THAT(too_big.error().message, Catch::Contains("over the limit of 1000 bytes"));
}

TEST_CASE("JPEG Huffman tables that would derail the decoder are refused", "[image]") {
    // stb_image 2.27 writes past its arrays for the first and reads uninitialised tables for the
    // others; both must come back as errors (and the sanitizer build would catch a slip).
    const auto jpeg = encode_jpeg(gradient(64, 48), 80);
    REQUIRE(decode_image(jpeg).ok());
    const auto more_junk = [&] {
        auto copy = jpeg;
        copy.insert(copy.end(), {0x00, 0xFF, 0xD9, 0x12, 0xFF}); // bytes after EOI are ignored
        return copy;
    }();
    CHECK(decode_image(more_junk).ok());

    SECTION("a table with more than 256 codes") {
        auto bad = jpeg;
        bad[find_marker(bad, 0xC4) + 5 + 15] = 255; // 16-bit codes of the first table: 255 more
        auto probed = probe_image(bad);
        REQUIRE_FALSE(probed.ok());
        CHECK(probed.error().code == ErrorCode::Corrupt);
        CHECK_THAT(probed.error().message, Catch::Contains("more than 256 codes"));
    }
    SECTION("a scan that names tables the file never defines") {
        auto bad = jpeg;
        const size_t sos = find_marker(bad, 0xDA);
        bad[sos + 6] = 0x33; // first component: DC table 3, AC table 3
        auto decoded = decode_image(bad);
        REQUIRE_FALSE(decoded.ok());
        CHECK(decoded.error().code == ErrorCode::Corrupt);
        CHECK_THAT(decoded.error().message, Catch::Contains("never defines"));
    }
    SECTION("no Huffman tables at all, as in a Motion-JPEG frame") {
        auto bad = jpeg;
        const size_t dht = find_marker(bad, 0xC4);
        const size_t length = size_t(bad[dht + 2]) << 8 | bad[dht + 3];
        bad.erase(bad.begin() + long(dht), bad.begin() + long(dht + 2 + length));
        auto decoded = decode_image(bad);
        REQUIRE_FALSE(decoded.ok());
        CHECK_THAT(decoded.error().message, Catch::Contains("never defines"));
    }
}

TEST_CASE("a PNG header claiming 100000×100000 is refused before decoding", "[image]") {
    const auto png = png_claiming(100000, 100000);
    auto probed = probe_image(png);
    REQUIRE_FALSE(probed.ok());
    CHECK(probed.error().code == ErrorCode::Invalid);
    CHECK(probed.error().message == "100000×100000 pixels is over the limit of 40 megapixels");
    auto prepared = prepare_photo(png, "photo.png");
    REQUIRE_FALSE(prepared.ok());
    CHECK(prepared.error().message ==
          "photo.png: 100000×100000 pixels is over the limit of 40 megapixels");

    auto wide = probe_image(png_claiming(20000, 100));
    REQUIRE_FALSE(wide.ok());
    CHECK_THAT(wide.error().message,
               Catch::Contains("a side of 20000 pixels is over the limit of 16384"));

    // With the pixel limits lifted, the decoder itself still refuses cleanly.
    ImageLimits lifted;
    lifted.max_side = 1 << 30;
    lifted.max_pixels = ~0ull;
    auto decoded = decode_image(png, lifted);
    REQUIRE_FALSE(decoded.ok());
    CHECK_FALSE(decoded.error().message.empty());
}

TEST_CASE("the allocation cap refuses a decode that would need too much memory", "[image]") {
    // 16000×16000 RGB passes stb's own checks but needs 732 MB for the inflated rows.
    const auto png = png_claiming(16000, 16000);
    ImageLimits lifted;
    lifted.max_pixels = 1'000'000'000;
    auto probed = probe_image(png, lifted);
    REQUIRE(probed.ok());
    CHECK(probed->width == 16000);
    auto decoded = decode_image(png, lifted);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == ErrorCode::Invalid);
    CHECK(decoded.error().message ==
          "decoding this PNG needs 732.4 MB in one block, over the memory limit of 256 MB");

    SECTION("a JPEG frame header claiming 60000×60000") {
        const auto jpeg = jpeg_claiming(encode_jpeg(gradient(64, 48), 80), 60000, 60000);
        auto refused = decode_image(jpeg);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message == "60000×60000 pixels is over the limit of 40 megapixels");
        lifted.max_side = 65535;
        lifted.max_pixels = ~0ull;
        auto still = decode_image(jpeg, lifted);
        REQUIRE_FALSE(still.ok());
        CHECK_FALSE(still.error().message.empty());
    }
    SECTION("a JPEG frame header claiming 8000×8000 under a 16 MB cap") {
        const auto jpeg = jpeg_claiming(encode_jpeg(gradient(64, 48), 80), 8000, 8000);
        lifted.max_alloc_bytes = 16ull << 20;
        auto refused = decode_image(jpeg, lifted);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == ErrorCode::Invalid);
        CHECK_THAT(refused.error().message, Catch::Contains("over the memory limit of 16 MB"));
    }
    SECTION("a tiny cap makes real decodes fail cleanly") {
        ImageLimits tiny;
        tiny.max_alloc_bytes = 64 * 1024;
        for (const auto& bytes :
             {encode_jpeg(gradient(512, 512), 80), make_png(gradient(512, 512, 4))}) {
            REQUIRE(decode_image(bytes).ok());
            auto capped = decode_image(bytes, tiny);
            REQUIRE_FALSE(capped.ok());
            CHECK(capped.error().code == ErrorCode::Invalid);
            CHECK_THAT(capped.error().message, Catch::Contains("over the memory limit of 64 KB"));
        }
    }
}

TEST_CASE("the allocation cap belongs to each thread", "[image]") {
    const auto jpeg = encode_jpeg(gradient(256, 256), 80);
    ImageLimits tiny;
    tiny.max_alloc_bytes = 64 * 1024;
    std::vector<int> ok(8, -1);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < ok.size(); ++t)
        threads.emplace_back([&, t] {
            int good = 0;
            for (int i = 0; i < 20; ++i)
                good += decode_image(jpeg, t % 2 ? tiny : ImageLimits{}).ok();
            ok[t] = good;
        });
    for (auto& th : threads)
        th.join();
    for (size_t t = 0; t < ok.size(); ++t)
        CHECK(ok[t] == (t % 2 ? 0 : 20));
}

TEST_CASE("1000 mutated JPEGs and PNGs each decode within limits or fail cleanly", "[image]") {
    ImageLimits limits;
    limits.max_pixels = 1'000'000;
    limits.max_alloc_bytes = 32ull << 20;
    std::mt19937 rng(20240611);
    for (const auto& seed : {encode_jpeg(gradient(64, 48), 80), make_png(gradient(24, 16, 4))}) {
        int decoded = 0, refused = 0;
        for (int i = 0; i < 1000; ++i) {
            std::vector<uint8_t> bytes = seed;
            const int edits = 1 + int(rng() % 8);
            for (int e = 0; e < edits; ++e) {
                const size_t pos = rng() % bytes.size();
                switch (rng() % 4) {
                case 0:
                    bytes[pos] = uint8_t(rng());
                    break;
                case 1:
                    bytes[pos] ^= uint8_t(1u << (rng() % 8));
                    break;
                case 2:
                    bytes[pos] = (rng() % 2) ? 0xFF : 0x00;
                    break;
                default:
                    if (rng() % 8 == 0) bytes.resize(std::max<size_t>(pos, 1));
                    break;
                }
            }
            auto result = decode_image(bytes, limits);
            if (result.ok()) {
                ++decoded;
                const Image& img = result.value();
                REQUIRE(img.width > 0);
                REQUIRE(img.height > 0);
                REQUIRE(uint64_t(img.width) * uint64_t(img.height) <= limits.max_pixels);
                REQUIRE((img.channels == 3 || img.channels == 4));
                REQUIRE(img.pixels.size() == size_t(img.width) * img.height * img.channels);
            } else {
                ++refused;
                REQUIRE_FALSE(result.error().message.empty());
            }
        }
        CHECK(decoded + refused == 1000);
        CHECK(refused > 0);
    }
}
