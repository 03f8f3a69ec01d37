// Kiosk mode in the App: settings, the blocked exits, the idle reset, usage counts, the staff PIN,
// and its screens (attract screen, PIN pad, staff screen, visitors' language screen, the
// on-screen keyboard and the search field typed on it).
//
// Index
// [SECTION] Settings and window
// [SECTION] Events, time and the idle reset
// [SECTION] Usage counts
// [SECTION] PIN
// [SECTION] Scripting
// [SECTION] On-screen keyboard
// [SECTION] Overlays: attract screen, PIN pad, staff screen
// [SECTION] Visitors' language screen and the settings group
#include "app/reader/app.h"

#include "core/kiosk_pin.h"
#include "core/usage_file.h"
#include "platform/signals.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tidings::reader {

namespace {
bool headless_driver() {
    const char* d = SDL_GetCurrentVideoDriver();
    return d && (std::strcmp(d, "dummy") == 0 || std::strcmp(d, "offscreen") == 0);
}
} // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Settings and window
// ---------------------------------------------------------------------------------------------

std::array<App::NavItem, 4> App::nav_items() const {
    if (kiosk_.on) // no bookmarks and no library details for visitors: history and languages
        return {{{ScreenKind::Home, Icon::Home, Str::Home},
                 {ScreenKind::Search, Icon::Search, Str::Search},
                 {ScreenKind::Saved, Icon::History, Str::History},
                 {ScreenKind::Settings, Icon::Globe, Str::Language}}};
    return {{{ScreenKind::Home, Icon::Home, Str::Home},
             {ScreenKind::Search, Icon::Search, Str::Search},
             {ScreenKind::Saved, Icon::Bookmark, Str::Saved},
             {ScreenKind::Settings, Icon::Settings, Str::Settings}}};
}

void App::kiosk_load_settings(Library& lib) {
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto v = lib.setting(key);
        if (v && v.value()) return *v.value();
        return std::nullopt;
    };
    if (auto v = get(kKioskEnabledSetting)) kiosk_.on = *v == "1";
    if (auto v = get(kKioskIdleSetting)) {
        int n = std::atoi(v->c_str());
        if (n >= 10 && n <= 86400) kiosk_.idle_seconds = n;
    }
    if (auto v = get(kKioskAttractSetting)) kiosk_.attract = *v != "0";
    if (auto v = get(kKioskLangSetting))
        if (auto l = ui_lang_from_code(*v)) {
            kiosk_.home_lang = *l;
            kiosk_.home_lang_saved = true;
        }
    if (auto h = kiosk_pin_hash(lib)) kiosk_.pin_hash = h.value();
}

void App::kiosk_begin() {
    if (options_.kiosk) kiosk_.on = true;
    if (options_.kiosk_idle > 0) kiosk_.idle_seconds = options_.kiosk_idle;
    // --ui-lang names the visitors' language too.
    if (!kiosk_.home_lang_saved || !options_.ui_lang.empty()) kiosk_.home_lang = ui_lang_;
    kiosk_.last_input = clock_->monotonic();
    if (kiosk_.on) {
        ui_lang_ = kiosk_.home_lang;
        if (kiosk_.attract) kiosk_show_attract(); // a kiosk wakes up to its welcome screen
    }
    kiosk_.keyboard.set_layout(osk_layout_for_language(ui_lang_code(ui_lang_)));
    kiosk_.keyboard.set_dotted_i(ui_lang_ == UiLang::Az);
    kiosk_apply_window();
}

void App::kiosk_apply_window() {
    if (!window_) return;
    bool real = !headless_driver(); // a screenshot's hidden window keeps its size
    if (kiosk_.on) {
        // Full screen, above other windows, with the keyboard grabbed so that Alt+Tab and the
        // like reach the app (which ignores them) rather than the desktop.
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        if (real) SDL_SetWindowFullscreen(window_, SDL_WINDOW_FULLSCREEN_DESKTOP);
        SDL_SetWindowAlwaysOnTop(window_, SDL_TRUE);
        SDL_SetWindowKeyboardGrab(window_, SDL_TRUE);
        SDL_ShowCursor(SDL_DISABLE); // touch screen: no arrow left where the last finger was
        if (real)
            platform::signals_end_program(); // SDL_QUIT is ignored now: let `systemctl stop` work
    } else {
        SDL_SetWindowKeyboardGrab(window_, SDL_FALSE);
        SDL_SetWindowAlwaysOnTop(window_, SDL_FALSE);
        if (real)
            SDL_SetWindowFullscreen(window_,
                                    options_.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        SDL_ShowCursor(SDL_ENABLE);
    }
}

void App::set_kiosk(bool on) {
    if (kiosk_.on == on) return;
    kiosk_.on = on;
    kiosk_.overlay = KioskOverlay::None;
    if (on) {
        if (!kiosk_.home_lang_saved) kiosk_.home_lang = ui_lang_;
        kiosk_.visitor = false;
        kiosk_reset_visitor();
        kiosk_.overlay =
            KioskOverlay::None; // staff just started it: show the kiosk, not the welcome
    } else {
        switch_tab(ScreenKind::Home);
    }
    kiosk_apply_window();
    update_metrics();
    fonts_dirty_ = true; // touch targets follow the mode
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Events, time and the idle reset
// ---------------------------------------------------------------------------------------------

std::optional<bool> App::kiosk_event(const SDL_Event& e) {
    if (!kiosk_.on) {
        // Starting kiosk mode from the settings: Escape closes the PIN pad.
        if (kiosk_.overlay == KioskOverlay::Pin && e.type == SDL_KEYDOWN &&
            e.key.keysym.sym == SDLK_ESCAPE) {
            kiosk_close_overlay();
            return true;
        }
        return std::nullopt;
    }
    if (is_visitor_input(e)) {
        kiosk_.last_input = clock_->monotonic();
        kiosk_.visitor = true;
    }
    if (kiosk_filter(e) == KioskFilter::Block) return true; // ignored: the app keeps running
    if (e.type == SDL_WINDOWEVENT) {
        if (e.window.event == SDL_WINDOWEVENT_MINIMIZED) SDL_RestoreWindow(window_);
        if (e.window.event == SDL_WINDOWEVENT_FOCUS_LOST && !headless_driver())
            SDL_RaiseWindow(window_);
    }
    return std::nullopt;
}

void App::kiosk_tick(double now) {
    kiosk_.keys.clear(); // drawn again this frame
    if (!kiosk_.on) return;
    // A search counts once the visitor moves on from it.
    if (current().kind != ScreenKind::Search || !search_state_.input[0]) kiosk_finish_search();
    if (kiosk_.visitor && now - kiosk_.last_input >= static_cast<double>(kiosk_.idle_seconds))
        kiosk_reset_visitor();
    if (kiosk_.overlay == KioskOverlay::Attract && now - kiosk_.attract_since >= kAttractSeconds) {
        ++kiosk_.attract_index;
        kiosk_.attract_since = now;
        frames_to_draw_ = std::max(frames_to_draw_, 1);
    }
}

int App::kiosk_wait_ms(int wait_ms) const {
    if (!kiosk_.on) return wait_ms;
    double now = clock_->monotonic();
    double next = 1e9;
    if (kiosk_.visitor) next = std::min(next, kiosk_.last_input + kiosk_.idle_seconds - now);
    if (kiosk_.overlay == KioskOverlay::Attract)
        next = std::min(next, kiosk_.attract_since + kAttractSeconds - now);
    if (kiosk_.overlay == KioskOverlay::Pin && kiosk_.gate.locked(now))
        next = std::min(next, 1.0); // the countdown
    if (next >= 1e8) return wait_ms;
    int ms = static_cast<int>(std::ceil(std::max(0.0, next) * 1000.0)) + 5;
    return wait_ms < 0 ? ms : std::min(ms, wait_ms);
}

void App::kiosk_reset_visitor() {
    kiosk_finish_search();
    if (kiosk_.visitor) kiosk_count(usage::kVisits);
    kiosk_.visitor = false;
    kiosk_.last_input = clock_->monotonic();
    // Dialogs closed, the search and the way here forgotten, the first language back.
    viewer_ = ViewerState{};
    link_ = LinkSheet{};
    usb_.open = false;
    if (!sync_.running) sync_.open = false; // a finished update's summary is not for the next visitor
    kiosk_close_overlay();
    SearchState& s = search_state_;
    s.input[0] = 0;
    s.limit = 30;
    post_search();
    s.shown.clear();
    s.error.clear();
    kiosk_.search_counted.clear();
    nav_.assign(1, NavEntry{});
    kinetic_.stop();
    pending_scroll_ = 0;
    set_scroll_ = 0.0f;
    if (!home_.language.empty() || !home_.section.empty()) {
        home_.language.clear();
        home_.section.clear();
        home_.editors_loaded = false;
        load_facets();
        load_editors();
    }
    ui_lang_ = kiosk_.home_lang;
    kiosk_.keyboard.set_layout(osk_layout_for_language(ui_lang_code(ui_lang_)));
    kiosk_.keyboard.set_dotted_i(ui_lang_ == UiLang::Az);
    kiosk_.keyboard_open = true;
    saved_ = SavedState{};
    db_->post([](Result<Library>& lib, const std::atomic<bool>&) {
        if (lib)
            (void)lib->clear_history(); // what this visitor read is not the next one's business
    });
    if (kiosk_.attract) kiosk_show_attract();
    frames_to_draw_ = std::max(frames_to_draw_, 3);
}

void App::kiosk_show_attract() {
    kiosk_.overlay = KioskOverlay::Attract;
    kiosk_.attract_index = 0;
    kiosk_.attract_since = clock_->monotonic();
}

void App::kiosk_close_overlay() {
    kiosk_.overlay = KioskOverlay::None;
    kiosk_.pin_typed.clear();
    kiosk_.pin_checking = false;
    kiosk_.pin_wrong = false;
    ++kiosk_.pin_generation; // a check still running is ignored
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Usage counts
// ---------------------------------------------------------------------------------------------

void App::kiosk_count(const std::string& name) {
    db_->post([name](Result<Library>& lib, const std::atomic<bool>&) {
        if (lib) (void)lib->bump_counter(name); // a lost count is not worth bothering a visitor
    });
}

void App::kiosk_count_article(int64_t rowid) {
    db_->post([rowid](Result<Library>& lib, const std::atomic<bool>&) {
        if (!lib) return;
        (void)lib->bump_counter(usage::kArticlesOpened);
        auto v = lib->article(rowid);
        if (!v) return;
        std::string name = std::string(usage::kArticlePrefix) + v->card.channel + "/" + v->card.id;
        if (is_usage_counter_name(name)) (void)lib->bump_counter(name);
    });
}

void App::kiosk_finish_search() {
    const SearchState& s = search_state_;
    if (s.shown.empty() || !s.has_results || s.shown == kiosk_.search_counted) return;
    kiosk_.search_counted = s.shown;
    kiosk_count(usage::kSearches);
    if (s.results.hits.empty() && s.suggestions.empty()) kiosk_count(usage::kSearchesEmpty);
}

void App::kiosk_choose_language(UiLang lang) {
    ui_lang_ = lang;
    kiosk_count(std::string(usage::kUiLanguagePrefix) + ui_lang_code(lang));
    kiosk_.keyboard.set_layout(osk_layout_for_language(ui_lang_code(lang)));
    kiosk_.keyboard.set_dotted_i(lang == UiLang::Az);
}

void App::kiosk_load_counters() {
    MainQueue* q = &queue_;
    db_->post([this, q](Result<Library>& lib, const std::atomic<bool>&) {
        if (!lib) return;
        auto c = lib->counters();
        if (!c) return;
        q->post([this, c = std::move(c.value())] { kiosk_.counters = c; });
    });
}

// ---------------------------------------------------------------------------------------------
// [SECTION] PIN
// ---------------------------------------------------------------------------------------------

void App::kiosk_open_staff() {
    kiosk_close_overlay();
    kiosk_.overlay = KioskOverlay::Pin;
    kiosk_.purpose = kiosk_.on ? PinPurpose::Admin : PinPurpose::StartKiosk;
    kiosk_.pin_pad.set_layout(OskLayoutId::Digits);
    // The PIN may have been set from the command line since the start: read it again.
    MainQueue* q = &queue_;
    db_->post([this, q](Result<Library>& lib, const std::atomic<bool>&) {
        if (!lib) return;
        auto h = kiosk_pin_hash(lib.value());
        if (h) q->post([this, h = h.value()] { kiosk_.pin_hash = h; });
    });
}

void App::kiosk_pin_key(const OskKey& key) {
    if (kiosk_.pin_checking || kiosk_.pin_hash.empty() || kiosk_.gate.locked(clock_->monotonic()))
        return;
    kiosk_.pin_wrong = false;
    OskResult r = kiosk_.pin_pad.press(key, kiosk_.pin_typed, kKioskPinMaxDigits);
    if (r == OskResult::Done) kiosk_submit_pin();
}

void App::kiosk_submit_pin() {
    double now = clock_->monotonic();
    if (kiosk_.pin_checking || kiosk_.pin_hash.empty() || kiosk_.gate.locked(now)) return;
    if (!check_pin_shape(kiosk_.pin_typed)) { // too short: wrong, without the slow hash
        kiosk_.gate.failed(now);
        kiosk_.pin_wrong = true;
        kiosk_.pin_typed.clear();
        return;
    }
    kiosk_.pin_checking = true;
    uint64_t gen = ++kiosk_.pin_generation;
    MainQueue* q = &queue_;
    // The hash takes a tenth of a second and 64 MiB: a worker's job, not the frame's.
    bulk_->post([this, q, gen, pin = kiosk_.pin_typed,
                 hash = kiosk_.pin_hash](Result<Library>&, const std::atomic<bool>&) {
        bool ok = pin_matches(pin, hash);
        q->post([this, gen, ok] {
            if (gen != kiosk_.pin_generation) return; // the pad was closed meanwhile
            kiosk_.pin_checking = false;
            kiosk_.pin_typed.clear();
            if (!ok) {
                kiosk_.gate.failed(clock_->monotonic());
                kiosk_.pin_wrong = true;
                return;
            }
            kiosk_.gate.succeeded();
            if (kiosk_.purpose == PinPurpose::StartKiosk) {
                kiosk_close_overlay();
                set_kiosk(true);
                save_setting(kKioskEnabledSetting, "1");
            } else {
                kiosk_.overlay = KioskOverlay::Admin;
                kiosk_load_counters();
            }
        });
    });
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Scripting
// ---------------------------------------------------------------------------------------------

void App::kiosk_open_admin_unchecked() {
    kiosk_close_overlay();
    kiosk_.overlay = KioskOverlay::Admin;
    kiosk_load_counters();
}

void App::kiosk_set_keyboard(OskLayoutId layout) {
    kiosk_.keyboard.set_layout(layout);
    kiosk_.keyboard_open = true;
}

bool App::kiosk_press(const std::string& name) {
    if (kiosk_.overlay == KioskOverlay::Pin) {
        if (kiosk_.pin_hash.empty()) return false; // no pad is shown
        const OskKey* k = kiosk_.pin_pad.find(name);
        if (!k) return false;
        kiosk_pin_key(*k);
        return true;
    }
    if (!kiosk_.on || kiosk_.overlay != KioskOverlay::None ||
        current().kind != ScreenKind::Search || !kiosk_.keyboard_open)
        return false;
    const OskKey* k = kiosk_.keyboard.find(name);
    if (!k) return false;
    kiosk_search_key(*k);
    return true;
}

void App::mark_item(const char* name) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    kiosk_.keys.push_back(KioskKeyRect{name, a.x, a.y, b.x, b.y});
}

std::optional<ImVec2> App::kiosk_key_center(const std::string& name) const {
    for (const KioskKeyRect& r : kiosk_.keys)
        if (r.name == name) return ImVec2((r.x0 + r.x1) * 0.5f, (r.y0 + r.y1) * 0.5f);
    return std::nullopt;
}

void App::open_link(const std::string& url) {
    link_ = LinkSheet{true, url, false};
}

std::string App::kiosk_describe() const {
    switch (kiosk_.overlay) {
    case KioskOverlay::None:
        return {};
    case KioskOverlay::Attract: {
        const auto& cards = home_.editors;
        std::string id = cards.empty() ? "none" : cards[kiosk_.attract_index % cards.size()].id;
        return "attract card=" + id + " cards=" + std::to_string(cards.size()) +
               " languages=" + std::to_string(kUiLangCount);
    }
    case KioskOverlay::Pin: {
        std::string d = "pin digits=" + std::to_string(kiosk_.pin_typed.size());
        if (kiosk_.pin_hash.empty()) d += " no-pin";
        if (kiosk_.pin_checking) d += " checking";
        if (kiosk_.pin_wrong) d += " wrong";
        if (int s = kiosk_.gate.seconds_left(clock_->monotonic()))
            d += " locked=" + std::to_string(s);
        return d;
    }
    case KioskOverlay::Admin:
        return "admin counters=" + std::to_string(kiosk_.counters.size());
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// [SECTION] On-screen keyboard
// ---------------------------------------------------------------------------------------------

namespace {
// Key size for a keyboard WIDTH pixels wide showing LAYOUT: keys stay square-ish and at least
// a touch target tall, and the keyboard no wider than a comfortable reach.
struct KeyGeometry {
    float unit = 0;  // width of one key unit
    float key_h = 0; // height of a row
    float width = 0; // the keys' block width
};
KeyGeometry key_geometry(const OskLayout& layout, float width, float hit, float pad, float scale) {
    KeyGeometry g;
    float units = std::max(1.0f, layout.max_row_units());
    g.width = std::min(width - pad * 2, 1100.0f * scale);
    g.unit = std::floor(g.width / units);
    g.width = g.unit * units;
    g.key_h = std::round(std::clamp(g.unit * 0.95f, hit, hit * 1.35f));
    return g;
}
} // namespace

float App::kiosk_keyboard_height(float width) const {
    const OskLayout& l = kiosk_.keyboard.layout();
    KeyGeometry g = key_geometry(l, width, look_.m.hit, look_.m.pad, scale());
    return static_cast<float>(l.rows.size()) * g.key_h + look_.m.gap * 2 + look_.m.pad;
}

void App::kiosk_search_key(const OskKey& key) {
    SearchState& s = search_state_;
    std::string text = s.input;
    OskResult r = kiosk_.keyboard.press(key, text, sizeof s.input - 1);
    if (r == OskResult::Changed) {
        std::snprintf(s.input, sizeof s.input, "%s", text.c_str());
        post_search();
    } else if (r == OskResult::Done) {
        kiosk_.keyboard_open = false; // the results get the whole screen
        kiosk_finish_search();
    }
}

void App::draw_keyboard(Osk& osk, ImVec2 pos, ImVec2 size,
                        const std::function<void(const OskKey&)>& on_key) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const OskLayout& layout = osk.layout();
    bool pad = layout.id == OskLayoutId::Digits;
    if (!pad) {
        dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), p.surface_alt);
        hline(dl, pos.x, pos.x + size.x, pos.y, p.divider);
    }
    KeyGeometry g = key_geometry(layout, size.x, m.hit, pad ? 0.0f : m.pad, scale());
    float gap = std::max(3.0f, std::round(m.gap * 0.6f));
    float y = pos.y + (pad ? 0.0f : m.gap + m.pad * 0.5f);
    ImFont* f = fonts_.heading; // letters large enough to find at arm's length
    const OskKey* pressed = nullptr;
    int id = 0;
    for (const auto& row : layout.rows) {
        float row_w = 0;
        for (const OskKey& k : row)
            row_w += k.width * g.unit;
        float x = pos.x + std::floor((size.x - row_w) * 0.5f);
        for (const OskKey& k : row) {
            float w = k.width * g.unit;
            ImVec2 a(x + gap * 0.5f, y + gap * 0.5f),
                b(x + w - gap * 0.5f, y + g.key_h - gap * 0.5f);
            ImGui::SetCursorScreenPos(a);
            ImGui::PushID(id++);
            bool hit = ImGui::InvisibleButton("key", ImVec2(b.x - a.x, b.y - a.y));
            bool held = ImGui::IsItemActive();
            ImGui::PopID();
            if (hit) pressed = &k;
            bool special = k.kind != OskKeyKind::Char && k.kind != OskKeyKind::Space;
            bool lit = (k.kind == OskKeyKind::Shift && osk.shift()) ||
                       (k.kind == OskKeyKind::Layout && k.target == layout.id) ||
                       k.kind == OskKeyKind::Done;
            ImU32 fill = lit       ? p.accent
                         : held    ? p.divider
                         : special ? with_alpha(p.text, 0.08f)
                                   : p.surface;
            ImU32 ink = lit ? p.on_accent : p.text;
            dl->AddRectFilled(a, b, fill, m.radius * 0.6f);
            if (!lit) dl->AddRect(a, b, p.divider, m.radius * 0.6f);
            ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
            std::string name;
            std::string text;
            ImFont* kf = f;
            switch (k.kind) {
            case OskKeyKind::Char:
                text = osk.label(k);
                name = k.text;
                break;
            case OskKeyKind::Shift:
                draw_icon(dl, Icon::Shift, c, m.hit * 0.42f, ink);
                name = "shift";
                break;
            case OskKeyKind::Backspace:
                draw_icon(dl, Icon::Backspace, c, m.hit * 0.5f, ink);
                name = "backspace";
                break;
            case OskKeyKind::Space:
                dl->AddRectFilled(ImVec2(c.x - (b.x - a.x) * 0.3f, b.y - g.key_h * 0.3f),
                                  ImVec2(c.x + (b.x - a.x) * 0.3f,
                                         b.y - g.key_h * 0.3f + std::max(2.0f, scale() * 2)),
                                  with_alpha(p.text, 0.35f));
                name = "space";
                break;
            case OskKeyKind::Layout:
                text = k.text;
                name = "layout:" + k.text;
                kf = fonts_.ui_bold;
                break;
            case OskKeyKind::Done:
                text = t(pad ? Str::Unlock : Str::Done);
                name = "done";
                kf = fonts_.ui_bold;
                break;
            }
            if (!text.empty()) {
                ImVec2 ts = kf->CalcTextSizeA(kf->FontSize, FLT_MAX, 0, text.c_str());
                dl->PushClipRect(a, b, true);
                dl->AddText(kf, kf->FontSize,
                            ImVec2(std::floor(c.x - ts.x * 0.5f), std::floor(c.y - ts.y * 0.5f)),
                            ink, text.c_str());
                dl->PopClipRect();
            }
            kiosk_.keys.push_back(KioskKeyRect{name, a.x, a.y, b.x, b.y});
            x += w;
        }
        y += g.key_h;
    }
    if (pressed) on_key(*pressed);
}

void App::draw_kiosk_search_field(ImVec2 pos, float width, float height) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    SearchState& s = search_state_;
    ImVec2 b(pos.x + width, pos.y + height);
    float clear_w = s.input[0] ? height : 0.0f;
    ImGui::SetCursorScreenPos(pos);
    if (ImGui::InvisibleButton("##kiosk_field", ImVec2(width - clear_w, height)))
        kiosk_.keyboard_open = true;
    dl->AddRectFilled(pos, b, p.surface_alt, height * 0.5f);
    if (kiosk_.keyboard_open)
        dl->AddRect(pos, b, p.accent, height * 0.5f, 0, std::max(1.5f, scale() * 1.5f));
    float icon_w = height * 0.9f;
    draw_icon(dl, Icon::Search, ImVec2(pos.x + icon_w * 0.55f, pos.y + height * 0.5f),
              height * 0.45f, p.muted);
    ImFont* f = fonts_.ui;
    float tx = pos.x + icon_w, avail = width - icon_w - clear_w - m.pad;
    float ty = std::floor(pos.y + (height - f->FontSize) * 0.5f);
    dl->PushClipRect(ImVec2(tx, pos.y), ImVec2(tx + avail, b.y), true);
    if (s.input[0]) {
        float tw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s.input).x;
        float x = tx - std::max(0.0f, tw + 4 - avail); // the end of a long query stays in view
        dl->AddText(f, f->FontSize, ImVec2(x, ty), p.text, s.input);
        if (kiosk_.keyboard_open)
            dl->AddRectFilled(ImVec2(x + tw + 2, ty),
                              ImVec2(x + tw + 2 + std::max(2.0f, scale() * 1.5f), ty + f->FontSize),
                              p.accent);
    } else {
        if (kiosk_.keyboard_open)
            dl->AddRectFilled(ImVec2(tx, ty),
                              ImVec2(tx + std::max(2.0f, scale() * 1.5f), ty + f->FontSize),
                              p.accent);
        dl->AddText(f, f->FontSize, ImVec2(tx + 6 * scale(), ty), p.muted, t(Str::SearchHint));
    }
    dl->PopClipRect();
    if (s.input[0]) {
        ImGui::SetCursorScreenPos(ImVec2(b.x - height, pos.y));
        if (icon_button(look_, "##kiosk_clear", Icon::Clear, nullptr, p.muted)) {
            kiosk_finish_search();
            s.input[0] = 0;
            kiosk_.keyboard_open = true;
            post_search();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Overlays: attract screen, PIN pad, staff screen
// ---------------------------------------------------------------------------------------------

void App::draw_kiosk_overlay() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::SetNextWindowFocus();
    ImU32 bg = kiosk_.overlay == KioskOverlay::Pin ? with_alpha(look_.pal->scrim, 0.55f)
                                                   : look_.pal->background;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(bg));
    ImGui::Begin("##kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
    switch (kiosk_.overlay) {
    case KioskOverlay::Attract:
        draw_attract(vp->Pos, vp->Size);
        break;
    case KioskOverlay::Pin:
        draw_pin_pad(vp->Pos, vp->Size);
        break;
    case KioskOverlay::Admin:
        draw_admin(vp->Pos, vp->Size);
        break;
    case KioskOverlay::None:
        break;
    }
    ImGui::End();
}

void App::draw_attract(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    bool landscape = size.x > size.y;
    float margin = std::round(std::max(m.pad * 2, std::min(size.x, size.y) * 0.05f));

    // A tap anywhere starts; the card and the languages are buttons drawn over it.
    ImGui::SetCursorScreenPos(pos);
    bool anywhere = ImGui::InvisibleButton("##attract_any", size);
    ImGui::SetItemAllowOverlap();

    // The wordmark.
    float mark = std::round(m.hit * 1.2f);
    ImVec2 mp(pos.x + margin, pos.y + margin);
    dl->AddRectFilled(mp, ImVec2(mp.x + mark, mp.y + mark), p.accent, m.radius);
    ImFont* tf = fonts_.title;
    ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, "T");
    dl->AddText(
        tf, tf->FontSize,
        ImVec2(std::floor(mp.x + (mark - ts.x) * 0.5f), std::floor(mp.y + (mark - ts.y) * 0.5f)),
        p.on_accent, "T");
    dl->AddText(tf, tf->FontSize,
                ImVec2(mp.x + mark + m.pad, std::floor(mp.y + (mark - tf->FontSize) * 0.5f)),
                p.text, t(Str::AppName));

    // The languages at the bottom: a prompt, then one button per language.
    ImFont* lf = fonts_.heading;
    float lang_h = std::round(std::max(m.hit * 1.15f, lf->FontSize * 2.2f));
    float inner_w = size.x - margin * 2;
    int per_row = landscape ? kUiLangCount : (inner_w / (lang_h * 4.2f) >= 3 ? 3 : 2);
    int lang_rows = (kUiLangCount + per_row - 1) / per_row;
    float lang_w = std::floor((inner_w - m.gap * static_cast<float>(per_row - 1)) /
                              static_cast<float>(per_row));
    float langs_top =
        pos.y + size.y - margin - static_cast<float>(lang_rows) * (lang_h + m.gap) + m.gap;
    ImFont* pf = fonts_.ui_bold;
    float prompt_y = langs_top - m.pad - pf->FontSize * 1.4f;
    std::string prompt = std::string(t(Str::TouchToStart)) + "  ·  " + t(Str::ChooseLanguage);
    wrapped_text_at(dl, ImVec2(pos.x + margin, prompt_y), pf, p.text, prompt, inner_w, 1, 1.3f,
                    true);
    for (int i = 0; i < kUiLangCount; ++i) {
        auto lang = static_cast<UiLang>(i);
        int r = i / per_row, c = i % per_row;
        int in_row = std::min(per_row, kUiLangCount - r * per_row);
        float row_w = static_cast<float>(in_row) * lang_w + static_cast<float>(in_row - 1) * m.gap;
        ImVec2 a(pos.x + std::floor((size.x - row_w) * 0.5f) +
                     static_cast<float>(c) * (lang_w + m.gap),
                 langs_top + static_cast<float>(r) * (lang_h + m.gap));
        ImVec2 b(a.x + lang_w, a.y + lang_h);
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(i);
        bool chosen = ImGui::InvisibleButton("lang", ImVec2(lang_w, lang_h));
        bool held = ImGui::IsItemActive();
        mark_item((std::string("lang:") + ui_lang_code(lang)).c_str());
        ImGui::PopID();
        bool home = lang == kiosk_.home_lang;
        dl->AddRectFilled(a, b, held ? p.surface_alt : home ? p.text : p.surface, lang_h * 0.5f);
        if (!home) dl->AddRect(a, b, p.divider, lang_h * 0.5f, 0, std::max(1.0f, scale()));
        const char* name = ui_lang_native_name(lang);
        ImVec2 ns = lf->CalcTextSizeA(lf->FontSize, FLT_MAX, 0, name);
        dl->AddText(
            lf, lf->FontSize,
            ImVec2(std::floor((a.x + b.x - ns.x) * 0.5f), std::floor((a.y + b.y - ns.y) * 0.5f)),
            home ? p.background : p.text, name);
        if (chosen) {
            kiosk_choose_language(lang);
            kiosk_close_overlay();
            return;
        }
    }

    // The editor's choice article of the moment, between the wordmark and the prompt: the photo
    // beside the text (landscape) or above it (portrait), the whole block centred in the space.
    float top = mp.y + mark + margin * 0.75f;
    float bottom = prompt_y - margin * 0.75f;
    const auto& cards = home_.editors;
    if (!cards.empty() && bottom - top > m.hit * 3) {
        const ArticleCard& c = cards[kiosk_.attract_index % cards.size()];
        float area_w = size.x - margin * 2, area_h = bottom - top;
        bool photo = !c.photo.empty();
        float photo_w = photo ? (landscape ? std::floor(area_w * 0.52f) : area_w) : 0.0f;
        float photo_h = photo ? (landscape ? std::min(area_h, std::floor(photo_w / 1.4f))
                                           : std::floor(std::min(area_h * 0.6f, photo_w / 1.1f)))
                              : 0.0f;
        float text_w =
            landscape && photo ? area_w - photo_w - margin : std::min(area_w, 1100.0f * scale());
        // Lay the text out first to know its height.
        ImFont* kf = fonts_.small_bold;
        float label_h = kf->FontSize * 1.8f;
        float go_h = m.hit;
        float text_room = (landscape || !photo ? area_h : area_h - photo_h - margin * 0.6f) -
                          label_h - go_h - m.pad * 2;
        RichParams rp;
        rp.width = text_w;
        rp.line_height = 1.2f;
        rp.max_lines = std::clamp(static_cast<int>(text_room * 0.6f / (tf->FontSize * 1.2f)), 1, 4);
        RichText title;
        title.add(trim_text(c.title));
        RichLayout tl = layout_rich(title, RichFonts{tf}, rp);
        RichLayout sl;
        if (!trim_text(c.summary).empty()) {
            rp.line_height = 1.5f;
            rp.max_lines = std::clamp(
                static_cast<int>((text_room - tl.height) / (fonts_.body->FontSize * 1.5f)), 0, 4);
            if (rp.max_lines > 0) {
                RichText summary;
                summary.add(trim_text(c.summary));
                sl = layout_rich(summary, RichFonts{fonts_.body}, rp);
            }
        }
        float text_h =
            label_h + tl.height + (sl.height > 0 ? m.pad + sl.height : 0.0f) + m.pad * 1.5f + go_h;
        float block_h = landscape ? std::max(photo_h, text_h)
                                  : photo_h + (photo ? margin * 0.6f : 0.0f) + text_h;
        ImVec2 a(pos.x + margin, top + std::floor(std::max(0.0f, (area_h - block_h) * 0.5f)));
        ImVec2 b(a.x + area_w, a.y + block_h);
        ImGui::SetCursorScreenPos(a);
        bool read = ImGui::InvisibleButton("##attract_card", ImVec2(b.x - a.x, b.y - a.y));
        float tx = a.x, ty = a.y;
        if (photo) {
            ImVec2 pa(a.x, landscape ? a.y + std::floor((block_h - photo_h) * 0.5f) : a.y);
            draw_photo_box(c.photo, pa, ImVec2(pa.x + photo_w, pa.y + photo_h),
                           static_cast<int>(photo_w), false, nullptr);
            if (landscape)
                tx = a.x + photo_w + margin;
            else
                ty = a.y + photo_h + margin * 0.6f;
        }
        if (landscape) ty = a.y + std::floor((block_h - text_h) * 0.5f);
        std::string label = to_upper_label(t(Str::EditorsChoice));
        dl->AddText(kf, kf->FontSize, ImVec2(tx, ty), p.accent, label.c_str());
        ty += label_h;
        draw_rich(dl, tl, ImVec2(tx, ty), RichColors{p.text, p.text, 0, 0});
        ty += tl.height;
        if (sl.height > 0) {
            ty += m.pad;
            draw_rich(dl, sl, ImVec2(tx, ty), RichColors{p.muted, p.muted, 0, 0});
            ty += sl.height;
        }
        ty += m.pad * 1.5f;
        // "Tap to read" and a dot per card.
        ImFont* bf = fonts_.ui_bold;
        const char* go = t(Str::TapToRead);
        float gw = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, go).x + m.pad * 2;
        dl->AddRectFilled(ImVec2(tx, ty), ImVec2(tx + gw, ty + go_h), p.accent, go_h * 0.5f);
        dl->AddText(bf, bf->FontSize,
                    ImVec2(tx + m.pad, std::floor(ty + (go_h - bf->FontSize) * 0.5f)), p.on_accent,
                    go);
        float dot = std::max(3.0f, std::round(4 * scale()));
        for (size_t i = 0; i < cards.size() && cards.size() > 1; ++i)
            dl->AddCircleFilled(
                ImVec2(tx + gw + m.pad * 1.5f + static_cast<float>(i) * dot * 4, ty + go_h * 0.5f),
                dot, i == kiosk_.attract_index % cards.size() ? p.accent : p.divider, 12);
        if (read) {
            kiosk_close_overlay();
            open_article(c.rowid);
            return;
        }
    }
    if (anywhere) kiosk_close_overlay();
}

void App::draw_pin_pad(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    bool no_pin = kiosk_.pin_hash.empty();
    double now = clock_->monotonic();
    int locked = kiosk_.gate.seconds_left(now);
    float key = std::round(m.hit * 1.5f);
    float pad_w = key * 3, pad_h = key * 4;
    float w = std::min(size.x - m.pad * 2, std::max(pad_w + m.pad * 4, 420.0f * scale()));
    float inner = w - m.pad * 2;
    ImFont* hf = fonts_.heading;
    float msg_h = fonts_.ui->FontSize * 1.4f * 3;
    float h = m.pad * 2 + hf->FontSize * 1.4f + m.pad + m.hit * 0.6f + m.pad + msg_h +
              (no_pin ? 0.0f : pad_h + m.pad) + m.hit + m.pad;
    ImVec2 a(pos.x + std::floor((size.x - w) * 0.5f),
             pos.y + std::floor(std::max(m.pad, (size.y - h) * 0.5f)));
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), p.surface, m.radius * 1.5f);
    float y = a.y + m.pad * 1.5f;
    draw_icon(dl, Icon::Lock, ImVec2(a.x + m.pad + hf->FontSize * 0.5f, y + hf->FontSize * 0.6f),
              hf->FontSize * 0.9f, p.accent);
    dl->AddText(hf, hf->FontSize, ImVec2(a.x + m.pad * 1.5f + hf->FontSize, y), p.text,
                t(Str::EnterPin));
    y += hf->FontSize * 1.4f + m.pad;
    // One dot per digit typed (never the digits).
    float dot = std::round(m.hit * 0.13f);
    size_t n = kiosk_.pin_typed.size();
    float dots_w = static_cast<float>(std::max<size_t>(n, 4)) * dot * 3.2f;
    for (size_t i = 0; i < std::max<size_t>(n, 4); ++i) {
        ImVec2 c(a.x + (w - dots_w) * 0.5f + dot * 1.6f + static_cast<float>(i) * dot * 3.2f,
                 y + m.hit * 0.3f);
        if (i < n)
            dl->AddCircleFilled(c, dot, p.text, 16);
        else
            dl->AddCircle(c, dot, p.muted, 16, std::max(1.0f, scale()));
    }
    y += m.hit * 0.6f + m.pad;
    std::string msg;
    ImU32 msg_col = p.muted;
    if (no_pin)
        msg = t(Str::NoPinSet);
    else if (locked > 0)
        msg = trf(Str::PinLocked, ui_lang_, std::to_string(locked)), msg_col = p.accent;
    else if (kiosk_.pin_checking)
        msg = t(Str::Checking);
    else if (kiosk_.pin_wrong)
        msg = t(Str::WrongPin), msg_col = p.accent;
    if (!msg.empty())
        wrapped_text_at(dl, ImVec2(a.x + m.pad, y), fonts_.ui, msg_col, msg, inner, 3, 1.4f, true);
    y += msg_h;
    if (!no_pin) {
        ImVec2 pa(a.x + std::floor((w - pad_w) * 0.5f), y);
        if (locked > 0) ImGui::BeginDisabled();
        draw_keyboard(kiosk_.pin_pad, pa, ImVec2(pad_w, pad_h),
                      [this](const OskKey& k) { kiosk_pin_key(k); });
        if (locked > 0) ImGui::EndDisabled();
        y += pad_h + m.pad;
    }
    ImFont* cf = fonts_.ui;
    float cw = cf->CalcTextSizeA(cf->FontSize, FLT_MAX, 0, t(Str::Cancel)).x + m.pad * 1.6f;
    ImGui::SetCursorScreenPos(ImVec2(a.x + std::floor((w - cw) * 0.5f), y));
    bool cancel = chip(look_, "##pin_cancel", t(Str::Cancel), false);
    mark_item("cancel");
    if (cancel) kiosk_close_overlay();
}

void App::draw_admin(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    top_bar_title(t(Str::KioskAdmin), pos, size.x, false);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + m.bar));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(p.background));
    ImGui::BeginChild("##admin", ImVec2(size.x, size.y - m.bar), false,
                      ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    float width = std::min(size.x - m.pad * 2, 760.0f * scale());
    float x0 = ImGui::GetWindowPos().x + std::floor((size.x - width) * 0.5f);
    const float indent = std::max(0.5f, x0 - ImGui::GetWindowPos().x);
    ImGui::Indent(indent);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + m.pad * 1.5f));
    auto next = [&](float space) {
        ImGui::Dummy(ImVec2(width, space));
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
    };

    // What staff came for.
    ChipFlow flow = chip_flow_begin(look_, width);
    bool back = chip_in(look_, flow, "##back", t(Str::BackToVisitors), true);
    mark_item("back");
    bool leave = chip_in(look_, flow, "##leave", t(Str::LeaveKiosk), false);
    mark_item("leave");
    bool close = chip_in(look_, flow, "##quit", t(Str::CloseApp), false);
    mark_item("close");
    if (back) kiosk_close_overlay();
    if (leave) {
        kiosk_close_overlay();
        save_setting(kKioskEnabledSetting, "0");
        set_kiosk(false);
    }
    if (close) quit_ = true;
    chip_flow_end(look_, flow);
    next(m.pad * 1.5f);

    section_header(look_, t(Str::IdleReset), width);
    {
        constexpr int n = static_cast<int>(sizeof kKioskIdleChoices / sizeof kKioskIdleChoices[0]);
        std::string labels[n];
        const char* ptrs[n];
        int current = -1;
        for (int i = 0; i < n; ++i) {
            labels[i] = trf(Str::Minutes, ui_lang_, std::to_string(kKioskIdleChoices[i] / 60));
            ptrs[i] = labels[i].c_str();
            if (kKioskIdleChoices[i] == kiosk_.idle_seconds) current = i;
        }
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
        if (segmented(look_, "##idle", ptrs, n, current, width) && current >= 0) {
            kiosk_.idle_seconds = kKioskIdleChoices[current];
            save_setting(kKioskIdleSetting, std::to_string(kiosk_.idle_seconds));
        }
    }
    next(m.pad * 1.5f);

    section_header(look_, t(Str::AttractScreen), width);
    {
        const char* labels[] = {t(Str::On), t(Str::Off)};
        int current = kiosk_.attract ? 0 : 1;
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
        if (segmented(look_, "##attract", labels, 2, current, std::min(width, 420.0f * scale()))) {
            kiosk_.attract = current == 0;
            save_setting(kKioskAttractSetting, kiosk_.attract ? "1" : "0");
        }
    }
    next(m.pad * 1.5f);

    section_header(look_, t(Str::VisitorLanguage), width);
    flow = chip_flow_begin(look_, width);
    for (int i = 0; i < kUiLangCount; ++i) {
        auto lang = static_cast<UiLang>(i);
        ImGui::PushID(i);
        if (chip_in(look_, flow, "##vl", ui_lang_native_name(lang), lang == kiosk_.home_lang)) {
            kiosk_.home_lang = lang;
            kiosk_.home_lang_saved = true;
            ui_lang_ = lang;
            save_setting(kKioskLangSetting, ui_lang_code(lang));
        }
        ImGui::PopID();
    }
    chip_flow_end(look_, flow);
    next(m.pad * 1.5f);

    section_header(look_, t(Str::TextSize), width);
    {
        constexpr float scales[] = {1.0f, 1.15f, 1.3f, 1.5f};
        const char* labels[] = {"100%", "115%", "130%", "150%"};
        int current = 0;
        for (int i = 0; i < 4; ++i)
            if (std::fabs(scales[i] - text_scale_) < 0.01f) current = i;
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
        if (segmented(look_, "##ktext", labels, 4, current, width)) {
            text_scale_ = scales[current];
            fonts_dirty_ = true;
            char buf[16];
            std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(text_scale_));
            save_setting("reader.text_scale", buf);
        }
    }
    next(m.pad * 1.5f);

    section_header(look_, t(Str::UsageCounts), width);
    auto count_of = [&](const char* name) {
        for (const FacetCount& c : kiosk_.counters)
            if (c.value == name) return c.count;
        return int64_t{0};
    };
    const std::pair<Str, const char*> rows[] = {{Str::Visits, usage::kVisits},
                                                {Str::ArticlesOpened, usage::kArticlesOpened},
                                                {Str::Searches, usage::kSearches},
                                                {Str::SearchesEmpty, usage::kSearchesEmpty}};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const auto& [label, name] : rows) {
        ImVec2 a(x0, ImGui::GetCursorScreenPos().y);
        float rh = std::round(fonts_.ui->FontSize * 2.0f);
        std::string n = std::to_string(count_of(name));
        dl->AddText(fonts_.ui, fonts_.ui->FontSize,
                    ImVec2(a.x, a.y + (rh - fonts_.ui->FontSize) * 0.5f), p.text, t(label));
        float nw = fonts_.ui_bold->CalcTextSizeA(fonts_.ui_bold->FontSize, FLT_MAX, 0, n.c_str()).x;
        dl->AddText(fonts_.ui_bold, fonts_.ui_bold->FontSize,
                    ImVec2(a.x + width - nw, a.y + (rh - fonts_.ui->FontSize) * 0.5f), p.text,
                    n.c_str());
        hline(dl, a.x, a.x + width, a.y + rh - 1, p.divider);
        ImGui::Dummy(ImVec2(width, rh));
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
    }
    std::string langs;
    for (int i = 0; i < kUiLangCount; ++i) {
        auto lang = static_cast<UiLang>(i);
        int64_t c = count_of((std::string(usage::kUiLanguagePrefix) + ui_lang_code(lang)).c_str());
        if (!langs.empty()) langs += "   ";
        langs += std::string(ui_lang_native_name(lang)) + " " + std::to_string(c);
    }
    next(m.gap);
    wrapped_text(fonts_.small, p.muted, std::string(t(Str::Language)) + ":  " + langs, width);
    // Updates: staff bring news on a stick and take the counts away on it.
    next(m.pad * 1.5f);
    section_header(look_, t(Str::KioskStickUpdates), width);
    if (!kiosk_.stick_note.empty()) {
        wrapped_text(fonts_.ui, p.text, kiosk_.stick_note, width);
        next(m.gap * 0.5f);
    }
    if (!sync_last_when_.empty()) {
        wrapped_text(fonts_.small, p.muted,
                     trf(Str::SyncLast, ui_lang_,
                         format_date(sync_last_when_, ui_lang_) + " · " + sync_summary_words(sync_last_)),
                     width);
        next(m.gap * 0.5f);
    }
    wrapped_text(fonts_.small, p.muted, t(Str::KioskStickHint), width);
    next(m.pad * 3);
    ImGui::Unindent(indent);
    ImGui::PopStyleVar();
    ImGui::EndChild();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Visitors' language screen and the settings group
// ---------------------------------------------------------------------------------------------

void App::draw_kiosk_settings(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    const Metrics& m = look_.m;
    top_bar_title(t(Str::Language), pos, size.x, false);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + m.bar));
    begin_scroll("##kiosk_lang", ImVec2(size.x, size.y - m.bar));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float outer = wide_ ? m.pad * 2 : m.pad;
    float width = std::min(size.x - outer * 2, 720.0f * scale());
    float x0 = ImGui::GetWindowPos().x + std::floor((size.x - width) * 0.5f);
    const float indent = std::max(0.5f, x0 - ImGui::GetWindowPos().x);
    ImGui::Indent(indent);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + m.pad * 1.5f));
    // One large row per language, each in its own words.
    ImFont* f = fonts_.heading;
    float row_h = std::round(std::max(m.hit * 1.3f, f->FontSize * 2.4f));
    for (int i = 0; i < kUiLangCount; ++i) {
        auto lang = static_cast<UiLang>(i);
        ImVec2 a(x0, ImGui::GetCursorScreenPos().y);
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(i);
        bool pressed = ImGui::InvisibleButton("vlang", ImVec2(width, row_h));
        bool held = ImGui::IsItemActive();
        mark_item((std::string("lang:") + ui_lang_code(lang)).c_str());
        ImGui::PopID();
        bool on = lang == ui_lang_;
        ImVec2 b(a.x + width, a.y + row_h - m.gap);
        dl->AddRectFilled(a, b,
                          on     ? with_alpha(p.accent, 0.12f)
                          : held ? p.surface_alt
                                 : p.surface,
                          m.radius);
        dl->AddRect(a, b, on ? p.accent : p.divider, m.radius, 0,
                    on ? std::max(1.5f, 2 * scale()) : 1.0f);
        dl->AddText(
            f, f->FontSize,
            ImVec2(a.x + m.pad * 1.5f, std::floor(a.y + (row_h - m.gap - f->FontSize) * 0.5f)),
            p.text, ui_lang_native_name(lang));
        if (on) {
            float cx = b.x - m.pad * 2, cy = (a.y + b.y) * 0.5f, r = m.hit * 0.2f;
            ImVec2 pts[] = {ImVec2(cx - r, cy), ImVec2(cx - r * 0.3f, cy + r * 0.7f),
                            ImVec2(cx + r, cy - r * 0.8f)};
            dl->AddPolyline(pts, 3, p.accent, 0, std::max(2.5f, 3.0f * scale()));
        }
        if (pressed) kiosk_choose_language(lang);
    }
    // The staff's way in: small, at the end.
    ImGui::Dummy(ImVec2(width, m.pad * 2));
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
    bool staff = icon_button(look_, "##staff", Icon::Lock, t(Str::StaffOnly), p.muted);
    mark_item("staff");
    if (staff) kiosk_open_staff();
    ImGui::Dummy(ImVec2(width, m.pad * 2));
    ImGui::Unindent(indent);
    ImGui::PopStyleVar();
    end_scroll();
}

void App::draw_kiosk_start(float x, float width) {
    const Palette& p = *look_.pal;
    wrapped_text(fonts_.ui, p.text, t(Str::KioskHint), width, 0, 1.45f);
    ImGui::Dummy(ImVec2(width, look_.m.gap));
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    if (kiosk_.pin_hash.empty()) {
        wrapped_text(fonts_.small, p.muted, t(Str::NoPinSet), width, 0, 1.4f);
    } else {
        bool start = chip(look_, "##start_kiosk", t(Str::StartKiosk), false);
        mark_item("start-kiosk");
        if (start) kiosk_open_staff(); // the PIN first: whoever starts it must be able to leave it
    }
}

} // namespace tidings::reader
