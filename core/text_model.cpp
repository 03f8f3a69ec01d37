// The article body text model: a linear-time parser for the safe Markdown subset, plain text, photo
// refs.
#include "core/search_text.h"
#include "core/text_model.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

// Index of this file
// [SECTION] Limits and decisions
// [SECTION] UTF-8 and character classes
// [SECTION] Raw HTML elements removed before parsing (script, style, comments)
// [SECTION] Sanitizing: line endings, invalid UTF-8, control characters
// [SECTION] Entities, backslash escapes, link targets
// [SECTION] Inline parsing: nodes, emphasis delimiters, brackets
// [SECTION] Emitting blocks and spans
// [SECTION] Block parsing
// [SECTION] Public functions

namespace tidings {
namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Limits and decisions
//-------------------------------------------------------------------------------------------------
// Decisions, in one place:
// - Input is sanitized first: a leading BOM is dropped, CR LF and CR become LF, invalid UTF-8
//   (overlongs, surrogates written as bytes, truncated sequences, stray bytes) becomes one U+FFFD
//   per maximal invalid subpart (as the Unicode standard and WHATWG decoders do), and control
//   characters (C0 except tab and LF, DEL, C1) are removed. Every string in the model is valid
//   UTF-8.
// - <script> and <style> elements and <!-- comments --> are cut out of the raw text before any
//   other parsing, even inside code spans (a body that shows HTML source writes &lt; or \<). An
//   unclosed <script>/<style> loses only its opening tag; an unclosed comment stays literal text.
// - Other raw HTML tags are dropped inline, their text kept; block-like tags (p, br, div, li...)
//   become a space. Runs of spaces and tabs outside code spans collapse to one space.
// - No setext headings, indented code blocks or fenced code: "---" is always a Rule, indentation
//   only decides list nesting, and fences are plain text. Inside a quote, lines are paragraph text.
// - Text after an inline image continues in a block of the same kind, except that a list item's
//   rest becomes a Paragraph (so it does not get a second bullet).
// - Image refs are taken as written (no escapes or entities), so rewrite_photo_refs() can replace
//   exactly those bytes. An image with an empty ref, or a ref that spans lines, stays literal text.
// - An image inside another image's caption is dropped; a link inside a caption becomes its text.
// Every limit below keeps hostile bodies cheap; real articles never come near them.
constexpr size_t kMaxInputBytes = size_t{64} << 20; // bytes parsed; anything past 64 MiB is ignored
constexpr size_t kMaxBlocks = 20000;     // blocks per body; text past the limit is dropped
constexpr int kMaxListDepth = 3;         // list levels 0..3; deeper items are clamped to 3
constexpr size_t kMaxListStack = 64;     // open list levels remembered; deeper markers are siblings
constexpr size_t kMaxOpenBrackets = 64;  // '[' / '![' open at once; more stay literal text
constexpr int kMaxParenDepth = 32;       // nested parentheses in a link destination
constexpr size_t kMaxDestination = 4096; // bytes of a link or image destination
constexpr size_t kMaxTitle = 4096;       // bytes of a link or image title (the photo credit)
constexpr size_t kMaxHtmlTag = 2048;     // bytes of one inline HTML tag or autolink
constexpr size_t kMaxCaption = 2000;  // bytes of a photo caption or credit (cut between characters)
constexpr size_t kMaxEntityName = 32; // letters of a named entity
constexpr int kMaxOrderedDigits = 9;  // digits of an ordered list number
// Lookahead budget (link targets, HTML tags, autolinks): bytes examined per input byte, plus a
// base. Once spent, such constructs stay literal text, so hostile input stays linear.
constexpr int64_t kBudgetPerByte = 8;
constexpr int64_t kBudgetBase = int64_t{1} << 16;

//-------------------------------------------------------------------------------------------------
// [SECTION] UTF-8 and character classes
//-------------------------------------------------------------------------------------------------


// Length of the valid UTF-8 sequence at S[POS], or 0 with *BAD set to the length of the maximal
// invalid subpart (at least 1) that one U+FFFD replaces.
size_t utf8_sequence(std::string_view s, size_t pos, size_t* bad) {
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) return 1;
    int need = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c == 0xE0)
        need = 2, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        need = 2;
    else if (c == 0xED)
        need = 2, hi = 0x9F; // no surrogates
    else if (c == 0xF0)
        need = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
        need = 3;
    else if (c == 0xF4)
        need = 3, hi = 0x8F; // nothing past U+10FFFF
    else {
        *bad = 1;
        return 0;
    }
    size_t k = 1;
    for (int i = 0; i < need; ++i, ++k) {
        if (pos + k >= s.size()) {
            *bad = k;
            return 0;
        }
        const auto b = static_cast<unsigned char>(s[pos + k]);
        if (b < lo || b > hi) {
            *bad = k;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return k;
}

// The code point at S[POS] of valid UTF-8 text; *LEN gets its length in bytes.
char32_t decode_at(std::string_view s, size_t pos, size_t* len) {
    const auto c = static_cast<unsigned char>(s[pos]);
    const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (c < 0x80 || n == 1 || pos + n > s.size()) {
        *len = 1;
        return c < 0x80 ? c : 0xFFFD;
    }
    char32_t cp = c & (0xFFu >> (n + 1));
    for (size_t i = 1; i < n; ++i)
        cp = (cp << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3Fu);
    *len = n;
    return cp;
}

// The code point that ends just before S[POS]; the start of the text counts as a space.
char32_t decode_before(std::string_view s, size_t pos) {
    if (pos == 0) return U' ';
    size_t b = pos - 1;
    for (int steps = 0; b > 0 && steps < 3 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80;
         ++steps)
        --b;
    size_t len = 0;
    const char32_t cp = decode_at(s, b, &len);
    return b + len == pos ? cp : 0xFFFD;
}

bool is_ascii_punct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}
bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

// The characters that may start inline markup: \ ` * _ ! [ ] < &. Plain text runs to the next one.
constexpr std::array<bool, 256> make_inline_special() {
    std::array<bool, 256> t{};
    for (char c : std::string_view("\\`*_![]<&")) t[static_cast<unsigned char>(c)] = true;
    return t;
}
constexpr std::array<bool, 256> kInlineSpecial = make_inline_special();
bool is_ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_ascii_alnum(char c) {
    return is_ascii_alpha(c) || is_ascii_digit(c);
}
char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Unicode whitespace for emphasis flanking rules.
bool is_space_cp(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\v' || cp == '\r' ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

// Punctuation for emphasis flanking rules: ASCII, Latin-1, Armenian, Georgian, general and CJK.
bool is_punct_cp(char32_t cp) {
    if (cp < 0x80) return is_ascii_punct(static_cast<char>(cp));
    return cp == 0xA1 || cp == 0xA7 || cp == 0xAB || cp == 0xB6 || cp == 0xB7 || cp == 0xBB ||
           cp == 0xBF || (cp >= 0x55A && cp <= 0x55F) || cp == 0x589 || cp == 0x58A ||
           cp == 0x10FB || (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
           (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) ||
           (cp >= 0xFF01 && cp <= 0xFF0F);
}

// True when S at POS starts with WORD (lowercase ASCII), ignoring ASCII case.
bool starts_with_ci(std::string_view s, size_t pos, std::string_view word) {
    if (pos > s.size() || s.size() - pos < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (ascii_lower(s[pos + i]) != word[i]) return false;
    return true;
}

// Collapses runs of spaces and tabs to one space and trims both ends (captions and credits).
std::string collapse_spaces(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (is_blank(c) || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// Cuts S to at most MAX bytes at a character boundary.
void cut_utf8(std::string& s, size_t max) {
    if (s.size() <= max) return;
    size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    s.resize(n);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Raw HTML elements removed before parsing (script, style, comments)
//-------------------------------------------------------------------------------------------------

// Byte range [first, second) of the raw input.
using Range = std::pair<size_t, size_t>;

// Position of the first byte at or after FROM that is A or B, or npos. (find_first_of() calls
// memchr over its set for every byte of the text: on 16 KB bodies that was 3.5% of an apply.)
size_t find_either(std::string_view in, size_t from, char a, char b) {
    for (size_t i = from; i < in.size(); ++i)
        if (in[i] == a || in[i] == b) return i;
    return std::string_view::npos;
}

// Start of the first "</NAME" (any case) at or after FROM that closes an element, or npos.
size_t find_close_tag(std::string_view in, size_t from, std::string_view name) {
    for (;;) {
        const size_t q = in.find("</", from);
        if (q == std::string_view::npos) return q;
        const size_t after = q + 2 + name.size();
        if (starts_with_ci(in, q + 2, name) &&
            (after >= in.size() || in[after] == '>' || in[after] == '/' || is_blank(in[after]) ||
             in[after] == '\n'))
            return q;
        from = q + 2;
    }
}

// Ranges of the raw input to cut out: <script> and <style> elements with their content and
// <!-- comments -->. A backslash escapes the next byte ("\<script>" stays). Linear: a search for a
// closing tag that fails once is not repeated.
std::vector<Range> raw_element_ranges(std::string_view in) {
    static constexpr std::array<std::string_view, 2> kNames = {"script", "style"};
    std::vector<Range> out;
    std::array<bool, 3>
        no_close{}; // script, style, comment: a search found no end before the text end
    const size_t n = in.size();
    size_t p = 0;
    while (p < n) {
        const size_t q = find_either(in, p, '<', '\\');
        if (q == std::string_view::npos) break;
        if (in[q] == '\\') {
            p = q + 2;
            continue;
        }
        if (in.compare(q, 4, "<!--") == 0) {
            if (!no_close[2]) {
                const size_t e = in.find("-->", q + 4);
                if (e != std::string_view::npos) {
                    out.emplace_back(q, e + 3);
                    p = e + 3;
                    continue;
                }
                no_close[2] = true;
            }
            p = q + 4;
            continue;
        }
        int which = -1;
        for (int k = 0; k < 2; ++k) {
            const size_t after = q + 1 + kNames[k].size();
            if (starts_with_ci(in, q + 1, kNames[k]) && after < n &&
                (in[after] == '>' || in[after] == '/' || is_blank(in[after]) || in[after] == '\n'))
                which = k;
        }
        if (which < 0) {
            p = q + 1;
            continue;
        }
        const size_t gt = find_either(in, q + 1, '<', '>');
        if (gt == std::string_view::npos || in[gt] == '<') { // not a complete tag
            p = gt == std::string_view::npos ? n : gt;
            continue;
        }
        const size_t open_end = gt + 1;
        size_t close = std::string_view::npos;
        if (!no_close[which]) {
            close = find_close_tag(in, open_end, kNames[which]);
            if (close == std::string_view::npos) no_close[which] = true;
        }
        if (close == std::string_view::npos) { // unclosed: only the opening tag goes
            out.emplace_back(q, open_end);
            p = open_end;
            continue;
        }
        const size_t name_end = close + 2 + kNames[which].size();
        const size_t e = find_either(in, name_end, '<', '>');
        const size_t end = (e != std::string_view::npos && in[e] == '>') ? e + 1 : name_end;
        out.emplace_back(q, end);
        p = end;
    }
    return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Sanitizing: line endings, invalid UTF-8, control characters
//-------------------------------------------------------------------------------------------------

// Maps offsets in the sanitized text back to the raw input (for rewrite_photo_refs).
struct OffsetMap {
    bool enabled = false; // record points at all (only rewriting needs them)
    std::vector<std::pair<size_t, size_t>>
        points; // (sanitized offset, input offset) around each change

    // Notes that input [IN_BEFORE, IN_AFTER) became sanitized [OUT_BEFORE, OUT_AFTER).
    void change(size_t out_before, size_t in_before, size_t out_after, size_t in_after) {
        if (!enabled) return;
        points.emplace_back(out_before, in_before);
        points.emplace_back(out_after, in_after);
    }
    // Input offset of a range that starts at sanitized offset S.
    size_t begin_to_input(size_t s) const {
        auto it = std::upper_bound(
            points.begin(), points.end(), s,
            [](size_t v, const std::pair<size_t, size_t>& p) { return v < p.first; });
        if (it == points.begin()) return s;
        --it;
        return it->second + (s - it->first);
    }
    // Input offset of a range that ends (exclusive) at sanitized offset E.
    size_t end_to_input(size_t e) const {
        auto it = std::lower_bound(
            points.begin(), points.end(), e,
            [](const std::pair<size_t, size_t>& p, size_t v) { return p.first < v; });
        if (it != points.end() && it->first == e) return it->second;
        if (it == points.begin()) return e;
        --it;
        return it->second + (e - it->first);
    }
};

// Printable ASCII, tab or LF: copied as is.
bool plain_ascii(char c) {
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n';
}

// The input with DROPS cut out, a leading BOM removed, CR LF / CR turned into LF, invalid UTF-8
// replaced by U+FFFD and control characters (C0 except tab and LF, DEL, C1) removed.
std::string sanitize(std::string_view in, const std::vector<Range>& drops, OffsetMap& map) {
    std::string out;
    out.reserve(in.size());
    const size_t n = in.size();
    size_t p = 0, d = 0;
    if (in.substr(0, 3) == "\xEF\xBB\xBF") {
        map.change(0, 0, 0, 3);
        p = 3;
    }
    while (p < n) {
        if (d < drops.size() && drops[d].first <= p) {
            const size_t e = std::max(p, drops[d].second);
            map.change(out.size(), p, out.size(), e);
            p = e;
            ++d;
            continue;
        }
        const size_t stop = d < drops.size() ? drops[d].first : n;
        // A run of printable ASCII and well-formed letters that are not C1 controls goes out as
        // it is, in one piece.
        size_t q = p;
        while (q < stop) {
            const auto b = static_cast<unsigned char>(in[q]);
            if (b < 0x80) {
                if (!plain_ascii(in[q])) break;
                ++q;
                continue;
            }
            size_t ignored = 0;
            const size_t len = utf8_sequence(in, q, &ignored);
            if (len == 0 || (b == 0xC2 && static_cast<unsigned char>(in[q + 1]) < 0xA0)) break;
            q += len;
        }
        if (q > p) {
            out.append(in.substr(p, q - p));
            p = q;
            continue;
        }
        const auto c = static_cast<unsigned char>(in[p]);
        if (c == '\r') {
            const size_t len = (p + 1 < n && in[p + 1] == '\n') ? 2 : 1;
            if (len == 2) map.change(out.size(), p, out.size() + 1, p + 2);
            out += '\n';
            p += len;
            continue;
        }
        if (c < 0x80) { // other C0 controls and DEL
            map.change(out.size(), p, out.size(), p + 1);
            ++p;
            continue;
        }
        size_t bad = 0;
        const size_t len = utf8_sequence(in, p, &bad);
        if (len == 0) {
            map.change(out.size(), p, out.size() + 3, p + bad);
            out += "\xEF\xBF\xBD";
            p += bad;
        } else if (c == 0xC2 && static_cast<unsigned char>(in[p + 1]) < 0xA0) { // C1 controls
            map.change(out.size(), p, out.size(), p + 2);
            p += 2;
        } else {
            out.append(in.substr(p, len));
            p += len;
        }
    }
    return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Entities, backslash escapes, link targets
//-------------------------------------------------------------------------------------------------

// A named character reference and its code point.
struct NamedEntity {
    std::string_view name; // without '&' and ';', case-sensitive
    char32_t cp;           // the character
};

// The named entities that copied news pages use; others stay literal text.
constexpr std::array<NamedEntity, 47> kEntities = {{
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"shy", 0xAD},     {"mdash", 0x2014}, {"ndash", 0x2013},  {"hellip", 0x2026},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"bdquo", 0x201E}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"lsaquo", 0x2039}, {"rsaquo", 0x203A},
    {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"euro", 0x20AC},   {"pound", 0xA3},
    {"yen", 0xA5},     {"cent", 0xA2},    {"deg", 0xB0},     {"middot", 0xB7},   {"bull", 0x2022},
    {"times", 0xD7},   {"divide", 0xF7},  {"plusmn", 0xB1},  {"sect", 0xA7},     {"para", 0xB6},
    {"iexcl", 0xA1},   {"iquest", 0xBF},  {"frac12", 0xBD},  {"frac14", 0xBC},   {"frac34", 0xBE},
    {"prime", 0x2032}, {"Prime", 0x2033}, {"ensp", 0x2002},  {"emsp", 0x2003},   {"thinsp", 0x2009},
    {"zwj", 0x200D},   {"zwnj", 0x200C},
}};

// HTML maps numeric references 128..159 to Windows-1252 characters; 0 marks the undefined ones.
constexpr std::array<char32_t, 32> kWindows1252 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Appends the character of a numeric reference: invalid code points become U+FFFD, whitespace
// controls a space, other controls nothing.
void append_reference(std::string& out, uint32_t v) {
    if (v >= 0x80 && v <= 0x9F) {
        v = kWindows1252[v - 0x80];
        if (v == 0) return;
    }
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = 0xFFFD;
    if (v == '\t' || v == '\n' || v == '\r' || v == '\f') {
        out += ' ';
        return;
    }
    if (v < 0x20 || v == 0x7F) return;
    append_utf8(out, v);
}

int hex_value(char c) {
    if (is_ascii_digit(c)) return c - '0';
    c = ascii_lower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

// Decodes the character reference at S[POS] ('&') onto OUT and returns its length, or returns 0
// (appending nothing) when it is not one: decimal up to 7 digits, hex up to 6, names in kEntities.
size_t decode_entity(std::string_view s, size_t pos, std::string& out) {
    const size_t n = s.size();
    size_t q = pos + 1;
    if (q < n && s[q] == '#') {
        ++q;
        const bool hex = q < n && (s[q] == 'x' || s[q] == 'X');
        if (hex) ++q;
        const size_t max_digits = hex ? 6 : 7;
        const size_t b = q;
        uint32_t v = 0;
        while (q < n && q - b <= max_digits) {
            const int d = hex ? hex_value(s[q]) : (is_ascii_digit(s[q]) ? s[q] - '0' : -1);
            if (d < 0) break;
            v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
            ++q;
        }
        if (q == b || q - b > max_digits || q >= n || s[q] != ';') return 0;
        append_reference(out, v);
        return q + 1 - pos;
    }
    const size_t b = q;
    while (q < n && q - b <= kMaxEntityName && is_ascii_alnum(s[q]))
        ++q;
    if (q == b || q >= n || s[q] != ';') return 0;
    const std::string_view name = s.substr(b, q - b);
    for (const auto& e : kEntities) {
        if (e.name == name) {
            append_utf8(out, e.cp);
            return q + 1 - pos;
        }
    }
    return 0;
}

// S with backslash escapes and character references decoded (link targets and titles).
std::string decode_literal(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        if (s[i] == '\\' && i + 1 < s.size() && is_ascii_punct(s[i + 1])) {
            out += s[i + 1];
            i += 2;
        } else if (s[i] == '&') {
            const size_t len = decode_entity(s, i, out);
            if (len == 0) out += '&';
            i += len ? len : 1;
        } else {
            out += s[i++];
        }
    }
    return out;
}

// True when HREF may stay a link: http(s)://… or mailto:…, no spaces, controls, quotes or brackets.
bool allowed_href(std::string_view href) {
    for (char c : href) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == '"' || c == '<' || c == '>' || c == '`' || c == '\\')
            return false;
    }
    const size_t colon = href.find(':');
    if (colon == std::string_view::npos) return false;
    std::string scheme;
    for (char c : href.substr(0, colon))
        scheme += ascii_lower(c);
    if (scheme == "http" || scheme == "https")
        return href.compare(colon, 3, "://") == 0 && href.size() > colon + 3;
    if (scheme == "mailto") return href.size() > colon + 1;
    return false;
}

// Tags whose removal should leave a space, because they separate words in a page.
bool is_separating_tag(std::string_view lower_name) {
    static constexpr std::array<std::string_view, 34> kTags = {
        "br",      "p",       "div",    "li",     "tr",         "td",         "th",
        "h1",      "h2",      "h3",     "h4",     "h5",         "h6",         "ul",
        "ol",      "dl",      "dd",     "dt",     "blockquote", "hr",         "table",
        "section", "article", "header", "footer", "figure",     "figcaption", "pre",
        "address", "aside",   "nav",    "main",   "caption",    "img"};
    return std::find(kTags.begin(), kTags.end(), lower_name) != kTags.end();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Inline parsing: nodes, emphasis delimiters, brackets
//-------------------------------------------------------------------------------------------------
// Parses the text of one block in one pass into a list of nodes (CommonMark's delimiter and
// bracket algorithm). Emphasis is recorded as open/close counts on delimiter nodes instead of
// restyling the text between, so nesting of any depth costs nothing extra; a flat walk applies
// it. Matching per closer stops at a per-kind bottom (CommonMark's openers_bottom, kept as node
// positions), so runs of unmatched markers stay linear.

enum class NodeKind : uint8_t {
    Text,      // literal text in the buffer
    Code,      // code span text in the buffer
    Delim,     // run of '*' or '_'; the characters no match used are literal text
    Bracket,   // '[' or '![' with no match (yet): literal text in the buffer
    LinkStart, // start of a link; aux indexes the hrefs, or is -1 when the target is not allowed
    LinkEnd,   // end of a link
    Image,     // a photo; aux indexes the images; the nodes before skip_to were its caption
};

// One node of a block's inline list, in source order.
struct Node {
    NodeKind kind = NodeKind::Text; // what the node is
    char delim = 0;                 // Delim: '*' or '_'
    bool can_open = false;          // Delim: may open emphasis
    bool can_close = false;         // Delim: may close emphasis
    uint32_t begin = 0;             // Text, Code, Bracket: start of the text in the buffer
    uint32_t end = 0;               // Text, Code, Bracket: end of the text in the buffer
    int32_t count = 0;              // Delim: characters that no match has used
    int32_t orig = 0;               // Delim: length of the run as written
    int32_t open_em = 0;            // Delim: emphasis spans that start just after the leftover text
    int32_t open_strong = 0;        // Delim: strong spans that start just after the leftover text
    int32_t close_em = 0;           // Delim: emphasis spans that end just before the leftover text
    int32_t close_strong = 0;       // Delim: strong spans that end just before the leftover text
    int32_t dprev = -1;             // Delim in the delimiter list: previous delimiter, or -1
    int32_t dnext = -1;             // Delim in the delimiter list: next delimiter, or -1
    int32_t aux = -1;               // LinkStart: href index or -1; Image: image index
    uint32_t skip_to = 0;           // Image: index of the first node after the caption
};

// A photo found in a block's text.
struct ImageData {
    std::string ref;         // the destination as written
    std::string caption;     // plain text of the brackets, spaces collapsed, cut to kMaxCaption
    std::string credit;      // decoded title, spaces collapsed, cut to kMaxCaption
    size_t source_begin = 0; // ref start in the sanitized text
    size_t source_end = 0;   // ref end in the sanitized text
};

// A line's piece of a block's text: where it came from in the sanitized text.
struct Segment {
    size_t text_begin = 0;   // offset in the block text
    size_t source_begin = 0; // offset in the sanitized text
    size_t length = 0;       // bytes
};

// State shared by all blocks of one parse.
struct Context {
    int64_t budget = 0;                       // lookahead bytes left (see kBudgetPerByte)
    bool full = false;                        // kMaxBlocks reached: the rest is dropped
    OffsetMap map;                            // sanitized to input offsets
    std::vector<Range>* ref_ranges = nullptr; // input ranges of emitted photo refs, when rewriting
};

// The part in parentheses after ']' of a link or image.
struct Target {
    size_t end = 0;         // offset just past ')'
    size_t dest_begin = 0;  // destination start (inside '<' '>' when written so)
    size_t dest_end = 0;    // destination end
    bool has_title = false; // a title was given
    size_t title_begin = 0; // title start (inside the quotes)
    size_t title_end = 0;   // title end
};

class InlineParser {
  public:
    InlineParser(std::string_view text, const std::vector<Segment>& segments, Context& ctx)
        : text_(text), segments_(segments), ctx_(ctx) {}

    // Parses the whole text; results are in nodes, buf, hrefs and images.
    void parse();

    std::vector<Node> nodes;        // the inline list, in source order
    std::string buf;                // text of Text, Code and Bracket nodes
    std::vector<std::string> hrefs; // allowed link targets
    std::vector<ImageData> images;  // photos

  private:
    // An open '[' or '!['.
    struct Opener {
        uint32_t node = 0;  // its Bracket node
        bool image = false; // '![': images stay active after a link forms
    };
    // Backtick runs of one length, for finding code span ends.
    struct Runs {
        std::vector<size_t> starts; // offsets of the runs, ascending
        size_t next = 0;            // first run not yet passed
    };

    bool spend() { return --ctx_.budget >= 0; }
    void add_text(std::string_view s);
    void add_node(NodeKind kind, std::string_view s);
    size_t code_span(size_t p);
    size_t delimiter_run(size_t p);
    void open_bracket(bool image);
    size_t close_bracket(size_t p);
    bool parse_target(size_t p, Target& t);
    bool ref_source(size_t b, size_t e, size_t* sb, size_t* se) const;
    void make_image(uint32_t opener, const Target& t, size_t sb, size_t se);
    void make_link(uint32_t opener, const Target& t);
    size_t angle(size_t p);
    size_t autolink(size_t p);
    size_t html_tag(size_t p, bool* separating);
    void unlink(int32_t d);
    void process_emphasis(int64_t bottom);

    std::string_view text_;                      // the block's text (lines joined by spaces)
    const std::vector<Segment>& segments_;       // where the text came from
    Context& ctx_;                               // shared parse state
    std::vector<Opener> brackets_;               // open brackets, innermost last
    size_t active_from_ = 0;                     // link openers below this index are inactive
    int32_t dtail_ = -1;                         // last delimiter in the list, or -1
    std::unordered_map<size_t, Runs> backticks_; // backtick runs by length
    bool backticks_scanned_ = false;             // backticks_ is filled
    size_t merge_floor_ = 0; // text never merges into nodes below this (captions)
};

void InlineParser::add_node(NodeKind kind, std::string_view s) {
    Node nd;
    nd.kind = kind;
    nd.begin = static_cast<uint32_t>(buf.size());
    buf.append(s);
    nd.end = static_cast<uint32_t>(buf.size());
    nodes.push_back(nd);
}

void InlineParser::add_text(std::string_view s) {
    if (s.empty()) return;
    if (nodes.size() > merge_floor_ && nodes.back().kind == NodeKind::Text &&
        nodes.back().end == buf.size()) {
        buf.append(s);
        nodes.back().end = static_cast<uint32_t>(buf.size());
        return;
    }
    add_node(NodeKind::Text, s);
}

void InlineParser::parse() {
    const size_t n = text_.size();
    size_t p = 0;
    while (p < n) {
        const char c = text_[p];
        switch (c) {
        case '\\':
            if (p + 1 < n && is_ascii_punct(text_[p + 1])) {
                add_text(text_.substr(p + 1, 1));
                p += 2;
            } else {
                add_text("\\");
                ++p;
            }
            break;
        case '`':
            p = code_span(p);
            break;
        case '*':
        case '_':
            p = delimiter_run(p);
            break;
        case '!':
            if (p + 1 < n && text_[p + 1] == '[') {
                open_bracket(true);
                p += 2;
            } else {
                add_text("!");
                ++p;
            }
            break;
        case '[':
            open_bracket(false);
            ++p;
            break;
        case ']':
            p = close_bracket(p);
            break;
        case '<':
            p = angle(p);
            break;
        case '&': {
            std::string decoded;
            const size_t len = decode_entity(text_, p, decoded);
            if (len == 0) {
                add_text("&");
                ++p;
            } else {
                add_text(decoded);
                p += len;
            }
            break;
        }
        default: {
            size_t q = p + 1;
            while (q < n && !kInlineSpecial[static_cast<unsigned char>(text_[q])])
                ++q;
            add_text(text_.substr(p, q - p));
            p = q;
        }
        }
    }
    process_emphasis(-1);
}

size_t InlineParser::code_span(size_t p) {
    const size_t n = text_.size();
    size_t q = p;
    while (q < n && text_[q] == '`')
        ++q;
    const size_t k = q - p;
    if (!backticks_scanned_) {
        backticks_scanned_ = true;
        for (size_t i = 0; i < n;) {
            if (text_[i] != '`') {
                ++i;
                continue;
            }
            size_t j = i;
            while (j < n && text_[j] == '`')
                ++j;
            backticks_[j - i].starts.push_back(i);
            i = j;
        }
    }
    auto it = backticks_.find(k);
    if (it != backticks_.end()) {
        Runs& runs = it->second;
        while (runs.next < runs.starts.size() && runs.starts[runs.next] < q)
            ++runs.next;
        if (runs.next < runs.starts.size()) {
            const size_t close = runs.starts[runs.next++];
            std::string_view code = text_.substr(q, close - q);
            if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ' &&
                code.find_first_not_of(' ') != std::string_view::npos)
                code = code.substr(1, code.size() - 2);
            if (!code.empty()) add_node(NodeKind::Code, code);
            return close + k;
        }
    }
    add_text(text_.substr(p, k));
    return q;
}

size_t InlineParser::delimiter_run(size_t p) {
    const size_t n = text_.size();
    const char c = text_[p];
    size_t q = p;
    while (q < n && text_[q] == c)
        ++q;
    const char32_t before = decode_before(text_, p);
    size_t len = 0;
    const char32_t after = q < n ? decode_at(text_, q, &len) : U' ';
    const bool ws_before = is_space_cp(before), ws_after = is_space_cp(after);
    const bool punct_before = is_punct_cp(before), punct_after = is_punct_cp(after);
    const bool left = !ws_after && (!punct_after || ws_before || punct_before);
    const bool right = !ws_before && (!punct_before || ws_after || punct_after);
    Node nd;
    nd.kind = NodeKind::Delim;
    nd.delim = c;
    nd.count = nd.orig = static_cast<int32_t>(q - p); // fits: input is at most kMaxInputBytes
    if (c == '*') {
        nd.can_open = left;
        nd.can_close = right;
    } else { // intraword underscores (snake_case) neither open nor close
        nd.can_open = left && (!right || punct_before);
        nd.can_close = right && (!left || punct_after);
    }
    const auto index = static_cast<int32_t>(nodes.size());
    if (nd.can_open || nd.can_close) {
        nd.dprev = dtail_;
        if (dtail_ >= 0) nodes[static_cast<size_t>(dtail_)].dnext = index;
        dtail_ = index;
    }
    nodes.push_back(nd);
    return q;
}

void InlineParser::open_bracket(bool image) {
    if (brackets_.size() >= kMaxOpenBrackets) {
        add_text(image ? "![" : "[");
        return;
    }
    brackets_.push_back({static_cast<uint32_t>(nodes.size()), image});
    add_node(NodeKind::Bracket, image ? "![" : "[");
}

size_t InlineParser::close_bracket(size_t p) {
    if (brackets_.empty()) {
        add_text("]");
        return p + 1;
    }
    const Opener op = brackets_.back();
    brackets_.pop_back();
    const bool active =
        op.image || brackets_.size() >= active_from_; // its index was size() before the pop
    active_from_ = std::min(active_from_, brackets_.size());
    Target t;
    size_t sb = 0, se = 0;
    if (!active || !parse_target(p + 1, t) ||
        (op.image && !ref_source(t.dest_begin, t.dest_end, &sb, &se))) {
        add_text("]");
        return p + 1;
    }
    process_emphasis(op.node); // emphasis inside the brackets; no delimiter inside is left
    if (op.image) {
        make_image(op.node, t, sb, se);
    } else {
        make_link(op.node, t);
        active_from_ = brackets_.size(); // no links inside links: every older '[' is inactive
    }
    return t.end;
}

bool InlineParser::parse_target(size_t p, Target& t) {
    const size_t n = text_.size();
    if (p >= n || text_[p] != '(' || ctx_.budget <= 0) return false;
    size_t q = p + 1;
    while (q < n && is_blank(text_[q])) {
        ++q;
        if (!spend()) return false;
    }
    if (q < n && text_[q] == '<') {
        const size_t b = ++q;
        while (q < n && text_[q] != '>') {
            if (text_[q] == '<' || q - b > kMaxDestination || !spend()) return false;
            q += (text_[q] == '\\' && q + 1 < n) ? 2 : 1;
        }
        if (q >= n) return false;
        t.dest_begin = b;
        t.dest_end = q++;
    } else {
        const size_t b = q;
        int depth = 0;
        while (q < n) {
            const char c = text_[q];
            if (static_cast<unsigned char>(c) <= ' ') break;
            if (q - b > kMaxDestination || !spend()) return false;
            if (c == '\\' && q + 1 < n && is_ascii_punct(text_[q + 1])) {
                q += 2;
                continue;
            }
            if (c == '(') {
                if (++depth > kMaxParenDepth) return false;
            } else if (c == ')') {
                if (depth == 0) break;
                --depth;
            }
            ++q;
        }
        if (depth != 0) return false;
        t.dest_begin = b;
        t.dest_end = q;
    }
    const size_t before_space = q;
    while (q < n && is_blank(text_[q])) {
        ++q;
        if (!spend()) return false;
    }
    t.has_title = false;
    if (q < n && q > before_space && (text_[q] == '"' || text_[q] == '\'' || text_[q] == '(')) {
        const char close = text_[q] == '(' ? ')' : text_[q];
        const size_t b = ++q;
        while (q < n && text_[q] != close) {
            if (q - b > kMaxTitle || !spend()) return false;
            if (close == ')' && text_[q] == '(') return false;
            q += (text_[q] == '\\' && q + 1 < n) ? 2 : 1;
        }
        if (q >= n) return false;
        t.has_title = true;
        t.title_begin = b;
        t.title_end = q++;
        while (q < n && is_blank(text_[q])) {
            ++q;
            if (!spend()) return false;
        }
    }
    if (q >= n || text_[q] != ')') return false;
    t.end = q + 1;
    return true;
}

// Maps the block text range [B, E) of an image ref to the sanitized text; false when it is empty
// or crosses a line join (then it is not a ref that rewriting could replace).
bool InlineParser::ref_source(size_t b, size_t e, size_t* sb, size_t* se) const {
    if (e <= b) return false;
    auto it = std::upper_bound(segments_.begin(), segments_.end(), b,
                               [](size_t v, const Segment& s) { return v < s.text_begin; });
    if (it == segments_.begin()) return false;
    --it;
    if (e > it->text_begin + it->length) return false;
    *sb = it->source_begin + (b - it->text_begin);
    *se = *sb + (e - b);
    return true;
}

void InlineParser::make_image(uint32_t opener, const Target& t, size_t sb, size_t se) {
    ImageData img;
    img.ref = std::string(text_.substr(t.dest_begin, t.dest_end - t.dest_begin));
    img.source_begin = sb;
    img.source_end = se;
    std::string caption;
    for (size_t i = opener + 1; i < nodes.size() && caption.size() <= kMaxCaption;) {
        const Node& nd = nodes[i];
        switch (nd.kind) {
        case NodeKind::Text:
        case NodeKind::Code:
        case NodeKind::Bracket:
            caption.append(buf, nd.begin, nd.end - nd.begin);
            break;
        case NodeKind::Delim:
            caption.append(static_cast<size_t>(std::min<int32_t>(nd.count, kMaxCaption + 1)),
                           nd.delim);
            break;
        case NodeKind::Image:
            i = nd.skip_to;
            continue; // an image inside a caption is dropped
        case NodeKind::LinkStart:
        case NodeKind::LinkEnd:
            break;
        }
        ++i;
    }
    img.caption = collapse_spaces(caption);
    cut_utf8(img.caption, kMaxCaption);
    if (t.has_title) {
        img.credit = collapse_spaces(
            decode_literal(text_.substr(t.title_begin, t.title_end - t.title_begin)));
        cut_utf8(img.credit, kMaxCaption);
    }
    Node& nd = nodes[opener];
    nd.kind = NodeKind::Image;
    nd.aux = static_cast<int32_t>(images.size());
    nd.skip_to = static_cast<uint32_t>(nodes.size());
    merge_floor_ = nodes.size();
    images.push_back(std::move(img));
}

void InlineParser::make_link(uint32_t opener, const Target& t) {
    std::string href = decode_literal(text_.substr(t.dest_begin, t.dest_end - t.dest_begin));
    Node& nd = nodes[opener];
    nd.kind = NodeKind::LinkStart;
    nd.aux = -1;
    if (allowed_href(href)) {
        nd.aux = static_cast<int32_t>(hrefs.size());
        hrefs.push_back(std::move(href));
    }
    Node end;
    end.kind = NodeKind::LinkEnd;
    nodes.push_back(end);
}

size_t InlineParser::angle(size_t p) {
    if (const size_t q = autolink(p)) return q;
    bool separating = false;
    if (const size_t q = html_tag(p, &separating)) {
        if (separating) add_text(" ");
        return q;
    }
    add_text("<");
    return p + 1;
}

// <scheme:...> or <user@host>: a link when the scheme is allowed, else the address as plain text.
// Returns the offset past '>', or 0.
size_t InlineParser::autolink(size_t p) {
    const size_t n = text_.size();
    size_t q = p + 1;
    if (q >= n || !is_ascii_alnum(text_[q])) return 0;
    // scheme:
    size_t s = q;
    while (s < n && s - q < 33 &&
           (is_ascii_alnum(text_[s]) || text_[s] == '+' || text_[s] == '.' || text_[s] == '-'))
        ++s;
    if (s < n && text_[s] == ':' && s - q >= 2 && s - q <= 32 && is_ascii_alpha(text_[q])) {
        size_t e = s + 1;
        while (e < n && text_[e] != '>') {
            const auto c = static_cast<unsigned char>(text_[e]);
            if (c <= ' ' || c == '<' || e - p > kMaxHtmlTag || !spend()) return 0;
            ++e;
        }
        if (e >= n) return 0;
        const std::string_view url = text_.substr(q, e - q);
        if (allowed_href(url)) {
            Node start;
            start.kind = NodeKind::LinkStart;
            start.aux = static_cast<int32_t>(hrefs.size());
            hrefs.emplace_back(url);
            nodes.push_back(start);
            add_node(NodeKind::Text, url);
            Node end;
            end.kind = NodeKind::LinkEnd;
            nodes.push_back(end);
        } else {
            add_text(url);
        }
        return e + 1;
    }
    // user@host.domain
    size_t e = q;
    while (e < n && e - p <= kMaxHtmlTag &&
           (is_ascii_alnum(text_[e]) ||
            std::string_view(".!#$%&'*+/=?^_`{|}~-").find(text_[e]) != std::string_view::npos))
        ++e;
    if (e == q || e >= n || text_[e] != '@') return 0;
    const size_t at = e++;
    size_t label = 0;
    while (e < n && e - p <= kMaxHtmlTag &&
           (is_ascii_alnum(text_[e]) || text_[e] == '-' || text_[e] == '.')) {
        label = text_[e] == '.' ? 0 : label + 1;
        if (label > 63) return 0;
        ++e;
    }
    if (e >= n || text_[e] != '>' || e == at + 1 || text_[at + 1] == '.' || text_[e - 1] == '.' ||
        text_[e - 1] == '-')
        return 0;
    if (!spend()) return 0;
    const std::string_view address = text_.substr(q, e - q);
    Node start;
    start.kind = NodeKind::LinkStart;
    start.aux = static_cast<int32_t>(hrefs.size());
    hrefs.push_back("mailto:" + std::string(address));
    nodes.push_back(start);
    add_node(NodeKind::Text, address);
    Node end;
    end.kind = NodeKind::LinkEnd;
    nodes.push_back(end);
    return e + 1;
}

// An inline raw HTML tag at P: open tag with attributes, closing tag, <!declaration>, <?...?> or
// <![CDATA[...]]>. Returns the offset past it (it is dropped), or 0. *SEPARATING is set for tags
// that separate words.
size_t InlineParser::html_tag(size_t p, bool* separating) {
    const size_t n = text_.size();
    size_t q = p + 1;
    if (q >= n || ctx_.budget <= 0) return 0;
    auto find_end = [&](size_t from, std::string_view close) -> size_t {
        for (size_t e = from; e < n; ++e) {
            if (e - p > kMaxHtmlTag || !spend()) return 0;
            if (text_.compare(e, close.size(), close) == 0) return e + close.size();
        }
        return 0;
    };
    if (text_[q] == '?') return find_end(q + 1, "?>");
    if (text_[q] == '!') {
        if (text_.compare(q, 8, "![CDATA[") == 0) return find_end(q + 8, "]]>");
        if (q + 1 < n && is_ascii_alpha(text_[q + 1])) return find_end(q + 1, ">");
        return 0;
    }
    const bool closing = text_[q] == '/';
    if (closing) ++q;
    if (q >= n || !is_ascii_alpha(text_[q])) return 0;
    std::string name;
    while (q < n && (is_ascii_alnum(text_[q]) || text_[q] == '-')) {
        if (name.size() > 64) return 0;
        name += ascii_lower(text_[q++]);
    }
    auto skip_space = [&]() {
        const size_t b = q;
        while (q < n && is_blank(text_[q]))
            ++q;
        return q > b;
    };
    if (!closing) {
        for (;;) {
            if (q - p > kMaxHtmlTag || !spend()) return 0;
            const bool spaced = skip_space();
            if (q >= n) return 0;
            const char c = text_[q];
            if (c == '>' || c == '/') break;
            if (!spaced || !(is_ascii_alpha(c) || c == '_' || c == ':')) return 0;
            while (q < n && (is_ascii_alnum(text_[q]) ||
                             std::string_view("_.:-").find(text_[q]) != std::string_view::npos)) {
                if (q - p > kMaxHtmlTag || !spend()) return 0;
                ++q;
            }
            const size_t before = q;
            skip_space();
            if (q < n && text_[q] == '=') {
                ++q;
                skip_space();
                if (q >= n) return 0;
                if (text_[q] == '"' || text_[q] == '\'') {
                    const char quote = text_[q++];
                    while (q < n && text_[q] != quote) {
                        if (q - p > kMaxHtmlTag || !spend()) return 0;
                        ++q;
                    }
                    if (q >= n) return 0;
                    ++q;
                } else {
                    const size_t b = q;
                    while (q < n && !is_blank(text_[q]) &&
                           std::string_view("\"'=<>`").find(text_[q]) == std::string_view::npos) {
                        if (q - p > kMaxHtmlTag || !spend()) return 0;
                        ++q;
                    }
                    if (q == b) return 0;
                }
            } else {
                q = before;
            }
        }
        if (text_[q] == '/') ++q;
    } else {
        skip_space();
    }
    if (q >= n || text_[q] != '>') return 0;
    *separating = is_separating_tag(name);
    return q + 1;
}

void InlineParser::unlink(int32_t d) {
    Node& nd = nodes[static_cast<size_t>(d)];
    if (nd.dprev >= 0) nodes[static_cast<size_t>(nd.dprev)].dnext = nd.dnext;
    if (nd.dnext >= 0) nodes[static_cast<size_t>(nd.dnext)].dprev = nd.dprev;
    if (dtail_ == d) dtail_ = nd.dprev;
    nd.dprev = nd.dnext = -1;
}

// Matches emphasis among the delimiters after node BOTTOM (-1: all), then removes them from the
// delimiter list (CommonMark "process emphasis", with bottoms kept as node positions).
void InlineParser::process_emphasis(int64_t bottom) {
    int32_t first = -1;
    for (int32_t d = dtail_; d >= 0 && d > bottom; d = nodes[static_cast<size_t>(d)].dprev)
        first = d;
    // Per closer kind (char, can open, length mod 3): openers at or below this position were
    // searched.
    std::array<int64_t, 12> openers_bottom;
    openers_bottom.fill(bottom);
    int32_t cur = first;
    while (cur >= 0) {
        Node& closer = nodes[static_cast<size_t>(cur)];
        if (!closer.can_close) {
            cur = closer.dnext;
            continue;
        }
        const size_t kind = (closer.delim == '_' ? 6 : 0) + (closer.can_open ? 3 : 0) +
                            static_cast<size_t>(closer.orig % 3);
        int32_t o = closer.dprev;
        bool found = false;
        while (o >= 0 && o > bottom && o > openers_bottom[kind]) {
            const Node& opener = nodes[static_cast<size_t>(o)];
            if (opener.delim == closer.delim && opener.can_open) {
                const bool odd_match = (opener.can_close || closer.can_open) &&
                                       (opener.orig + closer.orig) % 3 == 0 &&
                                       !(opener.orig % 3 == 0 && closer.orig % 3 == 0);
                if (!odd_match) {
                    found = true;
                    break;
                }
            }
            o = opener.dprev;
        }
        if (!found) {
            openers_bottom[kind] = closer.dprev >= 0 ? closer.dprev : bottom;
            const int32_t next = closer.dnext;
            if (!closer.can_open) unlink(cur);
            cur = next;
            continue;
        }
        Node& opener = nodes[static_cast<size_t>(o)];
        const int32_t use = (opener.count >= 2 && closer.count >= 2) ? 2 : 1;
        opener.count -= use;
        closer.count -= use;
        if (use == 2) {
            ++opener.open_strong;
            ++closer.close_strong;
        } else {
            ++opener.open_em;
            ++closer.close_em;
        }
        for (int32_t d = opener.dnext; d >= 0 && d != cur;) {
            const int32_t next = nodes[static_cast<size_t>(d)].dnext;
            unlink(d);
            d = next;
        }
        if (opener.count == 0) unlink(o);
        if (closer.count == 0) {
            const int32_t next = closer.dnext;
            unlink(cur);
            cur = next;
        }
    }
    while (dtail_ >= 0 && dtail_ > bottom)
        unlink(dtail_);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Emitting blocks and spans
//-------------------------------------------------------------------------------------------------

// Appends B unless the block limit is reached (then marks the parse full); true when appended.
bool push_block(TextModel& model, Context& ctx, Block&& b) {
    if (model.blocks.size() >= kMaxBlocks) {
        ctx.full = true;
        return false;
    }
    model.blocks.push_back(std::move(b));
    return true;
}

// Turns one block's inline nodes into blocks: spans with collapsed spaces, split at photos.
class Emitter {
  public:
    Emitter(TextModel& model, Context& ctx, const Block& shape)
        : model_(model), ctx_(ctx), shape_(shape) {}
    void emit(const InlineParser& ip);

  private:
    void put(std::string_view s, uint8_t style, const std::string& href);
    void text(std::string_view s, uint8_t style, const std::string& href);
    void flush_space();
    void finish();
    void photo(const ImageData& img);

    TextModel& model_;           // where blocks go
    Context& ctx_;               // limits and ref ranges
    Block shape_;                // kind, level, ordered, number of the blocks made
    std::vector<Span> spans_;    // spans of the block being made
    bool pending_space_ = false; // a space is due before the next text
    uint8_t space_style_ = 0;    // style of the pending space
    std::string space_href_;     // href of the pending space
};

void Emitter::put(std::string_view s, uint8_t style, const std::string& href) {
    if (s.empty()) return;
    if (!spans_.empty() && spans_.back().style == style && spans_.back().href == href) {
        spans_.back().text.append(s);
        return;
    }
    Span sp;
    sp.text = std::string(s);
    sp.style = style;
    sp.href = href;
    spans_.push_back(std::move(sp));
}

void Emitter::flush_space() {
    if (pending_space_ && !spans_.empty()) put(" ", space_style_, space_href_);
    pending_space_ = false;
}

void Emitter::text(std::string_view s, uint8_t style, const std::string& href) {
    size_t i = 0;
    while (i < s.size()) {
        if (is_blank(s[i]) || s[i] == '\n') {
            if (!pending_space_ && !spans_.empty()) {
                pending_space_ = true;
                space_style_ = style;
                space_href_ = href;
            }
            ++i;
            continue;
        }
        // A run of words with single spaces between them is already in its collapsed form: it
        // goes in whole. It ends before a tab, a newline, a second space or a final space.
        size_t j = i;
        while (j < s.size()) {
            const char c = s[j];
            if (c == '\t' || c == '\n') break;
            if (c == ' ' && (j + 1 >= s.size() || is_blank(s[j + 1]) || s[j + 1] == '\n')) break;
            ++j;
        }
        flush_space();
        put(s.substr(i, j - i), style, href);
        i = j;
    }
}

void Emitter::finish() {
    pending_space_ = false;
    if (spans_.empty()) return;
    Block b = shape_;
    b.spans = std::move(spans_);
    spans_.clear();
    push_block(model_, ctx_, std::move(b));
}

void Emitter::photo(const ImageData& img) {
    finish();
    Block b;
    b.kind = BlockKind::Photo;
    b.photo_ref = img.ref;
    b.caption = img.caption;
    b.credit = img.credit;
    if (push_block(model_, ctx_, std::move(b)) && ctx_.ref_ranges)
        ctx_.ref_ranges->emplace_back(ctx_.map.begin_to_input(img.source_begin),
                                      ctx_.map.end_to_input(img.source_end));
    if (shape_.kind == BlockKind::ListItem) shape_ = Block{}; // the rest of an item is a paragraph
}

void Emitter::emit(const InlineParser& ip) {
    static const std::string kNoHref;
    int64_t em = 0, strong = 0;
    int32_t link = -1;
    for (size_t i = 0; i < ip.nodes.size();) {
        const Node& nd = ip.nodes[i];
        const auto style = [&]() {
            return static_cast<uint8_t>((em > 0 ? SpanEmphasis : 0) |
                                        (strong > 0 ? SpanStrong : 0) | (link >= 0 ? SpanLink : 0));
        };
        const std::string& href = link >= 0 ? ip.hrefs[static_cast<size_t>(link)] : kNoHref;
        const std::string_view piece = std::string_view(ip.buf).substr(nd.begin, nd.end - nd.begin);
        switch (nd.kind) {
        case NodeKind::Text:
        case NodeKind::Bracket:
            text(piece, style(), href);
            break;
        case NodeKind::Code:
            flush_space();
            put(piece, static_cast<uint8_t>(style() | SpanCode), href);
            break;
        case NodeKind::Delim:
            em = std::max<int64_t>(0, em - nd.close_em);
            strong = std::max<int64_t>(0, strong - nd.close_strong);
            if (nd.count > 0)
                text(std::string(static_cast<size_t>(nd.count), nd.delim), style(), href);
            em += nd.open_em;
            strong += nd.open_strong;
            break;
        case NodeKind::LinkStart:
            link = nd.aux;
            break;
        case NodeKind::LinkEnd:
            link = -1;
            break;
        case NodeKind::Image:
            photo(ip.images[static_cast<size_t>(nd.aux)]);
            i = std::max<size_t>(i + 1, nd.skip_to);
            continue;
        }
        ++i;
    }
    finish();
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Block parsing
//-------------------------------------------------------------------------------------------------
// Line by line over the sanitized text. One leaf block (paragraph, list item, quote paragraph) is
// open at a time and collects its lines; when it closes, its text is parsed inline and emitted.

// A list marker at the start of a line.
struct ListMarker {
    bool ordered = false; // "1." or "1)" rather than "-", "*", "+", "•"
    int number = 0;       // ordered: the number as written
    size_t content = 0;   // offset of the item text
    bool empty = false;   // nothing after the marker
};

// One open list level.
struct ListLevel {
    int indent = 0;       // column of its marker
    bool ordered = false; // numbered list
    int next_number = 0;  // ordered: number of the next sibling
};

class BlockParser {
  public:
    BlockParser(std::string_view s, Context& ctx, TextModel& model)
        : s_(s), ctx_(ctx), model_(model) {}
    void run();

  private:
    void line(size_t b, size_t e);
    void flush();
    void open(BlockKind kind, int level = 0, bool ordered = false, int number = 0);
    void append(size_t b, size_t e);
    bool rule(size_t i, size_t e) const;
    bool list_marker(size_t i, size_t e, ListMarker* m) const;
    void list_item(int col, const ListMarker& m, size_t e);

    std::string_view s_;            // the sanitized text
    Context& ctx_;                  // shared parse state
    TextModel& model_;              // output
    bool open_ = false;             // a leaf block is collecting lines
    Block shape_;                   // the open leaf's kind, level, ordered, number
    std::string text_;              // the open leaf's lines joined by spaces
    std::vector<Segment> segments_; // where the open leaf's lines came from
    bool after_blank_ = false;      // the previous line was blank (or ended a quote paragraph)
    std::vector<ListLevel> lists_;  // open list levels, outermost first
};

void BlockParser::run() {
    size_t pos = 0;
    while (!ctx_.full) {
        size_t eol = s_.find('\n', pos);
        if (eol == std::string_view::npos) eol = s_.size();
        line(pos, eol);
        if (eol >= s_.size()) break;
        pos = eol + 1;
    }
    flush();
}

void BlockParser::flush() {
    if (!open_) return;
    open_ = false;
    InlineParser ip(text_, segments_, ctx_);
    ip.parse();
    Emitter(model_, ctx_, shape_).emit(ip);
    text_.clear();
    segments_.clear();
}

void BlockParser::open(BlockKind kind, int level, bool ordered, int number) {
    flush();
    open_ = true;
    shape_ = Block{};
    shape_.kind = kind;
    shape_.level = level;
    shape_.ordered = ordered;
    shape_.number = number;
}

void BlockParser::append(size_t b, size_t e) {
    while (b < e && is_blank(s_[b]))
        ++b;
    if (b >= e) return;
    if (!text_.empty()) text_ += ' ';
    segments_.push_back({text_.size(), b, e - b});
    text_.append(s_.substr(b, e - b));
}

// "---", "***", "___" (three or more, spaces allowed between) and nothing else on the line.
bool BlockParser::rule(size_t i, size_t e) const {
    const char c = s_[i];
    if (c != '-' && c != '*' && c != '_') return false;
    int count = 0;
    for (size_t k = i; k < e; ++k) {
        if (s_[k] == c)
            ++count;
        else if (!is_blank(s_[k]))
            return false;
    }
    return count >= 3;
}

bool BlockParser::list_marker(size_t i, size_t e, ListMarker* m) const {
    size_t after = 0;
    if (s_[i] == '-' || s_[i] == '*' || s_[i] == '+') {
        after = i + 1;
    } else if (s_.compare(i, 3, "\xE2\x80\xA2") == 0) { // • as copied from web pages
        after = i + 3;
        if (s_.compare(after, 2, "\xC2\xA0") == 0)
            after += 2; // "•" + no-break space
        else if (after < e && !is_blank(s_[after]))
            return false;
        m->ordered = false;
        m->content = after;
        while (m->content < e && is_blank(s_[m->content]))
            ++m->content;
        m->empty = m->content >= e;
        return true;
    } else if (is_ascii_digit(s_[i])) {
        size_t k = i;
        int number = 0;
        while (k < e && is_ascii_digit(s_[k])) {
            if (k - i >= static_cast<size_t>(kMaxOrderedDigits)) return false;
            number = number * 10 + (s_[k] - '0');
            ++k;
        }
        if (k >= e || (s_[k] != '.' && s_[k] != ')')) return false;
        after = k + 1;
        m->ordered = true;
        m->number = number;
    } else {
        return false;
    }
    if (after < e && !is_blank(s_[after])) return false;
    m->content = after;
    while (m->content < e && is_blank(s_[m->content]))
        ++m->content;
    m->empty = m->content >= e;
    return true;
}

void BlockParser::list_item(int col, const ListMarker& m, size_t e) {
    while (!lists_.empty() && col < lists_.back().indent)
        lists_.pop_back();
    int number = m.ordered ? m.number : 0;
    if (!lists_.empty() && (col < lists_.back().indent + 2 || lists_.size() >= kMaxListStack)) {
        ListLevel& sibling = lists_.back();
        if (sibling.ordered == m.ordered && m.ordered) number = sibling.next_number;
        sibling.ordered = m.ordered;
        sibling.next_number = number + 1;
    } else {
        lists_.push_back({col, m.ordered, number + 1});
    }
    const int depth = std::min(static_cast<int>(lists_.size()) - 1, kMaxListDepth);
    open(BlockKind::ListItem, depth, m.ordered, number);
    append(m.content, e);
}

void BlockParser::line(size_t b, size_t e) {
    while (e > b && is_blank(s_[e - 1]))
        --e;
    size_t i = b;
    int col = 0;
    while (i < e && is_blank(s_[i])) {
        col = s_[i] == '\t' ? col + 4 - col % 4 : col + 1;
        if (col > (1 << 20)) col = 1 << 20;
        ++i;
    }
    if (i >= e) { // blank line
        flush();
        after_blank_ = true;
        return;
    }
    const bool continuing = open_ && !after_blank_;
    const char c = s_[i];

    // Block quote: every '>' level is flattened into one quote; its lines are paragraph text.
    if (c == '>' && col <= 3) {
        size_t k = i;
        while (k < e && s_[k] == '>') {
            ++k;
            while (k < e && is_blank(s_[k]))
                ++k;
        }
        lists_.clear();
        if (k >= e) { // ">" alone separates quote paragraphs
            flush();
            after_blank_ = true;
            return;
        }
        if (!(continuing && shape_.kind == BlockKind::Quote)) open(BlockKind::Quote);
        append(k, e);
        after_blank_ = false;
        return;
    }
    after_blank_ = false;

    if ((col <= 3 || !lists_.empty()) && rule(i, e)) {
        flush();
        lists_.clear();
        Block r;
        r.kind = BlockKind::Rule;
        push_block(model_, ctx_, std::move(r));
        return;
    }

    if (c == '#' && col <= 3) {
        size_t k = i;
        while (k < e && s_[k] == '#')
            ++k;
        const size_t hashes = k - i;
        if (hashes <= 6 && (k >= e || is_blank(s_[k]))) {
            size_t ce = e;
            size_t t = ce;
            while (t > k && s_[t - 1] == '#')
                --t;
            if (t == k)
                ce = k; // only hashes
            else if (t < ce && is_blank(s_[t - 1]))
                ce = t; // closing sequence "## Title ##"
            lists_.clear();
            open(BlockKind::Heading, static_cast<int>(std::min<size_t>(hashes, 3)));
            append(k, ce);
            flush();
            return;
        }
    }

    ListMarker m;
    if (list_marker(i, e, &m)) {
        const bool in_item = continuing && shape_.kind == BlockKind::ListItem;
        const bool may_interrupt = !m.empty && (!m.ordered || m.number == 1);
        if (!continuing || in_item || may_interrupt) {
            list_item(col, m, e);
            return;
        }
    }

    if (continuing) { // lazy continuation of the open paragraph, item or quote
        append(i, e);
        return;
    }
    if (!lists_.empty() && col < lists_.front().indent + 2) lists_.clear();
    open(BlockKind::Paragraph);
    append(i, e);
}

} // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Public functions
//-------------------------------------------------------------------------------------------------

namespace {

// Parses MARKDOWN into MODEL; with REF_RANGES, also notes the input byte range of each emitted
// photo ref.
void parse_into(std::string_view markdown, TextModel& model, std::vector<Range>* ref_ranges) {
    markdown = markdown.substr(0, std::min(markdown.size(), kMaxInputBytes));
    Context ctx;
    ctx.map.enabled = ref_ranges != nullptr;
    ctx.ref_ranges = ref_ranges;
    const std::string clean = sanitize(markdown, raw_element_ranges(markdown), ctx.map);
    ctx.budget = kBudgetBase + kBudgetPerByte * static_cast<int64_t>(clean.size());
    BlockParser(clean, ctx, model).run();
}

// The text a block contributes to plain_text().
std::string block_text(const Block& b) {
    if (b.kind == BlockKind::Photo) return b.caption;
    std::string out;
    for (const auto& sp : b.spans)
        out += sp.text;
    return out;
}

} // namespace

TextModel parse_markdown(std::string_view markdown) {
    TextModel model;
    parse_into(markdown, model, nullptr);
    return model;
}

std::string plain_text(const TextModel& model) {
    std::string out;
    const Block* prev = nullptr;
    for (const auto& b : model.blocks) {
        const std::string t = block_text(b);
        if (!t.empty()) {
            if (!out.empty()) {
                const bool items =
                    prev && prev->kind == BlockKind::ListItem && b.kind == BlockKind::ListItem;
                out += items ? "\n" : "\n\n";
            }
            out += t;
        }
        prev = &b;
    }
    return out;
}

std::vector<std::string> photo_refs(const TextModel& model) {
    std::vector<std::string> refs;
    for (const auto& b : model.blocks)
        if (b.kind == BlockKind::Photo) refs.push_back(b.photo_ref);
    return refs;
}

std::string rewrite_photo_refs(std::string_view markdown,
                               const std::function<std::string(std::string_view)>& map) {
    TextModel model;
    std::vector<Range> ranges;
    parse_into(markdown, model, &ranges);
    const std::vector<std::string> refs = photo_refs(model);
    std::string out;
    out.reserve(markdown.size());
    size_t done = 0;
    for (size_t i = 0; i < ranges.size() && i < refs.size(); ++i) {
        const auto [b, e] = ranges[i];
        if (b < done || e < b || e > markdown.size())
            continue; // cannot happen; keep the text as is
        std::string replacement = map(refs[i]);
        const bool usable = !replacement.empty() && replacement != refs[i] &&
                            std::none_of(replacement.begin(), replacement.end(), [](char c) {
                                return static_cast<unsigned char>(c) <= ' ' || c == '(' ||
                                       c == ')' || c == '<' || c == '>' || c == '\\' || c == 0x7F;
                            });
        if (!usable) continue;
        out.append(markdown.substr(done, b - done));
        out += replacement;
        done = e;
    }
    out.append(markdown.substr(done));
    return out;
}

} // namespace tidings
