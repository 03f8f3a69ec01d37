// The article screen: label, title, standfirst, byline and dates, hero photo with caption and
// credit, the body at a readable measure, then the related lists (publisher's, then computed).
#include "app/reader/app.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

namespace {
// True when the summary only repeats the start of the body (then it is not shown twice).
bool summary_repeats_body(const std::string& summary, const TextModel& model) {
    if (summary.empty()) return true;
    for (const Block& b : model.blocks) {
        if (b.kind != BlockKind::Paragraph) continue;
        std::string first;
        for (const Span& s : b.spans) first += s.text;
        size_t n = std::min<size_t>(60, std::min(first.size(), summary.size()));
        return n > 20 && first.compare(0, n, summary, 0, n) == 0;
    }
    return false;
}
} // namespace

void App::layout_article(ArticleData& a, float width) {
    if (a.layout_generation == fonts_.generation && a.layout_width == width) return;
    a.layout_generation = fonts_.generation;
    a.layout_width = width;
    RichParams tp;
    tp.width = width;
    tp.line_height = 1.2f;
    RichText title;
    title.add(a.view.card.title);
    a.title = layout_rich(title, RichFonts{fonts_.title}, tp);
    a.dek = RichLayout{};
    if (!summary_repeats_body(a.view.card.summary, a.model)) {
        RichText dek;
        dek.add(a.view.card.summary);
        RichParams dp;
        dp.width = width;
        dp.line_height = 1.5f;
        a.dek = layout_rich(dek, RichFonts{fonts_.body_italic}, dp);
    }
    a.body = layout_body(a.model, fonts_, width, [&a](const std::string& hash) {
        auto it = a.aspects.find(hash);
        return it == a.aspects.end() ? 0.0f : it->second;
    });
}

void App::draw_related(ArticleData& art, float width) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    if (art.related.empty()) return;
    // Groups in display order: publisher's lists as the page had them, then computed.
    struct Group {
        Str title;
        std::vector<const RelatedEntry*> entries;
    };
    std::vector<Group> groups;
    auto group_for = [&](Str title) -> Group& {
        for (Group& g : groups)
            if (g.title == title) return g;
        groups.push_back(Group{title, {}});
        return groups.back();
    };
    for (const RelatedEntry& e : art.related) {
        Str title = Str::MoreLikeThis;
        if (e.source == "publisher")
            title = e.list == "editors_choice" ? Str::EditorsChoice : e.list == "popular" ? Str::Popular : Str::RelatedArticles;
        group_for(title).entries.push_back(&e);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x0 = ImGui::GetCursorScreenPos().x;
    int cols = width > 620 * scale() ? 2 : 1;
    float gutter = m.pad;
    float cw = std::floor((width - gutter * static_cast<float>(cols - 1)) / static_cast<float>(cols));
    float inner = cw - m.pad * 2;
    int id = 0;
    for (const Group& g : groups) {
        ImGui::Dummy(ImVec2(width, m.pad * 1.5f));
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
        section_header(look_, t(g.title), width);
        ImGui::Dummy(ImVec2(width, m.gap));
        for (size_t i = 0; i < g.entries.size(); i += static_cast<size_t>(cols)) {
            // Lay out the cards of this row first: the row is as tall as its tallest card.
            struct Laid {
                const RelatedEntry* e;
                RichLayout label, title, summary, note;
                float h;
            };
            std::vector<Laid> row;
            float row_h = 0;
            for (int c = 0; c < cols && i + static_cast<size_t>(c) < g.entries.size(); ++c) {
                const RelatedEntry* e = g.entries[i + static_cast<size_t>(c)];
                Laid l{e, {}, {}, {}, {}, 0};
                RichParams rp;
                rp.width = inner;
                rp.max_lines = 1;
                if (!e->kind.empty()) {
                    RichText rt;
                    rt.add(to_upper_label(e->kind));
                    l.label = layout_rich(rt, RichFonts{fonts_.small_bold}, rp);
                }
                rp.max_lines = 3;
                rp.line_height = 1.28f;
                RichText tt;
                tt.add(trim_text(e->title));
                l.title = layout_rich(tt, RichFonts{fonts_.body_bold}, rp);
                if (!trim_text(e->summary).empty()) {
                    RichText st;
                    st.add(trim_text(e->summary));
                    rp.line_height = 1.4f;
                    l.summary = layout_rich(st, RichFonts{fonts_.ui}, rp);
                }
                if (e->target_rowid == 0) {
                    RichText nt;
                    nt.add(t(Str::NotInLibrary));
                    rp.max_lines = 1;
                    l.note = layout_rich(nt, RichFonts{fonts_.small}, rp);
                }
                l.h = m.pad * 2 + l.label.height + (l.label.height > 0 ? m.gap * 0.5f : 0) + l.title.height +
                      (l.summary.height > 0 ? m.gap * 0.5f + l.summary.height : 0) +
                      (l.note.height > 0 ? m.gap + l.note.height : 0);
                row_h = std::max(row_h, l.h);
                row.push_back(std::move(l));
            }
            float y = ImGui::GetCursorScreenPos().y;
            for (size_t c = 0; c < row.size(); ++c) {
                const Laid& l = row[c];
                ImVec2 a(x0 + static_cast<float>(c) * (cw + gutter), y);
                ImVec2 b(a.x + cw, a.y + row_h);
                bool linked = l.e->target_rowid != 0;
                ImGui::SetCursorScreenPos(a);
                ImGui::PushID(id++);
                bool pressed = ImGui::InvisibleButton("rel", ImVec2(cw, row_h));
                bool hovered = ImGui::IsItemHovered() && linked;
                ImGui::PopID();
                if (pressed && linked) open_article(l.e->target_rowid);
                if (!ImGui::IsRectVisible(a, b)) continue;
                dl->AddRectFilled(a, b, linked ? (hovered ? p.surface_alt : p.surface) : with_alpha(p.surface, 0.5f),
                                  m.radius);
                dl->AddRect(a, b, p.divider, m.radius);
                float tx = a.x + m.pad, ty = a.y + m.pad;
                ImU32 text = linked ? p.text : with_alpha(p.text, 0.75f);
                if (l.label.height > 0) {
                    draw_rich(dl, l.label, ImVec2(tx, ty), RichColors{p.accent, p.accent, 0, 0});
                    ty += l.label.height + m.gap * 0.5f;
                }
                draw_rich(dl, l.title, ImVec2(tx, ty), RichColors{text, text, 0, 0});
                ty += l.title.height;
                if (l.summary.height > 0) {
                    ty += m.gap * 0.5f;
                    draw_rich(dl, l.summary, ImVec2(tx, ty), RichColors{p.muted, p.muted, 0, 0});
                    ty += l.summary.height;
                }
                if (l.note.height > 0) {
                    float ny = b.y - m.pad - l.note.height;
                    draw_rich(dl, l.note, ImVec2(tx, ny), RichColors{p.muted, p.muted, 0, 0});
                }
            }
            ImGui::SetCursorScreenPos(ImVec2(x0, y + row_h + gutter));
            ImGui::Dummy(ImVec2(width, 0));
        }
    }
}

void App::draw_article(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    int64_t rowid = current().article;
    auto it = articles_.find(rowid);
    ArticleData* a = it == articles_.end() ? nullptr : it->second.get();

    // Top bar: back, and save on the right (not on a kiosk: nothing is kept for one visitor).
    top_bar_title(nullptr, pos, size.x, true);
    if (a && !kiosk_.on) {
        const char* label = a->bookmarked ? t(Str::SavedState) : t(Str::Save);
        ImFont* f = fonts_.ui_bold;
        float icon_px = std::round(m.hit * 0.62f);
        float bw = wide_ ? icon_px + m.gap + f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label).x + m.pad * 1.2f : m.hit;
        bw = std::max(bw, m.hit);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + size.x - bw - m.gap * (wide_ ? 2.0f : 1.0f), pos.y + (m.bar - m.hit) * 0.5f));
        if (icon_button(look_, "##bookmark", a->bookmarked ? Icon::BookmarkFilled : Icon::Bookmark,
                        wide_ ? label : nullptr, a->bookmarked ? p.accent : p.text))
            toggle_bookmark();
    }
    // Reading progress under the bar.
    if (last_scroll_max_ > 0 && a) {
        float f = std::clamp(last_scroll_y_ / last_scroll_max_, 0.0f, 1.0f);
        float h = std::max(2.0f, std::round(3 * scale()));
        dl->AddRectFilled(ImVec2(pos.x, pos.y + m.bar - h), ImVec2(pos.x + size.x * f, pos.y + m.bar), p.accent);
    }

    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + m.bar));
    ImGui::PushID(static_cast<int>(rowid));
    begin_scroll("##article", ImVec2(size.x, size.y - m.bar));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    dl = ImGui::GetWindowDrawList();
    // The measure: about 70 characters of body text, with margins on narrow screens.
    ImFont* body = fonts_.body;
    float avg = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, "the quick brown fox jumps over a lazy dog").x / 41.0f;
    float margin = wide_ ? m.pad * 3 : m.pad * 1.25f;
    float width = std::floor(std::min(size.x - margin * 2, avg * 70.0f));
    float x0 = ImGui::GetWindowPos().x + std::floor((size.x - width) * 0.5f);
    float top = ImGui::GetCursorScreenPos().y + (wide_ ? m.pad * 2.5f : m.pad * 1.5f);
    const float indent = std::max(0.5f, x0 - ImGui::GetWindowPos().x);
    ImGui::Indent(indent);
    ImVec2 clip_min = ImGui::GetWindowPos();
    ImVec2 clip_max(clip_min.x + size.x, clip_min.y + size.y - m.bar);

    if (!a) {
        auto err = article_errors_.find(rowid);
        ImGui::SetCursorScreenPos(ImVec2(x0, top));
        if (err != article_errors_.end())
            empty_state(look_, Icon::Newspaper, t(Str::ArticleGone), err->second == " " ? "" : err->second, width);
        else
            wrapped_text(fonts_.ui, p.muted, t(Str::Loading), width);
        ImGui::Unindent(indent);
        ImGui::PopStyleVar();
        end_scroll();
        ImGui::PopID();
        return;
    }
    layout_article(*a, width);
    const ArticleView& v = a->view;
    float y = top;
    RichColors text_colors{p.text, p.accent, p.highlight, p.surface_alt};

    // Label: kind and section.
    std::string label = to_upper_label(v.card.kind);
    if (!v.card.section.empty()) label += (label.empty() ? "" : "  ·  ") + to_upper_label(v.card.section);
    if (!label.empty()) {
        dl->AddText(fonts_.small_bold, fonts_.small_bold->FontSize, ImVec2(x0, y), p.accent, label.c_str());
        y += std::round(fonts_.small_bold->FontSize * 1.8f);
    }
    draw_rich(dl, a->title, ImVec2(x0, y), text_colors);
    y += a->title.height + m.pad;
    if (a->dek.lines() > 0) {
        draw_rich(dl, a->dek, ImVec2(x0, y), RichColors{p.muted, p.accent, p.highlight, p.surface_alt});
        y += a->dek.height + m.pad;
    }
    // Byline and dates.
    if (!v.authors.empty()) {
        std::string by = v.authors;
        for (size_t k = 0; (k = by.find("; ", k)) != std::string::npos;) by.replace(k, 2, ", ");
        y += wrapped_text_at(dl, ImVec2(x0, y), fonts_.ui_bold, p.text, trf(Str::By, ui_lang_, by), width, 0, 1.35f);
        y += m.gap * 0.5f;
    }
    std::string meta = format_date(v.card.published, ui_lang_);
    if (!v.updated.empty() && v.updated.substr(0, 10) != v.card.published.substr(0, 10))
        meta += (meta.empty() ? "" : "  ·  ") + trf(Str::Updated, ui_lang_, format_date(v.updated, ui_lang_));
    meta += (meta.empty() ? "" : "  ·  ") + trf(Str::MinRead, ui_lang_, std::to_string(a->minutes));
    if (!v.source_name.empty()) meta += "  ·  " + trf(Str::Source, ui_lang_, v.source_name);
    y += wrapped_text_at(dl, ImVec2(x0, y), fonts_.small, p.muted, meta, width, 0, 1.4f);
    y += m.pad;
    if (v.may_be_outdated) {
        RichText note;
        note.add(t(Str::Outdated));
        RichParams np;
        np.width = width - m.pad * 2;
        np.line_height = 1.4f;
        RichLayout l = layout_rich(note, RichFonts{fonts_.small}, np);
        dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + width, y + l.height + m.gap * 2), with_alpha(p.highlight, 0.5f),
                          m.radius);
        draw_rich(dl, l, ImVec2(x0 + m.pad, y + m.gap), RichColors{p.text, p.text, 0, 0});
        y += l.height + m.gap * 2 + m.pad;
    }
    // Hero photo with caption and credit.
    if (!v.card.photo.empty()) {
        float asp = photos_->aspect(v.card.photo);
        if (auto ai = a->aspects.find(v.card.photo); ai != a->aspects.end()) asp = ai->second;
        if (asp <= 0.1f) asp = 1.5f;
        float ph = std::round(width / asp);
        ph = std::min(ph, std::max(size.y * 0.7f, width * 0.5f));
        ImVec2 pa(x0, y), pb(x0 + width, y + ph);
        if (draw_photo_box(v.card.photo, pa, pb, static_cast<int>(width), true, "##hero"))
            open_viewer(v.card.photo, v.photo_caption, v.photo_credit);
        y += ph + m.gap;
        if (!v.photo_caption.empty())
            y += wrapped_text_at(dl, ImVec2(x0, y), fonts_.small, p.text, v.photo_caption, width, 0, 1.4f);
        if (!v.photo_credit.empty())
            y += wrapped_text_at(dl, ImVec2(x0, y), fonts_.small, p.muted, v.photo_credit, width, 0, 1.4f);
        y += m.pad;
    }
    y += m.gap;
    // Body.
    float body_top = y;
    ImVec2 mouse = ImGui::GetIO().MousePos;
    bool tapped = ImGui::IsMouseReleased(0) && ImGui::IsWindowHovered() &&
                  ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 64.0f * scale() * scale();
    int photo_id = 0;
    for (const DocItem& item : a->body.items) {
        float iy = body_top + item.y;
        if (iy > clip_max.y) break;
        if (iy + item.h < clip_min.y) {
            if (item.kind == DocItem::Kind::Photo) ++photo_id;
            continue;
        }
        float ix = x0 + item.indent;
        switch (item.kind) {
        case DocItem::Kind::Text:
            if (item.block == BlockKind::Quote)
                dl->AddRectFilled(ImVec2(x0, iy), ImVec2(x0 + std::max(3.0f, std::round(3 * scale())), iy + item.h),
                                  p.quote_bar);
            if (!item.marker.empty()) {
                ImFont* f = fonts_.body;
                ImVec2 ms = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, item.marker.c_str());
                float my = iy + std::floor((item.text.line_advance - item.text.font_size) * 0.5f);
                dl->AddText(f, f->FontSize, ImVec2(ix - ms.x - m.gap, my), p.muted, item.marker.c_str());
            }
            draw_rich(dl, item.text, ImVec2(ix, iy),
                      item.block == BlockKind::Quote ? RichColors{with_alpha(p.text, 0.85f), p.accent, p.highlight, p.surface_alt}
                                                     : text_colors,
                      clip_min.y, clip_max.y);
            if (tapped && mouse.y >= iy && mouse.y < iy + item.h) {
                int link = rich_link_at(item.text, ImVec2(ix, iy), mouse);
                if (link >= 0 && static_cast<size_t>(link) < a->body.links.size()) {
                    link_ = LinkSheet{true, a->body.links[static_cast<size_t>(link)], false};
                }
            }
            break;
        case DocItem::Kind::Photo: {
            ImVec2 pa(x0, iy), pb(x0 + width, iy + item.photo_h);
            ImGui::PushID(photo_id++);
            if (draw_photo_box(item.photo, pa, pb, static_cast<int>(width), true, "##inline")) {
                std::string caption = item.text.text, credit = item.credit.text;
                open_viewer(item.photo, caption, credit);
            }
            ImGui::PopID();
            float cy = iy + item.photo_h + std::round(body->FontSize * 0.5f);
            draw_rich(dl, item.text, ImVec2(x0, cy), RichColors{p.text, p.accent, 0, 0});
            draw_rich(dl, item.credit, ImVec2(x0, cy + item.text.height), RichColors{p.muted, p.muted, 0, 0});
            break;
        }
        case DocItem::Kind::Rule: {
            float ry = iy + item.h * 0.5f;
            for (int k = -1; k <= 1; ++k)
                dl->AddCircleFilled(ImVec2(x0 + width * 0.5f + static_cast<float>(k) * m.pad, ry), 2.5f * scale(), p.muted);
            break;
        }
        }
    }
    y = body_top + a->body.height + m.pad;
    // End mark and source.
    dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + 8 * scale(), y + 8 * scale()), p.accent);
    y += m.pad;
    if (!v.source_url.empty()) {
        ImFont* f = fonts_.small;
        std::string src = trf(Str::Source, ui_lang_, v.source_name.empty() ? v.source_url : v.source_name);
        ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, src.c_str());
        ImGui::SetCursorScreenPos(ImVec2(x0, y));
        if (ImGui::InvisibleButton("##source", ImVec2(std::min(ts.x, width), std::max(ts.y, m.hit * 0.6f))))
            link_ = LinkSheet{true, v.source_url, false};
        dl->AddText(f, f->FontSize, ImVec2(x0, y), p.accent, src.c_str());
        hline(dl, x0, x0 + ts.x, y + f->FontSize + 1, with_alpha(p.accent, 0.5f));
        y += m.hit * 0.6f;
    }
    // Tell ImGui how tall the text was, then the related lists.
    ImGui::SetCursorScreenPos(ImVec2(x0, top));
    ImGui::Dummy(ImVec2(width, y - top));
    ImGui::SetCursorScreenPos(ImVec2(x0, y));
    draw_related(*a, width);
    ImGui::Dummy(ImVec2(width, m.pad * 4));

    // Resume where the person stopped reading (from history or saved), once laid out.
    if (current().resume && last_scroll_max_ > 0) {
        current().resume = false;
        if (a->progress > 0.03 && a->progress < 0.97) set_scroll_ = static_cast<float>(a->progress) * last_scroll_max_;
    }
    ImGui::Unindent(indent);
    ImGui::PopStyleVar();
    end_scroll();
    ImGui::PopID();
}

} // namespace tidings::reader
