// Kiosk mode's state and rules: which events a visitor may not use (quit, window close, the
// keyboard), the staff PIN's lock-out after wrong tries, the idle reset and the overlays (attract
// screen, PIN pad, staff screen). The App draws it in screen_kiosk.cpp.
#pragma once

#include "app/reader/options.h"
#include "app/reader/osk.h"
#include "app/reader/strings.h"
#include "core/library_store.h"

#include <SDL.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tidings::reader {

// Library settings of kiosk mode (strings; see README "Kiosk mode").
inline constexpr const char* kKioskEnabledSetting = "kiosk.enabled";   // "1": start in kiosk mode
inline constexpr const char* kKioskIdleSetting = "kiosk.idle_seconds"; // idle reset, seconds
inline constexpr const char* kKioskAttractSetting = "kiosk.attract";   // "1"/"0": attract screen
inline constexpr const char* kKioskLangSetting = "kiosk.ui_lang"; // each visitor's first language

// Idle reset choices on the staff screen, seconds.
inline constexpr int kKioskIdleChoices[] = {60, 120, 300, 600, 1800};
inline constexpr int kKioskIdleDefault = 120;
// Seconds each editor's choice article stays on the attract screen.
inline constexpr double kAttractSeconds = 8.0;

// What kiosk mode does with one event.
enum class KioskFilter : uint8_t {
    Pass,  // the app handles it as usual
    Block, // dropped: it would let a visitor leave or reach outside the app
};

// The filter: SDL_QUIT, a window's close request and every keyboard event (Escape, Alt+F4,
// Alt+Tab, the Windows key, typing) are blocked; touch, mouse, window and app events pass.
// (Signals still end the program: SDL's SIGINT/SIGTERM handlers are off in kiosk mode.)
KioskFilter kiosk_filter(const SDL_Event& e);

// True when E is a visitor's doing (touch, mouse, wheel, keyboard): it restarts the idle timer.
bool is_visitor_input(const SDL_Event& e);

// Wrong PINs: five tries, then a lock-out that starts at a minute and doubles with each further
// wrong PIN (up to 15 minutes). A right PIN clears it. Times are monotonic seconds.
class PinGate {
  public:
    static constexpr int kFreeTries = 5;
    static constexpr double kFirstLockSeconds = 60.0;
    static constexpr double kMaxLockSeconds = 900.0;

    bool locked(double now) const { return now < locked_until_; }
    // Whole seconds until a PIN may be tried again (0 when not locked).
    int seconds_left(double now) const;
    void failed(double now);
    void succeeded();
    int failures() const { return failures_; }

  private:
    int failures_ = 0;        // wrong PINs since the last right one
    double locked_until_ = 0; // no tries before this time
};

// What covers the screen.
enum class KioskOverlay : uint8_t {
    None,
    Attract, // welcome screen: editor's choice articles in turn, the five languages
    Pin,     // the PIN pad (staff screen, or starting kiosk mode from the settings)
    Admin,   // the staff screen
};

// Why the PIN pad is open.
enum class PinPurpose : uint8_t { Admin, StartKiosk };

// Where a key of an on-screen keyboard, or another named button, was drawn in the last frame
// (scripts and tests tap it).
struct KioskKeyRect {
    std::string name; // as Osk::find takes it ("a", "backspace", "layout:ABC"), or a button's name
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0; // screen pixels
};

// Everything kiosk mode keeps between frames.
struct KioskState {
    bool on = false;                      // kiosk mode now
    int idle_seconds = kKioskIdleDefault; // idle time before the visitor's state is reset
    bool attract = true;                  // show the attract screen after a reset
    UiLang home_lang = UiLang::En;        // the language each visitor starts in
    bool home_lang_saved = false;         // home_lang came from the library's settings
    KioskOverlay overlay = KioskOverlay::None;
    PinPurpose purpose = PinPurpose::Admin;

    std::string pin_hash;        // from the library; empty when no PIN is set
    std::string pin_typed;       // digits typed so far
    bool pin_checking = false;   // a worker compares it now
    uint64_t pin_generation = 0; // answers of an abandoned check are dropped
    bool pin_wrong = false;      // the last check failed
    PinGate gate;

    double last_input = 0;     // monotonic seconds of the last visitor input
    bool visitor = false;      // input since the last reset (someone is using it)
    Osk keyboard;              // the search keyboard
    bool keyboard_open = true; // docked under the search screen
    Osk pin_pad{OskLayoutId::Digits};

    size_t attract_index = 0;   // editor's choice card shown
    double attract_since = 0;   // when it was shown (monotonic seconds)
    std::string search_counted; // the finished search already counted

    std::vector<FacetCount> counters; // staff screen: the library's usage counters
    std::string stick_note;           // staff screen: what the last trusted stick got and gave
    std::vector<KioskKeyRect> keys;   // keys and named buttons drawn in the last frame
};

// `tidings --kiosk-pin-set`: asks for the staff PIN twice on the terminal (or takes it from
// $TIDINGS_KIOSK_PIN), stores its salted hash in the library. Returns the exit code.
int run_kiosk_pin_set(const ReaderOptions& options);

// `tidings --kiosk-name TEXT`: stores the kiosk's name for its usage files. Returns the exit code.
int run_kiosk_name(const ReaderOptions& options);

} // namespace tidings::reader
