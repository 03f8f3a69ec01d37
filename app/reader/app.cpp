// The reader's lifecycle and frame: settings, fonts, workers, the event loop, navigation and
// the frame skeleton (rail or tab bar, top bars, scroll areas). Screens live in screen_*.cpp.
//
// Index
// [SECTION] Construction and start
// [SECTION] Settings and fonts
// [SECTION] Background jobs
// [SECTION] Navigation
// [SECTION] Event loop
// [SECTION] Frame skeleton
#include "app/reader/app.h"

#include "app/reader/library_glyphs.h"

#include "core/bundle_apply.h"
#include "core/file_util.h"
#include "core/trust.h"
#include "platform/clock.h"
#include "platform/data_paths.h"
#include "platform/display.h"

#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace tidings::reader {

namespace {
constexpr const char* kSetUiLang = "reader.ui_lang";
constexpr const char* kSetTheme = "reader.theme";
constexpr const char* kSetTextScale = "reader.text_scale";
constexpr const char* kSetGlyphs = "reader.glyphs";
constexpr const char* kSetGlyphsFor = "reader.glyphs_for";
constexpr size_t kPhotoBudget = 24u << 20; // bytes of photo textures kept

} // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Construction and start
// ---------------------------------------------------------------------------------------------

App::App(const ReaderOptions& options, SDL_Window* window, SDL_Renderer* renderer)
    : options_(options), window_(window), renderer_(renderer) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing written beside the program
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = true;
    ImGui_ImplSDL2_InitForSDLRenderer(window_);
    ImGui_ImplSDLRenderer_Init(renderer_);
}

App::~App() {
    volumes_.reset(); // its thread posts to the queue
    // Workers first: their tasks may still be queued but will never run.
    search_.reset();
    bulk_.reset();
    db_.reset();
    photos_.reset();
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
}

Status App::start() {
    library_path_ = options_.library.empty() ? platform::default_library_path() : options_.library;
    if (library_path_.empty())
        return make_error(ErrorCode::Io, "no place for the library: set HOME or XDG_DATA_HOME, or pass --library PATH");
    if (auto parent = std::filesystem::path(library_path_).parent_path(); !parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
    }
    bool needs_setup = false;
    {
        // Settings are read once, before the first frame; afterwards only workers touch the file.
        // An older library is brought up to date here, before the window shows anything.
        auto lib = Library::open(library_path_, [&](int from, int to) {
            std::fprintf(
                stderr,
                "tidings: updating %s from schema %d to %d; rebuilding its search index can take a "
                "minute for a large library\n",
                library_path_.c_str(), from, to);
        });
        if (!lib) return lib.error();
        load_saved_settings(lib.value());
        kiosk_load_settings(lib.value());
        auto ch = lib->channels();
        auto n = lib->article_count();
        needs_setup = ch && ch->empty() && n && n.value() == 0;
        auto cached = lib->setting(kSetGlyphs);
        if (cached && cached.value()) library_glyphs_ = GlyphSet::parse(*cached.value());
    }
    if (!options_.ui_lang.empty())
        if (auto l = ui_lang_from_code(options_.ui_lang)) ui_lang_ = *l;
    if (options_.theme == "night") theme_ = ThemeKind::Night;
    if (options_.theme == "day") theme_ = ThemeKind::Day;
    if (options_.text_scale > 0) text_scale_ = options_.text_scale;

    dpi_ = options_.dpi > 0 ? options_.dpi : platform::display_metrics(SDL_GetWindowDisplayIndex(window_)).dpi;
    kiosk_begin();
    update_metrics();

    std::string font_probe = platform::find_resource(std::string("fonts/") + font_file_name(FontFile::Sans));
    if (font_probe.empty())
        return make_error(ErrorCode::Io, "the fonts are missing: expected fonts/NotoSans-Regular.ttf in the share folder "
                                         "beside the program (rebuild, or set TIDINGS_SHARE_DIR)");
    auto fl = FontLibrary::load(std::filesystem::path(font_probe).parent_path().string());
    if (!fl) return fl.error();
    font_files_ = std::make_unique<FontLibrary>(std::move(fl.value()));
    std::string ui = all_ui_text();
    ui_glyphs_.add_text(ui);
    ui_glyphs_.add_text(to_upper_label(ui));
    ui_glyphs_.add_text(osk_all_text()); // the on-screen keyboard's letters, in every script
    ui_glyphs_.add_text(library_path_);

    wake_event_ = SDL_RegisterEvents(1);
    waiter_ = std::make_unique<platform::EventWaiter>();
    auto wake = [type = wake_event_, waiter = waiter_.get()] {
        SDL_Event e{};
        e.type = type;
        SDL_PushEvent(&e);
        waiter->wake();
    };
    queue_.set_waker(wake);
    db_ = std::make_unique<Worker>("library", library_path_);
    search_ = std::make_unique<Worker>("search", library_path_);
    bulk_ = std::make_unique<Worker>("bulk", library_path_);
    photos_ = std::make_unique<PhotoCache>(renderer_, library_path_, kPhotoBudget, wake);

    if (needs_setup) {
        start_setup();
    } else {
        // What the first screen shows first (a few milliseconds), then the counts (a full pass).
        load_editors();
        load_first_page();
        load_facets();
        scan_glyphs(false);
    }
    // USB sticks: the usual mount points, or the given ones; headless runs watch only those.
    if (!options_.volume_roots.empty()) watch_volumes(options_.volume_roots);
    else if (options_.screenshot.empty() && !options_.bench)
        watch_volumes(platform::VolumeWatcher::default_roots(), std::getenv("TIDINGS_VOLUME_ROOTS")
                                                                    ? platform::VolumeWatcher::Mode::Folders
                                                                    : platform::VolumeWatcher::Mode::MountTable);
    if (!options_.sync_source.empty())
        start_sync(options_.sync_source, options_.sync_label.empty() ? options_.sync_source : options_.sync_label, false);
    rebuild_fonts_if_needed();
    return {};
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Settings and fonts
// ---------------------------------------------------------------------------------------------

void App::load_saved_settings(Library& lib) {
    if (auto v = lib.setting(kSetUiLang); v && v.value()) {
        if (auto l = ui_lang_from_code(*v.value())) ui_lang_ = *l;
    } else if (const char* env = std::getenv("LANG")) {
        if (auto l = ui_lang_from_code(env)) ui_lang_ = *l;
    }
    if (auto v = lib.setting(kSetTheme); v && v.value()) theme_ = *v.value() == "night" ? ThemeKind::Night : ThemeKind::Day;
    if (auto v = lib.setting(kSetTextScale); v && v.value()) {
        float f = std::strtof(v.value()->c_str(), nullptr);
        if (f >= 0.7f && f <= 2.0f) text_scale_ = f;
    }
    // Sync: the saved server, how often to try it, and what happened last.
    if (auto v = lib.setting("sync.server"); v && v.value())
        std::snprintf(sync_server_, sizeof sync_server_, "%s", v.value()->c_str());
    if (auto v = lib.setting("sync.interval_h"); v && v.value()) sync_interval_h_ = std::atoi(v.value()->c_str());
    if (auto v = lib.setting("sync.last_try"); v && v.value()) sync_last_try_ = std::atoll(v.value()->c_str());
    if (auto v = lib.setting("sync.last"); v && v.value()) parse_last_sync(*v.value(), sync_last_when_, sync_last_);
}

void App::save_setting(const std::string& key, const std::string& value) {
    db_->post([key, value](Result<Library>& lib, const std::atomic<bool>&) {
        if (lib) (void)lib->set_setting(key, value); // a failed save only loses a preference
    });
}

void App::update_metrics() {
    Metrics m;
    m.scale = platform::ui_scale_for_dpi(dpi_);
    float s = m.scale;
    m.hit = std::round(std::max(platform::mm_to_px(9.0f, dpi_), 34.0f * s));
    if (kiosk_.on) m.hit = std::round(std::max(m.hit, platform::mm_to_px(12.0f, dpi_))); // public touch screens
    m.pad = std::round(16 * s);
    m.gap = std::round(8 * s);
    m.bar = std::round(std::max(m.hit + 14 * s, 56 * s));
    m.rail = std::round(96 * s);
    m.radius = std::round(10 * s);
    base_metrics_ = m;
    look_.m = m;
    look_.pal = &palette(theme_);
    look_.fonts = &fonts_;
    style_dirty_ = true;
}

void App::rebuild_fonts_if_needed() {
    ImGuiIO& io = ImGui::GetIO();
    if (fonts_dirty_) {
        fonts_dirty_ = false;
        GlyphSet all = ui_glyphs_;
        all.merge(library_glyphs_);
        float base = std::round(17.0f * look_.m.scale * text_scale_);
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
        font_files_->build(*io.Fonts, base, all, fonts_);
        io.FontDefault = fonts_.ui;
        ImGui_ImplSDLRenderer_CreateFontsTexture();
        io.Fonts->ClearTexData(); // the texture has the pixels now
        // Touch targets grow with the text (and shrink back with it, never under 9 mm).
        look_.m = base_metrics_;
        look_.m.hit = std::max(base_metrics_.hit, std::round(fonts_.ui->FontSize * 2.1f));
        look_.m.bar = std::max(base_metrics_.bar, std::round(look_.m.hit + 14 * look_.m.scale));
        style_dirty_ = true;
    }
    if (style_dirty_) {
        style_dirty_ = false;
        look_.pal = &palette(theme_);
        apply_style(ImGui::GetStyle(), theme_, look_.m);
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Background jobs
// ---------------------------------------------------------------------------------------------

void App::start_setup() {
    setup_ = SetupState{};
    std::string bundle = platform::find_resource("sample.tidings");
    std::string key_file = platform::find_resource("sample-channel.pub");
    if (bundle.empty() || key_file.empty()) {
        setup_.error = std::string(t(Str::SampleMissing)) + " (share/sample.tidings)";
        setup_.finished = true;
        library_changed(); // an empty library: home says so
        return;
    }
    setup_.active = true;
    MainQueue* q = &queue_;
    bulk_->post([this, q, bundle, key_file](Result<Library>& lib, const std::atomic<bool>& stop) {
        if (!lib) {
            q->post([this, e = lib.error().message] {
                setup_.active = false;
                setup_.finished = true;
                setup_.error = e;
            });
            return;
        }
        // The sample channel's key ships with the app: trust it for the channel 'sample' unless the
        // library already trusts a key there (then the signature decides, as for any bundle).
        Status trusted = [&]() -> Status {
            auto text = read_small_file(key_file, 4096, "minisign public key");
            if (!text) return text.error();
            auto key = parse_public_key(*text, key_file);
            if (!key) return key.error();
            auto current = trusted_key(lib.value(), "sample");
            if (!current) return current.error();
            if (current.value()) return {};
            return trust_channel_key(lib.value(), "sample", *key);
        }();
        SignedApplyOptions signed_opts;
        ApplyOptions& opts = signed_opts.apply;
        opts.stop = &stop;
        std::string last_phase;
        double last_post = 0;
        opts.progress = [&](const ApplyProgress& p) {
            double now = platform::monotonic_seconds();
            if (p.phase == last_phase && now - last_post < 0.05) return; // at most ~20 updates a second
            last_phase = p.phase;
            last_post = now;
            q->post([this, phase = std::string(p.phase), done = p.done, total = p.total] {
                setup_.phase = phase;
                setup_.done = done;
                setup_.total = total;
            });
        };
        Result<ApplyReport> r = trusted ? apply_signed_bundle(lib.value(), bundle, signed_opts)
                                        : Result<ApplyReport>(trusted.error());
        if (r) (void)lib->checkpoint(); // on this worker, not in the UI's next write
        q->post([this, ok = r.ok(), err = r.ok() ? std::string() : r.error().message] {
            setup_.active = false;
            setup_.finished = true;
            if (!ok) setup_.error = err;
            library_changed();
        });
    });
}

void App::library_changed() {
    home_ = HomeState{};
    saved_ = SavedState{};
    channels_loaded_ = false;
    articles_.clear();
    article_order_.clear();
    load_editors();
    load_first_page();
    load_facets();
    scan_glyphs(true);
}

void App::scan_glyphs(bool force) {
    if (glyph_scan_running_) return;
    glyph_scan_running_ = true;
    MainQueue* q = &queue_;
    bulk_->post([this, q, force](Result<Library>& lib, const std::atomic<bool>& stop) {
        GlyphSet found;
        bool ok = false;
        if (lib) {
            std::string fp = library_fingerprint(lib.value());
            auto cached_for = lib->setting(kSetGlyphsFor);
            auto cached = lib->setting(kSetGlyphs);
            if (!force && cached_for && cached_for.value() && *cached_for.value() == fp && cached && cached.value()) {
                found = GlyphSet::parse(*cached.value());
                ok = true;
            } else if (auto g = collect_library_glyphs(lib.value(), stop)) {
                found = std::move(g.value());
                ok = true;
                (void)lib->set_setting(kSetGlyphs, found.serialize());
                (void)lib->set_setting(kSetGlyphsFor, fp);
            }
        }
        q->post([this, ok, found = std::move(found)] {
            glyph_scan_running_ = false;
            if (!ok) return;
            library_glyphs_.merge(found);
            if (!font_files_->built_glyphs().covers(found)) fonts_dirty_ = true; // new characters arrived
        });
    });
}

void App::load_facets() {
    if (home_.facets_loading) return;
    home_.facets_loading = true;
    std::string language = home_.language;
    MainQueue* q = &queue_;
    db_->post([this, q, language](Result<Library>& lib, const std::atomic<bool>&) {
        if (!lib) {
            q->post([this, e = lib.error().message] {
                home_.facets_loading = false;
                home_.error = e;
            });
            return;
        }
        auto langs = lib->languages();
        auto secs = lib->sections(language);
        int64_t n = 0; // every article has a language: their counts add up to all articles
        if (langs)
            for (const FacetCount& f : langs.value()) n += f.count;
        std::string err = !langs ? langs.error().message : !secs ? secs.error().message : "";
        q->post([this, language, err, langs = langs ? langs.value() : std::vector<FacetCount>{},
                 secs = secs ? secs.value() : std::vector<FacetCount>{}, n] {
            home_.facets_loading = false;
            if (language != home_.language) { // the filter changed meanwhile
                load_facets();
                return;
            }
            home_.error = err;
            home_.languages = langs;
            home_.sections = secs;
            home_.article_count = n;
            home_.facets_loaded = true;
            reset_home_list();
        });
    });
}

void App::load_editors() {
    std::string language = home_.language;
    MainQueue* q = &queue_;
    db_->post([this, q, language](Result<Library>& lib, const std::atomic<bool>&) {
        if (!lib) return;
        auto ec = lib->editors_choice(7, 0, language);
        q->post([this, language, cards = ec ? ec.value() : std::vector<ArticleCard>{}] {
            if (language != home_.language) return;
            home_.editors = cards;
            home_.editors_loaded = true;
        });
    });
}

void App::load_first_page() {
    CardPager& l = home_.list;
    if (l.pages.count(0) || l.requested.count(0)) return;
    l.requested[0] = frame_no_;
    MainQueue* q = &queue_;
    db_->post([this, q, gen = l.generation, lang = l.language, sec = l.section](Result<Library>& lib,
                                                                                const std::atomic<bool>&) {
        if (!lib) return;
        auto cards = sec.empty() ? lib->latest(CardPager::kPage, 0, lang) : lib->in_section(sec, CardPager::kPage, 0, lang);
        q->post([this, gen, cards = cards ? std::move(cards.value()) : std::vector<ArticleCard>{}]() mutable {
            CardPager& pager = home_.list;
            if (pager.generation != gen) return;
            pager.requested.erase(0);
            // Until the counts arrive, the list is as long as what is loaded.
            if (!home_.facets_loaded) pager.total = std::max<int64_t>(pager.total, static_cast<int64_t>(cards.size()));
            pager.pages[0] = std::move(cards);
        });
    });
}

void App::reset_home_list() {
    CardPager& l = home_.list;
    if (l.language != home_.language || l.section != home_.section) {
        l.pages.clear();
        l.requested.clear();
        ++l.generation; // pages of the old filters arriving late are dropped
        l.language = home_.language;
        l.section = home_.section;
    }
    l.total = 0;
    if (l.section.empty()) {
        if (l.language.empty()) {
            l.total = home_.article_count;
        } else {
            for (const FacetCount& f : home_.languages)
                if (f.value == l.language) l.total = f.count;
        }
    } else {
        for (const FacetCount& f : home_.sections)
            if (f.value == l.section) l.total = f.count;
    }
}

void App::request_pages(int64_t first_page, int64_t last_page) {
    CardPager& l = home_.list;
    l.visible_page->store(first_page);
    for (int64_t p = first_page; p <= last_page; ++p) {
        if (p < 0 || p * CardPager::kPage >= l.total || l.pages.count(p)) continue;
        auto it = l.requested.find(p);
        if (it != l.requested.end() && it->second + 240 > frame_no_) continue; // asked recently
        l.requested[p] = frame_no_;
        MainQueue* q = &queue_;
        db_->post([this, q, p, gen = l.generation, lang = l.language, sec = l.section,
                   visible = l.visible_page](Result<Library>& lib, const std::atomic<bool>&) {
            // Scrolled far away meanwhile: skip, it will be asked again if needed.
            if (std::llabs(visible->load() - p) > 3) {
                q->post([this, p, gen] {
                    if (home_.list.generation == gen) home_.list.requested.erase(p);
                });
                return;
            }
            if (!lib) return;
            auto cards = sec.empty() ? lib->latest(CardPager::kPage, static_cast<int>(p * CardPager::kPage), lang)
                                     : lib->in_section(sec, CardPager::kPage, static_cast<int>(p * CardPager::kPage), lang);
            q->post([this, p, gen, cards = cards ? std::move(cards.value()) : std::vector<ArticleCard>{}]() mutable {
                CardPager& pager = home_.list;
                if (pager.generation != gen) return;
                pager.requested.erase(p);
                pager.pages[p] = std::move(cards);
                // Keep memory flat: drop pages far from what is on screen.
                int64_t vis = pager.visible_page->load();
                while (pager.pages.size() > 24) {
                    auto first = pager.pages.begin();
                    auto last = std::prev(pager.pages.end());
                    pager.pages.erase(std::llabs(first->first - vis) > std::llabs(last->first - vis) ? first : last);
                }
            });
        });
    }
}

void App::load_saved() {
    if (saved_.loading) return;
    saved_.loading = true;
    MainQueue* q = &queue_;
    db_->post([this, q](Result<Library>& lib, const std::atomic<bool>&) {
        if (!lib) {
            q->post([this, e = lib.error().message] {
                saved_.loading = false;
                saved_.error = e;
            });
            return;
        }
        auto b = lib->bookmarks(500, 0);
        auto h = lib->history(500, 0);
        std::unordered_map<int64_t, double> progress;
        if (h)
            for (const ArticleCard& c : h.value())
                if (auto p = lib->progress(c.rowid)) progress[c.rowid] = p.value();
        if (b)
            for (const ArticleCard& c : b.value())
                if (!progress.count(c.rowid))
                    if (auto p = lib->progress(c.rowid)) progress[c.rowid] = p.value();
        std::string err = !b ? b.error().message : !h ? h.error().message : "";
        q->post([this, err, b = b ? b.value() : std::vector<ArticleCard>{}, h = h ? h.value() : std::vector<ArticleCard>{},
                 progress = std::move(progress)] {
            saved_.loading = false;
            saved_.loaded = true;
            saved_.error = err;
            saved_.bookmarks = b;
            saved_.history = h;
            saved_.progress = progress;
        });
    });
}

void App::post_search() {
    SearchState& s = search_state_;
    std::string query = s.input;
    if (query == s.sent) return;
    s.sent = query;
    uint64_t gen = ++s.generation;
    s.latest->store(gen);
    if (query.find_first_not_of(" \t") == std::string::npos) {
        s.suggestions.clear();
        s.results = SearchResults{};
        s.has_results = false;
        s.searching = false;
        s.shown.clear();
        return;
    }
    s.searching = true;
    MainQueue* q = &queue_;
    int limit = s.limit;
    search_->post([this, q, query, gen, limit, latest = s.latest](Result<Library>& lib, const std::atomic<bool>&) {
        if (latest->load() != gen) return; // typing went on: only the newest query runs
        if (!lib) {
            q->post([this, e = lib.error().message] { search_state_.error = e; });
            return;
        }
        auto sug = suggest_titles(lib.value(), query, 5);
        q->post([this, gen, sug = sug ? sug.value() : std::vector<ArticleCard>{}] {
            if (search_state_.generation == gen) search_state_.suggestions = sug;
        });
        if (latest->load() != gen) return;
        SearchOptions opts;
        opts.limit = limit;
        auto res = search(lib.value(), query, opts);
        q->post([this, gen, query, ok = res.ok(), err = res.ok() ? std::string() : res.error().message,
                 res = res.ok() ? std::move(res.value()) : SearchResults{}]() mutable {
            SearchState& st = search_state_;
            if (st.generation != gen) return;
            st.searching = false;
            st.error = err;
            if (ok) {
                st.results = std::move(res);
                st.shown = query;
                st.has_results = true;
            }
        });
    });
}

void App::toggle_bookmark() {
    auto it = articles_.find(current().article);
    if (it == articles_.end()) return;
    ArticleData& a = *it->second;
    a.bookmarked = !a.bookmarked;
    saved_.loaded = false;
    db_->post([rowid = a.rowid, on = a.bookmarked](Result<Library>& lib, const std::atomic<bool>&) {
        if (lib) (void)lib->set_bookmark(rowid, on);
    });
}

void App::save_progress() {
    // A kiosk keeps no visitor's place for the next one.
    if (kiosk_.on || current().kind != ScreenKind::Article || last_scroll_max_ <= 0) return;
    float f = std::clamp(last_scroll_y_ / last_scroll_max_, 0.0f, 1.0f);
    if (std::fabs(f - last_progress_) < 0.01f) return;
    last_progress_ = f;
    int64_t rowid = current().article;
    if (auto it = articles_.find(rowid); it != articles_.end()) it->second->progress = f;
    saved_.progress[rowid] = f;
    db_->post([rowid, f](Result<Library>& lib, const std::atomic<bool>&) {
        if (lib) (void)lib->set_progress(rowid, f);
    });
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Navigation
// ---------------------------------------------------------------------------------------------

void App::push(NavEntry e) {
    if (current().kind == ScreenKind::Article) save_progress();
    current().scroll = last_scroll_y_;
    nav_.push_back(e);
    kinetic_.stop();
    pending_scroll_ = 0;
    set_scroll_.reset();
    last_progress_ = -1;
}

void App::back() {
    if (viewer_.open) {
        viewer_.open = false;
        return;
    }
    if (current().kind == ScreenKind::Article) save_progress();
    if (nav_.size() > 1) {
        nav_.pop_back();
        kinetic_.stop();
        pending_scroll_ = 0;
        set_scroll_ = current().scroll; // the same place as when it was left
        last_progress_ = -1;
    } else if (current().kind != ScreenKind::Home) {
        switch_tab(ScreenKind::Home);
    }
}

void App::switch_tab(ScreenKind k) {
    if (current().kind == ScreenKind::Article) save_progress();
    current().scroll = last_scroll_y_;
    if (nav_.size() == 1 && current().kind == k) { // tapping the active tab scrolls to the top
        set_scroll_ = 0.0f;
        return;
    }
    nav_.assign(1, NavEntry{k});
    kinetic_.stop();
    pending_scroll_ = 0;
    set_scroll_.reset();
    if (k == ScreenKind::Saved) load_saved();
    if (k == ScreenKind::Search) search_state_.focus = true;
}

void App::go_home() { switch_tab(ScreenKind::Home); }

void App::open_article(int64_t rowid, bool resume) {
    NavEntry e{ScreenKind::Article, rowid, 0, resume};
    push(e);
    set_scroll_ = 0.0f; // a new visit starts at the top (ImGui remembers the last one's scroll)
    article_errors_.erase(rowid);
    // Keep a few articles loaded so going back is instant.
    article_order_.erase(std::remove(article_order_.begin(), article_order_.end(), rowid), article_order_.end());
    article_order_.push_back(rowid);
    while (article_order_.size() > 8) {
        int64_t old = article_order_.front();
        article_order_.erase(article_order_.begin());
        bool in_stack = std::any_of(nav_.begin(), nav_.end(), [&](const NavEntry& n) { return n.article == old; });
        if (!in_stack) articles_.erase(old);
    }
    int64_t now = clock_->unix_time();
    if (kiosk_.on) kiosk_count_article(rowid);
    if (articles_.count(rowid)) {
        db_->post([rowid, now](Result<Library>& lib, const std::atomic<bool>&) {
            if (lib) (void)lib->record_opened(rowid, now);
        });
        return;
    }
    MainQueue* q = &queue_;
    db_->post([this, q, rowid, now](Result<Library>& lib, const std::atomic<bool>&) {
        if (!lib) {
            q->post([this, rowid, e = lib.error().message] { article_errors_[rowid] = e; });
            return;
        }
        auto view = lib->article(rowid);
        if (!view) {
            q->post([this, rowid, e = view.error().code == ErrorCode::NotFound ? std::string() : view.error().message] {
                article_errors_[rowid] = e.empty() ? " " : e;
            });
            return;
        }
        auto data = std::make_shared<ArticleData>();
        data->rowid = rowid;
        data->view = std::move(view.value());
        data->model = parse_markdown(data->view.body);
        if (auto r = lib->related(rowid)) data->related = std::move(r.value());
        if (auto b = lib->is_bookmarked(rowid)) data->bookmarked = b.value();
        if (auto p = lib->progress(rowid)) data->progress = p.value();
        data->minutes = reading_minutes(plain_text(data->model));
        // Photo shapes from the thumbnails' headers, so the layout does not jump when they decode.
        std::vector<std::string> hashes;
        if (!data->view.card.photo.empty()) hashes.push_back(data->view.card.photo);
        for (const std::string& ref : photo_refs(data->model)) hashes.push_back(photo_hash_of_ref(ref));
        for (const std::string& h : hashes) {
            if (data->aspects.count(h)) continue;
            if (auto bytes = lib->photo(h, true))
                if (auto info = probe_image(bytes.value()); info && info->height > 0)
                    data->aspects[h] = static_cast<float>(info->width) / static_cast<float>(info->height);
        }
        (void)lib->record_opened(rowid, now);
        q->post([this, data] {
            for (const auto& [h, a] : data->aspects) photos_->hint_aspect(h, a);
            articles_[data->rowid] = data;
            saved_.loaded = false;
        });
    });
}

void App::open_search(const std::string& query) {
    switch_tab(ScreenKind::Search);
    search_state_.focus = query.empty();
    std::snprintf(search_state_.input, sizeof search_state_.input, "%s", query.c_str());
    post_search();
}

void App::open_saved(int tab) {
    switch_tab(ScreenKind::Saved);
    saved_.tab = tab;
    load_saved();
}

void App::open_settings() { switch_tab(ScreenKind::Settings); }

void App::open_viewer(const std::string& hash, const std::string& caption, const std::string& credit) {
    viewer_ = ViewerState{};
    viewer_.open = true;
    viewer_.hash = hash;
    viewer_.caption = caption;
    viewer_.credit = credit;
    kinetic_.stop();
}

void App::scroll_by(float pixels) { pending_scroll_ += pixels; }
void App::set_scroll(float y) { set_scroll_ = y; }

const ArticleData* App::current_article() const {
    if (current().kind != ScreenKind::Article) return nullptr;
    auto it = articles_.find(current().article);
    return it == articles_.end() ? nullptr : it->second.get();
}

std::string App::describe() {
    auto photo_state = [&](const std::string& hash, int px) -> std::string {
        if (hash.empty()) return "none";
        PhotoView v = photos_->get(hash, px);
        return v.failed ? "failed" : !v.texture ? "loading" : v.final ? "shown" : "thumbnail";
    };
    std::string d;
    if (std::string k = kiosk_describe(); !k.empty()) return k;
    if (viewer_.open) return "viewer photo=" + photo_state(viewer_.hash, viewer_.want_px);
    switch (current().kind) {
    case ScreenKind::Home: {
        size_t cards = 0;
        for (const auto& [page, list] : home_.list.pages) cards += list.size();
        d = "home articles=" + std::to_string(home_.article_count) + " languages=" + std::to_string(home_.languages.size()) +
            " editors=" + std::to_string(home_.editors.size()) + " loaded=" + std::to_string(cards);
        break;
    }
    case ScreenKind::Article: {
        const ArticleData* a = current_article();
        if (!a) return "article missing";
        d = "article=" + a->view.card.id + " related=" + std::to_string(a->related.size()) +
            " photo=" + photo_state(a->view.card.photo, static_cast<int>(a->layout_width)) +
            " blocks=" + std::to_string(a->model.blocks.size());
        break;
    }
    case ScreenKind::Search:
        d = "search results=" + std::to_string(search_state_.results.hits.size()) +
            " suggestions=" + std::to_string(search_state_.suggestions.size());
        if (kiosk_.on && kiosk_.keyboard_open) d += std::string(" keyboard=") + kiosk_.keyboard.layout().name;
        break;
    case ScreenKind::Saved:
        d = "saved bookmarks=" + std::to_string(saved_.bookmarks.size()) + " history=" + std::to_string(saved_.history.size());
        break;
    case ScreenKind::Settings: d = "settings channels=" + std::to_string(channels_.size()); break;
    }
    if (sync_.open)
        d += std::string(" sync=") + (sync_.running ? "running" : !sync_.error.empty() ? "failed" : "done");
    if (usb_.open && !sync_.open) d += " usb-offer=" + usb_.label;
    return d;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Event loop
// ---------------------------------------------------------------------------------------------

bool App::animating() const { return kinetic_.gliding() || pending_scroll_ != 0 || set_scroll_.has_value(); }

bool App::settled() const {
    bool loading_article = current().kind == ScreenKind::Article && !articles_.count(current().article) &&
                           !article_errors_.count(current().article);
    return db_->outstanding() == 0 && search_->outstanding() == 0 && bulk_->outstanding() == 0 && queue_.empty() &&
           !photos_->busy() && !setup_.active && !fonts_dirty_ && !animating() && !loading_article &&
           !home_.facets_loading && !saved_.loading && !search_state_.searching &&
           (!volumes_ || volumes_->first_scan_done());
}

bool App::handle_event(const SDL_Event& e) {
    frames_to_draw_ = std::max(frames_to_draw_, 3); // ImGui settles hover and layout in a few frames
    if (e.type == wake_event_) return true;
    if (auto kiosk = kiosk_event(e)) return *kiosk; // kiosk mode blocks the ways out
    if (e.type == SDL_QUIT) return false;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
        e.window.windowID == SDL_GetWindowID(window_))
        return false;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED && options_.dpi <= 0) {
        float dpi = platform::display_metrics(e.window.data1).dpi;
        if (dpi != dpi_) {
            dpi_ = dpi;
            update_metrics();
            fonts_dirty_ = true;
        }
    }
    ImGui_ImplSDL2_ProcessEvent(&e);
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    double now = clock_->monotonic();
    switch (e.type) {
    case SDL_FINGERDOWN: {
        touch_mode_ = true;
        ++fingers_down_;
        float x = e.tfinger.x * static_cast<float>(w), y = e.tfinger.y * static_cast<float>(h);
        scroll_area_active_ = !viewer_.open && !link_.open && x >= scroll_area_min_.x && x < scroll_area_max_.x &&
                              y >= scroll_area_min_.y && y < scroll_area_max_.y;
        if (scroll_area_active_) kinetic_.press(y, now);
        // Swipe right to go back, from any screen that has a back arrow.
        bool can_go_back = nav_.size() > 1 && !viewer_.open && !link_.open && kiosk_.overlay == KioskOverlay::None;
        if (fingers_down_ == 1 && can_go_back) swipe_.press(x, y, now, static_cast<float>(w));
        else swipe_.cancel();
        break;
    }
    case SDL_FINGERMOTION:
        swipe_.move(e.tfinger.x * static_cast<float>(w), e.tfinger.y * static_cast<float>(h), now);
        if (swipe_.claimed()) frames_to_draw_ = std::max(frames_to_draw_, 2); // the swipe's arrow follows
        else if (scroll_area_active_) pending_scroll_ += kinetic_.move(e.tfinger.y * static_cast<float>(h), now);
        break;
    case SDL_FINGERUP: {
        bool go_back = swipe_.release(e.tfinger.x * static_cast<float>(w), e.tfinger.y * static_cast<float>(h), now);
        if (scroll_area_active_) kinetic_.release(now);
        scroll_area_active_ = false;
        fingers_down_ = std::max(0, fingers_down_ - 1);
        touch_release_frames_ = 2; // the tap's release must still land on what was tapped
        if (go_back) back();
        break;
    }
    case SDL_MOUSEMOTION:
        if (e.motion.which != SDL_TOUCH_MOUSEID) touch_mode_ = false; // a real mouse moved
        event_pointer_ = ImVec2(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y));
        break;
    case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_LEAVE) event_pointer_.reset();
        break;
    case SDL_MULTIGESTURE:
        if (viewer_.open && std::fabs(e.mgesture.dDist) > 0.0005f)
            viewer_.zoom = std::clamp(viewer_.zoom * (1.0f + e.mgesture.dDist * 4.0f), 1.0f, 8.0f);
        break;
    case SDL_KEYDOWN: {
        SDL_Keycode k = e.key.keysym.sym;
        bool typing = ImGui::GetIO().WantTextInput;
        if (k == SDLK_ESCAPE || k == SDLK_AC_BACK || (k == SDLK_LEFT && (e.key.keysym.mod & KMOD_ALT)) ||
            (k == SDLK_BACKSPACE && !typing)) {
            if (link_.open) link_.open = false;
            else back();
        } else if (!typing && (k == SDLK_SLASH || (k == SDLK_f && (e.key.keysym.mod & KMOD_CTRL)))) {
            switch_tab(ScreenKind::Search);
        } else if (!typing && viewer_.open && (k == SDLK_PLUS || k == SDLK_EQUALS || k == SDLK_KP_PLUS)) {
            viewer_.zoom = std::min(8.0f, viewer_.zoom * 1.25f);
        } else if (!typing && viewer_.open && (k == SDLK_MINUS || k == SDLK_KP_MINUS)) {
            viewer_.zoom = std::max(1.0f, viewer_.zoom / 1.25f);
        } else if (!typing && !viewer_.open && (k == SDLK_PAGEDOWN || k == SDLK_SPACE)) {
            scroll_by(static_cast<float>(h) * 0.8f);
        } else if (!typing && !viewer_.open && k == SDLK_PAGEUP) {
            scroll_by(-static_cast<float>(h) * 0.8f);
        } else if (!typing && !viewer_.open && k == SDLK_HOME) {
            set_scroll_ = 0.0f;
        } else if (!typing && !viewer_.open && k == SDLK_END) {
            set_scroll_ = 1e9f;
        }
        break;
    }
    case SDL_MOUSEBUTTONDOWN:
        event_pointer_ = ImVec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y));
        if (e.button.button == SDL_BUTTON_X1) back();
        break;
    default: break;
    }
    return true;
}

int App::run() {
    while (!quit_) {
        SDL_Event e;
        if (!wants_frame()) {
            // Idle: sleep in the event loop. Only a blinking text cursor and a periodic sync wake it.
            bool caret = ImGui::GetIO().WantTextInput;
            int timeout = caret ? 500 : -1;
            if (int due = sync_wait_ms(); due >= 0 && (timeout < 0 || due < timeout)) timeout = due;
            if (!waiter_->wait(kiosk_wait_ms(timeout))) frames_to_draw_ = 1;
        }
        while (SDL_PollEvent(&e))
            if (!handle_event(e)) quit_ = true;
        if (quit_) break;
        if (wants_frame()) frame(); // a wake-up with nothing to show draws nothing
    }
    save_progress();
    return 0;
}

void App::frame(std::vector<uint32_t>* pixels) {
    double now = clock_->monotonic();
    last_frame_time_ = now;
    queue_.drain();
    kiosk_tick(now);
    sync_tick();
    rebuild_fonts_if_needed();
    photos_->begin_frame(++frame_no_);
    if (frames_to_draw_ > 0) --frames_to_draw_;

    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    // Video drivers that give the window no mouse focus (the dummy driver of headless runs and
    // tests) leave the backend without a pointer: take it from the mouse events.
    if (io.MousePos.x == -FLT_MAX && event_pointer_ && SDL_GetMouseFocus() == nullptr) io.MousePos = *event_pointer_;
    if (kinetic_.dragging() || kinetic_.gliding() || swipe_.claimed()) {
        // A finger dragging the content (or swiping back) is not tapping: hide it from the widgets.
        io.MouseDown[0] = false;
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    } else if (touch_mode_ && fingers_down_ == 0) {
        // After a tap there is no pointer hovering anything (no stuck hover highlight).
        if (touch_release_frames_ > 0) --touch_release_frames_;
        else io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    }
    ImGui::NewFrame();
    draw();
    ImGui::Render();

    const Palette& p = *look_.pal;
    SDL_SetRenderDrawColor(renderer_, (p.background >> IM_COL32_R_SHIFT) & 0xFF, (p.background >> IM_COL32_G_SHIFT) & 0xFF,
                           (p.background >> IM_COL32_B_SHIFT) & 0xFF, 0xFF);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    if (pixels) {
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(renderer_, &w, &h);
        pixels->assign(static_cast<size_t>(w) * static_cast<size_t>(h), 0);
        SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ARGB8888, pixels->data(), w * 4);
    }
    SDL_RenderPresent(renderer_);

    // Save reading progress now and then while reading.
    if (current().kind == ScreenKind::Article && now - progress_saved_at_ > 2.0) {
        progress_saved_at_ = now;
        save_progress();
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Frame skeleton
// ---------------------------------------------------------------------------------------------

bool App::begin_scroll(const char* id, ImVec2 size) {
    // No background of its own: the frame is cleared to the page colour, and with the software
    // renderer every full-screen fill costs milliseconds (a kiosk without a GPU).
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    bool open = ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    float y = ImGui::GetScrollY(), max = ImGui::GetScrollMaxY();
    float dt = ImGui::GetIO().DeltaTime;
    float d = pending_scroll_ + kinetic_.step(dt);
    pending_scroll_ = 0;
    if (set_scroll_) {
        float target = *set_scroll_;
        if (target >= 1e8f) target = max;
        ImGui::SetScrollY(std::min(target, max));
        // Content may still be arriving (an article loading): keep the target a few frames.
        if (max >= target - 0.5f || frames_to_draw_ == 0) set_scroll_.reset();
        else frames_to_draw_ = std::max(frames_to_draw_, 2);
    } else if (d != 0) {
        float ny = std::clamp(y + d, 0.0f, max);
        if (ny <= 0 || ny >= max) kinetic_.stop();
        ImGui::SetScrollY(ny);
    }
    ImVec2 wp = ImGui::GetWindowPos();
    scroll_area_min_ = wp;
    scroll_area_max_ = ImVec2(wp.x + size.x, wp.y + size.y);
    last_scroll_y_ = y;
    last_scroll_max_ = max;
    return open;
}

void App::end_scroll() { ImGui::EndChild(); }

void App::top_bar_title(const char* title, ImVec2 pos, float width, bool back_button) {
    const Palette& p = *look_.pal;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float h = look_.m.bar;
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), p.surface);
    hline(dl, pos.x, pos.x + width, pos.y + h - 1, p.divider);
    float x = pos.x + look_.m.gap;
    if (back_button) {
        ImGui::SetCursorScreenPos(ImVec2(x, pos.y + (h - look_.m.hit) * 0.5f));
        if (icon_button(look_, "##back", Icon::Back, wide_ ? t(Str::Back) : nullptr)) back();
        x = ImGui::GetItemRectMax().x + look_.m.gap;
    } else {
        x = pos.x + look_.m.pad * (wide_ ? 2.0f : 1.0f);
    }
    if (title && *title) {
        ImFont* f = fonts_.heading;
        dl->AddText(f, f->FontSize, ImVec2(x, std::floor(pos.y + (h - f->FontSize) * 0.5f)), p.text, title);
    }
}

void App::draw_rail(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), p.surface);
    vline(dl, pos.x + size.x - 1, pos.y, pos.y + size.y, p.divider);
    // The wordmark: a red square with a "T".
    float mark = look_.m.hit * 1.1f;
    ImVec2 mp(pos.x + (size.x - mark) * 0.5f, pos.y + look_.m.pad);
    dl->AddRectFilled(mp, ImVec2(mp.x + mark, mp.y + mark), p.accent, look_.m.radius);
    ImFont* tf = fonts_.title;
    ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, "T");
    dl->AddText(tf, tf->FontSize, ImVec2(std::floor(mp.x + (mark - ts.x) * 0.5f), std::floor(mp.y + (mark - ts.y) * 0.5f)),
                p.on_accent, "T");
    const auto items = nav_items();
    float y = mp.y + mark + look_.m.pad * 2;
    ScreenKind root = nav_.front().kind;
    ImFont* lf = fonts_.small;
    for (const NavItem& it : items) {
        float item_h = look_.m.hit + lf->FontSize + look_.m.gap;
        ImGui::SetCursorScreenPos(ImVec2(pos.x, y));
        ImGui::PushID(static_cast<int>(it.kind));
        bool pressed = ImGui::InvisibleButton("rail", ImVec2(size.x, item_h));
        bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        bool on = root == it.kind;
        float pill_w = look_.m.hit * 1.5f;
        ImVec2 pc(pos.x + size.x * 0.5f, y + look_.m.hit * 0.5f);
        if (on || hovered)
            dl->AddRectFilled(ImVec2(pc.x - pill_w * 0.5f, pc.y - look_.m.hit * 0.42f),
                              ImVec2(pc.x + pill_w * 0.5f, pc.y + look_.m.hit * 0.42f),
                              on ? with_alpha(p.accent, 0.14f) : p.surface_alt, look_.m.hit);
        draw_icon(dl, on && it.icon == Icon::Bookmark ? Icon::BookmarkFilled : it.icon, pc, look_.m.hit * 0.52f,
                  on ? p.accent : p.muted);
        const char* label = t(it.label);
        ImVec2 ls = lf->CalcTextSizeA(lf->FontSize, FLT_MAX, 0, label);
        float lx = std::floor(pos.x + (size.x - std::min(ls.x, size.x - 4)) * 0.5f);
        dl->PushClipRect(ImVec2(pos.x + 2, y), ImVec2(pos.x + size.x - 2, y + item_h), true);
        dl->AddText(lf, lf->FontSize, ImVec2(lx, y + look_.m.hit), on ? p.text : p.muted, label);
        dl->PopClipRect();
        if (pressed) switch_tab(it.kind);
        y += item_h + look_.m.gap * 1.5f;
    }
}

void App::draw_tab_bar(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), p.surface);
    hline(dl, pos.x, pos.x + size.x, pos.y, p.divider);
    const auto items = nav_items();
    float w = size.x / 4.0f;
    ScreenKind root = nav_.front().kind;
    ImFont* lf = fonts_.small;
    for (int i = 0; i < 4; ++i) {
        const NavItem& it = items[static_cast<size_t>(i)];
        ImVec2 a(pos.x + w * static_cast<float>(i), pos.y);
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(i);
        bool pressed = ImGui::InvisibleButton("tab", ImVec2(w, size.y));
        ImGui::PopID();
        bool on = root == it.kind;
        float icon_px = look_.m.hit * 0.5f;
        float total = icon_px + 4 + lf->FontSize;
        float top = a.y + (size.y - total) * 0.5f;
        ImVec2 ic(a.x + w * 0.5f, top + icon_px * 0.5f);
        if (on)
            dl->AddRectFilled(ImVec2(ic.x - icon_px * 1.2f, ic.y - icon_px * 0.75f),
                              ImVec2(ic.x + icon_px * 1.2f, ic.y + icon_px * 0.75f), with_alpha(p.accent, 0.14f), icon_px);
        draw_icon(dl, on && it.icon == Icon::Bookmark ? Icon::BookmarkFilled : it.icon, ic, icon_px, on ? p.accent : p.muted);
        const char* label = t(it.label);
        // A long label (Armenian "Settings" on a narrow phone) is set a little smaller to fit.
        float fs = lf->FontSize;
        ImVec2 ls = lf->CalcTextSizeA(fs, FLT_MAX, 0, label);
        if (ls.x > w - 6) {
            fs = std::max(lf->FontSize * 0.78f, std::floor(fs * (w - 6) / ls.x));
            ls = lf->CalcTextSizeA(fs, FLT_MAX, 0, label);
        }
        dl->PushClipRect(ImVec2(a.x + 2, a.y), ImVec2(a.x + w - 2, a.y + size.y), true);
        dl->AddText(lf, fs, ImVec2(std::floor(a.x + (w - std::min(ls.x, w - 4)) * 0.5f), top + icon_px + 4),
                    on ? p.text : p.muted, label);
        dl->PopClipRect();
        if (pressed) switch_tab(it.kind);
    }
}

void App::draw_setup(ImVec2 pos, ImVec2 size) {
    const Palette& p = *look_.pal;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float w = std::min(size.x - look_.m.pad * 4, fonts_.ui->FontSize * 30);
    float x = pos.x + (size.x - w) * 0.5f;
    float y = pos.y + size.y * 0.3f;
    float mark = look_.m.hit * 1.6f;
    ImVec2 mp(pos.x + (size.x - mark) * 0.5f, y - mark - look_.m.pad * 2);
    dl->AddRectFilled(mp, ImVec2(mp.x + mark, mp.y + mark), p.accent, look_.m.radius * 1.5f);
    ImFont* tf = fonts_.title;
    ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, "T");
    dl->AddText(tf, tf->FontSize, ImVec2(std::floor(mp.x + (mark - ts.x) * 0.5f), std::floor(mp.y + (mark - ts.y) * 0.5f)),
                p.on_accent, "T");
    bool failed = !setup_.error.empty();
    y += wrapped_text_at(dl, ImVec2(x, y), fonts_.heading, p.text, t(failed ? Str::ErrorTitle : Str::SetupTitle), w, 0,
                         1.25f, true);
    y += look_.m.gap;
    y += wrapped_text_at(dl, ImVec2(x, y), fonts_.ui, failed ? p.accent : p.muted,
                         failed ? setup_.error.c_str() : t(Str::SetupBody), w, 0, 1.45f, true);
    if (failed) {
        y += look_.m.pad;
        wrapped_text_at(dl, ImVec2(x, y), fonts_.ui, p.muted, t(Str::EmptyHint), w, 0, 1.45f, true);
        return;
    }
    y += look_.m.pad * 1.5f;
    Str phase = Str::PhaseChecking;
    if (setup_.phase == "photos") phase = Str::PhasePhotos;
    else if (setup_.phase == "articles") phase = Str::PhaseArticles;
    else if (setup_.phase == "related") phase = Str::PhaseRelated;
    else if (setup_.phase == "finishing") phase = Str::PhaseFinishing;
    float frac = setup_.total > 0 ? static_cast<float>(setup_.done) / static_cast<float>(setup_.total) : 0.0f;
    progress_bar(dl, ImVec2(x, y), ImVec2(x + w, y + std::round(6 * scale())), frac, p.surface_alt, p.accent);
    y += look_.m.pad;
    std::string line = t(phase);
    if (setup_.total > 0) line += "  " + std::to_string(setup_.done) + " / " + std::to_string(setup_.total);
    wrapped_text_at(dl, ImVec2(x, y), fonts_.small, p.muted, line, w, 0, 1.4f, true);
}

void App::draw() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0)); // the clear colour is the page colour
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNavFocus);
    ImGui::PopStyleColor();
    ImVec2 pos = vp->Pos, size = vp->Size;
    wide_ = size.x >= 760.0f * scale();
    bool empty_library = setup_.finished && !setup_.error.empty() && home_.facets_loaded && home_.article_count == 0;
    if (setup_.active || empty_library) {
        draw_setup(pos, size);
    } else {
        ImVec2 cpos = pos, csize = size;
        if (wide_) {
            draw_rail(pos, ImVec2(look_.m.rail, size.y));
            cpos.x += look_.m.rail;
            csize.x -= look_.m.rail;
        } else {
            csize.y -= look_.m.bar;
        }
        switch (current().kind) {
        case ScreenKind::Home: draw_home(cpos, csize); break;
        case ScreenKind::Article: draw_article(cpos, csize); break;
        case ScreenKind::Search: draw_search(cpos, csize); break;
        case ScreenKind::Saved: draw_saved(cpos, csize); break;
        case ScreenKind::Settings: draw_settings(cpos, csize); break;
        }
        if (!wide_) {
            // Its own child, drawn after the screen, so nothing scrolls over it.
            ImVec2 bar_pos(pos.x, pos.y + csize.y);
            ImGui::SetCursorScreenPos(bar_pos);
            ImGui::BeginChild("##tabbar", ImVec2(size.x, look_.m.bar), false,
                              ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
            draw_tab_bar(bar_pos, ImVec2(size.x, look_.m.bar));
            ImGui::EndChild();
        }
    }
    ImGui::End();
    if (viewer_.open) draw_viewer();
    if (link_.open) draw_link_sheet();
    if (kiosk_.overlay != KioskOverlay::None) draw_kiosk_overlay();
    if (swipe_.claimed()) {
        // A back arrow comes in from the left edge with the finger; solid once it will go back.
        float f = swipe_.progress(), r = look_.m.hit * 0.5f;
        ImVec2 c(pos.x - r + f * r * 2.6f, pos.y + size.y * 0.5f);
        ImDrawList* fg = ImGui::GetForegroundDrawList();
        const Palette& p = *look_.pal;
        fg->AddCircleFilled(c, r, f >= 1.0f ? p.accent : p.surface, 32);
        fg->AddCircle(c, r, p.divider, 32);
        draw_icon(fg, Icon::Back, c, r, f >= 1.0f ? p.on_accent : p.text);
    }
    if (usb_.open && !sync_.open && !kiosk_.on) draw_usb_offer(); // staff update a kiosk, not visitors
    if (sync_.open) draw_sync_sheet();
}

} // namespace tidings::reader
