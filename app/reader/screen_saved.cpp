// Saved articles and reading history, with how far each was read.
#include "app/reader/app.h"

#include <algorithm>
#include <cmath>

namespace tidings::reader {

void App::draw_saved(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    if (kiosk_.on) saved_.tab = 1; // a kiosk keeps no bookmarks: this visitor's history only
    top_bar_title(t(kiosk_.on ? Str::History : Str::Saved), pos, size.x, false);
    if (!saved_.loaded && !saved_.loading) load_saved();

    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + m.bar));
    begin_scroll("##saved", ImVec2(size.x, size.y - m.bar));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    float outer = wide_ ? m.pad * 2 : m.pad;
    float width = std::min(size.x - outer * 2, 900.0f * scale());
    float x0 = ImGui::GetWindowPos().x + std::floor((size.x - width) * 0.5f);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + m.pad));
    // New lines start at the column's left edge (Indent(0) would mean the default indent).
    const float indent = std::max(0.5f, x0 - ImGui::GetWindowPos().x);
    ImGui::Indent(indent);
    if (!kiosk_.on) {
        const char* tabs[] = {t(Str::Bookmarks), t(Str::History)};
        segmented(look_, "##savedtabs", tabs, 2, saved_.tab, std::min(width, 480.0f * scale()));
        ImGui::Dummy(ImVec2(width, m.pad));
    }
    if (!saved_.error.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
        wrapped_text(fonts_.ui, p.accent, saved_.error, width);
    }
    const std::vector<ArticleCard>& list = saved_.tab == 0 ? saved_.bookmarks : saved_.history;
    if (saved_.loaded && list.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
        if (saved_.tab == 0) empty_state(look_, Icon::Bookmark, t(Str::NoBookmarks), t(Str::NoBookmarksHint), width);
        else empty_state(look_, Icon::History, t(Str::NoHistory), t(Str::NoHistoryHint), width);
    } else if (!saved_.loaded) {
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
        wrapped_text(fonts_.ui, p.muted, t(Str::Loading), width);
    } else {
        float rh = row_height(width) + std::round(m.pad * 0.8f);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(list.size()), rh);
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const ArticleCard& c = list[static_cast<size_t>(i)];
                auto pr = saved_.progress.find(c.rowid);
                double progress = pr == saved_.progress.end() ? 0.0 : pr->second;
                ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
                if (card_row(c, width, rh, saved_.tab == 0 ? "bm" : "hist", kiosk_.on ? -1.0 : progress))
                    open_article(c.rowid, !kiosk_.on);
            }
        }
        clipper.End();
        if (saved_.tab == 1) {
            ImGui::Dummy(ImVec2(width, m.pad));
            ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
            if (chip(look_, "##clear_history", t(Str::ClearHistory), false)) {
                saved_.history.clear();
                db_->post([](Result<Library>& lib, const std::atomic<bool>&) {
                    if (lib) (void)lib->clear_history();
                });
            }
        }
    }
    ImGui::Dummy(ImVec2(width, m.pad * 3));
    ImGui::Unindent(indent);
    ImGui::PopStyleVar();
    end_scroll();
}

} // namespace tidings::reader
