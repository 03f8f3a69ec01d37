// The search screen: a field that searches as you type (on a worker, newest query only),
// title suggestions first, then full-text results with the matched words highlighted.
#include "app/reader/app.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

void App::draw_search(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SearchState& s = search_state_;

    // The bar holds the search field.
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + m.bar), p.surface);
    hline(dl, pos.x, pos.x + size.x, pos.y + m.bar - 1, p.divider);
    float outer = wide_ ? m.pad * 2 : m.pad;
    float width = std::min(size.x - outer * 2, 1080.0f * scale());
    float x0 = pos.x + std::floor((size.x - width) * 0.5f);
    {
        float field_h = m.hit;
        float fy = pos.y + std::floor((m.bar - field_h) * 0.5f);
        float icon_w = field_h * 0.9f;
        if (kiosk_.on) {
            draw_kiosk_search_field(ImVec2(x0, fy), width, field_h); // typed on the screen's keyboard
        } else {
            ImGui::SetCursorScreenPos(ImVec2(x0, fy));
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                                ImVec2(icon_w, std::floor((field_h - fonts_.ui->FontSize) * 0.5f)));
            ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, field_h * 0.5f);
            ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::ColorConvertU32ToFloat4(p.surface_alt));
            ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, ImGui::ColorConvertU32ToFloat4(p.surface_alt));
            ImGui::PushStyleColor(ImGuiCol_FrameBgActive, ImGui::ColorConvertU32ToFloat4(p.surface_alt));
            ImGui::SetNextItemWidth(width);
            if (s.focus) {
                ImGui::SetKeyboardFocusHere();
                s.focus = false;
            }
            if (ImGui::InputTextWithHint("##query", t(Str::SearchHint), s.input, sizeof s.input)) post_search();
            ImGui::PopStyleColor(3);
            ImGui::PopStyleVar(2);
            draw_icon(dl, Icon::Search, ImVec2(x0 + icon_w * 0.55f, fy + field_h * 0.5f), field_h * 0.45f, p.muted);
            if (s.input[0]) {
                ImGui::SetCursorScreenPos(ImVec2(x0 + width - field_h, fy));
                if (icon_button(look_, "##clear", Icon::Clear, nullptr, p.muted)) {
                    s.input[0] = 0;
                    s.focus = true;
                    post_search();
                }
            }
        }
    }

    // A kiosk's keyboard is docked under the results.
    float keyboard_h = kiosk_.on && kiosk_.keyboard_open ? kiosk_keyboard_height(size.x) : 0.0f;
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + m.bar));
    begin_scroll("##search", ImVec2(size.x, size.y - m.bar - keyboard_h));
    dl = ImGui::GetWindowDrawList();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    x0 = ImGui::GetWindowPos().x + std::floor((size.x - width) * 0.5f);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + m.pad));
    // New lines start at the column's left edge (Indent(0) would mean the default indent).
    const float indent = std::max(0.5f, x0 - ImGui::GetWindowPos().x);
    ImGui::Indent(indent);

    if (!s.input[0]) {
        empty_state(look_, Icon::Search, t(Str::Search), t(Str::SearchIntro), width);
    } else {
        if (!s.error.empty()) {
            wrapped_text(fonts_.ui, p.accent, s.error, width);
            ImGui::Dummy(ImVec2(width, m.pad));
        }
        // Titles that start with what was typed: the quickest way to a known article.
        if (!s.suggestions.empty()) {
            section_header(look_, t(Str::Titles), width);
            for (const ArticleCard& c : s.suggestions) {
                ImVec2 a = ImGui::GetCursorScreenPos();
                ImGui::SetCursorScreenPos(ImVec2(x0, a.y));
                a.x = x0;
                float h = std::max(m.hit, std::round(fonts_.ui_bold->FontSize * 2.4f));
                ImGui::PushID(static_cast<int>(c.rowid));
                bool pressed = ImGui::InvisibleButton("sug", ImVec2(width, h));
                bool hovered = ImGui::IsItemHovered();
                ImGui::PopID();
                if (hovered) dl->AddRectFilled(a, ImVec2(a.x + width, a.y + h), p.surface_alt, m.radius);
                draw_icon(dl, Icon::Search, ImVec2(a.x + m.pad, a.y + h * 0.5f), fonts_.ui->FontSize * 0.8f, p.muted);
                float tx = a.x + m.pad * 2.2f;
                std::string date = format_date(c.published, ui_lang_);
                ImFont* sf = fonts_.small;
                float dw = sf->CalcTextSizeA(sf->FontSize, FLT_MAX, 0, date.c_str()).x;
                float title_w = width - (tx - a.x) - dw - m.pad * 2;
                wrapped_text_at(dl, ImVec2(tx, a.y + std::floor((h - fonts_.ui_bold->FontSize * 1.3f) * 0.5f)),
                                fonts_.ui_bold, p.text, c.title, title_w, 1, 1.3f);
                dl->AddText(sf, sf->FontSize, ImVec2(a.x + width - dw - m.pad, std::floor(a.y + (h - sf->FontSize) * 0.5f)),
                            p.muted, date.c_str());
                if (pressed) open_article(c.rowid);
            }
            ImGui::Dummy(ImVec2(width, m.pad));
        }
        // Full-text results.
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
        std::string header = t(Str::Results);
        if (s.has_results && s.results.estimated_total > 0)
            header += "  ·  " + trf(Str::ArticlesCount, ui_lang_,
                                    s.results.total_is_exact ? std::to_string(s.results.estimated_total)
                                                             : std::to_string(s.results.estimated_total - 1) + "+");
        section_header(look_, header, width);
        if (s.has_results && s.results.order == SearchOrder::Newest && !s.results.hits.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
            wrapped_text(fonts_.small, p.muted, t(Str::ResultsNewest), width);
            ImGui::Dummy(ImVec2(width, m.gap));
        }
        if (!s.has_results && s.searching) {
            ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
            wrapped_text(fonts_.ui, p.muted, t(Str::Searching), width);
        } else if (s.has_results && s.results.hits.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + m.pad));
            empty_state(look_, Icon::Search, trf(Str::NoResults, ui_lang_, s.shown), t(Str::SearchIntro), width);
        }
        RichColors marked{p.text, p.accent, p.highlight, p.surface_alt};
        RichColors marked_muted{p.muted, p.accent, p.highlight, p.surface_alt};
        if (s.has_results) {
            for (const SearchHit& h : s.results.hits) {
                const ArticleCard& c = h.card;
                float thumb_w = c.photo.empty() ? 0.0f : std::round(std::min(width * 0.28f, 160.0f * scale()));
                float tw = width - (thumb_w > 0 ? thumb_w + m.pad : 0.0f);
                std::string label = to_upper_label(c.kind);
                std::string date = format_date(c.published, ui_lang_);
                if (!date.empty()) label += (label.empty() ? "" : "  ·  ") + date;
                RichParams rp;
                rp.width = tw;
                rp.max_lines = 3;
                rp.line_height = 1.28f;
                RichText title;
                title.add_marked(h.title_marked.empty() ? c.title : h.title_marked);
                RichLayout tl = layout_rich(title, RichFonts{fonts_.body_bold}, rp);
                RichText snip;
                snip.add_marked(h.snippet.empty() ? c.summary : h.snippet);
                rp.line_height = 1.45f;
                RichLayout sl = layout_rich(snip, RichFonts{fonts_.ui}, rp);
                float label_h = std::round(fonts_.small->FontSize * 1.35f);
                float text_h = label_h + m.gap * 0.5f + tl.height + m.gap * 0.5f + sl.height;
                float row_h = std::max(text_h, thumb_w / 1.5f) + m.pad * 2;
                ImVec2 a(x0, ImGui::GetCursorScreenPos().y);
                ImGui::SetCursorScreenPos(a);
                ImGui::PushID(static_cast<int>(c.rowid));
                bool pressed = ImGui::InvisibleButton("hit", ImVec2(width, row_h));
                bool hovered = ImGui::IsItemHovered();
                ImGui::PopID();
                if (pressed) open_article(c.rowid);
                if (!ImGui::IsItemVisible()) continue;
                if (hovered)
                    dl->AddRectFilled(ImVec2(a.x - m.gap, a.y), ImVec2(a.x + width + m.gap, a.y + row_h),
                                      with_alpha(p.surface_alt, 0.6f), m.radius);
                float y = a.y + m.pad;
                dl->AddText(fonts_.small_bold, fonts_.small_bold->FontSize, ImVec2(a.x, y), p.accent, label.c_str());
                y += label_h + m.gap * 0.5f;
                draw_rich(dl, tl, ImVec2(a.x, y), marked);
                y += tl.height + m.gap * 0.5f;
                draw_rich(dl, sl, ImVec2(a.x, y), marked_muted);
                if (thumb_w > 0) {
                    ImVec2 ta(a.x + width - thumb_w, a.y + m.pad);
                    draw_photo_box(c.photo, ta, ImVec2(ta.x + thumb_w, ta.y + std::round(thumb_w / 1.5f)),
                                   static_cast<int>(thumb_w), false, nullptr);
                }
                hline(dl, a.x, a.x + width, a.y + row_h - 1, p.divider);
            }
            if (static_cast<int>(s.results.hits.size()) >= s.limit && s.results.estimated_total > s.limit) {
                ImGui::Dummy(ImVec2(width, m.pad));
                ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
                if (chip(look_, "##more", t(Str::MoreResults), false)) {
                    s.limit += 30;
                    s.sent.clear();
                    post_search();
                }
            }
        }
    }
    ImGui::Dummy(ImVec2(width, m.pad * 3));
    ImGui::Unindent(indent);
    ImGui::PopStyleVar();
    end_scroll();
    if (keyboard_h > 0)
        draw_keyboard(kiosk_.keyboard, ImVec2(pos.x, pos.y + size.y - keyboard_h), ImVec2(size.x, keyboard_h),
                      [this](const OskKey& key) { kiosk_search_key(key); });
}

} // namespace tidings::reader
