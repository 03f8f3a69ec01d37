// The reader application: state, event loop and frame. Screens are drawn every frame from
// this state (screen_*.cpp); long work runs on workers and comes back through the MainQueue.
#pragma once

#include "app/reader/article_layout.h"
#include "app/reader/fonts.h"
#include "app/reader/glyphs.h"
#include "app/reader/jobs.h"
#include "app/reader/kinetic_scroll.h"
#include "app/reader/kiosk.h"
#include "app/reader/options.h"
#include "app/reader/photo_cache.h"
#include "app/reader/strings.h"
#include "app/reader/swipe_back.h"
#include "app/reader/texture.h"
#include "app/reader/theme.h"
#include "app/reader/ui_kit.h"
#include "core/library_search.h"
#include "core/library_store.h"
#include "core/sync.h"
#include "core/text_model.h"
#include "platform/clock.h"
#include "platform/event_wait.h"
#include "platform/volume_watch.h"

#include <SDL.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tidings::reader {

enum class ScreenKind { Home, Article, Search, Saved, Settings };

// One place in the navigation stack; scroll is saved when leaving it.
struct NavEntry {
    ScreenKind kind = ScreenKind::Home;
    int64_t article = 0;  // Article: row id
    float scroll = 0;     // scroll offset when it was left
    bool resume = false;  // Article: scroll to the saved reading progress once laid out
};

// A paged, virtualised list of cards (home's latest/section list): pages load on a worker.
struct CardPager {
    static constexpr int kPage = 40;  // cards per page
    std::string language;             // filter ("" = all)
    std::string section;              // filter ("" = all)
    int64_t total = 0;                // cards in the list
    uint64_t generation = 0;          // changes with the filters; late pages of old ones are dropped
    std::map<int64_t, std::vector<ArticleCard>> pages; // loaded pages by index
    std::map<int64_t, uint64_t> requested;             // page -> frame asked
    std::shared_ptr<std::atomic<int64_t>> visible_page =
        std::make_shared<std::atomic<int64_t>>(0); // first visible page, for workers to skip stale ones
};

// Home screen state.
struct HomeState {
    bool facets_loaded = false;          // languages, sections, counts arrived
    bool facets_loading = false;
    std::vector<FacetCount> languages;   // languages in the library
    std::vector<FacetCount> sections;    // sections (for the chosen language)
    int64_t article_count = 0;           // all articles
    std::vector<ArticleCard> editors;    // editor's choice (first few)
    bool editors_loaded = false;
    std::string language;                // chosen language filter
    std::string section;                 // chosen section filter
    CardPager list;                      // latest / section list
    float scroll = 0;                    // saved scroll offset
    std::string error;                   // last failure, shown in plain words
};

// An article as the article screen needs it, with layout caches.
struct ArticleData {
    int64_t rowid = 0;
    ArticleView view;
    TextModel model;
    std::vector<RelatedEntry> related;
    std::unordered_map<std::string, float> aspects; // photo hash -> width / height
    bool bookmarked = false;
    double progress = 0;      // saved reading progress 0..1
    int minutes = 1;          // reading time
    // Layout caches, rebuilt when the width or the fonts change.
    BodyLayout body;
    RichLayout title, dek;
    float layout_width = 0;
    int layout_generation = -1;
};

// Search screen state.
struct SearchState {
    char input[512] = {};             // what is typed
    std::string sent;                 // the query of the last job posted
    uint64_t generation = 0;          // of the newest job
    std::shared_ptr<std::atomic<uint64_t>> latest = std::make_shared<std::atomic<uint64_t>>(0);
    std::string shown;                // the query the results below belong to
    std::vector<ArticleCard> suggestions;
    SearchResults results;
    bool searching = false;           // a job for `sent` has not answered yet
    bool has_results = false;         // results belong to `shown`
    int limit = 30;                   // results asked for
    bool focus = false;               // put the cursor in the field next frame
    float scroll = 0;
    std::string error;
};

// Saved (bookmarks) and history.
struct SavedState {
    int tab = 0;                                // 0 = bookmarks, 1 = history
    std::vector<ArticleCard> bookmarks;
    std::vector<ArticleCard> history;
    std::unordered_map<int64_t, double> progress; // rowid -> fraction read
    bool loaded = false;
    bool loading = false;
    std::string error;
};

// First run: the sample bundle being applied.
struct SetupState {
    bool active = false;     // applying now
    std::string phase;       // ApplyProgress::phase
    int64_t done = 0, total = 0;
    std::string error;       // why it failed, shown on screen
    bool finished = false;
};

// The full-screen photo viewer.
struct ViewerState {
    bool open = false;
    std::string hash;        // photo
    std::string caption, credit;
    float zoom = 1.0f;       // 1 = fit to screen
    ImVec2 pan{0, 0};        // offset of the image centre from the screen centre, pixels
    int want_px = 0;         // longest side it was last drawn at
};

// A tapped link, shown in a sheet (the library is offline; links lead outside).
struct LinkSheet {
    bool open = false;
    std::string url;
    bool copied = false;
};

// A sync from a stick or a server, shown in a sheet (or quietly, for periodic syncs).
struct SyncUiState {
    bool open = false;        // the sheet is shown
    bool running = false;     // a sync job is under way
    bool quiet = false;       // periodic: show the sheet only for news or a problem
    bool finished = false;    // ended (summary or error set)
    std::string where;        // folder path or URL
    std::string label;        // "USB stick NEWS-0311", "news.example.org"
    SyncProgress progress;    // latest progress
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
    std::string summary;      // plain words, when it worked
    std::string error;        // why it failed (the core's words, naming the file and the rule)
    ErrorCode error_code = ErrorCode::Internal; // what kind of failure, for words in the UI language
    bool cancelled = false;   // ended by Cancel (nothing lost; the next sync goes on)
};

// A stick that was plugged in and holds news for a channel this library trusts (or a channel
// folder it cannot use, with the reason): offered for syncing.
struct UsbOffer {
    bool open = false;
    std::string path;         // channel folder
    std::string label;        // "USB stick NEWS-0311", in the UI language
    std::string title;        // the channel's name, from its verified index
    int64_t bytes = 0;        // what a sync would copy
    std::string problem;      // set when the folder cannot be used (untrusted key, tampered index)
};

// The "sync.last" setting: when the last sync that worked ended (ISO 8601) and what it
// brought, as tab-separated fields. parse_last_sync returns false (and changes nothing) for text
// it does not recognise.
std::string format_last_sync(const std::string& iso, const SyncReport& report);
bool parse_last_sync(const std::string& text, std::string& iso, SyncReport& report);

class App {
  public:
    // Creates the app on WINDOW and RENDERER (not owned). Opens nothing yet: call start().
    App(const ReaderOptions& options, SDL_Window* window, SDL_Renderer* renderer);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Opens the library, reads settings, builds fonts, starts workers and the first-run setup.
    // Errors (library cannot be opened, fonts missing) are returned for main() to print.
    Status start();

    // The interactive loop until the window closes; returns the exit code.
    int run();

    // One frame: drains results, draws, presents. PIXELS (optional) receives the frame as
    // ARGB8888 before it is presented.
    void frame(std::vector<uint32_t>* pixels = nullptr);
    // Handles one SDL event; false when the app should quit.
    bool handle_event(const SDL_Event& e);

    // True when no work is outstanding and nothing animates (used by screenshots and tests).
    bool settled() const;
    bool animating() const;
    // True when the loop should draw another frame now rather than sleep.
    bool wants_frame() const { return frames_to_draw_ > 0 || animating() || !queue_.empty() || fonts_dirty_; }
    // Frames drawn so far.
    uint64_t frames() const { return frame_no_; }
    // Ends the event loop's wait from any thread (after pushing an SDL event).
    void wake() { waiter_->wake(); }

    // Call after a bundle changed the library (e.g. a sync): reloads the lists and collects the
    // library's characters again, rebuilding the font atlas when new ones arrived.
    void library_changed();

    // [Sync] Starts a sync from a channel folder or URL now (shown in the sync sheet).
    void sync_now(const std::string& where, const std::string& label) { start_sync(where, label, false); }
    // Watches ROOTS for sticks from now on, on a thread of its own (MODE: see VolumeWatcher).
    void watch_volumes(std::vector<std::string> roots,
                       platform::VolumeWatcher::Mode mode = platform::VolumeWatcher::Mode::Folders);
    // A stick with news is synced at once instead of offered (kiosk: staff plug it in).
    void set_auto_sync_sticks(bool on) { auto_sync_sticks_ = on; }
    const SyncUiState& sync_state() const { return sync_; }
    // The sheet's words for a failed sync: what it means in the UI language, then the details.
    std::string sync_failure_text() const;
    const UsbOffer& usb_offer() const { return usb_; }
    bool sync_running() const { return sync_.running; }
    // Milliseconds until the next periodic sync is due (the idle loop's wake-up), -1 for none.
    int sync_wait_ms() const;
    // Screenshots: shows the sync sheet as in the middle of a download (sample figures).
    void preview_sync_progress();

    // [Scripting] for headless screenshots and the benchmark.
    void go_home();
    void open_article(int64_t rowid, bool resume = false);
    void open_search(const std::string& query);
    void open_saved(int tab);
    void open_settings();
    void open_viewer(const std::string& hash, const std::string& caption, const std::string& credit);
    // Scrolls the current screen by PIXELS (or to the end with a huge value) next frame.
    void scroll_by(float pixels);
    void set_scroll(float y);
    float scroll_max() const { return last_scroll_max_; }
    float scroll_y() const { return last_scroll_y_; }
    const HomeState& home() const { return home_; }
    const Metrics& metrics() const { return look_.m; }
    const Fonts& fonts() const { return fonts_; }
    // What the current screen shows, in a few words for tests ("article=x related=4 photo=shown").
    std::string describe();
    const ArticleData* current_article() const;
    bool setup_done() const { return !setup_.active; }
    const std::string& library_path() const { return library_path_; }
    Worker& db_worker() { return *db_; }
    MainQueue& queue() { return queue_; }
    PhotoCache& photos() { return *photos_; }
    // The search field's text, and whether the link sheet is open (tests).
    std::string search_text() const { return search_state_.input; }
    bool link_sheet_open() const { return link_.open; }
    void open_link(const std::string& url);
    UiLang ui_lang() const { return ui_lang_; }

    // [Kiosk] (screen_kiosk.cpp) The App reads every time through CLOCK: set it before start()
    // (tests use platform::FakeClock to drive the idle reset). The clock must outlive the App.
    void set_clock(platform::Clock& clock) { clock_ = &clock; }
    bool kiosk_mode() const { return kiosk_.on; }
    const KioskState& kiosk() const { return kiosk_; }
    // Turns kiosk mode on or off now (full screen, keyboard grab, bigger targets); saves nothing.
    void set_kiosk(bool on);
    // Resets the visitor's state now, as the idle timer does.
    void kiosk_reset_visitor();
    void kiosk_show_attract();
    void kiosk_close_overlay();
    // What the staff button does: the PIN pad (or how to set a PIN when there is none).
    void kiosk_open_staff();
    // Screenshots only: the staff screen without the PIN (not reachable from the screen).
    void kiosk_open_admin_unchecked();
    void kiosk_set_keyboard(OskLayoutId layout);
    // Presses KEY (as Osk::find names it) on the keyboard shown now (PIN pad or search).
    // False when no such key is shown.
    bool kiosk_press(const std::string& key);
    // Where KEY was drawn in the last frame (for taps in tests); nullopt when it was not.
    std::optional<ImVec2> kiosk_key_center(const std::string& key) const;

  private:
    // [app.cpp] lifecycle, settings, fonts, jobs
    void apply_settings_to_style();
    void rebuild_fonts_if_needed();
    void load_saved_settings(Library& lib);
    void save_setting(const std::string& key, const std::string& value);
    void start_setup();
    void scan_glyphs(bool force);
    void load_facets();
    void load_editors();
    void load_first_page();
    void request_pages(int64_t first_page, int64_t last_page);
    void reset_home_list();
    void load_saved();
    void post_search();
    void toggle_bookmark();
    void save_progress();
    float scale() const { return look_.m.scale; }
    void update_metrics();
    void push(NavEntry e);
    void back();
    void switch_tab(ScreenKind k);
    NavEntry& current() { return nav_.back(); }
    const NavEntry& current() const { return nav_.back(); }

    // [app.cpp] drawing frame skeleton
    void draw();
    void draw_rail(ImVec2 pos, ImVec2 size);
    void draw_tab_bar(ImVec2 pos, ImVec2 size);
    bool begin_scroll(const char* id, ImVec2 size);
    void end_scroll();
    void draw_setup(ImVec2 pos, ImVec2 size);
    void top_bar_title(const char* title, ImVec2 pos, float width, bool back_button);

    // [screen_home.cpp]
    void draw_home(ImVec2 pos, ImVec2 size);
    bool card_row(const ArticleCard& c, float width, float height, const char* id_prefix, double progress = -1);
    // A card with a photo: LARGE for the lead story (BESIDE puts the photo left of the text).
    bool feature_card(const ArticleCard& c, float width, bool large, bool beside);
    float row_height(float width) const;
    // [screen_article.cpp]
    void draw_article(ImVec2 pos, ImVec2 size);
    void layout_article(ArticleData& a, float width);
    void draw_related(ArticleData& a, float width);
    bool draw_photo_box(const std::string& hash, ImVec2 a, ImVec2 b, int want_px, bool tappable,
                        const char* id);
    // [screen_search.cpp]
    void draw_search(ImVec2 pos, ImVec2 size);
    // [screen_saved.cpp]
    void draw_saved(ImVec2 pos, ImVec2 size);
    // [screen_settings.cpp]
    void draw_settings(ImVec2 pos, ImVec2 size);
    // [screen_sync.cpp]
    void start_sync(const std::string& where, const std::string& label, bool quiet);
    void sync_tick();                       // periodic sync, once a frame
    void volume_arrived(const platform::Volume& volume); // from the watcher, on the UI thread
    void draw_sync_sheet();
    void draw_usb_offer();
    void draw_sync_settings(float x0, float inner);
    std::string sync_summary_words(const SyncReport& r) const;
    // [photo_viewer.cpp]
    void draw_viewer();
    void draw_link_sheet();
    // [screen_kiosk.cpp]
    struct NavItem {
        ScreenKind kind;
        Icon icon;
        Str label;
    };
    std::array<NavItem, 4> nav_items() const;
    void kiosk_load_settings(Library& lib);
    void kiosk_begin();
    void kiosk_apply_window();
    std::optional<bool> kiosk_event(const SDL_Event& e);
    void kiosk_tick(double now);
    int kiosk_wait_ms(int wait_ms) const;
    void kiosk_count(const std::string& name);
    void kiosk_count_article(int64_t rowid);
    void kiosk_finish_search();
    void kiosk_choose_language(UiLang lang);
    void kiosk_pin_key(const OskKey& key);
    void kiosk_submit_pin();
    void kiosk_load_counters();
    void kiosk_search_key(const OskKey& key);
    std::string kiosk_describe() const;
    // Records where the last ImGui item was drawn as NAME (kiosk_key_center finds it).
    void mark_item(const char* name);
    void draw_kiosk_overlay();
    void draw_attract(ImVec2 pos, ImVec2 size);
    void draw_pin_pad(ImVec2 pos, ImVec2 size);
    void draw_admin(ImVec2 pos, ImVec2 size);
    void draw_kiosk_settings(ImVec2 pos, ImVec2 size);
    void draw_kiosk_start(float x, float width);
    float kiosk_keyboard_height(float width) const;
    // Draws OSK's keys in the box at POS of SIZE; a tapped key goes to ON_KEY.
    void draw_keyboard(Osk& osk, ImVec2 pos, ImVec2 size, const std::function<void(const OskKey&)>& on_key);
    void draw_kiosk_search_field(ImVec2 pos, float width, float height);

    const char* t(Str s) const { return tr(s, ui_lang_); }

    ReaderOptions options_;
    SDL_Window* window_;      // not owned
    SDL_Renderer* renderer_;  // not owned
    std::string library_path_;
    MainQueue queue_;
    uint32_t wake_event_ = 0; // SDL user event type posted by workers
    std::unique_ptr<platform::EventWaiter> waiter_; // how the loop sleeps
    std::unique_ptr<Worker> db_;      // articles, pages, settings, reading state
    std::unique_ptr<Worker> search_;  // search as you type
    std::unique_ptr<Worker> bulk_;    // first-run apply, glyph scans
    std::unique_ptr<PhotoCache> photos_;

    // Look and settings.
    UiLang ui_lang_ = UiLang::En;
    ThemeKind theme_ = ThemeKind::Day;
    float text_scale_ = 1.0f;     // 0.85 .. 1.5
    float dpi_ = 96.0f;
    Look look_;
    Metrics base_metrics_;        // sizes from the DPI alone (text size may enlarge targets)
    Fonts fonts_;
    std::unique_ptr<FontLibrary> font_files_;
    GlyphSet ui_glyphs_;          // every UI string in every language
    GlyphSet library_glyphs_;     // characters of the library's text
    bool fonts_dirty_ = true;
    bool style_dirty_ = true;
    bool glyph_scan_running_ = false;

    // Screens.
    std::vector<NavEntry> nav_{NavEntry{}};
    HomeState home_;
    SearchState search_state_;
    SavedState saved_;
    SetupState setup_;
    ViewerState viewer_;
    LinkSheet link_;
    SyncUiState sync_;
    UsbOffer usb_;
    std::unique_ptr<platform::VolumeWatcher> volumes_; // USB sticks (its thread posts to queue_)
    bool auto_sync_sticks_ = false; // sync a stick with news without asking
    char sync_server_[512] = {};    // settings: server address being edited
    int sync_interval_h_ = 0;       // settings: periodic sync interval, 0 = off
    int64_t sync_last_try_ = 0;     // unix time of the last periodic attempt
    std::string sync_last_when_;    // ISO time of the last sync that worked ("" = none)
    SyncReport sync_last_;          // what it brought, for settings
    std::map<int64_t, std::shared_ptr<ArticleData>> articles_; // loaded articles (a few)
    std::vector<int64_t> article_order_;                      // most recent last
    std::map<int64_t, std::string> article_errors_;           // rowid -> why it failed
    std::string channels_text_;   // settings screen: channels summary
    std::vector<ChannelInfo> channels_;
    std::map<std::string, std::string> channel_alerts_; // channel -> conflict alert (trust)
    bool channels_loaded_ = false;

    // Scrolling and touch.
    KineticScroll kinetic_;
    SwipeBack swipe_;                    // swipe right to go back
    float pending_scroll_ = 0;           // touch drag to apply to the current scroll area
    std::optional<float> set_scroll_;    // absolute scroll to apply next frame
    bool scroll_area_active_ = false;    // a finger went down inside the current scroll area
    bool touch_mode_ = false;            // the last pointer input came from a finger
    int fingers_down_ = 0;               // fingers on the screen now
    int touch_release_frames_ = 0;       // frames the lifted finger still counts as the pointer
    std::optional<ImVec2> event_pointer_; // the pointer from mouse events, for drivers without mouse focus
    float last_scroll_max_ = 0, last_scroll_y_ = 0;
    ImVec2 scroll_area_min_{0, 0}, scroll_area_max_{0, 0};
    int64_t progress_saved_for_ = 0;     // article whose progress was saved last
    double progress_saved_at_ = 0;
    float last_progress_ = -1;

    // Frame bookkeeping.
    uint64_t frame_no_ = 0;
    int frames_to_draw_ = 3;  // frames still to draw after the last event
    double last_frame_time_ = 0;
    bool quit_ = false;
    bool wide_ = true;        // landscape layout with a side rail

    // Kiosk mode and time.
    platform::Clock* clock_ = &platform::system_clock(); // not owned
    KioskState kiosk_;
};

} // namespace tidings::reader
