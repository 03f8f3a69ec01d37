// Search text handling: Unicode folding for five languages, the FTS5 tokenizer, user queries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <utility>
#include <vector>
#include <string>
#include <string_view>

struct sqlite3;

namespace tidings {

// Appends the code point CP (a valid scalar value) to OUT as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// True when TEXT is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Folds text for matching: lower case in Latin, Cyrillic, Armenian and Georgian (Mtavruli to
// Mkhedruli), diacritics removed (é→e, ё→е, й→и), and the Azerbaijani letters folded to their
// plain Latin look-alikes (ə→e, ı→i, ğ→g, ş→s, ç→c, ö→o, ü→u). Compatibility forms decompose
// (ﬁ→fi, full-width → ASCII), stroke letters ø đ ł ħ lose the stroke, and Armenian և, եւ, ԵՎ all
// fold to եվ (the modern spelling of the same sound). Invisible characters (soft hyphen, ZWJ) and
// Armenian marks written over a vowel (՛ ՜ ՞ ՟) fold to nothing. Invalid bytes become U+FFFD.
std::string fold_for_search(std::string_view text);

// Calls EMIT for each word of TEXT with its folded form and its byte range in TEXT.
// Words are runs of letters, combining marks and digits (apostrophes and hyphens inside words
// split them; soft hyphens, ZWJ/ZWNJ and Armenian ՛ ՜ ՞ ՟ neither split nor start a word). A
// word's fold is cut after 64 code points; its range still covers the whole run. Invalid bytes
// separate words.
void for_each_token(std::string_view text,
                    const std::function<void(std::string_view folded, size_t begin, size_t end)>& emit);

// The words of one text as for_each_token finds them, kept so the text can be indexed later (on
// another thread) without being scanned again.
class TokenizedText {
  public:
    // Tokenizes TEXT, replacing what was held; capacity is kept for the next text.
    void assign(std::string_view text);
    // Words held.
    size_t size() const { return spans_.size(); }
    // Folded form of word I.
    std::string_view folded(size_t i) const {
        const uint32_t from = i == 0 ? 0 : spans_[i - 1].folded_end;
        return std::string_view(folded_).substr(from, spans_[i].folded_end - from);
    }
    // Byte range of word I in the text.
    size_t begin(size_t i) const { return spans_[i].begin; }
    size_t end(size_t i) const { return spans_[i].end; }
    // Size of the text in bytes.
    size_t text_size() const { return text_size_; }

  private:
    // Where one word is.
    struct Span {
        uint32_t folded_end; // end of its fold in folded_
        uint32_t begin;      // first byte in the text
        uint32_t end;        // byte after its last byte in the text
    };
    std::string folded_;      // every fold, back to back
    std::vector<Span> spans_; // one per word
    size_t text_size_ = 0;    // bytes of the text
};

// While alive on a thread, the "tidings" tokenizer on that thread, asked to tokenize a document
// (not a query) whose text is byte for byte one of TEXTS[i], reports the words of TOKENS[i]
// instead of scanning the text again. Anything else is scanned as usual, so a mismatch costs
// time, never correctness. Nests; not copyable.
class TokenReplay {
  public:
    TokenReplay(std::initializer_list<std::pair<std::string_view, const TokenizedText*>> texts);
    ~TokenReplay();
    TokenReplay(const TokenReplay&) = delete;
    TokenReplay& operator=(const TokenReplay&) = delete;

    // The words held for TEXT, or null.
    const TokenizedText* find(std::string_view text) const;

  private:
    std::pair<std::string_view, const TokenizedText*> texts_[4]; // at most four texts
    size_t count_ = 0;                                            // texts held
    const TokenReplay* outer_;                                    // the replay this one hides
};

// Registers the "tidings" FTS5 tokenizer (built on for_each_token) on DB. Returns SQLITE_OK or
// an SQLite error code.
int register_search_tokenizer(sqlite3* db);

// Turns what a person typed into a safe FTS5 MATCH expression: every word becomes a quoted
// string, words are ANDed, and with PREFIX_LAST the last word matches as a prefix. Operators,
// quotes, stars, NEAR(, column filters and NUL bytes are plain text. Returns "" when the input
// holds no word (the caller shows no results instead of running a query).
std::string user_query_to_fts(std::string_view typed, bool prefix_last);

} // namespace tidings
