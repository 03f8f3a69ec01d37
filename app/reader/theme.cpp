// Day and night palettes and the ImGui style derived from them.
#include "app/reader/theme.h"

#include <algorithm>

namespace tidings::reader {
namespace {

constexpr ImU32 rgb(unsigned hex) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 0xFF);
}

const Palette kDay = {
    rgb(0xF7F5F1), // background: warm paper
    rgb(0xFFFFFF), // surface
    rgb(0xECE8E1), // surface_alt
    rgb(0x1D1B19), // text
    rgb(0x6A655E), // muted
    rgb(0xA3262A), // accent: newspaper red
    rgb(0xFFFFFF), // on_accent
    rgb(0xE2DDD5), // divider
    rgb(0xFFE08A), // highlight
    rgb(0xE6E1D9), // placeholder
    rgb(0xC9C2B6), // quote_bar
    rgb(0x0E0E0E), // scrim
};

const Palette kNight = {
    rgb(0x141414), // background
    rgb(0x1E1E1F), // surface
    rgb(0x2A2A2C), // surface_alt
    rgb(0xE7E4DF), // text
    rgb(0xA29D95), // muted
    rgb(0xF08B7D), // accent
    rgb(0x1A1A1A), // on_accent
    rgb(0x2F2F31), // divider
    rgb(0x6B5414), // highlight
    rgb(0x2C2C2E), // placeholder
    rgb(0x4A4A4D), // quote_bar
    rgb(0x000000), // scrim
};

ImVec4 v4(ImU32 c, float a = 1.0f) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
    v.w *= a;
    return v;
}

} // namespace

const Palette& palette(ThemeKind kind) { return kind == ThemeKind::Night ? kNight : kDay; }

ImU32 with_alpha(ImU32 color, float a) {
    unsigned alpha = (color >> IM_COL32_A_SHIFT) & 0xFF;
    alpha = static_cast<unsigned>(std::clamp(static_cast<float>(alpha) * a, 0.0f, 255.0f));
    return (color & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

void apply_style(ImGuiStyle& style, ThemeKind kind, const Metrics& m) {
    const Palette& p = palette(kind);
    style = ImGuiStyle();
    float s = m.scale;
    style.WindowPadding = ImVec2(0, 0);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.PopupBorderSize = 1;
    style.PopupRounding = m.radius;
    style.FrameRounding = m.radius;
    style.GrabRounding = m.radius;
    style.ChildRounding = 0;
    style.FramePadding = ImVec2(12 * s, 8 * s);
    style.ItemSpacing = ImVec2(m.gap, m.gap);
    style.ItemInnerSpacing = ImVec2(8 * s, 6 * s);
    style.ScrollbarSize = 10 * s;
    style.ScrollbarRounding = 6 * s;
    style.GrabMinSize = 24 * s;
    style.TouchExtraPadding = ImVec2(0, 0);
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = v4(p.text);
    c[ImGuiCol_TextDisabled] = v4(p.muted);
    c[ImGuiCol_WindowBg] = v4(p.background);
    c[ImGuiCol_ChildBg] = v4(p.background, 0.0f);
    c[ImGuiCol_PopupBg] = v4(p.surface);
    c[ImGuiCol_Border] = v4(p.divider);
    c[ImGuiCol_BorderShadow] = v4(p.divider, 0.0f);
    c[ImGuiCol_FrameBg] = v4(p.surface_alt);
    c[ImGuiCol_FrameBgHovered] = v4(p.surface_alt, 0.85f);
    c[ImGuiCol_FrameBgActive] = v4(p.surface_alt);
    c[ImGuiCol_TitleBg] = v4(p.surface);
    c[ImGuiCol_TitleBgActive] = v4(p.surface);
    c[ImGuiCol_MenuBarBg] = v4(p.surface);
    c[ImGuiCol_ScrollbarBg] = v4(p.background, 0.0f);
    c[ImGuiCol_ScrollbarGrab] = v4(p.muted, 0.35f);
    c[ImGuiCol_ScrollbarGrabHovered] = v4(p.muted, 0.55f);
    c[ImGuiCol_ScrollbarGrabActive] = v4(p.muted, 0.75f);
    c[ImGuiCol_CheckMark] = v4(p.accent);
    c[ImGuiCol_SliderGrab] = v4(p.accent);
    c[ImGuiCol_SliderGrabActive] = v4(p.accent);
    c[ImGuiCol_Button] = v4(p.surface_alt);
    c[ImGuiCol_ButtonHovered] = v4(p.divider);
    c[ImGuiCol_ButtonActive] = v4(p.quote_bar);
    c[ImGuiCol_Header] = v4(p.surface_alt);
    c[ImGuiCol_HeaderHovered] = v4(p.surface_alt);
    c[ImGuiCol_HeaderActive] = v4(p.divider);
    c[ImGuiCol_Separator] = v4(p.divider);
    c[ImGuiCol_TextSelectedBg] = v4(p.accent, 0.3f);
    c[ImGuiCol_NavHighlight] = v4(p.accent);
    c[ImGuiCol_ModalWindowDimBg] = v4(p.scrim, 0.5f);
}

} // namespace tidings::reader
