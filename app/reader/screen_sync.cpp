// Sync in the reader: the sync sheet (progress, time left, cancel, summary), the offer shown
// when a stick with a channel is plugged in, periodic syncs from a saved server, and the
// settings that choose them. The work itself is core's sync_channel on the bulk worker.
#include "app/reader/app.h"

#include "core/time_util.h"
#include "core/usage_file.h"
#include "platform/clock.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace tidings::reader {

namespace {

constexpr const char* kSetSyncServer = "sync.server";
constexpr const char* kSetSyncInterval = "sync.interval_h";
constexpr const char* kSetSyncLast = "sync.last";
constexpr const char* kSetSyncLastTry = "sync.last_try";
constexpr int kIntervals[] = {0, 1, 6, 24}; // hours; 0 = never


// Height of TEXT wrapped in WIDTH, as wrapped_text_at draws it.
float text_height(ImFont* font, std::string_view text, float width, int max_lines) {
    RichText rt;
    rt.add(text);
    RichParams params;
    params.width = width;
    params.max_lines = max_lines;
    params.line_height = 1.3f;
    return layout_rich(rt, RichFonts{font, font, font, font}, params).height;
}

// Core messages start in lower case (they follow "tidings-bundle: " on a terminal); on screen
// they are sentences.
std::string sentence(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

// Words in the UI language for a failed sync of kind CODE: what it means for the library and
// what to do.
Str failure_words(ErrorCode code) {
    switch (code) {
    case ErrorCode::Unavailable: return Str::SyncWhyUnavailable;
    case ErrorCode::Refused: return Str::SyncWhyRefused;
    case ErrorCode::Conflict: return Str::SyncWhyConflict;
    case ErrorCode::Corrupt:
    case ErrorCode::Invalid:
    case ErrorCode::NotOurs: return Str::SyncWhyDamaged;
    case ErrorCode::TooNew: return Str::SyncWhyTooNew;
    case ErrorCode::NotFound: return Str::SyncWhyNotFound;
    case ErrorCode::Io:
    case ErrorCode::Busy: return Str::SyncWhyIo;
    default: return Str::SyncWhyOther;
    }
}

} // namespace

std::string format_last_sync(const std::string& iso, const SyncReport& r) {
    std::string label = r.source;
    for (char& c : label)
        if (c == '\t' || c == '\n') c = ' ';
    return iso + "\t" + std::to_string(r.added) + "\t" + std::to_string(r.updated) + "\t" + std::to_string(r.removed) +
           "\t" + std::to_string(r.bytes_transferred) + "\t" + std::to_string(r.bundles) + "\t" + label;
}

bool parse_last_sync(const std::string& text, std::string& iso, SyncReport& report) {
    std::vector<std::string> f;
    size_t pos = 0;
    for (;;) {
        const size_t tab = text.find('\t', pos);
        f.push_back(text.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
        if (tab == std::string::npos) break;
        pos = tab + 1;
    }
    if (f.size() != 7 || f[0].size() < 10) return false;
    int64_t n[5];
    for (int i = 0; i < 5; ++i) {
        const std::string& v = f[static_cast<size_t>(i) + 1];
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n[i]);
        if (ec != std::errc() || end != v.data() + v.size() || n[i] < 0) return false;
    }
    SyncReport r;
    r.added = n[0];
    r.updated = n[1];
    r.removed = n[2];
    r.bytes_transferred = n[3];
    r.bundles = static_cast<int>(std::min<int64_t>(n[4], 1000000));
    r.source = f[6];
    iso = f[0];
    report = std::move(r);
    return true;
}

std::string App::sync_summary_words(const SyncReport& r) const {
    std::string s;
    if (r.bundles == 0) s = t(Str::SyncUpToDate);
    else
        s = trf(r.added == 1 ? Str::SyncNewOne : Str::SyncNew, ui_lang_, std::to_string(r.added)) + ", " +
            trf(Str::SyncUpdatedN, ui_lang_, std::to_string(r.updated)) + ", " +
            trf(Str::SyncWithdrawn, ui_lang_, std::to_string(r.removed));
    return s + " · " + format_size(r.bytes_transferred, ui_lang_) + " · " + trf(Str::SyncFromSource, ui_lang_, r.source);
}

namespace {
// Writes the usage counts of LIB into the folder DIR (a stick's top folder), stamped NOW.
Result<std::string> write_kiosk_usage(Library& lib, const std::string& dir, int64_t now) {
    auto device = usage_device_id(lib);
    if (!device) return device.error();
    auto name = lib.setting(kUsageNameSetting);
    if (!name) return name.error();
    auto report = usage_report_from_library(lib, *device, name->value_or(std::string()), now);
    if (!report) return report.error();
    return write_usage_file(dir, *report);
}
} // namespace

void App::watch_volumes(std::vector<std::string> roots, platform::VolumeWatcher::Mode mode) {
    volumes_ = std::make_unique<platform::VolumeWatcher>(std::move(roots), mode);
    MainQueue* q = &queue_;
    // The watcher's thread only posts; what a stick holds is checked on the bulk worker.
    volumes_->start([this, q](const platform::Volume& v) { q->post([this, v] { volume_arrived(v); }); });
}

void App::volume_arrived(const platform::Volume& volume) {
    if (sync_.running) return;
    MainQueue* q = &queue_;
    const std::string label = trf(Str::UsbStick, ui_lang_, volume.label);
    // A kiosk has nobody to ask: a stick holding a channel it trusts gets the usage counts and is
    // synced at once (every bundle still passes the same checks).
    const bool hands_off = auto_sync_sticks_ || kiosk_.on;
    const int64_t now = clock_->unix_time();
    const UiLang lang = ui_lang_;
    bulk_->post([this, q, dirs = volume.channel_dirs, root = volume.path, label, hands_off, now,
                 lang](Result<Library>& lib, const std::atomic<bool>&) {
        if (!lib) return;
        // The first channel folder on the stick with news for this library; else the first
        // problem worth telling (a key this library does not trust, an index that was altered).
        UsbOffer offer;
        offer.label = label;
        bool trusted = false; // some channel folder on it verified with a key this library trusts
        for (const std::string& dir : dirs) {
            auto source = folder_source(dir, label);
            auto check = check_channel(*lib, *source);
            if (check) trusted = true;
            if (check && !check->plan.empty()) {
                offer.open = true;
                offer.path = dir;
                offer.title = check->index.title;
                offer.bytes = check->plan_bytes;
                offer.problem.clear();
                break;
            }
            if (!check && check.error().code != ErrorCode::NotFound && offer.problem.empty()) {
                offer.path = dir;
                offer.problem = check.error().message;
            }
        }
        std::string note; // for the staff screen
        if (hands_off && trusted) {
            auto written = write_kiosk_usage(*lib, root, now);
            note = written ? trf(Str::KioskUsageWritten, lang, label)
                           : trf(Str::KioskUsageNotWritten, lang, label) + " " + written.error().message;
        }
        if (!offer.open && offer.problem.empty() && note.empty()) return; // nothing new on it
        const bool news = offer.open;
        offer.open = true;
        q->post([this, offer, news, hands_off, note] {
            if (!note.empty()) kiosk_.stick_note = note;
            if (sync_.running) return;
            if (hands_off) {
                // A quiet sync: the sheet shows only what it brought or what went wrong.
                if (news && offer.problem.empty()) start_sync(offer.path, offer.label, true);
                return;
            }
            usb_ = offer;
            frames_to_draw_ = std::max(frames_to_draw_, 2);
        });
    });
}

std::string App::sync_failure_text() const {
    // The core's details name the file and the rule, in English; the lead is in the UI language.
    return std::string(t(failure_words(sync_.error_code))) + " " + sentence(sync_.error);
}

int App::sync_wait_ms() const {
    if (sync_interval_h_ <= 0 || !sync_server_[0] || sync_.running) return -1;
    const int64_t due = sync_last_try_ + int64_t{sync_interval_h_} * 3600 - platform::unix_now();
    if (due <= 0) return 0;
    return static_cast<int>(std::min<int64_t>(due * 1000, 24LL * 3600 * 1000));
}

void App::preview_sync_progress() {
    SyncUiState fresh; // (assigning a temporary trips GCC 12's -Wmaybe-uninitialized)
    sync_ = std::move(fresh);
    sync_.open = true;
    sync_.running = true;
    sync_.label = trf(Str::UsbStick, ui_lang_, "NEWS-0311");
    sync_.progress.phase = "download";
    sync_.progress.step = 1;
    sync_.progress.steps = 2;
    sync_.progress.bytes_done = 612000;
    sync_.progress.bytes_moved = 612000;
    sync_.progress.bytes_total = 1420000;
    sync_.progress.seconds = 4.2;
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
        // A failure before the sync could start: shown, even for a quiet sync.
        auto failed = [this, q](Error e) {
            q->post([this, e = std::move(e)] {
                sync_.running = false;
                sync_.finished = true;
                sync_.error = e.message;
                sync_.error_code = e.code;
                sync_.open = true;
            });
        };
        if (!lib) return failed(lib.error());
        Result<std::unique_ptr<SyncSource>> source =
            where.find("://") != std::string::npos ? open_source(where)
                                                   : Result<std::unique_ptr<SyncSource>>(folder_source(where, label));
        if (!source) return failed(source.error());
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
        const std::string when = format_iso8601(platform::unix_now());
        if (r) (void)lib->set_setting(kSetSyncLast, format_last_sync(when, *r));
        q->post([this, ok = r.ok(), report = r.ok() ? *r : SyncReport{},
                 err = r.ok() ? Error{} : r.error(), when] {
            sync_.running = false;
            sync_.finished = true;
            if (ok) {
                sync_.summary = sync_summary_words(report);
                sync_last_when_ = when;
                sync_last_ = report;
                if (report.bundles > 0) {
                    library_changed();
                    sync_.open = true; // news: say so, even for a quiet sync
                }
            } else {
                sync_.error = err.message;
                sync_.error_code = err.code;
                sync_.cancelled = err.code == ErrorCode::Cancelled;
                // A quiet sync stays quiet about a server it cannot reach (it tries again at
                // the next interval); anything the user must act on (a refused bundle, a
                // conflict, an untrusted key, a wrong address, a full disk) is shown.
                if (!sync_.quiet || err.code != ErrorCode::Unavailable) sync_.open = true;
            }
        });
    });
}

void App::sync_tick() {
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
    const bool problem = !usb_.problem.empty();
    const std::string text = trf(problem ? Str::UsbCannot : Str::UsbFound, ui_lang_, usb_.label);
    const std::string detail = problem ? sentence(usb_.problem) : usb_.title + " · " + format_size(usb_.bytes, ui_lang_);
    const float text_h = text_height(fonts_.ui_bold, text, inner, 2);
    const float detail_h = text_height(fonts_.small, detail, inner, problem ? 4 : 1);
    const float h = m.pad * 2 + text_h + m.gap * 0.5f + detail_h + m.gap + m.hit;
    const float bottom_gap = wide_ ? m.pad : m.bar + m.pad;
    // The window is the card plus room for a soft shadow that lifts it off the page.
    const float sh = std::round(10 * scale());
    const ImVec2 card(vp->Pos.x + (vp->Size.x - w) * 0.5f, vp->Pos.y + vp->Size.y - h - bottom_gap);
    ImGui::SetNextWindowPos(ImVec2(card.x - sh, card.y - sh));
    ImGui::SetNextWindowSize(ImVec2(w + sh * 2, h + sh * 2));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##usboffer", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                           ImGuiWindowFlags_NoSavedSettings);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 4; i >= 1; --i) {
        const float grow = sh * static_cast<float>(i) / 4.0f;
        dl->AddRectFilled(ImVec2(card.x - grow * 0.6f, card.y - grow * 0.3f + sh * 0.2f),
                          ImVec2(card.x + w + grow * 0.6f, card.y + h + grow * 0.8f), IM_COL32(0, 0, 0, 10),
                          m.radius * 1.5f + grow);
    }
    dl->AddRectFilled(card, ImVec2(card.x + w, card.y + h), p.surface, m.radius * 1.5f);
    dl->AddRect(card, ImVec2(card.x + w, card.y + h), problem ? p.accent : p.divider, m.radius * 1.5f, 0, 1.0f);
    const ImVec2 at = card;
    float y = at.y + m.pad;
    wrapped_text_at(dl, ImVec2(at.x + m.pad, y), fonts_.ui_bold, p.text, text, inner, 2);
    y += text_h + m.gap * 0.5f;
    wrapped_text_at(dl, ImVec2(at.x + m.pad, y), fonts_.small, p.muted, detail, inner, problem ? 4 : 1);
    ImGui::SetCursorScreenPos(ImVec2(at.x + m.pad, at.y + h - m.pad - m.hit));
    if (problem) {
        if (chip(look_, "##usbclose", t(Str::Close), false)) usb_.open = false;
    } else {
        if (chip(look_, "##usbsync", t(Str::SyncNow), true)) start_sync(usb_.path, usb_.label, false);
        ImGui::SameLine(0, m.gap);
        if (chip(look_, "##usbnot", t(Str::NotNow), false)) usb_.open = false;
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
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

    // What to say, line by line: while running, the source, the phase, a bar and figures;
    // after, how it ended and the summary (or the reason) in plain words.
    std::string title, status, detail, message;
    float fraction = 0;
    if (sync_.running) {
        title = trf(Str::SyncFrom, ui_lang_, sync_.label);
        const bool net = sync_.where.find("://") != std::string::npos;
        Str phase = Str::SyncPhaseIndex;
        if (pr.phase == "download") phase = net ? Str::SyncPhaseDownloadNet : Str::SyncPhaseDownload;
        else if (pr.phase == "verifying") phase = Str::SyncPhaseVerify;
        else if (pr.phase == "checking") phase = Str::PhaseChecking;
        else if (pr.phase == "photos") phase = Str::PhasePhotos;
        else if (pr.phase == "articles" || pr.phase == "indexing") phase = Str::PhaseArticles;
        else if (pr.phase == "related") phase = Str::PhaseRelated;
        else if (pr.phase == "finishing" || pr.phase == "done") phase = Str::PhaseFinishing;
        status = t(phase);
        if (pr.phase == "verifying" && pr.items_total > 0) { // bytes of the bundle hashed
            fraction = float(double(pr.items_done) / double(pr.items_total));
            detail = format_size(pr.items_done, ui_lang_) + " / " + format_size(pr.items_total, ui_lang_);
        } else if (pr.phase == "download" || pr.phase == "verifying" || pr.phase == "index") {
            fraction = pr.bytes_total > 0 ? float(double(pr.bytes_done) / double(pr.bytes_total)) : 0.0f;
            if (pr.bytes_total > 0)
                detail = format_size(pr.bytes_done, ui_lang_) + " / " + format_size(pr.bytes_total, ui_lang_);
            if (pr.bytes_moved > 0 && pr.seconds > 0.5 && pr.bytes_total > pr.bytes_done) {
                const double left = double(pr.bytes_total - pr.bytes_done) / (double(pr.bytes_moved) / pr.seconds);
                if (left >= 1) detail += " · " + trf(Str::SyncLeft, ui_lang_, format_duration(left, ui_lang_));
            }
        } else {
            fraction = pr.items_total > 0 ? float(double(pr.items_done) / double(pr.items_total)) : 0.0f;
            if (pr.items_total > 0) detail = std::to_string(pr.items_done) + " / " + std::to_string(pr.items_total);
        }
    } else if (sync_.cancelled) {
        title = t(Str::SyncCancelledTitle);
        message = t(Str::SyncCancelled);
    } else if (!sync_.error.empty()) {
        title = t(Str::SyncFailed);
        message = sync_failure_text();
    } else {
        title = t(Str::SyncDone);
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
    float h = m.pad * 1.5f + fonts_.heading->FontSize * 1.4f;
    if (sync_.running) h += sl.height + m.gap + bar_h + m.gap + fonts_.small->FontSize * 1.4f;
    if (!message.empty()) h += ml.height + m.gap;
    h += m.pad + m.hit + m.pad;
    // Wide: centred. Narrow: at the bottom, above the tab bar.
    const ImVec2 a(vp->Pos.x + (size.x - w) * 0.5f,
                   wide_ ? vp->Pos.y + (size.y - h) * 0.5f : vp->Pos.y + size.y - h - m.bar - m.pad);
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), p.surface, m.radius * 1.5f);
    float y = a.y + m.pad * 1.5f;
    wrapped_text_at(dl, ImVec2(a.x + m.pad, y), fonts_.heading, p.text, title, inner, 1);
    y += fonts_.heading->FontSize * 1.4f;
    if (sync_.running) {
        draw_rich(dl, sl, ImVec2(a.x + m.pad, y), RichColors{p.text, p.accent, 0, 0});
        y += sl.height + m.gap;
        progress_bar(dl, ImVec2(a.x + m.pad, y), ImVec2(a.x + m.pad + inner, y + bar_h), std::clamp(fraction, 0.0f, 1.0f),
                     p.surface_alt, p.accent);
        y += bar_h + m.gap;
        dl->AddText(fonts_.small, fonts_.small->FontSize, ImVec2(a.x + m.pad, y), p.muted, detail.c_str());
        y += fonts_.small->FontSize * 1.4f;
    }
    if (!message.empty()) {
        const bool problem = !sync_.error.empty() && !sync_.cancelled;
        draw_rich(dl, ml, ImVec2(a.x + m.pad, y), RichColors{problem ? p.accent : p.text, p.accent, 0, 0});
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
    if (!sync_last_when_.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(x0 + m.pad, ImGui::GetCursorScreenPos().y + m.gap));
        const std::string last = format_date(sync_last_when_, ui_lang_) + " · " + sync_summary_words(sync_last_);
        wrapped_text(fonts_.small, p.muted, trf(Str::SyncLast, ui_lang_, last), inner);
    }
}

} // namespace tidings::reader
