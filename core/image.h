// Photo handling with limits: probe, decode (JPEG and PNG only), scale, and re-encode as JPEG.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tidings {

// Caps applied before and during decoding; anything over them is refused, never decoded.
struct ImageLimits {
    uint64_t max_file_bytes = 32ull * 1024 * 1024; // encoded input size
    uint64_t max_pixels = 40ull * 1000 * 1000;     // width * height
    int max_side = 16384;                          // width or height
    uint64_t max_alloc_bytes = 256ull * 1024 * 1024; // any single allocation by the decoder
};

enum class ImageFormat { Jpeg, Png };

// What the header says, read without decoding the pixels.
struct ImageInfo {
    ImageFormat format = ImageFormat::Jpeg; // what the magic bytes say
    int width = 0;    // as shown: a JPEG's EXIF orientation may swap the stored sides
    int height = 0;   // as shown, like width
    int channels = 0; // as stored in the file
};

// Decoded pixels, 8-bit RGB (3 channels) or RGBA (4), rows top to bottom, no padding.
struct Image {
    int width = 0;
    int height = 0;
    int channels = 3;
    std::vector<uint8_t> pixels; // width * height * channels bytes
};

// Reads the header only. Errors: not JPEG or PNG (Invalid), dimensions over LIMITS (Invalid),
// damaged header (Corrupt).
Result<ImageInfo> probe_image(std::span<const uint8_t> bytes, const ImageLimits& limits = {});

// Decodes to RGB (or RGBA when a PNG has transparency), turned upright by a JPEG's EXIF
// orientation. Checks probe_image first; the decoder's allocations are capped by
// LIMITS.max_alloc_bytes (Invalid when over it). Errors as probe_image, plus Corrupt.
Result<Image> decode_image(std::span<const uint8_t> bytes, const ImageLimits& limits = {});

// Scales IMAGE down to fit within MAX_W x MAX_H keeping the aspect ratio (never scales up).
// Deterministic: same input, same output.
Image fit_within(const Image& image, int max_w, int max_h);

// Encodes as baseline JPEG at QUALITY (1..100); alpha is composited on white. Deterministic.
std::vector<uint8_t> encode_jpeg(const Image& image, int quality);

// A photo made ready for a bundle: a display size and a thumbnail, both JPEG.
struct PreparedPhoto {
    std::vector<uint8_t> display; // JPEG, fits 1600x1600 by default
    int display_width = 0;
    int display_height = 0;
    std::vector<uint8_t> thumb;   // JPEG, fits 400x400 by default
    int thumb_width = 0;
    int thumb_height = 0;
};

// Decodes BYTES with LIMITS and produces the display size and the thumbnail. ORIGIN names the
// file in error messages.
Result<PreparedPhoto> prepare_photo(std::span<const uint8_t> bytes, const std::string& origin,
                                    const ImageLimits& limits = {}, int display_max = 1600,
                                    int thumb_max = 400);

} // namespace tidings
