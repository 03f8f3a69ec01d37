// The full-screen photo viewer (fit, zoom around the pointer, pan, close) and the link sheet.
#include "app/reader/app.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

void App::draw_viewer() {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(p.scrim));
    ImGui::Begin("##viewer", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 pos = vp->Pos, size = vp->Size;
    ImGuiIO& io = ImGui::GetIO();
    const ImU32 white = IM_COL32(255, 255, 255, 255);

    // The whole screen is the drag surface.
    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton("##surface", size);
    ImGui::SetItemAllowOverlap(); // the buttons drawn on top still get their taps
    bool hovered = ImGui::IsItemHovered();
    bool active = ImGui::IsItemActive();

    float asp = photos_->aspect(viewer_.hash);
    if (asp <= 0.1f) asp = 1.5f;
    float margin = m.pad;
    float avail_w = size.x - margin * 2, avail_h = size.y - margin * 2 - m.hit * 2;
    float fit_w = avail_w, fit_h = avail_w / asp;
    if (fit_h > avail_h) {
        fit_h = avail_h;
        fit_w = avail_h * asp;
    }
    ImVec2 centre(pos.x + size.x * 0.5f, pos.y + size.y * 0.5f);

    // Zoom with the wheel around the pointer; double tap toggles between fit and 2.5x.
    float old_zoom = viewer_.zoom;
    if (hovered && io.MouseWheel != 0) viewer_.zoom *= std::pow(1.2f, io.MouseWheel);
    if (hovered && ImGui::IsMouseDoubleClicked(0)) viewer_.zoom = viewer_.zoom > 1.01f ? 1.0f : 2.5f;
    viewer_.zoom = std::clamp(viewer_.zoom, 1.0f, 8.0f);
    if (viewer_.zoom != old_zoom) {
        ImVec2 anchor = hovered ? io.MousePos : centre;
        float k = viewer_.zoom / old_zoom;
        // Keep the point under the pointer where it is.
        viewer_.pan.x = (viewer_.pan.x - (anchor.x - centre.x)) * k + (anchor.x - centre.x);
        viewer_.pan.y = (viewer_.pan.y - (anchor.y - centre.y)) * k + (anchor.y - centre.y);
    }
    if (active && ImGui::IsMouseDragging(0, 2.0f)) {
        viewer_.pan.x += io.MouseDelta.x;
        viewer_.pan.y += io.MouseDelta.y;
    }
    float w = fit_w * viewer_.zoom, h = fit_h * viewer_.zoom;
    // The photo may not leave the screen: at most its edge reaches the centre.
    float max_x = std::max(0.0f, (w - size.x) * 0.5f + size.x * 0.25f);
    float max_y = std::max(0.0f, (h - size.y) * 0.5f + size.y * 0.25f);
    if (viewer_.zoom <= 1.0f) max_x = max_y = 0;
    viewer_.pan.x = std::clamp(viewer_.pan.x, -max_x, max_x);
    viewer_.pan.y = std::clamp(viewer_.pan.y, -max_y, max_y);
    ImVec2 a(std::floor(centre.x + viewer_.pan.x - w * 0.5f), std::floor(centre.y + viewer_.pan.y - h * 0.5f));
    ImVec2 b(a.x + std::floor(w), a.y + std::floor(h));
    int want = static_cast<int>(std::min(std::max(w, h), 4096.0f));
    viewer_.want_px = want;
    PhotoView v = photos_->get(viewer_.hash, want);
    if (v.texture) {
        dl->AddImage(reinterpret_cast<ImTextureID>(v.texture), a, b);
    } else {
        dl->AddRectFilled(a, b, IM_COL32(40, 40, 40, 255));
        draw_icon(dl, Icon::Photo, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), m.hit, IM_COL32(120, 120, 120, 255));
    }

    // Caption and credit on a dark band at the bottom.
    std::string caption = viewer_.caption;
    if (!caption.empty() || !viewer_.credit.empty()) {
        float tw = std::min(size.x - m.pad * 2 - m.hit * 3.5f, fonts_.ui->FontSize * 40);
        RichText rt;
        if (!caption.empty()) rt.add(caption);
        RichParams rp;
        rp.width = tw;
        rp.line_height = 1.4f;
        rp.max_lines = 3;
        RichLayout cl = layout_rich(rt, RichFonts{fonts_.ui}, rp);
        RichText ct;
        ct.add(viewer_.credit);
        rp.max_lines = 1;
        RichLayout crl = layout_rich(ct, RichFonts{fonts_.small}, rp);
        float band = cl.height + crl.height + m.pad * 2;
        ImVec2 ba(pos.x, pos.y + size.y - band);
        dl->AddRectFilledMultiColor(ImVec2(ba.x, ba.y - m.pad * 2), ImVec2(pos.x + size.x, ba.y), IM_COL32(0, 0, 0, 0),
                                    IM_COL32(0, 0, 0, 0), IM_COL32(0, 0, 0, 170), IM_COL32(0, 0, 0, 170));
        dl->AddRectFilled(ba, ImVec2(pos.x + size.x, pos.y + size.y), IM_COL32(0, 0, 0, 170));
        draw_rich(dl, cl, ImVec2(ba.x + m.pad, ba.y + m.pad), RichColors{white, white, 0, 0});
        draw_rich(dl, crl, ImVec2(ba.x + m.pad, ba.y + m.pad + cl.height), RichColors{IM_COL32(200, 200, 200, 255), white, 0, 0});
    }

    // Controls: close at the top right, zoom at the bottom right; each on a dark disc.
    Look on_dark = look_;
    Palette dark = p;
    dark.text = white;
    dark.surface_alt = IM_COL32(255, 255, 255, 40);
    on_dark.pal = &dark;
    auto disc = [&](ImVec2 at) {
        dl->AddCircleFilled(ImVec2(at.x + m.hit * 0.5f, at.y + m.hit * 0.5f), m.hit * 0.5f, IM_COL32(0, 0, 0, 140), 32);
    };
    ImVec2 close_at(pos.x + size.x - m.hit - m.pad, pos.y + m.pad);
    disc(close_at);
    ImGui::SetCursorScreenPos(close_at);
    if (icon_button(on_dark, "##close", Icon::Close, nullptr, white)) viewer_.open = false;
    float zx = pos.x + size.x - m.hit - m.pad;
    float zy = pos.y + size.y - (m.hit + m.gap) * 3 - m.pad - (caption.empty() && viewer_.credit.empty() ? 0 : m.pad * 4);
    struct Ctl {
        const char* id;
        Icon icon;
    };
    const Ctl ctls[] = {{"##zin", Icon::ZoomIn}, {"##zout", Icon::ZoomOut}, {"##fit", Icon::Fit}};
    for (int i = 0; i < 3; ++i) {
        ImVec2 at(zx, zy + static_cast<float>(i) * (m.hit + m.gap));
        disc(at);
        ImGui::SetCursorScreenPos(at);
        if (icon_button(on_dark, ctls[i].id, ctls[i].icon, nullptr, white)) {
            if (i == 0) viewer_.zoom = std::min(8.0f, viewer_.zoom * 1.5f);
            if (i == 1) viewer_.zoom = std::max(1.0f, viewer_.zoom / 1.5f);
            if (i == 2) {
                viewer_.zoom = 1.0f;
                viewer_.pan = ImVec2(0, 0);
            }
        }
    }
    ImGui::End();
}

void App::draw_link_sheet() {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // A dimmed screen with a sheet at the bottom (a card in the middle on wide screens).
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(with_alpha(p.scrim, 0.45f)));
    ImGui::Begin("##linksheet", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                               ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 size = vp->Size;
    float w = std::min(size.x - m.pad * 2, 560.0f * scale());
    float inner = w - m.pad * 2;
    RichText url;
    url.add(link_.url);
    RichParams rp;
    rp.width = inner;
    rp.max_lines = 4;
    RichLayout ul = layout_rich(url, RichFonts{fonts_.ui}, rp);
    RichText note;
    note.add(t(kiosk_.on ? Str::KioskLinkNote : Str::LinkOffline));
    rp.line_height = 1.4f;
    RichLayout nl = layout_rich(note, RichFonts{fonts_.small}, rp);
    float h = m.pad * 3 + fonts_.heading->FontSize * 1.3f + ul.height + m.gap + nl.height + m.pad + m.hit;
    ImVec2 a(vp->Pos.x + (size.x - w) * 0.5f, wide_ ? vp->Pos.y + (size.y - h) * 0.5f : vp->Pos.y + size.y - h - m.pad);
    ImGui::SetCursorScreenPos(vp->Pos);
    bool outside = ImGui::InvisibleButton("##dismiss", size);
    ImGui::SetItemAllowOverlap(); // the sheet's buttons drawn on top still get their taps
    ImVec2 mouse = ImGui::GetIO().MousePos;
    if (outside && !(mouse.x >= a.x && mouse.x < a.x + w && mouse.y >= a.y && mouse.y < a.y + h))
        link_.open = false; // a tap outside the sheet closes it
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), p.surface, m.radius * 1.5f);
    float y = a.y + m.pad * 1.5f;
    draw_icon(dl, Icon::Link, ImVec2(a.x + m.pad + fonts_.heading->FontSize * 0.5f, y + fonts_.heading->FontSize * 0.6f),
              fonts_.heading->FontSize, p.accent);
    dl->AddText(fonts_.heading, fonts_.heading->FontSize, ImVec2(a.x + m.pad * 1.5f + fonts_.heading->FontSize, y), p.text,
                t(Str::Link));
    y += fonts_.heading->FontSize * 1.3f + m.gap;
    draw_rich(dl, ul, ImVec2(a.x + m.pad, y), RichColors{p.accent, p.accent, 0, 0});
    y += ul.height + m.gap;
    draw_rich(dl, nl, ImVec2(a.x + m.pad, y), RichColors{p.muted, p.muted, 0, 0});
    y += nl.height + m.pad;
    ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, y));
    // A kiosk offers nothing that reaches outside the app: no clipboard, no browser.
    if (!kiosk_.on) {
        bool copy = chip(look_, "##copy", link_.copied ? t(Str::Copied) : t(Str::CopyLink), link_.copied);
        mark_item("copy-link");
        ImGui::SameLine(0, m.gap);
        bool open = chip(look_, "##open", t(Str::OpenLink), false);
        mark_item("open-link");
        ImGui::SameLine(0, m.gap);
        if (copy) {
            SDL_SetClipboardText(link_.url.c_str());
            link_.copied = true;
        }
        if (open) {
            SDL_OpenURL(link_.url.c_str());
            link_.open = false;
        }
    }
    bool close = chip(look_, "##closelink", t(Str::Close), false);
    mark_item("close-link");
    if (close) link_.open = false;
    ImGui::End();
}

} // namespace tidings::reader
