// Styled text laid out in lines: word wrap across fonts (regular, bold, italic), links,
// highlighted search matches, line height control and clamping to N lines with an ellipsis.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::reader {

// Style bits of a piece of text.
enum RichStyle : uint8_t {
    RichPlain = 0,
    RichBold = 1 << 0,
    RichItalic = 1 << 1,
    RichLink = 1 << 2,  // drawn in the link colour, underlined; hit-tested
    RichMark = 1 << 3,  // a search match: drawn on the highlight colour
    RichCode = 1 << 4,  // inline code: drawn on a tinted background
};

// The fonts a paragraph is set in.
struct RichFonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* bold_italic = nullptr; // may be null: bold is used
};

// Text to lay out: pieces of one string, each with a style and (for links) a link index.
class RichText {
  public:
    void add(std::string_view text, uint8_t style = RichPlain, int link = -1);
    // Adds TEXT in which kMatchBegin/kMatchEnd (\x02, \x03) mark search matches.
    void add_marked(std::string_view marked, uint8_t style = RichPlain);
    bool empty() const { return text_.empty(); }
    const std::string& text() const { return text_; }

    struct Piece {
        uint32_t begin = 0, end = 0; // byte range in text()
        uint8_t style = RichPlain;
        int16_t link = -1;           // index into the caller's link list, or -1
    };
    const std::vector<Piece>& pieces() const { return pieces_; }

  private:
    std::string text_;          // all pieces, concatenated
    std::vector<Piece> pieces_; // in order
};

// How to lay out.
struct RichParams {
    float width = 400;         // wrap width in pixels
    float line_height = 1.5f;  // line advance as a multiple of the regular font's size
    int max_lines = 0;         // 0 = no limit; else the last line ends with "…" when cut
};

// One drawn run: consecutive text in one style on one line.
struct RichRun {
    uint32_t begin = 0, end = 0; // byte range in the layout's text
    float x = 0;                 // from the line's left
    float w = 0;                 // advance width (without a trailing space)
    ImFont* font = nullptr;
    uint8_t style = RichPlain;
    int16_t link = -1;
};

// A laid-out paragraph: lines of runs; its own copy of the text.
struct RichLayout {
    std::string text;            // the text the runs point into (plus an ellipsis when cut)
    std::vector<RichRun> runs;   // all runs, line by line
    std::vector<uint32_t> line_first; // index of each line's first run; size = lines
    float line_advance = 0;      // pixels from one line to the next
    float font_size = 0;         // regular font size
    float width = 0;             // widest line
    float height = 0;            // lines * line_advance
    bool truncated = false;      // cut by max_lines

    size_t lines() const { return line_first.size(); }
};

// Lays out TEXT in FONTS with PARAMS. Breaks at spaces; words wider than a line break
// anywhere; "\n" starts a new line.
RichLayout layout_rich(const RichText& text, const RichFonts& fonts, const RichParams& params);

// Colours for drawing.
struct RichColors {
    ImU32 text;
    ImU32 link;
    ImU32 mark_bg;
    ImU32 code_bg;
};

// Draws LAYOUT at ORIGIN (top left) into DL; lines outside [CLIP_Y0, CLIP_Y1] are skipped.
// With CENTER_IN > 0 each line is centred in that width.
void draw_rich(ImDrawList* dl, const RichLayout& layout, ImVec2 origin, const RichColors& colors,
               float clip_y0 = -1e30f, float clip_y1 = 1e30f, float center_in = 0);

// The link under POINT (screen coordinates) for LAYOUT drawn at ORIGIN, or -1.
int rich_link_at(const RichLayout& layout, ImVec2 origin, ImVec2 point);

} // namespace tidings::reader
