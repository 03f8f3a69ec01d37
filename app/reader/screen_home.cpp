// The home screen: editor's choice, then the latest articles (all or one section), filtered by
// language; the long list is virtualised with ImGuiListClipper and pages load on a worker.
#include "app/reader/app.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

namespace {
// "2 February 2023 · Հայերեն": the date, and the language when the library has several.
std::string card_meta(const ArticleCard& c, UiLang lang, bool show_language) {
    std::string s = format_date(c.published, lang);
    if (show_language && !c.language.empty()) {
        if (!s.empty()) s += "  ·  ";
        s += content_language_name(c.language);
    }
    return s;
}

// "NEWS" or "NEWS · SOUTH CAUCASUS".
std::string card_label(const ArticleCard& c, bool with_section) {
    std::string s = to_upper_label(c.kind);
    if (with_section && !c.section.empty()) {
        if (!s.empty()) s += "  ·  ";
        s += to_upper_label(c.section);
    }
    return s;
}
} // namespace

float App::row_height(float width) const {
    (void)width;
    float small = std::round(fonts_.small->FontSize * 1.35f);
    float title = 2 * std::round(fonts_.body_bold->FontSize * 1.28f);
    float summary = 2 * std::round(fonts_.ui->FontSize * 1.4f);
    return std::round(look_.m.pad * 2 + small + look_.m.gap * 0.5f + title + look_.m.gap * 0.5f + summary);
}

bool App::draw_photo_box(const std::string& hash, ImVec2 a, ImVec2 b, int want_px, bool tappable, const char* id) {
    const Palette& p = *look_.pal;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    bool pressed = false;
    if (tappable) {
        ImGui::SetCursorScreenPos(a);
        pressed = ImGui::InvisibleButton(id, ImVec2(b.x - a.x, b.y - a.y));
    }
    if (!ImGui::IsRectVisible(a, b)) return pressed;
    PhotoView v = photos_->get(hash, want_px);
    if (!v.texture || v.width <= 0 || v.height <= 0) {
        dl->AddRectFilled(a, b, p.placeholder);
        float icon = std::min({b.x - a.x, b.y - a.y, look_.m.hit}) * 0.6f;
        draw_icon(dl, v.failed ? Icon::Newspaper : Icon::Photo, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), icon,
                  with_alpha(p.muted, 0.5f));
        return pressed;
    }
    // Fill the box, cropping the photo's overflow (centre crop).
    float bw = b.x - a.x, bh = b.y - a.y;
    float ta = static_cast<float>(v.width) / static_cast<float>(v.height), ba = bw / bh;
    ImVec2 uv0(0, 0), uv1(1, 1);
    if (ta > ba) {
        float f = ba / ta;
        uv0.x = (1 - f) * 0.5f;
        uv1.x = 1 - uv0.x;
    } else {
        float f = ta / ba;
        uv0.y = (1 - f) * 0.5f;
        uv1.y = 1 - uv0.y;
    }
    // Square corners: a rounded image is a fan of triangles, which SDL's software renderer maps
    // unevenly; a plain quad is drawn exactly.
    dl->AddImage(reinterpret_cast<ImTextureID>(v.texture), a, b, uv0, uv1);
    return pressed;
}

bool App::card_row(const ArticleCard& c, float width, float height, const char* id, double progress) {
    const Palette& p = *look_.pal;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::PushID(id);
    ImGui::PushID(static_cast<int>(c.rowid));
    bool pressed = ImGui::InvisibleButton("row", ImVec2(width, height));
    bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
    ImGui::PopID();
    ImGui::PopID();
    if (!ImGui::IsItemVisible()) return pressed;
    if (hovered || held)
        dl->AddRectFilled(ImVec2(a.x - look_.m.gap, a.y), ImVec2(a.x + width + look_.m.gap, a.y + height),
                          held ? p.surface_alt : with_alpha(p.surface_alt, 0.6f), look_.m.radius);
    float pad = look_.m.pad;
    float thumb_w = 0, thumb_h = 0;
    if (!c.photo.empty()) {
        thumb_h = height - pad * 2;
        thumb_w = std::round(std::min(thumb_h * 1.5f, width * 0.3f));
        ImVec2 ta(a.x + width - thumb_w, a.y + pad);
        draw_photo_box(c.photo, ta, ImVec2(ta.x + thumb_w, ta.y + thumb_h), static_cast<int>(thumb_w), false, nullptr);
    }
    float tw = width - (thumb_w > 0 ? thumb_w + pad : 0.0f);
    float x = a.x, y = a.y + pad;
    std::string label = card_label(c, home_.section.empty());
    if (!label.empty()) {
        RichText rt;
        rt.add(label);
        RichParams rp;
        rp.width = tw;
        rp.max_lines = 1;
        rp.line_height = 1.35f;
        RichLayout l = layout_rich(rt, RichFonts{fonts_.small_bold}, rp);
        draw_rich(dl, l, ImVec2(x, y), RichColors{p.accent, p.accent, 0, 0});
    }
    y += std::round(fonts_.small->FontSize * 1.35f) + look_.m.gap * 0.5f;
    float th = wrapped_text_at(dl, ImVec2(x, y), fonts_.body_bold, p.text, trim_text(c.title), tw, 2, 1.28f);
    y += th + look_.m.gap * 0.5f;
    int summary_lines = th > fonts_.body_bold->FontSize * 1.5f ? 1 : 2;
    std::string meta = card_meta(c, ui_lang_, home_.languages.size() > 1);
    if (!trim_text(c.summary).empty()) {
        y += wrapped_text_at(dl, ImVec2(x, y), fonts_.ui, p.muted, trim_text(c.summary), tw, summary_lines, 1.4f);
    }
    // Date and language at the bottom of the text column.
    float meta_y = a.y + height - pad - fonts_.small->FontSize * 1.3f;
    if (meta_y > y - 2 && !meta.empty())
        dl->AddText(fonts_.small, fonts_.small->FontSize, ImVec2(x, std::floor(meta_y)), p.muted, meta.c_str());
    if (progress >= 0) {
        float bw = std::min(tw * 0.4f, 160 * scale());
        float by = a.y + height - pad * 0.5f;
        progress_bar(dl, ImVec2(x, by - 3 * scale()), ImVec2(x + bw, by), static_cast<float>(progress), p.surface_alt,
                     p.accent);
        std::string pct = trf(Str::ReadPercent, ui_lang_, std::to_string(static_cast<int>(std::round(progress * 100))));
        dl->AddText(fonts_.small, fonts_.small->FontSize,
                    ImVec2(x + bw + look_.m.gap, std::floor(by - 1.5f * scale() - fonts_.small->FontSize * 0.5f)), p.muted,
                    pct.c_str());
    }
    hline(dl, a.x, a.x + width, a.y + height - 1, p.divider);
    return pressed;
}

bool App::feature_card(const ArticleCard& c, float width, bool large, bool beside) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 a = ImGui::GetCursorScreenPos();
    float gap = m.gap;
    bool side = large && beside; // photo beside the text
    float photo_w = side ? std::round(width * 0.56f) : width;
    float photo_h = std::round(photo_w / (side ? 1.6f : (large ? 1.78f : 1.5f)));
    float text_w = side ? width - photo_w - m.pad * 1.5f : width;
    // Text first, so the card is exactly as tall as what it shows.
    RichParams rp;
    rp.width = text_w;
    rp.max_lines = 1;
    RichText lt;
    lt.add(card_label(c, true));
    RichLayout label = layout_rich(lt, RichFonts{fonts_.small_bold}, rp);
    RichText tt;
    tt.add(trim_text(c.title));
    rp.max_lines = large ? 4 : 3;
    rp.line_height = large ? 1.22f : 1.28f;
    RichLayout title = layout_rich(tt, RichFonts{large ? fonts_.heading : fonts_.body_bold}, rp);
    RichLayout summary;
    if (large && !trim_text(c.summary).empty()) {
        RichText st;
        st.add(trim_text(c.summary));
        rp.max_lines = side ? 6 : 3;
        rp.line_height = 1.45f;
        summary = layout_rich(st, RichFonts{fonts_.ui}, rp);
    }
    float small_h = std::round(fonts_.small->FontSize * 1.35f);
    float text_h = label.height + gap * 0.5f + title.height + gap + (summary.lines() ? summary.height + gap : 0.0f) + small_h;
    float height = side ? std::max(photo_h, text_h) : photo_h + gap * 1.5f + text_h;
    if (!large) {
        // Cards in a grid line up: reserve three title lines.
        float three = std::round(fonts_.body_bold->FontSize * 1.28f) * 3;
        height = photo_h + gap * 1.5f + label.height + gap * 0.5f + three + gap + small_h;
    }
    ImGui::PushID(static_cast<int>(c.rowid));
    bool pressed = ImGui::InvisibleButton("feature", ImVec2(width, height));
    bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    if (!ImGui::IsItemVisible()) return pressed;
    ImVec2 pa = a, pb(a.x + photo_w, a.y + photo_h);
    if (!c.photo.empty()) {
        draw_photo_box(c.photo, pa, pb, static_cast<int>(std::max(photo_w, photo_h)), false, nullptr);
    } else {
        dl->AddRectFilled(pa, pb, p.surface_alt);
        draw_icon(dl, Icon::Newspaper, ImVec2((pa.x + pb.x) * 0.5f, (pa.y + pb.y) * 0.5f), photo_h * 0.3f,
                  with_alpha(p.muted, 0.4f));
    }
    float x = side ? a.x + photo_w + m.pad * 1.5f : a.x;
    float y = side ? a.y + gap * 0.5f : a.y + photo_h + gap * 1.5f;
    draw_rich(dl, label, ImVec2(x, y), RichColors{p.accent, p.accent, 0, 0});
    y += label.height + gap * 0.5f;
    ImU32 tc = hovered ? with_alpha(p.text, 0.8f) : p.text;
    draw_rich(dl, title, ImVec2(x, y), RichColors{tc, tc, 0, 0});
    y += title.height + gap;
    if (summary.lines()) {
        draw_rich(dl, summary, ImVec2(x, y), RichColors{p.muted, p.muted, 0, 0});
        y += summary.height + gap;
    }
    if (!large) y = a.y + height - small_h;
    std::string meta = card_meta(c, ui_lang_, home_.languages.size() > 1);
    dl->AddText(fonts_.small, fonts_.small->FontSize, ImVec2(x, std::floor(y)), p.muted, meta.c_str());
    return pressed;
}

void App::draw_home(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Masthead.
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + m.bar), p.surface);
    hline(dl, pos.x, pos.x + size.x, pos.y + m.bar - 1, p.divider);
    {
        ImFont* f = fonts_.title;
        const char* name = t(Str::AppName);
        float x = pos.x + m.pad * (wide_ ? 2.0f : 1.0f);
        if (!wide_) {
            float mark = std::round(f->FontSize * 1.05f);
            ImVec2 mp(x, std::floor(pos.y + (m.bar - mark) * 0.5f));
            dl->AddRectFilled(mp, ImVec2(mp.x + mark, mp.y + mark), p.accent, m.radius * 0.6f);
            ImFont* tf = fonts_.heading;
            ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, "T");
            dl->AddText(tf, tf->FontSize, ImVec2(std::floor(mp.x + (mark - ts.x) * 0.5f), std::floor(mp.y + (mark - ts.y) * 0.5f)),
                        p.on_accent, "T");
            x += mark + m.gap * 1.5f;
        }
        dl->AddText(f, f->FontSize, ImVec2(x, std::floor(pos.y + (m.bar - f->FontSize) * 0.5f)), p.text, name);
        if (home_.facets_loaded && home_.article_count > 0) {
            std::string n = trf(Str::ArticlesCount, ui_lang_, std::to_string(home_.article_count));
            ImFont* sf = fonts_.small;
            ImVec2 ns = sf->CalcTextSizeA(sf->FontSize, FLT_MAX, 0, n.c_str());
            dl->AddText(sf, sf->FontSize, ImVec2(pos.x + size.x - ns.x - m.pad * (wide_ ? 2.0f : 1.0f),
                                                 std::floor(pos.y + (m.bar - sf->FontSize) * 0.5f)),
                        p.muted, n.c_str());
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + m.bar));
    begin_scroll("##home", ImVec2(size.x, size.y - m.bar));
    float outer = wide_ ? m.pad * 2 : m.pad;
    float width = std::min(size.x - outer * 2, 1080.0f * scale());
    float x0 = ImGui::GetWindowPos().x + std::floor((size.x - width) * 0.5f);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + m.pad));
    // New lines start at the column's left edge (Indent(0) would mean the default indent).
    const float indent = std::max(0.5f, x0 - ImGui::GetWindowPos().x);
    ImGui::Indent(indent);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));

    if (!home_.error.empty()) {
        wrapped_text(fonts_.ui, p.accent, home_.error, width);
        ImGui::Dummy(ImVec2(width, m.pad));
    }
    if (home_.facets_loaded && home_.article_count == 0) {
        empty_state(look_, Icon::Newspaper, t(Str::EmptyTitle), t(Str::EmptyHint), width);
    }

    // Language filter, only when the library holds several languages.
    if (home_.languages.size() > 1) {
        ChipFlow flow = chip_flow_begin(look_, width);
        if (chip_in(look_, flow, "##lang_all", t(Str::AllLanguages), home_.language.empty()) && !home_.language.empty()) {
            home_.language.clear();
            home_.section.clear();
            home_.editors_loaded = false;
            load_facets();
            load_editors();
        }
        for (const FacetCount& f : home_.languages) {
            std::string label = content_language_name(f.value);
            ImGui::PushID(f.value.c_str());
            if (chip_in(look_, flow, "##lang", label, home_.language == f.value) && home_.language != f.value) {
                home_.language = f.value;
                home_.section.clear();
                home_.editors_loaded = false;
                load_facets();
                load_editors();
            }
            ImGui::PopID();
        }
        chip_flow_end(look_, flow);
        ImGui::Dummy(ImVec2(width, m.pad));
    }

    // Editor's choice: on wide screens the lead story beside a column of the next ones, on
    // narrow screens the lead story on top of a list.
    if (!home_.editors.empty() && home_.section.empty()) {
        section_header(look_, t(Str::EditorsChoice), width);
        ImGui::Dummy(ImVec2(width, m.gap));
        const auto& ec = home_.editors;
        if (wide_ && ec.size() > 1) {
            float gutter = m.pad * 2;
            float lead_w = std::floor(width * 0.6f);
            float side_w = width - lead_w - gutter;
            ImVec2 top = ImGui::GetCursorScreenPos();
            ImGui::BeginGroup();
            if (feature_card(ec[0], lead_w, true, false)) open_article(ec[0].rowid);
            ImGui::EndGroup();
            float bottom = ImGui::GetItemRectMax().y;
            ImGui::SetCursorScreenPos(ImVec2(top.x + lead_w + gutter, top.y));
            ImGui::BeginGroup();
            float rh = row_height(side_w);
            size_t shown = std::min<size_t>(ec.size() - 1, 4);
            for (size_t i = 1; i <= shown; ++i)
                if (card_row(ec[i], side_w, rh, "ec")) open_article(ec[i].rowid);
            ImGui::EndGroup();
            bottom = std::max(bottom, ImGui::GetItemRectMax().y);
            ImGui::SetCursorScreenPos(ImVec2(top.x, bottom));
            ImGui::Dummy(ImVec2(width, m.pad * 2));
        } else {
            if (feature_card(ec[0], width, true, wide_)) open_article(ec[0].rowid);
            ImGui::Dummy(ImVec2(width, m.pad * 1.5f));
            float rh = row_height(width);
            for (size_t i = 1; i < ec.size(); ++i)
                if (card_row(ec[i], width, rh, "ec")) open_article(ec[i].rowid);
            if (ec.size() > 1) ImGui::Dummy(ImVec2(width, m.pad * 1.5f));
        }
    }

    // Latest, with the section filter (its first page may come before the counts).
    if ((home_.facets_loaded && home_.article_count > 0) || !home_.list.pages.empty()) {
        section_header(look_, home_.section.empty() ? t(Str::Latest) : home_.section.c_str(), width);
        if (!home_.sections.empty()) {
            ImGui::Dummy(ImVec2(width, m.gap * 0.5f));
            ChipFlow flow = chip_flow_begin(look_, width);
            if (chip_in(look_, flow, "##sec_all", t(Str::AllSections), home_.section.empty()) && !home_.section.empty()) {
                home_.section.clear();
                reset_home_list();
            }
            size_t shown = std::min<size_t>(home_.sections.size(), 16);
            for (size_t i = 0; i < shown; ++i) {
                const FacetCount& f = home_.sections[i];
                ImGui::PushID(f.value.c_str());
                if (chip_in(look_, flow, "##sec", f.value, home_.section == f.value) && home_.section != f.value) {
                    home_.section = f.value;
                    reset_home_list();
                }
                ImGui::PopID();
            }
            chip_flow_end(look_, flow);
        }
        ImGui::Dummy(ImVec2(width, m.gap));

        CardPager& list = home_.list;
        float rh = row_height(width);
        if (list.total == 0) {
            wrapped_text(fonts_.ui, p.muted, t(Str::NothingHere), width);
        }
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(std::min<int64_t>(list.total, 1'000'000)), rh);
        int64_t first_visible = -1, last_visible = -1;
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                if (first_visible < 0) first_visible = i;
                last_visible = i;
                int64_t page = i / CardPager::kPage;
                auto it = list.pages.find(page);
                size_t k = static_cast<size_t>(i % CardPager::kPage);
                ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
                if (it != list.pages.end() && k < it->second.size()) {
                    const ArticleCard& c = it->second[k];
                    if (card_row(c, width, rh, "latest")) open_article(c.rowid);
                } else {
                    // Not loaded yet: a quiet skeleton of the row.
                    ImVec2 a = ImGui::GetCursorScreenPos();
                    ImGui::Dummy(ImVec2(width, rh));
                    float y = a.y + m.pad;
                    float lh = fonts_.body_bold->FontSize;
                    dl = ImGui::GetWindowDrawList();
                    dl->AddRectFilled(ImVec2(a.x, y), ImVec2(a.x + width * 0.18f, y + lh * 0.6f), p.surface_alt, 4);
                    y += lh * 1.3f;
                    dl->AddRectFilled(ImVec2(a.x, y), ImVec2(a.x + width * 0.55f, y + lh), p.surface_alt, 4);
                    y += lh * 1.5f;
                    dl->AddRectFilled(ImVec2(a.x, y), ImVec2(a.x + width * 0.45f, y + lh), p.surface_alt, 4);
                    hline(dl, a.x, a.x + width, a.y + rh - 1, p.divider);
                }
            }
        }
        clipper.End();
        if (first_visible >= 0)
            request_pages(first_visible / CardPager::kPage, (last_visible + CardPager::kPage / 2) / CardPager::kPage);
        else if (list.total > 0)
            request_pages(0, 0);
    } else if (!home_.facets_loaded) {
        wrapped_text(fonts_.ui, p.muted, t(Str::Loading), width);
    }
    ImGui::Dummy(ImVec2(width, m.pad * 3));
    ImGui::Unindent(indent);
    ImGui::PopStyleVar();
    end_scroll();
}

} // namespace tidings::reader
