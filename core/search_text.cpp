// Search text: UTF-8 checks, a precomputed ICU folding table, words, the FTS5 tokenizer, queries.
//
// [SECTION] UTF-8 decoding and validation
// [SECTION] Folding one code point with ICU (the reference the table is built from)
// [SECTION] The BMP folding table
// [SECTION] Folding and tokenizing text
// [SECTION] The "tidings" FTS5 tokenizer
// [SECTION] User queries
#include "core/search_text.h"

#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <array>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <new>
#include <vector>

namespace tidings {

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(char(c));
    } else if (c < 0x800) {
        out.push_back(char(0xC0 | (c >> 6)));
        out.push_back(char(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(char(0xE0 | (c >> 12)));
        out.push_back(char(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(char(0x80 | (c & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (c >> 18)));
        out.push_back(char(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(char(0x80 | (c & 0x3F)));
    }
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] UTF-8 decoding and validation
//-----------------------------------------------------------------------------

constexpr char32_t kInvalid = 0xFFFFFFFF; // decode() result for an ill-formed sequence
constexpr const char* kReplacementUtf8 = "\xEF\xBF\xBD"; // U+FFFD, what bad bytes fold to

inline bool is_continuation(unsigned char b) {
    return (b & 0xC0) == 0x80;
}

// Decodes the sequence at P (AVAIL > 0 bytes left) and sets LEN to the bytes it used. An
// ill-formed sequence gives kInvalid with LEN set to its maximal subpart (at least 1 byte), the
// Unicode-recommended way to replace bad bytes, so "\xE2\x82" followed by 'a' loses only 2 bytes.
inline char32_t decode(const unsigned char* p, size_t avail, size_t& len) {
    const unsigned char b0 = p[0];
    len = 1;
    if (b0 < 0x80) return b0;
    if (b0 < 0xC2) return kInvalid; // stray continuation byte, or an overlong 2-byte lead
    if (b0 < 0xE0) {
        if (avail < 2 || !is_continuation(p[1])) return kInvalid;
        len = 2;
        return (char32_t(b0 & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (b0 < 0xF0) {
        // E0 needs A0..BF (no overlongs), ED needs 80..9F (no surrogates).
        const unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = b0 == 0xED ? 0x9F : 0xBF;
        if (avail < 2 || p[1] < lo || p[1] > hi) return kInvalid;
        if (avail < 3 || !is_continuation(p[2])) {
            len = 2;
            return kInvalid;
        }
        len = 3;
        return (char32_t(b0 & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    if (b0 < 0xF5) {
        // F0 needs 90..BF (no overlongs), F4 needs 80..8F (nothing above U+10FFFF).
        const unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = b0 == 0xF4 ? 0x8F : 0xBF;
        if (avail < 2 || p[1] < lo || p[1] > hi) return kInvalid;
        if (avail < 3 || !is_continuation(p[2])) {
            len = 2;
            return kInvalid;
        }
        if (avail < 4 || !is_continuation(p[3])) {
            len = 3;
            return kInvalid;
        }
        len = 4;
        return (char32_t(b0 & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) |
               (char32_t(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    }
    return kInvalid; // F5..FF never start a sequence
}


// Number of code points in valid UTF-8 S.
size_t count_code_points(std::string_view s) {
    size_t n = 0;
    for (char ch : s)
        n += !is_continuation(static_cast<unsigned char>(ch));
    return n;
}

//-----------------------------------------------------------------------------
// [SECTION] Folding one code point with ICU (the reference the table is built from)
//-----------------------------------------------------------------------------

// How the tokenizer treats a code point.
enum class CharClass : uint8_t {
    Separator, // ends a word: spaces, punctuation, symbols, apostrophes, hyphens, invalid bytes
    Word,      // letters (L*), marks (M*) and digits (N*): part of a word
    Joiner,    // invisible inside a word (soft hyphen, ZWJ/ZWNJ, Armenian stress and question
               // marks written over a vowel): does not split a word, adds nothing to it
};

// Armenian punctuation written over a vowel inside a word (emphasis ՛, exclamation ՜, question ՞,
// abbreviation ՟): "ինչո՞ւ" is the word "ինչու" with a question mark, not two words.
bool is_armenian_in_word_mark(UChar32 c) {
    return c == 0x055B || c == 0x055C || c == 0x055E || c == 0x055F;
}

CharClass classify_icu(UChar32 c) {
    if (is_armenian_in_word_mark(c) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
        return CharClass::Joiner;
    if (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) return CharClass::Word;
    return CharClass::Separator;
}

// Letters that are not a base letter plus a combining mark, so NFKD leaves them alone, but that a
// reader types as the plain Latin letter: Azerbaijani ə (and the look-alike ǝ often typed for it),
// dotless ı, and the stroke letters ø đ ł ħ. Upper case forms reach here already case folded.
UChar32 map_look_alike(UChar32 c) {
    switch (c) {
    case 0x0259: // ə schwa (Azerbaijani)
    case 0x01DD: // ǝ turned e, a common wrong spelling of ə
        return 'e';
    case 0x0131: // ı dotless i
        return 'i';
    case 0x00F8: // ø
        return 'o';
    case 0x0111: // đ
        return 'd';
    case 0x0142: // ł
        return 'l';
    case 0x0127: // ħ
        return 'h';
    default:
        return c;
    }
}

// The UTF-16 form of code points CPS.
std::u16string to_utf16(const std::vector<UChar32>& cps) {
    std::u16string out;
    for (UChar32 c : cps) {
        if (c > 0xFFFF) {
            out.push_back(char16_t(U16_LEAD(c)));
            out.push_back(char16_t(U16_TRAIL(c)));
        } else {
            out.push_back(char16_t(c));
        }
    }
    return out;
}

// Runs an ICU string transform (case folding or normalization) with a growing buffer. On an ICU
// failure the input is returned unchanged, so folding degrades instead of losing text.
template <class Transform> std::u16string icu_transform(const std::u16string& in, Transform&& fn) {
    std::u16string out(in.size() * 4 + 8, u'\0');
    for (int attempt = 0; attempt < 2; ++attempt) {
        UErrorCode status = U_ZERO_ERROR;
        const int32_t n = fn(reinterpret_cast<const UChar*>(in.data()), int32_t(in.size()),
                             reinterpret_cast<UChar*>(out.data()), int32_t(out.size()), &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            out.assign(size_t(n), u'\0');
            continue;
        }
        if (U_FAILURE(status)) return in;
        out.resize(size_t(n));
        return out;
    }
    return in;
}

// One round of folding: full case folding, NFKD, combining marks (Mn, Me) removed, look-alikes
// mapped. Several rounds reach a fixed point (NFKD can produce capitals: 𝐀 → A).
std::vector<UChar32> fold_round(const std::vector<UChar32>& in, const UNormalizer2* nfkd) {
    const std::u16string folded = icu_transform(
        to_utf16(in), [](const UChar* src, int32_t n, UChar* dst, int32_t cap, UErrorCode* st) {
            return u_strFoldCase(dst, cap, src, n, U_FOLD_CASE_DEFAULT, st);
        });
    const std::u16string decomposed = icu_transform(
        folded, [nfkd](const UChar* src, int32_t n, UChar* dst, int32_t cap, UErrorCode* st) {
            return unorm2_normalize(nfkd, src, n, dst, cap, st);
        });
    std::vector<UChar32> out;
    for (size_t i = 0; i < decomposed.size();) {
        UChar32 c;
        U16_NEXT(decomposed.data(), i, decomposed.size(), c);
        if (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK)) continue;
        out.push_back(map_look_alike(c));
    }
    return out;
}

// Replaces Armenian "եւ" with "եվ" in S (same length). The ligature և folds to "եւ"; in modern
// Armenian spelling it reads "ev" and is capitalised "ԵՎ" (Երևան, ԵՐԵՎԱՆ, Երեվան), so both
// spellings fold to "եվ". Only the pair at BYTE offset FROM or later is checked.
void armenian_ev(std::string& s, size_t from) {
    const size_t start = from >= 2 ? from - 2 : 0;
    for (size_t i = start; i + 4 <= s.size(); ++i) {
        if (s[i] == '\xD5' && s[i + 1] == '\xA5' && s[i + 2] == '\xD6' && s[i + 3] == '\x82') {
            s[i + 2] = '\xD5';
            s[i + 3] = '\xBE';
        }
    }
}

// The folded UTF-8 of C and its class, computed with ICU. Words keep only word code points in
// their fold (½ is "12", not "1⁄2"), so folded words never split when tokenized again.
std::string fold_code_point_icu(UChar32 c, CharClass cls, const UNormalizer2* nfkd) {
    std::string out;
    if (cls == CharClass::Joiner) return out;
    std::vector<UChar32> cps{c};
    for (int round = 0; round < 6; ++round) {
        std::vector<UChar32> next = fold_round(cps, nfkd);
        if (next == cps) break;
        cps = std::move(next);
    }
    for (UChar32 f : cps) {
        if (cls == CharClass::Word && classify_icu(f) != CharClass::Word) continue;
        append_utf8(out, char32_t(f));
    }
    armenian_ev(out, 0);
    return out;
}

const UNormalizer2* nfkd_instance() {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* n = unorm2_getNFKDInstance(&status);
    return U_SUCCESS(status) ? n : nullptr;
}

// Fold of a code point outside the BMP (rare: emoji, historic scripts, math letters).
std::string fold_supplementary(UChar32 c, CharClass cls) {
    const UNormalizer2* nfkd = nfkd_instance();
    if (nfkd) return fold_code_point_icu(c, cls, nfkd);
    std::string same; // no ICU data: identity, like the table
    if (cls != CharClass::Joiner) append_utf8(same, char32_t(c));
    return same;
}

//-----------------------------------------------------------------------------
// [SECTION] The BMP folding table
//-----------------------------------------------------------------------------

// The fold of one BMP code point: a slice of FoldTable::pool and the code point's class.
struct FoldEntry {
    uint32_t offset = 0; // start of the folded UTF-8 in FoldTable::pool
    uint8_t bytes = 0;   // length of the folded UTF-8 (0: the code point folds to nothing)
    uint8_t cps = 0;     // code points in the folded UTF-8
    CharClass cls = CharClass::Separator; // how the tokenizer treats the code point
};

// Folds of every BMP code point, built once with ICU; afterwards folding is a lookup.
struct FoldTable {
    std::vector<FoldEntry> entries; // indexed by code point, 0x10000 entries
    std::string pool;               // all folded UTF-8, back to back
};

FoldTable build_fold_table() {
    FoldTable t;
    t.entries.resize(0x10000);
    t.pool.reserve(0x10000 * 3);
    const UNormalizer2* nfkd = nfkd_instance();
    for (UChar32 c = 0; c < 0x10000; ++c) {
        FoldEntry& e = t.entries[size_t(c)];
        std::string folded;
        if (c >= 0xD800 && c <= 0xDFFF) {
            // Never decoded (the decoder rejects surrogates); kept harmless anyway.
            folded = kReplacementUtf8;
            e.cls = CharClass::Separator;
        } else {
            e.cls = classify_icu(c);
            if (nfkd) {
                folded = fold_code_point_icu(c, e.cls, nfkd);
            } else if (e.cls != CharClass::Joiner) {
                append_utf8(folded, char32_t(c)); // no ICU data: identity, still consistent
            }
        }
        assert(folded.size() <= 255);
        e.offset = uint32_t(t.pool.size());
        e.bytes = uint8_t(folded.size());
        e.cps = uint8_t(count_code_points(folded));
        t.pool += folded;
    }
    return t;
}

// The table, built on first use. C++ guarantees one thread builds it while others wait.
const FoldTable& fold_table() {
    static const FoldTable table = build_fold_table();
    return table;
}

// The fold of one code point, as a view valid until SCRATCH changes.
struct Folded {
    std::string_view utf8;                // folded UTF-8 (may be empty)
    size_t cps = 0;                       // code points in utf8
    CharClass cls = CharClass::Separator; // class of the original code point
};

inline Folded fold_of(const FoldTable& table, char32_t c, std::string& scratch) {
    if (c < 0x10000) {
        const FoldEntry& e = table.entries[c];
        return {std::string_view(table.pool.data() + e.offset, e.bytes), e.cps, e.cls};
    }
    const CharClass cls = classify_icu(UChar32(c));
    scratch = fold_supplementary(UChar32(c), cls);
    return {scratch, count_code_points(scratch), cls};
}

// A-Z, a-z, 0-9: the ASCII word characters.
constexpr std::array<bool, 128> make_ascii_word() {
    std::array<bool, 128> t{};
    for (int c = '0'; c <= '9'; ++c)
        t[size_t(c)] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[size_t(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        t[size_t(c)] = true;
    return t;
}
constexpr std::array<bool, 128> kAsciiWord = make_ascii_word();

inline char ascii_lower(unsigned char b) {
    return char(b >= 'A' && b <= 'Z' ? b + 32 : b);
}

//-----------------------------------------------------------------------------
// [SECTION] Folding and tokenizing text
//-----------------------------------------------------------------------------

// Longest folded word kept, in code points. A longer run of letters (a URL-less hash, a German
// compound, a run of CJK) is indexed as its first 64 folded code points; its byte range still
// covers the whole run. The cut is made on the folded text, so "café…" in NFC and NFD cut alike.
constexpr size_t kMaxTokenCodePoints = 64;

// Most words a query keeps; the rest of what was typed is ignored.
constexpr int kMaxQueryTokens = 16;

// The folded word being collected.
struct TokenBuilder {
    std::string text; // folded UTF-8 so far, at most kMaxTokenCodePoints code points
    size_t cps = 0;   // code points in text

    void clear() {
        text.clear();
        cps = 0;
    }
    void push_ascii(char c) {
        if (cps < kMaxTokenCodePoints) {
            text.push_back(c);
            ++cps;
        }
    }
    void push(const Folded& f) {
        if (f.utf8.empty() || cps >= kMaxTokenCodePoints) return;
        const size_t at = text.size();
        if (cps + f.cps <= kMaxTokenCodePoints) {
            text += f.utf8;
            cps += f.cps;
        } else {
            // Cut inside a multi-code-point fold, on a code point boundary.
            size_t i = 0;
            while (i < f.utf8.size() && cps < kMaxTokenCodePoints) {
                ++i;
                while (i < f.utf8.size() && is_continuation(static_cast<unsigned char>(f.utf8[i])))
                    ++i;
                ++cps;
            }
            text.append(f.utf8.substr(0, i));
        }
        if (static_cast<unsigned char>(f.utf8[0]) == 0xD6) armenian_ev(text, at);
    }
};

constexpr size_t kNoWord = static_cast<size_t>(-1);

// Finds the words of TEXT and calls EMIT(folded, begin, end) for each; EMIT returns false to
// stop. Returns false when EMIT stopped the scan.
template <class Emit> bool scan_tokens(std::string_view text, Emit&& emit) {
    const FoldTable& table = fold_table();
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    TokenBuilder token;
    token.text.reserve(64);
    std::string scratch;
    size_t begin = kNoWord; // byte where the current word starts, kNoWord outside a word
    size_t end = 0;         // byte after the last word character of the current word

    auto flush = [&]() -> bool {
        bool go_on = true;
        if (begin != kNoWord && !token.text.empty())
            go_on = emit(std::string_view(token.text), begin, end);
        begin = kNoWord;
        token.clear();
        return go_on;
    };

    size_t i = 0;
    while (i < n) {
        const unsigned char b = p[i];
        if (b < 0x80) {
            if (kAsciiWord[b]) {
                if (begin == kNoWord) begin = i;
                token.push_ascii(ascii_lower(b));
                end = ++i;
            } else {
                if (!flush()) return false;
                ++i;
            }
            continue;
        }
        size_t len = 0;
        const char32_t c = decode(p + i, n - i, len);
        if (c == kInvalid) {
            if (!flush()) return false;
            i += len;
            continue;
        }
        const Folded f = fold_of(table, c, scratch);
        switch (f.cls) {
        case CharClass::Word:
            if (begin == kNoWord) begin = i;
            token.push(f);
            end = i + len;
            break;
        case CharClass::Joiner:
            break; // neither starts, ends nor extends a word
        case CharClass::Separator:
            if (!flush()) return false;
            break;
        }
        i += len;
    }
    return flush();
}

} // namespace

bool is_valid_utf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        const unsigned char b = p[i];
        if (b < 0x80) {
            // ASCII: the rest of a run eight bytes at a time.
            ++i;
            while (i + 8 <= n) {
                uint64_t chunk;
                std::memcpy(&chunk, p + i, 8);
                if (chunk & 0x8080808080808080ull) break;
                i += 8;
            }
            continue;
        }
        if (b >= 0xC2 && b <= 0xDF) { // two bytes (Cyrillic, Armenian, accented Latin): the common case
            if (i + 1 >= n || !is_continuation(p[i + 1])) return false;
            i += 2;
            continue;
        }
        size_t len = 0;
        if (decode(p + i, n - i, len) == kInvalid) return false;
        i += len;
    }
    return true;
}

std::string fold_for_search(std::string_view text) {
    const FoldTable& table = fold_table();
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    std::string out;
    out.reserve(n);
    std::string scratch;
    size_t i = 0;
    while (i < n) {
        const unsigned char b = p[i];
        if (b < 0x80) {
            out.push_back(ascii_lower(b));
            ++i;
            continue;
        }
        size_t len = 0;
        const char32_t c = decode(p + i, n - i, len);
        i += len;
        if (c == kInvalid) {
            out += kReplacementUtf8;
            continue;
        }
        const Folded f = fold_of(table, c, scratch);
        if (f.utf8.empty()) continue;
        const size_t at = out.size();
        out += f.utf8;
        if (static_cast<unsigned char>(f.utf8[0]) == 0xD6) armenian_ev(out, at);
    }
    return out;
}

void for_each_token(
    std::string_view text,
    const std::function<void(std::string_view folded, size_t begin, size_t end)>& emit) {
    scan_tokens(text, [&](std::string_view folded, size_t begin, size_t end) {
        emit(folded, begin, end);
        return true;
    });
}

void TokenizedText::assign(std::string_view text) {
    folded_.clear();
    spans_.clear();
    text_size_ = text.size();
    scan_tokens(text, [&](std::string_view folded, size_t begin, size_t end) {
        folded_ += folded;
        spans_.push_back(Span{static_cast<uint32_t>(folded_.size()), static_cast<uint32_t>(begin),
                              static_cast<uint32_t>(end)});
        return true;
    });
}

//-----------------------------------------------------------------------------
// [SECTION] The "tidings" FTS5 tokenizer
//-----------------------------------------------------------------------------

namespace {

thread_local const TokenReplay* t_replay = nullptr; // innermost replay on this thread

// The tokenizer keeps no state (the folding table is shared and read-only once built), so every
// table on every connection shares this one object.
struct TidingsTokenizer {
    int unused = 0; // placeholder: FTS5 needs a non-null handle
};
TidingsTokenizer g_tokenizer;

int tokenizer_create(void*, const char** args, int arg_count, Fts5Tokenizer** out) {
    (void)args;
    *out = nullptr;
    if (arg_count > 0) return SQLITE_ERROR; // "tidings" takes no options; a typo should show
    *out = reinterpret_cast<Fts5Tokenizer*>(&g_tokenizer);
    return SQLITE_OK;
}

void tokenizer_delete(Fts5Tokenizer*) {}

// Documents, queries, prefix queries and highlight() all fold the same way, so FLAGS changes
// nothing: a prefix query term is folded like a word and FTS5 matches it as a prefix.
int tokenizer_tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int size,
                       int (*token_cb)(void*, int, const char*, int, int, int)) {
    if (text == nullptr || size <= 0) return SQLITE_OK;
    if (t_replay && flags == FTS5_TOKENIZE_DOCUMENT) {
        if (const TokenizedText* words = t_replay->find(std::string_view(text, size_t(size)))) {
            for (size_t i = 0; i < words->size(); ++i) {
                const std::string_view folded = words->folded(i);
                const int rc = token_cb(ctx, 0, folded.data(), int(folded.size()), int(words->begin(i)),
                                        int(words->end(i)));
                if (rc != SQLITE_OK) return rc;
            }
            return SQLITE_OK;
        }
    }
    int rc = SQLITE_OK;
    try {
        scan_tokens(std::string_view(text, size_t(size)), [&](std::string_view folded, size_t begin,
                                                              size_t end) {
            rc = token_cb(ctx, 0, folded.data(), int(folded.size()), int(begin), int(end));
            return rc == SQLITE_OK;
        });
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    } catch (...) {
        return SQLITE_ERROR;
    }
    return rc;
}

fts5_tokenizer g_tokenizer_methods = {tokenizer_create, tokenizer_delete, tokenizer_tokenize};

} // namespace

TokenReplay::TokenReplay(std::initializer_list<std::pair<std::string_view, const TokenizedText*>> texts)
    : outer_(t_replay) {
    for (const auto& t : texts)
        if (count_ < std::size(texts_)) texts_[count_++] = t;
    t_replay = this;
}

TokenReplay::~TokenReplay() { t_replay = outer_; }

const TokenizedText* TokenReplay::find(std::string_view text) const {
    for (size_t i = 0; i < count_; ++i) {
        const auto& [held, words] = texts_[i];
        if (words && held.size() == text.size() && words->text_size() == text.size() &&
            std::memcmp(held.data(), text.data(), text.size()) == 0)
            return words;
    }
    return outer_ ? outer_->find(text) : nullptr;
}

int register_search_tokenizer(sqlite3* db) {
    if (db == nullptr) return SQLITE_MISUSE;
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr);
    if (rc != SQLITE_OK) return rc; // no FTS5 in this SQLite
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
    if (api == nullptr || api->iVersion < 2) return SQLITE_ERROR;
    return api->xCreateTokenizer(api, "tidings", nullptr, &g_tokenizer_methods, nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] User queries
//-----------------------------------------------------------------------------

std::string user_query_to_fts(std::string_view typed, bool prefix_last) {
    std::string out;
    int count = 0;
    scan_tokens(typed, [&](std::string_view folded, size_t, size_t) {
        if (!out.empty()) out.push_back(' ');
        out.push_back('"');
        for (char c : folded) {
            if (c == '"') out.push_back('"');
            out.push_back(c);
        }
        out.push_back('"');
        return ++count < kMaxQueryTokens;
    });
    if (prefix_last && !out.empty()) out.push_back('*');
    return out;
}

} // namespace tidings
