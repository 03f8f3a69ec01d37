// Sync in the reader: the sync sheet (progress, time left, cancel, summary), the offer shown
// when a stick with a channel is plugged in, periodic syncs from a saved server, and the
// settings that choose them. The work itself is core's sync_channel on the bulk worker.
#include "app/reader/app.h"

#include "core/time_util.h"
#include "platform/clock.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tidings::reader {

namespace {

constexpr const char* kSetSyncServer = "sync.server";
constexpr const char* kSetSyncInterval = "sync.interval_h";
constexpr const char* kSetSyncLast = "sync.last";
constexpr const char* kSetSyncLastTry = "sync.last_try";
constexpr int kIntervals[] = {0, 1, 6, 24}; // hours; 0 = never

std::string format_duration(double seconds) {
    char buf[32];
    if (seconds < 60) std::snprintf(buf, sizeof buf, "%d s", std::max(1, static_cast<int>(std::lround(seconds))));
    else if (seconds < 3600) std::snprintf(buf, sizeof buf, "%d min", static_cast<int>(std::lround(seconds / 60)));
    else std::snprintf(buf, sizeof buf, "%.1f h", seconds / 3600);
    return buf;
}

} // namespace

std::string App::sync_summary_words(const SyncReport& r) const {
    std::string s;
    if (r.bundles == 0) s = t(Str::SyncUpToDate);
    else
        s = trf(Str::SyncNew, ui_lang_, std::to_string(r.added)) + ", " +
            trf(Str::SyncUpdatedN, ui_lang_, std::to_string(r.updated)) + ", " +
            trf(Str::SyncWithdrawn, ui_lang_, std::to_string(r.removed));
    return s + " · " + format_bytes(r.bytes_transferred) + " · " + r.source;
}

void App::watch_volumes(std::vector<std::string> roots) {
    volumes_ = std::make_unique<platform::VolumeWatcher>(std::move(roots));
}

void App::start_sync(const std::string& where, const std::string& label, bool quiet) {
    if (sync_.running) return;
    SyncUiState fresh;
    sync_ = std::move(fresh);
    sync_.where = where;
    sync_.label = label;
    sync_.quiet = quiet;
    sync_.open = !quiet;
    sync_.running = true;
    usb_.open = false;
    MainQueue* q = &queue_;
    auto cancel = sync_.cancel;
    bulk_->post([this, q, where, label, cancel](Result<Library>& lib, const std::atomic<bool>&) {
        if (!lib) {
            q->post([this, e = lib.error().message] {
                sync_.running = false;
                sync_.finished = true;
                sync_.error = e;
                sync_.open = true;
            });
            return;
        }
        Result<std::unique_ptr<SyncSource>> source =
            where.find("://") != std::string::npos ? open_source(where)
                                                   : Result<std::unique_ptr<SyncSource>>(folder_source(where, label));
        if (!source) {
            q->post([this, e = source.error().message] {
                sync_.running = false;
                sync_.finished = true;
                sync_.error = e;
                sync_.open = true;
            });
            return;
        }
        SyncOptions options;
        options.transfer.stop = cancel.get();
        double last_post = 0;
        std::string last_phase;
        options.progress = [&](const SyncProgress& p) {
            const double now = platform::monotonic_seconds();
            if (p.phase == last_phase && now - last_post < 0.1) return; // ~10 updates a second
            last_phase = p.phase;
            last_post = now;
            q->post([this, p] { sync_.progress = p; });
        };
        auto r = sync_channel(*lib, **source, options);
        const int64_t now = platform::unix_now();
        std::string last;
        if (r) {
            (void)lib->set_setting(kSetSyncLast, format_iso8601(now) + " " + r->summary());
        }
        q->post([this, ok = r.ok(), report = r.ok() ? *r : SyncReport{},
                 err = r.ok() ? std::string() : r.error().message,
                 cancelled = !r.ok() && r.error().code == ErrorCode::Cancelled, now] {
            sync_.running = false;
            sync_.finished = true;
            if (ok) {
                sync_.summary = sync_summary_words(report);
                sync_last_ = format_date(format_iso8601(now), ui_lang_) + " · " + sync_.summary;
                if (report.bundles > 0) {
                    library_changed();
                    sync_.open = true; // news: say so, even for a quiet sync
                }
            } else {
                sync_.error = err;
                sync_.cancelled = cancelled;
                // A quiet sync stays quiet about an unreachable server; anything the user
                // must act on (a refused bundle, a conflict, an untrusted key) is shown.
                const bool network = err.find("cannot reach") != std::string::npos ||
                                     err.find("stalled") != std::string::npos ||
                                     err.find("try again later") != std::string::npos;
                if (!sync_.quiet || !network) sync_.open = true;
            }
        });
    });
}

void App::sync_tick() {
    const double mono = platform::monotonic_seconds();
    if (volumes_ && mono - volumes_polled_at_ > 2.0) {
        volumes_polled_at_ = mono;
        for (const platform::Volume& v : volumes_->poll()) {
            if (sync_.running || v.channel_dirs.empty()) continue;
            usb_.open = true;
            usb_.path = v.channel_dirs.front();
            usb_.label = "USB stick " + v.label;
            frames_to_draw_ = std::max(frames_to_draw_, 2);
        }
    }
    if (sync_interval_h_ > 0 && sync_server_[0] && !sync_.running) {
        const int64_t now = platform::unix_now();
        if (now - sync_last_try_ >= int64_t{sync_interval_h_} * 3600) {
            sync_last_try_ = now;
            save_setting(kSetSyncLastTry, std::to_string(now));
            std::string where = sync_server_;
            std::string host = where.substr(where.find("://") == std::string::npos ? 0 : where.find("://") + 3);
            start_sync(where, host.substr(0, host.find('/')), true);
        }
    }
}

void App::draw_usb_offer() {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = std::min(vp->Size.x - m.pad * 2, 560.0f * scale());
    const float inner = w - m.pad * 2;
    const std::string text = trf(Str::UsbFound, ui_lang_, usb_.label);
    const float h = m.pad * 2 + fonts_.ui_bold->FontSize * 2.6f + m.gap + m.hit;
    const float bottom_gap = wide_ ? m.pad : m.bar + m.pad;
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + (vp->Size.x - w) * 0.5f, vp->Pos.y + vp->Size.y - h - bottom_gap));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(p.surface));
    ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(p.divider));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, m.radius * 1.5f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::Begin("##usboffer", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                           ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x + m.pad, ImGui::GetWindowPos().y + m.pad));
    wrapped_text(fonts_.ui_bold, p.text, text, inner, 2);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x + m.pad, ImGui::GetWindowPos().y + h - m.pad - m.hit));
    if (chip(look_, "##usbsync", t(Str::SyncNow), true)) start_sync(usb_.path, usb_.label, false);
    ImGui::SameLine(0, m.gap);
    if (chip(look_, "##usbnot", t(Str::NotNow), false)) usb_.open = false;
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
}

void App::draw_sync_sheet() {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(with_alpha(p.scrim, 0.45f)));
    ImGui::Begin("##syncsheet", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                             ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 size = vp->Size;
    const float w = std::min(size.x - m.pad * 2, 560.0f * scale());
    const float inner = w - m.pad * 2;
    const SyncProgress& pr = sync_.progress;

    // What to say, line by line.
    std::string title = trf(Str::SyncFrom, ui_lang_, sync_.label);
    std::string status, detail, message;
    float fraction = 0;
    if (sync_.running) {
        Str phase = Str::SyncPhaseIndex;
        if (pr.phase == "download") phase = Str::SyncPhaseDownload;
        else if (pr.phase == "verifying") phase = Str::SyncPhaseVerify;
        else if (pr.phase == "checking") phase = Str::PhaseChecking;
        else if (pr.phase == "photos") phase = Str::PhasePhotos;
        else if (pr.phase == "articles" || pr.phase == "indexing") phase = Str::PhaseArticles;
        else if (pr.phase == "related") phase = Str::PhaseRelated;
        else if (pr.phase == "finishing" || pr.phase == "done") phase = Str::PhaseFinishing;
        status = t(phase);
        if (pr.phase == "download" || pr.phase == "verifying" || pr.phase == "index") {
            fraction = pr.bytes_total > 0 ? float(double(pr.bytes_done) / double(pr.bytes_total)) : 0.0f;
            detail = format_bytes(pr.bytes_done) + " / " + format_bytes(pr.bytes_total);
            if (pr.bytes_done > 0 && pr.seconds > 0.5 && pr.bytes_total > pr.bytes_done) {
                const double rate = double(pr.bytes_done) / pr.seconds;
                detail += " · " + trf(Str::SyncLeft, ui_lang_, format_duration(double(pr.bytes_total - pr.bytes_done) / rate));
            }
        } else {
            fraction = pr.items_total > 0 ? float(double(pr.items_done) / double(pr.items_total)) : 0.0f;
            if (pr.items_total > 0) detail = std::to_string(pr.items_done) + " / " + std::to_string(pr.items_total);
        }
        if (pr.steps > 1) detail += (detail.empty() ? "" : " · ") + std::to_string(pr.step) + "/" + std::to_string(pr.steps);
    } else if (!sync_.error.empty()) {
        status = sync_.cancelled ? t(Str::SyncCancelled) : t(Str::SyncFailed);
        if (!sync_.cancelled) message = sync_.error;
    } else {
        status = t(Str::SyncDone);
        message = sync_.summary;
        fraction = 1;
    }

    RichParams rp;
    rp.width = inner;
    rp.line_height = 1.35f;
    RichText mt;
    mt.add(message);
    RichLayout ml = layout_rich(mt, RichFonts{fonts_.ui}, rp);
    RichText st;
    st.add(status);
    RichLayout sl = layout_rich(st, RichFonts{fonts_.ui_bold}, rp);
    const float bar_h = std::round(8 * scale());
    float h = m.pad * 1.5f + fonts_.heading->FontSize * 1.4f + sl.height + m.gap;
    if (sync_.running) h += bar_h + m.gap + fonts_.small->FontSize * 1.4f;
    if (!message.empty()) h += ml.height + m.gap;
    h += m.pad + m.hit + m.pad;
    const ImVec2 a(vp->Pos.x + (size.x - w) * 0.5f,
                   wide_ ? vp->Pos.y + (size.y - h) * 0.5f : vp->Pos.y + size.y - h - m.pad);
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), p.surface, m.radius * 1.5f);
    float y = a.y + m.pad * 1.5f;
    wrapped_text_at(dl, ImVec2(a.x + m.pad, y), fonts_.heading, p.text, title, inner, 1);
    y += fonts_.heading->FontSize * 1.4f;
    draw_rich(dl, sl, ImVec2(a.x + m.pad, y),
              RichColors{sync_.error.empty() || sync_.cancelled ? p.text : p.accent, p.accent, 0, 0});
    y += sl.height + m.gap;
    if (sync_.running) {
        progress_bar(dl, ImVec2(a.x + m.pad, y), ImVec2(a.x + m.pad + inner, y + bar_h), std::clamp(fraction, 0.0f, 1.0f),
                     p.surface_alt, p.accent);
        y += bar_h + m.gap;
        dl->AddText(fonts_.small, fonts_.small->FontSize, ImVec2(a.x + m.pad, y), p.muted, detail.c_str());
        y += fonts_.small->FontSize * 1.4f;
    }
    if (!message.empty()) {
        draw_rich(dl, ml, ImVec2(a.x + m.pad, y), RichColors{p.text, p.accent, 0, 0});
        y += ml.height + m.gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(a.x + m.pad, y + m.pad * 0.5f));
    if (sync_.running) {
        if (chip(look_, "##synccancel", t(Str::SyncCancel), false)) sync_.cancel->store(true);
    } else if (chip(look_, "##syncclose", t(Str::Close), false)) {
        sync_.open = false;
    }
    ImGui::End();
}

void App::draw_sync_settings(float x0, float inner) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    wrapped_text(fonts_.small, p.muted, t(Str::SyncServer), inner);
    ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y + m.gap * 0.5f));
    ImGui::SetNextItemWidth(inner);
    ImGui::PushFont(fonts_.ui);
    if (ImGui::InputTextWithHint("##syncserver", "https://", sync_server_, sizeof sync_server_,
                                 ImGuiInputTextFlags_AutoSelectAll))
        save_setting(kSetSyncServer, sync_server_);
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y + m.gap));
    wrapped_text(fonts_.small, p.muted, t(Str::SyncEvery), inner);
    ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y + m.gap * 0.5f));
    std::string labels[4];
    const char* ptrs[4];
    int current = 0;
    for (int i = 0; i < 4; ++i) {
        labels[i] = kIntervals[i] == 0 ? std::string(t(Str::SyncOff)) : trf(Str::SyncHours, ui_lang_, std::to_string(kIntervals[i]));
        ptrs[i] = labels[i].c_str();
        if (kIntervals[i] == sync_interval_h_) current = i;
    }
    if (segmented(look_, "##syncevery", ptrs, 4, current, inner)) {
        sync_interval_h_ = kIntervals[current];
        save_setting(kSetSyncInterval, std::to_string(sync_interval_h_));
    }
    ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y + m.gap));
    ImGui::BeginDisabled(sync_.running || !sync_server_[0]);
    if (chip(look_, "##syncnow", t(Str::SyncNow), false)) {
        std::string where = sync_server_;
        std::string host = where.substr(where.find("://") == std::string::npos ? 0 : where.find("://") + 3);
        start_sync(where, host.substr(0, host.find('/')), false);
    }
    ImGui::EndDisabled();
    if (!sync_last_.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y + m.gap));
        wrapped_text(fonts_.small, p.muted, trf(Str::SyncLast, ui_lang_, sync_last_), inner);
    }
}

} // namespace tidings::reader
