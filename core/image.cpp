// Photo handling with limits: header checks of our own, stb for pixels, a capped allocator.
//
// [SECTION] Messages      sizes and pixel counts in words
// [SECTION] Headers       format sniffing, the PNG IHDR, a walk over JPEG segments, EXIF
// [SECTION] Probe         limits checked before any pixel is decoded
// [SECTION] Decode        stb under the allocation cap, alpha, orientation
// [SECTION] Scale, encode fit_within, encode_jpeg, prepare_photo
#include "core/image.h"

#include "core/stb_impl.h"

#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <climits>
#include <memory>
#include <new>

namespace tidings {

namespace {

constexpr int kDisplayQuality = 82; // JPEG quality of the display size
constexpr int kThumbQuality = 75;   // JPEG quality of the thumbnail

// [SECTION] Messages

// VALUE with at most one decimal, without a trailing ".0".
std::string one_decimal(double value) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, 1).ptr;
    std::string s(buf, end);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

// "812 bytes", "3.5 KB", "256 MB", "37.3 GB".
std::string human_bytes(uint64_t n) {
    if (n < 1024) return std::to_string(n) + " bytes";
    if (n < 1024ull * 1024) return one_decimal(static_cast<double>(n) / 1024) + " KB";
    if (n < 1024ull * 1024 * 1024)
        return one_decimal(static_cast<double>(n) / (1024.0 * 1024)) + " MB";
    return one_decimal(static_cast<double>(n) / (1024.0 * 1024 * 1024)) + " GB";
}

// "40 megapixels", or "5000 pixels" below one megapixel.
std::string human_pixels(uint64_t n) {
    if (n < 1000000) return std::to_string(n) + " pixels";
    return one_decimal(static_cast<double>(n) / 1e6) + " megapixels";
}

const char* format_name(ImageFormat f) {
    return f == ImageFormat::Jpeg ? "JPEG" : "PNG";
}

// [SECTION] Headers

uint32_t be16(const uint8_t* p) {
    return (uint32_t(p[0]) << 8) | p[1];
}
uint32_t be32(const uint8_t* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

bool starts_with(std::span<const uint8_t> bytes, std::initializer_list<uint8_t> magic) {
    return bytes.size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin());
}

// Names a format we recognise but refuse, or returns null.
const char* refused_format_name(std::span<const uint8_t> b) {
    if (starts_with(b, {'G', 'I', 'F', '8'})) return "GIF";
    if (starts_with(b, {'B', 'M'})) return "BMP";
    if (b.size() >= 12 && starts_with(b, {'R', 'I', 'F', 'F'}) && b[8] == 'W' && b[9] == 'E' &&
        b[10] == 'B' && b[11] == 'P')
        return "WebP";
    if (starts_with(b, {'I', 'I', 42, 0}) || starts_with(b, {'M', 'M', 0, 42})) return "TIFF";
    if (b.size() >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p')
        return "HEIF/AVIF";
    if (starts_with(b, {0, 0, 1, 0})) return "ICO";
    return nullptr;
}

// CRC-32 as PNG chunks use it (ISO 3309), bit by bit: only ever run over a 17-byte header.
uint32_t crc32(std::span<const uint8_t> bytes) {
    uint32_t c = 0xFFFFFFFFu;
    for (uint8_t byte : bytes) {
        c ^= byte;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

constexpr uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

// What our own reading of a header found: enough to check the limits without stb.
struct HeaderFacts {
    ImageFormat format = ImageFormat::Jpeg; // which decoder applies
    uint32_t width = 0;                     // as stored, before any orientation
    uint32_t height = 0;                    // as stored, before any orientation
    int orientation = 1;                    // JPEG: EXIF orientation 1..8 (1 = upright)
    bool progressive = false;               // JPEG: SOF2
    unsigned huffman_tables = 0;            // JPEG: tables defined so far, DC in bits 0-3, AC 4-7
    size_t first_scan = 0;                  // JPEG: offset of the first scan's entropy-coded data
};

// Reads the PNG signature and IHDR chunk, checking the chunk's CRC.
Result<HeaderFacts> read_png_header(std::span<const uint8_t> b) {
    if (b.size() < 33)
        return make_error(ErrorCode::Corrupt, "the PNG file ends inside its header (truncated)");
    if (be32(&b[8]) != 13 || !std::equal(b.begin() + 12, b.begin() + 16, "IHDR"))
        return make_error(ErrorCode::Corrupt, "the PNG header is damaged (no IHDR chunk first)");
    if (crc32(b.subspan(12, 17)) != be32(&b[29]))
        return make_error(ErrorCode::Corrupt,
                          "the PNG header is damaged (its checksum does not match)");
    HeaderFacts f;
    f.format = ImageFormat::Png;
    f.width = be32(&b[16]);
    f.height = be32(&b[20]);
    return f;
}

// The EXIF orientation (1..8) in a TIFF-structured EXIF block; 1 when absent or unreadable.
int exif_orientation(std::span<const uint8_t> tiff) {
    if (tiff.size() < 8) return 1;
    const bool little = tiff[0] == 'I' && tiff[1] == 'I';
    if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return 1;
    auto u16 = [&](size_t at) -> uint32_t {
        return little ? (uint32_t(tiff[at + 1]) << 8) | tiff[at] : be16(&tiff[at]);
    };
    auto u32 = [&](size_t at) -> uint32_t {
        return little ? (u16(at + 2) << 16) | u16(at) : be32(&tiff[at]);
    };
    if (u16(2) != 42) return 1;
    const size_t ifd = u32(4);
    if (ifd > tiff.size() - 2) return 1;
    const size_t entries = u16(ifd);
    for (size_t i = 0; i < entries; ++i) {
        const size_t e = ifd + 2 + 12 * i;
        if (e + 12 > tiff.size()) break;
        if (u16(e) != 0x0112) continue;
        const uint32_t value = u16(e + 8);
        return (u16(e + 2) == 3 && u32(e + 4) == 1 && value >= 1 && value <= 8) ? int(value) : 1;
    }
    return 1;
}

// [Why our own JPEG walk] stb_image 2.27, the version Debian ships, trusts two things that a
// damaged file can break (both fixed upstream after 2.27), so they are checked here first:
// - a DHT table listing more than 256 codes makes it write past its Huffman arrays;
// - a scan naming a Huffman table that no DHT defined makes it decode with uninitialised
//   tables and read far out of bounds.
// The walk sees the markers stb sees: segments by their length, entropy-coded data up to the
// first marker that is not a stuffed zero or a restart, and stray bytes skipped between segments.

// Records the tables of the DHT segment whose length field starts at AT. Reads as stb does, from
// the stream rather than the segment, with zeros past the end of the file.
Status note_huffman_tables(std::span<const uint8_t> b, size_t at, HeaderFacts& f) {
    auto byte = [&](size_t i) -> uint32_t { return i < b.size() ? b[i] : 0; };
    int64_t left = int64_t((byte(at) << 8) | byte(at + 1)) - 2;
    size_t pos = at + 2;
    while (left > 0) {
        const uint32_t table_class = byte(pos) >> 4, id = byte(pos) & 15;
        if (table_class > 1 || id > 3) return {}; // stb refuses this table itself
        uint32_t codes = 0;
        for (size_t i = 1; i <= 16; ++i)
            codes += byte(pos + i);
        if (codes > 256)
            return make_error(ErrorCode::Corrupt, "the JPEG data is damaged (a Huffman table "
                                                  "lists more than 256 codes)");
        f.huffman_tables |= 1u << (table_class * 4 + id);
        pos += 17 + codes;
        left -= 17 + int64_t(codes);
    }
    return {};
}

// Checks that the scan whose header is BODY uses only Huffman tables defined before it: DC tables
// for the first DC pass, AC tables for AC passes (a baseline scan is both).
Status check_scan_tables(std::span<const uint8_t> body, const HeaderFacts& f) {
    if (body.empty() || body.size() < 1 + 2 * size_t(body[0]) + 3) return {}; // stb refuses it
    const size_t n = body[0];
    const uint8_t spectral_start = body[1 + 2 * n], approx_high = body[3 + 2 * n] >> 4;
    const bool uses_dc = spectral_start == 0 && (!f.progressive || approx_high == 0);
    const bool uses_ac = !f.progressive || spectral_start > 0;
    for (size_t i = 0; i < n; ++i) {
        const unsigned dc = body[2 + 2 * i] >> 4, ac = body[2 + 2 * i] & 15;
        if (dc > 3 || ac > 3) return {}; // stb refuses it
        if ((uses_dc && !(f.huffman_tables & (1u << dc))) ||
            (uses_ac && !(f.huffman_tables & (1u << (4 + ac)))))
            return make_error(ErrorCode::Corrupt, "the JPEG data is damaged (a scan uses a "
                                                  "Huffman table that the file never defines)");
    }
    return {};
}

// Offset of the marker that ends the entropy-coded data starting at POS, or the file size.
size_t skip_entropy_coded_data(std::span<const uint8_t> b, size_t pos) {
    while (pos + 1 < b.size()) {
        if (b[pos] != 0xFF) {
            ++pos;
            continue;
        }
        size_t next = pos + 1;
        while (next < b.size() && b[next] == 0xFF)
            ++next;
        if (next < b.size() && b[next] != 0x00 && (b[next] < 0xD0 || b[next] > 0xD7)) return pos;
        pos = next + 1;
    }
    return b.size();
}

// Walks a JPEG's markers. From SOI (FACTS fresh) it stops at the first scan, filling in the frame
// size, orientation, tables and where the scan's data starts. From there (FACTS as the first walk
// left them) it goes through every scan to EOI, so that a cut file is found.
Status walk_jpeg(std::span<const uint8_t> b, HeaderFacts& f, bool whole_file) {
    const bool in_header = !whole_file;
    size_t pos = whole_file ? skip_entropy_coded_data(b, f.first_scan) : 2;
    bool have_frame = whole_file;
    for (;;) {
        while (pos < b.size() && b[pos] != 0xFF)
            ++pos;
        // A marker may be padded with any number of 0xFF.
        while (pos < b.size() && b[pos] == 0xFF)
            ++pos;
        if (pos >= b.size())
            return make_error(ErrorCode::Corrupt,
                              in_header ? "the JPEG file ends before its image data (truncated)"
                                        : "the JPEG data ends early (the file is truncated)");
        const uint8_t marker = b[pos++];
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue; // no length
        if (marker == 0xD9) {
            if (whole_file) return {};
            return make_error(ErrorCode::Corrupt, "the JPEG file holds no image data");
        }
        if (pos + 2 > b.size())
            return make_error(ErrorCode::Corrupt, "the JPEG file ends inside a header (truncated)");
        const size_t length = be16(&b[pos]);
        if (length < 2 || pos + length > b.size())
            return make_error(ErrorCode::Corrupt, "the JPEG file is damaged or truncated (a header "
                                                  "runs past the end of the file)");
        const std::span<const uint8_t> body = b.subspan(pos + 2, length - 2);
        if (marker == 0xC4) TIDINGS_TRY(note_huffman_tables(b, pos, f));
        if (marker == 0xDA) {
            if (!have_frame)
                return make_error(ErrorCode::Corrupt, "the JPEG header is damaged (image data "
                                                      "before the frame header)");
            TIDINGS_TRY(check_scan_tables(body, f));
            if (in_header) {
                f.first_scan = pos + length;
                return {};
            }
            pos = skip_entropy_coded_data(b, pos + length);
            continue;
        }
        const bool frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame && !have_frame) {
            if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2)
                return make_error(ErrorCode::Invalid,
                                  "this is a lossless, hierarchical or arithmetic-coded JPEG, "
                                  "which cannot be read; save it again as a standard JPEG");
            if (body.size() < 6)
                return make_error(ErrorCode::Corrupt, "the JPEG frame header is damaged");
            f.height = be16(&body[1]);
            f.width = be16(&body[3]);
            f.progressive = marker == 0xC2;
            have_frame = true;
        }
        static constexpr uint8_t kExif[6] = {'E', 'x', 'i', 'f', 0, 0};
        if (in_header && marker == 0xE1 && f.orientation == 1 && body.size() > 6 &&
            std::equal(std::begin(kExif), std::end(kExif), body.begin()))
            f.orientation = exif_orientation(body.subspan(6));
        pos += length;
    }
}

Result<HeaderFacts> read_jpeg_header(std::span<const uint8_t> b) {
    HeaderFacts f;
    f.format = ImageFormat::Jpeg;
    TIDINGS_TRY(walk_jpeg(b, f, false));
    return f;
}

// Sniffs the format and reads its header; refuses other formats with their name.
Result<HeaderFacts> read_header(std::span<const uint8_t> b) {
    if (starts_with(b, {0xFF, 0xD8, 0xFF})) return read_jpeg_header(b);
    if (b.size() >= 8 && std::equal(std::begin(kPngSignature), std::end(kPngSignature), b.begin()))
        return read_png_header(b);
    if (const char* other = refused_format_name(b))
        return make_error(ErrorCode::Invalid, std::string("this is a ") + other +
                                                  " image; only JPEG and PNG photos can be used "
                                                  "(save it again as JPEG)");
    return make_error(ErrorCode::Invalid, "this is not a JPEG or PNG image");
}

// [SECTION] Probe

// Orientations 5..8 turn the picture a quarter, swapping width and height.
bool swaps_sides(int orientation) {
    return orientation >= 5;
}

Status check_dimensions(uint32_t width, uint32_t height, const ImageLimits& limits) {
    const std::string size = std::to_string(width) + "×" + std::to_string(height) + " pixels";
    if (width == 0 || height == 0)
        return make_error(ErrorCode::Corrupt, "the header gives a size of " + size);
    const uint64_t pixels = uint64_t(width) * height;
    if (pixels > limits.max_pixels)
        return make_error(ErrorCode::Invalid,
                          size + " is over the limit of " + human_pixels(limits.max_pixels));
    const uint32_t side = std::max(width, height);
    if (limits.max_side < 0 || side > uint32_t(limits.max_side))
        return make_error(ErrorCode::Invalid, size + ": a side of " + std::to_string(side) +
                                                  " pixels is over the limit of " +
                                                  std::to_string(limits.max_side));
    return {};
}

// The refusal a failed stb call turns into: over the memory cap, or damaged data.
Error stb_failure(ImageFormat format, const char* what, const ImageLimits& limits) {
    if (uint64_t refused = stb_alloc::largest_refused())
        return make_error(ErrorCode::Invalid, std::string("decoding this ") + format_name(format) +
                                                  " needs " + human_bytes(refused) +
                                                  " in one block, over the memory limit of " +
                                                  human_bytes(limits.max_alloc_bytes));
    const char* reason = stbi_failure_reason();
    return make_error(ErrorCode::Corrupt, std::string("the ") + format_name(format) + " " + what +
                                              " is damaged (" + (reason ? reason : "unknown") +
                                              ")");
}

// probe_image's work, keeping the header facts that decoding needs as well.
Result<HeaderFacts> probe(std::span<const uint8_t> bytes, const ImageLimits& limits,
                          ImageInfo* info) {
    if (bytes.empty()) return make_error(ErrorCode::Invalid, "the file is empty (0 bytes)");
    if (bytes.size() > limits.max_file_bytes || bytes.size() > size_t(INT_MAX))
        return make_error(ErrorCode::Invalid,
                          "the file is " + human_bytes(bytes.size()) + ", over the limit of " +
                              human_bytes(std::min<uint64_t>(limits.max_file_bytes, INT_MAX)) +
                              " for a photo");
    auto facts = read_header(bytes);
    if (!facts) return facts.error();
    TIDINGS_TRY(check_dimensions(facts->width, facts->height, limits));

    // Our header reading found nothing wrong; stb must agree before anything is decoded.
    stb_alloc::CapScope cap(limits.max_alloc_bytes);
    int w = 0, h = 0, channels = 0;
    if (!stbi_info_from_memory(bytes.data(), int(bytes.size()), &w, &h, &channels))
        return stb_failure(facts->format, "header", limits);
    if (uint32_t(w) != facts->width || uint32_t(h) != facts->height)
        return make_error(ErrorCode::Corrupt, std::string("the ") + format_name(facts->format) +
                                                  " header is damaged (it gives two sizes)");
    const bool swap = swaps_sides(facts->orientation);
    info->format = facts->format;
    info->width = swap ? h : w;
    info->height = swap ? w : h;
    info->channels = channels;
    return facts;
}

// [SECTION] Decode

// Frees stb's pixel buffer.
struct StbFree {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

// Turns IMAGE upright for an EXIF ORIENTATION (2..8): each output pixel reads one source pixel.
Image apply_orientation(const Image& in, int orientation) {
    const int w = in.width, h = in.height, n = in.channels;
    // The source pixel that output pixel (X, Y) shows.
    auto source = [&](int x, int y) -> std::pair<int, int> {
        switch (orientation) {
        case 2: // mirrored
            return {w - 1 - x, y};
        case 3: // turned half round
            return {w - 1 - x, h - 1 - y};
        case 4: // mirrored top to bottom
            return {x, h - 1 - y};
        case 5: // transposed
            return {y, x};
        case 6: // needs a quarter turn clockwise
            return {y, h - 1 - x};
        case 7: // transversed
            return {w - 1 - y, h - 1 - x};
        case 8: // needs a quarter turn anticlockwise
            return {w - 1 - y, x};
        default:
            return {x, y};
        }
    };
    Image out;
    out.channels = n;
    out.width = swaps_sides(orientation) ? h : w;
    out.height = swaps_sides(orientation) ? w : h;
    out.pixels.resize(in.pixels.size());
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            const auto [sx, sy] = source(x, y);
            const uint8_t* src = &in.pixels[(size_t(sy) * w + sx) * n];
            std::copy(src, src + n, &out.pixels[(size_t(y) * out.width + x) * n]);
        }
    return out;
}

} // namespace

Result<ImageInfo> probe_image(std::span<const uint8_t> bytes, const ImageLimits& limits) {
    ImageInfo info;
    auto facts = probe(bytes, limits, &info);
    if (!facts) return facts.error();
    return info;
}

Result<Image> decode_image(std::span<const uint8_t> bytes, const ImageLimits& limits) {
    ImageInfo info;
    auto facts = probe(bytes, limits, &info);
    if (!facts) return facts.error();
    if (info.format == ImageFormat::Jpeg) TIDINGS_TRY(walk_jpeg(bytes, facts.value(), true));

    // PNG decodes as RGBA so that every kind of transparency (alpha channel, tRNS) shows.
    const int wanted = info.format == ImageFormat::Png ? 4 : 3;
    int w = 0, h = 0, stored = 0;
    std::unique_ptr<stbi_uc, StbFree> px;
    {
        stb_alloc::CapScope cap(limits.max_alloc_bytes);
        px.reset(stbi_load_from_memory(bytes.data(), int(bytes.size()), &w, &h, &stored, wanted));
        if (!px) return stb_failure(info.format, "data", limits);
    }
    if (uint32_t(w) != facts->width || uint32_t(h) != facts->height)
        return make_error(ErrorCode::Corrupt, std::string("the ") + format_name(info.format) +
                                                  " data does not match its header");

    const size_t pixel_count = size_t(w) * size_t(h);
    const stbi_uc* src = px.get();
    bool opaque = true;
    if (wanted == 4)
        for (size_t i = 0; i < pixel_count && opaque; ++i)
            opaque = src[i * 4 + 3] == 255;

    Image image;
    image.width = w;
    image.height = h;
    image.channels = (wanted == 4 && !opaque) ? 4 : 3;
    if (image.channels == wanted) {
        image.pixels.assign(src, src + pixel_count * size_t(wanted));
    } else {
        image.pixels.resize(pixel_count * 3);
        for (size_t i = 0; i < pixel_count; ++i)
            std::copy(src + i * 4, src + i * 4 + 3, &image.pixels[i * 3]);
    }
    px.reset();
    if (facts->orientation != 1) image = apply_orientation(image, facts->orientation);
    return image;
}

// [SECTION] Scale, encode

Image fit_within(const Image& image, int max_w, int max_h) {
    assert(max_w > 0 && max_h > 0);
    assert(image.channels == 3 || image.channels == 4);
    assert(image.pixels.size() == size_t(image.width) * image.height * image.channels);
    max_w = std::max(max_w, 1);
    max_h = std::max(max_h, 1);
    if (image.width <= max_w && image.height <= max_h) return image;

    // The limiting side gets the maximum; the other keeps the ratio, rounded to nearest.
    const int64_t w = image.width, h = image.height;
    int64_t out_w = 0, out_h = 0;
    if (w * max_h >= h * max_w) {
        out_w = max_w;
        out_h = std::clamp<int64_t>((2 * h * max_w + w) / (2 * w), 1, max_h);
    } else {
        out_h = max_h;
        out_w = std::clamp<int64_t>((2 * w * max_h + h) / (2 * h), 1, max_w);
    }

    Image out;
    out.width = int(out_w);
    out.height = int(out_h);
    out.channels = image.channels;
    out.pixels.resize(size_t(out_w) * size_t(out_h) * size_t(out.channels));
    // Filtered in linear light (sRGB decoded and re-encoded); alpha weights colour when present.
    const int ok = stbir_resize_uint8_generic(
        image.pixels.data(), image.width, image.height, 0, out.pixels.data(), out.width, out.height,
        0, image.channels, image.channels == 4 ? 3 : STBIR_ALPHA_CHANNEL_NONE, 0, STBIR_EDGE_CLAMP,
        STBIR_FILTER_MITCHELL, STBIR_COLORSPACE_SRGB, nullptr);
    if (!ok) throw std::bad_alloc(); // stbir fails only when its working memory cannot be had
    return out;
}

std::vector<uint8_t> encode_jpeg(const Image& image, int quality) {
    assert(quality >= 1 && quality <= 100);
    assert(image.channels == 3 || image.channels == 4);
    assert(image.pixels.size() == size_t(image.width) * image.height * image.channels);
    if (image.width <= 0 || image.height <= 0) return {};

    const uint8_t* rgb = image.pixels.data();
    std::vector<uint8_t> flattened;
    if (image.channels == 4) {
        // Composited on white: c' = c·a + 255·(1 − a), rounded.
        const size_t count = size_t(image.width) * size_t(image.height);
        flattened.resize(count * 3);
        for (size_t i = 0; i < count; ++i) {
            const uint32_t a = image.pixels[i * 4 + 3];
            for (int c = 0; c < 3; ++c)
                flattened[i * 3 + c] =
                    uint8_t((image.pixels[i * 4 + c] * a + 255 * (255 - a) + 127) / 255);
        }
        rgb = flattened.data();
    }

    std::vector<uint8_t> out;
    auto append = [](void* context, void* data, int size) {
        auto* sink = static_cast<std::vector<uint8_t>*>(context);
        const auto* p = static_cast<const uint8_t*>(data);
        sink->insert(sink->end(), p, p + size);
    };
    if (!stbi_write_jpg_to_func(append, &out, image.width, image.height, 3, rgb,
                                std::clamp(quality, 1, 100)))
        out.clear();
    return out;
}

Result<PreparedPhoto> prepare_photo(std::span<const uint8_t> bytes, const std::string& origin,
                                    const ImageLimits& limits, int display_max, int thumb_max) {
    PreparedPhoto photo;
    Image display;
    {
        auto decoded = decode_image(bytes, limits);
        if (!decoded)
            return make_error(decoded.error().code, origin + ": " + decoded.error().message);
        display = fit_within(decoded.value(), display_max, display_max);
    }
    photo.display = encode_jpeg(display, kDisplayQuality);
    photo.display_width = display.width;
    photo.display_height = display.height;
    const Image thumb = fit_within(display, thumb_max, thumb_max);
    photo.thumb = encode_jpeg(thumb, kThumbQuality);
    photo.thumb_width = thumb.width;
    photo.thumb_height = thumb.height;
    if (photo.display.empty() || photo.thumb.empty())
        return make_error(ErrorCode::Internal, origin + ": the photo could not be encoded as JPEG");
    return photo;
}

} // namespace tidings
