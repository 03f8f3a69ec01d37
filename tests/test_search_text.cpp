// Tests for search text: folding in five languages, words and ranges, UTF-8 checks, FTS5, queries.
#include "test_support.h"

#include "core/search_text.h"
#include "core/sqlite_db.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

using namespace tidings;

namespace {

// One word as for_each_token reported it.
struct Token {
    std::string folded;   // folded form
    std::string original; // the bytes of the range in the original text
    size_t begin = 0;     // start of the range
    size_t end = 0;       // one past the end of the range

    bool operator==(const Token&) const = default;
};

std::vector<Token> tokens_of(std::string_view text) {
    std::vector<Token> out;
    for_each_token(text, [&](std::string_view folded, size_t begin, size_t end) {
        REQUIRE(begin < end);
        REQUIRE(end <= text.size());
        out.push_back(
            {std::string(folded), std::string(text.substr(begin, end - begin)), begin, end});
    });
    return out;
}

std::vector<std::string> folded_words(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : tokens_of(text))
        out.push_back(t.folded);
    return out;
}

std::vector<std::string> original_words(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : tokens_of(text))
        out.push_back(t.original);
    return out;
}

using Words = std::vector<std::string>;
using Rows = std::vector<int64_t>;

// UTF-8 of one code point (test-side encoder, independent of the code under test).
std::string utf8(char32_t c) {
    std::string s;
    if (c < 0x80) {
        s += char(c);
    } else if (c < 0x800) {
        s += char(0xC0 | (c >> 6));
        s += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        s += char(0xE0 | (c >> 12));
        s += char(0x80 | ((c >> 6) & 0x3F));
        s += char(0x80 | (c & 0x3F));
    } else {
        s += char(0xF0 | (c >> 18));
        s += char(0x80 | ((c >> 12) & 0x3F));
        s += char(0x80 | ((c >> 6) & 0x3F));
        s += char(0x80 | (c & 0x3F));
    }
    return s;
}

const std::string kFffd = "\xEF\xBF\xBD";

// One article per language; rowids 1..5.
struct Article {
    const char* title; // title column
    const char* body;  // body column
};
const Article kArticles[] = {
    {"Peace talks in Brussels", "Negotiators met in Brussels. The café was full of people."},
    {"Azərbaycan və Ermənistan sülh danışıqları",
     "AZƏRBAYCAN nümayəndə heyəti Brüsseldə görüşdü. Şuşa, Gəncə və İstanbul haqqında danışıldı. "
     "Ümit Ağdamda idi."},
    {"Переговоры в Тбилиси", "Делегации встретились в ТБИЛИСИ. Ёлка стояла у входа."},
    {"Հայաստանի խաղաղության բանակցություններ",
     "ՀԱՅԱՍՏԱՆԻ պատվիրակությունը հանդիպեց Երևանում և Գյումրիում։"},
    {"საქართველოს დედაქალაქი თბილისი", "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ მასპინძლობდა "
                                       "შეხვედრას."},
};

// An in-memory database with the tokenizer and table t(title, body) holding kArticles.
struct FtsFixture {
    Db db; // the connection

    FtsFixture() {
        auto opened = Db::open(":memory:", OpenMode::ReadWrite);
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        REQUIRE(register_search_tokenizer(db.handle()) == SQLITE_OK);
        REQUIRE(db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='tidings')").ok());
        auto ins = db.prepare("INSERT INTO t(rowid, title, body) VALUES(?1, ?2, ?3)");
        REQUIRE(ins.ok());
        int64_t rowid = 1;
        for (const auto& a : kArticles) {
            ins->reset();
            ins->bind(1, rowid++).bind(2, a.title).bind(3, a.body);
            REQUIRE(ins->run().ok());
        }
    }

    // Rows matching the raw MATCH expression, or the error message.
    Result<Rows> raw_match(const std::string& match) {
        auto st = db.prepare("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid");
        if (!st) return st.error();
        st->bind(1, match);
        Rows out;
        for (;;) {
            auto row = st->step();
            if (!row) return row.error();
            if (!row.value()) break;
            out.push_back(st->column_int(0));
        }
        return out;
    }

    // Rows matching what a person typed.
    Rows find(const std::string& typed, bool prefix = false) {
        const std::string match = user_query_to_fts(typed, prefix);
        INFO("typed: " << typed << "  match: " << match);
        if (match.empty()) return {};
        auto rows = raw_match(match);
        if (!rows) FAIL(rows.error().message);
        return rows.value();
    }

    // First row of a one-column query with the typed text bound as a MATCH expression.
    std::string marked(const std::string& expr, const std::string& typed, bool prefix = false) {
        auto st = db.prepare("SELECT " + expr + " FROM t WHERE t MATCH ?1 ORDER BY rowid LIMIT 1");
        REQUIRE(st.ok());
        st->bind(1, user_query_to_fts(typed, prefix));
        auto row = st->step();
        REQUIRE(row.ok());
        REQUIRE(row.value());
        return st->column_text(0);
    }
};

} // namespace

// [SECTION] Folding

TEST_CASE("fold: Azerbaijani case, schwa, dotted and dotless i, diacritics", "[search_text]") {
    for (const char* s : {"azərbaycan", "Azərbaycan", "AZƏRBAYCAN", "azerbaycan", "AZERBAYCAN"})
        CHECK(fold_for_search(s) == "azerbaycan");
    for (const char* s : {"İstanbul", "ISTANBUL", "istanbul", "ıstanbul", "İSTANBUL"})
        CHECK(fold_for_search(s) == "istanbul");
    CHECK(fold_for_search("Ümit") == "umit");
    CHECK(fold_for_search("şçğöü") == "scgou");
    CHECK(fold_for_search("ŞÇĞÖÜ") == "scgou");
    CHECK(fold_for_search("Gəncə") == "gence");
    CHECK(fold_for_search("ǝ") == "e"); // turned e, typed for ə by mistake
}

TEST_CASE("fold: Russian case, ё and й", "[search_text]") {
    for (const char* s : {"тбилиси", "Тбилиси", "ТБИЛИСИ"})
        CHECK(fold_for_search(s) == "тбилиси");
    CHECK(fold_for_search("ёлка") == "елка");
    CHECK(fold_for_search("ЁЛКА") == "елка");
    CHECK(fold_for_search("Ёлка") == fold_for_search("елка"));
    CHECK(fold_for_search("ЙОД") == "иод");
    CHECK(fold_for_search("приве\xCC\x81т") == "привет"); // stress mark U+0301
}

TEST_CASE("fold: Armenian case and the ligature և", "[search_text]") {
    for (const char* s : {"Հայաստան", "հայաստան", "ՀԱՅԱՍՏԱՆ"})
        CHECK(fold_for_search(s) == "հայաստան");
    // և is եւ; in modern spelling it reads "ev" and capitalises as ԵՎ, so all fold to եվ.
    for (const char* s : {"և", "եւ", "ԵՒ", "Եվ", "ԵՎ", "եվ"})
        CHECK(fold_for_search(s) == "եվ");
    for (const char* s : {"Երևան", "ԵՐԵՎԱՆ", "Երեւան", "երեվան"})
        CHECK(fold_for_search(s) == "երեվան");
    // ու (the vowel u) is untouched.
    CHECK(fold_for_search("ՈՒ") == "ու");
    CHECK(fold_for_search("Գյումրիում") == "գյումրիում");
}

TEST_CASE("fold: Georgian Mtavruli to Mkhedruli", "[search_text]") {
    CHECK(fold_for_search("ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ") == "საქართველო");
    CHECK(fold_for_search("საქართველო") == "საქართველო");
    CHECK(fold_for_search("ᲗᲑᲘᲚᲘᲡᲘ") == "თბილისი");
    // Every Mtavruli capital with a Mkhedruli partner folds to it (U+1C90..1CBA, 1CBD..1CBF).
    for (char32_t c = 0x1C90; c <= 0x1CBF; ++c) {
        if (c == 0x1CBB || c == 0x1CBC) continue; // unassigned
        INFO("U+" << std::hex << uint32_t(c));
        CHECK(fold_for_search(utf8(c)) == utf8(c - 0x1C90 + 0x10D0));
    }
}

TEST_CASE("fold: English and Latin diacritics, compatibility forms", "[search_text]") {
    CHECK(fold_for_search("café") == "cafe");
    CHECK(fold_for_search("CAFÉ") == "cafe");
    CHECK(fold_for_search("cafe\xCC\x81") == "cafe"); // decomposed é
    CHECK(fold_for_search("Straße") == "strasse");
    CHECK(fold_for_search("ﬁnal") == "final");
    CHECK(fold_for_search("Øresund Łódź Đakovo") == "oresund lodz dakovo");
    CHECK(fold_for_search("ＦＵＬＬ") == "full");                       // full-width
    CHECK(fold_for_search("\xF0\x9D\x90\x80\xF0\x9D\x90\x81") == "ab"); // math bold 𝐀𝐁
    CHECK(fold_for_search("Hello, World! 42") == "hello, world! 42");
    CHECK(fold_for_search("") == "");
}

TEST_CASE("fold: invalid bytes become U+FFFD, one per maximal bad subsequence", "[search_text]") {
    CHECK(fold_for_search("a\xFF"
                          "b") == "a" + kFffd + "b");
    CHECK(fold_for_search("\xC0\xAF") == kFffd + kFffd);
    CHECK(fold_for_search("\xED\xA0\x80") == kFffd + kFffd + kFffd);
    CHECK(fold_for_search("\xE2\x82"
                          "a") == kFffd + "a");
    CHECK(fold_for_search("x\xF0\x9F\x98") == "x" + kFffd);
    CHECK(fold_for_search(std::string("a\0B", 3)) == std::string("a\0b", 3));
    CHECK(is_valid_utf8(fold_for_search("\x80\xBF\xC3\xC3\xA9\xF8\xF4\x90")));
}

TEST_CASE("fold: every BMP word folds to a word that folds to itself", "[search_text]") {
    // Queries are folded words that FTS5 tokenizes again, so a folded word must come back as
    // exactly one word, unchanged. Checked for all of the BMP.
    size_t words = 0;
    for (char32_t c = 0; c < 0x10000; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        const std::string s = utf8(c);
        const auto toks = tokens_of(s);
        if (toks.empty()) continue;
        ++words;
        INFO("U+" << std::hex << uint32_t(c));
        REQUIRE(toks.size() == 1);
        CHECK(toks[0].begin == 0);
        CHECK(toks[0].end == s.size());
        const std::string& f = toks[0].folded;
        CHECK(fold_for_search(s) == f);
        CHECK(fold_for_search(f) == f);
        const auto again = tokens_of(f);
        REQUIRE(again.size() == 1);
        CHECK(again[0].folded == f);
        CHECK(again[0].original == f);
    }
    CHECK(words > 40000); // letters of the BMP, so the loop really ran
}

// [SECTION] Words and ranges

TEST_CASE("tokens: mixed scripts with their ranges in the original text", "[search_text]") {
    const std::string text = "Azərbaycan, Ermənistan — ՀԱՅԱՍՏԱՆ «Тбилиси» "
                             "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ's café-bar 2024!";
    CHECK(folded_words(text) == Words{"azerbaycan", "ermenistan", "հայաստան", "тбилиси",
                                      "საქართველო", "s", "cafe", "bar", "2024"});
    CHECK(original_words(text) == Words{"Azərbaycan", "Ermənistan", "ՀԱՅԱՍՏԱՆ", "Тбилиси",
                                        "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ", "s", "café", "bar",
                                        "2024"});
    const auto toks = tokens_of(text);
    REQUIRE(toks.size() == 9);
    CHECK(toks[0].begin == 0);
    CHECK(toks[0].end == std::string("Azərbaycan").size());
    CHECK(toks[8].end == text.size() - 1);
}

TEST_CASE("tokens: what separates words and what does not", "[search_text]") {
    // Apostrophes, hyphens, dashes, no-break and ideographic spaces, symbols separate.
    CHECK(folded_words("O’Brien rock'n'roll well-known a–b c\xC2\xA0"
                       "d e\xE3\x80\x80"
                       "f $5 x+y") == Words{"o", "brien", "rock", "n", "roll", "well", "known", "a",
                                            "b", "c", "d", "e", "f", "5", "x", "y"});
    CHECK(folded_words("peace🕊️talks") == Words{"peace", "talks"});
    CHECK(folded_words("") == Words{});
    CHECK(folded_words(" \t\n.,;:!?()[]{}\"'*^-") == Words{});
    // Combining marks belong to the word; decomposed é covers its mark in the range.
    auto toks = tokens_of("cafe\xCC\x81!");
    REQUIRE(toks.size() == 1);
    CHECK(toks[0].folded == "cafe");
    CHECK(toks[0].end == 6);
    // Soft hyphen and ZWNJ stay inside a word; at the edges they are not part of the range.
    CHECK(folded_words("news\xC2\xADpaper") == Words{"newspaper"});
    CHECK(folded_words("می\xE2\x80\x8Cخواهم") == Words{"میخواهم"});
    toks = tokens_of("\xC2\xAD"
                     "abc\xC2\xAD");
    REQUIRE(toks.size() == 1);
    CHECK(toks[0].begin == 2);
    CHECK(toks[0].end == 5);
    // Armenian question and emphasis marks sit on a vowel inside the word.
    CHECK(folded_words("Ինչո՞ւ Երևա՛ն") == Words{"ինչու", "երեվան"});
    // A lone mark is no word.
    CHECK(folded_words("\xCC\x81") == Words{});
    // Digits of all kinds are word characters.
    CHECK(folded_words("x² ½ 2024") == Words{"x2", "12", "2024"});
}

TEST_CASE("tokens: invalid bytes separate words and never end up in a word", "[search_text]") {
    auto toks = tokens_of("ab\xFF"
                          "cd");
    REQUIRE(toks.size() == 2);
    CHECK(toks[0] == Token{"ab", "ab", 0, 2});
    CHECK(toks[1] == Token{"cd", "cd", 3, 5});
    CHECK(folded_words("\xC3"
                       "a\xE2\x82"
                       "b\xED\xA0\x80"
                       "c\xF0\x9F\x98") == Words{"a", "b", "c"});
    CHECK(folded_words(std::string("pea\0ce", 6)) == Words{"pea", "ce"});
}

TEST_CASE("tokens: long runs are cut at 64 folded code points, range covers the run",
          "[search_text]") {
    const std::string long_ascii(100, 'A');
    auto toks = tokens_of(long_ascii + " b");
    REQUIRE(toks.size() == 2);
    CHECK(toks[0].folded == std::string(64, 'a'));
    CHECK(toks[0].end == 100);
    CHECK(toks[1].folded == "b");
    // The cut is made on the folded text, so NFC and NFD spellings give the same word.
    std::string nfc, nfd;
    for (int i = 0; i < 70; ++i) {
        nfc += "é";
        nfd += "e\xCC\x81";
    }
    const auto a = tokens_of(nfc);
    const auto b = tokens_of(nfd);
    REQUIRE(a.size() == 1);
    REQUIRE(b.size() == 1);
    CHECK(a[0].folded == std::string(64, 'e'));
    CHECK(b[0].folded == a[0].folded);
    CHECK(a[0].end == nfc.size());
    CHECK(b[0].end == nfd.size());
    // Cyrillic: 64 code points, 128 bytes.
    std::string cyr;
    for (int i = 0; i < 80; ++i)
        cyr += "Ж";
    toks = tokens_of(cyr);
    REQUIRE(toks.size() == 1);
    CHECK(toks[0].folded.size() == 128);
}

// [SECTION] UTF-8 validation

TEST_CASE("is_valid_utf8: accepts well-formed text up to U+10FFFF", "[search_text]") {
    for (const std::string& s :
         {std::string(), std::string("abc"), std::string("a\0b", 3), std::string("é€"),
          std::string("\xC2\x80"), std::string("\xDF\xBF"), std::string("\xE0\xA0\x80"),
          std::string("\xED\x9F\xBF"), std::string("\xEE\x80\x80"), std::string("\xEF\xBF\xBF"),
          std::string("\xF0\x90\x80\x80"), std::string("\xF0\x9F\x98\x80"),
          std::string("\xF4\x8F\xBF\xBF"), std::string("Azərbaycan Հայաստան საქართველო Тбилиси")}) {
        INFO(s);
        CHECK(is_valid_utf8(s));
    }
}

TEST_CASE("is_valid_utf8: rejects overlongs, surrogates, too large and truncated",
          "[search_text]") {
    for (const std::string& s : {std::string("\xC0\xAF"),
                                 std::string("\xC1\xBF"),
                                 std::string("\xE0\x80\xAF"),
                                 std::string("\xE0\x9F\xBF"),
                                 std::string("\xF0\x80\x80\xAF"),
                                 std::string("\xF0\x8F\xBF\xBF"),
                                 std::string("\xED\xA0\x80"),
                                 std::string("\xED\xBF\xBF"),
                                 std::string("\xF4\x90\x80\x80"),
                                 std::string("\xF5\x80\x80\x80"),
                                 std::string("\xF8\x88\x80\x80\x80"),
                                 std::string("\xFF"),
                                 std::string("\xFE"),
                                 std::string("\x80"),
                                 std::string("\xBF"),
                                 std::string("\xC3"),
                                 std::string("\xE2\x82"),
                                 std::string("\xF0\x9F\x98"),
                                 std::string("a\xC3"),
                                 std::string("\xC3"
                                             "a"),
                                 std::string("\xE2\x82"
                                             "a"),
                                 std::string("\xC3\xA9\xA9")}) {
        INFO(s);
        CHECK_FALSE(is_valid_utf8(s));
    }
}

TEST_CASE("is_valid_utf8: the eight-byte ASCII path sees a bad byte anywhere", "[search_text]") {
    for (size_t pos = 0; pos < 40; ++pos) {
        std::string s(40, 'a');
        CHECK(is_valid_utf8(s));
        s[pos] = '\x80';
        INFO("bad byte at " << pos);
        CHECK_FALSE(is_valid_utf8(s));
        std::string t(40, 'a');
        t.insert(pos, "é");
        CHECK(is_valid_utf8(t));
        t.pop_back();
        t.push_back('\xC3');
        CHECK_FALSE(is_valid_utf8(t));
    }
}

// [SECTION] User queries

TEST_CASE("user_query_to_fts: quoted folded words, operators are words", "[search_text]") {
    CHECK(user_query_to_fts("Café", false) == "\"cafe\"");
    CHECK(user_query_to_fts("Café  AND \"NEAR(\" x", false) == "\"cafe\" \"and\" \"near\" \"x\"");
    CHECK(user_query_to_fts("Café  AND \"NEAR(\" x", true) == "\"cafe\" \"and\" \"near\" \"x\"*");
    CHECK(user_query_to_fts("title:x", false) == "\"title\" \"x\"");
    CHECK(user_query_to_fts("azər", true) == "\"azer\"*");
    CHECK(user_query_to_fts(std::string("pea\0ce", 6), false) == "\"pea\" \"ce\"");
    for (const std::string& s :
         {std::string(), std::string("   "), std::string("\"*^-()"), std::string(1, '\0'),
          std::string("\xFF\xFE"), std::string("\xC3")}) {
        CHECK(user_query_to_fts(s, false).empty());
        CHECK(user_query_to_fts(s, true).empty());
    }
    // At most 16 words.
    std::string many;
    for (int i = 0; i < 20; ++i) {
        many += 'w';
        many += std::to_string(i);
        many += ' ';
    }
    const std::string q = user_query_to_fts(many, false);
    CHECK(std::count(q.begin(), q.end(), '"') == 32);
    CHECK(q.find("\"w15\"") != std::string::npos);
    CHECK(q.find("w16") == std::string::npos);
}

// [SECTION] FTS5

TEST_CASE("fts5: typed forms find the right article in all five languages", "[search_text]") {
    FtsFixture f;
    // Azerbaijani
    for (const char* q : {"azerbaycan", "Azərbaycan", "AZƏRBAYCAN", "azərbaycan", "susa", "ŞUŞA",
                          "istanbul", "İSTANBUL", "ıstanbul", "umit", "agdamda", "gence"})
        CHECK(f.find(q) == Rows{2});
    // Russian
    for (const char* q : {"тбилиси", "Тбилиси", "ТБИЛИСИ", "елка", "ёлка", "ЁЛКА"})
        CHECK(f.find(q) == Rows{3});
    // Armenian
    for (const char* q :
         {"հայաստանի", "ՀԱՅԱՍՏԱՆԻ", "Երևանում", "Երեւանում", "ԵՐԵՎԱՆՈՒՄ", "եվ", "և"})
        CHECK(f.find(q) == Rows{4});
    // Georgian: the body has Mtavruli capitals, the title Mkhedruli.
    for (const char* q :
         {"საქართველო", "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ", "თბილისი", "ᲗᲑᲘᲚᲘᲡᲘ"})
        CHECK(f.find(q) == Rows{5});
    // English
    for (const char* q : {"cafe", "CAFÉ", "Brussels", "PEACE talks"})
        CHECK(f.find(q) == Rows{1});
    // All words must match; no transliteration between scripts.
    CHECK(f.find("peace tbilisi").empty());
    CHECK(f.find("tbilisi").empty());
    CHECK(f.find("brussels brusselde").empty());
}

TEST_CASE("fts5: the last word as a prefix, folded the same way", "[search_text]") {
    FtsFixture f;
    CHECK(f.find("azər", true) == Rows{2});
    CHECK(f.find("AZƏR", true) == Rows{2});
    CHECK(f.find("тби", true) == Rows{3});
    CHECK(f.find("тби", false).empty());
    CHECK(f.find("ᲡᲐᲥ", true) == Rows{5});
    CHECK(f.find("brüs", true) == Rows{1, 2});
    CHECK(f.find("peace tal", true) == Rows{1});
    CHECK(f.find("ԵՐԵՎ", true) == Rows{4});
}

TEST_CASE("fts5: the index holds folded words", "[search_text]") {
    FtsFixture f;
    REQUIRE(f.db.exec("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')").ok());
    auto st = f.db.prepare("SELECT count(*) FROM v WHERE term = ?1");
    REQUIRE(st.ok());
    auto count = [&](const std::string& term) {
        st->reset();
        st->bind(1, term);
        auto row = st->step();
        REQUIRE(row.ok());
        REQUIRE(row.value());
        return st->column_int(0);
    };
    CHECK(count("azerbaycan") == 1);
    CHECK(count("azərbaycan") == 0);
    CHECK(count("საქართველო") == 1);
    CHECK(count("ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ") == 0);
    CHECK(count("елка") == 1);
}

TEST_CASE("fts5: highlight and snippet mark the original words", "[search_text]") {
    FtsFixture f;
    CHECK(f.marked("highlight(t, 0, '[', ']')", "azerbaycan") ==
          "[Azərbaycan] və Ermənistan sülh danışıqları");
    CHECK(f.marked("snippet(t, 1, '[', ']', '…', 6)", "azerbaycan").find("[AZƏRBAYCAN]") !=
          std::string::npos);
    CHECK(f.marked("highlight(t, 0, '[', ']')", "ТБИ", true) == "Переговоры в [Тбилиси]");
    CHECK(f.marked("highlight(t, 1, '[', ']')", "ՀԱՅԱՍՏԱՆԻ ԵՐԵՎԱՆՈՒՄ") ==
          "[ՀԱՅԱՍՏԱՆԻ] պատվիրակությունը հանդիպեց [Երևանում] և Գյումրիում։");
    CHECK(f.marked("highlight(t, 1, '[', ']')", "საქართველო") == "[ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ] "
                                                                 "მასპინძლობდა შეხვედრას.");
    CHECK(f.marked("highlight(t, 1, '[', ']')", "ёлка") ==
          "Делегации встретились в ТБИЛИСИ. [Ёлка] стояла у входа.");
    CHECK(f.marked("highlight(t, 1, '[', ']')", "CAFE") ==
          "Negotiators met in Brussels. The [café] was full of people.");
}

TEST_CASE("fts5: hostile typed text never gives an SQL error", "[search_text]") {
    FtsFixture f;
    // These really are FTS5 syntax errors when passed raw, so the test below means something.
    for (const char* raw : {"\"", "NEAR(", "AND", ")(", "nosuch:x", "-"})
        CHECK_FALSE(f.raw_match(raw).ok());

    std::string garbage;
    uint32_t x = 12345;
    for (int i = 0; i < 10000; ++i) {
        x = x * 1103515245u + 12345u;
        garbage.push_back(char((x >> 16) & 0xFF));
    }
    const std::vector<std::string> hostile = {"\"",
                                              "\"\"",
                                              "*",
                                              "**",
                                              "NEAR(",
                                              "NEAR(peace brussels",
                                              "AND",
                                              "OR",
                                              "NOT",
                                              "peace AND",
                                              "-",
                                              "- ",
                                              "-peace",
                                              "title:x",
                                              "title:peace",
                                              "{title}: x",
                                              ")(",
                                              "(",
                                              "^peace",
                                              "peace*",
                                              "'; DROP TABLE t; --",
                                              std::string("pea\0ce", 6),
                                              std::string(1, '\0'),
                                              "\xFF\xFE",
                                              "\xC3",
                                              "\xED\xA0\x80",
                                              std::string(10000, '('),
                                              std::string(10000, '"'),
                                              garbage,
                                              "peace\"brussels",
                                              "a:b:c",
                                              "+",
                                              ":",
                                              "peace NEAR brussels",
                                              "NEAR",
                                              "\"peace\" OR \"x\""};
    for (const auto& q : hostile) {
        for (bool prefix : {false, true}) {
            const std::string match = user_query_to_fts(q, prefix);
            INFO("typed: " << q << "  match: " << match);
            if (match.empty()) continue;
            CHECK(f.raw_match(match).ok());
            CHECK(f.raw_match("{title} : (" + match + ")").ok());
        }
    }
    // Quotes, stars and brackets are not syntax: the words inside still match as words.
    CHECK(f.find("\"peace\" \"brussels\"") == Rows{1});
    CHECK(f.find("(brussels)") == Rows{1});
    CHECK(f.find("peace*") == Rows{1});
    CHECK(f.find("peace NOT brussels").empty()); // "not" must be in the text
    CHECK(f.find("title:peace").empty());        // "title" must be in the text
    auto n = query_int(f.db, "SELECT count(*) FROM t");
    REQUIRE(n.ok());
    CHECK(n.value() == 5);
}

TEST_CASE("fts5: the tokenizer refuses options it does not know", "[search_text]") {
    auto db = Db::open(":memory:", OpenMode::ReadWrite);
    REQUIRE(db.ok());
    REQUIRE(register_search_tokenizer(db->handle()) == SQLITE_OK);
    CHECK_FALSE(
        db->exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='tidings remove_diacritics 0')")
            .ok());
    CHECK(db->exec("CREATE VIRTUAL TABLE u USING fts5(x, tokenize='tidings')").ok());
    CHECK(register_search_tokenizer(nullptr) == SQLITE_MISUSE);
}

TEST_CASE("fts5: several connections on several threads", "[search_text]") {
    tidings::test::TempDir dir;
    const std::string path = dir.file("shared.db");
    {
        auto db = Db::open(path, OpenMode::ReadWrite);
        REQUIRE(db.ok());
        REQUIRE(register_search_tokenizer(db->handle()) == SQLITE_OK);
        REQUIRE(db->exec("PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE t USING fts5(title, body, "
                         "tokenize='tidings');"
                         "INSERT INTO t(title, body) VALUES('Azərbaycan', 'Тбилиси "
                         "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ Հայաստան café');")
                    .ok());
    }
    std::atomic<int> found{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            auto db = Db::open(path, OpenMode::ReadWrite);
            if (!db || register_search_tokenizer(db->handle()) != SQLITE_OK) {
                ++failures;
                return;
            }
            for (int i = 0; i < 50; ++i) {
                for (const char* q : {"azerbaycan", "ТБИЛИСИ", "საქართველო", "ՀԱՅԱՍՏԱՆ", "CAFE"}) {
                    auto st = db->prepare("SELECT count(*) FROM t WHERE t MATCH ?1");
                    if (!st) {
                        ++failures;
                        return;
                    }
                    st->bind(1, user_query_to_fts(q, i % 2 == 0));
                    auto row = st->step();
                    if (!row || !row.value()) {
                        ++failures;
                        return;
                    }
                    if (st->column_int(0) == 1) ++found;
                }
            }
        });
    }
    for (auto& t : threads)
        t.join();
    CHECK(failures == 0);
    CHECK(found == 4 * 50 * 5);
}

// [SECTION] Throughput

TEST_CASE("throughput: tokenizing about 10 MB of mixed text", "[search_text]") {
    std::string sample;
    for (const auto& entry : std::filesystem::directory_iterator(tidings::test::seeds_dir()))
        sample += tidings::test::read_file(entry.path());
    // About as many bytes of Azerbaijani, Russian, Armenian and Georgian as of English.
    for (int i = 0; i < 25; ++i) {
        for (const auto& a : kArticles) {
            sample += a.title;
            sample += '\n';
            sample += a.body;
            sample += '\n';
        }
    }
    REQUIRE(sample.size() > 10000);
    std::string text;
    text.reserve(10'500'000);
    while (text.size() < 10'000'000)
        text += sample;

    size_t tokens = 0;
    size_t folded_bytes = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for_each_token(text, [&](std::string_view folded, size_t, size_t) {
        ++tokens;
        folded_bytes += folded.size();
    });
    const auto t1 = std::chrono::steady_clock::now();
    const std::string folded = fold_for_search(text);
    const auto t2 = std::chrono::steady_clock::now();
    const double mb = double(text.size()) / 1e6;
    const double tok_s = std::chrono::duration<double>(t1 - t0).count();
    const double fold_s = std::chrono::duration<double>(t2 - t1).count();
    std::printf("search_text throughput: %.1f MB, for_each_token %.0f MB/s (%zu words), "
                "fold_for_search %.0f MB/s\n",
                mb, mb / tok_s, tokens, mb / fold_s);
    CHECK(tokens > 1'000'000);
    CHECK(folded_bytes > 0);
    CHECK(folded.size() <= text.size()); // folds here only shrink or keep sizes
}
