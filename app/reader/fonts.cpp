// Builds the ImGui font atlas from mapped Noto files and glyph ranges taken from the text.
#include "app/reader/fonts.h"

#include <cmath>

namespace tidings::reader {
namespace {

constexpr const char* kFileNames[kFontFileCount] = {
    "NotoSans-Regular.ttf",         "NotoSans-Bold.ttf",
    "NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf",
    "NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf",
    "NotoSerif-Regular.ttf",        "NotoSerif-Bold.ttf",
    "NotoSerif-Italic.ttf",         "NotoSerifArmenian-Regular.ttf",
    "NotoSerifArmenian-Bold.ttf",   "NotoSerifGeorgian-Regular.ttf",
    "NotoSerifGeorgian-Bold.ttf",
};

// One role: the Latin+Cyrillic file, the Armenian and Georgian files merged into it, and size.
struct Role {
    ImFont* Fonts::*slot; // where the built font goes
    FontFile main, armenian, georgian;
    float scale; // of the base size
};

constexpr Role kRoles[] = {
    {&Fonts::ui, FontFile::Sans, FontFile::SansArmenian, FontFile::SansGeorgian, 1.0f},
    {&Fonts::ui_bold, FontFile::SansBold, FontFile::SansArmenianBold, FontFile::SansGeorgianBold, 1.0f},
    {&Fonts::small, FontFile::Sans, FontFile::SansArmenian, FontFile::SansGeorgian, 0.82f},
    {&Fonts::small_bold, FontFile::SansBold, FontFile::SansArmenianBold, FontFile::SansGeorgianBold, 0.82f},
    {&Fonts::body, FontFile::Serif, FontFile::SerifArmenian, FontFile::SerifGeorgian, 1.12f},
    {&Fonts::body_bold, FontFile::SerifBold, FontFile::SerifArmenianBold, FontFile::SerifGeorgianBold, 1.12f},
    {&Fonts::body_italic, FontFile::SerifItalic, FontFile::SerifArmenian, FontFile::SerifGeorgian, 1.12f},
    {&Fonts::heading, FontFile::SerifBold, FontFile::SerifArmenianBold, FontFile::SerifGeorgianBold, 1.36f},
    {&Fonts::title, FontFile::SerifBold, FontFile::SerifArmenianBold, FontFile::SerifGeorgianBold, 1.85f},
};

} // namespace

const char* font_file_name(FontFile f) { return kFileNames[static_cast<int>(f)]; }

Result<FontLibrary> FontLibrary::load(const std::string& dir) {
    FontLibrary lib;
    for (int i = 0; i < kFontFileCount; ++i) {
        auto m = platform::MappedFile::open(dir + "/" + kFileNames[i]);
        if (!m) return m.error();
        lib.files_[static_cast<size_t>(i)] = std::move(m.value());
    }
    return lib;
}

bool FontLibrary::build(ImFontAtlas& atlas, float base_px, const GlyphSet& glyphs, Fonts& out) {
    atlas.Clear();
    ImVector<ImWchar> built = glyphs.build_ranges();
    ranges_.assign(built.begin(), built.end());
    // Software rendering samples the atlas texel for texel: no oversampling, snapped to pixels,
    // so glyphs land on whole pixels and stay crisp.
    auto add = [&](FontFile f, float px, bool merge) {
        const auto& file = files_[static_cast<size_t>(f)];
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false; // the mapping outlives the atlas
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        cfg.MergeMode = merge;
        return atlas.AddFontFromMemoryTTF(const_cast<uint8_t*>(file.data()), static_cast<int>(file.size()),
                                          px, &cfg, ranges_.data());
    };
    for (const Role& r : kRoles) {
        float px = std::round(base_px * r.scale);
        ImFont* font = add(r.main, px, false);
        add(r.armenian, px, true);
        add(r.georgian, px, true);
        out.*(r.slot) = font;
    }
    atlas.TexDesiredWidth = 2048;
    if (!atlas.Build()) {
        atlas.Clear();
        ImFont* def = atlas.AddFontDefault();
        for (const Role& r : kRoles) out.*(r.slot) = def;
        atlas.Build();
        return false;
    }
    out.base_px = base_px;
    out.generation = ++generation_;
    glyphs_ = glyphs;
    return true;
}

} // namespace tidings::reader
