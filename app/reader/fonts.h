// The reader's fonts: Noto Sans for the interface, Noto Serif for reading, with Armenian and
// Georgian merged in, rasterised only for the characters the text actually uses.
#pragma once

#include "app/reader/glyphs.h"
#include "core/result.h"
#include "platform/file_map.h"

#include <imgui.h>

#include <array>
#include <string>
#include <vector>

namespace tidings::reader {

// The fonts of one atlas build, by role. All point into the ImGui font atlas.
struct Fonts {
    ImFont* ui = nullptr;          // interface text (sans)
    ImFont* ui_bold = nullptr;     // buttons, tabs, card titles in lists (sans bold)
    ImFont* small = nullptr;       // meta lines, captions, credits (sans, smaller)
    ImFont* small_bold = nullptr;  // kind labels, section names (sans bold, smaller)
    ImFont* body = nullptr;        // article text (serif)
    ImFont* body_bold = nullptr;   // strong text, list titles (serif bold)
    ImFont* body_italic = nullptr; // emphasis, quotes (serif italic)
    ImFont* heading = nullptr;     // section headings in articles (serif bold, larger)
    ImFont* title = nullptr;       // article title (serif bold, large)
    float base_px = 17.0f;         // size of `ui` in pixels; the others scale from it
    int generation = 0;            // grows with every rebuild (layout caches key on it)
};

// The .ttf files the reader needs, in the order FontFile lists them.
enum class FontFile : uint8_t {
    Sans, SansBold, SansArmenian, SansArmenianBold, SansGeorgian, SansGeorgianBold,
    Serif, SerifBold, SerifItalic, SerifArmenian, SerifArmenianBold, SerifGeorgian,
    SerifGeorgianBold, Count
};
constexpr int kFontFileCount = static_cast<int>(FontFile::Count);
// The file name of F, e.g. "NotoSans-Regular.ttf".
const char* font_file_name(FontFile f);

// The mapped font files and the glyph ranges of the current atlas.
class FontLibrary {
  public:
    // Maps every font file from DIR. Error (Io) names the first missing file.
    static Result<FontLibrary> load(const std::string& dir);

    // Clears ATLAS and adds every role at BASE_PX for the characters in GLYPHS, then builds it.
    // Returns false when ImGui could not build the atlas (it then holds ImGui's default font).
    bool build(ImFontAtlas& atlas, float base_px, const GlyphSet& glyphs, Fonts& out);

    // The characters of the last successful build.
    const GlyphSet& built_glyphs() const { return glyphs_; }

  private:
    std::array<platform::MappedFile, kFontFileCount> files_; // the mapped .ttf files
    std::vector<ImWchar> ranges_; // glyph ranges the atlas points into (kept until the next build)
    GlyphSet glyphs_;          // characters of the last build
    int generation_ = 0;       // builds so far
};

} // namespace tidings::reader
