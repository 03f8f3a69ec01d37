// Small drawing helpers shared by the screens: icons drawn from primitives, buttons sized for
// fingers, chips, segmented controls, section headers, photo boxes and empty states.
#pragma once

#include "app/reader/fonts.h"
#include "app/reader/rich_text.h"
#include "app/reader/theme.h"

#include <imgui.h>

#include <string>
#include <string_view>

namespace tidings::reader {

enum class Icon { Home, Search, Bookmark, BookmarkFilled, History, Settings, Back, Close, ZoomIn, ZoomOut, Fit,
                  Clear, Chevron, Photo, Link, Newspaper, Globe, Lock, Backspace, Shift, Keyboard };

// Draws ICON centred at C within a square of SIZE pixels.
void draw_icon(ImDrawList* dl, Icon icon, ImVec2 c, float size, ImU32 color);

// What the helpers need to know about the look.
struct Look {
    const Palette* pal = nullptr;
    const Fonts* fonts = nullptr;
    Metrics m;
};

// A borderless icon button at least m.hit square; LABEL (optional) is drawn beside the icon.
// Returns true when tapped.
bool icon_button(const Look& look, const char* id, Icon icon, const char* label = nullptr,
                 ImU32 color = 0, float min_width = 0);

// A rounded pill with text; ACTIVE ones are filled with the accent colour.
bool chip(const Look& look, const char* id, std::string_view label, bool active);

// Lays out chips left to right, wrapping to new lines inside WIDTH. Call begin, then chip_in()
// for each, then nothing else: the cursor ends below the last line.
struct ChipFlow {
    float width = 0;   // available width
    float x0 = 0;      // left edge (screen)
    float x = 0;       // next chip's left edge (screen)
    float y = 0;       // current line's top (screen)
    float line_h = 0;  // height of one chip line
};
ChipFlow chip_flow_begin(const Look& look, float width);
bool chip_in(const Look& look, ChipFlow& flow, const char* id, std::string_view label, bool active);
void chip_flow_end(const Look& look, ChipFlow& flow);

// Segmented control: LABELS side by side; returns true when CURRENT changed.
bool segmented(const Look& look, const char* id, const char* const* labels, int count, int& current, float width);

// A section header: small bold upper-case accent text with a hairline to the right.
void section_header(const Look& look, std::string_view text, float width);

// Wrapped text in FONT with COLOR, at most MAX_LINES lines (0 = all) in WIDTH; advances the cursor.
void wrapped_text(ImFont* font, ImU32 color, std::string_view text, float width, int max_lines = 0,
                  float line_height = 1.3f);
// Same, laid out and drawn at POS without moving the cursor; returns the height used.
// CENTER centres each line in WIDTH.
float wrapped_text_at(ImDrawList* dl, ImVec2 pos, ImFont* font, ImU32 color, std::string_view text, float width,
                      int max_lines = 0, float line_height = 1.3f, bool center = false);

// TEXT without spaces and line breaks at either end.
std::string_view trim_text(std::string_view text);

// Upper case for labels (Latin, Cyrillic, Armenian; Georgian has no case in running text).
std::string to_upper_label(std::string_view s);

// An empty-state block: a large icon, a title and a hint, centred in WIDTH.
void empty_state(const Look& look, Icon icon, std::string_view title, std::string_view hint, float width);

// Hairlines as pixel-aligned rectangles (a thin quad split in two triangles can land on two
// different rows with the software renderer).
void hline(ImDrawList* dl, float x0, float x1, float y, ImU32 color, float thickness = 1.0f);
void vline(ImDrawList* dl, float x, float y0, float y1, ImU32 color, float thickness = 1.0f);

// A thin progress bar.
void progress_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, float fraction, ImU32 track, ImU32 fill);

} // namespace tidings::reader
