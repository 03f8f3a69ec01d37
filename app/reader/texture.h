// RAII for SDL textures and surfaces, and turning decoded pixels into a texture.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace tidings::reader {

struct TextureDeleter {
    void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }
};
struct SurfaceDeleter {
    void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
struct RendererDeleter {
    void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};
struct WindowDeleter {
    void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
using TexturePtr = std::unique_ptr<SDL_Texture, TextureDeleter>;
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;
using RendererPtr = std::unique_ptr<SDL_Renderer, RendererDeleter>;
using WindowPtr = std::unique_ptr<SDL_Window, WindowDeleter>;

// Pixels ready for a texture: 32-bit ARGB8888 (SDL's native format), rows without padding.
struct Pixels32 {
    int width = 0;
    int height = 0;
    std::vector<uint32_t> data; // width * height
    bool opaque = true;         // no pixel is transparent (drawn without blending)
};

// Converts 8-bit RGB or RGBA rows (3 or 4 channels) to ARGB8888.
Pixels32 to_argb(const uint8_t* pixels, int width, int height, int channels);

// A static texture holding PIXELS with linear filtering, or null (SDL_GetError says why).
TexturePtr make_texture(SDL_Renderer* renderer, const Pixels32& pixels);

} // namespace tidings::reader
