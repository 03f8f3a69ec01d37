// The reader's UI strings: one table, every key translated into English, Armenian,
// Azerbaijani, Georgian and Russian; dates and counts in the person's language.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tidings::reader {

// A language of the interface (not of the articles, which can be any language).
enum class UiLang : uint8_t { En, Hy, Az, Ka, Ru };
constexpr int kUiLangCount = 5;

// Every text the interface shows. Translations live in strings.cpp, in this order.
enum class Str : uint16_t {
    AppName, Home, Search, Saved, History, Settings,
    EditorsChoice, Latest, Sections, AllSections, AllLanguages, AllArticles,
    Back, Close, Loading, SetupTitle, SetupBody,
    PhaseChecking, PhasePhotos, PhaseArticles, PhaseRelated, PhaseFinishing,
    EmptyTitle, EmptyHint, ErrorTitle, SampleMissing, NothingHere, ArticleGone,
    By, Source, Updated, RelatedArticles, Popular, MoreLikeThis, NotInLibrary, MinRead,
    Save, SavedState, Outdated, PhotoLabel,
    SearchHint, Titles, Results, NoResults, ArticlesCount, ResultsNewest, SearchIntro, Searching,
    NoBookmarks, NoBookmarksHint, NoHistory, NoHistoryHint, ClearHistory, ReadPercent,
    TextSize, Theme, Day, Night, AppLanguage, Library, Channels, LibraryFile, TextPreview,
    FontsCredit, Version, ZoomIn, ZoomOut, FitToScreen,
    Link, CopyLink, OpenLink, Copied, LinkOffline, LibraryUpdated, MoreResults, Bookmarks, About,
    TrustedKey, NoTrustedKey, ConflictAlert,
    // Kiosk mode (screen_kiosk.cpp).
    Language, TouchToStart, ChooseLanguage, StaffOnly, EnterPin, WrongPin, PinLocked, Checking, NoPinSet,
    KioskAdmin, BackToVisitors, LeaveKiosk, CloseApp, IdleReset, Minutes, AttractScreen, On, Off,
    VisitorLanguage, UsageCounts, Visits, ArticlesOpened, Searches, SearchesEmpty, KioskMode, StartKiosk,
    KioskHint, KioskLinkNote, Done, TapToRead, Unlock, Cancel,
    SyncUpdates, SyncServer, SyncNow, SyncEvery, SyncOff, SyncHours, SyncFrom, SyncDone, SyncFailed,
    SyncCancel, SyncCancelled, SyncNew, SyncUpdatedN, SyncWithdrawn, SyncLeft, SyncPhaseIndex,
    SyncPhaseDownload, SyncPhaseVerify, UsbFound, SyncLast, NotNow, SyncUpToDate,
    SyncNewOne, SyncFromSource, UsbStick, UsbCannot, SyncPhaseDownloadNet, SyncCancelledTitle,
    // Hands-off sticks on a kiosk (screen_sync.cpp, the staff screen).
    KioskStickUpdates, KioskUsageWritten, KioskUsageNotWritten, KioskStickHint,
    // Why a sync failed, in the UI language (screen_sync.cpp).
    SyncWhyUnavailable, SyncWhyRefused, SyncWhyConflict, SyncWhyDamaged, SyncWhyTooNew, SyncWhyNotFound, SyncWhyIo,
    SyncWhyOther,
    Count // number of keys, not a string
};
constexpr int kStrCount = static_cast<int>(Str::Count);

// The translation of KEY in LANG (never null, never empty).
const char* tr(Str key, UiLang lang);

// KEY in LANG with "{}" replaced by ARG.
std::string trf(Str key, UiLang lang, std::string_view arg);

// "en", "hy", "az", "ka", "ru".
const char* ui_lang_code(UiLang lang);
// The language for a code such as "hy" or a locale such as "ru_RU.UTF-8"; nullopt when none.
std::optional<UiLang> ui_lang_from_code(std::string_view code);
// The language's own name: "English", "Հայերեն", "Azərbaycanca", "ქართული", "Русский".
const char* ui_lang_native_name(UiLang lang);
// A content language code's own name (en, hy, az, ka, ru known; else the code itself).
std::string content_language_name(std::string_view code);

// An ISO 8601 date ("2023-02-02" or with a time) as people write it in LANG:
// "2 February 2023", "2023 թ. փետրվարի 2", "2 fevral 2023", "2 თებერვალი, 2023",
// "2 февраля 2023". Text that is not a date is returned unchanged.
std::string format_date(std::string_view iso, UiLang lang);

// A size as people write it in LANG: "1.4 MB", "820 kB", "12 bytes" in English; "1,4 МБ" in
// Russian (decimal comma and local unit names in every language but English).
std::string format_size(int64_t bytes, UiLang lang);

// A rough duration in LANG: "6 s", "3 min", "1.5 h"; "6 с", "3 мин" in Russian.
std::string format_duration(double seconds, UiLang lang);

// Every string of the table in every language, and the month names: for the glyph atlas.
std::string all_ui_text();

} // namespace tidings::reader
