// Pixel conversion and texture creation for decoded photos.
#include "app/reader/texture.h"

namespace tidings::reader {

Pixels32 to_argb(const uint8_t* pixels, int width, int height, int channels) {
    Pixels32 out;
    if (width <= 0 || height <= 0 || (channels != 3 && channels != 4)) return out;
    out.width = width;
    out.height = height;
    out.opaque = channels == 3;
    size_t n = static_cast<size_t>(width) * static_cast<size_t>(height);
    out.data.resize(n);
    const uint8_t* p = pixels;
    for (size_t i = 0; i < n; ++i, p += channels) {
        uint32_t a = channels == 4 ? p[3] : 0xFF;
        out.data[i] = (a << 24) | (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | uint32_t{p[2]};
    }
    return out;
}

TexturePtr make_texture(SDL_Renderer* renderer, const Pixels32& pixels) {
    if (!renderer || pixels.width <= 0 || pixels.height <= 0) return nullptr;
    TexturePtr tex(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                     pixels.width, pixels.height));
    if (!tex) return nullptr;
    if (SDL_UpdateTexture(tex.get(), nullptr, pixels.data.data(), pixels.width * 4) != 0) return nullptr;
    SDL_SetTextureBlendMode(tex.get(), pixels.opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(tex.get(), SDL_ScaleModeLinear);
    return tex;
}

} // namespace tidings::reader
