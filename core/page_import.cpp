// Page import: reads a news page copied as plain text and finds the article in it.
//
// [SECTION] index
//   Text helpers     UTF-8 walking, space normalisation, case-insensitive prefixes, sentences
//   Vocabulary       chrome lines, block headings, labels for dates, bylines, credits, sources
//   Dates            parse_page_date
//   Bylines, credits, sources, URLs
//   Slugs and language
//   Lines            the page as classified lines ("items")
//   Import           title, header zone, body, tail (related cards, author box), summary
//
// How a page is read (browsers copy one paragraph a line; blank lines between blocks):
// 1. Every line is classified: site chrome, date, byline, photo credit, source line, URL,
//    bullet, block heading (Related articles, Editor's choice, Popular, ...), or text.
// 2. The headline is the last headline-like line before the first date or byline near the top
//    (a site's tagline or menu comes before it), or else the first headline-like line. A
//    headline-like line stands alone, has two words or more and does not end like a sentence.
//    Lines before the headline are dropped, except credits, sources and dates.
// 3. Between the headline and the body: dates, bylines, credits, chrome, and a standfirst (a
//    sentence followed by the byline or date).
// 4. The body runs to the first block heading, the first closing chrome ("Follow ... on Social
//    media", "Share this article", "bottom of page", "Tags: ...") or an author box (a name
//    printed twice). Trailing URLs (the page's own becomes source_url), dangling "Name:" labels
//    and chrome are trimmed from its end.
// 5. After the body: block headings open related lists; in a list, a card is an optional kind
//    line ("News"), a title (printed twice on many sites: one card), and a summary paragraph.
//    "Editor's choice" right inside an open block is the card's badge, not a block of its own
//    (commonspace.eu prints it above every card it picked); at the top of the tail it opens the
//    editors_choice list. A card shown twice in one list is kept once; a card shown in two
//    lists stays in both, as the page shows it in both. An author box gives the author when the
//    page has no byline. Everything else after the body is dropped.
// 6. The summary is the standfirst (taken out of the body: the reader shows the summary above
//    the body when it does not repeat it), else the first body paragraph cut at a sentence
//    boundary (at most about 300 characters). A first paragraph is a standfirst when it is short
//    and the next paragraph repeats most of its words (a press statement's lead line).
#include "core/page_import.h"

#include "core/search_text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

namespace tidings {

namespace {

// [SECTION] Text helpers

// Decodes the code point at S[I] (S is valid UTF-8) and moves I past it.
char32_t next_cp(std::string_view s, size_t& i) {
    const unsigned char c = static_cast<unsigned char>(s[i++]);
    if (c < 0x80) return c;
    const int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    char32_t cp = c & (0x3F >> extra);
    for (int k = 0; k < extra && i < s.size(); ++k, ++i)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
    return cp;
}


bool is_space_cp(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp < 0x20;
}

bool is_invisible_cp(char32_t cp) {
    return cp == 0x200B || cp == 0xFEFF || cp == 0x2060 || cp == 0xAD;
}

// A line as text: no-break and other spaces become plain spaces, invisible characters go, runs
// of spaces become one, and the ends are trimmed.
std::string normalize_line(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    bool pending_space = false;
    for (size_t i = 0; i < raw.size();) {
        const char32_t cp = next_cp(raw, i);
        if (is_invisible_cp(cp)) continue;
        if (is_space_cp(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        append_utf8(out, cp);
    }
    return out;
}

bool is_apostrophe(char32_t cp) {
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == '`';
}

char32_t lower_cp(char32_t cp) {
    if (is_apostrophe(cp)) return '\'';
    return static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
}

// Lower case, apostrophes as "'", for comparing with the vocabulary below.
std::string lower(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();)
        append_utf8(out, lower_cp(next_cp(s, i)));
    return out;
}

// The line as a vocabulary key: lower case, trailing ':' '.' and spaces removed.
std::string key_of(std::string_view s) {
    std::string k = lower(s);
    while (!k.empty() && (k.back() == ':' || k.back() == ' ' || k.back() == '.'))
        k.pop_back();
    return k;
}

// Bytes of TEXT that match PREFIX (given in lower case) ignoring case, or npos.
size_t prefix_ci(std::string_view text, std::string_view prefix) {
    size_t i = 0, j = 0;
    while (j < prefix.size()) {
        if (i >= text.size()) return std::string_view::npos;
        if (lower_cp(next_cp(text, i)) != next_cp(prefix, j)) return std::string_view::npos;
    }
    return i;
}

std::string_view trim_view(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

size_t cp_count(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

size_t word_count(std::string_view s) {
    size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        if (c == ' ')
            in_word = false;
        else if (!in_word)
            in_word = true, ++n;
    }
    return n;
}

// The last code point of S, or 0.
char32_t last_cp(std::string_view s) {
    if (s.empty()) return 0;
    size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
        --i;
    return next_cp(s, i);
}

char32_t first_cp(std::string_view s) {
    size_t i = 0;
    return s.empty() ? 0 : next_cp(s, i);
}

bool is_closing(char32_t cp) {
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0xBB;
}

bool is_sentence_end(char32_t cp) {
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

// True when S ends like a sentence: ". ! ? …", maybe inside closing quotes or brackets.
bool ends_sentence(std::string_view s) {
    while (!s.empty()) {
        const char32_t cp = last_cp(s);
        if (!is_closing(cp)) return is_sentence_end(cp);
        std::string tmp;
        append_utf8(tmp, cp);
        s.remove_suffix(tmp.size());
    }
    return false;
}

bool starts_lowercase(std::string_view s) {
    const char32_t cp = first_cp(s);
    return u_islower(static_cast<UChar32>(cp));
}

// Starts with a capital letter, a digit, a quote, or a letter of a script without case.
bool starts_like_a_name_or_title(std::string_view s) {
    const char32_t cp = first_cp(s);
    const auto u = static_cast<UChar32>(cp);
    if (u_isupper(u) || u_istitle(u) || u_isdigit(u)) return true;
    if (cp == '"' || cp == 0x201C || cp == 0xAB || cp == '\'' || cp == 0x2018) return true;
    return u_isalpha(u) && !u_islower(u);
}

// Byte offsets where the sentences of S end (after the punctuation and closing quotes), for
// boundaries followed by a space and a letter that is not lower case.
std::vector<size_t> sentence_ends(std::string_view s) {
    std::vector<size_t> ends;
    for (size_t i = 0; i < s.size();) {
        const char32_t cp = next_cp(s, i);
        if (!is_sentence_end(cp)) continue;
        size_t j = i;
        while (j < s.size()) {
            size_t k = j;
            if (!is_closing(next_cp(s, k))) break;
            j = k;
        }
        if (j >= s.size()) {
            ends.push_back(s.size());
            break;
        }
        if (s[j] != ' ' || j + 1 >= s.size()) continue;
        if (!starts_lowercase(s.substr(j + 1))) ends.push_back(j);
    }
    if (ends.empty() || ends.back() != s.size()) ends.push_back(s.size());
    return ends;
}

// Words of four letters or more, lower case, for comparing what two paragraphs talk about.
std::set<std::string> content_words(std::string_view s) {
    std::set<std::string> words;
    std::string word;
    size_t letters = 0;
    auto flush = [&] {
        if (letters >= 4) words.insert(word);
        word.clear();
        letters = 0;
    };
    for (size_t i = 0; i < s.size();) {
        const char32_t cp = next_cp(s, i);
        const auto u = static_cast<UChar32>(cp);
        if (u_isalnum(u) || cp == '-') {
            append_utf8(word, lower_cp(cp));
            ++letters;
        } else {
            flush();
        }
    }
    flush();
    return words;
}

// [SECTION] Vocabulary (lower case; apostrophes as "'")
// clang-format off

template <size_t N> bool in(const std::array<std::string_view, N>& set, std::string_view key) {
    return std::find(set.begin(), set.end(), key) != set.end();
}

// Whole lines that are site furniture.
constexpr std::array<std::string_view, 72> kChromeLines = {
    "top of page", "bottom of page", "back to top", "skip to content", "skip to main content", "x",
    "×", "✕", "close", "menu", "main menu", "search", "home", "share", "tweet", "print", "email",
    "e-mail", "facebook", "twitter", "linkedin", "whatsapp", "telegram", "instagram", "youtube",
    "copy link", "copied", "link copied", "advertisement", "advert", "sponsored", "read more",
    "continue reading", "show more", "load more", "subscribe", "sign in", "log in", "login",
    "register", "comments", "comment", "leave a comment", "leave a reply", "no comments",
    "about the author", "newsletter", "sign up", "next", "previous", "next article",
    "previous article", "back", "listen", "listen to this article", "font size", "a a a",
    "поделиться", "читать далее", "подробнее", "реклама", "войти", "подписаться", "комментарии",
    "наверх", "главная", "поиск", "меню", "ətraflı", "paylaş", "axtarış", "reklam"};

// Chrome that only comes after an article: once the body has started, it ends there.
constexpr std::array<std::string_view, 12> kClosingChrome = {
    "bottom of page", "comments", "comment", "leave a comment", "leave a reply", "no comments",
    "about the author", "back to top", "комментарии", "наверх", "newsletter", "sign up"};

// Lines starting with these are chrome (category, tag and reading-time lines).
constexpr std::array<std::string_view, 16> kChromePrefixes = {
    "categories:", "category:", "tags:", "tag:", "tagged:", "tagged with", "filed under",
    "posted in", "рубрика:", "рубрики:", "теги:", "метки:", "тэги:", "kateqoriya:", "teqlər:",
    "etiketlər:"};

// Block headings that open the "related" list.
constexpr std::array<std::string_view, 32> kRelatedHeadings = {
    "related articles", "related article", "related posts", "related stories", "related news",
    "related content", "related", "related reading", "read also", "also read", "see also",
    "more on this topic", "more on this story", "more stories", "more news", "you may also like",
    "you might also like", "recommended", "recommended for you", "recommended articles",
    "читайте также", "читать также", "смотрите также", "по теме", "похожие статьи",
    "похожие новости", "другие новости", "материалы по теме", "oxşar xəbərlər", "digər xəbərlər",
    "bu mövzuda", "mövzu ilə bağlı"};

constexpr std::array<std::string_view, 18> kPopularHeadings = {
    "popular", "popular articles", "popular posts", "popular news", "popular now", "most popular",
    "most read", "most viewed", "trending", "trending now", "популярное", "популярные",
    "самое читаемое", "самое популярное", "популярные новости", "ən çox oxunan", "ən çox oxunanlar",
    "populyar"};

constexpr std::array<std::string_view, 10> kEditorsHeadings = {
    "editor's choice", "editors' choice", "editors choice", "editor's pick", "editor's picks",
    "editors' picks", "editors picks", "выбор редакции", "redaktorun seçimi",
    "редакция рекомендует"};

// Card kind lines ("News" above a card's title).
constexpr std::array<std::string_view, 36> kKinds = {
    "news", "interview", "opinion", "analysis", "commentary", "comment", "feature", "report",
    "press release", "editorial", "blog", "video", "podcast", "review", "explainer", "op-ed",
    "column", "gallery", "photos", "monitor", "statement", "news analysis", "новости", "новость",
    "интервью", "мнение", "анализ", "аналитика", "комментарий", "репортаж", "колонка", "видео",
    "xəbər", "müsahibə", "rəy", "təhlil"};

// "Read more: <title>" promotion lines inside a body.
constexpr std::array<std::string_view, 10> kPromoPrefixes = {
    "read more:", "read also:", "also read:", "see also:", "related:", "читайте также:",
    "читайте также", "смотрите также:", "по теме:", "oxu:"};

// Labels in front of a date.
struct DateLabel {
    std::string_view text; // lower case
    bool updated;          // the date is the last update
};
constexpr std::array<DateLabel, 22> kDateLabels = {{
    {"last updated on", true}, {"last updated", true}, {"updated on", true}, {"updated at", true},
    {"updated", true}, {"modified", true}, {"published on", false}, {"published at", false},
    {"published", false}, {"posted on", false}, {"posted at", false}, {"posted", false},
    {"date", false}, {"on", false}, {"обновлено", true}, {"опубликовано", false},
    {"дата публикации", false}, {"дата", false}, {"yenilənib", true}, {"dərc olunub", false},
    {"tarix", false}, {"հրապարակվել է", false}}};

// Labels in front of a byline; the names follow.
constexpr std::array<std::string_view, 18> kBylineLabels = {
    "written by", "words by", "reported by", "by:", "by", "authors:", "author:", "авторы:",
    "автор:", "текст:", "müəllif:", "müəllif", "հեղինակ՝", "հեղինակ:", "ავტორი:", "story by",
    "posted by", "report by"};

// Labels of photo credit lines, followed by ':' (or ՝, or a dash).
constexpr std::array<std::string_view, 22> kCreditLabels = {
    "photo credit", "photo credits", "photos", "photo", "photograph", "image credit",
    "image credits", "image", "picture", "pic", "credit", "credits", "illustration", "cover photo",
    "featured image", "фото", "фотография", "иллюстрация", "foto", "şəkil", "ფოტო", "լուսանկարը"};

// "Image by NAME" style credit labels; the name follows.
constexpr std::array<std::string_view, 7> kCreditByLabels = {
    "photo by", "photos by", "image by", "picture by", "photograph by", "illustration by",
    "фото автора"};

constexpr std::array<std::string_view, 8> kSourceLabels = {
    "source", "sources", "источник", "источники", "mənbə", "աղբյուր", "աղբյուրը", "წყარო"};

// Lower-case words that may stand inside a name ("Maximiliaan van Lange").
constexpr std::array<std::string_view, 22> kNameParticles = {
    "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn", "ben",
    "dos", "das", "del", "ter", "ten", "zu", "y"};
// clang-format on

// [SECTION] Dates

int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return days[m - 1];
}

// Month number of a month word (English, Russian, Azerbaijani; full, genitive or short), or 0.
int month_of(std::string_view w) {
    struct Month {
        std::string_view name; // lower case, as written on pages
        int month;             // 1..12
    };
    static const Month months[] = {
        {"january", 1},   {"jan", 1},      {"february", 2},  {"feb", 2},      {"march", 3},
        {"mar", 3},       {"april", 4},    {"apr", 4},       {"may", 5},      {"june", 6},
        {"jun", 6},       {"july", 7},     {"jul", 7},       {"august", 8},   {"aug", 8},
        {"september", 9}, {"sep", 9},      {"sept", 9},      {"october", 10}, {"oct", 10},
        {"november", 11}, {"nov", 11},     {"december", 12}, {"dec", 12},     {"января", 1},
        {"январь", 1},    {"янв", 1},      {"февраля", 2},   {"февраль", 2},  {"фев", 2},
        {"марта", 3},     {"март", 3},     {"мар", 3},       {"апреля", 4},   {"апрель", 4},
        {"апр", 4},       {"мая", 5},      {"май", 5},       {"июня", 6},     {"июнь", 6},
        {"июн", 6},       {"июля", 7},     {"июль", 7},      {"июл", 7},      {"августа", 8},
        {"август", 8},    {"авг", 8},      {"сентября", 9},  {"сентябрь", 9}, {"сен", 9},
        {"сент", 9},      {"октября", 10}, {"октябрь", 10},  {"окт", 10},     {"ноября", 11},
        {"ноябрь", 11},   {"ноя", 11},     {"декабря", 12},  {"декабрь", 12}, {"дек", 12},
        {"yanvar", 1},    {"fevral", 2},   {"mart", 3},      {"aprel", 4},    {"iyun", 6},
        {"iyul", 7},      {"avqust", 8},   {"sentyabr", 9},  {"oktyabr", 10}, {"noyabr", 11},
        {"dekabr", 12},
    };
    for (const auto& m : months)
        if (m.name == w) return m.month;
    return 0;
}

bool is_weekday(std::string_view w) {
    static const std::string_view days[] = {
        "monday",  "tuesday", "wednesday",   "thursday",    "friday",  "saturday", "sunday",
        "mon",     "tue",     "tues",        "wed",         "thu",     "thur",     "thurs",
        "fri",     "sat",     "sun",         "понедельник", "вторник", "среда",    "четверг",
        "пятница", "суббота", "воскресенье", "пн",          "вт",      "ср",       "чт",
        "пт",      "сб",      "вс"};
    return std::find(std::begin(days), std::end(days), w) != std::end(days);
}

bool is_zone(std::string_view w) {
    static const std::string_view zones[] = {"gmt", "utc", "cet", "cest", "eet", "eest",
                                             "msk", "bst", "est", "edt",  "pst", "pdt",
                                             "amt", "azt", "get", "z",    "мск"};
    return std::find(std::begin(zones), std::end(zones), w) != std::end(zones);
}

// A token of a date line.
struct Tok {
    enum Type { Word, Number, Punct } type; // what it is
    std::string text;                       // lower-case letters, digits, or the punctuation
};

std::vector<Tok> tokenize(std::string_view s) {
    std::vector<Tok> toks;
    for (size_t i = 0; i < s.size();) {
        const char32_t cp = next_cp(s, i);
        const auto u = static_cast<UChar32>(cp);
        if (cp == ' ' || cp == ',') continue;
        const Tok::Type type = u_isdigit(u) ? Tok::Number : u_isalpha(u) ? Tok::Word : Tok::Punct;
        std::string text;
        append_utf8(text, type == Tok::Word ? lower_cp(cp) : cp);
        if (type != Tok::Punct) {
            while (i < s.size()) {
                size_t j = i;
                const auto v = static_cast<UChar32>(next_cp(s, j));
                const bool same = type == Tok::Number ? static_cast<bool>(u_isdigit(v))
                                                      : static_cast<bool>(u_isalpha(v));
                if (!same) break;
                append_utf8(text, type == Tok::Word ? lower_cp(static_cast<char32_t>(v))
                                                  : static_cast<char32_t>(v));
                i = j;
            }
        }
        toks.push_back({type, text});
    }
    return toks;
}

int to_int(const std::string& digits) {
    int v = 0;
    for (char c : digits) {
        if (c < '0' || c > '9' || v > 100000) return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

// Removes times of day ("10:30", "at 10:30:15 pm GMT", "| 10:30", "в 10:30 мск") from TOKS.
void remove_times(std::vector<Tok>& toks) {
    size_t i = 0;
    while (i + 2 < toks.size()) {
        if (!(toks[i].type == Tok::Number && toks[i + 1].text == ":" &&
              toks[i + 2].type == Tok::Number)) {
            ++i;
            continue;
        }
        size_t b = i, e = i + 3;
        auto at = [&](size_t k, std::string_view t) {
            return k < toks.size() && toks[k].text == t;
        };
        if (at(e, ":") && e + 1 < toks.size() && toks[e + 1].type == Tok::Number) e += 2;
        if (at(e, "am") || at(e, "pm")) ++e;
        if (e < toks.size() && is_zone(toks[e].text)) ++e;
        if ((at(e, "+") || at(e, "-")) && e + 1 < toks.size() && toks[e + 1].type == Tok::Number) {
            e += 2;
            if (at(e, ":") && e + 1 < toks.size() && toks[e + 1].type == Tok::Number) e += 2;
        }
        if (b > 0 && (at(b - 1, "at") || at(b - 1, "в") || at(b - 1, "saat") || at(b - 1, "t")))
            --b;
        if (b > 0 && toks[b - 1].type == Tok::Punct && toks[b - 1].text != ".") --b;
        toks.erase(toks.begin() + static_cast<std::ptrdiff_t>(b),
                   toks.begin() + static_cast<std::ptrdiff_t>(e));
        i = b;
    }
}

std::optional<std::string> make_iso(int y, int m, int d) {
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return std::nullopt;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
}

// Reads TOKS (labels, weekday and times gone) as exactly one date.
std::optional<std::string> date_from_tokens(std::vector<Tok> toks) {
    // Trailing year words and punctuation: "г.", "года", "il".
    while (!toks.empty()) {
        const std::string& t = toks.back().text;
        if (t == "." || t == "г" || t == "года" || t == "гг" || t == "il" || t == "ci" ||
            t == "-ci" || t == "|" || t == "-" || t == "–" || t == "—")
            toks.pop_back();
        else
            break;
    }
    auto num = [&](size_t i) {
        return i < toks.size() && toks[i].type == Tok::Number ? to_int(toks[i].text) : -1;
    };
    auto is = [&](size_t i, std::string_view t) { return i < toks.size() && toks[i].text == t; };
    auto month = [&](size_t i) {
        return i < toks.size() && toks[i].type == Tok::Word ? month_of(toks[i].text) : 0;
    };
    auto ordinal = [&](size_t i) {
        return is(i, "st") || is(i, "nd") || is(i, "rd") || is(i, "th") || is(i, "-ci") ||
               is(i, "ci");
    };
    const size_t n = toks.size();
    // 2023-12-29
    if (n == 5 && toks[0].text.size() == 4 && is(1, "-") && is(3, "-") && num(2) > 0 && num(4) > 0)
        return make_iso(num(0), num(2), num(4));
    // 29.12.2023
    if (n == 5 && is(1, ".") && is(3, ".") && toks[4].text.size() == 4 && num(0) > 0 && num(2) > 0)
        return make_iso(num(4), num(2), num(0));
    size_t i = 0;
    // 1 February 2023, 1st February 2023, 1. Februar 2023
    if (num(0) > 0 && toks[0].text.size() <= 2) {
        i = 1;
        if (ordinal(i) || is(i, ".")) ++i;
        if (const int m = month(i); m > 0) {
            ++i;
            if (is(i, ".")) ++i;
            if (i + 1 == n && toks[i].text.size() == 4) return make_iso(num(i), m, num(0));
        }
        return std::nullopt;
    }
    // Aug 9, 2022; Dec 29 2023; August 9th 2022
    if (const int m = month(0); m > 0) {
        i = 1;
        if (is(i, ".")) ++i;
        const int d = num(i);
        if (d <= 0 || toks[i].text.size() > 2) return std::nullopt;
        ++i;
        if (ordinal(i)) ++i;
        if (i + 1 == n && toks[i].text.size() == 4) return make_iso(num(i), m, d);
    }
    return std::nullopt;
}

// [SECTION] Bylines, credits, sources, URLs

// True when WORD may be part of a person's name.
bool name_word(std::string_view word) {
    if (in(kNameParticles, lower(word))) return true;
    for (size_t i = 0; i < word.size();) {
        if (u_isdigit(static_cast<UChar32>(next_cp(word, i)))) return false;
    }
    return starts_like_a_name_or_title(word) &&
           !(first_cp(word) == '"' || first_cp(word) == 0x201C);
}

// Splits a list of names ("Ann Lee, Bo Park and Cy Ro"); empty when any part is not a name.
std::vector<std::string> split_names(std::string_view text) {
    std::string s(trim_view(text));
    for (std::string_view joiner : {" and ", " & ", " и ", " və ", " եւ ", " და ", "; "}) {
        for (size_t p; (p = s.find(joiner)) != std::string::npos;)
            s.replace(p, joiner.size(), ", ");
    }
    std::vector<std::string> names;
    size_t start = 0;
    while (start <= s.size()) {
        size_t comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        const std::string_view name = trim_view(std::string_view(s).substr(start, comma - start));
        start = comma + 1;
        if (name.empty()) continue;
        const size_t words = word_count(name);
        if (words == 0 || words > 5 || name.size() > 60) return {};
        size_t ws = 0;
        while (ws < name.size()) {
            size_t we = name.find(' ', ws);
            if (we == std::string_view::npos) we = name.size();
            if (!name_word(name.substr(ws, we - ws))) return {};
            ws = we + 1;
        }
        if (!starts_like_a_name_or_title(name)) return {};
        names.emplace_back(name);
    }
    return names;
}

// After LABEL at the start of TEXT: the byte offset of the value (past ':', '՝' and spaces), or
// npos when TEXT does not start with LABEL followed by a separator. NEED_COLON asks for one of
// ':' '՝' ' -' ' –' ' —' after the label (a space is not enough).
size_t after_label(std::string_view text, std::string_view label, bool need_colon) {
    size_t p = prefix_ci(text, label);
    if (p == std::string_view::npos) return p;
    const char32_t label_end = last_cp(label);
    const bool label_has_colon = label_end == ':' || label_end == 0x055D;
    std::string_view rest = text.substr(p);
    bool separated = label_has_colon;
    if (!separated) {
        if (rest.empty()) return std::string_view::npos;
        std::string_view r = rest;
        while (!r.empty() && r.front() == ' ')
            r.remove_prefix(1);
        if (!r.empty() && (r.front() == ':' || r.substr(0, 2) == "\xD5\x9D")) {
            separated = true;
            r.remove_prefix(r.front() == ':' ? 1 : 2);
        } else if (r.size() < rest.size() && need_colon &&
                   (r.substr(0, 1) == "-" || r.substr(0, 3) == "\xE2\x80\x93" ||
                    r.substr(0, 3) == "\xE2\x80\x94")) {
            separated = true;
            r.remove_prefix(r.front() == '-' ? 1 : 3);
        } else if (!need_colon && r.size() < rest.size()) {
            separated = true;
        }
        rest = r;
    }
    if (!separated) return std::string_view::npos;
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    if (rest.empty()) return std::string_view::npos;
    return text.size() - rest.size();
}

// The names of a byline line ("By: Momen Zellmi", "Автор: Анна Петрова"), or empty.
std::vector<std::string> parse_byline(std::string_view line) {
    if (line.size() > 200) return {};
    for (std::string_view label : kBylineLabels) {
        const size_t v = after_label(line, label, false);
        if (v == std::string_view::npos) continue;
        return split_names(line.substr(v));
    }
    return {};
}

// What a line of page metadata holds: dates and names, or nothing.
struct Meta {
    std::optional<PageDate> published; // a publication date
    std::optional<PageDate> updated;   // an update date
    std::vector<std::string> authors;  // byline names
};

// Reads a line made only of dates and bylines, maybe joined by " | " or " • "
// ("By Jane Doe | March 3, 2024"). nullopt when any part is something else.
std::optional<Meta> parse_meta(std::string_view line) {
    if (line.size() > 240) return std::nullopt;
    std::vector<std::string_view> parts;
    std::string_view rest = line;
    for (;;) {
        size_t best = std::string_view::npos, len = 0;
        for (std::string_view sep : {" | ", " \xE2\x80\xA2 ", " \xC2\xB7 ", " \xE2\x80\x94 "}) {
            const size_t p = rest.find(sep);
            if (p < best) best = p, len = sep.size();
        }
        if (best == std::string_view::npos) break;
        parts.push_back(rest.substr(0, best));
        rest.remove_prefix(best + len);
    }
    parts.push_back(rest);
    Meta meta;
    bool any_labelled = false;
    std::vector<std::string_view> bare;
    for (std::string_view part : parts) {
        part = trim_view(part);
        if (part.empty()) continue;
        if (auto d = parse_page_date(part)) {
            (d->updated ? meta.updated : meta.published) = d;
            any_labelled = true;
        } else if (auto names = parse_byline(part); !names.empty()) {
            meta.authors.insert(meta.authors.end(), names.begin(), names.end());
            any_labelled = true;
        } else {
            bare.push_back(part);
        }
    }
    if (!any_labelled) return std::nullopt;
    // "Jane Doe | 3 March 2024": a bare name beside a date is the byline.
    for (std::string_view b : bare) {
        auto names = split_names(b);
        if (names.empty() || !meta.authors.empty() || word_count(b) < 2) return std::nullopt;
        meta.authors = names;
    }
    return meta;
}

// Photo caption and credit of a credit line.
struct Credit {
    std::string caption; // what the photo shows, may be empty
    std::string credit;  // who made it or owns it
};

std::optional<Credit> parse_credit(std::string_view line) {
    if (line.size() > 400) return std::nullopt;
    for (std::string_view label : kCreditByLabels) {
        const size_t v = after_label(line, label, false);
        if (v != std::string_view::npos && word_count(line.substr(v)) <= 8)
            return Credit{"", std::string(line.substr(v))};
    }
    // "© commonspace.eu" alone under a photo.
    if (line.substr(0, 2) == "\xC2\xA9" && word_count(line) <= 8)
        return Credit{"", std::string(line)};
    for (std::string_view label : kCreditLabels) {
        const size_t v = after_label(line, label, true);
        if (v == std::string_view::npos) continue;
        const std::string_view value = line.substr(v);
        Credit c;
        if (const size_t semi = value.rfind(';'); semi != std::string_view::npos) {
            // "photo: Participants at the workshop; © commonspace.eu"
            c.caption = std::string(trim_view(value.substr(0, semi)));
            c.credit = std::string(trim_view(value.substr(semi + 1)));
        } else if (const size_t copy = value.find("\xC2\xA9");
                   copy != std::string_view::npos && copy > 0) {
            c.caption = std::string(trim_view(value.substr(0, copy)));
            c.credit = std::string(trim_view(value.substr(copy)));
        } else if (word_count(value) >= 7) {
            c.caption = std::string(value); // a sentence about the photo, no one credited
        } else {
            c.credit = std::string(value); // "photo: JOLIG"
        }
        if (c.caption.empty() && c.credit.empty()) continue;
        return c;
    }
    return std::nullopt;
}

bool is_url(std::string_view s) {
    if (s.find(' ') != std::string_view::npos) return false;
    return (prefix_ci(s, "http://") != std::string_view::npos ||
            prefix_ci(s, "https://") != std::string_view::npos) &&
           s.size() > 10;
}

// The host of an http(s) URL without "www.".
std::string url_host(std::string_view url) {
    const size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const size_t at = rest.find('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
    rest = rest.substr(0, rest.find(':'));
    std::string host = lower(rest);
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return host;
}

std::optional<std::string> parse_source(std::string_view line) {
    if (line.size() > 400) return std::nullopt;
    for (std::string_view label : kSourceLabels) {
        const size_t v = after_label(line, label, true);
        if (v != std::string_view::npos) return std::string(line.substr(v));
    }
    return std::nullopt;
}

} // namespace

// [SECTION] Slugs and language

std::optional<PageDate> parse_page_date(std::string_view line_in) {
    const std::string line = normalize_line(line_in);
    if (line.empty() || line.size() > 120) return std::nullopt;
    PageDate date;
    std::string_view rest = line;
    for (const DateLabel& label : kDateLabels) {
        const size_t v = after_label(rest, label.text, false);
        if (v == std::string_view::npos) continue;
        date.updated = label.updated;
        rest.remove_prefix(v);
        break;
    }
    std::vector<Tok> toks = tokenize(rest);
    if (!toks.empty() && toks[0].type == Tok::Word && is_weekday(toks[0].text)) {
        toks.erase(toks.begin());
        if (!toks.empty() && toks[0].text == ".") toks.erase(toks.begin());
    }
    remove_times(toks);
    auto iso = date_from_tokens(toks);
    if (!iso) return std::nullopt;
    date.iso = *iso;
    return date;
}

std::string slug_from_title(std::string_view title, size_t max_len) {
    // Latin accents, ə, ı and case go first (ə→e, ş→s, й→и, ё→е), then other scripts by table.
    static const std::array<std::pair<char32_t, std::string_view>, 33> cyrillic = {{
        {0x430, "a"},  {0x431, "b"},    {0x432, "v"}, {0x433, "g"},  {0x434, "d"},  {0x435, "e"},
        {0x436, "zh"}, {0x437, "z"},    {0x438, "i"}, {0x439, "i"},  {0x43A, "k"},  {0x43B, "l"},
        {0x43C, "m"},  {0x43D, "n"},    {0x43E, "o"}, {0x43F, "p"},  {0x440, "r"},  {0x441, "s"},
        {0x442, "t"},  {0x443, "u"},    {0x444, "f"}, {0x445, "kh"}, {0x446, "ts"}, {0x447, "ch"},
        {0x448, "sh"}, {0x449, "shch"}, {0x44A, ""},  {0x44B, "y"},  {0x44C, ""},   {0x44D, "e"},
        {0x44E, "yu"}, {0x44F, "ya"},   {0x451, "e"},
    }};
    static const std::array<std::pair<char32_t, std::string_view>, 8> cyrillic_more = {{
        {0x456, "i"},
        {0x457, "i"},
        {0x454, "ie"},
        {0x491, "g"},
        {0x45E, "u"},
        {0x452, "dj"},
        {0x45B, "c"},
        {0x458, "j"},
    }};
    // Armenian U+0561..U+0586 (ա..ֆ).
    static const std::array<std::string_view, 38> armenian = {
        "a",  "b", "g", "d",  "e",  "z",  "e",  "y", "t", "zh", "i", "l",  "kh",
        "ts", "k", "h", "dz", "gh", "ch", "m",  "y", "n", "sh", "o", "ch", "p",
        "j",  "r", "s", "v",  "t",  "r",  "ts", "v", "p", "k",  "o", "f"};
    // Georgian Mkhedruli U+10D0..U+10F0 (ა..ჰ).
    static const std::array<std::string_view, 33> georgian = {
        "a",  "b", "g",  "d",  "e",  "v",  "z",  "t",  "i",  "k", "l",
        "m",  "n", "o",  "p",  "zh", "r",  "s",  "t",  "u",  "p", "k",
        "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h"};
    const std::string folded = fold_for_search(title);
    std::string slug;
    bool dash = false;
    auto add = [&](std::string_view piece) {
        if (piece.empty()) return;
        if (dash && !slug.empty()) slug += '-';
        dash = false;
        slug += piece;
    };
    for (size_t i = 0; i < folded.size();) {
        const char32_t cp = next_cp(folded, i);
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            add(std::string(1, static_cast<char>(cp)));
        } else if (cp >= 'A' && cp <= 'Z') {
            add(std::string(1, static_cast<char>(cp - 'A' + 'a')));
        } else if (is_apostrophe(cp)) {
            // "Armenia's" -> "armenias"
        } else if (cp >= 0x561 && cp <= 0x586) {
            if (cp == 0x578 && i < folded.size()) { // ու reads u
                size_t j = i;
                if (next_cp(folded, j) == 0x582) {
                    add("u");
                    i = j;
                    continue;
                }
            }
            add(armenian[cp - 0x561]);
        } else if (cp >= 0x10D0 && cp <= 0x10F0) {
            add(georgian[cp - 0x10D0]);
        } else {
            bool done = false;
            for (const auto& [c, s] : cyrillic)
                if (c == cp) add(s), done = true;
            for (const auto& [c, s] : cyrillic_more)
                if (c == cp) add(s), done = true;
            if (!done) dash = true;
        }
    }
    if (slug.size() > max_len) {
        size_t cut = max_len;
        if (slug[cut] != '-') {
            const size_t last_dash = slug.rfind('-', cut);
            if (last_dash != std::string::npos && last_dash > 0) cut = last_dash;
        }
        slug.resize(cut);
        while (!slug.empty() && slug.back() == '-')
            slug.pop_back();
    }
    return slug;
}

std::string guess_language(std::string_view text) {
    size_t latin = 0, cyrillic = 0, armenian = 0, georgian = 0;
    bool schwa = false;
    for (size_t i = 0; i < text.size();) {
        const char32_t cp = next_cp(text, i);
        if (cp == 0x259 || cp == 0x18F) schwa = true;
        if (!u_isalpha(static_cast<UChar32>(cp))) continue;
        if (cp < 0x250)
            ++latin;
        else if (cp >= 0x400 && cp < 0x530)
            ++cyrillic;
        else if (cp >= 0x531 && cp < 0x590)
            ++armenian;
        else if ((cp >= 0x10A0 && cp < 0x1100) || (cp >= 0x1C90 && cp < 0x1CC0))
            ++georgian;
        else if (cp == 0x259 || cp == 0x18F)
            ++latin;
    }
    const size_t most = std::max({latin, cyrillic, armenian, georgian});
    if (most == 0) return "en";
    if (armenian == most) return "hy";
    if (georgian == most) return "ka";
    if (cyrillic == most) return "ru";
    return schwa ? "az" : "en";
}

namespace {

// [SECTION] Lines

enum class Kind {
    Text,         // anything else: a paragraph, headline, card title or summary
    Chrome,       // site furniture, dropped
    Promo,        // "Read more: <another article>" inside a body, dropped
    Meta,         // dates and bylines
    Credit,       // a photo credit or caption line
    Source,       // "source: ..."
    Url,          // a bare URL
    Bullet,       // "• item"
    Ordered,      // "1. item"
    BlockHeading, // Related articles / Editor's choice / Popular ...
};

// One non-blank line of the page.
struct Item {
    std::string text;       // the line with spaces normalised
    size_t line = 0;        // 1-based line number in the page
    bool glued = false;     // directly below the previous item (no blank line between)
    Kind kind = Kind::Text; // what the line is
    bool closing = false;   // Chrome that only comes after an article
    std::string list;       // BlockHeading: related, editors_choice or popular
    Meta meta;              // Meta: what it says
    Credit credit;          // Credit: caption and credit
    std::string value;      // Source: the source; Bullet/Ordered: the item text
    int number = 0;         // Ordered: the item's number
};

// The text of a bullet line without its marker, or nullopt.
std::optional<std::string> bullet_text(std::string_view s) {
    static const std::string_view markers[] = {"\xE2\x80\xA2",
                                               "\xE2\x97\xA6",
                                               "\xE2\x96\xAA",
                                               "\xE2\x97\x8F",
                                               "\xE2\x80\xA3",
                                               "\xE2\x81\x83",
                                               "\xE2\x96\xA0",
                                               "\xC2\xB7",
                                               "\xE2\x96\xBA",
                                               "-",
                                               "*"};
    for (std::string_view m : markers) {
        if (s.substr(0, m.size()) != m) continue;
        std::string_view rest = s.substr(m.size());
        if (rest.empty() || rest.front() != ' ') continue;
        rest = trim_view(rest);
        if (rest.empty()) return std::nullopt;
        return std::string(rest);
    }
    return std::nullopt;
}

bool is_punctuation_only(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        if (u_isalnum(static_cast<UChar32>(next_cp(s, i)))) return false;
    }
    return true;
}

void classify(Item& it) {
    const std::string& t = it.text;
    const std::string key = key_of(t);
    const std::string low = lower(t);
    if (in(kChromeLines, key) || is_punctuation_only(t) || cp_count(t) <= 1) {
        it.kind = Kind::Chrome;
        it.closing = in(kClosingChrome, key);
        return;
    }
    for (std::string_view p : kChromePrefixes) {
        if (low.rfind(p, 0) == 0) {
            it.kind = Kind::Chrome;
            it.closing = true; // at the top they come before the body and end nothing
            return;
        }
    }
    const size_t words = word_count(t);
    // "Follow EU Today on Social media:", "Share this article", "Подписывайтесь на нас".
    if ((low.rfind("follow ", 0) == 0 && words <= 10) ||
        (low.rfind("share", 0) == 0 && words <= 6) || low.rfind("подписывайтесь", 0) == 0 ||
        low.rfind("поделиться", 0) == 0 || low.find("all rights reserved") != std::string::npos ||
        low.find("все права защищены") != std::string::npos ||
        (low.find("min read") != std::string::npos && words <= 5) ||
        low.rfind("reading time", 0) == 0) {
        it.kind = Kind::Chrome;
        it.closing = low.rfind("reading time", 0) != 0 && low.find("min read") == std::string::npos;
        return;
    }
    if (in(kRelatedHeadings, key))
        it.kind = Kind::BlockHeading, it.list = "related";
    else if (in(kPopularHeadings, key))
        it.kind = Kind::BlockHeading, it.list = "popular";
    else if (in(kEditorsHeadings, key))
        it.kind = Kind::BlockHeading, it.list = "editors_choice";
    if (it.kind == Kind::BlockHeading) return;
    for (std::string_view p : kPromoPrefixes) {
        if (low.rfind(p, 0) == 0 && low.size() > p.size() + 2 && words <= 30) {
            it.kind = Kind::Promo;
            return;
        }
    }
    if (is_url(t)) {
        it.kind = Kind::Url;
        return;
    }
    if (auto c = parse_credit(t)) {
        it.kind = Kind::Credit;
        it.credit = *c;
        return;
    }
    if (auto s = parse_source(t)) {
        it.kind = Kind::Source;
        it.value = *s;
        return;
    }
    if (auto m = parse_meta(t)) {
        it.kind = Kind::Meta;
        it.meta = *m;
        return;
    }
    if (auto b = bullet_text(t)) {
        it.kind = Kind::Bullet;
        it.value = *b;
        return;
    }
    // "1. item" or "1) item"
    size_t d = 0;
    while (d < t.size() && d < 3 && t[d] >= '0' && t[d] <= '9')
        ++d;
    if (d > 0 && d + 2 < t.size() && (t[d] == '.' || t[d] == ')') && t[d + 1] == ' ') {
        it.kind = Kind::Ordered;
        it.number = to_int(t.substr(0, d));
        it.value = std::string(trim_view(std::string_view(t).substr(d + 2)));
    }
}

std::vector<Item> read_items(std::string_view text) {
    std::vector<Item> items;
    size_t line_no = 0;
    bool blank_before = true;
    for (size_t pos = 0; pos <= text.size();) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view raw = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        Item it;
        it.text = normalize_line(raw);
        if (it.text.empty()) {
            blank_before = true;
            if (end == text.size()) break;
            continue;
        }
        it.line = line_no;
        it.glued = !blank_before && !items.empty();
        blank_before = false;
        classify(it);
        items.push_back(std::move(it));
        if (end == text.size()) break;
    }
    return items;
}

// [SECTION] Import

constexpr size_t kMaxCards = 100;        // related cards kept per article (the bundle's cap)
constexpr size_t kMaxCardSummary = 2400; // code points of a card summary (under 10,000 bytes)
constexpr size_t kMaxTitle = 250;        // code points of a headline

bool is_body_text(const Item& it) {
    return it.kind == Kind::Text || it.kind == Kind::Bullet || it.kind == Kind::Ordered;
}

// Long enough to be a paragraph of an article rather than a headline or a label.
bool is_long_text(const Item& it) {
    return it.kind == Kind::Text && cp_count(it.text) > kMaxTitle;
}

// A line that could be the page's headline (see the file comment).
bool headline_like(const std::vector<Item>& items, size_t i, bool lenient) {
    const Item& it = items[i];
    if (it.kind != Kind::Text) return false;
    const size_t cps = cp_count(it.text);
    if (cps < 8 || word_count(it.text) < 2) return false;
    if (starts_lowercase(it.text)) return false;
    const char32_t end = last_cp(it.text);
    if (end == ':' || end == ',' || end == ';') return false;
    if (!lenient && (ends_sentence(it.text) && end != '?' && end != '!')) return false;
    if (cps > kMaxTitle || it.text.size() > 1000) return false;
    // Glued to other text: part of a block (a tagline over two lines, a menu, a card).
    if (it.glued && items[i - 1].kind == Kind::Text) return false;
    if (i + 1 < items.size() && items[i + 1].glued && items[i + 1].kind == Kind::Text) return false;
    return true;
}

size_t find_title(const std::vector<Item>& items) {
    constexpr size_t kTop = 16; // the headline is among the first lines
    const size_t top = std::min(items.size(), kTop);
    size_t meta_i = std::string::npos;
    size_t scan_end = top;
    for (size_t i = 0; i < top; ++i) {
        if (items[i].kind == Kind::BlockHeading || is_long_text(items[i])) {
            scan_end = i;
            break;
        }
        if (items[i].kind == Kind::Meta && meta_i == std::string::npos) meta_i = i;
    }
    if (meta_i != std::string::npos) {
        for (size_t j = meta_i; j-- > 0;)
            if (headline_like(items, j, false)) return j;
        for (size_t j = meta_i + 1; j < scan_end; ++j)
            if (headline_like(items, j, false)) return j;
    }
    for (size_t j = 0; j < scan_end; ++j)
        if (headline_like(items, j, false)) return j;
    for (size_t j = 0; j < top; ++j)
        if (headline_like(items, j, true)) return j;
    return std::string::npos;
}

// A short line that reads like a person's or desk's name (an author box heading).
bool name_like(const Item& it) {
    return it.kind == Kind::Text && word_count(it.text) <= 6 && cp_count(it.text) <= 60 &&
           !ends_sentence(it.text) && last_cp(it.text) != ':' &&
           starts_like_a_name_or_title(it.text);
}

// An author box starts at I: a name printed twice.
bool author_box_at(const std::vector<Item>& items, size_t i) {
    return i + 1 < items.size() && name_like(items[i]) && items[i + 1].text == items[i].text;
}

// True when URL is this page's own address: its last path segment spells the title.
bool url_names_title(std::string_view url, std::string_view title) {
    std::string_view path = url.substr(url.find("://") + 3);
    const size_t slash = path.find('/');
    if (slash == std::string_view::npos) return false;
    path = path.substr(slash);
    path = path.substr(0, path.find_first_of("?#"));
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);
    std::string_view segment = path.substr(path.rfind('/') + 1);
    if (const size_t dot = segment.rfind('.'); dot != std::string_view::npos)
        segment = segment.substr(0, dot);
    auto words_of = [](std::string_view slug) {
        std::set<std::string> w;
        size_t start = 0;
        while (start <= slug.size()) {
            size_t e = slug.find('-', start);
            if (e == std::string_view::npos) e = slug.size();
            if (e - start >= 3) w.insert(std::string(slug.substr(start, e - start)));
            start = e + 1;
        }
        return w;
    };
    std::string seg = lower(segment);
    std::replace(seg.begin(), seg.end(), '_', '-');
    const auto url_words = words_of(seg);
    const auto title_words = words_of(slug_from_title(title, 400));
    size_t common = 0;
    for (const auto& w : url_words)
        common += title_words.count(w);
    return common >= 3 && common * 2 >= url_words.size();
}

// Escapes text so that the Markdown subset shows it as written.
std::string markdown_text(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<') {
            out += '\\';
        } else if (c == '&') {
            // Only what would read as a character reference ("&amp;", "&#38;").
            size_t j = i + 1;
            while (j < s.size() && j < i + 33 &&
                   (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '#'))
                ++j;
            if (j < s.size() && s[j] == ';' && j > i + 1) out += '\\';
        }
        out += c;
    }
    // Line starts that would become a heading, quote, list or rule.
    if (!out.empty() &&
        (out[0] == '#' || out[0] == '>' || out[0] == '+' || out[0] == '-' || out[0] == '=')) {
        out.insert(0, "\\");
    } else {
        size_t d = 0;
        while (d < out.size() && std::isdigit(static_cast<unsigned char>(out[d])))
            ++d;
        if (d > 0 && d < 10 && d + 1 < out.size() && (out[d] == '.' || out[d] == ')') &&
            out[d + 1] == ' ')
            out.insert(d, "\\");
    }
    if (out.rfind("\xE2\x80\xA2 ", 0) == 0) out.insert(0, "\\"); // "• " is a list marker too
    return out;
}

// A body block before it is written as Markdown.
struct BodyBlock {
    enum Type { Paragraph, Heading, Bullet, Ordered } type; // what it is
    std::string text;                                       // plain text
    int number = 0;                                         // Ordered: its number
};

// The first paragraph cut to at most about MAX code points at a sentence boundary.
std::string shorten(const std::string& text, size_t max) {
    if (cp_count(text) <= max) return text;
    size_t best = 0;
    for (size_t e : sentence_ends(text)) {
        if (cp_count(std::string_view(text).substr(0, e)) > max) break;
        best = e;
    }
    if (best > 0) return text.substr(0, best);
    // One long sentence: cut at a word and say so.
    size_t cut = 0, cps = 0;
    for (size_t i = 0; i < text.size() && cps < max - 1;) {
        next_cp(text, i);
        ++cps;
        if (i < text.size() && text[i] == ' ') cut = i;
    }
    if (cut == 0) cut = text.size();
    std::string out = text.substr(0, cut);
    while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':'))
        out.pop_back();
    return out + "\xE2\x80\xA6";
}

// Builds the related lists from the items after the body.
class TailReader {
  public:
    TailReader(const std::vector<Item>& items, PageImport& out) : items_(items), out_(out) {}

    // Reads items [BEGIN, END). Returns the author named by an author box, if any.
    std::string read(size_t begin, size_t end, const std::string& title,
                     const std::function<void(const Item&)>& take_side_line) {
        std::string author;
        for (size_t i = begin; i < end; ++i) {
            const Item& it = items_[i];
            if (it.kind == Kind::Credit || it.kind == Kind::Source || it.kind == Kind::Url) {
                take_side_line(it);
                continue;
            }
            if (it.kind == Kind::BlockHeading) {
                if (it.list == "editors_choice" && !list_.empty()) {
                    drop(it); // the card's "Editor's choice" badge
                } else {
                    list_ = it.list;
                    drop(it, false);
                }
                card_ = -1;
                kind_.clear();
                continue;
            }
            if (it.kind == Kind::Chrome) {
                drop(it);
                if (it.closing) list_.clear();
                continue;
            }
            if (list_.empty()) {
                if (author.empty() && author_box_at(items_, i)) {
                    author = it.text;
                    drop(it);
                    drop(items_[++i]);
                    continue;
                }
                drop(it);
                continue;
            }
            // Inside a related block. Dates and promotions under cards are dropped.
            if (it.kind == Kind::Meta || it.kind == Kind::Promo) {
                drop(it);
                continue;
            }
            const bool listed = it.kind == Kind::Bullet || it.kind == Kind::Ordered;
            const std::string& text = listed ? it.value : it.text;
            RelatedCard* card = card_ >= 0 ? &cards_[static_cast<size_t>(card_)] : nullptr;
            if (card && card->title == text && !after_summary_) {
                continue; // the title printed a second time
            }
            if (it.kind == Kind::Text && is_kind_line(i, end)) {
                kind_ = text;
                card_ = -1;
                continue;
            }
            // A summary ends like a sentence, or is too long for a title.
            const bool summary_like = ends_sentence(text) || cp_count(text) > 200;
            if (card && card->summary.empty() && summary_like && text != title && !listed) {
                card->summary = shorten(text, kMaxCardSummary);
                after_summary_ = true;
                continue;
            }
            if ((!summary_like || listed) && word_count(text) >= 2 && cp_count(text) <= 300 &&
                last_cp(text) != ':') {
                RelatedCard c;
                c.list = list_;
                c.kind = kind_;
                c.title = text;
                kind_.clear();
                cards_.push_back(std::move(c));
                card_ = static_cast<int>(cards_.size()) - 1;
                after_summary_ = false;
                continue;
            }
            drop(it);
        }
        return author;
    }

    // The cards, each kept once per list (a later copy fills what the first lacked), at most
    // kMaxCards (a bundle holds 100 related entries per article).
    std::vector<RelatedCard> cards() const {
        std::vector<RelatedCard> out;
        std::map<std::pair<std::string, std::string>, size_t> seen; // (list, title) -> index in out
        for (const RelatedCard& c : cards_) {
            auto [it, fresh] = seen.emplace(std::make_pair(c.list, lower(c.title)), out.size());
            if (fresh) {
                if (out.size() < kMaxCards) out.push_back(c);
                continue;
            }
            if (it->second >= out.size()) continue;
            RelatedCard& same = out[it->second];
            if (same.kind.empty()) same.kind = c.kind;
            if (same.summary.empty()) same.summary = c.summary;
        }
        return out;
    }

  private:
    // A line naming the kind of the card that follows ("News", "Interview").
    bool is_kind_line(size_t i, size_t end) const {
        const Item& it = items_[i];
        if (in(kKinds, key_of(it.text))) return true;
        // One word over a glued title: a section label such as "Politics".
        if (word_count(it.text) > 1 || cp_count(it.text) > 24 || ends_sentence(it.text))
            return false;
        return i + 1 < end && items_[i + 1].glued && items_[i + 1].kind == Kind::Text &&
               word_count(items_[i + 1].text) >= 2;
    }

    void drop(const Item& it, bool record = true) {
        if (record) out_.dropped.push_back(it.text);
    }

    const std::vector<Item>& items_; // the page
    PageImport& out_;                // where dropped lines go
    std::string list_;               // the open block's list, empty outside a block
    std::string kind_;               // a kind line waiting for its card's title
    std::vector<RelatedCard> cards_; // cards in page order, duplicates included
    int card_ = -1;                  // the card being read, or -1
    bool after_summary_ = false;     // the current card has its summary
};

} // namespace

Result<PageImport> import_page(std::string_view text, std::string_view origin) {
    const std::string o(origin);
    if (!is_valid_utf8(text)) {
        size_t line = 1, start = 0;
        while (start < text.size()) {
            size_t e = text.find('\n', start);
            if (e == std::string_view::npos) e = text.size();
            if (!is_valid_utf8(text.substr(start, e - start))) break;
            start = e + 1;
            ++line;
        }
        return make_error(ErrorCode::Invalid,
                          o + ":" + std::to_string(line) +
                              ": not valid UTF-8 text (save the page as UTF-8 text and try again)");
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const std::vector<Item> items = read_items(text);
    if (items.empty()) return make_error(ErrorCode::Invalid, o + ": the page is empty");

    PageImport out;
    SourceArticle& a = out.article;
    std::vector<std::string> page_urls; // bare URLs outside the body, in page order

    const size_t title_i = find_title(items);
    if (title_i == std::string::npos)
        return make_error(ErrorCode::Invalid,
                          o + ": found no headline (a line of its own near the top, not ending "
                              "like a sentence); put the title on the first line and try again");
    a.title = items[title_i].text;

    // Credits, sources, dates and URLs count wherever they stand.
    auto take_meta = [&](const Meta& m) {
        if (m.published && a.published.empty()) a.published = m.published->iso;
        if (m.updated && a.updated.empty()) a.updated = m.updated->iso;
        if (!m.authors.empty() && a.authors.empty()) a.authors = m.authors;
    };
    auto take_side_line = [&](const Item& it) {
        if (it.kind == Kind::Credit) {
            if (a.photo_credit.empty() && a.photo_caption.empty()) {
                a.photo_caption = it.credit.caption;
                a.photo_credit = it.credit.credit;
            } else {
                out.dropped.push_back(it.text);
            }
        } else if (it.kind == Kind::Source) {
            if (a.source_name.empty())
                a.source_name = it.value;
            else
                out.dropped.push_back(it.text);
        } else if (it.kind == Kind::Url) {
            page_urls.push_back(it.text);
        }
    };

    // Before the headline: a site's tagline, menus, chrome. Keep only what describes the page.
    for (size_t i = 0; i < title_i; ++i) {
        const Item& it = items[i];
        if (it.kind == Kind::Credit || it.kind == Kind::Source || it.kind == Kind::Url)
            take_side_line(it);
        else if (it.kind == Kind::Meta)
            take_meta(it.meta);
        else
            out.dropped.push_back(it.text);
    }

    // Between the headline and the body.
    std::string standfirst;
    size_t i = title_i + 1;
    auto meta_ahead = [&](size_t from) {
        for (size_t j = from; j < items.size() && j < from + 4; ++j) {
            if (items[j].kind == Kind::Meta) return true;
            if (items[j].kind == Kind::Text || items[j].kind == Kind::BlockHeading) return false;
        }
        return false;
    };
    for (; i < items.size(); ++i) {
        const Item& it = items[i];
        if (it.text == a.title || it.kind == Kind::Chrome) {
            out.dropped.push_back(it.text);
        } else if (it.kind == Kind::Meta) {
            take_meta(it.meta);
        } else if (it.kind == Kind::Credit || it.kind == Kind::Source) {
            take_side_line(it);
        } else if (it.kind == Kind::Text && standfirst.empty() && meta_ahead(i + 1) &&
                   word_count(it.text) >= 6) {
            standfirst = it.text; // Title / standfirst / By ... / date
        } else {
            break;
        }
    }
    const size_t body_begin = i;

    // Where the body ends.
    size_t body_end = items.size();
    bool seen_text = false;
    for (size_t j = body_begin; j < items.size(); ++j) {
        const Item& it = items[j];
        if (it.kind == Kind::BlockHeading || (seen_text && it.kind == Kind::Chrome && it.closing) ||
            (seen_text && author_box_at(items, j))) {
            body_end = j;
            break;
        }
        if (is_body_text(it)) seen_text = true;
    }
    // Trim the body's end: URLs, dangling "Name:" labels, chrome, credits, sources.
    while (body_end > body_begin) {
        const Item& it = items[body_end - 1];
        const bool label =
            it.kind == Kind::Text && last_cp(it.text) == ':' && word_count(it.text) <= 6;
        if (it.kind == Kind::Url || label || it.kind == Kind::Chrome || it.kind == Kind::Credit ||
            it.kind == Kind::Source || it.kind == Kind::Promo) {
            --body_end;
            continue;
        }
        break;
    }
    const size_t tail_begin = body_end;

    // The body.
    std::vector<BodyBlock> blocks;
    for (size_t j = body_begin; j < body_end; ++j) {
        const Item& it = items[j];
        switch (it.kind) {
        case Kind::Chrome:
        case Kind::Promo:
        case Kind::BlockHeading:
            out.dropped.push_back(it.text);
            break;
        case Kind::Credit:
        case Kind::Source:
        case Kind::Url:
            if (it.kind == Kind::Url && j > body_begin && j + 1 < body_end) {
                blocks.push_back({BodyBlock::Paragraph, it.text, 0}); // a link inside the text
            } else {
                take_side_line(it);
            }
            break;
        case Kind::Meta:
            if (!it.meta.authors.empty() || a.published.empty())
                take_meta(it.meta);
            else
                blocks.push_back({BodyBlock::Paragraph, it.text, 0});
            break;
        case Kind::Bullet:
            blocks.push_back({BodyBlock::Bullet, it.value, 0});
            break;
        case Kind::Ordered:
            blocks.push_back({BodyBlock::Ordered, it.value, it.number});
            break;
        case Kind::Text:
            // A line wrapped inside a paragraph joins it.
            if (it.glued && !blocks.empty() && blocks.back().type == BodyBlock::Paragraph &&
                items[j - 1].kind == Kind::Text && !ends_sentence(blocks.back().text) &&
                last_cp(blocks.back().text) != ':') {
                blocks.back().text += " " + it.text;
            } else {
                blocks.push_back({BodyBlock::Paragraph, it.text, 0});
            }
            break;
        }
    }
    // Subheadings: a short line standing alone between paragraphs, not ending like a sentence.
    for (size_t b = 1; b + 1 < blocks.size(); ++b) {
        BodyBlock& blk = blocks[b];
        if (blk.type != BodyBlock::Paragraph || cp_count(blk.text) > 80 ||
            word_count(blk.text) > 12)
            continue;
        const char32_t end = last_cp(blk.text);
        if (ends_sentence(blk.text) || end == ':' || end == ';' || end == ',' ||
            !starts_like_a_name_or_title(blk.text))
            continue;
        if (blocks[b - 1].type == BodyBlock::Heading) continue;
        if (blocks[b + 1].type == BodyBlock::Heading) continue;
        blk.type = BodyBlock::Heading;
    }

    // After the body: related blocks, author box, side lines.
    TailReader tail(items, out);
    const std::string boxed_author = tail.read(tail_begin, items.size(), a.title, take_side_line);
    if (a.authors.empty() && !boxed_author.empty()) a.authors = {boxed_author};
    a.related = tail.cards();

    // A standfirst as the first paragraph: short, and the next paragraph repeats at least half
    // of its content words (eight or more of them).
    if (standfirst.empty() && blocks.size() >= 2 && blocks[0].type == BodyBlock::Paragraph &&
        blocks[1].type == BodyBlock::Paragraph && cp_count(blocks[0].text) <= 350 &&
        sentence_ends(blocks[0].text).size() <= 2) {
        const auto first = content_words(blocks[0].text);
        const auto second = content_words(blocks[1].text);
        size_t common = 0;
        for (const auto& w : first)
            common += second.count(w);
        if (first.size() >= 8 && common * 2 >= first.size()) {
            standfirst = blocks[0].text;
            blocks.erase(blocks.begin());
        }
    }
    if (blocks.empty())
        return make_error(ErrorCode::Invalid, o + ": found the headline '" + a.title +
                                                  "' but no article text after it");
    if (!standfirst.empty()) {
        a.summary = standfirst;
        out.summary_from = SummaryFrom::Standfirst;
    } else {
        for (const BodyBlock& b : blocks) {
            if (b.type != BodyBlock::Paragraph) continue;
            a.summary = shorten(b.text, 300);
            out.summary_from = SummaryFrom::FirstParagraph;
            break;
        }
    }

    // The body as Markdown: blocks apart by a blank line, items of one list together.
    std::string body;
    for (size_t b = 0; b < blocks.size(); ++b) {
        const BodyBlock& blk = blocks[b];
        const bool same_list = b > 0 && blocks[b - 1].type == blk.type &&
                               (blk.type == BodyBlock::Bullet || blk.type == BodyBlock::Ordered);
        if (b > 0) body += same_list ? "\n" : "\n\n";
        switch (blk.type) {
        case BodyBlock::Paragraph:
            body += markdown_text(blk.text);
            ++out.paragraphs;
            break;
        case BodyBlock::Heading:
            body += "## " + markdown_text(blk.text);
            ++out.headings;
            break;
        case BodyBlock::Bullet:
            body += "- " + markdown_text(blk.text);
            ++out.list_items;
            break;
        case BodyBlock::Ordered:
            body += std::to_string(blk.number) + ". " + markdown_text(blk.text);
            ++out.list_items;
            break;
        }
    }
    body += "\n";
    a.body = std::move(body);

    // The page's own address, and where the text comes from.
    for (const std::string& url : page_urls) {
        if (a.source_url.empty() && url_names_title(url, a.title))
            a.source_url = url;
        else
            out.dropped.push_back(url);
    }
    if (a.source_name.empty() && !a.source_url.empty()) a.source_name = url_host(a.source_url);
    if (is_url(a.source_name) && a.source_url.empty()) {
        a.source_url = a.source_name;
        a.source_name = url_host(a.source_url);
    }
    // Only an update date shown: it is the best publication date the page gives.
    if (a.published.empty() && !a.updated.empty()) a.published = a.updated;

    std::string all_text = a.title + "\n" + a.body;
    a.language = guess_language(all_text);
    a.id = slug_from_title(a.title);
    return out;
}

} // namespace tidings
