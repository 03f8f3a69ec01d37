// Day and night colours, and the ImGui style sized for the display (touch targets, spacing).
#pragma once

#include <imgui.h>

namespace tidings::reader {

enum class ThemeKind { Day, Night };

// The colours the screens draw with (ImGui colours are derived from these).
struct Palette {
    ImU32 background;  // page background
    ImU32 surface;     // cards, bars
    ImU32 surface_alt; // pressed cards, chips
    ImU32 text;        // main text
    ImU32 muted;       // meta lines, captions
    ImU32 accent;      // links, active tab, kind labels
    ImU32 on_accent;   // text on accent fills
    ImU32 divider;     // hairlines between items
    ImU32 highlight;   // background of search matches
    ImU32 placeholder; // photo placeholders while decoding
    ImU32 quote_bar;   // bar beside quotations
    ImU32 scrim;       // photo viewer background
};

const Palette& palette(ThemeKind kind);

// Sizes that follow the display density and the text size.
struct Metrics {
    float scale = 1.0f;      // interface scale (DPI / 96, clamped)
    float hit = 34.0f;       // smallest touch target: 9 mm at the display's DPI, in pixels
    float pad = 16.0f;       // standard padding
    float gap = 8.0f;        // small gap
    float bar = 56.0f;       // height of the top app bar and the bottom tab bar
    float rail = 88.0f;      // width of the side navigation rail (landscape)
    float radius = 10.0f;    // corner radius of cards and photos
};

// Applies KIND's colours and METRICS' sizes to STYLE (ImGui widgets).
void apply_style(ImGuiStyle& style, ThemeKind kind, const Metrics& metrics);

// A colour with its alpha multiplied by A (0..1).
ImU32 with_alpha(ImU32 color, float a);

} // namespace tidings::reader
