// Settings: text size (rebuilds the font atlas), day or night, the app's language, and what the
// library holds.
#include "app/reader/app.h"
#include "core/minisign.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tidings::reader {

namespace {
constexpr float kTextScales[] = {0.85f, 1.0f, 1.15f, 1.3f, 1.5f};
constexpr const char* kTextScaleLabels[] = {"85%", "100%", "115%", "130%", "150%"};
} // namespace

void App::draw_settings(ImVec2 pos, ImVec2 size) {
    if (kiosk_.on) {
        draw_kiosk_settings(pos, size); // visitors choose a language and a text size, nothing else
        return;
    }
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    top_bar_title(t(Str::Settings), pos, size.x, false);
    if (!channels_loaded_) {
        channels_loaded_ = true;
        MainQueue* q = &queue_;
        db_->post([this, q](Result<Library>& lib, const std::atomic<bool>&) {
            if (!lib) return;
            auto ch = lib->channels();
            if (!ch) return;
            std::map<std::string, std::string> alerts;
            for (const ChannelInfo& c : ch.value())
                if (auto a = lib->setting("alert.conflict." + c.id); a && a.value()) alerts[c.id] = *a.value();
            q->post([this, ch = ch.value(), alerts = std::move(alerts)] {
                channels_ = ch;
                channel_alerts_ = alerts;
            });
        });
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + m.bar));
    begin_scroll("##settings", ImVec2(size.x, size.y - m.bar));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float outer = wide_ ? m.pad * 2 : m.pad;
    float width = std::min(size.x - outer * 2, 720.0f * scale());
    float x0 = ImGui::GetWindowPos().x + std::floor((size.x - width) * 0.5f);
    float inner = width - m.pad * 2;
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + m.pad * 1.5f));
    // New lines start at the column's left edge (Indent(0) would mean the default indent).
    const float indent = std::max(0.5f, x0 - ImGui::GetWindowPos().x);
    ImGui::Indent(indent);

    // Each group is a card: its content is drawn first (channel 1), the card behind it after
    // its height is known (channel 0).
    auto group = [&](const char* title, auto&& body) {
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
        ImFont* hf = fonts_.small_bold;
        std::string up = to_upper_label(title);
        ImVec2 hp = ImGui::GetCursorScreenPos();
        dl->AddText(hf, hf->FontSize, ImVec2(hp.x + m.pad * 0.5f, hp.y), p.muted, up.c_str());
        ImGui::Dummy(ImVec2(width, hf->FontSize * 1.8f));
        ImVec2 top = ImGui::GetCursorScreenPos();
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, top.y + m.pad));
        body();
        float bottom = ImGui::GetCursorScreenPos().y + m.pad;
        dl->ChannelsSetCurrent(0);
        dl->AddRectFilled(ImVec2(x0, top.y), ImVec2(x0 + width, bottom), p.surface, m.radius);
        dl->AddRect(ImVec2(x0, top.y), ImVec2(x0 + width, bottom), p.divider, m.radius);
        dl->ChannelsMerge();
        ImGui::SetCursorScreenPos(ImVec2(x0, bottom));
        ImGui::Dummy(ImVec2(width, m.pad * 1.5f));
    };
    auto line = [&]() {
        ImVec2 c = ImGui::GetCursorScreenPos();
        hline(dl, x0 + m.pad, x0 + width - m.pad, c.y, p.divider);
    };

    group(t(Str::TextSize), [&] {
        int current = 1;
        for (int i = 0; i < 5; ++i)
            if (std::fabs(kTextScales[i] - text_scale_) < 0.01f) current = i;
        if (segmented(look_, "##textsize", kTextScaleLabels, 5, current, inner)) {
            text_scale_ = kTextScales[current];
            fonts_dirty_ = true;
            char buf[16];
            std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(text_scale_));
            save_setting("reader.text_scale", buf);
        }
        ImGui::Dummy(ImVec2(inner, m.pad));
        ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y));
        wrapped_text(fonts_.body, p.text, t(Str::TextPreview), inner, 0, 1.6f);
    });

    group(t(Str::Theme), [&] {
        const char* labels[] = {t(Str::Day), t(Str::Night)};
        int current = theme_ == ThemeKind::Night ? 1 : 0;
        if (segmented(look_, "##theme", labels, 2, current, inner)) {
            theme_ = current == 1 ? ThemeKind::Night : ThemeKind::Day;
            look_.pal = &palette(theme_);
            style_dirty_ = true;
            save_setting("reader.theme", current == 1 ? "night" : "day");
        }
    });

    group(t(Str::AppLanguage), [&] {
        for (int i = 0; i < kUiLangCount; ++i) {
            auto lang = static_cast<UiLang>(i);
            ImVec2 a(x0 + m.pad, ImGui::GetCursorScreenPos().y);
            ImGui::SetCursorScreenPos(a);
            ImGui::PushID(i);
            bool pressed = ImGui::InvisibleButton("lang", ImVec2(inner, m.hit));
            bool hovered = ImGui::IsItemHovered();
            ImGui::PopID();
            bool on = lang == ui_lang_;
            if (hovered) dl->AddRectFilled(a, ImVec2(a.x + inner, a.y + m.hit), p.surface_alt, m.radius * 0.6f);
            ImFont* f = on ? fonts_.ui_bold : fonts_.ui;
            dl->AddText(f, f->FontSize, ImVec2(a.x + m.gap, std::floor(a.y + (m.hit - f->FontSize) * 0.5f)), p.text,
                        ui_lang_native_name(lang));
            if (on) {
                // A check mark.
                float cx = a.x + inner - m.pad, cy = a.y + m.hit * 0.5f, r = m.hit * 0.18f;
                ImVec2 pts[] = {ImVec2(cx - r, cy), ImVec2(cx - r * 0.3f, cy + r * 0.7f), ImVec2(cx + r, cy - r * 0.8f)};
                dl->AddPolyline(pts, 3, p.accent, 0, std::max(2.0f, 2.5f * scale()));
            }
            if (pressed && !on) {
                ui_lang_ = lang;
                save_setting("reader.ui_lang", ui_lang_code(lang));
            }
            if (i + 1 < kUiLangCount) {
                ImGui::SetCursorScreenPos(ImVec2(x0, a.y + m.hit));
                line();
            }
        }
    });

    group(t(Str::SyncUpdates), [&] { draw_sync_settings(x0, inner); });

    group(t(Str::Library), [&] {
        std::string count = trf(Str::ArticlesCount, ui_lang_, std::to_string(home_.article_count));
        wrapped_text(fonts_.ui_bold, p.text, count, inner);
        for (const ChannelInfo& c : channels_) {
            ImGui::Dummy(ImVec2(inner, m.gap));
            ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y));
            std::string title = c.title.empty() ? c.id : c.title;
            wrapped_text(fonts_.ui, p.text, title, inner);
            ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y));
            std::string detail = c.id + "  ·  #" + std::to_string(c.applied_sequence) + "  ·  " +
                                 trf(Str::ArticlesCount, ui_lang_, std::to_string(c.article_count));
            if (!c.newest_created.empty()) detail += "  ·  " + format_date(c.newest_created, ui_lang_);
            wrapped_text(fonts_.small, p.muted, detail, inner);
            ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y));
            auto key = c.public_key.empty() ? Result<PublicKey>(make_error(ErrorCode::NotFound, ""))
                                            : parse_public_key(c.public_key);
            wrapped_text(fonts_.small, p.muted,
                         key ? trf(Str::TrustedKey, ui_lang_, key_id_hex(key->key_id)) : std::string(t(Str::NoTrustedKey)),
                         inner);
            if (auto alert = channel_alerts_.find(c.id); alert != channel_alerts_.end()) {
                ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y));
                wrapped_text(fonts_.ui_bold, p.accent, t(Str::ConflictAlert), inner);
            }
        }
        ImGui::Dummy(ImVec2(inner, m.gap));
        ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y));
        wrapped_text(fonts_.small, p.muted, std::string(t(Str::LibraryFile)) + ": " + library_path_, inner);
    });

    group(t(Str::KioskMode), [&] { draw_kiosk_start(x0 + m.pad, inner); });

    group(t(Str::About), [&] {
        wrapped_text(fonts_.ui_bold, p.text, std::string(t(Str::AppName)), inner);
        ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y));
        wrapped_text(fonts_.small, p.muted, trf(Str::Version, ui_lang_, TIDINGS_VERSION), inner);
        ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y));
        wrapped_text(fonts_.small, p.muted, t(Str::FontsCredit), inner);
    });

    ImGui::Dummy(ImVec2(width, m.pad * 2));
    ImGui::Unindent(indent);
    ImGui::PopStyleVar();
    end_scroll();
}

} // namespace tidings::reader
