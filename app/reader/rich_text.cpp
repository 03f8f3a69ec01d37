// Rich text layout: words measured per font, greedy line filling, run merging, ellipsis.
#include "app/reader/rich_text.h"

#include "app/reader/glyphs.h"
#include "app/reader/theme.h"
#include "core/library_search.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

// ---------------------------------------------------------------------------------------------
// [SECTION] RichText
// ---------------------------------------------------------------------------------------------

void RichText::add(std::string_view text, uint8_t style, int link) {
    if (text.empty()) return;
    Piece p;
    p.begin = static_cast<uint32_t>(text_.size());
    text_.append(text);
    p.end = static_cast<uint32_t>(text_.size());
    p.style = style;
    p.link = static_cast<int16_t>(link);
    pieces_.push_back(p);
}

void RichText::add_marked(std::string_view marked, uint8_t style) {
    const char begin = kMatchBegin[0], end = kMatchEnd[0];
    bool in_mark = false;
    size_t start = 0;
    for (size_t i = 0; i <= marked.size(); ++i) {
        if (i < marked.size() && marked[i] != begin && marked[i] != end) continue;
        add(marked.substr(start, i - start), static_cast<uint8_t>(in_mark ? (style | RichMark) : style));
        if (i < marked.size()) in_mark = marked[i] == begin;
        start = i + 1;
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Layout
// ---------------------------------------------------------------------------------------------

namespace {

ImFont* font_for(const RichFonts& f, uint8_t style) {
    bool b = style & RichBold, i = style & RichItalic;
    if (b && i) return f.bold_italic ? f.bold_italic : (f.bold ? f.bold : f.regular);
    if (b) return f.bold ? f.bold : f.regular;
    if (i) return f.italic ? f.italic : f.regular;
    return f.regular;
}

float measure(ImFont* font, const char* b, const char* e) {
    if (b >= e) return 0;
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, b, e).x;
}

// A fragment of a word in one piece: [begin, word_end) is drawn, [word_end, end) are spaces.
struct Fragment {
    uint32_t begin, word_end, end;
    uint32_t piece;
    float w;        // width of the drawn part
    float space_w;  // width of the trailing spaces
};

class Builder {
  public:
    Builder(RichLayout& out, const RichParams& p) : out_(out), params_(p) {}

    // Appends a run at x on the current line, merging with the previous when contiguous.
    void put(uint32_t b, uint32_t e, float w, ImFont* font, uint8_t style, int16_t link) {
        if (out_.line_first.empty()) new_line();
        if (out_.runs.size() > out_.line_first.back()) {
            RichRun& prev = out_.runs.back();
            if (prev.end == b && prev.font == font && prev.style == style && prev.link == link) {
                prev.end = e;
                prev.w = x_ + w - prev.x;
                x_ += w;
                return;
            }
        }
        RichRun r;
        r.begin = b;
        r.end = e;
        r.x = x_;
        r.w = w;
        r.font = font;
        r.style = style;
        r.link = link;
        out_.runs.push_back(r);
        x_ += w;
    }
    void advance(float w) { x_ += w; }
    // Starts a line; false when that would pass max_lines.
    bool new_line() {
        if (!out_.line_first.empty()) line_widths_.push_back(last_right());
        if (params_.max_lines > 0 && static_cast<int>(out_.line_first.size()) >= params_.max_lines) return false;
        out_.line_first.push_back(static_cast<uint32_t>(out_.runs.size()));
        x_ = 0;
        return true;
    }
    float x() const { return x_; }
    float last_right() const {
        if (out_.line_first.empty() || out_.runs.size() == out_.line_first.back()) return 0;
        const RichRun& r = out_.runs.back();
        return r.x + r.w;
    }
    void finish() {
        if (!out_.line_first.empty()) line_widths_.push_back(last_right());
        for (float w : line_widths_) out_.width = std::max(out_.width, w);
    }

  private:
    RichLayout& out_;
    const RichParams& params_;
    float x_ = 0;
    std::vector<float> line_widths_;
};

// Removes characters from the end of the last line until ELLIPSIS fits, then appends it.
void add_ellipsis(RichLayout& out, const RichFonts& fonts, float width) {
    out.truncated = true;
    if (out.line_first.empty()) return;
    ImFont* font = fonts.regular;
    const char* ell = "…";
    float ell_w = measure(font, ell, ell + 3);
    float limit = width - ell_w;
    size_t first = out.line_first.back();
    while (out.runs.size() > first) {
        RichRun& r = out.runs.back();
        // Trim trailing spaces and characters until the run ends before the limit.
        while (r.end > r.begin) {
            const char* b = out.text.data() + r.begin;
            const char* e = out.text.data() + r.end;
            // Drop trailing spaces first.
            while (e > b && e[-1] == ' ') --e;
            float w = measure(r.font, b, e);
            if (r.x + w <= limit) {
                r.end = static_cast<uint32_t>(e - out.text.data());
                r.w = w;
                break;
            }
            // Drop one UTF-8 character.
            --e;
            while (e > b && (static_cast<unsigned char>(*e) & 0xC0) == 0x80) --e;
            r.end = static_cast<uint32_t>(e - out.text.data());
        }
        if (r.end > r.begin) break;
        out.runs.pop_back();
    }
    float x = 0;
    uint8_t style = RichPlain;
    if (out.runs.size() > first) {
        x = out.runs.back().x + out.runs.back().w;
        style = out.runs.back().style & static_cast<uint8_t>(~(RichLink | RichMark | RichCode));
        font = out.runs.back().font;
    }
    RichRun r;
    r.begin = static_cast<uint32_t>(out.text.size());
    out.text += ell;
    r.end = static_cast<uint32_t>(out.text.size());
    r.x = x;
    r.w = measure(font, ell, ell + 3);
    r.font = font;
    r.style = style;
    out.runs.push_back(r);
    out.width = std::max(out.width, r.x + r.w);
}

} // namespace

RichLayout layout_rich(const RichText& text, const RichFonts& fonts, const RichParams& params) {
    RichLayout out;
    out.text = text.text();
    out.font_size = fonts.regular ? fonts.regular->FontSize : 13.0f;
    out.line_advance = std::round(out.font_size * params.line_height);
    if (!fonts.regular || text.empty()) return out;
    const float width = std::max(params.width, out.font_size * 2);
    const auto& pieces = text.pieces();
    const char* base = out.text.data();
    Builder b(out, params);
    b.new_line();
    bool cut = false;

    std::vector<Fragment> word; // fragments of the word being collected
    float word_w = 0;

    // Places the collected word; breaks lines before it, or inside it when it is too long.
    auto place_word = [&](bool hard_break_after) -> bool {
        if (!word.empty()) {
            if (b.x() > 0 && b.x() + word_w > width) {
                if (!b.new_line()) return false;
            }
            for (const Fragment& f : word) {
                const RichText::Piece& p = pieces[f.piece];
                ImFont* font = font_for(fonts, p.style);
                if (b.x() + f.w <= width || f.word_end == f.begin) {
                    b.put(f.begin, f.end, f.w, font, p.style, p.link);
                    b.advance(f.space_w);
                    continue;
                }
                // Too long for any line: break between characters.
                uint32_t i = f.begin;
                while (i < f.word_end) {
                    uint32_t start = i;
                    float w = 0;
                    while (i < f.word_end) {
                        uint32_t c = 0;
                        int n = utf8_next(base + i, base + f.word_end, c);
                        if (n <= 0) n = 1;
                        float adv = font->GetCharAdvance(static_cast<ImWchar>(c));
                        if (b.x() + w + adv > width && (w > 0 || b.x() > 0)) break;
                        w += adv;
                        i += static_cast<uint32_t>(n);
                    }
                    if (i > start) b.put(start, i, w, font, p.style, p.link);
                    if (i < f.word_end && !b.new_line()) return false;
                }
                if (f.end > f.word_end) {
                    b.put(f.word_end, f.end, 0, font, p.style, p.link);
                    b.advance(f.space_w);
                }
            }
            word.clear();
            word_w = 0;
        }
        if (hard_break_after && !b.new_line()) return false;
        return true;
    };

    for (uint32_t pi = 0; pi < pieces.size() && !cut; ++pi) {
        const RichText::Piece& p = pieces[pi];
        ImFont* font = font_for(fonts, p.style);
        uint32_t i = p.begin;
        while (i < p.end && !cut) {
            if (base[i] == '\n') {
                if (!place_word(true)) cut = true;
                ++i;
                continue;
            }
            uint32_t wb = i;
            while (i < p.end && base[i] != ' ' && base[i] != '\n') ++i;
            uint32_t we = i;
            while (i < p.end && base[i] == ' ') ++i;
            Fragment f{wb, we, i, pi, measure(font, base + wb, base + we), measure(font, base + we, base + i)};
            word.push_back(f);
            word_w += f.w;
            if (i > we) { // spaces end the word
                if (!place_word(false)) cut = true;
            }
        }
    }
    if (!cut && !place_word(false)) cut = true;
    b.finish();
    // A trailing empty line (text ending in "\n") is not drawn.
    while (out.line_first.size() > 1 && out.line_first.back() == out.runs.size()) out.line_first.pop_back();
    if (cut) add_ellipsis(out, fonts, width);
    out.height = out.line_advance * static_cast<float>(out.lines());
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Drawing and hit testing
// ---------------------------------------------------------------------------------------------

void draw_rich(ImDrawList* dl, const RichLayout& layout, ImVec2 origin, const RichColors& colors, float clip_y0,
               float clip_y1, float center_in) {
    const char* base = layout.text.data();
    for (size_t li = 0; li < layout.lines(); ++li) {
        float y = origin.y + layout.line_advance * static_cast<float>(li);
        if (y + layout.line_advance < clip_y0) continue;
        if (y > clip_y1) break;
        size_t first = layout.line_first[li];
        size_t last = li + 1 < layout.lines() ? layout.line_first[li + 1] : layout.runs.size();
        float yoff = std::floor((layout.line_advance - layout.font_size) * 0.5f);
        float shift = 0;
        if (center_in > 0 && last > first) {
            const RichRun& end = layout.runs[last - 1];
            shift = std::floor((center_in - (end.x + end.w)) * 0.5f);
        }
        for (size_t ri = first; ri < last; ++ri) {
            const RichRun& r = layout.runs[ri];
            float x = std::floor(origin.x + shift + r.x);
            float ty = y + yoff + std::floor((layout.font_size - r.font->FontSize) * 0.5f);
            if (r.style & RichMark)
                dl->AddRectFilled(ImVec2(x - 1, ty - 1), ImVec2(x + r.w + 1, ty + r.font->FontSize + 1),
                                  colors.mark_bg, 3.0f);
            if (r.style & RichCode)
                dl->AddRectFilled(ImVec2(x - 2, ty), ImVec2(x + r.w + 2, ty + r.font->FontSize), colors.code_bg,
                                  3.0f);
            ImU32 col = (r.style & RichLink) ? colors.link : colors.text;
            dl->AddText(r.font, r.font->FontSize, ImVec2(x, ty), col, base + r.begin, base + r.end);
            if (r.style & RichLink) {
                float uy = std::floor(ty + r.font->Ascent + 2.0f);
                dl->AddRectFilled(ImVec2(x, uy), ImVec2(std::floor(x + r.w), uy + 1), with_alpha(col, 0.55f));
            }
        }
    }
}

int rich_link_at(const RichLayout& layout, ImVec2 origin, ImVec2 point) {
    if (layout.line_advance <= 0) return -1;
    float rel_y = point.y - origin.y;
    if (rel_y < 0) return -1;
    size_t li = static_cast<size_t>(rel_y / layout.line_advance);
    if (li >= layout.lines()) return -1;
    size_t first = layout.line_first[li];
    size_t last = li + 1 < layout.lines() ? layout.line_first[li + 1] : layout.runs.size();
    float pad = layout.font_size * 0.25f; // fingers are wider than the text
    for (size_t ri = first; ri < last; ++ri) {
        const RichRun& r = layout.runs[ri];
        if (r.link >= 0 && point.x >= origin.x + r.x - pad && point.x <= origin.x + r.x + r.w + pad) return r.link;
    }
    return -1;
}

} // namespace tidings::reader
