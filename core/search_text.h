// Search text handling: Unicode folding for five languages, the FTS5 tokenizer, user queries.
#pragma once

#include <cstddef>
#include <functional>
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

// Registers the "tidings" FTS5 tokenizer (built on for_each_token) on DB. Returns SQLITE_OK or
// an SQLite error code.
int register_search_tokenizer(sqlite3* db);

// Turns what a person typed into a safe FTS5 MATCH expression: every word becomes a quoted
// string, words are ANDed, and with PREFIX_LAST the last word matches as a prefix. Operators,
// quotes, stars, NEAR(, column filters and NUL bytes are plain text. Returns "" when the input
// holds no word (the caller shows no results instead of running a query).
std::string user_query_to_fts(std::string_view typed, bool prefix_last);

} // namespace tidings
