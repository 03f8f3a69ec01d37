// Icons from draw-list primitives and the small widgets the screens share.
#include "app/reader/ui_kit.h"

#include "app/reader/glyphs.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

// ---------------------------------------------------------------------------------------------
// [SECTION] Icons
// ---------------------------------------------------------------------------------------------

void draw_icon(ImDrawList* dl, Icon icon, ImVec2 c, float size, ImU32 col) {
    float s = size * 0.5f;  // half extent
    float t = std::max(1.5f, size * 0.085f); // stroke
    auto P = [&](float x, float y) { return ImVec2(c.x + x * s, c.y + y * s); };
    switch (icon) {
    case Icon::Home: {
        ImVec2 roof[] = {P(-0.85f, -0.05f), P(0, -0.8f), P(0.85f, -0.05f)};
        dl->AddPolyline(roof, 3, col, 0, t);
        ImVec2 body[] = {P(-0.6f, -0.25f), P(-0.6f, 0.75f), P(0.6f, 0.75f), P(0.6f, -0.25f)};
        dl->AddPolyline(body, 4, col, 0, t);
        dl->AddRectFilled(P(-0.16f, 0.25f), P(0.16f, 0.75f), col);
        break;
    }
    case Icon::Search:
        dl->AddCircle(P(-0.15f, -0.15f), s * 0.52f, col, 24, t);
        dl->AddLine(P(0.25f, 0.25f), P(0.78f, 0.78f), col, t * 1.3f);
        break;
    case Icon::Bookmark:
    case Icon::BookmarkFilled: {
        ImVec2 pts[] = {P(-0.55f, -0.8f), P(0.55f, -0.8f), P(0.55f, 0.8f), P(0, 0.35f), P(-0.55f, 0.8f)};
        dl->AddPolyline(pts, 5, col, ImDrawFlags_Closed, t);
        if (icon == Icon::BookmarkFilled) {
            dl->AddTriangleFilled(pts[0], pts[1], pts[3], col);
            dl->AddTriangleFilled(pts[1], pts[2], pts[3], col);
            dl->AddTriangleFilled(pts[0], pts[3], pts[4], col);
        }
        break;
    }
    case Icon::History:
        dl->AddCircle(c, s * 0.8f, col, 32, t);
        dl->AddLine(c, P(0, -0.5f), col, t);
        dl->AddLine(c, P(0.38f, 0.22f), col, t);
        break;
    case Icon::Settings: {
        // A gear: a ring with eight teeth.
        for (int i = 0; i < 8; ++i) {
            float a = static_cast<float>(i) * 3.14159265f / 4.0f;
            ImVec2 d(std::cos(a), std::sin(a));
            dl->AddLine(ImVec2(c.x + d.x * s * 0.55f, c.y + d.y * s * 0.55f),
                        ImVec2(c.x + d.x * s * 0.88f, c.y + d.y * s * 0.88f), col, t * 1.6f);
        }
        dl->AddCircle(c, s * 0.58f, col, 24, t);
        dl->AddCircle(c, s * 0.22f, col, 16, t);
        break;
    }
    case Icon::Back:
    case Icon::Chevron: {
        float d = icon == Icon::Back ? 1.0f : -1.0f;
        ImVec2 pts[] = {P(0.3f * d, -0.6f), P(-0.3f * d, 0), P(0.3f * d, 0.6f)};
        dl->AddPolyline(pts, 3, col, 0, t * 1.2f);
        break;
    }
    case Icon::Close:
    case Icon::Clear:
        dl->AddLine(P(-0.55f, -0.55f), P(0.55f, 0.55f), col, t * 1.2f);
        dl->AddLine(P(0.55f, -0.55f), P(-0.55f, 0.55f), col, t * 1.2f);
        break;
    case Icon::ZoomIn:
    case Icon::ZoomOut:
        dl->AddCircle(P(-0.1f, -0.1f), s * 0.6f, col, 24, t);
        dl->AddLine(P(0.32f, 0.32f), P(0.8f, 0.8f), col, t * 1.3f);
        dl->AddLine(P(-0.38f, -0.1f), P(0.18f, -0.1f), col, t);
        if (icon == Icon::ZoomIn) dl->AddLine(P(-0.1f, -0.38f), P(-0.1f, 0.18f), col, t);
        break;
    case Icon::Fit: {
        const float a = 0.75f, b = 0.35f;
        ImVec2 c1[] = {P(-a, -b), P(-a, -a), P(-b, -a)};
        ImVec2 c2[] = {P(b, -a), P(a, -a), P(a, -b)};
        ImVec2 c3[] = {P(a, b), P(a, a), P(b, a)};
        ImVec2 c4[] = {P(-b, a), P(-a, a), P(-a, b)};
        dl->AddPolyline(c1, 3, col, 0, t);
        dl->AddPolyline(c2, 3, col, 0, t);
        dl->AddPolyline(c3, 3, col, 0, t);
        dl->AddPolyline(c4, 3, col, 0, t);
        break;
    }
    case Icon::Photo:
        dl->AddRect(P(-0.8f, -0.6f), P(0.8f, 0.6f), col, s * 0.12f, 0, t);
        dl->AddTriangleFilled(P(-0.6f, 0.45f), P(-0.15f, -0.1f), P(0.3f, 0.45f), col);
        dl->AddTriangleFilled(P(0.05f, 0.45f), P(0.35f, 0.1f), P(0.65f, 0.45f), col);
        dl->AddCircleFilled(P(0.4f, -0.3f), s * 0.12f, col);
        break;
    case Icon::Link:
        dl->AddRect(P(-0.85f, -0.3f), P(0.1f, 0.3f), col, s * 0.3f, 0, t);
        dl->AddRect(P(-0.1f, -0.3f), P(0.85f, 0.3f), col, s * 0.3f, 0, t);
        break;
    case Icon::Newspaper:
        dl->AddRect(P(-0.8f, -0.7f), P(0.8f, 0.7f), col, s * 0.1f, 0, t);
        dl->AddRectFilled(P(-0.55f, -0.45f), P(-0.05f, 0.05f), col);
        for (float y : {-0.4f, -0.15f, 0.1f})
            dl->AddLine(P(0.1f, y), P(0.55f, y), col, t * 0.8f);
        dl->AddLine(P(-0.55f, 0.35f), P(0.55f, 0.35f), col, t * 0.8f);
        break;
    case Icon::Globe: {
        // A circle with a meridian (an ellipse as a polyline) and two parallels.
        dl->AddCircle(c, s * 0.8f, col, 32, t);
        ImVec2 meridian[24];
        for (int i = 0; i < 24; ++i) {
            float a = static_cast<float>(i) * 6.2831853f / 24.0f;
            meridian[i] = ImVec2(c.x + std::cos(a) * s * 0.36f, c.y + std::sin(a) * s * 0.8f);
        }
        dl->AddPolyline(meridian, 24, col, ImDrawFlags_Closed, t);
        dl->AddLine(P(-0.8f, 0), P(0.8f, 0), col, t);
        dl->AddLine(P(-0.68f, -0.42f), P(0.68f, -0.42f), col, t * 0.8f);
        dl->AddLine(P(-0.68f, 0.42f), P(0.68f, 0.42f), col, t * 0.8f);
        break;
    }
    case Icon::Lock:
        dl->AddRectFilled(P(-0.6f, -0.1f), P(0.6f, 0.8f), col, s * 0.12f);
        dl->PathArcTo(P(0, -0.1f), s * 0.38f, 3.14159265f, 6.2831853f, 12);
        dl->PathLineTo(P(0.38f, -0.1f));
        dl->PathStroke(col, 0, t * 1.2f);
        dl->AddLine(P(-0.38f, -0.1f), P(-0.38f, -0.35f), col, t * 1.2f);
        break;
    case Icon::Backspace: {
        ImVec2 pts[] = {P(-0.9f, 0), P(-0.45f, -0.6f), P(0.85f, -0.6f), P(0.85f, 0.6f), P(-0.45f, 0.6f)};
        dl->AddPolyline(pts, 5, col, ImDrawFlags_Closed, t);
        dl->AddLine(P(-0.1f, -0.28f), P(0.45f, 0.28f), col, t);
        dl->AddLine(P(0.45f, -0.28f), P(-0.1f, 0.28f), col, t);
        break;
    }
    case Icon::Shift: {
        ImVec2 pts[] = {P(0, -0.85f), P(0.8f, 0), P(0.35f, 0), P(0.35f, 0.75f), P(-0.35f, 0.75f), P(-0.35f, 0), P(-0.8f, 0)};
        dl->AddPolyline(pts, 7, col, ImDrawFlags_Closed, t);
        break;
    }
    case Icon::Keyboard:
        dl->AddRect(P(-0.9f, -0.55f), P(0.9f, 0.55f), col, s * 0.12f, 0, t);
        for (float y : {-0.25f, 0.05f})
            for (float x = -0.6f; x <= 0.61f; x += 0.3f) dl->AddRectFilled(P(x - 0.07f, y - 0.07f), P(x + 0.07f, y + 0.07f), col);
        dl->AddLine(P(-0.45f, 0.32f), P(0.45f, 0.32f), col, t);
        break;
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Buttons, chips, segmented controls
// ---------------------------------------------------------------------------------------------

bool icon_button(const Look& look, const char* id, Icon icon, const char* label, ImU32 color, float min_width) {
    const Palette& p = *look.pal;
    if (!color) color = p.text;
    ImFont* font = look.fonts->ui_bold;
    float icon_px = std::round(look.m.hit * 0.62f);
    float label_w = label ? font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label).x : 0;
    float w = label ? icon_px + look.m.gap + label_w + look.m.pad * 1.2f : look.m.hit;
    w = std::max({w, look.m.hit, min_width});
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::InvisibleButton(id, ImVec2(w, look.m.hit));
    bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hovered || active)
        dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + look.m.hit), with_alpha(p.text, active ? 0.12f : 0.06f),
                          look.m.hit * 0.5f);
    float cy = pos.y + look.m.hit * 0.5f;
    if (label) {
        float x = pos.x + (w - (icon_px + look.m.gap + label_w)) * 0.5f;
        draw_icon(dl, icon, ImVec2(x + icon_px * 0.5f, cy), icon_px, color);
        dl->AddText(font, font->FontSize, ImVec2(x + icon_px + look.m.gap, std::floor(cy - font->FontSize * 0.5f)),
                    color, label);
    } else {
        draw_icon(dl, icon, ImVec2(pos.x + w * 0.5f, cy), icon_px, color);
    }
    return pressed;
}

namespace {
float chip_width(const Look& look, std::string_view label) {
    ImFont* f = look.fonts->ui;
    return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size()).x + look.m.pad * 1.6f;
}

bool chip_at(const Look& look, ImVec2 pos, const char* id, std::string_view label, bool active) {
    const Palette& p = *look.pal;
    ImFont* f = active ? look.fonts->ui_bold : look.fonts->ui;
    float w = chip_width(look, label);
    float h = look.m.hit;
    ImGui::SetCursorScreenPos(pos);
    bool pressed = ImGui::InvisibleButton(id, ImVec2(w, h));
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float inset = std::round(h * 0.1f);
    ImVec2 a(pos.x, pos.y + inset), b(pos.x + w, pos.y + h - inset);
    if (active) {
        dl->AddRectFilled(a, b, p.text, h);
    } else {
        dl->AddRectFilled(a, b, hovered ? p.surface_alt : p.surface, h);
        dl->AddRect(a, b, p.divider, h, 0, 1.0f);
    }
    ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size());
    dl->AddText(f, f->FontSize, ImVec2(std::floor(pos.x + (w - ts.x) * 0.5f), std::floor(pos.y + (h - f->FontSize) * 0.5f)),
                active ? p.background : p.text, label.data(), label.data() + label.size());
    return pressed;
}
} // namespace

bool chip(const Look& look, const char* id, std::string_view label, bool active) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool r = chip_at(look, pos, id, label, active);
    return r;
}

ChipFlow chip_flow_begin(const Look& look, float width) {
    ChipFlow f;
    f.width = width;
    f.x0 = f.x = ImGui::GetCursorScreenPos().x;
    f.y = ImGui::GetCursorScreenPos().y;
    f.line_h = look.m.hit;
    return f;
}

bool chip_in(const Look& look, ChipFlow& flow, const char* id, std::string_view label, bool active) {
    float w = chip_width(look, label);
    if (flow.x > flow.x0 && flow.x + w > flow.x0 + flow.width) {
        flow.x = flow.x0;
        flow.y += flow.line_h + look.m.gap * 0.5f;
    }
    bool r = chip_at(look, ImVec2(flow.x, flow.y), id, label, active);
    flow.x += w + look.m.gap;
    return r;
}

void chip_flow_end(const Look& look, ChipFlow& flow) {
    (void)look;
    ImGui::SetCursorScreenPos(ImVec2(flow.x0, flow.y));
    ImGui::Dummy(ImVec2(flow.width, flow.line_h));
}

bool segmented(const Look& look, const char* id, const char* const* labels, int count, int& current, float width) {
    const Palette& p = *look.pal;
    ImGui::PushID(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float h = look.m.hit;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), p.surface_alt, h * 0.5f);
    float seg = width / static_cast<float>(count);
    bool changed = false;
    for (int i = 0; i < count; ++i) {
        ImVec2 a(pos.x + seg * static_cast<float>(i), pos.y);
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(i);
        if (ImGui::InvisibleButton("seg", ImVec2(seg, h)) && current != i) {
            current = i;
            changed = true;
        }
        ImGui::PopID();
        bool on = current == i;
        if (on) dl->AddRectFilled(ImVec2(a.x + 3, a.y + 3), ImVec2(a.x + seg - 3, a.y + h - 3), p.surface, h * 0.5f);
        ImFont* f = on ? look.fonts->ui_bold : look.fonts->ui;
        ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, labels[i]);
        dl->AddText(f, f->FontSize, ImVec2(std::floor(a.x + (seg - ts.x) * 0.5f), std::floor(a.y + (h - f->FontSize) * 0.5f)),
                    on ? p.text : p.muted, labels[i]);
    }
    ImGui::SetCursorScreenPos(pos);
    ImGui::Dummy(ImVec2(width, h));
    ImGui::PopID();
    return changed;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Text helpers
// ---------------------------------------------------------------------------------------------

std::string_view trim_text(std::string_view text) {
    size_t b = text.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    size_t e = text.find_last_not_of(" \t\r\n");
    return text.substr(b, e - b + 1);
}

std::string to_upper_label(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const char* b = s.data();
    const char* e = b + s.size();
    while (b < e) {
        uint32_t cp = 0;
        int n = utf8_next(b, e, cp);
        b += n;
        if (cp >= 'a' && cp <= 'z') cp -= 32;
        else if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) cp -= 32;
        else if (cp >= 0x430 && cp <= 0x44F) cp -= 32;
        else if (cp >= 0x450 && cp <= 0x45F) cp -= 80;
        else if (cp >= 0x561 && cp <= 0x586) cp -= 48;
        else if (cp == 0x259) cp = 0x18F; // ə -> Ə
        else if (cp == 0x11F || cp == 0x15F || cp == 0x131) cp = cp == 0x131 ? 'I' : cp - 1; // ğ ş ı
        else if (cp == 0x2019) cp = 0x2019;
        // encode
        char buf[4];
        int len;
        if (cp < 0x80) { buf[0] = static_cast<char>(cp); len = 1; }
        else if (cp < 0x800) { buf[0] = static_cast<char>(0xC0 | (cp >> 6)); buf[1] = static_cast<char>(0x80 | (cp & 0x3F)); len = 2; }
        else if (cp < 0x10000) {
            buf[0] = static_cast<char>(0xE0 | (cp >> 12));
            buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
            len = 3;
        } else {
            buf[0] = static_cast<char>(0xF0 | (cp >> 18));
            buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
            len = 4;
        }
        out.append(buf, static_cast<size_t>(len));
    }
    return out;
}

float wrapped_text_at(ImDrawList* dl, ImVec2 pos, ImFont* font, ImU32 color, std::string_view text, float width,
                      int max_lines, float line_height, bool center) {
    RichText t;
    t.add(text);
    RichFonts f{font, font, font, font};
    RichParams params;
    params.width = width;
    params.max_lines = max_lines;
    params.line_height = line_height;
    RichLayout l = layout_rich(t, f, params);
    RichColors c{color, color, color, color};
    draw_rich(dl, l, pos, c, -1e30f, 1e30f, center ? width : 0.0f);
    return l.height;
}

void wrapped_text(ImFont* font, ImU32 color, std::string_view text, float width, int max_lines, float line_height) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float h = wrapped_text_at(ImGui::GetWindowDrawList(), pos, font, color, text, width, max_lines, line_height);
    ImGui::Dummy(ImVec2(width, h));
}

void section_header(const Look& look, std::string_view text, float width) {
    const Palette& p = *look.pal;
    ImFont* f = look.fonts->small_bold;
    std::string up = to_upper_label(text);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float h = f->FontSize * 2.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    hline(dl, pos.x, pos.x + width, pos.y, p.text, 2.0f);
    dl->AddText(f, f->FontSize, ImVec2(pos.x, std::floor(pos.y + f->FontSize * 0.6f)), p.accent, up.c_str());
    ImGui::Dummy(ImVec2(width, h));
}

void empty_state(const Look& look, Icon icon, std::string_view title, std::string_view hint, float width) {
    const Palette& p = *look.pal;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float icon_px = look.m.hit * 1.6f;
    float y = pos.y + look.m.pad * 3;
    dl->AddCircleFilled(ImVec2(pos.x + width * 0.5f, y + icon_px * 0.5f), icon_px * 0.85f, p.surface_alt, 48);
    draw_icon(dl, icon, ImVec2(pos.x + width * 0.5f, y + icon_px * 0.5f), icon_px * 0.8f, p.muted);
    y += icon_px + look.m.pad * 2;
    float text_w = std::min(width - look.m.pad * 2, look.fonts->ui->FontSize * 26);
    float tx = pos.x + (width - text_w) * 0.5f;
    float th = wrapped_text_at(dl, ImVec2(tx, y), look.fonts->heading, p.text, title, text_w, 0, 1.25f, true);
    y += th + look.m.gap;
    float hh = wrapped_text_at(dl, ImVec2(tx, y), look.fonts->ui, p.muted, hint, text_w, 0, 1.45f, true);
    y += hh;
    ImGui::Dummy(ImVec2(width, y - pos.y + look.m.pad));
}

void hline(ImDrawList* dl, float x0, float x1, float y, ImU32 color, float thickness) {
    float t = std::max(1.0f, std::round(thickness));
    dl->AddRectFilled(ImVec2(std::floor(x0), std::floor(y)), ImVec2(std::floor(x1), std::floor(y) + t), color);
}

void vline(ImDrawList* dl, float x, float y0, float y1, ImU32 color, float thickness) {
    float t = std::max(1.0f, std::round(thickness));
    dl->AddRectFilled(ImVec2(std::floor(x), std::floor(y0)), ImVec2(std::floor(x) + t, std::floor(y1)), color);
}

void progress_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, float fraction, ImU32 track, ImU32 fill) {
    fraction = std::clamp(fraction, 0.0f, 1.0f);
    float r = (b.y - a.y) * 0.5f;
    dl->AddRectFilled(a, b, track, r);
    if (fraction > 0) dl->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * fraction, b.y), fill, r);
}

} // namespace tidings::reader
